"""What every output is rendered from: the view of a digest, the templates, UTM tags, colours."""
