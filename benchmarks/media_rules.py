"""The media rules' cost: one photo, one infographic, one video, and a whole week.

Run: `.venv/bin/python benchmarks/media_rules.py [--week-photos 200]`. Prints a Markdown section
for BENCHMARKS.md. Measured through `Engine`, exactly as `arna lint` runs the rules:

- a 12-megapixel JPEG (4000×3000) through every photo rule (P303, M403, M430, M440, and the face
  rules when present), median of 15 fresh engines' first look (decode included);
- a 1920×1080 infographic through OCR and M410/M411 (CPU time including Tesseract's process);
- a 60 s 1080p H.264 video through every video rule (P304, M420, M421, M422, M440);
- a week: 100 posts with 200 photos, 20 infographics and 10 videos (all distinct files), cold
  (with the process pool) and cached (the findings cache), and the peak memory.

Media are drawn by `posts.media_samples` and `linters.media.samples` into a scratch folder under
benchmarks/results/ (git-ignored), once.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from channels.limits import LIMITS
from linters.cache import FindingsCache
from linters.context import OfficeView
from linters.engine import Engine
from linters.media.samples import media_ref, sample_path
from linters.rules import RULES
from linters.settings import LintSettings
from linters.subject import Subject
from posts.media_samples import make_photo, make_video, render_photo

SCRATCH = Path(__file__).resolve().parent / "results" / "media-rules"
MEDIA_CODES = tuple(r.code for r in RULES if r.code[0] == "M" or r.code in ("P303", "P304", "P305"))


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _engine(**kw: object) -> Engine:
    logo = str(sample_path("logo"))
    return Engine(
        LintSettings(select=MEDIA_CODES),
        limits=LIMITS,
        office=OfficeView(logos=((logo, ""),)),
        **kw,  # type: ignore[arg-type]
    )


def _time(subject: Subject, warm: Subject, runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of a fresh engine's lint of `subject`, after the engine
    linted `warm` (another file of the same kind: the detectors are set up, nothing is cached)."""
    walls, cpus = [], []
    for _ in range(runs):
        engine = _engine(media_workers=0)
        engine.lint(warm)
        start, cpu = time.perf_counter(), _cpu()
        engine.lint(subject)
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def _one_core(subject: Subject, warm: Subject, runs: int) -> str:
    """The median wall time of `_time` with the process pinned to one core (the target's terms)."""
    threads = cv2.getNumThreads()
    cores = os.sched_getaffinity(0)
    # OpenCV's worker threads exist already and keep their affinity, so they are also switched
    # off: one thread, on one core
    cv2.setNumThreads(1)
    os.sched_setaffinity(0, {min(cores)})
    try:
        wall, _ = _time(subject, warm, runs)
    finally:
        os.sched_setaffinity(0, cores)
        cv2.setNumThreads(threads)
    return f"{wall * 1e3:.0f} ms"


def _photo(path: Path, width: int, height: int, seed: int) -> Path:
    if not path.exists():
        make_photo(path, width, height, seed=seed, label=f"Arna {seed}")
    return path


def _camera_photo(path: Path, width: int, height: int, seed: int) -> Path:
    """A generated scene with sensor-like noise, saved at quality 92: about 3.7 MB for 12 MP, as a
    phone camera writes. A clean generated scene compresses to a tenth of that, and the JPEG
    decode, the largest cost, grows with the data."""
    if not path.exists():
        scene = np.array(render_photo(width, height, seed=seed, label=f"Arna {seed}"))
        rng = np.random.default_rng(seed)
        for top in range(0, height, 250):  # in bands: the peak memory below stays the linter's
            band = scene[top : top + 250]
            noise = rng.normal(0.0, 8.0, band.shape).astype(np.float32)
            band[...] = np.clip(band + noise, 0, 255).astype(np.uint8)
        Image.fromarray(scene).save(path, "JPEG", quality=92)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--week-photos", type=int, default=200)
    args = parser.parse_args()
    SCRATCH.mkdir(parents=True, exist_ok=True)
    lines = [
        f"### Media rules (`benchmarks/media_rules.py`), {date.today()}",
        "",
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}. "
        "Times are medians through `Engine.lint` with a fresh engine each time (nothing cached), "
        "the detectors' one-off set-up excluded.",
        "",
        "| what | wall | CPU |",
        "|---|---|---|",
    ]
    video_path = SCRATCH / "60s-1080p.mp4"
    if not video_path.exists():
        make_video(video_path, 60, 1920, 1080, fps=25, scenes=12)
    cases = (
        # label, post kind, the measured file, a warm-up file of the same kind, runs, in ms
        ("12 MP JPEG, camera-like (3.7 MB), every photo rule (target ≤ 150 ms)", "photo",
         _camera_photo(SCRATCH / "12mp-camera.jpg", 4000, 3000, 1), sample_path("photo-1080"),
         15, True),
        ("12 MP JPEG, clean generated scene (0.4 MB), every photo rule", "photo",
         _photo(SCRATCH / "12mp.jpg", 4000, 3000, 1), sample_path("photo-1080"), 15, True),
        ("1080 px infographic, OCR + M410/M411 (target ≤ 2.5 s)", "infographic",
         sample_path("infographic-many"), sample_path("infographic-one"), 5, False),
        ("60 s 1080p H.264, every video rule (target ≤ 3 s)", "video",
         video_path, sample_path("video-10s"), 3, False),
    )  # fmt: skip
    for label, kind, path, warm_path, runs, in_ms in cases:
        subject, warm = (
            Subject(text="Пост.", network="telegram", kind=kind, media=(media_ref(p),))
            for p in (path, warm_path)
        )
        wall, cpu = _time(subject, warm, runs)
        cells = (
            f"{wall * 1e3:.0f} ms | {cpu * 1e3:.0f} ms" if in_ms else f"{wall:.2f} s | {cpu:.2f} s"
        )
        lines.append(f"| {label} | {cells} |")
        if kind == "photo":
            lines.append(
                f"| the same, one OpenCV thread pinned to one core | {_one_core(subject, warm, runs)} | |"
            )

    week = _week(args.week_photos)
    with tempfile.TemporaryDirectory() as folder:
        cache = FindingsCache(Path(folder) / "cache.sqlite")
        engine = _engine(cache=cache)
        start = time.perf_counter()
        engine.lint_many(week)
        cold = time.perf_counter() - start
        engine = _engine(cache=cache)
        start = time.perf_counter()
        engine.lint_many(week)
        cached = time.perf_counter() - start
        cache.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    photos = sum(1 for s in week for m in s.media if m.kind == "image") - 20
    lines += [
        f"| a week: {len(week)} posts, {photos} photos (3 MP), 20 infographics, 10 videos (1080p, 20 s): cold, process pool | {cold:.1f} s | |",
        f"| the same week again, findings cached | {cached:.2f} s | |",
        f"| peak memory (max RSS): the linting process / the largest worker (target < 1.5 GB) | {peak:.0f} MiB / {kids:.0f} MiB | |",
        "",
    ]
    print("\n".join(lines))


def _week(photos: int) -> list[Subject]:
    """100 posts: photo posts of two photos, 20 infographic posts, 10 video posts."""
    folder = SCRATCH / "week"
    folder.mkdir(exist_ok=True)
    subjects: list[Subject] = []
    pictures = [
        media_ref(_photo(folder / f"p{i:03d}.jpg", 2000, 1500, 100 + i)) for i in range(photos)
    ]
    posts = 70  # 200 photos over 70 posts: two or three each
    for i in range(posts):
        chunk = tuple(pictures[i * photos // posts : (i + 1) * photos // posts])
        subjects.append(Subject(text=f"Фото {i}.", network="telegram", kind="album", media=chunk))
    for i in range(20):
        path = folder / f"info{i:02d}.png"
        if not path.exists():
            # distinct files: the one-message infographic with a different number each
            from PIL import Image, ImageDraw

            base = Image.open(
                sample_path("infographic-one" if i % 2 else "infographic-many")
            ).convert("RGB")
            ImageDraw.Draw(base).text((900, 1040), f"#{i}", fill=(0, 0, 0))
            base.save(path, "PNG")
        subjects.append(
            Subject(text="Цифры.", network="telegram", kind="infographic", media=(media_ref(path),))
        )
    for i in range(10):
        path = folder / f"v{i:02d}.mp4"
        if not path.exists():
            make_video(path, 20, 1920, 1080, fps=25, scenes=3 + i)
        subjects.append(
            Subject(text="Видео.", network="instagram", kind="video", media=(media_ref(path),))
        )
    return subjects


if __name__ == "__main__":
    main()
