"""What a patient reads, on the repository's corpus: regressions for problems found by reading
answers as a patient and as an oncologist (stage-wrong regimens, repeated words, another cancer's
drugs in a fallback, glued sentences, unusual findings, questions the tool must not answer)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from casewise_answerer import knowledge as kn
from casewise_answerer.answerer import Answerer
from casewise_answerer.composer import DISCLAIMER
from casewise_answerer.corpus import default_corpus_dir
from casewise_answerer.phrasing import describe, sentences
from casewise_answerer.readability import measure, syllables
from casewise_core.profile import Biomarker, Evidence, Profile, Stage
from qdrant_client import QdrantClient

from tests.answerer.conftest import settings

SECTIONS = [
    "## What the finding is",
    "## What it means for you",
    "## How doctors think about it",
    "## Treatment approaches that fit your stage and history",
    "## Questions to ask your oncologist",
    "## Why it matters",
]


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Answerer]:
    if not (default_corpus_dir() / "docs").is_dir():
        pytest.skip("corpus/docs not written yet")
    s = settings(tmp_path_factory.mktemp("reading"), corpus_dir=default_corpus_dir())
    a = Answerer.from_settings(s, client=QdrantClient(":memory:"))
    yield a
    a.close()


def _ev(doc: str, page: int) -> list[Evidence]:
    return [Evidence(document=doc, page=page, text="(record sentence)")]


def _p(data: dict[str, object]) -> Profile:
    return Profile.model_validate(data)


def her2_breast(stage: dict[str, str], treatments: list[str] = (), surgery: bool = False) -> Profile:  # type: ignore[assignment]
    return _p(
        {
            "cancer": {"name": "invasive ductal carcinoma of the breast", "oncotree_code": "IDC"},
            "stage": stage,
            "biomarkers": [
                {"gene": "ERBB2", "alteration": "amplification", "detail": "amplification",
                 "status": "positive", "evidence": [{"document": "pathology.pdf", "page": 1, "text": "x"}]},
                {"gene": "ESR1", "alteration": "expression", "status": "negative"},
            ],
            "treatments": [{"agent": a} for a in treatments],
            "procedures": [{"kind": "surgery", "name": "lumpectomy"}] if surgery else [],
        }
    )  # fmt: skip


def _section(md: str, head: str) -> str:
    return md.split(head, 1)[1].split("\n## ", 1)[0]


def test_stage_iv_her2_lists_no_treatment_around_surgery(real: Answerer) -> None:
    profile = her2_breast({"group": "IV"})
    assert not [o for o in kn.options(profile, real.corpus) if o.around_surgery]
    md = real.answer("What are my treatment options?", profile).answer_markdown
    section = _section(md, "## Treatment approaches")
    assert "pertuzumab + trastuzumab + docetaxel" in section
    assert "pertuzumab + trastuzumab + chemotherapy" not in section  # the neoadjuvant/adjuvant regimen
    assert "surgery" not in section.lower()
    assert "trastuzumab deruxtecan (T-DXd)" in section  # later options, named as later


def test_residual_disease_after_tchp_points_to_t_dm1(real: Answerer) -> None:
    tchp = ["docetaxel", "carboplatin", "trastuzumab", "pertuzumab"]
    residual = her2_breast({"group": "IIB", "prefix": "yp"}, tchp, surgery=True)
    md = real.answer("What treatment comes next?", residual).answer_markdown
    section = _section(md, "## Treatment approaches")
    assert "Cancer was still found at surgery" in section
    assert "trastuzumab emtansine (T-DM1)" in section
    assert "docetaxel**" not in section and "neoadjuvant" not in section.lower()
    complete = her2_breast({"group": "0", "prefix": "yp", "t": "0", "n": "0"}, tchp, surgery=True)
    assert kn.residual_disease(complete) is False
    assert not any(o.residual for o in kn.options(complete, real.corpus))
    assert kn.residual_disease(her2_breast({"group": "IIB"}, tchp)) is None  # not said: never guessed


def test_findings_are_named_once_and_in_words() -> None:
    amp = Biomarker(gene="ERBB2", alteration="amplification", detail="amplification", status="positive")
    assert describe(amp) == "HER2 amplification"
    msi = Biomarker(gene="MSI", alteration="signature", detail="MSI-H", status="positive")
    assert describe(msi) == "MSI-high (MSI-H) result"
    er = Biomarker(gene="ESR1", alteration="expression", status="positive", value="ER 95%")
    assert describe(er) == "ER 95% result"
    hpv = Biomarker(gene="HPV", alteration="other", status="positive")
    assert describe(hpv) == "HPV result"  # never "HPV other"
    mgmt = Biomarker(gene="MGMT", alteration="other", detail="promoter methylation", status="positive")
    assert describe(mgmt) == "MGMT promoter methylation result"


def test_a_fallback_passage_never_brings_another_cancers_drugs(real: Answerer) -> None:
    prostate = _p(
        {
            "cancer": {"name": "prostate adenocarcinoma", "oncotree_code": "PRAD"},
            "stage": {"group": "IV"},
            "biomarkers": [
                {"gene": "BRCA1", "alteration": "mutation", "status": "negative"},
                {"gene": "BRCA2", "alteration": "mutation", "status": "negative"},
            ],
            "treatments": [{"agent": "abiraterone", "outcome": "progression"}],
        }
    )
    md = real.answer("What are my options after abiraterone?", prostate).answer_markdown.lower()
    for lung_drug in ("osimertinib", "alectinib", "crizotinib", "lorlatinib"):
        assert lung_drug not in md


def test_a_list_never_glues_its_lead_in_to_the_next_sentence(real: Answerer) -> None:
    text = "Options include:\n- a [S1];\n- b [S2].\nWhich one is best depends on you [S3]."
    assert sentences(text) == ["Which one is best depends on you."]
    egfr = _p(
        {
            "cancer": {"name": "lung adenocarcinoma", "oncotree_code": "LUAD"},
            "stage": {"group": "IV"},
            "biomarkers": [
                {"gene": "EGFR", "alteration": "mutation", "detail": "p.L858R", "status": "positive"}
            ],
        }
    )
    md = real.answer("What is the best first treatment for me?", egfr).answer_markdown
    assert not re.search(r":\s+[A-Z][a-z]+ [a-z]+", _section(md, "## How doctors think about it"))


def test_the_asked_finding_is_negative_with_its_page_and_the_real_one_follows(real: Answerer) -> None:
    profile = _p(
        {
            "cancer": {"name": "lung adenocarcinoma", "oncotree_code": "LUAD"},
            "stage": {"group": "IV"},
            "biomarkers": [
                {"gene": "ALK", "alteration": "fusion", "status": "negative",
                 "evidence": [{"document": "NGS report.pdf", "page": 2, "text": "x"}]},
                {"gene": "EGFR", "alteration": "mutation", "detail": "p.L858R", "status": "positive"},
            ],
        }
    )  # fmt: skip
    md = real.answer("What does my ALK fusion mean?", profile).answer_markdown
    assert "Your NGS report.pdf (page 2) shows ALK was tested: negative" in md
    assert "Your records do show an EGFR p.L858R mutation" in md
    assert "alectinib" not in md and "lorlatinib" not in md


def test_unusual_finding_is_not_explained_with_another_cancers_treatment(real: Answerer) -> None:
    aml = Profile(
        cancer={"name": "acute myeloid leukemia", "oncotree_code": "AML"},  # type: ignore[arg-type]
        biomarkers=[
            Biomarker(gene="ROS1", alteration="fusion", detail="CD74-ROS1", status="positive",
                      evidence=_ev("leukemia panel.pdf", 3))
        ],
    )  # fmt: skip
    md = real.answer("What does my ROS1 fusion mean?", aml).answer_markdown
    assert "Unusual for your cancer type" in md and "molecular tumor board" in md
    assert "shrink" not in _section(md, "## What the finding is")
    assert "possible reasons" in _section(md, "## How doctors think about it")
    assert "needs a second look" in _section(md, "## Why it matters")
    for head in SECTIONS:
        assert head in md


def test_doses_and_cure_are_not_answered_and_not_promised(real: Answerer) -> None:
    egfr = _p(
        {
            "cancer": {"name": "lung adenocarcinoma", "oncotree_code": "LUAD"},
            "stage": Stage(group="IV").model_dump(),
            "biomarkers": [
                {"gene": "EGFR", "alteration": "mutation", "detail": "p.L858R", "status": "positive"}
            ],
            "treatments": [{"agent": "osimertinib", "outcome": "progression"}],
        }
    )
    dose = real.answer("What dose of amivantamab should I take?", egfr).answer_markdown
    assert "casewise does not give doses" in dose
    assert not re.search(r"\d+\s*(mg|milligram)", dose, re.I)
    cure = real.answer("Will this cure me?", egfr).answer_markdown
    assert "cannot tell how well a treatment may work for you" in cure
    assert "aims to control it" in cure
    assert not re.search(r"\bwill (cure|work)\b|\bguarantee", cure.replace("Will this cure me?", ""), re.I)


def test_her2_3_plus_breast_is_explained_by_the_breast_document(real: Answerer) -> None:
    profile = her2_breast({"group": "IV"})
    profile.biomarkers[0] = Biomarker(
        gene="ERBB2", alteration="expression", detail="IHC 3+", status="positive"
    )
    a = real.answer("What does HER2-positive mean for me?", profile)
    docs = {c.id.split("#")[0] for c in a.citations}
    assert "breast-her2-positive" in docs
    assert not docs & {"breast-her2-low", "tumour-agnostic-her2-ihc3"}


def test_germline_finding_mentions_the_family_and_msi_is_not_listed_twice(real: Answerer) -> None:
    prostate = _p(
        {
            "cancer": {"name": "prostate adenocarcinoma", "oncotree_code": "PRAD"},
            "stage": {"group": "IV"},
            "biomarkers": [
                {"gene": "BRCA2", "alteration": "mutation", "status": "positive", "origin": "germline"}
            ],
        }
    )
    assert "genetic counselor" in real.answer("What does my BRCA2 mutation mean?", prostate).answer_markdown
    crc = _p(
        {
            "cancer": {"name": "colon adenocarcinoma", "oncotree_code": "COAD"},
            "stage": {"group": "IV"},
            "biomarkers": [
                {"gene": "MSI", "alteration": "signature", "detail": "MSI-H", "status": "positive"},
                {"gene": "MMR", "alteration": "signature", "detail": "dMMR", "status": "positive"},
            ],
        }
    )
    md = real.answer("What is the first treatment for my colon cancer?", crc).answer_markdown
    assert "Your records also show" not in md  # MSI-H and dMMR are one finding measured two ways


def test_readability_measure_and_answers_stay_plain(real: Answerer) -> None:
    assert [syllables(w) for w in ("cat", "table", "treated", "grows", "immunotherapy")] == [1, 2, 2, 1, 6]
    assert measure("The cat sat on the mat. The dog ran.").grade < 1
    assert (
        measure("Immunohistochemistry characterises overexpression of receptor tyrosine kinases.").grade > 16
    )
    profile = her2_breast({"group": "IV"})
    md = real.answer("What are my treatment options?", profile).answer_markdown
    assert measure(md, drop=(DISCLAIMER,), paragraphs_only=True).grade <= 11


def test_stage_iii_lists_after_surgery_and_unresectable_options_apart(real: Answerer) -> None:
    melanoma = _p(
        {
            "cancer": {"name": "cutaneous melanoma", "oncotree_code": "SKCM"},
            "stage": {"group": "IIIC"},
            "biomarkers": [
                {"gene": "BRAF", "alteration": "mutation", "detail": "p.V600E", "status": "positive"}
            ],
        }
    )
    section = _section(
        real.answer("What are my treatment options?", melanoma).answer_markdown, "## Treatment"
    )
    after, unresectable = section.split("If the cancer cannot be removed by surgery, doctors consider:")
    assert "After surgery, depending on what is found, doctors may consider:" in after
    assert "dabrafenib + trametinib" in after and "dabrafenib + trametinib" in unresectable
    assert "encorafenib + binimetinib" in unresectable and "encorafenib" not in after
