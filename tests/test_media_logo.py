"""The logo detector: finds the logos it was given, and only them, where they are."""

from __future__ import annotations

import io
import random
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from arna.workspace import write_stand_in_logo
from linters.media.logo import LogoHit, LogoMatcher, LogoReference, load_reference
from linters.media.logo_samples import paste_logo, write_banner_svg, write_shield_logo
from posts.media_samples import render_photo


@pytest.fixture(scope="module")
def logos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("logos")
    return {
        "stand-in": write_stand_in_logo(folder / "stand-in.png"),
        "shield": write_shield_logo(folder / "shield.png"),
        "banner": write_banner_svg(folder / "banner.svg"),
    }


@pytest.fixture(scope="module")
def references(logos: dict[str, Path]) -> dict[str, LogoReference]:
    return {name: load_reference(path, name) for name, path in logos.items()}


@pytest.fixture(scope="module")
def matcher(references: dict[str, LogoReference]) -> LogoMatcher:
    return LogoMatcher([references["stand-in"]])


def iou(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    w = max(0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    h = max(0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    union = a[2] * a[3] + b[2] * b[3] - w * h
    return w * h / union


def photo_with_logo(
    reference: LogoReference,
    *,
    size: tuple[int, int] = (1280, 960),
    fraction: float,
    angle: float = 0.0,
    cover: float = 0.0,
    seed: int = 1,
    quality: int = 70,
    grey: bool = False,
) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A Pillow landscape with the logo pasted in, through a JPEG, decoded as a rule would."""
    rng = random.Random(seed)
    background = render_photo(*size, seed=seed, label="Рухани жаңғыру")
    logo = Image.fromarray(reference.rgba, "RGBA")
    width = round(size[0] * fraction)
    centre = (size[0] * rng.uniform(0.4, 0.6), size[1] * rng.uniform(0.4, 0.6))
    picture, box = paste_logo(
        background, logo, width=width, angle=angle, centre=centre, cover=cover, rng=rng
    )
    buffer = io.BytesIO()
    (picture.convert("L") if grey else picture).save(buffer, "JPEG", quality=quality)
    flag = cv2.IMREAD_GRAYSCALE if grey else cv2.IMREAD_COLOR
    return cv2.imdecode(np.frombuffer(buffer.getvalue(), np.uint8), flag), box


def assert_found(hit: LogoHit | None, name: str, box: tuple[int, int, int, int]) -> LogoHit:
    assert hit is not None, f"{name} not found"
    assert hit.reference == name
    assert iou(hit.box, box) > 0.5, (hit.box, box)
    assert 0.0 <= hit.score <= 1.0
    return hit


# --- finding -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fraction", "angle", "quality"),
    [(0.07, 0.0, 90), (0.15, 12.0, 60), (0.4, -15.0, 75), (0.7, 5.0, 95)],
)
def test_finds_the_logo_at_sizes_and_rotations(
    matcher: LogoMatcher, references: dict[str, LogoReference], fraction, angle, quality
) -> None:
    image, box = photo_with_logo(
        references["stand-in"], fraction=fraction, angle=angle, quality=quality, seed=3
    )
    hit = assert_found(matcher.find(image), "stand-in", box)
    assert abs(hit.angle - angle) < 5
    assert hit.scale * references["stand-in"].size[0] == pytest.approx(box[2], rel=0.2)


def test_finds_the_logo_in_greyscale_and_partly_covered(
    matcher: LogoMatcher, references: dict[str, LogoReference]
) -> None:
    image, box = photo_with_logo(references["stand-in"], fraction=0.2, angle=-8, grey=True)
    assert image.ndim == 2
    assert_found(matcher.find(image), "stand-in", box)
    image, box = photo_with_logo(references["stand-in"], fraction=0.3, angle=6, cover=0.2, seed=5)
    assert_found(matcher.find(image), "stand-in", box)


def test_maps_the_box_back_from_the_working_copy(
    matcher: LogoMatcher, references: dict[str, LogoReference]
) -> None:
    image, box = photo_with_logo(references["stand-in"], size=(2000, 1500), fraction=0.1, seed=7)
    assert max(image.shape) > matcher.working_size  # so the search ran on a smaller copy
    hit = assert_found(matcher.find(image), "stand-in", box)
    assert iou(hit.box, box) > 0.8


def test_names_the_logo_among_several(references: dict[str, LogoReference]) -> None:
    matcher = LogoMatcher(list(references.values()))
    for name, fraction in (("shield", 0.2), ("banner", 0.35)):
        image, box = photo_with_logo(references[name], fraction=fraction, angle=-10, seed=11)
        assert_found(matcher.find(image), name, box)


@pytest.mark.parametrize("seed", [21, 22])
def test_nothing_on_pictures_without_the_logo(
    matcher: LogoMatcher, references: dict[str, LogoReference], seed: int
) -> None:
    picture = render_photo(1280, 960, seed=seed, label="Туған жер")  # has a sun and an ornament
    draw = ImageDraw.Draw(picture)
    draw.ellipse((800, 300, 1100, 600), fill=(0, 114, 188))  # a blue disc with a gold sun
    draw.ellipse((900, 350, 1000, 450), fill=(255, 196, 0))
    for i in range(12):
        draw.line((950, 400, 830 + i * 22, 320), fill=(255, 196, 0), width=4)
    # and another office's logo, which this matcher was not given
    picture, _ = paste_logo(
        picture,
        Image.fromarray(references["shield"].rgba, "RGBA"),
        width=300,
        angle=0,
        centre=(300, 500),
    )
    image = cv2.cvtColor(np.asarray(picture), cv2.COLOR_RGB2BGR)
    assert matcher.find(image) is None


def test_find_refuses_what_is_not_an_image(matcher: LogoMatcher) -> None:
    with pytest.raises(ValueError, match="uint8"):
        matcher.find(np.zeros((100, 100), np.float32))
    with pytest.raises(ValueError, match="shape"):
        matcher.find(np.zeros((100, 100, 2), np.uint8))


# --- references ----------------------------------------------------------------------------------


def test_loads_a_png_with_alpha(references: dict[str, LogoReference], logos) -> None:
    shield = references["shield"]
    assert max(shield.size) == 512
    assert shield.rgba.shape[2] == 4
    assert shield.rgba[0, 0, 3] == 0  # the transparent corner beside the shield stays out
    assert shield.source == str(logos["shield"])


def test_an_opaque_png_on_white_loses_its_background(tmp_path: Path) -> None:
    logo = Image.open(write_stand_in_logo(tmp_path / "a.png"))
    flat = Image.new("RGB", (400, 300), (255, 255, 255))
    flat.paste(logo, (72, 22), logo)
    flat.save(tmp_path / "flat.png")
    reference = load_reference(tmp_path / "flat.png")
    assert reference.name == "flat"
    # cropped to the disc (the white around it is gone), the white book inside the disc kept
    assert reference.size[0] == pytest.approx(reference.size[1], abs=3)
    alpha = reference.rgba[:, :, 3]
    assert alpha[0, 0] == 0 and alpha[256, 256] == 255
    book = reference.rgba[int(512 * 0.72), int(512 * 0.3)]
    assert book[3] == 255 and book[:3].min() > 240


def test_loads_an_svg_and_finds_it(references: dict[str, LogoReference]) -> None:
    banner = references["banner"]
    assert banner.size[0] == 512
    assert banner.size[1] == pytest.approx(256, abs=6)  # the banner's 2:1 shape
    assert banner.rgba[0, 0, 3] == 0  # its rounded corner is transparent
    matcher = LogoMatcher([banner])
    image, box = photo_with_logo(banner, fraction=0.3, angle=9, seed=4)
    assert_found(matcher.find(image), "banner", box)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "not a readable image"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><rect width=", "cannot be rendered"),
        (b"plain text, not a logo", "not a readable image"),
    ],
)
def test_refuses_a_corrupt_reference(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / ("logo.svg" if content.startswith(b"<svg") else "logo.png")
    path.write_bytes(content)
    with pytest.raises(ValueError, match=reason) as error:
        load_reference(path)
    assert str(path) in str(error.value)


def test_refuses_a_truncated_png(tmp_path: Path, logos: dict[str, Path]) -> None:
    data = logos["shield"].read_bytes()
    path = tmp_path / "cut.png"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ValueError, match=r"cut\.png"):
        load_reference(path)


def test_refuses_blank_and_missing_references(tmp_path: Path) -> None:
    Image.new("RGBA", (64, 64), (0, 0, 0, 0)).save(tmp_path / "clear.png")
    with pytest.raises(ValueError, match="fully transparent"):
        load_reference(tmp_path / "clear.png")
    with pytest.raises(ValueError, match="no such file"):
        load_reference(tmp_path / "absent.png")
    Image.new("RGBA", (64, 64), (200, 30, 30, 255)).save(tmp_path / "square.png")
    square = load_reference(tmp_path / "square.png")  # loads, but has nothing to recognise
    with pytest.raises(ValueError, match="too little detail"):
        LogoMatcher([square])
