"""What editors write: the models, their loading from YAML, the workspace, photos, services."""
