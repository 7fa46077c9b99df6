"""Attribution and the diff measured on real outlets' pages, kept outside the repository (issue 16).

    PYTHONPATH=src .venv/bin/python benchmarks/real.py check DIR
    PYTHONPATH=src .venv/bin/python benchmarks/real.py build RAW DIR
    PYTHONPATH=src .venv/bin/python benchmarks/real.py spans DIR [--page ID]
    PYTHONPATH=src .venv/bin/python benchmarks/real.py score DIR [--batch N] [--json]

The pages are third-party text: only ``benchmarks/real/manifest.yaml`` (where each page is and the exact search
query that finds it) and ``benchmarks/real/annotations.yaml`` (each double-quoted span's speaker, by position:
paragraph, nth quotation in it) are committed. To rebuild the set on a new machine (the search tool is an
agent's, not a shell command): for each distinct ``query`` of the manifest, run the search tool's ``pages``
corpus once with exactly that query; for each page of the manifest with that query, save the excerpt of the
result whose address is the page's ``url``, as returned, to ``RAW/<id>.txt``; then ``build RAW DIR`` writes
``DIR/<outlet>/<file>`` in the briefing format (`` date YYYY-MM-DD `` then the text) and ``check DIR`` names
what is missing or differs from the text the annotations were made on (its SHA-256).

A page's paragraphs are its blocks as the briefing format has them (blank-line separated, else one a line),
numbered from 1 in the file, the date line's rest included; a quotation is a pair of double marks (“ ” " « »
„), nested guillemets kept inside the outer pair. ``score`` runs crisisreader's parser and quotation
extraction on each page (its own registry, as the reader starts), and counts: quotations found (of those
annotated), speakers right (of the speech quotations found; names compared leniently: case and accents, the
registry's aliases, a person's surname, past a "Jr." and over a "da" or "van", a body with or without its
country), terms told apart; and the diff's short-line rule on each consecutive pair of a ``series``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crisisreader.model import Briefing, Quote
from crisisreader.parse import parse_text
from crisisreader.quotes import extract_briefing
from crisisreader.speakers import Registry
from real_diff import short_line_cases

HERE = Path(__file__).resolve().parent / "real"
MANIFEST = HERE / "manifest.yaml"
ANNOTATIONS = HERE / "annotations.yaml"
OPEN = "\u201c\u201e\u00ab"
CLOSE = "\u201d\u00bb"


@dataclass(frozen=True, slots=True)
class Page:
    id: str
    url: str
    date: str
    outlet: str
    crisis: str
    query: str
    file: str
    sha256: str
    batch: int = 1
    series: str | None = None


def load_manifest() -> list[Page]:
    data = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return [Page(**entry) for entry in data["pages"]]


def load_annotations() -> dict[str, list[tuple[int, int, Any]]]:
    data = yaml.safe_load(ANNOTATIONS.read_text(encoding="utf-8")) or {}
    return {pid: [(int(p), int(n), who) for p, n, who in rows] for pid, rows in (data.get("pages") or {}).items()}


def page_text(excerpt: str, date: str) -> str:
    """The excerpt in the briefing format: a date line first unless the excerpt opens with its own."""
    if excerpt.lstrip().lower().startswith("date "):
        return excerpt
    return f" date {date} \n\n{excerpt}"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- paragraphs and quotation spans, worked out independently of crisisreader -------------------------------------


def blocks(text: str) -> list[tuple[int, str]]:
    """(first line, text) of each paragraph of a one-briefing file, as the briefing format defines them."""
    lines = text.replace("\r\n", "\n").split("\n")
    body = [(n + 1, line.strip()) for n, line in enumerate(lines)]
    first = next(i for i, (_, line) in enumerate(body) if line.lower().startswith("date "))
    rest = body[first][1].split(None, 2)
    body[first] = (body[first][0], rest[2].strip() if len(rest) > 2 else "")
    body = body[first:]
    while body and not body[-1][1]:
        body.pop()
    content = [(n, line) for n, line in body if line]
    start = content[0][0] if content else 0
    if not any(not line for n, line in body if n > start):
        return [(n, " ".join(line.split())) for n, line in content]
    out: list[tuple[int, str]] = []
    current: list[str] = []
    at = 0
    for n, line in body:
        if not line:
            if current:
                out.append((at, " ".join(" ".join(current).split())))
            current = []
            continue
        if not current:
            at = n
        current.append(line)
    if current:
        out.append((at, " ".join(" ".join(current).split())))
    return out


def spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each double-quoted span, in order; an unclosed span runs to the end."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    depth = 0
    for i, ch in enumerate(text):
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if start is None:
            starts_word = not after.isspace() and (before.isspace() or before in "([—–-/:;,")
            opens = ch in OPEN or (ch in '"\u201d' and starts_word)
            # A closing mark standing alone before a word opens in garbled copies: "” We will ...”".
            spaced = ch == "\u201d" and before.isspace() and after == " " and text[i + 2 : i + 3].isalpha()
            if opens or spaced:
                start, depth = i + 1, 1
        elif ch == "\u00ab" and text[start - 1] == "\u00ab":
            depth += 1
        elif ch in CLOSE or ch == '"' or (ch == "'" and after == "'"):
            if ch == "\u00bb" and depth > 1:
                depth -= 1
                continue
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, len(text)))
    return out


# -- names compared leniently ----------------------------------------------------------------------------------


def fold(name: str) -> str:
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).casefold()
    name = name.replace("\u2019", "'").replace("\u02bc", "'")
    words = [w for w in name.replace(",", " ").split() if w != "the"]
    if words and words[0] in ("a", "an"):
        words = words[1:]
    return " ".join(words)


def same_speaker(gold: str, got: str | None, registry: Registry) -> bool:
    if got is None:
        return False
    a, b = fold(gold), fold(got)
    if a == b or _same_body(a, b):
        return True
    ca, cb = registry.canonical(gold), registry.canonical(got)
    if ca is not None and ca == cb:
        return True
    words = gold.split()
    particles = ("da", "de", "do", "dos", "van", "von", "der", "al", "bin", "el", "la", "le")
    person = 2 <= len(words) <= 5 and all(w[:1].isupper() or w.startswith("al-") or w in particles for w in words)
    return person and _surname(a) == _surname(b)


def _same_body(a: str, b: str) -> bool:
    """A body named with or without its owner, or with an owner that says only whose country: "the country's
    national disaster centre" is Papua New Guinea's national disaster centre (not Norvia's)."""
    owner_a, _, rest_a = a.rpartition("'s ")
    owner_b, _, rest_b = b.rpartition("'s ")
    generic = ("", "country", "nation", "state", "city", "island")
    return rest_a == rest_b and (owner_a in generic or owner_b in generic)


def _surname(folded: str) -> str:
    """The last word of a person's folded name, past a generational suffix ("Larry Leitha Jr." is Leitha)."""
    words = folded.split()
    while len(words) > 1 and words[-1].rstrip(".") in ("jr", "sr", "ii", "iii", "iv"):
        words.pop()
    return words[-1] if words else ""


def right(gold: Any, got: str | None, registry: Registry) -> bool:
    """Whether ``got`` is the annotated speaker (a name, a list of acceptable names, or null)."""
    if gold is None:
        return got is None
    options = gold if isinstance(gold, list) else [gold]
    return any(same_speaker(str(option), got, registry) for option in options)


# -- scoring -------------------------------------------------------------------------------------------------------


@dataclass
class Tally:
    pages: int = 0
    outlets: set[str] = field(default_factory=set)
    crises: set[str] = field(default_factory=set)
    quotations: int = 0
    found: int = 0
    speech_found: int = 0
    speakers_right: int = 0
    terms: int = 0
    terms_right: int = 0
    speech_not_term: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        def pct(a: int, b: int) -> float | None:
            return round(100.0 * a / b, 1) if b else None

        return {
            "pages": self.pages,
            "outlets": len(self.outlets),
            "crises": len(self.crises),
            "quotations": self.quotations,
            "found": self.found,
            "found_pct": pct(self.found, self.quotations),
            "speech_found": self.speech_found,
            "speakers_right": self.speakers_right,
            "speakers_right_pct": pct(self.speakers_right, self.speech_found),
            "terms": self.terms,
            "terms_right": self.terms_right,
            "terms_told_apart_pct": pct(self.terms_right + self.speech_not_term, self.found),
        }


def briefing_of(page: Page, text: str) -> Briefing:
    briefings, _ = parse_text(text, page.file, page.outlet)
    return briefings[0]


def paragraph_quotes(briefing: Briefing, text: str, registry: Registry) -> dict[int, tuple[str, list[Quote]]]:
    """Each block's number -> (its text as crisisreader holds it, crisisreader's quotations in it)."""
    quotes = extract_briefing(briefing, registry)
    by_id: dict[str, list[Quote]] = {}
    for quote in quotes:
        by_id.setdefault(quote.paragraph, []).append(quote)
    by_line = {p.line: p for p in briefing.paragraphs}
    out: dict[int, tuple[str, list[Quote]]] = {}
    for number, (line, block) in enumerate(blocks(text), 1):
        paragraph = by_line.get(line)
        if paragraph is None:
            out[number] = (block, [])
        else:
            out[number] = (paragraph.text, by_id.get(paragraph.id, []))
    return out


def match(gold: tuple[int, int], quotes: Sequence[Quote]) -> Quote | None:
    a, b = gold
    best: Quote | None = None
    best_overlap = 0
    for quote in quotes:
        overlap = min(b, quote.end) - max(a, quote.start)
        if overlap > best_overlap:
            best, best_overlap = quote, overlap
    if best is None or best_overlap < 0.5 * max(1, b - a):
        return None
    return best


def score_page(page: Page, text: str, rows: list[tuple[int, int, Any]], tally: Tally) -> None:
    registry, _ = Registry.load(Path("/nonexistent/crisisreader-real-benchmark.yaml"))
    paragraphs = paragraph_quotes(briefing_of(page, text), text, registry)
    tally.pages += 1
    tally.outlets.add(page.outlet)
    tally.crises.add(page.crisis)
    for number, nth, gold in rows:
        if gold == "skip":
            continue
        block, quotes = paragraphs.get(number, ("", []))
        found_spans = spans(block)
        if nth > len(found_spans):
            raise SystemExit(f"{ANNOTATIONS}: {page.id}: paragraph {number} has no quotation {nth}")
        tally.quotations += 1
        got = match(found_spans[nth - 1], quotes)
        where = {"page": page.id, "paragraph": number, "nth": nth, "gold": gold}
        if got is None:
            tally.errors.append({**where, "kind": "missed"})
            continue
        tally.found += 1
        if gold == "term":
            tally.terms += 1
            if got.kind == "term":
                tally.terms_right += 1
            else:
                tally.errors.append({**where, "kind": "term taken for speech", "got": got.speaker})
            continue
        if got.kind == "term":
            tally.errors.append({**where, "kind": "speech taken for a term"})
            continue
        tally.speech_not_term += 1
        tally.speech_found += 1
        if right(gold, got.speaker, registry):
            tally.speakers_right += 1
        else:
            tally.errors.append({**where, "kind": "wrong speaker", "got": got.speaker, "as_written": got.as_written})


def cmd_score(args: argparse.Namespace) -> int:
    pages = load_manifest()
    notes = load_annotations()
    root = Path(args.dir)
    missing = [p.id for p in pages if not (root / p.file).is_file()]
    if missing:
        print(f"missing pages ({len(missing)}): {', '.join(missing)}; see `real.py check`", file=sys.stderr)
        return 1
    batches: dict[str, Tally] = {}
    total = Tally()
    for page in pages:
        if args.batch and page.batch != args.batch:
            continue
        text = (root / page.file).read_text(encoding="utf-8")
        rows = notes.get(page.id, [])
        score_page(page, text, rows, batches.setdefault(f"batch {page.batch}", Tally()))
        score_page(page, text, rows, total)
    diff = short_line_cases(pages, root)
    result = {
        "batches": {name: t.row() for name, t in sorted(batches.items(), key=lambda item: int(item[0].split()[1]))},
        "total": total.row(),
        "diff_short_lines": diff,
        "errors": total.errors,
    }
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    print(f"{'set':<10}{'pages':>6}{'outlets':>8}{'quotes':>7}{'found':>8}{'speech':>7}{'right':>8}{'terms':>13}")
    for name, row in [*result["batches"].items(), ("total", result["total"])]:
        print(
            f"{name:<10}{row['pages']:>6}{row['outlets']:>8}{row['quotations']:>7}{_pct(row['found_pct']):>8}"
            f"{row['speech_found']:>7}{_pct(row['speakers_right_pct']):>8}"
            f"{row['terms_right']:>5}/{row['terms']:<3}{_pct(row['terms_told_apart_pct']):>5}"
        )
    print(f"diff short lines: {diff['edited']}/{diff['cases']} edited ({_pct(diff['pct'])}) over {diff['pairs']} pairs")
    if args.errors:
        for error in total.errors:
            print(" ", json.dumps(error, ensure_ascii=False))
    return 0


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}%"


def cmd_check(args: argparse.Namespace) -> int:
    root = Path(args.dir)
    bad = 0
    for page in load_manifest():
        path = root / page.file
        if not path.is_file():
            print(f"missing: {page.id} ({page.file}): search pages for {page.query!r}, take {page.url}")
            bad += 1
        elif digest(path.read_text(encoding="utf-8")) != page.sha256:
            print(f"differs: {page.id} ({page.file}): not the text the annotations were made on")
            bad += 1
    print(f"{bad} page(s) missing or different" if bad else "all pages present and as annotated")
    return 1 if bad else 0


def cmd_build(args: argparse.Namespace) -> int:
    raw, root = Path(args.raw), Path(args.dir)
    for page in load_manifest():
        source = raw / f"{page.id}.txt"
        if not source.is_file():
            print(f"no excerpt for {page.id}: {source}", file=sys.stderr)
            continue
        target = root / page.file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_text(source.read_text(encoding="utf-8"), page.date), encoding="utf-8")
    return cmd_check(args)


def cmd_spans(args: argparse.Namespace) -> int:
    """Each page's quotations with crisisreader's speaker, to annotate from (prints third-party text)."""
    notes = load_annotations()
    for page in load_manifest():
        if args.page and page.id != args.page:
            continue
        text = (Path(args.dir) / page.file).read_text(encoding="utf-8")
        registry, _ = Registry.load(Path("/nonexistent/crisisreader-real-benchmark.yaml"))
        gold = {(p, n): who for p, n, who in notes.get(page.id, [])}
        print(f"== {page.id}")
        for number, (block, quotes) in paragraph_quotes(briefing_of(page, text), text, registry).items():
            found = spans(block)
            if not found:
                continue
            print(f"  [{number}] {block}")
            for nth, (a, b) in enumerate(found, 1):
                got = match((a, b), quotes)
                said = "MISSED" if got is None else ("term" if got.kind == "term" else repr(got.speaker))
                print(f"      {number} {nth}: «{block[a:b][:70]}» -> {said}   gold={gold.get((number, nth), '?')}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="name the pages missing from DIR")
    check.add_argument("dir")
    build = sub.add_parser("build", help="write DIR from the excerpts saved in RAW")
    build.add_argument("raw")
    build.add_argument("dir")
    show = sub.add_parser("spans", help="print each quotation and crisisreader's speaker")
    show.add_argument("dir")
    show.add_argument("--page")
    score = sub.add_parser("score", help="score attribution and the diff")
    score.add_argument("dir")
    score.add_argument("--batch", type=int)
    score.add_argument("--json", action="store_true")
    score.add_argument("--errors", action="store_true", help="list every miss and wrong speaker")
    args = parser.parse_args(argv)
    command = {"check": cmd_check, "build": cmd_build, "spans": cmd_spans, "score": cmd_score}[args.command]
    return command(args)


if __name__ == "__main__":
    sys.exit(main())
