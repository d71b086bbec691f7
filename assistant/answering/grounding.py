"""Grounding enforced, not only flagged: no figure is shown as fact unless its cited passage holds it.

A generated sentence with a figure that none of its cited passages holds is replaced by the cited
passage's own sentence that best answers the question (so the user still gets the source's figure, in the
source's words), or, when no passage has a fitting sentence, dropped. Either way the answer says so.
So is a sentence that pins a figure on another month than its source does: "22,000 jobs in July" from
a sentence that says August holds the figure but not the fact, one that takes a figure from a table
row's cell of another column than the one the question names, and a sentence naming a company, place
or agency that neither its sources nor the question name.
"""

from __future__ import annotations

from assistant.answering.cells import asked_cells
from assistant.answering.citations import CheckedAnswer, CheckedSentence
from assistant.answering.figures import figures, values
from assistant.answering.sentences import SentenceRanker
from assistant.answering.statements import split_sentences
from assistant.datasets.matching import stems
from assistant.query import Query, as_query
from assistant.query.names import names
from assistant.types import Citation
from ingest.dates import mentions
from ingest.normalize import is_table_row
from vectorstore.tokens import tokenize


def enforce(
    checked: CheckedAnswer, passages: list[Citation], ranker: SentenceRanker, question: str | Query
) -> CheckedAnswer:
    """Every remaining sentence's figures and names are in the passages it cites."""
    grounded = CheckedAnswer(warnings=[])
    asked = as_query(question).text
    for sentence in checked.sentences:
        what = "figure"
        if not sentence.unsupported:
            moved = [f"{f} (another month)" for f in _moved_figures(sentence, passages)] or [
                f"{f} (another column)" for f in _other_column_figures(sentence, passages, asked)
            ]
            strangers = [] if moved else _unknown_names(sentence, passages, asked)
            holder = _holder(strangers, passages) if strangers else None
            if holder is not None:  # the model cited a neighbour of the passage that names them
                sentence = CheckedSentence(sentence.body, [*sentence.cited, holder], [])
            if not moved and (not strangers or holder is not None):
                grounded.sentences.append(sentence)
                continue
            what = "figure" if moved else "name"
            sentence = CheckedSentence(sentence.body, sentence.cited, moved or strangers)
        shown = ", ".join(sentence.unsupported)
        replacement = _source_sentence(sentence, passages, ranker, question)
        if replacement is None or replacement.body in {s.body for s in grounded.sentences}:
            grounded.warnings.append(f"Removed a sentence whose {what} ({shown}) is not in its sources.")
        else:
            grounded.sentences.append(replacement)
            grounded.warnings.append(
                f"A generated {what} ({shown}) was not in the source; its own words are quoted instead."
            )
    return grounded


def _known(passage: Citation) -> str:
    return f"{passage.title} {passage.context} {passage.text}".casefold()


def _unknown_names(sentence: CheckedSentence, passages: list[Citation], question: str) -> list[str]:
    """The names a generated sentence gives that neither its cited passages (with their titles) nor
    the question hold: a small model fills a side it cannot answer with a company it made up."""
    cited = [p for p in passages if p.n in sentence.cited] or passages
    known = " ".join([question.casefold(), *(_known(p) for p in cited)])
    return [name for name in names(sentence.body) if name.casefold() not in known]


def _holder(strangers: list[str], passages: list[Citation]) -> int | None:
    """The retrieved passage that names them all, if one does."""
    return next((p.n for p in passages if all(n.casefold() in _known(p) for n in strangers)), None)


def _months(text: str) -> set[int]:
    return {m.month for m in mentions(text) if m.month}


def _moved_figures(sentence: CheckedSentence, passages: list[Citation]) -> list[str]:
    """The sentence's figures that it sets in a month none of the cited source's sentences holding
    that figure speaks of. A source sentence without a month is read as its document's period."""
    claimed = _months(sentence.body)
    if not claimed:
        return []
    cited = [p for p in passages if p.n in sentence.cited]
    moved = []
    for figure in figures(sentence.body):
        value = round(figure.value, 6)
        holders = [(s, p) for p in cited for s in split_sentences(p.text) if value in values(s)]
        months = set()
        for text, passage in holders:
            months |= _months(text) or _period_month(passage.period)
        if months and not months & claimed:
            moved.append(figure.text)
    return moved


def _stems(text: str) -> set[str]:
    return stems(tokenize(text))


def _other_column_figures(sentence: CheckedSentence, passages: list[Citation], question: str) -> list[str]:
    """The sentence's figures that a cited table row gives under a column the question does not
    name, when the question names another of that row's columns with figures whole: asked how many
    "completed training", the row's "Enrolled: 510" beside "Completed training: 402" is the wrong cell."""
    asked = _stems(question)
    rows = [
        [cell.partition(": ") for cell in line.split(" | ")]
        for p in passages
        if p.n in sentence.cited
        for line in p.text.splitlines()
        if is_table_row(line)
    ]
    wrong = []
    for figure in figures(sentence.body):
        value = round(figure.value, 6)
        for cells in rows:
            named = {label for label, _, cell in cells if values(cell) and set() < _stems(label) <= asked}
            holders = {label for label, _, cell in cells if value in values(cell)}
            if named and holders and not holders & named:
                wrong.append(figure.text)
                break
    return wrong


def _period_month(period: str) -> set[int]:
    """The month of a "2025-08" period; a year alone names no month."""
    month = period[5:7]
    return {int(month)} if month.isdigit() else set()


def _source_sentence(
    sentence: CheckedSentence, passages: list[Citation], ranker: SentenceRanker, question: str | Query
) -> CheckedSentence | None:
    """The sentence with a figure, from the passages the sentence cites (or, when it cites none,
    from all of them), that best answers the question; a grid row cut to the months asked, as the
    extractive answer quotes it (the model had taken a figure from another month's cell)."""
    pool = [p for p in passages if p.n in sentence.cited] or passages
    periods = as_query(question).anchors.periods
    for candidate in ranker.rank(question, pool):
        if candidate.anchored and figures(candidate.text):
            return CheckedSentence(asked_cells(candidate.text.strip(), periods), [candidate.n], [])
    return None
