"""The content format's JSON Schema, as an editor's editor reads it: the sample and every
shape the spec allows validate, what digestgen refuses the schema refuses too, every field
is described in both languages, and `digestgen init` points each YAML file at its schema."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator
from pydantic import ValidationError
from ruamel.yaml import YAML

from digestgen.content.models import Digest, Outlet
from digestgen.content.schema import MODELINE, schema_text, schemas, shipped
from helpers import sample_data

REPO = Path(__file__).resolve().parents[1]
MODELS = {"outlet": Outlet, "digest": Digest}


def _as_editor_reads(path: Path) -> Any:
    """A YAML file as the YAML language server reads it (YAML 1.2: a date is text)."""
    data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    return json.loads(json.dumps(data, default=str))


def _validator(kind: str, language: str = "en") -> Draft7Validator:
    schema = json.loads(shipped(kind, language))  # type: ignore[arg-type]
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("kind", ["outlet", "digest"])
def test_the_shipped_schemas_are_the_models_own(kind: str, language: str) -> None:
    # `make schema` writes them; a field added to a model without it fails here.
    assert shipped(kind, language) == schema_text(kind, language)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "path",
    [
        REPO / "content" / "outlet.yaml",
        REPO / "content" / "digests" / "club-partenaires-2018.yaml",
        REPO / "tests" / "cases" / "english" / "content" / "outlet.yaml",
        REPO / "tests" / "cases" / "english" / "content" / "digests" / "cities-summit-2026.yaml",
    ],
    ids=lambda p: p.name,
)
def test_the_sample_and_the_english_case_validate(path: Path) -> None:
    kind = "outlet" if path.name == "outlet.yaml" else "digest"
    errors = list(_validator(kind).iter_errors(_as_editor_reads(path)))
    assert not errors, [e.message for e in errors]


def _spec_shapes() -> list[dict[str, Any]]:
    """Shapes the content format allows beyond the sample: every optional part written."""
    full = sample_data()
    full["issue"]["slug"] = "club-2018"
    full["event"]["image"] = {"src": "https://a.example/i.jpg", "alt": "", "width": 600}
    full["event"]["speakers"][0] |= {"x": "@cnebbula", "linkedin": "https://linkedin.com/in/c"}
    full["event"]["speakers"][0]["photo"] = {"src": "https://a.example/p.jpg", "alt": "C. N."}
    full["further_reading"]["title"] = "À lire"
    full["further_reading"]["articles"][0] |= {"label": "Dossier", "summary": "Un résumé."}
    full["social"] = {
        "hashtags": ["SmartCity"],
        "mentions": {"x": ["@Alliancy"], "linkedin": ["Alliancy"]},
        "linkedin": {"link_in_comment": True},
    }
    full["utm"] = {"campaign": "club-2018"}
    minimal = sample_data()
    for optional in ("organizer", "partners", "attendance", "highlights"):
        del minimal["event"][optional]
    minimal["further_reading"]["articles"] = [{"title": "Un titre", "url": "https://a.example/"}]
    return [full, minimal]


@pytest.mark.parametrize("shape", _spec_shapes(), ids=["every-optional-field", "minimal"])
def test_shapes_digestgen_reads_validate(shape: dict[str, Any]) -> None:
    Digest.model_validate(copy.deepcopy(shape))
    errors = list(_validator("digest").iter_errors(shape))
    assert not errors, [e.message for e in errors]


def _broken(change: str) -> dict[str, Any]:
    data = sample_data()
    if change == "unknown key":
        data["event"]["speakrs"] = data["event"].pop("speakers")
    elif change == "missing subject":
        del data["issue"]["subject"]
    elif change == "attendance as text":
        data["event"]["attendance"] = "lots"
    elif change == "no speaker":
        data["event"]["speakers"] = []
    elif change == "eleven articles":
        data["further_reading"]["articles"] = data["further_reading"]["articles"] * 3
    elif change == "a language digestgen does not speak":
        data["language"] = "de"
    elif change == "a hashtag with its #":
        data["social"] = {"hashtags": ["#SmartCity"]}
    elif change == "a list for the summary":
        data["event"]["summary"] = ["a", "list"]
    return data


@pytest.mark.parametrize(
    "change",
    [
        "unknown key",
        "missing subject",
        "attendance as text",
        "no speaker",
        "eleven articles",
        "a language digestgen does not speak",
        "a hashtag with its #",
        "a list for the summary",
    ],
)
def test_what_digestgen_refuses_the_schema_refuses(change: str) -> None:
    data = _broken(change)
    with pytest.raises(ValidationError):
        Digest.model_validate(copy.deepcopy(data))
    assert list(_validator("digest").iter_errors(data)), f"the schema accepts {change}"


def _properties(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found = {}
    for name, part in [("", schema), *schema["$defs"].items()]:
        for field, value in part.get("properties", {}).items():
            found[f"{name or schema['title']}.{field}"] = value
    return found


@pytest.mark.parametrize("kind", ["outlet", "digest"])
def test_every_field_is_described_in_french_and_in_english(kind: str) -> None:
    french = _properties(schemas("fr")[kind])  # type: ignore[index]
    english = _properties(schemas("en")[kind])  # type: ignore[index]
    assert french.keys() == english.keys()
    untranslated = [k for k in french if french[k]["description"] == english[k]["description"]]
    assert not untranslated
    assert all(v["description"] for v in english.values())


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("kind", ["outlet", "digest"])
def test_every_example_fits_its_field(kind: str, language: str) -> None:
    # An editor who types the example shown on hover gets no red underline.
    schema = schemas(language)[kind]  # type: ignore[index]
    seen = 0
    for field, value in _properties(schema).items():
        for example in value.get("examples", []):
            own = Draft7Validator({**value, "$defs": schema["$defs"]})
            assert own.is_valid(example), (field, example)
            seen += 1
    assert seen >= 20


def test_init_points_every_yaml_file_at_its_schema(tmp_path: Path, cli: Any) -> None:
    result = cli("init", str(tmp_path / "ws"))
    assert result.exit_code == 0, result.output
    content = tmp_path / "ws" / "content"
    for path in [content / "outlet.yaml", *sorted((content / "digests").glob("*.yaml"))]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(MODELINE), (path, first)
        target = (path.parent / first.removeprefix(MODELINE)).resolve()
        kind = "outlet" if path.name == "outlet.yaml" else "digest"
        assert target == (content / "schema" / f"{kind}.json").resolve()
        # The workspace's schema is the outlet's language's, and the file validates against it.
        schema = json.loads(target.read_text(encoding="utf-8"))
        assert schema["properties"]["language"]["description"].startswith("La langue")
        assert not list(Draft7Validator(schema).iter_errors(_as_editor_reads(path)))


def test_digestgen_schema_prints_the_outlets_language_or_the_one_asked(
    sample: Path, cli: Any
) -> None:
    french = cli("schema")
    assert french.exit_code == 0
    assert json.loads(french.stdout) == json.loads(shipped("digest", "fr"))
    english = cli("schema", "outlet", "--lang", "en")
    assert json.loads(english.stdout)["properties"]["postal_address"]["description"] == (
        "The outlet's postal address, which the law requires in every commercial email."
    )
    refused = cli("schema", "--lang", "de")
    assert refused.exit_code == 2


def test_digestgen_schema_write_refreshes_a_workspace(sample: Path, cli: Any) -> None:
    shutil.rmtree(sample / "content" / "schema", ignore_errors=True)
    result = cli("schema", "--write")
    assert result.exit_code == 0
    assert (sample / "content" / "schema" / "digest.json").read_text(encoding="utf-8") == (
        shipped("digest", "fr")
    )


@pytest.mark.parametrize(("esp", "accepted"), [("mailchimp", True), ("none", False), (None, False)])
def test_unsubscribe_is_required_only_without_an_email_service(
    esp: str | None, accepted: bool
) -> None:
    # A named service fills the link with its own tag; without one the editor writes it.
    outlet = sample_data("outlet.yaml")
    del outlet["unsubscribe"]
    if esp is None:
        del outlet["esp"]
    else:
        outlet["esp"] = esp
    assert _validator("outlet").is_valid(outlet) is accepted
    try:
        Outlet.model_validate(copy.deepcopy(outlet))
        assert accepted
    except ValidationError:
        assert not accepted


def test_what_the_loader_reads_as_text_the_schema_takes_too() -> None:
    # A title of digits is text to digestgen; an accented hashtag is a word.
    data = sample_data()
    data["event"]["title"] = 2030
    data["social"] = {"hashtags": ["numérique", "Égalité2030"]}
    Digest.model_validate(copy.deepcopy(data))
    errors = list(_validator("digest").iter_errors(data))
    assert not errors, [e.message for e in errors]


def _patterns(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "pattern" and isinstance(inner, str):
                yield inner
            else:
                yield from _patterns(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _patterns(inner)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_every_pattern_reads_as_the_editors_editor_reads_it() -> None:
    # yaml-language-server compiles the patterns as JavaScript regular expressions, whose \w
    # is ASCII only: each one compiles there, and the hashtag and handle ones take accents.
    import subprocess

    patterns = sorted({p for kind in ("outlet", "digest") for p in _patterns(schemas("en")[kind])})
    script = (
        "const ps = JSON.parse(process.argv[1]);"
        "const out = ps.map(p => { const r = new RegExp(p, 'u');"
        " return [p, r.test('numérique'), r.test('@ville-d.angers'), r.test('a\\nb')]; });"
        "console.log(JSON.stringify(out));"
    )
    done = subprocess.run(
        ["node", "-e", script, json.dumps(patterns)], capture_output=True, text=True, check=True
    )
    results = {p: rest for p, *rest in json.loads(done.stdout)}
    hashtag = next(p for p in results if p.startswith("^[0-9A-Za-z_"))
    handle = next(p for p in results if p.startswith("^@?["))
    assert results[hashtag][0] is True  # numérique
    assert results[handle][1] is True  # @ville-d.angers
    line = next(p for p in results if p.startswith("^[^\\n"))
    assert results[line][2] is False  # a line holds no line break
