"""The line of a field, told from the parser's node tree, is the line the round-trip parser
tells (which the loader used to run for every problem, at ten times the cost)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from digestgen.content.load import Source

REPO = Path(__file__).resolve().parents[1]
FILES = sorted([*(REPO / "content").rglob("*.yaml"), *(REPO / "tests" / "cases").rglob("*.yaml")])


def round_trip_line(data: Any, loc: tuple[Any, ...]) -> int:
    node, line = data, 1
    for step in loc:
        if isinstance(node, CommentedMap) and step in node:
            line = node.lc.key(step)[0] + 1
            node = node[step]
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and step < len(node):
            line = node.lc.item(step)[0] + 1
            node = node[step]
        else:
            break
    return line


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*prefix, key))
        yield (*prefix, "no-such-key")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, (*prefix, index))
        yield (*prefix, len(node))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_field_is_placed_on_the_round_trip_parsers_line(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    try:
        data = YAML(typ="rt").load(text)
    except Exception:
        pytest.skip("not valid YAML (a test case of a syntax error)")
    source = Source(path, text, data)
    for loc in paths(data):
        assert source.line_of(loc) == round_trip_line(data, loc), loc


keys = st.sampled_from(["issue", "event", "speakers", "name", "quote", "a", "b", "c"])
leaves = st.one_of(st.text(max_size=20), st.integers(), st.booleans(), st.none())
trees = st.recursive(
    leaves,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(keys, trees, min_size=1, max_size=5), st.booleans())
@example({"issue": "\x85", "event": None}, False)  # NEL ends no line in YAML 1.2 nor an editor
@example({"issue": "0:0"}, True)  # YAML 1.2 reads {issue: 0:0}; the C parser (1.1) refuses it
@example({"issue": {"issue": "?0"}}, True)  # ruamel's dumper writes {a: ?0}, which no parser reads
def test_generated_files_too(data: dict[str, Any], flow: bool) -> None:
    import io

    yaml = YAML(typ="rt")
    yaml.default_flow_style = flow
    out = io.StringIO()
    yaml.dump(data, out)
    text = out.getvalue()
    try:
        parsed = YAML(typ="rt").load(text)
    except YAMLError:
        assume(False)  # the dumper wrote what YAML refuses: no file an editor could have
        return
    source = Source(Path("generated.yaml"), text, parsed)
    for loc in paths(parsed):
        assert source.line_of(loc) == round_trip_line(parsed, loc), (loc, text)
