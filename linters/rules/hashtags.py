"""Rules of this family are being written (issue 3)."""

from __future__ import annotations

from linters.rule import Rule

RULES: tuple[type[Rule], ...] = ()
