"""Evaluate linters/media/video.py on generated videos whose shots are known.

    python benchmarks/video_eval.py            # generate (cached), evaluate, write the report
    python benchmarks/video_eval.py --split train --out video-train.md   # the tuning part
    python benchmarks/video_eval.py --dense-cpu 0 --out video-sparse.md  # keyframe mode only

Generating the set took 25 minutes of wall time on a busy two-core machine (load average 8-9;
the two 60 s 1080p videos took 12 of them); it is done once and cached.

The set (64 videos, seeded, H.264 in MP4, cached under benchmarks/results/video-set/) mixes
640×360 to 1920×1080, vertical 1080×1920, 24/25/30 fps, 5 to 90 s, with and without an AAC track,
x264 "veryfast" (B frames, I frames at scene cuts) and "ultrafast" (no B frames, no scene-cut
keyframes); the 60 s 1080p "phone" video has CABAC and deblocking but no B frames and a keyframe
every second, like a phone's hardware encoder, which is the slowest kind to analyse. Each shot is a procedurally drawn landscape
seen through a moving camera. Boundaries are hard cuts (sometimes between two scenes of the same
palette), dissolves, and fades through black. Inside shots are the hard negatives: slow and fast
pans, zooms, objects crossing the frame (some large), flashes of one to three frames, sensor noise.

Ground truth: a hard cut is the time of the first frame of the new shot, and a detection within
±0.25 s of it matches. A gradual transition counts once: one detection anywhere in its span ±0.25 s
matches it, a second one is a false positive. M421's truth is duration / (boundaries + 1) > 8 s.

A third of the videos (sha256 of the id, mod 3 == 0) are held out; the module's thresholds were
set on the others. Timing is per video for probe + detect_cuts + sample_frames at three cut times,
with the process pinned to one core. Results go to benchmarks/results/video.md and stdout.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linters.media.video import (  # noqa: E402
    UnreadableVideo,
    detect_cuts,
    probe_video,
    sample_frames,
)

RESULTS = ROOT / "benchmarks" / "results"
SET_DIR = RESULTS / "video-set"
GENERATOR_VERSION = 3
TOLERANCE = 0.25
PHONE = "bframes=0:scenecut=0:keyint=30:min-keyint=30"


# --- the set ----------------------------------------------------------------------------------


@dataclass
class Spec:
    id: str
    width: int
    height: int
    fps: int
    seconds: float
    audio: bool
    preset: str  # x264 preset
    noise: float  # sensor noise amplitude (grey levels)
    boundaries: list[dict] = field(default_factory=list)  # {"kind", "frame", "frames"}
    shots: list[dict] = field(default_factory=list)  # per-shot motion and effects

    @property
    def held_out(self) -> bool:
        return int(hashlib.sha256(self.id.encode()).hexdigest(), 16) % 3 == 0


def _specs(count: int = 64, seed: int = 2026) -> list[Spec]:
    rng = np.random.default_rng(seed)
    specs = []
    # (size, share, longest duration): small videos carry the long durations, big ones stay short
    # so that generating the set takes minutes, not an hour
    sizes = (
        ((426, 240), 0.3, 90.0),
        ((640, 360), 0.35, 60.0),
        ((854, 480), 0.15, 30.0),
        ((1280, 720), 0.12, 20.0),
        ((1920, 1080), 0.05, 10.0),
        ((1080, 1920), 0.03, 10.0),
    )
    for i in range(count):
        vid = f"v{i:03d}"
        if i == 0:  # the timing reference: 60 s of clean 1080p30 with B frames
            w, h, fps, secs, preset, noise = 1920, 1080, 30, 60.0, "veryfast", 0.0
        elif i == 1:  # …and its hard twin, like a phone's encoder: noise, no B frames, 1 s GOPs
            w, h, fps, secs, preset, noise = 1920, 1080, 30, 60.0, "phone", 3.0
        else:
            k = int(rng.choice(len(sizes), p=[x[1] for x in sizes]))
            (w, h), _, longest = sizes[k]
            fps = int(rng.choice([24, 25, 30]))
            secs = float(np.round(5 + (longest - 5) * rng.random() ** 1.5, 1))
            preset = str(rng.choice(["veryfast", "ultrafast", "ultrafast"]))
            noise = float(rng.choice([0.0, 0.0, 2.0, 4.0]))
        spec = Spec(vid, w, h, fps, secs, bool(rng.random() < 0.6), preset, noise)
        mean_shot = float(rng.choice([1.5, 2.5, 4.0, 6.0, 10.0, 14.0, 25.0]))
        _plan(spec, mean_shot, rng)
        specs.append(spec)
    return specs


def _plan(spec: Spec, mean_shot: float, rng: np.random.Generator) -> None:
    """Shot lengths around `mean_shot`, boundary kinds, and what happens inside each shot."""
    total = round(spec.seconds * spec.fps)
    frame = 0
    starts = [0]
    while True:
        length = max(1.0, rng.uniform(0.5, 1.5) * mean_shot)
        frame += round(length * spec.fps)
        if frame >= total - spec.fps:  # the last shot lasts at least a second
            break
        starts.append(frame)
    for b in starts[1:]:
        kind = str(rng.choice(["cut"] * 7 + ["dissolve"] * 2 + ["fade"]))
        frames = 0 if kind == "cut" else round(rng.uniform(0.5, 1.5) * spec.fps)
        if kind != "cut":
            frames = min(frames, (b - starts[starts.index(b) - 1]) // 2, 2 * spec.fps)
            if frames < 4:
                kind, frames = "cut", 0
        spec.boundaries.append({"kind": kind, "frame": b, "frames": frames})
    for k in range(len(starts)):
        same_palette = k > 0 and rng.random() < 0.2
        motion = str(rng.choice(["static", "pan", "pan", "fastpan", "zoom"]))
        spec.shots.append(
            {
                "scene_seed": int(rng.integers(2**31)),
                "palette_of": (k - 1) if same_palette else k,
                "motion": motion,
                "direction": float(rng.uniform(0, 2 * math.pi)),
                "objects": int(rng.choice([0, 1, 2, 3])),
                "big_object": bool(rng.random() < 0.15),
                "flash": bool(rng.random() < 0.25),
            }
        )


def _palette(seed: int) -> list[tuple[int, int, int]]:
    rng = np.random.default_rng(seed)
    hue = rng.uniform(0, 180)
    cols = []
    for dh, s, v in ((0, 120, 230), (10, 60, 250), (70, 150, 150), (80, 170, 90), (95, 200, 220)):
        hsv = np.uint8([[[int(hue + dh + rng.uniform(-8, 8)) % 180, s, v]]])
        cols.append(tuple(int(c) for c in cv2.cvtColor(hsv, cv2.COLOR_HSV2BGR)[0, 0]))
    return cols


def _scene(width: int, height: int, seed: int, palette_seed: int) -> np.ndarray:
    """A landscape canvas 1.6× the frame: sky gradient, sun, ridges, blobs, texture."""
    rng = np.random.default_rng(seed)
    sky_top, sky_bottom, far, near, accent = _palette(palette_seed)
    cw, ch = int(width * 1.6) // 2 * 2, int(height * 1.6) // 2 * 2
    t = np.linspace(0, 1, ch, dtype=np.float32)[:, None, None]
    img = (np.array(sky_top, np.float32) * (1 - t) + np.array(sky_bottom, np.float32) * t).repeat(
        cw, axis=1
    )
    img = img.astype(np.uint8)
    s = min(cw, ch)
    cv2.circle(
        img,
        (int(rng.uniform(0.1, 0.9) * cw), int(rng.uniform(0.1, 0.35) * ch)),
        int(s * rng.uniform(0.05, 0.12)),
        accent,
        -1,
        cv2.LINE_AA,
    )
    xs = np.arange(cw)
    for color, base, amp in ((far, 0.5, 0.12), (near, 0.7, 0.1)):
        phase = rng.uniform(0, 6.3, 3)
        freq = rng.uniform(1, 5, 3) * 2 * math.pi / cw
        y = ch * base + ch * amp * sum(np.sin(xs * f + p) for f, p in zip(freq, phase, strict=True))
        pts = np.stack([xs, np.clip(y, 0, ch - 1)], axis=1).astype(np.int32)
        poly = np.vstack([pts, [[cw - 1, ch - 1], [0, ch - 1]]])
        cv2.fillPoly(img, [poly], color, cv2.LINE_AA)
    for _ in range(int(rng.integers(8, 20))):
        c = tuple(int(v) for v in rng.integers(0, 256, 3))
        center = (int(rng.uniform(0, cw)), int(rng.uniform(ch * 0.4, ch)))
        axes = (int(s * rng.uniform(0.01, 0.08)), int(s * rng.uniform(0.01, 0.05)))
        cv2.ellipse(img, center, axes, float(rng.uniform(0, 180)), 0, 360, c, -1, cv2.LINE_AA)
    small = rng.integers(-25, 26, (ch // 16 + 1, cw // 16 + 1, 1)).astype(np.float32)
    texture = cv2.resize(small, (cw, ch), interpolation=cv2.INTER_CUBIC)[..., None]
    return np.clip(img.astype(np.float32) + texture, 0, 255).astype(np.uint8)


class _Shot:
    def __init__(self, spec: Spec, k: int, first: int, last: int) -> None:
        info = spec.shots[k]
        pal = spec.shots[info["palette_of"]]["scene_seed"]
        self.canvas = _scene(spec.width, spec.height, info["scene_seed"], pal)
        self.info, self.first, self.last = info, first, last
        self.w, self.h = spec.width, spec.height
        rng = np.random.default_rng(info["scene_seed"] + 1)
        self.objects = [
            (
                tuple(int(v) for v in rng.integers(0, 256, 3)),
                rng.uniform(0, 1, 2),
                rng.uniform(-0.4, 0.4, 2),
                rng.uniform(0.03, 0.08),
            )
            for _ in range(info["objects"])
        ]
        if info["big_object"]:
            self.objects.append(((40, 40, 40), np.array([-0.5, 0.5]), np.array([0.8, 0.0]), 0.35))
        n = max(1, last - first)
        self.flash_at = first + int(rng.integers(n // 4, max(n // 4 + 1, 3 * n // 4)))
        self.flash_len = int(rng.integers(1, 4))

    def render(self, index: int, fps: int) -> np.ndarray:
        t = (index - self.first) / fps
        ch, cw = self.canvas.shape[:2]
        motion, a = self.info["motion"], self.info["direction"]
        speed = {"pan": 0.06, "fastpan": 0.25}.get(motion, 0.0)
        zoom = 1.0 + (0.03 * t if motion == "zoom" else 0.0)
        room_x, room_y = (cw - self.w) / 2, (ch - self.h) / 2
        dx = math.cos(a) * speed * self.w * t
        dy = math.sin(a) * speed * self.h * t * 0.3
        # bounce inside the canvas so a long pan never runs out of picture
        ox = room_x * math.sin(dx / max(room_x, 1)) if room_x else 0.0
        oy = room_y * math.sin(dy / max(room_y, 1)) if room_y else 0.0
        m = np.float32(
            [
                [zoom, 0, cw / 2 + ox - zoom * self.w / 2],
                [0, zoom, ch / 2 + oy - zoom * self.h / 2],
            ]
        )
        frame = cv2.warpAffine(
            self.canvas, m, (self.w, self.h), flags=cv2.WARP_INVERSE_MAP | cv2.INTER_LINEAR
        )
        s = min(self.w, self.h)
        for color, p0, v, r in self.objects:
            x = (p0[0] + v[0] * t) % 1.6 - 0.3
            y = (p0[1] + v[1] * t) % 1.6 - 0.3
            cv2.circle(frame, (int(x * self.w), int(y * self.h)), int(r * s), color, -1)
        if self.info["flash"] and self.flash_at <= index < self.flash_at + self.flash_len:
            frame = cv2.addWeighted(frame, 0.2, np.full_like(frame, 255), 0.8, 0)
        return frame


def _frames(spec: Spec):
    total = round(spec.seconds * spec.fps)
    starts = [0] + [b["frame"] for b in spec.boundaries] + [total]
    shots: dict[int, _Shot] = {}
    bank = [
        np.random.default_rng(j)
        .normal(0, spec.noise, (spec.height, spec.width, 1))
        .astype(np.int16)
        for j in range(5 if spec.noise else 0)
    ]

    def shot(k: int) -> _Shot:
        if k not in shots:
            for old in [j for j in shots if j < k - 1]:
                del shots[old]
            shots[k] = _Shot(spec, k, starts[k], starts[k + 1])
        return shots[k]

    k = 0
    for i in range(total):
        while i >= starts[k + 1]:
            k += 1
        frame = shot(k).render(i, spec.fps)
        # a gradual boundary is centred on its frame; blend with the neighbouring shot
        for j, b in enumerate(spec.boundaries):
            n = b["frames"]
            if not n or not (b["frame"] - n // 2 <= i < b["frame"] + (n - n // 2)):
                continue
            p = (i - (b["frame"] - n // 2) + 0.5) / n  # 0 → old shot, 1 → new shot
            old = shot(j).render(i, spec.fps) if k == j + 1 else frame
            new = frame if k == j + 1 else shot(j + 1).render(i, spec.fps)
            if b["kind"] == "dissolve":
                frame = cv2.addWeighted(old, 1 - p, new, p, 0)
            else:  # fade through black
                frame = (old * max(0.0, 1 - 2 * p)) if p < 0.5 else (new * (2 * p - 1))
                frame = frame.astype(np.uint8)
        if bank:
            frame = np.clip(frame + bank[i % len(bank)], 0, 255).astype(np.uint8)
        yield frame


def generate(spec: Spec, path: Path) -> None:
    tmp = path.with_suffix(".part")
    with av.open(str(tmp), mode="w", format="mp4", options={"movflags": "+faststart"}) as out:
        vs = out.add_stream("libx264", rate=spec.fps)
        vs.width, vs.height, vs.pix_fmt = spec.width, spec.height, "yuv420p"
        if spec.preset == "phone":  # CABAC, deblocking, every frame a reference, no scene cuts
            vs.options = {"preset": "veryfast", "crf": "20", "x264-params": PHONE}
        else:
            vs.options = {"preset": spec.preset, "crf": "23"}
        vs.thread_count = 0
        tb = Fraction(1, spec.fps)
        audio = None
        if spec.audio:
            audio = out.add_stream("aac", rate=44100)
            audio.layout = "mono"
        for i, bgr in enumerate(_frames(spec)):
            yuv = cv2.cvtColor(bgr, cv2.COLOR_BGR2YUV_I420)
            frame = av.VideoFrame.from_ndarray(yuv, format="yuv420p")
            frame.pts, frame.time_base = i, tb
            out.mux(vs.encode(frame))
        out.mux(vs.encode(None))
        if audio is not None:
            rng = np.random.default_rng(7)
            n = 1024
            for start in range(0, int(spec.seconds * 44100), n):
                samples = (0.1 * rng.standard_normal(n)).astype(np.float32)[None, :]
                af = av.AudioFrame.from_ndarray(samples, format="fltp", layout="mono")
                af.sample_rate, af.pts = 44100, start
                out.mux(audio.encode(af))
            out.mux(audio.encode(None))
    tmp.rename(path)


def truth_cut_times(spec: Spec) -> list[tuple[float, float, float, str]]:
    """(time, span start, span end, kind) per boundary; a hard cut's span is just its time."""
    out = []
    for b in spec.boundaries:
        t = b["frame"] / spec.fps
        if b["kind"] == "cut":
            out.append((t, t, t, "cut"))
        else:
            n = b["frames"]
            out.append(
                (
                    t,
                    (b["frame"] - n // 2) / spec.fps,
                    (b["frame"] + n - n // 2) / spec.fps,
                    b["kind"],
                )
            )
    return out


# --- evaluation -----------------------------------------------------------------------------


def match(
    truth: list[tuple[float, float, float, str]], found: list[float]
) -> tuple[int, int, int, dict]:
    """Greedy one-to-one matching; returns (tp, fp, fn) and per-kind hits."""
    used = [False] * len(found)
    tp = fn = 0
    kinds: dict[str, list[int]] = {}
    for t, lo, hi, kind in truth:
        best = None
        for j, f in enumerate(found):
            if used[j] or not (lo - TOLERANCE <= f <= hi + TOLERANCE):
                continue
            if best is None or abs(f - t) < abs(found[best] - t):
                best = j
        hit = best is not None
        if hit:
            used[best] = True
            tp += 1
        else:
            fn += 1
        kinds.setdefault(kind, [0, 0])
        kinds[kind][0] += hit
        kinds[kind][1] += 1
    return tp, used.count(False), fn, kinds


def pct(a: float, b: float) -> str:
    return f"{100 * a / b:.1f}%" if b else "n/a"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["held-out", "train", "all"], default="held-out")
    ap.add_argument("--count", type=int, default=64)
    ap.add_argument("--no-pin", action="store_true", help="do not pin the analysis to one core")
    ap.add_argument(
        "--dense-cpu",
        type=float,
        default=None,
        help="detect_cuts(dense_cpu=…); 0 analyses every video from keyframes and packet sizes",
    )
    ap.add_argument("--out", default="video.md", help="report file under benchmarks/results/")
    args = ap.parse_args()

    SET_DIR.mkdir(parents=True, exist_ok=True)
    specs = _specs(args.count)
    t0 = time.perf_counter()
    made = 0
    for spec in specs:
        path = SET_DIR / f"{spec.id}.mp4"
        meta = SET_DIR / f"{spec.id}.json"
        payload = json.dumps({"version": GENERATOR_VERSION, **asdict(spec)}, sort_keys=True)
        if path.exists() and meta.exists() and meta.read_text() == payload:
            continue
        generate(spec, path)
        meta.write_text(payload)
        made += 1
    gen_seconds = time.perf_counter() - t0
    if made:
        print(f"generated {made} videos in {gen_seconds:.0f} s", file=sys.stderr)

    chosen = [s for s in specs if args.split == "all" or (s.held_out == (args.split == "held-out"))]
    if not args.no_pin and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    tp = fp = fn = 0
    kinds: dict[str, list[int]] = {}
    m421_right = 0
    m421_rows = []
    probe_ok = {"duration": 0, "size": 0, "audio": 0}
    times: dict[str, float] = {}  # CPU seconds (one core) per video
    walls: dict[str, float] = {}
    sparse: list[str] = []
    misses = []
    timing_only = [s for s in specs if s.id in ("v000", "v001") and s not in chosen]
    for spec in chosen + timing_only:
        path = SET_DIR / f"{spec.id}.mp4"
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            facts = probe_video(path)
            report = (
                detect_cuts(path)
                if args.dense_cpu is None
                else detect_cuts(path, dense_cpu=args.dense_cpu)
            )
            sample_frames(path, list(report.cuts[:3]) or [0.0], max_side=1280, tolerance=0.5)
        except UnreadableVideo as e:
            print(f"{spec.id}: unreadable: {e.reason}", file=sys.stderr)
            continue
        cpu_used, wall_used = time.process_time() - cpu, time.perf_counter() - wall
        if spec in timing_only:
            times[spec.id + "*"] = cpu_used
            walls[spec.id + "*"] = wall_used
            continue
        times[spec.id], walls[spec.id] = cpu_used, wall_used
        if report.sparse_from is not None:
            sparse.append(spec.id)
        probe_ok["duration"] += abs(facts.duration - spec.seconds) <= 0.1
        probe_ok["size"] += (facts.width, facts.height) == (spec.width, spec.height)
        probe_ok["audio"] += facts.has_audio == spec.audio
        truth = truth_cut_times(spec)
        a, b, c, k = match(truth, list(report.cuts))
        tp, fp, fn = tp + a, fp + b, fn + c
        for kind, (hit, n) in k.items():
            kinds.setdefault(kind, [0, 0])
            kinds[kind][0] += hit
            kinds[kind][1] += n
        if b or c:
            misses.append(
                f"{spec.id}: fp={b} fn={c} found={list(report.cuts)} truth={[round(x[0], 2) for x in truth]}"
            )
        true_mean = spec.seconds / (len(truth) + 1)
        decided = report.mean_shot_seconds > 8.0
        m421_right += decided == (true_mean > 8.0)
        m421_rows.append(
            (spec.id, true_mean, report.mean_shot_seconds, decided == (true_mean > 8.0))
        )

    timed = {k: v for k, v in times.items() if not k.endswith("*")}
    n = len(timed)
    ordered = sorted(timed.values())
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)] if ordered else 0.0
    lines = [
        f"# Video analysis: {args.split} part ({n} of {len(specs)} videos)"
        + ("" if args.dense_cpu is None else f", dense_cpu={args.dense_cpu}"),
        "",
        f"Machine: {platform.machine()} {platform.processor() or ''} · Python {platform.python_version()} · "
        f"PyAV {av.__version__} · {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} · "
        f"analysis pinned to one core: {not args.no_pin}",
        "",
        "| measure | value |",
        "|---|---|",
        f"| boundaries in truth | {tp + fn} ({', '.join(f'{k}: {v[1]}' for k, v in sorted(kinds.items()))}) |",
        f"| cut precision | {pct(tp, tp + fp)} ({tp} of {tp + fp} detections) |",
        f"| cut recall | {pct(tp, tp + fn)} ({tp} of {tp + fn}) |",
        *(
            f"| recall, {k} | {pct(v[0], v[1])} ({v[0]} of {v[1]}) |"
            for k, v in sorted(kinds.items())
        ),
        f"| M421 decision accuracy (mean shot > 8 s) | {pct(m421_right, n)} ({m421_right} of {n}) |",
        f"| probe: duration within 0.1 s | {pct(probe_ok['duration'], n)} |",
        f"| probe: resolution | {pct(probe_ok['size'], n)} |",
        f"| probe: has_audio | {pct(probe_ok['audio'], n)} |",
        f"| CPU time per video, median | {statistics.median(ordered):.2f} s |" if ordered else "",
        f"| CPU time per video, p95 | {p95:.2f} s |",
        f"| videos analysed sparsely (keyframes, over the CPU cap) | {len(sparse)} {sparse} |",
    ]
    for vid, label in (
        ("v000", "60 s 1080p30, clean, B frames"),
        ("v001", "60 s 1080p30, phone-like: noise, no B frames, 1 s GOP"),
    ):
        for key in (vid, vid + "*"):
            if key in times:
                lines.append(
                    f"| CPU time, {key} ({label}) | {times[key]:.2f} s (wall {walls[key]:.2f} s) |"
                )
    lines += [
        "",
        "Time = probe_video + detect_cuts + sample_frames(3 cut times, tolerance 0.5 s), as CPU",
        "time of the process pinned to one core (wall time depends on what else the machine runs;",
        f"load average at the end: {os.getloadavg()[0]:.1f}). * = in the other split, timed only.",
        "",
    ]
    wrong = [r for r in m421_rows if not r[3]]
    if wrong:
        lines.append(
            "M421 wrong: "
            + "; ".join(f"{v} true {t:.1f} s, found {f:.1f} s" for v, t, f, _ in wrong)
        )
        lines.append("")
    if misses:
        lines += ["Videos with errors:", "", *(f"- {m}" for m in misses), ""]
    text = "\n".join(lines)
    print(text)
    (RESULTS / args.out).write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
