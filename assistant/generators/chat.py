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
MAX_PASSAGE_CHARS = 420

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
        """Per passage, its best sentences in their original order, under its number."""
        best: dict[int, list] = {}
        for sentence in self.ranker.rank(question, passages):
            if len(best.setdefault(sentence.n, [])) < SENTENCES_PER_PASSAGE:
                best[sentence.n].append(sentence)
        lines = []
        for passage in passages:
            chosen = sorted(best.get(passage.n, []), key=lambda s: s.position)
            text = " ".join(s.text for s in chosen) or passage.text
            label = f"{passage.title} ({passage.date})" if passage.date else passage.title
            lines.append(f"[{passage.n}] {label}: {text[:MAX_PASSAGE_CHARS]}")
        return "\n".join(lines)

    def stream(self, question: str, passages: list[Citation]) -> Iterator[str]:
        inputs = {"sources": self.context(question, passages), "question": question}
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
