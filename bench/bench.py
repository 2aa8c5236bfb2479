"""`make bench`: the figures the issues ask for, measured on this machine.

- whole-process time of `digestgen build` on the sample, against the import floor of the
  stack (`python -c "import jinja2, pydantic, typer, premailer"`); target ≤ 1.8×;
- `digestgen build --all` over 100 generated digests; target ≥ 25 digests/s;
- the sample's quote cards: target under 1 s;
- `digestgen preview`: from saving the digest file to the new files being served; target
  a median under 300 ms;
- `digestgen draft` over the fixture articles (tests/fixtures/articles/): speakers' recall and
  precision, quotations given to the right speaker (targets >= 0.95), follow-up links and
  event dates (target: all exact), and the time of one `digestgen draft` on the seed.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DIGESTGEN = str(Path(sys.executable).with_name("digestgen"))
SAMPLE = REPO / "content" / "digests" / "club-partenaires-2018.yaml"


def _seconds(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def median_seconds(command: list[str], cwd: Path, runs: int) -> float:
    _seconds(command, cwd)  # warm the file cache
    return statistics.median(_seconds(command, cwd) for _ in range(runs))


def paired_medians(
    first: list[str], second: list[str], cwd: Path, runs: int
) -> tuple[float, float]:
    """Both commands' medians, run in turn so that a busy moment weighs on both alike."""
    _seconds(first, cwd), _seconds(second, cwd)
    pairs = [(_seconds(first, cwd), _seconds(second, cwd)) for _ in range(runs)]
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def make_workspace(root: Path, copies: int) -> None:
    shutil.copytree(REPO / "content", root / "content")
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(1, copies):
        varied = text.replace(
            "Club des Partenaires du numérique : la grande soirée annuelle",
            f"Rencontre n° {i} du Club des Partenaires du numérique",
        )
        (root / "content" / "digests" / f"generated-{i:03d}.yaml").write_text(
            varied, encoding="utf-8"
        )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one"
        make_workspace(one, 1)
        floor_command = [sys.executable, "-c", "import jinja2, pydantic, typer, premailer"]
        for label, command in [
            ("digestgen newsletter (the email's files)", [DIGESTGEN, "newsletter"]),
            ("digestgen build (email, social, cards, preview)", [DIGESTGEN, "build"]),
        ]:
            floor, took = paired_medians(floor_command, command, one, 21)
            print(
                f"{'import floor (jinja2, pydantic, typer, premailer)':<52}{floor * 1000:8.1f} ms"
            )
            ratio = took / floor
            print(f"{label:<52}{took * 1000:8.1f} ms = {ratio:.2f}x the floor (target <= 1.80x)")

        many = Path(tmp) / "many"
        make_workspace(many, 100)
        built = 100
        for label, extra in [("", []), (" --no-cards", ["--no-cards"])]:
            batch = median_seconds([DIGESTGEN, "build", "--all", *extra], many, 3)
            print(
                f"{f'digestgen build --all{label}, {built} digests':<52}{batch:8.2f} s"
                f" = {built / batch:.1f} digests/s (target >= 25)"
            )

        cards = cards_seconds()
        print(
            f"{'quote cards of the sample (5 speakers + cover, x2)':<52}{cards * 1000:8.1f} ms"
            " (target < 1 s)"
        )

        latencies = rebuild_latency(one)
        median = statistics.median(latencies) * 1000
        print(
            f"{f'preview: save to served, {len(latencies)} edits':<52}{median:8.1f} ms median"
            f" (max {max(latencies) * 1000:.0f} ms; target < 300 ms)"
        )

        draft_scores(Path(tmp) / "draft")


def draft_scores(root: Path) -> None:
    """The `digestgen draft` section: scores over the fixture articles, and one run's time."""
    sys.path.insert(0, str(REPO / "tests"))
    from draft_scoring import ARTICLES, score_all

    score = score_all()
    pages = len(score.pages)
    speakers = sum(p.expected for p in score.pages)
    label = f"draft: {pages} articles, {speakers} speakers"
    print(f"{label:<52}recall {score.recall:.3f}, precision {score.precision:.3f} (target >= 0.95)")
    label = "draft: quotations given to the right speaker"
    print(f"{label:<52}{score.attribution:8.3f} (target >= 0.95)")
    print(
        f"{'draft: follow-up links, event dates exact':<52}{score.links:8.0%}, {score.dates:.0%}"
        " (target 100%)"
    )
    (root / "content" / "digests").mkdir(parents=True)
    shutil.copy(REPO / "content" / "outlet.yaml", root / "content")
    seed = ARTICLES / "alliancy-club-partenaires-2018.html"
    start = time.perf_counter()
    subprocess.run([DIGESTGEN, "draft", str(seed)], cwd=root, capture_output=True, check=False)
    took = time.perf_counter() - start
    print(f"{'digestgen draft on the seed article (one run)':<52}{took:8.2f} s")


def cards_seconds() -> float:
    """Median time to draw the sample's twelve cards, in a process that has drawn none."""
    script = (
        "import time; from pathlib import Path; from digestgen.load import load, find_digest; "
        "from digestgen.cards import render_cards; c = Path('content'); "
        "d = load(find_digest('club-partenaires-2018', c), c); t = time.perf_counter(); "
        "render_cards(d); print(time.perf_counter() - t)"
    )
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", script], cwd=REPO, check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(5)
    ]
    return statistics.median(runs)


def rebuild_latency(root: Path, edits: int = 9) -> list[float]:
    """Seconds from each save of the digest to the server answering with the new text."""
    import http.client

    process = subprocess.Popen(
        [DIGESTGEN, "preview", "--port", "0"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        port = int(line.split("127.0.0.1:")[1].split("/")[0])
        slug = line.split("/")[3]
        digest = root / "content" / "digests" / "club-partenaires-2018.yaml"
        original = digest.read_text(encoding="utf-8")
        times = []
        for i in range(edits):
            marker = f"Cinq décideurs publics (édition {i})"
            time.sleep(0.3)  # let the watcher settle, as between two saves of an editor
            start = time.perf_counter()
            digest.write_text(original.replace("Cinq décideurs publics", marker), encoding="utf-8")
            while time.perf_counter() - start < 10:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", f"/{slug}/social/linkedin.txt")
                body = connection.getresponse().read().decode("utf-8")
                connection.close()
                if marker in body:
                    times.append(time.perf_counter() - start)
                    break
                time.sleep(0.005)
        return times
    finally:
        process.terminate()
        process.wait(timeout=10)


if __name__ == "__main__":
    main()
