"""linters.media.video on small real videos made at test time (PyAV), good, broken and hostile."""

from __future__ import annotations

import time
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np
import pytest

from linters.media.video import (
    UnreadableVideo,
    detect_cuts,
    probe_video,
    sample_frames,
)
from tests.media_factory import (
    audio_only_mp4,
    empty_file,
    image,
    make_video,
    sparse_file,
    truncated_copy,
)


def write_video(
    path: Path,
    frames: list[np.ndarray],
    *,
    fps: int = 15,
    audio_seconds: float | None = None,
    options: dict[str, str] | None = None,
) -> Path:
    """BGR frames → H.264 MP4 (index first), with an optional AAC track of silence plus noise."""
    h, w = frames[0].shape[:2]
    with av.open(str(path), mode="w", format="mp4", options={"movflags": "+faststart"}) as out:
        stream = out.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = w, h, "yuv420p"
        stream.options = options or {"preset": "ultrafast"}
        audio = out.add_stream("aac", rate=22050) if audio_seconds else None
        if audio is not None:
            audio.layout = "mono"
        for i, bgr in enumerate(frames):
            frame = av.VideoFrame.from_ndarray(bgr, format="bgr24")
            frame.pts, frame.time_base = i, Fraction(1, fps)
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
        if audio is not None and audio_seconds:
            rng = np.random.default_rng(0)
            for start in range(0, int(audio_seconds * 22050), 1024):
                samples = (0.05 * rng.standard_normal((1, 1024))).astype(np.float32)
                af = av.AudioFrame.from_ndarray(samples, format="fltp", layout="mono")
                af.sample_rate, af.pts = 22050, start
                out.mux(audio.encode(af))
            out.mux(audio.encode(None))
    return path


def landscape(width: int, height: int, seed: int) -> np.ndarray:
    """A textured picture: a colour gradient with random blobs (different per seed)."""
    rng = np.random.default_rng(seed)
    top, bottom = rng.integers(0, 256, 3), rng.integers(0, 256, 3)
    t = np.linspace(0, 1, height)[:, None, None]
    img = (top * (1 - t) + bottom * t).repeat(width, axis=1).astype(np.uint8)
    for _ in range(25):
        color = tuple(int(c) for c in rng.integers(0, 256, 3))
        center = (int(rng.integers(0, width)), int(rng.integers(0, height)))
        cv2.circle(img, center, int(rng.integers(3, max(4, height // 5))), color, -1)
    return img


@pytest.fixture(scope="module")
def scenes_video(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[float, ...]]:
    """9 s, 320×240, 10 fps, hard cuts every 1.5 s (posts.media_samples.make_video)."""
    path = tmp_path_factory.mktemp("video") / "scenes.mp4"
    return path, make_video(path, 9.0, 320, 240, fps=10)


# --- probe ---------------------------------------------------------------------------------------


def test_probe_reads_duration_size_rate_and_codec(scenes_video: tuple[Path, tuple]) -> None:
    path, _ = scenes_video
    facts = probe_video(path)
    assert facts.duration == pytest.approx(9.0, abs=0.1)
    assert (facts.width, facts.height) == (320, 240)
    assert facts.orientation == "landscape"
    assert facts.fps == pytest.approx(10.0)
    assert facts.codec == "h264"
    assert facts.rotation == 0
    assert facts.has_audio is False and facts.audio_codec is None
    assert facts.size == path.stat().st_size
    assert facts.bit_rate and facts.bit_rate > 0


def test_probe_honours_the_display_rotation_of_phone_video(tmp_path: Path) -> None:
    path = tmp_path / "portrait.mp4"
    make_video(path, 1.0, 320, 176, fps=10, rotation=90)
    facts = probe_video(path)
    assert (facts.width, facts.height) == (176, 320)
    assert facts.rotation == 90
    assert facts.orientation == "portrait"
    ((_, frame),) = sample_frames(path, [0.5])
    assert frame.shape == (320, 176, 3)


def test_probe_sees_the_audio_track(tmp_path: Path) -> None:
    frames = [landscape(160, 96, 1)] * 30
    path = write_video(tmp_path / "talk.mp4", frames, audio_seconds=2.0)
    facts = probe_video(path)
    assert facts.has_audio is True
    assert facts.audio_codec == "aac"
    assert facts.duration == pytest.approx(2.0, abs=0.1)


def test_bitrate_is_estimated_when_the_container_stores_none(tmp_path: Path) -> None:
    path = tmp_path / "live.webm"
    make_video(path, 2.0, 160, 96, container="webm", muxer_options={"live": "1"})
    facts = probe_video(path)
    assert facts.duration == pytest.approx(2.0, abs=0.2)
    assert facts.bit_rate_estimated is True
    assert facts.bit_rate == pytest.approx(facts.size * 8 / facts.duration, rel=0.01)


# --- cuts ----------------------------------------------------------------------------------------


def test_cuts_are_found_at_the_right_times(scenes_video: tuple[Path, tuple]) -> None:
    path, truth = scenes_video
    report = detect_cuts(path)
    assert len(report.cuts) == len(truth)
    for found, expected in zip(report.cuts, truth, strict=True):
        assert found == pytest.approx(expected, abs=0.25)
    assert report.shots == len(truth) + 1
    assert report.mean_shot_seconds == pytest.approx(9.0 / report.shots, rel=0.05)
    assert report.complete is True
    assert report.frames_analysed > 20


def test_max_seconds_stops_early(scenes_video: tuple[Path, tuple]) -> None:
    path, truth = scenes_video
    report = detect_cuts(path, max_seconds=4.0)
    assert report.complete is False
    assert report.analysed_seconds <= 4.5
    assert len(report.cuts) == sum(t < 4.0 for t in truth)


def _pan(width: int, height: int, seconds: float, fps: int, speed: float) -> list[np.ndarray]:
    canvas = landscape(width * 3, height, 7)
    step = speed * width / fps
    return [
        np.ascontiguousarray(canvas[:, int(i * step) : int(i * step) + width])
        for i in range(int(seconds * fps))
    ]


def test_a_smooth_pan_is_not_a_cut(tmp_path: Path) -> None:
    path = write_video(tmp_path / "pan.mp4", _pan(192, 108, 6.0, 15, 0.3))
    report = detect_cuts(path)
    assert report.cuts == ()
    assert report.shots == 1


def test_a_flash_is_not_a_cut_but_a_real_cut_is(tmp_path: Path) -> None:
    a, b = landscape(192, 108, 1), landscape(192, 108, 2)
    white = np.full_like(a, 245)
    frames = [a] * 30 + [white] * 2 + [a] * 28 + [b] * 45  # flash at 2.0 s, cut at 4.0 s
    path = write_video(tmp_path / "flash.mp4", frames)
    report = detect_cuts(path)
    assert len(report.cuts) == 1
    assert report.cuts[0] == pytest.approx(4.0, abs=0.25)


def test_a_dissolve_counts_once(tmp_path: Path) -> None:
    a, b = landscape(192, 108, 3), landscape(192, 108, 4)
    mix = [cv2.addWeighted(a, 1 - k / 15, b, k / 15, 0) for k in range(1, 15)]
    frames = [a] * 45 + mix + [b] * 45  # a one-second dissolve centred near 3.5 s
    path = write_video(tmp_path / "dissolve.mp4", frames)
    report = detect_cuts(path)
    assert len(report.cuts) == 1
    assert 2.7 <= report.cuts[0] <= 4.3


# --- frames --------------------------------------------------------------------------------------


def test_sample_frames_returns_the_frames_shown_then(scenes_video: tuple[Path, tuple]) -> None:
    path, truth = scenes_video
    times = [truth[1] + 0.2, 0.2, 8.9, 100.0]
    frames = sample_frames(path, times, max_side=160)
    assert [round(t, 1) for t, _ in frames[:3]] == [round(x, 1) for x in times[:3]]
    assert frames[3][0] == pytest.approx(8.9, abs=0.11)  # past the end: the last frame
    for _, img in frames:
        assert img.dtype == np.uint8 and img.shape == (120, 160, 3)
    # different scenes look different; the same scene twice looks the same
    assert np.abs(frames[0][1].astype(int) - frames[1][1].astype(int)).mean() > 20
    assert np.abs(frames[2][1].astype(int) - frames[3][1].astype(int)).mean() < 10


# --- broken and hostile files -----------------------------------------------------------------


def _reason(path: Path) -> str:
    with pytest.raises(UnreadableVideo) as caught:
        probe_video(path)
    return caught.value.reason


def test_empty_file(tmp_path: Path) -> None:
    assert "empty" in _reason(empty_file(tmp_path / "empty.mp4"))


def test_png_renamed_mp4(tmp_path: Path) -> None:
    path = image(tmp_path / "photo.mp4", 64, 48, fmt="PNG")
    assert "PNG" in _reason(path)
    with pytest.raises(UnreadableVideo):
        detect_cuts(path)


def test_truncated_mp4(scenes_video: tuple[Path, tuple], tmp_path: Path) -> None:
    path = truncated_copy(scenes_video[0], tmp_path / "cut.mp4", 0.5)
    assert "truncated" in _reason(path)


def test_audio_only_file(tmp_path: Path) -> None:
    reason = _reason(audio_only_mp4(tmp_path / "voice.mp4"))
    assert "no video stream" in reason and "audio" in reason


def test_missing_file(tmp_path: Path) -> None:
    assert "cannot be opened" in _reason(tmp_path / "nowhere.mp4")


def test_a_10_gb_sparse_file_is_refused_quickly(tmp_path: Path) -> None:
    path = sparse_file(tmp_path / "huge.mp4", 10 * 2**30)
    start = time.monotonic()
    _reason(path)
    with pytest.raises(UnreadableVideo):
        detect_cuts(path)
    with pytest.raises(UnreadableVideo):
        sample_frames(path, [1.0])
    assert time.monotonic() - start < 10  # a hang would take minutes; this is not a speed test


def test_a_real_header_in_front_of_10_gb_of_holes_answers_quickly(
    scenes_video: tuple[Path, tuple], tmp_path: Path
) -> None:
    path = tmp_path / "padded.mp4"
    path.write_bytes(scenes_video[0].read_bytes())
    with open(path, "r+b") as f:
        f.truncate(10 * 2**30)
    start = time.monotonic()
    try:
        facts = probe_video(path)
    except UnreadableVideo:
        pass
    else:
        assert facts.duration == pytest.approx(9.0, abs=0.1)
    report = detect_cuts(path, budget_seconds=5.0)
    assert report.frames_analysed > 0
    assert time.monotonic() - start < 20


def test_sparse_mode_finds_cuts_from_keyframes_and_packet_sizes(tmp_path: Path) -> None:
    """Like a phone's encoder (no B frames, no keyframe on scene changes, one every 2 s), forced
    into the keyframe-only analysis that big videos get."""
    scenes = [landscape(192, 108, seed) for seed in (11, 12, 13)]
    frames = [scenes[0]] * 45 + [scenes[1]] * 52 + [scenes[2]] * 53  # cuts at 3.0 s and 6.47 s
    params = "bframes=0:scenecut=0:keyint=30:min-keyint=30"
    path = write_video(
        tmp_path / "phone.mp4", frames, options={"preset": "veryfast", "x264-params": params}
    )
    report = detect_cuts(path, dense_cpu=0.0)
    assert report.sparse_from is not None and report.sparse_from < 2.0
    assert report.frames_analysed < 40
    assert len(report.cuts) == 2
    assert report.cuts[0] == pytest.approx(3.0, abs=0.25)
    assert report.cuts[1] == pytest.approx(97 / 15, abs=0.25)
    assert report.mean_shot_seconds == pytest.approx(10.0 / 3, rel=0.05)
