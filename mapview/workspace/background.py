"""An ingest running in its own process, watched from another (the dashboard).

The corpus is parsed by ``python -m mapview ingest … --progress json`` in a
child process: parsing uses every core, never blocks or bloats the process that
serves the page, and can be cancelled (what was committed stays). The job reads
the child's progress lines on a thread.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(slots=True)
class IngestProgress:
    """What the job has reported so far. ``total`` is None until the documents are counted."""

    total: int | None = None
    parsed: int = 0
    unchanged: int = 0
    failed: int = 0
    summary: str | None = None
    messages: list[str] = field(default_factory=list)

    @property
    def fraction(self) -> float:
        """Share of the documents checked or parsed, in [0, 1] (0 while the total is unknown)."""
        if not self.total:
            return 0.0
        return min(1.0, (self.parsed + self.unchanged + self.failed) / self.total)


class IngestJob:
    """``paths`` being ingested into ``workspace`` by a child process, started at once."""

    def __init__(self, paths: list[str], workspace: Path, *, processes: int | None = None) -> None:
        self.paths = paths
        self.workspace = workspace
        self.progress = IngestProgress()
        self.cancelled = False
        command = [
            sys.executable,
            "-m",
            "mapview",
            "ingest",
            *paths,
            "--workspace",
            str(workspace),
            "--progress",
            "json",
        ]
        if processes is not None:
            command += ["--processes", str(processes)]
        self._process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=True,
        )
        self._readers = [
            threading.Thread(target=self._read_progress, daemon=True),
            threading.Thread(target=self._read_messages, daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    @property
    def running(self) -> bool:
        """True until the child process has ended."""
        return self._process.poll() is None

    @property
    def returncode(self) -> int | None:
        """The child's exit code (0: all ingested, 1: some inputs skipped, other: failed), None while running."""
        return self._process.poll()

    def wait(self, timeout: float | None = None) -> int | None:
        """Wait for the child to end (at most ``timeout`` seconds); its exit code, or None if still running."""
        try:
            code = self._process.wait(timeout)
        except subprocess.TimeoutExpired:
            return None
        for reader in self._readers:
            reader.join(timeout=5)
        return code

    def cancel(self) -> None:
        """Stop the child; the batches it committed stay in the workspace."""
        if self.running:
            self.cancelled = True
            os.killpg(self._process.pid, signal.SIGTERM)
            self.wait(10)

    def _read_progress(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            try:
                report = json.loads(line)
            except ValueError:
                continue
            if isinstance(report, dict):
                for key in ("total", "parsed", "unchanged", "failed", "summary"):
                    if key in report:
                        setattr(self.progress, key, report[key])

    def _read_messages(self) -> None:
        assert self._process.stderr is not None
        for line in self._process.stderr:
            if line.strip():
                self.progress.messages.append(line.rstrip().removeprefix("mapview: "))
