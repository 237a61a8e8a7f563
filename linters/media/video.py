"""Video facts, cut detection and frame sampling for the video rules (M420, M421, M422, P304, logos).

Three functions, each opening the file itself and keeping nothing between calls:

`probe_video`
    Container and stream metadata only: duration, displayed size (the display matrix of a phone's
    portrait video swaps width and height), frame rate, codec, video bitrate, audio, file size.
    Only the first keyframe is decoded, because FFmpeg hands the display matrix to frames, and
    because a stream whose first frame cannot be decoded is not a video anyone can watch.

`detect_cuts`
    Decodes the I and P frames only (B frames are skipped, and so is the deblocking filter: in
    H.264 no P frame refers to a B frame, and thumbnails do not need smooth block edges), reduces
    each to a 64×36 luma thumbnail and colour histograms taken straight from the YUV planes, and
    finds shot boundaries in the sequence of frame-to-frame distances:

    * a **hard cut** is a distance that stands out from its neighbourhood (several times the local
      median and both neighbouring distances, and above an absolute floor), and after which the
      picture does not come back: a flash, a strobe or a passing object returns to the old picture
      within half a second, a cut does not;
    * a **dissolve** is a run of raised distances whose ends differ like a cut and whose frames
      are close to mixes of its two ends (a dissolve is a blend; a pan or a zoom is not);
    * a **fade through black** is a short dark stretch between two lit pictures.

    A gradual transition counts once, at its middle. Times are those of the first analysed frame
    of the new shot, so within one I/P interval (0.03–0.15 s) of the true cut.

    *Sparse mode.* A phone's 1080p30 H.264 has no B frames to skip and decodes at about
    70 frames per CPU second, far over the budget of the rules (a 60 s video in about 2 s). So
    when decoding every I and P frame would cost more than `dense_cpu` (projected from the first
    second), the rest is analysed from keyframes only, spaced to fit the budget: a boundary is a
    cut-like difference between two decoded keyframes, placed at the packets between them that
    stand out in size (a cut coded as a P frame is mostly intra, hence big). Less exact than the
    dense mode (see benchmarks/video_eval.py), and `CutReport.sparse_from` says it was used.

`sample_frames`
    Seeks to the keyframe before each requested time and decodes forward to it; returns BGR arrays
    no larger than `max_side`, turned the way the video is displayed.

Every open goes through a reader that counts bytes and time, and FFmpeg may only use the demuxers
of real video containers, so an image renamed `.mp4`, a playlist pointing elsewhere or a 10 GB file
of zeros is refused quickly instead of being probed at length.
"""

from __future__ import annotations

import bisect
import io
import itertools
import math
import stat
import statistics
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import av
import cv2
import numpy as np

__all__ = [
    "CutReport",
    "UnreadableVideo",
    "VideoFacts",
    "detect_cuts",
    "probe_video",
    "sample_frames",
]

#: Demuxers FFmpeg may pick: real video containers only (no image pipes, playlists, concat lists).
_DEMUXERS = "mov,matroska,avi,flv,mpegts,mpeg,asf,ogg"
#: What probing may read and how long it may take: headers and the first keyframe, never the file.
_PROBE_BYTES = 64 * 2**20
_PROBE_SECONDS = 5.0
#: Packets read at most to find the first frame or, without a stored duration, the last packet.
_PROBE_PACKETS = 20_000
#: Top-level MP4 boxes walked at most (a fragmented MP4 has two per fragment).
_MAX_BOXES = 100_000

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"ID3", "an MP3 audio file"),
    (b"fLaC", "a FLAC audio file"),
    (b"OggS", None),
)


class UnreadableVideo(Exception):
    """The file cannot be read as a video; `reason` says why, in words an editor understands."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class VideoFacts:
    """What the video rules need to know about a file, from its headers."""

    duration: float  # seconds
    width: int  # as displayed (after the rotation)
    height: int
    rotation: int  # degrees counter-clockwise from the display matrix, 0 when none
    fps: float | None
    codec: str
    bit_rate: int | None  # video stream, bits per second
    bit_rate_estimated: bool  # True when computed from the file size, duration and audio rate
    has_audio: bool
    audio_codec: str | None
    size: int  # bytes
    container: str  # FFmpeg's demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"

    @property
    def orientation(self) -> str:
        """One of "landscape", "portrait" and "square", as displayed."""
        if self.width == self.height:
            return "square"
        return "landscape" if self.width > self.height else "portrait"

    @property
    def short_side(self) -> int:
        """The "p" of 720p: a vertical 1080×1920 video is 1080p."""
        return min(self.width, self.height)


@dataclass(frozen=True, slots=True)
class CutReport:
    """Shot boundaries found by `detect_cuts`.

    `cuts` holds the time (s) of the first frame of every new shot, hard cuts and gradual
    transitions alike; `gradual` the subset that were dissolves or fades. `analysed_seconds` is how
    much of the video was looked at (less than the duration when `max_seconds` or the time budget
    stopped it, in which case `complete` is False)."""

    cuts: tuple[float, ...]
    gradual: tuple[float, ...]
    shots: int
    mean_shot_seconds: float
    frames_analysed: int
    analysed_seconds: float
    complete: bool
    sparse_from: float | None = None  # from here on, analysed from keyframes only (see detect_cuts)


# --- opening files under a budget ---------------------------------------------------------------


class _BudgetExceeded(Exception):
    pass


class _BoundedReader(io.RawIOBase):
    """A read-only file that stops answering after `max_bytes` read or `max_seconds` elapsed.

    FFmpeg reads through it (PyAV's Python I/O), so a file that would make a demuxer read gigabytes
    or loop for minutes ends as an error instead. Seeks are free: they read nothing."""

    def __init__(self, f: BinaryIO, *, max_bytes: int | None, max_seconds: float | None) -> None:
        self._f = f
        self._max_bytes = max_bytes
        self._deadline = None if max_seconds is None else time.monotonic() + max_seconds
        self.bytes_read = 0
        self.exceeded = False

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._f.seek(offset, whence)

    def tell(self) -> int:
        return self._f.tell()

    def check(self) -> None:
        if (self._max_bytes is not None and self.bytes_read > self._max_bytes) or (
            self._deadline is not None and time.monotonic() > self._deadline
        ):
            self.exceeded = True
            raise _BudgetExceeded

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        self.check()
        n = self._f.readinto(buffer)  # type: ignore[attr-defined]
        self.bytes_read += n or 0
        return n or 0


def _regular_size(path: Path) -> int:
    try:
        st = path.stat()
    except OSError as e:
        raise UnreadableVideo(f"the file cannot be opened ({e.strerror or e})") from None
    if not stat.S_ISREG(st.st_mode):
        raise UnreadableVideo("not a regular file")
    if st.st_size == 0:
        raise UnreadableVideo("the file is empty (0 bytes)")
    return st.st_size


def _what_is_it(head: bytes) -> str | None:
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"avif"):
        return "an HEIC/AVIF image"
    return None


def _open(f: BinaryIO, reader: _BoundedReader) -> av.container.InputContainer:
    """Open `reader` with FFmpeg, restricted to video containers; errors become UnreadableVideo."""
    try:
        return av.open(
            reader,
            mode="r",
            container_options={
                "format_whitelist": _DEMUXERS,
                "probesize": str(8 * 2**20),
                "analyzeduration": str(5_000_000),
            },
        )
    except _BudgetExceeded:
        raise UnreadableVideo("the container headers are too large or too slow to read") from None
    except (av.error.FFmpegError, ValueError, OSError) as e:
        f.seek(0)
        what = _what_is_it(f.read(16))
        if what:
            raise UnreadableVideo(f"not a video: the file is {what}") from None
        if reader.exceeded:
            raise UnreadableVideo(
                "the container headers are too large or too slow to read"
            ) from None
        detail = getattr(e, "strerror", None) or str(e) or type(e).__name__
        raise UnreadableVideo(
            f"not a video container Arna can read, or the file is corrupt ({detail})"
        ) from None


def _video_stream(container: av.container.InputContainer) -> av.VideoStream:
    for stream in container.streams.video:
        if not stream.disposition & av.stream.Disposition.attached_pic:
            return stream
    if container.streams.audio:
        raise UnreadableVideo("no video stream: the file holds audio only")
    raise UnreadableVideo("no video stream in the file")


def _iso_bmff_overrun(f: BinaryIO, size: int) -> int | None:
    """For MP4/MOV: the size the top-level boxes claim when it exceeds the file (a cut-off upload).

    An MP4 whose index (`moov`) comes first opens and reports its full duration even when most of
    its media data is missing, so the box sizes are the cheap way to tell."""
    pos = 0
    for _ in range(_MAX_BOXES):
        if pos >= size:
            return None if pos == size else pos
        f.seek(pos)
        header = f.read(16)
        if len(header) < 8:
            return pos + 8
        box = int.from_bytes(header[:4], "big")
        if box == 1:
            if len(header) < 16:
                return pos + 16
            box = int.from_bytes(header[8:16], "big")
        elif box == 0:  # the last box, up to the end of the file
            return None
        if box < 8:
            return None  # not a box structure we understand; let FFmpeg judge
        pos += box
    return None if pos <= size else pos


# --- probe ----------------------------------------------------------------------------------------


def probe_video(path: Path) -> VideoFacts:
    """Facts about the video at `path` from its headers, or `UnreadableVideo` with the reason."""
    path = Path(path)
    size = _regular_size(path)
    with open(path, "rb") as f:
        reader = _BoundedReader(f, max_bytes=_PROBE_BYTES, max_seconds=_PROBE_SECONDS)
        container = _open(f, reader)
        try:
            with container:
                facts = _probe_open(container, size)
        except UnreadableVideo:
            raise
        except _BudgetExceeded:
            raise UnreadableVideo("the video took too long to read (stopped)") from None
        except (av.error.FFmpegError, ValueError, IndexError, OSError) as e:
            detail = getattr(e, "strerror", None) or str(e) or type(e).__name__
            raise UnreadableVideo(f"the video is corrupt ({detail})") from None
        if facts.container.startswith("mov"):
            expected = _iso_bmff_overrun(f, size)
            if expected is not None:
                raise UnreadableVideo(
                    f"the file is truncated: it has {size} bytes but its structure needs {expected}"
                )
    return facts


def _probe_open(container: av.container.InputContainer, size: int) -> VideoFacts:
    stream = _video_stream(container)
    ctx = stream.codec_context
    width, height = ctx.width, ctx.height
    if not width or not height:
        raise UnreadableVideo("the video stream has no frame size (corrupt header)")
    codec = ctx.name
    rate = stream.average_rate or stream.guessed_rate
    fps = float(rate) if rate else None
    audio = container.streams.audio[0] if container.streams.audio else None
    duration = _stored_duration(container, stream)
    bit_rate = stream.bit_rate or ctx.bit_rate or None
    index = stream.index
    fmt = container.format.name

    rotation = _first_frame_rotation(container, stream)
    if rotation is None:
        raise UnreadableVideo("no frame of the video can be decoded (truncated or corrupt)")
    if duration is None:
        container.seek(0)
        duration = _demuxed_duration(container, container.streams[index])
    if duration is None or not duration > 0:
        raise UnreadableVideo("the video has no duration (zero length or no frames)")

    estimated = False
    if not bit_rate:
        audio_rate = (audio.bit_rate or 0) if audio else 0
        bit_rate = max(0, int(size * 8 / duration) - audio_rate) or None
        estimated = True
    if abs(rotation) % 180 == 90:
        width, height = height, width
    return VideoFacts(
        duration=duration,
        width=width,
        height=height,
        rotation=rotation,
        fps=fps,
        codec=codec,
        bit_rate=bit_rate,
        bit_rate_estimated=estimated,
        has_audio=audio is not None,
        audio_codec=audio.codec_context.name if audio else None,
        size=size,
        container=fmt,
    )


def _stored_duration(
    container: av.container.InputContainer, stream: av.VideoStream
) -> float | None:
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    if container.duration:
        return container.duration / av.time_base
    return None


def _first_frame_rotation(
    container: av.container.InputContainer, stream: av.VideoStream
) -> int | None:
    """The display rotation (degrees CCW) of the first decodable keyframe, None if none decodes."""
    stream.codec_context.skip_frame = "NONKEY"
    try:
        for count, packet in enumerate(container.demux(stream)):
            try:
                frames = packet.decode()
            except av.error.InvalidDataError:
                frames = []
            for frame in frames:
                return int(frame.rotation) % 360
            if count >= _PROBE_PACKETS:
                break
        try:
            for frame in stream.codec_context.decode(None):
                return int(frame.rotation) % 360
        except av.error.FFmpegError:
            pass
    finally:
        stream.codec_context.skip_frame = "DEFAULT"
    return None


def _demuxed_duration(
    container: av.container.InputContainer, stream: av.VideoStream
) -> float | None:
    """The end of the last packet, by reading (not decoding) at most `_PROBE_PACKETS` packets."""
    time_base = stream.time_base
    first: int | None = None
    end: int | None = None
    for count, packet in enumerate(container.demux(stream)):
        if count > _PROBE_PACKETS:
            break
        if packet.pts is None:
            continue
        first = packet.pts if first is None else min(first, packet.pts)
        stop = packet.pts + (packet.duration or 0)
        end = stop if end is None else max(end, stop)
    if end is None or first is None or time_base is None:
        return None
    return float((end - first) * time_base)


# --- decoding helpers -------------------------------------------------------------------------


_THUMB = (64, 36)  # width, height of the luma thumbnail the distances are computed on


@dataclass(frozen=True, slots=True)
class _Features:
    time: float
    intra: bool
    luma: np.ndarray  # float32, _THUMB, 0..1
    hist: np.ndarray  # float32, concatenated Y/U/V histograms, each summing to 1


def _planes(frame: av.VideoFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Y, U, V as 2-D uint8 views, reformatted only when the decoder's format is not 4:2:0 8-bit."""
    if frame.format.name not in ("yuv420p", "yuvj420p"):
        frame = frame.reformat(width=256, height=144, format="yuv420p")
    out = []
    for i, plane in enumerate(frame.planes[:3]):
        w = frame.width if i == 0 else (frame.width + 1) // 2
        h = frame.height if i == 0 else (frame.height + 1) // 2
        buf = np.frombuffer(plane, np.uint8).reshape(-1, plane.line_size)
        out.append(buf[:h, :w])
    return out[0], out[1], out[2]


def _shrink(plane: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Area-average `plane` to `size`, after a cheap strided pre-subsampling of big planes."""
    h, w = plane.shape
    step = max(1, min(h // (size[1] * 4), w // (size[0] * 4)))
    if step > 1:
        plane = plane[::step, ::step]
    return cv2.resize(plane, size, interpolation=cv2.INTER_AREA)


def _features(frame: av.VideoFrame, t: float) -> _Features:
    y, u, v = _planes(frame)
    ys = _shrink(y, _THUMB)
    us = _shrink(u, (32, 18))
    vs = _shrink(v, (32, 18))
    hy = np.bincount(ys.ravel() >> 4, minlength=16).astype(np.float32) / ys.size
    hu = np.bincount(us.ravel() >> 5, minlength=8).astype(np.float32) / us.size
    hv = np.bincount(vs.ravel() >> 5, minlength=8).astype(np.float32) / vs.size
    luma = cv2.GaussianBlur(ys, (3, 3), 0).astype(np.float32) / 255.0
    pict = frame.pict_type
    intra = bool(frame.key_frame) or getattr(pict, "name", str(pict)) in ("I", "1")
    return _Features(t, intra, luma, np.concatenate([hy, hu, hv]))


def _distance(a: _Features, b: _Features) -> float:
    """0 for the same picture, about 1 for unrelated ones: histogram and thumbnail changes, mixed.

    The histogram part ignores where things are (robust to motion); the thumbnail part sees a cut
    between two scenes with the same colours. Each is scaled so that a typical cut scores ≥ 0.5."""
    hist = float(np.abs(a.hist - b.hist).sum()) / 6.0  # three histograms, L1 ≤ 2 each
    diff = float(np.abs(a.luma - b.luma).mean())
    return 0.5 * min(1.0, 2.0 * hist) + 0.5 * min(1.0, 4.0 * diff)


@dataclass
class _Decoded:
    feats: list[_Features]  # every analysed frame, in time order
    packets: list[tuple[float, int, bool]]  # (time, size, keyframe) of every video packet read
    sparse_from: float | None  # from this time on only keyframes were decoded
    covered: float
    complete: bool


def _decode_features(
    path: Path,
    *,
    max_seconds: float | None,
    budget_seconds: float | None,
    skip_bidir: bool,
    dense_cpu: float | None,
) -> _Decoded:
    """Decode the frames to analyse. Dense mode decodes I and P frames; when the CPU time that
    would take for the whole video (projected from the first half second) exceeds `dense_cpu`, the
    rest is decoded sparsely: keyframes only, spaced so that the total stays near `dense_cpu`, plus
    the first keyframe after every packet that is much bigger than its neighbours (a cut coded as
    a P frame is mostly intra, hence big). Every packet's size is kept for `_sparse_cuts`."""
    feats: list[_Features] = []
    packets: list[tuple[float, int, bool]] = []
    complete = True
    sparse_from: float | None = None
    cpu0 = time.process_time()
    with open(path, "rb") as f:
        reader = _BoundedReader(f, max_bytes=None, max_seconds=budget_seconds)
        container = _open(f, reader)
        try:
            with container:
                stream = _video_stream(container)
                stream.thread_type = "AUTO"
                ctx = stream.codec_context
                # the deblocking filter only smooths block edges; thumbnails do not need it
                ctx.options = {"skip_loop_filter": "all"}
                if skip_bidir:
                    ctx.skip_frame = "BIDIR"
                tb = stream.time_base
                start = float(stream.start_time * tb) if stream.start_time else 0.0
                total = _stored_duration(container, stream)
                length = None if total is None else total
                if length is not None and max_seconds is not None:
                    length = min(length, max_seconds)
                last_key = -math.inf  # time of the last keyframe decoded in sparse mode
                spike_pending = False
                key_cost = 0.0  # CPU per decoded keyframe, in sparse mode
                keys_decoded = 0
                first: tuple[float, float] | None = None
                for packet in container.demux(stream):
                    reader.check()
                    pt = None if packet.pts is None else float(packet.pts * tb) - start
                    if pt is not None and packet.size:
                        packets.append((pt, packet.size, packet.is_keyframe))
                    if max_seconds is not None and pt is not None and pt > max_seconds + 1.0:
                        complete = False
                        break
                    if sparse_from is not None and packet.size:
                        # sparse: send the decoder only the keyframes worth their cost (and the
                        # final empty packet, which drains the frames the decoder's threads hold)
                        if not packet.is_keyframe or pt is None:
                            if packet.size and pt is not None and _is_spike(packets):
                                spike_pending = True
                            continue
                        spent = time.process_time() - cpu0
                        left = max(0.5, (dense_cpu or 0.0) - spent)
                        rest = max(0.0, (length or pt) - pt)
                        spacing = min(10.0, key_cost * rest / left)
                        if not spike_pending and pt - last_key < spacing:
                            continue
                        c = time.process_time()
                    try:
                        frames = ctx.decode(packet)
                    except av.error.InvalidDataError:
                        continue
                    stop = False
                    for frame in frames:
                        if frame.time is None:
                            continue
                        t = frame.time - start
                        if max_seconds is not None and t > max_seconds:
                            stop = True
                            break
                        feats.append(_features(frame, t))
                    if stop:
                        complete = False
                        break
                    if sparse_from is not None:
                        if packet.size:
                            keys_decoded += 1
                            key_cost += (time.process_time() - c - key_cost) / keys_decoded
                            last_key, spike_pending = pt, False
                    elif dense_cpu is not None and length and feats:
                        if first is None:  # the cost of opening and of the first keyframe
                            first = (time.process_time() - cpu0, feats[0].time)
                        now, t = time.process_time() - cpu0, feats[-1].time
                        if t - first[1] < 1.0:
                            continue
                        rate = (now - first[0]) / (t - first[1])
                        if first[0] + rate * (length - first[1]) <= dense_cpu:
                            continue
                        sparse_from = feats[-1].time
                        last_key = sparse_from
                        ctx.skip_frame = "NONKEY"
        except _BudgetExceeded:
            complete = False
        except (av.error.FFmpegError, ValueError, OSError) as e:
            if not feats:
                detail = getattr(e, "strerror", None) or str(e) or type(e).__name__
                raise UnreadableVideo(f"the video cannot be decoded ({detail})") from None
            complete = False  # a damaged tail: keep what was decoded
    feats.sort(key=lambda x: x.time)
    packets.sort()
    covered = feats[-1].time if feats else 0.0
    if sparse_from is not None and packets and complete:
        covered = max(covered, packets[-1][0])  # the frames after the last keyframe were seen
    return _Decoded(feats, packets, sparse_from, covered, complete)


def _is_spike(packets: Sequence[tuple[float, int, bool]]) -> bool:
    """Whether the last packet is much bigger than the usual non-key packet before it."""
    recent = [p[1] for p in packets[-16:-1] if not p[2]]
    keys = [p[1] for p in packets[-300:] if p[2]]
    if len(recent) < 4 or (keys and packets[-1][1] < SPIKE_OF_KEY * statistics.median(keys)):
        return False
    return packets[-1][1] >= SPIKE_RATIO * float(np.percentile(recent, SPIKE_PERCENTILE))


# --- cut detection --------------------------------------------------------------------------------


#: Tuned on the training part of benchmarks/video_eval.py; see that script for the figures.
HARD_FLOOR = 0.20  # a hard cut's distance is at least this…
HARD_RATIO = 3.0  # …and this many times the local median of distances
RETURN_SECONDS = 0.5  # a flash has returned to the old picture this soon after
RETURN_FRACTION = (
    0.45  # "returned": the distance to the old picture fell below this share of the jump
)
GRADUAL_LOW = 0.012  # a gradual transition's frame-to-frame distances stay above this…
GRADUAL_CALM = 3.0  # …and this many times the calm level around them
GRADUAL_TOTAL = 0.20  # …and its ends differ at least this much
GRADUAL_BLEND = 0.20  # the middle frame is this close (relative) to the average of the ends
PEAK_RATIO = 2.0  # …and this many times both neighbouring distances (a fade's steps are alike)
MIN_SHOT = 0.4  # two boundaries closer than this are one


def detect_cuts(
    path: Path,
    *,
    max_seconds: float | None = None,
    budget_seconds: float | None = 20.0,
    skip_bidir: bool = True,
    dense_cpu: float | None = 2.0,
) -> CutReport:
    """Shot boundaries of the video at `path` (see the module docstring for the method).

    `max_seconds` stops the analysis after that much video; `budget_seconds` after that much wall
    time, so that a huge or hostile file cannot hold the linter. Either makes `complete` False.
    `skip_bidir=False` decodes every frame (finer cut times, two to four times slower).

    `dense_cpu` (CPU seconds, about) caps the decoding cost on big, dense videos: beyond it the
    rest is analysed from keyframes and packet sizes (the module docstring's sparse mode;
    `sparse_from` says from when). None always decodes densely."""
    path = Path(path)
    _regular_size(path)
    dec = _decode_features(
        path,
        max_seconds=max_seconds,
        budget_seconds=budget_seconds,
        skip_bidir=skip_bidir,
        dense_cpu=dense_cpu,
    )
    feats = dec.feats
    if not feats:
        raise UnreadableVideo("no frame of the video can be decoded (truncated or corrupt)")
    cuts, gradual = _analyse(dec)
    gradual_kept = tuple(round(t, 3) for t in gradual if t in cuts)
    length = max(dec.covered + _frame_step(feats), 1e-6)
    shots = len(cuts) + 1
    return CutReport(
        cuts=tuple(round(t, 3) for t in cuts),
        gradual=gradual_kept,
        shots=shots,
        mean_shot_seconds=length / shots,
        frames_analysed=len(feats),
        analysed_seconds=length,
        complete=dec.complete,
        sparse_from=dec.sparse_from,
    )


def _analyse(dec: _Decoded) -> tuple[list[float], list[float]]:
    """Boundaries from the dense part by frame distances, from the sparse part by keyframes."""
    if dec.sparse_from is None:
        return _boundaries(dec.feats)
    dense = [f for f in dec.feats if f.time <= dec.sparse_from]
    sparse = [f for f in dec.feats if f.time >= dec.sparse_from]
    cuts, gradual = _boundaries(dense) if len(dense) > 1 else ([], [])
    cuts = cuts + _sparse_cuts(sparse, dec.packets)
    return _merge(_through_black(dec.feats, sorted(cuts))), gradual


SPARSE_FLOOR = 0.3  # two decoded keyframes this different have a boundary between them
SPIKE_RATIO = 1.8  # a packet this many times the usual size of its neighbours marks a cut…
SPIKE_OF_KEY = 0.3  # …and is at least this share of a keyframe (a cut is coded mostly intra)
FLASH_SECONDS = 0.25  # two spikes this close are a flash, not two cuts
SPIKE_PERCENTILE = 90  # …"usual" being this percentile (P frames, not the small B frames)


def _sparse_cuts(
    keys: Sequence[_Features], packets: Sequence[tuple[float, int, bool]]
) -> list[float]:
    """Boundaries between decoded keyframes that differ like a cut: one at every packet between
    them that stands out in size (unless a second one follows within a flash's length), one at
    the later keyframe if the encoder put it off its regular grid (x264 and most editors put a
    keyframe on a scene change), and when neither, one halfway."""
    n = len(keys)
    if n < 2:
        return []
    d = [0.0] + [_distance(keys[i - 1], keys[i]) for i in range(1, n)]
    times = [p[0] for p in packets]
    sizes = np.array([p[1] for p in packets], dtype=np.float64)
    key = np.array([p[2] for p in packets], dtype=bool)
    key_times = [p[0] for p in packets if p[2]]
    gaps = [b - a for a, b in itertools.pairwise(key_times)]
    longest_gap = max(gaps) if gaps else math.inf  # the encoder's keyframe interval
    key_size = float(np.median(sizes[key])) if key.any() else 0.0

    def stands_out(k: int) -> bool:
        return sizes[k] >= SPIKE_OF_KEY * key_size and _spike_ratio(sizes, key, k) >= SPIKE_RATIO

    out: list[float] = []

    for i in range(1, n):
        # no comparison with the neighbours here: far apart, every interval may hold a cut
        if d[i] < SPARSE_FLOOR:
            continue
        lo = bisect.bisect_right(times, keys[i - 1].time + 1e-6)
        hi = bisect.bisect_right(times, keys[i].time - 1e-6)
        inner = [k for k in range(lo, hi) if not key[k]]
        spikes: list[float] = []
        for k in sorted(inner, key=lambda k: -sizes[k]):
            if not stands_out(k):
                continue  # the ratio is local: a smaller packet may still stand out
            if any(abs(times[k] - t) < MIN_SHOT for t in spikes):
                continue
            # a flash is two spikes a few frames apart (into it and out of it); a cut is one
            twin = [
                j
                for j in range(max(0, k - 8), min(len(times), k + 9))
                if j != k and not key[j] and abs(times[j] - times[k]) <= FLASH_SECONDS
            ]
            if any(stands_out(j) for j in twin):
                continue
            spikes.append(times[k])  # several cuts may lie between two keyframes
        # a keyframe off the encoder's regular grid was put there for a scene change
        gap = keys[i].time - _previous_key(times, key, hi)
        if gap < 0.95 * longest_gap and all(abs(keys[i].time - t) >= MIN_SHOT for t in spikes):
            spikes.append(keys[i].time)
        if not spikes:
            spikes = [(keys[i - 1].time + keys[i].time) / 2]
        out.extend(round(t, 3) for t in spikes)
    return sorted(out)


def _previous_key(times: Sequence[float], key: np.ndarray, k: int) -> float:
    """The time of the last keyframe packet before packet index k (-inf when none)."""
    for j in range(k - 1, -1, -1):
        if key[j]:
            return times[j]
    return -math.inf


def _spike_ratio(sizes: np.ndarray, key: np.ndarray, k: int, reach: int = 15) -> float:
    """Packet k's size over the usual size of the non-key packets around it."""
    near = np.concatenate([sizes[max(0, k - reach) : k], sizes[k + 1 : k + 1 + reach]])
    flags = np.concatenate([key[max(0, k - reach) : k], key[k + 1 : k + 1 + reach]])
    near = near[~flags]
    if near.size < 4:
        return 0.0
    usual = float(np.percentile(near, SPIKE_PERCENTILE))
    return float(sizes[k]) / usual if usual else 0.0


def _boundaries(feats: Sequence[_Features]) -> tuple[list[float], list[float]]:
    """All shot boundaries, and the gradual ones among them (times in seconds)."""
    hard = _hard_cuts(feats)
    gradual = _gradual_transitions(feats, hard)
    black = _black_breaks(feats)
    cuts = _merge(sorted(_through_black(feats, sorted(hard + gradual)) + black))
    return cuts, sorted(gradual + black)


def _frame_step(feats: Sequence[_Features]) -> float:
    if len(feats) < 2:
        return 0.0
    return statistics.median(b.time - a.time for a, b in itertools.pairwise(feats))


def _index_after(feats: Sequence[_Features], i: int, seconds: float) -> int:
    t = feats[i].time + seconds
    j = i
    while j + 1 < len(feats) and feats[j].time < t:
        j += 1
    return j


def _index_before(feats: Sequence[_Features], i: int, seconds: float) -> int:
    t = feats[i].time - seconds
    j = i
    while j > 0 and feats[j - 1].time >= t:
        j -= 1
    return j


def _hard_cuts(feats: Sequence[_Features]) -> list[float]:
    n = len(feats)
    d = [0.0] + [_distance(feats[i - 1], feats[i]) for i in range(1, n)]
    cuts: list[float] = []
    window = 8
    for i in range(1, n):
        if d[i] < HARD_FLOOR:
            continue
        around = [d[k] for k in range(max(1, i - window), min(n, i + window + 1)) if abs(k - i) > 1]
        base = statistics.median(around) if around else 0.0
        if d[i] < HARD_RATIO * max(base, 0.02):
            continue
        if not all(d[i] >= PEAK_RATIO * d[k] for k in (i - 1, i + 1) if 0 < k < n):
            continue  # not a lone peak: a fade or a dissolve, or fast motion
        # a flash, or something passing in front of the camera, gives the old picture back: the
        # picture before the jump comes back soon after it, or the one after it was there before
        j = _index_after(feats, i, RETURN_SECONDS)
        h = _index_before(feats, i - 1, RETURN_SECONDS)
        back = min(
            [_distance(feats[i - 1], feats[k]) for k in range(i + 1, j + 1)]
            + [_distance(feats[k], feats[i]) for k in range(h, i - 1)],
            default=math.inf,
        )
        if back < RETURN_FRACTION * d[i]:
            continue
        cuts.append(_cut_time(feats, i))
    return cuts


def _cut_time(feats: Sequence[_Features], i: int) -> float:
    """The first frame of the new shot lies in (t[i-1], t[i]]; intra frames are usually exact."""
    if feats[i].intra or i == 0:
        return feats[i].time
    step = _frame_step(feats[max(0, i - 4) : i + 4])
    return max(feats[i - 1].time + step / 2, feats[i].time - 2 * step)


def _gradual_runs(feats: Sequence[_Features], d: Sequence[float]) -> Iterator[tuple[int, int]]:
    """(first, last) frame indices of runs of raised distances: the distances, smoothed over
    three frames, stay above the local calm level (a few times the lower quartile of the
    surrounding six seconds, so that a long dissolve does not raise its own bar)."""
    n = len(feats)
    step = max(_frame_step(feats), 1e-3)
    half = max(6, round(3.0 / step))
    smooth = [0.0] + [float(np.mean(d[max(1, i - 1) : min(n, i + 2)])) for i in range(1, n)]
    low = [
        max(
            GRADUAL_LOW, GRADUAL_CALM * float(np.percentile(d[max(1, i - half) : i + half + 1], 25))
        )
        if i
        else math.inf
        for i in range(n)
    ]
    i = 1
    while i < n:
        if smooth[i] < low[i]:
            i += 1
            continue
        start = i
        while i + 1 < n and smooth[i + 1] >= low[i + 1]:
            i += 1
        yield start - 1, i
        i += 1


def _gradual_transitions(feats: Sequence[_Features], hard: Sequence[float]) -> list[float]:
    """Dissolves and fades: runs of raised distances whose middle is a blend of their ends."""
    n = len(feats)
    d = [0.0] + [_distance(feats[i - 1], feats[i]) for i in range(1, n)]
    found: list[float] = []
    for first, last in _gradual_runs(feats, d):
        a, b = feats[first], feats[last]
        if last - first < 3 or b.time - a.time < 0.3 or b.time - a.time > 4.0:
            continue
        if any(a.time < t <= b.time for t in hard):
            continue
        if _distance(a, b) < GRADUAL_TOTAL:
            continue
        if _blend_error(feats, first, last) <= GRADUAL_BLEND:
            found.append(round((a.time + b.time) / 2, 3))
    return found


def _blend_error(feats: Sequence[_Features], first: int, last: int) -> float:
    """How far the frames between `first` and `last` are from mixes of those two, relative to how
    different the two are: about 0 for a dissolve, where every pixel moves in a straight line from
    one picture to the other, and large for a pan or a zoom."""
    a, b = feats[first].luma, feats[last].luma
    ab = b - a
    norm = float((ab * ab).sum())
    if norm < 1e-6:
        return math.inf
    worst = 0.0
    for k in range(first + 1, last):
        x = feats[k].luma
        alpha = float(np.clip(((x - a) * ab).sum() / norm, 0.0, 1.0))
        worst = max(worst, float(np.abs(x - (a + alpha * ab)).mean()))
    return worst / float(np.abs(ab).mean())


DARK = 0.15  # mean luma (0..1) of a (nearly) black frame in a fade through black…
LIT = 3.0  # …when the pictures a second before and after are this many times brighter


def _through_black(feats: Sequence[_Features], times: Sequence[float]) -> list[float]:
    """A fade out to black and in from it is one boundary, however many pieces it was found as:
    every boundary within a second of a black stretch becomes one, in the middle of the black.
    Black at the very start or end of the video is a fade in or out, not a boundary."""
    dark = [float(f.luma.mean()) < DARK for f in feats]
    out = list(times)
    i = 0
    while i < len(feats):
        if not dark[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(feats) and dark[j + 1]:
            j += 1
        lo, hi = feats[i].time, feats[j].time
        near = [t for t in out if lo - 1.0 <= t <= hi + 1.0]
        out = [t for t in out if t not in near]
        if near and i > 0 and j < len(feats) - 1:
            out.append(round((lo + hi) / 2, 3))
        i = j + 1
    return sorted(out)


def _black_breaks(feats: Sequence[_Features]) -> list[float]:
    """Short black stretches between two lit pictures: the middle of a fade through black."""
    dark = [float(f.luma.mean()) < DARK for f in feats]
    out: list[float] = []
    i = 0
    while i < len(feats):
        if not dark[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(feats) and dark[j + 1]:
            j += 1
        lo, hi = feats[i].time, feats[j].time
        before = _index_before(feats, i, 1.0) if i else None
        after = _index_after(feats, j, 1.0) if j < len(feats) - 1 else None
        lit = LIT * min(float(feats[k].luma.mean()) for k in range(i, j + 1))
        if (
            hi - lo <= 2.0
            and before is not None
            and after is not None
            and float(feats[before].luma.mean()) > lit
            and float(feats[after].luma.mean()) > lit
        ):
            out.append(round((lo + hi) / 2, 3))
        i = j + 1
    return out


def _merge(times: Sequence[float]) -> list[float]:
    out: list[float] = []
    for t in times:
        if out and t - out[-1] < MIN_SHOT:
            continue
        out.append(t)
    return out


# --- frame sampling ------------------------------------------------------------------------------


def sample_frames(
    path: Path,
    times: Sequence[float],
    *,
    max_side: int = 1280,
    tolerance: float = 0.0,
) -> list[tuple[float, np.ndarray]]:
    """The frames shown at `times` (s), as BGR uint8 arrays with the long side ≤ `max_side`,
    turned as displayed. Returns (frame time, image) pairs in the order of `times`; a time past
    the end gives the last frame.

    Each time costs a seek to the keyframe before it and a decode up to it; on the way, frames no
    other frame refers to are skipped. With `tolerance` > 0 a keyframe that close to the time is
    taken as it is, which is much cheaper when the exact frame does not matter (logo search)."""
    path = Path(path)
    _regular_size(path)
    if not times:
        return []
    order = sorted(range(len(times)), key=lambda k: times[k])
    result: dict[int, tuple[float, np.ndarray]] = {}
    with open(path, "rb") as f:
        reader = _BoundedReader(f, max_bytes=None, max_seconds=10.0 + 2.0 * len(times))
        container = _open(f, reader)
        try:
            with container:
                stream = _video_stream(container)
                stream.thread_type = "AUTO"
                end = _stored_duration(container, stream)
                cursor = _Cursor(container, stream, reader)
                for k in order:
                    want = max(0.0, float(times[k]))
                    if end is not None:
                        want = min(want, max(0.0, end - 0.05))
                    t, frame = cursor.frame_at(want, tolerance)
                    result[k] = (t, _to_bgr(frame, max_side))
        except _BudgetExceeded:
            raise UnreadableVideo("the video took too long to decode (stopped)") from None
        except (av.error.FFmpegError, ValueError, OSError) as e:
            detail = getattr(e, "strerror", None) or str(e) or type(e).__name__
            raise UnreadableVideo(f"the video cannot be decoded ({detail})") from None
    return [result[k] for k in range(len(times))]


class _Cursor:
    """Decodes forward through one stream, seeking only when the next wanted time is behind it or
    beyond the next keyframe (so nearby times share one decode)."""

    def __init__(
        self,
        container: av.container.InputContainer,
        stream: av.VideoStream,
        reader: _BoundedReader,
    ) -> None:
        self.container, self.stream, self.reader = container, stream, reader
        tb = stream.time_base
        self.tb = tb
        self.start = float(stream.start_time * tb) if stream.start_time else 0.0
        rate = stream.average_rate or stream.guessed_rate
        self.half = 0.5 / float(rate) if rate else 0.02
        try:
            entries = stream.index_entries
            keys = [float(e.timestamp * tb) - self.start for e in entries if e.is_keyframe]
        except (AttributeError, TypeError):
            keys = []
        self.keyframes = sorted(keys)
        self.packets: Iterator[av.Packet] | None = None
        self.last: av.VideoFrame | None = None
        self.pending: list[av.VideoFrame] = []

    def _keyframe_before(self, t: float) -> float | None:
        before = [k for k in self.keyframes if k <= t + 1e-6]
        return before[-1] if before else None

    def _time(self, frame: av.VideoFrame) -> float:
        return frame.time - self.start

    def frame_at(self, want: float, tolerance: float) -> tuple[float, av.VideoFrame]:
        ctx = self.stream.codec_context
        key = self._keyframe_before(want)
        here = self._time(self.last) if self.last is not None else None
        if here is not None and here - self.half <= want and key is not None and here >= key - 0.05:
            if abs(here - want) <= max(self.half, tolerance):
                return here, self.last
        else:
            self.container.seek(
                int((want + self.start) / self.tb), stream=self.stream, backward=True
            )
            ctx.flush_buffers()
            self.packets = self.container.demux(self.stream)
            self.last, self.pending = None, []
        assert self.packets is not None
        ctx.skip_frame = "NONREF"
        try:
            while True:
                if not self.pending:
                    packet = next(self.packets, None)
                    if packet is None:
                        break
                    self.reader.check()
                    if (
                        packet.pts is not None
                        and float(packet.pts * self.tb) - self.start >= want - 0.5
                    ):
                        ctx.skip_frame = "DEFAULT"  # near: decode every frame from here
                    try:
                        self.pending = [f for f in ctx.decode(packet) if f.time is not None]
                    except av.error.InvalidDataError:
                        continue
                    continue
                frame = self.pending[0]
                t = self._time(frame)
                if self.last is None and abs(t - want) <= tolerance:
                    self.pending.pop(0)
                    self.last = frame
                    return t, frame
                if self.last is not None and t > want + self.half:
                    return self._time(self.last), self.last  # on screen at `want`
                self.pending.pop(0)
                self.last = frame
                if abs(t - want) <= self.half:
                    return t, frame
        finally:
            ctx.skip_frame = "DEFAULT"
        if self.last is None:
            raise UnreadableVideo("no frame could be decoded near the requested time")
        return self._time(self.last), self.last


def _to_bgr(frame: av.VideoFrame, max_side: int) -> np.ndarray:
    scale = min(1.0, max_side / max(frame.width, frame.height))
    w = max(2, round(frame.width * scale))
    h = max(2, round(frame.height * scale))
    image = frame.to_ndarray(width=w, height=h, format="bgr24", interpolation="AREA")
    turns = (int(frame.rotation) % 360) // 90
    if turns:
        image = np.ascontiguousarray(np.rot90(image, k=turns))
    return image
