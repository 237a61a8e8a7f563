"""X601-X603: personal data, unsafe links, alt text (beyond the examples of test_rules_contract)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from channels.limits import LIMITS
from linters.context import OfficeView
from linters.engine import Engine
from linters.findings import Finding, Severity
from linters.rules.privacy import (
    IDNA_CHECKER,
    Example,
    X601Settings,
    X602Settings,
    _photo,
    idna_problem,
    iin_checksum_ok,
    iin_control_digit,
    mask,
)
from linters.settings import LintSettings
from linters.subject import Subject
from posts.i18n import LANGS
from tests.rule_helpers import lint_one

lint = lint_one


def _assert_masked(finding: Finding, secret: str) -> None:
    """Neither the evidence nor any rendering of the message holds the full value."""
    digits = "".join(c for c in secret if c.isdigit())
    assert digits not in "".join(c for c in str(finding.evidence) if c.isdigit() or c == ",")
    assert secret not in str(finding.evidence)
    for lang in LANGS:
        rendered = finding.render(lang)
        assert secret not in rendered
        assert digits not in "".join(c for c in rendered if c.isdigit())


# --- the IIN/BIN checksum ---------------------------------------------------------------------


def test_control_digit_of_known_numbers() -> None:
    # Worked by hand: 8*1+7*2+0*3+4*4+1*5+2*6+3*7+0*8+0*9+1*10+2*11 = 108, 108 % 11 = 9.
    assert iin_control_digit("87041230012") == 9
    assert iin_checksum_ok("870412300129")
    assert not iin_checksum_ok("870412300128")
    assert not iin_checksum_ok("87041230012")
    assert not iin_checksum_ok("８７０４１２３００１２９")  # full-width digits are not an IIN


def test_control_digit_second_pass() -> None:
    # First pass gives 10: the second weights (3..11, 1, 2) decide.
    first11 = next(
        f"{n:011d}"
        for n in range(10**10, 10**10 + 10**6)
        if sum(int(d) * w for d, w in zip(f"{n:011d}", range(1, 12), strict=True)) % 11 == 10
    )
    second = (
        sum(int(d) * w for d, w in zip(first11, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2), strict=True))
        % 11
    )
    assert iin_control_digit(first11) == (None if second == 10 else second)


@st.composite
def valid_iins(draw: st.DrawFn) -> str:
    """A structurally valid IIN with a computed control digit."""
    yy = draw(st.integers(0, 99))
    mm = draw(st.integers(1, 12))
    dd = draw(st.integers(1, 28))
    century_sex = draw(st.integers(1, 6))
    serial = draw(st.integers(0, 9999))
    first11 = f"{yy:02d}{mm:02d}{dd:02d}{century_sex}{serial:04d}"
    control = iin_control_digit(first11)
    assume(control is not None)
    return first11 + str(control)


@st.composite
def valid_bins(draw: st.DrawFn) -> str:
    yy = draw(st.integers(0, 99))
    mm = draw(st.integers(1, 12))
    kind = draw(st.sampled_from("456"))
    attribute = draw(st.sampled_from("0123"))
    serial = draw(st.integers(0, 99999))
    first11 = f"{yy:02d}{mm:02d}{kind}{attribute}{serial:05d}"
    control = iin_control_digit(first11)
    assume(control is not None)
    return first11 + str(control)


CONTEXTS = st.sampled_from(
    [
        ("Жеңімпаздың ЖСН-і: ", " — құттықтаймыз!"),
        ("ИИН ", "."),
        ("Получатель ", ", спасибо"),
        ("", ""),
        ("(", ")"),
        ("БСН\n", "\nОфис"),
    ]
)


@settings(max_examples=200, deadline=None)
@given(number=st.one_of(valid_iins(), valid_bins()), around=CONTEXTS)
def test_valid_iins_and_bins_are_flagged_and_masked(number: str, around: tuple[str, str]) -> None:
    before, after = around
    text = before + number + after
    [finding] = lint(text, "X601")
    assert finding.severity is Severity.ERROR
    assert finding.span == (len(before), len(before) + 12)
    assert finding.evidence["kind"] in ("iin", "bin")
    assert finding.evidence["masked"] == "*" * 10 + number[-2:]
    _assert_masked(finding, number)


@settings(max_examples=300, deadline=None)
@given(number=st.text("0123456789", min_size=12, max_size=12), around=CONTEXTS)
def test_twelve_digits_failing_the_checksum_are_not_flagged(
    number: str, around: tuple[str, str]
) -> None:
    assume(not iin_checksum_ok(number))
    assert lint(around[0] + number + around[1], "X601") == []


@settings(max_examples=100, deadline=None)
@given(first11=st.text("0123456789", min_size=11, max_size=11))
def test_structure_check_is_a_setting(first11: str) -> None:
    control = iin_control_digit(first11)
    assume(control is not None)
    number = first11 + str(control)
    [loose] = lint(number, "X601", rule_settings=X601Settings(check_structure=False))
    month, day = int(number[2:4]), int(number[4:6])
    is_iin = 1 <= month <= 12 and 1 <= day <= 31 and number[6] in "123456"
    is_bin = 1 <= month <= 12 and number[4] in "456" and number[5] in "0123"
    assert loose.evidence["kind"] == ("iin" if is_iin else "bin" if is_bin else "iin_or_bin")
    assert len(lint(number, "X601")) == (1 if is_iin or is_bin else 0)


def test_allowed_ids_and_grouped_forms() -> None:
    office_bin = "120340005670"
    assert iin_checksum_ok(office_bin)
    assert lint(f"Офис БСН {office_bin}", "X601")
    allowed = X601Settings(allowed_ids=("1203 4000 5670",))
    assert lint(f"Офис БСН {office_bin}", "X601", rule_settings=allowed) == []
    [grouped] = lint("ИИН: 8704-1230-0129", "X601")
    assert grouped.evidence["kind"] == "iin"
    assert lint("Нөмір: 8704 1230 0129", "X601") == []  # grouped without the word ИИН/ЖСН


@pytest.mark.parametrize(
    "text",
    [
        "Фестиваль 28.11.2026, 10:00-де. 2026 жыл — кітап жылы.",
        "Бюджет — 12 500 000 тенге, из них 8 701 234 567 тенге на гранты.",
        "Жобаға 87 701 234 567 теңге бөлінді.",
        "Қатысушылар саны: 1 200 000, 2025–2026 оқу жылы.",
        "Время: 202611281000 (YYYYMMDDhhmm).",
        "Число π ≈ 3.141592653589 — и 0,870412300129 тоже.",
        "Приказ № 123456789 от 12.11.2026.",
        "Анықтама: 8 (7252) 53-12-40, +7 727 250 00 00.",
        "Ссылка: https://rukhani.kz/n/870412300129?phone=87011234567",
        "Код товара 4870412300129.",
    ],
)
def test_x601_must_pass(text: str) -> None:
    assert lint(text, "X601") == []


# --- phones -----------------------------------------------------------------------------------

MOBILE = st.builds(
    lambda code, rest: code + f"{rest:07d}",
    st.sampled_from(["700", "701", "702", "705", "707", "708", "747", "771", "775", "777", "778"]),
    st.integers(0, 9_999_999),
)
STYLES = [
    lambda n: f"+7 {n[:3]} {n[3:6]} {n[6:8]} {n[8:]}",
    lambda n: f"+7 ({n[:3]}) {n[3:6]}-{n[6:8]}-{n[8:]}",
    lambda n: f"8 {n[:3]} {n[3:6]} {n[6:]}",
    lambda n: f"8-{n[:3]}-{n[3:6]}-{n[6:8]}-{n[8:]}",
    lambda n: f"+7{n}",
    lambda n: f"8{n}",
    lambda n: f"8 ({n[:3]}) {n[3:]}",
]


@settings(max_examples=150, deadline=None)
@given(
    number=MOBILE,
    style=st.sampled_from(range(len(STYLES))),
    listed=st.sampled_from(range(len(STYLES))),
)
def test_mobile_numbers_are_flagged_unless_public(number: str, style: int, listed: int) -> None:
    written = STYLES[style](number)
    text = f"Сұрақтар бойынша: {written}, Айгүл."
    [finding] = lint(text, "X601")
    assert finding.evidence["kind"] == "mobile"
    assert finding.span is not None and text[finding.span[0] : finding.span[1]] == written
    assert finding.evidence["masked"].endswith(number[-2:])
    _assert_masked(finding, written)
    office = OfficeView(public_numbers=(STYLES[listed](number),))
    assert lint(text, "X601", office=office) == []


def test_mobile_codes_are_a_setting() -> None:
    text = "Тел.: +7 760 123 45 67"
    assert lint(text, "X601") == []
    assert lint(text, "X601", rule_settings=X601Settings(mobile_codes=("760",)))
    with pytest.raises(ValueError):
        X601Settings(mobile_codes=("12",))


# --- ID documents -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Жеке куәлік № 043567812 табылды.", "id_card"),
        ("Жеке куәлігінің нөмірі: 043567812", "id_card"),
        ("удостоверение личности 043567812 выдано МВД РК", "id_card"),
        ("Потерян паспорт N12345678.", "passport"),
        ("Төлқұжат нөмірі N 12345678", "passport"),
        ("Документ N12345678 найден", "passport"),
    ],
)
def test_id_document_numbers(text: str, kind: str) -> None:
    [finding] = lint(text, "X601")
    assert finding.evidence["kind"] == kind
    assert finding.span is not None
    _assert_masked(finding, text[finding.span[0] : finding.span[1]])


@pytest.mark.parametrize(
    "text",
    [
        "Шарт № 043567812 бойынша жұмыс жүргізілді.",  # nine digits with no document word
        "Паспорт проекта утверждён в 2026 году, номер заявки 12345.",
        "Жеке куәлік алу үшін ХҚКО-ға барыңыз. Байланыс орталығы 1414, ал жоба 000123456789 000.",
        "Modem N123456789",  # nine digits after N is not a passport
    ],
)
def test_id_document_must_pass(text: str) -> None:
    assert lint(text, "X601") == []


def test_mask() -> None:
    assert mask("870412300129") == "**********29"
    assert mask("+7 (701) 234-56-78") == "+* (***) ***-**-78"
    assert mask("N12345678") == "*******78"


# --- X602 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reasons"),
    [
        ("http://rukhani.kz", ["http"]),
        ("HTTP://RUKHANI.KZ/A", ["http"]),
        ("https://bit.ly/x", ["shortener"]),
        ("http://bit.ly/x", ["shortener", "http"]),
        ("Тіркелу: clck.ru/36Abc", ["shortener"]),
        ("https://tinyurl.com/abc", ["shortener"]),
        ("https://t.ly/abc", ["shortener"]),
        ("https://goo.su/abc", ["shortener"]),
        ("https://192.168.0.1/admin", ["ip"]),
        ("https://[2001:db8::1]/x", ["ip"]),
        ("https://3232235521/x", ["ip"]),
        ("https://xn--zz.kz/", ["idna"]),
        ("https://-rukhani.kz/", ["idna"]),
        ("https://ex$ample.kz/", ["idna"]),
        ("https://раypal.com", ["mixed_script"]),
        ("https://xn--pypal-4ve.com/", ["mixed_script"]),
    ],
)
def test_x602_reasons(text: str, reasons: list[str]) -> None:
    [finding] = lint(text, "X602")
    assert finding.severity is Severity.WARNING
    assert finding.evidence["reasons"] == reasons
    assert finding.evidence["idna_checker"] == IDNA_CHECKER
    assert finding.span is not None and text[finding.span[1] - 1] not in ".,)"


@pytest.mark.parametrize(
    "text",
    [
        "https://rukhani.kz/news?id=1#top",
        "https://руханижаңғыру.қаз/жаңалықтар",
        "https://xn--80aarhyqfsgn5e90c6f.kz/",
        "www.rukhanizhangyru.kz",
        "https://t.me/rukhani_turkistan, https://vk.com/rukhani",
        "https://my_site.kz/ (underscore tolerated)",
        "Пишите на info@bit.ly.kz или заходите на сайт.",
        "Біз туралы: https://rukhani.kz).",
        "https://bitly.community.kz/x",  # not a shortener host
    ],
)
def test_x602_must_pass(text: str) -> None:
    assert lint(text, "X602") == []


def test_x602_shortener_list_is_a_setting() -> None:
    assert lint("https://bit.ly/x", "X602", rule_settings=X602Settings(shorteners=())) == []
    assert lint("https://sh.kz/x", "X602", rule_settings=X602Settings(shorteners=("sh.kz",)))
    assert lint("https://a.sh.kz/x", "X602", rule_settings=X602Settings(shorteners=("sh.kz",)))
    mixed_off = X602Settings(mixed_script_hosts=False)
    assert lint("https://раypal.com", "X602", rule_settings=mixed_off) == []


def test_idna_problem() -> None:
    assert idna_problem("rukhani.kz") is None
    assert idna_problem("пример.қаз") is None
    assert idna_problem("a..kz") is not None
    assert idna_problem("a" * 64 + ".kz") is not None


# --- X603 -------------------------------------------------------------------------------------


def test_x603_names_each_photo_without_alt() -> None:
    media = (
        _photo("a.jpg", "Балалар кітап оқып отыр"),
        _photo("b.jpg"),
        _photo("c.mp4", kind="video"),
        _photo("d.jpg", "  "),
        _photo("e.pdf", kind=None),
    )
    findings = lint("Фестиваль", "X603", network="instagram", media=media)
    assert [f.media for f in findings] == ["b.jpg", "d.jpg"]
    assert all(f.severity is Severity.INFO for f in findings)
    assert findings[0].evidence == {"media": "b.jpg", "index": 1, "network": "instagram"}
    assert "b.jpg" in findings[0].render("kk")


@pytest.mark.parametrize("network", ["facebook", "instagram", "x", "vk"])
def test_x603_networks_with_alt_text(network: str) -> None:
    assert lint("", "X603", network=network, media=(_photo("a.png", kind=None),))


@pytest.mark.parametrize("network", ["telegram", "youtube", "ok"])
def test_x603_networks_without_alt_text(network: str) -> None:
    assert lint("", "X603", network=network, media=(_photo("a.jpg"),)) == []


def test_media_example_carries_its_media() -> None:
    example = Example("x", network="vk", media=(_photo("a.jpg"),))
    assert example.subject().media == (_photo("a.jpg"),)


# --- robustness -------------------------------------------------------------------------------

PIECES = [
    *"0123456789 +-()#.,:/№N\n",
    "http://",
    "https://",
    "www.",
    "bit.ly/",
    "[::",
    "xn--",
    "ИИН ",
    "паспорт ",
    "жеке куәлік ",
    "ә",
    "а",
    "p",
]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_x_rules_never_crash_and_never_show_a_full_number(text: str) -> None:
    engine = Engine(LintSettings(select=("X",)), limits=LIMITS)
    result = engine.lint(Subject(text=text, network="vk", kind="text"))
    assert result.crashes == ()
    for f in result.findings:
        assert f.span is not None and 0 <= f.span[0] < f.span[1] <= len(text)
        if f.code == "X601":
            assert (
                "".join(c for c in str(f.evidence["masked"]) if c.isdigit())
                == "".join(c for c in text[f.span[0] : f.span[1]] if c.isdigit())[-2:]
            )


def test_list_settings_come_from_toml_arrays() -> None:
    import tomllib

    from linters.engine import REGISTRY
    from linters.settings import parse_lint_settings

    raw = tomllib.loads(
        '[rules.X601]\nallowed_ids = ["120340005670"]\nmobile_codes = ["701"]\n'
        '[rules.X602]\nshorteners = ["sh.kz"]\n'
    )
    parsed = parse_lint_settings(raw, REGISTRY)
    x601 = parsed.rule_settings["X601"]
    assert x601 == X601Settings(allowed_ids=("120340005670",), mobile_codes=("701",))
    assert lint("БСН 120340005670, тел. 8 777 123 45 67", "X601", rule_settings=x601) == []
    assert parsed.rule_settings["X602"] == X602Settings(shorteners=("sh.kz",))


def test_phone_separators_and_foreign_digits() -> None:
    assert lint("Тел.: +7\u00a0701\u00a0234\u00a056\u00a078", "X601")  # no-break spaces
    assert lint("Тел.: 8–701–234–56–78", "X601")  # en dashes
    assert lint("ЖСН ٨٧٠٤١٢٣٠٠١٢٩", "X601") == []  # Arabic-Indic digits are not read
    # a 10-digit number that starts inside the window is not cut to nine digits
    assert lint("Удостоверение личности выдано, номер договора 0435678123", "X601") == []
