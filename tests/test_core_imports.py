"""The core never imports Textual or Rich; the command line imports Textual only to open the reader."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "model",
    "counts",
    "dates",
    "text",
    "parse",
    "load",
    "quotes",
    "speakers",
    "diff",
    "search",
    "analysis",
    "export",
    "sources.intake",
    "sources.subscriptions",
    "sources.commands",
]


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(out.stdout.split())


def test_core_imports_neither_textual_nor_rich() -> None:
    modules = _modules_after("; ".join(f"import crisisreader.{name}" for name in CORE))
    assert not {m for m in modules if m.split(".")[0] in ("textual", "rich")}


def test_scripted_commands_do_not_import_textual() -> None:
    code = (
        "import contextlib, io\nfrom crisisreader.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['days', '--json']); main(['quotes', '--json']); main(['diff', '--json'])"
    )
    modules = _modules_after(code)
    assert not {m for m in modules if m.split(".")[0] == "textual"}
