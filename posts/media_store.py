"""The content-addressed media store: one read-only file per distinct content, named by its sha256.

A post refers to its media by hash. Once a file is in the store, changing or deleting the file it was
copied from cannot change a queued post (DESIGN.md, "Post lifecycle").

Layout: `root/<sha[:2]>/<sha[2:4]>/<sha256><ext>`, the extension following the sniffed content
(`posts.media_probe.FORMATS`), never the source's name. Blobs are 0o444.

Writing a blob: probe the source, copy it into a temp file in the blob's own directory while hashing
the copied bytes, fsync, compare the hash with the probe's (a source that changed since it was probed
is refused), then publish the temp file under its final name and fsync the directory. Publishing uses
`os.link`, which is atomic and never overwrites: exactly one of several concurrent writers of the
same content sees `created=True`, which is what an importer needs to roll back only the blobs it
created. Where the file system has no hard links, `os.replace` (also atomic) is used instead.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, fields
from pathlib import Path
from typing import BinaryIO

from posts.errors import InputError, NotFoundError, StorageError
from posts.i18n import Text
from posts.media_probe import (
    CHANGED,
    CHUNK_BYTES,
    FIX_CHANGED,
    MediaInfo,
    hash_stream,
    probe_media,
)

BLOB_MODE = 0o444
_TEMP_PREFIX = ".tmp-"
_SHA256 = re.compile(r"[0-9a-f]{64}")

BAD_HASH = Text(
    kk="бұл sha256 хэші емес: {value}",
    ru="это не хеш sha256: {value}",
    en="not a sha256 hash: {value}",
)
FIX_BAD_HASH = Text(
    kk="Медиа хэші — 0–9 және a–f таңбаларынан тұратын 64 таңбалы жол.",
    ru="Хеш медиа — строка из 64 символов 0–9 и a–f.",
    en="A media hash is 64 characters, each 0–9 or a–f.",
)
BLOB_NOT_FOUND = Text(
    kk="медиа қоймасында {sha256} хэші бар файл жоқ",
    ru="в хранилище медиа нет файла с хешем {sha256}",
    en="the media store has no file with hash {sha256}",
)
FIX_BLOB_NOT_FOUND = Text(
    kk="Файлды қайта тіркеңіз. Қойма көшірілген не резервтік көшірмеден қалпына келтірілген болса, "
    "config.toml-дағы медиа қалтасын тексеріңіз.",
    ru="Прикрепите файл заново. Если хранилище переносили или восстанавливали из резервной копии, "
    "проверьте папку медиа в config.toml.",
    en="Attach the file again. If the store was moved or restored from a backup, check the media "
    "folder in config.toml.",
)
STORE_WRITE = Text(
    kk="медиа қоймасына ({root}) жазу мүмкін болмады: {reason}",
    ru="не удалось записать в хранилище медиа ({root}): {reason}",
    en="cannot write to the media store ({root}): {reason}",
)
FIX_STORE_WRITE = Text(
    kk="Дисктегі бос орынды және медиа қалтасына жазу құқығын тексеріңіз.",
    ru="Проверьте свободное место на диске и права на запись в папку медиа.",
    en="Check the free disk space and the write permission of the media folder.",
)


@dataclass(frozen=True, slots=True)
class StoredMedia(MediaInfo):
    """A file that is now in the store: its `MediaInfo`, where the blob is, and whether this call
    wrote it (`created`) or found it there already."""

    created: bool
    path: Path


class MediaStore:
    """Content-addressed, write-once storage for media files under `root`."""

    def __init__(self, root: Path, max_bytes: int) -> None:
        if max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        self.root = Path(root)
        self.max_bytes = max_bytes

    # -- reading ---------------------------------------------------------------------------------

    def exists(self, sha256: str) -> bool:
        return self._find(self._checked(sha256)) is not None

    def path_for(self, sha256: str) -> Path:
        """The blob's path. Raises NotFoundError when the store has no such content."""
        sha256 = self._checked(sha256)
        found = self._find(sha256)
        if found is None:
            raise NotFoundError.of(
                BLOB_NOT_FOUND, file=str(self.root), fix=FIX_BLOB_NOT_FOUND, sha256=sha256
            )
        return found

    def verify(self, sha256: str) -> bool:
        """Re-hash the blob: True when its bytes still have this hash. NotFoundError when absent."""
        path = self.path_for(sha256)
        with path.open("rb") as f:
            digest, _ = hash_stream(f)
        return digest == sha256

    # -- writing ---------------------------------------------------------------------------------

    def put(self, path: Path) -> StoredMedia:
        """Copy the media file at `path` into the store (once), and describe it.

        Raises InputError when the file is not acceptable media (see `probe_media`) or when it
        changes between the probe and the end of the copy; StorageError when the store cannot be
        written. Nothing is left behind in either case. An existing blob is not rewritten, unless
        its size shows it is damaged, in which case it is repaired (and `created` stays False).
        """
        path = Path(path)
        info = probe_media(path, max_bytes=self.max_bytes)
        values = {f.name: getattr(info, f.name) for f in fields(MediaInfo)}
        existing = self._find(info.sha256)
        if existing is not None and _size(existing) == info.size:
            return StoredMedia(**values, created=False, path=existing)
        target = existing or self._blob_path(info)
        created = self._write(path, info, target, repair=existing is not None)
        return StoredMedia(**values, created=created, path=target)

    def discard(self, sha256: str) -> bool:
        """Remove a blob; True when there was one. For rolling back blobs that an import created.

        The caller must know that nothing else refers to the blob: the store keeps no references.
        """
        found = self._find(self._checked(sha256))
        if found is None:
            return False
        try:
            found.unlink()
        except PermissionError:  # Windows will not delete a read-only file
            os.chmod(found, 0o644)
            found.unlink()
        except FileNotFoundError:
            return False
        _fsync_dir(found.parent)
        return True

    # -- internals -------------------------------------------------------------------------------

    def _checked(self, sha256: str) -> str:
        if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
            raise InputError.of(BAD_HASH, fix=FIX_BAD_HASH, value=repr(sha256))
        return sha256

    def _shard(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4]

    def _blob_path(self, info: MediaInfo) -> Path:
        return self._shard(info.sha256) / f"{info.sha256}{info.extension}"

    def _find(self, sha256: str) -> Path | None:
        """The blob for `sha256` whatever its extension, or None."""
        shard = self._shard(sha256)
        try:
            with os.scandir(shard) as entries:
                for entry in entries:
                    name = entry.name
                    if name == sha256 or (name.startswith(sha256) and name[64] == "."):
                        return shard / name
        except (FileNotFoundError, NotADirectoryError):
            return None
        return None

    def _write(self, source: Path, info: MediaInfo, target: Path, *, repair: bool) -> bool:
        """Copy `source` into `target` atomically; True when this call created the blob."""
        name = str(source)
        try:
            self._make_dirs(target.parent)
            fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=_TEMP_PREFIX, suffix=".part")
        except OSError as e:
            raise self._write_error(e) from None
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                digest, copied = _copy_hashing(source, out, limit=info.size + 1, name=name)
                out.flush()
                os.fsync(out.fileno())
            if (digest, copied) != (info.sha256, info.size):
                raise InputError.of(CHANGED, file=name, fix=FIX_CHANGED)
            os.chmod(temp, BLOB_MODE)
            created = _publish(temp, target, replace=repair)
            _fsync_dir(target.parent)
            return created and not repair
        except OSError as e:
            raise self._write_error(e) from None
        finally:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()

    def _make_dirs(self, directory: Path) -> None:
        """Create `directory` and its missing parents, and fsync each new entry's parent so that
        the new folders survive a power cut along with the blob."""
        missing = []
        current = directory
        while not current.exists():
            missing.append(current)
            if current.parent == current:
                break
            current = current.parent
        for new in reversed(missing):
            new.mkdir(exist_ok=True)
            _fsync_dir(new.parent)

    def _write_error(self, e: OSError) -> StorageError:
        return StorageError.of(  # type: ignore[return-value]
            STORE_WRITE,
            file=str(self.root),
            fix=FIX_STORE_WRITE,
            root=str(self.root),
            reason=e.strerror or str(e),
        )


def _copy_hashing(source: Path, out: BinaryIO, *, limit: int, name: str) -> tuple[str, int]:
    """Copy up to `limit` bytes of `source` into `out`, hashing exactly the bytes written."""
    digest = hashlib.sha256()
    total = 0
    try:
        f = source.open("rb")
    except OSError:  # deleted or replaced by a folder since the probe
        raise InputError.of(CHANGED, file=name, fix=FIX_CHANGED) from None
    with f:
        while total < limit and (chunk := f.read(min(CHUNK_BYTES, limit - total))):
            out.write(chunk)
            digest.update(chunk)
            total += len(chunk)
    return digest.hexdigest(), total


def _publish(temp: Path, target: Path, *, replace: bool) -> bool:
    """Give `temp` its final name; False when another writer published the same content first."""
    if replace:
        os.replace(temp, target)
        return True
    try:
        os.link(temp, target)
    except FileExistsError:
        return False
    except OSError as e:
        if e.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        os.replace(temp, target)  # no hard links here: atomic, but may overwrite an equal blob
    return True


def _fsync_dir(directory: Path) -> None:
    """Make a directory's entries durable. Not possible on Windows, where it is skipped."""
    if os.name == "nt":
        return
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


__all__ = ["MediaStore", "StoredMedia"]
