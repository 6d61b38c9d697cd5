"""Dates in report text, as ISO strings (full or partial: 2024-03-14, 2024-03, 2024)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

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
    r"|\b(?P<y6>(?:19|20)\d{2})/(?P<m6>[01]?\d)/(?P<d6>[0-3]?\d)\b"  # "2025/03/12": year first is y/m/d
    r"|\b(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d{2}|\d{2})\b(?!\.\d)"
    r"|\b(?P<m2>[01]?\d)/(?P<y2>(?:19|20)\d{2})\b"
    rf"|\b(?P<d5>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon5>{_MONTH})\.?,?\s+(?P<y5>(?:19|20)\d{{2}})\b"
    rf"|\b(?P<mon>{_MONTH})\.?\s+(?:(?P<d3>[0-3]?\d)(?:st|nd|rd|th)?,?\s+)?(?P<y3>(?:19|20)\d{{2}})\b"
    r"|(?<![\w/.-])(?P<y4>(?:19|20)\d{2})(?![\w/]|\.\d|-\d)",  # "in 2023." ends a sentence
    re.IGNORECASE,
)
# what every dotted date with a 4-digit year holds ("3.13.2025")
_DOTTED_YEAR = re.compile(r"\d\.[0-3]?\d\.(?:19|20)\d\d")
# "12.03.2025 (dd.mm.yyyy)": a report that names its own day/month order
_ORDER_HINT = re.compile(r"\(\s*(?P<first>dd?|mm?)[./-](?:dd?|mm?)[./-](?:yy){1,2}\s*\)", re.IGNORECASE)
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
    ambiguous: bool = False  # "03.12.2025" with no stated order: day and month could swap; iso is the year


def _ymd(year: int, month: int, day: int | None = None) -> str | None:
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


def _numbers(m: re.Match[str], order: str | None) -> tuple[str | None, bool]:
    """ "03/12/2025" is US month/day (the project's convention for slashes); "24/02/2025" can only be
    day/month. A dotted "03.12.2025" is month-first in a US lab and day-first in Europe: unless the
    number itself, a stated format or the document's other dotted dates (``order``) settle it, only
    the year is known, and the date is marked ambiguous so it never orders documents."""
    first, second, year = int(m.group("a")), int(m.group("b")), m.group("y")
    if m.group("sep") == "." and len(year) == 2:
        return None, False  # "1.2.25" is more often a number than a date
    year_i = int(year) + (2000 if len(year) == 2 else 0)
    if first > 12 or (order == "dm" and m.group("sep") == "."):
        return _ymd(year_i, second, first), False
    if m.group("sep") == "/" or second > 12 or first == second or order == "md":
        return _ymd(year_i, first, second), False
    return f"{year_i:04d}", True


def _iso(m: re.Match[str], order: str | None = None) -> tuple[str | None, bool]:
    g = m.groupdict()
    if g["iso"]:
        return g["iso"], False
    if g["a"]:
        return _numbers(m, order)
    if g["y6"]:
        return _ymd(int(g["y6"]), int(g["m6"]), int(g["d6"])), False
    if g["m2"]:
        return _ymd(int(g["y2"]), int(g["m2"])), False
    if g["y4"]:
        return g["y4"], False
    if g["d5"]:
        return _ymd(int(g["y5"]), _MONTHS[g["mon5"].lower()], int(g["d5"])), False
    month = _MONTHS[g["mon"].lower()]
    return _ymd(int(g["y3"]), month, int(g["d3"]) if g["d3"] else None), False


def date_order(text: str) -> str | None:
    """How ``text`` writes dotted dates: "dm" (day first), "md", or None when nothing says. A stated
    format ("(dd.mm.yyyy)") decides; else its unambiguous dotted dates ("03.13.2025" is month-first),
    when they all agree."""
    hint = _ORDER_HINT.search(text)
    if hint is not None:
        return "dm" if hint.group("first").lower().startswith("d") else "md"
    if _DOTTED_YEAR.search(text) is None:
        return None  # no dotted date with a 4-digit year to read (and scanning DATE costs ~5% of a report)
    seen = set()
    for m in DATE.finditer(text):
        if m.group("a") and m.group("sep") == "." and len(m.group("y")) == 4:
            first, second = int(m.group("a")), int(m.group("b"))
            if first > 12 >= second:
                seen.add("dm")
            elif second > 12 >= first:
                seen.add("md")
    return seen.pop() if len(seen) == 1 else None


# "tamoxifen (2015-2020)": a range of years (DATE leaves a year next to a dash alone: "2023-04")
_YEAR_RANGE = re.compile(r"(?<![\w/.-])((?:19|20)\d{2})\s?[–-]\s?((?:19|20)\d{2})(?![\w/.-])")


def find_dates(text: str, order: str | None = None) -> list[DateMention]:
    """Every date in ``text``; ``order`` ("dm"/"md", see ``date_order``) reads dotted dates."""
    out = []
    for m in DATE.finditer(text):
        iso, ambiguous = _iso(m, order)
        if iso is not None:
            out.append(DateMention(m.start(), m.end(), iso, ambiguous))
    for m in _YEAR_RANGE.finditer(text):
        out += [DateMention(m.start(1), m.end(1), m.group(1)), DateMention(m.start(2), m.end(2), m.group(2))]
    return sorted(out, key=lambda d: d.start)


def report_date(text: str) -> str | None:
    """The report's own date when a header states one (first labelled date in the first 2,000 chars).
    An ambiguous one ("Date: 03.12.2025", nothing saying which is the day) gives None: a guessed date
    must not decide which of two reports is newer."""
    head = text[:2000]
    order = date_order(text)
    for label in REPORT_DATE.finditer(head):
        m = DATE.match(head, label.end())
        if m is None:
            continue
        iso, ambiguous = _iso(m, order)
        if iso is not None:
            return None if ambiguous else iso
    return None


def iso_day(iso: str) -> date | None:
    """'2024-04-16' / '2024-04' / '2024' as a date (partial dates at their start), else None."""
    parts = [int(p) for p in iso.split("-")[:3] if p.isdigit()]
    try:
        return date(*(parts + [1, 1])[:3]) if parts else None
    except ValueError:
        return None
