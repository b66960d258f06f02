"""Exit codes of ``python -m mapview``, and the guard that turns a command's end into one.

Scripts can tell the outcomes apart: everything parsed, some input skipped
(each named on standard error, the rest written), a usage or set-up problem,
a bug, an interrupt.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

OK = 0
"""Every input was read and every document parsed."""
SKIPPED = 1
"""Some inputs or documents were skipped, each named on standard error; the rest was written."""
USAGE = 2
"""A usage or set-up error (bad option, output refused, no model or index): nothing was written."""
CRASHED = 3
"""A bug: a short message on standard error says where the traceback was saved."""
INTERRUPTED = 130
"""Interrupted (Ctrl-C); output files were left as they were."""
PIPE_CLOSED = 141
"""Standard output was closed early (``| head``); nothing is printed."""

HELP = """exit status:
  0    every input read and every document parsed
  1    some inputs or documents skipped (each named on stderr); the rest was written
  2    usage or set-up error (bad option, output refused, no model or index); nothing written
  3    crashed: a bug (stderr says where the traceback was saved)
  130  interrupted (Ctrl-C); output files left as they were
  141  standard output closed early (e.g. piped into head)"""
"""The exit codes as the CLI's help shows them."""


def guarded(command: Callable[[], int], *, prog: str = "mapview") -> int:
    """Run ``command`` and return its exit code, or the code of how it failed.

    :class:`~mapview.exc.MapviewError`, :class:`~gazetteer.GazetteerError` and
    ``OSError`` are usage or set-up errors (:data:`USAGE`, one line on
    stderr); ``KeyboardInterrupt`` is :data:`INTERRUPTED` (one line); a closed
    pipe is :data:`PIPE_CLOSED` (silent); any other exception is a bug
    (:data:`CRASHED`): one line naming it and the file holding its traceback
    (see :func:`save_traceback`).
    """
    from gazetteer import GazetteerError
    from mapview.exc import MapviewError

    try:
        return command()
    except KeyboardInterrupt:
        print(f"\n{prog}: interrupted; output files were left as they were", file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return PIPE_CLOSED
    except (MapviewError, GazetteerError, OSError) as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return USAGE
    except Exception as exc:  # a bug: say so briefly, keep the details for the report
        saved = save_traceback(exc)
        where = f"the traceback is in {saved}" if saved else "the traceback follows"
        print(
            f"{prog}: internal error (a bug, not your input): {type(exc).__name__}: {exc}\n"
            f"{prog}: {where}; please attach it to a bug report",
            file=sys.stderr,
        )
        if saved is None:
            traceback.print_exception(exc, file=sys.stderr)
        return CRASHED


def save_traceback(exc: BaseException) -> Path | None:
    """Write ``exc``'s traceback to ``logs/crash-<time>-<pid>.log`` in the cache folder.

    Returns the file's path, or None when it cannot be written.
    """
    from gazetteer.store import cache_dir

    try:
        folder = cache_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
        path.write_text("".join(traceback.format_exception(exc)), encoding="utf-8", errors="backslashreplace")
    except OSError:
        return None
    return path


def _silence_stdout() -> None:
    # Python flushes stdout again at exit, which would raise once more on the closed pipe.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
