"""The office's plan: media-grid events (`PlanEvent`) and ISO weeks in the office's time zone.

- An event is checked field by field (`check_event`); every problem names where it is (a CSV line
  and column, a TOML line and key, or a command-line option) and how to fix it.
- Times are local times in the office's zone, stored in UTC. A time with an offset is taken as
  given. A local time that a change of the clocks skips or repeats is read as Python reads it
  (fold=0): a skipped time moves forward by the jump, a repeated one is its first occurrence —
  the same reading as a draft's `scheduled` and as the channels' slots.
- A `deadline` given as a date alone is the end of that day (23:59 local).
- `import_events` is all or nothing: it checks the whole file, and the keys against the plan,
  before it writes anything, in one transaction. A key that the plan already holds is an error
  (nothing is replaced silently); so is a key used twice in the file.
"""

from __future__ import annotations

import csv
import difflib
import io
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path

from sqlmodel import col, select

from posts.db import Database
from posts.draft_schema import EVENT_MAX, EVENT_RE, LOGO_BASIS_RE
from posts.errors import InputError, Location, Problem
from posts.i18n import Lang, Text
from posts.models import PlanEvent
from posts.toml_locate import TomlIndex
from posts.vocab import Scale

FIELDS: tuple[str, ...] = (
    "key",
    "title",
    "starts",
    "scale",
    "internal",
    "partners",
    "deadline",
    "logo_basis",
    "approved",
)
REQUIRED: tuple[str, ...] = ("key", "title", "starts", "scale")
SCALES: tuple[str, ...] = tuple(s.value for s in Scale)
TRUE = frozenset({"true", "yes", "1"})
FALSE = frozenset({"false", "no", "0", ""})
PARTNER_SEPARATOR = ";"  # partners in one CSV cell
LOGO_BASIS_MAX = 200
END_OF_DAY = time(23, 59)

# --- messages ------------------------------------------------------------------------------------

BAD_WEEK = Text(
    kk="«{value}» — апта емес.", ru="«{value}» — это не неделя.", en="'{value}' is not a week."
)
BAD_WEEK_FIX = Text(
    kk="ISO аптасын жазыңыз, мысалы 2026-W48.",
    ru="Укажите неделю ISO, например 2026-W48.",
    en="Write an ISO week, such as 2026-W48.",
)
MISSING = Text(
    kk="«{field}» міндетті, бірақ берілмеген.",
    ru="Поле «{field}» обязательно, но не заполнено.",
    en="'{field}' is required but missing.",
)
MISSING_FIX = Text(kk="Мысалы: {example}", ru="Например: {example}", en="For example: {example}")
BAD_KEY = Text(
    kk="«{value}» — жарамсыз кілт: бос орынсыз, ұзындығы {max} таңбадан аспауы керек.",
    ru="«{value}» — недопустимый ключ: без пробелов, не длиннее {max} символов.",
    en="'{value}' is not a valid key: no spaces, at most {max} characters.",
)
BAD_KEY_FIX = Text(
    kk="Күн мен атауды сызықшамен жазыңыз, мысалы 2026-11-28-kitap-fest.",
    ru="Напишите дату и название через дефис, например 2026-11-28-kitap-fest.",
    en="Write the date and a name joined by hyphens, such as 2026-11-28-kitap-fest.",
)
BAD_SCALE = Text(
    kk="«{value}» — ауқым емес.",
    ru="«{value}» — не масштаб мероприятия.",
    en="'{value}' is not a scale.",
)
BAD_SCALE_FIX = Text(
    kk="Мыналардың бірін жазыңыз: {choices}.{hint}",
    ru="Укажите одно из: {choices}.{hint}",
    en="Write one of: {choices}.{hint}",
)
BAD_TIME = Text(
    kk="«{value}» — күн мен уақыт емес.",
    ru="«{value}» — не дата и время.",
    en="'{value}' is not a date and time.",
)
BAD_TIME_FIX = Text(
    kk="Офистің жергілікті уақытымен жазыңыз ({zone}), мысалы 2026-11-28T10:00.",
    ru="Укажите местное время офиса ({zone}), например 2026-11-28T10:00.",
    en="Write the office's local time ({zone}), such as 2026-11-28T10:00.",
)
DATE_ONLY = Text(
    kk="«{value}» — тек күн: іс-шараның басталу уақыты керек.",
    ru="«{value}» — только дата: нужно и время начала.",
    en="'{value}' is a date only: the start needs a time too.",
)
BAD_BOOL = Text(
    kk="«{value}» — иә/жоқ мәні емес.",
    ru="«{value}» — не значение да/нет.",
    en="'{value}' is not a yes/no value.",
)
BAD_BOOL_FIX = Text(
    kk="true не false жазыңыз (немесе бос қалдырыңыз).",
    ru="Напишите true или false (или оставьте пустым).",
    en="Write true or false (or leave it empty).",
)
BAD_TEXT = Text(
    kk="Мұнда мәтін керек, ал берілгені: {value}.",
    ru="Здесь нужен текст, а указано: {value}.",
    en="This must be text, not {value}.",
)
BAD_TEXT_FIX = Text(
    kk="Мәтінді тырнақшаға алыңыз.",
    ru="Возьмите текст в кавычки.",
    en="Put the text in quotes.",
)
BAD_PARTNERS = Text(
    kk="Серіктестер — мәтіндер тізімі болуы керек.",
    ru="Партнёры должны быть списком строк.",
    en="Partners must be a list of names.",
)
BAD_PARTNERS_FIX = Text(
    kk='TOML-да: partners = ["@ontustik_kz", "Облыстық кітапхана"]; CSV-да: атауларды «;» арқылы.',
    ru='В TOML: partners = ["@ontustik_kz", "Областная библиотека"]; в CSV: имена через «;».',
    en='In TOML: partners = ["@ontustik_kz", "Regional library"]; in CSV: names joined by ";".',
)
BAD_LOGO_BASIS = Text(
    kk="«{value}» — логотип негізі емес.",
    ru="«{value}» — не основание для логотипа.",
    en="'{value}' is not a logo basis.",
)
BAD_LOGO_BASIS_FIX = Text(
    kk="plan:<жоспар тармағы>, pa:<нөмір>/<күні> немесе ministry:<нөмір>/<күні>, мысалы "
    "pa:123/2026-11-01.",
    ru="plan:<пункт плана>, pa:<номер>/<дата> или ministry:<номер>/<дата>, например "
    "pa:123/2026-11-01.",
    en="plan:<plan item>, pa:<number>/<date> or ministry:<number>/<date>, such as "
    "pa:123/2026-11-01.",
)
UNKNOWN_FIELD = Text(
    kk="«{name}» — белгісіз өріс.",
    ru="Неизвестное поле «{name}».",
    en="Unknown field '{name}'.",
)
UNKNOWN_FIELD_FIX = Text(
    kk="Өрістер: {valid}.{hint}", ru="Поля: {valid}.{hint}", en="The fields are: {valid}.{hint}"
)
DID_YOU_MEAN = Text(
    kk=" Мүмкін, «{name}»?", ru=" Возможно, «{name}»?", en=" Did you mean '{name}'?"
)
KEY_TWICE = Text(
    kk="«{key}» кілті файлда екі рет: {line}-жолда да бар.",
    ru="Ключ «{key}» в файле дважды: он уже есть в строке {line}.",
    en="The key '{key}' is used twice in the file: it is on line {line} too.",
)
KEY_TWICE_FIX = Text(
    kk="Әр іс-шараға бөлек кілт беріңіз.",
    ru="Дайте каждому мероприятию свой ключ.",
    en="Give each event a key of its own.",
)
KEY_EXISTS = Text(
    kk="Жоспарда «{key}» іс-шарасы бұрыннан бар.",
    ru="В плане уже есть мероприятие «{key}».",
    en="The plan already has an event '{key}'.",
)
KEY_EXISTS_FIX = Text(
    kk="Басқа кілт беріңіз немесе бұл жолды алып тастаңыз (`arna plan event list`).",
    ru="Дайте другой ключ или уберите эту строку (`arna plan event list`).",
    en="Use another key, or leave this one out (`arna plan event list`).",
)
BAD_FILE_TYPE = Text(
    kk="«{suffix}» файлын оқи алмаймын: тек .csv немесе .toml.",
    ru="Не умею читать файлы «{suffix}»: только .csv или .toml.",
    en="Cannot read '{suffix}' files: only .csv or .toml.",
)
BAD_FILE_TYPE_FIX = Text(
    kk="Жоспарды CSV (бірінші жолда өріс атаулары) не TOML ([[event]] кестелері) етіп сақтаңыз.",
    ru="Сохраните план как CSV (в первой строке имена полей) или TOML (таблицы [[event]]).",
    en="Save the plan as CSV (field names on the first line) or TOML ([[event]] tables).",
)
CANNOT_READ = Text(
    kk="Файлды оқу мүмкін болмады: {reason}.",
    ru="Не удалось прочитать файл: {reason}.",
    en="Cannot read the file: {reason}.",
)
NOT_UTF8 = Text(
    kk="Файл UTF-8 кодтауында емес.",
    ru="Файл не в кодировке UTF-8.",
    en="The file is not UTF-8 text.",
)
NOT_UTF8_FIX = Text(
    kk="Файлды UTF-8 етіп сақтаңыз (Excel-де: «CSV UTF-8»).",
    ru="Сохраните файл в UTF-8 (в Excel: «CSV UTF-8»).",
    en="Save the file as UTF-8 (in Excel: 'CSV UTF-8').",
)
NO_EVENTS = Text(
    kk="Файлда бірде-бір іс-шара жоқ.",
    ru="В файле нет ни одного мероприятия.",
    en="The file holds no events.",
)
NO_EVENTS_FIX = Text(
    kk="CSV: бірінші жолда {fields}, әрі қарай бір жолға бір іс-шара. TOML: [[event]] кестелері.",
    ru="CSV: в первой строке {fields}, дальше по мероприятию на строку. TOML: таблицы [[event]].",
    en="CSV: {fields} on the first line, then one event a line. TOML: [[event]] tables.",
)
BAD_TOML = Text(
    kk="TOML қатесі: {detail}.", ru="Ошибка TOML: {detail}.", en="TOML syntax error: {detail}."
)
BAD_TOML_FIX = Text(
    kk="Жолды түзетіңіз: мәтін тырнақшада, әр кілт = мән.",
    ru="Исправьте строку: текст в кавычках, каждый ключ = значение.",
    en="Fix the line: text in quotes, each key = value.",
)
EXAMPLES = {
    "key": '"2026-11-28-kitap-fest"',
    "title": '"Кітап фест"',
    "starts": "2026-11-28T11:00",
    "scale": '"regional"',
}


# --- ISO weeks -----------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class IsoWeek:
    """An ISO week: Monday 00:00 to the next Monday 00:00, local time of the office."""

    year: int
    week: int

    @classmethod
    def parse(cls, value: str, *, option: str = "--week") -> IsoWeek:
        try:
            year, week = value.strip().upper().split("-W")
            date.fromisocalendar(int(year), int(week), 1)
        except ValueError:
            raise InputError.of(BAD_WEEK, key=option, fix=BAD_WEEK_FIX, value=value) from None
        return cls(int(year), int(week))

    @classmethod
    def of(cls, moment: datetime, tz: tzinfo) -> IsoWeek:
        year, week, _ = moment.astimezone(tz).isocalendar()
        return cls(year, week)

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    def bounds(self, tz: tzinfo) -> tuple[datetime, datetime]:
        """[start, end) in UTC. The week is 7 local days: 167 or 169 hours across a DST change."""
        start = datetime.combine(self.monday, time(0), tzinfo=tz)
        end = datetime.combine(self.monday + timedelta(days=7), time(0), tzinfo=tz)
        return start.astimezone(UTC), end.astimezone(UTC)

    def __str__(self) -> str:
        return self.label


# --- one event -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewEvent:
    """A checked event, ready to store. Times are aware, in UTC."""

    key: str
    title: str
    starts_at: datetime
    scale: str
    internal: bool = False
    partners: tuple[str, ...] = ()
    deadline: datetime | None = None
    logo_basis: str | None = None
    approved: bool = False
    origin: Location | None = field(default=None, compare=False)  # where its key was read

    def to_model(self, office: str, now: datetime) -> PlanEvent:
        return PlanEvent(
            key=self.key,
            office=office,
            title=self.title,
            starts_at=self.starts_at,
            scale=self.scale,
            internal=self.internal,
            partners=list(self.partners),
            deadline=self.deadline,
            logo_basis=self.logo_basis,
            approved=self.approved,
            created_at=now,
        )


#: Where a field of the event being checked is: its Location.
Where = Callable[[str], Location]


def check_event(
    values: Mapping[str, object], *, tz: tzinfo, where: Where
) -> tuple[NewEvent | None, list[Problem]]:
    """Check one event's fields (strings from CSV or the command line, or TOML values).

    Returns the event, or None with every problem found (unknown fields included)."""
    problems: list[Problem] = []

    def add(name: str, message: Text, fix: Text | None, **params: object) -> None:
        problems.append(Problem(message, where(name), fix, dict(params)))

    for name in values:
        if name not in FIELDS:
            problems.append(_unknown_field(name, where(name)))
    for name in REQUIRED:
        if _blank(values.get(name)):
            add(name, MISSING, MISSING_FIX, field=name, example=f"{name} = {EXAMPLES[name]}")
    key = _text(values, "key", add)
    if key is not None and not (len(key) <= EVENT_MAX and EVENT_RE.fullmatch(key)):
        add("key", BAD_KEY, BAD_KEY_FIX, value=key, max=EVENT_MAX)
        key = None
    title = _text(values, "title", add)
    scale = _text(values, "scale", add)
    if scale is not None and scale.lower() not in SCALES:
        close = difflib.get_close_matches(scale.lower(), SCALES, n=1)
        add(
            "scale",
            BAD_SCALE,
            _hinted(BAD_SCALE_FIX, close),
            value=scale,
            choices=", ".join(SCALES),
        )
        scale = None
    starts = _moment(values, "starts", tz, add, date_only_ok=False)
    deadline = _moment(values, "deadline", tz, add, date_only_ok=True)
    logo_basis = _text(values, "logo_basis", add)
    if logo_basis is not None and not (
        len(logo_basis) <= LOGO_BASIS_MAX and LOGO_BASIS_RE.fullmatch(logo_basis)
    ):
        add("logo_basis", BAD_LOGO_BASIS, BAD_LOGO_BASIS_FIX, value=logo_basis)
    partners = _partners(values.get("partners"), add)
    internal = _flag(values, "internal", add)
    approved = _flag(values, "approved", add)
    if problems or None in (key, title, scale, starts):
        return None, problems
    return (
        NewEvent(
            key=key,  # type: ignore[arg-type]
            title=title,  # type: ignore[arg-type]
            starts_at=starts,  # type: ignore[arg-type]
            scale=scale.lower(),  # type: ignore[union-attr]
            internal=bool(internal),
            partners=partners,
            deadline=deadline,
            logo_basis=logo_basis,
            approved=bool(approved),
            origin=where("key"),
        ),
        [],
    )


def _unknown_field(name: str, where: Location) -> Problem:
    close = difflib.get_close_matches(name, FIELDS, n=1)
    return Problem(
        UNKNOWN_FIELD,
        where,
        _hinted(UNKNOWN_FIELD_FIX, close),
        {"name": name, "valid": ", ".join(FIELDS)},
    )


def _hinted(fix: Text, close: list[str]) -> Text:
    """`fix` with its `{hint}` filled: «Did you mean …?» when there is a close match."""

    def one(lang: Lang) -> str:
        hint = DID_YOU_MEAN.format(lang, name=close[0]) if close else ""
        return fix.get(lang).replace("{hint}", hint)

    return Text(kk=one("kk"), ru=one("ru"), en=one("en"))


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


AddProblem = Callable[..., None]


def _text(values: Mapping[str, object], name: str, add: AddProblem) -> str | None:
    value = values.get(name)
    if _blank(value):
        return None
    if not isinstance(value, str):
        add(name, BAD_TEXT, BAD_TEXT_FIX, value=_show(value))
        return None
    return value.strip()


def _flag(values: Mapping[str, object], name: str, add: AddProblem) -> bool | None:
    value = values.get(name)
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in TRUE | FALSE:
        return value.strip().lower() in TRUE
    add(name, BAD_BOOL, BAD_BOOL_FIX, value=_show(value))
    return None


def _partners(value: object, add: AddProblem) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        items: Iterable[object] = value.split(PARTNER_SEPARATOR)
    elif isinstance(value, list | tuple):
        items = value
    else:
        add("partners", BAD_PARTNERS, BAD_PARTNERS_FIX)
        return ()
    if not all(isinstance(p, str) for p in items):
        add("partners", BAD_PARTNERS, BAD_PARTNERS_FIX)
        return ()
    return tuple(p.strip() for p in items if isinstance(p, str) and p.strip())


def _moment(
    values: Mapping[str, object], name: str, tz: tzinfo, add: AddProblem, *, date_only_ok: bool
) -> datetime | None:
    value = values.get(name)
    if _blank(value):
        return None
    zone = getattr(tz, "key", None) or str(tz)
    moment = parse_local(value, tz, date_only_ok=date_only_ok)
    if moment is None:
        if not date_only_ok and _is_date_only(value):
            add(name, DATE_ONLY, BAD_TIME_FIX, value=_show(value), zone=zone)
        else:
            add(name, BAD_TIME, BAD_TIME_FIX, value=_show(value), zone=zone)
    return moment


def parse_local(value: object, tz: tzinfo, *, date_only_ok: bool = False) -> datetime | None:
    """A local time of the office (a string, or a TOML date-time) as an aware UTC instant.

    An offset is taken as given. A date alone is the end of that day when `date_only_ok`,
    else None; anything that is not a date and time is None."""
    if isinstance(value, str):
        text = value.strip()
        try:  # a date alone first: fromisoformat would read it as midnight
            value = date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
        except ValueError:
            return None
    if isinstance(value, datetime):
        local = value if value.tzinfo else value.replace(tzinfo=tz)
        return local.astimezone(UTC)
    if isinstance(value, date) and date_only_ok:
        return datetime.combine(value, END_OF_DAY, tzinfo=tz).astimezone(UTC)
    return None


def _is_date_only(value: object) -> bool:
    if isinstance(value, date) and not isinstance(value, datetime):
        return True
    if isinstance(value, str):
        try:
            date.fromisoformat(value.strip())
        except ValueError:
            return False
        return len(value.strip()) == 10
    return False


def _show(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


# --- files ---------------------------------------------------------------------------------------


def read_events_file(path: Path, tz: tzinfo) -> list[NewEvent]:
    """Every event of a CSV or TOML file; one InputError lists every problem of the file."""
    file = str(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".toml"):
        raise InputError.of(BAD_FILE_TYPE, file=file, fix=BAD_FILE_TYPE_FIX, suffix=suffix or "∅")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError.of(CANNOT_READ, file=file, reason=exc.strerror or str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise InputError.of(NOT_UTF8, file=file, fix=NOT_UTF8_FIX) from exc
    rows, problems = _csv_rows(text, file) if suffix == ".csv" else _toml_rows(text, file)
    events: list[NewEvent] = []
    first_line: dict[str, int | None] = {}
    for _, values, where in rows:
        event, found = check_event(values, tz=tz, where=where)
        problems += found
        if event is None:
            continue
        if event.key in first_line:
            params = {"key": event.key, "line": first_line[event.key] or "?"}
            problems.append(Problem(KEY_TWICE, where("key"), KEY_TWICE_FIX, params))
            continue
        first_line[event.key] = where("key").line
        events.append(event)
    if not rows and not problems:
        fields = {"fields": ",".join(REQUIRED)}
        problems.append(Problem(NO_EVENTS, Location(file), NO_EVENTS_FIX, fields))
    if problems:
        raise InputError(problems)
    return events


Row = tuple[int | None, dict[str, object], Where]


def _csv_rows(text: str, file: str) -> tuple[list[Row], list[Problem]]:
    """The rows of a CSV file whose first line names the fields. A problem with the header is
    reported once, on its line; a cell's problem names its line and its column's field."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: list[Row] = []
    problems: list[Problem] = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = [c.strip().lower().replace("-", "_") for c in cells]
                problems += _header_problems(header, file, line)
                if problems:  # the rows are read by the header: fix it first
                    return [], problems
                continue
            values = {
                header[i]: cell
                for i, cell in enumerate(cells)
                if i < len(header) and header[i] in FIELDS
            }
            rows.append((line, values, _where(file, line)))
    except csv.Error as exc:
        problems.append(
            Problem(
                CANNOT_READ,
                Location(file, reader.line_num),
                NO_EVENTS_FIX,
                {"reason": str(exc), "fields": ",".join(REQUIRED)},
            )
        )
    return rows, problems


def _header_problems(header: list[str], file: str, line: int) -> list[Problem]:
    problems = [
        _unknown_field(name or "∅", Location(file, line, name or f"column {i + 1}"))
        for i, name in enumerate(header)
        if name not in FIELDS
    ]
    for name in REQUIRED:
        if name not in header:
            example = {"example": ",".join(REQUIRED), "field": name}
            problems.append(Problem(MISSING, Location(file, line, name), MISSING_FIX, example))
    return problems


def _where(file: str, line: int | None) -> Where:
    return lambda name: Location(file, line, name)


def _toml_rows(text: str, file: str) -> tuple[list[Row], list[Problem]]:
    """The `[[event]]` tables of a TOML file; a key in messages is `event[i].name`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        detail = str(exc)
        line = None
        if "(at line " in detail:
            try:
                line = int(detail.rsplit("(at line ", 1)[1].split(",")[0])
            except ValueError:
                line = None
        raise InputError.of(
            BAD_TOML, file=file, line=line, fix=BAD_TOML_FIX, detail=detail
        ) from exc
    index = TomlIndex(text)
    problems = [
        Problem(
            UNKNOWN_FIELD,
            Location(file, index.line_of((name,)), name),
            _hinted(UNKNOWN_FIELD_FIX, difflib.get_close_matches(name, ["event"], n=1)),
            {"name": name, "valid": "[[event]]"},
        )
        for name in data
        if name != "event"
    ]
    tables = data.get("event", [])
    rows: list[Row] = []
    for i, table in enumerate(tables if isinstance(tables, list) else [tables]):
        line = index.line_of(("event", i))
        if not isinstance(table, dict):
            fields = {"fields": ",".join(REQUIRED)}
            problems.append(
                Problem(NO_EVENTS, Location(file, line, "event"), NO_EVENTS_FIX, fields)
            )
            continue

        def where(name: str, i: int = i) -> Location:
            return Location(file, index.line_of(("event", i, name)), f"event[{i}].{name}")

        rows.append((line, dict(table), where))
    return rows, problems


# --- the database --------------------------------------------------------------------------------


def add_event(db: Database, office: str, event: NewEvent, *, now: datetime) -> PlanEvent:
    """Store one checked event; a key the plan already holds is an InputError."""
    return import_checked(db, office, [event], now=now)[0]


def import_events(
    db: Database, office: str, path: Path, tz: tzinfo, *, now: datetime
) -> list[PlanEvent]:
    """Import every event of a CSV or TOML file, or none."""
    events = read_events_file(path, tz)
    return import_checked(db, office, events, now=now)


def import_checked(
    db: Database,
    office: str,
    events: Sequence[NewEvent],
    *,
    now: datetime,
) -> list[PlanEvent]:
    """Write checked events in one transaction, after checking their keys are new."""
    with db.write() as session:
        keys = [e.key for e in events]
        taken = set(session.exec(select(PlanEvent.key).where(col(PlanEvent.key).in_(keys))).all())
        problems = [
            Problem(
                KEY_EXISTS,
                e.origin or Location(key="key"),
                KEY_EXISTS_FIX,
                {"key": e.key},
            )
            for e in events
            if e.key in taken
        ]
        if problems:
            raise InputError(problems)
        rows = [e.to_model(office, now) for e in events]
        session.add_all(rows)
        session.flush()
        return rows


def list_events(
    db: Database, office: str, start: datetime | None = None, end: datetime | None = None
) -> list[PlanEvent]:
    """The office's events in start order; with `start`/`end`, those starting in [start, end)."""
    query = select(PlanEvent).where(PlanEvent.office == office)
    if start is not None:
        query = query.where(col(PlanEvent.starts_at) >= start)
    if end is not None:
        query = query.where(col(PlanEvent.starts_at) < end)
    with db.read() as session:
        return list(session.exec(query.order_by(col(PlanEvent.starts_at), col(PlanEvent.key))))
