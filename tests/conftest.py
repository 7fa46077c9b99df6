"""Shared fixtures: the seeds, the gold reference, a writer of briefing files and a spy on calls."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's real config, state or cache."""
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.delenv("NO_COLOR", raising=False)


Calls = list[tuple[Any, ...]]
Spy = Callable[[object, str], Calls]


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Spy:
    """``spy(owner, "name")`` wraps ``owner.name`` for the test: each call goes through as before, and its positional
    arguments are recorded in the list returned (how tests see what work was done, or spared)."""

    def install(owner: object, name: str) -> Calls:
        real = getattr(owner, name)
        calls: Calls = []

        def recording(*args: Any, **kwargs: Any) -> Any:
            calls.append(args)
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, recording)
        return calls

    return install


@pytest.fixture
def seeds() -> Path:
    return ROOT / "seeds"


@pytest.fixture
def seed_copy(tmp_path: Path, seeds: Path) -> Callable[[str], Path]:
    """A copy of the seeds in a folder of the given name (the series' name), for tests that change files."""

    def _copy(name: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        for seed in seeds.iterdir():
            (folder / seed.name).write_bytes(seed.read_bytes())
        return folder

    return _copy


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((FIXTURES / "gold_seeds.yaml").read_text(encoding="utf-8"))
    return data


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a briefing file under tmp_path (text or bytes) and return its path."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode(encoding))
        return path

    return _write
