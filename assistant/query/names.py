"""What a question names (companies, laws, agencies, places) and the periods it asks about.

A name is a word capitalised where grammar does not ask for a capital (not the question's first word,
not "Please"), a word with a capital inside it ("eBay", "iShares"), or an acronym. Periods are
(year, month) pairs in whatever form they are written; a month without a year is kept apart, to be
read against the conversation or the documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.query.vocabulary import NOT_NAMES
from ingest.dates import MONTHS, mentions, month_label, month_years
from vectorstore.tokens import STOPWORDS

_WORD = re.compile(r"[^\W_][\w&'’.\-]*[^\W_]|[^\W\d_]")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n)[\"'(]*$")
# A question names a few things; past this many capitalised words it is a list or a shout, and
# every later stage (retrieval per name, table matching per name) costs time per name.
MAX_NAMES = 12

# a day written without its year ("the week ending March 21"), read in its document's year
_MONTH_DAY = re.compile(
    rf"\b({'|'.join(m.capitalize() for m in MONTHS)}) ([1-9]|[12]\d|3[01])\b(?!,? \d{{4}})"
)


@dataclass
class QuestionAnchors:
    names: list[str] = field(default_factory=list)  # as written, possessives removed
    periods: set[tuple[int, int | None]] = field(default_factory=set)  # (year, month or None)
    months: set[int] = field(default_factory=set)  # months named without a year
    days: set[tuple[int, int, int]] = field(default_factory=set)  # whole dates: (year, month, day)

    def __bool__(self) -> bool:
        return bool(self.names or self.periods or self.months)


def _bare(word: str) -> str:
    word = word.strip(".'’-")
    return re.sub(r"['’]s$", "", word)


def is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _capitalised(word: str) -> bool:
    return word[0].isupper() or (word[0].isalpha() and any(c.isupper() for c in word[1:]))


def _names_anyway(match: re.Match, question: str) -> bool:
    """A sentence's first word is a name when it owns something ("Hooli's plan") or goes on into
    another capitalised word ("Acme Corp"): grammar capitalises one word, not two."""
    if re.search(r"['’]s$", match.group(0)):
        return True
    following = (
        _WORD.match(question, match.end() + 1) if question[match.end() : match.end() + 1] == " " else None
    )
    if not following or is_acronym(following.group(0)):
        return False  # "Federal WARN rules": an adjective before an acronym
    return following.group(0)[0].isupper() and following.group(0).lower() not in NOT_NAMES


def _head(word: str) -> str:
    """A name made into an adjective ("AI-attributed", "Acme-owned") names what it is made from;
    a name that is hyphenated itself ("Coca-Cola", "Covid-19") stays whole."""
    head, _, tail = word.partition("-")
    return head if tail and all(part.isalpha() and part.islower() for part in tail.split("-")) else word


def names(question: str) -> list[str]:
    """Words that name something, in the order written, each once."""
    found: list[str] = []
    months = [(m.start, m.end) for m in mentions(question) if m.month]
    for match in _WORD.finditer(question):
        word = _head(_bare(match.group(0)))
        if len(word) < 2 or not _capitalised(word) or word.lower() in NOT_NAMES | STOPWORDS:
            continue
        if any(start <= match.start() < end for start, end in months):
            continue  # "March 2026" is a period, read below
        initial = _SENTENCE_START.search(question[: match.start()]) is not None
        if initial and word[0].isupper() and not is_acronym(word) and not _names_anyway(match, question):
            continue
        found.append(word)
    return list(dict.fromkeys(found))[:MAX_NAMES]


def name_phrases(text: str) -> list[str]:
    """The text's names as written together: "Wells Fargo", "San Jose" and "Acme AI" are one name
    each (runs of name words with only a space between), possessives removed."""
    wanted = set(names(text))
    phrases: list[list[str]] = []
    end = -1
    for match in _WORD.finditer(text):
        word = _bare(match.group(0))
        if word not in wanted:
            end = -1
            continue
        if end >= 0 and text[end : match.start()] == " ":
            phrases[-1].append(word)
        else:
            phrases.append([word])
        # a possessive ends the name: "Acme's Ohio plant" names Acme, then Ohio
        end = -1 if match.group(0) != word and re.search(r"['’]s$", match.group(0)) else match.end()
    return list(dict.fromkeys(" ".join(words) for words in phrases))


def anchors(question: str) -> QuestionAnchors:
    periods = month_years(question)
    dated_months = {m for _, m in periods if m}
    bare_months = {m.month for m in mentions(question) if m.month and m.year is None} - dated_months
    return QuestionAnchors(names(question), periods, bare_months, days_named(question))


def days_named(text: str, year: int | None = None) -> set[tuple[int, int, int]]:
    """The whole dates a text writes ("March 21, 2034", "3/21/2034"), whatever their form; with
    `year` (its document's), also a day written without one ("the week ending March 21")."""
    found = {(m.year, m.month, m.day) for m in mentions(text) if m.year and m.month and m.day}
    if year:
        found |= {(year, month_label(month), int(day)) for month, day in _MONTH_DAY.findall(text)}
    return found
