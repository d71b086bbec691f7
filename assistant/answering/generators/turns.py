"""One local-model user at a time, without one user able to hold the model for everyone.

The model runs in a worker thread that holds the lock and hands pieces to the reader through a
small queue. When the reader stops taking pieces (a browser tab closed mid-answer, a client that
never reads on) the worker gives up after `idle_s`, and any generation is cut off after
`max_s`: either way the lock is released and the next user is served.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

IDLE_S = 30.0  # a reader that takes no piece for this long has gone away
MAX_S = 180.0  # no answer takes this long on 2 cores: the generation is stuck

_DONE = object()


class GenerationTimeout(RuntimeError):
    pass


def stream_in_turn(
    lock: AbstractContextManager,
    produce: Callable[[], Iterator[str]],
    idle_s: float = IDLE_S,
    max_s: float = MAX_S,
) -> Iterator[str]:
    pieces: queue.Queue = queue.Queue(maxsize=8)
    reading = threading.Event()
    reading.set()

    def hand_over(item) -> bool:
        try:
            pieces.put(item, timeout=idle_s)
            return True
        except queue.Full:
            return False

    def work() -> None:
        with lock:
            if not reading.is_set():  # the reader left while waiting for its turn
                return
            started = time.monotonic()
            try:
                for piece in produce():
                    if not reading.is_set() or not hand_over(piece):
                        return
                    if time.monotonic() - started > max_s:
                        hand_over(GenerationTimeout(f"the model took over {max_s:g} s; answer cut off"))
                        return
            except Exception as error:  # the reader re-raises it in its own thread
                hand_over(error)
                return
        hand_over(_DONE)

    worker = threading.Thread(target=work, daemon=True, name="llm-turn")
    worker.start()
    try:
        while True:
            try:
                item = pieces.get(timeout=1.0)
            except queue.Empty:
                if worker.is_alive():  # waiting for its turn, or for the prompt to be read
                    continue
                raise GenerationTimeout("the answer was given up after the reader stopped reading") from None
            if item is _DONE:
                return
            if isinstance(item, Exception):
                raise item
            yield item
    finally:
        reading.clear()  # closed early or done: the worker stops at its next piece
