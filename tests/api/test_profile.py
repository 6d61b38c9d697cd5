"""Profile: empty before extraction; corrections stored beside the evidence, never over it."""

from __future__ import annotations

from casewise_core.profile import Biomarker, Evidence, Profile, Stage
from casewise_core.storage import profiles

from tests.api.conftest import Api

EVIDENCE = Evidence(
    document="ngs.pdf", page=2, start=10, end=30, text="ERBB2 amplification detected", rule_id="r1"
)
ERBB2 = "biomarker:ERBB2:amplification"


def _extracted() -> Profile:
    return Profile(
        stage=Stage(group="IIIA", t="T2a", evidence=[EVIDENCE]),
        biomarkers=[
            Biomarker(id="biomarker:ERBB2:amplification", gene="ERBB2", alteration="amplification",
                      status="positive", evidence=[EVIDENCE]),
            Biomarker(id="biomarker:KRAS:mutation:p.G12C", gene="KRAS", alteration="mutation",
                      detail="p.G12C", status="positive", evidence=[EVIDENCE]),
        ],
        documents=["ngs.pdf"],
    )  # fmt: skip


def test_empty_profile_then_merged_profile_with_corrections(api: Api) -> None:
    case_id, auth = api.new_case()
    empty = api.client.get(f"/v1/cases/{case_id}/profile", headers=auth).json()
    assert empty == Profile().model_dump(mode="json")

    with api.runtime.sessions() as s:  # what the extraction worker writes
        assert profiles.store_case_profile(s, case_id, _extracted().model_dump(mode="json"), 0)
    url = f"/v1/cases/{case_id}/profile"
    assert api.client.get(url, headers=auth).json()["biomarkers"][0]["status"] == "positive"

    r = api.client.patch(url, headers=auth, json={
        "fact_id": "biomarker:ERBB2:amplification", "action": "correct", "field": "status",
        "value": "negative", "note": "repeat FISH negative",
    })  # fmt: skip
    assert r.status_code == 200, r.text
    profile = r.json()
    erbb2 = profile["biomarkers"][0]
    assert erbb2["status"] == "negative" and erbb2["evidence"] == [EVIDENCE.model_dump(mode="json")]
    (corr,) = profile["corrections"]
    assert (corr["action"], corr["by"], corr["note"]) == ("correct", "patient", "repeat FISH negative")
    assert corr["at"] and corr["id"]

    r = api.client.patch(
        url, headers=auth, json={"fact_id": "biomarker:KRAS:mutation:p.G12C", "action": "reject"}
    )
    profile = r.json()
    assert [b["gene"] for b in profile["biomarkers"]] == ["ERBB2"]
    assert {"code": "fact_rejected", "fact_id": "biomarker:KRAS:mutation:p.G12C"}.items() <= profile["flags"][
        0
    ].items()
    assert (
        api.client.patch(url, headers=auth, json={"fact_id": "stage", "action": "confirm"}).status_code == 200
    )
    assert len(api.client.get(url, headers=auth).json()["corrections"]) == 3

    # The extracted profile is untouched: evidence and rejected facts are still stored.
    with api.runtime.sessions() as s:
        from casewise_core.storage.repositories import merged_profile

        assert merged_profile(s, case_id) == _extracted()


def test_correction_errors(api: Api) -> None:
    case_id, auth = api.new_case()
    url = f"/v1/cases/{case_id}/profile"
    with api.runtime.sessions() as s:
        profiles.store_case_profile(s, case_id, _extracted().model_dump(mode="json"), 0)
    r = api.client.patch(url, headers=auth, json={"fact_id": "biomarker:NOPE", "action": "confirm"})
    assert (r.status_code, r.json()["error"]["code"]) == (404, "not_found")
    bad_value = {"fact_id": ERBB2, "action": "correct", "field": "status", "value": "maybe"}
    r = api.client.patch(url, headers=auth, json=bad_value)
    assert (r.status_code, r.json()["error"]["code"]) == (422, "invalid_correction")
    frozen = {"fact_id": "stage", "action": "correct", "field": "evidence", "value": "[]"}
    r = api.client.patch(url, headers=auth, json=frozen)
    assert (r.status_code, r.json()["error"]["code"]) == (422, "invalid_correction")
    r = api.client.patch(url, headers=auth, json={"fact_id": "stage", "action": "delete"})
    assert (r.status_code, r.json()["error"]["code"]) == (422, "invalid_request")
    assert api.client.get(url, headers=auth).json()["corrections"] == []


def test_profile_returns_the_stage_history_oldest_first(api: Api) -> None:
    case_id, auth = api.new_case()
    at_diagnosis = Stage(group="IIA", t="T2", n="N0", m="M0", prefix="c", evidence=[EVIDENCE])
    after = Stage(t="T1a", n="N0", prefix="yp", evidence=[EVIDENCE])
    profile = Profile(stage=after, stage_history=[at_diagnosis, after], documents=["ngs.pdf"])
    with api.runtime.sessions() as s:
        assert profiles.store_case_profile(s, case_id, profile.model_dump(mode="json"), 0)
    got = api.client.get(f"/v1/cases/{case_id}/profile", headers=auth).json()
    assert got["stage"]["prefix"] == "yp"
    assert [(h["prefix"], h["group"], h["t"]) for h in got["stage_history"]] == [
        ("c", "IIA", "T2"),
        ("yp", None, "T1a"),
    ]
    assert got["stage_history"][0]["evidence"] == [EVIDENCE.model_dump(mode="json")]
    schema = api.client.get("/openapi.json").json()["components"]["schemas"]["Profile"]
    assert schema["properties"]["stage_history"]["type"] == "array"
