"""Watch mode: every change is rebuilt; a broken edit never replaces the good PDF."""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path

from layout.watch import Outcome, watch_issue

from .test_other_issues import SMALL


def test_rebuilds_on_change_and_keeps_the_last_good_pdf(write_issue: Callable[[str], Path],
                                                         tmp_path: Path) -> None:
    folder = write_issue(SMALL)
    issue_file = folder / "issue.yaml"
    output = tmp_path / "n.pdf"
    outcomes: queue.Queue[tuple[Outcome, bytes]] = queue.Queue()

    def report(outcome: Outcome) -> None:
        outcomes.put((outcome, output.read_bytes()))

    def edit(text: str) -> None:
        """Save as an editor's program does: the new file appears at once, complete,
        with a modification time the watcher cannot miss."""
        draft = folder / ".issue.yaml.swp"
        draft.write_text(text, encoding="utf-8")
        later = time.time() + 5
        os.utime(draft, (later, later))
        os.replace(draft, issue_file)

    thread = threading.Thread(target=watch_issue, args=(folder, output, report),
                              kwargs={"interval": 0.05, "builds": 3}, daemon=True)
    thread.start()
    first, first_pdf = outcomes.get(timeout=60)
    edit(SMALL.replace("title: Neue", "titel: Neue"))
    broken, broken_pdf = outcomes.get(timeout=60)
    edit(SMALL.replace("Sprachcafé öffnet", "Sprachcafé öffnet bald"))
    fixed, fixed_pdf = outcomes.get(timeout=60)
    thread.join(10)

    assert first.result is not None and fixed.result is not None
    assert broken.result is None and broken.error is not None
    assert "unknown field 'titel'" in broken.error.format_message()
    assert broken_pdf == first_pdf  # the last good PDF stayed in place
    assert fixed_pdf != first_pdf
