"""What an answer is made of: the passages it cites and the checks it passed."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


class InputError(ValueError):
    """A question, date or filter the user gave that cannot be used; str() is a one-line reason
    safe to show (it names the input, never the program's state)."""


@dataclass
class Citation:
    """A numbered passage given to the generator; [n] in the answer text points at it."""

    n: int
    title: str
    source: str
    page: int | None
    date: str
    kind: str
    text: str
    score: float
    id: str = ""
    period: str = ""  # what the document covers: "2023-12", "2023" or ""
    section: str = ""  # heading path inside the document
    context: str = ""  # title · period · section, as shown and embedded
    lead: bool = False  # the opening chunk of its section
    record: bool = False  # a table's row, however it is worded: it gives figures, never a reason

    @classmethod
    def from_chunk(cls, n: int, chunk_id: str, text: str, metadata: dict, score: float) -> Citation:
        return cls(
            n=n,
            title=metadata.get("title", ""),
            source=metadata.get("source", ""),
            page=metadata.get("page"),
            date=metadata.get("date", ""),
            kind=metadata.get("kind", ""),
            text=text,
            score=round(score, 4),
            id=chunk_id,
            period=metadata.get("period", ""),
            section=metadata.get("section", ""),
            context=metadata.get("context", ""),
            lead=bool(metadata.get("lead", False)),
            record=bool(metadata.get("columns")),
        )

    def public(self) -> dict:
        data = asdict(self)
        data.pop("id")
        data.pop("lead")
        data.pop("record")
        return data


@dataclass
class Sources:
    """The passages an answer is about to be written from, yielded by `stream` before its first
    word, so a reader sees the evidence (and its best sentence) while the model is still reading."""

    passages: list[Citation]
    evidence: dict[int, str] = field(default_factory=dict)  # passage n -> its best sentence


@dataclass
class Answer:
    text: str
    citations: list[Citation] = field(default_factory=list)
    refused: bool = False
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    question: str = ""
    retrieved: list[Citation] = field(default_factory=list)  # every passage given, cited or not
    # answers from a table: the checked query, its result and the chart that shows it
    sql: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    chart: dict | None = None

    def records(self) -> list[dict]:
        """The result rows as {column: value}, values JSON-ready (dates as ISO)."""
        return [{c: _plain(v) for c, v in zip(self.columns, row, strict=True)} for row in self.rows]

    def to_json(self) -> dict:
        """The stable JSON shape of `layoffqa ask --json`."""
        return {
            "question": self.question,
            "answer": self.text,
            "refused": self.refused,
            "citations": [c.public() for c in self.citations],
            "warnings": list(self.warnings),
            "timings": {
                k: round(self.timings.get(k, 0.0), 1) for k in ("retrieve_ms", "generate_ms", "total_ms")
            },
            **({"sql": self.sql, "rows": self.records()} if self.sql else {}),
        }


def _plain(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value
