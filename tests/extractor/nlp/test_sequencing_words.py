"""Golden test for rules/sequencing.json: the three sequencing word lists, their deliberate
differences, what each changes in an extraction, and typos failing loudly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from casewise_core.errors import RulesInvalid
from casewise_extractor.nlp.sequencing_words import RULES_PATH, load_sequencing_rules, sequencing_regex

from tests.extractor.nlp.conftest import facts

LISTS = ("genetic_test", "sequence_change", "sequenced")


@pytest.mark.parametrize(
    ("text", "matched_by"),
    [
        ("KRAS mutated", {"sequence_change", "sequenced"}),  # stems: whole words only in genetic_test
        ("KRAS mutations", set(LISTS)),
        ("MSH2 c.942+3A>T", {"sequence_change"}),
        ("MLH1 exon 5 deletion", {"sequence_change"}),
        ("cell-free DNA", {"sequenced"}),
        ("50-gene panel", {"genetic_test"}),
        ("BRAF wild-type", {"genetic_test", "sequenced"}),
        ("Next-generation SEQUENCING", set(LISTS)),  # case-insensitive
        ("MLH1 stain intact", set()),
    ],
)
def test_each_list_matches_its_own_words(text: str, matched_by: set[str]) -> None:
    assert {name for name in LISTS if sequencing_regex(name).search(text)} == matched_by


def test_genetic_test_words_make_an_ihc_section_row_a_gene_result(extract) -> None:
    assert facts(extract("IMMUNOHISTOCHEMISTRY\nEGFR gene panel | Positive\n")) == {
        ("EGFR", "mutation", "positive")
    }
    assert facts(extract("IMMUNOHISTOCHEMISTRY\nEGFR | Positive\n")) == {("EGFR", "expression", "positive")}


def test_sequence_change_words_keep_an_mmr_gene_from_reading_as_stain_loss(extract) -> None:
    assert facts(extract("MLH1 duplication detected")) == {("MLH1", "mutation", "positive")}
    assert facts(extract("MLH1: absent")) == {("MLH1", "loss", "positive")}


def test_sequenced_words_make_a_protein_marker_row_a_mutation_result(extract) -> None:
    assert facts(extract("ESR1 | NGS | Wild Type")) == {("ESR1", "mutation", "negative")}
    assert facts(extract("ESR1 | IHC | Negative")) == {("ESR1", "expression", "negative")}


def test_every_list_has_an_id_a_note_and_words() -> None:
    rules = load_sequencing_rules()
    assert rules.version
    lists = [getattr(rules, name) for name in LISTS]
    assert len({w.id for w in lists}) == len(LISTS)
    assert all(w.note and w.words for w in lists)


@pytest.mark.parametrize(
    "typo",
    [
        lambda d: d["sequenced"].update(wrods=["DNA"]),  # unknown key
        lambda d: d["sequenced"]["words"].append("(?:DNA"),  # regex that does not compile
        lambda d: d["sequenced"].update(words=[]),  # an empty list would silently never match
        lambda d: d.pop("genetic_test"),  # a list the code reads is missing
    ],
)
def test_a_typo_in_the_sequencing_file_fails_loudly(tmp_path: Path, typo) -> None:  # noqa: ANN001
    data = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    typo(data)
    path = tmp_path / "sequencing.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RulesInvalid):
        load_sequencing_rules(path)
