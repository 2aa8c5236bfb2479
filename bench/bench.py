"""`make bench`: the speed figures, measured on this machine, against their targets.

Every command runs as its own process, as an editor runs it. A *cold* run starts from a fresh
``out/``, a fresh user cache (``DIGESTGEN_CACHE_DIR``) and a fresh temporary folder (where
Jinja keeps compiled templates); a *warm* run keeps all three from the run before. The
commands compared are run in turn, round after round, so that a busy moment of the machine
weighs on all of them alike; each figure is a median, and each ratio is the ratio of two
medians measured side by side. The CPU time (user + system, the process and its workers) is
shown beside the wall-clock time: it moves less when other work shares the machine.

- the import floor of the stack: ``python -c "import jinja2, pydantic, typer, premailer"``;
- the mjml CLI (npm ``mjml`` 5, installed by ``make bench`` into ``.venv/mjml``) compiling
  ``bench/newsletter.mjml``, the sample's email written in MJML;
- ``digestgen build`` <= 1.0x mjml and <= 2.0x the floor; ``newsletter`` <= 1.4x;
  ``check`` <= 1.5x; ``--help`` <= 0.5x;
- ``digestgen build --all`` over 100 digests, cards included: >= 15 digests/s;
- ``digestgen preview``: save to served <= 100 ms median; a quote edited redraws only that
  speaker's two cards;
- typography of 1 MB of text, one 200,000-character word in it: < 1 s per language;
- ``digestgen draft`` over the fixture articles (tests/fixtures/articles/): speakers' recall and
  precision, quotations given to the right speaker (target: all of them), follow-up links and
  event dates (target: all exact), and the time of one ``digestgen draft`` of a saved French
  and English page (target <= 4 s); with ``../shared/realpages`` beside the repository, the
  scores of ``digestgen draft`` on those real published pages (their own ``score.py``).
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DIGESTGEN = str(BIN / "digestgen")
MJML = REPO / ".venv" / "mjml" / "node_modules" / ".bin" / "mjml"
MJML_SOURCE = REPO / "bench" / "newsletter.mjml"
SAMPLE = REPO / "content" / "digests" / "club-partenaires-2018.yaml"
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "11"))  # BENCH_PARTS=single,batch,... runs some


@dataclass
class Timing:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run (CPU: the process and the children it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


class Fresh:
    """A fresh out/, user cache and temporary folder for each cold run."""

    def __init__(self, root: Path, scratch: Path) -> None:
        self.root, self.scratch, self.count = root, scratch, 0

    def __call__(self) -> dict[str, str]:
        self.count += 1
        shutil.rmtree(self.root / "out", ignore_errors=True)
        folder = self.scratch / f"cold-{self.count}"
        (folder / "tmp").mkdir(parents=True)
        cache, temporary = str(folder / "cache"), str(folder / "tmp")
        return {**os.environ, "DIGESTGEN_CACHE_DIR": cache, "TMPDIR": temporary}


def warm_env(scratch: Path) -> dict[str, str]:
    (scratch / "warm" / "tmp").mkdir(parents=True, exist_ok=True)
    return {
        **os.environ,
        "DIGESTGEN_CACHE_DIR": str(scratch / "warm" / "cache"),
        "TMPDIR": str(scratch / "warm" / "tmp"),
    }


def rounds(
    commands: dict[str, list[str]], cwd: Path, env: Callable[[], dict[str, str]], count: int
) -> dict[str, Timing]:
    """Each command once per round, in turn; one unmeasured round first (file cache)."""
    timings = {name: Timing() for name in commands}
    for number in range(count + 1):
        for name, command in commands.items():
            wall, cpu = timed(command, cwd, env())
            if number:
                timings[name].wall.append(wall)
                timings[name].cpu.append(cpu)
    return timings


def verdict(value: float, target: float, at_most: bool = True) -> str:
    met = value <= target if at_most else value >= target
    return "met" if met else "NOT met"


def line(label: str, timing: Timing, floor: Timing | None = None, note: str = "") -> None:
    text = f"  {label:<44}{timing.median * 1000:7.0f} ms  (CPU {timing.cpu_median * 1000:5.0f} ms)"
    if floor is not None:
        cpu = timing.cpu_median / floor.cpu_median
        text += f"  {timing.median / floor.median:5.2f}x floor (CPU {cpu:.2f}x)"
    print(text + (f"  {note}" if note else ""))


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


def single_digest(tmp: Path) -> None:
    one = tmp / "one"
    make_workspace(one, 1)
    floor_command = [sys.executable, "-c", "import jinja2, pydantic, typer, premailer"]
    commands = {
        "floor": floor_command,
        "mjml": [str(MJML), str(MJML_SOURCE), "-o", str(tmp / "mjml.html")],
        "build": [DIGESTGEN, "build"],
        "newsletter": [DIGESTGEN, "newsletter"],
        "check": [DIGESTGEN, "check"],
        "check-no-spam": [DIGESTGEN, "check", "--no-spam"],
        "help": [DIGESTGEN, "--help"],
    }
    if not MJML.exists():
        print(f"  (no mjml CLI at {MJML}: `make bench` installs it)")
        del commands["mjml"]
    print(f"\nOne digest (the sample), median of {ROUNDS} rounds, each command in turn:")
    for kind, env in (("cold", Fresh(one, tmp / "scratch")), ("warm", None)):
        environment = env if env is not None else (lambda: warm_env(tmp / "scratch"))
        t = rounds(commands, one, environment, ROUNDS)
        floor = t["floor"]
        print(f" {kind}:")
        line("import floor (jinja2, pydantic, typer, premailer)", floor)
        if "mjml" in t:
            line("mjml CLI compiling the same email", t["mjml"], floor)
        build = t["build"]
        notes = []
        if "mjml" in t:
            ratio = build.median / t["mjml"].median
            notes.append(f"{ratio:.2f}x mjml (CPU {build.cpu_median / t['mjml'].cpu_median:.2f}x)")
        if kind == "cold":
            notes.append(
                f"target <= 1.0x mjml: {verdict(ratio, 1.0) if 'mjml' in t else '?'}, "
                f"<= 2.0x floor: {verdict(build.median / floor.median, 2.0)}"
            )
        line("digestgen build (everything, 12 cards)", build, floor, "; ".join(notes))
        for name, label, target in (
            ("newsletter", "digestgen newsletter", 1.4),
            ("check", "digestgen check (with SpamAssassin's score)", 1.5),
            ("check-no-spam", "digestgen check --no-spam (writes nothing)", 1.5),
            ("help", "digestgen --help", 0.5),
        ):
            ratio = t[name].median / floor.median
            note = f"target <= {target}x: {verdict(ratio, target)}" if kind == "cold" else ""
            line(label, t[name], floor, note)


def batch(tmp: Path) -> None:
    many = tmp / "many"
    make_workspace(many, 100)
    fresh = Fresh(many, tmp / "scratch-many")
    print("\nbuild --all over 100 digests (median of 3):")
    for label, extra, env in (
        ("cold, cards included", [], fresh),
        ("cold, --no-cards", ["--no-cards"], fresh),
        ("warm (cards from the user cache)", [], lambda: warm_env(tmp / "scratch-many")),
    ):
        runs = [timed([DIGESTGEN, "build", "--all", *extra], many, env())[0] for _ in range(4)][1:]
        seconds = statistics.median(runs)
        rate = 100 / seconds
        met = verdict(rate, 15, at_most=False)
        note = f"  target >= 15: {met}" if label.endswith("included") else ""
        print(f"  {label:<44}{seconds:7.2f} s = {100 / seconds:5.1f} digests/s{note}")


def preview(tmp: Path) -> None:
    one = tmp / "preview"
    make_workspace(one, 1)
    print("\ndigestgen preview (9 saves each):")
    for label, edit in (
        ("save to served, the subject", subject_edit),
        ("save to served, a speaker's quote", quote_edit),
    ):
        latencies = rebuild_latency(one, edit)
        median = statistics.median(latencies) * 1000
        print(
            f"  {label:<44}{median:7.0f} ms median (max {max(latencies) * 1000:.0f} ms)"
            f"  target <= 100 ms: {verdict(median, 100)}"
        )


def subject_edit(original: str, i: int) -> tuple[str, str, str]:
    marker = f"Cinq décideurs publics (édition {i})"
    return original.replace("Cinq décideurs publics", marker), marker, "social/linkedin.txt"


def quote_edit(original: str, i: int) -> tuple[str, str, str]:
    marker = f"Nous venons (édition {i}) d’annoncer"
    return original.replace("Nous venons d’annoncer", marker), marker, "social/x.txt"


def rebuild_latency(
    root: Path, edit: Callable[[str, int], tuple[str, str, str]], edits: int = 9
) -> list[float]:
    """Seconds from each save of the digest to the new files being served: the moment the
    preview tells an open page to reload (its event stream, as a browser hears it), checked
    by fetching the edited file once."""
    import http.client
    import queue
    import threading

    env = warm_env(root / "scratch")
    process = subprocess.Popen(
        [DIGESTGEN, "preview", "--port", "0"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        first = process.stdout.readline() if process.stdout else ""
        port = int(first.split("127.0.0.1:")[1].split("/")[0])
        slug = first.split("/")[3]
        builds: queue.Queue[float] = queue.Queue()

        def listen() -> None:
            stream = http.client.HTTPConnection("127.0.0.1", port)
            stream.request("GET", "/__digestgen/events")
            response = stream.getresponse()
            for raw in response:
                if raw.startswith(b"event: build"):
                    builds.put(time.perf_counter())

        threading.Thread(target=listen, daemon=True).start()
        builds.get(timeout=10)  # the state at connection
        digest = root / "content" / "digests" / "club-partenaires-2018.yaml"
        original = digest.read_text(encoding="utf-8")
        times = []
        for i in range(edits):
            edited, marker, path = edit(original, i)
            assert marker in edited
            time.sleep(0.3)  # let the watcher settle, as between two saves of an editor
            start = time.perf_counter()
            digest.write_text(edited, encoding="utf-8")
            while True:
                served = builds.get(timeout=10)
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", f"/{slug}/{path}")
                body = connection.getresponse().read().decode("utf-8")
                connection.close()
                if marker in body:
                    times.append(served - start)
                    break
        digest.write_text(original, encoding="utf-8")
        return times
    finally:
        process.terminate()
        process.wait(timeout=10)


def draft_scores(root: Path) -> None:
    """The `digestgen draft` section: scores over the fixture articles, and one run's time."""
    sys.path.insert(0, str(REPO / "tests"))
    from draft_scoring import ARTICLES, score_all

    score = score_all()
    pages = len(score.pages)
    speakers = sum(p.expected for p in score.pages)
    label = f"draft: {pages} articles, {speakers} speakers"
    print(f"{label:<52}recall {score.recall:.3f}, precision {score.precision:.3f} (target 1.00)")
    label = "draft: quotations given to the right speaker"
    print(f"{label:<52}{score.attribution:8.3f} (target 1.00)")
    print(
        f"{'draft: follow-up links, event dates exact':<52}{score.links:8.0%}, {score.dates:.0%}"
        " (target 100%)"
    )
    (root / "content" / "digests").mkdir(parents=True)
    shutil.copy(REPO / "content" / "outlet.yaml", root / "content")
    for page in ("alliancy-club-partenaires-2018.html", "en-summit-london.html"):
        times = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run(
                [DIGESTGEN, "draft", str(ARTICLES / page), "--dry-run"],
                cwd=root,
                capture_output=True,
                check=False,
            )
            times.append(time.perf_counter() - start)
        label = f"digestgen draft {page} (median of 3)"
        print(f"{label:<52}{statistics.median(times):8.2f} s (target <= 4 s)")
    real_pages(root)


def real_pages(root: Path) -> None:
    """`digestgen draft` on the real published pages of ../shared/realpages, when they are
    there: their own scorer's summary line (it drafts each page in a fresh workspace)."""
    pages = REPO.parent / "shared" / "realpages"
    if not (pages / "score.py").is_file():
        print("draft on real pages: skipped (no ../shared/realpages here)")
        return
    result = subprocess.run(
        [sys.executable, str(pages / "score.py"), "--digestgen", DIGESTGEN],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = result.stdout.strip().splitlines()
    print(f"draft on real pages: {lines[-1] if lines else result.stderr.strip()[-200:]}")


def text_speed() -> None:
    """Typography over 1 MB of text (words, and one 200,000-character word): linear, so a
    pasted megabyte is typeset in well under a second."""
    from digestgen.text.typography import typeset

    text = ("Une phrase : avec « des guillemets », un lien https://x.fr/a?b=1 et 3 000 mots ! "
            * 10_000)[:800_000] + " " + "transformation" * 14_000  # fmt: skip
    for language in ("fr", "en"):
        start = time.perf_counter()
        typeset(text, language)  # type: ignore[arg-type]
        took = time.perf_counter() - start
        label = f"typography of 1 MB of text ({language})"
        print(f"{label:<52}{took:8.2f} s (target < 1 s)")


def main() -> None:
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        parts = os.environ.get("BENCH_PARTS", "single,batch,preview,text,draft").split(",")
        if "single" in parts:
            single_digest(tmp)
        if "batch" in parts:
            batch(tmp)
        if "preview" in parts:
            preview(tmp)
        if "text" in parts:
            print("\ntext:")
            text_speed()
        if "draft" in parts:
            print("\ndigestgen draft:")
            draft_scores(tmp / "draft")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
