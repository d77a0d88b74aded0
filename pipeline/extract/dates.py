"""Dates in each language's forms, with the role the text gives them.

`12 เมษายน 2566` (Buddhist Era), `5 มี.ค. 65`, `2023年4月12日`, `二〇二三年…`, `April 12, 2023`,
`2023-04-12`; and dates without a year — news datelines ("北京8月16日电", "BEIJING, Aug. 17
(Xinhua) --", "ปักกิ่ง, 5 มี.ค. (ซินหัว)") and "เมื่อวันที่ 12 ม.ค." — whose year is inferred from the
document's other dates or years and flagged `year_inferred`. A date that cannot exist (31
February, year 99999) is never a date. Month names, era markers, dateline forms and role cues
are language data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Optional

from pipeline.config import LangData, alternation, bounded_alternation
from pipeline.lang.numerals import ad_year, parse_ordinal
from pipeline.schema import DateMention, Span
from pipeline.spans import DisjointSpans

DEFAULT_ROLE = "mentioned"
DATELINE = "dateline"
PUBLISHED = "published"
DATED = "dated"   # the day a body issued or signed the document
# Dates that are not the document's own, reported as mentioned and never its publication date:
# when a saved page was fetched ("抓取时间", "Retrieved on"), and when a file photo was taken
# ("(แฟ้มภาพซินหัว : … 10 มิ.ย. 2019)"). The photo was taken before the report: a dateline that
# gives no year falls on or after it.
RETRIEVED = "retrieved"
CAPTION = "caption"
ASIDE = (RETRIEVED, CAPTION)
# A lead date in prose ("เมื่อวันที่ 12 ม.ค. 2565 คณะรัฐมนตรีจีนได้ประกาศ…") says when the body issued
# the document: dated, unless a cue gives it another role. Only the dateline construct is a dateline.
LEAD = "lead"
# A page states its own date in its header: a full date this close to the start, with no cue
# giving it another role, is the publication date.
HEADER_CHARS = 300
# A page prints its date more than once in its opening (a header line, then "Published September
# 14, 2025 | 09:45 AM"): every full date this close to the start with the publication date's day,
# and no cue of its own, is the publication date too.
OPENING_CHARS = 1000
# A date printed alone on its line, with at most a time and a label this long, is a page's date.
LONE_LINE_LABEL = 6
# The longest signature line: "中华人民共和国国家发展和改革委员会办公厅".
SIGNATURE_LINE_CHARS = 30
LINE_FURNITURE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?|[\s:：|·/()（）\-–—]+")
# Years a policy document's own dates can carry; anything else is a misreading ("12 มกราคม 99999").
MIN_YEAR, MAX_YEAR = 1900, 2200
# A news report names the day of its event by weekday ("issued the plan on Tuesday") in its lead.
WEEKDAY_LEAD_CHARS = 600
# How far a date's role cue can be: the edges of its clause are looked for no further.
CLAUSE_WINDOW = 500


class DateReader:
    def __init__(self, data: LangData) -> None:
        self.signature_tails = tuple(data.signature_tails)
        self.data = data
        expand = lambda patterns: [re.compile(p, re.M) for p in patterns]   # {MONTH} expanded at load
        self.datelines = expand(data.dateline_patterns)
        self.leads = expand(data.lead_date_patterns)
        self.credits = expand(data.credit_date_patterns)
        self.patterns = expand(data.date_patterns)
        self.partial = expand(data.partial_date_patterns)
        flags = re.IGNORECASE if data.case_insensitive else 0
        self.cues = [(re.compile(alternation(words), flags), role) for role, words in data.date_roles.items()
                     if words and role not in ASIDE]
        # "- **抓取时间**：2026-09-11", "(แฟ้มภาพ : … 10 มิ.ย. 2019)": a label or a caption, so looked
        # for on the date's line, across its colon
        self.aside = [(re.compile(alternation(words), flags), role) for role, words in data.date_roles.items()
                      if words and role in ASIDE]
        self.clause_end = re.compile(f"[\n{re.escape(data.clause_separators)}]" if data.clause_separators else "\n")
        self.weekday = re.compile(bounded_alternation(list(data.weekdays))) if data.weekdays else None

    def find(self, text: str, zone: Span, years: tuple[int, ...] = (), session_year: Optional[int] = None,
             reference: Optional[dt.date] = None) -> list[DateMention]:
        return self.read(text, zone, years, session_year, reference)[0]

    def read(self, text: str, zone: Span, years: tuple[int, ...] = (), session_year: Optional[int] = None,
             reference: Optional[dt.date] = None) -> tuple[list[DateMention], list[Span]]:
        """(dates, spans of date expressions whose year could not be inferred) in `zone`.
        `years`: plain years the text mentions, the last resort for a date that gives no year;
        `session_year`: the year of a congress session the text names, before them;
        `reference`: the document's publication date as its user knows it (a news reader's
        "document creation time"), which stands in for a publication date the text does not give.
        The unresolved spans are still dates: their day numbers are no amounts."""
        out: list[DateMention] = []
        taken = DisjointSpans()
        pending: list[tuple[re.Match[str], str]] = []   # partial dates, resolved once full dates are known
        aside: dict[Span, str] = {}   # dates that are not the document's, by kind: reported as mentioned
        groups = [(self.datelines, DATELINE), (self.credits, PUBLISHED), (self.leads, LEAD), (self.patterns, None), (self.partial, None)]
        for patterns, fixed_role in groups:
            for pattern in patterns:
                for match in pattern.finditer(text, *zone):
                    span = match.span("date") if "date" in match.re.groupindex else match.span()
                    if taken.overlaps(span):
                        continue
                    role = fixed_role if fixed_role not in (None, LEAD) else self._role(text, span)
                    if fixed_role == LEAD and role == DEFAULT_ROLE:
                        role = DATED
                    if role in ASIDE:
                        aside[span] = role
                        role = DEFAULT_ROLE
                    if not match.groupdict().get("year"):
                        taken.add(span)
                        pending.append((match, role))
                        continue
                    iso = self._iso(match)
                    if iso is None:
                        continue
                    taken.add(span)
                    out.append(DateMention(text=text[span[0]:span[1]], span=span, iso=iso, role=role))
        out = self._signed(text, out)
        own = [d for d in out if d.span not in aside]
        out = self._repeated_publication(self._header_date(text, out, own, zone), zone)
        year = self._document_year([d for d in out if d.span not in aside], years, session_year, reference)
        photos = [d.iso for d in out if aside.get(d.span) == CAPTION]
        unresolved: list[Span] = []
        for match, role in pending:
            span = match.span("date") if "date" in match.re.groupindex else match.span()
            if photos and not self._page_dated(out, session_year) and reference is None:
                iso = self._on_or_after(match, max(photos))
            else:
                iso = self._iso(match, year, month_fallback=self._document_month(out, reference))
            if iso is not None:
                out.append(DateMention(text=text[span[0]:span[1]], span=span, iso=iso, role=role, year_inferred=True))
            else:
                unresolved.append(span)
        out += self._weekday(text, zone, out, taken, reference)
        return sorted(out, key=lambda d: d.span), unresolved

    def _weekday(self, text: str, zone: Span, dates: list[DateMention], taken: DisjointSpans,
                 known: Optional[dt.date] = None) -> list[DateMention]:
        """The first weekday in the lead, dated as the last such day on or before the page's date
        (else the date its user gives): "issued the plan on Tuesday" in a report of Thursday
        2023-10-12 is 2023-10-10."""
        page = next((d for d in sorted(dates, key=lambda d: d.year_inferred) if d.role in (PUBLISHED, DATELINE)), None)
        reference = dt.date.fromisoformat(page.iso) if page is not None else known
        if self.weekday is None or reference is None:
            return []
        for match in self.weekday.finditer(text, zone[0], min(zone[1], zone[0] + WEEKDAY_LEAD_CHARS)):
            span = match.span()
            # "วันศุกร์ (22 พ.ค.)", "on Tuesday (March 5)": the written date says it already.
            if any(s <= span[0] < e or 0 <= s - span[1] <= 4 for s, e in taken):
                continue
            day = reference
            back = (day.weekday() - self.data.weekdays[match.group()]) % 7
            # "the State Council on Friday published a plan": a weekday in prose is never the page's own date
            role = self._role(text, span)
            return [DateMention(text=match.group(), span=span, iso=(day - dt.timedelta(days=back)).isoformat(),
                                role=DATED if role in (DEFAULT_ROLE, PUBLISHED) else role, year_inferred=True)]
        return []

    def _iso(self, match: re.Match[str], year: Optional[int] = None, month_fallback: Optional[int] = None) -> Optional[str]:
        parts = match.groupdict()
        try:
            if parts.get("year"):
                year = ad_year(parse_ordinal(parts["year"], self.data), parts.get("era"), self.data)
            if year is None or not MIN_YEAR <= year <= MAX_YEAR:
                return None
            raw_month = parts.get("month")
            month = (self.data.months.get(raw_month) or parse_ordinal(raw_month, self.data)) if raw_month else month_fallback
            day = parse_ordinal(parts["day"], self.data)
            return dt.date(year, month, day).isoformat()
        except (ValueError, KeyError, TypeError, OverflowError):
            return None  # "31 February" and the like are not dates

    def _signed(self, text: str, dates: list[DateMention]) -> list[DateMention]:
        """A date alone on its line under a signature ("湖南省人民政府\n2017年3月31日"), or alone in
        brackets under a title ("中共中央 国务院关于…的意见\n（2018年1月2日）"), is the day the document
        was signed or adopted, not the page's."""
        out = []
        for d in dates:
            if d.role == DEFAULT_ROLE and (self._under_signature(text, d) or _bracketed_alone(text, d)):
                d = d.model_copy(update={"role": DATED})
            out.append(d)
        return out

    def _under_signature(self, text: str, d: DateMention) -> bool:
        if not self.signature_tails or not _alone_on_line(text, d):
            return False
        line_start = text.rfind("\n", 0, d.span[0]) + 1
        before = text[max(0, line_start - SIGNATURE_LINE_CHARS - 4):line_start].rstrip()
        previous = before[before.rfind("\n") + 1:].strip()
        return 0 < len(previous) <= SIGNATURE_LINE_CHARS and previous.endswith(self.signature_tails)

    @staticmethod
    def _header_date(text: str, dates: list[DateMention], own: list[DateMention], zone: Span) -> list[DateMention]:
        """The first full date in the page's opening, before any dateline and with the page's text
        after it, is its publication date, unless a cue already gave one. `own`: the dates that
        can be the page's (no fetch date, no file photo's)."""
        if any(d.role == PUBLISHED for d in dates):
            return dates
        # a page's header stands before the dateline that opens its report
        before = min((d.span[0] for d in dates if d.role == DATELINE), default=zone[1])
        first = min((d for d in own if d.span[0] < min(before, zone[0] + HEADER_CHARS)), key=lambda d: d.span, default=None)
        if first is None:
            first = DateReader._lone_line_date(text, own, min(before, zone[0] + OPENING_CHARS))
        if first is None or first.role != DEFAULT_ROLE:
            return dates
        line_end = text.find("\n", first.span[1])
        if line_end < 0 or not text[line_end:zone[1]].strip():
            return dates  # a lone line of text is no page with a header
        return [d.model_copy(update={"role": PUBLISHED}) if d is first else d for d in dates]

    @staticmethod
    def _lone_line_date(text: str, dates: list[DateMention], end: int) -> Optional[DateMention]:
        """The first uncued date before `end` that stands on a line of its own, give or take a time
        and a short label: "November 2, 2020", "2024-08-25 17:10", "时间 : 2025-01-10 17:51:51"."""
        for d in sorted(dates, key=lambda d: d.span):
            if d.span[0] >= end:
                break
            if d.role != DEFAULT_ROLE:
                continue
            start = text.rfind("\n", 0, d.span[0]) + 1   # d lies in the opening: a short look back
            limit = min(len(text), d.span[1] + CLAUSE_WINDOW)
            stop = text.find("\n", d.span[1], limit)
            rest = text[start:d.span[0]] + " " + text[d.span[1]:stop if stop >= 0 else limit]
            if len(LINE_FURNITURE.sub("", rest)) <= LONE_LINE_LABEL:
                return d
        return None

    @staticmethod
    def _repeated_publication(dates: list[DateMention], zone: Span) -> list[DateMention]:
        """Uncued full dates in the opening with the publication date's day are that date again."""
        published = {d.iso for d in dates if d.role == PUBLISHED and not d.year_inferred}
        if len(published) != 1:
            return dates   # no publication date, or two disagreeing: nothing to repeat
        forms = {d.text for d in dates if d.role == PUBLISHED}
        before = min((d.span[0] for d in dates if d.role == DATELINE), default=zone[0] + OPENING_CHARS)
        end = min(before, zone[0] + OPENING_CHARS)
        out, seen = [], set(forms)
        for d in dates:
            # the same form again is the page's layout repeating a timestamp, not another statement
            if d.role == DEFAULT_ROLE and d.iso in published and d.span[0] < end and d.text not in seen:
                seen.add(d.text)
                d = d.model_copy(update={"role": PUBLISHED})
            out.append(d)
        return out

    @staticmethod
    def _page_dated(dates: list[DateMention], session_year: Optional[int]) -> bool:
        """Whether the page gives its own year: a publication date or dateline with one, or a session."""
        return session_year is not None or any(d.role in (PUBLISHED, DATELINE) for d in dates)

    def _on_or_after(self, match: re.Match[str], earliest: str) -> Optional[str]:
        """The first date with `match`'s month and day on or after `earliest` (ISO)."""
        year = int(earliest[:4])
        iso = self._iso(match, year)
        if iso is not None and iso < earliest:
            iso = self._iso(match, year + 1)
        return iso

    @staticmethod
    def _document_year(dates: list[DateMention], years: tuple[int, ...], session_year: Optional[int] = None,
                       reference: Optional[dt.date] = None) -> Optional[int]:
        """The year of a date that gives none: the document's publication date, else the one its
        user gives, else the congress session it reports, else its most common full-date year,
        else the year it mentions most (the latest on a tie)."""
        published = [d.iso for d in dates if d.role in ("published", DATELINE)]
        if published:
            return int(published[0][:4])
        if reference is not None:
            return reference.year
        if session_year is not None:
            return session_year
        counts = Counter(int(d.iso[:4]) for d in dates) or Counter(y for y in years if MIN_YEAR <= y <= MAX_YEAR)
        if not counts:
            return None
        return max(counts, key=lambda y: (counts[y], y))  # the most frequent; on a tie, the latest

    @staticmethod
    def _document_month(dates: list[DateMention], reference: Optional[dt.date] = None) -> Optional[int]:
        """A dateline giving only a day ("上海27日电") takes the month of the document's date."""
        published = [d.iso for d in dates if d.role in ("published", DATELINE)]
        return int(published[0][5:7]) if published else reference.month if reference else None

    def _role(self, text: str, span: Span) -> str:
        """The role cue nearest to the date within its clause ("published", "dated", ...)."""
        window = max(0, span[0] - CLAUSE_WINDOW)   # bounded, so a text without line breaks stays linear
        line_start = text.rfind("\n", window, span[0]) + 1 or window
        for pattern, role in self.aside:
            if pattern.search(text, line_start, span[0]):
                return role
        # A clause is short: look for its edges only this far, so a long text costs linear time.
        start = max((m.end() for m in self.clause_end.finditer(text, window, span[0])), default=window)
        end_match = self.clause_end.search(text, span[1], min(len(text), span[1] + CLAUSE_WINDOW))
        end = end_match.start() if end_match else min(len(text), span[1] + CLAUSE_WINDOW)
        best: tuple[int, str] | None = None
        for pattern, role in self.cues:
            for match in pattern.finditer(text, start, end):
                distance = span[0] - match.end() if match.end() <= span[0] else match.start() - span[1]
                if best is None or distance < best[0]:
                    best = (distance, role)
        return best[1] if best else DEFAULT_ROLE


def _around(text: str, d: DateMention) -> tuple[str, str]:
    """What stands before and after the date on its line, stripped."""
    start = text.rfind("\n", 0, d.span[0]) + 1
    end = text.find("\n", d.span[1])
    return text[start:d.span[0]].strip(), text[d.span[1]:len(text) if end < 0 else end].strip()


def _alone_on_line(text: str, d: DateMention) -> bool:
    return _around(text, d) == ("", "")


def _bracketed_alone(text: str, d: DateMention) -> bool:
    """"（2018年1月2日）" on a line of its own."""
    before, after = _around(text, d)
    return before in ("(", "（") and after in (")", "）")
