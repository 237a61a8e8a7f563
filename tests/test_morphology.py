"""linters.morphology: the Kazakh stemmer on real forms from the seed guide, Russian lemmas, the
paragraph-language heuristic and the Hunspell binding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linters.morphology import (
    Dictionaries,
    Morphology,
    RussianAnalyser,
    SpellingUnavailable,
    find_dictionary,
    guess_language,
    kazakh_stem,
    kazakh_stems,
    load_hunspell,
    normalize,
    paragraphs,
)

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "001_f51b918b5f4a587c.txt"

# Inflected forms that occur in the seed guide, with their stems.
SEED_FORMS = [
    ("бағдарламасы", "бағдарлама"),  # possessive -сы
    ("бағдарламасының", "бағдарлама"),  # possessive + genitive -ның
    ("бағдарламасына", "бағдарлама"),  # possessive + dative -на
    ("бағдарламаларын", "бағдарлама"),  # plural + possessive + accusative -н
    ("мектептердің", "мектеп"),  # plural -тер + genitive -дің
    ("мектептерінің", "мектеп"),
    ("мұғалімдер", "мұғалім"),  # plural -дер after м
    ("жастарға", "жас"),  # plural -тар + dative -ға
    ("жастарымыз", "жас"),  # plural + 1pl possessive
    ("облыстарда", "облыс"),
    ("қалаларда", "қала"),
    ("өңірлердегі", "өңір"),  # plural + locative-attributive -дегі
    ("өңірлерінде", "өңір"),  # plural + possessive + locative -нде
    ("индикаторлары", "индикатор"),  # plural -лар + possessive -ы
    ("блогерлердің", "блогер"),
    ("студенттері", "студент"),
    ("қазақстандықтардың", "қазақстандық"),  # the derivational -дық stays
    ("челлендждер", "челлендж"),
    ("құндылықтарының", "құндылық"),
    ("құндылығын", "құндылық"),  # ғ → қ restored
    ("аудиториясын", "аудитория"),
    ("жобасының", "жоба"),
    ("мәдениетінің", "мәдениет"),
    ("тарихымыз", "тарих"),
    ("ұйымдарымен", "ұйым"),  # instrumental -мен has no vowel harmony
    ("іс-шаралардың", "іс-шара"),  # a hyphenated word keeps its head
    ("іс-шараларына", "іс-шара"),
    ("асырылады", "асыр"),  # passive -ыл + present -ады
    ("асырылатын", "асыр"),  # passive + participle -атын
    ("асыруға", "асыр"),  # verbal noun -у + dative
    ("фестивальдерге", "фестиваль"),  # a loanword with a soft sign takes front endings
]


@pytest.mark.parametrize(("form", "stem"), SEED_FORMS)
def test_kazakh_stem_of_real_inflected_forms(form: str, stem: str) -> None:
    assert kazakh_stem(form) == stem
    assert stem in kazakh_stems(form)


def test_the_forms_really_occur_in_the_seed_guide() -> None:
    if not SEEDS.exists():
        pytest.skip("shared/seeds is not beside the repository")
    text = SEEDS.read_text(encoding="utf-8").lower()
    found = set(re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text))
    other = SEEDS.with_name("000_535917734329989b.txt")
    if other.exists():
        found |= set(re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", other.read_text("utf-8").lower()))
    assert [f for f, _ in SEED_FORMS if f not in found] == []


@pytest.mark.parametrize("word", ["шара", "адам", "қызыл", "ауыл", "ақ", "ел", "кеше", "бала"])
def test_roots_that_look_like_inflections_are_left_alone(word: str) -> None:
    """Single-letter dative «-а», 1sg «-м» after a vowel, the passive «-ыл» without a tense, and
    anything that would leave fewer than three letters are never stripped."""
    assert kazakh_stems(word) == (normalize(word),)
    assert kazakh_stem(word) == normalize(word)


def test_minimum_stem_length_is_never_crossed() -> None:
    for form in ("үйлер", "елдің", "оқу", "ата", "жылы"):
        for stem in kazakh_stems(form)[1:]:
            assert len(stem) >= 3, (form, stem)
    assert "үй" in kazakh_stems("үйлер", min_stem=2)


def test_vowel_harmony_and_consonant_assimilation_are_checked() -> None:
    assert "кітап" not in kazakh_stems("кітаптерде")  # front ending on a back stem
    assert "мектеп" not in kazakh_stems("мектепдер")  # -дер after a voiceless п
    assert "мектеп" in kazakh_stems("мектептер")
    assert "адам" in kazakh_stems("адамдар")  # -дар after м
    assert "адам" not in kazakh_stems("адамлар")


def test_possessive_ambiguity_keeps_both_readings() -> None:
    stems = kazakh_stems("облысы")
    assert "облыс" in stems and "облы" in stems  # облыс-ы / облы-сы
    assert kazakh_stem("облысы") == "облыс"
    assert kazakh_stem("бағдарламасы") == "бағдарлама"
    assert kazakh_stem("оқушысы") == "оқушыс"  # without a dictionary: the documented miss
    assert kazakh_stem("оқушысы", known=lambda s: s == "оқушы") == "оқушы"


def test_loose_mode_strips_verb_and_derivational_endings() -> None:
    assert "ұсын" in kazakh_stems("ұсынылмайды", min_stem=2, derivational=True)
    assert "өт" in kazakh_stems("өтсе", min_stem=2, derivational=True)
    assert "өнімділік" in kazakh_stems("өнімділігінің", min_stem=2, derivational=True)
    assert "ұсын" not in kazakh_stems("ұсынылмайды")  # not in the strict mode used for matching
    assert "фестивал" in kazakh_stems("фестивалі", harmony=False)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="абвгдеәғқңөұүһіыжзийклмнопрстуфхцчшщъьэюя-", max_size=30))
def test_stems_are_prefixes_and_never_raise(word: str) -> None:
    stems = kazakh_stems(word)
    assert stems[0] == normalize(word)
    for stem in stems:
        # every candidate is a prefix of the word, up to the п/к/қ restored at its end
        assert normalize(word).startswith(stem[:-1])
    kazakh_stem(word)
    kazakh_stems(word, min_stem=2, derivational=True, harmony=False)


def test_russian_lemmas() -> None:
    ru = RussianAnalyser()
    assert ru.available
    assert "рамка" in ru.lemmas("рамках")
    assert "хайп" in ru.lemmas("хайпа")
    assert ru.lemma("осуществлению") == "осуществление"
    assert "шар" in ru.lemmas("шара")  # pymorphy's homonyms are all kept
    assert ru.lemma("Ёлки") == "елка"  # ё is normalised to е


def test_morphology_keys_by_language() -> None:
    morph = Morphology()
    assert "хайп" in morph.keys("хайпқа", "kk")
    assert "рамка" in morph.keys("рамках", "ru")
    assert {"хайп"} <= morph.keys("хайпа", None)
    assert morph.keys("Instagram", "ru") == frozenset({"instagram"})


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Кеше Астанада кітап фестивалі өтті, жастар көп болды.", "kk"),
        ("Вчера в Астане прошёл фестиваль книги, пришло много молодёжи.", "ru"),
        ("Программа «Рухани жаңғыру» объединяет молодёжь и взрослых в Қазақстан.", "ru"),
        ("Бұл жоба бойынша мен де бардым.", "kk"),
        ("Hello world", None),
    ],
)
def test_guess_language(text: str, lang: str | None) -> None:
    assert guess_language(text) == lang


def test_guess_language_falls_back_to_the_declared_language() -> None:
    assert guess_language("Фестиваль!", "kk") == "kk"
    assert guess_language("Фестиваль!") is None


def test_paragraphs_get_their_own_language() -> None:
    text = (
        "Кеше кітап фестивалі өтті.\n\n"
        "Вчера в Астане прошёл фестиваль книги, и это было здорово: мы читали стихи.\n"
        "Приходите ещё!\n\nФото"
    )
    paras = paragraphs(text)
    assert [p.lang for p in paras] == ["kk", "ru", "ru"]  # a silent paragraph takes the post's
    assert text[paras[1].start : paras[1].end].startswith("Вчера")


# -- Hunspell ------------------------------------------------------------------------------------


def test_hunspell_dictionaries_are_installed() -> None:
    """The Debian packages hunspell-kk, hunspell-ru and libhunspell-1.7-0 are part of the setup."""
    assert find_dictionary("kk") is not None
    assert find_dictionary("ru") is not None


def test_hunspell_knows_words() -> None:
    kk = load_hunspell("kk")
    ru = load_hunspell("ru")
    assert kk.known("Қазақстан") and kk.known("мектептерде")
    assert not kk.known("кітаап")
    assert ru.known("фестиваль") and ru.known("Фестиваль") and ru.known("ФЕСТИВАЛЬ")
    assert not ru.known("фестеваль")
    assert not ru.known("") and not ru.known("a\x00b")
    assert "мероприятия" in ru.suggest("мероприятя")
    kk.close()


def test_missing_dictionary_says_why(tmp_path: Path) -> None:
    with pytest.raises(SpellingUnavailable, match="apt-get install hunspell-kk"):
        load_hunspell("kk", [str(tmp_path)])
    dicts = Dictionaries([str(tmp_path)])
    assert dicts.get("ru") is None
    assert "hunspell-ru" in (dicts.problem("ru") or "")
    assert dicts.get("ru") is None  # tried once, remembered


def test_dictionary_dirs_replace_the_system_folders(tmp_path: Path) -> None:
    (tmp_path / "ru_RU.aff").write_text("SET UTF-8\n", encoding="utf-8")
    (tmp_path / "ru_RU.dic").write_text("1\nарна\n", encoding="utf-8")
    speller = load_hunspell("ru", [str(tmp_path)])
    assert speller.known("арна") and not speller.known("фестиваль")
    assert find_dictionary("kk", [str(tmp_path)]) is None
