"""One module per command, as ``digestgen --help`` lists them."""
