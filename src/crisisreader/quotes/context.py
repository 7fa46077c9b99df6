"""A briefing read in order: each quotation drafted, its speaker resolved, continued quotations given one voice,
roles settled once the text names their holders."""

from __future__ import annotations

from crisisreader.quotes.attribution import _Local
from crisisreader.quotes.book import Row
from crisisreader.quotes.marks import _Span
from crisisreader.quotes.paragraph import _Analysis
from crisisreader.quotes.people import _Draft, _Memory, _Resolved, _strip_article
from crisisreader.quotes.stance import _named_thing


class _Reader(_Memory):
    """Reads one briefing in order, as a person would: who has spoken, who "he" is, which names it has met."""

    def read(self) -> list[Row]:
        group = 0
        open_group: tuple[int, _Draft] | None = None
        drafts = self.drafts
        said = self.said
        profile = self._profile
        pending = False
        for pi in range(len(self.paragraphs)):
            analysis = self.analysis(pi)
            spans = analysis.spans
            if not spans:
                open_group = None
                continue
            numbers = analysis.span_sentence
            locals_ = analysis.locals
            for index, span in enumerate(spans):
                sentence = numbers[index]
                local = locals_[index]
                if (
                    index == 0
                    and open_group is not None
                    and open_group[0] == pi - 1
                    and not analysis.text[: span.open].strip()
                ):
                    draft = self._continued(pi, sentence, span, local, analysis, open_group[1])
                else:
                    group += 1
                    draft = self._draft(pi, sentence, span, local, analysis, group)
                if draft.pending_role:
                    pending = True
                speaker = draft.speaker
                if speaker is not None:
                    ref = len(drafts) if draft.pending_role else draft.follows
                    kind, gender = profile(speaker)
                    resolved = _Resolved(speaker, kind or "person", gender, ref)
                    entries = said.get((pi, sentence))
                    if entries is None:
                        said[(pi, sentence)] = [resolved]
                    else:
                        entries.append(resolved)
                drafts.append(draft)
            open_group = None
            if not spans[-1].closed:
                if pi + 1 < len(self.paragraphs) and self._reopens(pi + 1):
                    open_group = (pi, drafts[-1])
                else:
                    drafts[-1].truncated = True
        if pending:
            self._resolve_roles()
        for draft in drafts:
            if draft.follows >= 0:
                draft.speaker = drafts[draft.follows].speaker
        self._share_group_speakers()
        return self._rows()

    def _continued(
        self, pi: int, sentence: int, span: _Span, local: _Local, analysis: _Analysis, before: _Draft
    ) -> _Draft:
        """A quotation going on from the paragraph before: its voice, unless this part names its own speaker."""
        speaker, as_written, cue, kind = before.speaker, before.as_written, before.cue, before.kind
        if local.mode in ("speaker", "elided"):
            own = self._draft(pi, sentence, span, local, analysis, 0)
            speaker, as_written, cue = own.speaker, own.as_written, own.cue
            kind = "speech"
        draft = _Draft(pi, sentence, span, speaker, as_written, cue, kind, False, before.group)
        if local.mode not in ("speaker", "elided"):
            draft.follows = self.drafts.index(before)
        return draft

    def _reopens(self, index: int) -> bool:
        analysis = self.analysis(index)
        return bool(analysis.spans) and not analysis.text[: analysis.spans[0].open].strip()

    def _share_group_speakers(self) -> None:
        by_group: dict[int, _Draft] = {}
        for draft in self.drafts:
            if draft.speaker is not None:
                by_group.setdefault(draft.group, draft)
        for draft in self.drafts:
            source = by_group.get(draft.group)
            if draft.speaker is None and source is not None:
                draft.speaker, draft.as_written, draft.cue, draft.kind = (
                    source.speaker,
                    source.as_written,
                    source.cue,
                    "speech",
                )

    def _draft(self, pi: int, sentence: int, span: _Span, local: _Local, analysis: _Analysis, group: int) -> _Draft:
        text = analysis.text
        draft = _Draft(pi, sentence, span, None, None, local.cue, "speech", False, group)
        if local.mode == "term" or _named_thing(text, span.start, span.end):
            draft.kind = "term"
            return draft
        if local.mode in ("speaker", "elided") and local.phrase is not None:
            resolved, pending = self._resolve(local.phrase, local.role, pi, sentence)
            draft.as_written = local.phrase.text
            draft.pending_role = pending
            pronoun = local.pronoun
            if (
                local.mode == "elided"
                and pronoun is not None
                and resolved is not None
                and self._fits(pronoun.low, resolved)
            ):
                draft.as_written = pronoun.text
            if local.outer is not None and resolved is not None:
                outer, _ = self._resolve(local.outer, None, pi, sentence)
                if outer is not None and outer.name == resolved.name:
                    draft.as_written = local.outer.text
            if resolved is not None:
                draft.speaker = resolved.name
                draft.follows = resolved.ref
            if local.naming and len(text[span.start : span.end].split()) < 5:
                # The speaker called something by a name: a term of theirs, not words they said.
                draft.kind = "term"
            return draft
        if local.mode == "context":
            resolved_context = self._recent_speaker(pi, sentence, same_paragraph_only=False)
            if resolved_context is not None:
                draft.speaker = resolved_context.name
                draft.follows = resolved_context.ref
                draft.as_written = local.pronoun.text if local.pronoun is not None else resolved_context.name
            return draft
        if local.mode == "continuation":
            resolved_context = self._recent_speaker(pi, sentence, same_paragraph_only=False)
            if resolved_context is not None:
                draft.speaker = resolved_context.name
                draft.follows = resolved_context.ref
                draft.as_written = None
                return draft
        # No speaker: a sentence-long quotation is still speech, a word or two in quotation marks is a term.
        # A quotation the page cuts off (left open at its end) is no term: its words go on.
        if local.mode != "continuation" and _short(text, span) and span.closed:
            draft.kind = "term"
            draft.cue = None
        return draft

    def _resolve_roles(self) -> None:
        """A role named before anyone holding it: the holder named first after it in the briefing ("Ukraine's
        foreign minister said ... Foreign Minister Dmytro Kuleba said"), else whom earlier briefings or the
        registry know in that role."""
        registry = self.registry
        for number, draft in enumerate(self.drafts):
            role = draft.pending_role
            if role is None:
                continue
            draft.pending_role = None
            chosen = self._holder(role, draft.paragraph, draft.span.open, before=False)
            if chosen is None:
                described = self._described_before(number, role)
                if described is not None:
                    # Only this briefing's: "the official" is not that official in tomorrow's.
                    draft.speaker = described
                    continue
                chosen = registry.learnt_role(role) or registry.bundled_role(role)
            if chosen is None:
                referent = self._referent(role, draft.paragraph, draft.sentence)
                if referent is not None:
                    # Only this briefing's: "the diplomat" is not this diplomat in tomorrow's.
                    draft.speaker = referent
                    continue
            if chosen is not None:
                draft.speaker = chosen
                registry.learn_role(role, chosen)

    def _described_before(self, number: int, role: str) -> str | None:
        """ "A senior U.S. defense official said ... the official told reporters": the nearest earlier speaker
        of the briefing known only by a description that ends in the role's words."""
        words = _strip_article(role).casefold()
        for earlier in reversed(self.drafts[:number]):
            speaker = earlier.speaker
            if speaker is None or earlier.pending_role is not None or self.registry.lookup(speaker) is not None:
                continue
            if speaker.casefold().endswith(" " + words):
                return speaker
        return None

    def _rows(self) -> list[Row]:
        out: list[Row] = []
        for draft in self.drafts:
            span = draft.span
            if draft.kind == "speech":
                out.append((draft.paragraph, span.start, span.end, draft.speaker, draft.as_written, draft.cue,
                            "speech", draft.truncated, draft.group))  # fmt: skip
            else:
                # A term keeps the one who used it, where the sentence says ("NATO called them “non-starters”").
                out.append((draft.paragraph, span.start, span.end, draft.speaker, draft.as_written, draft.cue,
                            "term", draft.truncated, draft.group))  # fmt: skip
        return out


def _short(text: str, span: _Span) -> bool:
    """A word or a few in quotation marks that end no sentence: what a name or a scare quote looks like."""
    return text[span.end - 1] not in ".!?\u2026" and len(text[span.start : span.end].split()) < 5
