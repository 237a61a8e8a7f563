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
from linters.rule import Rule
from linters.rules import RULES
from linters.settings import LintSettings
from linters.subject import RecordedWaiver, Subject
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

    def lint(self, subject: Subject, siblings: Sequence[Subject] = ()) -> PostResult:
        key = cache_key(subject, siblings, self.fingerprint) if self.cache else None
        cached = self.cache.get(key) if self.cache and key else None
        if cached is not None:
            findings, crashes = cached, []
        else:
            findings, crashes = self._run_rules(subject, siblings)
            if self.cache and key and not crashes:
                self.cache.put(key, findings)
        findings, unused = _apply_waivers(findings, subject)
        findings.sort(key=lambda f: (f.span[0] if f.span else -1, f.code))
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

    def lint_many(
        self, subjects: Iterable[Subject], on_done: Callable[[], object] | None = None
    ) -> list[PostResult]:
        """Lint posts; the variants of one story see each other (for T105). The heavy media
        analyses run ahead, in parallel (`linters.media_pool`), a chunk of posts at a time so
        that the media cache always holds what was analysed for the chunk being linted."""
        subjects = list(subjects)
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
                    results.append(self.lint(s, siblings))
                    if on_done is not None:
                        on_done()
        return results

    def _prefetch_media(self, subjects: list[Subject], pool: MediaPool) -> None:
        from linters.media_facts import RESOURCE_KEY, MediaCache
        from linters.media_pool import prefetch

        cache = self.resources.get(RESOURCE_KEY, MediaCache)
        if self.cache is not None:  # posts whose findings are cached need no analysis
            subjects = [
                s for s in subjects if self.cache.get(cache_key(s, (), self.fingerprint)) is None
            ]
        prefetch(subjects, cache, pool, self.office.logos)


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
