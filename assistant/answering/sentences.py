"""Sentence-level evidence: the statements of the passages (`statements.py`) ranked against a
question. The extractive generator answers with the best sentences; the LLM path sends the best
sentences with their neighbours.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.answering import weights
from assistant.answering.documents import (
    document_time,
    implied_countries,
    naming_all,
    newness,
    states_main_fact,
)
from assistant.answering.figures import figures, gives, has_quantity, in_time_unit, in_unit, quantities
from assistant.answering.statements import is_statement, split_sentences
from assistant.query import Query, as_query
from assistant.query.names import QuestionAnchors, days_named
from assistant.query.vocabulary import (
    FORECAST,
    FUTURE,
    OWN_PERIOD,
    REASON,
    SECTOR,
    industry_words,
    writes_industry,
)
from assistant.retrieval.gate import document_context, document_year, mentions_name, passage_periods
from assistant.types import Citation
from ingest.dates import MONTHS, column_months, mentions, month_years
from ingest.normalize import is_table_row
from vectorstore.tokens import tokenize

REMEMBERED = 8192  # sentence vectors kept between questions (1.5 KB each)
_CELL_WORD = re.compile(r"[^\W_][\w&'’.\-]*")


@dataclass
class ScoredSentence:
    n: int  # the passage it comes from
    position: int
    text: str
    score: float
    anchored: bool = True  # speaks of what the question names (or its passage does)
    covers: frozenset[str] = frozenset()  # which of the question's anchors it meets
    vector: np.ndarray | None = field(default=None, repr=False, compare=False)
    similarity: float = 0.0  # its cosine similarity to the question alone, without bonuses


def _names_a_month(sentence: str) -> bool:
    """A month named as a period ("in July 2025"), not as a day ("released on August 1")."""
    return any(m.month and m.day is None for m in mentions(sentence))


def _sentence_cover(
    wanted: QuestionAnchors,
    p: Citation,
    sentence: str,
    before: str,
    recorded: frozenset[str] = frozenset(),
    implied: frozenset[str] = frozenset(),
) -> tuple[float, bool, frozenset[str]]:
    """(penalty, anchored, anchors met). Each name its passage lacks costs its share of the penalty;
    a sentence lacking all costs half when its passage holds them (an article names the company once,
    then says "it"), else it is unanchored. A name its document implies (`implied`: a country, asked
    of a document that names none) is met as its title would meet it. A table row is a record: it
    stands alone, and lacking a name that another retrieved row holds (`recorded`) makes it another
    record, not the one asked about. A period is met by the sentence's own dates, or, when it names
    none, by its document's period and date; another month costs half when its document covers the
    asked one, else it is a miss. Asked a day, a sentence writing other days is of another day,
    and one writing none (in a document not of that day) costs half."""
    context = f"{document_context(p)}\n{before}\n{sentence}"
    row = is_table_row(sentence)
    if row:
        context = f"{document_context(p)}\n{sentence}"
    met: set[str] = set()
    penalty, anchored = 0.0, True
    if wanted.names:
        in_sentence = [n for n in wanted.names if n in implied or mentions_name(n, context)]
        in_passage = (
            in_sentence
            if row
            else [n for n in wanted.names if n in in_sentence or mentions_name(n, f"{context}\n{p.text}")]
        )
        met |= set(in_sentence)
        lacking = len(wanted.names) - len(in_passage)
        penalty = weights.ANCHOR_PENALTY * lacking / len(wanted.names)  # "Bank, New York" is not Quorvex Bank
        if not in_sentence:
            penalty, anchored = (
                (weights.ANCHOR_PENALTY / 2, True) if in_passage else (weights.ANCHOR_PENALTY, False)
            )
        elif row and recorded - set(in_sentence):
            anchored = False
    asked = {pair for pair in wanted.periods if pair[1]} or wanted.periods
    if not asked and not wanted.months:
        return penalty, anchored, frozenset(met)
    # a record dated to the day ("announced on 2035-04-08") is of that day's month, not of every
    # month its section's heading spans ("January to June 2035")
    by_month = _names_a_month(sentence)
    heading = p.section if by_month or not any(m.day for m in mentions(sentence)) else ""
    own = month_years(f"{heading}\n{sentence}", p.period or p.date[:7], days=not by_month) | (
        column_months(sentence) if row else set()
    )
    document = passage_periods(p, "")
    # "63,000 during the month, up from 11,000 in May" speaks of its document's month first
    months, of_own = any(month for _, month in own), bool(OWN_PERIOD.search(sentence))
    spoken = own if months and not of_own else own | document
    if asked:
        # "an average of 9,000 a month in 2030" speaks of the year asked, not of its December
        whole_year = not months and not of_own and any(m and (y, None) in own for y, m in asked)
        hit = set() if whole_year else asked & spoken
        met |= {f"{y}-{m}" for y, m in hit}
        in_document = bool(asked & document)
    else:  # months named without a year ("in June"): that month of any year
        hit = wanted.months & {m for _, m in spoken}
        met |= {MONTHS[m - 1].capitalize() for m in hit}
        in_document = bool(wanted.months & {m for _, m in document})
    if not hit:
        # "rose to 4.2 percent from 4.1 percent in June" in a July report still speaks of July
        penalty, anchored = (
            (weights.ANCHOR_PENALTY / 2, True) if in_document else (weights.ANCHOR_PENALTY, False)
        )
    if wanted.days:
        written = days_named(sentence, document_year(p))
        if written & wanted.days:
            met |= {f"{y}-{m}-{d}" for y, m, d in written & wanted.days}
        elif written:  # a row of another day ("Week ending: March 7") is another record
            penalty, anchored = max(penalty, weights.ANCHOR_PENALTY), anchored and not row
        elif not wanted.days & days_named(p.date):  # of the month, not of the day
            penalty = max(penalty, weights.ANCHOR_PENALTY / 2)
    return penalty, anchored, frozenset(met)


class SentenceRanker:
    def __init__(self, embeddings: Embeddings, remember: int = REMEMBERED):
        self.embeddings = embeddings
        self.remember = remember
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def _embed(self, texts: list[str]) -> np.ndarray:
        """Vectors for `texts`, embedding only those not seen lately: a conversation keeps coming
        back to the same passages, and embedding their sentences is most of the ranking time."""
        with self._lock:  # ranking is CPU-bound: two at once on 2 cores gain nothing
            missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
            if missing:
                for text, vector in zip(missing, self.embeddings.embed_documents(missing), strict=True):
                    self._vectors[text] = np.asarray(vector)
            found = [self._vectors[t] for t in texts]
            for text in texts:
                self._vectors.move_to_end(text)
            while len(self._vectors) > self.remember:
                self._vectors.popitem(last=False)
        return np.asarray(found)

    def rank(self, question: str | Query, passages: list[Citation]) -> list[ScoredSentence]:
        """Best first. Meaning (cosine) plus shared keywords and, when asked for, figures; minus a
        penalty when the sentence, read in its document's context, misses what the question names."""
        query = as_query(question)
        candidates = []
        for p in passages:
            sentences = split_sentences(p.text)
            for i, sentence in enumerate(sentences):
                if is_statement(sentence, p.title, alone=len(sentences) == 1):
                    candidates.append((p, i, sentence, sentences[i - 1] if i else ""))
        if not candidates:
            return []
        vectors = self._embed([query.text] + [f"{p.section} {s}" for p, _, s, _ in candidates])
        similarity = vectors[1:] @ vectors[0]
        question_tokens = set(tokenize(query.text))
        recorded = frozenset() if query.compares else _recorded(query.names, candidates)
        newer = newness(passages) if query.latest else {}
        forecasts_unwanted = query.figure and not (FORECAST.search(query.text) or FUTURE.search(query.text))
        parts_unwanted = query.figure and not query.sector
        industries = [m.group(0) for m in SECTOR.finditer(query.text) if industry_words(m.group(0))]
        reason = bool(REASON.search(query.text))
        whole = set() if query.compares else naming_all(query.names, passages)
        implied = implied_countries(query.text, passages)
        headlines = {p.source: quantities(p.title) for p in passages}
        scored = []
        for (p, position, sentence, before), cosine, vector in zip(
            candidates, similarity, vectors[1:], strict=True
        ):
            penalty, anchored, met = _sentence_cover(
                query.anchors, p, sentence, before, recorded, implied.get(p.source, frozenset())
            )
            # a name the sentence meets through its document ("the company said ...") is shared as
            # if written: the anchor penalty has judged it, and the words should not judge it again
            named = " ".join(n for n in query.anchors.names if n in met)
            shared = set(tokenize(f"{p.section} {sentence} {named}")) & question_tokens
            overlap = len(shared) / max(1, len(question_tokens))
            if whole and p.source not in whole:
                penalty, anchored = weights.ANCHOR_PENALTY, False
            if forecasts_unwanted and _figure_of(FORECAST, sentence):
                penalty += weights.FORECAST_PENALTY
            if reason and (p.record or is_table_row(sentence)):
                penalty += weights.RECORD_PENALTY
            if parts_unwanted and not is_table_row(sentence) and _figure_of(SECTOR, sentence):
                penalty += weights.PART_PENALTY
            # an industry asked after is met as a name is: by the sentence or its section
            other_part = bool(industries) and not any(
                writes_industry(named, f"{p.section} {sentence}") for named in industries
            )
            if other_part:
                penalty += weights.ANCHOR_PENALTY / 2
            dated = query.asks_date and _dates(sentence)  # asked "when", a date is the figure and its unit
            figure = weights.FIGURE_BONUS if query.figure and has_quantity(sentence) or dated else 0.0
            unit_met = bool(query.unit) and in_unit(sentence, query.unit) or dated
            if unit_met:
                figure += weights.UNIT_BONUS
            # "how many weeks" is answered by a number of weeks, not by "within 18 months"
            measure_met = not query.measure or (
                gives(sentence, query.measure)
                and (not query.time_unit or in_time_unit(sentence, query.time_unit))
            )
            if query.measure and measure_met:
                figure += weights.UNIT_BONUS
            # a yes-or-no question asks after one condition, which is no document's main fact
            main = (
                query.kind != "yesno"
                and not other_part
                and states_main_fact(p, position, sentence, headlines[p.source], query.figure)
            )
            given = measure_met and (unit_met or not (query.unit or query.asks_date))
            lead = weights.LEAD_BONUS if main and given else 0.0
            recent = weights.LATEST_BONUS * newer.get(p.source, 0.0)
            score = float(cosine) + weights.OVERLAP_WEIGHT * overlap + figure + lead + recent - penalty
            scored.append(
                ScoredSentence(p.n, position, sentence, score, anchored, met, vector, float(cosine))
            )
        ranked = sorted(scored, key=lambda s: -s.score)
        return _newest_first(ranked, passages, query) if query.latest else ranked


def _dates(sentence: str) -> bool:
    """Whether a sentence gives a date: a month, or a day of one ("on November 21")."""
    return any(m.month for m in mentions(sentence))


def _figure_of(cue: re.Pattern, sentence: str) -> bool:
    """Whether a sentence's first figure belongs to what the cue names, read from the cue coming
    before it: "analysts expect 50,000 jobs" gives a forecast, "construction added 9,000" one
    industry's part. One that states the outcome or the total first ("rose by 63,000, above the
    48,000 expected"; "rose by 90,000, led by construction") gives the outcome or the total."""
    found = figures(sentence)
    match = cue.search(sentence)
    return bool(found and match and match.start() < sentence.find(found[0].text))


def _recorded(names: list[str], candidates: list[tuple[Citation, int, str, str]]) -> frozenset[str]:
    """The question's names that make up a whole field of some retrieved table row ("City: Santa
    Clara" for Santa and Clara), or its first two words or more ("Company: Acme Tools Ltd (East)"):
    they pick out a record. A name inside a longer value ("Company: Bank of Ohio") picks out
    nothing."""
    wanted = {n.lower().rstrip("."): n for n in names}
    found: set[str] = set()
    for _, _, sentence, _ in candidates:
        if not is_table_row(sentence):
            continue
        for cell in sentence.split(" | "):
            value = cell.split(": ", 1)[-1]
            words = [w.lower().rstrip(".") for w in _CELL_WORD.findall(value)]
            lead = next((i for i, w in enumerate(words) if w not in wanted), len(words))
            if words and (lead == len(words) or lead >= 2):
                found |= {wanted[w] for w in words[:lead]}
    return frozenset(found)


def _newest_first(
    ranked: list[ScoredSentence], passages: list[Citation], query: Query
) -> list[ScoredSentence]:
    """For "the latest ...": of the anchored sentences still on topic (within ON_TOPIC of the best)
    that give a figure when one is asked, those of the newest document first."""
    anchored = [s for s in ranked if s.anchored]
    if not anchored:
        return ranked
    floor = weights.ON_TOPIC * anchored[0].score
    when = {p.n: document_time(p) for p in passages}
    fit = [s for s in anchored if s.score >= floor and (not query.figure or has_quantity(s.text))]
    front = sorted(fit, key=lambda s: (when.get(s.n, ""), s.score), reverse=True)
    return front + [s for s in ranked if s not in front]


def newest_only(ranked: list[ScoredSentence], passages: list[Citation], query: Query) -> list[ScoredSentence]:
    """What a model reads for "the latest ..." (ranked newest first by `rank`): only the newest
    document's sentences, when its best on-topic one gives a figure (in the unit asked). A small
    model shown an older report beside it quotes whichever sentence reads most like the question."""
    first = ranked[0] if ranked else None
    if not query.latest or query.parts or first is None or not first.anchored:
        return ranked
    if (query.figure and not has_quantity(first.text)) or (
        query.unit and not in_unit(first.text, query.unit)
    ):
        return ranked
    source = {p.n: p.source for p in passages}
    return [s for s in ranked if source.get(s.n) == source.get(first.n)]
