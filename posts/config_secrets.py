"""Secrets in config.toml: how the loader recognises them, and how messages avoid repeating them.

Secrets never live in config.toml. Whatever is written in a config file ends up in backups, in git and
in screenshots, so Arna reads keys and tokens only from environment variables: a channel names the
variable that holds its token (`credentials_env`; `env_name_for` gives the conventional name), never
the token itself.

The loader therefore refuses anything that looks like a secret written inline: a key whose name says
it holds one (`_is_secret_key`), and a key or value that looks like a credential (`_secret_kind`).
These are heuristics, meant to err on the safe side. Its messages never repeat the secret: values are
shown through `_show`, free text goes through `_redact`.
"""

from __future__ import annotations

import json
import re
from itertools import pairwise

#: The shape of an environment variable name, which is what the file holds instead of a secret.
ENV_NAME_RE = re.compile(r"^[A-Z_][A-Z0-9_]*$")

_SECRET_VALUE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\d{8,10}:[A-Za-z0-9_-]{35}"), "telegram"),
    (re.compile(r"\b(?:EAA[A-Za-z0-9]{30,}|IG[A-Z]{2}[A-Za-z0-9_-]{40,})"), "meta"),
    (re.compile(r"\bvk1\.a\.[A-Za-z0-9_-]{30,}|\b[0-9a-f]{72,}\b"), "vk"),
    (re.compile(r"\bAIza[0-9A-Za-z_-]{35}|\bya29\.[0-9A-Za-z_-]{20,}"), "google"),
    (re.compile(r"://[^/\s:@]+:[^/\s@]+@"), "url-password"),
)
_LONG_RUN_RE = re.compile(r"[A-Za-z0-9_+=-]{32,}")
_SECRET_KEY_RE = re.compile(
    r"(^|[_-])(token|tokens|secret|password|passwd|pwd|api[_-]?key|access[_-]?token|private[_-]?key"
    r"|client[_-]?secret|app[_-]?secret)($|[_-])",
    re.IGNORECASE,
)


def _secret_kind(value: str) -> str | None:
    """What kind of credential `value` contains, or None. Heuristic, and meant to err on the safe side."""
    for pattern, kind in _SECRET_VALUE_PATTERNS:
        if pattern.search(value):
            return kind
    for run in _LONG_RUN_RE.findall(value):
        if _looks_random(run):
            return "generic"
    return None


def _class_of(ch: str) -> int:
    return 0 if ch.isupper() else 1 if ch.islower() else 2 if ch.isdigit() else 3


def _looks_random(run: str) -> bool:
    """Upper case, lower case and digits, switching often: a key, not a CamelCaseName2024."""
    classes = [_class_of(c) for c in run]
    if not {0, 1, 2} <= set(classes):
        return False
    switches = sum(a != b for a, b in pairwise(classes))
    return switches >= 0.45 * (len(run) - 1)


def _is_secret_key(key: str, value: object) -> bool:
    """A key whose name says it holds a secret. `*_env` keys that name a variable are fine."""
    if not _SECRET_KEY_RE.search(key):
        return False
    names_a_variable = isinstance(value, str) and ENV_NAME_RE.match(value) is not None
    return not (key.lower().endswith("_env") and names_a_variable)


def _show(value: object, limit: int = 60) -> str:
    """A value as it may appear in a message: quoted, shortened, and never a secret."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if not isinstance(value, str):
        return str(value) if isinstance(value, int | float) else type(value).__name__
    if _secret_kind(value):
        return '"***"'
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return json.dumps(value, ensure_ascii=False)


def _redact(text: str) -> str:
    """`text` with every part that looks like a credential replaced by ***."""
    for pattern, _ in _SECRET_VALUE_PATTERNS:
        text = pattern.sub("***", text)
    return _LONG_RUN_RE.sub(lambda m: "***" if _looks_random(m.group()) else m.group(), text)


def env_name_for(channel_id: object) -> str:
    """The conventional environment variable for a channel's token: tg-main -> ARNA_TG_MAIN_TOKEN.

    Without a usable id, the example name ARNA_TG_MAIN_TOKEN.
    """
    stem = _env_stem(channel_id)
    return f"ARNA_{stem}_TOKEN" if stem else "ARNA_TG_MAIN_TOKEN"


def _env_stem(name: object) -> str:
    """`name` as part of a variable name: tg-main -> TG_MAIN. Empty for a non-string or a secret."""
    if not isinstance(name, str) or _secret_kind(name):
        return ""
    return re.sub(r"[^A-Z0-9]+", "_", name.upper()).strip("_")
