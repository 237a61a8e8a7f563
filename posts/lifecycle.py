"""The post lifecycle of DESIGN.md, enforced in one place.

Every change of a post's status goes through `apply`, which does one conditional UPDATE guarded by
the expected status and version (so two people or two workers can never both win), and appends an
AuditEvent in the same transaction. Content edits go through `edit`, which revokes approvals.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from enum import StrEnum

from sqlalchemy import update
from sqlmodel import Session, col, select

from posts.content import content_hash
from posts.errors import LifecycleError, NotFoundError
from posts.i18n import Text
from posts.models import Approval, AuditEvent, Post, PostMedia, Story
from posts.types import utcnow
from posts.vocab import PostStatus as S


class Action(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT = "reject"
    SCHEDULE = "schedule"
    EDIT = "edit"
    CLAIM = "claim"
    MARK_SENT = "mark_sent"
    MARK_FAILED = "mark_failed"
    MARK_AMBIGUOUS = "mark_ambiguous"
    RETRY = "retry"
    RECONCILE = "reconcile"
    CONFIRM_SENT = "confirm_sent"
    SEND_AGAIN = "send_again"
    BLOCK = "block"  # the send-time lint found an unwaived error, or the payload cannot be made
    MISS = "miss"  # the post was due longer ago than the maximum lateness
    CANCEL = "cancel"


A = Action
TRANSITIONS: Mapping[tuple[S, Action], S] = {
    (S.DRAFT, A.SUBMIT): S.IN_REVIEW,
    (S.IN_REVIEW, A.APPROVE): S.APPROVED,
    (S.IN_REVIEW, A.REJECT): S.DRAFT,
    (S.APPROVED, A.SCHEDULE): S.SCHEDULED,
    (S.DRAFT, A.EDIT): S.DRAFT,
    (S.IN_REVIEW, A.EDIT): S.IN_REVIEW,
    (S.APPROVED, A.EDIT): S.IN_REVIEW,
    (S.SCHEDULED, A.EDIT): S.IN_REVIEW,
    (S.FAILED, A.EDIT): S.IN_REVIEW,
    (S.SCHEDULED, A.CLAIM): S.SENDING,
    (S.SENDING, A.MARK_SENT): S.SENT,
    (S.SENDING, A.MARK_FAILED): S.FAILED,
    (S.SENDING, A.MARK_AMBIGUOUS): S.NEEDS_CHECK,
    (S.SENDING, A.RETRY): S.SCHEDULED,
    (S.SENDING, A.RECONCILE): S.NEEDS_CHECK,
    (S.NEEDS_CHECK, A.CONFIRM_SENT): S.SENT,
    (S.NEEDS_CHECK, A.SEND_AGAIN): S.SCHEDULED,
    (S.FAILED, A.SEND_AGAIN): S.SCHEDULED,  # the cause was fixed (a right granted, a waiver)
    (S.SCHEDULED, A.BLOCK): S.FAILED,
    (S.SCHEDULED, A.MISS): S.NEEDS_CHECK,
    (S.DRAFT, A.CANCEL): S.CANCELLED,
    (S.IN_REVIEW, A.CANCEL): S.CANCELLED,
    (S.APPROVED, A.CANCEL): S.CANCELLED,
    (S.SCHEDULED, A.CANCEL): S.CANCELLED,
    (S.FAILED, A.CANCEL): S.CANCELLED,
    (S.NEEDS_CHECK, A.CANCEL): S.CANCELLED,
}

#: Statuses in which the post's content may be edited.
EDITABLE: frozenset[S] = frozenset(s for (s, a) in TRANSITIONS if a is A.EDIT)
#: Statuses that need an approval valid for the current content.
APPROVED_STATES: frozenset[S] = frozenset({S.APPROVED, S.SCHEDULED, S.SENDING, S.SENT})
#: Actions that need an approval valid for the current content before they run.
NEEDS_APPROVAL: frozenset[Action] = frozenset({A.SCHEDULE, A.CLAIM, A.SEND_AGAIN})
#: Actions that must say why.
NEEDS_REASON: frozenset[Action] = frozenset(
    {A.REJECT, A.MARK_FAILED, A.MARK_AMBIGUOUS, A.BLOCK, A.MISS}
)

ILLEGAL = Text(
    kk="#{id} жарияланым «{status}» күйінде: «{action}» әрекеті тек мына күйлерден рұқсат: {allowed}.",
    ru="Публикация #{id} в состоянии «{status}»: действие «{action}» допустимо только из: {allowed}.",
    en="Post #{id} is {status}: '{action}' is allowed only from: {allowed}.",
)
ILLEGAL_FIX = Text(
    kk="`arna queue show {id}` арқылы күйін қараңыз.",
    ru="Посмотрите состояние: `arna queue show {id}`.",
    en="See its state with `arna queue show {id}`.",
)
SELF_APPROVAL = Text(
    kk="#{id} жарияланымның авторы {actor}: ешкім өз жарияланымын мақұлдай алмайды.",
    ru="{actor} — автор публикации #{id}: никто не утверждает свои публикации.",
    en="{actor} wrote post #{id}: nobody approves their own post.",
)
SELF_APPROVAL_FIX = Text(
    kk="Басқа редактордан мақұлдауды сұраңыз.",
    ru="Попросите утвердить другого редактора.",
    en="Ask another editor to approve it.",
)
NOT_APPROVED = Text(
    kk="#{id} жарияланымның қазіргі мазмұны мақұлданбаған.",
    ru="Текущее содержание публикации #{id} не утверждено.",
    en="The current content of post #{id} is not approved.",
)
NOT_APPROVED_FIX = Text(
    kk="Редактор оны қайта қарап, мақұлдауы керек.",
    ru="Редактор должен проверить и утвердить её заново.",
    en="An editor must review and approve it again.",
)
NO_TIME = Text(
    kk="#{id} жарияланымның жариялау уақыты жоқ.",
    ru="У публикации #{id} нет времени публикации.",
    en="Post #{id} has no publication time.",
)
NO_TIME_FIX = Text(
    kk="Уақытты көрсетіңіз немесе арнаның бос слотын таңдаңыз.",
    ru="Укажите время или выберите свободный слот канала.",
    en="Set a time, or pick a free slot of the channel.",
)
REASON_REQUIRED = Text(
    kk="«{action}» әрекеті себепті талап етеді.",
    ru="Для действия «{action}» нужна причина.",
    en="'{action}' needs a reason.",
)
REASON_FIX = Text(kk="Себебін жазыңыз.", ru="Укажите причину.", en="Give the reason.")
STALE = Text(
    kk="#{id} жарияланымды осы уақытта басқа біреу өзгертті.",
    ru="Публикацию #{id} только что изменил кто-то другой.",
    en="Somebody else changed post #{id} just now.",
)
STALE_FIX = Text(
    kk="Жаңартып, қайталап көріңіз.", ru="Обновите и повторите.", en="Reload it and try again."
)
NOT_EDITABLE = Text(
    kk="#{id} жарияланым «{status}» күйінде, оны өзгертуге болмайды.",
    ru="Публикация #{id} в состоянии «{status}», её нельзя изменить.",
    en="Post #{id} is {status} and can no longer be edited.",
)
POST_NOT_FOUND = Text(
    kk="#{id} жарияланым табылмады.",
    ru="Публикация #{id} не найдена.",
    en="There is no post #{id}.",
)
POST_NOT_FOUND_FIX = Text(
    kk="`arna queue list` тізімін қараңыз.",
    ru="Посмотрите список: `arna queue list`.",
    en="See `arna queue list`.",
)


def allowed_actions(status: S | str) -> list[Action]:
    return [a for (s, a) in TRANSITIONS if s == S(status)]


def target_status(status: S | str, action: Action) -> S:
    """The status `action` leads to from `status`; raises ValueError if it is not allowed."""
    try:
        return TRANSITIONS[(S(status), action)]
    except KeyError:
        raise ValueError(f"{action} is not allowed from {status}") from None


def get_post(session: Session, post_id: int) -> Post:
    post = session.get(Post, post_id)
    if post is None:
        raise NotFoundError.of(POST_NOT_FOUND, fix=POST_NOT_FOUND_FIX, id=post_id)
    return post


def media_of(session: Session, post_id: int) -> list[tuple[str, str | None]]:
    rows = session.exec(
        select(PostMedia).where(PostMedia.post_id == post_id).order_by(col(PostMedia.position))
    ).all()
    return [(row.media_sha256, row.alt_text) for row in rows]


def valid_approval(session: Session, post: Post) -> Approval | None:
    """The unrevoked approval given for exactly the post's current content, if any."""
    return session.exec(
        select(Approval).where(
            Approval.post_id == post.id,
            Approval.content_hash == post.content_hash,
            col(Approval.revoked_at).is_(None),
        )
    ).first()


def create_post(
    session: Session,
    *,
    story: Story,
    network: str,
    channel: str | None,
    kind: str,
    text: str,
    author: str,
    media: Sequence[tuple[str, str | None]] = (),
    options: Mapping[str, object] | None = None,
    now: datetime | None = None,
    **fields: object,
) -> Post:
    """A new post in `draft`, with its media and its first audit event."""
    now = now or utcnow()
    post = Post(
        story_id=story.id,
        office=story.office,
        network=network,
        channel=channel,
        kind=kind,
        text=text,
        options=dict(options or {}),
        author=author,
        status=S.DRAFT,
        content_hash=content_hash(
            text=text, network=network, channel=channel, kind=kind, media=media, options=options
        ),
        created_at=now,
        updated_at=now,
        **fields,
    )
    session.add(post)
    session.flush()
    _replace_media(session, post.id, media)
    session.add(
        AuditEvent(post_id=post.id, actor=author, action="create", to_status=S.DRAFT, at=now)
    )
    session.flush()
    return post


def apply(
    session: Session,
    post: Post,
    action: Action,
    actor: str,
    *,
    reason: str | None = None,
    now: datetime | None = None,
    updates: Mapping[str, object] | None = None,
) -> Post:
    """Move `post` along `action`, or raise LifecycleError and change nothing."""
    now = now or utcnow()
    current = S(post.status)
    if (current, action) not in TRANSITIONS:
        allowed = sorted({s.value for (s, a) in TRANSITIONS if a is action})
        raise LifecycleError.of(
            ILLEGAL,
            fix=ILLEGAL_FIX,
            id=post.id,
            status=current.value,
            action=action.value,
            allowed=", ".join(allowed),
        )
    if action in NEEDS_REASON and not (reason and reason.strip()):
        raise LifecycleError.of(REASON_REQUIRED, fix=REASON_FIX, action=action.value)
    if action is A.APPROVE and actor == post.author:
        raise LifecycleError.of(SELF_APPROVAL, fix=SELF_APPROVAL_FIX, id=post.id, actor=actor)
    if action in NEEDS_APPROVAL and valid_approval(session, post) is None:
        raise LifecycleError.of(NOT_APPROVED, fix=NOT_APPROVED_FIX, id=post.id)
    if action is A.SCHEDULE and post.scheduled_at is None:
        raise LifecycleError.of(NO_TIME, fix=NO_TIME_FIX, id=post.id)
    return _move(session, post, action, actor, TRANSITIONS[(current, action)], reason, now, updates)


def _move(
    session: Session,
    post: Post,
    action: Action | str,
    actor: str,
    to: S,
    reason: str | None,
    now: datetime,
    updates: Mapping[str, object] | None,
) -> Post:
    values: dict[str, object] = {
        "status": to.value,
        "version": Post.version + 1,
        "updated_at": now,
        **(updates or {}),
    }
    result = session.execute(
        update(Post)
        .where(
            col(Post.id) == post.id,
            col(Post.version) == post.version,
            col(Post.status) == post.status,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise LifecycleError.of(STALE, fix=STALE_FIX, id=post.id)
    session.add(
        AuditEvent(
            post_id=post.id,
            actor=actor,
            action=str(action),
            from_status=post.status,
            to_status=to.value,
            reason=reason,
            at=now,
        )
    )
    session.flush()
    session.refresh(post)
    return post


def approve(session: Session, post: Post, approver: str, *, now: datetime | None = None) -> Post:
    """Approve the current content; the approval is bound to its hash."""
    now = now or utcnow()
    apply(session, post, A.APPROVE, approver, now=now)
    session.add(
        Approval(post_id=post.id, approver=approver, content_hash=post.content_hash, created_at=now)
    )
    session.flush()
    return post


def edit(
    session: Session,
    post: Post,
    actor: str,
    *,
    text: str | None = None,
    media: Sequence[tuple[str, str | None]] | None = None,
    options: Mapping[str, object] | None = None,
    reason: str | None = None,
    now: datetime | None = None,
) -> Post:
    """Change the content. A real change returns the post to in_review and revokes approvals."""
    now = now or utcnow()
    if S(post.status) not in EDITABLE:
        raise LifecycleError.of(NOT_EDITABLE, fix=ILLEGAL_FIX, id=post.id, status=post.status)
    new_text = post.text if text is None else text
    new_media = media_of(session, post.id) if media is None else list(media)
    new_options = dict(post.options) if options is None else dict(options)
    new_hash = content_hash(
        text=new_text,
        network=post.network,
        channel=post.channel,
        kind=post.kind,
        media=new_media,
        options=new_options,
    )
    if new_hash == post.content_hash:
        return post
    _revoke_approvals(session, post, now, reason="content changed")
    if media is not None:
        _replace_media(session, post.id, new_media)
    return _move(
        session,
        post,
        A.EDIT,
        actor,
        TRANSITIONS[(S(post.status), A.EDIT)],
        reason,
        now,
        {"text": new_text, "options": new_options, "content_hash": new_hash},
    )


def reschedule(
    session: Session, post: Post, when: datetime, actor: str, *, now: datetime | None = None
) -> Post:
    """Move the publication time. Time is not content, so approvals stay."""
    if S(post.status) not in {S.DRAFT, S.IN_REVIEW, S.APPROVED, S.SCHEDULED}:
        raise LifecycleError.of(NOT_EDITABLE, fix=ILLEGAL_FIX, id=post.id, status=post.status)
    return _move(
        session,
        post,
        "reschedule",
        actor,
        S(post.status),
        None,
        now or utcnow(),
        {"scheduled_at": when},
    )


def claim(session: Session, post: Post, worker: str, *, now: datetime | None = None) -> bool:
    """The publish claim of DESIGN.md: True only for the one caller whose update changed the row."""
    now = now or utcnow()
    try:
        apply(
            session,
            post,
            A.CLAIM,
            worker,
            now=now,
            updates={"attempt": Post.attempt + 1, "claimed_by": worker, "claimed_at": now},
        )
    except LifecycleError:
        return False
    return True


#: Fields the scheduler keeps for itself: changing them changes neither status nor content.
BOOKKEEPING = frozenset({"not_before", "check_after", "last_error"})


def bookkeep(session: Session, post: Post, **fields: object) -> Post:
    """Set scheduler bookkeeping fields (no status change, no audit event, no new version)."""
    unknown = set(fields) - BOOKKEEPING
    if unknown:
        raise ValueError(f"not bookkeeping fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(post, name, value)
    session.add(post)
    session.flush()
    return post


def _revoke_approvals(session: Session, post: Post, now: datetime, reason: str) -> None:
    session.execute(
        update(Approval)
        .where(col(Approval.post_id) == post.id, col(Approval.revoked_at).is_(None))
        .values(revoked_at=now, revoked_reason=reason)
        .execution_options(synchronize_session=False)
    )


def _replace_media(
    session: Session, post_id: int | None, media: Sequence[tuple[str, str | None]]
) -> None:
    for row in session.exec(select(PostMedia).where(PostMedia.post_id == post_id)).all():
        session.delete(row)
    session.flush()
    for position, (sha, alt) in enumerate(media):
        session.add(PostMedia(post_id=post_id, position=position, media_sha256=sha, alt_text=alt))
    session.flush()
