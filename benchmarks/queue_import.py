"""How long queueing takes: importing a folder of N drafts into SQLite, all or nothing.

Run: `.venv/bin/python benchmarks/queue_import.py [N]` (default 400). It writes a workspace with
`arna init`, multiplies the sample week into N distinct drafts that share the sample media, then
times `import_drafts` (parse, probe, store, one transaction) and a full listing query. The results
belong in BENCHMARKS.md with the machine and the date.
"""

from __future__ import annotations

import platform
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime
from pathlib import Path

from sqlmodel import select

from arna.workspace import Workspace, init_workspace
from posts.models import Post
from posts.queue import import_drafts


def multiply_drafts(drafts: Path, n: int) -> None:
    samples = sorted(drafts.glob("*.md"))
    for i in range(n - len(samples)):
        source = samples[i % len(samples)]
        text = source.read_text(encoding="utf-8")
        text = text.replace('story = "', f'story = "b{i}-', 1)  # a story of its own
        text = "\n".join(
            line for line in text.splitlines() if not line.startswith("scheduled")
        )  # take free slots
        (drafts / f"bench-{i:05d}.md").write_text(text + f"\nВариант {i}.\n", encoding="utf-8")


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        init_workspace(root, today=date.today())
        multiply_drafts(root / "drafts", n)
        ws = Workspace.open(root / "config.toml")
        tracemalloc.start()
        started = time.perf_counter()
        posts = import_drafts(ws.db, ws.store, ws.config, [root / "drafts"], actor="bench",
                              now=datetime.now(UTC))
        imported = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        started = time.perf_counter()
        with ws.db.read() as s:
            listed = len(s.exec(select(Post)).all())
        listing = time.perf_counter() - started
        ws.close()
    print(f"machine: {platform.processor() or platform.machine()}, Python {sys.version.split()[0]}")
    print(f"imported {len(posts)} drafts in {imported:.2f} s "
          f"({1000 * imported / len(posts):.1f} ms per draft), peak Python memory "
          f"{peak / 2**20:.1f} MiB")
    print(f"listed {listed} posts in {1000 * listing:.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 400)
