"""Waivers: an editor's recorded decision that one finding may stand on one exact content."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from posts.errors import LifecycleError
from posts.i18n import Text
from posts.models import AuditEvent, Post, Waiver
from posts.types import utcnow

OWN_POST = Text(
    kk="{actor} — #{id} жарияланымның авторы: өз жарияланымыңа рұқсат беруге болмайды.",
    ru="{actor} — автор публикации #{id}: нельзя разрешать исключения для своих публикаций.",
    en="{actor} wrote post #{id}: nobody waives findings on their own post.",
)
OWN_POST_FIX = Text(
    kk="Басқа редактордан сұраңыз.", ru="Попросите другого редактора.", en="Ask another editor."
)
NO_REASON = Text(
    kk="Рұқсаттың себебін жазыңыз.",
    ru="Укажите причину исключения.",
    en="A waiver needs a reason.",
)
NO_REASON_FIX = Text(
    kk='--reason "..." қосыңыз.', ru='Добавьте --reason "...".', en='Add --reason "...".'
)
FINAL = Text(
    kk="#{id} жарияланым «{status}» күйінде: оған рұқсаттың мәні жоқ.",
    ru="Публикация #{id} в состоянии «{status}»: исключение для неё не имеет смысла.",
    en="Post #{id} is {status}: a waiver no longer means anything for it.",
)
WAIVABLE = frozenset({"draft", "in_review", "approved", "scheduled", "failed"})


def waive(
    session: Session,
    post: Post,
    code: str,
    reason: str,
    author: str,
    *,
    now: datetime | None = None,
) -> Waiver:
    """Record a waiver for `code` on the post's current content (a later edit voids it)."""
    now = now or utcnow()
    if post.status not in WAIVABLE:
        raise LifecycleError.of(FINAL, id=post.id, status=post.status)
    if not reason.strip():
        raise LifecycleError.of(NO_REASON, fix=NO_REASON_FIX)
    if author == post.author:
        raise LifecycleError.of(OWN_POST, fix=OWN_POST_FIX, actor=author, id=post.id)
    waiver = Waiver(
        post_id=post.id,
        code=code,
        reason=reason.strip(),
        author=author,
        content_hash=post.content_hash,
        created_at=now,
    )
    session.add(waiver)
    session.add(
        AuditEvent(
            post_id=post.id,
            actor=author,
            action="waive",
            from_status=post.status,
            to_status=post.status,
            reason=f"{code}: {reason.strip()}",
            at=now,
        )
    )
    session.flush()
    return waiver
