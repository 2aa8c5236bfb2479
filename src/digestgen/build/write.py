"""The only module that touches ``out/``. A digest's folder is replaced whole or not at all.

Everything is written into a sibling staging folder first; the staging folder then takes the
target's place in one step: on Linux the two folders are exchanged by one ``renameat2``
(RENAME_EXCHANGE), so that at every instant ``out/<slug>/`` is the old complete folder or the
new one, whatever kills the process; elsewhere by two renames, and a build that finds the
target gone and the folder it retired still there puts it back first. Builds at once take
turns for the swap (``out/`` itself is locked); staging folders left by a killed build are
removed by the next one. A full or read-only disk is one line, and the old
folder stays as it was.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from digestgen.errors import DigestgenError


class WriteError(DigestgenError):
    """``out/`` could not be written: full, read-only, not a folder."""


def write_folder(
    target: Path, files: Mapping[str, str | bytes], *, keep_others: bool = False
) -> list[Path]:
    """Make ``target`` hold exactly ``files`` (relative path → content), atomically.

    With ``keep_others``, the files already in ``target`` that ``files`` does not name are
    kept (read under the lock, so a concurrent build's files are not lost half-way).
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(
            tempfile.mkdtemp(prefix=f".{target.name}.new-{os.getpid()}-", dir=target.parent)
        )
        try:
            if not keep_others:
                _fill(staging, target, files, keep=False)
            with _locked(target.parent):
                _recover(target)
                if keep_others:  # read what is there under the lock: nothing lost half-way
                    _fill(staging, target, files, keep=True)
                _swap(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)  # the new one, or the old one
    except OSError as exc:
        where = exc.filename or target
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise WriteError(f"cannot write {where}: {reason}; {target} is as it was") from None
    return [target / name for name in sorted(files)]


def _fill(staging: Path, target: Path, files: Mapping[str, str | bytes], keep: bool) -> None:
    if keep and target.is_dir():
        shutil.copytree(target, staging, dirs_exist_ok=True)
        for name in files:
            (staging / name).unlink(missing_ok=True)
    for name, content in sorted(files.items()):
        path = staging / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        with open(path, "wb") as handle:
            handle.write(data)
        os.chmod(path, 0o644)
    os.chmod(staging, 0o755)


def _swap(staging: Path, target: Path) -> None:
    """``staging`` becomes ``target``; the old target ends at ``staging``'s path."""
    if not target.exists():
        os.replace(staging, target)
    elif not _exchange(staging, target):
        retired = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, retired)
        try:
            os.replace(staging, target)
        except BaseException:
            os.replace(retired, target)
            raise
        os.replace(retired, staging)


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two folders in one step (Linux's renameat2); False where it is not offered."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False  # a file system without it: two renames
    raise OSError(error, os.strerror(error), str(b))


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """``out/`` itself locked (no lock file left in it), for the swap of one of its folders."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # and the lock with it


def _recover(target: Path) -> None:
    """Undo what a killed build left: the retired folder back when the target is gone, and
    the staging folders of builds no longer running removed."""
    for left in sorted(target.parent.glob(f".{target.name}.*-*")):
        pid = left.name.rsplit(".", 1)[-1].split("-")[1:2]
        if not left.is_dir() or not pid or not pid[0].isdigit() or _running(int(pid[0])):
            continue
        if ".old-" in left.name and not target.exists():
            os.replace(left, target)
        else:
            shutil.rmtree(left, ignore_errors=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True  # this process's own staging folder, being filled
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
