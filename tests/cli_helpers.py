"""Run the `arna` command in-process, as a user would type it."""

from __future__ import annotations

import pytest

from arna.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The exit code, stdout and stderr of `arna ARGS…`."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err
