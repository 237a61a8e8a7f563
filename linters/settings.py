"""The `[lint]` table of config.toml, validated against the registered rules.

    [lint]
    select = ["ALL"]              # codes or prefixes ("T", "H30"); default: every rule
    ignore = ["T113"]
    [lint.severity]               # global overrides
    T115 = "error"
    [lint.networks.instagram]     # per network: severity overrides and ignores
    severity = { H303 = "error" }
    ignore = ["X603"]
    [lint.rules.T112]             # every threshold of a rule
    density_per_100_words = 2.5

Unknown codes, unknown keys and bad values are errors that name the key path and its line.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from linters.findings import Severity
from linters.rule import Rule, RuleSettings
from posts.errors import ConfigError, Location, Problem
from posts.i18n import Text
from posts.toml_locate import KeyPath, TomlIndex

TOP_KEYS = ("select", "ignore", "severity", "networks", "rules")
NETWORK_KEYS = ("severity", "ignore")

UNKNOWN_KEY = Text(
    kk="[lint] бөліміндегі «{name}» кілті белгісіз.",
    ru="Неизвестный ключ «{name}» в разделе [lint].",
    en="Unknown key '{name}' in [lint].",
)
UNKNOWN_CODE = Text(
    kk="«{name}» — белгісіз ереже коды немесе префиксі.",
    ru="«{name}» — неизвестный код или префикс правила.",
    en="'{name}' is not a known rule code or prefix.",
)
BAD_SEVERITY = Text(
    kk="«{name}» — қате деңгейі емес: error, warning немесе info жазыңыз.",
    ru="«{name}» — не уровень важности: укажите error, warning или info.",
    en="'{name}' is not a severity: write error, warning or info.",
)
NOT_A_TABLE = Text(kk="Мұнда кесте керек.", ru="Здесь нужна таблица.", en="This must be a table.")
NOT_A_LIST = Text(
    kk='Мұнда кодтар тізімі керек, мысалы ["T", "H301"].',
    ru='Здесь нужен список кодов, например ["T", "H301"].',
    en='This must be a list of codes, such as ["T", "H301"].',
)
BAD_SETTING = Text(
    kk="{code} ережесінің баптауы қате: {detail}",
    ru="Неверная настройка правила {code}: {detail}",
    en="Invalid setting of rule {code}: {detail}",
)
FIX_SUGGEST = Text(
    kk="Мүмкін, «{suggestion}» деп жазғыңыз келген шығар. Тізім: `arna rules`.",
    ru="Возможно, имелось в виду «{suggestion}». Список: `arna rules`.",
    en="Did you mean '{suggestion}'? See `arna rules`.",
)
FIX_LIST = Text(
    kk="Рұқсат етілгендер: {valid}.",
    ru="Допустимо: {valid}.",
    en="Allowed: {valid}.",
)
FIX_RULE_DOC = Text(
    kk="Баптаулар мен әдепкі мәндер: `arna rule {code}`.",
    ru="Настройки и значения по умолчанию: `arna rule {code}`.",
    en="Its settings and defaults: `arna rule {code}`.",
)


@dataclass(frozen=True)
class LintSettings:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    network_severity: Mapping[str, Mapping[str, Severity]] = field(default_factory=dict)
    network_ignore: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    rule_settings: Mapping[str, RuleSettings] = field(default_factory=dict)

    def enabled(self, code: str) -> bool:
        return _matches(code, self.select) and not _matches(code, self.ignore)

    def enabled_on(self, code: str, network: str) -> bool:
        return not _matches(code, self.network_ignore.get(network, ()))

    def severity_of(self, code: str, network: str, default: Severity) -> Severity:
        per_network = self.network_severity.get(network, {})
        return per_network.get(code) or self.severity.get(code) or default

    def fingerprint(self) -> str:
        """A stable text of every setting, for the findings cache key."""
        parts = [
            repr(self.select),
            repr(self.ignore),
            repr(sorted(self.severity.items())),
            repr(sorted((n, sorted(m.items())) for n, m in self.network_severity.items())),
            repr(sorted(self.network_ignore.items())),
            repr(sorted((c, s.model_dump_json()) for c, s in self.rule_settings.items())),
        ]
        return "|".join(parts)


def _matches(code: str, patterns: Sequence[str]) -> bool:
    return any(p == "ALL" or code.startswith(p) for p in patterns)


def parse_lint_settings(
    raw: Mapping[str, object],
    rules: Mapping[str, type[Rule]],
    *,
    file: str | None = None,
    source: str | None = None,
    networks: Sequence[str] = (),
) -> LintSettings:
    """Validate `[lint]`; raise one ConfigError with every problem, each with its line."""
    checker = _Checker(rules, file, TomlIndex(source) if source else None)
    raw = dict(raw)
    for key in raw:
        if key not in TOP_KEYS:
            checker.unknown(("lint", key), key, TOP_KEYS)
    select = checker.codes(raw.get("select", ["ALL"]), ("lint", "select"))
    ignore = checker.codes(raw.get("ignore", []), ("lint", "ignore"))
    severity = checker.severities(raw.get("severity", {}), ("lint", "severity"))
    net_sev: dict[str, dict[str, Severity]] = {}
    net_ign: dict[str, tuple[str, ...]] = {}
    for net, table in checker.table(raw.get("networks", {}), ("lint", "networks")).items():
        path: KeyPath = ("lint", "networks", net)
        if networks and net not in networks:
            checker.unknown(path, net, tuple(networks))
            continue
        table = checker.table(table, path)
        for key in table:
            if key not in NETWORK_KEYS:
                checker.unknown((*path, key), key, NETWORK_KEYS)
        net_sev[net] = checker.severities(table.get("severity", {}), (*path, "severity"))
        net_ign[net] = checker.codes(table.get("ignore", []), (*path, "ignore"))
    rule_settings: dict[str, RuleSettings] = {}
    for code, values in checker.table(raw.get("rules", {}), ("lint", "rules")).items():
        path = ("lint", "rules", code)
        if code not in rules:
            checker.unknown_code(path, code)
            continue
        parsed = checker.rule_settings(rules[code], checker.table(values, path), path)
        if parsed is not None:
            rule_settings[code] = parsed
    if checker.problems:
        raise ConfigError(checker.problems)
    return LintSettings(select, ignore, severity, net_sev, net_ign, rule_settings)


class _Checker:
    def __init__(self, rules: Mapping[str, type[Rule]], file: str | None, index: TomlIndex | None):
        self.rules = rules
        self.file = file
        self.index = index
        self.problems: list[Problem] = []

    def add(self, path: KeyPath, message: Text, fix: Text | None, **params: object) -> None:
        line = self.index.line_of(path) if self.index else None
        key = ".".join(str(p) for p in path)
        self.problems.append(Problem(message, Location(self.file, line, key), fix, params))

    def unknown(self, path: KeyPath, name: str, valid: Sequence[str]) -> None:
        close = difflib.get_close_matches(name, valid, n=1)
        fix = FIX_SUGGEST if close else FIX_LIST
        self.add(
            path,
            UNKNOWN_KEY,
            fix,
            name=name,
            suggestion=close[0] if close else "",
            valid=", ".join(valid),
        )

    def unknown_code(self, path: KeyPath, code: str) -> None:
        close = difflib.get_close_matches(code, list(self.rules), n=1)
        self.add(
            path,
            UNKNOWN_CODE,
            FIX_SUGGEST if close else FIX_LIST,
            name=code,
            suggestion=close[0] if close else "",
            valid=", ".join(sorted(self.rules)),
        )

    def table(self, value: object, path: KeyPath) -> dict[str, object]:
        if isinstance(value, Mapping):
            return dict(value)
        self.add(path, NOT_A_TABLE, None)
        return {}

    def codes(self, value: object, path: KeyPath) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add(path, NOT_A_LIST, None)
            return ()
        good = []
        for i, code in enumerate(value):
            if code == "ALL" or any(c.startswith(code) for c in self.rules):
                good.append(code)
            else:
                self.unknown_code((*path, i), code)
        return tuple(good)

    def severities(self, value: object, path: KeyPath) -> dict[str, Severity]:
        out = {}
        for code, sev in self.table(value, path).items():
            if code not in self.rules:
                self.unknown_code((*path, code), code)
            elif sev not in {s.value for s in Severity}:
                self.add((*path, code), BAD_SEVERITY, None, name=sev)
            else:
                out[code] = Severity(str(sev))
        return out

    def rule_settings(
        self, rule: type[Rule], values: dict[str, object], path: KeyPath
    ) -> RuleSettings | None:
        try:
            return rule.Settings.model_validate(_arrays_as_tuples(values), strict=True)
        except ValidationError as exc:
            for error in exc.errors():
                loc = tuple(error["loc"])
                detail = f"{'.'.join(str(p) for p in loc)}: {error['msg']}"
                self.add((*path, *loc), BAD_SETTING, FIX_RULE_DOC, code=rule.code, detail=detail)
            return None


def load_lint_settings(
    raw: Mapping[str, object], rules: Mapping[str, type[Rule]], config_source: str | None
) -> LintSettings:
    """`parse_lint_settings` for the [lint] table of a config file at `config_source`."""
    source = Path(config_source).read_text(encoding="utf-8-sig") if config_source else None
    return parse_lint_settings(raw, rules, file=config_source, source=source)


def _arrays_as_tuples(value: object) -> object:
    """TOML arrays arrive as lists; settings hold tuples (frozen), and are validated strictly."""
    if isinstance(value, list):
        return tuple(_arrays_as_tuples(v) for v in value)
    if isinstance(value, dict):
        return {k: _arrays_as_tuples(v) for k, v in value.items()}
    return value
