"""Properties: whatever an editor types, the engine answers without crashing."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle

from layout.errors import IssueError
from layout.fonts import register_fonts
from layout.linebreak import JustifiedParagraph
from layout.load import load_issue
from layout.markup import to_markup

from .test_other_issues import SMALL

#: Text as editors type it: letters of many scripts, punctuation, markup
#: characters, spaces and line breaks, control and invisible characters.
TYPED = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300) | \
    st.text(st.sampled_from(list("ab c*_[]()<>&;#\"'-.:/\\\n\u00ad\u200b\u00a0äöüß„“")),
            max_size=200)
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(TYPED)
def test_any_text_becomes_markup_reportlab_can_set(text: str) -> None:
    register_fonts()
    style = ParagraphStyle("body", fontName="Serif", fontSize=9.5, leading=13,
                           alignment=TA_JUSTIFY, hyphenationLang="de_DE")
    paragraph = JustifiedParagraph(to_markup(text, "de-DE"), style)
    width, height = paragraph.wrap(243.8, 10_000)
    assert height >= 0 and width <= 243.8 + 1e-6


@SETTINGS
@given(TYPED)
def test_any_file_is_an_issue_or_a_clear_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "issue.yaml").write_text(text, encoding="utf-8")
        try:
            load_issue(Path(folder))
        except IssueError as error:
            assert error.format_message()


@SETTINGS
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=120))
def test_any_title_and_paragraph_load(text: str) -> None:
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    issue_text = SMALL.replace("title: Neue Broschüre", f'title: "{quoted}x"')
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "issue.yaml").write_text(issue_text, encoding="utf-8")
        try:
            issue = load_issue(Path(folder))
        except IssueError as error:  # the picture of SMALL is not in this folder
            assert "team.jpg" in error.format_message() or "right-to-left" in \
                error.format_message()
        else:
            assert issue.articles[-1].title.endswith("x")
