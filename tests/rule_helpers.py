"""Run one rule on one post through the real engine, as the rule tests need."""

from __future__ import annotations

from channels.limits import LIMITS
from linters.context import OfficeView
from linters.engine import Engine
from linters.findings import Finding
from linters.settings import LintSettings
from linters.subject import MediaRef, Subject
from posts.i18n import LANGS


def lint_one(
    text: str,
    code: str,
    *,
    network: str = "telegram",
    direction: str | None = None,
    office: OfficeView | None = None,
    rule_settings: object = None,
    media: tuple[MediaRef, ...] = (),
) -> list[Finding]:
    """The findings of rule `code` on a text post; no rule may crash, every message renders."""
    engine = Engine(
        LintSettings(
            select=(code,),
            rule_settings={code: rule_settings} if rule_settings is not None else {},  # type: ignore[dict-item]
        ),
        office=office or OfficeView(),
        limits=LIMITS,
    )
    subject = Subject(text=text, network=network, kind="text", direction=direction, media=media)
    result = engine.lint(subject)
    assert result.crashes == ()
    for f in result.findings:
        for lang in LANGS:
            assert f.render(lang).strip()
    return [f for f in result.findings if f.code == code]
