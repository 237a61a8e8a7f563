"""Sample media made from nothing: demo photos and videos for `arna init`, and fixtures for tests.

Everything is drawn with Pillow and encoded with PyAV, deterministically from a seed, so that demo
workspaces and tests need no binary files in the repository. Nothing here imports pytest.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterator
from fractions import Fraction
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

RGB = tuple[int, int, int]

# (sky top, sky bottom, sun, far hills, near hills, accent): steppe and mountain light through the day
PALETTES: tuple[tuple[RGB, RGB, RGB, RGB, RGB, RGB], ...] = (
    ((0, 126, 167), (178, 235, 242), (254, 197, 12), (95, 140, 90), (46, 94, 52), (254, 197, 12)),
    ((43, 16, 85), (247, 121, 125), (255, 211, 122), (92, 46, 96), (44, 22, 56), (255, 170, 90)),
    (
        (53, 92, 125),
        (248, 177, 149),
        (255, 236, 179),
        (108, 91, 123),
        (53, 92, 125),
        (246, 114, 128),
    ),
    ((29, 67, 80), (224, 164, 88), (255, 240, 200), (164, 57, 49), (88, 40, 30), (240, 200, 80)),
    (
        (131, 164, 212),
        (240, 244, 255),
        (255, 255, 230),
        (182, 200, 226),
        (96, 120, 160),
        (0, 175, 202),
    ),
)

_FONT_CANDIDATES = (
    "DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arialbd.ttf",
)


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A font with Cyrillic (for Kazakh and Russian labels) where the system has one."""
    for candidate in _FONT_CANDIDATES:
        try:
            return ImageFont.truetype(candidate, size)
        except OSError:
            continue
    try:
        return ImageFont.load_default(size)
    except (TypeError, ImportError):  # Pillow without FreeType
        return ImageFont.load_default()


def _gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size, Image.Resampling.BILINEAR)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _ridge(
    rng: random.Random, width: int, height: int, base: float, amplitude: float
) -> list[tuple[float, float]]:
    """The outline of a range of hills across the picture, closed along the bottom edge."""
    steps = 14
    phase = rng.uniform(0, math.tau)
    points = [
        (
            width * i / steps,
            height * (base - amplitude * (0.6 * math.sin(phase + i * 0.9) + 0.4 * rng.random())),
        )
        for i in range(steps + 1)
    ]
    return [(0, height), *points, (width, height)]


def _draw_ornament(draw: ImageDraw.ImageDraw, width: int, y: int, unit: int, color: RGB) -> None:
    """A band of curls in the spirit of the «қошқар мүйіз» (ram's horn) ornament."""
    stroke = max(1, unit // 8)
    for x in range(-unit, width + unit, unit * 2):
        draw.arc((x, y, x + unit, y + unit), 180, 450, fill=color, width=stroke)
        draw.arc((x + unit, y, x + 2 * unit, y + unit), 90, 360, fill=color, width=stroke)


def _draw_label(image: Image.Image, text: str, scale: int) -> None:
    if not text:
        return
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    font = _font(max(8, scale))
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    pad = max(2, scale // 2)
    x, y = pad * 2, pad * 2
    box = (x, y, x + right - left + 2 * pad, y + bottom - top + 2 * pad)
    draw.rounded_rectangle(box, radius=pad, fill=(0, 0, 0, 140))
    draw.text((x + pad - left, y + pad - top), text, font=font, fill=(255, 255, 255, 255))
    image.alpha_composite(overlay)


def render_photo(width: int, height: int, *, seed: int, label: str) -> Image.Image:
    """An RGB landscape: sky gradient, a sun with a halo, three ranges of hills, an ornament band
    and a text label. The same seed gives the same picture."""
    if width < 1 or height < 1:
        raise ValueError("width and height must be positive")
    rng = random.Random(seed)
    sky_top, sky_bottom, sun, far, near, accent = PALETTES[rng.randrange(len(PALETTES))]
    image = _gradient((width, height), sky_top, sky_bottom).convert("RGBA")
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    short = min(width, height)
    cx, cy = width * rng.uniform(0.2, 0.8), height * rng.uniform(0.18, 0.4)
    radius = short * rng.uniform(0.07, 0.13)
    for ring in range(6, 0, -1):  # halo, fading outwards
        r = radius * (1 + ring * 0.25)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*sun, 18))
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=(*sun, 255))
    for base, amplitude, color in ((0.62, 0.16, far), (0.72, 0.1, near), (0.82, 0.06, near)):
        shade = tuple(int(c * (1.25 - base)) for c in color)
        draw.polygon(_ridge(rng, width, height, base, amplitude), fill=(*shade, 255))
    unit = max(4, short // 16)
    _draw_ornament(draw, width, height - unit - max(2, unit // 3), unit, accent)
    image.alpha_composite(overlay)
    _draw_label(image, label, max(8, short // 14))
    return image.convert("RGB")


def make_photo(
    path: Path, width: int, height: int, *, seed: int, label: str, quality: int = 90
) -> Path:
    """Write `render_photo(...)` to `path` as a JPEG and return the path."""
    path = Path(path)
    render_photo(width, height, seed=seed, label=label).save(path, "JPEG", quality=quality)
    return path


# --- video ---------------------------------------------------------------------------------------

# Scene backgrounds, ordered so that neighbours differ strongly in hue and brightness.
SCENE_COLORS: tuple[tuple[RGB, RGB], ...] = (
    ((10, 40, 110), (0, 150, 200)),
    ((250, 210, 40), (255, 250, 210)),
    ((10, 70, 30), (90, 170, 60)),
    ((250, 170, 200), (255, 240, 245)),
    ((60, 10, 70), (150, 50, 120)),
    ((240, 120, 20), (255, 200, 120)),
)
_DEFAULT_CODEC = {"mp4": "libx264", "mov": "libx264", "matroska": "libx264", "webm": "libvpx"}


def scene_cuts(seconds: float, *, fps: int = 10, scenes: int | None = None) -> tuple[int, ...]:
    """Frame indices where `make_video` cuts to a new scene: `scenes` scenes, or by default one
    per ~1.5 s, at most six."""
    frames = max(1, round(seconds * fps))
    if scenes is None:
        scenes = min(len(SCENE_COLORS), round(seconds / 1.5))
    scenes = max(1, min(scenes, frames))
    return tuple(round(i * frames / scenes) for i in range(1, scenes))


def render_video_frames(
    seconds: float, width: int, height: int, *, fps: int = 10, scenes: int | None = None
) -> Iterator[Image.Image]:
    """The frames of `make_video`: scenes separated by hard cuts, each with a ball crossing it and
    a bar filling up, so there is motion inside a scene and a jump at every cut. A generator: one
    frame in memory at a time."""
    frames = max(1, round(seconds * fps))
    starts = (0, *scene_cuts(seconds, fps=fps, scenes=scenes), frames)
    for scene, (start, stop) in enumerate(itertools.pairwise(starts)):
        top, bottom = SCENE_COLORS[scene % len(SCENE_COLORS)]
        base = _gradient((width, height), top, bottom).convert("RGBA")
        _draw_label(base, f"Arna · {scene + 1}", max(8, min(width, height) // 10))
        base = base.convert("RGB")
        ball = (255 - top[0], 255 - top[1], 255 - top[2])
        radius = max(2, min(width, height) // 8)
        for i in range(start, stop):
            t = (i - start + 0.5) / (stop - start)
            frame = base.copy()
            draw = ImageDraw.Draw(frame)
            x = radius + t * (width - 2 * radius)
            y = height * (0.55 + 0.25 * math.sin(t * math.pi * 2 + scene))
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=ball)
            bar = max(1, height // 30)
            draw.rectangle((0, height - bar, int(width * t), height), fill=ball)
            yield frame


def make_video(
    path: Path,
    seconds: float,
    width: int,
    height: int,
    *,
    fps: int = 10,
    container: str = "mp4",
    codec: str | None = None,
    rotation: int = 0,
    muxer_options: dict[str, str] | None = None,
    scenes: int | None = None,
    crf: int = 26,
) -> tuple[float, ...]:
    """Write a short video with several scenes and visible motion; return the cut times in seconds.

    `container` is a PyAV muxer name ("mp4", "mov", "webm", "matroska"); `codec` defaults to H.264
    (VP8 for WebM), or MPEG-4 Part 2 when the FFmpeg build lacks libx264. `rotation` (degrees,
    counter-clockwise) is stored as the display matrix, the way phones store portrait video.
    MP4 and MOV get their index (`moov`) first, as the web expects; `muxer_options` are passed to
    the FFmpeg muxer on top of that (e.g. `{"live": "1"}` for a WebM without a stored duration).
    """
    if width < 2 or height < 2 or width % 2 or height % 2:
        raise ValueError("width and height must be even (4:2:0 video) and at least 2")
    if seconds <= 0 or fps <= 0:
        raise ValueError("seconds and fps must be positive")
    import av  # PyAV weighs 15 MB: loaded when a video is written, not by every command

    codec = codec or _DEFAULT_CODEC.get(container, "libx264")
    if codec not in av.codecs_available:
        codec = "mpeg4"
    options = {"movflags": "+faststart"} if container in ("mp4", "mov") else {}
    options.update(muxer_options or {})
    time_base = Fraction(1, fps)
    with av.open(str(path), mode="w", format=container, options=options) as out:
        stream = out.add_stream(codec, rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        if codec == "libx264":
            stream.options = {"preset": "veryfast", "crf": str(crf)}
        if rotation:
            stream.set_display_rotation(rotation)
        frames = render_video_frames(seconds, width, height, fps=fps, scenes=scenes)
        for index, image in enumerate(frames):
            frame = av.VideoFrame.from_image(image)
            frame.pts, frame.time_base = index, time_base
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return tuple(cut / fps for cut in scene_cuts(seconds, fps=fps, scenes=scenes))


# --- logo ----------------------------------------------------------------------------------------


def write_stand_in_logo(path: Path, size: int = 256) -> Path:
    """A stand-in for the programme's logo, whose real file is not in the repository.

    A sun over a stylised open book, in the programme's blue and gold: distinctive enough for
    feature matching to find it again in a photo.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    blue, gold = (0, 114, 188, 255), (255, 196, 0, 255)
    draw.ellipse((8, 8, size - 8, size - 8), fill=blue)
    draw.ellipse((size * 0.34, size * 0.16, size * 0.66, size * 0.48), fill=gold)
    for i in range(12):
        x = size * (0.2 + 0.6 * i / 11)
        draw.line((size / 2, size * 0.32, x, size * 0.08), fill=gold, width=max(2, size // 64))
    draw.polygon(
        [
            (size * 0.18, size * 0.58),
            (size * 0.5, size * 0.68),
            (size * 0.5, size * 0.86),
            (size * 0.18, size * 0.76),
        ],
        fill=(255, 255, 255, 255),
    )
    draw.polygon(
        [
            (size * 0.82, size * 0.58),
            (size * 0.5, size * 0.68),
            (size * 0.5, size * 0.86),
            (size * 0.82, size * 0.76),
        ],
        fill=(230, 240, 250, 255),
    )
    draw.line((size * 0.5, size * 0.68, size * 0.5, size * 0.86), fill=blue, width=3)
    image.save(path, "PNG")
    return path
