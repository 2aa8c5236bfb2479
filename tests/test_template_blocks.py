"""A workspace's template can extend the built-in one (``digestgen/<name>``) and replace one
``{% block %}``: that part of the output changes, and nothing else does."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from jinja2 import FileSystemLoader

from digestgen.build.pipeline import NEWSLETTER, PREVIEW, SOCIAL, render_files
from digestgen.checks.email import block_sizes
from digestgen.content.workspace import Workspace
from digestgen.render import templates
from helpers import build_file_tree

REPO = Path(__file__).resolve().parents[1]
# The guide's page on templates, where editors copy the example override from.
PAGE = (REPO / "docs" / "guide" / "templates.md").read_text(encoding="utf-8")
SLUG = "club-partenaires-2018"
_MARKER = re.compile(r"<!-- (?:block:([\w-]+)|(further-reading):start) -->")


@pytest.fixture(params=["compiled", "sources"])
def builtin(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The built-in templates as the wheel ships them (compiled), then from their sources."""
    if request.param == "sources":
        monkeypatch.setattr(
            templates, "_builtin_loader", lambda: FileSystemLoader(templates.BUILTIN_TEMPLATES)
        )
    templates.environment.cache_clear()
    yield request.param
    templates.environment.cache_clear()


def render(root: Path, parts: tuple[str, ...] = (NEWSLETTER, SOCIAL)) -> dict[str, str | bytes]:
    workspace = Workspace.at(root)
    return render_files(workspace.load(SLUG), workspace, parts).files


def regions(html: str) -> dict[str, str]:
    """The email cut at its block markers: what comes before the first, then each block."""
    marks = [(m.start(), m.group(1) or m.group(2)) for m in _MARKER.finditer(html)]
    cuts = [(0, "top"), *marks, (len(html), "")]
    return {name: html[start:stop] for (start, name), (stop, _) in itertools.pairwise(cuts)}


def documented_example() -> str:
    """The docs' example override (the footer), as an editor would copy it."""
    blocks = re.findall(r"```jinja\n(.*?)```", PAGE, flags=re.S)
    (example,) = [b for b in blocks if '{% extends "digestgen/email/newsletter.html.j2" %}' in b]
    return str(example)


def test_the_documented_override_replaces_the_footer_alone(sample: Path, builtin: str) -> None:
    normal = render(sample)
    build_file_tree(sample, {"templates/email/newsletter.html.j2": documented_example()})
    custom = render(sample)

    before, after = regions(str(normal["newsletter.html"])), regions(str(custom["newsletter.html"]))
    assert list(after) == list(before)
    assert {k: v for k, v in after.items() if k != "footer"} == {
        k: v for k, v in before.items() if k != "footer"
    }
    assert "newsroom@example.org" in after["footer"]
    assert "Nous suivre" in before["footer"] and "Nous suivre" not in after["footer"]
    assert "Le média de la transformation" not in after["footer"]
    assert "*|UNSUB|*" in after["footer"] and "*|HTML:LIST_ADDRESS_HTML|*" in after["footer"]
    # The row still ends the sheet as the built-in one does.
    closing = "</tr>\n</table>\n<!--[if mso]></td></tr></table><![endif]-->"
    assert after["footer"].endswith(before["footer"][before["footer"].index(closing) :])
    # The other outputs do not use the HTML template.
    for name in ("newsletter.txt", "further-reading.md", "further-reading.html", "social.json"):
        assert custom[name] == normal[name], name
    # Saved or removed while `digestgen preview` runs (one environment): the next build sees it.
    (sample / "templates/email/newsletter.html.j2").unlink()
    assert render(sample) == normal


HERO = """\
{% extends "digestgen/email/newsletter.html.j2" %}
{% block hero %}
<tr>
<td class="pad" style="padding-top: 24px; border-top: 2px solid {{ c.primary }};">
{{ heading(event.title) }}
<p class="text">{{ event.summary }}</p>
</td>
</tr>
{% endblock %}
{% block speaker %}
{{ super() }}
<p class="meta">{{ loop.index }}/{{ loop.length }} · {{ s.name }}</p>
{% endblock %}
"""


def test_an_override_sees_the_templates_own_names_and_each_speaker(
    sample: Path, builtin: str
) -> None:
    """A replaced block can use ``c``, ``font`` and ``heading()`` as the built-in one does; the
    speaker block sees ``s`` and ``loop``, and ``super()`` is the built-in speaker."""
    normal = regions(str(render(sample, (NEWSLETTER,))["newsletter.html"]))
    build_file_tree(sample, {"templates/email/newsletter.html.j2": HERO})
    custom = regions(str(render(sample, (NEWSLETTER,))["newsletter.html"]))

    assert list(custom) == list(normal)
    assert 'class="h2"' in custom["hero"] and "Club des Partenaires" in custom["hero"]
    assert "border-top:2px solid #0b4f8a" in custom["hero"]
    assert 'class="button"' in normal["hero"] and 'class="button"' not in custom["hero"]
    speakers = [name for name in normal if name.startswith("speaker-")]
    assert len(speakers) == 5
    for number, name in enumerate(speakers, start=1):
        assert custom[name].startswith(normal[name].rsplit("</table>", 1)[0])
        assert f"{number}/5 · " in custom[name]
    for name in ("top", "header", "highlights", "further-reading", "footer"):
        assert custom[name] == normal[name], name


def test_the_plain_text_has_the_same_blocks(sample: Path, builtin: str) -> None:
    normal = str(render(sample, (NEWSLETTER,))["newsletter.txt"])
    override = (
        '{% extends "digestgen/email/newsletter.txt.j2" %}\n'
        "{% block footer %}\n-- \n{{ outlet.name }}\n{{ unsubscribe_href }}\n{% endblock %}\n"
    )
    build_file_tree(sample, {"templates/email/newsletter.txt.j2": override})
    custom = str(render(sample, (NEWSLETTER,))["newsletter.txt"])

    kept = normal[: normal.index("\n-- \n")]
    assert custom == kept + "\n-- \nAlliancy\n*|UNSUB|*\n"


def test_the_preview_page_can_replace_its_header(sample: Path, builtin: str) -> None:
    parts = (NEWSLETTER, SOCIAL, PREVIEW)
    normal = str(render(sample, parts)["index.html"])
    override = (
        '{% extends "digestgen/preview/index.html.j2" %}\n'
        '{% block header %}\n<header class="top"><h1>{{ outlet.name }}</h1></header>\n'
        "{% endblock %}\n"
    )
    build_file_tree(sample, {"templates/preview/index.html.j2": override})
    custom = str(render(sample, parts)["index.html"])

    header = re.search(r'<header class="top">.*?</header>\n', normal, flags=re.S)
    assert header is not None
    assert custom == normal.replace(
        header.group(0), '<header class="top"><h1>Alliancy</h1></header>\n'
    )


def test_an_override_that_extends_its_own_name_is_reported(sample: Path, cli) -> None:
    build_file_tree(
        sample,
        {
            "templates/email/newsletter.html.j2": (
                '{#- mine -#}\n{% extends "email/newsletter.html.j2" %}\n'
                "{% block footer %}{% endblock %}\n"
            )
        },
    )
    result = cli("newsletter")
    assert result.exit_code == 2
    assert "templates/email/newsletter.html.j2:2:" in result.stderr
    assert '"digestgen/email/newsletter.html.j2"' in result.stderr
    assert "Traceback" not in result.stderr
    assert not (sample / "out" / SLUG).exists()


def _block_name(marker: str) -> str:
    # speaker-{{ loop.index }} is one block in the loop; Jinja's names take no hyphen.
    return marker.removesuffix("-{{ loop.index }}").replace("-", "_")


def test_every_marker_stands_before_its_block() -> None:
    """``digestgen check`` weighs the email by its markers: each one is right before the block
    of that name, outside it, so that an override of the block keeps it."""
    source = (templates.BUILTIN_TEMPLATES / "email/newsletter.html.j2").read_text("utf-8")
    lines = source.splitlines()
    markers = [
        (i, m.group(1) or m.group(2))
        for i, line in enumerate(lines)
        if (m := re.fullmatch(r"<!-- (?:block:(.+)|(further-reading):start) -->", line))
    ]
    assert [name for _, name in markers] == [
        "header",
        "hero",
        "highlights",
        "speaker-{{ loop.index }}",
        "further-reading",
        "footer",
    ]
    for i, name in markers:
        assert lines[i + 1] in (
            f"{{% block {_block_name(name)} %}}",
            f"{{% block {_block_name(name)} scoped %}}",
        ), name
    html = str(render(REPO, (NEWSLETTER,))["newsletter.html"])
    assert {_block_name(re.sub(r"-\d+$", "", name)) for name in block_sizes(html)} == {
        _block_name(name.replace("-{{ loop.index }}", "")) for _, name in markers
    }


@pytest.mark.parametrize(
    "name",
    ["email/newsletter.html.j2", "email/newsletter.txt.j2", "preview/index.html.j2"],
)
def test_every_block_is_documented(name: str) -> None:
    env = templates.environment(REPO / "tests")  # no templates/ there: the built-in ones
    blocks = env.get_template(name).blocks
    assert blocks
    for block in blocks:
        assert f"`{block}`" in PAGE, f"block {block} of {name} is not in docs/guide/templates.md"
