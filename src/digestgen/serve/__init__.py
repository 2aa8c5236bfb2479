"""The preview server: it serves out/, rebuilds on save and reloads the open pages."""
