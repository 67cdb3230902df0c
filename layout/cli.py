"""The ``newsletter`` command: the only place that prints or exits.

Engine errors (:class:`~layout.errors.NewsletterError`) are shown as their
diagnostics and end with their exit status; anything unexpected is reported
in one line, with the traceback only under ``--debug``.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from .errors import NewsletterError

T = TypeVar("T")


class _Handler(logging.Handler):
    """Shows the engine's warnings (and, verbose, its progress) on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(record.getMessage(), err=True)


def _configure_logging(verbose: bool) -> None:
    logger = logging.getLogger("layout")
    logger.handlers[:] = [_Handler()]
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


def _run(debug: bool, action: Callable[[], T]) -> T:
    try:
        return action()
    except NewsletterError as error:
        if debug:
            raise
        click.echo(error.format_message(), err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted; the last good PDF is unchanged", err=True)
        sys.exit(130)
    except Exception as error:
        if debug:
            raise
        click.echo(f"internal error: {type(error).__name__}: {error}\n"
                   "  hint: run again with --debug and report the output", err=True)
        sys.exit(70)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsletter-layout")
def main() -> None:
    """Typeset a printed newsletter from one YAML file per issue.

    Each issue lives in a folder under issues/, with its issue.yaml and its
    photos; docs/format.md describes the format.
    """


@main.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the PDF (default: build/<issue>/newsletter-<issue>.pdf).")
@click.option("--strict", is_flag=True,
              help="Treat warnings and layout defects (widows, holes …) as errors.")
@click.option("-v", "--verbose", is_flag=True, help="Show each stage of the build.")
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
def build(path: Path, output: Path | None, strict: bool, verbose: bool, debug: bool) -> None:
    """Build the issue at PATH (its folder or its YAML file) into a PDF."""
    from .build import build_issue

    _configure_logging(verbose)
    result = _run(debug, lambda: build_issue(path, output, strict=strict))
    for warning in result.warnings:
        click.echo(warning.format(), err=True)
    report = result.report
    click.echo(f"{result.output}: {result.pages} pages in {result.seconds:.1f} s")
    click.echo(f"  layout: {len(report.defects)} defect(s), {report.loose_lines} loose line(s), "
               f"widest word gap {report.widest_gap_em:.2f} em; report: {result.report_path}")
    for defect in report.defects:
        click.echo(f"  defect: {defect}")


@main.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
def check(path: Path, strict: bool, debug: bool) -> None:
    """Check the issue at PATH and everything it names, without building.

    Every problem is listed at once; the exit status is 1 if there are errors
    (or, with --strict, warnings), else 0.
    """
    from .errors import Diagnostic
    from .load import find_issue_file, load_issue

    warnings: list[Diagnostic] = []
    _run(debug, lambda: load_issue(path, warnings=warnings))
    for warning in warnings:
        click.echo(warning.format(), err=True)
    name = find_issue_file(path)
    if strict and warnings:
        click.echo(f"{name}: {len(warnings)} warning(s), treated as errors (--strict)", err=True)
        sys.exit(1)
    click.echo(f"{name}: no errors" + (f", {len(warnings)} warning(s)" if warnings else ""))


@main.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the PDF (default: build/<issue>/newsletter-<issue>.pdf).")
def watch(path: Path, output: Path | None) -> None:
    """Rebuild the issue at PATH whenever it or one of its pictures changes.

    One line per build; on an error the problems are shown and the last good
    PDF stays in place. Stop with Ctrl-C.
    """
    import time

    from .watch import Outcome, watch_issue

    _configure_logging(False)

    def show(outcome: Outcome) -> None:
        stamp = time.strftime("%H:%M:%S", time.localtime(outcome.started))
        if outcome.result is not None:
            result = outcome.result
            click.echo(f"{stamp} {result.output}: {result.pages} pages in "
                       f"{result.seconds:.1f} s, {len(result.warnings)} warning(s), "
                       f"{len(result.report.defects)} layout defect(s)")
        elif outcome.error is not None:
            click.echo(f"{stamp} not built, the last good PDF is unchanged:", err=True)
            click.echo(outcome.error.format_message(), err=True)

    click.echo(f"watching {path} (Ctrl-C to stop)")
    try:
        watch_issue(path, output, show)
    except KeyboardInterrupt:
        click.echo("stopped")


@main.command()
@click.argument("issue_id")
@click.option("--from", "previous", type=click.Path(exists=True, path_type=Path),
              help="The issue to start from (default: the newest in issues/).")
@click.option("--issues", "issues_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("issues"), show_default=True, help="The folder of all issues.")
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
def new(issue_id: str, previous: Path | None, issues_dir: Path, debug: bool) -> None:
    """Start the issue ISSUE_ID (e.g. 2022-03) from the previous one.

    What repeats is carried over; what must be written anew is marked TODO.
    """
    from .scaffold import new_issue, newest_issue

    source = previous or newest_issue(issues_dir)
    if source is None:
        raise click.UsageError(f"no issue in {issues_dir} to start from; give --from")
    path, todo = _run(debug, lambda: new_issue(issue_id, source, issues_dir))
    click.echo(f"{path}: started from {source}. Still to fill in:")
    for item in todo:
        click.echo(f"  - {item}")


@main.command()
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the PNG (default: beside the PDF, ending in .proof.png).")
@click.option("--dpi", default=40.0, show_default=True, help="Resolution of the pages.")
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
def proof(pdf: Path, output: Path | None, dpi: float, debug: bool) -> None:
    """Write a contact sheet of PDF: all pages as spreads in one PNG, for review."""
    from .proof import contact_sheet, render_pages

    target = output or pdf.with_suffix(".proof.png")
    _run(debug, lambda: contact_sheet(render_pages(pdf, dpi)).save(target))
    click.echo(f"{target}")


if __name__ == "__main__":  # pragma: no cover
    main()
