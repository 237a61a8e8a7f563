"""S: the weekly plan (S501–S506). Each rule looks at one channel's week (`linters.week`).

Decisions an editor may want to know:

- A week is the ISO week, Monday 00:00 to Monday 00:00 in the office's time zone. Its posts are the
  channel's posts scheduled in it, whatever their status, except cancelled and failed ones (those
  never went out and never will). Findings are reported on the posts being linted; a post that
  already went out is counted, but not reported on.
- S501 puts its finding on every post of the week: each of them is one of the uniform kind, and
  changing any one breaks the uniformity. An album counts as photos (`album_is_photo`).
- S502 counts the channel's posts linked to the event (`event = "KEY"`) and scheduled from its
  start to `window_hours` later, and flags every post beyond `max_posts`. Only events of a
  large `scale` (republican, international) count.
- S503 judges posts linked to an event: of kind `announcement`, or whose text invites
  (`invitation_cues`: «приглашаем», «приходите», «шақырамыз», «келіңіздер»…).
- S504 is reported once per plan item, at `arna:plan/<key>`: for the events that start in a
  linted week, or that one of its posts names.
- S505: a post is on a slot when it is at one of the week's slot instants (within
  `tolerance_minutes`). A slot is a wall-clock time in the office's zone; on the day a zone moves
  its clocks, the scheduler's instant counts (`scheduler.slots`: a slot in the skipped hour moves
  forward by the jump, a slot in the repeated hour is its first occurrence). A channel with no
  slots is only checked for quiet hours. The quiet hours are `[schedule] quiet_hours`, unless the
  rule's `quiet_hours` is set.
- S506 runs only when the office's languages include both state-language pair languages (`kk`
  and `ru`). A post in one of them needs a variant of its story in the other, on any channel of
  the office, scheduled within `window_hours` before or after it. A post that does not declare
  its language is detected (as K201 does); when the detection is unsure, the post is not judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pydantic import Field, field_validator

from linters.findings import Severity
from linters.rule import RuleDoc, RuleSettings, StrList, WeekExample, WeekRule
from linters.week import AROUND, LARGE_SCALES, ChannelWeek, WeekEvent, WeekFinding, WeekPost
from posts.i18n import Text
from posts.vocab import Scale

if TYPE_CHECKING:
    from linters.context import LintContext

# --- the guide's words ------------------------------------------------------------------------

SECTION_RULE = (
    "«Әлеуметтік желілерде жарияланымдарды орналастыру бойынша ұсынымдар» / «Рекомендации по "
    "размещению публикаций в социальных сетях»: «Әлеуметтік желілерде жариялау үшін маңызды "
    "қағида» / «Важное правило для публикации в социальных сетях»"
)
SECTION_TELEGRAM = (
    "«Әлеуметтік желілерде жарияланымдарды орналастыру бойынша ұсынымдар» / «Рекомендации по "
    "размещению публикаций в социальных сетях», Telegram/WhatsApp"
)
SECTION_IDENTITY = (
    "«V. Ұлттық бірегейлікті сақтау» / «V. Сохранение национальной идентичности»: "
    "«Ұзақмерзімді нәтижелердің индикаторлары» / «Индикаторы долгосрочных результатов»"
)
PLAN_KK = (
    "«…мерзімдерін, репостармен және пікірлерімен қолдау көрсете алатын мүдделі әріптестерді "
    "көрсете отырып, жарияланым жоспары.»"
)
PLAN_RU = (
    "«План публикаций с указанием сроков, заинтересованных партнеров, которые могут оказать "
    "поддержку репостами или комментариями.»"
)
MIX_KK = (
    "«Орташа бір аптада әртүрлі мазмұндағы бірнеше: ақпараттық мазмұндағы посттар, "
    "фотографиялар, бейне, аңдатпа материалдары, сауалнамалар, тестілер және басқаларды салуға "
    "болады.»"
)
MIX_RU = (
    "«В среднем в неделю можно выкладывать по несколько публикаций разного содержания: посты "
    "информационного содержания, фотографии, видео, анонсовые материалы, опросы, тесты и др.»"
)
PAUSE_KK = (
    "«…үлкен ауқымды іс-шараларды өткізген кезде жобаны қолдау үшін позитивті жарияланымдарды "
    "жиі салып керегі жоқ, үзіліс жасаған дұрыс»"
)
PAUSE_RU = (
    "«При проведении масштабных мероприятий не рекомендуется часто размещать позитивные "
    "публикации в поддержку проекта, следует выдержать паузу»"
)
TELEGRAM_KK = (
    "«Осы ресурстарды көбіне күнделікті мәселелерді шешуге аңдатпаларды, іс-шараларға шақыртуды "
    "таратуға, қоғам өміріндегі маңызды фактілер туралы дереу хабардар ету үшін пайдалануға "
    "болады.»"
)
TELEGRAM_RU = (
    "«Данные ресурсы можно использовать чаще всего для решения вопросов, распространения "
    "анонсов, приглашения на мероприятия, моментального оповещения о значимых событиях в жизни "
    "общества.»"
)
IDENTITY_KK = "«мемлекеттік тілді меңгеру деңгейі»"
IDENTITY_RU = "«уровень владения государственным языком»"

KIND_NAMES: dict[str, Text] = {
    "text": Text(kk="мәтін", ru="текст", en="text"),
    "photo": Text(kk="фото", ru="фото", en="photo"),
    "album": Text(kk="альбом", ru="альбом", en="album"),
    "video": Text(kk="бейне", ru="видео", en="video"),
    "infographic": Text(kk="инфографика", ru="инфографика", en="infographic"),
    "poll": Text(kk="сауалнама", ru="опрос", en="poll"),
    "announcement": Text(kk="анонс", ru="анонс", en="announcement"),
    "document": Text(kk="құжат", ru="документ", en="document"),
}
LANGUAGE_NAMES: dict[str, Text] = {
    "kk": Text(kk="қазақша", ru="казахском", en="Kazakh"),
    "ru": Text(kk="орысша", ru="русском", en="Russian"),
    "en": Text(kk="ағылшынша", ru="английском", en="English"),
}


def kind_name(kind: str) -> Text:
    return KIND_NAMES.get(kind, Text(kk=kind, ru=kind, en=kind))


def language_name(lang: str) -> Text:
    return LANGUAGE_NAMES.get(lang, Text(kk=lang, ru=lang, en=lang))


def _when(week: ChannelWeek, moment: datetime) -> str:
    return week.local(moment).strftime("%Y-%m-%d %H:%M")


def _hours(delta: timedelta) -> float:
    return round(delta.total_seconds() / 3600, 1)


def _ids(posts: Iterable[WeekPost]) -> list[int | None]:
    return [p.post_id for p in posts]


# --- examples: week 2026-W48 of an office in Asia/Almaty (UTC+5 all year) ---------------------

ALMATY = "Asia/Almaty"
EXAMPLE_WEEK = "2026-W48"
MONDAY = date(2026, 11, 23)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TG_SLOTS = ("mon 10:00", "tue 12:30", "wed 18:30", "thu 10:00", "fri 12:30", "sat 11:00")


def at(day: str, hhmm: str) -> datetime:
    """An instant of the example week: `at("fri", "12:30")`. Almaty keeps one offset, so a local
    time is one instant, as `scheduler.slots` would compute it."""
    local = datetime.combine(MONDAY + timedelta(days=DAYS.index(day)), time.fromisoformat(hhmm))
    return local.replace(tzinfo=ZoneInfo(ALMATY)).astimezone(UTC)


def _post(
    post_id: int,
    kind: str,
    when: str,
    text: str,
    *,
    language: str = "kk",
    story: str | None = None,
    event: str | None = None,
    status: str = "in_review",
    channel: str = "tg-main",
) -> WeekPost:
    day, hhmm = when.split()
    return WeekPost(
        post_id=post_id,
        kind=kind,
        scheduled_at=at(day, hhmm),
        language=language,
        story=story or f"story-{post_id}",
        event=event,
        status=status,
        text=text,
        channel=channel,
        network="instagram" if channel.startswith("ig") else "telegram",
    )


def _week(
    *posts: WeekPost,
    events: tuple[WeekEvent, ...] = (),
    around: tuple[WeekPost, ...] = (),
    slots: tuple[str, ...] = TG_SLOTS,
    languages: tuple[str, ...] = ("kk", "ru"),
) -> ChannelWeek:
    return ChannelWeek(
        channel="tg-main",
        network="telegram",
        timezone=ALMATY,
        week=EXAMPLE_WEEK,
        slots=tuple(sorted(at(*s.split()) for s in slots)),
        languages=languages,
        posts=posts,
        events=events,
        around=around,
    )


FORUM = WeekEvent(
    key="2026-11-26-jastar-forumy",
    title="Республикалық жастар форумы",
    starts_at=at("thu", "10:00"),
    scale="republican",
    partners=("@jastar_kz",),
    deadline=at("mon", "18:00"),
)
FEST = WeekEvent(
    key="2026-11-28-kitap-fest",
    title="Кітап фест",
    starts_at=at("sat", "11:00"),
    scale="regional",
    partners=("@turkistan_kitaphana", "@ontustik_kz"),
    deadline=at("wed", "18:00"),
)


# --- S501 -----------------------------------------------------------------------------------------


class UniformMixSettings(RuleSettings):
    min_posts: int = Field(default=3, ge=2, le=100)
    """A week with fewer posts is not judged."""
    album_is_photo: bool = True
    """An album is photos: a week of photos and albums is one kind."""


class UniformContentMix(WeekRule):
    code = "S501"
    name = "uniform-content-mix"
    severity = Severity.WARNING
    Settings = UniformMixSettings
    doc = RuleDoc(
        what=Text(
            kk="Арнаның аптасында 3 немесе одан көп жарияланым бар, және бәрі бір түрде (мәтін, "
            "фото, бейне, инфографика, сауалнама, анонс…).",
            ru="В неделе канала 3 публикации или больше, и все они одного вида (текст, фото, "
            "видео, инфографика, опрос, анонс…).",
            en="A channel's week has 3 or more posts, and all of them are of one kind (text, "
            "photo, video, infographic, poll, announcement…).",
        ),
        why=Text(
            kk="Нұсқаулық аптасына әртүрлі мазмұндағы бірнеше жарияланым салуды ұсынады: посттар, "
            "фотографиялар, бейне, анонстар, сауалнамалар, тестілер.",
            ru="Методичка советует выкладывать в неделю несколько публикаций разного содержания: "
            "посты, фотографии, видео, анонсы, опросы, тесты.",
            en="The guide asks for several posts a week of different content: posts, photos, "
            "videos, announcements, polls, quizzes.",
        ),
        section=SECTION_RULE,
        quote_kk=MIX_KK,
        quote_ru=MIX_RU,
        instead=Text(
            kk="Аптаның бір-екі жарияланымын басқа түрде беріңіз: фотоның орнына қысқа бейне, "
            "мәтіннің орнына сауалнама немесе инфографика.",
            ru="Сделайте одну-две публикации недели в другом виде: короткое видео вместо фото, "
            "опрос или инфографику вместо текста.",
            en="Make one or two of the week's posts another kind: a short video instead of a "
            "photo, a poll or an infographic instead of text.",
        ),
    )
    message = Text(
        kk="{channel} арнасының {week} аптасындағы {n} жарияланымның бәрі бір түрде: {kind}. "
        "Апта мазмұнын әртараптандырыңыз.",
        ru="Все {n} публикаций недели {week} в канале {channel} одного вида: {kind}. "
        "Разнообразьте содержание недели.",
        en="All {n} posts of week {week} on {channel} are of one kind: {kind}. Vary the week's "
        "content.",
    )
    must_flag = (
        WeekExample(
            "three photo posts in one week, nothing else",
            language="kk",
            week=_week(
                _post(1, "photo", "mon 10:00", "Кітап фестиваліне дайындық басталды."),
                _post(2, "photo", "wed 18:30", "Жас ақындар сахнада өлең оқыды."),
                _post(3, "photo", "fri 12:30", "Саябақтағы кітап сөрелері."),
            ),
        ),
        WeekExample(
            "four text posts; the cancelled poll does not count",
            language="ru",
            week=_week(
                _post(1, "text", "mon 10:00", "Как появилось название вашего села?", language="ru"),
                _post(2, "text", "tue 12:30", "Легенда о роднике «Ата бұлақ».", language="ru"),
                _post(
                    3,
                    "poll",
                    "wed 18:30",
                    "Какую легенду рассказать?",
                    language="ru",
                    status="cancelled",
                ),
                _post(4, "text", "thu 10:00", "Краеведы собрали двадцать историй.", language="ru"),
                _post(5, "text", "fri 12:30", "Второй выпуск книги легенд.", language="ru"),
            ),
        ),
        WeekExample(
            "an album and two photos: all photos",
            language="kk",
            week=_week(
                _post(1, "album", "mon 10:00", "Фестивальден суреттер."),
                _post(2, "photo", "thu 10:00", "Кітап алмасу сөресі."),
                _post(3, "photo", "sat 11:00", "Балалар бұрышы."),
            ),
        ),
    )
    must_pass = (
        WeekExample(
            "a photo, a video and a poll",
            language="kk",
            week=_week(
                _post(1, "photo", "mon 10:00", "Кітап фестиваліне дайындық басталды."),
                _post(2, "video", "wed 18:30", "12 секундта латын әліпбиі."),
                _post(3, "poll", "fri 12:30", "Қай кітапты оқыдыңыз?"),
            ),
        ),
        WeekExample(
            "two text posts: too few to judge",
            language="ru",
            week=_week(
                _post(1, "text", "mon 10:00", "Как появилось название вашего села?", language="ru"),
                _post(2, "text", "thu 10:00", "Краеведы собрали двадцать историй.", language="ru"),
            ),
        ),
        WeekExample(
            "three photos, but one failed to go out: two count",
            language="ru",
            week=_week(
                _post(1, "photo", "mon 10:00", "Полки с книгами в парке.", language="ru"),
                _post(
                    2,
                    "photo",
                    "wed 18:30",
                    "Молодые поэты на сцене.",
                    language="ru",
                    status="failed",
                ),
                _post(3, "photo", "sat 11:00", "Уголок чтения для детей.", language="ru"),
            ),
        ),
    )

    def check_week(self, week: ChannelWeek, ctx: LintContext) -> Iterable[WeekFinding]:
        settings: UniformMixSettings = self.settings  # type: ignore[assignment]
        posts = week.counted_posts()
        if len(posts) < settings.min_posts:
            return
        kinds = {self._kind(p.kind) for p in posts}
        if len(kinds) != 1:
            return
        kind = kinds.pop()
        for post in posts:
            yield self.on_post(
                post,
                channel=week.channel,
                week=week.week,
                n=len(posts),
                kind=kind_name(kind),
                evidence={
                    "kind": kind,
                    "posts": _ids(posts),
                    "min_posts": settings.min_posts,
                    "week": week.week,
                },
            )

    def _kind(self, kind: str) -> str:
        settings: UniformMixSettings = self.settings  # type: ignore[assignment]
        return "photo" if settings.album_is_photo and kind == "album" else kind


# --- S502 -----------------------------------------------------------------------------------------


class PauseSettings(RuleSettings):
    max_posts: int = Field(default=2, ge=0, le=100)
    """At most this many posts about a large event within the window after its start."""
    window_hours: int = Field(default=24, ge=1, le=int(AROUND.total_seconds() // 3600))
    """The window after the event's start, in hours (at most a week)."""
    scales: StrList = LARGE_SCALES
    """The scales of plan events that count as large."""

    @field_validator("scales")
    @classmethod
    def _known_scales(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = sorted(set(value) - {s.value for s in Scale})
        if unknown:
            raise ValueError(f"unknown scale(s) {unknown}; use {[s.value for s in Scale]}")
        return value


class NoPauseAfterLargeEvent(WeekRule):
    code = "S502"
    name = "no-pause-after-large-event"
    severity = Severity.WARNING
    Settings = PauseSettings
    doc = RuleDoc(
        what=Text(
            kk="Ауқымды іс-шара (жоспарда scale = republican не international) басталғаннан "
            "кейінгі 24 сағатта бір арнада ол туралы 2-ден көп жарияланым.",
            ru="Больше 2 публикаций об одном масштабном мероприятии (в плане scale = republican "
            "или international) в одном канале за 24 часа после его начала.",
            en="More than 2 posts about one large-scale event (plan scale republican or "
            "international) on one channel within 24 h after its start.",
        ),
        why=Text(
            kk="Нұсқаулық ауқымды іс-шара кезінде жобаны қолдайтын позитивті жарияланымдарды жиі "
            "салмай, үзіліс жасауды сұрайды: оқырман бір тақырыптан шаршайды.",
            ru="Методичка просит при масштабных мероприятиях не размещать часто позитивные "
            "публикации в поддержку проекта и выдержать паузу: читатель устаёт от одной темы.",
            en="The guide asks not to post supportive posts often around a large event, but to "
            "keep a pause: readers tire of one subject.",
        ),
        section=SECTION_RULE,
        quote_kk=PAUSE_KK,
        quote_ru=PAUSE_RU,
        instead=Text(
            kk="Іс-шара туралы ең жақсы екі жарияланымды қалдырыңыз, қалғанын келесі күндерге "
            "жылжытыңыз немесе бір альбомға біріктіріңіз.",
            ru="Оставьте две лучшие публикации о мероприятии, остальные перенесите на следующие "
            "дни или соберите в один альбом.",
            en="Keep the two best posts about the event; move the others to later days, or "
            "gather them into one album.",
        ),
    )
    message = Text(
        kk="«{title}» ({scale}) басталғаннан кейінгі {window} сағатта {channel} арнасындағы бұл "
        "{position}-жарияланым (ең көбі {max}). Үзіліс жасаңыз.",
        ru="Это {position}-я публикация о «{title}» ({scale}) в канале {channel} за {window} ч "
        "после начала (не больше {max}). Выдержите паузу.",
        en="This is post {position} about «{title}» ({scale}) on {channel} within {window} h "
        "of its start (at most {max}). Keep a pause.",
    )
    must_flag = (
        WeekExample(
            "three posts on the day of a republican forum",
            language="kk",
            week=_week(
                _post(1, "photo", "thu 10:00", "Форум ашылды!", event=FORUM.key),
                _post(2, "video", "thu 15:00", "Форумнан қысқа бейне.", event=FORUM.key),
                _post(3, "photo", "thu 20:00", "Форумның бірінші күні аяқталды.", event=FORUM.key),
                events=(FORUM,),
            ),
        ),
        WeekExample(
            "four posts within a day of an international event",
            language="ru",
            week=_week(
                _post(
                    1,
                    "photo",
                    "sat 11:00",
                    "Открытие фестиваля.",
                    language="ru",
                    event="world-fest",
                ),
                _post(
                    2, "photo", "sat 14:00", "Гости фестиваля.", language="ru", event="world-fest"
                ),
                _post(
                    3,
                    "video",
                    "sat 17:00",
                    "Концерт на площади.",
                    language="ru",
                    event="world-fest",
                ),
                _post(
                    4, "text", "sun 09:00", "Итоги первого дня.", language="ru", event="world-fest"
                ),
                events=(
                    WeekEvent(
                        "world-fest", "Международный фестиваль", at("sat", "11:00"), "international"
                    ),
                ),
            ),
        ),
    )
    must_pass = (
        WeekExample(
            "four posts about a regional festival: not a large event",
            language="kk",
            week=_week(
                _post(1, "photo", "sat 11:00", "Фестиваль басталды.", event=FEST.key),
                _post(2, "photo", "sat 13:00", "Жас ақындар.", event=FEST.key),
                _post(3, "video", "sat 16:00", "Кітап алмасу.", event=FEST.key),
                _post(4, "text", "sat 19:00", "Рақмет!", event=FEST.key),
                events=(FEST,),
            ),
        ),
        WeekExample(
            "two posts on the forum's day, the third two days later",
            language="ru",
            week=_week(
                _post(1, "photo", "thu 10:00", "Форум открылся!", language="ru", event=FORUM.key),
                _post(2, "video", "thu 18:00", "Видео с форума.", language="ru", event=FORUM.key),
                _post(
                    3, "text", "sat 11:00", "Что решили на форуме.", language="ru", event=FORUM.key
                ),
                events=(FORUM,),
            ),
        ),
    )

    def check_week(self, week: ChannelWeek, ctx: LintContext) -> Iterable[WeekFinding]:
        settings: PauseSettings = self.settings  # type: ignore[assignment]
        window = timedelta(hours=settings.window_hours)
        reported = {p.post_id for p in week.posts}
        context = [p for p in week.around if p.channel in (None, week.channel)]
        for event in week.events:
            if event.scale not in settings.scales:
                continue
            about = sorted(
                (
                    p
                    for p in (*week.posts, *context)
                    if p.counted
                    and p.event == event.key
                    and event.starts_at <= p.scheduled_at < event.starts_at + window  # type: ignore[operator]
                ),
                key=lambda p: (p.scheduled_at, p.post_id or 0),
            )
            for position, post in enumerate(about, 1):
                if position <= settings.max_posts or post.post_id not in reported:
                    continue
                yield self.on_post(
                    post,
                    title=event.title,
                    scale=event.scale,
                    channel=week.channel,
                    window=settings.window_hours,
                    position=position,
                    max=settings.max_posts,
                    evidence={
                        "event": event.key,
                        "scale": event.scale,
                        "starts_at": _when(week, event.starts_at),
                        "window_hours": settings.window_hours,
                        "max_posts": settings.max_posts,
                        "posts": _ids(about),
                        "position": position,
                    },
                )


# --- S503 -----------------------------------------------------------------------------------------

INVITATION_CUES: tuple[str, ...] = (
    "приглашаем",
    "приглашаю",
    "приходите",
    "ждём вас",
    "ждем вас",
    "ждём всех",
    "ждем всех",
    "шақырамыз",
    "шақырады",
    "келіңіз",
    "күтеміз",
)


class LateAnnouncementSettings(RuleSettings):
    min_lead_hours: int = Field(default=24, ge=0, le=24 * 30)
    """An announcement must go out at least this many hours before the event starts."""
    kinds: StrList = ("announcement",)
    """Post kinds that are announcements."""
    invitation_cues: StrList = INVITATION_CUES
    """Words that make a post of another kind an invitation (matched at a word's start, any
    case)."""


LATE_AFTER_START = Text(
    kk="«{title}» анонсы іс-шара басталғаннан кейін жоспарланған ({when}; басталуы {starts}): "
    "анонсты кемінде {lead} сағат бұрын жариялаңыз.",
    ru="Анонс «{title}» запланирован после начала мероприятия ({when}; начало {starts}): "
    "публикуйте анонс не меньше чем за {lead} ч.",
    en="The announcement of «{title}» is scheduled after the event starts ({when}; it starts "
    "{starts}): publish it at least {lead} h ahead.",
)


class LateAnnouncement(WeekRule):
    code = "S503"
    name = "late-announcement"
    severity = Severity.WARNING
    Settings = LateAnnouncementSettings
    doc = RuleDoc(
        what=Text(
            kk="Іс-шараға байланған анонс немесе шақыру ол басталғаннан кейін немесе басталуына "
            "24 сағаттан аз қалғанда жоспарланған.",
            ru="Анонс или приглашение, связанное с мероприятием, запланировано после его начала "
            "или меньше чем за 24 часа до него.",
            en="An announcement or invitation linked to an event is scheduled after the event "
            "starts, or less than 24 h before it.",
        ),
        why=Text(
            kk="Нұсқаулық бойынша Telegram мен WhatsApp анонстар мен іс-шараларға шақыру тарату "
            "үшін керек: кеш келген шақыру ешкімді шақырмайды.",
            ru="По методичке Telegram и WhatsApp нужны для анонсов и приглашений на мероприятия: "
            "опоздавшее приглашение никого не приглашает.",
            en="The guide uses Telegram and WhatsApp for announcements and invitations to events: "
            "an invitation that comes late invites no one.",
        ),
        section=SECTION_TELEGRAM,
        quote_kk=TELEGRAM_KK,
        quote_ru=TELEGRAM_RU,
        instead=Text(
            kk="Анонсты іс-шарадан кемінде бір күн бұрын қойыңыз; іс-шара басталған соң "
            "шақырудың орнына сол жерден жанды фото не бейне беріңіз.",
            ru="Ставьте анонс хотя бы за сутки до мероприятия; после начала вместо приглашения "
            "дайте живое фото или видео с места.",
            en="Schedule the announcement at least a day before the event; once it has started, "
            "post a lively photo or video instead of an invitation.",
        ),
    )
    message = Text(
        kk="«{title}» анонсы іс-шара басталуына {hours} сағат қалғанда ғана шығады ({when}; "
        "басталуы {starts}): кемінде {lead} сағат бұрын жариялаңыз.",
        ru="Анонс «{title}» выйдет всего за {hours} ч до начала ({when}; начало {starts}): "
        "публикуйте не меньше чем за {lead} ч.",
        en="The announcement of «{title}» goes out only {hours} h before it starts ({when}; "
        "starts {starts}): publish at least {lead} h ahead.",
    )
    must_flag = (
        WeekExample(
            "an announcement 22.5 hours before the festival",
            language="kk",
            week=_week(
                _post(
                    1,
                    "announcement",
                    "fri 12:30",
                    "Ертең орталық саябақта «Кітап фест» өтеді!",
                    event=FEST.key,
                ),
                events=(FEST,),
            ),
        ),
        WeekExample(
            "a photo that invites people, three hours after the start",
            language="ru",
            week=_week(
                _post(
                    1,
                    "photo",
                    "sat 14:00",
                    "Приходите в парк: «Кітап фест» в самом разгаре!",
                    language="ru",
                    event=FEST.key,
                ),
                events=(FEST,),
            ),
        ),
        WeekExample(
            "an announcement after the forum has started",
            language="kk",
            week=_week(
                _post(1, "announcement", "thu 12:00", "Форумға келіңіздер!", event=FORUM.key),
                events=(FORUM,),
            ),
        ),
    )
    must_pass = (
        WeekExample(
            "an announcement three days before",
            language="kk",
            week=_week(
                _post(
                    1,
                    "announcement",
                    "wed 10:00",
                    "Сенбіде орталық саябақта «Кітап фест» өтеді! Келіңіздер!",
                    event=FEST.key,
                ),
                events=(FEST,),
            ),
        ),
        WeekExample(
            "a photo report after the start, with no invitation",
            language="ru",
            week=_week(
                _post(
                    1,
                    "photo",
                    "sat 14:00",
                    "Вот как проходит «Кітап фест»: полки с книгами прямо под открытым небом.",
                    language="ru",
                    event=FEST.key,
                ),
                events=(FEST,),
            ),
        ),
        WeekExample(
            "an announcement with no event linked: nothing to compare",
            language="ru",
            week=_week(_post(1, "announcement", "sat 11:00", "Приходите!", language="ru")),
        ),
    )

    def check_week(self, week: ChannelWeek, ctx: LintContext) -> Iterable[WeekFinding]:
        settings: LateAnnouncementSettings = self.settings  # type: ignore[assignment]
        lead = timedelta(hours=settings.min_lead_hours)
        for post in week.counted_posts():
            event = week.event(post.event)
            if event is None or post.scheduled_at is None:
                continue
            cue = None if post.kind in settings.kinds else _cue(post.text, settings)
            if post.kind not in settings.kinds and cue is None:
                continue
            before = event.starts_at - post.scheduled_at
            if before >= lead:
                continue
            late = before <= timedelta(0)
            yield self.on_post(
                post,
                message=LATE_AFTER_START if late else None,
                title=event.title,
                when=_when(week, post.scheduled_at),
                starts=_when(week, event.starts_at),
                hours=_hours(before),
                lead=settings.min_lead_hours,
                evidence={
                    "event": event.key,
                    "starts_at": _when(week, event.starts_at),
                    "scheduled_at": _when(week, post.scheduled_at),
                    "hours_before": _hours(before),
                    "min_lead_hours": settings.min_lead_hours,
                    "as": "invitation" if cue else "announcement",
                    "cue": cue,
                },
            )


def _cue(text: str, settings: LateAnnouncementSettings) -> str | None:
    folded = text.casefold()
    for cue in settings.invitation_cues:
        if re.search(r"(?<!\w)" + re.escape(cue.casefold()), folded):
            return cue
    return None


# --- S504 -----------------------------------------------------------------------------------------


class PlanItemSettings(RuleSettings):
    require_deadline: bool = True
    """A plan item needs a deadline."""
    min_partners: int = Field(default=1, ge=0, le=100)
    """A plan item needs at least this many partners who will repost or comment."""


MISSING = {
    "deadline": Text(kk="мерзімі", ru="срок", en="deadline"),
    "partners": Text(kk="серіктестері", ru="партнёры", en="partners"),
}
AND = Text(kk=" мен ", ru=" и ", en=" and ")


class PlanItemIncomplete(WeekRule):
    code = "S504"
    name = "plan-item-incomplete"
    severity = Severity.INFO
    Settings = PlanItemSettings
    doc = RuleDoc(
        what=Text(
            kk="Жоспар тармағында мерзімі жоқ, немесе репост не пікірмен қолдайтын серіктестері "
            "көрсетілмеген.",
            ru="У пункта плана нет срока, или не указаны партнёры, которые поддержат его "
            "репостами или комментариями.",
            en="A plan item has no deadline, or no partners who will support it with reposts or "
            "comments.",
        ),
        why=Text(
            kk="Нұсқаулық жарияланым жоспарында мерзімдер мен қолдау көрсететін мүдделі "
            "әріптестерді көрсетуді талап етеді.",
            ru="Методичка требует в плане публикаций указывать сроки и заинтересованных "
            "партнёров, которые поддержат публикацию.",
            en="The guide wants the publication plan to name deadlines and the partners who will "
            "support the posts.",
        ),
        section=SECTION_RULE,
        quote_kk=PLAN_KK,
        quote_ru=PLAN_RU,
        instead=Text(
            kk="Жоспарға мерзім мен серіктестерді қосыңыз: `arna plan event add KEY … --deadline "
            "2026-11-25 --partner @ontustik_kz`, немесе импорт файлын толықтырыңыз.",
            ru="Добавьте в план срок и партнёров: `arna plan event add KEY … --deadline "
            "2026-11-25 --partner @ontustik_kz`, или дополните файл импорта.",
            en="Add a deadline and partners to the plan: `arna plan event add KEY … --deadline "
            "2026-11-25 --partner @ontustik_kz`, or complete the import file.",
        ),
    )
    message = Text(
        kk="«{title}» ({key}) жоспар тармағында {missing} жоқ.",
        ru="В пункте плана «{title}» ({key}) не указаны: {missing}.",
        en="The plan item «{title}» ({key}) lacks: {missing}.",
    )
    must_flag = (
        WeekExample(
            "an event without a deadline",
            language="kk",
            week=_week(
                _post(1, "announcement", "wed 18:30", "Сенбіде кітап фест!", event="fest-x"),
                events=(
                    WeekEvent("fest-x", "Кітап фест", at("sat", "11:00"), "regional", ("@kitap",)),
                ),
            ),
        ),
        WeekExample(
            "an event with a deadline but no partners",
            language="ru",
            week=_week(
                _post(1, "photo", "thu 10:00", "Форум открылся!", language="ru", event="forum-x"),
                events=(
                    WeekEvent(
                        "forum-x",
                        "Форум",
                        at("thu", "10:00"),
                        "republican",
                        deadline=at("mon", "18:00"),
                    ),
                ),
            ),
        ),
    )
    must_pass = (
        WeekExample(
            "the festival has a deadline and two partners",
            language="kk",
            week=_week(
                _post(1, "announcement", "wed 18:30", "Сенбіде кітап фест!", event=FEST.key),
                events=(FEST,),
            ),
        ),
        WeekExample(
            "the forum has a deadline and a partner",
            language="ru",
            week=_week(
                _post(1, "photo", "thu 10:00", "Форум открылся!", language="ru", event=FORUM.key),
                events=(FORUM,),
            ),
        ),
    )

    def check_week(self, week: ChannelWeek, ctx: LintContext) -> Iterable[WeekFinding]:
        settings: PlanItemSettings = self.settings  # type: ignore[assignment]
        for event in week.events:
            missing = []
            if settings.require_deadline and event.deadline is None:
                missing.append("deadline")
            partners = [p for p in event.partners if p.strip()]
            if len(partners) < settings.min_partners:
                missing.append("partners")
            if not missing:
                continue
            yield self.on_plan(
                event,
                title=event.title,
                key=event.key,
                missing=_joined([MISSING[m] for m in missing]),
                evidence={
                    "event": event.key,
                    "missing": missing,
                    "deadline": _when(week, event.deadline) if event.deadline else None,
                    "partners": partners,
                    "min_partners": settings.min_partners,
                },
            )


def _joined(parts: list[Text]) -> Text:
    def one(lang: str) -> str:
        return getattr(AND, lang).join(getattr(p, lang) for p in parts)

    return Text(kk=one("kk"), ru=one("ru"), en=one("en"))


# --- S505 -----------------------------------------------------------------------------------------

_HHMM = r"(?:[01]\d|2[0-3]):[0-5]\d"
_QUIET_RE = re.compile(rf"({_HHMM})-({_HHMM})")


class OffSlotSettings(RuleSettings):
    quiet_hours: str | None = Field(
        default=None, description='default: [schedule] quiet_hours, "22:00-08:00"'
    )
    """Local hours with no posts, "22:00-08:00" (may wrap midnight); unset: `[schedule]`'s."""
    tolerance_minutes: int = Field(default=0, ge=0, le=120)
    """A post this close to a slot instant is on the slot."""

    @field_validator("quiet_hours")
    @classmethod
    def _hours(cls, value: str | None) -> str | None:
        if value is not None and not _QUIET_RE.fullmatch(value):
            raise ValueError('write the hours as "HH:MM-HH:MM", such as "22:00-08:00"')
        return value

    def quiet(self) -> tuple[time, time] | None:
        if self.quiet_hours is None:
            return None
        start, end = self.quiet_hours.split("-")
        return time.fromisoformat(start), time.fromisoformat(end)


QUIET_MESSAGE = Text(
    kk="Жарияланым тыныштық сағаттарында жоспарланған ({when}, тыныштық {quiet}).",
    ru="Публикация запланирована в тихие часы ({when}, тихие часы {quiet}).",
    en="The post is scheduled in the quiet hours ({when}; quiet hours {quiet}).",
)
OFF_SLOT_AND_QUIET = Text(
    kk="Жарияланым {channel} арнасының апталық слоттарынан тыс және тыныштық сағаттарында "
    "жоспарланған ({when}, тыныштық {quiet}). Ең жақын слот: {nearest}.",
    ru="Публикация запланирована вне недельных слотов канала {channel} и в тихие часы ({when}, "
    "тихие часы {quiet}). Ближайший слот: {nearest}.",
    en="The post is scheduled outside the weekly slots of {channel} and in the quiet hours "
    "({when}; quiet hours {quiet}). Nearest slot: {nearest}.",
)


class OffSlot(WeekRule):
    code = "S505"
    name = "off-slot"
    severity = Severity.WARNING
    Settings = OffSlotSettings
    doc = RuleDoc(
        what=Text(
            kk="Жарияланым арнаның апталық слоттарынан тыс немесе тыныштық сағаттарында (әдепкіде "
            "жергілікті уақытпен 22:00–08:00) жоспарланған.",
            ru="Публикация запланирована вне недельных слотов канала или в тихие часы (по "
            "умолчанию 22:00–08:00 местного времени).",
            en="The post is scheduled outside the channel's weekly slots, or in quiet hours "
            "(22:00–08:00 local time by default).",
        ),
        why=Text(
            kk="Нұсқаулық жарияланым жоспарын мерзімдерімен жасауды сұрайды; арнаның слоттары — "
            "сол жоспар, оқырман жарияланымды сол сағаттарда күтеді, ал түнде хабарлама мазалайды.",
            ru="Методичка просит вести план публикаций со сроками; слоты канала и есть этот план: "
            "читатели ждут публикаций в эти часы, а ночное уведомление раздражает.",
            en="The guide asks for a publication plan with times; the channel's slots are that "
            "plan: readers expect posts at those hours, and a notification at night annoys them.",
        ),
        section=SECTION_RULE,
        quote_kk=PLAN_KK,
        quote_ru=PLAN_RU,
        instead=Text(
            kk="Жарияланымды арнаның бос слотына қойыңыз (`arna plan show --week …` бос "
            "слоттарды көрсетеді), немесе scheduled кілтін алып тастаңыз: кезек келесі бос "
            "слотты өзі береді.",
            ru="Поставьте публикацию в свободный слот канала (`arna plan show --week …` "
            "показывает свободные слоты) или уберите scheduled: очередь сама возьмёт следующий "
            "свободный слот.",
            en="Move the post to a free slot of the channel (`arna plan show --week …` shows the "
            "gaps), or leave `scheduled` out: the queue then takes the next free slot.",
        ),
        waive=Text(
            kk="Шұғыл хабар слотты күтпейді: редактор себебін жазып рұқсат береді.",
            ru="Срочная новость не ждёт слота: редактор разрешает исключение с причиной.",
            en="Breaking news does not wait for a slot: an editor waives it with the reason.",
        ),
    )
    message = Text(
        kk="Жарияланым {channel} арнасының апталық слоттарынан тыс жоспарланған ({when}). Ең "
        "жақын слот: {nearest}.",
        ru="Публикация запланирована вне недельных слотов канала {channel} ({when}). Ближайший "
        "слот: {nearest}.",
        en="The post is scheduled outside the weekly slots of {channel} ({when}). Nearest slot: "
        "{nearest}.",
    )
    must_flag = (
        WeekExample(
            "Monday 11:00: the slot is at 10:00",
            language="kk",
            week=_week(_post(1, "photo", "mon 11:00", "Кітап фестиваліне дайындық басталды.")),
        ),
        WeekExample(
            "Tuesday 23:00: no slot, and in the quiet hours",
            language="ru",
            week=_week(_post(1, "text", "tue 23:00", "Итоги дня.", language="ru")),
        ),
        WeekExample(
            "a slot at 07:00 is still in the quiet hours",
            language="ru",
            week=_week(
                _post(1, "text", "sun 07:00", "Доброе утро!", language="ru"),
                slots=(*TG_SLOTS, "sun 07:00"),
            ),
        ),
    )
    must_pass = (
        WeekExample(
            "Monday 10:00, on the slot",
            language="kk",
            week=_week(_post(1, "photo", "mon 10:00", "Кітап фестиваліне дайындық басталды.")),
        ),
        WeekExample(
            "a channel with no slots: only quiet hours count",
            language="ru",
            week=_week(_post(1, "text", "wed 15:00", "Новости недели.", language="ru"), slots=()),
        ),
    )

    def check_week(self, week: ChannelWeek, ctx: LintContext) -> Iterable[WeekFinding]:
        settings: OffSlotSettings = self.settings  # type: ignore[assignment]
        quiet = settings.quiet() or week.quiet_hours
        tolerance = timedelta(minutes=settings.tolerance_minutes)
        for post in week.counted_posts():
            when = post.scheduled_at
            if when is None:
                continue
            nearest = min(week.slots, key=lambda s: abs(s - when)) if week.slots else None
            off = nearest is not None and abs(nearest - when) > tolerance
            in_quiet = week.is_quiet(when, quiet)
            if not off and not in_quiet:
                continue
            quiet_text = f"{quiet[0]:%H:%M}–{quiet[1]:%H:%M}" if quiet else ""
            message = OFF_SLOT_AND_QUIET if off and in_quiet else None if off else QUIET_MESSAGE
            yield self.on_post(
                post,
                message=message,
                channel=week.channel,
                when=_when(week, when),
                nearest=_when(week, nearest) if nearest else "—",
                quiet=quiet_text,
                evidence={
                    "scheduled_at": _when(week, when),
                    "off_slot": off,
                    "quiet": in_quiet,
                    "nearest_slot": _when(week, nearest) if nearest else None,
                    "slots": [_when(week, s) for s in week.slots],
                    "quiet_hours": quiet_text or None,
                    "timezone": week.timezone,
                },
            )


# --- S506 -----------------------------------------------------------------------------------------


class ParitySettings(RuleSettings):
    window_hours: int = Field(default=24, ge=1, le=int(AROUND.total_seconds() // 3600))
    """The variant in the other language must be scheduled within this many hours."""
    languages: StrList = ("kk", "ru")
    """The pair of languages that must both carry each story."""
    min_confidence: float = Field(default=0.8, gt=0.0, le=1.0)
    """A post without a declared language is judged only when detected this surely."""

    @field_validator("languages")
    @classmethod
    def _pair(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(value) != 2 or len(set(value)) != 2:
            raise ValueError('name two languages, such as ["kk", "ru"]')
        return value


class StateLanguageParity(WeekRule):
    code = "S506"
    name = "state-language-parity"
    severity = Severity.WARNING
    Settings = ParitySettings
    doc = RuleDoc(
        what=Text(
            kk="Тілдері қазақша мен орысша офисте сюжет солардың біреуінде ғана жарияланады: "
            "24 сағат ішінде екінші тілдегі нұсқасы жоқ.",
            ru="В офисе с казахским и русским языками сюжет выходит только на одном из них: "
            "варианта на другом языке в пределах 24 часов нет.",
            en="For an office whose languages are Kazakh and Russian, a story is published in "
            "one of them only, with no variant in the other within 24 h.",
        ),
        why=Text(
            kk="Бағдарлама мемлекеттік тілді меңгеру деңгейін нәтиже индикаторы етіп қояды; "
            "офистің оқырмандары екі тілде оқиды, және әр сюжет екеуіне де жетуі керек.",
            ru="Программа считает уровень владения государственным языком индикатором "
            "результата; читатели офиса читают на двух языках, и каждый сюжет должен дойти до "
            "обеих аудиторий.",
            en="The programme counts command of the state language among its indicators; the "
            "office's readers read in two languages, and each story must reach both.",
        ),
        section=SECTION_IDENTITY,
        quote_kk=IDENTITY_KK,
        quote_ru=IDENTITY_RU,
        instead=Text(
            kk="Сюжеттің екінші тілдегі нұсқасын бір тәулік ішінде қойыңыз (сол арнаға не "
            "басқасына, сол story кілтімен). Аударма емес, сол тілдің оқырманына жазылған мәтін "
            "болсын.",
            ru="Поставьте вариант сюжета на другом языке в пределах суток (в этот или другой "
            "канал, с тем же ключом story). Не перевод, а текст для читателей этого языка.",
            en="Schedule the story's variant in the other language within a day (on this or "
            "another channel, with the same story key): not a translation, but a text for that "
            "language's readers.",
        ),
    )
    message = Text(
        kk="«{story}» сюжеті {language} шығады, бірақ {window} сағат ішінде оның {other} "
        "нұсқасы жоқ.",
        ru="Сюжет «{story}» выходит на {language} языке, а варианта на {other} в пределах "
        "{window} ч нет.",
        en="The story «{story}» is published in {language}, with no {other} variant within "
        "{window} h.",
    )
    must_flag = (
        WeekExample(
            "Kazakh on Monday, the Russian variant only on Wednesday",
            language="kk",
            week=_week(
                _post(
                    1,
                    "announcement",
                    "mon 10:00",
                    "Сенбіде «Кітап фест» өтеді!",
                    story="kitap-fest",
                ),
                around=(
                    _post(
                        9,
                        "album",
                        "wed 19:00",
                        "Какую книгу вы бы отдали другу?",
                        language="ru",
                        story="kitap-fest",
                        channel="ig-main",
                    ),
                ),
            ),
        ),
        WeekExample(
            "a Russian story with no Kazakh variant at all",
            language="ru",
            week=_week(
                _post(
                    1,
                    "poll",
                    "fri 12:30",
                    "Как пишется «бүгін» на латинице?",
                    language="ru",
                    story="latyn-opros",
                ),
            ),
        ),
    )
    must_pass = (
        WeekExample(
            "Kazakh on Telegram, Russian on Instagram the same evening",
            language="kk",
            week=_week(
                _post(
                    1,
                    "announcement",
                    "mon 10:00",
                    "Сенбіде «Кітап фест» өтеді!",
                    story="kitap-fest",
                ),
                around=(
                    _post(
                        9,
                        "album",
                        "mon 19:00",
                        "Какую книгу вы бы отдали другу?",
                        language="ru",
                        story="kitap-fest",
                        channel="ig-main",
                    ),
                ),
            ),
        ),
        WeekExample(
            "both languages on the same channel, a day apart",
            language="ru",
            week=_week(
                _post(
                    1,
                    "text",
                    "thu 10:00",
                    "Легенда о роднике «Ата бұлақ».",
                    language="ru",
                    story="ata-bulak",
                ),
                _post(2, "text", "fri 09:00", "«Ата бұлақ» туралы аңыз.", story="ata-bulak"),
            ),
        ),
        WeekExample(
            "an office that publishes in Russian and English: not judged",
            language="ru",
            week=_week(
                _post(1, "text", "thu 10:00", "Легенда о роднике.", language="ru", story="x"),
                languages=("ru", "en"),
            ),
        ),
    )

    def check_week(self, week: ChannelWeek, ctx: LintContext) -> Iterable[WeekFinding]:
        settings: ParitySettings = self.settings  # type: ignore[assignment]
        pair = tuple(settings.languages)
        if not set(pair) <= set(week.languages):
            return
        window = timedelta(hours=settings.window_hours)
        variants = [p for p in (*week.posts, *week.around) if p.counted and p.story]
        # each post's language once, and the variants by story: a week of 500 posts would
        # otherwise compare every post with every other
        language = {id(v): _language(v, ctx, settings.min_confidence) for v in variants}
        by_story: dict[str, list[WeekPost]] = {}
        for v in variants:
            by_story.setdefault(v.story or "", []).append(v)
        for post in week.counted_posts():
            lang = language.get(id(post)) or _language(post, ctx, settings.min_confidence)
            if not post.story or lang not in pair:
                continue
            other = pair[1] if lang == pair[0] else pair[0]
            story_posts = by_story.get(post.story, [])
            near = [
                v
                for v in story_posts
                if language[id(v)] == other
                and abs(v.scheduled_at - post.scheduled_at) <= window  # type: ignore[operator]
            ]
            if near:
                continue
            yield self.on_post(
                post,
                story=post.story,
                language=language_name(lang),
                other=language_name(other),
                window=settings.window_hours,
                evidence={
                    "story": post.story,
                    "language": lang,
                    "missing": other,
                    "window_hours": settings.window_hours,
                    "variants": [
                        {
                            "post_id": v.post_id,
                            "channel": v.channel,
                            "language": language[id(v)],
                            "scheduled_at": _when(week, v.scheduled_at),  # type: ignore[arg-type]
                        }
                        for v in story_posts
                        if v is not post
                    ],
                },
            )


def _language(post: WeekPost, ctx: LintContext, min_confidence: float) -> str | None:
    """The declared language, else the detected one when it is sure enough."""
    if post.language:
        return post.language
    if not post.text.strip():
        return None
    from linters.language import detector

    cache: dict[str, tuple[str | None, float]] = ctx.resources.get("week-languages", dict)
    if post.text not in cache:
        found = detector(ctx).detect(post.text)
        cache[post.text] = (found.lang, found.confidence)
    lang, confidence = cache[post.text]
    return lang if confidence >= min_confidence else None


RULES = (
    UniformContentMix,
    NoPauseAfterLargeEvent,
    LateAnnouncement,
    PlanItemIncomplete,
    OffSlot,
    StateLanguageParity,
)
