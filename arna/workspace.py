"""A workspace: the folder with config.toml, the SQLite file, the media store and the drafts.

`init_workspace` writes a working one; `Workspace.open` loads the config, opens the database
(bringing an embedded SQLite schema up to date) and the media store.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from arna.sample_week import write_sample_week
from posts.config import CONFIG_NAME, Config, find_config, load_config, parse_config
from posts.config_template import render_default_config
from posts.db import DEFAULT_BUSY_TIMEOUT_S, Database, database_url, open_database
from posts.errors import InputError
from posts.i18n import Text
from posts.media_samples import write_stand_in_logo
from posts.media_store import MediaStore
from posts.migrate import ensure_current

USER_ENV = "ARNA_USER"
BUSY_TIMEOUT_ENV = "ARNA_BUSY_TIMEOUT"  # seconds a write waits for a locked database

NOT_EMPTY = Text(
    kk="{dir} қалтасы бос емес.",
    ru="Папка {dir} не пуста.",
    en="The folder {dir} is not empty.",
)
NOT_EMPTY_FIX = Text(
    kk="Жаңа қалтаны атаңыз: `arna init ЖАҢА_ҚАЛТА`.",
    ru="Укажите новую папку: `arna init НОВАЯ_ПАПКА`.",
    en="Name a new folder: `arna init NEW_FOLDER`.",
)


@dataclass
class Workspace:
    config: Config
    db: Database
    store: MediaStore

    @classmethod
    def open(cls, config_path: Path | None = None) -> Workspace:
        config = load_config(config_path or find_config())
        db = open_database(database_url(config.database_path), busy_timeout_s=busy_timeout())
        ensure_current(db)
        return cls(config, db, MediaStore(config.media_root, config.max_media_bytes))

    def close(self) -> None:
        self.db.dispose()


def busy_timeout() -> float:
    """ARNA_BUSY_TIMEOUT when it is a positive number of seconds, else the default."""
    try:
        value = float(os.environ.get(BUSY_TIMEOUT_ENV, ""))
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT_S
    return value if value > 0 else DEFAULT_BUSY_TIMEOUT_S


def current_user() -> str:
    """Who is acting: ARNA_USER when set (shared accounts, CI), else the login name."""
    return os.environ.get(USER_ENV, "").strip() or getpass.getuser()


def init_workspace(
    target: Path, *, today: date, office_id: str = "turkistan", editors: tuple[str, ...] = ()
) -> list[Path]:
    """Write config.toml, a stand-in logo, the outbox folder and the sample week into `target`."""
    if target.exists() and any(target.iterdir()):
        raise InputError.of(NOT_EMPTY, file=str(target), fix=NOT_EMPTY_FIX, dir=str(target))
    target.mkdir(parents=True, exist_ok=True)
    text = render_default_config(office_id=office_id, editors=editors)
    config = parse_config(text, str(target / CONFIG_NAME), target)  # refuse to write a broken one
    (target / CONFIG_NAME).write_text(text, encoding="utf-8")
    for logo in config.brand.logos:
        write_stand_in_logo(config.resolve(logo))
    for channel in config.channels:
        if channel.network == "outbox":
            config.resolve(channel.target).mkdir(parents=True, exist_ok=True)
    return write_sample_week(target / "drafts", today)


