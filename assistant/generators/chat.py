"""LLM answers through a LangChain chain: prompt | chat model | text, for any chat model.

The local llama.cpp model and OpenAI-compatible servers differ only in the chat model passed in.
The prompt carries only the best sentences of each passage: on 2 cores every prompt token counts.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import nullcontext

from langchain_core.language_models import BaseChatModel
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate

import prompts
from assistant.followup import is_follow_up, last_user_question, rewrite_by_rule
from assistant.sentences import SentenceRanker
from assistant.types import Citation

SENTENCES_PER_PASSAGE = 2
MAX_PASSAGE_CHARS = 360
CONTEXT_BUDGET = 1100  # characters of sources, about 280 tokens
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


class ChatGenerator:
    def __init__(
        self, name: str, model: BaseChatModel, ranker: SentenceRanker, lock: threading.Lock | None = None
    ):
        self.name = name
        self.ranker = ranker
        self.lock = lock or nullcontext()
        self.answer_chain = ANSWER_PROMPT | model | StrOutputParser()
        self.rewrite_chain = REWRITE_PROMPT | model.bind(max_tokens=48) | StrOutputParser()

    def context(self, question: str, passages: list[Citation]) -> str:
        """The best sentences of the passages that matter, under their numbers, within a budget:
        on 2 cores every 100 characters of prompt cost about a third of a second before the first token."""
        best: dict[int, list] = {}
        for sentence in self.ranker.rank(question, passages):
            if sentence.anchored and len(best.setdefault(sentence.n, [])) < SENTENCES_PER_PASSAGE:
                best[sentence.n].append(sentence)
        top = max((s[0].score for s in best.values() if s), default=0.0)
        order = sorted((n for n in best if best[n]), key=lambda n: -best[n][0].score)
        lines, used = {}, 0
        for n in order:
            if best[n][0].score < KEEP_PASSAGE * top or used >= CONTEXT_BUDGET:
                break
            passage = next(p for p in passages if p.n == n)
            text = " ".join(s.text for s in sorted(best[n], key=lambda s: s.position))[:MAX_PASSAGE_CHARS]
            label = f"{passage.title} ({passage.date})" if passage.date else passage.title
            lines[n] = f"[{n}] {label}: {text}"
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
        with self.lock:
            yield from self.answer_chain.stream(inputs)

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
