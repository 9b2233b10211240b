"""Subscriptions, the in-app inbox, alert events and their e-mail (notify, digest, the mailed report)."""
