"""Telegram's HTML parse mode: plain text plus Bot API entities, or Telegram's own error.

`parse_html` follows TDLib's `parse_html` (td/telegram/MessageEntity.cpp), which the Bot API server
runs for `parse_mode=HTML`, byte for byte: it walks the UTF-8 bytes, so error offsets are byte
offsets into the UTF-8 text, and entity offsets and lengths are UTF-16 code units. Its quirks are
kept on purpose, because they are what a real post meets:

- `&` that does not start `&lt;`, `&gt;`, `&amp;`, `&quot;` or a numeric reference is kept as a
  literal `&` (TDLib does not refuse it); the `;` after a known entity is optional.
- A `<` always opens a tag: `a < b` fails with `Unsupported start tag "" at byte offset 2`.
- Attribute values may be quoted or bare name tokens; unknown attributes are ignored.
- `</>` closes whatever tag is open; an empty element yields no entity.

`finalize_text` then does the part of TDLib's `fix_formatted_text` that a post can notice: it trims
whitespace at both ends, merges touching entities of the same splittable type, keeps code and pre
free of other entities, and sorts entities as Telegram returns them. Not emulated: the automatic
entities (url, mention, hashtag, bot_command...), which Telegram adds to `entities` on its own,
the `<tg-time>` tag of newer Bot API versions, and the undocumented cap of about 100 entities.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "HtmlParseError",
    "ParsedText",
    "finalize_text",
    "parse_html",
    "utf16_len",
]

# TDLib's is_space(): the C string's terminating NUL counts as a space.
_SPACE = frozenset(b" \t\r\n\0\v")
_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)
_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "u": "underline",
    "ins": "underline",
    "tg-spoiler": "spoiler",
}
_NAMED_ENTITIES = {b"lt": ord("<"), b"gt": ord(">"), b"amp": ord("&"), b"quot": ord('"')}
_HEX = {c: int(chr(c), 16) for c in b"0123456789abcdefABCDEF"}
# Entities that may overlap anything but code and pre; TDLib re-splits and merges them.
_SPLITTABLE = ("bold", "italic", "underline", "strikethrough", "spoiler")
# TDLib's MessageEntity::get_type_priority, which breaks ties when entities start together.
_PRIORITY = {
    "bold": 90,
    "italic": 91,
    "code": 20,
    "pre": 11,
    "text_link": 49,
    "text_mention": 49,
    "underline": 92,
    "strikethrough": 93,
    "blockquote": 0,
    "expandable_blockquote": 0,
    "spoiler": 94,
    "custom_emoji": 99,
}
_TRIM = " \t\n\r\v\f"
_MAX_INT64 = 2**63 - 1


class HtmlParseError(ValueError):
    """Telegram refused the markup; `str(error)` is the text after "can't parse entities: "."""


@dataclass(frozen=True)
class ParsedText:
    """Text as Telegram stores it, with Bot API `MessageEntity` dicts (UTF-16 offsets)."""

    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's offsets and (here) of its limits."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _is_alpha(c: int) -> bool:
    return 65 <= c <= 90 or 97 <= c <= 122


def _is_alnum(c: int) -> bool:
    return _is_alpha(c) or 48 <= c <= 57


def _lower(raw: bytes) -> str:
    """TDLib's to_lower (ASCII only), shown as text."""
    return raw.lower().decode("utf-8", "replace")


def _decode_entity(data: bytes, pos: int) -> tuple[int, int]:
    """Decode the character reference at `data[pos] == '&'`.

    Returns (code point, position after it), or (0, pos) when TDLib keeps the `&` literally.
    """
    end = pos + 1
    code = 0
    if data[pos + 1] == ord("#"):
        end += 1
        if data[pos + 2] == ord("x"):
            end += 1
            while data[end] in _HEX:
                code = code * 16 + _HEX[data[end]]
                end += 1
        else:
            while 48 <= data[end] <= 57:
                code = code * 10 + data[end] - 48
                end += 1
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return 0, pos
    else:
        while _is_alpha(data[end]):
            end += 1
        code = _NAMED_ENTITIES.get(data[pos + 1 : end], 0)
        if code == 0:
            return 0, pos
    if data[end] == ord(";"):
        end += 1
    return code, end


def _parse_int64(value: str) -> int | None:
    """TDLib's to_integer_safe<int64>: an optional minus sign and digits, nothing else."""
    digits = value[1:] if value.startswith("-") else value
    if not digits or not digits.isascii() or not digits.isdigit():
        return None
    number = int(value)
    return number if -_MAX_INT64 - 1 <= number <= _MAX_INT64 else None


def _checked_link(url: str) -> str | None:
    """A rough LinkManager::get_checked_link: the URL Telegram keeps, or None to drop the entity."""
    url = url.strip()
    if not url or any(ch.isspace() for ch in url):
        return None
    scheme, sep, rest = url.partition(":")
    scheme = scheme.lower()
    if sep and scheme in ("tg", "ton", "tonsite"):
        return f"{scheme}:{rest}"
    if not sep or not rest.startswith("//"):
        if "://" in url or (sep and scheme.isalpha() and not rest[:1].isdigit()):
            return None  # another scheme (mailto:, javascript:...) or a broken one
        scheme, rest = "http", "//" + url
    if scheme not in ("http", "https"):
        return None
    host_and_path = rest[2:]
    host = host_and_path.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if not host or host.startswith(".") or ("." not in host and host.lower() != "localhost"):
        return None
    if host_and_path == host:
        host_and_path += "/"
    return f"{scheme}://{host_and_path}"


def _link_user_id(url: str) -> int | None:
    """LinkManager::get_link_user_id: `tg://user?id=N` mentions a user instead of linking."""
    lowered = url.lower()
    for prefix in ("tg://user?id=", "tg:user?id="):
        if lowered.startswith(prefix):
            number = _parse_int64(url[len(prefix) :])
            if number is not None and number > 0:
                return number
    return None


@dataclass
class _Open:
    tag: str
    argument: str
    utf16_offset: int
    out_pos: int


def parse_html(source: str) -> ParsedText:
    """Parse `source` as Telegram's HTML parse mode; raise HtmlParseError as Telegram would."""
    data = source.encode("utf-8") + b"\0"  # NUL sentinel, like the C string TDLib walks
    size = len(data) - 1
    out = bytearray()
    entities: list[dict[str, Any]] = []
    stack: list[_Open] = []
    utf16 = 0
    saw_surrogate = False
    i = 0
    while i < size:
        c = data[i]
        if c == ord("&"):
            code, after = _decode_entity(data, i)
            if code:
                utf16 += 1 + (code > 0xFFFF)
                saw_surrogate |= 0xD800 <= code <= 0xDFFF
                out += chr(code).encode("utf-8", "surrogatepass")
                i = after
                continue
        if c != ord("<"):
            if c & 0xC0 != 0x80:  # the first byte of a UTF-8 sequence
                utf16 += 1 + (c >= 0xF0)
            out.append(c)
            i += 1
            continue

        begin = i
        i += 1
        if data[i] != ord("/"):
            i = _open_tag(data, begin, i, stack, utf16, len(out))
        else:
            i = _close_tag(data, begin, i, stack, entities, out, utf16)
        i += 1  # past '>'
    if stack:
        raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    if saw_surrogate:
        raise HtmlParseError(
            "Text contains invalid Unicode characters after decoding HTML entities, "
            "check for unmatched surrogate code units"
        )
    return ParsedText(bytes(out).decode("utf-8"), _sorted(entities))


def _open_tag(data: bytes, begin: int, i: int, stack: list[_Open], utf16: int, out_pos: int) -> int:
    """Read a start tag from `data[begin] == '<'`; return the index of its closing `>`."""
    while data[i] not in _SPACE and data[i] != ord(">"):
        i += 1
    if data[i] == 0:
        raise HtmlParseError(f"Unclosed start tag at byte offset {begin}")
    tag = _lower(data[begin + 1 : i])
    if tag not in _TAGS:
        raise HtmlParseError(f'Unsupported start tag "{tag}" at byte offset {begin}')

    argument = ""
    while data[i] != ord(">"):
        while data[i] != 0 and data[i] in _SPACE:
            i += 1
        if data[i] == ord(">"):
            break
        name_begin = i
        while data[i] not in _SPACE and data[i] not in b"=>/\"'":
            i += 1
        name = data[name_begin:i]
        if not name:
            raise HtmlParseError(f'Empty attribute name in the tag "{tag}" at byte offset {begin}')
        while data[i] != 0 and data[i] in _SPACE:
            i += 1
        if data[i] != ord("="):
            if data[i] == 0:
                raise HtmlParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
            if tag == "blockquote" and name == b"expandable":
                argument = "1"
            continue
        i += 1
        while data[i] != 0 and data[i] in _SPACE:
            i += 1
        if data[i] == 0:
            raise HtmlParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')

        if data[i] not in b"\"'":
            # A name token: letters, digits, periods and hyphens, not case sensitive.
            token_begin = i
            while _is_alnum(data[i]) or data[i] in b".-":
                i += 1
            value = _lower(data[token_begin:i])
            if data[i] not in _SPACE and data[i] != ord(">"):
                raise HtmlParseError(f"Unexpected end of name token at byte offset {token_begin}")
        else:
            quote = data[i]
            i += 1
            raw = bytearray()
            while data[i] != quote and data[i] != 0:
                if data[i] == ord("&"):
                    code, after = _decode_entity(data, i)
                    if code:
                        raw += chr(code).encode("utf-8", "surrogatepass")
                        i = after
                        continue
                raw.append(data[i])
                i += 1
            if data[i] == quote:
                i += 1
            value = bytes(raw).decode("utf-8", "replace")
        if data[i] == 0:
            raise HtmlParseError(f"Unclosed start tag at byte offset {begin}")

        if tag == "a" and name == b"href":
            argument = value
        elif tag == "code" and name == b"class" and value.startswith("language-"):
            argument = value[len("language-") :]
        elif tag == "span" and name == b"class" and value.startswith("tg-"):
            argument = value[len("tg-") :]
        elif tag == "tg-emoji" and name == b"emoji-id":
            argument = value
        elif tag == "blockquote" and name == b"expandable":
            argument = "1"

    if tag == "span" and argument != "spoiler":
        raise HtmlParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {begin}')
    stack.append(_Open(tag, argument, utf16, out_pos))
    return i


def _close_tag(
    data: bytes,
    begin: int,
    i: int,
    stack: list[_Open],
    entities: list[dict[str, Any]],
    out: bytearray,
    utf16: int,
) -> int:
    """Read an end tag from `data[begin] == '<'`, add its entity; return the index of `>`."""
    if not stack:
        raise HtmlParseError(f"Unexpected end tag at byte offset {begin}")
    while data[i] not in _SPACE and data[i] != ord(">"):
        i += 1
    end_tag = _lower(data[begin + 2 : i])
    while data[i] in _SPACE and data[i] != 0:
        i += 1
    if data[i] != ord(">"):
        raise HtmlParseError(f"Unclosed end tag at byte offset {begin}")
    top = stack[-1]
    if end_tag and end_tag != top.tag:
        raise HtmlParseError(
            f'Unmatched end tag at byte offset {begin}, expected "</{top.tag}>", '
            f'found "</{end_tag}>"'
        )
    stack.pop()
    if utf16 <= top.utf16_offset:
        return i  # an empty element makes no entity
    offset, length = top.utf16_offset, utf16 - top.utf16_offset
    last = entities[-1] if entities else None
    same_span = last is not None and last["offset"] == offset and last["length"] == length
    if top.tag in _SIMPLE_TAGS or top.tag == "span":
        entities.append(_entity(_SIMPLE_TAGS.get(top.tag, "spoiler"), offset, length))
    elif top.tag == "tg-emoji":
        emoji_id = _parse_int64(top.argument)
        if not emoji_id:
            raise HtmlParseError("Invalid custom emoji identifier specified")
        entities.append(_entity("custom_emoji", offset, length, custom_emoji_id=str(emoji_id)))
    elif top.tag == "a":
        url = top.argument or bytes(out[top.out_pos :]).decode("utf-8", "replace")
        user_id = _link_user_id(url)
        if user_id is not None:
            user = {"id": user_id, "is_bot": False, "first_name": str(user_id)}
            entities.append(_entity("text_mention", offset, length, user=user))
        elif (checked := _checked_link(url)) is not None:
            entities.append(_entity("text_link", offset, length, url=checked))
    elif top.tag == "pre":
        if same_span and last is not None and last["type"] == "code" and last.get("language"):
            last["type"] = "pre"
        else:
            entities.append(_entity("pre", offset, length))
    elif top.tag == "code":
        if same_span and last is not None and last["type"] == "pre" and top.argument:
            last["language"] = top.argument
        else:
            entity = _entity("code", offset, length)
            if top.argument:
                entity["language"] = top.argument  # dropped below unless a <pre> claims it
            entities.append(entity)
    else:  # blockquote
        kind = "expandable_blockquote" if top.argument else "blockquote"
        entities.append(_entity(kind, offset, length))
    return i


def _entity(kind: str, offset: int, length: int, **extra: Any) -> dict[str, Any]:
    return {"type": kind, "offset": offset, "length": length, **extra}


def _sorted(entities: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    result = list(entities)
    for entity in result:
        if entity["type"] == "code":
            entity.pop("language", None)
    result.sort(key=lambda e: (e["offset"], -e["length"], _PRIORITY.get(e["type"], 50)))
    return result


def _to_utf16_index(text: str) -> list[int]:
    """For each character position (and the end), its offset in UTF-16 code units."""
    index = [0] * (len(text) + 1)
    total = 0
    for n, ch in enumerate(text):
        index[n] = total
        total += 2 if ord(ch) > 0xFFFF else 1
    index[len(text)] = total
    return index


def finalize_text(text: str, entities: Sequence[dict[str, Any]] = ()) -> ParsedText:
    """Trim and tidy text + entities the way Telegram stores a message (see the module doc)."""
    units = _to_utf16_index(text)
    start = len(text) - len(text.lstrip(_TRIM))
    end = len(text.rstrip(_TRIM)) if start < len(text) else start
    left, right = units[start], units[end]
    trimmed = text[start:end]

    clipped: list[dict[str, Any]] = []
    for entity in entities:
        lo = max(int(entity["offset"]), left)
        hi = min(int(entity["offset"]) + int(entity["length"]), right)
        if hi > lo:
            clipped.append({**entity, "offset": lo - left, "length": hi - lo})

    # Code and pre hold no other entity: cut the others out of them.
    solid = [e for e in clipped if e["type"] in ("code", "pre")]
    solid.sort(key=lambda e: (e["offset"], -e["length"]))
    kept_solid: list[dict[str, Any]] = []
    for entity in solid:
        if kept_solid and entity["offset"] < kept_solid[-1]["offset"] + kept_solid[-1]["length"]:
            continue  # code inside pre (or overlapping): the outer one wins
        kept_solid.append(entity)
    holes = [(e["offset"], e["offset"] + e["length"]) for e in kept_solid]

    result: list[dict[str, Any]] = list(kept_solid)
    flags: dict[str, list[tuple[int, int]]] = {kind: [] for kind in _SPLITTABLE}
    for entity in clipped:
        if entity["type"] in ("code", "pre"):
            continue
        lo, hi = entity["offset"], entity["offset"] + entity["length"]
        if entity["type"] in flags:
            flags[entity["type"]].extend(_cut(lo, hi, holes))
        elif not any(lo < h_hi and h_lo < hi for h_lo, h_hi in holes):
            result.append(entity)
    for kind, spans in flags.items():
        for lo, hi in _merge(spans):
            result.append(_entity(kind, lo, hi - lo))
    return ParsedText(trimmed, _sorted(result))


def _cut(lo: int, hi: int, holes: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """[lo, hi) minus the holes."""
    pieces = [(lo, hi)]
    for h_lo, h_hi in holes:
        next_pieces = []
        for p_lo, p_hi in pieces:
            if h_hi <= p_lo or p_hi <= h_lo:
                next_pieces.append((p_lo, p_hi))
                continue
            if p_lo < h_lo:
                next_pieces.append((p_lo, h_lo))
            if h_hi < p_hi:
                next_pieces.append((h_hi, p_hi))
        pieces = next_pieces
    return pieces


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of spans, touching ones joined (TDLib keeps one entity per run of a style)."""
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged
