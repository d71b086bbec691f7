"""What a sentence is, and which sentences state something.

Passages arrive normalised (one paragraph, list item or table row per line), so a line break is a
boundary and each paragraph goes to a real sentence segmenter (pysbd), which knows "U.S." and
"Inc." do not end sentences. Headings, datelines, captions and menu items repeat a question's words
but state nothing, so they are never quoted as an answer.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd

from assistant.answering.figures import figures
from ingest.normalize import is_table_row

MIN_STATEMENT = 25
PROSE_WORDS = 8  # a line this long, in lower case, is a sentence even without its full stop
MAX_LIST_QUOTE = 400
_LIST_ITEM = re.compile(r"^(?:[-*+\u2022\u25aa\u25cf\u2013]\s+|\(?(?:\d{1,2}|[a-z])[.)]\s+)")
_SEGMENTER = pysbd.Segmenter(language="en", clean=False)


@lru_cache(maxsize=8192)
def _segment(paragraph: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in _SEGMENTER.segment(paragraph) if s.strip())


def split_sentences(text: str) -> list[str]:
    """Sentences, with each table row or list line kept whole, and a lead-in that ends with a colon
    kept with the list items under it ("You are covered if: • the firm has 100 workers")."""
    found: list[str] = []
    for line in text.splitlines():
        line = line.strip().strip("#*").strip()
        if not line:
            continue
        if _LIST_ITEM.match(line) and found and found[-1].endswith(":") or _continues_list(found, line):
            found[-1] = f"{found[-1]} {line}"
            continue
        found += [line] if is_table_row(line) else list(_segment(line))
    return [s for s in found if len(s) > 2]


def _continues_list(found: list[str], line: str) -> bool:
    """A further item of a list whose lead-in has already taken one, within a quotable length."""
    return bool(
        found
        and _LIST_ITEM.match(line)
        and ": " in found[-1]
        and _LIST_ITEM.search(found[-1].split(": ", 1)[1])
        and len(found[-1]) + len(line) <= MAX_LIST_QUOTE
    )


def _has_items(sentence: str) -> bool:
    """A lead-in with its list items joined on ("Employers are covered if: - they ...")."""
    _, colon, rest = sentence.partition(": ")
    return bool(colon) and _LIST_ITEM.match(rest) is not None


def is_statement(sentence: str, title: str, alone: bool) -> bool:
    """Headings, datelines and captions repeat the question's words but state nothing. A statement
    ends like a sentence, or is a table row or list item (units the normaliser has marked), and is
    long enough to say something."""
    ends = sentence.rstrip(" \"'”’)]").endswith((".", "!"))
    if sentence.rstrip(" \"'”’)").endswith("?"):
        return False  # a question (an FAQ's question is not its answer)
    if title and sentence.strip().lower() in title.strip().lower():
        # a title, or a line of one wrapped, states nothing, unless it is a one-line document's sentence
        return alone and ends
    if alone:
        return True
    unit = is_table_row(sentence) or _LIST_ITEM.match(sentence) is not None or _has_items(sentence)
    return (
        (ends or unit or _runs_like_prose(sentence))
        and (unit or not _headline(sentence))
        and len(sentence) >= MIN_STATEMENT
        and (len(sentence.split()) >= 5 or bool(figures(sentence)))
    )


def _headline(sentence: str) -> bool:
    """Every word after the first capitalised: a heading, a headline or a citation line, full stop
    or not ("Chapter 14, Ashby Labor Code."); a statement has words in lower case."""
    words = re.findall(r"[A-Za-z][\w'’-]*", sentence)[1:]
    return len(words) >= 2 and all(w[0].isupper() for w in words)


def _runs_like_prose(line: str) -> bool:
    """A web page's line that is a sentence without its full stop ("To apply, please send the form
    to the office"): long, and written in lower case after its first word, where a heading or a
    menu item capitalises its words."""
    words = line.split()[1:]
    capitalised = sum(w[0].isupper() for w in words)
    return len(words) >= PROSE_WORDS - 1 and capitalised <= len(words) / 4
