"""Which statistic each chart slot of the inside pages shows.

The story reserves a slot per chart (:class:`~layout.flowables.ChartSlot`)
under a key made here; the build draws each statistic's chart and stamps it
into the slot of that key. Light on purpose: the build asks before it
imports ReportLab, to start drawing the charts early. Nothing here lays out.
"""

from __future__ import annotations

from . import model

#: The key of the (first) statistic's section: its anchor and its chart's slot.
FIRST = "statistics"


def statistics_key(number: int) -> str:
    """The key of the ``number``-th statistic's section (counted from 1)."""
    return FIRST if number == 1 else f"{FIRST}-{number}"


def block_key(article: int, block: int) -> str:
    """The key of block ``block`` of article ``article`` (both counted from 1)."""
    return f"article-{article}/block-{block}"


def chart_statistics(issue: model.Issue) -> dict[str, model.Statistics]:
    """The key of every chart slot, with the statistic drawn in it: the
    sections in order, then the statistics inside the articles."""
    charts = {statistics_key(number): stats
              for number, stats in enumerate(issue.statistics, start=1)}
    for number, article in enumerate(issue.articles, start=1):
        for index, block in enumerate(article.body, start=1):
            if isinstance(block, model.StatisticBlock):
                charts[block_key(number, index)] = block.statistic
    return {key: stats for key, stats in charts.items() if stats.chart != "none"}
