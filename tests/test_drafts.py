"""Draft files: parsing, and a clear trilingual error for every kind of bad input."""

from __future__ import annotations

import hashlib
import json
import string
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posts import draft_schema
from posts.draft_schema import TOML_EXPLAINED, TYPE_NAMES
from posts.drafts import BOM, Draft, DraftWaiver, find_drafts, parse_draft, parse_draft_text
from posts.errors import InputError, Problem
from posts.i18n import LANGS, Text
from posts.vocab import DIRECTIONS, DRAFT_NETWORKS, LANGUAGES, SPECIAL_PROJECTS, PostKind

TZ = ZoneInfo("Asia/Almaty")
NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)  # 17:00 in Almaty
CHANNELS = {"tg-main": "telegram", "tg-kk": "telegram", "ig-main": "instagram"}
MINIMAL = 'network = "telegram"\nkind = "text"\nstory = "kitap-fest"'


def draft(front: str, body: str = "Кітап фестивалі басталды!") -> str:
    return f"+++\n{front}\n+++\n{body}\n"


def parse(text: str | bytes, folder: Path, **kw: object) -> Draft:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    options: dict[str, object] = {"tz": TZ, "now": NOW, **kw}
    return parse_draft_text(raw, path=folder / "draft.md", **options)  # type: ignore[arg-type]


def problems(text: str | bytes, folder: Path, **kw: object) -> list[Problem]:
    """The problems of a bad draft; each must render in every language with all its parameters."""
    with pytest.raises(InputError) as info:
        parse(text, folder, **kw)
    for problem in info.value.problems:
        for lang in LANGS:
            assert "{" not in problem.render(lang).replace("{{", "")
    return info.value.problems


def only(found: list[Problem], key: str | None) -> Problem:
    matching = [p for p in found if p.location.key == key]
    assert len(matching) == 1, [p.render() for p in found]
    return matching[0]


def rendered(problem: Problem) -> dict[str, str]:
    return {lang: problem.render(lang) for lang in LANGS}


# --- Good drafts ----------------------------------------------------------------------------------------

DESIGN_EXAMPLE = """\
+++
network = "instagram"                 # telegram | instagram | facebook | vk | ok | x | youtube
channel = "ig-main"                   # a channel id from config.toml (optional for lint)
kind = "photo"                        # text | photo | album | video | infographic | poll | announcement
language = "kk"                       # optional: detected when absent
story = "kitap-fest"                  # groups the variants of one story across networks
direction = "national-identity"       # one of the six directions (optional)
project = "dastur-men-guryp"          # a special project (optional)
event = "2026-11-28-kitap-fest"       # a plan or media-grid event (optional)
media = ["fest-01.jpg", "fest.mp4"]   # paths relative to the draft file
scheduled = 2026-11-28T10:00:00+05:00 # optional: the next free slot otherwise
logo_basis = "plan:2026-W48-03"       # or "pa:<number>/<date>" or "ministry:<number>/<date>"
[[waive]]                             # optional, only honoured from an editor's account or the desk
code = "T105"
reason = "a joint announcement that must read the same everywhere"
+++
The text of the post…
"""


def test_the_design_example_parses(tmp_path: Path) -> None:
    (tmp_path / "fest-01.jpg").write_bytes(b"jpg")
    (tmp_path / "fest.mp4").write_bytes(b"mp4")
    path = tmp_path / "kitap.md"
    path.write_text(DESIGN_EXAMPLE, encoding="utf-8")

    got = parse_draft(path, tz=TZ, now=NOW, channels=CHANNELS)

    assert (got.network, got.channel, got.kind, got.language) == (
        "instagram",
        "ig-main",
        "photo",
        "kk",
    )
    assert (got.story, got.direction, got.project) == (
        "kitap-fest",
        "national-identity",
        "dastur-men-guryp",
    )
    assert got.event == "2026-11-28-kitap-fest"
    assert got.media == ((tmp_path / "fest-01.jpg").resolve(), (tmp_path / "fest.mp4").resolve())
    assert all(p.is_absolute() for p in got.media)
    assert got.alt == (None, None)
    assert got.scheduled == datetime(2026, 11, 28, 5, 0, tzinfo=UTC)
    assert got.logo_basis == "plan:2026-W48-03"
    assert got.waivers == (
        DraftWaiver("T105", "a joint announcement that must read the same everywhere", 13),
    )
    assert got.text == "The text of the post…"
    assert got.body_line == 17
    assert got.source_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert got.options == {}
    assert got.path == path


def test_a_minimal_draft_gets_the_defaults(tmp_path: Path) -> None:
    got = parse(draft(MINIMAL), tmp_path)
    assert (got.channel, got.language, got.direction, got.project, got.event) == (None,) * 5
    assert (got.media, got.alt, got.waivers) == ((), (), ())
    assert (got.scheduled, got.logo_basis, got.title) == (None, None, None)
    assert got.options == {}
    assert got.body_line == 6
    assert hash(got) == hash(parse(draft(MINIMAL), tmp_path))  # frozen and hashable


def test_the_optional_keys_for_later_issues(tmp_path: Path) -> None:
    front = """\
network = "telegram"
kind = "poll"
story = "kitap-fest"
title = "Кітап фестивалі"
media = ["a.jpg", "b.jpg"]
alt = ["Кітап сөрелері", ""]
silent = true
protect = false
pin = true
[poll]
question = "Қай кітапты оқыдыңыз?"
options = ["Абай жолы", "Көшпенділер"]
[button]
text = "Тіркелу"
url = "https://example.kz/kitap-fest"
"""
    got = parse(draft(front, body=""), tmp_path, check_media_exists=False)
    assert got.title == "Кітап фестивалі"
    assert got.alt == ("Кітап сөрелері", None)
    assert got.options == {
        "poll": {
            "question": "Қай кітапты оқыдыңыз?",
            "options": ["Абай жолы", "Көшпенділер"],
            "anonymous": True,
            "multiple": False,
        },
        "button": {"text": "Тіркелу", "url": "https://example.kz/kitap-fest"},
        "silent": True,
        "protect": False,
        "pin": True,
    }
    assert json.loads(json.dumps(got.options)) == got.options


def test_the_body_keeps_inner_fences_and_leading_lines(tmp_path: Path) -> None:
    body = "\nБірінші абзац.\n+++\nЕкінші абзац.   \n\n\t"
    got = parse(draft(MINIMAL, body=body), tmp_path)
    assert got.text == "\nБірінші абзац.\n+++\nЕкінші абзац."
    assert got.body_line == 6  # the blank line right after the closing +++


def test_a_bom_is_accepted(tmp_path: Path) -> None:
    raw = BOM + draft(MINIMAL).encode("utf-8")
    got = parse(raw, tmp_path)
    assert got.network == "telegram"
    assert got.text == "Кітап фестивалі басталды!"
    assert got.source_sha256 == hashlib.sha256(raw).hexdigest()


def test_crlf_line_endings_are_accepted(tmp_path: Path) -> None:
    text = draft(MINIMAL + '\nmedia = [\n  "a.jpg",\n]', body="Бірінші жол\nЕкінші жол\n")
    got = parse(text.replace("\n", "\r\n"), tmp_path, check_media_exists=False)
    assert got.story == "kitap-fest"
    assert got.text == "Бірінші жол\nЕкінші жол"
    assert got.body_line == 9
    assert got.media == ((tmp_path / "a.jpg").resolve(),)


def test_crlf_keeps_file_lines_in_errors(tmp_path: Path) -> None:
    text = draft(MINIMAL + "\nlanguage = kz").replace("\n", "\r\n")
    assert problems(text, tmp_path)[0].location.line == 5


# --- Reading the file -----------------------------------------------------------------------------------


def test_a_file_that_is_not_utf8_names_the_line_and_byte(tmp_path: Path) -> None:
    head = f"+++\n{MINIMAL}\n+++\n".encode()
    raw = head + "Привет".encode("cp1251")
    [problem] = problems(raw, tmp_path)
    assert problem.location.line == 6
    assert problem.params["offset"] == len(head)
    assert problem.params["byte"] == "CF"  # «П» in Windows-1251
    texts = rendered(problem)
    assert "draft.md:6" in texts["en"] and f"byte offset {len(head)}" in texts["en"]
    assert "кодировке UTF-8" in texts["ru"] and "Сохраните файл" in texts["ru"]
    assert "UTF-8 кодтауында" in texts["kk"]


def test_a_bad_byte_offset_counts_the_bom(tmp_path: Path) -> None:
    raw = BOM + b"+++\n\xff"
    [problem] = problems(raw, tmp_path)
    assert (problem.location.line, problem.params["offset"]) == (2, 7)


def test_utf16_is_not_utf8(tmp_path: Path) -> None:
    [problem] = problems(draft(MINIMAL).encode("utf-16"), tmp_path)
    assert (problem.location.line, problem.params["offset"]) == (1, 0)


@pytest.mark.parametrize(
    "text", ["", "Мәтін ғана\n", MINIMAL + "\n+++\nМәтін\n", " +++\n" + MINIMAL]
)
def test_a_missing_opening_fence(tmp_path: Path, text: str) -> None:
    [problem] = problems(text, tmp_path)
    assert problem.location.line == 1
    assert "does not start with a +++ line" in problem.render("en")
    assert "не начинается со строки +++" in problem.render("ru")


def test_a_missing_closing_fence(tmp_path: Path) -> None:
    [problem] = problems("+++\n" + MINIMAL + "\nМәтін\n", tmp_path)
    assert problem.location.line == 1
    assert "not closed" in problem.render("en")
    assert "жабылмаған" in problem.render("kk")


def test_fences_may_carry_trailing_spaces(tmp_path: Path) -> None:
    got = parse("+++  \n" + MINIMAL + "\n+++\t\nМәтін", tmp_path)
    assert got.text == "Мәтін"


@pytest.mark.parametrize(
    ("front", "line", "column", "ru_words"),
    [
        ('network = "telegram"\nkind = "text"\nstory = kitap-fest', 4, 9, "в кавычки"),
        (MINIMAL + '\nnetwork = "vk"', 5, None, "указан повторно"),
        (MINIMAL + '\nnetwork = "vk"\nlanguage = "kk"', 5, 15, "указан повторно"),
        ('network = "telegram"\nmedia = ["a.jpg"', 3, None, "не закрыт скобкой"),
        ('network = "telegram"\nmedia = ["C:\\фото\\a.jpg"]', 3, 15, "удвоить"),
    ],
)
def test_malformed_toml_is_placed_on_the_file_line(
    tmp_path: Path, front: str, line: int, column: int | None, ru_words: str
) -> None:
    [problem] = problems(draft(front), tmp_path)
    assert problem.location.line == line
    assert problem.params["column"] == column
    assert ru_words in problem.render("ru")
    assert f"draft.md:{line}" in problem.render("kk")


# --- Keys and types -------------------------------------------------------------------------------------


def test_an_unknown_key_suggests_the_closest(tmp_path: Path) -> None:
    found = problems(draft(MINIMAL + '\nchanel = "tg-main"'), tmp_path)
    problem = only(found, "chanel")
    assert problem.location.line == 5
    assert problem.params["suggestion"] == "channel"
    assert "вы имели в виду «channel»" in problem.render("ru")


def test_an_unknown_key_far_from_all_lists_the_keys(tmp_path: Path) -> None:
    problem = only(problems(draft(MINIMAL + '\ncolour = "red"'), tmp_path), "colour")
    assert "network" in str(problem.params["valid"]) and "logo_basis" in str(
        problem.params["valid"]
    )
    assert "Allowed keys" in problem.render("en")


def test_a_top_level_key_below_a_table_header_says_to_move_it(tmp_path: Path) -> None:
    front = MINIMAL + '\n[[waive]]\ncode = "T105"\nreason = "бірлескен хабарландыру"\npin = true'
    problem = only(problems(draft(front), tmp_path), "waive[0].pin")
    assert problem.location.line == 8
    assert problem.params["header"] == "[[waive]]"
    assert "выше первой строки [[waive]]" in problem.render("ru")


def test_unknown_keys_inside_tables(tmp_path: Path) -> None:
    front = (
        MINIMAL.replace('"text"', '"poll"')
        + '\n[poll]\nquestion = "?"\noptions = ["a"]\nanonimous = false'
    )
    problem = only(problems(draft(front), tmp_path), "poll.anonimous")
    assert problem.params["suggestion"] == "anonymous"
    assert problem.location.line == 8


def test_missing_required_keys(tmp_path: Path) -> None:
    found = problems(draft('network = "telegram"\n[[waive]]\ncode = "T105"'), tmp_path)
    assert {p.location.key for p in found} == {"kind", "story", "waive[0].reason"}
    assert only(found, "kind").params["example"] == 'kind = "text"'
    assert only(found, "waive[0].reason").location.line == 3  # the [[waive]] header
    assert "Нет обязательного ключа «story»" in only(found, "story").render("ru")


def test_wrong_types_are_all_reported(tmp_path: Path) -> None:
    front = """\
network = 5
kind = "photo"
story = "kitap-fest"
media = "a.jpg"
silent = "yes"
alt = ["ok", 3]
[waive]
code = "T105"
reason = "…"
"""
    found = problems(draft(front), tmp_path)
    assert {p.location.key: p.location.line for p in found} == {
        "network": 2,
        "media": 5,
        "silent": 6,
        "alt[1]": 7,
        "waive": 8,
    }
    assert "Ожидается: true или false. Указано: текст в кавычках" in only(found, "silent").render(
        "ru"
    )
    assert only(found, "media").params["example"] == 'media = ["fest-01.jpg", "fest-02.jpg"]'
    assert "[[waive]]" in only(found, "waive").render("en")
    assert "бүтін сан" in only(found, "network").render("kk")


def test_a_quoted_scheduled_time_says_to_drop_the_quotes(tmp_path: Path) -> None:
    text = draft(MINIMAL + '\nscheduled = "2026-11-28T10:00:00+05:00"')
    problem = only(problems(text, tmp_path), "scheduled")
    assert "without quotes: scheduled = 2026-11-28T10:00:00+05:00" in problem.render("en")


@pytest.mark.parametrize(
    ("key", "value", "valid"),
    [
        ("network", "twitter", DRAFT_NETWORKS),
        ("kind", "reel", tuple(PostKind)),
        ("language", "kz", LANGUAGES),
        ("direction", "culture", DIRECTIONS),
        ("project", "rukhani", SPECIAL_PROJECTS),
    ],
)
def test_unknown_values_list_the_valid_ones(
    tmp_path: Path, key: str, value: str, valid: tuple[str, ...]
) -> None:
    lines = dict(line.split(" = ") for line in MINIMAL.split("\n"))
    lines[key] = f'"{value}"'
    front = "\n".join(f"{k} = {v}" for k, v in lines.items())
    problem = only(problems(draft(front), tmp_path), key)
    assert problem.params["valid"] == ", ".join(valid)
    assert problem.location.line == list(lines).index(key) + 2
    for lang, text in rendered(problem).items():
        assert all(v in text for v in valid), lang


def test_a_near_miss_value_is_suggested(tmp_path: Path) -> None:
    problem = only(
        problems(draft(MINIMAL.replace('"telegram"', '"Telegram"')), tmp_path), "network"
    )
    assert problem.params["suggestion"] == "telegram"
    assert "«telegram» деп жазғыңыз келген шығар" in problem.render("kk")


@pytest.mark.parametrize("story", ["Kitap Fest", "-fest", "кітап-фест", "kitap_fest", "a" * 121])
def test_a_bad_story_slug(tmp_path: Path, story: str) -> None:
    problem = only(problems(draft(MINIMAL.replace("kitap-fest", story)), tmp_path), "story")
    assert problem.location.line == 4
    assert "строчные латинские буквы" in problem.render("ru")


def test_the_story_hint_is_made_from_the_value(tmp_path: Path) -> None:
    problem = only(
        problems(draft(MINIMAL.replace("kitap-fest", "Kitap Fest 2026")), tmp_path), "story"
    )
    assert 'story = "kitap-fest-2026"' in problem.render("en")


@pytest.mark.parametrize("story", ["a", "0", "kitap--fest-2026", "a" * 120])
def test_good_story_slugs(tmp_path: Path, story: str) -> None:
    assert parse(draft(MINIMAL.replace("kitap-fest", story)), tmp_path).story == story


@pytest.mark.parametrize(
    "basis",
    ["plan:2026-W48-03", "pa:12/2026-11-01", "ministry:45-р/2026-01-15", "ministry:7/2024-02-29"],
)
def test_good_logo_bases(tmp_path: Path, basis: str) -> None:
    assert parse(draft(MINIMAL + f'\nlogo_basis = "{basis}"'), tmp_path).logo_basis == basis


@pytest.mark.parametrize(
    "basis",
    ["plan:", "pa:12", "pa:12/26-11-01", "akimat:1/2026-01-01", "PA:1/2026-01-01", "plan: x"],
)
def test_bad_logo_bases(tmp_path: Path, basis: str) -> None:
    problem = only(problems(draft(MINIMAL + f'\nlogo_basis = "{basis}"'), tmp_path), "logo_basis")
    assert problem.location.line == 5
    assert "ministry:<number>/<YYYY-MM-DD>" in problem.render("en")


def test_a_logo_basis_date_that_does_not_exist(tmp_path: Path) -> None:
    problem = only(
        problems(draft(MINIMAL + '\nlogo_basis = "pa:12/2026-02-30"'), tmp_path), "logo_basis"
    )
    assert problem.params["date"] == "2026-02-30"
    assert "несуществующая дата 2026-02-30" in problem.render("ru")


def test_empty_optional_strings_are_errors(tmp_path: Path) -> None:
    found = problems(draft(MINIMAL + '\nchannel = ""\ntitle = "  "'), tmp_path)
    assert {p.location.key for p in found} == {"channel", "title"}
    assert "не может быть пустым" in only(found, "title").render("ru")


def test_an_event_key_with_spaces(tmp_path: Path) -> None:
    problem = only(problems(draft(MINIMAL + '\nevent = "kitap fest"'), tmp_path), "event")
    assert "без пробелов" in problem.render("ru")


# --- Channels -------------------------------------------------------------------------------------------


def test_an_unknown_channel_lists_the_configured_ones(tmp_path: Path) -> None:
    text = draft(MINIMAL + '\nchannel = "tg-mian"')
    problem = only(problems(text, tmp_path, channels=CHANNELS), "channel")
    assert problem.location.line == 5
    assert problem.params["valid"] == "ig-main (instagram), tg-kk (telegram), tg-main (telegram)"
    assert "tg-kk (telegram)" in problem.render("kk")


def test_no_configured_channels_at_all(tmp_path: Path) -> None:
    problem = only(
        problems(draft(MINIMAL + '\nchannel = "tg-main"'), tmp_path, channels={}), "channel"
    )
    assert "configures no channels" in problem.render("en")


def test_a_channel_of_another_network(tmp_path: Path) -> None:
    problem = only(
        problems(draft(MINIMAL + '\nchannel = "ig-main"'), tmp_path, channels=CHANNELS), "channel"
    )
    assert (problem.params["channel_network"], problem.params["network"]) == (
        "instagram",
        "telegram",
    )
    assert problem.params["valid"] == "tg-kk, tg-main"
    assert "относится к сети instagram" in problem.render("ru")


def test_without_config_the_channel_is_taken_as_is(tmp_path: Path) -> None:
    assert parse(draft(MINIMAL + '\nchannel = "anything"'), tmp_path).channel == "anything"


# --- Media ----------------------------------------------------------------------------------------------


def test_a_missing_media_file_names_its_index_line_and_path(tmp_path: Path) -> None:
    (tmp_path / "a.jpg").write_bytes(b"x")
    front = MINIMAL.replace('"text"', '"album"') + '\nmedia = [\n  "a.jpg",\n  "../gone/b.jpg",\n]'
    problem = only(problems(draft(front), tmp_path), "media[1]")
    resolved = (tmp_path / "../gone/b.jpg").resolve()
    assert problem.location.line == 7
    assert problem.params["resolved"] == str(resolved)
    texts = rendered(problem)
    assert f"draft.md:7: media[1]: Media file not found: {resolved}" in texts["en"]
    assert "Медиафайл не найден" in texts["ru"] and "Медиа файл табылмады" in texts["kk"]
    assert str(tmp_path.resolve()) in texts["kk"]  # the folder the path is relative to


def test_media_paths_may_go_upward_or_be_absolute(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "drafts").mkdir()
    up = tmp_path / "shared" / "up.jpg"
    absolute = tmp_path / "shared" / "abs.jpg"
    up.write_bytes(b"x")
    absolute.write_bytes(b"x")
    front = MINIMAL.replace('"text"', '"album"') + f'\nmedia = ["../shared/up.jpg", "{absolute}"]'
    got = parse(draft(front), tmp_path / "drafts")
    assert got.media == (up.resolve(), absolute.resolve())


def test_a_media_folder_is_not_a_file(tmp_path: Path) -> None:
    (tmp_path / "photos").mkdir()
    front = MINIMAL.replace('"text"', '"photo"') + '\nmedia = ["photos"]'
    problem = only(problems(draft(front), tmp_path), "media[0]")
    assert "папка, а не файл" in problem.render("ru")


def test_media_existence_can_be_left_unchecked(tmp_path: Path) -> None:
    front = MINIMAL.replace('"text"', '"photo"') + '\nmedia = ["later.jpg"]'
    assert problems(draft(front), tmp_path)
    got = parse(draft(front), tmp_path, check_media_exists=False)
    assert got.media == ((tmp_path / "later.jpg").resolve(),)


def test_alt_must_have_one_entry_per_media_file(tmp_path: Path) -> None:
    front = MINIMAL.replace('"text"', '"album"') + '\nmedia = ["a.jpg", "b.jpg"]\nalt = ["Сахна"]'
    problem = only(problems(draft(front), tmp_path, check_media_exists=False), "alt")
    assert problem.location.line == 6
    assert (problem.params["alt"], problem.params["media"]) == (1, 2)
    assert "элементов: 1, а в «media» файлов: 2" in problem.render("ru")


@pytest.mark.parametrize("kind", ["photo", "album", "video", "infographic", "document"])
def test_a_media_kind_needs_media(tmp_path: Path, kind: str) -> None:
    problem = only(problems(draft(MINIMAL.replace('"text"', f'"{kind}"')), tmp_path), "media")
    assert problem.location.line == 3  # no media key: the kind's line
    assert f"«{kind}» түріндегі жазбаға кемінде бір медиа файл керек" in problem.render("kk")


# --- Time -----------------------------------------------------------------------------------------------


def test_a_scheduled_time_in_the_past(tmp_path: Path) -> None:
    problem = only(
        problems(draft(MINIMAL + "\nscheduled = 2026-10-01T09:30:00+05:00"), tmp_path), "scheduled"
    )
    assert problem.location.line == 5
    texts = rendered(problem)
    assert "2026-10-01 09:30 (Asia/Almaty, UTC+05:00)" in texts["en"]
    assert "it is now 2026-11-01 17:00" in texts["en"]
    assert "next free slot" in texts["en"]
    assert "ближайший свободный слот" in texts["ru"]
    assert "уақыт өтіп кеткен" in texts["kk"]


def test_a_past_time_is_shown_in_the_office_zone(tmp_path: Path) -> None:
    text = draft(MINIMAL + "\nscheduled = 2026-10-01T04:30:00Z")
    problem = only(problems(text, tmp_path), "scheduled")
    assert "2026-10-01 09:30" in problem.render("en")


@pytest.mark.parametrize(
    ("value", "tz", "utc"),
    [
        ("2026-11-28T10:00:00", "Asia/Almaty", datetime(2026, 11, 28, 5, 0, tzinfo=UTC)),
        ("2026-11-28T10:00:00", "Asia/Aqtau", datetime(2026, 11, 28, 5, 0, tzinfo=UTC)),
        ("2026-11-28T10:00:00", "Europe/Moscow", datetime(2026, 11, 28, 7, 0, tzinfo=UTC)),
        ("2026-11-28T10:00:00+03:00", "Asia/Almaty", datetime(2026, 11, 28, 7, 0, tzinfo=UTC)),
        ("2026-11-28 10:00:00Z", "Asia/Almaty", datetime(2026, 11, 28, 10, 0, tzinfo=UTC)),
    ],
)
def test_scheduled_times_end_up_in_utc(tmp_path: Path, value: str, tz: str, utc: datetime) -> None:
    got = parse(draft(MINIMAL + f"\nscheduled = {value}"), tmp_path, tz=ZoneInfo(tz))
    assert got.scheduled == utc
    assert got.scheduled is not None and got.scheduled.utcoffset() == timedelta(0)


def test_a_date_without_a_time(tmp_path: Path) -> None:
    problem = only(problems(draft(MINIMAL + "\nscheduled = 2026-11-28"), tmp_path), "scheduled")
    assert problem.location.line == 5
    assert "scheduled = 2026-11-28T10:00:00+05:00" in problem.render("en")
    assert "только дата (2026-11-28)" in problem.render("ru")


def test_a_time_without_a_date(tmp_path: Path) -> None:
    problem = only(problems(draft(MINIMAL + "\nscheduled = 10:00:00"), tmp_path), "scheduled")
    assert "время без даты" in problem.render("ru")


def test_now_must_be_aware(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="aware"):
        parse(draft(MINIMAL), tmp_path, now=datetime(2026, 1, 1))


# --- Body, waivers, poll, button ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["text", "announcement"])
def test_an_empty_body_for_a_kind_that_needs_text(tmp_path: Path, kind: str) -> None:
    found = problems(draft(MINIMAL.replace('"text"', f'"{kind}"'), body="  \n\n"), tmp_path)
    [problem] = found
    assert problem.location.line == 6
    assert f'a "{kind}" post needs text' in problem.render("en")
    assert "Текст поста пуст" in problem.render("ru")


@pytest.mark.parametrize("kind", ["photo", "video", "poll"])
def test_a_caption_may_be_empty(tmp_path: Path, kind: str) -> None:
    front = MINIMAL.replace('"text"', f'"{kind}"') + '\nmedia = ["a.jpg"]'
    if kind == "poll":
        front += '\n[poll]\nquestion = "?"\noptions = ["Иә", "Жоқ"]'
    got = parse(draft(front, body=""), tmp_path, check_media_exists=False)
    assert got.text == ""


def test_bad_waivers(tmp_path: Path) -> None:
    front = (
        MINIMAL + '\n[[waive]]\ncode = "T105"\nreason = "ок"\n[[waive]]\ncode = "t10"\nreason = " "'
    )
    found = problems(draft(front), tmp_path)
    assert {p.location.key: p.location.line for p in found} == {
        "waive[1].code": 9,
        "waive[1].reason": 10,
    }
    assert "одна заглавная латинская буква и три цифры" in only(found, "waive[1].code").render("ru")


def test_a_poll_kind_needs_a_poll_table(tmp_path: Path) -> None:
    problem = only(problems(draft(MINIMAL.replace('"text"', '"poll"')), tmp_path), "poll")
    assert problem.location.line == 3
    assert "[poll]" in problem.render("kk") and "question" in problem.render("kk")


def test_a_poll_table_needs_the_poll_kind(tmp_path: Path) -> None:
    front = MINIMAL + '\n[poll]\nquestion = "?"\noptions = ["Иә"]'
    problem = only(problems(draft(front), tmp_path), "poll")
    assert problem.location.line == 5
    assert 'kind = "poll"' in problem.render("ru")


def test_poll_options_must_not_be_empty(tmp_path: Path) -> None:
    front = MINIMAL.replace('"text"', '"poll"') + '\n[poll]\nquestion = "?"\noptions = []'
    assert only(problems(draft(front), tmp_path), "poll.options").location.line == 7
    front = (
        MINIMAL.replace('"text"', '"poll"') + '\n[poll]\nquestion = "?"\noptions = [\n"Иә",\n""\n]'
    )
    assert only(problems(draft(front), tmp_path), "poll.options[1]").location.line == 9


@pytest.mark.parametrize(
    "url", ["example.kz", "ftp://example.kz/x", "https://", "https://exa mple.kz"]
)
def test_a_button_needs_a_real_link(tmp_path: Path, url: str) -> None:
    front = (
        MINIMAL.replace('"text"', '"announcement"') + f'\n[button]\ntext = "Тіркелу"\nurl = "{url}"'
    )
    problem = only(problems(draft(front), tmp_path), "button.url")
    assert problem.location.line == 7
    assert "https://" in problem.render("kk")


def test_all_problems_of_a_file_come_together_in_line_order(tmp_path: Path) -> None:
    front = """\
network = "telegrm"
kind = "text"
story = "Kitap Fest"
direction = "culture"
media = ["gone.jpg"]
scheduled = 2020-01-01T10:00:00
logo_basis = "pa:1"
"""
    found = problems(draft(front, body=""), tmp_path)
    keys = [p.location.key for p in found]
    assert keys == ["network", "story", "direction", "media[0]", "scheduled", "logo_basis", None]
    lines = [p.location.line for p in found]
    assert lines == sorted(lines) == [2, 4, 5, 6, 7, 8, 11]


# --- Messages -------------------------------------------------------------------------------------------


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _all_texts() -> list[tuple[str, Text]]:
    texts = [(name, v) for name, v in vars(draft_schema).items() if isinstance(v, Text)]
    texts += [(f"TYPE_NAMES[{k.name}]", v) for k, v in TYPE_NAMES.items()]
    texts += [(f"TOML_EXPLAINED[{start}]", v) for start, v in TOML_EXPLAINED]
    return texts


def test_every_message_is_in_three_languages_with_the_same_placeholders() -> None:
    texts = _all_texts()
    assert len(texts) > 60
    for name, text in texts:
        kk, ru, en = text.kk, text.ru, text.en
        assert kk and ru and en, name
        assert len({kk, ru, en}) == 3, name
        assert _placeholders(kk) == _placeholders(ru) == _placeholders(en), name


def test_every_problem_names_the_file_line_and_key(tmp_path: Path) -> None:
    problem = only(problems(draft(MINIMAL.replace("kitap-fest", "Kitap")), tmp_path), "story")
    for lang, text in rendered(problem).items():
        assert text.startswith(f"{tmp_path / 'draft.md'}:4: story: "), lang
    assert "қалай түзетуге болады" in problem.render("kk")


# --- Reading from disk and finding drafts ---------------------------------------------------------------


def test_parse_draft_reads_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(draft(MINIMAL).encode("utf-8"))
    got = parse_draft(path, tz=TZ, now=NOW)
    assert got.source_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert got.path == path


def test_an_unreadable_draft(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        parse_draft(tmp_path / "nope.md", tz=TZ, now=NOW)
    [problem] = info.value.problems
    assert problem.location.file == str(tmp_path / "nope.md")
    assert "Не удалось прочитать файл" in problem.render("ru")


def test_find_drafts(tmp_path: Path) -> None:
    root = tmp_path / "drafts"
    for name in [
        "b.md",
        "a.txt",
        "sub/c.MD",
        "sub/img.jpg",
        ".hidden.md",
        ".git/x.md",
        "notes.docx",
    ]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("+++\n+++\n", encoding="utf-8")
    extra = tmp_path / "one.draft"
    extra.write_text("+++\n+++\n", encoding="utf-8")

    found = find_drafts([extra, root, root / "b.md"])

    assert found == [extra, root / "a.txt", root / "b.md", root / "sub" / "c.MD"]


def test_find_drafts_reports_every_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        find_drafts([tmp_path, tmp_path / "gone", tmp_path / "also-gone.md"])
    assert [p.location.file for p in info.value.problems] == [
        str(tmp_path / "gone"),
        str(tmp_path / "also-gone.md"),
    ]
    assert "Нет такого файла или папки" in info.value.problems[0].render("ru")


# --- Property: what is written is what is read ----------------------------------------------------------

KAZAKH = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"
SPICE = KAZAKH + "АБВабвЁё" + "😀🇰🇿🎉👍🏽" + " \t\"'\\#=[]{}+\u2028\x00\x7f"
CHARS = st.one_of(
    st.sampled_from(SPICE), st.characters(exclude_categories=("Cs",), exclude_characters="\r\n")
)
LINE = st.text(CHARS, max_size=25)
NONBLANK = st.text(
    st.one_of(st.sampled_from(SPICE), st.characters(exclude_categories=("Cs",))),
    min_size=1,
    max_size=25,
).filter(str.strip)
BODY = st.lists(st.one_of(st.just("+++"), st.just(""), LINE), max_size=8).map("\n".join)
SLUG = st.from_regex(r"[a-z0-9][a-z0-9-]{0,30}", fullmatch=True)
MEDIA_NAME = st.text(st.sampled_from("abcфотоәң_-0"), min_size=1, max_size=10).map(
    lambda n: f"img/{n}.jpg"
)
FUTURE = st.datetimes(min_value=datetime(2027, 1, 1), max_value=datetime(2035, 12, 31))
OFFSET = st.integers(-12 * 4, 14 * 4).map(lambda q: timezone(timedelta(minutes=15 * q)))
SCHEDULED = st.one_of(
    st.none(), FUTURE, st.builds(lambda d, z: d.replace(tzinfo=z), FUTURE, OFFSET)
)
LOGO = st.one_of(
    st.just("plan:2026-W48-03"),
    st.builds(
        lambda who, n, d: f"{who}:{n}/{d.isoformat()}",
        st.sampled_from(["pa", "ministry"]),
        st.integers(1, 9999),
        st.dates(date(2000, 1, 1), date(2030, 12, 31)),
    ),
)


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, datetime):
        return value.isoformat()
    assert isinstance(value, list)
    return "[" + ", ".join(_toml(item) for item in value) + "]"


def _serialise(
    top: dict[str, object], tables: list[tuple[str, dict[str, object]]], body: str
) -> str:
    lines = [f"{key} = {_toml(value)}" for key, value in top.items()]
    for header, table in tables:
        lines.append(header)
        lines += [f"{key} = {_toml(value)}" for key, value in table.items()]
    return "+++\n" + "\n".join(lines) + "\n+++\n" + body


@st.composite
def drafts(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    """A valid draft file and the values `parse_draft_text` must give back."""
    kind = draw(st.sampled_from([k.value for k in PostKind]))
    top: dict[str, object] = {
        "network": draw(st.sampled_from(DRAFT_NETWORKS)),
        "kind": kind,
        "story": draw(SLUG),
    }
    for key, strategy in [
        ("channel", NONBLANK),
        ("language", st.sampled_from(LANGUAGES)),
        ("direction", st.sampled_from(DIRECTIONS)),
        ("project", st.sampled_from(SPECIAL_PROJECTS)),
        ("event", st.from_regex(r"[A-Za-z0-9-]{1,40}", fullmatch=True)),
        ("logo_basis", LOGO),
        ("title", NONBLANK),
        ("silent", st.booleans()),
        ("protect", st.booleans()),
        ("pin", st.booleans()),
    ]:
        if draw(st.booleans()):
            top[key] = draw(strategy)
    media = draw(st.lists(MEDIA_NAME, max_size=4))
    if kind in draft_schema.KINDS_NEEDING_MEDIA and not media:
        media = ["photo.jpg"]
    if media:
        top["media"] = media
        if draw(st.booleans()):
            top["alt"] = draw(
                st.lists(
                    st.one_of(NONBLANK, st.just(""), st.just(" ")),
                    min_size=len(media),
                    max_size=len(media),
                )
            )
    scheduled = draw(SCHEDULED)
    if scheduled is not None:
        top["scheduled"] = scheduled

    tables: list[tuple[str, dict[str, object]]] = []
    options = {key: top[key] for key in ("silent", "protect", "pin") if key in top}
    if kind == "poll":
        poll: dict[str, object] = {
            "question": draw(NONBLANK),
            "options": draw(st.lists(NONBLANK, min_size=1, max_size=5)),
        }
        for flag in ("anonymous", "multiple"):
            if draw(st.booleans()):
                poll[flag] = draw(st.booleans())
        tables.append(("[poll]", poll))
        options["poll"] = {"anonymous": True, "multiple": False, **poll}
    if draw(st.booleans()):
        button = {"text": draw(NONBLANK), "url": "https://example.kz/" + draw(SLUG)}
        tables.append(("[button]", button))
        options["button"] = button
    waivers = draw(
        st.lists(st.tuples(st.from_regex(r"[A-Z][0-9]{3}", fullmatch=True), NONBLANK), max_size=3)
    )
    tables += [("[[waive]]", {"code": code, "reason": reason}) for code, reason in waivers]

    body = draw(BODY)
    if kind in draft_schema.KINDS_NEEDING_TEXT and not body.strip():
        body += "\nМәтін"
    expected = dict(top, options=options, waivers=waivers, text=body.rstrip())
    return _serialise(top, tables, body), expected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts(), st.booleans(), st.booleans())
def test_what_is_written_is_read_back(
    case: tuple[str, dict[str, object]], bom: bool, crlf: bool
) -> None:
    text, want = case
    raw = text.encode("utf-8")
    if crlf:
        raw = raw.replace(b"\n", b"\r\n")
    folder = Path("/srv/drafts")
    got = parse_draft_text(
        BOM + raw if bom else raw, path=folder / "a.md", tz=TZ, now=NOW, check_media_exists=False
    )

    for key in (
        "network",
        "kind",
        "story",
        "channel",
        "language",
        "direction",
        "project",
        "event",
        "logo_basis",
        "title",
    ):
        assert getattr(got, key) == want.get(key), key
    media = want.get("media", [])
    assert isinstance(media, list)
    assert got.media == tuple((folder / m).resolve() for m in media)
    alt = want.get("alt")
    assert got.alt == (
        tuple(a if a.strip() else None for a in alt)
        if isinstance(alt, list)
        else (None,) * len(media)
    )
    scheduled = want.get("scheduled")
    if isinstance(scheduled, datetime):
        aware = scheduled if scheduled.tzinfo else scheduled.replace(tzinfo=TZ)
        assert got.scheduled == aware and got.scheduled.tzinfo is UTC
    else:
        assert got.scheduled is None
    assert got.options == want["options"]
    assert [(w.code, w.reason) for w in got.waivers] == want["waivers"]
    assert got.text == want["text"]
    assert (
        text.split("\n")[got.body_line - 1 :]
        == text.split("\n")[text.split("\n").index("+++", 1) + 1 :]
    )
