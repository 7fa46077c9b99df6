"""How the commands grow with their input: twice the input should cost at most 2.2 times the time.

    PYTHONPATH=src .venv/bin/python benchmarks/scaling.py [--quick] [--no-readme]

Two families of inputs, each command run in a fresh process with an empty cache (the wall time of one run each,
so read the ratios, not the milliseconds, on a noisy machine):

1. one paragraph of N short quotations with no full stop (``word “q” `` N times: one sentence, the case that
   was quadratic), N = 10,000, 20,000, 40,000 and 250,000 (about 3 MB);
2. one generated series of N days (benchmarks/generate.py), N = 1,000, 2,000, 4,000.

The table is printed and written into README.md's ``## Scaling`` section (unless ``--no-readme``). A benchmark,
not a test: the tests count work instead (tests/test_linear.py).
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

COMMANDS = ("days", "quotes", "diff")
TARGET = 2.2


def timed(command: str, folder: Path, cache: Path) -> float:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "crisisreader", command, "--json", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        check=True,
    )
    return time.perf_counter() - start


def quotations(base: Path, n: int) -> Path:
    folder = base / f"paragraph-{n}"
    folder.mkdir()
    (folder / "2024-01-01.txt").write_text(" date 2024-01-01 " + "word “q” " * n + "\n", encoding="utf-8")
    return folder


def days(base: Path, n: int) -> Path:
    folder = base / f"series-{n}"
    generate(folder, n)
    return folder


def rows(label: str, sizes: Sequence[int], make: object, base: Path) -> list[str]:
    assert callable(make)
    times: dict[str, list[float]] = {command: [] for command in COMMANDS}
    for n in sizes:
        folder = make(base, n)
        for command in COMMANDS:
            with tempfile.TemporaryDirectory() as cache:
                times[command].append(timed(command, folder, Path(cache)))
    out = []
    for command in COMMANDS:
        cells = [f"{t:.2f} s" for t in times[command]]
        ratios = []
        measured = list(zip(sizes, times[command], strict=True))
        for (a, ta), (b, tb) in itertools.pairwise(measured):
            if b == 2 * a:
                ratios.append(tb / ta)
        worst = max(ratios) if ratios else float("nan")
        verdict = "met" if worst <= TARGET else "not met"
        out.append(f"| {label} | `{command} --json` | {' · '.join(cells)} | {worst:.2f} ({verdict}) |")
    return out


def table(quick: bool, base: Path) -> str:
    paragraph_sizes = [2500, 5000, 10000] if quick else [10000, 20000, 40000, 250000]
    day_sizes = [100, 200, 400] if quick else [1000, 2000, 4000]
    lines = [
        "| input | command | time at each size | worst ratio for twice the input (target ≤ 2.2) |",
        "| --- | --- | --- | --- |",
    ]
    lines += rows(f"one paragraph of {', '.join(f'{n:,}' for n in paragraph_sizes)} quotations", paragraph_sizes,
                  quotations, base)  # fmt: skip
    lines += rows(f"one series of {', '.join(f'{n:,}' for n in day_sizes)} days", day_sizes, days, base)
    return "\n".join(lines)


def write_readme(readme: Path, body: str) -> None:
    text = readme.read_text(encoding="utf-8")
    section = f"## Scaling\n\nMeasured with `benchmarks/scaling.py` (one run each, fresh cache).\n\n{body}\n"
    pattern = re.compile(r"## Scaling\n.*?(?=\n## |\Z)", re.S)
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip() + "\n\n" + section
    readme.write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, to try it out")
    parser.add_argument("--no-readme", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as base:
        body = table(args.quick, Path(base))
    print(body)
    if not args.no_readme:
        write_readme(ROOT / "README.md", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
