"""The messages of `posts.config`: every problem it reports, in Kazakh, Russian and English.

Placeholders are filled from Problem.params; a few (type names, secret kinds) are themselves trilingual
and are filled in per language before the Problem is built. `_CUSTOM` gives each "arna_*" error type
its message and fix; `posts.config_checks` and the schema in `posts.config` raise them.
"""

from __future__ import annotations

from posts.i18n import Text
from posts.vocab import Network

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
