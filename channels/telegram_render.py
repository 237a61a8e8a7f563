"""A post as Telegram Bot API calls (PLATFORMS.md §1), without sending anything.

User text is plain text: it is escaped for HTML parse mode, so `<`, `>` and `&` reach readers as
typed and can never open a tag. Limits come from `channels.limits` (one source of truth with the
linter's P rules).

Kinds: text, photo and infographic (sendPhoto), album (sendMediaGroup, 2-10 items), video,
document, poll (the text first, then the poll as its reply), and announcement (a text with an
optional inline URL button). A caption over the limit is refused, or, where the channel asks for
it (`long_caption = "reply"`), the media go without a caption and the text follows as a reply.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

from channels.base import MediaFile, OutgoingPost, Payload, RenderError, Step
from posts.i18n import Text
from posts.platform import NetworkLimits

#: A step parameter that takes the message id returned by the payload's first step.
FIRST_MESSAGE = "$first_message_id"

TOO_LONG = Text(
    kk='Telegram-да {what} ең көбі {limit} таңба, бұл жазбада {length}. Мәтінді қысқартыңыз немесе арнаға long_caption = "reply" қойыңыз (мәтін медиаға жауап болып кетеді).',
    ru='В Telegram {what} — не больше {limit} символов, а в посте {length}. Сократите текст или задайте каналу long_caption = "reply" (текст уйдёт ответом на медиа).',
    en='Telegram allows at most {limit} characters in a {what}; this post has {length}. Shorten it, or set long_caption = "reply" on the channel (the text then follows the media as a reply).',
)
NO_MEDIA = Text(
    kk="«{kind}» түріндегі жазбаға медиа керек.",
    ru="Посту вида «{kind}» нужны медиафайлы.",
    en='A "{kind}" post needs media.',
)
BAD_ALBUM = Text(
    kk="Telegram альбомында {min}–{max} файл болады, бұл жазбада {count}.",
    ru="В альбоме Telegram от {min} до {max} файлов, а в посте {count}.",
    en="A Telegram album holds {min} to {max} files; this post has {count}.",
)
NO_POLL = Text(
    kk="Сауалнама жазбасында [poll] кестесі жоқ.",
    ru="В посте-опросе нет таблицы [poll].",
    en="The poll post has no [poll] table.",
)
UNKNOWN_KIND = Text(
    kk="Telegram «{kind}» түріндегі жазбаны жібере алмайды.",
    ru="Telegram не умеет отправлять посты вида «{kind}».",
    en='Telegram cannot send a "{kind}" post.',
)


@dataclass(frozen=True)
class TelegramStyle:
    """A channel's sending options that are not part of a post."""

    long_caption: str = "refuse"  # or "reply"
    link_preview: bool = True


def escape(text: str) -> str:
    """Plain text for HTML parse mode: only <, > and & need entities (Bot API, formatting)."""
    return html.escape(text, quote=False)


def render(
    post: OutgoingPost, chat_id: str, limits: NetworkLimits, style: TelegramStyle
) -> Payload:
    common = _common(post.options, style)
    steps = _steps(post, chat_id, limits, style, common)
    if post.options.get("pin"):
        steps.append(
            Step(
                "pinChatMessage",
                {
                    "chat_id": chat_id,
                    "message_id": FIRST_MESSAGE,
                    "disable_notification": bool(post.options.get("silent")),
                },
            )
        )
    return Payload(
        post_id=post.post_id,
        network="telegram",
        channel=post.channel,
        target=chat_id,
        steps=tuple(steps),
        media=post.media,
        content_hash=post.content_hash,
    )


def _common(options: Mapping[str, object], style: TelegramStyle) -> dict[str, object]:
    common: dict[str, object] = {}
    if options.get("silent"):
        common["disable_notification"] = True
    if options.get("protect"):
        common["protect_content"] = True
    return common


def _steps(
    post: OutgoingPost,
    chat_id: str,
    limits: NetworkLimits,
    style: TelegramStyle,
    common: dict[str, object],
) -> list[Step]:
    kind = post.kind
    if kind in ("text", "announcement"):
        return [_message(post, chat_id, limits, style, common)]
    if kind == "poll":
        return _poll(post, chat_id, limits, style, common)
    if kind not in ("photo", "infographic", "video", "document", "album"):
        raise RenderError(UNKNOWN_KIND, kind=kind)
    if not post.media:
        raise RenderError(NO_MEDIA, kind=kind)
    caption_max = limits.caption_max or 1024
    text = post.text.strip()
    reply_text = None
    if len(text) > caption_max:
        if style.long_caption != "reply":
            raise RenderError(TOO_LONG, what="caption", limit=caption_max, length=len(text))
        text, reply_text = "", text
    if kind == "album":
        steps = [_album(post, chat_id, limits, text, common)]
    else:
        method, field = _SINGLE[_single_kind(kind, post.media[0])]
        params: dict[str, object] = {"chat_id": chat_id, **common}
        if text:
            params.update(caption=escape(text), parse_mode="HTML")
        params[field] = "attach://0"
        steps = [Step(method, params, (0,))]
    if reply_text is not None:
        steps.append(_reply(reply_text, chat_id, limits, style, common))
    return steps


_SINGLE = {
    "photo": ("sendPhoto", "photo"),
    "video": ("sendVideo", "video"),
    "document": ("sendDocument", "document"),
}


def _single_kind(kind: str, media: MediaFile) -> str:
    if kind == "document" or media.kind == "document":
        return "document"
    return "video" if media.kind == "video" else "photo"


def _text_params(
    text: str, chat_id: str, limits: NetworkLimits, style: TelegramStyle
) -> dict[str, object]:
    text_max = limits.text_max or 4096
    if len(text) > text_max:
        raise RenderError(TOO_LONG, what="message", limit=text_max, length=len(text))
    params: dict[str, object] = {"chat_id": chat_id, "text": escape(text), "parse_mode": "HTML"}
    if not style.link_preview:
        params["link_preview_options"] = {"is_disabled": True}
    return params


def _message(
    post: OutgoingPost,
    chat_id: str,
    limits: NetworkLimits,
    style: TelegramStyle,
    common: dict[str, object],
) -> Step:
    params = {**_text_params(post.text.strip(), chat_id, limits, style), **common}
    button = post.options.get("button")
    if isinstance(button, Mapping) and button.get("url"):
        params["reply_markup"] = {
            "inline_keyboard": [
                [{"text": str(button.get("text") or ""), "url": str(button["url"])}]
            ]
        }
    return Step("sendMessage", params)


def _reply(
    text: str,
    chat_id: str,
    limits: NetworkLimits,
    style: TelegramStyle,
    common: dict[str, object],
) -> Step:
    params = {**_text_params(text, chat_id, limits, style), **common}
    params["reply_parameters"] = {"message_id": FIRST_MESSAGE}
    return Step("sendMessage", params)


def _album(
    post: OutgoingPost,
    chat_id: str,
    limits: NetworkLimits,
    caption: str,
    common: dict[str, object],
) -> Step:
    low, high = limits.album_min or 2, limits.album_max or 10
    if not low <= len(post.media) <= high:
        raise RenderError(BAD_ALBUM, min=low, max=high, count=len(post.media))
    items: list[dict[str, object]] = []
    for index, media in enumerate(post.media):
        item: dict[str, object] = {
            "type": _single_kind("album", media),
            "media": f"attach://{index}",
        }
        if index == 0 and caption:
            item.update(caption=escape(caption), parse_mode="HTML")
        items.append(item)
    params: dict[str, object] = {"chat_id": chat_id, "media": items, **common}
    return Step("sendMediaGroup", params, tuple(range(len(post.media))))


def _poll(
    post: OutgoingPost,
    chat_id: str,
    limits: NetworkLimits,
    style: TelegramStyle,
    common: dict[str, object],
) -> list[Step]:
    poll = post.options.get("poll")
    if not isinstance(poll, Mapping):
        raise RenderError(NO_POLL)
    question = str(poll.get("question") or "")
    options = [str(o) for o in poll.get("options") or ()]  # type: ignore[attr-defined]
    params: dict[str, object] = {
        "chat_id": chat_id,
        "question": question,
        "options": options,
        "is_anonymous": True,  # channel polls are anonymous
        **common,
    }
    text = post.text.strip()
    if not text:
        return [Step("sendPoll", params)]
    intro = {**_text_params(text, chat_id, limits, style), **common}
    params["reply_parameters"] = {"message_id": FIRST_MESSAGE}
    return [Step("sendMessage", intro), Step("sendPoll", params)]


def plain_text(step: Step) -> str:
    """What a reader sees of a step's text or caption: the escaped text, unescaped."""
    params = step.params
    if step.method == "sendMediaGroup":
        items = params.get("media") or []
        first = items[0] if isinstance(items, list) and items else {}
        value = first.get("caption", "") if isinstance(first, Mapping) else ""
    elif step.method == "sendPoll":
        value = html.escape(str(params.get("question", "")), quote=False)
    else:
        value = params.get("text", params.get("caption", ""))
    return html.unescape(str(value))
