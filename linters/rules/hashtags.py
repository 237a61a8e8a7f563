"""H: the programme's hashtags (H301-H306).

Basis: «Бағыттарды ақпараттық тарату туралы» / «Об информационном освещении направлений» («активно
использовать хэштеги …») and the Instagram paragraph («… хэштеги, желательно на нескольких языках»).

How hashtags are compared (every H rule):
- A hashtag is what `text_tools.hashtags` finds, outside URLs (a `#fragment` of a link is no hashtag).
- The comparison key is the text after `#`, NFC-normalised and case-folded. Nothing else is folded:
  ё stays ё, and Kazakh letters stay Kazakh (ң is not н), so «#РуханиЖаңғыру» is «#руханижаңғыру»,
  but «#руханижангыру» is a different (misspelled) tag, which H306 reports.
- The configured hashtags are the office's required ones, its direction hashtags (the defaults of
  `arna init` when the office configured none) and the rules' `extra_hashtags` (by default the guide's
  «#қазақстан» and «#казахстан», which are legitimate tags but not in the config).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from pydantic import Field, field_validator

from linters.context import LintContext
from linters.findings import Finding, Severity
from linters.rule import Example, Rule, RuleDoc, RuleSettings, StrList
from linters.rules.script import script_of
from linters.subject import Subject
from linters.text_tools import Token, hashtags, urls
from posts.config_template import DIRECTION_HASHTAGS
from posts.i18n import Text
from posts.vocab import Network, PostKind

# --- the guide's words ------------------------------------------------------------------------

SECTION_DIRECTIONS = (
    "«Бағыттарды ақпараттық тарату туралы» / «Об информационном освещении направлений»"
)
SECTION_INSTAGRAM = (
    "«Әлеуметтік желілерде жарияланымдарды орналастыру бойынша ұсынымдар» / «Рекомендации по "
    "размещению публикаций в социальных сетях», Instagram"
)
QUOTE_DIRECTIONS_KK = (
    "«БАҚ/әлеуметтік желіде «Рухани жаңғыру» айдарларын күн сайын жандандыру: #қазақстан, "
    "#руханижаңғыру, #болашаққа бағдар, #казахстан, #взглядвбудущее, … хэштегтерін белсенді "
    "пайдалану.»"
)
QUOTE_DIRECTIONS_RU = (
    "«Ежедневно актуализировать рубрики «Рухани жаңғыру» в СМИ/соцсети, активно использовать "
    "хэштеги: #қазақстан, #руханижаңғыру, #болашаққабағдар, #казахстан, #взглядвбудущее, …»"
)
QUOTE_BROKEN_KK = (
    "«… #болашаққа бағдар, … #бәсекелестік қабілет, #ұлттықбірегейліктісақтау, #КЗэволюциялық "
    "дамуы хэштегтерін белсенді пайдалану.» (нұсқаулықтың өз тізімінде бос орынмен үзілген "
    "хэштегтер бар)"
)
QUOTE_BROKEN_RU = (
    "«… активно использовать хэштеги: … #болашаққабағдар, … #конкурентоспособность, "
    "#сохранениенациональнойидентичности, #эволюционноеразвитиеКЗ.» (в казахском тексте "
    "методички те же хэштеги разорваны пробелом)"
)
QUOTE_DIRECTION_LIST_KK = (
    "«… #біліммәдениеті, #сананыңашықтығы, #прагматизм, #бәсекелестік қабілет, "
    "#ұлттықбірегейліктісақтау, #КЗэволюциялық дамуы хэштегтерін белсенді пайдалану.»"
)
QUOTE_DIRECTION_LIST_RU = (
    "«… #культзнания, #открытостьсознания, #прагматизм, #конкурентоспособность, "
    "#сохранениенациональнойидентичности, #эволюционноеразвитиеКЗ.»"
)
QUOTE_INSTAGRAM_KK = "«Әр постың астында бірнеше тілде хэштегтер қалдыру керек.»"
QUOTE_INSTAGRAM_RU = "«Под каждым постом следует ставить хэштеги, желательно на нескольких языках.»"

# --- letters ---------------------------------------------------------------------------------

#: Letters of the Kazakh Cyrillic alphabet that Russian does not have (lower case).
KAZAKH_CYRILLIC = frozenset("әғқңөұүһі")
#: Letters of the Kazakh Latin alphabet (2021) that mark a Latin tag as Kazakh. ö, ü, ş, ç are
#: left out on purpose: they are as German or Turkish as they are Kazakh.
KAZAKH_LATIN = frozenset("äñūğı")

_AFTER_TAG = re.compile(r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)([^\W_]\w*)")
_HASH_SPACE = re.compile(r"(?<![\w#])#[^\S\n]+([^\W_]\w*)")
_KEYCAP = frozenset("\ufe0f\u20e3")
_CUT_PUNCT = re.compile(r"([.,!?;:])([^\W_]\w*)")


def hashtag_key(tag: str) -> str:
    """The comparison key of a hashtag: no '#', NFC, case-folded; ё and Kazakh letters kept."""
    body = tag[1:] if tag.startswith("#") else tag
    return unicodedata.normalize("NFC", body).casefold()


def _is_word_char(char: str) -> bool:
    """A character a network keeps inside a hashtag: a letter, a digit, a mark, or '_'."""
    return char == "_" or unicodedata.category(char)[0] in "LNM"


@dataclass(frozen=True)
class Tag:
    """One hashtag as written, and what is wrong with it by itself."""

    token: Token
    key: str  # hashtag_key of the part a network links (trailing symbols dropped)
    problem: str | None  # "no_letters" | "punctuation" | "mixed_script" | None
    odd: str = ""  # the punctuation found, or the Latin letters of a mixed-script tag

    @property
    def text(self) -> str:
        return self.token.text


def analyse_tag(token: Token) -> Tag:
    body = unicodedata.normalize("NFC", token.text[1:])
    if not any(c.isalpha() for c in body):
        return Tag(token, body.casefold(), "no_letters")
    # Trailing symbols (an emoji, «…») only end the tag; a symbol followed by more letters cuts it.
    last_word = max((i for i, c in enumerate(body) if _is_word_char(c)), default=-1)
    key = body[: last_word + 1].casefold()  # what the network links
    inner = [c for c in body[: last_word + 1] if not _is_word_char(c)]
    if inner:
        return Tag(token, key, "punctuation", "".join(dict.fromkeys(inner)))
    scripts = {script_of(c) for c in body} - {None}
    if scripts == {"latin", "cyrillic"}:
        latin = [c for c in body if script_of(c) == "latin"]
        cyrillic = [c for c in body if script_of(c) == "cyrillic"]
        odd = latin if len(latin) <= len(cyrillic) else cyrillic
        return Tag(token, key, "mixed_script", "".join(dict.fromkeys(odd)))
    return Tag(token, key, None)


def post_tags(subject: Subject, ctx: LintContext) -> tuple[Tag, ...]:
    """The post's hashtags outside URLs, analysed once per post (shared by the H rules)."""

    def compute() -> tuple[Tag, ...]:
        skip = [u.span for u in urls(subject.text)]
        return tuple(
            analyse_tag(t)
            for t in hashtags(subject.text)
            if not any(a <= t.start < b for a, b in skip)
            and t.text[1] not in _KEYCAP  # «#️⃣» is an emoji, not a hashtag
        )

    return ctx.memo(subject, "hashtags.tags", compute)


def direction_hashtags(ctx: LintContext) -> Mapping[str, tuple[str, ...]]:
    """The office's direction hashtags; the defaults that `arna init` writes when it has none."""
    return ctx.office.direction_hashtags or DIRECTION_HASHTAGS


def configured_hashtags(ctx: LintContext, extra: Iterable[str] = ()) -> dict[str, str]:
    """key -> the hashtag as configured, for every hashtag the office knows."""
    out: dict[str, str] = {}
    groups: list[Iterable[str]] = [ctx.office.required_hashtags, extra]
    groups.extend(direction_hashtags(ctx).values())
    for group in groups:
        for tag in group:
            key = hashtag_key(tag)
            if key:
                out.setdefault(key, tag if tag.startswith("#") else "#" + tag)
    return out


def _display(tag: str) -> str:
    return tag if tag.startswith("#") else "#" + tag


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a transposition counts 1); limit + 1 once it exceeds it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[len(b)], limit + 1)


# --- H301 -------------------------------------------------------------------------------------

_NOT_POLL = frozenset(k.value for k in PostKind if k is not PostKind.POLL)


class ProgramHashtagMissing(Rule):
    code = "H301"
    name = "program-hashtag-missing"
    severity = Severity.WARNING
    kinds = _NOT_POLL  # a poll's question has no room for hashtags
    doc = RuleDoc(
        what=Text(
            kk="Постта кеңсенің міндетті хэштегтерінің бірде-біреуі жоқ (әдепкі бойынша "
            "#руханижаңғыру, #болашаққабағдар, #взглядвбудущее).",
            ru="В посте нет ни одного из обязательных хэштегов офиса (по умолчанию "
            "#руханижаңғыру, #болашаққабағдар, #взглядвбудущее).",
            en="The post carries none of the office's required hashtags (by default "
            "#руханижаңғыру, #болашаққабағдар, #взглядвбудущее).",
        ),
        why=Text(
            kk="Нұсқаулық «Рухани жаңғыру» айдарларын күн сайын жандандырып, бағдарлама "
            "хэштегтерін белсенді пайдалануды талап етеді: олар арқылы оқырман барлық "
            "жарияланымдарды бір жерден табады.",
            ru="Методичка требует ежедневно актуализировать рубрики «Рухани жаңғыру» и активно "
            "использовать хэштеги программы: по ним читатель находит все публикации вместе.",
            en="The guide asks offices to keep the «Рухани жаңғыру» rubrics alive every day and to "
            "use the programme's hashtags actively: they let readers find all the posts together.",
        ),
        section=SECTION_DIRECTIONS,
        quote_kk=QUOTE_DIRECTIONS_KK,
        quote_ru=QUOTE_DIRECTIONS_RU,
        instead=Text(
            kk="Посттың соңына міндетті хэштегтердің кемінде біреуін қосыңыз, мысалы "
            "#руханижаңғыру.",
            ru="Добавьте в конце поста хотя бы один из обязательных хэштегов, например "
            "#руханижаңғыру.",
            en="Add at least one of the required hashtags at the end of the post, for example "
            "#руханижаңғыру.",
        ),
        waive=Text(
            kk="Бағдарламаға қатысы жоқ хабарландыру (мысалы, техникалық ескерту) болса.",
            ru="Если пост не относится к программе (например, техническое объявление).",
            en="When the post is not about the programme (a technical notice, for example).",
        ),
    )
    message = Text(
        kk="Бағдарламаның міндетті хэштегі жоқ. Кемінде біреуін қосыңыз: {required}.",
        ru="Нет обязательного хэштега программы. Добавьте хотя бы один: {required}.",
        en="No required programme hashtag. Add at least one of: {required}.",
    )
    must_flag = (
        Example(
            "Түркістанда кітап фестивалі өтеді! Келіңіздер. #кітап #түркістан",
            language="kk",
        ),
        Example(
            "В Шымкенте открылась выставка молодых художников. #выставка #шымкент",
            language="ru",
        ),
        Example(
            "Жастар форумына тіркелу ашылды: #руханижангыру",
            language="kk",
            note="only a misspelled form, which does not count",
        ),
        Example("Приходите на встречу с писателем в субботу.", language="ru", network="vk"),
    )
    must_pass = (
        Example("Түркістанда кітап фестивалі өтеді! #РуханиЖаңғыру #кітап", language="kk"),
        Example("Фестиваль книги в Туркестане. #взглядвбудущее #книги", language="ru"),
        Example("Жастар форумы: болашаққа бірге! #болашаққабағдар", language="kk"),
        Example(
            "Голосуйте: какую книгу прочитать в ноябре?",
            language="ru",
            kind="poll",
            note="polls are exempt",
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        required = {hashtag_key(t): _display(t) for t in ctx.office.required_hashtags}
        required.pop("", None)
        if not required:
            return
        tags = post_tags(subject, ctx)
        if any(t.key in required for t in tags):
            return
        yield self.finding(
            required=", ".join(required.values()),
            evidence={
                "required": list(required.values()),
                "hashtags": [t.text for t in tags],
            },
        )


# --- H302 -------------------------------------------------------------------------------------


class H302Settings(RuleSettings):
    max_split_words: int = Field(default=3, ge=1, le=6)
    """How many words after a hashtag may be joined back to it to find a configured hashtag."""
    extra_hashtags: StrList = ("#қазақстан", "#казахстан")
    """Hashtags to recognise besides the office's configured ones (the guide's list)."""


BROKEN_SPLIT = Text(
    kk="«{found}» хэштегі бос орынмен үзілген, желі тек «{tag}» бөлігін таниды. Бос орынсыз "
    "жазыңыз: {fixed}.",
    ru="Хэштег «{found}» разорван пробелом, и сеть увидит только «{tag}». Напишите без пробела: "
    "{fixed}.",
    en="The hashtag '{found}' is cut by a space, so the network sees only '{tag}'. Write it "
    "without the space: {fixed}.",
)
BROKEN_PUNCTUATION = Text(
    kk="«{found}» хэштегінің ішінде тыныс белгісі не таңба бар ({chars}), желі хэштегті сол "
    "жерден үзеді. Оны алып тастаңыз: {fixed}.",
    ru="Внутри хэштега «{found}» есть знак препинания или символ ({chars}): сеть обрежет хэштег "
    "на нём. Уберите его: {fixed}.",
    en="The hashtag '{found}' has punctuation or a symbol inside ({chars}), where the network "
    "cuts it. Remove it: {fixed}.",
)
BROKEN_MIXED = Text(
    kk="«{found}» хэштегінде латын және кирилл әріптері араласқан (бөгде әріптер: {chars}), "
    "сондықтан оны іздеу таппайды. Хэштегті бір әліпбимен қайта теріңіз.",
    ru="В хэштеге «{found}» смешаны латиница и кириллица (чужие буквы: {chars}), и поиск его не "
    "найдёт. Наберите хэштег заново одним алфавитом.",
    en="The hashtag '{found}' mixes Latin and Cyrillic letters (the odd ones: {chars}), so search "
    "will not find it. Retype it in one alphabet.",
)
BROKEN_NO_LETTERS = Text(
    kk="«{found}» хэштегінде бірде-бір әріп жоқ, желі оны хэштег деп танымайды. Сөз қосыңыз "
    "немесе # белгісін алып тастаңыз (нөмір үшін № жазыңыз).",
    ru="В хэштеге «{found}» нет ни одной буквы, и сеть не считает его хэштегом. Добавьте слово "
    "или уберите знак # (для номера пишите №).",
    en="The hashtag '{found}' has no letters, so the network does not treat it as a hashtag. Add "
    "a word, or drop the # (write № for a number).",
)


class BrokenHashtag(Rule):
    code = "H302"
    name = "broken-hashtag"
    severity = Severity.ERROR
    Settings = H302Settings
    doc = RuleDoc(
        what=Text(
            kk="Бұзылған хэштег: бос орынмен үзілген (хэштег пен келесі сөз бірге бапталған "
            "хэштег болады: «#болашаққа бағдар»), ішінде тыныс белгісі бар, латын мен кирилл "
            "араласқан немесе бірде-бір әріп жоқ.",
            ru="Сломанный хэштег: разорванный пробелом (хэштег вместе со следующим словом даёт "
            "настроенный хэштег: «#болашаққа бағдар»), со знаком препинания внутри, со "
            "смесью латиницы и кириллицы или совсем без букв.",
            en="A broken hashtag: cut by a space (the hashtag plus the next word is a configured "
            "hashtag: '#болашаққа бағдар'), with punctuation inside, mixing Latin and Cyrillic, "
            "or with no letters at all.",
        ),
        why=Text(
            kk="Сеть тек бірінші бөлігін хэштег деп таниды, ал қалғаны қарапайым мәтін болып "
            "қалады: пост бағдарлама айдарына түспейді. Нұсқаулықтың қазақша тізімінің өзінде "
            "осындай қателер бар.",
            ru="Сеть распознаёт хэштегом только первую часть, остальное остаётся текстом, и пост "
            "не попадает в рубрику программы. Такие ошибки есть даже в казахском списке "
            "хэштегов методички.",
            en="The network only links the first part and leaves the rest as text, so the post "
            "never reaches the programme's rubric. The guide's own Kazakh list has such errors.",
        ),
        section=SECTION_DIRECTIONS,
        quote_kk=QUOTE_BROKEN_KK,
        quote_ru=QUOTE_BROKEN_RU,
        instead=Text(
            kk="Хэштегті бос орынсыз, тыныс белгісіз және бір әліпбимен жазыңыз: "
            "#болашаққабағдар, #бәсекелестікқабілет. Сөздерді бөлу керек болса, «_» қойыңыз.",
            ru="Пишите хэштег слитно, без знаков препинания и одним алфавитом: #болашаққабағдар, "
            "#конкурентоспособность. Если нужно разделить слова, ставьте «_».",
            en="Write the hashtag as one word, without punctuation, in one alphabet: "
            "#болашаққабағдар. Use '_' if the words must be separated.",
        ),
    )
    message = BROKEN_SPLIT
    must_flag = (
        Example("Жастарға арналған жаңа жоба! #болашаққа бағдар", language="kk"),
        Example("Бизнес-мектеп ашылды. #бәсекелестік қабілет", language="kk"),
        Example("Неделя науки в регионе. #КЗэволюциялық дамуы", language="kk"),
        Example("Лекция о культуре чтения. #рухани-жаңғыру", language="ru", note="hyphen"),
        Example("Фестиваль молодёжи #взглядвбудущеe", language="ru", note="Latin e at the end"),
        Example("Итоги года #2026", language="ru", note="no letters"),
        Example("Кітап апталығы # руханижаңғыру", language="kk", note="space after #"),
    )
    must_pass = (
        Example("Жастарға арналған жаңа жоба! #болашаққабағдар #жастар", language="kk"),
        Example("Бизнес-мектеп ашылды. #бәсекелестікқабілет бағдарламасы", language="kk"),
        Example("Неделя науки #эволюционноеразвитиеКЗ. Ждём всех!", language="ru"),
        Example("Лекция о культуре чтения #рухани_жаңғыру_2026", language="ru"),
        Example(
            "Подробности: https://rukhani.kz/news#2026 и #руханижаңғыру!",
            language="ru",
            note="a URL fragment is no hashtag; trailing '!' ends the tag",
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings = self.settings
        assert isinstance(settings, H302Settings)
        configured = configured_hashtags(ctx, settings.extra_hashtags)
        text = subject.text
        for tag in post_tags(subject, ctx):
            if tag.problem is not None:
                yield self._intrinsic(tag, configured)
            elif tag.key not in configured:
                joined = _joined(text, tag, configured, settings.max_split_words)
                if joined is not None:
                    end, fixed, reason = joined
                    yield self._joined_finding(text, tag.token.start, end, tag.text, fixed, reason)
        # «# руханижаңғыру»: a space right after the '#'.
        for match in _HASH_SPACE.finditer(text):
            key = hashtag_key(match.group(1))
            if key in configured:
                yield self._joined_finding(
                    text, match.start(), match.end(), "#", configured[key], "space_after_hash"
                )

    def _joined_finding(
        self, text: str, start: int, end: int, tag: str, fixed: str, reason: str
    ) -> Finding:
        found = " ".join(text[start:end].split())
        evidence = {"hashtag": found, "reason": reason, "fixed": fixed}
        if reason == "punctuation":  # «#рухани.жаңғыру»
            chars = "".join(_show(c) for c in found[1:] if not _is_word_char(c))
            return self.finding(
                message=BROKEN_PUNCTUATION,
                span=(start, end),
                found=found,
                chars=chars,
                fixed=fixed,
                evidence={**evidence, "punctuation": chars},
            )
        return self.finding(span=(start, end), found=found, tag=tag, fixed=fixed, evidence=evidence)

    def _intrinsic(self, tag: Tag, configured: Mapping[str, str]) -> Finding:
        evidence: dict[str, object] = {"hashtag": tag.text, "reason": tag.problem}
        if tag.problem == "no_letters":
            return self.finding(
                message=BROKEN_NO_LETTERS, span=tag.token.span, found=tag.text, evidence=evidence
            )
        if tag.problem == "mixed_script":
            evidence["odd_letters"] = tag.odd
            return self.finding(
                message=BROKEN_MIXED,
                span=tag.token.span,
                found=tag.text,
                chars=", ".join(tag.odd),
                evidence=evidence,
            )
        body = "".join(c for c in tag.text[1:] if _is_word_char(c))
        fixed = configured.get(hashtag_key(body), "#" + body)
        chars = " ".join(_show(c) for c in tag.odd)
        evidence.update(punctuation=chars, fixed=fixed)
        return self.finding(
            message=BROKEN_PUNCTUATION,
            span=tag.token.span,
            found=tag.text,
            chars=chars,
            fixed=fixed,
            evidence=evidence,
        )


def _joined(
    text: str, tag: Tag, configured: Mapping[str, str], max_words: int
) -> tuple[int, str, str] | None:
    """(end, configured hashtag, reason) when the text after a hashtag belongs to it."""
    key, pos = tag.key, tag.token.end
    # A '.', ',' … right after the tag cut it before text_tools saw the rest: «#рухани.жаңғыру».
    cut = _CUT_PUNCT.match(text, pos)
    if cut and key + hashtag_key(cut.group(2)) in configured:
        return cut.end(), configured[key + hashtag_key(cut.group(2))], "punctuation"
    for _ in range(max_words):
        match = _AFTER_TAG.match(text, pos)
        if not match:
            return None
        key += hashtag_key(match.group(1))
        pos = match.end()
        if key in configured:
            return pos, configured[key], "split"
    return None


def _show(char: str) -> str:
    """A character for a message: itself, or U+XXXX when it is invisible."""
    return char if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"


def broken_tag_starts(subject: Subject, ctx: LintContext, extra: tuple[str, ...]) -> set[int]:
    """Start offsets of what H302 reports (with its default split length and `extra`), so that
    H306 does not report the same hashtag again."""
    rule = BrokenHashtag(H302Settings(extra_hashtags=extra))
    return {f.span[0] for f in rule.check(subject, ctx) if f.span is not None}


# --- H303 -------------------------------------------------------------------------------------


class H303Settings(RuleSettings):
    min_languages: int = Field(default=2, ge=2, le=3)
    """How many languages the hashtags of an Instagram post should be in."""
    latin: Literal["none", "en"] = "none"
    """What a Latin-script hashtag without Kazakh Latin letters counts as: no language, or English."""


def tag_language(tag: Tag, latin: str = "none") -> str | None:
    """'kk', 'ru', 'en' or None, by script and Kazakh letters (see H303's docs)."""
    if tag.problem is not None:
        return None
    key = tag.key
    if any(c in KAZAKH_CYRILLIC for c in key):
        return "kk"
    scripts = {script_of(c) for c in key} - {None}
    if scripts == {"cyrillic"}:
        return "ru"
    if scripts == {"latin"}:
        if any(c in KAZAKH_LATIN for c in key):
            return "kk"
        return "en" if latin == "en" else None
    return None


class HashtagsOneLanguage(Rule):
    code = "H303"
    name = "hashtags-one-language"
    severity = Severity.WARNING
    networks = frozenset({Network.INSTAGRAM.value})
    Settings = H303Settings
    doc = RuleDoc(
        what=Text(
            kk="Instagram постының барлық хэштегі бір тілде. Тілді әліпби мен қазақ әріптері "
            "анықтайды: қазақ әрпі (ә, ғ, қ, ң, ө, ұ, ү, һ, і) бар хэштег — қазақша, онсыз "
            "кириллица — орысша; латын хэштегі (қазақ латын әріптері ä, ñ, ū, ğ, ı болмаса) "
            "әдепкі бойынша ешбір тілге саналмайды.",
            ru="Все хэштеги поста в Instagram на одном языке. Язык определяется по алфавиту и "
            "казахским буквам: хэштег с казахской буквой (ә, ғ, қ, ң, ө, ұ, ү, һ, і) — казахский, "
            "кириллица без них — русский; латинский хэштег (без казахских латинских букв ä, ñ, "
            "ū, ğ, ı) по умолчанию не считается ни одним языком.",
            en="All the hashtags of an Instagram post are in one language. The language comes from "
            "the script and Kazakh letters: a tag with a Kazakh letter (ә, ғ, қ, ң, ө, ұ, ү, һ, і) "
            "is Kazakh, other Cyrillic is Russian; a Latin tag (without the Kazakh Latin letters "
            "ä, ñ, ū, ğ, ı) counts as no language by default, since 'ruhani' may be either.",
        ),
        why=Text(
            kk="Нұсқаулық Instagram-да әр посттың астына хэштегтерді бірнеше тілде қоюды "
            "ұсынады: қазақ және орыс тілді оқырмандар постты өз тілінде табады.",
            ru="Методичка советует ставить под каждым постом в Instagram хэштеги на нескольких "
            "языках, чтобы и казахско-, и русскоязычные читатели нашли пост.",
            en="The guide asks for hashtags in several languages under every Instagram post, so "
            "that Kazakh- and Russian-speaking readers both find it.",
        ),
        section=SECTION_INSTAGRAM,
        quote_kk=QUOTE_INSTAGRAM_KK,
        quote_ru=QUOTE_INSTAGRAM_RU,
        instead=Text(
            kk="Қазақша хэштегтердің жанына орысшасын қосыңыз (немесе керісінше): "
            "#руханижаңғыру #взглядвбудущее.",
            ru="Добавьте к русским хэштегам казахские (или наоборот): #взглядвбудущее "
            "#руханижаңғыру.",
            en="Add Kazakh hashtags next to the Russian ones (or the other way round): "
            "#руханижаңғыру #взглядвбудущее.",
        ),
    )
    message = Text(
        kk="Хэштегтердің бәрі бір тілде ({languages}). Instagram-да басқа тілдегі хэштег "
        "қосыңыз, мысалы: {suggestion}.",
        ru="Все хэштеги на одном языке ({languages}). Для Instagram добавьте хэштег на другом "
        "языке, например: {suggestion}.",
        en="All hashtags are in one language ({languages}). On Instagram, add a hashtag in "
        "another language, such as {suggestion}.",
    )
    must_flag = (
        Example(
            "Кітап фестивалі басталды! #руханижаңғыру #болашаққабағдар #кітап",
            network="instagram",
            kind="photo",
            language="kk",
        ),
        Example(
            "Фестиваль книги открыт! #взглядвбудущее #книги #туркестан",
            network="instagram",
            kind="photo",
            language="ru",
        ),
        Example(
            "Жастар форумы #руханижаңғыру #youth #forum",
            network="instagram",
            language="kk",
            note="Latin tags count as no language",
        ),
    )
    must_pass = (
        Example(
            "Кітап фестивалі басталды! #руханижаңғыру #взглядвбудущее",
            network="instagram",
            kind="photo",
            language="kk",
        ),
        Example(
            "Фестиваль книги открыт! #книги #кітап",
            network="instagram",
            kind="photo",
            language="ru",
        ),
        Example(
            "Фестиваль книги открыт! #взглядвбудущее #книги",
            network="telegram",
            language="ru",
            note="other networks are exempt",
        ),
        Example("Кітап фестивалі басталды!", network="instagram", language="kk"),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings = self.settings
        assert isinstance(settings, H303Settings)
        tags = post_tags(subject, ctx)
        if not tags:
            return  # H301 reports a post with no hashtags
        by_language: dict[str, list[str]] = {}
        for tag in tags:
            lang = tag_language(tag, settings.latin)
            if lang is not None:
                by_language.setdefault(lang, []).append(tag.text)
        if len(by_language) >= settings.min_languages:
            return
        found = sorted(by_language) or ["—"]
        missing = "ru" if found == ["kk"] else "kk"
        suggestion = {"kk": "#руханижаңғыру", "ru": "#взглядвбудущее"}[missing]
        yield self.finding(
            span=(tags[0].token.start, tags[-1].token.end),
            languages=", ".join(found),
            suggestion=suggestion,
            evidence={
                "languages": found,
                "hashtags_by_language": by_language,
                "hashtags": [t.text for t in tags],
                "min_languages": settings.min_languages,
            },
        )


# --- H304 -------------------------------------------------------------------------------------

_NETWORKS = frozenset(n.value for n in Network)


class H304Settings(RuleSettings):
    hard_max: dict[str, int] = Field(default_factory=dict)
    """Per network, the most hashtags a network accepts (error above). Empty: the platform limits
    of channels.limits (Instagram 30)."""
    soft_max: dict[str, int] = Field(default_factory=dict)
    """Per network, the advised most (warning above). Empty: the platform limits (Telegram 5,
    Facebook 5, X 2, VK 10)."""

    @field_validator("hard_max", "soft_max")
    @classmethod
    def _known_networks(cls, value: dict[str, int]) -> dict[str, int]:
        unknown = sorted(set(value) - _NETWORKS)
        if unknown:
            raise ValueError(f"unknown network(s) {unknown}; use {sorted(_NETWORKS)}")
        if any(v < 0 for v in value.values()):
            raise ValueError("limits must be 0 or more")
        return value


TOO_MANY_HARD = Text(
    kk="Хэштег саны {count}, ал {network} {limit}-ден артық қабылдамайды: пост жарияланбайды. "
    "{excess} хэштегті алып тастаңыз.",
    ru="Хэштегов {count}, а {network} принимает не больше {limit}: пост не опубликуется. Уберите "
    "{excess}.",
    en="{count} hashtags, and {network} accepts at most {limit}: the post will be rejected. "
    "Remove {excess}.",
)
TOO_MANY_SOFT = Text(
    kk="Хэштег саны {count}, ал {network} үшін {limit}-ден көп емес болғаны жөн. Ең маңыздыларын "
    "қалдырып, {excess} хэштегті алып тастаңыз.",
    ru="Хэштегов {count}, а для {network} лучше не больше {limit}. Оставьте главные и уберите "
    "{excess}.",
    en="{count} hashtags; for {network} keep to {limit} or fewer. Keep the main ones and remove "
    "{excess}.",
)


class TooManyHashtags(Rule):
    code = "H304"
    name = "too-many-hashtags"
    severity = Severity.ERROR  # the worst it gives; above the soft limit only it is a warning
    Settings = H304Settings
    doc = RuleDoc(
        what=Text(
            kk="Хэштег тым көп: платформаның шегінен асса — қате (Instagram 30-дан артық "
            "қабылдамайды), ұсынылған шектен асса — ескерту (Telegram 5, Facebook 5, X 2, VK 10).",
            ru="Слишком много хэштегов: выше предела платформы — ошибка (Instagram не принимает "
            "больше 30), выше рекомендуемого — предупреждение (Telegram 5, Facebook 5, X 2, VK 10).",
            en="Too many hashtags: above the platform's limit it is an error (Instagram takes at "
            "most 30), above the advised number a warning (Telegram 5, Facebook 5, X 2, VK 10).",
        ),
        why=Text(
            kk="Instagram шектен асқан постты қабылдамайды; басқа желілерде хэштег тізбегі мәтінді "
            "оқуды қиындатады, ал нұсқаулық мәтіннің ақпараттық-танымдық болуын талап етеді.",
            ru="Instagram отклоняет пост сверх предела; в других сетях стена хэштегов мешает "
            "читать, а методичка требует, чтобы текст был информационно-познавательным.",
            en="Instagram rejects a post above its limit; elsewhere a wall of hashtags gets in the "
            "way of reading, and the guide wants the text to inform.",
        ),
        section="PLATFORMS.md (Instagram: ≤30 hashtags) and " + SECTION_INSTAGRAM,
        quote_kk=QUOTE_INSTAGRAM_KK,
        quote_ru=QUOTE_INSTAGRAM_RU,
        instead=Text(
            kk="Бағдарламаның бір-екі хэштегін және тақырып хэштегтерін ғана қалдырыңыз.",
            ru="Оставьте один-два хэштега программы и несколько тематических.",
            en="Keep one or two programme hashtags and a few topical ones.",
        ),
    )
    message = TOO_MANY_HARD
    must_flag = (
        Example(
            "Жаңа кітапхана ашылды! " + " ".join(f"#кітап{i}" for i in range(31)),
            network="instagram",
            kind="photo",
            language="kk",
            note="31 on Instagram: error",
        ),
        Example(
            "Новая библиотека! #руханижаңғыру #взглядвбудущее #книги #чтение #библиотека #шымкент",
            network="telegram",
            language="ru",
            note="6 on Telegram: warning",
        ),
        Example(
            "Жаңа кітапхана #руханижаңғыру #кітап #оқу",
            network="x",
            language="kk",
            note="3 on X: warning",
        ),
    )
    must_pass = (
        Example(
            "Жаңа кітапхана ашылды! " + " ".join(f"#кітап{i}" for i in range(30)),
            network="instagram",
            kind="photo",
            language="kk",
            note="30 on Instagram is allowed",
        ),
        Example(
            "Новая библиотека! #руханижаңғыру #взглядвбудущее #книги #чтение #шымкент",
            network="telegram",
            language="ru",
        ),
        Example("Жаңа кітапхана #руханижаңғыру #кітап", network="x", language="kk"),
        Example(
            "Новая библиотека! " + " ".join(f"#книга{i}" for i in range(12)),
            network="ok",
            language="ru",
            note="no limit known for Odnoklassniki",
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings = self.settings
        assert isinstance(settings, H304Settings)
        limits = ctx.limits_for(subject)
        network = subject.network
        hard = settings.hard_max.get(network, limits.hashtags_max if limits else None)
        soft = settings.soft_max.get(network, limits.hashtags_soft if limits else None)
        tags = post_tags(subject, ctx)
        count = len(tags)
        if hard is not None and count > hard:
            limit, message, severity, kind = hard, TOO_MANY_HARD, Severity.ERROR, "hard"
        elif soft is not None and count > soft:
            limit, message, severity, kind = soft, TOO_MANY_SOFT, Severity.WARNING, "soft"
        else:
            return
        yield self.finding(
            message=message,
            severity=severity,
            span=(tags[limit].token.start, tags[-1].token.end),
            count=count,
            limit=limit,
            excess=count - limit,
            network=_network_name(network),
            evidence={
                "count": count,
                "distinct": len({t.key for t in tags}),
                "limit": limit,
                "limit_kind": kind,
                "network": network,
            },
        )


def _network_name(network: str) -> str:
    return {
        "telegram": "Telegram",
        "instagram": "Instagram",
        "facebook": "Facebook",
        "vk": "VK",
        "ok": "Odnoklassniki",
        "x": "X",
        "youtube": "YouTube",
    }.get(network, network)


# --- H305 -------------------------------------------------------------------------------------


class DirectionHashtagMismatch(Rule):
    code = "H305"
    name = "direction-hashtag-mismatch"
    severity = Severity.INFO
    doc = RuleDoc(
        what=Text(
            kk="Пост бағдарламаның бір бағытын (direction) көрсетеді, бірақ оның бағыт "
            "хэштегтері басқа бағытқа тиесілі, ал өз бағытының хэштегі жоқ.",
            ru="Пост объявляет одно из шести направлений программы (direction), но его хэштеги "
            "направлений относятся к другому, а хэштегов своего направления нет.",
            en="The post declares one of the programme's six directions, but its direction "
            "hashtags belong to another one and none to its own.",
        ),
        why=Text(
            kk="Нұсқаулық әр бағытты өз хэштегімен жариялауды ұсынады; бөгде бағыттың хэштегі "
            "постты басқа айдарға жібереді және бағыттар бойынша есепті бұрмалайды.",
            ru="Методичка связывает каждое направление со своим хэштегом; хэштег чужого "
            "направления уводит пост в другую рубрику и искажает учёт по направлениям.",
            en="The guide ties each direction to its hashtag; another direction's hashtag sends "
            "the post to the wrong rubric and skews the count per direction.",
        ),
        section=SECTION_DIRECTIONS,
        quote_kk=QUOTE_DIRECTION_LIST_KK,
        quote_ru=QUOTE_DIRECTION_LIST_RU,
        instead=Text(
            kk="Посттың бағытына сай хэштегті қойыңыз немесе драфттағы direction мәнін түзетіңіз.",
            ru="Поставьте хэштег направления поста или исправьте поле direction в черновике.",
            en="Use the hashtag of the post's direction, or correct the draft's direction.",
        ),
    )
    message = Text(
        kk="Пост «{direction}» бағытында, бірақ хэштегі ({found}) «{other}» бағытына жатады. "
        "Өз бағытының хэштегін қосыңыз: {expected}, немесе direction мәнін түзетіңіз.",
        ru="Пост относится к направлению «{direction}», но его хэштег ({found}) — направления "
        "«{other}». Добавьте хэштег своего направления: {expected}, или исправьте direction.",
        en="The post is in the '{direction}' direction, but its hashtag ({found}) is of "
        "'{other}'. Add its own direction's hashtag: {expected}, or correct the direction.",
    )
    must_flag = (
        Example(
            "Жас кәсіпкерлер байқауы! #руханижаңғыру #біліммәдениеті",
            direction="competitiveness",
            language="kk",
        ),
        Example(
            "Конкурс молодых предпринимателей! #взглядвбудущее #культзнания",
            direction="competitiveness",
            language="ru",
        ),
        Example(
            "Ұлттық ою-өрнек шеберханасы #сананыңашықтығы #прагматизм",
            direction="national-identity",
            language="kk",
        ),
    )
    must_pass = (
        Example(
            "Жас кәсіпкерлер байқауы! #руханижаңғыру #бәсекелестікқабілет #біліммәдениеті",
            direction="competitiveness",
            language="kk",
            note="its own direction is there too",
        ),
        Example(
            "Конкурс молодых предпринимателей! #конкурентоспособность",
            direction="competitiveness",
            language="ru",
        ),
        Example(
            "Лекция о науке #культзнания",
            language="ru",
            note="no direction declared",
        ),
        Example("Кітап оқу марафоны #руханижаңғыру", direction="knowledge", language="kk"),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        direction = subject.direction
        mapping = direction_hashtags(ctx)
        if not direction or direction not in mapping:
            return
        own = {hashtag_key(t) for t in mapping[direction]}
        owner: dict[str, str] = {}
        for other, group in mapping.items():
            if other != direction:
                for t in group:
                    owner.setdefault(hashtag_key(t), other)
        tags = post_tags(subject, ctx)
        if any(t.key in own for t in tags):
            return
        foreign = [t for t in tags if t.key in owner and t.key not in own]
        if not foreign:
            return
        first = foreign[0]
        yield self.finding(
            span=first.token.span,
            direction=direction,
            found=", ".join(t.text for t in foreign),
            other=owner[first.key],
            expected=", ".join(_display(t) for t in mapping[direction]),
            evidence={
                "direction": direction,
                "foreign": {t.text: owner[t.key] for t in foreign},
                "expected": [_display(t) for t in mapping[direction]],
            },
        )


# --- H306 -------------------------------------------------------------------------------------


class H306Settings(RuleSettings):
    max_distance: int = Field(default=2, ge=1, le=4)
    """The largest edit distance (a transposition counts 1) to a configured hashtag."""
    min_length: int = Field(default=6, ge=1)
    """Configured hashtags shorter than this (without '#') are not used as targets."""
    extra_hashtags: StrList = ("#қазақстан", "#казахстан")
    """Hashtags to recognise besides the office's configured ones (the guide's list)."""


class MisspelledProgramHashtag(Rule):
    code = "H306"
    name = "misspelled-program-hashtag"
    severity = Severity.WARNING
    Settings = H306Settings
    doc = RuleDoc(
        what=Text(
            kk="Бапталған хэштегке өте ұқсас (редакциялық қашықтығы 2-ден аспайды), бірақ "
            "одан өзгеше хэштег: #руханижангыру, #рухани_жаңғыру. H302 хабарлаған хэштегтер "
            "қайталанбайды.",
            ru="Хэштег, очень похожий на настроенный (расстояние редактирования не больше 2), но "
            "не равный ему: #руханижангыру, #рухани_жаңғыру. Хэштеги, о которых уже сообщило "
            "H302, не повторяются.",
            en="A hashtag very close to a configured one (edit distance 2 or less) but not equal "
            "to it: #руханижангыру, #рухани_жаңғыру. Hashtags H302 reports are not repeated.",
        ),
        why=Text(
            kk="Бір әріптің қатесі (ң орнына н, ғ орнына г) постты бағдарлама айдарынан тыс "
            "қалдырады: іздеу оны басқа хэштег деп санайды.",
            ru="Одна неверная буква (н вместо ң, г вместо ғ) выводит пост из рубрики программы: "
            "для поиска это другой хэштег.",
            en="One wrong letter (н for ң, г for ғ) takes the post out of the programme's rubric: "
            "to search it is another hashtag.",
        ),
        section=SECTION_DIRECTIONS,
        quote_kk=QUOTE_DIRECTIONS_KK,
        quote_ru=QUOTE_DIRECTIONS_RU,
        instead=Text(
            kk="Хэштегті бапталғандай дәл жазыңыз, қазақ әріптерімен: #руханижаңғыру.",
            ru="Пишите хэштег точно как настроено, с казахскими буквами: #руханижаңғыру.",
            en="Write the hashtag exactly as configured, with the Kazakh letters: #руханижаңғыру.",
        ),
    )
    message = Text(
        kk="«{found}» хэштегі «{expected}» хэштегіне ұқсайды, бірақ {distance} әріппен "
        "ерекшеленеді. Дәл жазыңыз: {expected}.",
        ru="Хэштег «{found}» похож на «{expected}», но отличается на {distance} букв(ы). "
        "Напишите точно: {expected}.",
        en="The hashtag '{found}' looks like '{expected}' but differs by {distance} letter(s). "
        "Write it exactly: {expected}.",
    )
    must_flag = (
        Example("Кітап фестивалі! #руханижангыру", language="kk", note="н, г for ң, ғ"),
        Example("Фестиваль книги #рухани_жаңғыру", language="ru", note="an underscore"),
        Example("Фестиваль книги #взглядвбудушее", language="ru", note="ш for щ"),
        Example("Жастар апталығы #болашакқабағдар", language="kk"),
    )
    must_pass = (
        Example("Кітап фестивалі! #РуханиЖаңғыру", language="kk", note="case does not matter"),
        Example("Фестиваль книги #взглядвбудущее #книги", language="ru"),
        Example("Фестиваль книги #казахстан #қазақстан", language="ru", note="both in the guide"),
        Example(
            "Жастар апталығы #болашаққа бағдар",
            language="kk",
            note="H302 reports the split tag; H306 does not repeat it",
        ),
        Example("Жастар апталығы #руханижаңғыpу", language="kk", note="mixed script: H302 only"),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings = self.settings
        assert isinstance(settings, H306Settings)
        configured = configured_hashtags(ctx, settings.extra_hashtags)
        targets = [k for k in configured if len(k) >= settings.min_length]
        broken = broken_tag_starts(subject, ctx, settings.extra_hashtags)
        limit = settings.max_distance
        for tag in post_tags(subject, ctx):
            if tag.key in configured or tag.token.start in broken:
                continue
            best: tuple[int, str] | None = None
            for target in targets:
                d = edit_distance(tag.key, target, limit)
                if d <= limit and (best is None or d < best[0]):
                    best = (d, target)
            if best is None:
                continue
            distance, target = best
            yield self.finding(
                span=tag.token.span,
                found=tag.text,
                expected=configured[target],
                distance=distance,
                evidence={
                    "hashtag": tag.text,
                    "expected": configured[target],
                    "distance": distance,
                    "max_distance": limit,
                },
            )


RULES: tuple[type[Rule], ...] = (
    ProgramHashtagMissing,
    BrokenHashtag,
    HashtagsOneLanguage,
    TooManyHashtags,
    DirectionHashtagMismatch,
    MisspelledProgramHashtag,
)
