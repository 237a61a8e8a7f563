"""posts.config: the schema of config.toml, its loader, and its trilingual problems."""

from __future__ import annotations

import logging
import re
import string
import tomllib
import traceback
from datetime import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from posts import config as config_module
from posts.config import (
    DAYS,
    DEFAULT_REQUIRED_HASHTAGS,
    Config,
    find_config,
    load_config,
    parse_config,
)
from posts.config_template import DIRECTION_HASHTAGS, render_default_config
from posts.errors import ConfigError, Problem
from posts.i18n import LANGS, Text
from posts.vocab import DIRECTIONS, Audience, Network

REPO = Path(__file__).resolve().parent.parent

BASE = """\
[office]
id = "turkistan"
name = "«Рухани жаңғыру» Түркістан облыстық жобалық офисі"
region = "Түркістан облысы"
languages = ["kk", "ru"]

[[channels]]
id = "tg-main"
network = "telegram"
target = "@rukhani_turkistan"
credentials_env = "ARNA_TG_MAIN_TOKEN"
slots = ["mon 10:00"]

[[channels]]
id = "outbox"
network = "outbox"
target = "outbox"
"""

# A fake token in the real format, assembled so that no token-shaped string sits in the tree.
TG_TOKEN = "123456789" + ":" + "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"
FB_TOKEN = "EAAGm0PX4ZCpsBAKZAZBq3xq1rZCvZCbZBZCfZBa0ZBZBZC8ZCZBzZCZBZCZAZBZCZBa9ZBZCZB"


def parse(text: str, workspace: Path | None = None) -> Config:
    return parse_config(text, file="config.toml", workspace=workspace or Path("/ws"))


def problems(text: str) -> list[Problem]:
    with pytest.raises(ConfigError) as info:
        parse(text)
    return info.value.problems


def only(text: str, key: str | None = None) -> Problem:
    """The one problem of `text` (at `key`, if given)."""
    found = [p for p in problems(text) if key is None or p.location.key == key]
    assert len(found) == 1, [p.render() for p in problems(text)]
    return found[0]


def line_with(text: str, needle: str, nth: int = 0) -> int:
    """The 1-based number of the nth line (from 0; -1 for the last) that contains `needle`."""
    return [i for i, line in enumerate(text.splitlines(), 1) if needle in line][nth]


def rendered(problem: Problem) -> dict[str, str]:
    return {lang: problem.render(lang) for lang in LANGS}


def channel(extra: str, **fields: str) -> str:
    """BASE plus one more channel block."""
    body = {"id": '"extra"', "network": '"vk"', "target": '"-123"', "credentials_env": '"ARNA_VK"'}
    body.update(fields)
    lines = [f"{k} = {v}" for k, v in body.items() if v is not None and v != "DROP"]
    return BASE + "\n[[channels]]\n" + "\n".join(lines) + "\n" + extra


# -- the default configuration ----------------------------------------------------------------


def test_repository_config_is_the_rendered_default() -> None:
    assert (REPO / "config.toml").read_text(encoding="utf-8") == render_default_config()


def test_default_config_loads_and_describes_the_office(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(render_default_config(), encoding="utf-8")
    config = load_config(path)
    assert config.office.id == "turkistan"
    assert config.office.languages == ("kk", "ru")
    assert config.office.timezone == "Asia/Almaty"
    assert config.channel_ids() == ["outbox", "tg-main", "ig-main", "fb-main"]
    outbox = config.channel("outbox")
    assert outbox is not None and outbox.network is Network.OUTBOX and outbox.target == "outbox"
    assert outbox.credentials_env is None
    expected = {
        "tg-main": (Network.TELEGRAM, Audience.POPULAR),
        "ig-main": (Network.INSTAGRAM, Audience.POPULAR),
        "fb-main": (Network.FACEBOOK, Audience.OWN),
    }
    for cid, (network, audience) in expected.items():
        ch = config.channel(cid)
        assert ch is not None and (ch.network, ch.audience) == (network, audience)
        assert ch.credentials_env and ch.credentials_env.startswith("ARNA_")
    tg = config.channel("tg-main")
    assert tg is not None
    assert {day for day, _ in tg.slot_times()} == set(range(6))  # mon..sat
    assert all(time(8) <= at < time(22) for _, at in tg.slot_times())
    assert config.hashtags.required == DEFAULT_REQUIRED_HASHTAGS
    assert set(config.hashtags.directions) == set(DIRECTIONS)
    assert config.hashtags.directions == DIRECTION_HASHTAGS
    assert config.brand.logos == ("brand/logo.png",)
    assert config.schedule.quiet_hours == "22:00-08:00"
    assert config.lint == {}
    assert "[lint]" in render_default_config()


def test_direction_hashtags_are_in_kazakh_and_russian() -> None:
    kazakh = set("әғқңөұүһі")
    for direction, tags in DIRECTION_HASHTAGS.items():
        assert all(t.startswith("#") and " " not in t for t in tags), direction
        if direction != "pragmatism":  # the same word in both languages
            assert any(kazakh & set(t.lower()) for t in tags), direction
            assert any(not kazakh & set(t.lower()) for t in tags), direction


@given(
    name=st.text(min_size=1, max_size=31).filter(lambda s: s.strip() and "\x00" not in s),
    region=st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=31).filter(
        lambda s: s.strip() and "\x00" not in s
    ),
    office_id=st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True),
    languages=st.sampled_from([("kk",), ("ru",), ("kk", "ru"), ("kk", "ru", "en")]),
)
def test_rendered_config_round_trips_any_office(
    name: str, region: str, office_id: str, languages: tuple[str, ...]
) -> None:
    text = render_default_config(
        office_name=name, office_id=office_id, region=region, languages=languages
    )
    config = parse(text)
    assert (config.office.name, config.office.region) == (name, region)
    assert config.office.id == office_id
    assert config.office.languages == languages
    assert config.channel("tg-main").languages == languages  # type: ignore[union-attr]


def test_rendered_config_comments_every_key() -> None:
    text = render_default_config()
    head = text.split("# Channels")[0]
    key_lines = [line for line in head.splitlines() if " = " in line and not line.startswith("#")]
    assert len(key_lines) >= 10
    assert all("  # " in line for line in key_lines), key_lines
    assert "environment variable" in text


# -- the schema and the API -------------------------------------------------------------------


def test_minimal_config_gets_the_documented_defaults() -> None:
    config = parse(BASE)
    assert config.office.timezone == "Asia/Almaty"
    assert config.office.ui_language is None
    assert (config.storage.database, config.storage.media_dir) == ("arna.db", "media")
    assert config.storage.max_media_mb == 200
    assert config.schedule.max_lateness_hours == 6
    assert config.schedule.quiet_range == (time(22), time(8))
    tg = config.channel("tg-main")
    assert tg is not None
    assert tg.languages == ("kk", "ru")  # the office's languages
    assert tg.audience is Audience.OWN
    assert tg.enabled is True
    assert config.hashtags.required == DEFAULT_REQUIRED_HASHTAGS
    assert config.brand.logos == ()
    assert config.lint == {}


def test_paths_are_relative_to_the_workspace(tmp_path: Path) -> None:
    text = BASE + '\n[storage]\ndatabase = "data/arna.db"\nmedia_dir = "m"\nmax_media_mb = 3\n'
    (tmp_path / "config.toml").write_text(text, encoding="utf-8")
    config = load_config(tmp_path / "config.toml")
    assert config.workspace == tmp_path
    assert config.source == str(tmp_path / "config.toml")
    assert config.database_path == tmp_path / "data" / "arna.db"
    assert config.media_root == tmp_path / "m"
    assert config.max_media_bytes == 3 * 1024 * 1024
    absolute = parse(BASE + f'\n[storage]\ndatabase = "{tmp_path}/x.db"\n', workspace=Path("/w"))
    assert absolute.database_path == tmp_path / "x.db"


def test_workspace_and_source_cannot_come_from_the_file() -> None:
    problem = only('workspace = "/etc"\n' + BASE)
    assert problem.location.key == "workspace"
    assert problem.location.line == 1


def test_channel_lookup() -> None:
    config = parse(BASE)
    assert config.channel_ids() == ["tg-main", "outbox"]
    assert config.channel("outbox") is config.channels[1]
    assert config.channel("nope") is None
    assert isinstance(config.channels, tuple)


def test_time_zone_and_quiet_hours() -> None:
    text = BASE.replace('languages = ["kk", "ru"]', 'languages = ["kk"]\ntimezone = "Asia/Aqtobe"')
    config = parse(
        text.replace("[[channels]]", '[schedule]\nquiet_hours = "23:30-06:15"\n\n[[channels]]', 1)
    )
    assert config.tz.key == "Asia/Aqtobe"
    assert config.schedule.is_quiet(time(23, 30))
    assert config.schedule.is_quiet(time(2, 0))
    assert not config.schedule.is_quiet(time(6, 15))
    assert not config.schedule.is_quiet(time(12, 0))
    day = parse(
        BASE.replace("[[channels]]", '[schedule]\nquiet_hours = "13:00-14:00"\n\n[[channels]]', 1)
    )
    assert day.schedule.is_quiet(time(13, 59)) and not day.schedule.is_quiet(time(14, 0))


def test_config_is_frozen() -> None:
    config = parse(BASE)
    with pytest.raises(ValidationError):
        config.office.id = "other"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        config.channels = ()  # type: ignore[misc]


def test_credentials_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    config = parse(BASE)
    tg, outbox = config.channel("tg-main"), config.channel("outbox")
    assert tg is not None and outbox is not None
    monkeypatch.delenv("ARNA_TG_MAIN_TOKEN", raising=False)
    assert tg.credentials() is None
    monkeypatch.setenv("ARNA_TG_MAIN_TOKEN", TG_TOKEN)
    assert tg.credentials() == TG_TOKEN
    assert TG_TOKEN not in repr(tg) and TG_TOKEN not in repr(config)
    assert outbox.credentials() is None


@given(
    slots=st.lists(
        st.tuples(st.integers(0, 6), st.integers(0, 23), st.integers(0, 59)),
        max_size=8,
        unique_by=lambda s: s,
    )
)
def test_slots_parse_to_weekday_and_time(slots: list[tuple[int, int, int]]) -> None:
    written = ", ".join(f'"{DAYS[d].title()} {h}:{m:02d}"' for d, h, m in slots)
    config = parse(BASE.replace('slots = ["mon 10:00"]', f"slots = [{written}]"))
    tg = config.channel("tg-main")
    assert tg is not None
    assert tg.slot_times() == sorted((d, time(h, m)) for d, h, m in slots)
    assert tg.slots == tuple(f"{DAYS[d]} {h:02d}:{m:02d}" for d, h, m in slots)


def test_missing_logos_are_listed_not_refused(tmp_path: Path) -> None:
    text = BASE + '\n[brand]\nlogos = ["brand/logo.png", "brand/mark.SVG"]\n'
    (tmp_path / "config.toml").write_text(text, encoding="utf-8")
    config = load_config(tmp_path / "config.toml")
    assert config.missing_logos() == [tmp_path / "brand/logo.png", tmp_path / "brand/mark.SVG"]
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "logo.png").write_bytes(b"\x89PNG")
    assert config.missing_logos() == [tmp_path / "brand/mark.SVG"]


def test_lint_is_kept_as_a_plain_table() -> None:
    config = parse(BASE + '\n[lint]\nT110 = { severity = "error" }\nmax = 3\n')
    assert config.lint == {"T110": {"severity": "error"}, "max": 3}


# -- problems: syntax and files ---------------------------------------------------------------


def test_malformed_toml_reports_line_and_column() -> None:
    text = BASE.replace('region = "Түркістан облысы"', 'region = "Түркістан облысы')
    problem = only(text)
    line = line_with(text, "region =")
    assert problem.location.line == line
    assert problem.params["line"] == line and isinstance(problem.params["column"], int)
    assert problem.fix is not None
    for lang, out in rendered(problem).items():
        assert str(line) in out and str(problem.params["column"]) in out, lang


def test_malformed_toml_at_the_end_of_the_document() -> None:
    problem = only(BASE + "slots = [\n")
    assert problem.location.line is not None
    assert "end of document" not in problem.render()


def test_missing_file_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "nope" / "config.toml")
    (problem,) = info.value.problems
    assert problem.location.file == str(tmp_path / "nope" / "config.toml")
    for out in rendered(problem).values():
        assert "arna init DIR" in out


def test_non_utf8_file_names_the_byte_offset_and_line(tmp_path: Path) -> None:
    raw = BASE.encode() + b'\n[lint]\nnote = "caf\xe9"\n'
    (tmp_path / "config.toml").write_bytes(raw)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "config.toml")
    (problem,) = info.value.problems
    offset = raw.index(b"\xe9")
    assert problem.params["offset"] == offset
    assert problem.location.line == raw[:offset].count(b"\n") + 1
    assert all(str(offset) in out for out in rendered(problem).values())


def test_a_byte_order_mark_and_a_directory_are_accepted(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_bytes(b"\xef\xbb\xbf" + BASE.encode())
    assert load_config(tmp_path).office.id == "turkistan"


def test_find_config_walks_up_and_honours_arna_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "config.toml").write_text(BASE, encoding="utf-8")
    deep = tmp_path / "drafts" / "week-48"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "config.toml"
    monkeypatch.chdir(deep)
    assert find_config() == tmp_path / "config.toml"
    other = tmp_path / "other.toml"
    other.write_text(BASE, encoding="utf-8")
    monkeypatch.setenv("ARNA_CONFIG", str(other))
    assert find_config(deep) == other
    monkeypatch.setenv("ARNA_CONFIG", str(tmp_path / "missing.toml"))
    with pytest.raises(ConfigError) as info:
        find_config(deep)
    assert "missing.toml" in info.value.render("kk")


def test_find_config_without_any_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        find_config(tmp_path)
    assert all("arna init DIR" in info.value.render(lang) for lang in LANGS)


# -- problems: the schema ---------------------------------------------------------------------


def test_unknown_key_names_its_path_line_and_closest_key() -> None:
    text = BASE.replace('region = "Түркістан облысы"', 'region = "Түркістан облысы"\nnmae = "x"')
    problem = only(text)
    assert problem.location.key == "office.nmae"
    assert problem.location.line == line_with(text, "nmae")
    assert problem.params["suggestion"] == "name"
    for out in rendered(problem).values():
        assert "nmae" in out and "name" in out.split("\n")[1]


def test_unknown_key_in_the_second_channel() -> None:
    text = BASE + 'slot = ["mon 10:00"]\n'
    problem = only(text)
    assert problem.location.key == "channels[1].slot"
    assert problem.location.line == line_with(text, "slot =")
    assert problem.params["suggestion"] == "slots"


def test_unknown_key_without_a_close_match_lists_the_allowed_keys() -> None:
    problem = only(BASE + "\n[storage]\nzzzzzz = 1\n")
    assert "suggestion" not in problem.params
    assert "max_media_mb" in problem.render("ru")


def test_unknown_table() -> None:
    problem = only(BASE + "\n[schedul]\nmax_lateness_hours = 3\n")
    assert problem.location.key == "schedul"
    assert problem.params["suggestion"] == "schedule"


def test_unknown_network_lists_the_valid_ones() -> None:
    text = BASE.replace('network = "telegram"', 'network = "telegam"')
    problem = only(text)
    assert problem.location.key == "channels[0].network"
    assert problem.location.line == line_with(text, "telegam")
    assert problem.params["suggestion"] == "telegram"
    for out in rendered(problem).values():
        assert all(n.value in out for n in Network)


def test_duplicate_channel_ids() -> None:
    text = BASE.replace('id = "outbox"', 'id = "tg-main"')
    problem = only(text)
    assert problem.location.key == "channels[1].id"
    assert problem.location.line == line_with(text, 'id = "tg-main"', 1)
    assert problem.params["first_line"] == line_with(text, 'id = "tg-main"')


@pytest.mark.parametrize(
    ("zone", "suggestion"), [("Asia/Almati", "Asia/Almaty"), ("Mars/Base", None)]
)
def test_bad_timezone(zone: str, suggestion: str | None) -> None:
    text = BASE.replace(
        'languages = ["kk", "ru"]', f'languages = ["kk", "ru"]\ntimezone = "{zone}"'
    )
    problem = only(text)
    assert problem.location.key == "office.timezone"
    assert problem.location.line == line_with(text, "timezone")
    if suggestion:
        assert problem.params["suggestion"] == suggestion
    assert zone in problem.render("kk")


@pytest.mark.parametrize(
    ("slot", "example"),
    [
        ("monday 10:00", "mon 10:00"),
        ("mon 25:00", "mon 10:00"),
        ("mon 10:60", "mon 10:00"),
        ("fri", "fri 10:00"),
        ("пт 18:30", "fri 18:30"),
        ("сәрсенбі 09:00", "wed 09:00"),
        ("10:00 mon", "mon 10:00"),
        ("mon10:00", "mon 10:00"),
    ],
)
def test_bad_slot_syntax(slot: str, example: str) -> None:
    text = BASE.replace('slots = ["mon 10:00"]', f'slots = [\n  "tue 09:00",\n  "{slot}",\n]')
    problem = only(text)
    assert problem.location.key == "channels[0].slots[1]"
    assert problem.location.line == line_with(text, f'"{slot}"')
    assert problem.params["example"] == example


def test_every_bad_slot_is_reported() -> None:
    text = BASE.replace(
        'slots = ["mon 10:00"]', 'slots = ["monday 10:00", "mon 25:00", "sun 7:00"]'
    )
    keys = [p.location.key for p in problems(text)]
    assert keys == ["channels[0].slots[0]", "channels[0].slots[1]"]


def test_duplicate_slot() -> None:
    text = BASE.replace('slots = ["mon 10:00"]', 'slots = ["mon 10:00", "Mon 10:00"]')
    assert only(text).location.key == "channels[0].slots[1]"


@pytest.mark.parametrize("value", ["22:00", "22-08", "25:00-08:00", "22:00-08:60", "ten-eight"])
def test_bad_quiet_hours(value: str) -> None:
    text = BASE + f'\n[schedule]\nquiet_hours = "{value}"\n'
    problem = only(text)
    assert problem.location.key == "schedule.quiet_hours"
    assert problem.location.line == line_with(text, "quiet_hours")


def test_quiet_hours_that_start_when_they_end_are_ambiguous() -> None:
    problem = only(BASE + '\n[schedule]\nquiet_hours = "22:00-22:00"\n')
    assert "22:00-22:00" in problem.render("ru")


def test_quiet_hours_are_normalised() -> None:
    config = parse(BASE + '\n[schedule]\nquiet_hours = " 9:00 – 8:30 "\n')
    assert config.schedule.quiet_hours == "09:00-08:30"


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('languages = ["kk", "ru"]', 'languages = ["kk", "de"]', "office.languages[1]"),
        ('languages = ["kk", "ru"]', 'languages = ["kk", "kk"]', "office.languages[1]"),
        ('languages = ["kk", "ru"]', "languages = []", "office.languages"),
        ('slots = ["mon 10:00"]', 'languages = ["uz"]', "channels[0].languages[0]"),
        (
            'languages = ["kk", "ru"]',
            'languages = ["kk"]\nui_language = "de"',
            "office.ui_language",
        ),
    ],
)
def test_languages_must_be_kk_ru_en(old: str, new: str, key: str) -> None:
    problem = only(BASE.replace(old, new, 1))
    assert problem.location.key == key


def test_all_office_languages_wrong_is_not_also_reported_as_empty() -> None:
    text = BASE.replace('languages = ["kk", "ru"]', 'languages = ["de", "fr"]')
    assert [p.location.key for p in problems(text)] == [
        "office.languages[0]",
        "office.languages[1]",
    ]


def test_channel_languages_may_differ_from_the_office() -> None:
    config = parse(BASE.replace('slots = ["mon 10:00"]', 'languages = ["en"]'))
    assert config.channel("tg-main").languages == ("en",)  # type: ignore[union-attr]


def test_credentials_env_is_required_except_for_the_outbox() -> None:
    text = BASE.replace('credentials_env = "ARNA_TG_MAIN_TOKEN"\n', "")
    problem = only(text)
    assert problem.location.key == "channels[0].credentials_env"
    assert problem.location.line == line_with(text, "[[channels]]")
    assert problem.params["env"] == "ARNA_TG_MAIN_TOKEN"
    assert "export ARNA_TG_MAIN_TOKEN" in problem.render("kk")


def test_credentials_env_and_api_base_url_are_forbidden_for_the_outbox() -> None:
    text = BASE + 'credentials_env = "ARNA_OUT"\napi_base_url = "http://127.0.0.1:1"\n'
    keys = {p.location.key for p in problems(text)}
    assert keys == {"channels[1].credentials_env", "channels[1].api_base_url"}


@pytest.mark.parametrize("url", ["ftp://host/bot", "127.0.0.1:8081", "http://", "https:// x"])
def test_api_base_url_must_be_http(url: str) -> None:
    text = BASE.replace('slots = ["mon 10:00"]', f'api_base_url = "{url}"')
    assert only(text).location.key == "channels[0].api_base_url"


def test_self_hosted_api_server_is_accepted() -> None:
    text = BASE.replace('slots = ["mon 10:00"]', 'api_base_url = "http://127.0.0.1:8081/bot"')
    assert parse(text).channels[0].api_base_url == "http://127.0.0.1:8081/bot"


@pytest.mark.parametrize("target", ["rukhani", "@ab", "@rukhani turkistan", "-100 123"])
def test_telegram_target_is_a_username_or_chat_id(target: str) -> None:
    text = BASE.replace('target = "@rukhani_turkistan"', f'target = "{target}"')
    assert only(text).location.key == "channels[0].target"


def test_other_targets_have_no_spaces() -> None:
    assert only(channel("", target='"my page"')).location.key == "channels[2].target"
    assert parse(channel("", target='"-123456"')).channels[2].target == "-123456"


@pytest.mark.parametrize(
    ("section", "key"),
    [
        ("[storage]\nmax_media_mb = 0", "storage.max_media_mb"),
        ("[storage]\nmax_media_mb = 4097", "storage.max_media_mb"),
        ("[schedule]\nmax_lateness_hours = 0", "schedule.max_lateness_hours"),
        ('[schedule]\neditors_chat_env = "-1001234"', "schedule.editors_chat_env"),
        ('[storage]\ndatabase = "postgresql://db/arna"', "storage.database"),
        ('[storage]\nmedia_dir = "  "', "storage.media_dir"),
        ('[hashtags]\nrequired = ["#рухани жаңғыру"]', "hashtags.required[0]"),
        ('[hashtags]\nrequired = ["руханижаңғыру"]', "hashtags.required[0]"),
        ('[hashtags]\nrequired = ["#2024"]', "hashtags.required[0]"),
        ('[hashtags]\nrequired = ["#a", "#A"]', "hashtags.required[1]"),
        ('[hashtags.directions]\nknowledge = ["#a b"]', "hashtags.directions.knowledge[0]"),
        ('[hashtags.directions]\nopn-mind = ["#a"]', "hashtags.directions.opn-mind"),
        ('[brand]\nlogos = ["brand/logo.jpg"]', "brand.logos[0]"),
        ("lint = 3", "lint"),
    ],
)
def test_values_are_validated(section: str, key: str) -> None:
    text = BASE + "\n" + section + "\n"
    if section.startswith("lint"):
        text = section + "\n" + BASE
    problem = only(text)
    assert problem.location.key == key
    last = key.split(".")[-1].split("[")[0]
    assert problem.location.line == line_with(
        text, last if "[" not in key else section.split("\n")[-1]
    )


def test_unknown_direction_suggests_the_closest() -> None:
    problem = only(BASE + '\n[hashtags.directions]\nopn-mind = ["#a"]\n')
    assert problem.params["suggestion"] == "open-mind"


@pytest.mark.parametrize(
    ("text", "key", "expected_word"),
    [
        (BASE + '\n[storage]\nmax_media_mb = "200"\n', "storage.max_media_mb", "целое число"),
        (BASE + 'enabled = "yes"\n', "channels[1].enabled", "true"),
        (
            BASE.replace('languages = ["kk", "ru"]', 'languages = "kk"'),
            "office.languages",
            "список",
        ),
        (BASE + "\n[brand]\nlogos = 3\n", "brand.logos", "список"),
    ],
)
def test_wrong_types_say_what_was_expected(text: str, key: str, expected_word: str) -> None:
    problem = only(text)
    assert problem.location.key == key
    assert expected_word in problem.render("ru")


def test_a_table_written_for_an_array_of_tables() -> None:
    text = BASE.replace("[[channels]]", "[channels]", 1).split("\n[[channels]]")[0]
    problem = only(text)
    assert problem.location.key == "channels"
    assert all("[[channels]]" in out for out in rendered(problem).values())


def test_missing_tables_and_keys() -> None:
    no_office = BASE.split("[[channels]]", 1)[1]
    problem = only("[[channels]]" + no_office)
    assert problem.location.key == "office"
    assert "[office]" in problem.render("kk")
    assert only(BASE.split("[[channels]]")[0]).location.key == "channels"
    text = BASE.replace('region = "Түркістан облысы"\n', "")
    missing = only(text)
    assert missing.location.key == "office.region"
    assert missing.location.line == line_with(text, "[office]")


def test_all_problems_are_collected_in_file_order() -> None:
    text = (
        BASE.replace('id = "turkistan"', 'id = "Turkistan Office"')
        .replace('network = "telegram"', 'network = "telegramm"')
        .replace('slots = ["mon 10:00"]', 'slots = ["monday 10:00"]')
        .replace('target = "outbox"', 'target = "outbox"\ncredentials_env = "ARNA_X"')
        + '\n[schedule]\nquiet_hours = "late"\n'
    )
    found = problems(text)
    assert [p.location.key for p in found] == [
        "office.id",
        "channels[0].network",
        "channels[0].slots[0]",
        "channels[1].credentials_env",
        "schedule.quiet_hours",
    ]
    lines = [p.location.line for p in found]
    assert lines == sorted(lines) and None not in lines
    assert found[0].params["example"] == "turkistan-office"
    assert all(p.location.file == "config.toml" for p in found)


# -- secrets ----------------------------------------------------------------------------------

SECRET_CASES = [
    pytest.param(
        BASE.replace('"ARNA_TG_MAIN_TOKEN"', f'"{TG_TOKEN}"'),
        TG_TOKEN,
        "channels[0].credentials_env",
        id="telegram-token-as-credentials-env",
    ),
    pytest.param(
        BASE.replace('"ARNA_TG_MAIN_TOKEN"', '"s3cr3t-Value_of-mine"'),
        "s3cr3t-Value_of-mine",
        "channels[0].credentials_env",
        id="credentials-env-not-a-name",
    ),
    pytest.param(
        BASE + 'token = "plain-password-1"\n',
        "plain-password-1",
        "channels[1].token",
        id="key-named-token",
    ),
    pytest.param(
        BASE.replace('slots = ["mon 10:00"]', f'api_key = "{FB_TOKEN}"'),
        FB_TOKEN,
        "channels[0].api_key",
        id="key-named-api-key",
    ),
    pytest.param(
        BASE + '\n[lint]\nwebhook = { password = "hunter2hunter2" }\n',
        "hunter2hunter2",
        "lint.webhook.password",
        id="password-in-lint",
    ),
    pytest.param(
        BASE.replace(
            'slots = ["mon 10:00"]', f'api_base_url = "https://api.telegram.org/bot{TG_TOKEN}"'
        ),
        TG_TOKEN,
        "channels[0].api_base_url",
        id="token-inside-a-url",
    ),
    pytest.param(
        BASE.replace("Түркістан облысы", FB_TOKEN),
        FB_TOKEN,
        "office.region",
        id="facebook-token-anywhere",
    ),
    pytest.param(
        BASE + '\n[storage]\ndatabase = "postgresql://arna:Pa55w0rd@db/arna"\n',
        "Pa55w0rd",
        "storage.database",
        id="password-in-a-url",
    ),
    pytest.param(
        BASE + f'\n[lint]\n"{TG_TOKEN}" = true\n',
        TG_TOKEN,
        'lint."***"',
        id="token-as-a-key",
    ),
    pytest.param(
        BASE + f'\n[lint]\n"{TG_TOKEN}" = true\n"{TG_TOKEN}" = false\n',
        TG_TOKEN,
        None,
        id="token-in-a-syntax-error",
    ),
    pytest.param(
        BASE + '\n[lint]\nkey = "Zk8fQ2mL9xW3vB7nR1tY6uP0aS4dF5gH"\n',
        "Zk8fQ2mL9xW3vB7nR1tY6uP0aS4dF5gH",
        "lint.key",
        id="long-random-string",
    ),
]


@pytest.mark.parametrize(("text", "secret", "key"), SECRET_CASES)
def test_an_inline_secret_is_refused_and_never_repeated(
    text: str, secret: str, key: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ConfigError) as info:
        parse(text)
    error = info.value
    (problem,) = [p for p in error.problems if p.location.key == key]
    assert problem.location.line == line_with(text, secret, -1 if key is None else 0)
    if key is not None:
        en = problem.render("en")
        assert "environment variable" in en and "git" in en and "backups" in en
        assert "export ARNA_" in en and "credentials_env" in en
        assert all("git" in problem.render(lang) for lang in LANGS)
    # the secret is nowhere: messages, repr, parameters, traceback, log
    everywhere = [
        str(error),
        repr(error),
        repr(error.problems),
        *(error.render(lang) for lang in LANGS),
        "".join(traceback.format_exception(error)),
        caplog.text,
    ]
    assert not [s for s in everywhere if secret in s]
    squeezed = re.sub(r"[^a-z0-9]", "", secret.lower())  # not even upper-cased or re-punctuated
    assert not [s for s in everywhere if squeezed in re.sub(r"[^a-z0-9]", "", s.lower())]
    assert error.__cause__ is None and error.__context__ is None


def test_only_the_secret_problem_is_reported_for_a_secret_key() -> None:
    text = BASE + 'token = "plain-password-1"\n'
    assert [p.location.key for p in problems(text)] == ["channels[1].token"]


def test_secret_fix_names_the_channels_variable() -> None:
    text = BASE.replace('credentials_env = "ARNA_TG_MAIN_TOKEN"', f'credentials_env = "{TG_TOKEN}"')
    problem = only(text.replace('id = "tg-main"', 'id = "ig-main"'))
    assert problem.params["env"] == "ARNA_IG_MAIN_TOKEN"


@pytest.mark.parametrize(
    "value",
    [
        "#сохранениенациональнойидентичности",
        "brand/Logo2024FinalVersionForPrintAndWeb.png",
        "17841400000000000",
    ],
)
def test_ordinary_long_values_are_not_secrets(value: str) -> None:
    parse(BASE + f'\n[lint]\nnote = "{value}"\n')


def test_a_variable_name_under_a_secret_like_key_is_fine() -> None:
    config = parse(BASE + '\n[lint]\nwebhook_token_env = "ARNA_WEBHOOK_TOKEN"\n')
    assert config.lint["webhook_token_env"] == "ARNA_WEBHOOK_TOKEN"


# -- messages ---------------------------------------------------------------------------------


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _texts() -> list[Text]:
    module = vars(config_module)
    found = [v for v in module.values() if isinstance(v, Text)]
    for message, fix in config_module._CUSTOM.values():
        found += [message] + ([fix] if fix else [])
    for kinds in (config_module._SECRET_KINDS, config_module._TARGET_HINTS):
        found += list(kinds.values())
    for expected, got, _ in config_module._TOML_TYPES.values():
        found += [expected, got]
    return found


def test_every_message_has_the_same_placeholders_in_three_languages() -> None:
    texts = _texts()
    assert len(texts) > 40
    for text in texts:
        assert _fields(text.kk) == _fields(text.ru) == _fields(text.en), text
        assert text.kk != text.en and text.ru != text.en, text
        cyrillic = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
        assert cyrillic & set(text.kk.lower()) and cyrillic & set(text.ru.lower()), text


def test_kazakh_messages_are_kazakh_not_russian() -> None:
    kazakh = set("әғқңөұүһі")
    assert all(t.kk != t.ru for t in _texts())
    sentences = [t for t in _texts() if len(t.kk.split()) > 6]
    assert all(kazakh & set(t.kk.lower()) for t in sentences), [
        t.kk for t in sentences if not kazakh & set(t.kk.lower())
    ]


def test_every_problem_renders_in_every_language_with_a_fix() -> None:
    text = (
        BASE.replace('network = "telegram"', 'network = "telegramm"')
        .replace('region = "Түркістан облысы"', 'region = "Түркістан облысы"\nnmae = 1')
        .replace("max", "")
        + 'credentials_env = "ARNA_X"\n\n[storage]\nmax_media_mb = "x"\n'
        + '\n[hashtags]\nrequired = ["#a b"]\n'
    )
    found = problems(text)
    assert len(found) >= 4
    for problem in found:
        assert problem.fix is not None
        for lang, out in rendered(problem).items():
            assert "{" not in out.replace("{{", ""), (lang, out)


def test_documented_channel_keys_match_the_schema() -> None:
    text = render_default_config()
    documented = {
        line.split()[1] for line in text.split("# Channels")[1].split("\n\n")[0].splitlines()[1:]
    }
    assert documented == set(config_module.Channel.model_fields)
    assert tomllib.loads(text)["channels"]
