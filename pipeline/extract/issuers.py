"""Issuers: the bodies that issue a document, or the plan a news report is about.

Read where texts name them:
- a subject before an issuing verb: "科技部、教育部于2023年3月31日联合印发", "China's State Council
  issued", "สำนักบริหารพลังงานแห่งชาติจีน เปิดเผยว่า";
- after a marker of the passive or of the source: "released by the Ministry of Industry and
  Information Technology", "according to the National Energy Administration", "由国务院印发",
  "issued by six authorities, including the MIIT, ...";
- the signature block of an official text: a body alone on its line above the date.

Only the opening of a document (its title and first sentences) and its signature are read: a body
named further in is an actor of the text, not its issuer. A run of bodies joined by commas or
"and" is one list of co-issuers. Verbs, markers and joiners are language data.
"""

from __future__ import annotations

import bisect
import re
from typing import Iterable, Optional

from pipeline.config import LangData, bounded_alternation, gazetteer
from pipeline.schema import Entity, Span
from pipeline.spans import within
from pipeline.segment.blocks import Block

# How many blocks of the body, after the title, can name the issuer (a Thai brief's first
# paragraph may list fourteen bodies before its verb). Blocks shorter than MIN_LEAD_CHARS — a
# site's navigation, a byline, a page counter — are not counted.
LEAD_BLOCKS = 3
MIN_LEAD_CHARS = 30
# The most text between a body and its verb ("(NEA) on Thursday", "于2023年3月31日"), or between a
# marker and the body ("six authorities, including the").
MAX_GAP = 40
# The most text between two co-issuers ("、", ", and the ", " และ").
MAX_JOINT = 12
# An abbreviation in brackets after a body's name: "(MIIT)", "（工信部）".
BRACKETED = re.compile(r"[(（][^()（）]{1,20}[)）]")
# The most raw text between a body and its verb or co-issuer, brackets included (two of them at
# most): beyond it no gap can be short, and a long text must not be read between every pair.
MAX_RAW_GAP = MAX_GAP + 2 * 22
# The longest relative clause describing a body between it and its verb ("ซึ่งเป็นหน่วยงาน…ของจีน").
MAX_APPOSITIVE = 90
# The longest name of a body ("General Office of the State Council of the People's Republic of
# China"): how far before a verb a body may start.
MAX_NAME_CHARS = 120
# A signature block sits in the last characters of a text.
SIGNATURE_CHARS = 400
# Who can issue: a body, or an office holder speaking for one (the Premier for the State Council).
# News outlets (MEDIA) report plans and never issue them.
ISSUING_TYPES = ("ORG", "OFFICE")
# How far before a document's name a place or a local word makes it a local document
# ("山东省人民政府工作报告", "delivered a government work report").
LOCAL_WINDOW = 12
# "นครคุนหมิง มณฑลยูนนาน", "Yichang, Hubei": a comma, a space and a class word (มณฑล, เขตปกครองตนเอง)
# at most between a place and its locator
LOCATOR_GAP = 16
# A block wholly in brackets is a photo caption ("(แฟ้มภาพซินหัว : … 16 พ.ค. 2023)"), not the lead.
CAPTION = re.compile(r"\s*[(（][^\n]*[)）]\s*")


# How far before a place its head's title may start ("นายกเทศมนตรี": 12 characters).
MAX_TITLE_CHARS = 16
# How far before a body its recipient marker may start ("ต่อที่ประชุม ": 14 characters; "在十四届").
RECIPIENT_WINDOW = 20
# A page's links are listed between separator lines: "全国人大\n|\n全国政协".
LINK_SEPARATOR = "|"
LINK_LOOKAROUND = 40
# A dateline's city stands right before its date: "北京1月10日电", "BEIJING, Jan. 10".
DATELINE_GAP = 3

class IssuerReader:
    def __init__(self, data: LangData) -> None:
        flags = re.IGNORECASE if data.case_insensitive else 0
        self.signing_offices = ("", *data.signing_offices)
        # "คณะกรรมการพัฒนาและปฏิรูปแห่งชาติ (NDRC) ซึ่งเป็นหน่วยงานวางแผนเศรษฐกิจที่สำคัญของจีน เผยว่า"
        appositive = bounded_alternation(data.appositive_markers) if data.appositive_markers else None
        self.appositive = re.compile(rf"[\s,，]*(?:{appositive})", flags) if appositive else None
        self.verbs = re.compile(bounded_alternation(data.issuing_verbs), flags) if data.issuing_verbs else None
        self.markers = re.compile(bounded_alternation(data.issuer_markers), flags) if data.issuer_markers else None
        # "发文机关：", "- **Issued by**: ": a label, markdown emphasis, a colon
        labels = bounded_alternation(data.issuer_field_labels)
        self.fields = re.compile(rf"(?:{labels})[*_\s]*[:：][*_\s]*", flags) if labels else None
        joiners = bounded_alternation(data.issuer_joiners) if data.issuer_joiners else "(?!)"
        self.joint = re.compile(rf"(?:\s|{joiners})*", flags)
        terminators = data.sentence_terminators + "。.!?"
        self.sentence_end = re.compile(f"[{re.escape(terminators)}\n]")
        self.sentence_ends = tuple(terminators)
        self.acts_for = {e.id: e.acts_for for e in gazetteer().entries if e.acts_for}
        self.offices = re.compile(rf"\s?(?:{bounded_alternation(data.office_titles)})", flags) if data.office_titles else None
        before = bounded_alternation(data.office_titles_before)
        self.offices_before = re.compile(rf"(?:{before})\s?$", flags) if before else None
        heads, tails = bounded_alternation(data.place_name_heads), bounded_alternation(data.place_name_tails)
        self.place_head = re.compile(rf"(?:{heads})\s?$", flags) if heads else None
        local = bounded_alternation(data.local_qualifiers)
        # "湖南省发展改革委" where the gazetteer's name is 湖南: the place's class word may come between
        self.place_tail = re.compile(rf"\s?(?:{local})?(?:{tails})" if local else rf"\s?(?:{tails})", flags) if tails else None
        self.locating_places_follow = data.locating_places_follow
        self.title_verbs = {v.lower() for v in data.title_verbs}
        # A place's government, by the gazetteer's id scheme: cn.zj -> cn.zj.gov.
        ids = {e.id for e in gazetteer().entries}
        self.government = {e.id: f"{e.id}.gov" for e in gazetteer().entries if e.type == "GPE" and f"{e.id}.gov" in ids}
        self.local_governments = set(self.government.values())
        # Documents a body issues by name: "the government work report" is the State Council's.
        self.documents = {name.lower(): e.id for e in gazetteer().entries for names in e.documents.values() for name in names}
        self.document_names = re.compile(bounded_alternation(list(self.documents)), re.IGNORECASE) if self.documents else None
        self.local = re.compile(bounded_alternation(data.local_qualifiers), flags) if data.local_qualifiers else None
        self.ner_heads = tuple(data.ner_issuer_heads)
        places = bounded_alternation(data.place_markers)
        self.place_marker = re.compile(rf"(?:{places})\s*$", flags) if places else None
        recipients = bounded_alternation(data.recipient_markers)
        gap = rf"[^\s{re.escape(data.clause_separators + data.sentence_terminators)}]{{0,{data.recipient_gap}}}"
        self.recipient = re.compile(rf"(?:{recipients})\s*{gap}$", flags) if recipients else None

    def find(self, text: str, entities: Iterable[Entity], blocks: list[Block], zone: Span,
             title: Optional[Span], datelines: Iterable[Span] = ()) -> list[Entity]:
        """`blocks`: the body's paragraphs, list items and headings in order (after reflow, its lines).
        `datelines`: the spans of the dateline dates ("北京1月10日电": the place there is where the
        report was filed)."""
        entities = list(entities)
        # A headline names a place as its topic ("Shenzhen plans for …", "ไหหลำเดินหน้าสร้าง…"):
        # a place stands for its government only in the lead's prose.
        # Its head speaks for it there too ("ผู้ว่าการมณฑลเสฉวนได้แถลง…", "Zhejiang Governor delivers…").
        datelines = list(datelines)
        place_governments = self._governments(text, entities)
        governments = [e for e, titled in place_governments
                       if titled or not (title and within(e.span[0], title) or self._where(text, e, datelines))]
        places = {e.span for e in governments}
        # A place's name alone issues as a subject ("Hainan issued a plan"); after "by", "from",
        # "จาก", "โดย" it is where something goes or comes from ("travel time from Wuhan",
        # "co-invested by Gansu and Sichuan provinces", "ข้อมูลจากสำนักงานศุลกากรนครคุนหมิง").
        bare_places = {e.span for e, titled in place_governments if not titled}
        bodies = _Bodies([e for e in entities + governments
                          if e.type in ISSUING_TYPES and e.source != "gloss"
                          and within(e.span[0], zone) and not (e.canonical_id is None and _bracketed(text, e.span))
                          and self._named_like_a_body(e)])
        if not bodies.all and self.document_names is None:
            return []
        found: list[Entity] = []
        opening = self._opening(text, blocks, zone, title)
        agents = _Bodies([e for e in bodies.all if e.span not in bare_places])
        for span in opening:
            found += self._subjects(text, bodies, span) + self._agents(text, agents, span)
        listed = {b.span for b in blocks if b.kind in ("bullet", "numbered")}
        found += self._named_documents(text, _headline(text, opening, title, listed, self.sentence_ends), entities, opening)
        if self.fields is not None:   # "发文机关：国务院" anywhere: a field that says who issued it
            found += self._agents(text, bodies, zone, self.fields)
        # A place alone on a line is a list of links or an address, never a signature.
        found += [e for e in self._signature(text, bodies, zone) if e.span not in places]
        return _unique(sorted((self._speaking_for(e) for e in found), key=lambda e: e.span))

    def _governments(self, text: str, entities: list[Entity]) -> list[tuple[Entity, bool]]:
        """A province or city that issues stands for its government ("Hunan issued a plan"), and so
        does its head ("浙江省省长", "Zhejiang Governor", "ผู้ว่าการมณฑลเสฉวน": the span covers the
        title), each with whether a title was there. A country has no such entry: "China" alone
        never issues."""
        out = []
        place_ends = {p.span[1] for p in entities if p.type == "GPE"}
        for e in entities:
            government = self.government.get(e.canonical_id or "")
            if not government or self._inside_a_name(text, e, place_ends):
                continue
            after = self.offices.match(text, e.span[1]) if self.offices else None
            before = (self.offices_before.search(text, max(0, e.span[0] - MAX_TITLE_CHARS), e.span[0])
                      if self.offices_before else None)
            start, end = before.start() if before else e.span[0], after.end() if after else e.span[1]
            out.append((e.model_copy(update={"span": (start, end), "text": text[start:end], "type": "ORG",
                                             "canonical_id": government}), bool(after or before)))
        return out

    def _inside_a_name(self, text: str, e: Entity, place_ends: set[int]) -> bool:
        """A place that is part of another name ("ท่าอากาศยานนานาชาติไห่โข่ว", "江苏代表团"), or, where
        the language writes the larger place after the smaller, one that locates the place before
        it ("นครคุนหมิง มณฑลยูนนาน", "Yichang, Hubei")."""
        head = self.place_head is not None and self.place_head.search(text, max(0, e.span[0] - MAX_NAME_CHARS), e.span[0])
        if head or self.place_tail is not None and self.place_tail.match(text, e.span[1]):
            return True
        return self.locating_places_follow and any(
            end in place_ends and self._only_a_separator(text[end:e.span[0]])
            for end in range(max(0, e.span[0] - LOCATOR_GAP), e.span[0]))

    def _only_a_separator(self, gap: str) -> bool:
        """A space or a comma, and maybe the place's class word: " มณฑล" in "นครกว่างโจว มณฑลกว่างตง"."""
        if self.local is not None:
            gap = self.local.sub("", gap)
        return not gap.strip(" ,")

    def _named_documents(self, text: str, spans: list[Span], entities: list[Entity],
                         opening: list[Span]) -> list[Entity]:
        """A document named in the title or the lead that only one body issues ("Highlights of
        Premier Wen's government work report") is that body's, unless a place or a local word
        stands right before it ("省政府工作报告", "Xinjiang's government work report") or a province
        or city right after it ("政府工作报告提出今年上海…"). Where the
        opening names a local government ("政府工作报告\n…四川省人民政府省长"), it is that one's."""
        if self.document_names is None:
            return []
        places = [e.span for e in entities if e.type == "GPE"]
        # a province or city named right after ("作政府工作报告提出今年上海主要预期目标"): its report
        regions = [e.span for e in entities if e.type == "GPE" and e.canonical_id and "." in e.canonical_id]
        local = next((e for e in entities if e.canonical_id in self.local_governments
                      and any(within(e.span[0], span) for span in opening)), None)
        out = []
        for span in spans:
            for match in self.document_names.finditer(text, *span):
                window = (max(span[0], match.start() - LOCAL_WINDOW), match.start())
                if any(window[0] <= s < window[1] + 1 for s, _ in places):
                    continue
                if any(match.end() <= s < min(span[1], match.end() + LOCAL_WINDOW) for s, _ in regions):
                    continue
                if self.local is not None and self.local.search(text, *window):
                    continue
                if local is not None:
                    out.append(local)
                    continue
                out.append(Entity(text=match.group(), span=match.span(), type="ORG", source="gazetteer",
                                  canonical_id=self.documents[match.group().lower()]))
        return out

    def _speaking_for(self, e: Entity) -> Entity:
        """An office holder issues in the name of the body: "国务院总理李强作政府工作报告" is the State Council's."""
        body = self.acts_for.get(e.canonical_id or "")
        return e.model_copy(update={"canonical_id": body}) if body else e

    @staticmethod
    def _opening(text: str, blocks: list[Block], zone: Span, title: Optional[Span]) -> list[Span]:
        """The title and the blocks up to the LEAD_BLOCKS-th substantive one: prose, not a heading
        or a byline line. A block that repeats what was read already (a page's headline again, a
        lead sentence again under its dateline) adds nothing to the lead and is not counted."""
        spans = [title] if title else []
        read = [_plain(text[title[0]:title[1]])] if title else []
        substantive = 0
        for b in blocks:
            span = b.span
            if substantive >= LEAD_BLOCKS:
                break
            if b.kind == "metadata":
                continue   # front matter, a page's menus: not its lead
            if within(span[0], zone) and (title is None or span[0] >= title[1]):
                spans.append(span)
                block = text[span[0]:span[1]]
                plain = _plain(block)
                repeated = any(plain in earlier or (len(earlier) >= MIN_LEAD_CHARS and earlier in plain) for earlier in read)
                substantive += (b.kind != "heading" and len(block.strip()) >= MIN_LEAD_CHARS
                                and not CAPTION.fullmatch(block) and not repeated)
                read.append(plain)
        return spans

    def _subjects(self, text: str, bodies: "_Bodies", span: Span) -> list[Entity]:
        """Bodies right before an issuing verb, with the co-issuers listed before them."""
        if self.verbs is None:
            return []
        out = []
        for verb in self.verbs.finditer(text, *span):
            near = bodies.starting(max(span[0], verb.start() - MAX_APPOSITIVE - MAX_NAME_CHARS), verb.start())
            adjacent = verb.group().lower() in self.title_verbs
            before = [e for e in near if e.span[1] <= verb.start() and not self._received(text, e)
                      and (not text[e.span[1]:verb.start()].strip() if adjacent
                           else self._short_gap(text, e.span[1], verb.start())
                           or self._appositive_gap(text, e.span[1], verb.start()))]
            if before:
                out += self._chain(text, bodies, max(before, key=lambda e: e.span[1]), backwards=True)
        return out

    def _agents(self, text: str, bodies: "_Bodies", span: Span, markers: Optional[re.Pattern[str]] = None) -> list[Entity]:
        """Bodies right after "by", "according to", "由", "โดย" (or after `markers`: a field
        label, "发文机关："), with the co-issuers after them."""
        markers = self.markers if markers is None else markers
        if markers is None:
            return []
        out = []
        for marker in markers.finditer(text, *span):
            near = bodies.starting(marker.end(), min(span[1], marker.end() + MAX_RAW_GAP + 1))
            after = [e for e in near if self._short_gap(text, marker.end(), e.span[0]) and not self._received(text, e)]
            if after:
                out += self._chain(text, bodies, min(after, key=lambda e: e.span[0]), backwards=False)
        return out

    def _where(self, text: str, e: Entity, datelines: list[Span]) -> bool:
        """A place named as where something happened: after "in", "ณ", "于", or as a dateline's city."""
        if self.place_marker is not None and self.place_marker.search(text, max(0, e.span[0] - RECIPIENT_WINDOW), e.span[0]):
            return True
        return any(0 <= start - e.span[1] <= DATELINE_GAP and not text[e.span[1]:start].strip(" ,，、")
                   for start, _ in datelines)

    def _named_like_a_body(self, e: Entity) -> bool:
        """A tagger's name outside the gazetteer opens like a body's name, where the language lists how."""
        return e.source != "ner" or not self.ner_heads or e.text.startswith(self.ner_heads)

    def _received(self, text: str, e: Entity) -> bool:
        """The body a document went to or was delivered at ("在全国人大…上作", "submitted to the NPC")."""
        return self.recipient is not None and self.recipient.search(text, max(0, e.span[0] - RECIPIENT_WINDOW), e.span[0]) is not None

    def _appositive_gap(self, text: str, start: int, end: int) -> bool:
        """A relative clause that describes the body between it and its verb ("…(NDRC) ซึ่งเป็น
        หน่วยงานวางแผนเศรษฐกิจที่สำคัญของจีน เผยว่า", ", which is the top economic planner, said")."""
        if self.appositive is None or not 0 <= end - start <= MAX_APPOSITIVE:
            return False
        gap = BRACKETED.sub("", text[start:end])
        return self.appositive.match(gap) is not None and not self.sentence_end.search(gap)

    def _short_gap(self, text: str, start: int, end: int) -> bool:
        if not 0 <= end - start <= MAX_RAW_GAP:
            return False   # too far apart whatever is in brackets: decided without reading the gap
        gap = BRACKETED.sub("", text[start:end])
        return 0 <= end - start and len(gap) <= MAX_GAP and not self.sentence_end.search(gap)

    def _chain(self, text: str, bodies: "_Bodies", anchor: Entity, backwards: bool) -> list[Entity]:
        """The anchor and the bodies joined to it by list joiners, in text order."""
        chain = [anchor]
        while True:
            edge = chain[0] if backwards else chain[-1]
            if backwards:
                near = bodies.starting(edge.span[0] - MAX_RAW_GAP - MAX_NAME_CHARS, edge.span[0])
                nxt = [e for e in near if e.span[1] <= edge.span[0] and self._joined(text, e.span[1], edge.span[0])]
                if not nxt:
                    break
                chain.insert(0, max(nxt, key=lambda e: e.span[1]))
            else:
                near = bodies.starting(edge.span[1], edge.span[1] + MAX_RAW_GAP + 1)
                nxt = [e for e in near if self._joined(text, edge.span[1], e.span[0])]
                if not nxt:
                    break
                chain.append(min(nxt, key=lambda e: e.span[0]))
        return chain

    def _joined(self, text: str, start: int, end: int) -> bool:
        """Only list joiners between two bodies, a bracketed abbreviation aside ("(MIIT), the ")."""
        if not 0 <= end - start <= MAX_RAW_GAP:
            return False
        gap = BRACKETED.sub("", text[start:end])
        return len(gap) <= MAX_JOINT and self.joint.fullmatch(gap) is not None

    def _signature(self, text: str, bodies: "_Bodies", zone: Span) -> list[Entity]:
        """A body alone on one of the last lines, or its office signing for it ("商务部办公厅"), the
        way official texts are signed."""
        out = []
        for e in bodies.starting(zone[1] - SIGNATURE_CHARS, zone[1]):
            line_start = text.rfind("\n", 0, e.span[0]) + 1
            line_end = text.find("\n", e.span[1])
            line = text[line_start:len(text) if line_end < 0 else line_end]
            name, signed = e.text.strip(), line.strip()
            if signed.startswith(name) and signed[len(name):] in self.signing_offices \
                    and not _in_link_list(text, line_start, line_end):
                out.append(e)
        return out


def _headline(text: str, opening: list[Span], title: Optional[Span], listed: set[Span],
              sentence_ends: tuple[str, ...]) -> list[Span]:
    """The title and the blocks after it up to its first line of prose, a credit or a time on the
    lines between ("(Xinhua)", "10:48, March 05, 2013"); or, where a page's navigation comes first
    ("• Home", "中文|English"), the blocks up to its first line of prose (the headline). `listed`:
    the spans of list items (bullets, numbered lines such as a broadcast's rundown), which are no prose.
    A line of prose is long, or a sentence however short ("第一，从“十四五”来看当下的形势。")."""
    after = 1 if title and opening and opening[0] == title else 0
    first_prose = next((i for i, span in enumerate(opening) if i >= after and span not in listed
                        and _prose(text[span[0]:span[1]].strip(), sentence_ends)), after)
    return opening[:max(2 if title else 1, first_prose + 1)]


def _prose(line: str, sentence_ends: tuple[str, ...]) -> bool:
    return len(line) >= MIN_LEAD_CHARS or line.endswith(sentence_ends)


class _Bodies:
    """The bodies that may issue, in text order, found near a position by bisection."""

    def __init__(self, bodies: list[Entity]) -> None:
        self.all = sorted(bodies, key=lambda e: e.span)
        self.starts = [e.span[0] for e in self.all]

    def starting(self, lo: int, hi: int) -> list[Entity]:
        return self.all[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)]


def _in_link_list(text: str, line_start: int, line_end: int) -> bool:
    """A line between link separators ("全国人大\n|\n全国政协"): a page's list of links."""
    neighbour = lambda lines: next((line.strip() for line in lines if line.strip()), "")
    before = text[max(0, line_start - LINK_LOOKAROUND):line_start].split("\n")[::-1]
    after = text[line_end:line_end + LINK_LOOKAROUND].split("\n") if line_end >= 0 else []
    return LINK_SEPARATOR in (neighbour(before), neighbour(after))


def _bracketed(text: str, span: Span) -> bool:
    """A name in brackets without an id is a credit ("(ซินหัว)", "(Xinhua)"), not an issuer."""
    before = text[max(0, span[0] - 2):span[0]].strip()
    after = text[span[1]:span[1] + 2].strip()
    return before[-1:] in "(（" and before != "" and after[:1] in ")）" and after != ""


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())


def _unique(entities: list[Entity]) -> list[Entity]:
    seen: set[str] = set()
    out = []
    for e in entities:
        key = e.canonical_id or e.text
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out
