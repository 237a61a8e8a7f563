"""M403 retouched-photo and M430 photo-low-quality: what a photo's metadata and pixels say.

Both read the photo decoded once at a working size (`linters.media_facts`). The blur measure is
the variance of the Laplacian on a copy scaled to 512 pixels on its long side, so that it does not
depend on the photo's resolution; the exposure measure is the share of clipped pixels (all three
channels at 250 or more, or at 5 or less).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from linters.context import LintContext
from linters.findings import Finding, Severity
from linters.media_facts import readable_media
from linters.rule import Example, Rule, RuleDoc, RuleSettings, StrList
from linters.subject import Subject
from posts.i18n import Text

SECTION = (
    "«Әлеуметтік желілерде жарияланымдарды орналастыру бойынша ұсынымдар» / "
    "«Рекомендации по размещению публикаций в социальных сетях»"
)
PHOTO_QUOTE_KK = (
    "«суреттер «есеп беру» форматында болмауға тиіс, керісінше қойылым кадрынсыз, ретуландырылып, "
    "нақты сол кездегі позитивтік эмоцияны көрсетуі тиіс»"
)
PHOTO_QUOTE_RU = (
    "«фотографии должны быть не «отчетного» формата, отражающие живые позитивные эмоции, без "
    "постановочных кадров, тем более отретушированных»"
)
#: post kinds whose pictures are photographs (an infographic or a document is judged otherwise)
PHOTO_KINDS = frozenset({"photo", "album", "text", "announcement", "poll"})


# -- M403 ------------------------------------------------------------------------------------------

EDITORS = (
    "photoshop", "lightroom", "snapseed", "facetune", "meitu", "faceapp", "airbrush",
    "beautyplus", "youcam", "picsart", "vsco", "remini", "retouch", "perfect365", "b612",
    "photodirector", "pixelmator", "affinity photo", "luminar", "gimp", "capture one",
    "photoleap", "lensa", "picsart", "beauty", "retrica",
)  # fmt: skip

RETOUCHED = Text(
    kk="«{file}» суретін өңдеу бағдарламасы өзгерткен: {tag} = «{value}». Нұсқаулық өңделген "
    "(ретуш жасалған) суреттерді ұсынбайды.",
    ru="Фото «{file}» обработано редактором: {tag} = «{value}». Методичка не рекомендует "
    "отретушированные фотографии.",
    en="The photo «{file}» went through an editor: {tag} = «{value}». The guide advises against "
    "retouched photos.",
)


class RetouchSettings(RuleSettings):
    editors: StrList = EDITORS  # software names (lower case, matched inside the tag's value)
    extra_editors: StrList = ()


class RetouchedPhoto(Rule):
    code = "M403"
    name = "retouched-photo"
    severity = Severity.WARNING
    Settings = RetouchSettings
    doc = RuleDoc(
        what=Text(
            kk="Суреттің EXIF не XMP деректерінде өңдеу не «әдемілеу» бағдарламасы бар (Photoshop, "
            "Lightroom, Snapseed, Facetune, Meitu, FaceApp…) немесе XMP өңдеу тарихы бар. Дәлел — "
            "тег пен оның мәні.",
            ru="В EXIF или XMP фотографии записан редактор или «бьютификатор» (Photoshop, "
            "Lightroom, Snapseed, Facetune, Meitu, FaceApp…) или история правок XMP. Доказательство "
            "— тег и его значение.",
            en="The photo's EXIF or XMP names editing or beautifying software (Photoshop, "
            "Lightroom, Snapseed, Facetune, Meitu, FaceApp…) or holds an XMP edit history. Evidence: "
            "the tag and its value.",
        ),
        why=Text(
            kk="Нұсқаулық нақты эмоцияны көрсететін, қойылымсыз әрі ретушсіз суреттерді сұрайды.",
            ru="Методичка просит живые фотографии без постановки и тем более без ретуши.",
            en="The guide asks for live photos, not staged and even less retouched.",
        ),
        section=SECTION,
        quote_kk=PHOTO_QUOTE_KK,
        quote_ru=PHOTO_QUOTE_RU,
        instead=Text(
            kk="Камерадан түскен түпнұсқаны жариялаңыз; тек кадрлау мен жарықты түзетуге болады.",
            ru="Публикуйте оригинал с камеры; допустимы кадрирование и коррекция света.",
            en="Publish the camera original; cropping and a light correction are fine.",
        ),
        waive=Text(
            kk="Егер бағдарлама тек кадрлау не түс түзету үшін қолданылса, редактор себебін жазып, "
            "waiver береді.",
            ru="Если редактор использовали только для кадрирования или цветокоррекции, редактор "
            "записывает waiver с причиной.",
            en="If the software only cropped or colour-corrected, an editor records a waiver "
            "saying so.",
        ),
    )
    message = RETOUCHED
    must_flag = (
        Example(
            "Фестивальде түскен сурет.", kind="photo", language="kk", samples=("photo-photoshop",)
        ),
        Example("Улыбки фестиваля.", kind="photo", language="ru", samples=("photo-facetune",)),
    )
    must_pass = (
        Example(
            "Фестивальде түскен сурет.", kind="photo", language="kk", samples=("photo-camera",)
        ),
        Example("Улыбки фестиваля.", kind="photo", language="ru", samples=("photo-1080",)),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings: RetouchSettings = self.settings  # type: ignore[assignment]
        names = [n.lower() for n in (*settings.editors, *settings.extra_editors)]
        pattern = re.compile("|".join(re.escape(n) for n in names)) if names else None
        for ref, facts in readable_media(ctx, subject.media, "image"):
            image = facts.image()
            if image is None:
                continue
            for tag, value in image.metadata.items():
                history = tag.startswith("XMP") and "history" in tag.lower()
                if history or (pattern is not None and pattern.search(value.lower())):
                    yield self.finding(
                        media=ref.name,
                        file=ref.name,
                        tag=tag,
                        value=value,
                        evidence={"media": ref.name, "tag": tag, "value": value},
                    )
                    break


# -- M430 ------------------------------------------------------------------------------------------

LOW_QUALITY = Text(
    kk="«{file}» суретінің сапасы төмен: {problem}.",
    ru="У фото «{file}» низкое качество: {problem}.",
    en="The photo «{file}» is of low quality: {problem}.",
)


class PhotoQualitySettings(RuleSettings):
    min_short_side: int = 720
    min_short_side_instagram: int = 1080
    min_sharpness: float = 25.0  # variance of the Laplacian at 512 px; sharp photos reach hundreds
    max_clipped: float = 0.05  # share of clipped pixels


class PhotoLowQuality(Rule):
    code = "M430"
    name = "photo-low-quality"
    severity = Severity.WARNING
    Settings = PhotoQualitySettings
    kinds = PHOTO_KINDS
    doc = RuleDoc(
        what=Text(
            kk="Суреттің қысқа жағы Instagram үшін 1080 пиксельден, басқа желілер үшін 720 "
            "пиксельден кіші, не сурет бұлыңғыр (Лаплас дисперсиясы төмен), не жарығы бұзылған "
            "(пиксельдердің 5%-дан астамы ақ не қара болып кеткен).",
            ru="Короткая сторона фото меньше 1080 пикселей для Instagram или 720 для других "
            "сетей, или фото размыто (низкая дисперсия лапласиана), или плохо экспонировано (более "
            "5% пикселей выбиты в белое или чёрное).",
            en="The short side is below 1080 px for Instagram or 720 px elsewhere, the photo is "
            "blurred (low variance of the Laplacian on a normalised size), or it is badly exposed "
            "(over 5% of pixels clipped).",
        ),
        why=Text(
            kk="Нұсқаулық сапалы контентті талап етеді; бұлыңғыр не кішкентай сурет телефонда "
            "нашар көрінеді.",
            ru="Методичка требует качественного контента; размытое или мелкое фото плохо "
            "смотрится на телефоне.",
            en="The guide asks for quality content; a blurred or small photo looks poor on a "
            "phone.",
        ),
        section=SECTION,
        quote_kk="«сапалы контентке және жарияланымның дұрыс мазмұнына жетудің мынадай қадамдары»",
        quote_ru="«шагах на пути к достижению качественного контента»",
        instead=Text(
            kk="Түпнұсқаны толық өлшемде жүктеңіз, анық әрі жарығы дұрыс кадрды таңдаңыз.",
            ru="Загрузите оригинал в полном размере, выберите резкий и правильно экспонированный "
            "кадр.",
            en="Upload the full-size original; pick a sharp, well-exposed frame.",
        ),
    )
    message = LOW_QUALITY
    must_flag = (
        Example("Фестивальде түскен сурет.", kind="photo", language="kk", samples=("photo-small",)),
        Example("Фото с фестиваля.", kind="photo", language="ru", samples=("photo-blurred",)),
        Example("Фото с фестиваля.", kind="photo", language="ru", samples=("photo-overexposed",)),
    )
    must_pass = (
        Example("Фестивальде түскен сурет.", kind="photo", language="kk", samples=("photo-1080",)),
        Example(
            "Фото с фестиваля.",
            network="instagram",
            kind="photo",
            language="ru",
            samples=("photo-square",),
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings: PhotoQualitySettings = self.settings  # type: ignore[assignment]
        minimum = (
            settings.min_short_side_instagram
            if subject.network == "instagram"
            else settings.min_short_side
        )
        for ref, facts in readable_media(ctx, subject.media, "image"):
            image = facts.image()
            if image is None:
                continue
            sharpness, clipped = facts.quality() or (float("inf"), 0.0)
            short = min(image.width, image.height)
            problems = []
            if short < minimum:
                problems.append(f"short side {short} px < {minimum} px")
            if sharpness < settings.min_sharpness:
                problems.append(f"blurred (sharpness {sharpness:.0f} < {settings.min_sharpness:g})")
            if clipped > settings.max_clipped:
                problems.append(f"{clipped:.0%} of pixels clipped > {settings.max_clipped:.0%}")
            if problems:
                yield self.finding(
                    media=ref.name,
                    file=ref.name,
                    problem="; ".join(problems),
                    evidence={
                        "media": ref.name,
                        "short_side": short,
                        "min_short_side": minimum,
                        "sharpness": round(sharpness, 1),
                        "clipped": round(clipped, 4),
                        "problems": problems,
                    },
                )


RULES: tuple[type[Rule], ...] = (RetouchedPhoto, PhotoLowQuality)
