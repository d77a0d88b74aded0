"""Thai sentence boundaries from PyThaiNLP's crfcut, set on spaCy tokens.

crfcut returns sentence strings; they are re-aligned to the text by walking it, so boundaries
land on exact character offsets (whitespace between sentences belongs to neither)."""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc


def sentence_starts(text: str, sentences: list[str]) -> list[int]:
    """Character offsets where each sentence begins."""
    starts: list[int] = []
    cursor = 0
    for sentence in sentences:
        stripped = sentence.strip()
        if not stripped:
            continue
        found = text.find(stripped, cursor)
        if found < 0:
            continue  # crfcut never rewrites text; a miss would only drop one boundary
        starts.append(found)
        cursor = found + len(stripped)
    return starts


def crfcut_sentences(text: str) -> list[str]:
    from pythainlp.tokenize import sent_tokenize

    out: list[str] = []
    # crfcut works per paragraph; lines are the document's own hard boundaries.
    for line in text.split("\n"):
        if line.strip():
            out.extend(sent_tokenize(line, engine="crfcut"))
    return out


@Language.factory("pp_thai_sentences", assigns=["token.is_sent_start"])
def make_thai_sentences(nlp: Language, name: str):
    return ThaiSentences()


class ThaiSentences:
    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        starts = set(sentence_starts(doc.text, crfcut_sentences(doc.text)))
        flags = [1 if t.i == 0 or t.idx in starts or "\n" in doc[t.i - 1].text else -1 for t in doc]
        # One array write: setting token.is_sent_start one by one re-checks the whole doc each
        # time and is quadratic in its length.
        doc.from_array([SENT_START], numpy.array(flags, dtype="int64").astype("uint64").reshape(-1, 1))
        return doc
