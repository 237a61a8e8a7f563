"""The shape of a network's published limits. The values live in `channels.limits`.

The type lives in `posts` so that the linter's P rules can read limits handed to them without
importing `channels` (DESIGN.md: linters and channels both depend on posts, not on each other);
the command on top passes `channels.limits.LIMITS` into the linter.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NetworkLimits:
    network: str
    text_max: int | None = None  # characters of a text post (weighted on X)
    caption_max: int | None = None  # characters of a media caption
    weighted_length: bool = False  # X: twitter-text v3 weights
    title_max: int | None = None  # YouTube title characters
    description_max_bytes: int | None = None  # YouTube description, UTF-8 bytes
    album_min: int | None = None
    album_max: int | None = None
    max_photos: int | None = None
    max_videos: int | None = None
    max_attachments: int | None = None
    max_gifs: int | None = None  # X: one GIF
    max_documents: int | None = None  # VK: one file
    mixed_media: bool = True  # photos, GIFs and videos may share one post (X: they may not)
    documents_alone: bool = False  # Telegram: documents group only with documents
    media_kinds: tuple[str, ...] | None = None  # MediaKind values the network takes; None: any
    needs_media: bool = False
    hashtags_max: int | None = None  # hard limit (Instagram 30)
    hashtags_soft: int | None = None  # advice (Telegram 5, Facebook 5, X 2, VK 10)
    photo_max_bytes: int | None = None
    photo_max_sides_sum: int | None = None  # width + height
    photo_max_ratio: float | None = None  # long side / short side
    photo_min_ratio_w_h: float | None = None  # Instagram 4:5 = 0.8
    photo_max_ratio_w_h: float | None = None  # Instagram 1.91
    photo_formats: tuple[str, ...] | None = None  # MIME types, None: any image
    video_max_bytes: int | None = None
    video_max_bytes_self_hosted: int | None = None
    video_min_seconds: float | None = None
    video_max_seconds: float | None = None
    poll_question_max: int | None = None
    poll_options_min: int | None = None
    poll_options_max: int | None = None
    poll_option_max: int | None = None
    alt_text: bool = False  # the network takes alt text for photos
    source: str = "PLATFORMS.md, November 2026"
