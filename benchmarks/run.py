"""Performance benchmarks of crisisreader on synthetic corpora, side by side for several sizes.

    PYTHONPATH=src .venv/bin/python benchmarks/run.py [--sizes 1000 10000] [--quick] [--no-readme] [--keep DIR]

For each size it generates a corpus (benchmarks/generate.py) and measures:

1. first paint in tmux at 120x40: ``crisisreader PATH`` against benchmarks/bare_app.py, until the screen shows
   the latest date (median of 3 runs each) and their ratio;
2. the full load (parse, quotes, diff, search index; each stage timed, missing stages n/a) against merely
   reading the files, in a fresh process whose peak RSS is reported; then the load as the reader does it
   (``load`` and ``analyse`` with their caches), a first start with empty caches and a second start;
3. search per keystroke (each prefix of ~20 queries from the third character): median and p95.

The table is printed and written into README.md's ``## Performance`` section (unless ``--no-readme``).
Benchmarks, not tests: nothing here is collected by pytest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import importlib
import importlib.util
import json
import math
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate, series_dates  # noqa: E402

QUERIES = (
    "peskov",
    "troops",
    "nord stream",
    "minsk accords",
    "security guarantees",
    "normandy format",
    "zelenskiy",
    "stoltenberg",
    "sanctions",
    "belarus",
    "lavrov",
    "blinken",
    "crimea",
    "donbas",
    "gas prices",
    "embassy",
    "invasion",
    "von der leyen",
    "black sea",
    "hysteria",
    "no winners",
)
COLS, ROWS = 120, 40
EXIT_SENTINEL = "__CRISISREADER_BENCH_EXIT__"
SEARCH_BUDGET = 120.0  # seconds of search timing at most: a slow index stops after the query under way

# Targets: (row key, size it applies to, limit, unit shown).
TARGETS: dict[str, list[tuple[int, float]]] = {
    "paint_ratio": [(1000, 1.5), (10000, 2.0)],
    "total": [(10000, 5.0)],
    "search_p95": [(10000, 16.0)],
    "peak_rss": [(10000, 250.0)],
    "live_start": [(10000, 5.0)],
    "live_second": [(10000, 1.0)],
    "live_pss": [(10000, 250.0)],
    "idle": [(1000, 2.0), (10000, 2.0)],
    "landing": [(10000, 1.0)],
    "key_p95": [(10000, 33.0)],
}


# --------------------------------------------------------------------------------------------------------------
# The worker: runs in a fresh process, prints nothing, writes JSON.
# --------------------------------------------------------------------------------------------------------------


def _briefing_files(root: Path) -> list[Path]:
    """The files the loader reads: .txt/.md, hidden ones skipped, sorted like the loader walks them."""
    out: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith((".txt", ".md")):
                out.append(Path(folder) / name)
    return out


def _rss_mb(field_name: str) -> float:
    """VmHWM (peak) or VmRSS (now) of this process in MB, from /proc; ru_maxrss where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _import(module: str, attribute: str) -> tuple[Any, str | None]:
    """``module.attribute``, or None and why not: n/a when missing, error when broken."""
    try:
        mod = importlib.import_module(module)
    except ImportError as error:
        return None, f"n/a: {module} not importable ({error})"
    except Exception as error:  # a module mid-edit by someone else must not stop the benchmark
        return None, f"error: importing {module} failed ({type(error).__name__}: {error})"
    value = getattr(mod, attribute, None)
    if value is None:
        return None, f"n/a: {module}.{attribute} does not exist"
    return value, None


def _timed(function: Callable[[], Any]) -> tuple[Any, dict[str, Any]]:
    start = time.perf_counter()
    try:
        value = function()
    except Exception as error:
        return None, {"status": "error", "note": f"{type(error).__name__}: {error}"}
    return value, {"status": "ok", "seconds": time.perf_counter() - start}


def _consume(result: Any) -> int:
    """Force a lazy search result and count it."""
    if result is None:
        return 0
    total = getattr(result, "total", None)  # a Results object: hits (limited) and the total count
    if isinstance(total, int):
        return total
    if isinstance(result, list | tuple):
        return len(result)
    if hasattr(result, "__len__"):
        return len(result)
    if hasattr(result, "__iter__"):
        return sum(1 for _ in result)
    return 1


def worker(root: Path, out: Path, search: bool) -> None:
    result: dict[str, Any] = {"stages": {}}
    files = _briefing_files(root)
    result["files"] = len(files)
    result["bytes"] = sum(len(p.read_bytes()) for p in files)  # also warms the page cache for both passes
    reads = []
    for _ in range(3):
        start = time.perf_counter()
        for path in _briefing_files(root):
            with open(path, "rb") as handle:
                handle.read()
        reads.append(time.perf_counter() - start)
    result["read_seconds"] = statistics.median(reads)
    result["rss_before_mb"] = _rss_mb("VmRSS")

    stages: dict[str, dict[str, Any]] = result["stages"]
    start = time.perf_counter()
    load, why = _import("crisisreader.load", "load")
    extract_corpus, why_quotes = _import("crisisreader.quotes", "extract_corpus")
    diff_series, why_diff = _import("crisisreader.diff", "diff_series")
    search_index, why_search = _import("crisisreader.search", "SearchIndex")
    cache_module = None
    if _has_module("crisisreader.cache"):
        try:
            cache_module = importlib.import_module("crisisreader.cache")
        except Exception as error:
            result["cache_error"] = f"{type(error).__name__}: {error}"
    result["import_seconds"] = time.perf_counter() - start
    result["cache_module"] = cache_module is not None
    if cache_module is not None and load is not None:
        # The reader loads with the parse cache: the first start writes it, the second reads it.
        load, result["load_function"] = functools.partial(load, cache=True), "crisisreader.load.load(cache=True)"
    else:
        result["load_function"] = "crisisreader.load.load"

    corpus = None
    if load is None:
        stages["load"] = {"status": why.split(":")[0] if why else "n/a", "note": why}
    else:
        corpus, stages["load"] = _timed(lambda: load([root]))
        if corpus is not None:
            result["briefings"] = sum(len(s.briefings) for s in corpus.series)
    missing = "n/a: the load failed"
    if corpus is None or extract_corpus is None:
        stages["quotes"] = _na(why_quotes if corpus is not None else missing)
    else:
        quotes, stages["quotes"] = _timed(lambda: extract_corpus(corpus))
        stages["quotes"]["count"] = _consume(quotes) if quotes is not None else 0
    if corpus is None or diff_series is None:
        stages["diff"] = _na(why_diff if corpus is not None else missing)
    else:
        _, stages["diff"] = _timed(lambda: [diff_series(s) for s in corpus.series])
    index = None
    if corpus is None or search_index is None:
        stages["search_index"] = _na(why_search if corpus is not None else missing)
    else:
        index, stages["search_index"] = _timed(lambda: search_index(corpus))
    result["total_seconds"] = sum(s["seconds"] for s in stages.values() if s["status"] == "ok")
    result["peak_rss_mb"] = _rss_mb("VmHWM")

    if not search:
        result["search"] = _na("n/a: not measured in this run")
    elif index is None:
        result["search"] = _na(stages["search_index"].get("note") or "n/a: no search index")
    elif not callable(getattr(index, "search", None)):
        result["search"] = _na("n/a: SearchIndex has no search() method")
    else:
        result["search"] = _search_timings(index)
    out.write_text(json.dumps(result, indent=1))


def reader_worker(root: Path, out: Path, attribution: bool = True) -> None:
    """The load as the reader does it: the parse and the analysis, both with their caches, and the speaker list
    the reader works out before it is done. Without ``attribution``, no quotation is looked for: what the load
    costs without it tells what attribution adds to it."""
    result: dict[str, Any] = {}
    start = time.perf_counter()
    try:
        from crisisreader import analysis as analysis_module
        from crisisreader.analysis import analyse
        from crisisreader.load import load
    except ImportError as error:
        out.write_text(json.dumps({"error": f"n/a: {error}"}))
        return
    if not attribution:
        from crisisreader.quotes import QuoteBook

        def no_quotes(briefings: Iterable[Any], registry: Any, after: Any = None) -> QuoteBook:
            for briefing in briefings:
                if after is not None:
                    after(briefing)
            return QuoteBook()

        analysis_module.extract_briefings = no_quotes  # type: ignore[assignment]
    result["import_seconds"] = time.perf_counter() - start
    start = time.perf_counter()
    corpus = load([root], cache=True)
    result["load_seconds"] = time.perf_counter() - start
    start = time.perf_counter()
    analysis = analyse(corpus, cache=True)
    analysis.speakers()
    result["analysis_seconds"] = time.perf_counter() - start
    result["total_seconds"] = result["load_seconds"] + result["analysis_seconds"]
    result["quotes"] = sum(len(analysis.quotes.get(b.key, ())) for b in corpus.briefings)
    result["cache_problems"] = [str(p) for p in analysis.problems]
    result["peak_rss_mb"] = _rss_mb("VmHWM")
    out.write_text(json.dumps(result, indent=1))


def typing_worker(root: Path, out: Path) -> None:
    """Search as a user does it: the reader (headless, caches filled), the search screen, each query typed a key
    at a time; from a key press until the results for the text typed so far are listed."""
    import asyncio

    from textual import events
    from textual.widgets import OptionList

    from crisisreader.tui.app import make_app
    from crisisreader.tui.screens.search import SearchScreen

    app = make_app(paths=[root])
    timings: list[float] = []

    async def results_for(typed: str) -> None:
        while True:
            screen = app.screen
            if isinstance(screen, SearchScreen):
                title = str(screen.query_one("#hits", OptionList).border_title or "")
                # "1,234 paragraphs for “nord st”" (the query as the box holds it, its ends trimmed).
                if title.endswith(f" for “{typed.strip()}”"):
                    return
            await asyncio.sleep(0.0005)

    async def run() -> None:
        async with app.run_test(size=(COLS, ROWS)) as pilot:
            start = time.monotonic()
            while app.reader.analysis is None and time.monotonic() - start < 600:
                await pilot.pause(0.05)
            await pilot.pause(0.5)
            driver = app._driver
            assert driver is not None
            budget = time.monotonic() + SEARCH_BUDGET
            for query in QUERIES:
                if time.monotonic() > budget:
                    break
                await pilot.press("slash")
                while not isinstance(app.screen, SearchScreen):
                    await pilot.pause(0.01)
                for n, char in enumerate(query, 1):
                    # The key as the terminal driver hands it over (Pilot.press adds idle waits of its own).
                    event = events.Key("space" if char == " " else char, char)
                    event.set_sender(app)
                    pressed = time.perf_counter()
                    driver.send_message(event)
                    await results_for(query[:n])
                    if n >= 3:
                        timings.append(time.perf_counter() - pressed)
                        if os.environ.get("BENCH_TRACE"):
                            print(f"{query[:n]!r}: {timings[-1] * 1000:.1f} ms", file=sys.stderr)
                await pilot.press("escape")
                await pilot.pause(0.05)

    asyncio.run(run())
    result: dict[str, Any] = {"keystrokes": len(timings)}
    if timings:
        ordered = sorted(timings)
        result["median_ms"] = statistics.median(ordered) * 1000
        result["p95_ms"] = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)] * 1000
    out.write_text(json.dumps(result, indent=1))


def _has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _na(note: str | None) -> dict[str, Any]:
    note = note or "n/a"
    return {"status": "error" if note.startswith("error") else "n/a", "note": note}


def _search_timings(index: Any) -> dict[str, Any]:
    times: list[float] = []
    hits: dict[str, int] = {}
    budget = time.perf_counter() + SEARCH_BUDGET
    try:
        for query in QUERIES:
            if time.perf_counter() > budget:
                break
            for end in range(3, len(query) + 1):
                prefix = query[:end]
                start = time.perf_counter()
                count = _consume(index.search(prefix))
                times.append((time.perf_counter() - start) * 1000)
            hits[query] = count
    except Exception as error:
        return {"status": "error", "note": f"search() raised {type(error).__name__}: {error}"}
    ordered = sorted(times)
    return {
        "status": "ok",
        "keystrokes": len(times),
        "queries": len(hits),
        "median_ms": statistics.median(ordered),
        "p95_ms": ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)],
        "max_ms": ordered[-1],
        "hits": hits,
    }


# --------------------------------------------------------------------------------------------------------------
# First paint in tmux.
# --------------------------------------------------------------------------------------------------------------


@dataclass
class Paint:
    seconds: float | None
    note: str = ""


class Tmux:
    """A private tmux server (its own socket), so that nothing else running in tmux is touched."""

    def __init__(self) -> None:
        self.binary = shutil.which("tmux")
        self.socket = f"crisisreader-bench-{os.getpid()}"
        self.count = 0

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        assert self.binary is not None
        return subprocess.run([self.binary, "-L", self.socket, *args], capture_output=True, text=True, check=False)

    def first_paint(self, command: Sequence[str], marker: str, env: dict[str, str], timeout: float) -> Paint:
        """Seconds from launching ``command`` until ``marker`` is on the full-screen (alternate) display."""
        if self.binary is None:
            return Paint(None, "tmux not found")
        self.count += 1
        name = f"bench{self.count}"
        assignments = [f"{k}={v}" for k, v in env.items()]
        shell = f"{shlex.join(['env', *assignments, *command])}; echo {EXIT_SENTINEL} $?; sleep 600"
        start = time.perf_counter()
        size = ("-x", str(COLS), "-y", str(ROWS))
        launched = self.run("new-session", "-d", "-s", name, "-c", os.getcwd(), *size, shell)
        if launched.returncode != 0:
            return Paint(None, f"tmux new-session failed: {launched.stderr.strip()}")
        try:
            tick = start
            while True:
                probe = self.run(
                    "capture-pane", "-p", "-t", name, ";", "display-message", "-p", "-t", name, "#{alternate_on}"
                )
                now = time.perf_counter()
                if probe.returncode != 0:
                    return Paint(None, f"the tmux session ended ({probe.stderr.strip()})")
                lines = probe.stdout.rstrip("\n").split("\n")
                alternate = lines[-1].strip() == "1"
                screen = "\n".join(lines[:-1])
                if alternate and marker in screen:
                    return Paint(now - start)
                if EXIT_SENTINEL in screen:
                    code = screen.split(EXIT_SENTINEL, 1)[1].split()[0] if screen.split(EXIT_SENTINEL, 1)[1] else "?"
                    shown = "printed the date but showed no full-screen view" if marker in screen else "showed no date"
                    said = [line.strip() for line in screen.split(EXIT_SENTINEL, 1)[0].splitlines() if line.strip()]
                    last = f"; last output: {said[-1][:100]!r}" if said else ""
                    return Paint(None, f"exited (code {code}) and {shown}: not yet a full-screen reader{last}")
                if now - start > timeout:
                    return Paint(None, f"no {marker} on screen after {timeout:.0f} s")
                tick += 0.010
                time.sleep(max(0.0, tick - time.perf_counter()))
        finally:
            self.run("kill-session", "-t", name)
            time.sleep(0.3)  # let the killed app go before the next launch

    def close(self) -> None:
        if self.binary is not None:
            self.run("kill-server")


def reader_command(path: Path) -> tuple[list[str], str]:
    script = Path(sys.executable).parent / "crisisreader"
    if script.exists():
        return [str(script), str(path)], ""
    return [sys.executable, "-m", "crisisreader", str(path)], "console script not installed: ran python -m crisisreader"


# --------------------------------------------------------------------------------------------------------------
# One size, then the table.
# --------------------------------------------------------------------------------------------------------------


@dataclass
class SizeResult:
    size: int
    files: int = 0
    megabytes: float = 0.0
    generation: float | None = None
    reader: Paint = field(default_factory=lambda: Paint(None, "not measured"))
    bare: Paint = field(default_factory=lambda: Paint(None, "not measured"))
    work: dict[str, Any] = field(default_factory=dict)
    first_start: dict[str, Any] | None = None
    second_start: dict[str, Any] | None = None
    first_without: dict[str, Any] | None = None
    second_without: dict[str, Any] | None = None
    typing: dict[str, Any] | None = None
    live: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)


def run_worker(
    root: Path,
    cache_home: Path,
    search: bool,
    scratch: Path,
    timeout: float,
    reader: bool = False,
    typing: bool = False,
    attribution: bool = True,
) -> dict[str, Any]:
    out = scratch / f"worker-{time.monotonic_ns()}.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(root), "--worker-out", str(out)]
    if search:
        command.append("--worker-search")
    if reader:
        command.append("--worker-reader")
    if typing:
        command.append("--worker-typing")
    if not attribution:
        command.append("--worker-no-attribution")
    env = dict(os.environ, XDG_CACHE_HOME=str(cache_home))
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"the load worker took more than {timeout:.0f} s"}
    if done.returncode != 0 or not out.exists():
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"the load worker failed (code {done.returncode}): {last}"}
    data: dict[str, Any] = json.loads(out.read_text())
    out.unlink()
    return data


def measure(size: int, base: Path, args: argparse.Namespace, tmux: Tmux) -> SizeResult:
    result = SizeResult(size)
    root = base / f"briefings-{size}"
    if root.exists() and any(root.iterdir()):
        result.notes.append(f"{size:,}: reused the corpus in {root}")
    else:
        start = time.perf_counter()
        generate(root, size, args.series, args.seed)
        result.generation = time.perf_counter() - start
    files = _briefing_files(root)
    result.files = len(files)
    result.megabytes = sum(p.stat().st_size for p in files) / 1e6
    dates = sorted({d for series in series_dates(size, args.series) for d in series}, reverse=True)
    dates_file = base / f"dates-{size}.txt"
    dates_file.write_text("\n".join(d.isoformat() for d in dates) + "\n")
    cache_home = Path(tempfile.mkdtemp(prefix="cache-", dir=base))
    print(f"[{size:,}] corpus: {result.files:,} files, {result.megabytes:.1f} MB", file=sys.stderr, flush=True)

    if dates and not args.no_paint:
        marker = dates[0].strftime(args.marker_format)
        env = {"XDG_CACHE_HOME": str(cache_home)}
        if "PYTHONPATH" in os.environ:  # absolute, so that it holds whatever tmux's working folder
            env["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p) for p in os.environ["PYTHONPATH"].split(os.pathsep))
        command, note = reader_command(root)
        if note:
            result.notes.append(note)
        bare_command = [sys.executable, str(HERE / "bare_app.py"), str(root), "--dates", str(dates_file)]
        bare: list[float] = []
        reader: list[float] = []
        reader_failed: Paint | None = None
        for attempt in range(args.repeats):
            paint = tmux.first_paint(bare_command, marker, env, args.paint_timeout)
            if paint.seconds is None:
                result.bare = paint
            else:
                bare.append(paint.seconds)
            if reader_failed is None:
                paint = tmux.first_paint(command, marker, env, args.paint_timeout)
                if paint.seconds is None:
                    reader_failed = paint
                else:
                    reader.append(paint.seconds)
            print(
                f"[{size:,}] first paint {attempt + 1}/{args.repeats}: bare {_fmt_s(bare[-1] if bare else None)}, "
                f"crisisreader {_fmt_s(reader[-1] if reader else None)}"
                + (f" ({reader_failed.note})" if reader_failed else ""),
                file=sys.stderr,
                flush=True,
            )
        if bare:
            result.bare = Paint(statistics.median(bare))
        result.reader = Paint(statistics.median(reader)) if reader else reader_failed or Paint(None, "no run")
    elif args.no_paint:
        result.reader = result.bare = Paint(None, "skipped (--no-paint)")

    print(f"[{size:,}] full load in a fresh process ...", file=sys.stderr, flush=True)
    result.work = run_worker(root, cache_home, True, base, args.load_timeout)
    shutil.rmtree(cache_home, ignore_errors=True)
    # The reader's own path, with both caches: first empty, then filled by the first run.
    cache_home = Path(tempfile.mkdtemp(prefix="cache-", dir=base))
    print(f"[{size:,}] the reader's load, first start ...", file=sys.stderr, flush=True)
    result.first_start = run_worker(root, cache_home, False, base, args.load_timeout, reader=True)
    print(f"[{size:,}] the reader's load, second start ...", file=sys.stderr, flush=True)
    result.second_start = run_worker(root, cache_home, False, base, args.load_timeout, reader=True)
    if not args.no_typing:
        print(f"[{size:,}] typing in the reader's search ...", file=sys.stderr, flush=True)
        result.typing = run_worker(root, cache_home, False, base, args.load_timeout, typing=True)
    shutil.rmtree(cache_home, ignore_errors=True)
    # The same again with no quotation looked for, in caches of its own: what attribution adds to the load.
    cache_home = Path(tempfile.mkdtemp(prefix="cache-", dir=base))
    print(f"[{size:,}] the reader's load without attribution, first and second start ...", file=sys.stderr, flush=True)
    result.first_without = run_worker(root, cache_home, False, base, args.load_timeout, reader=True, attribution=False)
    result.second_without = run_worker(root, cache_home, False, base, args.load_timeout, reader=True, attribution=False)
    shutil.rmtree(cache_home, ignore_errors=True)
    if not args.no_live:
        print(f"[{size:,}] the running reader (benchmarks/live.py) ...", file=sys.stderr, flush=True)
        result.live = run_live(root, base, args.load_timeout)
    return result


def run_live(root: Path, scratch: Path, timeout: float) -> dict[str, Any]:
    """benchmarks/live.py in a process of its own (it copies the corpus and keeps caches of its own)."""
    out = scratch / f"live-{time.monotonic_ns()}.json"
    command = [sys.executable, str(HERE / "live.py"), str(root), "--out", str(out)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout * 3, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"benchmarks/live.py took more than {timeout * 3:.0f} s"}
    if done.returncode != 0 or not out.exists():
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"benchmarks/live.py failed (code {done.returncode}): {last}"}
    data: dict[str, Any] = json.loads(out.read_text())
    out.unlink()
    return data


def _fmt_ms(ms: float) -> str:
    return f"{ms:.1f} ms" if ms < 100 else f"{ms:,.0f} ms"


def _fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "n/a"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _stage(result: SizeResult, name: str) -> dict[str, Any]:
    if "error" in result.work:
        return {"status": "error", "note": result.work["error"]}
    stage: dict[str, Any] = result.work.get("stages", {}).get(name, {"status": "n/a", "note": "n/a"})
    return stage


def _met(key: str, values: dict[int, float | None]) -> str:
    if not any(size in values for size, _ in TARGETS[key]):
        return "not measured at " + " and ".join(f"{size:,}" for size, _ in TARGETS[key])
    verdicts = []
    for size, limit in TARGETS[key]:
        if size not in values:
            verdicts.append(f"not measured ({size:,})")
        elif values[size] is None:
            verdicts.append(f"n/a ({size:,})")
        else:
            verdicts.append(("met" if values[size] <= limit else "**not met**") + f" ({size:,})")  # type: ignore[operator]
    return "; ".join(verdicts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(results: Sequence[SizeResult], args: argparse.Namespace) -> str:
    notes: list[str] = []

    def na(note: str | None, size: int) -> str:
        note = (note or "n/a").removeprefix("n/a: ")
        line = f"{note}"
        if line not in notes:
            notes.append(line)
        return f"n/a [{notes.index(line) + 1}]"

    rows: list[tuple[str, list[str], str, str]] = []

    def row(label: str, cells: Iterable[str], target: str = "", met: str = "") -> None:
        rows.append((label, list(cells), target, met))

    row(
        "Corpus: files, size (generation time)",
        (
            f"{r.files:,} files, {r.megabytes:.1f} MB "
            f"({_fmt_s(r.generation) if r.generation is not None else 'reused'})"
            for r in results
        ),
    )
    row(
        f"First paint, `crisisreader PATH` (median of {args.repeats})",
        (_fmt_s(r.reader.seconds) if r.reader.seconds is not None else na(r.reader.note, r.size) for r in results),
    )
    row(
        f"First paint, bare Textual app (median of {args.repeats})",
        (_fmt_s(r.bare.seconds) if r.bare.seconds is not None else na(r.bare.note, r.size) for r in results),
    )
    ratios: dict[int, float | None] = {}
    for r in results:
        ok = r.reader.seconds is not None and r.bare.seconds
        ratios[r.size] = r.reader.seconds / r.bare.seconds if ok else None  # type: ignore[operator]
    row(
        "First paint, crisisreader / bare",
        (f"{ratios[r.size]:.2f}x" if ratios[r.size] is not None else "n/a" for r in results),
        "≤1.5x at 1,000; ≤2x at 10,000",
        _met("paint_ratio", ratios),
    )
    row(
        "Reading the files (open + read bytes)",
        (
            _fmt_s(r.work.get("read_seconds")) if "read_seconds" in r.work else na(r.work.get("error"), r.size)
            for r in results
        ),
    )
    for name, label in (
        ("load", "Parse: `load.load(paths)`"),
        ("quotes", "Quotes: `quotes.extract_corpus(corpus)`"),
        ("diff", "Diff: `diff.diff_series(series)`, every series"),
        ("search_index", "Search index: `search.SearchIndex(corpus)`"),
    ):
        cells = []
        for r in results:
            stage = _stage(r, name)
            cells.append(_fmt_s(stage["seconds"]) if stage["status"] == "ok" else na(stage.get("note"), r.size))
        row(label, cells)
    totals: dict[int, float | None] = {}
    total_cells = []
    for r in results:
        stages = [_stage(r, n) for n in ("load", "quotes", "diff", "search_index")]
        done = sum(1 for s in stages if s["status"] == "ok")
        if done == 0:
            totals[r.size] = None
            total_cells.append(na(r.work.get("error") or "no stage ran", r.size))
            continue
        totals[r.size] = float(r.work["total_seconds"])
        partial = "" if done == 4 else f" ({done} of 4 stages)"
        total_cells.append(_fmt_s(totals[r.size]) + partial)
    met_total = _met("total", totals)
    if any(c.endswith("stages)") for c in total_cells):
        met_total += " (partial)"
    row("Full load, total", total_cells, "≤5 s at 10,000", met_total)
    row(
        "Full load / reading the files",
        (
            f"{totals[r.size] / r.work['read_seconds']:.0f}x"
            if totals[r.size] and r.work.get("read_seconds")
            else "n/a"
            for r in results
        ),
    )
    peaks: dict[int, float | None] = {r.size: r.work.get("peak_rss_mb") for r in results}
    row(
        "Peak memory (RSS) of the full load",
        (f"{peaks[r.size]:.0f} MB" if peaks[r.size] is not None else na(r.work.get("error"), r.size) for r in results),
        "≤250 MB at 10,000",
        _met("peak_rss", peaks),
    )
    for attribute, label in (
        ("first_start", "Reader's load, first start (`load` + `analyse`, caches empty)"),
        ("second_start", "Reader's load, second start (both caches filled)"),
    ):
        values: dict[int, float | None] = {}
        cells = []
        for r in results:
            run = getattr(r, attribute) or {"error": "not measured"}
            if "error" in run:
                values[r.size] = None
                cells.append(na(run["error"], r.size))
                continue
            values[r.size] = float(run["total_seconds"])
            cells.append(
                f"{_fmt_s(run['total_seconds'])} (parse {_fmt_s(run['load_seconds'])}, "
                f"analysis {_fmt_s(run['analysis_seconds'])}; peak {run['peak_rss_mb']:.0f} MB)"
            )
        row(label, cells, "≤5 s at 10,000", _met("total", values))
    for with_name, without_name, label in (
        ("first_start", "first_without", "Attribution's cost to the reader's load, first start"),
        ("second_start", "second_without", "Attribution's cost to the reader's load, second start"),
    ):
        cells, verdicts = [], []
        for r in results:
            with_run = getattr(r, with_name) or {"error": "not measured"}
            without_run = getattr(r, without_name) or {"error": "not measured"}
            failed = with_run.get("error") or without_run.get("error")
            if failed:
                cells.append(na(failed, r.size))
                verdicts.append(f"n/a ({r.size:,})")
                continue
            added = with_run["total_seconds"] - without_run["total_seconds"]
            parse = with_run["load_seconds"]
            cells.append(
                f"{'+' if added >= 0 else '−'}{_fmt_s(abs(added))} against the parse's {_fmt_s(parse)} "
                f"({_fmt_s(with_run['total_seconds'])} with, {_fmt_s(without_run['total_seconds'])} without)"
            )
            verdicts.append(("met" if added <= parse else "**not met**") + f" ({r.size:,})")
        row(label, cells, "no more than the parse (issue #3)", "; ".join(verdicts))
    searches = {r.size: r.work.get("search") or {"status": "n/a", "note": r.work.get("error")} for r in results}
    row(
        "Search per keystroke, median",
        (
            f"{_fmt_ms(s['median_ms'])} ({s['keystrokes']} keystrokes, {s['queries']} queries)"
            if s["status"] == "ok"
            else na(s.get("note"), size)
            for size, s in searches.items()
        ),
    )
    p95: dict[int, float | None] = {size: s.get("p95_ms") for size, s in searches.items()}
    row(
        "Search per keystroke, p95",
        (_fmt_ms(s["p95_ms"]) if s["status"] == "ok" else na(s.get("note"), size) for size, s in searches.items()),
        "≤16 ms at 10,000, from the 3rd character",
        _met("search_p95", p95),
    )

    typed: dict[int, float | None] = {}
    typed_cells = []
    for r in results:
        run = r.typing or {"error": "not measured"}
        if "p95_ms" not in run:
            typed[r.size] = None
            typed_cells.append(na(run.get("error", "no keystroke timed"), r.size))
            continue
        typed[r.size] = float(run["p95_ms"])
        typed_cells.append(f"{_fmt_ms(run['median_ms'])} / {_fmt_ms(run['p95_ms'])} ({run['keystrokes']} keystrokes)")
    row(
        "Search in the reader, key press to results listed: median / p95",
        typed_cells,
        "≤16 ms at 10,000, from the 3rd character",
        _met("search_p95", typed),
    )

    _live_rows(results, row, na)

    header = ["Measure", *[f"{r.size:,} briefings" for r in results], "Target", "Met"]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---", *["---:" for _ in results], "---", "---"]) + "|",
    ]
    for label, cells, target, met in rows:
        lines.append("| " + " | ".join(_cell(c) for c in [label, *cells, target, met]) + " |")
    out = [
        machine_line(),
        "",
        f"Synthetic corpora from `benchmarks/generate.py` (seed {args.seed}, {args.series} series, one briefing a "
        f"day up to 2022-02-08). First paint: tmux at {COLS}x{ROWS}, launch until the latest date is on the "
        "full-screen display, polled every 10 ms. Full load: a fresh process, files already in the page cache. "
        "Search: every prefix, from the 3rd character, of "
        f"{len(QUERIES)} queries ({', '.join(QUERIES[:4])}, ...). Rerun with "
        "`PYTHONPATH=src .venv/bin/python benchmarks/run.py`.",
        "",
        *lines,
    ]
    extra = [n for r in results for n in r.notes]
    if notes or extra:
        out.append("")
        out.extend(f"{i}. {_cell(n)}" for i, n in enumerate(notes, 1))
        out.extend(f"- {_cell(n)}" for n in dict.fromkeys(extra))
    return "\n".join(out) + "\n"


def _live_rows(
    results: Sequence[SizeResult],
    row: Callable[[str, Iterable[str], str, str], None],
    na: Callable[[str | None, int], str],
) -> None:
    """The rows of benchmarks/live.py: the running reader as a user meets it (issue 17)."""

    def live(r: SizeResult) -> dict[str, Any]:
        return r.live or {"error": "not measured"}

    def simple(label: str, key: str, target_key: str, target: str, show: Callable[[float], str]) -> None:
        values: dict[int, float | None] = {}
        cells = []
        for r in results:
            value = live(r).get(key)
            values[r.size] = float(value) if isinstance(value, (int, float)) else None
            cells.append(show(value) if values[r.size] is not None else na(live(r).get("error"), r.size))
        row(label, cells, target, _met(target_key, values))

    simple(
        "Reader, first start to the header's count of quotations (headless, caches empty)",
        "first_start_s", "live_start", "≤5 s at 10,000", _fmt_s,
    )  # fmt: skip
    simple(
        "Reader, second start to the count (caches filled)", "second_start_s", "live_second", "≤1 s at 10,000", _fmt_s
    )
    simple(
        "Reader, peak PSS during the first start (the reader and its helper processes)",
        "peak_pss_mb", "live_pss", "≤250 MB at 10,000", lambda v: f"{v:.0f} MB",
    )  # fmt: skip
    simple(
        "Reader, CPU while idle for 10 s (one core = 100%)",
        "idle_cpu_pct", "idle", "≤2% of a core", lambda v: f"{v:.2f}%",
    )  # fmt: skip
    landing: dict[int, float | None] = {}
    cells = []
    for r in results:
        found = live(r).get("landing") or {}
        if "median_s" not in found:
            landing[r.size] = None
            cells.append(na(found.get("error") or live(r).get("error"), r.size))
            continue
        landing[r.size] = float(found["worst_s"])
        cells.append(f"{_fmt_s(found['median_s'])} median, {_fmt_s(found['worst_s'])} worst ({found['landings']} days)")
    row(
        "A new day: file written to its day in the sidebar with its diff, quotations and search entries",
        cells, "<1 s at 10,000 (worst)", _met("landing", landing),
    )  # fmt: skip
    for key, label in (
        ("n/p", "Keys: `n`/`p`, key to the day shown, median / p95"),
        ("d", "Keys: `d` (diff), median / p95"),
        ("o", "Keys: `o` (only new), median / p95"),
        ("bookmark", "Keys: Enter on a bookmark to its day shown, median / p95"),
    ):
        values: dict[int, float | None] = {}
        cells = []
        for r in results:
            found = (live(r).get("keys") or {}).get(key) or {}
            if "p95_ms" not in found:
                values[r.size] = None
                cells.append(na(live(r).get("error"), r.size))
                continue
            values[r.size] = float(found["p95_ms"])
            cells.append(f"{_fmt_ms(found['median_ms'])} / {_fmt_ms(found['p95_ms'])} ({found['presses']} presses)")
        row(label, cells, "p95 ≤33 ms at 10,000", _met("key_p95", values))
    cells = []
    for r in results:
        found = live(r).get("long_day") or {}
        long, short = found.get("500 paragraphs") or {}, found.get("8 paragraphs") or {}
        if "p95_ms" not in long or "p95_ms" not in short:
            cells.append(na(live(r).get("error"), r.size))
            continue
        cells.append(
            f"500 paragraphs {_fmt_ms(long['median_ms'])} / {_fmt_ms(long['p95_ms'])}; "
            f"8 paragraphs {_fmt_ms(short['median_ms'])} / {_fmt_ms(short['p95_ms'])}"
        )
    row("Keys: `n`/`p` onto a day of 500 paragraphs and of 8, median / p95", cells, "as fast as a short day", "")


def machine_line() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        from importlib.metadata import version

        textual = f", Textual {version('textual')}"
    except Exception:
        textual = ""
    return (
        f"Measured on {dt.date.today().isoformat()}: {platform.platform()}, {cpu}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}{textual}."
    )


def write_readme(readme: Path, body: str) -> None:
    """Replace everything between ``## Performance`` and the next ``## `` heading (outside code fences)."""
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    lines = text.splitlines(keepends=True)
    start = end = None
    fenced = False
    for i, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if fenced:
            continue
        if start is None and re.match(r"^## +Performance\s*$", line):
            start = i
        elif start is not None and line.startswith("## "):
            end = i
            break
    section = ["## Performance\n", "\n", body if body.endswith("\n") else body + "\n"]
    if start is None:
        prefix = text if not text or text.endswith("\n") else text + "\n"
        new = prefix + ("\n" if prefix else "") + "".join(section)
    else:
        tail = lines[end:] if end is not None else []
        new = "".join(lines[:start] + section + (["\n", *tail] if tail else []))
    readme.write_text(new, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (1000 10000)")
    parser.add_argument("--quick", action="store_true", help="sizes 200 2000, to try it out")
    parser.add_argument("--no-readme", action="store_true", help="print the table only")
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md", help="the README to update")
    parser.add_argument("--keep", type=Path, help="generate corpora here (and reuse them) instead of a temp folder")
    parser.add_argument("--series", type=int, default=1, help="series folders a corpus is split over (1)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=3, help="first-paint runs of each app (median)")
    parser.add_argument("--marker-format", default="%Y-%m-%d", help="strftime of the date that marks first paint")
    parser.add_argument("--paint-timeout", type=float, default=60.0, help="seconds to wait for a first paint")
    parser.add_argument("--load-timeout", type=float, default=600.0, help="seconds to allow the load worker")
    parser.add_argument("--no-paint", action="store_true", help="skip the first-paint measurements")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--worker-out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--worker-search", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--worker-reader", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--worker-typing", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--worker-no-attribution", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-typing", action="store_true", help="skip typing in the reader's search")
    parser.add_argument("--no-live", action="store_true", help="skip the running reader (benchmarks/live.py)")
    args = parser.parse_args(argv)

    if args.worker is not None:
        if args.worker_reader:
            reader_worker(args.worker, args.worker_out, attribution=not args.worker_no_attribution)
        elif args.worker_typing:
            typing_worker(args.worker, args.worker_out)
        else:
            worker(args.worker, args.worker_out, args.worker_search)
        return 0

    sizes = [200, 2000] if args.quick else args.sizes
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        base, temporary = args.keep, None
    else:
        temporary = tempfile.TemporaryDirectory(prefix="crisisreader-bench-")
        base = Path(temporary.name)
    tmux = Tmux()
    try:
        results = [measure(size, base, args, tmux) for size in sizes]
    finally:
        tmux.close()
        if temporary is not None:
            temporary.cleanup()
    body = table(results, args)
    print(body)
    if not args.no_readme:
        write_readme(args.readme, body)
        print(f"wrote the Performance section of {args.readme}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
