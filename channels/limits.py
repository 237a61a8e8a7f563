"""Each network's limits, from ../shared/PLATFORMS.md (November 2026). One source of truth:
the linter's P rules read these, and the adapters (publishing issues) enforce the same numbers.
Every value is a default that `[lint.rules.<code>]` settings can override where the network changes.
"""

from __future__ import annotations

from posts.platform import NetworkLimits

MB = 1000 * 1000
MIB = 1024 * 1024

LIMITS: dict[str, NetworkLimits] = {
    "telegram": NetworkLimits(
        network="telegram",
        text_max=4096,
        caption_max=1024,
        album_min=2,
        album_max=10,
        documents_alone=True,  # PLATFORMS.md §1: documents/audio group only with the same type
        hashtags_soft=5,
        photo_max_bytes=10 * MB,
        photo_max_sides_sum=10000,
        photo_max_ratio=20.0,
        video_max_bytes=50 * MB,
        video_max_bytes_self_hosted=2000 * MB,
        poll_question_max=300,
        poll_options_min=2,
        poll_options_max=12,
        poll_option_max=100,
    ),
    "instagram": NetworkLimits(
        network="instagram",
        text_max=2200,
        caption_max=2200,
        album_min=2,
        album_max=10,
        needs_media=True,
        media_kinds=("image", "video"),  # PLATFORMS.md §4: image_url / video_url containers
        hashtags_max=30,
        photo_max_bytes=8 * MIB,
        photo_min_ratio_w_h=4 / 5,
        photo_max_ratio_w_h=1.91,
        photo_formats=("image/jpeg",),
        video_min_seconds=3.0,
        video_max_seconds=15 * 60.0,
        alt_text=True,
    ),
    "facebook": NetworkLimits(
        network="facebook",
        text_max=63206,
        caption_max=63206,
        media_kinds=("image", "video"),  # PLATFORMS.md §4: /{page-id}/photos and /videos only
        hashtags_soft=5,
        alt_text=True,
    ),
    "vk": NetworkLimits(
        network="vk",
        text_max=16384,
        caption_max=16384,
        max_attachments=10,
        max_documents=1,  # PLATFORMS.md §3 wall.post: ≤10 photos/videos, 1 poll, 1 file
        hashtags_soft=10,
        photo_max_bytes=50 * MB,
        photo_max_sides_sum=14000,
        photo_max_ratio=20.0,
        alt_text=True,
    ),
    "x": NetworkLimits(
        network="x",
        text_max=280,
        caption_max=280,
        weighted_length=True,
        max_photos=4,
        max_videos=1,
        max_gifs=1,  # PLATFORMS.md §5: ≤4 photos or 1 GIF or 1 video, never together
        mixed_media=False,
        media_kinds=("image", "video"),
        hashtags_soft=2,
        photo_max_bytes=5 * MB,
        video_min_seconds=0.5,
        video_max_seconds=20 * 60.0,
        alt_text=True,
    ),
    "youtube": NetworkLimits(
        network="youtube",
        title_max=100,
        description_max_bytes=5000,
        needs_media=True,
        max_videos=1,
        media_kinds=("video",),  # PLATFORMS.md §6: videos.insert uploads one video
        video_max_seconds=None,
    ),
    "ok": NetworkLimits(network="ok"),
    "outbox": NetworkLimits(network="outbox"),
}
