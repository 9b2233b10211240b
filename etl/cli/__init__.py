"""The `govdash` command: the composition root, which may import every other package."""
