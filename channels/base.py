"""The one interface every network adapter implements (DESIGN.md, "Publishing").

An adapter turns a post into the network's payload (`render`, which sends nothing and can be
inspected), sends a payload (`publish`), says what a failure means (`PublishError.outcome`),
checks its own health, and, where the network lets it look, finds out whether a post whose send
had an unknown outcome went out (`confirm`). The scheduler does the rest: claiming, retrying and
recording. Adapters never touch the database.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from posts.i18n import Text
from posts.platform import NetworkLimits


@dataclass(frozen=True)
class MediaFile:
    """One media file of a post, as kept in the media store."""

    path: Path
    sha256: str
    mime: str
    kind: str  # posts.vocab.MediaKind
    alt_text: str | None = None


@dataclass(frozen=True)
class OutgoingPost:
    """What an adapter needs of a post: its content, never its database row."""

    post_id: int
    network: str
    channel: str
    kind: str  # posts.vocab.PostKind
    text: str
    media: tuple[MediaFile, ...] = ()
    options: Mapping[str, object] = field(default_factory=dict)
    content_hash: str = ""
    language: str | None = None


@dataclass(frozen=True)
class Step:
    """One API call of a payload: the method and its parameters (media by position)."""

    method: str
    params: Mapping[str, object]
    media: tuple[int, ...] = ()  # indexes into Payload.media


@dataclass(frozen=True)
class Payload:
    """The network payload of one post: the calls that publish it, in order.

    It holds no secret, so it can be shown, written to the outbox, or compared with what a network
    holds. The first step creates the post; later ones complete it (pin it, add a long text as a
    reply).
    """

    post_id: int
    network: str
    channel: str
    target: str
    steps: tuple[Step, ...]
    media: tuple[MediaFile, ...] = ()
    content_hash: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            "post_id": self.post_id,
            "network": self.network,
            "channel": self.channel,
            "target": self.target,
            "content_hash": self.content_hash,
            "steps": [
                {"method": s.method, "params": dict(s.params), "media": list(s.media)}
                for s in self.steps
            ],
            "media": [
                {"sha256": m.sha256, "mime": m.mime, "kind": m.kind, "alt_text": m.alt_text}
                for m in self.media
            ],
        }

    def dumps(self) -> str:
        return json.dumps(self.as_json(), ensure_ascii=False, indent=2, sort_keys=True)


@dataclass(frozen=True)
class Rate:
    """At most `count` messages in any `seconds` window."""

    count: int
    seconds: float


@dataclass(frozen=True)
class Delivered:
    """Where a published post lives on its network."""

    external_id: str
    url: str | None = None


class Outcome(StrEnum):
    """What a failed send means for the post (DESIGN.md, "Publishing", step 3)."""

    RETRY = "retry"  # provably not delivered; may go again after `retry_after`
    PERMANENT = "permanent"  # provably not delivered; sending again would fail the same way
    AMBIGUOUS = "ambiguous"  # may have been delivered: never retried automatically


class PublishError(Exception):
    """A send that did not succeed. `message` is the platform's own words (never a secret)."""

    def __init__(
        self,
        outcome: Outcome,
        message: str,
        *,
        code: str = "",
        retry_after: float | None = None,
        delivered: Delivered | None = None,
    ) -> None:
        super().__init__(message)
        self.outcome = outcome
        self.message = message
        self.code = code  # a short machine-readable kind, e.g. "chat_not_found", "timeout"
        self.retry_after = retry_after
        # a post that went out but whose follow-up step failed (a pin, say) is still delivered
        self.delivered = delivered


class Confirmation(StrEnum):
    SENT = "sent"  # found on the network
    NOT_SENT = "not_sent"  # provably absent: safe to send again
    UNKNOWN = "unknown"  # cannot tell: a person decides


@dataclass(frozen=True)
class Checked:
    """The answer of `ChannelAdapter.confirm`."""

    status: Confirmation
    delivered: Delivered | None = None
    how: str = ""  # what was looked at, for the audit trail
    retry_after: float | None = None  # UNKNOWN for now (rate limit, network away): ask again


@dataclass(frozen=True)
class Health:
    """A channel's health: `problems` are plain-language, trilingual, each with the fix."""

    ok: bool
    problems: tuple[Text, ...] = ()
    details: Mapping[str, object] = field(default_factory=dict)


class ChannelAdapter(ABC):
    """A network behind the one interface. Built once per channel and reused for every post."""

    network: str

    def __init__(self, channel_id: str, target: str, limits: NetworkLimits) -> None:
        self.channel_id = channel_id
        self.target = target
        self.limits = limits

    @abstractmethod
    def render(self, post: OutgoingPost) -> Payload:
        """The payload for `post`. Raises RenderError when the post cannot go to this network."""

    @abstractmethod
    def publish(self, payload: Payload) -> Delivered:
        """Send `payload`. Raises PublishError on failure, with its outcome classified."""

    @abstractmethod
    def check(self) -> Health:
        """Whether the channel can publish now (token valid, rights in the channel)."""

    def rates(self) -> dict[str, Rate]:
        """The windows a send must fit in, by key (a key shared by channels is a shared limit).
        None by default: a folder has no rate limit."""
        return {}

    def cost(self, payload: Payload) -> int:
        """How many messages `payload` counts for against the rates."""
        return 1

    def confirm(self, payload: Payload, after: Delivered | None) -> Checked:
        """Whether `payload` went out, for a post whose send had an unknown outcome.

        `after` is the channel's last post known to be delivered before it. The default cannot
        look: a person decides.
        """
        return Checked(Confirmation.UNKNOWN)

    def close(self) -> None:  # noqa: B027 - optional: most adapters hold nothing to release
        """Release connections."""


class RenderError(ValueError):
    """The post cannot be rendered for the network; `text` says why and how to fix it."""

    def __init__(self, text: Text, **values: object) -> None:
        super().__init__(text.en.format(**values))
        self.text = text
        self.values = values
