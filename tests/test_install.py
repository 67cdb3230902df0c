"""A normal install works: the wheel carries everything a build needs, and
the installed engine builds a project made by ``newsletter init`` anywhere.

The wheel is built from a copy of the project's tracked files (no build
isolation: setuptools comes with the ``dev`` extra), as ``pip install .``
builds it; it is installed with ``--target`` into a folder of its own, and
the engine is run from there, in a project outside the repository, with the
environment's packages for its dependencies only.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest

from layout.preflight import preflight

from .test_reproducible import copy_project, tracked_files

#: What a build needs from the package, besides its modules.
SHIPPED = (
    "layout/assets/fonts/PTSerif-Regular.ttf",
    "layout/assets/fonts/PTSans-BoldItalic.ttf",
    "layout/assets/fonts/LICENSE-ParaType.txt",
    "layout/assets/standins/team.jpg",
    "layout/assets/standins/funder-logo.png",
    "layout/assets/standins/README.md",
    "layout/locale/de/LC_MESSAGES/newsletter.mo",
    "layout/profiles/fogra39-newsletter.icc",
    "layout/patterns/hyph-de-1996.dic",
    "layout/starter/style.yaml",
    "layout/starter/issue.yaml",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    found = version("setuptools")
    assert int(found.split(".")[0]) >= 77, (
        f"setuptools {found} cannot build the wheel; make test installs the dev extra's")
    source = copy_project(tracked_files(), tmp_path_factory.mktemp("source"))
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-cache-dir", "--verbose", "-w", str(out), str(source)],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    # setuptools' warnings (a data folder not declared as a package …), shown by --verbose
    assert not re.findall(r"\w*Warning: .*", done.stdout + done.stderr)
    [built] = out.glob("*.whl")
    return built


def test_the_wheel_carries_fonts_licence_translations_stand_ins_profiles(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert set(SHIPPED) <= names
    assert not [name for name in names if name.startswith("layout/") and (
        name.endswith((".po", ".pot")) or "make_standins" in name or "update.py" in name)]


def test_the_installed_engine_builds_a_new_project(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-compile",
                    "--quiet", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, text=True)
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("PYTHON", "NEWSLETTER_"))}
    env |= {"PYTHONPATH": str(site), "NEWSLETTER_CACHE": str(tmp_path / "cache")}
    work = tmp_path / "work"
    work.mkdir()

    def newsletter(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "layout", *args], cwd=work, env=env,
                              capture_output=True, text=True, check=False)

    where = subprocess.run(
        [sys.executable, "-c", "import layout.paths as p; print(p.__file__); "
         "print(p.FONTS_DIR); print(p.STANDINS_DIR)"],
        cwd=work, env=env, check=True, capture_output=True, text=True)
    for line in where.stdout.splitlines():
        assert Path(line).is_relative_to(site), line
    made = newsletter("init", "verein")
    assert made.returncode == 0, made.stderr
    built = newsletter("build", "--strict", "verein", "-o", "out/n.pdf")
    assert built.returncode == 0, built.stdout + built.stderr
    for pdf, profile in ((work / "out" / "n.pdf", "digital"),
                         (work / "out" / "n-print.pdf", "print")):
        lines, problems = preflight(pdf.read_bytes(), profile)
        assert problems == [], (profile, problems)
        assert any("PTSerif" in line for line in lines)
