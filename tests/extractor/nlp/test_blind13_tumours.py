"""Stains, genes and cancer types of the blind13 sarcoma, CNS, head and neck, thyroid, Merkel cell and
phyllodes wording families (our own sentences, not the blind documents).

- Sarcoma work-up markers are lexicon entries: STAT6, TLE1, EMA (MUC1), MAGE-A4, NY-ESO-1 (CTAG1B),
  INSM1, beta-catenin (the CTNNB1 stain); SS18 and FUS are fusion genes (a break-apart FISH or a
  fusion-specific stain reads the fusion); CIC, FUBP1 and MED12 are sequenced genes.
- "EMA" is also the European Medicines Agency: it counts only with a stain result after it (a clone
  column may stand between).
- "No ERBB2 or MET amplification": the alteration named after a gene list is every member's.
- "ER and PR: positive": ER takes the shared result as "ER/PR: positive" does.
- "X not performed; they are not needed" is a test never ordered (no row), like "not indicated".
- "r/o 2nd primary lung SCC, unlikely given p16+" : the rule-out covers the diagnosis, not the
  evidence cited after "given".
- Cancer types: synovial sarcoma, phyllodes tumours by grade, an oligodendroglioma with its CNS WHO
  grade, "OPSCC", and anaplastic thyroid carcinoma written "anaplastic (undifferentiated)".
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from casewise_core.profile import Profile

from tests.extractor.nlp.conftest import cancer_code as _code

from .conftest import facts


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Immunostains: STAT6 shows no nuclear reactivity (negative).", ("STAT6", "expression", "negative")),
        (
            "STAT6: strong nuclear staining, positive (solitary fibrous tumour).",
            ("STAT6", "expression", "positive"),
        ),
        ("TLE1: diffuse strong nuclear staining - positive.", ("TLE1", "expression", "positive")),
        ("Marker | Clone | Result\nEMA | GP1.4 | Positive (focal)", ("MUC1", "expression", "positive")),
        ("EMA: negative in the tumour cells.", ("MUC1", "expression", "negative")),
        ("MAGE-A4 immunohistochemistry: positive, 2+ in 70% of cells.", ("MAGEA4", "expression", "positive")),
        (
            "NY-ESO-1 (clone E978): equivocal, weak staining in a minority of cells.",
            ("CTAG1B", "expression", "equivocal"),
        ),
        ("INSM1 immunostain: diffusely positive in tumour nuclei.", ("INSM1", "expression", "positive")),
        (
            "Beta-catenin: nuclear staining in the stromal cells (positive).",
            ("CTNNB1", "expression", "positive"),
        ),
        ("β-catenin: negative (membranous pattern only).", ("CTNNB1", "expression", "negative")),
    ],
)
def test_sarcoma_and_neuroendocrine_stains(extract: Callable[[str], Profile], text: str, fact: tuple) -> None:
    assert fact in facts(extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "The regimen was approved by the EMA in 2021 for adults with advanced disease.",
        "EMA and FDA labels differ on the starting dose.",
    ],
)
def test_the_medicines_agency_is_no_stain(extract: Callable[[str], Profile], text: str) -> None:
    assert not any(b.gene == "MUC1" for b in extract(text).biomarkers)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("SS18 break-apart FISH: rearranged in 64% of nuclei.", ("SS18", "fusion", "positive")),
        ("RNA sequencing: SS18::SSX2 fusion transcript detected.", ("SS18", "fusion", "positive")),
        ("Sarcoma fusion panel | Result\nFUS fusions | Not detected", ("FUS", "fusion", "negative")),
        ("CIC p.(Arg201Trp): detected, VAF 41%.", ("CIC", "mutation", "positive")),
        ("FUBP1 c.1000del (frameshift) detected.", ("FUBP1", "mutation", "positive")),
        ("MED12 exon 2 p.(Gly44Ser) detected, VAF 30%.", ("MED12", "mutation", "positive")),
    ],
)
def test_sarcoma_fusion_and_glioma_genes(extract: Callable[[str], Profile], text: str, fact: tuple) -> None:
    assert fact in facts(extract(text))


def test_one_fusion_row_for_fish_rna_and_stain(extract: Callable[[str], Profile]) -> None:
    got = facts(
        extract(
            "SS18 break-apart FISH: rearranged.\n"
            "Targeted RNA NGS: SS18::SSX1 fusion detected.\n"
            "SS18-SSX fusion-specific antibody: diffuse nuclear staining, positive."
        )
    )
    assert {f for f in got if f[0].startswith("SS")} == {("SS18", "fusion", "positive")}


@pytest.mark.parametrize(
    "text",
    [
        "Copy number: no ERBB2 or MET amplification.",
        "Copy number | No ERBB2 or MET amplification | -",
    ],
)
def test_alteration_after_a_gene_list_is_every_members(extract: Callable[[str], Profile], text: str) -> None:
    got = facts(extract(text))
    assert ("ERBB2", "amplification", "negative") in got
    assert ("MET", "amplification", "negative") in got
    assert ("ERBB2", "mutation", "negative") not in got


def test_er_and_pr_share_a_result(extract: Callable[[str], Profile]) -> None:
    got = facts(extract("ER and PR: positive in the epithelial component only."))
    assert {("ESR1", "expression", "positive"), ("PGR", "expression", "positive")} <= got


def test_gene_with_two_results_in_one_line(extract: Callable[[str], Profile]) -> None:
    got = facts(extract("EGFR: not amplified; no pathogenic variant detected."))
    assert {("EGFR", "amplification", "negative"), ("EGFR", "mutation", "negative")} <= got


def test_a_reflex_test_skipped_after_a_positive_gives_no_row(extract: Callable[[str], Profile]) -> None:
    got = facts(
        extract(
            "EWSR1 FISH: rearranged. FUS break-apart FISH was not performed since EWSR1 was positive.\n"
            "ALK IHC: positive (D5F3). ROS1 FISH not done as ALK was already positive."
        )
    )
    assert {("EWSR1", "fusion", "positive"), ("ALK", "expression", "positive")} <= got  # the positives read
    assert not any(gene in ("FUS", "ROS1") for gene, _, _ in got)


@pytest.mark.parametrize(
    "text",
    [
        "MDM2 FISH: amplified. CDK4 FISH and NGS were not performed; they are not needed for the diagnosis.",
        "MDM2 FISH: amplified. CDK4 FISH not performed (not needed for diagnosis).",
        "MDM2 FISH: amplified.\n  CDK4 FISH was not performed; it is not\n  needed to make this diagnosis.",
    ],
)
def test_a_test_not_needed_gives_no_row(extract: Callable[[str], Profile], text: str) -> None:
    got = facts(extract(text))
    assert ("MDM2", "amplification", "positive") in got
    assert not any(gene == "CDK4" for gene, _, _ in got)


@pytest.mark.parametrize(
    "text",
    [
        "Lung nodule bx: SCC, c/w metastatic OPSCC; r/o 2nd primary lung SCC felt unlikely given p16/HPV+ "
        "and TTF-1 neg.",
        "Rule out a new lung primary - unlikely given p16+ and HPV+ on the biopsy.",
    ],
)
def test_rule_out_does_not_cover_the_evidence_after_given(
    extract: Callable[[str], Profile], text: str
) -> None:
    got = facts(extract(text))
    assert ("CDKN2A", "expression", "positive") in got
    assert ("HPV", "other", "positive") in got
    assert not any(status == "uncertain" for _, _, status in got)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("DIAGNOSIS: left thigh, excision: monophasic synovial sarcoma, FNCLCC grade 3.", "SYNS"),
        ("Interpretation: the fusion confirms SYNOVIAL SARCOMA (biphasic).", "SYNS"),
        ("FINAL DIAGNOSIS: right breast, excision: malignant phyllodes tumour, 92 mm.", "MPT"),
        ("DIAGNOSIS: left breast: borderline phyllodes tumor, margins clear.", "BLPT"),
        ("DIAGNOSIS: breast, excision: benign phyllodes tumour.", "BPT"),
        ("DIAGNOSIS: breast lump: phyllodes tumour, grade to follow on excision.", "PT"),
        (
            "INTEGRATED DIAGNOSIS: Oligodendroglioma, IDH-mutant and 1p/19q-codeleted, CNS WHO grade 3.",
            "ODG3",
        ),
        ("INTEGRATED DIAGNOSIS: Oligodendroglioma, IDH-mutant and 1p/19q-codeleted, WHO grade 2.", "ODG2"),
        ("DIAGNOSIS: Anaplastic oligodendroglioma, IDH-mutant and 1p/19q-codeleted.", "ODG3"),
        ("A/P: metastatic HPV+ OPSCC to the lungs on pembrolizumab.", "OPHSC"),
        (
            "Diagnosis\nANAPLASTIC (UNDIFFERENTIATED) THYROID CARCINOMA, arising in association with a "
            "papillary thyroid carcinoma (minor component).",
            "THAP",
        ),
    ],
)
def test_blind13_cancer_types(text: str, code: str) -> None:
    assert _code(text) == code


def test_core_differential_is_not_the_diagnosis() -> None:
    text = (
        "CLINICAL HISTORY: core biopsy: cellular fibroepithelial lesion; differential includes fibroadenoma "
        "and phyllodes tumour.\nFINAL DIAGNOSIS: malignant phyllodes tumour, 60 mm."
    )
    assert _code(text) == "MPT"


def test_opscc_with_a_lung_metastasis_stays_oropharyngeal() -> None:
    text = (
        "62M w/ h/o p16+ SCC L tonsil (OPSCC), dx 2022, s/p chemoRT.\n"
        "CT bx RLL 06/2024: SCC, p40+, TTF-1 neg, p16+ -> c/w metastatic OPSCC.\n"
        "A/P: Metastatic HPV+ OPSCC to lungs on pembro - ongoing PR."
    )
    assert _code(text) == "OPHSC"
