"""What the rules may know beyond the post itself: the office, its channels, the platform limits,
the other variants of the same story, shared resources loaded once per engine, and two optional
providers: the reprint corpus (T104) and the posts published lately (T105).

The providers are protocols, so that `linters` never imports the database: the CLI supplies
implementations backed by the workspace database (`arna.corpus_store`), and the rules' examples
and the tests use the in-memory ones of `linters.similarity`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, TypeVar

from linters.subject import Subject
from posts.config_template import DIRECTION_HASHTAGS
from posts.platform import NetworkLimits

T = TypeVar("T")

DEFAULT_HASHTAGS: tuple[str, ...] = ("#руханижаңғыру", "#болашаққабағдар", "#взглядвбудущее")


@dataclass(frozen=True)
class ChannelView:
    id: str
    network: str
    languages: tuple[str, ...]
    audience: str  # "popular" | "own"
    self_hosted_api: bool = False


@dataclass(frozen=True)
class PlanItem:
    """An item of the office's plan (the media grid or the weekly plan), as the rules see it."""

    key: str
    title: str = ""
    approved: bool = False  # part of the approved work plan: the logo is allowed for it
    internal: bool = False  # a meeting, round table or session (M401)


@dataclass(frozen=True)
class OfficeView:
    """The parts of config.toml the rules read; defaults let `arna lint` run without a config."""

    languages: tuple[str, ...] = ("kk", "ru")
    channels: Mapping[str, ChannelView] = field(default_factory=dict)
    required_hashtags: tuple[str, ...] = DEFAULT_HASHTAGS
    direction_hashtags: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: dict(DIRECTION_HASHTAGS)
    )
    public_numbers: tuple[str, ...] = ()
    plan: Mapping[str, PlanItem] = field(default_factory=dict)  # by key
    logos: tuple[tuple[str, str], ...] = ()  # the [brand] reference logos: (path, sha256)


@dataclass(frozen=True)
class CorpusEntry:
    """An article of the reprint corpus: something already published on a website or in the media."""

    id: int
    title: str
    url: str
    text: str
    published_at: datetime | None = None
    source: str = ""


class ReprintCorpus(Protocol):
    """The office's reprint corpus, as T104 reads it.

    `signatures` yields every article's id and stored signature (`linters.similarity`
    `encode_signature`; None, or a signature of another scheme, is recomputed from the text);
    `articles` returns the articles with these ids, in any order; `fingerprint` changes whenever
    the corpus does (it is part of the findings cache key).
    """

    def signatures(self) -> Iterable[tuple[int, bytes | None]]: ...

    def articles(self, ids: Sequence[int]) -> Sequence[CorpusEntry]: ...

    def fingerprint(self) -> str: ...


@dataclass(frozen=True)
class PublishedPost:
    """A post that went out on one of the office's networks."""

    post_id: int | None
    network: str
    text: str
    published_at: datetime
    channel: str | None = None
    url: str | None = None


class RecentPosts(Protocol):
    """The office's posts published within the last `days` days (T105)."""

    def published_within(self, days: int) -> Sequence[PublishedPost]: ...

    def fingerprint(self) -> str: ...


class Resources:
    """Heavy things (detectors, dictionaries, analysers) built at most once per engine.

    No module-level state: two engines with different settings never share a resource, and a
    long-running desk keeps one engine, so nothing is loaded twice.
    """

    def __init__(self) -> None:
        self._items: dict[str, Any] = {}

    def get(self, key: str, build: Callable[[], T]) -> T:
        if key not in self._items:
            self._items[key] = build()
        return self._items[key]  # type: ignore[no-any-return]


@dataclass
class LintContext:
    office: OfficeView
    limits: Mapping[str, NetworkLimits]
    resources: Resources
    siblings: tuple[Subject, ...] = ()  # other variants of the same story
    corpus: ReprintCorpus | None = None  # T104: None when there is no workspace corpus
    published: RecentPosts | None = None  # T105: None when there is no workspace database
    _memo: dict[tuple[int, str], Any] = field(default_factory=dict, repr=False)

    def channel(self, subject: Subject) -> ChannelView | None:
        return self.office.channels.get(subject.channel or "")

    def limits_for(self, subject: Subject) -> NetworkLimits | None:
        return self.limits.get(subject.network)

    def memo(self, subject: Subject, key: str, compute: Callable[[], T]) -> T:
        """A per-post analysis shared by several rules (tokens, detected language…)."""
        slot = (id(subject), key)
        if slot not in self._memo:
            self._memo[slot] = compute()
        return self._memo[slot]  # type: ignore[no-any-return]
