"""M420 video-over-one-minute, M421 video-not-dynamic, M422 video-low-quality.

M420 and M422 read the container's headers only; M421 finds the cuts (`linters.media.video`),
decoding only the frames it needs within a CPU budget. The evidence holds the measured numbers
and, for M421, the cut times, which the HTML report shows as a strip of frames.
"""

from __future__ import annotations

from collections.abc import Iterable

from linters.context import LintContext
from linters.findings import Finding, Severity
from linters.media_facts import readable_media
from linters.rule import Example, Rule, RuleDoc, RuleSettings, StrList
from linters.rules.photos import SECTION
from linters.subject import Subject
from posts.i18n import Text

VIDEO_QUOTE_KK = "«қарқынды монтажбен 1 минутқа дейінгі хронометражды қысқа бейнероликтерді орналастыруға болады»"
VIDEO_QUOTE_RU = "«можно размещать короткие динамичные видеоролики хронометражем до 1 минуты»"


# -- M420 ------------------------------------------------------------------------------------------

TOO_LONG = Text(
    kk="«{file}» бейнесі {seconds} секунд: нұсқаулық 1 минутқа дейінгі бейнені ұсынады.",
    ru="Видео «{file}» длится {seconds} с: методичка рекомендует ролики до 1 минуты.",
    en="The video «{file}» runs {seconds} s: the guide asks for videos under one minute.",
)


class VideoLengthSettings(RuleSettings):
    max_seconds: float = 60.0
    exempt_networks: StrList = ("youtube",)  # the guide wants full, well-edited videos there


class VideoOverOneMinute(Rule):
    code = "M420"
    name = "video-over-one-minute"
    severity = Severity.ERROR
    Settings = VideoLengthSettings
    doc = RuleDoc(
        what=Text(
            kk="Бейне 60,0 секундтан ұзын. YouTube әдепкі бойынша босатылған: онда нұсқаулық "
            "толық, жақсы монтаждалған бейнені сұрайды ([lint.rules.M420] exempt_networks).",
            ru="Видео длиннее 60,0 секунды. YouTube по умолчанию освобождён: там методичка просит "
            "полноценные, хорошо смонтированные ролики ([lint.rules.M420] exempt_networks).",
            en="A video longer than 60.0 s. YouTube is exempt by default, since the guide asks for "
            "full, well-edited videos there ([lint.rules.M420] exempt_networks).",
        ),
        why=Text(
            kk="Әлеуметтік желіде ұзын бейнені соңына дейін көрмейді; нұсқаулық 1 минутқа дейінгі "
            "қысқа әрі қарқынды роликтерді сұрайды.",
            ru="Длинное видео в соцсети не досматривают; методичка просит короткие динамичные "
            "ролики до 1 минуты.",
            en="Long videos are not watched to the end on social networks; the guide asks for "
            "short, dynamic clips under one minute.",
        ),
        section=SECTION,
        quote_kk=VIDEO_QUOTE_KK,
        quote_ru=VIDEO_QUOTE_RU,
        instead=Text(
            kk="Бейнені 1 минутқа дейін қысқартыңыз; толық нұсқасын YouTube-қа салып, сілтеме беріңіз.",
            ru="Сократите ролик до минуты; полную версию выложите на YouTube и дайте ссылку.",
            en="Cut the video to under a minute; put the full version on YouTube and link to it.",
        ),
    )
    message = TOO_LONG
    must_flag = (
        Example(
            "Фестивальден бейне.",
            network="instagram",
            kind="video",
            language="kk",
            samples=("video-70s",),
        ),
        Example(
            "Видео с фестиваля.",
            network="telegram",
            kind="video",
            language="ru",
            samples=("video-70s",),
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
            "Полное видео фестиваля.",
            network="youtube",
            kind="video",
            language="ru",
            options={"title": "Фестиваль"},
            samples=("video-70s",),
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings: VideoLengthSettings = self.settings  # type: ignore[assignment]
        if subject.network in settings.exempt_networks:
            return
        for ref, facts in readable_media(ctx, subject.media, "video"):
            video = facts.video()
            if video is not None and video.duration > settings.max_seconds:
                yield self.finding(
                    media=ref.name,
                    time=(settings.max_seconds, video.duration),
                    file=ref.name,
                    seconds=f"{video.duration:.1f}",
                    evidence={
                        "media": ref.name,
                        "seconds": round(video.duration, 2),
                        "max_seconds": settings.max_seconds,
                    },
                )


# -- M421 ------------------------------------------------------------------------------------------

NOT_DYNAMIC = Text(
    kk="«{file}» бейнесінде бір кадр орта есеппен {mean} секунд тұрады ({shots} кадр): "
    "монтажы баяу.",
    ru="В видео «{file}» план длится в среднем {mean} с ({shots} планов): монтаж медленный.",
    en="In the video «{file}» a shot lasts {mean} s on average ({shots} shots): the editing is "
    "slow.",
)


class DynamicSettings(RuleSettings):
    max_mean_shot_seconds: float = 8.0
    min_video_seconds: float = 10.0  # a shorter clip is one moment: not judged


class VideoNotDynamic(Rule):
    code = "M421"
    name = "video-not-dynamic"
    severity = Severity.WARNING
    Settings = DynamicSettings
    doc = RuleDoc(
        what=Text(
            kk="Нұсқаулық қарқынды монтажды сұрайды. Кесінділер (монтаж жапсарлары) табылады; "
            "бір кадрдың орташа ұзақтығы 8 секундтан асса, ереже іске қосылады. Дәлел — кесінді "
            "уақыттары.",
            ru="Методичка просит динамичный монтаж. Находятся склейки; если средний план длиннее "
            "8 секунд, правило срабатывает. Доказательство — времена склеек.",
            en="The guide wants dynamic editing. Cuts are detected; the rule fires when the "
            "average shot is longer than 8 s. Evidence: the cut times.",
        ),
        why=Text(
            kk="Баяу бейнені желіде айналдырып өтіп кетеді.",
            ru="Медленное видео в ленте пролистывают.",
            en="A slow video is scrolled past in the feed.",
        ),
        section=SECTION,
        quote_kk=VIDEO_QUOTE_KK,
        quote_ru=VIDEO_QUOTE_RU,
        instead=Text(
            kk="Ұзын кадрларды қысқартып, әр 2–5 секунд сайын жаңа кадр қойыңыз.",
            ru="Сократите длинные планы, меняйте план каждые 2–5 секунд.",
            en="Trim long shots; change the shot every 2–5 seconds.",
        ),
    )
    message = NOT_DYNAMIC
    must_flag = (
        Example("Фестивальден бейне.", kind="video", language="kk", samples=("video-one-shot",)),
        Example(
            "Видео с фестиваля.",
            network="instagram",
            kind="video",
            language="ru",
            samples=("video-one-shot",),
        ),
    )
    must_pass = (
        Example("Фестивальден бейне.", kind="video", language="kk", samples=("video-10s",)),
        Example("Видео с фестиваля.", kind="video", language="ru", samples=("video-lively",)),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings: DynamicSettings = self.settings  # type: ignore[assignment]
        for ref, facts in readable_media(ctx, subject.media, "video"):
            video = facts.video()
            if video is None or video.duration < settings.min_video_seconds:
                continue
            report = facts.cuts()
            if report is None or report.mean_shot_seconds <= settings.max_mean_shot_seconds:
                continue
            yield self.finding(
                media=ref.name,
                file=ref.name,
                mean=f"{report.mean_shot_seconds:.1f}",
                shots=report.shots,
                evidence={
                    "media": ref.name,
                    "cuts": [round(t, 2) for t in report.cuts],
                    "shots": report.shots,
                    "mean_shot_seconds": round(report.mean_shot_seconds, 2),
                    "max_mean_shot_seconds": settings.max_mean_shot_seconds,
                    "analysed_seconds": round(report.analysed_seconds, 2),
                    "complete": report.complete,
                    "keyframes_only_from": report.sparse_from,
                },
            )


# -- M422 ------------------------------------------------------------------------------------------

LOW_QUALITY = Text(
    kk="YouTube-қа арналған «{file}» бейнесінің сапасы төмен: {problem}.",
    ru="У видео «{file}» для YouTube низкое качество: {problem}.",
    en="The YouTube video «{file}» is of low quality: {problem}.",
)


class VideoQualitySettings(RuleSettings):
    min_short_side: int = 720
    min_bitrate_720p: int = 1_500_000  # bits per second


class VideoLowQuality(Rule):
    code = "M422"
    name = "video-low-quality"
    severity = Severity.WARNING
    networks = frozenset({"youtube"})
    Settings = VideoQualitySettings
    doc = RuleDoc(
        what=Text(
            kk="YouTube үшін: ажыратымдылығы 720p-ден төмен, дыбыс жолы жоқ, не 720p-де бейне "
            "битрейті 1,5 Мбит/с-тан төмен.",
            ru="Для YouTube: разрешение ниже 720p, нет звуковой дорожки или битрейт видео ниже "
            "1,5 Мбит/с при 720p.",
            en="For YouTube: resolution below 720p, no audio track, or a video bitrate under "
            "1.5 Mbit/s at 720p.",
        ),
        why=Text(
            kk="Нұсқаулық YouTube-та толық пысықталған режиссурасы, дыбысы мен монтажы бар "
            "сапалы бейнені сұрайды.",
            ru="Методичка просит на YouTube качественное видео с проработанной режиссурой, звуком "
            "и монтажом.",
            en="The guide asks for quality video on YouTube, with worked-out direction, sound and "
            "editing.",
        ),
        section=SECTION,
        quote_kk="YouTube: «толық пысықталған режиссурасы, дыбысы және монтажы бар»",
        quote_ru="YouTube: «с проработанной режиссурой, звуком и монтажом»",
        instead=Text(
            kk="Бейнені кемінде 720p-де, дыбысымен және жеткілікті битрейтпен экспорттаңыз.",
            ru="Экспортируйте видео не ниже 720p, со звуком и достаточным битрейтом.",
            en="Export the video at 720p or more, with sound and enough bitrate.",
        ),
    )
    message = LOW_QUALITY
    must_flag = (
        Example(
            "Фестиваль туралы фильм.",
            network="youtube",
            kind="video",
            language="kk",
            options={"title": "Фестиваль"},
            samples=("video-10s",),
        ),
        Example(
            "Фильм о фестивале.",
            network="youtube",
            kind="video",
            language="ru",
            options={"title": "Фестиваль"},
            samples=("video-70s",),
        ),
    )
    must_pass = (
        Example(
            "Фестиваль туралы фильм.",
            network="youtube",
            kind="video",
            language="kk",
            options={"title": "Фестиваль"},
            samples=("video-youtube-720p",),
        ),
        Example(
            "Фильм о фестивале.",
            network="telegram",
            kind="video",
            language="ru",
            samples=("video-10s",),
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings: VideoQualitySettings = self.settings  # type: ignore[assignment]
        for ref, facts in readable_media(ctx, subject.media, "video"):
            video = facts.video()
            if video is None:
                continue
            problems = []
            if video.short_side < settings.min_short_side:
                problems.append(f"{video.short_side}p < {settings.min_short_side}p")
            if not video.has_audio:
                problems.append("no audio track")
            if (
                video.short_side >= settings.min_short_side
                and video.bit_rate is not None
                and video.bit_rate < settings.min_bitrate_720p
            ):
                problems.append(
                    f"video bitrate {video.bit_rate / 1e6:.2f} Mbit/s < "
                    f"{settings.min_bitrate_720p / 1e6:.1f} Mbit/s"
                )
            if problems:
                yield self.finding(
                    media=ref.name,
                    file=ref.name,
                    problem="; ".join(problems),
                    evidence={
                        "media": ref.name,
                        "width": video.width,
                        "height": video.height,
                        "has_audio": video.has_audio,
                        "bit_rate": video.bit_rate,
                        "bit_rate_estimated": video.bit_rate_estimated,
                        "problems": problems,
                    },
                )


RULES: tuple[type[Rule], ...] = (VideoOverOneMinute, VideoNotDynamic, VideoLowQuality)
