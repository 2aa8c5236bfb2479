"""Every socket digestgen opens: the guarded HTTP fetcher, page metadata, SMTP."""
