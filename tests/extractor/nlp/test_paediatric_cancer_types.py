"""Paediatric and AYA tumour types get their most specific OncoTree code (rules/cancer_types.json):
H3-altered gliomas, medulloblastoma variant x molecular group (the ``combined`` rules), bone and soft
tissue sarcomas with their subtypes, Wilms tumour, B-ALL genetic subtypes, duodenal primaries, and a
minor component named beside the diagnosis."""

from __future__ import annotations

import pytest
from casewise_core.oncotree import load_oncotree
from casewise_extractor.nlp.cancer import find_cancer, load_rules


def _code(text: str) -> str | None:
    found = find_cancer(text)
    return found.oncotree_code if found else None


def test_combined_rule_codes_exist_in_oncotree() -> None:
    tree = load_oncotree()
    rules = load_rules().combined
    assert rules
    assert sorted(c for r in rules for c in [*r.codes, r.code] if c not in tree) == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("INTEGRATED DIAGNOSIS: Diffuse midline glioma, H3 K27-altered, CNS WHO grade 4 (thalamus).", "DMG"),
        ("Impression: stereotactic biopsy of the pons shows an H3 K27M-mutant diffuse glioma.", "DMG"),
        ("Final diagnosis: diffuse intrinsic pontine glioma, biopsy not performed.", "DMG"),
        ("FINAL DIAGNOSIS: Diffuse hemispheric glioma, H3 G34-mutant, CNS WHO grade 4.", "DHG"),
        (
            "Diagnosis: high-grade glioma of the left parietal lobe.\n"
            "Molecular: H3-3A G34R-mutant glioma; H3 K27M negative, excluding a diffuse midline glioma.",
            "DHG",
        ),
        ("Diagnosis: diffuse paediatric-type high-grade glioma, H3-wildtype and IDH-wildtype.", "DPHGG"),
    ],
)
def test_h3_altered_paediatric_gliomas(text: str, code: str) -> None:
    assert _code(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Posterior fossa mass, resection: medulloblastoma.", "MBL"),
        (
            "INTEGRATED DIAGNOSIS:\nMedulloblastoma, WNT-activated\nHistology: medulloblastoma, classic",
            "MBLWNT",
        ),
        (
            "Integrated diagnosis: Medulloblastoma, non-WNT/non-SHH, group 4.\n"
            "Histological type: medulloblastoma, large cell/anaplastic.",
            "AMBLNWSG4",
        ),
        (
            "DIAGNOSIS: Desmoplastic/nodular medulloblastoma.\n"
            "Molecular group: medulloblastoma, SHH-activated, TP53-wildtype.",
            "DMBLSHH",
        ),
        (
            "DIAGNOSIS: Medulloblastoma, SHH-activated.\n"
            "Comment: the possibility of large cell/anaplastic medulloblastoma was raised (focal anaplasia).",
            "MBLSHH",
        ),
    ],
)
def test_medulloblastoma_histology_and_molecular_group_combine(text: str, code: str) -> None:
    assert _code(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("DIAGNOSIS: Left proximal tibia, biopsy: high-grade osteosarcoma, chondroblastic type.", "CHOS"),
        ("Diagnosis: telangiectatic osteosarcoma of the distal femur.", "TEOS"),
        ("DIAGNOSIS: conventional osteosarcoma, right humerus.", "OS"),
        ("FINAL DIAGNOSIS: Embryonal rhabdomyosarcoma, botryoid type, of the bladder neck.", "ERMS"),
        ("Diagnosis: alveolar rhabdomyosarcoma of the hand, PAX7::FOXO1 fusion-positive.", "ARMS"),
        ("Diagnosis: rhabdomyosarcoma of the orbit, subtype to follow.", "RMS"),
        ("Impression: congenital (infantile) fibrosarcoma of the foot; ETV6::NTRK3 detected.", "IFS"),
        ("Diagnosis: Wilms tumour, favourable histology, left kidney, 11 cm.", "WT"),
        ("Final diagnosis: nephroblastoma, triphasic.", "WT"),
        ("Adrenal mass: ganglioneuroblastoma, intermixed.", "GNBL"),
        ("Liver mass in a 2-year-old: hepatoblastoma, fetal type.", "LIHB"),
        ("DIAGNOSIS: atypical teratoid/rhabdoid tumour, SMARCB1 (INI1) lost.", "ATRT"),
        ("DIAGNOSIS: posterior fossa ependymoma, CNS WHO grade 2.", "EPM"),
    ],
)
def test_paediatric_bone_soft_tissue_and_embryonal_tumours(text: str, code: str) -> None:
    assert _code(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "Pleural biopsy: WT1 (Wilms tumor 1 protein) stain negative in the atypical cells.",
        "Sequencing: RB1 (retinoblastoma gene) truncating variant, somatic.",
    ],
)
def test_a_gene_named_after_a_tumour_names_no_tumour(text: str) -> None:
    assert _code(text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "DIAGNOSIS: B-lymphoblastic leukaemia. FISH: TEL::AML1 (ETV6::RUNX1) fusion in 70% of nuclei.",
            "BLLETV6RUNX1",
        ),
        ("DIAGNOSIS: B-ALL with t(1;19)(q23;p13); TCF3::PBX1 transcript detected.", "BLLTCF3PBX1"),
        ("DIAGNOSIS: infant B-lymphoblastic leukemia, KMT2A-rearranged (KMT2A::AFF1).", "BLLKMT2A"),
        ("DIAGNOSIS: B-lymphoblastic leukemia. Karyotype: high hyperdiploid, 56 chromosomes.", "BLLHYPER"),
        (
            "DIAGNOSIS: B-lymphoblastic leukemia.\nETV6::RUNX1: negative\nHyperdiploidy: not detected\n"
            "iAMP21: not present\nKMT2A break-apart: no KMT2A rearrangement",
            "BLL",
        ),
    ],
)
def test_b_all_genetic_subtypes(text: str, code: str) -> None:
    assert _code(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "DIAGNOSIS: Duodenum, second portion, biopsy: invasive adenocarcinoma, moderately differentiated",
            "DA",
        ),
        ("DIAGNOSIS: well-differentiated neuroendocrine tumour of the duodenum, grade 1.", "SBWDNET"),
        (
            "DIAGNOSIS: Whipple: adenocarcinoma of the pancreatic head, invading the duodenal wall.",
            "PAAD",
        ),
        # a Whipple specimen lists the duodenum beside the pancreas: no duodenal primary
        (
            "DIAGNOSIS: invasive adenocarcinoma, well differentiated. Duodenum, pancreas; Whipple resection.",
            "PAAD",
        ),
    ],
)
def test_duodenal_primaries(text: str, code: str) -> None:
    assert _code(text) == code


def test_a_minor_component_named_beside_the_diagnosis_is_not_the_diagnosis() -> None:
    text = "DIAGNOSIS: Anaplastic thyroid carcinoma, with a minor component of papillary thyroid carcinoma."
    assert _code(text) == "THAP"
