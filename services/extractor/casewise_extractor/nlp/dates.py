"""Dates in report text, as ISO strings (full or partial: 2024-03-14, 2024-03, 2024)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")]
    )
    for m in names
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
DATE = re.compile(
    r"\b(?P<iso>(?:19|20)\d{2}-[01]\d(?:-[0-3]\d)?)\b"
    r"|\b(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)?\d{2})\b"
    r"|\b(?P<m2>[01]?\d)/(?P<y2>(?:19|20)\d{2})\b"
    rf"|\b(?P<mon>{_MONTH})\.?\s+(?:(?P<d3>[0-3]?\d)(?:st|nd|rd|th)?,?\s+)?(?P<y3>(?:19|20)\d{{2}})\b"
    r"|(?<![\w/.-])(?P<y4>(?:19|20)\d{2})(?![\w/]|\.\d|-\d)",  # "in 2023." ends a sentence
    re.IGNORECASE,
)
REPORT_DATE = re.compile(
    r"(?:report(?:ed)? date|date (?:of )?report(?:ed)?|date reported|signed out|sign-?out date|"
    r"final report date|date of service|visit date|date of visit|collection date|date collected|collected|"
    r"procedure date|date of procedure|"
    r"received|electronically signed(?: out)?|signed(?: out)?|(?:date|report|procedure)(?=\s*:))"
    r"\s*(?:on)?\s*[:\-]?\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    iso: str


def _iso(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    if g["iso"]:
        return g["iso"]
    if g["m"]:
        month, day, year = int(g["m"]), int(g["d"]), g["y"]
        year_i = int(year) + (2000 if len(year) == 2 else 0)
        return f"{year_i:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None
    if g["m2"]:
        month = int(g["m2"])
        return f"{int(g['y2']):04d}-{month:02d}" if 1 <= month <= 12 else None
    if g["y4"]:
        return g["y4"]
    month = _MONTHS[g["mon"].lower()]
    if g["d3"]:
        return f"{int(g['y3']):04d}-{month:02d}-{int(g['d3']):02d}"
    return f"{int(g['y3']):04d}-{month:02d}"


# "tamoxifen (2015-2020)": a range of years (DATE leaves a year next to a dash alone: "2023-04")
_YEAR_RANGE = re.compile(r"(?<![\w/.-])((?:19|20)\d{2})\s?[–-]\s?((?:19|20)\d{2})(?![\w/.-])")


def find_dates(text: str) -> list[DateMention]:
    out = []
    for m in DATE.finditer(text):
        if (iso := _iso(m)) is not None:
            out.append(DateMention(m.start(), m.end(), iso))
    for m in _YEAR_RANGE.finditer(text):
        out += [DateMention(m.start(1), m.end(1), m.group(1)), DateMention(m.start(2), m.end(2), m.group(2))]
    return sorted(out, key=lambda d: d.start)


def report_date(text: str) -> str | None:
    """The report's own date when a header states one (first labelled date in the first 2,000 chars)."""
    head = text[:2000]
    for label in REPORT_DATE.finditer(head):
        m = DATE.match(head, label.end())
        if m and (iso := _iso(m)) is not None:
            return iso
    return None
