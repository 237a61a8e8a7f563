"""The heavy media analyses of a week, done ahead in a process pool that uses every core.

OCR of an infographic and the cut detection of a video take a second or two each, and a week can
hold dozens. Before linting a batch, `prefetch` runs those analyses for every media item that
needs them (and whose post-level findings are not cached already) in worker processes, and puts
the results into the engine's media cache; the rules then find them ready. Photos get their
decode, blur and exposure (M430), the search for frame-filling faces (M402) and the logo
search (M440) ahead; the gated
analyses (small faces for M401, M404) stay with the rules.

Workers start through "forkserver", so that they never inherit the parent's threads or open
database connections. A worker failure is not fatal: the parent computes that item itself.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from typing import Any

from linters.media_facts import MediaCache, MediaFacts
from linters.subject import MediaRef, Subject

#: the analyses done ahead, by post kind; photos of other kinds get PHOTO_STEPS
HEAVY = {"infographic": ("image", "ocr"), "video": ("video", "cuts")}
PHOTO_STEPS = ("image", "quality", "faces.large")  # plus "logo" with [brand] logos


def _worker_setup() -> None:
    """One core per worker: OpenCV and Tesseract would each start threads of their own."""
    import cv2

    cv2.setNumThreads(1)
    os.environ["OMP_THREAD_LIMIT"] = "1"


@cache
def _large_faces():  # type: ignore[no-untyped-def]
    from linters.media.faces import large_face_detector

    return large_face_detector()


@cache
def _logo_matcher(logos: tuple[tuple[str, str], ...]):  # type: ignore[no-untyped-def]
    from linters.media.logo import matcher_for

    return matcher_for(logos)


def _work(
    ref: MediaRef, steps: tuple[str, ...], logos: tuple[tuple[str, str], ...]
) -> tuple[dict[str, Any], str | None]:
    """In a worker: the analyses `steps` of one file (detectors are built once per worker)."""
    from linters.media.logo import logo_key

    facts = MediaFacts(ref)
    for step in steps:
        if step == "faces.large":
            facts.faces(_large_faces(), key="faces.large")
        elif step == "logo":
            facts.logo(_logo_matcher(logos), logo_key(logos))
        else:
            getattr(facts, step)()
    return facts.results, facts.failure


def _steps(subject: Subject, ref: MediaRef, logos: bool) -> tuple[str, ...]:
    if ref.problem is not None or ref.path is None:
        return ()
    if (ref.kind or "") == "video":
        return HEAVY["video"]
    if (ref.kind or "") != "image" or ref.mime == "image/svg+xml":
        return ()
    steps = HEAVY["infographic"] if subject.kind == "infographic" else PHOTO_STEPS
    return (*steps, "logo") if logos and not subject.logo_basis else steps


class MediaPool:
    """Worker processes for one batch, started on first need and stopped with the batch."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1
        self.broken = False  # workers could not start: do everything in-process from now on
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


def prefetch(
    subjects: Iterable[Subject],
    cache: MediaCache,
    pool: MediaPool,
    logos: tuple[tuple[str, str], ...] = (),
) -> int:
    """Analyse, in parallel, the heavy media of `subjects` not analysed yet; returns how many.
    `logos` are the office's [brand] logos, searched in photos of posts without a logo basis."""
    from linters.media.logo import logo_key

    jobs: dict[int, tuple[MediaFacts, MediaRef, tuple[str, ...]]] = {}
    names = {"faces.large": "faces.large", "logo": logo_key(logos)}
    for subject in subjects:
        for ref in subject.media:
            steps = _steps(subject, ref, bool(logos))
            facts = cache.facts(ref)
            missing = tuple(s for s in steps if names.get(s, s) not in facts.results)
            if missing and id(facts) not in jobs:
                jobs[id(facts)] = (facts, ref, missing)
    if pool.workers < 2 or len(jobs) < 2 or pool.broken:
        return 0  # one item, or one core: the rules compute it as they go
    try:
        executor = pool.executor()
        futures = {
            key: executor.submit(_work, ref, steps, logos) for key, (_, ref, steps) in jobs.items()
        }
    except (BrokenProcessPool, OSError, RuntimeError):
        # no worker could be started (a sandbox, a main module that is not import-safe):
        # the rules compute everything in-process, as with one core
        pool.broken = True
        return 0
    for key, future in futures.items():
        facts = jobs[key][0]
        try:
            done, failure = future.result()
        except Exception:  # a worker that died: the rules will compute it in-process
            continue
        facts.results.update(done)
        facts.failure = facts.failure or failure
    return len(jobs)
