"""Media sniffing (`posts.media_probe`), the content-addressed store (`posts.media_store`) and the
sample media (`posts.media_samples`), on real files made at test time."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import stat
import threading
import tracemalloc
from pathlib import Path

import av
import pytest
from PIL import Image, ImageChops, ImageStat

from posts import media_probe
from posts import media_store as media_store_module
from posts.errors import ArnaError, InputError, NotFoundError, StorageError
from posts.media_probe import MediaInfo, probe_media
from posts.media_samples import render_photo, scene_cuts
from posts.media_store import MediaStore
from posts.models import Media
from posts.vocab import MediaKind
from tests import media_factory as mf

MAX = 50 * 1024 * 1024
GIB = 1024**3


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(path: Path, *, max_bytes: int = MAX) -> InputError:
    with pytest.raises(InputError) as caught:
        probe_media(path, max_bytes=max_bytes)
    return caught.value


def assert_explained(error: ArnaError, path: Path | str, *fragments: str) -> None:
    """The error names the file, says why in English (with `fragments`), and gives a fix in each of
    the three languages, with the Kazakh and Russian texts really translated."""
    problem = error.problems[0]
    assert problem.location.file == str(path)
    assert problem.fix is not None
    english = error.render("en")
    for fragment in fragments:
        assert fragment in english
    rendered = {lang: error.render(lang) for lang in ("kk", "ru", "en")}
    assert len(set(rendered.values())) == 3
    for lang in ("kk", "ru"):
        assert str(path) in rendered[lang]
        assert any("а" <= ch <= "я" for ch in rendered[lang].lower()), lang
        assert rendered[lang].count("\n") == 1  # message line + fix line


# --- images -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "mime"),
    [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("GIF", "image/gif"), ("WEBP", "image/webp")],
)
def test_images_are_identified_with_size_and_hash(tmp_path: Path, fmt: str, mime: str) -> None:
    path = mf.image(tmp_path / f"photo.{fmt.lower()}", 320, 200, fmt=fmt)
    info = probe_media(path, max_bytes=MAX)
    assert (info.mime, info.kind) == (mime, MediaKind.IMAGE)
    assert (info.width, info.height, info.duration) == (320, 200, None)
    assert info.size == path.stat().st_size
    assert info.sha256 == sha256_of(path)
    assert info.original_name == path.name
    assert info.source == path


def test_png_renamed_mp4_is_a_png(tmp_path: Path) -> None:
    path = mf.image(tmp_path / "clip.mp4", 64, 40, fmt="PNG")
    info = probe_media(path, max_bytes=MAX)
    assert (info.mime, info.kind, info.width, info.height) == ("image/png", MediaKind.IMAGE, 64, 40)


@pytest.mark.parametrize(
    ("orientation", "size"), [(1, (300, 200)), (3, (300, 200)), (6, (200, 300)), (8, (200, 300))]
)
@pytest.mark.parametrize("fmt", ["JPEG", "WEBP"])
def test_exif_orientation_gives_the_displayed_size(
    tmp_path: Path, fmt: str, orientation: int, size: tuple[int, int]
) -> None:
    path = mf.image(tmp_path / "phone.jpg", 300, 200, fmt=fmt, orientation=orientation)
    info = probe_media(path, max_bytes=MAX)
    assert (info.width, info.height) == size


@pytest.mark.parametrize(
    ("fmt", "name"), [("JPEG", "JPEG"), ("PNG", "PNG"), ("GIF", "GIF"), ("WEBP", "WebP")]
)
@pytest.mark.parametrize("fraction", [0.3, 0.6, 0.95])
def test_truncated_images_are_refused(tmp_path: Path, fmt: str, name: str, fraction: float) -> None:
    whole = mf.image(tmp_path / "whole", 400, 300, fmt=fmt, label="cut")
    cut = mf.truncated_copy(whole, tmp_path / "cut.jpg", fraction)
    assert_explained(refused(cut), cut, f"the {name} image is truncated")


def test_jpeg_end_marker_inside_a_header_segment_does_not_hide_truncation(tmp_path: Path) -> None:
    whole = mf.jpeg_with_comment(tmp_path / "whole.jpg", b"thumb \xff\xd8 ... \xff\xd9 end")
    assert probe_media(whole, max_bytes=MAX).width == 64
    cut = mf.truncated_copy(whole, tmp_path / "cut.jpg", 0.8)
    assert_explained(refused(cut), cut, "truncated")


def test_jpeg_with_data_after_its_end_is_accepted(tmp_path: Path) -> None:
    """Motion photos and some cameras append data after the end-of-image marker."""
    path = mf.jpeg_with_trailer(tmp_path / "motion.jpg", b"\x00\x00\x00\x18ftypmp42" + bytes(500))
    info = probe_media(path, max_bytes=MAX)
    assert (info.mime, info.width, info.height) == ("image/jpeg", 64, 48)


def test_decompression_bomb_is_refused_not_decoded(tmp_path: Path) -> None:
    bomb = mf.png_bomb(tmp_path / "bomb.png", 20000, 20000)
    assert bomb.stat().st_size < 200_000  # tiny on disk, 400 million pixels once decoded
    error = refused(bomb)
    assert_explained(error, bomb, "400.0 megapixels", "decompression bomb")
    assert Image.MAX_IMAGE_PIXELS is not None  # Pillow's limit stays on


def test_image_over_the_pixel_limit_is_refused_where_pillow_only_warns(tmp_path: Path) -> None:
    big = mf.png_bomb(tmp_path / "big.png", 10000, 10000)  # 100 MP: between 1x and 2x the limit
    with pytest.warns(Image.DecompressionBombWarning):
        error = refused(big)
    assert_explained(error, big, "100.0 megapixels")


@pytest.mark.parametrize(
    ("prolog", "bom"),
    [
        ("", False),
        ('<?xml version="1.0" encoding="UTF-8"?>\n', False),
        (
            '<?xml version="1.0"?>\n<!-- Рухани жаңғыру logo -->\n'
            '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
            '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n',
            True,
        ),
    ],
)
def test_svg_logo_is_an_image_without_size(tmp_path: Path, prolog: str, bom: bool) -> None:
    path = mf.svg(tmp_path / "logo.txt", prolog=prolog, bom=bom)
    info = probe_media(path, max_bytes=MAX)
    assert (info.mime, info.kind, info.width, info.height) == (
        "image/svg+xml",
        MediaKind.IMAGE,
        None,
        None,
    )


# --- what is not media --------------------------------------------------------------------------


def test_text_renamed_jpg_is_refused_with_what_it_is(tmp_path: Path) -> None:
    path = mf.text_file(tmp_path / "photo.jpg")
    assert_explained(refused(path), path, "not a media file", "text/plain")


@pytest.mark.parametrize(
    ("make", "guess", "fragment"),
    [
        (mf.zip_file, "application/zip", "not a media file"),
        (
            lambda p: p.write_text("<html><body><svg></svg></body></html>"),
            "text/html",
            "not a media file",
        ),
        (
            lambda p: p.write_text('<?xml version="1.0"?><feed/>'),
            "application/xml",
            "not a media file",
        ),
        (mf.heic_like, "image/heic", "not supported"),
        (mf.bmp, "image/bmp", "not supported"),
        (
            lambda p: p.write_bytes(bytes(range(256)) * 4),
            "application/octet-stream",
            "not a media file",
        ),
    ],
)
def test_other_content_is_refused_and_named(
    tmp_path: Path, make, guess: str, fragment: str
) -> None:
    path = tmp_path / "upload.jpg"
    make(path)
    assert_explained(refused(path), path, fragment, guess)


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = mf.empty_file(tmp_path / "empty.jpg")
    assert_explained(refused(path), path, "empty")


def test_missing_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "photo.jpg"
    assert_explained(refused(path), path, "not found")


def test_directory_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "album.jpg"
    path.mkdir()
    assert_explained(refused(path), path, "folder")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    path = mf.fifo(tmp_path / "pipe.mp4")
    outcome: list[BaseException] = []
    worker = threading.Thread(target=lambda: outcome.append(refused(path)), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "probing a pipe blocked"
    assert_explained(outcome[0], path, "not a regular file")  # type: ignore[arg-type]


def test_unreadable_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated, because the tests may run as root, who can read a chmod 000 file."""
    path = mf.image(tmp_path / "secret.jpg", 16, 16)
    real_open = os.open

    def deny(target: object, flags: int, *args: object) -> int:
        if Path(str(target)) == path:
            raise PermissionError(13, "Permission denied")
        return real_open(target, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(media_probe.os, "open", deny)
    assert_explained(refused(path), path, "cannot be read", "Permission denied")


def test_file_over_the_limit_is_refused_and_the_limit_itself_passes(tmp_path: Path) -> None:
    path = mf.image(tmp_path / "photo.jpg", 200, 200)
    size = path.stat().st_size
    assert probe_media(path, max_bytes=size).size == size
    error = refused(path, max_bytes=size - 1)
    assert_explained(error, path, "too large")


def _bytes_read_by_this_process() -> int:
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise AssertionError("no rchar in /proc/self/io")


@pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="needs Linux /proc/self/io")
def test_sparse_10gb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = mf.sparse_file(tmp_path / "huge.mp4", 10 * GIB)
    before = _bytes_read_by_this_process()
    error = refused(path)
    read = _bytes_read_by_this_process() - before
    assert_explained(error, path, "too large", "10240.0 MB", "50.0 MB")
    assert read < 1024 * 1024, f"read {read} bytes of a file it should only have stat-ed"


def test_hashing_is_streamed_in_constant_memory(tmp_path: Path) -> None:
    path = mf.jpeg_with_trailer(tmp_path / "long.jpg", os.urandom(24 * 1024 * 1024))
    store = MediaStore(tmp_path / "store", MAX)
    tracemalloc.start()
    try:
        stored = store.put(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert stored.sha256 == sha256_of(path)
    assert peak < 8 * 1024 * 1024, f"peak {peak} bytes for a {stored.size}-byte file"


# --- videos and documents -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("container", "mime"),
    [
        ("mp4", "video/mp4"),
        ("mov", "video/quicktime"),
        ("webm", "video/webm"),
        ("matroska", "video/x-matroska"),
    ],
)
def test_videos_report_duration_and_size(tmp_path: Path, container: str, mime: str) -> None:
    path = tmp_path / "clip.bin"
    mf.make_video(path, 3, 96, 64, fps=10, container=container)
    info = probe_media(path, max_bytes=MAX)
    assert (info.mime, info.kind, info.width, info.height) == (mime, MediaKind.VIDEO, 96, 64)
    assert info.duration == pytest.approx(3.0, abs=0.15)
    assert info.sha256 == sha256_of(path)


def test_portrait_phone_video_reports_the_displayed_size(tmp_path: Path) -> None:
    path = tmp_path / "reel.mp4"
    mf.make_video(path, 1, 96, 64, rotation=90)
    info = probe_media(path, max_bytes=MAX)
    assert (info.width, info.height) == (64, 96)


def test_webm_without_stored_duration_is_measured_from_packets(tmp_path: Path) -> None:
    path = tmp_path / "recording.webm"
    mf.make_video(path, 2, 64, 48, container="webm", muxer_options={"live": "1"})
    with av.open(str(path)) as container:  # the premise: nothing stored
        assert container.duration is None and container.streams.video[0].duration is None
    assert probe_media(path, max_bytes=MAX).duration == pytest.approx(2.0, abs=0.15)


def test_audio_only_mp4_is_refused(tmp_path: Path) -> None:
    path = mf.audio_only_mp4(tmp_path / "podcast.mp4")
    assert_explained(refused(path), path, "no video stream")


@pytest.mark.parametrize("container", ["mp4", "webm"])
def test_truncated_video_is_refused(tmp_path: Path, container: str) -> None:
    whole = tmp_path / "whole"
    mf.make_video(whole, 2, 64, 48, container=container)
    cut = mf.truncated_copy(whole, tmp_path / "cut.mp4", 0.7)
    assert_explained(refused(cut), cut, "truncated or damaged")


def test_corrupt_mp4_is_refused(tmp_path: Path) -> None:
    path = mf.corrupt_mp4(tmp_path / "broken.mp4")
    assert_explained(refused(path), path, "the video cannot be read")


def test_pdf_is_a_document_with_size_only(tmp_path: Path) -> None:
    path = mf.pdf(tmp_path / "programme.pdf")
    info = probe_media(path, max_bytes=MAX)
    assert (info.mime, info.kind, info.size) == (
        "application/pdf",
        MediaKind.DOCUMENT,
        path.stat().st_size,
    )
    assert (info.width, info.height, info.duration) == (None, None, None)


def test_truncated_pdf_is_refused(tmp_path: Path) -> None:
    cut = mf.truncated_copy(mf.pdf(tmp_path / "whole.pdf"), tmp_path / "cut.pdf", 0.7)
    assert_explained(refused(cut), cut, "%%EOF")


def test_media_info_is_frozen_and_maps_to_the_model(tmp_path: Path) -> None:
    path = tmp_path / "clip.mp4"
    mf.make_video(path, 1, 32, 32)
    info = probe_media(path, max_bytes=MAX)
    with pytest.raises(dataclasses.FrozenInstanceError):
        info.size = 1  # type: ignore[misc]
    model = info.to_model()
    assert isinstance(model, Media)
    assert (model.sha256, model.mime, model.kind, model.size) == (
        info.sha256,
        "video/mp4",
        "video",
        info.size,
    )
    assert (model.width, model.height, model.duration, model.original_name) == (
        32,
        32,
        info.duration,
        "clip.mp4",
    )
    long = dataclasses.replace(info, original_name="я" * 300)
    assert long.to_model().original_name == "я" * 255


# --- the store ----------------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> MediaStore:
    return MediaStore(tmp_path / "store", MAX)


def blobs(store: MediaStore) -> list[Path]:
    """Every file under the store's root, temp files included."""
    return sorted(p for p in store.root.rglob("*") if p.is_file()) if store.root.exists() else []


def test_put_copies_into_a_read_only_content_addressed_blob(
    tmp_path: Path, store: MediaStore
) -> None:
    source = mf.image(tmp_path / "IMG_0001.JPG", 120, 80)
    stored = store.put(source)
    sha = sha256_of(source)
    assert stored.created is True
    assert stored.sha256 == sha
    assert stored.path == store.root / sha[:2] / sha[2:4] / f"{sha}.jpg"
    assert stored.path.read_bytes() == source.read_bytes()
    assert stat.S_IMODE(stored.path.stat().st_mode) == 0o444
    assert store.path_for(sha) == stored.path
    assert store.exists(sha) and store.verify(sha)
    assert blobs(store) == [stored.path]  # no temp file left behind
    assert (stored.width, stored.height, stored.original_name) == (120, 80, "IMG_0001.JPG")


def test_extension_follows_the_content_not_the_name(tmp_path: Path, store: MediaStore) -> None:
    stored = store.put(mf.image(tmp_path / "clip.mp4", 40, 40, fmt="PNG"))
    assert stored.path.name == f"{stored.sha256}.png"


def test_put_is_idempotent_and_does_not_rewrite(tmp_path: Path, store: MediaStore) -> None:
    first = store.put(mf.image(tmp_path / "a.jpg", 50, 50, seed=4))
    before = first.path.stat()
    again = store.put(tmp_path / "a.jpg")
    copy = tmp_path / "copy-with-another-name.jpeg"
    copy.write_bytes((tmp_path / "a.jpg").read_bytes())
    third = store.put(copy)
    assert (again.created, third.created) == (False, False)
    assert again.path == third.path == first.path
    after = first.path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert third.original_name == copy.name
    assert len(blobs(store)) == 1


def test_queued_media_survive_the_source_being_changed_or_deleted(
    tmp_path: Path, store: MediaStore
) -> None:
    source = mf.image(tmp_path / "fest.jpg", 160, 90, seed=1, label="Kitap-fest")
    original = source.read_bytes()
    stored = store.put(source)

    mf.image(source, 160, 90, seed=2, label="changed")  # the officer edits the file in place
    assert source.read_bytes() != original
    assert stored.path.read_bytes() == original
    assert store.verify(stored.sha256)

    source.unlink()  # ... and then deletes it
    blob = store.path_for(stored.sha256)
    assert blob.read_bytes() == original
    assert hashlib.sha256(blob.read_bytes()).hexdigest() == stored.sha256


def _change_after_probe(monkeypatch: pytest.MonkeyPatch, change) -> None:
    """Make the source change between the probe and the copy, as a slow sync client would."""
    real_probe = media_store_module.probe_media

    def probe_then_change(path: Path, *, max_bytes: int) -> MediaInfo:
        info = real_probe(path, max_bytes=max_bytes)
        change(path)
        return info

    monkeypatch.setattr(media_store_module, "probe_media", probe_then_change)


@pytest.mark.parametrize(
    "change",
    [
        lambda p: p.write_bytes(p.read_bytes()[:-1] + b"\x00"),  # same size, other bytes
        lambda p: p.write_bytes(p.read_bytes() + b"more"),  # grew
        lambda p: p.unlink(),  # gone
    ],
    ids=["rewritten", "grew", "deleted"],
)
def test_source_changing_during_put_is_detected(
    tmp_path: Path, store: MediaStore, monkeypatch: pytest.MonkeyPatch, change
) -> None:
    source = mf.image(tmp_path / "photo.jpg", 80, 60)
    _change_after_probe(monkeypatch, change)
    with pytest.raises(InputError) as caught:
        store.put(source)
    assert_explained(caught.value, source, "changed or was removed")
    assert blobs(store) == []


def test_refused_file_leaves_the_store_untouched(tmp_path: Path, store: MediaStore) -> None:
    with pytest.raises(InputError):
        store.put(mf.text_file(tmp_path / "photo.jpg"))
    assert blobs(store) == []


def test_failed_write_raises_storage_error_and_leaves_nothing(
    tmp_path: Path, store: MediaStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = mf.image(tmp_path / "photo.jpg", 80, 60)

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(media_store_module.os, "fsync", disk_full)
    with pytest.raises(StorageError) as caught:
        store.put(source)
    assert "No space left on device" in caught.value.render("en")
    assert blobs(store) == []


def test_store_root_that_is_not_a_folder_is_a_storage_error(tmp_path: Path) -> None:
    root = tmp_path / "media"
    root.write_text("not a folder")
    with pytest.raises(StorageError):
        MediaStore(root, MAX).put(mf.image(tmp_path / "photo.jpg", 8, 8))


def test_blob_and_its_directory_are_fsynced(
    tmp_path: Path, store: MediaStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[tuple[bool, int]] = []
    real_fsync = os.fsync

    def recording_fsync(fd: int) -> None:
        st = os.fstat(fd)
        synced.append((stat.S_ISDIR(st.st_mode), st.st_ino))
        real_fsync(fd)

    monkeypatch.setattr(media_store_module.os, "fsync", recording_fsync)
    stored = store.put(mf.image(tmp_path / "photo.jpg", 80, 60))
    assert (False, stored.path.stat().st_ino) in synced  # the data, before it got its name
    assert (True, stored.path.parent.stat().st_ino) in synced  # the name itself


def test_concurrent_puts_of_one_content_create_it_once(tmp_path: Path, store: MediaStore) -> None:
    sources = []
    for i in range(6):
        path = tmp_path / f"copy{i}.jpg"
        mf.image(path, 200, 150, seed=9)
        sources.append(path)
    barrier = threading.Barrier(len(sources))
    results = []

    def put(path: Path) -> None:
        barrier.wait()
        results.append(store.put(path))

    threads = [threading.Thread(target=put, args=(p,)) for p in sources]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == len(sources)
    assert sum(r.created for r in results) == 1
    assert len(blobs(store)) == 1


def test_discard_removes_a_blob_once(tmp_path: Path, store: MediaStore) -> None:
    stored = store.put(mf.image(tmp_path / "photo.jpg", 30, 30))
    assert store.discard(stored.sha256) is True
    assert not store.exists(stored.sha256)
    assert not stored.path.exists()
    with pytest.raises(NotFoundError):
        store.path_for(stored.sha256)
    assert store.discard(stored.sha256) is False
    assert store.put(tmp_path / "photo.jpg").created is True


def test_verify_detects_a_tampered_blob(tmp_path: Path, store: MediaStore) -> None:
    stored = store.put(mf.image(tmp_path / "photo.jpg", 30, 30))
    stored.path.chmod(0o644)
    data = bytearray(stored.path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    stored.path.write_bytes(bytes(data))
    assert store.verify(stored.sha256) is False


def test_put_repairs_a_blob_whose_size_is_wrong(tmp_path: Path, store: MediaStore) -> None:
    source = mf.image(tmp_path / "photo.jpg", 30, 30)
    stored = store.put(source)
    stored.path.chmod(0o644)
    stored.path.write_bytes(b"half")
    again = store.put(source)
    assert again.created is False
    assert again.path == stored.path
    assert store.verify(stored.sha256)
    assert stat.S_IMODE(stored.path.stat().st_mode) == 0o444


def test_unknown_hash_is_not_found(store: MediaStore) -> None:
    missing = "0" * 64
    assert store.exists(missing) is False
    with pytest.raises(NotFoundError) as caught:
        store.path_for(missing)
    assert missing in caught.value.render("kk")
    with pytest.raises(NotFoundError):
        store.verify(missing)


@pytest.mark.parametrize("value", ["", "abc", "g" * 64, "A" * 64, "../" * 21 + "a", "0" * 63 + "/"])
@pytest.mark.parametrize("method", ["exists", "path_for", "verify", "discard"])
def test_malformed_hash_is_an_input_error(store: MediaStore, method: str, value: str) -> None:
    with pytest.raises(InputError) as caught:
        getattr(store, method)(value)
    assert "sha256" in caught.value.render("ru")


# --- sample media -------------------------------------------------------------------------------


def test_make_photo_is_a_rich_deterministic_jpeg(tmp_path: Path) -> None:
    a = mf.make_photo(tmp_path / "a.jpg", 640, 400, seed=7, label="Рухани жаңғыру")
    b = mf.make_photo(tmp_path / "b.jpg", 640, 400, seed=7, label="Рухани жаңғыру")
    c = mf.make_photo(tmp_path / "c.jpg", 640, 400, seed=8, label="Рухани жаңғыру")
    info = probe_media(a, max_bytes=MAX)
    assert (info.mime, info.width, info.height) == ("image/jpeg", 640, 400)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()
    with Image.open(a) as im:
        colours = im.convert("RGB").getcolors(1 << 20)
    assert colours is not None and len(colours) > 1000  # gradients and shapes, not a flat fill


def test_photo_label_is_drawn(tmp_path: Path) -> None:
    plain = render_photo(320, 200, seed=3, label="")
    labelled = render_photo(320, 200, seed=3, label="Арна")
    box = (0, 0, 160, 60)  # the label sits in the top-left corner
    diff = ImageChops.difference(plain.crop(box), labelled.crop(box))
    assert max(ImageStat.Stat(diff).extrema[0]) > 100


def _frames(path: Path) -> list[Image.Image]:
    with av.open(str(path)) as container:
        return [f.to_image() for f in container.decode(video=0)]


def _distance(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def test_make_video_has_motion_and_hard_cuts_where_it_says(tmp_path: Path) -> None:
    path = tmp_path / "demo.mp4"
    cuts = mf.make_video(path, 6, 160, 96, fps=10)
    info = probe_media(path, max_bytes=MAX)
    assert (info.width, info.height) == (160, 96)
    assert info.duration == pytest.approx(6.0, abs=0.15)
    assert len(cuts) >= 3
    assert cuts == tuple(i / 10 for i in scene_cuts(6, fps=10))

    frames = _frames(path)
    assert len(frames) == 60
    cut_frames = {round(t * 10) for t in cuts}
    steps = [_distance(frames[i - 1], frames[i]) for i in range(1, len(frames))]
    at_cuts = [steps[i - 1] for i in cut_frames]
    inside = [s for i, s in enumerate(steps, start=1) if i not in cut_frames]
    assert min(at_cuts) > 3 * max(inside)  # a cut detector can tell them apart
    assert min(inside) > 0  # and nothing stands still


def test_make_video_refuses_odd_sizes(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        mf.make_video(tmp_path / "odd.mp4", 1, 33, 32)
