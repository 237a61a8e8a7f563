"""Signal extractors for the genre rules T101 press-release, T102 official-document, T103 event-report.

A genre rule is a transparent weighted sum, not a model: each signal is a pattern with a weight
and a cap, listed in `linters/data/genre/signals.txt`, and the score of a post is
Σ weight × min(count, cap) over its signals. Negative weights are evidence against the genre
(the reader addressed directly, a question, emoji): what a good social post has. A few signals
need code rather than a pattern («@name» in the data file): a dateline opening, a phone number,
an e-mail address, emoji, the density of nominal chains, and word endings (Kazakh finite verbs
closing a sentence, past or present-future; Russian past forms), all from one pass over the
words. Every hit keeps its spans, so that
an editor (and the desk) can see exactly what made a rule fire.

The patterns are plain regular expressions over Kazakh and Russian at once: the signals are
fixed phrases and word beginnings, so they need no language detection. They are matched on a
lowercased copy (IGNORECASE on Cyrillic is slow), and the patterns that start at a word are
tried in one pass over the words, each only where a word begins with one of its heads (read from
the pattern itself; a short head such as «в» of «в рамках» must be the whole word). Only the first `MAX_CHARS` characters are read: a genre shows itself
early, and a 1 MB text must not cost a second.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any

try:  # CPython's private regex parser: only a speed-up (the prefilter), never needed for results
    import re._constants as re_constants
    import re._parser as re_parser

    LITERAL, SUBPATTERN, BRANCH = re_constants.LITERAL, re_constants.SUBPATTERN, re_constants.BRANCH
    IN, CATEGORY = re_constants.IN, re_constants.CATEGORY
    CATEGORY_DIGIT, CATEGORY_SPACE = re_constants.CATEGORY_DIGIT, re_constants.CATEGORY_SPACE
    MAX_REPEAT, MIN_REPEAT = re_constants.MAX_REPEAT, re_constants.MIN_REPEAT
except (ImportError, AttributeError):  # a Python without them: every pattern is searched
    re_parser = None
MAX_CHARS = 20_000
DATA_FILE = "signals.txt"
# share of words with nominal endings that makes a text "nominal", by the text's language
# (Kazakh agglutinates, so its share is higher in any genre); measured on the calibration part
NOMINAL_MIN_RATIO = {"kk": 0.38, "ru": 0.22}
NOMINAL_MIN_WORDS = 30  # shorter texts are not judged for density

# -- signals computed in code -----------------------------------------------------------------------

_MONTHS = (
    "январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр|"
    "қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан"
)
_DATELINE_RE = re.compile(
    r"\A\s*(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+(?:[ -][\w-]+)?\s*(?:қ\.|г\.)?\s*,\s*)"
    r"(?:\d{1,2}\s+(?:" + _MONTHS + r")\w*(?:\s+\d{4}(?:\s*(?:г\.|года|ж\.|жыл\w*))?)?"
    r"|\d{4}\s+жылғы\s+\d{1,2}\s+(?:" + _MONTHS + r")\w*"
    r"|\d{1,2}\.\d{1,2}\.\d{2,4})"
    r"\s*(?:[–—-]|\.)",
    re.IGNORECASE,
)
_PHONE_RE = re.compile(r"(?:\+7|8)[\s-]*\(?\d{3,4}\)?[\s-]*\d{2,3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_EMOJI_RE = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b50\u2b55]")
# Russian verbal and abstract nouns; Kazakh verbal nouns, abstract nouns and genitives (the links
# of izafet chains: «бағдарламаның іске асырылуын қамтамасыз ету»). Matched on lowercased words.
_ENDINGS_3 = frozenset(
    [
        "ние",
        "ния",
        "нию",
        "нем",
        "нии",
        "ций",
        "ция",
        "ции",
        "цию",
        "ией",
        "сть",
        "сти",
        "тью",
        "тво",
        "тва",
        "тву",
        "вом",
        "луы",
        "луі",
        "уын",
        "уін",
        "уға",
        "уге",
        "уды",
        "уді",
        "уда",
        "уде",
        "лау",
        "леу",
        "лық",
        "лік",
        "дық",
        "дік",
        "тық",
        "тік",
        "ның",
        "нің",
        "дың",
        "дің",
        "тың",
        "тің",
    ]
)
_ENDINGS_2 = frozenset(["ды", "ді", "ты", "ті", "ту", "ру", "уы", "уі"])
_PUNCT = ".,;:!?«»()[]\"'“”„—–-…*/"

Spans = tuple[tuple[int, int], ...]


def _dateline(text: str) -> tuple[int, Spans, dict[str, object]]:
    found = _DATELINE_RE.match(text)
    if not found:
        return 0, (), {}
    start = len(found.group()) - len(found.group().lstrip())
    return 1, ((start, found.end()),), {}


def _finder(pattern: re.Pattern[str]) -> Callable[[str], tuple[int, Spans, dict[str, object]]]:
    def find(text: str) -> tuple[int, Spans, dict[str, object]]:
        spans = tuple(m.span() for m in pattern.finditer(text))
        return len(spans), spans, {}

    return find


_LETTERS_RE = re.compile(r"[^\W\d_]+")
_AFTER_FINAL_WORD_RE = re.compile(r"(?<=[^\W\d_])[ \t]*(?:[.!;]|$)", re.MULTILINE)
_RUSSIAN_FIRST = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
_KAZAKH_ONLY = frozenset("әғқңөұүһі")


KK_PAST_ENDS = ("ды", "ді", "ты", "ті")
KK_PRESENT_ENDS = ("йды", "йді", "ады", "еді", "бақ", "бек", "пақ", "пек", "мақ", "мек")
KK_YOU_ENDS = ("ңыз", "ңіз", "ңыздар", "ңіздер")
RU_PAST_ENDS = (
    *("али", "или", "ели", "яли", "ала", "ила", "ела"),
    *("ались", "ились", "ался", "ился", "алась", "илась"),
)


@dataclass(frozen=True)
class _WordProfile:
    """What the word-ending builtins count, from one pass over the words of a text."""

    words3: int  # words of three letters or more
    nominal: int  # of which with a nominal ending
    nominal_spans: Spans  # the first few of those
    kk_past: Spans
    kk_present: Spans
    ru_past: Spans
    kk_you: Spans  # polite second person: «келіңіз», «ұмытпаңыз», «балаңыз» (addresses the reader)


@lru_cache(maxsize=8)  # the four builtins of one text share this pass
def _word_profile(lower: str) -> _WordProfile:
    """Kazakh finite verbs end their sentence: past «өтті, қатысты, марапаттады» («-ды» after a
    consonant: after «а/е/ә/й» it is mostly the present-future) and present-future or intent
    «өтеді, ашылады, талқыланбақ». Russian past forms «прошла, провели, состоялась» may stand
    anywhere. Nominal endings feed the nominal density."""
    kazakh = not _KAZAKH_ONLY.isdisjoint(lower)
    finals = {m.start() for m in _AFTER_FINAL_WORD_RE.finditer(lower)} if kazakh else set()
    words3 = 0
    nominal = 0
    nominal_spans: list[tuple[int, int]] = []
    kk_past: list[tuple[int, int]] = []
    kk_present: list[tuple[int, int]] = []
    ru_past: list[tuple[int, int]] = []
    kk_you: list[tuple[int, int]] = []
    for match in _LETTERS_RE.finditer(lower):
        word = match.group()
        size = len(word)
        if size < 3:
            continue
        words3 += 1
        if word[-3:] in _ENDINGS_3 or word[-2:] in _ENDINGS_2:
            nominal += 1
            if nominal <= 5:
                nominal_spans.append(match.span())
        if (
            size >= 5
            and word.endswith(RU_PAST_ENDS)
            and word[0] in _RUSSIAN_FIRST
            and _KAZAKH_ONLY.isdisjoint(word)
        ):
            ru_past.append(match.span())
        if kazakh and size >= 5 and word.endswith(KK_YOU_ENDS):
            kk_you.append(match.span())
        if kazakh and match.end() in finals:
            if size >= 4 and word.endswith(KK_PAST_ENDS) and word[-3] not in "аеәй":
                kk_past.append(match.span())
            elif size >= 5 and word.endswith(KK_PRESENT_ENDS):
                kk_present.append(match.span())
    return _WordProfile(
        words3,
        nominal,
        tuple(nominal_spans),
        tuple(kk_past),
        tuple(kk_present),
        tuple(ru_past),
        tuple(kk_you),
    )


def _profile_spans(field: str) -> Callable[[str], tuple[int, Spans, dict[str, object]]]:
    def find(lower: str) -> tuple[int, Spans, dict[str, object]]:
        spans: Spans = getattr(_word_profile(lower), field)
        return len(spans), spans, {}

    return find


def _nominal_density(text: str) -> tuple[int, Spans, dict[str, object]]:
    """Share of words (3 letters or more) with a nominal ending, on the lowercased text. The
    text's language (by its share of specifically Kazakh letters) picks the minimum, since
    Kazakh agglutinates."""
    profile = _word_profile(text)
    total = profile.words3
    ratio = profile.nominal / total if total else 0.0
    lang = "kk" if sum(map(text.count, _KAZAKH_ONLY)) * 60 >= len(text) else "ru"
    minimum = NOMINAL_MIN_RATIO[lang]
    detail: dict[str, object] = {"ratio": round(ratio, 3), "words": total, "min": minimum}
    if total < NOMINAL_MIN_WORDS or ratio < minimum:
        return 0, (), detail
    return 1, profile.nominal_spans, detail


def _phone(text: str) -> tuple[int, Spans, dict[str, object]]:
    spans = tuple(
        m.span()
        for m in _PHONE_RE.finditer(text)
        if not m.start() or not _is_word_char(text[m.start() - 1])
    )
    return len(spans), spans, {}


def _email(text: str) -> tuple[int, Spans, dict[str, object]]:
    if "@" not in text:
        return 0, (), {}
    spans = tuple(m.span() for m in _EMAIL_RE.finditer(text))
    return len(spans), spans, {}


def _hashtag(text: str) -> tuple[int, Spans, dict[str, object]]:
    if "#" not in text:
        return 0, (), {}
    spans = tuple(m.span() for m in _HASHTAG_RE.finditer(text))
    return len(spans), spans, {}


_HASHTAG_RE = re.compile(r"(?<![\w#])#\w")

BUILTINS: Mapping[str, Callable[[str], tuple[int, Spans, dict[str, object]]]] = {
    "dateline": _dateline,
    "phone": _phone,
    "email": _email,
    "hashtag": _hashtag,
    "emoji": _finder(_EMOJI_RE),
    "nominal-density": _nominal_density,
    "kk-past-end": _profile_spans("kk_past"),
    "kk-future-end": _profile_spans("kk_present"),
    "ru-past-form": _profile_spans("ru_past"),
    "kk-you": _profile_spans("kk_you"),
}

# -- the signal table ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Signal:
    rule: str
    name: str
    weight: float
    cap: int
    pattern: re.Pattern[str] | None = None  # None: a builtin
    builtin: str | None = None
    word_start: bool = False  # the pattern began with (?<!\w): checked after the match, faster
    cased: bool = False  # matched on the text as written, not on its lowercased copy
    heads: frozenset[str] | None = None  # every match starts a word beginning with one of these

    @cached_property  # read for every signal of every post: computed once per signal
    def key(self) -> str:
        """Signals of several rules with the same pattern are searched once per text."""
        return (
            # the pattern's source in full: a compiled pattern's repr is cut at 200 characters,
            # and two long patterns that begin alike must not share their matches
            "@" + self.builtin
            if self.builtin
            else f"{self.word_start}{self.cased}{self.pattern.pattern if self.pattern else ''}"
        )

    def find(self, text: str, lower: str | None = None) -> tuple[int, Spans, dict[str, object]]:
        """Occurrences in `text`; `lower` is its lowercased copy, of the same length."""
        if lower is None:
            lower = _lowercase(text)
        if self.builtin is not None:
            return BUILTINS[self.builtin](lower)
        assert self.pattern is not None
        subject = text if self.cased else lower
        if self.word_start:
            spans = tuple(
                m.span()
                for m in self.pattern.finditer(subject)
                if not m.start() or not _is_word_char(subject[m.start() - 1])
            )
        else:
            spans = tuple(m.span() for m in self.pattern.finditer(subject))
        return len(spans), spans, {}

    def find_at(
        self, lower: str, index: Mapping[str, list[int]]
    ) -> tuple[int, Spans, dict[str, object]]:
        """Occurrences of a word-start signal with heads, tried only where a word starts with
        one of its heads (the same matches as `find`)."""
        assert self.pattern is not None and self.heads is not None
        firsts, prefixes = _lead(self.heads)
        places: list[int] = []
        for char in firsts:
            places += index.get(char, ())
        if not places:
            return 0, (), {}
        places.sort()
        spans: list[tuple[int, int]] = []
        end = 0
        for place in places:
            if place < end or not lower.startswith(prefixes, place):
                continue
            found = self.pattern.match(lower, place)
            if found:
                spans.append(found.span())
                end = max(found.end(), place + 1)
        return len(spans), tuple(spans), {}


@cache
def _lead(heads: frozenset[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The first characters and the prefixes of a signal's heads («#d»: any digit)."""
    prefixes = tuple(sorted(h.rstrip(WHOLE) for h in heads if h != DIGIT))
    if DIGIT in heads:
        prefixes += tuple("0123456789")
    return tuple(sorted({p[0] for p in prefixes})), prefixes


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _lowercase(text: str) -> str:
    """The text in lower case, with every offset kept (a few letters change length when
    lowercased, like «İ»: those are kept as they are)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


@dataclass(frozen=True)
class Hit:
    signal: Signal
    count: int
    spans: Spans
    detail: Mapping[str, object] = field(default_factory=dict)

    @property
    def contribution(self) -> float:
        return self.signal.weight * min(self.count, self.signal.cap)


@dataclass(frozen=True)
class GenreScore:
    rule: str
    score: float
    hits: tuple[Hit, ...]

    def evidence(self, text: str, threshold: float) -> dict[str, object]:
        return {
            "score": round(self.score, 2),
            "threshold": threshold,
            "formula": "sum of weight × min(count, cap)",
            "signals": [
                {
                    "signal": h.signal.name,
                    "weight": h.signal.weight,
                    "count": h.count,
                    "cap": h.signal.cap,
                    "contribution": round(h.contribution, 2),
                    "spans": [list(s) for s in h.spans[:10]],
                    "matches": [text[a:b] for a, b in h.spans[:5]],
                    **dict(h.detail),
                }
                for h in self.hits
            ],
        }

    def summary(self, text: str) -> str:
        """«пресс-релиз» (press-framing +3.0), … : the positive signals, strongest first."""
        parts = []
        for h in sorted(self.hits, key=lambda h: -h.contribution):
            if h.contribution <= 0:
                continue
            sample = text[h.spans[0][0] : h.spans[0][1]].strip() if h.spans else ""
            sample = " ".join(sample.split())[:40]
            label = f"«{sample}» " if sample else ""
            parts.append(f"{label}({h.signal.name} {h.contribution:+.1f})")
        return ", ".join(parts[:5])


class SignalFileError(ValueError):
    pass


def parse_signals(text: str) -> dict[str, tuple[Signal, ...]]:
    """The signal table. Patterns are written in lower case and matched on the lowercased text
    (much faster than IGNORECASE on Cyrillic); a pattern holding «(?-i:» is matched on the text
    as written instead, for signals that need capitals (a glossary term in capitals)."""
    table: dict[str, list[Signal]] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) != 5:
            raise SignalFileError(f"line {number}: expected 5 tab-separated fields")
        rule, name, weight, cap, pattern = parts
        if pattern.startswith("@"):
            if pattern[1:] not in BUILTINS:
                raise SignalFileError(f"line {number}: unknown builtin {pattern!r}")
            signal = Signal(rule, name, float(weight), int(cap), builtin=pattern[1:])
        else:
            word_start = pattern.startswith(_WORD_START)
            if word_start:
                pattern = pattern[len(_WORD_START) :]
            cased = "(?-i:" in pattern
            pattern = pattern.replace("(?-i:", "(?:").replace("(?im)", "(?m)")
            try:
                compiled = re.compile(pattern)
            except re.error as error:
                raise SignalFileError(f"line {number}: {error}") from error
            signal = Signal(
                rule,
                name,
                float(weight),
                int(cap),
                compiled,
                word_start=word_start,
                cased=cased,
                heads=_usable(_heads(pattern)) if word_start and not cased else None,
            )
        table.setdefault(rule, []).append(signal)
    return {rule: tuple(signals) for rule, signals in table.items()}


_WORD_START = "(?<!\\w)"
HEAD = 3  # letters of a word's beginning used by the prefilter


def _heads(pattern: str) -> frozenset[str] | None:
    """What every match of a word-start pattern begins with, read from its alternatives: the
    first 1–HEAD literal letters (fewer when the word ends there, «в рамках»), or «#d» for a
    digit. None when some alternative starts otherwise: the pattern is then always searched."""
    if re_parser is None:
        return None
    try:
        parsed = re_parser.parse(pattern)
    except re.error:
        return None

    def prefixes(items: list[tuple[Any, Any]]) -> set[str] | None:
        if not items:
            return None
        op, av = items[0]
        if op is SUBPATTERN:  # a group: its content, then what follows it
            return prefixes(list(av[-1]) + items[1:])
        if op is BRANCH:
            out: set[str] = set()
            for branch in av[1]:
                found = prefixes(list(branch) + items[1:])
                if found is None:
                    return None
                out |= found
            return out
        if op is IN and any(x == (CATEGORY, CATEGORY_DIGIT) for x in av):
            return {DIGIT}
        if op in (MAX_REPEAT, MIN_REPEAT) and av[0] >= 1:
            return prefixes(list(av[2]))
        head = ""
        for op, av in items:
            if op is LITERAL and not chr(av).isspace() and chr(av) not in _PUNCT:
                head += chr(av)
                if len(head) == HEAD:
                    return {head}
                continue
            if head and _ends_word(op, av):
                return {head + WHOLE}
            break
        return {head} if head else None

    found = prefixes(list(parsed))
    return frozenset(found) if found else None


WHOLE = " "  # a head ending so is a whole word («в» of «в\s+рамках»), not a word's beginning


def _ends_word(op: Any, av: Any) -> bool:
    """Whether this item of a parsed pattern can only match after the end of a word."""
    if op is LITERAL:
        return chr(av).isspace() or chr(av) in _PUNCT
    if op is IN:
        return all(
            x == (CATEGORY, CATEGORY_SPACE) or (x[0] is LITERAL and _ends_word(LITERAL, x[1]))
            for x in av
        )
    if op in (MAX_REPEAT, MIN_REPEAT) and av[0] >= 1 and av[2]:
        return _ends_word(*next(iter(av[2])))
    return False


def _usable(heads: frozenset[str] | None) -> frozenset[str] | None:
    """Heads are only usable if each is the beginning of a word (letters or digits)."""
    if heads is None or not all(h == DIGIT or h.rstrip(WHOLE).isalnum() for h in heads):
        return None
    return heads


def _word_index(lower: str) -> dict[str, list[int]]:
    """Where the words of a lowercased text start, by their first character. A signal with
    heads is only tried where a word starts with one of them (`match` at that place), instead
    of being searched through the whole text: much cheaper."""
    index: dict[str, list[int]] = {}
    for found in _RUN_RE.finditer(lower):
        start = found.start()
        char = lower[start]
        bucket = index.get(char)
        if bucket is None:
            index[char] = [start]
        else:
            bucket.append(start)
    return index


_RUN_RE = re.compile(r"[^\W_]+")


DIGIT = "#d"
_DIGIT_RE = re.compile(r"\d")


@cache
def default_signals() -> dict[str, tuple[Signal, ...]]:
    """The shipped table (read and compiled once per process; it never changes)."""
    path = resources.files("linters") / "data" / "genre" / DATA_FILE
    return parse_signals(path.read_text(encoding="utf-8"))


def score(
    text: str,
    signals: tuple[Signal, ...],
    rule: str = "",
    found: dict[str, tuple[int, Spans, dict[str, object]]] | None = None,
) -> GenreScore:
    """The score of `text` for one rule; `found` shares searches between rules."""
    text = text[:MAX_CHARS]
    found = {} if found is None else found
    shared = found.get("")
    if shared is None:
        lowered = _lowercase(text)
        shared = found[""] = (0, (), {"lower": lowered, "index": _word_index(lowered)})
    lower: str = shared[2]["lower"]  # type: ignore[assignment]
    index: dict[str, list[int]] = shared[2]["index"]  # type: ignore[assignment]
    hits = []
    for signal in signals:
        result = found.get(signal.key)
        if result is None:
            if signal.heads is not None:
                if not index:  # genre_scores found these in one pass; built here only if not
                    index = shared[2]["index"] = _word_index(lower)  # type: ignore[index]
                result = signal.find_at(lower, index)
            else:
                result = signal.find(text, lower)
            found[signal.key] = result
        count, spans, detail = result
        if count:
            hits.append(Hit(signal, count, spans, detail))
    return GenreScore(rule, sum(h.contribution for h in hits), tuple(hits))


def genre_score(text: str, rule: str) -> GenreScore:
    return score(text, default_signals().get(rule, ()), rule)


def genre_scores(text: str) -> dict[str, GenreScore]:
    """The scores of every genre rule, each pattern searched once, and the word-start signals
    of all three rules tried in one pass over the words (`_scan_heads`)."""
    table = default_signals()
    lower = _lowercase(text[:MAX_CHARS])
    found: dict[str, tuple[int, Spans, dict[str, object]]] = _scan_heads(lower, _default_dispatch())
    found[""] = (0, (), {"lower": lower, "index": {}})
    return {rule: score(text, signals, rule, found) for rule, signals in table.items()}


@dataclass(frozen=True)
class _Dispatch:
    """Word-start signals by the beginnings of their matches."""

    by_head: Mapping[str, tuple[Signal, ...]]  # by a word's first letters
    by_word: Mapping[str, tuple[Signal, ...]]  # by the whole word
    digits: tuple[Signal, ...]
    keys: tuple[str, ...]
    # the signals for a word's first HEAD letters: filled as words are met (bounded by the
    # number of distinct beginnings), so each beginning is resolved once per process
    by_beginning: dict[str, tuple[Signal, ...]] = field(default_factory=dict)

    def for_beginning(self, beginning: str) -> tuple[Signal, ...]:
        found = self.by_beginning.get(beginning)
        if found is None:
            found = tuple(
                signal
                for size in range(1, len(beginning) + 1)
                for signal in self.by_head.get(beginning[:size], ())
            )
            self.by_beginning[beginning] = found
        return found


@cache
def _dispatch_of(signals: tuple[Signal, ...]) -> _Dispatch:
    by_head: dict[str, list[Signal]] = {}
    by_word: dict[str, list[Signal]] = {}
    digits: list[Signal] = []
    unique: dict[str, Signal] = {}
    for signal in signals:
        if signal.heads is None or signal.key in unique:
            continue
        unique[signal.key] = signal
        for head in signal.heads:
            if head == DIGIT:
                digits.append(signal)
            elif head.endswith(WHOLE):
                by_word.setdefault(head.rstrip(WHOLE), []).append(signal)
            else:
                by_head.setdefault(head, []).append(signal)
    return _Dispatch(
        {head: tuple(items) for head, items in by_head.items()},
        {word: tuple(items) for word, items in by_word.items()},
        tuple(digits),
        tuple(unique),
    )


def _dispatch(table: Mapping[str, tuple[Signal, ...]]) -> _Dispatch:
    return _dispatch_of(tuple(signal for signals in table.values() for signal in signals))


@cache
def _default_dispatch() -> _Dispatch:
    return _dispatch(default_signals())


_NOTHING: tuple[int, Spans, dict[str, object]] = (0, (), {})


def _scan_heads(lower: str, dispatch: _Dispatch) -> dict[str, tuple[int, Spans, dict[str, object]]]:
    """Every word-start signal, tried only at the words whose beginning is one of its heads:
    one pass over the words with two dictionary look-ups each, instead of one pass per
    signal. The same matches as `Signal.find` (a match never starts inside an earlier one)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    ends: dict[str, int] = {}
    by_word, digits, for_beginning = dispatch.by_word, dispatch.digits, dispatch.for_beginning
    beginnings = dispatch.by_beginning
    for word in _RUN_RE.finditer(lower):
        text = word.group()
        candidates = beginnings.get(text[:HEAD])
        if candidates is None:
            candidates = for_beginning(text[:HEAD])
        whole = by_word.get(text)
        if whole:
            candidates += whole
        if digits and text[0].isdigit():
            candidates += digits
        if not candidates:
            continue
        place = word.start()
        for signal in candidates:
            key = signal.key
            if place < ends.get(key, 0):
                continue
            match = signal.pattern.match(lower, place)  # type: ignore[union-attr]
            if match:
                spans.setdefault(key, []).append(match.span())
                ends[key] = max(match.end(), place + 1)
    found = dict.fromkeys(dispatch.keys, _NOTHING)
    for key, items in spans.items():
        found[key] = (len(items), tuple(items), {})
    return found


# -- the labelled set ---------------------------------------------------------------------------------

LABELLED_FILE = "dataset.jsonl"
CLASS_OF_RULE = {"T101": "press-release", "T102": "official-document", "T103": "event-report"}


@dataclass(frozen=True)
class Labelled:
    id: str
    lang: str
    label: str  # press-release | official-document | event-report | good-post
    source: str
    text: str
    held_out: bool


def _hash(id_: str) -> int:
    return int.from_bytes(hashlib.sha256(id_.encode("utf-8")).digest()[:8], "big")


def labelled_set(extra: Iterable[Mapping[str, str]] = ()) -> tuple[Labelled, ...]:
    """The labelled texts of `linters/data/genre/dataset.jsonl`, plus `extra` rows of the same
    fields (the benchmark's external set of real texts), each with its fixed split.

    In every class of each of the two sets, the third of the texts whose ids have the smallest
    SHA-256 is held out: the split depends on the ids only, so it was fixed before any
    calibration and never moves when a weight or a threshold does, and adding the external set
    does not move the shipped set's split.
    """
    path = resources.files("linters") / "data" / "genre" / LABELLED_FILE
    shipped = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    out: list[Labelled] = []
    for rows in (shipped, list(extra)):
        held: set[str] = set()
        for label in {r["class"] for r in rows}:
            ids = sorted((r["id"] for r in rows if r["class"] == label), key=_hash)
            held.update(ids[: len(ids) // 3])
        out += (
            Labelled(r["id"], r["lang"], r["class"], r["source"], r["text"], r["id"] in held)
            for r in rows
        )
    return tuple(out)
