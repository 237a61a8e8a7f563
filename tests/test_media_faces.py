"""Face arrangement analysis: the maths on given boxes, and the detector on real and blank photos."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from linters.media.faces import (
    Face,
    FaceDetector,
    arrangement,
    indoor_cues,
    report_photo_signals,
    staged_photo_signals,
)
from linters.media.images import decode_image
from posts.media_samples import render_photo

# Real photos that packages ship, with a hand-drawn face box: (where, box, why).
_OPENCV_DOC = Path("/usr/share/doc/opencv-doc/examples/data")


def _skimage_astronaut() -> Path | None:
    try:
        import skimage
    except ImportError:
        return None
    path = Path(skimage.__file__).parent / "data" / "astronaut.png"
    return path if path.exists() else None


def _real_face_photo() -> tuple[Path, tuple[int, int, int, int]]:
    astronaut = _skimage_astronaut()
    if astronaut is not None:
        return astronaut, (175, 65, 100, 100)
    messi = _OPENCV_DOC / "messi5.jpg"
    if messi.exists():
        return messi, (225, 90, 45, 48)
    pytest.skip(
        "no real photo with a face on this machine: install scikit-image (astronaut.png) "
        "or Debian's opencv-doc (messi5.jpg)"
    )


def iou(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    w = max(0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    h = max(0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    return w * h / float(a[2] * a[3] + b[2] * b[3] - w * h)


def face(x: int, y: int, size: int, frontal: bool = True) -> Face:
    return Face((x, y, size, size), frontal, 10, 0.9)


@pytest.fixture(scope="module")
def detector() -> FaceDetector:
    cv2.setNumThreads(1)
    return FaceDetector()


# ------------------------------------------------------------ arrangement maths


def test_two_rows_make_two_bands_with_their_counts_and_spans() -> None:
    back = [face(200 + 150 * i, 300, 40) for i in range(4)]  # centres at y=320
    front = [face(100 + 160 * i, 420, 50) for i in range(5)]  # centres at y=445
    arr = arrangement(back + front, (1000, 800))
    assert arr.count == 9
    assert arr.faces_per_band == (5, 4)
    largest, second = arr.bands
    assert largest.centre_y == pytest.approx(445 / 800)
    assert second.centre_y == pytest.approx(320 / 800)
    assert largest.left == pytest.approx(0.1) and largest.right == pytest.approx((740 + 50) / 1000)
    assert arr.row_span == pytest.approx(0.69)
    assert arr.median_size == pytest.approx(50 / 800)
    assert arr.share_in_bands(1) == pytest.approx(5 / 9)
    assert arr.share_in_bands(2) == 1.0
    assert arr.all_frontal


def test_small_jitter_stays_in_one_band_but_a_head_higher_does_not() -> None:
    row = [face(100 * i, 400 + (10 if i % 2 else -10), 60) for i in range(5)]
    assert arrangement(row, (600, 800)).faces_per_band == (5,)
    standing = [*row, face(250, 400 - 80, 60)]  # more than `band_tolerance` faces above
    assert arrangement(standing, (600, 800)).faces_per_band == (5, 1)


def test_size_spread_and_frontal_flags() -> None:
    equal = arrangement([face(100 * i, 100, 50) for i in range(4)], (500, 500))
    assert equal.size_spread == 0.0
    mixed = arrangement([face(0, 100, 30), face(100, 100, 90)], (500, 500))
    assert mixed.size_spread == pytest.approx(0.5)  # pstdev 30 / mean 60
    assert mixed.median_size == pytest.approx(60 / 500)
    turned = arrangement([face(0, 100, 50), face(100, 100, 50, frontal=False)], (500, 500))
    assert not turned.all_frontal
    empty = arrangement([], (500, 500))
    assert (empty.count, empty.bands, empty.all_frontal, empty.row_span) == (0, (), False, 0.0)


def test_report_photo_decision_needs_many_small_faces_in_rows_indoors() -> None:
    size = (1600, 1200)
    table = [face(150 + 140 * i, 500 + (i % 2) * 8, 60) for i in range(8)]  # 0.05 of the height
    arr = arrangement(table, size)
    yes = report_photo_signals(arr, 0.8)
    assert yes["report_photo"] and yes["faces"] == 8 and yes["bands"] == 1
    assert yes["median_face_height"] == pytest.approx(0.05)
    assert not report_photo_signals(arr, 0.2)["report_photo"]  # outdoors
    assert not report_photo_signals(arrangement(table[:4], size), 0.8)["report_photo"]
    assert report_photo_signals(arrangement(table[:4], size), 0.8, min_faces=4)["report_photo"]
    big = arrangement([face(150 + 250 * i, 400, 200) for i in range(6)], size)
    assert not report_photo_signals(big, 0.8)["report_photo"]  # faces too large: not "small"
    scattered = arrangement([face(150 * i, 150 * i, 60) for i in range(8)], size)
    assert len(scattered.bands) == 8
    assert not report_photo_signals(scattered, 0.8)["report_photo"]


def test_staged_photo_decision_wants_one_row_of_similar_frontal_faces_across_the_frame() -> None:
    size = (1600, 1200)
    lineup = [face(100 + 300 * i, 300, 130) for i in range(5)]  # span (1230 + 130 - 100) / 1600
    yes = staged_photo_signals(arrangement(lineup, size))
    assert yes["staged_photo"] and yes["row_span"] == pytest.approx(1330 / 1600, abs=1e-3)
    turned = [*lineup[:4], face(1300, 300, 130, frontal=False)]
    assert not staged_photo_signals(arrangement(turned, size))["staged_photo"]
    uneven = [face(100 + 300 * i, 300, s) for i, s in enumerate((80, 130, 180, 130, 80))]
    assert not staged_photo_signals(arrangement(uneven, size))["staged_photo"]
    narrow = [face(600 + 90 * i, 300, 80) for i in range(5)]
    assert not staged_photo_signals(arrangement(narrow, size))["staged_photo"]
    assert not staged_photo_signals(arrangement(lineup[:3], size))["staged_photo"]


def test_indoor_cue_tells_sky_and_grass_from_a_warm_wall() -> None:
    outdoor = np.zeros((300, 400, 3), np.uint8)
    outdoor[:150] = (235, 180, 120)  # BGR sky blue
    outdoor[150:] = (60, 150, 70)  # grass
    warm = np.full((300, 400, 3), (150, 180, 215), np.uint8)  # beige wall
    assert indoor_cues(outdoor).score < 0.3
    assert indoor_cues(warm).score >= 0.5
    assert "sky-like" in indoor_cues(outdoor).explanation


# ------------------------------------------------------------ detection


def test_detects_the_face_in_a_real_photo(detector: FaceDetector) -> None:
    path, truth = _real_face_photo()
    image = cv2.imread(str(path))
    faces = detector.detect(image)
    assert any(iou(f.box, truth) > 0.5 for f in faces), (path.name, faces)
    assert len(faces) <= 2
    grey = detector.detect(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY))
    assert any(iou(f.box, truth) > 0.5 for f in grey)


def test_no_faces_in_a_landscape_or_a_blank_image(detector: FaceDetector) -> None:
    assert detector.detect(np.full((900, 1200, 3), 128, np.uint8)) == ()
    assert detector.detect(np.zeros((10, 10), np.uint8)) == ()
    for seed in (1, 2, 3):
        landscape = np.asarray(render_photo(1200, 900, seed=seed, label="Рухани жаңғыру"))
        assert detector.detect(landscape[:, :, ::-1].copy()) == (), seed


def test_reduced_scale_decode_maps_boxes_back_to_the_original(
    detector: FaceDetector, tmp_path: Path
) -> None:
    path, truth = _real_face_photo()
    portrait = Image.open(path).convert("RGB")
    factor, offset = 5, (700, 300)
    big = portrait.resize((portrait.width * factor, portrait.height * factor))
    canvas = Image.new("RGB", (4000, 3000), (90, 110, 130))
    canvas.paste(big, offset)
    target = tmp_path / "big.jpg"
    canvas.save(target, "JPEG", quality=90)
    expected = tuple(
        round(v * factor + (offset[i % 2] if i < 2 else 0)) for i, v in enumerate(truth)
    )
    decoded = decode_image(target)
    assert decoded.pixels.shape[1] < 4000  # decoded at reduced scale
    faces = detector.detect_decoded(decoded)
    assert any(iou(f.box, expected) > 0.5 for f in faces), (expected, faces)
    # the same array given whole: detect() scales it down itself and maps back to its pixels
    small = detector.detect(decoded.pixels)
    scale = decoded.scale
    assert any(iou(tuple(round(v * scale) for v in f.box), expected) > 0.5 for f in small)
