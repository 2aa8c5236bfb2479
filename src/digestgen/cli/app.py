"""The ``digestgen`` command: the app of :mod:`digestgen.cli.base` with every command of
:mod:`digestgen.cli.commands` registered, in the order ``--help`` lists them."""

from __future__ import annotations

import gc
import os

from digestgen.cli.base import app
from digestgen.cli.commands import (  # noqa: F401 - each module registers its command
    build,
    check,
    draft,
    enrich,
    init,
    newsletter,
    preview,
    schema,
    send_test,
    social,
)


def main() -> None:
    """Entry point of the ``digestgen`` console script."""
    # A command imports many long-lived objects (pydantic, premailer) and makes few cycles: the
    # cyclic collector would rescan them for nothing, a sixth of a build's time. Commands that
    # run long (build --all, preview) turn it back on with long_running().
    gc.disable()
    # digestgen uses no pydantic plugin; looking for them reads every installed package's
    # metadata, a tenth of a build's time.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app(prog_name="digestgen")
    finally:
        gc.enable()


if __name__ == "__main__":  # pragma: no cover
    main()
