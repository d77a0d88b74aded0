"""Where the project's data lives, and which languages it reads. Imports nothing heavy, so the
command line can build its choices without loading pydantic or YAML."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent
# configs/ and corpora/ sit beside the package in the project; POLICY_PIPELINE_HOME overrides.
PROJECT_ROOT = Path(os.environ.get("POLICY_PIPELINE_HOME", PACKAGE_ROOT.parent))
CONFIG_DIR = PROJECT_ROOT / "configs"


def supported_langs() -> tuple[str, ...]:
    """The languages the pipeline reads: one language file each in configs/lang/ (no list in code)."""
    return tuple(sorted(path.stem for path in (CONFIG_DIR / "lang").glob("*.yaml")))


SUPPORTED_LANGS = supported_langs()
