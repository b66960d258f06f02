"""What a command tells its user on standard error: each skip and notice as one line, and the exit code."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO, TypeVar

from mapview import exit_codes
from mapview.exc import DocumentError
from mapview.text_repair import Notice

T = TypeVar("T")


@dataclass(slots=True)
class ConsoleReport:
    """Collects what a run skipped and noticed, printing each as it comes.

    Pass :meth:`skip` as ``on_error`` and :meth:`note` as ``on_notice`` to the
    loaders and the parser; wrap the results in :meth:`counting`; end with
    :meth:`exit_code`.

    >>> report = ConsoleReport()
    >>> docs = load_documents(paths, on_error=report.skip, on_notice=report.note)   # doctest: +SKIP
    """

    prog: str = "mapview"
    stream: TextIO | None = None
    skipped: list[DocumentError] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    done: int = 0

    def skip(self, error: DocumentError) -> None:
        """Record and print something that was not read or not parsed."""
        self.skipped.append(error)
        print(f"{self.prog}: skipped: {error}", file=self.stream or sys.stderr)

    def note(self, notice: Notice) -> None:
        """Record and print a notice (a repair, a file passed over or read once); it costs nothing."""
        self.notices.append(notice)
        print(f"{self.prog}: note: {notice}", file=self.stream or sys.stderr)

    def counting(self, items: Iterable[T]) -> Iterator[T]:
        """``items`` unchanged, counted into :attr:`done` as they pass."""
        for item in items:
            self.done += 1
            yield item

    def exit_code(self) -> int:
        """:data:`~mapview.exit_codes.SKIPPED` when anything was skipped, else :data:`~mapview.exit_codes.OK`."""
        return exit_codes.SKIPPED if self.skipped else exit_codes.OK


def progress_bar(*, unit: str, desc: str, file: TextIO | None = None) -> Any:
    """A tqdm progress bar (on ``file``, standard error by default) that starts no thread.

    tqdm's monitor thread would otherwise live for the rest of the process, and a
    process with a second thread can no longer fork its parsing workers safely: every
    later pool would be spawned, loading spaCy and the index again in each worker.
    """
    from tqdm import tqdm

    tqdm.monitor_interval = 0
    return tqdm(unit=unit, desc=desc, mininterval=0.5, file=file)
