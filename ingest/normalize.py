"""Text as published -> paragraphs, one per line, before anything is split.

Markdown links and images become their words (a sentence should not quote a URL).

Releases, statutes and PDF text arrive hard-wrapped at 70-110 columns, inside ASCII boxes, with
tab-aligned tables and words hyphenated across lines. Left as they are, every line break looks
like a sentence boundary and answers start mid-sentence. Here wrapped lines are joined back into
paragraphs, while the lines that are units of their own (headings, list items, table rows) stay
lines. Output: blocks separated by a blank line; inside a block, one unit per line.
"""

from __future__ import annotations

import re

from ingest.dates import mentions

_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")  # |---|---|
_RULE = re.compile(r"^[\s_\-=*~#|+.]{3,}$")  # a line drawn with characters: a border, not text
_BOX_EDGE = re.compile(r"^\s*\|(.*?)\|?\s*$")
_LEADER = re.compile(
    r"(?<=\S)\s*(?:\.{3,}|(?:\.\s){3,}\.?)(?=\s|\d|$)"
)  # "October.....  3.9", "Intro . . . 1"
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}\s*$", re.I)
_CAPITALS_HEADING = re.compile(r"^[^a-z]*[A-Z]{2}[^a-z]*$")  # "EMPLOYEES NOT PROTECTED BY WARN"
_RUN_IN_HEADING = re.compile(r"^(\*\*[^*]{3,120}\*\*|__[^_]{3,120}__)\s+(?=\S)")  # **§1 Title.** Text
_COLUMN_GAP = re.compile(r"\t+|\s{3,}")
_LIST_ITEM = re.compile(
    r"^\s*(?:[-*+\u2022\u25aa\u25cf\u2013]\s+|\(?(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)]\s+)"
)
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_MARKDOWN_TABLE = re.compile(r"^\s*\|.*\|\s*$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:https?://|/|#|mailto:)[^)]*\)")
_HYPHEN_BREAK = re.compile(r"[A-Za-z]-$")
_SENTENCE_END = re.compile(r"[.!?:;][\"')\]\u201d\u2019]*$")
SHORT_LINE = 0.6  # a line under this share of the block's width ends its paragraph
DATELINE_WORDS = 3  # words beside its date that a dateline may have ("For release on")


def _strip_box(line: str) -> str:
    """`|  text   |` inside an ASCII box is `text`; a Markdown table row keeps its pipes."""
    if _MARKDOWN_TABLE.match(line) and line.count("|") > 2:
        return line
    match = _BOX_EDGE.match(line)
    return match.group(1) if match else line


def is_table_row(line: str) -> bool:
    """Cells aligned by tabs or wide gaps, or a Markdown table row: a unit, never re-flowed."""
    if _MARKDOWN_TABLE.match(line) or line.count(" | ") >= 2:
        return True
    text = line.strip()
    cells = [c for c in _COLUMN_GAP.split(_LEADER.sub("   ", text)) if c.strip()]
    return len(cells) >= 2 and ("\t" in text or len(cells) >= 3 or _LEADER.search(text) is not None)


def _table_row(line: str) -> str:
    if _MARKDOWN_TABLE.match(line):
        return line.strip()
    cells = [c.strip() for c in _COLUMN_GAP.split(_LEADER.sub("   ", line).strip()) if c.strip()]
    return " | ".join(cells)


def _is_heading_line(line: str) -> bool:
    """A line in capitals that ends no sentence: a heading, even with no blank line around it."""
    text = line.strip()
    return 4 <= len(text) <= 80 and bool(_CAPITALS_HEADING.match(text)) and not _SENTENCE_END.search(text)


def is_dateline(line: str) -> bool:
    """A date with at most a few words of label ("Released October 6, 2034", "Updated: 3/4/2031"):
    a title's dateline, never part of the title above it or the paragraph below."""
    text = line.strip()
    if _SENTENCE_END.search(text) or len(text.split()) > DATELINE_WORDS + 4:  # a date is 1-3 words
        return False
    dates = [m for m in mentions(text) if m.month and m.year]
    rest = text
    for m in reversed(dates):
        rest = rest[: m.start] + " " + rest[m.end :]
    return bool(dates) and len(rest.split()) <= DATELINE_WORDS


def _is_unit(line: str) -> bool:
    """Lines that stand on their own inside a block: list items, headings, table rows, datelines."""
    return bool(
        _LIST_ITEM.match(line) or _MARKDOWN_HEADING.match(line) or is_table_row(line) or is_dateline(line)
    )


def _join(previous: str, line: str) -> str:
    if _HYPHEN_BREAK.search(previous) and line[:1].islower():
        return previous[:-1] + line  # "require-" + "ments": one word broken by the layout
    return f"{previous} {line}"


def _reflow_block(lines: list[str]) -> list[str]:
    """Join wrapped lines; keep units. A short line ends its paragraph (the author broke it there);
    a long one was wrapped by the layout."""
    width = max(len(line) for line in lines)
    out: list[str] = []
    open_paragraph = False
    for raw in lines:
        line = raw.strip()
        if _is_unit(raw):
            out.append(_table_row(raw) if is_table_row(raw) else line)
            open_paragraph = not is_table_row(raw) and not _MARKDOWN_HEADING.match(raw)
            continue
        if open_paragraph and out:
            out[-1] = _join(out[-1], line)
        else:
            out.append(line)
            open_paragraph = True
        if len(raw.rstrip()) < SHORT_LINE * width:
            open_paragraph = False  # the author broke the line: a paragraph's end, a title, a dateline
    return out


def _sentence_goes_on(bold: str, rest: str) -> bool:
    """Whether the words after a bold lead-in carry on its sentence (a lower-case word after
    a name with no stop of its own), so the bold words are emphasis, not a heading."""
    return not re.search(r"[.:;!?\u2013\u2014-]\s*(\*\*|__)$", bold) and rest[:1].islower()


def normalize(text: str) -> str:
    """Blocks separated by one blank line; each block's paragraphs, list items and table rows
    one per line; tabs, boxes and rules gone; hyphenated line breaks joined."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    text = _LINK.sub(r"\1", _IMAGE.sub("", text))  # Markdown links read as their words
    lines = text.split("\n")
    while lines and (not lines[0].strip() or _PAGE_NUMBER.match(lines[0])):
        lines.pop(0)  # a page's number, printed above or below its text
    while lines and (not lines[-1].strip() or _PAGE_NUMBER.match(lines[-1])):
        lines.pop()
    blocks: list[list[str]] = [[]]
    for raw in lines:
        if _TABLE_SEPARATOR.match(raw):
            continue  # a Markdown table's header rule: the table goes on
        line = _strip_box(raw.rstrip())
        if not line.strip() or _RULE.match(line):
            if blocks[-1]:
                blocks.append([])
            continue
        if run_in := _RUN_IN_HEADING.match(line.strip()):
            rest = line.strip()[run_in.end() :]
            if _sentence_goes_on(run_in.group(1), rest):  # "**Acme Corp** said ...": its subject
                line = f"{run_in.group(1)[2:-2]} {rest}"
            else:  # "**Eligibility.** Workers ...": a bold lead-in names its paragraph
                blocks[-1:] = [b for b in (blocks[-1], [run_in.group(1)]) if b] + [[]]
                line = rest
        elif _is_heading_line(line) and not is_table_row(line):
            blocks[-1:] = [b for b in (blocks[-1], [line.strip()]) if b] + [[]]
            continue
        blocks[-1].append(line.expandtabs(8) if not is_table_row(line) else line)
    paragraphs = ["\n".join(_reflow_block(block)) for block in blocks if block]
    return "\n\n".join(re.sub(r"[ ]{2,}", " ", p) for p in paragraphs)
