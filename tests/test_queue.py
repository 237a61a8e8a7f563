"""Queueing drafts into a real database: all or nothing, on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from posts.config import load_config
from posts.db import Database
from posts.errors import InputError
from posts.media_store import MediaStore
from posts.models import AuditEvent, Media, Post, PostMedia, Story
from posts.queue import import_drafts

NOW = datetime.now(UTC)


def _store(workspace: Path) -> MediaStore:
    config = load_config(workspace / "config.toml")
    return MediaStore(config.media_root, config.max_media_bytes)


def _import(db: Database, workspace: Path, *paths: Path) -> list[Post]:
    config = load_config(workspace / "config.toml")
    return import_drafts(
        db,
        _store(workspace),
        config,
        list(paths or [workspace / "drafts"]),
        actor="aigerim",
        now=NOW,
    )


def _blobs(workspace: Path) -> list[Path]:
    root = workspace / "media"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _counts(db: Database) -> dict[str, int]:
    with db.read() as s:
        return {
            m.__name__: len(s.exec(select(m)).all())
            for m in (Post, Story, Media, PostMedia, AuditEvent)
        }


def test_the_sample_week_imports_into_review_with_its_media(db: Database, workspace: Path) -> None:
    posts = _import(db, workspace)
    assert len(posts) == 8
    assert {p.status for p in posts} == {"in_review"}
    assert {p.network for p in posts} == {"telegram", "instagram", "facebook"}
    assert {p.language for p in posts} == {"kk", "ru"}
    with db.read() as s:
        stories = {st.key: st for st in s.exec(select(Story))}
        assert stories["tugan-zher-ekspeditsiya"].project == "tugan-zher"
        album = s.exec(select(Post).where(Post.kind == "album")).one()
        media = s.exec(select(PostMedia).where(PostMedia.post_id == album.id)).all()
        assert [m.position for m in media] == [0, 1] and all(m.alt_text for m in media)
    # every media file is in the store under its own hash
    for blob in _blobs(workspace):
        import hashlib

        assert hashlib.sha256(blob.read_bytes()).hexdigest() == blob.stem


def test_naive_times_are_office_local_and_stored_in_utc(db: Database, workspace: Path) -> None:
    posts = _import(db, workspace, workspace / "drafts" / "01-kitap-fest-telegram-kk.md")
    text = (workspace / "drafts" / "01-kitap-fest-telegram-kk.md").read_text(encoding="utf-8")
    local = next(line for line in text.splitlines() if line.startswith("scheduled"))
    naive = datetime.fromisoformat(local.split("=")[1].split("#")[0].strip())
    assert posts[0].scheduled_at == (naive - timedelta(hours=5)).replace(tzinfo=UTC)


def test_a_queued_post_keeps_its_media_when_the_source_changes(
    db: Database, workspace: Path
) -> None:
    draft = workspace / "drafts" / "05-tugan-zher-instagram-kk.md"
    post = _import(db, workspace, draft)[0]
    source = workspace / "drafts" / "media" / "tugan-zher-01.jpg"
    original = source.read_bytes()
    source.write_bytes(b"changed")
    store = _store(workspace)
    with db.read() as s:
        link = s.exec(select(PostMedia).where(PostMedia.post_id == post.id)).one()
    assert store.path_for(link.media_sha256).read_bytes() == original


def test_one_bad_draft_means_nothing_is_imported(db: Database, workspace: Path) -> None:
    bad = workspace / "drafts" / "99-bad.md"
    bad.write_text('+++\nnetwork = "myspace"\nkind = "text"\nstory = "s"\n+++\nСәлем\n', "utf-8")
    with pytest.raises(InputError) as caught:
        _import(db, workspace)
    assert _counts(db) == {"Post": 0, "Story": 0, "Media": 0, "PostMedia": 0, "AuditEvent": 0}
    assert _blobs(workspace) == []
    message = caught.value.render("en")
    assert "99-bad.md:2" in message and "telegram" in message  # names the line and valid values


def test_a_failure_while_writing_rolls_back_rows_and_blobs(db: Database, workspace: Path) -> None:
    """A story conflict is only found inside the transaction, after media were stored."""
    second = workspace / "drafts" / "02-kitap-fest-instagram-ru.md"
    text = second.read_text(encoding="utf-8").replace(
        'story = "kitap-fest"', 'story = "kitap-fest"\ndirection = "evolution"'
    )
    second.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        _import(db, workspace)
    assert "direction" in caught.value.render("en")
    assert _counts(db)["Post"] == 0 and _counts(db)["Media"] == 0
    assert _blobs(workspace) == []


def test_the_same_file_content_twice_names_the_post_it_is_queued_as(
    db: Database, workspace: Path
) -> None:
    first = _import(db, workspace, workspace / "drafts" / "06-tugan-zher-facebook-ru.md")[0]
    copy = workspace / "copy.md"
    shutil.copy(workspace / "drafts" / "06-tugan-zher-facebook-ru.md", copy)
    before = _counts(db)
    with pytest.raises(InputError) as caught:
        _import(db, workspace, copy)
    assert f"#{first.id}" in caught.value.render("en")
    assert f"#{first.id}" in caught.value.render("kk")
    assert _counts(db) == before


def test_a_cancelled_post_can_be_queued_again(db: Database, workspace: Path) -> None:
    from posts import lifecycle

    draft = workspace / "drafts" / "06-tugan-zher-facebook-ru.md"
    post = _import(db, workspace, draft)[0]
    with db.write() as s:
        lifecycle.apply(s, s.get(Post, post.id), lifecycle.Action.CANCEL, "aigerim")
    again = _import(db, workspace, draft)[0]
    assert again.id != post.id and again.status == "in_review"


def test_a_missing_media_file_and_a_fake_one_are_both_reported(
    db: Database, workspace: Path
) -> None:
    (workspace / "drafts" / "media" / "kitap-fest-02.jpg").unlink()
    (workspace / "drafts" / "media" / "tugan-zher-01.jpg").write_text("not a picture", "utf-8")
    with pytest.raises(InputError) as caught:
        _import(db, workspace)
    message = caught.value.render("en")
    assert "kitap-fest-02.jpg" in message and "tugan-zher-01.jpg" in message
    assert "02-kitap-fest-instagram-ru.md" in message and "05-tugan-zher-instagram-kk.md" in message
    assert _counts(db)["Post"] == 0
