"""The ``newsletter`` command: the only place that prints or exits.

Engine errors (:class:`~layout.errors.NewsletterError`) are shown as their
diagnostics and end with their exit status; anything unexpected is reported
in one line, with the traceback only under ``--debug``. Every text is shown
in the editor's language (``--lang``, else the environment; see
:mod:`layout.i18n`), the help texts included. An editor sees the engine's
messages only: Python warnings and the libraries' log records (Pillow's,
pypdf's, matplotlib's) go to the log, which shows them only with
``--verbose`` or ``--debug``.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import i18n
from .errors import NewsletterError
from .i18n import N_, _

T = TypeVar("T")
_PDF_HELP = N_("Where to write the PDF (default: build/<issue>/newsletter-<issue>.pdf).")
_DEBUG_HELP = N_("Show the traceback of an error.")


class _Handler(logging.Handler):
    """Shows the engine's warnings (and, verbose, its progress) on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(record.getMessage(), err=True)


class _Libraries(logging.Handler):
    """Where the libraries' records and Python's warnings go: nowhere, or, with
    ``--verbose`` or ``--debug``, to stderr (they name the libraries' files)."""

    def __init__(self, shown: bool) -> None:
        super().__init__(logging.WARNING)
        self.shown = shown

    def emit(self, record: logging.LogRecord) -> None:
        if self.shown:
            click.echo(record.getMessage(), err=True)


def _configure_logging(verbose: bool, debug: bool = False) -> None:
    logger = logging.getLogger("layout")
    logger.handlers[:] = [_Handler()]
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False
    logging.captureWarnings(True)  # to the "py.warnings" logger, hence to the root's
    root = logging.getLogger()
    root.handlers[:] = [h for h in root.handlers if not isinstance(h, _Libraries)]
    root.addHandler(_Libraries(verbose or debug))  # and Python's last resort is not used


def _internal_error(error: BaseException) -> str:
    return _("internal error: {kind}: {error}").format(kind=type(error).__name__, error=error)


def _run(debug: bool, action: Callable[[], T]) -> T:
    try:
        return action()
    except NewsletterError as error:
        if debug:
            raise
        click.echo(error.format_message(), err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        click.echo(_("interrupted; the last good PDF is unchanged"), err=True)
        sys.exit(130)
    except Exception as error:
        if debug:
            raise
        click.echo(_internal_error(error), err=True)
        click.echo(_("  hint: run again with --debug and report the output"), err=True)
        sys.exit(70)


def _set_language(context: click.Context, parameter: click.Parameter, value: str | None) -> None:
    i18n.use(value)
    _translate_help(main)


def _translate_help(command: click.Command) -> None:
    """Show the help of ``command`` (and its subcommands) in the language in use."""
    for item in [command, *command.params]:
        source: Any = item.__dict__.setdefault("_help_msgid", getattr(item, "help", None))
        if source:
            setattr(item, "help", _(source))  # noqa: B010 - Command and Option alike
    for sub in getattr(command, "commands", {}).values():
        _translate_help(sub)


@click.group(context_settings={"help_option_names": ["-h", "--help"]},
             help=N_("Typeset a printed newsletter from one YAML file per issue.\n\n"
                     "Each issue lives in a folder under issues/, with its issue.yaml and its "
                     "photos; docs/format.md describes the format."))
@click.option("--lang", type=click.Choice(i18n.LANGUAGES), is_eager=True, expose_value=False,
              callback=_set_language,
              help=N_("Language of messages and help (default: from the environment)."))
@click.version_option(package_name="newsletter-layout")
def main() -> None:
    _configure_logging(False)  # a command with --verbose or --debug sets it again


# A project folder (one with issues/) as PATH builds its newest issue (or, with
# --all, all of them): the help does not say so yet, to keep its translation.
@main.command(help=N_("Build the issue at PATH (its folder or its YAML file) into a PDF.\n\n"
                      "With --all, build every issue in the folder PATH (default issues/), "
                      "in parallel."))
@click.argument("path", type=click.Path(exists=True, path_type=Path), required=False)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help=_PDF_HELP)
@click.option("--all", "every", is_flag=True, help=N_("Build every issue under PATH."))
@click.option("--strict", is_flag=True,
              help=N_("Treat warnings and layout defects (widows, holes …) as errors."))
@click.option("-v", "--verbose", is_flag=True, help=N_("Show each stage of the build."))
@click.option("--debug", is_flag=True, help=_DEBUG_HELP)
def build(path: Path | None, output: Path | None, every: bool, strict: bool, verbose: bool,
          debug: bool) -> None:
    from .build import build_issue

    _configure_logging(verbose, debug)
    if every:
        from .project import ISSUES, is_project

        folder = path or Path(ISSUES)
        _build_all(folder / ISSUES if is_project(folder) else folder, strict)
        return
    if path is None:
        raise click.UsageError(_("give the issue to build, or --all"))
    source = _issue_of(path)
    result = _run(debug, lambda: build_issue(source, output, strict=strict))
    for warning in result.warnings:
        click.echo(warning.format(), err=True)
    report = result.report
    click.echo(_("{pdf}: {pages} pages in {seconds:.1f} s").format(
        pdf=result.output, pages=result.pages, seconds=result.seconds))
    click.echo(_("  {warnings} warning(s); layout: {defects} defect(s), {loose} loose line(s), "
                 "widest word gap {gap:.2f} em").format(
                     warnings=len(result.warnings), defects=len(report.defects),
                     loose=report.loose_lines, gap=report.widest_gap_em))
    click.echo(_("  print edition: {path}").format(path=result.print_output))
    click.echo(_("  layout report: {path}").format(path=result.report_path))
    for defect in report.defects:
        click.echo(_("  defect: {defect}").format(defect=defect))
    for note in report.notes:
        click.echo(_("  note: {note}").format(note=note))


def _issue_of(path: Path) -> Path:
    """``path``, or for a project folder (one with ``issues/``) its newest issue."""
    from .project import ISSUES, is_project, newest_issue

    if not is_project(path):
        return path
    newest = newest_issue(path / ISSUES)
    if newest is None:
        raise click.UsageError(_("no issue in {folder}; start one with: newsletter new ID "
                                 "--issues {folder}").format(folder=path / ISSUES))
    click.echo(_("building the newest issue of {project}: {issue}").format(
        project=path, issue=newest), err=True)
    return newest


def _build_all(folder: Path, strict: bool) -> None:
    """Every issue in ``folder``, one process per core; a line per issue as it
    is done, whatever became of the others, then each issue's result in order."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from .paths import ISSUE_FILE

    issues = sorted(p for p in folder.iterdir() if (p / ISSUE_FILE).is_file())
    built: dict[Path, bool] = {}
    with ProcessPoolExecutor() as pool:
        jobs = {pool.submit(_build_one, issue, strict): issue for issue in issues}
        for done, job in enumerate(as_completed(jobs), start=1):
            issue = jobs[job]
            try:
                ok, message = job.result()
            except Exception as error:  # noqa: BLE001 - the worker died; the others go on
                ok, message = False, _internal_error(error)
            built[issue] = ok
            click.echo(f"[{done}/{len(issues)}] {issue.name}: {message}", err=not ok)
    failed = sum(not ok for ok in built.values())
    click.echo(_("{built} of {count} issue(s) built, {failed} failed:").format(
        built=len(issues) - failed, count=len(issues), failed=failed))
    for issue in issues:
        click.echo(f"  {issue.name}: {_('ok') if built[issue] else _('failed')}")
    if failed:
        sys.exit(1)


def _build_one(issue: Path, strict: bool) -> tuple[bool, str]:
    """Build one issue of ``--all`` (in a process of the pool): whether it
    was built, and the line that says so or what went wrong."""
    from .build import build_issue

    try:
        result = build_issue(issue, strict=strict)
    except NewsletterError as error:
        return False, error.format_message()
    except Exception as error:  # noqa: BLE001 - one issue's failure must not stop the others
        return False, _internal_error(error)
    return True, _("{pdf}: {pages} pages in {seconds:.1f} s").format(
        pdf=result.output, pages=result.pages, seconds=result.seconds)


@main.command(help=N_("Check the issue at PATH and everything it names, and its project's "
                      "style file, without building.\n\n"
                      "Every problem is listed at once; the exit status is 1 if there are "
                      "errors (or, with --strict, warnings), else 0."))
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--strict", is_flag=True, help=N_("Treat warnings as errors."))
@click.option("--debug", is_flag=True, help=_DEBUG_HELP)
def check(path: Path, strict: bool, debug: bool) -> None:
    from .errors import Diagnostic
    from .load import find_issue_file, load_issue
    from .project import find_project

    _configure_logging(False, debug)
    path = _issue_of(path)
    warnings: list[Diagnostic] = []
    if find_project(path if path.is_dir() else path.parent).style_file is None:
        _run(debug, lambda: load_issue(path, warnings=warnings))
    else:  # the style module is imported for a house style only (check stays quick)
        from .style import load_with_style

        _run(debug, lambda: load_with_style(path, None, warnings))
    for warning in warnings:
        click.echo(warning.format(), err=True)
    name = find_issue_file(path)
    if strict and warnings:
        click.echo(_("{file}: {count} warning(s), treated as errors (--strict)").format(
            file=name, count=len(warnings)), err=True)
        sys.exit(1)
    if warnings:
        click.echo(_("{file}: no errors, {count} warning(s)").format(file=name,
                                                                     count=len(warnings)))
    else:
        click.echo(_("{file}: no errors").format(file=name))


@main.command(help=N_("Rebuild the issue at PATH whenever it or one of its pictures changes."
                      "\n\nOne line per build; on an error the problems are shown and the "
                      "last good PDF stays in place. Stop with Ctrl-C."))
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help=_PDF_HELP)
def watch(path: Path, output: Path | None) -> None:
    from .build import check_output, default_output
    from .watch import Outcome, watch_issue

    _configure_logging(False)
    path = _issue_of(path)
    _run(False, lambda: check_output(path, output or default_output(path)))

    def show(outcome: Outcome) -> None:
        stamp = time.strftime("%H:%M:%S", time.localtime(outcome.started))
        if outcome.result is not None:
            result = outcome.result
            click.echo(_("{time} {pdf}: {pages} pages in {seconds:.1f} s, {warnings} "
                         "warning(s), {defects} layout defect(s)").format(
                time=stamp, pdf=result.output, pages=result.pages, seconds=result.seconds,
                warnings=len(result.warnings), defects=len(result.report.defects)))
        elif outcome.error is not None:
            click.echo(_("{time} not built, the last good PDF is unchanged:").format(
                time=stamp), err=True)
            click.echo(outcome.error.format_message(), err=True)

    click.echo(_("watching {path} (Ctrl-C to stop)").format(path=path))
    try:
        watch_issue(path, output, show)
    except KeyboardInterrupt:
        click.echo(_("stopped"))


@main.command(help=N_("Start the issue ISSUE_ID (e.g. 2022-03) from the previous one.\n\n"
                      "What repeats is carried over; what must be written anew is marked "
                      "TODO."))
@click.argument("issue_id")
@click.option("--from", "previous", type=click.Path(exists=True, path_type=Path),
              help=N_("The issue to start from (default: the newest in issues/)."))
@click.option("--issues", "issues_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("issues"), show_default=True, help=N_("The folder of all issues."))
@click.option("--debug", is_flag=True, help=_DEBUG_HELP)
def new(issue_id: str, previous: Path | None, issues_dir: Path, debug: bool) -> None:
    from .project import newest_issue
    from .scaffold import new_issue

    source = previous or newest_issue(issues_dir)
    if source is None:
        raise click.UsageError(_("no issue in {folder} to start from; give --from").format(
            folder=issues_dir))
    path, todo = _run(debug, lambda: new_issue(issue_id, source, issues_dir))
    click.echo(_("{file}: started from {source}. Still to fill in:").format(
        file=path, source=source))
    for item in todo:
        click.echo(f"  - {item}")


@main.command(help=N_("Start a project in the new folder DIR: a style file, a first issue, "
                      "and folders for pictures and fonts.\n\n"
                      "The style file sets today's design, every setting commented; the "
                      "issue (this month's) builds as it is, with the engine's stand-in "
                      "pictures."))
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option("--debug", is_flag=True, help=_DEBUG_HELP)
def init(directory: Path, debug: bool) -> None:
    from .project import init_project

    written = _run(debug, lambda: init_project(directory))
    click.echo(_("{folder}: a new project with").format(folder=directory))
    for path in written:
        click.echo(f"  {path}")
    click.echo(_("Next: write the issue in {file}, then build it with\n"
                 "  newsletter build {folder}").format(file=written[0], folder=directory))


@main.command(help=N_("Check a PDF as a print shop's preflight or an archive's validator "
                      "would: boxes, fonts, images, colours, output intent, metadata.\n\n"
                      "The exit status is 1 if anything fails."))
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--profile", type=click.Choice(["print", "digital"]), default="print",
              show_default=True,
              help=N_("print: PDF/X-4 for the press; digital: PDF/A-2b for the archive."))
@click.option("--debug", is_flag=True, help=_DEBUG_HELP)
def preflight(pdf: Path, profile: str, debug: bool) -> None:
    from .preflight import preflight as run_preflight

    lines, problems = _run(debug, lambda: run_preflight(pdf.read_bytes(), profile))
    for line in lines:
        click.echo(line)
    for problem in problems:
        click.echo(_("  failed: {problem}").format(problem=problem), err=True)
    click.echo(_("{pdf}: {count} problem(s) for {profile}").format(
        pdf=pdf, count=len(problems), profile=profile))
    if problems:
        sys.exit(1)


@main.command(help=N_("Write a contact sheet of PDF: all pages as spreads in one PNG, "
                      "for review."))
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help=N_("Where to write the PNG (default: beside the PDF, ending in .proof.png)."))
@click.option("--dpi", default=40.0, show_default=True, help=N_("Resolution of the pages."))
@click.option("--debug", is_flag=True, help=_DEBUG_HELP)
def proof(pdf: Path, output: Path | None, dpi: float, debug: bool) -> None:
    from .proof import contact_sheet, render_pages

    target = output or pdf.with_suffix(".proof.png")
    _run(debug, lambda: contact_sheet(render_pages(pdf, dpi)).save(target))
    click.echo(f"{target}")


_translate_help(main)

if __name__ == "__main__":  # pragma: no cover
    main()
