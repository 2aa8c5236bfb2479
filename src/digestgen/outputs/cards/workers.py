"""Drawing a digest's cards while the caller renders the rest: forked workers when the process
can fork, one thread beside it when it cannot (the preview's server), and none for a card this
process, or the user cache, already has."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from digestgen.outputs.cards.draw import SIZES, Card, CardJob, draw_card
from digestgen.outputs.cards.plan import card_jobs
from digestgen.render.view import View


class PendingCards:
    """Cards being drawn by worker processes while the caller renders something else."""

    def __init__(
        self,
        named: list[tuple[str, str, CardJob]],
        pngs: Callable[[], list[bytes]],
        stop: Callable[[], None],
    ):
        self._named, self._pngs, self._stop = named, pngs, stop

    def close(self) -> None:
        """Stop the workers, if any are still drawing (the caller gave up on the cards)."""
        self._stop()

    def result(self) -> list[Card]:
        """The cards, in order, once every one is drawn."""
        pngs = self._pngs()
        platform = {size: name for name, size in SIZES.items()}
        return [
            Card(file, platform[job.size], alt, png)
            for (file, alt, job), png in zip(self._named, pngs, strict=True)
        ]


def _not_kept(job: CardJob) -> bytes | None:
    return None


def _not_keeping(job: CardJob, png: bytes) -> None:
    pass


def start_cards(
    view: View,
    photos: Sequence[bytes | None] = (),
    *,
    kept: Callable[[CardJob], bytes | None] = _not_kept,
    keep: Callable[[CardJob, bytes], None] = _not_keeping,
) -> PendingCards:
    """Start drawing a digest's cards and return at once; :meth:`PendingCards.result` waits.

    A card drawn before by this process (a preview rebuild) or that ``kept`` returns (the
    user cache, which the caller reads) is not drawn again; the others are drawn on every
    core (forked workers) when there are several and the process can fork safely, else here,
    when the result is asked for, and handed to ``keep``.
    """
    named = card_jobs(view, photos)
    jobs = [job for _, _, job in named]
    missing = [job for job in dict.fromkeys(jobs) if job not in _DRAWN]
    for job in missing:
        png = kept(job)
        if png is not None:
            _remember(job, png)
    missing = [job for job in missing if job not in _DRAWN]
    wait: Callable[[], list[bytes]]
    stop: Callable[[], None]
    if not missing:
        wait, stop = list, _nothing
    elif _workers is not None:
        pending = _workers.map_async(draw_card, missing, chunksize=1)
        wait, stop = pending.get, _nothing  # the workers stay for the next rebuild
    elif _can_fork(len(missing)):
        wait, stop = _draw_elsewhere(missing)
    else:
        wait, stop = _draw_beside(missing)

    def pngs() -> list[bytes]:
        drawn = wait()
        for job, png in zip(missing, drawn, strict=True):
            _remember(job, png)
            keep(job, png)
        return [_DRAWN[job] for job in jobs]

    return PendingCards(named, pngs, stop)


def _nothing() -> None:
    pass


_DRAWN: dict[CardJob, bytes] = {}  # this process's cards: a preview redraws what changed only
_KEPT = 256


def _remember(job: CardJob, png: bytes) -> None:
    _DRAWN[job] = png
    while len(_DRAWN) > _KEPT:
        del _DRAWN[next(iter(_DRAWN))]


def forget_drawn() -> None:
    """Forget the cards drawn by this process (the user cache is left alone)."""
    _DRAWN.clear()


_workers: Any = None  # a long-running process's own pool of card workers


def _ignore_interrupt() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def kept_pool() -> Any:
    """The pool :func:`keep_workers` forked, or None."""
    return _workers


def keep_workers() -> Callable[[], None]:
    """Fork card workers now, for every later build of this process (the preview, which
    forks them before its server's threads start); return how to stop them."""
    import multiprocessing
    import os

    global _workers
    if _workers is not None or not _can_fork(4):
        return _nothing
    # Ctrl-C is the preview's to handle: its workers ignore it and are stopped by stop().
    pool = multiprocessing.get_context("fork").Pool(os.cpu_count() or 1, _ignore_interrupt)
    _workers = pool

    def stop() -> None:
        global _workers
        _workers = None
        pool.terminate()
        pool.join()

    return stop


def _can_fork(jobs: int) -> bool:
    import multiprocessing
    import os
    import threading

    return (
        jobs >= 4
        and (os.cpu_count() or 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
        # A pool's worker cannot have workers, and a process with threads (the preview's
        # server) is not safe to fork.
        and not multiprocessing.current_process().daemon
        and threading.active_count() == 1
    )


def _draw_beside(jobs: list[CardJob]) -> tuple[Callable[[], list[bytes]], Callable[[], None]]:
    """Draw ``jobs`` in one thread beside the caller's (Pillow lets go of the interpreter
    while it quantizes and encodes): for a process that cannot fork, such as the preview."""
    from concurrent.futures import ThreadPoolExecutor

    executor = ThreadPoolExecutor(1)  # one: a font is not to be used by two threads at once
    pending = executor.submit(lambda: [draw_card(job) for job in jobs])

    def wait() -> list[bytes]:
        try:
            return pending.result()
        finally:
            executor.shutdown()

    def stop() -> None:
        executor.shutdown(wait=True, cancel_futures=True)

    return wait, stop


def _draw_elsewhere(
    jobs: list[CardJob],
) -> tuple[Callable[[], list[bytes]], Callable[[], None]]:
    """Draw ``jobs`` in forked workers; return how to wait for the PNGs and how to stop."""
    import multiprocessing
    import os

    workers = min(os.cpu_count() or 1, len(jobs))
    pool = multiprocessing.get_context("fork").Pool(workers)
    pending = pool.map_async(draw_card, jobs, chunksize=1)

    def wait() -> list[bytes]:
        try:
            return pending.get()
        finally:
            pool.close()
            pool.join()

    def stop() -> None:
        pool.terminate()
        pool.join()

    return wait, stop
