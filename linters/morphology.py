"""Word analysis for the text rules: Russian lemmas, Kazakh stems, paragraph language, Hunspell.

Russian
    `RussianAnalyser` wraps pymorphy3 (with the `pymorphy3-dicts-ru` dictionary, which ships inside
    the wheel: nothing is downloaded). `lemmas(word)` is the set of the normal forms of every parse,
    since a lexicon matcher must not depend on pymorphy's guess between homonyms.

Kazakh
    Kazakh is agglutinative: a noun is stem + plural + possessive + case («кітап-тар-ымыз-дың»), a
    verb is stem + voice + tense/aspect + person («асыр-ыл-ды»). `kazakh_stems(word)` strips these
    layers from the right, one suffix per layer at most, and returns every analysis it finds (the
    word itself first). A suffix is only stripped when

    - the letter before it admits that variant (consonant assimilation: «-лар» after vowels and
      р, у, й; «-дар» after л, м, н, ң, з, ж; «-тар» after voiceless consonants; «-ның» after vowels
      and м, н, ң; «-нда», «-на», «-н» only after a third-person possessive «-ы/-і» …),
    - the vowel of the suffix agrees with the last vowel of the stem (vowel harmony), where the
      stem has a back or front vowel at all (Russian loanwords with only «и» or «у» pass), and
    - at least `min_stem` letters (default 3) remain.

    After a vowel-initial suffix, a stem ending in б/г/ғ also yields its п/к/қ form
    («кітабы» → «кітаб», «кітап»). Single-letter endings that would make ordinary roots ambiguous
    are not stripped: dative «-а/-е», possessive «-м/-ң» after a vowel, the converbs «-а/-е/-й/-п»
    and the passive «-л» (so «шара» never becomes «шар», nor «адам» «ада»). Derivational suffixes
    («-лық», «-шы», «-сыз», «-лы» …) change the word, so they are stripped only on request
    (`derivational=True`, which the spelling rule uses to accept derived words whose base is known).

    `kazakh_stem(word)` is the single, deterministic stem: the greedy path (the longest suffix
    admitted in each layer) unless a `known` predicate (a dictionary) picks another analysis.

Language of a paragraph
    `guess_language(text)` is a small, fast heuristic (Kazakh letters and function words against
    Russian function words). It is the one place the style rules decide a paragraph's language, so
    that it can later be replaced by `linters.language`.

Hunspell
    `Hunspell` is a ctypes binding to the system's libhunspell (Debian: libhunspell-1.7-0), with
    the dictionaries of hunspell-kk and hunspell-ru. One spell check costs a few microseconds; the
    pure-Python spylls costs 50–200 µs a word and 2.5 s to load, too slow for 250 posts a second.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# -- letters ---------------------------------------------------------------------------------------

KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
VOWELS = frozenset("аәеёиоөуұүыіэюя")
BACK_VOWELS = frozenset("аоұыяё")
FRONT_VOWELS = frozenset("әеөүіэ")
SONORANTS = frozenset("лрйузжи")  # after these, the д-variants («-дың», «-дар»…); «и» is [ій]
NASALS = frozenset("мнң")
VOICELESS = frozenset("кқпстфхцчшщбвгд")  # б, в, г, д too: loanwords take «-та» («клубта»)
CONSONANTS = frozenset("бвгғджзйкқлмнңпрстфхһцчшщ")
POSS3 = frozenset("ыі")  # the last letter of a third-person possessive («-ы», «-і», «-сы», «-сі»)
_CYRILLIC_RE = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)


def normalize(word: str) -> str:
    """Lower case, «ё» as «е», typographic apostrophes unified: the form lexicons are compared in."""
    return word.lower().replace("ё", "е").replace("’", "'")


def has_kazakh_letters(word: str) -> bool:
    return not KAZAKH_LETTERS.isdisjoint(word)


def is_cyrillic(word: str) -> bool:
    """Whether `word` has at least one Cyrillic letter (Russian or Kazakh)."""
    return bool(_CYRILLIC_RE.search(word))


# -- the Kazakh stemmer ------------------------------------------------------------------------------

V = VOWELS
VS = VOWELS | SONORANTS | NASALS
ANY = VOWELS | CONSONANTS
AFTER_C = CONSONANTS | frozenset(
    "уи"
)  # «у» [w] and «и» [ій] end like consonants: «оқу-ы», «әліпби-і»

# Each layer: (suffix, letters allowed right before it). Longest first inside a layer.
_CASE: tuple[tuple[str, frozenset[str]], ...] = (
    ("ндағы", POSS3), ("ндегі", POSS3),  # locative-attributive
    ("дағы", VS), ("дегі", VS), ("тағы", VOICELESS), ("тегі", VOICELESS),
    ("ның", V | NASALS), ("нің", V | NASALS),  # genitive
    ("дың", SONORANTS), ("дің", SONORANTS), ("тың", VOICELESS), ("тің", VOICELESS),
    ("нан", NASALS | POSS3), ("нен", NASALS | POSS3),  # ablative
    ("дан", V | SONORANTS), ("ден", V | SONORANTS), ("тан", VOICELESS), ("тен", VOICELESS),
    ("мен", V | frozenset("лрйу")), ("бен", frozenset("зж") | NASALS),  # instrumental
    ("пен", VOICELESS),
    ("нда", POSS3), ("нде", POSS3),  # locative
    ("да", VS), ("де", VS), ("та", VOICELESS), ("те", VOICELESS),
    ("ға", VS), ("ге", VS), ("қа", VOICELESS), ("ке", VOICELESS),  # dative
    ("на", POSS3), ("не", POSS3),
    ("ны", V), ("ні", V),  # accusative (also past tense «-ды/-ты» of verbs)
    ("ды", SONORANTS | NASALS), ("ді", SONORANTS | NASALS),
    ("ты", VOICELESS), ("ті", VOICELESS),
    ("н", POSS3),
)  # fmt: skip
_POSSESSIVE: tuple[tuple[str, frozenset[str]], ...] = (
    ("ымыз", AFTER_C), ("іміз", AFTER_C), ("мыз", V), ("міз", V),
    ("ыңыз", AFTER_C), ("іңіз", AFTER_C), ("ңыз", V), ("ңіз", V),
    ("ым", AFTER_C), ("ім", AFTER_C), ("ың", AFTER_C), ("ің", AFTER_C),
    ("сы", V), ("сі", V), ("ы", AFTER_C), ("і", AFTER_C),
)  # fmt: skip
_PLURAL: tuple[tuple[str, frozenset[str]], ...] = (
    ("лар", V | frozenset("руй")), ("лер", V | frozenset("руй")),
    ("дар", frozenset("лмнңзж")), ("дер", frozenset("лмнңзж")),
    ("тар", VOICELESS), ("тер", VOICELESS),
)  # fmt: skip
_TENSE: tuple[tuple[str, frozenset[str]], ...] = (
    ("атын", CONSONANTS), ("етін", CONSONANTS), ("йтын", V), ("йтін", V),  # habitual participle
    ("ған", VS), ("ген", VS), ("қан", VOICELESS), ("кен", VOICELESS),  # past participle
    ("ады", CONSONANTS), ("еді", CONSONANTS), ("йды", V), ("йді", V),  # present, 3rd person
    ("мақ", VS), ("мек", VS), ("бақ", frozenset("зж")), ("бек", frozenset("зж")),
    ("пақ", VOICELESS), ("пек", VOICELESS),
    ("ып", CONSONANTS), ("іп", CONSONANTS),  # converb
    ("у", ANY),  # verbal noun («асыру», «оқу»)
)  # fmt: skip
# Verb endings that are only stripped in loose mode (`derivational=True`, for the spelling rule):
# negation, converbs and the conditional would make ordinary roots ambiguous («шара» → «шар»).
_NEG_BACK = ("йтын", "йды", "ған", "у", "й", "с", "")
_NEG_FRONT = ("йтін", "йді", "ген", "у", "й", "с", "")
_NEGATIONS = (
    ("ма", V | frozenset("лрйу"), _NEG_BACK), ("ме", V | frozenset("лрйу"), _NEG_FRONT),
    ("ба", frozenset("зж") | NASALS, _NEG_BACK), ("бе", frozenset("зж") | NASALS, _NEG_FRONT),
    ("па", VOICELESS, _NEG_BACK), ("пе", VOICELESS, _NEG_FRONT),
)  # fmt: skip
_TENSE_LOOSE: tuple[tuple[str, frozenset[str]], ...] = (
    *((neg + end, before) for neg, before, ends in _NEGATIONS for end in ends),
    ("тын", frozenset("и")), ("тін", frozenset("и")),  # «оқи-тын» (оқы + йтын)
    ("са", ANY), ("се", ANY),  # conditional
    ("а", CONSONANTS), ("е", CONSONANTS), ("й", V),  # converb / present stem
)  # fmt: skip
_VOICE: tuple[tuple[str, frozenset[str]], ...] = (
    ("ыл", CONSONANTS),
    ("іл", CONSONANTS),  # passive («асыр-ыл-ды»)
)
_DERIVATIONAL: tuple[tuple[str, frozenset[str]], ...] = (
    ("шылық", ANY), ("шілік", ANY),
    ("лық", VS), ("лік", VS), ("дық", VS), ("дік", VS), ("тық", VOICELESS), ("тік", VOICELESS),
    ("сыз", ANY), ("сіз", ANY),
    ("шы", ANY), ("ші", ANY),
    ("лы", VS), ("лі", VS), ("ды", VS), ("ді", VS), ("ты", VOICELESS), ("ті", VOICELESS),
    ("ғы", VS), ("гі", VS), ("қы", VOICELESS), ("кі", VOICELESS),
    ("лау", VS), ("леу", VS), ("дау", VS), ("деу", VS), ("тау", VOICELESS), ("теу", VOICELESS),
    ("лан", VS), ("лен", VS), ("дан", VS), ("ден", VS), ("тан", VOICELESS), ("тен", VOICELESS),
    ("ша", ANY), ("ше", ANY),
    ("гер", VS), ("кер", VOICELESS),  # «заңгер»
    ("тану", ANY),  # «мәдениеттану», «дінтану»
)  # fmt: skip

# The layers, right to left. VOICE is only tried after a TENSE ending or a case ending that is
# homonymous with the past tense («-ды/-ді/-ты/-ті»), so that «қызыл» (red) never loses «-ыл».
_LAYERS = ("case", "possessive", "plural", "tense", "voice")
_TABLE = {
    "case": _CASE,
    "possessive": _POSSESSIVE,
    "plural": _PLURAL,
    # loose: «экономист-ер», «репост-ар»: the т of «-тер» merges into a stem ending in «ст»
    "plural_loose": (*_PLURAL, ("ер", frozenset("т")), ("ар", frozenset("т"))),
    "tense": _TENSE,
    "tense_loose": _TENSE + _TENSE_LOOSE,
    "voice": _VOICE,
    "derivational": _DERIVATIONAL,
}
# each table indexed by the suffixes' last letter, keeping the longest-first order
_BY_LAST: dict[str, dict[str, list[tuple[str, frozenset[str]]]]] = {
    layer: {last: [(s, b) for s, b in table if s[-1] == last] for last in {s[-1] for s, _ in table}}
    for layer, table in _TABLE.items()
}
_PAST_LIKE = frozenset(("ды", "ді", "ты", "ті"))
_INVARIANT = frozenset(("мен", "бен", "пен", "гер", "кер", "тану"))  # no vowel harmony
_AFTER_I = frozenset(("тын", "тін", "ды", "ді"))  # «оқы» + «йтын» is written «оқитын»
_ALTERNATION = {"б": "п", "г": "к", "ғ": "қ"}


def _harmony(text: str) -> str | None:
    """'back' or 'front' for the last vowel of `text`; None when it is «и», «у» or «ю», which
    take either («механизм-дер», «тарих-тың»), or when there is no vowel."""
    if text.endswith("ь"):
        return "front"
    for char in reversed(text):
        if char in BACK_VOWELS:
            return "back"
        if char in FRONT_VOWELS:
            return "front"
        if char in VOWELS:
            return None
    return None


def _fits(
    stem: str, suffix: str, before: frozenset[str], min_stem: int, harmony: bool = True
) -> bool:
    if len(stem) < min_stem or not stem:
        return False
    last = stem[-1]
    if last in "ьъ" and len(stem) > 1:
        last = stem[-2]
    if last not in before:
        return False
    if not harmony or suffix in _INVARIANT:
        return True
    wanted = _harmony(suffix)
    have = _harmony(stem)
    return wanted is None or have is None or wanted == have


def _strip_layer(
    stem: str, layer: str, min_stem: int, harmony: bool = True
) -> Iterator[tuple[str, str]]:  # (remaining stem, suffix)
    for suffix, before in _BY_LAST[layer].get(stem[-1:], ()):
        if stem.endswith(suffix):
            rest = stem[: -len(suffix)]
            if _fits(rest, suffix, before, min_stem, harmony):
                yield rest, suffix


def _variants(rest: str, suffix: str, min_stem: int) -> list[str]:
    """The stem, plus its п/к/қ form after a vowel-initial suffix («кітаб-ы» → «кітап»), and its
    «ы/і» form where «ы/і» + «й…» was written «и» («оқи-тын», «оқи-ды» → «оқы»)."""
    out = [rest]
    if suffix[0] in VOWELS and rest and rest[-1] in _ALTERNATION and len(rest) >= min_stem:
        out.append(rest[:-1] + _ALTERNATION[rest[-1]])
    if suffix in _AFTER_I and rest.endswith("и") and len(rest) > min_stem:
        out += [rest[:-1] + "ы", rest[:-1] + "і"]
    return out


def _analyses(
    word: str, min_stem: int, derivational: bool, harmony: bool = True
) -> list[tuple[str, int]]:
    """Every (stem, depth) reachable by stripping layers right to left; the greedy path first."""
    layers = (
        (
            "case",
            "possessive",
            "plural_loose",
            "tense_loose",
            "voice",
            "derivational",
            "derivational",
        )
        if derivational
        else _LAYERS
    )
    out: list[tuple[str, int]] = [(word, 0)]
    seen = {word}
    # a state: (stem, index of the next layer to try, whether VOICE is allowed, depth)
    stack: list[tuple[str, int, bool, int]] = [(word, 0, False, 0)]
    while stack:
        stem, start, voice_ok, depth = stack.pop(0)
        for index in range(start, len(layers)):
            layer = layers[index]
            if layer == "voice" and not voice_ok:
                continue
            for rest, suffix in _strip_layer(stem, layer, min_stem, harmony):
                allows_voice = layer.startswith("tense") or (
                    layer == "case" and suffix in _PAST_LIKE
                )
                for variant in _variants(rest, suffix, min_stem):
                    if variant not in seen:
                        seen.add(variant)
                        out.append((variant, depth + 1))
                    stack.append((variant, index + 1, allows_voice, depth + 1))
    return out


def kazakh_stems(
    word: str, *, min_stem: int = 3, derivational: bool = False, harmony: bool = True
) -> tuple[str, ...]:
    """Every candidate stem of a Kazakh word form, the normalised word itself first.

    A hyphenated word («іс-шаралар») is analysed on its last part and keeps the rest.
    `harmony=False` ignores vowel harmony: Russian loanwords that lost a soft sign take front
    endings after a back vowel («фестиваль» → «фестивалі»); use it only to test such stems.
    """
    norm = normalize(word)
    head, sep, last = norm.rpartition("-")
    if not last:
        return (norm,)
    stems = [stem for stem, _ in _analyses(last, min_stem, derivational, harmony)]
    return tuple(head + sep + stem for stem in stems)


def kazakh_stem(word: str, *, min_stem: int = 3, known: Callable[[str], bool] | None = None) -> str:
    """One stem for `word`: of the analyses that strip the most layers (among those a `known`
    dictionary accepts, when one is given), the shortest, except that a stem ending in «ы/і» loses
    to a longer one («облыс-ы», not «облы-сы»; but «оқушы-сы» needs the dictionary), and that the
    п/к/қ form wins over б/г/ғ («құндылығ-ын» → «құндылық»)."""
    norm = normalize(word)
    head, sep, last = norm.rpartition("-")
    if not last:
        return norm
    analyses = _analyses(last, min_stem, False)
    if known is not None:
        accepted = [(s, d) for s, d in analyses if known(head + sep + s)]
        analyses = accepted or analyses
    deepest = max(d for _, d in analyses)
    best = min(
        (s for s, d in analyses if d == deepest),
        key=lambda s: (s[-1:] in POSS3 and deepest > 0, len(s), s[-1:] in _ALTERNATION),
    )
    return head + sep + best


# -- Russian -------------------------------------------------------------------------------------------


class RussianAnalyser:
    """pymorphy3 with a per-engine cache. Without pymorphy3 every word is its own lemma."""

    def __init__(self) -> None:
        try:
            import pymorphy3

            self._morph: Any = pymorphy3.MorphAnalyzer(lang="ru")
            self.available = True
        except Exception:  # not installed, or its dictionary is missing
            self._morph = None
            self.available = False
        self._lemmas: dict[str, frozenset[str]] = {}
        self._first: dict[str, str] = {}

    def lemmas(self, word: str) -> frozenset[str]:
        """The normal forms of every parse of `word` (normalised), and the word itself."""
        norm = normalize(word)
        cached = self._lemmas.get(norm)
        if cached is None:
            forms = {norm}
            if self._morph is not None:
                parses = self._morph.parse(norm)
                forms.update(normalize(p.normal_form) for p in parses)
                self._first[norm] = normalize(parses[0].normal_form) if parses else norm
            cached = frozenset(forms)
            _bounded_put(self._lemmas, norm, cached)
        return cached

    def lemma(self, word: str) -> str:
        """The normal form of the most probable parse."""
        norm = normalize(word)
        if norm not in self._first:
            self.lemmas(norm)
        return self._first.get(norm, norm)

    def is_known(self, word: str) -> bool:
        return self._morph is not None and bool(self._morph.word_is_known(normalize(word)))


_CACHE_LIMIT = 200_000


def _bounded_put(cache: dict[str, Any], key: str, value: Any) -> None:
    """A long-running desk must not grow a word cache without bound: start over past the limit."""
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    cache[key] = value


class Morphology:
    """Lemmas and stems with caches: one per engine (`ctx.resources.get(RESOURCE_KEY, Morphology)`)."""

    RESOURCE_KEY = "morphology"

    def __init__(self, min_stem: int = 3) -> None:
        self.min_stem = min_stem
        self._ru: RussianAnalyser | None = None
        self._stems: dict[str, tuple[str, ...]] = {}

    @property
    def russian(self) -> RussianAnalyser:
        if self._ru is None:
            self._ru = RussianAnalyser()
        return self._ru

    def stems(self, word: str) -> tuple[str, ...]:
        norm = normalize(word)
        cached = self._stems.get(norm)
        if cached is None:
            cached = kazakh_stems(norm, min_stem=self.min_stem)
            _bounded_put(self._stems, norm, cached)
        return cached

    def keys(self, word: str, lang: str | None) -> frozenset[str]:
        """What a lexicon entry may match in `word`: Russian lemmas, Kazakh stems, or both."""
        norm = normalize(word)
        if not is_cyrillic(norm):
            return frozenset((norm,))
        if lang == "ru":
            return self.russian.lemmas(norm)
        if lang == "kk":
            return frozenset(self.stems(norm))
        return self.russian.lemmas(norm) | frozenset(self.stems(norm))

    def entry_keys(self, word: str, lang: str) -> frozenset[str]:
        """The key(s) of a lexicon word in `lang`: its most probable lemma, or its Kazakh stems'
        deepest form. Matching is `entry_keys(entry) & keys(token)`."""
        norm = normalize(word)
        if not is_cyrillic(norm):
            return frozenset((norm,))
        if lang == "ru":
            return frozenset((self.russian.lemma(norm),))
        return frozenset((kazakh_stem(norm, min_stem=self.min_stem),))


# -- the language of a paragraph -------------------------------------------------------------------

# Frequent Kazakh words with no Kazakh-only letter, and frequent Russian function words.
KAZAKH_MARKERS = frozenset(
    [
        "мен",
        "бен",
        "пен",
        "деп",
        "осы",
        "сол",
        "бар",
        "бойынша",
        "туралы",
        "немесе",
        "сияқты",
        "болып",
        "бола",
        "болса",
        "бе",
        "ма",
        "ме",
        "па",
        "пе",
        "жаса",
        "жасау",
        "арасында",
        "атты",
        "деген",
        "дейін",
        "кейін",
        "соң",
        "тек",
        "бірақ",
        "мұнда",
        "сонда",
        "онда",
        "оны",
        "оның",
        "жоқ",
    ]
)
RUSSIAN_MARKERS = frozenset(
    [
        "и",
        "в",
        "во",
        "на",
        "с",
        "со",
        "по",
        "для",
        "не",
        "что",
        "это",
        "как",
        "из",
        "от",
        "к",
        "ко",
        "о",
        "об",
        "за",
        "у",
        "же",
        "мы",
        "вы",
        "он",
        "она",
        "они",
        "при",
        "также",
        "а",
        "но",
        "или",
        "все",
        "всё",
        "его",
        "ее",
        "её",
        "их",
        "был",
        "была",
        "были",
        "будет",
        "есть",
        "этот",
        "эта",
        "эти",
        "так",
        "уже",
        "еще",
        "ещё",
        "только",
        "который",
        "которые",
        "которая",
        "чтобы",
        "если",
        "когда",
        "где",
        "то",
        "бы",
        "мы",
        "нас",
        "вас",
        "наш",
        "наши",
        "ваш",
    ]
)
_PARAGRAPH_RE = re.compile(r"\S(?:.|\n(?![ \t]*\n))*")
_WORDISH_RE = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
_CYRILLIC_SET = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі")
_KAZAKH_SET = frozenset("әғқңөұүһі")
_RUSSIAN_ONLY_SET = frozenset("щъё")


def _language_counts(text: str) -> tuple[int, int]:
    """(Kazakh signals, Russian signals) in `text`."""
    kk = ru = 0
    for word in _WORDISH_RE.findall(text.lower()):
        if _CYRILLIC_SET.isdisjoint(word):
            continue
        if not _KAZAKH_SET.isdisjoint(word) or word in KAZAKH_MARKERS:
            kk += 1
        elif word in RUSSIAN_MARKERS or not _RUSSIAN_ONLY_SET.isdisjoint(word):
            ru += 1
    return kk, ru


def _decide(kk: int, ru: int, fallback: str | None) -> str | None:
    if kk > ru:
        return "kk"
    if ru > kk:
        return "ru"
    return fallback if fallback in ("kk", "ru") else None


def guess_language(text: str, declared: str | None = None) -> str | None:
    """'kk' or 'ru' for a piece of text, `declared` when the text says nothing, else None.

    Kazakh signals: words with a Kazakh-only letter, and KAZAKH_MARKERS. Russian signals:
    RUSSIAN_MARKERS and words with «щ», «ъ» or «ё». The larger count wins. This is the one place the
    style rules decide a language; swap it for `linters.language` when that is wanted.
    """
    return _decide(*_language_counts(text), declared)


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    lang: str | None


def paragraphs(text: str, declared: str | None = None) -> tuple[Paragraph, ...]:
    """Blank-line separated paragraphs with their languages. A paragraph that says nothing takes
    the language of the whole post (or the declared one)."""
    spans = [(m.start(), m.end()) for m in _PARAGRAPH_RE.finditer(text)]
    counts = [_language_counts(text[a:b]) for a, b in spans]
    post = _decide(sum(c[0] for c in counts), sum(c[1] for c in counts), declared)
    return tuple(
        Paragraph(a, b, _decide(kk, ru, post))
        for (a, b), (kk, ru) in zip(spans, counts, strict=True)
    )


# -- Hunspell ------------------------------------------------------------------------------------------

DICTIONARY_NAMES = {"kk": ("kk_KZ", "kk"), "ru": ("ru_RU", "ru")}
DICTIONARY_DIRS = (
    "/usr/share/hunspell",
    "/usr/share/myspell",
    "/usr/share/myspell/dicts",
    "/usr/local/share/hunspell",
    "/opt/homebrew/share/hunspell",
    "/Library/Spelling",
)
LIBRARY_NAMES = (
    "libhunspell-1.7.so.0",
    "libhunspell-1.7.so",
    "libhunspell.so",
    "libhunspell-1.7.0.dylib",
    "libhunspell-1.7.dylib",
)


class SpellingUnavailable(Exception):
    """Why a Hunspell dictionary could not be loaded (the message is shown to the user)."""


def find_dictionary(lang: str, dirs: Sequence[str] = ()) -> tuple[Path, Path] | None:
    """The (.aff, .dic) pair of `lang`: in `dirs` only when given, else in $DICPATH and the
    system's dictionary folders."""
    search = list(dirs) or [*os.environ.get("DICPATH", "").split(os.pathsep), *DICTIONARY_DIRS]
    for folder in search:
        if not folder:
            continue
        for name in DICTIONARY_NAMES.get(lang, (lang,)):
            aff, dic = Path(folder, name + ".aff"), Path(folder, name + ".dic")
            if aff.is_file() and dic.is_file():
                return aff, dic
    return None


_LIST_P = ctypes.POINTER(ctypes.POINTER(ctypes.c_char_p))


def _load_library() -> Any:
    names = list(LIBRARY_NAMES)
    found = ctypes.util.find_library("hunspell-1.7") or ctypes.util.find_library("hunspell")
    if found:
        names.insert(0, found)
    for name in names:
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        lib.Hunspell_create.restype = ctypes.c_void_p
        lib.Hunspell_create.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
        lib.Hunspell_destroy.argtypes = [ctypes.c_void_p]
        lib.Hunspell_spell.restype = ctypes.c_int
        lib.Hunspell_spell.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        lib.Hunspell_get_dic_encoding.restype = ctypes.c_char_p
        lib.Hunspell_get_dic_encoding.argtypes = [ctypes.c_void_p]
        lib.Hunspell_suggest.restype = ctypes.c_int
        lib.Hunspell_suggest.argtypes = [ctypes.c_void_p, _LIST_P, ctypes.c_char_p]
        lib.Hunspell_free_list.argtypes = [ctypes.c_void_p, _LIST_P, ctypes.c_int]
        return lib
    raise SpellingUnavailable(
        "libhunspell is not installed (Debian: apt-get install libhunspell-1.7-0)"
    )


class Hunspell:
    """One Hunspell dictionary through libhunspell. `known(word)` never raises."""

    def __init__(self, aff: Path, dic: Path, lang: str) -> None:
        self.lang = lang
        self.path = dic
        self._lib = _load_library()
        handle = self._lib.Hunspell_create(os.fsencode(aff), os.fsencode(dic))
        if not handle:
            raise SpellingUnavailable(f"libhunspell could not load {dic}")
        self._handle = handle
        raw = self._lib.Hunspell_get_dic_encoding(handle) or b"UTF-8"
        self.encoding = _python_codec(raw.decode("ascii", "replace"))
        self._finalizer = weakref.finalize(self, self._lib.Hunspell_destroy, handle)

    def known(self, word: str) -> bool:
        try:
            data = word.encode(self.encoding)
        except (UnicodeEncodeError, LookupError):
            return False
        if not data or b"\x00" in data or len(data) > 400:
            return False
        return bool(self._lib.Hunspell_spell(self._handle, data))

    def suggest(self, word: str) -> list[str]:
        """Hunspell's suggestions, best first (slow: 20–90 ms a word). Never raises."""
        try:
            data = word.encode(self.encoding)
        except (UnicodeEncodeError, LookupError):
            return []
        if not data or b"\x00" in data or len(data) > 400:
            return []
        items = ctypes.POINTER(ctypes.c_char_p)()
        count = self._lib.Hunspell_suggest(self._handle, ctypes.byref(items), data)
        try:
            return [items[i].decode(self.encoding, "replace") for i in range(count)]
        finally:
            if count > 0:
                self._lib.Hunspell_free_list(self._handle, ctypes.byref(items), count)

    def close(self) -> None:
        self._finalizer()


def _python_codec(name: str) -> str:
    name = name.strip().upper()
    aliases = {"MICROSOFT-CP1251": "cp1251", "ISO8859-1": "latin-1", "KOI8-R": "koi8_r"}
    return aliases.get(name, name.lower())


def load_hunspell(lang: str, dirs: Sequence[str] = ()) -> Hunspell:
    """The dictionary of `lang` (see `find_dictionary`), or SpellingUnavailable saying what is
    missing and how to install it."""
    found = find_dictionary(lang, dirs)
    if found is None:
        package = {"kk": "hunspell-kk", "ru": "hunspell-ru"}.get(lang, f"hunspell-{lang}")
        names = "/".join(n + ".dic" for n in DICTIONARY_NAMES.get(lang, (lang,)))
        where = ", ".join(dirs or ("$DICPATH", *DICTIONARY_DIRS[:3]))
        raise SpellingUnavailable(
            f"no Hunspell dictionary for '{lang}' ({names} in {where}; "
            f"Debian: apt-get install {package})"
        )
    return Hunspell(*found, lang=lang)


class Dictionaries:
    """The kk and ru Hunspell dictionaries of one engine, each loaded at most once.

    `get(lang)` returns the dictionary or None; `problem(lang)` says why it is None.
    """

    def __init__(self, dirs: Iterable[str] = ()) -> None:
        self.dirs = tuple(dirs)  # empty: $DICPATH and the system's folders
        self._loaded: dict[str, Hunspell | None] = {}
        self._problems: dict[str, str] = {}

    def get(self, lang: str) -> Hunspell | None:
        if lang not in self._loaded:
            try:
                self._loaded[lang] = load_hunspell(lang, self.dirs)
            except SpellingUnavailable as exc:
                self._loaded[lang] = None
                self._problems[lang] = str(exc)
            except Exception as exc:  # a broken file must not take a rule down
                self._loaded[lang] = None
                self._problems[lang] = f"{type(exc).__name__}: {exc}"
        return self._loaded[lang]

    def problem(self, lang: str) -> str | None:
        self.get(lang)
        return self._problems.get(lang)
