"""A minimal LangChain chat model over llama-cpp-python, so the local GGUF plugs into the chain.

llama.cpp reuses the KV cache for the longest common token prefix of successive prompts, so the
unchanging system prompt and worked example are read once per process, not once per question.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field

from assistant.answering.generators.control import strip_control

_ROLES = {"system": "system", "human": "user", "ai": "assistant"}


class LlamaCppChat(BaseChatModel):
    client: Any
    max_tokens: int = 256
    temperature: float = 0.0
    # The model's state after the last request of each kind (answer, rewrite, SQL), by system
    # prompt: a follow-up's rewrite would otherwise evict the answer prompt's prefix from the KV
    # cache, and the answer after it would re-read ~300 fixed tokens (8 s on 2 cores). Saving and
    # loading a state takes a few tenths of a second, and only when the kind changes.
    states: dict[str, Any] = Field(default_factory=dict)
    last_system: str | None = None

    @classmethod
    def load(cls, model_path: Path, threads: int, context: int, max_tokens: int) -> LlamaCppChat:
        from llama_cpp import Llama

        client = Llama(
            model_path=str(model_path),
            n_ctx=context,
            n_threads=threads,
            n_threads_batch=threads,
            n_batch=512,
            verbose=False,
        )
        return cls(client=client, max_tokens=max_tokens)

    def count_tokens(self, text: str) -> int:
        """Tokens as this model reads them: the prompt budget is spent in these."""
        return len(self.client.tokenize(text.encode(), add_bos=False, special=False))

    @property
    def _llm_type(self) -> str:
        return "llama-cpp"

    def _switch_to(self, messages: list[BaseMessage]) -> None:
        system = next((str(m.content) for m in messages if m.type == "system"), "")
        if system == self.last_system:
            return
        if self.last_system is not None:
            self.states[self.last_system] = self.client.save_state()
        if system in self.states:
            self.client.load_state(self.states[system])
        self.last_system = system

    @cached_property
    def special_tokens(self) -> list[str]:
        """The vocabulary's control and user-defined tokens (for Qwen, <|im_start|> and 22 more):
        text in a message must never be read as one of them."""
        import llama_cpp

        model = self.client._model
        special = llama_cpp.LLAMA_TOKEN_ATTR_CONTROL | llama_cpp.LLAMA_TOKEN_ATTR_USER_DEFINED
        found = (model.token_get_text(i) for i in range(model.n_vocab()) if model.token_get_attr(i) & special)
        return sorted({t for t in found if len(t) > 1}, key=len, reverse=True)

    def _request(self, messages: list[BaseMessage], stop, kwargs) -> dict:
        self._switch_to(messages)
        specials = self.special_tokens
        return {
            "messages": [
                {"role": _ROLES.get(m.type, "user"), "content": strip_control(str(m.content), specials)}
                for m in messages
            ],
            "max_tokens": kwargs.get("max_tokens", self.max_tokens),
            "temperature": self.temperature,
            "stop": stop,
        }

    def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
        reply = self.client.create_chat_completion(**self._request(messages, stop, kwargs))
        text = reply["choices"][0]["message"]["content"] or ""
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(self, messages, stop=None, run_manager=None, **kwargs) -> Iterator[ChatGenerationChunk]:
        for part in self.client.create_chat_completion(**self._request(messages, stop, kwargs), stream=True):
            delta = part["choices"][0]["delta"].get("content")
            if delta:
                chunk = ChatGenerationChunk(message=AIMessageChunk(content=delta))
                if run_manager:
                    run_manager.on_llm_new_token(delta, chunk=chunk)
                yield chunk
