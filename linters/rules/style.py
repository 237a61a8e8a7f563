"""T110 jargon, T111 obscene, T112 bureaucratese, T113 spelling, T115 shouting.

The lexicons are data files under `linters/data/` (jargon.txt, obscene.txt, bureaucratese.txt,
acronyms.txt, vocabulary.txt), each with its syntax in its header comment; an office extends them
through the rules' settings. Matching goes through `linters.morphology`: Russian words by their
pymorphy3 lemmas, Kazakh words by their stems, so that inflected forms count («хайпа», «хайпқа»,
«в рамках реализации», «жүзеге асырылды»).

Decisions an editor may want to know:

- Each paragraph (text between blank lines) gets a language from `morphology.guess_language`;
  entries in the `[ru]` or `[kk]` part of a lexicon only apply to paragraphs of that language.
  This is what keeps the Kazakh «шара» (a measure, an event) out of T110: the slang is only the
  Russian «на шару».
- T110 and T111 report one finding per occurrence, each with its own span: every slang or obscene
  word is a problem of its own. T112 judges the post's style as a whole, so it reports one finding
  per post: its span is the first phrase, its message lists the phrases with what to write instead,
  and its evidence holds every occurrence with its span (for the desk to highlight them all), the
  count, the word count and the density.
- T112 fires when the density is at least `density_per_100_words` (2.0) per 100 words and there
  are at least `min_occurrences` (2) phrases, or when a post shorter than `short_post_words` (100)
  has `short_post_occurrences` (3). The floor of two is ours: read literally, "2 per 100 words"
  would fire on one «является» in a 40-word post. `min_occurrences = 1` restores the letter.
- T113 reports each distinct unknown word once (span on its first occurrence, the count in the
  evidence), at most `max_findings` per post. A capitalised word inside a sentence that the
  dictionaries do not know is taken for a name and not reported (`check_names = true` reports it);
  names at the start of a sentence need the office's `vocabulary`. When a dictionary is missing the
  rule says so in one info finding per post and never passes silently.
- T115 counts a capitalised word as shouting unless it is an acronym: one listed in acronyms.txt or
  the office's `extra_acronyms`, or a word shorter than `caps_min_letters` (5) that the dictionary
  does not know as an ordinary word («ЖШС» is an acronym, «ВСЕ» is shouting).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import field_validator

from linters.findings import Finding, Severity
from linters.morphology import (
    CONSONANTS,
    Dictionaries,
    Hunspell,
    Morphology,
    has_kazakh_letters,
    is_cyrillic,
    kazakh_stems,
    normalize,
    paragraphs,
)
from linters.rule import Example, Rule, RuleDoc, RuleSettings
from linters.subject import Subject
from linters.text_tools import HASHTAG_RE, MENTION_RE, URL_RE, Token, words
from posts.i18n import Text

if TYPE_CHECKING:
    from linters.context import LintContext

# -- the guide -----------------------------------------------------------------------------------------

SECTION_STYLE = (
    "«Әлеуметтік желілерде жарияланымдарды орналастыру бойынша ұсынымдар» / "
    "«Рекомендации по размещению публикаций в социальных сетях»"
)
SECTION_PURITY = (
    SECTION_STYLE + ": «Әлеуметтік желілерде жариялау үшін маңызды қағида» / "
    "«Важное правило для публикации в социальных сетях»"
)
STYLE_KK = (
    "«...әлеуметтік желілер үшін мәтін стилі еркін болуы тиіс, бірақ, сонымен қатар "
    "ақпараттық-танымдық болуы керек, жеңіл, мейірімді ниеттегі әзілге жол беріледі, бірақ келекі "
    "етуге жол берілмейді...»"
)
STYLE_RU = (
    "«...стиль текста для соцсетей должен быть свободным, но вместе с тем быть "
    "информационно-познавательным, допускается легкий, благожелательный юмор, но не высмеивание...»"
)
PURITY_KK = (
    "«...дау-дамайға түспей, тіл тазалығын сақтаған, тіл мүкістігі бар сөздерді қолданбау, "
    "«жаргонизмдерді» қолданбау маңызды»"
)
PURITY_RU = (
    "«Важно соблюдать чистоту языка, не вступать в полемику, не употреблять косноязычные слова, "
    "не употреблять «жаргонизмы»»"
)


# -- data files ------------------------------------------------------------------------------------------


@cache
def read_data(name: str) -> str:
    """A lexicon file shipped in `linters/data/` (read once per process; it never changes)."""
    return (resources.files("linters") / "data" / name).read_text(encoding="utf-8")


def _strip_comment(line: str) -> str:
    line = line.strip()
    if line.startswith("#"):
        return ""
    cut = line.find(" #")
    return (line[:cut] if cut >= 0 else line).strip()


def data_sections(text: str, default: str = "any") -> Iterator[tuple[str, str]]:
    """(section, line) for every non-empty line of a data file; «[name]» starts a section."""
    section = default
    for raw in text.splitlines():
        line = _strip_comment(raw)
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            continue
        yield section, line


def data_words(name: str) -> tuple[str, ...]:
    """Every whitespace-separated word of a data file (acronyms.txt, vocabulary.txt)."""
    return tuple(w for _, line in data_sections(read_data(name)) for w in line.split())


# -- settings ---------------------------------------------------------------------------------------------


class _Settings(RuleSettings):
    """TOML gives lists; the settings keep tuples (frozen and hashable)."""

    @field_validator("*", mode="before")
    @classmethod
    def _lists_as_tuples(cls, value: object) -> object:
        return tuple(value) if isinstance(value, list) else value


# -- lexicons: jargon.txt and bureaucratese.txt -------------------------------------------------------------

LANG_PREFIX_RE = re.compile(r"^(kk|ru|any):\s*")


@dataclass(frozen=True)
class LexWord:
    mode: str  # "lemma" (lemma or stem), "prefix" (word*), "exact" (=word)
    value: str  # normalised
    stem: str | None = None  # an explicit Kazakh stem («кешен|і»)
    comma: bool = False  # must be followed by a comma


@dataclass(frozen=True)
class LexEntry:
    text: str  # as written, for the finding
    words: tuple[LexWord, ...]
    lang: str  # "kk" | "ru" | "any"
    suggestion: str = ""


class LexiconError(ValueError):
    pass


def parse_entry(line: str, lang: str = "any") -> LexEntry:
    """One lexicon line (see the header of jargon.txt). Raises LexiconError for a bad line."""
    body, _, suggestion = line.partition("->")
    body = body.strip()
    found = LANG_PREFIX_RE.match(body)
    if found:
        lang, body = found.group(1), body[found.end() :]
    parts = body.split()
    if not parts:
        raise LexiconError(f"empty entry: {line!r}")
    out = []
    for part in parts:
        exact = part.startswith("=")
        part = part.lstrip("=")
        comma = part.endswith(",")
        part = part.rstrip(",")
        prefix = part.endswith("*")
        part = part.rstrip("*")
        stem = None
        if "|" in part:
            stem, _, ending = part.partition("|")
            part = stem + ending
            stem = normalize(stem)
        if not part or not all(c.isalpha() or c in "-'’" for c in part):
            raise LexiconError(f"not a word: {part!r} in {line!r}")
        mode = "exact" if exact else "prefix" if prefix else "lemma"
        out.append(LexWord(mode, normalize(part), stem, comma))
    text = " ".join(p.strip("=,*").replace("|", "") for p in parts)
    return LexEntry(text, tuple(out), lang, suggestion.strip())


def parse_lexicon(text: str) -> list[LexEntry]:
    return [parse_entry(line, section) for section, line in data_sections(text)]


def _check_entries(values: tuple[str, ...]) -> tuple[str, ...]:
    for value in values:
        parse_entry(value)  # a LexiconError is a ValueError: pydantic reports it with its key
    return values


class WordAt(NamedTuple):
    """A word of the post with the language of its paragraph (a tuple: cheap to build)."""

    token: Token
    norm: str
    lang: str | None


@dataclass(frozen=True)
class Match:
    entry: LexEntry
    first: int  # index of the first word
    last: int  # index of the last word
    start: int
    end: int

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


def post_words(subject: Subject, ctx: LintContext) -> tuple[WordAt, ...]:
    """The post's words (outside hashtags, URLs and mentions) with their paragraph's language.
    Shared by the style rules through `ctx.memo`."""

    def compute() -> tuple[WordAt, ...]:
        text = subject.text
        paras = paragraphs(text, subject.language)
        # normalised once for the whole text when that keeps every offset (nearly always)
        whole = normalize(text)
        aligned = len(whole) == len(text)
        out, index = [], 0
        for token in words(text):
            while index < len(paras) - 1 and token.start >= paras[index].end:
                index += 1
            lang = paras[index].lang if paras else subject.language
            norm = whole[token.start : token.end] if aligned else normalize(token.text)
            out.append(WordAt(token, norm, lang))
        return tuple(out)

    return ctx.memo(subject, "style.words", compute)


def morphology(ctx: LintContext) -> Morphology:
    return ctx.resources.get(Morphology.RESOURCE_KEY, Morphology)


class LexiconMatcher:
    """Finds lexicon entries in a post's words, by lemma, stem, prefix or exact form."""

    def __init__(self, entries: Iterable[LexEntry], morph: Morphology) -> None:
        self.morph = morph
        self.exact: dict[str, list[LexEntry]] = {}
        self.prefix: dict[str, list[tuple[str, LexEntry]]] = {}
        self.ru: dict[str, list[LexEntry]] = {}
        self.kk: dict[str, list[LexEntry]] = {}
        self.heads: set[str] = set()  # the first three letters of every lemma or stem key
        self._ru_key: dict[LexWord, str] = {}
        self._kk_keys: dict[LexWord, frozenset[str]] = {}
        self._candidate_cache: dict[tuple[str, str | None], list[LexEntry]] = {}
        for entry in entries:
            for word in entry.words:
                if word.mode == "lemma":
                    self._ru_key[word] = (
                        morph.russian.lemma(word.value) if is_cyrillic(word.value) else word.value
                    )
                    self._kk_keys[word] = (
                        frozenset((word.stem,)) if word.stem else frozenset(morph.stems(word.value))
                    )
                    # a word is analysed only if it starts like a key or an entry word: lemmas
                    # and stems share their first three letters with the forms the lexicons hold
                    for key in (word.value, self._ru_key[word], *self._kk_keys[word]):
                        self.heads.add(key[:3])
            first = entry.words[0]
            if first.mode == "exact":
                self.exact.setdefault(first.value, []).append(entry)
            elif first.mode == "prefix":
                self.prefix.setdefault(first.value[:2], []).append((first.value, entry))
            else:
                if entry.lang in ("ru", "any"):
                    self.ru.setdefault(self._ru_key[first], []).append(entry)
                if entry.lang in ("kk", "any"):
                    for key in self._kk_keys[first]:
                        self.kk.setdefault(key, []).append(entry)

    # -- one word -----------------------------------------------------------------------------

    def _ru_keys(self, word: WordAt) -> frozenset[str]:
        if word.norm[:3] not in self.heads or not is_cyrillic(word.norm):
            return frozenset((word.norm,))
        return self.morph.russian.lemmas(word.norm)

    def _kk_keys_of(self, word: WordAt) -> frozenset[str]:
        if word.norm[:3] not in self.heads or not is_cyrillic(word.norm):
            return frozenset((word.norm,))
        return frozenset(self.morph.stems(word.norm))

    def _word_matches(self, lw: LexWord, word: WordAt, lang: str | None) -> bool:
        if lw.mode == "exact":
            return word.norm == lw.value
        if lw.mode == "prefix":
            return word.norm.startswith(lw.value)
        if lang in ("ru", None) and self._ru_key[lw] in self._ru_keys(word):
            return True
        return lang in ("kk", None) and bool(self._kk_keys[lw] & self._kk_keys_of(word))

    @staticmethod
    def _applies(entry: LexEntry, lang: str | None) -> bool:
        return entry.lang == "any" or lang is None or entry.lang == lang

    # -- a post -------------------------------------------------------------------------------

    def find(
        self, text: str, post: Sequence[WordAt], skip: Callable[[WordAt], bool] = lambda w: False
    ) -> list[Match]:
        found: list[Match] = []
        for i, word in enumerate(post):
            candidates = self._candidates(word)
            if not candidates or skip(word):  # most words have none: skip() only where needed
                continue
            for entry in candidates:
                if not self._applies(entry, word.lang):
                    continue
                match = self._match_at(text, post, i, entry, skip)
                if match is not None:
                    found.append(match)
        return _non_overlapping(found)

    def _candidates(self, word: WordAt) -> list[LexEntry]:
        key = (word.norm, word.lang)
        cached = self._candidate_cache.get(key)
        if cached is None:
            cached = self._compute_candidates(word)
            if len(self._candidate_cache) > 200_000:
                self._candidate_cache.clear()
            self._candidate_cache[key] = cached
        return cached

    def _compute_candidates(self, word: WordAt) -> list[LexEntry]:
        out = list(self.exact.get(word.norm, ()))
        out += [e for p, e in self.prefix.get(word.norm[:2], ()) if word.norm.startswith(p)]
        if word.norm[:3] in self.heads and is_cyrillic(word.norm):
            if word.lang in ("ru", None):
                for key in self._ru_keys(word):
                    out += self.ru.get(key, ())
            if word.lang in ("kk", None):
                for key in self._kk_keys_of(word):
                    out += self.kk.get(key, ())
        return list(dict.fromkeys(out))

    def _match_at(
        self,
        text: str,
        post: Sequence[WordAt],
        i: int,
        entry: LexEntry,
        skip: Callable[[WordAt], bool],
    ) -> Match | None:
        lang = entry.lang if entry.lang != "any" else post[i].lang
        last = i + len(entry.words) - 1
        if last >= len(post):
            return None
        for k, lw in enumerate(entry.words):
            word = post[i + k]
            if k and (skip(word) or text[post[i + k - 1].token.end : word.token.start].strip()):
                return None
            if not self._word_matches(lw, word, lang):
                return None
            if lw.comma and not text[word.token.end :].lstrip(" ").startswith(","):
                return None
        return Match(entry, i, last, post[i].token.start, post[last].token.end)


def _non_overlapping(found: list[Match]) -> list[Match]:
    """The longest match wins where matches overlap («в рамках реализации» over «в рамках»)."""
    out: list[Match] = []
    for match in sorted(found, key=lambda m: (m.first, -(m.last - m.first))):
        if out and match.first <= out[-1].last:
            continue
        out.append(match)
    return out


class _LexiconRule(Rule):
    """T110 and T112: a lexicon file plus the office's `extra_words`, minus its `allow` list."""

    lexicon_file = ""

    def __init__(self, settings: RuleSettings | None = None) -> None:
        super().__init__(settings)
        settings_: Any = self.settings
        self._allow = frozenset(normalize(w) for w in settings_.allow)
        self._extra = tuple(settings_.extra_words)
        self._matcher: LexiconMatcher | None = None

    def matcher(self, ctx: LintContext) -> LexiconMatcher:
        """Built on first use, with the engine's morphology (the rule lives as long as it)."""
        if self._matcher is None:
            entries = [
                *parse_lexicon(read_data(self.lexicon_file)),
                *(parse_entry(w) for w in self._extra),
            ]
            self._matcher = LexiconMatcher(
                [e for e in entries if normalize(e.text) not in self._allow], morphology(ctx)
            )
        return self._matcher

    def matches(self, subject: Subject, ctx: LintContext) -> list[Match]:
        return self.matcher(ctx).find(
            subject.text,
            post_words(subject, ctx),
            lambda w: w.norm in self._allow or _acronym_like(w),
        )


def _acronym_like(word: WordAt) -> bool:
    text = word.token.text
    return text.isupper() and 2 <= len(text) <= 3


# -- T110 jargon -------------------------------------------------------------------------------------------


class JargonSettings(_Settings):
    extra_words: tuple[str, ...] = ()  # more entries, in the syntax of jargon.txt («kk:» / «ru:»)
    allow: tuple[str, ...] = ()  # words or entries never to flag

    @field_validator("extra_words")
    @classmethod
    def _valid_entries(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _check_entries(value)


JARGON_MESSAGE = Text(
    kk="«{word}» — жаргон (сленг). Нұсқаулық жаргонды қолданбауды сұрайды: ойды әдеби тілмен жеткізіңіз.",
    ru="«{word}» — жаргонизм. Методичка просит не употреблять жаргонизмы: скажите то же литературным языком.",
    en="'{word}' is slang. The guide asks for no jargon: say it in standard language.",
)
JARGON_MESSAGE_SUGGEST = Text(
    kk="«{word}» — жаргон (сленг). Оның орнына әдеби сөз жазыңыз, мысалы: «{suggestion}».",
    ru="«{word}» — жаргонизм. Замените его литературным словом, например: «{suggestion}».",
    en="'{word}' is slang. Use a standard word instead, for example '{suggestion}'.",
)


class Jargon(_LexiconRule):
    code = "T110"
    name = "jargon"
    severity = Severity.WARNING
    Settings = JargonSettings
    lexicon_file = "jargon.txt"
    doc = RuleDoc(
        what=Text(
            kk="Қазақ және орыс тіліндегі жаргон мен сленг сөздер («кринж», «хайп», «короче», «чел», «топчик»). Сөздің түбірі бойынша ізделеді, сондықтан «хайпқа», «кринжді» сияқты тұлғалар да табылады.",
            ru="Жаргонизмы и сленг на казахском и русском («кринж», «хайп», «короче», «чел», «топчик»). Поиск идёт по лемме или основе, так что «хайпа», «кринжовый», «хайпқа» тоже находятся.",
            en="Slang and jargon in Kazakh and Russian ('кринж', 'хайп', 'короче', 'чел', 'топчик'). Matching is by lemma or stem, so inflected forms count too.",
        ),
        why=Text(
            kk="Нұсқаулық тіл тазалығын сақтауды және «жаргонизмдерді» қолданбауды талап етеді: ресми арнаның посты еркін, бірақ сауатты болуы керек.",
            ru="Методичка требует соблюдать чистоту языка и не употреблять «жаргонизмы»: пост официального канала может быть живым, но грамотным.",
            en="The guide asks for clean language and no jargon: an official channel's post may be lively but must stay literate.",
        ),
        section=SECTION_PURITY,
        quote_kk=PURITY_KK,
        quote_ru=PURITY_RU,
        instead=Text(
            kk="Әдеби баламасын жазыңыз: «кринж» орнына «ыңғайсыз», «хайп» орнына «ду-думан». «Шара» сөзі тексерілмейді: қазақ тілінде ол «іс-шара» мағынасындағы қалыпты сөз. Кеңсе өз сөздерін [lint.rules.T110] extra_words тізіміне қоса алады.",
            ru="Напишите литературным словом: «неловко» вместо «кринж», «ажиотаж» вместо «хайп». Казахское «шара» (мероприятие) не отмечается, сленг только «на шару». Офис дополняет список через [lint.rules.T110] extra_words.",
            en="Use the standard word: 'неловко' for 'кринж', 'ажиотаж' for 'хайп'. Kazakh 'шара' (an event) is never flagged; only the Russian 'на шару' is slang. Offices extend the list with [lint.rules.T110] extra_words.",
        ),
        waive=Text(
            kk="Сленг әдейі қолданылған жағдайда (дәйексөз, жастар сленгі туралы пост) редактор себебін жазып, рұқсат бере алады.",
            ru="Если сленг употреблён намеренно (цитата, пост о молодёжном сленге), редактор может оформить исключение с причиной.",
            en="When slang is deliberate (a quotation, a post about youth slang), an editor may waive it with a reason.",
        ),
    )
    message = JARGON_MESSAGE
    must_flag = (
        Example("Фестиваль нағыз хайпқа айналды, келіңіздер!", language="kk", note="stem: хайп+қа"),
        Example("Бұл бейне кринж болып шықты, бірақ көрермендер көп.", language="kk"),
        Example("Короче, концерт прошёл на ура.", language="ru", note="parenthetical «короче,»"),
        Example("Вокруг фестиваля много хайпа, а видео вышло кринжовым.", language="ru"),
        Example("Билеты раздают на шару, приходите!", language="ru", note="«на шару» = for free"),
    )
    must_pass = (
        Example(
            "Кітап фестивалінде көптеген іс-шаралар өтті. Бұл шара жастарға арналған.",
            language="kk",
            note="Kazakh «шара» is an ordinary word",
        ),
        Example("Шараға барлық тілек білдірушілер шақырылады.", language="kk"),
        Example(
            "Видео должно быть короче одной минуты.", language="ru", note="comparative «короче»"
        ),
        Example(
            "Над площадью поднялся воздушный шар, у воздушного шара яркие цвета.", language="ru"
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        post = post_words(subject, ctx)
        for match in self.matches(subject, ctx):
            word = subject.text[match.start : match.end]
            evidence = {"word": word, "entry": match.entry.text, "section": match.entry.lang}
            suggestion = _suggestion_for(match.entry.suggestion, post[match.first].lang)
            if suggestion:
                evidence["suggestion"] = suggestion
                yield self.finding(
                    message=JARGON_MESSAGE_SUGGEST,
                    span=match.span,
                    word=word,
                    suggestion=suggestion,
                    evidence=evidence,
                )
            else:
                yield self.finding(span=match.span, word=word, evidence=evidence)


def _suggestion_for(suggestion: str, lang: str | None) -> str:
    """«ажиотаж / ду-думан»: the Russian half in a Russian paragraph, the Kazakh half in a Kazakh
    one, both when the language is unknown."""
    ru, sep, kk = suggestion.partition(" / ")
    if not sep or lang is None:
        return suggestion
    return kk.strip() if lang == "kk" else ru.strip()


# -- T111 obscene ------------------------------------------------------------------------------------------

MASK_CHARS = "*#%_."
_OBSCENE_TOKEN_RE = re.compile(r"(?:[^\W_]|[*#%_@$.])+")
_UPPER_LOOKALIKES = str.maketrans("ABEKMHOPCTXY", "АВЕКМНОРСТХУ")
_LOWER_LOOKALIKES = str.maketrans(
    {
        "a": "а", "b": "б", "c": "с", "e": "е", "h": "н", "k": "к", "m": "м", "o": "о",
        "p": "р", "t": "т", "x": "х", "y": "у", "0": "о", "3": "з", "4": "ч", "6": "б",
        "@": "а", "$": "с", "ё": "е",
    }
)  # fmt: skip
_REPEATS_RE = re.compile(r"(.)\1+")
_MASKED_RE = re.compile(r"[^\W_][*#%_.]+[^\W_]|[^\W_][*%]|[*%][^\W_]")
_LATIN_ONLY_RE = re.compile(r"[a-z]+")
RU_PREFIXES = (
    r"(?:на|за|вы|по|у|о|обо|до|недо|не|ни|пере|при|про|долбо"
    r"|(?:от|с|из|вз|раз|рас|об|под|в)(?:[ъь]|(?=[бвгджзйклмнпрстфхцчшщ])))?"
)


@dataclass(frozen=True)
class ObsceneLexicon:
    cyrillic: re.Pattern[str]
    latin: re.Pattern[str]
    forms: tuple[str, ...]
    cores: re.Pattern[str]  # a literal run of every root: a post without any needs no word check


def _top_level_alternatives(pattern: str) -> list[str]:
    out, depth, start = [], 0, 0
    for i, char in enumerate(pattern):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return out


def _core(alternative: str) -> str:
    """The longest run of plain letters that every match of `alternative` contains."""
    outside = re.sub(r"\[.*?\]\??|\.\*|[$^+]", " ", alternative)
    while True:  # groups, innermost first: what is inside a group is optional or alternative
        shorter = re.sub(r"\([^()]*\)[?*]?", " ", outside)
        if shorter == outside:
            break
        outside = shorter
    runs = re.findall(r"[^\W\d_]+", outside)
    return max(runs, key=len) if runs else ""


def compile_obscene(extra_roots: Sequence[str] = ()) -> ObsceneLexicon:
    plain: list[str] = []
    prefixed: list[str] = []
    latin: list[str] = []
    forms: list[str] = []
    for section, line in data_sections(read_data("obscene.txt")):
        if section == "forms":
            forms += [normalize(w) for w in line.split()]
        elif section == "latin":
            latin.append(line)
        elif line.startswith("+"):
            prefixed.append(line[1:])
        else:
            plain.append(line)
    plain += [re.escape(_normalize_obscene(w)[0]) for w in extra_roots if w.strip()]
    cores = {
        _core(alt) for root in (*plain, *prefixed, *latin) for alt in _top_level_alternatives(root)
    }
    cyrillic = (
        f"(?:{RU_PREFIXES}(?:{'|'.join(prefixed)}))|(?:{'|'.join(plain)})"
        if prefixed
        else "|".join(plain)
    )
    core = "" if "" in cores else "|".join(sorted(map(re.escape, cores), key=len, reverse=True))
    return ObsceneLexicon(
        re.compile(cyrillic),
        re.compile("|".join(latin) or r"(?!)"),
        tuple(forms),
        re.compile(core),  # "" (a root without a literal run) matches everything: no prefilter
    )


def _normalize_obscene(token: str) -> list[str]:
    """The candidate readings of a token: lookalikes mapped, «u» read as «и» and as «у»."""
    mapped = token.translate(_UPPER_LOOKALIKES).lower().translate(_LOWER_LOOKALIKES)
    readings = [mapped.replace("u", "и"), mapped.replace("u", "у")] if "u" in mapped else [mapped]
    return readings


def _mask(word: str) -> str:
    """«х*й»: the first and last letters, the rest as asterisks, for messages and evidence."""
    letters = word.strip(MASK_CHARS)
    if len(letters) <= 2:
        return letters[:1] + "*"
    return letters[0] + "*" * (len(letters) - 2) + letters[-1]


class ObsceneSettings(_Settings):
    extra_words: tuple[str, ...] = ()  # more roots, matched at the start of a normalised word
    allow: tuple[str, ...] = ()  # words never to flag (a surname, a place name)


OBSCENE_MESSAGE = Text(
    kk="«{word}» — әдепсіз немесе балағат сөз. Оны алып тастаңыз немесе сыпайы сөзбен ауыстырыңыз: мұндай сөзі бар пост жарияланбайды.",
    ru="«{word}» — нецензурное или оскорбительное слово. Удалите его или замените нейтральным: с ним пост не будет опубликован.",
    en="'{word}' is an obscene or abusive word. Remove it or use a neutral word: the post will not be published with it.",
)


class Obscene(Rule):
    code = "T111"
    name = "obscene"
    severity = Severity.ERROR
    Settings = ObsceneSettings
    doc = RuleDoc(
        what=Text(
            kk="Әдепсіз (боқауыз) және балағат сөздер, оның ішінде жасырын жазылғандары: жұлдызшамен («х*й»), латын әріптерімен («xуй» орнына латын x), қайталанған әріптермен.",
            ru="Нецензурные и оскорбительные слова, в том числе замаскированные: звёздочками («х*й»), латинскими двойниками букв, повторами букв.",
            en="Obscene and abusive words, including masked spellings: asterisks ('х*й'), Latin lookalike letters, repeated letters.",
        ),
        why=Text(
            kk="Нұсқаулық тіл тазалығын сақтауды және дау-дамайға түспеуді талап етеді; мемлекеттік бағдарламаның арнасында балағат сөзге орын жоқ.",
            ru="Методичка требует чистоты языка и не вступать в полемику; в канале государственной программы брани не место.",
            en="The guide asks for clean language and no polemics; abuse has no place on a state programme's channel.",
        ),
        section=SECTION_PURITY,
        quote_kk=PURITY_KK,
        quote_ru=PURITY_RU,
        instead=Text(
            kk="Сөзді алып тастаңыз немесе бейтарап сөзбен ауыстырыңыз. Түбірлер сөздің басынан ғана ізделеді, сондықтан «қолбасы», «страховка», «оскорбление» сияқты сөздер белгіленбейді; кездейсоқ сәйкестікті (мысалы, тегі) [lint.rules.T111] allow тізіміне қосыңыз.",
            ru="Удалите слово или замените нейтральным. Корни ищутся только от начала слова, поэтому «страховка», «оскорбление», «хлебопекарня» не отмечаются; случайное совпадение (например, фамилию) внесите в [lint.rules.T111] allow.",
            en="Remove the word or use a neutral one. Roots only match at the start of a word, so 'страховка', 'оскорбление' or 'хлебопекарня' are clean; add an accidental match (a surname) to [lint.rules.T111] allow.",
        ),
        waive=Text(
            kk="Әдетте рұқсат берілмейді. Тек сөз сөзбе-сөз келтірілген дәйексөз болып, оны редактор бекітсе ғана.",
            ru="Обычно не оформляется. Только для дословной цитаты, которую утвердил редактор.",
            en="Normally never waived; only for a verbatim quotation that an editor approves.",
        ),
    )
    message = OBSCENE_MESSAGE
    must_flag = (
        Example("Кеше біреу концертте «х*й» деп айқайлады.", language="kk", note="asterisk mask"),
        Example("Мына с*ка не істеп жүр?", language="kk", note="asterisk mask"),
        Example("Ну и п**дец, а не погода.", language="ru", note="two masked letters"),
        Example(
            "Этот мyдак опять всё сломал.", language="ru", note="Latin y inside a Cyrillic word"
        ),
        Example(
            "Бл*дь, опять дождь.", language="ru", note="masked; repeated letters are in the tests"
        ),
    )
    must_pass = (
        Example(
            "Оскорбление чувств недопустимо, а страховка и хлебопекарня тут ни при чём.",
            language="ru",
        ),
        Example("Не стоит употреблять резкие слова. Застрахуйте имущество заранее.", language="ru"),
        Example(
            "Дастарқанда қолбасы мен нан болды. Ебін тапқан ер озады.",
            language="kk",
            note="Kazakh «ебі» = knack",
        ),
        Example("Себет толы алма, сұлу күз келді.", language="kk", note="Kazakh «себет» = basket"),
        Example("Скидки на eBay и Huawei; психушка — это фильм.", language="ru"),
    )

    def __init__(self, settings: RuleSettings | None = None) -> None:
        super().__init__(settings)
        settings_: ObsceneSettings = self.settings  # type: ignore[assignment]
        self._allow = frozenset(normalize(w) for w in settings_.allow)
        self._lexicon: ObsceneLexicon | None = None
        self._cache: dict[str, tuple[int, str, str] | None] = {}

    def lexicon(self) -> ObsceneLexicon:
        if self._lexicon is None:
            self._lexicon = compile_obscene(self.settings.extra_words)  # type: ignore[attr-defined]
        return self._lexicon

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        text = subject.text
        if not self._worth_a_look(text):
            return
        skip: list[tuple[int, int]] | None = None
        for found in _OBSCENE_TOKEN_RE.finditer(text):
            verdict = self._verdict(found.group())
            if verdict is None:
                continue
            lead, token, how = verdict
            if skip is None:
                skip = [m.span() for r in (URL_RE, MENTION_RE) for m in r.finditer(text)]
            start = found.start() + lead
            if any(a <= start < b for a, b in skip):
                continue
            yield self.finding(
                span=(start, start + len(token)),
                word=_mask(token),
                evidence={"word": _mask(token), "how": how},
            )

    def _worth_a_look(self, text: str) -> bool:
        """False when no word can match: no masked spelling and no root's letters anywhere."""
        if _MASKED_RE.search(text):
            return True
        cores = self.lexicon().cores
        for reading in _normalize_obscene(text):
            if cores.search(reading) or cores.search(_REPEATS_RE.sub(r"\1", reading)):
                return True
        return bool(cores.search(text.lower()))  # the Latin roots, unmapped

    def _verdict(self, raw: str) -> tuple[int, str, str] | None:
        """(offset of the word in the raw token, the word, how it matched), or None; cached."""
        if raw in self._cache:
            return self._cache[raw]
        verdict = None
        lead = len(raw) - len(raw.lstrip("#._"))
        token = raw.strip("#._")
        if token and any(c.isalpha() for c in token) and normalize(token) not in self._allow:
            how = self._match(token, self.lexicon())
            if how:
                verdict = (lead, token, how)
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[raw] = verdict
        return verdict

    @staticmethod
    def _match(token: str, lexicon: ObsceneLexicon) -> str | None:
        lower = token.lower()
        masked = any(c in MASK_CHARS for c in token)
        if not masked and _LATIN_ONLY_RE.fullmatch(lower):
            for reading in (lower, _REPEATS_RE.sub(r"\1", lower)):
                if lexicon.latin.match(reading):
                    return "latin"
            return None
        readings = _normalize_obscene(token)
        if masked:
            for reading in readings:
                pattern = _mask_pattern(reading)
                if pattern and any(pattern.fullmatch(form) for form in lexicon.forms):
                    return "masked"
            return None
        plain = lower.replace("ё", "е")
        for reading in readings:
            for candidate in (reading, _REPEATS_RE.sub(r"\1", reading)):
                if lexicon.cyrillic.match(candidate):
                    if candidate == plain:
                        return "root"
                    return "lookalike" if reading != plain else "repeated"
        return None


@cache
def _mask_pattern(reading: str) -> re.Pattern[str] | None:
    """«х*й» → ^х.{1,2}й$: a run of k mask characters stands for 1 to k+1 letters."""
    if not any(c.isalpha() for c in reading) or len(reading) > 40:
        return None
    parts = []
    for run in re.finditer(r"[*#%_.]+|[^*#%_.]+", reading):
        chunk = run.group()
        if chunk[0] in MASK_CHARS:
            parts.append(f".{{1,{len(chunk) + 1}}}")
        else:
            parts.append(re.escape(chunk))
    return re.compile("".join(parts))


# -- T112 bureaucratese --------------------------------------------------------------------------------------


class BureaucrateseSettings(_Settings):
    density_per_100_words: float = 2.0  # fires at this many occurrences per 100 words…
    min_occurrences: int = 2  # …when there are at least this many (one phrase is not a style)
    short_post_words: int = 100  # below this many words, a post is short…
    short_post_occurrences: int = 3  # …and fires at this many occurrences, whatever the density
    extra_words: tuple[str, ...] = ()  # more entries, in the syntax of bureaucratese.txt
    allow: tuple[str, ...] = ()

    @field_validator("extra_words")
    @classmethod
    def _valid_entries(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _check_entries(value)


BUREAUCRATESE_MESSAGE = Text(
    kk="Постта кеңсе тілінің тіркестері көп: {count} ({words} сөзге): {phrases}. Қарапайым, жанды тілмен жазыңыз: кім, не істеді, оқырманға не пайдасы бар.",
    ru="В посте много канцелярита: оборотов {count} на {words} сл.: {phrases}. Напишите проще и живее: кто, что сделал, чем это полезно читателю.",
    en="The post is heavy with bureaucratese: {count} phrases in {words} words: {phrases}. Write plainly: who did what, and why it matters to the reader.",
)


class Bureaucratese(_LexiconRule):
    code = "T112"
    name = "bureaucratese"
    severity = Severity.WARNING
    Settings = BureaucrateseSettings
    lexicon_file = "bureaucratese.txt"
    doc = RuleDoc(
        what=Text(
            kk="Кеңсе тілінің ауыр тіркестері («аясында жүзеге асыру», «іс-шаралар кешені», «болып табылады»; орысша «в рамках реализации», «данный»). 100 сөзге 2 тіркес (кемінде екі тіркес) болса немесе 100 сөзден қысқа постта 3 тіркес болса, постқа бір ескерту беріледі; онда барлық тіркестер мен олардың орнына не жазу керегі көрсетіледі. Жалғыз тіркес белгіленбейді.",
            ru="Канцелярские обороты («в рамках реализации», «осуществление деятельности», «данный», «вышеуказанный»; казахские «аясында жүзеге асыру», «іс-шаралар кешені»). При плотности от 2 на 100 слов (и не меньше двух оборотов) или при 3 оборотах в посте короче 100 слов пост получает одно предупреждение со списком оборотов и подсказками. Один оборот не отмечается.",
            en="Clumsy bureaucratic phrasing ('в рамках реализации', 'данный', 'аясында жүзеге асыру', 'іс-шаралар кешені'). At 2 per 100 words (with at least two phrases), or at 3 phrases in a post under 100 words, the post gets one warning listing every phrase with a suggestion. A single phrase is not flagged.",
        ),
        why=Text(
            kk="Нұсқаулық бойынша әлеуметтік желідегі мәтін стилі еркін әрі ақпараттық-танымдық болуы керек; журналистерге арналған құрғақ мәтіндерді жарияламау керек.",
            ru="По методичке стиль текста для соцсетей должен быть свободным и информационно-познавательным, а сухие тексты для журналистов размещать не стоит.",
            en="The guide wants a free, informative style for social media and no dry texts meant for journalists.",
        ),
        section=SECTION_STYLE,
        quote_kk=STYLE_KK,
        quote_ru=STYLE_RU,
        instead=Text(
            kk="Етістікпен, нақты жазыңыз: «бағдарлама аясында жүзеге асырылды» орнына «біз ... өткіздік», «жоғарыда аталған» орнына «осы». Әр табылған тіркестің қасында ұсыныс бар.",
            ru="Пишите глаголами и конкретно: вместо «в рамках реализации программы проведено мероприятие» — «мы провели…», вместо «данный» — «этот». У каждого найденного оборота есть подсказка.",
            en="Write with verbs and specifics: 'мы провели…' instead of 'в рамках реализации программы проведено мероприятие', 'этот' instead of 'данный'. Each phrase found comes with a suggestion.",
        ),
    )
    message = BUREAUCRATESE_MESSAGE
    must_flag = (
        Example(
            "Бағдарлама аясында жүзеге асырылған іс-шаралар кешені туралы айтсақ, ол жастарға "
            "арналған. Жоғарыда аталған жоба өңірде сәтті өтті.",
            language="kk",
        ),
        Example(
            "Облыста бірқатар жұмыстар жүргізілуде. Тиісті деңгейде ұйымдастыру мақсатында "
            "жаңа жоспар бекітілді. Бұл жоспар басты құжат болып табылады.",
            language="kk",
        ),
        Example(
            "В рамках реализации программы осуществляется деятельность клуба. Данный клуб "
            "является центром притяжения молодёжи.",
            language="ru",
        ),
        Example(
            "Вышеуказанное мероприятие прошло в соответствии с планом на постоянной основе.",
            language="ru",
        ),
    )
    must_pass = (
        Example(
            "Кеше Абай алаңында кітап фестивалі өтті: жастар өлең оқып, ақындармен кездесті. "
            "Келесі жылы тағы келіңіздер!",
            language="kk",
        ),
        Example(
            "Фестиваль прошёл в рамках программы, и это было здорово: ребята читали стихи до "
            "вечера, а база данных участников выросла вдвое.",
            language="ru",
            note="one phrase in a short post; «данных» = data",
        ),
        Example(
            "Бұл шара жастарға арналған. Іс-шараға 200 адам қатысты.",
            language="kk",
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings: BureaucrateseSettings = self.settings  # type: ignore[assignment]
        found = self.matches(subject, ctx)
        if not found:
            return
        total = len(post_words(subject, ctx))
        count = len(found)
        density = 100.0 * count / max(total, 1)
        by_density = count >= settings.min_occurrences and density >= settings.density_per_100_words
        by_count = total < settings.short_post_words and count >= settings.short_post_occurrences
        if not (by_density or by_count):
            return
        occurrences = []
        for match in found:
            item: dict[str, object] = {
                "phrase": subject.text[match.start : match.end],
                "entry": match.entry.text,
                "span": list(match.span),
            }
            if match.entry.suggestion:
                item["suggestion"] = match.entry.suggestion
            occurrences.append(item)
        shown = [
            f"«{o['phrase']}» → {o['suggestion']}" if "suggestion" in o else f"«{o['phrase']}»"
            for o in occurrences[:5]
        ]
        yield self.finding(
            span=found[0].span,
            count=count,
            words=total,
            phrases="; ".join(shown) + ("; …" if count > 5 else ""),
            evidence={
                "occurrences": occurrences,
                "count": count,
                "words": total,
                "density_per_100_words": round(density, 2),
                "threshold": (
                    {
                        "density_per_100_words": settings.density_per_100_words,
                        "min_occurrences": settings.min_occurrences,
                    }
                    if by_density
                    else {"short_post_occurrences": settings.short_post_occurrences}
                ),
            },
        )


# -- T113 spelling ---------------------------------------------------------------------------------------------

_LATIN_RE = re.compile(r"[A-Za-z]")
DICTIONARY_LABEL = {"kk": "kk_KZ", "ru": "ru_RU"}


class SpellingSettings(_Settings):
    vocabulary: tuple[str, ...] = ()  # names and terms of the office that are right as written
    min_word_length: int = 3  # shorter words are not checked («т.б.», «т.д.»)
    max_findings: int = 20  # at most this many unknown words reported per post
    suggest: bool = False  # ask Hunspell for suggestions (20–90 ms per unknown word)
    check_names: bool = False  # also report unknown capitalised words inside a sentence (names)
    dictionary_dirs: tuple[str, ...] = ()  # where the .aff/.dic files are; empty: $DICPATH, system


SPELLING_MESSAGE = Text(
    kk="«{word}» сөзі емле сөздігінде ({dictionary}) жоқ. Жазылуын тексеріңіз; бұл есім немесе термин болса, оны [lint.rules.T113] vocabulary тізіміне қосыңыз.",
    ru="Слова «{word}» нет в орфографическом словаре ({dictionary}). Проверьте написание; если это имя или термин, добавьте его в [lint.rules.T113] vocabulary.",
    en="'{word}' is not in the spelling dictionary ({dictionary}). Check the spelling; if it is a name or a term, add it to [lint.rules.T113] vocabulary.",
)
SPELLING_MESSAGE_SUGGEST = Text(
    kk="«{word}» сөзі емле сөздігінде ({dictionary}) жоқ. Мүмкін: {suggestions}. Есім немесе термин болса, [lint.rules.T113] vocabulary тізіміне қосыңыз.",
    ru="Слова «{word}» нет в орфографическом словаре ({dictionary}). Возможно: {suggestions}. Если это имя или термин, добавьте его в [lint.rules.T113] vocabulary.",
    en="'{word}' is not in the spelling dictionary ({dictionary}). Perhaps: {suggestions}. If it is a name or a term, add it to [lint.rules.T113] vocabulary.",
)
SPELLING_UNAVAILABLE = Text(
    kk="Емле тексерілмеді ({languages}): Hunspell сөздігі табылмады. Серверге hunspell-kk, hunspell-ru және libhunspell-1.7-0 бумаларын орнатыңыз немесе [lint.rules.T113] dictionary_dirs көрсетіңіз. Себебі: {detail}",
    ru="Орфография не проверена ({languages}): не найден словарь Hunspell. Установите пакеты hunspell-kk, hunspell-ru и libhunspell-1.7-0 или укажите [lint.rules.T113] dictionary_dirs. Причина: {detail}",
    en="Spelling was not checked ({languages}): no Hunspell dictionary. Install hunspell-kk, hunspell-ru and libhunspell-1.7-0, or set [lint.rules.T113] dictionary_dirs. Reason: {detail}",
)


def dictionaries(ctx: LintContext, dirs: Sequence[str] = ()) -> Dictionaries:
    return ctx.resources.get(f"hunspell:{'|'.join(dirs)}", lambda: Dictionaries(dirs))


class Spelling(Rule):
    code = "T113"
    name = "spelling"
    severity = Severity.INFO
    Settings = SpellingSettings
    doc = RuleDoc(
        what=Text(
            kk="Hunspell қазақ немесе орыс сөздігі білмейтін сөздер (абзацтың тіліне қарай). Хэштегтер, сілтемелер, @атаулар, аббревиатуралар, латын әрпімен жазылған сөздер, кеңсе сөздігіндегі сөздер және сөйлем ортасындағы бас әріппен басталатын есімдер тексерілмейді. Қазақ сөзінің жалғауларын алып тастағанда сөздікте бар түбір қалса, сөз дұрыс деп саналады.",
            ru="Слова, которых не знает словарь Hunspell казахского или русского языка (по языку абзаца). Не проверяются хэштеги, ссылки, @упоминания, аббревиатуры, слова латиницей, слова из словаря офиса и имена с заглавной буквы внутри предложения. Казахское слово принимается, если после отсечения окончаний остаётся известная словарю основа.",
            en="Words that the Kazakh or Russian Hunspell dictionary does not know (by the paragraph's language). Hashtags, URLs, mentions, acronyms, Latin-script words, the office's vocabulary and capitalised names inside a sentence (unless check_names is on) are skipped. A Kazakh word passes when a stem left after removing its endings is known.",
        ),
        why=Text(
            kk="Нұсқаулық тіл тазалығын сақтауды талап етеді; қате жазылған сөз арнаның беделін түсіреді және іздеуде табылмайды.",
            ru="Методичка требует соблюдать чистоту языка; опечатка роняет доверие к каналу и мешает поиску.",
            en="The guide asks for clean language; a misspelling costs the channel trust and breaks search.",
        ),
        section=SECTION_PURITY,
        quote_kk=PURITY_KK,
        quote_ru=PURITY_RU,
        instead=Text(
            kk="Сөздің жазылуын түзетіңіз. Дұрыс жазылған есім, атау немесе термин болса, оны [lint.rules.T113] vocabulary тізіміне қосыңыз, сонда ол енді белгіленбейді.",
            ru="Исправьте написание. Если это правильно написанное имя, название или термин, добавьте его в [lint.rules.T113] vocabulary, и оно больше не будет отмечаться.",
            en="Fix the spelling. If it is a correctly spelled name, title or term, add it to [lint.rules.T113] vocabulary and it will not be flagged again.",
        ),
    )
    message = SPELLING_MESSAGE
    must_flag = (
        Example("Кеше мектепте кітаап фестивалі өтті.", language="kk", note="«кітаап»"),
        Example("Жастар қатыстыы, бәрі қуанышты болды.", language="kk"),
        Example("Фестеваль прошёл в Астане.", language="ru", note="«фестеваль»"),
        Example("Приглашаем всех на мероприятя в субботу.", language="ru"),
    )
    must_pass = (
        Example(
            "Кеше мектептерде кітап фестивалі өтті, жастар мұғалімдерге алғыс айтты.", language="kk"
        ),
        Example(
            "Бағдарламасының аясында #руханижаңғыру жобасы өтті, https://example.kz", language="kk"
        ),
        Example("Фестиваль прошёл в Астане, приходите в субботу! @arna_kz", language="ru"),
        Example(
            "Приглашаем в ЕНУ и ҚазҰУ: встреча с блогерами, репосты приветствуются.",
            language="ru",
            note="acronyms, SMM vocabulary",
        ),
    )

    def __init__(self, settings: RuleSettings | None = None) -> None:
        super().__init__(settings)
        self._verdicts: dict[tuple[str, str | None], bool] = {}
        self._skip: dict[str, bool] = {}
        self._suggestions: dict[tuple[str, str], list[str]] = {}
        settings_: SpellingSettings = self.settings  # type: ignore[assignment]
        self._vocabulary = frozenset(
            normalize(w) for w in (*data_words("vocabulary.txt"), *settings_.vocabulary)
        )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings: SpellingSettings = self.settings  # type: ignore[assignment]
        dicts = dictionaries(ctx, settings.dictionary_dirs)
        unknown: dict[str, list[WordAt]] = {}
        missing: dict[str, str] = {}
        morph = morphology(ctx)
        for word in post_words(subject, ctx):
            checkable = self._skip.get(word.token.text)
            if checkable is None:
                checkable = self._checkable(word, settings)
                if len(self._skip) > 200_000:
                    self._skip.clear()
                self._skip[word.token.text] = checkable
            if not checkable:
                continue
            lang = word.lang or ("kk" if has_kazakh_letters(word.token.text) else "ru")
            primary = dicts.get(lang)
            if primary is None:
                missing[lang] = dicts.problem(lang) or "unavailable"
                continue
            other = dicts.get("ru" if lang == "kk" else "kk")
            key = (word.token.text, lang)
            verdict = self._verdicts.get(key)
            if verdict is None:
                verdict = self._known(word.token.text, primary, other, morph)
                if len(self._verdicts) > 200_000:
                    self._verdicts.clear()
                self._verdicts[key] = verdict
            if not verdict and (
                settings.check_names or not _inside_sentence_name(subject.text, word.token)
            ):
                unknown.setdefault(word.norm, []).append(word)
        if missing:
            yield self.finding(
                message=SPELLING_UNAVAILABLE,
                languages=", ".join(sorted(missing)),
                detail="; ".join(missing[k] for k in sorted(missing)),
                evidence={"missing": dict(sorted(missing.items()))},
            )
        for places in list(unknown.values())[: settings.max_findings]:
            first = places[0]
            lang = first.lang or ("kk" if has_kazakh_letters(first.token.text) else "ru")
            evidence: dict[str, object] = {
                "word": first.token.text,
                "language": lang,
                "occurrences": len(places),
                "spans": [list(p.token.span) for p in places],
                "unknown_words_in_post": len(unknown),
            }
            params: dict[str, object] = {
                "word": first.token.text,
                "dictionary": DICTIONARY_LABEL.get(lang, lang),
            }
            suggestions = self._suggest(first.token.text, lang, dicts) if settings.suggest else []
            if suggestions:
                evidence["suggestions"] = suggestions
                yield self.finding(
                    message=SPELLING_MESSAGE_SUGGEST,
                    span=first.token.span,
                    suggestions=", ".join(f"«{s}»" for s in suggestions),
                    evidence=evidence,
                    **params,
                )
            else:
                yield self.finding(span=first.token.span, evidence=evidence, **params)

    def _checkable(self, word: WordAt, settings: SpellingSettings) -> bool:
        text = word.token.text
        letters = sum(c.isalpha() for c in text)
        if letters < settings.min_word_length or not is_cyrillic(text) or _LATIN_RE.search(text):
            return False
        if text.isupper() and letters <= 5:  # an acronym («ЖОО», «ЕАЭС»)
            return False
        if any(c.isupper() for c in text[1:]) and not text.isupper():  # «ҚазҰУ», «ТиПО»
            return False
        return word.norm not in self._vocabulary

    def _known(
        self, word: str, primary: Hunspell, other: Hunspell | None, morph: Morphology
    ) -> bool:
        def spelled(w: str) -> bool:
            return primary.known(w) or (other is not None and other.known(w))

        if spelled(word):
            return True
        if "-" in word:
            parts = [p for p in word.split("-") if p]
            if parts and all(spelled(p) or self._stem_known(p, spelled) for p in parts):
                return True
        if self._stem_known(word, spelled):
            return True
        if is_cyrillic(word) and not has_kazakh_letters(word):
            lemmas = morph.russian.lemmas(word)
            if lemmas & self._vocabulary:
                return True
        return False

    def _stem_known(self, word: str, spelled: Callable[[str], bool]) -> bool:
        """A Kazakh form whose stem (endings stripped, derivational suffixes too) is known."""
        capital = word[:1].isupper()

        def accepted(form: str) -> bool:
            return (
                form in self._vocabulary
                or spelled(form)
                or (capital and spelled(form[:1].upper() + form[1:]))
            )

        if any(accepted(s) for s in kazakh_stems(word, min_stem=2, derivational=True)[1:]):
            return True
        # A Russian loanword drops its soft sign before a Kazakh ending and takes front endings
        # («фестиваль» → «фестивалі»): such a stem passes only with its soft sign restored.
        return any(
            accepted(s + "ь")
            for s in kazakh_stems(word, min_stem=2, derivational=True, harmony=False)[1:]
            if s[-1:] in CONSONANTS
        )

    def _suggest(self, word: str, lang: str, dicts: Dictionaries) -> list[str]:
        key = (word, lang)
        if key not in self._suggestions:
            speller = dicts.get(lang)
            self._suggestions[key] = speller.suggest(word)[:3] if speller else []
        return self._suggestions[key]


_SENTENCE_END = frozenset(".!?…\n")
_BEFORE_WORD = frozenset(" \t«»\"“”„'(—–-*")


def _inside_sentence_name(text: str, token: Token) -> bool:
    """A capitalised word («Сайрамского», «Жақсыбеков») that does not start a sentence: a name."""
    word = token.text
    if not word[:1].isupper() or word.isupper():
        return False
    i = token.start - 1
    while i >= 0 and text[i] in _BEFORE_WORD:
        i -= 1
    return i >= 0 and text[i] not in _SENTENCE_END


# -- T115 shouting ----------------------------------------------------------------------------------------------

_ROMAN_RE = re.compile(r"[IVXLCDMХІ]+")
_EXCLAMATION_RE = re.compile(r"!")


class ShoutingSettings(_Settings):
    min_caps_words: int = 3  # this many words in capitals (outside acronyms) is shouting
    min_exclamations: int = 3  # this many exclamation marks in a post is shouting
    caps_min_letters: int = 5  # shorter capitalised words count only if the dictionary knows them
    extra_acronyms: tuple[str, ...] = ()  # the office's own acronyms


SHOUTING_CAPS = Text(
    kk="Постта бас әріппен жазылған сөздер саны: {count} ({words}). Бұл айқай сияқты оқылады: оларды кәдімгі әріппен жазыңыз, маңыздысын сөзбен немесе эмодзимен ерекшелеңіз.",
    ru="Слов заглавными буквами в посте: {count} ({words}). Это читается как крик: напишите их обычными буквами, а главное выделите словами или эмодзи.",
    en="The post has {count} words in capitals ({words}): it reads as shouting. Write them in normal case and stress what matters with words or an emoji.",
)
SHOUTING_EXCLAMATIONS = Text(
    kk="Постта леп белгілерінің саны: {count}. Біреуі жеткілікті: тонды мейірімді әрі сабырлы ұстаңыз.",
    ru="Восклицательных знаков в посте: {count}. Достаточно одного: держите доброжелательный, спокойный тон.",
    en="The post has {count} exclamation marks. One is enough: keep the tone friendly and calm.",
)


class Shouting(Rule):
    code = "T115"
    name = "shouting"
    severity = Severity.WARNING
    Settings = ShoutingSettings
    doc = RuleDoc(
        what=Text(
            kk="Бас әріппен жазылған 3 немесе одан көп сөз (аббревиатуралардан басқа: ҚР, ЖОО, БАҚ, ЕАЭО…) немесе постта 3 не одан көп леп белгісі.",
            ru="Три и более слова ЗАГЛАВНЫМИ буквами (кроме аббревиатур: РК, ВУЗ, СМИ, ЕАЭС…) или три и более восклицательных знака в посте.",
            en="Three or more words in capitals (acronyms such as РК, ВУЗ, СМИ, ЕАЭС aside), or three or more exclamation marks in a post.",
        ),
        why=Text(
            kk="Нұсқаулық еркін, ақпараттық-танымдық, жеңіл әрі мейірімді стильді сұрайды; бас әріп пен леп белгілерінің көптігі айқай болып оқылады.",
            ru="Методичка просит свободный, информационно-познавательный стиль с лёгким, благожелательным юмором; капслок и череда восклицаний читаются как крик.",
            en="The guide asks for a free, informative, light and benevolent style; capitals and strings of exclamation marks read as shouting.",
        ),
        section=SECTION_STYLE,
        quote_kk=STYLE_KK,
        quote_ru=STYLE_RU,
        instead=Text(
            kk="Сөздерді кәдімгі әріппен жазып, бір леп белгісін қалдырыңыз. Кеңсенің өз аббревиатураларын [lint.rules.T115] extra_acronyms тізіміне қосуға болады.",
            ru="Напишите слова обычными буквами и оставьте один восклицательный знак. Свои аббревиатуры офис добавляет в [lint.rules.T115] extra_acronyms.",
            en="Write the words in normal case and keep one exclamation mark. Add the office's acronyms to [lint.rules.T115] extra_acronyms.",
        ),
    )
    message = SHOUTING_CAPS
    must_flag = (
        Example("НАЗАР АУДАРЫҢЫЗ! БАРЛЫҒЫ ФЕСТИВАЛЬГЕ келіңіздер.", language="kk"),
        Example(
            "Келіңіздер! Күтеміз! Кешікпеңіздер!", language="kk", note="three exclamation marks"
        ),
        Example("ВНИМАНИЕ: ВСЕ НА ФЕСТИВАЛЬ в субботу.", language="ru"),
        Example("Ура!!! Мы победили.", language="ru"),
    )
    must_pass = (
        Example("ҚР БҒМ мен ЖОО өкілдері БАҚ алдында сөйледі. Келіңіздер!", language="kk"),
        Example("Представители МВД, ЕАЭС и ООН встретились в ЕНУ. Ждём вас!", language="ru"),
        Example(
            "ХХІ ғасырдағы жастар туралы КИМЭП пен ЕҰУ студенттері айтты.",
            language="kk",
            note="Roman numerals",
        ),
        Example("Ура! Мы победили! Спасибо всем.", language="ru", note="two exclamation marks"),
    )

    def __init__(self, settings: RuleSettings | None = None) -> None:
        super().__init__(settings)
        settings_: ShoutingSettings = self.settings  # type: ignore[assignment]
        self._acronyms = frozenset(
            w.upper() for w in (*data_words("acronyms.txt"), *settings_.extra_acronyms)
        )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings: ShoutingSettings = self.settings  # type: ignore[assignment]
        caps = [w for w in post_words(subject, ctx) if self._shouting(w, ctx, settings)]
        if len(caps) >= settings.min_caps_words:
            yield self.finding(
                span=caps[0].token.span,
                count=len(caps),
                words=", ".join(w.token.text for w in caps[:5]) + ("…" if len(caps) > 5 else ""),
                evidence={
                    "caps_words": [w.token.text for w in caps],
                    "spans": [list(w.token.span) for w in caps],
                    "threshold": settings.min_caps_words,
                },
            )
        text = subject.text
        skip = [m.span() for r in (URL_RE, HASHTAG_RE) for m in r.finditer(text)]
        marks = [
            m.start()
            for m in _EXCLAMATION_RE.finditer(text)
            if not any(a <= m.start() < b for a, b in skip)
        ]
        if len(marks) >= settings.min_exclamations:
            yield self.finding(
                message=SHOUTING_EXCLAMATIONS,
                span=(marks[0], marks[0] + 1),
                count=len(marks),
                evidence={
                    "exclamation_marks": len(marks),
                    "offsets": marks,
                    "threshold": settings.min_exclamations,
                },
            )

    def _shouting(self, word: WordAt, ctx: LintContext, settings: ShoutingSettings) -> bool:
        text = word.token.text
        if not text.isupper():
            return False
        letters = sum(c.isalpha() for c in text)
        if letters < 2 or _ROMAN_RE.fullmatch(text):
            return False
        if text.upper() in self._acronyms or any(
            part in self._acronyms for part in text.split("-")
        ):
            return False
        if letters >= settings.caps_min_letters:
            return True
        if not is_cyrillic(text):
            return False  # a short Latin word in capitals: most likely an acronym (IT, PR)
        dicts = dictionaries(ctx)
        lower = text.lower()
        for lang in ("kk", "ru"):
            speller = dicts.get(lang)
            if speller is not None and (speller.known(lower) or speller.known(lower.capitalize())):
                return True
        return False


RULES: tuple[type[Rule], ...] = (Jargon, Obscene, Bureaucratese, Spelling, Shouting)
