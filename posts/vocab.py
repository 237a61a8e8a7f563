"""The closed vocabularies of the domain: networks, post kinds, statuses, directions, projects."""

from __future__ import annotations

from enum import StrEnum


class Network(StrEnum):
    TELEGRAM = "telegram"
    INSTAGRAM = "instagram"
    FACEBOOK = "facebook"
    VK = "vk"
    OK = "ok"
    X = "x"
    YOUTUBE = "youtube"
    OUTBOX = "outbox"  # the file channel: writes rendered payloads into a folder


#: Networks a draft may target. The outbox is a channel, never a draft's network.
DRAFT_NETWORKS: tuple[str, ...] = tuple(n.value for n in Network if n is not Network.OUTBOX)


class PostKind(StrEnum):
    TEXT = "text"
    PHOTO = "photo"
    ALBUM = "album"
    VIDEO = "video"
    INFOGRAPHIC = "infographic"
    POLL = "poll"
    ANNOUNCEMENT = "announcement"
    DOCUMENT = "document"


class PostStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    NEEDS_CHECK = "needs_check"
    CANCELLED = "cancelled"


class MediaKind(StrEnum):
    IMAGE = "image"
    VIDEO = "video"
    DOCUMENT = "document"


class Scale(StrEnum):
    LOCAL = "local"
    REGIONAL = "regional"
    REPUBLICAN = "republican"
    INTERNATIONAL = "international"


class Audience(StrEnum):
    POPULAR = "popular"
    OWN = "own"


#: The six directions of the programme, as ids (DESIGN.md, Draft files).
DIRECTIONS: tuple[str, ...] = (
    "knowledge",
    "open-mind",
    "pragmatism",
    "competitiveness",
    "national-identity",
    "evolution",
)

#: The special projects of the two seed documents, as ids.
SPECIAL_PROJECTS: tuple[str, ...] = (
    "100-textbooks",
    "tugan-zher",
    "sacred-geography",
    "modern-culture",
    "100-new-faces",
    "latin-alphabet",
    "auyl-el-besigi",
    "unem",
    "dastur-men-guryp",
    "enbek",
    "kukyktyk-madeniet",
)

LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")
