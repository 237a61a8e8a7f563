"""The commented config.toml that `arna init` writes.

The repository's top-level `config.toml` is exactly `render_default_config()` with the default
arguments (a test keeps them equal). To regenerate it: ``python -m posts.config_template > config.toml``.
"""

from __future__ import annotations

from collections.abc import Sequence

from posts.config import DEFAULT_QUIET_HOURS, DEFAULT_REQUIRED_HASHTAGS, env_name_for

DEFAULT_OFFICE_NAME = "«Рухани жаңғыру» Түркістан облыстық жобалық офисі"
DEFAULT_REGION = "Түркістан облысы"

#: Direction hashtags from the guide's list, in Kazakh and Russian. The guide writes some of them with
#: a space inside («#бәсекелестік қабілет», «#КЗэволюциялық дамуы»), which breaks a hashtag; here the
#: spaces are removed.
DIRECTION_HASHTAGS: dict[str, tuple[str, ...]] = {
    "knowledge": ("#біліммәдениеті", "#культзнания"),
    "open-mind": ("#сананыңашықтығы", "#открытостьсознания"),
    "pragmatism": ("#прагматизм",),
    "competitiveness": ("#бәсекелестікқабілет", "#конкурентоспособность"),
    "national-identity": ("#ұлттықбірегейліктісақтау", "#сохранениенациональнойидентичности"),
    "evolution": ("#КЗэволюциялықдамуы", "#эволюционноеразвитиеКЗ"),
}

_COMMENT_COLUMN = 34


def toml_string(value: str) -> str:
    """A TOML basic string: quoted, with quotes, backslashes and control characters escaped."""
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _array(items: Sequence[str]) -> str:
    return "[" + ", ".join(map(toml_string, items)) + "]"


def _line(key: str, value: str, comment: str = "") -> str:
    """`key = value`, with the comment aligned when there is room."""
    text = f"{key} = {value}"
    if not comment:
        return text
    return f"{text.ljust(_COMMENT_COLUMN - 2)}  # {comment}"


def _telegram_username(office_id: str) -> str:
    body = "rukhani_" + "".join(c if c.isalnum() else "_" for c in office_id)
    return "@" + body[:32]


def render_default_config(
    *,
    office_name: str = DEFAULT_OFFICE_NAME,
    office_id: str = "turkistan",
    region: str = DEFAULT_REGION,
    languages: Sequence[str] = ("kk", "ru"),
    timezone: str = "Asia/Almaty",
    ui_language: str = "kk",
    outbox_dir: str = "outbox",
    database: str = "arna.db",
    media_dir: str = "media",
    telegram_target: str | None = None,
    editors: Sequence[str] = (),
) -> str:
    """The text of a working, commented config.toml for one office.

    The values are written as given and escaped for TOML; validating them is the loader's job
    (`posts.config.parse_config`), which `arna init` runs on the result before writing it.
    """
    tg_target = telegram_target or _telegram_username(office_id)
    lines = [
        "# Arna workspace configuration, written by `arna init`. Edit it freely.",
        "# Paths are relative to the folder of this file. Unknown keys are errors, so typos show up.",
        "# Secrets never go in this file: each channel names the environment variable that holds",
        "# its token (credentials_env), and Arna reads the token from there.",
        "",
        "[office]",
        _line("id", toml_string(office_id), "short id: lowercase Latin letters, digits, -"),
        _line("name", toml_string(office_name), "the office's full name"),
        _line("region", toml_string(region), "the region the office serves"),
        _line("languages", _array(languages), "languages the office publishes in: kk, ru, en"),
        _line("timezone", toml_string(timezone), "IANA time zone of slots and quiet hours"),
        _line("ui_language", toml_string(ui_language), "language of Arna's messages: kk, ru, en"),
        "",
        "[storage]",
        _line("database", toml_string(database), "SQLite file; env ARNA_DATABASE_URL overrides"),
        _line("media_dir", toml_string(media_dir), "the media store (files kept by their sha256)"),
        _line("max_media_mb", "200", "largest media file accepted, in MiB (1-4096)"),
        "",
        "[schedule]",
        _line(
            "quiet_hours", toml_string(DEFAULT_QUIET_HOURS), "local time with no posts; may wrap"
        ),
        _line("max_lateness_hours", "6", "a missed post still goes out this many hours late"),
        _line("confirm_after_seconds", "60", "wait before checking a send whose answer was lost"),
        '# editors_chat_env = "ARNA_EDITORS_CHAT"  # env var with the editors\' Telegram chat id',
        '# audit_chat_env = "ARNA_AUDIT_CHAT"  # where unsure Telegram posts are checked (default:',
        "#                                     the editors' chat)",
        "",
        "[team]",
        "# Nobody approves their own post.",
        _line("editors", _array(editors), "login names (or ARNA_USER) of the editors"),
        "",
        "# Channels: one [[channels]] block each.",
        '#   id               unique short id; drafts name it (channel = "tg-main")',
        "#   network          telegram, instagram, facebook, vk, ok, x, youtube, or outbox",
        "#   target           @username or chat id, page id, group id; for outbox a folder",
        "#   languages        languages of the channel's posts (default: the office's)",
        "#   audience         popular (big public pages) or own (the office's pages); default own",
        "#   credentials_env  NAME of the environment variable with the token, never the token",
        "#   api_base_url     optional: the address of a self-hosted API server",
        "#   slots            weekly publishing slots in local time: mon..sun and HH:MM",
        "#   enabled          false pauses the channel",
        "#   deliver          network (send), or outbox (write to the outbox: not connected yet)",
        "#   long_caption     telegram, caption over 1024: refuse (default), or reply with the text",
        "#   link_preview     telegram: false hides link previews",
        "#   max_per_minute   at most this many posts a minute (default: the network's, Telegram 20)",
        "",
        "# The outbox writes each post as files into a folder instead of publishing it.",
        "[[channels]]",
        _line("id", toml_string("outbox")),
        _line("network", toml_string("outbox")),
        _line("target", toml_string(outbox_dir), "folder for the rendered posts"),
        _line("slots", "[]", "no weekly slots"),
        "",
        "[[channels]]",
        _line("id", toml_string("tg-main")),
        _line("network", toml_string("telegram")),
        _line("target", toml_string(tg_target), "the channel's @username or chat id"),
        _line("audience", toml_string("popular")),
        _line(
            "credentials_env", toml_string(env_name_for("tg-main")), "export it before `arna run`"
        ),
        _line(
            "slots",
            _array(["mon 10:00", "tue 12:30", "wed 18:30", "thu 10:00", "fri 12:30", "sat 11:00"]),
        ),
        _line("enabled", "true"),
        _line("deliver", toml_string("outbox"), 'to the outbox until the token is set; then "network"'),
        "",
        "[[channels]]",
        _line("id", toml_string("ig-main")),
        _line("network", toml_string("instagram")),
        _line("target", toml_string("17841400000000000"), "your Instagram professional account id"),
        _line("audience", toml_string("popular")),
        _line("credentials_env", toml_string(env_name_for("ig-main"))),
        _line("slots", _array(["tue 19:00", "thu 19:00", "sat 12:00"])),
        _line("deliver", toml_string("outbox")),
        "",
        "[[channels]]",
        _line("id", toml_string("fb-main")),
        _line("network", toml_string("facebook")),
        _line("target", toml_string("100000000000000"), "your Facebook page id"),
        _line("audience", toml_string("own")),
        _line("credentials_env", toml_string(env_name_for("fb-main"))),
        _line("slots", _array(["mon 12:00", "wed 12:00", "fri 17:00"])),
        _line("deliver", toml_string("outbox")),
        "",
        "[hashtags]",
        "# Every post should carry at least one of these (rule H301).",
        _line("required", _array(DEFAULT_REQUIRED_HASHTAGS)),
        "",
        "# Hashtags of the programme's six directions, in Kazakh and Russian (rule H305).",
        "[hashtags.directions]",
        *(_line(key, _array(tags)) for key, tags in DIRECTION_HASHTAGS.items()),
        "",
        "[brand]",
        "# Reference images of the programme's logo (PNG or SVG), used to find it in media.",
        _line("logos", _array(["brand/logo.png"])),
        "",
        "# Rule settings for the linter (severities and thresholds by rule code).",
        "# Empty: every rule runs with the defaults of the rule catalogue.",
        "[lint]",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_default_config(), end="")
