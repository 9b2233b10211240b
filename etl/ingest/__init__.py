"""A submitted file checked and accepted whole or refused whole: bytes to text, text to a table, cells to typed
values, the contract's checks, the ledger row."""
