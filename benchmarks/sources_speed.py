"""How fast the sources take things in (issue 15): ``add`` of 1,000 saved pages, ``fetch`` of 50 local feeds.

    .venv/bin/python benchmarks/sources_speed.py add DIR/postlight [--pages 1000] [--runs 1]
    .venv/bin/python benchmarks/sources_speed.py fetch [--feeds 50] [--entries 30]
    .venv/bin/python benchmarks/sources_speed.py all DIR/postlight

``add``: the saved pages of a folder (``benchmarks/sources_f1.py prepare`` writes postlight/parser's fixtures to
``DIR/postlight``, outlets held back skipped), copied to a temporary folder and repeated under new names until
there are ``--pages`` of them; then, each in a fresh process and timed from its start to its end (the wall time,
imports included):

- trafilatura alone: a Python process that reads and decodes each page as ``add`` does and calls
  ``trafilatura.extract`` with page.py's settings, nothing else;
- ours: ``crisisreader add --library TMP --date 2024-03-12 PAGE...`` (every page, one command; ``--date`` only
  for the pages that state none), which also reads the date and site, filters the chrome and writes the library.

The target: ours no slower than trafilatura alone plus 20%. With ``--runs N`` each is run N times and the fastest
run is kept (the machine is shared: read the ratio).

``fetch``: ``--feeds`` RSS feeds of ``--entries`` entries each, of our own invented text, served by a real
``http.server`` on 127.0.0.1 that this script starts; a temporary ``XDG_CONFIG_HOME`` subscribes to them all and
``crisisreader fetch --library TMP --quiet`` takes them in; the target is under 5 s, from the command's start to
its end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from email.utils import format_datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sources_f1 import held_back

ROOT = Path(__file__).resolve().parent.parent
ADD_RATIO = 1.2
FETCH_TARGET = 5.0

TRAFILATURA_ALONE = """
import sys, trafilatura
from crisisreader.sources.intake import decode
for name in sys.argv[1:]:
    with open(name, "rb") as handle:
        html = decode(handle.read(), name)
    trafilatura.extract(html, url=None, output_format="xml", include_comments=False, include_tables=False,
                        include_images=False, with_metadata=True)
"""


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), **extra}


def _timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def pages_for(source: Path, count: int, into: Path) -> list[Path]:
    found = sorted(p for p in source.glob("*.htm*") if not held_back(p.name))
    if not found:
        raise SystemExit(f"no .html pages in {source}")
    out = []
    for n in range(count):
        page = found[n % len(found)]
        target = into / f"{n:04d}-{page.name}"
        shutil.copyfile(page, target)
        out.append(target)
    return out


def bench_add(source: Path, count: int, runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="crisisreader-add-") as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        pages = [str(p) for p in pages_for(source, count, folder)]
        distinct = len({Path(p).name.split("-", 1)[1] for p in pages})
        alone, ours = [], []
        for run in range(runs):
            alone.append(_timed([sys.executable, "-c", TRAFILATURA_ALONE, *pages], _env()))
            library = Path(tmp) / f"library-{run}"
            command = [sys.executable, "-m", "crisisreader", "add", "--library", str(library)]
            ours.append(_timed([*command, "--date", "2024-03-12", *pages], _env(XDG_CACHE_HOME=str(Path(tmp) / "c"))))
        best_alone, best_ours = min(alone), min(ours)
        ratio = best_ours / best_alone
        return {
            "pages": count,
            "distinct": distinct,
            "trafilatura_s": round(best_alone, 2),
            "ours_s": round(best_ours, 2),
            "ratio": round(ratio, 3),
            "target": ADD_RATIO,
            "met": ratio <= ADD_RATIO,
        }


def feed_xml(feed: int, entries: int) -> str:
    items = []
    for n in range(entries):
        day = 1 + n % 28
        when = format_datetime(dt.datetime(2024, 2, day, 6, n % 60, tzinfo=dt.UTC))
        items.append(
            f"<item><guid>feed{feed}-entry{n}</guid><title>Harbour brief {feed}: update {n}</title>"
            f"<link>http://127.0.0.1/feed{feed}/{n}</link><pubDate>{when}</pubDate>"
            f"<description><![CDATA[<p>Ferries to the outer islands ran on the winter timetable on day {n}, the "
            f"harbour office of district {feed} said.</p><p>Fishing boats stayed in port while the council and the "
            f"dockworkers met for a {n}th round of talks.</p>]]></description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Harbour brief {feed}</title><link>http://127.0.0.1/</link>" + "".join(items) + "</channel></rss>"
    )


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def bench_fetch(feeds: int, entries: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="crisisreader-fetch-") as tmp:
        served = Path(tmp) / "served"
        served.mkdir()
        for n in range(feeds):
            (served / f"feed{n}.xml").write_text(feed_xml(n, entries), encoding="utf-8")
        handler = lambda *a, **k: _Quiet(*a, directory=str(served), **k)  # noqa: E731
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            port = server.server_address[1]
            config = Path(tmp) / "config" / "crisisreader"
            config.mkdir(parents=True)
            rows = "".join(f"- series: harbour-{n}\n  url: http://127.0.0.1:{port}/feed{n}.xml\n" for n in range(feeds))
            (config / "subscriptions.yaml").write_text("subscriptions:\n" + rows, encoding="utf-8")
            library = Path(tmp) / "library"
            env = _env(XDG_CONFIG_HOME=str(Path(tmp) / "config"), XDG_CACHE_HOME=str(Path(tmp) / "cache"))
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "crisisreader", "fetch", "--library", str(library), "--quiet"],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            seconds = time.perf_counter() - start
        finally:
            server.shutdown()
        written = sum(1 for _ in library.glob("*/*.txt"))
        return {
            "feeds": feeds,
            "entries": entries,
            "files": written,
            "exit": done.returncode,
            "seconds": round(seconds, 2),
            "target": FETCH_TARGET,
            "met": done.returncode == 0 and seconds < FETCH_TARGET,
            "stderr": done.stderr[-500:],
        }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("add", "all"):
        p = sub.add_parser(name)
        p.add_argument("pages", type=Path, metavar="PAGES_DIR")
        p.add_argument("--pages", dest="count", type=int, default=1000)
        p.add_argument("--runs", type=int, default=1)
    f = sub.add_parser("fetch")
    for p in (f, sub.choices["all"]):
        p.add_argument("--feeds", type=int, default=50)
        p.add_argument("--entries", type=int, default=30)
    args = parser.parse_args(argv)
    if args.command in ("add", "all"):
        r = bench_add(args.pages, args.count, args.runs)
        print(
            f"add {r['pages']} pages ({r['distinct']} distinct): trafilatura alone {r['trafilatura_s']:.1f} s, "
            f"ours {r['ours_s']:.1f} s, ratio {r['ratio']:.2f} (target <= {r['target']}): "
            f"{'met' if r['met'] else 'NOT met'}"
        )
    if args.command in ("fetch", "all"):
        r = bench_fetch(args.feeds, args.entries)
        print(
            f"fetch {r['feeds']} feeds x {r['entries']} entries: {r['seconds']:.2f} s, {r['files']} files, exit "
            f"{r['exit']} (target < {r['target']:g} s): {'met' if r['met'] else 'NOT met'}"
        )
        if r["exit"]:
            print(r["stderr"], file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
