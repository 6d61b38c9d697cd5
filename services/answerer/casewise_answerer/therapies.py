"""Drug classes and the words in therapy cells that are partners or classes, not targeted drugs.

``DRUG_CLASSES`` reads the ``after`` column ("EGFR TKI", "platinum chemotherapy"); ``BACKBONE``
lists partners in targeted combinations (chemotherapy, endocrine therapy, leucovorin, abiraterone
...), which a negative biomarker never forbids.
"""

from __future__ import annotations

import re

#: Drug classes that appear in the ``after`` column, as the generics that belong to them.
DRUG_CLASSES: dict[str, frozenset[str]] = {
    "egfr tki": frozenset({"erlotinib", "gefitinib", "afatinib", "dacomitinib", "osimertinib", "lazertinib"}),
    "alk tki": frozenset({"crizotinib", "ceritinib", "alectinib", "brigatinib", "lorlatinib", "ensartinib"}),
    "ros1 tki": frozenset({"crizotinib", "entrectinib", "repotrectinib", "taletrectinib", "lorlatinib"}),
    "platinum chemotherapy": frozenset({"carboplatin", "cisplatin", "oxaliplatin"}),
    "chemotherapy": frozenset(
        {
            "carboplatin",
            "cisplatin",
            "oxaliplatin",
            "pemetrexed",
            "docetaxel",
            "paclitaxel",
            "gemcitabine",
            "fluorouracil",
            "capecitabine",
            "irinotecan",
            "etoposide",
            "cyclophosphamide",
            "doxorubicin",
        }
    ),
    "immunotherapy": frozenset(
        {
            "pembrolizumab",
            "nivolumab",
            "atezolizumab",
            "durvalumab",
            "cemiplimab",
            "ipilimumab",
            "dostarlimab",
        }
    ),
    "fluoropyrimidine": frozenset({"fluorouracil", "capecitabine"}),
    "anti-her2": frozenset(
        {
            "trastuzumab",
            "pertuzumab",
            "trastuzumab deruxtecan",
            "trastuzumab emtansine",
            "tucatinib",
            "lapatinib",
            "neratinib",
            "margetuximab",
        }
    ),
    "taxane": frozenset({"docetaxel", "paclitaxel", "nab-paclitaxel"}),
    "androgen receptor-directed therapy": frozenset(
        {"enzalutamide", "abiraterone", "apalutamide", "darolutamide"}
    ),
    "endocrine therapy": frozenset({"tamoxifen", "letrozole", "anastrozole", "exemestane", "fulvestrant"}),
    "cdk4/6 inhibitor": frozenset({"palbociclib", "ribociclib", "abemaciclib"}),
    "braf inhibitor": frozenset({"vemurafenib", "dabrafenib", "encorafenib"}),
}
DRUG_CLASSES["ros1 inhibitor"] = DRUG_CLASSES["ros1 tki"]
DRUG_CLASSES["alk inhibitor"] = DRUG_CLASSES["alk tki"]
DRUG_CLASSES["egfr inhibitor"] = DRUG_CLASSES["egfr tki"]
DRUG_CLASSES["pd-1/pd-l1 inhibitor"] = DRUG_CLASSES["immunotherapy"]
DRUG_CLASSES["checkpoint inhibitor"] = DRUG_CLASSES["immunotherapy"]
DRUG_CLASSES["endocrine"] = DRUG_CLASSES["endocrine therapy"]
DRUG_CLASSES["adjuvant endocrine therapy"] = DRUG_CLASSES["endocrine therapy"]
DRUG_CLASSES["anti-her2 therapy"] = DRUG_CLASSES["anti-her2"]

#: Words in therapy cells that name a class, not a drug ("platinum chemotherapy", "aromatase inhibitor").
_CLASS_WORD = re.compile(r"therapy|inhibitor|anthracycline|taxane|^platinum$")
#: Partners and backbones in a targeted combination: never "for" the row's biomarker.
BACKBONE = (
    DRUG_CLASSES["chemotherapy"]
    | DRUG_CLASSES["endocrine therapy"]
    | {"leucovorin", "bevacizumab", "abiraterone", "enzalutamide", "darolutamide", "apalutamide"}
    | {"cytarabine", "daunorubicin", "azacitidine", "prednisone"}
)


#: Short names patients and reports use for a drug whose generic name has two words. Only names
#: that stand for exactly one drug: "trastuzumab" is not trastuzumab deruxtecan.
DRUG_ALIASES = {"mirvetuximab": "mirvetuximab soravtansine"}


def is_class_word(name: str) -> bool:
    return bool(_CLASS_WORD.search(name))
