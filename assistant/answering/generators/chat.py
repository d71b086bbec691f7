"""LLM answers through a LangChain chain: prompt | chat model | text, for any chat model.

The local llama.cpp model and OpenAI-compatible servers differ only in the chat model passed in.
The prompt carries only the best sentences of each passage: on 2 cores every prompt token counts.
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
from assistant.answering.generators.turns import stream_in_turn
from assistant.answering.sentences import ScoredSentence, SentenceRanker, split_sentences
from assistant.retrieval.followup import is_follow_up, last_user_question, rewrite_by_rule
from assistant.types import Citation

CONTEXT_BUDGET = 1200  # characters of sources (~300 tokens); 1,600 scored the same, 2.4 s slower
PASSAGE_BUDGET = 700
NEIGHBOURS = 1  # sentences either side of a chosen one: the subject and the period often sit there
_FENCE = re.compile(r"<\s*/?\s*sources\s*>", re.I)  # a document's own tags could end the sources block
KEEP_PASSAGE = 0.6  # passages whose best sentence scores below this share of the best are left out

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
_SQL_START = re.compile(r"\b(?:SELECT|WITH)\b", re.I)


def _window(passage: Citation, ranked: list[ScoredSentence], budget: int) -> str:
    """The passage's best sentences and their neighbours, in document order, up to `budget`."""
    sentences = split_sentences(passage.text)
    keep: set[int] = set()
    for sentence in ranked:
        wanted = {i for i in range(sentence.position - NEIGHBOURS, sentence.position + NEIGHBOURS + 1)}
        wanted = {i for i in wanted if 0 <= i < len(sentences)} | {sentence.position}
        if sum(len(sentences[i]) + 1 for i in keep | wanted) > budget and keep:
            break
        keep |= wanted
    text = " ".join(sentences[i] for i in sorted(keep))
    return text if len(text) <= budget else text[: budget - 1].rsplit(" ", 1)[0] + "…"


class ChatGenerator:
    def __init__(
        self, name: str, model: BaseChatModel, ranker: SentenceRanker, lock: threading.Lock | None = None
    ):
        self.name = name
        self.ranker = ranker
        self.lock = lock or nullcontext()
        self.answer_chain = ANSWER_PROMPT | model | StrOutputParser()
        self.rewrite_chain = REWRITE_PROMPT | model.bind(max_tokens=48) | StrOutputParser()
        self.sql_chain = SQL_PROMPT | model.bind(max_tokens=120) | StrOutputParser()

    def context(self, question: str, passages: list[Citation]) -> str:
        """Each useful passage's best sentences with their neighbours, under a context line, within
        a budget: on 2 cores every 100 characters of prompt cost about a third of a second."""
        best: dict[int, list[ScoredSentence]] = {}
        for sentence in self.ranker.rank(question, passages):
            if sentence.anchored:
                best.setdefault(sentence.n, []).append(sentence)
        if not best:
            return ""
        top = max(s[0].score for s in best.values())
        order = sorted(best, key=lambda n: -best[n][0].score)
        lines, used = {}, 0
        for n in order:
            if best[n][0].score < KEEP_PASSAGE * top or used >= CONTEXT_BUDGET:
                break
            passage = next(p for p in passages if p.n == n)
            text = _window(passage, best[n], min(PASSAGE_BUDGET, CONTEXT_BUDGET - used))
            label = passage.context or passage.title
            label = f"{label} ({passage.date})" if passage.date else label
            lines[n] = _FENCE.sub(" ", f"[{n}] {label}: {text}")
            used += len(lines[n])
        return "\n".join(lines[n] for n in sorted(lines))

    def warm_up(self) -> None:
        """Read the fixed prompt prefix once at start-up, so the first user does not pay for it."""
        with self.lock:
            self.answer_chain.invoke({"sources": "[1] Warm-up: nothing.", "question": "Ready?"})

    def stream(self, question: str, passages: list[Citation]) -> Iterator[str]:
        sources = self.context(question, passages)
        if not sources:  # no sentence names what the question asks about: nothing to answer from
            yield prompts.REFUSAL
            return
        inputs = {"sources": sources, "question": question}
        yield from stream_in_turn(self.lock, lambda: self.answer_chain.stream(inputs))

    def rewrite(self, question: str, history: list[dict] | None) -> str:
        if not last_user_question(history) or not is_follow_up(question):
            return question
        turns = "\n".join(f"{m['role']}: {str(m['content'])[:300]}" for m in (history or [])[-4:])
        try:
            with self.lock:
                rewritten = self.rewrite_chain.invoke({"history": turns, "question": question}).strip()
        except Exception:  # a flaky server must not cost the user the answer
            return rewrite_by_rule(question, history)
        rewritten = rewritten.splitlines()[0].strip().strip('"') if rewritten else ""
        return rewritten if 5 < len(rewritten) < 300 else rewrite_by_rule(question, history)

    def write_sql(self, inputs: dict[str, str]) -> str:
        """One query for a table question (inputs: table, columns, values, question); the caller
        checks it before anything runs."""
        with self.lock:
            reply = self.sql_chain.invoke(inputs)
        start = _SQL_START.search(reply)
        return reply[start.start() :].split("```")[0].split(";")[0].strip() if start else reply
