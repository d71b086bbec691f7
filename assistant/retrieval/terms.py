"""What a question writes in lower case that the documents it is about must also hold: compound
terms, horizons and the values it asks of a table's column.

"How many job openings were there in August?" over a library whose July release counts job
openings and whose August report counts only payroll jobs: August is met, the passages are close
enough, and the answer would quote August's payroll figure. When retrieved documents of other
periods write the question's two-word term ("job openings", "civil penalty") and none of the
documents of the asked period writes even its head noun ("openings"), those documents do not report
it; "unemployment rate" may be what other months call the "jobless rate". Only two-word terms, each
word in lower case (a name or a month is an anchor, judged elsewhere): a single word has synonyms
that a release of another month may use ("payrolls", "employment").
Likewise "the nursing program" asked of rows whose Program cells never say nursing, and a cost "over
five years" asked of documents that cost it over ten.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from text_to_num import text2num

from assistant.query.vocabulary import AGGREGATE_WORDS
from vectorstore.tokens import tokenize

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*|\S")
# a verb's particle after a word ("lay off") or a modal beside one ("notice must") makes no term
_PARTICLES = frozenset("off up out down back over away".split())
_MODALS = frozenset("must shall should can could would may might".split())
_ASKED = re.compile(
    r"\s*(?:how\s+(?:many|much)|what(?:'s|\s+(?:is|was|were|are|will\s+be|would\s+be))"
    r"(?:\s+(?:the|a|an))?)\s+",
    re.I,
)
# before a column's name, words that pick no value: determiners, quantifiers, the aggregate's own
_NOT_VALUES = frozenset(
    tokenize(" ".join(AGGREGATE_WORDS))
    + "any another other same one given whole specific particular single new first next previous".split()
)


def compound_terms(question: str) -> list[tuple[str, str]]:
    """Pairs of adjacent lower-case words ("quit rate") in what the question asks for: the words
    right after "how many", "how much" or "what is the", up to the first small word. Elsewhere
    adjacent words are as often a verb and its object ("give notice"), which a statute words its
    own way ("provide notification")."""
    asked = _ASKED.match(question)
    if not asked:
        return []
    words = _WORD.findall(question[asked.end() :])
    tokens = []
    for word in words:
        token = tokenize(word) if word.islower() else []
        if len(token) != 1:
            break
        tokens.append(token)
    pairs = zip(tokens, tokens[1:], strict=False)
    return [
        (a[0], b[0])
        for a, b in pairs
        if len(a) == len(b) == 1 and b[0] not in _PARTICLES and not {a[0], b[0]} & _MODALS
    ]


def _stem(token: str) -> str:
    return re.escape(token[:-1] if token.endswith("y") else token)  # "industry" and "industries"


def writes(text: str, term: tuple[str, str]) -> bool:
    """Whether the text writes the term's two words side by side, in any case or number; never
    across a full stop, a comma or a line ("under this Act. State law ...")."""
    first, second = term
    between = r"(?:[ \t]+|[ \t]*-[ \t]*)"  # one line: a row's last cell and the next label are no term
    return re.search(rf"\b{_stem(first)}[a-z']*{between}{_stem(second)}[a-z']*\b", text, re.I) is not None


def _writes_head(text: str, term: tuple[str, str]) -> bool:
    return re.search(rf"\b{_stem(term[1])}[a-z']*\b", text, re.I) is not None


def unmet_terms(question: str, asked: list[str], others: list[str]) -> list[str]:
    """The question's terms that some other document writes and none of the texts it asks about
    (`asked`: the retrieved passages of the asked period and names, each read with its context)
    writes, not even the term's head noun: a March bulletin's "unemployment rate" may be the
    "jobless rate" other months' bulletins write."""
    return [
        " ".join(term)
        for term in compound_terms(question)
        if any(writes(t, term) for t in others) and not any(_writes_head(t, term) for t in asked)
    ]


_HORIZON = re.compile(
    r"\bover\s+(?:the\s+)?(?:next\s+|first\s+|coming\s+|past\s+|last\s+)?(?P<count>\d+|[a-z]+)[\s-]+"
    r"(?P<unit>year|month|week|day|decade)s?\b",
    re.I,
)


def _count(word: str) -> int | None:
    """The number a word spells ("six"), or None."""
    try:
        return text2num(word, "en")
    except ValueError:
        return None


def _horizons(text: str) -> dict[tuple[int, str], str]:
    """The spans of time a text totals over ("over ten years", "over the next 5 years"), by
    (length, unit), with their wording."""
    found = {}
    for match in _HORIZON.finditer(text):
        count = match["count"]
        length = int(count) if count.isdigit() else _count(count.lower())
        if length is not None:
            found[(length, match["unit"].lower())] = match.group(0)
    return found


def unmet_horizon(question: str, texts: list[str]) -> list[str]:
    """The question's horizon ("cost over five years") when the documents total over other ones
    only ("over ten years"): a ten-year cost is not a five-year one, and no share of it is either.
    Documents that give no horizon at all are not held against the question."""
    asked = _horizons(question)
    given = {key for text in texts for key in _horizons(text)}
    return [wording for key, wording in asked.items() if given and key not in given]


def _columns(rows: list[str]) -> dict[str, set[str]]:
    """Each text column of the rows ("Program"), by its name in lower case, with its cells' words."""
    columns: dict[str, set[str]] = {}
    for row in rows:
        for cell in row.split(" | "):
            label, colon, value = cell.partition(": ")
            if colon and re.search(r"[A-Za-z]{3}", value) and not re.search(r"\d", value):
                columns.setdefault(label.strip().lower(), set()).update(tokenize(value))
    return columns


def _held(word: str, cells: set[str]) -> bool:
    """A word of the question in a column's cells, whole or as the start of one ("tech", "technology")."""
    long = (cell for cell in cells if len(cell) > 3)
    return word in cells or any(cell.startswith(word) or word.startswith(cell) for cell in long)


def _modifier(before: list[str]) -> list[str]:
    """The lower-case words right before a column's name, back to the first small word; none when
    a capitalised word leads them, as they are then part of a name ("the Larkspur act state")."""
    words = []
    for word in reversed(before):
        token = tokenize(word)
        if not word.islower() and token:
            return []
        small = len(token) != 1 or not token[0].isalpha() or token[0] in _NOT_VALUES
        if small or _count(token[0]) is not None:
            break
        words.append(token[0])
    return words


def unmet_values(question: str, rows: list[str], texts: Sequence[str] = ()) -> list[str]:
    """What the question calls by a text column's name ("the nursing program" over rows whose
    Program cells are "Welding" and "Data analytics"): the lower-case words right before the name,
    when no retrieved row's cell of that column holds any of them and no retrieved text writes
    them with the name ("the nursing program closed", in a note below the table). A capitalised
    word is a name ("Corrin County"), judged as names are."""
    words = _WORD.findall(question)
    missing = []
    for label, cells in _columns(rows).items():
        name = tokenize(label)
        for i in range(1, len(words) - len(name) + 1):
            if name and tokenize(" ".join(words[i : i + len(name)])) == name:
                modifier = _modifier(words[max(0, i - 3) : i])
                if not modifier or any(_held(w, cells) for w in modifier):
                    continue
                phrase = " ".join(words[i - len(modifier) : i + len(name)])
                written = re.compile(rf"\b{re.escape(phrase)}\b", re.I)
                if not any(written.search(t) for t in texts):
                    missing.append(phrase)
    return missing
