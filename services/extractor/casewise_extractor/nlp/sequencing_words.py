"""Words that say a text reports a genetic test (sequencing) rather than a stain, as rule data.

``rules/sequencing.json`` holds named word lists, one per check in ``findings`` and
``variants``; they differ on purpose (each list's ``note`` says where it is used and how it differs
from the others), so a curator edits the list of the check that misread, not all three. A list
compiles to one case-insensitive alternation of its words, searched anywhere in the text it is given.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from casewise_extractor.nlp.rulefile import PatternRule, load_rule_file

RULES_PATH = Path(__file__).parent / "rules" / "sequencing.json"

ListName = Literal[
    "genetic_test", "sequence_change", "sequenced", "fusion_gene_sequenced", "snv_class", "copy_number_loss"
]


class WordList(PatternRule):
    """Regex alternatives ("\\bNGS\\b", "sequenc", "\\bc\\.") that match anywhere, case-insensitively."""

    id: str
    note: str
    words: list[str] = Field(min_length=1)

    @field_validator("words")
    @classmethod
    def _compile(cls, words: list[str]) -> list[str]:
        try:
            re.compile("|".join(words))
        except re.error as exc:
            raise ValueError(f"bad regex: {exc}") from exc
        return words

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile("|".join(self.words), re.IGNORECASE)


class SequencingRules(PatternRule):
    version: str
    description: str = ""
    # findings: a sentence or clause reports a genetic test, so it is no stain result
    genetic_test: WordList
    # variants: an MMR gene's segment names a sequence change, so it is no IHC loss
    sequence_change: WordList
    # variants: a protein marker's row says the gene was sequenced, so it is a mutation result
    sequenced: WordList
    # findings: a fusion-default gene's sentence says it was sequenced for variants (a mutation result)
    fusion_gene_sequenced: WordList
    # findings: a row names the SNV/indel class among the classes it tested
    snv_class: WordList
    # variants: a gene's "loss" qualified as copy number (homozygous, exons 1-12) is a deletion
    copy_number_loss: WordList


@lru_cache(maxsize=1)
def load_sequencing_rules(path: Path = RULES_PATH) -> SequencingRules:
    """Load and validate ``rules/sequencing.json`` (cached: read once per process)."""
    return load_rule_file(SequencingRules, path)


def sequencing_regex(name: ListName) -> re.Pattern[str]:
    """The compiled word list ``name`` of ``rules/sequencing.json``."""
    words: WordList = getattr(load_sequencing_rules(), name)
    return words.regex
