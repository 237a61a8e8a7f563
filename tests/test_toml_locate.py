"""posts.toml_locate: the line of every key, table and array element of a TOML text."""

from __future__ import annotations

import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from posts.toml_locate import KeyPath, TomlIndex, locate


def line_with(text: str, needle: str, nth: int = 0) -> int:
    """The 1-based number of the nth line that contains `needle`."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[nth]


DOC = '''\
# a comment with [fake] and fake = 1
title = "x"  # trailing [comment]
[office]
id = "a#b"
"quoted.key" = 1
'lit "key"' = 2
a . b.c = 3
text = """
fake = 1
[fake]
\\""" still = "inside"
"""
lit = \'\'\'
[[channels]]
\'\'\'
quotes = """ends with two quotes"" """
[[channels]]
id = "one"
slots = [
  "mon 10:00",  # comment, with ] and ,
  "tue 11:00",
]
inline = { x = 1, "y z" = [1,
  2] }
[[channels]]
id = "two"
[channels.meta]
k = 'v'
[[channels.hooks]]
n = 1
[[channels.hooks]]
n = 2
[[channels]]
id = "three"
[[channels.hooks]]
n = 3
'''


def test_the_document_is_valid_toml() -> None:
    data = tomllib.loads(DOC)
    assert [c["id"] for c in data["channels"]] == ["one", "two", "three"]


def test_keys_tables_and_dotted_and_quoted_keys() -> None:
    index = TomlIndex(DOC)
    assert index.exact(("title",)) == line_with(DOC, "title =")
    assert index.exact(("office",)) == line_with(DOC, "[office]")
    assert index.exact(("office", "id")) == line_with(DOC, 'id = "a#b"')
    assert index.exact(("office", "quoted.key")) == line_with(DOC, '"quoted.key"')
    assert index.exact(("office", 'lit "key"')) == line_with(DOC, "'lit")
    for path in (("office", "a"), ("office", "a", "b"), ("office", "a", "b", "c")):
        assert index.exact(path) == line_with(DOC, "a . b.c")


def test_multiline_strings_are_not_read_as_keys() -> None:
    index = TomlIndex(DOC)
    assert index.exact(("office", "text")) == line_with(DOC, 'text = """')
    assert index.exact(("office", "lit")) == line_with(DOC, "lit =")
    assert index.exact(("office", "quotes")) == line_with(DOC, "quotes =")
    assert index.exact(("fake",)) is None
    assert index.exact(("office", "fake")) is None
    assert index.exact(("office", "still")) is None
    assert index.exact(("title", "fake")) is None
    # the [[channels]] inside the literal string did not count as an element
    assert index.exact(("channels", 0, "id")) == line_with(DOC, 'id = "one"')


def test_arrays_of_tables_are_counted_per_parent_element() -> None:
    index = TomlIndex(DOC)
    assert index.exact(("channels", 0)) == line_with(DOC, "[[channels]]", 1)
    assert index.exact(("channels", 1)) == line_with(DOC, "[[channels]]", 2)
    assert index.exact(("channels", 2)) == line_with(DOC, "[[channels]]", 3)
    assert index.exact(("channels", 1, "id")) == line_with(DOC, 'id = "two"')
    assert index.exact(("channels", 1, "meta", "k")) == line_with(DOC, "k = 'v'")
    assert index.exact(("channels", 1, "hooks", 0, "n")) == line_with(DOC, "n = 1")
    assert index.exact(("channels", 1, "hooks", 1, "n")) == line_with(DOC, "n = 2")
    # the hooks of the third channel start again at 0
    assert index.exact(("channels", 2, "hooks", 0, "n")) == line_with(DOC, "n = 3")
    assert index.exact(("channels", 2, "hooks", 1)) is None


def test_multiline_arrays_and_inline_tables() -> None:
    index = TomlIndex(DOC)
    assert index.exact(("channels", 0, "slots")) == line_with(DOC, "slots = [")
    assert index.exact(("channels", 0, "slots", 0)) == line_with(DOC, '"mon 10:00"')
    assert index.exact(("channels", 0, "slots", 1)) == line_with(DOC, '"tue 11:00"')
    assert index.exact(("channels", 0, "slots", 2)) is None
    assert index.exact(("channels", 0, "inline", "x")) == line_with(DOC, "inline = {")
    assert index.exact(("channels", 0, "inline", "y z", 1)) == line_with(DOC, "2] }")


def test_line_of_falls_back_to_the_nearest_enclosing_table() -> None:
    index = TomlIndex(DOC)
    assert index.line_of(("channels", 1, "network")) == line_with(DOC, "[[channels]]", 2)
    assert index.line_of(("office", "missing", "deeper")) == line_with(DOC, "[office]")
    assert index.line_of(("nowhere",)) is None
    assert index.line_of(()) is None
    assert locate(DOC, ("channels", 2, "id")) == line_with(DOC, 'id = "three"')


def test_super_tables_defined_implicitly_by_a_header() -> None:
    text = "[hashtags.directions]\nknowledge = []\n\n[hashtags]\nrequired = []\n"
    index = TomlIndex(text)
    assert index.exact(("hashtags",)) == 1
    assert index.exact(("hashtags", "directions", "knowledge")) == 2
    assert index.exact(("hashtags", "required")) == 5


def test_windows_line_endings_and_a_missing_final_newline() -> None:
    text = '[office]\r\nid = "x"\r\n\r\n[storage]\r\nmax_media_mb = 5'
    tomllib.loads(text)
    index = TomlIndex(text)
    assert index.exact(("office", "id")) == 2
    assert index.exact(("storage", "max_media_mb")) == 5


def test_whitespace_inside_headers() -> None:
    text = '[ a . "b c" ]\nk = 1\n[[ arr ]]\nv = 1\n'
    tomllib.loads(text)
    index = TomlIndex(text)
    assert index.exact(("a", "b c", "k")) == 2
    assert index.exact(("arr", 0, "v")) == 4


# -- properties ------------------------------------------------------------------------------

names = st.sampled_from(["id", "name", "x", "a-b", "with space", "dotted.name", "ключ", "k_2"])
tricky = st.sampled_from(
    ["plain", "# not a comment", "k = v", "[not.a.table]", "[[nor.this]]", 'say "hi"', "a\\b", "'"]
)


def key_text(name: str) -> str:
    bare = all(c.isascii() and (c.isalnum() or c in "_-") for c in name)
    return name if bare else '"' + name + '"'


@st.composite
def values(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """A TOML value as text, and for array elements, (index, line offset) pairs."""
    kind = draw(st.sampled_from(["int", "str", "ml", "lit", "array", "bool"]))
    if kind == "int":
        return str(draw(st.integers(-1000, 1000))), []
    if kind == "bool":
        return draw(st.sampled_from(["true", "false"])), []
    s = draw(tricky)
    if kind == "str":
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"', []
    if kind == "lit":
        return ("'" + s + "'", []) if "'" not in s else ('"x"', [])
    if kind == "ml":
        inner = s.replace("\\", "\\\\").replace('"', '\\"')
        return '"""\n' + inner + "\nk2 = 1\n[fake]\n" + '"""', []
    n = draw(st.integers(0, 4))
    one_per_line = draw(st.booleans())
    if one_per_line:
        return "[\n" + "".join(f"  {i},  # {s}\n" for i in range(n)) + "]", [
            (i, i + 1) for i in range(n)
        ]
    return "[" + ", ".join(str(i) for i in range(n)) + "]", [(i, 0) for i in range(n)]


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, dict[KeyPath, int]]:
    """A TOML document with tables and arrays of tables, and the expected line of each key."""
    lines: list[str] = []
    expected: dict[KeyPath, int] = {}
    counts: dict[str, int] = {}
    for _ in range(draw(st.integers(1, 5))):
        table = draw(st.sampled_from(["office", "storage", "channels", "hooks", "my table"]))
        is_array = table in ("channels", "hooks")
        if not is_array and (table,) in expected:
            continue
        if is_array:
            counts[table] = counts.get(table, -1) + 1
            path: KeyPath = (table, counts[table])
            lines.append(f"[[{key_text(table)}]]")
        else:
            path = (table,)
            lines.append(f"[{key_text(table)}]")
        expected[path] = len(lines)
        used: set[str] = set()
        for name in draw(st.lists(names, max_size=4)):
            if name in used:
                continue
            used.add(name)
            text, elements = draw(values())
            first = len(lines) + 1
            lines.extend(f"{key_text(name)} = {text}".split("\n"))
            expected[(*path, name)] = first
            for index, offset in elements:
                expected[(*path, name, index)] = first + offset
        if draw(st.booleans()):
            lines.append("# comment [x] y = 2")
    return "\n".join(lines) + "\n", expected


@settings(max_examples=200)
@given(documents())
def test_every_key_of_a_generated_document_is_found_on_its_line(
    doc: tuple[str, dict[KeyPath, int]],
) -> None:
    text, expected = doc
    tomllib.loads(text)  # the generator writes valid TOML
    index = TomlIndex(text)
    for path, line in expected.items():
        assert index.exact(path) == line, (path, text)
    assert not any(p[0] == "fake" or "k2" in p for p in index.paths()), "read inside a string"


@given(st.text(alphabet=st.sampled_from(list("[]{}\"'#=.,\n ab1\\")), max_size=200))
def test_any_text_is_scanned_without_error(text: str) -> None:
    index = TomlIndex(text)
    for path, line in index.paths().items():
        assert 1 <= line <= text.count("\n") + 1, path
