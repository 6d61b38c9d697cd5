"""Cancer code: a site named as where the cancer spread is not the primary's site; a finer OncoTree
node stated as firmly as its parent refines it, within a page and across the pages of one report."""

from __future__ import annotations

from casewise_core.document import Document, Page

from tests.extractor.nlp.conftest import cancer_code


def test_metastasis_sites_after_the_histology_are_not_the_primary() -> None:
    text = (
        "Clinical: weight loss, anaemia.\n"
        "Diagnosis: adenocarcinoma, moderately differentiated; restaging CT shows liver (x2) and lung\n"
        "metastases.\n"
    )
    assert cancer_code(text) != "LUAD"  # the primary is not named here: no code rather than a wrong one
    assert cancer_code("Adenocarcinoma; CT shows liver and lung metastases.\n") != "LUAD"


def test_site_the_histology_is_of_stays_the_primary() -> None:
    text = "Diagnosis: adenocarcinoma of the rectum, lung and liver metastases at presentation.\n"
    assert cancer_code(text) == "READ"


def test_primary_lung_with_brain_metastases() -> None:
    assert cancer_code("Diagnosis: lung adenocarcinoma with brain metastases.\n") == "LUAD"


def test_stated_subtype_refines_generic_mentions() -> None:
    text = (
        "Diagnosis: adenocarcinoma of the lung, stage IV.\n"
        "Interpretation: KRAS G12C occurs in about 13% of NSCLC. Sotorasib is approved in NSCLC.\n"
    )
    assert cancer_code(text) == "LUAD"


def test_hedged_subtype_does_not_refine() -> None:
    text = "Diagnosis: non-small cell lung carcinoma, favour adenocarcinoma.\n"
    assert cancer_code(text) == "NSCLC"


def test_later_page_refines_the_first_pages_code(extractor) -> None:  # noqa: ANN001
    pages = [
        "Diagnosis: carcinoma of the parotid gland.\nRNA fusion panel requested.\n",
        "Interpretation: ETV6::NTRK3 confirms mammary analogue secretory carcinoma.\n",
    ]
    doc = Document(
        name="fusion.txt",
        media_type="text/plain",
        sha256="0" * 64,
        pages=[Page(number=i + 1, text=t, method="plain_text") for i, t in enumerate(pages)],
    )
    assert extractor.extract(doc).cancer.oncotree_code == "HNMASC"


def test_later_page_of_another_tissue_does_not_replace_the_first(extractor) -> None:  # noqa: ANN001
    pages = [
        "Diagnosis: invasive ductal carcinoma of the left breast.\n",
        "Incidental: thyroid papillary microcarcinoma, 3 mm.\n",
    ]
    doc = Document(
        name="two.txt",
        media_type="text/plain",
        sha256="0" * 64,
        pages=[Page(number=i + 1, text=t, method="plain_text") for i, t in enumerate(pages)],
    )
    assert extractor.extract(doc).cancer.tissue == "Breast"
