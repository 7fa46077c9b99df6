"""The registry's files: the bundled YAML and the user's own, read safely, each bad entry named by its line."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from crisisreader import yamlio
from crisisreader.fileio import read_bounded
from crisisreader.model import Problem
from crisisreader.text import fold

SpeakerKind = Literal["person", "body"]


_ENTRY_KEYS = frozenset({"name", "aliases", "roles", "kind", "gender", "country"})


def user_registry_path() -> Path:
    """``$XDG_CONFIG_HOME/crisisreader/speakers.yaml``, ``~/.config`` when the variable is unset or relative."""
    base = os.environ.get("XDG_CONFIG_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".config"
    return root / "crisisreader" / "speakers.yaml"


@cache
def bundled_data(name: str) -> Any:
    """A YAML file of the package's ``data/`` folder, parsed once."""
    text = (resources.files("crisisreader") / "data" / name).read_text(encoding="utf-8")
    return yamlio.load(text)


@dataclass(slots=True)
class _Entry:
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    kind: SpeakerKind = "person"
    gender: str | None = None
    country: str | None = None
    learnt: bool = False


@cache
def _title_words() -> frozenset[str]:
    cues = bundled_data("cues.yaml")
    words = {fold(str(w)).replace("-", " ").rstrip(".") for w in [*cues["role_heads"], *cues["role_modifiers"]]}
    return frozenset(words)


def _merge(bundled: list[_Entry], user: list[_Entry]) -> list[_Entry]:
    """User entries override bundled ones of the same name: their aliases and roles first, their fields kept."""
    by_name = {fold(e.name): e for e in bundled}
    for entry in user:
        old = by_name.get(fold(entry.name))
        if old is None:
            by_name[fold(entry.name)] = entry
            continue
        old.aliases = _unique([*entry.aliases, *old.aliases])
        old.roles = _unique([*entry.roles, *old.roles])
        old.kind = entry.kind
        old.gender = entry.gender or old.gender
        old.country = entry.country or old.country
    return list(by_name.values())


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(fold(item), item)
    return list(seen.values())


def _read_user_file(
    path: Path, problems: list[Problem]
) -> tuple[list[_Entry], dict[str, list[str]], dict[str, str]] | None:
    if not path.exists():
        return None
    try:
        text = read_bounded(path, 4 << 20).decode("utf-8")
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        problems.append(Problem(str(path), line, "speaker registry is not UTF-8: ignored"))
        return None
    except OSError as error:
        problems.append(Problem(str(path), 0, f"cannot read speaker registry: {error.strerror or error}"))
        return None
    try:
        data = yamlio.load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        what = getattr(error, "problem", None) or str(error)
        problems.append(Problem(str(path), line, f"speaker registry is not valid YAML ({what}): ignored"))
        return None
    if data is None:
        return [], {}, {}
    if isinstance(data, list):
        items: Any = data
        qualifiers_data: Any = {}
        synonyms_data: Any = {}
    elif isinstance(data, dict) and isinstance(data.get("speakers", []), list):
        items = data.get("speakers") or []
        qualifiers_data = data.get("qualifiers") or {}
        synonyms_data = data.get("synonyms") or {}
        for key in data:
            if key not in ("speakers", "qualifiers", "synonyms"):
                problems.append(
                    Problem(str(path), _key_line(text, str(key)), f"unknown key {key!r} ignored", "warning")
                )
    else:
        problems.append(
            Problem(str(path), 1, "speaker registry must be a mapping with a 'speakers' list (or a list): ignored")
        )
        return None
    entries = _parse_entries(items, str(path), _item_lines(text), problems)
    qualifiers: dict[str, list[str]] = {}
    if isinstance(qualifiers_data, dict):
        for normal, variants in qualifiers_data.items():
            if isinstance(variants, list) and all(isinstance(v, str) for v in variants):
                qualifiers[str(normal)] = list(variants)
            else:
                problems.append(Problem(str(path), _key_line(text, str(normal)), "qualifier forms must be a list"))
    else:
        problems.append(Problem(str(path), _key_line(text, "qualifiers"), "'qualifiers' must be a mapping"))
    synonyms: dict[str, str] = {}
    if isinstance(synonyms_data, dict):
        synonyms = {str(k): str(v) for k, v in synonyms_data.items() if isinstance(v, str)}
    else:
        problems.append(Problem(str(path), _key_line(text, "synonyms"), "'synonyms' must be a mapping"))
    return entries, qualifiers, synonyms


def _item_lines(text: str) -> list[int]:
    """The 1-based line of each speaker entry, for problems (safe_load keeps no positions; the safe composer
    does)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if isinstance(root, yaml.MappingNode):
        for key_node, value_node in root.value:
            if getattr(key_node, "value", None) == "speakers" and isinstance(value_node, yaml.SequenceNode):
                return [item.start_mark.line + 1 for item in value_node.value]
        return []
    if isinstance(root, yaml.SequenceNode):
        return [item.start_mark.line + 1 for item in root.value]
    return []


def _key_line(text: str, key: str) -> int:
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*:", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match is not None else 1


def _strings(value: Any) -> list[str] | None:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return [str(v) for v in value]
    return None


def _parse_entries(items: Any, path: str, lines: list[int], problems: list[Problem]) -> list[_Entry]:
    entries: list[_Entry] = []
    if not isinstance(items, list):
        problems.append(Problem(path, 1, "'speakers' must be a list of entries"))
        return entries
    for number, item in enumerate(items):
        line = lines[number] if number < len(lines) else 1
        if not isinstance(item, dict):
            problems.append(Problem(path, line, "a speaker entry must be a mapping with a 'name': entry ignored"))
            continue
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(Problem(path, line, "speaker entry has no 'name': entry ignored"))
            continue
        aliases, roles = _strings(item.get("aliases")), _strings(item.get("roles"))
        if aliases is None or roles is None:
            problems.append(Problem(path, line, f"{name}: 'aliases' and 'roles' must be lists of text: entry ignored"))
            continue
        kind = item.get("kind", "person")
        if kind not in ("person", "body"):
            problems.append(Problem(path, line, f"{name}: 'kind' must be 'person' or 'body': entry ignored"))
            continue
        gender = item.get("gender")
        if gender is not None and gender not in ("m", "f"):
            problems.append(Problem(path, line, f"{name}: 'gender' must be 'm' or 'f': ignored", "warning"))
            gender = None
        country = item.get("country")
        for key in item:
            if key not in _ENTRY_KEYS:
                problems.append(Problem(path, line, f"{name}: unknown key {key!r} ignored", "warning"))
        entries.append(
            _Entry(
                " ".join(name.split()),
                [a for a in aliases if a.strip()],
                [r for r in roles if r.strip()],
                "body" if kind == "body" else "person",
                gender,
                str(country) if country else None,
            )
        )
    return entries
