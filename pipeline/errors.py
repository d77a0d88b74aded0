"""One catalogue of the errors a user can meet; each carries a one-line, human reason."""

from __future__ import annotations


class PipelineError(Exception):
    """Base class: the message is shown to the user as is, on one line."""

    exit_code = 2


class IngestError(PipelineError):
    """A file could not be read into a document (missing, empty, binary, undecodable)."""


class UnsupportedFormat(IngestError):
    """The file's extension names no reader."""


class ConfigError(PipelineError):
    """A configuration or language data file is missing or malformed."""


class ResourceMissing(PipelineError):
    """A bundled model or corpus that a stage needs is not installed."""
