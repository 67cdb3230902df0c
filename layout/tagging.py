"""The structure tree of the issue (tagged PDF, PDF/UA-1): planned from the
story, marked while drawn.

Tagging has three steps, all owned here:

1. :meth:`Tagging.plan` walks the story before it is laid out and gives
   each flowable that carries content a :class:`Node` (``tag_node``) of the
   structure tree, in the issue's order: article by article, block by block,
   as the story holds them, whatever the layout does with them later.
   ``Document`` holds the front cover's ``Sect`` (first, whenever it is
   drawn), then one ``Sect`` per part (editorial, contacts, article,
   statistics, funding notice, closing notices); a paragraph's role comes
   from its style (:data:`ROLES`): ``H1`` for titles, ``H2`` for sub-heads,
   ``Caption`` for captions and credits, else ``P``; pull quotes are
   ``BlockQuote``, photos and charts ``Figure``, the statistics table
   ``Table`` → ``THead``/``TBody`` → ``TR`` → ``TH``/``TD``; a table that
   says ``tag_rows`` (the contacts, the contents) is a list, ``L`` → ``LI``
   → ``Lbl``/``LBody``.
2. While ReportLab draws (on the canvas :meth:`Tagging.watch` watches), a
   flowable announces itself (:func:`marked`, :func:`figure`, :func:`reserve`),
   and what is drawn outside the story announces its parts (:func:`drawn_as`
   within :func:`container` or :func:`part_of`; the covers): its drawing is
   wrapped in ``/Role <</MCID n>> BDC … EMC``, and the MCID is noted with its
   page; a paragraph's line ends are made to read as set (a space, the soft
   hyphen: :func:`_readable_lines`), and each link annotation drawn is noted
   with its node. When the page is shown, every run of its content outside
   such a sequence (running foot, page number, rules, bands, stand-in marks)
   is wrapped in ``/Artifact BMC … EMC``: nothing is left unmarked. Sequences
   never nest and open and close within one flowable's drawing, so code moved
   within a page (figures painted at the page's end or start:
   :mod:`layout.pages`) stays balanced.
3. :meth:`Tagging.write` (pikepdf) writes the tree into the PDF:
   ``StructTreeRoot`` with its ``ParentTree`` (keys: ``/StructParents`` of
   each page, which travel with their page when the front cover is moved, then
   ``/StructParent`` of each link annotation, held by a ``Link`` element
   through an ``OBJR``), ``MarkInfo``, and ``/Tabs /S`` on every page. Cover
   pages merged from a designer's file are tagged afterwards, each one
   ``Figure`` (:func:`tag_cover_files`).

Alternative text: a figure's ``/Alt`` is the editor's ``alt`` where one is
given, a chart's is made from its data (:func:`figure_alts`, by the element
key of the inventory), else a photo's caption stands in; a link within a
paragraph's text says where it leads.

This module relies on these names private to ReportLab: the canvas'
``_code`` and ``_addAnnotation``; a table's ``_cellvalues``; a container's
``_content``; a paragraph's ``blPara`` and the classes of its split frags.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import _SplitFragH, _SplitFragHY, _SplitFragLL

from .editions import link_description

#: A paragraph's role by its style; any other style is ``P``.
ROLES = {
    "title": "H1",
    "stats_heading": "H1",
    "subhead": "H2",
    "stats_title": "H2",
    "small_heading": "H2",
    "sidebar_heading": "H2",
    "sidebar_group": "H3",
    "caption": "Caption",
    "credit": "Caption",
}
#: Kinds of the record's anchors that begin a part of the issue (a ``Sect``).
SECTIONS = frozenset({"editorial", "article", "statistics", "imprint"})
#: Keys of the inventory's elements that are parts of their own.
SECTION_ELEMENTS = frozenset({"funding", "next_issue"})
#: The last operator of a code entry that paints nothing (state only): such
#: runs outside tagged content need no artifact.
_STATE = frozenset({"q", "Q", "cm", "rg", "RG", "k", "K", "g", "G", "w", "J", "j", "M", "d",
                    "gs", "cs", "CS", "sc", "scn", "SC", "SCN", "ri", "i", "Tf", ""})


@dataclass(eq=False)
class Node:
    """An element of the structure tree: its role, children and marked content."""

    role: str
    kids: list[Node] = field(default_factory=list)
    #: (page from 1, MCID) of each piece of its content, in drawing order.
    mcids: list[tuple[int, int]] = field(default_factory=list)
    #: Alternative text (figures), title (sections), attributes (table cells).
    alt: str | None = None
    title: str | None = None
    scope: str | None = None
    #: A heading's text (not written: a stand-in for a chart's alternative text).
    text: str | None = None
    #: The element key of the inventory (for the editor's ``alt``).
    key: str = ""
    #: (page from 1, number among the page's annotations) of each link drawn
    #: in its content: a ``Link`` element each, holding the annotation.
    links: list[tuple[int, int]] = field(default_factory=list)
    #: All its text is one link (a contact's number): its content goes into the ``Link``.
    whole_link: bool = False
    #: The language of its content where it differs from the issue's (``/Lang``).
    lang: str | None = None

    def add(self, role: str, **kwargs: Any) -> Node:
        node = Node(role, **kwargs)
        self.kids.append(node)
        return node

    def used(self) -> bool:
        return bool(self.mcids) or any(kid.used() for kid in self.kids)

    def __deepcopy__(self, memo: dict[int, Any]) -> Node:
        """Itself: a copy of a flowable made to try a split is drawn as the flowable."""
        return self


class TaggedParagraph(Paragraph):  # type: ignore[misc]
    """A plain paragraph of the story that marks what it draws (given this
    class by :meth:`Tagging.plan`: a signature, a table cell)."""

    def draw(self) -> None:
        with marked(self.canv, self):
            super().draw()


class Tagging:
    """The structure tree of one build, and the MCIDs of each page of its canvas."""

    def __init__(self, alts: Mapping[str, str] | None = None, language: str = "en") -> None:
        self.document = Node("Document")
        #: The issue's language (for words the tree adds: what a link leads to).
        self.language = language
        #: The alternative text of figures, by element key (see :func:`figure_alts`).
        self.alts = dict(alts or {})
        #: Per page (from 1): the node of each MCID, in MCID order.
        self.pages: dict[int, list[Node]] = {}
        #: Per page (from 1): the node each annotation was drawn in (None: outside any).
        self.annotations: dict[int, list[Node | None]] = {}
        #: The node whose marked sequence is open.
        self._node: Node | None = None
        #: The node that what is drawn in parts (:func:`drawn_as`) belongs to.
        self._container: Node | None = None
        self._drawn: set[int] = set()
        self._front: Node | None = None
        self._sect: Node | None = None
        self._figure: Node | None = None
        self._open = False

    # -- 1. the plan ---------------------------------------------------------

    def plan(self, flowables: Sequence[Flowable], portrait: Sequence[Flowable] = (),
             contacts: Sequence[Flowable] = ()) -> None:
        """Give each flowable of the story that carries content its node, in
        the story's order; the sidebar's portraits close the editorial, its
        contacts follow it (or the first part, where there is no editorial)
        as a part of their own."""
        for flowable in flowables:
            self._walk(flowable, None, "")
        editorial = next((kid for kid in self.document.kids if kid.key == "editorial"), None)
        if editorial is not None:
            for flowable in portrait:
                self._walk(flowable, editorial, "")
        # the sidebar's contacts: after the editorial, else after the part
        # beside them (the first article)
        before = editorial or next(iter(self.document.kids), None)
        if contacts:
            sect = Node("Sect", key="contacts")
            where = self.document.kids.index(before) + 1 if before is not None else 0
            self.document.kids.insert(where, sect)
            for flowable in contacts:
                self._walk(flowable, sect, "")

    def part(self, flowables: Sequence[Flowable | None]) -> None:
        """Parts drawn after the story (the back cover's contacts, notice and
        imprint): a ``Sect`` each, at the end of the document."""
        for flowable in flowables:
            if flowable is not None:
                self._section("")
                self._walk(flowable, None, "")

    def front(self) -> Node:
        """The front cover's section, first in the document whenever it is drawn."""
        if self._front is None:
            self._front = Node("Sect", key="cover")
            self.document.kids.insert(0, self._front)
        return self._front

    def _section(self, key: str, title: str = "") -> Node:
        self._sect = self.document.add("Sect", key=key, title=title or None)
        return self._sect

    def _walk(self, flowable: Any, parent: Node | None, key: str) -> None:
        from .flowables import Anchor, ChartSlot, Figure, FootBand, GridBlock, KeptTable, TopFloat
        for anchor in [flowable, *getattr(flowable, "anchors", ())]:
            if not isinstance(anchor, Anchor):
                continue
            if (anchor.kind in SECTIONS and parent is None) or anchor.key in SECTION_ELEMENTS:
                sect = self._section(anchor.key, anchor.title if anchor.kind in SECTIONS else "")
                sect.lang = getattr(anchor, "tag_lang", None) or None
                parent = None
            elif anchor.kind == "element":
                key = anchor.key
        if isinstance(flowable, Anchor):
            return
        here = parent or self._sect or self._section("")
        if isinstance(flowable, Paragraph):
            role = getattr(flowable, "tag_role", None) or ROLES.get(flowable.style.name, "P")
            if role == "P" and here.key == "editorial" and flowable.style.name == "section":
                role = "H1"  # the editorial's heading
            flowable.tag_node = here.add(role, text=flowable.getPlainText() if role[0] == "H"
                                         else None, whole_link=_one_link(flowable),
                                         lang=getattr(flowable, "tag_lang", None) or None)
            if type(flowable) is Paragraph:  # a traced one marks itself
                flowable.__class__ = TaggedParagraph
        elif isinstance(flowable, ChartSlot):
            flowable.tag_node = here.add("Figure", key=key, alt=self.alts.get(key)
                                           or _last_heading(here))
        elif isinstance(flowable, FootBand):  # its painter tags its parts (drawn_as)
            flowable.tag_node = here if here.key in SECTION_ELEMENTS else here.add("Div",
                                                                                 key=key)
        elif isinstance(flowable, GridBlock):
            self._walk(flowable.content, here if flowable.figure else here.add("BlockQuote"),
                       key)
        elif isinstance(flowable, TopFloat):
            self._walk(flowable.content, parent, key)
        elif isinstance(flowable, Figure):
            self._figure_cells(flowable, here, key)
        elif isinstance(flowable, KeptTable):
            self._table(flowable, here.add("Table", key=key))
        elif getattr(flowable, "tag_rows", None) is not None:  # a list set as a table
            self._list(flowable, here.add("L"), key)
        elif hasattr(flowable, "_cellvalues"):  # a table used for layout
            for row in flowable._cellvalues:
                for cell in row:
                    for part in cell if isinstance(cell, (list, tuple)) else [cell]:
                        if isinstance(part, Flowable):
                            self._walk(part, parent, key)
        elif isinstance(getattr(flowable, "_content", None), list):  # columns, kept together
            for part in flowable._content:
                self._walk(part, parent, key)

    def _figure_cells(self, figure: Any, parent: Node, key: str) -> None:
        """A photo (a figure of the image, then its caption) or a statistic
        set as one figure (its parts, each as what it is)."""
        from reportlab.platypus import Image

        cells = [part for row in figure._cellvalues for cell in row
                 for part in (cell if isinstance(cell, (list, tuple)) else [cell])]
        if any(isinstance(part, Image) for part in cells):
            captions = [part.getPlainText() for part in cells if isinstance(part, Paragraph)
                        and part.style.name == "caption"]
            # the editor's alt text by element key (figure_alts), else the caption
            figure.tag_node = parent.add("Figure", key=key, alt=self.alts.get(key)
                                         or " ".join(captions) or None)
        for part in cells:
            if isinstance(part, Flowable):
                self._walk(part, parent, key)

    def _list(self, table: Any, node: Node, key: str) -> None:
        """A list set as a table (the contacts, the contents): ``tag_rows``
        gives the role of each cell of each row, ``Lbl`` or ``LBody``. An item
        (``LI``) begins at each row with a label, and takes the rows after it
        that have none."""
        item: Node | None = None
        for row, roles in zip(table._cellvalues, table.tag_rows, strict=False):
            cells = [(role, [part for part in (cell if isinstance(cell, (list, tuple))
                                               else [cell]) if isinstance(part, Flowable)])
                     for role, cell in zip(roles, row, strict=False)]
            cells = [(role, parts) for role, parts in cells if parts]
            if item is None or getattr(table, "tag_each_row", False) or any(
                    role == "Lbl" for role, _ in cells):
                item = node.add("LI")
            target, last = item, ""
            for role, parts in cells:
                if role == "Lbl" and len(parts) == 1 and isinstance(parts[0], Paragraph):
                    self._walk(parts[0], item, key)  # the label's paragraph is the Lbl
                    parts[0].tag_node.role = "Lbl"
                    last = ""
                    continue
                if role != last:
                    target, last = item.add(role), role
                for part in parts:
                    self._walk(part, target, key)

    def _table(self, table: Any, node: Node) -> None:
        """A table of data: its header rows (``THead``) of ``TH`` (scope:
        column), its body (``TBody``) of rows of ``TD``."""
        head = node.add("THead") if table.repeatRows else None
        body = node.add("TBody")
        for number, row in enumerate(table._cellvalues):
            tr = (head if head is not None and number < table.repeatRows else body).add("TR")
            for cell in row:
                for part in cell if isinstance(cell, (list, tuple)) else [cell]:
                    if isinstance(part, Paragraph):
                        part.tag_node = tr.add("TH" if number < table.repeatRows else "TD",
                                               scope="Column" if number < table.repeatRows
                                               else None)
                        if type(part) is Paragraph:
                            part.__class__ = TaggedParagraph

    # -- 2. marking while drawing -------------------------------------------

    def watch(self, canvas: Canvas) -> None:
        """Mark what ``canvas`` draws from now on: announced content as its
        node, the rest of each page as artifacts when the page is shown."""
        show_page, draw_image = canvas.showPage, canvas.drawImage
        add_annotation = canvas._addAnnotation

        def showing_page() -> None:
            _mark_artifacts(canvas._code)
            show_page()

        def drawing_image(*args: Any, **kwargs: Any) -> Any:
            if self._figure is None or self._open:
                return draw_image(*args, **kwargs)
            with self.sequence(canvas, self._figure):
                return draw_image(*args, **kwargs)

        def adding_annotation(annotation: Any, name: Any = None, addtopage: int = 1) -> Any:
            if addtopage:
                page = int(canvas.getPageNumber())
                found = self.annotations.setdefault(page, [])
                if self._node is not None:
                    self._node.links.append((page, len(found)))
                found.append(self._node)
            return add_annotation(annotation, name, addtopage)

        canvas.showPage = showing_page
        canvas.drawImage = drawing_image
        canvas._addAnnotation = adding_annotation
        canvas.tagging = self

    def mcid(self, canvas: Canvas, node: Node) -> int:
        """A new MCID on ``canvas``' page for content of ``node``."""
        page = int(canvas.getPageNumber())
        ids = self.pages.setdefault(page, [])
        ids.append(node)
        node.mcids.append((page, len(ids) - 1))
        return len(ids) - 1

    @contextmanager
    def sequence(self, canvas: Canvas, node: Node) -> Iterator[None]:
        """What is drawn inside, marked as ``node``'s content (inside another
        sequence: part of that one). A table's header repeated over a part
        after the first is an artifact."""
        if self._open:
            yield
            return
        code = canvas._code
        if node.role == "TH" and node.mcids:
            code.append("/Artifact BMC")
        else:
            code.append(f"/{node.role} <</MCID {self.mcid(canvas, node)}>> BDC")
        self._open, self._node = True, node
        try:
            yield
        finally:
            self._open, self._node = False, None
            code.append("EMC")

    # -- 3. the tree -----------------------------------------------------------

    def write(self, pdf: bytes) -> bytes:
        """``pdf`` (the canvas' PDF) with the structure tree, ``MarkInfo`` and tab order."""
        with pikepdf.open(io.BytesIO(pdf)) as doc:
            pages = [page.obj for page in doc.pages]
            parents: dict[int, list[Any]] = {page: [None] * len(ids)
                                             for page, ids in self.pages.items()}
            #: (key in the parent tree, Link element) of each annotation
            objects: list[tuple[int, Any]] = []
            links = self._link_annotations(pages)
            root = doc.make_indirect(Dictionary(Type=Name.StructTreeRoot))

            def new(role: str, parent: Any) -> Any:
                return doc.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + role),
                                                    P=parent))

            def content(obj: Any, mcids: Sequence[tuple[int, int]]) -> list[Any]:
                """The references to ``mcids`` as kids of ``obj`` (on its page: the MCID)."""
                kids: list[Any] = []
                for page, mcid in mcids:
                    if "/Pg" not in obj:
                        obj.Pg = pages[page - 1]
                    kids.append(mcid if obj.Pg.objgen == pages[page - 1].objgen
                                else Dictionary(Type=Name.MCR, Pg=pages[page - 1], MCID=mcid))
                    parents[page][mcid] = obj
                return kids

            def link(parent: Any, page: int, number: int, mcids: Sequence[tuple[int, int]]
                     ) -> Any:
                obj = new("Link", parent)
                annotation = links[page][number]
                kids = content(obj, mcids)
                if not kids:  # its text is part of the paragraph's: say where it leads
                    obj.Alt = text_string(link_description(annotation, self.language))
                kids.append(Dictionary(Type=Name.OBJR, Obj=annotation, Pg=pages[page - 1]))
                obj.Pg = obj.get("/Pg", pages[page - 1])
                obj.K = kids[0] if len(kids) == 1 else Array(kids)
                annotation.StructParent = len(pages) + len(objects)
                objects.append((annotation.StructParent, obj))
                return obj

            def element(node: Node, parent: Any) -> Any:
                obj = new(node.role, parent)
                kids = [element(kid, obj) for kid in node.kids if kid.used()]
                found = [(page, number) for page, number in node.links if page in links
                         and number < len(links[page])]
                if node.whole_link and len(found) == 1:
                    kids.append(link(obj, *found[0], node.mcids))
                else:
                    kids += content(obj, node.mcids)
                    kids += [link(obj, page, number, ()) for page, number in found]
                if not kids:  # nothing drawn of it: not written
                    return None
                obj.K = kids[0] if len(kids) == 1 else Array(kids)
                if node.alt:
                    obj.Alt = text_string(node.alt)
                if node.title:
                    obj.T = text_string(node.title)
                if node.lang:
                    obj.Lang = String(node.lang)
                if node.scope:
                    obj.A = Dictionary(O=Name.Table, Scope=Name("/" + node.scope))
                return obj

            root.K = element(self.document, root)
            nums = Array()
            for page in sorted(parents):
                nums.append(page - 1)
                nums.append(doc.make_indirect(Array(parents[page])))
                pages[page - 1].StructParents = page - 1
            for key, obj in objects:
                nums.append(key)
                nums.append(obj)
            root.ParentTree = doc.make_indirect(Dictionary(Nums=nums))
            root.ParentTreeNextKey = len(pages) + len(objects)
            for page_obj in pages:
                page_obj.Tabs = Name.S
            doc.Root.StructTreeRoot = root
            doc.Root.MarkInfo = Dictionary(Marked=True)
            out = io.BytesIO()
            doc.save(out, static_id=True, compress_streams=False,
                     stream_decode_level=pikepdf.StreamDecodeLevel.none)
            return out.getvalue()

    def _link_annotations(self, pages: Sequence[Any]) -> dict[int, list[Any]]:
        """Per page (from 1): its annotations drawn in tagged content, in the
        order drawn (the page's ``/Annots`` keep it), if their count is that
        of :attr:`annotations` (else none: the page was changed after)."""
        found: dict[int, list[Any]] = {}
        for page, drawn in self.annotations.items():
            annots = list(pages[page - 1].get("/Annots", ()))
            if page <= len(pages) and len(annots) == len(drawn):
                found[page] = annots
        return found

    @staticmethod
    def _page_of(node: Node) -> int:
        return node.mcids[0][0] if node.mcids else 0


def figure_alts(issue: Any) -> dict[str, str]:
    """The alternative text of each figure of ``issue`` (a :class:`layout.model.Issue`),
    by the inventory's key of its element (:mod:`layout.slots`): a photo's
    where the editor gave one (else its caption stands in), a chart's made
    from its data (:mod:`layout.alttext`)."""
    from . import model
    from .alttext import alt_text
    from .slots import block_key, statistics_key

    language = issue.language
    alts: dict[str, str] = {}
    if issue.editorial is not None:
        signers = [signer for signer in issue.editorial.signers if signer.photo]
        for number, signer in enumerate(signers, start=1):
            if signer.photo.alt.strip():
                key = "editorial/photo" if number == 1 else f"editorial/photo-{number}"
                alts[key] = alt_text(signer.photo, language)
    for article_number, article in enumerate(issue.articles, start=1):
        for number, block in enumerate(article.body, start=1):
            if isinstance(block, model.Photo) and block.alt.strip():
                alts[block_key(article_number, number)] = alt_text(block, language)
            elif isinstance(block, model.StatisticBlock):
                alts[f"{block_key(article_number, number)}/chart"] = alt_text(block.statistic,
                                                                              language)
    for number, stats in enumerate(issue.statistics, start=1):
        alts[f"{statistics_key(number)}/chart"] = alt_text(stats, language)
    return alts


def text_string(text: str) -> String:
    """``text`` as a PDF text string: PDFDocEncoding where it is ASCII, else
    UTF-16 with its byte order mark (which every reader decodes alike)."""
    if text.isascii():
        return String(text)
    return String(b"\xfe\xff" + text.encode("utf-16-be"))


def _one_link(paragraph: Paragraph) -> bool:
    """Whether all the text of ``paragraph`` is one link."""
    pieces = [piece for frag in getattr(paragraph, "frags", ())
              for piece in ([(frag, frag.text)] if hasattr(frag, "text")
                            else frag[1:])]  # frag words, once broken into lines
    targets = {tuple(str(link) for link in getattr(frag, "link", None) or ())
               for frag, text in pieces if text.strip()}
    return len(targets) == 1 and bool(next(iter(targets)))


def _last_heading(parent: Node) -> str | None:
    """A stand-in for a chart's alternative text: the heading before it."""
    return next((kid.text for kid in reversed(parent.kids) if kid.text), None)


def _mark_artifacts(code: list[str]) -> None:
    """Each run of ``code`` (one page's) outside a marked sequence that paints
    something wrapped in ``/Artifact BMC … EMC``, in place."""
    out: list[str] = []
    run: list[str] = []
    paints = False
    depth = 0
    for entry in code:
        opens = entry.endswith((" BDC", " BMC"))
        if depth == 0 and not opens:
            run.append(entry)
            paints = paints or _paints(entry)
            continue
        if run:
            out += ["/Artifact BMC", *run, "EMC"] if paints else run
            run, paints = [], False
        out.append(entry)
        depth += 1 if opens else -1 if entry == "EMC" else 0
    if run:
        out += ["/Artifact BMC", *run, "EMC"] if paints else run
    code[:] = out


def _paints(entry: str) -> bool:
    """Whether an entry of a canvas' code paints (text, a path, an image)."""
    last = entry.rsplit(None, 1)[-1:]
    return bool(last) and (last[0] not in _STATE or "Do" in entry.split())


@contextmanager
def marked(canvas: Canvas, flowable: Flowable) -> Iterator[None]:
    """Mark what ``flowable`` draws inside as its node's content (if the
    canvas is watched and the flowable planned)."""
    tagging = getattr(canvas, "tagging", None)
    node = getattr(flowable, "tag_node", None)
    if tagging is None or node is None:
        yield
        return
    with tagging.sequence(canvas, node), _readable_lines(flowable):
        yield


#: The soft hyphen: ISO 32000-1, 14.8.2.2.3, writes a hyphen that only the
#: line break made as this character, so that it is not read as part of the word.
SOFT_HYPHEN = "\u00ad"


@contextmanager
def _readable_lines(flowable: Flowable) -> Iterator[None]:
    """While ``flowable`` (a paragraph) is drawn: a space at the end of each
    line that ends between words or at a ``<br/>``, and the soft hyphen for a
    hyphen of the line break (where the font has one: it is drawn alike), so
    that the text of the structure tree reads "und die", not "unddie", and
    "gesamten", not "gesam-ten". The space is drawn past the line's end and
    moves nothing; the lines are as they were afterwards."""
    para: Any = getattr(flowable, "blPara", None)
    lines = list(getattr(para, "lines", ()))
    undo: list[tuple[Any, Any, Any]] = []  # (object or list, attribute or index, old value)
    # the last line too, where the paragraph goes on in the next column
    for line in lines if getattr(flowable, "_splitpara", 0) else lines[:-1]:
        if para.kind == 0:  # ReportLab's plain lines: (extra space, words)
            words = line[1]
            if words and not words[-1].endswith(" "):
                undo.append((words, len(words) - 1, words[-1]))
                words[-1] += " "
            continue
        texts = [word for word in line.words if getattr(word, "_fkind", 0) == 0 and word.text]
        if not texts:
            continue
        last = texts[-1]
        within, hyphen = getattr(line, "within", False), getattr(line, "hyphen", False)
        if line is lines[-1]:  # a split part's: ReportLab's split made its lines anew
            end = (getattr(flowable, "frags", None) or [None])[-1]
            within = isinstance(end, (_SplitFragH, _SplitFragLL))
            hyphen = isinstance(end, (_SplitFragHY, _SplitFragLL))
        if within:  # marked by layout.linebreak
            if hyphen and last.text.endswith("-") and _has_glyph(
                    last.fontName, SOFT_HYPHEN):
                undo.append((last, "text", last.text))
                last.text = last.text[:-1] + SOFT_HYPHEN
        elif not last.text.endswith(" "):
            undo.append((last, "text", last.text))
            last.text += " "
    try:
        yield
    finally:
        for owner, where, value in reversed(undo):
            if isinstance(where, str):
                setattr(owner, where, value)
            else:
                owner[where] = value


@functools.cache
def _has_glyph(font_name: str, character: str) -> bool:
    face = getattr(pdfmetrics.getFont(font_name), "face", None)
    return face is not None and ord(character) in getattr(face, "charToGlyph", {})


@contextmanager
def container(canvas: Canvas, flowable: Flowable) -> Iterator[None]:
    """What ``flowable`` draws inside is tagged in parts (:func:`drawn_as`), as
    kids of its node; the rest is an artifact. Drawn again (a band on each
    page), all of it is an artifact."""
    tagging = getattr(canvas, "tagging", None)
    node = getattr(flowable, "tag_node", None)
    with _in_parts(tagging, node):
        yield


@contextmanager
def part_of(canvas: Canvas, key: str) -> Iterator[None]:
    """What is drawn inside is tagged in parts (:func:`drawn_as`) as kids of
    the part ``key`` of the document (the funding notice a page template
    paints on every page: tagged where first drawn, an artifact after)."""
    tagging = getattr(canvas, "tagging", None)
    node = None if tagging is None else next(
        (kid for kid in tagging.document.kids if kid.key == key), None)
    with _in_parts(tagging, node):
        yield


@contextmanager
def _in_parts(tagging: Tagging | None, node: Node | None) -> Iterator[None]:
    if tagging is None or node is None:
        yield
        return
    previous = tagging._container
    tagging._container = None if id(node) in tagging._drawn else node
    try:
        yield
    finally:
        tagging._container = previous
        tagging._drawn.add(id(node))


@contextmanager
def drawn_as(canvas: Canvas, role: str, *, alt: str | None = None, front: bool = False,
             flowable: Flowable | None = None) -> Iterator[None]:
    """What is drawn inside, tagged as a new element ``role`` of the front
    cover (``front``) or of the flowable being drawn in parts (:func:`container`);
    ``flowable``: the paragraph drawn (its lines read as set, see
    :func:`_readable_lines`). Elsewhere, an artifact."""
    tagging = getattr(canvas, "tagging", None)
    parent = None if tagging is None else tagging.front() if front else tagging._container
    if tagging is None or parent is None or tagging._open:
        yield
        return
    node = parent.add(role, alt=alt or None)
    with tagging.sequence(canvas, node), _readable_lines(flowable):
        yield


def tag_front(canvas: Canvas, *flowables: Flowable) -> None:
    """Tag ``flowables``, drawn on the front cover after what is there, as its content."""
    tagging = getattr(canvas, "tagging", None)
    if tagging is not None:
        for flowable in flowables:
            tagging._walk(flowable, tagging.front(), "")


@contextmanager
def figure(canvas: Canvas, flowable: Flowable) -> Iterator[None]:
    """The images ``flowable`` draws inside are its figure (its caption, drawn
    inside too, marks itself)."""
    tagging = getattr(canvas, "tagging", None)
    node = getattr(flowable, "tag_node", None)
    if tagging is None or node is None:
        yield
        return
    tagging._figure = node
    try:
        yield
    finally:
        tagging._figure = None


def tag_parts(canvas: Canvas, *flowables: Flowable | None) -> None:
    """Tag ``flowables``, drawn on ``canvas`` outside the story, as parts of
    their own (see :meth:`Tagging.part`)."""
    tagging = getattr(canvas, "tagging", None)
    if tagging is not None:
        tagging.part(flowables)


def reserve(canvas: Canvas, flowable: Flowable) -> int | None:
    """An MCID on the page for content stamped in later (a chart), or None."""
    tagging = getattr(canvas, "tagging", None)
    node = getattr(flowable, "tag_node", None)
    if tagging is None or node is None:
        return None
    return int(tagging.mcid(canvas, node))


#: What a screen reader says of a cover page from a file (not printed).
_COVER_WORDS = {"de": ("Titelseite", "Rückseite"), "en": ("Front cover", "Back cover")}


def cover_file_alts(newsletter: str, number: str, language: str) -> tuple[str, str]:
    """The alternative text of a front and a back cover from a file:
    ``Titelseite: Newsletter 2/22``."""
    front, back = _COVER_WORDS.get(language.split("-")[0].lower(), _COVER_WORDS["en"])
    return f"{front}: {newsletter} {number}", f"{back}: {newsletter} {number}"


def tag_cover_files(pdf: bytes, front: int, back: int, alts: tuple[str, str]) -> bytes:
    """``pdf`` with its first ``front`` and last ``back`` pages (a designer's
    cover files, merged after the tree was written) tagged: each page's
    content one ``Figure`` (``alts``: the front's and the back's alternative
    text), first and last in the document. Their own marks are taken out
    (their MCIDs belonged to another tree), and their annotations, which no
    element of this tree could hold. Untagged ``pdf`` is returned as it is."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        root = doc.Root.get("/StructTreeRoot")
        if root is None or not front + back:
            return pdf
        document = root.K
        kids = document.K if isinstance(document.K, Array) else Array([document.K])
        nums: list[Any] = list(root.ParentTree.Nums)
        key = int(root.ParentTreeNextKey)
        count = len(doc.pages)
        for index, alt in [*((i, alts[0]) for i in range(front)),
                           *((count - back + i, alts[1]) for i in range(back))]:
            page = doc.pages[index]
            kept = [instruction for instruction in pikepdf.parse_content_stream(page)
                    if str(getattr(instruction, "operator", "")) not in ("BDC", "BMC", "EMC")]
            page.obj.Contents = doc.make_stream(b"/Figure <</MCID 0>> BDC\nq\n"
                                                + pikepdf.unparse_content_stream(kept)
                                                + b"\nQ\nEMC\n")
            for name in ("/Annots", "/StructParents"):
                if name in page.obj:
                    del page.obj[name]
            element = doc.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Figure,
                                                   P=document, Pg=page.obj, K=0,
                                                   Alt=text_string(alt)))
            if index < front:
                kids.insert(index, element)
            else:
                kids.append(element)
            page.obj.StructParents = key
            page.obj.Tabs = Name.S
            nums += [key, doc.make_indirect(Array([element]))]
            key += 1
        document.K = kids
        root.ParentTree = doc.make_indirect(Dictionary(Nums=Array(nums)))
        root.ParentTreeNextKey = key
        out = io.BytesIO()
        doc.save(out, static_id=True, compress_streams=False,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none)
        return out.getvalue()
