"""Turn what the user named (files, folders, URLs) into raw sources: bytes plus identity.

The raw bytes are hashed before parsing so an unchanged source is skipped without loading it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import requests

from ingest.errors import LoadError
from ingest.loaders import CONTENT_TYPES, LOADERS

USER_AGENT = "layoffqa/0.1 (+offline document assistant)"
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


def fetch_url(url: str, max_bytes: int, timeout_s: float) -> RawSource:
    """Download with a timeout and a size cap; the content type picks the loader."""
    try:
        with requests.get(
            url, timeout=(min(timeout_s, 10), timeout_s), stream=True, headers={"User-Agent": USER_AGENT}
        ) as response:
            if response.status_code != 200:
                raise LoadError(f"HTTP {response.status_code} {response.reason or ''}".strip())
            chunks, size = [], 0
            for chunk in response.iter_content(65536):
                size += len(chunk)
                if size > max_bytes:
                    raise LoadError(f"download over the {max_bytes / 2**20:g} MB limit")
                chunks.append(chunk)
            content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    except requests.TooManyRedirects as error:
        raise LoadError("too many redirects") from error
    except requests.Timeout as error:
        raise LoadError(f"timed out after {timeout_s:g} s") from error
    except requests.RequestException as error:
        raise LoadError(f"unreachable ({error.__class__.__name__})") from error
    extension = CONTENT_TYPES.get(content_type) or Path(url.split("?")[0]).suffix.lower()
    if extension not in LOADERS:
        raise LoadError(f"unsupported content type {content_type or 'unknown'!r}")
    return RawSource(source=url, data=b"".join(chunks), extension=extension)


def read_source(name: str, max_bytes: int, timeout_s: float) -> RawSource:
    return fetch_url(name, max_bytes, timeout_s) if is_url(name) else read_file(name, max_bytes)
