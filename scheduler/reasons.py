"""Why a post failed, waits, or needs a person: the publisher's own reasons, in three languages.

The audit trail and `post.last_error` keep the English wording (a record reads the same for
everyone, and the platform's own messages are English anyway). What a user reads is rendered in
their language: `render` recognises each of these templates in a stored reason and translates it;
anything else (Telegram's words) passes through as it is.
"""

from __future__ import annotations

import re
from functools import cache

from posts.i18n import Lang, Text

LINT_BLOCKED = Text(
    kk="жіберер алдындағы тексеру рұқсат етілмеген қателер тапты: {codes}",
    ru="проверка перед отправкой нашла ошибки без разрешения: {codes}",
    en="the send-time lint found unwaived errors: {codes}",
)
MISSED = Text(
    kk="уақыты {hours} сағат бұрын өтті, бұл рұқсат етілген кешігуден көп; кеш жіберілмейді",
    ru="срок прошёл {hours} ч назад, больше допустимого опоздания; поздно не отправляется",
    en="due {hours} h ago, more than the maximum lateness; not sent late",
)
UNKNOWN_OUTCOME = Text(
    kk="нәтижесі белгісіз: {message}",
    ru="исход неизвестен: {message}",
    en="unknown outcome: {message}",
)
LEFT_SENDING = Text(
    kk="{worker} жіберу кезінде тоқтап қалды, нәтижесі белгісіз",
    ru="{worker} остановился во время отправки, исход неизвестен",
    en="left in sending by {worker}, which stopped before the outcome was known",
)
GAVE_UP = Text(
    kk="{message} ({attempts} әрекеттен кейін тоқтатылды)",
    ru="{message} (прекращено после {attempts} попыток)",
    en="{message} (gave up after {attempts} attempts)",
)
RETRY = Text(
    kk="{message} ({attempt}-әрекет; {seconds} с кейін қайталанады)",
    ru="{message} (попытка {attempt}; повтор через {seconds} с)",
    en="{message} (attempt {attempt}; again in {seconds} s)",
)
CHECK_FAILED = Text(
    kk="{reason} — тексеру: {how}",
    ru="{reason} — проверка: {how}",
    en="{reason} — checked: {how}",
)

TEMPLATES: tuple[Text, ...] = (
    LINT_BLOCKED,
    MISSED,
    UNKNOWN_OUTCOME,
    LEFT_SENDING,
    GAVE_UP,
    RETRY,
    CHECK_FAILED,
)


def english(template: Text, **values: object) -> str:
    """The reason as stored."""
    return template.format("en", **values)


@cache
def _pattern(template: Text) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template.en)
    regex = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)
    )
    return re.compile(f"^{regex}$", re.DOTALL)


def render(reason: str | None, lang: Lang) -> str:
    """A stored reason in `lang`, when it is one of the publisher's own; else as it is."""
    if not reason or lang == "en":
        return reason or ""
    for template in TEMPLATES:
        match = _pattern(template).match(reason)
        if match:
            values = {k: render(v, lang) for k, v in match.groupdict().items()}
            return template.format(lang, **values)
    return reason
