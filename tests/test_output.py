"""Outputs change all at once or not at all, and never overwrite an input (issue 13, findings 5 and 6)."""

import os
import stat

import pytest

from mapview.documents import SUPPORTED_EXTENSIONS
from mapview.exc import OutputError
from mapview.output import TEMPORARY_SUFFIX, atomic_output, check_output_path


def leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith(TEMPORARY_SUFFIX)]


def test_the_target_is_replaced_only_when_the_block_succeeds(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("previous\n", encoding="utf-8")
    with atomic_output(target) as out:
        out.write("new\n")
        assert target.read_text(encoding="utf-8") == "previous\n"  # untouched while writing
    assert target.read_text(encoding="utf-8") == "new\n" and leftovers(tmp_path) == []


@pytest.mark.parametrize("failure", [RuntimeError("a bug"), KeyboardInterrupt()])
def test_a_failure_or_interrupt_leaves_the_previous_file_and_no_temporary_one(tmp_path, failure):
    target = tmp_path / "out.geojson"
    target.write_text("previous", encoding="utf-8")
    with pytest.raises(type(failure)), atomic_output(target) as out:  # noqa: PT012 (the failure is mid-write)
        out.write("half of it")
        raise failure
    assert target.read_text(encoding="utf-8") == "previous" and leftovers(tmp_path) == []


def test_a_failure_before_any_output_leaves_no_file_at_all(tmp_path):
    with pytest.raises(RuntimeError), atomic_output(tmp_path / "new.csv"):
        raise RuntimeError
    assert list(tmp_path.iterdir()) == []


def test_discard_keeps_the_previous_file(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("previous", encoding="utf-8")
    with atomic_output(target) as out:
        out.write("")
        out.discard()
    assert target.read_text(encoding="utf-8") == "previous" and leftovers(tmp_path) == []


def test_permissions_of_an_existing_target_are_kept_and_links_written_through(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    (tmp_path / "link.csv").symlink_to(real)
    with atomic_output(tmp_path / "link.csv") as out:
        out.write("new")
    assert (tmp_path / "link.csv").is_symlink() and real.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_a_target_that_is_not_a_regular_file_is_written_directly():
    with atomic_output(os.devnull) as out:
        out.write("nothing")
    assert os.path.exists(os.devnull) and not stat.S_ISREG(os.stat(os.devnull).st_mode)


def test_text_no_encoder_accepts_does_not_fail_the_write(tmp_path):
    with atomic_output(tmp_path / "out.jsonl") as out:
        out.write("Lone \ud800.\n")
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8") == "Lone ?.\n"


def check(output, *inputs):
    check_output_path(output, inputs, read_extensions=SUPPORTED_EXTENSIONS)


def test_an_output_that_is_an_input_is_refused(tmp_path):
    corpus = tmp_path / "same.jsonl"
    corpus.write_text("{}", encoding="utf-8")
    (tmp_path / "alias.jsonl").symlink_to(corpus)
    os.link(corpus, tmp_path / "hard.jsonl")
    for output in (corpus, tmp_path / "alias.jsonl", tmp_path / "hard.jsonl", tmp_path / "." / "same.jsonl"):
        with pytest.raises(OutputError, match="also an input"):
            check(output, corpus)
    assert corpus.read_text(encoding="utf-8") == "{}"


def test_an_output_a_folder_walk_would_read_is_refused(tmp_path):
    (tmp_path / "reports" / "sub").mkdir(parents=True)
    with pytest.raises(OutputError, match="inside the input folder"):
        check(tmp_path / "reports" / "sub" / "out.jsonl", tmp_path / "reports")
    check(tmp_path / "reports" / "map.geojson", tmp_path / "reports")  # not a type the walk reads
    check(tmp_path / "reports" / ".hidden" / "out.jsonl", tmp_path / "reports")
    check(tmp_path / "out.jsonl", tmp_path / "reports")
