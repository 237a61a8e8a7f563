"""`arna lint --format github`: GitHub Actions workflow commands, one annotation per finding.

    ::error file=drafts/a.md,line=3,endLine=3,col=1,endColumn=10,title=K202 mixed-script-word::…

- error → `::error`, warning → `::warning`, info → `::notice`.
- Waived findings are not annotated: an editor has accepted them, and they do not fail the run.
- A finding without a span is a file-level annotation (no line); a queued post has no file, so its
  annotations carry no `file`, and the title names the post (`arna:post/12`); so does a plan item
  that a week rule reports on (`arna:plan/<key>`).
- A rule that crashed on a post is a `::warning` (the post was not fully checked).
- The last line is the summary in plain text, which the job log shows as it is.
- Escaping as GitHub's toolkit does: in the message `%`, CR and LF; in properties also `:` and `,`.
"""

from __future__ import annotations

from collections.abc import Sequence

from linters.engine import PostResult
from linters.findings import Severity
from linters.report.json_report import is_virtual, message, position, summary
from linters.report.text import summary_line
from posts.i18n import Lang, Text

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
CRASHED = Text(
    kk="{code} ережесі істемей қалды: {error}. Басқа ережелер тексерді.",
    ru="Правило {code} сломалось: {error}. Остальные правила проверили публикацию.",
    en="Rule {code} failed: {error}. The other rules still ran.",
)


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, text: str, **properties: object) -> str:
    props = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None
    )
    return f"::{name}{' ' + props if props else ''}::{escape_data(text)}"


def render_github(results: Sequence[PostResult], *, lang: Lang) -> str:
    lines: list[str] = []
    for r in results:
        s = r.subject
        queued = s.post_id is not None
        file = None if queued or not s.path or is_virtual(s) else s.path
        where = "" if file else (f"arna:post/{s.post_id} " if queued else "")
        if is_virtual(s):  # a plan item (`arna:plan/<key>`): named in the title, no file
            where = f"{s.path} "
        for f in r.findings:
            if f.waived:
                continue
            pos = position(s, f)
            text = message(f, lang)
            if f.media:
                text = f"{f.media}: {text}"
            lines.append(
                command(
                    COMMANDS[f.severity],
                    text,
                    file=file,
                    line=pos.line if pos else None,
                    endLine=pos.end_line if pos else None,
                    col=pos.column if pos else None,
                    endColumn=pos.end_column if pos else None,
                    title=f"{where}{f.code} {f.name}",
                )
            )
        for crash in r.crashes:
            lines.append(
                command(
                    "warning",
                    CRASHED.format(lang, code=crash.code, error=crash.error),
                    file=file,
                    title=f"{where}{crash.code}",
                )
            )
    lines.append(summary_line(summary(results), lang))
    return "\n".join(lines) + "\n"
