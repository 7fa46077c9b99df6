"""The command line keeps argparse's conventions: options anywhere, wrong values are usage errors (exit 2, never
a traceback), contradictions refused, and output without colour still says what changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crisisreader.cli import COMMANDS, main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as stop:  # argparse's own usage errors
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def series(tmp_path: Path) -> Path:
    folder = tmp_path / "war"
    folder.mkdir()
    days = {
        "2024-04-01": ("Some 139,700 troops stand at the border.", "A first item of the first day."),
        "2024-04-02": ("Some 147,700 troops stand at the border.", "An item only the second day has."),
    }
    for date, (background, item) in days.items():
        (folder / f"{date}.txt").write_text(
            f" date {date} {background}\n\nApril {date[-1]}: What you need to know today\n\n{item}\n", encoding="utf-8"
        )
    return folder


def test_options_may_come_before_the_paths(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = series(tmp_path)
    code, out, err = run(capsys, "search", "troops", "--limit", "1", "--json", str(folder))
    assert code == 0, err
    assert len(json.loads(out)) == 1
    code, out, _ = run(capsys, "diff", "--json", "--series", "war", "2024-04-02", str(folder))
    assert code == 0 and json.loads(out)[0]["to"] == "2024-04-02"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("search", "peskov", "--limit", "-1"), "--limit: must be 1 or more, not -1"),
        (("search", "peskov", "--limit", "0"), "--limit: must be 1 or more, not 0"),
        (("search", "peskov", "--limit", "many"), "--limit: not a whole number"),
        (("diff", "--threshold", "2"), "--threshold: must be above 0 and at most 1, not 2"),
        (("diff", "--threshold", "0"), "--threshold: must be above 0 and at most 1, not 0"),
        (("diff", "--threshold", "-1"), "--threshold: must be above 0 and at most 1, not -1"),
        (("quotes", "--since", "2022-02-08", "--until", "2022-02-07"), "--since 2022-02-08 is after --until"),
        (("quotes", "--json", "--format", "csv"), "--json and --format csv ask for two formats"),
        (("quotes", "--speaker", " "), "--speaker needs a name"),
        (("search", ""), "the query is empty"),
        (("search", "   "), "the query is empty"),
        (("quotes", "--since", "Feb 7"), "not a date (YYYY-MM-DD)"),
    ],
)
def test_wrong_values_are_usage_errors(capsys: pytest.CaptureFixture[str], args: tuple[str, ...], says: str) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert says in err
    assert "Traceback" not in err and not out
    assert err.startswith("usage: crisisreader ")


def test_json_with_format_json_is_not_a_contradiction(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "quotes", "--json", "--format", "json")
    assert code == 0 and json.loads(out)


def test_a_mistyped_command_is_named_with_the_likely_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "dyas")
    assert code == 2 and "did you mean 'days'?" in err


def test_every_subcommand_is_registered_and_listed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for name in COMMANDS:
        assert f"    {name} " in out or f"    {name}\n" in out
        code, help_text, _ = run(capsys, name, "--help")
        assert code == 0 and help_text.startswith(f"usage: crisisreader {name} ")


def test_diff_without_colour_marks_the_words_as_git_does(tmp_path: Path) -> None:
    folder = series(tmp_path)
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "crisisreader", "diff", "2024-04-02", str(folder)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert "Some [-139,700-]{+147,700+} troops stand at the border." in done.stdout
    assert "\x1b[" not in done.stdout


def test_diff_on_a_terminal_shows_the_words_in_colour_without_brackets(tmp_path: Path) -> None:
    import datetime as dt

    from rich.console import Console

    from crisisreader import render
    from crisisreader.analysis import select_diffs
    from crisisreader.load import load

    folder = series(tmp_path)
    diffs = select_diffs(load([folder]), [dt.date(2024, 4, 2)])
    console = Console(force_terminal=True, color_system="truecolor", width=200, record=True)
    render_console = render.console
    try:
        render.console = lambda: console  # type: ignore[assignment]
        render.diffs(diffs)
    finally:
        render.console = render_console  # type: ignore[assignment]
    text = console.export_text()
    assert "Some 139,700 147,700 troops" in text and "[-" not in text


def test_diff_against_a_later_day_has_nothing_carried_over_from_the_day_itself(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    texts = {
        "2021-08-25": "Old background.\n\nAug. 25: What you need to know today\n\nOnly August says this.",
        "2022-02-06": "Old background.\n\nFeb. 6: What you need to know today\n\nAn item of the sixth.",
        "2022-02-07": "New background.\n\nFeb. 7: What you need to know today\n\nA February item.",
    }
    for date, text in texts.items():
        (folder / f"{date}.txt").write_text(f" date {date} {text}\n", encoding="utf-8")
    code, out, err = run(capsys, "diff", "2022-02-07", "2021-08-25", "--series", "s", "--json", str(folder))
    assert code == 0, err
    (day,) = json.loads(out)
    assert (day["from"], day["to"]) == ("2022-02-07", "2021-08-25")
    status = {p["text"]: p["status"] for p in day["paragraphs"]}
    assert status["Old background."] == "new"  # the base day (Feb. 7) does not have it
    assert status["Only August says this."] == "new"  # nothing before August said it
    assert status["New background."] == "dropped"
    assert "carried_over" not in status.values() and "repeated" not in status.values()


def test_an_implied_read_without_a_terminal_lists_the_days() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "crisisreader"], capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False
    )
    assert done.returncode == 0 and "2022-02-08" in done.stdout
