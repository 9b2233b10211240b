"""Ledger and archive to a published DuckDB snapshot: the full and incremental builds, the build lock, period-lock
freezing, pinned snapshots."""
