"""The `arna` command, run as users run it: in a workspace, with real files and databases."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from posts import migrate
from tests.cli_helpers import run
from tests.databases import SKIP_POSTGRES, fresh_postgres_url

ARNA = str(Path(sys.executable).with_name("arna"))


def test_the_readme_flow_works_as_separate_processes(tmp_path: Path) -> None:
    """`arna init /tmp/w && cd /tmp/w && arna queue add drafts/ && arna queue list`."""
    env = {**os.environ, "ARNA_LANG": "en"}
    env.pop("ARNA_DATABASE_URL", None)
    ws = tmp_path / "w"
    subprocess.run([ARNA, "init", str(ws)], check=True, env=env, capture_output=True)
    added = subprocess.run(
        [ARNA, "queue", "add", "drafts/"], cwd=ws, env=env, capture_output=True, text=True
    )
    assert added.returncode == 0, added.stderr
    assert "8 posts queued" in added.stdout
    listed = subprocess.run(
        [ARNA, "queue", "list", "--format", "json"],
        cwd=ws,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    posts = json.loads(listed.stdout)
    assert len(posts) == 8 and all(p["status"] == "in_review" for p in posts)
    assert all(p["scheduled"] for p in posts), "every sample post gets a time or a free slot"


def test_queue_list_filters_by_week_status_and_channel(
    in_ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "queue", "add", "drafts")[0] == 0
    code, out, _ = run(capsys, "queue", "list", "--channel", "ig-main", "--format", "json")
    assert code == 0 and {p["channel"] for p in json.loads(out)} == {"ig-main"}
    first = json.loads(run(capsys, "queue", "list", "--format", "json")[1])[0]
    from datetime import datetime

    week = datetime.fromisoformat(first["scheduled"]).astimezone().isocalendar()
    code, out, _ = run(
        capsys, "queue", "list", "--week", f"{week.year}-W{week.week:02d}", "--format", "json"
    )
    assert code == 0 and len(json.loads(out)) >= 1
    code, out, _ = run(capsys, "queue", "list", "--week", "1999-W01", "--lang", "en")
    assert code == 0 and "No posts match" in out
    code, _, err = run(capsys, "queue", "list", "--week", "next week", "--lang", "en")
    assert code == 2 and "2026-W48" in err
    code, out, _ = run(capsys, "queue", "list", "--status", "sent", "--format", "json")
    assert json.loads(out) == []


def test_show_and_cancel_a_post(in_ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "queue", "add", "drafts/02-kitap-fest-instagram-ru.md")
    code, out, _ = run(capsys, "queue", "show", "1", "--lang", "ru")
    assert code == 0 and "история" in out and "draft → in_review" in out and "aigerim" in out
    code, out, _ = run(capsys, "queue", "cancel", "1", "--reason", "перенесли", "--lang", "kk")
    assert code == 0 and "тоқтатылды" in out
    code, _, err = run(capsys, "queue", "cancel", "1", "--lang", "en")
    assert code == 1 and "cancelled" in err
    code, out, _ = run(capsys, "queue", "show", "1", "--format", "json")
    history = json.loads(out)["history"]
    assert history[-1]["action"] == "cancel" and history[-1]["reason"] == "перенесли"
    code, _, err = run(capsys, "queue", "show", "42", "--lang", "en")
    assert code == 2 and "There is no post #42" in err


def test_bad_drafts_exit_2_name_file_and_line_and_write_nothing(
    in_ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (in_ws / "drafts" / "10-past.md").write_text(
        '+++\nnetwork = "telegram"\nchannel = "tg-main"\nkind = "text"\nstory = "old"\n'
        "scheduled = 2020-01-01T10:00:00\n+++\nКеш қалдық.\n",
        "utf-8",
    )
    (in_ws / "drafts" / "11-cp1251.md").write_bytes(
        '+++\nnetwork = "vk"\nkind = "text"\nstory = "x"\n+++\nПривет\n'.encode("cp1251")
    )
    (in_ws / "drafts" / "12-channel.md").write_text(
        '+++\nnetwork = "telegram"\nchannel = "tg-mian"\nkind = "text"\nstory = "x"\n+++\nA\n',
        "utf-8",
    )
    code, _, err = run(capsys, "queue", "add", "drafts", "--lang", "en")
    assert code == 2
    assert "10-past.md:6" in err and "past" in err
    assert "11-cp1251.md:6" in err and "UTF-8" in err
    assert "12-channel.md:3" in err and "tg-main" in err
    assert "nothing was written" in err
    assert json.loads(run(capsys, "queue", "list", "--format", "json")[1]) == []


def test_checking_drafts_writes_nothing(in_ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "drafts", "check", "drafts", "--lang", "en")
    assert code == 0 and "8 drafts checked" in out
    assert not (in_ws / "arna.db").exists() and not (in_ws / "media").exists()


def test_queueing_nothing_is_an_error(in_ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (in_ws / "empty").mkdir()
    code, _, err = run(capsys, "queue", "add", "empty", "--lang", "ru")
    assert code == 2 and "Черновики не найдены" in err


def test_init_refuses_a_folder_that_is_not_empty(
    in_ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "init", str(in_ws), "--lang", "en")
    assert code == 2 and "not empty" in err


def test_a_token_written_into_config_is_refused_and_never_echoed(
    in_ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    token = "1234567890:" + "A" * 20 + "b" * 15
    config = in_ws / "config.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace('credentials_env = "ARNA_TG_MAIN_TOKEN"', f'credentials_env = "{token}"'),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "queue", "list", "--lang", "en")
    assert code == 2 and "credentials_env" in err and "environment variable" in err
    assert token not in out + err and token[11:] not in out + err


def test_a_locked_database_waits_then_says_so(
    in_ws: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, "queue", "list")[0] == 0  # creates and migrates arna.db
    monkeypatch.setenv("ARNA_BUSY_TIMEOUT", "1")
    holder = sqlite3.connect(in_ws / "arna.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        code, _, err = run(capsys, "queue", "add", "drafts", "--lang", "en")
        waited = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 3 and "busy" in err and waited >= 0.9
    assert run(capsys, "queue", "add", "drafts")[0] == 0  # and then it works
    assert not [p for p in (in_ws / "media").rglob("*.tmp*")], "no half-written blobs"


@pytest.mark.postgres
@pytest.mark.skipif(SKIP_POSTGRES, reason="ARNA_TEST_POSTGRES=skip")
def test_postgresql_is_used_when_the_url_is_set(
    in_ws: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_postgres_url() as url:
        monkeypatch.setenv("ARNA_DATABASE_URL", url)
        code, _, err = run(capsys, "queue", "list", "--lang", "en")
        assert code == 3 and "arna db upgrade" in err  # PostgreSQL is never migrated implicitly
        assert run(capsys, "db", "upgrade")[0] == 0
        code, out, _ = run(capsys, "queue", "add", "drafts", "--lang", "en")
        assert code == 0 and "8 posts queued" in out
        assert not (in_ws / "arna.db").exists()
        code, out, _ = run(capsys, "db", "current", "--lang", "en")
        head = migrate.head_revision()
        assert f"{head} (latest {head})" in out
