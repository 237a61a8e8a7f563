"""The Telegram adapter against the Bot API emulator, over real HTTP through python-telegram-bot:
what each post kind sends, how each failure is classified, the health check, and the check of a
post whose send had an unknown outcome."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from channels.base import (
    Confirmation,
    Delivered,
    MediaFile,
    Outcome,
    OutgoingPost,
    PublishError,
    RenderError,
)
from channels.limits import LIMITS
from channels.telegram import TelegramChannel, message_url
from channels.telegram_render import TelegramStyle
from tests.emulators.telegram_api import TelegramEmulator

TOKEN = "123456:ADAPTER-TEST-TOKEN"
MEMBER = "654321:ONLY-A-MEMBER"
CHANNEL = -1009876543210
AUDIT = 555000111


@pytest.fixture(autouse=True)
def _timedeltas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture
def emulator() -> Iterator[TelegramEmulator]:
    emu = TelegramEmulator(per_chat_limit=(20, 60.0), global_limit=(30, 1.0))
    emu.add_bot(TOKEN, "arna_adapter_bot")
    emu.add_bot(MEMBER, "arna_member_bot")
    emu.add_channel(
        CHANNEL, username="arna_adapter", title="Arna", admins=[TOKEN], members=[MEMBER]
    )
    emu.add_private_chat(AUDIT, first_name="Audit", bots=[TOKEN])
    with emu:
        yield emu


def adapter(
    emu: TelegramEmulator, token: str = TOKEN, *, timeout: float = 5.0, **style: object
) -> TelegramChannel:
    return TelegramChannel(
        "tg-main",
        str(CHANNEL),
        LIMITS["telegram"],
        token=token,
        token_env="ARNA_TG_MAIN_TOKEN",
        api_base_url=emu.url,
        style=TelegramStyle(**style),  # type: ignore[arg-type]
        audit_chat=str(AUDIT),
        timeout=timeout,
        media_timeout=timeout,
    )


def photo(tmp_path: Path, name: str, colour: tuple[int, int, int]) -> MediaFile:
    path = tmp_path / name
    Image.new("RGB", (320, 240), colour).save(path, "JPEG")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return MediaFile(path, sha, "image/jpeg", "image")


def post(
    kind: str, text: str, *, media: tuple[MediaFile, ...] = (), **options: object
) -> OutgoingPost:
    return OutgoingPost(
        post_id=1, network="telegram", channel="tg-main", kind=kind, text=text, media=media,
        options=options, content_hash="h",
    )  # fmt: skip


def test_text_is_escaped_so_the_readers_see_what_was_typed(emulator: TelegramEmulator) -> None:
    tg = adapter(emulator)
    text = "Кітап фест <b>ертең</b> & бүрсігүні 🎉 #руханижаңғыру"
    delivered = tg.publish(tg.render(post("text", text)))
    tg.close()
    [message] = emulator.messages(CHANNEL)
    assert message.text == text  # no tag was opened: the reader sees <b> as typed
    assert not message.entities
    assert delivered.external_id == str(message.message_id)
    assert delivered.url == f"https://t.me/c/9876543210/{message.message_id}"


def test_announcement_has_its_button_silent_and_protected(emulator: TelegramEmulator) -> None:
    tg = adapter(emulator, link_preview=False)
    button = {"text": "Тіркелу", "url": "https://example.kz/reg"}
    tg.publish(
        tg.render(post("announcement", "Тіркеліңіз!", button=button, silent=True, protect=True))
    )
    tg.close()
    [message] = emulator.messages(CHANNEL)
    markup = message.payload["reply_markup"]["inline_keyboard"]
    assert markup == [[{"text": "Тіркелу", "url": "https://example.kz/reg"}]]
    assert message.options["disable_notification"] is True
    assert message.options["protect_content"] is True
    assert message.options["link_preview_options"] == {"is_disabled": True}


def test_photo_album_video_and_document(emulator: TelegramEmulator, tmp_path: Path) -> None:
    from posts.media_samples import make_video

    red, green, blue = (photo(tmp_path, f"{c}.jpg", rgb) for c, rgb in
                        (("r", (200, 0, 0)), ("g", (0, 200, 0)), ("b", (0, 0, 200))))  # fmt: skip
    clip = tmp_path / "clip.mp4"
    make_video(clip, 2, 160, 120, fps=5)
    video = MediaFile(clip, hashlib.sha256(clip.read_bytes()).hexdigest(), "video/mp4", "video")
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    document = MediaFile(
        pdf, hashlib.sha256(pdf.read_bytes()).hexdigest(), "application/pdf", "document"
    )
    tg = adapter(emulator)
    tg.publish(tg.render(post("photo", "Бір сурет", media=(red,))))
    album = tg.publish(tg.render(post("album", "Үш сурет", media=(red, green, blue))))
    tg.publish(tg.render(post("video", "Видео", media=(video,))))
    tg.publish(tg.render(post("document", "Жоспар", media=(document,))))
    tg.close()
    messages = emulator.messages(CHANNEL)
    assert [m.kind for m in messages] == ["photo", "photo", "photo", "photo", "video", "document"]
    group = [m for m in messages if m.media_group_id]
    assert len(group) == 3 and len({m.media_group_id for m in group}) == 1
    assert [m.caption for m in group] == ["Үш сурет", None, None]
    assert [m.media[0].sha256 for m in group] == [red.sha256, green.sha256, blue.sha256]
    assert album.external_id == str(group[0].message_id)


def test_poll_follows_its_text_and_a_pin_pins_the_first_message(emulator: TelegramEmulator) -> None:
    tg = adapter(emulator)
    poll = {"question": "Қай кітап?", "options": ["Абай жолы", "Көшпенділер"]}
    delivered = tg.publish(tg.render(post("poll", "Сауалнама:", poll=poll, pin=True)))
    tg.close()
    text, question = emulator.messages(CHANNEL)
    assert text.text == "Сауалнама:" and question.poll["question"] == "Қай кітап?"
    assert question.poll["is_anonymous"] is True
    assert emulator.pinned(CHANNEL) == [text.message_id]
    assert delivered.external_id == str(text.message_id)


def test_long_caption_is_refused_by_default_or_sent_as_a_reply(
    emulator: TelegramEmulator, tmp_path: Path
) -> None:
    picture = photo(tmp_path, "p.jpg", (10, 10, 10))
    long_text = "Ұзын мәтін. " * 120  # 1440 characters
    with pytest.raises(RenderError) as refused:
        adapter(emulator).render(post("photo", long_text, media=(picture,)))
    assert "1024" in str(refused.value)
    tg = adapter(emulator, long_caption="reply")
    tg.publish(tg.render(post("photo", long_text, media=(picture,))))
    tg.close()
    media, reply = emulator.messages(CHANNEL)
    assert media.caption is None
    assert reply.text == long_text.strip()
    sent_as = json.loads(emulator.requests("sendMessage")[-1].params["reply_parameters"])
    assert sent_as == {"message_id": media.message_id}


@pytest.mark.parametrize(
    ("setup", "outcome", "code"),
    [
        (lambda e: e.retry_after(7, method="sendMessage"), Outcome.RETRY, "rate_limit"),
        (lambda e: e.fail_5xx(method="sendMessage", status=502), Outcome.AMBIGUOUS, "network"),
        (lambda e: e.drop_after(method="sendMessage"), Outcome.AMBIGUOUS, "network"),
        (lambda e: e.slow(3.0, method="sendMessage"), Outcome.AMBIGUOUS, "timeout"),
    ],
    ids=["429", "502", "dropped-after", "read-timeout"],
)
def test_failures_are_classified_by_what_they_prove(
    emulator: TelegramEmulator,
    setup,
    outcome: Outcome,
    code: str,  # type: ignore[no-untyped-def]
) -> None:
    setup(emulator)
    tg = adapter(emulator, timeout=1.0)
    with pytest.raises(PublishError) as failed:
        tg.publish(tg.render(post("text", "Сәлем")))
    tg.close()
    assert failed.value.outcome is outcome
    assert failed.value.code == code
    if code == "rate_limit":
        assert failed.value.retry_after == 7
        assert emulator.messages(CHANNEL) == []  # a 429 records nothing
    assert TOKEN not in failed.value.message


def test_permanent_errors_carry_the_platforms_words(emulator: TelegramEmulator) -> None:
    member = adapter(emulator, MEMBER)
    with pytest.raises(PublishError) as not_admin:
        member.publish(member.render(post("text", "Сәлем")))
    member.close()
    assert not_admin.value.outcome is Outcome.PERMANENT
    assert "administrator rights" in not_admin.value.message
    lost = TelegramChannel(
        "x", "-100111", LIMITS["telegram"], token=TOKEN, api_base_url=emulator.url
    )
    with pytest.raises(PublishError) as missing:
        lost.publish(lost.render(post("text", "Сәлем")))
    lost.close()
    assert (missing.value.outcome, missing.value.code) == (Outcome.PERMANENT, "chat_not_found")
    bad = TelegramChannel(
        "x", str(CHANNEL), LIMITS["telegram"], token="1:WRONG", api_base_url=emulator.url
    )
    with pytest.raises(PublishError) as token:
        bad.publish(bad.render(post("text", "Сәлем")))
    bad.close()
    assert (token.value.outcome, token.value.code) == (Outcome.PERMANENT, "token")
    assert "1:WRONG" not in token.value.message


def test_a_refused_connection_is_provably_not_delivered() -> None:
    import socket

    with socket.socket() as s:  # a port that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    tg = TelegramChannel(
        "x", str(CHANNEL), LIMITS["telegram"], token=TOKEN, api_base_url=f"http://127.0.0.1:{port}"
    )
    with pytest.raises(PublishError) as failed:
        tg.publish(tg.render(post("text", "Сәлем")))
    tg.close()
    assert failed.value.outcome is Outcome.RETRY
    assert TOKEN not in failed.value.message


def test_health_check_names_the_problem(emulator: TelegramEmulator) -> None:
    good = adapter(emulator)
    assert good.check().ok
    good.close()
    member = adapter(emulator, MEMBER).check()
    assert not member.ok and "administrator" in member.problems[0].en
    bad = adapter(emulator, "1:WRONG").check()
    assert not bad.ok and "@BotFather" in bad.problems[0].en
    missing = TelegramChannel(
        "x", "-1001", LIMITS["telegram"], token=None, token_env="ARNA_X"
    ).check()
    assert not missing.ok and "ARNA_X" in missing.problems[0].en.format(env="ARNA_X")


def test_confirm_finds_a_post_that_went_out_and_proves_one_that_did_not(
    emulator: TelegramEmulator,
) -> None:
    tg = adapter(emulator, timeout=1.0)
    first = tg.publish(tg.render(post("text", "Бірінші")))
    emulator.drop_after(method="sendMessage")
    second = tg.render(post("text", "Екінші"))
    with pytest.raises(PublishError):
        tg.publish(second)
    found = tg.confirm(second, first)
    assert found.status is Confirmation.SENT
    assert found.delivered is not None
    assert found.delivered.external_id == str(int(first.external_id) + 1)
    emulator.drop_before(method="sendMessage")
    third = tg.render(post("text", "Үшінші"))
    with pytest.raises(PublishError):
        tg.publish(third)
    absent = tg.confirm(third, found.delivered)
    tg.close()
    assert absent.status is Confirmation.NOT_SENT
    assert emulator.delivered_texts(CHANNEL) == ["Бірінші", "Екінші"]
    unknown = adapter(emulator).confirm(third, None)
    assert unknown.status is Confirmation.UNKNOWN


def test_message_links() -> None:
    assert message_url("@arna_kz", 5) == "https://t.me/arna_kz/5"
    assert message_url("-1001234", 7) == "https://t.me/c/1234/7"
    assert Delivered("5").url is None
