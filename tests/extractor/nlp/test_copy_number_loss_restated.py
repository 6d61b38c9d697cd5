"""A gene's copy-number "loss" that the same report also prints as the gene's deletion is one event:
one deletion row. A loss the report gives alone, or a stain's loss, stays a loss as written."""

from __future__ import annotations

from tests.extractor.nlp.conftest import Extract, facts


def test_loss_in_summary_and_deletion_in_detail_table_are_one_row(extract: Extract) -> None:
    text = (
        "Key genomic alterations | Description\n"
        "RB1 | loss (exons 2-17)\n"
        "\n"
        "ALTERATION DETAILS\n"
        "Gene | Change | Copy number\n"
        "RB1 | homozygous deletion (exons 2-17) | 0 copies\n"
    )
    got = facts(extract(text))
    assert ("RB1", "deletion", "positive") in got
    assert ("RB1", "loss", "positive") not in got


def test_loss_named_a_copy_number_event_beside_the_deletion(extract: Extract) -> None:
    text = (
        "MTAP | copy number | homozygous deletion | 0 copies\n"
        "Comment: MTAP loss here is a homozygous copy-number event of the whole gene.\n"
    )
    got = facts(extract(text))
    assert ("MTAP", "deletion", "positive") in got
    assert ("MTAP", "loss", "positive") not in got


def test_copy_number_loss_given_alone_stays_a_loss(extract: Extract) -> None:
    got = facts(extract("Genomic alterations identified:\nNF2 | loss (exons 4-9)\n"))
    assert got == {("NF2", "loss", "positive")}


def test_stain_loss_is_kept_beside_a_deletion(extract: Extract) -> None:
    text = (
        "PTEN immunohistochemistry: loss of staining in tumour cells.\n"
        "NGS: PTEN homozygous deletion (copy number 0).\n"
    )
    got = facts(extract(text))
    assert ("PTEN", "loss", "positive") in got
    assert ("PTEN", "deletion", "positive") in got
