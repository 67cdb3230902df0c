"""The same issue gives the same bytes, whichever folder the project sits in.

Two copies of the project's tracked files, in folders of different names
and depths, each with an environment of its own that imports the engine, its
fonts and its assets from that copy (the packages come from ``.venv``), build
the sample issue in fresh processes with caches of their own: both editions
must be byte for byte the same. Nothing a build writes may depend on where
the project, the issue or the cache is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .conftest import ROOT


def tracked_files() -> list[str]:
    """The project's tracked files as the working tree has them, and those
    about to be (not ignored): a new module is part of the engine at once."""
    done = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                          cwd=ROOT, capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip("the project is not a git checkout")
    return [name for name in done.stdout.decode().split("\0") if name]


def copy_project(files: list[str], target: Path) -> Path:
    for name in files:
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def environment(copy: Path, where: Path) -> Path:
    """A bare environment at ``where`` (no pip) that finds ``.venv``'s packages
    and the engine of ``copy``, first; its interpreter."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True,
                   capture_output=True)
    python = where / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True).stdout.strip()
    packages = sysconfig.get_paths()["purelib"]  # this interpreter's: .venv's
    # Plain paths: the editable install's finder (a .pth in .venv) is not run.
    Path(purelib, "newsletter-test.pth").write_text(f"{copy}\n{packages}\n")
    return python


def build_copy(copy: Path, python: Path, cache: Path, output: Path) -> tuple[bytes, bytes]:
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("PYTHON", "NEWSLETTER_", "VIRTUAL_ENV"))}
    env["NEWSLETTER_CACHE"] = str(cache)
    where = subprocess.run(
        [str(python), "-c", "import layout, layout.paths as p; "
         "print(layout.__file__); print(p.FONTS_DIR); print(p.ASSETS_DIR)"],
        cwd=copy / "issues", env=env, check=True, capture_output=True, text=True)
    for line in where.stdout.splitlines():
        assert Path(line).resolve().is_relative_to(copy.resolve()), line
    done = subprocess.run(
        [str(python), "-m", "layout", "build", str(copy / "issues" / "2022-02"), "-o",
         str(output)], cwd=copy / "issues", env=env, capture_output=True, text=True,
        check=False)
    assert done.returncode == 0, done.stderr
    return output.read_bytes(), output.with_name(f"{output.stem}-print.pdf").read_bytes()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX environments")
def test_two_copies_in_two_folders_build_the_same_bytes(tmp_path: Path) -> None:
    files = tracked_files()
    editions = []
    for number, folder in enumerate(("a", "a much longer folder name/deeper/newsletter")):
        copy = copy_project(files, tmp_path / folder)
        python = environment(copy, tmp_path / f"env{number}")
        editions.append(build_copy(copy, python, tmp_path / f"cache{number}",
                                   tmp_path / f"out{number}" / "n.pdf"))
    digital, printed = zip(*editions, strict=True)
    assert digital[0] == digital[1]
    assert printed[0] == printed[1]
