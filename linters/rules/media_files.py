"""P303 image-out-of-limits, P304 video-out-of-limits, P305 unreadable-media: the media parts of
the platform rules. The limits come from `channels.limits` through the context (PLATFORMS.md); the
file facts from `linters.media_facts`, which reads headers and decodes nothing it does not need.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from linters.context import LintContext
from linters.findings import Finding, Severity
from linters.media_facts import media_facts
from linters.rule import Example, Rule, RuleDoc, RuleSettings
from linters.subject import Subject
from posts.i18n import Text

SECTION = "PLATFORMS.md: each network's media limits"
QUOTE_KK = (
    "«Әр әлеуметтік желінің ... өздеріне арнайы арналып әзірленген ... бірегей контенті болуы тиіс»"
)
QUOTE_RU = "«Каждая социальная сеть ... должна иметь свой уникальный контент, разработанный специально для них»"
MB = 1_000_000

# extensions a file of each kind may carry; a mismatch means the file is not what it says
EXTENSIONS = {
    "image/jpeg": (".jpg", ".jpeg", ".jpe", ".jfif"),
    "image/png": (".png",),
    "image/gif": (".gif",),
    "image/webp": (".webp",),
    "image/svg+xml": (".svg",),
    "video/mp4": (".mp4", ".m4v", ".mov"),
    "video/quicktime": (".mov", ".mp4", ".qt"),
    "video/webm": (".webm", ".mkv"),
    "video/x-matroska": (".mkv", ".webm"),
    "application/pdf": (".pdf",),
}


# -- P305 ------------------------------------------------------------------------------------------

UNREADABLE = Text(
    kk="«{file}» файлын оқу мүмкін емес: {reason}",
    ru="Файл «{file}» не читается: {reason}",
    en="«{file}» cannot be read: {reason}",
)
DECODE_FAILED = Text(
    kk="файл ашылмады ({detail}). Файлды қайта сақтаңыз немесе түпнұсқасын қайта жүктеңіз.",
    ru="файл не открывается ({detail}). Пересохраните файл или загрузите оригинал заново.",
    en="the file does not open ({detail}). Save it again or upload the original again.",
)
MISSING = Text(
    kk="файл жоқ. Жолын тексеріңіз немесе файлды қайта қосыңыз.",
    ru="файла нет. Проверьте путь или добавьте файл заново.",
    en="the file is missing. Check the path or add the file again.",
)
WRONG_EXTENSION = Text(
    kk="кеңейтімі «{extension}», бірақ мазмұны — {mime}. Файлды дұрыс пішімде экспорттаңыз.",
    ru="расширение «{extension}», но внутри {mime}. Экспортируйте файл в нужном формате.",
    en="its extension is «{extension}» but it holds {mime}. Export it in the right format.",
)


class UnreadableMediaRule(Rule):
    code = "P305"
    name = "unreadable-media"
    severity = Severity.ERROR
    doc = RuleDoc(
        what=Text(
            kk="Медиа файл жоқ, бос, үзілген, бүлінген, кеңейтімі мазмұнына сай емес немесе "
            "«декомпрессиялық бомба». Табылған себеп файлдың атымен айтылады; қалған файлдар мен "
            "жазбалар тексеріле береді.",
            ru="Медиафайл отсутствует, пуст, обрезан, повреждён, не соответствует своему "
            "расширению или является «бомбой распаковки». Причина называется вместе с именем "
            "файла; остальные файлы и посты проверяются дальше.",
            en="A media file is missing, empty, truncated, corrupt, not what its extension says, "
            "or a decompression bomb. The finding names the file and the reason; the other media "
            "and posts are still linted.",
        ),
        why=Text(
            kk="Желі мұндай файлды қабылдамайды: жазба жоспардағы уақытында шықпайды.",
            ru="Сеть не примет такой файл, и пост не выйдет в запланированное время.",
            en="The network refuses such a file, and the post misses its planned slot.",
        ),
        section=SECTION,
        quote_kk=QUOTE_KK,
        quote_ru=QUOTE_RU,
        instead=Text(
            kk="Файлды түпнұсқадан қайта экспорттаңыз (JPEG, PNG, MP4) және қайта қосыңыз.",
            ru="Экспортируйте файл из оригинала заново (JPEG, PNG, MP4) и добавьте снова.",
            en="Export the file again from the original (JPEG, PNG, MP4) and add it again.",
        ),
        waive=Text(
            kk="Рұқсат етілмейді: бүлінген файл жарияланбайды.",
            ru="Не снимается: повреждённый файл не опубликуется.",
            en="Not waivable: a broken file cannot be published.",
        ),
    )
    message = UNREADABLE
    must_flag = (
        Example(
            "Кітап апталығынан суреттер.", kind="photo", language="kk", samples=("truncated-jpeg",)
        ),
        Example("Фото с фестиваля.", kind="photo", language="ru", samples=("empty-file",)),
        Example("Видео с фестиваля.", kind="video", language="ru", samples=("png-named-mp4",)),
    )
    must_pass = (
        Example(
            "Кітап апталығынан суреттер.", kind="photo", language="kk", samples=("photo-1080",)
        ),
        Example("Видео с фестиваля.", kind="video", language="ru", samples=("video-10s",)),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        for ref in subject.media:
            if ref.problem is not None:
                kk, ru, en = ref.problem
                yield self._finding(ref.name, kk, ru, en, {"reason": en})
                continue
            if ref.path is None or not ref.path.exists():
                yield self._from(ref.name, MISSING, {}, {"reason": "missing"})
                continue
            expected = EXTENSIONS.get(ref.mime or "")
            extension = Path(ref.name).suffix.lower()
            if expected and extension and extension not in expected:
                params = {"extension": extension, "mime": ref.mime}
                yield self._from(
                    ref.name, WRONG_EXTENSION, params, {"reason": "extension", **params}
                )
                continue
            facts = media_facts(ctx, ref)
            if not facts.readable() and facts.failure:
                params = {"detail": facts.failure}
                yield self._from(ref.name, DECODE_FAILED, params, {"reason": facts.failure})

    def _from(
        self, media: str, reason: Text, params: dict[str, object], evidence: dict[str, object]
    ) -> Finding:
        return self._finding(
            media,
            reason.format("kk", **params),
            reason.format("ru", **params),
            reason.format("en", **params),
            evidence,
        )

    def _finding(
        self, media: str, kk: str, ru: str, en: str, evidence: dict[str, object]
    ) -> Finding:
        return self.finding(
            media=media,
            file=media,
            evidence={"media": media, **evidence},
            reason=Text(kk=kk, ru=ru, en=en),
        )


# -- P303 ------------------------------------------------------------------------------------------

IMAGE_LIMIT = Text(
    kk="«{file}» суреті {network} шегінен тыс: {problem}.",
    ru="Изображение «{file}» выходит за пределы {network}: {problem}.",
    en="The image «{file}» is outside {network}'s limits: {problem}.",
)


class ImageOutOfLimits(Rule):
    code = "P303"
    name = "image-out-of-limits"
    severity = Severity.ERROR
    doc = RuleDoc(
        what=Text(
            kk="Сурет желінің шегіне сай емес. Telegram: ең көбі 10 МБ, ені мен биіктігінің "
            "қосындысы ең көбі 10000, пішін қатынасы ең көбі 20. Instagram: JPEG, ең көбі 8 МиБ, "
            "қатынасы 4:5 пен 1,91:1 аралығында. X: ең көбі 5 МБ. VK: ең көбі 50 МБ, қосынды 14000.",
            ru="Изображение не укладывается в пределы сети. Telegram: не более 10 МБ, сумма "
            "ширины и высоты не более 10000, соотношение сторон не более 20. Instagram: JPEG, не "
            "более 8 МиБ, соотношение от 4:5 до 1,91:1. X: не более 5 МБ. VK: не более 50 МБ, "
            "сумма сторон не более 14000.",
            en="The image is outside the network's limits. Telegram: at most 10 MB, width + "
            "height at most 10000, aspect ratio at most 20. Instagram: JPEG, at most 8 MiB, aspect "
            "ratio between 4:5 and 1.91:1. X: at most 5 MB. VK: at most 50 MB, width + height at "
            "most 14000.",
        ),
        why=Text(
            kk="Желінің API-і мұндай суретті қабылдамайды немесе қиып тастайды.",
            ru="API сети отклонит такое изображение или обрежет его.",
            en="The network's API refuses such an image or crops it.",
        ),
        section=SECTION,
        quote_kk=QUOTE_KK,
        quote_ru=QUOTE_RU,
        instead=Text(
            kk="Суретті желіге арнап дайындаңыз: Instagram үшін 1080×1350 (4:5) не 1080×1080 JPEG.",
            ru="Подготовьте изображение для сети: для Instagram JPEG 1080×1350 (4:5) или 1080×1080.",
            en="Prepare the image for the network: for Instagram a 1080×1350 (4:5) or 1080×1080 JPEG.",
        ),
    )
    message = IMAGE_LIMIT
    must_flag = (
        Example(
            "Фестивальдің панорамасы.",
            network="instagram",
            kind="photo",
            language="kk",
            samples=("photo-wide",),
        ),
        Example(
            "Фото фестиваля.",
            network="instagram",
            kind="photo",
            language="ru",
            samples=("photo-png",),
        ),
        Example(
            "Фото фестиваля.",
            network="telegram",
            kind="photo",
            language="ru",
            samples=("photo-huge-sides",),
        ),
    )
    must_pass = (
        Example(
            "Фестивальдің суреті.",
            network="instagram",
            kind="photo",
            language="kk",
            samples=("photo-square",),
        ),
        Example(
            "Панорама фестиваля.",
            network="telegram",
            kind="photo",
            language="ru",
            samples=("photo-wide",),
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        limits = ctx.limits_for(subject)
        if limits is None:
            return
        for ref in subject.media:
            if ref.kind != "image" or ref.problem is not None or ref.mime == "image/svg+xml":
                continue
            problems = []
            if limits.photo_formats and ref.mime not in limits.photo_formats:
                problems.append(f"{ref.mime}, not {' / '.join(limits.photo_formats)}")
            if limits.photo_max_bytes and ref.size and ref.size > limits.photo_max_bytes:
                problems.append(f"{ref.size / MB:.1f} MB > {limits.photo_max_bytes / MB:.1f} MB")
            if ref.width and ref.height:
                w, h = ref.width, ref.height
                if limits.photo_max_sides_sum and w + h > limits.photo_max_sides_sum:
                    problems.append(f"{w} + {h} = {w + h} > {limits.photo_max_sides_sum}")
                ratio = max(w, h) / min(w, h)
                if limits.photo_max_ratio and ratio > limits.photo_max_ratio:
                    problems.append(f"aspect ratio {ratio:.1f} > {limits.photo_max_ratio:g}")
                if limits.photo_min_ratio_w_h and w / h < limits.photo_min_ratio_w_h - 1e-3:
                    problems.append(f"{w}:{h} is taller than {limits.photo_min_ratio_w_h:.2f}:1")
                if limits.photo_max_ratio_w_h and w / h > limits.photo_max_ratio_w_h + 1e-3:
                    problems.append(f"{w}:{h} is wider than {limits.photo_max_ratio_w_h:.2f}:1")
            if problems:
                yield self.finding(
                    media=ref.name,
                    file=ref.name,
                    network=subject.network,
                    problem="; ".join(problems),
                    evidence={
                        "media": ref.name,
                        "width": ref.width,
                        "height": ref.height,
                        "bytes": ref.size,
                        "mime": ref.mime,
                        "problems": problems,
                    },
                )


# -- P304 ------------------------------------------------------------------------------------------

VIDEO_LIMIT = Text(
    kk="«{file}» бейнесі {network} шегінен тыс: {problem}.",
    ru="Видео «{file}» выходит за пределы {network}: {problem}.",
    en="The video «{file}» is outside {network}'s limits: {problem}.",
)


class VideoLimitSettings(RuleSettings):
    shorts_max_seconds: float = 180.0  # a YouTube Short: 3 minutes at most, square or vertical


class VideoOutOfLimits(Rule):
    code = "P304"
    name = "video-out-of-limits"
    severity = Severity.ERROR
    Settings = VideoLimitSettings
    doc = RuleDoc(
        what=Text(
            kk="Бейне желінің шегіне сай емес. Telegram: бұлттық Bot API арқылы ең көбі 50 МБ "
            "(өз серверіңіз арқылы 2000 МБ). X: 0,5 с пен 20 мин аралығы. Instagram Reels: 3 с пен "
            "15 мин аралығы. YouTube Shorts: 3 минуттан аспайды, шаршы не тік.",
            ru="Видео не укладывается в пределы сети. Telegram: не более 50 МБ через облачный "
            "Bot API (2000 МБ через свой сервер). X: от 0,5 с до 20 мин. Instagram Reels: от 3 с "
            "до 15 мин. YouTube Shorts: не длиннее 3 минут, квадратное или вертикальное.",
            en="The video is outside the network's limits. Telegram: at most 50 MB through the "
            "cloud Bot API (2000 MB through a self-hosted server). X: 0.5 s to 20 min. Instagram "
            "Reels: 3 s to 15 min. YouTube Shorts: 3 minutes at most, square or vertical.",
        ),
        why=Text(
            kk="Желінің API-і мұндай бейнені қабылдамайды.",
            ru="API сети отклонит такое видео.",
            en="The network's API refuses such a video.",
        ),
        section=SECTION,
        quote_kk=QUOTE_KK,
        quote_ru=QUOTE_RU,
        instead=Text(
            kk="Бейнені желіге арнап қысқартыңыз не сығыңыз; Shorts пен Reels үшін тік (9:16) "
            "түсіріңіз.",
            ru="Сократите или пережмите видео под сеть; для Shorts и Reels снимайте вертикально "
            "(9:16).",
            en="Trim or re-encode the video for the network; shoot vertical (9:16) for Shorts "
            "and Reels.",
        ),
    )
    message = VIDEO_LIMIT
    must_flag = (
        Example(
            "Фестивальден қысқа бейне.",
            network="instagram",
            kind="video",
            language="kk",
            samples=("video-2s",),
        ),
        Example(
            "Короткое видео с фестиваля.",
            network="youtube",
            kind="video",
            language="ru",
            options={"title": "Фестиваль", "shorts": True},
            samples=("video-10s",),
        ),
    )
    must_pass = (
        Example(
            "Фестивальден бейне.",
            network="instagram",
            kind="video",
            language="kk",
            samples=("video-10s",),
        ),
        Example(
            "Короткое видео с фестиваля.",
            network="youtube",
            kind="video",
            language="ru",
            options={"title": "Фестиваль", "shorts": True},
            samples=("video-vertical",),
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        limits = ctx.limits_for(subject)
        if limits is None:
            return
        settings: VideoLimitSettings = self.settings  # type: ignore[assignment]
        channel = ctx.channel(subject)
        max_bytes = limits.video_max_bytes
        if channel is not None and channel.self_hosted_api and limits.video_max_bytes_self_hosted:
            max_bytes = limits.video_max_bytes_self_hosted
        for ref in subject.media:
            if ref.kind != "video" or ref.problem is not None:
                continue
            problems = []
            if max_bytes and ref.size and ref.size > max_bytes:
                problems.append(f"{ref.size / MB:.1f} MB > {max_bytes / MB:.0f} MB")
            seconds = ref.duration
            if seconds is not None:
                if limits.video_min_seconds and seconds < limits.video_min_seconds:
                    problems.append(f"{seconds:.1f} s < {limits.video_min_seconds:g} s")
                if limits.video_max_seconds and seconds > limits.video_max_seconds:
                    problems.append(f"{seconds:.1f} s > {limits.video_max_seconds:g} s")
            if subject.network == "youtube" and subject.options.get("shorts"):
                if seconds is not None and seconds > settings.shorts_max_seconds:
                    problems.append(
                        f"a Short of {seconds:.0f} s > {settings.shorts_max_seconds:g} s"
                    )
                if ref.width and ref.height and ref.width > ref.height:
                    problems.append(
                        f"a Short must be square or vertical, not {ref.width}×{ref.height}"
                    )
            if problems:
                yield self.finding(
                    media=ref.name,
                    file=ref.name,
                    network=subject.network,
                    problem="; ".join(problems),
                    evidence={
                        "media": ref.name,
                        "seconds": seconds,
                        "bytes": ref.size,
                        "width": ref.width,
                        "height": ref.height,
                        "problems": problems,
                    },
                )


RULES: tuple[type[Rule], ...] = (ImageOutOfLimits, VideoOutOfLimits, UnreadableMediaRule)
