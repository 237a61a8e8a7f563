"""User-facing text in Kazakh, Russian and English.

Every string a user reads is a `Text` with all three languages, so that a missing translation is a
type error at definition time, not a blank line in front of an SMM officer.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal, get_args

Lang = Literal["kk", "ru", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)
DEFAULT_LANG: Lang = "en"


@dataclass(frozen=True, slots=True)
class Text:
    """One message in the three languages; `{name}` placeholders are filled by `format`."""

    kk: str
    ru: str
    en: str

    def get(self, lang: Lang) -> str:
        return getattr(self, lang)

    def format(self, lang: Lang, /, **params: object) -> str:
        return self.get(lang).format(**params)


def resolve_lang(explicit: str | None = None) -> Lang:
    """The user's language: the explicit choice, then ARNA_LANG, then the locale, then English."""
    for candidate in (explicit, os.environ.get("ARNA_LANG"), _locale_lang()):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in LANGS:
                return code  # type: ignore[return-value]
    return DEFAULT_LANG


def _locale_lang() -> str | None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return value
    return None
