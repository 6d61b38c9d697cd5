"""One file holding several reports of different dates is read report by report: the newer result
of the same test wins, as it would across separate uploads; an ordinary multi-page report is one
time point, so its pages never supersede each other."""

from __future__ import annotations

from casewise_core.document import Document, Page
from casewise_extractor.nlp.report_segments import report_segments

from tests.extractor.nlp.conftest import facts


def _file(*pages: str) -> Document:
    return Document(
        name="outside-records.pdf",
        media_type="application/pdf",
        sha256="0" * 64,
        pages=[Page(number=i, text=t, method="text_layer") for i, t in enumerate(pages, 1)],
    )


BIOPSY_2023 = (
    "SURGICAL PATHOLOGY REPORT\nAccession: S23-1001   Collected: 2023-05-09   Reported: 2023-05-12\n"
    "DIAGNOSIS\nInvasive adenocarcinoma of lung.\nPD-L1 (22C3): TPS <1%."
)
NGS_2024 = (
    "COMPREHENSIVE TUMOR PROFILE\nReport date: 2024-02-20   Specimen: S23-1001 block A2\n"
    "EGFR exon 19 deletion (p.E746_A750del) detected, VAF 27%."
)
REBIOPSY_2025 = (
    "SURGICAL PATHOLOGY REPORT (RE-BIOPSY)\nAccession: S25-0107   Collected: 2025-01-21\n"
    "Metastatic adenocarcinoma, consistent with lung primary.\nPD-L1 (22C3): TPS 40%."
)


def test_a_later_report_in_the_same_file_supersedes_an_earlier_one(extractor) -> None:  # noqa: ANN001
    profile = extractor.extract(_file(BIOPSY_2023, NGS_2024, REBIOPSY_2025))
    pdl1 = [b for b in profile.biomarkers if b.gene == "CD274"]
    assert [(b.status, b.evidence[0].page, b.evidence[0].document_date) for b in pdl1] == [
        ("positive", 3, "2025-01-21")
    ]
    assert ("EGFR", "mutation", "positive") in facts(profile)
    assert not profile.conflicts
    assert profile.documents == ["outside-records.pdf"]


def test_order_in_the_file_does_not_decide_dates_do(extractor) -> None:  # noqa: ANN001
    profile = extractor.extract(_file(REBIOPSY_2025, BIOPSY_2023))
    assert {(b.gene, b.status) for b in profile.biomarkers if b.gene == "CD274"} == {("CD274", "positive")}


def test_one_report_over_pages_is_one_time_point(extractor) -> None:  # noqa: ANN001
    # page 2 repeats a header with the sign-out date three days later: the same report, so two PD-L1
    # readings in it stay side by side rather than one silently replacing the other
    page1 = "SURGICAL PATHOLOGY REPORT\nCollected: 2023-05-09\nPD-L1 (22C3) on block A1: TPS <1%."
    page2 = "SURGICAL PATHOLOGY REPORT (continued)\nReported: 2023-05-12\nPD-L1 (SP263) on block A1: TPS 5%."
    profile = extractor.extract(_file(page1, page2))
    assert {b.status for b in profile.biomarkers if b.gene == "CD274"} == {"positive", "negative"}


def test_a_date_deep_in_a_page_does_not_start_a_report() -> None:
    # a history line far down page 2 mentions an older test's date: not a report header
    page1 = "MOLECULAR REPORT\nReport date: 2025-03-02\nKRAS G12C detected."
    page2 = (
        "Results (continued)\nTMB 4 mut/Mb.\nMSS.\nNotes\n"
        "Prior testing: collected 2021-01-04, KRAS G12C not detected by an older hotspot assay."
    )
    assert [s.date for s in report_segments(_file(page1, page2).pages)] == ["2025-03-02"]
    moved_up = "Prior testing: collected 2021-01-04, KRAS G12C not detected.\nTMB 4 mut/Mb."
    assert [s.date for s in report_segments(_file(page1, moved_up).pages)] == ["2025-03-02", "2021-01-04"]
