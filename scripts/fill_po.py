"""Fill translations into a language's catalog from a small .po file of new entries.

    python scripts/fill_po.py fr new-words.po

Run ``make messages`` first (it adds the new words, untranslated); this sets each entry's
``msgstr`` from the file given, matched by context and English text, and leaves every other
entry as it is. Entries of the file that the catalog does not have are listed and skipped.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

LOCALES = Path(__file__).resolve().parents[1] / "src" / "digestgen" / "locale"


def main(language: str, new: str) -> int:
    path = LOCALES / language / "LC_MESSAGES" / "digestgen.po"
    with path.open("rb") as f:
        catalog = read_po(f, locale=language)
    with Path(new).open("rb") as f:
        entries = read_po(f, locale=language)
    missing = []
    for entry in entries:
        if not entry.id:
            continue
        found = catalog.get(entry.id, context=entry.context)
        if found is None:
            missing.append(f"{entry.context}: {entry.id!r}")
            continue
        found.string = entry.string
    header = path.read_text(encoding="utf-8").split("msgid", 1)[0]
    with path.open("wb") as f:
        write_po(f, catalog, width=100, omit_header=False, ignore_obsolete=True)
    text = path.read_text(encoding="utf-8")
    # Babel rewrites the header comment; keep the translators' own.
    path.write_text(header + "msgid" + text.split("msgid", 1)[1], encoding="utf-8")
    for line in missing:
        print(f"not in the catalog (run make messages first?): {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
