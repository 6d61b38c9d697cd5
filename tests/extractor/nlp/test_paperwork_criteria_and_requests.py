"""Administrative paperwork: trial screening logs quote each criterion beside the patient's evidence (the
criterion is no result, the evidence is), prior-authorisation letters, appeals and pharmacy logs name drugs
requested, denied, authorised or weighed as options that were never given, and letters restate older
results under dated bullets (the latest one stands)."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import Extract, agents, facts

LUNG = "Lung adenocarcinoma, stage IV.\n"
PROSTATE = "Metastatic prostate adenocarcinoma.\n"

SCREENING_LOG = (
    PROSTATE
    + "Part B: Exclusion criteria\n"
    + "No. | Criterion (per protocol) | Met? | Notes\n"
    + "EX-1 | Known MSI-H or dMMR disease (pembrolizumab first) | No | Tissue NGS 2025: MSS\n"
    + "EX-2 | Prior PARP inhibitor (olaparib, niraparib) | No | none received\n"
    + "EX-3 | Germline BRCA2 variant | N/A | Germline panel 2023: BRCA2 negative\n"
    + "\n"
    + "Screening outcome: potentially eligible.\n"
)


def test_a_criterion_cell_is_no_result_but_its_evidence_cell_is(extract: Extract) -> None:
    profile = extract(SCREENING_LOG)
    assert facts(profile) == {("MSI", "signature", "negative"), ("BRCA2", "mutation", "negative")}
    assert "olaparib" not in agents(profile)


def test_a_table_whose_header_names_a_criterion_column_is_read_the_same_way(extract: Extract) -> None:
    text = (
        LUNG
        + "Criterion | Status | Evidence\n"
        + "Documented ALK rearrangement required | MET | FISH 01/2025: ALK rearranged (68% of nuclei)\n"
        + "Known EGFR sensitising mutation | NOT MET | NGS: EGFR not detected\n"
        + "Prior docetaxel allowed | MET | docetaxel x4 completed 2024\n"
    )
    profile = extract(text)
    assert facts(profile) == {("ALK", "fusion", "positive"), ("EGFR", "mutation", "negative")}
    assert agents(profile) == {"docetaxel"}


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "Other options considered: (1) surveillance; (2) adjuvant nivolumab - not preferred;"
            " (3) ipilimumab adjuvant - same concerns.\n",
            "ipilimumab",
        ),
        ("Requested medication: sotorasib 960 mg PO daily x 30 days\n", "sotorasib"),
        (
            "I am writing to request authorization of sacituzumab govitecan for disease that progressed"
            " on two prior lines.\n",
            "sacituzumab govitecan",
        ),
        (
            "Per the plan's policy for sacituzumab govitecan 10 mg/kg every criterion is met.\n",
            "sacituzumab govitecan",
        ),
        ("Letrozole was authorized by the plan in 02/2025 but the team switched course.\n", "letrozole"),
        ("Lorlatinib remains denied, so she is currently receiving brigatinib alone.\n", "lorlatinib"),
        (
            "We ask that lorlatinib be approved so that it can be given from cycle 2 (05/06/2025).\n",
            "lorlatinib",
        ),
        ("Talazoparib has phase 2 data in this setting (single-arm maintenance).\n", "talazoparib"),
        ("Adding back cisplatin at progression is reasonable given the BRCA2 variant.\n", "cisplatin"),
        ("Maintenance planned after cycle 4: niraparib 200 mg daily\n", "niraparib"),
        ("Relapsed disease. Plan: lurbinectedin 3.2 mg/m2 q3w - to start after the echo.\n", "lurbinectedin"),
        (
            "03/02/2025 | lorlatinib 100 mg | PA SUBMITTED | awaiting plan\n"
            "03/05/2025 | lorlatinib | DENIED by plan | step therapy required\n",
            "lorlatinib",
        ),
        (
            "Requested item | Dose | Determination\n"
            "tucatinib 150 mg | 300 mg BID | APPROVED 01/2025\n"
            "fam-trastuzumab deruxtecan (ENHERTU) IV | 5.4 mg/kg q21d | WITHDRAWN by provider\n",
            "trastuzumab deruxtecan",
        ),
    ],
)
def test_drugs_requested_denied_or_weighed_are_not_received(extract: Extract, text: str, drug: str) -> None:
    assert drug not in agents(extract(LUNG + text))


def test_given_drugs_beside_paperwork_stay(extract: Extract) -> None:
    text = (
        LUNG + "Received carboplatin and pemetrexed x4 cycles (2024), PD 11/2024.\nAlternatives: docetaxel.\n"
    )
    assert agents(extract(text)) == {"carboplatin", "pemetrexed"}


def test_abiraterone_companion_steroid_is_no_anticancer_drug(extract: Extract) -> None:
    assert agents(extract(PROSTATE + "Abiraterone + prednisone 03/2023 - 01/2025, PSA progression.\n")) == {
        "abiraterone"
    }


def test_a_drug_name_wrapped_over_two_lines_is_one_drug(extract: Extract) -> None:
    text = "Metastatic breast cancer.\nShe began trastuzumab\nderuxtecan 5.4 mg/kg on 03/01/2025.\n"
    assert agents(extract(text)) == {"trastuzumab deruxtecan"}


@pytest.mark.parametrize(
    "text",
    [
        "RNA fusion testing was not sent given the EGFR driver.\n",
        "BRCA2 | c.5946delT - pathogenic per outside lab?\n",
        "[x] HER2 IHC 1+ or 2+/ISH-negative on a certified assay\n",
    ],
)
def test_a_test_named_a_question_or_a_criterion_is_no_positive(extract: Extract, text: str) -> None:
    assert not any(status == "positive" for _, _, status in facts(extract(LUNG + text)))
    assert not any(gene in ("BRCA2", "ERBB2") for gene, _, _ in facts(extract(LUNG + text)))


def test_the_latest_dated_bullet_of_a_letter_stands(extract: Extract) -> None:
    text = (
        "Invasive ductal carcinoma of the breast.\n"
        "  - Initial diagnosis 2018: ER 90%, PR 30%, HER2 IHC 1+.\n"
        "  - Relapse biopsy 03/2024 (S24-118): ER 85%, PR <1% (negative), HER2 IHC 0.\n"
    )
    got = facts(extract(text))
    assert ("PGR", "expression", "negative") in got
    assert ("PGR", "expression", "positive") not in got
