"""blind18: clinicians' notes - copy-forward histories, examples inside a gene list, negative panels."""

from __future__ import annotations

from tests.extractor.nlp.conftest import Extract, facts


def test_example_variant_in_a_list_item_bracket_is_not_a_finding(extract: Extract) -> None:
    p = extract("Hotspot panel: KRAS, NRAS, BRAF (incl. V600E), PIK3CA - no alterations.")
    got = facts(p)
    assert ("BRAF", "mutation", "positive") not in got
    assert {("KRAS", "mutation", "negative"), ("NRAS", "mutation", "negative")} <= got
    assert ("BRAF", "mutation", "negative") in got


def test_example_variant_with_including(extract: Extract) -> None:
    p = extract("KRAS, BRAF (including V600E), NRAS: wild-type.")
    assert ("BRAF", "mutation", "positive") not in facts(p)
    assert ("BRAF", "mutation", "negative") in facts(p)


def test_later_history_entry_supersedes_an_older_receptor_result(extract: Extract) -> None:
    note = (
        "ONC HISTORY\n"
        "- 02/2017  core biopsy left breast: IDC grade 2.\n"
        "           ER 90%, PR 30%, HER2 IHC 0.\n"
        "- 06/2017  mastectomy.\n"
        "- 09/2024  biopsy of a liver lesion: metastatic breast carcinoma.\n"
        "           ER 70%, PR 0%, HER2 IHC 1+.\n"
    )
    got = facts(extract(note))
    assert ("PGR", "expression", "positive") not in got
    assert ("PGR", "expression", "negative") in got


def test_single_line_history_entries(extract: Extract) -> None:
    note = (
        "- 03/2021 right breast cancer, ER 80% / PR 10% / HER2 3+.\n"
        "- 05/2023 residual tumour after neoadjuvant therapy: ER 60%, PR 0%.\n"
    )
    got = facts(extract(note))
    assert ("PGR", "expression", "positive") not in got
    assert ("PGR", "expression", "negative") in got


def test_undated_disagreement_is_left_alone(extract: Extract) -> None:
    # no dated entries: nothing says which result is newer
    got = facts(extract("Primary: PR 30%.\n\nMetastasis: PR 0%.\n"))
    assert {("PGR", "expression", "positive"), ("PGR", "expression", "negative")} <= got


def test_genes_analysed_include_after_a_negative_panel(extract: Extract) -> None:
    text = (
        "Hereditary panel result: NEGATIVE. No pathogenic or likely pathogenic variants were identified. "
        "Genes analysed include BRCA1, BRCA2, PALB2 and CHEK2."
    )
    got = facts(extract(text))
    for gene in ("BRCA1", "BRCA2", "PALB2", "CHEK2"):
        assert (gene, "mutation", "negative") in got


def test_genes_analysed_include_without_a_result_states_nothing(extract: Extract) -> None:
    got = facts(extract("Panel sent today. Genes analysed include BRCA1, BRCA2 and PALB2."))
    assert not any(g in ("BRCA1", "BRCA2", "PALB2") and s == "negative" for g, _, s in got)


def test_test_not_done_for_the_histology_gives_no_row(extract: Extract) -> None:
    got = facts(extract("ALK | Not done (squamous histology)"))
    assert not any(g == "ALK" for g, _, _ in got)


def test_test_not_done_for_another_reason_stays_unknown(extract: Extract) -> None:
    assert ("ALK", "fusion", "unknown") in facts(extract("ALK: not done (sample exhausted)."))


def test_stain_not_assessed_at_relapse_gives_no_row(extract: Extract) -> None:
    got = facts(extract("Rebiopsy: PD-L1 expression was not assessed at relapse."))
    assert not any(g == "CD274" for g, _, _ in got)


def test_history_entry_whose_result_line_lost_its_indent(extract: Extract) -> None:
    note = "- 01/2016  core biopsy: IDC.\nER 95%, PR 25%.\n- 11/2023  bone biopsy.\nER 85%, PR 0%.\n"
    got = facts(extract(note))
    assert ("PGR", "expression", "positive") not in got
    assert ("PGR", "expression", "negative") in got
