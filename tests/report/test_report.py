"""The analyst's brief, opened offline in real headless Chromium (Debian's `chromium`, driven by
Playwright through the system browser): every item is highlighted, a discrepancy leads to its
span, nothing errs or reaches out, and a hostile document's markup stays text."""

import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from pipeline.align.compare import compare_with_canonical
from pipeline.analyze import analyze_text
from pipeline.canonical import load_canonical
from pipeline.report.brief import build_brief, write_report
from pipeline.report.html import render_html
from pipeline.report.markdown import render_markdown

pytestmark = pytest.mark.slow   # a headless browser renders the brief

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags that keep a headless Chromium from reaching for Google's services on a closed network.
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps"]

PAYLOADS = ['<script>alert("s")</script>', '"><img src=x onerror=alert("i")>', "javascript:alert('j')",
            '<a href="javascript:alert(\'a\')">click</a>', "[link](javascript:alert('m'))"]
HOSTILE = (
    f"China's State Council issues an AI plan {PAYLOADS[0]}\n\n"
    f"BEIJING, March 5 (Xinhua) -- The State Council issued the plan {PAYLOADS[1]} on Tuesday.\n\n"
    f"By 2027, the core AI industry will exceed 1 trillion yuan, and R&D spending will reach 3% of GDP. "
    f"Details: {PAYLOADS[2]} {PAYLOADS[3]} {PAYLOADS[4]}\n"
)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is needed for the report tests: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_offline(browser, path: Path):
    """The page, with every request other than the file itself recorded and refused."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    events = {"requests": [], "console": [], "errors": [], "dialogs": []}
    page.on("console", lambda m: events["console"].append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: events["errors"].append(str(e)))
    page.on("dialog", lambda d: (events["dialogs"].append(d.message), d.dismiss()))

    def refuse(route):
        if route.request.url != path.as_uri():
            events["requests"].append(route.request.url)
            return route.abort()
        return route.continue_()

    page.route("**/*", refuse)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, events


@pytest.fixture(scope="module")
def seed_brief(seed_record, tmp_path_factory):
    canonical = load_canonical("western-science-city")
    comparison = compare_with_canonical(seed_record, canonical)
    path = tmp_path_factory.mktemp("brief") / "seed.html"
    write_report(path, seed_record, original=canonical, comparison=comparison)
    return path, build_brief(seed_record, original=canonical, comparison=comparison), seed_record


def test_every_item_is_highlighted_once(browser, seed_brief):
    path, brief, record = seed_brief
    page, events = open_offline(browser, path)
    keys = page.eval_on_selector_all("mark.hl[data-key]", "els => [...new Set(els.map(e => e.dataset.key))]")
    items = [*record.dates, *record.issuers, *record.entities, *record.targets]
    expected = len(items) + len(record.chapters) + len(record.measures)
    assert len(keys) == brief.item_count() == expected
    # each highlight starts with an anchor that its row's link reaches
    anchors = page.eval_on_selector_all("mark.hl[id]", "els => els.map(e => e.id)")
    assert sorted(anchors) == sorted(keys)
    assert events == {"requests": [], "console": [], "errors": [], "dialogs": []}


def test_a_highlight_holds_the_exact_text_of_its_item(browser, seed_brief):
    path, _, record = seed_brief
    page, _ = open_offline(browser, path)
    for t in record.targets[:6]:
        key = ("b-target-" if t.kind == "quantitative" else "b-goal-") + t.id
        shown = page.eval_on_selector_all(f'mark[data-key="{key}"]', "els => els.map(e => e.textContent)")
        assert "".join(dict.fromkeys(shown)) .startswith(t.text[:10])


def test_clicking_a_discrepancy_scrolls_to_its_span(browser, seed_brief):
    path, brief, _ = seed_brief
    page, events = open_offline(browser, path)
    link = page.locator('#discrepancies a.to-span[href^="#b-target-"]').first
    key = link.get_attribute("href")[1:]
    target = page.locator(f"#{key}")
    assert not _in_view(page, key)            # it starts far below, in the full text
    link.click()
    page.wait_for_timeout(300)
    assert _in_view(page, key)
    assert "flash" in (target.get_attribute("class") or "")
    # and back: clicking the highlight brings its table row into view
    row = f"row-{key}"
    page.locator(f"#{key}").click()
    page.wait_for_timeout(300)
    assert _in_view(page, row)
    assert events["console"] == [] and events["errors"] == []


def _in_view(page, element_id: str) -> bool:
    return page.evaluate(
        """id => { const r = document.getElementById(id).getBoundingClientRect();
                   return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }""", element_id)


def test_the_brief_is_self_contained_and_locked_down(seed_brief):
    html = seed_brief[0].read_text(encoding="utf-8")
    policy = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)[1])
    assert policy.startswith("default-src 'none'; style-src 'sha256-") and "script-src 'sha256-" in policy
    assert not re.search(r'(src|href)="(https?:)?//', html)            # nothing fetched from elsewhere
    assert html.count("<script") == 1 and "<link" not in html
    assert "@page { size: A4" in html and "@media print" in html


@pytest.fixture(scope="module")
def hostile_record():
    return analyze_text(HOSTILE, lang="en", doc_id="hostile", source='"><svg onload=alert(1)>.txt')


def test_injected_markup_stays_text(browser, hostile_record, tmp_path):
    path = tmp_path / "hostile.html"
    write_report(path, hostile_record)
    page, events = open_offline(browser, path)
    assert events == {"requests": [], "console": [], "errors": [], "dialogs": []}
    assert page.locator("img").count() == 0 and page.locator("svg").count() == 0
    assert page.locator("script").count() == 1                           # the brief's own
    hrefs = page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href'))")
    assert all(h.startswith("#") for h in hrefs)                       # no javascript: (or any outside) link
    shown = page.inner_text("#text-a")
    for payload in PAYLOADS:
        assert payload in shown
    assert hostile_record.targets, "the hostile text still reads as a document"


def test_markdown_keeps_document_text_inert(hostile_record):
    text = render_markdown(build_brief(hostile_record))
    assert "<script" not in text and "<img" not in text and "<a href" not in text
    assert "](javascript:" not in text
    assert "&lt;script&gt;" in text


def test_labels_follow_the_readers_language(seed_brief, seed_record):
    canonical = load_canonical("western-science-city")
    comparison = compare_with_canonical(seed_record, canonical)
    thai = render_html(build_brief(seed_record, original=canonical, comparison=comparison, ui="th"))
    assert "ความแตกต่าง" in thai and "Discrepancies" not in thai
    # a Chinese issuer is named for a Thai reader from the gazetteer
    assert "กระทรวงวิทยาศาสตร์และเทคโนโลยี" in thai


def test_the_brief_prints_to_a4(browser, seed_brief):
    """The print stylesheet: the full text is not cut to a scrolling box, and pages are A4."""
    path = seed_brief[0]
    page, _ = open_offline(browser, path)
    page.emulate_media(media="print")
    box = page.eval_on_selector("#text-b", "e => [e.scrollHeight, e.clientHeight]")
    assert box[0] == box[1]                      # nothing hidden behind a scroll bar on paper
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") > 3
    assert b"/MediaBox [0 0 595" in pdf or b"/MediaBox [0 0 594" in pdf   # A4 width in points
