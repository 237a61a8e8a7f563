"""The rule engine: runs the enabled rules on posts and applies severities and waivers.

An `Engine` is cheap to call per post (the desk lints as the user types): rules are built once,
heavy resources load lazily once per engine, and nothing is global. A rule that raises does not
stop the run: the post gets a `RuleCrash` entry in its result, and the other rules still report.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from linters.cache import FindingsCache, cache_key
from linters.context import LintContext, OfficeView, RecentPosts, ReprintCorpus, Resources
from linters.findings import Finding, Severity
from linters.rule import Rule, WeekRule
from linters.rules import RULES
from linters.settings import LintSettings
from linters.subject import RecordedWaiver, Subject
from linters.week import ChannelWeek, WeekFinding, plan_location
from posts.platform import NetworkLimits

if TYPE_CHECKING:
    from linters.media_pool import MediaPool

REGISTRY: Mapping[str, type[Rule]] = {rule.code: rule for rule in RULES}


@dataclass(frozen=True)
class RuleCrash:
    code: str
    error: str


@dataclass(frozen=True)
class PostResult:
    subject: Subject
    findings: tuple[Finding, ...]
    unused_waivers: tuple[RecordedWaiver, ...] = ()
    crashes: tuple[RuleCrash, ...] = ()

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity and not f.waived)

    def worst(self) -> Severity | None:
        live = [f.severity for f in self.findings if not f.waived]
        return max(live, key=lambda s: s.rank) if live else None


@dataclass(frozen=True)
class WeekRun:
    """What the week rules reported on one channel's week, and the rules that crashed on it."""

    week: ChannelWeek
    findings: tuple[WeekFinding, ...]
    crashes: tuple[RuleCrash, ...] = ()


MEDIA_CHUNK = 24  # media files analysed ahead together (the media cache holds 48)


@dataclass
class Engine:
    settings: LintSettings = field(default_factory=LintSettings)
    office: OfficeView = field(default_factory=OfficeView)
    limits: Mapping[str, NetworkLimits] = field(default_factory=dict)
    registry: Mapping[str, type[Rule]] = field(default_factory=lambda: dict(REGISTRY))
    cache: FindingsCache | None = None
    corpus: ReprintCorpus | None = None  # T104's reprint corpus; the index is built once
    published: RecentPosts | None = None  # T105's recently published posts, read once
    media_workers: int | None = None  # processes for a batch's OCR and cut detection; 0: none

    def __post_init__(self) -> None:
        self.resources = Resources()
        self.fingerprint = "|".join(
            [
                self.settings.fingerprint(),
                repr(self.office),
                repr(sorted(self.limits.items())),
                self.corpus.fingerprint() if self.corpus and self.cache else "",
                self.published.fingerprint() if self.published and self.cache else "",
            ]
        )
        self.rules: list[Rule] = [
            rule_cls(self.settings.rule_settings.get(code))
            for code, rule_cls in sorted(self.registry.items())
            if self.settings.enabled(code)
        ]

    def lint(
        self,
        subject: Subject,
        siblings: Sequence[Subject] = (),
        attached: Sequence[Finding] = (),
    ) -> PostResult:
        """Lint one post. `attached` are week findings that belong to it (`lint_week`): they are
        never cached, they come after the post's own findings, and waivers apply to them as to
        the post's own."""
        key = cache_key(subject, siblings, self.fingerprint) if self.cache else None
        cached = self.cache.get(key) if self.cache and key else None
        if cached is not None:
            findings, crashes = cached, []
        else:
            findings, crashes = self._run_rules(subject, siblings)
            if self.cache and key and not crashes:
                self.cache.put(key, findings)
        own = sorted(findings, key=lambda f: (f.span[0] if f.span else -1, f.code))
        week = sorted(attached, key=lambda f: f.code)  # what the week says, after the post's own
        findings, unused = _apply_waivers([*own, *week], subject)
        return PostResult(subject, tuple(findings), tuple(unused), tuple(crashes))

    def _run_rules(
        self, subject: Subject, siblings: Sequence[Subject]
    ) -> tuple[list[Finding], list[RuleCrash]]:
        ctx = LintContext(
            self.office,
            self.limits,
            self.resources,
            tuple(siblings),
            corpus=self.corpus,
            published=self.published,
        )
        findings: list[Finding] = []
        crashes: list[RuleCrash] = []
        for rule in self.rules:
            if not rule.applies_to(subject) or not self.settings.enabled_on(
                rule.code, subject.network
            ):
                continue
            try:
                produced = list(rule.check(subject, ctx))
            except Exception as exc:  # one broken rule must not stop the week
                crashes.append(RuleCrash(rule.code, _describe(exc)))
                continue
            for finding in produced:
                severity = self.settings.severity_of(rule.code, subject.network, finding.severity)
                findings.append(finding.with_severity(severity))
        return findings, crashes

    def lint_week(self, week: ChannelWeek) -> WeekRun:
        """Run the enabled week rules (S) on one channel's week."""
        ctx = LintContext(self.office, self.limits, self.resources)
        findings: list[WeekFinding] = []
        crashes: list[RuleCrash] = []
        for rule in self.rules:
            if not isinstance(rule, WeekRule) or not self.settings.enabled_on(
                rule.code, week.network
            ):
                continue
            try:
                produced = list(rule.check_week(week, ctx))
            except Exception as exc:  # one broken rule must not stop the week
                crashes.append(RuleCrash(rule.code, _describe(exc)))
                continue
            for item in produced:
                severity = self.settings.severity_of(rule.code, week.network, item.finding.severity)
                findings.append(replace(item, finding=item.finding.with_severity(severity)))
        return WeekRun(week, tuple(findings), tuple(crashes))

    def lint_many(
        self,
        subjects: Iterable[Subject],
        on_done: Callable[[], object] | None = None,
        weeks: Sequence[ChannelWeek] = (),
    ) -> list[PostResult]:
        """Lint posts; the variants of one story see each other (for T105). The heavy media
        analyses run ahead, in parallel (`linters.media_pool`), a chunk of posts at a time so
        that the media cache always holds what was analysed for the chunk being linted.

        With `weeks`, the week rules run on each, and their findings join the results of the posts
        they belong to; a plan item with findings gets a result of its own, after the posts."""
        subjects = list(subjects)
        runs = [self.lint_week(week) for week in weeks]
        attached, week_crashes = _by_post(runs)
        by_story: dict[str, list[Subject]] = {}
        for s in subjects:
            if s.story:
                by_story.setdefault(s.story, []).append(s)
        from linters.media_pool import MediaPool

        results: list[PostResult] = []
        with MediaPool(self.media_workers) as pool:
            for chunk in _media_chunks(subjects):
                if self.media_workers != 0 and any(s.media for s in chunk):
                    self._prefetch_media(chunk, pool)
                for s in chunk:
                    siblings = [o for o in by_story.get(s.story or "", []) if o is not s]
                    found = attached.get(s.post_id, []) if s.post_id is not None else []
                    result = self.lint(s, siblings, found)
                    crashed = week_crashes.get(s.post_id, []) if s.post_id is not None else []
                    if crashed:
                        result = replace(result, crashes=(*result.crashes, *crashed))
                    results.append(result)
                    if on_done is not None:
                        on_done()
        return results + _plan_results(runs)

    def _prefetch_media(self, subjects: list[Subject], pool: MediaPool) -> None:
        from linters.media_facts import RESOURCE_KEY, MediaCache
        from linters.media_pool import prefetch

        cache = self.resources.get(RESOURCE_KEY, MediaCache)
        if self.cache is not None:  # posts whose findings are cached need no analysis
            subjects = [
                s for s in subjects if self.cache.get(cache_key(s, (), self.fingerprint)) is None
            ]
        prefetch(subjects, cache, pool, self.office.logos)


def _by_post(
    runs: Sequence[WeekRun],
) -> tuple[dict[int, list[Finding]], dict[int, list[RuleCrash]]]:
    """The week findings of each post, and the week rules that crashed on each post's week."""
    findings: dict[int, list[Finding]] = {}
    crashes: dict[int, list[RuleCrash]] = {}
    for run in runs:
        ids = {p.post_id for p in run.week.posts if p.post_id is not None}
        for item in run.findings:
            if item.post_id in ids:  # a rule reports on its week's posts only
                findings.setdefault(item.post_id, []).append(item.finding)
        for post_id in ids:
            crashes.setdefault(post_id, []).extend(run.crashes)
    return findings, crashes


def _plan_results(runs: Sequence[WeekRun]) -> list[PostResult]:
    """One result per plan item with findings, located at `arna:plan/<key>`. An event seen in
    the weeks of several channels is reported once, under the channel of a week whose posts
    name it (else the first week that saw it)."""
    found: dict[str, list[Finding]] = {}
    home: dict[str, WeekRun] = {}
    for run in runs:
        named = {p.event for p in run.week.posts}
        for item in run.findings:
            event = run.week.event(item.plan)
            if event is None:
                continue
            if event.key not in home or (
                event.key in named
                and event.key not in {p.event for p in home[event.key].week.posts}
            ):
                home[event.key] = run
            codes = {f.code for f in found.setdefault(event.key, [])}
            if item.finding.code not in codes:
                found[event.key].append(item.finding)
    results = []
    for key, findings in found.items():
        week = home[key].week
        event = week.event(key)
        subject = Subject(
            text=event.title if event else key,
            network=week.network,
            kind="plan",
            channel=week.channel,
            event=key,
            path=plan_location(key),
        )
        results.append(PostResult(subject, tuple(sorted(findings, key=lambda f: f.code))))
    return results


def _media_chunks(subjects: list[Subject]) -> Iterable[list[Subject]]:
    """Consecutive posts holding about MEDIA_CHUNK media files between them (at least one post)."""
    chunk: list[Subject] = []
    files = 0
    for subject in subjects:
        if chunk and files + len(subject.media) > MEDIA_CHUNK:
            yield chunk
            chunk, files = [], 0
        chunk.append(subject)
        files += len(subject.media)
    if chunk:
        yield chunk


def _apply_waivers(
    findings: list[Finding], subject: Subject
) -> tuple[list[Finding], list[RecordedWaiver]]:
    """A waiver applies to its code on exactly the content it was given for."""
    if not subject.waivers:
        return findings, []
    current = subject.content_hash
    valid = {w.code: w for w in subject.waivers if w.content_hash == current}
    used: set[str] = set()
    out = []
    for f in findings:
        waiver = valid.get(f.code)
        if waiver is not None:
            used.add(f.code)
            out.append(replace(f, waived=True, waiver_reason=waiver.reason))
        else:
            out.append(f)
    unused = [w for w in subject.waivers if w.code not in used or w.content_hash != current]
    return out, unused


def _describe(exc: Exception) -> str:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" ({frame.filename.rsplit('/', 1)[-1]}:{frame.lineno})" if frame else ""
    return f"{type(exc).__name__}: {exc}{where}"
