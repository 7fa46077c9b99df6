"""Counts shown to a person have thousands separators and the right plural; the JSON keeps plain numbers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from crisisreader.cli import main
from crisisreader.load import load
from crisisreader.tui.app import make_app


def many_days(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "north"
    folder.mkdir()
    start = dt.date(2020, 1, 1)
    for n in range(count):
        day = start + dt.timedelta(days=n)
        text = f" date {day.isoformat()} Talks went on.\n\n{day:%b}. {day.day}: What you need to know\n\nTalks.\n"
        (folder / f"{day.isoformat()}.txt").write_text(text, encoding="utf-8")
    return folder


def test_the_command_line_separates_thousands_and_its_json_does_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = many_days(tmp_path, 1001)
    assert main(["days", str(folder)]) == 0
    assert "1,001 briefings in 1 series" in capsys.readouterr().out
    assert main(["days", "--json", str(folder)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 1001 and all(isinstance(row["quotes"], int) for row in rows)


async def test_the_header_says_1_001_briefings(tmp_path: Path) -> None:
    app = make_app(load([many_days(tmp_path, 1001)]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "north: 1,001 briefings" in app.reader.sub_title


async def test_one_briefing_is_singular(tmp_path: Path) -> None:
    app = make_app(load([many_days(tmp_path, 1)]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.reader.sub_title.startswith("north: 1 briefing")
        assert "1 briefings" not in app.reader.sub_title
