"""What a media file is, judged by its content, and its metadata.

`probe_media` never trusts a file's name or extension: it reads the first bytes ("magic"), decides the
format from them, and only then asks Pillow (images) or PyAV (videos) for the metadata. Every refusal
is an `InputError` that names the file, the reason and the fix, in Kazakh, Russian and English.

Order of work, and why:

1. open the file and `fstat` the open descriptor: a missing file, a folder, a device or pipe, an empty
   file and a file over `max_bytes` are refused from the stat alone, before a single byte is read
   (a 10 GB sparse file is refused at once);
2. read the first bytes and sniff the format;
3. hash the whole file in 1 MiB chunks (constant memory);
4. read the metadata (headers only) and check cheaply that the file is complete;
5. `fstat` again: if the size or modification time moved, the file changed under us.

Hashing before reading the metadata matters to `MediaStore.put`, which hashes the bytes it copies and
compares them with this hash: any change after step 3 is caught there.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from PIL import ExifTags, Image

from posts.errors import InputError
from posts.i18n import Text
from posts.models import Media
from posts.vocab import MediaKind

if TYPE_CHECKING:
    import av

#: Bytes read to sniff the format. Enough for an XML prolog in front of an `<svg` root.
HEAD_BYTES = 8192
#: Chunk size for hashing and copying.
CHUNK_BYTES = 1 << 20
_MIB = 1 << 20

# --- the formats Arna accepts -------------------------------------------------------------------

#: mime -> (kind, file extension in the store). The only formats `probe_media` accepts.
FORMATS: dict[str, tuple[MediaKind, str]] = {
    "image/jpeg": (MediaKind.IMAGE, ".jpg"),
    "image/png": (MediaKind.IMAGE, ".png"),
    "image/gif": (MediaKind.IMAGE, ".gif"),
    "image/webp": (MediaKind.IMAGE, ".webp"),
    "image/svg+xml": (MediaKind.IMAGE, ".svg"),
    "video/mp4": (MediaKind.VIDEO, ".mp4"),
    "video/quicktime": (MediaKind.VIDEO, ".mov"),
    "video/3gpp": (MediaKind.VIDEO, ".3gp"),
    "video/webm": (MediaKind.VIDEO, ".webm"),
    "video/x-matroska": (MediaKind.VIDEO, ".mkv"),
    "application/pdf": (MediaKind.DOCUMENT, ".pdf"),
}

_PILLOW_FORMAT = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WEBP",
}
_FORMAT_NAME = {"JPEG": "JPEG", "PNG": "PNG", "GIF": "GIF", "WEBP": "WebP"}
_ISO_BMFF = {"video/mp4", "video/quicktime", "video/3gpp"}
_MATROSKA = {"video/webm", "video/x-matroska"}

# ISO BMFF major brands that are still images (HEIF/AVIF) or camera raws, not videos.
_ISO_IMAGE_BRANDS = {
    b"heic": "image/heic",
    b"heix": "image/heic",
    b"heim": "image/heic",
    b"heis": "image/heic",
    b"hevc": "image/heic",
    b"hevx": "image/heic",
    b"mif1": "image/heif",
    b"msf1": "image/heif",
    b"avif": "image/avif",
    b"avis": "image/avif",
    b"crx ": "image/x-canon-cr3",
}


@dataclass(frozen=True, slots=True)
class MediaInfo:
    """A media file identified by its content.

    `width` and `height` are the size as displayed: for a JPEG or WebP with an EXIF orientation of
    5–8, and for a video whose display matrix turns it by 90° (portrait phone video), they are swapped
    relative to the stored pixels. They are None for SVG and PDF. `duration` is in seconds, for video
    only.
    """

    sha256: str
    mime: str
    kind: MediaKind
    size: int
    width: int | None
    height: int | None
    duration: float | None
    original_name: str
    source: Path

    @property
    def extension(self) -> str:
        """The extension a blob of this format gets in the store, with its dot."""
        return FORMATS[self.mime][1]

    def to_model(self) -> Media:
        return Media(
            sha256=self.sha256,
            mime=self.mime,
            kind=self.kind.value,
            size=self.size,
            width=self.width,
            height=self.height,
            duration=self.duration,
            original_name=self.original_name[:255],
        )


# --- messages ------------------------------------------------------------------------------------

NOT_FOUND = Text(
    kk="файл табылмады",
    ru="файл не найден",
    en="file not found",
)
FIX_NOT_FOUND = Text(
    kk="Жолды және файлдың бар екенін тексеріңіз.",
    ru="Проверьте путь и то, что файл существует.",
    en="Check the path and that the file exists.",
)
IS_DIRECTORY = Text(
    kk="бұл файл емес, қалта",
    ru="это папка, а не файл",
    en="this is a folder, not a file",
)
FIX_IS_DIRECTORY = Text(
    kk="Қалтаның ішіндегі файлды көрсетіңіз.",
    ru="Укажите файл внутри папки.",
    en="Name a file inside the folder.",
)
NOT_REGULAR = Text(
    kk="бұл кәдімгі файл емес (құрылғы, бағдарламалық арна немесе сокет)",
    ru="это не обычный файл (устройство, канал или сокет)",
    en="this is not a regular file (a device, pipe or socket)",
)
FIX_NOT_REGULAR = Text(
    kk="Фото, бейне немесе PDF файлын көрсетіңіз.",
    ru="Укажите файл фото, видео или PDF.",
    en="Name a photo, video or PDF file.",
)
UNREADABLE = Text(
    kk="файлды оқу мүмкін емес: {reason}",
    ru="файл не удаётся прочитать: {reason}",
    en="the file cannot be read: {reason}",
)
FIX_UNREADABLE = Text(
    kk="Файлға қол жеткізу құқықтарын тексеріңіз.",
    ru="Проверьте права доступа к файлу.",
    en="Check the file's permissions.",
)
EMPTY = Text(
    kk="файл бос (0 байт)",
    ru="файл пуст (0 байт)",
    en="the file is empty (0 bytes)",
)
FIX_COPY_AGAIN = Text(
    kk="Файлды бастапқы көзінен қайта көшіріңіз немесе жүктеп алыңыз: ол толық жүктелмеген болуы мүмкін.",
    ru="Скопируйте или скачайте файл из источника заново: возможно, он не докачался.",
    en="Copy or download the file again from its source: it may not have arrived in full.",
)
TOO_LARGE = Text(
    kk="файл тым үлкен: {size_mb} МБ, ал шек — {limit_mb} МБ",
    ru="файл слишком большой: {size_mb} МБ при пределе {limit_mb} МБ",
    en="the file is too large: {size_mb} MB, the limit is {limit_mb} MB",
)
FIX_TOO_LARGE = Text(
    kk="Файлды сығыңыз немесе қысқартыңыз (бейне үшін биттрейтті не ажыратымдылықты төмендетіңіз) "
    "немесе әкімшіден config.toml-дағы медиа өлшемінің шегін көтеруді сұраңыз.",
    ru="Сожмите или сократите файл (для видео уменьшите битрейт или разрешение) "
    "или попросите администратора поднять предел размера медиа в config.toml.",
    en="Compress or shorten the file (for a video, lower the bitrate or the resolution), "
    "or ask an admin to raise the media size limit in config.toml.",
)
NOT_MEDIA = Text(
    kk="медиафайл емес: мазмұны бойынша бұл {guess} (Arna файлдың атауына емес, мазмұнына қарайды)",
    ru="не медиафайл: по содержимому это {guess} (Arna смотрит на содержимое файла, а не на имя)",
    en="not a media file: its content is {guess} (Arna looks at a file's content, not its name)",
)
FIX_NOT_MEDIA = Text(
    kk="JPEG, PNG, GIF не WebP фотосуретін, MP4, MOV не WebM бейнесін, SVG логотипін "
    "немесе PDF құжатын тіркеңіз.",
    ru="Прикрепите фото в JPEG, PNG, GIF или WebP, видео в MP4, MOV или WebM, логотип в SVG "
    "или документ PDF.",
    en="Attach a JPEG, PNG, GIF or WebP photo, an MP4, MOV or WebM video, an SVG logo "
    "or a PDF document.",
)
UNSUPPORTED = Text(
    kk="бұл пішімге қолдау көрсетілмейді: {guess}",
    ru="этот формат не поддерживается: {guess}",
    en="this format is not supported: {guess}",
)
FIX_UNSUPPORTED = Text(
    kk="Түрлендіріңіз: фотоны JPEG не PNG пішіміне, бейнені MP4 (H.264) пішіміне.",
    ru="Сконвертируйте: фото в JPEG или PNG, видео в MP4 (H.264).",
    en="Convert it: a photo to JPEG or PNG, a video to MP4 (H.264).",
)
TOO_MANY_PIXELS = Text(
    kk="суретте {megapixels} мегапиксель бар, бұл қауіпсіздік шегінен ({limit} мегапиксель) көп: "
    "мұндай файл ашылғанда сервердің жадын толтырып тастауы мүмкін («декомпрессиялық бомба»)",
    ru="в изображении {megapixels} мегапикселей, больше безопасного предела в {limit} мегапикселей: "
    "при распаковке такой файл может занять всю память сервера («бомба распаковки»)",
    en="the image has {megapixels} megapixels, more than the safety limit of {limit} megapixels: "
    "decoding it could exhaust the server's memory (a 'decompression bomb')",
)
FIX_TOO_MANY_PIXELS = Text(
    kk="Суретті кішірейтіп, қайта тіркеңіз: әлеуметтік желілер ұзын жағы бойынша "
    "шамамен 4000 пиксельден артық көрсетпейді.",
    ru="Уменьшите изображение и прикрепите заново: соцсети всё равно показывают "
    "не больше ~4000 пикселей по длинной стороне.",
    en="Scale the image down and attach it again: the networks show at most about "
    "4000 pixels on the long side anyway.",
)
IMAGE_TRUNCATED = Text(
    kk="{format} суреті толық емес: файл сурет деректері біткенше үзіліп қалған",
    ru="изображение {format} обрезано: файл кончается раньше, чем данные изображения",
    en="the {format} image is truncated: the file ends before the image data does",
)
IMAGE_BROKEN = Text(
    kk="{format} суреті бүлінген, оны оқу мүмкін емес ({detail})",
    ru="изображение {format} повреждено и не читается ({detail})",
    en="the {format} image is damaged and cannot be read ({detail})",
)
FIX_IMAGE_BROKEN = Text(
    kk="Суретті графикалық редакторда ашып, JPEG не PNG ретінде қайта сақтаңыз да, "
    "жаңа файлды тіркеңіз.",
    ru="Откройте изображение в графическом редакторе, пересохраните в JPEG или PNG "
    "и прикрепите новый файл.",
    en="Open the image in an image editor, save it again as JPEG or PNG, and attach the new file.",
)
NO_VIDEO_STREAM = Text(
    kk="бейне ағыны жоқ: файлда тек дыбыс немесе басқа деректер бар",
    ru="нет видеопотока: в файле только звук или другие данные",
    en="no video stream: the file holds only audio or other data",
)
FIX_NO_VIDEO_STREAM = Text(
    kk="Бейне файлын тіркеңіз; подкаст не музыка үшін алдымен суреті бар бейне жасаңыз.",
    ru="Прикрепите видеофайл; для подкаста или музыки сначала сделайте видео с картинкой.",
    en="Attach a video file; for a podcast or music, make a video with a picture first.",
)
VIDEO_BROKEN = Text(
    kk="бейнені оқу мүмкін емес, файл бүлінген немесе толық емес ({detail})",
    ru="видео не читается, файл повреждён или неполон ({detail})",
    en="the video cannot be read, the file is damaged or incomplete ({detail})",
)
VIDEO_NO_FRAMES = Text(
    kk="бейнеде көрсетуге болатын бірде-бір кадр жоқ",
    ru="в видео нет ни одного кадра, который можно показать",
    en="the video has no frame that can be shown",
)
VIDEO_TRUNCATED = Text(
    kk="бейне толық емес немесе бүлінген: файлда {size} байт, ал оның құрылымы бойынша "
    "кемінде {expected} байт болуы керек",
    ru="видео обрезано или повреждено: в файле {size} байт, а по его структуре должно быть "
    "не меньше {expected}",
    en="the video is truncated or damaged: the file has {size} bytes, but its structure needs "
    "at least {expected}",
)
FIX_VIDEO = Text(
    kk="Бейнені қайта экспорттаңыз (MP4, H.264) немесе бастапқы көзінен қайта көшіріңіз.",
    ru="Экспортируйте видео заново (MP4, H.264) или скопируйте его из источника ещё раз.",
    en="Export the video again (MP4, H.264) or copy it again from its source.",
)
PDF_TRUNCATED = Text(
    kk="PDF құжаты толық емес: соңында %%EOF белгісі жоқ",
    ru="PDF-документ обрезан: в конце нет метки %%EOF",
    en="the PDF document is truncated: it does not end with the %%EOF marker",
)
CHANGED = Text(
    kk="Arna файлды оқып жатқанда ол өзгерді немесе жойылды",
    ru="файл изменился или был удалён, пока Arna его читала",
    en="the file changed or was removed while Arna was reading it",
)
FIX_CHANGED = Text(
    kk="Файл толық сақталып не көшіріліп біткенше күтіңіз де, қайталап көріңіз.",
    ru="Дождитесь, пока файл полностью сохранится или скопируется, и повторите.",
    en="Wait until the file is fully saved or copied, then try again.",
)


# --- the entry point ---------------------------------------------------------------------------


def probe_media(path: Path, *, max_bytes: int) -> MediaInfo:
    """Identify `path` by its content and read its metadata; refuse anything that is not usable.

    Raises InputError for: a missing file, a folder, a device or pipe, an unreadable, empty or
    too large file (over `max_bytes`, judged from `fstat` before reading), content that is not one
    of `FORMATS`, a truncated or damaged image, video or PDF, an image over Pillow's
    decompression-bomb limit, a container without a video stream, and a file that changes while it
    is read.
    """
    if max_bytes <= 0:
        raise ValueError("max_bytes must be positive")
    path = Path(path)
    name = str(path)
    with _open_regular(path) as f:
        first = os.fstat(f.fileno())
        if first.st_size == 0:
            raise InputError.of(EMPTY, file=name, fix=FIX_COPY_AGAIN)
        if first.st_size > max_bytes:
            raise InputError.of(
                TOO_LARGE,
                file=name,
                fix=FIX_TOO_LARGE,
                size_mb=_mib(first.st_size),
                limit_mb=_mib(max_bytes),
            )
        head = f.read(HEAD_BYTES)
        mime = sniff_mime(head)
        if mime is None:
            guess = guess_content(head)
            supported_kind = guess.startswith(("image/", "video/"))
            raise InputError.of(
                UNSUPPORTED if supported_kind else NOT_MEDIA,
                file=name,
                fix=FIX_UNSUPPORTED if supported_kind else FIX_NOT_MEDIA,
                guess=guess,
            )
        f.seek(0)
        sha256, hashed = hash_stream(f, limit=max_bytes + 1)
        if hashed != first.st_size:
            raise InputError.of(CHANGED, file=name, fix=FIX_CHANGED)
        width = height = None
        duration = None
        if mime in _PILLOW_FORMAT:
            width, height = _read_image(f, mime, first.st_size, name)
        elif mime in _ISO_BMFF or mime in _MATROSKA:
            width, height, duration = _read_video(f, mime, first.st_size, name)
        elif mime == "application/pdf":
            _check_pdf(f, first.st_size, name)
        last = os.fstat(f.fileno())
        if (last.st_size, last.st_mtime_ns) != (first.st_size, first.st_mtime_ns):
            raise InputError.of(CHANGED, file=name, fix=FIX_CHANGED)
    kind = FORMATS[mime][0]
    return MediaInfo(
        sha256=sha256,
        mime=mime,
        kind=kind,
        size=first.st_size,
        width=width,
        height=height,
        duration=duration,
        original_name=path.name,
        source=path,
    )


def hash_stream(f: BinaryIO, *, limit: int | None = None) -> tuple[str, int]:
    """sha256 of what is left in `f`, read in chunks; returns (hex digest, bytes read).

    Reads at most `limit` bytes when it is given, so a file that grows while it is read cannot make
    us read forever; the caller compares the count with the size it expected.
    """
    digest = hashlib.sha256()
    buffer = bytearray(CHUNK_BYTES)
    view = memoryview(buffer)
    total = 0
    while limit is None or total < limit:
        want = CHUNK_BYTES if limit is None else min(CHUNK_BYTES, limit - total)
        n = f.readinto(view[:want])  # type: ignore[attr-defined]
        if not n:
            break
        digest.update(view[:n])
        total += n
    return digest.hexdigest(), total


def _open_regular(path: Path) -> BinaryIO:
    """Open `path` for reading, refusing anything that is not a regular file.

    O_NONBLOCK keeps `open` from waiting forever on a named pipe; it changes nothing for regular
    files. The checks use `fstat` on the open descriptor, so they describe the very file we read.
    """
    name = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise InputError.of(IS_DIRECTORY, file=name, fix=FIX_IS_DIRECTORY) from None
    except (FileNotFoundError, NotADirectoryError):
        raise InputError.of(NOT_FOUND, file=name, fix=FIX_NOT_FOUND) from None
    except PermissionError as e:
        if path.is_dir():  # Windows refuses to open folders with a permission error
            raise InputError.of(IS_DIRECTORY, file=name, fix=FIX_IS_DIRECTORY) from None
        raise InputError.of(UNREADABLE, file=name, fix=FIX_UNREADABLE, reason=e.strerror) from None
    except OSError as e:
        raise InputError.of(UNREADABLE, file=name, fix=FIX_UNREADABLE, reason=e.strerror) from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError.of(IS_DIRECTORY, file=name, fix=FIX_IS_DIRECTORY)
        raise InputError.of(NOT_REGULAR, file=name, fix=FIX_NOT_REGULAR)
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _mib(n: int) -> str:
    """Sizes for people: MiB with one decimal, the unit Windows Explorer calls "MB"."""
    return f"{n / _MIB:.1f}"


# --- sniffing ------------------------------------------------------------------------------------


def sniff_mime(head: bytes) -> str | None:
    """The mime of one of `FORMATS` that `head` (a file's first bytes) starts like, else None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _ISO_IMAGE_BRANDS:
            return None
        if brand == b"qt  ":
            return "video/quicktime"
        if brand.startswith((b"3gp", b"3g2")):
            return "video/3gpp"
        return "video/mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        doctype = _ebml_doctype(head)
        if doctype == b"webm":
            return "video/webm"
        if doctype == b"matroska":
            return "video/x-matroska"
        return None
    text = _as_text(head)
    if text is not None and _is_svg(text):
        return "image/svg+xml"
    return None


# (magic, offset, mime) for formats that are recognised only to say what they are.
_KNOWN_OTHERS: tuple[tuple[bytes, int, str], ...] = (
    (b"BM", 0, "image/bmp"),
    (b"II*\x00", 0, "image/tiff"),
    (b"MM\x00*", 0, "image/tiff"),
    (b"8BPS", 0, "image/vnd.adobe.photoshop"),
    (b"\x00\x00\x01\x00", 0, "image/x-icon"),
    (b"FLV", 0, "video/x-flv"),
    (b"\x00\x00\x01\xba", 0, "video/mpeg"),
    (b"ID3", 0, "audio/mpeg"),
    (b"OggS", 0, "audio/ogg"),
    (b"fLaC", 0, "audio/flac"),
    (b"PK\x03\x04", 0, "application/zip"),
    (b"Rar!\x1a\x07", 0, "application/vnd.rar"),
    (b"7z\xbc\xaf\x27\x1c", 0, "application/x-7z-compressed"),
    (b"\x1f\x8b", 0, "application/gzip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "application/x-ole-storage"),
    (b"{\\rtf", 0, "application/rtf"),
    (b"MZ", 0, "application/x-msdownload"),
    (b"\x7fELF", 0, "application/x-executable"),
)


def guess_content(head: bytes) -> str:
    """A mime type for content that `sniff_mime` refused, to tell the user what the file really is.

    A mime type rather than a word, so that the one guess reads the same in all three languages.
    """
    if head[4:8] == b"ftyp":
        return _ISO_IMAGE_BRANDS.get(head[8:12], "video/mp4")
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "application/x-ebml"
    if head[:4] == b"RIFF":
        return {b"AVI ": "video/x-msvideo", b"WAVE": "audio/wav"}.get(
            head[8:12], "application/x-riff"
        )
    if len(head) > 188 and head[0] == 0x47 and head[188] == 0x47:
        return "video/mp2t"
    for magic, offset, mime in _KNOWN_OTHERS:
        if head[offset : offset + len(magic)] == magic:
            return mime
    if head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "audio/mpeg"
    text = _as_text(head)
    if text is None:
        return "application/octet-stream"
    start = text.lstrip().lower()
    if start.startswith(("<!doctype html", "<html")):
        return "text/html"
    if start.startswith("<"):
        return "application/xml"
    if start.startswith(("{", "[")):
        return "application/json"
    return "text/plain"


def _as_text(head: bytes) -> str | None:
    """`head` decoded as text, when it looks like text (UTF-8, UTF-16 with a BOM, or an 8-bit code
    page such as cp1251); otherwise None."""
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if head.startswith(bom):
            decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
            return decoder.decode(head[len(bom) :], final=False)
    if not head or b"\x00" in head:
        return None
    controls = sum(1 for b in head if b < 0x20 and b not in b"\t\n\r\f\x1b")
    if controls > len(head) // 100:
        return None
    return codecs.getincrementaldecoder("utf-8")(errors="replace").decode(head, final=False)


# The XML prolog that may come before the root element: declarations, comments, a DOCTYPE.
_PROLOG_ITEM = re.compile(
    r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)",
    re.DOTALL | re.IGNORECASE,
)
_SVG_ROOT = re.compile(r"\s*<(?:[A-Za-z_][\w.-]*:)?svg[\s/>]")


def _is_svg(text: str) -> bool:
    """True when the first element of `text`, after any XML prolog, is `<svg`."""
    pos = 0
    while match := _PROLOG_ITEM.match(text, pos):
        pos = match.end()
    return _SVG_ROOT.match(text, pos) is not None


def _read_vint(data: bytes, pos: int, *, keep_marker: bool) -> tuple[int, int, bool] | None:
    """An EBML variable-length integer at `pos`: (value, next position, all value bits set)."""
    if pos >= len(data) or data[pos] == 0:
        return None
    first = data[pos]
    length = 8 - first.bit_length() + 1
    if pos + length > len(data):
        return None
    value = int.from_bytes(data[pos : pos + length], "big")
    if not keep_marker:
        value &= (1 << (7 * length)) - 1
    all_ones = (value & ((1 << (7 * length)) - 1)) == (1 << (7 * length)) - 1
    return value, pos + length, all_ones


def _ebml_doctype(head: bytes) -> bytes | None:
    """The DocType ("webm", "matroska") from an EBML header, or None when it cannot be read."""
    header = _read_vint(head, 4, keep_marker=False)
    if header is None:
        return None
    size, pos, _ = header
    end = min(pos + size, len(head))
    while pos < end:
        element = _read_vint(head, pos, keep_marker=True)
        if element is None:
            return None
        element_id, pos, _ = element
        length = _read_vint(head, pos, keep_marker=False)
        if length is None:
            return None
        value_size, pos, _ = length
        if element_id == 0x4282:
            return head[pos : pos + value_size].rstrip(b"\x00")
        pos += value_size
    return None


# --- images --------------------------------------------------------------------------------------

_TRANSPOSED_ORIENTATIONS = {5, 6, 7, 8}  # EXIF orientations that turn the picture by 90°


def _read_image(f: BinaryIO, mime: str, size: int, name: str) -> tuple[int, int]:
    """Width and height as displayed, from the header; then a cheap completeness check.

    Pillow's `Image.open` is lazy: it parses headers and decodes no pixels. Its decompression-bomb
    check runs inside `open` and is kept on: over 2 × `Image.MAX_IMAGE_PIXELS` it raises, and we refuse
    already from 1 × (where Pillow only warns), since no network shows a picture that large.

    Completeness, without decoding the pixels:
    - PNG: `Image.verify()` walks every chunk up to IEND and checks each CRC. It reads the file but
      does not inflate the image data, so it is cheap even for a huge canvas.
    - JPEG: walk the marker segments to the first start-of-scan, then look for the end-of-image
      marker (FF D9) after it. Entropy-coded data cannot contain FF D9 (FF is byte-stuffed), so the
      first FF D9 after the scan starts is the real end of the image; an embedded EXIF thumbnail,
      which has its own FF D9, lives before the scan and does not fool the check, and data appended
      after the end (motion photos, camera trailers) is allowed. It is a memchr-speed search. A
      1/8-scale `draft()` decode would also notice corrupt data, but it still Huffman-decodes every
      block: 75–130 ms for a 5 MB JPEG, against ~17 ms for the whole probe, hashing included
      (benchmarks/media_store.py). libjpeg shrugs off most corruption anyway, and truncation is what
      interrupted uploads and copies produce. `verify()` does nothing for JPEG.
    - GIF: the file must end with the trailer byte 0x3B.
    - WebP: the RIFF header's size must fit in the file (checked before Pillow, whose WebP decoder
      fails on a short file with a vaguer message).
    """
    fmt = _PILLOW_FORMAT[mime]
    label = _FORMAT_NAME[fmt]
    limit = Image.MAX_IMAGE_PIXELS
    if fmt == "WEBP" and not _webp_complete(f, size):
        raise InputError.of(IMAGE_TRUNCATED, file=name, fix=FIX_COPY_AGAIN, format=label)
    f.seek(0)
    try:
        with Image.open(f, formats=[fmt]) as im:
            width, height = im.size
            if limit is not None and width * height > limit:
                raise _too_many_pixels(name, width * height, limit)
            orientation = _exif_orientation(im)
            if fmt == "PNG":
                im.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        # The warning is an exception only when warnings are turned into errors (python -W error).
        pixels = re.search(r"\((\d+) pixels\)", str(e))
        raise _too_many_pixels(
            name, int(pixels.group(1)) if pixels else 2 * (limit or 0) + 1, limit or 0
        ) from None
    except InputError:
        raise
    except Exception as e:  # Pillow raises many kinds (SyntaxError, OSError, struct.error, ...)
        text = str(e)
        truncated = "truncat" in text.lower() or isinstance(e, EOFError)
        raise InputError.of(
            IMAGE_TRUNCATED if truncated else IMAGE_BROKEN,
            file=name,
            fix=FIX_COPY_AGAIN if truncated else FIX_IMAGE_BROKEN,
            format=label,
            detail=text or type(e).__name__,
        ) from None
    complete: Callable[[BinaryIO, int], bool] | None = {
        "JPEG": _jpeg_complete,
        "GIF": _gif_complete,
    }.get(fmt)
    if complete is not None and not complete(f, size):
        raise InputError.of(IMAGE_TRUNCATED, file=name, fix=FIX_COPY_AGAIN, format=label)
    if orientation in _TRANSPOSED_ORIENTATIONS:
        width, height = height, width
    return width, height


def _too_many_pixels(name: str, pixels: int, limit: int) -> InputError:
    return InputError.of(  # type: ignore[return-value]
        TOO_MANY_PIXELS,
        file=name,
        fix=FIX_TOO_MANY_PIXELS,
        megapixels=f"{pixels / 1e6:.1f}",
        limit=f"{limit / 1e6:.1f}",
    )


def _exif_orientation(im: Image.Image) -> int:
    """The EXIF orientation (1–8) read from the header; 1 when absent or unreadable.

    Only EXIF that `Image.open` already found is used (JPEG APP1, WebP EXIF chunk, a PNG eXIf chunk
    before the image data): Pillow's `getexif()` on a PNG would decode the whole image to look for an
    eXIf chunk after it.
    """
    raw = im.info.get("exif")
    if not raw:
        return 1
    try:
        exif = Image.Exif()
        exif.load(raw)
        value = exif.get(ExifTags.Base.Orientation, 1)
    except Exception:  # malformed EXIF: the picture is still shown, unrotated
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _find(f: BinaryIO, needle: bytes, start: int) -> int:
    """Offset of the first `needle` at or after `start`, reading in chunks; -1 when absent."""
    overlap = len(needle) - 1
    f.seek(start)
    offset = start
    tail = b""
    while chunk := f.read(CHUNK_BYTES):
        data = tail + chunk
        found = data.find(needle)
        if found >= 0:
            return offset - len(tail) + found
        tail = data[-overlap:] if overlap else b""
        offset += len(chunk)
    return -1


# Markers without a length field: TEM and RST0–RST7 (SOI is consumed before the walk).
_JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}


def _jpeg_complete(f: BinaryIO, size: int) -> bool:
    """True when the JPEG has an end-of-image marker after its first scan (see `_read_image`)."""
    pos = 2  # after SOI
    while pos < size:
        f.seek(pos)
        header = f.read(4)
        if len(header) < 2 or header[0] != 0xFF:
            return False
        marker = header[1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in _JPEG_STANDALONE:
            pos += 2
            continue
        if marker == 0xD9 or len(header) < 4:  # end of image before any scan
            return False
        length = int.from_bytes(header[2:4], "big")
        if length < 2:
            return False
        pos += 2 + length
        if marker == 0xDA:  # start of scan: the entropy-coded data follows
            return _find(f, b"\xff\xd9", pos) >= 0
    return False


def _gif_complete(f: BinaryIO, size: int) -> bool:
    f.seek(size - 1)
    return f.read(1) == b"\x3b"


def _webp_complete(f: BinaryIO, size: int) -> bool:
    f.seek(4)
    riff_size = int.from_bytes(f.read(4), "little")
    return riff_size + 8 <= size


# --- videos --------------------------------------------------------------------------------------

#: How many packets we read at most to find the first decodable frame.
_FIRST_FRAME_PACKETS = 500


def _read_video(f: BinaryIO, mime: str, size: int, name: str) -> tuple[int, int, float]:
    """Width, height (as displayed) and duration of the first video stream, from the headers.

    The container structure is checked first (top-level ISO boxes or EBML elements must fit in the
    file), because an MP4 whose `moov` comes first opens fine even when its media data was cut off.
    PyAV is given the open file object and a forced demuxer, never the path: FFmpeg then cannot
    interpret the name as a protocol or follow references to other files.

    Only the first frame is decoded: it carries the display matrix, so a portrait phone video stored
    as landscape with a 90° rotation is reported as portrait, and it proves that the stream can be
    decoded at all. The duration is the video stream's, else the container's; when neither is
    stored (a WebM from a browser's MediaRecorder) the packets are demuxed (not decoded) to find it.
    """
    expected = _iso_bmff_end(f, size) if mime in _ISO_BMFF else _ebml_end(f, size)
    if expected is not None:
        raise InputError.of(VIDEO_TRUNCATED, file=name, fix=FIX_VIDEO, size=size, expected=expected)
    demuxer = "mp4" if mime in _ISO_BMFF else "matroska"
    import av  # PyAV (FFmpeg) weighs 15 MB: loaded when a video is probed, not by every command
    import av.error

    try:
        f.seek(0)
        with av.open(f, mode="r", format=demuxer) as container:
            stream = next(
                (
                    s
                    for s in container.streams.video
                    if not s.disposition & av.stream.Disposition.attached_pic
                ),
                None,
            )
            if stream is None:
                raise InputError.of(NO_VIDEO_STREAM, file=name, fix=FIX_NO_VIDEO_STREAM)
            index = stream.index  # a stream must not be used once its container is closed
            width = stream.codec_context.width
            height = stream.codec_context.height
            duration = _stored_duration(container, stream)
            rotation = _first_frame_rotation(container, stream)
            if rotation is None:
                raise InputError.of(VIDEO_NO_FRAMES, file=name, fix=FIX_VIDEO)
        if duration is None:
            f.seek(0)
            with av.open(f, mode="r", format=demuxer) as container:
                duration = _demuxed_duration(container, container.streams[index])
    except InputError:
        raise
    except (av.error.FFmpegError, ValueError, IndexError) as e:
        detail = getattr(e, "strerror", None) or str(e) or type(e).__name__
        raise InputError.of(VIDEO_BROKEN, file=name, fix=FIX_VIDEO, detail=detail) from None
    if not width or not height:
        raise InputError.of(VIDEO_BROKEN, file=name, fix=FIX_VIDEO, detail="no frame size")
    if duration is None or not duration > 0:
        raise InputError.of(VIDEO_NO_FRAMES, file=name, fix=FIX_VIDEO)
    if abs(rotation) % 180 == 90:
        width, height = height, width
    return width, height, duration


def _stored_duration(
    container: av.container.InputContainer, stream: av.VideoStream
) -> float | None:
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    if container.duration:
        return container.duration / 1_000_000  # AV_TIME_BASE: container durations are in µs
    return None


def _first_frame_rotation(
    container: av.container.InputContainer, stream: av.VideoStream
) -> int | None:
    """The display rotation of the first decodable frame (degrees), or None when none decodes."""
    for count, packet in enumerate(container.demux(stream)):
        for frame in packet.decode():
            return int(frame.rotation)
        if count >= _FIRST_FRAME_PACKETS:
            break
    return None


def _demuxed_duration(
    container: av.container.InputContainer, stream: av.VideoStream
) -> float | None:
    """The end of the last packet of `stream`, by reading packets without decoding them."""
    time_base = stream.time_base
    end: int | None = None
    for packet in container.demux(stream):
        if packet.pts is None:
            continue
        stop = packet.pts + (packet.duration or 0)
        end = stop if end is None else max(end, stop)
    if end is None or time_base is None:
        return None
    return float((end - (stream.start_time or 0)) * time_base)


#: Top-level boxes or elements we walk at most; a fragmented MP4 has two per fragment.
_MAX_TOP_LEVEL = 100_000


def _iso_bmff_end(f: BinaryIO, size: int) -> int | None:
    """None when the top-level ISO BMFF boxes fit in the file, else the size they need."""
    pos = 0
    for _ in range(_MAX_TOP_LEVEL):
        if size - pos < 8:  # end of file (a few stray bytes at the end are tolerated)
            return None
        f.seek(pos)
        header = f.read(16)
        box_size = int.from_bytes(header[:4], "big")
        if box_size == 1:
            box_size = int.from_bytes(header[8:16], "big") if len(header) == 16 else 0
        elif box_size == 0:  # the last box runs to the end of the file
            return None
        if box_size < 8:  # not a box: let FFmpeg judge the rest
            return None
        pos += box_size
        if pos > size:
            return pos
    return None


def _ebml_end(f: BinaryIO, size: int) -> int | None:
    """None when the top-level EBML elements (header, Segment) fit in the file, else the size
    they need. A Segment of unknown size (a live recording) cannot be checked and passes."""
    pos = 0
    for _ in range(_MAX_TOP_LEVEL):
        if size - pos < 2:
            return None
        f.seek(pos)
        header = f.read(12)
        element = _read_vint(header, 0, keep_marker=True)
        if element is None:
            return None
        _, after_id, _ = element
        length = _read_vint(header, after_id, keep_marker=False)
        if length is None:
            return None
        value, after_size, unknown = length
        if unknown:
            return None
        pos += after_size + value
        if pos > size:
            return pos
    return None


# --- documents -----------------------------------------------------------------------------------

_PDF_TAIL = 1024  # readers look for %%EOF in the last 1024 bytes


def _check_pdf(f: BinaryIO, size: int, name: str) -> None:
    """A PDF that lacks %%EOF near its end was cut off (an interrupted download or copy)."""
    f.seek(max(0, size - _PDF_TAIL))
    if b"%%EOF" not in f.read(_PDF_TAIL):
        raise InputError.of(PDF_TRUNCATED, file=name, fix=FIX_COPY_AGAIN)


__all__ = [
    "FORMATS",
    "MediaInfo",
    "guess_content",
    "hash_stream",
    "probe_media",
    "sniff_mime",
]
