"""Find a configured logo in a decoded photo, infographic or video frame.

The method, in short:

1. Every reference logo is rendered at a ladder of sizes (56 to 320 px) over a neutral grey, and ORB
   keypoints and descriptors are taken from each size, in the reference's own coordinates. Together
   with ORB's own pyramid on the image, this covers a logo from about 5% to 100% of the width.
2. The image is turned to grey and scaled to a working copy (long side `working_size`: larger
   pictures are reduced, smaller ones enlarged up to twice, so that a small logo keeps enough pixels).
   ORB keypoints are detected on it and spread over a grid, so that text or foliage elsewhere
   cannot take them all; their descriptors are matched to every reference's (Hamming, nearest two,
   a ratio test that ignores a second neighbour at the same place in the reference), and a match
   whose keypoint orientation turned more than the logo may turn is dropped.
3. For each reference, RANSAC fits a similarity (scale, rotation, shift: a pasted or photographed
   logo is not sheared), and the fit must be plausible: enough inliers, a size the image can hold,
   a rotation within `max_angle`. Up to three fits per reference, each without the last's inliers.
4. A fit is then verified where feature matching is weak: the image is warped back into the
   reference's frame and compared with the reference by normalised cross-correlation, under the
   reference's alpha mask, on grey levels and on gradients. This is what tells the logo from other
   suns, discs and ornaments, and it makes the score.

Everything a search needs from the references is computed once, in `LogoMatcher.__init__`.
Known limits (see benchmarks/logo_eval.py): below about 50 px of logo width in the working copy
keypoints get too few and recall drops; a logo in perspective (a banner photographed at an angle of
more than ~20 degrees) is outside the similarity model; repeated logos give one hit, the best.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError

__all__ = ["LogoHit", "LogoMatcher", "LogoReference", "load_reference", "logo_key", "matcher_for"]

REFERENCE_SIZE = 512  # long side of the canonical reference raster, in pixels
MAX_REFERENCE_BYTES = 20 * 1024 * 1024
MAX_REFERENCE_SIDE = 10_000
MIN_REFERENCE_SIDE = 16
_LADDER = (40, 56, 80, 112, 160, 224, 320)  # sizes the reference is described at
_PER_RUNG = (30, 40, 60, 80, 100, 110, 120)  # keypoints kept per size: small rungs have few anyway
_VERIFY = 96  # side of the square in which a candidate is compared with the reference
_GREY = 128
_MAX_DISTANCE = 72  # Hamming, of 256 bits
_RATIO = 0.88
_CELL = 32.0  # px, grid for spreading the image's keypoints
_PER_CELL = 6
_MIN_INLIERS = 5
_OVERDETECT = 8
_MAX_ENLARGE = 2.0  # a picture smaller than the working size is enlarged at most this much
_ANGLE_SLACK = 20.0  # degrees: ORB's orientation of one keypoint is that rough


@dataclass(frozen=True)
class LogoReference:
    """A logo to look for: its name and an RGBA raster, cropped to the logo, long side 512 px.

    `rgba` is read-only. Pixels with alpha below 128 are not part of the logo.
    """

    name: str
    rgba: np.ndarray = field(repr=False, compare=False)
    source: str = ""

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) of the raster."""
        return int(self.rgba.shape[1]), int(self.rgba.shape[0])


@dataclass(frozen=True)
class LogoHit:
    """Where a logo was found.

    `box` is (x, y, w, h) in the pixels of the image given to `find`; it bounds the logo's visible
    outline (the alpha mask), not the reference's whole rectangle. `score` is in 0..1. `scale` is the
    logo's width in the image divided by the width of `LogoReference.rgba` (512 px on the long
    side); `angle` is in degrees, counter-clockwise. `inliers` of `matches` keypoint matches agree
    on the fit; `correlation` and `gradient_correlation` (-1..1) compare the candidate with the
    reference, pixel by pixel, under its mask.
    """

    box: tuple[int, int, int, int]
    score: float
    reference: str
    scale: float
    angle: float
    inliers: int
    matches: int
    correlation: float
    gradient_correlation: float


# --- references ----------------------------------------------------------------------------------


def _bad(path: Path, reason: str) -> ValueError:
    return ValueError(f"logo reference {path}: {reason}")


def _render_svg(path: Path, data: bytes) -> Image.Image:
    try:
        import cairosvg  # imported here: only SVG references need it
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise _bad(path, "SVG references need the 'cairosvg' package") from error
    try:
        # unsafe=False (the default) keeps external files and entities out. A small probe first
        # gives the shape, so that a very tall drawing is not rendered 1024 px wide.
        probe = Image.open(io.BytesIO(cairosvg.svg2png(bytestring=data, output_width=64)))
        if max(probe.size) > 32 * min(probe.size):
            raise _bad(path, f"the SVG is a thin strip ({probe.size[0]}:{probe.size[1]})")
        side = "output_width" if probe.width >= probe.height else "output_height"
        png = cairosvg.svg2png(bytestring=data, **{side: REFERENCE_SIZE * 2})
    except ValueError as error:
        if str(path) in str(error):
            raise
        raise _bad(path, f"the SVG cannot be rendered ({error})") from error
    except Exception as error:  # cairosvg raises many kinds: XML, CSS, cairo errors
        raise _bad(path, f"the SVG cannot be rendered ({type(error).__name__}: {error})") from error
    return Image.open(io.BytesIO(png))


def _background_mask(rgb: np.ndarray) -> np.ndarray | None:
    """For an opaque reference: the background connected to the border, when the border is uniform.

    Offices often export a logo on a plain white (or other plain) square. That square is not the
    logo, and a photo shows whatever is behind it, so it is masked out by a flood fill from the
    edges; plain areas inside the logo, not connected to the edge, stay.
    """
    border = np.concatenate([rgb[0], rgb[-1], rgb[:, 0], rgb[:, -1]]).astype(np.int16)
    colour = np.median(border, axis=0)
    if np.percentile(np.abs(border - colour).max(axis=1), 90) > 12:
        return None  # a photo-like or patterned edge: keep the whole rectangle
    # A one-pixel frame of the border colour joins every edge pixel into one flood.
    framed = cv2.copyMakeBorder(
        np.ascontiguousarray(rgb), 1, 1, 1, 1, cv2.BORDER_CONSTANT, value=colour.tolist()
    )
    flood = np.zeros((framed.shape[0] + 2, framed.shape[1] + 2), np.uint8)
    flags = 4 | cv2.FLOODFILL_MASK_ONLY | cv2.FLOODFILL_FIXED_RANGE | (255 << 8)
    cv2.floodFill(framed, flood, (0, 0), (0, 0, 0), (12,) * 3, (12,) * 3, flags)
    return flood[2:-2, 2:-2] > 0


def load_reference(path: Path, name: str | None = None) -> LogoReference:
    """Load a logo file an office configured: PNG (or another raster Pillow reads) or SVG.

    Transparent pixels are not part of the logo; an opaque file on a plain background has that
    background masked out. The logo is cropped to what is left and scaled to a long side of 512 px.
    Raises ValueError naming the file and the reason for anything that cannot serve as a reference.
    """
    path = Path(path)
    try:
        if not path.is_file():
            raise _bad(path, "no such file")
        if path.stat().st_size > MAX_REFERENCE_BYTES:
            raise _bad(path, f"larger than {MAX_REFERENCE_BYTES // (1024 * 1024)} MiB")
        data = path.read_bytes()
    except OSError as error:
        raise _bad(path, f"cannot be read ({error.strerror or error})") from error
    if not data:
        raise _bad(path, "the file is empty")
    head = data[:512].lstrip().lower()
    is_svg = path.suffix.lower() in {".svg", ".svgz"} or head.startswith((b"<svg", b"<?xml"))
    try:
        if is_svg:
            picture = _render_svg(path, data)
        else:
            picture = Image.open(io.BytesIO(data))
            if max(picture.size) > MAX_REFERENCE_SIDE:
                raise _bad(path, f"{picture.size[0]}x{picture.size[1]} px is too large")
        picture.load()
        rgba = np.asarray(picture.convert("RGBA"))
    except ValueError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise _bad(path, f"not a readable image ({error})") from error
    if min(rgba.shape[:2]) < MIN_REFERENCE_SIDE:
        raise _bad(path, f"{rgba.shape[1]}x{rgba.shape[0]} px is too small to recognise")
    alpha = rgba[:, :, 3] >= 128
    if alpha.all():
        background = _background_mask(rgba[:, :, :3])
        if background is not None and not background.all():
            alpha = ~background
            rgba = rgba.copy()
            rgba[:, :, 3] = np.where(alpha, 255, 0).astype(np.uint8)
    if not alpha.any():
        raise _bad(path, "the image is fully transparent or a single plain colour")
    ys, xs = np.nonzero(alpha)
    crop = rgba[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    if min(crop.shape[:2]) < MIN_REFERENCE_SIDE * (max(rgba.shape[:2]) / REFERENCE_SIZE) / 4:
        raise _bad(path, "the visible logo is a thin line, too small to recognise")
    scale = REFERENCE_SIZE / max(crop.shape[:2])
    size = (max(1, round(crop.shape[1] * scale)), max(1, round(crop.shape[0] * scale)))
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    canonical = cv2.resize(np.ascontiguousarray(crop), size, interpolation=interpolation)
    canonical.setflags(write=False)
    return LogoReference(name=name or path.stem, rgba=canonical, source=str(path))


# --- matching ------------------------------------------------------------------------------------


def _grey_over(rgba: np.ndarray, background: int) -> np.ndarray:
    """The logo in grey (same weights as for the image), composited over a flat grey."""
    grey = cv2.cvtColor(np.ascontiguousarray(rgba[:, :, :3]), cv2.COLOR_RGB2GRAY).astype(np.float32)
    alpha = rgba[:, :, 3].astype(np.float32) / 255.0
    return np.clip(grey * alpha + background * (1 - alpha), 0, 255).astype(np.uint8)


def _masked_ncc(a: np.ndarray, b: np.ndarray, weights: np.ndarray) -> float:
    """Normalised cross-correlation of a and b over the weighted pixels (-1..1)."""
    total = float(weights.sum())
    if total <= 0:
        return 0.0
    am = a - float((a * weights).sum()) / total
    bm = b - float((b * weights).sum()) / total
    num = float((am * bm * weights).sum())
    den = math.sqrt(float((am * am * weights).sum()) * float((bm * bm * weights).sum()))
    return num / den if den > 1e-6 else 0.0


def _gradients(grey: np.ndarray) -> np.ndarray:
    gx = cv2.Sobel(grey, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(grey, cv2.CV_32F, 0, 1, ksize=3)
    return np.hstack([gx, gy])


@dataclass(frozen=True)
class _Prepared:
    """What one reference contributes to the search, computed once."""

    name: str
    width: int
    height: int
    outline: np.ndarray  # convex hull of the alpha mask, reference pixels, float32 (n, 2)
    to_square: np.ndarray  # 3x3: reference pixels -> _VERIFY square
    template: np.ndarray  # _VERIFY x _VERIFY float32 grey
    template_gradients: np.ndarray
    weights: np.ndarray  # _VERIFY x _VERIFY float32 mask
    gradient_weights: np.ndarray


class LogoMatcher:
    """Finds any of the given logos in images. Build it once; `find` is safe to call repeatedly.

    `working_size` is the long side the image is scaled down to before the search; `min_score` is
    the score a hit needs (calibrated by benchmarks/logo_eval.py); `max_angle` bounds the rotation;
    `features` is how many ORB keypoints the image gets (time grows with it).
    """

    def __init__(
        self,
        references: Sequence[LogoReference],
        *,
        working_size: int = 1280,
        min_score: float = 0.6,
        max_angle: float = 30.0,
        features: int = 3000,
    ) -> None:
        if not references:
            raise ValueError("a LogoMatcher needs at least one reference")
        names = [reference.name for reference in references]
        if len(set(names)) != len(names):
            raise ValueError(f"reference names repeat: {names}")
        self.working_size = working_size
        self.min_score = min_score
        self.max_angle = max_angle
        self.features = features
        self._orb_params = {
            "nfeatures": features,
            "scaleFactor": 1.2,
            "nlevels": 8,
            "edgeThreshold": 19,
            "patchSize": 19,
            "fastThreshold": 10,
            "scoreType": cv2.ORB_FAST_SCORE,
        }
        prepared: list[_Prepared] = []
        descriptors: list[np.ndarray] = []
        points: list[np.ndarray] = []
        owners: list[np.ndarray] = []
        for index, reference in enumerate(references):
            item, desc, pts = self._prepare(reference)
            if len(desc) < 12:
                raise ValueError(
                    f"logo reference {reference.source or reference.name}: too little detail to "
                    f"recognise ({len(desc)} features)"
                )
            prepared.append(item)
            descriptors.append(desc)
            points.append(pts)
            owners.append(np.full(len(desc), index, np.int32))
        self._references = tuple(prepared)
        self._descriptors = np.vstack(descriptors)
        table = np.vstack(points).astype(np.float32)
        self._points = np.ascontiguousarray(table[:, :2])
        self._angles = np.ascontiguousarray(table[:, 2])
        self._owners = np.concatenate(owners)

    @property
    def references(self) -> tuple[str, ...]:
        return tuple(item.name for item in self._references)

    def _orb(self, nfeatures: int | None = None, nlevels: int | None = None) -> cv2.ORB:
        # A fresh detector per call: cv2 objects keep per-call state and are not shared safely.
        params = dict(self._orb_params)
        if nfeatures is not None:
            params["nfeatures"] = nfeatures
        if nlevels is not None:
            params["nlevels"] = nlevels
        return cv2.ORB_create(**params)

    def _prepare(self, reference: LogoReference) -> tuple[_Prepared, np.ndarray, np.ndarray]:
        rgba = reference.rgba
        height, width = rgba.shape[:2]
        long_side = max(width, height)
        grey = _grey_over(rgba, _GREY)
        descriptors: list[np.ndarray] = []
        points: list[np.ndarray] = []
        for rung, keep in zip(_LADDER, _PER_RUNG, strict=True):
            factor = rung / long_side
            size = (max(1, round(width * factor)), max(1, round(height * factor)))
            small = cv2.resize(grey, size, interpolation=cv2.INTER_AREA)
            pad = 24  # room for ORB's border, filled with the same neutral grey
            padded = cv2.copyMakeBorder(small, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=_GREY)
            keypoints, desc = self._orb(nfeatures=keep, nlevels=1).detectAndCompute(padded, None)
            if desc is None:
                continue
            descriptors.append(desc)
            xy = (cv2.KeyPoint_convert(keypoints) - pad) / factor
            angle = np.array([kp.angle for kp in keypoints], np.float32)
            points.append(np.column_stack([xy, angle]))
        desc_all = np.vstack(descriptors) if descriptors else np.zeros((0, 32), np.uint8)
        pts_all = np.vstack(points) if points else np.zeros((0, 3), np.float32)

        mask = (rgba[:, :, 3] >= 128).astype(np.uint8)
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        outline = cv2.convexHull(np.vstack(contours)).reshape(-1, 2).astype(np.float32)
        sx, sy = _VERIFY / width, _VERIFY / height
        to_square = np.array([[sx, 0, 0], [0, sy, 0], [0, 0, 1]], np.float64)
        template = cv2.resize(grey, (_VERIFY, _VERIFY), interpolation=cv2.INTER_AREA)
        template = cv2.GaussianBlur(template.astype(np.float32), (3, 3), 0)
        alpha = cv2.resize(rgba[:, :, 3], (_VERIFY, _VERIFY), interpolation=cv2.INTER_AREA)
        weights = cv2.erode((alpha >= 200).astype(np.uint8), np.ones((3, 3), np.uint8))
        weights_f = weights.astype(np.float32)
        item = _Prepared(
            name=reference.name,
            width=width,
            height=height,
            outline=outline,
            to_square=to_square,
            template=template,
            template_gradients=_gradients(template),
            weights=weights_f,
            gradient_weights=np.hstack([weights_f, weights_f]),
        )
        return item, desc_all, pts_all

    def find(self, image: np.ndarray) -> LogoHit | None:
        """The best match of any reference in `image` (BGR, BGRA or grey, uint8), or None."""
        hits = self.find_all(image)
        return hits[0] if hits and hits[0].score >= self.min_score else None

    def find_all(self, image: np.ndarray) -> list[LogoHit]:
        """The best candidate of every reference that passed the geometric checks, best first,
        whatever its score (for calibration and for evidence)."""
        grey = _to_grey(image)
        height, width = grey.shape
        factor = self.working_size / max(height, width)
        if factor < 1.0:
            size = (max(1, round(width * factor)), max(1, round(height * factor)))
            # Halving by a Gaussian pyramid first is cheap; area averaging keeps small logos'
            # thin strokes (bilinear loses about one small logo in twenty-five here).
            while factor < 0.5 and min(grey.shape) >= 32:
                grey = cv2.pyrDown(grey)
                factor *= 2
            work = cv2.resize(grey, size, interpolation=cv2.INTER_AREA)
        elif factor > 1.0:
            # A small picture is enlarged (at most twice) to the working size: a logo at 5% of a
            # 960-pixel width is 48 px, under what ORB describes well, and 64 px once enlarged
            # (benchmarks/logo_eval.py: 6 more of 234 calibration logos found, no false hit).
            factor = min(factor, _MAX_ENLARGE)
            size = (round(width * factor), round(height * factor))
            work = cv2.resize(grey, size, interpolation=cv2.INTER_LINEAR)
        else:
            work = grey
        keypoints, desc = self._describe(work)
        if desc is None or len(keypoints) < 4:
            return []
        image_xy = cv2.KeyPoint_convert(keypoints).astype(np.float32)
        image_angles = np.array([kp.angle for kp in keypoints], np.float32)
        matcher = cv2.BFMatcher(cv2.NORM_HAMMING)
        pairs = matcher.knnMatch(desc, self._descriptors, k=2)
        query, train = _ratio_filter(pairs, self._points, self._owners)
        # A true match turns its keypoint by the logo's rotation: drop the ones that cannot.
        turn = (image_angles[query] - self._angles[train] + 180.0) % 360.0 - 180.0
        upright = np.abs(turn) <= self.max_angle + _ANGLE_SLACK
        query, train = query[upright], train[upright]
        hits: list[LogoHit] = []
        for index, item in enumerate(self._references):
            chosen = np.flatnonzero(self._owners[train] == index)
            hit = self._fit(
                item, image_xy[query[chosen]], self._points[train[chosen]], work, (width, height)
            )
            if hit is not None:
                hits.append(hit)
        hits.sort(key=lambda hit: hit.score, reverse=True)
        return hits

    def _describe(self, work: np.ndarray) -> tuple[Sequence[cv2.KeyPoint], np.ndarray | None]:
        """ORB keypoints spread over the picture, and their descriptors.

        ORB keeps the strongest corners of the whole picture, and a page of text or foliage has
        thousands stronger than a small logo's: with them alone, a logo beside a caption is not
        found at all. So ORB detects `_OVERDETECT` times as many, and they are taken round robin
        over the cells of a grid (per pyramid level, cells of `_CELL` px at that level; at most
        `_PER_CELL` per cell), before the descriptors are computed.
        """
        orb = self._orb(nfeatures=self.features * _OVERDETECT)
        keypoints = orb.detect(work, None)
        if len(keypoints) > self.features:
            xy = cv2.KeyPoint_convert(keypoints)
            octave = np.array([kp.octave for kp in keypoints], np.int64)
            response = np.array([kp.response for kp in keypoints], np.float32)
            cell = _CELL * np.power(1.2, octave)
            cx = (xy[:, 0] / cell).astype(np.int64)
            cy = (xy[:, 1] / cell).astype(np.int64)
            key = (octave * 4096 + cy) * 4096 + cx
            order = np.lexsort((-response, key))
            sorted_key = key[order]
            starts = np.r_[0, np.flatnonzero(np.diff(sorted_key)) + 1]
            rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
            # Round robin over the cells: every cell's best, then every cell's second best...
            kept = order[rank < _PER_CELL]
            kept = kept[np.lexsort((-response[kept], rank[rank < _PER_CELL]))[: self.features]]
            keypoints = [keypoints[i] for i in kept]
        return orb.compute(work, keypoints)

    def _fit(
        self,
        item: _Prepared,
        image_xy: np.ndarray,
        reference_xy: np.ndarray,
        work: np.ndarray,
        original: tuple[int, int],
    ) -> LogoHit | None:
        if len(image_xy) < _MIN_INLIERS:
            return None
        best: LogoHit | None = None
        remaining = np.ones(len(image_xy), bool)
        for _attempt in range(3):  # more tries without the earlier fits' inliers
            if remaining.sum() < _MIN_INLIERS:
                break
            src, dst = reference_xy[remaining], image_xy[remaining]
            model, inlier_mask = cv2.estimateAffinePartial2D(
                src,
                dst,
                method=cv2.RANSAC,
                ransacReprojThreshold=4.0,
                maxIters=2000,
                confidence=0.995,
                refineIters=10,
            )
            if model is None:
                break
            inliers = inlier_mask.ravel().astype(bool)
            count = int(inliers.sum())
            positions = np.flatnonzero(remaining)
            remaining[positions[inliers]] = False
            if count < _MIN_INLIERS:
                break
            hit = self._verify(item, model, count, len(image_xy), work, original)
            if hit is not None and (best is None or hit.score > best.score):
                best = hit
        return best

    def _verify(
        self,
        item: _Prepared,
        model: np.ndarray,
        inliers: int,
        matches: int,
        work: np.ndarray,
        original: tuple[int, int],
    ) -> LogoHit | None:
        """Check a fit (reference pixels -> working copy) and score it; None if implausible."""
        a, b = float(model[0, 0]), float(model[1, 0])
        scale = math.hypot(a, b)
        angle = -math.degrees(math.atan2(b, a))  # image y points down: flip to counter-clockwise
        logo_w = scale * item.width
        logo_h = scale * item.height
        work_h, work_w = work.shape
        if abs(angle) > self.max_angle or min(logo_w, logo_h) < 12:
            return None
        if logo_w > 1.6 * work_w or logo_h > 1.6 * work_h:
            return None
        outline = cv2.transform(item.outline.reshape(-1, 1, 2), model).reshape(-1, 2)
        x0, y0 = outline.min(axis=0)
        x1, y1 = outline.max(axis=0)
        visible = (min(x1, work_w) - max(x0, 0)) * (min(y1, work_h) - max(y0, 0))
        if visible <= 0.5 * (x1 - x0) * (y1 - y0):
            return None  # most of the supposed logo would lie outside the picture
        # Warp the candidate back into the reference's frame. A large logo is warped to a larger
        # square first and then averaged down, so that thin strokes do not alias away.
        side = int(_VERIFY * min(4.0, max(1.0, max(logo_w, logo_h) / _VERIFY)))
        forward = np.vstack([model, [0, 0, 1]])
        enlarge = np.diag([side / _VERIFY, side / _VERIFY, 1.0])
        to_square = enlarge @ item.to_square @ np.linalg.inv(forward)
        patch = cv2.warpAffine(
            work,
            to_square[:2],
            (side, side),
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_REPLICATE,
        )
        if side != _VERIFY:
            patch = cv2.resize(patch, (_VERIFY, _VERIFY), interpolation=cv2.INTER_AREA)
        patch = cv2.GaussianBlur(patch.astype(np.float32), (3, 3), 0)
        correlation = _masked_ncc(patch, item.template, item.weights)
        gradient = _masked_ncc(_gradients(patch), item.template_gradients, item.gradient_weights)
        # Grey levels weigh more than gradients: JPEG and scaling blur edges before they change
        # the tones. (Weights from benchmarks/logo_eval.py: they separate hard negatives best.)
        score = max(0.0, 0.6 * correlation + 0.4 * gradient)
        back = original[0] / work_w  # working copy -> the caller's pixels
        left, top = max(0, math.floor(x0 * back)), max(0, math.floor(y0 * back))
        right = min(original[0], math.ceil(x1 * back))
        bottom = min(original[1], math.ceil(y1 * back))
        return LogoHit(
            box=(left, top, right - left, bottom - top),
            score=min(1.0, score),
            reference=item.name,
            scale=scale * back,
            angle=angle,
            inliers=inliers,
            matches=matches,
            correlation=correlation,
            gradient_correlation=gradient,
        )


def _to_grey(image: np.ndarray) -> np.ndarray:
    if not isinstance(image, np.ndarray) or image.dtype != np.uint8:
        raise ValueError("the image must be a uint8 numpy array")
    if image.ndim == 2:
        grey = image
    elif image.ndim == 3 and image.shape[2] == 3:
        grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    elif image.ndim == 3 and image.shape[2] == 4:
        grey = cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY)
    elif image.ndim == 3 and image.shape[2] == 1:
        grey = image[:, :, 0]
    else:
        raise ValueError(f"the image must be grey, BGR or BGRA, not of shape {image.shape}")
    if min(grey.shape) < 8:
        raise ValueError(f"the image is too small ({grey.shape[1]}x{grey.shape[0]} px)")
    return np.ascontiguousarray(grey)


def _ratio_filter(
    pairs: Sequence[Sequence[cv2.DMatch]], points: np.ndarray, owners: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Lowe's ratio test, except that a second neighbour at (nearly) the same place of the same
    reference is no rival: the ladder describes one spot at several sizes."""
    rows = [
        (p[0].queryIdx, p[0].trainIdx, p[0].distance, p[1].trainIdx, p[1].distance)
        if len(p) > 1
        else (p[0].queryIdx, p[0].trainIdx, p[0].distance, p[0].trainIdx, 1e9)
        for p in pairs
        if p
    ]
    if not rows:
        return np.zeros(0, np.intp), np.zeros(0, np.intp)
    table = np.array(rows, np.float64)
    query = table[:, 0].astype(np.intp)
    first = table[:, 1].astype(np.intp)
    second = table[:, 3].astype(np.intp)
    same = (owners[first] == owners[second]) & (
        np.abs(points[first] - points[second]).max(axis=1) < 16
    )
    keep = (table[:, 2] <= _MAX_DISTANCE) & (same | (table[:, 2] <= _RATIO * table[:, 4]))
    return query[keep], first[keep]


def logo_key(logos: tuple[tuple[str, str], ...]) -> str:
    """The name the results of one set of reference logos are kept under (files and hashes)."""
    return f"logo:{logos!r}"


def matcher_for(logos: tuple[tuple[str, str], ...]) -> LogoMatcher:
    """The matcher of an office's [brand] logos, given as (path, sha256) pairs."""
    return LogoMatcher(
        [
            load_reference(Path(path), f"{i + 1}:{Path(path).name}")
            for i, (path, _) in enumerate(logos)
        ]
    )
