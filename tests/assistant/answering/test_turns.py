"""Turns on the one local model: a reader who walks away mid-answer does not block the next user,
and a generation that runs too long is cut off. A slow stand-in plays the model (timing is the
point here, not the words); the real model's answers are tested in test_local_llm."""

from __future__ import annotations

import threading
import time

import pytest

from assistant.answering.generators.turns import GenerationTimeout, stream_in_turn


def _slow_words(n: int, every_s: float):
    def produce():
        for i in range(n):
            time.sleep(every_s)
            yield f"word{i} "

    return produce


def test_a_reader_who_stops_reading_releases_the_model_to_the_next_user():
    lock = threading.Lock()
    first = stream_in_turn(lock, _slow_words(1000, 0.01), idle_s=0.5)
    assert next(first) == "word0 "  # ...and this user's tab closes: `first` is never read again nor closed
    started = time.monotonic()
    second = "".join(stream_in_turn(lock, _slow_words(3, 0.01), idle_s=0.5))
    assert second == "word0 word1 word2 "
    assert time.monotonic() - started < 5  # not the 10 s the first answer would have taken
    with pytest.raises(GenerationTimeout):  # the first reader, back at last, learns it was given up
        list(first)


def test_closing_a_stream_early_frees_the_model_at_once():
    lock = threading.Lock()
    first = stream_in_turn(lock, _slow_words(1000, 0.01), idle_s=60)
    next(first)
    first.close()
    assert "".join(stream_in_turn(lock, _slow_words(2, 0.0), idle_s=60)) == "word0 word1 "


def test_a_generation_over_its_time_limit_is_cut_off_and_users_are_served_in_turn():
    lock = threading.Lock()
    with pytest.raises(GenerationTimeout):
        list(stream_in_turn(lock, _slow_words(1000, 0.01), max_s=0.2))
    order = []

    def user(name: str) -> None:
        for _ in stream_in_turn(lock, _slow_words(3, 0.02)):
            order.append(name)

    threads = [threading.Thread(target=user, args=(n,)) for n in "ab"]
    for t in threads:
        t.start()
        time.sleep(0.01)
    for t in threads:
        t.join()
    assert order in (list("aaabbb"), list("bbbaaa"))  # one whole answer, then the other
