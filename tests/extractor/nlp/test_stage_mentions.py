"""TNM and stage-group mentions (``stage_mentions``): OCR repair, runs and exclusions, before
``stage`` chooses among them."""

from __future__ import annotations

from casewise_extractor.nlp.stage_mentions import compiled_rules, find_tokens, group_mentions


def _tokens(text: str) -> list[tuple[str, str, bool]]:
    return [(t.label, t.prefix, t.in_run) for t in find_tokens(text, compiled_rules())]


def test_a_run_of_tnm_tokens_is_read_with_ocr_repair() -> None:
    # "NO" is N0 inside a run; the G3 grade between pT3b and N0 does not break the run
    assert _tokens("pT3bG3 NO Mx") == [("T3b", "p", True), ("N0", "", True), ("MX", "", True)]


def test_a_lone_bare_token_is_found_but_not_in_a_run() -> None:
    assert _tokens("a T2 lesion") == [("T2", "", False)]


def test_an_mri_sequence_name_is_no_t_token() -> None:
    assert _tokens("The T2 weighted image") == []


def test_stage_groups_repair_roman_numerals_and_abstain_on_ic() -> None:
    c = compiled_rules()
    assert [g for g, _, _ in group_mentions("Stage lA", c)] == ["IA"]
    # "IC" is as likely an OCR-damaged "IIC": that mention is skipped
    assert [g for g, _, _ in group_mentions("stage IIIC and stage IC", c)] == ["IIIC"]
