"""Adapters for a workspace's channels, built from config.toml.

A network without an adapter yet (issue 7) can still be rehearsed: with `deliver = "outbox"` its
posts are written to the outbox as they are. Sending to it is refused with a plain message.
"""

from __future__ import annotations

import os
from pathlib import Path

from channels.base import ChannelAdapter, OutgoingPost, Payload
from channels.limits import LIMITS
from channels.outbox import OutboxChannel, OutboxDelivery
from channels.telegram import TelegramChannel
from channels.telegram_render import TelegramStyle
from posts.config import Channel, Config
from posts.errors import ConfigError, Location, Problem
from posts.i18n import Text
from posts.platform import NetworkLimits

NO_ADAPTER = Text(
    kk='{network} желісіне жариялау әзірге жоқ ({channel} арнасы). Арнаға deliver = "outbox" қойыңыз: жазбалар outbox қалтасына жазылады.',
    ru='Публикация в сеть {network} пока не поддерживается (канал {channel}). Задайте каналу deliver = "outbox": посты будут записываться в папку outbox.',
    en='Publishing to {network} is not supported yet (channel {channel}). Set deliver = "outbox" on the channel: its posts are then written to the outbox folder.',
)
DEFAULT_OUTBOX = "outbox"


class AsItIs(ChannelAdapter):
    """Renders a post for a network that has no adapter yet: the post as it is."""

    def __init__(self, channel_id: str, target: str, limits: NetworkLimits, network: str):
        super().__init__(channel_id, target, limits)
        self.network = network
        self._outbox = OutboxChannel(channel_id, Path(), limits)

    def render(self, post: OutgoingPost) -> Payload:
        payload = self._outbox.render(post)
        return Payload(
            post_id=payload.post_id,
            network=self.network,
            channel=payload.channel,
            target=self.target,
            steps=payload.steps,
            media=payload.media,
            content_hash=payload.content_hash,
        )

    def publish(self, payload: Payload):  # type: ignore[no-untyped-def]  # never called
        raise NotImplementedError

    def check(self):  # type: ignore[no-untyped-def]
        raise NotImplementedError


def outbox_folder(config: Config) -> Path:
    """The folder of the workspace's outbox channel (the first one), else ./outbox."""
    for channel in config.channels:
        if channel.network == "outbox":
            return config.resolve(channel.target)
    return config.resolve(DEFAULT_OUTBOX)


def build_adapter(config: Config, channel: Channel, index: int = 0) -> ChannelAdapter:
    """The adapter of one channel. Tokens are read from the environment here, and only here."""
    limits = LIMITS.get(str(channel.network), NetworkLimits(network=str(channel.network)))
    if channel.network == "outbox":
        return OutboxChannel(channel.id, config.resolve(channel.target), limits)
    renderer: ChannelAdapter
    if channel.network == "telegram":
        renderer = TelegramChannel(
            channel.id,
            channel.target,
            limits,
            token=channel.credentials() if channel.deliver == "network" else None,
            token_env=channel.credentials_env or "",
            api_base_url=channel.api_base_url,
            style=TelegramStyle(
                long_caption=channel.long_caption, link_preview=channel.link_preview
            ),
            audit_chat=_audit_chat(config),
            per_minute=channel.max_per_minute,
        )
    elif channel.deliver == "outbox":
        renderer = AsItIs(channel.id, channel.target, limits, str(channel.network))
    else:
        raise ConfigError(
            Problem(
                NO_ADAPTER,
                Location(file=config.source, key=f"channels[{index}].deliver"),
                params={"network": str(channel.network), "channel": channel.id},
            )
        )
    if channel.deliver == "outbox":
        return OutboxDelivery(renderer, outbox_folder(config))
    return renderer


def build_adapters(config: Config) -> dict[str, ChannelAdapter]:
    """Every enabled channel's adapter, by channel id."""
    return {c.id: build_adapter(config, c, i) for i, c in enumerate(config.channels) if c.enabled}


def _audit_chat(config: Config) -> str | None:
    for env in (config.schedule.audit_chat_env, config.schedule.editors_chat_env):
        if env and os.environ.get(env, "").strip():
            return os.environ[env].strip()
    return None
