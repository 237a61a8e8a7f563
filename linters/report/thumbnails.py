"""Pictures for the HTML report: a flagged image as a thumbnail with the evidence's boxes drawn on
it (faces, logo, OCR facts, the finding's region), and a strip of frames at a video's cut times.
Each is a JPEG data URI, so the report stays one self-contained file. Anything that cannot be
drawn is left out: a report never fails for a picture.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from PIL import Image, ImageDraw

from linters.findings import Finding
from linters.media.images import UnreadableMedia, decode_image

THUMB_SIDE = 360
FRAME_SIDE = 160
MAX_FRAMES = 6
Box = tuple[int, int, int, int]


def boxes_of(findings: Iterable[Finding]) -> list[Box]:
    """Every box a finding names: its region, and any `box` or `region` in its evidence."""
    out: list[Box] = []
    for f in findings:
        if f.region is not None:
            out.append(tuple(f.region))  # type: ignore[arg-type]
        out += _evidence_boxes(f.evidence)
    return list(dict.fromkeys(out))


def _evidence_boxes(value: object) -> list[Box]:
    found: list[Box] = []
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key in ("box", "region") and _is_box(item):
                found.append(tuple(int(v) for v in item))  # type: ignore[union-attr, arg-type]
            else:
                found += _evidence_boxes(item)
    elif isinstance(value, list | tuple) and not _is_box(value):
        for item in value:
            found += _evidence_boxes(item)
    return found


def _is_box(value: object) -> bool:
    return (
        isinstance(value, list | tuple)
        and len(value) == 4
        and all(isinstance(v, int | float) for v in value)
    )


def _data_uri(picture: Image.Image) -> str:
    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, "JPEG", quality=78)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def image_thumbnail(path: Path, boxes: Sequence[Box]) -> str | None:
    try:
        decoded = decode_image(path, max_side=THUMB_SIDE)
    except UnreadableMedia:
        return None
    picture = Image.fromarray(decoded.pixels[:, :, ::-1])
    draw = ImageDraw.Draw(picture)
    shrink = 1 / decoded.scale
    for x, y, w, h in boxes:
        draw.rectangle(
            (x * shrink, y * shrink, (x + w) * shrink, (y + h) * shrink),
            outline=(230, 30, 30),
            width=3,
        )
    return _data_uri(picture)


def video_strip(path: Path, times: Sequence[float]) -> str | None:
    """Frames at `times` (at most six), side by side, each labelled with its time."""
    from linters.media.video import UnreadableVideo, sample_frames

    try:
        frames = sample_frames(path, list(times)[:MAX_FRAMES], max_side=FRAME_SIDE, tolerance=0.5)
    except (UnreadableVideo, OSError, ValueError):
        return None
    if not frames:
        return None
    pictures = [(t, Image.fromarray(pixels[:, :, ::-1])) for t, pixels in frames]
    height = max(p.height for _, p in pictures)
    strip = Image.new(
        "RGB", (sum(p.width for _, p in pictures) + 4 * len(pictures), height), "white"
    )
    x = 0
    draw = ImageDraw.Draw(strip)
    for t, picture in pictures:
        strip.paste(picture, (x, 0))
        draw.rectangle((x, height - 14, x + 44, height), fill=(0, 0, 0))
        draw.text((x + 3, height - 13), f"{t:.1f} s", fill=(255, 255, 255))
        x += picture.width + 4
    return _data_uri(strip)


def strip_times(findings: Iterable[Finding], duration: float | None) -> list[float]:
    """The cut times of the findings' evidence, or the start, middle and end of the video."""
    for f in findings:
        cuts = f.evidence.get("cuts")
        if isinstance(cuts, list | tuple) and cuts:
            return [0.0, *(float(c) for c in cuts)][:MAX_FRAMES]
    if duration:
        return [0.0, duration / 2, max(0.0, duration - 0.5)]
    return [0.0]
