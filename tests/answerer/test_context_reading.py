"""Questions read in the patient's context, on the repository's corpus: "MMR" in CML is a major
molecular response (never mismatch repair), FRα and "mirvetuximab" by the names patients use, the
KIT stain beside a PDGFRA D842V driver, and tebentafusp by HLA-A*02:01 typing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from casewise_answerer import knowledge as kn
from casewise_answerer.answerer import Answerer
from casewise_answerer.corpus import default_corpus_dir
from casewise_answerer.drugs import check_answer
from casewise_answerer.phrasing import describe
from casewise_answerer.questions import read_question
from casewise_answerer.retrieval import drug_genes, question_genes
from casewise_core.profile import Biomarker, Profile

from tests.answerer.conftest import make_answerer

pytestmark = pytest.mark.skipif(not (default_corpus_dir() / "docs").is_dir(), reason="no corpus yet")


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Answerer]:
    a = make_answerer(tmp_path_factory.mktemp("context"), corpus_dir=default_corpus_dir())
    yield a
    a.close()


def _p(code: str, name: str, *biomarkers: dict[str, Any], treated: tuple[str, ...] = ()) -> Profile:
    return Profile.model_validate(
        {
            "cancer": {"name": name, "oncotree_code": code},
            "stage": {"group": "IV"},
            "biomarkers": list(biomarkers),
            "treatments": [{"agent": d, "outcome": "progression"} for d in treated],
        }
    )


def _b(gene: str, alteration: str, status: str, detail: str | None = None, said: str = "") -> dict[str, Any]:
    ev = [{"document": "report.pdf", "page": 1, "text": said}] if said else []
    return {"gene": gene, "alteration": alteration, "status": status, "detail": detail, "evidence": ev}


CML = _p("CMLBCRABL1", "chronic myeloid leukemia", _b("ABL1", "fusion", "positive", "BCR::ABL1"))
CRC_DMMR = _p("COADREAD", "colon adenocarcinoma", _b("MMR", "signature", "positive", "dMMR"))
FRA_NEG = _p("HGSOC", "high-grade serous ovarian cancer", _b("FOLR1", "expression", "negative"),
             treated=("carboplatin",))  # fmt: skip
GIST_D842V = _p(
    "GIST",
    "gastrointestinal stromal tumor",
    _b("KIT", "expression", "positive", "CD117"),
    _b("PDGFRA", "mutation", "positive", "p.D842V"),
)


# --- MMR in CML ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "profile"),
    [
        ("What does MMR mean in my CML report?", None),
        ("What does MMR mean?", CML),
        ("Have I reached MMR?", CML),
    ],
)
def test_mmr_in_cml_is_a_major_molecular_response(
    real: Answerer, question: str, profile: Profile | None
) -> None:
    top = [r.passage.id for r in real.retrieve(question, profile, k=3)]
    assert top[0] == "cml-bcr-abl1#what-a-major-molecular-response-means"
    md = real.answer(question, profile).answer_markdown
    assert "0.1 percent or less on the International Scale" in md
    assert "MMR result" not in md and "dMMR" not in md and "mismatch repair" not in md.lower()
    assert not {"pembrolizumab", "dostarlimab", "nivolumab"} & set(real.lexicon.find(md))
    if profile is not None:  # answered first, under the corpus's own heading
        assert md.startswith("## What a major molecular response means")


def test_mmr_keeps_its_mismatch_repair_meaning_outside_cml(real: Answerer) -> None:
    assert read_question("What does MMR mean?", CRC_DMMR) == "What does MMR mean?"
    assert read_question("What does MMR mean?", None) == "What does MMR mean?"
    # the question itself says mismatch repair: a CML profile does not change that
    asked = "Was my MMR (mismatch repair) tested?"
    assert read_question(asked, CML) == asked
    assert "MMR" in question_genes(read_question("What does MMR mean?", CRC_DMMR), real.corpus)


def test_the_llm_is_told_what_mmr_means_in_cml(real: Answerer) -> None:
    notes = real._notes("What does MMR mean in my CML report?", CML)
    assert any("major molecular response" in n for n in notes)
    assert not any("No positive MMR" in n for n in notes)


# --- FRα and mirvetuximab -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What does my FRα result mean?",
        "Is my FRalpha positive?",
        "What is FR-alpha?",
        "What does folate receptor alpha mean?",
        "Can I get mirvetuximab?",
    ],
)
def test_fra_and_mirvetuximab_are_recognised(real: Answerer, question: str) -> None:
    read = read_question(question, None)
    assert "FOLR1" in question_genes(read, real.corpus) | drug_genes(read, real.corpus)
    assert read_question(read, None) == read  # reading twice changes nothing


@pytest.mark.parametrize("word", ["FRα", "FRα-positive", "FRalpha", "FR-alpha"])
def test_the_gene_look_up_keeps_the_greek_letter(real: Answerer, word: str) -> None:
    assert "FOLR1" in question_genes(f"What does my {word} result mean?", real.corpus)


def test_mirvetuximab_alone_is_the_drug_for_the_safety_check(real: Answerer) -> None:
    assert real.lexicon.find("Ask about mirvetuximab.") == ["mirvetuximab soravtansine"]
    cited = real.corpus.doc_passages("ovarian-fra-folr1")
    check = check_answer("Mirvetuximab may help you [1].", cited, FRA_NEG, real.corpus, real.lexicon)
    assert check.forbidden == ["mirvetuximab soravtansine"]


@pytest.mark.parametrize(
    "question", ["My FRα was negative. Is mirvetuximab an option for me?", "What does my FRα result mean?"]
)
def test_a_negative_fra_result_is_stated_and_mirvetuximab_not_offered(real: Answerer, question: str) -> None:
    md = real.answer(question, FRA_NEG).answer_markdown
    assert "FOLR1 (FRα) was tested: negative" in md
    assert "mirvetuximab" not in md.lower()


# --- PDGFRA D842V and the KIT stain -------------------------------------------------------------


def test_a_kit_stain_does_not_offer_imatinib_beside_pdgfra_d842v(real: Answerer) -> None:
    assert {o.row.therapy for o in kn.options(GIST_D842V, real.corpus)} == {"avapritinib"}
    blocked = kn.blocked_options(GIST_D842V, real.corpus)
    assert [(p.row.therapy, p.missing) for p in blocked] == [("imatinib", ["PDGFRA"])]
    md = real.answer("What are my treatment options?", GIST_D842V).answer_markdown
    assert "avapritinib**" in md and "Your records also show" not in md and "imatinib**" not in md
    asked = real.answer("Can I take imatinib?", GIST_D842V).answer_markdown
    assert "does not fit your case" in asked and "positive PDGFRA p.D842V result" in asked


def test_other_pdgfra_results_leave_the_kit_stain_row_open(real: Answerer) -> None:
    kit = _b("KIT", "expression", "positive", "CD117")
    other_change = _p("GIST", "GIST", kit, _b("PDGFRA", "mutation", "positive", "p.V561D"))
    assert "imatinib" in {o.row.therapy for o in kn.options(other_change, real.corpus)}
    tested_negative = _p("GIST", "GIST", kit, _b("PDGFRA", "mutation", "negative"))
    assert "imatinib" in {o.row.therapy for o in kn.options(tested_negative, real.corpus)}
    # not tested, or a PDGFRA mutation that does not say which: flagged, never offered as fitting
    for pdgfra in ([], [_b("PDGFRA", "mutation", "positive")]):
        unknown = _p("GIST", "GIST", kit, *pdgfra)
        assert "imatinib" not in {o.row.therapy for o in kn.options(unknown, real.corpus)}
        assert [p.row.therapy for p in kn.pending_options(unknown, real.corpus)] == ["imatinib"]


# --- tebentafusp by HLA-A*02:01 typing ----------------------------------------------------------


@pytest.mark.parametrize(
    ("detail", "said", "fits"),
    [
        ("HLA-A*02:01", "", True),
        (None, "HLA-A*02:01 POSITIVE (genotype A*02:01, A*24:02)", True),  # as the extractor reads it
        (None, "", True),
        (None, "HLA-A*03:01 positive.", False),  # another allele: not the test the label needs
        ("HLA-A*03:01", "", False),
    ],
)
def test_tebentafusp_follows_hla_a_0201_typing(
    real: Answerer, detail: str | None, said: str, fits: bool
) -> None:
    um = _p("UM", "uveal melanoma", _b("HLA-A", "other", "positive", detail, said))
    assert ("tebentafusp" in {o.row.therapy for o in kn.options(um, real.corpus)}) is fits
    negative = _p("UM", "uveal melanoma", _b("HLA-A", "other", "negative", detail, said))
    assert not kn.options(negative, real.corpus)
    assert kn.forbidden_drugs(negative, real.corpus) == {"tebentafusp": "HLA-A"}
    md = real.answer("What treatment options are there?", negative).answer_markdown
    assert "tebentafusp" not in md.lower()


def test_an_hla_result_names_its_allele_once(real: Answerer) -> None:
    b = Biomarker(gene="HLA-A", alteration="other", status="positive", detail="HLA-A*02:01")
    assert describe(b) == "HLA-A*02:01 result"
    um = _p("UM", "uveal melanoma", _b("HLA-A", "other", "positive", "HLA-A*02:01"))
    md = real.answer("What are my treatment options?", um).answer_markdown
    assert "HLA-A HLA-A" not in md and "an HLA-A*02:01 result" in md
    assert "tebentafusp** (FDA-approved for this use in 2022)" in md


def test_another_allele_positive_does_not_undo_a_negative_hla_a_0201(real: Answerer) -> None:
    """HLA-A*03:01 typed positive beside "HLA-A*02:01: negative": the gene is not negative as a whole,
    yet the one allele the label needs is, so tebentafusp is ruled out and no passage about it is
    shown; the answer says both results."""
    um = _p(
        "UM",
        "uveal melanoma",
        _b("HLA-A", "other", "positive", "HLA-A*03:01", "HLA-A*03:01 positive."),
        _b("HLA-A", "other", "negative", "HLA-A*02:01", "HLA-A*02:01: negative."),
    )
    assert kn.forbidden_drugs(um, real.corpus) == {"tebentafusp": "HLA-A"}
    md = real.answer("What treatment options are there for my uveal melanoma?", um).answer_markdown
    body = md.split("## Sources", 1)[0]
    assert "tebentafusp" not in body.lower()
    assert "bispecific" not in body  # the drug's passage, its name left out, is not shown either
    assert "an HLA-A*03:01 result" in body and "a negative HLA-A*02:01 result" in body
    # a heterozygous type that includes HLA-A*02:01 still fits
    both = _p("UM", "uveal melanoma", _b("HLA-A", "other", "positive", "HLA-A*02:01"),
              _b("HLA-A", "other", "negative", "HLA-A*03:01"))  # fmt: skip
    assert "tebentafusp" in {o.row.therapy for o in kn.options(both, real.corpus)}
    assert "tebentafusp" not in kn.forbidden_drugs(both, real.corpus)
