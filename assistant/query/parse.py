"""One question, parsed once: what it names, which periods, what kind of answer it wants, and its parts.

Every stage after the follow-up rewrite reads the `Query`, never the raw string again: retrieval
takes its names, the gate its anchors, the ranker its wanted figure and unit, the generators its
kind and parts, the checks its measure. The cue words live in `vocabulary.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.query import vocabulary as words
from assistant.query.aggregate import Intent, read_intent
from assistant.query.followup import resolve_relative
from assistant.query.names import QuestionAnchors, anchors
from ingest.dates import MONTHS, mentions, month_label
from vectorstore.tokens import tokenize

# A coordinated phrase's left side is read back to the nearest punctuation when that is within this
# many times the right side's length; otherwise it is taken as long as the right side ("its Orlando
# site and its Dallas site"): the two sides of "X or Y" are usually built alike.
SIDE_REACH = 2
_PUNCTUATION = re.compile(r"[,:;.?!()]")
_POINTS_BACK = re.compile(r"\s*(?:its|their)\b", re.I)


@dataclass(frozen=True)
class Query:
    text: str
    anchors: QuestionAnchors = field(compare=False)
    kind: str = "other"  # figure, comparison, list, explanation, yesno, other
    figure: bool = False  # a quantity is wanted ("how many", "what rate")
    unit: str = ""  # "$" or "%": the figure the ranker prefers
    measure: str = ""  # what a figure must be to answer: headcount, duration, age, $, money (else any)
    basis: str = ""  # the period a sum is asked per: "week", "month", "year", "day", "hour"
    latest: bool = False  # "the latest", "most recent": the newest document first
    dated: bool = False  # the answer must say its period: "the latest", "which month", "when did"
    asks_date: bool = False  # "when will", "by what date": a sentence that gives a date answers
    time_unit: str = ""  # "how many weeks": "week", the unit a length of time must be given in
    sector: bool = False  # names an industry: a figure for one is the answer, not a part of the total
    parts: tuple[str, ...] = ()  # sub-questions: each side of a comparison, each part of a question
    aggregate: Intent | None = field(default=None, compare=False)

    @property
    def names(self) -> list[str]:
        return self.anchors.names

    @property
    def compares(self) -> bool:
        return self.kind == "comparison"

    def __str__(self) -> str:
        return self.text


def as_query(question: str | Query) -> Query:
    return question if isinstance(question, Query) else parse(question)


@lru_cache(maxsize=512)
def parse(question: str) -> Query:
    text = question.strip()
    pieces = question_parts(text)
    # "how many ..., and how did A compare with B?" is a question in parts, one of which compares
    compared = words.COMPARING.search(text) and all(words.COMPARING.search(p) for p in pieces)
    sides = comparison_sides(text) if compared else ()
    parts = sides or pieces
    return Query(
        text=text,
        anchors=anchors(text),
        kind=_kind(text, bool(sides)),
        figure=bool(_words(text) & words.QUANTITY_WORDS) and not words.REASON.search(text),
        unit=_unit(text, () if sides else parts),
        measure=_measure(text),
        basis=_basis(text),
        latest=bool(words.LATEST.search(text) or words.NOW.search(text)),
        dated=bool(words.LATEST.search(text) or words.NOW.search(text) or words.ASKS_PERIOD.search(text)),
        asks_date=bool(words.ASKS_DATE.search(text)),
        time_unit=_time_unit(text),
        sector=bool(words.ASKS_SECTOR.search(text)),
        parts=parts,
        aggregate=read_intent(text),
    )


def _kind(text: str, compared: bool) -> str:
    if compared:
        return "comparison"
    if words.LISTING.search(text):
        return "list"
    if words.EXPLAINING.search(text):
        return "explanation"
    if words.YES_NO.search(text):
        return "yesno"
    return "figure" if _words(text) & words.QUANTITY_WORDS else "other"


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def _unit(text: str, parts: tuple[str, ...] = ()) -> str:
    """The unit the ranker prefers; none for a question whose parts want different units, whose
    whole-question ranking must not favour one part's figures."""
    if parts:
        units = {_unit(part) for part in parts}
        return units.pop() if len(units) == 1 else ""
    money = words.MONEY_WORDS.search(text) or words.HOW_MUCH_SAVED.search(text)
    if money and not words.CHANGE.search(text):
        return "$"
    return "%" if words.PERCENT_WORDS.search(text) else ""


def _time_unit(text: str) -> str:
    """The unit a length of time is asked in ("how many weeks" -> "week"), "" for "how long"."""
    asked = words.DURATION.search(text)
    return asked["unit"].lower().rstrip("s") if asked and asked["unit"] else ""


def _measure(text: str) -> str:
    """The kind of figure without which there is no answer. A share asked for may be written as
    "one in four", so only headcounts, lengths of time, ages and sums of money are held to it."""
    if words.DURATION.search(text):
        return "duration"
    if words.AGE.search(text):
        return "age"
    if words.HEADCOUNT.search(text):
        return "headcount"
    if words.DOLLAR_SUM.search(text):
        return "money"
    if words.CHANGE.search(text):
        return ""
    if (
        re.search(r"\bhow much\b", text, re.I)
        and words.MONEY_WORDS.search(text)
        or words.PAYMENT.search(text)
    ):
        return "$"
    return ""


def _basis(text: str) -> str:
    """The period a sum is asked per ("the monthly amount of the allowance"); only a sum's, not a
    count's ("how many jobs were added each month")."""
    if not (words.SUM_NOUNS.search(text) or words.MONEY_WORDS.search(text)):
        return ""
    found = words.BASIS_WORDS.search(text)
    return found.lastgroup or "" if found else ""


def question_parts(text: str) -> tuple[str, ...]:
    """A question that asks two things ("How many ..., and what share ...?") as two questions. A
    later part that names nothing ("and what share is that?") takes the names and dates of the first."""
    pieces = [p.strip(" ,;?") for p in words.PART_BREAK.split(text) if p and p.strip(" ,;?")]
    if len(pieces) < 2 or any(len(p.split()) < 3 or not words.ASKING.search(p) for p in pieces):
        return ()
    if any(not tokenize(p) for p in pieces):
        return ()  # "..., and what was it?" asks for the first part's answer, not something else
    first = anchors(pieces[0])
    months = {year for year, month in first.periods if month}
    dated = sorted(p for p in first.periods if p[1] or p[0] not in months)
    subject = " ".join(first.names + [period_words(pair) for pair in dated])
    out = [f"{pieces[0]}?"]
    for piece in pieces[1:]:
        piece = resolve_relative(piece, pieces[0])
        own = anchors(piece)
        own_subject = " ".join(first.names) if own.periods else subject
        out.append(f"{piece} ({own_subject})?" if own_subject and not own.names else f"{piece}?")
    return tuple(out)


def leaf_parts(query: Query) -> list[Query]:
    """A question's parts, each part that is itself a comparison given as its sides: what is
    answered one by one."""
    found = []
    for text in query.parts:
        part = parse(text)
        nested = part.compares and not query.compares
        found += [parse(side) for side in part.parts] if nested else [part]
    return found


def period_words(pair: tuple[int, int | None]) -> str:
    """(2031, 4) as "April 2031", (2031, None) as "2031"."""
    year, month = pair
    return f"{MONTHS[month - 1].capitalize()} {year}" if month else str(year)


def day_words(day: tuple[int, int, int]) -> str:
    """(2031, 4, 7) as "April 7, 2031"."""
    year, month, number = day
    return f"{MONTHS[month - 1].capitalize()} {number}, {year}"


def comparison_sides(text: str) -> tuple[str, ...]:
    """Two sub-questions, one per side of "X or Y" / "X compared with Y", when each side names
    something (a name or a period) the other does not."""
    for conj in words.SIDES.finditer(text):
        right_end = _PUNCTUATION.search(text, conj.end())
        stop = right_end.start() if right_end else len(text)
        # a comma inside a place ("Orlando, Florida") does not end a side
        while right_end and text[right_end.start()] == "," and _starts_name(text[right_end.end() :]):
            right_end = _PUNCTUATION.search(text, right_end.end())
            stop = right_end.start() if right_end else len(text)
        right = text[conj.end() : stop].strip()
        left_start = _left_start(text, conj.start(), len(right.split()))
        left = text[left_start : conj.start()].strip()
        a, b = _side_anchors(text, left), _side_anchors(text, right)
        first = f"{text[: conj.start()]}{text[stop:]}"
        if swapped := _swapped(text, left_start, conj.start(), right):
            second = f"{swapped}{text[stop:]}"
        elif _own(a, b) and _own(b, a):
            second = f"{text[:left_start].rstrip()} {right}{text[stop:]}"
        elif span := _named_inside(text, conj.start(), right, b):
            # "how did the share Quorvex is cutting compare with Tallimax?": the right side is a
            # name standing for the one name the left clause holds, wherever in the clause it sits
            second = f"{text[: span[0]]}{b.names[0]}{text[span[1] : conj.start()]}{text[stop:]}"
        else:
            continue
        return (_tidy(first), _tidy(second))
    return ()


def _swapped(text: str, start: int, end: int, right: str) -> str:
    """The left clause (text[start:end]) with its one date or name put in place of the right
    side's, when the right side points back with "its" or "their" ("how did Acme's January
    layoffs compare with its April cuts?" -> "how did Acme's April layoffs"); "" otherwise."""
    if not _POINTS_BACK.match(right):
        return ""
    wanted, held = mentions(right), mentions(text[start:end])
    if len(wanted) == 1 and len(held) == 1:
        new, old = right[wanted[0].start : wanted[0].end], held[0]
        return f"{text[: start + old.start]}{new}{text[start + old.end : end]}"
    names, here = anchors(right).names, [n for n in anchors(text).names if _find(n, text[start:end])]
    if len(names) == 1 and len(here) == 1 and names != here and (found := _find(here[0], text[start:end])):
        return f"{text[: start + found.start()]}{names[0]}{text[start + found.end() : end]}"
    return ""


def _named_inside(text: str, end: int, side: str, right: QuestionAnchors) -> tuple[int, int] | None:
    """Where the one name of the clause before `end` sits, when the right side is one other name
    alone: the two sides of "A's count compared with B's" are a name each, the rest is shared."""
    if len(right.names) != 1 or re.sub(r"['’]s$", "", side) != right.names[0]:
        return None
    clause = max((m.end() for m in _PUNCTUATION.finditer(text[:end])), default=0)
    inside = [n for n in anchors(text).names if _find(n, text[clause:end]) and n != right.names[0]]
    if len(inside) != 1:
        return None
    found = _find(inside[0], text[clause:end])
    return (clause + found.start(), clause + found.end())


def _find(name: str, text: str) -> re.Match | None:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)


def _starts_name(rest: str) -> bool:
    word = rest.strip().split(" ", 1)[0] if rest.strip() else ""
    return bool(word) and word[0].isupper()


def _left_start(text: str, end: int, right_words: int) -> int:
    before = text[:end]
    marks = [
        m for m in _PUNCTUATION.finditer(before) if not (m.group() == "," and _starts_name(before[m.end() :]))
    ]
    punct = marks[-1].end() if marks else 0
    spans = [m.start() for m in re.finditer(r"\S+", before)]
    if len(before[punct:].split()) <= SIDE_REACH * right_words or len(spans) <= right_words:
        return punct
    return max(punct, spans[-right_words])


def _side_anchors(text: str, side: str) -> QuestionAnchors:
    """A side's anchors: the whole question's names that it holds (a side may begin with a name that
    would read as a sentence's first word alone), and its own periods."""
    own = anchors(side)
    held = [n for n in anchors(text).names if _find(n, side)]
    # a side that is a month's name alone ("... in June compare with May?") is that month
    alone = month_label(side.strip(" ?.!'’s"))
    return QuestionAnchors(held, own.periods, own.months | ({alone} if alone else set()), own.days)


def _own(side: QuestionAnchors, other: QuestionAnchors) -> bool:
    return bool(
        set(side.names) - set(other.names) or side.periods - other.periods or side.months - other.months
    )


def _tidy(text: str) -> str:
    return re.sub(r"\s+([,.?!])", r"\1", re.sub(r"\s+", " ", text)).strip()
