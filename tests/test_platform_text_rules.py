"""P301 text-too-long, P302 media-mix-unsupported, P306 youtube-metadata-invalid, P307 poll-invalid."""

from __future__ import annotations

import string
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from channels.limits import LIMITS
from linters.engine import REGISTRY, Engine
from linters.findings import Finding
from linters.rule import RuleSettings
from linters.rules import platform_text
from linters.rules.platform_text import (
    ALBUM_TOO_SMALL,
    CAPTION_TOO_LONG,
    DESCRIPTION_FORBIDDEN,
    DESCRIPTION_TOO_LONG,
    DOCUMENTS_MIXED,
    DUPLICATE_OPTIONS,
    KIND_NEEDS_DOCUMENT,
    KIND_NEEDS_IMAGE,
    KIND_NEEDS_VIDEO,
    KIND_NO_MEDIA,
    MEDIA_MIXED,
    NEEDS_MEDIA,
    NEEDS_VIDEO,
    NO_DOCUMENTS,
    NOT_ANONYMOUS,
    NOT_TAKEN,
    ONLY_VIDEO,
    OPTION_EMPTY,
    OPTION_TOO_LONG,
    POLL_MISSING,
    QUESTION_EMPTY,
    QUESTION_TOO_LONG,
    TEXT_TOO_LONG,
    TITLE_FORBIDDEN,
    TITLE_MISSING,
    TITLE_TOO_LONG,
    TOO_FEW_OPTIONS,
    TOO_MANY_ATTACHMENTS,
    TOO_MANY_DOCUMENTS,
    TOO_MANY_FILES,
    TOO_MANY_GIFS,
    TOO_MANY_OPTIONS,
    TOO_MANY_PHOTOS,
    TOO_MANY_VIDEOS,
    X_TOO_LONG,
    NetworkName,
    char_count,
    char_overflow,
    utf8_overflow,
)
from linters.settings import LintSettings, parse_lint_settings
from linters.subject import MediaRef, Subject
from posts.i18n import LANGS, Text
from posts.vocab import Network

EMOJI = "😷"  # outside the BMP: 2 UTF-16 units


def lint(subject: Subject, code: str, **rule_settings: object) -> list[Finding]:
    """The findings of one rule, checked for the shape every finding must have."""
    rule = REGISTRY[code]
    chosen = {code: rule.Settings.model_validate(rule_settings)} if rule_settings else {}
    engine = Engine(LintSettings(select=(code,), rule_settings=chosen), limits=LIMITS)
    result = engine.lint(subject)
    assert result.crashes == ()
    for finding in result.findings:
        for lang in LANGS:
            assert finding.render(lang).strip()  # every placeholder has its value
        if finding.span is not None:
            assert 0 <= finding.span[0] < finding.span[1] <= len(subject.text)
    return list(result.findings)


def messages(findings: list[Finding]) -> list[Text]:
    return [f.message for f in findings]


def post(
    text: str = "Рухани жаңғыру", network: str = "telegram", kind: str = "text", **kw: object
) -> Subject:
    return Subject(text=text, network=network, kind=kind, **kw)  # type: ignore[arg-type]


def media(kind: str | None, mime: str | None = None, name: str | None = None) -> MediaRef:
    mime = mime or {"image": "image/jpeg", "video": "video/mp4", "document": "application/pdf"}.get(
        kind or ""
    )
    return MediaRef(
        name=name or f"{kind or 'unknown'}.bin",
        path=None,
        sha256=None,
        mime=mime,
        kind=kind,
        size=1,
    )


def photos(n: int) -> tuple[MediaRef, ...]:
    return tuple(media("image", name=f"photo-{i}.jpg") for i in range(n))


def videos(n: int) -> tuple[MediaRef, ...]:
    return tuple(media("video", name=f"video-{i}.mp4") for i in range(n))


def gifs(n: int) -> tuple[MediaRef, ...]:
    return tuple(media("image", "image/gif", name=f"anim-{i}.gif") for i in range(n))


def pdfs(n: int) -> tuple[MediaRef, ...]:
    return tuple(media("document", name=f"doc-{i}.pdf") for i in range(n))


# --- Messages and settings ----------------------------------------------------------------------

ALL_TEXTS = {name: value for name, value in vars(platform_text).items() if isinstance(value, Text)}


@pytest.mark.parametrize("name", sorted(ALL_TEXTS))
def test_every_message_has_the_same_placeholders_and_quotes_in_three_languages(name: str) -> None:
    text = ALL_TEXTS[name]
    fields = [{f for _, f, _, _ in string.Formatter().parse(text.get(lang)) if f} for lang in LANGS]
    assert fields[0] == fields[1] == fields[2], name
    if "'{" in text.en:
        assert "«{" in text.kk and "«{" in text.ru, name


def test_network_names_are_the_domain_vocabulary() -> None:
    assert set(get_args(NetworkName)) == {n.value for n in Network}


@pytest.mark.parametrize(
    ("code", "values"),
    [
        ("P301", {"overrides": {"telegram": {"caption_max": 2048}}, "unit": "code_point"}),
        ("P302", {"overrides": {"x": {"max_photos": 6, "media_kinds": ["image"]}}}),
        ("P306", {"forbidden_chars": "<>[]"}),
        (
            "P307",
            {"overrides": {"telegram": {"poll_options_min": 1}}, "channel_polls_anonymous": False},
        ),
    ],
)
def test_settings_load_from_the_lint_table(code: str, values: dict[str, object]) -> None:
    parsed = parse_lint_settings({"rules": {code: values}}, REGISTRY)
    assert isinstance(parsed.rule_settings[code], RuleSettings)


@pytest.mark.parametrize(
    "values",
    [
        {"overrides": {"telgram": {"text_max": 10}}},  # unknown network
        {"overrides": {"telegram": {"txt_max": 10}}},  # unknown key
        {"overrides": {"telegram": {"text_max": 0}}},  # not positive
        {"overrides": {"telegram": {"text_max": "4096"}}},  # not an integer
        {"unit": "grapheme"},
    ],
)
def test_bad_settings_are_refused(values: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        REGISTRY["P301"].Settings.model_validate(values, strict=True)


# --- Counting helpers ---------------------------------------------------------------------------


def test_utf16_counts_an_emoji_twice_and_code_points_once() -> None:
    text = "Сәлем" + EMOJI
    assert char_count(text) == 7
    assert char_count(text, "code_point") == 6
    assert char_overflow(text, 6) == 5
    assert char_overflow(text, 6, "code_point") is None
    assert utf8_overflow("әә", 3) == 1  # ә takes 2 bytes
    assert utf8_overflow("әә", 4) is None


# === P301 ========================================================================================


@pytest.mark.parametrize(
    ("network", "kind", "limit"),
    [
        ("telegram", "text", 4096),
        ("telegram", "photo", 1024),
        ("telegram", "album", 1024),
        ("instagram", "photo", 2200),
        ("facebook", "text", 63206),
        ("vk", "text", 16384),
    ],
)
def test_character_limits_at_the_boundary(network: str, kind: str, limit: int) -> None:
    assert lint(post("ж" * limit, network, kind), "P301") == []
    [finding] = lint(post("ж" * (limit + 1), network, kind), "P301")
    assert finding.span == (limit, limit + 1)
    assert finding.evidence["count"] == limit + 1
    assert finding.evidence["limit"] == limit
    assert finding.evidence["method"] == "utf16"
    assert finding.params["excess"] == 1


def test_a_telegram_caption_has_its_own_message_and_suggests_a_text_post() -> None:
    [finding] = lint(post("қ" * 1100, kind="photo"), "P301")
    assert finding.message is CAPTION_TOO_LONG
    assert finding.evidence["field"] == "caption"
    assert "4096" in finding.render("ru") and "1024" in finding.render("kk")
    # a text-kind post with a photo attached is a caption too
    [finding] = lint(post("қ" * 1100, media=photos(1)), "P301")
    assert finding.message is CAPTION_TOO_LONG
    # a long text post goes as a text
    assert lint(post("қ" * 1100), "P301") == []


def test_telegram_counts_utf16_so_emoji_count_twice() -> None:
    text = "а" * 4090 + EMOJI * 4  # 4094 code points, 4098 UTF-16 units
    [finding] = lint(post(text), "P301")
    assert finding.message is TEXT_TOO_LONG
    assert finding.evidence["count"] == 4098
    assert finding.evidence["code_points"] == 4094
    assert finding.span == (4093, 4094)  # the fourth emoji crosses 4096
    assert lint(post(text), "P301", unit="code_point") == []


def test_x_weighs_the_text() -> None:
    assert lint(post("ә" * 280, "x"), "P301") == []
    [finding] = lint(post("ә" * 281, "x"), "P301")
    assert finding.message is X_TOO_LONG
    assert finding.evidence["method"] == "x-weighted"
    assert finding.span == (280, 281)
    assert lint(post(EMOJI * 140, "x"), "P301") == []
    [finding] = lint(post("a" * 279 + EMOJI, "x"), "P301")
    assert finding.evidence["count"] == 281 and finding.span == (279, 280)
    link = "https://akorda.kz/kk/" + "жаңалық/" * 100
    assert lint(post("Қараңыз: " + link + " " + "ә" * 240, "x", kind="photo"), "P301") == []


def test_youtube_description_counts_utf8_bytes() -> None:
    assert lint(post("ә" * 2500, "youtube", "video", options={"title": "Фестиваль"}), "P301") == []
    [finding] = lint(post("ә" * 2501, "youtube", "video", options={"title": "Фестиваль"}), "P301")
    assert finding.message is DESCRIPTION_TOO_LONG
    assert finding.evidence["count"] == 5002 and finding.evidence["method"] == "utf8-bytes"
    assert finding.span == (2500, 2501)
    assert lint(post("a" * 5000, "youtube", "video", options={"title": "Фестиваль"}), "P301") == []


def test_youtube_title_counts_characters() -> None:
    assert lint(post("Сипаттама", "youtube", "video", options={"title": "Т" * 100}), "P301") == []
    [finding] = lint(post("Сипаттама", "youtube", "video", options={"title": "Т" * 101}), "P301")
    assert finding.message is TITLE_TOO_LONG
    assert finding.span is None and finding.evidence["title"] == "Т" * 101
    assert lint(post("Сипаттама", "youtube", "video", options={"title": 12345}), "P301") == []


def test_overrides_change_the_limit() -> None:
    caption = post("қ" * 1100, kind="photo")
    assert lint(caption, "P301", overrides={"telegram": {"caption_max": 2048}}) == []
    [finding] = lint(post("ә" * 100, "x"), "P301", overrides={"x": {"text_max": 50}})
    assert finding.evidence["limit"] == 50
    # a network without limits gets them from the override alone
    assert lint(post("ә" * 5000, "ok"), "P301") == []
    assert len(lint(post("ә" * 5000, "ok"), "P301", overrides={"ok": {"text_max": 4000}})) == 1


# === P302 ========================================================================================


def test_telegram_album_sizes() -> None:
    assert lint(post(kind="album", media=photos(2)), "P302") == []
    assert lint(post(kind="album", media=photos(10)), "P302") == []
    [finding] = lint(post(kind="album", media=photos(11)), "P302")
    assert finding.message is TOO_MANY_FILES
    assert (finding.params["count"], finding.params["limit"], finding.params["excess"]) == (
        11,
        10,
        1,
    )
    [finding] = lint(post(kind="album", media=photos(1)), "P302")
    assert finding.message is ALBUM_TOO_SMALL
    assert lint(post(kind="photo", media=photos(1)), "P302") == []


def test_telegram_documents_group_only_with_documents() -> None:
    [finding] = lint(post(kind="album", media=pdfs(2) + photos(1)), "P302")
    assert finding.message is DOCUMENTS_MIXED
    assert finding.params["documents"] == 2 and finding.params["visual"] == 1
    assert lint(post(kind="document", media=pdfs(3)), "P302") == []
    assert lint(post(kind="album", media=photos(2) + videos(1)), "P302") == []


def test_instagram() -> None:
    [finding] = lint(post(network="instagram"), "P302")
    assert finding.message is NEEDS_MEDIA
    [finding] = lint(post(network="instagram", kind="album", media=photos(11)), "P302")
    assert finding.message is TOO_MANY_FILES
    [finding] = lint(post(network="instagram", kind="photo", media=photos(1) + pdfs(1)), "P302")
    assert finding.message is NO_DOCUMENTS and finding.media == "doc-0.pdf"
    assert lint(post(network="instagram", kind="album", media=photos(2) + videos(1)), "P302") == []


def test_x_takes_four_photos_or_one_video_or_one_gif() -> None:
    assert lint(post(network="x", kind="album", media=photos(4)), "P302") == []
    assert lint(post(network="x", kind="photo", media=gifs(1)), "P302") == []
    assert lint(post(network="x", kind="video", media=videos(1)), "P302") == []
    assert messages(lint(post(network="x", kind="album", media=photos(5)), "P302")) == [
        TOO_MANY_PHOTOS
    ]
    assert messages(lint(post(network="x", kind="video", media=videos(2)), "P302")) == [
        TOO_MANY_VIDEOS
    ]
    assert messages(lint(post(network="x", kind="photo", media=gifs(2)), "P302")) == [TOO_MANY_GIFS]
    [finding] = lint(post(network="x", kind="album", media=photos(2) + videos(1)), "P302")
    assert finding.message is MEDIA_MIXED
    assert (finding.params["photos"], finding.params["videos"], finding.params["gifs"]) == (2, 1, 0)
    assert messages(lint(post(network="x", kind="photo", media=photos(1) + gifs(1)), "P302")) == [
        MEDIA_MIXED
    ]
    [finding] = lint(post(network="x", kind="photo", media=photos(1) + pdfs(1)), "P302")
    assert finding.message is NO_DOCUMENTS


def test_vk_counts_photos_and_videos_and_one_file() -> None:
    assert (
        lint(post(network="vk", kind="album", media=photos(9) + videos(1) + pdfs(1)), "P302") == []
    )
    assert messages(lint(post(network="vk", kind="album", media=photos(11)), "P302")) == [
        TOO_MANY_ATTACHMENTS
    ]
    assert messages(lint(post(network="vk", kind="document", media=pdfs(2)), "P302")) == [
        TOO_MANY_DOCUMENTS
    ]


def test_youtube_needs_one_video() -> None:
    assert messages(lint(post(network="youtube"), "P302")) == [NEEDS_VIDEO]
    assert lint(post(network="youtube", kind="video", media=videos(1)), "P302") == []
    [finding] = lint(post(network="youtube", kind="text", media=photos(1)), "P302")
    assert finding.message is ONLY_VIDEO and finding.media == "photo-0.jpg"
    assert set(messages(lint(post(network="youtube", kind="video", media=photos(1)), "P302"))) == {
        ONLY_VIDEO,
        KIND_NEEDS_VIDEO,
    }
    assert messages(lint(post(network="youtube", kind="video", media=videos(2)), "P302")) == [
        TOO_MANY_VIDEOS
    ]


def test_facebook_takes_no_documents() -> None:
    assert messages(lint(post(network="facebook", kind="document", media=pdfs(1)), "P302")) == [
        NO_DOCUMENTS
    ]


@pytest.mark.parametrize(
    ("kind", "files", "message"),
    [
        ("video", photos(2), KIND_NEEDS_VIDEO),
        ("photo", videos(1), KIND_NEEDS_IMAGE),
        ("infographic", pdfs(1), KIND_NEEDS_IMAGE),
        ("document", photos(1), KIND_NEEDS_DOCUMENT),
    ],
)
def test_a_kind_that_contradicts_its_files(
    kind: str, files: tuple[MediaRef, ...], message: Text
) -> None:
    assert message in messages(lint(post(kind=kind, media=files), "P302"))


def test_a_kind_that_needs_media_without_any() -> None:
    for kind in ("photo", "album", "video", "infographic", "document"):
        [finding] = lint(post(kind=kind), "P302")
        assert finding.message is KIND_NO_MEDIA and finding.params["kind"] == kind


def test_unreadable_files_count_but_never_contradict() -> None:
    unknown = tuple(media(None, name=f"broken-{i}.jpg") for i in range(3))
    assert lint(post(kind="video", media=unknown), "P302") == []
    assert messages(lint(post(kind="album", media=unknown * 4), "P302")) == [TOO_MANY_FILES]


def test_media_overrides() -> None:
    assert (
        lint(
            post(network="x", kind="album", media=photos(5)),
            "P302",
            overrides={"x": {"max_photos": 6}},
        )
        == []
    )
    assert (
        lint(post(network="instagram"), "P302", overrides={"instagram": {"needs_media": False}})
        == []
    )
    allowed = {"instagram": {"media_kinds": ["image", "video", "document"]}}
    assert (
        lint(
            post(network="instagram", kind="photo", media=photos(1) + pdfs(1)),
            "P302",
            overrides=allowed,
        )
        == []
    )
    only_images = {"instagram": {"media_kinds": ["image"]}}
    [finding] = lint(
        post(network="instagram", kind="photo", media=photos(1) + videos(1)),
        "P302",
        overrides=only_images,
    )
    assert finding.message is NOT_TAKEN and finding.params["allowed"] == "image"


# === P306 ========================================================================================


@pytest.mark.parametrize("title", [None, "", "   ", 42])
def test_a_missing_title(title: object) -> None:
    options = {} if title is None else {"title": title}
    assert messages(lint(post(network="youtube", kind="video", options=options), "P306")) == [
        TITLE_MISSING
    ]


def test_angle_brackets_in_title_and_description() -> None:
    [finding] = lint(
        post("Сипаттама", "youtube", "video", options={"title": "<Кітап> фестивалі"}), "P306"
    )
    assert finding.message is TITLE_FORBIDDEN and finding.evidence["chars"] == "<>"
    text = "Бағдарлама: 10:00 -> ашылу, 12:00 -> дәріс, x < y"
    [finding] = lint(post(text, "youtube", "video", options={"title": "Фестиваль"}), "P306")
    assert finding.message is DESCRIPTION_FORBIDDEN
    assert finding.span == (text.index(">"), text.index(">") + 1)
    assert finding.evidence["count"] == 3 and finding.evidence["chars"] == "<>"


def test_forbidden_characters_are_a_setting_and_other_networks_are_not_checked() -> None:
    subject = post("Сипаттама [жаңа]", "youtube", "video", options={"title": "Фестиваль"})
    assert lint(subject, "P306") == []
    assert len(lint(subject, "P306", forbidden_chars="<>[]")) == 1
    assert lint(post("a < b > c"), "P306") == []


# === P307 ========================================================================================


def poll_post(network: str = "telegram", kind: str = "poll", **poll: object) -> Subject:
    body = {"question": "Фестивальге келесіз бе?", "options": ["Иә", "Жоқ"], **poll}
    return post("Сауалнама", network, kind, options={"poll": body})


def test_a_good_poll_passes() -> None:
    assert lint(poll_post(), "P307") == []
    assert lint(poll_post(options=[f"Нұсқа {i}" for i in range(12)], multiple=True), "P307") == []


def test_option_counts() -> None:
    [finding] = lint(poll_post(options=["Иә"]), "P307")
    assert finding.message is TOO_FEW_OPTIONS and finding.params["limit"] == 2
    [finding] = lint(poll_post(options=[f"Нұсқа {i}" for i in range(13)]), "P307")
    assert finding.message is TOO_MANY_OPTIONS and finding.params["excess"] == 1
    # Bot API 10.0 takes one option: an office may allow it
    allow_one = {"telegram": {"poll_options_min": 1}}
    assert lint(poll_post(options=["Иә"]), "P307", overrides=allow_one) == []


def test_question_length() -> None:
    assert lint(poll_post(question="с" * 300), "P307") == []
    [finding] = lint(poll_post(question="с" * 301), "P307")
    assert finding.message is QUESTION_TOO_LONG and finding.params["count"] == 301
    question = "с" * 299 + EMOJI  # 300 code points, 301 UTF-16 units
    assert messages(lint(poll_post(question=question), "P307")) == [QUESTION_TOO_LONG]
    assert lint(poll_post(question=question), "P307", unit="code_point") == []
    assert messages(lint(poll_post(question="  "), "P307")) == [QUESTION_EMPTY]


def test_options_empty_long_and_repeated() -> None:
    [finding] = lint(poll_post(options=["Иә", " ", "Жоқ"]), "P307")
    assert finding.message is OPTION_EMPTY and finding.params["index"] == 2
    long_option = "ұ" * 101
    [finding] = lint(poll_post(options=["Иә", long_option]), "P307")
    assert finding.message is OPTION_TOO_LONG
    assert finding.params["index"] == 2 and finding.params["count"] == 101
    assert len(str(finding.params["option"])) <= 40
    [finding] = lint(poll_post(options=["Лекции", "Мастер-классы", " лекции  "]), "P307")
    assert finding.message is DUPLICATE_OPTIONS and finding.params["indexes"] == "1, 3"


def test_a_channel_poll_must_be_anonymous() -> None:
    [finding] = lint(poll_post(anonymous=False), "P307")
    assert finding.message is NOT_ANONYMOUS
    assert lint(poll_post(anonymous=True), "P307") == []
    assert lint(poll_post(anonymous=False), "P307", channel_polls_anonymous=False) == []


def test_a_poll_post_without_a_poll() -> None:
    assert messages(lint(post(kind="poll"), "P307")) == [POLL_MISSING]
    assert messages(lint(post(kind="poll", options={"poll": "Иә/Жоқ"}), "P307")) == [POLL_MISSING]
    assert lint(post(kind="text"), "P307") == []


def test_polls_elsewhere_are_not_checked_and_garbage_does_not_crash() -> None:
    assert lint(poll_post(network="vk", options=["Иә"]), "P307") == []
    weird = poll_post(question=None, options=[None, 3, {"a": 1}, True])
    found = messages(lint(weird, "P307"))
    assert QUESTION_EMPTY in found and OPTION_EMPTY in found


# --- Robustness ---------------------------------------------------------------------------------

MEDIA_REFS = st.builds(
    MediaRef,
    name=st.text(max_size=10),
    path=st.none(),
    sha256=st.none(),
    mime=st.one_of(
        st.none(),
        st.sampled_from(["image/jpeg", "image/gif", "video/mp4", "application/pdf", "x/y"]),
    ),
    kind=st.one_of(st.none(), st.sampled_from(["image", "video", "document", "audio"])),
    size=st.one_of(st.none(), st.integers(min_value=0)),
)
JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
    lambda inner: (
        st.lists(inner, max_size=14) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)
OPTIONS = st.fixed_dictionaries(
    {},
    optional={
        "title": JSONISH,
        "poll": st.one_of(
            JSONISH,
            st.fixed_dictionaries(
                {},
                optional={"question": JSONISH, "options": JSONISH, "anonymous": JSONISH},
            ),
        ),
    },
)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(max_size=300),
    network=st.sampled_from([*sorted(LIMITS), "myspace"]),
    kind=st.sampled_from(
        ["text", "photo", "album", "video", "infographic", "poll", "document", "announcement", "x"]
    ),
    files=st.lists(MEDIA_REFS, max_size=14),
    options=OPTIONS,
)
def test_the_rules_never_crash(
    text: str, network: str, kind: str, files: list[MediaRef], options: dict[str, object]
) -> None:
    subject = Subject(text=text, network=network, kind=kind, media=tuple(files), options=options)
    for code in ("P301", "P302", "P306", "P307"):
        lint(subject, code)
