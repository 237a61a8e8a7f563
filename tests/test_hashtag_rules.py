"""H301-H306: the programme's hashtags (beyond the examples that test_rules_contract runs)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from channels.limits import LIMITS
from linters.context import OfficeView
from linters.engine import Engine
from linters.findings import Severity
from linters.rules.hashtags import (
    H302Settings,
    H303Settings,
    H304Settings,
    H306Settings,
    configured_hashtags,
    edit_distance,
    hashtag_key,
)
from linters.settings import LintSettings, parse_lint_settings
from linters.subject import Subject
from posts.config_template import DIRECTION_HASHTAGS
from posts.errors import ConfigError
from posts.i18n import LANGS
from posts.vocab import DIRECTIONS
from tests.rule_helpers import lint_one

lint = lint_one


# --- comparison -------------------------------------------------------------------------------


def test_hashtags_compare_case_insensitively_and_keep_kazakh_letters_and_yo() -> None:
    assert hashtag_key("#РуханиЖаңғыру") == hashtag_key("#руханижаңғыру")
    assert hashtag_key("#ВЗГЛЯДВБУДУЩЕЕ") == hashtag_key("#взглядвбудущее")
    assert hashtag_key("#ҰЛТТЫҚ") == "ұлттық"
    assert hashtag_key("#руханижангыру") != hashtag_key("#руханижаңғыру")
    assert hashtag_key("#всё") != hashtag_key("#все")
    # A decomposed й (и + U+0306) is the same tag as the composed one.
    assert hashtag_key("#мой") == hashtag_key("#мои\u0306")


def test_configured_hashtags_fall_back_to_the_init_defaults_for_directions() -> None:
    from linters.context import LintContext, Resources

    ctx = LintContext(OfficeView(), LIMITS, Resources())
    keys = configured_hashtags(ctx)
    for tags in DIRECTION_HASHTAGS.values():
        assert all(hashtag_key(t) in keys for t in tags)
    custom = LintContext(
        OfficeView(required_hashtags=("#біз",), direction_hashtags={"knowledge": ("#білім",)}),
        LIMITS,
        Resources(),
    )
    assert set(configured_hashtags(custom)) == {"біз", "білім"}


@settings(max_examples=200, deadline=None)
@given(a=st.text("абвңғқ_", max_size=12), b=st.text("абвңғқ_", max_size=12))
def test_edit_distance_is_a_distance(a: str, b: str) -> None:
    d = edit_distance(a, b, 30)
    assert d == edit_distance(b, a, 30)
    assert (d == 0) == (a == b)
    assert abs(len(a) - len(b)) <= d <= max(len(a), len(b))
    assert edit_distance(a, b, 1) == min(d, 2)


def test_edit_distance_counts_a_transposition_once() -> None:
    assert edit_distance("руханижаңғыру", "руханижағңыру", 2) == 1
    assert edit_distance("руханижаңғыру", "руханижангыру", 2) == 2


# --- H301 -------------------------------------------------------------------------------------


def test_h301_reads_the_offices_required_hashtags() -> None:
    office = OfficeView(required_hashtags=("#ТүркістанОфисі",))
    assert lint("Жаңалық #түркістаноФисі", "H301", office=office) == []
    [finding] = lint("Жаңалық #руханижаңғыру", "H301", office=office)
    assert finding.span is None and finding.evidence["required"] == ["#ТүркістанОфисі"]
    assert lint("Жаңалық", "H301", office=OfficeView(required_hashtags=())) == []


def test_h301_a_trailing_symbol_does_not_hide_the_hashtag() -> None:
    assert lint("Келіңіздер! #руханижаңғыру… ", "H301") == []
    assert lint("Приходите! #взглядвбудущее🇰🇿", "H301") == []
    assert lint("Приходите! #взглядвбудущее\u200d", "H301") == []


def test_h301_does_not_count_a_hashtag_inside_a_link() -> None:
    assert lint("Подробнее: https://site.kz/page#руханижаңғыру", "H301")
    assert lint("Подробнее: https://site.kz/page #руханижаңғыру", "H301") == []


# --- H302 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Жоба #бәсекелестік қабілет туралы", "#бәсекелестікқабілет"),
        ("Ғылым #КЗэволюциялық дамуы", "#КЗэволюциялықдамуы"),
        ("Жастар #болашаққа бағдар", "#болашаққабағдар"),
        ("Наследие #сохранение национальной идентичности", "#сохранениенациональнойидентичности"),
        ("Жастар #болашаққа\nбағдар", "#болашаққабағдар"),
        ("Жастар # руханижаңғыру", "#руханижаңғыру"),
        ("Жастар #Рухани.Жаңғыру", "#руханижаңғыру"),
    ],
)
def test_h302_joins_the_guides_broken_hashtags_back(text: str, fixed: str) -> None:
    [finding] = lint(text, "H302")
    assert finding.severity is Severity.ERROR
    assert finding.evidence["fixed"] == fixed
    assert finding.span is not None
    start, end = finding.span
    assert text[start] == "#" and text[end - 1].isalpha()


def test_h302_split_respects_max_split_words() -> None:
    text = "Мұра #сохранение национальной идентичности"
    assert lint(text, "H302", rule_settings=H302Settings(max_split_words=1)) == []
    assert lint(text, "H302", rule_settings=H302Settings(max_split_words=2))


def test_h302_leaves_a_configured_hashtag_followed_by_words_alone() -> None:
    assert lint("#руханижаңғыру бағдарламасы аясында", "H302") == []
    assert lint("#болашаққабағдар бағдар", "H302") == []


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Лекция #рухани-жаңғыру", "punctuation"),
        ("Лекция #рухани'жаңғыру", "punctuation"),
        ("Лекция #рухани\u200dжаңғыру", "punctuation"),
        ("Лекция #руханижаңғыpу", "mixed_script"),
        ("Лекция #Kітап", "mixed_script"),
        ("Итоги #2026", "no_letters"),
        ("Итоги #___", "no_letters"),
    ],
)
def test_h302_intrinsic_problems(text: str, reason: str) -> None:
    [finding] = lint(text, "H302")
    assert finding.evidence["reason"] == reason
    assert finding.span == (text.index("#"), len(text))


def test_h302_suggests_the_configured_spelling_for_punctuation() -> None:
    [finding] = lint("#Рухани-Жаңғыру", "H302")
    assert finding.evidence["fixed"] == "#руханижаңғыру"
    assert "U+200D" in lint("#а\u200dб", "H302")[0].render("en")


@pytest.mark.parametrize(
    "text",
    [
        "#руханижаңғыру! #взглядвбудущее… #кітап🇰🇿",  # trailing symbols end a tag
        "#рухани_жаңғыру_2026",
        "Келіңіздер #️⃣ 1-ші қатар",  # keycap emoji
        "https://rukhani.kz/#/news и https://site.kz/a#b-c",
        "C# және F# тілдері",
        "",
    ],
)
def test_h302_passes(text: str) -> None:
    assert lint(text, "H302") == []


# --- H303 -------------------------------------------------------------------------------------


def test_h303_is_instagram_only_and_counts_latin_as_nothing_by_default() -> None:
    text = "Фестиваль #взглядвбудущее #festival"
    assert lint(text, "H303", network="telegram") == []
    [finding] = lint(text, "H303", network="instagram")
    assert finding.evidence["languages"] == ["ru"]
    assert lint(text, "H303", network="instagram", rule_settings=H303Settings(latin="en")) == []


def test_h303_kazakh_latin_letters_count_as_kazakh() -> None:
    assert lint("#взглядвбудущее #ruhanijañğyru", "H303", network="instagram") == []


def test_h303_broken_tags_count_as_no_language() -> None:
    [finding] = lint("#взглядвбудущее #рухани-жаңғыру", "H303", network="instagram")
    assert finding.evidence["languages"] == ["ru"]


def test_h303_min_languages_setting() -> None:
    text = "#руханижаңғыру #взглядвбудущее"
    assert lint(text, "H303", network="instagram") == []
    strict = H303Settings(min_languages=3, latin="en")
    assert lint(text, "H303", network="instagram", rule_settings=strict)
    assert lint(text + " #future", "H303", network="instagram", rule_settings=strict) == []


# --- H304 -------------------------------------------------------------------------------------


def _tags(n: int) -> str:
    return "Пост " + " ".join(f"#тег{i}" for i in range(n))


@pytest.mark.parametrize(
    ("network", "allowed", "severity"),
    [
        ("instagram", 30, Severity.ERROR),
        ("telegram", 5, Severity.WARNING),
        ("facebook", 5, Severity.WARNING),
        ("x", 2, Severity.WARNING),
        ("vk", 10, Severity.WARNING),
    ],
)
def test_h304_limits_per_network(network: str, allowed: int, severity: Severity) -> None:
    assert lint(_tags(allowed), "H304", network=network) == []
    text = _tags(allowed + 1)
    [finding] = lint(text, "H304", network=network)
    assert finding.severity is severity
    assert finding.evidence["count"] == allowed + 1 and finding.evidence["limit"] == allowed
    assert finding.span is not None
    assert text[finding.span[0] :].startswith(f"#тег{allowed}")


def test_h304_hard_limit_wins_over_soft_and_settings_override_the_platform() -> None:
    overrides = H304Settings(hard_max={"telegram": 8}, soft_max={"instagram": 3})
    [soft] = lint(_tags(4), "H304", network="instagram", rule_settings=overrides)
    assert soft.severity is Severity.WARNING and soft.evidence["limit_kind"] == "soft"
    [hard] = lint(_tags(31), "H304", network="instagram", rule_settings=overrides)
    assert hard.severity is Severity.ERROR
    [tg] = lint(_tags(9), "H304", network="telegram", rule_settings=overrides)
    assert tg.severity is Severity.ERROR and tg.evidence["limit"] == 8
    assert lint(_tags(40), "H304", network="ok") == []


def test_h304_settings_reject_unknown_networks() -> None:
    from linters.engine import REGISTRY

    with pytest.raises(ConfigError):
        parse_lint_settings({"rules": {"H304": {"soft_max": {"myspace": 3}}}}, REGISTRY)
    parsed = parse_lint_settings({"rules": {"H304": {"soft_max": {"telegram": 3}}}}, REGISTRY)
    assert parsed.rule_settings["H304"] == H304Settings(soft_max={"telegram": 3})


# --- H305 -------------------------------------------------------------------------------------


def test_h305_default_direction_hashtags_cover_the_six_directions() -> None:
    assert set(DIRECTION_HASHTAGS) == set(DIRECTIONS)


def test_h305_uses_the_offices_mapping() -> None:
    office = OfficeView(direction_hashtags={"knowledge": ("#білім",), "pragmatism": ("#іс",)})
    [finding] = lint("Кітап #іс", "H305", direction="knowledge", office=office)
    assert finding.severity is Severity.INFO
    assert finding.evidence["foreign"] == {"#іс": "pragmatism"}
    assert finding.evidence["expected"] == ["#білім"]
    assert lint("Кітап #іс #БІЛІМ", "H305", direction="knowledge", office=office) == []
    assert lint("Кітап #іс", "H305", direction="evolution", office=office) == []  # not mapped
    assert lint("Кітап #іс", "H305", office=office) == []  # no direction


# --- H306 -------------------------------------------------------------------------------------


def test_h306_reports_the_closest_configured_hashtag() -> None:
    [finding] = lint("#руханижангыру", "H306")
    assert finding.evidence["expected"] == "#руханижаңғыру"
    assert finding.evidence["distance"] == 2
    assert finding.span == (0, len("#руханижангыру"))


def test_h306_distance_setting() -> None:
    assert lint("#руханижангыру", "H306", rule_settings=H306Settings(max_distance=1)) == []
    assert lint("#руханижангыру", "H306", rule_settings=H306Settings(max_distance=2))


def test_h306_does_not_repeat_what_h302_reports() -> None:
    for text in ("#рухани-жаңғыру", "#руханижаңғыpу", "#болашаққа бағдар", "#рухани.жаңғыру"):
        engine = Engine(LintSettings(select=("H302", "H306")), limits=LIMITS)
        codes = [
            f.code for f in engine.lint(Subject(text=text, network="vk", kind="text")).findings
        ]
        assert codes == ["H302"], text


def test_h306_extra_hashtags_and_far_tags() -> None:
    assert lint("#казахстан #қазақстан #мектеп #ruhanizhangyru", "H306") == []
    assert lint("#казакстан", "H306")  # one letter from the guide's #казахстан
    assert lint("#казакстан", "H306", rule_settings=H306Settings(extra_hashtags=())) == []


# --- robustness -------------------------------------------------------------------------------

PIECES = [*"#  _-.,!?@/:'ңғқәіАаKzZ01€🇰🇿\u200d\ufe0f\u20e3\n", "http://", "www.", "бағдар"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, network=st.sampled_from(sorted(LIMITS)), direction=st.sampled_from(DIRECTIONS))
def test_h_rules_never_crash_and_spans_stay_in_the_text(
    text: str, network: str, direction: str
) -> None:
    engine = Engine(LintSettings(select=("H",)), limits=LIMITS)
    result = engine.lint(Subject(text=text, network=network, kind="text", direction=direction))
    assert result.crashes == ()
    for f in result.findings:
        if f.span is not None:
            assert 0 <= f.span[0] < f.span[1] <= len(text)
        for lang in LANGS:
            assert f.render(lang)


def test_list_settings_come_from_toml_arrays() -> None:
    import tomllib

    from linters.engine import REGISTRY

    raw = tomllib.loads(
        '[rules.H302]\nextra_hashtags = ["#түркістан"]\n'
        '[rules.H306]\nextra_hashtags = ["#түркістан"]\nmax_distance = 1\n'
        '[rules.H303]\nlatin = "en"\n'
        "[rules.H304]\nsoft_max = { telegram = 3 }\n"
    )
    parsed = parse_lint_settings(raw, REGISTRY)
    assert parsed.rule_settings["H306"] == H306Settings(
        extra_hashtags=("#түркістан",), max_distance=1
    )
    assert lint("#түркістанн", "H306", rule_settings=parsed.rule_settings["H306"])
    with pytest.raises(ConfigError):
        parse_lint_settings({"rules": {"H306": {"extra_hashtags": "#a"}}}, REGISTRY)
