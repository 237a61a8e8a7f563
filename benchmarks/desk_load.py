"""The desk under load: the week page with 500 posts, the live lint of one post, and 50 users at
once on loopback.

Run: `.venv/bin/python benchmarks/desk_load.py [--posts 500] [--users 50] [--seconds 20]`.
Prints a Markdown section for BENCHMARKS.md.

- Server time: measured in-process around the app (Starlette's test client, no network), so it is
  what the server spends; median and p95 of 50 requests (the first ones warm the linter).
- Concurrency: uvicorn on 127.0.0.1, `--users` threads each signed in with its own session,
  requesting the review page, a post page and a live lint in turn for `--seconds`.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
from starlette.testclient import TestClient

from arna.desk.app import create_app
from arna.workspace import Workspace, init_workspace
from posts import lifecycle
from posts.models import Story
from posts.users import Role, add_user
from tests.desk_server import served

PASSWORD = "кітап-фест-2026"
TEXTS = (
    "Қандай кітапты соңғы рет оқыдыңыз? Кешке кітапханада кездесейік! #руханижаңғыру",
    "Как появилось название вашего села? Расскажите в комментариях. #руханижаңғыру",
)


def setup(folder: Path, posts: int) -> tuple[Workspace, str]:
    init_workspace(folder, today=date.today(), editors=("bolat",))
    ws = Workspace.open(folder / "config.toml")
    now = datetime.now(UTC)
    monday = (now + timedelta(days=7 - now.weekday())).replace(hour=4, minute=0, second=0)
    channels = [c.id for c in ws.config.channels if c.network != "outbox"]
    networks = {c.id: str(c.network) for c in ws.config.channels}
    with ws.db.write() as s:
        add_user(s, login="bolat", name="Болат", office="turkistan", role=Role.EDITOR,
                 password=PASSWORD, lang="ru")  # fmt: skip
        story = Story(office="turkistan", key="load", created_by="aigerim")
        s.add(story)
        s.flush()
        for i in range(posts):
            channel = channels[i % len(channels)]
            post = lifecycle.create_post(
                s, story=story, network=networks[channel], channel=channel, kind="text",
                text=TEXTS[i % 2] + f" №{i}", author="aigerim",
                scheduled_at=monday + timedelta(minutes=19 * i),
            )  # fmt: skip
            lifecycle.apply(s, post, lifecycle.Action.SUBMIT, "aigerim")
    year, week, _ = monday.isocalendar()
    return ws, f"{year}-W{week:02d}"


def sign_in(client: httpx.Client | TestClient, base: str = "") -> str:
    import re

    page = client.get(f"{base}/signin")
    token = re.search(r'name="csrf" value="([^"]*)"', page.text).group(1)  # type: ignore[union-attr]
    client.post(f"{base}/signin", data={"login": "bolat", "password": PASSWORD, "csrf": token})
    review = client.get(f"{base}/review")
    return re.search(r'name="csrf" value="([^"]*)"', review.text).group(1)  # type: ignore[union-attr]


def timed(call, runs: int = 50) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        answer = call()
        times.append(time.perf_counter() - start)
        assert answer.status_code == 200, answer.status_code
    times.sort()
    return statistics.median(times) * 1e3, times[int(len(times) * 0.95) - 1] * 1e3


def concurrent(ws: Workspace, users: int, seconds: float) -> tuple[int, float, float, int]:
    with served(ws) as base:
        latencies: list[float] = []
        failures = [0]
        lock = threading.Lock()
        stop_at = time.monotonic() + seconds

        def user(n: int) -> None:
            with httpx.Client(timeout=30) as client:
                token = sign_in(client, base)
                calls = (
                    lambda: client.get(f"{base}/review"),
                    lambda: client.get(f"{base}/posts/{n % 400 + 1}"),
                    lambda: client.post(f"{base}/lint", json={"post": n % 400 + 1, "text": TEXTS[n % 2]},
                                        headers={"x-csrf-token": token}),
                )  # fmt: skip
                i = 0
                while time.monotonic() < stop_at:
                    start = time.perf_counter()
                    answer = calls[i % 3]()
                    took = time.perf_counter() - start
                    with lock:
                        latencies.append(took)
                        failures[0] += answer.status_code != 200
                    i += 1

        threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1] * 1e3
    return len(latencies), len(latencies) / elapsed, p95, failures[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        ws, week = setup(Path(folder) / "ws", args.posts)
        client = TestClient(create_app(ws))
        token = sign_in(client)
        client.get(f"/week?w={week}")  # builds the linter once
        week_ms = timed(lambda: client.get(f"/week?w={week}"))
        lint_ms = timed(lambda: client.post("/lint", json={"post": 1, "text": TEXTS[0]},
                                            headers={"x-csrf-token": token}))  # fmt: skip
        review_ms = timed(lambda: client.get("/review"))
        count, rate, p95, failed = concurrent(ws, args.users, args.seconds)
        ws.close()
    print("\n".join([
        f"### The desk (`benchmarks/desk_load.py`), {date.today()}",
        "",
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, SQLite, "
        f"{args.posts} posts in the week. Server time in-process (median / p95 of 50).",
        "",
        "| what | median | p95 | target |",
        "|---|---|---|---|",
        f"| the week page, {args.posts} posts | {week_ms[0]:.0f} ms | {week_ms[1]:.0f} ms | p95 < 150 ms |",
        f"| the live lint of one post | {lint_ms[0]:.0f} ms | {lint_ms[1]:.0f} ms | p95 < 100 ms |",
        f"| the review queue, {args.posts} posts | {review_ms[0]:.0f} ms | {review_ms[1]:.0f} ms | |",
        "",
        f"{args.users} users at once on loopback (uvicorn, one process), review page, post page and "
        f"live lint in turn, {args.seconds:.0f} s: {count} requests, **{rate:.0f} requests/s**, "
        f"p95 **{p95:.0f} ms**, {failed} failed.",
        "",
    ]))  # fmt: skip


if __name__ == "__main__":
    main()
