"""What the media rules know of one media item, computed on first use and shared by every rule.

A photo is decoded once (at a working size) whether one rule looks at it or five; a video is
probed once, and its cuts are found once. The facts live in a small per-engine cache keyed by the
file's sha256 (or its path, for a draft whose media could not be hashed), so the same photo in
the Telegram and the Instagram variant of a story is analysed once. A failure is kept as a
reason, never raised: P305 reports it, and the other media rules skip that item.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from linters.media.images import DecodedImage, UnreadableMedia, decode_image, photo_quality
from linters.subject import MediaRef

if TYPE_CHECKING:
    from linters.context import LintContext
    from linters.media.faces import Face, FaceDetector, IndoorCues
    from linters.media.logo import LogoHit, LogoMatcher
    from linters.media.ocr import OcrResult
    from linters.media.video import CutReport, VideoFacts

T = TypeVar("T")
RESOURCE_KEY = "media.facts"
CACHE_ITEMS = 48  # decoded pictures are ~5 MB each at the working size


class MediaFacts:
    """Lazily computed analyses of one media item."""

    def __init__(self, ref: MediaRef) -> None:
        self.ref = ref
        self.failure: str | None = None  # why the file could not be decoded (English, technical)
        self.results: dict[str, Any] = {}

    @property
    def is_image(self) -> bool:
        return (self.ref.kind or "") == "image" or (self.ref.mime or "").startswith("image/")

    @property
    def is_video(self) -> bool:
        return (self.ref.kind or "") == "video" or (self.ref.mime or "").startswith("video/")

    def readable(self) -> bool:
        """Whether the rules may analyse this item (P305 reports the others)."""
        if self.ref.problem is not None or self.ref.path is None:
            return False
        if self.is_image:
            self.image()
        elif self.is_video:
            self.video()
        return self.failure is None

    def _once(self, name: str, compute: Callable[[Path], T]) -> T | None:
        if name not in self.results:
            result = None
            if self.ref.path is not None and self.failure is None:
                try:
                    result = compute(self.ref.path)
                except UnreadableMedia as exc:
                    self.failure = exc.reason
                except OSError as exc:
                    self.failure = f"the file cannot be read ({exc.strerror or exc})"
            self.results[name] = result
        return self.results[name]  # type: ignore[no-any-return]

    def image(self) -> DecodedImage | None:
        if not self.is_image or self.ref.mime == "image/svg+xml":
            return None
        return self._once("image", decode_image)

    def video(self) -> VideoFacts | None:
        if not self.is_video:
            return None
        from linters.media.video import UnreadableVideo, probe_video

        def probe(path: Path) -> VideoFacts:
            try:
                return probe_video(path)
            except UnreadableVideo as exc:
                raise UnreadableMedia(exc.reason) from None

        return self._once("video", probe)

    def cuts(self) -> CutReport | None:
        if self.video() is None:
            return None
        from linters.media.video import UnreadableVideo, detect_cuts

        def find(path: Path) -> CutReport:
            try:
                return detect_cuts(path)
            except UnreadableVideo as exc:
                raise UnreadableMedia(exc.reason) from None

        return self._once("cuts", find)

    def faces(self, detector: FaceDetector, key: str = "faces") -> tuple[Face, ...] | None:
        """Faces in the photo, boxes in the original's pixels. The detector is the engine's;
        `key` tells apart the results of differently tuned detectors."""
        image = self.image()
        if image is None:
            return None
        return self._once(key, lambda _path: detector.detect_decoded(image))

    def logo(self, matcher: LogoMatcher, key: str) -> LogoHit | None:
        """The best logo hit in the photo (working-copy pixels); `key` names the matcher's logos."""
        image = self.image()
        if image is None:
            return None
        return self._once(key, lambda _path: matcher.find(image.pixels))

    def quality(self) -> tuple[float, float] | None:
        """(sharpness, clipped share) of the photo, for M430."""
        image = self.image()
        if image is None:
            return None
        return self._once("quality", lambda _path: photo_quality(image.pixels))

    def indoor(self) -> IndoorCues | None:
        image = self.image()
        if image is None:
            return None
        from linters.media.faces import indoor_cues

        return self._once("indoor", lambda _path: indoor_cues(image.pixels))

    def ocr(self) -> OcrResult | None:
        image = self.image()
        if image is None:
            return None
        from linters.media.ocr import read_text

        return self._once("ocr", lambda _path: read_text(image.pixels))


class MediaCache:
    """The facts of the media an engine saw lately (a bounded LRU: a desk runs for weeks)."""

    def __init__(self, size: int = CACHE_ITEMS) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, str], MediaFacts] = OrderedDict()

    def facts(self, ref: MediaRef) -> MediaFacts:
        key = (ref.sha256 or str(ref.path) or ref.name, ref.problem[2] if ref.problem else "")
        found = self._items.get(key)
        if found is None:
            found = self._items[key] = MediaFacts(ref)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        else:
            self._items.move_to_end(key)
        return found


def media_facts(ctx: LintContext, ref: MediaRef) -> MediaFacts:
    return ctx.resources.get(RESOURCE_KEY, MediaCache).facts(ref)


def readable_media(
    ctx: LintContext, refs: tuple[MediaRef, ...], kind: str | None = None
) -> list[tuple[MediaRef, MediaFacts]]:
    """The post's media (of `kind`: "image" or "video") that can be analysed, each with its
    facts; the others are P305's."""
    out = []
    for ref in refs:
        facts = media_facts(ctx, ref)
        if (kind == "image" and not facts.is_image) or (kind == "video" and not facts.is_video):
            continue
        if facts.readable():
            out.append((ref, facts))
    return out
