"""K203 kazakh-letters-replaced, and the Kazakh lexicon it reads.

The lexicon has two parts:

- `linters/data/kk_seed_words.txt`: every Cyrillic word form of the Kazakh seed texts (the four
  concept papers and the Kazakh half of the guide) with its count. It is the programme's own
  vocabulary («Рухани жаңғыру», «Туған жер», «қазақстандық»…) and ships with the code. Rebuild it
  with `python -m linters.rules.kazakh_letters build-lexicon ../shared/seeds`.
- the Kazakh Hunspell dictionary (Debian package `hunspell-kk`, /usr/share/hunspell/kk_KZ.*),
  54,000 stems with one level of suffixes. It is read where it is installed (the path is a setting)
  and skipped where it is not; the rule then works from the seed words alone.

Both are indexed by a *key* in which every Kazakh letter and its usual substitute are one letter
(қ/к, ғ/г, ң/н, ө/о, ұ/ү/у, і/и/Latin i, ә/а, һ/х, and the Latin look-alikes a c e o p x y k h).
A typed word is looked up by its key; Hunspell forms are generated on demand by stripping suffixes,
so the million inflected forms are never held in memory.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from linters.context import LintContext
from linters.findings import Finding, Severity
from linters.language import Detection, blank_out, post_language
from linters.rule import Example, Rule, RuleDoc, RuleSettings
from linters.subject import Subject
from linters.text_tools import WORD_RE
from posts.i18n import Text

DATA = Path(__file__).resolve().parents[1] / "data"
SEED_WORDS = DATA / "kk_seed_words.txt"
HUNSPELL_KK = "/usr/share/hunspell/kk_KZ"
RESOURCE_KEY = "kazakh-lexicon"

KAZAKH_ONLY = frozenset("әғқңөұүһі")
# A Kazakh letter and what it is typed as without a Kazakh layout share one key letter.
_KEY = str.maketrans(
    {
        "қ": "к",
        "ғ": "г",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
        "ә": "а",
        # Latin letters that look like Cyrillic ones («Тугaн» with a Latin a)
        "a": "а",
        "c": "с",
        "e": "е",
        "o": "о",
        "p": "р",
        "x": "х",
        "y": "у",
        "i": "и",
        "k": "к",
        "h": "х",
    }
)
_SUBSTITUTES = frozenset("кгноуиах")
_CYRILLIC_RE = re.compile(r"[а-яёәғқңөұүһі]")
_LATIN_RE = re.compile(r"[a-z]")


def key(word: str) -> str:
    """The lookup key of a lower-case word: Kazakh letters and their substitutes coincide."""
    return word.translate(_KEY)


@dataclass(frozen=True)
class _Suffix:
    flag: str
    strip: str
    affix: str
    condition: re.Pattern[str]


@dataclass
class KazakhLexicon:
    """Known Kazakh word forms, looked up by key."""

    seed: dict[str, int] = field(default_factory=dict)  # form -> count in the seed texts
    sources: tuple[str, ...] = ()
    _seed_by_key: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _stems: dict[str, list[tuple[str, str]]] = field(default_factory=dict, repr=False)
    _suffixes: dict[str, list[_Suffix]] = field(default_factory=dict, repr=False)
    _max_suffix: int = 0
    _cache: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    # -- building ----------------------------------------------------------------------------

    @classmethod
    def load(
        cls,
        seed_path: Path | None = SEED_WORDS,
        hunspell: str | None = HUNSPELL_KK,
        extra: Iterable[str] = (),
    ) -> KazakhLexicon:
        lexicon = cls()
        sources = []
        if seed_path is not None and seed_path.exists():
            for line in seed_path.read_text(encoding="utf-8").splitlines():
                form, _, count = line.partition("\t")
                if form and not form.startswith("#"):
                    lexicon.add(form, int(count) if count.isdigit() else 1)
            sources.append("seed")
        for form in extra:
            lexicon.add(form.lower(), 1)
        if hunspell:
            aff, dic = Path(hunspell + ".aff"), Path(hunspell + ".dic")
            if aff.exists() and dic.exists():
                try:
                    lexicon.add_hunspell(aff, dic)
                    sources.append("hunspell")
                except (OSError, re.error, ValueError):  # a broken dictionary: seed words only
                    lexicon._stems.clear()
                    lexicon._suffixes.clear()
        lexicon.sources = tuple(sources)
        return lexicon

    def add(self, form: str, count: int = 1) -> None:
        if form not in self.seed:
            self._seed_by_key.setdefault(key(form), []).append(form)
        self.seed[form] = self.seed.get(form, 0) + count

    def add_hunspell(self, aff: Path, dic: Path) -> None:
        """Read a Hunspell dictionary with suffix rules (the only kind kk_KZ.aff has)."""
        conditions: dict[str, re.Pattern[str]] = {}
        for line in _lines(aff):
            parts = line.split()
            if len(parts) < 5 or parts[0] != "SFX":
                continue
            flag, strip, affix, cond = parts[1], parts[2], parts[3].split("/")[0], parts[4]
            strip = "" if strip == "0" else strip
            affix = "" if affix == "0" else affix
            if cond not in conditions:
                conditions[cond] = re.compile(("" if cond == "." else f"(?:{cond})") + r"\Z")
            self._suffixes.setdefault(key(affix), []).append(
                _Suffix(flag, strip, affix, conditions[cond])
            )
            self._max_suffix = max(self._max_suffix, len(affix))
        lines = _lines(dic)
        if lines and lines[0].strip().isdigit():
            lines = lines[1:]
        for line in lines:
            stem, _, flags = line.strip().partition("/")
            if stem:
                stem = stem.lower()
                self._stems.setdefault(key(stem), []).append((stem, flags))

    # -- looking up --------------------------------------------------------------------------

    def forms(self, word: str) -> frozenset[str]:
        """Every known form with the same key as the lower-case `word` (the word itself too,
        when it is known)."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        k = key(word)
        found = set(self._seed_by_key.get(k, ()))
        for stem, _ in self._stems.get(k, ()):
            found.add(stem)
        for i in range(max(1, len(k) - self._max_suffix), len(k)):
            for rule in self._suffixes.get(k[i:], ()):
                for stem, flags in self._stems.get(k[:i] + key(rule.strip), ()):
                    if (
                        rule.flag in flags
                        and stem.endswith(rule.strip)
                        and rule.condition.search(stem)
                    ):
                        found.add(stem[: len(stem) - len(rule.strip)] + rule.affix)
        result = frozenset(found)
        if len(self._cache) > 100_000:
            self._cache.clear()
        self._cache[word] = result
        return result

    def is_known(self, word: str) -> bool:
        return word in self.seed or word in self.forms(word)

    def suspect(self, word: str) -> list[str]:
        """Known forms that `word` (lower case) looks like a typing of, best first; empty when
        `word` is fine as typed. A word of the seed texts is always fine; a word only the
        dictionary knows is fine unless a seed word competes with it («казак», which Hunspell
        lists, loses to the programme's «қазақ»); so is a word that already has Kazakh letters.
        """
        if word in self.seed:
            return []
        restored = self.restorations(word)
        if not restored:
            return []
        if not KAZAKH_ONLY.isdisjoint(word) or word in self.forms(word):
            # The typist had Kazakh letters (a missed one is a typo, and Hunspell lacks many
            # inflections such as «-ын/-ін», so «толқынын» would read as «толқының»), or the
            # dictionary knows the word as typed: only the programme's own words count then.
            restored = [form for form in restored if form in self.seed]
        # A final «ң» alone is weak evidence: Hunspell has the possessive «-ың/-ің» but not the
        # far more common accusative «-ын/-ін», so «форматын» would read as «форматың».
        return [
            form
            for form in restored
            if form in self.seed or _replaced_positions(word, form) != [len(form) - 1]
        ]

    def restorations(self, word: str) -> list[str]:
        """Known forms that put back Kazakh letters where `word` has substitutes, best first:
        the programme's own words (by how often the seed texts use them) before dictionary ones."""
        found = [form for form in self.forms(word) if form != word and _restores(word, form)]
        return sorted(found, key=lambda f: (-self.seed.get(f, 0), f))


def _restores(typed: str, form: str) -> bool:
    """`form` has a Kazakh letter where `typed` has a substitute, and keeps every Kazakh letter
    that `typed` already has."""
    if len(typed) != len(form):
        return False
    restored = False
    for t, f in zip(typed, form, strict=True):
        if t in KAZAKH_ONLY and t != f:
            return False
        if f in KAZAKH_ONLY and t != f:
            restored = True
    return restored


def _replaced_positions(typed: str, form: str) -> list[int]:
    return [
        i for i, (t, f) in enumerate(zip(typed, form, strict=True)) if t != f and f in KAZAKH_ONLY
    ]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig", errors="replace").splitlines()


def match_case(typed: str, form: str) -> str:
    """`form` written with the capitals of `typed` («ТУГАН» → «ТУҒАН», «Туган» → «Туған»)."""
    if typed.isupper() and len(typed) > 1:
        return form.upper()
    return "".join(f.upper() if t.isupper() else f for t, f in zip(typed, form, strict=False))


# -- the rule ---------------------------------------------------------------------------------

CLEAN_LANGUAGE_KK = "«...тіл тазалығын сақтаған, тіл мүкістігі бар сөздерді қолданбау... маңызды.»"
CLEAN_LANGUAGE_RU = "«Важно соблюдать чистоту языка, ... не употреблять косноязычные слова...»"


class KazakhLettersSettings(RuleSettings):
    min_letters: int = 3
    """Shorter words are left alone: «он», «ас» are words either way."""
    min_kazakh_confidence: float = 0.5
    """The paragraph (or, for short paragraphs, the post) must be detected as Kazakh with at
    least this confidence; Russian text is never checked, so «казак» in a Russian post passes."""
    hunspell: str | None = HUNSPELL_KK
    """Path of the Kazakh Hunspell dictionary without .aff/.dic; empty: seed words only."""
    words: tuple[str, ...] = ()
    """The office's own words that are right as typed (names, loanwords)."""


class KazakhLettersReplaced(Rule):
    code = "K203"
    name = "kazakh-letters-replaced"
    severity = Severity.WARNING
    Settings = KazakhLettersSettings
    doc = RuleDoc(
        what=Text(
            kk="Қазақ әріптерінің орнына орыс немесе латын әріптері терілген қазақ сөзі (қ→к, ғ→г, "
            "ң→н, ө→о, ұ/ү→у, і→и, ә→а, һ→х), егер қазақ әріптерімен жазылған түрі белгілі сөз "
            "болса: «казак» — «қазақ», «Туган жер» — «Туған жер». Тек қазақша деп анықталған "
            "абзацтар тексеріледі.",
            ru="Казахское слово, набранное с русскими или латинскими буквами вместо казахских (қ→к, "
            "ғ→г, ң→н, ө→о, ұ/ү→у, і→и, ә→а, һ→х), если форма с казахскими буквами — известное "
            "слово: «казак» вместо «қазақ», «Туган жер» вместо «Туған жер». Проверяются только "
            "абзацы, определённые как казахские.",
            en="A Kazakh word typed with Russian or Latin letters in place of Kazakh ones (қ→к, "
            "ғ→г, ң→н, ө→о, ұ/ү→у, і→и, ә→а, һ→х) where the form with the Kazakh letters is a "
            "known word: 'казак' for 'қазақ', 'Туган жер' for 'Туған жер'. Only paragraphs "
            "detected as Kazakh are checked.",
        ),
        why=Text(
            kk="Нұсқаулық тіл тазалығын талап етеді. Әріптері алмастырылған сөзді іздеу мен "
            "хэштегтер таппайды, экран оқу бағдарламалары қате оқиды, ал оқырман оны "
            "мемлекеттік тілге немқұрайлылық деп қабылдайды.",
            ru="Методичка требует чистоты языка. Слово с заменёнными буквами не находят поиск и "
            "хэштеги, его неверно читают программы экранного доступа, а читатель видит в нём "
            "небрежность к государственному языку.",
            en="The guide asks for clean language. Search and hashtags miss a word with replaced "
            "letters, screen readers mispronounce it, and readers take it as carelessness about "
            "the state language.",
        ),
        section="«Әлеуметтік желілерде жарияланымдарды орналастыру бойынша ұсынымдар», "
        "«Әлеуметтік желілерде жариялау үшін маңызды қағида» / «Рекомендации по размещению "
        "публикаций в социальных сетях», «Важное правило для публикации в социальных сетях»",
        quote_kk=CLEAN_LANGUAGE_KK,
        quote_ru=CLEAN_LANGUAGE_RU,
        instead=Text(
            kk="Қазақ пернетақтасын қосып, сөзді қазақ әріптерімен жазыңыз: «қазақ», «Туған жер».",
            ru="Включите казахскую раскладку и наберите слово казахскими буквами: «қазақ», "
            "«Туған жер».",
            en="Switch to the Kazakh keyboard layout and type the word with Kazakh letters: "
            "'қазақ', 'Туған жер'.",
        ),
        waive=Text(
            kk="Сөз әдейі солай жазылса (орыс тіліндегі атау, дәйексөз), оны баптаудағы "
            "`words` тізіміне қосыңыз немесе редактор себебін жазып, ескертуді алып тастасын.",
            ru="Если слово намеренно написано так (русское название, цитата), добавьте его в "
            "список `words` в настройках правила или попросите редактора снять замечание с "
            "указанием причины.",
            en="If the spelling is deliberate (a Russian name, a quotation), add the word to the "
            "rule's `words` setting, or have an editor waive the finding with a reason.",
        ),
    )
    message = Text(
        kk="«{word}» сөзінде қазақ әріптерінің орнына басқа әріптер терілген сияқты: "
        "«{suggestion}» деп жазыңыз.",
        ru="В слове «{word}», похоже, вместо казахских букв набраны другие: пишите «{suggestion}».",
        en="'{word}' seems to be typed with other letters in place of Kazakh ones: write "
        "'{suggestion}'.",
    )
    must_flag = (
        Example(
            "Біз казак халқының салт-дәстүрін құрметтейміз және жастарға үйретеміз.",
            language="kk",
            note="«казак» for «қазақ» in a Kazakh sentence",
        ),
        Example(
            "Биыл «Тугaн жер» жобасы аясында ауылда жаңа кітапхана ашылды.",
            language="kk",
            note="«Тугaн» with Russian г and a Latin a",
        ),
        Example(
            "Казакстан жастары кітап оқуды жақсы көреді, кітапханалар толы.",
            language="kk",
            note="«Казакстан» for «Қазақстан»",
        ),
        Example(
            "Облыс жастары «Рухани жангыру» бағдарламасы бойынша акция өткізді.\n\n"
            "Молодёжь области провела акцию по программе.",
            language="ru",
            note="the Kazakh paragraph of a bilingual post",
        ),
    )
    must_pass = (
        Example(
            "Біз қазақ халқының салт-дәстүрін құрметтейміз және жастарға үйретеміз.",
            language="kk",
        ),
        Example(
            "Казак в русской литературе — один из самых ярких образов, и школьники читают о нём.",
            language="ru",
            note="«казак» is a Russian word in a Russian sentence",
        ),
        Example(
            "В Шымкенте казаки и казахи вместе отметили праздник урожая на площади.",
            language="ru",
        ),
        Example("Бала бақшада балалар ән айтып, би биледі.", language="kk"),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings: KazakhLettersSettings = self.settings  # type: ignore[assignment]
        detection = post_language(subject, ctx)
        regions = kazakh_regions(detection, settings.min_kazakh_confidence)
        if not regions:
            return  # nothing Kazakh here: Russian text is never checked
        lexicon = ctx.resources.get(
            f"{RESOURCE_KEY}:{settings.hunspell}:{','.join(settings.words)}",
            lambda: KazakhLexicon.load(hunspell=settings.hunspell or None, extra=settings.words),
        )
        text = blank_out(subject.text)  # hashtags, URLs and mentions are not words here
        for start, end, confidence in regions:
            for match in WORD_RE.finditer(text, start, end):
                typed = match.group().lower()
                if len(typed) < settings.min_letters or typed in lexicon.seed:
                    continue
                if not _could_hide_a_substitute(typed):
                    continue
                restored = lexicon.suspect(typed)
                if not restored:
                    continue
                word = match.group()
                suggestion = match_case(word, restored[0])
                yield self.finding(
                    span=match.span(),
                    word=word,
                    suggestion=suggestion,
                    evidence={
                        "word": word,
                        "suggestion": suggestion,
                        "alternatives": [match_case(word, f) for f in restored[1:4]],
                        "letters": _replaced(typed, restored[0]),
                        "known_as_typed": lexicon.is_known(typed),
                        "lexicon": "seed" if restored[0] in lexicon.seed else "hunspell",
                        "paragraph_language": "kk",
                        "paragraph_confidence": round(confidence, 3),
                    },
                )


def kazakh_regions(detection: Detection, min_confidence: float) -> list[tuple[int, int, float]]:
    """(start, end, confidence) of the paragraphs read as Kazakh. A paragraph too short to judge
    on its own (confidence under `min_confidence`) takes the post's language instead."""
    post_is_kazakh = detection.lang == "kk" and detection.confidence >= min_confidence
    regions = []
    for paragraph in detection.paragraphs:
        if paragraph.confidence >= min_confidence:
            if paragraph.lang == "kk":
                regions.append((*paragraph.span, paragraph.confidence))
        elif post_is_kazakh:
            regions.append((*paragraph.span, detection.confidence))
    return regions


def _could_hide_a_substitute(word: str) -> bool:
    """Mostly Cyrillic, and has a letter that a Kazakh letter may have been typed as."""
    cyrillic = len(_CYRILLIC_RE.findall(word))
    if cyrillic == 0 or cyrillic < len(_LATIN_RE.findall(word)):
        return False  # Latin words (brands, English) are not Kazakh Cyrillic
    return not _SUBSTITUTES.isdisjoint(key(word))


def _replaced(typed: str, form: str) -> list[str]:
    """The replaced letters, as «typed→Kazakh» pairs."""
    return sorted(
        {f"{t}→{f}" for t, f in zip(typed, form, strict=True) if t != f and f in KAZAKH_ONLY}
    )


# -- building the seed word list --------------------------------------------------------------

RUSSIAN_HALF_MARKER = "[bookmark: Введение]"


def seed_word_counts(seeds: Path, names: Iterable[str] | None = None) -> Counter[str]:
    """Cyrillic word forms of the Kazakh seed texts: all of 000_…, and 001_… up to its Russian
    half (`names` picks files of the folder). Words with Latin letters are left out (brand
    names, and the odd mixed-script typo)."""
    texts = []
    paths = [seeds / n for n in names] if names is not None else sorted(seeds.glob("*.txt"))
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if RUSSIAN_HALF_MARKER in text:
            text = text[: text.index(RUSSIAN_HALF_MARKER)]
        texts.append(re.sub(r"\[(?:bookmark|image):[^\]]*\]", " ", text))
    counts: Counter[str] = Counter()
    for text in texts:
        for word in WORD_RE.findall(text):
            lower = word.lower()
            if len(lower) >= 2 and _CYRILLIC_RE.search(lower) and not _LATIN_RE.search(lower):
                counts[lower] += 1
    return counts


def write_seed_words(seeds: Path, out: Path = SEED_WORDS) -> int:
    counts = seed_word_counts(seeds)
    lines = [
        "# Kazakh word forms of the seed documents (see linters/rules/kazakh_letters.py), with counts",
        *(f"{w}\t{n}" for w, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))),
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(counts)


RULES: tuple[type[Rule], ...] = (KazakhLettersReplaced,)

if __name__ == "__main__":  # python -m linters.rules.kazakh_letters build-lexicon ../shared/seeds
    if len(sys.argv) == 3 and sys.argv[1] == "build-lexicon":
        print(f"{write_seed_words(Path(sys.argv[2]))} word forms written to {SEED_WORDS}")
    else:
        print(__doc__)
