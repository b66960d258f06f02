"""Scripts can tell a skip from a usage error, a crash and an interrupt (issue 13, findings 6 and 7)."""

import pytest

from gazetteer import GazetteerError
from mapview import exit_codes
from mapview.cli import main
from mapview.exc import DocumentError, OutputError


def raising(exc):
    def command():
        raise exc

    return command


def test_codes_are_distinct():
    codes = [exit_codes.OK, exit_codes.SKIPPED, exit_codes.USAGE, exit_codes.CRASHED, exit_codes.INTERRUPTED]
    assert codes == [0, 1, 2, 3, 130]


@pytest.mark.parametrize(
    "exc",
    [
        OutputError("the output x is also an input"),
        GazetteerError("no index"),
        FileNotFoundError(2, "No such file or directory", "out/x.jsonl"),
    ],
)
def test_usage_and_setup_errors_exit_2_with_one_line(exc, capsys):
    assert exit_codes.guarded(raising(exc)) == exit_codes.USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("mapview: error: ") and "Traceback" not in err


def test_a_bug_exits_3_and_saves_its_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MAPVIEW_CACHE_DIR", str(tmp_path))
    assert exit_codes.guarded(raising(KeyError("boom"))) == exit_codes.CRASHED
    err = capsys.readouterr().err
    assert "internal error (a bug" in err and "KeyError" in err and "Traceback" not in err
    [log] = (tmp_path / "logs").iterdir()
    assert str(log) in err and "Traceback" in log.read_text(encoding="utf-8") and "boom" in log.read_text()


def test_a_bug_whose_log_cannot_be_written_prints_the_traceback(tmp_path, monkeypatch, capsys):
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("MAPVIEW_CACHE_DIR", str(tmp_path / "file"))
    assert exit_codes.guarded(raising(ValueError("boom"))) == exit_codes.CRASHED
    assert "Traceback" in capsys.readouterr().err


def test_an_interrupt_exits_130_with_one_line(capsys):
    assert exit_codes.guarded(raising(KeyboardInterrupt())) == exit_codes.INTERRUPTED
    err = capsys.readouterr().err.strip()
    assert err == "mapview: interrupted; output files were left as they were"


def test_a_document_error_escaping_a_command_is_a_usage_error(capsys):
    assert exit_codes.guarded(raising(DocumentError("x.txt: no such file"))) == exit_codes.USAGE


def test_the_help_lists_the_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["parse", "--help"])
    out = capsys.readouterr().out
    for code in ("0 ", "1 ", "2 ", "3 ", "130 "):
        assert f"\n  {code}" in out


def test_processes_must_be_positive(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["parse", "--processes", "0", "x.txt"])
    assert exit_.value.code == exit_codes.USAGE
