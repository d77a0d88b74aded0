from pipeline.normalize.text import Normalized, normalize

__all__ = ["Normalized", "normalize"]
