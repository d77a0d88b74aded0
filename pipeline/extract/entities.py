"""Entities: gazetteer names (spaCy PhraseMatcher), English glosses in brackets, Thai CRF names,
and the issuing bodies.

The PhraseMatcher tokenises every name with the document's own tokenizer, so a name matches when
it is a run of whole tokens. Names of every language are loaded into every pipeline: a Thai text
carries English glosses, a Chinese text English abbreviations.
"""

from __future__ import annotations

import bisect
import functools
from typing import NamedTuple, Optional

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.config import LangData, gazetteer, gazetteer_by_id
from pipeline.lang.script import simplified
from pipeline.schema import Entity, Span
from pipeline.spans import SpanIndex, contains

GAZETTEER_KEY = "gazetteer"
NER_KEY = "ner"
# How far past a name its gloss may open: only whitespace between "ชื่อ" and "(Gloss)".
MAX_GLOSS_GAP = 3
# A gloss is a name, not a paragraph: an unclosed bracket is not searched past this.
MAX_GLOSS_CHARS = 200


@Language.factory("pp_gazetteer", assigns=["doc.spans"])
def make_gazetteer(nlp: Language, name: str):
    return gazetteer_matcher()


@functools.lru_cache(maxsize=1)
def gazetteer_matcher() -> "GazetteerMatcher":
    """One matcher per process: its pattern holds every name of every language."""
    return GazetteerMatcher()


class GazetteerHit(NamedTuple):
    """A gazetteer name found in a text: its characters, the entry's type and id."""

    start: int
    end: int
    type: str
    id: str


class GazetteerMatcher:
    """Marks every gazetteer name in `doc.spans["gazetteer"]`, label = type, kb_id = canonical id.

    Names are matched on characters, longest first, not on tokens: spaCy's PhraseMatcher needs a
    name to be a run of whole tokens, and newmm places token boundaries inside Latin glosses and
    transliterated names differently in context ("(Belt and Road Initiative: BRI)" loses the
    gloss). Latin names must start and end at word boundaries so "CAS" never matches in "CASE".
    Chinese names also match traditional spellings through OpenCC (t2s is length-preserving for
    the characters it maps one to one, which is checked before a match is used).
    """

    def __init__(self) -> None:
        import ahocorasick

        self.names: dict[str, tuple[str, str]] = {}
        for entry in gazetteer().entries:
            for names in entry.names.values():
                for name in names:
                    self.names.setdefault(name, (entry.type, entry.id))
        # An Aho-Corasick automaton finds every name in one pass, whatever the number of names
        # (a regex alternation of three thousand names costs ~10 µs a character).
        self.automaton = ahocorasick.Automaton()
        for name in self.names:
            self.automaton.add_word(name, name)
        self.automaton.make_automaton()

    def match(self, text: str) -> list[GazetteerHit]:
        """Leftmost, then longest, non-overlapping names, Latin ones only at word boundaries."""
        matched = simplified(text)
        found = []
        for end, name in self.automaton.iter(matched):
            start = end - len(name) + 1
            if _at_word_boundaries(matched, start, end + 1, name):
                found.append((start, end + 1, name))
        found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        out, taken_until = [], -1
        for start, end, name in found:
            if start >= taken_until:
                out.append(GazetteerHit(start, end, *self.names[name]))
                taken_until = end
        return out

    def __call__(self, doc: Doc) -> Doc:
        matches = self.match(doc.text)
        # Exact character matches for the record; token-aligned spans for spaCy consumers.
        doc.user_data[GAZETTEER_KEY] = matches
        doc.spans[GAZETTEER_KEY] = [
            span for start, end, label, canonical_id in matches
            if (span := doc.char_span(start, end, label=label, kb_id=canonical_id, alignment_mode="expand"))
        ]
        return doc


def _at_word_boundaries(text: str, start: int, end: int, name: str) -> bool:
    """A name that starts or ends with a Latin letter or digit stands as a whole word there:
    "CAS" never matches in "CASE"."""
    latin = lambda ch: ch.isascii() and ch.isalnum()
    if latin(name[0]) and start > 0 and latin(text[start - 1]):
        return False
    if latin(name[-1]) and end < len(text) and latin(text[end]):
        return False
    return True


def _entity(text: str, start: int, end: int, label: str, canonical_id: Optional[str], source: str) -> Entity:
    return Entity(text=text[start:end], span=(start, end), type=label, canonical_id=canonical_id, source=source)


def doc_entities(doc, data: LangData, keep: Optional[Span] = None) -> list[Entity]:
    """Gazetteer and NER entities of a processed text (a spaCy Doc, or pipeline.nlp.Processed),
    glosses linked, within `keep` if given."""
    text = doc.text
    found = [_entity(text, s, e, label, cid, "gazetteer") for s, e, label, cid in doc.user_data.get(GAZETTEER_KEY, [])]
    taken = SpanIndex(e.span for e in found)
    for s, e, label in doc.user_data.get(NER_KEY, []):
        if not taken.overlaps((s, e)):
            found.append(_entity(text, s, e, label, None, "ner"))
    if keep is not None:
        found = [e for e in found if contains(keep, e.span)]
    found.sort(key=lambda e: e.span)
    return link_glosses(doc.text, _unlink_local_counterparts(text, found, data), data)


@functools.lru_cache(maxsize=1)
def _departments() -> frozenset[str]:
    """Ids of the bodies inside another body (a ministry or commission of the State Council): their
    short names are shared by the same department of every province and city (发改委)."""
    entries = gazetteer_by_id()
    return frozenset(e.id for e in entries.values()
                     if e.type == "ORG" and e.parent in entries and entries[e.parent].type == "ORG")


@functools.lru_cache(maxsize=1)
def _local_places() -> frozenset[str]:
    """Ids of the places inside another place (provinces, cities): a country is no local place."""
    entries = gazetteer_by_id()
    return frozenset(e.id for e in entries.values()
                     if e.type == "GPE" and e.parent in entries and entries[e.parent].type == "GPE")


def _unlink_local_counterparts(text: str, entities: list[Entity], data: LangData) -> list[Entity]:
    """A department's name right after a place or a local word ("江苏省发改委", "省发改委") names that
    place's own department, not the national one: the name takes in the place or the word and
    loses the national id."""
    qualifiers = sorted(data.local_qualifiers, key=len, reverse=True)
    places = {e.span[1]: e for e in entities if e.canonical_id in _local_places()}
    merged: set[Span] = set()
    out = []
    for e in entities:
        start = e.span[0]
        if e.canonical_id not in _departments():
            out.append(e)
            continue
        place = places.get(start)
        word = next((q for q in qualifiers if text.endswith(q, 0, start)), None)
        if place is None and word is None:
            out.append(e)
            continue
        if place is not None:
            merged.add(place.span)
        local_start = place.span[0] if place is not None else start - len(word)
        out.append(_entity(text, local_start, e.span[1], e.type, None, e.source))
    return [e for e in out if e.span not in merged or e.type != "GPE"]


def link_glosses(text: str, entities: list[Entity], data: LangData) -> list[Entity]:
    """A bracketed gloss right after a name is that name's gloss: "โครงการสายแถบและเส้นทาง
    (Belt and Road Initiative: BRI)". Every entity inside the brackets is marked as a gloss of the
    name, and a name without an id takes the id of its gloss."""
    opens = {pair[0]: pair[1] for pair in data.gloss_brackets}
    entities = sorted(entities, key=lambda e: e.span)
    starts = [e.span[0] for e in entities]
    by_span = {e.span: e for e in entities}
    for name in entities:
        bracket = _gloss_bracket(text, name.span[1], opens)
        if bracket is None or name.source == "gloss":
            continue
        nearby = entities[bisect.bisect_left(starts, bracket[0]):bisect.bisect_left(starts, bracket[1])]
        inside = [e for e in nearby if e.span[1] <= bracket[1]]
        for gloss in inside:
            by_span[gloss.span] = gloss.model_copy(update={"source": "gloss", "gloss_of": name.span})
        ids = {g.canonical_id for g in inside if g.canonical_id}
        if name.canonical_id is None and len(ids) == 1:
            by_span[name.span] = name.model_copy(update={"canonical_id": ids.pop()})
    return sorted(by_span.values(), key=lambda e: e.span)


def _gloss_bracket(text: str, after: int, opens: dict[str, str]) -> Optional[Span]:
    i = after
    while i < len(text) and i - after < MAX_GLOSS_GAP and text[i] in " \t\u00a0":
        i += 1
    if i >= len(text) or text[i] not in opens:
        return None
    opener, closer, depth = text[i], opens[text[i]], 0
    for j in range(i, min(len(text), i + MAX_GLOSS_CHARS)):
        if text[j] == opener:
            depth += 1
        elif text[j] == closer:
            depth -= 1
            if depth == 0:
                return (i + 1, j)  # brackets may nest: "(Western (Chengdu) Science City)"
    return None
