"""P301 text-too-long, P302 media-mix-unsupported, P306 youtube-metadata-invalid, P307 poll-invalid.

The basis is PLATFORMS.md (the networks' published limits, November 2026). The numbers are read from
`channels.limits` through `ctx.limits_for(subject)`; every number and switch a rule reads can be
overridden per network in `[lint.rules.<code>.overrides.<network>]`, for the day a network changes
it before Arna is updated:

    [lint.rules.P301.overrides.telegram]
    caption_max = 2048

How characters are counted (P301, P307):

- X: weighted, by the twitter-text v3 rules (`linters.x_length`).
- YouTube description: UTF-8 bytes (YouTube documents bytes; a Cyrillic letter takes 2).
- Everything else ("characters" in the networks' docs): UTF-16 code units by default, the larger of
  the two plausible counts. Telegram documents "1-4096 characters after entity parsing" without
  saying which characters (PLATFORMS.md ⚠), while its own entity offsets are in UTF-16 code units;
  Instagram, Facebook, VK and YouTube titles do not say either. The two counts (code points and
  UTF-16 code units) differ only for characters outside the Basic Multilingual Plane (emoji, rare
  CJK), which count 2 in UTF-16: a Kazakh or Russian text counts the same either way. Counting UTF-16 never lets through a post the network refuses; at worst it asks to cut an
  emoji-heavy text by a few characters more than needed. `unit = "code_point"` counts code points
  instead. Texts are counted as written: drafts are plain text, so "after entity parsing" changes
  nothing (Markdown or HTML markup, if ever used, would only make the count larger).
- A caption is the text of a post that has media, or whose kind is about a file (photo, album,
  video, infographic, document) even before the files are attached.

What P302 checks, and what the draft parser checks (posts/drafts.py): the parser refuses a draft
file whose structure is wrong whatever the network (a photo, album, video, infographic or document
post with an empty `media` list; a poll post without a [poll] table), so such a draft never reaches
the linter. P302 checks what needs the network's limits or the probed files: counts per post, the
mixes a network refuses, media a network cannot take (a PDF on Instagram, a photo on YouTube),
networks that need media (Instagram, YouTube), an album of one file, and a kind the probed files
contradict (kind = "video" and no video among them). Posts made in the desk or queued by other
paths do not go through the parser, so P302 also reports a media kind with no media at all. A file
the probe could not read (kind unknown, reported by P305) counts in the totals but is never said to
contradict anything. Counting: a GIF (image/gif) is a GIF on X (at most 1, never with photos or a
video) and a photo elsewhere; VK's "10 photos/videos, 1 file" counts documents apart from the 10.
Not checked yet (no basis in PLATFORMS.md, or another rule's job): a GIF inside a Telegram album
(sendMediaGroup takes no animations), media on a Telegram poll (sendPoll takes none), sizes,
durations and formats (P303, P304), unreadable files (P305).

Polls (P307): RULES.md asks for 2-12 options. PLATFORMS.md notes that Bot API 10.0 accepts 1-12
(2-10 before Bot API 9.1); the rule follows RULES.md, since a one-option poll asks nothing, and the
numbers are settings. Arna publishes to Telegram channels (DESIGN.md; the guide: «В Telegram следует
создать канал»), and a channel poll must be anonymous (PLATFORMS.md ⚠): P307 reports
`anonymous = false` on every Telegram poll, with its own message; an office that posts into a group
sets `channel_polls_anonymous = false`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, PositiveInt

from linters.context import LintContext
from linters.findings import Finding, Severity
from linters.rule import Example, Rule, RuleDoc, RuleSettings
from linters.subject import MediaRef, Subject
from linters.x_length import overflow_offset, weighted_length
from posts.draft_schema import KINDS_NEEDING_MEDIA
from posts.i18n import Text
from posts.platform import NetworkLimits

NetworkName = Literal["telegram", "instagram", "facebook", "vk", "ok", "x", "youtube", "outbox"]
CharacterUnit = Literal["utf16", "code_point"]
MediaKindName = Literal["image", "video", "document"]

#: How networks are named in messages (the same in the three languages).
NETWORK_TITLES: Mapping[str, str] = {
    "telegram": "Telegram",
    "instagram": "Instagram",
    "facebook": "Facebook",
    "vk": "VK",
    "ok": "OK.ru",
    "x": "X",
    "youtube": "YouTube",
    "outbox": "outbox",
}

PLATFORMS_SECTION = (
    "PLATFORMS.md (November 2026); the guide, «Рекомендации по размещению публикаций в социальных "
    "сетях» / «Әлеуметтік желілерде жарияланымдарды орналастыру бойынша ұсынымдар»"
)


def network_title(network: str) -> str:
    return NETWORK_TITLES.get(network, network)


# --- Counting -----------------------------------------------------------------------------------


def utf16_units(char: str) -> int:
    return 2 if ord(char) > 0xFFFF else 1


def char_count(text: str, unit: CharacterUnit = "utf16") -> int:
    """The length of `text` in UTF-16 code units or in code points."""
    if unit == "code_point":
        return len(text)
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def char_overflow(text: str, limit: int, unit: CharacterUnit = "utf16") -> int | None:
    """The offset of the first character that takes the count beyond `limit`, or None."""
    total = 0
    for index, char in enumerate(text):
        total += 1 if unit == "code_point" else utf16_units(char)
        if total > limit:
            return index
    return None


def utf8_overflow(text: str, limit: int) -> int | None:
    """The offset of the first character whose UTF-8 bytes go beyond `limit`, or None."""
    total = 0
    for index, char in enumerate(text):
        total += len(char.encode("utf-8", "surrogatepass"))
        if total > limit:
            return index
    return None


def utf8_length(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def effective_limits(
    ctx: LintContext, subject: Subject, overrides: Mapping[str, RuleSettings]
) -> NetworkLimits | None:
    """The network's limits from `channels.limits`, with the rule's overrides for it applied."""
    base = ctx.limits_for(subject)
    override = overrides.get(subject.network)
    if override is None:
        return base
    changes = override.model_dump(exclude_none=True)
    return replace(base or NetworkLimits(network=subject.network), **changes)


def _preview(text: str, size: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


# === P301 text-too-long ==========================================================================

TEXT_TOO_LONG = Text(
    kk="Мәтін тым ұзын: {count} таңба, ал {network} ең көбі {limit} таңба қабылдайды (эмодзи 2 таңба "
    "болып саналады). Мәтінді {excess} таңбаға қысқартыңыз; белгіленген бөлік шектен асып тұр.",
    ru="Текст слишком длинный: {count} знаков, а {network} принимает не больше {limit} (эмодзи "
    "считается за 2). Сократите текст на {excess} знаков; выделенная часть выходит за предел.",
    en="The text is too long: {count} characters, and {network} takes at most {limit} (an emoji "
    "counts as 2). Shorten it by {excess}; the marked part is beyond the limit.",
)
CAPTION_TOO_LONG = Text(
    kk="Сурет не бейне астындағы мәтін (қолтаңба) тым ұзын: {count} таңба, ал {network} медиа файлы "
    "бар жазбаға ең көбі {limit} таңба қабылдайды (эмодзи 2 таңба болып саналады). Мәтінді {excess} "
    "таңбаға қысқартыңыз немесе оны бөлек мәтіндік жазба етіп жіберіңіз (оған {text_limit} таңбаға "
    "дейін сыяды).",
    ru="Подпись к посту с медиафайлом слишком длинная: {count} знаков, а {network} принимает под фото "
    "или видео не больше {limit} (эмодзи считается за 2). Сократите подпись на {excess} знаков или "
    "отправьте текст отдельным текстовым постом (в него помещается до {text_limit} знаков).",
    en="The caption of a post with media is too long: {count} characters, and {network} takes at "
    "most {limit} under a photo or video (an emoji counts as 2). Shorten it by {excess}, or send the "
    "text as a separate text post (which takes up to {text_limit}).",
)
X_TOO_LONG = Text(
    kk="Жазба X үшін тым ұзын: салмақты ұзындығы {count}, ал шегі {limit}. X әр сілтемені 23 таңба, "
    "эмодзи мен иероглифті 2 таңба, қазақ және орыс әріптерін 1 таңба деп санайды. Мәтінді {excess} "
    "таңбаға қысқартыңыз немесе екі жазбаға бөліңіз.",
    ru="Пост слишком длинный для X: взвешенная длина {count} при пределе {limit}. X считает каждую "
    "ссылку за 23 знака, эмодзи и иероглифы — за 2, казахские и русские буквы — за 1. Сократите "
    "текст на {excess} знаков или разделите его на два поста.",
    en="The post is too long for X: its weighted length is {count}, and the limit is {limit}. X "
    "counts every link as 23, an emoji or a CJK character as 2, and Kazakh and Russian letters as "
    "1. Shorten it by {excess}, or split it into two posts.",
)
TITLE_TOO_LONG = Text(
    kk="YouTube бейнесінің атауы тым ұзын: {count} таңба, ал шегі {limit}. Атауды {excess} таңбаға "
    "қысқартыңыз, ал толық мәліметті сипаттамаға көшіріңіз.",
    ru="Название видео на YouTube слишком длинное: {count} знаков при пределе {limit}. Сократите его "
    "на {excess} знаков, а подробности перенесите в описание.",
    en="The YouTube title is too long: {count} characters, and the limit is {limit}. Shorten it by "
    "{excess}, and move the details to the description.",
)
DESCRIPTION_TOO_LONG = Text(
    kk="YouTube бейнесінің сипаттамасы тым ұзын: UTF-8 кодында {count} байт, ал шегі {limit} байт. "
    "Сипаттаманы кемінде {excess} байтқа қысқартыңыз (кирилл әрпі 2 байт, латын әрпі мен цифр 1 "
    "байт алады).",
    ru="Описание видео на YouTube слишком длинное: {count} байт в UTF-8 при пределе {limit}. "
    "Сократите его минимум на {excess} байт (кириллическая буква занимает 2 байта, латинская буква "
    "и цифра — 1).",
    en="The YouTube description is too long: {count} bytes in UTF-8, and the limit is {limit}. "
    "Shorten it by at least {excess} bytes (a Cyrillic letter takes 2 bytes, a Latin letter or a "
    "digit 1).",
)


class TextLimitOverride(RuleSettings):
    """The limits P301 reads, for one network; a field left out keeps the default."""

    text_max: PositiveInt | None = None
    caption_max: PositiveInt | None = None
    title_max: PositiveInt | None = None
    description_max_bytes: PositiveInt | None = None


class TextTooLongSettings(RuleSettings):
    overrides: dict[NetworkName, TextLimitOverride] = Field(default_factory=dict)
    #: How "characters" are counted where a network does not weigh them or count bytes.
    unit: CharacterUnit = "utf16"


_LONG_KK = "Рухани жаңғыру — болашаққа бағдар. Кітап оқыған жас — ел болашағы. "
_LONG_RU = "Рухани жаңғыру — взгляд в будущее. Молодёжь читает книги и спорит о них. "


class TextTooLong(Rule):
    code = "P301"
    name = "text-too-long"
    severity = Severity.ERROR
    Settings = TextTooLongSettings
    doc = RuleDoc(
        what=Text(
            kk="Жазба мәтіні желінің шегінен ұзын: Telegram мәтіні 4096, сурет не бейне астындағы "
            "мәтін 1024; X 280 салмақты таңба (сілтеме 23, эмодзи 2, қазақ әрпі 1); Instagram 2200; "
            "Facebook 63206; VK 16384; YouTube атауы 100 таңба, сипаттамасы 5000 байт.",
            ru="Текст поста длиннее предела сети: Telegram 4096 для текста и 1024 для подписи к фото "
            "или видео; X 280 взвешенных знаков (ссылка 23, эмодзи 2, казахская буква 1); Instagram "
            "2200; Facebook 63206; VK 16384; YouTube: название 100 знаков, описание 5000 байт.",
            en="The text is longer than the network allows: Telegram 4096 for a text and 1024 for a "
            "caption; X 280 weighted characters (a link 23, an emoji 2, a Kazakh letter 1); "
            "Instagram 2200; Facebook 63206; VK 16384; YouTube title 100 characters and description "
            "5000 bytes.",
        ),
        why=Text(
            kk="Желінің API-і мұндай жазбаны қабылдамайды немесе қысқартып жібереді, ал жоспардағы "
            "жазба уақытында шықпай қалады. Нұсқаулық әр желіге арнайы дайындалған контентті талап "
            "етеді: әр желінің өз өлшемі бар.",
            ru="API сети отклонит такой пост или обрежет его, и пост из плана не выйдет вовремя. "
            "Методичка требует контента, подготовленного специально для каждой сети: у каждой свой "
            "формат.",
            en="The network's API refuses such a post or cuts it, and a planned post misses its "
            "slot. The guide asks for content made for each network: each has its own format.",
        ),
        section=PLATFORMS_SECTION,
        quote_kk="«Әр әлеуметтік желінің ... өздеріне арнайы арналып әзірленген ... бірегей "
        "контенті болуы тиіс»; Twitter: «Қысқа мазмұнды жазбалар жариялауға ... болады»",
        quote_ru="«Каждая социальная сеть ... должна иметь свой уникальный контент, разработанный "
        "специально для них»; Twitter: «Можно публиковать короткие содержательные заметки»",
        instead=Text(
            kk="Мәтінді белгіленген жерге дейін қысқартыңыз: қайталауларды алып тастаңыз, ұзын "
            "түсіндірмені сілтемеге ауыстырыңыз. Telegram-да ұзын мәтінді суреттен бөлек жазбамен "
            "жіберуге болады.",
            ru="Сократите текст до выделенного места: уберите повторы, длинное пояснение замените "
            "ссылкой. В Telegram длинный текст можно отправить отдельным постом, без фото.",
            en="Cut the text back to the marked place: drop repetition, replace a long explanation "
            "with a link. On Telegram, a long text can go as a separate post without the photo.",
        ),
        waive=Text(
            kk="Рұқсат етілмейді: желі мұндай жазбаны қабылдамайды. Шек өзгерсе, оны баптауларда "
            "өзгертіңіз ([lint.rules.P301.overrides]).",
            ru="Не снимается: сеть не примет такой пост. Если предел сети изменился, измените его в "
            "настройках ([lint.rules.P301.overrides]).",
            en="Not waivable: the network refuses such a post. If the network's limit changed, "
            "change it in the settings ([lint.rules.P301.overrides]).",
        ),
    )
    message = TEXT_TOO_LONG
    must_flag = (
        Example(_LONG_KK * 62, language="kk", note="4154 characters on Telegram"),
        Example(_LONG_RU * 15, kind="photo", language="ru", note="a 1095-character caption"),
        Example("Қазақ " * 47, network="x", language="kk", note="282 on X"),
        Example(
            "Смотрите наш новый ролик о фестивале! " * 60,
            network="instagram",
            kind="video",
            language="ru",
            note="2280 characters on Instagram",
        ),
        Example(
            "Кітап фестивалі",
            network="youtube",
            kind="video",
            language="kk",
            options={"title": "Кітап фестивалі: " + "оқырмандар, жазушылар, аудармашылар " * 3},
            note="a 125-character title",
        ),
    )
    must_pass = (
        Example(_LONG_KK * 61, language="kk", note="4087 characters on Telegram"),
        Example(_LONG_RU * 14, kind="photo", language="ru", note="a 1022-character caption"),
        Example(
            "Қазақстан жастары кітап оқиды. " * 9,
            network="x",
            language="kk",
            note="279 Cyrillic characters weigh 279 on X (558 if Cyrillic counted 2)",
        ),
        Example(
            "Фестиваль книги в Туркестане: https://turkistan.gov.kz/ru/news/"
            + "kitap-festivali-2026-programma-i-uchastniki-" * 10,
            network="x",
            language="ru",
            note="a 470-character link counts 23",
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings: TextTooLongSettings = self.settings  # type: ignore[assignment]
        limits = effective_limits(ctx, subject, settings.overrides)
        if limits is None:
            return
        text = subject.text
        network = network_title(subject.network)
        has_media = bool(subject.media) or subject.kind in KINDS_NEEDING_MEDIA
        limit = limits.caption_max if has_media and limits.caption_max else limits.text_max
        if limit is not None and text:
            yield from self._text(subject, limits, limit, has_media, network, settings.unit)
        if limits.description_max_bytes is not None and text:
            size = utf8_length(text)
            if size > limits.description_max_bytes:
                start = utf8_overflow(text, limits.description_max_bytes)
                yield self.finding(
                    message=DESCRIPTION_TOO_LONG,
                    span=(start, len(text)) if start is not None else None,
                    count=size,
                    limit=limits.description_max_bytes,
                    excess=size - limits.description_max_bytes,
                    evidence=_evidence(
                        "description", "utf8-bytes", size, limits.description_max_bytes, text
                    ),
                )
        title = subject.options.get("title")
        if limits.title_max is not None and isinstance(title, str) and title:
            count = char_count(title, settings.unit)
            if count > limits.title_max:
                yield self.finding(
                    message=TITLE_TOO_LONG,
                    count=count,
                    limit=limits.title_max,
                    excess=count - limits.title_max,
                    evidence={
                        **_evidence("title", settings.unit, count, limits.title_max, title),
                        "title": title,
                    },
                )

    def _text(
        self,
        subject: Subject,
        limits: NetworkLimits,
        limit: int,
        has_media: bool,
        network: str,
        unit: CharacterUnit,
    ) -> Iterable[Finding]:
        text = subject.text
        is_caption = has_media and limits.caption_max is not None and limit == limits.caption_max
        field = "caption" if is_caption else "text"
        if limits.weighted_length:
            count = weighted_length(text)
            if count <= limit:
                return
            start = overflow_offset(text, limit)
            message, method = X_TOO_LONG, "x-weighted"
        else:
            count = char_count(text, unit)
            if count <= limit:
                return
            start = char_overflow(text, limit, unit)
            separate = is_caption and (limits.text_max or 0) > limit
            message, method = (CAPTION_TOO_LONG if separate else TEXT_TOO_LONG), unit
        yield self.finding(
            message=message,
            span=(start, len(text)) if start is not None else None,
            network=network,
            count=count,
            limit=limit,
            excess=count - limit,
            text_limit=limits.text_max or limit,
            evidence=_evidence(field, method, count, limit, text),
        )


def _evidence(field: str, method: str, count: int, limit: int, text: str) -> dict[str, object]:
    return {
        "field": field,
        "count": count,
        "limit": limit,
        "method": method,
        "code_points": len(text),
        "utf16_units": char_count(text, "utf16"),
    }


# === P302 media-mix-unsupported ==================================================================

KIND_NO_MEDIA = Text(
    kk="«{kind}» түріндегі жазбаға кемінде бір медиа файл керек, бірақ бірде-бір файл тіркелмеген. "
    "Файлды тіркеңіз немесе жазба түрін «text» етіп өзгертіңіз.",
    ru="Для поста вида «{kind}» нужен хотя бы один медиафайл, а файлов нет. Прикрепите файл или "
    "смените вид поста на «text».",
    en="A '{kind}' post needs at least one media file, and none is attached. Attach the file, or "
    "change the kind to 'text'.",
)
NEEDS_MEDIA = Text(
    kk="{network} тек сурет не бейнесі бар жазбаларды жариялайды, ал бұл жазбада медиа файл жоқ. "
    "Сурет немесе бейне тіркеңіз.",
    ru="{network} публикует только посты с фото или видео, а в этом посте медиафайлов нет. "
    "Прикрепите фото или видео.",
    en="{network} publishes only posts with a photo or a video, and this post has none. Attach a "
    "photo or a video.",
)
NEEDS_VIDEO = Text(
    kk="{network} бейне жариялайды, ал бұл жазбада бейне файл жоқ. Бейне файлды тіркеңіз.",
    ru="{network} публикует видео, а в этом посте нет видеофайла. Прикрепите видеофайл.",
    en="{network} publishes videos, and this post has no video file. Attach the video file.",
)
KIND_NEEDS_IMAGE = Text(
    kk="Жазба түрі — «{kind}», бірақ оның файлдарының ({count}) ішінде бірде-бір сурет жоқ. Суретті "
    "тіркеңіз немесе жазба түрін файлдарға сәйкес өзгертіңіз.",
    ru="Вид поста — «{kind}», но среди его файлов ({count}) нет ни одного изображения. Прикрепите "
    "изображение или смените вид поста по файлам.",
    en="The post's kind is '{kind}', but none of its files ({count}) is an image. Attach the image, "
    "or change the kind to match the files.",
)
KIND_NEEDS_VIDEO = Text(
    kk="Жазба түрі — «{kind}», бірақ оның файлдарының ({count}) ішінде бірде-бір бейне жоқ. Бейнені "
    "тіркеңіз немесе жазба түрін файлдарға сәйкес өзгертіңіз.",
    ru="Вид поста — «{kind}», но среди его файлов ({count}) нет ни одного видео. Прикрепите видео "
    "или смените вид поста по файлам.",
    en="The post's kind is '{kind}', but none of its files ({count}) is a video. Attach the video, "
    "or change the kind to match the files.",
)
KIND_NEEDS_DOCUMENT = Text(
    kk="Жазба түрі — «{kind}», бірақ оның файлдарының ({count}) ішінде бірде-бір құжат жоқ. Құжатты "
    "тіркеңіз немесе жазба түрін файлдарға сәйкес өзгертіңіз.",
    ru="Вид поста — «{kind}», но среди его файлов ({count}) нет ни одного документа. Прикрепите "
    "документ или смените вид поста по файлам.",
    en="The post's kind is '{kind}', but none of its files ({count}) is a document. Attach the "
    "document, or change the kind to match the files.",
)
ALBUM_TOO_SMALL = Text(
    kk="{network} альбомына кемінде {limit} файл керек, ал бұл жазбада {count} файл бар. Тағы файл "
    "қосыңыз немесе жазба түрін «photo» не «video» етіп өзгертіңіз.",
    ru="Альбому в {network} нужно не меньше {limit} файлов, а в этом посте их {count}. Добавьте "
    "файлы или смените вид поста на «photo» или «video».",
    en="An album on {network} needs at least {limit} files, and this post has {count}. Add files, "
    "or change the kind to 'photo' or 'video'.",
)
TOO_MANY_FILES = Text(
    kk="{network} бір жазбада ең көбі {limit} файл қабылдайды, ал мұнда {count} файл бар. {excess} "
    "файлды алып тастаңыз немесе жазбаны екіге бөліңіз.",
    ru="Файлов в посте: {count}, а {network} принимает в одном посте не больше {limit}. Уберите "
    "лишние ({excess}) или разделите пост на два.",
    en="{network} takes at most {limit} files in one post, and this one has {count}. Remove "
    "{excess}, or split the post in two.",
)
TOO_MANY_ATTACHMENTS = Text(
    kk="{network} бір жазбада ең көбі {limit} сурет пен бейне қабылдайды, ал мұнда {count}. "
    "{excess} файлды алып тастаңыз немесе жазбаны екіге бөліңіз.",
    ru="Фото и видео в посте: {count}, а {network} принимает в одном посте не больше {limit}. "
    "Уберите лишние ({excess}) или разделите пост на два.",
    en="{network} takes at most {limit} photos and videos in one post, and this one has {count}. "
    "Remove {excess}, or split the post in two.",
)
TOO_MANY_PHOTOS = Text(
    kk="{network} бір жазбада ең көбі {limit} сурет қабылдайды, ал мұнда {count} сурет бар. "
    "{excess} суретті алып тастаңыз немесе жазбаны екіге бөліңіз.",
    ru="Фото в посте: {count}, а {network} принимает в одном посте не больше {limit}. Уберите "
    "лишние ({excess}) или разделите пост на два.",
    en="{network} takes at most {limit} photos in one post, and this one has {count}. Remove "
    "{excess}, or split the post in two.",
)
TOO_MANY_VIDEOS = Text(
    kk="{network} бір жазбада ең көбі {limit} бейне қабылдайды, ал мұнда {count} бейне бар. "
    "Артығын ({excess}) бөлек жазбамен жариялаңыз.",
    ru="Видео в посте: {count}, а {network} принимает в одном посте не больше {limit}. Лишние "
    "({excess}) опубликуйте отдельными постами.",
    en="{network} takes at most {limit} videos in one post, and this one has {count}. Publish the "
    "other {excess} in separate posts.",
)
TOO_MANY_GIFS = Text(
    kk="{network} бір жазбада ең көбі {limit} GIF қабылдайды, ал мұнда {count} GIF бар. Артығын "
    "({excess}) бөлек жазбамен жариялаңыз.",
    ru="GIF в посте: {count}, а {network} принимает в одном посте не больше {limit}. Лишние "
    "({excess}) опубликуйте отдельными постами.",
    en="{network} takes at most {limit} GIFs in one post, and this one has {count}. Publish the "
    "other {excess} in separate posts.",
)
TOO_MANY_DOCUMENTS = Text(
    kk="{network} бір жазбада ең көбі {limit} құжат (файл) қабылдайды, ал мұнда {count} құжат бар. "
    "Артығын ({excess}) бөлек жазбамен жариялаңыз немесе мәтінде сілтеме беріңіз.",
    ru="Документов в посте: {count}, а {network} принимает в одном посте не больше {limit}. Лишние "
    "({excess}) опубликуйте отдельно или дайте на них ссылку в тексте.",
    en="{network} takes at most {limit} documents in one post, and this one has {count}. Publish "
    "the other {excess} separately, or link to them in the text.",
)
MEDIA_MIXED = Text(
    kk="{network} бір жазбада не {photos_max} суретке дейін, не бір бейне, не бір GIF қабылдайды, "
    "оларды араластыруға болмайды. Мұнда сурет — {photos}, бейне — {videos}, GIF — {gifs}. Бір "
    "түрін қалдырып, қалғанын бөлек жазбамен жариялаңыз.",
    ru="{network} принимает в одном посте либо до {photos_max} фото, либо одно видео, либо один GIF "
    "— смешивать нельзя. Здесь фото: {photos}, видео: {videos}, GIF: {gifs}. Оставьте один вид, "
    "остальное опубликуйте отдельным постом.",
    en="{network} takes either up to {photos_max} photos, or one video, or one GIF in a post, never "
    "a mix. This post has photos: {photos}, videos: {videos}, GIFs: {gifs}. Keep one kind and "
    "publish the rest in another post.",
)
DOCUMENTS_MIXED = Text(
    kk="{network} құжаттарды топпен тек басқа құжаттармен бірге жібереді, ал бұл жазбада {documents} "
    "құжат {visual} сурет не бейнемен араласқан. Құжаттарды бөлек жазбамен жіберіңіз.",
    ru="{network} отправляет документы группой только вместе с другими документами, а здесь "
    "документов: {documents}, фото и видео: {visual}. Отправьте документы отдельным постом.",
    en="{network} groups documents only with other documents, and this post mixes documents "
    "({documents}) with photos or videos ({visual}). Send the documents as a separate post.",
)
ONLY_VIDEO = Text(
    kk="«{name}» — бейне емес ({mime}), ал {network} жазбада тек бейне жариялайды. Бейне файлды "
    "тіркеңіз, ал суретті басқа желіде жариялаңыз.",
    ru="«{name}» — не видео ({mime}), а {network} публикует в посте только видео. Прикрепите "
    "видеофайл, а фото опубликуйте в другой сети.",
    en="'{name}' is not a video ({mime}), and {network} publishes only a video. Attach the video "
    "file, and publish the picture on another network.",
)
NO_DOCUMENTS = Text(
    kk="«{name}» — құжат ({mime}), ал {network} тек сурет пен бейне қабылдайды. Құжат беттерін "
    "суретке айналдырыңыз немесе мәтінде оған сілтеме беріңіз.",
    ru="«{name}» — документ ({mime}), а {network} принимает только фото и видео. Превратите "
    "страницы документа в изображения или дайте на него ссылку в тексте.",
    en="'{name}' is a document ({mime}), and {network} takes only photos and videos. Turn its pages "
    "into images, or link to it in the text.",
)
NOT_TAKEN = Text(
    kk="{network} «{name}» файлын ({mime}) қабылдамайды: мұнда тек мына түрлер рұқсат етілген: "
    "{allowed}. Файлды алып тастаңыз немесе басқа желіде жариялаңыз.",
    ru="{network} не принимает файл «{name}» ({mime}): здесь допустимы только {allowed}. Уберите "
    "файл или опубликуйте его в другой сети.",
    en="{network} does not take '{name}' ({mime}): it takes only {allowed}. Remove the file, or "
    "publish it on another network.",
)


def _as_tuple(value: object) -> object:
    """A TOML array (a list) as the tuple a frozen setting holds."""
    return tuple(value) if isinstance(value, list) else value


class MediaLimitOverride(RuleSettings):
    """The limits P302 reads, for one network; a field left out keeps the default."""

    album_min: PositiveInt | None = None
    album_max: PositiveInt | None = None
    max_photos: PositiveInt | None = None
    max_videos: PositiveInt | None = None
    max_gifs: PositiveInt | None = None
    max_attachments: PositiveInt | None = None
    max_documents: PositiveInt | None = None
    needs_media: bool | None = None
    mixed_media: bool | None = None
    documents_alone: bool | None = None
    media_kinds: Annotated[tuple[MediaKindName, ...], BeforeValidator(_as_tuple)] | None = None


class MediaMixSettings(RuleSettings):
    overrides: dict[NetworkName, MediaLimitOverride] = Field(default_factory=dict)


#: What a kind promises about its files: kind -> the media kind it needs at least one of.
KIND_NEEDS: Mapping[str, tuple[str, Text]] = {
    "photo": ("image", KIND_NEEDS_IMAGE),
    "infographic": ("image", KIND_NEEDS_IMAGE),
    "video": ("video", KIND_NEEDS_VIDEO),
    "document": ("document", KIND_NEEDS_DOCUMENT),
}


def _example_media(mime: str, count: int) -> tuple[MediaRef, ...]:
    """Files as the probe would describe them, for the rule's examples."""
    kind = mime.split("/")[0].replace("application", "document")
    ext = {"image/jpeg": "jpg", "video/mp4": "mp4"}.get(mime, "pdf")
    return tuple(
        MediaRef(name=f"fest-{i:02}.{ext}", path=None, sha256=None, mime=mime, kind=kind, size=1)
        for i in range(1, count + 1)
    )


def _category(ref: MediaRef) -> str:
    """photo, gif, video, document, or unknown (the probe could not tell)."""
    if ref.kind == "image":
        return "gif" if (ref.mime or "").lower() == "image/gif" else "photo"
    if ref.kind in ("video", "document"):
        return ref.kind
    return "unknown"


class MediaMixUnsupported(Rule):
    code = "P302"
    name = "media-mix-unsupported"
    severity = Severity.ERROR
    Settings = MediaMixSettings
    doc = RuleDoc(
        what=Text(
            kk="Жазбаның медиа файлдары желіге сай емес: Telegram альбомында 2–10 файл болуы керек, "
            "құжаттарды сурет не бейнемен араластыруға болмайды; Instagram каруселінде 2–10 файл; "
            "X ең көбі 4 сурет, не 1 бейне, не 1 GIF алады; VK ең көбі 10 сурет пен бейне және 1 "
            "файл алады; Instagram мен YouTube жазбаларына медиа керек; жазба түрі файлдарға қайшы "
            "келеді (мысалы, түрі «video», бірақ бейне жоқ).",
            ru="Медиафайлы поста не подходят сети: в альбоме Telegram должно быть 2–10 файлов, и "
            "документы нельзя смешивать с фото и видео; в карусели Instagram 2–10 файлов; X "
            "принимает не больше 4 фото, или 1 видео, или 1 GIF; VK — не больше 10 фото и видео и 1 "
            "файл; постам в Instagram и YouTube нужны медиафайлы; вид поста противоречит файлам "
            "(например, вид «video», а видео нет).",
            en="The post's media do not fit the network: a Telegram album takes 2-10 files, and "
            "documents cannot mix with photos or videos; an Instagram carousel takes 2-10; X takes "
            "at most 4 photos, or 1 video, or 1 GIF; VK at most 10 photos and videos and 1 file; "
            "Instagram and YouTube posts need media; the post's kind contradicts its files (kind "
            "'video' and no video).",
        ),
        why=Text(
            kk="Желінің API-і мұндай жазбаны қабылдамайды немесе файлдардың бір бөлігін түсіріп "
            "тастайды. Нұсқаулық Instagram мен YouTube үшін сапалы фото мен бейнені басты орынға "
            "қояды.",
            ru="API сети отклонит такой пост или молча потеряет часть файлов. Методичка ставит для "
            "Instagram и YouTube во главу угла качественные фото и видео.",
            en="The network's API refuses such a post, or silently drops some of its files. The "
            "guide puts good photos and videos first on Instagram and YouTube.",
        ),
        section=PLATFORMS_SECTION,
        quote_kk="Instagram: «Өте сапалы және әдемі фото, бейне салу керек»; Youtube: «...сапалы "
        "бейнені орналастыру маңызды»",
        quote_ru="Instagram: «Следует выкладывать качественные фотографии и видео»; Youtube: "
        "«Важно размещать качественное видео»",
        instead=Text(
            kk="Файлдарды желінің шегіне дейін азайтыңыз немесе жазбаны бірнешеге бөліңіз; "
            "құжаттарды бөлек жіберіңіз; Instagram мен YouTube жазбасына сурет не бейне тіркеңіз; "
            "жазба түрін файлдарға сәйкестендіріңіз.",
            ru="Уменьшите число файлов до предела сети или разделите пост на несколько; документы "
            "отправляйте отдельно; к посту в Instagram и YouTube прикрепите фото или видео; "
            "приведите вид поста в соответствие с файлами.",
            en="Cut the files to the network's limit or split the post; send documents separately; "
            "attach a photo or video to an Instagram or YouTube post; make the kind match the files.",
        ),
        waive=Text(
            kk="Рұқсат етілмейді: желі мұндай жазбаны қабылдамайды. Шек өзгерсе, оны баптауларда "
            "өзгертіңіз ([lint.rules.P302.overrides]).",
            ru="Не снимается: сеть не примет такой пост. Если предел сети изменился, измените его в "
            "настройках ([lint.rules.P302.overrides]).",
            en="Not waivable: the network refuses such a post. If the network's limit changed, "
            "change it in the settings ([lint.rules.P302.overrides]).",
        ),
    )
    message = TOO_MANY_FILES
    must_flag = (
        Example(
            "Кітап фестивалі басталды! Кездескенше!",
            network="instagram",
            language="kk",
            note="Instagram needs a photo or a video",
        ),
        Example(
            "Фестиваль книги: смотрите видео на нашем канале.",
            network="youtube",
            kind="text",
            language="ru",
            note="YouTube needs a video",
        ),
        Example(
            "Видеообзор фестиваля книги.",
            kind="video",
            language="ru",
            note="kind video without any file (a post from the desk)",
        ),
        Example(
            "Кітап фестивалінен 11 сурет.",
            kind="album",
            language="kk",
            media=_example_media("image/jpeg", 11),
            note="a Telegram album of 11",
        ),
        Example(
            "Фестиваль книги: фото и видео.",
            network="x",
            kind="album",
            language="ru",
            media=_example_media("image/jpeg", 2) + _example_media("video/mp4", 1),
            note="X takes photos or a video, not both",
        ),
    )
    must_pass = (
        Example("Кітап фестивалі ертең басталады. Келіңіздер!", language="kk"),
        Example("Фестиваль книги начнётся завтра.", network="facebook", language="ru"),
        Example(
            "Кітап фестивалінің суреттері.",
            network="instagram",
            kind="album",
            language="kk",
            media=_example_media("image/jpeg", 3) + _example_media("video/mp4", 1),
        ),
        Example(
            "Фестиваль книги: четыре кадра.",
            network="x",
            kind="album",
            language="ru",
            media=_example_media("image/jpeg", 4),
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings: MediaMixSettings = self.settings  # type: ignore[assignment]
        limits = effective_limits(ctx, subject, settings.overrides) or NetworkLimits(
            network=subject.network
        )
        network = network_title(subject.network)
        items = subject.media
        if not items:
            if subject.kind in KINDS_NEEDING_MEDIA:
                yield self.finding(message=KIND_NO_MEDIA, kind=subject.kind, evidence={"files": 0})
            elif limits.needs_media:
                video_only = limits.media_kinds == ("video",)
                yield self.finding(
                    message=NEEDS_VIDEO if video_only else NEEDS_MEDIA,
                    network=network,
                    evidence={"files": 0, "network": subject.network},
                )
            return
        counts = {"photo": 0, "gif": 0, "video": 0, "document": 0, "unknown": 0}
        for ref in items:
            counts[_category(ref)] += 1
        evidence: dict[str, object] = {"files": len(items), **counts, "network": subject.network}
        yield from self._kind(subject, items, counts, limits, network, evidence)
        yield from self._kinds_taken(items, limits, network)
        yield from self._counts(len(items), counts, limits, network, evidence)
        yield from self._mixes(counts, limits, network, evidence)

    def _kind(
        self,
        subject: Subject,
        items: Sequence[MediaRef],
        counts: Mapping[str, int],
        limits: NetworkLimits,
        network: str,
        evidence: Mapping[str, object],
    ) -> Iterable[Finding]:
        need = KIND_NEEDS.get(subject.kind)
        if need is not None and counts["unknown"] == 0:
            wanted, message = need
            if not any(ref.kind == wanted for ref in items):
                yield self.finding(
                    message=message, kind=subject.kind, count=len(items), evidence=evidence
                )
        album_min = limits.album_min or 2
        if subject.kind == "album" and len(items) < album_min:
            yield self.finding(
                message=ALBUM_TOO_SMALL,
                network=network,
                count=len(items),
                limit=album_min,
                evidence={**evidence, "limit": album_min},
            )

    def _kinds_taken(
        self, items: Sequence[MediaRef], limits: NetworkLimits, network: str
    ) -> Iterable[Finding]:
        if limits.media_kinds is None:
            return
        for ref in items:
            if ref.kind is None or ref.kind in limits.media_kinds:
                continue
            if limits.media_kinds == ("video",):
                message = ONLY_VIDEO
            elif ref.kind == "document" and set(limits.media_kinds) == {"image", "video"}:
                message = NO_DOCUMENTS
            else:
                message = NOT_TAKEN
            yield self.finding(
                message=message,
                media=ref.name,
                name=ref.name,
                mime=ref.mime or ref.kind,
                network=network,
                allowed=", ".join(limits.media_kinds),
                evidence={"file": ref.name, "kind": ref.kind, "mime": ref.mime},
            )

    def _counts(
        self,
        total: int,
        counts: Mapping[str, int],
        limits: NetworkLimits,
        network: str,
        evidence: Mapping[str, object],
    ) -> Iterable[Finding]:
        visual = counts["photo"] + counts["gif"] + counts["video"] + counts["unknown"]
        checks = (
            (limits.album_max, total, TOO_MANY_FILES),
            (limits.max_attachments, visual, TOO_MANY_ATTACHMENTS),
            (limits.max_documents, counts["document"], TOO_MANY_DOCUMENTS),
            (limits.max_photos, counts["photo"], TOO_MANY_PHOTOS),
            (limits.max_videos, counts["video"], TOO_MANY_VIDEOS),
            (limits.max_gifs, counts["gif"], TOO_MANY_GIFS),
        )
        for limit, count, message in checks:
            if limit is not None and count > limit:
                yield self.finding(
                    message=message,
                    network=network,
                    count=count,
                    limit=limit,
                    excess=count - limit,
                    evidence={**evidence, "limit": limit, "counted": count},
                )

    def _mixes(
        self,
        counts: Mapping[str, int],
        limits: NetworkLimits,
        network: str,
        evidence: Mapping[str, object],
    ) -> Iterable[Finding]:
        kinds_present = sum(1 for key in ("photo", "gif", "video") if counts[key])
        if not limits.mixed_media and kinds_present > 1:
            yield self.finding(
                message=MEDIA_MIXED,
                network=network,
                photos_max=limits.max_photos or 4,
                photos=counts["photo"],
                videos=counts["video"],
                gifs=counts["gif"],
                evidence=evidence,
            )
        visual = counts["photo"] + counts["gif"] + counts["video"]
        if limits.documents_alone and counts["document"] and visual:
            yield self.finding(
                message=DOCUMENTS_MIXED,
                network=network,
                documents=counts["document"],
                visual=visual,
                evidence=evidence,
            )


# === P306 youtube-metadata-invalid ===============================================================

TITLE_MISSING = Text(
    kk='YouTube бейнесінің атауы жоқ немесе бос. Атауды жазыңыз (жоба файлында: title = "…"): '
    "бейне не туралы екенін қысқа айтыңыз.",
    ru="У видео на YouTube нет названия или оно пустое. Впишите название (в файле черновика: "
    'title = "…"): коротко, о чём видео.',
    en="The YouTube video has no title, or an empty one. Write one (in a draft file: title = "
    '"…"): say briefly what the video is about.',
)
TITLE_FORBIDDEN = Text(
    kk="YouTube атауында {chars} таңбасы бар, ал YouTube {forbidden} таңбаларын қабылдамайды. "
    "Оларды алып тастаңыз немесе «» тырнақшаларымен алмастырыңыз.",
    ru="В названии для YouTube есть {chars}, а YouTube не принимает знаки {forbidden}. Уберите их "
    "или замените кавычками «».",
    en="The YouTube title contains {chars}, and YouTube refuses {forbidden}. Remove them, or use "
    "«» quotes instead.",
)
DESCRIPTION_FORBIDDEN = Text(
    kk="YouTube сипаттамасында {chars} таңбасы бар ({count} рет), ал YouTube {forbidden} "
    "таңбаларын қабылдамайды. Оларды алып тастаңыз немесе «» тырнақшаларымен алмастырыңыз; "
    "біріншісі белгіленген.",
    ru="В описании для YouTube есть {chars} ({count} раз), а YouTube не принимает знаки "
    "{forbidden}. Уберите их или замените кавычками «»; первый выделен.",
    en="The YouTube description contains {chars} ({count} times), and YouTube refuses {forbidden}. "
    "Remove them, or use «» quotes instead; the first one is marked.",
)


class YoutubeMetadataSettings(RuleSettings):
    #: Characters YouTube refuses in a title and a description (PLATFORMS.md §6: "no < >").
    forbidden_chars: str = Field(default="<>", min_length=1)


class YoutubeMetadataInvalid(Rule):
    code = "P306"
    name = "youtube-metadata-invalid"
    severity = Severity.ERROR
    networks = frozenset({"youtube"})
    Settings = YoutubeMetadataSettings
    doc = RuleDoc(
        what=Text(
            kk="YouTube бейнесінің атауы жоқ не бос, немесе атауында не сипаттамасында < не > "
            "таңбасы бар.",
            ru="У видео на YouTube нет названия или оно пустое, либо в названии или описании есть "
            "знак < или >.",
            en="A YouTube video has no title or an empty one, or its title or description contains "
            "< or >.",
        ),
        why=Text(
            kk="YouTube Data API мұндай бейнені жүктемейді (videos.insert қате қайтарады), ал "
            "жоспардағы бейне уақытында шықпайды.",
            ru="YouTube Data API не загрузит такое видео (videos.insert вернёт ошибку), и видео из "
            "плана не выйдет вовремя.",
            en="The YouTube Data API refuses such an upload (videos.insert fails), and the planned "
            "video misses its slot.",
        ),
        section=PLATFORMS_SECTION + "; PLATFORMS.md §6, videos resource: «no < >»",
        quote_kk="Youtube: «Толық пысықталған режиссурамен, дыбыспен, монтажбен сапалы бейнені "
        "орналастыру маңызды»",
        quote_ru="Youtube: «Важно размещать качественное видео, с проработанной режиссурой, звуком "
        "и монтажом»",
        instead=Text(
            kk="Бейнеге қысқа, түсінікті атау беріңіз; < және > орнына «» тырнақшаларын немесе "
            "сөзді қолданыңыз.",
            ru="Дайте видео короткое понятное название; вместо < и > используйте кавычки «» или "
            "слова.",
            en="Give the video a short, clear title; use «» quotes or words instead of < and >.",
        ),
        waive=Text(
            kk="Рұқсат етілмейді: YouTube мұндай бейнені қабылдамайды.",
            ru="Не снимается: YouTube не примет такое видео.",
            en="Not waivable: YouTube refuses such a video.",
        ),
    )
    message = TITLE_FORBIDDEN
    must_flag = (
        Example(
            "Кітап фестивалінен репортаж.",
            network="youtube",
            kind="video",
            language="kk",
            options={"title": "<Кітап фестивалі> 2026"},
        ),
        Example(
            "Лучшие моменты фестиваля -> смотрите до конца!",
            network="youtube",
            kind="video",
            language="ru",
            options={"title": "Фестиваль книги 2026"},
        ),
        Example("Фестиваль книги в Туркестане.", network="youtube", kind="video", language="ru"),
        Example(
            "Кітап фестивалі.",
            network="youtube",
            kind="video",
            language="kk",
            options={"title": "   "},
        ),
    )
    must_pass = (
        Example(
            "Кітап фестивалінен репортаж: «Рухани жаңғыру» жобасы.",
            network="youtube",
            kind="video",
            language="kk",
            options={"title": "«Кітап фестивалі» 2026"},
        ),
        Example(
            "Лучшие моменты фестиваля — смотрите до конца!",
            network="youtube",
            kind="video",
            language="ru",
            options={"title": "Фестиваль книги 2026"},
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings: YoutubeMetadataSettings = self.settings  # type: ignore[assignment]
        forbidden = settings.forbidden_chars
        shown = " ".join(forbidden)
        title = subject.options.get("title")
        if not isinstance(title, str) or not title.strip():
            yield self.finding(message=TITLE_MISSING, evidence={"title": title})
        else:
            found = sorted({c for c in title if c in forbidden})
            if found:
                yield self.finding(
                    message=TITLE_FORBIDDEN,
                    chars=" ".join(found),
                    forbidden=shown,
                    evidence={"field": "title", "title": title, "chars": "".join(found)},
                )
        offsets = [i for i, c in enumerate(subject.text) if c in forbidden]
        if offsets:
            found = sorted({subject.text[i] for i in offsets})
            yield self.finding(
                message=DESCRIPTION_FORBIDDEN,
                span=(offsets[0], offsets[0] + 1),
                chars=" ".join(found),
                count=len(offsets),
                forbidden=shown,
                evidence={
                    "field": "description",
                    "chars": "".join(found),
                    "count": len(offsets),
                    "offsets": offsets[:20],
                },
            )


# === P307 poll-invalid ===========================================================================

POLL_MISSING = Text(
    kk="Жазба түрі — «poll», бірақ сауалнаманың өзі (сұрағы мен жауап нұсқалары) жоқ. [poll] "
    "кестесін толтырыңыз: question және options.",
    ru="Вид поста — «poll», но самого опроса (вопроса и вариантов ответа) нет. Заполните таблицу "
    "[poll]: question и options.",
    en="The post's kind is 'poll', but the poll itself (its question and options) is missing. Fill "
    "in the [poll] table: question and options.",
)
QUESTION_EMPTY = Text(
    kk="Сауалнаманың сұрағы бос. Сұрақты жазыңыз ({limit} таңбаға дейін).",
    ru="Вопрос опроса пуст. Впишите вопрос (до {limit} знаков).",
    en="The poll's question is empty. Write the question (up to {limit} characters).",
)
QUESTION_TOO_LONG = Text(
    kk="Сауалнама сұрағы тым ұзын: {count} таңба, ал {network} ең көбі {limit} таңба қабылдайды. "
    "Сұрақты {excess} таңбаға қысқартыңыз, ал түсіндірмені жазба мәтініне көшіріңіз.",
    ru="Вопрос опроса слишком длинный: {count} знаков, а {network} принимает не больше {limit}. "
    "Сократите его на {excess} знаков, а пояснение перенесите в текст поста.",
    en="The poll question is too long: {count} characters, and {network} takes at most {limit}. "
    "Shorten it by {excess}, and move the explanation into the post's text.",
)
TOO_FEW_OPTIONS = Text(
    kk="Сауалнамада жауап нұсқалары тым аз: {count}, ал кемінде {limit} керек. Жауап нұсқаларын "
    "қосыңыз.",
    ru="В опросе слишком мало вариантов ответа: {count}, а нужно не меньше {limit}. Добавьте "
    "варианты.",
    en="The poll has too few options: {count}, and it needs at least {limit}. Add options.",
)
TOO_MANY_OPTIONS = Text(
    kk="Сауалнамада жауап нұсқалары тым көп: {count}, ал {network} ең көбі {limit} қабылдайды. "
    "{excess} нұсқаны алып тастаңыз немесе біріктіріңіз.",
    ru="В опросе слишком много вариантов ответа: {count}, а {network} принимает не больше {limit}. "
    "Уберите или объедините лишние ({excess}).",
    en="The poll has too many options: {count}, and {network} takes at most {limit}. Remove or "
    "merge {excess}.",
)
OPTION_EMPTY = Text(
    kk="{index}-жауап нұсқасы бос. Оны толтырыңыз немесе алып тастаңыз.",
    ru="Вариант ответа № {index} пуст. Заполните или удалите его.",
    en="Option {index} is empty. Fill it in, or remove it.",
)
OPTION_TOO_LONG = Text(
    kk="{index}-жауап нұсқасы тым ұзын: {count} таңба, ал {network} ең көбі {limit} таңба "
    "қабылдайды. Оны {excess} таңбаға қысқартыңыз: «{option}».",
    ru="Вариант ответа № {index} слишком длинный: {count} знаков, а {network} принимает не больше "
    "{limit}. Сократите его на {excess} знаков: «{option}».",
    en="Option {index} is too long: {count} characters, and {network} takes at most {limit}. "
    "Shorten it by {excess}: '{option}'.",
)
DUPLICATE_OPTIONS = Text(
    kk="«{option}» жауап нұсқасы сауалнамада бірнеше рет кездеседі (нұсқалар: {indexes}). "
    "Қайталанатын нұсқаны алып тастаңыз немесе өзгертіңіз.",
    ru="Вариант ответа «{option}» повторяется (варианты № {indexes}). Удалите повтор или измените "
    "его.",
    en="The option '{option}' appears more than once (options {indexes}). Remove the repeat, or "
    "change it.",
)
NOT_ANONYMOUS = Text(
    kk="{network} арнасындағы сауалнама тек анонимді бола алады, ал бұл сауалнамада anonymous = "
    "false. Бұл жолды алып тастаңыз немесе true деп қойыңыз: арнада кімнің қалай дауыс бергенін "
    "ешкім көрмейді.",
    ru="Опрос в {network}-канале может быть только анонимным, а здесь anonymous = false. Уберите "
    "эту строку или поставьте true: в канале никто не видит, кто как проголосовал.",
    en="A poll in a {network} channel can only be anonymous, and this one has anonymous = false. "
    "Remove that line or set it to true: in a channel nobody sees who voted how.",
)


class PollLimitOverride(RuleSettings):
    """The limits P307 reads, for one network; a field left out keeps the default."""

    poll_question_max: PositiveInt | None = None
    poll_options_min: PositiveInt | None = None
    poll_options_max: PositiveInt | None = None
    poll_option_max: PositiveInt | None = None


class PollSettings(RuleSettings):
    overrides: dict[NetworkName, PollLimitOverride] = Field(default_factory=dict)
    unit: CharacterUnit = "utf16"
    #: Arna's Telegram targets are channels, where a poll must be anonymous (PLATFORMS.md ⚠).
    channel_polls_anonymous: bool = True


def _poll_text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _option_key(option: str) -> str:
    return " ".join(unicodedata.normalize("NFC", option).casefold().split())


class PollInvalid(Rule):
    code = "P307"
    name = "poll-invalid"
    severity = Severity.ERROR
    networks = frozenset({"telegram"})
    Settings = PollSettings
    doc = RuleDoc(
        what=Text(
            kk="Telegram сауалнамасы дұрыс емес: сұрағы бос не 300 таңбадан ұзын, жауап нұсқалары "
            "2-ден аз не 12-ден көп, нұсқа бос не 100 таңбадан ұзын, нұсқалар қайталанады, немесе "
            "арнадағы сауалнама анонимді емес.",
            ru="Опрос в Telegram составлен неверно: вопрос пуст или длиннее 300 знаков, вариантов "
            "ответа меньше 2 или больше 12, вариант пуст или длиннее 100 знаков, варианты "
            "повторяются, или опрос в канале не анонимный.",
            en="A Telegram poll is invalid: its question is empty or longer than 300 characters, "
            "it has fewer than 2 or more than 12 options, an option is empty or longer than 100, "
            "options repeat, or a channel poll is not anonymous.",
        ),
        why=Text(
            kk="Telegram Bot API мұндай сауалнаманы қабылдамайды (sendPoll қате қайтарады), ал "
            "қайталанған нұсқа дауыстарды бөліп, нәтижені бұзады. Нұсқаулық сауалнамаларды апталық "
            "жоспарға енгізуді ұсынады.",
            ru="Telegram Bot API не примет такой опрос (sendPoll вернёт ошибку), а повторённый "
            "вариант делит голоса и портит итог. Методичка советует включать опросы в недельный "
            "план.",
            en="The Telegram Bot API refuses such a poll (sendPoll fails), and a repeated option "
            "splits the votes and spoils the result. The guide recommends polls in the weekly plan.",
        ),
        section=PLATFORMS_SECTION + "; PLATFORMS.md §1, Polls; RULES.md P307 (2-12 options)",
        quote_kk="«Орташа бір аптада әртүрлі мазмұндағы бірнеше: ... сауалнамалар, тестілер және "
        "басқаларды салуға болады»",
        quote_ru="«В среднем в неделю можно выкладывать по несколько публикаций разного "
        "содержания: ... опросы, тесты и др.»",
        instead=Text(
            kk="Сұрақты қысқа қойыңыз (300 таңбаға дейін), 2–12 әртүрлі жауап нұсқасын жазыңыз "
            "(әрқайсысы 100 таңбаға дейін), арнадағы сауалнаманы анонимді қалдырыңыз.",
            ru="Задайте короткий вопрос (до 300 знаков), дайте 2–12 разных вариантов ответа (каждый "
            "до 100 знаков), опрос в канале оставьте анонимным.",
            en="Ask a short question (up to 300 characters), give 2-12 different options (each up "
            "to 100), and keep a channel poll anonymous.",
        ),
        waive=Text(
            kk="Рұқсат етілмейді: Telegram мұндай сауалнаманы қабылдамайды.",
            ru="Не снимается: Telegram не примет такой опрос.",
            en="Not waivable: Telegram refuses such a poll.",
        ),
    )
    message = TOO_FEW_OPTIONS
    must_flag = (
        Example(
            "Сауалнамаға қатысыңыз!",
            kind="poll",
            language="kk",
            options={"poll": {"question": "Қай кітапты оқыдыңыз?", "options": ["Абай жолы"]}},
            note="one option",
        ),
        Example(
            "Примите участие в опросе!",
            kind="poll",
            language="ru",
            options={
                "poll": {
                    "question": "Какой формат фестиваля вам ближе?",
                    "options": ["Лекции", "Мастер-классы", "лекции "],
                }
            },
            note="a repeated option",
        ),
        Example(
            "Примите участие в опросе!",
            kind="poll",
            language="ru",
            options={
                "poll": {
                    "question": "Придёте на фестиваль?",
                    "options": ["Да", "Нет"],
                    "anonymous": False,
                }
            },
            note="a channel poll must be anonymous",
        ),
        Example(
            "Сауалнама",
            kind="poll",
            language="kk",
            options={"poll": {"question": "Сіз " * 80 + "?", "options": ["Иә", "Жоқ"]}},
            note="a 321-character question",
        ),
    )
    must_pass = (
        Example(
            "Сауалнамаға қатысыңыз!",
            kind="poll",
            language="kk",
            options={
                "poll": {
                    "question": "Қай кітапты оқыдыңыз?",
                    "options": ["Абай жолы", "Көшпенділер"],
                }
            },
        ),
        Example(
            "Выберите лучшую книгу месяца.",
            kind="poll",
            language="ru",
            options={
                "poll": {
                    "question": "Какая книга месяца лучшая?",
                    "options": [f"Книга № {i}" for i in range(1, 13)],
                    "anonymous": True,
                    "multiple": True,
                }
            },
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings: PollSettings = self.settings  # type: ignore[assignment]
        poll = subject.options.get("poll")
        if not isinstance(poll, Mapping):
            if subject.kind == "poll":
                yield self.finding(message=POLL_MISSING, evidence={"poll": None})
            return
        limits = effective_limits(ctx, subject, settings.overrides) or NetworkLimits(
            network=subject.network
        )
        network = network_title(subject.network)
        yield from self._question(_poll_text(poll.get("question")), limits, network, settings)
        raw = poll.get("options")
        choices = [_poll_text(o) for o in raw] if isinstance(raw, list | tuple) else []
        yield from self._options(choices, limits, network, settings)
        if settings.channel_polls_anonymous and poll.get("anonymous") is False:
            yield self.finding(
                message=NOT_ANONYMOUS, network=network, evidence={"anonymous": False}
            )

    def _question(
        self, question: str, limits: NetworkLimits, network: str, settings: PollSettings
    ) -> Iterable[Finding]:
        limit = limits.poll_question_max
        if not question.strip():
            yield self.finding(
                message=QUESTION_EMPTY, limit=limit or "—", evidence={"question": question}
            )
            return
        count = char_count(question, settings.unit)
        if limit is not None and count > limit:
            yield self.finding(
                message=QUESTION_TOO_LONG,
                network=network,
                count=count,
                limit=limit,
                excess=count - limit,
                evidence={"field": "question", "count": count, "limit": limit},
            )

    def _options(
        self, choices: list[str], limits: NetworkLimits, network: str, settings: PollSettings
    ) -> Iterable[Finding]:
        low, high = limits.poll_options_min, limits.poll_options_max
        count = len(choices)
        if low is not None and count < low:
            yield self.finding(
                message=TOO_FEW_OPTIONS,
                count=count,
                limit=low,
                evidence={"options": count, "min": low},
            )
        if high is not None and count > high:
            yield self.finding(
                message=TOO_MANY_OPTIONS,
                network=network,
                count=count,
                limit=high,
                excess=count - high,
                evidence={"options": count, "max": high},
            )
        seen: dict[str, list[int]] = {}
        for index, option in enumerate(choices, start=1):
            if not option.strip():
                yield self.finding(message=OPTION_EMPTY, index=index, evidence={"index": index})
                continue
            seen.setdefault(_option_key(option), []).append(index)
            length = char_count(option, settings.unit)
            limit = limits.poll_option_max
            if limit is not None and length > limit:
                yield self.finding(
                    message=OPTION_TOO_LONG,
                    network=network,
                    index=index,
                    count=length,
                    limit=limit,
                    excess=length - limit,
                    option=_preview(option),
                    evidence={"index": index, "count": length, "limit": limit},
                )
        for indexes in seen.values():
            if len(indexes) > 1:
                first = choices[indexes[0] - 1]
                yield self.finding(
                    message=DUPLICATE_OPTIONS,
                    option=_preview(first),
                    indexes=", ".join(map(str, indexes)),
                    evidence={"option": first, "indexes": indexes},
                )


RULES: tuple[type[Rule], ...] = (
    TextTooLong,
    MediaMixUnsupported,
    YoutubeMetadataInvalid,
    PollInvalid,
)
