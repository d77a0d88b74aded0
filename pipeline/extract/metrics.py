"""A language-independent key for what a target measures (`metric_id`), from the metric lexicon
in configs/metrics/: `query --metric rd_intensity` then finds Thai, Chinese and English statements
alike. A target whose wording names no metric of the lexicon keeps `metric_id: null`."""

from __future__ import annotations

import functools
from typing import Optional

import ahocorasick

from pipeline.config import metric_lexicon
from pipeline.lang.script import simplified
from pipeline.schema import Target


class MetricMatcher:
    """One automaton over every language's phrases: a target's language is not needed, and a
    Thai brief quoting "GDP growth" in English is still read."""

    def __init__(self) -> None:
        self.automaton = ahocorasick.Automaton()
        self.labels: dict[str, str] = {}
        for metric in metric_lexicon().metrics:
            self.labels[metric.id] = metric.en_label
            for phrases in metric.names.values():
                for phrase in phrases:
                    key = _key(phrase)
                    if key not in self.automaton:
                        self.automaton.add_word(key, (len(key), metric.id))
        self.automaton.make_automaton()

    def find(self, text: str) -> Optional[str]:
        """The metric of the longest phrase in the text (the earliest among equals)."""
        best: Optional[tuple[int, int, str]] = None
        for end, (length, metric_id) in self.automaton.iter(_key(text)):
            candidate = (length, -(end - length), metric_id)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
        return best[2] if best else None

    def of_target(self, target: Target) -> Optional[str]:
        """The metric phrase decides where there is one; else the target's whole text."""
        return (self.find(target.metric) if target.metric else None) or self.find(target.text)


def _key(text: str) -> str:
    return simplified(text).casefold()


@functools.lru_cache(maxsize=1)
def metric_matcher() -> MetricMatcher:
    return MetricMatcher()


def with_metric_ids(targets: list[Target]) -> list[Target]:
    matcher = metric_matcher()
    return [t.model_copy(update={"metric_id": matcher.of_target(t)}) if t.kind == "quantitative" else t
            for t in targets]
