"""What the `arna` command says, in Kazakh, Russian and English."""

from __future__ import annotations

from posts.i18n import Text

INIT_DONE = Text(
    kk="{dir} жұмыс қалтасы дайын: config.toml, {drafts} жоба-файл, медиа және outbox.",
    ru="Рабочая папка {dir} готова: config.toml, {drafts} черновиков, медиа и outbox.",
    en="Workspace {dir} is ready: config.toml, {drafts} drafts, media and the outbox.",
)
INIT_NEXT = Text(
    kk="Келесі қадам: cd {dir} && arna queue add drafts/ && arna queue list",
    ru="Дальше: cd {dir} && arna queue add drafts/ && arna queue list",
    en="Next: cd {dir} && arna queue add drafts/ && arna queue list",
)
DRAFT_OK = Text(kk="дұрыс", ru="в порядке", en="ok")
DRAFTS_CHECKED = Text(
    kk="{n} жоба-файл тексерілді, қате жоқ.",
    ru="Проверено черновиков: {n}, ошибок нет.",
    en="{n} drafts checked, no problems.",
)
PROBLEMS_FOUND = Text(
    kk="{n} мәселе табылды; ештеңе жазылған жоқ.",
    ru="Найдено проблем: {n}; ничего не записано.",
    en="{n} problems found; nothing was written.",
)
QUEUED = Text(
    kk="{n} жарияланым кезекке қойылды және редакторға тексеруге жіберілді.",
    ru="В очередь поставлено публикаций: {n}, они отправлены редактору на проверку.",
    en="{n} posts queued and sent to the editors for review.",
)
NOTHING_TO_DO = Text(
    kk="Жоба-файл табылмады: {paths}",
    ru="Черновики не найдены: {paths}",
    en="No drafts found in: {paths}",
)
NOTHING_TO_DO_FIX = Text(
    kk="*.md немесе *.txt жоба-файлдары бар қалтаны не файлды көрсетіңіз.",
    ru="Укажите файл или папку с черновиками *.md или *.txt.",
    en="Name a draft file, or a folder with *.md or *.txt drafts.",
)
CANCELLED = Text(
    kk="#{id} жарияланым тоқтатылды.",
    ru="Публикация #{id} отменена.",
    en="Post #{id} is cancelled.",
)
WAIVED = Text(
    kk="#{id} жарияланымдағы {code} ережесіне рұқсат жазылды (мазмұн өзгерсе, күшін жояды).",
    ru="Исключение из {code} для публикации #{id} записано (при изменении содержания теряет силу).",
    en="Waiver of {code} on post #{id} recorded (any change of the content voids it).",
)
EMPTY_LIST = Text(
    kk="Бұл сүзгіге сай жарияланым жоқ.",
    ru="Публикаций по этому фильтру нет.",
    en="No posts match.",
)
BAD_WEEK = Text(
    kk="«{value}» — апта емес.",
    ru="«{value}» — это не неделя.",
    en="'{value}' is not a week.",
)
BAD_WEEK_FIX = Text(
    kk="ISO аптасын жазыңыз, мысалы 2026-W48.",
    ru="Укажите неделю ISO, например 2026-W48.",
    en="Write an ISO week, such as 2026-W48.",
)
DB_AT = Text(
    kk="Дерекқор сұлбасы: {current} (соңғысы {head}).",
    ru="Схема базы данных: {current} (последняя {head}).",
    en="Database schema: {current} (latest {head}).",
)
DB_UPGRADED = Text(
    kk="Дерекқор жаңартылды: {head}.",
    ru="База данных обновлена до {head}.",
    en="Database upgraded to {head}.",
)
UNEXPECTED = Text(
    kk="Күтпеген қате: {error}. Бұл — Arna қатесі; хабарлаңыз.",
    ru="Непредвиденная ошибка: {error}. Это ошибка Arna; сообщите о ней.",
    en="Unexpected error: {error}. This is a bug in Arna; please report it.",
)

# Column headings and labels of `queue list` and `queue show`.
H_ID = Text(kk="№", ru="№", en="id")
H_STATUS = Text(kk="күйі", ru="статус", en="status")
H_NETWORK = Text(kk="желі", ru="сеть", en="network")
H_CHANNEL = Text(kk="арна", ru="канал", en="channel")
H_WHEN = Text(kk="уақыты", ru="время", en="when")
H_STORY = Text(kk="оқиға", ru="сюжет", en="story")
H_TEXT = Text(kk="мәтін", ru="текст", en="text")
H_KIND = Text(kk="түрі", ru="вид", en="kind")
H_LANGUAGE = Text(kk="тілі", ru="язык", en="language")
H_AUTHOR = Text(kk="авторы", ru="автор", en="author")
H_MEDIA = Text(kk="медиа", ru="медиа", en="media")
H_HISTORY = Text(kk="тарихы", ru="история", en="history")
H_SOURCE = Text(kk="файл", ru="файл", en="file")
H_HASH = Text(kk="мазмұн хэші", ru="хэш содержания", en="content hash")
NOT_SET = Text(kk="белгіленбеген", ru="не задано", en="not set")
