"""The desk's people: accounts, passwords, and who may do what to which post.

Passwords are hashed with Argon2id (argon2-cffi's defaults). Authorisation lives here, next to
the lifecycle, so that the desk and any later client ask the same questions:
- smm: drafts and submits; sees the posts of their office;
- editor: also approves, rejects, waives and schedules, never their own post;
- admin: configuration, and everything an editor may do;
- a national-level account (`national`) sees every office.
"""

from __future__ import annotations

from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, select

from posts.errors import InputError
from posts.i18n import Text
from posts.models import DeskUser, Post
from posts.types import utcnow


class Role(StrEnum):
    SMM = "smm"
    EDITOR = "editor"
    ADMIN = "admin"


_HASHER = PasswordHasher()
MIN_PASSWORD = 10

LOGIN_TAKEN = Text(
    kk="{login} атты пайдаланушы бар.",
    ru="Пользователь {login} уже есть.",
    en="There is already a user {login}.",
)
LOGIN_TAKEN_FIX = Text(
    kk="Басқа ат таңдаңыз.", ru="Выберите другое имя.", en="Choose another login."
)
WEAK_PASSWORD = Text(
    kk="Құпиясөз тым қысқа: кемінде {min} таңба керек.",
    ru="Пароль слишком короткий: нужно не меньше {min} символов.",
    en="The password is too short: it needs at least {min} characters.",
)
WEAK_PASSWORD_FIX = Text(
    kk="Ұзынырақ құпиясөз, мысалы бірнеше сөзден тұратын сөйлем қолданыңыз.",
    ru="Возьмите пароль длиннее, например фразу из нескольких слов.",
    en="Use a longer password, such as a phrase of several words.",
)


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def password_matches(user: DeskUser, password: str) -> bool:
    try:
        return _HASHER.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def add_user(
    session: Session,
    *,
    login: str,
    name: str,
    office: str,
    role: Role,
    password: str,
    national: bool = False,
    lang: str = "kk",
) -> DeskUser:
    if len(password) < MIN_PASSWORD:
        raise InputError.of(WEAK_PASSWORD, fix=WEAK_PASSWORD_FIX, min=MIN_PASSWORD)
    if session.exec(select(DeskUser).where(DeskUser.login == login)).first() is not None:
        raise InputError.of(LOGIN_TAKEN, fix=LOGIN_TAKEN_FIX, login=login)
    user = DeskUser(
        login=login,
        name=name,
        office=office,
        role=str(role),
        national=national,
        lang=lang,
        password_hash=hash_password(password),
        created_at=utcnow(),
    )
    session.add(user)
    session.flush()
    return user


def can_see(user: DeskUser, post: Post) -> bool:
    return user.national or post.office == user.office


def can_decide(user: DeskUser, post: Post) -> bool:
    """Approve, reject, waive, schedule: an editor or admin who can see it, not its author."""
    return (
        user.role in (Role.EDITOR, Role.ADMIN) and can_see(user, post) and post.author != user.login
    )


def may_edit(user: DeskUser, post: Post) -> bool:
    """Change a post's text: its author, or an editor of its office, while it may be edited (an
    edit sends it back to review and revokes its approval)."""
    from posts.lifecycle import EDITABLE

    editable = post.status in {str(s) for s in EDITABLE}
    mine = post.author == user.login
    return editable and can_see(user, post) and (mine or user.role in (Role.EDITOR, Role.ADMIN))
