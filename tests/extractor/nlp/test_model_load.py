"""The ``spacy.load`` path for an installed or packaged model, and load time."""

from __future__ import annotations

import time
from pathlib import Path

import spacy
from casewise_core.settings import NlpSettings
from scispacy.custom_tokenizer import combined_rule_tokenizer

from tests.extractor.nlp.conftest import facts, make_document


def test_packaged_model_loads_through_the_setting(tmp_path: Path) -> None:
    from casewise_extractor.nlp import load_extractor

    base = spacy.blank("en")
    base.tokenizer = combined_rule_tokenizer(base)
    base.add_pipe("sentencizer")
    base.to_disk(tmp_path / "model")
    t0 = time.perf_counter()
    extractor = load_extractor(NlpSettings(spacy_model=str(tmp_path / "model")))
    assert time.perf_counter() - t0 < 3.0
    assert extractor.nlp.pipe_names[0] == "sentencizer"
    assert "casewise_context" in extractor.nlp.pipe_names
    profile = extractor.extract(make_document("EGFR L858R detected; KRAS wild-type."))
    assert facts(profile) == {("EGFR", "mutation", "positive"), ("KRAS", "mutation", "negative")}


def test_table_rows_missing_from_page_text_are_read() -> None:
    from casewise_extractor.nlp import load_extractor

    doc = make_document(
        "Genomic findings (see table).",
        tables=[[["Gene", "Alteration", "VAF"], ["KRAS", "p.G12C", "23%"], ["TP53", "Not detected", ""]]],
    )
    p = load_extractor().extract(doc)
    assert facts(p) == {("KRAS", "mutation", "positive"), ("TP53", "mutation", "negative")}
    kras = next(b for b in p.biomarkers if b.gene == "KRAS")
    assert kras.evidence[0].text == "KRAS | p.G12C | 23%" and kras.evidence[0].start is None
