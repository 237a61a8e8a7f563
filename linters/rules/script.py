"""K202 mixed-script-word (K203 follows with the Kazakh lexicon)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from linters.context import LintContext
from linters.findings import Finding, Severity
from linters.rule import Example, Rule, RuleDoc
from linters.subject import Subject
from linters.text_tools import words
from posts.i18n import Text

CLEAN_LANGUAGE_KK = "«...тілдің тазалығы...»"
CLEAN_LANGUAGE_RU = "«...чистоту языка...»"


LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
CYRILLIC_RE = re.compile(r"[\u0400-\u04ff\u0500-\u052f]")


def script_of(char: str) -> str | None:
    """'latin', 'cyrillic', or None for anything else (digits, marks, other scripts)."""
    try:
        name = unicodedata.name(char)
    except ValueError:
        return None
    if name.startswith("LATIN"):
        return "latin"
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    return None


class MixedScriptWord(Rule):
    code = "K202"
    name = "mixed-script-word"
    severity = Severity.ERROR
    doc = RuleDoc(
        what=Text(
            kk="Бір сөзде латын және кирилл әріптері араласқан («Kазақстан», мұнда K — латын әрпі).",
            ru="Слово, в котором смешаны латинские и кириллические буквы («Kазахстан» с латинской K).",
            en="A word that mixes Latin and Cyrillic letters ('Kазахстан' with a Latin K).",
        ),
        why=Text(
            kk="Мұндай сөзді іздеу, хэштег және экран оқу бағдарламалары танымайды; нұсқаулық таза тілді талап етеді.",
            ru="Такое слово не находят поиск, хэштеги и программы экранного доступа; методичка требует чистоты языка.",
            en="Search, hashtags and screen readers cannot match such a word; the guide asks for clean language.",
        ),
        section="RULES.md, K: language and script («чистоту языка»)",
        quote_kk=CLEAN_LANGUAGE_KK,
        quote_ru=CLEAN_LANGUAGE_RU,
        instead=Text(
            kk="Сөзді бір әліпбимен қайта теріңіз (көбіне латын әрпін кирилл әрпіне ауыстыру жеткілікті).",
            ru="Наберите слово заново одним алфавитом (обычно достаточно заменить латинскую букву кириллической).",
            en="Retype the word in one alphabet (usually replacing the Latin letter with the Cyrillic one).",
        ),
    )
    message = Text(
        kk="«{word}» сөзінде латын және кирилл әріптері араласқан (латын әріптері: {latin}).",
        ru="В слове «{word}» смешаны латиница и кириллица (латинские буквы: {latin}).",
        en="'{word}' mixes Latin and Cyrillic letters (the Latin ones: {latin}).",
    )
    must_flag = (
        Example("Kазақстан жастары кітап оқиды.", language="kk", note="Latin K"),
        Example("Рухaни жаңғыру — болашаққа бағдар.", language="kk", note="Latin a"),
        Example("Мы рады видеть всех в Шымкентe!", language="ru", note="Latin e at the end"),
        Example("Программа «Pухани жаңғыру» объединяет молодёжь.", language="ru"),
    )
    must_pass = (
        Example("Қазақстан жастары кітап оқиды.", language="kk"),
        Example("Біз Instagram және Telegram желілерінде барамыз.", language="kk"),
        Example("Смотрите нас на YouTube и в Telegram.", language="ru"),
        Example("Мәдениет — ел тірегі, culture — сила народа.", language="ru"),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        if not LATIN_RE.search(subject.text) or not CYRILLIC_RE.search(subject.text):
            return  # most posts are in one script: nothing can be mixed
        for token in words(subject.text):
            if LATIN_RE.search(token.text) and CYRILLIC_RE.search(token.text):
                majority = _majority_script(token.text)
                odd = [c for c in token.text if script_of(c) not in (majority, None)]
                yield self.finding(
                    span=token.span,
                    word=token.text,
                    latin=", ".join(sorted({c for c in token.text if script_of(c) == "latin"})),
                    evidence={
                        "word": token.text,
                        "odd_letters": "".join(odd),
                        "odd_script": "latin" if majority == "cyrillic" else "cyrillic",
                    },
                )


def _majority_script(word: str) -> str:
    latin = sum(script_of(c) == "latin" for c in word)
    cyrillic = sum(script_of(c) == "cyrillic" for c in word)
    return "cyrillic" if cyrillic >= latin else "latin"


RULES: tuple[type[Rule], ...] = (MixedScriptWord,)
