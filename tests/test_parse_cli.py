"""`python -m mapview parse`: the contract other tools rely on, and bad input that loses nothing."""

import json
import subprocess
import sys

import pytest

from tests.conftest import EVAL, ROOT

pytestmark = pytest.mark.slow


def parse(*args):
    return subprocess.run([sys.executable, "-m", "mapview", "parse", "--quiet", *map(str, args)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)


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
    (folder / "page.html").write_text("<html><head><title>Report</title><script>var Paris=1</script></head>"
                                      "<body><p>Aid reached Kandahar.</p></body></html>", encoding="utf-8")
    return folder


def test_mixed_folder_parses_everything_readable_and_names_the_rest(mixed_folder, tmp_path):
    out = tmp_path / "out.jsonl"
    result = parse(mixed_folder, "-o", out)
    assert result.returncode == 1, result.stderr      # something was skipped
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
            assert record["text"][t["start"]:t["end"]] == t["name"]


def test_jsonl_ids_are_kept_and_output_scores(tmp_path):
    gold = tmp_path / "gold.jsonl"
    lines = (EVAL / "geovirus.jsonl").read_text(encoding="utf-8").splitlines()[:5]
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    assert parse(gold, "-o", out).returncode == 0
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == [json.loads(x)["id"] for x in lines]
    score = subprocess.run([sys.executable, str(EVAL / "score.py"), str(gold), str(out), "--json", str(tmp_path / "s.json")],
                           capture_output=True, text=True)
    assert score.returncode == 0, score.stderr
    assert "without prediction: 0" in score.stdout


@pytest.mark.parametrize("suffix, check", [
    (".geojson", lambda text: json.loads(text)["type"] == "FeatureCollection"),
    (".csv", lambda text: text.splitlines()[0].startswith("doc_id")),
])
def test_output_format_follows_the_suffix(mixed_folder, tmp_path, suffix, check):
    out = tmp_path / f"out{suffix}"
    parse(mixed_folder / "good.txt", "-o", out)
    assert check(out.read_text(encoding="utf-8"))


def test_missing_path_is_a_clean_error(tmp_path):
    result = parse(tmp_path / "nope.txt")
    assert result.returncode in (1, 2) and "nope.txt" in result.stderr and "Traceback" not in result.stderr
