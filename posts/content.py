"""The content hash that approvals and waivers are bound to."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Mapping, Sequence


def content_hash(
    *,
    text: str,
    network: str,
    channel: str | None,
    kind: str,
    media: Sequence[tuple[str, str | None]] = (),
    options: Mapping[str, object] | None = None,
) -> str:
    """sha256 over a canonical JSON of everything a reader of the post would see.

    `media` holds (sha256, alt text) pairs in order. The text is NFC-normalised, so that the same
    words typed on two keyboards hash alike, while any visible change revokes an approval.
    """
    payload = {
        "v": 1,
        "text": unicodedata.normalize("NFC", text),
        "network": network,
        "channel": channel,
        "kind": kind,
        "media": [[sha, alt] for sha, alt in media],
        "options": dict(options or {}),
    }
    blob = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()
