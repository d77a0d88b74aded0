"""policy-pipeline: grounded extraction from Chinese policy documents and their summaries."""

import os

__version__ = "0.1.0"

# Nothing may reach the network at run time: PyThaiNLP and the Hugging Face hub would otherwise
# try to download corpora and weights on first use. Set before either library is imported.
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
