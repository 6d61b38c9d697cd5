"""MMR stain wordings that had read a retained protein as lost, or a lost one as retained:

- a spaced dash before the conclusion ("... MSH6 - MMR deficient") is no minus sign of the protein
  before it (a "-" after an MMR protein means its staining is lost);
- a state word right before the next protein ("loss of MLH1 and PMS2 with retained MSH2") is that
  protein's result, not the one before it;
- a stain table's internal-control cell ("Intact") is the background cells', not the tumour's;
- a bracketed aside ("(not part of the diagnosis)") negates nothing after it; a marker named for a
  population ("used in dMMR cancers", "frequently with BRAF V600E") is no result of this tumour.
"""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import Extract, facts

HEAD = "Colon resection, mismatch repair immunohistochemistry.\n"
LOST_MLH1_PMS2 = {
    ("MLH1", "loss", "positive"),
    ("PMS2", "loss", "positive"),
    ("MSH2", "loss", "negative"),
    ("MSH6", "loss", "negative"),
}


@pytest.mark.parametrize(
    "line",
    [
        "Summary: loss of MLH1 and PMS2 with retained MSH2 and MSH6 - mismatch repair deficient.",
        "Summary: loss of MLH1 and PMS2, retained MSH2 and MSH6 - dMMR.",
        "Summary: loss of MLH1 and PMS2, preserved MSH2 and MSH6 \u2013 MMR-deficient phenotype.",
    ],
)
def test_retained_proteins_before_a_dashed_conclusion(extract: Extract, line: str) -> None:
    got = facts(extract(HEAD + line + "\n"))
    assert LOST_MLH1_PMS2 | {("MMR", "signature", "positive")} == got


def test_a_state_word_without_separator_stays_with_the_gene_before(extract: Extract) -> None:
    got = facts(extract(HEAD + "MLH1 retained MSH2 lost.\n"))
    assert ("MSH2", "loss", "positive") in got
    assert ("MSH2", "loss", "negative") not in got


def test_a_spaced_dash_between_stains_is_still_a_minus_sign(extract: Extract) -> None:
    got = facts(extract("Stains: CK7 + CK20 - CDX2 - TTF1 +\n"))
    assert ("KRT20", "expression", "negative") in got
    assert ("CDX2", "expression", "negative") in got


@pytest.mark.parametrize("control", ["Internal control", "Control", "External control (tonsil)"])
def test_the_control_column_is_not_the_tumour(extract: Extract, control: str) -> None:
    text = (
        HEAD
        + f"Protein (clone) | Tumour cells | {control}\n"
        + "MLH1 (ES05) | Absent nuclear staining | Intact\n"
        + "PMS2 (EP51) | Lost | Intact\n"
        + "MSH2 (FE11) | Retained | Intact\n"
        + "MSH6 (EP49) | Retained | Intact\n"
    )
    assert facts(extract(text)) == LOST_MLH1_PMS2


def test_an_aside_in_brackets_negates_nothing_after_it(extract: Extract) -> None:
    text = HEAD + "Comment (for the oncologist, not a diagnostic statement): dMMR status is prognostic.\n"
    assert facts(extract(text)) == {("MMR", "signature", "positive")}


@pytest.mark.parametrize(
    "line",
    [
        "This tumour is MMR-proficient; the checkpoint approach used in dMMR rectal cancer is not relevant.",
        "The benefit of single-agent fluoropyrimidine is limited in dMMR disease.",
    ],
)
def test_a_population_named_by_its_mmr_status_is_no_result(extract: Extract, line: str) -> None:
    got = facts(extract(HEAD + line + "\n"))
    assert ("MMR", "signature", "positive") not in got


def test_what_a_pattern_is_typically_found_with_is_no_result(extract: Extract) -> None:
    text = HEAD + "Loss of MLH1/PMS2 is usually sporadic, typically associated with BRAF V600E.\n"
    assert ("BRAF", "mutation", "positive") not in facts(extract(text))


def test_a_drug_class_named_for_a_gene_family_is_no_result(extract: Extract) -> None:
    # "CDK4/6 inhibitor": CDK4 is list glue before the class; the words after it are the drug's
    text = "Clinic note.\nA CDK4/6 inhibitor was not started (node-negative, small tumour).\n"
    assert facts(extract(text)) == set()
