"""Sign-in, sessions and CSRF for the desk.

- A session is a random token in an HttpOnly, SameSite=Lax cookie (Secure behind TLS); the
  database keeps only its SHA-256, so a stolen database holds no live cookie. It expires after
  `SESSION_HOURS`, and signing out deletes it.
- Every state-changing request carries the session's CSRF token in a form field; the sign-in form,
  which has no session yet, uses a token in a cookie and the same token in the form.
- Sign-in is throttled: after `MAX_FAILURES` failures for one login, or `MAX_ADDRESS_FAILURES`
  from one address, within `WINDOW`, further tries are refused until the window has passed; a
  refused try is not checked against the password at all.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from posts.models import DeskSession, DeskUser, SignInAttempt
from posts.users import password_matches

SESSION_COOKIE = "arna_session"
PRE_CSRF_COOKIE = "arna_signin"
SESSION_HOURS = 12
WINDOW = timedelta(minutes=15)
MAX_FAILURES = 5
MAX_ADDRESS_FAILURES = 20


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


@dataclass(frozen=True)
class Signed:
    user: DeskUser
    csrf: str


def throttled(session: Session, login: str, address: str, now: datetime) -> bool:
    since = now - WINDOW
    failures = select(func.count()).where(
        col(SignInAttempt.ok).is_(False), col(SignInAttempt.at) >= since
    )
    by_login = session.exec(failures.where(SignInAttempt.login == login)).one()
    by_address = session.exec(failures.where(SignInAttempt.address == address)).one()
    return by_login >= MAX_FAILURES or by_address >= MAX_ADDRESS_FAILURES


def sign_in(
    session: Session, login: str, password: str, address: str, now: datetime
) -> tuple[str, DeskUser] | None:
    """A new session token for a right login and password, else None (and the try is counted)."""
    user = session.exec(select(DeskUser).where(DeskUser.login == login)).first()
    ok = user is not None and not user.disabled and password_matches(user, password)
    session.add(SignInAttempt(login=login[:120], address=address[:64], ok=ok, at=now))
    if not ok or user is None or user.id is None:
        return None
    token = secrets.token_urlsafe(32)
    session.add(
        DeskSession(
            token_hash=digest(token),
            user_id=user.id,
            csrf=secrets.token_urlsafe(24),
            created_at=now,
            expires_at=now + timedelta(hours=SESSION_HOURS),
        )
    )
    return token, user


def current(session: Session, token: str | None, now: datetime) -> Signed | None:
    if not token:
        return None
    row = session.get(DeskSession, digest(token))
    if row is None or row.expires_at <= now:
        return None
    user = session.get(DeskUser, row.user_id)
    if user is None or user.disabled:
        return None
    return Signed(user, row.csrf)


def sign_out(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(DeskSession).where(col(DeskSession.token_hash) == digest(token)))
