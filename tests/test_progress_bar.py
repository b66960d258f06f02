"""The progress bar of `parse` and `ingest`: shown, and no thread left behind (workers can still be forked)."""

import io
import threading

from mapview.console import progress_bar


def test_a_progress_bar_counts_and_leaves_no_thread_behind():
    before = {t.ident for t in threading.enumerate()}
    out = io.StringIO()
    bar = progress_bar(unit="doc", desc="parsing", file=out)
    bar.update(3)
    bar.close()
    assert "parsing" in out.getvalue() and "3doc" in out.getvalue()
    assert {t.ident for t in threading.enumerate()} - before == set()
