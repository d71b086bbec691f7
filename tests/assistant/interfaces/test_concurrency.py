"""Many users at once against the running app: 20 clients in extractive mode, each with its own
question and history; and 3 at once on the local model, served one after another."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from gradio_client import Client

from assistant.interfaces.ui_render import answer_html
from tests.assistant.interfaces.test_ui import _text, server  # noqa: F401 - the running app fixture
from tests.conftest import INSTALLED_MODEL as MODEL
from tests.conftest import SAMPLES

FOLLOW_UPS = [  # (question, follow-up, what only this conversation's follow-up can say)
    ("How many jobs did Amazon cut in 2025?", "and in 2023?", "27,000"),  # the year's two rows, added
    ("How many jobs did Microsoft cut in May 2025?", "and in July?", "9,000"),
    ("What was the unemployment rate in August 2025?", "and in July?", "4.2 percent"),
]


def _cases() -> list[dict]:
    cases = [json.loads(line) for line in (SAMPLES / "questions.jsonl").read_text().splitlines()]
    return [c for c in cases if c.get("keys")]


def _conversation(url: str, case: dict, follow: tuple | None) -> list[str]:
    client = Client(url, verbose=False)
    history, *_ = client.predict(case["question"], [], "any", "", "", "extractive", api_name="/ask")
    answers = [_text(history[-1])]
    if follow:
        history, *_ = client.predict(follow[0], [], "any", "", "", "extractive", api_name="/ask")
        history, *_ = client.predict(follow[1], history, "any", "", "", "extractive", api_name="/ask")
        answers.append(_text(history[-1]))
    return answers


def test_twenty_simultaneous_users_each_get_their_own_answer(server):  # noqa: F811
    from assistant import Assistant
    from assistant.settings import Settings

    cases = _cases()[:20]
    # what each user would get alone (extractive answers are deterministic): concurrency must not change it
    alone = Assistant(Settings(data_dir=server["root"] / "data"), generator="extractive")
    expected = [answer_html(r.text, r) for r in (alone.answer(c["question"]) for c in cases)]
    follows = FOLLOW_UPS + [None] * (len(cases) - len(FOLLOW_UPS))
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(
            pool.map(lambda args: _conversation(server["url"], *args), zip(cases, follows, strict=True))
        )
    for case, want, got, follow in zip(cases, expected, results, follows, strict=True):
        assert got[0] == want, case["question"]
        assert 'class="cite"' in got[0]
        if follow:
            assert follow[2] in got[1], (follow, got[1])


@pytest.mark.slow
def test_three_users_on_the_local_model_are_served_in_turn(server):  # noqa: F811
    if not MODEL.exists():  # `make test` installs it: a missing model is a broken set-up, not a skip
        pytest.fail(f"local model missing at {MODEL}: run `layoffqa models install`")
    questions = [
        "What was the unemployment rate in August 2025?",
        "How much notice does the federal WARN Act require?",
        "How many American Job Centers are there?",
    ]

    def ask_local(question: str) -> tuple[str, float, float]:
        """The final answer, and when this user's answer first and last grew on screen."""
        client = Client(server["url"], verbose=False)
        job = client.submit(question, [], "any", "", "", "auto", api_name="/ask")  # auto: the local model
        grew, last = [], ""
        for history, *_ in job:
            text = _text(history[-1]) if history else ""
            if text and text != last and "Reading the sources" not in text:  # the model's own words
                grew.append(time.monotonic())
                last = text
        history, *_ = job.result()
        return _text(history[-1]), grew[0], grew[-1]

    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(ask_local, questions))
    answers = [a for a, _, _ in results]
    assert all(a and "Sorry, answering failed" not in a for a in answers), answers
    assert "4.3" in answers[0]
    spans = sorted((first, last) for _, first, last in results)
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert start >= end - 0.5, spans  # one answer streams at a time: the model is shared in turn
