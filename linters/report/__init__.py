"""The reporters of `arna lint`: one entry point, five formats.

    render(results, "json", lang="kk", registry=REGISTRY, version="0.1.0") -> str

- `json`: DESIGN.md "Lint output, JSON (schema version 1)", exactly (`json_report`).
- `sarif`: SARIF 2.1.0 for code-review tools (`sarif`).
- `html`: one self-contained page for editors (`html`).
- `text`: `path:line:col: CODE [severity] message` for people at a terminal (`text`).
- `github`: GitHub Actions workflow commands (`github`).

Every format places a finding at the same line and column, renders messages in `lang`, and counts
only findings that are not waived (`summary`). `Progress` is the progress bar of long runs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from linters.engine import PostResult
from linters.report.github import render_github
from linters.report.html import render_html
from linters.report.json_report import Summary, render_json, summary
from linters.report.sarif import render_sarif
from linters.report.text import Progress, render_text, summary_line, use_color
from linters.rule import Rule
from posts.i18n import Lang

FORMATS = ("text", "json", "sarif", "html", "github")

__all__ = [
    "FORMATS",
    "Progress",
    "Summary",
    "render",
    "summary",
    "summary_line",
    "use_color",
]


def render(
    results: Sequence[PostResult],
    fmt: str,
    *,
    lang: Lang,
    registry: Mapping[str, type[Rule]],
    version: str,
    color: bool | None = None,
) -> str:
    """The report of `results` in `fmt`, ending with a newline.

    `color` applies to `text` only: None colours when stdout is a terminal and NO_COLOR is unset;
    pass False when the report goes to a file.
    """
    if fmt == "json":
        return render_json(results, lang=lang, version=version)
    if fmt == "sarif":
        return render_sarif(results, lang=lang, registry=registry, version=version)
    if fmt == "html":
        return render_html(results, lang=lang, registry=registry, version=version)
    if fmt == "text":
        return render_text(results, lang=lang, color=color)
    if fmt == "github":
        return render_github(results, lang=lang)
    raise ValueError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")
