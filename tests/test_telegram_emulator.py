"""The Telegram Bot API emulator, driven by python-telegram-bot itself over real HTTP."""

from __future__ import annotations

import asyncio
import hashlib
import http.client
import io
import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import telegram
from PIL import Image
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputMediaPhoto
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)

from posts.media_samples import make_video
from tests.emulators.telegram_api import Fault, TelegramEmulator
from tests.emulators.telegram_html import HtmlParseError, finalize_text, parse_html

TOKEN = "123456:ARNA-TEST-TOKEN"
MEMBER_TOKEN = "654321:ONLY-A-MEMBER"
CHANNEL = -1001234567890
AUDIT = 777000111
T = TypeVar("T")


def make_emulator(**settings: Any) -> TelegramEmulator:
    """A channel where TOKEN posts and MEMBER_TOKEN may not, and an audit chat."""
    emulator = TelegramEmulator(**settings)
    emulator.add_bot(TOKEN, "arna_test_bot")
    emulator.add_bot(MEMBER_TOKEN, "arna_member_bot")
    emulator.add_channel(
        CHANNEL, username="arna_kz", title="Arna", admins=[TOKEN], members=[MEMBER_TOKEN]
    )
    emulator.add_private_chat(AUDIT, first_name="Audit", bots=[TOKEN])
    return emulator


@pytest.fixture(autouse=True)
def _timedeltas(monkeypatch: pytest.MonkeyPatch) -> None:
    """PTB's future (and warning-free) behaviour: durations and retry_after as timedelta."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture
def tg() -> Iterator[TelegramEmulator]:
    with make_emulator() as emulator:
        yield emulator


def run(
    emulator: TelegramEmulator,
    scenario: Callable[[telegram.Bot], Awaitable[T]],
    token: str = TOKEN,
) -> T:
    """Run `scenario` with an initialized python-telegram-bot Bot pointed at the emulator."""

    async def main() -> T:
        bot = telegram.Bot(token, base_url=emulator.base_url, base_file_url=emulator.base_file_url)
        async with bot:
            return await scenario(bot)

    return asyncio.run(main())


def jpeg(width: int, height: int, color: str = "teal") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "JPEG")
    return buffer.getvalue()


# --- the HTML parse mode, directly -----------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("Жаңа<br/>", 'Unsupported start tag "br/" at byte offset 8'),
        ("<b", "Unclosed start tag at byte offset 0"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ('<a href="x>y</a>', "Unclosed start tag at byte offset 0"),
        ("<tg-emoji emoji-id=abc>x</tg-emoji>", "Invalid custom emoji identifier specified"),
    ],
)
def test_html_errors_use_telegrams_wording_and_byte_offsets(html: str, error: str) -> None:
    with pytest.raises(HtmlParseError) as caught:
        parse_html(html)
    assert str(caught.value) == error


def test_html_entities_and_literals() -> None:
    parsed = parse_html(
        'AT&T &lt;3&gt; &quot;q&quot; &#1178;&#x4D8; <a href="example.kz">сайт</a>'
        '<pre><code class="language-python">x = 1</code></pre>'
        '<span class="tg-spoiler">s</span><blockquote expandable>q</blockquote>'
    )
    assert parsed.text == 'AT&T <3> "q" ҚӘ сайтx = 1sq'
    assert parsed.entities == [
        {"type": "text_link", "offset": 16, "length": 4, "url": "http://example.kz/"},
        {"type": "pre", "offset": 20, "length": 5, "language": "python"},
        {"type": "spoiler", "offset": 25, "length": 1},
        {"type": "expandable_blockquote", "offset": 26, "length": 1},
    ]


def test_finalize_trims_merges_and_keeps_code_clean() -> None:
    parsed = parse_html("\n  <b>a</b><b>b <code>c</code></b>  \n")
    final = finalize_text(parsed.text, parsed.entities)
    assert final.text == "ab c"
    assert final.entities == [
        {"type": "bold", "offset": 0, "length": 3},
        {"type": "code", "offset": 3, "length": 1},
    ]


# --- posting through python-telegram-bot -----------------------------------------------------


def test_html_post_returns_entities_in_utf16_units(tg: TelegramEmulator) -> None:
    html = '😀 <b>Жаңа кітап</b> — <a href="https://example.kz/kitap">оқыңыз</a> &amp; 🎉<i>!</i>'
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Ашу", url="https://example.kz")]])

    async def scenario(bot: telegram.Bot) -> telegram.Message:
        return await bot.send_message(
            "@arna_kz",
            html,
            parse_mode=ParseMode.HTML,
            disable_notification=True,
            protect_content=True,
            link_preview_options=telegram.LinkPreviewOptions(is_disabled=True),
            reply_markup=markup,
        )

    message = run(tg, scenario)
    assert message.message_id == 1
    assert message.text == "😀 Жаңа кітап — оқыңыз & 🎉!"
    assert message.sender_chat is not None and message.sender_chat.id == CHANNEL
    assert message.has_protected_content
    assert message.reply_markup == markup
    # The emoji takes two UTF-16 units, so bold starts at 3, not 2.
    assert [(e.type, e.offset, e.length) for e in message.entities] == [
        ("bold", 3, 10),
        ("text_link", 16, 6),
        ("italic", 27, 1),
    ]
    assert message.entities[1].url == "https://example.kz/kitap"
    assert list(message.parse_entities().values()) == ["Жаңа кітап", "оқыңыз", "!"]

    [delivered] = tg.messages("@arna_kz")
    assert delivered.options["disable_notification"] is True
    assert delivered.options["protect_content"] is True
    assert delivered.options["link_preview_options"] == {"is_disabled": True}
    assert tg.delivered_texts(CHANNEL) == [message.text]


def test_bad_html_is_refused_like_telegram(tg: TelegramEmulator) -> None:
    async def scenario(bot: telegram.Bot) -> list[str]:
        errors = []
        for html in ("<b>Жаңа кітап", "Баға < 500 ₸", "<p>абзац</p>"):
            with pytest.raises(BadRequest) as caught:
                await bot.send_message(CHANNEL, html, parse_mode=ParseMode.HTML)
            errors.append(str(caught.value))
        return errors

    errors = run(tg, scenario)
    # PTB capitalizes the description with str.capitalize(), which lowers the rest.
    assert all(error.startswith("Can't parse entities: ") for error in errors)
    assert errors[1].endswith('unsupported start tag "" at byte offset 9')  # "Баға " is 9 bytes
    assert errors[2].endswith('unsupported start tag "p" at byte offset 0')
    assert tg.messages() == []
    assert tg.requests("sendMessage")[0].description == (
        "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\""
    )


def test_text_and_caption_limits(tg: TelegramEmulator) -> None:
    photo = jpeg(64, 48)

    async def scenario(bot: telegram.Bot) -> list[str]:
        errors = []
        await bot.send_message(CHANNEL, "😀" * 2048)  # 4096 UTF-16 units: the most there is
        for text in ("x" * 4097, "😀" * 2049, "   \n "):
            with pytest.raises(BadRequest) as caught:
                await bot.send_message(CHANNEL, text)
            errors.append(str(caught.value).lower())
        await bot.send_photo(CHANNEL, photo, caption="<b>" + "c" * 1024 + "</b>", parse_mode="HTML")
        with pytest.raises(BadRequest) as caught:
            await bot.send_photo(CHANNEL, photo, caption="c" * 1025)
        errors.append(str(caught.value).lower())
        return errors

    errors = run(tg, scenario)
    assert errors == [
        "message is too long",
        "message is too long",
        "message text is empty",
        "message caption is too long",
    ]
    assert [m.kind for m in tg.messages(CHANNEL)] == ["text", "photo"]


def test_album_of_three_photos(tg: TelegramEmulator) -> None:
    photos = [jpeg(640, 480, color) for color in ("red", "green", "blue")]

    async def scenario(bot: telegram.Bot) -> tuple[tuple[telegram.Message, ...], bytearray]:
        await bot.send_message(CHANNEL, "first")
        album = await bot.send_media_group(
            CHANNEL,
            [InputMediaPhoto(data) for data in photos],
            caption="<i>Фестиваль</i>",
            parse_mode=ParseMode.HTML,
        )
        stored = await bot.get_file(album[2].photo[-1].file_id)
        return album, await stored.download_as_bytearray()

    messages, downloaded = run(tg, scenario)
    assert downloaded == photos[2]
    assert [m.message_id for m in messages] == [2, 3, 4]
    assert len({m.media_group_id for m in messages}) == 1 and messages[0].media_group_id
    assert messages[0].caption == "Фестиваль"
    assert messages[0].caption_entities[0].type == "italic"
    assert messages[1].caption is None
    biggest = messages[0].photo[-1]
    assert (biggest.width, biggest.height) == (640, 480)
    assert [(p.width, p.height) for p in messages[0].photo[:-1]] == [(90, 68), (320, 240)]
    recorded = tg.messages(CHANNEL)[1:]
    assert [m.media[0].sha256 for m in recorded] == [hashlib.sha256(p).hexdigest() for p in photos]


def test_album_of_eleven_is_refused_and_nothing_recorded(tg: TelegramEmulator) -> None:
    photo = jpeg(32, 32)

    async def scenario(bot: telegram.Bot) -> str:
        with pytest.raises(BadRequest) as caught:
            await bot.send_media_group(CHANNEL, [InputMediaPhoto(photo) for _ in range(11)])
        return str(caught.value)

    assert "too many messages to send as an album" in run(tg, scenario).lower()
    assert tg.messages() == []


def test_album_item_telegram_cannot_process(tg: TelegramEmulator) -> None:
    async def scenario(bot: telegram.Bot) -> None:
        with pytest.raises(BadRequest):
            await bot.send_media_group(
                CHANNEL, [InputMediaPhoto(jpeg(32, 32)), InputMediaPhoto(b"not a picture")]
            )

    run(tg, scenario)
    assert tg.requests("sendMediaGroup")[0].description == (
        'Bad Request: failed to send message #2 with the error message "IMAGE_PROCESS_FAILED"'
    )
    assert tg.messages() == []


def test_photo_checks_video_and_document(tg: TelegramEmulator, tmp_path: Path) -> None:
    video_path = tmp_path / "clip.mp4"
    make_video(video_path, 1.0, 64, 48, fps=5)

    async def scenario(bot: telegram.Bot) -> list[Any]:
        results: list[Any] = []
        for data in (b"\x89PNG broken", jpeg(4000, 150)):
            with pytest.raises(BadRequest):
                await bot.send_photo(CHANNEL, data)
        results.append(await bot.send_video(CHANNEL, video_path.read_bytes(), caption="clip"))
        results.append(await bot.send_document(AUDIT, b"%PDF-1.4 plan", filename="plan.pdf"))
        return results

    video_message, document_message = run(tg, scenario)
    assert [r.description for r in tg.requests("sendPhoto")] == [
        "Bad Request: IMAGE_PROCESS_FAILED",
        "Bad Request: PHOTO_INVALID_DIMENSIONS",  # 4000 / 150 > 20
    ]
    assert (video_message.video.width, video_message.video.height) == (64, 48)
    assert video_message.video.duration.total_seconds() == 1
    assert document_message.document.file_name == "plan.pdf"
    assert document_message.document.mime_type == "application/pdf"
    assert document_message.from_user.username == "arna_test_bot"
    assert [m.kind for m in tg.messages()] == ["video", "document"]


def test_poll_rules(tg: TelegramEmulator) -> None:
    async def scenario(bot: telegram.Bot) -> tuple[telegram.Message, list[str]]:
        poll = await bot.send_poll(CHANNEL, "Қай кітап?", ["Абай", "Мұхтар", "Ілияс"])
        errors = []
        for kwargs in (
            {"options": ["a", "b"], "is_anonymous": False},
            {"options": [str(n) for n in range(13)]},
            {"options": ["a", "b"], "question": "?" * 301},
        ):
            with pytest.raises(BadRequest) as caught:
                await bot.send_poll(CHANNEL, **{"question": "Q", **kwargs})
            errors.append(str(caught.value).lower())
        return poll, errors

    message, errors = run(tg, scenario)
    assert message.poll is not None and message.poll.is_anonymous
    assert [o.text for o in message.poll.options] == ["Абай", "Мұхтар", "Ілияс"]
    assert errors == [
        "non-anonymous polls can't be sent to channel chats",
        "poll can't have more than 12 options",
        "poll question length must not exceed 300",
    ]
    assert tg.delivered_texts(CHANNEL) == ["Қай кітап?"]


def test_pin_and_forward_existing_and_missing(tg: TelegramEmulator) -> None:
    async def scenario(bot: telegram.Bot) -> tuple[telegram.Message, telegram.Message, str]:
        post = await bot.send_message(CHANNEL, "Жаңалық")
        assert await bot.pin_chat_message(CHANNEL, post.message_id)
        forwarded = await bot.forward_message(AUDIT, CHANNEL, post.message_id)
        with pytest.raises(BadRequest) as caught:
            await bot.forward_message(AUDIT, CHANNEL, 999)
        assert await bot.delete_message(AUDIT, forwarded.message_id)
        with pytest.raises(BadRequest, match="Message to delete not found"):
            await bot.delete_message(AUDIT, forwarded.message_id)
        return post, forwarded, str(caught.value)

    post, forwarded, missing = run(tg, scenario)
    assert forwarded.text == "Жаңалық"
    assert isinstance(forwarded.forward_origin, telegram.MessageOriginChannel)
    assert forwarded.forward_origin.message_id == post.message_id
    assert forwarded.chat.id == AUDIT and forwarded.message_id == 1
    assert missing.lower() == "message to forward not found"
    assert tg.pinned(CHANNEL) == [post.message_id]
    # The pin's service message takes the next id in the channel, as on Telegram.
    assert [m.message_id for m in tg.messages(CHANNEL, include_service=True)] == [1, 2]
    assert tg.message(AUDIT, forwarded.message_id) is None  # deleted
    assert tg.duplicates() == []


def test_chat_information(tg: TelegramEmulator) -> None:
    async def scenario(bot: telegram.Bot) -> tuple[Any, ...]:
        chat = await bot.get_chat("@arna_kz")
        me = await bot.get_chat_member(CHANNEL, bot.id)
        admins = await bot.get_chat_administrators(CHANNEL)
        return chat, me, admins

    chat, me, admins = run(tg, scenario)
    assert (chat.id, chat.type, chat.username) == (CHANNEL, "channel", "arna_kz")
    assert isinstance(me, telegram.ChatMemberAdministrator) and me.can_post_messages
    assert [a.status for a in admins] == ["creator", "administrator"]


def test_unknown_token_chat_not_found_and_missing_rights(tg: TelegramEmulator) -> None:
    with pytest.raises(InvalidToken):
        run(tg, lambda bot: bot.get_me(), token="999:UNKNOWN")

    async def as_admin(bot: telegram.Bot) -> str:
        with pytest.raises(BadRequest) as caught:
            await bot.send_message("@no_such_channel", "x")
        return str(caught.value)

    async def as_member(bot: telegram.Bot) -> str:
        with pytest.raises(BadRequest) as caught:
            await bot.send_message(CHANNEL, "x")
        return str(caught.value)

    assert run(tg, as_admin).lower() == "chat not found"
    assert run(tg, as_member, token=MEMBER_TOKEN).lower() == (
        "need administrator rights in the channel chat"
    )
    tg.set_member(CHANNEL, MEMBER_TOKEN, "left")

    async def outsider(bot: telegram.Bot) -> str:
        with pytest.raises(Forbidden) as caught:
            await bot.send_message(CHANNEL, "x")
        return str(caught.value)

    assert (
        run(tg, outsider, token=MEMBER_TOKEN)
        == "Forbidden: bot is not a member of the channel chat"
    )
    assert tg.requests("getMe")[0].status == 401
    assert tg.messages() == []


def test_rate_limit_per_chat_counts_album_items_and_global() -> None:
    with make_emulator(per_chat_limit=(20, 3.0), global_limit=(100, 1.0)) as tg:

        async def scenario(bot: telegram.Bot) -> RetryAfter:
            for n in range(20):
                await bot.send_message(CHANNEL, f"post {n}")
            with pytest.raises(RetryAfter) as caught:
                await bot.send_message(CHANNEL, "post 20")
            await bot.send_message(AUDIT, "private chats have no per-chat limit here")
            return caught.value

        refusal = run(tg, scenario)
        assert 1 <= refusal.retry_after.total_seconds() <= 3
        assert len(tg.messages(CHANNEL)) == 20
        assert tg.requests("sendMessage")[20].description == (
            f"Too Many Requests: retry after {int(refusal.retry_after.total_seconds())}"
        )

    with make_emulator(per_chat_limit=(3, 2.0), global_limit=(4, 1.0)) as tg:

        async def album(bot: telegram.Bot) -> None:
            await bot.send_message(CHANNEL, "one")
            await bot.send_message(CHANNEL, "two")
            with pytest.raises(RetryAfter):  # 2 + 2 items > 3
                await bot.send_media_group(CHANNEL, [InputMediaPhoto(jpeg(8, 8))] * 2)
            await bot.send_message(AUDIT, "three")
            await bot.send_message(AUDIT, "four")
            with pytest.raises(RetryAfter):  # the fifth message within a second, in any chat
                await bot.send_message(AUDIT, "five")

        run(tg, album)
        assert tg.delivered_texts(CHANNEL) == ["one", "two"]
        assert tg.delivered_texts(AUDIT) == ["three", "four"]


def test_server_errors_and_retry_after_faults(tg: TelegramEmulator) -> None:
    tg.fail_5xx(method="sendMessage")
    tg.fail_5xx(method="sendMessage", status=500, recorded=True)
    tg.inject(Fault("retry_after", chat="@arna_kz", seconds=7))

    async def scenario(bot: telegram.Bot) -> tuple[str, str, RetryAfter]:
        with pytest.raises(NetworkError) as bad_gateway:
            await bot.send_message(CHANNEL, "lost")
        with pytest.raises(NetworkError) as internal:
            await bot.send_message(CHANNEL, "delivered anyway")
        with pytest.raises(RetryAfter) as flood:
            await bot.send_message(AUDIT, "not this chat")  # the fault waits for the channel
            await bot.send_message(CHANNEL, "refused")
        return str(bad_gateway.value), str(internal.value), flood.value

    bad_gateway, internal, flood = run(tg, scenario)
    assert "Bad Gateway" in bad_gateway and "Internal Server Error" in internal
    assert flood.retry_after.total_seconds() == 7
    assert tg.delivered_texts(CHANNEL) == ["delivered anyway"]
    assert tg.delivered_texts(AUDIT) == ["not this chat"]
    assert tg.pending_faults() == []


def test_slow_answer_times_out_but_the_message_is_delivered(tg: TelegramEmulator) -> None:
    tg.slow(2.0, method="sendMessage")

    async def scenario(bot: telegram.Bot) -> float:
        started = time.monotonic()
        with pytest.raises(TimedOut):
            await bot.send_message(CHANNEL, "ambiguous", read_timeout=0.3)
        return time.monotonic() - started

    assert run(tg, scenario) < 1.5
    assert tg.delivered_texts(CHANNEL) == ["ambiguous"]


def test_dropped_connections_before_and_after_delivery(tg: TelegramEmulator) -> None:
    tg.drop_before(method="sendMessage")
    tg.drop_after(method="sendMessage")

    async def scenario(bot: telegram.Bot) -> list[NetworkError]:
        errors = []
        for text in ("never sent", "sent, unanswered"):
            with pytest.raises(NetworkError) as caught:
                await bot.send_message(CHANNEL, text)
            errors.append(caught.value)
        await bot.send_message(CHANNEL, "the connection pool recovers")
        return errors

    errors = run(tg, scenario)
    assert not any(isinstance(error, TimedOut | BadRequest) for error in errors)
    assert tg.delivered_texts(CHANNEL) == ["sent, unanswered", "the connection pool recovers"]
    assert [r.status for r in tg.requests("sendMessage")] == [None, None, 200]


def test_oversized_uploads() -> None:
    with make_emulator(max_upload_bytes=300_000, max_photo_bytes=100_000) as tg:

        async def scenario(bot: telegram.Bot) -> tuple[str, str]:
            with pytest.raises(NetworkError) as too_large:
                await bot.send_document(CHANNEL, b"\0" * 400_000, filename="big.bin")
            with pytest.raises(BadRequest) as big_photo:
                await bot.send_photo(CHANNEL, b"\xff" * 150_000)
            return str(too_large.value), str(big_photo.value)

        too_large, big_photo = run(tg, scenario)
        assert too_large == "Request Entity Too Large"
        assert big_photo == (
            "File of size 150000 bytes is too big for a photo; the maximum size is 100000 bytes"
        )
        assert tg.requests("sendDocument")[0].status == 413
        assert tg.messages() == []

    # A body over the request cap is refused unread, and the answer still arrives whole.
    with make_emulator(max_request_bytes=10_000) as tg:
        connection = http.client.HTTPConnection("127.0.0.1", tg.port, timeout=5)
        connection.request("POST", f"/bot{TOKEN}/sendMessage", body=b"text=" + b"x" * 50_000)
        response = connection.getresponse()
        assert (response.status, json.loads(response.read())["description"]) == (
            413,
            "Request Entity Too Large",
        )
        connection.close()
        assert tg.requests("sendMessage")[0].status == 413


def test_duplicates_and_seeded_random_faults(tg: TelegramEmulator) -> None:
    async def twice(bot: telegram.Bot) -> None:
        await bot.send_message(CHANNEL, "same post")
        await bot.send_message(CHANNEL, "another post")
        await bot.send_message(CHANNEL, "same post")

    run(tg, twice)
    [group] = tg.duplicates()
    assert [m.message_id for m in group] == [1, 3]

    def outcomes(seed: int) -> list[str]:
        with make_emulator(per_chat_limit=None) as emulator:
            emulator.random_faults(seed, p_5xx_before=0.2, p_drop_after=0.2, p_retry_after=0.1)

            async def scenario(bot: telegram.Bot) -> list[str]:
                seen = []
                for n in range(15):
                    try:
                        await bot.send_message(CHANNEL, f"n{n}")
                        seen.append("ok")
                    except telegram.error.TelegramError as error:
                        seen.append(type(error).__name__)
                return seen

            seen = run(emulator, scenario)
            assert len(emulator.messages()) == seen.count("ok") + sum(
                r.fault == "drop_after" for r in emulator.requests("sendMessage")
            )
            return seen

    first = outcomes(42)
    assert first == outcomes(42)
    assert {"ok", "NetworkError"} <= set(first)


def test_keep_alive_and_raw_protocol(tg: TelegramEmulator) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", tg.port, timeout=5)
    answers = []
    for method in ("getMe", "getMe", "noSuchMethod"):
        connection.request("POST", f"/bot{TOKEN}/{method}")
        response = connection.getresponse()
        answers.append((response.status, json.loads(response.read())))
        if method == "getMe":
            assert response.getheader("Connection") != "close"
    first_socket = connection.sock
    connection.request("GET", f"/bot{TOKEN}/getChat?chat_id=%40arna_kz")
    response = connection.getresponse()
    assert connection.sock is first_socket  # one connection for all four requests
    assert json.loads(response.read())["result"]["id"] == CHANNEL
    connection.close()
    assert answers[0][1]["result"]["username"] == "arna_test_bot"
    assert answers[2] == (404, {"ok": False, "error_code": 404, "description": "Not Found"})


def test_standalone_server_for_benchmarks() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "tests.emulators.telegram_api", "--port", str(port)]
    command += ["--token", "42:BENCH", "--channel", "@bench"]
    with subprocess.Popen(command, cwd=Path(__file__).parents[1], stdout=subprocess.PIPE) as server:
        try:
            assert server.stdout is not None
            assert f"http://127.0.0.1:{port}/bot" in server.stdout.readline().decode()
            url = f"http://127.0.0.1:{port}/bot42:BENCH/sendMessage?chat_id=%40bench&text=hi"
            with urllib.request.urlopen(url, data=b"", timeout=5) as answer:
                assert json.loads(answer.read())["result"]["message_id"] == 1
        finally:
            server.terminate()
    assert server.returncode is not None
