"""``python -m mapview ingest`` / ``export`` with the real pipeline: resumable, safe side by side, on Dask too."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.workspace_support import ingest_command

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "reports.jsonl"
_TOWNS = [
    "Kabul",
    "Herat",
    "Kandahar",
    "Aleppo",
    "Idlib",
    "Homs",
    "Mosul",
    "Erbil",
    "Baghdad",
    "Damascus",
    "Beirut",
    "Amman",
    "Cairo",
    "Tunis",
    "Tripoli",
    "Khartoum",
    "Nairobi",
    "Lagos",
    "Paris",
    "Berlin",
]


def write_corpus(path: Path, count: int) -> Path:
    """A JSONL corpus of ``count`` short reports naming towns (generated here, distinct texts)."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            a, b, c = (_TOWNS[(i * k + j) % len(_TOWNS)] for k, j in ((1, 0), (3, 5), (7, 11)))
            text = (
                f"Report {i}. Officials in {a} said aid convoys reached {b} on Monday. "
                f"Clashes were reported near {c}, residents said."
            )
            out.write(json.dumps({"id": f"r{i:04d}", "title": f"Report {i}", "text": text}) + "\n")
    return path


def mapview(*args: str, **options) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mapview", *args], cwd=ROOT, capture_output=True, text=True, timeout=600, **options
    )


def content(workspace: Path) -> tuple[list[tuple], list[tuple]]:
    """What a workspace holds, without timestamps or row keys: documents and mentions."""
    db = sqlite3.connect(f"file:{workspace}?mode=ro", uri=True)
    try:
        documents = db.execute("SELECT id, content_hash, title FROM documents ORDER BY id").fetchall()
        mentions = db.execute(
            """SELECT d.id, m.char_start, m.char_end, m.name, m.label, m.place, m.confidence, m.alternatives
               FROM mentions m JOIN documents d ON d.pk = m.doc ORDER BY d.id, m.char_start"""
        ).fetchall()
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return documents, mentions
    finally:
        db.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "reports.jsonl", 150)


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[tuple], list[tuple]]:
    """The workspace of one uninterrupted ingest."""
    workspace = tmp_path_factory.mktemp("reference") / "ref.mapview"
    result = mapview("ingest", str(corpus), "--workspace", str(workspace), "--processes", "1", "--progress", "none")
    assert result.returncode == 0, result.stderr
    assert "150 parsed" in result.stderr
    return content(workspace)


def test_export_from_a_workspace_equals_parse(tmp_path: Path):
    workspace = tmp_path / "w.mapview"
    assert mapview("ingest", str(SAMPLES), "-w", str(workspace), "--progress", "none").returncode == 0
    exported = mapview("export", "-w", str(workspace), "--format", "jsonl")
    parsed = mapview("parse", str(SAMPLES), "--format", "jsonl", "--quiet")
    assert exported.returncode == parsed.returncode == 0
    by_id = lambda text: {r["id"]: r for r in map(json.loads, text.splitlines())}  # noqa: E731
    assert by_id(exported.stdout) == by_id(parsed.stdout)


def test_a_second_ingest_of_the_same_corpus_parses_nothing(corpus: Path, tmp_path: Path):
    workspace = tmp_path / "w.mapview"
    assert mapview("ingest", str(corpus), "-w", str(workspace), "--progress", "none").returncode == 0
    again = mapview("ingest", str(corpus), "-w", str(workspace), "--progress", "json")
    assert again.returncode == 0
    last = json.loads(again.stdout.splitlines()[-1])
    assert (last["done"], last["parsed"], last["unchanged"]) == (True, 0, 150)


def test_a_killed_ingest_run_again_yields_exactly_the_uninterrupted_result(corpus, reference, tmp_path: Path):
    workspace = tmp_path / "w.mapview"
    command = ingest_command(corpus, workspace, "--batch-size", "10")
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while _stored(workspace) < 20:  # a few batches in, well before the end
            assert process.poll() is None, "ingest ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    interrupted = _stored(workspace)
    assert 20 <= interrupted < 150
    rerun = mapview("ingest", str(corpus), "-w", str(workspace), "--processes", "1", "--progress", "none")
    assert rerun.returncode == 0, rerun.stderr
    assert f"{150 - interrupted} parsed, {interrupted} unchanged" in rerun.stderr
    assert content(workspace) == reference


def test_two_ingests_at_once_both_finish_and_the_second_waits(corpus, reference, tmp_path: Path):
    workspace = tmp_path / "w.mapview"
    command = ingest_command(corpus, workspace)
    first = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not workspace.exists():
        assert time.monotonic() < deadline and first.poll() is None
        time.sleep(0.05)
    second = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    (_, first_err), (_, second_err) = first.communicate(timeout=600), second.communicate(timeout=600)
    assert first.returncode == second.returncode == 0, first_err + second_err
    assert "waiting for another ingest" in first_err + second_err
    assert content(workspace) == reference


def test_ingest_on_a_dask_cluster_equals_the_local_run(corpus, reference, tmp_path: Path):
    distributed = pytest.importorskip("distributed")
    from mapview.documents import load_documents
    from mapview.workspace import Workspace, ingest
    from mapview.workspace.distributed import dask_parser

    workspace = tmp_path / "w.mapview"
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Workspace.open(workspace, create=True) as ws,
    ):
        report = ingest(ws, load_documents([corpus]), parse=dask_parser(cluster))
    assert report.parsed == 150
    assert content(workspace) == reference


def _stored(workspace: Path) -> int:
    if not workspace.exists():
        return 0
    try:
        db = sqlite3.connect(f"file:{workspace}?mode=ro", uri=True, timeout=1)
        try:
            return int(db.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error:
        return 0
