"""A findings cache, so that re-linting an unchanged week is near-instant.

The key covers everything a finding depends on: the post's content hash, where its body starts,
its declared metadata, the content of its story's other variants (T105 compares them), the office
view, the rule set's code and version, and every lint setting. The cache is a small SQLite file of
its own (never the workspace database, so linting takes no write lock there); a broken or
unwritable cache is simply not used.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

from linters.findings import Finding, Severity
from linters.subject import Subject
from posts.i18n import Text

SCHEMA = "CREATE TABLE IF NOT EXISTS findings (key TEXT PRIMARY KEY, payload TEXT NOT NULL)"


@cache
def ruleset_fingerprint() -> str:
    """The sha256 of the linter's own source: any change of a rule invalidates the cache."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".txt", ".json", ".tsv"}:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def environment_fingerprint() -> str:
    """What the machine offers the rules: the dictionaries present change T113's findings."""
    found = []
    for folder in ("/usr/share/hunspell", "/usr/share/myspell/dicts"):
        path = Path(folder)
        if path.is_dir():
            found += sorted(p.name for p in path.iterdir() if p.suffix in {".dic", ".aff"})
    return ",".join(found)


def cache_key(subject: Subject, siblings: Sequence[Subject], context_fingerprint: str) -> str:
    payload = {
        "content": subject.content_hash,
        "body_line": subject.body_line,
        "meta": [
            subject.language,
            subject.story,
            subject.direction,
            subject.project,
            subject.event,
            subject.logo_basis,
        ],
        "media": [[m.sha256, m.size, m.width, m.height, m.duration, m.mime] for m in subject.media],
        "siblings": sorted(s.content_hash for s in siblings),
        "context": context_fingerprint,
        "rules": ruleset_fingerprint(),
        "environment": environment_fingerprint(),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


class FindingsCache:
    def __init__(self, path: Path | None) -> None:
        self._conn: sqlite3.Connection | None = None
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # one thread at a time, but not always the same one: the publisher lints from its
            # sending threads, one post at a time under a lock, and closes from the main thread
            self._conn = sqlite3.connect(
                path, isolation_level=None, timeout=1.0, check_same_thread=False
            )
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute(SCHEMA)
        except (OSError, sqlite3.Error):
            self._conn = None

    def get(self, key: str) -> list[Finding] | None:
        if self._conn is None:
            return None
        try:
            row = self._conn.execute(
                "SELECT payload FROM findings WHERE key = ?", (key,)
            ).fetchone()
        except sqlite3.Error:
            return None
        return [_decode(item) for item in json.loads(row[0])] if row else None

    def put(self, key: str, findings: Sequence[Finding]) -> None:
        if self._conn is None:
            return
        payload = json.dumps([_encode(f) for f in findings], ensure_ascii=False, default=str)
        try:
            self._conn.execute(
                "INSERT OR REPLACE INTO findings (key, payload) VALUES (?, ?)", (key, payload)
            )
        except sqlite3.Error:
            return

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()


def _encode(f: Finding) -> dict[str, object]:
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "message": [f.message.kk, f.message.ru, f.message.en],
        "params": {
            k: {"text": [v.kk, v.ru, v.en]} if isinstance(v, Text) else v
            for k, v in f.params.items()
        },
        "span": f.span,
        "media": f.media,
        "region": f.region,
        "time": f.time,
        "evidence": dict(f.evidence),
    }


def _decode(d: Mapping[str, object]) -> Finding:
    kk, ru, en = d["message"]  # type: ignore[misc]

    def tup(v: object) -> tuple | None:  # type: ignore[type-arg]
        return tuple(v) if v is not None else None  # type: ignore[arg-type]

    return Finding(
        code=str(d["code"]),
        name=str(d["name"]),
        severity=Severity(str(d["severity"])),
        message=Text(kk=kk, ru=ru, en=en),
        params={
            k: Text(*v["text"]) if isinstance(v, dict) and "text" in v else v
            for k, v in d["params"].items()  # type: ignore[attr-defined]
        },
        span=tup(d["span"]),
        media=d["media"],
        region=tup(d["region"]),  # type: ignore[arg-type]
        time=tup(d["time"]),
        evidence=dict(d["evidence"]),  # type: ignore[arg-type]
    )
