"""One settings object for every entry point (CLI, UI, Python API).

Read from `LAYOFFQA_*` environment variables (and a `.env` file) so that the same
code runs on a laptop and against a Chroma server or a remote LLM with no code change.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from platformdirs import user_cache_path
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

GeneratorName = Literal["auto", "local", "openai", "extractive"]


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "layoffqa"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LAYOFFQA_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default_factory=_default_data_dir)

    # ingestion
    chunk_size: int = 800
    chunk_overlap: int = 120
    embed_batch_size: int = 64
    max_file_mb: float = 50.0
    url_timeout_s: float = 20.0  # the whole download, redirects included
    # what one file may take when it is read (see ingest/limits.py); each over-limit file is refused
    # with a one-line reason and the batch goes on
    max_rows: int = 50_000
    max_columns: int = 256
    max_cells: int = 2_000_000
    max_pages: int = 500
    max_unzipped_mb: float = 100.0
    max_text_chars: int = 20_000_000
    parse_timeout_s: float = 120.0
    parse_memory_mb: int = 3072
    # URLs on loopback, private or link-local addresses are refused, except in these networks
    # ("10.1.2.0/24", "192.168.0.7") or, with allow_private_urls, anywhere
    allowed_url_networks: list[str] = Field(default_factory=list)
    allow_private_urls: bool = False

    # Chroma server mode: set a URL (http://host:port) or host to leave embedded mode.
    chroma_url: str | None = None
    chroma_headers: dict[str, str] = Field(default_factory=dict)
    collection: str = "layoffqa"

    # answering
    k: int = 5
    generator: GeneratorName = "auto"
    min_relevance: float = 0.3
    model_path: Path | None = None
    # Models are shared by every data dir (a project per client needs no second 1.1 GB copy).
    model_dir: Path = Field(default_factory=lambda: user_cache_path("layoffqa") / "models")
    llm_threads: int = Field(default_factory=lambda: max(1, os.cpu_count() or 1))
    llm_context: int = 4096
    max_tokens: int = 256
    openai_base_url: str | None = None
    openai_model: str = "local-model"
    openai_api_key: str | None = None
    query_timeout_s: float = 10.0  # a table query running longer is stopped; passages answer instead
    # who writes table queries: the built-in planner, or the answering LLM (checked, with the planner
    # as fallback). The 1.5B local model wrote a wrong query for 3 of 4 dev questions: planner it is.
    table_sql: Literal["planner", "model"] = "planner"

    @field_validator("allowed_url_networks")
    @classmethod
    def _networks_parse(cls, value: list[str]) -> list[str]:
        from ingest.web import networks

        networks(value)  # a typo fails at start-up, naming itself
        return value

    @property
    def url_networks(self) -> tuple:
        """The networks URLs may reach beyond the public internet."""
        from ingest.web import EVERYWHERE, networks

        return EVERYWHERE if self.allow_private_urls else networks(self.allowed_url_networks)

    @property
    def limits(self):
        """The bounds a file is read under (ingest.Limits)."""
        from ingest.limits import Limits

        return Limits(
            rows=self.max_rows,
            columns=self.max_columns,
            cells=self.max_cells,
            pages=self.max_pages,
            unzipped_mb=self.max_unzipped_mb,
            text_chars=self.max_text_chars,
            seconds=self.parse_timeout_s,
            memory_mb=self.parse_memory_mb,
        )

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def keyword_dir(self) -> Path:
        return self.data_dir / "keyword"

    @property
    def tables_path(self) -> Path:
        """The typed copy of the ingested tables, rebuilt from the store when it changes."""
        return self.data_dir / "tables.duckdb"

    @property
    def models_dir(self) -> Path:
        return self.model_dir

    @property
    def lock_path(self) -> Path:
        return self.data_dir / "ingest.lock"
