"""What the retrieved passages tell about their documents, read across all of a document's passages:
which documents name everything the question names, which imply the country it names, and where
each stands in time.
"""

from __future__ import annotations

from assistant.answering.figures import figures, quantities
from assistant.query.countries import home_country_names, names_a_country
from assistant.retrieval.gate import document_texts, mentions_name
from assistant.types import Citation
from ingest.normalize import is_table_row


def naming_all(names: list[str], passages: list[Citation]) -> set[str]:
    """The documents that name everything the question names, read across their retrieved
    passages. When one does, a document naming only part ("AI" of "Acme AI") is about something
    else, however well its sentence reads."""
    if len(names) < 2:
        return set()
    texts = document_texts(passages)
    return {source for source, text in texts.items() if all(mentions_name(n, text) for n in names)}


def implied_countries(question: str, passages: list[Citation]) -> dict[str, frozenset[str]]:
    """For each document whose retrieved passages name no country at all, the question's names that
    mean the home country: a national release says "employers added", not "U.S. employers added"."""
    asked = home_country_names(question)
    if not asked:
        return {}
    return {source: asked for source, text in document_texts(passages).items() if not names_a_country(text)}


def document_time(p: Citation) -> str:
    """When a document speaks from: its publication date, else the period it covers ("" unknown)."""
    return p.date or p.period


def newness(passages: list[Citation]) -> dict[str, float]:
    """Each document's place in time among those retrieved: 1 for the newest, 0 for the oldest and
    for undated ones."""
    times = sorted({document_time(p) for p in passages if document_time(p)})
    if len(times) < 2:
        return {}
    place = {t: i / (len(times) - 1) for i, t in enumerate(times)}
    return {p.source: place.get(document_time(p), 0.0) for p in passages}


def states_main_fact(
    p: Citation, position: int, sentence: str, headline: set[tuple[float, str]], figure_wanted: bool
) -> bool:
    """Whether a sentence states its document's main fact. A title that gives a figure names it
    ("Acme cuts 12% of staff"), and the sentence giving that figure states it wherever it stands:
    a news lead often rounds it ("cuts over a tenth of its staff") or opens on something else. A
    title without one leaves the first sentence of a section's opening, which answers a figure
    question only with a written figure ("two sectors" is no report's headline)."""
    if headline:
        return not is_table_row(sentence) and bool(quantities(sentence) & headline)
    return p.lead and position == 0 and (bool(figures(sentence)) or not figure_wanted)
