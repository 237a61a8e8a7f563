"""The publishing commands as a user types them: roles, the outbox rehearsal, status, health."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli_helpers import run


def test_only_an_editor_approves_and_nobody_their_own_post(
    in_ws: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, "queue", "add", "drafts")[0] == 0
    code, _, err = run(capsys, "approve", "1", "--lang", "en")
    assert code == 1 and "aigerim is not an editor" in err and "[team] editors" in err
    monkeypatch.setenv("ARNA_USER", "bolat")
    code, out, _ = run(capsys, "approve", "1", "2", "--lang", "en")
    assert code == 0 and "#1 approved, scheduled for" in out
    code, out, _ = run(capsys, "reject", "3", "--reason", "фото жоқ", "--lang", "en")
    assert code == 0 and "#3 returned" in out
    code, out, _ = run(capsys, "queue", "list", "--format", "json")
    statuses = {p["id"]: p["status"] for p in json.loads(out)}
    assert statuses[1] == statuses[2] == "scheduled" and statuses[3] == "draft"


def test_the_sample_week_is_rehearsed_into_the_outbox(
    in_ws: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, "queue", "add", "drafts")[0] == 0
    monkeypatch.setenv("ARNA_USER", "bolat")
    assert run(capsys, "approve", *map(str, range(1, 9)))[0] == 0
    code, out, err = run(capsys, "publish", "--due", "--at", "2099-01-01T00:00", "--lang", "en")
    assert code == 1  # one post is held back: its unwaived K202, seeded on purpose
    assert "Sent: 7" in out and "#7 failed" in err and "K202" in err
    written = sorted(
        p.relative_to(in_ws / "outbox").as_posix() for p in (in_ws / "outbox").rglob("*.json")
    )
    assert len(written) == 7 and all(
        name.startswith(("tg-main/", "ig-main/", "fb-main/")) for name in written
    )
    payload = json.loads((in_ws / "outbox" / "tg-main" / "post-1.json").read_text("utf-8"))
    assert payload["network"] == "telegram" and payload["steps"][0]["method"] == "sendMessage"
    # a second run sends nothing again
    code, out, _ = run(capsys, "publish", "--due", "--at", "2099-01-01T00:00", "--lang", "en")
    assert code == 0 and "Sent: 0" in out
    code, out, _ = run(capsys, "status", "--lang", "en")
    assert "stopped" in out and "sent 7" in out and "#7 tg-main" in out
    status = json.loads(run(capsys, "status", "--format", "json")[1])
    assert {c["channel"]: c["failed"] for c in status["channels"]}["tg-main"] == 1


def test_a_rehearsal_is_refused_for_a_connected_channel(
    in_ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = in_ws / "config.toml"
    text = config.read_text("utf-8").replace('enabled = true\ndeliver = "outbox"', "enabled = true")
    config.write_text(text, "utf-8")
    code, _, err = run(capsys, "publish", "--due", "--at", "2099-01-01T00:00", "--lang", "en")
    assert code == 2 and "tg-main" in err and "--at" in err


def test_channels_check_names_what_is_wrong(
    in_ws: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(capsys, "channels", "check", "--lang", "en")
    assert code == 0 and "writes to the outbox for now" in out
    config = in_ws / "config.toml"
    text = config.read_text("utf-8").replace('enabled = true\ndeliver = "outbox"', "enabled = true")
    config.write_text(text, "utf-8")
    monkeypatch.delenv("ARNA_TG_MAIN_TOKEN", raising=False)
    code, out, _ = run(capsys, "channels", "check", "--lang", "ru")
    assert code == 1 and "ARNA_TG_MAIN_TOKEN" in out and "@BotFather" in out


def test_the_publishers_reasons_are_told_in_the_users_language(
    in_ws: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from scheduler import reasons as R

    assert run(capsys, "queue", "add", "drafts/07-latyn-telegram-kk.md")[0] == 0
    monkeypatch.setenv("ARNA_USER", "bolat")
    assert run(capsys, "approve", "1")[0] == 0
    code, _, err = run(capsys, "publish", "--due", "--at", "2099-01-01T00:00", "--lang", "kk")
    assert code == 1 and "рұқсат етілмеген қателер тапты: K202" in err
    code, out, _ = run(capsys, "status", "--lang", "ru")
    assert "нашла ошибки без разрешения: K202" in out
    stored = R.english(R.GAVE_UP, message="Bad Gateway", attempts=8)
    assert R.render(stored, "kk") == "Bad Gateway (8 әрекеттен кейін тоқтатылды)"
    assert R.render("Chat not found", "ru") == "Chat not found"  # the platform's own words
    for template in R.TEMPLATES:  # every template reads back from its English form
        names = {n: f"<{n}>" for n in re.findall(r"\{(\w+)\}", template.en)}
        for lang in ("kk", "ru"):
            assert R.render(template.format("en", **names), lang) == template.format(lang, **names)
