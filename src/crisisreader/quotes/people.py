"""Who is who across a briefing: names met in full, surnames, pronouns and the holders of roles, as the
reader remembers them from one quotation to the next."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Literal, NamedTuple

from crisisreader.model import Briefing, QuoteKind
from crisisreader.quotes.fullnames import _FullNames
from crisisreader.quotes.lexicon import BODY, CAP, CUE, DET, HEAD, PART, PUNCT, _lexicon
from crisisreader.quotes.marks import _Span
from crisisreader.quotes.paragraph import _analyse, _Analysis
from crisisreader.quotes.phrases import _Phrase
from crisisreader.quotes.stance import GENERIC_BODIES, _credit, _document_owner, _headline, _kind_by_words
from crisisreader.quotes.subjects import _subject_left
from crisisreader.quotes.tokens import _low
from crisisreader.quotes.voices import _Voices
from crisisreader.speakers import Registry
from crisisreader.text import fold

_PRONOUN_KINDS: dict[str, tuple[str, ...]] = {
    "he": ("person",),
    "she": ("person",),
    "they": ("group", "body", "person"),
    "it": ("body",),
}
_LOOK_BACK_SENTENCES = 8
_ROLE_LOOK_BACK = 4  # paragraphs searched back for the holder of a role
# Bodies that are places: a village or a region is no agency, firm or group named by its kind.
_PLACES = frozenset({"village", "town", "city", "province", "region", "country", "district", "municipality"})


class _Resolved(NamedTuple):
    name: str
    kind: Literal["person", "body", "group"]
    gender: str | None = None
    ref: int = -1  # the draft whose role, still unsettled, this stands for


@dataclass(slots=True)
class _Draft:
    paragraph: int
    sentence: int
    span: _Span
    speaker: str | None
    as_written: str | None
    cue: str | None
    kind: QuoteKind
    truncated: bool
    group: int
    pending_role: str | None = None
    follows: int = -1  # the draft whose speaker this one takes once roles are settled


def _strip_article(text: str) -> str:
    for article in ("the ", "The ", "a ", "A ", "an ", "An "):
        if text.startswith(article):
            return text[len(article) :]
    return text


@lru_cache(maxsize=4096)
def _given_gender(word: str) -> str | None:
    """The gender a given name usually carries, if the lexicon knows it."""
    return _lexicon().genders.get(fold(word))


class _Memory(_FullNames, _Voices):
    """What a reader of one briefing remembers: its paragraphs analysed, who spoke where, the names met."""

    def __init__(self, briefing: Briefing, registry: Registry) -> None:
        self.briefing = briefing
        self.registry = registry
        self.paragraphs = briefing.paragraphs
        self.analyses: list[_Analysis | None] = [None] * len(self.paragraphs)
        self.said: dict[tuple[int, int], list[_Resolved]] = {}
        self.full_names: dict[str, str | None] = {}
        self.drafts: list[_Draft] = []
        self.holders: dict[int, list[tuple[int, int, str, list[str]]]] = {}
        self.bodies: dict[tuple[str, int, int], _Resolved | None] = {}  # see _body_before

    def analysis(self, index: int) -> _Analysis:
        found = self.analyses[index]
        if found is None:
            found = _analyse(self.paragraphs[index].text)
            self.analyses[index] = found
        return found

    def _named(self, phrase: _Phrase, role: _Phrase | None) -> _Resolved:
        registry = self.registry
        assert phrase.name is not None
        name = phrase.name
        canonical = registry.learn(name) if " " in name else (self._full_name(name) or name)
        if phrase.role and phrase.definite:
            registry.learn_role(phrase.role, canonical)
        if role is not None and role.definite and role.kind in ("role", "body"):
            registry.learn_role(role.text, canonical)
        acronym = name.isupper() and len(name) > 1 and " " not in name
        # "Ukraine's State Border Guard Service" is no one's name, though no registry knows it.
        last = _low(name.rsplit(None, 1)[-1])
        body = acronym or bool(_lexicon().flags.get(last, 0) & BODY)
        kind = registry.kind(canonical) or ("body" if body else "person")
        return _Resolved(canonical, kind, self._gender(canonical))

    def _nearest_named(self, names: list[str], pi: int, offset: int) -> str | None:
        """Of several people a mention may be, the one the briefing names in full nearest before it, else first
        after it."""
        best: tuple[int, int, str] | None = None
        first_after: tuple[int, int, str] | None = None
        for name in names:
            forms = [form for form in (name, *self.registry.aliases(name)) if " " in form]
            for index, paragraph in enumerate(self.paragraphs):
                for form in forms:
                    at = paragraph.text.find(form)
                    while at >= 0:
                        place = (index, at, name)
                        if (index, at) < (pi, offset):
                            best = place if best is None or place > best else best
                        elif first_after is None or place < first_after:
                            first_after = place
                        at = paragraph.text.find(form, at + 1)
        chosen = best or first_after
        return chosen[2] if chosen is not None else None

    def _sentences_back(self, pi: int, sentence: int, paragraphs: int) -> Iterable[tuple[int, int]]:
        """Sentences before (pi, sentence), nearest first, within ``paragraphs`` paragraphs back."""
        for index in range(pi, max(-1, pi - paragraphs - 1), -1):
            analysis = self.analysis(index)
            count = analysis.count
            top = sentence - 1 if index == pi else count - 1
            for s in range(top, -1, -1):
                yield index, s

    def _candidates(self, index: int, sentence: int, before: int | None = None) -> Iterable[tuple[_Resolved, bool]]:
        """Who a pronoun may stand for in a sentence, nearest speakers first, then those it mentions (those before
        offset ``before`` only), each with whether it is a sure antecedent (see :meth:`_sure`)."""
        for speaker in reversed(self.said.get((index, sentence), [])):
            yield speaker, True
        analysis = self.analysis(index)
        if _headline(analysis.text) or _credit(analysis.sentence(sentence).text):
            return
        reported = self._reported(index, sentence, before)
        if reported is not None:
            yield reported, True
        for mention in analysis.mentions(sentence):
            if mention.kind in ("pronoun", "document") or (before is not None and mention.start >= before):
                continue
            known = self.registry.lookup(mention.text) is not None
            resolved, pending = self._resolve(mention, None, index, sentence)
            if resolved is not None and pending is not None:
                # "The Russian envoy went further. “…,” he said": the envoy the registry or earlier days know.
                holder = self.registry.learnt_role(pending) or self.registry.bundled_role(pending)
                if holder is None:
                    yield resolved, False
                    continue
                resolved = _Resolved(holder, "person", self._gender(holder))
            if resolved is not None:
                yield resolved, self._sure(mention, resolved, known)

    def _reported(self, index: int, sentence: int, before: int | None) -> _Resolved | None:
        """The one a sentence reports speaking with no quotation ("Several coaches derailed, an official said."):
        the antecedent a pronoun in the next sentence most likely means, before the others it names."""
        read = self.analysis(index).sentence(sentence)
        t = read.t
        last = len(t) - 1
        while last > 0 and t.flags[last] & PUNCT:
            last -= 1
        if last < 2 or not t.flags[last] & CUE or t.flags[last] & (CAP | PART) or t.low[last] == "according":
            return None
        subject = _subject_left(t, read.text, last, 0)
        if subject is None or subject[0].kind in ("pronoun", "document"):
            return None
        at = t.index_of(subject[0].start)
        if at is not None and at >= 2 and t.flags[at - 1] & DET:
            at -= 1  # ", an official said"
        if at is None or at < 1 or t.low[at - 1] != ",":
            return None
        if before is not None and subject[0].start >= before:
            return None
        resolved, _ = self._resolve(subject[0], subject[1], index, sentence)
        return resolved

    @staticmethod
    def _sure(mention: _Phrase, resolved: _Resolved, known: bool) -> bool:
        """Whether a mention is one a pronoun surely may mean: not a lone capitalised word that no registry knows
        ("Markets fell", "the Donbas region", "Neither side") nor something indefinite ("a member of NATO"). Such
        words stand between a speaker and "He added that" in many briefings; they are taken only when no one
        else fits."""
        if mention.kind == "name":
            name = resolved.name
            return known or " " in name or name[:3].lower() in ("al-", "el-") or fold(name) in _lexicon().genders
        if mention.kind == "role":
            return mention.definite
        return True

    def _fits(self, pronoun: str, resolved: _Resolved) -> bool:
        kinds = _PRONOUN_KINDS.get(pronoun)
        if kinds is None or resolved.kind not in kinds:
            return False
        if pronoun == "they" and resolved.kind == "person":
            return False
        return not ((pronoun == "he" and resolved.gender == "f") or (pronoun == "she" and resolved.gender == "m"))

    def _pronoun(self, phrase: _Phrase, pi: int, sentence: int) -> _Resolved | None:
        """He, she, they, it: the nearest fitting speaker or subject before, this sentence first."""
        pronoun = phrase.low
        if pronoun not in _PRONOUN_KINDS:
            return None
        unsure: _Resolved | None = None
        looked = [(pi, sentence, phrase.start)] + [
            (index, s, None) for index, s in islice(self._sentences_back(pi, sentence, 3), _LOOK_BACK_SENTENCES)
        ]
        for index, s, before in looked:
            for candidate, sure in self._candidates(index, s, before):
                if self._fits(pronoun, candidate):
                    if sure:
                        return candidate
                    unsure = unsure or candidate
        return unsure

    def _referent(self, role: str, pi: int, sentence: int) -> str | None:
        """ "Sergei Lavrov met Antony Blinken. “…,” the diplomat stressed.": a role no one is known to hold means
        the person the text is about, named in this sentence or the few before (the first named in a sentence,
        its subject, before the others), when their country does not contradict the role's ("the German
        leader" is no Frenchman)."""
        registry = self.registry
        qualifier, _ = registry.split_role(role)
        looked = islice(self._sentences_back(pi, sentence + 1, 1), _LOOK_BACK_SENTENCES)
        for index, s in looked:
            for candidate, sure in self._candidates(index, s):
                named = registry.lookup(candidate.name) is not None or fold(candidate.name) in _lexicon().genders
                if not sure or candidate.kind != "person" or not named:
                    continue  # a role as written ("German leader") is no one yet
                country = registry.country(candidate.name)
                if qualifier is not None and country is not None and country != qualifier:
                    continue
                return candidate.name
        return None

    def _body_before(self, written: str, pi: int, sentence: int, generic: bool = False) -> _Resolved | None:
        """ "The Russian Defense Ministry reported … “…,” the ministry said": a body named by its kind alone (or
        its kind and a word of its name: "the Russian ministry") is the one of that kind the text named last, in
        this sentence or the few before."""
        *words, head = fold(written).replace("'s", "").split()
        wanted = " " + head
        registry = self.registry
        for index, s in islice(self._sentences_back(pi, sentence, 1), _LOOK_BACK_SENTENCES):
            for candidate, sure in self._candidates(index, s):
                if not sure or candidate.kind != "body":
                    continue
                # By its name, or by what the registry also calls it ("the Western alliance", "gas company").
                forms = (candidate.name, *registry.aliases(candidate.name), *registry.roles_of(candidate.name))
                for form in forms:
                    folded = " " + fold(form).replace("'s", "") + " "
                    whole = folded.rstrip()
                    if whole.endswith(wanted) and whole != wanted and all(f" {w} " in folded for w in words):
                        return candidate
        if generic and head in GENERIC_BODIES:
            for index, s in islice(self._sentences_back(pi, sentence, 1), _LOOK_BACK_SENTENCES):
                for candidate, sure in self._candidates(index, s):
                    if not sure or candidate.kind != "body" or fold(candidate.name) == head:
                        continue
                    if fold(candidate.name).split()[-1] in _PLACES and head not in _PLACES:
                        continue  # "A remote village was wiped out. “…,” the agency said": a place says nothing
                    return candidate
        return None

    def _holders_in(self, index: int) -> list[tuple[int, int, str, list[str]]]:
        """The people a paragraph names with the keys of their roles, as the text gives them ("Foreign Minister
        Dmytro Kuleba") and as the registry knows them ("Zakharova": Russian Foreign Ministry spokesperson)."""
        found = self.holders.get(index)
        if found is not None:
            return found
        registry = self.registry
        found = []
        analysis = self.analysis(index)
        for s in range(0 if _headline(analysis.text) else analysis.count):
            for mention in analysis.mentions(s):
                if mention.kind != "name" or not mention.name:
                    continue
                canonical = registry.lookup(mention.text)
                if canonical is None and " " in mention.name:
                    canonical = registry.learn(mention.name)
                if canonical is None:
                    continue
                keys: list[str] = []
                if mention.role:
                    keys += registry.role_keys(mention.role, canonical)
                for known_role in registry.roles_of(canonical):
                    keys += registry.role_keys(known_role, canonical)
                if keys:
                    found.append((index, analysis.offset(s, mention.start), canonical, keys))
        found.sort(key=lambda h: h[1])
        self.holders[index] = found
        return found

    def _holder(self, role: str, pi: int, offset: int, before: bool) -> str | None:
        """The person the briefing names in ``role`` nearest before (or first after) a place in it."""
        registry = self.registry
        wanted = registry.role_keys(role)
        if not wanted:
            return None
        qualifier, office = registry.split_role(role)

        def holds(keys: list[str], name: str) -> bool:
            if wanted[0] in keys:
                return True
            return qualifier is not None and office in keys and registry.country(name) is None

        if before:
            for index in range(pi, max(-1, pi - _ROLE_LOOK_BACK - 1), -1):
                for at_index, start, name, keys in reversed(self._holders_in(index)):
                    if (at_index, start) < (pi, offset) and holds(keys, name):
                        return name
            return None
        for index in range(pi, len(self.paragraphs)):
            for at_index, start, name, keys in self._holders_in(index):
                if (at_index, start) > (pi, offset) and holds(keys, name):
                    return name
        return None

    def _profile(self, name: str) -> tuple[Literal["person", "body", "group"] | None, str | None]:
        """A speaker's kind and gender as the registry knows them; the gender of someone it does not know read off
        their given name ("Olena", "Andriy"), and the kind of one it does not know off a description's last word."""
        known, gender = self.registry.profile(name)
        kind: Literal["person", "body", "group"] | None = known or _kind_by_words(name)
        if gender is None and kind in (None, "person") and name:
            gender = _given_gender(name.split(None, 1)[0])
        return kind, gender

    def _gender(self, name: str) -> str | None:
        return self._profile(name)[1]

    def _kind_of(self, name: str) -> Literal["person", "body", "group"]:
        kind = self.registry.kind(name)
        return kind if kind is not None else "person"

    def _resolve(
        self, phrase: _Phrase, role: _Phrase | None, pi: int, sentence: int
    ) -> tuple[_Resolved | None, str | None]:
        """The canonical speaker of a phrase as written, and the role to look for later in the briefing when the
        phrase names only a role no one has held yet."""
        registry = self.registry
        if phrase.kind == "pronoun":
            return self._pronoun(phrase, pi, sentence), None
        if phrase.kind == "compound":
            return _Resolved(_strip_article(phrase.text), "group"), None
        if phrase.kind == "document":
            owner = _document_owner(phrase.text)  # "The RSF's statement said"; "The statement added": the voice before
            if owner is not None:
                return _Resolved(registry.lookup(owner) or owner, self._profile(owner)[0] or "body"), None
            voice = self._recent_speaker(pi, sentence, same_paragraph_only=False, back=2)
            if voice is None:
                # "“…,” the report read": with no voice before it, the document speaks for itself.
                return _Resolved(_strip_article(phrase.text), "body"), None
            return voice, None
        known = registry.lookup(phrase.text)
        if known is not None:
            known_kind, gender = self._profile(known)
            kind = known_kind or "person"
            if kind == "person" and phrase.role and phrase.definite:
                registry.learn_role(phrase.role, known)
            elif role is not None and role.kind in ("role", "body") and role.definite:
                registry.learn_role(role.text, known)
            elif kind == "body" and phrase.role:
                registry.learn_role(phrase.text, known)
            return _Resolved(known, kind, gender), None
        candidates = registry.candidates(phrase.name or phrase.text)
        if candidates:
            chosen = self._nearest_named(candidates, pi, self.analysis(pi).offset(sentence, phrase.start))
            if chosen is not None:
                return _Resolved(chosen, self._kind_of(chosen), self._gender(chosen)), None
        if phrase.kind == "name" and phrase.name is not None:
            return self._named(phrase, role), None
        written = _strip_article(phrase.text)
        if not phrase.definite:
            # "a news agency" is no one "he" means
            undefined: Literal["person", "body", "group"] = "person"
            if phrase.kind in ("group", "body"):
                undefined = "group" if phrase.kind == "group" else "body"
            return _Resolved(written, undefined), None
        if phrase.kind == "role" and (_owned_by_a_name(phrase.text) or _unnamed_role(phrase.text)):
            # "Prime Minister Ana Ruiz's deputy spokesperson" is someone unnamed, no holder of the owner's role.
            return _Resolved(written, "person"), None
        if phrase.kind == "role":
            # A holder of the role named before in this briefing settles it now; else it waits for the whole
            # briefing to be read: a holder named later, or the one earlier briefings or the registry know.
            holder = self._holder(phrase.text, pi, self.analysis(pi).offset(sentence, phrase.start), before=True)
            if holder is not None:
                registry.learn_role(phrase.text, holder)
                return _Resolved(holder, "person", self._gender(holder)), None
            return _Resolved(written, "person"), phrase.text
        body_kind: Literal["body", "group"] = "body" if phrase.kind == "body" else "group"
        if body_kind == "body" and not phrase.name:
            # "the (credit rating) firm" means one named before, "a group (claiming ...)" no one
            before = self.analysis(pi).sentence(sentence).text[: phrase.start].lower().split()[-3:]
            generic = phrase.text[:4].lower() == "the " or ("the" in before and not {"a", "an"} & set(before))
            if any((len(w) > 1 and w.isupper()) or (n and w[:1].isupper()) for n, w in enumerate(phrase.text.split())):
                generic = False  # "the state's TASS news agency", "The Islamic State group" name themselves
            key = (written, pi, sentence)
            named = (
                self.bodies[key]
                if key in self.bodies
                else self.bodies.setdefault(key, self._body_before(written, pi, sentence, generic))
            )
            if named is not None:
                return named, None
        learnt = registry.learnt_role(phrase.text)
        if learnt is not None:
            # A body learnt from the text ("the news") is no one the registry knows: it stays a body, not a person.
            learnt_kind: Literal["person", "body", "group"] = registry.kind(learnt) or (
                body_kind if phrase.kind in ("body", "group") else "person"
            )
            return _Resolved(learnt, learnt_kind, self._gender(learnt)), None
        if body_kind == "body" and phrase.role:
            registry.learn_role(phrase.text, written)
        return _Resolved(written, body_kind), None


def _owned_by_a_name(written: str) -> bool:
    """Whether a role is owned by a person named with a title: "Prime Minister Ana Ruiz's deputy spokesperson", not
    "Ukraine's foreign minister" (whose holder may be named later)."""
    words = written.replace("\u2019", "'").split()
    flags = _lexicon().flags
    for i, word in enumerate(words):
        if word.endswith("'s") and word[:1].isupper() and i + 1 < len(words):
            titled = any(flags.get(_low(w), 0) & HEAD for w in words[:i])
            return titled and i >= 1 and words[i - 1][:1].isupper()
    return False


# Roles no office holder fills: "the source said" is the source quoted before, no one the text names.
_UNNAMED_ROLES = frozenset(
    {"source", "witness", "eyewitness", "resident", "protester", "protestor", "demonstrator", "villager", "passenger"}
    | {"evacuee", "bystander", "survivor"}
)


def _unnamed_role(written: str) -> bool:
    words = fold(written).split()
    return bool(words) and words[-1] in _UNNAMED_ROLES
