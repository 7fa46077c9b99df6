"""The command line as a script sees it: JSON keys, exit codes, literal text, one line a problem."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
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


def test_reader_command_prints_the_table_when_not_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    code, out, _ = run(capsys)
    assert code == 0 and "2022-02-07" in out


def test_read_asked_for_by_name_opens_the_reader_when_piped(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.pilot import Pilot

    from crisisreader.tui.app import ReaderApp

    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    shown: list[str] = []
    real_run = ReaderApp.run

    async def look_and_leave(pilot: Pilot[None]) -> None:
        assert isinstance(pilot.app, ReaderApp)
        await pilot.pause()
        current = pilot.app.reader.current
        shown.append(current.date.isoformat() if current else "")
        await pilot.press("q")

    def run_headless(self: ReaderApp, *args: Any, **kwargs: Any) -> None:
        # The pipes pytest gives are no terminal: the reader runs headless, and a pilot looks at it.
        real_run(self, headless=True, auto_pilot=look_and_leave)

    monkeypatch.setattr(ReaderApp, "run", run_headless)
    code, out, _ = run(capsys, "read")
    assert code == 0
    assert shown == ["2022-02-08"]
    assert "Feb. 8: What you need to" not in out  # not the days table


def test_reader_opens_under_a_textual_driver_though_piped() -> None:
    """What textual-serve does: the web driver over pipes. The reader starts and draws the latest day, instead of
    printing the table."""
    env = {**os.environ, "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver", "COLUMNS": "100", "ROWS": "30"}
    process = subprocess.Popen(
        [sys.executable, "-m", "crisisreader"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
    )
    assert process.stdin is not None and process.stdout is not None
    drawn = bytearray()
    # A watchdog, not a timed assertion: a reader that never draws the day is ended, and the reads below fail.
    watchdog = threading.Timer(120, process.kill)
    watchdog.start()
    try:
        assert process.stdout.readline() == b"__GANGLION__\n"
        # The web driver's packets: a type byte, a 4-byte length, the payload; b"D" is what it draws.
        while b"2022-02-08" not in drawn:
            kind, size = process.stdout.read(1), int.from_bytes(process.stdout.read(4), "big")
            assert kind, "the reader ended before drawing the latest day"
            payload = process.stdout.read(size)
            if kind == b"D":
                drawn += payload
        body = json.dumps({"type": "quit"}).encode()
        process.stdin.write(b"M" + len(body).to_bytes(4, "big") + body)
        process.stdin.flush()
        assert process.wait(timeout=60) == 0
    finally:
        watchdog.cancel()
        process.kill()
        process.wait()


def test_quotes_json_keys_and_speaker_filter(capsys: pytest.CaptureFixture[str], gold: dict[str, Any]) -> None:
    code, out, _ = run(capsys, "quotes", "--json")
    assert code == 0
    rows = json.loads(out)
    keys = {"series", "date", "path", "paragraph", "section", "text", "speaker", "as_written", "cue", "kind"}
    assert all(keys | {"truncated"} <= set(row) for row in rows)
    speech = [r for r in rows if r["kind"] == "speech"]
    assert len(speech) == sum(g.get("kind", "speech") == "speech" for day in gold["days"] for g in day["quotes"])
    assert len(rows) == sum(len(day["quotes"]) for day in gold["days"])  # --json has the terms too
    _, out, _ = run(capsys, "quotes", "--speaker", "PESKOV", "--json")
    assert [r["speaker"] for r in json.loads(out)] == ["Dmitry Peskov", "Dmitry Peskov"]
    _, out, _ = run(capsys, "quotes", "--speaker", "zelensky", "--since", "2022-02-08", "--json")
    [zelensky] = json.loads(out)
    assert zelensky["speaker"] == "Volodymyr Zelensky" and zelensky["as_written"] == "Zelenskiy"
    _, out, _ = run(capsys, "quotes", "--until", "2022-02-07", "--json")
    assert {r["date"] for r in json.loads(out)} == {"2022-02-07"}


def test_quotes_csv_and_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    import csv
    import io

    _, out, _ = run(capsys, "quotes", "--speaker", "morrison", "--format", "csv")
    [header, row] = list(csv.reader(io.StringIO(out)))
    assert header[:5] == ["date", "series", "speaker", "as_written", "quotation"]
    assert row[2] == "Scott Morrison" and "[crisis]" in row[4]
    _, out, _ = run(capsys, "quotes", "--speaker", "morrison", "--format", "markdown")
    assert out.startswith("| Date | Speaker | Quotation |") and "\\[crisis\\]" in out


def test_speakers_json(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "speakers", "--json")
    rows = {r["name"]: r for r in json.loads(out)}
    assert rows["Dmitry Peskov"]["quotes"] == 2
    assert (rows["Dmitry Peskov"]["first"], rows["Dmitry Peskov"]["last"]) == ("2022-02-07", "2022-02-08")
    assert rows["Emmanuel Macron"]["quotes"] == 4


def test_diff_json_and_dates(capsys: pytest.CaptureFixture[str], gold: dict[str, Any]) -> None:
    code, out, _ = run(capsys, "diff", "--json")
    assert code == 0
    pairs = json.loads(out)
    pair = next(p for p in pairs if p["from"] == "2022-02-07")
    assert pair["to"] == "2022-02-08" and pair["series"] == "seeds"
    for name, counts in gold["diff"]["background"].items():
        assert pair["background"][name] == counts
    assert pair["items"]["new"] == gold["diff"]["items"]["new"]
    assert pair["items"]["carried_over"] == 0 and "edited" in pair["items"]
    first = pair["paragraphs"][0]
    assert {"id", "section", "status", "text", "previous", "similarity", "changes"} <= set(first)
    assert first["status"] == "repeated" and first["previous"] == "seeds/2022-02-07#1"
    _, out, _ = run(capsys, "diff", "2022-02-08", "--json")
    assert [(p["from"], p["to"]) for p in json.loads(out)] == [("2022-02-07", "2022-02-08")]
    _, out, _ = run(capsys, "diff", "2022-02-07", "2022-02-08", "--json")
    assert json.loads(out)[0]["background"]["repeated"] == 3
    code, _, err = run(capsys, "diff", "2021-01-01")
    assert code == 2 and "no briefing" in err


def test_diff_text_marks_words(capsys: pytest.CaptureFixture[str], write: Write, tmp_path: Path) -> None:
    background = "Moscow has amassed some {} troops near the border.\n\nKey developments\n\n"
    write("s/a.txt", " date 2022-03-01 " + background.format("100,000") + "A.\n")
    write("s/b.txt", " date 2022-03-02 " + background.format("140,000") + "B.\n")
    code, out, _ = run(capsys, "diff", str(tmp_path / "s"))
    assert code == 0 and "edited" in out and "100,000" in out and "140,000" in out


def test_search_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "nord stream", "--json")
    assert code == 0
    [hit] = json.loads(out)
    assert hit["paragraph"] == "seeds/2022-02-08#7" and hit["date"] == "2022-02-08"
    code, _, err = run(capsys, "search", "(", "--regex")
    assert code == 2 and "bad regular expression" in err
