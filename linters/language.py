"""Which language a post is written in: Kazakh, Russian or English, per post and per paragraph.

`langdetect` has no Kazakh, so the statistical detector is Lingua (`lingua-language-detector`),
restricted to KAZAKH, RUSSIAN and ENGLISH; its n-gram models ship inside the wheel, so nothing is
downloaded. The detector is built once per engine through `ctx.resources` (`detector(ctx)`), with
its models preloaded: 0.4–0.8 s and about 120 MB of RSS once (Lingua caches models per process),
then no latency spike on the first post the desk lints. Lingua's low-accuracy mode needs about
16 MB and is as accurate on the benchmark, but in spot checks it reads short Kazakh typed without
Kazakh letters («Бала бакша», «жаксы») as Russian, which K203 depends on; it is a constructor
option, off by default.

Two cheap signals settle most paragraphs before Lingua is asked (they cut the median time per
post by more than half and change no result on the benchmark):

- Kazakh: at least two words in five carry one of «әғқңөұүһі», and Russian function words are
  under 5 %. Russian text quoting a Kazakh name («Рухани жаңғыру») stays far below that.
- Russian: Russian function words («и», «в», «для», «что», «который»… but none that is also a
  Kazakh word, or a Kazakh word with its letters replaced) make at least 12 % and two words, and at
  most one word in five has a Kazakh letter.

Both need five or more words; everything else goes to Lingua, which reads at most the first 400
characters of a paragraph. `benchmarks/language_accuracy.py` measures both paths on the seeds.

Definitions the rules rely on:

- A *paragraph* is a line of five or more words, or a run of consecutive shorter lines (a blank line
  ends a run). Headline-and-emoji lines are read together rather than one by one.
- Hashtags, URLs and @mentions are blanked out before detection and are not counted as words: a
  Russian post with Kazakh hashtags is a Russian post.
- *Confidence* is Lingua's probability for the language (the three sum to 1), shrunk towards the
  uninformed 1/3 when a text has fewer than five words: `r·p + (1 − r)/3` with `r = words/5`. One
  word can therefore never score above 0.47, and two words never above 0.6.
- A post's scores are the paragraph scores weighted by their word counts; its language is the one
  with the highest score, and its confidence is that score (shrunk by the post's word count). So a
  post that is 70 % Kazakh and 30 % Russian is Kazakh with a confidence of about 0.7.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from linters.text_tools import HASHTAG_RE, MENTION_RE, URL_RE

if TYPE_CHECKING:
    from linters.context import LintContext
    from linters.subject import Subject

LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")
RESOURCE_KEY = "language-detector"
MEMO_KEY = "language"

KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
FULL_CONFIDENCE_WORDS = 5  # below this many words, confidence is shrunk towards 1/3
FAST_PATH_MIN_WORDS = 5
KK_FAST_MIN_SHARE = 0.4  # words with a Kazakh letter: at least this share settles "kk"...
KK_FAST_MAX_RU_SHARE = 0.05  # ...when Russian function words stay under this share
RU_FAST_MIN_SHARE = 0.12  # Russian function words: at least this share (and two) settles "ru"...
RU_FAST_MAX_KK_SHARE = 0.2  # ...when words with Kazakh letters stay at or under this share
FAST_PATH_CONFIDENCE = 0.99
MAX_DETECT_CHARS = 400  # Lingua reads at most this much of a paragraph (accuracy is flat beyond)

# Russian function words that are not Kazakh words, nor Kazakh words with their Kazakh letters
# typed as Russian ones («от», «из», «так», «как», «у», «же», «без», «не», «а», «о», «на» are
# left out for that reason). On the seed documents they make up 0–3.4 % of a Kazakh sentence
# (also with its Kazakh letters replaced) and a median 17 % of a Russian one.
# fmt: off
RUSSIAN_FUNCTION_WORDS = frozenset({
    "и", "в", "во", "с", "со", "к", "ко", "по", "для", "что", "это", "за", "но", "или", "при",
    "до", "только", "также", "был", "была", "были", "быть", "все", "всех", "этот", "эта", "эти",
    "этой", "этого", "этом", "который", "которые", "которая", "которых", "которого", "которой",
    "чтобы", "уже", "если", "мы", "вы", "себя", "свой", "свои", "своих", "своей", "наш", "наши",
    "нашей", "наших", "очень", "более", "может", "можно", "нужно", "где", "когда", "его", "ее",
    "её", "их", "то", "бы", "об", "нас", "вас", "им", "них", "тем", "чем", "после", "между",
    "через", "под", "над",
})
# fmt: on

_BLANK_RE = re.compile("|".join(f"(?:{r.pattern})" for r in (URL_RE, MENTION_RE, HASHTAG_RE)))
_LINE_RE = re.compile(r"[^\n]*(?:\n|$)")
_LETTER_RE = re.compile(r"[^\W\d_]")
_PUNCT = ".,;:!?…«»\"'“”„()[]{}<>—–-/\\*"


@dataclass(frozen=True)
class ParagraphDetection:
    """The language of one paragraph. `span` holds character offsets into the post's text."""

    span: tuple[int, int]
    lang: str | None  # None: no words to judge
    confidence: float
    words: int = 0
    scores: Mapping[str, float] = field(default_factory=dict)
    method: str = "none"  # "letters" | "function-words" (the fast paths) | "lingua" | "none"


@dataclass(frozen=True)
class Detection:
    """The language of a whole post, with its paragraphs."""

    lang: str | None  # None: nothing to judge (no words outside hashtags, URLs and mentions)
    confidence: float
    paragraphs: tuple[ParagraphDetection, ...] = ()
    words: int = 0
    scores: Mapping[str, float] = field(default_factory=dict)

    def paragraph_at(self, offset: int) -> ParagraphDetection | None:
        """The paragraph that holds character `offset`, if any."""
        for paragraph in self.paragraphs:
            if paragraph.span[0] <= offset < paragraph.span[1]:
                return paragraph
        return None

    def evidence(self) -> dict[str, Any]:
        """A JSON-ready summary for a finding's evidence."""
        return {
            "language": self.lang,
            "confidence": round(self.confidence, 3),
            "words": self.words,
            "scores": {lang: round(v, 3) for lang, v in self.scores.items()},
            "paragraphs": [
                {
                    "span": list(p.span),
                    "language": p.lang,
                    "confidence": round(p.confidence, 3),
                    "words": p.words,
                }
                for p in self.paragraphs
            ],
        }


def words_of(text: str) -> list[str]:
    """The words of `text`, lower-cased and stripped of punctuation (fast; for counting)."""
    out = []
    for token in text.split():
        word = token.strip(_PUNCT)
        if word and (word.isalpha() or _LETTER_RE.search(word)):
            out.append(word.lower())
    return out


def shrink(scores: Mapping[str, float], words: int) -> dict[str, float]:
    """Pull scores towards 1/3 each when there are too few words to trust them."""
    reliability = min(1.0, words / FULL_CONFIDENCE_WORDS)
    uniform = 1.0 / len(LANGUAGES)
    return {
        lang: reliability * scores.get(lang, 0.0) + (1.0 - reliability) * uniform
        for lang in LANGUAGES
    }


def blank_out(text: str) -> str:
    """The text with hashtags, URLs and mentions replaced by spaces (offsets are kept)."""
    if "#" not in text and "@" not in text and "://" not in text and "ww." not in text.lower():
        return text
    return _BLANK_RE.sub(lambda m: " " * len(m.group()), text)


class LanguageDetector:
    """Lingua restricted to kk, ru and en, behind two cheap fast paths. Build once, reuse."""

    def __init__(
        self,
        *,
        preload: bool = True,
        low_accuracy: bool = False,
        fast_path: bool = True,
        max_chars: int = MAX_DETECT_CHARS,
    ) -> None:
        from lingua import Language, LanguageDetectorBuilder

        builder = LanguageDetectorBuilder.from_languages(
            Language.KAZAKH, Language.RUSSIAN, Language.ENGLISH
        )
        if preload:
            builder = builder.with_preloaded_language_models()
        if low_accuracy:
            builder = builder.with_low_accuracy_mode()
        self._lingua = builder.build()
        self._codes = {Language.KAZAKH: "kk", Language.RUSSIAN: "ru", Language.ENGLISH: "en"}
        self.fast_path = fast_path
        self.max_chars = max_chars

    # -- one piece of text ------------------------------------------------------------------

    def scores(self, text: str) -> tuple[dict[str, float], int, str]:
        """Unshrunk language scores of an already blanked text, its word count, and the method."""
        words = words_of(text)
        if not words:
            return {}, 0, "none"
        if self.fast_path and len(words) >= FAST_PATH_MIN_WORDS:
            fast = _fast_path(words)
            if fast is not None:
                rest = (1.0 - FAST_PATH_CONFIDENCE) / 2
                scores = {code: rest for code in LANGUAGES}
                scores[fast] = FAST_PATH_CONFIDENCE
                return scores, len(words), "letters" if fast == "kk" else "function-words"
        sample = text if len(text) <= self.max_chars else _cut(text, self.max_chars)
        try:
            values = self._lingua.compute_language_confidence_values(sample)
        except Exception:  # the native detector must never take a rule down
            return {}, len(words), "none"
        result = {lang: 0.0 for lang in LANGUAGES}
        for value in values:
            code = self._codes.get(value.language)
            if code is not None:
                result[code] = float(value.value)
        if sum(result.values()) <= 0.0:  # letters Lingua cannot place (another script)
            return {}, len(words), "none"
        return result, len(words), "lingua"

    # -- a post ------------------------------------------------------------------------------

    def detect(self, text: str) -> Detection:
        """Detect the language of `text` and of each of its paragraphs."""
        cleaned = blank_out(text)
        paragraphs: list[ParagraphDetection] = []
        total = {lang: 0.0 for lang in LANGUAGES}
        total_words = 0
        for start, end in _paragraph_spans(cleaned):
            raw, words, method = self.scores(cleaned[start:end])
            if not raw:
                paragraphs.append(ParagraphDetection((start, end), None, 0.0, words, {}, method))
                continue
            shrunk = shrink(raw, words)
            lang = max(LANGUAGES, key=lambda code: shrunk[code])
            paragraphs.append(
                ParagraphDetection((start, end), lang, shrunk[lang], words, shrunk, method)
            )
            for code in LANGUAGES:
                total[code] += raw[code] * words
            total_words += words
        if total_words == 0:
            return Detection(None, 0.0, tuple(paragraphs), 0, {})
        post = shrink({code: v / total_words for code, v in total.items()}, total_words)
        lang = max(LANGUAGES, key=lambda code: post[code])
        return Detection(lang, post[lang], tuple(paragraphs), total_words, post)


def build_detector() -> LanguageDetector:
    """The engine's detector (what `ctx.resources` builds under `RESOURCE_KEY`)."""
    return LanguageDetector()


def detector(ctx: LintContext) -> LanguageDetector:
    return ctx.resources.get(RESOURCE_KEY, build_detector)


def post_language(subject: Subject, ctx: LintContext) -> Detection:
    """The detected language of `subject`'s text, computed once per post and shared by rules."""
    return ctx.memo(subject, MEMO_KEY, lambda: detector(ctx).detect(subject.text))


def _fast_path(words: list[str]) -> str | None:
    """Settle "kk" or "ru" by the cheap signals, or return None to ask Lingua."""
    n = len(words)
    marked = sum(1 for w in words if not KAZAKH_LETTERS.isdisjoint(w))
    function = sum(1 for w in words if w in RUSSIAN_FUNCTION_WORDS)
    if marked >= KK_FAST_MIN_SHARE * n and function < KK_FAST_MAX_RU_SHARE * n:
        return "kk"
    if function >= max(2, RU_FAST_MIN_SHARE * n) and marked <= RU_FAST_MAX_KK_SHARE * n:
        return "ru"
    return None


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Lines of five or more words stand alone; runs of shorter lines are read together."""
    spans: list[tuple[int, int]] = []
    run: tuple[int, int] | None = None
    for match in _LINE_RE.finditer(text):
        start, end = match.start(), match.end()
        if start == end:  # the empty match at the very end
            break
        line = text[start:end].rstrip("\n")
        stop = start + len(line)
        count = len(words_of(line))
        if not line.strip():
            if run:
                spans.append(run)
            run = None
        elif count >= FULL_CONFIDENCE_WORDS:
            if run:
                spans.append(run)
                run = None
            spans.append(_trim(text, start, stop))
        else:
            run = (run[0], stop) if run else (start, stop)
    if run:
        spans.append(run)
    return [_trim(text, a, b) for a, b in spans if text[a:b].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters of `text`, ending at a word boundary where there is one."""
    head = text[:limit]
    space = head.rfind(" ")
    return head[:space] if space > limit // 2 else head
