"""The running reader measured as a user meets it (issue 17): start, memory, idle, keys, a day landing.

    PYTHONPATH=src .venv/bin/python benchmarks/live.py CORPUS [--out FILE] [--landings 3]

Runs the reader headless (Textual's test driver, 120x40) on a copy of CORPUS (a day is added to the copy),
with caches of its own, in this one process, and prints (or writes) JSON:

- ``first_start_s``: from making the app until the header counts the quotations (every step of the analysis
  done), caches empty; ``second_start_s`` the same again with the caches the first start filled;
- ``peak_pss_mb``: the highest proportional set size of the reader and its helper processes together during
  the first start, sampled every 50 ms from ``/proc/PID/smaps_rollup`` (a page shared with a helper counts
  once);
- ``idle_cpu_pct``: CPU time of the whole process over 10 s once the start is done and the reader waits;
- ``keys``: for ``n``/``p``, ``d``, ``o`` and opening a bookmark, median and p95 ms from the key until the day
  pane holds the result and the screen and its widgets have handled every message it set off;
- ``long_day``: ``n``/``p`` between a day of 500 paragraphs and a short one, in a corpus of their own;
- ``landing_s``: from writing tomorrow's file into the folder until its day is in the sidebar with its diff,
  quotations and search entries (median and worst of ``--landings``).

Called by benchmarks/run.py for its table; benchmarks, not tests.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

COLS, ROWS = 120, 40
IDLE_SECONDS = 10.0
PRESSES = 20


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> Iterator[int]:
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as found:
                for child in found.read().split():
                    yield int(child)
                    yield from _children(int(child))
        except OSError:
            continue


class PeakPss:
    """Samples the PSS of this process and its descendants in a thread until stopped."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.05):
            total = _pss_kb(me) + sum(_pss_kb(child) for child in set(_children(me)))
            self.peak_kb = max(self.peak_kb, total)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_kb / 1024


def _stats(timings: list[float]) -> dict[str, Any]:
    if not timings:
        return {"presses": 0}
    ordered = sorted(timings)
    return {
        "presses": len(ordered),
        "median_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)] * 1000,
    }


async def _ready(app: Any, pilot: Any, timeout: float = 900.0) -> float:
    start = time.perf_counter()
    while "quotation" not in (getattr(app.screen, "sub_title", "") or ""):
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the reader did not finish its start")
        if app._exception is not None:
            raise RuntimeError(f"the reader failed: {app._exception!r}")
        await asyncio.sleep(0.02)
    return time.perf_counter() - start


async def _press(app: Any, pilot: Any, key: str, done: Callable[[], bool]) -> float:
    """Seconds from handing ``key`` to the app as the terminal driver does until ``done()`` and the app idles."""
    from textual import events

    driver = app._driver
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    pressed = time.perf_counter()
    driver.send_message(event)
    while not done():
        if time.perf_counter() - pressed > 30:
            raise TimeoutError(f"{key!r} did not change the day pane within 30 s")
        await asyncio.sleep(0.0005)
    # Until the screen and every widget on it have handled what the key set off (the new day's widgets
    # mounted); not Pilot.pause(), which also waits for the whole process to idle, workers included.
    await pilot._wait_for_screen()
    return time.perf_counter() - pressed


def _day(app: Any) -> Any:
    from crisisreader.tui.widgets.day_view import DayView

    return app.reader.query_one(DayView)


async def _keys(app: Any, pilot: Any) -> dict[str, Any]:
    from crisisreader.tui.screens.bookmarks import BookmarksScreen

    out: dict[str, Any] = {}
    day = _day(app)
    # A first start opens on the oldest day that is new: the keys are tried from the latest day back.
    await pilot.press("G")
    await pilot.pause(0.3)
    moves: list[float] = []
    for key in ["p"] * PRESSES + ["n"] * PRESSES:
        before = day.content
        moves.append(await _press(app, pilot, key, lambda before=before: day.content is not before))
    out["n/p"] = _stats(moves)
    for key in ("d", "o"):
        toggles: list[float] = []
        for _ in range(PRESSES // 2):
            before = day.content
            toggles.append(await _press(app, pilot, key, lambda before=before: day.content is not before))
        out[key] = _stats(toggles)
    # A bookmark on a day far back, opened from the list of bookmarks.
    await pilot.press("g")
    await pilot.pause(0.2)
    await pilot.press("down")  # off the folded background, onto a paragraph
    await pilot.press("b")
    await pilot.pause(0.1)
    await pilot.press("G")
    await pilot.pause(0.2)
    opening: list[float] = []
    for _ in range(PRESSES // 2):
        await pilot.press("B")
        while not isinstance(app.screen, BookmarksScreen):
            await asyncio.sleep(0.005)
        await pilot.pause(0.05)
        before = day.content
        opening.append(await _press(app, pilot, "enter", lambda before=before: day.content is not before))
        await pilot.press("G")
        await pilot.pause(0.1)
    out["bookmark"] = _stats(opening)
    return out


def _tomorrow(folder: Path, newest: Path, date: dt.date) -> Path:
    text = newest.read_text(encoding="utf-8")
    body = text.split(None, 2)[2] if text.lstrip().startswith("date") else text
    target = folder / f"landed-{date.isoformat()}.txt"
    target.write_text(f" date {date.isoformat()} {body}", encoding="utf-8")
    return target


async def _landings(app: Any, folder: Path, count: int) -> dict[str, Any]:
    from crisisreader.tui.widgets.sidebar import DateSidebar

    sidebar = app.reader.query_one(DateSidebar)
    last = app.reader.corpus.briefings[-1]
    newest = Path(last.path)
    date = last.date
    timings: list[float] = []
    for _ in range(count):
        date += dt.timedelta(days=1)
        key = f"{last.series}/{date.isoformat()}"
        start = time.perf_counter()
        _tomorrow(folder, newest, date)
        while key not in sidebar.keys or app.reader.analysis is None or key not in app.reader.analysis.diffs:
            if time.perf_counter() - start > 120:
                return {"error": "a landed day did not appear within 120 s"}
            await asyncio.sleep(0.005)
        timings.append(time.perf_counter() - start)
        await asyncio.sleep(2.0)
    return {"landings": len(timings), "median_s": statistics.median(timings), "worst_s": max(timings)}


def _long_day_corpus(base: Path) -> Path:
    folder = base / "long-day" / "series"
    folder.mkdir(parents=True)
    # Paragraphs that share few words, so that the diff calls none of them an edit of another: all 500 shown.
    rng = random.Random(0)
    vocabulary = [f"{a}{b}" for a in ("kor", "mal", "tes", "vin", "dra", "pol", "sum", "far") for b in range(200)]

    def paragraph(n: int) -> str:
        words = " ".join(rng.sample(vocabulary, 30))
        return f"Item {n}: {words}. “We are counting every hour,” said mayor Ivan Petrenko."

    long = [paragraph(n) for n in range(500)]
    (folder / "a.txt").write_text(" date 2022-02-07 " + "\n\n".join(long[:8]) + "\n", encoding="utf-8")
    (folder / "b.txt").write_text(" date 2022-02-08 " + "\n\n".join(long) + "\n", encoding="utf-8")
    (folder / "c.txt").write_text(" date 2022-02-09 " + "\n\n".join(long[:8]) + "\n", encoding="utf-8")
    return folder


def _reader(paths: list[Path]) -> Any:
    """The reader as ``crisisreader PATH`` makes it: with its reading state (bookmarks need one)."""
    from crisisreader.state import ReadingState
    from crisisreader.tui.app import make_app

    state, _ = ReadingState.load()
    return make_app(paths=paths, state=state)


async def _measure(corpus: Path, scratch: Path, landings: int) -> dict[str, Any]:

    result: dict[str, Any] = {}
    copy = scratch / "corpus"
    shutil.copytree(corpus, copy)
    series = sorted({p.parent for p in copy.rglob("*.txt")})
    paths = [copy]
    peak = PeakPss()
    start = time.perf_counter()
    app = _reader(paths)
    async with app.run_test(size=(COLS, ROWS)) as pilot:
        await _ready(app, pilot)
        result["first_start_s"] = time.perf_counter() - start
        result["peak_pss_mb"] = peak.stop()
        # The series' tails are gone through once the start is done: idle means after that.
        await asyncio.sleep(5.0)
        cpu = time.process_time()
        await asyncio.sleep(IDLE_SECONDS)
        result["idle_cpu_pct"] = 100 * (time.process_time() - cpu) / IDLE_SECONDS
        result["keys"] = await _keys(app, pilot)
        result["landing"] = await _landings(app, series[-1], landings)
        await pilot.press("q")
    for landed in copy.rglob("landed-*.txt"):
        landed.unlink()
    start = time.perf_counter()
    app = _reader(paths)
    async with app.run_test(size=(COLS, ROWS)) as pilot:
        await _ready(app, pilot)
        result["second_start_s"] = time.perf_counter() - start
        await pilot.press("q")
    long_folder = _long_day_corpus(scratch)
    app = _reader([long_folder])
    async with app.run_test(size=(COLS, ROWS)) as pilot:
        await _ready(app, pilot)
        await pilot.press("G")
        await pilot.pause(0.5)
        day = _day(app)
        moves: dict[str, list[float]] = {"long": [], "short": []}
        for _ in range(PRESSES // 2):
            for key, lands_on in (("p", "long"), ("p", "short"), ("n", "long"), ("n", "short")):
                before = day.content
                moves[lands_on].append(await _press(app, pilot, key, lambda before=before: day.content is not before))
        result["long_day"] = {"500 paragraphs": _stats(moves["long"]), "8 paragraphs": _stats(moves["short"])}
        await pilot.press("q")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--landings", type=int, default=3)
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="crisisreader-live-"))
    for name in ("XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        home = scratch / name.lower()
        home.mkdir()
        os.environ[name] = str(home)
    try:
        result = asyncio.run(_measure(args.corpus.resolve(), scratch, args.landings))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    text = json.dumps(result, indent=1)
    if args.out is not None:
        args.out.write_text(text)
    else:
        print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
