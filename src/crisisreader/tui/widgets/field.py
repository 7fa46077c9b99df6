"""The text field and the list of the modal screens: Textual's, refusing a key the config gave to another binding."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from crisisreader.tui.keymap import Planned


class Field(Input, Planned):
    """An Input whose own keys (ctrl+x cuts, ctrl+w deletes a word) give way to the config's keys."""


class Choices(OptionList, Planned):
    """An OptionList whose own keys give way to the config's keys."""
