"""LLM answers through a LangChain chain: prompt | chat model | text, for any chat model.

The local llama.cpp model and OpenAI-compatible servers differ only in the chat model passed in.
The prompt carries only the best sentences of the passages (`answering/sources.py`): on 2 cores
every prompt token counts.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import nullcontext

from langchain_core.language_models import BaseChatModel
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate

import prompts
from assistant.answering.compose import figure_sentence, no_figure, own_anchors, verdict
from assistant.answering.figures import figures
from assistant.answering.generators.control import strip_control
from assistant.answering.generators.extractive import ExtractiveGenerator
from assistant.answering.generators.turns import stream_in_turn
from assistant.answering.refusals import may_become_refusal
from assistant.answering.sentences import ScoredSentence, SentenceRanker, newest_only
from assistant.answering.sources import Measure, budget_for, interleaved, rough_tokens, sources_block
from assistant.query import Query, as_query, parse
from assistant.query.followup import (
    is_follow_up,
    keeps_subject,
    last_user_question,
    resolve_relative,
    rewrite_by_rule,
    swap,
)
from assistant.query.parse import leaf_parts
from assistant.types import Citation

ANSWER_PROMPT = ChatPromptTemplate.from_messages(
    [
        ("system", prompts.SYSTEM),
        ("human", prompts.EXAMPLE_USER),
        ("ai", prompts.EXAMPLE_ASSISTANT),
        ("human", prompts.USER),
    ]
)
REWRITE_PROMPT = ChatPromptTemplate.from_messages(
    [("system", prompts.REWRITE_SYSTEM), ("human", prompts.REWRITE_USER)]
)
SQL_PROMPT = ChatPromptTemplate.from_messages(
    [
        ("system", prompts.SQL_SYSTEM),
        ("human", prompts.SQL_EXAMPLE_USER),
        ("ai", prompts.SQL_EXAMPLE_ASSISTANT),
        ("human", prompts.SQL_USER),
    ]
)
SIDE_TOKENS = 60  # a side of a comparison is one figure with its citation, a sentence or two
_SQL_START = re.compile(r"\b(?:SELECT|WITH)\b", re.I)


def _speaks_for(sentence: ScoredSentence, own: frozenset[str]) -> bool:
    """An anchored sentence that meets one of a side's own anchors (any, for a whole question)."""
    return sentence.anchored and (not own or bool(own & sentence.covers))


class ChatGenerator:
    def __init__(
        self,
        name: str,
        model: BaseChatModel,
        ranker: SentenceRanker,
        lock: threading.Lock | None = None,
        measure: Measure = rough_tokens,
        quotes_rules: bool = False,
    ):
        self.name = name
        self.ranker = ranker
        # a yes-or-no question answered in the rule's own words: a small model turns "workers who
        # quit are not eligible" into "yes, they can" (measured on the local model, README)
        self.quoter = ExtractiveGenerator(ranker) if quotes_rules else None
        self.measure = measure
        self.lock = lock or nullcontext()
        self.answer_chain = ANSWER_PROMPT | model | StrOutputParser()
        self.side_chain = ANSWER_PROMPT | model.bind(max_tokens=SIDE_TOKENS) | StrOutputParser()
        self.rewrite_chain = REWRITE_PROMPT | model.bind(max_tokens=48) | StrOutputParser()
        self.sql_chain = SQL_PROMPT | model.bind(max_tokens=120) | StrOutputParser()

    def context(
        self, question: str | Query, passages: list[Citation], own: frozenset[str] = frozenset()
    ) -> str:
        """The sources block, sized to the question: each part of a question in parts gets its own
        best sentences, a list or an explanation its paragraph."""
        query = as_query(question)
        # the whole question's best first (one sentence often answers both parts), then each part's
        groups = [query, *leaf_parts(query)]
        ranked = interleaved(
            [[s for s in self.ranker.rank(g, passages) if _speaks_for(s, own)] for g in groups]
        )
        ranked = newest_only(ranked, passages, query)
        budget, neighbours = budget_for(query)
        return sources_block(ranked, passages, budget, self.measure, neighbours)

    def warm_up(self) -> None:
        """Read the fixed prompt prefix once at start-up, so the first user does not pay for it."""
        with self.lock:
            self.answer_chain.invoke({"sources": "[1] Warm-up: nothing.", "question": "Ready?"})

    def stream(self, question: str | Query, passages: list[Citation]) -> Iterator[str]:
        query = as_query(question)
        if self.quoter and query.kind == "yesno":
            yield from self.quoter.stream(query, passages)
            return
        if query.compares:
            yield from self._compared(query, passages)
            return
        sources = self.context(query, passages)
        if not sources:  # no sentence names what the question asks about: nothing to answer from
            yield prompts.REFUSAL
            return
        yield from self._answer(sources, query.text)

    def _answer(self, sources: str, question: str, side: bool = False) -> Iterator[str]:
        inputs = {"sources": strip_control(sources), "question": strip_control(question)}
        chain = self.side_chain if side else self.answer_chain
        yield from stream_in_turn(self.lock, lambda: chain.stream(inputs))

    def _compared(self, query: Query, passages: list[Citation]) -> Iterator[str]:
        """Each side asked on its own sources (a lookup the model gets right), then set side by
        side in code; a side with no sources is named, not dropped."""
        answers: list[tuple[Query, str]] = []
        for text in query.parts:
            part = parse(text)
            own = own_anchors(part, query)
            sources = self.context(part, passages, own)
            if not sources:
                yield no_figure(part, query)
                continue
            held, shown = "", False
            for piece in self._answer(sources, part.text, side=True):
                held += piece
                if shown:
                    yield piece
                elif not may_become_refusal(held):  # a side's refusal must not open the answer
                    yield f" {held.lstrip()}" if answers else held
                    shown = True
            if not shown:
                yield no_figure(part, query)
                continue
            if not figures(held):  # the side's figure is what a comparison sets against the other's
                ranked = [s for s in self.ranker.rank(part, passages) if _speaks_for(s, own)]
                quoted = figure_sentence(ranked, query.unit)
                if quoted:
                    held += f" {quoted.text} [{quoted.n}]"
                    yield f" {quoted.text} [{quoted.n}]"
            answers.append((part, held.strip()))
        if len(answers) == len(query.parts):
            yield verdict(query, answers)

    def rewrite(self, question: str, history: list[dict] | None) -> str:
        previous = last_user_question(history)
        if not previous or not is_follow_up(question):
            return question
        question = resolve_relative(question, previous)  # counted in code: a model miscounts months
        swapped = swap(question, previous)  # names and dates put in place in code: a model drifts
        if swapped:
            return swapped
        turns = "\n".join(f"{m['role']}: {str(m['content'])[:300]}" for m in (history or [])[-4:])
        inputs = {"history": strip_control(turns), "question": strip_control(question)}
        try:
            with self.lock:
                rewritten = self.rewrite_chain.invoke(inputs).strip()
        except Exception:  # a flaky server must not cost the user the answer
            return rewrite_by_rule(question, history)
        rewritten = rewritten.splitlines()[0].strip().strip('"') if rewritten else ""
        if not 5 < len(rewritten) < 300 or not keeps_subject(rewritten, question, previous):
            return rewrite_by_rule(question, history)
        return rewritten

    def write_sql(self, inputs: dict[str, str]) -> str:
        """One query for a table question (inputs: table, columns, values, question); the caller
        checks it before anything runs."""
        with self.lock:
            reply = self.sql_chain.invoke({k: strip_control(v) for k, v in inputs.items()})
        start = _SQL_START.search(reply)
        return reply[start.start() :].split("```")[0].split(";")[0].strip() if start else reply
