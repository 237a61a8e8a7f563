"""The desk over HTTP: sign-in, sessions, CSRF, throttling, roles and offices, escaping."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from arna.desk.app import create_app
from arna.workspace import Workspace
from posts import lifecycle
from posts.models import Post
from posts.users import Role, add_user

PASSWORD = "кітап-фест-2026"


@pytest.fixture
def ws(in_ws: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Workspace]:
    from tests.cli_helpers import run

    assert run(capsys, "queue", "add", "drafts")[0] == 0  # as aigerim, the sample week
    workspace = Workspace.open(in_ws / "config.toml")
    with workspace.db.write() as s:
        for login, role, office, national in (
            ("aigerim", Role.SMM, "turkistan", False),
            ("bolat", Role.EDITOR, "turkistan", False),
            ("dana", Role.EDITOR, "almaty", False),
            ("nurlan", Role.EDITOR, "astana", True),
        ):
            add_user(s, login=login, name=login.title(), office=office, role=role,
                     password=PASSWORD, national=national, lang="en")  # fmt: skip
    yield workspace
    workspace.close()


def client(ws: Workspace) -> TestClient:
    return TestClient(create_app(ws), follow_redirects=False, headers={"accept-language": "en"})


def signed_in(ws: Workspace, login: str) -> TestClient:
    c = client(ws)
    page = c.get("/signin")
    token = _csrf(page.text)
    answer = c.post("/signin", data={"login": login, "password": PASSWORD, "csrf": token})
    assert answer.status_code == 303, answer.text
    return c


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]*)"', html)
    assert found, html
    return found.group(1)


def test_sign_in_sets_a_safe_cookie_and_a_wrong_password_does_not(ws: Workspace) -> None:
    c = client(ws)
    page = c.get("/signin")
    assert page.status_code == 200 and "content-security-policy" in page.headers
    token = _csrf(page.text)
    wrong = c.post("/signin", data={"login": "bolat", "password": "nope", "csrf": token})
    assert wrong.status_code == 401 and "arna_session" not in wrong.headers.get("set-cookie", "")
    right = c.post("/signin", data={"login": "bolat", "password": PASSWORD, "csrf": token})
    assert right.status_code == 303 and right.headers["location"] == "/review"
    cookie = next(h for h in right.headers.get_list("set-cookie") if h.startswith("arna_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    assert c.get("/review").status_code == 200


def test_sign_in_needs_its_form_token(ws: Workspace) -> None:
    c = client(ws)
    c.get("/signin")
    answer = c.post("/signin", data={"login": "bolat", "password": PASSWORD, "csrf": "forged"})
    assert answer.status_code == 403


def test_sign_in_is_throttled_after_five_failures(ws: Workspace) -> None:
    c = client(ws)
    token = _csrf(c.get("/signin").text)
    for _ in range(5):
        assert (
            c.post("/signin", data={"login": "bolat", "password": "x", "csrf": token}).status_code
            == 401
        )
    blocked = c.post("/signin", data={"login": "bolat", "password": PASSWORD, "csrf": token})
    assert blocked.status_code == 429 and "Too many" in blocked.text
    other = c.post("/signin", data={"login": "dana", "password": PASSWORD, "csrf": token})
    assert other.status_code == 303  # one login's failures do not lock the others out


def test_pages_need_a_session(ws: Workspace) -> None:
    c = client(ws)
    for path in ("/review", "/posts/1"):
        answer = c.get(path)
        assert answer.status_code == 303 and answer.headers["location"] == "/signin"
    assert c.post("/posts/1/approve", data={"csrf": "x"}).status_code == 303


def test_an_smm_cannot_approve(ws: Workspace) -> None:
    c = signed_in(ws, "aigerim")
    page = c.get("/posts/2")
    assert page.status_code == 200 and "/posts/2/approve" not in page.text
    answer = c.post("/posts/2/approve", data={"csrf": _csrf(page.text)})
    assert answer.status_code == 403
    assert _status(ws, 2) == "in_review"


def test_a_missing_csrf_token_is_refused(ws: Workspace) -> None:
    c = signed_in(ws, "bolat")
    assert c.post("/posts/2/approve", data={}).status_code == 403
    assert c.post("/posts/2/approve", data={"csrf": "forged"}).status_code == 403
    assert _status(ws, 2) == "in_review"


def test_an_editor_approves_and_rejects_with_a_reason(ws: Workspace) -> None:
    c = signed_in(ws, "bolat")
    page = c.get("/posts/2")
    assert "/posts/2/approve" in page.text and "findings" in page.text.lower()
    answer = c.post("/posts/2/approve", data={"csrf": _csrf(page.text)})
    assert answer.status_code == 303 and _status(ws, 2) == "scheduled"
    page = c.get("/posts/3")
    assert (
        c.post("/posts/3/reject", data={"csrf": _csrf(page.text), "reason": " "}).status_code == 400
    )
    answer = c.post("/posts/3/reject", data={"csrf": _csrf(page.text), "reason": "фото жоқ"})
    assert answer.status_code == 303 and _status(ws, 3) == "draft"
    assert "#2" not in c.get("/review").text.split("<tbody>")[-1]


def test_nobody_approves_their_own_post(ws: Workspace) -> None:
    from sqlalchemy import update

    with ws.db.write() as s:  # bolat writes a post of his own
        s.execute(update(Post).where(Post.id == 4).values(author="bolat"))
    c = signed_in(ws, "bolat")
    page = c.get("/posts/4")
    assert "another editor approves it" in page.text and "/posts/4/approve" not in page.text
    assert c.post("/posts/4/approve", data={"csrf": _csrf(page.text)}).status_code == 403


def test_another_offices_posts_are_not_found_but_a_national_editor_sees_them(
    ws: Workspace,
) -> None:
    c = signed_in(ws, "dana")  # an editor in Almaty
    assert c.get("/posts/1").status_code == 404
    assert (
        c.post("/posts/1/approve", data={"csrf": _csrf(c.get("/review").text)}).status_code == 404
    )
    assert "#1" not in c.get("/review").text
    national = signed_in(ws, "nurlan")
    assert national.get("/posts/1").status_code == 200
    assert "/posts/1" in national.get("/review").text


def test_signing_out_ends_the_session(ws: Workspace) -> None:
    c = signed_in(ws, "bolat")
    token = _csrf(c.get("/review").text)
    assert c.post("/signout", data={"csrf": "forged"}).status_code == 403
    assert c.post("/signout", data={"csrf": token}).status_code == 303
    assert c.get("/review").status_code == 303


def test_a_posts_text_is_the_attackers_text(ws: Workspace) -> None:
    probe = '<script>alert(1)</script> "><img src=x onerror=alert(2)> javascript:alert(3)'
    with ws.db.write() as s:
        lifecycle.edit(s, lifecycle.get_post(s, 5), "aigerim", text=probe)
    c = signed_in(ws, "bolat")
    for path in ("/posts/5", "/review"):
        html = c.get(path).text
        assert "<script>alert(1)" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def _status(ws: Workspace, post_id: int) -> str:
    with ws.db.read() as s:
        return lifecycle.get_post(s, post_id).status


def _needs_check(ws: Workspace, post_id: int) -> None:
    """The post went to the network and the answer was lost."""
    with ws.db.write() as s:
        post = lifecycle.get_post(s, post_id)
        lifecycle.approve(s, post, "bolat")
        lifecycle.apply(s, post, lifecycle.Action.SCHEDULE, "bolat")
        assert lifecycle.claim(s, post, "test:1")
        why = "unknown outcome: Timed out"
        lifecycle.apply(
            s, post, lifecycle.Action.MARK_AMBIGUOUS, "test:1", reason=why,
            updates={"last_error": why},
        )  # fmt: skip


def test_an_editor_settles_posts_of_unknown_outcome(ws: Workspace) -> None:
    from posts.models import Publication

    _needs_check(ws, 1)
    _needs_check(ws, 4)
    smm = signed_in(ws, "aigerim")
    page = smm.get("/checks")
    assert "#1" in page.text and "Timed out" in page.text
    sent = {"csrf": _csrf(page.text), "answer": "sent", "url": "https://t.me/rukhani_turkistan/5"}
    assert smm.post("/posts/1/confirm", data=sent).status_code == 403
    c = signed_in(ws, "nurlan")  # a national editor, not the author
    token = _csrf(c.get("/checks").text)
    no_link = {"csrf": token, "answer": "sent", "url": "yes"}
    assert c.post("/posts/1/confirm", data=no_link).status_code == 400
    answer = c.post("/posts/1/confirm", data={**sent, "csrf": token})
    assert answer.status_code == 303 and _status(ws, 1) == "sent"
    with ws.db.read() as s:
        from sqlmodel import select

        publication = s.exec(select(Publication).where(Publication.post_id == 1)).one()
    assert (publication.external_id, publication.confirmed_by) == ("5", "nurlan")
    again = c.post("/posts/4/confirm", data={"csrf": token, "answer": "resend"})
    assert again.status_code == 303 and _status(ws, 4) == "scheduled"
    assert c.post("/posts/4/confirm", data={"csrf": token, "answer": "resend"}).status_code == 409


def test_live_lint_answers_with_spans_and_needs_the_token(ws: Workspace) -> None:
    c = signed_in(ws, "aigerim")
    token = _csrf(c.get("/posts/7/edit").text)
    text = "Жаңа лaтын әліпбиі туралы. #руханижаңғыру"
    assert c.post("/lint", json={"post": 7, "text": text}).status_code == 403
    answer = c.post("/lint", json={"post": 7, "text": text}, headers={"x-csrf-token": token})
    assert answer.status_code == 200
    k202 = next(f for f in answer.json()["findings"] if f["code"] == "K202")
    assert text[k202["start"] : k202["end"]] == "лaтын"
    clean = c.post("/lint", json={"post": 7, "text": text.replace("a", "а")},
                   headers={"x-csrf-token": token})  # fmt: skip
    assert "K202" not in {f["code"] for f in clean.json()["findings"]}
    other = signed_in(ws, "dana")
    token = _csrf(other.get("/review").text)
    assert (
        other.post(
            "/lint", json={"post": 7, "text": text}, headers={"x-csrf-token": token}
        ).status_code
        == 404
    )


def test_an_edit_sends_an_approved_post_back_to_review(ws: Workspace) -> None:
    c = signed_in(ws, "bolat")
    page = c.get("/posts/2")
    assert c.post("/posts/2/approve", data={"csrf": _csrf(page.text)}).status_code == 303
    assert _status(ws, 2) == "scheduled"
    author = signed_in(ws, "aigerim")
    form = author.get("/posts/2/edit")
    assert form.status_code == 200 and "/static/editor.js" in form.text
    saved = author.post("/posts/2/edit", data={"csrf": _csrf(form.text), "text": "Жаңа мәтін"})
    assert saved.status_code == 303 and _status(ws, 2) == "in_review"
    assert c.post("/posts/2/edit", data={"csrf": "forged", "text": "x"}).status_code == 403
    outsider = signed_in(ws, "dana")
    assert outsider.get("/posts/2/edit").status_code == 404


def test_the_week_shows_slots_posts_gaps_and_the_week_rules(ws: Workspace) -> None:
    from datetime import date

    from arna.sample_week import sample_week_monday

    year, week, _ = sample_week_monday(date.today()).isocalendar()
    label = f"{year}-W{week:02d}"
    c = signed_in(ws, "bolat")
    page = c.get(f"/week?w={label}")
    assert page.status_code == 200
    html = page.text
    assert 'id="channel-tg-main"' in html and 'href="/posts/1"' in html
    assert "free slot" in html  # the Telegram channel has six slots and fewer posts
    assert "S506" in html  # a one-language story, reported by the week rules
    assert f"{year}-W{week + 1:02d}" in html or "W01" in html  # the next week's link
    assert c.get("/week?w=not-a-week").status_code == 400
    outsider = signed_in(ws, "dana")
    assert 'href="/posts/1"' not in outsider.get(f"/week?w={label}").text


def _jpeg() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (1080, 1350), (40, 120, 90)).save(out, "JPEG")
    return out.getvalue()


def test_an_smm_drafts_a_story_for_two_networks_and_submits_it(ws: Workspace) -> None:
    c = signed_in(ws, "aigerim")
    token = _csrf(c.get("/stories/new").text)
    fields = {
        "csrf": token, "story": "kitap-kesh", "title": "Кітап кеші",
        "use_tg-main": "1", "kind_tg-main": "text",
        "text_tg-main": "Бүгін кітап кеші болады! #руханижаңғыру",
        "use_ig-main": "1", "kind_ig-main": "photo",
        "text_ig-main": "Кітап кешінен бір сурет. #руханижаңғыру #болашаққабағдар",
        "action": "draft",
    }  # fmt: skip
    files = {"media_ig-main": ("kesh.jpg", _jpeg(), "image/jpeg")}
    answer = c.post("/stories/new", data=fields, files=files)
    assert answer.status_code == 303, answer.text
    first = int(answer.headers["location"].rsplit("/", 1)[1])
    assert _status(ws, first) == "draft" and _status(ws, first + 1) == "draft"
    with ws.db.read() as s:
        photo = lifecycle.get_post(s, first + 1)
        assert photo.network == "instagram" and len(lifecycle.media_of(s, photo.id)) == 1
        assert photo.scheduled_at is not None  # no time given: the channel's next free slot
    page = c.get(f"/posts/{first}")
    assert c.post(f"/posts/{first}/submit", data={"csrf": _csrf(page.text)}).status_code == 303
    assert _status(ws, first) == "in_review"


def test_a_story_with_a_bad_file_writes_nothing(ws: Workspace) -> None:
    c = signed_in(ws, "aigerim")
    token = _csrf(c.get("/stories/new").text)
    with ws.db.read() as s:
        before = len(s.exec(select(Post)).all())
    fields = {"csrf": token, "story": "bad-file", "use_ig-main": "1", "kind_ig-main": "photo",
              "text_ig-main": "Сурет"}  # fmt: skip
    files = {"media_ig-main": ("photo.jpg", b"this is not a picture", "image/jpeg")}
    answer = c.post("/stories/new", data=fields, files=files)
    assert answer.status_code == 400 and "photo.jpg" in answer.text
    assert 'value="bad-file"' in answer.text  # the form keeps what was typed
    with ws.db.read() as s:
        assert len(s.exec(select(Post)).all()) == before
    assert c.post("/stories/new", data={**fields, "csrf": "forged"}).status_code == 403
    bad_key = c.post("/stories/new", data={**fields, "story": "Кітап"})
    assert bad_key.status_code == 400 and "lowercase Latin" in bad_key.text


def test_the_editors_chat_hears_of_a_submission(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.emulators.telegram_api import TelegramEmulator

    token, editors = "616161:DESK-NOTICE", -1005550007777
    with TelegramEmulator() as emulator:
        emulator.add_bot(token, "arna_notice_bot")
        emulator.add_channel(-1005550006666, username="rukhani_turkistan", admins=[token])
        emulator.add_group(editors, title="Редакторлар", members=[token])
        config = ws.config.source
        assert config is not None
        text = Path(config).read_text("utf-8")
        text = text.replace('enabled = true\ndeliver = "outbox"',
                            f'enabled = true\napi_base_url = "{emulator.url}"')  # fmt: skip
        text = text.replace("# editors_chat_env", "editors_chat_env", 1)
        Path(config).write_text(text, "utf-8")
        monkeypatch.setenv("ARNA_TG_MAIN_TOKEN", token)
        monkeypatch.setenv("ARNA_EDITORS_CHAT", str(editors))
        monkeypatch.setenv("PTB_TIMEDELTA", "1")
        fresh = Workspace.open(Path(config))
        try:
            c = client(fresh)
            page = c.get("/signin")
            c.post(
                "/signin", data={"login": "aigerim", "password": PASSWORD, "csrf": _csrf(page.text)}
            )
            token_ = _csrf(c.get("/stories/new").text)
            fields = {"csrf": token_, "story": "kesh", "use_tg-main": "1",
                      "text_tg-main": "Кітап кеші бүгін! Келіңіздер.", "action": "draft"}  # fmt: skip
            created = c.post("/stories/new", data=fields)
            post_id = int(created.headers["location"].rsplit("/", 1)[1])
            page = c.get(f"/posts/{post_id}")
            c.post(f"/posts/{post_id}/submit", data={"csrf": _csrf(page.text)})
        finally:
            fresh.close()
        [notice] = emulator.messages(editors)
    assert notice.text is not None
    assert f"#{post_id}" in notice.text and "«kesh»" in notice.text and "telegram" in notice.text
    assert f"http://testserver/posts/{post_id}" in notice.text
    assert "ескертулер: 1" in notice.text  # H301: no programme hashtag


def test_the_editor_counts_as_the_network_does_and_serves_the_media_to_its_office(
    ws: Workspace,
) -> None:
    c = signed_in(ws, "aigerim")
    form = c.get("/posts/2/edit")  # the sample's Instagram album
    assert 'class="crop45"' in form.text  # the 4:5 crop of the first photo
    sha = re.search(r'src="/media/([0-9a-f]{64})"', form.text).group(1)  # type: ignore[union-attr]
    answer = c.post("/lint", json={"post": 2, "text": "Сурет. " * 400},
                    headers={"x-csrf-token": _csrf(form.text)})  # fmt: skip
    assert answer.json()["limit"] == 2200 and answer.json()["length"] == 2800
    assert "P301" in {f["code"] for f in answer.json()["findings"]}
    image = c.get(f"/media/{sha}")
    assert image.status_code == 200 and image.headers["content-type"] == "image/jpeg"
    assert image.content[:3] == b"\xff\xd8\xff"
    assert signed_in(ws, "dana").get(f"/media/{sha}").status_code == 404  # another office
    assert client(ws).get(f"/media/{sha}").status_code == 303  # not signed in
    assert c.get("/media/" + "0" * 64).status_code == 404


def test_a_posts_media_are_shown_with_their_findings_and_a_hostile_name_stays_text(
    ws: Workspace,
) -> None:
    c = signed_in(ws, "aigerim")
    token = _csrf(c.get("/stories/new").text)
    hostile = '"><img src=x onerror=alert(1)> javascript:alert(2).jpg'
    fields = {"csrf": token, "story": "names", "use_ig-main": "1", "kind_ig-main": "photo",
              "text_ig-main": "Сурет. #руханижаңғыру", "action": "draft"}  # fmt: skip
    created = c.post("/stories/new", data=fields,
                     files={"media_ig-main": (hostile, _jpeg(), "image/jpeg")})  # fmt: skip
    assert created.status_code == 303
    page = c.get(created.headers["location"]).text
    assert 'src="data:image/jpeg;base64,' in page  # the thumbnail, drawn on the server
    assert "<img src=x" not in page  # the name is shown, as text
    # (the client sends the quote as %22)
    assert "&gt;&lt;img src=x onerror=alert(1)&gt; javascript:alert(2).jpg" in page
    assert (
        "img-src 'self' data:"
        in c.get(created.headers["location"]).headers["content-security-policy"]
    )
