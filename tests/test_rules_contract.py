"""Every registered rule keeps the contract: code, docs, messages, and its own examples."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from channels.limits import LIMITS
from linters.context import OfficeView
from linters.engine import REGISTRY, Engine, PostResult, RuleCrash
from linters.findings import Finding
from linters.rule import Example, Rule, WeekExample, WeekRule
from linters.settings import LintSettings
from linters.similarity import MemoryCorpus, MemoryPublished
from posts.i18n import LANGS

CATALOGUE = (
    __import__("pathlib").Path(__file__).resolve().parents[2] / "shared" / "guide" / "RULES.md"
)
RULES = sorted(REGISTRY.values(), key=lambda r: r.code)


def _catalogue() -> dict[str, tuple[str, str]]:
    """code -> (name, severity) from the shared rule catalogue, when it is beside the repo."""
    if not CATALOGUE.exists():
        return {}
    rows = re.findall(
        r"^\| ([A-Z]\d{3}) \| ([a-z0-9-]+) \| ([a-z ,]+?) \|", CATALOGUE.read_text(), re.M
    )
    return {code: (name, sev) for code, name, sev in rows}


OCR_RULES = ("M410", "M411")  # without Tesseract's data they report that they could not run


def _engine_for(rule: type[Rule]) -> Engine:
    return Engine(LintSettings(select=(rule.code,)), limits=LIMITS)


def _lint_example(engine: Engine, rule: type[Rule], example: Example) -> PostResult:
    """An example is linted with its story's other variants, and, when it carries a reprint corpus
    or published posts, by an engine that has just these."""
    office = example.office()
    if example.corpus or example.published or office is not None:
        engine = Engine(
            LintSettings(select=(rule.code,)),
            limits=LIMITS,
            office=office or OfficeView(),
            corpus=MemoryCorpus(example.corpus) if example.corpus else None,
            published=MemoryPublished(example.published) if example.published else None,
        )
    return engine.lint(example.subject(), example.sibling_subjects())


def _findings_of(
    engine: Engine, rule: type[Rule], example: Example
) -> tuple[list[Finding], tuple[RuleCrash, ...]]:
    """The findings of an example: a post's, or a week's (week rules). A week finding must
    belong to a post of its week, or to one of its plan items."""
    if not isinstance(example, WeekExample):
        result = _lint_example(engine, rule, example)
        return list(result.findings), result.crashes
    week = example.channel_week()
    run = engine.lint_week(week)
    ids = {p.post_id for p in week.posts}
    for item in run.findings:
        assert item.post_id in ids or week.event(item.plan), f"{rule.code}: {item} belongs nowhere"
        assert item.finding.span is None  # a week finding is about a post, not a stretch of text
    return [item.finding for item in run.findings], run.crashes


def test_codes_are_unique_and_match_the_catalogue() -> None:
    catalogue = _catalogue()
    assert len({r.code for r in RULES}) == len(RULES) and RULES, "no rules registered"
    for rule in RULES:
        assert re.fullmatch(r"[TKHPMSX]\d{3}", rule.code)
        if catalogue:
            name, severity = catalogue[rule.code]
            assert rule.name == name, f"{rule.code} is called {name!r} in RULES.md"
            assert severity.startswith(rule.severity.value) or rule.code == "H304"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_has_docs_and_messages_in_three_languages(rule: type[Rule]) -> None:
    for text in (rule.doc.what, rule.doc.why, rule.doc.instead, rule.message):
        for lang in LANGS:
            assert text.get(lang).strip(), f"{rule.code}: missing {lang}"
        fields = [
            {f for _, f, _, _ in string.Formatter().parse(text.get(lang)) if f} for lang in LANGS
        ]
        assert fields[0] == fields[1] == fields[2], f"{rule.code}: placeholders differ"
    assert rule.doc.quote_kk and rule.doc.quote_ru and rule.doc.section


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_has_enough_examples_in_kazakh_and_russian(rule: type[Rule]) -> None:
    assert len(rule.must_flag) >= 2 and len(rule.must_pass) >= 2
    for group in (rule.must_flag, rule.must_pass):
        assert {"kk", "ru"} <= {e.language for e in group}, f"{rule.code}: kk and ru examples"
    week_rule = issubclass(rule, WeekRule)
    for example in (*rule.must_flag, *rule.must_pass):
        # a week rule's examples are weeks; a post rule's are posts
        assert isinstance(example, WeekExample) == week_rule, f"{rule.code}: {example.text!r}"
        if isinstance(example, WeekExample):
            assert example.channel_week().posts, f"{rule.code}: a week example needs posts"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_must_flag_examples_are_flagged_and_must_pass_pass(rule: type[Rule]) -> None:
    if rule.code in OCR_RULES:
        from linters.media.ocr import tesseract_status

        status = tesseract_status()
        if not status.available:
            pytest.skip(f"{rule.code} reads pictures by OCR: {status.reason}")
    engine = _engine_for(rule)
    for example in rule.must_flag:
        findings, crashes = _findings_of(engine, rule, example)
        assert not crashes, crashes
        assert any(f.code == rule.code for f in findings), f"not flagged: {example.text!r}"
        for f in findings:
            for lang in LANGS:
                assert f.render(lang)
            if f.span:
                assert 0 <= f.span[0] < f.span[1] <= len(example.text)
    for example in rule.must_pass:
        findings, crashes = _findings_of(engine, rule, example)
        assert not crashes, crashes
        assert not [f for f in findings if f.code == rule.code], f"flagged: {example.text!r}"


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400),
    network=st.sampled_from(sorted(LIMITS)),
    kind=st.sampled_from(["text", "photo", "poll", "announcement", "video"]),
)
def test_no_rule_crashes_on_any_text(text: str, network: str, kind: str) -> None:
    from linters.subject import Subject

    engine = Engine(limits=LIMITS)
    result = engine.lint(Subject(text=text, network=network, kind=kind))
    assert result.crashes == ()
    for f in result.findings:
        if f.span:
            assert 0 <= f.span[0] <= f.span[1] <= len(text)
