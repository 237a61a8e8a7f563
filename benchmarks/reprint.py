"""T104 against a reprint corpus of 100,000 articles: time per check, index build time, memory.

Run: `.venv/bin/python benchmarks/reprint.py [N] [--compare-datasketch]` (default 100000).

The articles are real Kazakh and Russian prose: each is 6 to 20 sentences drawn at random from the
seed documents (`/work/shared/seeds/`), in a random order, with a title from the first words of
one of them. They are stored with `arna.corpus_store.add_articles` (signature computed and stored,
as `arna corpus add` does) in a SQLite database in WAL mode, then read through the same
`DatabaseCorpus` that `arna lint` uses. The checks are 1,000 posts through an `Engine` with T104
alone: half are reprints of a random article (a sentence or two dropped, hashtags added: Jaccard
about 0.7–1.0), half are new posts of 3–8 seed sentences (so they share sentences with many
articles, the hard case for the index). Times are per `Engine.lint` call, on one core, after the
index is built (the build is measured apart: the first check pays it).

`--compare-datasketch` also builds datasketch's `MinHashLSH` with the same bands, for the memory
and build-time comparison that made us keep our own banded index (see `linters.similarity`).
Results go to benchmarks/results/reprint.md with the machine and the date.
"""

from __future__ import annotations

import gc
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from arna.corpus_store import DatabaseCorpus, NewArticle, add_articles
from benchmarks.language_accuracy import seed_sentences
from linters.engine import Engine
from linters.settings import LintSettings
from linters.similarity import (
    NUM_PERM,
    ReprintIndex,
    article_shingles,
    comparable,
    jaccard,
    lsh_params,
)
from linters.subject import Subject
from posts.db import open_database
from posts.migrate import upgrade

OFFICE = "turkistan"
TAGS = {"kk": "#руханижаңғыру #болашаққабағдар", "ru": "#руханижаңғыру #взглядвбудущее"}
RESULTS = Path(__file__).resolve().parent / "results" / "reprint.md"


def rss_mib(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import datasketch
    import numpy

    return (
        f"{model}, {os.cpu_count()} CPUs (run pinned to one core) · {platform.system()} "
        f"{platform.machine()} · Python {sys.version.split()[0]} · numpy {numpy.__version__} · "
        f"datasketch {getattr(datasketch, '__version__', '?')} · SQLite (WAL, synchronous=FULL)"
    )


def sentences() -> dict[str, list[str]]:
    return {
        lang: sorted({" ".join(s.split()) for s in items if len(s.split()) >= 5})
        for lang, items in seed_sentences().items()
        if lang in ("kk", "ru")
    }


def make_articles(n: int, pool: dict[str, list[str]], rng: random.Random) -> list[NewArticle]:
    out = []
    for i in range(n):
        lang = "kk" if i % 2 == 0 else "ru"
        body = rng.sample(pool[lang], rng.randint(6, 20))
        title = " ".join(rng.choice(pool[lang]).split()[:7])
        out.append(
            NewArticle(
                title=title,
                url=f"https://news{i % 40}.example.kz/{lang}/{i}",
                text=" ".join(body),
                published_at=None,
                source="bench",
                origin="bench",
            )
        )
    return out


def make_posts(
    articles: list[NewArticle], pool: dict[str, list[str]], rng: random.Random, n: int
) -> list[tuple[Subject, bool]]:
    """(post, whether it should be flagged): a reprint whose exact Jaccard with its source article
    is at least 0.6 (dropping sentences from a short article can take it below)."""
    posts = []
    for i in range(n):
        lang = "kk" if i % 2 == 0 else "ru"
        if i % 4 < 2:  # a reprint of an article of the same language
            source = articles[rng.randrange(len(articles) // 2) * 2 + (lang == "ru")]
            parts = source.text.split(". ")
            drop = rng.randint(0, min(2, len(parts) // 6))
            for _ in range(drop):
                parts.pop(rng.randrange(len(parts)))
            text = ". ".join(parts) + "\n\n" + TAGS[lang]
            score = jaccard(comparable(text).shingles, article_shingles(source.title, source.text))
            posts.append((Subject(text=text, network="facebook", kind="text"), score >= 0.6))
        else:
            text = " ".join(rng.sample(pool[lang], rng.randint(3, 8))) + "\n\n" + TAGS[lang]
            posts.append((Subject(text=text, network="telegram", kind="text"), False))
    return posts


def compare_datasketch(index: ReprintIndex, posts: list[tuple[Subject, bool]]) -> dict[str, float]:
    from datasketch import LeanMinHash, MinHashLSH

    from linters.similarity import comparable, minhash

    gc.collect()
    before = rss_mib()
    started = time.perf_counter()
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(index.bands, index.rows))
    with lsh.insertion_session() as session:
        for article_id, values in zip(index.ids.tolist(), index.signatures, strict=True):
            session.insert(
                article_id,
                LeanMinHash(seed=1, hashvalues=values, scheme="affine32"),
                check_duplication=False,
            )
    build = time.perf_counter() - started
    gc.collect()
    memory = rss_mib() - before
    queries = [minhash(comparable(p.text).shingles) for p, _ in posts]
    started = time.perf_counter()
    for q in queries:
        lsh.query(q)
    query_ms = 1000 * (time.perf_counter() - started) / len(queries)
    return {"build_s": build, "memory_mib": memory, "query_ms": query_ms}


def main(n: int, with_datasketch: bool) -> None:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    rng = random.Random(20261124)
    pool = sentences()
    articles = make_articles(n, pool, rng)
    words = sum(len(a.text.split()) for a in articles) / n
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        upgrade(db)
        started = time.perf_counter()
        for start in range(0, n, 5000):
            add_articles(db, OFFICE, articles[start : start + 5000])
        add_s = time.perf_counter() - started
        db_mib = (Path(tmp) / "bench.db").stat().st_size / 2**20
        posts = make_posts(articles, pool, rng, 1000)
        del articles
        gc.collect()

        corpus = DatabaseCorpus(db, OFFICE)
        engine = Engine(LintSettings(select=("T104",)), corpus=corpus)
        rss_before = rss_mib()
        started = time.perf_counter()
        engine.lint(Subject(text=posts[0][0].text, network="vk", kind="text"))  # builds the index
        build_s = time.perf_counter() - started
        gc.collect()
        rss_after = rss_mib()
        [index] = [v for k, v in engine.resources._items.items() if k.startswith("reprint-index")]
        arrays = (
            sum(a.nbytes for a in (index.ids, index.signatures, index._sorted, index._order))
            / 2**20
        )

        times: list[float] = []
        flagged = {True: 0, False: 0}
        for subject, is_reprint in posts:
            t0 = time.perf_counter()
            result = engine.lint(subject)
            times.append(1000 * (time.perf_counter() - t0))
            if any(f.code == "T104" for f in result.findings):
                flagged[is_reprint] += 1
        times.sort()
        reprints = sum(1 for _, r in posts if r)
        peak = rss_mib("VmHWM")
        cmp = compare_datasketch(index, posts) if with_datasketch else None
        db.dispose()

    bands, rows = lsh_params(0.6)
    lines += [
        f"## {time.strftime('%Y-%m-%d')} · `benchmarks/reprint.py {n}`",
        "",
        machine(),
        "",
        f"Corpus: {n:,} synthetic articles of shuffled seed sentences (kk and ru, "
        f"{words:.0f} words on average), {db_mib:.0f} MiB of SQLite. Checks: 1,000 posts, "
        f"{reprints} of them reprints. T104 threshold 0.6; MinHash {NUM_PERM} permutations; "
        f"LSH {bands} bands × {rows} rows.",
        "",
        "| what | figure |",
        "|---|---|",
        f"| adding the articles (`add_articles`: MinHash signature + insert), per article | "
        f"{1000 * add_s / n:.2f} ms ({add_s:.0f} s in all) |",
        f"| index build (read {n:,} stored signatures, band them), once per engine | "
        f"{build_s:.2f} s |",
        f"| memory of the index: its NumPy arrays (RSS growth while building it) | "
        f"{arrays:.0f} MiB ({rss_after - rss_before:.0f} MiB) |",
        f"| **time per T104 check** (`Engine.lint`, T104 only), median | "
        f"**{statistics.median(times):.2f} ms** |",
        f"| … 95th percentile / maximum / mean | {times[int(0.95 * len(times))]:.2f} / "
        f"{times[-1]:.2f} / {statistics.fmean(times):.2f} ms |",
        f"| reprints at Jaccard ≥ 0.6 flagged (recall of the index) | "
        f"{flagged[True]} of {reprints} |",
        f"| other posts flagged (new posts, reprints cut below 0.6) | "
        f"{flagged[False]} of {len(posts) - reprints} |",
        f"| peak memory of the run before the comparison (max RSS; includes generating and "
        f"storing the corpus) | {peak:.0f} MiB |",
    ]
    if cmp:
        lines += [
            f"| for comparison: datasketch `MinHashLSH` with the same bands: build | "
            f"{cmp['build_s']:.1f} s |",
            f"| … its memory (RSS growth) | {cmp['memory_mib']:.0f} MiB |",
            f"| … its query alone (no exact confirmation) | {cmp['query_ms']:.3f} ms |",
        ]
    lines += [
        "",
        "Target (issue 3): under 20 ms per post against 100,000 articles.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    header = "# T104 media-reprint against a large corpus\n\n"
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else header
    RESULTS.write_text(old.rstrip("\n") + "\n\n" + text, encoding="utf-8")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(int(args[0]) if args else 100_000, "--compare-datasketch" in sys.argv)
