"""T110 jargon, T111 obscene, T112 bureaucratese, T113 spelling, T115 shouting, beyond their
must-flag and must-pass examples (which tests/test_rules_contract.py runs)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linters.engine import REGISTRY, Engine
from linters.findings import Finding, Severity
from linters.rules.style import (
    LexiconError,
    compile_obscene,
    data_sections,
    parse_entry,
    parse_lexicon,
    read_data,
)
from linters.settings import LintSettings, parse_lint_settings
from linters.subject import Subject
from posts.errors import ConfigError
from posts.i18n import LANGS

STYLE = ("T110", "T111", "T112", "T113", "T115")


@cache
def _engine(code: str, options: tuple[tuple[str, object], ...] = ()) -> Engine:
    rule_settings = {code: REGISTRY[code].Settings(**dict(options))} if options else {}
    return Engine(LintSettings(select=(code,), rule_settings=rule_settings))


def lint(code: str, text: str, language: str | None = None, **options: object) -> list[Finding]:
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in options.items()))
    result = _engine(code, frozen).lint(
        Subject(text=text, network="telegram", kind="text", language=language)
    )
    assert result.crashes == ()
    found = [f for f in result.findings if f.code == code]
    for finding in found:
        for lang in LANGS:
            assert finding.render(lang)
        if finding.span:
            assert 0 <= finding.span[0] < finding.span[1] <= len(text)
    return found


def spans_text(text: str, found: list[Finding]) -> list[str]:
    return [text[f.span[0] : f.span[1]] for f in found if f.span]


# -- data files ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["jargon.txt", "bureaucratese.txt"])
def test_lexicon_files_parse(name: str) -> None:
    entries = parse_lexicon(read_data(name))
    assert len(entries) > 20
    assert {e.lang for e in entries} <= {"kk", "ru", "any"}


def test_obscene_file_compiles_and_acronyms_and_vocabulary_load() -> None:
    lexicon = compile_obscene()
    assert lexicon.forms and lexicon.cores.pattern
    assert {s for s, _ in data_sections(read_data("obscene.txt"))} == {"roots", "forms", "latin"}
    assert "ЖОО" in read_data("acronyms.txt") and "жаңғыру" in read_data("vocabulary.txt")


def test_entry_syntax() -> None:
    entry = parse_entry("kk: іс-шаралар кешен|і -> бағдарлама")
    assert entry.lang == "kk" and entry.suggestion == "бағдарлама"
    assert entry.words[1].stem == "кешен" and entry.text == "іс-шаралар кешені"
    assert parse_entry("кринж*").words[0].mode == "prefix"
    assert parse_entry("=изи").words[0].mode == "exact"
    assert parse_entry("короче,").words[0].comma
    for bad in ("", "->", "abc1", "ру@к"):
        with pytest.raises(LexiconError):
            parse_entry(bad)


# -- T110 jargon -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "word"),
    [
        ("Вокруг фестиваля много хайпа.", "ru", "хайпа"),
        ("Видео получилось кринжовым.", "ru", "кринжовым"),
        ("Фестиваль хайпқа айналды.", "kk", "хайпқа"),
        ("Бұл видео нағыз кринж болды.", "kk", "кринж"),
        ("Короче, приходите все.", "ru", "Короче"),
        ("Это топчик среди фестивалей.", "ru", "топчик"),
        ("Изи победа нашей команды.", "ru", "Изи"),
        ("Билеты раздают на шару.", "ru", "на шару"),
        ("Чувакам понравится.", "ru", "Чувакам"),
    ],
)
def test_jargon_inflected_forms(text: str, lang: str, word: str) -> None:
    found = lint("T110", text, lang)
    assert spans_text(text, found) == [word]
    assert found[0].severity is Severity.WARNING


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Бұл шара жастарға арналған. Шараға бәрі келді.", "kk"),  # шара = an event
        ("Кітап фестивалі — облыстағы ең үлкен іс-шара.", "kk"),
        ("Ролик должен быть короче минуты.", "ru"),  # comparative, no comma
        ("Над городом поднялся воздушный шар, у шара красная корзина.", "ru"),
        ("Он человек слова.", "ru"),
        ("Наш тренер — человек с большим сердцем, а блины удались.", "ru"),
        ("ГО и ЧС провели учения.", "ru"),  # ГО is an acronym, not «го»
    ],
)
def test_jargon_false_friends_pass(text: str, lang: str) -> None:
    assert lint("T110", text, lang) == []


def test_jargon_in_a_kazakh_paragraph_of_a_russian_post() -> None:
    text = "Кеше фестиваль өтті, бұл шара жастарға арналған.\n\nВчера прошёл фестиваль, билеты были на шару."
    found = lint("T110", text)
    assert spans_text(text, found) == ["на шару"]


def test_jargon_suggestion_and_evidence() -> None:
    found = lint("T110", "Вокруг фестиваля много хайпа.", "ru")
    assert found[0].evidence["entry"] == "хайп"
    assert found[0].evidence["suggestion"] == "ажиотаж, шумиха"
    assert "ажиотаж" in found[0].render("ru")
    found = lint("T110", "Фестиваль үлкен хайпқа айналды.", "kk")
    assert found[0].evidence["suggestion"] == "ду-думан"


def test_jargon_extra_words_and_allow() -> None:
    text = "Концерт был қатып қалды деңгейде, кайф!"
    assert spans_text(text, lint("T110", text, "kk")) == ["кайф"]
    found = lint("T110", text, "kk", extra_words=["kk: қатып қалды"], allow=["кайф"])
    assert spans_text(text, found) == ["қатып қалды"]
    # an entry limited to Kazakh paragraphs does not apply to a Russian one
    ru = "Вода в реке за ночь замёрзла, и это было красиво: «қатып қалды», как говорят у нас."
    assert lint("T110", ru, "ru", extra_words=["kk: қатып қалды"]) == []


# -- T111 obscene ----------------------------------------------------------------------------------

SCUNTHORPE = [
    "Оскорбление чувств недопустимо.",
    "Страховка, застрахуйте, страхуется, застрахуем, страха нет.",
    "Хлебопекарня работает с утра.",
    "Не стоит употреблять резкие слова; употребление их оскорбляет.",
    "Трахея и гортань — органы дыхания.",
    "Мудрый учитель, мудрость веков.",
    "Хулиган, художник, худой, похудеть, выхухоль.",
    "Себе, себестоимость, небо, ребёнок, гребень.",
    "Педикюр и маникюр.",
    "Сразу после сражения; сравнение; посрамить.",
    "Прошло без сучка без задоринки.",
    "Уродился хороший урожай; уродливый кактус.",
    "Херувим над Херсоном.",
    "Иммунологи изучают идиотип.",
    "Дастарқанда қолбасы мен нан болды.",
    "Ебін тапқан ер озады, ебедейсіз емес, ебетейлі жігіт.",
    "Себет толы алма.",
    "Скидки на eBay, смартфоны Huawei, пицца с pepperoni.",
    "Гондола плывёт по каналу.",
    "Т.б. және т.с.с., ж.б.",
    "*Важно*: приходите! Астана* — столица.",
]


@pytest.mark.parametrize("text", SCUNTHORPE)
def test_obscene_no_scunthorpe(text: str) -> None:
    assert lint("T111", text) == []


@pytest.mark.parametrize(
    ("text", "how"),
    [
        ("Ну и п**дец.", "masked"),
        ("Это х*йня какая-то", "masked"),
        ("Какой х*й это придумал", "masked"),
        ("Бл*дь, опять дождь", "masked"),
        ("Бл...ь, опять дождь", "masked"),
        ("е*ать, вот это да", "masked"),
        ("Этот мyдак всё сломал", "lookalike"),  # Latin y
        ("Он сказал XУЙ", "lookalike"),  # Latin X
        ("Бляяя, опять", "repeated"),
        ("Сссука!", "repeated"),
        ("Заебал уже", "root"),
        ("Отъебись", "root"),
        ("Долбоёб", "root"),
        ("Похуй на погоду", "root"),
        ("Распиздяйство", "root"),
        ("fuck this", "latin"),
        ("blyat, oпять", "latin"),
        ("Мына қотақ", "root"),
        ("п1зда", None),  # a digit that is no lookalike
    ],
)
def test_obscene_masked_and_plain(text: str, how: str | None) -> None:
    found = lint("T111", text)
    if how is None:
        return
    assert found, text
    assert found[0].evidence["how"] == how
    assert found[0].severity is Severity.ERROR


def test_obscene_message_masks_the_word_and_span_is_the_word() -> None:
    text = "Вот это пиздец, друзья."
    found = lint("T111", text)
    assert spans_text(text, found) == ["пиздец"]
    for lang in LANGS:
        assert "пиздец" not in found[0].render(lang)
        assert "п****ц" in found[0].render(lang)
    assert found[0].evidence["word"] == "п****ц"


def test_obscene_in_hashtags_but_not_in_urls_or_mentions() -> None:
    assert lint("T111", "#пиздец") != []
    assert lint("T111", "https://example.com/huy/pizda @blyat_fan") == []


def test_obscene_allow_and_extra_words() -> None:
    assert lint("T111", "Пришёл Иван Сукин.", allow=["Сукин"]) == []
    assert lint("T111", "Пришёл Иван Сукин.") != []
    assert lint("T111", "Он просто чмошник.", extra_words=["чмо"]) != []
    assert lint("T111", "Он просто чмошник.") == []


def test_obscene_docs_show_no_unmasked_word() -> None:
    rule = REGISTRY["T111"]
    lexicon = compile_obscene()
    from linters.rules.style import Obscene

    for example in (*rule.must_flag, *rule.must_pass):
        for token in example.text.replace(",", " ").split():
            word = token.strip(".,!?«»:;—")
            how = Obscene._match(word, lexicon) if word else None
            assert how in (None, "masked", "lookalike"), (word, how)


# -- T112 bureaucratese ----------------------------------------------------------------------------

FILLER_RU = (
    "Мы читали стихи у реки, пили чай с бабушками и слушали домбру до самого вечера. "
    "Дети рисовали степь, а взрослые рассказывали о своём детстве в ауле. "
)


def phrases(found: list[Finding]) -> list[str]:
    assert len(found) <= 1  # one finding per post
    return [str(o["phrase"]) for f in found for o in f.evidence["occurrences"]]


def test_bureaucratese_needs_two_phrases_at_the_density() -> None:
    one = "В рамках фестиваля прошёл концерт, и всем понравилось."
    assert lint("T112", one, "ru") == []  # one phrase is not a style
    assert phrases(lint("T112", one, "ru", min_occurrences=1)) == ["В рамках"]  # the letter
    two = "В рамках фестиваля прошёл концерт. Данный концерт понравился всем."
    found = lint("T112", two, "ru")
    assert phrases(found) == ["В рамках", "Данный"]
    assert found[0].span == (0, 8)
    assert found[0].evidence["count"] == 2
    assert found[0].evidence["threshold"] == {"density_per_100_words": 2.0, "min_occurrences": 2}
    assert [o["span"] for o in found[0].evidence["occurrences"]] == [[0, 8], [35, 41]]
    assert "«Данный» → этот" in found[0].render("ru")


def test_bureaucratese_short_post_fires_at_three_whatever_the_density() -> None:
    three = "В рамках фестиваля прошёл концерт. Данный концерт является лучшим в году."
    found = lint("T112", three, "ru", density_per_100_words=50.0)
    assert phrases(found) == ["В рамках", "Данный", "является"]
    assert found[0].evidence["threshold"] == {"short_post_occurrences": 3}
    assert lint("T112", three, "ru", density_per_100_words=50.0, short_post_occurrences=4) == []


def test_bureaucratese_long_post_uses_density() -> None:
    body = FILLER_RU * 4  # about 100 words
    assert len(body.split()) >= 100
    two = "Данный фестиваль прошёл в соответствии с планом. " + body
    assert lint("T112", two, "ru") == []  # 2 in ~115 words: below 2 per 100
    three = "Данный фестиваль прошёл в соответствии с планом на постоянной основе. " + body
    found = lint("T112", three, "ru")
    assert len(phrases(found)) == 3
    assert found[0].evidence["density_per_100_words"] >= 2.0
    assert lint("T112", three, "ru", density_per_100_words=5.0) == []
    assert len(phrases(lint("T112", two, "ru", density_per_100_words=1.0))) == 2


def test_bureaucratese_longest_match_and_kazakh_forms() -> None:
    text = "В рамках реализации плана. Данный план. Он является главным."
    assert phrases(lint("T112", text, "ru"))[0] == "В рамках реализации"  # one, not two
    kk = "Жоба аясында жүзеге асырылды. Іс-шаралар кешенін бекіттік. Бұл болып табылады басты."
    assert phrases(lint("T112", kk, "kk")) == [
        "аясында жүзеге асырылды",
        "Іс-шаралар кешенін",
        "болып табылады",
    ]


def test_bureaucratese_false_friends() -> None:
    text = (
        "База данных выросла. Кеше мектепте кешен ашылды. Мақсатымыз — кітап оқу. Данные открыты."
    )
    assert lint("T112", text, min_occurrences=1) == []


def test_bureaucratese_settings_and_suggestions() -> None:
    text = "Данный концерт понравился."
    found = lint("T112", text, "ru", min_occurrences=1)
    assert found[0].evidence["occurrences"][0]["suggestion"] == "этот"
    assert lint("T112", text, "ru", min_occurrences=1, allow=["данный"]) == []
    extra = lint(
        "T112",
        "Мы провели мероприятие.",
        "ru",
        min_occurrences=1,
        extra_words=["ru: провести мероприятие"],
    )
    assert phrases(extra) == ["провели мероприятие"]


# -- T113 spelling ---------------------------------------------------------------------------------


def test_spelling_reports_each_unknown_word_once() -> None:
    text = "Фестеваль прошёл. Фестеваль понравился, а мероприятя были весёлыми."
    found = lint("T113", text, "ru")
    assert [f.evidence["word"] for f in found] == ["Фестеваль", "мероприятя"]
    assert found[0].evidence["occurrences"] == 2
    assert found[0].span == (0, 9)
    assert found[0].severity is Severity.INFO


def test_spelling_skips_hashtags_urls_mentions_acronyms_latin_and_short_words() -> None:
    text = (
        "#фестеваль https://фестеваль.kz/фестеваль @festeval ЖОО ЕАЭС ТиПО ҚазҰУ Instagram "
        "т.б. ж.б. Фестиваль прошёл."
    )
    assert lint("T113", text, "ru") == []


def test_spelling_kazakh_forms_the_dictionary_lacks_are_accepted_through_stems() -> None:
    text = (
        "Фестивальдерге жастар келді. Бағдарламаларын ұсынылмайды деп ойлаймын. "
        "Ұйымдарымен бірге мектептерінің мұғалімдері қатысты."
    )
    assert lint("T113", text, "kk") == []


def test_spelling_vocabulary_setting_and_names() -> None:
    text = "Жақсыбеков кездесуге келді. Кездесуге Жақсыбеков та келді."
    assert [f.evidence["word"] for f in lint("T113", text, "kk")] == ["Жақсыбеков"]
    assert lint("T113", text, "kk", vocabulary=["Жақсыбеков"]) == []
    # inside a sentence an unknown capitalised word is taken for a name, unless check_names
    inside = "Кездесуге Жақсыбеков келді, «Жаужүрек» фильмін көрдік."
    assert lint("T113", inside, "kk") == []
    found = lint("T113", inside, "kk", check_names=True)
    assert [f.evidence["word"] for f in found] == ["Жақсыбеков", "Жаужүрек"]


def test_spelling_per_paragraph_language() -> None:
    text = "Кеше кітап фестивалі өтті.\n\nВчера прошёл фестиваль книги, и было здорово."
    assert lint("T113", text) == []


def test_spelling_max_findings_and_suggestions() -> None:
    text = "Фестеваль, мероприятя, празнек и канцерт прошли."
    assert len(lint("T113", text, "ru")) == 4
    assert len(lint("T113", text, "ru", max_findings=2)) == 2
    found = lint("T113", "Приглашаем на мероприятя.", "ru", suggest=True)
    assert "мероприятия" in found[0].evidence["suggestions"]
    assert "«мероприятия»" in found[0].render("ru")


def test_spelling_missing_dictionaries_give_one_info_finding(tmp_path: Path) -> None:
    found = lint(
        "T113", "Фестеваль и кітаап прошли.", "ru", dictionary_dirs=[str(tmp_path / "none")]
    )
    assert len(found) == 1
    assert found[0].severity is Severity.INFO and found[0].span is None
    assert (
        found[0].evidence["missing"].keys() == {"ru", "kk"} or "ru" in found[0].evidence["missing"]
    )
    assert "hunspell-ru" in found[0].render("en")


def test_spelling_one_language_missing_still_checks_the_other(tmp_path: Path) -> None:
    import shutil

    from linters.morphology import find_dictionary

    found_ru = find_dictionary("ru")
    assert found_ru is not None
    for path in found_ru:
        shutil.copy(path, tmp_path / path.name)
    text = "Кеше кітап фестивалі өтті.\n\nВчера прошёл фестеваль книги, и было здорово."
    found = lint("T113", text, dictionary_dirs=[str(tmp_path)])
    assert [f.evidence.get("word") for f in found if f.span] == ["фестеваль"]
    missing = [f for f in found if not f.span]
    assert len(missing) == 1 and list(missing[0].evidence["missing"]) == ["kk"]


# -- T115 shouting ---------------------------------------------------------------------------------


def test_shouting_caps_words() -> None:
    text = "ВНИМАНИЕ! ВСЕ НА ФЕСТИВАЛЬ."
    found = lint("T115", text, "ru")
    assert len(found) == 1
    assert found[0].evidence["caps_words"] == ["ВНИМАНИЕ", "ВСЕ", "НА", "ФЕСТИВАЛЬ"]
    assert found[0].span == (0, 8)


def test_shouting_acronyms_roman_numerals_and_unknown_short_caps_are_not_shouting() -> None:
    text = "ҚР БҒМ, ЖОО, БАҚ, ЕАЭС, НАТО, ЮНЕСКО, IT, ХХІ ғасыр, XXI век, ЖШС, ТМД, ҰБТ."
    assert lint("T115", text) == []


def test_shouting_thresholds_and_extra_acronyms() -> None:
    text = "ҮЗДІК ЖОБАЛАР КӨРМЕСІ ашылды."
    assert lint("T115", text, "kk") != []
    assert lint("T115", text, "kk", min_caps_words=4) == []
    assert lint("T115", "КАЗНЕТ МЕДИА ФОРУМЫ өтті", "kk") != []
    assert lint("T115", "КАЗНЕТ МЕДИА ФОРУМЫ өтті", "kk", extra_acronyms=["КАЗНЕТ"]) == []
    # short capitalised words count only when the dictionary knows them
    assert lint("T115", "БІЗ СІЗ ЖӘНЕ ОЛАР", "kk") != []
    assert lint("T115", "ҚҚС ЖШС ТМД", "kk") == []


def test_shouting_exclamation_marks() -> None:
    found = lint("T115", "Ура!!! Мы победили.", "ru")
    assert len(found) == 1 and found[0].evidence["exclamation_marks"] == 3
    assert found[0].span == (3, 4)
    assert lint("T115", "Ура! Победа! https://x.kz/!!! #ура", "ru") == []
    assert lint("T115", "Ура! Победа!", "ru", min_exclamations=2) != []


# -- settings from config.toml ---------------------------------------------------------------------


def test_settings_from_toml_lists() -> None:
    source = """
[lint.rules.T110]
extra_words = ["kk: қатып қалды", "жесть"]
allow = ["кайф"]
[lint.rules.T112]
density_per_100_words = 3
short_post_occurrences = 4
[lint.rules.T113]
vocabulary = ["Жақсыбеков"]
[lint.rules.T115]
extra_acronyms = ["АРНА"]
"""
    raw = tomllib.loads(source)["lint"]
    parsed = parse_lint_settings(raw, REGISTRY, source=source)
    assert parsed.rule_settings["T110"].extra_words == ("kk: қатып қалды", "жесть")  # type: ignore[attr-defined]
    assert parsed.rule_settings["T112"].density_per_100_words == 3.0  # type: ignore[attr-defined]


def test_a_bad_extra_entry_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        parse_lint_settings({"rules": {"T110": {"extra_words": ["кр1нж"]}}}, REGISTRY)
    with pytest.raises(ConfigError):
        parse_lint_settings({"rules": {"T112": {"density": 2}}}, REGISTRY)


# -- never raise -----------------------------------------------------------------------------------

NASTY = st.lists(
    st.sampled_from(
        [
            *"абвгхуйпиздеёжқәіңұүөһ*#%_.@$!?-' \n\t0369ABEKMHOPCTXYaeopcxyu«»,",
            *("https://x.kz", "#тег", "@user", "ЖОО", "в рамках", "шара", "х*й"),
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=NASTY, language=st.sampled_from([None, "kk", "ru", "en"]))
def test_style_rules_never_raise(text: str, language: str | None) -> None:
    for code in STYLE:
        lint(code, text, language)


# -- docs ------------------------------------------------------------------------------------------

GUIDE = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "001_f51b918b5f4a587c.txt"


@pytest.mark.parametrize("code", STYLE)
def test_quotes_are_verbatim_from_the_guide(code: str) -> None:
    if not GUIDE.exists():
        pytest.skip("shared/seeds is not beside the repository")
    guide = " ".join(GUIDE.read_text(encoding="utf-8").split())
    doc = REGISTRY[code].doc
    for quote in (doc.quote_kk, doc.quote_ru):
        inner = quote.removeprefix("«").removesuffix("»")
        for fragment in inner.split("..."):
            fragment = " ".join(fragment.split())
            if fragment:
                assert fragment in guide, (code, fragment)
