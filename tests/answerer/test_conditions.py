"""The repository corpus's extra tables: RAS wild-type rows, conditions.csv, PD-L1 thresholds, and
which drugs count as "for a negative biomarker" (knowledge level, then through the composer).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from casewise_answerer import knowledge as kn
from casewise_answerer.answerer import Answerer
from casewise_answerer.corpus import Corpus, default_corpus_dir, load_corpus
from casewise_answerer.drugs import check_answer
from casewise_core.profile import Profile
from qdrant_client import QdrantClient

from tests.answerer.conftest import settings

pytestmark = pytest.mark.skipif(not (default_corpus_dir() / "docs").is_dir(), reason="no corpus yet")


def _b(gene: str, alteration: str, status: str, detail: str | None = None, value: str | None = None) -> Any:
    return {"gene": gene, "alteration": alteration, "status": status, "detail": detail, "value": value}


def crc(*biomarkers: Any, stage: str = "IV") -> Profile:
    return Profile.model_validate(
        {
            "cancer": {"name": "colorectal adenocarcinoma", "oncotree_code": "COADREAD"},
            "stage": {"group": stage},
            "biomarkers": list(biomarkers),
        }
    )


RAS_WT = crc(
    _b("KRAS", "mutation", "negative"),
    _b("NRAS", "mutation", "negative"),
    _b("BRAF", "mutation", "negative"),
    _b("MSI", "signature", "negative", "MSS"),
)
KRAS_ONLY = crc(_b("KRAS", "mutation", "negative"), _b("MSI", "signature", "negative", "MSS"))


def breast(her2: Any | None) -> Profile:
    markers = [_b("ESR1", "expression", "positive", value="ER 90%")]
    return Profile.model_validate(
        {
            "cancer": {"name": "invasive ductal carcinoma of the breast", "oncotree_code": "IDC"},
            "stage": {"group": "IV"},
            "biomarkers": markers + ([her2] if her2 else []),
        }
    )


def lung(*biomarkers: Any) -> Profile:
    return Profile.model_validate(
        {
            "cancer": {"name": "lung adenocarcinoma", "oncotree_code": "LUAD"},
            "stage": {"group": "IV"},
            "biomarkers": list(biomarkers),
        }
    )


PROSTATE_BRCA_NEG = Profile.model_validate(
    {
        "cancer": {"name": "prostate adenocarcinoma", "oncotree_code": "PRAD"},
        "stage": {"group": "IV"},
        "biomarkers": [_b("BRCA1", "mutation", "negative"), _b("BRCA2", "mutation", "negative")],
        "treatments": [{"agent": "abiraterone", "outcome": "progression"}],
    }
)


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(default_corpus_dir())


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Answerer]:
    s = settings(tmp_path_factory.mktemp("cond"), corpus_dir=default_corpus_dir())
    a = Answerer.from_settings(s, client=QdrantClient(":memory:"))
    yield a
    a.close()


def _ids(profile: Profile, corpus: Corpus) -> set[str]:
    return {o.row.id for o in kn.options(profile, corpus)}


def test_ras_wild_type_rows_need_kras_and_nras_tested_negative(corpus: Corpus) -> None:
    assert {"crc-kras-wt-cetuximab-folfiri-1l", "crc-nras-wt-panitumumab-folfox-1l"} <= _ids(RAS_WT, corpus)
    assert not any("-wt-" in i for i in _ids(KRAS_ONLY, corpus))  # NRAS unknown: not applied ...
    pending = kn.pending_options(KRAS_ONLY, corpus)
    assert any(p.row.id == "crc-kras-wt-cetuximab-folfiri-1l" and p.missing == ["NRAS"] for p in pending)
    mutant = crc(_b("KRAS", "mutation", "positive", "p.G12D"), _b("NRAS", "mutation", "negative"))
    assert not any("-wt-" in i for i in _ids(mutant, corpus))
    assert not any("-wt-" in p.row.id for p in kn.pending_options(mutant, corpus))
    untested = crc()
    assert not any("-wt-" in i for i in _ids(untested, corpus))


def test_her2_condition_on_cdk46_rows(corpus: Corpus) -> None:
    cdk = "breast-er-palbociclib-ai-1l"
    assert cdk in _ids(breast(_b("ERBB2", "expression", "negative", "IHC 0")), corpus)
    assert cdk in _ids(breast(_b("ERBB2", "expression", "positive", "IHC 1+/2+ (HER2-low)")), corpus)
    assert cdk not in _ids(breast(_b("ERBB2", "amplification", "positive")), corpus)
    assert cdk not in _ids(breast(None), corpus)
    assert any(p.row.id == cdk and p.missing == ["ERBB2"] for p in kn.pending_options(breast(None), corpus))


def test_pdl1_threshold_and_driver_conditions(corpus: Corpus) -> None:
    row = "nsclc-pdl1-pembrolizumab-1l"
    no_driver = [_b("EGFR", "mutation", "negative"), _b("ALK", "fusion", "negative")]
    assert row in _ids(lung(*no_driver, _b("CD274", "expression", "positive", value="TPS 60%")), corpus)
    assert row not in _ids(lung(*no_driver, _b("CD274", "expression", "positive", value="TPS <1%")), corpus)
    egfr = _b("EGFR", "mutation", "positive", "p.L858R")
    assert row not in _ids(lung(egfr, _b("CD274", "expression", "positive", value="TPS 60%")), corpus)
    blocked = kn.blocked_options(lung(egfr, _b("CD274", "expression", "positive", value="TPS 60%")), corpus)
    assert [(p.row.id, p.missing) for p in blocked] == [(row, ["EGFR"])]
    unknown = lung(_b("CD274", "expression", "positive", value="TPS 60%"))
    assert row not in _ids(unknown, corpus)
    assert any(p.row.id == row and p.missing == ["EGFR", "ALK"] for p in kn.pending_options(unknown, corpus))


def test_forbidden_only_when_every_justifying_row_targets_a_negative(corpus: Corpus) -> None:
    ras = kn.forbidden_drugs(RAS_WT, corpus)
    assert "cetuximab" not in ras and "panitumumab" not in ras
    assert ras.get("nivolumab") == "MSI" and ras.get("encorafenib") == "BRAF"
    prostate = kn.forbidden_drugs(PROSTATE_BRCA_NEG, corpus)
    assert "abiraterone" not in prostate and "enzalutamide" not in prostate
    assert prostate.get("rucaparib") in {"BRCA1", "BRCA2"}
    assert "olaparib" not in prostate  # other HRR genes (ATM, PALB2 ...) were not tested
    egfr_neg = kn.forbidden_drugs(lung(_b("EGFR", "mutation", "negative")), corpus)
    assert egfr_neg["osimertinib"] == "EGFR" and "pemetrexed" not in egfr_neg
    her2_neg = kn.forbidden_drugs(breast(_b("ERBB2", "expression", "negative", "IHC 0")), corpus)
    assert "trastuzumab emtansine" in her2_neg and "fulvestrant" not in her2_neg
    for forbidden in (ras, prostate, egfr_neg, her2_neg):
        assert not [d for d in forbidden if kn.is_class_word(d)], forbidden


def test_ras_wild_type_answer_names_anti_egfr_options(real: Answerer) -> None:
    a = real.answer("What treatment options fit my cancer?", RAS_WT)
    md = a.answer_markdown
    assert "do not show a finding with a treatment aimed at it" not in md
    approaches = md.split("## Treatment approaches")[1].split("\n## ")[0]
    assert "cetuximab" in approaches and "panitumumab" in approaches
    assert "KRAS and NRAS" in approaches
    assert "shows a KRAS" not in md and "shows an NRAS" not in md
    cited = [real.corpus.passages[c.id] for c in a.citations]
    assert check_answer(md, cited, RAS_WT, real.corpus, real.lexicon).ok


def test_unknown_condition_is_said_not_assumed(real: Answerer) -> None:
    md = real.answer("What treatment options fit my cancer?", KRAS_ONLY).answer_markdown
    approaches = md.split("## Treatment approaches")[1].split("\n## ")[0]
    assert "No NRAS result was found" in approaches
    assert "FDA-approved for this use" not in approaches  # nothing is offered as fitting yet
    md = real.answer("What are my options?", breast(None)).answer_markdown
    assert "HER2" in md.split("## Treatment approaches")[1].split("\n## ")[0]


def test_a_label_ruled_out_by_another_result_is_said(real: Answerer) -> None:
    egfr = _b("EGFR", "mutation", "positive", "p.L858R")
    profile = lung(egfr, _b("CD274", "expression", "positive", value="TPS 80%"))
    md = real.answer("Should I get pembrolizumab because my PD-L1 is high?", profile).answer_markdown
    approaches = md.split("## Treatment approaches")[1].split("\n## ")[0]
    assert "does not fit your case" in approaches and "positive EGFR result" in approaches
    assert "FDA-approved for this use" not in approaches
    assert "EGFR p.L858R mutation" in approaches  # the finding the question did not name is not hidden


def test_missing_tests_are_grouped_without_hiding_any(real: Answerer, corpus: Corpus) -> None:
    profile = lung(_b("EGFR", "mutation", "negative"))
    md = real.answer("What should I know?", profile).answer_markdown
    section = md.split("## Tests not found in your records")[1].split("\n## ")[0]
    lines = [ln for ln in section.splitlines() if ln.startswith("- ")]
    missing = kn.missing_tests(profile, corpus)
    assert len(missing) >= 8 and len(lines) <= 5
    for t in missing:
        shown = {"CD274": "PD-L1", "ERBB2": "HER2", "NTRK1": "NTRK"}.get(t.gene, t.gene)
        assert shown in section, shown
    assert lines[0].startswith("- No ALK result")  # standard_tests.csv order: most important first
