"""Rows read with the wrong status or class in haematology and sarcoma reports: a summary line counting
VUS is no VUS heading, a stain's gene in a genomic negative list names its variant or fusion, STAG2's
stain reads loss, a FISH probe ratio restates the result before it, an antibody clone is no protein
change, and extra signal copies are a copy gain. Texts are our own, written for these tests."""

from __future__ import annotations

from collections.abc import Callable

from casewise_core.profile import Profile


def _triples(p: Profile) -> set[tuple[str, str, str]]:
    return {(b.gene, b.alteration, b.status) for b in p.biomarkers}


def test_vus_count_line_is_no_vus_heading(extract: Callable[[str], Profile]) -> None:
    text = (
        "Myeloid panel.\nSUMMARY\n"
        "  * 1 pathogenic variant detected\n"
        "  * 1 variant of uncertain significance\n\n"
        " Gene   Variant                 VAF     Class\n"
        " SRSF2  p.(Pro95His)  P95H      41.0%   Tier I - pathogenic\n"
        " ASXL1  c.1934dup     p.G646fs  3.9%    Tier III - VUS\n"
    )
    got = _triples(extract(text))
    assert ("SRSF2", "mutation", "positive") in got
    assert ("SRSF2", "mutation", "uncertain") not in got
    assert ("ASXL1", "mutation", "uncertain") in got


def test_stain_gene_in_a_genomic_negative_list(extract: Callable[[str], Profile]) -> None:
    genes = extract(
        "Myelodysplastic neoplasm.\n"
        "No reportable alterations in the genes assayed: CBL, ETV6, KIT, WT1, ZRSR2.\n"
    )
    assert ("WT1", "mutation", "negative") in _triples(genes)
    assert ("WT1", "expression", "negative") not in _triples(genes)
    fusions = extract("Round cell sarcoma.\nRNA panel. Fusions not detected for: BCOR, CIC, WT1, NR4A3.\n")
    assert ("WT1", "fusion", "negative") in _triples(fusions)
    # a stain after the fusion list's ";" is a stain again
    pd_l1 = extract(
        "Lung cancer.\n  Biopsy: fusion assay negative for ROS1 and NTRK1\n  rearrangements; PD-L1 TPS 0%.\n"
    )
    assert ("CD274", "fusion", "negative") not in _triples(pd_l1)
    # a list of stains keeps the stain
    stains = extract("Carcinoma of unknown primary.\nNegative: CK20, WT1, TTF-1.\n")
    assert ("WT1", "expression", "negative") in _triples(stains)


def test_stag2_stain_reads_loss(extract: Callable[[str], Profile]) -> None:
    p = extract(
        "Ewing sarcoma.\nIMMUNOHISTOCHEMISTRY\n"
        "  STAG2 ......... loss of nuclear staining in the tumour cells\n"
    )
    assert ("STAG2", "loss", "positive") in _triples(p)
    assert ("STAG2", "expression", "negative") not in _triples(p)


def test_fish_probe_ratio_restates_the_result(extract: Callable[[str], Profile]) -> None:
    p = extract("Lipomatous tumour.\nMDM2 FISH | not amplified (MDM2/CEP12 ratio 1.3) | differential only\n")
    assert _triples(p) == {("MDM2", "amplification", "negative")}
    # the probe named with its own result is read
    q = extract("Liposarcoma.\nMDM2 FISH (MDM2/CEP12 dual-colour probe): amplified, ratio 7.9.\n")
    assert ("MDM2", "amplification", "positive") in _triples(q)


def test_antibody_clone_is_no_protein_change(extract: Callable[[str], Profile]) -> None:
    p = extract(
        "Diffuse large B-cell lymphoma.\nIMMUNOHISTOCHEMISTRY\nStain | Clone | Result\n"
        "BCL6 | GI191E/A8 | positive (70%)\nCD10 | 56C6 | -\n"
    )
    got = _triples(p)
    assert ("BCL6", "expression", "positive") in got
    assert not [t for t in got if t[0] == "BCL6" and t[1] == "mutation"]


def test_extra_signal_copies_are_a_copy_gain(extract: Callable[[str], Profile]) -> None:
    p = extract(
        "Large B-cell lymphoma. FISH: extra copies of the MYC signal in 15% of nuclei, below the threshold "
        "for calling a gain."
    )
    got = _triples(p)
    assert ("MYC", "amplification", "negative") in got
    assert not [t for t in got if t[0] == "MYC" and t[1] == "mutation"]
