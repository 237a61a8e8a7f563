"""X: privacy and safety (X601-X603). Not in the guide: a public-sector office must not leak personal
data, and its readers must be safe. The guide's nearest principles are quoted in each rule's docs.

X601 personal-data looks for three things, and is tuned for a very low false-positive rate:
- An IIN or BIN (ЖСН/БСН, ИИН/БИН): 12 digits in a row (or grouped by spaces or dashes right after
  the word ИИН, ЖСН, БИН, БСН, IIN or BIN) whose control digit is valid by the official two-pass
  algorithm (weights 1..11, then 3..11, 1, 2, modulo 11; a number whose second remainder is 10 again
  is never issued). By default the number must also have the structure of an IIN (YYMMDD, a valid
  month and day, then a century-and-sex digit 1-6) or of a BIN (YYMM, a valid month, then a type digit
  4-6 and an attribute digit 0-3). Numbers in `allowed_ids` (the office's own BIN) are fine.
- A personal Kazakh mobile number: +7, 8 or 7, then a mobile operator code (`mobile_codes`: 700, 701,
  702, 705, 706, 707, 708, 747, 771, 775, 776, 777, 778), then 7 digits, with spaces, dashes or
  brackets anywhere between the groups. Landlines (727, 7172…) are not personal mobiles. Numbers in
  the office's `public_numbers` are fine (compared by their last 10 digits).
- An ID document number: a passport of the Republic of Kazakhstan is a Latin N and 8 digits
  (N12345678), matched anywhere; a national ID card (жеке куәлік, удостоверение личности) number is
  9 digits, matched only within `id_keyword_window` characters after a word that names the document
  (жеке куәлік, төлқұжат, удостоверение, паспорт, ID card, passport…), since 9 bare digits are common.
Dates, years, amounts («12 500 000 теңге») and numbers inside links are not matched. The evidence and
the message show the value masked (only its last two digits).

X602 unsafe-link checks each link (http://, https:// or www., and bare links through a known
shortener): plain http, a shortener from `shorteners`, a raw IP address (dotted, decimal or hex, or
IPv6), a host that is not valid IDNA (checked with the `idna` package, IDNA 2008 with UTS #46 and
STD3 rules, '_' tolerated; the stdlib codec, IDNA 2003 plus STD3 checks, when `idna` is absent), and
a host label that mixes Latin and Cyrillic letters (a homograph, `mixed_script_hosts`).

X603 alt-text-missing reports each photo (media kind image; by its type or file name when it could
not be probed) without alt text on a network whose limits say it takes alt text.
"""

from __future__ import annotations

import contextlib
import ipaddress
import mimetypes
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from pydantic import Field, field_validator

from linters.context import LintContext
from linters.findings import Finding, Severity
from linters.rule import Example, Rule, RuleDoc, RuleSettings, StrList
from linters.rules.script import script_of
from linters.subject import MediaRef, Subject
from linters.text_tools import urls
from posts.i18n import Text

try:  # `idna` comes with requests; the stdlib codec (IDNA 2003) is the fallback
    import idna as _idna
except ImportError:  # pragma: no cover - requests depends on idna
    _idna = None  # type: ignore[assignment]

IDNA_CHECKER = "idna" if _idna is not None else "stdlib"

SECTION_NO_BASIS = "No basis in the guide: RULES.md, X: privacy and safety"

# --- IIN / BIN ----------------------------------------------------------------------------------

IIN_WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
IIN_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def iin_control_digit(first11: str) -> int | None:
    """The control digit of an IIN/BIN from its first 11 digits; None when no digit is valid."""
    digits = [int(c) for c in first11]
    rest = sum(d * w for d, w in zip(digits, IIN_WEIGHTS_1, strict=True)) % 11
    if rest == 10:
        rest = sum(d * w for d, w in zip(digits, IIN_WEIGHTS_2, strict=True)) % 11
        if rest == 10:
            return None
    return rest


def iin_checksum_ok(number: str) -> bool:
    if len(number) != 12 or not number.isascii() or not number.isdigit():
        return False
    return iin_control_digit(number[:11]) == int(number[11])


def iin_structure(number: str) -> str | None:
    """'iin' or 'bin' when the digits have that structure, else None."""
    month, day = int(number[2:4]), int(number[4:6])
    if 1 <= month <= 12 and 1 <= day <= 31 and number[6] in "123456":
        return "iin"
    if 1 <= month <= 12 and number[4] in "456" and number[5] in "0123":
        return "bin"
    return None


# --- the patterns -------------------------------------------------------------------------------

_TWELVE = re.compile(r"(?<!\d)(?<!\d[.,])[0-9]{12}(?!\d|[.,]\d)")
_ID_WORD = re.compile(r"(?<!\w)(?:ИИН|ЖСН|БИН|БСН|IIN|BIN)(?!\w)[^\d\n]{0,30}", re.IGNORECASE)
_GROUPED_TWELVE = re.compile(r"[0-9](?:[ \-]?[0-9]){11}(?!\d)")
_SEP = r"[^\S\n]?[-‐‑–]?[^\S\n]?"  # nothing, a space (NBSP too), a dash, or a spaced dash
_PHONE = re.compile(
    rf"(?<![\w+])(?:\+[^\S\n]?7|8|7){_SEP}\(?[^\S\n]?(7[0-9]{{2}})[^\S\n]?\)?{_SEP}"
    rf"([0-9]{{3}}){_SEP}([0-9]{{2}}){_SEP}([0-9]{{2}})(?!\d)"
)
_PASSPORT = re.compile(r"(?<![\w])N[0-9]{8}(?!\d)")
_DOC_WORD = re.compile(
    r"(?<!\w)(?:жеке\s+куәлі\w*|жеке\s+бас\w*\s+куәлі\w*|төлқұжат\w*|куәлік\w*|паспорт\w*|"
    r"удостоверени\w*|уд\.\s*личн\w*|ID[\s\-]?card|passport)",
    re.IGNORECASE,
)
_DOC_NUMBER = re.compile(r"(?<![\w])(?:N[^\S\n]?[0-9]{8}|[0-9]{9})(?!\d)")

DEFAULT_MOBILE_CODES = (
    "700",
    "701",
    "702",
    "705",
    "706",
    "707",
    "708",
    "747",
    "771",
    "775",
    "776",
    "777",
    "778",
)


def mask(value: str, keep: int = 2) -> str:
    """Every letter and digit but the last `keep` becomes '*'; separators stay."""
    alnum = [i for i, c in enumerate(value) if c.isalnum()]
    shown = set(alnum[-keep:]) if keep else set()
    return "".join("*" if c.isalnum() and i not in shown else c for i, c in enumerate(value))


def _digits(value: str) -> str:
    return "".join(c for c in value if c.isdigit() and c.isascii())


@dataclass(frozen=True)
class Hit:
    kind: str  # "iin" | "bin" | "iin_or_bin" | "mobile" | "passport" | "id_card"
    start: int
    end: int
    value: str


class X601Settings(RuleSettings):
    check_structure: bool = True
    """Also require the IIN (birth date, century digit) or BIN (month, type digits) structure."""
    allowed_ids: StrList = ()
    """12-digit numbers that may be published, such as the office's own BIN."""
    mobile_codes: StrList = DEFAULT_MOBILE_CODES
    """Kazakh mobile operator codes (after +7); other 7xx codes are landlines."""
    id_keyword_window: int = Field(default=40, ge=0, le=200)
    """How many characters after «жеке куәлік», «удостоверение», «паспорт»… a document number may be."""

    @field_validator("mobile_codes")
    @classmethod
    def _three_digits(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        bad = [v for v in value if not re.fullmatch(r"7\d\d", v)]
        if bad:
            raise ValueError(f"a mobile code is three digits starting with 7, not {bad}")
        return value


def find_personal_data(
    text: str, settings: X601Settings, public_numbers: Iterable[str] = ()
) -> list[Hit]:
    """Every IIN/BIN, personal mobile number and ID document number in `text` (see the module)."""
    skip = [u.span for u in urls(text)]
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(a < end and start < b for a, b in skip + taken)

    hits: list[Hit] = []
    allowed = {_digits(a) for a in settings.allowed_ids}

    def add_id(start: int, end: int) -> None:
        value = text[start:end]
        number = _digits(value)
        if number in allowed or not iin_checksum_ok(number) or not free(start, end):
            return
        structure = iin_structure(number)
        if structure is None and settings.check_structure:
            return
        hits.append(Hit(structure or "iin_or_bin", start, end, value))
        taken.append((start, end))

    for word in _ID_WORD.finditer(text):
        grouped = _GROUPED_TWELVE.match(text, word.end())
        if grouped:
            add_id(grouped.start(), grouped.end())
    for match in _TWELVE.finditer(text):
        add_id(match.start(), match.end())

    public = {_digits(n)[-10:] for n in public_numbers if len(_digits(n)) >= 10}
    codes = set(settings.mobile_codes)
    for match in _PHONE.finditer(text):
        national = "".join(match.groups())
        if match.group(1) in codes and national not in public and free(*match.span()):
            hits.append(Hit("mobile", match.start(), match.end(), match.group()))
            taken.append(match.span())

    for match in _PASSPORT.finditer(text):
        if free(*match.span()):
            hits.append(Hit("passport", match.start(), match.end(), match.group()))
            taken.append(match.span())
    for word in _DOC_WORD.finditer(text):
        number = _DOC_NUMBER.search(text, word.end())
        if (
            number
            and number.start() <= word.end() + settings.id_keyword_window
            and free(*number.span())
        ):
            kind = "passport" if number.group().startswith("N") else "id_card"
            hits.append(Hit(kind, number.start(), number.end(), number.group()))
            taken.append(number.span())
    hits.sort(key=lambda h: h.start)
    return hits


PD_ID = Text(
    kk="Мәтінде ЖСН/БСН бар ({masked}): бұл дербес дерек. Оны алып тастаңыз; ұйымның өз БСН-і "
    "болса, оны X601 ережесінің allowed_ids тізіміне қосыңыз.",
    ru="В тексте есть ИИН/БИН ({masked}) — это персональные данные. Удалите его; если это БИН "
    "самой организации, добавьте его в список allowed_ids правила X601.",
    en="The text contains an IIN/BIN ({masked}), which is personal data. Remove it; if it is the "
    "organisation's own BIN, add it to the allowed_ids of rule X601.",
)
PD_MOBILE = Text(
    kk="Мәтінде жеке ұялы телефон нөмірі бар ({masked}). Оны алып тастап, кеңсенің ресми нөмірін "
    "жазыңыз; бұл ресми нөмір болса, оны кеңсенің ашық нөмірлер тізіміне (public_numbers) "
    "қосыңыз.",
    ru="В тексте личный мобильный номер ({masked}). Удалите его и укажите официальный номер "
    "офиса; если это и есть официальный номер, внесите его в список открытых номеров офиса "
    "(public_numbers).",
    en="The text contains a personal mobile number ({masked}). Remove it and give the office's "
    "official number; if this is the official number, add it to the office's public_numbers.",
)
PD_DOCUMENT = Text(
    kk="Мәтінде жеке куәліктің не төлқұжаттың нөмірі бар ({masked}). Оны алып тастаңыз: құжат "
    "нөмірін әлеуметтік желіде жариялауға болмайды.",
    ru="В тексте номер удостоверения личности или паспорта ({masked}). Удалите его: номера "
    "документов нельзя публиковать в соцсетях.",
    en="The text contains an ID card or passport number ({masked}). Remove it: document numbers "
    "must never be published on social media.",
)


class PersonalData(Rule):
    code = "X601"
    name = "personal-data"
    severity = Severity.ERROR
    Settings = X601Settings
    doc = RuleDoc(
        what=Text(
            kk="Дербес дерек: бақылау цифры дұрыс ЖСН/БСН (12 цифр), кеңсенің ашық тізімінде "
            "жоқ жеке ұялы нөмір (+7 7xx…) немесе жеке куәлік (9 цифр) не паспорт (N және 8 "
            "цифр) нөмірі. Күні, жылы, сомасы («12 500 000 теңге») бар сандар ескерілмейді.",
            ru="Персональные данные: ИИН/БИН (12 цифр с верной контрольной цифрой), личный "
            "мобильный номер (+7 7xx…), которого нет в списке открытых номеров офиса, или номер "
            "удостоверения личности (9 цифр) или паспорта (N и 8 цифр). Даты, годы и суммы "
            "(«12 500 000 тенге») не считаются.",
            en="Personal data: an IIN/BIN (12 digits with a valid control digit), a personal "
            "mobile number (+7 7xx…) that is not in the office's public numbers, or an ID card "
            "(9 digits) or passport (N and 8 digits) number. Dates, years and sums are ignored.",
        ),
        why=Text(
            kk="Мемлекеттік мекеме дербес деректерді жария етпеуі тиіс (ҚР «Дербес деректер және "
            "оларды қорғау туралы» Заңы). Нұсқаулықта бұл ереже жоқ, бірақ ол спикерлердің "
            "байланыс деректерін журналистерге арналған баспасөз-китке жатқызады, ал баспасөзге "
            "арналған материалдарды әлеуметтік желіге салмауды сұрайды.",
            ru="Государственное учреждение не должно раскрывать персональные данные (Закон РК «О "
            "персональных данных и их защите»). В методичке такого правила нет, но контактные "
            "данные спикеров она относит к пресс-киту для журналистов, а материалы для прессы "
            "просит не размещать в соцсетях.",
            en="A public body must not disclose personal data (the Law of the Republic of "
            "Kazakhstan on personal data and its protection). The guide has no such rule, but it "
            "puts speakers' contact details in the press kit for journalists, and asks that "
            "material for the press stay off social media.",
        ),
        section=SECTION_NO_BASIS
        + "; nearest: «БАСПАСӨЗ-КИТІНІҢ ҚҰРАМЫ» / «СОСТАВ ПРЕСС-КИТА» and «Что не стоит размещать"
        " в социальных сетях»",
        quote_kk="«спикерлер мен негізгі тартылған адамдардың деректері (ТАӘ, лауазымы, …, "
        "байланыстық ақпарат)» (баспасөз-киті); «Әлеуметтік желілерде нені орналастырудың "
        "керегі жоқ: Журналистерге арналған баспасөз аңдатпалары, баспасөз релиздері, құрғақ "
        "мәтіндер»",
        quote_ru="«данные спикеров и основных задействованных лиц (ФИО, должность, …, контактная "
        "информация)» (пресс-кит); «Что не стоит размещать в социальных сетях: Пресс-анонсы, "
        "пресс-релизы, сухие тексты предназначенные для журналистов»",
        instead=Text(
            kk="Дербес деректерді алып тастаңыз. Байланыс үшін кеңсенің ресми телефонын, "
            "поштасын немесе сайтын жазыңыз.",
            ru="Удалите персональные данные. Для связи укажите официальный телефон, почту или "
            "сайт офиса.",
            en="Remove the personal data. For contact, give the office's official phone, e-mail "
            "or website.",
        ),
        waive=Text(
            kk="Адам өз нөмірін жариялауға жазбаша келісім берген болса ғана.",
            ru="Только если человек письменно согласился на публикацию своего номера.",
            en="Only when the person has agreed in writing to the publication of the number.",
        ),
    )
    message = PD_ID
    must_flag = (
        Example("Жеңімпаз Айгерім Сапарова, ЖСН 870412300129, сыйлықты алды.", language="kk"),
        Example(
            "Вопросы по регистрации — Асель, +7 (701) 234-56-78, звоните до 18:00.",
            language="ru",
        ),
        Example("Тіркелу үшін хабарласыңыз: 8 777 123 45 67 (Ерлан).", language="kk"),
        Example("Победитель: Ержан К., удостоверение личности № 043567812.", language="ru"),
        Example("Утерян паспорт N12345678, нашедшего просим вернуть.", language="ru"),
        Example("ИИН победителя: 951122 400 317", language="ru", note="grouped after ИИН"),
    )
    must_pass = (
        Example(
            "Фестиваль өтеді 28.11.2026, сағат 10:00-де. 2026 жыл — кітап жылы.", language="kk"
        ),
        Example("Бюджет проекта — 12 500 000 тенге, участников — 1 200.", language="ru"),
        Example(
            "Анықтама телефоны: +7 (7252) 53-12-40.",
            language="kk",
            note="a Shymkent landline, not a mobile",
        ),
        Example(
            "Номер заявки 870412300128 — ждите ответа.",
            language="ru",
            note="12 digits with a wrong control digit",
        ),
        Example(
            "Жоба сайты: https://rukhani.kz/news/870412300129",
            language="kk",
            note="numbers inside links are not read",
        ),
        Example("Приказ № 123456789 от 12.11.2026 утверждён.", language="ru"),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings = self.settings
        assert isinstance(settings, X601Settings)
        for hit in find_personal_data(subject.text, settings, ctx.office.public_numbers):
            masked = mask(hit.value)
            if hit.kind == "mobile":
                message = PD_MOBILE
            elif hit.kind in ("passport", "id_card"):
                message = PD_DOCUMENT
            else:
                message = PD_ID
            evidence: dict[str, object] = {
                "kind": hit.kind,
                "masked": masked,
                "digits": len(_digits(hit.value)),
            }
            if hit.kind in ("iin", "bin", "iin_or_bin"):
                evidence["checksum"] = "valid"
            yield self.finding(
                message=message, span=(hit.start, hit.end), masked=masked, evidence=evidence
            )


# --- X602 ---------------------------------------------------------------------------------------

DEFAULT_SHORTENERS = (
    "bit.ly",
    "bitly.com",
    "bit.do",
    "clck.ru",
    "goo.su",
    "goo.gl",
    "tinyurl.com",
    "t.ly",
    "is.gd",
    "v.gd",
    "cutt.ly",
    "ow.ly",
    "buff.ly",
    "rb.gy",
    "shorturl.at",
    "tiny.cc",
    "u.to",
    "vk.cc",
    "qps.ru",
    "rebrand.ly",
    "s.id",
    "t.co",
    "lnkd.in",
    "surl.li",
    "clc.to",
)


class X602Settings(RuleSettings):
    shorteners: StrList = DEFAULT_SHORTENERS
    """Hosts of URL shorteners (a host or any of its subdomains)."""
    mixed_script_hosts: bool = True
    """Also report a host label that mixes Latin and Cyrillic letters (a homograph)."""


@dataclass(frozen=True)
class Link:
    text: str
    start: int
    end: int


def _links(text: str, shorteners: Iterable[str]) -> Iterator[Link]:
    """Links with a scheme or www., and bare links through a shortener («bit.ly/abc»)."""
    found = [Link(t.text, t.start, t.end) for t in urls(text)]
    yield from found
    names = sorted((re.escape(s.lower().strip(".")) for s in shorteners if s.strip(".")), key=len)
    if not names:
        return
    bare = re.compile(
        r"(?<![\w.@/\-])(?:www\.)?(?:" + "|".join(reversed(names)) + r")/[^\s<>«»\"]+",
        re.IGNORECASE,
    )
    for match in bare.finditer(text):
        if not any(link.start <= match.start() < link.end for link in found):
            value = match.group().rstrip(".,;:!?)")
            yield Link(value, match.start(), match.start() + len(value))


def _host_of(link: str) -> tuple[str | None, str | None, bool]:
    """(scheme, host, parse_ok) of a link; a link without a scheme gets none."""
    has_scheme = re.match(r"(?i)https?://", link) is not None
    try:
        parts = urlsplit(link if has_scheme else "//" + link)
        host = parts.hostname
    except ValueError:
        return (None, None, False)
    scheme = parts.scheme.lower() if has_scheme else None
    return scheme, host, True


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    labels = host.rstrip(".").split(".")
    return all(re.fullmatch(r"(?i)0x[0-9a-f]+|\d+", label) for label in labels)


def idna_problem(host: str) -> str | None:
    """Why `host` is not valid IDNA, or None. '_' is tolerated (it occurs in real hosts)."""
    name = host.rstrip(".").replace("_", "a")
    if not name:
        return "empty host"
    try:
        if _idna is not None:
            _idna.encode(name, uts46=True, std3_rules=True)
            return None
        return _stdlib_idna_problem(name)
    except (UnicodeError, ValueError) as exc:  # idna.IDNAError is a UnicodeError
        return str(exc) or type(exc).__name__


def _stdlib_idna_problem(name: str) -> str | None:
    """The stdlib codec (IDNA 2003) plus the STD3 rules it does not check."""
    encoded = name.encode("idna").decode("ascii")
    for label in encoded.split("."):
        if not re.fullmatch(r"[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?", label):
            return f"label {label!r} breaks the STD3 rules"
        if label.lower().startswith("xn--"):
            label.encode("ascii").decode("idna")
    return None


def _unicode_labels(host: str) -> list[str]:
    out = []
    for label in host.rstrip(".").split("."):
        if label.lower().startswith("xn--"):
            with contextlib.suppress(UnicodeError, ValueError):
                label = _idna.decode(label) if _idna is not None else label.encode().decode("idna")
        out.append(label)
    return out


def _mixed_script(host: str) -> bool:
    for label in _unicode_labels(host):
        scripts = {script_of(c) for c in label if c.isalpha()} - {None}
        if scripts >= {"latin", "cyrillic"}:
            return True
    return False


def _is_shortener(host: str, shorteners: Iterable[str]) -> bool:
    host = host.rstrip(".").lower()
    for s in shorteners:
        s = s.strip(".").lower()
        if s and (host == s or host.endswith("." + s)):
            return True
    return False


def link_problems(link: str, settings: X602Settings) -> tuple[str | None, list[str]]:
    """(host, reasons) for one link; reasons in order of importance."""
    scheme, host, ok = _host_of(link)
    if not ok or not host:
        return host, ["idna"]
    reasons = []
    if _is_ip(host):
        reasons.append("ip")
    elif idna_problem(host) is not None:
        reasons.append("idna")
    elif settings.mixed_script_hosts and _mixed_script(host):
        reasons.append("mixed_script")
    if _is_shortener(host, settings.shorteners):
        reasons.append("shortener")
    if scheme == "http":
        reasons.append("http")
    return host, reasons


LINK_IP = Text(
    kk="Сілтеме домен емес, IP мекенжайға апарады ({host}): оқырман сайттың кімдікі екенін "
    "көрмейді. Ресми домендегі https:// сілтемесін қойыңыз.",
    ru="Ссылка ведёт на IP-адрес, а не на домен ({host}): читатель не видит, чей это сайт. "
    "Поставьте ссылку https:// на официальный домен.",
    en="The link goes to a raw IP address ({host}): readers cannot see whose site it is. Link to "
    "the official domain over https:// instead.",
)
LINK_IDNA = Text(
    kk="Сілтеменің домені жарамсыз ({host}): браузер оны ашпайды немесе басқа сайтқа апаруы "
    "мүмкін. Мекенжайды сайттың өзінен көшіріп, қайта қойыңыз.",
    ru="Домен ссылки недопустим ({host}): браузер его не откроет или откроет чужой сайт. "
    "Скопируйте адрес заново прямо с сайта.",
    en="The link's domain is not valid ({host}): browsers will not open it, or may open another "
    "site. Copy the address again from the site itself.",
)
LINK_MIXED = Text(
    kk="Сілтеме доменінде латын және кирилл әріптері араласқан ({host}) — бұл жалған сайттың "
    "белгісі. Мекенжайды сайттың өзінен көшіріп, қайта қойыңыз.",
    ru="В домене ссылки смешаны латиница и кириллица ({host}) — признак поддельного сайта. "
    "Скопируйте адрес заново прямо с сайта.",
    en="The link's domain mixes Latin and Cyrillic letters ({host}), a sign of a fake site. Copy "
    "the address again from the site itself.",
)
LINK_SHORTENER = Text(
    kk="Сілтеме қысқартқыш арқылы өтеді ({host}): оқырман қайда баратынын көрмейді. Толық "
    "https:// сілтемесін қойыңыз.",
    ru="Ссылка через сокращатель ({host}): читатель не видит, куда попадёт. Поставьте полную "
    "ссылку https://.",
    en="The link goes through a URL shortener ({host}): readers cannot see where it leads. Use "
    "the full https:// link.",
)
LINK_HTTP = Text(
    kk="Сілтеме шифрланбаған http:// арқылы ашылады ({host}). https:// деп жазыңыз (сайт "
    "https-ті қолдайтынын тексеріңіз).",
    ru="Ссылка открывается по незашифрованному http:// ({host}). Напишите https:// (проверьте, "
    "что сайт его поддерживает).",
    en="The link uses unencrypted http:// ({host}). Write https:// (check that the site "
    "supports it).",
)
LINK_MESSAGES = {
    "ip": LINK_IP,
    "idna": LINK_IDNA,
    "mixed_script": LINK_MIXED,
    "shortener": LINK_SHORTENER,
    "http": LINK_HTTP,
}


class UnsafeLink(Rule):
    code = "X602"
    name = "unsafe-link"
    severity = Severity.WARNING
    Settings = X602Settings
    doc = RuleDoc(
        what=Text(
            kk="Қауіпті сілтеме: шифрланбаған http://, URL қысқартқышы (bit.ly, clck.ru, goo.su, "
            "tinyurl.com, t.ly…), домен орнына IP мекенжай, IDNA бойынша жарамсыз домен немесе "
            "латын мен кирилл араласқан домен.",
            ru="Небезопасная ссылка: незашифрованный http://, сокращатель ссылок (bit.ly, "
            "clck.ru, goo.su, tinyurl.com, t.ly…), IP-адрес вместо домена, домен, недопустимый "
            "по IDNA, или домен со смесью латиницы и кириллицы.",
            en="An unsafe link: plain http://, a URL shortener (bit.ly, clck.ru, goo.su, "
            "tinyurl.com, t.ly…), a raw IP address, a domain that is not valid IDNA, or a domain "
            "mixing Latin and Cyrillic.",
        ),
        why=Text(
            kk="Мемлекеттік кеңсенің оқырмандары қауіпсіз болуы тиіс: олар сілтеменің қайда "
            "апаратынын көруі керек. Нұсқаулықта бұл ереже жоқ, бірақ ол Instagram аудиториясының "
            "басым бөлігі балалар мен жастар екенін еске салады.",
            ru="Читатели государственного офиса должны быть в безопасности и видеть, куда ведёт "
            "ссылка. В методичке такого правила нет, но она напоминает, что аудитория Instagram — "
            "преимущественно дети и молодёжь.",
            en="A public office's readers must be safe and see where a link leads. The guide has "
            "no such rule, but it reminds offices that their Instagram audience is mostly "
            "children and young people.",
        ),
        section=SECTION_NO_BASIS + "; nearest: the Instagram paragraph of «Рекомендации по "
        "размещению публикаций в социальных сетях»",
        quote_kk="«Оның аудиториясын басым бөлігін балалар мен жастар құрайды.»",
        quote_ru="«Аудиторию составляют преимущественно дети и молодежь.»",
        instead=Text(
            kk="Сайттың толық https:// мекенжайын қойыңыз, мысалы https://rukhanizhangyru.kz/…",
            ru="Ставьте полный адрес сайта с https://, например https://rukhanizhangyru.kz/…",
            en="Use the site's full https:// address, such as https://rukhanizhangyru.kz/…",
        ),
    )
    message = LINK_SHORTENER
    must_flag = (
        Example("Тіркелу: http://rukhani-turkistan.kz/forum", language="kk"),
        Example("Регистрация по ссылке bit.ly/3xYzAbc", language="ru"),
        Example("Толығырақ: https://clck.ru/36Abc", language="kk"),
        Example("Трансляция: http://185.22.64.10/live", language="ru"),
        Example(
            "Сайт: https://раypal.com/login", language="ru", note="Cyrillic а, р in a Latin host"
        ),
        Example("Толығырақ: https://-rukhani.kz/", language="kk", note="not valid IDNA"),
    )
    must_pass = (
        Example("Тіркелу: https://rukhani-turkistan.kz/forum", language="kk"),
        Example("Подробнее на сайте https://руханижаңғыру.қаз/новости", language="ru"),
        Example("Біздің арна: https://t.me/rukhani_turkistan", language="kk"),
        Example("Сайт офиса: www.rukhanizhangyru.kz, приходите!", language="ru"),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings = self.settings
        assert isinstance(settings, X602Settings)
        for link in _links(subject.text, settings.shorteners):
            host, reasons = link_problems(link.text, settings)
            if not reasons:
                continue
            shown = host or link.text
            yield self.finding(
                message=LINK_MESSAGES[reasons[0]],
                span=(link.start, link.end),
                host=shown,
                evidence={
                    "url": link.text,
                    "host": shown,
                    "reasons": reasons,
                    "idna_checker": IDNA_CHECKER,
                },
            )


# --- X603 ---------------------------------------------------------------------------------------


def _photo(name: str, alt: str | None = None, kind: str | None = "image") -> MediaRef:
    return MediaRef(name=name, path=None, sha256=None, mime=None, kind=kind, size=None, alt=alt)


def is_photo(media: MediaRef) -> bool:
    """A still image: by the probe's kind, else by MIME type, else by the file name."""
    if media.kind:
        return media.kind == "image"
    mime = media.mime or mimetypes.guess_type(media.name)[0] or ""
    return mime.startswith("image/")


class AltTextMissing(Rule):
    code = "X603"
    name = "alt-text-missing"
    severity = Severity.INFO
    doc = RuleDoc(
        what=Text(
            kk="Балама мәтінді (alt) қабылдайтын желідегі (Facebook, Instagram, X, VK) суретте "
            "балама мәтін жоқ. Әр сурет жеке хабарланады.",
            ru="У фотографии в сети, которая принимает альтернативный текст (Facebook, Instagram, "
            "X, VK), нет alt-текста. О каждом фото сообщается отдельно.",
            en="A photo on a network that takes alt text (Facebook, Instagram, X, VK) has none. "
            "Each photo is reported on its own.",
        ),
        why=Text(
            kk="Көзі нашар көретін оқырмандар суретті экран оқу бағдарламасы арқылы «естиді». "
            "Нұсқаулықта бұл ереже жоқ, бірақ ол ақпаратқа қолжетімділікті талап етеді.",
            ru="Незрячие и слабовидящие читатели «слышат» фото через программу экранного доступа. "
            "В методичке такого правила нет, но она требует доступности информации.",
            en="Blind and low-vision readers hear a photo through a screen reader. The guide has "
            "no such rule, but it asks for information to be accessible.",
        ),
        section=SECTION_NO_BASIS + "; nearest: the Telegram paragraph of «Рекомендации по "
        "размещению публикаций в социальных сетях» (accessibility of information)",
        quote_kk="«Telegram-да «Рухани жаңғыру» бағдарламасын іске асыру бойынша ақпаратқа "
        "қолжетімділік үшін арна құру керек.»",
        quote_ru="«В Telegram следует создать канал для доступности информации о реализации "
        "Программы «Рухани жаңғыру».»",
        instead=Text(
            kk="Әр суретке суретте не бейнеленгенін бір-екі сөйлеммен жазыңыз (драфтта "
            'alt = ["…"]).',
            ru="Для каждого фото опишите одним-двумя предложениями, что на нём (в черновике "
            'alt = ["…"]).',
            en='For each photo, say in a sentence or two what it shows (alt = ["…"] in the draft).',
        ),
    )
    message = Text(
        kk="«{photo}» суретінде балама мәтін (alt) жоқ. Суретте не бейнеленгенін бір-екі "
        "сөйлеммен жазыңыз.",
        ru="У фото «{photo}» нет альтернативного текста (alt). Опишите одним-двумя "
        "предложениями, что на нём.",
        en="The photo '{photo}' has no alt text. Say in a sentence or two what it shows.",
    )
    must_flag = (
        Example(
            "Кітап фестивалінен көріністер #руханижаңғыру",
            network="instagram",
            kind="photo",
            language="kk",
            media=(_photo("fest-01.jpg"),),
        ),
        Example(
            "Кадры с фестиваля книги #взглядвбудущее",
            network="facebook",
            kind="album",
            language="ru",
            media=(_photo("fest-01.jpg", "Дети читают книги в парке"), _photo("fest-02.jpg", " ")),
        ),
        Example(
            "Фестиваль в кадре",
            network="vk",
            kind="photo",
            language="ru",
            media=(_photo("fest-03.png", kind=None),),
            note="not probed: judged by the file name",
        ),
    )
    must_pass = (
        Example(
            "Кітап фестивалінен көріністер #руханижаңғыру",
            network="instagram",
            kind="photo",
            language="kk",
            media=(_photo("fest-01.jpg", "Балалар саябақта кітап оқып отыр"),),
        ),
        Example(
            "Кадры с фестиваля книги",
            network="telegram",
            kind="photo",
            language="ru",
            media=(_photo("fest-01.jpg"),),
            note="Telegram takes no alt text",
        ),
        Example(
            "Видео с фестиваля",
            network="x",
            kind="video",
            language="ru",
            media=(_photo("fest.mp4", kind="video"),),
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        limits = ctx.limits_for(subject)
        if limits is None or not limits.alt_text:
            return
        for index, media in enumerate(subject.media):
            if is_photo(media) and not (media.alt or "").strip():
                yield self.finding(
                    media=media.name,
                    photo=media.name,
                    evidence={"media": media.name, "index": index, "network": subject.network},
                )


RULES: tuple[type[Rule], ...] = (PersonalData, UnsafeLink, AltTextMissing)
