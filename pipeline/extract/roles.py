"""The decision: is a quantity mention a target, a baseline, a past statistic or someone's forecast?

Each mention gets a context — its clause and sentence, the year the text ties it to and where that
year comes from, the cue words around it — and a fixed set of features read from that context.
A logistic regression fitted on the development split (pipeline/evaluation/train_roles.py,
shipped as JSON coefficients in models/quantity_roles.json) decides target or not; without the
model file, hand-written rules decide. A mention that is no target is then a baseline (it is the
"from" of a change), a forecast (forecast cues), or a statistic.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass, field
from typing import Literal, Optional

from pydantic import BaseModel

from pipeline.config import PROJECT_ROOT, LangData, bounded_alternation
from pipeline.errors import ResourceMissing
from pipeline.extract.quantities import Mention
from pipeline.extract.times import TimeMention
from pipeline.schema import Baseline, Span
from pipeline.spans import overlaps_any, within

Role = Literal["target", "baseline", "statistic", "forecast"]
YearSource = Literal["clause_deadline", "sentence_deadline", "heading_scope", "scope", "clause_year", "sentence_year", "current",
                     "paragraph_deadline", "paragraph_year", "heading", "frame", "horizon", "document"]
MODEL_PATH = PROJECT_ROOT / "models" / "quantity_roles.json"
CUE_KINDS = ("target", "future", "past", "forecast", "derived", "source", "other")
# The sentence the embedding reads is cut at this many characters (a long sentence is a list).
EMBEDDED_CHARS = 300
FEATURES = [
    "year_clause_deadline", "year_sentence_deadline", "year_heading_scope", "year_scope", "year_heading", "year_clause_plain",
    "year_sentence_plain", "year_paragraph_deadline", "year_paragraph_plain", "year_frame", "year_horizon", "year_current", "year_document", "year_none", "year_future", "year_past",
    "past_year_in_clause", "cue_target", "cue_future", "cue_past", "cue_forecast", "cue_derived",
    "cue_source", "cue_other", "cue_target_sentence", "cue_future_sentence", "cue_past_sentence", "cue_forecast_sentence",
    "cue_other_sentence",
    "comparator_written", "range", "unit_percent", "unit_currency", "unit_physical", "unit_count", "bare_number",
    "counted_noun",
    "growth", "baseline", "changes_to", "in_heading", "in_list_item", "goal_section", "mentions_in_clause",
    "first_in_clause", "lead_paragraph", "conversion", "derived_before", "before_deadlines", "rule_target",
]


@dataclass
class QuantityContext:
    mention: Mention
    clause: Span
    sentence: Span
    paragraph: Span                     # the block (paragraph, list item) the amount is in
    year: Optional[int] = None
    year_source: Optional[YearSource] = None
    baseline_of: Optional[int] = None          # index of the mention this one is the starting point of
    baseline: Optional[Baseline] = None        # this mention's own starting point
    counted_noun: bool = False          # a bare number whose clause names what it counts ("patents reach 80")
    conversion: bool = False            # an amount in brackets restating the one before it: "(US$190 billion)"
    structure_count: bool = False       # a count of the document's own parts: "20项主要指标", "eight tasks"
    derived_before: bool = False        # a derived-amount cue right before it: "比上年增加", "up from"
    in_heading: bool = False
    in_list_item: bool = False
    goal_section: bool = False
    lead_paragraph: bool = False
    reference_years: list[Span] = field(default_factory=list)   # "比2020年": base years, not past statistics
    features: dict[str, float] = field(default_factory=dict)


class Cues:
    """The language's cue words, compiled once."""

    def __init__(self, data: LangData) -> None:
        flags = re.IGNORECASE if data.case_insensitive else 0
        self.patterns = {kind: re.compile(bounded_alternation(data.role_cues.get(kind, [])) or "(?!)", flags)
                         for kind in CUE_KINDS}
        self.growth = re.compile(bounded_alternation(data.growth_words) or "(?!)", flags)

    def count(self, kind: str, text: str, span: Span, skip: Span) -> int:
        """Cue words of `kind` in `span` outside `skip` (the amount itself)."""
        return sum(1 for m in self.patterns[kind].finditer(text, *span) if not (skip[0] <= m.start() < skip[1]))


def featurize(ctx: QuantityContext, text: str, cues: Cues, doc_year: Optional[int], mentions_in_clause: int,
              first_in_clause: bool, times: list[TimeMention], first_deadline: Optional[int] = None) -> dict[str, float]:
    """The features of one amount. `first_deadline`: the earliest deadline year the document sets;
    an amount tied to a plain year before it is likely a statistic, even where the document's own
    year is unknown ("2023年，全市产量达到180万辆。…到2027年，…")."""
    m = ctx.mention
    skip = m.span
    f = {name: 0.0 for name in FEATURES}
    if ctx.year_source is None:
        f["year_none"] = 1.0
    else:
        key = {"clause_deadline": "year_clause_deadline", "sentence_deadline": "year_sentence_deadline",
               "heading_scope": "year_heading_scope", "scope": "year_scope", "heading": "year_heading",
               "clause_year": "year_clause_plain",
               "sentence_year": "year_sentence_plain", "frame": "year_frame",
               "current": "year_current", "paragraph_deadline": "year_paragraph_deadline",
               "paragraph_year": "year_paragraph_plain", "horizon": "year_horizon", "document": "year_document"}[ctx.year_source]
        f[key] = 1.0
    if ctx.year is not None and doc_year is not None:
        f["year_future"] = float(ctx.year >= doc_year)
        f["year_past"] = float(ctx.year < doc_year)
    reference = ctx.year or doc_year
    if reference is not None:
        f["past_year_in_clause"] = float(any(
            t.kind == "year" and t.year is not None and t.year < reference and within(t.span[0], ctx.clause)
            and not (ctx.baseline and ctx.baseline.year == t.year)
            and not overlaps_any(t.span, ctx.reference_years)
            for t in times))
    for kind in ("target", "future", "past", "forecast", "derived", "source", "other"):
        f[f"cue_{kind}"] = float(min(cues.count(kind, text, ctx.clause, skip), 2))
    for kind in ("target", "future", "past", "forecast", "other"):
        f[f"cue_{kind}_sentence"] = float(min(cues.count(kind, text, ctx.sentence, skip), 2))
    f["comparator_written"] = float(m.comparator_written and m.comparator != "range")
    f["range"] = float(m.value_max is not None)
    unit = m.unit
    f["unit_percent"] = float(unit == "percent")
    f["unit_currency"] = float(unit in ("CNY", "USD", "THB", "EUR"))
    f["unit_count"] = float(unit == "count")
    f["bare_number"] = float(unit is None and not ctx.counted_noun)
    f["counted_noun"] = float(unit is None and ctx.counted_noun)
    f["unit_physical"] = float(unit not in (None, "percent", "count", "CNY", "USD", "THB", "EUR"))
    f["growth"] = float(bool(cues.growth.search(text, *ctx.clause)))
    f["baseline"] = float(ctx.baseline_of is not None)
    f["changes_to"] = float(ctx.baseline is not None)
    f["in_heading"] = float(ctx.in_heading)
    f["in_list_item"] = float(ctx.in_list_item)
    f["goal_section"] = float(ctx.goal_section)
    f["mentions_in_clause"] = float(min(mentions_in_clause, 4)) / 4
    f["first_in_clause"] = float(first_in_clause)
    f["lead_paragraph"] = float(ctx.lead_paragraph)
    f["before_deadlines"] = float(first_deadline is not None and ctx.year is not None and ctx.year < first_deadline
                                  and ctx.year_source in ("clause_year", "sentence_year", "paragraph_year"))
    f["conversion"] = float(ctx.conversion)
    f["derived_before"] = float(ctx.derived_before)
    f["rule_target"] = rule_score(f)   # the hand-written decision, as evidence the model weighs
    return f


class RoleModel(BaseModel):
    """Logistic regression weights over FEATURES and, when `encoder` is set, over the sentence's
    embedding by that encoder (the target-or-not decision)."""

    features: list[str]
    coef: list[float]
    intercept: float
    encoder: Optional[str] = None
    embedding_coef: list[float] = []
    threshold: float = 0.5
    rule_threshold: float = 0.5   # an amount the rules call a target needs only this much
    # A language's own threshold (for both), where dev cross-validation chose one apart: the cues
    # differ by language (Thai marks no tense; English marks it on every verb), and so does how
    # much evidence an amount needs.
    language_thresholds: dict[str, float] = {}
    trained_on: str = ""
    training_examples: dict[str, int] = {}

    def for_language(self, lang: str) -> "RoleModel":
        """The model with the thresholds it decides `lang` by."""
        own = self.language_thresholds.get(lang)
        return self if own is None else self.model_copy(update={"threshold": own, "rule_threshold": own})

    def probability(self, features: dict[str, float], embedding=None) -> float:
        logit = self.intercept + sum(w * features.get(name, 0.0) for name, w in zip(self.features, self.coef))
        if self.encoder is not None and embedding is not None:
            logit += float(sum(w * x for w, x in zip(self.embedding_coef, embedding)))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, logit))))


@functools.lru_cache(maxsize=2)
def load_role_model(path: str = str(MODEL_PATH)) -> Optional[RoleModel]:
    from pathlib import Path

    file = Path(path)
    if not file.is_file():
        return None
    model = RoleModel.model_validate(json.loads(file.read_text(encoding="utf-8")))
    if model.features != FEATURES:
        raise ResourceMissing(f"{file}: fitted on other features; retrain with `python -m pipeline.evaluation.train_roles`")
    return model


_OVERRIDE: list[Optional[RoleModel]] = []


def current_role_model() -> Optional[RoleModel]:
    """The fitted model, unless an ablation asked for the rules alone (`rules_only`)."""
    return _OVERRIDE[-1] if _OVERRIDE else load_role_model()


class rules_only:
    """`with rules_only(): ...` decides by the hand-written rules, for the ablation in `make eval`."""

    def __enter__(self):
        _OVERRIDE.append(None)

    def __exit__(self, *exc):
        _OVERRIDE.pop()


def rule_score(f: dict[str, float]) -> float:
    """The hand-written decision, kept as the baseline of the fitted one: a target is an amount
    tied to a coming year, or stated as a goal, with no cue of a past value, a forecast or a
    derived amount, and not the starting point of a change."""
    derived = f["cue_derived"] and not f["changes_to"]  # "from 7.8% to 10%" is a change, not a derived amount
    if (f["baseline"] or f["cue_forecast"] or derived or f["past_year_in_clause"] or f["year_past"]
            or f["before_deadlines"]):
        return 0.0
    if f["in_heading"]:
        return 0.0
    tied = (f["year_clause_deadline"] or f["year_sentence_deadline"] or f["year_heading_scope"] or f["year_scope"]
            or f["year_current"]
            or ((f["year_heading"] or f["year_frame"]) and (f["goal_section"] or f["in_list_item"] or f["cue_target"]
                                                            or f["cue_future"])))
    stated = f["cue_target"] or f["cue_future"] or f["goal_section"]
    if tied and not (f["cue_past"] and not stated):
        return 1.0
    if stated and (f["year_clause_plain"] or f["year_sentence_plain"]) and f["year_future"]:
        return 1.0
    return 0.0


def sentence_embeddings(model: Optional[RoleModel], texts: list[str], lang: str):
    """Embeddings of the sentences the model reads (one row per text), or None without one."""
    if model is None or model.encoder is None or not texts:
        return None
    from pipeline.lang.encoders import get_encoder

    unique = sorted(set(texts))
    rows = get_encoder(model.encoder).encode(unique, [lang] * len(unique))
    index = {t: i for i, t in enumerate(unique)}
    return [rows[index[t]] for t in texts]


def decide(features: dict[str, float], model: Optional[RoleModel], embedding=None) -> tuple[bool, float]:
    """(is a target, score) by the fitted model, or by the rules when there is none. The starting
    point of a change ("from 7.8% in 2020 to 10%") is a baseline by construction, whatever scores."""
    if features["baseline"] or features["conversion"] or features["derived_before"]:
        return False, 0.0
    if model is None:
        score = rule_score(features)
        return score >= 0.5, score
    p = model.probability(features, embedding)
    # Rules plus classifier: an amount with a unit that the rules call a target and that a deadline
    # in its clause, its sentence or its heading ties to a year stands; another one the rules call a
    # target stands unless the model is confident it is not; the rest the model alone decides.
    rule = features["rule_target"] >= 0.5
    tied = features["year_clause_deadline"] or features["year_sentence_deadline"] or features["year_heading_scope"]
    if rule and tied and not features["bare_number"]:
        return True, max(p, model.threshold)
    return p >= model.threshold or (rule and p >= model.rule_threshold), p


def non_target_role(features: dict[str, float]) -> Role:
    if features["baseline"]:
        return "baseline"
    if features["conversion"] or features["derived_before"]:
        return "statistic"
    if features["cue_forecast"] or features["cue_forecast_sentence"]:
        return "forecast"
    return "statistic"
