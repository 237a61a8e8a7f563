"""`arna lint --format html`: one self-contained page an editor opens and reads.

- One file: inline CSS and a few lines of JavaScript, no fonts, images or scripts from anywhere.
  A Content-Security-Policy in the page allows only that one style sheet and that one script (by
  their sha256), so the page makes no request, and even a mistake in escaping could not run a
  script that came with a post.
- Everything from a post (its text, the evidence, a waiver's reason, a path) is escaped: a post's
  text is the attacker's text.
- At the top: the summary (posts, counts per severity, waived, unused waivers, failed rules) and a
  list of the posts with findings. Then one section per post with findings: its text with each
  flagged span in a `<mark data-code="K202" title="message">`; spans that overlap are cut into
  pieces, each piece marked with every finding that covers it (`data-findings` lists their ids);
  an empty span (an insertion point) is an empty mark. Below the text: the findings in the text,
  those about the whole post, and the media of the post with their findings (thumbnails follow in
  a later issue); waived findings stay visible, marked with the reason, and are not counted.
- A rule's explanation (what, why, the guide's words in Kazakh and Russian, what to write instead,
  when a waiver is reasonable, and examples) is one `<details id="rule-CODE">` per rule at the end;
  every code in a finding is a link that opens it. Clicking a mark shows its finding; clicking a
  finding's place shows its mark.
- Labels in kk, ru or en, as the user's language.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from html import escape

from linters.engine import PostResult
from linters.findings import Finding, Severity
from linters.report.json_report import (
    Summary,
    clamp_span,
    message,
    plain,
    position,
    summary,
)
from linters.report.text import UNUSED_CHANGED, UNUSED_NOTHING, counted, media_where
from linters.report.thumbnails import boxes_of, image_thumbnail, strip_times, video_strip
from linters.rule import Rule
from linters.subject import MediaRef, Subject
from posts.i18n import Lang, Text

L = {
    "title": Text(kk="Arna: тексеру есебі", ru="Arna: отчёт проверки", en="Arna: lint report"),
    "posts": Text(kk="Жарияланымдар", ru="Публикации", en="Posts"),
    "error": Text(kk="Қателер", ru="Ошибки", en="Errors"),
    "warning": Text(kk="Ескертулер", ru="Предупреждения", en="Warnings"),
    "info": Text(kk="Ақпарат", ru="Подсказки", en="Info"),
    "waived": Text(kk="Рұқсат етілген", ru="Исключения", en="Waived"),
    "unused_waivers": Text(
        kk="Қолданылмаған рұқсаттар", ru="Неиспользованные исключения", en="Unused waivers"
    ),
    "crashes": Text(kk="Істемей қалған ережелер", ru="Сбои правил", en="Rule failures"),
    "not_counted": Text(
        kk="рұқсат етілген ескертулер санға кірмейді",
        ru="снятые исключениями находки не считаются",
        en="waived findings are not counted",
    ),
    "in_text": Text(kk="Мәтінде", ru="В тексте", en="In the text"),
    "whole_post": Text(kk="Бүкіл жарияланым бойынша", ru="По всей публикации", en="The whole post"),
    "media": Text(kk="Медиа", ru="Медиа", en="Media"),
    "no_media_findings": Text(kk="ескерту жоқ", ru="замечаний нет", en="no findings"),
    "line_col": Text(
        kk="{line}-жол, {column}-баған",
        ru="строка {line}, столбец {column}",
        en="line {line}, column {column}",
    ),
    "explain": Text(kk="Түсіндірме", ru="Пояснение", en="Explain"),
    "alt": Text(kk="балама мәтін", ru="альт-текст", en="alt text"),
    "details": Text(kk="Толығырақ", ru="Подробности", en="Details"),
    "waived_reason": Text(
        kk="Рұқсат етілген. Себебі: {reason}",
        ru="Исключение. Причина: {reason}",
        en="Waived: {reason}",
    ),
    "clean": Text(
        kk="Ескертусіз жарияланымдар", ru="Публикации без замечаний", en="Posts with no findings"
    ),
    "nothing": Text(kk="Ескерту табылмады.", ru="Замечаний не найдено.", en="Nothing was found."),
    "rules": Text(
        kk="Осы есептегі ережелер", ru="Правила в этом отчёте", en="Rules in this report"
    ),
    "what": Text(kk="Не тексереді", ru="Что проверяет", en="What it checks"),
    "why": Text(kk="Неге", ru="Почему", en="Why"),
    "basis": Text(kk="Негізі", ru="Основание", en="Basis"),
    "quotes": Text(kk="Нұсқаулықта", ru="Слова методички", en="The guide's words"),
    "instead": Text(kk="Орнына не жазу керек", ru="Что писать вместо", en="Write instead"),
    "waive": Text(
        kk="Қашан рұқсат беруге болады", ru="Когда уместно исключение", en="When to waive"
    ),
    "flagged": Text(kk="Белгіленеді", ru="Будет отмечено", en="Flagged"),
    "passes": Text(kk="Өтеді", ru="Пройдёт", en="Passes"),
    "queued": Text(
        kk="кезектегі жарияланым №{id}", ru="публикация в очереди №{id}", en="queued post #{id}"
    ),
    "unsaved": Text(
        kk="сақталмаған мәтін {n}", ru="несохранённый текст {n}", en="unsaved text {n}"
    ),
    "crashed": Text(
        kk="{code} ережесі бұл жарияланымда істемей қалды: {error}. Басқа ережелер тексерді.",
        ru="Правило {code} сломалось на этой публикации: {error}. Остальные правила её проверили.",
        en="Rule {code} failed on this post: {error}. The other rules still checked it.",
    ),
    "unused": Text(
        kk="{code} рұқсаты («{reason}», {author}) қолданылмады: {why}.",
        ru="Исключение {code} («{reason}», {author}) не применено: {why}.",
        en="Waiver {code} ('{reason}', {author}) was not used: {why}.",
    ),
}
SEVERITY = {
    Severity.ERROR: Text(kk="қате", ru="ошибка", en="error"),
    Severity.WARNING: Text(kk="ескерту", ru="предупреждение", en="warning"),
    Severity.INFO: Text(kk="ақпарат", ru="подсказка", en="info"),
}
DEFAULT_WAIVE = Text(
    kk="Редактор себебін жазып рұқсат бере алады; мазмұн өзгерсе, рұқсат күшін жояды.",
    ru="Редактор может разрешить исключение, указав причину; при изменении содержания оно теряет силу.",
    en="An editor can waive it with a reason; any change of the content voids the waiver.",
)

CSS = """
:root{--err:#b42318;--err-bg:#fee4e2;--warn:#93370d;--warn-bg:#fef0c7;--info:#175cd3;
--info-bg:#d1e9ff;--muted:#5d6470;--line:#d0d5dd;--bg:#f7f8fa}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;
color:#1d2433;background:var(--bg)}
header,main{max-width:62rem;margin:0 auto;padding:0 1.25rem}
header{padding-top:1.25rem}
h1{font-size:1.5rem;margin:0 0 .25rem}
h2{font-size:1.15rem;margin:0}
h3{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:1rem 0 .4rem}
.meta{color:var(--muted);margin:0 0 .75rem;font-size:.9rem}
.summary{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}
.count{border:1px solid var(--line);border-radius:.5rem;padding:.35rem .75rem;background:#fff}
.count b{font-size:1.25rem;margin-right:.35rem}
.count.sev-error b{color:var(--err)}.count.sev-warning b{color:var(--warn)}.count.sev-info b{color:var(--info)}
.note{color:var(--muted);font-size:.85rem;margin:.25rem 0 1rem}
nav ol{margin:.25rem 0 1rem;padding-left:1.25rem}
nav a{color:inherit}
.post,.clean,.rules{background:#fff;border:1px solid var(--line);border-radius:.75rem;padding:1rem 1.25rem;margin:1rem 0}
.post-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:.5rem}
.tag{font-size:.8rem;border-radius:1rem;padding:0 .55rem;background:#eef0f3;color:#344054}
.tag.sev-error{background:var(--err-bg);color:var(--err)}
.tag.sev-warning{background:var(--warn-bg);color:var(--warn)}
.tag.sev-info{background:var(--info-bg);color:var(--info)}
.text{white-space:pre-wrap;overflow-wrap:anywhere;border-left:3px solid var(--line);padding:.5rem .9rem;
margin:.75rem 0;background:#fcfcfd;font-size:1.02rem}
mark{background:none;color:inherit;border-radius:2px;cursor:pointer;padding:0 1px}
mark.sev-error{background:var(--err-bg);box-shadow:inset 0 -2px var(--err)}
mark.sev-warning{background:var(--warn-bg);box-shadow:inset 0 -2px #dc6803}
mark.sev-info{background:var(--info-bg);box-shadow:inset 0 -2px var(--info)}
mark.waived{background:#f2f4f7;box-shadow:inset 0 -2px #98a2b3}
mark.overlap{outline:1px dotted #1d2433}
mark.point::before{content:"\\2038";color:var(--err);font-weight:700}
ol.findings{list-style:none;margin:0;padding:0}
.finding{border-top:1px solid #eaecf0;padding:.5rem 0}
.finding:first-child{border-top:0}
.finding .head{display:flex;flex-wrap:wrap;gap:.4rem;align-items:baseline}
.code{font:600 .9rem ui-monospace,"DejaVu Sans Mono",monospace}
.name,.loc{color:var(--muted);font-size:.85rem}
.msg{margin:.15rem 0 0}
.finding.waived .msg{color:var(--muted);text-decoration:line-through}
.waiver{margin:.15rem 0 0;color:#344054;font-size:.9rem}
.evidence{margin:.15rem 0 0;font-size:.85rem;color:var(--muted)}
.evidence summary{cursor:pointer;width:max-content}
.evidence dl{margin:.15rem 0 0 1rem}
.evidence dt{display:inline;font-weight:600}.evidence dd{display:inline;margin:0 .75rem 0 .25rem}
.explain{font-size:.85rem}
ul.media{list-style:none;padding:0;margin:0}
ul.media>li{border:1px solid #eaecf0;border-radius:.5rem;padding:.4rem .75rem;margin:.4rem 0}
.media-name{font-weight:600}
figure.thumb,figure.strip{margin:.4rem 0}figure img{max-width:100%;border-radius:.3rem;border:1px solid #eaecf0}
.problems li{color:var(--err)}
a{color:#1849a9}
details.rule{border-top:1px solid #eaecf0;padding:.5rem 0}
details.rule>summary{cursor:pointer}
details.rule dl{margin:.5rem 0 0 1rem}
details.rule dt{font-weight:600;margin-top:.5rem}
details.rule dd{margin:0}
blockquote{margin:.25rem 0;padding-left:.75rem;border-left:3px solid var(--line);font-style:italic}
.examples{margin:0;padding-left:1.25rem}
.flash{animation:flash 1.2s ease-out}
@keyframes flash{from{background:#fff3a3}to{background:transparent}}
"""

JS = """
(function () {
  "use strict";
  function flash(el) {
    el.classList.remove("flash");
    void el.offsetWidth;
    el.classList.add("flash");
  }
  function openRule(code) {
    var rule = document.getElementById("rule-" + code);
    if (rule) { rule.open = true; }
    return rule;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.rule-link");
    if (link) { openRule(link.getAttribute("data-code")); return; }
    var place = event.target.closest("a.loc");
    if (place) {
      var marks = document.querySelectorAll(
        'mark[data-findings~="' + place.getAttribute("data-finding") + '"]');
      if (marks.length) {
        event.preventDefault();
        marks[0].scrollIntoView({block: "center"});
        marks.forEach(flash);
      }
      return;
    }
    var mark = event.target.closest("mark[data-findings]");
    if (mark) {
      var item = document.getElementById(mark.getAttribute("data-findings").split(" ")[0]);
      if (item) { item.scrollIntoView({block: "nearest"}); flash(item); }
    }
  });
  if (location.hash.indexOf("#rule-") === 0) {
    var rule = openRule(location.hash.slice(6));
    if (rule) { rule.scrollIntoView(); }
  }
})();
"""


def _sha256(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode()


CSP = (
    "default-src 'none'; img-src data:; "
    f"style-src '{_sha256(CSS)}'; script-src '{_sha256(JS)}'; "
    "base-uri 'none'; form-action 'none'"
)


def e(value: object) -> str:
    return escape(str(value), quote=True)


def render_html(
    results: Sequence[PostResult],
    *,
    lang: Lang,
    registry: Mapping[str, type[Rule]],
    version: str,
) -> str:
    s = summary(results)
    flagged = [(i, r) for i, r in enumerate(results) if r.findings or r.unused_waivers or r.crashes]
    shown = {i for i, _ in flagged}
    clean = [(i, r) for i, r in enumerate(results) if i not in shown]
    codes = sorted(
        {f.code for r in results for f in r.findings} | {c.code for r in results for c in r.crashes}
    )
    parts = [
        "<!doctype html>",
        f'<html lang="{e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        f'<meta name="generator" content="arna {e(version)}">',
        f"<title>{e(L['title'].get(lang))}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        _header(s, flagged, lang, version),
        "<main>",
        *(_post(i, r, lang) for i, r in flagged),
        _clean(clean, lang),
        _rules(codes, registry, results, lang),
        "</main>",
        f"<script>{JS}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _where(subject: Subject, index: int, lang: Lang) -> str:
    if subject.post_id is not None:
        queued = L["queued"].format(lang, id=subject.post_id)
        return f"{queued} · {subject.path}" if subject.path else queued
    if subject.path:
        return subject.path
    return L["unsaved"].format(lang, n=index + 1)


def _counts(r: PostResult, lang: Lang) -> str:
    tags = [
        f'<span class="tag sev-{sev.value}">{e(counted(r.count(sev), sev.value, lang))}</span>'
        for sev in Severity
        if r.count(sev)
    ]
    waived = sum(f.waived for f in r.findings)
    if waived:
        tags.append(f'<span class="tag waived">{e(counted(waived, "waived", lang))}</span>')
    return " ".join(tags)


def _header(
    s: Summary,
    flagged: list[tuple[int, PostResult]],
    lang: Lang,
    version: str,
) -> str:
    counts = [
        f'<span class="count" data-count="posts"><b>{s.posts}</b>{e(L["posts"].get(lang))}</span>',
        *(
            f'<span class="count sev-{sev.value}" data-count="{sev.value}">'
            f"<b>{s.count(sev)}</b>{e(L[sev.value].get(lang))}</span>"
            for sev in Severity
        ),
    ]
    for key in ("waived", "unused_waivers", "crashes"):
        n = getattr(s, key)
        if n:
            counts.append(
                f'<span class="count" data-count="{key}"><b>{n}</b>{e(L[key].get(lang))}</span>'
            )
    nav = ""
    if flagged:
        items = "".join(
            f'<li><a href="#post-{i + 1}">{e(_where(r.subject, i, lang))}</a> '
            f'<span class="tag">{e(r.subject.network)}</span> {_counts(r, lang)}</li>'
            for i, r in flagged
        )
        nav = f"<nav><ol>{items}</ol></nav>"
    return (
        f"<header><h1>{e(L['title'].get(lang))}</h1>"
        f'<p class="meta">arna {e(version)}</p>'
        f'<div class="summary" id="summary">{"".join(counts)}</div>'
        f'<p class="note">{e(L["not_counted"].get(lang))}</p>'
        f"{nav}</header>"
    )


def _post(index: int, r: PostResult, lang: Lang) -> str:
    subject = r.subject
    pid = f"post-{index + 1}"
    ids = {id(f): f"f-{index + 1}-{n + 1}" for n, f in enumerate(r.findings)}
    in_text = [f for f in r.findings if f.span is not None]
    whole = [f for f in r.findings if f.span is None and not f.media]
    language = f' lang="{e(subject.language)}"' if subject.language else ""
    out = [
        f'<section class="post" id="{pid}" data-network="{e(subject.network)}">',
        '<div class="post-head">',
        f'<h2 class="where">{e(_where(subject, index, lang))}</h2>',
        f'<span class="tag">{e(subject.network)}</span>',
        f'<span class="tag">{e(subject.kind)}</span>',
        *([f'<span class="tag">{e(subject.channel)}</span>'] if subject.channel else []),
        _counts(r, lang),
        "</div>",
        f'<div class="text"{language}>{highlight(subject, r.findings, ids, lang)}</div>',
    ]
    if in_text:
        out.append(f"<h3>{e(L['in_text'].get(lang))}</h3>")
        out.append(_finding_list(subject, in_text, ids, lang))
    if whole:
        out.append(f"<h3>{e(L['whole_post'].get(lang))}</h3>")
        out.append(_finding_list(subject, whole, ids, lang))
    media = _media(subject, r.findings, ids, lang)
    if media:
        out.append(f"<h3>{e(L['media'].get(lang))}</h3>")
        out.append(media)
    problems = [
        L["unused"].format(
            lang,
            code=w.code,
            reason=w.reason,
            author=w.author,
            why=(UNUSED_CHANGED if w.content_hash != subject.content_hash else UNUSED_NOTHING).get(
                lang
            ),
        )
        for w in r.unused_waivers
    ]
    if problems:
        out.append(f"<h3>{e(L['unused_waivers'].get(lang))}</h3>")
        out.append('<ul class="unused">' + "".join(f"<li>{e(p)}</li>" for p in problems) + "</ul>")
    if r.crashes:
        out.append(f"<h3>{e(L['crashes'].get(lang))}</h3>")
        out.append(
            '<ul class="problems">'
            + "".join(
                f'<li data-code="{e(c.code)}">'
                f"{e(L['crashed'].format(lang, code=c.code, error=c.error))} "
                f'<a class="rule-link" href="#rule-{e(c.code)}" data-code="{e(c.code)}">'
                f"{e(L['explain'].get(lang))}</a></li>"
                for c in r.crashes
            )
            + "</ul>"
        )
    out.append("</section>")
    return "\n".join(p for p in out if p)


def highlight(
    subject: Subject, findings: Iterable[Finding], ids: Mapping[int, str], lang: Lang
) -> str:
    """The post's text, escaped, with every flagged span in a `<mark>`.

    The text is cut at every span boundary; each piece is marked with all the findings that cover
    it, so overlapping spans need no nesting. An empty span becomes an empty mark at its place.
    """
    text = subject.text
    spans = [(clamp_span(subject, f), f) for f in findings if f.span is not None]
    ranges = [(sp, f) for sp, f in spans if sp is not None and sp[0] < sp[1]]
    points = [(sp[0], f) for sp, f in spans if sp is not None and sp[0] == sp[1]]
    cuts = sorted({0, len(text)} | {p for sp, _ in ranges for p in sp} | {p for p, _ in points})
    out: list[str] = []
    for a, b in zip(cuts, [*cuts[1:], None], strict=True):
        at_point = [f for p, f in points if p == a]
        if at_point:
            out.append(_mark(at_point, "", ids, lang, point=True))
        if b is None:
            break
        covering = [f for (s0, s1), f in ranges if s0 <= a and b <= s1]
        piece = e(text[a:b])
        out.append(_mark(covering, piece, ids, lang) if covering else piece)
    return "".join(out)


def _mark(
    findings: list[Finding], inner: str, ids: Mapping[int, str], lang: Lang, *, point: bool = False
) -> str:
    live = [f for f in findings if not f.waived]
    classes = [
        f"sev-{max(live, key=lambda f: f.severity.rank).severity.value}" if live else "waived"
    ]
    if len(findings) > 1:
        classes.append("overlap")
    if point:
        classes.append("point")
    codes = " ".join(dict.fromkeys(f.code for f in findings))
    title = "\n".join(f"{f.code}: {message(f, lang)}" for f in findings)
    return (
        f'<mark class="{" ".join(classes)}" data-code="{e(codes)}" '
        f'data-findings="{" ".join(ids[id(f)] for f in findings)}" title="{e(title)}">'
        f"{inner}</mark>"
    )


def _finding_list(
    subject: Subject, findings: Sequence[Finding], ids: Mapping[int, str], lang: Lang
) -> str:
    return (
        '<ol class="findings">'
        + "".join(_finding(subject, f, ids, lang) for f in findings)
        + "</ol>"
    )


def _finding(subject: Subject, f: Finding, ids: Mapping[int, str], lang: Lang) -> str:
    fid = ids[id(f)]
    pos = position(subject, f)
    classes = f"finding sev-{f.severity.value}" + (" waived" if f.waived else "")
    head = [
        f'<span class="tag sev-{f.severity.value}">{e(SEVERITY[f.severity].get(lang))}</span>',
        f'<a class="code rule-link" href="#rule-{e(f.code)}" data-code="{e(f.code)}">{e(f.code)}</a>',
        f'<span class="name">{e(f.name)}</span>',
    ]
    if pos is not None:
        where = L["line_col"].format(lang, line=pos.line, column=pos.column)
        head.append(f'<a class="loc" href="#{fid}" data-finding="{fid}">{e(where)}</a>')
    if f.media and (f.region is not None or f.time is not None):
        head.append(f'<span class="loc">{e(media_where(replace(f, media=None)))}</span>')
    head.append(
        f'<a class="rule-link explain" href="#rule-{e(f.code)}" data-code="{e(f.code)}">'
        f"{e(L['explain'].get(lang))}</a>"
    )
    body = [f'<p class="msg">{e(message(f, lang))}</p>']
    if f.waived:
        reason = L["waived_reason"].format(lang, reason=f.waiver_reason or "")
        body.append(f'<p class="waiver">{e(reason)}</p>')
    evidence = plain(dict(f.evidence))
    if isinstance(evidence, dict) and evidence:
        items = "".join(
            f"<dt>{e(k)}</dt><dd>{e(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))}</dd>"
            for k, v in evidence.items()
        )
        body.append(
            f'<details class="evidence"><summary>{e(L["details"].get(lang))}</summary>'
            f"<dl>{items}</dl></details>"
        )
    return (
        f'<li class="{classes}" id="{fid}" data-code="{e(f.code)}">'
        f'<div class="head">{"".join(head)}</div>{"".join(body)}</li>'
    )


def _media(
    subject: Subject, findings: Sequence[Finding], ids: Mapping[int, str], lang: Lang
) -> str:
    by_media: dict[str, list[Finding]] = {}
    for ref in subject.media:
        by_media.setdefault(ref.name, [])
    for f in findings:
        if f.media and f.span is None:
            by_media.setdefault(f.media, []).append(f)
    if not any(by_media.values()):
        return ""  # media without findings are not worth a section yet
    alts = {ref.name: ref.alt for ref in subject.media}
    refs = {ref.name: ref for ref in subject.media}
    items = []
    for name, found in by_media.items():
        alt = (
            f' <span class="name">{e(L["alt"].get(lang))}: {e(alts[name])}</span>'
            if alts.get(name)
            else ""
        )
        inner = (
            _finding_list(subject, found, ids, lang)
            if found
            else f'<p class="note">{e(L["no_media_findings"].get(lang))}</p>'
        )
        picture = _picture(refs.get(name), found) if found else ""
        items.append(
            f'<li data-media="{e(name)}"><span class="media-name">{e(name)}</span>{alt}'
            f"{picture}{inner}</li>"
        )
    return '<ul class="media">' + "".join(items) + "</ul>"


def _picture(ref: MediaRef | None, findings: Sequence[Finding]) -> str:
    """The flagged image with its boxes, or a strip of the video's frames; "" when not drawable."""
    if ref is None or ref.path is None or ref.problem is not None or not ref.path.exists():
        return ""
    if ref.kind == "image" and ref.mime != "image/svg+xml":
        uri = image_thumbnail(ref.path, boxes_of(findings))
        kind = "thumb"
    elif ref.kind == "video":
        uri = video_strip(ref.path, strip_times(findings, ref.duration))
        kind = "strip"
    else:
        return ""
    if uri is None:
        return ""
    return f'<figure class="{kind}"><img src="{uri}" alt="{e(ref.name)}"></figure>'


def _clean(clean: list[tuple[int, PostResult]], lang: Lang) -> str:
    if not clean:
        return ""
    items = "".join(
        f'<li>{e(_where(r.subject, i, lang))} <span class="tag">{e(r.subject.network)}</span></li>'
        for i, r in clean
    )
    return (
        f'<section class="clean" id="clean"><h2>{e(L["clean"].get(lang))} ({len(clean)})</h2>'
        f"<ul>{items}</ul></section>"
    )


def _rules(
    codes: list[str],
    registry: Mapping[str, type[Rule]],
    results: Sequence[PostResult],
    lang: Lang,
) -> str:
    if not codes:
        return f'<section class="rules" id="rules"><p>{e(L["nothing"].get(lang))}</p></section>'
    names = {f.code: f.name for r in results for f in r.findings}
    blocks = []
    for code in codes:
        rule = registry.get(code)
        if rule is None:
            blocks.append(
                f'<details class="rule" id="rule-{e(code)}"><summary><span class="code">'
                f"{e(code)}</span> {e(names.get(code, ''))}</summary></details>"
            )
            continue
        doc = rule.doc
        quotes = [("kk", doc.quote_kk), ("ru", doc.quote_ru)]
        if lang == "ru":
            quotes.reverse()
        rows = [
            ("what", e(doc.what.get(lang))),
            ("why", e(doc.why.get(lang))),
            ("basis", e(doc.section)),
            ("quotes", "".join(f'<blockquote lang="{q}">{e(t)}</blockquote>' for q, t in quotes)),
            ("instead", e(doc.instead.get(lang))),
            ("waive", e((doc.waive or DEFAULT_WAIVE).get(lang))),
        ]
        for key, examples in (("flagged", rule.must_flag), ("passes", rule.must_pass)):
            if examples:
                rows.append(
                    (
                        key,
                        '<ul class="examples">'
                        + "".join(
                            f'<li lang="{e(x.language or "")}">{e(x.text)}</li>'
                            for x in examples[:3]
                        )
                        + "</ul>",
                    )
                )
        dl = "".join(f"<dt>{e(L[k].get(lang))}</dt><dd>{v}</dd>" for k, v in rows)
        blocks.append(
            f'<details class="rule" id="rule-{e(code)}" data-code="{e(code)}">'
            f'<summary><span class="code">{e(code)}</span> {e(rule.name)} — '
            f"{e(doc.what.get(lang))}</summary><dl>{dl}</dl></details>"
        )
    return (
        f'<section class="rules" id="rules"><h2>{e(L["rules"].get(lang))}</h2>'
        + "".join(blocks)
        + "</section>"
    )
