"""A golden test per rule file: text in, expected facts out; and rule files reject typos."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from casewise_extractor.nlp.rulebook import RULES_DIR, load_rulebook
from pydantic import ValidationError

from tests.extractor.nlp.conftest import facts


def test_biomarkers_json_lexicon_and_notation(extract) -> None:
    p = extract(
        "HER-2/neu IHC 3+. PD-L1 TPS 80%. KRAS p.Gly12Cys detected. EGFR exon 19 deletion detected. "
        "EZR::ROS1 fusion detected. MSI-H. TMB 14 mut/Mb."
    )
    got = {(b.gene, b.alteration, b.detail, b.status, b.value) for b in p.biomarkers}
    assert ("ERBB2", "expression", "IHC 3+", "positive", None) in got
    assert ("CD274", "expression", None, "positive", "TPS 80%") in got
    assert ("KRAS", "mutation", "p.G12C", "positive", None) in got
    assert ("EGFR", "mutation", "exon 19 deletion", "positive", None) in got
    assert ("ROS1", "fusion", "EZR::ROS1", "positive", None) in got
    assert ("MSI", "signature", None, "positive", "MSI-H") in got
    assert ("TMB", "signature", None, "positive", "14 mut/Mb") in got
    assert all(b.evidence[0].rule_id for b in p.biomarkers)


def test_context_json_cues(extract) -> None:
    p = extract(
        "EGFR L858R detected. ALK: not detected. BRCA2 VUS. ROS1 testing failed (insufficient tissue)."
    )
    assert facts(p) == {
        ("EGFR", "mutation", "positive"),
        ("ALK", "fusion", "negative"),  # a gene-level ALK/ROS1 result is a fusion result
        ("BRCA2", "mutation", "uncertain"),
        ("ROS1", "fusion", "unknown"),
    }
    rule_ids = {b.gene: b.evidence[0].rule_id for b in p.biomarkers}
    assert "st.negative.not_detected" in rule_ids["ALK"]


def test_sections_json_effects(extract) -> None:
    text = (
        "GENOMIC FINDINGS\nBRAF V600E\n\nVARIANTS OF UNCERTAIN SIGNIFICANCE\nATM p.R3008C\n\n"
        "GENES ASSAYED WITH NO REPORTABLE ALTERATIONS\nEGFR, KRAS, NRAS\n\n"
        "SYNONYMOUS VARIANTS\nTP53 p.P72=\n"
    )
    assert facts(extract(text)) == {
        ("BRAF", "mutation", "positive"),
        ("ATM", "mutation", "uncertain"),
        ("EGFR", "mutation", "negative"),
        ("KRAS", "mutation", "negative"),
        ("NRAS", "mutation", "negative"),
    }


def test_treatments_json_regimens_brands_and_non_cancer_meds(extract) -> None:
    p = extract(
        "Received FOLFOX from 01/2023 to 06/2023 with progression. Started Keytruda 07/2023, ongoing. "
        "Medications: lisinopril 10 mg, metformin 500 mg. Status post right upper lobectomy 12/2022."
    )
    agents = {t.agent: t for t in p.treatments}
    assert set(agents) == {"fluorouracil", "leucovorin", "oxaliplatin", "pembrolizumab"}
    assert agents["oxaliplatin"].start == "2023-01" and agents["oxaliplatin"].end == "2023-06"
    assert agents["oxaliplatin"].outcome == "progression"
    assert agents["oxaliplatin"].regimen == "FOLFOX"
    assert [(x.kind, x.date) for x in p.procedures] == [("surgery", "2022-12")]


def test_ocr_json_repairs_and_abstains(extract) -> None:
    p = extract("ERBBZ amplified. BRAF p.V6OOE detected. EGFR3 amplification.")
    got = {(b.gene, b.alteration, b.detail, b.status) for b in p.biomarkers}
    assert got == {("ERBB2", "amplification", None, "positive"), ("BRAF", "mutation", "p.V600E", "positive")}


def test_every_rule_file_has_version_and_unique_ids() -> None:
    book = load_rulebook()
    assert all(book.versions.values())
    ids: list[str] = []
    for name in ("biomarkers.json", "context.json", "sections.json", "treatments.json", "ocr.json"):
        data = json.loads((RULES_DIR / name).read_text())
        for value in data.values():
            if isinstance(value, list):
                ids += [r["id"] for r in value]
    assert len(ids) == len(set(ids))


def test_a_typo_in_a_rule_file_fails_loudly(tmp_path: Path) -> None:
    for f in RULES_DIR.glob("*.json"):
        shutil.copy(f, tmp_path / f.name)
    data = json.loads((tmp_path / "context.json").read_text())
    data["status_cues"][0]["postion"] = "after"
    (tmp_path / "context.json").write_text(json.dumps(data))
    with pytest.raises(ValidationError):
        load_rulebook(tmp_path)


def test_context_json_boilerplate_and_mmr_staining(extract) -> None:
    p = extract(
        "ER/PR positive is defined as an Allred score of >2. "
        "Tissues are also known to harbor KRAS mutations. "
        "MLH1: negative (loss of staining). MSH2: positive. PMS2 stain is absent."
    )
    assert facts(p) == {
        ("MLH1", "loss", "positive"),
        ("MSH2", "loss", "negative"),
        ("PMS2", "loss", "positive"),
    }


def test_fish_results_are_amplification_and_ratio_comparators_count(extract) -> None:
    p = extract("EGFR FISH negative. MET FISH: amplified. HER2/CEP17 ratio <2.0.")
    assert facts(p) == {
        ("EGFR", "amplification", "negative"),
        ("MET", "amplification", "positive"),
        ("ERBB2", "amplification", "negative"),
    }


def test_treatments_json_dates_in_history_lists(extract) -> None:
    p = extract(
        "Oncologic history:\n- 03/2023: Started carbo/pem/pembro, 4 cycles.\n"
        "- 06/2023 - 12/2023: Maintenance pemetrexed/pembrolizumab; progression 12/2023.\n"
    )
    got = {t.agent: (t.start, t.end, t.outcome) for t in p.treatments}
    assert got == {
        "carboplatin": ("2023-03", None, None),
        "pemetrexed": ("2023-03", "2023-12", "progression"),
        "pembrolizumab": ("2023-03", "2023-12", "progression"),
    }
