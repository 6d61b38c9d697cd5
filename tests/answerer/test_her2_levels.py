"""HER2 read by level, not by the status field: HER2-low (IHC 1+, or 2+ with ISH not amplified) is
reported "negative" yet has trastuzumab deruxtecan; HER2-0 does not; IHC 2+ alone waits on ISH.
Knowledge level on the repository corpus, then the offline composer's answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from casewise_answerer import her2
from casewise_answerer import knowledge as kn
from casewise_answerer.answerer import Answerer
from casewise_answerer.corpus import Corpus, default_corpus_dir, load_corpus
from casewise_answerer.drugs import check_answer
from casewise_core.profile import Biomarker, Profile
from qdrant_client import QdrantClient

from tests.answerer.conftest import settings

pytestmark = pytest.mark.skipif(not (default_corpus_dir() / "docs").is_dir(), reason="no corpus yet")

REPORT = {"document": "pathology report.pdf", "page": 2, "text": "HER2 by IHC (see report)"}
POST_CHEMO = "breast-her2low-tdxd-post-chemo"
POST_ET = "breast-her2low-tdxd-post-et"


def _her2(detail: str | None, status: str = "negative", alteration: str = "expression") -> dict[str, Any]:
    return {
        "gene": "ERBB2",
        "alteration": alteration,
        "detail": detail,
        "status": status,
        "evidence": [REPORT],
    }


def breast(*her2_results: dict[str, Any], er: str = "positive", treated: bool = True) -> Profile:
    """The extractor's profile for "HER2 by IHC: 1+ (negative, HER2-low)" after AC-T and letrozole."""
    treatments = [
        {"agent": "doxorubicin"},
        {"agent": "cyclophosphamide"},
        {"agent": "paclitaxel"},
        {"agent": "letrozole", "outcome": "progression"},
    ]
    return Profile.model_validate(
        {
            "cancer": {"name": "invasive ductal carcinoma of the breast", "oncotree_code": "IDC"},
            "biomarkers": [
                *her2_results,
                {"gene": "ESR1", "alteration": "expression", "status": er, "value": "ER 90%"},
            ],
            "treatments": treatments if treated else [],
        }
    )


HER2_LOW = breast(_her2("IHC 1+"))
HER2_ZERO = breast(_her2("IHC 0"))


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(default_corpus_dir())


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Answerer]:
    s = settings(tmp_path_factory.mktemp("her2"), corpus_dir=default_corpus_dir())
    a = Answerer.from_settings(s, client=QdrantClient(":memory:"))
    yield a
    a.close()


def _ids(profile: Profile, corpus: Corpus) -> set[str]:
    return {o.row.id for o in kn.options(profile, corpus)}


@pytest.mark.parametrize(
    ("results", "want"),
    [
        ([_her2("IHC 1+")], "low"),
        ([_her2("IHC 1+ HER2-low")], "low"),
        ([_her2("IHC 2+"), _her2("not amplified", alteration="amplification")], "low"),
        ([_her2("IHC 2+", status="equivocal")], "equivocal"),
        ([_her2("IHC 2+", status="equivocal"), _her2(None, "positive", "amplification")], "positive"),
        ([_her2("IHC 2+, ISH ratio 1.3")], "equivocal"),  # the 3 in 1.3 is not a score
        ([_her2("IHC 0")], "zero"),
        ([_her2("IHC 0 HER2-ultralow")], "ultralow"),
        ([_her2("IHC 3+", status="positive")], "positive"),
        ([_her2("IHC 1+/2+ (HER2-low)", status="positive")], "low"),  # the older profile form
        ([_her2(None)], "negative"),  # no score: HER2-0 or HER2-low cannot be told
    ],
)
def test_her2_level_comes_from_the_score_and_ish_not_the_status(results: list[Any], want: str) -> None:
    mine = [Biomarker.model_validate(r) for r in results]
    assert her2.level(mine[0], mine) == want


def test_her2_low_reported_negative_matches_the_her2_low_rows(corpus: Corpus) -> None:
    ids = _ids(HER2_LOW, corpus)
    assert {POST_CHEMO, POST_ET} <= ids
    assert not [i for i in ids if "her2amp" in i or "her2ihc3" in i]
    forbidden = kn.forbidden_drugs(HER2_LOW, corpus)
    assert "trastuzumab deruxtecan" not in forbidden
    assert {"trastuzumab emtansine", "tucatinib", "pertuzumab"} <= set(forbidden)  # HER2-positive drugs
    assert kn.gene_status(HER2_LOW, "ERBB2") == "negative"  # still HER2-negative for CDK4/6 labels
    assert "breast-er-palbociclib-fulvestrant" in ids


def test_ultralow_fits_only_the_endocrine_therapy_label_and_needs_hr_positive(corpus: Corpus) -> None:
    ultralow = breast(_her2("IHC 0, HER2-ultralow"))
    ids = _ids(ultralow, corpus)
    assert POST_ET in ids and POST_CHEMO not in ids
    er_negative = breast(_her2("IHC 1+"), er="negative")
    assert POST_ET not in _ids(er_negative, corpus) and POST_CHEMO in _ids(er_negative, corpus)


def test_her2_zero_and_equivocal_do_not_get_the_her2_low_rows(corpus: Corpus) -> None:
    assert not _ids(HER2_ZERO, corpus) & {POST_CHEMO, POST_ET}
    assert "trastuzumab deruxtecan" in kn.forbidden_drugs(HER2_ZERO, corpus)
    equivocal = breast(_her2("IHC 2+", status="equivocal"))
    assert not _ids(equivocal, corpus) & {POST_CHEMO, POST_ET}
    assert "trastuzumab deruxtecan" not in kn.forbidden_drugs(
        equivocal, corpus
    )  # ISH may say low or positive
    reported_negative = breast(_her2("IHC 2+"))  # a 2+ with no ISH result is equivocal, whatever the status
    assert "trastuzumab deruxtecan" not in kn.forbidden_drugs(reported_negative, corpus)
    assert "ERBB2" not in kn.negative_keys(reported_negative)


def test_her2_low_answer_names_tdxd_with_its_conditions_and_source(real: Answerer) -> None:
    a = real.answer("What does my HER2 result mean for treatment?", HER2_LOW)
    md = a.answer_markdown
    approaches = md.split("## Treatment approaches")[1].split("\n## ")[0]
    assert "trastuzumab deruxtecan" in approaches
    assert "after chemotherapy" in approaches and "within 6 months" in approaches
    assert "hormone receptor-positive" in approaches and "endocrine" in approaches
    assert "has spread" in approaches
    assert "HER2-low (IHC 1+)" in md
    assert "not expected to help" not in md and "Not found in your records" not in md
    assert "breast-her2-low#treatment-approaches" in {c.id for c in a.citations}
    cited = [real.corpus.passages[c.id] for c in a.citations]
    assert check_answer(md, cited, HER2_LOW, real.corpus, real.lexicon).ok
    notes = real._notes("What does my HER2 result mean?", HER2_LOW)  # what an LLM is told
    assert any("HER2-low" in n and "never say" in n for n in notes)
    assert not any("trastuzumab deruxtecan" in n for n in notes)  # not among drugs to avoid


def test_her2_zero_answer_says_the_result_as_found_and_names_no_her2_drug(real: Answerer) -> None:
    md = real.answer("What does my HER2 result mean for treatment?", HER2_ZERO).answer_markdown
    assert "Your pathology report.pdf (page 2) shows HER2 was tested: negative (IHC 0)." in md
    assert "HER2-0" in md
    assert "Not found in your records" not in md
    assert "trastuzumab" not in md.lower()


def test_her2_2_plus_without_ish_is_equivocal_and_asks_for_ish(real: Answerer) -> None:
    profile = breast(_her2("IHC 2+", status="equivocal"))
    md = real.answer("What does my HER2 result mean?", profile).answer_markdown
    assert "equivocal" in md and "ISH" in md
    assert "Ask whether an ISH test was done" in md
    assert "No HER2 result was found" not in md  # the CDK4/6 labels wait on a result that IS there
    assert "not expected to help" not in md


def test_her2_3_plus_gets_her2_positive_treatments_not_the_her2_low_label(real: Answerer) -> None:
    profile = breast(_her2("IHC 3+", status="positive"), treated=False)
    profile.stage.group = "IV"
    md = real.answer("What are my treatment options?", profile).answer_markdown
    approaches = md.split("## Treatment approaches")[1].split("\n## ")[0]
    assert "pertuzumab + trastuzumab + docetaxel" in approaches
    assert "HER2-low breast cancer" not in approaches
    top = real.retrieve("What does my HER2 result mean?", profile, k=5)[0].passage.id
    assert top == "breast-her2-positive#what-her2-positive-means"  # not the HER2-low document
