"""An HTTP emulator of the Telegram Bot API, for tests and benchmarks.

python-telegram-bot (or any client) talks to it over real HTTP/1.1 with keep-alive:
`Bot(token, base_url=emulator.base_url, base_file_url=emulator.base_file_url)`. It answers the
way api.telegram.org does (same endpoints, field names, error bodies and limits as
/work/shared/PLATFORMS.md), records what was delivered, and fails on purpose when a test asks:

    with TelegramEmulator(per_chat_limit=(3, 2.0)) as tg:
        tg.add_bot(TOKEN, "arna_bot")
        tg.add_channel(-1001234567890, username="arna_kz", admins=[TOKEN])
        tg.inject(Fault("drop_after", method="sendMessage"))
        ...  # drive python-telegram-bot against tg.base_url
        assert tg.delivered_texts("@arna_kz") == ["..."]

Choices the tests can rely on:
- Text limits count UTF-16 code units after entity parsing (4096 for text, 1024 for captions), the
  unit Telegram uses for entity offsets; whether Telegram counts UTF-16 units or code points is
  undocumented (PLATFORMS.md ⚠), and UTF-16 is the stricter of the two.
- Rate limits are per bot, as Telegram's are: `per_chat_limit` for groups and channels,
  `private_chat_limit` for private chats (off by default), `global_limit` across all chats.
  An album counts as its number of items; a refused request records nothing.
- `sendMediaGroup` with one item sends a single message without `media_group_id`, as TDLib does;
  more than 10 items, no items, or documents mixed with other media are refused.
- An upload larger than `max_upload_bytes` (50 MiB; 2000 MiB with `local_mode=True`) gets 413
  `Request Entity Too Large`, checked per uploaded file.

Run standalone (for benchmarks):
    python -m tests.emulators.telegram_api --port 8081 --token 123:ABC --channel @arna_kz
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hashlib
import io
import itertools
import json
import logging
import math
import mimetypes
import random
import re
import signal
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, BinaryIO, Literal, get_args
from urllib.parse import parse_qsl, unquote, urlsplit

from tests.emulators.telegram_html import HtmlParseError, ParsedText, finalize_text, parse_html
from tests.emulators.telegram_html import utf16_len as _utf16_len

__all__ = [
    "ADMIN_RIGHTS",
    "MIB",
    "SEND_METHODS",
    "DeliveredMessage",
    "Fault",
    "FaultKind",
    "MediaRecord",
    "RequestRecord",
    "TelegramEmulator",
    "main",
]

_LOG = logging.getLogger(__name__)

MIB = 1024 * 1024
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_ALBUM = 10
MAX_POLL_QUESTION = 300
MAX_POLL_OPTIONS = 12
MAX_POLL_OPTION = 100
MAX_DOWNLOAD = 20 * MIB
# Methods that deliver messages: these are rate limited and are the default target of random faults.
SEND_METHODS = frozenset(
    {
        "sendmessage",
        "sendphoto",
        "sendvideo",
        "senddocument",
        "sendmediagroup",
        "sendpoll",
        "forwardmessage",
        "copymessage",
    }
)
# Rights a bot gets from `admins=[token]` unless the test says otherwise.
ADMIN_RIGHTS: Mapping[str, bool] = {
    "can_manage_chat": True,
    "can_post_messages": True,
    "can_edit_messages": True,
    "can_delete_messages": True,
    "can_invite_users": True,
    "can_change_info": False,
    "can_restrict_members": False,
    "can_promote_members": False,
    "can_manage_video_chats": False,
    "can_pin_messages": True,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
}
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_API_PATH = re.compile(r"^/bot([^/]+)/([A-Za-z0-9_]+)/?$")
_FILE_PATH = re.compile(r"^/file/bot([^/]+)/(.+)$")
_DELETE_WINDOW = 48 * 3600

FaultKind = Literal["status_5xx", "slow", "drop_before", "drop_after", "retry_after"]
MemberStatus = Literal["administrator", "member", "left", "kicked"]
ChatType = Literal["channel", "supergroup", "group", "private"]


class ApiError(Exception):
    """An answer with ok=false, exactly as Telegram words it."""

    def __init__(self, code: int, description: str, parameters: Mapping[str, Any] | None = None):
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = dict(parameters) if parameters else None

    def body(self) -> dict[str, Any]:
        answer: dict[str, Any] = {"ok": False, "error_code": self.code}
        answer["description"] = self.description
        if self.parameters:
            answer["parameters"] = self.parameters
        return answer


def _bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


# ---------------------------------------------------------------------------------------------
# Public records


@dataclass(frozen=True)
class Fault:
    """One programmed failure, applied to the next request(s) matching `method` and `chat`.

    - `status_5xx`: answer `status` (502 or 500) with a Telegram-like JSON body (or `body`);
      with `recorded=True` the message is delivered first, so the failure is ambiguous.
    - `slow`: deliver, wait `seconds`, then answer (a client timeout is ambiguous).
    - `drop_before`: close the connection without delivering or answering.
    - `drop_after`: deliver, then close the connection without answering.
    - `retry_after`: a real 429 with `retry_after = seconds`; nothing is delivered.
    """

    kind: FaultKind
    method: str | None = None
    chat: int | str | None = None
    times: int = 1
    status: int = 502
    recorded: bool = False
    seconds: float = 1.0
    body: bytes | None = None

    def __post_init__(self) -> None:
        if self.kind not in get_args(FaultKind):
            raise ValueError(f"unknown fault kind {self.kind!r}")
        if self.kind == "status_5xx" and not 500 <= self.status <= 599:
            raise ValueError("status_5xx needs a 5xx status")
        if self.times < 1:
            raise ValueError("times must be at least 1")


@dataclass(frozen=True)
class MediaRecord:
    """A file attached to a delivered message; `sha256` is of the bytes that were uploaded."""

    kind: str
    sha256: str
    size: int
    file_id: str
    file_unique_id: str
    file_name: str | None = None
    mime_type: str | None = None
    width: int | None = None
    height: int | None = None
    duration: int | None = None


@dataclass(frozen=True)
class DeliveredMessage:
    """One message as the emulator delivered it to a chat."""

    chat_id: int
    message_id: int
    bot_id: int
    method: str
    kind: str  # text, photo, video, document, poll, service
    date: int
    time: float
    payload: dict[str, Any]  # the Message object returned to the client
    text: str | None = None
    entities: tuple[dict[str, Any], ...] = ()
    caption: str | None = None
    caption_entities: tuple[dict[str, Any], ...] = ()
    media: tuple[MediaRecord, ...] = ()
    media_group_id: str | None = None
    poll: dict[str, Any] | None = None
    options: dict[str, Any] = field(default_factory=dict)
    forwarded_from: tuple[int, int] | None = None  # (chat id, message id) of the original

    @property
    def content_key(self) -> tuple[Any, ...]:
        """What makes two messages "the same post": text/caption, media bytes, poll."""
        poll = None
        if self.poll is not None:
            poll = (self.poll["question"], tuple(o["text"] for o in self.poll["options"]))
        return (self.kind, self.text, self.caption, tuple(m.sha256 for m in self.media), poll)


@dataclass
class RequestRecord:
    """One HTTP request as it arrived, and what became of it."""

    time: float
    http_method: str
    api_method: str | None
    token: str | None
    params: dict[str, Any]
    files: dict[str, tuple[str | None, int, str]]  # part name -> (file name, size, sha256)
    status: int | None = None  # None: the connection was dropped without an answer
    description: str | None = None
    fault: str | None = None


# ---------------------------------------------------------------------------------------------
# Internal state


@dataclass
class _Bot:
    token: str
    id: int
    username: str
    first_name: str

    def user(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "is_bot": True,
            "first_name": self.first_name,
            "username": self.username,
        }


@dataclass
class _Member:
    status: MemberStatus
    rights: dict[str, bool] = field(default_factory=dict)


@dataclass
class _Chat:
    id: int
    type: ChatType
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    owner_id: int = 1
    members: dict[int, _Member] = field(default_factory=dict)
    next_message_id: int = 1
    messages: dict[int, DeliveredMessage] = field(default_factory=dict)
    pinned: list[int] = field(default_factory=list)

    def json(self) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.title is not None:
            chat["title"] = self.title
        if self.first_name is not None:
            chat["first_name"] = self.first_name
        if self.username:
            chat["username"] = self.username
        return chat

    @property
    def kind_word(self) -> str:
        """How Telegram's error descriptions name this kind of chat."""
        return {"channel": "channel", "supergroup": "supergroup", "group": "group"}.get(
            self.type, "private"
        )


@dataclass
class _StoredFile:
    kind: str
    bot_id: int
    sha256: str
    size: int
    file_unique_id: str
    file_path: str
    data: bytes | None
    file_name: str | None = None
    mime_type: str | None = None
    width: int | None = None
    height: int | None = None
    duration: int | None = None
    photo_sizes: list[dict[str, Any]] | None = None  # photos: every size of the same photo


@dataclass
class _Part:
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class _Media:
    """A file checked outside the lock, registered when its message is delivered."""

    kind: str
    data: bytes | None = None
    sha256: str = ""
    file_name: str | None = None
    mime_type: str | None = None
    width: int | None = None
    height: int | None = None
    duration: int | None = None
    existing: _StoredFile | None = None
    existing_id: str | None = None


@dataclass
class _Draft:
    kind: str
    text: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    caption: str | None = None
    caption_entities: list[dict[str, Any]] = field(default_factory=list)
    media: list[_Media] = field(default_factory=list)
    media_records: tuple[MediaRecord, ...] = ()
    content: dict[str, Any] = field(default_factory=dict)  # photo/video/document/poll fields
    poll: dict[str, Any] | None = None
    options: dict[str, Any] = field(default_factory=dict)
    reply_markup: dict[str, Any] | None = None
    forwarded_from: tuple[int, int] | None = None
    forward_origin: dict[str, Any] | None = None


@dataclass
class _Outcome:
    status: int | None  # None: drop the connection
    body: bytes = b""
    content_type: str = "application/json"
    delay: float = 0.0
    close: bool = False


@dataclass
class _RandomFaults:
    rng: random.Random
    weights: list[tuple[Fault, float]]
    methods: frozenset[str]


class _Params:
    """Request parameters from the query string and a form, multipart or JSON body."""

    def __init__(self, values: dict[str, Any], files: dict[str, _Part]):
        self.values = values
        self.files = files

    def raw(self, name: str) -> Any:
        return self.values.get(name)

    def get_str(self, name: str) -> str | None:
        value = self.values.get(name)
        if value is None:
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        return value if isinstance(value, str) else json.dumps(value)

    def get_int(self, name: str, *, required: bool = False) -> int | None:
        value = self.values.get(name)
        if value is None or value == "":
            if required:
                raise _bad(f"{name} is empty")
            return None
        try:
            return int(value)
        except (TypeError, ValueError):
            raise _bad(f"invalid {name} specified") from None

    def get_bool(self, name: str) -> bool | None:
        value = self.values.get(name)
        if value is None:
            return None
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in ("true", "1")

    def get_json(self, name: str, *, what: str | None = None) -> Any:
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            raise _bad(f"can't parse {what or name} JSON object") from None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], emulator: TelegramEmulator):
        self.emulator = emulator
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.connections_lock:
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.connections_lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self.connections_lock:
            connections = list(self.connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nginx/1.18.0"  # what api.telegram.org says it is
    sys_version = ""
    disable_nagle_algorithm = True  # headers and body go out in two writes
    timeout = 300  # an idle keep-alive connection frees its thread eventually
    server: _Server

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        _LOG.debug("%s " + format, self.address_string(), *args)

    def _serve(self) -> None:
        emulator = self.server.emulator
        try:
            outcome = emulator._dispatch(self.command, self.path, self.headers, self.rfile)
        except Exception:  # a bug in the emulator: answer so that the test sees it
            _LOG.exception("telegram emulator failed on %s %s", self.command, self.path)
            body = ApiError(500, "Internal Server Error: emulator bug").body()
            outcome = _Outcome(500, json.dumps(body).encode(), close=True)
        if outcome.delay:
            emulator._stopping.wait(outcome.delay)
        if outcome.status is None:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        try:
            self.send_response(outcome.status)
            self.send_header("Content-Type", outcome.content_type)
            self.send_header("Content-Length", str(len(outcome.body)))
            if outcome.close:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            self.wfile.write(outcome.body)
        except OSError:  # the client gave up (a timeout on its side)
            self.close_connection = True


# ---------------------------------------------------------------------------------------------
# The emulator


class TelegramEmulator:
    """A Bot API server on 127.0.0.1 in a background thread, with fault and limit controls.

    Limits are constructor arguments so that tests can use small windows and a "local Bot API
    server" can be emulated (`local_mode=True`: 2000 MiB uploads, no 20 MiB download limit).
    `per_chat_limit`, `private_chat_limit` and `global_limit` are (messages, seconds) or None.
    `keep_file_bytes=False` stops keeping uploads in memory (then getFile has nothing to serve).
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        per_chat_limit: tuple[int, float] | None = (20, 60.0),
        private_chat_limit: tuple[int, float] | None = None,
        global_limit: tuple[int, float] | None = (30, 1.0),
        local_mode: bool = False,
        max_upload_bytes: int | None = None,
        max_photo_bytes: int = 10 * MIB,
        max_photo_side_sum: int = 10000,
        max_photo_ratio: float = 20.0,
        max_request_bytes: int | None = None,
        keep_file_bytes: bool = True,
    ):
        self.host = host
        self.port = port
        self.per_chat_limit = per_chat_limit
        self.private_chat_limit = private_chat_limit
        self.global_limit = global_limit
        self.local_mode = local_mode
        self.max_upload_bytes = max_upload_bytes or (2000 if local_mode else 50) * MIB
        self.max_photo_bytes = max_photo_bytes
        self.max_photo_side_sum = max_photo_side_sum
        self.max_photo_ratio = max_photo_ratio
        # Beyond this the body is not even read (albums may carry up to 10 files).
        self.max_request_bytes = max_request_bytes or self.max_upload_bytes * MAX_ALBUM + MIB
        self.keep_file_bytes = keep_file_bytes

        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._bots: dict[str, _Bot] = {}
        self._chats: dict[int, _Chat] = {}
        self._usernames: dict[str, int] = {}
        self._files: dict[str, _StoredFile] = {}
        self._file_paths: dict[str, str] = {}
        self._delivered: list[DeliveredMessage] = []
        self._requests: list[RequestRecord] = []
        self._faults: list[list[Any]] = []  # [fault, remaining times]
        self._random: _RandomFaults | None = None
        self._chat_hits: dict[tuple[int, int], deque[float]] = {}
        self._bot_hits: dict[int, deque[float]] = {}
        self._counter = itertools.count(1)
        self._methods: dict[str, Callable[[_Bot, _Params], Any]] = {
            "getme": self._get_me,
            "getchat": self._get_chat,
            "getchatmember": self._get_chat_member,
            "getchatadministrators": self._get_chat_administrators,
            "sendmessage": self._send_message,
            "sendphoto": self._send_photo,
            "sendvideo": self._send_video,
            "senddocument": self._send_document,
            "sendmediagroup": self._send_media_group,
            "sendpoll": self._send_poll,
            "pinchatmessage": self._pin_chat_message,
            "forwardmessage": self._forward_message,
            "copymessage": self._copy_message,
            "deletemessage": self._delete_message,
            "getfile": self._get_file,
        }

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> TelegramEmulator:
        """Bind a free port (unless one was given) and serve in a daemon thread."""
        if self._server is not None:
            return self
        self._stopping.clear()
        self._server = _Server((self.host, self.port), self)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"telegram-emulator:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; sleeping (slow) answers wake up and open connections are closed."""
        server, self._server = self._server, None
        if server is None:
            return
        self._stopping.set()
        server.shutdown()
        server.close_connections()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> TelegramEmulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """For `telegram.Bot(base_url=...)`: the token and method are appended to it."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    # -- configuration --------------------------------------------------------------------

    def add_bot(self, token: str, username: str, *, first_name: str | None = None) -> int:
        """Register a bot; its id is the number before ':' in the token. Returns the id."""
        prefix = token.split(":", 1)[0]
        bot_id = int(prefix) if prefix.isdigit() else 7_000_000_000 + next(self._counter)
        with self._lock:
            self._bots[token] = _Bot(token, bot_id, username.lstrip("@"), first_name or username)
        return bot_id

    def add_channel(
        self,
        chat_id: int,
        *,
        username: str | None = None,
        title: str = "Channel",
        admins: Iterable[str] | Mapping[str, Mapping[str, bool]] = (),
        members: Iterable[str] = (),
    ) -> int:
        """A channel (id like -100...). `admins` are tokens, or token -> rights overrides."""
        return self._add_chat(_Chat(chat_id, "channel", title, _clean(username)), admins, members)

    def add_group(
        self,
        chat_id: int,
        *,
        title: str = "Group",
        supergroup: bool = True,
        username: str | None = None,
        admins: Iterable[str] | Mapping[str, Mapping[str, bool]] = (),
        members: Iterable[str] = (),
    ) -> int:
        kind: ChatType = "supergroup" if supergroup else "group"
        return self._add_chat(_Chat(chat_id, kind, title, _clean(username)), admins, members)

    def add_private_chat(
        self,
        user_id: int,
        *,
        first_name: str = "Audit",
        username: str | None = None,
        bots: Iterable[str] = (),
    ) -> int:
        """A user's private chat; `bots` are the tokens of bots the user has started."""
        chat = _Chat(user_id, "private", None, _clean(username), first_name, owner_id=user_id)
        return self._add_chat(chat, (), bots)

    def set_member(self, chat: int | str, token: str, status: MemberStatus, **rights: bool) -> None:
        """Change a bot's standing in a chat (e.g. demote it, or take can_post_messages away)."""
        with self._lock:
            target = self._chat_ref(chat)
            bot = self._bots[token]
            if status == "administrator":
                target.members[bot.id] = _Member(status, {**ADMIN_RIGHTS, **rights})
            else:
                target.members[bot.id] = _Member(status)

    def _add_chat(
        self,
        chat: _Chat,
        admins: Iterable[str] | Mapping[str, Mapping[str, bool]],
        members: Iterable[str],
    ) -> int:
        with self._lock:
            if chat.type != "private":
                chat.owner_id = 1_000_000 + next(self._counter)
            overrides: Mapping[str, Mapping[str, bool]] = (
                admins if isinstance(admins, Mapping) else {token: {} for token in admins}
            )
            for token, rights in overrides.items():
                chat.members[self._bots[token].id] = _Member(
                    "administrator", {**ADMIN_RIGHTS, **rights}
                )
            for token in members:
                chat.members[self._bots[token].id] = _Member("member")
            self._chats[chat.id] = chat
            if chat.username:
                self._usernames[chat.username.lower()] = chat.id
        return chat.id

    # -- faults ---------------------------------------------------------------------------

    def inject(self, fault: Fault) -> None:
        """Queue a fault; queued faults apply in order to the next matching requests."""
        with self._lock:
            self._faults.append([fault, fault.times])

    def fail_5xx(
        self,
        *,
        method: str | None = None,
        chat: int | str | None = None,
        status: int = 502,
        recorded: bool = False,
        times: int = 1,
    ) -> None:
        self.inject(Fault("status_5xx", method, chat, times, status=status, recorded=recorded))

    def slow(
        self,
        seconds: float,
        *,
        method: str | None = None,
        chat: int | str | None = None,
        times: int = 1,
    ) -> None:
        self.inject(Fault("slow", method, chat, times, seconds=seconds))

    def drop_before(
        self, *, method: str | None = None, chat: int | str | None = None, times: int = 1
    ) -> None:
        self.inject(Fault("drop_before", method, chat, times))

    def drop_after(
        self, *, method: str | None = None, chat: int | str | None = None, times: int = 1
    ) -> None:
        self.inject(Fault("drop_after", method, chat, times))

    def retry_after(
        self,
        seconds: int,
        *,
        method: str | None = None,
        chat: int | str | None = None,
        times: int = 1,
    ) -> None:
        self.inject(Fault("retry_after", method, chat, times, seconds=seconds))

    def pending_faults(self) -> list[Fault]:
        with self._lock:
            return [replace(fault, times=left) for fault, left in self._faults]

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()
            self._random = None

    def random_faults(
        self,
        seed: int | None,
        *,
        p_5xx_before: float = 0.0,
        p_5xx_after: float = 0.0,
        p_slow: float = 0.0,
        p_drop_before: float = 0.0,
        p_drop_after: float = 0.0,
        p_retry_after: float = 0.0,
        slow_seconds: float = 2.0,
        retry_after: int = 3,
        status: int = 502,
        methods: Iterable[str] = SEND_METHODS,
    ) -> None:
        """Fail requests at random (seeded, so a crash test can be replayed); None turns it off.

        Each request to one of `methods` that no queued fault matched draws once; the
        probabilities are per kind and must sum to at most 1.
        """
        with self._lock:
            if seed is None:
                self._random = None
                return
            weights = [
                (Fault("status_5xx", status=status), p_5xx_before),
                (Fault("status_5xx", status=status, recorded=True), p_5xx_after),
                (Fault("slow", seconds=slow_seconds), p_slow),
                (Fault("drop_before"), p_drop_before),
                (Fault("drop_after"), p_drop_after),
                (Fault("retry_after", seconds=retry_after), p_retry_after),
            ]
            if sum(p for _, p in weights) > 1.0 + 1e-9:
                raise ValueError("fault probabilities sum to more than 1")
            self._random = _RandomFaults(
                random.Random(seed), weights, frozenset(m.lower() for m in methods)
            )

    def _pick_fault(self, method: str, params: _Params) -> Fault | None:
        with self._lock:
            chat_key = None
            raw_chat = params.get_str("chat_id")
            if raw_chat:
                chat_key = self._chat_key(raw_chat)
            for entry in self._faults:
                fault, left = entry
                if fault.method is not None and fault.method.lower() != method.lower():
                    continue
                if fault.chat is not None and self._chat_key(fault.chat) != chat_key:
                    continue
                if left <= 1:
                    self._faults.remove(entry)
                else:
                    entry[1] = left - 1
                return fault
            chance = self._random
            if chance is None or method.lower() not in chance.methods:
                return None
            draw = chance.rng.random()
            for fault, probability in chance.weights:
                if draw < probability:
                    return fault
                draw -= probability
            return None

    # -- records --------------------------------------------------------------------------

    def messages(
        self, chat: int | str | None = None, *, include_service: bool = False
    ) -> list[DeliveredMessage]:
        """Delivered messages in delivery order, of one chat or of all."""
        with self._lock:
            chat_id = None if chat is None else self._chat_ref(chat).id
            return [
                m
                for m in self._delivered
                if (chat_id is None or m.chat_id == chat_id)
                and (include_service or m.kind != "service")
            ]

    def message(self, chat: int | str, message_id: int) -> DeliveredMessage | None:
        with self._lock:
            return self._chat_ref(chat).messages.get(message_id)

    def delivered_texts(self, chat: int | str) -> list[str]:
        """Text, caption or poll question of each delivered message that has one."""
        texts = []
        for m in self.messages(chat):
            text = m.text if m.text is not None else m.caption
            if text is None and m.poll is not None:
                text = m.poll["question"]
            if text is not None:
                texts.append(text)
        return texts

    def duplicates(
        self, chat: int | str | None = None, *, include_forwards: bool = False
    ) -> list[list[DeliveredMessage]]:
        """Groups of messages with the same content in the same chat (a post sent twice)."""
        groups: dict[tuple[Any, ...], list[DeliveredMessage]] = {}
        for m in self.messages(chat):
            if m.forwarded_from is not None and not include_forwards:
                continue
            groups.setdefault((m.chat_id, *m.content_key), []).append(m)
        return [group for group in groups.values() if len(group) > 1]

    def pinned(self, chat: int | str) -> list[int]:
        with self._lock:
            return list(self._chat_ref(chat).pinned)

    def requests(self, method: str | None = None) -> list[RequestRecord]:
        """The request log (every request, refused and dropped ones too)."""
        with self._lock:
            return [
                r
                for r in self._requests
                if method is None or (r.api_method or "").lower() == method.lower()
            ]

    def reset(self) -> None:
        """Forget messages, requests, files, faults and rate windows; keep bots and chats."""
        with self._lock:
            for chat in self._chats.values():
                chat.messages.clear()
                chat.pinned.clear()
                chat.next_message_id = 1
            self._delivered.clear()
            self._requests.clear()
            self._files.clear()
            self._file_paths.clear()
            self._faults.clear()
            self._random = None
            self._chat_hits.clear()
            self._bot_hits.clear()

    # -- HTTP -----------------------------------------------------------------------------

    def _dispatch(self, http_method: str, target: str, headers: Any, rfile: BinaryIO) -> _Outcome:
        url = urlsplit(target)
        match = _API_PATH.match(url.path)
        token, method = (unquote(match[1]), match[2]) if match else (None, None)
        record = RequestRecord(time.time(), http_method, method, token, {}, {})
        length = int(headers.get("Content-Length") or 0)
        if length > self.max_request_bytes:
            # Like nginx in front of api.telegram.org: refused before anything is parsed.
            _drain(rfile, length)
            self._log(record)
            return _finish(record, _error_outcome(ApiError(413, "Request Entity Too Large")))
        body = rfile.read(length) if length else b""

        if http_method == "GET" and (file_match := _FILE_PATH.match(url.path)):
            return self._download(unquote(file_match[1]), unquote(file_match[2]))
        if token is None or method is None:
            return _error_outcome(ApiError(404, "Not Found"))
        self._log(record)
        try:
            params = _parse_params(url.query, headers.get("Content-Type", ""), body)
        except ApiError as error:
            return _finish(record, _error_outcome(error))
        record.params = {k: v for k, v in params.values.items()}
        record.files = {
            name: (part.filename, len(part.data), hashlib.sha256(part.data).hexdigest())
            for name, part in params.files.items()
        }
        if any(len(part.data) > self.max_upload_bytes for part in params.files.values()):
            return _finish(record, _error_outcome(ApiError(413, "Request Entity Too Large")))

        fault = self._pick_fault(method, params)
        if fault is not None:
            record.fault = fault.kind
        if fault is not None and fault.kind == "retry_after":
            seconds = max(1, math.ceil(fault.seconds))
            error = ApiError(
                429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds}
            )
            return _finish(record, _error_outcome(error))
        if fault is not None and fault.kind == "status_5xx" and not fault.recorded:
            return _finish(record, _fault_outcome(fault))
        if fault is not None and fault.kind == "drop_before":
            return _finish(record, _Outcome(None))

        outcome = self._call(token, method, params)
        if fault is None:
            return _finish(record, outcome)
        if fault.kind == "status_5xx":
            return _finish(record, _fault_outcome(fault))
        if fault.kind == "drop_after":
            return _finish(record, _Outcome(None))
        outcome.delay = fault.seconds  # slow: delivered already, the answer comes late
        return _finish(record, outcome)

    def _call(self, token: str, method: str, params: _Params) -> _Outcome:
        try:
            bot = self._bots.get(token)
            if bot is None:
                raise ApiError(401, "Unauthorized")
            handler = self._methods.get(method.lower())
            if handler is None:
                raise ApiError(404, "Not Found")
            result = handler(bot, params)
        except ApiError as error:
            return _error_outcome(error)
        return _Outcome(200, _dumps({"ok": True, "result": result}))

    def _log(self, record: RequestRecord) -> None:
        with self._lock:
            self._requests.append(record)

    def _download(self, token: str, file_path: str) -> _Outcome:
        with self._lock:
            bot = self._bots.get(token)
            file_id = self._file_paths.get(file_path)
            stored = self._files.get(file_id) if file_id else None
        if bot is None:
            return _error_outcome(ApiError(401, "Unauthorized"))
        if stored is None or stored.data is None or stored.bot_id != bot.id:
            return _error_outcome(ApiError(404, "Not Found"))
        return _Outcome(
            200, stored.data, content_type=stored.mime_type or "application/octet-stream"
        )

    # -- chats and rights -----------------------------------------------------------------

    def _chat_key(self, raw: int | str) -> int | str:
        text = str(raw).strip()
        if text.startswith("@"):
            chat_id = self._usernames.get(text[1:].lower())
            return chat_id if chat_id is not None else text.lower()
        try:
            return int(text)
        except ValueError:
            return text.lower()

    def _chat_ref(self, ref: int | str) -> _Chat:
        key = self._chat_key(ref)
        if isinstance(key, int) and key in self._chats:
            return self._chats[key]
        raise KeyError(f"no such chat in the emulator: {ref!r}")

    def _resolve(self, params: _Params, name: str = "chat_id") -> _Chat:
        raw = params.get_str(name)
        if raw is None or not raw.strip():
            raise _bad(f"{name} is empty")
        key = self._chat_key(raw)
        if not isinstance(key, int) or key not in self._chats:
            raise _bad("chat not found")
        return self._chats[key]

    def _visible(self, bot: _Bot, chat: _Chat) -> bool:
        member = chat.members.get(bot.id)
        known = member is not None and member.status in ("administrator", "member")
        return known or (chat.type != "private" and bool(chat.username))

    def _readable_chat(self, bot: _Bot, params: _Params, name: str = "chat_id") -> _Chat:
        chat = self._resolve(params, name)
        if not self._visible(bot, chat):
            raise _bad("chat not found")
        return chat

    def _check_can_send(self, bot: _Bot, chat: _Chat) -> None:
        member = chat.members.get(bot.id)
        status = member.status if member else "left"
        if chat.type == "private":
            if status == "kicked":
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            if status == "left":
                raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
            return
        if status == "kicked":
            raise ApiError(403, f"Forbidden: bot was kicked from the {chat.kind_word} chat")
        if status == "left":
            raise ApiError(403, f"Forbidden: bot is not a member of the {chat.kind_word} chat")
        if chat.type == "channel":
            assert member is not None
            if member.status != "administrator" or not member.rights.get("can_post_messages"):
                raise _bad("need administrator rights in the channel chat")

    def _member_json(self, chat: _Chat, user: dict[str, Any], member: _Member | None) -> Any:
        if member is None or member.status in ("left", "kicked"):
            status = member.status if member else "left"
            if status == "kicked":
                return {"status": "kicked", "user": user, "until_date": 0}
            return {"status": "left", "user": user}
        if member.status == "member":
            return {"status": "member", "user": user}
        rights = member.rights
        answer: dict[str, Any] = {
            "status": "administrator",
            "user": user,
            "can_be_edited": False,
            "is_anonymous": False,
        }
        for right in (
            "can_manage_chat",
            "can_delete_messages",
            "can_manage_video_chats",
            "can_restrict_members",
            "can_promote_members",
            "can_change_info",
            "can_invite_users",
            "can_post_stories",
            "can_edit_stories",
            "can_delete_stories",
        ):
            answer[right] = bool(rights.get(right))
        if chat.type == "channel":
            answer["can_post_messages"] = bool(rights.get("can_post_messages"))
            answer["can_edit_messages"] = bool(rights.get("can_edit_messages"))
        else:
            answer["can_pin_messages"] = bool(rights.get("can_pin_messages"))
        return answer

    def _owner_json(self, chat: _Chat) -> dict[str, Any]:
        user = {"id": chat.owner_id, "is_bot": False, "first_name": "Owner"}
        return {"status": "creator", "user": user, "is_anonymous": False}

    # -- methods: reading -----------------------------------------------------------------

    def _get_me(self, bot: _Bot, params: _Params) -> Any:
        return {
            **bot.user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _get_chat(self, bot: _Bot, params: _Params) -> Any:
        with self._lock:
            chat = self._readable_chat(bot, params)
            gifts = dict.fromkeys(
                (
                    "unlimited_gifts",
                    "limited_gifts",
                    "unique_gifts",
                    "premium_subscription",
                    "gifts_from_channels",
                ),
                False,
            )
            answer = {
                **chat.json(),
                "accent_color_id": 0,
                "max_reaction_count": 11,
                "accepted_gift_types": gifts,
            }
            if chat.pinned:
                answer["pinned_message"] = chat.messages[chat.pinned[-1]].payload
            return answer

    def _get_chat_member(self, bot: _Bot, params: _Params) -> Any:
        with self._lock:
            chat = self._readable_chat(bot, params)
            user_id = params.get_int("user_id", required=True)
            if user_id == chat.owner_id:
                if chat.type == "private":
                    user = {"id": chat.id, "is_bot": False, "first_name": chat.first_name}
                    return {"status": "member", "user": user}
                return self._owner_json(chat)
            for other in self._bots.values():
                if other.id == user_id:
                    return self._member_json(chat, other.user(), chat.members.get(other.id))
            raise _bad("user not found")

    def _get_chat_administrators(self, bot: _Bot, params: _Params) -> Any:
        with self._lock:
            chat = self._readable_chat(bot, params)
            if chat.type == "private":
                raise _bad("there are no administrators in the private chat")
            admins = [self._owner_json(chat)]
            for other in self._bots.values():
                member = chat.members.get(other.id)
                if member is not None and member.status == "administrator":
                    admins.append(self._member_json(chat, other.user(), member))
            return admins

    def _get_file(self, bot: _Bot, params: _Params) -> Any:
        file_id = params.get_str("file_id")
        with self._lock:
            stored = self._files.get(file_id or "")
            if stored is None or stored.bot_id != bot.id:
                raise _bad("invalid file_id")
            if stored.size > MAX_DOWNLOAD and not self.local_mode:
                raise _bad("file is too big")
            return {
                "file_id": file_id,
                "file_unique_id": stored.file_unique_id,
                "file_size": stored.size,
                "file_path": stored.file_path,
            }

    # -- methods: sending -----------------------------------------------------------------

    def _send_message(self, bot: _Bot, params: _Params) -> Any:
        with self._lock:
            chat = self._resolve(params)
            self._check_can_send(bot, chat)
        parsed = _formatted(params, "text", "parse_mode", "entities")
        if parsed is None or not parsed.text:
            raise _bad("message text is empty")
        if _utf16_len(parsed.text) > MAX_TEXT:
            raise _bad("message is too long")
        draft = _Draft(
            "text",
            text=parsed.text,
            entities=parsed.entities,
            options=_options(params, ("text", "parse_mode", "entities")),
            reply_markup=_reply_markup(params),
        )
        return self._deliver(bot, chat, "sendMessage", [draft])[0].payload

    def _send_photo(self, bot: _Bot, params: _Params) -> Any:
        return self._send_file(bot, params, "photo", "sendPhoto")

    def _send_video(self, bot: _Bot, params: _Params) -> Any:
        return self._send_file(bot, params, "video", "sendVideo")

    def _send_document(self, bot: _Bot, params: _Params) -> Any:
        return self._send_file(bot, params, "document", "sendDocument")

    def _send_file(self, bot: _Bot, params: _Params, kind: str, method: str) -> Any:
        with self._lock:
            chat = self._resolve(params)
            self._check_can_send(bot, chat)
        caption = _caption(params, "caption", "parse_mode", "caption_entities")
        media = self._media(bot, kind, params.raw(kind), params.files, field_name=kind)
        if kind == "video":
            for name in ("width", "height", "duration"):
                given = params.get_int(name)
                if given is not None:
                    setattr(media, name, given)
        media.file_name = params.get_str("file_name") or media.file_name
        draft = _Draft(
            kind,
            caption=caption.text if caption else None,
            caption_entities=caption.entities if caption else [],
            media=[media],
            options=_options(
                params, (kind, "caption", "parse_mode", "caption_entities", "thumbnail")
            ),
            reply_markup=_reply_markup(params),
        )
        return self._deliver(bot, chat, method, [draft])[0].payload

    def _send_media_group(self, bot: _Bot, params: _Params) -> Any:
        with self._lock:
            chat = self._resolve(params)
            self._check_can_send(bot, chat)
        items = params.get_json("media", what="media")
        if items is None and "media" not in params.values:
            raise _bad('parameter "media" is required')
        if items is None or items == []:
            raise _bad("there are no messages to send")
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise _bad("expected an Array of InputMedia")
        kinds = []
        for item in items:
            kind = item.get("type")
            if kind not in ("photo", "video", "document", "audio"):
                raise _bad(
                    f"can't parse InputMedia: type \"{kind}\" can't be used in sendMediaGroup"
                )
            if not item.get("media"):
                raise _bad("can't parse InputMedia: media not found")
            kinds.append(kind)
        if len(items) > MAX_ALBUM:
            raise _bad("too many messages to send as an album")
        for lonely in ("document", "audio"):
            if lonely in kinds and any(k != lonely for k in kinds):
                raise _bad(f"{lonely} can't be mixed with other media types")

        options = _options(params, ("media",))
        drafts = []
        for position, item in enumerate(items, start=1):
            item_params = _Params(item, params.files)
            caption = _caption(item_params, "caption", "parse_mode", "caption_entities")
            try:
                media = self._media(bot, item["type"], item["media"], params.files, album=True)
            except _ServerRefusal as refusal:
                raise _bad(
                    f'failed to send message #{position} with the error message "{refusal}"'
                ) from None
            if item["type"] == "video":
                for name in ("width", "height", "duration"):
                    if isinstance(item.get(name), int):
                        setattr(media, name, item[name])
            item_options = dict(options)
            for flag in ("has_spoiler", "show_caption_above_media"):
                if item.get(flag):
                    item_options[flag] = True
            drafts.append(
                _Draft(
                    item["type"],
                    caption=caption.text if caption else None,
                    caption_entities=caption.entities if caption else [],
                    media=[media],
                    options=item_options,
                )
            )
        return [m.payload for m in self._deliver(bot, chat, "sendMediaGroup", drafts, album=True)]

    def _send_poll(self, bot: _Bot, params: _Params) -> Any:
        with self._lock:
            chat = self._resolve(params)
            self._check_can_send(bot, chat)
        question = _formatted(params, "question", "question_parse_mode", "question_entities")
        if question is None or not question.text:
            raise _bad("text must be non-empty")
        if len(question.text) > MAX_POLL_QUESTION:
            raise _bad(f"poll question length must not exceed {MAX_POLL_QUESTION}")
        raw_options = params.get_json("options", what="options")
        if raw_options is None or raw_options == []:
            raise _bad("poll must have at least one answer option")
        if not isinstance(raw_options, list):
            raise _bad("can't parse options JSON object")
        if len(raw_options) > MAX_POLL_OPTIONS:
            raise _bad(f"poll can't have more than {MAX_POLL_OPTIONS} options")
        options = []
        for n, raw in enumerate(raw_options):
            if isinstance(raw, str):
                raw = {"text": raw}
            if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
                raise _bad("can't parse InputPollOption: Expected InputPollOption to be an Object")
            text = _formatted(_Params(raw, {}), "text", "text_parse_mode", "text_entities")
            if text is None or not text.text:
                raise _bad("text must be non-empty")
            if len(text.text) > MAX_POLL_OPTION:
                raise _bad(f"poll options length must not exceed {MAX_POLL_OPTION}")
            option: dict[str, Any] = {"text": text.text, "voter_count": 0, "persistent_id": str(n)}
            emoji = [e for e in text.entities if e["type"] == "custom_emoji"]
            if emoji:
                option["text_entities"] = emoji
            options.append(option)
        is_anonymous = params.get_bool("is_anonymous")
        is_anonymous = True if is_anonymous is None else is_anonymous
        if chat.type == "channel" and not is_anonymous:
            raise _bad("non-anonymous polls can't be sent to channel chats")
        poll_type = params.get_str("type") or "regular"
        if poll_type not in ("regular", "quiz"):
            raise _bad("poll type must be regular or quiz")
        allows_revoting = params.get_bool("allows_revoting")
        poll: dict[str, Any] = {
            "id": "",  # set on delivery
            "question": question.text,
            "options": options,
            "total_voter_count": 0,
            "is_closed": bool(params.get_bool("is_closed")),
            "is_anonymous": is_anonymous,
            "type": poll_type,
            "allows_multiple_answers": bool(params.get_bool("allows_multiple_answers")),
            "allows_revoting": True if allows_revoting is None else allows_revoting,
            "members_only": bool(params.get_bool("members_only")),
        }
        emoji = [e for e in question.entities if e["type"] == "custom_emoji"]
        if emoji:
            poll["question_entities"] = emoji
        correct = params.get_json("correct_option_ids", what="correct_option_ids")
        if poll_type == "quiz" and correct is not None:
            poll["correct_option_ids"] = correct
        draft = _Draft(
            "poll",
            poll=poll,
            options=_options(params, ("question", "question_parse_mode", "options")),
            reply_markup=_reply_markup(params),
        )
        return self._deliver(bot, chat, "sendPoll", [draft])[0].payload

    def _forward_message(self, bot: _Bot, params: _Params) -> Any:
        return self._forward_or_copy(bot, params, copy=False)

    def _copy_message(self, bot: _Bot, params: _Params) -> Any:
        return self._forward_or_copy(bot, params, copy=True)

    def _forward_or_copy(self, bot: _Bot, params: _Params, *, copy: bool) -> Any:
        verb = "copy" if copy else "forward"
        with self._lock:
            chat = self._resolve(params)
            self._check_can_send(bot, chat)
            source_chat = self._readable_chat(bot, params, "from_chat_id")
            message_id = params.get_int("message_id", required=True)
            assert message_id is not None
            source = source_chat.messages.get(message_id)
            if source is None:
                raise _bad(f"message to {verb} not found")
            if source.kind == "service" or source.options.get("protect_content"):
                raise _bad(f"message can't be {'copied' if copy else 'forwarded'}")
        content = {
            key: source.payload[key]
            for key in ("photo", "video", "document", "poll")
            if key in source.payload
        }
        caption, caption_entities = source.caption, list(source.caption_entities)
        if copy and "caption" in params.values:
            new_caption = _caption(params, "caption", "parse_mode", "caption_entities")
            caption = new_caption.text if new_caption else None
            caption_entities = new_caption.entities if new_caption else []
        draft = _Draft(
            source.kind,
            text=source.text,
            entities=list(source.entities),
            caption=caption,
            caption_entities=caption_entities,
            media_records=source.media,
            content=content,
            poll={**source.poll, "id": "" if copy else source.poll["id"]} if source.poll else None,
            options=_options(
                params, ("from_chat_id", "message_id", "caption", "parse_mode", "caption_entities")
            ),
            reply_markup=_reply_markup(params) if copy else None,
            forwarded_from=None if copy else (source_chat.id, source.message_id),
        )
        if not copy:
            draft.forward_origin = _forward_origin(source_chat, source, self._bots)
        delivered = self._deliver(bot, chat, "copyMessage" if copy else "forwardMessage", [draft])
        return {"message_id": delivered[0].message_id} if copy else delivered[0].payload

    def _pin_chat_message(self, bot: _Bot, params: _Params) -> Any:
        with self._lock:
            chat = self._resolve(params)
            member = chat.members.get(bot.id)
            if chat.type != "private":
                if member is None or member.status in ("left", "kicked"):
                    raise ApiError(
                        403, f"Forbidden: bot is not a member of the {chat.kind_word} chat"
                    )
                right = "can_edit_messages" if chat.type == "channel" else "can_pin_messages"
                if member.status != "administrator" or not member.rights.get(right):
                    raise _bad("not enough rights to manage pinned messages in the chat")
            message_id = params.get_int("message_id", required=True)
            assert message_id is not None
            target = chat.messages.get(message_id)
            if target is None or target.kind == "service":
                raise _bad("message to pin not found")
            if message_id in chat.pinned:
                chat.pinned.remove(message_id)
            chat.pinned.append(message_id)
            if chat.type != "private":
                # Groups and channels show a service message, which takes the next message_id.
                self._record_service(bot, chat, {"pinned_message": target.payload})
            return True

    def _delete_message(self, bot: _Bot, params: _Params) -> Any:
        with self._lock:
            chat = self._resolve(params)
            message_id = params.get_int("message_id", required=True)
            target = chat.messages.get(message_id or 0)
            if target is None:
                raise _bad("message to delete not found")
            member = chat.members.get(bot.id)
            rights = member.rights if member else {}
            own = target.bot_id == bot.id and (
                chat.type != "channel" or rights.get("can_post_messages")
            )
            fresh = time.time() - target.time < _DELETE_WINDOW
            if not (fresh and (own or rights.get("can_delete_messages"))):
                raise _bad("message can't be deleted")
            del chat.messages[target.message_id]
            if target.message_id in chat.pinned:
                chat.pinned.remove(target.message_id)
            return True

    # -- delivery -------------------------------------------------------------------------

    def _media(
        self,
        bot: _Bot,
        kind: str,
        ref: Any,
        files: Mapping[str, _Part],
        *,
        field_name: str | None = None,
        album: bool = False,
    ) -> _Media:
        """Read and check one file (outside the lock: Pillow and PyAV take time)."""
        part: _Part | None = None
        if isinstance(ref, str) and ref.startswith("attach://"):
            part = files.get(ref[len("attach://") :])
            if part is None:
                raise _bad(
                    "can't parse InputMedia: media not found"
                    if album
                    else f"there is no {kind} in the request"
                )
        elif not ref and field_name is not None:
            part = files.get(field_name)
            if part is None:
                raise _bad(f"there is no {kind} in the request")
        if part is None:
            return self._existing_media(bot, kind, str(ref))
        data = part.data
        if not data:
            raise _bad("file must be non-empty")
        media = _Media(
            kind,
            data=data,
            sha256=hashlib.sha256(data).hexdigest(),
            file_name=part.filename,
            mime_type=part.content_type or mimetypes.guess_type(part.filename or "")[0],
        )
        if kind == "photo":
            if len(data) > self.max_photo_bytes:
                raise _bad(
                    f"file of size {len(data)} bytes is too big for a photo; "
                    f"the maximum size is {self.max_photo_bytes} bytes"
                )
            media.width, media.height = self._photo_size(data, album=album)
        elif kind == "video":
            media.width, media.height, media.duration = _probe_video(data)
        return media

    def _photo_size(self, data: bytes, *, album: bool) -> tuple[int, int]:
        from PIL import Image

        def refuse(reason: str) -> ApiError:
            return _ServerRefusal(reason) if album else _bad(reason)

        try:
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                longest, shortest = max(width, height), min(width, height)
                too_big = width + height > self.max_photo_side_sum
                if too_big or longest > self.max_photo_ratio * shortest:
                    raise refuse("PHOTO_INVALID_DIMENSIONS")
                image.load()  # a truncated or corrupt file fails here, as on Telegram's side
        except ApiError:
            raise
        except Exception:
            raise refuse("IMAGE_PROCESS_FAILED") from None
        return width, height

    def _existing_media(self, bot: _Bot, kind: str, ref: str) -> _Media:
        if ref.startswith(("http://", "https://")):
            # Telegram would download it; the emulator never reaches the network.
            raise _bad("failed to get HTTP URL content")
        with self._lock:
            stored = self._files.get(ref)
        if stored is None or stored.bot_id != bot.id:
            raise _bad("wrong file identifier/HTTP URL specified")
        if stored.kind != kind:
            raise _bad(f"can't use file of type {stored.kind.title()} as {kind.title()}")
        return _Media(kind, existing=stored, existing_id=ref, sha256=stored.sha256)

    def _check_rate(self, bot: _Bot, chat: _Chat, count: int, now: float) -> None:
        waits = [0.0]
        if self.global_limit:
            hits = self._bot_hits.setdefault(bot.id, deque())
            waits.append(_wait(hits, *self.global_limit, now, count))
        limit = self.private_chat_limit if chat.type == "private" else self.per_chat_limit
        if limit:
            hits = self._chat_hits.setdefault((bot.id, chat.id), deque())
            waits.append(_wait(hits, *limit, now, count))
        wait = max(waits)
        if wait > 0:
            seconds = max(1, math.ceil(wait))
            raise ApiError(
                429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds}
            )

    def _count_hits(self, bot: _Bot, chat: _Chat, count: int, now: float) -> None:
        limit = self.private_chat_limit if chat.type == "private" else self.per_chat_limit
        if self.global_limit:
            self._bot_hits.setdefault(bot.id, deque()).extend([now] * count)
        if limit:
            self._chat_hits.setdefault((bot.id, chat.id), deque()).extend([now] * count)

    def _deliver(
        self, bot: _Bot, chat: _Chat, method: str, drafts: list[_Draft], *, album: bool = False
    ) -> list[DeliveredMessage]:
        with self._lock:
            self._check_can_send(bot, chat)  # the test may have changed rights meanwhile
            monotonic = time.monotonic()
            self._check_rate(bot, chat, len(drafts), monotonic)
            now = time.time()
            date = int(now)
            group_id = None
            if album and len(drafts) > 1:
                group_id = str(13_000_000_000_000_000 + next(self._counter))
            delivered = []
            for draft in drafts:
                content = dict(draft.content)
                records = list(draft.media_records)
                for media in draft.media:
                    part, record = self._register(bot, media)
                    content.update(part)
                    records.append(record)
                if draft.poll is not None:
                    poll = dict(draft.poll)
                    if not poll["id"]:  # a new poll; a forward shows the same one
                        poll["id"] = str(5_000_000_000_000_000_000 + next(self._counter))
                    content["poll"] = poll
                message_id = chat.next_message_id
                chat.next_message_id += 1
                payload = _message_payload(bot, chat, message_id, date, draft, content, group_id)
                message = DeliveredMessage(
                    chat_id=chat.id,
                    message_id=message_id,
                    bot_id=bot.id,
                    method=method,
                    kind=draft.kind,
                    date=date,
                    time=now,
                    payload=payload,
                    text=draft.text,
                    entities=tuple(draft.entities),
                    caption=draft.caption,
                    caption_entities=tuple(draft.caption_entities),
                    media=tuple(records),
                    media_group_id=group_id,
                    poll=content.get("poll"),
                    options=draft.options,
                    forwarded_from=draft.forwarded_from,
                )
                chat.messages[message_id] = message
                self._delivered.append(message)
                delivered.append(message)
            self._count_hits(bot, chat, len(drafts), monotonic)
            return delivered

    def _record_service(self, bot: _Bot, chat: _Chat, content: dict[str, Any]) -> None:
        now = time.time()
        message_id = chat.next_message_id
        chat.next_message_id += 1
        draft = _Draft("service")
        payload = _message_payload(bot, chat, message_id, int(now), draft, content, None)
        message = DeliveredMessage(
            chat.id, message_id, bot.id, "pinChatMessage", "service", int(now), now, payload
        )
        chat.messages[message_id] = message
        self._delivered.append(message)

    def _register(self, bot: _Bot, media: _Media) -> tuple[dict[str, Any], MediaRecord]:
        """Store an uploaded file (or reuse a known one); return its message fields."""
        if media.existing is not None:
            stored = media.existing
            file_id = media.existing_id or ""
        else:
            number = next(self._counter)
            file_id = _file_id(media.kind, bot.id, number)
            extension = mimetypes.guess_extension(media.mime_type or "") or ""
            folder = {"photo": "photos", "video": "videos"}.get(media.kind, "documents")
            stored = _StoredFile(
                kind=media.kind,
                bot_id=bot.id,
                sha256=media.sha256,
                size=len(media.data or b""),
                file_unique_id=_unique_id(number),
                file_path=f"{folder}/file_{number}{extension}",
                data=media.data if self.keep_file_bytes else None,
                file_name=media.file_name,
                mime_type=media.mime_type,
                width=media.width,
                height=media.height,
                duration=media.duration,
            )
            self._files[file_id] = stored
            self._file_paths[stored.file_path] = file_id
            if media.kind == "photo":
                stored.photo_sizes = self._photo_sizes(bot, stored, file_id)
        record = MediaRecord(
            kind=media.kind,
            sha256=stored.sha256,
            size=stored.size,
            file_id=file_id,
            file_unique_id=stored.file_unique_id,
            file_name=stored.file_name,
            mime_type=stored.mime_type,
            width=stored.width,
            height=stored.height,
            duration=stored.duration,
        )
        if media.kind == "photo":
            return {"photo": stored.photo_sizes}, record
        info: dict[str, Any] = {
            "file_id": file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.size,
        }
        if stored.file_name:
            info["file_name"] = stored.file_name
        if stored.mime_type:
            info["mime_type"] = stored.mime_type
        if media.kind == "video":
            info.update(
                width=media.width or stored.width or 0,
                height=media.height or stored.height or 0,
                duration=media.duration or stored.duration or 0,
            )
        return {media.kind: info}, record

    def _photo_sizes(self, bot: _Bot, stored: _StoredFile, file_id: str) -> list[dict[str, Any]]:
        """Telegram's scaled copies (90, 320, 800, 1280 px), then the photo itself (<= 2560)."""
        width, height = stored.width or 0, stored.height or 0
        longest = max(width, height, 1)
        sizes = []
        for side in (90, 320, 800, 1280):
            if side >= longest:
                break
            scale = side / longest
            number = next(self._counter)
            small_id = _file_id("photo", bot.id, number)
            self._files[small_id] = stored
            sizes.append(
                {
                    "file_id": small_id,
                    "file_unique_id": _unique_id(number),
                    "width": max(1, round(width * scale)),
                    "height": max(1, round(height * scale)),
                }
            )
        scale = min(1.0, 2560 / longest)
        sizes.append(
            {
                "file_id": file_id,
                "file_unique_id": stored.file_unique_id,
                "file_size": stored.size,
                "width": max(1, round(width * scale)),
                "height": max(1, round(height * scale)),
            }
        )
        return sizes


class _ServerRefusal(ApiError):
    """An error that Telegram's servers (not TDLib) raise; albums report it per item."""

    def __init__(self, reason: str):
        super().__init__(400, f"Bad Request: {reason}")
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


# ---------------------------------------------------------------------------------------------
# Helpers


def _clean(username: str | None) -> str | None:
    return username.lstrip("@") if username else None


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _error_outcome(error: ApiError, *, close: bool = False) -> _Outcome:
    return _Outcome(error.code, _dumps(error.body()), close=close)


def _fault_outcome(fault: Fault) -> _Outcome:
    if fault.body is not None:
        return _Outcome(fault.status, fault.body, close=True)
    try:
        phrase = HTTPStatus(fault.status).phrase
    except ValueError:
        phrase = "Server Error"
    return _error_outcome(ApiError(fault.status, phrase))


def _finish(record: RequestRecord, outcome: _Outcome) -> _Outcome:
    record.status = outcome.status
    if outcome.status is not None and outcome.status != 200:
        with contextlib.suppress(ValueError, AttributeError):
            record.description = json.loads(outcome.body).get("description")
    return outcome


def _drain(rfile: BinaryIO, length: int) -> None:
    """Read and forget a body we refuse, so the client sees our answer, not a reset."""
    left = length
    while left > 0:
        chunk = rfile.read(min(left, 1 << 20))
        if not chunk:
            break
        left -= len(chunk)


def _wait(hits: deque[float], limit: int, window: float, now: float, count: int) -> float:
    """Seconds until `count` more messages fit into a rolling window of `limit` per `window`."""
    while hits and hits[0] <= now - window:
        hits.popleft()
    excess = len(hits) + count - limit
    if excess <= 0:
        return 0.0
    if excess > len(hits):
        return window  # more than the window can ever hold at once
    return hits[excess - 1] + window - now


def _parse_params(query: str, content_type: str, body: bytes) -> _Params:
    values: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    files: dict[str, _Part] = {}
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "application/x-www-form-urlencoded" or (not kind and body):
        values.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    elif kind == "application/json":
        try:
            decoded = json.loads(body or b"{}")
        except ValueError:
            raise _bad("can't parse JSON encoded request") from None
        if not isinstance(decoded, dict):
            raise _bad("JSON encoded request must be an Object")
        values.update(decoded)
    elif kind == "multipart/form-data":
        match = re.search(r'boundary="?([^";]+)"?', content_type)
        if match is None:
            raise _bad("can't parse multipart/form-data request")
        fields, files = _parse_multipart(body, match[1].encode("latin-1"))
        values.update(fields)
    return _Params(values, files)


def _parse_multipart(body: bytes, boundary: bytes) -> tuple[dict[str, str], dict[str, _Part]]:
    fields: dict[str, str] = {}
    files: dict[str, _Part] = {}
    for chunk in body.split(b"--" + boundary)[1:]:
        if chunk.startswith(b"--"):
            break
        chunk = chunk.removeprefix(b"\r\n").removesuffix(b"\r\n")
        head, _, data = chunk.partition(b"\r\n\r\n")
        headers: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        disposition = dict(
            (key.lower(), value)
            for key, value in re.findall(
                r'(\w+)="((?:[^"\\]|\\.)*)"', headers.get("content-disposition", "")
            )
        )
        name = unquote(disposition.get("name", ""))
        if "filename" in disposition:
            files[name] = _Part(unquote(disposition["filename"]), headers.get("content-type"), data)
        else:
            fields[name] = data.decode("utf-8", "replace")
    return fields, files


def _formatted(
    params: _Params, text_key: str, mode_key: str, entities_key: str
) -> ParsedText | None:
    """Text after parse mode or explicit entities, trimmed as Telegram stores it."""
    raw = params.get_str(text_key)
    if raw is None:
        return None
    entities = params.get_json(entities_key, what="entities")
    mode = (params.get_str(mode_key) or "").strip()
    if entities:
        if not isinstance(entities, list) or not all(
            isinstance(e, dict)
            and isinstance(e.get("type"), str)
            and isinstance(e.get("offset"), int)
            and isinstance(e.get("length"), int)
            for e in entities
        ):
            raise _bad("can't parse entities JSON object")
        parsed = ParsedText(raw, entities)
    elif not mode:
        parsed = ParsedText(raw, [])
    elif mode.lower() == "html":
        try:
            parsed = parse_html(raw)
        except HtmlParseError as error:
            raise _bad(f"can't parse entities: {error}") from None
    elif mode.lower() in ("markdown", "markdownv2"):
        # Loud, not silently wrong: only HTML is emulated.
        raise _bad(f"parse_mode {mode} is not emulated (use HTML)")
    else:
        raise _bad("unsupported parse_mode")
    return finalize_text(parsed.text, parsed.entities)


def _caption(params: _Params, text_key: str, mode_key: str, entities_key: str) -> ParsedText | None:
    caption = _formatted(params, text_key, mode_key, entities_key)
    if caption is not None and _utf16_len(caption.text) > MAX_CAPTION:
        raise _bad("message caption is too long")
    return caption if caption is not None and caption.text else None


def _reply_markup(params: _Params) -> dict[str, Any] | None:
    """The inline keyboard to echo back; other keyboards are accepted and not shown."""
    markup = params.get_json("reply_markup", what="reply keyboard markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise _bad("object expected as reply markup")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return None
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise _bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays')
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                raise _bad(
                    'can\'t parse inline keyboard button: Field "text" must be of type String'
                )
            if not any(key in button for key in _BUTTON_ACTIONS):
                raise _bad(
                    "can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard"
                )
            data = button.get("callback_data")
            if isinstance(data, str) and len(data.encode("utf-8")) > 64:
                raise _bad("BUTTON_DATA_INVALID")
    return {"inline_keyboard": rows}


def _options(params: _Params, content_keys: Iterable[str]) -> dict[str, Any]:
    """Everything but the chat and the content: disable_notification, protect_content, ..."""
    skip = {"chat_id", "reply_markup", *content_keys}
    options: dict[str, Any] = {}
    for name, value in params.values.items():
        if name in skip:
            continue
        if isinstance(value, str):
            if value in ("true", "false"):
                value = value == "true"
            elif value[:1] in ("{", "["):
                with contextlib.suppress(ValueError):
                    value = json.loads(value)
        options[name] = value
    markup = params.get_json("reply_markup", what="reply keyboard markup")
    if markup is not None:
        options["reply_markup"] = markup
    return options


def _message_payload(
    bot: _Bot,
    chat: _Chat,
    message_id: int,
    date: int,
    draft: _Draft,
    content: dict[str, Any],
    group_id: str | None,
) -> dict[str, Any]:
    message: dict[str, Any] = {"message_id": message_id}
    if chat.type == "channel":
        message["sender_chat"] = chat.json()
    else:
        message["from"] = bot.user()
    message["chat"] = chat.json()
    message["date"] = date
    if draft.forward_origin is not None:
        message["forward_origin"] = draft.forward_origin
    if group_id is not None:
        message["media_group_id"] = group_id
    if draft.options.get("protect_content"):
        message["has_protected_content"] = True
    if draft.text is not None:
        message["text"] = draft.text
        if draft.entities:
            message["entities"] = list(draft.entities)
        preview = draft.options.get("link_preview_options")
        if isinstance(preview, dict):
            message["link_preview_options"] = preview
    message.update(content)
    if draft.caption:
        message["caption"] = draft.caption
        if draft.caption_entities:
            message["caption_entities"] = list(draft.caption_entities)
        if draft.options.get("show_caption_above_media"):
            message["show_caption_above_media"] = True
    if draft.options.get("has_spoiler") and draft.kind in ("photo", "video"):
        message["has_media_spoiler"] = True
    if draft.reply_markup is not None:
        message["reply_markup"] = draft.reply_markup
    return message


def _forward_origin(
    chat: _Chat, source: DeliveredMessage, bots: Mapping[str, _Bot]
) -> dict[str, Any]:
    if chat.type == "channel":
        return {
            "type": "channel",
            "chat": chat.json(),
            "message_id": source.message_id,
            "date": source.date,
        }
    sender = next((b.user() for b in bots.values() if b.id == source.bot_id), None)
    if sender is None:
        return {"type": "hidden_user", "sender_user_name": "Unknown", "date": source.date}
    return {"type": "user", "sender_user": sender, "date": source.date}


def _file_id(kind: str, bot_id: int, number: int) -> str:
    raw = f"{kind}:{bot_id}:{number}".encode()
    prefix = {"photo": "AgACAg", "video": "BAACAg", "document": "BQACAg"}.get(kind, "CQACAg")
    return prefix + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unique_id(number: int) -> str:
    return "AQAD" + base64.urlsafe_b64encode(number.to_bytes(8, "big")).decode().rstrip("=")


def _probe_video(data: bytes) -> tuple[int, int, int]:
    """Width, height and whole seconds of a video, or zeros when PyAV cannot read it."""
    try:
        import av

        with av.open(io.BytesIO(data)) as container:
            stream = container.streams.video[0]
            seconds = 0
            if container.duration is not None:
                seconds = round(container.duration / av.time_base)
            elif stream.duration is not None and stream.time_base is not None:
                seconds = round(float(stream.duration * stream.time_base))
            return stream.codec_context.width, stream.codec_context.height, int(seconds)
    except Exception:
        return 0, 0, 0


# ---------------------------------------------------------------------------------------------
# Standalone use


def _limit(text: str) -> tuple[int, float] | None:
    if text.lower() in ("none", "off", "0"):
        return None
    count, _, seconds = text.partition("/")
    return int(count), float(seconds or 1)


def main(argv: list[str] | None = None) -> None:
    """Serve until interrupted: every --token is an admin of every --channel."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", action="append", default=[], help="a bot token (repeatable)")
    parser.add_argument(
        "--channel",
        action="append",
        default=[],
        help="@username, a -100... id, or ID=@username (repeatable)",
    )
    parser.add_argument(
        "--audit-chat", type=int, action="append", default=[], help="a private chat (user id)"
    )
    parser.add_argument("--per-chat-limit", default="20/60", help="N/SECONDS or none")
    parser.add_argument("--global-limit", default="30/1", help="N/SECONDS or none")
    parser.add_argument("--local-mode", action="store_true", help="a local Bot API server")
    parser.add_argument("--keep-files", action="store_true", help="keep uploads for getFile")
    args = parser.parse_args(argv)

    emulator = TelegramEmulator(
        host=args.host,
        port=args.port,
        per_chat_limit=_limit(args.per_chat_limit),
        global_limit=_limit(args.global_limit),
        local_mode=args.local_mode,
        keep_file_bytes=args.keep_files,
    )
    tokens = args.token or ["123456:TEST-TOKEN"]
    for n, token in enumerate(tokens, start=1):
        emulator.add_bot(token, f"arna_test{n}_bot")
    for n, spec in enumerate(args.channel, start=1):
        ident, _, name = spec.partition("=")
        if ident.startswith("@"):
            chat_id, username = -1_001_000_000_000 - n, ident
        else:
            chat_id, username = int(ident), name or None
        emulator.add_channel(
            chat_id, username=username, title=username or str(chat_id), admins=tokens
        )
    for user_id in args.audit_chat:
        emulator.add_private_chat(user_id, bots=tokens)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with emulator:
        print(f"Telegram Bot API emulator: base_url={emulator.base_url}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while not stop.wait(1.0):
                pass


if __name__ == "__main__":
    main()
