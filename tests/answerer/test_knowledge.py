"""Table logic: prior-therapy requirements, exclusions, detail matching, unusual findings, wording."""

from __future__ import annotations

from pathlib import Path

from casewise_answerer import knowledge as kn
from casewise_answerer.composer import article
from casewise_answerer.corpus import Exclusion, load_corpus, parse_doc
from casewise_core.profile import Biomarker

from tests.answerer.conftest import FIXTURE_CORPUS, ros1_after_crizotinib, ros1_in_aml


def test_after_requirements_drugs_classes_and_combinations() -> None:
    assert kn.after_satisfied("crizotinib", ["crizotinib"]) == "crizotinib"
    assert kn.after_satisfied("ROS1 TKI", ["carboplatin", "crizotinib"]) == "crizotinib"
    assert kn.after_satisfied("EGFR TKI", ["crizotinib"]) is None
    both = "EGFR TKI + platinum chemotherapy"
    assert kn.after_satisfied(both, ["osimertinib"]) is None
    assert kn.after_satisfied(both, ["osimertinib", "cisplatin"]) == "osimertinib and cisplatin"
    assert kn.after_satisfied("systemic therapy", []) is None
    assert kn.after_satisfied("systemic therapy", ["carboplatin"]) == kn.EARLIER


def test_details_match_in_normalised_form() -> None:
    b = Biomarker(gene="EGFR", alteration="deletion", detail="Exon 19 del", status="positive")
    assert kn.positive_match("EGFR", "mutation", ["exon 19 deletion", "p.L858R"], b)
    assert not kn.positive_match("EGFR", "mutation", ["p.T790M"], b)
    her2 = Biomarker(gene="HER2", alteration="expression", detail="3+ (IHC)", status="positive")
    assert kn.positive_match("ERBB2", "expression", ["IHC 3+"], her2)
    negative = Biomarker(gene="EGFR", alteration="mutation", detail="p.L858R", status="negative")
    assert not kn.positive_match("EGFR", "mutation", [], negative)


def test_exclusions_remove_a_row_for_that_cancer_type() -> None:
    corpus = load_corpus(FIXTURE_CORPUS)
    profile = ros1_after_crizotinib()
    assert any(o.row.id == "ros1-lorlatinib-after" for o in kn.options(profile, corpus))
    corpus.exclusions = [
        Exclusion(actionability_id="ros1-lorlatinib-after", cancer_type="LUNG", reason="test")
    ]
    assert not any(o.row.id == "ros1-lorlatinib-after" for o in kn.options(profile, corpus))


def test_unusual_and_forbidden() -> None:
    corpus = load_corpus(FIXTURE_CORPUS)
    assert [b.gene for b, _ in kn.unusual_findings(ros1_in_aml(), corpus)] == ["ROS1"]
    assert kn.unusual_findings(ros1_after_crizotinib(), corpus) == []
    forbidden = kn.forbidden_drugs(ros1_after_crizotinib(), corpus)
    assert forbidden["osimertinib"] == "EGFR" and forbidden["amivantamab"] == "EGFR"
    assert "carboplatin" not in forbidden and "crizotinib" not in forbidden


def test_unquoted_colon_in_a_title_is_tolerated(tmp_path: Path) -> None:
    doc = tmp_path / "x.md"
    doc.write_text(
        "---\nid: x\ntitle: BRCA and HRD: what they mean\ncancer_types: []\ngenes: []\ntopics: [general]\n"
        "sources: []\nlast_reviewed: 2026-01-01\n---\nIntro.\n\n## A section\nText.\n"
    )
    meta, passages = parse_doc(doc)
    assert meta.title == "BRCA and HRD: what they mean" and passages[0].id == "x#a-section"


def test_article_follows_how_the_finding_is_said() -> None:
    assert article("EGFR exon 19 deletion") == "an EGFR exon 19 deletion"
    assert article("ROS1 fusion") == "a ROS1 fusion"
    assert article("NTRK1 fusion") == "an NTRK1 fusion"
    assert article("HER2 (ERBB2) result") == "a HER2 (ERBB2) result"
    assert article("MET exon 14 skipping") == "a MET exon 14 skipping"


def test_after_requirements_read_surgery_taxanes_and_anti_her2() -> None:
    assert kn.after_satisfied("surgical resection", [], surgery=True) == "surgery"
    assert kn.after_satisfied("surgical resection", ["docetaxel"]) is None
    assert kn.after_satisfied("anti-HER2 therapy", ["docetaxel", "trastuzumab"]) == "trastuzumab"
    tchp = ["docetaxel", "carboplatin", "trastuzumab", "pertuzumab"]
    assert kn.after_satisfied("neoadjuvant taxane + trastuzumab", tchp) == "docetaxel and trastuzumab"
    assert kn.after_satisfied("androgen receptor-directed therapy", ["enzalutamide"]) == "enzalutamide"
