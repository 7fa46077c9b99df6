"""The reading state: it survives restarts and kills, and a damaged file is set aside, never lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from crisisreader.model import Paragraph
from crisisreader.state import ReadingState, corpus_key, state_path


def paragraph(n: int) -> Paragraph:
    return Paragraph(f"seeds/2022-02-08#{n}", f"Paragraph {n} [crisis].", "item", n, n)


def test_state_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "state.yaml"
    state, problems = ReadingState.load(path)
    assert not problems and not state.bookmarks
    assert state.mark_opened("c", "seeds/2022-02-07")
    assert not state.mark_opened("c", "seeds/2022-02-07")
    state.set_last_day("c", "seeds/2022-02-07")
    assert state.toggle_bookmark(paragraph(4), "seeds", "2022-02-08")
    assert state.toggle_bookmark(paragraph(5), "seeds", "2022-02-08")
    assert state.dirty and state.save() is None and not state.dirty
    again, problems = ReadingState.load(path)
    assert not problems
    assert again.opened("c") == {"seeds/2022-02-07"} and again.opened("other") == set()
    assert again.last_day("c") == "seeds/2022-02-07"
    assert [b.paragraph for b in again.bookmarks] == ["seeds/2022-02-08#4", "seeds/2022-02-08#5"]
    assert again.bookmarks[0].text == "Paragraph 4 [crisis]."
    assert not again.toggle_bookmark(paragraph(4), "seeds", "2022-02-08")
    assert again.remove_bookmark("seeds/2022-02-08#5") and not again.remove_bookmark("seeds/2022-02-08#5")
    assert not again.bookmarks


def test_default_path_follows_xdg() -> None:
    assert state_path().parent.name == "crisisreader"
    assert str(state_path()).startswith(os.environ["XDG_STATE_HOME"])


def test_corpus_key_is_stable_and_readable(tmp_path: Path) -> None:
    assert corpus_key([tmp_path / "kyiv"]) == corpus_key([str(tmp_path / "kyiv")])
    assert corpus_key([tmp_path / "kyiv"]).startswith("kyiv-")
    assert corpus_key([tmp_path / "a", tmp_path / "b"]) == corpus_key([tmp_path / "b", tmp_path / "a"])
    assert corpus_key([tmp_path / "a"]) != corpus_key([tmp_path / "b"])


def test_a_damaged_file_is_set_aside_and_a_fresh_state_started(tmp_path: Path) -> None:
    path = tmp_path / "state.yaml"
    path.write_text("corpora: {a: [unclosed\n", encoding="utf-8")
    state, [problem] = ReadingState.load(path)
    assert problem.severity == "warning" and problem.line == 2 and "state.yaml.bak" in problem.message
    assert (tmp_path / "state.yaml.bak").read_text(encoding="utf-8") == "corpora: {a: [unclosed\n"
    assert not path.exists() and not state.bookmarks
    path.write_text("- just\n- a list\n", encoding="utf-8")
    _, [problem] = ReadingState.load(path)
    assert "not a mapping" in problem.message
    assert (tmp_path / "state.yaml.bak.1").exists() and (tmp_path / "state.yaml.bak").exists()
    path.write_text("bookmarks: [{paragraph: x, colour: red}]\n", encoding="utf-8")
    _, [problem] = ReadingState.load(path)
    assert "wrong keys" in problem.message


def test_an_unwritable_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    state, _ = ReadingState.load(blocker / "state.yaml")
    state.mark_opened("c", "k")
    problem = state.save()
    assert problem is not None and "cannot save" in problem.message
    assert state.dirty


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from crisisreader.model import Paragraph
    from crisisreader.state import ReadingState

    state, _ = ReadingState.load(Path(sys.argv[1]))
    n = 0
    print("ready", flush=True)
    while True:
        n += 1
        state.toggle_bookmark(Paragraph(f"s/2022-02-08#{n % 50}", "x" * 2000, "item", 1, 1), "s", "2022-02-08")
        state.mark_opened("c", f"s/day-{n}")
        state.save()
    """
)


def test_a_killed_process_leaves_a_readable_state(tmp_path: Path) -> None:
    path = tmp_path / "state.yaml"
    for attempt in range(4):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        time.sleep(0.3 + attempt * 0.17)
        child.send_signal(signal.SIGKILL)
        child.wait()
        state, problems = ReadingState.load(path)
        assert not problems, problems
        assert len(state.opened("c")) > 0
        assert all(b.text == "x" * 2000 for b in state.bookmarks)
    assert not list(tmp_path.glob("*.bak*"))
