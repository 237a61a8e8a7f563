"""Fit the weights of the genre signals (T101–T103) on the calibration part of the labelled set.

Run: `.venv/bin/python benchmarks/genre_fit.py [--write]`. With `--write`, the weight column of
`linters/data/genre/signals.txt` is rewritten with the fitted values; everything else in the file
(names, caps, patterns, comments) stays as written by hand.

The model is the one the rules already apply: score = Σ weight × min(count, cap), so a fitted
weight is as readable as a hand-set one, and the evidence an editor sees is unchanged. For each
rule, an L2-regularised logistic regression (Newton's method on NumPy; a few dozen features and
a few hundred texts need nothing more) is fitted one-vs-rest: the rule's class against every other
class, good posts included. The signals of a lively post (AGAINST: emoji, questions, exclamations,
addressing the reader, «сіз» and «вы», hashtags) may only count against a genre. Classes are weighted to equal
total weight, so that the larger classes do not decide alone. Weights are rounded to 0.1.

Thresholds come from 5-fold cross-validation inside the calibration part: each fold is scored
with weights fitted on the other four, and the threshold is the lowest out-of-fold score at
which precision is at least TARGET_PRECISION (moved half-way down to the next score), and never
below the largest single weight (one occurrence of one signal never fires a rule). Scores of
texts the weights were fitted on are optimistic; out-of-fold scores are not, so the threshold
holds up on new texts. The printed thresholds are the defaults in `linters/rules/genre.py`.

Only texts outside the held-out third are read here. The labelled set is the shipped
`linters/data/genre/dataset.jsonl` plus, when present, the external set of real texts under
`$ARNA_EVAL_DATA/genre/` (see `genre_eval.py`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.genre_eval import CODES, all_rows
from linters.genre_signals import CLASS_OF_RULE, Signal, _hash, default_signals, score

SIGNALS_FILE = Path(__file__).resolve().parents[1] / "linters" / "data" / "genre" / "signals.txt"
L2 = 0.5  # penalty on the squared weights (not on the bias)
FOLDS = 5
TARGET_PRECISION = 0.95
AGAINST = frozenset(
    {"reader-address", "emoji", "question", "exclamation", "hashtag", "you-kk", "you-ru"}
)


def features(text: str, signals: tuple[Signal, ...], rule: str) -> np.ndarray:
    found = {h.signal.name: min(h.count, h.signal.cap) for h in score(text, signals, rule).hits}
    return np.array([found.get(s.name, 0) for s in signals], dtype=float)


def fit(x: np.ndarray, y: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, float]:
    """Weighted L2 logistic regression by Newton's method: (coefficients, bias)."""
    n, d = x.shape
    design = np.hstack([x, np.ones((n, 1))])
    beta = np.zeros(d + 1)
    penalty = np.full(d + 1, L2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-design @ beta))
        gradient = design.T @ (weights * (p - y)) + penalty * beta
        hessian = (design * (weights * p * (1 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian + 1e-9 * np.eye(d + 1), gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta[:-1], float(beta[-1])


def fit_signed(
    x: np.ndarray, y: np.ndarray, weights: np.ndarray, names: list[str]
) -> tuple[np.ndarray, float]:
    """`fit`, with the signals of a lively post (AGAINST) kept at zero or below: a signal an editor
    reads as "this is a social post" must never count toward a genre. A signal whose fitted weight
    comes out positive is fixed at zero and the rest refitted."""
    free = np.ones(x.shape[1], bool)
    while True:
        coef, bias = fit(x[:, free], y, weights)
        full = np.zeros(x.shape[1])
        full[free] = coef
        wrong = [i for i, name in enumerate(names) if name in AGAINST and full[i] > 0]
        if not wrong:
            return full, bias
        free[wrong] = False


def class_weights(labels: list[str], y: np.ndarray) -> np.ndarray:
    """Every class weighs the same in total; the positives weigh as much as all negatives."""
    share = {label: labels.count(label) for label in set(labels)}
    weights = np.array([len(labels) / (len(share) * share[label]) for label in labels])
    return np.where(y == 1, weights * (len(share) - 1), weights)


def threshold_at(scores: list[tuple[float, bool]], strongest: float) -> float:
    ranked = sorted(scores, reverse=True)
    best = None
    for value, _ in ranked:
        flagged = [positive for s, positive in ranked if s >= value]
        if sum(flagged) / len(flagged) >= TARGET_PRECISION:
            best = value
    if best is None:
        return float("inf")
    lower = [s for s, _ in ranked if s < best]
    threshold = (best + max(lower)) / 2 if lower else best
    return round(max(threshold, strongest + 0.1), 2)


def out_of_fold_threshold(
    x: np.ndarray,
    y: np.ndarray,
    weights: np.ndarray,
    ids: list[str],
    strongest: float,
    names: list[str],
) -> tuple[float, float, float]:
    """The threshold, and the out-of-fold precision and recall at it."""
    folds = np.array([_hash("fold:" + i) % FOLDS for i in ids])
    scores: list[tuple[float, bool]] = []
    for fold in range(FOLDS):
        train, test = folds != fold, folds == fold
        coef, _ = fit_signed(x[train], y[train], weights[train], names)
        coef = np.round(coef, 1)
        scores += [(float(v), bool(t)) for v, t in zip(x[test] @ coef, y[test], strict=True)]
    threshold = threshold_at(scores, strongest)
    flagged = [positive for value, positive in scores if value >= threshold]
    positives = sum(positive for _, positive in scores)
    precision = sum(flagged) / len(flagged) if flagged else 1.0
    return threshold, precision, sum(flagged) / positives if positives else 0.0


def rewrite_weights(fitted: dict[tuple[str, str], float]) -> None:
    lines = SIGNALS_FILE.read_text("utf-8").splitlines(keepends=True)
    out = []
    for line in lines:
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 5 and (parts[0], parts[1]) in fitted:
            parts[2] = f"{fitted[(parts[0], parts[1])]:.1f}"
            line = "\t".join(parts) + "\n"
        out.append(line)
    SIGNALS_FILE.write_text("".join(out), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the weights in signals.txt")
    args = parser.parse_args()
    rows = [r for r in all_rows() if not r.held_out]
    table = default_signals()
    fitted: dict[tuple[str, str], float] = {}
    for code in CODES:
        signals = table[code]
        x = np.array([features(r.text, signals, code) for r in rows])
        y = np.array([r.label == CLASS_OF_RULE[code] for r in rows], dtype=float)
        labels = [r.label for r in rows]
        weights = class_weights(labels, y)
        names = [signal.name for signal in signals]
        coef, bias = fit_signed(x, y, weights, names)
        strongest = float(np.round(coef, 1).max())
        threshold, precision, recall = out_of_fold_threshold(
            x, y, weights, [r.id for r in rows], strongest, names
        )
        print(
            f"{code} ({CLASS_OF_RULE[code]}), {int(y.sum())} positives of {len(y)}, "
            f"bias {bias:.2f}, threshold (out of fold) {threshold}: "
            f"precision {precision:.3f}, recall {recall:.3f}"
        )
        for signal, w in zip(signals, coef, strict=True):
            fitted[(code, signal.name)] = round(float(w), 1)
            print(f"  {signal.name:24} {signal.weight:5.1f} -> {w:6.2f}")
    if args.write:
        rewrite_weights(fitted)
        print(f"written to {SIGNALS_FILE}")


if __name__ == "__main__":
    main()
