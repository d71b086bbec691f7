"""What an aggregate question asks for, read from its grammar alone: the operation (total, count,
average, largest, ranking, trend), how many results, what it groups by, and the period it names.

The cue words are the closed vocabulary of aggregation in English, not of any dataset; which table,
column and values a question means is found against the tables themselves (`matching.py`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from assistant.query.vocabulary import LATEST
from ingest.dates import DateMention, mentions, period_spans
from vectorstore.tokens import tokenize

_NUMBER_WORDS = dict(
    zip("one two three four five six seven eight nine ten".split(), range(1, 11), strict=True)
)
_ROWS = r"(?:entries|rows|records|notices|events|filings|listings|announcements|rounds|times|cases)"
_COUNT = re.compile(
    rf"\bhow many (?:\w+ ){{0,3}}{_ROWS}\b|\bnumber of (?:\w+ ){{0,2}}{_ROWS}\b"
    r"|^count\b|\bcount of\b|\bhow often\b",
    re.I,
)
_TOTAL = re.compile(
    r"\b(?:in total|totals?|add(?:ed|ing)? up|sum|altogether|combined|overall|cumulative(?:ly)?)\b", re.I
)
# "how many people" (or jobs cut) asks for a total over a table, or for one figure a passage or a row
# holds; jobs "added" are a jobs report's figure
_HOW_MANY_PEOPLE = re.compile(
    r"\bhow many (?:people|employees|workers|staff|layoffs"
    r"|(?:jobs|positions|roles)\b.*\b(?:cut|eliminat\w*|slash\w*|laid off))\b",
    re.I,
)
# "how much money went to the South region": money handed out over a table's rows adds up
_HOW_MUCH_SPENT = re.compile(
    r"\bhow much\b.*\b(?:money|funding|went (?:to|into)|(?:spent|awarded|paid out|granted|allocated))\b", re.I
)
_HOW_MANY = re.compile(r"\bhow many\b", re.I)
# how far a level moved ("how many jobs did payrolls grow by"): no sum of its months
_LEVEL_CHANGE = re.compile(
    r"\b(?:gr[eo]wn?|grows?|chang\w*|ris(?:e|es|en)|rose|f[ae]ll(?:en|s)?|net)\b", re.I
)
_AVERAGE = re.compile(r"\b(?:average|mean|typical)\b", re.I)
_MOST = re.compile(r"\b(?:largest|biggest|most|highest|maximum|max|greatest|top)\b", re.I)
_LEAST = re.compile(r"\b(?:smallest|fewest|least|lowest|minimum|min)\b", re.I)
_SINGLE = re.compile(r"\b(?:single|one|individual|event|round|notice|entry|record)\b", re.I)
_TOP_N = re.compile(
    r"\b(?:top|largest|biggest|smallest|first) (\d{1,3}|"
    + "|".join(_NUMBER_WORDS)
    + r")\b(?: ([a-z][\w-]*))?",
    re.I,
)
# the noun grouped by, and the words after it ("which training program": a column may be any of them)
_GROUP = re.compile(
    r"\b(?:per|by|each|every|which|what|across|among) ([a-z][\w-]*(?: [a-z][\w-]*){0,2})", re.I
)
_GROUP_ONLY = re.compile(r"\b(?:per|by|each|every|broken down by) ([a-z][\w-]*)", re.I)
_TREND = re.compile(r"\b(?:over time|trend|monthly|month by month|each month|per month|by month)\b", re.I)
_YEARLY = re.compile(r"\b(?:yearly|annual(?:ly)?|each year|per year|by year|year by year)\b", re.I)
# "Which notices ...", "list the sites ...": the rows themselves, when the question names a table
_LIST = re.compile(r"^\s*(?:which|list|show(?: me)?)\b", re.I)
_SINCE = re.compile(r"\b(?:since|after|from|between)\s*$", re.I)
_BETWEEN_END = re.compile(r"\bbetween\s+\S+(?:\s+\d{1,2})?,?(?:\s+\d{4})?\s+and\s*$", re.I)
_BEFORE = re.compile(r"\bbefore\s*$", re.I)
_UNTIL = re.compile(r"\b(?:until|till|through|to)\s*$", re.I)
_RANGE_JOIN = re.compile(r"\s*(?:to|until|till|through|and|-|–)\s*", re.I)


@dataclass
class Intent:
    """operation: total, count, average, extreme (one row), rank (groups), trend, list (the
    rows a filter selects) or latest (the newest rows by date)."""

    operation: str
    weak: bool = False  # only "how many people": a lookup when a single row matches
    descending: bool = True
    limit: int | None = None
    group_words: list[str] = field(default_factory=list)  # tokens that may name a column
    time_grain: str = ""  # "month" or "year" for trends
    years: set[int] = field(default_factory=set)
    months: set[tuple[int, int]] = field(default_factory=set)
    since: str = ""  # ISO, inclusive
    before: str = ""  # ISO, exclusive: "before 2021" and "until 2020" both end on 2021-01-01


def _limit(found: re.Match | None) -> int | None:
    if not found:
        return None
    word = found.group(1).lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _after(mention: DateMention) -> dt.date:
    """The first day after the date, month or year a mention names."""
    if mention.day:
        return dt.date(mention.year, mention.month, mention.day) + dt.timedelta(days=1)
    if mention.month:
        return dt.date(mention.year + mention.month // 12, mention.month % 12 + 1, 1)
    return dt.date(mention.year + 1, 1, 1)


def _periods(question: str, intent: Intent) -> None:
    spans = period_spans(question)
    for span in spans:  # "in the first half of 2035": its months, as "from ... until" would give them
        intent.since, intent.before = span.first.isoformat(), span.after.isoformat()
    found = [m for m in mentions(question) if not any(s.start <= m.start < s.end for s in spans)]
    for mention, following in zip(found, [*found[1:], None], strict=False):
        # "from January to June 2035": the first month is in the year the range ends in
        joined = following and _RANGE_JOIN.fullmatch(question[mention.end : following.start])
        if mention.year is None and mention.month and joined and following.year:
            mention = replace(mention, year=following.year)
        if mention.year is None:
            continue
        before = question[max(0, mention.start - 12) : mention.start]
        start = dt.date(mention.year, mention.month or 1, mention.day or 1)
        if _SINCE.search(before):
            intent.since = start.isoformat()
        elif _BEFORE.search(before):
            intent.before = start.isoformat()
        elif _UNTIL.search(before) or _BETWEEN_END.search(question[: mention.start]):
            intent.before = _after(mention).isoformat()
        elif mention.month:
            intent.months.add((mention.year, mention.month))
        else:
            intent.years.add(mention.year)


def cue_words(question: str) -> set[str]:
    """The words that ask for an average or an extreme ("average", "highest"), in lower case."""
    return {m.group(0).lower() for cue in (_AVERAGE, _MOST, _LEAST) for m in cue.finditer(question)}


def read_intent(question: str) -> Intent | None:
    """The aggregate the question asks for, or None when it asks for no aggregate (a lookup)."""
    text = question.strip()
    top = _TOP_N.search(text)
    words = [m.group(1) for m in _GROUP.finditer(text)] + ([top.group(2)] if top and top.group(2) else [])
    # the word after "which" names the group, or with the next ones ("which training program",
    # "which Harbour training program")
    grouped = [t for phrase in words if tokenize(phrase.split()[0]) for t in tokenize(phrase)[:3]]
    limit = _limit(top)
    if LATEST.search(text) and not _TREND.search(text):  # "the most recent notice": by date, not by size
        intent = Intent("latest", limit=limit)
    elif _TREND.search(text) or _YEARLY.search(text):
        intent = Intent("trend", time_grain="year" if _YEARLY.search(text) else "month")
    elif _AVERAGE.search(text):
        intent = Intent("average")
    elif _MOST.search(text) or _LEAST.search(text):
        descending = not _LEAST.search(text) or bool(_MOST.search(text) and limit)
        single = bool(_SINGLE.search(text)) and not limit
        intent = Intent("extreme" if single or not grouped else "rank", descending=descending, limit=limit)
    elif _COUNT.search(text):
        intent = Intent("count")
    elif _TOTAL.search(text) or _HOW_MANY_PEOPLE.search(text) or _HOW_MUCH_SPENT.search(text):
        if not _TOTAL.search(text) and _SINGLE.search(text):
            return None  # "how many employees did X's notice list": one row's figure, a lookup
        intent = Intent("total", weak=not _TOTAL.search(text))
    elif by := [t for m in _GROUP_ONLY.finditer(text) for t in tokenize(m.group(1))[:1]]:
        intent, grouped = Intent("rank"), by  # "layoffs by industry": a ranking if a column is named so
    elif _LIST.search(text):
        intent, grouped = Intent("list"), []
    elif _HOW_MANY.search(text):
        return _over_a_span(text)
    else:
        return None
    intent.group_words = grouped
    _periods(text, intent)
    return intent


def _over_a_span(text: str) -> Intent | None:
    """ "How many claims were filed in the first quarter of 2036?": a count asked over a span of
    months adds up its rows, as "in total" would; over one month it is a lookup, and how much a
    level grew over a span is no sum of its levels."""
    if _LEVEL_CHANGE.search(text):
        return None
    intent = Intent("total", weak=True)
    _periods(text, intent)
    return intent if intent.since or intent.before else None
