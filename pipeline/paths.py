"""Where the project's data lives, and which languages it reads. Imports nothing heavy, so the
command line can build its choices without loading pydantic or YAML."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent


def data_root() -> Path:
    """Where configs/, models/ and corpora/ are: POLICY_PIPELINE_HOME if set; else the project
    the package sits in (a checkout, an editable install); else the copy inside an installed
    package (pipeline/_data, put there by setup.py when the wheel is built)."""
    home = os.environ.get("POLICY_PIPELINE_HOME")
    if home:
        return Path(home)
    checkout = PACKAGE_ROOT.parent
    return checkout if (checkout / "configs" / "lang").is_dir() else PACKAGE_ROOT / "_data"


PROJECT_ROOT = data_root()
CONFIG_DIR = PROJECT_ROOT / "configs"


def supported_langs() -> tuple[str, ...]:
    """The languages the pipeline reads: one language file each in configs/lang/ (no list in code)."""
    return tuple(sorted(path.stem for path in (CONFIG_DIR / "lang").glob("*.yaml")))


SUPPORTED_LANGS = supported_langs()
