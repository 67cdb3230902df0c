#!/usr/bin/env python3
"""Make ``layout/profiles/fogra39-newsletter.icc`` from FOGRA39L.ti3 (a developer's tool).

Not a build step: the profile is committed, with ``PROVENANCE.md`` beside it,
and a build only reads it. Run this to make it again, e.g. with a newer
ArgyllCMS, then update ``PROVENANCE.md`` with what it prints (the tests check
the profile's size and MD5 against that file)::

    apt-get install -y icc-profiles-free argyll
    .venv/bin/python tools/make_fogra39_profile.py [path/to/FOGRA39L.ti3]

What it does:

1. ``colprof`` (ArgyllCMS) makes an ICC v2 output profile (CMYK to Lab) of
   the FOGRA39 characterisation data: medium quality A2B tables (``-qm``),
   high quality B2A tables (``-bh``, the separations the engine uses), a
   total ink limit of 300 % (``-l 300``), black generated as a ramp from
   white to black (``-kr``: grey component replacement, so that neutral and
   dark tones take black ink), without the measurement data inside (``-nc``).
2. The creation date colprof writes into the header is set to
   :data:`layout.icc.PROFILE_DATE` and the profile ID zeroed, as for the sRGB
   profile: the same ArgyllCMS and data give the same bytes on every run.
3. ``profcheck`` measures how well the profile (A2B) reproduces the
   measurements, as mean and maximum ΔE (CIE76 and CIEDE2000).

It writes the profile only; everything else is printed.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from layout import icc  # noqa: E402  (the repository's engine, also without installing it)

DATA = Path("/usr/share/color/icc/FOGRA39L.ti3")
PACKAGE = "icc-profiles-free"
DESCRIPTION = "Newsletter FOGRA39 (ISO Coated v2), from FOGRA39L.ti3 via ArgyllCMS colprof"
COPYRIGHT = ("Made from FOGRA39L.ti3 (Fogra characterisation data, Copyright Kai-Uwe Behrmann, "
             "zlib licence; Debian icc-profiles-free) with ArgyllCMS colprof. "
             "This profile: zlib licence.")
OPTIONS = ["-qm", "-bh", "-kr", "-l", "300", "-nc"]


def main(data: Path = DATA) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copyfile(data, work / "FOGRA39L.ti3")
        command = ["colprof", *OPTIONS, "-D", DESCRIPTION, "-C", COPYRIGHT,
                   "-O", "profile.icc", "FOGRA39L"]
        subprocess.run(command, cwd=work, check=True, stdout=subprocess.DEVNULL)
        profile = icc.fixed_header((work / "profile.icc").read_bytes())
        target = icc.FOGRA39_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(profile)
        checks = [_profcheck(work / "FOGRA39L.ti3", target, flag) for flag in ([], ["-k"])]
    print(f"wrote {target.relative_to(ROOT)}")
    print(f"size: {len(profile)} bytes")
    print(f"MD5: {hashlib.md5(profile).hexdigest()}")
    print(f"SHA-256: {hashlib.sha256(profile).hexdigest()}")
    print(f"data: {data.name}, SHA-256 {hashlib.sha256(data.read_bytes()).hexdigest()}")
    print(f"Debian package: {PACKAGE} {_package_version(PACKAGE)}")
    print(f"ArgyllCMS: {_argyll_version()} (Debian argyll {_package_version('argyll')})")
    print("command: " + " ".join(_quoted(part) for part in command))
    print(f"profcheck (CIE76): {checks[0]}")
    print(f"profcheck (CIEDE2000): {checks[1]}")


def _profcheck(data: Path, profile: Path, options: list[str]) -> str:
    output = subprocess.run(["profcheck", *options, str(data), str(profile)], check=True,
                            capture_output=True, text=True).stdout
    return output.strip().splitlines()[-1]


def _argyll_version() -> str:
    usage = subprocess.run(["colprof"], capture_output=True, text=True, check=False)
    found = re.search(r"Version (\S+)", usage.stdout + usage.stderr)
    return found.group(1) if found else "unknown"


def _package_version(name: str) -> str:
    result = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", name],
                            capture_output=True, text=True, check=False)
    return result.stdout.strip() or "unknown"


def _quoted(part: str) -> str:
    return f'"{part}"' if " " in part else part


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA)
