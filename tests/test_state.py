"""The reading state: it survives restarts and kills, and a damaged file is set aside, never lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crisisreader.state
from crisisreader import yamlio
from crisisreader.model import Paragraph
from crisisreader.state import ReadingState, corpus_key, state_path

if TYPE_CHECKING:
    from conftest import Spy

SRC = Path(__file__).resolve().parents[1] / "src"


def paragraph(n: int, text: str | None = None) -> Paragraph:
    return Paragraph(f"seeds/2022-02-08#{n}", text or f"Paragraph {n} [crisis].", "item", n, n)


def test_state_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "state.yaml"
    state, problems = ReadingState.load(path)
    assert not problems and not state.bookmarks and not state.dirty
    assert state.mark_opened("c", "seeds/2022-02-07")
    assert not state.mark_opened("c", "seeds/2022-02-07")
    state.set_last_day("c", "seeds/2022-02-07")
    state.set_newest_seen("c", "2022-02-08")
    assert state.toggle_bookmark(paragraph(4), "seeds", "2022-02-08")
    assert state.toggle_bookmark(paragraph(5), "seeds", "2022-02-08")
    assert state.dirty and state.save() is None and not state.dirty
    again, problems = ReadingState.load(path)
    assert not problems
    assert again.opened("c") == {"seeds/2022-02-07"} and again.opened("other") == set()
    assert again.last_day("c") == "seeds/2022-02-07" and again.last_day("other") is None
    assert again.newest_seen("c") == "2022-02-08"
    assert again.bookmarks == state.bookmarks
    assert [b.paragraph for b in again.bookmarks] == ["seeds/2022-02-08#4", "seeds/2022-02-08#5"]
    mark = again.bookmarks[0]
    assert (mark.text, mark.series, mark.date, mark.note) == ("Paragraph 4 [crisis].", "seeds", "2022-02-08", "")
    assert mark.added.endswith("+00:00") and mark.added[:4].isdigit()


def test_bookmarks_toggle_on_and_off_in_the_order_added(tmp_path: Path) -> None:
    state, _ = ReadingState.load(tmp_path / "state.yaml")
    for n in (7, 2, 9):
        assert state.toggle_bookmark(paragraph(n), "seeds", "2022-02-08")
    assert state.is_bookmarked(("", "seeds/2022-02-08#2"))
    assert not state.toggle_bookmark(paragraph(2), "seeds", "2022-02-08")
    assert not state.is_bookmarked(("", "seeds/2022-02-08#2"))
    assert state.toggle_bookmark(paragraph(2), "seeds", "2022-02-08")
    assert [b.paragraph[-1] for b in state.bookmarks] == ["7", "9", "2"]
    nine = ("", "seeds/2022-02-08#9")
    assert state.remove_bookmark(nine) and not state.remove_bookmark(nine)
    state.save()
    assert [b.paragraph[-1] for b in ReadingState.load(state.path)[0].bookmarks] == ["7", "2"]


def test_opened_days_are_kept_per_corpus(tmp_path: Path) -> None:
    state, _ = ReadingState.load(tmp_path / "state.yaml")
    kyiv, gaza = corpus_key([tmp_path / "kyiv"]), corpus_key([tmp_path / "gaza"])
    state.mark_opened(kyiv, "kyiv/2022-02-08")
    state.mark_opened(gaza, "gaza/2023-10-08")
    state.set_last_day(kyiv, "kyiv/2022-02-08")
    assert state.mark_opened(gaza, "kyiv/2022-02-08")  # the same key in another corpus is another day
    state.save()
    again, _ = ReadingState.load(state.path)
    assert again.opened(kyiv) == {"kyiv/2022-02-08"}
    assert again.opened(gaza) == {"gaza/2023-10-08", "kyiv/2022-02-08"}
    assert again.last_day(kyiv) == "kyiv/2022-02-08" and again.last_day(gaza) is None


def test_default_path_follows_xdg(monkeypatch: pytest.MonkeyPatch) -> None:
    assert state_path() == Path(os.environ["XDG_STATE_HOME"]) / "crisisreader" / "state.yaml"
    monkeypatch.setenv("XDG_STATE_HOME", "relative/state")  # the spec says a relative one is ignored
    assert state_path() == Path.home() / ".local" / "state" / "crisisreader" / "state.yaml"


def test_corpus_key_is_stable_and_readable(tmp_path: Path) -> None:
    assert corpus_key([tmp_path / "kyiv"]) == corpus_key([str(tmp_path / "kyiv")])
    assert corpus_key([tmp_path / "kyiv"]) == corpus_key([tmp_path / "x" / ".." / "kyiv"])
    assert corpus_key([tmp_path / "kyiv"]).startswith("kyiv-")
    assert corpus_key([tmp_path / "a", tmp_path / "b"]) == corpus_key([tmp_path / "b", tmp_path / "a", tmp_path / "a"])
    assert corpus_key([tmp_path / "a"]) != corpus_key([tmp_path / "b"])
    code = f"from crisisreader.state import corpus_key; print(corpus_key([{str(tmp_path / 'kyiv')!r}]))"
    other_run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), check=True)
    assert other_run.stdout.strip() == corpus_key([tmp_path / "kyiv"])


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        (b"corpora: {a: [unclosed\n", 2, "not valid YAML"),
        (b"bookmarks: []\n\n\xff\xfe\n", 3, "not UTF-8"),
        (b"- just\n- a list\n", 0, "not a mapping"),
        (b"corpora: [a, b]\n", 0, "'corpora' must be a mapping"),
        (b"corpora:\n  c:\n    opened: [1, 2]\n", 0, "'opened' must be a list of days"),
        (b"corpora:\n  c:\n    last: [x]\n", 0, "'last' is not text"),
        (b"bookmarks: [{paragraph: x, colour: red}]\n", 0, "wrong keys"),
        (b"bookmarks: [{paragraph: x, series: s, date: d, text: [a], added: t}]\n", 0, "'text' is not text"),
        (b"bookmarks: [just-text]\n", 0, "bookmark 1 is not a mapping"),
        (b"version: 99\n", 0, "newer crisisreader"),
    ],
)
def test_a_damaged_file_is_set_aside_and_a_fresh_state_started(
    tmp_path: Path, content: bytes, line: int, words: str
) -> None:
    path = tmp_path / "state.yaml"
    path.write_bytes(content)
    state, [problem] = ReadingState.load(path)
    assert problem.severity == "warning" and problem.path == str(path) and problem.line == line
    assert words in problem.message and "kept as state.yaml.bak" in problem.message
    assert (tmp_path / "state.yaml.bak").read_bytes() == content
    assert not path.exists() and not state.bookmarks and not state.opened("c")
    assert state.toggle_bookmark(paragraph(1), "seeds", "2022-02-08") and state.save() is None
    assert ReadingState.load(path)[1] == []


def test_earlier_backups_are_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "state.yaml"
    for number, content in enumerate(["[one\n", "- two\n", "three: [\n"]):
        path.write_text(content, encoding="utf-8")
        _, [problem] = ReadingState.load(path)
        name = "state.yaml.bak" + (f".{number}" if number else "")
        assert name in problem.message and (tmp_path / name).read_text(encoding="utf-8") == content


def test_a_hand_edited_file_with_dates_and_numbers_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "state.yaml"
    path.write_text(
        "corpora:\n  c:\n    newest: 2022-02-08\n"
        "bookmarks:\n- {paragraph: s/2022-02-08#1, series: 2022, date: 2022-02-08, text: t,"
        " added: 2022-02-08T10:00:00Z, note: null}\n",
        encoding="utf-8",
    )
    state, problems = ReadingState.load(path)
    assert not problems and state.newest_seen("c") == "2022-02-08"
    [mark] = state.bookmarks
    assert (mark.series, mark.date, mark.note) == ("2022", "2022-02-08", "")
    assert mark.added.startswith("2022-02-08T10:00:00")


def test_an_empty_file_is_a_fresh_state(tmp_path: Path) -> None:
    (tmp_path / "state.yaml").write_text("", encoding="utf-8")
    state, problems = ReadingState.load(tmp_path / "state.yaml")
    assert problems == [] and not state.bookmarks


def test_an_unwritable_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    state, problems = ReadingState.load(blocker / "state.yaml")
    assert problems == []
    state.mark_opened("c", "k")
    problem = state.save()
    assert problem is not None and "cannot save" in problem.message and problem.path == str(blocker / "state.yaml")
    assert state.dirty


def test_a_refused_write_is_a_problem_and_the_file_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A folder that refuses writes, made so the test holds for root too (root is not bound by permissions).
    path = tmp_path / "state.yaml"
    state, _ = ReadingState.load(path)
    state.toggle_bookmark(paragraph(1), "seeds", "2022-02-08")
    assert state.save() is None

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(crisisreader.state.os, "replace", refuse)
    state.toggle_bookmark(paragraph(2), "seeds", "2022-02-08")
    problem = state.save()
    assert problem is not None and "cannot save" in problem.message
    monkeypatch.undo()
    assert len(ReadingState.load(path)[0].bookmarks) == 1
    assert not list(tmp_path.glob(".state-*"))


def test_two_readers_saving_keep_each_others_changes(tmp_path: Path) -> None:
    path = tmp_path / "state.yaml"
    first, _ = ReadingState.load(path)
    first.toggle_bookmark(paragraph(1), "seeds", "2022-02-08")
    first.save()
    one, _ = ReadingState.load(path)
    two, _ = ReadingState.load(path)
    one.toggle_bookmark(paragraph(2), "seeds", "2022-02-08")
    one.mark_opened("c", "seeds/2022-02-07")
    assert one.save() is None
    two.toggle_bookmark(paragraph(1), "seeds", "2022-02-08")  # removed here, while the other reader added one
    two.toggle_bookmark(paragraph(3), "seeds", "2022-02-08")
    two.mark_opened("c", "seeds/2022-02-08")
    two.set_last_day("c", "seeds/2022-02-08")
    assert two.save() is None
    final, problems = ReadingState.load(path)
    assert not problems
    assert [b.paragraph[-1] for b in final.bookmarks] == ["2", "3"]
    assert final.opened("c") == {"seeds/2022-02-07", "seeds/2022-02-08"}
    assert final.last_day("c") == "seeds/2022-02-08"
    assert [b.paragraph for b in two.bookmarks] == [b.paragraph for b in final.bookmarks]


def test_left_over_temporary_files_are_tidied(tmp_path: Path) -> None:
    old, new = tmp_path / ".state-old.tmp", tmp_path / ".state-new.tmp"
    for file in (old, new):
        file.write_text("half", encoding="utf-8")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    ReadingState.load(tmp_path / "state.yaml")
    assert not old.exists() and new.exists()  # a fresh one may be another reader's save in progress


def test_saving_after_a_toggle_writes_again_only_what_changed(tmp_path: Path, spy: Spy) -> None:
    """Thousands of days opened: a bookmark toggled and saved dumps that bookmark alone to YAML, the rest of the
    file is what the last save wrote (the save stays cheap however long the history; no timing is asserted)."""
    import crisisreader.state as state_module

    path = tmp_path / "state.yaml"
    state, _ = ReadingState.load(path)
    for day in range(6000):
        state.mark_opened(f"corpus-{day % 3}", f"series{day % 5}/{2000 + day // 365}-{day % 12 + 1:02d}-{day % 28:02d}")
    for n in range(200):
        state.toggle_bookmark(paragraph(n, "A paragraph of some length. " * 20), "seeds", "2022-02-08")
    assert state.save() is None
    state, _ = ReadingState.load(path)
    assert state.save() is None
    dumped = spy(state_module, "_dump_under")
    for n in range(5):
        dumped.clear()
        state.toggle_bookmark(paragraph(1000 + n), "seeds", "2022-02-08")
        assert state.save() is None
        assert [key for key, _ in dumped] == ["bookmarks"]
    again, problems = ReadingState.load(path)
    assert problems == [] and len(again.opened("corpus-1")) == 2000
    assert len(again.bookmarks) == 205


# Any text a briefing or a file name may hold; lone surrogates come from file names that are not UTF-8.
ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ["", " ", "null", "~", "- x", "2022-02-08", "1e3", "yes", "a: b", "#x", "'q'", '"', "\x85", "\u2028", "\ufeff"]
)
DAY = st.from_regex(r"[a-z0-9_.~+-]{1,8}/[0-9~/-]{0,12}", fullmatch=True) | ANY_TEXT


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.tuples(ANY_TEXT, ANY_TEXT, ANY_TEXT), max_size=4),
    st.dictionaries(ANY_TEXT, st.lists(DAY, max_size=6), max_size=3),
)
def test_any_text_survives_a_save(
    tmp_path: Path, marks: list[tuple[str, str, str]], corpora: dict[str, list[str]]
) -> None:
    path = tmp_path / "state.yaml"
    path.unlink(missing_ok=True)
    state, _ = ReadingState.load(path)
    for n, (text, series, date) in enumerate(marks):
        # Every other bookmark in a folder (named as any text may be), each with a note of any text too.
        folder = f"/{series}" if n % 2 else ""
        state.toggle_bookmark(Paragraph(f"{series}/{date}#{n}", text, "item", 1, 1), series, date, folder)
        state.set_note(state.bookmarks[-1].place, text[::-1])
    for corpus, days in corpora.items():
        for day in days:
            state.mark_opened(corpus, day)  # a corpus's name stands for a folder here: any text
        state.set_last_day(corpus, days[-1] if days else "")
    text = state.to_yaml()
    # The pieces joined by hand are exactly what one dump of the whole would write.
    assert yamlio.dump(yamlio.load(text)) == text
    assert state.save() is None
    again, problems = ReadingState.load(path)
    assert problems == []
    assert again.bookmarks == state.bookmarks
    assert {c: again.opened(c) for c in corpora} == {c: set(days) for c, days in corpora.items()}


def test_a_lone_surrogate_cannot_damage_the_file(tmp_path: Path) -> None:
    state, _ = ReadingState.load(tmp_path / "state.yaml")
    state.toggle_bookmark(Paragraph("caf\udce9/2022-02-08#1", "text \ud800", "item", 1, 1), "caf\udce9", "2022")
    state.mark_opened("caf\udce9-1", "caf\udce9/2022-02-08")
    assert state.save() is None
    again, problems = ReadingState.load(state.path)
    assert problems == []
    assert again.bookmarks[0].text == "text \ufffd" and again.opened("caf\ufffd-1") == {"caf\ufffd/2022-02-08"}


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from crisisreader.model import Paragraph
    from crisisreader.state import ReadingState

    state, problems = ReadingState.load(Path(sys.argv[1]))
    assert not problems, problems
    n = len(state.opened("c"))
    print("ready", flush=True)
    while True:
        n += 1
        state.toggle_bookmark(Paragraph(f"s/2022-02-08#{n % 50}", "x" * 2000, "item", 1, 1), "s", "2022-02-08")
        state.mark_opened("c", f"s/day-{n}")
        state.save()
    """
)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}


def test_a_killed_process_leaves_a_readable_state(tmp_path: Path) -> None:
    path = tmp_path / "state.yaml"
    before = 0
    for attempt in range(5):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True, env=_env()
        )
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        time.sleep(0.4 + attempt * 0.07)
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        state, problems = ReadingState.load(path)
        assert not problems, problems
        assert len(state.opened("c")) > before  # every run saved something, and kept what came before
        before = len(state.opened("c"))
        assert state.bookmarks and all(b.text == "x" * 2000 for b in state.bookmarks)
        assert path.read_text(encoding="utf-8").endswith("\n")
    assert not list(tmp_path.glob("*.bak*"))
