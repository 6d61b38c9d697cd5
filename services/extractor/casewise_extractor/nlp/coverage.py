"""What a panel covers, read as results only where the report says nothing of that class was found.

"The RNA panel interrogates ALK, ROS1, RET, NTRK1-3" lists what the test can see: on its own it is
method text and states no result. After "No gene fusions detected." (or in the same sentence,
"No fusions detected (panel includes NRG1, NTRK1, ...)") it is the list of genes the "no" covers,
so each gene there is a fusion negative. A gene whose own words name another event ("and MET exon
14 skipping") is left out: "no fusions" says nothing about it.
"""

from __future__ import annotations

from casewise_extractor.nlp.mentions import Mention
from casewise_extractor.nlp.rulebook import NoneDetectedRule, Rulebook
from casewise_extractor.nlp.status import segments
from casewise_extractor.nlp.variants import read_detail


def _none_detected(text: str, rules: Rulebook) -> NoneDetectedRule | None:
    return next((r for r in rules.context.none_detected if r.regex.search(text)), None)


def coverage_results(
    sentence: str, mentions: list[Mention], previous: str, rules: Rulebook
) -> list[tuple[Mention, str, str]] | None:
    """(mention, alteration, rule id) of each gene a coverage list makes negative; [] for a coverage
    list with no "none detected" statement (it states nothing); None when ``sentence`` is no coverage
    list. ``previous`` is the sentence before (empty when it named a gene: its "no" is its own)."""
    cov = next((c for c in rules.context.coverage_lists if c.regex.search(sentence)), None)
    if cov is None:
        return None
    at = cov.regex.search(sentence)
    assert at is not None
    none = _none_detected(sentence[: at.start()], rules) or _none_detected(previous, rules)
    if none is None:
        return []
    out = []
    segs = segments(sentence, mentions)
    for m, (own, _) in zip(mentions, segs, strict=True):
        if m.start < at.end() or m.standalone is not None or m.cytogenetic is not None:
            continue
        own_class = read_detail(own, m.gene.kind, m.gene.symbol, m.gene.mmr).alteration
        if m.gene.kind != "gene" or (own_class is not None and own_class != none.alteration):
            continue  # "and MET exon 14 skipping": not what the "no" was about
        out.append((m, none.alteration, f"{m.rule_id}+{none.id}+{cov.id}"))
    return out
