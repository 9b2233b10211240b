"""Who may change what and the record of it: accounts and sessions, the audit trail, period locks, target and
holiday changes, comments, narratives, disputes, chart annotations."""
