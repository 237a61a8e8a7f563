"""Line numbers for the keys of a TOML document.

`tomllib` returns plain dicts with no positions, so error messages could not say on which line a key
is written. `TomlIndex` scans the source once and remembers the 1-based line of every key, table and
array element, addressed by a key path such as ``("channels", 2, "network")``.

The scanner understands what it must in order not to be fooled: table headers ``[a.b]``, arrays of
tables ``[[a]]`` (each gets the next index), ``key = value`` with dotted and quoted keys, inline tables
and arrays (which may span lines), comments, and basic and literal strings, including multi-line ones,
whose content is never read as keys. It does not validate: it expects a document that `tomllib`
accepts, and on anything else it still terminates without raising, giving best-effort lines.
"""

from __future__ import annotations

import tomllib
from bisect import bisect_right

KeyPath = tuple[str | int, ...]

_BARE_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_SCALAR_END = frozenset(",]}\n#")


class TomlIndex:
    """The line of every key path in one TOML source text."""

    def __init__(self, source: str) -> None:
        scanner = _Scanner(source)
        scanner.scan()
        self._lines: dict[KeyPath, int] = scanner.lines

    def exact(self, path: KeyPath) -> int | None:
        """The line where exactly `path` is written, or None."""
        return self._lines.get(tuple(path))

    def line_of(self, path: KeyPath) -> int | None:
        """The line of `path`, else of its nearest enclosing table or element; None if none is."""
        path = tuple(path)
        while path:
            line = self._lines.get(path)
            if line is not None:
                return line
            path = path[:-1]
        return None

    def paths(self) -> dict[KeyPath, int]:
        """A copy of the whole index: key path to line."""
        return dict(self._lines)


def locate(source: str, path: KeyPath) -> int | None:
    """The 1-based line of `path` (or of its nearest enclosing table) in `source`."""
    return TomlIndex(source).line_of(path)


class _Scanner:
    """A forgiving recursive-descent reader that records positions, not values."""

    def __init__(self, source: str) -> None:
        self.s = source
        self.n = len(source)
        self.i = 0
        self.line_starts = [0] + [k + 1 for k, ch in enumerate(source) if ch == "\n"]
        self.lines: dict[KeyPath, int] = {}

    # -- helpers -------------------------------------------------------------------------------
    def peek(self) -> str:
        return self.s[self.i] if self.i < self.n else ""

    def record(self, path: KeyPath, pos: int) -> None:
        """Remember `path` and each of its prefixes at the line of `pos`; the first mention wins."""
        line = bisect_right(self.line_starts, pos)
        for k in range(1, len(path) + 1):
            self.lines.setdefault(path[:k], line)

    def skip_space(self, *, newlines: bool) -> None:
        """Skip spaces and tabs, comments, and (if asked) line breaks."""
        while self.i < self.n:
            ch = self.s[self.i]
            if ch in " \t\r" or (newlines and ch == "\n"):
                self.i += 1
            elif ch == "#":
                end = self.s.find("\n", self.i)
                self.i = self.n if end < 0 else end
            else:
                return

    def skip_line(self) -> None:
        """Move past the end of the current line."""
        end = self.s.find("\n", self.i)
        self.i = self.n if end < 0 else end + 1

    # -- document ------------------------------------------------------------------------------
    def scan(self) -> None:
        table: KeyPath = ()
        counts: dict[KeyPath, int] = {}  # how many elements each array of tables has so far
        while True:
            self.skip_space(newlines=True)
            if self.i >= self.n:
                return
            start = self.i
            if self.s[self.i] == "[":
                is_array = self.s.startswith("[[", self.i)
                self.i += 2 if is_array else 1
                keys = self.key()
                if keys:
                    table = _resolve(keys, counts, is_array=is_array)
                    self.record(table, start)
            else:
                keys = self.key()
                self.skip_space(newlines=False)
                if keys and self.peek() == "=":
                    self.i += 1
                    self.skip_space(newlines=False)
                    path = table + tuple(keys)
                    self.record(path, start)
                    self.value(path)
            self.skip_line()

    def key(self) -> list[str]:
        """A dotted key: simple keys separated by dots, with optional spaces around the dots."""
        parts: list[str] = []
        while True:
            self.skip_space(newlines=False)
            part = self.simple_key()
            if part is None:
                return parts
            parts.append(part)
            self.skip_space(newlines=False)
            if self.peek() != ".":
                return parts
            self.i += 1

    def simple_key(self) -> str | None:
        ch = self.peek()
        if ch in ('"', "'"):
            start = self.i
            self.i = self.string_end(start, ch)
            raw = self.s[start : self.i]
            try:
                return str(tomllib.loads(f"k = {raw}")["k"])
            except tomllib.TOMLDecodeError:
                return raw[1:-1]
        start = self.i
        while self.i < self.n and self.s[self.i] in _BARE_KEY_CHARS:
            self.i += 1
        return self.s[start : self.i] if self.i > start else None

    # -- values --------------------------------------------------------------------------------
    def value(self, path: KeyPath) -> None:
        ch = self.peek()
        if ch in ('"', "'"):
            self.i = self.string_end(self.i, ch)
        elif ch == "[":
            self.array(path)
        elif ch == "{":
            self.inline_table(path)
        else:
            while self.i < self.n and self.s[self.i] not in _SCALAR_END:
                self.i += 1

    def array(self, path: KeyPath) -> None:
        self.i += 1
        index = 0
        while self.i < self.n:
            self.skip_space(newlines=True)
            if self.peek() in ("]", ""):
                self.i += 1
                return
            before = self.i
            self.record((*path, index), self.i)
            self.value((*path, index))
            self.skip_space(newlines=True)
            if self.peek() == ",":
                self.i += 1
                index += 1
            elif self.i == before:  # a stray character: step over it rather than loop forever
                self.i += 1

    def inline_table(self, path: KeyPath) -> None:
        self.i += 1
        while self.i < self.n:
            self.skip_space(newlines=True)
            if self.peek() in ("}", ""):
                self.i += 1
                return
            before = self.i
            keys = self.key()
            self.skip_space(newlines=False)
            if keys and self.peek() == "=":
                self.i += 1
                self.skip_space(newlines=False)
                sub = path + tuple(keys)
                self.record(sub, before)
                self.value(sub)
            self.skip_space(newlines=True)
            if self.peek() == "," or self.i == before:
                self.i += 1

    def string_end(self, start: int, quote: str) -> int:
        """The index just past the string that opens at `start` (basic or literal, 1 or 3 quotes)."""
        s, n = self.s, self.n
        escapes = quote == '"'
        if s.startswith(quote * 3, start):
            j = start + 3
            while j < n:
                if escapes and s[j] == "\\":
                    j += 2
                elif s.startswith(quote * 3, j):
                    j += 3
                    extra = 0  # up to two quotes may directly precede the closing delimiter
                    while j < n and s[j] == quote and extra < 2:
                        j += 1
                        extra += 1
                    return j
                else:
                    j += 1
            return n
        j = start + 1
        while j < n and s[j] != "\n":
            if escapes and s[j] == "\\":
                j += 2
            elif s[j] == quote:
                return j + 1
            else:
                j += 1
        return min(j, n)


def _resolve(keys: list[str], counts: dict[KeyPath, int], *, is_array: bool) -> KeyPath:
    """The full path of a table header, with the current index of every enclosing array of tables.

    For ``[[a]]`` the element count of ``a`` goes up by one and the new element's index is appended.
    """
    path: list[str | int] = []
    for key in keys[:-1] if is_array else keys:
        path.append(key)
        current = counts.get(tuple(path))
        if current is not None:
            path.append(current)
    if is_array:
        path.append(keys[-1])
        array = tuple(path)
        counts[array] = counts.get(array, -1) + 1
        path.append(counts[array])
    return tuple(path)
