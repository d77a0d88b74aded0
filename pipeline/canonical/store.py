"""Finding, loading, saving and building canonical records."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from pipeline.canonical.model import (
    CanonicalChapter, CanonicalGoal, CanonicalMeasure, CanonicalRecord, CanonicalTarget, Identity, NamedEntity,
)
from pipeline.config import PROJECT_ROOT
from pipeline.errors import ConfigError
from pipeline.schema import Record

CANONICAL_DIR = PROJECT_ROOT / "corpora" / "canonical"
RECORD_FILE = "record.yaml"


def find_canonical(name_or_path: str) -> Path:
    """A bundled record by name (`western-science-city`), or a path to a record file or folder."""
    path = Path(name_or_path)
    candidates = [path, path / RECORD_FILE, CANONICAL_DIR / name_or_path / RECORD_FILE]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    bundled = sorted(p.name for p in CANONICAL_DIR.iterdir() if (p / RECORD_FILE).is_file()) if CANONICAL_DIR.is_dir() else []
    raise ConfigError(f"{name_or_path}: no canonical record by that name or path (bundled: {', '.join(bundled) or 'none'})")


def load_canonical(name_or_path: str) -> CanonicalRecord:
    path = find_canonical(name_or_path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return CanonicalRecord.model_validate(data)
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not a UTF-8 text file") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc.__class__.__name__})") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ConfigError(f"{path}: {'.'.join(map(str, first['loc']))}: {first['msg']}") from exc


def dump_canonical(record: CanonicalRecord) -> str:
    data = record.model_dump(mode="json", exclude_defaults=False)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def build_canonical(record: Record, name: str) -> CanonicalRecord:
    """A canonical record from an analysed document, to be checked and edited by hand. Nothing
    is verified until a person says so."""
    lang = record.document.lang
    dated = next((d.iso for d in record.dates if d.role == "dated"), None)
    published = next((d.iso for d in record.dates if d.role == "published"), None)
    chapter_ids = {c.id: c.id for c in record.chapters}
    seen: set[str] = set()
    entities = []
    for e in record.entities:
        if e.canonical_id and e.canonical_id not in seen and e.source != "gloss":
            seen.add(e.canonical_id)
            entities.append(NamedEntity(id=e.canonical_id, type=e.type, names={lang: e.text}, source=record.document.source))
    return CanonicalRecord(
        name=name, lang=lang,
        identity=Identity(title={lang: record.document.title or record.document.id}, dated=dated, published=published,
                          source=record.document.source),
        issuers=[NamedEntity(id=e.canonical_id or e.text, type=e.type, names={lang: e.text}) for e in record.issuers],
        entities=entities,
        chapters=[CanonicalChapter(id=c.id, label=c.label, title={lang: c.title}) for c in record.chapters],
        measures=[CanonicalMeasure(id=m.id, chapter=chapter_ids.get(m.chapter or ""), title={lang: m.title},
                                   body={lang: record.document.text[m.title_span[1]:m.span[1]].strip(" \n。.")})
                  for m in record.measures],
        goals=[CanonicalGoal(id=t.id, year=t.year, text={lang: t.text}) for t in record.targets if t.kind == "qualitative"],
        targets=[CanonicalTarget(id=t.id, text={lang: t.text}, metric={lang: t.metric or ""}, value=t.value, unit=t.unit,
                                 per=t.per, comparator=t.comparator, year=t.year, growth=t.growth, baseline=t.baseline)
                 for t in record.targets if t.kind == "quantitative" and t.value is not None and t.unit],
    )
