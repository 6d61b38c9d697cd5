"""Cancer types and stages from wordings a clinic writes: a metastatic cancer named with its own
organ, uterine serous carcinoma, lab shorthand, primary myelofibrosis; FIGO groups and a stage
restated on a later page. Sentences written for these tests."""

from __future__ import annotations

from casewise_core.document import Document, Page
from casewise_extractor.nlp.cancer import find_cancer
from casewise_extractor.nlp.stage import find_stage


def _code(text: str) -> str | None:
    c = find_cancer(text)
    return c.oncotree_code if c else None


def test_metastatic_cancer_named_with_its_own_organ_is_the_primary() -> None:
    assert (
        _code("Background: woman with metastatic infiltrating ductal carcinoma of the right breast.") == "IDC"
    )


def test_uterine_serous_carcinoma_is_not_cervical() -> None:
    text = (
        "Specimen: uterus, cervix and adnexa.\nDIAGNOSIS\nUterus: serous carcinoma of the endometrium, "
        "high grade. Cervix: benign.\nHistologic type | Serous carcinoma"
    )
    assert _code(text) == "USC"


def test_lab_slip_shorthand_for_lung_adenocarcinoma() -> None:
    assert _code("Spec: RLL core bx\nDx: NSCLC - adenoca. TTF1 +") == "LUAD"


def test_primary_myelofibrosis() -> None:
    assert _code("INTERPRETATION\nFindings consistent with primary myelofibrosis (PMF).") == "PMF"


def test_figo_group_with_an_imaging_suffix() -> None:
    s = find_stage("FIGO 2018 stage IIIC2r; T2b N2 M0.")
    assert s is not None and s.group == "IIIC2"


def test_figo_group_in_a_table_row_and_without_the_word_stage() -> None:
    s = find_stage("FIGO (2009) stage | IIIA\n")
    assert s is not None and s.group == "IIIA"
    s = find_stage("Serous carcinoma, FIGO IIB.")
    assert s is not None and s.group == "IIB"


def test_figo_grade_is_not_a_stage() -> None:
    assert find_stage("Endometrioid carcinoma, FIGO grade 2.") is None


def test_a_later_page_restating_the_stage_completes_it(extractor) -> None:
    pages = [
        Page(number=1, text="Pathologic stage | pT2 pN1\n", method="plain_text"),
        Page(number=2, text="Summary: pT2 pN1 M0, stage IIB, adjuvant therapy done.\n", method="plain_text"),
    ]
    doc = Document(name="r.txt", media_type="text/plain", sha256="0" * 64, pages=pages)
    s = extractor.extract(doc).stage
    assert (s.group, s.t, s.n, s.m) == ("IIB", "T2", "N1", "M0")
