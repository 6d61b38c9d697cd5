"""Stage across pages: a T stated anywhere beats a T inferred from tumour size on an earlier page."""

from __future__ import annotations

from casewise_core.document import Document, Page
from casewise_extractor.nlp import load_extractor

DIAGNOSIS = "FINAL DIAGNOSIS: Left breast, lumpectomy: Invasive ductal carcinoma, tumor size 1.5 cm."
SYNOPTIC = "SYNOPTIC REPORT. Primary tumor (pT): pT2. Regional lymph nodes (pN): pN0."


def _doc(*texts: str) -> Document:
    pages = [Page(number=i, text=t, method="plain_text") for i, t in enumerate(texts, start=1)]
    return Document(name="report.txt", media_type="text/plain", sha256="0" * 64, pages=pages)


def test_stated_pt_on_a_later_page_wins_over_size_inference() -> None:
    profile = load_extractor().extract(_doc(DIAGNOSIS, SYNOPTIC))
    assert (profile.stage.prefix, profile.stage.t, profile.stage.n) == ("p", "T2", "N0")
    assert profile.stage.evidence[0].page == 2


def test_size_inference_is_used_only_when_no_page_states_t() -> None:
    profile = load_extractor().extract(_doc(DIAGNOSIS))
    assert profile.stage.t == "T1"
    assert profile.stage.evidence[0].rule_id == "stage.t.inferred_size.breast"
