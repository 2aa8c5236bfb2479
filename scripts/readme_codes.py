"""The README's table of check codes, written from the checks' own declarations.

    python scripts/readme_codes.py --write   # `make docs`: rewrite the table in README.md
    python scripts/readme_codes.py           # exit 1 when README.md's table is not the checks'

The table sits between the two marker lines below; the rest of the README is left as it is.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from digestgen.checks.registry import codes_table

README = Path(__file__).resolve().parents[1] / "README.md"
START = "<!-- codes: written by `make docs` from digestgen/checks; edit the checks, not this -->"
END = "<!-- /codes -->"


def with_table(readme: str, table: str) -> str:
    """``readme`` with the text between the markers replaced by ``table``."""
    head, start, rest = readme.partition(START + "\n")
    _, end, tail = rest.partition(END)
    if not start or not end:
        raise SystemExit(f"{README.name}: the markers {START!r} and {END!r} are missing")
    return head + start + table + end + tail


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the table in README.md")
    arguments = parser.parse_args()
    readme = README.read_text(encoding="utf-8")
    wanted = with_table(readme, codes_table())
    if arguments.write:
        if wanted != readme:
            README.write_text(wanted, encoding="utf-8")
        return 0
    if wanted != readme:
        print(f"{README.name}: the table of check codes is out of date; run `make docs`")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
