"""`arna lint --format json`: DESIGN.md "Lint output, JSON (schema version 1)", exactly.

This module also holds what every reporter shares: where a finding is (line and column from its
span), a post's location label, the rendered message, and the summary counts. The other formats
build on these, so that a finding is at the same line and column in every report.

Decisions (DESIGN.md is silent on them):
- `summary` counts findings that are not waived: a waived finding no longer needs anyone's work
  and does not fail a run. Waived findings are still listed, with `"waived": true`.
- Schema 1 has no place for unused waivers, rule crashes or a waiver's reason, and it is a public
  contract, so they are not added here: the text and HTML reports show them.
- `line`/`column` are where the span starts, in the file (a draft's body starts below its front
  matter) or in the text of a queued post; both are null when the finding has no span.
- `evidence` is made JSON-safe: tuples and sets become lists, non-finite numbers and unknown
  objects become strings.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from linters.engine import PostResult
from linters.findings import Finding, Severity, line_column
from linters.subject import Subject
from posts.i18n import Lang

SCHEMA_VERSION = 1
TOOL = "arna"


@dataclass(frozen=True)
class Summary:
    """Counts over a run. Severity counts exclude waived findings."""

    posts: int
    error: int
    warning: int
    info: int
    waived: int
    unused_waivers: int
    crashes: int

    def count(self, severity: Severity) -> int:
        return {"error": self.error, "warning": self.warning, "info": self.info}[severity.value]

    def as_json(self) -> dict[str, int]:
        """The `summary` object of schema 1."""
        return {
            "posts": self.posts,
            "error": self.error,
            "warning": self.warning,
            "info": self.info,
        }


def summary(results: Sequence[PostResult]) -> Summary:
    live = [f for r in results for f in r.findings if not f.waived]
    return Summary(
        posts=len(results),
        error=sum(f.severity is Severity.ERROR for f in live),
        warning=sum(f.severity is Severity.WARNING for f in live),
        info=sum(f.severity is Severity.INFO for f in live),
        waived=sum(f.waived for r in results for f in r.findings),
        unused_waivers=sum(len(r.unused_waivers) for r in results),
        crashes=sum(len(r.crashes) for r in results),
    )


@dataclass(frozen=True)
class Position:
    """1-based start and end (end column exclusive) of a span, in file lines."""

    line: int
    column: int
    end_line: int
    end_column: int


def clamp_span(subject: Subject, finding: Finding) -> tuple[int, int] | None:
    if finding.span is None:
        return None
    n = len(subject.text)
    start = max(0, min(int(finding.span[0]), n))
    end = max(start, min(int(finding.span[1]), n))
    return start, end


def position(subject: Subject, finding: Finding) -> Position | None:
    span = clamp_span(subject, finding)
    if span is None:
        return None
    line, column = line_column(subject.text, span[0], subject.body_line)
    end_line, end_column = line_column(subject.text, span[1], subject.body_line)
    return Position(line, column, end_line, end_column)


def message(finding: Finding, lang: Lang) -> str:
    """The finding's message in `lang`; a broken template must not break the whole report."""
    try:
        return finding.render(lang)
    except (KeyError, IndexError, ValueError, AttributeError):
        return finding.message.get(lang)


def post_location(subject: Subject, index: int) -> str:
    """Where a post lives, as a URI reference: the draft path, `arna:post/<id>` for a queued
    post, `arna:unsaved/<n>` (its place in the run, from 1) for text that has neither. A plan
    item that the week rules report on is `arna:plan/<key>` (`linters.week.plan_location`)."""
    if subject.post_id is not None:
        return f"arna:post/{subject.post_id}"
    if is_virtual(subject):
        scheme, rest = subject.path.split("/", 1)  # type: ignore[union-attr]
        return f"{scheme}/{quote(rest, safe='')}"
    if subject.path:
        path = subject.path.replace("\\", "/")
        if path.startswith("/"):
            return "file://" + quote(path, safe="/")
        return quote(path, safe="/")
    return f"arna:unsaved/{index + 1}"


def is_virtual(subject: Subject) -> bool:
    """Whether the subject is no file but a place inside Arna (`arna:plan/<key>`)."""
    return subject.post_id is None and bool(subject.path) and subject.path.startswith("arna:")  # type: ignore[union-attr]


def post_label(subject: Subject, index: int) -> str:
    """The same place for people: the path as written, or `arna:post/<id>`."""
    if subject.post_id is None and subject.path:
        return subject.path
    return post_location(subject, index)


def plain(value: object) -> object:
    """`value` as JSON-safe data."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, set | frozenset):
        items = [plain(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return str(value)


def finding_record(subject: Subject, finding: Finding, lang: Lang) -> dict[str, object]:
    pos = position(subject, finding)
    span = clamp_span(subject, finding)
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "message": message(finding, lang),
        "line": pos.line if pos else None,
        "column": pos.column if pos else None,
        "span": list(span) if span else None,
        "media": finding.media,
        "region": plain(list(finding.region)) if finding.region is not None else None,
        "time": plain(list(finding.time)) if finding.time is not None else None,
        "evidence": plain(dict(finding.evidence)),
        "waived": bool(finding.waived),
    }


def document(results: Sequence[PostResult], *, lang: Lang, version: str) -> dict[str, object]:
    """The schema-1 object, before serialisation."""
    return {
        "schema": SCHEMA_VERSION,
        "tool": TOOL,
        "version": version,
        "posts": [
            {
                "path": r.subject.path,
                "post_id": r.subject.post_id,
                "network": r.subject.network,
                "findings": [finding_record(r.subject, f, lang) for f in r.findings],
            }
            for r in results
        ],
        "summary": summary(results).as_json(),
    }


def render_json(results: Sequence[PostResult], *, lang: Lang, version: str) -> str:
    """One JSON object, indented, UTF-8 text kept readable (not \\u-escaped), ending in a newline."""
    return (
        json.dumps(document(results, lang=lang, version=version), ensure_ascii=False, indent=2)
        + "\n"
    )
