"""llama.cpp options for the local model's prompt pass, measured on this CPU (issue on speed).

Loads the installed model once per option set, reads the same ~450-token prompt three times from
an empty cache, then answers it as the assistant does (the answer prompt, the prompt cached, so only
writing is timed), and prints prompt tokens/s and generated tokens/s (medians): the portable
build's defaults against flash attention, a q8_0 KV cache, smaller micro-batches, and prompt lookup
decoding (draft tokens copied from the prompt, verified in one batch: answers copy their figures).
Run: .venv/bin/python bench/llm_options.py [--runs 3]
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/ingest.py would shadow the ingest package: keep this folder off the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import os
import statistics
import time

from llama_cpp.llama_speculative import LlamaPromptLookupDecoding

import prompts
from assistant.answering.generators.factory import local_model_file
from assistant.settings import Settings

MONTHS = "January February March April May June July August".split()
SOURCES = "\n".join(
    f"[{n}] In {month} 2031, employers in the valley added {n * 1_100:,} payroll jobs and the jobless "
    f"rate was {4 + n / 10:.1f} percent; claims for the state allowance rose by {n * 37} as two plants "
    "closed and a third cut its night shift."
    for n, month in enumerate(MONTHS, start=1)
)
QUESTION = "How many payroll jobs were added in May 2031, and what was the jobless rate?"
PROMPT = f"Answer from the sources, citing them.\n\n{SOURCES}\n\nQuestion: {QUESTION}"
MESSAGES = [
    {"role": "system", "content": prompts.SYSTEM},
    {"role": "user", "content": prompts.USER.format(sources=SOURCES, question=QUESTION)},
]
OPTIONS = {
    "portable defaults": {},
    "flash attention": {"flash_attn": True},
    "q8_0 KV cache + flash attention": {"flash_attn": True, "type_k": 8, "type_v": 8},
    "n_ubatch 128": {"n_ubatch": 128},
    # a draft model needs every position's logits (the scores buffer is sized by logits_all)
    **{
        f"prompt lookup, {n} draft tokens": {
            "draft_model": LlamaPromptLookupDecoding(num_pred_tokens=n),
            "logits_all": True,
        }
        for n in (2, 6)
    },
}


def measure(options: dict, runs: int) -> tuple[float, float, int]:
    from llama_cpp import Llama

    threads = min(2, os.cpu_count() or 1)
    llm = Llama(
        model_path=str(local_model_file(Settings())),
        n_ctx=2048,
        n_threads=threads,
        n_threads_batch=threads,
        n_batch=512,
        verbose=False,
        **options,
    )
    tokens = llm.tokenize(PROMPT.encode())
    prompt_rates, write_rates = [], []
    for _ in range(runs):
        llm.reset()
        started = time.perf_counter()
        llm.eval(tokens)
        read = time.perf_counter() - started
        llm.create_chat_completion(MESSAGES, max_tokens=1, temperature=0.0)  # reads the answer prompt
        started = time.perf_counter()
        out = llm.create_chat_completion(MESSAGES, max_tokens=48, temperature=0.0)  # writing only
        wrote = time.perf_counter() - started
        prompt_rates.append(len(tokens) / read)
        write_rates.append(out["usage"]["completion_tokens"] / wrote)
    print(f"  answer: {out['choices'][0]['message']['content']!r}")
    return statistics.median(prompt_rates), statistics.median(write_rates), len(tokens)


def main() -> None:
    import llama_cpp

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"llama.cpp build: {llama_cpp.llama_print_system_info().decode().strip()}")  # which kernels ran
    for name, options in OPTIONS.items():
        try:
            read, write, size = measure(options, args.runs)
        except Exception as error:  # an option this build lacks is a finding, not a crash
            print(f"{name:34s} failed: {error}")
            continue
        print(f"{name:34s} prompt {size} tokens at {read:5.1f} tok/s, writes {write:5.1f} tok/s")


if __name__ == "__main__":
    main()
