"""Named media files for the media rules' examples, made on first use.

A rule's must-flag and must-pass examples need real files: a blurred photo, a 70-second video,
an infographic with nine numbers. They are drawn here with Pillow and PyAV, deterministically,
into a cache folder under the system's temporary directory (keyed by this module's source, so a
change of a recipe makes new files), and probed the way `arna lint` probes a draft's media.
"""

from __future__ import annotations

import hashlib
import math
import os
import tempfile
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from linters.subject import MediaRef
from posts.errors import ArnaError
from posts.media_probe import probe_media
from posts.media_samples import make_photo, make_video, render_photo, write_stand_in_logo

MAX_BYTES = 200 * 1024 * 1024
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation")


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    names = ("DejaVuSans-Bold.ttf",) if bold else ("DejaVuSans.ttf", "LiberationSans-Regular.ttf")
    for folder in FONT_DIRS:
        for name in names:
            candidate = Path(folder) / name
            if candidate.exists():
                return ImageFont.truetype(str(candidate), size)
    return ImageFont.load_default(size)


# -- photos ----------------------------------------------------------------------------------------


def _photo(width: int, height: int, label: str = "Arna") -> Callable[[Path], None]:
    return lambda path: make_photo(path, width, height, seed=7, label=label) and None


def _blurred(path: Path) -> None:
    image = render_photo(1600, 1200, seed=3, label="").filter(ImageFilter.GaussianBlur(9))
    image.save(path, "JPEG", quality=90)


def _overexposed(path: Path) -> None:
    image = render_photo(1600, 1200, seed=5, label="Arna")
    pixels = np.asarray(image).astype(np.float32) * 2.2 + 60
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(path, "JPEG", quality=90)


def _edited(software: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        image = render_photo(1600, 1200, seed=11, label="Arna")
        exif = Image.Exif()
        exif[0x0131] = software  # Software
        image.save(path, "JPEG", quality=90, exif=exif.tobytes())

    return write


def _camera(path: Path) -> None:
    image = render_photo(1600, 1200, seed=13, label="Arna")
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Canon", "Canon EOS 80D"  # Make, Model
    exif[0x0131] = "Firmware Version 1.0.2"
    image.save(path, "JPEG", quality=90, exif=exif.tobytes())


def _with_logo(path: Path) -> None:
    from linters.media.logo_samples import paste_logo

    logo = Image.open(write_stand_in_logo(path.with_name("logo.png")))
    picture, _ = paste_logo(
        render_photo(1600, 1200, seed=31, label="Arna"),
        logo,
        width=280,
        angle=6.0,
        centre=(1250, 330),
    )
    picture.save(path, "JPEG", quality=88)


def _draw_face(picture: Image.Image, cx: float, cy: float, size: float) -> None:
    """A drawn frontal face that OpenCV's Haar cascade takes for one: skin, hair, brows, eyes
    with whites, a nose, a mouth and ears, softened a little."""
    layer = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    s = size
    d.ellipse(
        (cx - s * 0.40, cy - s * 0.52, cx + s * 0.40, cy + s * 0.56), fill=(214, 168, 138, 255)
    )
    d.chord(
        (cx - s * 0.44, cy - s * 0.66, cx + s * 0.44, cy + s * 0.05),
        180,
        360,
        fill=(35, 25, 20, 255),
    )
    for side in (-0.17, 0.17):
        ex = cx + side * s
        d.ellipse(
            (ex - s * 0.12, cy - s * 0.20, ex + s * 0.12, cy - s * 0.13), fill=(90, 60, 45, 255)
        )
        d.ellipse(
            (ex - s * 0.10, cy - s * 0.09, ex + s * 0.10, cy + s * 0.01), fill=(235, 230, 225, 255)
        )
        d.ellipse(
            (ex - s * 0.05, cy - s * 0.08, ex + s * 0.05, cy + s * 0.01), fill=(20, 15, 15, 255)
        )
    nose = [
        (cx - s * 0.03, cy - s * 0.02),
        (cx - s * 0.08, cy + s * 0.2),
        (cx + s * 0.08, cy + s * 0.2),
        (cx + s * 0.03, cy - s * 0.02),
    ]
    d.polygon(nose, fill=(185, 135, 110, 255))
    d.ellipse((cx - s * 0.16, cy + s * 0.28, cx + s * 0.16, cy + s * 0.36), fill=(140, 60, 60, 255))
    for side in (-0.38, 0.38):
        ex = cx + side * s
        d.ellipse(
            (ex - s * 0.06, cy - s * 0.08, ex + s * 0.06, cy + s * 0.14), fill=(200, 150, 120, 255)
        )
    picture.alpha_composite(layer.filter(ImageFilter.GaussianBlur(s * 0.025)))


def _meeting(path: Path) -> None:
    """A round table seen from the end of the room: two rows of small faces, a wall, a table."""
    picture = Image.new("RGBA", (2400, 1600), (176, 160, 140, 255))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, 2400, 420), fill=(196, 160, 118, 255))  # wood panels and lamps
    for x in range(200, 2400, 500):
        draw.rectangle((x, 150, x + 120, 180), fill=(255, 244, 210, 255))
    for row, (y, size) in enumerate(((760, 94), (1030, 104))):  # well under 8% of the height
        for i in range(6):
            _draw_face(picture, 300 + i * 330 + row * 80, y, size)
    draw.rectangle((0, 1180, 2400, 1600), fill=(110, 74, 50, 255))  # the table
    picture.convert("RGB").save(path, "JPEG", quality=88)


def _lineup(path: Path) -> None:
    """A posed line-up: five people in one row, facing the camera, filling the frame."""
    picture = Image.new("RGBA", (2400, 1400), (120, 132, 150, 255))
    for i in range(5):
        _draw_face(picture, 380 + i * 410, 620, 150)  # about a tenth of the height each
    picture.convert("RGB").save(path, "JPEG", quality=88)


def _png(width: int, height: int) -> Callable[[Path], None]:
    return lambda path: render_photo(width, height, seed=17, label="Arna").save(path, "PNG")


def _truncated_jpeg(path: Path) -> None:
    make_photo(path, 800, 600, seed=19, label="Arna")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _png_named_mp4(path: Path) -> None:
    render_photo(320, 240, seed=23, label="Arna").save(path, "PNG")


def _empty(path: Path) -> None:
    path.write_bytes(b"")


# -- infographics ----------------------------------------------------------------------------------


def _infographic(
    title: str, facts: list[tuple[str, str]], label_size: int
) -> Callable[[Path], None]:
    """A square infographic: a title band and one panel per fact (a big number over its label)."""

    def write(path: Path) -> None:
        side = 1080
        image = Image.new("RGB", (side, side), (246, 244, 236))
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, 0, side, 170), fill=(0, 84, 147))
        draw.text((60, 52), title, font=_font(64, bold=True), fill=(255, 255, 255))
        columns = 1 if len(facts) == 1 else 3
        rows = math.ceil(len(facts) / columns)
        cell_w, cell_h = (side - 80) // columns, (side - 230) // max(1, rows)
        number_size = 220 if len(facts) == 1 else 86
        for i, (number, label) in enumerate(facts):
            x = 40 + (i % columns) * cell_w
            y = 200 + (i // columns) * cell_h
            draw.rounded_rectangle(
                (x + 10, y + 10, x + cell_w - 10, y + cell_h - 10), 24, fill=(255, 255, 255)
            )
            draw.text(
                (x + 40, y + 40), number, font=_font(number_size, bold=True), fill=(200, 40, 40)
            )
            draw.text(
                (x + 40, y + 60 + number_size), label, font=_font(label_size), fill=(30, 30, 30)
            )
        image.save(path, "PNG")

    return write


ONE_MESSAGE = _infographic(
    "Кітап оқу — біздің әдет", [("87%", "оқушы күн сайын кітап оқиды")], label_size=54
)
MANY_FACTS = _infographic(
    "Итоги года",
    [
        ("120", "библиотек"),
        ("45%", "читателей"),
        ("3 200", "книг"),
        ("18", "фестивалей"),
        ("76%", "школ"),
        ("9 500", "участников"),
    ],
    label_size=40,
)
TINY_TEXT = _infographic(
    "Кітап оқу — біздің әдет", [("87%", "оқушы күн сайын кітап оқиды")], label_size=16
)


# -- videos ----------------------------------------------------------------------------------------


def _video(
    seconds: float, width: int, height: int, scenes: int | None = None
) -> Callable[[Path], None]:
    return lambda path: make_video(path, seconds, width, height, scenes=scenes) and None


def _youtube_ready(path: Path) -> None:
    """720p with a sound track and a constant 2 Mbit/s: what M422 wants on YouTube."""
    fps, seconds, rate = 25, 4, 44100
    width, height = 1280, 720
    rng = np.random.default_rng(29)
    with av.open(str(path), mode="w", format="mp4", options={"movflags": "+faststart"}) as out:
        video = out.add_stream("libx264", rate=fps)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.bit_rate = 2_000_000
        video.options = {
            "preset": "ultrafast",
            "x264-params": "nal-hrd=cbr",
            "minrate": "2M",
            "maxrate": "2M",
            "bufsize": "1M",
        }
        audio = out.add_stream("aac", rate=rate)
        audio.layout = "mono"
        for index in range(seconds * fps):
            noise = rng.integers(0, 255, (height // 8, width // 8, 3), dtype=np.uint8)
            picture = Image.fromarray(noise).resize((width, height), Image.Resampling.NEAREST)
            frame = av.VideoFrame.from_image(picture)
            frame.pts, frame.time_base = index, Fraction(1, fps)
            out.mux(video.encode(frame))
        out.mux(video.encode(None))
        step = 1024
        for start in range(0, seconds * rate, step):
            frame = av.AudioFrame(format="fltp", layout="mono", samples=step)
            frame.sample_rate, frame.pts = rate, start
            tone = 0.2 * np.sin(2 * np.pi * 440 * (start + np.arange(step)) / rate)
            frame.planes[0].update(tone.astype(np.float32).tobytes())
            out.mux(audio.encode(frame))
        out.mux(audio.encode(None))


RECIPES: dict[str, tuple[str, Callable[[Path], None]]] = {
    # name: (file name, how to make it)
    "photo-1080": ("photo.jpg", _photo(1620, 1080)),
    "photo-square": ("square.jpg", _photo(1200, 1200)),
    "photo-wide": ("panorama.jpg", _photo(2400, 900)),
    "photo-small": ("small.jpg", _photo(640, 480)),
    "photo-huge-sides": ("tall.jpg", _photo(400, 9800)),
    "photo-blurred": ("blurred.jpg", _blurred),
    "photo-overexposed": ("bright.jpg", _overexposed),
    "photo-photoshop": ("edited.jpg", _edited("Adobe Photoshop 25.1 (Windows)")),
    "photo-facetune": ("selfie.jpg", _edited("Facetune2")),
    "photo-camera": ("camera.jpg", _camera),
    "photo-png": ("photo.png", _png(1200, 1200)),
    "logo": ("logo.png", lambda path: write_stand_in_logo(path) and None),
    "photo-with-logo": ("with-logo.jpg", _with_logo),
    "photo-meeting": ("meeting.jpg", _meeting),
    "photo-lineup": ("lineup.jpg", _lineup),
    "truncated-jpeg": ("cut.jpg", _truncated_jpeg),
    "png-named-mp4": ("clip.mp4", _png_named_mp4),
    "empty-file": ("empty.jpg", _empty),
    "infographic-one": ("one.png", ONE_MESSAGE),
    "infographic-many": ("many.png", MANY_FACTS),
    "infographic-tiny-text": ("tiny.png", TINY_TEXT),
    "video-10s": ("clip.mp4", _video(10, 320, 180)),
    "video-2s": ("short.mp4", _video(2, 320, 180)),
    "video-70s": ("long.mp4", _video(70, 160, 90)),
    "video-vertical": ("reel.mp4", _video(8, 180, 320)),
    "video-one-shot": ("static.mp4", _video(24, 160, 90, scenes=1)),
    "video-lively": ("lively.mp4", _video(24, 160, 90, scenes=8)),
    "video-youtube-720p": ("youtube.mp4", _youtube_ready),
}


def _folder() -> Path:
    digest = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
    folder = Path(tempfile.gettempdir()) / f"arna-media-samples-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def sample_path(name: str) -> Path:
    """The file of the named sample, made if it is not there yet (atomically: a test run in
    parallel never reads half a file)."""
    file_name, make = RECIPES[name]
    target = _folder() / name / file_name
    if not target.exists():
        target.parent.mkdir(exist_ok=True)
        partial = target.with_name(f".{os.getpid()}.{file_name}")
        make(partial)
        partial.replace(target)
    return target


def media_ref(path: Path, *, alt: str | None = None, max_bytes: int = MAX_BYTES) -> MediaRef:
    """A MediaRef for a file, probed the way `arna lint` probes a draft's media; a file the probe
    refuses carries the reason (P305)."""
    try:
        info = probe_media(path, max_bytes=max_bytes)
    except ArnaError as exc:
        problem = (exc.render("kk"), exc.render("ru"), exc.render("en"))
        return MediaRef(path.name, path, None, None, None, None, alt=alt, problem=problem)
    return MediaRef(
        name=path.name,
        path=path,
        sha256=info.sha256,
        mime=info.mime,
        kind=str(info.kind),
        size=info.size,
        width=info.width,
        height=info.height,
        duration=info.duration,
        alt=alt,
    )


def sample(name: str) -> MediaRef:
    return media_ref(sample_path(name))
