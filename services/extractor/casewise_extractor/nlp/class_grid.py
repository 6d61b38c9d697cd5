"""A results grid with one column per alteration class, read cell by cell.

Liquid-biopsy and panel reports print the genes they found nothing in as a grid::

    Gene   | SNV / indel | Amplification | Fusion / rearrangement
    BRAF   | ND          | ND            | ND
    MYC    | -           | ND            | -

Each cell is the gene's result for its column's class: "ND" is a negative for that class only, and a
dash says the class is not reported for that gene (no row at all). Read as prose, the row has one
result word and no class, so MYC came out "mutation negative" and BRAF's amplification and fusion
results were lost. A row is read here only when every class cell is a word this module knows
(negative, not assessed, failed, detected, "Detected (CN 14)", a protein change in the SNV column);
anything else (a VAF alone, a copy number) is left to the sentence reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casewise_extractor.nlp.findings import BiomarkerFinding, Flags
from casewise_extractor.nlp.mentions import Mention
from casewise_extractor.nlp.variants import normalise_protein

# a column heading's class; the first that matches decides ("insertions/deletions" are sequence variants)
_CLASSES = (
    (
        "mutation",
        re.compile(
            r"\b(?:SNVs?|indels?|insertions?\s*/\s*deletions?|mutations?|(?:sequence|short|point|single[- ]"
            r"nucleotide) variants?|substitutions?)\b",
            re.IGNORECASE,
        ),
    ),
    ("fusion", re.compile(r"\b(?:fusions?|rearrangements?|translocations?|structural variants?)\b", re.I)),
    (
        "amplification",
        re.compile(r"\b(?:amplifications?|amp|copy[- ]number gains?|gains?|CNVs?|CNAs?)\b", re.I),
    ),
    ("deletion", re.compile(r"\b(?:(?:homozygous )?deletions?|copy[- ]number loss(?:es)?|HOMDEL)\b", re.I)),
)
_GENE_HEADING = re.compile(r"\s*(?:genes?|biomarkers?|markers?|targets?|loci|locus)\s*$", re.IGNORECASE)
_NEGATIVE = re.compile(
    r"\s*(?:ND|N\.D\.|not detected|none detected|negative|neg|no|none|absent|not identified)\s*\.?\s*$",
    re.IGNORECASE,
)
# a class the test did not report for this gene: no result, no row
_NOT_ASSESSED = re.compile(
    r"\s*(?:[-\u2013\u2014/]*|N/?A|not (?:assessed|tested|reported|evaluated|applicable|performed|covered)"
    r"\b[^|]*|not on (?:the )?panel)\s*$",
    re.IGNORECASE,
)
_UNKNOWN = re.compile(
    r"\s*(?:failed|QNS|indeterminate|inconclusive|not evaluable|no call|insufficient\b[^|]*)\s*$", re.I
)
# "Detected (CN 14)": the word decides; the bracket is its value
_NOT_FOUND = re.compile(r"\bnot\b|\bno\b|\bND\b|\bnegative\b|\bbelow\b|\bwild[- ]?type\b", re.IGNORECASE)
_POSITIVE = re.compile(
    r"\s*(?:detected|positive|pos|present|amplified|yes)\s*(?:\([^()|]{0,40}\))?\s*$", re.IGNORECASE
)


@dataclass(frozen=True)
class Grid:
    """A grid's heading row: how many cells a row has, and each cell's class (None: not a class)."""

    width: int
    classes: tuple[str | None, ...]


def _cells(line: str) -> list[str]:
    return line.strip().split("|") if "|" in line else []


def grid_heading(line: str) -> Grid | None:
    """The grid a heading row opens: a gene column then at least two columns of distinct classes."""
    cells = _cells(line)
    if len(cells) < 3 or not _GENE_HEADING.match(cells[0]):
        return None
    classes = tuple(next((c for c, rx in _CLASSES if rx.search(cell)), None) for cell in cells[1:])
    named = [c for c in classes if c is not None]
    if len(named) < 2 or len(set(named)) != len(named):
        return None
    return Grid(len(cells), (None, *classes))


def _status(cell: str, alteration: str | None) -> str | None | bool:
    """A cell's status; None for no result (not assessed); False when the cell is no word read here."""
    if alteration == "mutation" and normalise_protein(cell) is not None and not _NOT_FOUND.search(cell):
        return "positive"  # "G12D (VAF 3.1%)" in the SNV column: the variant found
    if _NOT_ASSESSED.match(cell):
        return None
    if _NEGATIVE.match(cell):
        return "negative"
    if _UNKNOWN.match(cell):
        return "unknown"
    if _POSITIVE.match(cell):
        return "positive"
    return False


def grid_row(
    grid: Grid, line: str, offset: int, mentions: list[Mention], flags: list[Flags]
) -> list[BiomarkerFinding] | None:
    """The findings of one row of ``grid`` (``mentions`` relative to ``line``, ``offset`` makes them
    absolute); None when the row is not one the grid can read (the sentence reading then applies)."""
    cells = _cells(line)
    if len(cells) != grid.width or not mentions:
        return None
    first_end = line.find("|")
    genes = [m for m in mentions if m.start < first_end]
    if len(genes) != 1 or len(genes) != len(mentions):
        return None  # a gene named in a result cell, or two genes in the first: not a plain row
    gene, flag = genes[0], flags[0]
    if gene.gene.kind != "gene" or gene.standalone is not None or gene.cytogenetic is not None:
        return None
    statuses = [
        _status(cell, alteration) for cell, alteration in zip(cells[1:], grid.classes[1:], strict=True)
    ]
    if any(s is False for s in statuses):
        return None  # "4.2%", "T878A": a result the sentence reading knows how to read
    if flag.family or flag.hypothetical:
        return []
    out = []
    for alteration, status in zip(grid.classes[1:], statuses, strict=True):
        if alteration is None or not isinstance(status, str):
            continue
        if gene.fusion is not None and alteration != "fusion":
            continue  # "TMPRSS2::ERG | - | - | ND": a fusion's row has a fusion result only
        out.append(
            BiomarkerFinding(
                gene=gene.gene.symbol,
                alteration=alteration,
                status=status,
                start=offset + gene.start,
                end=offset + gene.end,
                sentence=(offset, offset + len(line)),
                rule_id=f"{gene.rule_id}+grid.{alteration}.{status}",
            )
        )
    return out
