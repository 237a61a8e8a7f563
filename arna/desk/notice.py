"""The editors' Telegram notice when a post is submitted for review: the story, the network, how
many errors and warnings the linter found, and the link to the post on the desk.

It goes through the bot of the office's first connected Telegram channel to the chat named by
`[schedule] editors_chat_env`; without either, nothing is sent. The desk's address comes from
`arna serve --public-url` (else the address the request came to). A notice that cannot go out is
logged; the submission stands.
"""

from __future__ import annotations

import logging

from channels.registry import build_adapter
from channels.telegram import TelegramChannel
from posts.config import Config
from posts.i18n import Lang, Text
from scheduler.notify import editors_chat

log = logging.getLogger("arna.desk")

SUBMITTED = Text(
    kk="📝 Тексеруге жаңа жарияланым: #{id}, «{story}» сюжеті, {network} ({channel}).\nҚателер: {errors}, ескертулер: {warnings}.\n{url}",
    ru="📝 Новая публикация на проверку: #{id}, сюжет «{story}», {network} ({channel}).\nОшибок: {errors}, предупреждений: {warnings}.\n{url}",
    en="📝 A post to review: #{id}, story «{story}», {network} ({channel}).\nErrors: {errors}, warnings: {warnings}.\n{url}",
)


def telegram_bot(config: Config) -> TelegramChannel | None:
    """The first connected Telegram channel with a token, to send notices through."""
    for index, channel in enumerate(config.channels):
        if channel.network == "telegram" and channel.deliver == "network" and channel.enabled:
            adapter = build_adapter(config, channel, index)
            if isinstance(adapter, TelegramChannel) and adapter.token:
                return adapter
            adapter.close()
    return None


def send_submitted(
    config: Config,
    *,
    post_id: int,
    story: str,
    network: str,
    channel: str,
    errors: int,
    warnings: int,
    url: str,
) -> bool:
    chat = editors_chat(config)
    if chat is None:
        return False
    bot = telegram_bot(config)
    if bot is None:
        return False
    lang: Lang = config.office.ui_language or "kk"  # type: ignore[assignment]
    text = SUBMITTED.format(lang, id=post_id, story=story, network=network, channel=channel,
                            errors=errors, warnings=warnings, url=url)  # fmt: skip
    try:
        bot.send_notice(chat, text)
        return True
    except Exception as e:  # the submission stands; the notice is only a courtesy
        log.warning("the editors' notice about post %s was not sent: %s", post_id, e)
        return False
    finally:
        bot.close()
