"""The HTML report in a real browser: Debian's headless Chromium, driven by Playwright.

Nothing is downloaded: Playwright drives /usr/bin/chromium (never `playwright install`). The test
skips only where Chromium is absent and cannot be installed (not root); as root, as in CI, a
missing Chromium or Playwright is a failure that says what to install.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from linters.engine import Engine, PostResult
from linters.report import render
from linters.rules.script import MixedScriptWord
from linters.subject import Subject
from tests.test_reports import DRAFT_TEXT, REGISTRY, sample_subjects

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = Path("/tmp/arna-report.png")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOSTILE = (
    'Kазақстан <script>window.__pwned = 1; alert("x")</script> '
    '<img src=x onerror="window.__pwned = 2"> \'"><svg onload=window.__pwned=3>'
)


def _require(what: str, fix: str) -> None:
    if os.geteuid() == 0:
        pytest.fail(f"{what} is missing; install it: {fix}")
    pytest.skip(f"{what} is missing and this user is not root, so it cannot be installed ({fix})")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        _require("Debian's Chromium (/usr/bin/chromium)", "apt-get install -y chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _require("the playwright package", ".venv/bin/pip install 'playwright>=1.45,<2'")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def results() -> list[PostResult]:
    hostile = Subject(text=HOSTILE, network="x", kind="text", path="drafts/hostile.md")
    return Engine(registry=REGISTRY).lint_many([*sample_subjects(), hostile])


@pytest.fixture(scope="module")
def report(results: list[PostResult], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    html = render(results, "html", lang="kk", registry=REGISTRY, version="0.1.0")
    path.write_text(html, encoding="utf-8")
    return path


@pytest.fixture
def page(browser, report: Path) -> Iterator[tuple[object, dict[str, list[str]]]]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    seen: dict[str, list[str]] = {"requests": [], "dialogs": [], "errors": [], "console": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("console", lambda m: seen["console"].append(f"{m.type}: {m.text}"))
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    yield page, seen
    context.close()


def test_marks_hold_exactly_the_flagged_text(page, results: list[PostResult]) -> None:
    pg, _ = page
    checked = 0
    for index, result in enumerate(results):
        for n, finding in enumerate(result.findings, start=1):
            if finding.span is None:
                continue
            fid = f"f-{index + 1}-{n}"
            shown = pg.eval_on_selector_all(
                f'mark[data-findings~="{fid}"]', "els => els.map(e => e.textContent).join('')"
            )
            assert shown == result.subject.text[finding.span[0] : finding.span[1]], fid
            checked += 1
    assert checked >= 5
    words = pg.eval_on_selector_all('mark[data-code="K202"]', "els => els.map(e => e.textContent)")
    assert words == ["Рухaни", "Шымкентe", "Kазақстан"]  # the draft's first word overlaps S901
    assert pg.get_attribute('mark[data-code="K202 S901"]', "title").startswith("K202: «Kазақстан»")


def _first_k202(pg) -> str:
    return pg.locator('#post-1 li.finding[data-code="K202"]').first.get_attribute("id")


def test_a_click_opens_the_rules_explanation(page) -> None:
    pg, seen = page
    rule = pg.locator("#rule-K202")
    what = MixedScriptWord.doc.instead.kk
    assert rule.evaluate("d => d.open") is False
    assert not pg.get_by_text(what).is_visible()
    pg.locator(f"#{_first_k202(pg)} a.explain").click()  # «Түсіндірме»
    assert rule.evaluate("d => d.open") is True
    assert pg.get_by_text(what).is_visible()
    assert pg.get_by_text(MixedScriptWord.doc.quote_kk).first.is_visible()
    assert not seen["errors"]


def test_marks_and_findings_point_at_each_other(page) -> None:
    pg, _ = page
    fid = _first_k202(pg)
    pg.locator(f"#{fid} a.loc").click()
    assert pg.locator(f'mark.flash[data-findings~="{fid}"]').count() == 1
    mark = pg.locator('mark[data-code="K202"]').first
    target = mark.get_attribute("data-findings")
    mark.click()
    assert "flash" in (pg.get_attribute(f"#{target}", "class") or "")


def test_no_script_from_a_post_runs_and_nothing_is_fetched(page, report: Path) -> None:
    pg, seen = page
    assert pg.evaluate("window.__pwned") is None
    assert seen["dialogs"] == [] and seen["errors"] == []
    assert [c for c in seen["console"] if c.startswith("error")] == []  # nothing hit the CSP
    assert seen["requests"] == [report.as_uri()]
    hostile = pg.locator("section.post", has_text="drafts/hostile.md").locator(".text")
    assert hostile.inner_text() == HOSTILE
    assert pg.locator("section.post img, section.post svg, main script").count() == 0
    assert pg.locator(f"#{_first_k202(pg)} .evidence").count() == 1


def test_screenshot_for_a_person_to_read(page) -> None:
    pg, _ = page
    pg.locator(f"#{_first_k202(pg)} a.explain").click()
    pg.evaluate("window.scrollTo(0, 0)")
    pg.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 10_000
    assert DRAFT_TEXT.splitlines()[0] in pg.inner_text("#post-1 .text")
