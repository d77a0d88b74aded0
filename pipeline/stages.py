"""The record's extraction stages, run in the order configs/pipeline/default.yaml gives (`record:`).

A stage reads the prepared document (text, segments, times, dates, amounts: `analyze.prepare`)
and the items earlier stages set, and sets items of the record. Like a spaCy component it declares
what it needs and what it sets, and the configured order is checked when it is loaded, so a stage
listed before the one it needs is refused with both named instead of failing on a missing key:

    record: [targets, entities, issuers, metric_ids, measures, glosses]

A plug-in adds a stage with `@registry.record_stages("name")` on a `Stage`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from pipeline.config import CONFIG_DIR, _load_yaml
from pipeline.errors import ConfigError
from pipeline.registry import registry

if TYPE_CHECKING:
    from pipeline.analyze import Prepared

# What `prepare` sets before any stage runs: the dates (amounts are read around them).
PREPARED = ("dates",)


@dataclass(frozen=True)
class Stage:
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[["Prepared", dict], dict]


def _targets(prepared: "Prepared", items: dict) -> dict:
    targets, quantities = prepared.readers.targets.extract(prepared.reading)
    return {"targets": targets, "quantities": quantities}


def _entities(prepared: "Prepared", items: dict) -> dict:
    from pipeline.extract.entities import doc_entities

    return {"entities": doc_entities(prepared.processed, prepared.data, keep=prepared.zone)}


def _issuers(prepared: "Prepared", items: dict) -> dict:
    reading = prepared.reading
    body = [b for b in reading.blocks if b.kind not in ("title", "boilerplate", "metadata")]
    datelines = [d.span for d in prepared.dates if d.role == "dateline"]
    return {"issuers": prepared.readers.issuers.find(reading.text, items["entities"], body, prepared.zone,
                                                     prepared.title_span, datelines)}


def _metric_ids(prepared: "Prepared", items: dict) -> dict:
    from pipeline.extract.metrics import with_metric_ids

    return {"targets": with_metric_ids(items["targets"])}


def _measures(prepared: "Prepared", items: dict) -> dict:
    from pipeline.extract.measures import with_entities

    structure = prepared.reading.structure
    return {"chapters": structure.chapters, "measures": with_entities(structure.measures, items["entities"])}


def _glosses(prepared: "Prepared", items: dict) -> dict:
    from pipeline.extract.glosses import gazetteer_glosses

    ids = (e.canonical_id for e in [*items["issuers"], *items["entities"]] if e.canonical_id)
    return {"glosses": gazetteer_glosses(ids)}


TARGETS = Stage((), ("targets", "quantities"), _targets)
ENTITIES = Stage((), ("entities",), _entities)
ISSUERS = Stage(("entities",), ("issuers",), _issuers)
METRIC_IDS = Stage(("targets",), ("targets",), _metric_ids)
MEASURES = Stage(("entities",), ("chapters", "measures"), _measures)
GLOSSES = Stage(("entities", "issuers"), ("glosses",), _glosses)


@functools.lru_cache(maxsize=1)
def record_stages() -> tuple[tuple[str, Stage], ...]:
    """The configured stages, in order, each checked to come after the stages it needs."""
    path = CONFIG_DIR / "pipeline" / "default.yaml"
    names = _load_yaml(path).get("record")
    if not isinstance(names, list) or not names:
        raise ConfigError(f"{path}: record: a list of the record's extraction stages is required")
    return check_order(names, path)


def check_order(names: list[str], path) -> tuple[tuple[str, Stage], ...]:
    available, out = set(PREPARED), []
    for name in names:
        stage = registry.record_stages.get(name)
        missing = [need for need in stage.requires if need not in available]
        if missing:
            raise ConfigError(f"{path}: record: stage {name!r} needs {', '.join(missing)}, "
                              f"which no stage before it sets")
        available.update(stage.assigns)
        out.append((name, stage))
    return tuple(out)


def run_stages(prepared: "Prepared") -> dict:
    """The record's items: what `prepare` read, then what each stage sets."""
    items: dict = {"dates": prepared.dates}
    for _, stage in record_stages():
        items.update(stage.run(prepared, items))
    return items
