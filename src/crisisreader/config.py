"""The user's config file: folders to open by default, the theme, key overrides, the diff threshold.

Every bad key or value is named with the file and line it stands on, and left out: the rest of the file is used
and the reader starts with defaults for what was wrong.
"""

from __future__ import annotations

import difflib
import math
import os
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from crisisreader.fileio import read_bounded
from crisisreader.model import Problem
from crisisreader.xdg import app_home

KNOWN = ("folders", "theme", "keys", "diff_threshold", "fetch_every")
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(s|m|min|h)?")
_UNIT = {"s": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0}
# Subscriptions fetched more often than this would only ask the servers for 304s.
SHORTEST_FETCH = 60.0
# One key as Textual names it ("right", "ctrl+f", "f5"), or a single printable character ("?", "/").
_KEY_NAME = re.compile(r"[a-z0-9_+\-]+")
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"

Report = Callable[[Node, str], None]


def config_path() -> Path:
    """``$XDG_CONFIG_HOME/crisisreader/config.yaml``; ``~/.config`` when the variable is unset or relative."""
    return app_home("XDG_CONFIG_HOME") / "config.yaml"


@dataclass(frozen=True, slots=True)
class Config:
    """The settings as read; ``None`` and empty values mean the reader's defaults."""

    folders: tuple[Path, ...] = ()
    theme: str | None = None
    keys: Mapping[str, str] = field(default_factory=dict)
    diff_threshold: float | None = None
    fetch_every: float | None = None
    """Seconds between fetches of every subscription while the reader runs; ``None``: only on the key."""


def load_config(
    path: Path | None = None,
    themes: Collection[str] | None = None,
    binding_ids: Collection[str] | None = None,
) -> tuple[Config, list[Problem]]:
    """The config at ``path`` (default: the XDG one) and its problems; a missing file is the defaults.

    ``themes`` and ``binding_ids`` are what the reader has; ``None`` leaves that part unchecked.
    """
    path = path or config_path()
    try:
        raw = read_bounded(path, 1 << 20)
    except FileNotFoundError:
        return Config(), []
    except OSError as error:
        return Config(), [_problem(path, 0, f"cannot read the config ({error.strerror or error}): using the defaults")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Config(), [_problem(path, line, "the config is not UTF-8: using the defaults")]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        what = getattr(error, "problem", None) or "cannot be read"
        return Config(), [_problem(path, line, f"the config is not valid YAML ({what}): using the defaults")]
    if root is None or _is_null(root):
        return Config(), []
    if not isinstance(root, MappingNode):
        return Config(), [_problem(path, _line(root), "the config must be a mapping of settings, like 'theme: nord'")]
    return _read(root, path, themes, binding_ids)


def _read(
    root: MappingNode, path: Path, themes: Collection[str] | None, binding_ids: Collection[str] | None
) -> tuple[Config, list[Problem]]:
    problems: list[Problem] = []

    def bad(node: Node, message: str) -> None:
        problems.append(_problem(path, _line(node), message))

    folders: tuple[Path, ...] = ()
    theme: str | None = None
    keys: dict[str, str] = {}
    threshold: float | None = None
    every: float | None = None
    seen: set[str] = set()
    for key_node, value in root.value:
        name = key_node.value if isinstance(key_node, ScalarNode) else None
        if name not in KNOWN:
            shown = repr(name) if isinstance(name, str) else "that is not a name"
            bad(key_node, f"unknown setting {shown}{_did_you_mean(name, KNOWN)} (known: {', '.join(KNOWN)})")
            continue
        if name in seen:
            bad(key_node, f"'{name}' is set twice: the later one counts")
        seen.add(name)
        # A setting with its value left out ("theme:", or all of "keys:" commented out) is the default.
        null = _is_null(value)
        if name == "folders":
            folders = () if null else _folders(value, path.absolute().parent, bad)
        elif name == "theme":
            theme = None if null else _theme(value, themes, bad)
        elif name == "keys":
            keys = {} if null else _keys(value, binding_ids, bad)
        elif name == "diff_threshold":
            threshold = None if null else _threshold(value, bad)
        else:
            every = None if null else _every(value, bad)
    return Config(folders, theme, keys, threshold, every), problems


def _folders(value: Node, base: Path, bad: Report) -> tuple[Path, ...]:
    if not isinstance(value, SequenceNode):
        bad(value, "'folders' must be a list of paths, like '- ~/briefings'")
        return ()
    folders: list[Path] = []
    for item in value.value:
        if not isinstance(item, ScalarNode) or _is_null(item) or not item.value.strip():
            bad(item, "a folder must be a path, like '~/briefings': left out")
            continue
        folder = Path(os.path.expanduser(item.value))
        # A relative path is read from the config file's folder, wherever the reader was started.
        folders.append(folder if folder.is_absolute() else base / folder)
    return tuple(folders)


def _theme(value: Node, themes: Collection[str] | None, bad: Report) -> str | None:
    if not isinstance(value, ScalarNode) or not value.value.strip():
        bad(value, "'theme' must be a theme's name, like 'nord'")
        return None
    if themes is not None and value.value not in themes:
        bad(value, f"no theme named {value.value!r}{_did_you_mean(value.value, themes)} "
                   f"(there are: {', '.join(sorted(themes))})")  # fmt: skip
        return None
    return str(value.value)


def _keys(value: Node, binding_ids: Collection[str] | None, bad: Report) -> dict[str, str]:
    if not isinstance(value, MappingNode):
        bad(value, "'keys' must map binding ids to keys, like 'day.next: right'")
        return {}
    keys: dict[str, str] = {}
    for id_node, key_node in value.value:
        binding = id_node.value if isinstance(id_node, ScalarNode) else None
        if not isinstance(binding, str) or (binding_ids is not None and binding not in binding_ids):
            shown = repr(binding) if isinstance(binding, str) else "that is not a name"
            hint = _did_you_mean(binding, binding_ids or ())
            bad(id_node, f"no binding with the id {shown}{hint} (the help, ?, lists them)")
            continue
        if binding in keys:
            bad(id_node, f"the keys of {binding!r} are set twice: the later ones count")
        keys.pop(binding, None)
        parsed = _key_string(key_node)
        if parsed is None:
            bad(key_node, f"not a key for {binding!r}: write names like 'right', 'ctrl+f' or 'j,down'")
        else:
            keys[binding] = parsed
    return keys


def _key_string(node: Node) -> str | None:
    """The keys of one binding, as Textual takes them (comma-separated), from a string or a list of strings."""
    if isinstance(node, ScalarNode) and not _is_null(node):
        parts = node.value.split(",")
    elif isinstance(node, SequenceNode) and node.value and all(isinstance(n, ScalarNode) for n in node.value):
        parts = [n.value for n in node.value]
    else:
        return None
    parts = [part.strip() for part in parts]
    for part in parts:
        single = len(part) == 1 and part.isprintable() and not part.isspace()
        if not (single or _KEY_NAME.fullmatch(part)):
            return None
    return ",".join(parts)


def _threshold(value: Node, bad: Report) -> float | None:
    message = "'diff_threshold' must be a number between 0 and 1 (both left out), like 0.65"
    if not isinstance(value, ScalarNode) or value.tag == _BOOL:
        bad(value, message)
        return None
    try:
        number = float(value.value)
    except ValueError:
        bad(value, message)
        return None
    if not (math.isfinite(number) and 0 < number < 1):
        bad(value, message)
        return None
    return number


def _every(value: Node, bad: Report) -> float | None:
    message = "'fetch_every' must be a time of at least a minute, like 30m, 2h or 90s (a bare number is minutes)"
    match = _DURATION.fullmatch(value.value.strip()) if isinstance(value, ScalarNode) else None
    if match is None or value.tag == _BOOL:
        bad(value, message)
        return None
    seconds = float(match.group(1)) * _UNIT[match.group(2) or "m"]
    if not (math.isfinite(seconds) and seconds >= SHORTEST_FETCH):
        bad(value, message)
        return None
    return seconds


def _did_you_mean(name: object, known: Collection[str]) -> str:
    if not isinstance(name, str) or not known:
        return ""
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _NULL


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _problem(path: Path, line: int, message: str) -> Problem:
    return Problem(str(path), line, message, "warning")
