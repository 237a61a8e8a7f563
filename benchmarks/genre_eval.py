"""T101, T102, T103 on the labelled set: calibration, held-out precision and recall, cost per post.

Run: `.venv/bin/python benchmarks/genre_eval.py`. Results go to benchmarks/results/genre.md.

The labelled set is `linters/data/genre/dataset.jsonl` (fields id, lang, class, source, text),
plus the external set of real texts in `$ARNA_EVAL_DATA/genre/*.jsonl` (default
`/work/evaldata`; same fields, plus locator and why), gathered by hand from stored public pages
and repositories. Its text is other people's, so it stays out of the repository; the manifest
`benchmarks/sources/genre_real.jsonl` lists every row's id, class, source and SHA-256.
The split is fixed by a hash of the id (`linters.genre_signals.labelled_set`): a third of every
class is held out. Weights and thresholds are fitted on the calibration part only,
by `benchmarks/genre_fit.py`; the held-out figures below are computed with the shipped defaults,
through the engine, exactly as `arna lint` runs the rules.

Cost: the three rules alone through an `Engine`, on 2,000 posts of about 900 characters (texts of
the labelled set cut or joined to that length), after a warm-up.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from channels.limits import LIMITS
from linters.engine import REGISTRY, Engine
from linters.genre_signals import (
    CLASS_OF_RULE,
    Labelled,
    genre_scores,
    labelled_set,
)
from linters.settings import LintSettings
from linters.subject import Subject

EVAL_DATA = Path(os.environ.get("ARNA_EVAL_DATA", "/work/evaldata"))
CODES = ("T101", "T102", "T103")
OUT = Path(__file__).resolve().parent / "results" / "genre.md"


def predictions(engine: Engine, rows: list[Labelled]) -> dict[str, set[str]]:
    flagged: dict[str, set[str]] = {code: set() for code in CODES}
    for row in rows:
        result = engine.lint(Subject(text=row.text, network="telegram", kind="text"))
        for finding in result.findings:
            if finding.code in flagged:
                flagged[finding.code].add(row.id)
    return flagged


def metrics(code: str, rows: list[Labelled], flagged: set[str]) -> dict[str, float | int]:
    target = CLASS_OF_RULE[code]
    tp = sum(1 for r in rows if r.id in flagged and r.label == target)
    fp = sum(1 for r in rows if r.id in flagged and r.label != target)
    fn = sum(1 for r in rows if r.id not in flagged and r.label == target)
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
    }


def held_out_metrics() -> dict[str, dict[str, float | int]]:
    """Per rule, on the held-out part, with the shipped defaults (also used by the tests)."""
    held = [r for r in labelled_set() if r.held_out]
    engine = Engine(LintSettings(select=CODES), limits=LIMITS)
    flagged = predictions(engine, held)
    return {code: metrics(code, held, flagged[code]) for code in CODES}


def sample_posts(n: int = 2000, length: int = 900) -> list[str]:
    texts = [r.text for r in labelled_set()]
    out, i = [], 0
    while len(out) < n:
        text = texts[i % len(texts)]
        while len(text) < length:
            i += 1
            text += "\n\n" + texts[i % len(texts)]
        out.append(text[:length])
        i += 1
    return out


def cost_per_post() -> tuple[float, float]:
    posts = sample_posts()
    engine = Engine(LintSettings(select=CODES), limits=LIMITS)
    for text in posts[:200]:
        engine.lint(Subject(text=text + " ", network="telegram", kind="text"))
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        for text in posts:
            engine.lint(Subject(text=text, network="telegram", kind="text"))
        runs.append((time.perf_counter() - start) / len(posts))
    raw = []
    for _ in range(3):
        start = time.perf_counter()
        for text in posts:
            genre_scores(text)
        raw.append((time.perf_counter() - start) / len(posts))
    return statistics.median(runs) * 1000, statistics.median(raw) * 1000


def external_rows(root: Path = EVAL_DATA) -> list[dict[str, str]]:
    """The external set of real texts (see the module docstring), or none when it is absent."""
    rows = []
    for path in sorted((root / "genre").glob("*.jsonl")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if line.strip():
                row = json.loads(line)
                missing = {"id", "lang", "class", "source", "text"} - row.keys()
                if missing:
                    raise SystemExit(f"{path}:{number}: missing {sorted(missing)}")
                rows.append(row)
    return rows


def all_rows() -> list[Labelled]:
    return list(labelled_set(external_rows()))


def is_real(row: Labelled) -> bool:
    """Written by other people for their own purposes, not for this test."""
    return row.source.startswith(("seed", "http", "github", "kazakhstan-law")) or ":" in row.source


def main() -> None:
    rows = all_rows()
    calibration = [r for r in rows if not r.held_out]
    held = [r for r in rows if r.held_out]
    shipped = {code: REGISTRY[code].Settings().threshold for code in CODES}  # type: ignore[attr-defined]
    engine = Engine(LintSettings(select=CODES), limits=LIMITS)
    cal_flags = predictions(engine, calibration)
    held_flags = predictions(engine, held)
    engine_ms, raw_ms = cost_per_post()

    counts = Counter((r.label, r.lang, is_real(r), r.held_out) for r in rows)
    lines = [
        "# Genre detectors T101, T102, T103: evaluation",
        "",
        f"{date.today().isoformat()} · {platform.processor() or platform.machine()} · Python "
        f"{platform.python_version()} · `.venv/bin/python benchmarks/genre_eval.py`",
        "",
        "Two sets. **Real**: texts other people wrote for their own purposes: press releases,",
        "official documents, event reports and social posts gathered from stored public web pages",
        "and repositories (the external set under `$ARNA_EVAL_DATA/genre/`, kept out of the",
        "repository since the text is not ours; every row names its source), plus the official",
        "documents cut from the seed documents. **Written**: texts this project wrote to",
        "illustrate the classes (`linters/data/genre/dataset.jsonl`, source `written…`), and the",
        "sample week. Figures on the written set are optimistic; the real held-out figures are",
        "the ones that count.",
        "",
        "## The labelled set",
        "",
        "| class | lang | real: calibration | real: held out | written: calibration | written: held out |",
        "|---|---|---|---|---|---|",
    ]
    for label in ("press-release", "official-document", "event-report", "good-post"):
        for lang in ("kk", "ru"):
            cells = [
                counts[(label, lang, real, h)] for real in (True, False) for h in (False, True)
            ]
            lines.append(f"| {label} | {lang} | " + " | ".join(map(str, cells)) + " |")
    lines += [
        "",
        "## Weights and thresholds",
        "",
        "Weights and thresholds come from `benchmarks/genre_fit.py`, on the calibration part",
        "only: L2 logistic regression per rule over the signal counts, then the threshold at",
        "out-of-fold precision ≥ 0.95 (5-fold cross-validation inside the calibration part),",
        "never below the largest single weight.",
        "",
        "| rule | shipped threshold |",
        "|---|---|",
        *(f"| {code} {REGISTRY[code].name} | {shipped[code]} |" for code in CODES),
        "",
        "## Precision and recall (shipped defaults, through the engine)",
        "",
        "Positives of a rule are the texts of its class; every other class, good posts included,",
        "counts as a negative.",
        "",
        "| rule | part | TP | FP | FN | precision | recall |",
        "|---|---|---|---|---|---|---|",
    ]
    parts = [
        ("**held out, real**", [r for r in held if is_real(r)], held_flags),
        ("held out, real, kk", [r for r in held if is_real(r) and r.lang == "kk"], held_flags),
        ("held out, real, ru", [r for r in held if is_real(r) and r.lang == "ru"], held_flags),
        ("held out, written", [r for r in held if not is_real(r)], held_flags),
        ("calibration, all", calibration, cal_flags),
    ]
    for code in CODES:
        for part, subset, flags in parts:
            m = metrics(code, subset, flags[code])
            lines.append(
                f"| {code} | {part} | {m['tp']} | {m['fp']} | {m['fn']} | "
                f"{m['precision']:.3f} | {m['recall']:.3f} |"
            )
    good_flagged = sorted(
        r.id
        for r in rows
        if r.label == "good-post"
        and any(r.id in f for f in (*held_flags.values(), *cal_flags.values()))
    )
    lines += [
        "",
        f"Good posts flagged by any of the three rules: {len(good_flagged)}"
        + (f" ({', '.join(good_flagged)})" if good_flagged else "")
        + ".",
        "",
        "Errors on the held-out part:",
        "",
    ]
    for code in CODES:
        target = CLASS_OF_RULE[code]
        fps = [
            f"{r.id} ({r.label})" for r in held if r.id in held_flags[code] and r.label != target
        ]
        fns = [r.id for r in held if r.id not in held_flags[code] and r.label == target]
        lines.append(
            f"- {code}: false positives {fps or 'none'}; missed {len(fns)}: {fns or 'none'}"
        )
    lines += [
        "",
        "## Cost",
        "",
        "| what | per post |",
        "|---|---|",
        f"| the three rules through `Engine.lint` (select T101–T103), ~900-character post | "
        f"{engine_ms:.3f} ms |",
        f"| the three signal scores alone (`genre_scores`) | {raw_ms:.3f} ms |",
        "",
    ]
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
