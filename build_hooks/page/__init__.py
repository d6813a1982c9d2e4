"""A page read once, and how its snippets run."""
