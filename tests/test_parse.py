"""The parser and loader: the seeds against the gold, every messy form of input, every problem."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisisreader.load import load
from crisisreader.model import Problem
from crisisreader.parse import is_footer, is_heading, parse_text

Write = Callable[..., Path]


def test_seeds_match_gold(seeds: Path, gold: dict[str, Any]) -> None:
    corpus = load([seeds])
    assert [s.name for s in corpus.series] == ["seeds"]
    assert not corpus.problems
    by_date = {b.date.isoformat(): b for b in corpus.briefings}
    assert sorted(by_date) == sorted(str(day["date"]) for day in gold["days"])
    for day in gold["days"]:
        briefing = by_date[str(day["date"])]
        assert Path(briefing.path).name == day["file"]
        assert briefing.heading == day["heading"]
        assert len(briefing.background) == day["background_paragraphs"]
        assert len(briefing.items) == day["items"]
        assert briefing.footer == day["footer"]


def test_paragraph_ids_sections_and_lines(seeds: Path) -> None:
    briefing = load([seeds]).briefings[-1]
    assert briefing.background[0].id == "seeds/2022-02-08#1"
    assert briefing.background[0].line == 1
    assert briefing.background[0].text.startswith("High-stakes talks")
    assert briefing.items[0].id == "seeds/2022-02-08#4"
    assert briefing.items[0].line == 9
    assert {p.section for p in briefing.background} == {"background"}
    assert {p.section for p in briefing.items} == {"item"}


def test_text_is_kept_literally(seeds: Path) -> None:
    texts = [p.text for b in load([seeds]).briefings for p in b.paragraphs]
    assert any("[crisis]" in t for t in texts)
    assert any("[Ukraine]" in t for t in texts)


BRIEFING = """ date 2022-03-01 Background one.

Background two, with a figure of 100,000.

March 1: What you need to know today

First item.

Second item.

Reuters contributed to this report.
"""


def test_heading_footer_and_sections() -> None:
    [briefing], problems = parse_text(BRIEFING, "x.txt", "s")
    assert not problems
    assert briefing.heading == "March 1: What you need to know today"
    assert [p.text for p in briefing.background] == ["Background one.", "Background two, with a figure of 100,000."]
    assert [p.text for p in briefing.items] == ["First item.", "Second item."]
    assert briefing.footer == "Reuters contributed to this report."


def test_crlf_bom_tabs_and_nbsp() -> None:
    text = "\ufeff date 2022-03-01 One\tparagraph\u00a0here.\r\n\r\nFeb 8 - Here's what we know\r\n\r\nAn item.\r\n"
    [briefing], problems = parse_text(text, "x.txt", "s")
    assert not problems
    assert briefing.background[0].text == "One paragraph here."
    assert briefing.heading == "Feb 8 - Here's what we know"
    assert briefing.items[0].text == "An item."
    assert briefing.items[0].line == 5


def test_no_blank_lines_one_paragraph_a_line_and_bullets() -> None:
    text = " date 2022-03-02 Context line.\nKey developments\n- First bullet.\n• Second bullet.\n* Third bullet.\n"
    [briefing], _ = parse_text(text, "x.txt", "s")
    assert briefing.heading == "Key developments"
    assert [p.text for p in briefing.background] == ["Context line."]
    assert [p.text for p in briefing.items] == ["First bullet.", "Second bullet.", "Third bullet."]
    assert [p.line for p in briefing.items] == [3, 4, 5]


def test_bullets_inside_a_blank_line_separated_file() -> None:
    text = " date 2022-03-02 Context.\n\nWhat you need to know\n\n- One\n- Two\ncontinued.\n\nThree.\n"
    [briefing], _ = parse_text(text, "x.txt", "s")
    assert [p.text for p in briefing.items] == ["One", "Two continued.", "Three."]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = " date 2022-03-02\nA paragraph that\nwraps over lines.\n\nAnother.\n"
    [briefing], _ = parse_text(text, "x.txt", "s")
    assert [p.text for p in briefing.items] == ["A paragraph that wraps over lines.", "Another."]
    assert briefing.items[0].line == 2


def test_no_heading_means_every_paragraph_is_an_item() -> None:
    [briefing], _ = parse_text(" date 2022-03-02 One.\n\nTwo.\n", "x.txt", "s")
    assert briefing.heading is None
    assert not briefing.background
    assert [p.text for p in briefing.items] == ["One.", "Two."]


def test_two_briefings_in_one_file() -> None:
    text = " date 2022-03-01 First day.\n\n date 2022-03-02 Second day.\n\nMore.\n"
    briefings, problems = parse_text(text, "x.txt", "s")
    assert not problems
    assert [b.date for b in briefings] == [dt.date(2022, 3, 1), dt.date(2022, 3, 2)]
    assert [p.text for p in briefings[1].items] == ["Second day.", "More."]
    assert briefings[1].line == 3


@pytest.mark.parametrize(
    "heading",
    [
        "Feb. 8: What you need to know today",
        "February 8: What you need to know",
        "Sept 30 — What you need to know today",
        "Here's what we know",
        "Here’s what we know so far:",
        "Key developments",
        "Latest developments",
        "What we know so far",
        "8 March 2022: What you need to know",
    ],
)
def test_headings(heading: str) -> None:
    assert is_heading(heading)


@pytest.mark.parametrize(
    "text",
    [
        "Russia said on Tuesday that what you need to know is that troops would leave Belarus after the drills end.",
        "Macron met Putin.",
        "The latest talks failed to reach a deal, officials said on Monday after hours of meetings.",
    ],
)
def test_not_headings(text: str) -> None:
    assert not is_heading(text)


@pytest.mark.parametrize(
    "footer",
    [
        "AFP contributed reporting.",
        "Reuters contributed to this report.",
        "AFP and Reuters contributed reporting.",
        "The Associated Press contributed to this report.",
        "Reporting by Jane Doe; Editing by John Roe",
        "With AFP",
    ],
)
def test_footers(footer: str) -> None:
    assert is_footer(footer)


def test_a_last_item_that_is_not_a_credit_stays_an_item() -> None:
    assert not is_footer("Zelenskiy confirmed his intention to continue implementing the Minsk agreements.")


def _problems(corpus_problems: tuple[Problem, ...]) -> dict[str, Problem]:
    return {Path(p.path).name: p for p in corpus_problems}


def test_every_problem_is_named_and_the_rest_loads(tmp_path: Path, write: Write) -> None:
    write("good.txt", " date 2022-03-01 Fine.\n")
    write("nodate.txt", "\n\nJust text, no header.\n")
    write("impossible.txt", "\n date 2022-02-30 Nope.\n")
    write("empty.txt", "")
    write("binary.txt", b" date 2022-03-01 x\n\x00\x01\x02")
    big = write("big.txt", "")
    with open(big, "r+b") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)
        handle.seek(0)
        handle.write(b" date 2022-03-03 big")
    corpus = load([tmp_path])
    assert [b.date for b in corpus.briefings] == [dt.date(2022, 3, 1)]
    found = _problems(corpus.problems)
    assert found["nodate.txt"].line == 3 and "no date header" in found["nodate.txt"].message
    assert found["impossible.txt"].line == 2 and "impossible date" in found["impossible.txt"].message
    assert "empty" in found["empty.txt"].message
    assert found["binary.txt"].line == 2 and "binary" in found["binary.txt"].message
    assert "too large" in found["big.txt"].message
    assert all(str(p).startswith(p.path + ":") for p in corpus.problems)


def test_unreadable_file(tmp_path: Path, write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write("locked.txt", " date 2022-03-01 x\n")
    write("fine.txt", " date 2022-03-02 y\n")
    import crisisreader.load as loading

    real = loading.read_bounded

    def refuse(file: Path | str, limit: int) -> bytes:
        if Path(file).name == "locked.txt":  # as root, a chmod would not stop the read
            raise PermissionError(13, "Permission denied", str(file))
        return real(file, limit)

    monkeypatch.setattr(loading, "read_bounded", refuse)
    corpus = load([tmp_path])
    assert [b.date for b in corpus.briefings] == [dt.date(2022, 3, 2)]
    problem = _problems(corpus.problems)["locked.txt"]
    assert problem.path == str(path) and "Permission denied" in problem.message


def test_cp1252_is_read_with_a_warning(tmp_path: Path, write: Write) -> None:
    write("old.txt", " date 2022-03-01 Ukraine\u2019s \u201cnon-starters\u201d caf\u00e9.\n", encoding="cp1252")
    corpus = load([tmp_path])
    assert corpus.briefings[0].items[0].text == "Ukraine\u2019s \u201cnon-starters\u201d caf\u00e9."
    [problem] = corpus.problems
    assert problem.severity == "warning" and "Windows-1252" in problem.message


def test_two_editions_of_a_day_are_both_kept_with_one_warning(tmp_path: Path, write: Write) -> None:
    write("s/a.txt", " date 2022-03-01 Morning edition.\n")
    write("s/b.txt", " date 2022-03-01 Evening edition.\n")
    corpus = load([tmp_path / "s"])
    first, second = corpus.briefings
    assert (first.edition, second.edition) == (1, 2)
    assert first.items[0].text == "Morning edition."
    assert second.items[0].id == "s/2022-03-01~2#1"
    assert corpus.briefing("s/2022-03-01~2") is second
    assert len([p for p in corpus.problems if "second briefing" in p.message]) == 1


def test_folders_are_series_hidden_skipped_and_links_survived(tmp_path: Path, write: Write) -> None:
    write("alpha/one.txt", " date 2022-03-01 A.\n")
    write("alpha/notes.csv", " date 2022-03-01 not a briefing\n")
    write("alpha/.hidden.txt", " date 2022-03-01 hidden\n")
    write(".secret/one.txt", " date 2022-03-01 hidden\n")
    write("beta/deeper/one.md", " date 2022-03-01 B.\n")
    (tmp_path / "alpha" / "loop").symlink_to(tmp_path, target_is_directory=True)
    corpus = load([tmp_path])
    names = sorted(s.name for s in corpus.series)
    assert names == ["alpha", "deeper"]
    assert len(corpus.briefings) == 2


def test_a_file_on_its_own_takes_its_folders_name(write: Write) -> None:
    path = write("kyiv-independent/day.txt", " date 2022-03-01 A.\n")
    corpus = load([path])
    assert corpus.series[0].name == "kyiv-independent"
    assert corpus.briefings[0].items[0].id == "kyiv-independent/2022-03-01#1"


def test_two_series_share_a_date(write: Write, tmp_path: Path) -> None:
    write("a/x.txt", " date 2022-03-01 A.\n")
    write("b/x.txt", " date 2022-03-01 B.\n")
    corpus = load([tmp_path / "a", tmp_path / "b"])
    assert [b.key for b in corpus.briefings] == ["a/2022-03-01", "b/2022-03-01"]


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    corpus = load([tmp_path / "nope"])
    assert not corpus.series
    assert "no such file" in corpus.problems[0].message


def test_control_characters_are_neutralised() -> None:
    [briefing], _ = parse_text(" date 2022-03-01 Bad \x1b[31mred\x1b[0m and \x07bell.\n", "x.txt", "s")
    text = briefing.items[0].text
    assert "\x1b" not in text and "\x07" not in text
    assert "[31mred" in text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_gives_a_model_or_a_clear_problem(text: str) -> None:
    briefings, problems = parse_text(text, "any.txt", "s")
    assert briefings or problems
    for problem in problems:
        assert problem.path == "any.txt" and problem.line >= 1 and problem.message


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.just(" date 2022-02-08 "),
            st.just(" date 2022-02-31 "),
            st.just("Feb. 8: What you need to know today"),
            st.just("AFP contributed reporting."),
            st.just("- "),
            st.just("\n\n"),
            st.just("\r\n"),
            st.text(max_size=30),
        ),
        max_size=30,
    )
)
def test_briefing_like_noise_never_raises(parts: list[str]) -> None:
    briefings, problems = parse_text("".join(parts), "any.txt", "s")
    assert briefings or problems
    for briefing in briefings:
        ids = [p.id for p in briefing.paragraphs]
        assert len(ids) == len(set(ids))
