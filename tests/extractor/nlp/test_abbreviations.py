"""scispaCy's AbbreviationDetector stays in the pipeline, run on demand: it pairs a defined short
form with its long form, and the per-report pipeline does not pay for it."""

from __future__ import annotations

from casewise_extractor.nlp.pipeline import build_nlp, defined_abbreviations


def test_defined_abbreviations_pair_short_and_long_forms() -> None:
    nlp = build_nlp()
    assert "casewise_abbreviations" in nlp.pipe_names
    doc = nlp(
        "Diagnosis: adenoid cystic carcinoma (AdCC) of the parotid. The AdCC shows perineural invasion."
    )
    pairs = {(a.text, a._.long_form.text) for a in defined_abbreviations(nlp, doc)}
    assert pairs == {("AdCC", "adenoid cystic carcinoma")}


def test_the_pipeline_itself_leaves_abbreviations_unset() -> None:
    nlp = build_nlp()
    doc = nlp("Metastatic non-small cell lung cancer (NSCLC).")
    assert doc._.abbreviations == []
    assert [a.text for a in defined_abbreviations(nlp, doc)] == ["NSCLC"]
