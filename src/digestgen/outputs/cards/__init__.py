"""The quote cards: planned, drawn by worker processes, kept in a user cache."""
