"""Extraction F1 on real saved pages: trafilatura alone against our page pipeline (issue 15).

    .venv/bin/python benchmarks/sources_f1.py prepare AEB_GIT_DIR [--postlight POSTLIGHT_GIT_DIR] DIR
    .venv/bin/python benchmarks/sources_f1.py score DIR [--half dev|held-out|all] [--json] [--worst N]

The pages are third-party and are never committed: ``prepare`` writes them to DIR (outside the repository)
from git copies of two public repositories, so the set is rebuilt on a new machine with two clones (bare or not)
and one command:

- scrapinghub/article-extraction-benchmark: ``html/<id>.html.gz`` and ``ground-truth.json`` (each page's
  ``url`` and its ``articleBody`` as a person marked it) -> ``DIR/aeb/<id>.html`` and ``DIR/aeb/truth.json``;
- postlight/parser: ``fixtures/*.html`` (real news pages, no expected text; used by the speed benchmark,
  benchmarks/sources_speed.py) -> ``DIR/postlight/*.html``.

Pages of some outlets are held back for another evaluation and are skipped by their URL's domain (or, for the
postlight fixtures, their file name): the Moscow Times, CNN, the Washington Post, Democracy Now, Business Insider,
Hawaii News Now, Al Jazeera, the Guardian, Meduza, the Philippine Daily Inquirer, AFP and The Hindu (``HELD_BACK``);
AFP's "Latest developments" pages are also skipped by their text, wherever they are syndicated (none is in either
repository today). ``prepare`` prints which pages it skipped: 8 of the benchmark's 181 and 4 of postlight's 170.

``score`` measures, on every page with an expected text:

(a) trafilatura alone, called exactly as ``sources/page.py`` calls it (XML output, no comments, tables or images,
    metadata), its text being all the text of the XML's ``<main>`` (every element's edge a word's edge);
(b) ours: the paragraphs ``crisisreader add page.html`` keeps (``sources.page.article``: trafilatura, then the
    paragraphs of its XML, the chrome filter, the repeated headline taken out); a page where it finds no article
    counts as an empty text.

The measure is the article-extraction-benchmark's (its ``evaluate.py``): the text is cut into word tokens
(``\\w+``); per page, true positives, false positives and false negatives are counted over the multiset of tokens
(``--ngram 1``, bag of words, the default; ``--ngram 4`` gives that benchmark's shingles of 4 tokens) and
normalised to sum to 1, so that a long page weighs no more than a short one; precision is the mean over pages with
any prediction, recall the mean over pages with any truth, and F1 their harmonic mean. The pages are split by
their id into two halves: ``dev`` (the one looked at when improving the chrome filter) and ``held-out`` (never
looked at page by page), so that each half's figure can be read apart.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# Held back for evaluation elsewhere: never used here, neither to develop nor to measure.
HELD_BACK = (
    "themoscowtimes",
    "moscowtimes",
    "cnn.com",
    "washingtonpost",
    "democracynow",
    "businessinsider",
    "hawaiinewsnow",
    "aljazeera",
    "theguardian",
    "guardian.co.uk",
    "meduza",
    "inquirer.net",
    "afp.com",
    "thehindu",
)

TOKEN = re.compile(r"\w+", re.UNICODE)


def held_back(name: str) -> bool:
    """A URL or file name of an outlet held back (``money.cnn.com``, ``www.theguardian.com``, ...)."""
    host = urlsplit(name).netloc if "://" in name else name
    host = host.lower()
    return any(mark in host for mark in HELD_BACK)


def afp_latest_developments(html: bytes) -> bool:
    """An AFP "Latest developments" page, which may be syndicated on any outlet's domain."""
    lowered = html.lower()
    return b"latest developments" in lowered and b"afp" in lowered


def _git(git_dir: Path, *args: str) -> bytes:
    return subprocess.run(["git", f"--git-dir={git_dir}", *args], check=True, capture_output=True).stdout


def _git_dir(path: Path) -> Path:
    return path / ".git" if (path / ".git").exists() else path


def prepare(aeb: Path, postlight: Path | None, out: Path) -> None:
    aeb = _git_dir(aeb)
    truth = json.loads(_git(aeb, "show", "HEAD:ground-truth.json"))
    (out / "aeb").mkdir(parents=True, exist_ok=True)
    kept: dict[str, dict[str, str]] = {}
    skipped: list[str] = []
    for key, row in sorted(truth.items()):
        url = str(row.get("url", ""))
        if held_back(url):
            skipped.append(url)
            continue
        html = gzip.decompress(_git(aeb, "show", f"HEAD:html/{key}.html.gz"))
        if afp_latest_developments(html):
            skipped.append(url)
            continue
        (out / "aeb" / f"{key}.html").write_bytes(html)
        kept[key] = {"url": url, "articleBody": str(row.get("articleBody", ""))}
    (out / "aeb" / "truth.json").write_text(json.dumps(kept, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"aeb: {len(kept)} pages with their expected text; skipped {len(skipped)} held back:")
    for url in skipped:
        print(f"  {url}")
    if postlight is None:
        return
    postlight = _git_dir(postlight)
    names = _git(postlight, "ls-tree", "--name-only", "HEAD", "fixtures/").decode().split()
    (out / "postlight").mkdir(parents=True, exist_ok=True)
    count, skipped = 0, []
    for name in names:
        if not name.endswith(".html"):
            continue
        base = name.rsplit("/", 1)[-1]
        if held_back(base):
            skipped.append(base)
            continue
        html = _git(postlight, "show", f"HEAD:{name}")
        if afp_latest_developments(html):
            skipped.append(base)
            continue
        (out / "postlight" / base).write_bytes(html)
        count += 1
    print(f"postlight: {count} pages; skipped {len(skipped)} held back: {', '.join(skipped)}")


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text or "")


def grams(text: str, n: int) -> Counter[tuple[str, ...]]:
    found = tokens(text)
    return Counter(tuple(found[i : i + n]) for i in range(max(1, len(found) - n + 1)) if found[i : i + n])


def tp_fp_fn(true: str, pred: str, n: int = 1) -> tuple[float, float, float]:
    """The article-extraction-benchmark's counts for one page, normalised to sum to 1."""
    t, p = grams(true, n), grams(pred, n)
    tp = fp = fn = 0.0
    for key in t.keys() | p.keys():
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def metrics(counts: Sequence[tuple[float, float, float]]) -> dict[str, float]:
    precision = statistics.mean([_precision(*c) for c in counts if c[0] + c[1] > 0] or [0.0])
    recall = statistics.mean([_recall(*c) for c in counts if c[0] + c[2] > 0] or [0.0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def trafilatura_alone(html: str) -> str:
    """trafilatura with page.py's settings; its text is everything in the XML's <main>."""
    import trafilatura

    extracted = trafilatura.extract(
        html,
        url=None,
        output_format="xml",
        include_comments=False,
        include_tables=False,
        include_images=False,
        with_metadata=True,
    )
    if not extracted:
        return ""
    root = ET.fromstring(extracted)
    main = root.find("main")
    # Every element's edge is a word's edge (a <lb/> in a paragraph is a line break).
    return " ".join(" ".join((main if main is not None else root).itertext()).split())


def ours(html: str) -> str:
    """What ``crisisreader add page.html`` keeps as paragraphs (a saved file: no URL is passed on)."""
    from crisisreader.sources.page import article
    from crisisreader.sources.taken import SourceError

    try:
        return "\n".join(article(html, "").paragraphs)
    except SourceError:
        return ""


def decode(data: bytes) -> str:
    from crisisreader.sources.intake import decode as ours_decode

    return ours_decode(data, "")


def half_of(key: str) -> str:
    return "dev" if int(key[:2], 16) % 2 == 0 else "held-out"


def score(folder: Path, half: str, n: int, worst: int) -> dict[str, Any]:
    truth: dict[str, dict[str, str]] = json.loads((folder / "aeb" / "truth.json").read_text(encoding="utf-8"))
    rows: list[dict[str, Any]] = []
    for key, row in sorted(truth.items()):
        if held_back(row["url"]) or (half != "all" and half_of(key) != half):
            continue
        html = decode((folder / "aeb" / f"{key}.html").read_bytes())
        expected = row["articleBody"]
        alone, mine = trafilatura_alone(html), ours(html)
        rows.append(
            {
                "id": key,
                "url": row["url"],
                "alone": tp_fp_fn(expected, alone, n),
                "ours": tp_fp_fn(expected, mine, n),
            }
        )
    result: dict[str, Any] = {
        "pages": len(rows),
        "half": half,
        "ngram": n,
        "trafilatura": metrics([r["alone"] for r in rows]),
        "ours": metrics([r["ours"] for r in rows]),
    }
    if worst:
        # The pages where ours differs most from trafilatura alone, for reading (dev half only, by rule).
        def f1(c: tuple[float, float, float]) -> float:
            p, r = _precision(*c), _recall(*c)
            return 2 * p * r / (p + r) if p + r else 0.0

        diffs = sorted(rows, key=lambda r: f1(r["ours"]) - f1(r["alone"]))
        result["worst"] = [
            {"id": r["id"], "url": r["url"], "alone": round(f1(r["alone"]), 3), "ours": round(f1(r["ours"]), 3)}
            for r in diffs[:worst]
        ]
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    prep = sub.add_parser("prepare", help="write the pages and their expected texts to DIR")
    prep.add_argument("aeb", type=Path, help="a git copy of scrapinghub/article-extraction-benchmark")
    prep.add_argument("folder", type=Path, metavar="DIR")
    prep.add_argument("--postlight", type=Path, help="a git copy of postlight/parser")
    sc = sub.add_parser("score", help="precision, recall and F1 of trafilatura alone and of ours")
    sc.add_argument("folder", type=Path, metavar="DIR")
    sc.add_argument("--half", choices=("dev", "held-out", "all"), default="all")
    sc.add_argument("--ngram", type=int, default=1, help="1: bag of words (default); 4: the benchmark's shingles")
    sc.add_argument("--worst", type=int, default=0, help="list the N pages where ours loses most")
    sc.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "prepare":
        prepare(args.aeb, args.postlight, args.folder)
        return 0
    if args.worst and args.half != "dev":
        parser.error("--worst reads pages one by one: only on --half dev")
    result = score(args.folder, args.half, args.ngram, args.worst)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{result['pages']} pages ({result['half']}), {'bag of words' if args.ngram == 1 else f'{args.ngram}-grams'}")
    for name in ("trafilatura", "ours"):
        m = result[name]
        print(f"  {name:12} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
    for row in result.get("worst", []):
        print(f"  {row['alone']:.3f} -> {row['ours']:.3f}  {row['id'][:12]}  {row['url']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
