"""Day-over-day diffs worked out in a second process, while this one reads the quotations.

Aligning every day of a long series with the days before it is the longest part of the analysis, and it shares
nothing with the quotations: on a machine with two cores or more it runs beside them. The series go to the helper
as plain values on its standard input, the diffs come back the same way (:mod:`crisisreader.diff.plain`), and the
helper writes nothing else: a helper that fails or cannot start is only slower, for the diffs are then worked out
here.

    python -m crisisreader.diff.helper READER_PID   (reads the series from standard input; not for use by hand)
"""

from __future__ import annotations

import datetime as dt
import gc
import marshal
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence

from crisisreader.diff import DayDiff, diff_series
from crisisreader.diff.plain import RawDiff, from_plain, to_plain
from crisisreader.model import Briefing, Corpus, Paragraph, Series

FORMAT = 1
# Below this many days in the series to align, starting a process costs more than it saves.
MIN_DAYS = 400

# A series as plain values: name, root, the first briefing to diff, and its briefings.
RawParagraph = tuple[str, str, bool, int, int]
RawBriefing = tuple[int, str, int, str | None, str | None, int, list[RawParagraph]]
RawSeries = tuple[str, str, int, list[RawBriefing]]


def worth_it(corpus: Corpus, starts: Mapping[str, int]) -> bool:
    """Whether a helper would finish sooner: long series to align (even one new day of a long series means
    indexing every day before it), and a second core to align them on."""
    days = sum(len(s.briefings) for s in corpus.series if starts.get(s.name, 0) < len(s.briefings))
    return days >= MIN_DAYS and (os.cpu_count() or 1) > 1


class DiffHelper:
    """A running helper process and what it sends back."""

    def __init__(self, process: subprocess.Popen[bytes], payload: bytes) -> None:
        self.process = process
        # The diffs as the helper sent them, once result() has them: what the analysis cache stores.
        self.plain: dict[str, RawDiff] = {}
        self._output: list[bytes] = []
        self._writer = threading.Thread(target=self._write, args=(payload,), daemon=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._writer.start()
        self._reader.start()

    @classmethod
    def start(cls, corpus: Corpus, starts: Mapping[str, int], threshold: float) -> DiffHelper | None:
        """Start aligning every series of ``corpus`` from its ``starts`` day (0 when not given) in a helper; None
        when no helper could be started."""
        series = [_series_to_plain(s, starts.get(s.name, 0)) for s in corpus.series]
        payload = marshal.dumps((FORMAT, threshold, series))
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "crisisreader.diff.helper", str(os.getpid())],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            return None
        return cls(process, payload)

    def _write(self, payload: bytes) -> None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(payload)
            self.process.stdin.close()
        except OSError:
            pass  # the helper died; _read sees it

    def _read(self) -> None:
        assert self.process.stdout is not None
        self._output.append(self.process.stdout.read())
        self.process.wait()

    def result(self, corpus: Corpus, waiting: Callable[[], None] | None = None) -> dict[str, DayDiff] | None:
        """The diffs by briefing key once the helper is done, or None if it failed. ``waiting`` is called every
        tenth of a second meanwhile (it may raise to give up, say when the reader quits)."""
        while self._reader.is_alive():
            if waiting is not None:
                waiting()
            self._reader.join(0.1)
        if self.process.returncode != 0 or not self._output:
            return None
        try:
            version, found = marshal.loads(self._output.pop())
            if version != FORMAT:
                return None
            diffs = {key: from_plain(corpus, _briefing(corpus, key), raw) for key, raw in found}
        except (EOFError, ValueError, TypeError, KeyError, IndexError):
            return None
        self.plain = dict(found)
        return diffs

    def stop(self) -> None:
        """Stop the helper if it still runs (the reader quit, or the analysis failed)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def _briefing(corpus: Corpus, key: str) -> Briefing:
    found = corpus.briefing(key)
    if found is None:
        raise KeyError(key)
    return found


def _series_to_plain(series: Series, start: int) -> RawSeries:
    briefings = [
        (
            b.date.toordinal(),
            b.path,
            b.line,
            b.heading,
            b.footer,
            b.edition,
            [(p.id, p.text, p.section == "background", p.line, p.index) for p in b.paragraphs],
        )
        for b in series.briefings
    ]
    return series.name, series.root, start, briefings


def _series_from_plain(raw: RawSeries) -> tuple[Series, int]:
    name, root, start, raw_briefings = raw
    briefings = []
    for ordinal, path, line, heading, footer, edition, paragraphs in raw_briefings:
        background: list[Paragraph] = []
        items: list[Paragraph] = []
        for pid, text, is_background, paragraph_line, index in paragraphs:
            if is_background:
                background.append(Paragraph(pid, text, "background", paragraph_line, index))
            else:
                items.append(Paragraph(pid, text, "item", paragraph_line, index))
        date = dt.date.fromordinal(ordinal)
        briefings.append(Briefing(name, date, path, line, heading, tuple(background), tuple(items), footer, edition))
    return Series(name, root, tuple(briefings)), start


def work(payload: bytes) -> bytes:
    """The helper's whole job: series in, diffs out, as plain values."""
    version, threshold, series = marshal.loads(payload)
    if version != FORMAT:
        raise ValueError(f"diff helper format {version}, expected {FORMAT}")
    out: list[tuple[str, RawDiff]] = []
    for raw in series:
        one, start = _series_from_plain(raw)
        out.extend((d.target.key, to_plain(d)) for d in diff_series(one, threshold, start))
    return marshal.dumps((FORMAT, out))


def _end_with(parent: int) -> None:
    """Exit as soon as the process that started this one is gone (killed with its terminal, say): nobody is left
    to read the diffs, and a core would be kept busy for nothing."""
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


def main(argv: Sequence[str]) -> int:
    # The reader's pid is given, not asked for: a reader killed while this one starts would leave it waiting on
    # the wrong parent.
    parent = int(argv[0]) if argv else os.getppid()
    threading.Thread(target=_end_with, args=(parent,), daemon=True).start()
    # A short life that makes no reference cycles worth finding: the collector would only walk the series over
    # and over (see crisisreader.quotes.collector).
    gc.disable()
    sys.stdout.buffer.write(work(sys.stdin.buffer.read()))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
