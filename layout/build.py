"""The pipeline: from an issue folder to the finished PDFs, stage by stage.

load -> imports (of the later stages) -> layout (styles, story, inside
pages, notes pages and covers, on one ReportLab canvas) -> assemble (the
chart collected, cover files merged, the front cover first, charts stamped,
bookmarks; meanwhile the pictures of both editions converted) -> editions ->
write. Each stage is announced on the ``layout`` logger with its number.
Three pieces of work run beside the main line, each where it costs no time:
the chart and the issue's hyphenation in forked processes while the engine
is imported, the assembly in a thread while the pictures are converted. One
layout run gives two editions (see the README):

- the digital edition, ``newsletter-<issue>.pdf``: PDF/A-2b, sRGB, photos at
  screen resolution, links and bookmarks: for the website and the archive;
- the print edition, ``newsletter-<issue>-print.pdf``: PDF/X-4, CMYK, 3 mm
  bleed with trim and bleed boxes, a page count its binding allows.

Each file is written to a temporary file beside the target and moved into
place only when complete, so a failed build leaves the last good PDFs as
they were. This module prints nothing; :mod:`layout.cli` does.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import model
from .charts import cancel_ahead, chart_pdf, draw_ahead, exact_colours
from .errors import Diagnostic, IssueError, LayoutError, OutputError, Position
from .hyphenation import hyphenation_language, look_up_ahead, save_hyphenation, wait_ahead
from .i18n import _
from .load import find_issue_file
from .slots import chart_statistics
from .style import load_with_style, style_files
from .theme import Theme

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from .flowables import LayoutRecord
    from .render import Body
    from .report import LayoutReport

# The modules of the later stages (ReportLab's platypus, pikepdf: 0.16 s) are
# imported when the issue has been read and a chart the cache lacks is being
# drawn in a second process, which then imports matplotlib alongside.

logger = logging.getLogger("layout")
STAGES = 6


@dataclass(frozen=True)
class BuildResult:
    #: The digital edition (PDF/A-2b).
    output: Path
    #: The print edition (PDF/X-4).
    print_output: Path
    pages: int
    seconds: float
    report: LayoutReport
    #: Where the full layout report was written.
    report_path: Path
    warnings: tuple[Diagnostic, ...]
    #: Seconds each stage took (load, layout, charts, covers, merge, editions, write).
    timings: dict[str, float] = field(default_factory=dict)


def default_output(source: Path, build_dir: Path = Path("build")) -> Path:
    """``build/2022-02/newsletter-2022-02.pdf`` for the issue in ``issues/2022-02``."""
    name = find_issue_file(source).absolute().parent.name
    return build_dir / name / f"newsletter-{name}.pdf"


def check_output(source: Path, output: Path, issue: model.Issue | None = None,
                 theme: Theme | None = None) -> None:
    """Refuse, before anything is written, an ``output`` that would destroy what
    the build reads: it must end in ``.pdf``, and neither it nor the print
    edition and layout report beside it may be (also through a link) the issue
    file, a file of its project (assets, fonts, style file), one of the
    engine's stand-ins, (given the loaded ``issue``) a file the issue names:
    pictures, logos, the print profile, the cover PDFs, or (given the
    ``theme``) the house style's file, fonts and logo."""
    if output.suffix.lower() != ".pdf":
        raise OutputError(_("the output {path} is not a PDF file name").format(path=output),
                          _("give a name ending in .pdf, e.g. -o newsletter.pdf; the print "
                            "edition and the layout report are written beside it"))
    from .paths import STANDINS_DIR
    from .project import find_project

    issue_file = find_issue_file(source)
    project = find_project(issue_file.absolute().parent)
    inputs = {issue_file.resolve()}
    inputs.update(path.resolve() for path in (issue.files() if issue else ()))
    if project.style_file is not None:
        inputs.add(project.style_file.resolve())
    inputs.update(path.resolve() for path in (style_files(theme) if theme else ()))
    folders = [folder.resolve() for folder in (project.assets_dir, project.fonts_dir,
                                               STANDINS_DIR)]
    products = ((output, _("the PDF")), (print_path(output), _("the print edition")),
                (output.with_suffix(".report.txt"), _("the layout report")))
    for path, what in products:
        real = path.resolve()
        if real in inputs or any(real.is_relative_to(folder) for folder in folders):
            raise OutputError(_("{what} {path} would overwrite {input}, which the build "
                                "reads").format(what=what, path=path, input=real),
                              _("write the PDF elsewhere, e.g. leave out -o to write it "
                                "into build/"))


class Stopwatch:
    """Announces each stage on the log and keeps how long each one took."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._stage: str | None = None
        self._since = time.perf_counter()

    def step(self, number: int, stage: str, text: str) -> None:
        self.stop()
        logger.info("[%d/%d] %s", number, STAGES, text)
        self._stage, self._since = stage, time.perf_counter()

    def stop(self) -> None:
        if self._stage is not None:
            self.timings[self._stage] = time.perf_counter() - self._since
            self._stage = None


@dataclass(frozen=True)
class Assembly:
    """The laid-out issue before its editions: one PDF, and what was found."""

    issue: model.Issue
    pdf: bytes
    pages: int
    report: LayoutReport
    warnings: list[Diagnostic]
    #: The design it was set in.
    theme: Theme


def build_issue(source: Path, output: Path | None = None, theme: Theme | None = None,
                strict: bool = False) -> BuildResult:
    """Build the issue at ``source`` (its folder or YAML file) into ``output``
    (the digital edition) and, beside it, the print edition, in ``theme``
    (by default the house style of the issue's project, see :mod:`layout.style`).

    With ``strict``, warnings and layout defects are errors: nothing is written.
    """
    started = time.perf_counter()
    output = output or default_output(source)
    check_output(source, output)
    watch = Stopwatch()
    assembly = assemble_issue(source, theme, strict, watch)
    issue, theme = assembly.issue, assembly.theme
    # and the files the issue and the style name, now that they are known
    check_output(source, output, issue, theme)

    from . import icc
    from .editions import EditionInfo, digital_edition, print_edition

    watch.step(5, "editions", "making the print and digital editions")
    info = EditionInfo(issue.title, issue.publisher, issue.theme, issue.keywords,
                       issue.language, issue.date)
    settings = issue.print
    profile = _print_profile(issue)
    condition = settings.condition or (settings.profile.stem if settings.profile
                                       else icc.FOGRA39.identifier)
    # The editions share nothing: two threads. Their pictures were converted
    # while the document was assembled (see _assemble).
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="edition") as pool:
        printing = pool.submit(print_edition, assembly.pdf, info, cmyk_profile=profile,
                               bleed=theme.bleed, crop_marks=settings.crop_marks,
                               condition=condition,
                               exact_colours=exact_colours(theme, issue))
        digital = digital_edition(assembly.pdf, info, srgb_profile=icc.srgb_profile(),
                                  screen_colours={
                                      tuple(round(v * 255) for v in cmyk):
                                      tuple(round(v / 255, 4) for v in rgb)
                                      for cmyk, rgb in theme.colours.screen} or None)
        printed = printing.result()

    print_output = print_path(output)
    watch.step(6, "write", f"writing {output} and {print_output}")
    write_atomically(print_output, printed)
    write_atomically(output, digital)
    report_path = output.with_suffix(".report.txt")
    write_atomically(report_path, (assembly.report.format() + "\n").encode("utf-8"))
    watch.stop()
    return BuildResult(output, print_output, assembly.pages, time.perf_counter() - started,
                       assembly.report, report_path, tuple(assembly.warnings), watch.timings)


def assemble_issue(source: Path, theme: Theme | None = None, strict: bool = False,
                   watch: Stopwatch | None = None) -> Assembly:
    """Lay the issue out and put covers, charts and pages together in one PDF,
    in ``theme`` (by default the house style of the issue's project)."""
    watch = watch or Stopwatch()
    watch.step(1, "load", f"reading {source}")
    warnings: list[Diagnostic] = []
    issue, theme = load_with_style(source, theme, warnings)
    if strict and warnings:
        raise IssueError([replace(w, severity="error") for w in warnings])
    for stats in chart_statistics(issue).values():
        draw_ahead(stats, theme, issue.language)
    look_up_ahead(hyphenation_language(issue.language),
                  find_issue_file(source).read_text(encoding="utf-8-sig"))
    try:
        watch.step(2, "imports", "loading ReportLab and pikepdf")
        from . import covers, document, editions, render  # noqa: F401 - see above
        return _assemble(issue, theme, strict, watch, warnings)
    finally:
        cancel_ahead()  # a chart the build did not get to
        wait_ahead()


def _assemble(issue: model.Issue, theme: Theme, strict: bool, watch: Stopwatch,
              warnings: list[Diagnostic]) -> Assembly:
    from . import icc
    from .covers import contents, draw_back, draw_front
    from .editions import convert_pictures
    from .fonts import register_theme_fonts
    from .images import check_resolution
    from .render import draw_notes, render_body
    from .report import make_report
    from .styles import make_styles

    register_theme_fonts(theme)
    styles = make_styles(theme, issue.language)

    front_file = _cover_file(issue, issue.cover.front)
    back_file = _cover_file(issue, issue.cover.back)
    front_pages = _cover_pages(issue.cover.front, front_file)
    back_pages = _cover_pages(issue.cover.back, back_file)
    first_folio = front_pages + 1
    placed: list[tuple[model.Picture, float]] = []
    notes = 0

    def closing(canvas: Canvas, record: LayoutRecord) -> None:
        """What follows the inside pages on their canvas: notes pages, the back
        cover, and the front cover (moved first by :func:`finish`)."""
        nonlocal notes
        pages = front_pages + record.pages + back_pages
        # at 'binding:' (or 'print:'); without either, at the file, not a line
        where = issue.print.pos.of("binding") if issue.print.pos.line else \
            replace(issue.pos, line=0, column=0)
        notes, binding = notes_pages(pages, issue.print.binding, where,
                                     welcome=issue.print.notes_page)
        # every element of the issue placed (else an error), and where one moved
        found = record.inventory(first_folio) + ([binding] if binding else [])
        errors = [d for d in found if d.severity == "error"]
        if errors:
            raise IssueError(errors)
        warnings.extend(found)
        if notes:
            draw_notes(canvas, issue, theme, styles, notes, first_folio)
        if issue.cover.back == "generated":
            draw_back(canvas, issue, theme, styles)
        if issue.cover.front == "generated":
            draw_front(canvas, issue, theme, styles, contents(issue, record, first_folio),
                       placed)

    watch.step(3, "layout", "laying out the pages")
    body = render_body(issue, theme, styles, first_folio,
                       closing_pages=issue.cover.back != "generated",
                       full_masthead=issue.cover.front == "none", closing=closing)
    record = body.record

    report = make_report(body.trace, first_folio, theme.line)
    if notes:
        report.notes.append(_("{count} notes page(s) added before the back cover, for "
                              "{binding} binding").format(count=notes,
                                                          binding=issue.print.binding))
    if strict and report.defects:
        raise LayoutError(_("layout defects (--strict):") + "\n" + "\n".join(
            f"  {defect}" for defect in report.defects))
    blurred, soft = check_resolution(body.placed + placed)
    report.notes.extend(soft)
    warnings.extend(blurred)
    if strict and warnings:  # also what the layout found: a notes page, a moved notice
        raise IssueError([replace(w, severity="error") for w in warnings])

    save_hyphenation()

    # The pictures of both editions are converted here, one photo after the
    # other, while another thread collects the chart and puts the document
    # together: the same pictures, placed the same, as in the finished one.
    # Here, not there: this thread's memory, freed by the layout, takes them.
    watch.step(4, "assemble", "assembling the document, converting its pictures")
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="assemble") as helper:
        finishing = helper.submit(_finish, issue, theme, body, front_file, back_file,
                                  front_pages, back_pages, notes)
        convert_pictures(body.pdf, cmyk_profile=_print_profile(issue),
                         srgb_profile=icc.srgb_profile())
        pdf = finishing.result()
    return Assembly(issue, pdf, front_pages + record.pages + notes + back_pages, report,
                    warnings, theme)


def _finish(issue: model.Issue, theme: Theme, body: Body, front_file: bytes | None,
            back_file: bytes | None, front_pages: int, back_pages: int, notes: int) -> bytes:
    """The chart drawn, cover files merged, the front cover first, charts and
    bookmarks in place: the document both editions are made of."""
    from .document import bookmarks, chart_overlays, finish

    record = body.record
    charts = {}
    charted = chart_statistics(issue)
    if charted:
        for placement in record.placements:
            charts[placement.key] = chart_pdf(charted[placement.key], theme, placement.width,
                                              placement.height, issue.language)

    pdf = body.pdf
    if front_file or back_file:
        from .merge import merge_covers  # pypdf, imported only for cover files
        from .tagging import cover_file_alts, tag_cover_files

        pdf = merge_covers(front_file, pdf, back_file)
        pdf = tag_cover_files(pdf, front_pages if front_file else 0,
                              back_pages if back_file else 0,
                              cover_file_alts(issue.newsletter, issue.number, issue.language))
    inside = record.pages + notes + (issue.cover.back == "generated")
    return finish(pdf, front=inside if issue.cover.front == "generated" else None,
                  overlays=chart_overlays(record, charts, front_pages),
                  bookmarks=bookmarks(record, front_pages))


def _print_profile(issue: model.Issue) -> bytes:
    """The print edition's output profile: the shop's, else FOGRA39."""
    from . import icc

    return issue.print.profile.read_bytes() if issue.print.profile else icc.fogra39_profile()


def print_path(output: Path) -> Path:
    """The print edition beside the digital one: ``…-print.pdf``."""
    return output.with_name(f"{output.stem}-print{output.suffix}")


#: Notes pages added on their own, at most; more missing pages are an error.
MOST_NOTES = 1


def notes_needed(pages: int, binding: str) -> int:
    """Pages to add so that ``pages`` can be bound: a multiple of 4 for saddle
    stitching, an even number for perfect binding."""
    block = {"saddle-stitch": 4, "perfect": 2}.get(binding, 1)
    return -pages % block


def notes_pages(pages: int, binding: str, where: Position,
                welcome: bool = False) -> tuple[int, Diagnostic | None]:
    """The notes pages to add for ``binding``, and what to tell the editor (at
    ``where``): a warning for one (nothing where the issue says a notes page
    is ``welcome``), an error, naming what to add or cut, where more are
    missing (none are added then)."""
    more = notes_needed(pages, binding)
    cut = -more % {"saddle-stitch": 4, "perfect": 2}.get(binding, 1)
    if not more:
        return 0, None
    if welcome and more <= MOST_NOTES:
        return more, None
    if more <= MOST_NOTES:
        return more, Diagnostic(
            _("{count} notes page(s) added for {binding} binding: {pages} pages need "
              "{more} more").format(count=more, binding=binding, pages=pages, more=more),
            where, "warning",
            _("add content for {count} page(s), cut {cut}, or set 'binding: none' under "
              "print").format(count=more, cut=cut))
    return 0, Diagnostic(
        _("{pages} pages cannot be bound by {binding}: {more} more are needed, and at most "
          "{most} notes page is added on its own").format(pages=pages, binding=binding,
                                                         more=more, most=MOST_NOTES),
        where, "error",
        _("add {more} page(s) of content or cut {cut}; or set 'binding: perfect' (an even "
          "number of pages) or 'binding: none' under print").format(more=more, cut=cut))


def _cover_file(issue: model.Issue, choice: str) -> bytes | None:
    if choice in ("generated", "none"):
        return None
    return (issue.folder / choice).read_bytes()


def _cover_pages(choice: str, file: bytes | None) -> int:
    if choice == "generated":
        return 1
    if file is None:
        return 0
    from .merge import page_count  # pypdf, imported only for cover files

    return page_count(file)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                             suffix=".part")
    except OSError as error:
        raise OutputError(_("cannot write to {folder}: {reason}").format(
            folder=path.parent, reason=error.strerror)) from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OutputError(_("cannot write {file}: {reason}").format(
                file=path, reason=error.strerror)) from None
        raise
