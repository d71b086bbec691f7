"""Turn what the user named (files, folders, URLs) into raw sources: bytes plus identity.

The raw bytes are hashed before parsing so an unchanged source is skipped without loading it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ingest.errors import LoadError
from ingest.loaders import LOADERS
from ingest.web import Networks, fetch_url

# Part of every source's version: bumped when reading or chunking changes, so re-ingesting an
# unchanged file after an upgrade replaces chunks made the old way instead of skipping it.
PIPELINE_VERSION = "2"


@dataclass(frozen=True)
class RawSource:
    source: str  # absolute path or URL: the identity of a document in the store
    data: bytes
    extension: str
    overrides: str = ""  # user-given kind/date: the same bytes ingested as another kind are a new version

    @cached_property  # hashed once: a 50 MB file is compared against the record several times
    def digest(self) -> str:
        return hashlib.sha256(self.data + f"{self.overrides}\x00{PIPELINE_VERSION}".encode()).hexdigest()


@dataclass
class Discovery:
    """What a list of user arguments expands to."""

    sources: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)


def is_url(name: str) -> bool:
    return name.lower().startswith(("http://", "https://"))


def _walk(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts):
            yield path


def discover(names: Iterable[str]) -> Discovery:
    """Expand folders recursively; report missing paths; set aside unsupported extensions."""
    found = Discovery()
    for name in names:
        if is_url(name):
            found.sources.append(name)
            continue
        path = Path(name).expanduser()
        if not path.exists():
            found.failures.append((name, "no such file or folder"))
            continue
        for file in _walk(path) if path.is_dir() else [path]:
            if file.suffix.lower() in LOADERS:
                found.sources.append(str(file.resolve()))
            else:
                found.unsupported.append(str(file))
    return found


def read_file(path: str, max_bytes: int) -> RawSource:
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > max_bytes:
            raise LoadError(f"file is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:g} MB limit")
        data = file.read_bytes()
    except OSError as error:
        raise LoadError(f"cannot read file ({error.strerror or error})") from error
    if not data.strip():
        raise LoadError("empty file")
    return RawSource(source=str(file.resolve()), data=data, extension=file.suffix.lower())


def read_source(name: str, max_bytes: int, timeout_s: float, allowed: Networks = ()) -> RawSource:
    """A file's bytes, or a URL's; addresses that are not public only inside `allowed` networks."""
    if not is_url(name):
        return read_file(name, max_bytes)
    data, extension = fetch_url(name, max_bytes, timeout_s, allowed)
    return RawSource(source=name, data=data, extension=extension)
