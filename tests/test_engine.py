"""The engine: selection, severity overrides, waivers, the cache, and crash isolation."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from channels.limits import LIMITS
from linters.cache import FindingsCache
from linters.context import LintContext
from linters.engine import REGISTRY, Engine
from linters.findings import Finding, Severity, line_column
from linters.rule import Example, Rule
from linters.rules.script import MixedScriptWord
from linters.settings import LintSettings, parse_lint_settings
from linters.subject import RecordedWaiver, Subject
from posts.errors import ConfigError

MIXED = "Kазақстан жастары кітап оқиды."  # Latin K


def subject(text: str = MIXED, network: str = "telegram", **kw: object) -> Subject:
    return Subject(text=text, network=network, kind="text", **kw)  # type: ignore[arg-type]


def codes(engine: Engine, s: Subject) -> list[str]:
    return [f.code for f in engine.lint(s).findings]


def test_a_finding_has_its_span_line_and_column() -> None:
    text = "Сәлем!\nБүгін Kазақстан күні."
    f = next(f for f in Engine(limits=LIMITS).lint(subject(text)).findings if f.code == "K202")
    assert f.code == "K202" and text[f.span[0] : f.span[1]] == "Kазақстан"
    assert line_column(text, f.span[0], body_line=8) == (9, 7)


def test_select_and_ignore_by_code_and_prefix() -> None:
    assert "K202" in codes(Engine(LintSettings(select=("K",)), limits=LIMITS), subject())
    assert "K202" not in codes(Engine(LintSettings(ignore=("K2",)), limits=LIMITS), subject())
    only_t = Engine(LintSettings(select=("T",)), limits=LIMITS)
    assert all(c.startswith("T") for c in codes(only_t, subject()))


def test_severity_overrides_globally_and_per_network() -> None:
    raw = {"severity": {"K202": "warning"}, "networks": {"x": {"severity": {"K202": "info"}}}}
    settings = parse_lint_settings(raw, REGISTRY, networks=["telegram", "x"])
    engine = Engine(settings, limits=LIMITS)
    by_net = {
        net: next(f for f in engine.lint(subject(network=net)).findings if f.code == "K202")
        for net in ("telegram", "x")
    }
    assert by_net["telegram"].severity is Severity.WARNING
    assert by_net["x"].severity is Severity.INFO


def test_unknown_codes_keys_and_values_are_errors_with_lines() -> None:
    source = (
        '[office]\nid = "x"\n\n[lint]\nselect = ["K", "Q9"]\nignroe = ["T113"]\n'
        '[lint.severity]\nK202 = "fatal"\n[lint.rules.K999]\nx = 1\n'
    )
    import tomllib

    raw = tomllib.loads(source)["lint"]
    with pytest.raises(ConfigError) as caught:
        parse_lint_settings(raw, REGISTRY, file="config.toml", source=source)
    rendered = caught.value.render("en")
    assert "config.toml:5" in rendered and "Q9" in rendered
    assert "config.toml:6" in rendered and "ignore" in rendered  # suggests the right key
    assert "config.toml:8" in rendered and "fatal" in rendered
    assert "config.toml:9" in rendered and "K999" in rendered
    assert len(caught.value.problems) == 4


def test_a_waiver_applies_only_to_the_content_it_was_given_for() -> None:
    engine = Engine(limits=LIMITS)
    plain = subject()
    waiver = RecordedWaiver("K202", "brand spelling", "bolat", plain.content_hash)
    waived = engine.lint(subject(waivers=(waiver,)))
    k202 = next(f for f in waived.findings if f.code == "K202")
    assert k202.waived and k202.waiver_reason == "brand spelling" and waived.unused_waivers == ()
    changed = engine.lint(subject(MIXED + " Жаңа сөз.", waivers=(waiver,)))
    assert not next(f for f in changed.findings if f.code == "K202").waived
    assert changed.unused_waivers == (waiver,)


class Exploding(Rule):
    """A rule that always fails, to prove one broken rule never stops the others."""

    code = "Z999"
    name = "exploding"
    severity = Severity.ERROR
    doc = MixedScriptWord.doc
    message = MixedScriptWord.message
    must_flag: tuple[Example, ...] = ()
    must_pass: tuple[Example, ...] = ()

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        raise RuntimeError("boom")


def test_a_crashing_rule_is_reported_and_the_others_still_run() -> None:
    registry = {**REGISTRY, "Z999": Exploding}
    result = Engine(limits=LIMITS, registry=registry).lint(subject())
    assert [c.code for c in result.crashes] == ["Z999"] and "boom" in result.crashes[0].error
    assert any(f.code == "K202" for f in result.findings)


def test_the_cache_returns_the_same_findings_and_follows_settings(tmp_path: Path) -> None:
    cache = FindingsCache(tmp_path / "c.sqlite")
    cold = Engine(limits=LIMITS, cache=cache).lint(subject())
    warm_engine = Engine(limits=LIMITS, cache=cache)
    calls: list[str] = []
    original = MixedScriptWord.check

    def counting(self, s, ctx):  # type: ignore[no-untyped-def]
        calls.append(s.text)
        return original(self, s, ctx)

    MixedScriptWord.check = counting  # type: ignore[method-assign]
    try:
        warm = warm_engine.lint(subject())
        assert calls == [], "a cached post is not re-checked"
        assert [(f.code, f.span, f.render("kk")) for f in warm.findings] == [
            (f.code, f.span, f.render("kk")) for f in cold.findings
        ]
        other = Engine(LintSettings(severity={"K202": Severity.INFO}), limits=LIMITS, cache=cache)
        assert next(f for f in other.lint(subject()).findings if f.code == "K202").severity is (
            Severity.INFO
        )
        assert calls, "other settings miss the cache"
    finally:
        MixedScriptWord.check = original  # type: ignore[method-assign]
    cache.close()


def test_a_broken_cache_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    engine = Engine(limits=LIMITS, cache=FindingsCache(path))
    assert "K202" in codes(engine, subject())
