"""How much of the machine one file may take, and the checks that loaders make against it.

A small file can describe a huge one: a 446 KB workbook with 2 million rows, a 1.6 KB sheet with a
cell at XFD8000, a zip member that inflates a thousandfold. Each loader checks what it reads
against these bounds as it reads, so a bomb is refused in seconds with a one-line reason, and the
worker process that parses (`ingest.isolation`) adds a memory limit and a wall-time limit for what
no count foresees. The bounds in force are set per parse with `applied()`.
"""

from __future__ import annotations

import contextvars
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ingest.errors import LoadError


class LimitError(LoadError):
    """A file over one of the limits: the whole file is refused, not just the part that was read."""


@dataclass(frozen=True)
class Limits:
    rows: int = 50_000  # table rows per file (each becomes a passage to embed)
    columns: int = 256  # table columns
    cells: int = 2_000_000  # table cells per file
    pages: int = 500  # PDF pages
    unzipped_mb: float = 100.0  # XLSX/DOCX: all zip members, inflated
    text_chars: int = 20_000_000  # text of one file, all pages
    seconds: float = 120.0  # wall time to read and chunk one file
    ocr_seconds: float = 30.0  # Tesseract's time for one scanned page
    memory_mb: int = 3072  # address space of the process that parses

    @property
    def unzipped_bytes(self) -> int:
        return int(self.unzipped_mb * 2**20)


_current: contextvars.ContextVar[Limits | None] = contextvars.ContextVar("limits", default=None)


def current() -> Limits:
    return _current.get() or Limits()


@contextmanager
def applied(limits: Limits) -> Iterator[Limits]:
    token = _current.set(limits)
    try:
        yield limits
    finally:
        _current.reset(token)


def check_text(text: str) -> str:
    limit = current().text_chars
    if len(text) > limit:
        raise LimitError(f"over {limit:,} characters of text, the limit per file")
    return text


class TableCounter:
    """Counts one file's table rows and cells as they are read, refusing past the limits."""

    def __init__(self) -> None:
        self.limits = current()
        self.rows = 0
        self.cells = 0

    def add(self, row: list[str], sheet: str = "") -> list[str]:
        where = f"sheet {sheet!r}: " if sheet else ""
        width = len(row)
        while width and not str(row[width - 1]).strip():
            width -= 1  # trailing empty cells are padding, not columns
        if width > self.limits.columns:
            raise LimitError(f"{where}{width:,} columns, over the {self.limits.columns:,}-column limit")
        self.rows += 1
        self.cells += width
        if self.rows > self.limits.rows:
            raise LimitError(f"over {self.limits.rows:,} table rows, the limit per file")
        if self.cells > self.limits.cells:
            raise LimitError(f"over {self.limits.cells:,} table cells, the limit per file")
        return row[:width]


def check_zip(data: bytes) -> None:
    """An Office file's zip members, declared and actual inflated sizes, within the limit before any
    parser reads them (a parser trusts neither and would inflate all)."""
    import io

    limit = current().unzipped_bytes
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip at all: the loader says what it is not
    with archive:
        members = archive.infolist()
        if len(members) > 10_000:
            raise LimitError(f"zip of {len(members):,} members")
        declared = sum(m.file_size for m in members)
        if declared > limit:
            raise LimitError(f"inflates to {declared / 2**20:,.0f} MB, over the {limit / 2**20:g} MB limit")
        total = 0
        for member in members:
            try:
                with archive.open(member) as stream:
                    while block := stream.read(2**20):
                        total += len(block)
                        if total > limit:
                            raise LimitError(f"inflates to over the {limit / 2**20:g} MB limit")
            except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
                raise LoadError(f"corrupt zip member {member.filename!r} ({type(error).__name__})") from error
