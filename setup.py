"""Packaging: the wheel carries the data the pipeline reads at run time — the language files and
gazetteer (configs/), the fitted models (models/) and the canonical records (corpora/canonical/) —
under pipeline/_data, so a pipeline installed outside the project folder works. Everything else
is declared in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
RUNTIME_DATA = ("configs", "models", "corpora/canonical")


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the data where it is, in the project
        for name in RUNTIME_DATA:
            shutil.copytree(ROOT / name, Path(self.build_lib) / "pipeline" / "_data" / name,
                            dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))


setup(cmdclass={"build_py": BuildWithData})
