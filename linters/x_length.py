"""The length of a post on X, by the twitter-text v3 rules (PLATFORMS.md §5, RULES.md P301).

X does not count characters: it weighs them. This module is the one implementation, shared by rule
P301 and the desk's live counter. The rules, as X documents them ("Counting characters") and as
twitter-text's `config/v3.json` sets them:

1. The text is NFC-normalised first: a letter typed as base + combining mark counts once.
2. Every URL counts 23 (`TRANSFORMED_URL_LENGTH`), however long it is: X shortens it to a t.co link.
3. A code point in U+0000–U+10FF (Latin, Greek, Cyrillic, and so every Kazakh letter), U+2000–U+200D,
   U+2010–U+201F or U+2032–U+2037 (spaces, dashes, quotes, primes) weighs 1; any other weighs 2:
   CJK, emoji, and symbols such as … (U+2026), № (U+2116), ₸ (U+20B8) and ™. « » and — weigh 1.
4. An emoji sequence weighs 2 in all, however many code points it takes: ZWJ sequences (👨‍👩‍👧‍👦),
   flags (🇰🇿), keycaps (1️⃣), skin-tone modifiers (👍🏽), emoji presentation selectors (❤️) and tag
   sequences (🏴󠁧󠁢󠁳󠁣󠁴󠁿).

How it is done here, and why:

- The text is cut into grapheme clusters with the `regex` module's `\\X` (UAX #29, kept current by
  that package; the standard library has no grapheme segmentation and no emoji properties). Each
  cluster is NFC-normalised on its own, so every offset this module returns is an offset into the
  text the user typed, not into a normalised copy. (Normalisation never joins or splits grapheme
  clusters for real text; a property test checks that the result equals that of the whole-text NFC.)
- A cluster that is a well-formed emoji sequence (the grammar of UTS #51, with
  `Extended_Pictographic`, `Emoji_Modifier` and `Regional_Indicator` from `regex`) weighs 2, as in
  twitter-text, which gives every emoji it finds the default weight. That includes a lone © or ®
  (they are emoji, so 2, though U+00A9 and U+00AE sit in the weight-1 range). Any other cluster
  weighs the sum of its code points: a letter with a combining mark weighs 2 when Unicode has no
  precomposed form for it, as in twitter-text.
- Where this count and twitter-text's reference code differ, the count here is at least as large,
  except for one case: twitter-text finds emoji with a list frozen in 2019, so a ZWJ sequence newer
  than that list (🧑‍🧑‍🧒, Unicode 15) weighs its parts there (8) and 2 here, as RULES.md asks and as
  current X clients show. CR LF weighs 2 here, 1 there (drafts are stored with LF anyway).
- URLs, as twitter-text finds them, in compact form. With a scheme: `http://` or `https://`, then a
  host (an IPv4 address, or labels and a TLD; an IDN host such as `президент.рф` counts), an optional
  port, and a path or query of URL characters, accented Latin and Cyrillic (so Kazakh) letters. An
  emoji or a CJK character right after a link is not part of it. Without a scheme (X links those
  too): an ASCII domain whose TLD is a country code (IANA), a common generic TLD or `xn--…`, not
  preceded by a Latin letter, digit, `@`, `$`, `#`, `.`, `-`, `_` or `/` (so the domain of an e-mail
  address is no link). A label longer than 63 characters in DNS (an IDN label as punycode) is no
  domain, nor is a domain name with `_`. Sentence punctuation at the end (`.`, `,`, `!`, `»`, a `)`
  without its `(` …) is not part of a URL. twitter-text's TLD list has about 1,500 entries; a bare
  domain whose generic TLD is missing here counts by its characters. For the TLDs regional offices
  use (kz, ru, com, org, gov, edu, info, net …) it agrees.
- Checked against twitter-text's conformance cases (tests/test_x_length.py) and, during development,
  against the PyPI port `twitter-text-parser` 3.0.0 on 3,000 random space-separated mixes of Kazakh,
  Russian, URLs, e-mails, emoji, CJK and punctuation: equal everywhere except the newer emoji above.
  That port is not a dependency: it is unmaintained since 2023 and its emoji list stops in 2019.

Public API: `weighted_length`, `weighted_units`, `overflow_offset`, `TRANSFORMED_URL_LENGTH`,
`MAX_WEIGHTED_LENGTH`, `char_weight`, `find_urls`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

import regex

#: What every URL counts, in characters (twitter-text v3 `transformedURLLength`).
TRANSFORMED_URL_LENGTH = 23
#: The most a post may weigh (twitter-text v3 `maxWeightedTweetLength`); the rule reads the limit
#: from `channels.limits`, this is the reference value for tests and the desk.
MAX_WEIGHTED_LENGTH = 280
#: The weight of an emoji sequence, and of every code point outside the ranges below.
DEFAULT_WEIGHT = 2
#: twitter-text v3 `ranges`: code points of weight 1 (inclusive bounds).
WEIGHT_ONE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0x10FF),
    (0x2000, 0x200D),
    (0x2010, 0x201F),
    (0x2032, 0x2037),
)

UnitKind = Literal["url", "emoji", "text"]


@dataclass(frozen=True, slots=True)
class WeightedUnit:
    """A piece of the text as X counts it: one URL, one emoji sequence, or one grapheme cluster.

    `start` and `end` are offsets into the text as given (Python `str` indices).
    """

    start: int
    end: int
    weight: int
    kind: UnitKind


def char_weight(char: str) -> int:
    """The weight of one code point (rule 3)."""
    code = ord(char)
    for low, high in WEIGHT_ONE_RANGES:
        if low <= code <= high:
            return 1
    return DEFAULT_WEIGHT


_GRAPHEME = regex.compile(r"\X", regex.DOTALL)

_EMOJI_ELEMENT = (
    r"(?:\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?|\p{Emoji_Modifier})"
    r"(?:[\U000E0020-\U000E007E]+\U000E007F)?"
)
_EMOJI_SEQUENCE = regex.compile(
    r"[#*0-9]\uFE0F?\u20E3"  # keycap
    r"|\p{Regional_Indicator}{2}"  # flag
    rf"|{_EMOJI_ELEMENT}(?:\u200D{_EMOJI_ELEMENT})*"  # modifier, presentation, tag and ZWJ
)

# --- URLs ---------------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Country-code TLDs (IANA), recognised in a bare domain such as `akorda.kz`.
COUNTRY_TLDS: frozenset[str] = _words(
    """
    ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq br
    bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec
    ee eg eh er es et eu fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy
    hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la
    lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my
    mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs
    ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl
    tm tn to tp tr tt tv tw tz ua ug uk um us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw
    """
)
#: Generic TLDs recognised in a bare domain (the common part of twitter-text's list).
GENERIC_TLDS: frozenset[str] = _words(
    """
    com org net edu gov mil int info biz name pro aero coop museum mobi asia tel travel jobs cat
    app dev page online site website web tech store shop blog news media live today world club
    xyz top space press events education academy school university center city art music film
    photo video studio global group network digital agency company social team fund foundation
    email link click help support expert systems solutions services science moscow tatar kids
    """
)

# twitter-text: a URL is not preceded by a Latin letter or digit, @, $, # or a non-character; a
# URL without a scheme not by . - _ / either (so the domain of an e-mail address is no link).
_BEFORE = r"(?<![A-Za-z0-9@＠$＄#＃\uFFFE\uFEFF\uFFFF])"
_BEFORE_BARE = r"(?<![A-Za-z0-9@＠$＄#＃\uFFFE\uFEFF\uFFFF\-_./])"
_LABEL_CHAR = r"[\p{L}\p{N}\p{M}\p{So}]"
_LABEL = rf"{_LABEL_CHAR}(?:[\p{{L}}\p{{N}}\p{{M}}\p{{So}}\-_]*{_LABEL_CHAR})?"
_ASCII_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-_]*[A-Za-z0-9])?"
_ASCII_TLD = r"(?:xn--[A-Za-z0-9\-]+|[A-Za-z]{2,})(?![A-Za-z0-9@+\-_])"
_IDN_TLD = r"(?:(?![A-Za-z])[^\W\d_]){2,}(?![\w@+\-])"  # рф, қаз: only after a scheme
_IPV4 = r"\d{1,3}(?:\.\d{1,3}){3}(?![\w.])"
# Path and query characters: ASCII URL characters, Latin letters with accents, Cyrillic (and so
# Kazakh) letters. An emoji or a CJK character right after a link is not part of it.
_PATH = r"(?:[/?#][A-Za-z0-9!*';:=+,.$/%#\[\]\-_~|&@()?\u00C0-\u024F\u0300-\u036F\u1E00-\u1EFF\u0400-\u04FF]*)?"
_URL_WITH_SCHEME = regex.compile(
    rf"{_BEFORE}https?://(?P<host>{_IPV4}|(?:{_LABEL}\.)+(?:{_ASCII_TLD}|{_IDN_TLD}))"
    rf"(?::[0-9]{{1,5}})?{_PATH}",
    regex.IGNORECASE,
)
_URL_WITHOUT_SCHEME = regex.compile(
    rf"{_BEFORE_BARE}(?P<host>(?:{_ASCII_LABEL}\.)+{_ASCII_TLD})(?::[0-9]{{1,5}})?{_PATH}"
)
#: A URL may end with these; anything else at its end is punctuation of the sentence around it.
_URL_END = regex.compile(r"[A-Za-z0-9=_#/+\-&\u00C0-\u024F\u0300-\u036F\u1E00-\u1EFF\u0400-\u04FF]")


def _valid_host(host: str, *, scheme: bool) -> bool:
    labels = host.split(".")
    if all(label.isdigit() for label in labels):  # an IPv4 address links only after a scheme
        return scheme and len(labels) == 4 and all(int(label) <= 255 for label in labels)
    if any(_dns_length(label) > 63 for label in labels) or "_" in labels[-2]:
        return False
    tld = labels[-1].lower()
    if not tld.isascii():
        return scheme
    return tld.startswith("xn--") or tld in COUNTRY_TLDS or tld in GENERIC_TLDS


def _dns_length(label: str) -> int:
    """The length of a label in DNS: an IDN label (`президент`) goes as punycode, `xn--…`."""
    if label.isascii():
        return len(label)
    try:
        return 4 + len(label.encode("punycode"))
    except UnicodeError:  # pragma: no cover - punycode encodes any str
        return 64


def _trim(url: str) -> str:
    """Drop sentence punctuation from the end of a URL; keep a `)` that closes a `(` in it."""
    while url:
        last = url[-1]
        if last == ")" and url.count("(") >= url.count(")"):
            return url
        if _URL_END.fullmatch(last):
            return url
        url = url[:-1]
    return url


def find_urls(text: str) -> list[tuple[int, int]]:
    """The spans of the URLs in `text`, in order, as X would link them (see the module doc)."""
    found: list[tuple[int, int]] = []
    for pattern, scheme in ((_URL_WITH_SCHEME, True), (_URL_WITHOUT_SCHEME, False)):
        for match in pattern.finditer(text):
            if not _valid_host(match.group("host"), scheme=scheme):
                continue
            start = match.start()
            # The host ends with its TLD (letters or digits), so trimming never cuts into it.
            end = start + len(_trim(match.group()))
            if not any(s < end and start < e for s, e in found):
                found.append((start, end))
    return sorted(found)


# --- Weighing ----------------------------------------------------------------------------------


def _cluster_weight(cluster: str) -> tuple[int, UnitKind]:
    normal = unicodedata.normalize("NFC", cluster)
    if _EMOJI_SEQUENCE.fullmatch(normal):
        return DEFAULT_WEIGHT, "emoji"
    return sum(char_weight(c) for c in normal), "text"


def weighted_units(text: str) -> list[WeightedUnit]:
    """The text cut into the pieces X weighs, with their offsets into `text` and their weights.

    The sum of the weights is `weighted_length(text)`.
    """
    clusters = [(m.start(), m.end()) for m in _GRAPHEME.finditer(text)]
    normal_parts = [unicodedata.normalize("NFC", text[s:e]) for s, e in clusters]
    normal = "".join(normal_parts)
    # Where each cluster starts in the normalised text, to map URL spans back to the user's text.
    normal_starts: list[int] = []
    position = 0
    for part in normal_parts:
        normal_starts.append(position)
        position += len(part)
    urls = find_urls(normal) if "." in normal else []

    units: list[WeightedUnit] = []
    index = 0
    for url_start, url_end in urls:
        while (
            index < len(clusters) and normal_starts[index] + len(normal_parts[index]) <= url_start
        ):
            units.append(_unit(text, clusters[index]))
            index += 1
        first = index
        while index < len(clusters) and normal_starts[index] < url_end:
            index += 1
        if index > first:  # the URL covers whole clusters: one that straddles its end joins it
            units.append(
                WeightedUnit(
                    clusters[first][0], clusters[index - 1][1], TRANSFORMED_URL_LENGTH, "url"
                )
            )
    units.extend(_unit(text, span) for span in clusters[index:])
    return units


def _unit(text: str, span: tuple[int, int]) -> WeightedUnit:
    weight, kind = _cluster_weight(text[span[0] : span[1]])
    return WeightedUnit(span[0], span[1], weight, kind)


def weighted_length(text: str) -> int:
    """The length of `text` as X counts it against its 280 limit."""
    if text.isascii() and "." not in text:  # the common short-cut: no URL, every character 1
        return len(text)
    return sum(unit.weight for unit in weighted_units(text))


def overflow_offset(text: str, limit: int) -> int | None:
    """The offset into `text` where the weight first goes over `limit`, or None if it never does.

    Everything from this offset on is what X would refuse: the span a finding marks, and where the
    desk's counter turns red.
    """
    total = 0
    for unit in weighted_units(text):
        total += unit.weight
        if total > limit:
            return unit.start
    return None
