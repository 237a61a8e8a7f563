"""How long the media store takes: `put()` of a 5 MB JPEG, and refusing a 10 GB sparse file.

Run: `PYTHONPATH=. .venv/bin/python benchmarks/media_store.py`. Prints the median of several runs;
the results belong in BENCHMARKS.md with the machine and the date.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from posts.errors import InputError
from posts.media_probe import probe_media
from posts.media_store import MediaStore
from tests.media_factory import make_video, noisy_jpeg, sparse_file

RUNS = 7
MAX_BYTES = 200 * 1024 * 1024


def median_ms(action: Callable[[int], object], runs: int = RUNS) -> float:
    times = []
    for i in range(runs):
        start = time.perf_counter()
        action(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    print(
        f"{platform.node()} · {platform.machine()} · {os.cpu_count()} CPUs · Python {sys.version.split()[0]}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        jpeg = noisy_jpeg(root / "photo.jpg", 5_000_000)
        size = jpeg.stat().st_size
        print(
            f"put() of a {size / 1e6:.1f} MB JPEG, new blob: "
            f"{median_ms(lambda i: MediaStore(root / f'store{i}', MAX_BYTES).put(jpeg)):.1f} ms"
        )
        store = MediaStore(root / "store-again", MAX_BYTES)
        store.put(jpeg)
        print(
            f"put() of the same JPEG, blob already stored: {median_ms(lambda i: store.put(jpeg)):.1f} ms"
        )
        print(
            f"probe_media() of the JPEG alone: "
            f"{median_ms(lambda i: probe_media(jpeg, max_bytes=MAX_BYTES)):.1f} ms"
        )

        def draft_decode(_: int) -> None:
            with Image.open(jpeg) as im:
                im.draft("RGB", (im.width // 8, im.height // 8))
                im.load()

        print(
            f"  (for comparison, a 1/8-scale draft() decode of it: {median_ms(draft_decode):.1f} ms)"
        )

        video = root / "clip.mp4"
        make_video(video, 30, 1280, 720, fps=10)
        print(
            f"probe_media() of a 30 s 720p MP4 ({video.stat().st_size / 1e6:.1f} MB): "
            f"{median_ms(lambda i: probe_media(video, max_bytes=MAX_BYTES)):.1f} ms"
        )

        huge = sparse_file(root / "huge.mp4", 10 * 1024**3)

        def refuse(_: int) -> None:
            try:
                probe_media(huge, max_bytes=MAX_BYTES)
            except InputError:
                return
            raise AssertionError("a 10 GB file was accepted")

        print(f"probe_media() refusing a 10 GB sparse file: {median_ms(refuse) * 1000:.0f} µs")


if __name__ == "__main__":
    main()
