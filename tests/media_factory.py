"""Real media files, made at test time: good ones, broken ones and hostile ones.

Pictures and videos come from `posts.media_samples` (the same code makes the demo media of
`arna init`); this module adds the formats, damage and tricks that only tests need.
"""

from __future__ import annotations

import math
import os
import random
import struct
import zlib
from array import array
from pathlib import Path

import av
from PIL import ExifTags, Image

from posts.media_samples import make_photo, make_video, render_photo

__all__ = [
    "audio_only_mp4",
    "bmp",
    "corrupt_mp4",
    "empty_file",
    "fifo",
    "heic_like",
    "image",
    "jpeg_with_comment",
    "jpeg_with_trailer",
    "make_photo",
    "make_video",
    "noisy_jpeg",
    "pdf",
    "png_bomb",
    "sparse_file",
    "svg",
    "text_file",
    "truncated_copy",
    "zip_file",
]


def image(
    path: Path,
    width: int,
    height: int,
    *,
    fmt: str = "JPEG",
    seed: int = 0,
    label: str = "",
    orientation: int | None = None,
) -> Path:
    """A sample picture saved as `fmt` (JPEG, PNG, GIF, WEBP), whatever `path`'s extension says.

    `orientation` writes an EXIF Orientation tag (JPEG and WebP) without turning the pixels.
    """
    picture = render_photo(width, height, seed=seed, label=label)
    options: dict[str, object] = {}
    if orientation is not None:
        exif = Image.Exif()
        exif[ExifTags.Base.Orientation] = orientation
        options["exif"] = exif.tobytes()
    picture.save(path, fmt, **options)
    return Path(path)


def noisy_jpeg(path: Path, target_bytes: int, *, seed: int = 0) -> Path:
    """A JPEG of random pixels of about `target_bytes` (noise does not compress: ~1 byte/pixel)."""
    side = max(16, int(math.sqrt(target_bytes / 0.97)))
    width, height = side + side // 3, side * 3 // 4
    noise = random.Random(seed).randbytes(width * height * 3)
    Image.frombytes("RGB", (width, height), noise).save(path, "JPEG", quality=92)
    return Path(path)


def jpeg_with_trailer(path: Path, trailer: bytes) -> Path:
    """A complete JPEG followed by extra bytes after its end marker, as motion photos carry."""
    image(path, 64, 48)
    with open(path, "ab") as f:
        f.write(trailer)
    return Path(path)


def jpeg_with_comment(path: Path, comment: bytes) -> Path:
    """A JPEG with a COM segment right after SOI: its bytes may contain FF D9 without ending it."""
    image(path, 64, 48)
    data = Path(path).read_bytes()
    segment = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
    Path(path).write_bytes(data[:2] + segment + data[2:])
    return Path(path)


def truncated_copy(source: Path, path: Path, fraction: float = 0.5) -> Path:
    """The first `fraction` of `source`, as an interrupted download leaves it."""
    data = Path(source).read_bytes()
    Path(path).write_bytes(data[: int(len(data) * fraction)])
    return Path(path)


def empty_file(path: Path) -> Path:
    Path(path).write_bytes(b"")
    return Path(path)


def text_file(path: Path, text: str = "Рухани жаңғыру: пресс-релиз.\nNot a photo.\n") -> Path:
    Path(path).write_text(text, encoding="utf-8")
    return Path(path)


def svg(path: Path, *, prolog: str = "", bom: bool = False) -> Path:
    """A small SVG logo, optionally after an XML prolog (declaration, comments, DOCTYPE)."""
    body = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        '<circle cx="50" cy="50" r="40" fill="#00afca"/></svg>\n'
    )
    data = (prolog + body).encode("utf-8")
    Path(path).write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return Path(path)


def pdf(path: Path, *, width: int = 200, height: int = 100) -> Path:
    """A one-page PDF (Pillow writes a real one, ending with %%EOF)."""
    render_photo(width, height, seed=1, label="PDF").save(path, "PDF")
    return Path(path)


def bmp(path: Path) -> Path:
    render_photo(32, 24, seed=2, label="").save(path, "BMP")
    return Path(path)


def zip_file(path: Path) -> Path:
    """A ZIP archive, which is what a DOCX or XLSX is underneath."""
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return Path(path)


def heic_like(path: Path) -> Path:
    """The start of an iPhone HEIC photo: an ISO BMFF `ftyp` box with the `heic` brand."""
    ftyp = struct.pack(">I", 24) + b"ftyp" + b"heic" + b"\x00\x00\x00\x00" + b"mif1heic"
    Path(path).write_bytes(ftyp + struct.pack(">I", 16) + b"free" + bytes(8))
    return Path(path)


def corrupt_mp4(path: Path, *, seed: int = 0) -> Path:
    """Well-formed top-level boxes (ftyp, mdat) with garbage inside and no `moov`: the structure
    fits the file, so only the demuxer can tell it is not a video."""
    garbage = random.Random(seed).randbytes(4096)
    ftyp = struct.pack(">I", 24) + b"ftyp" + b"isom" + b"\x00\x00\x02\x00" + b"isomavc1"
    mdat = struct.pack(">I", 8 + len(garbage)) + b"mdat" + garbage
    Path(path).write_bytes(ftyp + mdat)
    return Path(path)


def audio_only_mp4(path: Path, seconds: float = 1.0, *, rate: int = 44100) -> Path:
    """An MP4 holding a single AAC audio stream (a 440 Hz tone) and no video."""
    samples_per_frame = 1024
    with av.open(str(path), mode="w", format="mp4") as out:
        stream = out.add_stream("aac", rate=rate)
        stream.layout = "mono"
        total = int(seconds * rate)
        for start in range(0, total, samples_per_frame):
            frame = av.AudioFrame(format="fltp", layout="mono", samples=samples_per_frame)
            frame.sample_rate = rate
            frame.pts = start
            tone = array(
                "f",
                (
                    0.3 * math.sin(2 * math.pi * 440 * (start + k) / rate)
                    for k in range(samples_per_frame)
                ),
            )
            frame.planes[0].update(tone.tobytes())
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return Path(path)


def png_bomb(path: Path, width: int, height: int) -> Path:
    """A valid 1-bit greyscale PNG of `width` × `height` that is all zeros: a few dozen kilobytes
    on disk, `width * height` pixels once decoded. Written chunk by chunk, never in memory."""
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte + packed bits

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    compressor = zlib.compressobj(9)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)))
        rows_per_block = 256
        for first in range(0, height, rows_per_block):
            block = row * min(rows_per_block, height - first)
            if data := compressor.compress(block):
                f.write(chunk(b"IDAT", data))
        f.write(chunk(b"IDAT", compressor.flush()))
        f.write(chunk(b"IEND", b""))
    return Path(path)


def sparse_file(path: Path, size: int) -> Path:
    """A file that claims `size` bytes but occupies (almost) no disk: all holes."""
    with open(path, "wb") as f:
        f.truncate(size)
    return Path(path)


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return Path(path)
