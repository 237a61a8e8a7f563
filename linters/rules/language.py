"""K201 wrong-language: what is written is not in one of the channel's languages.

What the rule checks (the decision for the docs):

1. The text is detected (`linters.language`: Lingua restricted to kk, ru and en, with a
   Kazakh-letter fast path; hashtags, URLs and mentions do not count). If its main language, with
   a confidence of at least `min_confidence`, is not one of the channel's languages (the channel's
   `languages` in config.toml, or the office's `languages` when the post names no known channel),
   the rule fires. The confidence is a share as much as a certainty: a post that is 70 % Kazakh
   and 30 % Russian is Kazakh at about 0.7, and a half-and-half bilingual post is never "wrong"
   for a channel that has either of its languages.
2. Otherwise, when the post declares a `language` and the text is confidently
   (`declared_min_confidence`) in another one, the rule fires too: the declared language routes the
   post to subscribers and feeds the state-language parity check (S506), so it must be true.

The declared language never overrides the detection: the rule judges what is written. Posts with
fewer than `min_words` words (after hashtags, URLs and mentions) are not judged at all.
"""

from __future__ import annotations

from collections.abc import Iterable

from linters.context import LintContext
from linters.findings import Finding, Severity
from linters.language import LANGUAGES, Detection, post_language
from linters.rule import Example, Rule, RuleDoc, RuleSettings
from linters.subject import Subject
from posts.i18n import Text

DECLARED_MESSAGE = Text(
    kk="Жазбаның тілі «{declared}» деп көрсетілген, бірақ мәтіннің тілі — «{detected}» "
    "(сенімділік {confidence}). Көрсетілген тілді түзетіңіз.",
    ru="У публикации указан язык «{declared}», но текст написан на языке «{detected}» "
    "(уверенность {confidence}). Исправьте указанный язык.",
    en="The post declares language '{declared}', but the text is in '{detected}' "
    "(confidence {confidence}). Correct the declared language.",
)


class WrongLanguageSettings(RuleSettings):
    min_confidence: float = 0.65
    """The main language must reach this confidence (a share of the text, shrunk for short
    texts: three words reach at most 0.73) before the rule calls it wrong."""
    min_words: int = 3
    """Shorter texts are not judged: one or two words are too few to tell a language."""
    check_declared: bool = True
    """Also flag a declared `language` that the text contradicts."""
    declared_min_confidence: float = 0.9
    """How sure the detection must be before it contradicts the declared language."""


class WrongLanguage(Rule):
    code = "K201"
    name = "wrong-language"
    severity = Severity.ERROR
    Settings = WrongLanguageSettings
    doc = RuleDoc(
        what=Text(
            kk="Жазбаның негізгі тілі арнаның тілдерінің (kk, ru, en) қатарында жоқ. Тіл мәтіннің "
            "өзінен анықталады (хэштегтер, сілтемелер және @атаулар есепке алынбайды). Жазбада "
            "көрсетілген тіл мәтінге сәйкес келмесе де ереже іске қосылады.",
            ru="Основной язык публикации не входит в языки канала (kk, ru, en). Язык определяется "
            "по самому тексту (хэштеги, ссылки и @упоминания не учитываются). Правило срабатывает "
            "и тогда, когда указанный у публикации язык противоречит тексту.",
            en="The post's main language is not one of the channel's languages (kk, ru, en). The "
            "language is detected from the text itself (hashtags, links and @mentions do not "
            "count). The rule also fires when the post's declared language contradicts the text.",
        ),
        why=Text(
            kk="Арна өз аудиториясына белгілі бір тілде сөйлейді; жазылушылар жаңалықтарды тіл "
            "бойынша алады, ал мемлекеттік тіл көрсеткіштері қазақ және орыс нұсқаларын бөлек "
            "санайды. Нұсқаулық әр желінің аудиториясын ескеріп жазуды талап етеді.",
            ru="Канал говорит со своей аудиторией на определённых языках; подписчики получают "
            "рассылки по языку, а показатели государственного языка считают казахские и русские "
            "варианты отдельно. Методичка требует писать с учётом аудитории каждой сети.",
            en="A channel speaks to its audience in given languages; subscribers get broadcasts "
            "by language, and the state-language indicators count the Kazakh and Russian "
            "variants separately. The guide asks to write for each network's own audience.",
        ),
        section="«Әлеуметтік желілерде жарияланымдарды орналастыру бойынша ұсынымдар» / "
        "«Рекомендации по размещению публикаций в социальных сетях» (the style paragraph and "
        "the per-network advice)",
        quote_kk="«Сөйлемдегі әр сөз желі қолданушыларының сөйлеу стилін, нақты аудиториясын "
        "есепке ала отырып, жазылуы тиіс.» «Вконтакте және Одноклассники. Әсіресе орыс тілді "
        "пайдаланушылар арасында танымал.»",
        quote_ru="«Каждое слово в предложении должно быть написано с учетом стиля общения "
        "пользователя сети, конкретной аудитории» «Вконтакте и Одноклассники. Особенно популярны "
        "среди русскоязычных пользователей.»",
        instead=Text(
            kk="Мәтінді арнаның тілінде жазыңыз немесе жазбаны тиісті тілдегі арнаға жіберіңіз; "
            "жазбада көрсетілген тілді мәтінге сәйкестендіріңіз.",
            ru="Напишите текст на языке канала или отправьте публикацию в канал на этом языке; "
            "укажите у публикации язык, на котором она написана.",
            en="Write the text in the channel's language, or queue the post on a channel in its "
            "language; declare the language the post is actually written in.",
        ),
        waive=Text(
            kk="Арна әдейі басқа тілде жариялайтын болса (мысалы, шетелдік қонақтарға арналған "
            "хабарландыру), редактор себебін жазып, ескертуді алып тастайды; тұрақты болса — "
            "арнаның тілдерін config.toml-да өзгертіңіз.",
            ru="Если канал намеренно публикует на другом языке (например, объявление для "
            "иностранных гостей), редактор снимает замечание с указанием причины; если это "
            "постоянно — измените языки канала в config.toml.",
            en="When a channel deliberately posts in another language (say, a notice for foreign "
            "guests), an editor waives the finding with a reason; if it is the rule, change the "
            "channel's languages in config.toml.",
        ),
    )
    message = Text(
        kk="Мәтіннің тілі — «{detected}» (сенімділік {confidence}), ал арнаның тілдері: "
        "{allowed}. Мәтінді арнаның тілінде жазыңыз.",
        ru="Текст написан на языке «{detected}» (уверенность {confidence}), а языки канала: "
        "{allowed}. Напишите текст на языке канала.",
        en="The text is in '{detected}' (confidence {confidence}), but the channel's languages "
        "are {allowed}. Write it in a language of the channel.",
    )
    must_flag = (
        Example(
            "Our regional office opens a new reading club for students this Saturday in the park.",
            language="kk",
            note="English on the default office (kk, ru), declared kk",
        ),
        Example(
            "Our regional office opens a new reading club for students this Saturday.",
            language="ru",
            note="English on the default office (kk, ru)",
        ),
        Example(
            "Сенбіде орталық саябақта кітап фестивалі өтеді, балаларға арналған оқу бұрышы болады.",
            language="ru",
            note="Kazakh text declared as Russian",
        ),
        Example(
            "В субботу в центральном парке пройдёт книжный фестиваль, приходите с детьми.",
            language="kk",
            note="Russian text declared as Kazakh",
        ),
    )
    must_pass = (
        Example(
            "Сенбіде орталық саябақта кітап фестивалі өтеді, балаларға арналған оқу бұрышы "
            "болады. #руханижаңғыру",
            language="kk",
        ),
        Example(
            "В субботу в центральном парке пройдёт книжный фестиваль. #kitapfest #readingclub",
            language="ru",
            note="English hashtags do not count",
        ),
        Example("Welcome!", language="kk", note="too short to judge"),
        Example(
            "Қазақ тілі күні құтты болсын, құрметті достар!\n"
            "С Днём казахского языка, дорогие друзья!",
            language="ru",
            note="a bilingual post is not wrong for either language",
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings: WrongLanguageSettings = self.settings  # type: ignore[assignment]
        detection = post_language(subject, ctx)
        if detection.lang is None or detection.words < settings.min_words:
            return
        channel = ctx.channel(subject)
        allowed = tuple(
            lang
            for lang in (channel.languages if channel else ctx.office.languages)
            if lang in LANGUAGES
        )
        evidence = {
            **detection.evidence(),
            "allowed": list(allowed),
            "allowed_from": "channel" if channel else "office",
            "declared": subject.language,
        }
        if (
            allowed
            and detection.lang not in allowed
            and detection.confidence >= settings.min_confidence
        ):
            yield self.finding(
                span=_span(detection, detection.lang),
                detected=detection.lang,
                confidence=f"{detection.confidence:.2f}",
                allowed=", ".join(allowed),
                evidence=evidence,
            )
            return
        declared = (subject.language or "").strip().lower()[:2]
        if (
            settings.check_declared
            and declared in LANGUAGES
            and declared != detection.lang
            and detection.confidence >= settings.declared_min_confidence
        ):
            yield self.finding(
                message=DECLARED_MESSAGE,
                span=_span(detection, detection.lang),
                declared=declared,
                detected=detection.lang,
                confidence=f"{detection.confidence:.2f}",
                evidence={**evidence, "contradicts_declared": True},
            )


def _span(detection: Detection, lang: str) -> tuple[int, int] | None:
    """The first paragraph written in `lang` (for line and column in the report)."""
    for paragraph in detection.paragraphs:
        if paragraph.lang == lang:
            return paragraph.span
    return None


RULES: tuple[type[Rule], ...] = (WrongLanguage,)
