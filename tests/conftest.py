from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from posts.db import Database
from tests.databases import SKIP_POSTGRES, fresh_database

BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(SKIP_POSTGRES, reason="ARNA_TEST_POSTGRES=skip"),
        ],
    ),
]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def db(backend: str, tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty database on each backend."""
    with fresh_database(backend, tmp_path) as database:
        yield database


@pytest.fixture
def bare_db(backend: str, tmp_path: Path) -> Iterator[Database]:
    """An empty database with no schema, for migration tests."""
    with fresh_database(backend, tmp_path, migrate=False) as database:
        yield database


@pytest.fixture(autouse=True)
def _no_ambient_arna_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never pick up a developer's ARNA_* settings by accident."""
    for var in ("ARNA_DATABASE_URL", "ARNA_CONFIG", "ARNA_LANG", "ARNA_USER"):
        monkeypatch.delenv(var, raising=False)


_WORKSPACE_TEMPLATE: dict[str, Path] = {}


@pytest.fixture
def workspace(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    """A fresh copy of the workspace `arna init --editor bolat` writes (made once, copied per
    test)."""
    import shutil
    from datetime import date

    from arna.workspace import init_workspace

    if "path" not in _WORKSPACE_TEMPLATE:
        template = tmp_path_factory.mktemp("template") / "ws"
        init_workspace(template, today=date.today(), editors=("bolat",))
        _WORKSPACE_TEMPLATE["path"] = template
    target = tmp_path / "ws"
    shutil.copytree(_WORKSPACE_TEMPLATE["path"], target)
    return target


@pytest.fixture
def in_ws(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work inside a fresh sample workspace, as the SMM officer «aigerim»."""
    monkeypatch.chdir(workspace)
    monkeypatch.setenv("ARNA_USER", "aigerim")
    return workspace
