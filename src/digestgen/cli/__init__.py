"""The command line: the typer app, and what the commands print."""
