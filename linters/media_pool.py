"""The heavy media analyses of a week, done ahead in a process pool that uses every core.

OCR of an infographic and the cut detection of a video take a second or two each, and a week can
hold dozens. Before linting a batch, `prefetch` runs those analyses for every media item that
needs them (and whose post-level findings are not cached already) in worker processes, and puts
the results into the engine's media cache; the rules then find them ready. Photos are decoded in
the parent: that costs milliseconds, less than sending the pixels back.

Workers start through "forkserver", so that they never inherit the parent's threads or open
database connections. A worker failure is not fatal: the parent computes that item itself.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from linters.media_facts import MediaCache, MediaFacts
from linters.subject import MediaRef, Subject

#: which analyses a post's media need, by post kind (the rest are cheap)
HEAVY = {"infographic": ("image", "ocr"), "video": ("video", "cuts")}


def _worker_setup() -> None:
    """One core per worker: OpenCV and Tesseract would each start threads of their own."""
    import cv2

    cv2.setNumThreads(1)
    os.environ["OMP_THREAD_LIMIT"] = "1"


def _work(ref: MediaRef, steps: tuple[str, ...]) -> tuple[dict[str, Any], str | None]:
    facts = MediaFacts(ref)
    for step in steps:
        getattr(facts, step)()
    return facts.results, facts.failure


def _steps(subject: Subject, ref: MediaRef) -> tuple[str, ...]:
    if ref.problem is not None or ref.path is None:
        return ()
    if (ref.kind or "") == "video":
        return HEAVY["video"]
    if (ref.kind or "") == "image" and subject.kind == "infographic":
        return HEAVY["infographic"]
    return ()


class MediaPool:
    """Worker processes for one batch, started on first need and stopped with the batch."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> MediaPool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)

    def executor(self) -> ProcessPoolExecutor:
        if self._executor is None:
            context = multiprocessing.get_context("forkserver")
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=context, initializer=_worker_setup
            )
        return self._executor


def prefetch(subjects: Iterable[Subject], cache: MediaCache, pool: MediaPool) -> int:
    """Analyse, in parallel, the heavy media of `subjects` not analysed yet; returns how many."""
    jobs: dict[int, tuple[MediaFacts, MediaRef, tuple[str, ...]]] = {}
    for subject in subjects:
        for ref in subject.media:
            steps = _steps(subject, ref)
            facts = cache.facts(ref)
            missing = tuple(s for s in steps if s not in facts.results)
            if missing and id(facts) not in jobs:
                jobs[id(facts)] = (facts, ref, missing)
    if pool.workers < 2 or len(jobs) < 2:
        return 0  # one item, or one core: the rules compute it as they go
    executor = pool.executor()
    futures = {key: executor.submit(_work, ref, steps) for key, (_, ref, steps) in jobs.items()}
    for key, future in futures.items():
        facts = jobs[key][0]
        try:
            done, failure = future.result()
        except Exception:  # a worker that died: the rules will compute it in-process
            continue
        facts.results.update(done)
        facts.failure = facts.failure or failure
    return len(jobs)
