"""The shared core: errors, profile ids, OncoTree lookups, settings defaults."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from casewise_core import errors
from casewise_core.oncotree import load_oncotree
from casewise_core.profile import Biomarker, Profile, fact_id
from casewise_core.settings import Settings


def test_error_codes_are_unique_and_messages_actionable() -> None:
    import casewise_core.corrections  # noqa: F401  (errors defined beside their domain code)
    import casewise_core.storage.files  # noqa: F401

    classes = errors.all_error_classes()
    codes = [c.code for c in classes]
    assert len(codes) == len(set(codes)), codes
    for cls in classes:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", cls.code), cls
        assert 400 <= cls.http_status < 600, cls
        assert cls.message.endswith((".", ")")) and "{" not in cls.message, cls
    assert {"file_missing", "no_files", "too_many_files", "invalid_correction"} <= set(codes)
    assert errors.EncryptedPdf().to_dict()["code"] == "encrypted_pdf"
    assert "password" in errors.EncryptedPdf().text
    assert errors.TransientError.retryable and not errors.CorruptFile.retryable


def test_oncotree_ancestors_walk_to_tissue() -> None:
    tree = load_oncotree()
    assert tree.ancestors("LUAD")[:2] == ["LUAD", "NSCLC"]
    assert tree.ancestors("LUAD")[-1] == "LUNG"
    assert tree.tissue("BRCA") == "Breast"
    assert "LUAD" in tree.descendants("NSCLC")
    assert tree.get("AML") is not None


def test_negative_genes_exclude_genes_positive_elsewhere() -> None:
    p = Profile(
        biomarkers=[
            Biomarker(gene="EGFR", alteration="mutation", status="negative"),
            Biomarker(gene="ALK", alteration="fusion", status="negative"),
            Biomarker(gene="EGFR", alteration="mutation", detail="p.L858R", status="positive"),
        ]
    )
    assert p.negative_genes() == {"ALK"}
    assert [b.gene for b in p.positive_biomarkers()] == ["EGFR"]


def test_fact_id_is_stable_and_readable() -> None:
    assert fact_id("biomarker", "ROS1", "fusion", "CD74::ROS1") == "biomarker:ROS1:fusion:CD74--ROS1"
    assert fact_id("treatment", "crizotinib", None) == "treatment:crizotinib"


def test_settings_default_to_embedded_state_under_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEWISE_DATA_DIR", "/tmp/cw-test")
    s = Settings()
    assert s.data_dir == Path("/tmp/cw-test")
    assert s.resolved_database_url == "sqlite:////tmp/cw-test/casewise.db"
    assert s.resolved_broker_url.startswith("sqla+sqlite:////tmp/cw-test/")
    assert s.llm_base_url is None


def test_stage_history_keeps_the_stage_at_diagnosis_beside_the_current_stage() -> None:
    from casewise_core.profile import Evidence, Stage

    ev = Evidence(document="surgery.pdf", page=1, text="ypT1a ypN0", document_date="2024-07-26")
    at_diagnosis = Stage(group="IIA", t="T2", n="N0", m="M0", prefix="c")
    after = Stage(t="T1a", n="N0", prefix="yp", evidence=[ev])
    profile = Profile(stage=after, stage_history=[at_diagnosis, after])
    back = Profile.model_validate_json(profile.model_dump_json())
    assert [(s.prefix, s.group, s.t) for s in back.stage_history] == [("c", "IIA", "T2"), ("yp", None, "T1a")]
    assert back.stage_history[1].evidence[0].document_date == "2024-07-26"
    assert back.stage.prefix == "yp"  # the current stage keeps its meaning
    # a profile stored before the field existed still loads, with an empty history
    stored = Profile().model_dump(mode="json")
    del stored["stage_history"]
    assert Profile.model_validate(stored).stage_history == []
    assert "oldest first" in (Profile.model_fields["stage_history"].description or "")
