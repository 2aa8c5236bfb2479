"""Refresh digestgen's snapshot of caniemail's data (``make caniemail``).

Reads ``caniemail.json`` from the npm package ``caniemail`` (unpacked by the Makefile), keeps
the client families ``digestgen check`` reports on, with each platform's latest test result,
and writes ``src/digestgen/data/caniemail.json`` beside the data's MIT licence. No network at
run time: digestgen only ever reads the snapshot.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

# The families reported, each with the caniemail family and platforms that make it up.
FAMILIES = {
    "Gmail": ("gmail", ("desktop-webmail", "ios", "android", "mobile-webmail")),
    "Outlook Windows": ("outlook", ("windows", "windows-mail")),
    "Outlook.com": ("outlook", ("outlook-com",)),
    "Apple Mail": ("apple-mail", ("macos", "ios")),
    "Yahoo": ("yahoo", ("desktop-webmail", "ios", "android")),
    "Samsung": ("samsung-email", ("android",)),
}


def trim(data: dict) -> dict:
    features = {}
    for feature in data["data"]:
        stats = {}
        for family, (source, platforms) in FAMILIES.items():
            found = {}
            for platform in platforms:
                versions = feature["stats"].get(source, {}).get(platform)
                if versions:
                    found[platform] = list(versions.values())[-1]  # the latest test
            if found:
                stats[family] = found
        features[feature["slug"]] = {
            "title": feature["title"],
            "url": feature["url"],
            "stats": stats,
            "notes": feature.get("notes_by_num") or {},
        }
    return {
        "source": "caniemail.com, through the npm package caniemail (MIT licence)",
        "last_update_date": data["last_update_date"],
        "families": {name: list(platforms) for name, (_, platforms) in FAMILIES.items()},
        "features": features,
    }


def main(package: Path, target: Path) -> None:
    data = json.loads((package / "data" / "caniemail.json").read_text("utf-8"))
    snapshot = trim(data)
    target.mkdir(parents=True, exist_ok=True)
    text = json.dumps(snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    (target / "caniemail.json").write_text(text + "\n", encoding="utf-8")
    shutil.copyfile(package / "LICENSE", target / "caniemail.LICENSE")
    print(f"caniemail data of {snapshot['last_update_date']}: {len(snapshot['features'])} features")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
