"""Numbers written in words, read as values: statutes write "sixty days", guides "fifty or more
employees", news "a quarter of its staff" or "one in five firms". Without them a figure a model
writes in digits ("60 days") is not found in a source that spells it, and a share in words is no
share to the ranker or to the check that a headcount was not answered by a percentage.

Whether a word is a number is text2num's call (a maintained parser of English numerals). Shares it
does not read, fractions and "N in M", are read here as percentages, and a fraction of a scale
("half a million", "one and a half billion") as the amount it is; the fraction words are the
language's closed set, not a list of phrases seen in documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import alpha2digit, text2num

from ingest.dates import MONTHS

SMALLEST_ALONE = 3  # "one" and "two" alone are mostly not figures ("no one", "the two firms")
_DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "quarter": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_FRACTION = re.compile(
    r"\b(?:(?P<num>[A-Za-z]+)[\s-]+)?(?P<den>halves|half|(?:third|quarter|fifth|sixth|seventh|eighth"
    r"|ninth|tenth)s?)\s+of\s+(?!(?:the |this |that |its |their |each |every )?(?:\d{4}|fiscal|years?"
    rf"|months?|weeks?|days?|decades?|century|quarters?|{'|'.join(MONTHS)})\b)",
    re.I,
)
# "half of" alone is a share, but "the second half of", "the last quarter of" are times
_NOT_A_SHARE = frozenset("the this that last each every other latter".split())
# "half a million", "a quarter of a million", "one and a half billion": a fraction of a scale is an amount
_SCALED = re.compile(
    r"\b(?:(?P<whole>[A-Za-z]+)\s+and\s+)?(?:(?P<num>[A-Za-z]+)[\s-]+)?(?P<den>half|thirds?|quarters?)"
    r"\s+(?:of\s+)?(?:an?\s+)?(?P<scale>hundred|thousand|million|billion|trillion)\b",
    re.I,
)
_RATIO = re.compile(r"\b(?P<num>[A-Za-z]+)\s+(?:in|out of)\s+(?:every\s+)?(?P<den>[A-Za-z]+)\b", re.I)
_WORD = re.compile(r"[A-Za-z]+")
_JOIN = re.compile(r"^(?:[\s-]+|\s+and\s+)$", re.I)  # "forty-five", "three hundred and five"


@dataclass(frozen=True)
class Spelled:
    start: int
    end: int
    value: float
    share: bool  # a percentage of something ("a third of", "one in four")


@lru_cache(maxsize=4096)
def number(word: str) -> float | None:
    """The value of a numeral in words, or None: "forty-five" is 45, "first" and "tens" are None
    (an ordinal is a rank, a plural scale is no amount)."""
    word = word.lower()
    try:
        value = float(text2num(word, "en"))
    except ValueError:
        return None
    return None if word.endswith("s") and number(word[:-1]) is not None else value


def _ordinal(word: str) -> bool:
    return bool(re.fullmatch(r"\d+(?:st|nd|rd|th)", alpha2digit(word, "en", threshold=0)))


def _scaled(text: str) -> list[Spelled]:
    found = []
    for match in _SCALED.finditer(text):
        head = (match.group("num") or "").lower()
        count = 1.0 if head in {"", "a", "an"} else number(head)
        start = match.start("num") if head else match.start("den")
        if count is None:  # "nearly half a million": the word before is no numeral
            count, start = 1.0, match.start("den")
        whole = number(match.group("whole")) if match.group("whole") else None
        if whole is not None:
            start = match.start("whole")
        key = match.group("den").lower().rstrip("s")
        value = ((whole or 0.0) + count / _DENOMINATORS[key]) * number(match.group("scale"))
        found.append(Spelled(start, match.end(), round(value, 2), False))
    return found


def _shares(text: str, taken: list[Spelled]) -> list[Spelled]:
    found = []
    for match in _FRACTION.finditer(text):
        if any(s.start <= match.start("den") < s.end for s in taken):
            continue
        head = (match.group("num") or "").lower()
        if head in {"a", "an"}:
            count = 1.0
        elif head and (value := number(head)) is not None:
            count = value
        elif match.group("den").lower() == "half" and head not in _NOT_A_SHARE and not _ordinal(head):
            found.append(Spelled(match.start("den"), match.end("den"), 50.0, True))
            continue
        else:
            continue
        key = match.group("den").lower()
        denominator = _DENOMINATORS.get(key) or _DENOMINATORS[key[:-1]]
        found.append(Spelled(match.start(), match.end("den"), round(100 * count / denominator, 4), True))
    for match in _RATIO.finditer(text):
        if any(s.start <= match.start() < s.end for s in taken):
            continue
        part, whole = number(match.group("num")), number(match.group("den"))
        if part and whole and part < whole:
            found.append(Spelled(match.start(), match.end(), round(100 * part / whole, 4), True))
    return found


def _counts(text: str, taken: list[Spelled]) -> list[Spelled]:
    """Runs of numeral words ("three hundred and five") read as one number each."""
    runs: list[list[re.Match]] = []
    for match in _WORD.finditer(text):
        if number(match.group()) is None or any(s.start <= match.start() < s.end for s in taken):
            continue
        if runs and _JOIN.match(text[runs[-1][-1].end() : match.start()]):
            runs[-1].append(match)
        else:
            runs.append([match])
    found = []
    for run in runs:
        start, end = run[0].start(), run[-1].end()
        try:
            value = float(text2num(text[start:end].replace("-", " ").lower(), "en"))
        except ValueError:  # "five and six": two numbers
            found += [Spelled(m.start(), m.end(), number(m.group()), False) for m in run]
            continue
        found.append(Spelled(start, end, value, False))
    return [s for s in found if s.value >= SMALLEST_ALONE]


def spelled(text: str) -> list[Spelled]:
    """Every number written in words in a text, in order."""
    amounts = _scaled(text)
    taken = amounts + _shares(text, amounts)
    return sorted(taken + _counts(text, taken), key=lambda s: s.start)
