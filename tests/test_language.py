"""Language detection (linters.language) and K201 wrong-language."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.language_accuracy import (
    SEEDS,
    english_sentences,
    fixed_sample,
    seed_sentences,
)
from channels.limits import LIMITS
from linters.context import ChannelView, LintContext, OfficeView, Resources
from linters.engine import Engine
from linters.language import (
    MEMO_KEY,
    RESOURCE_KEY,
    Detection,
    LanguageDetector,
    blank_out,
    post_language,
    shrink,
)
from linters.rules.language import WrongLanguage, WrongLanguageSettings
from linters.settings import LintSettings
from linters.subject import Subject

KK = "Сенбіде орталық саябақта кітап фестивалі өтеді, балаларға арналған оқу бұрышы болады."
KK_PLAIN = (
    "Казакстан жастары китап окуды жаксы корети, кітапханалар толы болады"  # no Kazakh letters
)
RU = "В субботу в центральном парке пройдёт книжный фестиваль, приходите всей семьёй."
RU_LIGHT = "Школьники из Сайрама неделю записывали истории старожилов о родном ауле."
EN = "Our regional office opens a new reading club for students this Saturday."


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


def _ctx(office: OfficeView | None = None) -> LintContext:
    return LintContext(office or OfficeView(), LIMITS, Resources())


# -- detection ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [(KK, "kk"), (KK_PLAIN, "kk"), (RU, "ru"), (RU_LIGHT, "ru"), (EN, "en")],
)
def test_sentences_are_detected_with_high_confidence(
    detector: LanguageDetector, text: str, lang: str
) -> None:
    result = detector.detect(text)
    assert result.lang == lang
    assert result.confidence >= 0.9
    assert [p.lang for p in result.paragraphs] == [lang]


def test_fast_paths_agree_with_lingua(detector: LanguageDetector) -> None:
    plain = LanguageDetector(fast_path=False)
    for text, method in ((KK, "letters"), (RU, "function-words")):
        fast = detector.detect(text)
        assert fast.paragraphs[0].method == method
        slow = plain.detect(text)
        assert slow.paragraphs[0].method == "lingua"
        assert fast.lang == slow.lang


def test_hashtags_urls_and_mentions_do_not_sway_detection(detector: LanguageDetector) -> None:
    tags = " ".join(["#руханижаңғыру", "#болашаққабағдар", "#туғанжер", "#біліммәдениеті"] * 3)
    text = f"{RU_LIGHT}\n\n{tags} @ruhani_zhangyru https://ruh.kz/қазақ-тілі"
    result = detector.detect(text)
    assert result.lang == "ru" and result.confidence >= 0.9
    assert result.words == detector.detect(RU_LIGHT).words
    only_tags = detector.detect("#руханижаңғыру #болашаққабағдар https://example.kz @office")
    assert only_tags.lang is None and only_tags.confidence == 0.0 and only_tags.paragraphs == ()


def test_blank_out_keeps_offsets() -> None:
    text = "Сілтеме: https://example.kz/a?b=1 #тег @someone соңы"
    blank = blank_out(text)
    assert len(blank) == len(text)
    assert "https" not in blank and "#" not in blank and "@" not in blank
    assert blank.endswith("соңы") and blank.startswith("Сілтеме:")


@pytest.mark.parametrize("text", ["Сәлем", "Привет", "Hello", "Құтты болсын!", "Добрый день"])
def test_short_texts_have_low_confidence(detector: LanguageDetector, text: str) -> None:
    result = detector.detect(text)
    assert result.words < 3
    assert result.confidence <= 0.6  # two words at most 0.6, one at most 0.47


def test_confidence_grows_with_length(detector: LanguageDetector) -> None:
    words = RU.split()
    confidences = [detector.detect(" ".join(words[:n])).confidence for n in (1, 2, 3, 5)]
    assert confidences == sorted(confidences)
    assert confidences[-1] >= 0.9


def test_shrink_pulls_towards_uniform() -> None:
    assert shrink({"kk": 1.0}, 5) == {"kk": 1.0, "ru": 0.0, "en": 0.0}
    one = shrink({"kk": 1.0}, 1)
    assert one["kk"] == pytest.approx(0.2 + 0.8 / 3)
    assert sum(one.values()) == pytest.approx(1.0)


def test_paragraphs_of_a_bilingual_post(detector: LanguageDetector) -> None:
    text = f"{KK}\n\n{RU}\n{EN}\n#руханижаңғыру"
    result = detector.detect(text)
    assert [p.lang for p in result.paragraphs] == ["kk", "ru", "en"]
    for p, expected in zip(result.paragraphs, (KK, RU, EN), strict=True):
        assert text[p.span[0] : p.span[1]] == expected
        assert result.paragraph_at(p.span[0]) is p
    assert result.paragraph_at(len(text) - 1) is None  # the hashtag line
    assert result.confidence < 0.5  # no language dominates
    assert sum(result.scores.values()) == pytest.approx(1.0)


def test_short_lines_are_read_together(detector: LanguageDetector) -> None:
    text = "📍 Шымкент, орталық саябақ\n🗓 Сенбі, 10:00\nБарлығын күтеміз!"
    result = detector.detect(text)
    assert len(result.paragraphs) == 1
    assert result.paragraphs[0].span == (0, len(text))
    assert result.lang == "kk"


def test_a_long_paragraph_is_read_in_part(detector: LanguageDetector) -> None:
    text = " ".join([RU_LIGHT] * 40)
    result = detector.detect(text)
    assert result.lang == "ru" and result.confidence >= 0.9
    assert result.paragraphs[0].span == (0, len(text))


def test_evidence_is_json_ready(detector: LanguageDetector) -> None:
    import json

    evidence = detector.detect(f"{KK}\n\n{RU}").evidence()
    assert json.loads(json.dumps(evidence)) == evidence
    assert [p["language"] for p in evidence["paragraphs"]] == ["kk", "ru"]


def test_the_detector_is_built_once_per_engine_and_memoised_per_post() -> None:
    ctx = _ctx()
    post = Subject(text=KK, network="telegram", kind="text")
    first = post_language(post, ctx)
    assert isinstance(first, Detection)
    assert post_language(post, ctx) is first
    assert ctx._memo[(id(post), MEMO_KEY)] is first
    built = ctx.resources.get(RESOURCE_KEY, lambda: pytest.fail("built twice"))
    assert isinstance(built, LanguageDetector)
    other = LintContext(OfficeView(), LIMITS, ctx.resources)
    assert post_language(Subject(text=RU, network="x", kind="text"), other).lang == "ru"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=600))
def test_random_text_never_crashes_detection(text: str) -> None:
    result = _DETECTOR.detect(text)
    assert 0.0 <= result.confidence <= 1.0
    assert result.lang in (None, "kk", "ru", "en")
    previous_end = 0
    for p in result.paragraphs:
        assert previous_end <= p.span[0] < p.span[1] <= len(text)
        assert 0.0 <= p.confidence <= 1.0
        previous_end = p.span[1]


_MIXED = st.lists(
    st.sampled_from(
        [KK, RU, EN, "#тег", "https://x.kz", "@user", "\n", "\n\n", " ", "😀", "12:00", "«»", "—"]
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(_MIXED)
def test_random_posts_from_real_pieces(pieces: list[str]) -> None:
    text = " ".join(pieces)
    result = _DETECTOR.detect(text)
    if not any(p in (KK, RU, EN) for p in pieces):
        assert result.lang is None
    if set(pieces) & {KK, RU, EN} == {KK}:
        assert result.lang == "kk"


_DETECTOR = LanguageDetector()


# -- accuracy on real text (a regression guard; the full measurement is the benchmark) ----------


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed documents are not beside the repo")
def test_accuracy_on_a_fixed_sample_of_seed_sentences(detector: LanguageDetector) -> None:
    samples = {**seed_sentences(), "en": english_sentences(shared=None)}
    for lang, sentences in samples.items():
        sample = fixed_sample(sentences, 60)
        assert len(sample) == 60
        right = sum(detector.detect(s).lang == lang for s in sample)
        assert right / len(sample) >= 0.95, (lang, right)


def test_english_sample_is_deterministic() -> None:
    first = fixed_sample(english_sentences(shared=None), 60)
    assert first == fixed_sample(english_sentences(shared=None), 60)
    assert all(len(s.split()) >= 5 for s in first)


# -- K201 --------------------------------------------------------------------------------------


def _k201(office: OfficeView | None = None, **rule_settings: object) -> Engine:
    rules = {"K201": WrongLanguageSettings(**rule_settings)} if rule_settings else {}
    return Engine(
        LintSettings(select=("K201",), rule_settings=rules),  # type: ignore[arg-type]
        office=office or OfficeView(),
        limits=LIMITS,
    )


def _post(text: str, **kw: object) -> Subject:
    return Subject(text=text, network="telegram", kind="text", **kw)  # type: ignore[arg-type]


def test_k201_uses_the_channel_languages_then_the_office_languages() -> None:
    office = OfficeView(
        languages=("kk", "ru"),
        channels={
            "tg-kk": ChannelView("tg-kk", "telegram", ("kk",), "own"),
            "tg-en": ChannelView("tg-en", "telegram", ("en",), "popular"),
        },
    )
    engine = _k201(office)
    flagged = engine.lint(_post(RU, channel="tg-kk")).findings
    assert [f.code for f in flagged] == ["K201"]
    evidence = flagged[0].evidence
    assert evidence["language"] == "ru" and evidence["allowed"] == ["kk"]
    assert evidence["allowed_from"] == "channel"
    assert evidence["paragraphs"][0]["language"] == "ru"
    assert "ru" in flagged[0].render("en") and "kk" in flagged[0].render("ru")
    assert not engine.lint(_post(EN, channel="tg-en")).findings
    assert not engine.lint(_post(RU, channel="unknown")).findings  # office: kk, ru
    office_flag = engine.lint(_post(EN, channel="unknown")).findings
    assert office_flag and office_flag[0].evidence["allowed_from"] == "office"


def test_k201_span_points_at_the_wrong_paragraph() -> None:
    text = f"#руханижаңғыру\n{EN}"
    finding = _k201().lint(_post(text)).findings[0]
    assert text[finding.span[0] : finding.span[1]] == EN


def test_k201_declared_language_must_match_the_text() -> None:
    engine = _k201()
    finding = engine.lint(_post(KK, language="ru")).findings[0]
    assert finding.evidence["contradicts_declared"] is True
    assert "«ru»" in finding.render("ru") and "«kk»" in finding.render("ru")
    assert not engine.lint(_post(KK, language="kk")).findings
    assert not engine.lint(_post(KK)).findings
    assert not _k201(check_declared=False).lint(_post(KK, language="ru")).findings


def test_k201_thresholds_for_short_and_mixed_posts() -> None:
    engine = _k201()
    three = _post("Welcome to Shymkent")  # three words reach a confidence of at most 0.73
    finding = engine.lint(three).findings[0]
    assert 0.65 <= finding.evidence["confidence"] <= 0.74
    assert not _k201(min_confidence=0.75).lint(three).findings
    assert not _k201(min_words=4).lint(three).findings
    assert not engine.lint(_post("Hello friends")).findings  # fewer than min_words
    assert not engine.lint(_post(f"{EN}\n\n{RU}")).findings  # half Russian: not wrong for ru


def test_k201_never_raises_on_an_empty_post() -> None:
    rule = WrongLanguage()
    assert list(rule.check(_post(""), _ctx())) == []
    assert list(rule.check(_post("#тег https://x.kz"), _ctx())) == []


def test_k201_settings_reject_unknown_keys() -> None:
    with pytest.raises(ValueError):
        WrongLanguageSettings(min_confidense=0.5)  # type: ignore[call-arg]


def test_benchmark_module_reads_the_seeds_deterministically() -> None:
    if not SEEDS.exists():
        pytest.skip("the seed documents are not beside the repo")
    first, second = seed_sentences(), seed_sentences(Path(SEEDS))
    assert first == second
    assert len(first["kk"]) >= 300 and len(first["ru"]) >= 300
