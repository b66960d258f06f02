"""`python -m mapview parse`: the contract other tools rely on, and bad input that loses nothing."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import EVAL, ROOT

pytestmark = pytest.mark.slow


def parse(*args):
    return subprocess.run(
        [sys.executable, "-m", "mapview", "parse", "--quiet", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def mixed_folder(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "good.txt").write_text("Shelling hit Idlib province and Aleppo on Monday.", encoding="utf-8")
    (folder / "bom.md").write_bytes("\ufeffConvoys left Herat for Kabul.".encode("utf-8"))
    (folder / "utf16.txt").write_bytes("Floods hit Nangarhar.".encode("utf-16"))
    (folder / "cp1252.txt").write_bytes("The \u201cenvoy\u201d flew to Islamabad.".encode("cp1252"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (folder / "page.html").write_text(
        "<html><head><title>Report</title><script>var Paris=1</script></head>"
        "<body><p>Aid reached Kandahar.</p></body></html>",
        encoding="utf-8",
    )
    return folder


def test_mixed_folder_parses_everything_readable_and_names_the_rest(mixed_folder, tmp_path):
    out = tmp_path / "out.jsonl"
    result = parse(mixed_folder, "-o", out)
    assert result.returncode == 1, result.stderr  # something was skipped
    assert "photo.txt" in result.stderr and "Traceback" not in result.stderr
    records = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert set(records) == {"good.txt", "bom.md", "utf16.txt", "cp1252.txt", "empty.txt", "page.html"}
    names = {r["id"]: {t["name"] for t in r["toponyms"]} for r in records.values()}
    assert names["good.txt"] == {"Idlib", "Aleppo"}
    assert names["bom.md"] == {"Herat", "Kabul"} and names["utf16.txt"] == {"Nangarhar"}
    assert names["cp1252.txt"] == {"Islamabad"} and names["empty.txt"] == set()
    assert names["page.html"] == {"Kandahar"}, "script text is not document text"
    for record in records.values():
        for t in record["toponyms"]:
            assert record["text"][t["start"] : t["end"]] == t["name"]


@pytest.mark.shared
def test_jsonl_ids_are_kept_and_output_scores(tmp_path):
    gold = tmp_path / "gold.jsonl"
    lines = (EVAL / "geovirus.jsonl").read_text(encoding="utf-8").splitlines()[:5]
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    assert parse(gold, "-o", out).returncode == 0
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == [json.loads(x)["id"] for x in lines]
    score = subprocess.run(
        [sys.executable, str(EVAL / "score.py"), str(gold), str(out), "--json", str(tmp_path / "s.json")],
        capture_output=True,
        text=True,
    )
    assert score.returncode == 0, score.stderr
    assert "without prediction: 0" in score.stdout


@pytest.mark.parametrize(
    "suffix, check",
    [
        (".geojson", lambda text: json.loads(text)["type"] == "FeatureCollection"),
        (".csv", lambda text: text.splitlines()[0].startswith("doc_id")),
    ],
)
def test_output_format_follows_the_suffix(mixed_folder, tmp_path, suffix, check):
    out = tmp_path / f"out{suffix}"
    parse(mixed_folder / "good.txt", "-o", out)
    assert check(out.read_text(encoding="utf-8"))


def test_missing_path_is_a_clean_error(tmp_path):
    result = parse(tmp_path / "nope.txt")
    assert result.returncode in (1, 2) and "nope.txt" in result.stderr and "Traceback" not in result.stderr


# Issue 13: one bad input never costs the good ones; outputs are atomic; exit codes say what happened.


def records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def corpus(path, n, special=None):
    lines = [json.dumps({"id": f"r{i}", "text": f"Shelling hit Idlib and Aleppo, report {i}."}) for i in range(n)]
    for index, line in (special or {}).items():
        lines[index] = line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("processes", ["1", "2"])
def test_a_lone_surrogate_loses_nothing_with_one_or_two_processes(tmp_path, processes):
    source = corpus(tmp_path / "c.jsonl", 40, {5: '{"id": "b", "text": "Lone \\ud800 in Herat.", "title": "\\udc00"}'})
    out = tmp_path / "out.jsonl"
    result = parse(source, "-o", out, "--processes", processes)
    assert result.returncode == 0, result.stderr
    assert [r["id"] for r in records(out)] == [f"r{i}" if i != 5 else "b" for i in range(40)]
    assert records(out)[5]["text"] == "Lone \ufffd in Herat." and records(out)[5]["title"] == "\ufffd"
    assert f"{source}:6 (id b)" in result.stderr and "Traceback" not in result.stderr


def test_deep_json_and_a_bad_list_item_are_named_and_the_good_items_written(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 3000, encoding="utf-8")
    (tmp_path / "list.json").write_text(
        '[{"text": "Kabul."}, {"text": 42}, {"text": "Herat."}, {"text": "Farah."}]', encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    result = parse(tmp_path / "deep.json", tmp_path / "list.json", "-o", out)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert [r["text"] for r in records(out)] == ["Kabul.", "Herat.", "Farah."]
    assert "deep.json (item 1): nested deeper" in result.stderr and "list.json (item 2)" in result.stderr


def test_an_output_that_is_an_input_is_refused_and_both_are_left_alone(tmp_path):
    source = corpus(tmp_path / "same.jsonl", 2)
    before = source.read_text(encoding="utf-8")
    result = parse(source, "-o", source)
    assert result.returncode == 2 and "also an input" in result.stderr
    assert source.read_text(encoding="utf-8") == before
    (tmp_path / "existing.jsonl").write_text("previous\n", encoding="utf-8")
    result = parse(tmp_path / "missing.txt", "-o", tmp_path / "existing.jsonl")
    assert result.returncode == 1 and "missing.txt" in result.stderr
    assert (tmp_path / "existing.jsonl").read_text(encoding="utf-8") == "previous\n"


def test_named_pipes_and_links_are_reported_never_blocking(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "b.txt").write_text("Floods hit Nangarhar.", encoding="utf-8")
    (reports / "linked").symlink_to(tmp_path / "other")
    (reports / "gone.txt").symlink_to(tmp_path / "nothing.txt")
    os.mkfifo(reports / "pipe.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    out = tmp_path / "out.jsonl"
    result = parse(tmp_path / "pipe.txt", reports, "-o", out)  # a timeout here is the old hang
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert [r["id"] for r in records(out)] == ["linked/b.txt"]
    assert result.stderr.count("named pipe") == 2 and "gone.txt: a symbolic link to nothing" in result.stderr


def start(*args):
    # a session of its own, so that an interrupt can go to the whole group as Ctrl-C in a terminal does
    return subprocess.Popen(
        [sys.executable, "-m", "mapview", "parse", "--quiet", *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def wait_for_temporary(folder, grown=False, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        parts = [p for p in folder.iterdir() if p.name.endswith(".part")]
        if parts and (not grown or parts[0].stat().st_size > 0):
            return
        time.sleep(0.05)
    pytest.fail("the run never started writing")


@pytest.mark.parametrize(
    ("name", "previous", "grown"),
    [("out.geojson", "previous", False), ("out.jsonl", "previous\n", True), ("new.jsonl", None, True)],
)
def test_a_killed_run_leaves_the_previous_output_or_none(tmp_path, name, previous, grown):
    (tmp_path / "in").mkdir()
    source = corpus(tmp_path / "in" / "c.jsonl", 400)
    out = tmp_path / name
    if previous is not None:
        out.write_text(previous, encoding="utf-8")
    run = start(source, "-o", out, "--processes", "1")
    wait_for_temporary(tmp_path, grown=grown)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=60)
    if previous is None:
        assert not out.exists()
    else:
        assert out.read_text(encoding="utf-8") == previous


def test_an_interrupt_ends_cleanly_with_one_line_and_the_output_untouched(tmp_path):
    (tmp_path / "in").mkdir()
    source = corpus(tmp_path / "in" / "c.jsonl", 20000)
    out = tmp_path / "out.csv"
    out.write_text("previous", encoding="utf-8")
    run = start(source, "-o", out, "--processes", "2")
    wait_for_temporary(tmp_path)
    time.sleep(4)  # the model loaded, workers busy
    os.killpg(run.pid, signal.SIGINT)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130, err
    assert err.strip().splitlines()[-1] == "mapview: interrupted; output files were left as they were"
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert out.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
