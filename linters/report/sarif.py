"""`arna lint --format sarif`: SARIF 2.1.0, for code-review tools (GitHub code scanning and others).

- `tool.driver.rules` lists every rule of the registry (id = code, name, descriptions and help in
  the report's language, `defaultConfiguration.level` from the rule's default severity); results
  point at their rule by `ruleId` and `ruleIndex`. A finding whose code is not in the registry
  gets a minimal descriptor of its own, so that the log stays consistent.
- Levels: error → `error`, warning → `warning`, info → `note`, after the office's [lint] settings.
- A result's location is the draft file (a relative URI as given, percent-encoded), or
  `arna:post/<id>` for a queued post. Its region comes from the span: `startLine`/`startColumn`
  and `endLine`/`endColumn` (exclusive), in Unicode code points (`run.columnKind`). A finding with
  no span is placed on the first line of the post's text, without columns, since code-review tools
  need a line to show a result.
- A waived finding is a result with a suppression (`kind: external`, `status: accepted`,
  `justification`: the waiver's reason).
- A rule that crashed on a post is a `toolExecutionNotification` of the one invocation, which is
  then not `executionSuccessful`.
- `partialFingerprints["arnaFinding/v1"]` identifies a finding by post, code, flagged text and
  occurrence, not by line, so that an edit above it does not make it look new.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence

from linters.engine import PostResult
from linters.findings import Finding, Severity
from linters.report.json_report import (
    TOOL,
    clamp_span,
    message,
    plain,
    position,
    post_location,
)
from linters.rule import Rule
from linters.subject import Subject
from posts.i18n import Lang, Text

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

HEADINGS = {
    "why": Text(kk="Неге", ru="Почему", en="Why"),
    "guide": Text(kk="Нұсқаулықта", ru="В методичке", en="The guide"),
    "instead": Text(kk="Орнына", ru="Что делать", en="Instead"),
    "crash": Text(
        kk="{code} ережесі істемей қалды: {error}. Басқа ережелер тексерді.",
        ru="Правило {code} сломалось: {error}. Остальные правила проверили публикацию.",
        en="Rule {code} failed: {error}. The other rules still ran.",
    ),
}


def render_sarif(
    results: Sequence[PostResult],
    *,
    lang: Lang,
    registry: Mapping[str, type[Rule]],
    version: str,
) -> str:
    log = sarif_log(results, lang=lang, registry=registry, version=version)
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def sarif_log(
    results: Sequence[PostResult],
    *,
    lang: Lang,
    registry: Mapping[str, type[Rule]],
    version: str,
) -> dict[str, object]:
    rules = [_descriptor(registry[code], lang) for code in sorted(registry)]
    index = {d["id"]: i for i, d in enumerate(rules)}
    for r in results:
        for f in r.findings:
            if f.code not in index:
                index[f.code] = len(rules)
                rules.append(_unknown_descriptor(f))
    sarif_results: list[dict[str, object]] = []
    notifications: list[dict[str, object]] = []
    for i, r in enumerate(results):
        uri = post_location(r.subject, i)
        seen: dict[tuple[str, str], int] = {}
        for f in r.findings:
            sarif_results.append(_result(r.subject, f, uri, index[f.code], seen, lang))
        for crash in r.crashes:
            notifications.append(
                {
                    "level": "error",
                    "message": {
                        "text": HEADINGS["crash"].format(lang, code=crash.code, error=crash.error)
                    },
                    "descriptor": {"id": crash.code},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                }
            )
    invocation: dict[str, object] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    driver: dict[str, object] = {"name": TOOL, "version": version, "rules": rules}
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [invocation],
                "language": lang,
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }


def _descriptor(rule: type[Rule], lang: Lang) -> dict[str, object]:
    doc = rule.doc
    quotes = [doc.quote_kk, doc.quote_ru] if lang != "ru" else [doc.quote_ru, doc.quote_kk]
    text = "\n\n".join(
        [
            doc.what.get(lang),
            f"{HEADINGS['why'].get(lang)}: {doc.why.get(lang)}",
            f"{HEADINGS['guide'].get(lang)} ({doc.section}): {' / '.join(quotes)}",
            f"{HEADINGS['instead'].get(lang)}: {doc.instead.get(lang)}",
        ]
    )
    markdown = "\n\n".join(
        [
            doc.what.get(lang),
            f"**{HEADINGS['why'].get(lang)}.** {doc.why.get(lang)}",
            f"**{HEADINGS['guide'].get(lang)}** ({doc.section}):\n\n"
            + "\n".join(f"> {q}" for q in quotes),
            f"**{HEADINGS['instead'].get(lang)}.** {doc.instead.get(lang)}",
        ]
    )
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": doc.what.get(lang)},
        "fullDescription": {"text": f"{doc.what.get(lang)} {doc.why.get(lang)}"},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"guideSection": doc.section},
    }


def _unknown_descriptor(finding: Finding) -> dict[str, object]:
    return {
        "id": finding.code,
        "name": finding.name,
        "shortDescription": {"text": finding.name},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
    }


def _result(
    subject: Subject,
    finding: Finding,
    uri: str,
    rule_index: int,
    seen: dict[tuple[str, str], int],
    lang: Lang,
) -> dict[str, object]:
    pos = position(subject, finding)
    span = clamp_span(subject, finding)
    if pos is not None and span is not None:
        region: dict[str, object] = {
            "startLine": pos.line,
            "startColumn": pos.column,
            "endLine": pos.end_line,
            "endColumn": pos.end_column,
            "snippet": {"text": subject.text[span[0] : span[1]]},
        }
    else:
        region = {"startLine": max(1, subject.body_line)}
    result: dict[str, object] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": message(finding, lang)},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
        "partialFingerprints": {"arnaFinding/v1": _fingerprint(subject, finding, uri, seen)},
    }
    properties = {
        "network": subject.network,
        "postId": subject.post_id,
        "path": subject.path,
        "span": list(span) if span else None,
        "media": finding.media,
        "region": plain(list(finding.region)) if finding.region is not None else None,
        "time": plain(list(finding.time)) if finding.time is not None else None,
        "evidence": plain(dict(finding.evidence)),
    }
    result["properties"] = {k: v for k, v in properties.items() if v not in (None, {})}
    if finding.waived:
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": finding.waiver_reason or "",
            }
        ]
    return result


def _fingerprint(
    subject: Subject, finding: Finding, uri: str, seen: dict[tuple[str, str], int]
) -> str:
    span = clamp_span(subject, finding)
    what = subject.text[span[0] : span[1]] if span else f"{finding.media}|{finding.region}"
    key = (finding.code, what)
    seen[key] = seen.get(key, 0) + 1
    blob = "\x1f".join([uri, finding.code, what, str(seen[key])])
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]
