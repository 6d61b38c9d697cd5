"""The page's pure functions, run in Chromium through their ES modules: Markdown rendering (and
its HTML escaping), evidence highlighting, job wording, file checks, suggestions, access codes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import free_port
from tests.browser.stub_api import StubServer, StubState

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(browser: Any) -> Iterator[Any]:
    """One page for the module: these functions keep no state between calls."""
    with StubServer(StubState(), free_port()) as stub:
        ctx = browser.new_context()
        p = ctx.new_page()
        p.goto(stub.url + "/")
        yield p
        ctx.close()


def run(page: Any, module: str, body: str, arg: Any = None) -> Any:
    """Evaluate `body` (an async function of (m, arg)) with `m` the imported /js/<module>.js."""
    return page.evaluate(
        f"async (arg) => {{ const m = await import('/js/{module}.js'); return ({body})(m, arg); }}", arg
    )


def test_markdown_structure_and_escaping(page: Any) -> None:
    md = (
        "# Top\n## Sub **bold** [3]\nline one\nline two\n\n- a *it*\n- b `x<y`\n\n"
        "1. one\n2. two\n\n<script>alert(1)</script>"
    )
    render = """(m, md) => {
      const d = document.createElement('div');
      d.append(m.renderMarkdown(md));
      return d.innerHTML;
    }"""
    html = run(page, "markdown", render, md)
    assert html.startswith("<h3>Top</h3><h4>Sub <strong>bold</strong> <sup")
    assert '<a href="#cite-3" aria-label="Source 3">3</a>' in html
    assert "<p>line one line two</p>" in html
    assert "<ul><li>a <em>it</em></li><li>b <code>x&lt;y</code></li></ul>" in html
    assert "<ol><li>one</li><li>two</li></ol>" in html
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>" in html
    assert "<script>" not in html


def test_markdown_italics_and_sections(page: Any) -> None:
    render = """(m, md) => {
      const d = document.createElement('div');
      d.append(m.renderMarkdown(md));
      return d.innerHTML;
    }"""
    html = run(page, "markdown", render, "_Not advice._ keep snake_case_name and 2*3*4")
    assert html == "<p><em>Not advice.</em> keep snake_case_name and 2<em>3</em>4</p>"
    md = "## What it means\ntext\n## Sources\n1. a\n2. b\n### sub of sources\nx\n## Next\nmore"
    assert run(page, "markdown", "(m, md) => m.withoutSections(md, ['Sources'])", md) == (
        "## What it means\ntext\n## Next\nmore"
    )


def test_highlight_uses_offsets_inside_the_sentence_else_the_text(page: Any) -> None:
    body = "(m, a) => m.highlightRange(a[0], a[1])"
    sentence = "ROS1 CD74-ROS1 fusion detected."
    # Offsets inside the sentence that point at the mention: used as they are.
    assert run(page, "evidence", body, [{"text": sentence, "start": 5, "end": 14}, ["CD74-ROS1"]]) == [5, 14]
    # Page offsets beyond the sentence: the detail text is found instead.
    assert run(page, "evidence", body, [{"text": sentence, "start": 400, "end": 409}, ["CD74-ROS1"]]) == [
        5,
        14,
    ]
    # Offsets that fit but point elsewhere lose to the detail text; "::" and "-" spellings match.
    assert run(page, "evidence", body, [{"text": sentence, "start": 15, "end": 21}, ["CD74::ROS1"]]) == [
        5,
        14,
    ]
    # Nothing to find and no usable offsets: no highlight.
    assert run(page, "evidence", body, [{"text": sentence, "start": None, "end": None}, ["ALK"]]) is None


def test_job_wording(page: Any) -> None:
    body = "(m, jobs) => jobs.map((j) => [m.describeJob(j), Math.round(m.percentOf(j))])"
    jobs = [
        {"status": "queued", "stage": "queued", "pages_done": 0, "pages_total": 0},
        {"status": "running", "stage": "ocr", "pages_done": 2, "pages_total": 7},
        {"status": "running", "stage": "extracting", "pages_done": 7, "pages_total": 7},
        {"status": "failed", "stage": "reading", "pages_done": 0, "pages_total": 0},
    ]
    assert run(page, "progress", body, jobs) == [
        ["Waiting to start", 2],
        ["Recognising text (OCR): page 3 of 7", 32],
        ["Finding facts in the text", 80],
        ["Could not read this file", 100],
    ]


def test_file_checks_mirror_the_server(page: Any) -> None:
    body = """(m) => {
      const limits = { ...m.DEFAULT_LIMITS, maxUploadBytes: 1000 };
      const f = (name, size, type) => new File([new Uint8Array(size)], name, { type });
      return [f("a.PDF", 10, "application/pdf"), f("b.jpeg", 10, "image/jpeg"), f("c.docx", 10, ""),
              f("d.pdf", 10, "text/html"), f("e.pdf", 1001, "application/pdf"), f("f.txt", 0, "text/plain")]
        .map((x) => m.checkFile(x, limits));
    }"""
    out = run(page, "upload", body)
    assert out[:2] == [None, None]
    assert "not supported" in out[2] and "not supported" in out[3]
    assert "the limit is 1000 bytes per file" in out[4]
    assert "empty" in out[5]


def test_suggestions_from_profile(page: Any) -> None:
    profile = {
        "biomarkers": [
            {"id": "b1", "gene": "ROS1", "alteration": "fusion", "detail": "CD74-ROS1", "status": "positive"},
            {"id": "b2", "gene": "EGFR", "alteration": "mutation", "detail": "p.L858R", "status": "positive"},
            {"id": "b3", "gene": "KRAS", "alteration": "mutation", "detail": "p.G12C", "status": "negative"},
            {"id": "b4", "gene": "ALK", "alteration": "fusion", "detail": None, "status": "positive"},
        ],
        "treatments": [
            {"id": "t1", "agent": "carboplatin", "start": "2024-01"},
            {"id": "t2", "agent": "crizotinib", "start": "2024-06"},
        ],
        "corrections": [{"fact_id": "b4", "action": "reject"}],
    }
    assert run(page, "ask", "(m, p) => m.suggestQuestions(p, 10)", profile) == [
        "What does my ROS1 fusion mean?",
        "What does my EGFR L858R mutation mean?",
        "What are options after crizotinib?",
        "What are options after carboplatin?",
    ]


def test_access_code_round_trip(page: Any) -> None:
    body = """(m) => [m.parseAccessCode(m.accessCode({id: 'c1', token: 'a.b-c'})),
                      m.parseAccessCode('nodot'), m.parseAccessCode(' x. ')]"""
    assert run(page, "api", body) == [{"id": "c1", "token": "a.b-c"}, None, None]
