"""M440 logo-without-basis and M441 logo-basis-unknown.

The guide allows the programme's logo only for events of the approved work plan, for assignments
of the Presidential Administration, or by agreement with the ministry. A post says which with
`logo_basis`: «plan:KEY» (an item of the plan), «pa:NUMBER/DATE» or «ministry:NUMBER/DATE».
M441 checks that the claim resolves; M440 looks for the logo (the `[brand]` reference files, found
by `linters.media.logo`) in the post's photos, infographics and sampled video frames, and fires
when it is there without a basis.

A plan basis is checked against the plan the workspace holds. Without a workspace database
(`arna lint` on loose draft files) there is no plan to check against: a «plan:…» basis is then
taken as given, and said so in the evidence of M440.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from linters.context import LintContext, PlanItem
from linters.findings import Finding, Severity
from linters.media.logo import logo_key, matcher_for
from linters.media_facts import readable_media
from linters.rule import Example, Rule, RuleDoc, RuleSettings
from linters.subject import Subject
from posts.i18n import Text

SECTION = (
    "«Рухани жаңғыру» бағдарламасының логотипін пайдалану бойынша ұсынымдар / "
    "Рекомендации по использованию логотипа Программы «Рухани жаңғыру»"
)
QUOTE_KK = (
    "«Бағдарлама логотипін тек мынадай: ... жағдайларда пайдалану ұсынылады»; ««Рухани жаңғыру» "
    "бағдарламасының логотипін барлық өзге жағдайларда, оның ішінде бастама тәртібінде пайдалану "
    "ұсынылмайды»"
)
QUOTE_RU = (
    "«Логотип Программы рекомендуется использовать только: ...»; «Во всех остальных случаях, в "
    "том числе в инициативном порядке, использовать логотип Программы «Рухани жаңғыру» не "
    "рекомендуется»"
)
DOCUMENT_RE = re.compile(r"(?:pa|ministry):[0-9]+(?:-\w+)?/[0-9]{4}-[0-9]{2}-[0-9]{2}")
FRAMES = 5  # video frames searched for the logo


def resolve(basis: str | None, plan: dict[str, PlanItem] | object) -> tuple[bool | None, str]:
    """(True, how) when the basis holds, (False, why not) when it does not, (None, why) when it
    cannot be checked here."""
    if not basis:
        return False, "no logo_basis"
    if basis.startswith("plan:"):
        if not plan:
            return None, "no plan in this workspace to check the plan item against"
        item = plan.get(basis[5:])  # type: ignore[attr-defined]
        if item is None:
            return False, f"«{basis[5:]}» is not an item of the plan"
        if not item.approved:
            return False, f"«{basis[5:]}» is in the plan but not approved"
        return True, f"approved plan item «{item.key}»"
    if DOCUMENT_RE.fullmatch(basis):
        return True, "an assignment or agreement with a number and a date"
    return False, f"«{basis}» has no number and date (write pa:NUMBER/YYYY-MM-DD)"


# -- M441 ------------------------------------------------------------------------------------------

UNKNOWN = Text(
    kk="Логотип негізі «{basis}» расталмайды: {why}.",
    ru="Основание для логотипа «{basis}» не подтверждается: {why}.",
    en="The logo basis «{basis}» does not resolve: {why}.",
)
PLAN = (
    PlanItem("2026-W48-03", "Кітап фестивалі", approved=True),
    PlanItem("2026-W48-07", "Дөңгелек үстел"),
)


class LogoBasisUnknown(Rule):
    code = "M441"
    name = "logo-basis-unknown"
    severity = Severity.ERROR
    doc = RuleDoc(
        what=Text(
            kk="Жазба логотипке негіз ретінде расталмайтын нәрсені көрсетеді: бекітілген жоспарда "
            "жоқ не бекітілмеген жоспар тармағы, немесе нөмірі мен күні жоқ тапсырма не келісім.",
            ru="Пост ссылается на основание для логотипа, которое не подтверждается: пункт плана, "
            "которого нет в утверждённом плане или который не утверждён, или поручение либо "
            "согласование без номера и даты.",
            en="The post claims a logo basis that does not resolve: a plan item that is not in the "
            "approved plan, or an assignment or agreement reference that has no number and date.",
        ),
        why=Text(
            kk="Логотипті тек бекітілген жоспардағы іс-шараларға, ПӘ тапсырмасымен не министрлікпен "
            "келісім бойынша қолдануға болады; негіз тексерілуі керек.",
            ru="Логотип разрешён только для мероприятий утверждённого плана, по поручению АП или "
            "по согласованию с министерством; основание должно проверяться.",
            en="The logo is allowed only for approved plan events, by an assignment of the "
            "Presidential Administration, or by agreement with the ministry; the basis must check out.",
        ),
        section=SECTION,
        quote_kk=QUOTE_KK,
        quote_ru=QUOTE_RU,
        instead=Text(
            kk="Жоспардағы тармақтың кілтін дұрыс жазыңыз не құжатты нөмірі мен күнімен көрсетіңіз: "
            "pa:123/2026-11-02.",
            ru="Укажите верный ключ пункта плана или документ с номером и датой: "
            "ministry:45/2026-11-02.",
            en="Give the right plan item key, or the document with its number and date: "
            "pa:123/2026-11-02.",
        ),
    )
    message = UNKNOWN
    must_flag = (
        Example(
            "Фестиваль туралы.",
            kind="photo",
            language="kk",
            logo_basis="plan:2026-W48-99",
            plan=PLAN,
        ),
        Example(
            "О круглом столе.",
            kind="photo",
            language="ru",
            logo_basis="plan:2026-W48-07",
            plan=PLAN,
        ),
        Example("О фестивале.", kind="photo", language="ru", logo_basis="pa:123", plan=PLAN),
    )
    must_pass = (
        Example(
            "Фестиваль туралы.",
            kind="photo",
            language="kk",
            logo_basis="plan:2026-W48-03",
            plan=PLAN,
        ),
        Example(
            "О фестивале.",
            kind="photo",
            language="ru",
            logo_basis="ministry:45/2026-11-02",
            plan=PLAN,
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        if not subject.logo_basis:
            return
        holds, why = resolve(subject.logo_basis, ctx.office.plan)
        if holds is False:
            yield self.finding(
                basis=subject.logo_basis,
                why=why,
                evidence={"basis": subject.logo_basis, "why": why},
            )


# -- M440 ------------------------------------------------------------------------------------------

WITHOUT_BASIS = Text(
    kk="«{file}» файлында бағдарлама логотипі бар (ұқсастық {score}), бірақ жазбада оған негіз "
    "жоқ: {why}.",
    ru="В файле «{file}» есть логотип Программы (сходство {score}), но у поста нет основания: "
    "{why}.",
    en="«{file}» shows the programme's logo (match {score}) but the post has no basis for it: "
    "{why}.",
)


class LogoSettings(RuleSettings):
    min_score: float = 0.0  # the matcher's own acceptance; raise it to be stricter


class LogoWithoutBasis(Rule):
    code = "M440"
    name = "logo-without-basis"
    severity = Severity.ERROR
    Settings = LogoSettings
    doc = RuleDoc(
        what=Text(
            kk="Бағдарлама логотипі суретте, инфографикада не бейне кадрында табылды, ал жазбада "
            "жарамды негіз жоқ. Дәлел — логотиптің орны, ұқсастық бағасы және жетіспейтін негіз.",
            ru="Логотип Программы найден на фото, инфографике или кадре видео, а у поста нет "
            "действительного основания. Доказательство — рамка логотипа, оценка сходства и "
            "недостающее основание.",
            en="The programme logo is found in a photo, infographic or video frame, and the post "
            "has no valid basis. Evidence: the logo box, the match score and the missing basis.",
        ),
        why=Text(
            kk="Нұсқаулық логотипті тек бекітілген жоспардағы іс-шараларға, ПӘ тапсырмасымен не "
            "министрлікпен келісім бойынша қолдануды ұсынады; бастама тәртібінде — жоқ.",
            ru="Методичка разрешает логотип только для мероприятий утверждённого плана, по "
            "поручению АП или по согласованию с министерством; в инициативном порядке — нет.",
            en="The guide allows the logo only for approved plan events, assignments of the "
            "Presidential Administration, or by agreement with the ministry; never on one's own "
            "initiative.",
        ),
        section=SECTION,
        quote_kk=QUOTE_KK,
        quote_ru=QUOTE_RU,
        instead=Text(
            kk='Логотипті алып тастаңыз не жазбаға негіз қосыңыз: logo_basis = "plan:…", '
            '"pa:НӨМІР/КҮН" не "ministry:НӨМІР/КҮН".',
            ru='Уберите логотип или укажите основание: logo_basis = "plan:…", '
            '"pa:НОМЕР/ДАТА" или "ministry:НОМЕР/ДАТА".',
            en='Remove the logo, or give the basis: logo_basis = "plan:…", "pa:NUMBER/DATE" or '
            '"ministry:NUMBER/DATE".',
        ),
    )
    message = WITHOUT_BASIS
    must_flag = (
        Example(
            "Фестивальден сурет.",
            kind="photo",
            language="kk",
            samples=("photo-with-logo",),
            logos=("logo",),
        ),
        Example(
            "Фото с фестиваля.",
            kind="photo",
            language="ru",
            samples=("photo-with-logo",),
            logos=("logo",),
            logo_basis="plan:2026-W48-07",
            plan=PLAN,
        ),
    )
    must_pass = (
        Example(
            "Фестивальден сурет.",
            kind="photo",
            language="kk",
            samples=("photo-with-logo",),
            logos=("logo",),
            logo_basis="plan:2026-W48-03",
            plan=PLAN,
        ),
        Example(
            "Фото с фестиваля.",
            kind="photo",
            language="ru",
            samples=("photo-1080",),
            logos=("logo",),
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        if not ctx.office.logos or not subject.media:
            return
        holds, why = resolve(subject.logo_basis, ctx.office.plan)
        if holds is not False:
            return
        matcher = _matcher(ctx)
        settings: LogoSettings = self.settings  # type: ignore[assignment]
        for ref, facts in readable_media(ctx, subject.media):
            hit, when = None, None
            image = facts.image()
            if image is not None:
                hit = facts.logo(matcher, logo_key(ctx.office.logos))
                scale = image.scale
            elif facts.is_video and ref.path is not None and (video := facts.video()) is not None:
                hit, when, scale = _in_video(matcher, ref.path, video.duration, video.width)
            if hit is None or hit.score < settings.min_score:
                continue
            x, y, w, h = hit.box
            box = (round(x * scale), round(y * scale), round(w * scale), round(h * scale))
            yield self.finding(
                media=ref.name,
                region=box,
                time=(when, when) if when is not None else None,
                file=ref.name,
                score=f"{hit.score:.2f}",
                why=why,
                evidence={
                    "media": ref.name,
                    "box": list(box),
                    "score": round(hit.score, 3),
                    "reference": hit.reference,
                    "basis": subject.logo_basis,
                    "missing_basis": why,
                    **({"time": round(when, 2)} if when is not None else {}),
                },
            )


def _matcher(ctx: LintContext):  # type: ignore[no-untyped-def]
    logos = ctx.office.logos
    return ctx.resources.get(logo_key(logos), lambda: matcher_for(logos))


def _in_video(matcher, path, duration: float, width: int):  # type: ignore[no-untyped-def]
    """The best hit in a few frames spread over the video, its time, and the frame's scale."""
    from linters.media.video import UnreadableVideo, sample_frames

    times = [duration * (i + 0.5) / FRAMES for i in range(FRAMES)]
    try:
        frames = sample_frames(path, times, tolerance=0.5)
    except UnreadableVideo:
        return None, None, 1.0
    best = None
    for when, pixels in frames:
        hit = matcher.find(pixels)
        if hit is not None and (best is None or hit.score > best[0].score):
            best = (hit, when, width / pixels.shape[1])
    return best if best is not None else (None, None, 1.0)


RULES: tuple[type[Rule], ...] = (LogoWithoutBasis, LogoBasisUnknown)
