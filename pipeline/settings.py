"""The pipeline's user-tunable settings, in three layers: the packaged defaults
(configs/pipeline/settings.yaml), a user file that sets only the keys it changes, and dotted-path
overrides (`--set extract.roles.threshold=0.8`), each layer deep-merged over the one before.

`Settings` is frozen and forbids unknown keys, so a misspelt key is an error naming it, never a
setting silently ignored. It is a value passed down (`analyze_file(path, settings=...)`; a batch
task carries it to its worker), never process state: two calls with different settings in one
process do not see each other's. Where a setting is null the fitted model's own value stands.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Any, Optional, Sequence

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pipeline.config import CONFIG_DIR, _load_yaml
from pipeline.errors import ConfigError

PACKAGED = CONFIG_DIR / "pipeline" / "settings.yaml"

Probability = Annotated[float, Field(ge=0.0, le=1.0)]


class _Section(BaseModel):
    # strict: `carry_chars: true` or `threshold: "0.8"` is refused, not coerced. No field has a
    # default here: the packaged file states every one, so the defaults live in one place.
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class TargetSettings(_Section):
    carry_chars: int = Field(ge=0)


class RoleSettings(_Section):
    threshold: Optional[Probability]
    rule_threshold: Optional[Probability]


class ExtractSettings(_Section):
    targets: TargetSettings
    roles: RoleSettings


class AlignSettings(_Section):
    encoder: str
    threshold: Optional[Probability]
    merge_threshold: Optional[Probability]

    @field_validator("encoder")
    @classmethod
    def _known_encoder(cls, name: str) -> str:
        from pipeline.lang.encoders import ENCODERS

        if name not in ENCODERS:
            raise ValueError(f"unknown encoder {name!r}; choose one of {', '.join(ENCODERS)}")
        return name


class BatchSettings(_Section):
    workers: int = Field(ge=1)
    in_flight_per_worker: int = Field(ge=1)


class Settings(_Section):
    extract: ExtractSettings
    align: AlignSettings
    batch: BatchSettings


@functools.lru_cache(maxsize=1)
def _packaged() -> dict:
    return _load_yaml(PACKAGED)


@functools.lru_cache(maxsize=1)
def default_settings() -> Settings:
    """The packaged defaults."""
    return _validated(_packaged(), str(PACKAGED))


def load_settings(config: Optional[str | Path] = None, overrides: Sequence[str] = ()) -> Settings:
    """The packaged defaults, overlaid by the user file `config` (if any), overlaid by each
    `dotted.path=value` of `overrides` in turn (a value is read as YAML: 0.8, true, null, 200)."""
    data, settings = _packaged(), default_settings()
    if config is not None:
        data = merged(data, _user_file(Path(config)))
        settings = _validated(data, str(config))
    for item in overrides:   # each checked as it comes, so an error names the --set that made it
        data = merged(data, parse_override(item))
        settings = _validated(data, f"--set {item if item.isprintable() else repr(item)}")
    return settings


def parse_override(item: str) -> dict:
    """"extract.roles.threshold=0.8" -> {"extract": {"roles": {"threshold": 0.8}}}."""
    path, sep, value = item.partition("=")
    keys = path.strip().split(".")
    if not sep or not all(keys):
        raise ConfigError(f"--set {item!r}: expected dotted.path=value, e.g. --set extract.roles.threshold=0.8")
    try:
        parsed: Any = yaml.safe_load(value)
    except yaml.YAMLError as exc:
        raise ConfigError(f"--set {path}: the value {value!r} is not valid YAML ({exc.__class__.__name__})") from exc
    for key in reversed(keys):
        parsed = {key: parsed}
    return parsed


def merged(base: dict, over: dict) -> dict:
    """`over` deep-merged into a copy of `base`: a mapping merges key by key, anything else replaces."""
    out = dict(base)
    for key, value in over.items():
        out[key] = merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def overriding(model, **values):
    """A fitted model (pydantic) with the settings that are set (not None) in place of its own values."""
    update = {name: value for name, value in values.items() if value is not None}
    return model.model_copy(update=update) if model is not None and update else model


def _user_file(path: Path) -> dict:
    """A user's settings file: YAML, a mapping (an empty file sets nothing)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not a UTF-8 text file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: settings file cannot be read ({exc.strerror or exc})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{path}: not valid YAML{where} ({exc.__class__.__name__})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings at the top level, e.g. extract: {{roles: {{threshold: 0.8}}}}")
    return data


def _validated(data: dict, source: str) -> Settings:
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        path = ".".join(map(str, error["loc"]))
        if error["type"] == "extra_forbidden":
            raise ConfigError(f"{source}: unknown setting {path!r}; known: {', '.join(_known(error['loc'][:-1]))}") from None
        message = error["msg"].removeprefix("Value error, ")
        if source.startswith(f"--set {path}="):    # the value is on the line already
            raise ConfigError(f"{source}: {message}") from None
        raise ConfigError(f"{source}: {path}: {message} (got {error['input']!r})") from None


def _known(parent: tuple) -> list[str]:
    """The dotted names of the settings under `parent`, from the packaged file."""
    node: Any = _packaged()
    for key in parent:
        node = node.get(key) if isinstance(node, dict) else None
    prefix = "".join(f"{key}." for key in parent)
    if not isinstance(node, dict):
        return []
    return [f"{prefix}{key}" for key in node]
