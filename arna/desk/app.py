"""The desk's web app (Starlette, server-rendered with Jinja2, escaped by default).

Every route checks, on the server, who is asking: a page is shown only to a signed-in user who
may see the post (same office, or a national-level account), and every state-changing request
needs the session's CSRF token and the right role. A post of another office answers 404, not
403, so that its existence does not leak.

Handlers are async for the form parsing; the database and the linter, which block, run in the
thread pool.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlmodel import Session, col, select
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from arna.desk import auth
from arna.desk.strings import ROLE, STATUS, S
from arna.workspace import Workspace
from posts import lifecycle
from posts.errors import LifecycleError
from posts.i18n import LANGS, Lang
from posts.models import AuditEvent, DeskUser, Post, Publication
from posts.types import utcnow
from posts.users import can_decide, can_see, may_edit
from posts.vocab import PostStatus
from scheduler.reasons import render as render_reason

HERE = Path(__file__).resolve().parent
SECURITY_HEADERS = {
    # data: images only: the thumbnails with their boxes are drawn on the server as data URIs
    "content-security-policy": (
        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}


#: where the browser goes after an action, by its outcome
NEXT_PAGE = {
    "approved": "/review?done={outcome}&id={id}",
    "rejected": "/review?done={outcome}&id={id}",
    "confirmed": "/checks?done={outcome}&id={id}",
    "resent": "/checks?done={outcome}&id={id}",
    "submitted": "/posts/{id}",
    "saved": "/posts/{id}",
}
PROBLEM_STATUS = {
    "bad_csrf": 403,
    "forbidden": 403,
    "not_found": 404,
    "need_reason": 400,
    "need_link": 400,
}


class Desk:
    def __init__(
        self, ws: Workspace, *, secure_cookies: bool = False, public_url: str | None = None
    ) -> None:
        self.ws = ws
        self.secure_cookies = secure_cookies
        self.public_url = public_url.rstrip("/") if public_url else None
        self.templates = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(["html"]),
        )
        self._engine = None
        self._lint_lock = threading.Lock()

    # --- plumbing -------------------------------------------------------------------------------

    def page(
        self, request: Request, name: str, lang: Lang, status: int = 200, **context: Any
    ) -> HTMLResponse:
        tz = self.ws.config.tz

        def local(moment: datetime | None) -> str:
            return moment.astimezone(tz).strftime("%a %Y-%m-%d %H:%M") if moment else "—"

        html = self.templates.get_template(name).render(
            lang=lang,
            t=lambda key, **kw: S[key].format(lang, **kw),
            local=local,
            status=lambda value: STATUS[value].get(lang) if value in STATUS else value,
            role=lambda value: ROLE[value].get(lang) if value in ROLE else value,
            reason=lambda value: render_reason(value, lang),
            **context,
        )
        response = HTMLResponse(html, status_code=status)
        response.headers.update(SECURITY_HEADERS)
        response.headers["cache-control"] = "no-store"
        return response

    def signed(self, request: Request, session: Session) -> auth.Signed | None:
        return auth.current(session, request.cookies.get(auth.SESSION_COOKIE), utcnow())

    def set_cookie(self, response: Response, name: str, value: str, max_age: int) -> None:
        response.set_cookie(
            name,
            value,
            max_age=max_age,
            httponly=True,
            samesite="lax",
            secure=self.secure_cookies,
            path="/",
        )

    def lint(
        self, session: Session, post: Post, lang: Lang
    ) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
        """The post's findings, and its media: each with a picture (a thumbnail with the
        findings' boxes drawn on it, or a strip of frames at a video's cuts) and its codes."""
        from linters.report.thumbnails import boxes_of, image_thumbnail, strip_times, video_strip
        from linters.subject import subject_from_post

        subject = subject_from_post(session, post, self.ws.store)
        with self._lint_lock:
            result = self._lint_engine().get().lint(subject)
        findings = [
            {"code": f.code, "severity": str(f.severity), "message": f.render(lang), "waived": f.waived}
            for f in result.findings
        ]  # fmt: skip
        media = []
        for ref in subject.media:
            own = [f for f in result.findings if f.media == ref.name]
            picture = None
            if ref.path is not None and ref.kind == "image":
                picture = image_thumbnail(ref.path, boxes_of(own))
            elif ref.path is not None and ref.kind == "video":
                picture = video_strip(ref.path, strip_times(own, ref.duration))
            media.append(
                {"name": ref.name, "picture": picture, "codes": sorted({f.code for f in own})}
            )
        return findings, media

    # --- routes ---------------------------------------------------------------------------------

    async def signin_form(self, request: Request) -> Response:
        lang = _lang_of(request)
        token = auth.secrets.token_urlsafe(24)
        response = self.page(request, "signin.html", lang, csrf=token, login="", me=None)
        self.set_cookie(response, auth.PRE_CSRF_COOKIE, token, 600)
        return response

    async def signin(self, request: Request) -> Response:
        form = await request.form()
        lang = _lang_of(request)
        login = str(form.get("login", "")).strip()
        password = str(form.get("password", ""))
        if not auth.same(str(form.get("csrf", "")), request.cookies.get(auth.PRE_CSRF_COOKIE)):
            return self.page(request, "signin.html", lang, 403, problem=S["bad_csrf"].get(lang),
                             csrf="", login=login, me=None)  # fmt: skip
        address = request.client.host if request.client else "?"

        def attempt() -> tuple[str, DeskUser] | str | None:
            with self.ws.db.write() as s:
                if auth.throttled(s, login, address, utcnow()):
                    return "throttled"
                return auth.sign_in(s, login, password, address, utcnow())

        outcome = await run_in_threadpool(attempt)
        if outcome is None or outcome == "throttled":
            key = "throttled" if outcome == "throttled" else "bad_signin"
            response = self.page(request, "signin.html", lang, 429 if outcome else 401,
                                 problem=S[key].get(lang), csrf=request.cookies.get(
                                     auth.PRE_CSRF_COOKIE, ""), login=login, me=None)  # fmt: skip
            return response
        token, _ = outcome  # type: ignore[misc]
        response = RedirectResponse("/review", status_code=303)
        self.set_cookie(response, auth.SESSION_COOKIE, token, auth.SESSION_HOURS * 3600)
        response.delete_cookie(auth.PRE_CSRF_COOKIE, path="/")
        return response

    async def signout(self, request: Request) -> Response:
        form = await request.form()

        def out() -> bool:
            with self.ws.db.write() as s:
                me = self.signed(request, s)
                if me is None or not auth.same(str(form.get("csrf", "")), me.csrf):
                    return False
                auth.sign_out(s, request.cookies.get(auth.SESSION_COOKIE))
                return True

        if not await run_in_threadpool(out):
            return self.forbidden(request, "bad_csrf")
        response = RedirectResponse("/signin", status_code=303)
        response.delete_cookie(auth.SESSION_COOKIE, path="/")
        return response

    async def home(self, request: Request) -> Response:
        return RedirectResponse("/review", status_code=303)

    def listing(
        self, request: Request, status: PostStatus
    ) -> tuple[auth.Signed | None, list[Post]]:
        with self.ws.db.read() as s:
            me = self.signed(request, s)
            if me is None:
                return None, []
            query = select(Post).where(Post.status == status)
            if not me.user.national:
                query = query.where(Post.office == me.user.office)
            posts = list(s.exec(query.order_by(col(Post.scheduled_at), col(Post.id))).all())
            for p in posts:
                s.expunge(p)
            s.expunge(me.user)
            return me, posts

    async def checks(self, request: Request) -> Response:
        me, posts = await run_in_threadpool(self.listing, request, PostStatus.NEEDS_CHECK)
        if me is None:
            return RedirectResponse("/signin", status_code=303)
        lang = _user_lang(me.user)
        done = request.query_params.get("done")
        flash = (
            S[done].format(lang, id=request.query_params.get("id", ""))
            if done in ("confirmed", "resent")
            else None
        )
        return self.page(
            request, "checks.html", lang, me=me.user, csrf=me.csrf, posts=posts, flash=flash
        )

    async def review(self, request: Request) -> Response:
        me, posts = await run_in_threadpool(self.listing, request, PostStatus.IN_REVIEW)
        if me is None:
            return RedirectResponse("/signin", status_code=303)
        lang = _user_lang(me.user)
        return self.page(request, "review.html", lang, me=me.user, csrf=me.csrf, posts=posts,
                         flash=S[request.query_params["done"]].format(lang, id=request.query_params.get("id", ""))
                         if request.query_params.get("done") in ("approved", "rejected") else None)  # fmt: skip

    async def post_page(self, request: Request) -> Response:
        post_id = int(request.path_params["id"])

        def read() -> dict[str, object] | None:
            with self.ws.db.read() as s:
                me = self.signed(request, s)
                if me is None:
                    return {"redirect": True}
                post = s.get(Post, post_id)
                if post is None or not can_see(me.user, post):
                    return {"me": me, "missing": True}
                lang = _user_lang(me.user)
                events = s.exec(
                    select(AuditEvent)
                    .where(AuditEvent.post_id == post_id)
                    .order_by(col(AuditEvent.id))
                ).all()
                return {
                    "me": me,
                    "post": post,
                    "events": list(events),
                    **dict(zip(("findings", "media"), self.lint(s, post, lang), strict=True)),
                    "may_decide": can_decide(me.user, post),
                    "may_edit": may_edit(me.user, post),
                    "own": post.author == me.user.login,
                }

        data = await run_in_threadpool(read)
        if data is None or data.get("redirect"):
            return RedirectResponse("/signin", status_code=303)
        me = data["me"]
        assert isinstance(me, auth.Signed)
        lang = _user_lang(me.user)
        if data.get("missing"):
            return self.page(request, "base.html", lang, 404, me=me.user, csrf=me.csrf,
                             problem=S["not_found"].get(lang))  # fmt: skip
        return self.page(request, "post.html", lang, me=me.user, csrf=me.csrf,
                         **{k: v for k, v in data.items() if k != "me"})  # fmt: skip

    async def decide(self, request: Request) -> Response:
        action = request.path_params["action"]

        def allowed(user: DeskUser, post: Post) -> bool:
            return may_edit(user, post) if action == "submit" else can_decide(user, post)

        def do(s: Session, post: Post, user: DeskUser, form: Any) -> str:
            if action == "submit":
                lifecycle.apply(s, post, lifecycle.Action.SUBMIT, user.login)
                submitted.append(post.id)  # type: ignore[arg-type]
                return "submitted"
            if action == "confirm":
                return self._confirm(s, post, user, form)
            if action == "approve":
                lifecycle.approve(s, post, user.login)
                if post.scheduled_at is not None:
                    lifecycle.apply(s, post, lifecycle.Action.SCHEDULE, user.login)
                return "approved"
            reason = str(form.get("reason", "")).strip()
            if not reason:
                return "need_reason"
            lifecycle.apply(s, post, lifecycle.Action.REJECT, user.login, reason=reason)
            return "rejected"

        submitted: list[int] = []
        response = await self.post_action(request, allowed, do)
        if submitted:
            await run_in_threadpool(self.tell_editors, request, submitted[0])
        return response

    def tell_editors(self, request: Request, post_id: int) -> None:
        """The editors' Telegram notice about a post submitted for review (after the commit)."""
        from arna.desk.notice import send_submitted
        from linters.findings import Severity
        from linters.subject import subject_from_post
        from posts.models import Story

        with self.ws.db.read() as s:
            post = s.get(Post, post_id)
            if post is None:
                return
            story = s.get(Story, post.story_id)
            with self._lint_lock:
                result = self._lint_engine().get().lint(subject_from_post(s, post, self.ws.store))
        base = self.public_url or str(request.base_url).rstrip("/")
        send_submitted(
            self.ws.config,
            post_id=post_id,
            story=story.key if story else "",
            network=post.network,
            channel=post.channel or "",
            errors=result.count(Severity.ERROR),
            warnings=result.count(Severity.WARNING),
            url=f"{base}/posts/{post_id}",
        )

    async def post_action(
        self,
        request: Request,
        allowed: Callable[[DeskUser, Post], bool],
        do: Callable[[Session, Post, DeskUser, Any], str],
    ) -> Response:
        """A state-changing request on one post: signed in, the session's CSRF token, a post the
        user may see (else 404) and may act on (else 403); then `do`, in one transaction. Its
        outcome decides where the browser goes next."""
        post_id = int(request.path_params["id"])
        form = await request.form()

        def act() -> tuple[str, Lang, DeskUser | None, str]:
            with self.ws.db.write() as s:
                me = self.signed(request, s)
                if me is None:
                    return "signin", "kk", None, ""
                lang = _user_lang(me.user)
                if not auth.same(str(form.get("csrf", "")), me.csrf):
                    return "bad_csrf", lang, me.user, me.csrf
                post = s.get(Post, post_id)
                if post is None or not can_see(me.user, post):
                    return "not_found", lang, me.user, me.csrf
                if not allowed(me.user, post):
                    return "forbidden", lang, me.user, me.csrf
                try:
                    return do(s, post, me.user, form), lang, me.user, me.csrf
                except LifecycleError as e:
                    return "lifecycle:" + e.render(lang), lang, me.user, me.csrf

        outcome, lang, user, csrf = await run_in_threadpool(act)
        if outcome == "signin":
            return RedirectResponse("/signin", status_code=303)
        if outcome in NEXT_PAGE:
            return RedirectResponse(NEXT_PAGE[outcome].format(id=post_id, outcome=outcome), 303)
        status = PROBLEM_STATUS.get(outcome, 409)
        problem = (
            outcome.removeprefix("lifecycle:")
            if outcome.startswith("lifecycle:")
            else S[outcome].get(lang)
        )
        return self.page(request, "base.html", lang, status, me=user, csrf=csrf, problem=problem)

    def _confirm(self, s: Session, post: Post, user: DeskUser, form: Any) -> str:
        """A person's answer for a post of unknown outcome: it went out (with its link), or
        send it again. The same steps as `arna confirm`."""
        from arna.publish_cmd import external_id_of

        if str(form.get("answer")) == "sent":
            url = str(form.get("url", "")).strip()
            if not url.startswith(("https://", "http://")):
                return "need_link"
            lifecycle.apply(s, post, lifecycle.Action.CONFIRM_SENT, user.login,
                            reason=f"confirmed by {user.login}: {url}", updates={"check_after": None})  # fmt: skip
            s.add(Publication(post_id=post.id, network=post.network, channel=post.channel,
                              external_id=external_id_of(url), url=url, confirmed_by=user.login))  # fmt: skip
            return "confirmed"
        lifecycle.apply(s, post, lifecycle.Action.SEND_AGAIN, user.login,
                        reason=f"{user.login}: send again", updates={"check_after": None, "not_before": None})  # fmt: skip
        return "resent"

    # --- the editor and its live lint -------------------------------------------------------------

    async def edit_form(self, request: Request) -> Response:
        post_id = int(request.path_params["id"])

        def read() -> tuple[auth.Signed | None, Post | None]:
            with self.ws.db.read() as s:
                me = self.signed(request, s)
                post = s.get(Post, post_id) if me else None
                if post is not None:
                    s.expunge(post)
                return me, post

        me, post = await run_in_threadpool(read)
        if me is None:
            return RedirectResponse("/signin", status_code=303)
        lang = _user_lang(me.user)
        if post is None or not can_see(me.user, post):
            return self.page(request, "base.html", lang, 404, me=me.user, csrf=me.csrf,
                             problem=S["not_found"].get(lang))  # fmt: skip
        if not may_edit(me.user, post):
            return self.page(request, "base.html", lang, 403, me=me.user, csrf=me.csrf,
                             problem=S["forbidden"].get(lang))  # fmt: skip

        def media_of(post_id: int) -> list[str]:
            with self.ws.db.read() as s:
                return [sha for sha, _ in lifecycle.media_of(s, post_id)]

        shas = await run_in_threadpool(media_of, post_id)
        return self.page(request, "edit.html", lang, me=me.user, csrf=me.csrf, post=post,
                         media=shas)  # fmt: skip

    async def edit(self, request: Request) -> Response:
        def do(s: Session, post: Post, user: DeskUser, form: Any) -> str:
            lifecycle.edit(s, post, user.login, text=str(form.get("text", "")))
            return "saved"

        return await self.post_action(request, may_edit, do)

    async def live_lint(self, request: Request) -> Response:
        """The findings of a post's text as typed, with their spans; nothing is saved."""
        try:
            body = await request.json()
            post_id, text = int(body["post"]), str(body["text"])
        except (ValueError, KeyError, TypeError):
            return JSONResponse({"error": "post and text"}, status_code=400)
        if len(text) > 100_000:
            return JSONResponse({"error": "too long"}, status_code=413)

        def run() -> tuple[int, dict[str, object]]:
            from dataclasses import replace

            from linters.subject import subject_from_post

            with self.ws.db.read() as s:
                me = self.signed(request, s)
                if me is None:
                    return 401, {"error": "sign in"}
                if not auth.same(request.headers.get("x-csrf-token"), me.csrf):
                    return 403, {"error": "csrf"}
                post = s.get(Post, post_id)
                if post is None or not can_see(me.user, post):
                    return 404, {"error": "not found"}
                lang = _user_lang(me.user)
                subject = replace(subject_from_post(s, post, self.ws.store), text=text)
                with self._lint_lock:
                    result = self._lint_engine().get().lint(subject)
                findings = [
                    {
                        "code": f.code,
                        "severity": str(f.severity),
                        "message": f.render(lang),
                        "start": f.span[0] if f.span else None,
                        "end": f.span[1] if f.span else None,
                        "waived": f.waived,
                    }
                    for f in result.findings
                ]
                return 200, {"findings": findings, **_length(post, text)}

        status, payload = await run_in_threadpool(run)
        response = JSONResponse(payload, status_code=status)
        response.headers.update(SECURITY_HEADERS)
        return response

    async def week(self, request: Request) -> Response:
        """A calendar per channel: slots (filled or free), posts off the slots, the plan's
        events, and the week rules' findings. Only the user's office; `?w=2026-W48`."""
        from arna.plan_cmd import rows_of
        from arna.week_wiring import channel_weeks
        from posts.models import PlanEvent
        from posts.plan import IsoWeek

        config = self.ws.config
        asked = request.query_params.get("w")
        try:
            week = IsoWeek.parse(asked) if asked else IsoWeek.of(utcnow(), config.tz)
        except Exception:  # a malformed ?w= is a 400 with the fix, not a 500
            return JSONResponse(
                {"error": "w must be an ISO week such as 2026-W48"}, status_code=400
            )

        def read() -> tuple[auth.Signed | None, list[dict[str, object]], dict[str, str]]:
            with self.ws.db.read() as s:
                me = self.signed(request, s)
                if me is None:
                    return None, [], {}
                lang = _user_lang(me.user)
                mine = me.user.national or me.user.office == config.office.id
                channels = []
                shown = list(config.channels) if mine else []
                for channel, cw in zip(shown, channel_weeks(s, config, shown, week), strict=True):
                    with self._lint_lock:
                        run = self._lint_engine().get().lint_week(cw)
                    findings = [
                        {"code": w.finding.code, "severity": str(w.finding.severity),
                         "message": w.finding.render(lang), "post": w.post_id}
                        for w in run.findings
                    ]  # fmt: skip
                    channels.append({"id": channel.id, "network": str(channel.network),
                                     "rows": rows_of(channel, cw, config, week), "findings": findings})  # fmt: skip
                events = {e.key: e.title for e in s.exec(select(PlanEvent)).all()}
                s.expunge(me.user)
                return me, channels, events

        me, channels, events = await run_in_threadpool(read)
        if me is None:
            return RedirectResponse("/signin", status_code=303)
        monday = week.monday
        prev = IsoWeek.of(
            datetime.combine(monday - timedelta(days=7), time(12), config.tz), config.tz
        )
        nxt = IsoWeek.of(
            datetime.combine(monday + timedelta(days=7), time(12), config.tz), config.tz
        )
        return self.page(request, "week.html", _user_lang(me.user), me=me.user, csrf=me.csrf,
                         week=week, prev=prev.label, next=nxt.label, channels=channels, events=events)  # fmt: skip

    async def story_form(self, request: Request) -> Response:
        def read() -> auth.Signed | None:
            with self.ws.db.read() as s:
                me = self.signed(request, s)
                if me is not None:
                    s.expunge(me.user)
                return me

        me = await run_in_threadpool(read)
        if me is None:
            return RedirectResponse("/signin", status_code=303)
        return self._story_page(request, me, {}, [])

    def _story_page(
        self, request: Request, me: auth.Signed, form: Any, problems: list[str], status: int = 200
    ) -> Response:
        from arna.desk.stories import KINDS

        channels = [c for c in self.ws.config.channels if c.network != "outbox" and c.enabled]
        return self.page(request, "story_new.html", _user_lang(me.user), status, me=me.user,
                         csrf=me.csrf, channels=channels, kinds=KINDS, form=form, problems=problems)  # fmt: skip

    async def story_create(self, request: Request) -> Response:
        from arna.desk.stories import create_story

        limit = 8 * self.ws.config.max_media_bytes  # a few files per channel, and the texts
        if int(request.headers.get("content-length") or 0) > limit:
            return Response(status_code=413)
        form = await request.form(max_files=40)

        def act() -> tuple[auth.Signed | None, str, list[int], list[str]]:
            with self.ws.db.write() as s:
                me = self.signed(request, s)
                if me is None:
                    return None, "signin", [], []
                if not auth.same(str(form.get("csrf", "")), me.csrf):
                    s.expunge(me.user)
                    return me, "bad_csrf", [], []
                if me.user.office != self.ws.config.office.id:
                    s.expunge(me.user)
                    return me, "forbidden", [], []
                created = create_story(s, self.ws.store, self.ws.config, me.user, form,
                                       _user_lang(me.user), submit=form.get("action") == "review")  # fmt: skip
                s.expunge(me.user)
                return me, "ok", created.post_ids, created.problems

        me, outcome, ids, problems = await run_in_threadpool(act)
        if me is None:
            return RedirectResponse("/signin", status_code=303)
        if outcome != "ok":
            lang = _user_lang(me.user)
            return self.page(request, "base.html", lang, 403, me=me.user, csrf=me.csrf,
                             problem=S[outcome].get(lang))  # fmt: skip
        if problems:
            plain = {k: v for k, v in form.items() if isinstance(v, str)}
            return self._story_page(request, me, plain, problems, 400)
        return RedirectResponse(f"/posts/{ids[0]}", status_code=303)

    async def media(self, request: Request) -> Response:
        """A media file of a post the user may see (the preview and thumbnails); by its hash."""
        from starlette.responses import FileResponse

        from posts.models import Media, PostMedia

        sha = request.path_params["sha"]

        def find() -> tuple[bool, Path | None, str]:
            with self.ws.db.read() as s:
                me = self.signed(request, s)
                if me is None:
                    return False, None, ""
                posts = s.exec(
                    select(Post).join(PostMedia, col(PostMedia.post_id) == col(Post.id))
                    .where(PostMedia.media_sha256 == sha)
                ).all()  # fmt: skip
                row = s.get(Media, sha)
                if row is None or not any(can_see(me.user, p) for p in posts):
                    return True, None, ""
                return True, self.ws.store.path_for(sha), row.mime

        signed, path, mime = await run_in_threadpool(find)
        if not signed:
            return RedirectResponse("/signin", status_code=303)
        if path is None or not path.exists():
            return Response(status_code=404)
        response = FileResponse(path, media_type=mime)
        response.headers.update(SECURITY_HEADERS)
        return response

    def _lint_engine(self):  # type: ignore[no-untyped-def]
        from arna.publish_wiring import LazyEngine, _workspace_engine

        if self._engine is None:
            self._engine = LazyEngine(lambda: _workspace_engine(self.ws))
        return self._engine

    def forbidden(self, request: Request, key: str) -> Response:
        lang = _lang_of(request)
        return self.page(
            request, "base.html", lang, 403, me=None, csrf="", problem=S[key].get(lang)
        )


def _length(post: Post, text: str) -> dict[str, object]:
    """How long the text is as the network counts it (X: weighted), and the network's limit."""
    from channels.limits import LIMITS
    from linters.x_length import weighted_length

    limits = LIMITS.get(post.network)
    media = post.kind not in ("text", "announcement", "poll")
    limit = (limits.caption_max if media else limits.text_max) if limits else None
    length = weighted_length(text) if limits and limits.weighted_length else len(text)
    return {"length": length, "limit": limit, "weighted": bool(limits and limits.weighted_length)}


def _lang_of(request: Request) -> Lang:
    asked = request.query_params.get("lang") or request.headers.get("accept-language", "")[:2]
    return asked if asked in LANGS else "kk"  # type: ignore[return-value]


def _user_lang(user: DeskUser) -> Lang:
    return user.lang if user.lang in LANGS else "kk"  # type: ignore[return-value]


def create_app(
    ws: Workspace, *, secure_cookies: bool = False, public_url: str | None = None
) -> Starlette:
    desk = Desk(ws, secure_cookies=secure_cookies, public_url=public_url)
    routes: list[Route | Mount] = [
        Route("/", desk.home),
        Route("/signin", desk.signin_form, methods=["GET"]),
        Route("/signin", desk.signin, methods=["POST"]),
        Route("/signout", desk.signout, methods=["POST"]),
        Route("/review", desk.review),
        Route("/checks", desk.checks),
        Route("/week", desk.week),
        Route("/stories/new", desk.story_form, methods=["GET"]),
        Route("/stories/new", desk.story_create, methods=["POST"]),
        Route("/posts/{id:int}", desk.post_page),
        Route("/posts/{id:int}/edit", desk.edit_form, methods=["GET"]),
        Route("/posts/{id:int}/edit", desk.edit, methods=["POST"]),
        Route("/lint", desk.live_lint, methods=["POST"]),
        Route("/media/{sha:str}", desk.media),
        Route(
            "/posts/{id:int}/{action:str}",
            _only(("approve", "reject", "confirm", "submit"), desk.decide),
            methods=["POST"],
        ),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    return Starlette(routes=routes)


def _only(actions: tuple[str, ...], handler: Callable[[Request], Any]) -> Callable[[Request], Any]:
    async def guarded(request: Request) -> Response:
        if request.path_params["action"] not in actions:
            return Response(status_code=404)
        return await handler(request)

    return guarded
