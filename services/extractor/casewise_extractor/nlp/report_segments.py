"""Several reports bundled in one file: where each starts, and its own date.

Outside records often arrive as one PDF holding a 2023 biopsy, a 2024 NGS report and a 2025 re-biopsy.
Read as one document, a 2023 PD-L1 TPS <1% and the 2025 TPS 40% would look like one time point and
stand side by side as a conflict. A page whose header (its first few lines) states a report date
more than ``merge.SAME_TIME_DAYS`` away from the current report's date starts a new report; each report
is then extracted on its own and merged like separate uploads, so the newer result wins.

Pages without such a header stay with the report before them (page 2 of a report, a continued
table), and dates within a month of each other stay one report (collected on the 9th, reported on the
12th), so an ordinary multi-page report is never split.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casewise_core.document import Page

from casewise_extractor.nlp.dates import iso_day, report_date
from casewise_extractor.nlp.merge import SAME_TIME_DAYS

#: Lines at the top of a page that count as its header.
HEADER_LINES = 4


@dataclass
class Segment:
    """One report inside a file: its stated date (ISO) and its pages, in order."""

    date: str | None
    pages: list[Page] = field(default_factory=list)


def _header(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return "\n".join(lines[:HEADER_LINES])


def _apart(a: str, b: str) -> bool:
    da, db = iso_day(a), iso_day(b)
    return da is not None and db is not None and abs((da - db).days) > SAME_TIME_DAYS


def report_segments(pages: list[Page]) -> list[Segment]:
    """The file's pages grouped into reports; one segment when nothing marks a second report."""
    segments: list[Segment] = []
    for page in pages:
        if not segments:
            segments.append(Segment(report_date(page.text), [page]))
            continue
        current = segments[-1]
        stated = report_date(_header(page.text))
        if stated is not None and current.date is not None and _apart(stated, current.date):
            segments.append(Segment(stated, [page]))
        else:
            current.pages.append(page)
    return segments
