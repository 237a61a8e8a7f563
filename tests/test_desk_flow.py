"""The desk's whole flow in Chromium (issue 6): an SMM officer drafts a story for Telegram and
Instagram with a photo, sees P301 and H301 flagged, fixes them and submits; an editor approves;
the post stands in the week's calendar on its slot; the publisher sends it to the Bot API
emulator. Screenshots of each step go to ARNA_SCREENSHOTS (default /tmp/arna-desk)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image

from arna.workspace import Workspace
from posts import lifecycle
from posts.types import utcnow
from posts.users import Role, add_user
from tests.desk_server import served
from tests.emulators.telegram_api import TelegramEmulator
from tests.test_html_report_browser import browser  # noqa: F401  (the Chromium fixture)

SHOTS = Path(os.environ.get("ARNA_SCREENSHOTS", "/tmp/arna-desk"))
PASSWORD = "кітап-фест-2026"
TOKEN = "515151:DESK-FLOW"
CHANNEL = -1003100000001


@pytest.fixture
def flow(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, Workspace, TelegramEmulator]]:
    for draft in (workspace / "drafts").glob("*.md"):
        draft.unlink()  # an empty week: only the story of this test
    emulator = TelegramEmulator()
    emulator.add_bot(TOKEN, "arna_flow_bot")
    emulator.add_channel(CHANNEL, username="rukhani_turkistan", admins=[TOKEN])
    emulator.start()
    config = workspace / "config.toml"
    config.write_text(
        config.read_text("utf-8").replace(
            'enabled = true\ndeliver = "outbox"', f'enabled = true\napi_base_url = "{emulator.url}"'
        ),
        "utf-8",
    )
    monkeypatch.setenv("ARNA_TG_MAIN_TOKEN", TOKEN)
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    ws = Workspace.open(config)
    with ws.db.write() as s:
        add_user(s, login="aigerim", name="Айгерім", office="turkistan", role=Role.SMM,
                 password=PASSWORD, lang="kk")  # fmt: skip
        add_user(s, login="bolat", name="Болат", office="turkistan", role=Role.EDITOR,
                 password=PASSWORD, lang="ru")  # fmt: skip
    with served(ws) as base:
        yield base, ws, emulator
    ws.close()
    emulator.stop()


def _sign_in(page, base: str, login: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/signin")
    page.fill("#login", login)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/review")


def test_draft_fix_submit_approve_schedule_publish(browser, flow, tmp_path: Path) -> None:  # noqa: F811
    from playwright.sync_api import expect

    base, ws, emulator = flow
    SHOTS.mkdir(parents=True, exist_ok=True)
    photo = tmp_path / "kesh.jpg"
    Image.new("RGB", (1080, 1350), (40, 120, 90)).save(photo, "JPEG")
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    # 1. the SMM officer drafts the story for Telegram and Instagram, with a photo
    _sign_in(page, base, "aigerim")
    page.goto(f"{base}/stories/new")
    page.fill("#story-key", "kitap-kesh")
    page.check("input[name='use_tg-main']")
    page.fill("#text-tg-main", "Қандай кітапты соңғы рет оқыдыңыз? Кешке кітапханада кездесейік!")
    page.check("input[name='use_ig-main']")
    page.select_option("#kind-ig-main", "photo")
    long_caption = "Кітап кешінен бір сурет: оқырмандар өлең оқыды. " * 50 + "#руханижаңғыру"
    page.fill("#text-ig-main", long_caption)
    page.set_input_files("#media-ig-main", str(photo))
    page.screenshot(path=str(SHOTS / "flow-1-new-story.png"), full_page=True)
    page.click("button[value=draft]")
    page.wait_for_url(f"{base}/posts/*")
    telegram_id = int(page.url.rsplit("/", 1)[1])
    instagram_id = telegram_id + 1

    # 2. H301 and P301 are flagged; the officer fixes them as the live lint watches, and submits
    expect(page.locator("#findings")).to_contain_text("H301")
    page.goto(f"{base}/posts/{telegram_id}/edit")
    expect(page.locator("#live-findings")).to_contain_text("H301")
    page.fill(
        "#text", "Қандай кітапты соңғы рет оқыдыңыз? Кешке кітапханада кездесейік! #руханижаңғыру"
    )
    expect(page.locator("#live-findings")).not_to_contain_text("H301", timeout=3000)
    page.click("#editor button[type=submit]")
    page.wait_for_url(f"{base}/posts/{telegram_id}")
    page.click(f"form[action='/posts/{telegram_id}/submit'] button")
    page.goto(f"{base}/posts/{instagram_id}/edit")
    expect(page.locator("#live-findings")).to_contain_text("P301")
    assert page.locator("mark.error").count() >= 1  # the caption's overflow, highlighted
    page.screenshot(path=str(SHOTS / "flow-2-live-lint.png"), full_page=True)
    page.fill("#text", "Кітап кешінен бір сурет: оқырмандар өлең оқыды. #руханижаңғыру")
    expect(page.locator("#live-findings")).not_to_contain_text("P301", timeout=3000)
    page.click("#editor button[type=submit]")
    page.wait_for_url(f"{base}/posts/{instagram_id}")
    assert page.locator(".media-item img").count() == 1  # the photo, with its findings' boxes
    page.screenshot(path=str(SHOTS / "flow-3-post.png"), full_page=True)
    page.click(f"form[action='/posts/{instagram_id}/submit'] button")
    page.wait_for_url(f"{base}/posts/{instagram_id}")
    page.click("header form button")  # sign out

    # 3. the editor approves both
    _sign_in(page, base, "bolat")
    for post_id in (telegram_id, instagram_id):
        page.goto(f"{base}/posts/{post_id}")
        page.click(f"form[action='/posts/{post_id}/approve'] button")
        page.wait_for_url(f"{base}/review*")
    with ws.db.read() as s:
        post = lifecycle.get_post(s, telegram_id)
        assert post.status == "scheduled" and post.scheduled_at is not None
        slot = post.scheduled_at

    # 4. the post stands in the week's calendar, on its slot
    year, week, _ = slot.astimezone(ws.config.tz).isocalendar()
    page.goto(f"{base}/week?w={year}-W{week:02d}")
    row = page.locator("#channel-tg-main tr", has=page.locator(f"a[href='/posts/{telegram_id}']"))
    expect(row).to_contain_text(slot.astimezone(ws.config.tz).strftime("%H:%M"))
    page.screenshot(path=str(SHOTS / "flow-4-week.png"), full_page=True)
    assert errors == []
    context.close()

    # 5. the publisher sends it to the Bot API emulator (its slot moved to now: no waiting days)
    from arna.publish_wiring import open_publisher

    with ws.db.write() as s:
        lifecycle.reschedule(
            s, lifecycle.get_post(s, telegram_id), utcnow() - timedelta(seconds=1), "bolat"
        )
    with open_publisher(ws) as publisher:
        tally = publisher.run_due()
    assert telegram_id in tally.sent
    assert emulator.delivered_texts(CHANNEL) == [
        "Қандай кітапты соңғы рет оқыдыңыз? Кешке кітапханада кездесейік! #руханижаңғыру"
    ]
