"""The rule contract. One rule, one class, in one module of `linters.rules` (learned from ruff).

A rule declares its stable code and name, its default severity, the networks and kinds it applies
to, its typed settings (every threshold, with the default of RULES.md), its docs, its messages in
kk, ru and en, and must-flag and must-pass examples. `check` returns findings; it must not raise on
any input, since one broken rule must never stop the linting of a week.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict

from linters.context import ChannelView, CorpusEntry, OfficeView, PlanItem, PublishedPost
from linters.findings import Finding, Severity
from linters.subject import MediaRef, Subject
from linters.week import ChannelWeek, WeekEvent, WeekFinding, WeekPost
from posts.i18n import Text

if TYPE_CHECKING:
    from linters.context import LintContext


def _listed(value: object) -> object:
    """A TOML array is a list; settings are validated strictly, so make it the tuple they hold."""
    return tuple(value) if isinstance(value, list) else value


#: A list of strings in config.toml (`[lint.rules.<code>]`), held as a tuple.
StrList = Annotated[tuple[str, ...], BeforeValidator(_listed)]


class RuleSettings(BaseModel):
    """Base of every rule's settings: typed, frozen, and unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class NoSettings(RuleSettings):
    pass


@dataclass(frozen=True)
class RuleDoc:
    """What the rule checks, why (the guide's words, by section), and what to do instead."""

    what: Text
    why: Text
    section: str  # the guide section, or PLATFORMS.md, that is the rule's basis
    quote_kk: str
    quote_ru: str
    instead: Text
    waive: Text | None = None  # when a waiver is reasonable; default text otherwise


@dataclass(frozen=True)
class Example:
    """A post a rule must flag (or must pass). Examples double as the rule's docs and its tests.

    Rules that compare a post with others carry those others with the example: `siblings` are
    the other variants of the same story (linted together, as `ctx.siblings`), `corpus` is a
    reprint corpus and `published` the posts published lately; an example with either is linted
    by an engine given just these (`linters.similarity.MemoryCorpus`, `MemoryPublished`).
    """

    text: str
    network: str = "telegram"
    kind: str = "text"
    language: str | None = None
    options: Mapping[str, object] = field(default_factory=dict)
    channel: str | None = None
    direction: str | None = None
    media: tuple[MediaRef, ...] = ()
    samples: tuple[str, ...] = ()  # named media files (`linters.media.samples`), made on use
    note: str = ""
    logo_basis: str | None = None
    event: str | None = None
    plan: tuple[PlanItem, ...] = ()  # the office's plan the example is linted against
    logos: tuple[str, ...] = ()  # sample names of the office's [brand] logos
    channels: tuple[ChannelView, ...] = ()  # the office's channels (`channel` names one)
    siblings: tuple[Example, ...] = ()
    corpus: tuple[CorpusEntry, ...] = ()
    published: tuple[PublishedPost, ...] = ()

    def office(self) -> OfficeView | None:
        """The office to lint this example in, when it needs a plan or logos; None: the default."""
        if not self.plan and not self.logos and not self.channels:
            return None
        from linters.media.samples import sample_path

        return OfficeView(
            plan={item.key: item for item in self.plan},
            logos=tuple((str(sample_path(name)), "") for name in self.logos),
            channels={c.id: c for c in self.channels},
        )

    def sibling_subjects(self) -> tuple[Subject, ...]:
        return tuple(e.subject() for e in self.siblings)

    def subject(self) -> Subject:
        media = self.media
        if self.samples:
            from linters.media.samples import sample

            media = (*media, *(sample(name) for name in self.samples))
        return Subject(
            text=self.text,
            network=self.network,
            kind=self.kind,
            language=self.language,
            options=dict(self.options),
            channel=self.channel,
            direction=self.direction,
            media=media,
            logo_basis=self.logo_basis,
            event=self.event,
        )


class Rule(ABC):
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    networks: ClassVar[frozenset[str] | None] = None  # None: every network
    kinds: ClassVar[frozenset[str] | None] = None  # None: every kind
    Settings: ClassVar[type[RuleSettings]] = NoSettings
    doc: ClassVar[RuleDoc]
    message: ClassVar[Text]
    must_flag: ClassVar[tuple[Example, ...]]
    must_pass: ClassVar[tuple[Example, ...]]

    def __init__(self, settings: RuleSettings | None = None) -> None:
        self.settings = settings if settings is not None else self.Settings()

    def applies_to(self, subject: Subject) -> bool:
        return (self.networks is None or subject.network in self.networks) and (
            self.kinds is None or subject.kind in self.kinds
        )

    @abstractmethod
    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        """Yield the findings for `subject`. Never raise for bad input: report it."""

    def finding(
        self,
        *,
        message: Text | None = None,
        severity: Severity | None = None,
        span: tuple[int, int] | None = None,
        media: str | None = None,
        region: tuple[int, int, int, int] | None = None,
        time: tuple[float, float] | None = None,
        evidence: Mapping[str, object] | None = None,
        **params: object,
    ) -> Finding:
        return Finding(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            message=message or self.message,
            params=params,
            span=span,
            media=media,
            region=region,
            time=time,
            evidence=dict(evidence or {}),
        )


@dataclass(frozen=True)
class WeekExample(Example):
    """A week that a week rule must flag (or pass). `text` names the example in test failures
    (`arna rule CODE` shows the week itself, `linters.week.describe`); `language` is the language
    of the posts' texts the rule reads (kk or ru)."""

    week: ChannelWeek | None = None

    def channel_week(self) -> ChannelWeek:
        if self.week is None:
            raise ValueError("a WeekExample needs its week")
        return self.week


class WeekRule(Rule):
    """A rule that looks at a whole week of one channel (S501–S506), not at one post.

    It is registered, configured, documented and waived like any rule; the engine never runs it on
    a single post (`applies_to` is False) but on each `ChannelWeek` it is given
    (`Engine.lint_week`). Its examples are `WeekExample`s.
    """

    def applies_to(self, subject: Subject) -> bool:
        return False

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        return ()

    @abstractmethod
    def check_week(self, week: ChannelWeek, ctx: LintContext) -> Iterable[WeekFinding]:
        """Yield the findings of `week`, each on a post of `week.posts` or on a plan item of
        `week.events`. Never raise for odd data: report what can be judged."""

    def on_post(self, post: WeekPost, **kwargs: object) -> WeekFinding:
        return WeekFinding(self.finding(**kwargs), post_id=post.post_id)  # type: ignore[arg-type]

    def on_plan(self, event: WeekEvent, **kwargs: object) -> WeekFinding:
        return WeekFinding(self.finding(**kwargs), plan=event.key)  # type: ignore[arg-type]
