"""The rules, one module per rule or small family. `RULES` is the one table of every rule.

To add a rule: write its class in a module here (see `linters.rule.Rule` for the contract, and any
existing rule for the shape), add it to that module's `RULES` tuple, and, for a new module, add the
module to the table below. A test runs every rule's examples and checks its docs and messages.
"""

from __future__ import annotations

from linters.rule import Rule
from linters.rules import (
    genre,
    hashtags,
    infographics,
    kazakh_letters,
    language,
    logo,
    media_files,
    people,
    photos,
    plan,
    platform_text,
    privacy,
    reprint,
    script,
    style,
    videos,
)

FAMILIES = (
    language,
    script,
    kazakh_letters,
    hashtags,
    platform_text,
    privacy,
    style,
    reprint,
    genre,
    media_files,
    photos,
    people,
    infographics,
    videos,
    logo,
    plan,
)

RULES: tuple[type[Rule], ...] = tuple(rule for family in FAMILIES for rule in family.RULES)
