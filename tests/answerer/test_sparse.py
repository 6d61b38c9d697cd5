"""The clinical tokeniser keeps genes, variants, exons and fusions as tokens."""

from __future__ import annotations

from casewise_answerer.sparse import doc_vector, query_vector, tokenize


def test_variants_and_genes_stay_whole() -> None:
    toks = tokenize("KRAS p.G12C and ROS1 G2032R after EGFR exon 19 deletion; CD74-ROS1 fusion")
    for t in ("kras", "g12c", "ros1", "g2032r", "egfr", "exon19", "cd74-ros1", "fusion", "deletion"):
        assert t in toks, t
    assert "p" not in toks and "p.g12c" not in toks


def test_synonyms_map_to_hgnc_symbols() -> None:
    assert "erbb2" in tokenize("HER2-positive")
    assert "cd274" in tokenize("my PD-L1 score")


def test_source_markers_and_stopwords_are_not_tokens() -> None:
    toks = tokenize("The drug works [S1][S2] in my cancer")
    assert "s1" not in toks and "the" not in toks and "my" not in toks


def test_weights_saturate_with_term_frequency() -> None:
    idx1, val1 = doc_vector("ros1 fusion")
    idx5, val5 = doc_vector("ros1 ros1 ros1 ros1 ros1 fusion")
    w1 = dict(zip(idx1, val1, strict=True))
    w5 = dict(zip(idx5, val5, strict=True))
    ros1 = query_vector("ROS1")[0][0]
    assert w1[ros1] < w5[ros1] < 2.2 * w1[ros1]


def test_expansion_terms_weigh_less_than_question_terms() -> None:
    idx, val = query_vector("options after crizotinib", {"ROS1 fusion": 0.5})
    weights = dict(zip(idx, val, strict=True))
    assert weights[query_vector("crizotinib")[0][0]] == 1.0
    assert weights[query_vector("ros1")[0][0]] == 0.5
