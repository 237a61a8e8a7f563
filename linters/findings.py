"""Findings: what a rule reports, where, and with which evidence."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from posts.i18n import Lang, Text


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]

    def reaches(self, threshold: Severity) -> bool:
        return self.rank >= threshold.rank


@dataclass(frozen=True)
class Finding:
    """One problem in one post. `span` holds character offsets into the post's text."""

    code: str
    name: str
    severity: Severity
    message: Text
    params: Mapping[str, object] = field(default_factory=dict)
    span: tuple[int, int] | None = None
    media: str | None = None
    region: tuple[int, int, int, int] | None = None
    time: tuple[float, float] | None = None
    evidence: Mapping[str, object] = field(default_factory=dict)
    waived: bool = False
    waiver_reason: str | None = None

    def render(self, lang: Lang) -> str:
        """The message in `lang`; a parameter that is itself a `Text` (a reason given in three
        languages, say) is put in the same language."""
        params = {k: v.get(lang) if isinstance(v, Text) else v for k, v in self.params.items()}
        return self.message.format(lang, **params)

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)


def line_column(text: str, offset: int, body_line: int = 1) -> tuple[int, int]:
    """1-based line (in the file, when the body starts at `body_line`) and column of `offset`."""
    offset = max(0, min(offset, len(text)))
    line = body_line + text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
