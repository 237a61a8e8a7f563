"""The field checks of config.toml: the rules a single value must follow, beyond its TOML type.

Each check is a pydantic after-validator. It returns the value (normalised where there is a normal
form, such as "mon 10:00" for a slot) or raises PydanticCustomError with an "arna_*" type from
`posts.config_messages._CUSTOM`; the context carries the message parameters, and "at" (a key path)
when the problem sits below the field. Values are quoted through `_show`, so a check never repeats a
secret.
"""

from __future__ import annotations

import difflib
import re
import zoneinfo
from collections.abc import Callable
from datetime import time
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from posts.config_secrets import ENV_NAME_RE, _show
from posts.i18n import Lang

# The defaults of config.toml and the day names of a slot; `posts.config` exports them.
DEFAULT_TIMEZONE = "Asia/Almaty"
DEFAULT_QUIET_HOURS = "22:00-08:00"
#: The programme's hashtags that every post should carry one of (RULES.md, H301).
DEFAULT_REQUIRED_HASHTAGS: tuple[str, ...] = (
    "#руханижаңғыру",
    "#болашаққабағдар",
    "#взглядвбудущее",
)
DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TIME_RE = r"(\d{1,2}):(\d{2})"
_SLOT_RE = re.compile(rf"^\s*([A-Za-z]+)\s+{_TIME_RE}\s*$")
_QUIET_RE = re.compile(rf"^\s*{_TIME_RE}\s*[-–—]\s*{_TIME_RE}\s*$")


def _fail(kind: str, **ctx: object) -> PydanticCustomError:
    return PydanticCustomError(kind, kind, ctx)


def _not_blank(value: str) -> str:
    if not value.strip() or "\x00" in value:
        raise _fail("arna_blank")
    return value


def _slug(example: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if not _SLUG_RE.match(value):
            guess = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
            raise _fail("arna_slug", value=_show(value), example=guess or example)
        return value

    return check


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.casefold() in seen:
            raise _fail("arna_duplicate", value=_show(item), at=(i,))
        seen.add(item.casefold())
    return items


def _int_range(low: int, high: int) -> Callable[[int], int]:
    def check(value: int) -> int:
        if not low <= value <= high:
            raise _fail("arna_range", value=value, min=low, max=high)
        return value

    return check


def _timezone(value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        close = difflib.get_close_matches(value, sorted(zoneinfo.available_timezones()), n=1)
        raise _fail(
            "arna_timezone", value=_show(value), suggestion=close[0] if close else DEFAULT_TIMEZONE
        ) from None
    return value


def _parse_hhmm(hours: str, minutes: str) -> time | None:
    h, m = int(hours), int(minutes)
    return time(h, m) if h < 24 and m < 60 else None


def _quiet_hours(value: str) -> str:
    match = _QUIET_RE.match(value)
    start = _parse_hhmm(*match.group(1, 2)) if match else None
    end = _parse_hhmm(*match.group(3, 4)) if match else None
    if start is None or end is None:
        raise _fail("arna_quiet_hours", value=_show(value))
    if start == end:
        raise _fail("arna_quiet_hours_empty", value=_show(value))
    return f"{start:%H:%M}-{end:%H:%M}"


def _parse_slot(value: str) -> tuple[int, time] | None:
    match = _SLOT_RE.match(value)
    if not match or match.group(1).lower() not in DAYS:
        return None
    at = _parse_hhmm(match.group(2), match.group(3))
    return None if at is None else (DAYS.index(match.group(1).lower()), at)


def _slot_text(day: int, at: time) -> str:
    """A slot in its normal form: weekday 0 at 10:00 -> "mon 10:00"."""
    return f"{DAYS[day]} {at:%H:%M}"


# Day names people write instead of mon..sun (English, Russian and Kazakh), for suggestions only.
_DAY_PREFIXES: dict[str, int] = {
    **{d: i for i, d in enumerate(DAYS)},
    **{d: i for i, d in enumerate(("пн", "вт", "ср", "чт", "пт", "сб", "вс"))},
    **{d: i for i, d in enumerate(("пон", "вто", "сре", "чет", "пят", "суб", "вос"))},
    **{d: i for i, d in enumerate(("дүй", "сей", "сәр", "бей", "жұм", "сен", "жек"))},
    **{d: i for i, d in enumerate(("дс", "сс", "ср", "бс", "жм", "сб", "жс"))},
}


def _slot_example(value: str) -> str:
    """A corrected slot for the fix, when the intent is clear; otherwise a plain example."""
    parts = value.strip().lower().split()
    day = (
        next((_DAY_PREFIXES[p] for p in (parts[0][:3], parts[0][:2]) if p in _DAY_PREFIXES), None)
        if parts
        else None
    )
    clock = re.fullmatch(_TIME_RE, parts[-1]) if len(parts) > 1 else None
    at = _parse_hhmm(*clock.groups()) if clock else None
    return _slot_text(day if day is not None else 0, at or time(10, 0))


def _slot(value: str) -> str:
    parsed = _parse_slot(value)
    if parsed is None:
        raise _fail("arna_slot", value=_show(value), example=_slot_example(value))
    return _slot_text(*parsed)


def _env_name(value: str) -> str:
    if not ENV_NAME_RE.match(value):
        raise _fail("arna_env_name", example="ARNA_EDITORS_CHAT")
    return value


def _url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise _fail("arna_url", value=_show(value))
    return value


def _hashtag(value: str) -> str:
    body = value[1:] if value.startswith("#") else value
    if (
        not value.startswith("#")
        or not body
        or any(c.isspace() or c == "#" for c in body)
        or not any(c.isalpha() for c in body)
    ):
        fixed = "".join(value.replace("#", " ").split())
        example = f"#{fixed}" if any(c.isalpha() for c in fixed) else DEFAULT_REQUIRED_HASHTAGS[0]
        raise _fail("arna_hashtag", value=_show(value), example=example)
    return value


def _logo(value: str) -> str:
    if Path(value).suffix.lower() not in (".png", ".svg"):
        raise _fail("arna_logo", value=_show(value))
    return value


def _database(value: str) -> str:
    if "://" in value:
        raise _fail("arna_database_url")
    return value


NonBlank = Annotated[str, AfterValidator(_not_blank)]
Hashtag = Annotated[str, AfterValidator(_hashtag)]
HashtagList = Annotated[tuple[Hashtag, ...], AfterValidator(_unique)]
Languages = Annotated[tuple[Lang, ...], Field(min_length=1), AfterValidator(_unique)]
