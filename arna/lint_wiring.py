"""Builds the linter from a workspace: the office view, the channels' limits, the [lint] table,
and the database-backed providers of T104 (the reprint corpus) and T105 (posts published lately).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlmodel import select

from arna.corpus_store import DatabaseCorpus, DatabasePublished
from channels.limits import LIMITS
from linters.cache import FindingsCache
from linters.context import ChannelView, OfficeView, PlanItem
from linters.engine import REGISTRY, Engine
from linters.rules.reprint import DuplicateSettings
from linters.settings import LintSettings, load_lint_settings
from posts.config import Config
from posts.db import Database, database_url, open_database
from posts.migrate import ensure_current
from posts.models import PlanEvent
from posts.vocab import DRAFT_NETWORKS

CACHE_PATH = Path(".arna") / "lint-cache.sqlite"


def office_view(config: Config, db: Database | None = None) -> OfficeView:
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
        plan=plan_items(db, config.office.id) if db is not None else {},
        logos=brand_logos(config),
    )


def plan_items(db: Database, office: str) -> dict[str, PlanItem]:
    """The office's plan, as M441, M440 and M401 check it (a few hundred rows: read once)."""
    with db.read() as session:
        rows = session.exec(select(PlanEvent).where(PlanEvent.office == office)).all()
        return {
            r.key: PlanItem(r.key, r.title, approved=r.approved, internal=r.internal) for r in rows
        }


def brand_logos(config: Config) -> tuple[tuple[str, str], ...]:
    """The [brand] reference logos that exist, with their SHA-256 (so that a changed logo file
    changes the findings cache key). A missing file is left out here; `Config.missing_logos`
    names those."""
    out = []
    for path in map(config.resolve, config.brand.logos):
        if path.is_file():
            out.append((str(path), hashlib.sha256(path.read_bytes()).hexdigest()))
    return tuple(out)


def lint_settings(config: Config | None) -> LintSettings:
    if config is None:
        return LintSettings()
    from linters.settings import parse_lint_settings

    if config.source is None:
        return parse_lint_settings(config.lint, REGISTRY, networks=DRAFT_NETWORKS)
    return load_lint_settings(config.lint, REGISTRY, config.source)


def workspace_database(config: Config) -> Database | None:
    """The workspace database for T104 and T105, or None when a workspace has none yet.

    A SQLite file that does not exist means nothing was ever queued or added to the corpus: lint
    then does not create it. An existing SQLite database is brought up to date, as by every other
    command; a PostgreSQL database that is behind stops with the usual `arna db upgrade` advice.
    """
    if config.source is None:
        return None
    url = database_url(config.database_path)
    if url.startswith("sqlite") and not config.database_path.exists():
        return None
    from arna.workspace import busy_timeout

    db = open_database(url, busy_timeout_s=busy_timeout())
    try:
        ensure_current(db)
    except BaseException:
        db.dispose()
        raise
    return db


def build_engine(
    config: Config | None, *, use_cache: bool = True, db: Database | None = None
) -> Engine:
    """The engine for a workspace, or a default one (programme hashtags, kk+ru) without config.

    With `db` (see `workspace_database`), T104 reads the office's reprint corpus from it and T105
    the posts published in its window; the caller disposes of `db`.
    """
    cache = FindingsCache(config.resolve(CACHE_PATH)) if config and use_cache else None
    settings = lint_settings(config)
    corpus = published = None
    if config is not None and db is not None:
        t105 = settings.rule_settings.get("T105")
        window = t105.window_days if isinstance(t105, DuplicateSettings) else 14
        corpus = DatabaseCorpus(db, config.office.id)
        published = DatabasePublished(db, config.office.id, window_days=window)
    return Engine(
        settings=settings,
        office=office_view(config, db) if config else OfficeView(),
        limits=LIMITS,
        cache=cache,
        corpus=corpus,
        published=published,
    )
