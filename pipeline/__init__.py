"""policy-pipeline: grounded extraction from Chinese policy documents and their summaries."""

import os

__version__ = "0.1.0"

# Nothing may reach the network at run time: PyThaiNLP and the Hugging Face hub would otherwise
# try to download corpora and weights on first use. Set before either library is imported.
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

# The Python API. Imported lazily: `import pipeline` stays cheap, and the CLI's start-up is not
# slowed by models it does not use.
_API = {
    "analyze_file": "pipeline.analyze",
    "analyze_text": "pipeline.analyze",
    "compare_documents": "pipeline.align.compare",
    "compare_with_canonical": "pipeline.align.compare",
    "load_canonical": "pipeline.canonical.store",
    "load_settings": "pipeline.settings",
    "write_report": "pipeline.report.brief",
    "Record": "pipeline.schema",
    "Comparison": "pipeline.schema",
}
__all__ = sorted(_API)


def __getattr__(name: str):
    if name not in _API:
        raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_API[name]), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
