"""A reference text in Chinese or English rendered from a canonical record, so that the whole
pipeline can run on zh and en versions of the original. Sentence templates are language data
(`render:` in configs/lang/*.yaml); the output is a rendering, marked as such, never the
official text."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Optional

from pipeline.canonical.model import CanonicalRecord
from pipeline.config import RenderTemplates, lang_data
from pipeline.errors import ConfigError

ROMAN = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _numeral(n: int, style: str) -> str:
    if style == "chinese":
        import cn2an

        return cn2an.an2cn(n)
    if style == "roman":
        out = ""
        for value, letters in ROMAN:
            while n >= value:
                out, n = out + letters, n - value
        return out
    return str(n)


def _date(day: Optional[dt.date], t: RenderTemplates) -> str:
    if day is None:
        return ""
    return t.date.format(year=day.year, month=day.month, day=day.day, month_name=calendar.month_name[day.month])


def _join(items: list[str], t: RenderTemplates) -> str:
    if len(items) < 2:
        return "".join(items)
    return t.list_separator.join(items[:-1]) + t.last_separator + items[-1]


def _goal_paragraphs(record: CanonicalRecord, lang: str, t: RenderTemplates, label: str) -> list[str]:
    years = sorted({g.year for g in record.goals if g.year} | {x.year for x in record.targets if x.year})
    blocks = []
    for year in years:
        goals = [record.text_in(g.text, lang) for g in record.goals if g.year == year]
        targets = [record.text_in(x.text, lang) for x in record.targets if x.year == year]
        if t.goals_inline:
            clauses = t.target_block_separator.join(t.goal_separator.join(part) for part in (goals, targets) if part)
            blocks.append(t.deadline.format(year=year) + clauses + t.deadline_end)
        else:
            items = goals + targets
            lines = [f"- {item}{t.goal_separator if i + 1 < len(items) else t.deadline_end}" for i, item in enumerate(items)]
            blocks.append("\n".join([t.deadline.format(year=year), *lines]))
    if t.goals_inline:
        return [t.goals_heading.format(label=label) + "".join(blocks)]
    return [t.goals_heading.format(label=label), *blocks]


def render(record: CanonicalRecord, lang: str) -> str:
    t = lang_data(lang).render
    if t is None:
        raise ConfigError(f"no rendering templates for language {lang!r}")
    ident = record.identity
    names = [record.text_in(e.names, lang) for e in record.issuers]
    paragraphs = [record.text_in(ident.title, lang)]
    if ident.number:
        paragraphs.append(t.number.format(number=ident.number))
    paragraphs.append(t.note)
    paragraphs.append(t.issued.format(issuers=_join(names, t), dated=_date(ident.dated, t), published=_date(ident.published, t)))
    measure_number = 0
    goal_chapter = next((c.id for c in record.chapters if not any(m.chapter == c.id for m in record.measures)), None)
    for n, chapter in enumerate(record.chapters, start=1):
        paragraphs.append(t.chapter.format(label=_numeral(n, t.chapter_numerals), title=record.text_in(chapter.title, lang)))
        if chapter.id == goal_chapter:
            if record.overview:
                paragraphs.append(record.text_in(record.overview, lang))
            measure_number += 1 if t.measure_numbering_continues else 0
            paragraphs += _goal_paragraphs(record, lang, t, _numeral(measure_number, t.measure_numerals))
        chapter_measures = [m for m in record.measures if m.chapter == chapter.id]
        for m in chapter_measures:
            measure_number += 1
            paragraphs.append(t.measure.format(label=_numeral(measure_number, t.measure_numerals),
                                               title=record.text_in(m.title, lang), body=m.body.get(lang, "")).strip())
    return "\n\n".join(paragraphs) + "\n"
