"""Builds the linter from a workspace: the office view, the channels' limits, the [lint] table."""

from __future__ import annotations

from pathlib import Path

from channels.limits import LIMITS
from linters.cache import FindingsCache
from linters.context import ChannelView, OfficeView
from linters.engine import REGISTRY, Engine
from linters.settings import LintSettings, load_lint_settings
from posts.config import Config
from posts.vocab import DRAFT_NETWORKS

CACHE_PATH = Path(".arna") / "lint-cache.sqlite"


def office_view(config: Config) -> OfficeView:
    channels = {
        c.id: ChannelView(
            id=c.id,
            network=c.network,
            languages=tuple(c.languages or config.office.languages),
            audience=str(c.audience),
            self_hosted_api=bool(c.api_base_url),
        )
        for c in config.channels
    }
    return OfficeView(
        languages=tuple(config.office.languages),
        channels=channels,
        required_hashtags=tuple(config.hashtags.required),
        direction_hashtags={k: tuple(v) for k, v in config.hashtags.directions.items()},
    )


def lint_settings(config: Config | None) -> LintSettings:
    if config is None:
        return LintSettings()
    from linters.settings import parse_lint_settings

    if config.source is None:
        return parse_lint_settings(config.lint, REGISTRY, networks=DRAFT_NETWORKS)
    return load_lint_settings(config.lint, REGISTRY, config.source)


def build_engine(config: Config | None, *, use_cache: bool = True) -> Engine:
    """The engine for a workspace, or a default one (programme hashtags, kk+ru) without config."""
    cache = FindingsCache(config.resolve(CACHE_PATH)) if config and use_cache else None
    return Engine(
        settings=lint_settings(config),
        office=office_view(config) if config else OfficeView(),
        limits=LIMITS,
        cache=cache,
    )
