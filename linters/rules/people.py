"""M401 report-photo, M402 staged-photo, M404 official-on-the-spot: people in the post's photos.

All three read the faces found by `linters.media.faces` (OpenCV's Haar cascades, shipped in the
wheel), found once per photo and shared. Face detection is the costliest photo analysis (about
half a second for a 12-megapixel photo on one core), so M401 and M404 look for faces only when
their cheap condition already holds: for M401 an internal plan event or report wording in the
caption, for M404 a popular channel and caption cues. M402 has no such condition and looks at
every photo, but only for faces that fill the frame, which is eight times cheaper (a 640-pixel
working copy, no windows under 30 pixels, frontal faces only). Precision comes first: each rule needs several agreeing signals, and the evidence
holds the face boxes and the measured numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from linters.context import ChannelView, LintContext, PlanItem
from linters.findings import Finding, Severity
from linters.genre_signals import genre_scores
from linters.media.faces import (
    FaceDetector,
    arrangement,
    large_face_detector,
    report_photo_signals,
    staged_photo_signals,
)
from linters.media_facts import MediaFacts, readable_media
from linters.rule import Example, Rule, RuleDoc, RuleSettings
from linters.rules.photos import PHOTO_QUOTE_KK, PHOTO_QUOTE_RU, SECTION
from linters.subject import MediaRef, Subject
from posts.i18n import Text

DETECTOR_KEY = "faces.detector"
LARGE_FACES_KEY = "faces.detector.large"
PEOPLE_KINDS = frozenset({"photo", "album", "text", "announcement"})


def _faces(ctx: LintContext, facts: MediaFacts, large: bool = False):  # type: ignore[no-untyped-def]
    if large:
        detector = ctx.resources.get(LARGE_FACES_KEY, large_face_detector)
        return facts.faces(detector, key="faces.large")
    return facts.faces(ctx.resources.get(DETECTOR_KEY, FaceDetector))


def _t103_score(subject: Subject, ctx: LintContext) -> float:
    """The caption's event-report score, shared with the genre rules through the memo."""
    if not subject.text.strip():
        return 0.0
    scores = ctx.memo(subject, "genre.scores", lambda: genre_scores(subject.text))
    return scores["T103"].score


def _photos(subject: Subject, ctx: LintContext) -> list[tuple[MediaRef, MediaFacts]]:
    return [(r, f) for r, f in readable_media(ctx, subject.media, "image") if f.image() is not None]


# -- M401 ------------------------------------------------------------------------------------------

REPORT = Text(
    kk="«{file}» — іс-шарадан алынған «есеп беру» суреті: {faces} адам {bands} қатарда отыр{why}.",
    ru="«{file}» — «отчётное» фото с мероприятия: {faces} человек сидят в {bands} ряд(а){why}.",
    en="«{file}» is a report photo from an event: {faces} people seated in {bands} row(s){why}.",
)


class ReportPhotoSettings(RuleSettings):
    min_faces: int = 5
    max_bands: int = 2
    max_face_size: float = 0.08  # median face height / image height: "small"
    min_indoor: float = 0.5
    min_caption_score: float = 2.0  # T103 (event-report) score of the caption that links the photo


class ReportPhoto(Rule):
    code = "M401"
    name = "report-photo"
    severity = Severity.ERROR
    kinds = PEOPLE_KINDS
    Settings = ReportPhotoSettings
    doc = RuleDoc(
        what=Text(
            kk="Ішкі іс-шарадан (дөңгелек үстел, отырыс, кеңес, талқылау) түсірілген «есеп беру» "
            "суреті. Белгілері: көп бет (әдепкі бойынша 5 не одан көп), кішкентай, бір-екі "
            "көлденең қатарда (үстел басында не қатарда отырғандар), бөлме іші, және іс-шарамен "
            "байланыс: жоспардағы іс-шара «ішкі» не жазба мәтінінде есеп белгілері (T103). Дәлел — "
            "беттердің орны, қатар саны және іс-шара түрі.",
            ru="«Отчётное» («паркетное») фото с внутреннего мероприятия: круглого стола, заседания, "
            "совещания, обсуждения. Признаки: много лиц (по умолчанию 5 и больше), мелких, в одном-"
            "двух горизонтальных рядах (сидящие за столом или в рядах), помещение, и связь с "
            "мероприятием: событие плана «внутреннее» или в подписи признаки отчёта (T103). "
            "Доказательство — рамки лиц, число рядов и тип события.",
            en="A report-format photo from an internal event: a round table, session, meeting or "
            "discussion. Signals: many faces (5 or more by default) that are small and lie in one "
            "or two horizontal bands (people seated at a table or in rows), an indoor scene, and "
            "the link to the event: the linked plan event is internal, or the caption has T103 "
            "signals. Evidence: face boxes, the band count and the event type.",
        ),
        why=Text(
            kk="Нұсқаулық ішкі іс-шаралардың «паркетті» есеп беру суреттерін желіге салмауды сұрайды.",
            ru="Методичка прямо называет отчётные «паркетные» фото с внутренних мероприятий тем, что "
            "не стоит размещать в соцсетях.",
            en="The guide names report photos of internal events as something not to post.",
        ),
        section=SECTION,
        quote_kk=PHOTO_QUOTE_KK
        + "; «Ішкі іс-шаралардан: дөңгелек үстелдерден, отырыстардан, кеңестерден ... «паркетті» "
        "есеп беру фотографиялары»",
        quote_ru=PHOTO_QUOTE_RU
        + "; «Отчетные «паркетные» фотографии с внутренних мероприятий: круглых столов, заседаний, "
        "совещаний, обсуждений»",
        instead=Text(
            kk="Адамдарды жақын, эмоциясымен түсірілген кадрды таңдаңыз: сөйлеп тұрған адам, "
            "қызыққан көрермен, нәтиже.",
            ru="Выберите живой кадр крупным планом: говорящий человек, увлечённый слушатель, "
            "результат.",
            en="Pick a live close-up: a speaker, an engaged listener, a result.",
        ),
    )
    message = REPORT
    _internal = (PlanItem("2026-W48-07", "Дөңгелек үстел", internal=True),)
    must_flag = (
        Example(
            "Дөңгелек үстелден сурет.",
            kind="photo",
            language="kk",
            event="2026-W48-07",
            plan=_internal,
            samples=("photo-meeting",),
        ),
        Example(
            "Состоялось заседание круглого стола. В работе приняли участие представители "
            "акимата, было отмечено значение программы.",
            kind="photo",
            language="ru",
            samples=("photo-meeting",),
        ),
    )
    must_pass = (
        Example(
            "Кітап оқитын жастар — бізбен бірге!",
            kind="photo",
            language="kk",
            samples=("photo-meeting",),
        ),
        Example(
            "Состоялась встреча, в которой приняли участие волонтёры.",
            kind="photo",
            language="ru",
            samples=("photo-lineup",),
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings: ReportPhotoSettings = self.settings  # type: ignore[assignment]
        photos = _photos(subject, ctx)
        if not photos:
            return
        item = ctx.office.plan.get(subject.event or "")
        caption = _t103_score(subject, ctx)
        if item is not None and item.internal:
            why, link = f"; the plan event «{item.key}» is internal", "internal plan event"
        elif caption >= settings.min_caption_score:
            why, link = (
                f"; the caption reads as a report (T103 score {caption:.1f})",
                "report caption",
            )
        else:
            return
        for ref, facts in photos:
            faces = _faces(ctx, facts)
            image = facts.image()
            if not faces or image is None:
                continue
            signals = report_photo_signals(
                arrangement(faces, (image.width, image.height)),
                facts.indoor() or 0.0,
                min_faces=settings.min_faces,
                max_bands=settings.max_bands,
                max_face_size=settings.max_face_size,
                min_indoor=settings.min_indoor,
            )
            if signals["report_photo"]:
                yield self.finding(
                    media=ref.name,
                    file=ref.name,
                    faces=signals["faces"],
                    bands=signals["bands"],
                    why=why,
                    evidence={"media": ref.name, "link": link, "event": subject.event, **signals},
                )


# -- M402 ------------------------------------------------------------------------------------------

STAGED = Text(
    kk="«{file}» — қойылған сурет: {faces} адам бір қатарда камераға қарап тұр.",
    ru="«{file}» — постановочное фото: {faces} человек в один ряд смотрят в камеру.",
    en="«{file}» is a posed line-up: {faces} people in one row facing the camera.",
)


class StagedPhotoSettings(RuleSettings):
    min_faces: int = 4
    max_size_spread: float = 0.2
    min_span: float = 0.6
    min_face_size: float = 0.07


class StagedPhoto(Rule):
    code = "M402"
    name = "staged-photo"
    severity = Severity.WARNING
    kinds = PEOPLE_KINDS
    Settings = StagedPhotoSettings
    doc = RuleDoc(
        what=Text(
            kk="Қойылған сап: 4 не одан көп бет, бәрі камераға қарап, шамалас өлшемде, бір қатарда, "
            "кадрды толтырып тұр.",
            ru="Постановочная шеренга: 4 и больше лиц, все анфас, похожего размера, в один ряд, "
            "заполняют кадр.",
            en="A posed line-up: 4 or more faces, all frontal, of similar size, in one row, "
            "filling the frame.",
        ),
        why=Text(
            kk="Нұсқаулық қойылым кадрларсыз, нақты эмоциясы бар суреттерді сұрайды.",
            ru="Методичка просит фото без постановочных кадров, с живыми эмоциями.",
            en="The guide asks for photos without posed shots, with live emotion.",
        ),
        section=SECTION,
        quote_kk=PHOTO_QUOTE_KK,
        quote_ru=PHOTO_QUOTE_RU,
        instead=Text(
            kk="Іс үстінде түсірілген кадрды таңдаңыз.",
            ru="Выберите кадр, снятый в процессе, а не на камеру.",
            en="Pick a shot taken in action, not posed for the camera.",
        ),
    )
    message = STAGED
    must_flag = (
        Example("Еріктілер бізбен бірге.", kind="photo", language="kk", samples=("photo-lineup",)),
        Example("Наши волонтёры.", kind="photo", language="ru", samples=("photo-lineup",)),
    )
    must_pass = (
        Example("Еріктілер бізбен бірге.", kind="photo", language="kk", samples=("photo-meeting",)),
        Example("Наши волонтёры.", kind="photo", language="ru", samples=("photo-1080",)),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings: StagedPhotoSettings = self.settings  # type: ignore[assignment]
        for ref, facts in _photos(subject, ctx):
            faces = _faces(ctx, facts, large=True)
            image = facts.image()
            if not faces or image is None or len(faces) < settings.min_faces:
                continue
            signals = staged_photo_signals(
                arrangement(faces, (image.width, image.height)),
                min_faces=settings.min_faces,
                max_size_spread=settings.max_size_spread,
                min_span=settings.min_span,
                min_face_size=settings.min_face_size,
            )
            if signals["staged_photo"]:
                yield self.finding(
                    media=ref.name,
                    file=ref.name,
                    faces=signals["faces"],
                    evidence={"media": ref.name, **signals},
                )


# -- M404 ------------------------------------------------------------------------------------------

ON_THE_SPOT = Text(
    kk="Танымал арнаға лауазымды тұлғаның «орнында шешкенін» көрсететін сурет («{cue}»): "
    "нұсқаулық мұны ұсынбайды.",
    ru="Фото чиновника, «решающего проблему на месте» («{cue}»), в популярном канале: методичка "
    "этого не рекомендует.",
    en="A photo of an official 'solving a problem on the spot' («{cue}») in a popular channel: "
    "the guide advises against it.",
)
CUES = re.compile(
    r"(?<!\w)(?:лично\s+проверил\w*|поручил\w*\s+на\s+месте|взял\w*\s+(?:на\s+)?(?:личный\s+)?контроль"
    r"|на\s+месте\s+(?:решил|распорядил|поручил)\w*|дал\w*\s+поручени\w*\s+на\s+месте"
    r"|әкім\w*\s+(?:\w+\s+){0,3}(?:өзі\s+)?тексерді|өзі\s+тексерді|орнында\s+тапсырма\s+берді"
    r"|бақылауға\s+алды|жеке\s+бақылауына\s+алды)",
    re.IGNORECASE,
)


class OfficialOnTheSpot(Rule):
    code = "M404"
    name = "official-on-the-spot"
    severity = Severity.WARNING
    kinds = PEOPLE_KINDS | frozenset({"video"})
    doc = RuleDoc(
        what=Text(
            kk="Аудиториясы «popular» арнада: лауазымды тұлғаның камераға «орнында мәселе шешіп» "
            "жатқан суреті. Белгілері: мәтінде «әкім тексерді», «орнында тапсырма берді», «бақылауға "
            "алды» тәрізді сөздер және суретте адамның беті бар.",
            ru="Для канала с аудиторией «popular»: фото или видео чиновника, «решающего проблему на "
            "месте» на камеру. Признаки: в подписи «аким лично проверил», «поручил на месте», «взял "
            "на контроль», «әкім тексерді», и на фото есть лица.",
            en="For a channel whose audience is popular: a photo or video of an official 'solving "
            "a problem on the spot' for the camera. Signals: caption cues («аким лично проверил», "
            "«поручил на месте», «взял на контроль», «әкім тексерді») together with a photo that "
            "has faces.",
        ),
        why=Text(
            kk="Нұсқаулық мұндай суреттерді танымал пабликтерге қоймауды сұрайды.",
            ru="Методичка не рекомендует выставлять такие фото в популярные паблики.",
            en="The guide advises against such photos in popular public pages.",
        ),
        section=SECTION,
        quote_kk="«камераға есеп беру үшін «сол жерде» проблеманы шешу туралы биліктегі тұлғаның ... "
        "фотографиясын әлеуметтік желілердегі танымал пабликтерге, топтарға қою ұсынылмайды»",
        quote_ru="«не рекомендуется выставлять в популярные паблики, группы в соцсетях, с очень "
        "высоким рейтингом, фотографии и видео с изображением представителей власти, решающих "
        "проблему «на месте» на камеру»",
        instead=Text(
            kk="Нәтижені көрсетіңіз: жөнделген мектеп, қуанған тұрғындар; лауазымды тұлғасыз.",
            ru="Покажите результат: отремонтированную школу, довольных жителей, без чиновника в "
            "кадре.",
            en="Show the result: the repaired school, the residents; not the official.",
        ),
    )
    message = ON_THE_SPOT
    _popular = (ChannelView("tg-popular", "telegram", ("kk", "ru"), "popular"),)
    _own = (ChannelView("tg-own", "telegram", ("kk", "ru"), "own"),)
    must_flag = (
        Example(
            "Аудан әкімі мектептегі жөндеуді өзі тексерді.",
            kind="photo",
            language="kk",
            channel="tg-popular",
            channels=_popular,
            samples=("photo-lineup",),
        ),
        Example(
            "Аким лично проверил ход ремонта и поручил на месте устранить недостатки.",
            kind="photo",
            language="ru",
            channel="tg-popular",
            channels=_popular,
            samples=("photo-meeting",),
        ),
    )
    must_pass = (
        Example(
            "Аудан әкімі мектептегі жөндеуді өзі тексерді.",
            kind="photo",
            language="kk",
            channel="tg-popular",
            channels=_popular,
            samples=("photo-1080",),
        ),
        Example(
            "Аким лично проверил ход ремонта и поручил на месте устранить недостатки.",
            kind="photo",
            language="ru",
            channel="tg-own",
            channels=_own,
            samples=("photo-lineup",),
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        channel = ctx.channel(subject)
        if channel is None or channel.audience != "popular":
            return
        cue = CUES.search(subject.text)
        if cue is None:
            return
        for ref, facts in _photos(subject, ctx):
            faces = _faces(ctx, facts)
            if faces:
                yield self.finding(
                    media=ref.name,
                    region=faces[0].box,
                    cue=cue.group(),
                    evidence={
                        "media": ref.name,
                        "cue": cue.group(),
                        "channel": channel.id,
                        "faces": [list(f.box) for f in faces],
                    },
                )
                return


RULES: tuple[type[Rule], ...] = (ReportPhoto, StagedPhoto, OfficialOnTheSpot)
