"""Faces in a photo and how they are arranged: the image side of M401, M402 and M404.

The method, in short:

1. `FaceDetector` runs OpenCV's Haar cascades (frontal `alt2`, and the profile cascade on the
   image and on its mirror) on a grey, contrast-equalised working copy whose long side is at most
   `working_size`, and maps the boxes back to the input's pixels. Haar cascades are old and noisy,
   so a detection must be confirmed by several neighbouring windows (`min_neighbors`), must hold
   enough skin-coloured pixels in its centre (colour images only), and a box that lies mostly
   inside another is dropped (a profile box that repeats a frontal one as well).
2. `arrangement` turns boxes into numbers: how many faces, their median height relative to the
   image height, the spread of those heights, horizontal bands (face centres clustered by y with a
   tolerance of a fraction of the face height), and how much of the width the main band spans.
3. `indoor_cues` is a deliberately cheap guess whether a scene is indoors: sky-like blue or bright
   haze in the upper third and greenery argue for outdoors; warm (tungsten) colour argues a little
   for indoors. It is a cue for the rule's evidence, not a classifier; see benchmarks/faces_eval.py.
4. `report_photo_signals` (M401) and `staged_photo_signals` (M402) put the measured numbers in a
   dict for the rules' evidence, with a decision under default thresholds given as keywords.

Known limits (figures from benchmarks/faces_eval.py on this project's 2-core machine): Haar finds
faces from about 30 px in the working copy with some reliability; smaller faces, faces turned or
looking down (notes, phones), covered or strongly lit ones are missed, so face recall is about
0.5-0.65 and M401, which needs 5 faces found, misses most meetings of 5-7 people: the decisions
are built for precision, not recall. The cascades' cost is dominated by the smallest scales:
at the default working size of 1024 px, detection takes about 0.3-0.5 s of one core, far over the
60 ms hoped for; 640 px takes ~0.2 s and halves the recall.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from linters.media.images import DecodedImage

__all__ = [
    "Arrangement",
    "Band",
    "Face",
    "FaceDetector",
    "IndoorCues",
    "arrangement",
    "indoor_cues",
    "indoor_score",
    "report_photo_signals",
    "staged_photo_signals",
]

Box = tuple[int, int, int, int]  # x, y, width, height in pixels

# YCrCb skin range (Chai & Ngan's classic box, widened a little for JPEG colour and lighting)
_CR_RANGE = (133, 178)
_CB_RANGE = (72, 130)
_CASCADE_WINDOW = 20  # the profile cascade's training window, in pixels


@dataclass(frozen=True)
class Face:
    """One detected face, in the pixels of the image given to `FaceDetector.detect`."""

    box: Box
    frontal: bool  # found by the frontal cascade; False: by the profile cascade only
    neighbours: int  # windows that agreed on it: the cascade's own confidence
    skin: float | None  # share of skin-coloured pixels in the box's centre; None on grey images

    @property
    def centre(self) -> tuple[float, float]:
        x, y, w, h = self.box
        return x + w / 2.0, y + h / 2.0


class FaceDetector:
    """Haar-cascade face detector; build once (the cascades are parsed in `__init__`) and reuse.

    `working_size` is the long side of the copy the cascades run on; `min_face` the smallest face
    looked for, in working pixels; `profile_min_face` the same for the profile cascade, which is
    only needed to tell turned faces (M402 wants all frontal) and is run from a larger size, and
    only once the frontal cascade found `profile_after` faces, to keep its cost down: a photo with
    no frontal face at all is left with none (M404 may miss a lone face in profile).
    """

    def __init__(
        self,
        *,
        working_size: int = 1024,
        min_face: int = 20,
        profile_min_face: int = 40,
        scale_factor: float = 1.15,
        min_neighbors: int = 5,
        profile_min_neighbors: int = 6,
        min_skin: float = 0.25,
        profile: bool = True,
        profile_after: int = 1,
        skin_gate: bool = True,
    ) -> None:
        root = cv2.data.haarcascades
        self._frontal = cv2.CascadeClassifier(root + "haarcascade_frontalface_alt2.xml")
        self._profile = cv2.CascadeClassifier(root + "haarcascade_profileface.xml")
        if self._frontal.empty() or self._profile.empty():
            raise RuntimeError(f"OpenCV's Haar cascades are missing from {root}")
        self.working_size = working_size
        self.min_face = min_face
        self.profile_min_face = profile_min_face
        self.scale_factor = scale_factor
        self.min_neighbors = min_neighbors
        self.profile_min_neighbors = profile_min_neighbors
        self.min_skin = min_skin
        self.profile = profile
        self.profile_after = profile_after
        self.skin_gate = skin_gate

    def detect(self, image: np.ndarray) -> tuple[Face, ...]:
        """Faces in a BGR or greyscale uint8 image, boxes in that image's pixels, left to right."""
        if image.ndim == 3 and image.shape[2] == 1:
            image = image[:, :, 0]
        elif image.ndim == 3 and image.shape[2] == 4:
            image = cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
        height, width = image.shape[:2]
        factor = min(1.0, self.working_size / max(height, width))
        small = (
            image
            if factor == 1.0
            else cv2.resize(
                image,
                (max(1, round(width * factor)), max(1, round(height * factor))),
                interpolation=cv2.INTER_AREA,
            )
        )
        colour = small.ndim == 3 and not _is_grey(small)
        grey = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY) if small.ndim == 3 else small
        grey = cv2.equalizeHist(grey)
        ycrcb = cv2.cvtColor(small, cv2.COLOR_BGR2YCrCb) if colour else None

        regions = self._regions(ycrcb, grey.shape)
        found: list[Face] = []
        parts: list[tuple[int, int, np.ndarray, list[tuple[Box, int, bool]]]] = []
        frontal_seen = 0
        for rx, ry, rw, rh in regions:
            part = grey[ry : ry + rh, rx : rx + rw]
            hits = [
                (b, n, True)
                for b, n in self._run(self._frontal, part, self.min_face, self.min_neighbors)
            ]
            frontal_seen += len(hits)
            parts.append((rx, ry, part, hits))
        if self.profile and frontal_seen >= self.profile_after:
            for _, _, part, hits in parts:
                hits += self._profiles(part)
        for rx, ry, _, hits in parts:
            for (x, y, w, h), n, frontal in hits:
                box = (x + rx, y + ry, w, h)
                found.append(Face(box, frontal, n, _skin_share(ycrcb, box)))

        kept = [f for f in found if f.skin is None or f.skin >= self.min_skin]
        kept = _drop_nested(kept)
        sx, sy = width / small.shape[1], height / small.shape[0]
        out = [
            Face(
                (
                    round(f.box[0] * sx),
                    round(f.box[1] * sy),
                    round(f.box[2] * sx),
                    round(f.box[3] * sy),
                ),
                f.frontal,
                f.neighbours,
                f.skin,
            )
            for f in kept
        ]
        return tuple(sorted(out, key=lambda f: (f.box[0], f.box[1])))

    def detect_decoded(self, decoded: DecodedImage) -> tuple[Face, ...]:
        """Faces in a photo decoded by `images.decode_image`, boxes in the original's pixels."""
        sx = decoded.width / decoded.pixels.shape[1]
        sy = decoded.height / decoded.pixels.shape[0]
        return tuple(
            Face(
                (
                    round(f.box[0] * sx),
                    round(f.box[1] * sy),
                    round(f.box[2] * sx),
                    round(f.box[3] * sy),
                ),
                f.frontal,
                f.neighbours,
                f.skin,
            )
            for f in self.detect(decoded.pixels)
        )

    def _regions(self, ycrcb: np.ndarray | None, shape: tuple[int, ...]) -> list[Box]:
        """Where to run the cascades: around skin-coloured blobs, or the whole image.

        The cascades' cost grows with the area searched at small scales, and a face without skin
        colour is dropped by the skin test anyway, so little is lost. Grey images, and images where
        skin-like colour is everywhere (wood, beige walls: most indoor photos), are searched whole,
        so the saving is small in practice (benchmarks/faces_eval.py).
        """
        height, width = shape[:2]
        whole = [(0, 0, width, height)]
        if ycrcb is None or not self.skin_gate:
            return whole
        cr, cb = ycrcb[..., 1], ycrcb[..., 2]
        mask = cv2.inRange(
            np.dstack([cr, cb]), (_CR_RANGE[0], _CB_RANGE[0]), (_CR_RANGE[1], _CB_RANGE[1])
        )
        pad = self.min_face
        mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
        mask = cv2.dilate(mask, np.ones((pad, pad), np.uint8))
        count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        rects = []
        for x, y, w, h, area in stats[1:count]:
            if area < (self.min_face * 1.5) ** 2:  # the dilation alone makes min_face^2
                continue
            grow = max(w, h) // 2
            x0, y0 = max(0, x - grow), max(0, y - grow)
            x1, y1 = min(width, x + w + grow), min(height, y + h + grow)
            rects.append([x0, y0, x1, y1])
        rects = _merge_rects(rects)
        if sum((r[2] - r[0]) * (r[3] - r[1]) for r in rects) > 0.6 * width * height:
            return whole
        return [(r[0], r[1], r[2] - r[0], r[3] - r[1]) for r in rects]

    def _profiles(self, grey: np.ndarray) -> list[tuple[Box, int, bool]]:
        """Turned faces, both ways, searched on a half-size copy from `profile_min_face` up.

        The profile cascade is as slow as the frontal one; it only has to tell turned faces among
        the larger ones (M402's line-up), so half the resolution is enough and costs a quarter.
        """
        shrink = 2 if self.profile_min_face >= 2 * _CASCADE_WINDOW else 1
        part = (
            grey
            if shrink == 1
            else cv2.resize(
                grey,
                (grey.shape[1] // shrink, grey.shape[0] // shrink),
                interpolation=cv2.INTER_AREA,
            )
        )
        pmin, pn = self.profile_min_face // shrink, self.profile_min_neighbors
        found = self._run(self._profile, part, pmin, pn)
        width = part.shape[1]
        found += [
            ((width - x - w, y, w, h), n)
            for (x, y, w, h), n in self._run(self._profile, cv2.flip(part, 1), pmin, pn)
        ]
        return [(tuple(v * shrink for v in b), n, False) for b, n in found]  # type: ignore[misc]

    def _run(
        self, cascade: cv2.CascadeClassifier, grey: np.ndarray, min_face: int, neighbours: int
    ) -> list[tuple[Box, int]]:
        if min(grey.shape[:2]) < min_face:
            return []
        boxes, counts = cascade.detectMultiScale2(
            grey,
            scaleFactor=self.scale_factor,
            minNeighbors=neighbours,
            minSize=(min_face, min_face),
        )
        return [
            ((int(x), int(y), int(w), int(h)), int(n))
            for (x, y, w, h), n in zip(boxes, counts, strict=True)
        ]


def _merge_rects(rects: list[list[int]]) -> list[list[int]]:
    """Union overlapping rectangles (x0, y0, x1, y1) until none overlap."""
    merged = True
    while merged:
        merged = False
        out: list[list[int]] = []
        for r in rects:
            for o in out:
                if r[0] < o[2] and o[0] < r[2] and r[1] < o[3] and o[1] < r[3]:
                    o[:] = [min(o[0], r[0]), min(o[1], r[1]), max(o[2], r[2]), max(o[3], r[3])]
                    merged = True
                    break
            else:
                out.append(list(r))
        rects = out
    return rects


def _is_grey(bgr: np.ndarray) -> bool:
    """A colour array that holds a grey picture (a scan, a black-and-white photo)."""
    step = max(1, bgr.shape[0] // 64)
    sample = bgr[::step, ::step].astype(np.int16)
    return int(np.abs(sample[..., 0] - sample[..., 2]).max()) <= 6


def _skin_share(ycrcb: np.ndarray | None, box: Box) -> float | None:
    """Share of skin-coloured pixels in the middle of the box (the part that is face, not hair)."""
    if ycrcb is None:
        return None
    x, y, w, h = box
    patch = ycrcb[y + h // 4 : y + h - h // 5, x + w // 4 : x + w - w // 4]
    if patch.size == 0:
        return 0.0
    cr, cb = patch[..., 1], patch[..., 2]
    mask = (cr >= _CR_RANGE[0]) & (cr <= _CR_RANGE[1]) & (cb >= _CB_RANGE[0]) & (cb <= _CB_RANGE[1])
    return float(mask.mean())


def _drop_nested(faces: list[Face]) -> list[Face]:
    """Keep the stronger of two boxes when one lies mostly (60%+) inside the other.

    A frontal box beats a profile box, then more neighbours beat fewer, then the larger box wins.
    """
    order = sorted(
        faces, key=lambda f: (f.frontal, f.neighbours, f.box[2] * f.box[3]), reverse=True
    )
    kept: list[Face] = []
    for face in order:
        if all(
            _inside_share(face.box, other.box) < 0.6 and _inside_share(other.box, face.box) < 0.6
            for other in kept
        ):
            kept.append(face)
    return kept


def _inside_share(a: Box, b: Box) -> float:
    """How much of box a lies inside box b (0..1)."""
    w = max(0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    h = max(0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    return (w * h) / float(max(1, a[2] * a[3]))


@dataclass(frozen=True)
class Band:
    """Faces whose centres lie at about one height: a row of people."""

    count: int
    centre_y: float  # relative to the image height, 0 = top
    left: float  # relative to the image width: the leftmost face's left edge
    right: float  # the rightmost face's right edge

    @property
    def span(self) -> float:
        return self.right - self.left


@dataclass(frozen=True)
class Arrangement:
    """What the rules need to know about where the faces are."""

    count: int
    median_size: float  # median face height / image height; 0 without faces
    size_spread: float  # standard deviation of face heights / their mean; 0 under two faces
    bands: tuple[Band, ...]  # largest first
    all_frontal: bool  # False also without faces
    row_span: float  # the largest band's width / image width
    boxes: tuple[Box, ...]

    @property
    def faces_per_band(self) -> tuple[int, ...]:
        return tuple(b.count for b in self.bands)

    def share_in_bands(self, n: int) -> float:
        """Share of the faces that lie in the `n` largest bands."""
        return sum(b.count for b in self.bands[:n]) / self.count if self.count else 0.0


def arrangement(
    faces: Sequence[Face], image_size: tuple[int, int], *, band_tolerance: float = 0.6
) -> Arrangement:
    """Count, sizes and horizontal bands of `faces` in an image of `image_size` (width, height).

    Faces go into one band while their centre's height differs from the band's mean by at most
    `band_tolerance` times the mean face height of the band and the face: people seated in one
    row differ in height by less than half a face, two rows by about a head or more.
    """
    width, height = image_size
    if not faces or width <= 0 or height <= 0:
        return Arrangement(0, 0.0, 0.0, (), False, 0.0, tuple(f.box for f in faces))
    heights = [f.box[3] for f in faces]
    mean_h = statistics.fmean(heights)
    spread = statistics.pstdev(heights) / mean_h if len(heights) > 1 else 0.0

    groups: list[list[Face]] = []
    for face in sorted(faces, key=lambda f: f.centre[1]):
        if groups:
            group = groups[-1]
            cy = statistics.fmean(f.centre[1] for f in group)
            size = (statistics.fmean(f.box[3] for f in group) + face.box[3]) / 2.0
            if abs(face.centre[1] - cy) <= band_tolerance * size:
                group.append(face)
                continue
        groups.append([face])

    bands = []
    for group in groups:
        bands.append(
            Band(
                count=len(group),
                centre_y=statistics.fmean(f.centre[1] for f in group) / height,
                left=min(f.box[0] for f in group) / width,
                right=max(f.box[0] + f.box[2] for f in group) / width,
            )
        )
    bands.sort(key=lambda b: (-b.count, -b.span))
    return Arrangement(
        count=len(faces),
        median_size=statistics.median(heights) / height,
        size_spread=spread,
        bands=tuple(bands),
        all_frontal=all(f.frontal for f in faces),
        row_span=bands[0].span,
        boxes=tuple(f.box for f in faces),
    )


@dataclass(frozen=True)
class IndoorCues:
    """A cheap indoor/outdoor guess; `score` 1 = surely indoors, 0 = surely outdoors."""

    score: float
    sky: float  # share of the upper third that looks like sky (blue, or bright grey-white haze)
    greenery: float  # share of the image that looks like foliage or grass
    warmth: float  # mean (R - B) / 255 over mid-tone pixels: tungsten light is warm
    explanation: str


def indoor_cues(image: np.ndarray) -> IndoorCues:
    """Guess whether a BGR (or grey) photo was taken indoors, from colour alone.

    Sky in the upper third is the strongest outdoor cue; greenery a second; warm colour a weak
    indoor cue. A grey image has only the bright-haze part of the sky cue, so it scores near 0.5.
    Honest about its reach: a white ceiling under bright light looks like overcast sky, a blue wall
    like clear sky, and a room with plants like a park (measured in benchmarks/faces_eval.py).
    """
    small = _shrink(image, 256)
    if small.ndim == 2:
        small = cv2.cvtColor(small, cv2.COLOR_GRAY2BGR)
    hsv = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)
    h, s, v = (hsv[..., i].astype(np.int16) for i in range(3))
    top = slice(0, max(1, small.shape[0] // 3))
    blue_sky = (h[top] >= 90) & (h[top] <= 130) & (s[top] >= 35) & (v[top] >= 110)
    haze = (s[top] <= 25) & (v[top] >= 215)
    sky = float(blue_sky.mean() + 0.5 * (haze & ~blue_sky).mean())  # a white ceiling is haze too
    green = (h >= 30) & (h <= 85) & (s >= 60) & (v >= 40)
    greenery = float(green.mean())
    mid = (v >= 40) & (v <= 230)
    bgr = small.astype(np.int16)
    warmth = float((bgr[..., 2] - bgr[..., 0])[mid].mean() / 255.0) if mid.any() else 0.0

    score = (
        0.6
        - 1.2 * min(sky, 0.4)
        - 0.8 * min(greenery, 0.4)
        + 0.6 * float(np.clip(warmth, 0.0, 0.3))
    )
    score = float(np.clip(score, 0.0, 1.0))
    parts = [
        f"sky-like {sky:.0%} of the upper third",
        f"greenery {greenery:.0%}",
        f"warmth {warmth:+.2f}",
    ]
    verdict = "indoors" if score >= 0.5 else "outdoors"
    return IndoorCues(score, sky, greenery, warmth, f"looks {verdict}: " + ", ".join(parts))


def indoor_score(image: np.ndarray) -> float:
    """`indoor_cues(image).score`."""
    return indoor_cues(image).score


def _shrink(image: np.ndarray, side: int) -> np.ndarray:
    height, width = image.shape[:2]
    factor = side / max(height, width)
    if factor >= 1.0:
        return image
    size = (max(1, round(width * factor)), max(1, round(height * factor)))
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA)


def report_photo_signals(
    arrangement: Arrangement,
    indoor: float | IndoorCues,
    *,
    min_faces: int = 5,
    max_bands: int = 2,
    min_band_share: float = 0.8,
    max_face_size: float = 0.08,
    min_indoor: float = 0.5,
) -> dict[str, Any]:
    """M401's measurements and decision: many small faces in one or two rows, indoors.

    `min_band_share` is the share of faces that must lie in the `max_bands` largest bands (a stray
    detection or a standing person should not break a row); `max_face_size` is the largest median
    face height, relative to the image height, that still counts as "small".
    """
    score = indoor.score if isinstance(indoor, IndoorCues) else float(indoor)
    share = arrangement.share_in_bands(max_bands)
    decision = (
        arrangement.count >= min_faces
        and share >= min_band_share
        and 0.0 < arrangement.median_size <= max_face_size
        and score >= min_indoor
    )
    signals: dict[str, Any] = {
        "faces": arrangement.count,
        "bands": len(arrangement.bands),
        "faces_per_band": list(arrangement.faces_per_band),
        "share_in_main_bands": round(share, 3),
        "median_face_height": round(arrangement.median_size, 4),
        "indoor_score": round(score, 3),
        "boxes": [list(b) for b in arrangement.boxes],
        "report_photo": bool(decision),
    }
    if isinstance(indoor, IndoorCues):
        signals["indoor_explanation"] = indoor.explanation
    return signals


def staged_photo_signals(
    arrangement: Arrangement,
    *,
    min_faces: int = 4,
    max_size_spread: float = 0.2,
    min_span: float = 0.6,
    min_face_size: float = 0.07,
) -> dict[str, Any]:
    """M402's measurements and decision: a posed line-up of similar frontal faces across the frame.

    All faces must be in one band and frontal, their heights may vary by `max_size_spread`
    (standard deviation / mean), the row must span `min_span` of the width, and the faces must be
    at least `min_face_size` of the image height: a line-up "fills the frame", a far crowd does not.
    """
    one_row = len(arrangement.bands) == 1
    decision = (
        arrangement.count >= min_faces
        and one_row
        and arrangement.all_frontal
        and arrangement.size_spread <= max_size_spread
        and arrangement.row_span >= min_span
        and arrangement.median_size >= min_face_size
    )
    return {
        "faces": arrangement.count,
        "bands": len(arrangement.bands),
        "all_frontal": arrangement.all_frontal,
        "size_spread": round(arrangement.size_spread, 3),
        "row_span": round(arrangement.row_span, 3),
        "median_face_height": round(arrangement.median_size, 4),
        "boxes": [list(b) for b in arrangement.boxes],
        "staged_photo": bool(decision),
    }


def large_face_detector() -> FaceDetector:
    """A detector for faces that fill the frame (M402: at least 7% of the height): a 640-pixel
    working copy and no windows under 26 pixels (7% of a 3:2 copy's 427-pixel height is 30) find
    them at a fraction of the cost of the search for a meeting's small faces. Frontal faces only.
    Windows grow by 1.2, not 1.15: on the 129 photos and scenes of benchmarks/faces_eval.py that
    found the same line-ups (8 of 24) with no false one (1 at 1.15), in about 80% of the time."""
    return FaceDetector(working_size=640, min_face=26, profile=False, scale_factor=1.2)
