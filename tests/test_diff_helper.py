"""The diff helper process: the same diffs as worked out here, and a helper that fails or is stopped changes
nothing but the time taken."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crisisreader import diff
from crisisreader.analysis import analyse
from crisisreader.diff import helper
from crisisreader.diff.helper import DiffHelper, worth_it
from crisisreader.diff.plain import from_plain, to_plain
from crisisreader.load import load
from crisisreader.model import Corpus

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "diff"


def _corpus(seeds: Path) -> Corpus:
    """Several series at once: the seeds and every diff fixture (splits, merges, headless days, ...)."""
    corpus = load([seeds, *sorted(p for p in FIXTURES.iterdir() if p.is_dir())])
    assert len(corpus.series) > 3 and not [p for p in corpus.problems if p.severity == "error"]
    return corpus


@pytest.fixture
def helper_wanted(monkeypatch: pytest.MonkeyPatch) -> None:
    """analyse() starts a helper however short the corpus, on however many cores."""
    monkeypatch.setattr(helper, "MIN_DAYS", 1)
    monkeypatch.setattr(helper.os, "cpu_count", lambda: 2)


@pytest.fixture
def started(helper_wanted: None, monkeypatch: pytest.MonkeyPatch) -> list[DiffHelper]:
    """The helpers analyse() starts, as they start."""
    found: list[DiffHelper] = []
    real_start = DiffHelper.start.__func__  # type: ignore[attr-defined]

    def spy(cls: type[DiffHelper], *args: object) -> DiffHelper | None:
        running: DiffHelper | None = real_start(cls, *args)
        if running is not None:
            found.append(running)
        return running

    monkeypatch.setattr(DiffHelper, "start", classmethod(spy))
    return found


def _every_diff(corpus: Corpus) -> dict[str, diff.DayDiff]:
    return {d.target.key: d for s in corpus.series for d in diff.diff_series(s)}


def test_plain_values_round_trip(seeds: Path) -> None:
    corpus = _corpus(seeds)
    for key, day in _every_diff(corpus).items():
        target = corpus.briefing(key)
        assert target is not None
        assert from_plain(corpus, target, to_plain(day)) == day


def test_the_helper_gives_the_diffs_worked_out_here(seeds: Path) -> None:
    corpus = _corpus(seeds)
    running = DiffHelper.start(corpus, {}, diff.DEFAULT_THRESHOLD)
    assert running is not None
    try:
        found = running.result(corpus)
    finally:
        running.stop()
    assert found == _every_diff(corpus)


def test_the_helper_starts_where_it_is_told(seeds: Path) -> None:
    corpus = _corpus(seeds)
    longest = max(corpus.series, key=lambda s: len(s.briefings))
    start = len(longest.briefings) - 1
    running = DiffHelper.start(corpus, {longest.name: start}, diff.DEFAULT_THRESHOLD)
    assert running is not None
    found = running.result(corpus)
    assert found is not None
    assert [k for k in found if k.startswith(longest.name + "/")] == [longest.briefings[-1].key]
    assert found[longest.briefings[-1].key] == diff.diff_series(longest)[-1]


def test_analyse_with_a_helper_equals_analyse_without(seeds: Path, started: list[DiffHelper]) -> None:
    corpus = _corpus(seeds)
    parallel = analyse(corpus, parallel=True)
    assert started and started[0].process.returncode == 0
    alone = analyse(corpus, parallel=False)
    assert parallel.diffs == alone.diffs
    assert parallel.quotes == alone.quotes


@pytest.mark.usefixtures("helper_wanted")
def test_a_helper_that_cannot_start_only_costs_time(seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(seeds)
    # No such Python: the helper cannot start, and the diffs are worked out here.
    monkeypatch.setattr(helper.sys, "executable", sys.executable + "-missing")
    assert analyse(corpus, parallel=True).diffs == _every_diff(corpus)


def test_a_helper_that_exits_with_an_error_gives_none(seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(seeds)
    monkeypatch.setattr(helper, "FORMAT", helper.FORMAT + 1)  # the child still speaks the old format
    running = DiffHelper.start(corpus, {}, diff.DEFAULT_THRESHOLD)
    assert running is not None
    assert running.result(corpus) is None
    assert running.process.returncode != 0


def test_stopping_the_analysis_stops_the_helper(seeds: Path, started: list[DiffHelper]) -> None:
    corpus = _corpus(seeds)

    class Quit(Exception):
        pass

    def progress(stage: str, fraction: float) -> None:
        raise Quit

    with pytest.raises(Quit):
        analyse(corpus, parallel=True, progress=progress)
    # Killed, not finished: the analysis gave up before a new Python could even have read the series.
    assert started and started[0].process.returncode == -signal.SIGKILL


def test_a_helper_is_worth_it_only_for_long_series_and_a_spare_core(
    seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(seeds)
    days = sum(len(s.briefings) for s in corpus.series)
    monkeypatch.setattr(helper, "MIN_DAYS", days)
    monkeypatch.setattr(helper.os, "cpu_count", lambda: 2)
    assert worth_it(corpus, {})
    # Every series already known: nothing to align.
    assert not worth_it(corpus, {s.name: len(s.briefings) for s in corpus.series})
    monkeypatch.setattr(helper.os, "cpu_count", lambda: 1)
    assert not worth_it(corpus, {})
    monkeypatch.setattr(helper.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(helper, "MIN_DAYS", days + 1)
    assert not worth_it(corpus, {})


def _gone(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in status  # ended, waiting for a parent to collect it


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc to see processes")
def test_a_helper_ends_when_the_reader_is_killed(tmp_path: Path) -> None:
    # A reader that starts a long-lived "helper" (one that would sleep a minute) and is killed outright at once,
    # perhaps before the helper is even running.
    parent = (
        "import os, subprocess, sys, time; "
        "child = 'import threading, time; from crisisreader.diff.helper import _end_with; "
        "threading.Thread(target=_end_with, args=(%d,), daemon=True).start(); time.sleep(60)' % os.getpid(); "
        "p = subprocess.Popen([sys.executable, '-c', child]); print(p.pid, flush=True); time.sleep(60)"
    )
    reader = subprocess.Popen([sys.executable, "-c", parent], stdout=subprocess.PIPE, text=True)
    assert reader.stdout is not None
    pid = int(reader.stdout.readline())
    assert not _gone(pid)
    reader.kill()
    reader.wait()
    deadline = time.monotonic() + 20  # a liveness check, not a measure of speed: it takes 0.2 s
    while not _gone(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(pid), Path(f"/proc/{pid}/status").read_text()[:300]
