"""Load files and URLs into documents with metadata, then into chunks. Knows nothing of storage."""

from ingest.chunks import make_splitter, to_chunks
from ingest.errors import LoadError
from ingest.kinds import KINDS
from ingest.loaders import LOADERS
from ingest.sources import Discovery, RawSource, discover, is_url, read_source


def load(raw: RawSource):
    """Parse a raw source with the loader for its extension (raises LoadError with the reason)."""
    return LOADERS[raw.extension](raw.data, raw.source)


__all__ = [
    "KINDS",
    "LOADERS",
    "Discovery",
    "LoadError",
    "RawSource",
    "discover",
    "is_url",
    "load",
    "make_splitter",
    "read_source",
    "to_chunks",
]
