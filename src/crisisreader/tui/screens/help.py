"""The keys, read from the live bindings of the screen below (so the list never drifts from what works)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from crisisreader.tui.keymap import UNBOUND, Planned, screen_keys

KeyRow = tuple[str, str, str, str]


def key_rows(screen: Screen[object], unbound: Sequence[Binding] = ()) -> list[KeyRow]:
    """One row a binding of the screen: the key as shown, what it does, its tooltip, and its id (for config);
    then the bindings the config took every key of, shown unbound."""
    seen: set[tuple[str, str]] = set()
    rows: list[KeyRow] = []
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.id:
            continue  # Textual's own (scroll left, and the like): not keys of the reader's
        description = binding.description or binding.action
        if (binding.action, description) in seen and binding.action != "":
            # "j,down" binds two keys to one action: show them on one row.
            for i, (shown, does, tip, name) in enumerate(rows):
                if does == description:
                    rows[i] = (f"{shown}, {screen.app.get_key_display(binding)}", does, tip, name)
            continue
        seen.add((binding.action, description))
        tip = active.tooltip or binding.tooltip
        rows.append((screen.app.get_key_display(binding) or key, description, tip, binding.id or ""))
    for binding in unbound:
        rows.append((UNBOUND, binding.description or binding.action, binding.tooltip, binding.id or ""))
    return rows


# Below this many columns the help leaves out the tooltips: three words a line made the list three times as long.
ROOMY = 100


def keys_table(rows: list[KeyRow], tips: bool = True) -> Table:
    table = Table(box=None, show_header=True, header_style="bold", expand=True)
    table.add_column("Key", style="bold #ffd75f", no_wrap=True)
    table.add_column("Does")
    if tips:
        table.add_column("", style="dim")
    table.add_column("Id (config keys:)", style="dim", no_wrap=True)
    for key, does, tip, name in rows:
        table.add_row(Text(key), Text(does), *([Text(tip)] if tips else []), Text(name))
    return table


class HelpScreen(ModalScreen[None], Planned):
    BINDINGS: ClassVar[list[BindingType]] = [
        *screen_keys(),
        Binding("escape,question_mark,q", "dismiss", "Close", id="help.close", tooltip="Close the help"),
    ]

    def __init__(self, below: Screen[object], unbound: Sequence[Binding] = ()) -> None:
        super().__init__()
        self.rows = key_rows(below, unbound)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Text("crisisreader: the keys", style="bold"), markup=False)
            yield Static(keys_table(self.rows, self.app.size.width >= ROOMY), id="keys")
            yield Static(
                Text(
                    "The mouse works too: click a day, a paragraph, the folded background.\n"
                    f"{self.app.get_key_display(Binding(self.app.COMMAND_PALETTE_BINDING, ''))} opens the command "
                    "palette: go to a date (Feb 7, yesterday) or a heading's words, a speaker, the diff, the theme."
                ),
                classes="dim",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = "Help"

    def on_resize(self) -> None:
        self.query_one("#keys", Static).update(keys_table(self.rows, self.size.width >= ROOMY))
