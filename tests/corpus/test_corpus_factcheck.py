"""Drug-biomarker facts re-checked against FDA announcements and labels (fact check, end of 2025).

Each entry was confirmed against a public FDA announcement, label or FDA approval summary; the
report that introduced this file lists the source for each. A change that breaks one of these is a
patient-safety regression unless it cites a newer label.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

# (cancer_type, gene, therapy, setting, approval_year), all confirmed against FDA announcements.
CHECKED_YEARS = [
    ("NSCLC", "EGFR", "erlotinib", "first-line", "2013"),
    ("NSCLC", "EGFR", "afatinib", "first-line", "2013"),
    ("NSCLC", "EGFR", "gefitinib", "first-line", "2015"),
    ("NSCLC", "EGFR", "dacomitinib", "first-line", "2018"),
    ("NSCLC", "EGFR", "osimertinib", "first-line", "2018"),
    ("NSCLC", "EGFR", "osimertinib", "after-progression", "2015"),
    ("NSCLC", "ALK", "crizotinib", "first-line", "2011"),
    ("NSCLC", "ALK", "ceritinib", "after-progression", "2014"),
    ("NSCLC", "ALK", "ceritinib", "first-line", "2017"),
    ("NSCLC", "ALK", "alectinib", "after-progression", "2015"),
    ("NSCLC", "ALK", "alectinib", "first-line", "2017"),
    ("NSCLC", "ALK", "brigatinib", "after-progression", "2017"),
    ("NSCLC", "ALK", "brigatinib", "first-line", "2020"),
    ("NSCLC", "ALK", "lorlatinib", "after-progression", "2018"),
    ("NSCLC", "ALK", "lorlatinib", "first-line", "2021"),
    ("NSCLC", "ROS1", "crizotinib", "first-line", "2016"),
    ("NSCLC", "ROS1", "entrectinib", "first-line", "2019"),
    ("NSCLC", "MET", "capmatinib", "any", "2020"),
    ("NSCLC", "MET", "tepotinib", "any", "2021"),
    ("NSCLC", "CD274", "pembrolizumab", "first-line", "2019"),
    ("ANY", "NTRK1", "larotrectinib", "any", "2018"),
    ("ANY", "NTRK1", "entrectinib", "any", "2019"),
    ("BREAST", "ERBB2", "trastuzumab emtansine", "adjuvant", "2019"),
    ("BREAST", "ERBB2", "trastuzumab + chemotherapy", "adjuvant", "2006"),
    ("BREAST", "ERBB2", "pertuzumab + trastuzumab + chemotherapy", "adjuvant", "2017"),
    ("BREAST", "ESR1", "palbociclib + aromatase inhibitor", "first-line", "2015"),
    ("BREAST", "ESR1", "palbociclib + fulvestrant", "after-progression", "2016"),
    ("BREAST", "ESR1", "ribociclib + aromatase inhibitor", "first-line", "2017"),
    ("BREAST", "ESR1", "ribociclib + fulvestrant", "after-progression", "2018"),
    ("BREAST", "ESR1", "abemaciclib + fulvestrant", "after-progression", "2017"),
    ("BREAST", "ESR1", "abemaciclib + aromatase inhibitor", "first-line", "2018"),
    ("AML", "FLT3", "gilteritinib", "after-progression", "2018"),
    ("AML", "IDH2", "enasidenib", "after-progression", "2017"),
    ("OVARY", "BRCA1", "olaparib", "maintenance", "2018"),
    ("OVARY", "HRD", "olaparib + bevacizumab", "maintenance", "2020"),
    ("OVARY", "HRD", "niraparib", "maintenance", "2020"),
    ("OVARY", "BRCA2", "rucaparib", "maintenance", "2018"),
]


def rows() -> list[dict[str, str]]:
    with (CORPUS / "actionability.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize(("cancer", "gene", "therapy", "setting", "year"), CHECKED_YEARS)
def test_checked_approval_years(cancer: str, gene: str, therapy: str, setting: str, year: str) -> None:
    key = (cancer, gene, therapy, setting)
    hits = [r for r in rows() if (r["cancer_type"], r["gene"], r["therapy"], r["setting"]) == key]
    assert hits and all(r["approval_year"] == year and r["status"] == "fda-approved" for r in hits)


def test_rucaparib_prostate_no_longer_requires_a_taxane() -> None:
    # Rubraca label, Indications 1.2 revised 12/2025 (regular approval after TRITON3).
    hits = [r for r in rows() if r["cancer_type"] == "PROSTATE" and r["therapy"] == "rucaparib"]
    assert {r["gene"] for r in hits} == {"BRCA1", "BRCA2"}
    assert all(r["after"] == "androgen receptor-directed therapy" for r in hits)


def test_her2_tkis_are_limited_to_kinase_domain_mutations() -> None:
    # Hernexeos (Aug 2025) and Hyrnuo (Nov 2025): non-squamous NSCLC, HER2 TKD activating mutations.
    for drug in ("zongertinib", "sevabertinib"):
        (row,) = [r for r in rows() if r["therapy"] == drug]
        assert "tyrosine kinase domain" in row["source"] and "non-squamous" in row["source"]


def test_tumour_agnostic_age_limits_are_current() -> None:
    braf = (CORPUS / "docs" / "tumour-agnostic-braf-v600e.md").read_text(encoding="utf-8")
    assert "children aged 6 and older with a BRAF" not in braf  # label now starts at 1 year
    ret = (CORPUS / "docs" / "ret-fusion.md").read_text(encoding="utf-8")
    assert "children aged 2 and older" in ret  # selpercatinib pediatric approval, May 2024
