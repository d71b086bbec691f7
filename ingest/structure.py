"""A normalised document's structure: its title and its sections, each under a heading path.

Headings are read from the document's own structure: Markdown `#` lines and bold-only lines, and,
in plain text, a line that stands alone, states nothing (no sentence punctuation at its end) and
is written like a heading (title case or capitals). The title is the first heading; a document
without one is titled by its first meaningful line. A chunk keeps its heading path, so "rose by
50,000" read out of context still says which report and which section it belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.dates import mentions
from ingest.normalize import is_dateline, is_table_row

MAX_HEADING = 110
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)([^*_]{3,}?)(?:\*\*|__)\s*$")
_LABEL = re.compile(r"^[\w .'/&()-]{1,40}:(\s|$)")  # "Media contact:", "Source: ..." are labels, not titles
_STATEMENT_END = re.compile(r"[.!?,;:][\"')\]\u201d\u2019*_]*$")
# Titles that programs write: "Untitled", "Microsoft Word - memo.docx", "Document1", "Word Document".
_PLACEHOLDER_TITLE = re.compile(
    r"^(untitled|microsoft \w+ - |.*\.(docx?|pdf|indd|qxd|rtf|odt|xlsx?)$|document\s*\d*$"
    r"|(microsoft )?(word|excel|powerpoint|pdf) (document|file|workbook|presentation)\s*\d*$)",
    re.I,
)
_LINK_ONLY = re.compile(r"^\s*!?\[[^\]]*\]\([^)]*\)\s*$|^\s*(https?://|www\.)\S+\s*$", re.I)
_WORD = re.compile(r"[^\W\d_][\w'&.-]*")
# a site name glued on several times by a page template: "Jobs help - Agency NameAgency Name"
_REPEATED_END = re.compile(r"(\S.{3,}?)\1+$")
# a running head's page number ("Harbour Survey | page 2", "Page 1 of 9 - Harbour Survey")
_PAGE_NUMBER = re.compile(
    r"^\s*page\s+\d+(?:\s+of\s+\d+)?\s*[|·:,–—-]?\s*|\s*[|·:,–—-]?\s*\bpage\s+\d+(?:\s+of\s+\d+)?\s*$", re.I
)
_SMALL_WORDS = frozenset("a an and as at by for from in of on or per the to vs via with".split())


@dataclass
class Section:
    path: tuple[str, ...]  # headings from the outermost in
    text: str


def _clean(text: str) -> str:
    return re.sub(r"[*_`]+", "", text).strip(" #\t-–—:")


def _written_as_heading(line: str) -> bool:
    """Title case or capitals: nearly every word of four letters or more starts with a capital."""
    words = [w for w in _WORD.findall(line) if len(w) >= 4 and w.lower() not in _SMALL_WORDS]
    if not words:
        return False
    if line.upper() == line:
        return True
    return sum(w[0].isupper() for w in words) / len(words) >= 0.8


def _label(line: str) -> bool:
    """ "Media contact: (555) 010-0000" and "Source: ..." name what follows them. "Layoffs at Acme:
    What Workers Should Know" is a title with its subtitle after the colon: written as a heading
    throughout, with several words after the colon."""
    if not _LABEL.match(line):
        return False
    return not (len(_WORD.findall(line.split(":", 1)[1])) >= 3 and _written_as_heading(line))


def _dates_the_document(line: str) -> bool:
    """A dateline with a day ("Released April 17, 2037"): it dates the document and heads no
    section (a month alone, "April 2037", may head one)."""
    return is_dateline(line) and any(m.day for m in mentions(line))


def heading_of(block: str) -> tuple[int, str] | None:
    """(level, text) when a block is a heading. Markdown gives its level; plain text headings are
    level 1 in capitals, else level 2."""
    lines = block.strip().splitlines()
    if len(lines) != 1:
        markdown = _MARKDOWN_HEADING.match(lines[0]) if lines else None
        return (len(markdown.group(1)), _clean(markdown.group(2))) if markdown else None
    line = lines[0].strip()
    if markdown := _MARKDOWN_HEADING.match(line):
        return len(markdown.group(1)), _clean(markdown.group(2))
    if bold := _BOLD_LINE.match(line):
        return 3, _clean(bold.group(1))
    if (
        len(line) > MAX_HEADING
        or _STATEMENT_END.search(line)
        or _label(line)
        or _LINK_ONLY.match(line)
        or is_table_row(line)
        or _dates_the_document(line)
        or not line[:1].isupper()
        and not line[:1].isdigit()
        or not _written_as_heading(line)
    ):
        return None
    return (1 if line.upper() == line else 2), _clean(line)


def _blocks(text: str) -> list[str]:
    """Blocks, with a Markdown heading that has text right under it split off as its own block."""
    out = []
    for block in re.split(r"\n\s*\n", text):
        lines = block.strip().splitlines()
        if len(lines) > 1 and _MARKDOWN_HEADING.match(lines[0]):
            out += [lines[0], "\n".join(lines[1:])]
        elif lines:
            out.append("\n".join(lines))
    return out


def sections(text: str, carried: tuple[str, ...] = ()) -> list[Section]:
    """The text cut at its headings; each piece carries the path of headings above it. `carried`
    is the path a previous page ended under (a PDF section runs across pages)."""
    found: list[Section] = []
    path: list[tuple[int, str]] = [(level, h) for level, h in enumerate(carried, start=1)]
    body: list[str] = []

    def close() -> None:
        if body:
            found.append(Section(tuple(h for _, h in path), "\n\n".join(body)))
            body.clear()

    for block in _blocks(text):
        heading = heading_of(block)
        if heading is None or not heading[1]:
            body.append(block)
            continue
        close()
        level, title = heading
        path = [(lvl, h) for lvl, h in path if lvl < level] + [(level, title)]
    close()
    return found


def first_heading(text: str, within: int = 40) -> str:
    """The first heading among a document's opening blocks, or ''."""
    for block in _blocks(text)[:within]:
        heading = heading_of(block)
        if heading and not _names_nothing(heading[1]):  # a title has words; "CONTENTS" is a label
            return heading[1]
    return ""


MAX_TITLE = 300  # what the loaders keep; PDF metadata is not capped, and the repeat search is cubic


def tidy_title(title: str) -> str:
    """A title as a reader would write it: one space between words, a name repeated at its end
    written once, no page number."""
    return _PAGE_NUMBER.sub("", _REPEATED_END.sub(r"\1", " ".join(title.split())[:MAX_TITLE]))


def placeholder_title(title: str) -> bool:
    """A title that names the file, its type or the program that made it, not the document."""
    return bool(_PLACEHOLDER_TITLE.match(title.strip()))


def _names_nothing(line: str) -> bool:
    """A line a reader would not call the document: a date alone ("March 11, 2025") or a single
    word (a logo, a label)."""
    dated = mentions(line)
    if dated and sum(m.end - m.start for m in dated) >= len(line.strip(" ,.|-")) - 2:
        return True
    return len(line.split()) < 2


MAX_LINE_TITLE = 120  # a first line that runs on is a sentence: cut between words


def first_line(text: str) -> str:
    """The first line that could name the document: not a rule, label, link, table row, date line
    or lone word."""
    for line in text.splitlines():
        line = _clean(line)
        if (
            len(line) >= 4
            and not _label(line)
            and not _LINK_ONLY.match(line)
            and not is_table_row(line)
            and not _names_nothing(line)
        ):
            return line if len(line) <= MAX_LINE_TITLE else f"{line[:MAX_LINE_TITLE].rsplit(' ', 1)[0]}…"
    return ""


def find_title(text: str) -> str:
    return tidy_title(first_heading(text) or first_line(text))
