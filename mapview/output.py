"""Writing an output file all or nothing, and refusing an output that is one of the inputs.

:func:`atomic_output` writes to a temporary file beside the target and
renames it over the target only when everything was written and synced: a
run that fails, is interrupted or killed leaves the previous file as it was
(or no file), never a partial one. A killed run may leave its temporary file
(``.NAME.*.part``, hidden, beside the target).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO

from mapview.exc import OutputError

TEMPORARY_SUFFIX = ".part"
"""The ending of the temporary files :func:`atomic_output` writes."""


class AtomicOutput:
    """The open text file of :func:`atomic_output` (its methods are forwarded), with :meth:`discard`."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.discarded = False

    def discard(self) -> None:
        """Leave the target untouched: what was written is thrown away when the block ends."""
        self.discarded = True

    def write(self, text: str) -> int:
        return self.stream.write(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self.stream, name)


@contextmanager
def atomic_output(
    path: str | os.PathLike[str], *, encoding: str = "utf-8", newline: str = ""
) -> Iterator[AtomicOutput]:
    """Open ``path`` for writing text so that it changes only if the ``with`` block succeeds.

    The text goes to a new file in the target's folder (so the final rename
    stays on one file system); on success it is flushed, ``fsync``-ed and
    renamed over the target (the folder is synced too), keeping an existing
    target's permissions. On any exception, ``KeyboardInterrupt`` included, the
    temporary file is removed and the target is left as it was. A target that
    is a symbolic link is written through (the file it points to is replaced);
    one that exists and is not a regular file (``/dev/stdout``, a named pipe)
    is written directly, since it cannot be replaced. Characters no encoder
    accepts (lone surrogates) are written as ``?`` rather than failing.

    The yielded file object has a ``discard()`` method: call it to keep the
    target as it was although the block ends normally.

    >>> with atomic_output("places.geojson") as fp:      # doctest: +SKIP
    ...     fp.write("{}")
    """
    target = os.path.realpath(path)
    try:
        existing: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        with open(target, "w", encoding=encoding, errors="replace", newline=newline) as stream:
            yield AtomicOutput(stream)
        return
    folder, name = os.path.split(target)
    temporary = os.path.join(folder, f".{name}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        with open(fd, "w", encoding=encoding, errors="replace", newline=newline) as stream:
            handle = AtomicOutput(stream)
            yield handle
            stream.flush()
            os.fsync(stream.fileno())
        if handle.discarded:
            os.unlink(temporary)
            return
        if existing is not None:
            os.chmod(temporary, stat.S_IMODE(existing.st_mode))
        os.replace(temporary, target)
    except BaseException:
        _remove(temporary)
        raise
    _sync_folder(folder)


def check_output_path(
    output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]], *, read_extensions: tuple[str, ...]
) -> None:
    """Refuse an output path that is, or would be read as, one of the inputs.

    Refused: the same file as an input file (after resolving links, or a hard
    link to it), and a file inside an input folder that a folder walk reads
    (a name ending in one of ``read_extensions``, no hidden part) — the next
    run would take the output for a report.

    Raises
    ------
    OutputError
        Naming the input it collides with.
    """
    target = os.path.realpath(output)
    for given in inputs:
        source = os.path.realpath(given)
        if target == source or _same_file(target, source):
            raise OutputError(f"the output {os.fspath(output)} is also an input: refusing to overwrite it")
        if os.path.isdir(source):
            inside = os.path.relpath(target, source)
            parts = inside.split(os.sep)
            read = target.lower().endswith(read_extensions) and not any(p.startswith(".") for p in parts)
            if not inside.startswith(os.pardir) and read:
                raise OutputError(
                    f"the output {os.fspath(output)} is inside the input folder {os.fspath(given)},"
                    " which would read it as a document: write it elsewhere"
                )


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _sync_folder(folder: str) -> None:
    """Make the rename durable; some file systems cannot sync a folder, which is then left to the system."""
    try:
        fd = os.open(folder or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
