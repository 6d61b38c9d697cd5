"""The patient page end to end against the stub API: upload, progress, review, correct, ask, delete.

The page code is real (services/api/casewise_api/web/), driven in Debian's Chromium; the stub
records what the page sent, so the assertions cover both what the patient sees and the requests.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.stub_api import CASE_ID, LOCKED_MESSAGE, RETRY_AFTER_S, UNSUPPORTED_MESSAGE, StubServer

pytestmark = pytest.mark.browser

ROS1 = "biomarker:ROS1:fusion:CD74-ROS1"
TP53 = "biomarker:TP53:mutation:p.V157F"


def fact(page: Any, fact_id: str) -> Any:
    return page.locator(f'li.fact[data-fact-id="{fact_id}"]')


def watch_row(page: Any, name: str, timeout_s: float = 20.0) -> list[str]:
    """Every distinct status text a job row shows until it settles."""
    row = page.locator(".job", has_text=name)
    seen: list[str] = []
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        text = row.locator(".job-status").inner_text()
        if not seen or seen[-1] != text:
            seen.append(text)
        if row.get_attribute("data-state") in {"succeeded", "failed"}:
            # the page sets the text and the state together, but the text above was read before the
            # state: read it once more so the final text is never missed
            final = row.locator(".job-status").inner_text()
            return seen if seen[-1] == final else [*seen, final]
        time.sleep(0.05)
    raise AssertionError(f"{name} did not settle; saw {seen}")


def upload_files(page: Any) -> None:
    page.set_input_files(
        "#file-input",
        files=[
            {"name": "ngs_report.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 stub scan"},
            {"name": "locked.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 encrypted"},
            {"name": "letter.docx", "mimeType": "application/msword", "buffer": b"PK\x03\x04"},
            {"name": "huge_scan.pdf", "mimeType": "application/pdf", "buffer": b"0" * 300_000},
        ],
    )


def test_patient_flow(stub: StubServer, new_page: Any, artifacts: Path, page_errors: list[str]) -> None:
    page = new_page()
    page.goto(stub.url + "/")

    # Start: what is stored, for how long, how to delete; the size limit read from /v1/config.
    privacy = page.locator(".privacy")
    expect(privacy).to_contain_text("encrypted")
    expect(privacy).to_contain_text("until you delete them")
    expect(privacy).to_contain_text("Delete my data")
    expect(page.locator("#max-size")).to_have_text("195 KB")
    expect(page.locator("#upload-button")).to_be_disabled()
    page.screenshot(path=artifacts / "stub-1-start.png", full_page=True)

    # Client-side checks mirror the server's: wrong type and too large are refused before upload.
    upload_files(page)
    errors = page.locator("#file-errors")
    expect(errors).to_contain_text("letter.docx: this file type is not supported")
    expect(errors).to_contain_text("huge_scan.pdf is 293 KB; the limit is 195 KB per file")
    expect(page.locator("#selected-files li")).to_have_count(2)
    page.click("#upload-button")

    # Progress: stages advance row by row; the server's failure message is shown as is.
    expect(page.locator(".job")).to_have_count(2)
    assert stub.state.uploads == [["ngs_report.pdf", "locked.pdf"]]
    expect(page.locator("#access-code")).to_have_text(f"{CASE_ID}.tok_s3cret-XYZ")
    page.locator(".job", has_text="ngs_report.pdf").locator(".job-status").filter(
        has_text="page 2 of 3"
    ).wait_for()
    page.screenshot(path=artifacts / "stub-2-progress.png", full_page=True)
    seen = watch_row(page, "ngs_report.pdf")
    for text in ["page 2 of 3", "page 3 of 3", "Finding facts in the text", "Done: added to your profile"]:
        assert any(text in s for s in seen), (text, seen)
    locked = page.locator(".job", has_text="locked.pdf")
    expect(locked).to_have_attribute("data-state", "failed")
    expect(locked.locator(".job-error")).to_have_text(LOCKED_MESSAGE)
    expect(page.locator("#progress-announcer")).not_to_be_empty()

    # Polling etiquette: If-None-Match sent back, a 304 understood, Retry-After never undercut.
    polls = [p for p in stub.state.polls if p["job"] == "job1"]
    assert any(p["status"] == 304 for p in polls), polls
    assert all(b["if_none_match"] == a["etag"] for a, b in zip(polls, polls[1:], strict=False))
    gaps = [b["t"] - a["t"] for a, b in zip(polls, polls[1:], strict=False)]
    assert min(gaps) >= RETRY_AFTER_S - 0.05, gaps

    # Review: status by words and icons, evidence with the mention highlighted.
    expect(page.locator("#review")).to_be_visible()
    ros1 = fact(page, ROS1)
    expect(ros1.locator(".fact-title")).to_have_text("CD74-ROS1 fusion")
    badges = {
        fid: " ".join(fact(page, fid).locator(".badge").inner_text().split())
        for fid in (ROS1, TP53, "biomarker:EGFR:mutation")
    }
    assert badges[ROS1].startswith("+ Positive")
    assert badges[TP53].startswith("? Uncertain")
    assert badges["biomarker:EGFR:mutation"].startswith("− Negative")
    expect(fact(page, "biomarker:TMB:signature").locator(".badge")).to_contain_text("Not known")
    ros1.locator(".fact-toggle").click()
    expect(ros1.locator("mark")).to_have_text("CD74-ROS1")  # found by text: offsets lie outside the sentence
    expect(ros1.locator("figure.evidence")).to_have_count(1)  # two rules, one sentence: shown once
    expect(ros1.locator("figcaption")).to_contain_text("ngs_report.pdf, page 2")
    egfr = fact(page, "biomarker:EGFR:mutation")
    egfr.locator(".fact-toggle").click()
    expect(egfr.locator("mark")).to_have_text("EGFR")  # from start/end
    dates = page.locator(".timeline .timeline-date").all_inner_texts()
    assert dates == ["3 Nov 2025 – 20 Feb 2026", "Since Apr 2026"]
    page.screenshot(path=artifacts / "stub-3-review.png", full_page=True)

    # Correct one fact and confirm another: saved through PATCH, shown on the card.
    tp53 = fact(page, TP53)
    tp53.locator(".fact-toggle").click()
    tp53.get_by_role("button", name="Correct this").click()
    tp53.get_by_label("What is wrong").select_option("status")
    tp53.get_by_label("The right value").select_option("negative")
    tp53.get_by_label("Note (optional)").fill("benign per my oncologist")
    tp53.get_by_role("button", name="Save correction").click()
    expect(fact(page, TP53).locator(".tag")).to_have_text("Corrected")
    expect(fact(page, TP53).locator(".corrections")).to_contain_text("You corrected status to “negative”")
    assert stub.state.patches[-1] == {
        "fact_id": TP53,
        "action": "correct",
        "field": "status",
        "value": "negative",
        "note": "benign per my oncologist",
    }
    fact(page, ROS1).get_by_role("button", name="Yes, this is right").click()
    expect(fact(page, ROS1).locator(".tag")).to_have_text("Confirmed")
    assert stub.state.patches[-1] == {"fact_id": ROS1, "action": "confirm"}
    assert page.evaluate("document.activeElement.dataset.factId") == ROS1
    page.screenshot(path=artifacts / "stub-4-corrected.png", full_page=True)

    # Ask: suggestions from the profile; the answer's sections, citations; HTML stays text.
    chips = page.locator("#suggestions .chip").all_inner_texts()
    assert "What does my ROS1 fusion mean?" in chips
    assert "What are options after crizotinib?" in chips
    page.get_by_role("button", name="What does my ROS1 fusion mean?").click()
    answer = page.locator("#answer")
    expect(answer.locator("h4").first).to_have_text("What a ROS1 fusion means")
    expect(answer.locator(".answer-body li")).to_have_count(2)  # the Markdown's own Sources list is dropped
    expect(answer.locator(".citations li")).to_have_count(2)
    expect(answer.locator(".answer-body strong")).to_have_text("CD74-ROS1 fusion")
    expect(answer.locator('.answer-body a[href="#cite-2"]').first).to_have_text("2")
    expect(answer.locator("#cite-1")).to_contain_text("ROS1-positive lung cancer — NCCN NSCLC 2026")
    expect(answer.locator(".answer-body")).to_contain_text('<img src=x onerror="window.__xss=1">')
    assert answer.locator(".answer-body img").count() == 0
    assert page.evaluate("window.__xss") is None
    assert stub.state.questions == ["What does my ROS1 fusion mean?"]
    expect(page.locator("#ask .disclaimer")).to_be_visible()
    expect(page.locator("#disclaimer")).to_contain_text("not medical advice")
    page.screenshot(path=artifacts / "stub-5-answer.png", full_page=True)

    # Delete: cancelling keeps everything; confirming calls DELETE and clears the tab.
    page.click("#delete-button")
    page.get_by_role("button", name="Keep my data").click()
    assert stub.state.deleted == []
    page.click("#delete-button")
    expect(page.locator("#delete-dialog")).to_be_visible()
    page.screenshot(path=artifacts / "stub-6-delete-confirm.png")
    page.get_by_role("button", name="Yes, delete everything").click()
    expect(page.locator("#global-status")).to_contain_text("Your data has been deleted")
    assert stub.state.deleted == [CASE_ID]
    expect(page.locator("#review")).to_be_hidden()
    expect(page.locator("#case-panel")).to_be_hidden()
    assert page.evaluate("sessionStorage.length") == 0
    page.screenshot(path=artifacts / "stub-7-deleted.png", full_page=True)
    assert page_errors == []


def test_upload_refused_by_server(stub: StubServer, new_page: Any, page_errors: list[str]) -> None:
    """A 415 from the server (content sniffed, not the extension) is shown with its message."""
    page = new_page()
    page.goto(stub.url + "/")
    page.set_input_files(
        "#file-input", files=[{"name": "fake.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00"}]
    )
    page.click("#upload-button")
    expect(page.locator("#file-errors")).to_have_text(UNSUPPORTED_MESSAGE)
    expect(page.locator("#upload-button")).to_be_enabled()
    expect(page.locator("#progress")).to_be_hidden()
    assert stub.state.uploads == [["fake.pdf"]]
    # The refused upload is a 415 in the console; nothing else went wrong.
    assert [e for e in page_errors if "status of 415" not in e] == []
