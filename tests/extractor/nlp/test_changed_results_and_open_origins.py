"""Two ways a result's words were misread:

- a change told across a clause break: "was not detected previously but is now detected", "previously
  detected; the current sample shows no mutation". The new value decides (the first had read KRAS
  NEGATIVE beside a variant now found, the second BRAF positive).
- a germline origin only raised ("may be germline", "?germline", "germline testing recommended"): no
  origin is given. A tumour variant labelled germline tells a patient of an inherited syndrome."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import Extract, facts

LUNG = "Lung adenocarcinoma, plasma NGS.\n"


@pytest.mark.parametrize(
    ("line", "row"),
    [
        (
            "KRAS G12D was not detected previously, but is now detected (VAF 1.2%).",
            ("KRAS", "mutation", "positive"),
        ),
        (
            "EGFR T790M was previously found; the repeat sample shows no mutation.",
            ("EGFR", "mutation", "negative"),
        ),
        ("ALK rearrangement was initially negative but is now positive.", ("ALK", "fusion", "positive")),
    ],
)
def test_the_new_value_decides(extract: Extract, line: str, row: tuple) -> None:
    assert facts(extract(LUNG + line + "\n")) == {row}


@pytest.mark.parametrize(
    "line",
    [
        "TP53 p.R248Q (VAF 48%) could be germline; germline testing is recommended.",
        "BRCA2 c.5946delT (?germline, VAF 51%).",
        "PALB2 p.Q559* - possibly hereditary, refer to clinical genetics.",
    ],
)
def test_an_origin_only_raised_is_not_stated(extract: Extract, line: str) -> None:
    (row,) = extract(LUNG + line + "\n").biomarkers
    assert (row.status, row.origin) == ("positive", None)


def test_a_stated_germline_origin_stays(extract: Extract) -> None:
    (row,) = extract(LUNG + "BRCA1 c.68_69delAG: germline pathogenic variant.\n").biomarkers
    assert row.origin == "germline"
