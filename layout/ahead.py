"""Work ahead in another process: the one place that decides whether to fork.

A first build starts two pieces of work ahead of the layout, each in a fork
of its process: the chart (:func:`layout.charts.draw_ahead`) and the
hyphenation of the issue's words (:func:`layout.hyphenation.look_up_ahead`).
A fork copies only the thread that makes it: a lock that another thread
holds (in malloc, in a library) stays locked in the child for good. So a
fork is made only while the process has exactly one thread, as the kernel
counts them (``/proc/self/task``). ``threading.active_count()`` is not
enough: it knows Python's threads only, not those native libraries start
and keep. OpenBLAS, for one, starts a worker per core when numpy is
imported (by matplotlib when a chart is drawn in the build's own process,
by the preflight), and they stay for the life of the process, as in
``newsletter watch``; Python 3.12 and later warn of a fork then. The thread
pools of :mod:`layout.build` are not among them: they end with their
``with`` block. Where threads cannot be counted (no ``/proc``), nothing is
forked, and the work is done in the build itself, as it would be anyway.

This module starts nothing; it only answers.
"""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing.context import BaseContext

#: Where the kernel lists the threads of this process, one entry each.
TASKS = "/proc/self/task"


def threads() -> int | None:
    """The threads of this process, native ones included; None where unknown."""
    try:
        return len(os.listdir(TASKS))
    except OSError:
        return None


def may_fork() -> bool:
    """Whether this process may fork now: it can, and it has no other thread."""
    return hasattr(os, "fork") and threads() == 1


def fork_context() -> BaseContext | None:
    """multiprocessing's ``fork`` context when :func:`may_fork`, else None."""
    if not may_fork():
        return None
    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None
