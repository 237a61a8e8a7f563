"""The workspace configuration: `config.toml`, its typed schema, and its loader.

`load_config` reads the file, `parse_config` validates text. Every problem in the file is collected and
raised together as one `ConfigError`; each `Problem` names the file, the line (from
`posts.toml_locate`) and the key path such as ``channels[2].network``, and says in Kazakh, Russian and
English what is wrong and how to fix it. Key paths count array elements from 0, like the key paths of
`posts.toml_locate`; the line number is what points a person at the right block.

Secrets never live in this file. Channels name the environment variable that holds their token
(`credentials_env`), and the loader refuses anything that looks like a secret written inline, without
ever repeating the secret in its messages.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tomllib
import zoneinfo
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import time, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictInt,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from posts.errors import ConfigError, Location, Problem
from posts.i18n import Lang, Text
from posts.toml_locate import KeyPath, TomlIndex
from posts.vocab import DIRECTIONS, Audience, Network

__all__ = [
    "CONFIG_NAME",
    "DEFAULT_REQUIRED_HASHTAGS",
    "Brand",
    "Channel",
    "Config",
    "Hashtags",
    "Office",
    "Schedule",
    "Storage",
    "dotted",
    "env_name_for",
    "find_config",
    "load_config",
    "parse_config",
]

CONFIG_NAME = "config.toml"
DEFAULT_TIMEZONE = "Asia/Almaty"
DEFAULT_QUIET_HOURS = "22:00-08:00"
#: The programme's hashtags that every post should carry one of (RULES.md, H301).
DEFAULT_REQUIRED_HASHTAGS: tuple[str, ...] = (
    "#руханижаңғыру",
    "#болашаққабағдар",
    "#взглядвбудущее",
)
DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

ENV_NAME_RE = re.compile(r"^[A-Z_][A-Z0-9_]*$")
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TIME_RE = r"(\d{1,2}):(\d{2})"
_SLOT_RE = re.compile(rf"^\s*([A-Za-z]+)\s+{_TIME_RE}\s*$")
_QUIET_RE = re.compile(rf"^\s*{_TIME_RE}\s*[-–—]\s*{_TIME_RE}\s*$")
_TELEGRAM_TARGET_RE = re.compile(r"^(@[A-Za-z][A-Za-z0-9_]{3,31}|-?\d{1,20})$")

Direction = Literal[DIRECTIONS]  # type: ignore[valid-type]


# ---------------------------------------------------------------------------------------------
# Messages. Placeholders are filled from Problem.params; a few (type names, secret kinds) are
# themselves trilingual and are filled in per language before the Problem is built.
# ---------------------------------------------------------------------------------------------

_WHY_NO_SECRETS = Text(
    kk="Баптау файлына жазылған құпиялар сақтық көшірмелерге, git-ке және скриншоттарға түсіп қалады, "
    "сондықтан Arna кілттер мен токендерді тек орта айнымалыларынан оқиды.",
    ru="Секреты, записанные в файл конфигурации, попадают в резервные копии, в git и на скриншоты, "
    "поэтому Arna читает ключи и токены только из переменных окружения.",
    en="Secrets written in a config file end up in backups, in git and in screenshots, "
    "so Arna reads keys and tokens only from environment variables.",
)
_FIX_SECRET = Text(
    kk="Мәнді файлдан өшіріңіз (файл біреуге жіберілген не git-ке түскен болса, токеннің күшін жойып, "
    "жаңасын алыңыз). Оны орта айнымалысына жазыңыз: `export {env}=…`, ал арнаның баптауында "
    'credentials_env = "{env}" деп көрсетіңіз.',
    ru="Удалите значение из файла (если файл куда-то отправлялся или попадал в git, отзовите токен и "
    "выпустите новый). Запишите его в переменную окружения: `export {env}=…`, а в настройках канала "
    'укажите credentials_env = "{env}".',
    en="Delete the value from the file (and revoke it if the file was ever shared or committed). "
    'Put it in an environment variable, `export {env}=…`, and write credentials_env = "{env}" in the '
    "channel.",
)
_FIX_SECRET_ELSEWHERE = Text(
    kk="Мәнді файлдан өшіріңіз (файл біреуге жіберілген не git-ке түскен болса, оның күшін жойып, "
    "жаңасын алыңыз). Құпияны орта айнымалысында сақтаңыз, мысалы `export {env}=…`; арналар оны "
    "credentials_env арқылы атауымен ғана көрсетеді.",
    ru="Удалите значение из файла (если файл куда-то отправлялся или попадал в git, отзовите его и "
    "выпустите новый). Храните секрет в переменной окружения, например `export {env}=…`; каналы "
    "ссылаются на неё только по имени, через credentials_env.",
    en="Delete the value from the file (and revoke it if the file was ever shared or committed). "
    "Keep the secret in an environment variable, for example `export {env}=…`; channels refer to "
    "it by name only, through credentials_env.",
)


def _join(*parts: Text) -> Text:
    return Text(*(" ".join(p.get(lang) for p in parts) for lang in ("kk", "ru", "en")))


_M_SECRET_KEY = _join(
    Text(
        kk="Бұл кілттің атауы ({name}) құпия мәнге арналған сияқты.",
        ru="Судя по имени ({name}), этот ключ предназначен для секрета.",
        en="The name of this key ({name}) says it holds a secret.",
    ),
    _WHY_NO_SECRETS,
)
_M_SECRET_VALUE = _join(
    Text(
        kk="Мұнда {kind} сияқты мән жазылған.",
        ru="Это значение похоже на {kind}.",
        en="This value looks like {kind}.",
    ),
    _WHY_NO_SECRETS,
)
_M_SECRET_AS_KEY = _join(
    Text(
        kk="Бұл кілттің атауы {kind} сияқты.",
        ru="Имя этого ключа похоже на {kind}.",
        en="The name of this key looks like {kind}.",
    ),
    _WHY_NO_SECRETS,
)
_M_CREDENTIALS_ENV = _join(
    Text(
        kk="credentials_env орта айнымалысының атауы болуы керек (бас латын әріптері, цифрлар және _), "
        "ал бұл мән атауға ұқсамайды: бәлкім, бұл құпияның өзі.",
        ru="credentials_env должно содержать имя переменной окружения (заглавные латинские буквы, "
        "цифры и _), а это значение на имя не похоже: возможно, это сам секрет.",
        en="credentials_env must be the name of an environment variable (capital Latin letters, digits "
        "and _), and this value does not look like one: it may be the secret itself.",
    ),
    _WHY_NO_SECRETS,
)

_SECRET_KINDS: dict[str, Text] = {
    "telegram": Text(kk="Telegram бот токені", ru="токен Telegram-бота", en="a Telegram bot token"),
    "meta": Text(
        kk="Facebook не Instagram қолжетімділік токені",
        ru="токен доступа Facebook или Instagram",
        en="a Facebook or Instagram access token",
    ),
    "vk": Text(kk="VK қолжетімділік токені", ru="токен доступа VK", en="a VK access token"),
    "google": Text(kk="Google API кілті", ru="ключ Google API", en="a Google API key"),
    "url-password": Text(
        kk="сілтеме ішіне жазылған құпиясөз",
        ru="пароль внутри ссылки",
        en="a password inside a URL",
    ),
    "generic": Text(
        kk="ұзын қолжетімділік кілті не құпиясөз",
        ru="длинный ключ доступа или пароль",
        en="a long access key or password",
    ),
}

_M_TOML = Text(
    kk="Файл TOML ретінде оқылмады: {detail} ({line}-жол, {column}-баған).",
    ru="Файл не разбирается как TOML: {detail} (строка {line}, столбец {column}).",
    en="The file is not valid TOML: {detail} (line {line}, column {column}).",
)
_FIX_TOML = Text(
    kk="{line}-жолдың {column}-бағанына қараңыз: әдетте тырнақша не тізім элементтері арасындағы үтір "
    'жетіспейді, не бір кілт екі рет жазылған. Мәтін қос тырнақшаға алынады: name = "…".',
    ru="Посмотрите строку {line} около столбца {column}: обычно не хватает кавычки или запятой между "
    'элементами списка либо один ключ записан дважды. Строки пишутся в двойных кавычках: name = "…".',
    en="Look at line {line} near column {column}: usually a quote or a comma between list items is "
    'missing, or a key is written twice. Strings go in double quotes: name = "…".',
)
_M_NOT_UTF8 = Text(
    kk="Файл UTF-8 кодтауында емес: {offset}-байтты ({line}-жол) оқу мүмкін емес.",
    ru="Файл не в кодировке UTF-8: байт {offset} (строка {line}) не удаётся прочитать.",
    en="The file is not UTF-8 text: byte {offset} (line {line}) cannot be decoded.",
)
_FIX_NOT_UTF8 = Text(
    kk="Файлды UTF-8 кодтауымен қайта сақтаңыз (мәтіндік редактордың «Басқаша сақтау» терезесінде "
    "кодтауды UTF-8 деп таңдаңыз).",
    ru="Пересохраните файл в кодировке UTF-8 (в окне «Сохранить как» текстового редактора выберите "
    "кодировку UTF-8).",
    en="Save the file again as UTF-8 (choose the UTF-8 encoding in your editor's Save As dialog).",
)
_M_NO_FILE = Text(
    kk="Баптау файлы табылмады.",
    ru="Файл конфигурации не найден.",
    en="The configuration file does not exist.",
)
_FIX_NO_FILE = Text(
    kk="`arna init DIR` командасымен config.toml файлы бар жұмыс қалтасын жасаңыз немесе бар файлдың "
    "жолын көрсетіңіз.",
    ru="Создайте рабочую папку с config.toml командой `arna init DIR` или укажите путь к существующему "
    "файлу.",
    en="Run `arna init DIR` to create a workspace with a config.toml, or give the path of an existing "
    "one.",
)
_M_UNREADABLE = Text(
    kk="Баптау файлын оқу мүмкін емес: {reason}.",
    ru="Не удалось прочитать файл конфигурации: {reason}.",
    en="The configuration file cannot be read: {reason}.",
)
_FIX_UNREADABLE = Text(
    kk="Файлға оқу рұқсаты бар-жоғын тексеріңіз.",
    ru="Проверьте права доступа к файлу.",
    en="Check the file's permissions.",
)
_M_NOT_FOUND = Text(
    kk="{start} қалтасында да, одан жоғарғы қалталарда да config.toml жоқ.",
    ru="Ни в папке {start}, ни в папках выше нет config.toml.",
    en="There is no config.toml in {start} or in any folder above it.",
)
_FIX_NOT_FOUND = Text(
    kk="Жұмыс қалтаңызға өтіңіз, ARNA_CONFIG айнымалысына config.toml жолын жазыңыз немесе жаңа жұмыс "
    "қалтасын `arna init DIR` командасымен жасаңыз.",
    ru="Перейдите в рабочую папку, укажите путь к config.toml в переменной ARNA_CONFIG или создайте "
    "новую рабочую папку командой `arna init DIR`.",
    en="Go to your workspace folder, set ARNA_CONFIG to the path of its config.toml, or run "
    "`arna init DIR` to create a workspace.",
)
_M_ENV_CONFIG_MISSING = Text(
    kk="ARNA_CONFIG айнымалысы {path} файлын көрсетеді, бірақ мұндай файл жоқ.",
    ru="Переменная ARNA_CONFIG указывает на {path}, но такого файла нет.",
    en="ARNA_CONFIG points to {path}, which does not exist.",
)
_FIX_ENV_CONFIG_MISSING = Text(
    kk="ARNA_CONFIG мәнін түзетіңіз немесе оны алып тастаңыз (`unset ARNA_CONFIG`): сонда config.toml "
    "ағымдағы қалтадан бастап ізделеді.",
    ru="Исправьте ARNA_CONFIG или удалите её (`unset ARNA_CONFIG`): тогда config.toml будет искаться "
    "начиная с текущей папки.",
    en="Correct ARNA_CONFIG, or unset it (`unset ARNA_CONFIG`) to search from the current folder.",
)

_M_MISSING = Text(
    kk="Міндетті {name} кілті жоқ.",
    ru="Не хватает обязательного ключа {name}.",
    en="The required key {name} is missing.",
)
_FIX_MISSING = Text(
    kk="{table} кестесіне `{name} = …` жолын қосыңыз.",
    ru="Добавьте строку `{name} = …` в таблицу {table}.",
    en="Add `{name} = …` to the {table} table.",
)
_M_MISSING_TABLE = Text(
    kk="{header} бөлімі жоқ.", ru="Нет раздела {header}.", en="The {header} section is missing."
)
_FIX_MISSING_TABLE = Text(
    kk="{header} бөлімін қосыңыз; толық үлгіні `arna init DIR` жасайтын config.toml файлынан көруге "
    "болады.",
    ru="Добавьте раздел {header}; полный пример есть в config.toml, который создаёт `arna init DIR`.",
    en="Add a {header} section; the config.toml that `arna init DIR` writes is a complete example.",
)
_M_UNKNOWN_KEY = Text(
    kk="Белгісіз кілт: {name}.", ru="Неизвестный ключ: {name}.", en="Unknown key: {name}."
)
_FIX_UNKNOWN_KEY_SUGGEST = Text(
    kk="Бәлкім, {suggestion} деп жазу керек пе? Мұнда рұқсат етілген кілттер: {choices}.",
    ru="Возможно, имелось в виду {suggestion}? Здесь допустимы ключи: {choices}.",
    en="Did you mean {suggestion}? Keys allowed here: {choices}.",
)
_FIX_UNKNOWN_KEY = Text(
    kk="Оны өшіріңіз немесе мұнда рұқсат етілген кілттердің бірін қолданыңыз: {choices}.",
    ru="Удалите его или используйте один из допустимых здесь ключей: {choices}.",
    en="Remove it, or use one of the keys allowed here: {choices}.",
)
_M_CHOICE = Text(
    kk="{value} мәні бұл жерде жарамсыз.",
    ru="Значение {value} здесь недопустимо.",
    en="{value} is not a valid value here.",
)
_FIX_CHOICE_SUGGEST = Text(
    kk="Бәлкім, {suggestion}? Рұқсат етілген мәндер: {choices}.",
    ru="Возможно, имелось в виду {suggestion}? Допустимые значения: {choices}.",
    en="Did you mean {suggestion}? Valid values: {choices}.",
)
_FIX_CHOICE = Text(
    kk="Мына мәндердің бірін жазыңыз: {choices}.",
    ru="Используйте одно из значений: {choices}.",
    en="Use one of: {choices}.",
)
_M_TYPE = Text(
    kk="Мұнда {expected} болуы керек, ал жазылғаны — {got}.",
    ru="Здесь ожидается {expected}, а записано: {got}.",
    en="This must be {expected}, but it is {got}.",
)
_FIX_TYPE = Text(
    kk="Былай жазыңыз: {example}", ru="Запишите так: {example}", en="Write it like this: {example}"
)
_FIX_ARRAY_OF_TABLES = Text(
    kk="Кестелер тізімі бірнеше блок болып жазылады, әр блок [[{name}]] (қос жақша) деп басталады.",
    ru="Массив таблиц записывается блоками, и каждый блок начинается с [[{name}]] (двойные скобки).",
    en="An array of tables is written as blocks that each start with [[{name}]] (double brackets).",
)
_M_EMPTY = Text(
    kk="Тізім бос болмауы керек.",
    ru="Список не может быть пустым.",
    en="The list must not be empty.",
)
_FIX_EMPTY = Text(
    kk="Кемінде бір элемент қосыңыз.",
    ru="Добавьте хотя бы один элемент.",
    en="Add at least one item.",
)
_FIX_INVALID = Text(
    kk="Мәнді `arna init DIR` жасайтын config.toml үлгісімен салыстырыңыз.",
    ru="Сверьте значение с образцом config.toml, который создаёт `arna init DIR`.",
    en="Compare the value with the sample config.toml that `arna init DIR` writes.",
)
_M_INVALID = Text(
    kk="Мән жарамсыз ({detail}).",
    ru="Недопустимое значение ({detail}).",
    en="Invalid value ({detail}).",
)

# Custom checks: error type -> (message, fix). Their parameters come from the check's context.
_CUSTOM: dict[str, tuple[Text, Text | None]] = {
    "arna_blank": (
        Text(
            kk="Мән бос болмауы керек.",
            ru="Значение не может быть пустым.",
            en="The value must not be empty.",
        ),
        Text(
            kk="Тырнақшаның ішіне мән жазыңыз.",
            ru="Впишите значение между кавычками.",
            en="Write a value between the quotes.",
        ),
    ),
    "arna_slug": (
        Text(
            kk="{value} идентификатор ретінде жарамсыз: тек кіші латын әріптері, цифрлар және сызықша "
            "(-) рұқсат етіледі, бірінші таңба сызықша болмайды.",
            ru="{value} не подходит как идентификатор: допустимы только строчные латинские буквы, "
            "цифры и дефис (-), и первым символом не может быть дефис.",
            en="{value} is not a valid id: use lowercase Latin letters, digits and hyphens (-), not "
            "starting with a hyphen.",
        ),
        Text(kk="Мысалы: {example}.", ru="Например: {example}.", en="For example: {example}."),
    ),
    "arna_duplicate": (
        Text(
            kk="{value} тізімде екі рет кездеседі.",
            ru="{value} повторяется в списке.",
            en="{value} is listed twice.",
        ),
        Text(
            kk="Қайталанған элементті өшіріңіз.",
            ru="Удалите повторяющийся элемент.",
            en="Remove the repeated item.",
        ),
    ),
    "arna_duplicate_channel": (
        Text(
            kk="{value} арна идентификаторы екі рет қолданылған; ол алғаш {first_line}-жолда "
            "анықталған.",
            ru="Идентификатор канала {value} используется дважды; впервые он задан в строке "
            "{first_line}.",
            en="The channel id {value} is used twice; it is first defined on line {first_line}.",
        ),
        Text(
            kk="Әр арнаға жеке идентификатор беріңіз.",
            ru="Дайте каждому каналу свой идентификатор.",
            en="Give each channel an id of its own.",
        ),
    ),
    "arna_range": (
        Text(
            kk="{value} саны {min}…{max} аралығында болуы керек.",
            ru="Число {value} должно быть от {min} до {max}.",
            en="{value} must be between {min} and {max}.",
        ),
        Text(
            kk="{min}…{max} аралығындағы бүтін сан жазыңыз.",
            ru="Укажите целое число от {min} до {max}.",
            en="Write a whole number from {min} to {max}.",
        ),
    ),
    "arna_timezone": (
        Text(
            kk="{value} — белгісіз уақыт белдеуі.",
            ru="{value} — неизвестный часовой пояс.",
            en="{value} is not a known time zone.",
        ),
        Text(
            kk="IANA уақыт белдеуінің атауын жазыңыз, мысалы: {suggestion}.",
            ru="Укажите название часового пояса IANA, например {suggestion}.",
            en="Write an IANA time zone name, for example {suggestion}.",
        ),
    ),
    "arna_quiet_hours": (
        Text(
            kk="{value} уақыт аралығы емес: сызықшамен бөлінген СС:ММ пішіміндегі екі уақыт керек.",
            ru="{value} — не интервал времени: нужны два времени в формате ЧЧ:ММ через дефис.",
            en="{value} is not a time range: write two times as HH:MM joined by a hyphen.",
        ),
        Text(
            kk='Мысалы: quiet_hours = "22:00-08:00" (аралық түн ортасынан өте алады).',
            ru='Например: quiet_hours = "22:00-08:00" (интервал может переходить через полночь).',
            en='For example quiet_hours = "22:00-08:00" (the range may pass midnight).',
        ),
    ),
    "arna_quiet_hours_empty": (
        Text(
            kk="{value} аралығы қай уақытта басталса, сол уақытта аяқталады: бұл бүкіл тәулік пе, "
            "әлде бос аралық па, түсініксіз.",
            ru="Интервал {value} начинается и заканчивается в одно время: непонятно, это целые сутки "
            "или пустой интервал.",
            en="{value} starts and ends at the same time, so it is unclear whether it means the whole "
            "day or nothing.",
        ),
        Text(
            kk='Түрлі уақыттарды жазыңыз, мысалы: quiet_hours = "22:00-08:00".',
            ru='Укажите разные времена начала и конца, например quiet_hours = "22:00-08:00".',
            en='Give different start and end times, for example quiet_hours = "22:00-08:00".',
        ),
    ),
    "arna_slot": (
        Text(
            kk="{value} апталық кесте ұяшығы (слот) емес.",
            ru="{value} — не слот недельного расписания.",
            en="{value} is not a weekly slot.",
        ),
        Text(
            kk="Апта күнін (mon, tue, wed, thu, fri, sat, sun) және 24 сағаттық уақытты жазыңыз, "
            'мысалы: "{example}".',
            ru="Укажите день недели (mon, tue, wed, thu, fri, sat, sun) и время в 24-часовом формате, "
            'например "{example}".',
            en="Write a day (mon, tue, wed, thu, fri, sat, sun) and a 24-hour time, for example "
            '"{example}".',
        ),
    ),
    "arna_env_name": (
        Text(
            kk="Мұнда орта айнымалысының атауы болуы керек, мысалы {example}.",
            ru="Здесь должно быть имя переменной окружения, например {example}.",
            en="This must be the name of an environment variable, such as {example}.",
        ),
        Text(
            kk="Атау бас латын әріптерінен, цифрлардан және _ таңбасынан тұрады. Мәннің өзін сол "
            "айнымалыға жазыңыз: `export {example}=…`.",
            ru="Имя состоит из заглавных латинских букв, цифр и _. Само значение запишите в эту "
            "переменную: `export {example}=…`.",
            en="Names use capital Latin letters, digits and _. Put the value itself in that "
            "variable: `export {example}=…`.",
        ),
    ),
    "arna_credentials_env": (_M_CREDENTIALS_ENV, _FIX_SECRET),
    "arna_credentials_missing": (
        Text(
            kk="{network} арнасы үшін credentials_env көрсетілмеген: Arna токенді қай орта "
            "айнымалысынан оқитынын білмейді.",
            ru="Для канала {network} не указан credentials_env: Arna не знает, из какой переменной "
            "окружения читать токен.",
            en="A {network} channel needs credentials_env: Arna does not know which environment "
            "variable holds its token.",
        ),
        Text(
            kk='Токен сақталған орта айнымалысының атауын жазыңыз: credentials_env = "{env}", және '
            "Arna-ны іске қоспас бұрын оны орнатыңыз: `export {env}=…`.",
            ru='Укажите имя переменной окружения с токеном: credentials_env = "{env}", и задайте её '
            "перед запуском Arna: `export {env}=…`.",
            en='Name the environment variable that holds the token, credentials_env = "{env}", and '
            "set it before starting Arna: `export {env}=…`.",
        ),
    ),
    "arna_outbox_key": (
        Text(
            kk="outbox арнасы хабарламаларды қалтаға файл етіп жазады, сондықтан {name} оған қажет емес.",
            ru="Канал outbox записывает сообщения файлами в папку, поэтому {name} ему не нужен.",
            en="An outbox channel writes its messages as files into a folder, so {name} does not "
            "apply to it.",
        ),
        Text(
            kk="Бұл арнадан {name} жолын өшіріңіз.",
            ru="Удалите {name} из этого канала.",
            en="Remove {name} from this channel.",
        ),
    ),
    "arna_target": (
        Text(
            kk="{value} {network} арнасының адресаты ретінде жарамсыз.",
            ru="{value} не подходит как адресат канала {network}.",
            en="{value} is not a valid {network} target.",
        ),
        Text(kk="Жазыңыз: {hint}.", ru="Укажите {hint}.", en="Write {hint}."),
    ),
    "arna_url": (
        Text(
            kk="{value} http(s) сілтемесі емес.",
            ru="{value} — не адрес http(s).",
            en="{value} is not an http(s) URL.",
        ),
        Text(
            kk='API серверінің толық мекенжайын жазыңыз, мысалы "http://127.0.0.1:8081/bot".',
            ru='Укажите полный адрес API-сервера, например "http://127.0.0.1:8081/bot".',
            en='Write the full address of the API server, for example "http://127.0.0.1:8081/bot".',
        ),
    ),
    "arna_hashtag": (
        Text(
            kk="{value} хэштег емес: ол # белгісінен басталып, бос орынсыз, кемінде бір әріппен "
            "жазылуы керек.",
            ru="{value} — не хэштег: он должен начинаться с #, не содержать пробелов и иметь хотя бы "
            "одну букву.",
            en="{value} is not a hashtag: it must start with #, have no spaces and contain a letter.",
        ),
        Text(
            kk="Бір сөз етіп жазыңыз, мысалы: {example}.",
            ru="Запишите одним словом, например {example}.",
            en="Write it as one word, for example {example}.",
        ),
    ),
    "arna_logo": (
        Text(
            kk="{value} PNG не SVG файлы емес.",
            ru="{value} — не файл PNG или SVG.",
            en="{value} is not a PNG or SVG file.",
        ),
        Text(
            kk="Логотип үлгілері — жұмыс қалтасына қатысты жолы бар PNG не SVG файлдары, мысалы "
            '"brand/logo.png".',
            ru="Эталонные логотипы — файлы PNG или SVG, путь указывается относительно рабочей папки, "
            'например "brand/logo.png".',
            en="Reference logos are PNG or SVG files, with paths relative to the workspace, for "
            'example "brand/logo.png".',
        ),
    ),
    "arna_database_url": (
        Text(
            kk="storage.database — SQLite файлының жолы, дерекқордың URL-і емес.",
            ru="storage.database — это путь к файлу SQLite, а не URL базы данных.",
            en="storage.database is the path of the SQLite file, not a database URL.",
        ),
        Text(
            kk="PostgreSQL қолдану үшін ARNA_DATABASE_URL орта айнымалысын орнатыңыз, ал мұнда "
            'database = "arna.db" қалдырыңыз.',
            ru="Чтобы использовать PostgreSQL, задайте переменную окружения ARNA_DATABASE_URL, а здесь "
            'оставьте database = "arna.db".',
            en="To use PostgreSQL, set the environment variable ARNA_DATABASE_URL, and keep "
            'database = "arna.db" here.',
        ),
    ),
}

_TARGET_HINTS: dict[str, Text] = {
    Network.TELEGRAM: Text(
        kk='арнаның @username атауын не сандық chat id нөмірін, мысалы "@rukhani_turkistan" не '
        '"-1001234567890"',
        ru='@username канала или числовой chat id, например "@rukhani_turkistan" или '
        '"-1001234567890"',
        en='the channel\'s @username or its numeric chat id, for example "@rukhani_turkistan" or '
        '"-1001234567890"',
    ),
    Network.OUTBOX: Text(
        kk='жұмыс қалтасына қатысты қалта жолын, мысалы "outbox"',
        ru='путь к папке относительно рабочей папки, например "outbox"',
        en='a folder relative to the workspace, for example "outbox"',
    ),
}
_TARGET_HINT_OTHER = Text(
    kk="парақшаның, аккаунттың не топтың бос орынсыз идентификаторын",
    ru="идентификатор страницы, аккаунта или группы без пробелов",
    en="the page, account or group id, without spaces",
)

# TOML types: how to name them as what is expected, as what was found, and an example.
_TOML_TYPES: dict[str, tuple[Text, Text, str]] = {
    "string": (
        Text(kk="мәтін (тырнақшадағы жол)", ru="строка в кавычках", en="a string in quotes"),
        Text(kk="мәтін", ru="строка", en="a string"),
        '{name} = "…"',
    ),
    "integer": (
        Text(kk="бүтін сан", ru="целое число", en="a whole number"),
        Text(kk="бүтін сан", ru="целое число", en="a whole number"),
        "{name} = 10",
    ),
    "float": (
        Text(kk="бөлшек сан", ru="дробное число", en="a decimal number"),
        Text(kk="бөлшек сан", ru="дробное число", en="a decimal number"),
        "{name} = 1.5",
    ),
    "boolean": (
        Text(kk="true не false", ru="true или false", en="true or false"),
        Text(kk="true/false мәні", ru="значение true/false", en="true or false"),
        "{name} = true",
    ),
    "array": (
        Text(kk="тізім [ … ]", ru="список [ … ]", en="an array [ … ]"),
        Text(kk="тізім", ru="список", en="an array"),
        '{name} = ["…"]',
    ),
    "table": (
        Text(kk="кесте", ru="таблица", en="a table"),
        Text(kk="кесте", ru="таблица", en="a table"),
        "[{name}]",
    ),
    "datetime": (
        Text(kk="күн мен уақыт", ru="дата и время", en="a date or time"),
        Text(kk="күн мен уақыт", ru="дата и время", en="a date or time"),
        "{name} = 2026-01-01T10:00:00+05:00",
    ),
}
_EXPECTED_BY_ERROR: dict[str, str] = {
    "string_type": "string",
    "int_type": "integer",
    "int_parsing": "integer",
    "int_from_float": "integer",
    "float_type": "float",
    "bool_type": "boolean",
    "bool_parsing": "boolean",
    "tuple_type": "array",
    "list_type": "array",
    "dict_type": "table",
    "model_type": "table",
    "model_attributes_type": "table",
}


# ---------------------------------------------------------------------------------------------
# Secrets
# ---------------------------------------------------------------------------------------------

_SECRET_VALUE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\d{8,10}:[A-Za-z0-9_-]{35}"), "telegram"),
    (re.compile(r"\b(?:EAA[A-Za-z0-9]{30,}|IG[A-Z]{2}[A-Za-z0-9_-]{40,})"), "meta"),
    (re.compile(r"\bvk1\.a\.[A-Za-z0-9_-]{30,}|\b[0-9a-f]{72,}\b"), "vk"),
    (re.compile(r"\bAIza[0-9A-Za-z_-]{35}|\bya29\.[0-9A-Za-z_-]{20,}"), "google"),
    (re.compile(r"://[^/\s:@]+:[^/\s@]+@"), "url-password"),
)
_LONG_RUN_RE = re.compile(r"[A-Za-z0-9_+=-]{32,}")
_SECRET_KEY_RE = re.compile(
    r"(^|[_-])(token|tokens|secret|password|passwd|pwd|api[_-]?key|access[_-]?token|private[_-]?key"
    r"|client[_-]?secret|app[_-]?secret)($|[_-])",
    re.IGNORECASE,
)


def _secret_kind(value: str) -> str | None:
    """What kind of credential `value` contains, or None. Heuristic, and meant to err on the safe side."""
    for pattern, kind in _SECRET_VALUE_PATTERNS:
        if pattern.search(value):
            return kind
    for run in _LONG_RUN_RE.findall(value):
        if _looks_random(run):
            return "generic"
    return None


def _class_of(ch: str) -> int:
    return 0 if ch.isupper() else 1 if ch.islower() else 2 if ch.isdigit() else 3


def _looks_random(run: str) -> bool:
    """Upper case, lower case and digits, switching often: a key, not a CamelCaseName2024."""
    classes = [_class_of(c) for c in run]
    if not {0, 1, 2} <= set(classes):
        return False
    switches = sum(a != b for a, b in pairwise(classes))
    return switches >= 0.45 * (len(run) - 1)


def _is_secret_key(key: str, value: object) -> bool:
    """A key whose name says it holds a secret. `*_env` keys that name a variable are fine."""
    if not _SECRET_KEY_RE.search(key):
        return False
    names_a_variable = isinstance(value, str) and ENV_NAME_RE.match(value) is not None
    return not (key.lower().endswith("_env") and names_a_variable)


def _show(value: object, limit: int = 60) -> str:
    """A value as it may appear in a message: quoted, shortened, and never a secret."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if not isinstance(value, str):
        return str(value) if isinstance(value, int | float) else type(value).__name__
    if _secret_kind(value):
        return '"***"'
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return json.dumps(value, ensure_ascii=False)


def _redact(text: str) -> str:
    """`text` with every part that looks like a credential replaced by ***."""
    for pattern, _ in _SECRET_VALUE_PATTERNS:
        text = pattern.sub("***", text)
    return _LONG_RUN_RE.sub(lambda m: "***" if _looks_random(m.group()) else m.group(), text)


def env_name_for(channel_id: object) -> str:
    """The conventional environment variable for a channel's token: tg-main -> ARNA_TG_MAIN_TOKEN.

    Without a usable id, the example name ARNA_TG_MAIN_TOKEN.
    """
    if not isinstance(channel_id, str) or _secret_kind(channel_id):
        return "ARNA_TG_MAIN_TOKEN"
    stem = re.sub(r"[^A-Z0-9]+", "_", channel_id.upper()).strip("_")
    return f"ARNA_{stem}_TOKEN" if stem else "ARNA_TG_MAIN_TOKEN"


# ---------------------------------------------------------------------------------------------
# Field checks. Each raises PydanticCustomError with an "arna_*" type from _CUSTOM; the context
# carries the message parameters, and "at" (a key path) when the problem sits below the field.
# ---------------------------------------------------------------------------------------------


def _fail(kind: str, **ctx: object) -> PydanticCustomError:
    return PydanticCustomError(kind, kind, ctx)


def _not_blank(value: str) -> str:
    if not value.strip() or "\x00" in value:
        raise _fail("arna_blank")
    return value


def _slug(example: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if not _SLUG_RE.match(value):
            guess = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
            raise _fail("arna_slug", value=_show(value), example=guess or example)
        return value

    return check


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.casefold() in seen:
            raise _fail("arna_duplicate", value=_show(item), at=(i,))
        seen.add(item.casefold())
    return items


def _int_range(low: int, high: int) -> Callable[[int], int]:
    def check(value: int) -> int:
        if not low <= value <= high:
            raise _fail("arna_range", value=value, min=low, max=high)
        return value

    return check


def _timezone(value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        close = difflib.get_close_matches(value, sorted(zoneinfo.available_timezones()), n=1)
        raise _fail(
            "arna_timezone", value=_show(value), suggestion=close[0] if close else DEFAULT_TIMEZONE
        ) from None
    return value


def _parse_hhmm(hours: str, minutes: str) -> time | None:
    h, m = int(hours), int(minutes)
    return time(h, m) if h < 24 and m < 60 else None


def _quiet_hours(value: str) -> str:
    match = _QUIET_RE.match(value)
    start = _parse_hhmm(*match.group(1, 2)) if match else None
    end = _parse_hhmm(*match.group(3, 4)) if match else None
    if start is None or end is None:
        raise _fail("arna_quiet_hours", value=_show(value))
    if start == end:
        raise _fail("arna_quiet_hours_empty", value=_show(value))
    return f"{start:%H:%M}-{end:%H:%M}"


def _parse_slot(value: str) -> tuple[int, time] | None:
    match = _SLOT_RE.match(value)
    if not match or match.group(1).lower() not in DAYS:
        return None
    at = _parse_hhmm(match.group(2), match.group(3))
    return None if at is None else (DAYS.index(match.group(1).lower()), at)


# Day names people write instead of mon..sun (English, Russian and Kazakh), for suggestions only.
_DAY_PREFIXES: dict[str, int] = {
    **{d: i for i, d in enumerate(DAYS)},
    **{d: i for i, d in enumerate(("пн", "вт", "ср", "чт", "пт", "сб", "вс"))},
    **{d: i for i, d in enumerate(("пон", "вто", "сре", "чет", "пят", "суб", "вос"))},
    **{d: i for i, d in enumerate(("дүй", "сей", "сәр", "бей", "жұм", "сен", "жек"))},
    **{d: i for i, d in enumerate(("дс", "сс", "ср", "бс", "жм", "сб", "жс"))},
}


def _slot_example(value: str) -> str:
    """A corrected slot for the fix, when the intent is clear; otherwise a plain example."""
    parts = value.strip().lower().split()
    day = (
        next((_DAY_PREFIXES[p] for p in (parts[0][:3], parts[0][:2]) if p in _DAY_PREFIXES), None)
        if parts
        else None
    )
    clock = re.fullmatch(_TIME_RE, parts[-1]) if len(parts) > 1 else None
    at = _parse_hhmm(*clock.groups()) if clock else None
    return f"{DAYS[day if day is not None else 0]} {at or time(10, 0):%H:%M}"


def _slot(value: str) -> str:
    parsed = _parse_slot(value)
    if parsed is None:
        raise _fail("arna_slot", value=_show(value), example=_slot_example(value))
    return f"{DAYS[parsed[0]]} {parsed[1]:%H:%M}"


def _env_name(value: str) -> str:
    if not ENV_NAME_RE.match(value):
        raise _fail("arna_env_name", example="ARNA_EDITORS_CHAT")
    return value


def _url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise _fail("arna_url", value=_show(value))
    return value


def _hashtag(value: str) -> str:
    body = value[1:] if value.startswith("#") else value
    if (
        not value.startswith("#")
        or not body
        or any(c.isspace() or c == "#" for c in body)
        or not any(c.isalpha() for c in body)
    ):
        fixed = "".join(value.replace("#", " ").split())
        example = f"#{fixed}" if any(c.isalpha() for c in fixed) else DEFAULT_REQUIRED_HASHTAGS[0]
        raise _fail("arna_hashtag", value=_show(value), example=example)
    return value


def _logo(value: str) -> str:
    if Path(value).suffix.lower() not in (".png", ".svg"):
        raise _fail("arna_logo", value=_show(value))
    return value


def _database(value: str) -> str:
    if "://" in value:
        raise _fail("arna_database_url")
    return value


NonBlank = Annotated[str, AfterValidator(_not_blank)]
Hashtag = Annotated[str, AfterValidator(_hashtag)]
HashtagList = Annotated[tuple[Hashtag, ...], AfterValidator(_unique)]
Languages = Annotated[tuple[Lang, ...], Field(min_length=1), AfterValidator(_unique)]


# ---------------------------------------------------------------------------------------------
# The schema
# ---------------------------------------------------------------------------------------------


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Office(_Table):
    """[office]: who this workspace belongs to."""

    id: Annotated[str, AfterValidator(_slug("turkistan"))]
    name: NonBlank
    region: NonBlank
    languages: Languages
    timezone: Annotated[str, AfterValidator(_timezone)] = DEFAULT_TIMEZONE
    ui_language: Lang | None = None


class Storage(_Table):
    """[storage]: where the database and the media store live, relative to the workspace."""

    database: Annotated[NonBlank, AfterValidator(_database)] = "arna.db"
    media_dir: NonBlank = "media"
    max_media_mb: Annotated[StrictInt, AfterValidator(_int_range(1, 4096))] = 200


class Schedule(_Table):
    """[schedule]: quiet hours, how late a missed post may still go out, the editors' chat."""

    quiet_hours: Annotated[str, AfterValidator(_quiet_hours)] = DEFAULT_QUIET_HOURS
    max_lateness_hours: Annotated[StrictInt, AfterValidator(_int_range(1, 168))] = 6
    editors_chat_env: Annotated[str, AfterValidator(_env_name)] | None = None

    @property
    def quiet_range(self) -> tuple[time, time]:
        """Start and end of the quiet hours, in office local time; the range may wrap midnight."""
        start, end = self.quiet_hours.split("-")
        return time.fromisoformat(start), time.fromisoformat(end)

    def is_quiet(self, at: time) -> bool:
        """Whether a local wall-clock time falls in the quiet hours (start inclusive, end not)."""
        start, end = self.quiet_range
        at = at.replace(tzinfo=None)
        return start <= at < end if start < end else at >= start or at < end

    @property
    def max_lateness(self) -> timedelta:
        return timedelta(hours=self.max_lateness_hours)


class Channel(_Table):
    """One [[channels]] entry: a place Arna publishes to."""

    id: Annotated[str, AfterValidator(_slug("tg-main"))]
    network: Network
    target: NonBlank
    #: Empty only before loading: the loader fills in the office languages when the key is absent.
    languages: Languages = ()
    audience: Audience = Audience.OWN
    credentials_env: str | None = None
    api_base_url: Annotated[str, AfterValidator(_url)] | None = None
    #: Normalised to "mon 10:00" (lowercase day, zero-padded time).
    slots: Annotated[
        tuple[Annotated[str, AfterValidator(_slot)], ...], AfterValidator(_unique)
    ] = ()
    enabled: StrictBool = True

    @field_validator("target")
    @classmethod
    def _check_target(cls, value: str, info: ValidationInfo) -> str:
        network = info.data.get("network")
        if network == Network.TELEGRAM:
            ok = _TELEGRAM_TARGET_RE.match(value) is not None
        else:
            ok = network == Network.OUTBOX or not any(c.isspace() for c in value)
        if not ok:
            hint = _TARGET_HINTS.get(network, _TARGET_HINT_OTHER)  # type: ignore[arg-type]
            raise _fail("arna_target", value=_show(value), network=str(network), hint=hint)
        return value

    @field_validator("credentials_env")
    @classmethod
    def _check_credentials_env(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and not ENV_NAME_RE.match(value):
            # the value itself is never repeated: it may be the token
            raise _fail("arna_credentials_env", env=env_name_for(info.data.get("id")))
        return value

    @field_validator("credentials_env", "api_base_url")
    @classmethod
    def _not_for_outbox(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and info.data.get("network") == Network.OUTBOX:
            raise _fail("arna_outbox_key", name=info.field_name)
        return value

    @model_validator(mode="after")
    def _needs_credentials(self) -> Channel:
        if self.network != Network.OUTBOX and self.credentials_env is None:
            raise _fail(
                "arna_credentials_missing",
                network=self.network.value,
                env=env_name_for(self.id),
                at=("credentials_env",),
            )
        return self

    def credentials(self) -> str | None:
        """The secret from the environment variable named by `credentials_env`; None if unset or empty.

        The value is returned, never logged or stored.
        """
        if not self.credentials_env:
            return None
        return os.environ.get(self.credentials_env) or None

    def slot_times(self) -> list[tuple[int, time]]:
        """The weekly slots as (weekday, local time), weekday 0 = Monday, in week order."""
        return sorted(p for p in map(_parse_slot, self.slots) if p is not None)


class Hashtags(_Table):
    """[hashtags]: the programme's required hashtags and the hashtags of each direction."""

    required: HashtagList = DEFAULT_REQUIRED_HASHTAGS
    directions: dict[Direction, HashtagList] = Field(default_factory=dict)


class Brand(_Table):
    """[brand]: reference logo files (PNG or SVG), relative to the workspace."""

    logos: Annotated[
        tuple[Annotated[NonBlank, AfterValidator(_logo)], ...], AfterValidator(_unique)
    ] = ()


class Config(_Table):
    """The whole config.toml. `workspace` and `source` are set by the loader, never from the file."""

    office: Office
    storage: Storage = Field(default_factory=Storage)
    schedule: Schedule = Field(default_factory=Schedule)
    channels: Annotated[tuple[Channel, ...], Field(min_length=1)]
    hashtags: Hashtags = Field(default_factory=Hashtags)
    brand: Brand = Field(default_factory=Brand)
    #: Reserved for the linter, which validates it itself.
    lint: dict[str, Any] = Field(default_factory=dict)

    _workspace: Path = PrivateAttr(default_factory=Path.cwd)
    _source: str | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _default_channel_languages(self) -> Config:
        filled = tuple(
            c if c.languages else c.model_copy(update={"languages": self.office.languages})
            for c in self.channels
        )
        object.__setattr__(self, "channels", filled)  # a one-time default, before anyone sees it
        return self

    @property
    def workspace(self) -> Path:
        """The directory that holds config.toml; relative paths in the file start here."""
        return self._workspace

    @property
    def source(self) -> str | None:
        """The config file as it was named to the loader, or None for parsed text."""
        return self._source

    def channel(self, channel_id: str) -> Channel | None:
        return next((c for c in self.channels if c.id == channel_id), None)

    def channel_ids(self) -> list[str]:
        return [c.id for c in self.channels]

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.office.timezone)

    def resolve(self, relative: str | Path) -> Path:
        """A path from the file, relative to the workspace (absolute paths stay as they are)."""
        return self.workspace / relative

    @property
    def database_path(self) -> Path:
        return self.resolve(self.storage.database)

    @property
    def media_root(self) -> Path:
        return self.resolve(self.storage.media_dir)

    @property
    def max_media_bytes(self) -> int:
        """The per-file media cap; max_media_mb counts mebibytes (1 MB = 1024 × 1024 bytes)."""
        return self.storage.max_media_mb * 1024 * 1024

    def missing_logos(self) -> list[Path]:
        """Reference logos named in [brand] that do not exist (not checked at load time)."""
        return [p for p in map(self.resolve, self.brand.logos) if not p.is_file()]


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------


def find_config(start: Path | None = None) -> Path:
    """The config.toml named by ARNA_CONFIG, else the nearest one in `start` (default: the current
    directory) or its parents."""
    named = os.environ.get("ARNA_CONFIG")
    if named:
        path = Path(named).expanduser()
        if path.is_dir():
            path = path / CONFIG_NAME
        if not path.is_file():
            raise ConfigError.of(_M_ENV_CONFIG_MISSING, fix=_FIX_ENV_CONFIG_MISSING, path=str(path))
        return path
    here = Path(start) if start is not None else Path.cwd()
    here = here.absolute()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    raise ConfigError.of(_M_NOT_FOUND, fix=_FIX_NOT_FOUND, start=str(here))


def load_config(path: Path) -> Config:
    """Read and validate a config.toml (or the config.toml inside a directory)."""
    path = Path(path)
    if path.is_dir():
        path = path / CONFIG_NAME
    file = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError.of(_M_NO_FILE, file=file, fix=_FIX_NO_FILE) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ConfigError.of(_M_UNREADABLE, file=file, fix=_FIX_UNREADABLE, reason=reason) from None
    bom = len(b"\xef\xbb\xbf") if raw.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = raw[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = bom + exc.start
        line = raw[:offset].count(b"\n") + 1
        params: dict[str, object] = {"offset": offset, "line": line}
        problem = Problem(_M_NOT_UTF8, Location(file, line), _FIX_NOT_UTF8, params)
    else:
        return parse_config(text, file=file, workspace=path.absolute().parent)
    raise ConfigError(problem)


def parse_config(text: str, file: str, workspace: Path) -> Config:
    """Validate config.toml text. `file` names it in messages; `workspace` anchors relative paths."""
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        syntax: Problem | None = _syntax_problem(str(exc), text, file)
    else:
        syntax = None
    if syntax is not None:  # raised here, not in the handler, so no chained traceback
        raise ConfigError(syntax)

    report = _Reporter(file, TomlIndex(text))
    problems, claimed = report.raw_checks(data)
    config: Config | None = None
    errors: list[Any] = []
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=True)
    for error in errors:
        path = _error_path(error)
        problem = None if _claimed(path, claimed) else report.from_pydantic(error, path)
        if problem is not None:
            problems.append(problem)
    if problems or config is None:
        raise ConfigError(_tidy(problems))
    config._workspace = Path(workspace)
    config._source = file
    return config


_TOML_POSITION_RE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def _syntax_problem(message: str, text: str, file: str) -> Problem:
    """tomllib's message, with its line and column taken out into the Location and the parameters."""
    match = _TOML_POSITION_RE.search(message)
    if match:
        line, column = int(match.group(1)), int(match.group(2))
        detail = message[: match.start()]
    else:  # "(at end of document)"
        line, column = text.count("\n") + 1, len(text) - text.rfind("\n")
        detail = message.replace(" (at end of document)", "")
    params: dict[str, object] = {"detail": _redact(detail), "line": line, "column": column}
    return Problem(_M_TOML, Location(file, line), _FIX_TOML, params)


def _claimed(path: KeyPath, claimed: list[KeyPath]) -> bool:
    return any(path[: len(c)] == c for c in claimed)


def _tidy(problems: list[Problem]) -> list[Problem]:
    """Drop repeats and order by line, so the list reads top to bottom like the file."""
    unique: dict[tuple[object, ...], Problem] = {}
    for p in problems:
        unique.setdefault((p.location, p.message, p.fix, repr(sorted(p.params.items()))), p)
    return sorted(unique.values(), key=lambda p: (p.location.line or 0, p.location.key or ""))


# ---------------------------------------------------------------------------------------------
# From raw data and pydantic errors to Problems
# ---------------------------------------------------------------------------------------------


def _error_path(error: Mapping[str, Any]) -> KeyPath:
    path = tuple(error["loc"]) + tuple((error.get("ctx") or {}).get("at", ()))
    return path[:-1] if path and path[-1] == "[key]" else path


def dotted(path: KeyPath) -> str:
    """A key path as people read it: channels[2].network, hashtags.directions.open-mind."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            name = (
                part
                if re.fullmatch(r"[A-Za-z0-9_-]+", part)
                else json.dumps(part, ensure_ascii=False)
            )
            out += f".{name}" if out else name
    return out


def _walk(node: object, path: KeyPath) -> Iterator[tuple[KeyPath, object]]:
    """Every (key path, value) below `node`, keys of tables included."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*path, key), value
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield (*path, i), value
            yield from _walk(value, (*path, i))


def _toml_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    for kind, types in (("integer", int), ("float", float), ("string", str), ("array", list)):
        if isinstance(value, types):
            return kind
    return "table" if isinstance(value, dict) else "datetime"


def _choices(ctx: Mapping[str, Any]) -> list[str]:
    return re.findall(r"'([^']*)'", str(ctx.get("expected", "")))


def _fill(template: Text, values: Mapping[str, Text]) -> Text:
    """Put trilingual parameters into a template, language by language."""

    def one(lang: Lang) -> str:
        out = template.get(lang)
        for name, text in values.items():
            out = out.replace("{" + name + "}", text.get(lang))
        return out

    return Text(kk=one("kk"), ru=one("ru"), en=one("en"))


def _placeholders(text: Text | None) -> set[str]:
    if text is None:
        return set()
    return {
        name for lang in ("kk", "ru", "en") for name in re.findall(r"\{(\w+)\}", text.get(lang))
    }


def _model_at(path: KeyPath) -> type[BaseModel] | None:
    """The schema model for the table at `path` (array indices skipped), or None if it has none."""
    model: type[BaseModel] = Config
    for part in path:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        found = _model_in(field.annotation) if field else None
        if found is None:
            return None
        model = found
    return model


def _model_in(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((m for m in map(_model_in, get_args(annotation)) if m is not None), None)


@dataclass
class _Reporter:
    """Builds Problems for one file: knows the file name and where each key is written."""

    file: str
    index: TomlIndex

    def problem(self, path: KeyPath, message: Text, fix: Text | None, **params: object) -> Problem:
        for text in (message, fix):  # a missing parameter must not crash the report of a problem
            for name in _placeholders(text):
                params.setdefault(name, "…")
        localized = {k: v for k, v in params.items() if isinstance(v, Text)}
        plain = {k: _redact(v) if isinstance(v, str) else v for k, v in params.items()}
        plain = {k: v for k, v in plain.items() if k not in localized}
        shown = tuple("***" if isinstance(p, str) and _secret_kind(p) else p for p in path)
        return Problem(
            _fill(message, localized),
            Location(self.file, self.index.line_of(path), dotted(shown) or None),
            _fill(fix, localized) if fix is not None else None,
            plain,
        )

    def raw_checks(self, data: dict[str, Any]) -> tuple[list[Problem], list[KeyPath]]:
        """Checks on the parsed TOML before the schema: inline secrets and duplicate channel ids.

        Returns the problems and the key paths they claim; schema errors at or below a claimed path
        are not reported again.
        """
        problems: list[Problem] = []
        claimed: list[KeyPath] = []
        for path, value in _walk(data, ()):
            if _claimed(path, claimed):
                continue
            key = path[-1]
            in_channel = path[0] == "channels" and len(path) > 2
            fix = _FIX_SECRET if in_channel else _FIX_SECRET_ELSEWHERE
            env = self._env_hint(data, path)
            if isinstance(key, str) and (kind := _secret_kind(key)):
                kind_text = _SECRET_KINDS[kind]
                problems.append(self.problem(path, _M_SECRET_AS_KEY, fix, kind=kind_text, env=env))
                claimed.append(path)
            elif isinstance(key, str) and _is_secret_key(key, value):
                problems.append(self.problem(path, _M_SECRET_KEY, fix, name=key, env=env))
                claimed.append(path)
            elif isinstance(value, str) and (kind := _secret_kind(value)):
                kind_text = _SECRET_KINDS[kind]
                problems.append(self.problem(path, _M_SECRET_VALUE, fix, kind=kind_text, env=env))
                claimed.append(path)
        problems += self._duplicate_channels(data.get("channels"))
        return problems, claimed

    @staticmethod
    def _env_hint(data: dict[str, Any], path: KeyPath) -> str:
        """A variable name to suggest: the channel's conventional one, else one made from the key."""
        channels = data.get("channels")
        if path[0] == "channels" and len(path) > 2 and isinstance(channels, list):
            channel = channels[path[1]] if isinstance(path[1], int) else None
            return env_name_for(channel.get("id") if isinstance(channel, dict) else None)
        names = [p for p in path if isinstance(p, str) and not _secret_kind(p)]
        stem = re.sub(r"[^A-Z0-9]+", "_", names[-1].upper()).strip("_") if names else ""
        return f"ARNA_{stem}" if stem else "ARNA_SECRET"

    def _duplicate_channels(self, channels: object) -> list[Problem]:
        if not isinstance(channels, list):
            return []
        first: dict[str, int] = {}
        out = []
        for i, channel in enumerate(channels):
            cid = channel.get("id") if isinstance(channel, dict) else None
            if not isinstance(cid, str):
                continue
            if cid in first:
                line = self.index.line_of(("channels", first[cid], "id")) or "?"
                spec = _CUSTOM["arna_duplicate_channel"]
                out.append(
                    self.problem(("channels", i, "id"), *spec, value=_show(cid), first_line=line)
                )
            else:
                first[cid] = i
        return out

    def from_pydantic(self, error: Mapping[str, Any], path: KeyPath) -> Problem | None:
        kind = error["type"]
        ctx = dict(error.get("ctx") or {})
        ctx.pop("at", None)
        if kind in _EXPECTED_BY_ERROR:
            return self._wrong_type(path, _EXPECTED_BY_ERROR[kind], error.get("input"))
        if kind == "missing":
            return self._missing(path)
        if kind == "extra_forbidden" or error["loc"][-1:] == ("[key]",):
            allowed = _choices(ctx) if kind == "literal_error" else self._allowed_keys(path[:-1])
            return self._unknown(path, allowed)
        if kind in ("literal_error", "enum"):
            return self._choice(path, error.get("input"), _choices(ctx))
        if kind == "too_short":  # also raised when every item failed: those are reported already
            return None if error.get("input") else self.problem(path, _M_EMPTY, _FIX_EMPTY)
        if kind in _CUSTOM:
            message, fix = _CUSTOM[kind]
            return self.problem(path, message, fix, **ctx)
        return self.problem(path, _M_INVALID, _FIX_INVALID, detail=str(error.get("msg", kind)))

    @staticmethod
    def _allowed_keys(table: KeyPath) -> list[str]:
        model = _model_at(table)
        if model is None:
            return []
        return [f.alias or name for name, f in model.model_fields.items()]

    def _unknown(self, path: KeyPath, allowed: list[str]) -> Problem:
        name = str(path[-1])
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        choices = ", ".join(allowed)
        if close:
            fix = _FIX_UNKNOWN_KEY_SUGGEST
            return self.problem(
                path, _M_UNKNOWN_KEY, fix, name=name, suggestion=close[0], choices=choices
            )
        return self.problem(path, _M_UNKNOWN_KEY, _FIX_UNKNOWN_KEY, name=name, choices=choices)

    def _choice(self, path: KeyPath, value: object, choices: list[str]) -> Problem:
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
        params: dict[str, object] = {"value": _show(value), "choices": ", ".join(choices)}
        if close:
            return self.problem(path, _M_CHOICE, _FIX_CHOICE_SUGGEST, suggestion=close[0], **params)
        return self.problem(path, _M_CHOICE, _FIX_CHOICE, **params)

    def _wrong_type(self, path: KeyPath, expected: str, value: object) -> Problem:
        got = _toml_type(value)
        names = [p for p in path if isinstance(p, str)]
        name = dotted(tuple(names)[-1:]) or "value"
        types = {"expected": _TOML_TYPES[expected][0], "got": _TOML_TYPES[got][1]}
        if expected == "array" and got == "table":  # [channels] written for [[channels]]
            return self.problem(path, _M_TYPE, _FIX_ARRAY_OF_TABLES, name=dotted(path), **types)
        example = _TOML_TYPES[expected][2].replace("{name}", name)
        return self.problem(path, _M_TYPE, _FIX_TYPE, example=example, **types)

    def _missing(self, path: KeyPath) -> Problem:
        name = str(path[-1])
        field = (_model_at(path[:-1]) or Config).model_fields.get(name)
        if field is not None and _model_in(field.annotation) is not None:
            is_array = get_origin(field.annotation) is tuple
            header = f"[[{dotted(path)}]]" if is_array else f"[{dotted(path)}]"
            return self.problem(path, _M_MISSING_TABLE, _FIX_MISSING_TABLE, header=header)
        table = dotted(path[:-1]) or CONFIG_NAME
        return self.problem(path, _M_MISSING, _FIX_MISSING, name=name, table=table)
