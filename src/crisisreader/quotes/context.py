"""A briefing read in order: each quotation drafted, its speaker resolved, continued quotations given one voice,
roles settled once the text names their holders."""

from __future__ import annotations

from crisisreader.model import Paragraph, Quote
from crisisreader.quotes.marks import _Span
from crisisreader.quotes.paragraph import _Analysis
from crisisreader.quotes.people import _Draft, _Memory, _Resolved
from crisisreader.quotes.speaker import _Local


class _Reader(_Memory):
    """Reads one briefing in order, as a person would: who has spoken, who "he" is, which names it has met."""

    def read(self) -> list[Quote]:
        group = 0
        open_group: tuple[int, _Draft] | None = None
        for pi in range(len(self.paragraphs)):
            analysis = self.analysis(pi)
            if not analysis.spans:
                open_group = None
                continue
            for index, span in enumerate(analysis.spans):
                sentence = analysis.span_sentence[index]
                local = analysis.locals[index]
                continued = (
                    open_group is not None
                    and index == 0
                    and open_group[0] == pi - 1
                    and not analysis.masked[: span.open].strip()
                )
                if continued and open_group is not None:
                    part_group = open_group[1].group
                    speaker, as_written, cue, kind = (
                        open_group[1].speaker,
                        open_group[1].as_written,
                        open_group[1].cue,
                        open_group[1].kind,
                    )
                    if local.mode in ("speaker", "elided"):
                        draft_speaker = self._draft(pi, sentence, span, local, analysis)
                        speaker, as_written, cue = draft_speaker.speaker, draft_speaker.as_written, draft_speaker.cue
                        kind = "speech"
                    draft = _Draft(pi, sentence, span, speaker, as_written, cue, kind, False, part_group)
                    if local.mode not in ("speaker", "elided"):
                        draft.follows = self.drafts.index(open_group[1])
                else:
                    group += 1
                    draft = self._draft(pi, sentence, span, local, analysis)
                    draft.group = group
                if draft.speaker is not None:
                    ref = len(self.drafts) if draft.pending_role else draft.follows
                    kind_of = self._kind_of(draft.speaker)
                    resolved = _Resolved(draft.speaker, kind_of, self.registry.gender(draft.speaker), ref)
                    self.said.setdefault((pi, sentence), []).append(resolved)
                self.drafts.append(draft)
            last = analysis.spans[-1]
            open_group = None
            if not last.closed:
                following = pi + 1 < len(self.paragraphs) and self._reopens(pi + 1)
                if following:
                    open_group = (pi, self.drafts[-1])
                else:
                    self.drafts[-1].truncated = True
        if any(d.pending_role for d in self.drafts):
            self._resolve_roles()
        for draft in self.drafts:
            if draft.follows >= 0:
                draft.speaker = self.drafts[draft.follows].speaker
        self._share_group_speakers()
        return [self._quote(d) for d in self.drafts]

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

    def _draft(self, pi: int, sentence: int, span: _Span, local: _Local, analysis: _Analysis) -> _Draft:
        text = analysis.text
        words = len(text[span.start : span.end].split())
        draft = _Draft(pi, sentence, span, None, None, local.cue, "speech", False, 0)
        if local.mode == "term":
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
        last = text[span.end - 1]
        if local.mode != "continuation" and words < 5 and last not in ".!?\u2026":
            draft.kind = "term"
            draft.cue = None
        return draft

    def _resolve_roles(self) -> None:
        """A role named before anyone holding it: the holder named first after it in the briefing ("Ukraine's
        foreign minister said ... Foreign Minister Dmytro Kuleba said"), else whom earlier briefings or the
        registry know in that role."""
        registry = self.registry
        for draft in self.drafts:
            role = draft.pending_role
            if role is None:
                continue
            chosen = self._holder(role, draft.paragraph, draft.span.open, before=False)
            if chosen is None:
                chosen = registry.learnt_role(role) or registry.bundled_role(role)
            if chosen is not None:
                draft.speaker = chosen
                registry.learn_role(role, chosen)
            draft.pending_role = None

    def _quote(self, draft: _Draft) -> Quote:
        paragraph: Paragraph = self.paragraphs[draft.paragraph]
        text = paragraph.text
        span = draft.span
        return Quote(
            paragraph=paragraph.id,
            series=self.briefing.series,
            date=self.briefing.date,
            path=self.briefing.path,
            section=paragraph.section,
            text=text[span.start : span.end],
            start=span.start,
            end=span.end,
            speaker=draft.speaker if draft.kind == "speech" else None,
            as_written=draft.as_written if draft.kind == "speech" else None,
            cue=draft.cue if draft.kind == "speech" else None,
            kind=draft.kind,
            truncated=draft.truncated,
            group=draft.group,
        )
