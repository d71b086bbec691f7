"""The relevance gate: the one place that decides whether retrieved passages can answer a question.

A question names things (companies, laws, agencies, places) and periods (months, years). If no
retrieved passage, read with its document's context (title, period, section, date), speaks of one
of them, the documents cannot answer, however similar the passages look: unemployment "in June
2022" is not answered from the May 2022 release. Names are matched case-insensitively as whole
words, and an acronym also by its expansion written in the passage ("Worker Adjustment and
Retraining Notification" for WARN). Dates are compared as (year, month) in whatever form they are
written, and a whole date the question writes ("the week ending March 21") as that day. Each anchor
may be met by a different passage, so comparisons pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import PurePath

import us

from assistant.query import Query, as_query
from assistant.query.countries import home_country_names, names_a_country
from assistant.query.names import QuestionAnchors, days_named, is_acronym
from assistant.query.parse import day_words, period_words
from assistant.query.vocabulary import SECTOR, industry_words, writes_industry
from assistant.retrieval.terms import unmet_horizon, unmet_terms, unmet_values
from assistant.types import Citation
from ingest.chunks import period_label
from ingest.dates import MONTHS, column_months, month_years, publication_dates_removed
from ingest.normalize import is_table_row
from vectorstore.store import source_name

# a sentence this many times the passage bar speaks of the question, whatever its passage's score
SENTENCE_RELEVANCE = 2.0
MAX_CELL_WORDS = 4  # a longer cell is prose, not a value that names a record
_LINK = re.compile(r"\b(?:https?://|www\.)\S+", re.I)


@lru_cache(maxsize=4096)
def _expansions(acronym: str) -> re.Pattern:
    """Capitalised words whose initials spell the acronym, function words allowed between them."""
    letters = acronym.replace(".", "").replace("&", "")
    glue = r"(?:\s+(?:of|and|the|for|on|in|to|&)\b)*\s+"
    words = glue.join(rf"{letter}[\w'’-]*" for letter in letters)
    return re.compile(rf"\b{words}\b")


@lru_cache(maxsize=1024)
def state_forms(name: str) -> tuple[str, ...]:
    """A U.S. state's name and postal code are one name ("Arizona", "AZ"): state WARN listings
    and agencies write one, people ask with the other."""
    if name.isupper() != (len(name) == 2):
        return ()
    state = us.states.lookup(name)
    return (state.name, state.abbr) if state else ()


def mentions_name(name: str, text: str) -> bool:
    """Whole word, any case; an acronym also by its expansion; "U.S." also as "US"; a state by
    its name or its postal code (the code in capitals). Words inside a link are the link's, not
    the passage's: "example.com/quarterly-vacancy-survey" does not mention QVS."""
    text = _LINK.sub(" ", text)
    plain = re.escape(name)
    if re.search(rf"(?<![\w]){plain}(?![\w])", text, re.I):
        return True
    for form in state_forms(name):
        flags = re.I if len(form) > 2 else 0
        if re.search(rf"(?<![\w]){re.escape(form)}(?![\w])", text, flags):
            return True
    if is_acronym(name):
        dotted = r"\.?".join(re.escape(c) for c in name.replace(".", ""))
        if re.search(rf"(?<![\w.]){dotted}\.?(?![\w])", text):
            return True
        return _expansions(name).search(text) is not None
    return False


_FILE_MONTH = re.compile(r"(?<![\d-])((?:19|20)\d\d)-(0[1-9]|1[0-2])(?![\d-])")


def file_period(source: str) -> str:
    """The month a file is named for ("trends_2022-12.pdf" -> "December 2022"), when its name gives
    exactly one month and no day: a report's cover may print its month where no title line holds it."""
    found = _FILE_MONTH.findall(PurePath(source.split("?")[0]).stem)
    return period_label(f"{found[0][0]}-{found[0][1]}") if len(found) == 1 else ""


def document_context(p: Citation) -> str:
    """Title, period, section and the file's own name: a state statute may never name its state
    except in the name it was saved under."""
    period = period_label(p.period) or file_period(p.source)
    return " ".join(x for x in (p.title, period, p.section, source_name(p.source)) if x)


def passage_periods(p: Citation, text: str | None = None, days: bool = True) -> set[tuple[int, int | None]]:
    """What (year, month) a passage speaks of: its text and context, bare months read against its
    document's period (or, lacking one, its date), and that period (or date) itself; with `days`
    off, a whole date written in it ("released August 5") is not a month it speaks of."""
    reference = p.period or p.date[:7]
    body = p.text if text is None else text
    pairs = month_years(publication_dates_removed(f"{document_context(p)}\n{body}"), reference, days=days)
    for line in body.splitlines():  # a grid's row: "Year: 2030 | Apr: 30" speaks of April 2030
        pairs |= column_months(line) if is_table_row(line) else set()
    # The period a document covers speaks for it; its publication date only when it has none and
    # its title or file name names no month (a release on 2022-06-03 reports on May, and an article
    # published in February under "Payrolls rose in January" on January, not February).
    titled = any(month for _, month in month_years(p.title, reference)) or bool(file_period(p.source))
    for value in (p.period or ("" if titled else p.date),):
        if match := re.match(r"((?:19|20)\d\d)(?:-(\d\d))?", value or ""):
            pairs.add((int(match.group(1)), None))
            if match.group(2):
                pairs.add((int(match.group(1)), int(match.group(2))))
    return pairs


def _months_of(p: Citation, months: set[int]) -> set[int]:
    """Which of these months (of any year) a passage speaks of: by name, or as its own period."""
    text = f"{document_context(p)} {p.text}".lower()
    own = {month for _, month in passage_periods(p)}
    return {m for m in months if m in own or re.search(rf"\b{MONTHS[m - 1][:3]}", text)}


def document_year(p: Citation) -> int | None:
    """The year a passage's document speaks of (its period's, else its date's)."""
    year = (p.period or p.date)[:4]
    return int(year) if year.isdigit() else None


def _days_of(p: Citation) -> set[tuple[int, int, int]]:
    """The whole dates a passage writes, and its document's own date."""
    return days_named(f"{document_context(p)}\n{p.text}", document_year(p)) | days_named(p.date or "")


def document_texts(passages: list[Citation]) -> dict[str, str]:
    """Each document's context and retrieved passages, as one text."""
    parts: dict[str, list[str]] = {}
    for p in passages:
        parts.setdefault(p.source, [document_context(p)]).append(p.text)
    return {source: "\n".join(texts) for source, texts in parts.items()}


def missing(question: str | Query, passages: list[Citation]) -> list[str]:
    """What the question names that no passage, read in its document's context, speaks of. A
    home country is also met by a document that names no country at all (a national release does not
    name its own). A single question (not a comparison) also needs its two-word terms, its horizon
    ("over five years") and the value it asks of a column ("the nursing program") where the
    documents would give them (`terms.py`)."""
    query = as_query(question)
    wanted = query.anchors
    texts = [f"{document_context(p)}\n{p.text}" for p in passages]
    gone = [n for n in wanted.names if not any(mentions_name(n, t) for t in texts)]
    countries = home_country_names(query.text) & set(gone)
    if countries and not all(map(names_a_country, document_texts(passages).values())):
        gone = [n for n in gone if n not in countries]
    covered = set().union(*(passage_periods(p) for p in passages)) if passages else set()
    gone += [period_words(pair) for pair in wanted.periods if pair not in covered]
    if wanted.months:  # each month named without a year, by some passage (a comparison's two months, two)
        met = set().union(*(_months_of(p, wanted.months) for p in passages))
        gone += [MONTHS[m - 1].capitalize() for m in sorted(wanted.months - met)]
    if wanted.days:  # a day's record is not its week's neighbour's: "April 4" needs April 4
        written = set().union(*(_days_of(p) for p in passages))
        gone += [day_words(day) for day in sorted(wanted.days - written)]
    gone += _sectors_unmet(query.text, texts)
    if not query.parts:  # a place is no acronym ("WARN", "AI") and no home country
        places = [n for n in wanted.names if not is_acronym(n) and n not in home_country_names(query.text)]
        gone += _apart_from_records(wanted.names, places, passages)
    if gone or query.parts:
        return gone
    if wanted or wanted.days:
        gone += _terms_unmet(query, passages)
    rows = [line for p in passages for line in p.text.splitlines() if is_table_row(line)]
    return gone + unmet_horizon(query.text, texts) + unmet_values(query.text, rows, texts)


def _sectors_unmet(question: str, texts: list[str]) -> list[str]:
    """The industries the question names ("manufacturing", "health care") that no passage writes:
    an industry is asked after as a name is, and a release that never mentions manufacturing has
    no manufacturing figure, however close its payroll sentence reads."""
    return [
        match.group(0)
        for match in SECTOR.finditer(question)
        if industry_words(match.group(0))  # "the industry" points back; it names none
        and not any(writes_industry(match.group(0), t) for t in texts)
    ]


def _apart_from_records(names: list[str], places: list[str], passages: list[Citation]) -> list[str]:
    """The `places` (names a record's cell may hold) that a table's records of another name never
    meet. A record says all there is of its entity: when the only passages naming a company are
    rows of a listing, and nothing of that listing as retrieved (rows, prose, title) names the town
    asked about, the listing has no notice of that company in that town ("Acme in Brayton" when
    Acme's row says Dunholm), however often other documents name the town."""
    texts = document_texts(passages)
    gone = []
    for name in names:
        naming = [p for p in passages if mentions_name(name, p.text)]
        if not naming or not all(p.record for p in naming):
            continue
        listings = [texts[source] for source in {p.source for p in naming}]
        gone += [
            other
            for other in places
            if other != name and other not in gone and not any(mentions_name(other, t) for t in listings)
        ]
    return gone


def _of_asked_period(p: Citation, wanted: QuestionAnchors) -> bool:
    """Whether a passage speaks of each period asked. A month's release speaks of a month only as a
    month (released August 5, the June release is not of August); a record's day is its date."""
    monthly = re.fullmatch(r"\d{4}-\d\d", p.period or "") is not None
    return (
        wanted.periods <= passage_periods(p, days=not monthly)
        and wanted.months <= _months_of(p, wanted.months)
        and wanted.days <= _days_of(p)
    )


def _terms_unmet(query: Query, passages: list[Citation]) -> list[str]:
    """The question's asked-for term that other documents write and the passages of the asked
    period and names do not, not even its head (`terms.py`): "job openings in August" when only June's and
    July's releases count openings, "the civil penalty under Acme's policy" when only a statute
    has one. The home country is no name to hold a document to: a national release does not name
    its own."""
    wanted = query.anchors
    texts = document_texts(passages)
    of_period = [p for p in passages if _of_asked_period(p, wanted)]
    named = [n for n in wanted.names if n not in home_country_names(query.text)]
    asked = {p.source for p in of_period if all(mentions_name(n, texts[p.source]) for n in named)}
    others = [t for s, t in texts.items() if s not in asked]
    # the passages of the asked period, not the rest of their document: a listing's July row is
    # no claims figure because its April row mentions "claims coding"
    written = [f"{document_context(p)}\n{p.text}" for p in of_period if p.source in asked]
    return unmet_terms(query.text, written, others)


def _names_a_cell(question: str, passages: list[Citation]) -> bool:
    """Whether the question writes a retrieved table row's whole text cell ("the data analytics
    program" and "Program: Data analytics"): a value picks out a record as a name does."""
    asked = f" {' '.join(re.findall(r'[a-z0-9]+', question.lower()))} "
    cells = [
        re.findall(r"[a-z0-9]+", cell.partition(": ")[2].lower())
        for p in passages
        for line in p.text.splitlines()
        if is_table_row(line)
        for cell in line.split(" | ")
    ]
    return any(
        0 < len(words) <= MAX_CELL_WORDS
        and any(w.isalpha() and len(w) > 3 for w in words)
        and f" {' '.join(words)} " in asked
        for words in cells
    )


def refusal_reason(
    question: str | Query,
    passages: list[Citation],
    min_relevance: float,
    best_sentence: Callable[[], float] = lambda: 0.0,
) -> str | None:
    """Why these passages cannot answer, or None when they may. A question whose names are all
    found needs half the similarity: a short question about a named thing embeds poorly. So does a
    short question against a long passage that covers more: one of its sentences as close as
    SENTENCE_RELEVANCE times the bar (`best_sentence`, asked only then) shows it speaks of it."""
    if not passages:
        return "nothing retrieved"
    if gone := missing(question, passages):
        return f"no passage mentions {', '.join(gone)}"
    query = as_query(question)
    bar = min_relevance / 2 if query.names or _names_a_cell(query.text, passages) else min_relevance
    best = max(p.score for p in passages)
    if best >= bar or best_sentence() >= SENTENCE_RELEVANCE * min_relevance:
        return None
    return f"best passage similarity {best:.2f} is under {bar:.2f}"
