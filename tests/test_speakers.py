"""The speaker registry: canonical names, aliases, transliterations, roles, the user's file and learning."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crisisreader.model import Briefing, Paragraph, Problem
from crisisreader.quotes import extract_briefing
from crisisreader.speakers import Registry, user_registry_path


@pytest.fixture
def registry(tmp_path: Path) -> Registry:
    loaded, problems = Registry.load(tmp_path / "absent.yaml")
    assert problems == []
    return loaded


def one_briefing(*paragraphs: str) -> Briefing:
    items = tuple(Paragraph(f"s/2022-02-08#{i}", text, "item", i, i) for i, text in enumerate(paragraphs, 1))
    return Briefing("s", dt.date(2022, 2, 8), "s/x.txt", 1, None, (), items, None)


# -- the bundled registry ----------------------------------------------------------------------------------------


def test_bundled_registry_is_generous(registry: Registry) -> None:
    speakers = registry.speakers()
    assert len(speakers) >= 60
    names = {s.name for s in speakers}
    for name in (
        "Vladimir Putin", "Volodymyr Zelensky", "Dmitry Peskov", "Sergei Lavrov", "Dmytro Kuleba",
        "Mykhailo Podolyak", "Joe Biden", "Antony Blinken", "Jake Sullivan", "Jen Psaki", "Lloyd Austin",
        "Emmanuel Macron", "Olaf Scholz", "Boris Johnson", "Liz Truss", "Jens Stoltenberg", "Recep Tayyip Erdogan",
        "Alexander Lukashenko", "Scott Morrison", "Ursula von der Leyen", "Josep Borrell", "Antonio Guterres",
        "Sergei Shoigu", "Maria Zakharova", "Sergei Ryabkov", "Vassily Nebenzia", "Linda Thomas-Greenfield",
        "Mario Draghi", "Andrzej Duda", "Justin Trudeau", "Fumio Kishida", "Xi Jinping", "Wang Yi",
        "the Kremlin", "NATO", "the Pentagon", "the White House", "the State Department", "the European Union",
        "the United Nations",
    ):  # fmt: skip
        assert name in names, name
    kinds = {s.name: s.kind for s in speakers}
    assert kinds["the Kremlin"] == "body" and kinds["Dmitry Peskov"] == "person"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Zelensky", "Volodymyr Zelensky"),
        ("Zelenskiy", "Volodymyr Zelensky"),
        ("Zelenskyy", "Volodymyr Zelensky"),
        ("Zelenskyi", "Volodymyr Zelensky"),
        ("Volodomyr Zelenskiy", "Volodymyr Zelensky"),
        ("Ukrainian President Volodymyr Zelenskyy", "Volodymyr Zelensky"),
        ("Volodimir Zelenskiy", "Volodymyr Zelensky"),
        ("ZELENSKY", "Volodymyr Zelensky"),
        ("Peskov", "Dmitry Peskov"),
        ("Dmitri Peskov", "Dmitry Peskov"),
        ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov"),
        ("Kremlin spokesperson Dmitry Peskov", "Dmitry Peskov"),
        ("the Kremlin spokesman", "Dmitry Peskov"),
        ("Ukraine's foreign minister", "Dmytro Kuleba"),
        ("the foreign minister of Ukraine", "Dmytro Kuleba"),
        ("Erdoğan", "Recep Tayyip Erdogan"),
        ("President Erdogan", "Recep Tayyip Erdogan"),
        ("von der Leyen", "Ursula von der Leyen"),
        ("Thomas-Greenfield", "Linda Thomas-Greenfield"),
        ("Lukashenka", "Alexander Lukashenko"),
        ("U.S. National Security Advisor Jake Sullivan", "Jake Sullivan"),
        ("Ukrainian presidential advisor Mykhailo Podolyak", "Mykhailo Podolyak"),
        ("The Kremlin", "the Kremlin"),
        ("Kremlin", "the Kremlin"),
        ("the U.S.", "the United States"),
        ("Moscow", "Russia"),
        ("E.U.", "the European Union"),
        ("Pentagon", "the Pentagon"),
    ],
)
def test_canonical(registry: Registry, written: str, canonical: str) -> None:
    assert registry.canonical(written) == canonical


@pytest.mark.parametrize(
    "written",
    ["Hunter Biden", "Ukrainian officials", "NATO and the U.S.", "Nobody Inparticular", "", "Wang", "minister"],
)
def test_unknown_or_ambiguous_is_none(registry: Registry, written: str) -> None:
    assert registry.canonical(written) is None


def test_ambiguous_surname_has_candidates(registry: Registry) -> None:
    assert set(registry.candidates("Wang")) == {"Wang Yi", "Wang Wenbin"}
    assert registry.candidates("Peskov") == []


@pytest.mark.parametrize(
    ("query", "name", "expected"),
    [
        ("peskov", "Dmitry Peskov", True),
        ("PESKOV", "Dmitry Peskov", True),
        ("dmitry", "Dmitry Peskov", True),
        ("zelensky", "Volodymyr Zelensky", True),
        ("Zelenskyy", "Volodymyr Zelensky", True),
        ("zelenskiy", "Volodymyr Zelensky", True),
        ("MACRON", "Emmanuel Macron", True),
        ("erdoğan", "Recep Tayyip Erdogan", True),
        ("kremlin", "the Kremlin", True),
        ("officials", "Ukrainian officials", True),
        ("macron", "Dmitry Peskov", False),
        ("putin", "Volodymyr Zelensky", False),
    ],
)
def test_matches(registry: Registry, query: str, name: str, expected: bool) -> None:
    assert registry.matches(query, name) is expected


def test_aliases_and_roles(registry: Registry) -> None:
    assert "Zelenskiy" in registry.aliases("Volodymyr Zelensky")
    assert registry.role("Dmitry Peskov") == "Kremlin spokesman"
    assert registry.role("NATO") is None
    assert registry.aliases("Someone Unknown") == ()
    assert registry.role("Someone Unknown") is None


# -- the user's registry -------------------------------------------------------------------------------------------


def test_user_registry_path_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert user_registry_path() == tmp_path / "crisisreader" / "speakers.yaml"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/path")
    assert user_registry_path() == Path.home() / ".config" / "crisisreader" / "speakers.yaml"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    assert user_registry_path() == Path.home() / ".config" / "crisisreader" / "speakers.yaml"


def _write_user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    path = tmp_path / "crisisreader" / "speakers.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_user_registry_is_merged_over_the_bundled_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write_user_file(
        tmp_path,
        monkeypatch,
        "speakers:\n"
        "  - name: Oleksandr Kubrakov\n"
        "    aliases: [Kubrakov]\n"
        "    roles: [Ukrainian infrastructure minister]\n"
        "  - name: Dmitry Peskov\n"
        "    aliases: [Putin's voice]\n"
        "  - name: Kyiv Independent\n"
        "    kind: body\n",
    )
    registry, problems = Registry.load()
    assert problems == []
    assert registry.canonical("Kubrakov") == "Oleksandr Kubrakov"
    assert registry.canonical("Ukraine's infrastructure minister") == "Oleksandr Kubrakov"
    assert registry.canonical("Putin's voice") == "Dmitry Peskov"
    assert registry.canonical("Dmitri Peskov") == "Dmitry Peskov"
    assert registry.kind("Kyiv Independent") == "body"
    assert registry.canonical("Zelenskiy") == "Volodymyr Zelensky"


def test_user_registry_may_be_a_plain_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write_user_file(tmp_path, monkeypatch, "- name: Oleksandr Kubrakov\n- {name: Iryna Venediktova}\n")
    registry, problems = Registry.load()
    assert problems == []
    assert registry.canonical("Venediktova") == "Iryna Venediktova"


def test_bad_yaml_is_a_problem_with_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write_user_file(tmp_path, monkeypatch, "speakers:\n  - name: Someone\n    aliases: [unclosed\n\n")
    registry, problems = Registry.load()
    assert len(problems) == 1
    problem = problems[0]
    assert isinstance(problem, Problem)
    assert problem.path == str(path)
    assert problem.line >= 3
    assert "YAML" in problem.message
    assert registry.canonical("Peskov") == "Dmitry Peskov"  # the bundled registry still works


def test_bad_entries_are_problems_and_the_rest_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write_user_file(
        tmp_path,
        monkeypatch,
        "speakers:\n"
        "  - aliases: [Nameless]\n"
        "  - name: Good Person\n"
        "  - name: Bad Kind\n"
        "    kind: robot\n"
        "  - just a string\n"
        "  - name: Odd Aliases\n"
        "    aliases: {a: b}\n",
    )
    registry, problems = Registry.load()
    assert [(p.path, p.line) for p in problems] == [(str(path), 2), (str(path), 4), (str(path), 6), (str(path), 7)]
    assert all(p.severity == "error" for p in problems)
    assert registry.canonical("Good Person") == "Good Person"
    assert registry.canonical("Bad Kind") is None


def test_wrong_top_level_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write_user_file(tmp_path, monkeypatch, "just some text\n")
    registry, problems = Registry.load()
    assert [(p.path, p.line) for p in problems] == [(str(path), 1)]
    assert registry.canonical("Macron") == "Emmanuel Macron"


def test_unreadable_user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write_user_file(tmp_path, monkeypatch, "")
    path.write_bytes(b"speakers:\n  - name: \xff\xfe\n")
    registry, problems = Registry.load()
    assert len(problems) == 1 and problems[0].line == 2 and "UTF-8" in problems[0].message
    assert registry.canonical("Putin") == "Vladimir Putin"


def test_empty_and_missing_user_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert Registry.load()[1] == []
    _write_user_file(tmp_path, monkeypatch, "")
    assert Registry.load()[1] == []


def test_explicit_user_path(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("speakers:\n  - name: Oleksandr Kubrakov\n", encoding="utf-8")
    registry, problems = Registry.load(path)
    assert problems == [] and registry.canonical("Kubrakov") == "Oleksandr Kubrakov"


# -- learning from the text ----------------------------------------------------------------------------------------


def test_surname_learnt_once_the_full_name_appears(registry: Registry) -> None:
    assert registry.canonical("Szijjarto") is None
    quotes = extract_briefing(
        one_briefing(
            "Hungarian Foreign Minister Peter Szijjarto said Hungary would “not send weapons.”",
            "“We want peace,” Szijjarto said.",
        ),
        registry,
    )
    assert [q.speaker for q in quotes] == ["Peter Szijjarto", "Peter Szijjarto"]
    assert registry.canonical("Szijjarto") == "Peter Szijjarto"
    assert registry.canonical("the Hungarian foreign minister") == "Peter Szijjarto"
    # What was learnt holds for the briefings read later.
    later = extract_briefing(one_briefing("“Nothing has changed,” Szijjarto told reporters."), registry)
    assert later[0].speaker == "Peter Szijjarto"


def test_learning_keeps_registry_people(registry: Registry) -> None:
    assert registry.learn("Dmitri Peskov") == "Dmitry Peskov"
    assert registry.learn("Hunter Biden") == "Hunter Biden"
    assert registry.canonical("Biden") == "Joe Biden"
    assert registry.canonical("Hunter Biden") == "Hunter Biden"


def test_kind_and_gender_follow_what_is_learnt(registry: Registry) -> None:
    assert registry.profile("Liz Truss") == ("person", "f")
    assert (registry.kind("Peter Szijjarto"), registry.gender("Peter Szijjarto")) == (None, None)
    registry.learn("Peter Szijjarto")
    assert registry.profile("Peter Szijjarto") == ("person", None)


def test_the_many_spellings_of_one_person_are_one_speaker(registry: Registry) -> None:
    quotes = extract_briefing(
        one_briefing(
            "Zelensky said “we are ready.”",
            "Zelenskiy said “we will defend ourselves.”",
            "Zelenskyy said “Ukraine wants peace.”",
            "Ukrainian President Volodomyr Zelenskiy said “we are not afraid.”",
        ),
        registry,
    )
    assert {q.speaker for q in quotes} == {"Volodymyr Zelensky"}
