"""Counts a reader can trust: a quotation repeated in the background every day is one thing said; a name given
in quotation marks is a term; the speaker picker finds people by any part of their names, typos and all."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from crisisreader.analysis import analyse
from crisisreader.cli import main
from crisisreader.load import load
from crisisreader.quotes import SpeakerSummary, extract_briefing
from crisisreader.quotes.repeats import distinct, same_words
from crisisreader.speakers import Registry
from crisisreader.speakers.match import one_typo, rank_speakers, skeleton
from test_quotes import briefing_of

BACKGROUND = "Officials in Brussels have called the ultimatum “a non-starter,” offering talks instead."
SPOKEN = "“We will hold the line,” Defence Minister Anna Berg said on {day}."


def series(tmp_path: Path, days: int = 5) -> Path:
    folder = tmp_path / "north"
    folder.mkdir()
    for n in range(1, days + 1):
        date = dt.date(2024, 3, n)
        spoken = SPOKEN.format(day=date.strftime("%A"))
        repeated = "“Nothing has changed,” Berg told reporters."
        text = f" date {date} {BACKGROUND}\n\n{repeated}\n\nMarch {n}: What you need to know today\n\n{spoken}\n"
        (folder / f"{date}.txt").write_text(text, encoding="utf-8")
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert main(list(args)) == 0
    rows: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return rows


def test_a_quotation_repeated_every_day_counts_once(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = series(tmp_path)
    speakers = {row["name"]: row for row in run(capsys, "speakers", "--json", str(folder))}
    # Five days of "We will hold the line" (said each day anew, a new day named) would be five if the words
    # differed; here they are the same words: one. And "Nothing has changed", repeated, is one more.
    assert speakers["Anna Berg"]["quotes"] == 2
    assert (speakers["Anna Berg"]["first"], speakers["Anna Berg"]["last"]) == ("2024-03-01", "2024-03-05")
    assert "Officials in Brussels" not in speakers  # "a non-starter" is a name they gave it, a term


def test_quotes_lists_every_occurrence_with_its_days(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = series(tmp_path)
    rows = run(capsys, "quotes", "--json", str(folder))
    held = [r for r in rows if r["text"] == "We will hold the line,"]
    assert len(held) == 5
    assert {(r["first"], r["last"], r["days"]) for r in held} == {("2024-03-01", "2024-03-05", 5)}
    terms = [r for r in rows if r["kind"] == "term"]
    assert [r["text"] for r in terms] == ["a non-starter,"] * 5
    once = run(capsys, "quotes", "--json", "--distinct", str(folder))
    assert [r["text"] for r in once].count("We will hold the line,") == 1
    assert len(once) == 3


def test_the_table_leaves_terms_out_unless_asked(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = series(tmp_path, days=1)
    assert main(["quotes", "--format", "csv", str(folder)]) == 0
    plain = capsys.readouterr().out
    assert main(["quotes", "--format", "csv", "--terms", str(folder)]) == 0
    with_terms = capsys.readouterr().out
    assert "non-starter" not in plain and "non-starter" in with_terms
    assert plain.splitlines()[0].endswith(",first,last,days")


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("NATO has called the demands “non-starters,” offering talks.", "term"),
        ("The ministry dubbed the drills “Northern Shield.”", "term"),
        ("Kyiv rejected what Moscow calls “denazification,” the ministry said.", "term"),
        ("The mayor called for “calm and patience” in the city.", "speech"),
        ("The mayor called on residents to “stay indoors tonight.”", "speech"),
        ("Berg called the talks “useful, but far from over. We will keep going.”", "speech"),
    ],
)
def test_a_short_quotation_after_a_naming_verb_is_a_term(sentence: str, kind: str) -> None:
    registry, _ = Registry.load(Path("/nonexistent/speakers.yaml"))
    [quote] = extract_briefing(briefing_of([sentence]), registry)
    assert quote.kind == kind


def test_repeats_compare_words_not_marks() -> None:
    assert same_words("Non-starters,") == same_words("non‑starters.") == same_words("non-starters")
    assert same_words("we  will win") == same_words("We will win…")
    assert same_words("we will win") != same_words("we will not win")


def test_distinct_keeps_the_first_of_each_speaker(tmp_path: Path) -> None:
    analysis = analyse(load([series(tmp_path)]))
    berg = analysis.quotes_by("Anna Berg")
    assert len(berg) == 10
    once = distinct(berg)
    assert [q.date.day for q in once] == [1, 1]


def summary(name: str, count: int, role: str | None = None, *seen: str) -> SpeakerSummary:
    day = dt.date(2022, 2, 8)
    return SpeakerSummary(name, count, day, day, seen, role)


PEOPLE = [
    summary("Volodymyr Zelensky", 30, "Ukrainian President", "Zelenskiy"),
    summary("Emmanuel Macron", 20, "French President", "Macron"),
    summary("Vladimir Putin", 25, "Russian President", "Putin"),
    summary("Jake Sullivan", 9, "U.S. National Security Adviser"),
    summary("Dmitry Peskov", 12, "Kremlin spokesman"),
    summary("Mykhailo Podolyak", 5, "Ukrainian presidential adviser"),
]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("president", {"Volodymyr Zelensky", "Emmanuel Macron", "Vladimir Putin", "Mykhailo Podolyak"}),
        ("zelenksy", {"Volodymyr Zelensky"}),
        ("zelenskyy", {"Volodymyr Zelensky"}),
        ("zelenskiy", {"Volodymyr Zelensky"}),
        ("ZELENSKY", {"Volodymyr Zelensky"}),
        ("podoliak", {"Mykhailo Podolyak"}),
        ("vova", set()),
        ("ivan", set()),
        ("kremlin", {"Dmitry Peskov"}),
        ("french pres", {"Emmanuel Macron"}),
        ("jake sulivan", {"Jake Sullivan"}),
        ("pesko", {"Dmitry Peskov"}),
    ],
)
def test_the_picker_matches_names_roles_typos_and_transliterations(typed: str, found: set[str]) -> None:
    assert {s.name for s in rank_speakers(typed, PEOPLE, {})} == found


def test_the_picker_ranks_whole_words_first_and_keeps_all_for_no_query() -> None:
    ranked = rank_speakers("president", PEOPLE, {})
    assert ranked[-1].name == "Mykhailo Podolyak"  # "presidential" only starts with it
    assert rank_speakers("  ", PEOPLE, {}) == PEOPLE
    assert [s.name for s in rank_speakers("vlad", PEOPLE, {"Vladimir Putin": ("Vlad",)})] == ["Vladimir Putin"]


def test_typos_and_sounds() -> None:
    assert one_typo("zelenksy", "zelensky") and one_typo("pesko", "peskov") and one_typo("macron", "macon")
    assert not one_typo("vova", "ivan") and not one_typo("zelensky", "zelenskaya")
    assert skeleton("zelenskyy") == skeleton("zelenskiy") == skeleton("zelensky")
