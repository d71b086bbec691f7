"""Generated questions: answered, refused, or refused with a one-line InputError; never another
exception, and never slow for being long or full of capitalised words."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.types import InputError

WORDS = st.sampled_from(
    "How many people did Acme Hooli New York WARN lay off in total since February 30 , 2023 ? "
    "top 5 per month the latest rate of and 2025-02-29 Q3 % $ ' \" ( ) 12/31/2024 May".split()
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.lists(WORDS, max_size=40).map(" ".join), st.text(max_size=200)))
def test_generated_questions_never_raise_anything_but_an_input_error(assistant, question):
    try:
        answer = assistant.answer(question)
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert answer.refused or answer.text
