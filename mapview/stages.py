"""CPU seconds spent in each stage of the pipeline, summed over a run (what the throughput benchmark prints)."""

from __future__ import annotations

import time


class StageClock:
    """Sums the CPU time of this process spent in named stages.

    Reading the clock costs a microsecond, so the pipeline keeps one always:
    call :meth:`start`, then :meth:`lap` at the end of each stage.

    >>> clock = StageClock()
    >>> t = clock.lap("sentences", clock.start())
    >>> sorted(clock.seconds)
    ['sentences']
    """

    __slots__ = ("seconds",)

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @staticmethod
    def start() -> float:
        """The clock's reading now (CPU seconds of this process)."""
        return time.process_time()

    def lap(self, stage: str, since: float) -> float:
        """Count the time from ``since`` to now for ``stage``; the reading now (the next lap's start)."""
        now = time.process_time()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - since
        return now

    def clear(self) -> None:
        """Forget every stage's time."""
        self.seconds.clear()
