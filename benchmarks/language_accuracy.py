"""How well and how fast `linters.language` tells Kazakh, Russian and English apart.

Run: `PYTHONPATH=. .venv/bin/python benchmarks/language_accuracy.py [--write]`. With `--write` the
results also go to `benchmarks/results/language.md` (merged into BENCHMARKS.md by hand).

The sentences are real text nobody wrote for this test, extracted deterministically:

- kk: the Kazakh concept papers (`seeds/000_…`) and the Kazakh half of the guide (`seeds/001_…`,
  everything before its Russian «Введение»);
- ru: the Russian half of the guide;
- en: the prose of `shared/DESIGN.md`, `shared/PLATFORMS.md` and `shared/guide/RULES.md`, then the
  prose paragraphs of the Python reference manual that ships with the interpreter
  (`pydoc_data.topics`); code blocks, tables, headings and lines with code characters are skipped.

A second, external set is measured when present: `$ARNA_EVAL_DATA/language/sentences.jsonl`
(default `/work/evaldata`), one JSON object a line with lang, text, source and locator. It holds
real sentences other people wrote (Common Voice's sentence collections, Universal Dependencies
treebanks, KazSAnDRA reviews), gathered by hand for this measurement. Their text stays out of the
repository (it is not ours to copy); the figures name every source.

Lines are split into sentences at «. ! ? …» before a capital letter (not after an initial such as
«Н.Ә.»). Labelling rules, the same for every language, applied before anything is measured: an item
needs a word of two or more letters that is not a Roman numeral; kk and ru items need a Cyrillic
word and en items may have none; an item whose words all sit inside «…» is a quoted name, not a
sentence of its half. Nothing here looks at what the detector says.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
GUIDE = "001_f51b918b5f4a587c.txt"
CONCEPTS = "000_535917734329989b.txt"
RUSSIAN_HALF_MARKER = "[bookmark: Введение]"
LANGS = ("kk", "ru", "en")
RESULTS = REPO / "benchmarks" / "results" / "language.md"

_UPPER = "A-ZА-ЯЁӘІҢҒҮҰҚӨҺ"
_SPLIT_RE = re.compile(rf"(?<![{_UPPER}]\.)(?<=[.!?…])\s+(?=[«\"“(]?[{_UPPER}0-9])")
_WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*")
_CYRILLIC_RE = re.compile(r"[а-яёәіңғүұқөһА-ЯЁӘІҢҒҮҰҚӨҺ]")
_ROMAN_RE = re.compile(r"[IVXLCDM]+", re.IGNORECASE)
_MARKUP_RE = re.compile(r"\[(?:bookmark|image):[^\]]*\]")
_QUOTED_RE = re.compile(r"«[^»]*»")
_CODE_CHARS_RE = re.compile(r"[`(){}\[\]=_<>|\\/*#@$%^~]|::|--|\.\.")


def split_sentences(line: str) -> list[str]:
    line = re.sub(r"\s+", " ", _MARKUP_RE.sub(" ", line)).strip(" ·•-–—\t")
    return [s.strip() for s in _SPLIT_RE.split(line) if s.strip()] if line else []


def word_count(sentence: str) -> int:
    return len(_WORD_RE.findall(sentence))


def _keep(sentence: str, lang: str) -> bool:
    words = _WORD_RE.findall(sentence)
    if not any(len(w) >= 2 and not _ROMAN_RE.fullmatch(w) for w in words):
        return False
    if lang in ("kk", "ru"):
        if not any(_CYRILLIC_RE.search(w) for w in words):
            return False
        if not _WORD_RE.search(_QUOTED_RE.sub(" ", sentence)):
            return False  # «Туған жер»; — a quoted name, not a sentence of this half
    elif _CYRILLIC_RE.search(sentence):
        return False
    return True


def _sentences(lines: Iterable[str], lang: str) -> list[str]:
    return [s for line in lines for s in split_sentences(line) if _keep(s, lang)]


def seed_sentences(seeds: Path = SEEDS) -> dict[str, list[str]]:
    """kk and ru sentences of the two seed documents, in document order."""
    guide = (seeds / GUIDE).read_text(encoding="utf-8").splitlines()
    marker = next(i for i, line in enumerate(guide) if RUSSIAN_HALF_MARKER in line)
    concepts = (seeds / CONCEPTS).read_text(encoding="utf-8").splitlines()
    return {
        "kk": _sentences(concepts + guide[:marker], "kk"),
        "ru": _sentences(guide[marker:], "ru"),
    }


def _markdown_prose(text: str) -> list[str]:
    lines, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        if fenced or line.startswith(("    ", "\t", "#", "|")) or not line.strip():
            lines.append("")
            continue
        lines.append(line.lstrip("-* "))
    return _paragraphs(lines)


def _paragraphs(lines: list[str]) -> list[str]:
    paragraphs, current = [], []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs


def _manual_prose() -> list[str]:
    import pydoc_data.topics as topics

    out = []
    for key in sorted(topics.topics):
        lines = [
            "" if line.startswith((" ", "*", "=", "-")) else line
            for line in topics.topics[key].splitlines()
        ]
        out.extend(_paragraphs(lines))
    return out


def english_sentences(shared: Path | None = SHARED) -> list[str]:
    """English prose: the project's shared docs when present, then the Python reference manual."""
    paragraphs: list[str] = []
    if shared is not None:
        for name in ("DESIGN.md", "PLATFORMS.md", "guide/RULES.md"):
            path = shared / name
            if path.exists():
                paragraphs.extend(_markdown_prose(path.read_text(encoding="utf-8")))
    paragraphs.extend(_manual_prose())
    sentences = []
    for paragraph in paragraphs:
        for s in split_sentences(paragraph):
            if not _CODE_CHARS_RE.search(s) and s[0].isupper() and _keep(s, "en"):
                sentences.append(s)
    return sentences


def corpus(shared: Path = SHARED) -> dict[str, list[str]]:
    return {**seed_sentences(shared / "seeds"), "en": english_sentences(shared)}


EVAL_DATA = Path(os.environ.get("ARNA_EVAL_DATA", "/work/evaldata"))


def external_sentences(root: Path = EVAL_DATA) -> list[dict[str, str]]:
    """The external sentences (see the module docstring), or none when the file is absent."""
    path = root / "language" / "sentences.jsonl"
    if not path.exists():
        return []
    import json

    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def fixed_sample(sentences: list[str], n: int = 60, min_words: int = 5) -> list[str]:
    """`n` sentences of at least `min_words` words, spread evenly over the document."""
    long = [s for s in sentences if word_count(s) >= min_words]
    step = max(1, len(long) // n)
    return long[::step][:n]


# -- measuring --------------------------------------------------------------------------------


def evaluate(
    detect: Callable[[str], str | None], data: dict[str, list[str]]
) -> tuple[Counter[tuple[str, bool, str]], float]:
    """Counts of (true language, sentence has ≥5 words, predicted) and seconds per sentence."""
    counts: Counter[tuple[str, bool, str]] = Counter()
    n, start = 0, time.perf_counter()
    for lang, sentences in data.items():
        for s in sentences:
            counts[(lang, word_count(s) >= 5, detect(s) or "none")] += 1
            n += 1
    return counts, (time.perf_counter() - start) / max(1, n)


def accuracy(counts: Counter[tuple[str, bool, str]], lang: str, long: bool) -> tuple[int, int]:
    total = sum(v for (t, lg, _), v in counts.items() if t == lang and lg == long)
    return counts[(lang, long, lang)], total


def median_us(action: Callable[[], object], runs: int = 200) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {RESULTS.relative_to(REPO)}")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from linters.language import LanguageDetector

    out: list[str] = []

    def say(line: str = "") -> None:
        print(line)
        out.append(line)

    data = corpus()
    detector = LanguageDetector()
    variants = {
        "shipped (fast path + Lingua, preloaded)": detector,
        "Lingua alone (no fast path)": LanguageDetector(fast_path=False),
        "Lingua low-accuracy mode, no fast path": LanguageDetector(
            fast_path=False, low_accuracy=True
        ),
    }
    cpu = _cpu_name()
    say(f"## Language detection (`benchmarks/language_accuracy.py`), {dt.date.today()}")
    say()
    say(
        f"{cpu}, {os.cpu_count()} CPUs · {platform.system()} {platform.machine()} · "
        f"Python {sys.version.split()[0]} · lingua-language-detector {_version('lingua-language-detector')}"
    )
    say()
    sizes = ", ".join(
        f"{lang} {len(data[lang])} ({sum(word_count(s) >= 5 for s in data[lang])} of ≥5 words)"
        for lang in LANGS
    )
    say(f"Sentences: {sizes}. Sources and labelling rules: the module docstring.")
    say()
    results = {}
    for name, variant in variants.items():
        counts, per = evaluate(lambda s, v=variant: v.detect(s).lang, data)  # type: ignore[misc]
        results[name] = (counts, per)
    say(
        "| detector | "
        + " | ".join(f"{lang} ≥5 words | {lang} 1–4" for lang in LANGS)
        + " | µs per sentence |"
    )
    say("|---|" + "---|" * (2 * len(LANGS) + 1))
    for name, (counts, per) in results.items():
        cells = []
        for lang in LANGS:
            for long in (True, False):
                ok, total = accuracy(counts, lang, long)
                cells.append(f"{100 * ok / max(1, total):.1f} % ({ok}/{total})")
        say(f"| {name} | " + " | ".join(cells) + f" | {per * 1e6:.0f} |")
    say()
    counts, _ = results["shipped (fast path + Lingua, preloaded)"]
    for long, label in ((True, "≥5 words"), (False, "1–4 words")):
        say(f"Confusion matrix of the shipped detector, sentences of {label} (rows: truth):")
        say()
        say("| | kk | ru | en | none |")
        say("|---|---|---|---|---|")
        for lang in LANGS:
            row = [str(counts[(lang, long, p)]) for p in (*LANGS, "none")]
            say(f"| {lang} | " + " | ".join(row) + " |")
        say()
    for long, label in ((True, "≥5 words"), (False, "1–4 words")):
        misses = [
            (lang, s, detector.detect(s))
            for lang in LANGS
            for s in data[lang]
            if (word_count(s) >= 5) == long and detector.detect(s).lang != lang
        ]
        if misses:
            say(f"Misread sentences of {label} (the confidence says how little it trusts them):")
            say()
            for lang, s, d in misses:
                say(f"- {lang} read as {d.lang} ({d.confidence:.2f}): «{s[:100]}»")
            say()
    say(_external(detector))
    say(_speed(detector))
    say(_kazakh_letters())
    if args.write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text("\n".join(out) + "\n", encoding="utf-8")
        print(f"\nwritten to {RESULTS.relative_to(REPO)}")


def _external(detector: object) -> str:
    rows = external_sentences()
    if not rows:
        return f"(No external sentences at {EVAL_DATA}/language/sentences.jsonl.)\n"
    lines = [
        f"External sentences (`{EVAL_DATA}/language/sentences.jsonl`, other people's text), "
        "shipped detector:",
        "",
        "| truth | source | ≥5 words | 2–4 words |",
        "|---|---|---|---|",
    ]
    groups: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in rows:
        source = row["source"].split("@")[0]
        groups.setdefault((row["lang"], source), []).append(row)
        groups.setdefault((row["lang"], "all sources"), []).append(row)
    misses: list[str] = []
    for (lang, source), items in sorted(
        groups.items(), key=lambda kv: (kv[0][0], kv[0][1] == "all sources", kv[0][1])
    ):
        cells = []
        for long in (True, False):
            chosen = [r for r in items if (word_count(r["text"]) >= 5) == long]
            ok = 0
            for r in chosen:
                got = detector.detect(r["text"]).lang  # type: ignore[attr-defined]
                ok += got == lang
                if got != lang and source != "all sources" and long:
                    misses.append(f"- {lang} read as {got}: «{r['text'][:90]}» ({source})")
            cells.append(f"{100 * ok / max(1, len(chosen)):.1f} % ({ok}/{len(chosen)})")
        name = f"**{source}**" if source == "all sources" else f"`{source}`"
        lines.append(f"| {lang} | {name} | " + " | ".join(cells) + " |")
    if misses:
        lines += ["", "Misread external sentences of ≥5 words:", "", *misses]
    return "\n".join(lines) + "\n"


def _speed(detector: object) -> str:
    from arna.sample_week import DRAFTS
    from linters.language import LanguageDetector

    assert isinstance(detector, LanguageDetector)
    lines = [
        "Speed on one core (median of 200 runs; the detector is built once per engine; the first",
        "three rows each run in a fresh process, since Lingua caches its models per process):",
        "",
    ]
    lines.append("| what | time |")
    lines.append("|---|---|")
    for label, options in (
        ("the shipped detector (models preloaded)", ""),
        ("lazy loading (Lingua's default)", "preload=False"),
        ("low-accuracy mode, preloaded", "low_accuracy=True"),
    ):
        ms, mb = _cold(options)
        lines.append(
            f"| {label}: build + first Russian post, fresh process | {ms:.0f} ms, +{mb:.0f} MB |"
        )
    texts = [d.text for d in DRAFTS]
    per_post = [median_us(lambda t=t: detector.detect(t)) for t in texts]
    sizes = [len(t) for t in texts]
    lines.append(
        f"| `detect()` of a sample-week post ({len(texts)} posts, {min(sizes)}–{max(sizes)} chars) | "
        f"median {statistics.median(per_post):.0f} µs, worst {max(per_post):.0f} µs |"
    )
    slow = LanguageDetector(fast_path=False)
    per_post_slow = [median_us(lambda t=t: slow.detect(t)) for t in texts]
    lines.append(
        f"| the same without the two fast paths (Lingua for every paragraph) | median "
        f"{statistics.median(per_post_slow):.0f} µs, worst {max(per_post_slow):.0f} µs |"
    )
    long_kk = " ".join(seed_sentences()["kk"][200:260])[:2000]
    long_ru = " ".join(seed_sentences()["ru"][100:160])[:2000]
    lines.append(
        f"| a 2000-char one-paragraph post, kk / ru | {median_us(lambda: detector.detect(long_kk)):.0f} µs"
        f" / {median_us(lambda: detector.detect(long_ru)):.0f} µs |"
    )
    return "\n".join(lines) + "\n"


_DEGRADE = str.maketrans("әғқңөұүһі", "агкноуухи")


def _held_out(train: str, test: str, hunspell: bool) -> tuple[int, int, int, int, int]:
    """Lexicon from the seed file `train` (+ Hunspell), judged on the words of `test`: false
    alarms on the words as written, and finds (and right first suggestions) on the words with
    their Kazakh letters replaced."""
    from linters.rules.kazakh_letters import (
        HUNSPELL_KK,
        KAZAKH_ONLY,
        KazakhLexicon,
        seed_word_counts,
    )

    lexicon = KazakhLexicon()
    for word, n in seed_word_counts(SEEDS, [train]).items():
        lexicon.add(word, n)
    if hunspell:
        lexicon.add_hunspell(Path(HUNSPELL_KK + ".aff"), Path(HUNSPELL_KK + ".dic"))
    words = {w: n for w, n in seed_word_counts(SEEDS, [test]).items() if len(w) >= 3}
    tokens = sum(words.values())
    false = sum(n for w, n in words.items() if lexicon.suspect(w))
    degradable = {w: n for w, n in words.items() if not KAZAKH_ONLY.isdisjoint(w)}
    hidden = sum(degradable.values())
    found = right = 0
    for w, n in degradable.items():
        suggested = lexicon.suspect(w.translate(_DEGRADE))
        found += n if suggested else 0
        right += n if suggested and suggested[0] == w else 0
    return tokens, false, hidden, found, right


def _kazakh_letters() -> str:
    from arna.sample_week import DRAFTS
    from channels.limits import LIMITS
    from linters.engine import Engine
    from linters.rules.kazakh_letters import (
        HUNSPELL_KK,
        KazakhLexicon,
        _could_hide_a_substitute,
    )
    from linters.settings import LintSettings
    from linters.subject import Subject

    lines = [
        "### K203 kazakh-letters-replaced",
        "",
        "Held out: the lexicon is built from one seed file (plus Hunspell where said) and judged on",
        "the words of the other. False alarms: words as written that the rule would flag (the seed",
        "text is correctly typed). Found: the words with a Kazakh letter, typed with every Kazakh",
        "letter replaced (қ→к, ғ→г, ң→н, ө→о, ұ/ү→у, і→и, ә→а, һ→х), that the rule flags, and how",
        "often its first suggestion is the original word. Word tokens of three or more letters.",
        "",
        "| lexicon | judged on | false alarms | found | first suggestion right |",
        "|---|---|---|---|---|",
    ]
    has_hunspell = Path(HUNSPELL_KK + ".dic").exists()
    for train, test, label in (
        (CONCEPTS, GUIDE, "guide, Kazakh half"),
        (GUIDE, CONCEPTS, "concept papers"),
    ):
        for hunspell in (True, False) if has_hunspell else (False,):
            tokens, false, hidden, found, right = _held_out(train, test, hunspell)
            source = f"{'concept papers' if train == CONCEPTS else 'guide'} seed words"
            source += " + Hunspell" if hunspell else " only"
            lines.append(
                f"| {source} | {label} | {false}/{tokens} ({100 * false / tokens:.2f} %) | "
                f"{found}/{hidden} ({100 * found / hidden:.1f} %) | "
                f"{100 * right / hidden:.1f} % |"
            )
    lines.append("")
    engine = Engine(LintSettings(select=("K203",)), limits=LIMITS)
    russian = seed_sentences()["ru"]
    flagged = sum(
        len(engine.lint(Subject(text=s, network="telegram", kind="text")).findings) for s in russian
    )
    lexicon = KazakhLexicon.load()
    ungated = sorted(
        {
            w.lower()
            for s in russian
            for w in _WORD_RE.findall(s)
            if len(w) >= 3 and _could_hide_a_substitute(w.lower()) and lexicon.suspect(w.lower())
        }
    )
    lines.append(
        f"The shipped rule on the {len(russian)} sentences of the guide's Russian half, one post "
        f"each: {flagged} findings. Without the Kazakh-context gate the lexicon alone would flag "
        f"{len(ungated)} distinct Russian words there (such as "
        f"{', '.join('«' + w + '»' for w in ungated[:6])})."
    )
    lines.append("")
    texts = [d.text for d in DRAFTS]
    per_post = []
    for text in texts:
        engine.lint(Subject(text=text, network="telegram", kind="text"))
        per_post.append(
            median_us(lambda t=text: engine.lint(Subject(text=t, network="telegram", kind="text")))
        )
    both = Engine(LintSettings(select=("K201", "K203")), limits=LIMITS)
    both_per_post = []
    for text in texts:
        both.lint(Subject(text=text, network="telegram", kind="text"))
        both_per_post.append(
            median_us(lambda t=text: both.lint(Subject(text=t, network="telegram", kind="text")))
        )
    start = time.perf_counter()
    KazakhLexicon.load()
    load_ms = (time.perf_counter() - start) * 1000
    lines.append(
        f"Loading the lexicon (seed words + Hunspell, once per engine): {load_ms:.0f} ms. "
        f"K203 alone per sample-week post, detection included: median "
        f"{statistics.median(per_post):.0f} µs, worst {max(per_post):.0f} µs; K201 and K203 "
        f"together: median {statistics.median(both_per_post):.0f} µs, worst "
        f"{max(both_per_post):.0f} µs (the detection is shared through `ctx.memo`)."
    )
    return "\n".join(lines) + "\n"


def _cold(options: str) -> tuple[float, float]:
    """Build a detector and read one Russian post in a fresh process (Lingua caches its models
    per process, so only a new process shows the cold cost): milliseconds and MB of RSS."""
    import subprocess

    code = (
        "import re, time\n"
        "def rss():\n"
        "    status = open('/proc/self/status').read()\n"
        "    return int(re.search(r'VmRSS:\\s+(\\d+)', status).group(1)) / 1024\n"
        "from linters.language import LanguageDetector\n"
        "r0, t = rss(), time.perf_counter()\n"
        f"LanguageDetector({options}).detect('Школьники из Сайрама неделю записывали истории.')\n"
        "print((time.perf_counter() - t) * 1000, rss() - r0)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), float(out[1])


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"


if __name__ == "__main__":
    main()
