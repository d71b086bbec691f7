"""The relevance gate: the one place that decides whether retrieved passages can answer a question.

A question names things (companies, laws, agencies, places) and periods (months, years). If no
retrieved passage, read with its document's context (title, period, section, date), speaks of one
of them, the documents cannot answer, however similar the passages look: unemployment "in June
2022" is not answered from the May 2022 release. Names are matched case-insensitively as whole
words, and an acronym also by its expansion written in the passage ("Worker Adjustment and
Retraining Notification" for WARN). Dates are compared as (year, month) in whatever form they are
written. Each anchor may be met by a different passage, so comparisons pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import us

from assistant.types import Citation
from ingest.chunks import period_label
from ingest.dates import MONTHS, mentions, month_years
from vectorstore.store import source_name
from vectorstore.tokens import STOPWORDS

_WORD = re.compile(r"[^\W_][\w&'’.\-]*[^\W_]|[^\W\d_]")
_LINK = re.compile(r"\b(?:https?://|www\.)\S+", re.I)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n)[\"'(]*$")
# Words a question capitalises for grammar or politeness, not because they name something.
_NOT_NAMES = frozenset(
    "i what which who whom whose when where why how is are was were do does did can could should would will "
    "shall may might must please tell list give show explain compare according hi hello thanks".split()
)
# A question names a few things; past this many capitalised words it is a list or a shout, and
# every later stage (retrieval per name, table matching per name) costs time per name.
MAX_NAMES = 12
_FUNCTION_WORDS = frozenset("of and the for on in to at by with from &".split())


@dataclass
class QuestionAnchors:
    names: list[str] = field(default_factory=list)  # as written, possessives removed
    periods: set[tuple[int, int | None]] = field(default_factory=set)  # (year, month or None)
    months: set[int] = field(default_factory=set)  # months named without a year

    def __bool__(self) -> bool:
        return bool(self.names or self.periods or self.months)


def _bare(word: str) -> str:
    word = word.strip(".'’-")
    return re.sub(r"['’]s$", "", word)


def names(question: str) -> list[str]:
    """Words that name something: capitalised where grammar does not ask for a capital, or acronyms."""
    found: list[str] = []
    months = [(m.start, m.end) for m in mentions(question) if m.month]
    for match in _WORD.finditer(question):
        word = _bare(match.group(0))
        if len(word) < 2 or not word[0].isupper() or word.lower() in _NOT_NAMES | STOPWORDS:
            continue
        if any(start <= match.start() < end for start, end in months):
            continue  # "March 2026" is a period, read below
        initial = _SENTENCE_START.search(question[: match.start()]) is not None
        if initial and not _is_acronym(word):
            continue
        found.append(word)
    return list(dict.fromkeys(found))[:MAX_NAMES]


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def anchors(question: str) -> QuestionAnchors:
    periods = month_years(question)
    dated_months = {m for _, m in periods if m}
    bare_months = {m.month for m in mentions(question) if m.month and m.year is None} - dated_months
    return QuestionAnchors(names(question), periods, bare_months)


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
    if _is_acronym(name):
        dotted = r"\.?".join(re.escape(c) for c in name.replace(".", ""))
        if re.search(rf"(?<![\w.]){dotted}\.?(?![\w])", text):
            return True
        return _expansions(name).search(text) is not None
    return False


def document_context(p: Citation) -> str:
    """Title, period, section and the file's own name: a state statute may never name its state
    except in the name it was saved under."""
    return " ".join(x for x in (p.title, period_label(p.period), p.section, source_name(p.source)) if x)


def passage_periods(p: Citation, text: str | None = None) -> set[tuple[int, int | None]]:
    """What (year, month) a passage speaks of: its text and context, bare months read against its
    document's period (or, lacking one, its date), and that period (or date) itself."""
    reference = p.period or p.date[:7]
    body = p.text if text is None else text
    pairs = month_years(f"{document_context(p)}\n{body}", reference)
    # The period a document covers speaks for it; its publication date only when it has none
    # (a release on 2022-06-03 reports on May, not June).
    for value in (p.period or p.date,):
        if match := re.match(r"((?:19|20)\d\d)(?:-(\d\d))?", value or ""):
            pairs.add((int(match.group(1)), None))
            if match.group(2):
                pairs.add((int(match.group(1)), int(match.group(2))))
    return pairs


def _names_months(p: Citation, months: set[int]) -> bool:
    text = f"{document_context(p)} {p.text}".lower()
    return all(re.search(rf"\b{MONTHS[m - 1][:3]}", text) for m in months)


def missing(question: str, passages: list[Citation]) -> list[str]:
    """What the question names that no passage, read in its document's context, speaks of."""
    wanted = anchors(question)
    texts = [f"{document_context(p)}\n{p.text}" for p in passages]
    gone = [n for n in wanted.names if not any(mentions_name(n, t) for t in texts)]
    covered = set().union(*(passage_periods(p) for p in passages)) if passages else set()
    gone += [_period_name(pair) for pair in wanted.periods if pair not in covered]
    if wanted.months and not any(_names_months(p, wanted.months) for p in passages):
        gone += [MONTHS[m - 1].capitalize() for m in sorted(wanted.months)]
    return gone


def _period_name(pair: tuple[int, int | None]) -> str:
    year, month = pair
    return f"{MONTHS[month - 1].capitalize()} {year}" if month else str(year)


def refusal_reason(question: str, passages: list[Citation], min_relevance: float) -> str | None:
    """Why these passages cannot answer, or None when they may. A question whose names are all
    found needs half the similarity: a short question about a named thing embeds poorly."""
    if not passages:
        return "nothing retrieved"
    if gone := missing(question, passages):
        return f"no passage mentions {', '.join(gone)}"
    bar = min_relevance / 2 if names(question) else min_relevance
    best = max(p.score for p in passages)
    return None if best >= bar else f"best passage similarity {best:.2f} is under {bar:.2f}"
