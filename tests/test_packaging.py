"""The package installs: pins cover pyproject's requirements, and a built wheel holds and imports every module."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("gazetteer", "mapview")


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"requirements.txt must pin exact versions: {line!r}"
            pins[canonicalize_name(name)] = version
    return pins


def _requirements() -> list[Requirement]:
    project = _pyproject()
    listed = list(project["project"]["dependencies"]) + list(project["build-system"]["requires"])
    for extra in project["project"]["optional-dependencies"].values():
        listed += extra
    return [r for r in map(Requirement, listed) if canonicalize_name(r.name) != "mapview"]


@pytest.mark.parametrize("requirement", _requirements(), ids=str)
def test_every_requirement_is_pinned_within_its_range(requirement):
    pins = _pins()
    name = canonicalize_name(requirement.name)
    assert name in pins, f"{requirement.name} is not pinned in requirements.txt"
    assert requirement.specifier.contains(pins[name], prereleases=True), (requirement, pins[name])


def test_the_extras_name_only_extras_that_exist():
    project = _pyproject()["project"]
    extras = project["optional-dependencies"]
    for requirement in map(Requirement, [r for group in extras.values() for r in group]):
        if canonicalize_name(requirement.name) == "mapview":
            assert requirement.extras <= set(extras)


def _copy_sources(target: Path) -> None:
    """The files a build reads, copied, so building never leaves build/ or *.egg-info in the checkout."""
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, target / name)
    for package in PACKAGES:
        shutil.copytree(ROOT / package, target / package, ignore=shutil.ignore_patterns("__pycache__"))


def _modules(names: list[str]) -> list[str]:
    modules = []
    for name in names:
        if name.endswith(".py") and name.split("/")[0] in PACKAGES:
            parts = name[: -len(".py")].split("/")
            if parts[-1] == "__init__":
                parts.pop()
            if parts[-1] != "__main__":  # running it is what a __main__ module does on import
                modules.append(".".join(parts))
    return sorted(modules)


@pytest.mark.slow
def test_the_wheel_holds_every_module_and_data_file_and_imports_from_itself(tmp_path):
    source, wheels, site = tmp_path / "src", tmp_path / "wheels", tmp_path / "site"
    source.mkdir()
    _copy_sources(source)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    # --no-build-isolation: the pinned setuptools in this venv builds it; nothing is fetched
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(wheels), str(source)],
        check=True,
        cwd=tmp_path,
    )
    (wheel,) = wheels.glob("mapview-*.whl")
    names = zipfile.ZipFile(wheel).namelist()

    expected = {
        path.relative_to(source).as_posix()
        for package in PACKAGES
        for path in (source / package).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert expected <= set(names), sorted(expected - set(names))  # every module, data file and asset
    metadata = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    entry_points = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "mapview = mapview.cli:main" in entry_points
    assert "mapview-gazetteer = gazetteer.cli:main" in entry_points

    subprocess.run([*pip, "install", "--no-deps", "--quiet", "--target", str(site), str(wheel)], check=True)
    modules = _modules(names)
    script = (
        "import importlib, sys\n"
        f"site = {str(site)!r}\n"
        "for name in sys.argv[1:]:\n"
        "    module = importlib.import_module(name)\n"
        "    assert module.__file__.startswith(site), (name, module.__file__)\n"
        "from mapview.cli import main\n"
        "from gazetteer.cli import main as gazetteer_main\n"
        "from gazetteer.sources.packages import CURATED_DIR\n"
        "assert (CURATED_DIR / 'regions.tsv').is_file(), CURATED_DIR\n"
    )
    # -P and a working directory outside the checkout: only the wheel's copy can be imported
    done = subprocess.run(
        [sys.executable, "-P", "-c", script, *modules],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
