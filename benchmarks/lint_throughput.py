"""Lint throughput: 10,000 realistic kk/ru posts, cold and cached, against proselint.

Run: `.venv/bin/python benchmarks/lint_throughput.py [N]` (default 10000). The posts are built
deterministically from the seed documents' sentences (so they are real Kazakh and Russian prose),
with network-typical lengths and hashtags. Measures, on one core:
- cold throughput with every text rule on (a fresh engine, no cache; the one-off start-up of the
  language detector is reported apart),
- cached re-lint of the same posts (a findings cache that the cold pass filled),
- peak memory (max RSS),
- proselint (`pip install proselint`) over the same texts, and the ratio of the two times.
Results go in BENCHMARKS.md with the machine and the date.
"""

from __future__ import annotations

import os
import platform
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.language_accuracy import seed_sentences
from channels.limits import LIMITS
from linters.cache import FindingsCache
from linters.engine import Engine
from linters.subject import Subject

#: network -> (min, max) characters of a typical post
LENGTHS = {
    "telegram": (250, 1200),
    "instagram": (300, 1800),
    "facebook": (400, 2500),
    "x": (120, 270),
    "vk": (300, 1500),
}
TAGS = {"kk": "#руханижаңғыру #болашаққабағдар", "ru": "#руханижаңғыру #взглядвбудущее"}


def make_posts(n: int, seed: int = 7) -> list[Subject]:
    rng = random.Random(seed)
    sentences = {
        lang: [s for s in items if len(s.split()) >= 4]
        for lang, items in seed_sentences().items()
        if lang in ("kk", "ru")
    }
    networks = list(LENGTHS)
    posts = []
    for i in range(n):
        lang = "kk" if i % 2 == 0 else "ru"
        network = networks[i % len(networks)]
        low, high = LENGTHS[network]
        target = rng.randint(low, high)
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < target - 40:
            parts.append(rng.choice(sentences[lang]))
        text = " ".join(parts)
        if rng.random() < 0.8:
            text += "\n\n" + TAGS[lang]
        posts.append(
            Subject(text=text[:high], network=network, kind="text", language=lang, story=f"s{i}")
        )
    return posts


def run_arna(posts: list[Subject], cache: FindingsCache | None) -> tuple[float, float, int]:
    started = time.perf_counter()
    engine = Engine(limits=LIMITS, cache=cache)
    engine.lint(Subject(text="Сәлем, әлем! Привет, мир!", network="telegram", kind="text"))
    startup = time.perf_counter() - started
    started = time.perf_counter()
    findings = sum(len(engine.lint(p).findings) for p in posts)
    return startup, time.perf_counter() - started, findings


def run_proselint(posts: list[Subject]) -> float | None:
    try:
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    CheckRegistry().register_many(__register__)  # what proselint's own CLI does first
    assert LintFile("<probe>", "This is very unique.").lint(), "proselint checks are not loaded"
    started = time.perf_counter()
    for p in posts:
        LintFile("<post>", p.text).lint()
    return time.perf_counter() - started


def main(n: int) -> None:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    posts = make_posts(n)
    chars = sum(len(p.text) for p in posts)
    with tempfile.TemporaryDirectory() as tmp:
        cache = FindingsCache(Path(tmp) / "cache.sqlite")
        startup, cold, findings = run_arna(posts, None)
        run_arna(posts, cache)  # fill the cache
        _, warm, _ = run_arna(posts, cache)
        cache.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    prose = run_proselint(posts)
    print(
        f"machine: {platform.processor() or platform.machine()}, Python "
        f"{sys.version.split()[0]}, one core, {time.strftime('%Y-%m-%d')}"
    )
    print(f"posts: {n} (kk and ru, {chars / n:.0f} characters on average), findings: {findings}")
    print(f"engine start-up (detector, dictionaries): {startup:.2f} s")
    print(f"cold: {cold:.2f} s, {n / cold:.0f} posts/s, {1000 * cold / n:.2f} ms per post")
    print(f"cached re-lint: {warm:.2f} s, {n / warm:.0f} posts/s, {cold / warm:.1f}x faster")
    print(f"peak memory (max RSS): {rss:.0f} MiB")
    if prose is None:
        print("proselint: not installed (pip install proselint)")
    else:
        print(
            f"proselint: {prose:.2f} s, {n / prose:.0f} posts/s; arna/proselint time ratio "
            f"{cold / prose:.2f}"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
