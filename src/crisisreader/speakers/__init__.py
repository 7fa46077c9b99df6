"""The speaker registry: one canonical name per person or body, whatever spelling, transliteration or office a
briefing uses. Bundled data, the user's own file merged over it, and names learnt from the text as it is read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path

from crisisreader.model import Problem, Speaker
from crisisreader.speakers.files import (
    SpeakerKind,
    _Entry,
    _merge,
    _parse_entries,
    _read_user_file,
    _title_words,
    bundled_data,
    user_registry_path,
)
from crisisreader.speakers.names import _PARTICLES, Normaliser, _near, _surname
from crisisreader.text import fold

__all__ = ["Normaliser", "Registry", "SpeakerKind", "bundled_data", "user_registry_path"]


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
        self._profiles: dict[str, tuple[SpeakerKind | None, str | None]] = {}
        # What the text taught, call by call: replayed on a fresh registry it gives this one's knowledge back,
        # which is how a cached analysis resumes where the last run stopped.
        self.journal: list[tuple[str, ...]] = []
        # Set by load(): what the registry was built from, so a cache made with other data is not used.
        self.fingerprint: str | None = None
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
        registry = cls(entries, Normaliser(qualifiers, synonyms), _title_words())
        source = repr((entries, sorted(qualifiers.items()), sorted(synonyms.items()), sorted(_title_words())))
        registry.fingerprint = hashlib.blake2b(source.encode(), digest_size=16).hexdigest()
        return registry, problems

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
        if " of " in office:
            # "mayor of Melitopol" is a mayor, as "Melitopol's mayor" is.
            office = office.split(" of ", 1)[0]
            keys.append(office)
        head = office.rsplit(" ", 1)[-1]
        if head != office or head not in keys:
            keys.append(head)
        return list(dict.fromkeys(keys))

    def learn_role(self, role: str, name: str) -> None:
        """The text named ``name`` in ``role``: later mentions of the role alone mean them."""
        if self._last_learnt.get(role) == name:
            return
        self.journal.append(("role", role, name))
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
        self.journal.append(("name", full_name))
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
        self._profiles.clear()
        return full_name

    def replay(self, journal: Iterable[tuple[str, ...]]) -> None:
        """Learn again what another registry built from the same data learnt (its ``journal``), in order. A
        malformed record is refused (ValueError) before anything is learnt."""
        records = list(journal)
        for record in records:
            shape = (record[:1], len(record)) if isinstance(record, tuple) else None
            if shape not in ((("name",), 2), (("role",), 3)) or not all(isinstance(part, str) for part in record):
                raise ValueError(f"not a learning record: {record!r}")
        for record in records:
            if record[0] == "name":
                self.learn(record[1])
            else:
                self.learn_role(record[1], record[2])

    # -- what the registry knows -------------------------------------------------------------------------------

    def _entry(self, name: str) -> _Entry | None:
        entry = self._by_name.get(name)  # most calls pass a canonical name
        return entry if entry is not None else self._entries.get(self._norm.key(name))

    def profile(self, name: str) -> tuple[SpeakerKind | None, str | None]:
        """A speaker's kind and gender at once: attribution asks for both of nearly every quotation's speaker."""
        found = self._profiles.get(name)
        if found is None:
            entry = self._entry(name)
            found = (entry.kind, entry.gender) if entry is not None else (None, None)
            self._profiles[name] = found
        return found

    def kind(self, name: str) -> SpeakerKind | None:
        return self.profile(name)[0]

    def gender(self, name: str) -> str | None:
        return self.profile(name)[1]

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
