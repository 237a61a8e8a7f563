"""`arna lint` for people at a terminal, and the progress bar of long runs.

    drafts/a.md (telegram)
    drafts/a.md:3:1: K202 [error] 'Kазақстан' mixes Latin and Cyrillic letters: K are Latin.
    drafts/a.md: M401 [warning] fest-01.jpg [10,20 300×200]: …
      unused waiver T105 («a joint announcement…»): the content changed after it was given

    2 posts checked: 1 error, 1 warning, 0 info.

- One group per post that has something to say (findings, unused waivers, crashed rules), in the
  order the posts were linted; clean posts only count in the summary. Every finding line starts
  with `path:line:col:` (or `path:` without a span), so editors and terminals can jump to it.
  A queued post is `arna:post/<id>`.
- The severity token stays as in config.toml (`error`, `warning`, `info`); messages, labels and
  the summary are in the user's language. Waived findings are listed, marked with the reason,
  and not counted.
- Colour only when the output is a terminal, never when NO_COLOR is set (https://no-color.org),
  nor with TERM=dumb.
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import TextIO

from linters.engine import PostResult
from linters.findings import Finding, Severity
from linters.report.json_report import Summary, message, position, post_label, summary
from linters.subject import RecordedWaiver, Subject
from posts.i18n import Lang, Text

RESET = "\x1b[0m"
STYLES = {
    "error": "\x1b[1;31m",
    "warning": "\x1b[33m",
    "info": "\x1b[36m",
    "waived": "\x1b[2m",
    "path": "\x1b[1m",
    "ok": "\x1b[32m",
}

WAIVED = Text(kk="рұқсат етілген", ru="исключение", en="waived")
WAIVED_REASON = Text(
    kk="рұқсат себебі: {reason}", ru="причина исключения: {reason}", en="waived: {reason}"
)
UNUSED_WAIVER = Text(
    kk="қолданылмаған рұқсат {code} («{reason}», {author}): {why}",
    ru="неиспользованное исключение {code} («{reason}», {author}): {why}",
    en="unused waiver {code} ('{reason}', {author}): {why}",
)
UNUSED_CHANGED = Text(
    kk="рұқсат берілгеннен кейін мазмұн өзгерді, ол енді күшін жойды",
    ru="содержание изменилось после исключения, оно больше не действует",
    en="the content changed after it was given, so it no longer applies",
)
UNUSED_NOTHING = Text(
    kk="бұл кодпен ескерту жоқ",
    ru="находок с этим кодом нет",
    en="there is no finding with this code",
)
CRASHED = Text(
    kk="{code} ережесі істемей қалды: {error}. Басқа ережелер тексерді.",
    ru="правило {code} сломалось: {error}. Остальные правила проверили публикацию.",
    en="rule {code} failed: {error}. The other rules still ran.",
)

# (one, few, many) for Russian; Kazakh and English take the first / the plural form.
NOUNS: dict[str, dict[str, tuple[str, ...]]] = {
    "post": {
        "en": ("post", "posts"),
        "ru": ("публикация", "публикации", "публикаций"),
        "kk": ("жарияланым",),
    },
    "error": {"en": ("error", "errors"), "ru": ("ошибка", "ошибки", "ошибок"), "kk": ("қате",)},
    "warning": {
        "en": ("warning", "warnings"),
        "ru": ("предупреждение", "предупреждения", "предупреждений"),
        "kk": ("ескерту",),
    },
    "info": {
        "en": ("info", "info"),
        "ru": ("подсказка", "подсказки", "подсказок"),
        "kk": ("ақпарат",),
    },
    "waived": {
        "en": ("waived", "waived"),
        "ru": ("исключение", "исключения", "исключений"),
        "kk": ("рұқсат етілген",),
    },
}
CHECKED = Text(
    kk="Тексерілген жарияланым: {n} — {counts}",
    ru="Проверено публикаций: {n} — {counts}",
    en="{n} checked: {counts}",
)
EXTRA = {
    "waived": Text(kk="рұқсатпен өткені: {n}", ru="снято исключениями: {n}", en="{n} waived"),
    "unused_waivers": Text(
        kk="қолданылмаған рұқсат: {n}",
        ru="неиспользованных исключений: {n}",
        en="{n} unused waiver(s)",
    ),
    "crashes": Text(
        kk="істемей қалған ереже: {n}", ru="сбоев правил: {n}", en="{n} rule failure(s)"
    ),
}


def counted(n: int, noun: str, lang: Lang) -> str:
    """`n` with the noun in the right form: 1 ошибка, 3 ошибки, 5 ошибок; 1 error, 2 errors."""
    forms = NOUNS[noun][lang]
    if lang == "ru":
        if n % 10 == 1 and n % 100 != 11:
            form = forms[0]
        elif 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            form = forms[1]
        else:
            form = forms[2]
    elif lang == "en":
        form = forms[0] if n == 1 else forms[1]
    else:
        form = forms[0]
    return f"{n} {form}"


def summary_line(s: Summary, lang: Lang) -> str:
    """One sentence: how many posts, and the counts per severity (waived findings not counted)."""
    posts = counted(s.posts, "post", lang) if lang == "en" else s.posts
    counts = ", ".join(counted(s.count(sev), sev.value, lang) for sev in Severity)
    extras = [
        EXTRA[key].format(lang, n=getattr(s, key))
        for key in ("waived", "unused_waivers", "crashes")
        if getattr(s, key)
    ]
    return CHECKED.format(lang, n=posts, counts=counts) + "".join(f"; {e}" for e in extras) + "."


def use_color(stream: TextIO | None = None) -> bool:
    """Colour for a terminal that can show it, unless NO_COLOR asks otherwise."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    return _isatty(stream if stream is not None else sys.stdout)


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False


def media_where(finding: Finding) -> str:
    """`fest.mp4 [10,20 300×200] 0:03.0–0:07.5` for a finding about a media file."""
    parts = [finding.media or ""]
    if finding.region is not None:
        x, y, w, h = finding.region
        parts.append(f"[{x},{y} {w}×{h}]")
    if finding.time is not None:
        t0, t1 = finding.time
        parts.append(f"{mmss(t0)}–{mmss(t1)}")
    return " ".join(p for p in parts if p)


def mmss(seconds: float) -> str:
    if not isinstance(seconds, int | float) or not math.isfinite(seconds):
        return str(seconds)
    minutes, rest = divmod(max(0.0, float(seconds)), 60)
    return f"{int(minutes)}:{rest:04.1f}"


def render_text(results: Sequence[PostResult], *, lang: Lang, color: bool | None = None) -> str:
    if color is None:
        color = use_color()

    def paint(style: str, text: str) -> str:
        return f"{STYLES[style]}{text}{RESET}" if color else text

    blocks: list[str] = []
    for i, r in enumerate(results):
        if not (r.findings or r.unused_waivers or r.crashes):
            continue
        label = post_label(r.subject, i)
        lines = [paint("path", f"{label} ({r.subject.network})")]
        lines += [_finding_line(r.subject, label, f, lang, paint) for f in r.findings]
        lines += [f"  {_unused(r.subject, w, lang)}" for w in r.unused_waivers]
        lines += [
            "  " + paint("error", CRASHED.format(lang, code=c.code, error=c.error))
            for c in r.crashes
        ]
        blocks.append("\n".join(lines))
    s = summary(results)
    worst = "error" if s.error else "warning" if s.warning else "info" if s.info else "ok"
    blocks.append(paint(worst, summary_line(s, lang)))
    return "\n\n".join(blocks) + "\n"


def _finding_line(
    subject: Subject, label: str, f: Finding, lang: Lang, paint: Callable[[str, str], str]
) -> str:
    pos = position(subject, f)
    where = f"{label}:{pos.line}:{pos.column}:" if pos else f"{label}:"
    text = message(f, lang)
    if f.media:
        text = f"{media_where(f)}: {text}"
    if f.waived:
        tag = paint("waived", f"[{f.severity.value}, {WAIVED.get(lang)}]")
        reason = WAIVED_REASON.format(lang, reason=f.waiver_reason or "")
        return f"{where} {f.code} {tag} {text} ({reason})"
    return f"{where} {f.code} {paint(f.severity.value, f'[{f.severity.value}]')} {text}"


def _unused(subject: Subject, w: RecordedWaiver, lang: Lang) -> str:
    why = UNUSED_CHANGED if w.content_hash != subject.content_hash else UNUSED_NOTHING
    return UNUSED_WAIVER.format(
        lang, code=w.code, reason=w.reason, author=w.author, why=why.get(lang)
    )


class Progress:
    """A progress bar on stderr for long runs: `advance()` per post, `close()` at the end.

    It draws only on a terminal, and only once the run has taken longer than `delay` seconds, so
    short runs and redirected output never see it. It redraws at most ten times a second, and
    `close()` erases it, so the report that follows starts on a clean line.
    """

    def __init__(
        self,
        total: int,
        stream: TextIO | None = None,
        *,
        delay: float = 0.5,
        clock: Callable[[], float] = time.monotonic,
        width: int = 30,
    ) -> None:
        self.total = max(0, total)
        self.stream = stream if stream is not None else sys.stderr
        self.done = 0
        self.delay = delay
        self.clock = clock
        self.width = width
        self.enabled = _isatty(self.stream) and os.environ.get("TERM") != "dumb"
        self._start = clock()
        self._last_draw = -math.inf
        self._drawn = 0  # characters on screen

    def advance(self, n: int = 1) -> None:
        self.done = min(self.total, self.done + n) if self.total else self.done + n
        if not self.enabled:
            return
        now = self.clock()
        if now - self._start < self.delay:
            return
        if now - self._last_draw < 0.1 and self.done < self.total:
            return
        self._last_draw = now
        self._draw()

    def bar(self) -> str:
        total = self.total or 1
        filled = round(self.width * min(self.done, total) / total)
        arrow = ">" if 0 < filled < self.width else ""
        body = ("=" * max(0, filled - len(arrow)) + arrow).ljust(self.width)
        return f"[{body}] {self.done}/{self.total}"

    def _draw(self) -> None:
        line = self.bar()
        pad = " " * max(0, self._drawn - len(line))
        self._write("\r" + line + pad)
        self._drawn = len(line)

    def close(self) -> None:
        if self._drawn:
            self._write("\r" + " " * self._drawn + "\r")
            self._drawn = 0

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            self.enabled = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
