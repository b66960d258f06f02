import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def run(*args):
    return subprocess.run([sys.executable, "-m", "gazetteer", *args], cwd=ROOT, capture_output=True, text=True)


def test_lookup_json_has_the_contract_fields(gazetteer):
    result = run("--index", str(gazetteer.path), "lookup", "Idleb", "--limit", "3", "--json")
    assert result.returncode == 0, result.stderr
    places = json.loads(result.stdout)
    assert 1 <= len(places) <= 3
    contract = {"geonameid", "name", "kind", "country_code", "admin1", "lat", "lon", "population", "score"}
    assert contract | {"display_name"} <= set(places[0])
    assert places[0]["country_code"] == "SY"


def test_lookup_with_country_filter(gazetteer):
    result = run("--index", str(gazetteer.path), "lookup", "Paris", "--country", "US", "--json")
    assert {p["country_code"] for p in json.loads(result.stdout)} == {"US"}


def test_bad_country_is_one_clean_error_line_and_status_2(gazetteer):
    result = run("--index", str(gazetteer.path), "lookup", "Paris", "--country", "France")
    assert result.returncode == 2
    assert result.stderr.startswith("gazetteer: error:") and "Traceback" not in result.stderr


def test_build_if_needed_leaves_a_current_index(gazetteer):
    result = run("--index", str(gazetteer.path), "build", "--if-needed", "--quiet")
    assert result.returncode == 0 and "current" in result.stdout
