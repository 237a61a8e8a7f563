"""Logos and composites for the logo detector's tests and benchmark, drawn from nothing.

Two logos besides the stand-in of `arna.workspace.write_stand_in_logo`, so that the detector is shown
to work for any logo: a shield with a shaňyraq (PNG with alpha) and a wide banner (SVG). And
`paste_logo`, which puts a logo into a picture the way a designer or a camera would: scaled, turned,
partly covered, with the true box returned.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw

__all__ = ["SVG_BANNER_LOGO", "paste_logo", "shield_logo", "write_banner_svg", "write_shield_logo"]


def shield_logo(size: int = 256) -> Image.Image:
    """A crimson shield with a gold shaňyraq (the crown of a yurt) and a white band: RGBA."""
    image = Image.new("RGBA", (size, int(size * 1.2)), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    w, h = image.size
    crimson, gold, white = (170, 20, 45, 255), (250, 190, 30, 255), (255, 255, 255, 255)
    draw.polygon(
        [
            (w * 0.05, h * 0.04),
            (w * 0.95, h * 0.04),
            (w * 0.95, h * 0.55),
            (w * 0.5, h * 0.97),
            (w * 0.05, h * 0.55),
        ],
        fill=crimson,
    )
    cx, cy, r = w * 0.5, h * 0.36, w * 0.3
    stroke = max(2, size // 40)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=gold, width=stroke * 2)
    for offset in (-0.5, 0.0, 0.5):  # the crossed bars of the shaňyraq
        draw.arc(
            (cx - r, cy - r * (1.6 + offset), cx + r, cy + r * (0.4 - offset)),
            200,
            340,
            fill=gold,
            width=stroke,
        )
        draw.arc(
            (cx - r * (1.6 + offset), cy - r, cx + r * (0.4 - offset), cy + r),
            290,
            70,
            fill=gold,
            width=stroke,
        )
    for i in range(16):  # the roof poles
        angle = math.tau * i / 16
        x, y = cx + r * math.cos(angle), cy + r * math.sin(angle)
        draw.line(
            (x, y, cx + 1.35 * r * math.cos(angle), cy + 1.35 * r * math.sin(angle)),
            fill=gold,
            width=stroke,
        )
    draw.rectangle((w * 0.12, h * 0.70, w * 0.88, h * 0.76), fill=white)
    for i in range(5):  # a row of small triangles under the band
        x = w * (0.22 + 0.14 * i)
        draw.polygon([(x - w * 0.05, h * 0.79), (x + w * 0.05, h * 0.79), (x, h * 0.86)], fill=gold)
    return image


def write_shield_logo(path: Path, size: int = 256) -> Path:
    """Write `shield_logo(size)` as a PNG with alpha and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    shield_logo(size).save(path, "PNG")
    return path


SVG_BANNER_LOGO = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" width="400" height="200">
  <rect x="4" y="4" width="392" height="192" rx="24" fill="#0b6e4f"/>
  <g fill="#f2c14e">
    <path d="M100 30 L116 78 L166 78 L126 108 L142 156 L100 126 L58 156 L74 108 L34 78 L84 78 Z"/>
  </g>
  <g fill="none" stroke="#ffffff" stroke-width="9" stroke-linecap="round">
    <path d="M196 150 C196 90 236 60 260 90 C280 116 250 136 236 118"/>
    <path d="M364 150 C364 90 324 60 300 90 C280 116 310 136 324 118"/>
  </g>
  <rect x="200" y="160" width="160" height="12" fill="#f2c14e"/>
  <rect x="220" y="30" width="20" height="40" fill="#ffffff"/>
  <rect x="250" y="30" width="60" height="14" fill="#ffffff"/>
  <rect x="250" y="56" width="40" height="14" fill="#ffffff"/>
  <rect x="320" y="30" width="20" height="40" fill="#ffffff"/>
</svg>
"""


def write_banner_svg(path: Path) -> Path:
    """Write `SVG_BANNER_LOGO` (a green banner with a star, ram's horns and bars) and return it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SVG_BANNER_LOGO, encoding="utf-8")
    return path


def paste_logo(
    background: Image.Image,
    logo: Image.Image,
    *,
    width: int,
    angle: float,
    centre: tuple[float, float],
    cover: float = 0.0,
    rng: random.Random | None = None,
) -> tuple[Image.Image, tuple[int, int, int, int]]:
    """Paste an RGBA `logo` scaled to `width` px, turned by `angle` degrees (counter-clockwise),
    centred at `centre`; then cover about `cover` (0..1) of its area with a plain block from one
    side, as a hand, a head or a caption would. Returns the RGB picture and the logo's true box
    (x, y, w, h): the bounds of its visible outline before covering, clipped to the picture."""
    rng = rng or random.Random(0)
    height = max(1, round(logo.height * width / logo.width))
    scaled = logo.convert("RGBA").resize((max(1, width), height), Image.Resampling.LANCZOS)
    turned = scaled.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    x = round(centre[0] - turned.width / 2)
    y = round(centre[1] - turned.height / 2)
    picture = background.convert("RGBA")
    picture.alpha_composite(_clip_layer(turned, picture.size, x, y))
    alpha_box = turned.getchannel("A").point(lambda v: 255 if v >= 128 else 0).getbbox()
    if alpha_box is None:
        raise ValueError("the logo is fully transparent")
    bx0, by0 = max(0, x + alpha_box[0]), max(0, y + alpha_box[1])
    bx1 = min(picture.width, x + alpha_box[2])
    by1 = min(picture.height, y + alpha_box[3])
    if cover > 0:
        _cover(
            picture,
            (x + alpha_box[0], y + alpha_box[1], x + alpha_box[2], y + alpha_box[3]),
            cover,
            rng,
        )
    return picture.convert("RGB"), (bx0, by0, max(0, bx1 - bx0), max(0, by1 - by0))


def _clip_layer(layer: Image.Image, size: tuple[int, int], x: int, y: int) -> Image.Image:
    """`layer` placed at (x, y) on a transparent canvas of `size` (it may stick out)."""
    canvas = Image.new("RGBA", size, (0, 0, 0, 0))
    canvas.paste(layer, (x, y), layer)
    return canvas


def _cover(
    picture: Image.Image, box: tuple[int, int, int, int], cover: float, rng: random.Random
) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256), 255)
    draw = ImageDraw.Draw(picture)
    side = rng.choice(("left", "right", "top", "bottom", "corner"))
    if side == "left":
        draw.rectangle((x0 - 2, y0 - 2, x0 + w * cover, y1 + 2), fill=colour)
    elif side == "right":
        draw.rectangle((x1 - w * cover, y0 - 2, x1 + 2, y1 + 2), fill=colour)
    elif side == "top":
        draw.rectangle((x0 - 2, y0 - 2, x1 + 2, y0 + h * cover), fill=colour)
    elif side == "bottom":
        draw.rectangle((x0 - 2, y1 - h * cover, x1 + 2, y1 + 2), fill=colour)
    else:
        edge = math.sqrt(cover)
        draw.rectangle((x1 - w * edge, y1 - h * edge, x1 + 2, y1 + 2), fill=colour)
