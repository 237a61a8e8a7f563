"""Notices to the office's editors' chat in Telegram: a post failed, or needs a person to check it.

The chat id comes from the environment variable `[schedule] editors_chat_env` names; the notice
goes through the bot of the office's first connected Telegram channel. Notices are in the office's
interface language. Without a chat or a bot, there is nothing to send and nothing is sent.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from posts.config import Config
from posts.i18n import Text
from scheduler.reasons import render

FAILED = Text(
    kk="❌ #{id} ({channel}) жарияланбады: {reason}\nТүзетіп, қайта жіберіңіз: arna confirm {id} resend, немесе жазбаны өзгертіңіз.",
    ru="❌ #{id} ({channel}) не опубликован: {reason}\nИсправьте причину и отправьте снова (arna confirm {id} resend) или измените пост.",
    en="❌ #{id} ({channel}) was not published: {reason}\nFix the cause and send it again (arna confirm {id} resend), or edit the post.",
)
NEEDS_CHECK = Text(
    kk="⚠️ #{id} ({channel}) шықты ма, белгісіз: {reason}\nАрнаны қарап, белгілеңіз: arna confirm {id} sent --url … немесе arna confirm {id} resend.",
    ru="⚠️ Неизвестно, вышел ли #{id} ({channel}): {reason}\nПроверьте канал и отметьте: arna confirm {id} sent --url … или arna confirm {id} resend.",
    en="⚠️ Unknown whether #{id} ({channel}) went out: {reason}\nLook at the channel and record it: arna confirm {id} sent --url … or arna confirm {id} resend.",
)

Send = Callable[[str, str], None]


def notice(lang: str, post_id: int, channel: str, status: str, reason: str) -> str:
    template = FAILED if status == "failed" else NEEDS_CHECK
    said = render(reason, lang)  # type: ignore[arg-type]
    return template.format(lang, id=post_id, channel=channel, reason=said)  # type: ignore[arg-type]


def editors_chat(config: Config) -> str | None:
    env = config.schedule.editors_chat_env
    value = os.environ.get(env, "").strip() if env else ""
    return value or None


def make_notifier(
    config: Config, send: Send | None, channel_of: Callable[[int], str]
) -> Callable[[int, str, str], None] | None:
    """The publisher's `notify`: a notice per failed or unsure post, or None without a chat."""
    chat = editors_chat(config)
    if chat is None or send is None:
        return None
    lang = config.office.ui_language or "kk"

    def notify(post_id: int, status: str, reason: str) -> None:
        send(chat, notice(lang, post_id, channel_of(post_id), status, reason))

    return notify
