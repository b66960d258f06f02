"""The files behind the paths a user names: folders walked, links followed once, only regular files read.

Folders are read recursively in sorted order; hidden entries (a leading dot)
are passed over. A symbolic link is followed, but a folder or file already
reached (the same device and inode) is not read again, which also ends link
loops; a dangling link, a named pipe, a socket or a device is reported and
never opened, so nothing blocks. Files are opened with ``O_NONBLOCK`` and
checked again after opening, so a path swapped for a pipe in between does
not block either.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mapview.exc import DocumentError, NotRegularFileError
from mapview.text_repair import Notice, repaired

ErrorHandler = Callable[[DocumentError], None]
NoticeHandler = Callable[[Notice], None]


@dataclass(frozen=True, slots=True)
class InputFile:
    """A regular file to read: ``path`` opens it, ``name`` is what ids and titles come from
    (the path relative to the folder given, with ``/``; the file name for a file given)."""

    path: str
    name: str


@dataclass(slots=True)
class _Walk:
    """The state of one call: what was reached already, and where to report."""

    extensions: tuple[str, ...]
    on_error: ErrorHandler
    on_notice: NoticeHandler | None
    seen: dict[tuple[int, int], str] = field(default_factory=dict)


def input_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    extensions: tuple[str, ...],
    on_error: ErrorHandler,
    on_notice: NoticeHandler | None = None,
) -> Iterator[InputFile]:
    """The regular files the paths name, each once.

    A path given directly is yielded whatever its suffix (the reader decides);
    inside folders only names ending in one of ``extensions`` (lower-cased)
    are, and the others are reported to ``on_notice`` as ``ignored``. Missing
    paths, dangling links, pipes, sockets, devices and unreadable folders go to
    ``on_error``; files and folders reached again go to ``on_notice`` as
    ``duplicate``.
    """
    walk = _Walk(extensions, on_error, on_notice)
    for path in paths:
        path = os.fspath(path)
        info = _stat(path, walk)
        if info is None:
            continue
        if stat.S_ISDIR(info.st_mode):
            if _first_visit(path, info, walk):
                yield from _walk_folder(Path(path), Path(path), walk)
        elif _regular(path, info, walk) and _first_visit(path, info, walk):
            yield InputFile(path, os.path.basename(path.rstrip(os.sep)) or path)


def open_regular(path: str) -> int:
    """A read-only descriptor of ``path``, which must be a regular file (checked after opening).

    Opening never blocks, even on a named pipe.

    Raises
    ------
    NotRegularFileError
        When ``path`` is not a regular file (the descriptor is closed).
    OSError
        When it cannot be opened.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(f"{path}: {_kind(info.st_mode)}, not a regular file: not read", path=path)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _walk_folder(root: Path, folder: Path, walk: _Walk) -> Iterator[InputFile]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        walk.on_error(DocumentError(f"{folder}: cannot list folder ({error.strerror or error})", path=str(folder)))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        info = _stat(entry.path, walk)
        if info is None:
            continue
        if stat.S_ISDIR(info.st_mode):
            if _first_visit(entry.path, info, walk):
                yield from _walk_folder(root, Path(entry.path), walk)
        elif not entry.name.lower().endswith(walk.extensions):
            _notice(walk, "ignored", f"{repaired(entry.path)}: not a type the loaders read: not read", entry.path)
        elif _regular(entry.path, info, walk) and _first_visit(entry.path, info, walk):
            yield InputFile(entry.path, Path(entry.path).relative_to(root).as_posix())


def _stat(path: str, walk: _Walk) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            walk.on_error(NotRegularFileError(f"{path}: a symbolic link to nothing (dangling): not read", path=path))
        else:
            walk.on_error(DocumentError(f"{path}: no such file or folder", path=path))
    except OSError as error:  # a link loop (ELOOP), a permission problem on the way, a name too long
        walk.on_error(DocumentError(f"{path}: cannot be read ({error.strerror or error})", path=path))
    return None


def _regular(path: str, info: os.stat_result, walk: _Walk) -> bool:
    if stat.S_ISREG(info.st_mode):
        return True
    walk.on_error(NotRegularFileError(f"{path}: {_kind(info.st_mode)}, not a regular file: not read", path=path))
    return False


def _first_visit(path: str, info: os.stat_result, walk: _Walk) -> bool:
    key = (info.st_dev, info.st_ino)
    first = walk.seen.get(key)
    if first is None:
        walk.seen[key] = path
        return True
    what = "folder" if stat.S_ISDIR(info.st_mode) else "file"
    _notice(walk, "duplicate", f"{repaired(path)}: the same {what} as {repaired(first)}, read once", path)
    return False


def _notice(walk: _Walk, kind: str, message: str, path: str) -> None:
    if walk.on_notice is not None:
        walk.on_notice(Notice(kind, message, path=repaired(path)))


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"
