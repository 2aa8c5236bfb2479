"""The social platforms: one record each, how each counts a post and shows a link."""
