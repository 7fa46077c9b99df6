"""The keys in force: the config's ``keys:`` first, each key taken from the default binding that held it before.

Textual's keymap swaps a binding's keys by its id, but a default binding of the same key in another node of the
chain (the focused pane below the screen) would still catch the key first. So the config's keys are planned here:
a default binding that shares a context (the screens and widgets active together) with a config key loses that
key, and one left with no key at all is unbound (its action is refused, and the help shows it unbound).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from textual.actions import parse
from textual.app import App
from textual.binding import ActiveBinding, Binding
from textual.dom import DOMNode
from textual.screen import Screen

# What the help shows for a binding the config left without a key.
UNBOUND = "—"

Owned = tuple[str, Binding]
"""A binding and the name of the class that declares it."""
Target = tuple[str, str, tuple[object, ...]]
"""What an action runs on (``app``, ``screen`` or a class's name), the action's name and its parameters."""


@dataclass(frozen=True, slots=True)
class KeyPlan:
    keymap: Mapping[str, str] = field(default_factory=dict)
    """Binding id -> keys (comma-separated), for ``App.set_keymap``: the config's, and the defaults that lost keys."""
    unbound: frozenset[str] = frozenset()
    """The ids the config took every key of."""
    refused: frozenset[Target] = frozenset()
    """(target, action, parameters) of the unbound bindings whose action no other binding still offers; the
    target is ``app``, ``screen`` or the declaring class's name."""
    contexts: Mapping[str, tuple[Owned, ...]] = field(default_factory=dict)

    def refuses(self, node: DOMNode, action: str, parameters: tuple[object, ...]) -> bool:
        names = {type(node).__name__}
        if isinstance(node, App):
            names.add("app")
        if isinstance(node, Screen):
            names.add("screen")
        return any((name, action, parameters) in self.refused for name in names)

    def unbound_in(self, screen: Screen[object]) -> list[Binding]:
        """The unbound bindings of the context ``screen`` heads, each once."""
        seen: set[str] = set()
        found: list[Binding] = []
        for _owner, binding in self.contexts.get(type(screen).__name__, ()):
            if binding.id in self.unbound and binding.id not in seen:
                seen.add(binding.id)
                found.append(binding)
        return found


def key_names(keys: str) -> tuple[str, ...]:
    """Keys as Textual names them once bound: ``?`` is ``question_mark``, ``j, down`` two keys."""
    return tuple(b.key for b in Binding.make_bindings([Binding(keys, "")]))


def _target(owner: str, action: str) -> Target:
    namespace, name, parameters = parse(action)
    return (namespace or owner, name, parameters)


def plan_keys(contexts: Mapping[str, Sequence[Owned]], wanted: Mapping[str, str]) -> KeyPlan:
    """The keymap for ``wanted`` (id -> keys, as the config says) over the bindings of each context
    (a screen's name -> the bindings active with it: the screen's, its widgets', the app's).

    Textual's own bindings inside a field or a list have no id: they lose the config's keys all the same, and
    their action is refused once the last of its keys is gone (a key of several stays theirs)."""
    asked = {name: key_names(keys) for name, keys in wanted.items()}

    def name_of(owner: str, binding: Binding) -> str:
        return binding.id or f"{owner}/{binding.action}"

    keys: dict[str, tuple[str, ...]] = {}
    for owned in contexts.values():
        for owner, binding in owned:
            name = name_of(owner, binding)
            keys[name] = tuple(dict.fromkeys(keys.get(name, ()) + key_names(binding.key)))
    defaults = dict(keys)
    keys.update({name: names for name, names in asked.items() if name in keys})
    for owned in contexts.values():
        names = {name_of(owner, binding) for owner, binding in owned}
        claimed = {key for name in names & asked.keys() for key in asked[name]}
        for name in names - asked.keys():
            keys[name] = tuple(key for key in keys[name] if key not in claimed)
    ids = {binding.id for owned in contexts.values() for _owner, binding in owned if binding.id}
    keymap = {name: ",".join(keys[name]) for name in ids if keys[name] and keys[name] != defaults[name]}
    keymap.update({name: ",".join(names) for name, names in asked.items() if name in ids})
    unbound = frozenset(name for name in ids if not keys[name])
    # An action another binding still offers (q and ctrl+q both quit) stays allowed.
    targets: dict[Target, bool] = {}
    for owned in contexts.values():
        for owner, binding in owned:
            target = _target(owner, binding.action)
            targets[target] = targets.get(target, False) or bool(keys[name_of(owner, binding)])
    refused = frozenset(target for target, offered in targets.items() if not offered)
    return KeyPlan(keymap, unbound, refused, {k: tuple(v) for k, v in contexts.items()})


class Planned(DOMNode):
    """Refuses the actions the config left without a key (the last base: Textual reads CSS from the first)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        plan = getattr(self.app, "key_plan", None)
        if isinstance(plan, KeyPlan) and plan.refuses(self, action, parameters):
            return False
        return super().check_action(action, parameters)


def screen_keys() -> list[Binding]:
    """Textual's own keys of every screen, again under ids so that a config can move them too."""
    return [
        Binding("tab", "app.focus_next", "Next pane", show=False, id="focus.next", tooltip="Move to the next pane"),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Previous pane",
            show=False,
            id="focus.previous",
            tooltip="Move to the pane before",
        ),
        Binding(
            "ctrl+c,super+c",
            "screen.copy_text",
            "Copy text",
            show=False,
            id="text.copy",
            tooltip="Copy the text selected with the mouse",
        ),
    ]


def in_declared_order(bindings: Mapping[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """The active bindings in the order their nodes declare them: a keymap moves a remapped binding to the end of
    its node's list, and the footer would then drop "Next day" behind the keys a newcomer needs less."""
    nodes: dict[int, int] = {}
    for active in bindings.values():
        nodes.setdefault(id(active.node), len(nodes))

    def place(item: tuple[str, ActiveBinding]) -> tuple[int, int]:
        active = item[1]
        declared = [b.id for b in Binding.make_bindings(type(active.node).BINDINGS)]
        where = declared.index(active.binding.id) if active.binding.id in declared else len(declared)
        return (nodes[id(active.node)], where)

    return dict(sorted(bindings.items(), key=place))
