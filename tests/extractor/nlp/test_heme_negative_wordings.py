"""Haematopathology and sarcoma wordings whose negatives were read as positives: a FISH cell "No deletion",
"loss of CD20/CD79a" in an immunophenotype, a stain "NOT lost", a tumour named by its fusion in a
differential ("argues against CIC-rearranged sarcoma"), a ";"-list wrapped under its "NOT DETECTED:" head,
a result on the line after its label, background T cells in a flow report, a flow antigen on a small share
of the clone, and the basis of a superseded diagnosis. Texts are our own, written for these tests."""

from __future__ import annotations

from collections.abc import Callable

from casewise_core.profile import Profile


def _triples(p: Profile) -> set[tuple[str, str, str]]:
    return {(b.gene, b.alteration, b.status) for b in p.biomarkers}


def _positives(p: Profile, gene: str) -> list[tuple[str, str, str]]:
    return [t for t in _triples(p) if t[0] == gene and t[2] == "positive"]


def test_fish_cell_no_deletion_is_negative(extract: Callable[[str], Profile]) -> None:
    text = (
        "Chronic lymphocytic leukaemia. FISH panel (interphase, 200 nuclei):\n"
        "  ATM (11q22.3) ............ No deletion (4%; cut-off 8%)\n"
        "  TP53 / CEP17 (17p13.1) ... no deletion\n"
        "  D13S319 (13q14) .......... deletion in 61% of nuclei\n"
    )
    got = _triples(extract(text))
    assert ("ATM", "deletion", "negative") in got
    assert ("TP53", "deletion", "negative") in got
    assert not _positives(extract(text), "ATM") and not _positives(extract(text), "TP53")


def test_loss_of_b_cell_stains_is_expression_negative(extract: Callable[[str], Profile]) -> None:
    p = extract(
        "Classic Hodgkin lymphoma. The large cells are CD30+ and CD15+, with loss of CD20/CD79a "
        "and negative CD45, the usual Reed-Sternberg phenotype."
    )
    got = _triples(p)
    assert ("MS4A1", "expression", "negative") in got
    assert ("CD79A", "expression", "negative") in got
    assert not _positives(p, "MS4A1") and not _positives(p, "CD79A")


def test_stain_not_lost_is_no_loss(extract: Callable[[str], Profile]) -> None:
    p = extract(
        "Spindle cell sarcoma.\nStain | Result | Note\n"
        "INI1 | patchy, weaker nuclear staining - not lost | as expected in this tumour type\n"
    )
    assert ("SMARCB1", "loss", "negative") in _triples(p)
    assert not _positives(p, "SMARCB1")


def test_tumour_named_by_fusion_in_a_differential_is_no_result(extract: Callable[[str], Profile]) -> None:
    p = extract(
        "Small round cell sarcoma of the femur.\nIMMUNOSTAINS\n"
        "  BCOR ........... negative   (against BCOR-rearranged sarcoma)\n"
        "  WT1 ............ negative   (excludes desmoplastic small round cell tumour)\n"
        "The differential also included a CIC-rearranged sarcoma.\n"
    )
    got = _triples(p)
    assert not [t for t in got if t[0] in ("BCOR", "CIC") and t[1] == "fusion"]
    # the tumour named by its fusion outside a differential still reads as the fusion
    assert ("CIC", "fusion", "positive") in _triples(
        extract("Sarcoma: the features are those of a CIC-rearranged sarcoma.")
    )


def test_negative_list_wrapped_under_its_head(extract: Callable[[str], Profile]) -> None:
    text = (
        "Papillary thyroid carcinoma. Molecular results:\n"
        "  TERT promoter C250T detected (VAF 18%).\n"
        "  NOT DETECTED: HRAS, NRAS mutations; TP53;\n"
        "                RET fusions; NTRK3 fusions; PAX8::PPARG; THADA fusions.\n"
    )
    got = _triples(extract(text))
    assert ("PPARG", "fusion", "negative") in got
    assert ("RET", "fusion", "negative") in got
    assert ("NTRK3", "fusion", "negative") in got
    assert ("PPARG", "fusion", "positive") not in got


def test_bare_result_on_the_line_after_its_label(extract: Callable[[str], Profile]) -> None:
    text = (
        "Thrombocytosis, ?essential thrombocythaemia. Referral: JAK2 screen; "
        "BCR::ABL1 qualitative PCR (blood, referring lab):\n"
        "Negative.\n"
    )
    got = _triples(extract(text))
    assert ("ABL1", "fusion", "negative") in got
    assert ("ABL1", "fusion", "positive") not in got


def test_background_t_cells_in_a_flow_report_give_no_row(extract: Callable[[str], Profile]) -> None:
    text = (
        "Follicular lymphoma, relapsed.\nFLOW CYTOMETRY\n"
        "Clonal B cells: CD19+, CD20+, CD10+, CD5-, lambda restricted.\n"
        "T cells: CD3+, CD4:CD8 ratio 1.9, no immunophenotypic aberrancy.\n"
        "Immunostains: CD3 negative in the neoplastic follicles.\n"
    )
    p = extract(text)
    assert ("CD3E", "expression", "negative") in _triples(p)
    assert not _positives(p, "CD3E")
    # an abnormal T-cell population is the tumour: its markers are read
    t_cell = extract("Peripheral T-cell lymphoma.\nAbnormal T cells: CD3+, CD7 negative.\n")
    assert ("CD3E", "expression", "positive") in _triples(t_cell)


def test_flow_antigen_on_a_small_share_of_the_clone_is_not_expressed(
    extract: Callable[[str], Profile],
) -> None:
    p = extract(
        "Mantle cell lymphoma.\nFlow cytometry: CD19+ B cells with kappa restriction; CD5+, CD23 dim partial "
        "(6% of the clonal B cells), CD200 negative.\n"
    )
    assert ("FCER2", "expression", "negative") in _triples(p)
    assert not _positives(p, "FCER2")
    # at or above the flow cut-off the partial antigen is expressed
    q = extract("CLL.\nFlow cytometry: CD5+, CD23 partial (45% of the clonal B cells), CD200 bright.\n")
    assert ("FCER2", "expression", "positive") in _triples(q)


def test_basis_of_a_superseded_diagnosis_gives_no_row(extract: Callable[[str], Profile]) -> None:
    p = extract(
        "AMENDED REPORT\nReason for amendment: the original diagnosis of marginal zone lymphoma was based on "
        "a CD5-negative phenotype and dim CD23 by flow; cyclin D1 now shows mantle cell lymphoma.\n"
        "Immunostains (amended): CD23 negative; cyclin D1 positive.\n"
    )
    got = _triples(p)
    assert ("FCER2", "expression", "negative") in got
    assert not _positives(p, "FCER2")
