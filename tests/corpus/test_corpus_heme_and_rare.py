"""Facts added for biomarkers the extractor reads in CML, ovarian cancer, GIST and children's
low-grade glioma, checked against FDA announcements and labels (fact check, end of 2025).

Each table fact is pinned with its approval year, and the label limits that matter for safety are
checked through the answerer's own reading of the tables: ponatinib is never offered for newly
diagnosed CML, mirvetuximab soravtansine never to an FRα-negative patient, avapritinib never for a
GIST without a PDGFRA mutation, and dabrafenib + trametinib never for a BRAF fusion.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest
from casewise_answerer import knowledge as kn
from casewise_answerer.corpus import Corpus, load_corpus
from casewise_core.profile import Profile

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
LGG_CODES = ("PAST", "PMA", "GNG", "PXA", "LGGNOS", "PDIFLG")

# (cancer_type, gene, alteration, detail, therapy, setting, approval_year)
CHECKED = [
    # Scemblix: accelerated approval Oct 2021 after >= 2 TKIs; regular approval with T315I, Oct 2021
    ("CML", "ABL1", "fusion", "fusion", "asciminib", "after-prior-therapy", "2021"),
    ("CML", "ABL1", "mutation", "p.T315I", "asciminib", "any", "2021"),
    # Scemblix: accelerated approval for newly diagnosed chronic phase, 29 Oct 2024 (ASC4FIRST)
    ("CML", "ABL1", "fusion", "fusion", "asciminib", "first-line", "2024"),
    # Iclusig: first approved Dec 2012; T315I-positive CML in the label since Dec 2013
    ("CML", "ABL1", "mutation", "p.T315I", "ponatinib", "any", "2012"),
    # Iclusig: chronic phase after >= 2 kinase inhibitors, 18 Dec 2020 (OPTIC)
    ("CML", "ABL1", "fusion", "fusion", "ponatinib", "after-prior-therapy", "2020"),
    # Elahere: accelerated approval 14 Nov 2022 (SORAYA), with the VENTANA FOLR1 companion test
    ("OVARY", "FOLR1", "expression", "", "mirvetuximab soravtansine", "after-prior-therapy", "2022"),
    ("PSEC", "FOLR1", "expression", "", "mirvetuximab soravtansine", "after-prior-therapy", "2022"),
    # Gleevec: Kit (CD117)-positive unresectable or metastatic GIST, 2002
    ("GIST", "KIT", "expression", "", "imatinib", "first-line", "2002"),
    # Ayvakit: PDGFRA exon 18 mutation including D842V, 9 Jan 2020 (NAVIGATOR)
    ("GIST", "PDGFRA", "mutation", "exon 18|p.D842V", "avapritinib", "any", "2020"),
    # Kimmtrak: HLA-A*02:01-positive unresectable or metastatic uveal melanoma, 26 Jan 2022
    ("UM", "HLA-A", "other", "HLA-A*02:01", "tebentafusp", "any", "2022"),
]
for _code in LGG_CODES:
    CHECKED += [
        # Ojemda: accelerated approval 23 Apr 2024, relapsed or refractory pLGG, BRAF fusion or V600
        (_code, "BRAF", "fusion", "fusion", "tovorafenib", "after-prior-therapy", "2024"),
        (_code, "BRAF", "mutation", "p.V600", "tovorafenib", "after-prior-therapy", "2024"),
        # Tafinlar + Mekinist: pediatric LGG with BRAF V600E needing systemic therapy, 16 Mar 2023
        (_code, "BRAF", "mutation", "p.V600E", "dabrafenib + trametinib", "first-line", "2023"),
    ]


def rows() -> list[dict[str, str]]:
    with (CORPUS / "actionability.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def corpus() -> Corpus:
    return load_corpus(CORPUS)


@pytest.mark.parametrize(("cancer", "gene", "alt", "detail", "therapy", "setting", "year"), CHECKED)
def test_checked_rows(
    cancer: str, gene: str, alt: str, detail: str, therapy: str, setting: str, year: str
) -> None:
    key = (cancer, gene, alt, detail, therapy, setting)
    cols = ("cancer_type", "gene", "alteration", "detail", "therapy", "setting")
    hits = [r for r in rows() if tuple(r[c] for c in cols) == key]
    assert len(hits) == 1, key
    assert hits[0]["approval_year"] == year and hits[0]["status"] == "fda-approved"


def test_label_limits_in_the_table() -> None:
    table = rows()
    # ponatinib is not indicated for newly diagnosed chronic-phase CML
    assert all(r["setting"] != "first-line" for r in table if r["therapy"] == "ponatinib")
    # mirvetuximab soravtansine is for platinum-resistant disease, after platinum
    mirv = [r for r in table if r["therapy"] == "mirvetuximab soravtansine"]
    assert mirv and all(r["after"] == "platinum chemotherapy" for r in mirv)
    # tovorafenib is for relapsed or refractory disease only
    tovo = [r for r in table if r["therapy"] == "tovorafenib"]
    assert len(tovo) == 2 * len(LGG_CODES) and all(r["setting"] == "after-prior-therapy" for r in tovo)
    # the pediatric LGG dabrafenib + trametinib label is V600E only; avapritinib is PDGFRA only
    lgg = [r for r in table if r["cancer_type"] in LGG_CODES and r["therapy"] == "dabrafenib + trametinib"]
    assert lgg and all(r["detail"] == "p.V600E" for r in lgg)
    assert {r["gene"] for r in table if r["therapy"] == "avapritinib"} == {"PDGFRA"}
    # GIST with PDGFRA D842V does not respond to imatinib: the KIT (CD117) stain row says so
    with (CORPUS / "conditions.csv").open(encoding="utf-8", newline="") as fh:
        conds = [
            (c["actionability_id"], c["gene"], c["required_status"], c["detail"]) for c in csv.DictReader(fh)
        ]
    assert ("gist-kit-imatinib", "PDGFRA", "not-positive", "p.D842V") in conds


def _profile(code: str, *biomarkers: dict[str, str], treated: tuple[str, ...] = ()) -> Profile:
    return Profile.model_validate(
        {
            "cancer": {"oncotree_code": code},
            "biomarkers": list(biomarkers),
            "treatments": [{"agent": d, "outcome": "progression"} for d in treated],
        }
    )


def _offered(profile: Profile) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for o in kn.options(profile, corpus()):
        out.setdefault(o.row.therapy, set()).add(o.row.approval_year)
    return out


def test_t315i_opens_asciminib_and_ponatinib_after_imatinib() -> None:
    p = _profile(
        "CMLBCRABL1",
        {"gene": "ABL1", "alteration": "fusion", "detail": "BCR::ABL1", "status": "positive"},
        {"gene": "ABL1", "alteration": "mutation", "detail": "p.T315I", "status": "positive"},
        treated=("imatinib",),
    )
    offered = _offered(p)
    assert "2021" in offered["asciminib"] and "2012" in offered["ponatinib"]
    assert kn.forbidden_drugs(p, corpus()) == {}


def test_fra_negative_never_opens_mirvetuximab() -> None:
    negative = _profile(
        "HGSOC",
        {"gene": "FOLR1", "alteration": "expression", "status": "negative"},
        treated=("carboplatin", "gemcitabine"),
    )
    assert "mirvetuximab soravtansine" not in _offered(negative)
    assert kn.forbidden_drugs(negative, corpus())["mirvetuximab soravtansine"] == "FOLR1"
    positive = _profile(
        "HGSOC", {"gene": "FOLR1", "alteration": "expression", "status": "positive"}, treated=("carboplatin",)
    )
    assert "mirvetuximab soravtansine" in _offered(positive)


def test_gist_drugs_follow_the_gene() -> None:
    kit_only = _profile(
        "GIST",
        {"gene": "KIT", "alteration": "expression", "status": "positive"},
        {"gene": "KIT", "alteration": "mutation", "detail": "exon 11 deletion", "status": "positive"},
        {"gene": "PDGFRA", "alteration": "mutation", "status": "negative"},
    )
    assert set(_offered(kit_only)) == {"imatinib"}
    assert kn.forbidden_drugs(kit_only, corpus()) == {"avapritinib": "PDGFRA"}
    d842v = _profile(
        "GIST", {"gene": "PDGFRA", "alteration": "mutation", "detail": "p.D842V", "status": "positive"}
    )
    assert "avapritinib" in _offered(d842v)


def test_braf_fusion_in_pilocytic_astrocytoma_opens_tovorafenib_only() -> None:
    fusion = _profile(
        "PAST",
        {"gene": "BRAF", "alteration": "fusion", "detail": "KIAA1549::BRAF", "status": "positive"},
        {"gene": "BRAF", "alteration": "mutation", "status": "negative"},
        treated=("carboplatin", "vincristine"),
    )
    assert set(_offered(fusion)) == {"tovorafenib"}
    v600e = _profile(
        "GNG", {"gene": "BRAF", "alteration": "mutation", "detail": "p.V600E", "status": "positive"}
    )
    assert {"tovorafenib", "dabrafenib + trametinib"} <= set(_offered(v600e))


def test_documents_keep_the_label_wording() -> None:
    docs = CORPUS / "docs"
    fra = (docs / "ovarian-fra-folr1.md").read_text(encoding="utf-8")
    assert "75 out of every 100" in fra and "platinum-resistant" in fra
    cml = (docs / "cml-bcr-abl1.md").read_text(encoding="utf-8")
    assert "0.1 percent or less on the International Scale" in cml
    assert "Ponatinib is not used for newly diagnosed CML" in cml
    gist = (docs / "gist-pdgfra.md").read_text(encoding="utf-8")
    assert "do not respond to imatinib" in gist
    lgg = (docs / "low-grade-glioma-braf.md").read_text(encoding="utf-8")
    assert "6 months and older" in lgg and "1 year and older" in lgg
