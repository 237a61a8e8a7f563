"""The desk in a real browser (Debian's headless Chromium, driven by Playwright), served by
uvicorn as `arna serve` does: an editor signs in, reads a post's findings, and approves it.
Screenshots go to ARNA_SCREENSHOTS (default /tmp/arna-desk)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from arna.workspace import Workspace
from posts import lifecycle
from posts.users import Role, add_user
from tests.desk_server import served
from tests.test_html_report_browser import browser  # noqa: F401  (the Chromium fixture)

SHOTS = Path(os.environ.get("ARNA_SCREENSHOTS", "/tmp/arna-desk"))
PASSWORD = "кітап-фест-2026"


@pytest.fixture
def desk(in_ws: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[tuple[str, Workspace]]:
    from tests.cli_helpers import run

    assert run(capsys, "queue", "add", "drafts")[0] == 0
    ws = Workspace.open(in_ws / "config.toml")
    with ws.db.write() as s:
        add_user(s, login="bolat", name="Болат Ахметов", office="turkistan", role=Role.EDITOR,
                 password=PASSWORD, lang="kk")  # fmt: skip
    with served(ws) as base:
        yield base, ws
    ws.close()


def test_an_editor_signs_in_reads_the_findings_and_approves(browser, desk) -> None:  # noqa: F811
    base, ws = desk
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/review")
    assert page.url.endswith("/signin")
    page.fill("#login", "bolat")
    page.fill("#password", PASSWORD)
    page.screenshot(path=str(SHOTS / "signin.png"))
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/review")
    rows = page.locator("tbody tr")
    assert rows.count() == 8
    page.screenshot(path=str(SHOTS / "review.png"), full_page=True)
    page.click("a[href='/posts/7']")  # the sample post with a Latin «a» in a Kazakh word
    assert "K202" in page.locator("#findings").inner_text()
    page.screenshot(path=str(SHOTS / "post.png"), full_page=True)
    page.click("a[href='/review']")
    page.click("a[href='/posts/2']")
    page.click("form[action='/posts/2/approve'] button")
    page.wait_for_url(f"{base}/review?done=approved&id=2")
    assert "#2 бекітілді." in page.locator(".flash").inner_text()
    assert page.locator("tbody tr").count() == 7
    with ws.db.read() as s:
        assert lifecycle.get_post(s, 2).status == "scheduled"
    from datetime import date

    from arna.sample_week import sample_week_monday

    year, week, _ = sample_week_monday(date.today()).isocalendar()
    page.goto(f"{base}/week?w={year}-W{week:02d}")  # the approved post in its slot
    assert "кестеде" in page.locator("#channel-ig-main").inner_text()
    page.screenshot(path=str(SHOTS / "week.png"), full_page=True)
    assert errors == []
    context.close()


def test_the_editor_highlights_findings_as_the_smm_types(browser, desk) -> None:  # noqa: F811
    from playwright.sync_api import expect

    base, ws = desk
    with ws.db.write() as s:
        add_user(s, login="aigerim", name="Айгерім", office="turkistan", role=Role.SMM,
                 password=PASSWORD, lang="ru")  # fmt: skip
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/signin")
    page.fill("#login", "aigerim")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/review")
    page.goto(f"{base}/posts/7/edit")
    page.wait_for_selector("#live-findings li")  # the first lint, on opening
    assert page.locator("mark.error").first.inner_text() == "лaтын"  # K202, the Latin «a»
    started = time.monotonic()
    page.fill("#text", "Жаңа латын әліпбиі <script>window.__x=1</script> #руханижаңғыру")
    expect(page.locator("#live-findings")).not_to_contain_text("K202", timeout=3000)
    assert time.monotonic() - started < 3.0
    assert page.evaluate("window.__x") is None  # the typed text stays text
    page.screenshot(path=str(SHOTS / "editor.png"), full_page=True)
    page.click("#editor button[type=submit]")
    page.wait_for_url(f"{base}/posts/7")
    assert "<script>" in page.locator("#post-text").inner_text()
    assert errors == []
    context.close()
