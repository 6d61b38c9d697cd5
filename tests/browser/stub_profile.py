"""Canned profile and answer for the stub API (invented data; no real patient).

The evidence offsets are chosen to exercise both highlighting paths: the ROS1 fusion's start/end
are page offsets beyond its sentence (the page must find "CD74-ROS1" by text), EGFR's fall inside
its sentence (the page must use them). The answer carries raw HTML that must be shown as text.
"""

from __future__ import annotations

from typing import Any

NGS = "ngs_report.pdf"


def _ev(text: str, start: int | None, end: int | None, page: int = 2, rule: str = "stub") -> dict[str, Any]:
    return {
        "document": NGS,
        "document_id": "doc0",
        "page": page,
        "start": start,
        "end": end,
        "text": text,
        "rule_id": rule,
        "document_date": "2026-03-10",
    }


PROFILE: dict[str, Any] = {
    "cancer": {
        "name": "Lung Adenocarcinoma",
        "oncotree_code": "LUAD",
        "histology": "adenocarcinoma",
        "tissue": "Lung",
        "evidence": [_ev("Invasive adenocarcinoma of the lung, acinar predominant.", 9, 23, page=1)],
    },
    "stage": {
        "group": "IVB",
        "t": "T2a",
        "n": "N1",
        "m": "M1c",
        "prefix": "c",
        "evidence": [_ev("Clinical stage: cT2a cN1 cM1c, stage IVB.", None, None, page=1)],
    },
    # the history under the stage: an earlier stage, then the current one
    "stage_history": [
        {
            "group": "IIB",
            "t": "T2a",
            "n": "N1",
            "m": None,
            "prefix": "p",
            "evidence": [
                {
                    **_ev("Pathologic stage: pT2a pN1, stage IIB.", None, None, page=1),
                    "document_date": "2023-05-02",
                }
            ],
        },
        {
            "group": "IVB",
            "t": "T2a",
            "n": "N1",
            "m": "M1c",
            "prefix": "c",
            "evidence": [_ev("Clinical stage: cT2a cN1 cM1c, stage IVB.", None, None, page=1)],
        },
    ],
    "biomarkers": [
        {
            "id": "biomarker:EGFR:mutation",
            "gene": "EGFR",
            "alteration": "mutation",
            "detail": None,
            "status": "negative",
            "value": None,
            "origin": None,
            "method": "NGS",
            "evidence": [_ev("EGFR, KRAS and ALK: no alterations detected.", 0, 4)],
        },
        {
            "id": "biomarker:ROS1:fusion:CD74-ROS1",
            "gene": "ROS1",
            "alteration": "fusion",
            "detail": "CD74-ROS1",
            "status": "positive",
            "value": None,
            "origin": "somatic",
            "method": "NGS",
            "evidence": [
                _ev("ROS1 CD74-ROS1 fusion detected by RNA sequencing.", 412, 421, rule="ngs.fusion"),
                _ev("ROS1 CD74-ROS1 fusion detected by RNA sequencing.", 400, 404, rule="ngs.gene"),
            ],
        },
        {
            "id": "biomarker:TP53:mutation:p.V157F",
            "gene": "TP53",
            "alteration": "mutation",
            "detail": "p.V157F",
            "status": "uncertain",
            "value": "VAF 12%",
            "origin": None,
            "method": "NGS",
            "evidence": [_ev("TP53 p.V157F, variant of uncertain significance, VAF 12%.", None, None)],
        },
        {
            "id": "biomarker:TMB:signature",
            "gene": "TMB",
            "alteration": "signature",
            "detail": None,
            "status": "unknown",
            "value": None,
            "origin": None,
            "method": None,
            "evidence": [
                _ev("Tumor mutational burden: not evaluable (insufficient tumor content).", None, None)
            ],
        },
    ],
    "treatments": [
        {
            "id": "treatment:crizotinib:2026-04",
            "agent": "crizotinib",
            "start": "2026-04",
            "end": None,
            "outcome": "ongoing",
            "line": 2,
            "regimen": None,
            "evidence": [_ev("Started crizotinib 250 mg twice daily in April 2026.", None, None, page=1)],
        },
        {
            "id": "treatment:carboplatin:2025-11",
            "agent": "carboplatin",
            "start": "2025-11-03",
            "end": "2026-02-20",
            "outcome": "progression",
            "line": 1,
            "regimen": "carboplatin/pemetrexed",
            "evidence": [
                _ev(
                    "Carboplatin and pemetrexed from November 2025; progression in February.",
                    None,
                    None,
                    page=1,
                )
            ],
        },
    ],
    "procedures": [],
    "conflicts": [],
    "flags": [],
    "corrections": [],
    "documents": [NGS],
}

ANSWER: dict[str, Any] = {
    "question": "",
    "answer_markdown": (
        "## What a ROS1 fusion means\n"
        "Your report found a **CD74-ROS1 fusion** [1]. It drives the cancer's growth.\n\n"
        "## Options after crizotinib\n"
        "- Repotrectinib [2]\n"
        "- Entrectinib [1, 2]\n\n"
        '<img src=x onerror="window.__xss=1"> is not markup here.\n\n'
        "## Sources\n"
        "1. ROS1-positive lung cancer (NCCN NSCLC 2026)\n"
        "2. Repotrectinib label (FDA label 2023)\n"
    ),
    "personalized": True,
    "citations": [
        {
            "id": "nsclc-ros1#about",
            "title": "ROS1-positive lung cancer",
            "source": "NCCN NSCLC 2026",
            "number": 1,
        },
        {
            "id": "nsclc-ros1#treatment",
            "title": "Repotrectinib label",
            "source": "FDA label 2023",
            "number": 2,
        },
    ],
    "suggested_questions": ["What are the side effects of repotrectinib?"],
    "engine": "offline",
    "warnings": ["Discuss these options with your oncologist."],
}
