"""Errors a user can act on: each names where the problem is and how to fix it.

`ArnaError` is the root. Its subclasses say what kind of problem it is, so that the CLI can map them to
exit codes and the desk to HTTP answers without parsing messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from posts.i18n import DEFAULT_LANG, Lang, Text

WHERE = Text(kk="қай жерде", ru="где", en="where")
FIX = Text(kk="қалай түзетуге болады", ru="как исправить", en="fix")


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem is: a file, a 1-based line, and a key path such as `channels[2].network`."""

    file: str | None = None
    line: int | None = None
    key: str | None = None

    def __str__(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file + (f":{self.line}" if self.line else ""))
        elif self.line:
            parts.append(f"line {self.line}")
        if self.key:
            parts.append(self.key)
        return ": ".join(parts)


@dataclass
class Problem:
    """One problem: a message and an optional fix, both trilingual, with their parameters."""

    message: Text
    location: Location = field(default_factory=Location)
    fix: Text | None = None
    params: dict[str, object] = field(default_factory=dict)

    def render(self, lang: Lang = DEFAULT_LANG) -> str:
        text = self.message.format(lang, **self.params)
        where = str(self.location)
        out = f"{where}: {text}" if where else text
        if self.fix is not None:
            out += f"\n    {FIX.get(lang)}: {self.fix.format(lang, **self.params)}"
        return out


class ArnaError(Exception):
    """A problem the user can fix. Carries one or more `Problem`s."""

    def __init__(self, problems: Problem | list[Problem]):
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__(self.render(DEFAULT_LANG))

    @classmethod
    def of(
        cls,
        message: Text,
        *,
        file: str | None = None,
        line: int | None = None,
        key: str | None = None,
        fix: Text | None = None,
        **params: object,
    ) -> ArnaError:
        return cls(Problem(message, Location(file, line, key), fix, dict(params)))

    def render(self, lang: Lang = DEFAULT_LANG) -> str:
        return "\n".join(p.render(lang) for p in self.problems)


class InputError(ArnaError):
    """A draft, a media file or an argument is wrong. Nothing was written."""


class ConfigError(ArnaError):
    """config.toml is wrong."""


class LifecycleError(ArnaError):
    """An action that the post lifecycle does not allow."""


class StorageError(ArnaError):
    """The database could not do what was asked (locked, unreachable, not migrated)."""


class NotFoundError(ArnaError):
    """A post, story or media item that does not exist."""
