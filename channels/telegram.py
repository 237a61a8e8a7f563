"""The Telegram adapter: python-telegram-bot v22 behind the channel interface.

Errors are classified by what they prove (DESIGN.md, "Publishing", step 3):
- not delivered, may go again: 429 (RetryAfter, with its delay), a connection that never opened,
  a connect or pool timeout;
- not delivered, will fail again: 400 (chat not found, can't parse entities, too long), 403 (not
  a member, no rights), 401/404 (the token), a chat that migrated;
- unknown: a read or write timeout, a connection dropped after the request went out, a 5xx. These
  become `needs_check` and are never retried automatically.

`confirm` looks for a post whose send had an unknown outcome. Channel message ids are sequential,
so the ids after the channel's last known post are forwarded to the office's audit chat; a
forwarded message with the post's text proves it went out, and "message to forward not found" for
each of them proves it did not.

The token is read from the environment by the caller and never appears in a message: the error
texts of the HTTP library can hold the request URL, which holds the token, so every message is
redacted.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaDocument,
    InputMediaPhoto,
    InputMediaVideo,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
)
from telegram.constants import ChatMemberStatus
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import HTTPXRequest

from channels.base import (
    ChannelAdapter,
    Checked,
    Confirmation,
    Delivered,
    Health,
    Outcome,
    OutgoingPost,
    Payload,
    PublishError,
    Rate,
    Step,
)
from channels.telegram_render import FIRST_MESSAGE, TelegramStyle, plain_text, render
from posts.i18n import Text
from posts.platform import NetworkLimits

DEFAULT_API = "https://api.telegram.org"
#: PLATFORMS.md §1: about 20 messages a minute in one channel, about 30 a second for one bot
CHANNEL_RATE = Rate(20, 60.0)
BOT_RATE = Rate(30, 1.0)
#: How many message ids after the last known one `confirm` looks at.
CONFIRM_LOOKAHEAD = 3

TOKEN_MISSING = Text(
    kk="{env} айнымалысы бос: оған Telegram ботының токенін жазыңыз (@BotFather береді; README, «Telegram арнасын қосу»).",
    ru="Переменная окружения {env} пуста: запишите в неё токен Telegram-бота (его выдаёт @BotFather; README, «Подключение канала Telegram»).",
    en='The environment variable {env} is empty: put the Telegram bot\'s token in it (@BotFather gives it; README, "Connecting a real Telegram channel").',
)
TOKEN_REJECTED = Text(
    kk="Telegram токенді қабылдамады ({error}). @BotFather-тен жаңа токен алып, {env} айнымалысына жазыңыз.",
    ru="Telegram отклонил токен ({error}). Получите новый токен у @BotFather и запишите его в {env}.",
    en="Telegram rejected the token ({error}). Get a new token from @BotFather and put it in {env}.",
)
CHAT_NOT_FOUND = Text(
    kk="{target} арнасы табылмады ({error}). config.toml-дағы target мәнін тексеріңіз және ботты арнаға қосыңыз.",
    ru="Канал {target} не найден ({error}). Проверьте target в config.toml и добавьте бота в канал.",
    en="The channel {target} was not found ({error}). Check target in config.toml and add the bot to the channel.",
)
NOT_ADMIN = Text(
    kk="Бот {target} арнасында әкімші емес немесе жазба жариялай алмайды. Арна баптауларында ботты әкімші етіп, «Хабарлама жариялау» құқығын беріңіз.",
    ru="Бот не администратор канала {target} или не может публиковать. В настройках канала сделайте бота администратором с правом «Публикация сообщений».",
    en="The bot is not an administrator of {target}, or may not post there. In the channel's settings, make the bot an administrator with the right to post messages.",
)
UNREACHABLE = Text(
    kk="Telegram-ға қосылу мүмкін болмады ({error}). Желіні немесе api_base_url мәнін тексеріңіз.",
    ru="Не удалось связаться с Telegram ({error}). Проверьте сеть или api_base_url.",
    en="Could not reach Telegram ({error}). Check the network or api_base_url.",
)


class TelegramChannel(ChannelAdapter):
    network = "telegram"

    def __init__(
        self,
        channel_id: str,
        target: str,
        limits: NetworkLimits,
        *,
        token: str | None,
        token_env: str = "",
        api_base_url: str | None = None,
        style: TelegramStyle | None = None,
        audit_chat: str | None = None,
        timeout: float = 20.0,
        per_minute: int | None = None,
        media_timeout: float = 120.0,
    ) -> None:
        super().__init__(channel_id, target, limits)
        self.token = token
        self.token_env = token_env
        self.api_base_url = (api_base_url or DEFAULT_API).rstrip("/")
        self.style = style or TelegramStyle()
        self.audit_chat = audit_chat
        self._timeout = timeout
        self._channel_rate = Rate(per_minute, 60.0) if per_minute else CHANNEL_RATE
        self._media_timeout = media_timeout
        self._bot: Bot | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()  # one call at a time: the client belongs to one loop

    # --- the interface --------------------------------------------------------------------------

    def render(self, post: OutgoingPost) -> Payload:
        return render(post, self.target, self.limits, self.style)

    def publish(self, payload: Payload) -> Delivered:
        first: Message | None = None
        for index, step in enumerate(payload.steps):
            try:
                result = self._call(self._step(step, payload, first))
            except PublishError as e:
                if first is None:
                    raise
                # the post is out; a failed follow-up (a pin, the rest of a long text) must not
                # send it again: it is recorded as delivered, with the follow-up's problem
                e.delivered = self._delivered(first)
                e.message = f"step {index + 1} ({step.method}): {e.message}"
                raise
            if first is None:
                first = result[0] if isinstance(result, tuple | list) else result
        if first is None:
            raise PublishError(Outcome.PERMANENT, "the payload has no steps", code="empty")
        return self._delivered(first)

    def check(self) -> Health:
        if not self.token:
            return Health(False, (TOKEN_MISSING,), {"env": self.token_env})
        try:
            me = self._call(self._bot_now().get_me())
            member = self._call(self._bot_now().get_chat_member(self.target, me.id))
        except PublishError as e:
            details = {"error": e.message, "env": self.token_env, "target": self.target}
            if e.code == "token":
                return Health(False, (TOKEN_REJECTED,), details)
            if e.code in ("chat_not_found", "forbidden"):
                return Health(False, (CHAT_NOT_FOUND,), details)
            return Health(False, (UNREACHABLE,), details)
        can_post = member.status == ChatMemberStatus.OWNER or (
            member.status == ChatMemberStatus.ADMINISTRATOR
            and bool(getattr(member, "can_post_messages", False))
        )
        details = {"bot": f"@{me.username}", "target": self.target, "status": member.status}
        if not can_post:
            return Health(False, (NOT_ADMIN,), details)
        return Health(True, (), details)

    def rates(self) -> dict[str, Rate]:
        bot = hashlib.sha256((self.token or "").encode()).hexdigest()[:12]  # never the token
        return {
            f"telegram-chat:{self.target}": self._channel_rate,
            f"telegram-bot:{bot}": BOT_RATE,
        }

    def cost(self, payload: Payload) -> int:
        """Every message counts: an album of five is five messages; a pin is none."""
        total = 0
        for step in payload.steps:
            if step.method == "sendMediaGroup":
                total += len(step.media)
            elif step.method != "pinChatMessage":
                total += 1
        return max(total, 1)

    def confirm(self, payload: Payload, after: Delivered | None) -> Checked:
        if not self.audit_chat or not self.token:
            return Checked(Confirmation.UNKNOWN, how="no audit chat to forward to")
        if after is None:
            return Checked(Confirmation.UNKNOWN, how="no earlier post of this channel is known")
        expected = plain_text(payload.steps[0]).strip()
        last = int(after.external_id.split(",")[0])
        for message_id in range(last + 1, last + 1 + CONFIRM_LOOKAHEAD):
            try:
                copy = self._call(
                    self._bot_now().forward_message(
                        self.audit_chat, self.target, message_id, disable_notification=True
                    )
                )
            except PublishError as e:
                if "not found" in e.message.lower():
                    continue  # no message with this id: not ours
                how = f"forward {message_id}: {e.message}"
                if e.outcome is Outcome.PERMANENT:
                    return Checked(Confirmation.UNKNOWN, how=how)
                return Checked(Confirmation.UNKNOWN, how=how, retry_after=e.retry_after or 10.0)
            seen = (copy.text or copy.caption or "").strip()
            if payload.steps[0].method == "sendPoll" and copy.poll is not None:
                seen = copy.poll.question.strip()
            if seen == expected:
                how = f"message {message_id} forwarded to the audit chat has the post's text"
                return Checked(Confirmation.SENT, self._delivered_id(message_id), how)
        return Checked(
            Confirmation.NOT_SENT,
            how=f"none of messages {last + 1}-{last + CONFIRM_LOOKAHEAD} has the post's text",
        )

    def send_notice(self, chat: str, text: str) -> None:
        """A plain-text notice to a chat (the editors' chat); raises PublishError."""
        self._call(self._bot_now().send_message(chat, text, disable_notification=False))

    def close(self) -> None:
        with self._lock:
            if self._loop is not None:
                if self._bot is not None:
                    with contextlib.suppress(Exception):  # closing a dead connection is no news
                        self._await(self._bot.shutdown())
                self._loop.call_soon_threadsafe(self._loop.stop)
                if self._thread is not None:
                    self._thread.join(timeout=10)
                self._loop.close()
            self._loop, self._thread, self._bot = None, None, None

    # --- sending --------------------------------------------------------------------------------

    async def _step(self, step: Step, payload: Payload, first: Message | None) -> Any:
        bot = self._bot_now()
        p = _resolve(step.params, first)
        kw: dict[str, Any] = {
            k: p[k] for k in ("disable_notification", "protect_content") if k in p
        }
        if "reply_parameters" in p:
            kw["reply_parameters"] = ReplyParameters(**p["reply_parameters"])
        media_timeouts = {"write_timeout": self._media_timeout, "read_timeout": self._media_timeout}
        if step.method == "sendMessage":
            if "link_preview_options" in p:
                kw["link_preview_options"] = LinkPreviewOptions(**p["link_preview_options"])
            if "reply_markup" in p:
                kw["reply_markup"] = _keyboard(p["reply_markup"])
            return await bot.send_message(p["chat_id"], p["text"], parse_mode=p["parse_mode"], **kw)
        if step.method in _SENDERS:
            media = payload.media[step.media[0]]
            send = getattr(bot, _SENDERS[step.method])
            extra = {"filename": media.path.name} if step.method == "sendDocument" else {}
            return await send(
                p["chat_id"],
                _read(media.path),
                caption=p.get("caption"),
                parse_mode=p.get("parse_mode"),
                **extra,
                **kw,
                **media_timeouts,
            )
        if step.method == "sendMediaGroup":
            pairs = zip(step.media, p["media"], strict=True)
            items = [_input_media(item, payload.media[i]) for i, item in pairs]
            return await bot.send_media_group(p["chat_id"], items, **kw, **media_timeouts)
        if step.method == "sendPoll":
            return await bot.send_poll(
                p["chat_id"], p["question"], p["options"], is_anonymous=p["is_anonymous"], **kw
            )
        if step.method == "pinChatMessage":
            return await bot.pin_chat_message(
                p["chat_id"], p["message_id"], disable_notification=p["disable_notification"]
            )
        raise PublishError(Outcome.PERMANENT, f"unknown step {step.method}", code="render")

    def _bot_now(self) -> Bot:
        if self._bot is None:
            if not self.token:
                raise PublishError(Outcome.PERMANENT, "no token", code="token")
            request = HTTPXRequest(
                connect_timeout=10.0,
                read_timeout=self._timeout,
                write_timeout=self._timeout,
                pool_timeout=5.0,
                media_write_timeout=self._media_timeout,
            )
            self._bot = Bot(
                self.token,
                base_url=f"{self.api_base_url}/bot",
                base_file_url=f"{self.api_base_url}/file/bot",
                request=request,
            )
        return self._bot

    def _await(self, coroutine: Any) -> Any:
        """Run a coroutine on the adapter's own event loop, in its own thread, and wait for it.
        The caller may be a plain thread, the daemon, or an async server (the desk) whose loop
        is running: python-telegram-bot's client lives on one loop, and this is that loop."""
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
            self._thread = threading.Thread(
                target=self._loop.run_forever, name=f"telegram-{self.channel_id}", daemon=True
            )
            self._thread.start()
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def _call(self, coroutine: Any) -> Any:
        """Run one Bot API coroutine to its end and classify what went wrong."""
        with self._lock:
            try:
                return self._await(coroutine)
            except TelegramError as e:
                raise self._classify(e) from None
            except OSError as e:  # a media file that vanished from the store
                raise PublishError(Outcome.PERMANENT, self._redact(str(e)), code="media") from None

    def _classify(self, e: TelegramError) -> PublishError:
        message = self._redact(e.message)
        cause = e.__cause__
        if isinstance(e, RetryAfter):
            delay = e.retry_after
            seconds = delay.total_seconds() if hasattr(delay, "total_seconds") else float(delay)
            return PublishError(Outcome.RETRY, message, code="rate_limit", retry_after=seconds)
        if isinstance(e, InvalidToken):
            return PublishError(Outcome.PERMANENT, message, code="token")
        if isinstance(e, ChatMigrated):
            return PublishError(
                Outcome.PERMANENT,
                f"the chat moved to {e.new_chat_id}: put it in config.toml as target",
                code="chat_migrated",
            )
        if isinstance(e, Forbidden):
            return PublishError(Outcome.PERMANENT, message, code="forbidden")
        if isinstance(e, BadRequest):
            lowered = message.lower()
            code = "chat_not_found" if "chat not found" in lowered else "bad_request"
            if "not enough rights" in lowered or "administrator rights" in lowered:
                code = "not_admin"
            return PublishError(Outcome.PERMANENT, message, code=code)
        if isinstance(e, TimedOut):
            if isinstance(cause, httpx.ConnectTimeout | httpx.PoolTimeout):
                return PublishError(Outcome.RETRY, message, code="connect_timeout", retry_after=30)
            return PublishError(Outcome.AMBIGUOUS, message or "timed out", code="timeout")
        if isinstance(e, NetworkError):
            if isinstance(cause, httpx.ConnectError):
                return PublishError(Outcome.RETRY, message, code="connect", retry_after=30)
            return PublishError(Outcome.AMBIGUOUS, message, code="network")
        return PublishError(Outcome.AMBIGUOUS, message, code="unknown")

    def _redact(self, text: str) -> str:
        if self.token:
            text = text.replace(self.token, "***")
        return text

    def _delivered(self, message: Message) -> Delivered:
        return self._delivered_id(message.message_id)

    def _delivered_id(self, message_id: int) -> Delivered:
        return Delivered(str(message_id), message_url(self.target, message_id))


_SENDERS = {"sendPhoto": "send_photo", "sendVideo": "send_video", "sendDocument": "send_document"}


def message_url(target: str, message_id: int) -> str | None:
    """The t.me link of a channel post: public by @username, private by the id after -100."""
    if target.startswith("@"):
        return f"https://t.me/{target[1:]}/{message_id}"
    if target.startswith("-100"):
        return f"https://t.me/c/{target[4:]}/{message_id}"
    return None


def _resolve(params: Mapping[str, Any], first: Message | None) -> dict[str, Any]:
    """The step's parameters with the first message's id filled in."""

    def fill(value: Any) -> Any:
        if value == FIRST_MESSAGE:
            return first.message_id if first is not None else None
        if isinstance(value, Mapping):
            return {k: fill(v) for k, v in value.items()}
        return value

    return {k: fill(v) for k, v in params.items()}


def _read(path: Path) -> bytes:
    return path.read_bytes()


def _input_media(item: Mapping[str, Any], media: Any) -> Any:
    kind = item["type"]
    cls = {"photo": InputMediaPhoto, "video": InputMediaVideo}.get(kind, InputMediaDocument)
    kwargs: dict[str, Any] = {}
    if item.get("caption"):
        kwargs = {"caption": item["caption"], "parse_mode": item.get("parse_mode")}
    if cls is InputMediaDocument:
        kwargs["filename"] = media.path.name
    return cls(_read(media.path), **kwargs)


def _keyboard(markup: Mapping[str, Any]) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(b["text"], url=b["url"]) for b in row]
        for row in markup["inline_keyboard"]
    ]
    return InlineKeyboardMarkup(rows)
