"""The command line as a script sees it: JSON keys, exit codes, literal text, one line a problem."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from crisisreader.cli import main

Write = Callable[..., Path]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_days_json_keys_and_counts(capsys: pytest.CaptureFixture[str], gold: dict[str, Any]) -> None:
    code, out, err = run(capsys, "days", "--json")
    assert code == 0 and not err
    rows = json.loads(out)
    assert [r["date"] for r in rows] == ["2022-02-07", "2022-02-08"]
    for row, day in zip(rows, gold["days"], strict=True):
        assert {"series", "date", "path", "heading", "background", "items", "quotes", "footer"} <= set(row)
        assert row["series"] == "seeds"
        assert Path(row["path"]).name == day["file"]
        assert (row["background"], row["items"]) == (day["background_paragraphs"], day["items"])
        assert row["heading"] == day["heading"] and row["footer"] == day["footer"]
        assert row["quotes"] == len(day["quotes"])


def test_days_table_without_colour_when_piped(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "days")
    assert code == 0
    assert "2022-02-08" in out and "Feb. 8: What you need to" in out
    assert "\x1b[" not in out


def test_show_prints_text_literally(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "2022-02-07")
    assert code == 0
    assert "[crisis]" in out
    assert "Podolyak" in out
    code, out, _ = run(capsys, "show", "2022-02-08", "--json")
    [day] = json.loads(out)
    assert len(day["items"]) == 8 and day["items"][0]["id"] == "seeds/2022-02-08#4"


def test_show_a_missing_day_is_a_clear_word(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "2021-01-01")
    assert code == 2 and "no briefing on 2021-01-01" in err
    code, _, err = run(capsys, "show", "yesterday")
    assert code == 2 and "not a date" in err


@pytest.mark.parametrize("fmt", ["json", "yaml", "markdown"])
def test_export_formats(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, _ = run(capsys, "export", "--format", fmt)
    assert code == 0
    if fmt == "json":
        data = json.loads(out)
    elif fmt == "yaml":
        data = yaml.safe_load(out)
    else:
        assert out.startswith("# Briefings digest")
        assert "### 2022-02-08" in out and "\\[crisis\\]" in out
        return
    [series] = data["series"]
    assert [len(b["items"]) for b in series["briefings"]] == [7, 8]
    assert series["briefings"][0]["heading"] == "Feb. 7: What you need to know today"


def test_problems_exit_codes_and_strict(capsys: pytest.CaptureFixture[str], tmp_path: Path, write: Write) -> None:
    good = write("good.txt", " date 2022-03-01 Fine.\n")
    bad = write("bad.txt", "no header here\n")
    code, _, err = run(capsys, "days", str(tmp_path))
    assert code == 0
    assert err.strip() == f"{bad}:1: error: no date header: a briefing starts with a line ' date YYYY-MM-DD '"
    code, _, _ = run(capsys, "days", "--strict", str(tmp_path))
    assert code == 1
    code, _, err = run(capsys, "days", str(bad))
    assert code == 2 and "no briefing could be read" in err
    code, _, _ = run(capsys, "days", "--strict", str(good))
    assert code == 0


def test_json_escapes_control_characters(capsys: pytest.CaptureFixture[str], write: Write) -> None:
    path = write("s/x.txt", " date 2022-03-01 A bell \x07 here.\n")
    _, out, _ = run(capsys, "show", "2022-03-01", str(path), "--json")
    assert "\x07" not in out
    json.loads(out)


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("crisisreader ")
    for command in ("days", "show", "export", "quotes", "speakers", "diff", "search"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "usage: crisisreader " + command in capsys.readouterr().out


def test_installed_command_on_etc_has_no_traceback() -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "crisisreader", "days", "/etc"], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "no briefing could be read" in result.stderr


def test_reader_command_prints_the_table_when_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 0 and "2022-02-07" in out
