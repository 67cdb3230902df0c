"""A build raises no deprecation on any Python we support (3.11 to 3.13).

CI runs the suite on the oldest and the newest of them; this test makes a
deprecation of the engine, or of what the engine does with its libraries
(a fork of a multi-threaded process, say), fail on either.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import SAMPLE


def test_a_build_passes_with_deprecations_as_errors(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONWARNINGS": "error::DeprecationWarning",
           "NEWSLETTER_CACHE": str(tmp_path / "cache")}
    for run in ("cold", "warm"):  # a cold cache draws and looks up ahead, in forks
        done = subprocess.run(
            [sys.executable, "-m", "layout", "build", str(SAMPLE), "-o",
             str(tmp_path / run / "n.pdf"), "--debug"],
            env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        assert "Warning" not in done.stderr, done.stderr
        assert (tmp_path / run / "n.pdf").read_bytes().startswith(b"%PDF-")
