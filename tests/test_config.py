"""The config file: every setting read, every bad line named with its line, defaults for the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisisreader.config import Config, config_path, load_config

THEMES = {"textual-dark", "gruvbox"}
IDS = {"day.next", "search"}


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "config.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_no_file_means_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "missing.yaml") == (Config(), [])
    assert config_path().name == "config.yaml" and config_path().parent.name == "crisisreader"


def test_every_setting_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "folders:\n  - /srv/briefings\n  - relative/kyiv\ntheme: gruvbox\nkeys:\n  day.next: right\n"
        "  search: ctrl+f,slash\ndiff_threshold: 0.7\n",
    )
    config, problems = load_config(path, THEMES, IDS)
    assert problems == []
    assert config.folders == (Path("/srv/briefings"), tmp_path / "relative/kyiv")
    assert config.theme == "gruvbox"
    assert config.keys == {"day.next": "right", "search": "ctrl+f,slash"}
    assert config.diff_threshold == 0.7


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("theme: gruvbox\ncolour: red\n", 2, "unknown setting 'colour'"),
        ("theme: solarized-pink\n", 1, "no theme named"),
        ("keys:\n  day.next: right\n  day.sideways: x\n", 3, "no binding with the id 'day.sideways'"),
        ("keys:\n  search: 'ctrl f'\n", 2, "not a key for 'search'"),
        ("keys: [a, b]\n", 1, "'keys' must map"),
        ("\n\ndiff_threshold: 1.5\n", 3, "between 0 and 1"),
        ("diff_threshold: often\n", 1, "between 0 and 1"),
        ("folders: /one/path\n", 1, "'folders' must be a list"),
    ],
)
def test_bad_lines_are_named(tmp_path: Path, text: str, line: int, words: str) -> None:
    _, [problem] = load_config(write(tmp_path, text), THEMES, IDS)
    assert problem.line == line and words in problem.message
    assert problem.path == str(tmp_path / "config.yaml")


def test_the_good_settings_beside_a_bad_one_still_count(tmp_path: Path) -> None:
    config, problems = load_config(write(tmp_path, "theme: gruvbox\ncolour: red\ndiff_threshold: 0.8\n"), THEMES)
    assert len(problems) == 1
    assert config.theme == "gruvbox" and config.diff_threshold == 0.8


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("theme: [unclosed\n", "not valid YAML"),
        (b"theme: caf\xe9\n", "not UTF-8"),
        ("- a\n- list\n", "must be a mapping"),
    ],
)
def test_a_file_that_cannot_be_read_as_config_gives_defaults(tmp_path: Path, content: str | bytes, words: str) -> None:
    config, [problem] = load_config(write(tmp_path, content))
    assert config == Config() and words in problem.message and problem.line >= 1
