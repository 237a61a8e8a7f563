"""What the front matter of a draft file may hold, and the messages for what goes wrong in it.

`posts.drafts` reads and checks the files; this module is the vocabulary it checks against: the keys
with their types and examples, the value patterns, and every user-facing message in Kazakh, Russian
and English. Keeping them here lets the docs and the desk list the keys without parsing anything.

Network limits (how many poll options, how long a title) are not here: they live in `channels`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import Enum

from posts.i18n import Text


class ValueType(Enum):
    STR = "string"
    BOOL = "boolean"
    STR_LIST = "list of strings"
    DATETIME = "datetime"
    TABLE = "table"
    TABLE_LIST = "array of tables"


@dataclass(frozen=True)
class KeySpec:
    """One front-matter key: its TOML type, whether it must be present, and an example line."""

    type: ValueType
    example: tuple[str, ...]
    required: bool = False
    fields: Mapping[str, KeySpec] = field(default_factory=dict)  # for tables


WAIVE_KEYS: dict[str, KeySpec] = {
    "code": KeySpec(ValueType.STR, ('code = "T105"',), required=True),
    "reason": KeySpec(ValueType.STR, ('reason = "…"',), required=True),
}

POLL_KEYS: dict[str, KeySpec] = {
    "question": KeySpec(ValueType.STR, ('question = "…?"',), required=True),
    "options": KeySpec(ValueType.STR_LIST, ('options = ["…", "…"]',), required=True),
    "anonymous": KeySpec(ValueType.BOOL, ("anonymous = true",)),
    "multiple": KeySpec(ValueType.BOOL, ("multiple = false",)),
}

BUTTON_KEYS: dict[str, KeySpec] = {
    "text": KeySpec(ValueType.STR, ('text = "…"',), required=True),
    "url": KeySpec(ValueType.STR, ('url = "https://example.kz/…"',), required=True),
}

#: Every top-level key of a draft, in the order the docs list them.
TOP_KEYS: dict[str, KeySpec] = {
    "network": KeySpec(ValueType.STR, ('network = "telegram"',), required=True),
    "channel": KeySpec(ValueType.STR, ('channel = "tg-main"',)),
    "kind": KeySpec(ValueType.STR, ('kind = "text"',), required=True),
    "language": KeySpec(ValueType.STR, ('language = "kk"',)),
    "story": KeySpec(ValueType.STR, ('story = "kitap-fest"',), required=True),
    "direction": KeySpec(ValueType.STR, ('direction = "national-identity"',)),
    "project": KeySpec(ValueType.STR, ('project = "dastur-men-guryp"',)),
    "event": KeySpec(ValueType.STR, ('event = "2026-11-28-kitap-fest"',)),
    "media": KeySpec(ValueType.STR_LIST, ('media = ["fest-01.jpg", "fest-02.jpg"]',)),
    "alt": KeySpec(ValueType.STR_LIST, ('alt = ["…", "…"]',)),
    "scheduled": KeySpec(ValueType.DATETIME, ("scheduled = 2026-11-28T10:00:00+05:00",)),
    "logo_basis": KeySpec(ValueType.STR, ('logo_basis = "plan:2026-W48-03"',)),
    "title": KeySpec(ValueType.STR, ('title = "…"',)),
    "silent": KeySpec(ValueType.BOOL, ("silent = true",)),
    "protect": KeySpec(ValueType.BOOL, ("protect = true",)),
    "pin": KeySpec(ValueType.BOOL, ("pin = true",)),
    "shorts": KeySpec(ValueType.BOOL, ("shorts = true  # a YouTube Short",)),
    "waive": KeySpec(
        ValueType.TABLE_LIST, ("[[waive]]", 'code = "T105"', 'reason = "…"'), fields=WAIVE_KEYS
    ),
    "poll": KeySpec(
        ValueType.TABLE, ("[poll]", 'question = "…?"', 'options = ["…", "…"]'), fields=POLL_KEYS
    ),
    "button": KeySpec(
        ValueType.TABLE,
        ("[button]", 'text = "…"', 'url = "https://example.kz/…"'),
        fields=BUTTON_KEYS,
    ),
}

#: Kinds whose post is its text: an empty body makes no post.
KINDS_NEEDING_TEXT: frozenset[str] = frozenset({"text", "announcement"})
#: Kinds that are about a file: without media there is nothing to post.
KINDS_NEEDING_MEDIA: frozenset[str] = frozenset(
    {"photo", "album", "video", "infographic", "document"}
)

#: Lengths follow the database columns (Story.key, Post.event_key).
STORY_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
STORY_MAX = 120
EVENT_RE = re.compile(r"\S+")
EVENT_MAX = 120
LOGO_BASIS_RE = re.compile(
    r"plan:[A-Za-z0-9][A-Za-z0-9._-]*"
    r"|(?:pa|ministry):[0-9]+(?:-\w+)?/(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})"
)
WAIVE_CODE_RE = re.compile(r"[A-Z][0-9]{3}")
BUTTON_URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "tg"})


def example_of(key_path: str) -> str:
    """The example for a key path such as `waive[0].code`; multi-line examples are indented."""
    parts = re.sub(r"\[\d+\]", "", key_path).split(".")
    spec = TOP_KEYS.get(parts[0])
    for part in parts[1:]:
        spec = spec.fields.get(part) if spec else None
    if spec is None:
        return ""
    if len(spec.example) == 1:
        return spec.example[0]
    return "".join("\n        " + line for line in spec.example)


# --- Type names, for "expected … got …" --------------------------------------------------------------

TYPE_NAMES: dict[ValueType, Text] = {
    ValueType.STR: Text(kk="тырнақшадағы мәтін", ru="текст в кавычках", en="a text in quotes"),
    ValueType.BOOL: Text(kk="true немесе false", ru="true или false", en="true or false"),
    ValueType.STR_LIST: Text(
        kk="тырнақшадағы мәтіндер тізімі [ ]",
        ru="список текстов в кавычках [ ]",
        en="a list of texts in quotes [ ]",
    ),
    ValueType.DATETIME: Text(kk="күн мен уақыт", ru="дата и время", en="a date and time"),
    ValueType.TABLE: Text(kk="[кесте]", ru="[таблица]", en="a [table]"),
    ValueType.TABLE_LIST: Text(
        kk="[[waive]] кестелері", ru="таблицы [[waive]]", en="[[waive]] tables"
    ),
}

_INTEGER = Text(kk="бүтін сан", ru="целое число", en="a whole number")
_FLOAT = Text(kk="бөлшек сан", ru="дробное число", en="a decimal number")
_DATE = Text(kk="уақытсыз күн", ru="дата без времени", en="a date without a time")
_TIME = Text(kk="күнсіз уақыт", ru="время без даты", en="a time without a date")
_LIST = Text(kk="тізім [ ]", ru="список [ ]", en="a list [ ]")


def type_name(value: object) -> Text:
    """The name of a TOML value's type, as a reader of the file would call it."""
    if isinstance(value, bool):
        return TYPE_NAMES[ValueType.BOOL]
    if isinstance(value, str):
        return TYPE_NAMES[ValueType.STR]
    if isinstance(value, int):
        return _INTEGER
    if isinstance(value, float):
        return _FLOAT
    if isinstance(value, datetime):
        return TYPE_NAMES[ValueType.DATETIME]
    if isinstance(value, date):
        return _DATE
    if isinstance(value, time):
        return _TIME
    if isinstance(value, dict):
        return TYPE_NAMES[ValueType.TABLE]
    return _LIST


# --- Reading the file ----------------------------------------------------------------------------------

CANNOT_READ = Text(
    kk="Файлды оқу мүмкін болмады: {reason}",
    ru="Не удалось прочитать файл: {reason}",
    en="Cannot read the file: {reason}",
)
FIX_CANNOT_READ = Text(
    kk="Файлға апаратын жолды және оны оқуға құқығыңыз бар-жоғын тексеріңіз.",
    ru="Проверьте путь к файлу и права на его чтение.",
    en="Check the path to the file and that you may read it.",
)
PATH_NOT_FOUND = Text(
    kk="Мұндай файл немесе қалта жоқ: {path}",
    ru="Нет такого файла или папки: {path}",
    en="No such file or folder: {path}",
)
FIX_PATH_NOT_FOUND = Text(
    kk="Жолды тексеріңіз: салыстырмалы жол ағымдағы қалтадан ({cwd}) бастап есептеледі.",
    ru="Проверьте путь: относительный путь отсчитывается от текущей папки ({cwd}).",
    en="Check the path: a relative path starts from the current folder ({cwd}).",
)
NOT_UTF8 = Text(
    kk=(
        "Файл UTF-8 кодтауында емес: {line}-жолда, {offset}-байтта (0-ден бастап санағанда) "
        "UTF-8-ге жатпайтын 0x{byte} байты тұр."
    ),
    ru=(
        "Файл не в кодировке UTF-8: в строке {line}, в байте {offset} (считая с 0) стоит байт "
        "0x{byte}, недопустимый в UTF-8."
    ),
    en=(
        "The file is not UTF-8: line {line}, byte offset {offset} (counting from 0) holds 0x{byte}, "
        "which is not valid UTF-8."
    ),
)
FIX_NOT_UTF8 = Text(
    kk=(
        "Файлды UTF-8 кодтауында қайта сақтаңыз: редактордың «Басқаша сақтау» терезесінде "
        "кодтау ретінде UTF-8-ді таңдаңыз. Windows-1251 мен UTF-16 жарамайды."
    ),
    ru=(
        "Сохраните файл заново в кодировке UTF-8: в окне «Сохранить как» редактора выберите "
        "кодировку UTF-8. Windows-1251 и UTF-16 не подходят."
    ),
    en=(
        "Save the file again as UTF-8: in the editor's «Save as» dialog choose the UTF-8 encoding. "
        "Windows-1251 and UTF-16 do not work."
    ),
)
NO_OPENING = Text(
    kk="Файл +++ жолынан басталмайды: баптаулар бөлімі бірінші жолдағы +++ белгісімен ашылуы керек.",
    ru="Файл не начинается со строки +++: блок настроек должен открываться строкой +++ в первой строке.",
    en="The file does not start with a +++ line: the front matter must open with +++ on line 1.",
)
FIX_NO_OPENING = Text(
    kk=(
        "Бірінші жолға +++ жазыңыз, одан кейін баптауларды (network, kind, story …), содан соң "
        "тағы бір +++ жолын, ал оның астына жазбаның мәтінін жазыңыз."
    ),
    ru=(
        "Напишите +++ в первой строке, затем настройки (network, kind, story …), затем ещё одну "
        "строку +++, а под ней текст поста."
    ),
    en=(
        "Put +++ on line 1, then the settings (network, kind, story …), then another +++ line, and "
        "the text of the post below it."
    ),
)
NO_CLOSING = Text(
    kk="Баптаулар бөлімі жабылмаған: 1-жолдағы +++ белгісінен кейін екінші +++ жолы жоқ.",
    ru="Блок настроек не закрыт: после строки +++ в строке 1 нет второй строки +++.",
    en="The front matter is not closed: there is no second +++ line after the one on line 1.",
)
FIX_NO_CLOSING = Text(
    kk="Соңғы баптаудан кейін, жазба мәтінінің алдына бөлек жолға +++ жазыңыз.",
    ru="Добавьте отдельную строку +++ после последней настройки, перед текстом поста.",
    en="Add a line with +++ after the last setting, before the text of the post.",
)

# --- TOML syntax ----------------------------------------------------------------------------------------

TOML_SYNTAX = Text(
    kk="Баптаулар бөлімінде TOML қатесі, {column}-баған: {what} ({detail}).",
    ru="Ошибка TOML в блоке настроек, столбец {column}: {what} ({detail}).",
    en="TOML error in the front matter, column {column}: {what} ({detail}).",
)
TOML_SYNTAX_AT_END = Text(
    kk="Баптаулар бөлімінің соңында TOML қатесі: {what} ({detail}).",
    ru="Ошибка TOML в конце блока настроек: {what} ({detail}).",
    en="TOML error at the end of the front matter: {what} ({detail}).",
)
FIX_TOML = Text(
    kk=(
        'Мәтін мәндерін қос тырнақшаға алыңыз (network = "telegram"), тізімдерді ] жақшасымен '
        "жабыңыз, әр кілтті бір рет қана жазыңыз."
    ),
    ru=(
        'Берите текстовые значения в двойные кавычки (network = "telegram"), закрывайте списки '
        "скобкой ], пишите каждый ключ только один раз."
    ),
    en=(
        'Put text values in double quotes (network = "telegram"), close lists with ], and set each '
        "key only once."
    ),
)

#: tomllib's messages (by their start) explained for people who do not know TOML.
TOML_EXPLAINED: tuple[tuple[str, Text], ...] = (
    (
        "Invalid value",
        Text(
            kk="мән дұрыс жазылмаған (мәтінді тырнақшаға алу ұмытылған болуы мүмкін)",
            ru="значение записано неверно (возможно, текст не взят в кавычки)",
            en="the value is not valid (text may be missing its quotes)",
        ),
    ),
    (
        "Cannot overwrite a value",
        Text(
            kk="бұл кілт екінші рет жазылған",
            ru="этот ключ указан повторно",
            en="this key is set twice",
        ),
    ),
    (
        "Cannot declare",
        Text(
            kk="бұл кесте екінші рет жазылған",
            ru="эта таблица объявлена повторно",
            en="this table is declared twice",
        ),
    ),
    (
        "Duplicate inline table key",
        Text(
            kk="бұл кілт екінші рет жазылған",
            ru="этот ключ указан повторно",
            en="this key is set twice",
        ),
    ),
    (
        "Expected '=' after a key",
        Text(
            kk="кілттен кейін = белгісі жоқ",
            ru="после ключа нет знака =",
            en="the key is not followed by =",
        ),
    ),
    (
        "Unclosed array",
        Text(
            kk="тізім ] жақшасымен жабылмаған",
            ru="список не закрыт скобкой ]",
            en="a list is not closed with ]",
        ),
    ),
    (
        "Unterminated string",
        Text(
            kk="мәтіннің жабушы тырнақшасы жоқ",
            ru="у текста нет закрывающей кавычки",
            en="a text has no closing quote",
        ),
    ),
    (
        "Unescaped '\\'",
        Text(
            kk="қос тырнақша ішіндегі \\ белгісін екі рет жазыңыз (\\\\) немесе дара тырнақшаны ('…') қолданыңыз",
            ru="обратную косую черту \\ в двойных кавычках надо удвоить (\\\\) или взять текст в одинарные кавычки ('…')",
            en="a backslash inside double quotes must be doubled (\\\\), or use single quotes ('…')",
        ),
    ),
    (
        "Invalid date or datetime",
        Text(
            kk="күн немесе уақыт қате жазылған (үлгісі: 2026-11-28T10:00:00+05:00)",
            ru="дата или время записаны неверно (образец: 2026-11-28T10:00:00+05:00)",
            en="a date or time is malformed (pattern: 2026-11-28T10:00:00+05:00)",
        ),
    ),
    (
        "Illegal character",
        Text(
            kk="бұл жерде рұқсат етілмеген таңба",
            ru="недопустимый здесь символ",
            en="a character that is not allowed here",
        ),
    ),
    (
        "Found invalid character",
        Text(
            kk="бұл жерде рұқсат етілмеген таңба",
            ru="недопустимый здесь символ",
            en="a character that is not allowed here",
        ),
    ),
    (
        "Invalid statement",
        Text(
            kk="жол «кілт = мән» түрінде жазылмаған",
            ru="строка записана не в виде «ключ = значение»",
            en="the line is not of the form key = value",
        ),
    ),
    (
        "Invalid initial character for a key",
        Text(
            kk="жол «кілт = мән» түрінде жазылмаған",
            ru="строка записана не в виде «ключ = значение»",
            en="the line is not of the form key = value",
        ),
    ),
)
TOML_OTHER = Text(
    kk="TOML ережелері бұзылған", ru="нарушены правила TOML", en="the TOML rules are broken"
)

# --- Keys and types -------------------------------------------------------------------------------------

UNKNOWN_KEY = Text(
    kk="«{key}» деген кілт белгісіз.",
    ru="Неизвестный ключ «{key}».",
    en='Unknown key "{key}".',
)
FIX_DID_YOU_MEAN_KEY = Text(
    kk="«{suggestion}» деп жазғыңыз келген шығар. Олай болмаса, бұл кілтті өшіріңіз.",
    ru="Возможно, вы имели в виду «{suggestion}». Если нет, удалите этот ключ.",
    en='Did you mean "{suggestion}"? If not, remove this key.',
)
FIX_REMOVE_KEY = Text(
    kk="Бұл кілтті өшіріңіз. Рұқсат етілген кілттер: {valid}.",
    ru="Удалите этот ключ. Допустимые ключи: {valid}.",
    en="Remove this key. Allowed keys: {valid}.",
)
FIX_KEY_UNDER_TABLE = Text(
    kk=(
        "«{name}» — жалпы баптау, бірақ ол {header} жолының астында тұр, сондықтан TOML оны сол "
        "кестеге жатқызады. Оны бірінші [[waive]], [poll] немесе [button] жолының үстіне көшіріңіз."
    ),
    ru=(
        "«{name}» — общая настройка, но она стоит под строкой {header}, поэтому TOML относит её к "
        "этой таблице. Перенесите её выше первой строки [[waive]], [poll] или [button]."
    ),
    en=(
        '"{name}" is a top-level setting, but it stands below the {header} line, so TOML puts it '
        "inside that table. Move it above the first [[waive]], [poll] or [button] line."
    ),
)
MISSING_KEY = Text(
    kk="Міндетті «{key}» кілті жоқ.",
    ru="Нет обязательного ключа «{key}».",
    en='The required key "{key}" is missing.',
)
FIX_ADD_KEY = Text(
    kk="Оны қосыңыз, мысалы: {example}",
    ru="Добавьте его, например: {example}",
    en="Add it, for example: {example}",
)
WRONG_TYPE = Text(
    kk="«{key}» мәнінің түрі қате: {expected} күтіледі, ал {actual} жазылған.",
    ru="Неверный тип значения «{key}». Ожидается: {expected}. Указано: {actual}.",
    en='"{key}" has the wrong type: expected {expected}, got {actual}.',
)
FIX_WRITE_LIKE = Text(
    kk="Былай жазыңыз: {example}",
    ru="Пишите так: {example}",
    en="Write it like this: {example}",
)
FIX_REMOVE_QUOTES = Text(
    kk="Күн мен уақытты тырнақшасыз жазыңыз: scheduled = {value}",
    ru="Пишите дату и время без кавычек: scheduled = {value}",
    en="Write the date and time without quotes: scheduled = {value}",
)
EMPTY_VALUE = Text(
    kk="«{key}» бос болмауы керек.",
    ru="«{key}» не может быть пустым.",
    en='"{key}" must not be empty.',
)
FIX_FILL_OR_REMOVE = Text(
    kk="Мәнін жазыңыз немесе кілтті толығымен өшіріңіз.",
    ru="Заполните значение или удалите ключ целиком.",
    en="Fill in a value or remove the key.",
)
FIX_FILL = Text(
    kk="Мәнін жазыңыз, мысалы: {example}",
    ru="Заполните значение, например: {example}",
    en="Fill in a value, for example: {example}",
)

# --- Values ---------------------------------------------------------------------------------------------

UNKNOWN_VALUE = Text(
    kk="«{key}» үшін «{value}» мәні жарамсыз.",
    ru="Недопустимое значение «{value}» для «{key}».",
    en='"{value}" is not a valid value for "{key}".',
)
FIX_CHOOSE = Text(
    kk="Рұқсат етілген мәндер: {valid}.",
    ru="Допустимые значения: {valid}.",
    en="Allowed values: {valid}.",
)
FIX_CHOOSE_SUGGEST = Text(
    kk="«{suggestion}» деп жазғыңыз келген шығар. Рұқсат етілген мәндер: {valid}.",
    ru="Возможно, вы имели в виду «{suggestion}». Допустимые значения: {valid}.",
    en='Did you mean "{suggestion}"? Allowed values: {valid}.',
)
BAD_STORY = Text(
    kk=(
        "«story» мәні «{value}» жарамсыз: тек кіші латын әріптері, цифрлар мен дефис болуы керек, "
        "бірінші таңба — әріп не цифр, ұзындығы {max} таңбадан аспауы керек."
    ),
    ru=(
        "Недопустимое значение story: «{value}». Допускаются только строчные латинские буквы, "
        "цифры и дефис, первый символ — буква или цифра, длина — не больше {max} символов."
    ),
    en=(
        '"{value}" is not a valid story id: use lowercase Latin letters, digits and hyphens, '
        "start with a letter or digit, at most {max} characters."
    ),
)
FIX_STORY = Text(
    kk=(
        'Мысалы: story = "{example}". Бір материалдың әр желідегі нұсқаларында story бірдей '
        "болуы керек."
    ),
    ru=(
        'Например: story = "{example}". У всех вариантов одного материала для разных сетей story '
        "должен совпадать."
    ),
    en='For example: story = "{example}". All network variants of one story share the same story.',
)
BAD_EVENT = Text(
    kk="«event» мәні «{value}» жарамсыз: бос орынсыз, ұзындығы {max} таңбадан аспауы керек.",
    ru="Недопустимое значение event: «{value}». Ключ события пишется без пробелов, не длиннее {max} символов.",
    en='"{value}" is not a valid event key: it has no spaces and at most {max} characters.',
)
FIX_EVENT = Text(
    kk='Оқиға кілтін жоспардан көшіріңіз, мысалы: event = "2026-11-28-kitap-fest".',
    ru='Скопируйте ключ события из плана, например: event = "2026-11-28-kitap-fest".',
    en='Copy the event key from the plan, e.g. event = "2026-11-28-kitap-fest".',
)
BAD_LOGO_BASIS = Text(
    kk="«logo_basis» мәні «{value}» жарамсыз.",
    ru="Недопустимое значение logo_basis: «{value}».",
    en='"{value}" is not a valid logo_basis.',
)
FIX_LOGO_BASIS = Text(
    kk=(
        'Логотипті қолдану негізін үш түрдің бірімен жазыңыз: "plan:<жоспардағы id>" (мысалы, '
        '"plan:2026-W48-03"), "pa:<нөмір>/<ЖЖЖЖ-АА-КК>" немесе "ministry:<нөмір>/<ЖЖЖЖ-АА-КК>".'
    ),
    ru=(
        'Укажите основание для логотипа в одном из трёх видов: "plan:<id в плане>" (например, '
        '"plan:2026-W48-03"), "pa:<номер>/<ГГГГ-ММ-ДД>" или "ministry:<номер>/<ГГГГ-ММ-ДД>".'
    ),
    en=(
        'Write the basis for using the logo in one of three forms: "plan:<plan id>" (e.g. '
        '"plan:2026-W48-03"), "pa:<number>/<YYYY-MM-DD>" or "ministry:<number>/<YYYY-MM-DD>".'
    ),
)
BAD_LOGO_DATE = Text(
    kk="«logo_basis» ішіндегі {date} деген күн жоқ.",
    ru="В «logo_basis» указана несуществующая дата {date}.",
    en="logo_basis names a date that does not exist: {date}.",
)
FIX_LOGO_DATE = Text(
    kk="Құжаттың күнін ЖЖЖЖ-АА-КК түрінде тексеріп жазыңыз, мысалы 2026-11-28.",
    ru="Проверьте дату документа и запишите её как ГГГГ-ММ-ДД, например 2026-11-28.",
    en="Check the document's date and write it as YYYY-MM-DD, e.g. 2026-11-28.",
)
BAD_URL = Text(
    kk="«{key}» мәні «{value}» — жарамды сілтеме емес.",
    ru="В «{key}» указана некорректная ссылка «{value}».",
    en='"{value}" in "{key}" is not a valid link.',
)
FIX_URL = Text(
    kk='https:// деп басталатын толық сілтемені бос орынсыз жазыңыз, мысалы "https://example.kz/kitap-fest".',
    ru='Укажите полную ссылку без пробелов, начиная с https://, например "https://example.kz/kitap-fest".',
    en='Write the full link without spaces, starting with https://, e.g. "https://example.kz/kitap-fest".',
)

# --- Channels -------------------------------------------------------------------------------------------

UNKNOWN_CHANNEL = Text(
    kk="config.toml ішінде «{value}» деген арна жоқ.",
    ru="В config.toml нет канала «{value}».",
    en='There is no channel "{value}" in config.toml.',
)
FIX_CHANNEL_LIST = Text(
    kk="Бапталған арналардың бірін жазыңыз: {valid}.",
    ru="Укажите один из настроенных каналов: {valid}.",
    en="Use one of the configured channels: {valid}.",
)
FIX_NO_CHANNELS = Text(
    kk="config.toml ішінде бірде-бір арна бапталмаған: арнаны қосыңыз немесе «channel» кілтін өшіріңіз.",
    ru="В config.toml не настроено ни одного канала: добавьте канал или удалите ключ «channel».",
    en='config.toml configures no channels: add one, or remove the "channel" key.',
)
CHANNEL_MISMATCH = Text(
    kk="«{channel}» арнасы {channel_network} желісіне арналған, ал бұл жазба {network} желісіне арналған.",
    ru="Канал «{channel}» относится к сети {channel_network}, а этот пост — для сети {network}.",
    en='Channel "{channel}" is a {channel_network} channel, but this post is for {network}.',
)
FIX_CHANNEL_MISMATCH = Text(
    kk='network = "{channel_network}" деп өзгертіңіз немесе {network} арнасын таңдаңыз: {valid}.',
    ru='Измените network на "{channel_network}" или выберите канал сети {network}: {valid}.',
    en='Change network to "{channel_network}" or pick a {network} channel: {valid}.',
)

# --- Media ----------------------------------------------------------------------------------------------

MEDIA_MISSING = Text(
    kk="Медиа файл табылмады: {resolved}",
    ru="Медиафайл не найден: {resolved}",
    en="Media file not found: {resolved}",
)
MEDIA_NOT_FILE = Text(
    kk="Бұл файл емес, қалта: {resolved}",
    ru="Это папка, а не файл: {resolved}",
    en="This is a folder, not a file: {resolved}",
)
FIX_MEDIA_PATH = Text(
    kk=(
        "Жолды тексеріңіз: ол осы файл тұрған қалтаға ({base}) қатысты жазылады. Файл атауындағы "
        "бас және кіші әріптерге, кеңейтімге назар аударыңыз."
    ),
    ru=(
        "Проверьте путь: он указывается относительно папки этого файла ({base}). Обратите внимание "
        "на заглавные и строчные буквы и на расширение в имени файла."
    ),
    en=(
        "Check the path: it is relative to the folder of this draft ({base}). Mind upper and lower "
        "case and the extension of the file name."
    ),
)
MEDIA_REQUIRED = Text(
    kk="«{kind}» түріндегі жазбаға кемінде бір медиа файл керек, ал «media» бос.",
    ru="Для поста вида «{kind}» нужен хотя бы один медиафайл, а «media» пуст.",
    en='A "{kind}" post needs at least one media file, but "media" is empty.',
)
FIX_MEDIA_REQUIRED = Text(
    kk='Файлды қосыңыз: media = ["fest-01.jpg"] (жол осы файл тұрған қалтаға қатысты).',
    ru='Добавьте файл: media = ["fest-01.jpg"] (путь относительно папки этого файла).',
    en='Add a file: media = ["fest-01.jpg"] (the path is relative to this draft\'s folder).',
)
ALT_LENGTH = Text(
    kk="«alt» ішіндегі мәтін саны: {alt}, ал «media» ішіндегі файл саны: {media}.",
    ru="В «alt» элементов: {alt}, а в «media» файлов: {media}.",
    en='"alt" has {alt} entries but "media" has {media} files.',
)
FIX_ALT_LENGTH = Text(
    kk='Әр медиа файлға сол ретпен бір alt мәтінін жазыңыз; сипаттамасы жоқ файлға "" жазыңыз.',
    ru='Дайте по одному тексту alt на каждый медиафайл, в том же порядке; для файла без описания напишите "".',
    en='Give one alt text per media file, in the same order; write "" for a file without one.',
)

# --- Time -----------------------------------------------------------------------------------------------

SCHEDULED_PAST = Text(
    kk="Жоспарланған уақыт өтіп кеткен: {local} ({zone}), ал қазір {now_local}.",
    ru="Запланированное время уже прошло: {local} ({zone}), а сейчас {now_local}.",
    en="The scheduled time is in the past: {local} ({zone}), and it is now {now_local}.",
)
FIX_SCHEDULED_PAST = Text(
    kk="Кейінірек уақытты жазыңыз немесе «scheduled» кілтін өшіріңіз: сонда жазба келесі бос уақытқа қойылады.",
    ru="Укажите более позднее время или удалите ключ «scheduled»: тогда пост займёт ближайший свободный слот.",
    en='Set a later time, or remove "scheduled" to take the next free slot.',
)
SCHEDULED_DATE_ONLY = Text(
    kk="«scheduled» ішінде тек күн бар ({value}), уақыты жоқ.",
    ru="В «scheduled» указана только дата ({value}), без времени.",
    en='"scheduled" has a date ({value}) but no time.',
)
FIX_SCHEDULED_DATE_ONLY = Text(
    kk=(
        "Уақытын қосыңыз, мысалы: scheduled = {value}T10:00:00{offset} немесе кеңсе уақытымен "
        "({zone}) scheduled = {value}T10:00:00."
    ),
    ru=(
        "Добавьте время, например: scheduled = {value}T10:00:00{offset} или по времени офиса "
        "({zone}) scheduled = {value}T10:00:00."
    ),
    en=(
        "Add a time, e.g. scheduled = {value}T10:00:00{offset}, or in office time ({zone}) "
        "scheduled = {value}T10:00:00."
    ),
)

# --- Body, waivers, poll --------------------------------------------------------------------------------

EMPTY_BODY = Text(
    kk="Жазбаның мәтіні бос, ал «{kind}» түріндегі жазбаға мәтін керек.",
    ru="Текст поста пуст, а для поста вида «{kind}» нужен текст.",
    en='The text of the post is empty, but a "{kind}" post needs text.',
)
FIX_EMPTY_BODY = Text(
    kk="Жабушы +++ жолының астына жазбаның мәтінін жазыңыз.",
    ru="Напишите текст поста под закрывающей строкой +++.",
    en="Write the text of the post below the closing +++ line.",
)
BAD_WAIVE_CODE = Text(
    kk="«{value}» — ереже коды емес.",
    ru="«{value}» — не код правила.",
    en='"{value}" is not a rule code.',
)
FIX_WAIVE_CODE = Text(
    kk='Ереже кодын тексеру есебінен көшіріңіз: бір бас латын әрпі мен үш цифр, мысалы "T105".',
    ru='Скопируйте код правила из отчёта проверки: одна заглавная латинская буква и три цифры, например "T105".',
    en='Copy the rule code from the lint report: one capital Latin letter and three digits, e.g. "T105".',
)
FIX_WAIVE_REASON = Text(
    kk='Бұл ескертуді неге қалдыруға болатынын жазыңыз: reason = "…".',
    ru='Напишите, почему это замечание можно оставить: reason = "…".',
    en='Write why this finding may stand: reason = "…".',
)
POLL_MISSING = Text(
    kk="«poll» түріндегі жазбада [poll] кестесі жоқ.",
    ru="В посте вида «poll» нет таблицы [poll].",
    en='A "poll" post needs a [poll] table.',
)
FIX_POLL_MISSING = Text(
    kk="Баптаулар бөлімінің соңына қосыңыз:{example}",
    ru="Добавьте в конец блока настроек:{example}",
    en="Add at the end of the front matter:{example}",
)
POLL_NOT_POLL = Text(
    kk="[poll] кестесі тек «poll» түріндегі жазбада болады, ал бұл жазбаның түрі — «{kind}».",
    ru="Таблица [poll] бывает только у поста вида «poll», а у этого поста вид «{kind}».",
    en='A [poll] table belongs to a "poll" post, but this post\'s kind is "{kind}".',
)
FIX_POLL_NOT_POLL = Text(
    kk='kind = "poll" деп жазыңыз немесе [poll] кестесін өшіріңіз.',
    ru='Укажите kind = "poll" или удалите таблицу [poll].',
    en='Set kind = "poll" or remove the [poll] table.',
)
