"""Infographic OCR: the text, lines, blocks and numeric facts of one image, for M410 and M411.

Method (measured on benchmarks/infographic_eval.py):

1. The image is turned into dark text on white whatever its colours: every channel is compared
   with a local, edge-preserving background estimate (a median over a window wider than the
   strokes of big digits, widened once when giant glyphs are found), so light-on-dark panels,
   coloured panels and plain dark-on-light text all come out alike and tesseract need not try
   inverted lines. Images under 1080 px on the short side are scaled up first.
2. One tesseract call on the whole picture (`image_to_data`, psm 11, sparse text).
3. Tesseract's page layout drops small captions on a page that also has big text (a caption
   under a big number, a source line): exactly M411's case. Rows of glyph-shaped connected
   components that no read word covers are cropped, scaled up and stacked into one strip, and
   read in a second call; only pictures with such rows pay for it.
4. Words are grouped into lines (tesseract's line, split at wide gaps) and lines into blocks by
   geometry; low-confidence garbage is dropped.

All boxes are in the coordinates of the input image.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import cv2
import numpy as np
import pytesseract
from PIL import Image

__all__ = [
    "REQUIRED_LANGUAGES",
    "Block",
    "Box",
    "Line",
    "NumericFact",
    "OcrResult",
    "TesseractStatus",
    "Word",
    "numeric_facts",
    "preprocess",
    "read_text",
    "smallest_line_ratio",
    "tesseract_status",
]

REQUIRED_LANGUAGES: tuple[str, ...] = ("kaz", "rus", "eng")
PAGE_SEGMENTATION = 11

# Tuned on the calibration part of benchmarks/infographic_eval.py.
MIN_WORD_CONFIDENCE = 45.0  # below this a word is usually an icon edge or a shape read as letters
MIN_SHORT_WORD_CONFIDENCE = 70.0  # one- and two-character words need more evidence
BG_WINDOW = 0.143  # background median window, as a fraction of the short side
INK_CONTRAST = 28  # channel difference from the local background that starts to count as ink
TARGET_MIN_SIDE = 1080  # smaller images are scaled up to this; larger ones are left alone
MAX_LONG_SIDE = 2200  # larger images are scaled down to this, for time
INK_LEVEL = 145  # a pixel of the prepared image darker than this is ink
MAX_INK_FRACTION = 0.3  # infographics measured at most 0.08; textured photos 0.7-0.9
ROW_MIN_GLYPHS = 2  # a row of text found by geometry needs this many glyph-like components
STRIP_ROW_PX = 40  # rows re-read in the second pass are scaled to about this height
MAX_STRIP_ROWS = 40  # at most this many missed rows are re-read (the smallest first)
MAX_STRIP_PIXELS = 2_500_000  # and the strip stays under this size, for time
BLOCK_GAP_LINES = 1.3  # lines closer than this many line heights (vertically) share a block
BLOCK_BIG_GAP = 0.3  # ... plus this many heights of the bigger line (a label under a number)
LINE_SPLIT_GAP = 1.0  # a wider gap between words (in word heights) starts a new line
BLOCK_SAME_ROW_GAP = 1.6  # lines on one row closer than this many heights share a block


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned box: left, top, width, height in pixels."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def as_list(self) -> list[int]:
        return [self.x, self.y, self.w, self.h]

    @staticmethod
    def union(boxes: Iterable[Box]) -> Box:
        items = list(boxes)
        x0 = min(b.x for b in items)
        y0 = min(b.y for b in items)
        x1 = max(b.right for b in items)
        y1 = max(b.bottom for b in items)
        return Box(x0, y0, x1 - x0, y1 - y0)


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    box: Box
    confidence: float  # tesseract's 0..100


@dataclass(frozen=True, slots=True)
class Line:
    """Words on one text line, left to right; `box` is the union of their ink boxes."""

    words: tuple[Word, ...]
    box: Box

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def height(self) -> int:
        """Pixel height of the line's ink box (capitals and ascenders to descenders)."""
        return self.box.h


@dataclass(frozen=True, slots=True)
class Block:
    """Lines that sit together visually (a heading, a label under its number, a panel's text)."""

    lines: tuple[Line, ...]
    box: Box

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True, slots=True)
class OcrResult:
    words: tuple[Word, ...]
    lines: tuple[Line, ...]
    blocks: tuple[Block, ...]
    image_size: tuple[int, int]  # width, height of the input image
    langs: str
    skipped: str | None = None  # why the picture was not read (e.g. a textured photo)

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)


@dataclass(frozen=True, slots=True)
class NumericFact:
    """One distinct number: `value` is normalised (scale words applied) for de-duplication."""

    text: str
    value: float
    percent: bool
    box: Box


@dataclass(frozen=True, slots=True)
class TesseractStatus:
    available: bool
    version: str | None
    languages: tuple[str, ...]
    missing: tuple[str, ...]
    reason: str | None  # why OCR cannot run, in plain words; None when it can


def _tesseract_cmd() -> str:
    return str(pytesseract.pytesseract.tesseract_cmd)


def tesseract_status(required: Sequence[str] = REQUIRED_LANGUAGES) -> TesseractStatus:
    """Whether tesseract and the language data are there; asks the binary each time (no cache).

    pytesseract caches `get_languages()` for the process, so a changed TESSDATA_PREFIX would go
    unseen; the binary is run directly instead.
    """
    cmd = _tesseract_cmd()
    path = shutil.which(cmd)
    if path is None:
        return TesseractStatus(
            False,
            None,
            (),
            tuple(required),
            f"the tesseract program ({cmd!r}) is not installed or not on PATH; "
            "install tesseract-ocr and tesseract-ocr-kaz, -rus, -eng",
        )
    try:
        ver = subprocess.run(
            [path, "--version"], capture_output=True, text=True, timeout=20, check=False
        )
        listed = subprocess.run(
            [path, "--list-langs"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return TesseractStatus(False, None, (), tuple(required), f"tesseract could not run: {exc}")
    version = None
    for line in (ver.stdout + ver.stderr).splitlines():
        if line.lower().startswith("tesseract"):
            version = line.split()[-1]
            break
    languages = tuple(
        s.strip()
        for s in listed.stdout.splitlines()[1:]
        if s.strip() and re.fullmatch(r"[\w+-]+", s.strip())
    )
    missing = tuple(lang for lang in required if lang not in languages)
    if missing:
        where = os.environ.get("TESSDATA_PREFIX") or "tesseract's default tessdata directory"
        detail = (listed.stderr or "").strip().splitlines()
        extra = f" ({detail[0]})" if detail and not languages else ""
        return TesseractStatus(
            False,
            version,
            languages,
            missing,
            f"tesseract language data missing: {', '.join(m + '.traineddata' for m in missing)} "
            f"not found in {where}{extra}; install tesseract-ocr-"
            + ", tesseract-ocr-".join(missing),
        )
    return TesseractStatus(True, version, languages, (), None)


# --------------------------------------------------------------------------- preprocessing


def _as_rgb_array(image: np.ndarray | Image.Image) -> np.ndarray:
    if isinstance(image, Image.Image):
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGBA") if "A" in image.getbands() else image.convert("RGB")
            if image.mode == "RGBA":
                canvas = Image.new("RGB", image.size, (255, 255, 255))
                canvas.paste(image, mask=image.getchannel("A"))
                image = canvas
        arr = np.asarray(image)
    else:
        arr = np.asarray(image)
        if arr.ndim == 3 and arr.shape[2] == 4:
            arr = arr[:, :, :3]
    if arr.dtype != np.uint8:
        arr = np.clip(arr, 0, 255).astype(np.uint8)
    if arr.ndim == 2:
        arr = arr[:, :, None]
    return np.ascontiguousarray(arr)


def preprocess(image: np.ndarray | Image.Image) -> tuple[np.ndarray, float]:
    """Dark text on white, grey levels kept for anti-aliasing; returns (image, scale used).

    NumPy arrays are taken as RGB (or grey); the ink measure is channel-wise so colour
    contrast at equal brightness still counts.
    """
    arr = _as_rgb_array(image)
    h, w = arr.shape[:2]
    scale = 1.0
    if min(h, w) < TARGET_MIN_SIDE:
        scale = min(TARGET_MIN_SIDE / min(h, w), MAX_LONG_SIDE / max(h, w))
    elif max(h, w) > MAX_LONG_SIDE:
        scale = MAX_LONG_SIDE / max(h, w)
    if abs(scale - 1.0) > 1e-3:
        interp = cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA
        arr = cv2.resize(arr, (round(w * scale), round(h * scale)), interpolation=interp)
        if arr.ndim == 2:
            arr = arr[:, :, None]
    sh, sw = arr.shape[:2]
    # The background is a median at 1/8 size (fast) over BG_WINDOW of the short side: wide
    # enough that the strokes of ordinary big digits are a minority of the window, narrow
    # enough to follow panels and table stripes.
    factor = 8
    small = cv2.resize(
        arr, (max(1, sw // factor), max(1, sh // factor)), interpolation=cv2.INTER_AREA
    )
    if small.ndim == 2:
        small = small[:, :, None]
    window = min(sh, sw) * BG_WINDOW
    ink = _ink(arr, small, window, factor)
    # Giant bold glyphs fill the window and come out hollow: widen it for them only.
    tallest = _tallest_glyph(ink, min(sh, sw))
    if tallest > 0.6 * window:
        ink = _ink(arr, small, min(min(sh, sw) / 2.5, 1.7 * tallest), factor)
    return 255 - ink, scale


def _ink(arr: np.ndarray, small: np.ndarray, window: float, factor: int) -> np.ndarray:
    """Ink strength 0..255: the largest channel difference from the median background."""
    sh, sw = arr.shape[:2]
    k = max(3, round(window / factor) | 1)
    diff = np.zeros((sh, sw), dtype=np.int16)
    for c in range(arr.shape[2]):
        bg_small = cv2.medianBlur(np.ascontiguousarray(small[:, :, c]), k)
        bg = cv2.resize(bg_small, (sw, sh), interpolation=cv2.INTER_NEAREST)
        d = cv2.absdiff(arr[:, :, c], bg).astype(np.int16)
        np.maximum(diff, d, out=diff)
    return np.clip((diff - INK_CONTRAST) * 3, 0, 255).astype(np.uint8)


def _tallest_glyph(ink: np.ndarray, short_side: int) -> int:
    """Height of the tallest glyph-shaped ink component (0 when none)."""
    _, binary = cv2.threshold(ink, 110, 255, cv2.THRESH_BINARY)
    n, _, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    best = 0
    for i in range(1, n):
        w, h, area = (int(v) for v in stats[i, 2:5])
        if h <= short_side / 2.5 and w <= 1.5 * h and area >= 0.15 * w * h and h > best:
            best = h
    return best


# --------------------------------------------------------------------------- OCR


_LETTER_OR_DIGIT = re.compile(r"[^\W_]", re.UNICODE)


def _keep_word(text: str, conf: float, h: int) -> bool:
    if conf < MIN_WORD_CONFIDENCE or h < 5:
        return False
    core = _LETTER_OR_DIGIT.findall(text)
    if not core:
        return False
    if len(core) <= 2 and conf < MIN_SHORT_WORD_CONFIDENCE:
        return False
    # mixed garbage such as "|||" or "=—~" with one letter
    return len(core) * 2 >= len(text.strip("«»\"'()[].,:;!?-–—")) or len(core) >= 3


def _group_lines(words: list[tuple[tuple[int, int, int], Word]]) -> list[Line]:
    """Words into lines: tesseract's (block, paragraph, line) first, then split wide gaps."""
    by_key: dict[tuple[int, int, int], list[Word]] = {}
    for key, word in words:
        by_key.setdefault(key, []).append(word)
    lines: list[Line] = []
    for group in by_key.values():
        group.sort(key=lambda wd: wd.box.x)
        current: list[Word] = [group[0]]
        for word in group[1:]:
            prev = current[-1]
            height = max(prev.box.h, word.box.h)
            if word.box.x - prev.box.right > LINE_SPLIT_GAP * height:
                lines.append(Line(tuple(current), Box.union(wd.box for wd in current)))
                current = [word]
            else:
                current.append(word)
        lines.append(Line(tuple(current), Box.union(wd.box for wd in current)))
    lines.sort(key=lambda ln: (ln.box.y, ln.box.x))
    return lines


def _line_size(line: Line) -> int:
    """A robust text size of a line: the median word height (one odd word does not dominate)."""
    hs = sorted(w.box.h for w in line.words)
    return hs[len(hs) // 2]


def _group_blocks(lines: list[Line]) -> list[Block]:
    """Lines into visually separate blocks, by geometry alone (union-find).

    Two lines join when they overlap horizontally (or are left-, centre- or right-aligned) and
    the vertical gap is below BLOCK_GAP_LINES times the smaller text size, or when they sit on
    the same row with a small gap (a line tesseract split in two).
    """
    n = len(lines)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        a = lines[i].box
        sa = _line_size(lines[i])
        for j in range(i + 1, n):
            b = lines[j].box
            sb = _line_size(lines[j])
            small = min(sa, sb)
            big = max(sa, sb)
            v_overlap = min(a.bottom, b.bottom) - max(a.y, b.y)
            h_overlap = min(a.right, b.right) - max(a.x, b.x)
            if v_overlap > 0.5 * small:
                h_gap = -h_overlap
                joined = h_gap < BLOCK_SAME_ROW_GAP * small
            else:
                v_gap = max(a.y, b.y) - min(a.bottom, b.bottom)
                tol = 0.6 * small
                aligned = (
                    h_overlap > 0.3 * min(a.w, b.w)
                    or abs(a.x - b.x) < tol
                    or abs(a.right - b.right) < tol
                    or abs((a.x + a.right) - (b.x + b.right)) < 2 * tol
                )
                joined = (
                    aligned
                    and v_gap < BLOCK_GAP_LINES * small + BLOCK_BIG_GAP * big
                    and big <= 6 * small
                )
            if joined:
                parent[find(i)] = find(j)
    groups: dict[int, list[Line]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(lines[i])
    blocks = [
        Block(tuple(sorted(g, key=lambda ln: (ln.box.y, ln.box.x))), Box.union(ln.box for ln in g))
        for g in groups.values()
    ]
    blocks.sort(key=lambda b: (b.box.y, b.box.x))
    return blocks


def _text_rows(prepared: np.ndarray) -> list[Box]:
    """Rows of glyph-like connected components (geometry only), in working coordinates.

    Used to find text that tesseract's page layout skipped: it drops small captions on a page
    that also has big text (a caption under a big number, a small source line), which is the
    very text M411 is about.
    """
    _, binary = cv2.threshold(255 - prepared, 110, 255, cv2.THRESH_BINARY)
    n, _, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    page_h = prepared.shape[0]
    comps = []
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        if 5 <= h <= page_h * 0.2 and w <= 3 * h + 2 and area >= 0.12 * w * h:
            comps.append((x, y, w, h))
    comps.sort()
    used = [False] * len(comps)
    rows: list[Box] = []
    for i, (x, y, w, h) in enumerate(comps):
        if used[i]:
            continue
        chain = [i]
        cx1, cy, ch = x + w, y + h / 2, h
        for j in range(i + 1, len(comps)):
            if used[j]:
                continue
            x2, y2, w2, h2 = comps[j]
            if x2 - cx1 > 1.2 * ch:
                if x2 - cx1 > 6 * ch:
                    break
                continue
            if abs((y2 + h2 / 2) - cy) < 0.35 * ch and 0.55 < h2 / ch < 1.8:
                chain.append(j)
                cx1 = max(cx1, x2 + w2)
        if len(chain) >= ROW_MIN_GLYPHS:
            for j in chain:
                used[j] = True
            rows.append(Box.union(Box(*comps[j]) for j in chain))
    return rows


def _ocr_words(
    image: np.ndarray, langs: str, psm: int
) -> list[tuple[tuple[int, int, int], str, float, Box]]:
    data = pytesseract.image_to_data(
        image,
        lang=langs,
        config=f"--oem 1 --psm {psm} -c tessedit_do_invert=0",
        output_type=pytesseract.Output.DICT,
    )
    out = []
    for i, raw in enumerate(data["text"]):
        text = (raw or "").strip()
        if text:
            key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
            box = Box(
                int(data["left"][i]),
                int(data["top"][i]),
                int(data["width"][i]),
                int(data["height"][i]),
            )
            out.append((key, text, float(data["conf"][i]), box))
    return out


def _tighten(prepared: np.ndarray, box: Box) -> Box:
    """The box shrunk to the ink inside it: tesseract sometimes returns a small word with the
    height of its whole row (35 px for 16 px text), which would hide it from M411."""
    crop = prepared[box.y : box.bottom, box.x : box.right] < INK_LEVEL
    rows = np.flatnonzero(crop.any(axis=1))
    cols = np.flatnonzero(crop.any(axis=0))
    if rows.size == 0 or cols.size == 0:
        return box
    return Box(
        box.x + int(cols[0]),
        box.y + int(rows[0]),
        int(cols[-1] - cols[0]) + 1,
        int(rows[-1] - rows[0]) + 1,
    )


def _covered(row: Box, boxes: list[Box]) -> bool:
    """Whether a word box of about the row's size already covers most of the row."""
    for b in boxes:
        ix = min(row.right, b.right) - max(row.x, b.x)
        iy = min(row.bottom, b.bottom) - max(row.y, b.y)
        if ix > 0.3 * row.w and iy > 0.6 * row.h and b.h < 2.2 * row.h:
            return True
    return False


def read_text(image: np.ndarray | Image.Image, *, langs: str = "kaz+rus+eng") -> OcrResult:
    """OCR an infographic: words, lines and blocks with boxes in the input's coordinates.

    One tesseract call on the whole picture (psm 11, sparse text: infographics are scattered
    labels, not a page with columns). When rows of text found by geometry were not read,
    one more call reads just those rows, stacked into a strip and scaled up.
    A picture that is mostly texture (a photo) is not read: `skipped` says so.
    Raises pytesseract's errors when tesseract cannot run; check `tesseract_status()` first.
    """
    prepared, scale = preprocess(image)
    in_h, in_w = (
        (image.size[1], image.size[0]) if isinstance(image, Image.Image) else image.shape[:2]
    )
    ink_fraction = float(np.count_nonzero(prepared[::2, ::2] < INK_LEVEL)) / prepared[::2, ::2].size
    if ink_fraction > MAX_INK_FRACTION:
        return OcrResult(
            (),
            (),
            (),
            (int(in_w), int(in_h)),
            langs,
            skipped=f"{ink_fraction:.0%} of the picture differs from a flat background: "
            "a photo or texture, not an infographic; not read",
        )
    raw = [
        (k, t, c, _tighten(prepared, b))
        for k, t, c, b in _ocr_words(prepared, langs, PAGE_SEGMENTATION)
    ]
    read_boxes = [b for _, t, c, b in raw if c >= MIN_WORD_CONFIDENCE / 2]
    missed = [r for r in _text_rows(prepared) if not _covered(r, read_boxes)]
    missed = sorted(missed, key=lambda b: b.h)[:MAX_STRIP_ROWS]
    if missed:
        raw += _read_rows(prepared, missed, langs)
    inv = 1.0 / scale
    every: list[tuple[tuple[int, int, int], Word]] = []
    for key, text, conf, b in raw:
        box = Box(
            round(b.x * inv), round(b.y * inv), max(1, round(b.w * inv)), max(1, round(b.h * inv))
        )
        every.append((key, Word(text, box, conf)))
    # Lines are split on wide gaps before the garbage is dropped, so that a dash between two
    # words does not leave a gap that looks like two columns.
    lines = []
    for line in _group_lines(every) if every else []:
        kept = tuple(w for w in line.words if _keep_word(w.text, w.confidence, w.box.h))
        if kept:
            lines.append(Line(kept, Box.union(w.box for w in kept)))
    blocks = _group_blocks(lines)
    words = tuple(w for ln in lines for w in ln.words)
    return OcrResult(words, tuple(lines), tuple(blocks), (int(in_w), int(in_h)), langs)


def _read_rows(
    prepared: np.ndarray, rows: list[Box], langs: str
) -> list[tuple[tuple[int, int, int], str, float, Box]]:
    """Reads the given rows in one call: each cropped, scaled and stacked with white space.

    Words come back in the coordinates of `prepared`, with line keys that cannot clash with
    the first pass (block numbers from 10 000 up, one per row).
    """
    page_h, page_w = prepared.shape[:2]
    pieces = []
    placed = []  # (strip_top, strip_bottom, zoom, origin_x, origin_y)
    cursor = 20
    width = 0
    for row in rows:
        pad_y = max(2, row.h // 3)
        pad_x = row.h
        x0, y0 = max(0, row.x - pad_x), max(0, row.y - pad_y)
        x1, y1 = min(page_w, row.right + pad_x), min(page_h, row.bottom + pad_y)
        crop = prepared[y0:y1, x0:x1]
        zoom = max(1.0, min(4.0, STRIP_ROW_PX / max(1, row.h)))
        if zoom > 1.0:
            crop = cv2.resize(
                crop,
                (round(crop.shape[1] * zoom), round(crop.shape[0] * zoom)),
                interpolation=cv2.INTER_CUBIC,
            )
        if (cursor + crop.shape[0]) * max(width, crop.shape[1]) > MAX_STRIP_PIXELS:
            break
        pieces.append((cursor, crop))
        placed.append((cursor, cursor + crop.shape[0], zoom, x0, y0))
        cursor += crop.shape[0] + 40
        width = max(width, crop.shape[1])
    if not pieces:
        return []
    strip = np.full((cursor, width + 40), 255, dtype=np.uint8)
    for top, crop in pieces:
        strip[top : top + crop.shape[0], 20 : 20 + crop.shape[1]] = crop
    out = []
    for _key, text, conf, b in _ocr_words(strip, langs, PAGE_SEGMENTATION):
        cy = b.y + b.h / 2
        for index, (top, bottom, zoom, x0, y0) in enumerate(placed):
            if top <= cy < bottom:
                box = Box(
                    round(x0 + (b.x - 20) / zoom),
                    round(y0 + (b.y - top) / zoom),
                    max(1, round(b.w / zoom)),
                    max(1, round(b.h / zoom)),
                )
                out.append(((10_000 + index, 0, 0), text, conf, _tighten(prepared, box)))
                break
    return out


# --------------------------------------------------------------------------- numeric facts

# Scale words (kk / ru / en) and their multipliers. Longer spellings first in the regex.
_SCALES: dict[str, float] = {
    "трлн": 1e12,
    "триллион": 1e12,
    "trillion": 1e12,
    "млрд": 1e9,
    "миллиард": 1e9,
    "billion": 1e9,
    "bn": 1e9,
    "млн": 1e6,
    "миллион": 1e6,
    "million": 1e6,
    "mln": 1e6,
    "тыс": 1e3,
    "тысяч": 1e3,
    "тысяча": 1e3,
    "тысячи": 1e3,
    "мың": 1e3,
    "thousand": 1e3,
}
_UNITS_RE = (
    r"теңге|тенге|тг\.?|₸|руб\w*|доллар\w*|адам|человек\w*|чел\.|км|га|тонн\w*|"
    r"people|tenge|km|USD|\$|€"
)
_SCALE_RE = "|".join(sorted((re.escape(s) for s in _SCALES), key=len, reverse=True))
# A number: digits with optional thousands groups (space, thin space, dot or comma + 3 digits)
# and an optional decimal part; then optional percent or scale word.
_NUMBER = re.compile(
    r"(?<![\w.,])"
    r"(?P<num>\d{1,3}(?:[  \u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:\s?(?P<pct>%|процент\w*|пайыз\w*|percent))?"
    r"(?:\s?(?P<scale>" + _SCALE_RE + r")\w*\.?)?"
    r"(?:\s?(?P<pct2>%))?"
    r"(?:\s?(?P<unit>" + _UNITS_RE + r")(?!\w))?",
    re.IGNORECASE | re.UNICODE,
)
_YEAR_WORD = re.compile(
    r"^\s*(?:ж\.|жыл\w*|г\.|год\w*|гг\.?|year\w*|\s*ж\b|\s*г\b)", re.IGNORECASE | re.UNICODE
)
_DATE_LIKE = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}\s?[-–—]\s?\d{2,4}")
_LIST_MARKER = re.compile(r"^\s*(\d{1,2})[.)]\s+\D")


def _parse_number(raw: str) -> float | None:
    s = raw.replace(" ", "").replace(" ", "").replace("\u202f", "")
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", s) and not re.fullmatch(r"\d{1,3}[.,]\d{3}", s):
        s = re.sub(r"[.,]", "", s)  # 1.250.000 / 1,250,000
    elif "," in s and "." in s:
        s = s.replace(",", "")
    else:
        s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


def _span_box(line: Line, start: int, end: int) -> Box:
    """The union of the boxes of the words that the character span [start, end) touches."""
    boxes = []
    pos = 0
    for word in line.words:
        w_end = pos + len(word.text)
        if w_end > start and pos < end:
            boxes.append(word.box)
        pos = w_end + 1
    return Box.union(boxes) if boxes else line.box


def _facts_in_line(line: Line) -> Iterable[NumericFact]:
    text = line.text
    dates = [m.span() for m in _DATE_LIKE.finditer(text)]
    marker = _LIST_MARKER.match(text)
    for m in _NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b in dates):
            continue
        if marker and m.start() == marker.start(1):
            continue  # "1. Ауыл – Ел бесігі": a list number, not a fact
        value = _parse_number(m.group("num"))
        if value is None:
            continue
        percent = bool(m.group("pct") or m.group("pct2"))
        scale_word = (m.group("scale") or "").lower()
        if scale_word:
            value *= _SCALES.get(scale_word, 1.0)
        digits = re.sub(r"\D", "", m.group("num"))
        bare_int = not percent and not scale_word and digits == m.group("num")
        if bare_int and len(digits) == 4 and 1900 <= value <= 2100:
            continue  # a year ("2024", "2024 жыл") is a date, not a fact
        if bare_int and _YEAR_WORD.match(text[m.end() :]) and len(digits) == 4:
            continue
        yield NumericFact(m.group(0).strip(), value, percent, _span_box(line, *m.span()))


def numeric_facts(result: OcrResult) -> tuple[NumericFact, ...]:
    """The distinct numeric facts, in reading order.

    Counted: numbers, percentages, numbers with a scale word (млн, млрд, мың, тыс., million...)
    or a unit after them. Not counted: a bare year 1900-2100 (with or without жыл/год: a date),
    dates such as 12.05.2024 or 2017-2025, and list numbers "1." / "2)" at the start of a line.
    The same value twice ("35%" in the title and in the chart) counts once; 1,2 млн and
    1 200 000 are the same value.
    """
    seen: dict[tuple[float, bool], NumericFact] = {}
    for line in result.lines:
        for fact in _facts_in_line(line):
            key = (round(fact.value, 6), fact.percent)
            if key not in seen:
                seen[key] = fact
    return tuple(seen.values())


def smallest_line_ratio(result: OcrResult, image_height: int) -> float | None:
    """Height of the smallest text line over the image height; None when no text was read.

    A line's height is its ink box: from the top of its capitals or ascenders to the bottom
    of its descenders, about 0.7-1.0 of the font size (a line of digits only: ~0.73).
    """
    if not result.lines or image_height <= 0:
        return None
    return min(line.height for line in result.lines) / image_height
