"""Cancer types blind10 and blind11 showed the rules had no words for (each text here is our own):
the haematological names (mantle cell, follicular and hairy cell lymphoma, Waldenström, Hodgkin
subtypes, APL, CML, MDS with its WHO 2016 subtypes, mastocytosis, Langerhans cell histiocytosis),
small cell lung cancer by name, anal canal and salivary gland primaries, and OCR's digits inside
words. A query ("?CML"), a category that is not a diagnosis ("MDS/AML"), a risk the patient is
counselled about and a phenotype that "excludes" a type name no cancer."""

from __future__ import annotations

import pytest
from casewise_core.oncotree import load_oncotree
from casewise_extractor.nlp.cancer import find_cancer, load_rules

from tests.extractor.nlp.conftest import cancer_code as _code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("INTEGRATED DIAGNOSIS: Lymph node, core biopsy: mantle cell lymphoma, classic variant.", "MCL"),
        ("DIAGNOSIS: inguinal node excision: follicular lymphoma, grade 1-2 of 3.", "FL"),
        ("Oncologic history: 2019 Dx FL grade 2, R-CHOP x6; 2023 relapse, FL gr 2 on core biopsy.", "FL"),
        ("Thank you for seeing him again for relapsed hairy cell leukaemia, first treated in 2017.", "HCL"),
        ("DIAGNOSIS: splenectomy: hairy cell leukemia-variant.", "HCL-V"),
        ("My diagnosis: Waldenstroms macroglobulinemia, found by bone marrow biopsy in 2018.", "WM"),
        ("DIAGNOSIS: Waldenström's macroglobulinaemia (lymphoplasmacytic lymphoma, IgM kappa).", "WM"),
        ("Diagnosis\nClassic Hodgkin lymphoma, nodular sclerosis subtype, stage IVB.", "NSCHL"),
        ("DIAGNOSIS: classical Hodgkin lymphoma, mixed cellularity type, EBER positive.", "MCCHL"),
        ("DIAGNOSIS: nodular lymphocyte-predominant Hodgkin lymphoma.", "NLPHL"),
        ("DIAGNOSIS: Hodgkin lymphoma; subtype to follow after review.", "HL"),
        ("DIAGNOSIS: Langerhans cell histiocytosis, multisystem.", "LCH"),
        ("DIAGNOSIS\nIndolent systemic mastocytosis (ISM), WHO 5th edition.", "ISM"),
        ("DIAGNOSIS: systemic mastocytosis with an associated hematologic neoplasm (SM-AHN).", "SMAHN"),
        ("Discharge diagnosis: acute promyelocytic leukemia with PML::RARA, low risk.", "APLPMLRARA"),
        (
            "DIAGNOSIS: acute promyelocytic leukaemia with a variant RARA translocation (ZBTB16::RARA).",
            "AMLRARA",
        ),
        ("DIAGNOSIS: therapy-related AML, 4 years after chemotherapy for breast cancer.", "TAML"),
        ("DIAGNOSIS: chronic myelomonocytic leukaemia (CMML-1).", "CMML"),
        ("DIAGNOSIS: ALK-negative anaplastic large cell lymphoma.", "ALCLALKN"),
    ],
)
def test_haematological_names_get_their_own_code(text: str, code: str) -> None:
    assert _code(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "CONCLUSION: Chronic myeloid leukaemia, chronic phase.\nBCR::ABL1 e14a2 transcript DETECTED.",
            "CMLBCRABL1",
        ),
        (
            "CONCLUSION: Chronic myeloid leukaemia, chronic phase. Philadelphia chromosome positive.",
            "CMLBCRABL1",
        ),
        ("Current CML treatment: asciminib. BCR::ABL1 (IS) 0.034%, major molecular response.", "CMLBCRABL1"),
        ("DIAGNOSIS: chronic myeloid leukaemia, chronic phase; molecular studies to follow.", "CML"),
        ("DIAGNOSIS: atypical chronic myeloid leukemia; BCR::ABL1 not detected.", "ACML"),
    ],
)
def test_chronic_myeloid_leukaemia_is_refined_by_the_fusion_it_reports(text: str, code: str) -> None:
    assert _code(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Conclusion\nMyelodysplastic neoplasm with low blasts and SF3B1 mutation (WHO 5th edition); "
            "WHO 2016 category: MDS with ring sideroblasts and single lineage dysplasia (MDS-RS-SLD).",
            "MDSRSSLD",
        ),
        (
            "4. Integrated diagnosis\nMYELODYSPLASTIC NEOPLASM, increased blasts; for registry purposes "
            "MDS with excess blasts-2 (MDS-EB-2).",
            "MDSEB2",
        ),
        ("DIAGNOSIS: MDS-EB-1, blasts 7%.", "MDSEB1"),
        ("DIAGNOSIS: myelodysplastic syndrome with isolated del(5q).", "MDSID5Q"),
        ("DIAGNOSIS: myelodysplastic syndrome, hypocellular.", "MDS"),
    ],
)
def test_myelodysplastic_syndrome_takes_the_subtype_the_report_names(text: str, code: str) -> None:
    assert _code(text) == code


@pytest.mark.parametrize(
    "text",
    [
        # a question the report asks, not its answer
        "Blood film: left shift, basophilia and a myelocyte bulge; ?CML.",
        # ICC's "MDS/AML" category and a panel's name are not acute myeloid leukaemia
        "DIAGNOSIS: marrow, ICC 2022: MDS/AML with mutated TP53.",
        "Myeloid (AML/MDS) NGS panel: results to follow.",
        # a risk the patient is counselled about
        "Plan: counsel on second primary malignancy risk (MDS/AML, T-cell lymphoblastic lymphoma).",
        "The patient was told of the risk of secondary acute myeloid leukemia with this regimen.",
        # "non-Hodgkin" is not Hodgkin lymphoma
        "DIAGNOSIS: B-cell non-Hodgkin lymphoma, classification to follow.",
    ],
)
def test_queries_categories_and_risks_name_no_cancer(text: str) -> None:
    assert _code(text) is None


def test_a_phenotype_that_excludes_a_type_does_not_vote_for_it() -> None:
    text = (
        "The CD23-negative, cyclin D1-positive phenotype excludes CLL/SLL.\n"
        "Lymph node, core biopsy: mantle cell lymphoma.\n"
    )
    assert _code(text) == "MCL"


def test_an_integrated_diagnosis_heading_outweighs_a_referral_working_diagnosis() -> None:
    text = (
        "Marrow sent with a working diagnosis of plasma cell myeloma; the clinic letter also says "
        "multiple myeloma.\nINTEGRATED DIAGNOSIS\nMantle cell lymphoma, leukaemic phase.\n"
    )
    assert _code(text) == "MCL"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Oncology diagnosis: extensive-stage small cell lung cancer (ES-SCLC), liver and bone.", "SCLC"),
        ("Line 2 for LS-SCLC after relapse.", "SCLC"),
        ("DIAGNOSIS: non-small cell lung cancer, EGFR exon 19 deletion.", "NSCLC"),
        ("DIAGNOSIS: Squamous cell carcinoma of the anal canal, basaloid features.", "ANSC"),
        ("DIAGNOSIS: rectum, biopsy: adenocarcinoma 4 cm above the anal canal.", "READ"),
        ("Diagnosis: right parotid: SALIVARY DUCT CARCINOMA, high grade, 4.6 cm.", "SDCA"),
        ("DIAGNOSIS: submandibular gland: adenoid cystic carcinoma, cribriform pattern.", "ACYC"),
        ("DIAGNOSIS: right upper lobe of lung, resection: adenoid cystic carcinoma.", "LUACC"),
        ("DIAGNOSIS: left parotid gland: mucoepidermoid carcinoma, low grade.", "MUCC"),
        ("DIAGNOSIS: parotid gland, superficial parotidectomy: carcinoma, high grade, NOS.", "SACA"),
        ("Summary: 66F with oesophageal SCC, mid-thoracic, after CROSS.", "ESCC"),
    ],
)
def test_solid_primaries_by_name_and_by_site(text: str, code: str) -> None:
    assert _code(text) == code


def test_ocr_digits_inside_words_are_read_as_letters() -> None:
    text = (
        "SPECIMEN: Esophagus, mid-thoracic, endoscopic biopsy x6\n\n"
        "DIAGN0SIS:\n  Squamous ce11 carcinoma, moderate1y differentiated (G2), invasive.\n"
    )
    found = find_cancer(text)
    assert found is not None and found.oncotree_code == "ESCC"
    assert text[found.start : found.end] == "Squamous ce11 carcinoma"  # offsets are the page's own


def test_the_profile_carries_a_haematological_code(extract) -> None:  # noqa: ANN001
    profile = extract(
        "Re: relapsed hairy cell leukemia.\nClassic hairy cell leukemia was diagnosed in 2017 and "
        "treated with cladribine. BRAF V600E (allele-specific PCR): DETECTED.\n"
    )
    assert profile.cancer.oncotree_code == "HCL"
    assert profile.cancer.tissue == "Lymphoid"


def test_every_new_code_is_in_the_oncotree() -> None:
    tree = load_oncotree()
    rules = load_rules()
    codes = {c for h in rules.histologies for c in [h.default, *h.codes.values()] if c}
    assert {"MCL", "FL", "HCL", "WM", "NSCHL", "LCH", "ISM", "APLPMLRARA", "MDSEB2", "SDCA", "ANSC"} <= codes
    assert all(code in tree for code in codes)
