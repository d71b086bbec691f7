"""Grounding enforced, not only flagged: no figure is shown as fact unless its cited passage holds it.

A generated sentence with a figure that none of its cited passages holds is replaced by the cited
passage's own sentence that best answers the question (so the user still gets the source's figure, in the
source's words), or, when no passage has a fitting sentence, dropped. Either way the answer says so.
"""

from __future__ import annotations

from assistant.answering.citations import CheckedAnswer, CheckedSentence
from assistant.answering.figures import figures
from assistant.answering.sentences import SentenceRanker
from assistant.types import Citation


def enforce(
    checked: CheckedAnswer, passages: list[Citation], ranker: SentenceRanker, question: str
) -> CheckedAnswer:
    """Every remaining sentence's figures are in the passages it cites."""
    grounded = CheckedAnswer(warnings=[])
    for sentence in checked.sentences:
        if not sentence.unsupported:
            grounded.sentences.append(sentence)
            continue
        shown = ", ".join(sentence.unsupported)
        replacement = _source_sentence(sentence, passages, ranker, question)
        if replacement is None or replacement.body in {s.body for s in grounded.sentences}:
            grounded.warnings.append(f"Removed a sentence whose figure ({shown}) is not in its sources.")
        else:
            grounded.sentences.append(replacement)
            grounded.warnings.append(
                f"A generated figure ({shown}) was not in the source; its own words are quoted instead."
            )
    return grounded


def _source_sentence(
    sentence: CheckedSentence, passages: list[Citation], ranker: SentenceRanker, question: str
) -> CheckedSentence | None:
    """The sentence with a figure, from the passages the sentence cites (or, when it cites none,
    from all of them), that best answers the question."""
    pool = [p for p in passages if p.n in sentence.cited] or passages
    for candidate in ranker.rank(question, pool):
        if candidate.anchored and figures(candidate.text):
            return CheckedSentence(candidate.text.strip(), [candidate.n], [])
    return None
