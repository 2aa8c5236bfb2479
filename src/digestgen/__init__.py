"""digestgen: an event recap, written once in YAML, as a newsletter, social drafts and a preview."""

__version__ = "0.1.0"
