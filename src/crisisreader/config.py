"""The user's config file: folders to open by default, the theme, key overrides, the diff threshold.

Every bad key or value is named with the file and line it stands on, and left out: the rest of the file is used
and the reader starts with defaults for what was wrong.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from crisisreader.model import Problem

KNOWN = ("folders", "theme", "keys", "diff_threshold")
_KEY = re.compile(r"^(?:[a-z0-9_+\-]+|[^\s,])$")


def config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "crisisreader" / "config.yaml"


@dataclass(frozen=True, slots=True)
class Config:
    folders: tuple[Path, ...] = ()
    theme: str | None = None
    keys: Mapping[str, str] = field(default_factory=dict)
    diff_threshold: float | None = None


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def load_config(
    path: Path | None = None,
    themes: Collection[str] | None = None,
    binding_ids: Collection[str] | None = None,
) -> tuple[Config, list[Problem]]:
    """The config at ``path`` (default: the XDG one); a missing file is the defaults, with no problem."""
    path = path or config_path()
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return Config(), []
    except OSError as error:
        return Config(), [Problem(str(path), 0, f"cannot read the config: {error.strerror}", "warning")]
    except UnicodeDecodeError:
        return Config(), [Problem(str(path), 1, "the config is not UTF-8: using the defaults", "warning")]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        return Config(), [Problem(str(path), line, "the config is not valid YAML: using the defaults", "warning")]
    if root is None:
        return Config(), []
    if not isinstance(root, MappingNode):
        return Config(), [Problem(str(path), _line(root), "the config must be a mapping of settings", "warning")]
    return _read(root, path, themes, binding_ids)


def _read(
    root: MappingNode, path: Path, themes: Collection[str] | None, binding_ids: Collection[str] | None
) -> tuple[Config, list[Problem]]:
    problems: list[Problem] = []

    def bad(node: Node, message: str) -> None:
        problems.append(Problem(str(path), _line(node), message, "warning"))

    folders: list[Path] = []
    theme: str | None = None
    keys: dict[str, str] = {}
    threshold: float | None = None
    for key_node, value in root.value:
        name = key_node.value if isinstance(key_node, ScalarNode) else None
        if name not in KNOWN:
            bad(key_node, f"unknown setting {name!r} (known: {', '.join(KNOWN)})")
        elif name == "folders":
            if not isinstance(value, SequenceNode) or not all(isinstance(v, ScalarNode) for v in value.value):
                bad(value, "'folders' must be a list of paths")
                continue
            for item in value.value:
                folder = Path(os.path.expanduser(str(item.value)))
                folders.append(folder if folder.is_absolute() else path.parent / folder)
        elif name == "theme":
            if not isinstance(value, ScalarNode) or not value.value:
                bad(value, "'theme' must be a theme's name")
            elif themes is not None and value.value not in themes:
                bad(value, f"no theme named {value.value!r} (there are: {', '.join(sorted(themes))})")
            else:
                theme = str(value.value)
        elif name == "keys":
            if not isinstance(value, MappingNode):
                bad(value, "'keys' must map binding ids to keys, like 'day.next: right'")
                continue
            for id_node, key_value in value.value:
                binding = str(id_node.value)
                if binding_ids is not None and binding not in binding_ids:
                    bad(id_node, f"no binding with the id {binding!r} (the help, ?, lists them)")
                elif not isinstance(key_value, ScalarNode) or not _keys_ok(str(key_value.value)):
                    bad(key_value, f"not a key for {binding!r}: write names like 'right', 'ctrl+f' or 'j,down'")
                else:
                    keys[binding] = str(key_value.value)
        else:
            try:
                number = float(value.value) if isinstance(value, ScalarNode) else float("nan")
            except ValueError:
                number = float("nan")
            if not 0 < number < 1:
                bad(value, "'diff_threshold' must be a number between 0 and 1, like 0.65")
            else:
                threshold = number
    return Config(tuple(folders), theme, keys, threshold), problems


def _keys_ok(text: str) -> bool:
    parts = [part.strip() for part in text.split(",")]
    return bool(parts) and all(part and _KEY.match(part) for part in parts)
