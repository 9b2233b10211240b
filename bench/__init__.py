"""National-scale benchmark of govdash beside its peers (`make bench`; see bench/run.py)."""
