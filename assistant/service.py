"""The answer service behind the Python API, the CLI and the UI.

question (+ history) -> standalone question -> hybrid retrieval -> relevance gate -> generator
-> citation and figure checks -> Answer. Refusals happen before the LLM runs when retrieval
cannot support an answer, which is also the fastest path. An aggregate question over an ingested
table (a total, a count, a ranking) takes the table path first: the database computes the figure.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Iterator

import prompts
from assistant.answering.basis import basis_miss
from assistant.answering.citations import CheckedAnswer, CheckedSentence, check_citations
from assistant.answering.generators import Generator, factory
from assistant.answering.grounding import enforce
from assistant.answering.measures import answers, measured, near_miss
from assistant.answering.refusals import is_refusal
from assistant.answering.sentences import ScoredSentence, SentenceRanker
from assistant.datasets.answerer import TableAnswer, TableAnswerer, TableQueryFailed
from assistant.datasets.overview import TableOverview, overview
from assistant.ingestion import resolve_sources
from assistant.query import Query, as_query, parse
from assistant.retrieval.gate import refusal_reason
from assistant.retrieval.hybrid import HybridRetriever, KeywordIndexCache
from assistant.settings import Settings
from assistant.types import Answer, Citation, InputError, Sources
from assistant.wiring import open_store
from ingest.dates import impossible_dates, parse_user_date
from vectorstore import FILTER_KEYS
from vectorstore.tables import TableCache

log = logging.getLogger("layoffqa")
MEASURE_NOTE = (
    "The generated answer gave no figure of the kind asked; the source's own sentence is quoted instead."
)
MAX_QUESTION_CHARS = 2000  # a question, not a document: longer is refused before any parsing


def check_question(question: str) -> None:
    """Refuse, with a one-line reason, a question no stage should spend time on."""
    if len(question) > MAX_QUESTION_CHARS:
        raise InputError(f"the question is {len(question):,} characters long; at most {MAX_QUESTION_CHARS:,}")
    if bad := impossible_dates(question):
        raise InputError(f"{bad[0]!r} is not a date (that month has fewer days)")


class Assistant:
    def __init__(
        self,
        settings: Settings | None = None,
        *,
        data_dir=None,
        generator: str | None = None,
        k: int | None = None,
    ):
        settings = settings or Settings()
        updates = {"data_dir": data_dir, "generator": generator, "k": k}
        # validated, not copied: a data_dir given as a string must become a Path like any setting
        changes = {k_: v for k_, v in updates.items() if v is not None}
        self.settings = Settings.model_validate({**settings.model_dump(), **changes}) if changes else settings
        self.store = open_store(self.settings)
        self.keyword = KeywordIndexCache(self.store, self.settings.keyword_dir)
        self.ranker = SentenceRanker(self.store.embeddings)
        self.tables = TableAnswerer(
            TableCache(self.store, self.settings.tables_path), self.settings.query_timeout_s
        )
        self.notices: list[str] = []
        self._generators: dict[str, Generator] = {}
        self._lock = threading.Lock()

    def generator(self, name: str | Generator | None = None) -> Generator:
        """A generator by name (built once, then reused), or the given Generator object itself."""
        if name is not None and not isinstance(name, str):
            return name
        concrete, notice = factory.resolve(name or self.settings.generator, self.settings)
        with self._lock:
            if notice and notice not in self.notices:
                self.notices.append(notice)
                log.warning(notice)
            if concrete not in self._generators:
                self._generators[concrete] = factory.build(concrete, self.settings, self.ranker)
            return self._generators[concrete]

    def warm_up(self) -> str:
        """Load what the first question would otherwise wait for (the embedding model and torch,
        about 5 s cold; the generator and the local model's fixed prompt) and name the generator."""
        self.store.embeddings.embed_query("warm up")
        return self.generator().name

    def retrieve(self, question: str | Query, k: int | None = None, **filters) -> list[Citation]:
        """The passages for a question; for a question in parts, each part's passages in turn (a
        comparison's two sides may sit in two documents that one search would not both find)."""
        query = as_query(question)
        clean = self._filters(filters)
        found: dict[str, object] = {}
        rounds = []
        for part in [parse(p) for p in query.parts] or [query]:
            rounds.append(self._search(part, clean, k or self.settings.k))
            if part.latest and not clean.get("since"):
                rounds.insert(0, self._newer(part, rounds[-1], clean, k or self.settings.k))
        for rank in range(max(len(r) for r in rounds)):
            for docs in rounds:
                if rank < len(docs):
                    found.setdefault(docs[rank].id, docs[rank])
        return [
            Citation.from_chunk(n, d.id, d.page_content, d.metadata, d.metadata["score"])
            for n, d in enumerate(found.values(), start=1)
        ]

    def _search(self, query: Query, filters: dict, k: int) -> list:
        retriever = HybridRetriever(
            store=self.store,
            keyword=self.keyword,
            k=k,
            filters=filters,
            names=query.names,
            periods=query.anchors.periods,
            days=query.anchors.days,
        )
        return retriever.invoke(query.text)

    def _newer(self, query: Query, found: list, filters: dict, k: int) -> list:
        """For "the latest ...": passages from documents dated after every one already found. A
        search ranks by meaning, not by date, and the newest report may say it in other words."""
        newest = max((d.metadata.get("date", "") for d in found), default="")
        try:
            after = (dt.date.fromisoformat(newest[:10]) + dt.timedelta(days=1)).isoformat()
        except ValueError:  # undated, or dated only by month or year
            return []
        return self._search(query, {**filters, "since": after}, k)

    def _filters(self, filters: dict) -> dict:
        clean = {k: v for k, v in filters.items() if v}
        unknown = set(clean) - {*FILTER_KEYS, "source"}
        if unknown:
            raise TypeError(f"unknown filter(s): {', '.join(sorted(unknown))}")
        # "2025" or "March 2025" as a range means all of it: from its first day, until its last
        for key, end in (("since", False), ("until", True)):
            if key in clean:
                try:
                    clean[key] = parse_user_date(str(clean[key])[:100], end=end)
                except ValueError as error:
                    raise InputError(str(error)) from error
        wanted = clean.pop("source", None)
        if wanted:
            names = [wanted] if isinstance(wanted, str) else list(wanted)
            known = self.store.sources()
            # a source filter that names no stored document must match nothing, not everything
            clean["sources"] = [s for name in names for s in resolve_sources(name, known)] or ["<none>"]
        return clean

    def stream(
        self,
        question: str,
        history: list[dict] | None = None,
        *,
        generator: str | Generator | None = None,
        k: int | None = None,
        **filters,
    ) -> Iterator[str | Sources | Answer]:
        """The passages first (Sources, as soon as retrieval has them and the gate lets them
        through), then text pieces as they are generated, then the checked Answer as the last item.
        A refusal or a table answer comes at once, with no Sources before it."""
        started = time.perf_counter()
        check_question(question)
        gen = self.generator(generator)
        standalone = gen.rewrite(question, history)
        writer = getattr(gen, "write_sql", None) if self.settings.table_sql == "model" else None
        notice = None
        try:
            table = None if any(filters.values()) else self.tables.answer(standalone, writer)
        except TableQueryFailed as failure:  # the passages answer instead, and the answer says so
            table, notice = None, str(failure)
        if table is not None:
            yield table.text
            yield self._table_answer(question, table, started)
            return
        for item in self._from_passages(question, parse(standalone), gen, started, k, filters):
            if isinstance(item, Answer) and notice:
                item.warnings.insert(0, notice)
            yield item

    def _from_passages(
        self, question: str, query: Query, gen: Generator, started: float, k: int | None, filters: dict
    ) -> Iterator[str | Sources | Answer]:
        passages = self.retrieve(query, k=k, **filters)
        retrieved = time.perf_counter()
        timings = {"retrieve_ms": (retrieved - started) * 1000}
        ranking: list[ScoredSentence] = []

        def best_sentence() -> float:  # ranked here only when the passages alone fall short
            ranking.extend(self.ranker.rank(query, passages))
            return max((s.similarity for s in ranking if s.anchored), default=0.0)

        reason = refusal_reason(query, passages, self.settings.min_relevance, best_sentence)
        if reason:
            log.info("refused %r: %s", query, reason)
            yield prompts.REFUSAL
            yield self._refusal(question, timings, started, passages)
            return
        ranked = ranking or self.ranker.rank(query, passages)
        measure = "" if query.parts else query.measure
        # no passage gives a figure of the kind asked: say what they give instead
        if measure and measured(ranked, measure, on_topic=0) is None:
            yield from self._near_miss(
                question, near_miss(ranked, measure, prompts.REFUSAL), timings, started, passages
            )
            return
        # a sum asked per month that the documents state only per week: say so, citing it
        if not query.parts and query.basis and (miss := basis_miss(ranked, query.basis, prompts.REFUSAL)):
            yield from self._near_miss(question, miss, timings, started, passages)
            return
        yield Sources(passages, _evidence(ranked))
        pieces = []
        for piece in gen.stream(query, passages):
            if not pieces:  # what the user waits for: the answer's first words
                timings["first_token_ms"] = (time.perf_counter() - started) * 1000
            pieces.append(piece)
            yield piece
        text = "".join(pieces).strip()
        timings["generate_ms"] = (time.perf_counter() - retrieved) * 1000
        if is_refusal(text):
            yield self._refusal(question, timings, started, passages)
            return
        sources = {p.n: f"{p.context}\n{p.text}" for p in passages}
        checked = enforce(check_citations(text, sources), passages, self.ranker, query)
        if not checked.sentences:
            yield self._refusal(question, timings, started, passages)
            return
        cited = "\n".join(p.text for p in passages if p.n in checked.cited)
        if measure and not answers(checked.text, measure, cited):
            # the answer gives no figure of the kind asked: the source's sentence that does instead
            best = measured(ranked, measure)
            if best is None:
                yield from self._near_miss(
                    question, near_miss(ranked, measure, prompts.REFUSAL), timings, started, passages
                )
                return
            checked = CheckedAnswer(
                [CheckedSentence(best.text, [best.n], [])], [*checked.warnings, MEASURE_NOTE]
            )
        warnings = list(checked.warnings)
        if not checked.cited:
            warnings.append("The answer cites no source; treat it with care.")
        timings["total_ms"] = (time.perf_counter() - started) * 1000
        yield Answer(
            text=checked.text,
            citations=[p for p in passages if p.n in checked.cited],
            warnings=warnings,
            timings=timings,
            question=question,
            retrieved=passages,
        )

    def datasets(self) -> list[TableOverview]:
        """Every ingested table at a glance: rows, columns, date range, totals over time, the top."""
        with self.tables.cache.connect() as con:
            return [overview(con, table) for table in self.tables.cache.tables(con)]

    def answer(self, question: str, history: list[dict] | None = None, **options) -> Answer:
        final = None
        for item in self.stream(question, history, **options):
            final = item
        assert isinstance(final, Answer)
        return final

    @staticmethod
    def _table_answer(question: str, table: TableAnswer, started: float) -> Answer:
        """The table answer with its figures checked against the result it cites, like any answer."""
        checked = check_citations(table.text, {1: f"{table.citation.context}\n{table.citation.text}"})
        elapsed = (time.perf_counter() - started) * 1000
        return Answer(
            text=checked.text,
            citations=[table.citation],
            warnings=[*table.notices, *checked.warnings],
            timings={"retrieve_ms": 0.0, "generate_ms": elapsed, "total_ms": elapsed},
            question=question,
            retrieved=[table.citation],
            sql=table.sql,
            columns=table.columns,
            rows=[list(r) for r in table.rows],
            chart=table.chart,
            refused=table.refused,
        )

    def _near_miss(
        self,
        question: str,
        found: tuple[str, int | None],
        timings: dict,
        started: float,
        passages: list[Citation],
    ) -> Iterator[str | Answer]:
        """A refusal that says what the documents give instead, citing it; refused for evaluation."""
        text, n = found
        log.info("refused %r: %s", question, text)
        yield text
        answer = self._refusal(question, timings, started, passages)
        answer.text, answer.citations = text, [p for p in passages if p.n == n]
        yield answer

    @staticmethod
    def _refusal(question: str, timings: dict, started: float, passages: list[Citation]) -> Answer:
        timings.setdefault("generate_ms", 0.0)
        timings["total_ms"] = (time.perf_counter() - started) * 1000
        return Answer(
            text=prompts.REFUSAL, refused=True, timings=timings, question=question, retrieved=passages
        )


def _evidence(ranked: list[ScoredSentence]) -> dict[int, str]:
    """Each passage's best sentence for the question (the ranker keeps the vectors, so the
    generator's own ranking of the same sentences right after costs nothing more)."""
    best: dict[int, str] = {}
    for sentence in ranked:
        if sentence.anchored and sentence.n not in best:
            best[sentence.n] = sentence.text
    return best


_default: Assistant | None = None
_default_lock = threading.Lock()


def default_assistant() -> Assistant:
    global _default
    with _default_lock:
        if _default is None:
            _default = Assistant()
        return _default


def answer(question: str, history: list[dict] | None = None, **filters) -> Answer:
    """Answer from the ingested documents with the settings from the environment."""
    return default_assistant().answer(question, history, **filters)


def stream_answer(
    question: str, history: list[dict] | None = None, **filters
) -> Iterator[str | Sources | Answer]:
    """Like answer(), but yields the passages first (Sources), then text pieces as they come, then
    the final Answer."""
    return default_assistant().stream(question, history, **filters)
