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
