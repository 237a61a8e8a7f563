"""The workspace configuration: `config.toml`, its typed schema, and its loader.

`load_config` reads the file, `parse_config` validates text. Every problem in the file is collected and
raised together as one `ConfigError`; each `Problem` names the file, the line (from
`posts.toml_locate`) and the key path such as ``channels[2].network``, and says in Kazakh, Russian and
English what is wrong and how to fix it. Key paths count array elements from 0, like the key paths of
`posts.toml_locate`; the line number is what points a person at the right block.

Secrets never live in this file. Channels name the environment variable that holds their token
(`credentials_env`), and the loader refuses anything that looks like a secret written inline, without
ever repeating the secret in its messages.

This module holds the schema, the loader and the mapping from raw data and pydantic errors to
Problems. The messages live in `posts.config_messages`, the secret heuristics in
`posts.config_secrets` and the checks of single values in `posts.config_checks`.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tomllib
import zoneinfo
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import time, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictInt,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from posts.config_checks import DAYS as DAYS  # exported from here, like the defaults below
from posts.config_checks import (
    DEFAULT_QUIET_HOURS,
    DEFAULT_REQUIRED_HASHTAGS,
    DEFAULT_TIMEZONE,
    HashtagList,
    Languages,
    NonBlank,
    _database,
    _env_name,
    _fail,
    _int_range,
    _logo,
    _parse_slot,
    _quiet_hours,
    _slot,
    _slug,
    _timezone,
    _unique,
    _url,
)
from posts.config_messages import (
    _CUSTOM,
    _FIX_ARRAY_OF_TABLES,
    _FIX_CHOICE,
    _FIX_CHOICE_SUGGEST,
    _FIX_EMPTY,
    _FIX_ENV_CONFIG_MISSING,
    _FIX_INVALID,
    _FIX_MISSING,
    _FIX_MISSING_TABLE,
    _FIX_NO_FILE,
    _FIX_NOT_FOUND,
    _FIX_NOT_UTF8,
    _FIX_SECRET,
    _FIX_SECRET_ELSEWHERE,
    _FIX_TOML,
    _FIX_TYPE,
    _FIX_UNKNOWN_KEY,
    _FIX_UNKNOWN_KEY_SUGGEST,
    _FIX_UNREADABLE,
    _M_CHOICE,
    _M_EMPTY,
    _M_ENV_CONFIG_MISSING,
    _M_INVALID,
    _M_MISSING,
    _M_MISSING_TABLE,
    _M_NO_FILE,
    _M_NOT_FOUND,
    _M_NOT_UTF8,
    _M_SECRET_AS_KEY,
    _M_SECRET_KEY,
    _M_SECRET_VALUE,
    _M_TOML,
    _M_TYPE,
    _M_UNKNOWN_KEY,
    _M_UNREADABLE,
    _SECRET_KINDS,
    _TARGET_HINT_OTHER,
    _TARGET_HINTS,
    _TOML_TYPES,
)
from posts.config_secrets import (
    ENV_NAME_RE,
    _env_stem,
    _is_secret_key,
    _redact,
    _secret_kind,
    _show,
    env_name_for,
)
from posts.errors import ConfigError, Location, Problem
from posts.i18n import Lang, Text
from posts.toml_locate import KeyPath, TomlIndex
from posts.vocab import DIRECTIONS, Audience, Network

__all__ = [
    "CONFIG_NAME",
    "DEFAULT_REQUIRED_HASHTAGS",
    "Brand",
    "Channel",
    "Config",
    "Hashtags",
    "Office",
    "Schedule",
    "Storage",
    "Team",
    "dotted",
    "env_name_for",
    "find_config",
    "load_config",
    "parse_config",
]

CONFIG_NAME = "config.toml"
_TELEGRAM_TARGET_RE = re.compile(r"^(@[A-Za-z][A-Za-z0-9_]{3,31}|-?\d{1,20})$")

Direction = Literal[DIRECTIONS]  # type: ignore[valid-type]


# ---------------------------------------------------------------------------------------------
# The schema
# ---------------------------------------------------------------------------------------------


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Office(_Table):
    """[office]: who this workspace belongs to."""

    id: Annotated[str, AfterValidator(_slug("turkistan"))]
    name: NonBlank
    region: NonBlank
    languages: Languages
    timezone: Annotated[str, AfterValidator(_timezone)] = DEFAULT_TIMEZONE
    ui_language: Lang | None = None


class Storage(_Table):
    """[storage]: where the database and the media store live, relative to the workspace."""

    database: Annotated[NonBlank, AfterValidator(_database)] = "arna.db"
    media_dir: NonBlank = "media"
    max_media_mb: Annotated[StrictInt, AfterValidator(_int_range(1, 4096))] = 200


class Schedule(_Table):
    """[schedule]: quiet hours, how late a missed post may still go out, the editors' chat."""

    quiet_hours: Annotated[str, AfterValidator(_quiet_hours)] = DEFAULT_QUIET_HOURS
    max_lateness_hours: Annotated[StrictInt, AfterValidator(_int_range(1, 168))] = 6
    editors_chat_env: Annotated[str, AfterValidator(_env_name)] | None = None
    #: how long a network may still be handling a send whose answer was lost, before Arna asks it
    confirm_after_seconds: Annotated[StrictInt, AfterValidator(_int_range(0, 86400))] = 60
    #: where Telegram posts of unknown outcome are forwarded to be checked; default: editors' chat
    audit_chat_env: Annotated[str, AfterValidator(_env_name)] | None = None

    @property
    def quiet_range(self) -> tuple[time, time]:
        """Start and end of the quiet hours, in office local time; the range may wrap midnight."""
        start, end = self.quiet_hours.split("-")
        return time.fromisoformat(start), time.fromisoformat(end)

    def is_quiet(self, at: time) -> bool:
        """Whether a local wall-clock time falls in the quiet hours (start inclusive, end not)."""
        start, end = self.quiet_range
        at = at.replace(tzinfo=None)
        return start <= at < end if start < end else at >= start or at < end

    @property
    def max_lateness(self) -> timedelta:
        return timedelta(hours=self.max_lateness_hours)


class Channel(_Table):
    """One [[channels]] entry: a place Arna publishes to."""

    id: Annotated[str, AfterValidator(_slug("tg-main"))]
    network: Network
    target: NonBlank
    #: Empty only before loading: the loader fills in the office languages when the key is absent.
    languages: Languages = ()
    audience: Audience = Audience.OWN
    credentials_env: str | None = None
    api_base_url: Annotated[str, AfterValidator(_url)] | None = None
    #: Normalised to "mon 10:00" (lowercase day, zero-padded time).
    slots: Annotated[
        tuple[Annotated[str, AfterValidator(_slot)], ...], AfterValidator(_unique)
    ] = ()
    enabled: StrictBool = True
    #: "outbox": rendered for the network but written to the outbox folder (not connected yet)
    deliver: Literal["network", "outbox"] = "network"
    #: Telegram: a caption over 1024 characters is refused, or its text follows as a reply
    long_caption: Literal["refuse", "reply"] = "refuse"
    link_preview: StrictBool = True
    #: at most this many posts a minute in the channel (Telegram: about 20, PLATFORMS.md §1)
    max_per_minute: Annotated[StrictInt, AfterValidator(_int_range(1, 10000))] | None = None

    @field_validator("target")
    @classmethod
    def _check_target(cls, value: str, info: ValidationInfo) -> str:
        network = info.data.get("network")
        if network == Network.TELEGRAM:
            ok = _TELEGRAM_TARGET_RE.match(value) is not None
        else:
            ok = network == Network.OUTBOX or not any(c.isspace() for c in value)
        if not ok:
            hint = _TARGET_HINTS.get(network, _TARGET_HINT_OTHER)  # type: ignore[arg-type]
            raise _fail("arna_target", value=_show(value), network=str(network), hint=hint)
        return value

    @field_validator("credentials_env")
    @classmethod
    def _check_credentials_env(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and not ENV_NAME_RE.match(value):
            # the value itself is never repeated: it may be the token
            raise _fail("arna_credentials_env", env=env_name_for(info.data.get("id")))
        return value

    @field_validator("credentials_env", "api_base_url")
    @classmethod
    def _not_for_outbox(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and info.data.get("network") == Network.OUTBOX:
            raise _fail("arna_outbox_key", name=info.field_name)
        return value

    @model_validator(mode="after")
    def _needs_credentials(self) -> Channel:
        connected = self.network != Network.OUTBOX and self.deliver == "network"
        if connected and self.credentials_env is None:
            raise _fail(
                "arna_credentials_missing",
                network=self.network.value,
                env=env_name_for(self.id),
                at=("credentials_env",),
            )
        return self

    def credentials(self) -> str | None:
        """The secret from the environment variable named by `credentials_env`; None if unset or empty.

        The value is returned, never logged or stored.
        """
        if not self.credentials_env:
            return None
        return os.environ.get(self.credentials_env) or None

    def slot_times(self) -> list[tuple[int, time]]:
        """The weekly slots as (weekday, local time), weekday 0 = Monday, in week order."""
        return sorted(p for p in map(_parse_slot, self.slots) if p is not None)


class Team(_Table):
    """[team]: who may act as an editor from the command line (login names or ARNA_USER)."""

    editors: Annotated[tuple[NonBlank, ...], AfterValidator(_unique)] = ()


class Hashtags(_Table):
    """[hashtags]: the programme's required hashtags and the hashtags of each direction."""

    required: HashtagList = DEFAULT_REQUIRED_HASHTAGS
    directions: dict[Direction, HashtagList] = Field(default_factory=dict)


class Brand(_Table):
    """[brand]: reference logo files (PNG or SVG), relative to the workspace."""

    logos: Annotated[
        tuple[Annotated[NonBlank, AfterValidator(_logo)], ...], AfterValidator(_unique)
    ] = ()


class Config(_Table):
    """The whole config.toml. `workspace` and `source` are set by the loader, never from the file."""

    office: Office
    storage: Storage = Field(default_factory=Storage)
    schedule: Schedule = Field(default_factory=Schedule)
    channels: Annotated[tuple[Channel, ...], Field(min_length=1)]
    team: Team = Field(default_factory=Team)
    hashtags: Hashtags = Field(default_factory=Hashtags)
    brand: Brand = Field(default_factory=Brand)
    #: Reserved for the linter, which validates it itself.
    lint: dict[str, Any] = Field(default_factory=dict)

    _workspace: Path = PrivateAttr(default_factory=Path.cwd)
    _source: str | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _default_channel_languages(self) -> Config:
        filled = tuple(
            c if c.languages else c.model_copy(update={"languages": self.office.languages})
            for c in self.channels
        )
        object.__setattr__(self, "channels", filled)  # a one-time default, before anyone sees it
        return self

    @property
    def workspace(self) -> Path:
        """The directory that holds config.toml; relative paths in the file start here."""
        return self._workspace

    @property
    def source(self) -> str | None:
        """The config file as it was named to the loader, or None for parsed text."""
        return self._source

    def channel(self, channel_id: str) -> Channel | None:
        return next((c for c in self.channels if c.id == channel_id), None)

    def channel_ids(self) -> list[str]:
        return [c.id for c in self.channels]

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.office.timezone)

    def resolve(self, relative: str | Path) -> Path:
        """A path from the file, relative to the workspace (absolute paths stay as they are)."""
        return self.workspace / relative

    @property
    def database_path(self) -> Path:
        return self.resolve(self.storage.database)

    @property
    def media_root(self) -> Path:
        return self.resolve(self.storage.media_dir)

    @property
    def max_media_bytes(self) -> int:
        """The per-file media cap; max_media_mb counts mebibytes (1 MB = 1024 × 1024 bytes)."""
        return self.storage.max_media_mb * 1024 * 1024

    def missing_logos(self) -> list[Path]:
        """Reference logos named in [brand] that do not exist (not checked at load time)."""
        return [p for p in map(self.resolve, self.brand.logos) if not p.is_file()]


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------


def find_config(start: Path | None = None) -> Path:
    """The config.toml named by ARNA_CONFIG, else the nearest one in `start` (default: the current
    directory) or its parents."""
    named = os.environ.get("ARNA_CONFIG")
    if named:
        path = _config_file(Path(named).expanduser())
        if not path.is_file():
            raise ConfigError.of(_M_ENV_CONFIG_MISSING, fix=_FIX_ENV_CONFIG_MISSING, path=str(path))
        return path
    here = Path(start) if start is not None else Path.cwd()
    here = here.absolute()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    raise ConfigError.of(_M_NOT_FOUND, fix=_FIX_NOT_FOUND, start=str(here))


def _config_file(path: Path) -> Path:
    """`path` itself, or the config.toml inside it when it is a directory."""
    return path / CONFIG_NAME if path.is_dir() else path


def load_config(path: Path) -> Config:
    """Read and validate a config.toml (or the config.toml inside a directory)."""
    path = _config_file(Path(path))
    file = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError.of(_M_NO_FILE, file=file, fix=_FIX_NO_FILE) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ConfigError.of(_M_UNREADABLE, file=file, fix=_FIX_UNREADABLE, reason=reason) from None
    bom = len(b"\xef\xbb\xbf") if raw.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = raw[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = bom + exc.start
        line = raw[:offset].count(b"\n") + 1
        params: dict[str, object] = {"offset": offset, "line": line}
        problem = Problem(_M_NOT_UTF8, Location(file, line), _FIX_NOT_UTF8, params)
    else:
        return parse_config(text, file=file, workspace=path.absolute().parent)
    raise ConfigError(problem)


def parse_config(text: str, file: str, workspace: Path) -> Config:
    """Validate config.toml text. `file` names it in messages; `workspace` anchors relative paths."""
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        syntax: Problem | None = _syntax_problem(str(exc), text, file)
    else:
        syntax = None
    if syntax is not None:  # raised here, not in the handler, so no chained traceback
        raise ConfigError(syntax)

    report = _Reporter(file, TomlIndex(text))
    problems, claimed = report.raw_checks(data)
    config: Config | None = None
    errors: list[Any] = []
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=True)
    for error in errors:
        path = _error_path(error)
        problem = None if _claimed(path, claimed) else report.from_pydantic(error, path)
        if problem is not None:
            problems.append(problem)
    if problems or config is None:
        raise ConfigError(_tidy(problems))
    config._workspace = Path(workspace)
    config._source = file
    return config


_TOML_POSITION_RE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def _syntax_problem(message: str, text: str, file: str) -> Problem:
    """tomllib's message, with its line and column taken out into the Location and the parameters."""
    match = _TOML_POSITION_RE.search(message)
    if match:
        line, column = int(match.group(1)), int(match.group(2))
        detail = message[: match.start()]
    else:  # "(at end of document)"
        line, column = text.count("\n") + 1, len(text) - text.rfind("\n")
        detail = message.replace(" (at end of document)", "")
    params: dict[str, object] = {"detail": _redact(detail), "line": line, "column": column}
    return Problem(_M_TOML, Location(file, line), _FIX_TOML, params)


def _claimed(path: KeyPath, claimed: list[KeyPath]) -> bool:
    return any(path[: len(c)] == c for c in claimed)


def _tidy(problems: list[Problem]) -> list[Problem]:
    """Drop repeats and order by line, so the list reads top to bottom like the file."""
    unique: dict[tuple[object, ...], Problem] = {}
    for p in problems:
        unique.setdefault((p.location, p.message, p.fix, repr(sorted(p.params.items()))), p)
    return sorted(unique.values(), key=lambda p: (p.location.line or 0, p.location.key or ""))


# ---------------------------------------------------------------------------------------------
# From raw data and pydantic errors to Problems
# ---------------------------------------------------------------------------------------------


def _error_path(error: Mapping[str, Any]) -> KeyPath:
    path = tuple(error["loc"]) + tuple((error.get("ctx") or {}).get("at", ()))
    return path[:-1] if path and path[-1] == "[key]" else path


def dotted(path: KeyPath) -> str:
    """A key path as people read it: channels[2].network, hashtags.directions.open-mind."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            name = (
                part
                if re.fullmatch(r"[A-Za-z0-9_-]+", part)
                else json.dumps(part, ensure_ascii=False)
            )
            out += f".{name}" if out else name
    return out


def _walk(node: object, path: KeyPath) -> Iterator[tuple[KeyPath, object]]:
    """Every (key path, value) below `node`, keys of tables included."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*path, key), value
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield (*path, i), value
            yield from _walk(value, (*path, i))


# pydantic's type errors -> the TOML type that was expected (a key of _TOML_TYPES).
_EXPECTED_BY_ERROR: dict[str, str] = {
    "string_type": "string",
    "int_type": "integer",
    "int_parsing": "integer",
    "int_from_float": "integer",
    "float_type": "float",
    "bool_type": "boolean",
    "bool_parsing": "boolean",
    "tuple_type": "array",
    "list_type": "array",
    "dict_type": "table",
    "model_type": "table",
    "model_attributes_type": "table",
}


def _toml_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    for kind, types in (("integer", int), ("float", float), ("string", str), ("array", list)):
        if isinstance(value, types):
            return kind
    return "table" if isinstance(value, dict) else "datetime"


def _choices(ctx: Mapping[str, Any]) -> list[str]:
    return re.findall(r"'([^']*)'", str(ctx.get("expected", "")))


def _fill(template: Text, values: Mapping[str, Text]) -> Text:
    """Put trilingual parameters into a template, language by language."""

    def one(lang: Lang) -> str:
        out = template.get(lang)
        for name, text in values.items():
            out = out.replace("{" + name + "}", text.get(lang))
        return out

    return Text(kk=one("kk"), ru=one("ru"), en=one("en"))


def _placeholders(text: Text | None) -> set[str]:
    if text is None:
        return set()
    return {
        name for lang in ("kk", "ru", "en") for name in re.findall(r"\{(\w+)\}", text.get(lang))
    }


def _model_at(path: KeyPath) -> type[BaseModel] | None:
    """The schema model for the table at `path` (array indices skipped), or None if it has none."""
    model: type[BaseModel] = Config
    for part in path:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        found = _model_in(field.annotation) if field else None
        if found is None:
            return None
        model = found
    return model


def _model_in(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((m for m in map(_model_in, get_args(annotation)) if m is not None), None)


def _in_channel(path: KeyPath) -> bool:
    """Whether `path` is a key inside one [[channels]] entry (or below it)."""
    return path[0] == "channels" and len(path) > 2


def _raw_id(channel: object) -> object:
    """The id of a channel as parsed from TOML, before the schema: anything, or None."""
    return channel.get("id") if isinstance(channel, dict) else None


def _inline_secret(key: str | int, value: object) -> tuple[Text, dict[str, object]] | None:
    """The message and its parameters when a key, or its value, looks like a secret written inline."""
    if isinstance(key, str) and (kind := _secret_kind(key)):
        return _M_SECRET_AS_KEY, {"kind": _SECRET_KINDS[kind]}
    if isinstance(key, str) and _is_secret_key(key, value):
        return _M_SECRET_KEY, {"name": key}
    if isinstance(value, str) and (kind := _secret_kind(value)):
        return _M_SECRET_VALUE, {"kind": _SECRET_KINDS[kind]}
    return None


@dataclass
class _Reporter:
    """Builds Problems for one file: knows the file name and where each key is written."""

    file: str
    index: TomlIndex

    def problem(self, path: KeyPath, message: Text, fix: Text | None, **params: object) -> Problem:
        for text in (message, fix):  # a missing parameter must not crash the report of a problem
            for name in _placeholders(text):
                params.setdefault(name, "…")
        localized = {k: v for k, v in params.items() if isinstance(v, Text)}
        plain = {k: _redact(v) if isinstance(v, str) else v for k, v in params.items()}
        plain = {k: v for k, v in plain.items() if k not in localized}
        shown = tuple("***" if isinstance(p, str) and _secret_kind(p) else p for p in path)
        return Problem(
            _fill(message, localized),
            Location(self.file, self.index.line_of(path), dotted(shown) or None),
            _fill(fix, localized) if fix is not None else None,
            plain,
        )

    def raw_checks(self, data: dict[str, Any]) -> tuple[list[Problem], list[KeyPath]]:
        """Checks on the parsed TOML before the schema: inline secrets and duplicate channel ids.

        Returns the problems and the key paths they claim; schema errors at or below a claimed path
        are not reported again.
        """
        problems: list[Problem] = []
        claimed: list[KeyPath] = []
        for path, value in _walk(data, ()):
            if _claimed(path, claimed):
                continue
            secret = _inline_secret(path[-1], value)
            if secret is not None:
                message, params = secret
                fix = _FIX_SECRET if _in_channel(path) else _FIX_SECRET_ELSEWHERE
                env = self._env_hint(data, path)
                problems.append(self.problem(path, message, fix, **params, env=env))
                claimed.append(path)
        problems += self._duplicate_channels(data.get("channels"))
        return problems, claimed

    @staticmethod
    def _env_hint(data: dict[str, Any], path: KeyPath) -> str:
        """A variable name to suggest: the channel's conventional one, else one made from the key."""
        channels = data.get("channels")
        if _in_channel(path) and isinstance(channels, list):
            channel = channels[path[1]] if isinstance(path[1], int) else None
            return env_name_for(_raw_id(channel))
        names = [p for p in path if isinstance(p, str) and not _secret_kind(p)]
        stem = _env_stem(names[-1]) if names else ""
        return f"ARNA_{stem}" if stem else "ARNA_SECRET"

    def _duplicate_channels(self, channels: object) -> list[Problem]:
        if not isinstance(channels, list):
            return []
        first: dict[str, int] = {}
        out = []
        for i, channel in enumerate(channels):
            cid = _raw_id(channel)
            if not isinstance(cid, str):
                continue
            if cid in first:
                line = self.index.line_of(("channels", first[cid], "id")) or "?"
                spec = _CUSTOM["arna_duplicate_channel"]
                out.append(
                    self.problem(("channels", i, "id"), *spec, value=_show(cid), first_line=line)
                )
            else:
                first[cid] = i
        return out

    def from_pydantic(self, error: Mapping[str, Any], path: KeyPath) -> Problem | None:
        kind = error["type"]
        ctx = dict(error.get("ctx") or {})
        ctx.pop("at", None)
        if kind in _EXPECTED_BY_ERROR:
            return self._wrong_type(path, _EXPECTED_BY_ERROR[kind], error.get("input"))
        if kind == "missing":
            return self._missing(path)
        if kind == "extra_forbidden" or error["loc"][-1:] == ("[key]",):
            allowed = _choices(ctx) if kind == "literal_error" else self._allowed_keys(path[:-1])
            return self._unknown(path, allowed)
        if kind in ("literal_error", "enum"):
            return self._choice(path, error.get("input"), _choices(ctx))
        if kind == "too_short":  # also raised when every item failed: those are reported already
            return None if error.get("input") else self.problem(path, _M_EMPTY, _FIX_EMPTY)
        if kind in _CUSTOM:
            message, fix = _CUSTOM[kind]
            return self.problem(path, message, fix, **ctx)
        return self.problem(path, _M_INVALID, _FIX_INVALID, detail=str(error.get("msg", kind)))

    @staticmethod
    def _allowed_keys(table: KeyPath) -> list[str]:
        model = _model_at(table)
        if model is None:
            return []
        return [f.alias or name for name, f in model.model_fields.items()]

    def _unknown(self, path: KeyPath, allowed: list[str]) -> Problem:
        name = str(path[-1])
        fixes = (_FIX_UNKNOWN_KEY_SUGGEST, _FIX_UNKNOWN_KEY)
        return self._closest(path, _M_UNKNOWN_KEY, fixes, name, allowed, name=name)

    def _choice(self, path: KeyPath, value: object, choices: list[str]) -> Problem:
        fixes = (_FIX_CHOICE_SUGGEST, _FIX_CHOICE)
        return self._closest(path, _M_CHOICE, fixes, str(value), choices, value=_show(value))

    def _closest(
        self,
        path: KeyPath,
        message: Text,
        fixes: tuple[Text, Text],
        given: str,
        choices: list[str],
        **params: object,
    ) -> Problem:
        """A problem whose fix suggests the choice closest to `given` (fixes[0]) or, when none is
        close, lists the choices (fixes[1])."""
        close = difflib.get_close_matches(given, choices, n=1, cutoff=0.6)
        params["choices"] = ", ".join(choices)
        if close:
            return self.problem(path, message, fixes[0], suggestion=close[0], **params)
        return self.problem(path, message, fixes[1], **params)

    def _wrong_type(self, path: KeyPath, expected: str, value: object) -> Problem:
        got = _toml_type(value)
        names = [p for p in path if isinstance(p, str)]
        name = dotted(tuple(names)[-1:]) or "value"
        types = {"expected": _TOML_TYPES[expected][0], "got": _TOML_TYPES[got][1]}
        if expected == "array" and got == "table":  # [channels] written for [[channels]]
            return self.problem(path, _M_TYPE, _FIX_ARRAY_OF_TABLES, name=dotted(path), **types)
        example = _TOML_TYPES[expected][2].replace("{name}", name)
        return self.problem(path, _M_TYPE, _FIX_TYPE, example=example, **types)

    def _missing(self, path: KeyPath) -> Problem:
        name = str(path[-1])
        field = (_model_at(path[:-1]) or Config).model_fields.get(name)
        if field is not None and _model_in(field.annotation) is not None:
            is_array = get_origin(field.annotation) is tuple
            header = f"[[{dotted(path)}]]" if is_array else f"[{dotted(path)}]"
            return self.problem(path, _M_MISSING_TABLE, _FIX_MISSING_TABLE, header=header)
        table = dotted(path[:-1]) or CONFIG_NAME
        return self.problem(path, _M_MISSING, _FIX_MISSING, name=name, table=table)
