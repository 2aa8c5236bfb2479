"""The files digestgen writes: the newsletter and its .eml, the social drafts, the quote cards."""
