"""Accessibility and phone width: labels, keyboard operation, visible focus, WCAG AA contrast,
no horizontal scrolling at 375 px; plus reopening a case with its access code."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.stub_api import CASE_ID, TOKEN, StubServer
from tests.browser.stub_profile import PROFILE

pytestmark = pytest.mark.browser

ROS1 = "biomarker:ROS1:fusion:CD74-ROS1"

# Every element with its own text: contrast of its colour against the first opaque background
# behind it (WCAG 2.x relative luminance; 3:1 for large text, 4.5:1 otherwise).
CONTRAST_JS = """() => {
  const lum = (rgb) => {
    const [r, g, b] = rgb.map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const bgOf = (node) => {
    for (let n = node; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const bad = [];
  for (const node of document.querySelectorAll("body *")) {
    const own = [...node.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim());
    if (!own || !node.getClientRects().length || getComputedStyle(node).visibility === "hidden") continue;
    if (node.closest(".visually-hidden, .file-input, option, datalist")) continue;
    const style = getComputedStyle(node);
    const fg = lum(parse(style.color).slice(0, 3));
    const bg = lum(bgOf(node));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const what = `${node.tagName}.${node.className} "${node.textContent.trim().slice(0, 30)}"`;
    if (ratio < (large ? 3 : 4.5)) bad.push(`${what}: ${ratio.toFixed(2)}`);
  }
  return bad;
}"""

UNLABELLED_JS = """() => [...document.querySelectorAll("input, select, textarea, button")]
  .filter((n) => n.getClientRects().length || n.classList.contains("file-input"))
  .filter((n) => !(n.labels && n.labels.length) && !n.getAttribute("aria-label")
    && !n.getAttribute("aria-labelledby") && !n.textContent.trim())
  .map((n) => n.outerHTML.slice(0, 80))"""


def open_case(stub: StubServer, page: Any) -> None:
    """A case that already has its profile, opened in this tab (as after an upload)."""
    stub.state.cases[CASE_ID] = {"profile": copy.deepcopy(PROFILE)}
    page.add_init_script(
        f"sessionStorage.setItem('casewise.case', JSON.stringify({{id: '{CASE_ID}', token: '{TOKEN}'}}))"
    )
    page.goto(stub.url + "/")
    expect(page.locator(f'li.fact[data-fact-id="{ROS1}"]')).to_be_visible()


def test_phone_width(stub: StubServer, new_page: Any, artifacts: Path, page_errors: list[str]) -> None:
    page = new_page(width=375, height=812)
    open_case(stub, page)
    ros1 = page.locator(f'li.fact[data-fact-id="{ROS1}"]')
    ros1.locator(".fact-toggle").click()
    ros1.get_by_role("button", name="Correct this").click()
    page.locator("#question").fill("What are options after crizotinib?")
    page.click("#ask-button")
    expect(page.locator("#cite-1")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    too_small = page.evaluate(
        """() => [...document.querySelectorAll('button, .btn, .chip')]
        .filter((b) => b.getClientRects().length)
        .filter((b) => b.getBoundingClientRect().height < 32).map((b) => b.textContent.trim())"""
    )
    assert too_small == []
    page.screenshot(path=artifacts / "stub-phone-375.png", full_page=True)
    assert page_errors == []


def test_labels_contrast_and_keyboard(stub: StubServer, new_page: Any, page_errors: list[str]) -> None:
    page = new_page()
    open_case(stub, page)
    # Keyboard: the skip link comes first, and is visible when focused.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("document.activeElement.getBoundingClientRect().left") >= 0

    ros1 = page.locator(f'li.fact[data-fact-id="{ROS1}"]')
    ros1.locator(".fact-toggle").click()
    ros1.get_by_role("button", name="Correct this").click()
    # The stage history shows under the stage, oldest first, without opening the card.
    history = page.get_by_role("list", name="Stage over time, oldest first")
    expect(history).to_be_visible()
    assert history.locator("li").all_inner_texts() == [
        "Stage IIB (pT2a pN1), pathologic (after surgery), 2 May 2023",
        "Stage IVB (cT2a cN1 cM1c), clinical, 10 Mar 2026",
    ]
    assert page.evaluate(UNLABELLED_JS) == []
    assert page.evaluate(CONTRAST_JS) == []

    # The file picker is reachable by keyboard and its zone shows focus.
    page.focus("#file-input")
    outline = page.evaluate("getComputedStyle(document.getElementById('drop-zone')).outlineStyle")
    assert outline == "solid"

    # A fact opens and closes with Enter and Space, and its focus ring is visible.
    toggle = page.locator('li.fact[data-fact-id="biomarker:EGFR:mutation"] .fact-toggle')
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert ring == "solid"

    # The delete dialog is modal, starts on the safe choice and closes with Escape.
    page.click("#delete-button")
    assert page.evaluate("document.activeElement.textContent") == "Keep my data"
    page.keyboard.press("Escape")
    expect(page.locator("#delete-dialog")).to_be_hidden()
    assert stub.state.deleted == []
    assert page_errors == []


def test_resume_with_access_code(stub: StubServer, new_page: Any, page_errors: list[str]) -> None:
    stub.state.cases[CASE_ID] = {"profile": copy.deepcopy(PROFILE)}
    page = new_page()
    page.goto(stub.url + "/")
    page.get_by_text("Continue an existing case").click()
    page.get_by_role("textbox", name="Access code").fill("not-a-code")
    page.get_by_role("button", name="Open my case").click()
    expect(page.locator("#resume-error")).to_contain_text("does not look like an access code")
    page.get_by_role("textbox", name="Access code").fill(f"{CASE_ID}.{TOKEN}")
    page.get_by_role("button", name="Open my case").click()
    expect(page.locator(f'li.fact[data-fact-id="{ROS1}"]')).to_be_visible()
    expect(page.locator("#delete")).to_be_visible()
    assert page_errors == []
