"""The X weighted counter: twitter-text v3 conformance cases, Kazakh and Russian text, properties."""

from __future__ import annotations

import itertools
import unicodedata

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from linters.x_length import (
    MAX_WEIGHTED_LENGTH,
    TRANSFORMED_URL_LENGTH,
    char_weight,
    find_urls,
    overflow_offset,
    weighted_length,
    weighted_units,
)

KAZAKH_LETTERS = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
ALPHABET = KAZAKH_LETTERS + KAZAKH_LETTERS.upper()
FAMILY = "👨\u200d👩\u200d👧\u200d👦"

# --- twitter-text's conformance suite (validate.yml, WeightedTweetsWithDiscountedEmojiCounterTest) ---
# (text, weighted length, first offset beyond 280 or None)

_X285 = "285 chars-" + "xxxxxxxxxx-" * 25
_URL_MIDDLE = "285 chars- http://www.twitter.com/jack " + "xxxxxxxxxx-" * 24
_URL_END = "xxxxxxxxxx-" * 24 + " http://www.twitter.com/jack "
_KANA = "あいうえおかきくけこ"
CONFORMANCE = [
    pytest.param("Hi http://test.co", 26, None, id="regular-with-url"),
    pytest.param("http://test.co", 23, None, id="just-url"),
    pytest.param(_X285, 285, 280, id="overflow-at-280"),
    pytest.param(_URL_MIDDLE, 299, 284, id="url-in-the-middle"),
    pytest.param(_URL_END, 289, 265, id="url-at-the-end"),
    pytest.param("https://www.twitter.com/aloha " * 10, 240, None, id="ten-urls"),
    pytest.param("故" * 160, 320, 140, id="160-cjk"),
    pytest.param("😷" * 160, 320, 140, id="160-emoji"),
    pytest.param("the" + "故" * 160, 323, 141, id="latin-then-cjk"),
    pytest.param("A\u0301B", 2, None, id="A-acute-normalised-to-one"),
    pytest.param("A\ufb2c", 4, None, id="hebrew-presentation-form-to-three"),
    pytest.param(
        "282 chars-" + "xxxxxxxxxx-" * 24 + "xxxxxA\u0301x", 281, 281, id="normalised-near-limit"
    ),
    pytest.param("randomurl" * 7 + "s.com", 68, None, id="64-char-label-is-no-domain"),
    pytest.param(
        _KANA * 12 + " http://" + _KANA * 5 + "あいう.com", 358, 144, id="idn-label-too-long"
    ),
    pytest.param(_KANA * 12 + " http://" + _KANA * 5 + "あい.com", 264, None, id="idn-label-fits"),
    pytest.param(FAMILY * 140, 280, None, id="140-families"),
    pytest.param("1\u20e3", 2, None, id="keycap-with-latin-base"),
    pytest.param(
        "Unicode 10.0 emoji: 🤪; 🧕; 🧕🏾; 🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
        34,
        None,
        id="unicode-10-emoji",
    ),
    pytest.param("Unicode 9.0 emoji: 🤠; 💃; 💃🏾", 29, None, id="unicode-9-emoji"),
    pytest.param("ABC\u202a\uffffABC\ufffe", 12, None, id="invalid-characters"),
    pytest.param(
        "\u2066\u202ahttp://foobar.پاکستان/\u202c\u2069", 31, None, id="directional-marks"
    ),
]


@pytest.mark.parametrize(("text", "length", "overflow"), CONFORMANCE)
def test_twitter_text_conformance(text: str, length: int, overflow: int | None) -> None:
    assert weighted_length(text) == length
    assert overflow_offset(text, MAX_WEIGHTED_LENGTH) == overflow


def test_weight_one_ranges_and_their_edges() -> None:
    ones = [0x0000, 0x0041, 0x0416, 0x04D9, 0x10FF, 0x2000, 0x200D, 0x2010, 0x201F, 0x2032, 0x2037]
    twos = [0x1100, 0x1FFF, 0x200E, 0x200F, 0x2020, 0x2026, 0x2031, 0x2038, 0x20B8, 0x2116, 0x4E2D]
    assert [char_weight(chr(c)) for c in ones] == [1] * len(ones)
    assert [char_weight(chr(c)) for c in twos] == [2] * len(twos)
    punctuation = "".join(
        chr(c)
        for low, high in ((0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
        for c in range(low, high + 1)
    )
    assert weighted_length(punctuation) == len(punctuation)


# --- The text of regional offices ---------------------------------------------------------------


def test_every_kazakh_and_russian_letter_weighs_one() -> None:
    assert weighted_length(ALPHABET) == len(ALPHABET) == 84
    assert weighted_length("«Рухани жаңғыру» — болашаққа бағдар!") == 36


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("…", 2),  # U+2026 is outside U+2010–U+201F
        ("№ 5", 4),
        ("1000 ₸", 7),
        ("«»", 2),
        ("—", 1),
        ("и\u0306", 1),  # й typed as и + breve: NFC makes one letter
        ("і\u0308", 1),  # ї: precomposed U+0457 exists
        ("ә\u0301", 2),  # no precomposed form: the mark counts
    ],
)
def test_punctuation_and_normalisation(text: str, length: int) -> None:
    assert weighted_length(text) == length


@pytest.mark.parametrize(
    "emoji",
    [
        "😷",
        "❤️",  # presentation selector
        "👍🏽",  # skin tone
        "🇰🇿",  # flag
        "1️⃣",  # keycap
        "#️⃣",
        "©",  # a lone ©: an emoji for twitter-text, so 2
        "©️",
        FAMILY,
        "🧑\u200d🧑\u200d🧒",  # Unicode 15 family
        "🏃🏽\u200d♀️",  # modifier inside a ZWJ sequence
        "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # tag sequence
    ],
)
def test_an_emoji_sequence_weighs_two(emoji: str) -> None:
    assert weighted_length(emoji) == 2
    units = weighted_units(emoji)
    assert [(u.start, u.end, u.kind) for u in units] == [(0, len(emoji), "emoji")]


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("❤\ufe0e", 4),  # text presentation: not an emoji sequence, two code points of weight 2
        ("😷\u200d", 3),  # a dangling joiner counts as itself
        ("🇰🇿🇷", 4),  # a flag and a lone regional indicator
        ("a\ufe0f", 3),
    ],
)
def test_malformed_sequences_count_by_code_point(text: str, length: int) -> None:
    assert weighted_length(text) == length


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("Сайт: https://akorda.kz/kk/news", ["https://akorda.kz/kk/news"]),
        ("akorda.kz сайтында", ["akorda.kz"]),
        ("www.gov.kz.", ["www.gov.kz"]),
        ("Жазыңыз: info@akorda.kz", []),  # an e-mail address is no link
        ("(https://egov.kz/cms/ru).", ["https://egov.kz/cms/ru"]),
        (
            "https://kk.wikipedia.org/wiki/Абай_Құнанбайұлы!",
            ["https://kk.wikipedia.org/wiki/Абай_Құнанбайұлы"],
        ),
        (
            "https://ru.wikipedia.org/wiki/Primer_(film)",
            ["https://ru.wikipedia.org/wiki/Primer_(film)"],
        ),
        ("https://президент.рф/ru", ["https://президент.рф/ru"]),
        ("Толығырақ: https://akorda.kz/kk👇", ["https://akorda.kz/kk"]),
        ("https://akorda.kz:8443/a?b=1&c=2#d.", ["https://akorda.kz:8443/a?b=1&c=2#d"]),
        ("http://192.168.0.1/index", ["http://192.168.0.1/index"]),
        ("т.б. 3.14 e.g. U.S.A. file.txt", []),
        ("a.bx https://localhost/", []),
        ("http://domain-dash_2314352345_dfasd.foo-cow_4352.com", []),
    ],
)
def test_urls(text: str, urls: list[str]) -> None:
    spans = find_urls(text)
    assert [text[a:b] for a, b in spans] == urls
    rest = "".join(
        text[b:e]
        for b, e in zip(
            [0] + [e for _, e in spans], [s for s, _ in spans] + [len(text)], strict=True
        )
    )
    assert weighted_length(text) == weighted_length(rest) + TRANSFORMED_URL_LENGTH * len(urls)


def test_a_long_link_counts_23() -> None:
    link = "https://www.akorda.kz/kk/" + "жаңалықтар/" * 30
    assert weighted_length(f"Қараңыз: {link}") == 9 + 23


def test_overflow_offset_marks_the_first_unit_beyond_the_limit() -> None:
    text = "ә" * 279 + "😷" + "б"
    assert weighted_length(text) == 282
    assert overflow_offset(text, 280) == 279  # the emoji straddles the limit: it goes whole
    assert overflow_offset(text, 281) == 280
    assert overflow_offset(text, 282) is None
    assert overflow_offset("", 0) is None
    link = "x" * 270 + " https://akorda.kz"
    assert overflow_offset(link, 280) == 271  # the link is one unit


def test_units_cover_the_text_in_order() -> None:
    text = "Сайт: akorda.kz 👍🏽 и\u0306 — «Рухани жаңғыру»!"
    units = weighted_units(text)
    assert units[0].start == 0 and units[-1].end == len(text)
    assert all(a.end == b.start for a, b in itertools.pairwise(units))
    assert sum(u.weight for u in units) == weighted_length(text)


# --- Properties ---------------------------------------------------------------------------------

_JOINING = regex.compile(
    r"[\p{GCB=Extend}\p{GCB=SpacingMark}\p{GCB=Prepend}\p{GCB=ZWJ}\p{GCB=Regional_Indicator}"
    r"\p{GCB=L}\p{GCB=V}\p{GCB=T}\p{GCB=LV}\p{GCB=LVT}\p{GCB=CR}\p{GCB=LF}\p{Emoji_Modifier}]"
)


def _plain(char: str) -> bool:
    """A character that never joins its neighbour: no mark, joiner, jamo, CR, and no `.` (URLs)."""
    return char != "." and not _JOINING.match(char)


PLAIN_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)).filter(_plain), max_size=60)


@settings(max_examples=300, deadline=None)
@given(a=PLAIN_TEXT, b=PLAIN_TEXT)
@example(a="Қазақ", b="стан 😷")
@example(a="akorda", b="kz")  # no dot: never a URL
def test_length_is_additive_over_plain_pieces(a: str, b: str) -> None:
    assert weighted_length(a + b) == weighted_length(a) + weighted_length(b)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=80))
@example(text="Сайт: https://akorda.kz/kk/тарих?ә=1 й é 👍🏽")
@example(text="ı̇\u0345ῥ\u0313\u0301")
def test_length_does_not_change_under_normalisation(text: str) -> None:
    length = weighted_length(text)
    assert weighted_length(unicodedata.normalize("NFC", text)) == length
    assert weighted_length(unicodedata.normalize("NFD", text)) == length


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=80))
def test_normalising_cluster_by_cluster_equals_normalising_the_text(text: str) -> None:
    clusters = regex.findall(r"\X", text, flags=regex.DOTALL)
    by_cluster = "".join(unicodedata.normalize("NFC", c) for c in clusters)
    assert by_cluster == unicodedata.normalize("NFC", text)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=400))
def test_kazakh_and_russian_letters_count_one_each(text: str) -> None:
    assert weighted_length(text) == len(text)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=120), limit=st.integers(min_value=0, max_value=300))
def test_overflow_offset_agrees_with_the_length(text: str, limit: int) -> None:
    offset = overflow_offset(text, limit)
    if weighted_length(text) <= limit:
        assert offset is None
        return
    assert offset is not None and 0 <= offset < len(text)
    units = weighted_units(text)
    before = sum(u.weight for u in units if u.end <= offset)
    crossing = next(u for u in units if u.start == offset)
    assert before <= limit < before + crossing.weight
