"""What the rules may know beyond the post itself: the office, its channels, the platform limits,
the other variants of the same story, and shared resources loaded once per engine."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

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
class OfficeView:
    """The parts of config.toml the rules read; defaults let `arna lint` run without a config."""

    languages: tuple[str, ...] = ("kk", "ru")
    channels: Mapping[str, ChannelView] = field(default_factory=dict)
    required_hashtags: tuple[str, ...] = DEFAULT_HASHTAGS
    direction_hashtags: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: dict(DIRECTION_HASHTAGS)
    )
    public_numbers: tuple[str, ...] = ()


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
