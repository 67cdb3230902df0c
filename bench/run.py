"""Benchmark of the build, measured in fresh processes (``make bench``).

Not a test: it measures, and writes ``bench/RESULTS.md`` with the machine it
ran on. Every figure is the median of several runs, each in a new Python
process, and is read beside the floor measured in the same run (``python -c
"import reportlab.platypus"``), so that the ratios survive a noisy machine.

    python bench/run.py [--runs 5] [--output bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "issues" / "2022-02"
PYTHON = sys.executable
NEWSLETTER = [PYTHON, "-m", "layout"]
#: One-word edits of the editorial's first line, as an editor makes them in watch mode.
EDITS = ("Herzlich Willkommen", "Herzlich willkommen!", "Herzlich gegrüßt", "Hallo willkommen",
         "Herzlich willkommen")
#: Copies of the sample's articles in the large issue: about forty pages.
COPIES = 11


def child(argv: list[str]) -> None:
    """Runs inside a fresh process: one build (or a watch-like pair), as JSON."""
    started = time.perf_counter()
    from layout.build import build_issue  # the import is part of what is measured

    source, output = Path(argv[1]), Path(argv[2])
    result = build_issue(source, output)
    wall = time.perf_counter() - started
    data = {"wall": wall, "pages": result.pages, "timings": result.timings}
    if argv[0] == "rebuild":  # watch mode: the process stays; one word changes, five times
        issue = source / "issue.yaml"
        text = issue.read_text(encoding="utf-8")
        times = []
        for edit in EDITS:
            issue.write_text(text.replace("Herzlich willkommen", edit, 1), encoding="utf-8")
            again = time.perf_counter()
            build_issue(source, output)
            times.append(time.perf_counter() - again)
        data["rebuild"] = statistics.median(times)
    data["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(data))


def run(command: list[str], env: dict[str, str] | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})}, check=True)
    return time.perf_counter() - started, done.stdout


def median_of(runs: int, command: list[str], env: dict[str, str] | None = None) -> float:
    return statistics.median(run(command, env)[0] for _ in range(runs))


def builds(runs: int, source: Path, cache: Path | None, mode: str = "build") -> list[dict]:
    results = []
    for number in range(runs):
        folder = Path(tempfile.mkdtemp(prefix="bench-"))
        if cache is None:  # an empty cache for every run
            env = {"NEWSLETTER_CACHE": str(folder / "cache")}
        else:
            env = {"NEWSLETTER_CACHE": str(cache)}
        work = folder / source.name
        shutil.copytree(source, work)
        _, out = run([PYTHON, __file__, "--child", mode, str(work), str(folder / "n.pdf")], env)
        results.append(json.loads(out.strip().splitlines()[-1]))
        shutil.rmtree(folder)
        del number
    return results


def forty_pages(folder: Path) -> Path:
    """The sample with its articles :data:`COPIES` times over: about forty pages."""
    target = folder / "forty"
    shutil.copytree(SAMPLE, target)
    text = (target / "issue.yaml").read_text(encoding="utf-8")
    # Twenty-four articles: a cover photo would leave the contents too little
    # room (the build says so), and forty pages are bound with a glued spine.
    cover, after = text.split("\ncover:\n", 1)
    text = cover + "\n" + after.split("\n\n", 1)[1]
    text = text.replace("  binding: saddle-stitch\n", "  binding: none\n")
    if "\nprint:\n" not in text:
        text += "\nprint:\n  binding: none\n"
    head, rest = text.split("\narticles:\n", 1)
    articles, tail = rest.split("\nfunding:", 1)
    (target / "issue.yaml").write_text(
        head + "\narticles:\n" + (articles.rstrip() + "\n\n") * COPIES + "\nfunding:" + tail,
        encoding="utf-8")
    return target


def machine() -> str:
    model = ""
    try:
        model = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text()).group(1)
    except (OSError, AttributeError):
        model = platform.processor()
    return (f"{os.cpu_count()} cores, {model}; Python {platform.python_version()} on "
            f"{platform.system()} {platform.release()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--child", nargs=3)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    runs = args.runs
    floor = median_of(runs, [PYTHON, "-c", "import reportlab.platypus"])
    help_time = median_of(runs, [*NEWSLETTER, "--help"])
    check_time = median_of(runs, [*NEWSLETTER, "check", str(SAMPLE)])
    cold = builds(runs, SAMPLE, None)
    warm_cache = Path(tempfile.mkdtemp(prefix="bench-cache-"))
    builds(1, SAMPLE, warm_cache)  # fill the cache once
    warm = builds(runs, SAMPLE, warm_cache)
    big_folder = Path(tempfile.mkdtemp(prefix="bench-40-"))
    big_source = forty_pages(big_folder)
    builds(1, big_source, warm_cache)
    big = builds(runs, big_source, warm_cache)
    rebuild = builds(runs, SAMPLE, warm_cache, mode="rebuild")
    shutil.rmtree(warm_cache)
    shutil.rmtree(big_folder)

    def med(rows: list[dict], key: str) -> float:
        return statistics.median(row[key] for row in rows)

    stages = {stage: (statistics.median(row["timings"].get(stage, 0.0) for row in warm),
                      statistics.median(row["timings"].get(stage, 0.0) for row in cold))
              for stage in warm[0]["timings"]}
    per_page = (med(big, "wall") - med(warm, "wall")) / (big[0]["pages"] - warm[0]["pages"])
    rows = [
        ("import floor (`import reportlab.platypus`)", floor, None),
        ("`newsletter --help`", help_time, 0.3),
        ("`newsletter check` on the sample", check_time, 0.3),
        ("sample, first build, empty cache", med(cold, "wall"), 1.5),
        ("sample, repeat build, warm cache", med(warm, "wall"), 2 * floor),
        (f"{big[0]['pages']}-page issue, warm cache", med(big, "wall"), 1.0),
        ("watch: rebuild after a one-word edit", med(rebuild, "rebuild"), 0.15),
    ]
    lines = [
        "# Benchmark results",
        "",
        f"Measured by `make bench` (`bench/run.py`, {runs} runs each, medians, every run a",
        f"fresh process) on {time.strftime('%Y-%m-%d')}: {machine()}.",
        "Both editions are made in every build, hyphenation, charts and metadata included.",
        "",
        "| measure | median | target | ratio to floor | met |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, value, target in rows:
        goal = f"{target:.2f} s" if target else "–"
        met = "–" if target is None else ("yes" if value <= target else "no")
        lines.append(f"| {name} | {value:.2f} s | {goal} | {value / floor:.1f} | {met} |")
    lines += [
        "",
        f"Each page beyond the sample's {warm[0]['pages']} costs {per_page * 1000:.0f} ms "
        f"(target about 10 ms). The rebuild is the median of {len(EDITS)} one-word edits "
        "in one process, as `newsletter watch` makes them.",
        "",
        f"Peak memory: sample {med(warm, 'maxrss_mb'):.0f} MB with a warm cache, "
        f"{med(cold, 'maxrss_mb'):.0f} MB with an empty one (target 150 MB); "
        f"{big[0]['pages']}-page issue {med(big, 'maxrss_mb'):.0f} MB.",
        "",
        "Time per stage of a build of the sample (seconds; `imports` are those of the later",
        "stages, made once the issue is read, the ones before the build are not counted):",
        "",
        "| stage | warm cache | empty cache |",
        "| --- | --- | --- |",
        *[f"| {stage} | {w:.3f} | {c:.3f} |" for stage, (w, c) in stages.items()],
        "",
        (ROOT / "bench" / "LEVERS.md").read_text(encoding="utf-8"),
    ]
    args.output.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
