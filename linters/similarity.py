"""Text similarity for T104 media-reprint and T105 cross-network-duplicate.

The measure (RULES.md): the Jaccard similarity of two texts' sets of 5-word shingles, after
normalisation. Two texts that share nothing score 0, the same text scores 1.

What is compared
    The words of the text outside URLs, @mentions and #hashtags, so that the programme's
    hashtag block, which every post carries, counts for nothing. Each word is normalised: Unicode
    NFKC, case folded, «ё» read as «е», soft hyphens, zero-width characters, inner hyphens and
    apostrophes dropped; Kazakh letters (ә ғ қ ң ө ұ ү һ і) and digits are kept as they are, and
    punctuation only separates words. `comparable(text, skip_first_sentence=True)` also drops the
    first sentence (T105: «a shared first sentence is fine; the same body is not»). The first
    sentence starts at the first compared word (a line of hashtags is no sentence) and ends at the
    first «.», «!», «?» or «…» followed by a space, or at the first line break, whichever comes
    first.

Speed (T104 against 100,000 stored articles)
    Each article's MinHash (datasketch, 128 permutations, the "affine32" scheme, shingles hashed
    with CRC-32) is computed once, when the article is added, and stored with it
    (`encode_signature`: a header naming this module's scheme, then datasketch's `LeanMinHash`
    bytes). A check computes the post's MinHash, looks it up in a banded LSH index
    (`ReprintIndex`), keeps the candidates whose estimated similarity is close enough to the
    threshold, and confirms each with the exact Jaccard of the real shingle sets. The bands
    are chosen so that a pair at the threshold becomes a candidate with probability ≥ 0.99
    (`lsh_params`). The index is ours rather than datasketch's `MinHashLSH`: for that recall at
    Jaccard 0.6 it needs 42 bands of 3 rows, and `MinHashLSH` keeps a Python set per bucket, which
    for 100,000 articles took 1.4 GB and 23 s to build; `ReprintIndex` keeps the same bands in
    sorted NumPy arrays (about 100 MB). See benchmarks/reprint.py.
"""

from __future__ import annotations

import math
import re
import struct
import unicodedata
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache

import numpy as np
from datasketch import LeanMinHash, MinHash

from linters.context import CorpusEntry, PublishedPost, ReprintCorpus
from linters.text_tools import HASHTAG_RE, MENTION_RE, URL_RE

SHINGLE_WORDS = 5
NUM_PERM = 128
SEED = 1
MINHASH_SCHEME = "affine32"
NORMALISATION = 2  # bump when `normalise_word` or the tokeniser changes: stored signatures go stale
#: Names everything a stored signature depends on; a signature with another header is recomputed.
SIGNATURE_HEADER = (
    f"arna-minhash;k={SHINGLE_WORDS};hash=crc32;norm={NORMALISATION};".encode() + b"\n"
)
#: Candidates whose MinHash estimate is this far below the threshold are dropped without reading
#: their text. The estimate's standard error at 128 permutations is at most 0.044; 0.2 is 4.5 of it.
ESTIMATE_MARGIN = 0.2
#: The most candidates confirmed with their full text, best estimates first.
MAX_CONFIRMED = 32
MIN_RECALL = 0.99

# Dropped before words are cut, so that they neither split nor change a word («бір-бірі»,
# «Шымкент\u00adтің», «Д’Артаньян»): soft hyphens, zero-width characters, hyphens, apostrophes.
_DROP = str.maketrans("", "", "\u00ad\u200b\u200c\u200d\u2060\ufeff'’-‑")
_WORD_RE = re.compile(r"[^\W_]+")
_SENTENCE_END_RE = re.compile(r"[.!?…](?=\s|$)|\n")


@dataclass(frozen=True)
class Comparable:
    """What of a text is compared: its shingles, and the span from the first to the last word."""

    shingles: frozenset[str]
    span: tuple[int, int] | None
    words: int


def normalise_word(word: str) -> str:
    """NFKC, case folded, «ё» as «е», without soft hyphens, joiners, hyphens and apostrophes."""
    return unicodedata.normalize("NFKC", word).casefold().replace("ё", "е").translate(_DROP)


def _blank(text: str) -> str:
    """The text with URLs, mentions and hashtags overwritten by spaces (offsets are kept)."""
    for pattern in (URL_RE, MENTION_RE, HASHTAG_RE):
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


def _words(blanked: str) -> list[str]:
    return _WORD_RE.findall(normalise_word(blanked))


def normalise(text: str) -> list[str]:
    """The normalised words that similarity compares."""
    return _words(_blank(text))


def _sentence_end(blanked: str) -> int:
    first = _WORD_RE.search(blanked)  # hashtags, URLs and mentions do not start a sentence
    if first is None:
        return len(blanked)
    end = _SENTENCE_END_RE.search(blanked, first.start())
    return end.end() if end else len(blanked)


def first_sentence_end(text: str) -> int:
    """The offset where the first sentence ends (see the module doc); len(text) if it never does."""
    return _sentence_end(_blank(text))


def shingles(words: Sequence[str], k: int = SHINGLE_WORDS) -> frozenset[str]:
    """The set of k-word shingles; a text of fewer than k words has none."""
    return frozenset(" ".join(words[i : i + k]) for i in range(len(words) - k + 1))


def comparable(text: str, *, skip_first_sentence: bool = False) -> Comparable:
    blanked = _blank(text)
    start = _sentence_end(blanked) if skip_first_sentence else 0
    words = _words(blanked[start:])
    first = _WORD_RE.search(blanked, start)
    if not words or first is None:
        return Comparable(frozenset(), None, 0)
    end = len(blanked.rstrip())
    while end > first.start() and not blanked[end - 1].isalnum():
        end -= 1
    return Comparable(shingles(words), (first.start(), end), len(words))


def article_shingles(title: str, text: str) -> frozenset[str]:
    """An article as it is stored: its title, then its text."""
    return shingles(normalise(f"{title}\n{text}" if title else text))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


# --- MinHash signatures -------------------------------------------------------------------------------


def _shingle_hash(shingle: str) -> int:
    return zlib.crc32(shingle.encode("utf-8"))


@cache
def _permutations() -> np.ndarray:
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=MINHASH_SCHEME).permutations


def minhash(items: Iterable[str]) -> LeanMinHash:
    """The MinHash of a set of shingles (an empty set gives the empty MinHash)."""
    m = MinHash(
        num_perm=NUM_PERM,
        seed=SEED,
        hashfunc=_shingle_hash,
        permutations=_permutations(),
        scheme=MINHASH_SCHEME,
    )
    m.update_batch(list(items))
    return LeanMinHash(m)


def encode_signature(m: LeanMinHash) -> bytes:
    buf = bytearray(m.bytesize(byteorder="<"))
    m.serialize(buf, byteorder="<")
    return SIGNATURE_HEADER + bytes(buf)


def decode_signature(data: bytes | None) -> np.ndarray | None:
    """The hash values of a stored signature, or None when it is of another scheme or broken."""
    if not data or not data.startswith(SIGNATURE_HEADER):
        return None
    try:
        m = LeanMinHash.deserialize(data[len(SIGNATURE_HEADER) :], byteorder="<")
    except (ValueError, TypeError, IndexError, KeyError, OverflowError, struct.error):
        return None
    if m.seed != SEED or len(m) != NUM_PERM or getattr(m, "scheme", None) != MINHASH_SCHEME:
        return None
    return np.asarray(m.hashvalues, dtype=np.uint32)


@cache
def _signature_prefix() -> bytes:
    """The bytes every stored signature of this scheme starts with: our header, then the seed,
    the negated number of values and the scheme code of datasketch's documented `LeanMinHash`
    layout. Signatures that have it are read in bulk with NumPy instead of one by one."""
    return encode_signature(minhash(()))[: len(SIGNATURE_HEADER) + 13]


def article_signature(title: str, text: str) -> bytes:
    """The stored signature of an article (computed once, when it is added to the corpus)."""
    return encode_signature(minhash(article_shingles(title, text)))


# --- the LSH index ------------------------------------------------------------------------------------


def lsh_params(threshold: float, num_perm: int = NUM_PERM, min_recall: float = MIN_RECALL):  # type: ignore[no-untyped-def]
    """(bands, rows): the most rows per band such that a pair whose Jaccard is `threshold`
    becomes a candidate with probability ≥ `min_recall`, using as many bands as fit."""
    for rows in range(num_perm // 2, 0, -1):
        bands = num_perm // rows
        if 1 - (1 - threshold**rows) ** bands >= min_recall:
            return bands, rows
    return num_perm, 1


def _band_multipliers(rows: int) -> np.ndarray:
    rng = np.random.default_rng(20261124)
    return rng.integers(1, 2**63, size=rows, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


class ReprintIndex:
    """The corpus's signatures in LSH bands, built once per engine (through `ctx.resources`).

    `candidates` returns the ids of the articles that may reach the threshold; `matches` reads
    those articles and returns the ones whose exact Jaccard reaches it.
    """

    def __init__(self, corpus: ReprintCorpus, threshold: float, *, batch: int = 2000) -> None:
        self.corpus = corpus
        self.threshold = threshold
        self.bands, self.rows = lsh_params(threshold)
        prefix = _signature_prefix()
        size = len(prefix) + 4 * NUM_PERM
        fast_ids: list[int] = []
        fast: list[bytes] = []  # the hash values of signatures in the current layout
        ids: list[int] = []
        rows: list[np.ndarray] = []
        stale: list[int] = []
        for article_id, data in corpus.signatures():
            if data is not None and len(data) == size and data.startswith(prefix):
                fast_ids.append(article_id)
                fast.append(data[len(prefix) :])
                continue
            values = decode_signature(data)
            if values is None:
                stale.append(article_id)
            else:
                ids.append(article_id)
                rows.append(values)
        for start in range(0, len(stale), batch):  # signatures of an older scheme
            for entry in corpus.articles(stale[start : start + batch]):
                ids.append(entry.id)
                rows.append(minhash(article_shingles(entry.title, entry.text)).hashvalues)
        bulk = np.frombuffer(b"".join(fast), dtype="<u4").reshape(-1, NUM_PERM)
        self.ids = np.asarray(fast_ids + ids, dtype=np.int64)
        self.signatures = np.vstack([bulk, *rows]).astype(np.uint32)
        self._multipliers = _band_multipliers(self.rows)
        keys = self._band_keys(self.signatures)  # (bands, n)
        flat = keys.ravel()
        self._order = np.argsort(flat)
        self._sorted = flat[self._order]
        self._confirmed: OrderedDict[int, tuple[CorpusEntry, frozenset[str]]] = OrderedDict()

    def __len__(self) -> int:
        return len(self.ids)

    def _band_keys(self, sigs: np.ndarray) -> np.ndarray:
        """One 64-bit key per band and signature; the band number is mixed in, so that all bands
        share one sorted array."""
        n = sigs.shape[0]
        used = sigs[:, : self.bands * self.rows].astype(np.uint64).reshape(n, self.bands, self.rows)
        with np.errstate(over="ignore"):
            keys = (used * self._multipliers).sum(axis=2, dtype=np.uint64)
            keys ^= np.arange(self.bands, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        return np.ascontiguousarray(keys.T)

    def candidates(self, values: np.ndarray) -> list[tuple[int, float]]:
        """(article id, estimated Jaccard) for the articles sharing a band with `values`,
        best first, without those estimated far below the threshold."""
        if not len(self.ids):
            return []
        query = self._band_keys(np.asarray(values, dtype=np.uint32).reshape(1, -1)).ravel()
        lo = np.searchsorted(self._sorted, query, side="left")
        hi = np.searchsorted(self._sorted, query, side="right")
        hits = [self._order[a:b] for a, b in zip(lo, hi, strict=True) if b > a]
        if not hits:
            return []
        rows = np.unique(np.concatenate(hits) % len(self.ids))
        estimates = (self.signatures[rows] == values).mean(axis=1)
        keep = estimates >= self.threshold - ESTIMATE_MARGIN
        ranked = sorted(zip(rows[keep], estimates[keep], strict=True), key=lambda p: -p[1])
        return [(int(self.ids[r]), float(e)) for r, e in ranked]

    def matches(
        self, post: frozenset[str], values: np.ndarray | None = None
    ) -> list[tuple[CorpusEntry, float]]:
        """The articles whose exact Jaccard with `post` reaches the threshold, best first."""
        if values is None:
            values = minhash(post).hashvalues
        found = [article_id for article_id, _ in self.candidates(values)][:MAX_CONFIRMED]
        missing = [i for i in found if i not in self._confirmed]
        if missing:
            for entry in self.corpus.articles(missing):
                self._remember(entry)
        out = []
        for article_id in found:
            known = self._confirmed.get(article_id)
            if known is None:
                continue
            entry, article = known
            score = jaccard(post, article)
            if score >= self.threshold:
                out.append((entry, score))
        return sorted(out, key=lambda p: -p[1])

    def _remember(self, entry: CorpusEntry, limit: int = 4096) -> None:
        self._confirmed[entry.id] = (entry, article_shingles(entry.title, entry.text))
        while len(self._confirmed) > limit:
            self._confirmed.popitem(last=False)


# --- in-memory providers (rule examples, tests, the desk's preview) ------------------------------------


class MemoryCorpus:
    """A `ReprintCorpus` held in memory: the rules' examples carry one."""

    def __init__(self, entries: Iterable[CorpusEntry]) -> None:
        self._entries: Mapping[int, CorpusEntry] = {e.id: e for e in entries}
        self._signatures = {
            e.id: article_signature(e.title, e.text) for e in self._entries.values()
        }

    def signatures(self) -> Iterator[tuple[int, bytes | None]]:
        yield from self._signatures.items()

    def articles(self, ids: Sequence[int]) -> list[CorpusEntry]:
        return [self._entries[i] for i in ids if i in self._entries]

    def fingerprint(self) -> str:
        return "memory:" + ",".join(f"{e.id}:{e.url}" for e in self._entries.values())


class MemoryPublished:
    """A `RecentPosts` held in memory. The window ends at `now`, or at the latest post given."""

    def __init__(self, posts: Iterable[PublishedPost], now: datetime | None = None) -> None:
        self._posts = tuple(posts)
        self._now = now

    def published_within(self, days: int) -> Sequence[PublishedPost]:
        if not self._posts:
            return ()
        now = self._now or max(p.published_at for p in self._posts)
        return tuple(p for p in self._posts if _days(now - p.published_at) <= days)

    def fingerprint(self) -> str:
        return "memory:" + ",".join(f"{p.post_id}:{p.network}:{len(p.text)}" for p in self._posts)


def _days(delta) -> float:  # type: ignore[no-untyped-def]
    return delta.total_seconds() / 86400


def percent(score: float) -> int:
    """A similarity as a whole percentage, never rounded up to the threshold it missed."""
    return math.floor(score * 100 + 1e-9)
