"""`arna plan event add|import|list`, `arna plan show`, and the S rules in `arna lint --queued`,
on a workspace made by `arna init`, on SQLite and on PostgreSQL.

The scenario week (`WEEK`, eight weeks ahead, office in Asia/Almaty) is written so that each S
rule fires on exactly the posts it should:

    tg-main  Mon 10:00  announcement kk fest   event FEST       —
             Wed 18:30  video        ru x                       —
             Thu 10:00  photo        kk forum  event FORUM      —
             Thu 15:00  photo        ru forum  event FORUM      S505 (no slot at 15:00)
             Thu 20:00  poll         ru forum  event FORUM      S502 (3rd within 24 h), S505
             Fri 12:30  announcement kk fest   event FEST       S503 (22.5 h before the start)
    fb-main  Mon 12:00  text         ru fest                    S501 (the week is all text)
             Wed 12:00  text         kk x                       S501
             Fri 17:00  text         ru fest                    S501
    plan     FEST (regional, Sat 11:00, no deadline)           S504
             FORUM (republican, Thu 10:00, complete)            —

Every story has its other-language variant within 24 h, so S506 stays silent until a test adds
a post that has none.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from arna.sample_week import sample_week_monday
from tests.cli_helpers import run
from tests.databases import fresh_postgres_url

SCHEMA = Path(__file__).parent / "schemas" / "lint-v1.json"
MONDAY = sample_week_monday(date.today()) + timedelta(weeks=8)
WEEK = "{}-W{:02d}".format(*MONDAY.isocalendar()[:2])
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FEST = "fest-" + MONDAY.isoformat()
FORUM = "forum-" + MONDAY.isoformat()


def local(day: str, hhmm: str, monday: date = MONDAY) -> str:
    return f"{monday + timedelta(days=DAYS.index(day))}T{hhmm}"


@pytest.fixture
def ws(in_ws: Path, backend: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A workspace from `arna init`, on SQLite or on a fresh PostgreSQL database."""
    if backend == "sqlite":
        yield in_ws
        return
    with fresh_postgres_url() as url:
        monkeypatch.setenv("ARNA_DATABASE_URL", url)
        assert run_ok("db", "upgrade")
        yield in_ws


_capsys: list[pytest.CaptureFixture[str]] = []


@pytest.fixture(autouse=True)
def _keep_capsys(capsys: pytest.CaptureFixture[str]) -> Iterator[None]:
    _capsys.append(capsys)
    yield
    _capsys.pop()


def arna(*args: str) -> tuple[int, str, str]:
    return run(_capsys[-1], *args)


def run_ok(*args: str) -> str:
    code, out, err = arna(*args)
    assert code == 0, err
    return out


def lint(*args: str) -> str:
    """`arna lint --queued …`: findings (exit 0 or 1), never a usage or input error (2)."""
    code, out, err = arna("lint", "--queued", *args)
    assert code in (0, 1), err
    return out


def draft(
    folder: Path,
    name: str,
    *,
    channel: str,
    kind: str,
    language: str,
    story: str,
    when: str,
    text: str,
    event: str | None = None,
) -> Path:
    network = {"tg-main": "telegram", "fb-main": "facebook", "ig-main": "instagram"}[channel]
    lines = [
        "+++",
        f'network = "{network}"',
        f'channel = "{channel}"',
        f'kind = "{kind}"',
        f'language = "{language}"',
        f'story = "{story}"',
        f"scheduled = {when}:00",
    ]
    if event:
        lines.append(f'event = "{event}"')
    if kind == "photo":
        lines.append('media = ["../drafts/media/kitap-fest-01.jpg"]')
    if kind == "video":
        lines.append('media = ["../drafts/media/latyn-sabak.mp4"]')
    if kind == "poll":
        lines += ["[poll]", 'question = "Форумға барасыз ба?"', 'options = ["Иә", "Жоқ"]']
    lines.append("+++")
    path = folder / f"{name}.md"
    path.write_text("\n".join(lines) + "\n" + text + "\n", encoding="utf-8")
    return path


SCENARIO = {
    # name: (channel, kind, language, story, day, time, event, text)
    "a": ("tg-main", "announcement", "kk", "fest", "mon", "10:00", FEST,
          "Сенбіде орталық саябақта «Кітап фест» өтеді: кітап алмасу мен ақындар кездесуі."),
    "x2": ("tg-main", "video", "ru", "x", "wed", "18:30", None,
           "Как читать новые буквы латиницы: объясняем за двенадцать секунд."),
    "b": ("tg-main", "photo", "kk", "forum", "thu", "10:00", FORUM,
          "Жастар форумы ашылды: залда мыңнан астам қатысушы."),
    "c": ("tg-main", "photo", "ru", "forum", "thu", "15:00", FORUM,
          "Молодёжный форум: первые идеи участников уже на стенде."),
    "d": ("tg-main", "poll", "ru", "forum", "thu", "20:00", FORUM,
          "Пойдёте ли вы на второй день форума?"),
    "e": ("tg-main", "announcement", "kk", "fest", "fri", "12:30", FEST,
          "Ертең «Кітап фест» өтеді, сүйікті кітабыңызбен келіңіздер!"),
    "f1": ("fb-main", "text", "ru", "fest", "mon", "12:00", None,
           "В субботу в парке пройдёт «Кітап фест»: обмен книгами и встречи с поэтами."),
    "f2": ("fb-main", "text", "kk", "x", "wed", "12:00", None,
           "Латын әліпбиіндегі жаңа әріптерді қалай оқимыз? Бейнеде қысқаша түсіндіреміз."),
    "f3": ("fb-main", "text", "ru", "fest", "fri", "17:00", None,
           "Завтра «Кітап фест»: возьмите книгу, которую хотите подарить другу."),
}  # fmt: skip
EXPECTED = {
    "a": set(),
    "x2": set(),
    "b": set(),
    "c": {"S505"},
    "d": {"S502", "S505"},
    "e": {"S503"},
    "f1": {"S501"},
    "f2": {"S501"},
    "f3": {"S501"},
}


def write_scenario(root: Path, names: tuple[str, ...] = tuple(SCENARIO)) -> Path:
    folder = root / "week"
    folder.mkdir(exist_ok=True)
    for name in names:
        channel, kind, language, story, day, at, event, text = SCENARIO[name]
        draft(folder, name, channel=channel, kind=kind, language=language, story=story,
              when=local(day, at), text=text, event=event)  # fmt: skip
    return folder


def add_events() -> None:
    run_ok("plan", "event", "add", FEST, "--title", "Кітап фест", "--starts", local("sat", "11:00"),
           "--scale", "regional", "--partner", "@turkistan_kitaphana")  # fmt: skip
    run_ok("plan", "event", "add", FORUM, "--title", "Жастар форумы", "--starts",
           local("thu", "10:00"), "--scale", "republican", "--partner", "@jastar_kz",
           "--deadline", local("mon", "18:00"), "--approved")  # fmt: skip


def post_ids() -> dict[str, int]:
    """Queued posts by draft name."""
    posts = json.loads(run_ok("queue", "list", "--format", "json"))
    return {Path(p["source"]).stem: p["id"] for p in posts}


def s_codes(report: dict) -> dict[str, set[str]]:  # type: ignore[type-arg]
    """S codes by draft name (posts) or by `arna:plan/<key>` (plan items)."""
    out: dict[str, set[str]] = {}
    for post in report["posts"]:
        name = post["path"] if post["post_id"] is None else Path(post["path"]).stem
        out[name] = {f["code"] for f in post["findings"] if f["code"].startswith("S")}
    return out


# --- arna lint --queued -----------------------------------------------------------------------------


def test_lint_queued_reports_the_s_rules_on_their_posts_and_plan_items(ws: Path) -> None:
    add_events()
    run_ok("queue", "add", str(write_scenario(ws)))
    code, out, err = arna("lint", "--queued", "--format", "json", "--fail-on", "warning")
    assert code == 1, err
    report = json.loads(out)
    Draft202012Validator(json.loads(SCHEMA.read_text("utf-8"))).validate(report)
    found = s_codes(report)
    assert {k: v for k, v in found.items() if not k.startswith("arna:")} == EXPECTED
    assert found[f"arna:plan/{FEST}"] == {"S504"}
    assert f"arna:plan/{FORUM}" not in found
    plan_item = next(p for p in report["posts"] if p["path"] == f"arna:plan/{FEST}")
    assert plan_item["post_id"] is None and plan_item["network"] == "telegram"
    finding = plan_item["findings"][0]
    assert finding["evidence"]["missing"] == ["deadline"] and finding["line"] is None
    pause = next(
        f for p in report["posts"] if p["path"] and p["path"].endswith("/d.md")
        for f in p["findings"] if f["code"] == "S502"
    )  # fmt: skip
    assert pause["evidence"]["position"] == 3 and pause["evidence"]["scale"] == "republican"


def test_s506_and_the_other_formats_show_week_findings(ws: Path) -> None:
    add_events()
    folder = write_scenario(ws)
    draft(folder, "lonely", channel="tg-main", kind="text", language="ru", story="lonely",
          when=local("sat", "11:00"), text="Эта история выходит только на русском языке.")  # fmt: skip
    run_ok("queue", "add", str(folder))
    out = lint("--format", "json")
    assert s_codes(json.loads(out))["lonely"] == {"S506"}
    out = lint("--format", "text", "--lang", "ru")
    assert "S506 [warning] Сюжет «lonely» выходит на русском языке" in out
    assert f"arna:plan/{FEST}: S504 [info]" in out
    out = lint("--format", "github", "--lang", "en")
    assert f"::notice title=arna%3Aplan/{FEST} S504 plan-item-incomplete::" in out
    assert "file=arna" not in out  # a plan item is no file
    out = lint("--format", "sarif")
    uris = {
        r["ruleId"]: r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(out)["runs"][0]["results"]
    }
    assert uris["S504"] == f"arna:plan/{FEST}" and uris["S506"].startswith("arna:post/")
    out = lint("--format", "html")
    assert f"arna:plan/{FEST}" in out and "S503" in out and "S506" in out


def test_an_editor_waives_a_week_finding(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    add_events()
    run_ok("queue", "add", str(write_scenario(ws, ("a", "e", "f3"))))
    out = lint("--format", "json")
    post = next(p for p in json.loads(out)["posts"] if p["path"] and p["path"].endswith("/e.md"))
    assert [(f["code"], f["waived"]) for f in post["findings"] if f["code"] == "S503"] == [
        ("S503", False)
    ]
    monkeypatch.setenv("ARNA_USER", "bolat")
    run_ok("queue", "waive", str(post["post_id"]), "S503", "--reason", "ертеңгі еске салу")
    out = lint("--format", "json")
    post = next(p for p in json.loads(out)["posts"] if p["post_id"] == post["post_id"])
    assert [(f["code"], f["waived"]) for f in post["findings"] if f["code"] == "S503"] == [
        ("S503", True)
    ]
    out = run_ok("plan", "show", "--week", WEEK, "--channel", "tg-main", "--lang", "en")
    assert "S503 [warning, waived]" in out and "(ертеңгі еске салу)" in out


def test_lint_queued_with_network_filter_runs_the_weeks_of_that_network_only(ws: Path) -> None:
    run_ok("queue", "add", str(write_scenario(ws)))
    out = lint("--network", "facebook", "--format", "json")
    found = s_codes(json.loads(out))
    assert found == {"f1": {"S501"}, "f2": {"S501"}, "f3": {"S501"}}


# --- arna plan event ---------------------------------------------------------------------------------


def test_event_add_stores_utc_and_lists_local_time(ws: Path) -> None:
    out = run_ok("plan", "event", "add", "kitap-fest", "--title", "Кітап фест", "--starts",
                 "2030-11-30T11:00", "--scale", "regional", "--partner", "@a", "--partner", "@b",
                 "--deadline", "2030-11-27", "--lang", "en")  # fmt: skip
    assert "Event 'kitap-fest' added: Sat 2030-11-30 11:00 (Asia/Almaty)" in out
    events = json.loads(run_ok("plan", "event", "list", "--format", "json"))
    assert events == [
        {
            "key": "kitap-fest",
            "title": "Кітап фест",
            "starts_at": "2030-11-30T06:00:00+00:00",  # 11:00 at UTC+5
            "starts_local": "2030-11-30T11:00:00+05:00",
            "scale": "regional",
            "internal": False,
            "partners": ["@a", "@b"],
            "deadline": "2030-11-27T18:59:00+00:00",  # a date alone: 23:59 local
            "logo_basis": None,
            "approved": False,
        }
    ]
    out = run_ok("plan", "event", "list", "--week", "2030-W48", "--lang", "ru")
    assert "kitap-fest" in out and "Сб 2030-11-30 11:00" in out and "@a, @b" in out
    assert "kitap-fest" not in run_ok("plan", "event", "list", "--week", "2030-W49")
    code, _, err = arna("plan", "event", "add", "kitap-fest", "--title", "x", "--starts",
                        "2030-12-01T10:00", "--scale", "local", "--lang", "en")  # fmt: skip
    assert code == 2 and "already has an event 'kitap-fest'" in err


def test_event_add_explains_every_bad_option_and_writes_nothing(ws: Path) -> None:
    code, _, err = arna("plan", "event", "add", "has space", "--title", " ", "--starts",
                        "2030-11-30", "--scale", "republikan", "--logo-basis", "pa:12",
                        "--lang", "en")  # fmt: skip
    assert code == 2
    assert "KEY: 'has space' is not a valid key" in err
    assert "--title: 'title' is required" in err
    assert "--starts: '2030-11-30' is a date only" in err
    assert "--scale: 'republikan' is not a scale" in err and "Did you mean 'republican'?" in err
    assert "--logo-basis: 'pa:12' is not a logo basis" in err
    assert "5 problems found; nothing was written" in err
    assert "No events" in run_ok("plan", "event", "list", "--lang", "en")
    code, _, err = arna("plan", "event", "list", "--week", "2030-48", "--lang", "kk")
    assert code == 2 and "«2030-48» — апта емес" in err


CSV_GOOD = """key,title,starts,scale,partners,deadline,internal,approved
kitap-fest,Кітап фест,2030-11-30T11:00,regional,@kitaphana;@ontustik,2030-11-27,no,yes
forum,"Форум, екінші күн",2030-11-28 10:00,republican,,,,
"""


def test_import_csv_all_events(ws: Path) -> None:
    (ws / "plan.csv").write_text(CSV_GOOD, "utf-8")
    out = run_ok("plan", "event", "import", "plan.csv", "--lang", "en")
    assert "2 event(s) imported from plan.csv" in out
    events = {e["key"]: e for e in json.loads(run_ok("plan", "event", "list", "--format", "json"))}
    assert events["forum"]["title"] == "Форум, екінші күн"
    assert events["forum"]["starts_at"] == "2030-11-28T05:00:00+00:00"
    assert events["kitap-fest"]["partners"] == ["@kitaphana", "@ontustik"]
    assert events["kitap-fest"]["approved"] is True and events["kitap-fest"]["internal"] is False


def test_import_is_all_or_nothing_and_names_file_line_column_and_fix(ws: Path) -> None:
    bad = (
        CSV_GOOD
        + "fest-2,Фест,2030-12-05T10:00,regionl,,,,\nfest-3,Фест,5 December,local,,,maybe,\n"
    )
    (ws / "plan.csv").write_text(bad, "utf-8")
    code, out, err = arna("plan", "event", "import", "plan.csv", "--lang", "en")
    assert code == 2 and out == ""
    assert "plan.csv:4: scale: 'regionl' is not a scale" in err
    assert "Did you mean 'regional'?" in err
    assert "plan.csv:5: starts: '5 December' is not a date and time" in err
    assert "Write the office's local time (Asia/Almaty), such as 2026-11-28T10:00" in err
    assert "plan.csv:5: internal: 'maybe' is not a yes/no value" in err
    assert "3 problem(s) found; nothing was added to the plan" in err
    assert "No events" in run_ok("plan", "event", "list", "--lang", "en")  # not even the good rows
    code, _, err = arna("plan", "event", "import", "plan.csv", "--lang", "ru")
    assert "plan.csv:4: scale: «regionl» — не масштаб мероприятия" in err


def test_import_csv_header_problems_are_reported_once(ws: Path) -> None:
    (ws / "plan.csv").write_text("key,title,start,scale\nk,T,2030-11-30T11:00,local\n", "utf-8")
    code, _, err = arna("plan", "event", "import", "plan.csv", "--lang", "en")
    assert code == 2
    assert "plan.csv:1: start: Unknown field 'start'" in err and "Did you mean 'starts'?" in err
    assert "plan.csv:1: starts: 'starts' is required but missing" in err
    assert err.count("plan.csv:2") == 0  # the row itself is not blamed for the header


def test_import_toml_with_line_and_key_and_refuses_duplicate_keys(ws: Path) -> None:
    toml = """# the media grid
[[event]]
key = "a"
title = "A"
starts = 2030-11-30T11:00:00
scale = "local"

[[event]]
key = "b"
title = "B"
starts = 2030-11-30T12:00:00
scale = "national"
partners = "@one"

[[event]]
key = "a"
title = "A again"
starts = 2030-12-01T12:00:00
scale = "local"
"""
    (ws / "grid.toml").write_text(toml, "utf-8")
    code, _, err = arna("plan", "event", "import", "grid.toml", "--lang", "en")
    assert code == 2
    assert "grid.toml:12: event[1].scale: 'national' is not a scale" in err
    assert (
        "grid.toml:16: event[2].key: The key 'a' is used twice in the file: it is on line 3" in err
    )
    assert "No events" in run_ok("plan", "event", "list", "--lang", "en")
    (ws / "grid.toml").write_text(toml.split('\n[[event]]\nkey = "b"')[0], "utf-8")
    run_ok("plan", "event", "import", "grid.toml")
    code, _, err = arna("plan", "event", "import", "grid.toml", "--lang", "en")
    assert code == 2 and "grid.toml:3: event[0].key: The plan already has an event 'a'" in err
    code, _, err = arna("plan", "event", "import", "grid.xlsx", "--lang", "en")
    assert code == 2 and "only .csv or .toml" in err


# --- arna plan show -------------------------------------------------------------------------------------


def test_plan_show_prints_slots_gaps_posts_events_and_findings(ws: Path) -> None:
    add_events()
    run_ok("queue", "add", str(write_scenario(ws)))
    out = run_ok("plan", "show", "--week", WEEK, "--channel", "tg-main", "--lang", "en")
    lines = out.splitlines()
    assert lines[0] == (
        f"tg-main · telegram · {WEEK}: {MONDAY} to {MONDAY + timedelta(days=6)}, Asia/Almaty"
    )
    rows = [line.split() for line in lines[2:] if line.startswith(("  Mon", "  Tue", "  Wed",
                                                                   "  Thu", "  Fri", "  Sat"))]  # fmt: skip
    table = [(r[0], r[2], r[3], r[4]) for r in rows]
    n = {name: f"#{i}" for name, i in post_ids().items()}
    assert table == [
        ("Mon", "10:00", "10:00", n["a"]),
        ("Tue", "12:30", "12:30", "—"),  # a free slot
        ("Wed", "18:30", "18:30", n["x2"]),
        ("Thu", "10:00", "—", "★"),  # FORUM starts
        ("Thu", "10:00", "10:00", n["b"]),
        ("Thu", "15:00", "—", n["c"]),  # outside the slots
        ("Thu", "20:00", "—", n["d"]),
        ("Fri", "12:30", "12:30", n["e"]),
        ("Sat", "11:00", "—", "★"),  # FEST starts
        ("Sat", "11:00", "11:00", "—"),
    ]
    assert "free slot" in out and f"«Кітап фест» ({FEST}, regional)" in out
    assert "Slots: 6, filled: 4, free: 2; posts outside slots: 2; events: 2." in out
    assert f"{n['c']}: S505 [warning]" in out and f"{n['d']}: S502 [warning]" in out
    assert f"{n['e']}: S503 [warning]" in out and f"{n['a']}: S" not in out
    assert f"arna:plan/{FEST}: S504 [info]" in out
    ru = run_ok("plan", "show", "--week", WEEK, "--channel", "fb-main", "--lang", "ru")
    assert "свободный слот" not in ru and "Слотов: 3, занято: 3, свободно: 0" in ru
    assert ru.count("S501 [warning]") == 3
    kk = run_ok("plan", "show", "--week", WEEK, "--lang", "kk")
    assert "outbox · outbox" in kk and "Бұл аптада слот та, жарияланым да жоқ." in kk
    assert kk.count(f"arna:plan/{FEST}: S504") == 1  # once, not once per channel
    code, _, err = arna("plan", "show", "--week", WEEK, "--channel", "vk-main", "--lang", "en")
    assert code == 2 and "There is no channel 'vk-main'" in err and "tg-main" in err


def test_plan_show_json(ws: Path) -> None:
    run_ok("queue", "add", str(write_scenario(ws, ("a", "c"))))
    data = json.loads(run_ok("plan", "show", "--week", WEEK, "--channel", "tg-main",
                             "--format", "json"))  # fmt: skip
    (channel,) = data["channels"]
    n = post_ids()
    kinds = [(r["type"], r["local"][11:16], r.get("post_id")) for r in channel["rows"]]
    assert kinds[:2] == [("post", "10:00", n["a"]), ("gap", "12:30", None)]
    assert ("post", "15:00", n["c"]) in kinds and len(channel["slots"]) == 6
    assert {f["code"] for f in channel["findings"]} == {"S505", "S506"}


# --- DST in a workspace: Europe/Berlin ----------------------------------------------------------------


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() - 6) % 7)


def _berlin(ws: Path) -> None:
    config = ws / "config.toml"
    text = config.read_text("utf-8").replace(
        'timezone = "Asia/Almaty"', 'timezone = "Europe/Berlin"'
    )
    text = text.replace('quiet_hours = "22:00-08:00"', 'quiet_hours = "23:00-01:00"')
    text = text.replace('slots = ["mon 10:00",', 'slots = ["sun 02:30", "mon 10:00",')
    config.write_text(text, "utf-8")


@pytest.mark.parametrize(
    ("month", "shown", "utc"),
    [
        (3, "03:30", "01:30"),  # spring forward: the skipped 02:30 moves on by the hour jumped
        (10, "02:30", "00:30"),  # fall back: the first 02:30 (CEST), once
    ],
)
def test_a_sunday_0230_slot_on_the_days_berlin_changes_its_clocks(
    ws: Path, month: int, shown: str, utc: str
) -> None:
    _berlin(ws)
    sunday = _last_sunday(date.today().year + 1, month)
    monday = sunday - timedelta(days=6)
    folder = ws / "dst"
    folder.mkdir()
    draft(folder, "night", channel="tg-main", kind="text", language="ru", story="night",
          when=f"{sunday}T02:30", text="Ночной выпуск.")  # fmt: skip
    draft(folder, "night-kk", channel="tg-main", kind="text", language="kk", story="night",
          when=f"{monday}T10:00", text="Түнгі шығарылым.")  # fmt: skip
    run_ok("queue", "add", str(folder))
    week = "{}-W{:02d}".format(*sunday.isocalendar()[:2])
    data = json.loads(run_ok("plan", "show", "--week", week, "--channel", "tg-main",
                             "--format", "json"))  # fmt: skip
    rows = data["channels"][0]["rows"]
    night = next(r for r in rows if r["slot"] == "02:30")
    assert night["type"] == "post" and night["local"][11:16] == shown and night["at"][11:16] == utc
    assert night["local"][:10] == str(sunday)
    # every other slot of the week stays at its wall-clock time, whatever the offset
    others = [r for r in rows if r["slot"] and r["slot"] != "02:30"]
    assert len(others) == 6 and all(r["local"][11:16] == r["slot"] for r in others)
    assert len({r["at"] for r in rows if r["slot"]}) == 7  # no slot twice
    out = lint("--format", "json")
    found = s_codes(json.loads(out))
    assert "S505" not in found["night"]  # on its slot, outside the (moved) quiet hours
    text = run_ok("plan", "show", "--week", week, "--channel", "tg-main", "--lang", "en")
    assert f"Sun {sunday}  {shown}  02:30" in text


def test_lint_queued_on_a_week_of_berlin_finds_an_off_slot_post_in_local_time(ws: Path) -> None:
    _berlin(ws)
    sunday = _last_sunday(date.today().year + 1, 3)
    folder = ws / "dst"
    folder.mkdir()
    when = datetime.fromisoformat(f"{sunday - timedelta(days=6)}T10:30")
    draft(folder, "late", channel="tg-main", kind="text", language="ru", story="late",
          when=when.isoformat(timespec="minutes"), text="Опоздали на полчаса.")  # fmt: skip
    run_ok("queue", "add", str(folder))
    out = lint("--format", "json")
    (post,) = [p for p in json.loads(out)["posts"] if p["post_id"]]
    s505 = next(f for f in post["findings"] if f["code"] == "S505")
    assert s505["evidence"]["scheduled_at"].endswith("10:30")
    assert s505["evidence"]["nearest_slot"].endswith("10:00")
    assert s505["evidence"]["timezone"] == "Europe/Berlin"


# --- the rules in `arna rules` and `arna rule` ----------------------------------------------------


def test_the_s_rules_are_listed_and_explained_with_their_weeks() -> None:
    listed = {r["code"]: r for r in json.loads(run_ok("rules", "--format", "json"))}
    assert {f"S50{i}" for i in range(1, 7)} <= set(listed)
    assert listed["S504"]["severity"] == "info" and listed["S505"]["name"] == "off-slot"
    out = run_ok("rule", "s505", "--lang", "ru")
    assert out.startswith("S505 off-slot (warning)")
    assert "«План публикаций с указанием сроков" in out and "жарияланым жоспары" in out
    assert "✗ tg-main (telegram), 2026-W48, Asia/Almaty; слоты: Пн 10:00" in out
    assert "#1 Пн 11:00 photo kk" in out  # the must-flag week, in local time
    assert (
        "# quiet_hours: default: [schedule] quiet_hours" in out and "tolerance_minutes = 0" in out
    )
    out = run_ok("rule", "S506", "--lang", "kk")
    assert "«мемлекеттік тілді меңгеру деңгейі»" in out and "window_hours = 24" in out
