"""Small text helpers the rules share: words with their offsets, hashtags, URLs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

# Letters of any script, plus inner hyphens and apostrophes («бір-бірі», «д'Артаньян»).
WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*")
HASHTAG_RE = re.compile(r"(?<![\w#])#[^\s#.,!?;:()«»\"“”]+")
URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>«»\"]+", re.IGNORECASE)
MENTION_RE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{3,}")


class Token(NamedTuple):
    """A piece of text and its offsets. A named tuple: a post makes hundreds of them, and a tuple
    is built several times faster than a frozen dataclass."""

    text: str
    start: int
    end: int

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


def words(text: str) -> Iterator[Token]:
    """Words outside URLs, mentions and hashtags, with their character offsets."""
    skip = sorted(m.span() for r in (URL_RE, MENTION_RE, HASHTAG_RE) for m in r.finditer(text))
    if not skip:  # the common case: nothing to step over
        for match in WORD_RE.finditer(text):
            yield Token(match.group(), *match.span())
        return
    i, n = 0, len(skip)
    for match in WORD_RE.finditer(text):
        start = match.start()
        while i < n and skip[i][1] <= start:
            i += 1  # both lists are ordered by position: one pass over each
        # skip[i] is the first span ending after `start`; a later one starts no earlier
        if i < n and skip[i][0] <= start:
            continue
        yield Token(match.group(), start, match.end())


def hashtags(text: str) -> Iterator[Token]:
    for match in HASHTAG_RE.finditer(text):
        yield Token(match.group(), match.start(), match.end())


def urls(text: str) -> Iterator[Token]:
    for match in URL_RE.finditer(text):
        yield Token(
            match.group().rstrip(".,;:!?)"),
            match.start(),
            match.start() + len(match.group().rstrip(".,;:!?)")),
        )
