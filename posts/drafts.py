"""Draft files: a TOML front matter between two `+++` lines, then the text of the post.

`parse_draft` reads one file into a `Draft`, or raises one `InputError` listing every problem in the
file, each with the file, the 1-based line, the key and a fix in Kazakh, Russian and English. Only
problems that stop the reading itself (bad encoding, no `+++` lines, broken TOML) come alone.

The keys, their types and the messages are in `posts.draft_schema`.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, tzinfo
from pathlib import Path
from urllib.parse import urlsplit

from posts import draft_schema as s
from posts.draft_schema import KeySpec, ValueType
from posts.errors import InputError, Location, Problem
from posts.i18n import LANGS, Lang, Text
from posts.vocab import DIRECTIONS, DRAFT_NETWORKS, LANGUAGES, SPECIAL_PROJECTS, PostKind

FENCE = "+++"
BOM = b"\xef\xbb\xbf"
DRAFT_SUFFIXES: tuple[str, ...] = (".md", ".txt")
#: The front matter starts on the file's second line, right after the opening `+++`.
FRONT_LINE = 2
KINDS: tuple[str, ...] = tuple(k.value for k in PostKind)


@dataclass(frozen=True)
class DraftWaiver:
    """A `[[waive]]` table: the rule code, why it may stand, and the line of its header."""

    code: str
    reason: str
    line: int | None


@dataclass(frozen=True)
class Draft:
    """One parsed and checked draft file."""

    path: Path
    network: str
    channel: str | None
    kind: str
    language: str | None
    story: str
    direction: str | None
    project: str | None
    event: str | None
    media: tuple[Path, ...]  # resolved absolute paths, in order
    alt: tuple[str | None, ...]  # same length as media; "" in the file means None
    scheduled: datetime | None  # aware, in UTC
    logo_basis: str | None
    title: str | None
    options: dict[str, object] = field(hash=False)  # poll / button / silent / protect / pin / shorts
    waivers: tuple[DraftWaiver, ...]
    text: str  # the body, LF line endings, trailing whitespace stripped
    body_line: int  # 1-based line of the file where the body starts
    source_sha256: str  # of the file's bytes as read


# --- Public API -----------------------------------------------------------------------------------------


def parse_draft(
    path: Path,
    *,
    tz: tzinfo,
    now: datetime,
    channels: Mapping[str, str] | None = None,
    check_media_exists: bool = True,
) -> Draft:
    """Read and check the draft at `path`; see `parse_draft_text`."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(
            Problem(
                s.CANNOT_READ,
                Location(str(path)),
                s.FIX_CANNOT_READ,
                {"reason": exc.strerror or str(exc)},
            )
        ) from exc
    return parse_draft_text(
        raw, path=path, tz=tz, now=now, channels=channels, check_media_exists=check_media_exists
    )


def parse_draft_text(
    raw: bytes,
    *,
    path: Path,
    tz: tzinfo,
    now: datetime,
    channels: Mapping[str, str] | None = None,
    check_media_exists: bool = True,
) -> Draft:
    """Parse a draft's bytes. `path` names the file in messages and anchors relative media paths.

    `tz` is the office's zone, for local `scheduled` times and for messages; `now` (aware) is the
    moment before which `scheduled` is "in the past". `channels` maps channel id -> network, from
    config.toml; when None, `channel` is taken as is.
    """
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    file = str(path)
    split = _split(_decode(raw, file), file)
    data = _load_toml(split, file)
    report = _Report(file, _FrontLines(split.front))
    front = _Front(_typed(data, s.TOP_KEYS, "", report), frozenset(data))
    draft = _build(
        front,
        split,
        report,
        path=path,
        tz=tz,
        now=now,
        channels=channels,
        check_media_exists=check_media_exists,
        sha256=hashlib.sha256(raw).hexdigest(),
    )
    if report.problems:
        raise InputError(sorted(report.problems, key=lambda p: p.location.line or 0))
    return draft


def find_drafts(paths: Sequence[Path]) -> list[Path]:
    """The draft files named by `paths`, in the order given, without duplicates.

    A file is taken as given, whatever its name. A directory is searched recursively for `*.md` and
    `*.txt` files (any case), skipping hidden files and folders, and its files are sorted.
    """
    missing = [p for p in paths if not p.exists()]
    if missing:
        cwd = os.getcwd()
        raise InputError(
            [
                Problem(
                    s.PATH_NOT_FOUND,
                    Location(str(p)),
                    s.FIX_PATH_NOT_FOUND,
                    {"path": str(p), "cwd": cwd},
                )
                for p in missing
            ]
        )
    found: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        for candidate in _walk(given) if given.is_dir() else [given]:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def _walk(root: Path) -> list[Path]:
    out: list[Path] = []
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        out.extend(
            Path(folder, name)
            for name in filenames
            if not name.startswith(".") and Path(name).suffix.lower() in DRAFT_SUFFIXES
        )
    return sorted(out)


# --- Reading: bytes -> text -> front matter + body -> TOML ----------------------------------------------


@dataclass(frozen=True)
class _Split:
    front: str
    close_line: int  # 1-based line of the closing +++
    body: str
    body_line: int


def _decode(raw: bytes, file: str) -> str:
    """UTF-8 text with LF line endings; a leading BOM is dropped."""
    start = len(BOM) if raw.startswith(BOM) else 0
    try:
        text = raw[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = start + exc.start
        line = raw.count(b"\n", 0, offset) + 1
        params = {"line": line, "offset": offset, "byte": f"{raw[offset]:02X}"}
        raise InputError(Problem(s.NOT_UTF8, Location(file, line), s.FIX_NOT_UTF8, params)) from exc
    return text.replace("\r\n", "\n")


def _is_fence(line: str) -> bool:
    return line.rstrip(" \t") == FENCE


def _split(text: str, file: str) -> _Split:
    """Cut the text at the first two `+++` lines; `+++` lines later in the body are body text."""
    lines = text.split("\n")
    if not _is_fence(lines[0]):
        raise InputError(Problem(s.NO_OPENING, Location(file, 1), s.FIX_NO_OPENING))
    for index in range(1, len(lines)):
        if _is_fence(lines[index]):
            body = "\n".join(lines[index + 1 :]).rstrip()
            return _Split("\n".join(lines[1:index]), index + 1, body, index + 2)
    raise InputError(Problem(s.NO_CLOSING, Location(file, 1), s.FIX_NO_CLOSING))


_TOML_AT = re.compile(r"^(?P<detail>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$", re.S)
_TOML_AT_END = re.compile(r"^(?P<detail>.*) \(at end of document\)$", re.S)


def _load_toml(split: _Split, file: str) -> dict[str, object]:
    """Parse the front matter; a syntax error is placed on the file's line, not the TOML's."""
    try:
        return tomllib.loads(split.front)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        if match := _TOML_AT.match(message):
            line = FRONT_LINE + int(match["line"]) - 1
            template, column = s.TOML_SYNTAX, int(match["column"])
        else:
            match = _TOML_AT_END.match(message)
            line, template, column = split.close_line - 1, s.TOML_SYNTAX_AT_END, None
        detail = match["detail"] if match else message
        problem = Problem(
            _fill(template, what=_explain_toml(detail)),
            Location(file, line),
            s.FIX_TOML,
            {"detail": detail, "column": column},
        )
        raise InputError(problem) from exc


def _explain_toml(detail: str) -> Text:
    for start, explanation in s.TOML_EXPLAINED:
        if detail.startswith(start):
            return explanation
    return s.TOML_OTHER


def _fill(template: Text, **parts: Text) -> Text:
    """Put language-dependent parts into a message now; plain parameters wait for `render`."""

    def one(lang: Lang) -> str:
        out = template.get(lang)
        for name, part in parts.items():
            escaped = part.get(lang).replace("{", "{{").replace("}", "}}")
            out = out.replace("{" + name + "}", escaped)
        return out

    return Text(**{lang: one(lang) for lang in LANGS})


# --- Lines and problems ---------------------------------------------------------------------------------

_HEADER = re.compile(r"^\s*\[(?P<array>\[)?\s*(?P<name>[A-Za-z0-9_-]+|\"[^\"]*\")\s*\]")
_KEY = re.compile(r"^\s*(?P<key>\"[^\"]*\"|'[^']*'|[A-Za-z0-9_.-]+)\s*=")


def _key_lines(front: str) -> dict[str, int]:
    """Map key paths (`story`, `poll.question`, `waive[1]`, `waive[1].code`) to 1-based file lines.

    A line scan rather than a TOML parser: it only has to place keys that start a line, at the top
    level or under `[table]` and `[[array]]` headers. The first line that names a key wins.
    """
    found: dict[str, int] = {}
    table = ""
    counts: dict[str, int] = {}
    for number, line in enumerate(front.split("\n"), start=FRONT_LINE):
        if header := _HEADER.match(line):
            table = header["name"].strip('"')
            if header["array"]:
                counts[table] = counts.get(table, -1) + 1
                table = f"{table}[{counts[table]}]"
            found.setdefault(table, number)
        elif key := _KEY.match(line):
            name = key["key"].strip("\"'")
            found.setdefault(f"{table}.{name}" if table else name, number)
    return found


class _FrontLines:
    """Where keys and list items of the front matter are, in file lines."""

    def __init__(self, front: str) -> None:
        self.lines = front.split("\n")
        self.keys = _key_lines(front)

    def of(self, key: str | None) -> int:
        """The line of `key`, else of its nearest parent, else of the opening `+++`."""
        while key:
            if key in self.keys:
                return self.keys[key]
            key = re.sub(r"(\.[^.\[]+|\[\d+\])$", "", key) if re.search(r"[.\[]", key) else ""
        return 1

    def item(self, key: str, value: str) -> int:
        """The line of a string item in the list `key`: the first line from the key on that holds it."""
        start = self.of(key)
        needles = (json.dumps(value, ensure_ascii=False), f"'{value}'")
        for number in range(start, FRONT_LINE + len(self.lines)):
            if any(needle in self.lines[number - FRONT_LINE] for needle in needles):
                return number
        return start


class _Report:
    """The problems found in one file, each placed on its line."""

    def __init__(self, file: str, lines: _FrontLines) -> None:
        self.file = file
        self.lines = lines
        self.problems: list[Problem] = []

    def add(
        self,
        message: Text,
        key: str | None,
        fix: Text | None = None,
        *,
        line: int | None = None,
        **params: object,
    ) -> None:
        where = Location(self.file, line if line is not None else self.lines.of(key), key)
        self.problems.append(Problem(message, where, fix, {"key": key, **params}))


# --- Types: keep the values of the right type, report the rest -----------------------------------------

_BAD = object()


def _typed(
    data: Mapping[str, object], fields: Mapping[str, KeySpec], prefix: str, report: _Report
) -> dict[str, object]:
    """The entries of `data` that are known and of the right type; the others are reported."""
    clean: dict[str, object] = {}
    for key, value in data.items():
        spec = fields.get(key)
        if spec is None:
            _unknown_key(report, key, prefix, fields)
        elif (checked := _check_type(value, spec, prefix + key, report)) is not _BAD:
            clean[key] = checked
    for key, spec in fields.items():
        if spec.required and key not in data:
            report.add(
                s.MISSING_KEY, prefix + key, s.FIX_ADD_KEY, example=s.example_of(prefix + key)
            )
    return clean


def _unknown_key(report: _Report, key: str, prefix: str, fields: Mapping[str, KeySpec]) -> None:
    table = prefix.rstrip(".")
    if table and key in s.TOP_KEYS:
        root = table.split("[")[0]
        header = f"[[{root}]]" if s.TOP_KEYS[root].type is ValueType.TABLE_LIST else f"[{root}]"
        fix, params = s.FIX_KEY_UNDER_TABLE, {"name": key, "header": header}
    elif close := difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6):
        fix, params = s.FIX_DID_YOU_MEAN_KEY, {"suggestion": close[0]}
    else:
        fix, params = s.FIX_REMOVE_KEY, {"valid": ", ".join(fields)}
    report.add(s.UNKNOWN_KEY, prefix + key, fix, **params)


def _check_type(value: object, spec: KeySpec, path: str, report: _Report) -> object:
    """`value`, cleaned when it is a table, or `_BAD` after reporting why it does not fit."""
    kind = spec.type
    if kind is ValueType.STR_LIST and isinstance(value, list):
        bad = [i for i, item in enumerate(value) if not isinstance(item, str)]
        for i in bad:
            _wrong_type(report, f"{path}[{i}]", ValueType.STR, value[i], path)
        return _BAD if bad else value
    if kind is ValueType.TABLE and isinstance(value, dict):
        return _typed(value, spec.fields, path + ".", report)
    if (
        kind is ValueType.TABLE_LIST
        and isinstance(value, list)
        and all(isinstance(item, dict) for item in value)
    ):
        return [_typed(item, spec.fields, f"{path}[{i}].", report) for i, item in enumerate(value)]
    if kind is ValueType.DATETIME:
        return _check_datetime(value, path, report)
    if (kind is ValueType.STR and isinstance(value, str)) or (
        kind is ValueType.BOOL and isinstance(value, bool)
    ):
        return value
    _wrong_type(report, path, kind, value, path)
    return _BAD


def _wrong_type(
    report: _Report, key: str, expected: ValueType, value: object, example_key: str
) -> None:
    message = _fill(s.WRONG_TYPE, expected=s.TYPE_NAMES[expected], actual=s.type_name(value))
    report.add(message, key, s.FIX_WRITE_LIKE, example=s.example_of(example_key))


def _check_datetime(value: object, path: str, report: _Report) -> object:
    if isinstance(value, date):  # a date alone is reported by `_scheduled`, which knows the zone
        return value
    if isinstance(value, str) and _parses_as_datetime(value):
        message = _fill(
            s.WRONG_TYPE, expected=s.TYPE_NAMES[ValueType.DATETIME], actual=s.type_name(value)
        )
        report.add(message, path, s.FIX_REMOVE_QUOTES, value=value.strip())
        return _BAD
    _wrong_type(report, path, ValueType.DATETIME, value, path)
    return _BAD


def _parses_as_datetime(value: str) -> bool:
    try:
        return isinstance(tomllib.loads(f"v = {value.strip()}")["v"], datetime)
    except tomllib.TOMLDecodeError:
        return False


# --- Values: the typed front matter -> a Draft ----------------------------------------------------------


@dataclass(frozen=True)
class _Front:
    """The well-typed front-matter values, and which keys the file gave at all."""

    clean: Mapping[str, object]
    given: frozenset[str]

    def text(self, key: str) -> str | None:
        value = self.clean.get(key)
        return value if isinstance(value, str) else None

    def texts(self, key: str) -> list[str] | None:
        value = self.clean.get(key)
        return value if isinstance(value, list) else None

    def flag(self, key: str) -> bool | None:
        value = self.clean.get(key)
        return value if isinstance(value, bool) else None

    def table(self, key: str) -> Mapping[str, object] | None:
        value = self.clean.get(key)
        return value if isinstance(value, dict) else None


def _build(
    front: _Front,
    split: _Split,
    report: _Report,
    *,
    path: Path,
    tz: tzinfo,
    now: datetime,
    channels: Mapping[str, str] | None,
    check_media_exists: bool,
    sha256: str,
) -> Draft:
    """Check every value and assemble the draft; with problems in `report` the result is discarded."""
    network = _choice(report, front, "network", DRAFT_NETWORKS)
    kind = _choice(report, front, "kind", KINDS)
    media = _media(report, front, path.parent, check_media_exists)
    _check_kind_needs(report, front, kind, split)
    return Draft(
        path=path,
        network=network or "",
        channel=_channel(report, front, network, channels),
        kind=kind or "",
        language=_choice(report, front, "language", LANGUAGES),
        story=_story(report, front) or "",
        direction=_choice(report, front, "direction", DIRECTIONS),
        project=_choice(report, front, "project", SPECIAL_PROJECTS),
        event=_event(report, front),
        media=media,
        alt=_alt(report, front, len(media)),
        scheduled=_scheduled(report, front, tz, now),
        logo_basis=_logo_basis(report, front),
        title=_filled(report, front.clean, "title", "title"),
        options=_options(report, front, kind),
        waivers=_waivers(report, front),
        text=split.body,
        body_line=split.body_line,
        source_sha256=sha256,
    )


def _choice(report: _Report, front: _Front, key: str, choices: Sequence[str]) -> str | None:
    value = front.text(key)
    if value is None or value in choices:
        return value
    close = difflib.get_close_matches(value.lower(), choices, n=1, cutoff=0.6)
    fix = s.FIX_CHOOSE_SUGGEST if close else s.FIX_CHOOSE
    report.add(
        s.UNKNOWN_VALUE,
        key,
        fix,
        value=value,
        valid=", ".join(choices),
        suggestion=close[0] if close else "",
    )
    return None


def _filled(report: _Report, values: Mapping[str, object], key: str, path: str) -> str | None:
    """A string value that must not be blank when given."""
    value = values.get(key)
    if not isinstance(value, str):
        return None
    if not value.strip():
        report.add(s.EMPTY_VALUE, path, s.FIX_FILL_OR_REMOVE)
    return value


def _story(report: _Report, front: _Front) -> str | None:
    value = front.text("story")
    if value is None or (len(value) <= s.STORY_MAX and s.STORY_RE.fullmatch(value)):
        return value
    hint = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[: s.STORY_MAX] or "kitap-fest"
    report.add(s.BAD_STORY, "story", s.FIX_STORY, value=value, max=s.STORY_MAX, example=hint)
    return None


def _event(report: _Report, front: _Front) -> str | None:
    value = front.text("event")
    if value is None or (len(value) <= s.EVENT_MAX and s.EVENT_RE.fullmatch(value)):
        return value
    report.add(s.BAD_EVENT, "event", s.FIX_EVENT, value=value, max=s.EVENT_MAX)
    return None


def _logo_basis(report: _Report, front: _Front) -> str | None:
    value = front.text("logo_basis")
    if value is None:
        return None
    match = s.LOGO_BASIS_RE.fullmatch(value)
    if match is None:
        report.add(s.BAD_LOGO_BASIS, "logo_basis", s.FIX_LOGO_BASIS, value=value)
    elif match["date"] and not _real_date(match["date"]):
        report.add(s.BAD_LOGO_DATE, "logo_basis", s.FIX_LOGO_DATE, date=match["date"])
    return value


def _real_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _channel(
    report: _Report, front: _Front, network: str | None, channels: Mapping[str, str] | None
) -> str | None:
    channel = _filled(report, front.clean, "channel", "channel")
    if channel is None or not channel.strip() or channels is None:
        return channel
    if channel not in channels:
        listing = ", ".join(f"{cid} ({net})" for cid, net in sorted(channels.items()))
        fix = s.FIX_CHANNEL_LIST if channels else s.FIX_NO_CHANNELS
        report.add(s.UNKNOWN_CHANNEL, "channel", fix, value=channel, valid=listing)
    elif network is not None and channels[channel] != network:
        same = ", ".join(sorted(cid for cid, net in channels.items() if net == network)) or "—"
        report.add(
            s.CHANNEL_MISMATCH,
            "channel",
            s.FIX_CHANNEL_MISMATCH,
            channel=channel,
            channel_network=channels[channel],
            network=network,
            valid=same,
        )
    return channel


def _media(report: _Report, front: _Front, base: Path, check_exists: bool) -> tuple[Path, ...]:
    entries = front.texts("media") or []
    resolved = tuple((base / entry).resolve() for entry in entries)
    folder = str(base.resolve())
    for index, (entry, target) in enumerate(zip(entries, resolved, strict=True)):
        key, line = f"media[{index}]", report.lines.item("media", entry)
        if not entry.strip():
            report.add(s.EMPTY_VALUE, key, s.FIX_FILL, line=line, example=s.example_of("media"))
        elif check_exists and not target.exists():
            report.add(
                s.MEDIA_MISSING,
                key,
                s.FIX_MEDIA_PATH,
                line=line,
                resolved=str(target),
                base=folder,
                entry=entry,
            )
        elif check_exists and not target.is_file():
            report.add(
                s.MEDIA_NOT_FILE,
                key,
                s.FIX_MEDIA_PATH,
                line=line,
                resolved=str(target),
                base=folder,
                entry=entry,
            )
    return resolved


def _alt(report: _Report, front: _Front, media_count: int) -> tuple[str | None, ...]:
    """Alt texts, one per media file; "" stands for none, since TOML has no null."""
    alt = front.texts("alt")
    if alt is None:
        return (None,) * media_count
    media_ok = "media" not in front.given or front.texts("media") is not None
    if media_ok and len(alt) != media_count:
        report.add(s.ALT_LENGTH, "alt", s.FIX_ALT_LENGTH, alt=len(alt), media=media_count)
    return tuple(text if text.strip() else None for text in alt)


def _check_kind_needs(report: _Report, front: _Front, kind: str | None, split: _Split) -> None:
    """A text post needs a body; a photo, album, video, infographic or document needs media."""
    if kind in s.KINDS_NEEDING_TEXT and not split.body.strip():
        report.add(s.EMPTY_BODY, None, s.FIX_EMPTY_BODY, line=split.body_line, kind=kind)
    media_broken = "media" in front.given and front.texts("media") is None
    if kind in s.KINDS_NEEDING_MEDIA and not media_broken and not front.texts("media"):
        line = report.lines.of("media" if "media" in front.given else "kind")
        report.add(s.MEDIA_REQUIRED, "media", s.FIX_MEDIA_REQUIRED, line=line, kind=kind)


def _scheduled(report: _Report, front: _Front, tz: tzinfo, now: datetime) -> datetime | None:
    """An offset is taken as given, a local time is in the office zone; the result is in UTC."""
    value = front.clean.get("scheduled")
    if not isinstance(value, datetime):
        if isinstance(value, date):
            ten = datetime.combine(value, time(10), tz)
            report.add(
                s.SCHEDULED_DATE_ONLY,
                "scheduled",
                s.FIX_SCHEDULED_DATE_ONLY,
                value=value.isoformat(),
                offset=ten.isoformat()[19:],
                zone=_zone(tz, ten),
            )
        return None
    when = (value if value.tzinfo else value.replace(tzinfo=tz)).astimezone(UTC)
    if when < now:
        report.add(
            s.SCHEDULED_PAST,
            "scheduled",
            s.FIX_SCHEDULED_PAST,
            local=_local(when, tz),
            now_local=_local(now, tz),
            zone=_zone(tz, when),
        )
    return when


def _local(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def _zone(tz: tzinfo, moment: datetime) -> str:
    """`Asia/Almaty, UTC+05:00`: the zone's name and its offset at `moment`."""
    offset = moment.astimezone(tz).strftime("%z")
    name = getattr(tz, "key", None) or str(tz)
    return f"{name}, UTC{offset[:3]}:{offset[3:]}"


def _waivers(report: _Report, front: _Front) -> tuple[DraftWaiver, ...]:
    value = front.clean.get("waive")
    tables = value if isinstance(value, list) else []
    out: list[DraftWaiver] = []
    for index, table in enumerate(tables):
        path = f"waive[{index}]"
        code, reason = table.get("code"), table.get("reason")
        if isinstance(code, str) and not s.WAIVE_CODE_RE.fullmatch(code):
            report.add(s.BAD_WAIVE_CODE, f"{path}.code", s.FIX_WAIVE_CODE, value=code)
        if isinstance(reason, str) and not reason.strip():
            report.add(s.EMPTY_VALUE, f"{path}.reason", s.FIX_WAIVE_REASON)
        if isinstance(code, str) and isinstance(reason, str):
            out.append(DraftWaiver(code, reason, report.lines.of(path)))
    return tuple(out)


def _options(report: _Report, front: _Front, kind: str | None) -> dict[str, object]:
    """The network-specific extras, as plain JSON values; absent keys are left out."""
    options: dict[str, object] = {}
    poll = _poll(report, front, kind)
    if poll is not None:
        options["poll"] = poll
    button = front.table("button")
    if button is not None:
        options["button"] = _button(report, button)
    for key in ("silent", "protect", "pin", "shorts"):
        flag = front.flag(key)
        if flag is not None:
            options[key] = flag
    return options


def _poll(report: _Report, front: _Front, kind: str | None) -> dict[str, object] | None:
    poll = front.table("poll")
    if kind == "poll" and "poll" not in front.given:
        report.add(
            s.POLL_MISSING,
            "poll",
            s.FIX_POLL_MISSING,
            line=report.lines.of("kind"),
            example=s.example_of("poll"),
        )
    if kind not in (None, "poll") and "poll" in front.given:
        report.add(s.POLL_NOT_POLL, "poll", s.FIX_POLL_NOT_POLL, kind=kind)
    if poll is None:
        return None
    question = _filled(report, poll, "question", "poll.question")
    options = poll.get("options")
    choices = options if isinstance(options, list) else []
    if isinstance(options, list) and not options:
        report.add(s.EMPTY_VALUE, "poll.options", s.FIX_FILL, example=s.example_of("poll.options"))
    for index, choice in enumerate(choices):
        if not choice.strip():
            report.add(
                s.EMPTY_VALUE,
                f"poll.options[{index}]",
                s.FIX_FILL,
                line=report.lines.item("poll.options", choice),
                example=s.example_of("poll.options"),
            )
    return {
        "question": question,
        "options": list(choices),
        "anonymous": poll.get("anonymous", True),
        "multiple": poll.get("multiple", False),
    }


def _button(report: _Report, button: Mapping[str, object]) -> dict[str, object]:
    text = _filled(report, button, "text", "button.text")
    url = button.get("url")
    if isinstance(url, str) and not _is_link(url):
        report.add(s.BAD_URL, "button.url", s.FIX_URL, value=url)
    return {"text": text, "url": url}


def _is_link(url: str) -> bool:
    if not url or any(ch.isspace() for ch in url):
        return False
    parts = urlsplit(url)
    return parts.scheme in s.BUTTON_URL_SCHEMES and (bool(parts.netloc) or parts.scheme == "tg")
