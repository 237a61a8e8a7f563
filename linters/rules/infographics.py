"""M410 infographic-many-messages and M411 infographic-text-too-small.

Both read the text of the picture by OCR in Kazakh, Russian and English (`linters.media.ocr`,
Tesseract from Debian). When Tesseract or its language data are missing, each rule reports once
per post that it could not run (an info finding naming what to install): it never passes silently.
"""

from __future__ import annotations

from collections.abc import Iterable

from linters.context import LintContext
from linters.findings import Finding, Severity
from linters.media.images import DecodedImage
from linters.media.ocr import OcrResult, numeric_facts, smallest_line_ratio, tesseract_status
from linters.media_facts import readable_media
from linters.rule import Example, Rule, RuleDoc, RuleSettings
from linters.rules.photos import SECTION
from linters.subject import MediaRef, Subject
from posts.i18n import Text

QUOTE_KK = (
    "«әлеуметтік желілер үшін инфографикалық материалдар ... барынша қарапайым бір хабарламалы "
    "жеке болуы тиіс. Пайдаланушылар бір графикада көптеген түрлі мәліметтерді қабылдай алмайды»"
)
QUOTE_RU = (
    "«инфографические материалы для соцсетей должны быть индивидуальны, с одним резонансом, с "
    "максимально простым одним сообщением в основе. Пользователями не воспринимается множество "
    "разных сведений в одной инфографике»"
)
STATUS_KEY = "ocr.tesseract-status"
NO_OCR = Text(
    kk="«{file}» инфографикасы тексерілмеді: Tesseract OCR жұмыс істемейді ({reason}).",
    ru="Инфографика «{file}» не проверена: Tesseract OCR недоступен ({reason}).",
    en="The infographic «{file}» was not checked: Tesseract OCR cannot run ({reason}).",
)


def _ocr_ready(rule: Rule, subject: Subject, ctx: LintContext) -> Iterable[Finding] | None:
    """None when OCR can run; otherwise the one info finding saying why it did not."""
    status = ctx.resources.get(STATUS_KEY, tesseract_status)
    if status.available:
        return None
    name = subject.media[0].name if subject.media else ""
    return [
        rule.finding(
            message=NO_OCR,
            severity=Severity.INFO,
            media=name or None,
            file=name,
            reason=status.reason or "unknown",
            evidence={
                "ocr": "unavailable",
                "reason": status.reason,
                "missing": list(status.missing),
            },
        )
    ]


def _read(
    rule: Rule, subject: Subject, ctx: LintContext
) -> tuple[list[Finding], list[tuple[MediaRef, OcrResult, DecodedImage]]]:
    """The OCR of the post's pictures, or the one finding saying OCR could not run."""
    media = readable_media(ctx, subject.media, "image")
    if not media:
        return [], []
    blocked = _ocr_ready(rule, subject, ctx)
    if blocked is not None:
        return list(blocked), []
    read = []
    for ref, facts in media:
        result, image = facts.ocr(), facts.image()
        if result is not None and image is not None and not result.skipped:
            read.append((ref, result, image))
    return [], read


# -- M410 ------------------------------------------------------------------------------------------

MANY = Text(
    kk="«{file}» инфографикасында бір хабар емес, көп мәлімет бар: {facts} сандық дерек, {blocks} "
    "мәтін блогы ({found}).",
    ru="В инфографике «{file}» не одно сообщение, а много сведений: {facts} числовых фактов, "
    "{blocks} текстовых блоков ({found}).",
    en="The infographic «{file}» carries many messages, not one: {facts} numeric facts, {blocks} "
    "text blocks ({found}).",
)


class ManyMessagesSettings(RuleSettings):
    max_facts: int = 3
    max_blocks: int = 5


class InfographicManyMessages(Rule):
    code = "M410"
    name = "infographic-many-messages"
    severity = Severity.ERROR
    kinds = frozenset({"infographic"})
    Settings = ManyMessagesSettings
    doc = RuleDoc(
        what=Text(
            kk="Инфографика бір қарапайым хабар беруі керек. Суреттегі мәтін OCR арқылы қазақ, орыс "
            "және ағылшын тілдерінде оқылады. 3-тен көп түрлі сандық дерек (сандар, пайыздар, "
            "өлшем бірлігі бар мөлшерлер) не 5-тен көп бөлек мәтін блогы болса, ереже іске "
            "қосылады. Дәлел — табылған деректер мен олардың орны.",
            ru="Инфографика должна нести одно простое сообщение. Текст читается с картинки OCR на "
            "казахском, русском и английском. Правило срабатывает, если различных числовых фактов "
            "(числа, проценты, суммы с единицами) больше 3 или отдельных текстовых блоков больше 5. "
            "Доказательство — найденные факты и их рамки.",
            en="An infographic should carry one simple message. Text is read from the image by OCR "
            "in Kazakh, Russian and English. The rule fires when there are more than 3 distinct "
            "numeric facts (numbers, percentages, amounts with units) or more than 5 separate text "
            "blocks. Evidence: the facts found and their boxes.",
        ),
        why=Text(
            kk="Пайдаланушылар бір графикада көп мәліметті қабылдамайды.",
            ru="Пользователи не воспринимают множество сведений в одной инфографике.",
            en="Readers do not take in many facts from one graphic.",
        ),
        section=SECTION,
        quote_kk=QUOTE_KK,
        quote_ru=QUOTE_RU,
        instead=Text(
            kk="Бір басты санды не тұжырымды қалдырыңыз; қалғанын бөлек карточкаларға (карусель) "
            "не мәтінге шығарыңыз.",
            ru="Оставьте одно главное число или утверждение; остальное вынесите в отдельные "
            "карточки (карусель) или в текст.",
            en="Keep one main number or statement; move the rest to separate cards (a carousel) "
            "or into the text.",
        ),
    )
    message = MANY
    must_flag = (
        Example(
            "Жыл қорытындысы.", kind="infographic", language="kk", samples=("infographic-many",)
        ),
        Example(
            "Итоги года в цифрах.", kind="infographic", language="ru", samples=("infographic-many",)
        ),
    )
    must_pass = (
        Example(
            "Кітап оқу — біздің әдет.",
            kind="infographic",
            language="kk",
            samples=("infographic-one",),
        ),
        Example(
            "Одна цифра недели.", kind="infographic", language="ru", samples=("infographic-one",)
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        blocked, read = _read(self, subject, ctx)
        yield from blocked
        settings: ManyMessagesSettings = self.settings  # type: ignore[assignment]
        for ref, result, image in read:
            found = numeric_facts(result)
            blocks = len(result.blocks)
            if len(found) <= settings.max_facts and blocks <= settings.max_blocks:
                continue
            scale = image.scale
            yield self.finding(
                media=ref.name,
                region=_box(found[0].box, scale) if found else None,
                file=ref.name,
                facts=len(found),
                blocks=blocks,
                found=", ".join(f.text for f in found[:8]),
                evidence={
                    "media": ref.name,
                    "facts": [{"text": f.text, "box": _box(f.box, scale)} for f in found],
                    "blocks": [
                        {"text": b.text[:80], "box": _box(b.box, scale)} for b in result.blocks
                    ],
                    "max_facts": settings.max_facts,
                    "max_blocks": settings.max_blocks,
                },
            )


# -- M411 ------------------------------------------------------------------------------------------

TINY = Text(
    kk="«{file}» инфографикасындағы ең кіші жол сурет биіктігінің {ratio}-і ғана (кемінде {minimum} "
    "керек): телефонда оқылмайды.",
    ru="Самая мелкая строка в инфографике «{file}» — лишь {ratio} высоты картинки (нужно не меньше "
    "{minimum}): на телефоне её не прочитать.",
    en="The smallest text line of the infographic «{file}» is only {ratio} of the image height "
    "(at least {minimum} is needed): it cannot be read on a phone.",
)


class TextSizeSettings(RuleSettings):
    min_line_ratio: float = 0.025


class InfographicTextTooSmall(Rule):
    code = "M411"
    name = "infographic-text-too-small"
    severity = Severity.WARNING
    kinds = frozenset({"infographic"})
    Settings = TextSizeSettings
    doc = RuleDoc(
        what=Text(
            kk="Инфографикадағы ең кіші мәтін жолы сурет биіктігінің 2,5%-ынан аласа (жолдың сия "
            "биіктігі: бас әріптің басынан төмен созылған әріптің түбіне дейін).",
            ru="Самая мелкая строка текста в инфографике ниже 2,5% высоты картинки (высота строки "
            "по чернилам: от верха прописной до низа выносных элементов).",
            en="The smallest text line is under 2.5% of the image height (the line's ink height, "
            "from the top of the capitals to the bottom of the descenders).",
        ),
        why=Text(
            kk="Инфографиканы телефонда көреді: ұсақ жазу оқылмайды, хабар жетпейді.",
            ru="Инфографику смотрят с телефона: мелкий текст не читается, сообщение теряется.",
            en="Infographics are seen on phones: small text cannot be read and the message is lost.",
        ),
        section=SECTION,
        quote_kk=QUOTE_KK,
        quote_ru=QUOTE_RU,
        instead=Text(
            kk="Мәтінді азайтып, әрпін үлкейтіңіз; ұсақ түсіндірмені жазбаның мәтініне көшіріңіз.",
            ru="Сократите текст и увеличьте шрифт; мелкие пояснения перенесите в текст поста.",
            en="Cut the text and enlarge the font; move small print into the post's text.",
        ),
    )
    message = TINY
    must_flag = (
        Example(
            "Кітап оқу — біздің әдет.",
            kind="infographic",
            language="kk",
            samples=("infographic-tiny-text",),
        ),
        Example(
            "Цифра недели.", kind="infographic", language="ru", samples=("infographic-tiny-text",)
        ),
    )
    must_pass = (
        Example(
            "Кітап оқу — біздің әдет.",
            kind="infographic",
            language="kk",
            samples=("infographic-one",),
        ),
        Example("Цифра недели.", kind="infographic", language="ru", samples=("infographic-one",)),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        blocked, read = _read(self, subject, ctx)
        yield from blocked
        settings: TextSizeSettings = self.settings  # type: ignore[assignment]
        for ref, result, image in read:
            ratio = smallest_line_ratio(result, result.image_size[1])
            if ratio is None or ratio >= settings.min_line_ratio:
                continue
            smallest = min(result.lines, key=lambda line: line.box.h)
            yield self.finding(
                media=ref.name,
                region=_box(smallest.box, image.scale),
                file=ref.name,
                ratio=f"{ratio:.1%}",
                minimum=f"{settings.min_line_ratio:.1%}",
                evidence={
                    "media": ref.name,
                    "smallest_line": smallest.text[:80],
                    "ratio": round(ratio, 4),
                    "min_line_ratio": settings.min_line_ratio,
                },
            )


def _box(box: object, scale: float) -> tuple[int, int, int, int]:
    """A box of the working copy in the original image's pixels."""
    x, y, w, h = (getattr(box, k) for k in ("x", "y", "w", "h"))
    return (round(x * scale), round(y * scale), round(w * scale), round(h * scale))


RULES: tuple[type[Rule], ...] = (InfographicManyMessages, InfographicTextTooSmall)
