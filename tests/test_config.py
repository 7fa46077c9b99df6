"""The config file: every setting read, every bad line named with its line, defaults for the rest."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from crisisreader.config import Config, config_path, load_config

THEMES = {"textual-dark", "gruvbox", "nord"}
IDS = {"day.next", "day.previous", "search"}


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "config.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_no_file_means_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "missing.yaml") == (Config(), [])
    assert load_config() == (Config(), [])
    assert config_path() == Path(os.environ["XDG_CONFIG_HOME"]) / "crisisreader" / "config.yaml"


def test_the_default_path_is_read(tmp_path: Path) -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text("theme: nord\n", encoding="utf-8")
    assert load_config(themes=THEMES) == (Config(theme="nord"), [])


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n", "~\n"])
def test_an_empty_file_means_defaults(tmp_path: Path, text: str) -> None:
    assert load_config(write(tmp_path, text)) == (Config(), [])


def test_every_setting_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "folders:\n  - /srv/briefings\n  - relative/kyiv\n  - ~/gaza\ntheme: gruvbox\nkeys:\n  day.next: right\n"
        "  search: ctrl+f,slash\n  day.previous: [left, h, '<']\ndiff_threshold: 0.7\n",
    )
    config, problems = load_config(path, THEMES, IDS)
    assert problems == []
    assert config.folders == (Path("/srv/briefings"), tmp_path / "relative/kyiv", Path.home() / "gaza")
    assert config.theme == "gruvbox"
    assert config.keys == {"day.next": "right", "search": "ctrl+f,slash", "day.previous": "left,h,<"}
    assert config.diff_threshold == 0.7


def test_relative_folders_are_read_from_the_config_folder_wherever_the_reader_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "config.yaml").write_text("folders: [kyiv, ../gaza]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    config, _ = load_config(Path("conf/config.yaml"))
    assert config.folders == (tmp_path / "conf" / "kyiv", tmp_path / "conf" / ".." / "gaza")


def test_key_strings_are_tidied(tmp_path: Path) -> None:
    config, problems = load_config(write(tmp_path, "keys:\n  search: ' ctrl+f , / '\n  day.next: '?'\n"), None, IDS)
    assert problems == [] and config.keys == {"search": "ctrl+f,/", "day.next": "?"}


def test_nothing_is_checked_against_lists_not_given(tmp_path: Path) -> None:
    config, problems = load_config(write(tmp_path, "theme: my-own\nkeys:\n  anything.at_all: x\n"))
    assert problems == [] and config.theme == "my-own" and config.keys == {"anything.at_all": "x"}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("theme: gruvbox\ncolour: red\n", 2, "unknown setting 'colour'"),
        ("theem: nord\n", 1, "did you mean 'theme'?"),
        ("? [a, b]\n: c\n", 1, "unknown setting that is not a name"),
        ("theme: solarized-pink\n", 1, "no theme named 'solarized-pink'"),
        ("theme: [nord]\n", 1, "'theme' must be a theme's name"),
        ("theme: gruvbo\n", 1, "did you mean 'gruvbox'?"),
        ("keys:\n  day.next: right\n  day.sideways: x\n", 3, "no binding with the id 'day.sideways'"),
        ("keys:\n  serch: x\n", 2, "did you mean 'search'?"),
        ("keys:\n  search: 'ctrl f'\n", 2, "not a key for 'search'"),
        ("keys:\n  search: Ctrl+F\n", 2, "not a key for 'search'"),
        ("keys:\n  search: ''\n", 2, "not a key for 'search'"),
        ("keys:\n  search: 'a,,b'\n", 2, "not a key for 'search'"),
        ('keys:\n  search: "\\e"\n', 2, "not a key for 'search'"),
        ("keys:\n  search: {a: b}\n", 2, "not a key for 'search'"),
        ("keys:\n  search:\n    - x\n    - [y]\n", 3, "not a key for 'search'"),
        ("keys: [a, b]\n", 1, "'keys' must map"),
        ("\n\ndiff_threshold: 1.5\n", 3, "between 0 and 1"),
        ("diff_threshold: 0\n", 1, "between 0 and 1"),
        ("diff_threshold: 1\n", 1, "between 0 and 1"),
        ("diff_threshold: -0.5\n", 1, "between 0 and 1"),
        ("diff_threshold: .nan\n", 1, "between 0 and 1"),
        ("diff_threshold: often\n", 1, "between 0 and 1"),
        ("diff_threshold: true\n", 1, "between 0 and 1"),
        ("diff_threshold: [0.5]\n", 1, "between 0 and 1"),
        ("folders: /one/path\n", 1, "'folders' must be a list"),
        ("folders: {a: b}\n", 1, "'folders' must be a list"),
        ("folders:\n  - /one\n  -\n  - /two\n", 3, "a folder must be a path"),
        ("folders:\n  - [/one]\n", 2, "a folder must be a path"),
        ("theme: nord\ntheme: gruvbox\n", 2, "'theme' is set twice"),
        ("keys:\n  search: x\n  search: y\n", 3, "set twice"),
    ],
)
def test_bad_lines_are_named(tmp_path: Path, text: str, line: int, words: str) -> None:
    _, [problem] = load_config(write(tmp_path, text), THEMES, IDS)
    assert (problem.line, problem.path, problem.severity) == (line, str(tmp_path / "config.yaml"), "warning")
    assert words in problem.message


def test_the_good_settings_beside_bad_ones_still_count(tmp_path: Path) -> None:
    text = (
        "theme: gruvbox\ncolour: red\ndiff_threshold: 0.8\nfolders:\n  - /one\n  - [bad]\n  - /two\n"
        "keys:\n  search: ctrl+f\n  nonsense: x\n  day.next: 'two words'\n"
    )
    config, problems = load_config(write(tmp_path, text), THEMES, IDS)
    assert [p.line for p in problems] == [2, 6, 10, 11]
    assert config == Config((Path("/one"), Path("/two")), "gruvbox", {"search": "ctrl+f"}, 0.8)


def test_the_later_of_two_settings_counts(tmp_path: Path) -> None:
    config, problems = load_config(write(tmp_path, "theme: nord\ntheme: gruvbox\n"), THEMES)
    assert config.theme == "gruvbox" and len(problems) == 1


def test_a_setting_left_empty_is_the_default(tmp_path: Path) -> None:
    text = "folders:\ntheme:\nkeys:\n  # search: ctrl+f\ndiff_threshold: ~\n"
    assert load_config(write(tmp_path, text), THEMES, IDS) == (Config(), [])


def test_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, "\ufefftheme: nord\n".encode()), THEMES) == (Config(theme="nord"), [])


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        ("theme: nord\nkeys: [unclosed\n", 3, "not valid YAML"),
        ("theme: nord\n  bad: indent\n", 2, "not valid YAML"),
        ("theme: nord\n---\ntheme: gruvbox\n", 2, "not valid YAML"),
        (b"theme: nord\n\ntheme: caf\xe9\n", 3, "not UTF-8"),
        ("- a\n- list\n", 1, "must be a mapping"),
        ("\njust text\n", 2, "must be a mapping"),
    ],
)
def test_a_file_that_cannot_be_read_as_config_gives_defaults(
    tmp_path: Path, content: str | bytes, line: int, words: str
) -> None:
    config, [problem] = load_config(write(tmp_path, content), THEMES)
    assert config == Config() and words in problem.message and problem.line == line
    assert problem.path == str(tmp_path / "config.yaml")


def test_a_config_that_cannot_be_opened_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "config.yaml").mkdir()
    config, [problem] = load_config(tmp_path / "config.yaml")
    assert config == Config() and "cannot read the config" in problem.message
