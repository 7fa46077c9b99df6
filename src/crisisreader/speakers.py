"""The speaker registry: one canonical name per person or body, whatever spelling, transliteration or office a
briefing uses. Bundled data, the user's own file merged over it, and names learnt from the text as it is read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from crisisreader.model import Problem, Speaker
from crisisreader.text import fold

SpeakerKind = Literal["person", "body"]

_ACRONYM = re.compile(r"^(?:[a-z]\.)+[a-z]?\.?$")
_EDGE_PUNCT = "\"'()[]{},;:!?"
_ENTRY_KEYS = frozenset({"name", "aliases", "roles", "kind", "gender", "country"})


def user_registry_path() -> Path:
    """``$XDG_CONFIG_HOME/crisisreader/speakers.yaml``, ``~/.config`` when the variable is unset or relative."""
    base = os.environ.get("XDG_CONFIG_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".config"
    return root / "crisisreader" / "speakers.yaml"


@cache
def bundled_data(name: str) -> Any:
    """A YAML file of the package's ``data/`` folder, parsed once."""
    text = (resources.files("crisisreader") / "data" / name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@dataclass(slots=True)
class _Entry:
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    kind: SpeakerKind = "person"
    gender: str | None = None
    country: str | None = None
    learnt: bool = False


class Normaliser:
    """The form names and roles are compared in: folded, hyphens as spaces, acronyms without periods, one
    spelling per qualifier and office ("Ukraine's" and "Ukrainian", "spokesman" and "spokesperson"), a trailing
    "of Ukraine" moved before the office, no leading article."""

    def __init__(self, qualifiers: Mapping[str, Iterable[str]], synonyms: Mapping[str, str]) -> None:
        self.words: dict[str, str] = {}
        phrases: dict[str, str] = {}
        for normal, variants in qualifiers.items():
            normal_key = self._clean(normal)
            for variant in [normal, *variants]:
                cleaned = self._clean(variant)
                if cleaned == normal_key:
                    continue
                (phrases if " " in cleaned else self.words)[cleaned] = normal_key
        for variant, normal in synonyms.items():
            cleaned, normal_key = self._clean(variant), self._clean(normal)
            if cleaned != normal_key:
                (phrases if " " in cleaned else self.words)[cleaned] = normal_key
        self.qualifiers = frozenset(self._clean(q) for q in qualifiers)
        self._phrases = phrases
        self._phrase_re = (
            re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")\b")
            if phrases
            else None
        )
        alternatives = "|".join(re.escape(q) for q in sorted(self.qualifiers, key=len, reverse=True))
        self._of_rule = re.compile(rf"^(.+?) (?:of|to|for) (?:the )?({alternatives})$") if alternatives else None
        self._cache: dict[str, str] = {}

    @staticmethod
    def _clean(text: str) -> str:
        tokens = []
        for raw in fold(text).replace("-", " ").split():
            token = raw.strip(_EDGE_PUNCT)
            if not token:
                continue
            if _ACRONYM.match(token):
                token = token.replace(".", "")
            elif token.endswith(".") and not token.endswith("'s."):
                token = token.rstrip(".")
            tokens.append(token)
        return " ".join(tokens)

    def key(self, text: str) -> str:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        cleaned = self._clean(text)
        if self._phrase_re is not None and " " in cleaned:
            cleaned = self._phrase_re.sub(lambda m: self._phrases[m.group()], cleaned)
        words = [self.words.get(token, token) for token in cleaned.split()]
        while words and words[0] in ("the", "a", "an"):
            words.pop(0)
        result = " ".join(words)
        if self._of_rule is not None and " " in result:
            match = self._of_rule.match(result)
            if match is not None:
                result = f"{match.group(2)} {match.group(1)}"
        if len(self._cache) < 100_000:
            self._cache[text] = result
        return result

    def is_qualifier(self, key: str) -> bool:
        return key in self.qualifiers


_PARTICLES = frozenset(
    {"von", "van", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "la", "le", "al", "el", "bin", "ibn"}
)


def _surname(name: str) -> str | None:
    """The last name of a person's name with its particles: "von der Leyen", "Thomas-Greenfield"."""
    parts = name.split()
    if len(parts) < 2:
        return None
    start = len(parts) - 1
    while start > 1 and parts[start - 1].lower() in _PARTICLES:
        start -= 1
    return " ".join(parts[start:])


@cache
def _near(a: str, b: str) -> bool:
    """Two spellings of one given name: equal, an initial of the other, or a transliteration two edits apart."""
    if a == b:
        return True
    if a[0] != b[0]:
        return False
    if len(a) == 1 or len(b) == 1:
        return True
    if abs(len(a) - len(b)) > 2:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1] <= 2


class Registry:
    """Who is who: canonical names, their aliases and roles, and what the text has taught so far.

    Lookups are dictionary look-ups of normalised keys, never a scan of the registry: attribution calls them for
    every quotation of a corpus.
    """

    def __init__(self, entries: Iterable[_Entry], normaliser: Normaliser, title_words: frozenset[str]) -> None:
        self._norm = normaliser
        self._titles = title_words
        self._entries: dict[str, _Entry] = {}
        self._by_name: dict[str, _Entry] = {}
        self._alias: dict[str, str | None] = {}
        self._ambiguous: dict[str, list[str]] = {}
        self._surnames: dict[str, str | None] = {}
        self._given: dict[str, set[str]] = {}
        self._roles: dict[str, str | None] = {}
        self._learnt_alias: dict[str, str] = {}
        self._learnt_roles: dict[str, str] = {}
        self._last_learnt: dict[str, str] = {}
        self._static: dict[str, str | None] = {}
        self._forms: dict[str, tuple[str, ...]] = {}
        for entry in entries:
            self._index(entry)

    # -- building ----------------------------------------------------------------------------------------------

    @classmethod
    def load(cls, user_path: Path | None = None) -> tuple[Registry, list[Problem]]:
        """The bundled registry with the user's file merged over it; a missing user file is fine, a bad one is a
        problem naming file and line, and the bundled registry is still used."""
        problems: list[Problem] = []
        data = bundled_data("speakers.yaml")
        bundled_path = "crisisreader/data/speakers.yaml"
        entries = _parse_entries(data.get("speakers", []), bundled_path, [], problems)
        if problems:
            raise RuntimeError("; ".join(str(p) for p in problems))
        qualifiers: dict[str, list[str]] = {k: list(v) for k, v in data.get("qualifiers", {}).items()}
        synonyms: dict[str, str] = dict(data.get("synonyms", {}))
        path = user_path if user_path is not None else user_registry_path()
        user = _read_user_file(path, problems)
        if user is not None:
            user_entries, user_qualifiers, user_synonyms = user
            for normal, variants in user_qualifiers.items():
                qualifiers.setdefault(normal, []).extend(variants)
            synonyms.update(user_synonyms)
            entries = _merge(entries, user_entries)
        return cls(entries, Normaliser(qualifiers, synonyms), _title_words()), problems

    def _index(self, entry: _Entry) -> None:
        if entry.country:
            entry.country = self._norm.key(entry.country)
        key = self._norm.key(entry.name)
        self._entries[key] = entry
        self._by_name[entry.name] = entry
        self._alias[key] = entry.name
        self._ambiguous.pop(key, None)
        for alias in entry.aliases:
            alias_key = self._norm.key(alias)
            owner = self._entries.get(alias_key)
            if owner is not None and owner is not entry:
                continue  # a canonical name stays its own
            self._share(self._alias, alias_key, entry.name)
        if entry.kind == "person":
            given = self._given.setdefault(entry.name, set())
            for form in [entry.name, *entry.aliases]:
                parts = form.split()
                if len(parts) >= 2 and parts[0].lower() not in _PARTICLES:
                    given.add(self._norm.key(parts[0]))
                surname = _surname(form)
                if surname is not None:
                    self._share(self._surnames, self._norm.key(surname), entry.name)
        for role in entry.roles:
            role_key = self._norm.key(role)
            other = self._roles.get(role_key, entry.name)
            self._roles[role_key] = entry.name if other == entry.name else None

    def _share(self, table: dict[str, str | None], key: str, name: str) -> None:
        """One more name for ``key``: two people sharing a surname or an alias make it ambiguous (None), to be
        settled by the text ("Wang" after "Wang Wenbin")."""
        if key not in table:
            table[key] = name
            return
        current = table[key]
        if current == name:
            return
        names = self._ambiguous.setdefault(key, [current] if current is not None else [])
        if name not in names:
            names.append(name)
        table[key] = None

    def candidates(self, as_written: str) -> list[str]:
        """The people an ambiguous mention may be ("Wang": Wang Yi or Wang Wenbin), or none."""
        return list(self._ambiguous.get(self._norm.key(as_written), ()))

    def roles_of(self, name: str) -> tuple[str, ...]:
        entry = self._entry(name)
        return tuple(entry.roles) if entry is not None else ()

    # -- names -------------------------------------------------------------------------------------------------

    def key(self, text: str) -> str:
        """The normalised form names and roles are compared in."""
        return self._norm.key(text)

    def is_qualifier(self, word: str) -> bool:
        """Whether a word names a country or an institution before an office: "Ukrainian", "Kremlin"."""
        return self._norm.is_qualifier(self._norm.key(word))

    def lookup(self, as_written: str) -> str | None:
        """The canonical name of a mention by name (not by role): "Peskov", "Kremlin spokesman Dmitry Peskov"."""
        key = self._norm.key(as_written)
        if not key:
            return None
        if key in self._static:
            found = self._static[key]
        else:
            found = self._match(key, self._alias, self._surnames)
            self._static[key] = found
        if found is None and self._learnt_alias:
            found = self._match(key, self._learnt_alias, {})
        return found

    def _match(self, key: str, names: Mapping[str, str | None], surnames: Mapping[str, str | None]) -> str | None:
        found = names.get(key) or surnames.get(key)
        if found is not None:
            return found
        if " and " in f" {key} " or "&" in key:
            return None
        tokens = key.split()
        # A title or a qualifier may come before a person's name ("Kremlin spokesman Dmitry Peskov"); a given name
        # must fit the person's ("Hunter Biden" is not Joe Biden).
        for i in range(1, len(tokens)):
            suffix = " ".join(tokens[i:])
            name = names.get(suffix) or surnames.get(suffix)
            if name is None:
                continue
            entry = self._entries.get(self._norm.key(name))
            if entry is None or entry.kind != "person":
                return None
            before = tokens[i - 1]
            if self._fits_before(before, name):
                return name
            return None
        return None

    def _fits_before(self, word: str, name: str) -> bool:
        if word in self._titles or self._norm.is_qualifier(word) or word.endswith("'s"):
            return True
        return any(_near(word, given) for given in self._given.get(name, ()))

    def canonical(self, as_written: str) -> str | None:
        """The canonical name for a mention, by name or by role, or None when unknown."""
        return self.lookup(as_written) or self.learnt_role(as_written) or self.bundled_role(as_written)

    # -- roles -------------------------------------------------------------------------------------------------

    def learnt_role(self, role: str) -> str | None:
        """Who the text has named in this role most recently ("Foreign Minister Dmytro Kuleba" -> "foreign
        minister")."""
        if not self._learnt_roles:
            return None
        return self._learnt_roles.get(self._norm.key(role))

    def bundled_role(self, role: str) -> str | None:
        """Who holds a role by the registry, when one person alone does: "Ukraine's foreign minister"."""
        return self._roles.get(self._norm.key(role))

    def split_role(self, role: str) -> tuple[str | None, str]:
        """A role's qualifier (a country or an institution, normalised) and its office: "Ukraine's foreign
        minister" -> ("ukrainian", "foreign minister")."""
        words = self._norm.key(role).split()
        qualifier: list[str] = []
        while len(words) > 1 and self._norm.is_qualifier(words[0]):
            qualifier.append(words.pop(0))
        return (" ".join(qualifier) or None), " ".join(words)

    def role_keys(self, role: str, name: str | None = None) -> list[str]:
        """The keys a role is known by: with its qualifier, without it, with the person's country, and its last
        word alone ("minister")."""
        qualifier, office = self.split_role(role)
        if not office:
            return []
        keys = [f"{qualifier} {office}" if qualifier else office]
        if qualifier:
            keys.append(office)
        entry = self._entries.get(self._norm.key(name)) if name else None
        if entry is not None and entry.country and not qualifier:
            keys.append(f"{entry.country} {office}")
        head = office.rsplit(" ", 1)[-1]
        if head != office:
            keys.append(head)
        return keys

    def learn_role(self, role: str, name: str) -> None:
        """The text named ``name`` in ``role``: later mentions of the role alone mean them."""
        if self._last_learnt.get(role) == name:
            return
        self._last_learnt[role] = name
        for key in self.role_keys(role, name):
            self._learnt_roles[key] = name
        entry = self._entries.get(self._norm.key(name))
        if entry is not None and entry.learnt and role not in entry.roles:
            entry.roles.append(role)

    # -- learning ----------------------------------------------------------------------------------------------

    def learn(self, full_name: str) -> str:
        """A person's full name read in the text: their surname means them from now on. Returns the canonical
        name (the registry's, when it already knows them)."""
        known = self.lookup(full_name)
        if known is not None:
            return known
        surname = _surname(full_name)
        entry = _Entry(full_name, [surname] if surname else [], [], "person", None, None, learnt=True)
        key = self._norm.key(full_name)
        self._entries[key] = entry
        self._by_name[full_name] = entry
        self._learnt_alias[key] = full_name
        given = self._given.setdefault(full_name, set())
        parts = full_name.split()
        given.add(self._norm.key(parts[0]))
        if surname is not None:
            self._learnt_alias[self._norm.key(surname)] = full_name
        self._forms.pop(full_name, None)
        return full_name

    # -- what the registry knows -------------------------------------------------------------------------------

    def _entry(self, name: str) -> _Entry | None:
        entry = self._by_name.get(name)  # most calls pass a canonical name
        return entry if entry is not None else self._entries.get(self._norm.key(name))

    def kind(self, name: str) -> SpeakerKind | None:
        entry = self._entry(name)
        return entry.kind if entry is not None else None

    def gender(self, name: str) -> str | None:
        entry = self._entry(name)
        return entry.gender if entry is not None else None

    def country(self, name: str) -> str | None:
        entry = self._entry(name)
        return entry.country if entry is not None else None

    def speakers(self) -> list[Speaker]:
        return [Speaker(e.name, tuple(e.aliases), tuple(e.roles), e.kind) for e in self._entries.values()]

    def aliases(self, name: str) -> tuple[str, ...]:
        entry = self._entry(name)
        return tuple(entry.aliases) if entry is not None else ()

    def role(self, name: str) -> str | None:
        """The first role of a person or body, e.g. "Kremlin spokesman"."""
        entry = self._entry(name)
        return entry.roles[0] if entry is not None and entry.roles else None

    def matches(self, query: str, name: str) -> bool:
        """Whether a query names this speaker: any part of the canonical name or of an alias, case- and
        accent-insensitive ("peskov", "zelensky", "MACRON"), or any spelling the registry resolves to them."""
        wanted = fold(query).replace("-", " ")
        if not wanted:
            return True
        forms = self._forms.get(name)
        if forms is None:
            entry = self._entry(name)
            every = [name, *(entry.aliases if entry is not None else ())]
            forms = tuple(fold(form).replace("-", " ") for form in every)
            self._forms[name] = forms
        if any(wanted in form for form in forms):
            return True
        found = self.canonical(query)
        return found is not None and fold(found) == fold(name)


# -- reading registry files ------------------------------------------------------------------------------------


@cache
def _title_words() -> frozenset[str]:
    cues = bundled_data("cues.yaml")
    words = {fold(str(w)).replace("-", " ").rstrip(".") for w in [*cues["role_heads"], *cues["role_modifiers"]]}
    return frozenset(words)


def _merge(bundled: list[_Entry], user: list[_Entry]) -> list[_Entry]:
    """User entries override bundled ones of the same name: their aliases and roles first, their fields kept."""
    by_name = {fold(e.name): e for e in bundled}
    for entry in user:
        old = by_name.get(fold(entry.name))
        if old is None:
            by_name[fold(entry.name)] = entry
            continue
        old.aliases = _unique([*entry.aliases, *old.aliases])
        old.roles = _unique([*entry.roles, *old.roles])
        old.kind = entry.kind
        old.gender = entry.gender or old.gender
        old.country = entry.country or old.country
    return list(by_name.values())


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(fold(item), item)
    return list(seen.values())


def _read_user_file(
    path: Path, problems: list[Problem]
) -> tuple[list[_Entry], dict[str, list[str]], dict[str, str]] | None:
    if not path.exists():
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        problems.append(Problem(str(path), line, "speaker registry is not UTF-8: ignored"))
        return None
    except OSError as error:
        problems.append(Problem(str(path), 0, f"cannot read speaker registry: {error.strerror or error}"))
        return None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        what = getattr(error, "problem", None) or str(error)
        problems.append(Problem(str(path), line, f"speaker registry is not valid YAML ({what}): ignored"))
        return None
    if data is None:
        return [], {}, {}
    if isinstance(data, list):
        items: Any = data
        qualifiers_data: Any = {}
        synonyms_data: Any = {}
    elif isinstance(data, dict) and isinstance(data.get("speakers", []), list):
        items = data.get("speakers") or []
        qualifiers_data = data.get("qualifiers") or {}
        synonyms_data = data.get("synonyms") or {}
        for key in data:
            if key not in ("speakers", "qualifiers", "synonyms"):
                problems.append(
                    Problem(str(path), _key_line(text, str(key)), f"unknown key {key!r} ignored", "warning")
                )
    else:
        problems.append(
            Problem(str(path), 1, "speaker registry must be a mapping with a 'speakers' list (or a list): ignored")
        )
        return None
    entries = _parse_entries(items, str(path), _item_lines(text), problems)
    qualifiers: dict[str, list[str]] = {}
    if isinstance(qualifiers_data, dict):
        for normal, variants in qualifiers_data.items():
            if isinstance(variants, list) and all(isinstance(v, str) for v in variants):
                qualifiers[str(normal)] = list(variants)
            else:
                problems.append(Problem(str(path), _key_line(text, str(normal)), "qualifier forms must be a list"))
    else:
        problems.append(Problem(str(path), _key_line(text, "qualifiers"), "'qualifiers' must be a mapping"))
    synonyms: dict[str, str] = {}
    if isinstance(synonyms_data, dict):
        synonyms = {str(k): str(v) for k, v in synonyms_data.items() if isinstance(v, str)}
    else:
        problems.append(Problem(str(path), _key_line(text, "synonyms"), "'synonyms' must be a mapping"))
    return entries, qualifiers, synonyms


def _item_lines(text: str) -> list[int]:
    """The 1-based line of each speaker entry, for problems (safe_load keeps no positions; the safe composer
    does)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if isinstance(root, yaml.MappingNode):
        for key_node, value_node in root.value:
            if getattr(key_node, "value", None) == "speakers" and isinstance(value_node, yaml.SequenceNode):
                return [item.start_mark.line + 1 for item in value_node.value]
        return []
    if isinstance(root, yaml.SequenceNode):
        return [item.start_mark.line + 1 for item in root.value]
    return []


def _key_line(text: str, key: str) -> int:
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*:", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match is not None else 1


def _strings(value: Any) -> list[str] | None:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return [str(v) for v in value]
    return None


def _parse_entries(items: Any, path: str, lines: list[int], problems: list[Problem]) -> list[_Entry]:
    entries: list[_Entry] = []
    if not isinstance(items, list):
        problems.append(Problem(path, 1, "'speakers' must be a list of entries"))
        return entries
    for number, item in enumerate(items):
        line = lines[number] if number < len(lines) else 1
        if not isinstance(item, dict):
            problems.append(Problem(path, line, "a speaker entry must be a mapping with a 'name': entry ignored"))
            continue
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(Problem(path, line, "speaker entry has no 'name': entry ignored"))
            continue
        aliases, roles = _strings(item.get("aliases")), _strings(item.get("roles"))
        if aliases is None or roles is None:
            problems.append(Problem(path, line, f"{name}: 'aliases' and 'roles' must be lists of text: entry ignored"))
            continue
        kind = item.get("kind", "person")
        if kind not in ("person", "body"):
            problems.append(Problem(path, line, f"{name}: 'kind' must be 'person' or 'body': entry ignored"))
            continue
        gender = item.get("gender")
        if gender is not None and gender not in ("m", "f"):
            problems.append(Problem(path, line, f"{name}: 'gender' must be 'm' or 'f': ignored", "warning"))
            gender = None
        country = item.get("country")
        for key in item:
            if key not in _ENTRY_KEYS:
                problems.append(Problem(path, line, f"{name}: unknown key {key!r} ignored", "warning"))
        entries.append(
            _Entry(
                " ".join(name.split()),
                [a for a in aliases if a.strip()],
                [r for r in roles if r.strip()],
                "body" if kind == "body" else "person",
                gender,
                str(country) if country else None,
            )
        )
    return entries
