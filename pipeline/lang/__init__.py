from pipeline.lang.detect import detect_languages

__all__ = ["detect_languages"]
