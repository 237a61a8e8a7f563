"""K203 kazakh-letters-replaced and its Kazakh lexicon."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.language_accuracy import SEEDS, seed_sentences
from channels.limits import LIMITS
from linters.context import LintContext, OfficeView, Resources
from linters.engine import Engine
from linters.rules.kazakh_letters import (
    HUNSPELL_KK,
    SEED_WORDS,
    KazakhLettersReplaced,
    KazakhLettersSettings,
    KazakhLexicon,
    key,
    match_case,
    seed_word_counts,
)
from linters.settings import LintSettings
from linters.subject import Subject

HAS_HUNSPELL = Path(HUNSPELL_KK + ".dic").exists()
DEGRADE = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")


@pytest.fixture(scope="module")
def lexicon() -> KazakhLexicon:
    return KazakhLexicon.load()


@pytest.fixture(scope="module")
def seed_only() -> KazakhLexicon:
    return KazakhLexicon.load(hunspell=None)


def _engine(**rule_settings: object) -> Engine:
    rules = {"K203": KazakhLettersSettings(**rule_settings)} if rule_settings else {}
    return Engine(
        LintSettings(select=("K203",), rule_settings=rules),  # type: ignore[arg-type]
        limits=LIMITS,
    )


ENGINE = _engine()


def _findings(text: str, engine: Engine = ENGINE, **kw: object) -> list[dict[str, object]]:
    post = Subject(text=text, network="telegram", kind="text", **kw)  # type: ignore[arg-type]
    result = engine.lint(post)
    assert not result.crashes
    return [dict(f.evidence, span=f.span) for f in result.findings if f.code == "K203"]


# -- the lexicon -------------------------------------------------------------------------------


def test_key_merges_kazakh_letters_with_their_substitutes() -> None:
    assert key("қазақ") == key("казак") == "казак"
    assert key("туған") == key("тугaн")  # Latin a
    assert key("кітап") == key("китап") == key("кiтап")  # Cyrillic и, Latin i
    assert key("өңір") == key("онир")
    assert key("һ") == key("х")


def test_the_shipped_seed_word_list_is_there_and_sorted() -> None:
    lines = [line for line in SEED_WORDS.read_text(encoding="utf-8").splitlines()]
    assert lines[0].startswith("#")
    counts = [int(line.split("\t")[1]) for line in lines[1:]]
    assert len(counts) > 2000 and counts == sorted(counts, reverse=True)
    words = {line.split("\t")[0] for line in lines[1:]}
    assert {"қазақ", "туған", "жаңғыру", "рухани", "және"} <= words


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed documents are not beside the repo")
def test_the_seed_word_list_is_rebuilt_identically(tmp_path: Path) -> None:
    from linters.rules.kazakh_letters import write_seed_words

    out = tmp_path / "words.txt"
    write_seed_words(SEEDS, out)
    assert out.read_text(encoding="utf-8") == SEED_WORDS.read_text(encoding="utf-8")
    counts = seed_word_counts(SEEDS)
    assert "введение" not in counts  # the Russian half is left out
    assert all(not any("a" <= c <= "z" for c in w) for w in counts)


@pytest.mark.parametrize(
    ("typed", "best"),
    [
        ("казак", "қазақ"),
        ("тугaн", "туған"),
        ("туган", "туған"),
        ("казакстан", "қазақстан"),
        ("жангыру", "жаңғыру"),
        ("улттык", "ұлттық"),
    ],
)
def test_substituted_words_are_suspected(lexicon: KazakhLexicon, typed: str, best: str) -> None:
    assert lexicon.suspect(typed)[0] == best


@pytest.mark.skipif(not HAS_HUNSPELL, reason="hunspell-kk is not installed")
@pytest.mark.parametrize(
    ("typed", "best"),
    [("китап", "кітап"), ("кiтап", "кітап"), ("кыздар", "қыздар"), ("барлыгын", "барлығын")],
)
def test_hunspell_words_are_suspected(lexicon: KazakhLexicon, typed: str, best: str) -> None:
    assert lexicon.suspect(typed)[0] == best


@pytest.mark.parametrize(
    "word",
    ["қазақ", "бала", "мектеп", "жер", "және", "форматын", "проблемаларын", "он", "абвгд"],
)
def test_right_words_are_not_suspected(lexicon: KazakhLexicon, word: str) -> None:
    assert lexicon.suspect(word) == []


def test_a_word_with_kazakh_letters_needs_a_programme_word(lexicon: KazakhLexicon) -> None:
    # «Қазакстан»: the typist had «Қ»; «қазақстан» is a seed word, so it is still suspected
    assert lexicon.suspect("қазакстан")[0] == "қазақстан"
    # «толқынын» is a right accusative that Hunspell does not list: never «толқының»
    assert lexicon.suspect("толқынын") == []


def test_a_restoration_never_drops_a_kazakh_letter(lexicon: KazakhLexicon) -> None:
    assert all("қ" in form for form in lexicon.restorations("қол"))


def test_the_lexicon_works_without_hunspell(seed_only: KazakhLexicon) -> None:
    assert seed_only.sources == ("seed",)
    assert seed_only.suspect("казак")[0] == "қазақ"
    assert seed_only.suspect("мектеп") == []


@pytest.mark.skipif(not HAS_HUNSPELL, reason="hunspell-kk is not installed")
def test_hunspell_forms_are_generated_from_stems_and_suffixes(lexicon: KazakhLexicon) -> None:
    assert lexicon.sources == ("seed", "hunspell")
    assert lexicon.forms("кыздар") == {"қыздар"}  # қыз + -дар (flag A)
    assert "көлдің" in lexicon.forms("колдин")  # көл + -дің (flag G)
    assert lexicon.forms("каладан") == {"қаладан"}  # қала + -дан (flag K)
    assert lexicon.is_known("қыздар") and not lexicon.is_known("кыздар")


def test_extra_words_are_right_as_typed() -> None:
    lexicon = KazakhLexicon.load(hunspell=None, extra=["Казак"])
    assert lexicon.suspect("казак") == []


def test_match_case() -> None:
    assert match_case("Тугaн", "туған") == "Туған"
    assert match_case("КАЗАК", "қазақ") == "ҚАЗАҚ"
    assert match_case("казак", "қазақ") == "қазақ"


# -- the rule ----------------------------------------------------------------------------------


def test_a_substituted_word_in_kazakh_text_is_flagged_with_its_span() -> None:
    text = "Биыл «Тугaн жер» жобасы аясында ауылда жаңа кітапхана ашылды."
    found = _findings(text)
    assert len(found) == 1
    f = found[0]
    assert text[f["span"][0] : f["span"][1]] == "Тугaн"  # type: ignore[index]
    assert f["suggestion"] == "Туған" and f["letters"] == ["г→ғ"]
    assert f["paragraph_language"] == "kk" and f["lexicon"] == "seed"


def test_russian_text_is_never_checked() -> None:
    for text in (
        "Казак в русской литературе — один из самых ярких образов, и школьники читают о нём.",
        "В Шымкенте казаки и казахи вместе отметили праздник урожая на площади.",
        "Казак вышел в поле",
    ):
        assert _findings(text) == [], text


def test_only_the_kazakh_paragraph_of_a_bilingual_post_is_checked() -> None:
    text = (
        "Облыс жастары казак халқының дәстүрін құрметтейді және жастарға үйретеді.\n\n"
        "Казак в русской литературе — яркий образ, о котором читают школьники."
    )
    found = _findings(text, language="ru")
    assert [f["word"] for f in found] == ["казак"]
    assert found[0]["span"][0] < text.index("\n")  # type: ignore[index]


def test_a_fully_substituted_kazakh_post_is_flagged_word_by_word() -> None:
    text = "Казакстан жастары китап окуды жаксы корееди, кітапханалар толы."
    words = [f["word"] for f in _findings(text)]
    assert "Казакстан" in words and "кітапханалар" not in words
    assert ("китап" in words) is HAS_HUNSPELL  # «кітап» itself is not in the seed texts


def test_settings_change_the_rule() -> None:
    text = "Біз казак халқының салт-дәстүрін құрметтейміз және жастарға үйретеміз."
    assert _findings(text)
    assert not _findings(text, _engine(words=("казак",)))
    assert not _findings(text, _engine(min_letters=6))
    assert not _findings(text, _engine(min_kazakh_confidence=1.0))
    assert _findings(text, _engine(hunspell=None))  # the seed words alone know «қазақ»


def test_the_lexicon_is_built_once_per_engine() -> None:
    engine = _engine()
    for _ in range(3):
        _findings("Казакстан жастары кітап оқиды, кітапханалар толы.", engine)
    keys = [k for k in engine.resources._items if k.startswith("kazakh-lexicon")]
    assert len(keys) == 1


def test_check_never_raises_on_odd_input() -> None:
    rule = KazakhLettersReplaced()
    ctx = LintContext(OfficeView(), LIMITS, Resources())
    for text in ("", "#тег", "ккк ааа ххх", "Қ" * 5000, "ҚАЗАК " * 50, "\x00\u200b"):
        list(rule.check(Subject(text=text, network="x", kind="text"), ctx))


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("абгикноухәғқңөұүһі aoixh-.\n«»#КҚТ")),
        max_size=200,
    )
)
def test_random_kazakh_like_text_never_crashes(text: str) -> None:
    for f in _findings(text):
        start, end = f["span"]  # type: ignore[misc]
        assert 0 <= start < end <= len(text)
        assert str(f["suggestion"]).lower() != str(f["word"]).lower()


# -- precision and recall on real text (the seeds) ---------------------------------------------


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed documents are not beside the repo")
def test_no_finding_on_the_russian_half_of_the_guide() -> None:
    sentences = seed_sentences()["ru"]
    text = "\n\n".join(sentences)
    assert _findings(text) == []


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed documents are not beside the repo")
def test_most_substituted_words_of_kazakh_sentences_are_found() -> None:
    sentences = [s for s in seed_sentences()["kk"] if len(s.split()) >= 8][::10][:30]
    hidden = found = 0
    for sentence in sentences:
        degraded = sentence.translate(DEGRADE)
        hidden += sum(1 for w in sentence.split() if w != w.translate(DEGRADE))
        found += len(_findings(degraded))
        assert _findings(sentence) == []  # the seed text itself is clean
    assert found / hidden >= 0.8, (found, hidden)
