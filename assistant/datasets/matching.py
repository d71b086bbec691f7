"""Which table, columns and cell values a question means, found in the tables themselves.

A phrase of the question that equals a cell ("Globex", "United States") becomes a filter on that
cell's column; a name the question writes that no cell equals may still sit inside cells
("Acme Corp, 12 Main St") and is matched there by whole word. Column names and the table's title
and file name count as references too: "per industry" or "in the WARN notices".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import duckdb
import snowballstemmer
from sqlglot import exp

from assistant.query.names import names
from assistant.query.vocabulary import AGGREGATE_WORDS, TABLE_NOUNS
from assistant.retrieval.gate import state_forms
from vectorstore.store import source_name
from vectorstore.tables import Column, TableInfo
from vectorstore.tokens import STOPWORDS, tokenize

MAX_PHRASE = 4
MAX_NAME_WORDS = 4  # a name run is matched longest first, from this many words down
NEAR_RATIO = 90  # rapidfuzz ratio (0-100) at which a cell is the name spelled another way
MIN_NEAR_CHARS = 6  # shorter names are compared exactly: "Meta" and "Metz" are two companies
MAX_NEAR_VALUES = 20_000  # distinct cells a column may have to be compared name by name
_LEGAL_FORMS = frozenset("inc incorporated llc ltd limited corp corporation co company plc lp llp".split())
_WORD = re.compile(r"[\w&'’.\-]*\w")
_STEMMER = snowballstemmer.stemmer("english")
QUESTION_TOKENS = AGGREGATE_WORDS | frozenset(
    tokenize(" ".join(AGGREGATE_WORDS))
)  # as tokenize() spells them
# measure columns a layoffs question means by default, best first, when it names none
MEASURE_WORDS = (
    "laid",
    "layoff",
    "affected",
    "impacted",
    "cut",
    "dislocated",
    "separated",
    "employee",
    "worker",
)
_NOT_MEASURE = frozenset("id code zip phone fein ein year".split())
_MEASURE_STEMS = frozenset(_STEMMER.stemWords(MEASURE_WORDS))


@dataclass
class Filter:
    column: str
    values: list[str]
    exact: bool = True  # False: the value is a whole word inside the cell
    shown: list[str] = field(default_factory=list)  # the values as the cells write them


def phrases(question: str) -> list[str]:
    """The question's word n-grams that could be a cell value, longest first."""
    words = [w.strip(".'’").lower() for w in _WORD.findall(question)]
    words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
    found = []
    for size in range(MAX_PHRASE, 0, -1):
        for start in range(len(words) - size + 1):
            gram = words[start : start + size]
            edge_ok = all(w not in STOPWORDS and w not in AGGREGATE_WORDS for w in (gram[0], gram[-1]))
            if edge_ok and not any(w.isdigit() for w in gram):
                found.append(" ".join(gram))
    return list(dict.fromkeys(found))


def name_words(column: Column) -> set[str]:
    """A column's name as words: "total_laid_off" -> {"total", "laid", "off"}."""
    return set(tokenize(column.name.replace("_", " ")))


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def stems(words: set[str] | list[str]) -> set[str]:
    """Words by their Snowball stem, so "enrollments" names the column "Enrolled"."""
    return {_stem(w) for w in words}


def _numbers(phrase: str) -> list[str]:
    """The phrase with its last word in either number ("plant closures", "plant closure"): a
    question asks of closures where a Type column writes "Closure". Not a word a table's measure
    is called by ("layoffs" asks of every notice, not of those typed "Layoff")."""
    head, _, last = phrase.rpartition(" ")
    single = tokenize(last)
    if len(single) != 1 or not single[0].isalpha() or stems(single) & _MEASURE_STEMS:
        return [phrase]
    others = [form for form in (single[0], f"{single[0]}s") if form != last]
    return [phrase] + [f"{head} {form}".strip() for form in others]


def find_filters(
    con: duckdb.DuckDBPyConnection, table: TableInfo, question: str
) -> tuple[list[Filter], list[str]]:
    """Filters for the cell values the question names, and the names it writes that the table lacks."""
    wanted = list(dict.fromkeys(form for phrase in phrases(question) for form in _numbers(phrase)))
    by_column: dict[str, list[str]] = {}
    consumed: set[str] = set()
    for column in table.of_type("text"):
        if not wanted:
            break
        rows = con.execute(
            f'SELECT lower(trim("{column.name}")) AS v, min(trim("{column.name}")) FROM "{table.name}" '
            f"WHERE v IN (SELECT unnest(?::VARCHAR[])) GROUP BY v ORDER BY v",
            [wanted],
        ).fetchall()
        for value, shown in rows:
            if value in consumed or any(value in other.split() for other in consumed):
                continue
            by_column.setdefault(column.name, []).append((value, shown))
            consumed.add(value)
    filters = [
        Filter(c, [v for v, _ in found], shown=[s for _, s in found]) for c, found in by_column.items()
    ]
    unmet: list[str] = []
    for run in _names(question):
        found, missing = _meet(con, table, run.split(), consumed)
        filters += found
        unmet += missing
    return filters, unmet


def _meet(
    con: duckdb.DuckDBPyConnection, table: TableInfo, words: list[str], consumed: set[str]
) -> tuple[list[Filter], list[str]]:
    """A run of capitalised words met longest first: "New York WARN" as one name, else "New York"
    (a cell, or the table's own name) and then "WARN"."""
    if not words:
        return [], []
    for size in range(min(len(words), MAX_NAME_WORDS), 0, -1):
        name = " ".join(words[:size])
        low = name.lower()
        if any(re.search(rf"\b{re.escape(low)}\b", value) for value in consumed) or _refers(table, name):
            found: list[Filter] = []
        elif column := _contained(con, table, low):
            found = [Filter(column, [low], exact=False, shown=[name])]
        elif size == len(words) and (near := _near(con, table, name)):  # the whole name, spelled another way
            column, value = near
            found = [Filter(column, [value.strip().lower()], exact=True, shown=[value])]
        else:
            continue
        more, missing = _meet(con, table, words[size:], consumed)
        return found + more, missing
    more, missing = _meet(con, table, words[1:], consumed)
    return more, [words[0], *missing]


def _names(question: str) -> list[str]:
    """The question's names, with adjacent ones joined: "New York" is one name, not two."""
    found = names(question)
    joined: list[str] = []
    for name in found:
        if joined and re.search(rf"\b{re.escape(joined[-1])}\s+{re.escape(name)}\b", question):
            joined[-1] = f"{joined[-1]} {name}"
        else:
            joined.append(name)
    return joined


def _contained(con: duckdb.DuckDBPyConnection, table: TableInfo, word: str) -> str | None:
    """The first text column (in header order) with a cell holding `word` as a whole word."""
    pattern = rf"\b{re.escape(word)}\b"
    for column in table.of_type("text"):
        hits, links = con.execute(
            f'SELECT count(*) FILTER (regexp_matches(lower("{column.name}"), ?)), '
            f'avg(CASE WHEN "{column.name}" LIKE \'http%\' THEN 1 ELSE 0 END) FROM "{table.name}"',
            [pattern],
        ).fetchone()
        if hits and (links or 0) < 0.5:  # a word inside a link names the link's site, not the row
            return column.name
    return None


def cells_with(con: duckdb.DuckDBPyConnection, table: TableInfo, found: Filter, limit: int = 20) -> list[str]:
    """The distinct cells a word filter selects ("AI / automation" for "AI"): the words beside it
    are the table's words too."""
    column = found.column
    pattern = rf"\b{re.escape(found.values[0])}\b"
    rows = con.execute(
        f'SELECT DISTINCT "{column}" FROM "{table.name}" WHERE regexp_matches(lower("{column}"), ?) LIMIT ?',
        [pattern, limit],
    ).fetchall()
    return [value for (value,) in rows if value]


def _normal(text: str) -> str:
    """A name as compared across spellings: lower case, no punctuation, no legal form."""
    return " ".join(w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _LEGAL_FORMS)


def _near(con: duckdb.DuckDBPyConnection, table: TableInfo, name: str) -> tuple[str, str] | None:
    """(column, cell) of the one cell that is the name spelled another way: same words once case,
    punctuation and legal form are set aside, or a slip of a letter or two (rapidfuzz ratio of at
    least NEAR_RATIO); none for short names, where one letter makes another name."""
    from rapidfuzz import fuzz, process

    wanted = _normal(name)
    if len(wanted) < MIN_NEAR_CHARS:
        return None
    for column in table.of_type("text"):
        values = [
            v
            for (v,) in con.execute(
                f'SELECT DISTINCT "{column.name}" FROM "{table.name}" LIMIT ?', [MAX_NEAR_VALUES + 1]
            ).fetchall()
            if v
        ]
        if len(values) > MAX_NEAR_VALUES:
            continue  # free text, not names
        best = process.extractOne(
            wanted,
            {v: _normal(v) for v in values},
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=NEAR_RATIO,
        )
        if best:
            return column.name, best[2]
    return None


def names_table(question: str, table: TableInfo) -> bool:
    """Whether the question is about this table itself (and so a "no rows" answer is right): it
    calls it by two of its own words ("the Florida WARN file"), or by one and a word for a table.
    A question that only shares a value's word with a table is about something else."""
    asked = set(tokenize(question))
    own = asked & (table_words(table) - STOPWORDS)
    return len(own) >= 2 or bool(own and asked & TABLE_NOUNS)


def table_words(table: TableInfo) -> set[str]:
    """What the table calls itself: the words of its title, its file's and its sheet's names."""
    words = tokenize(f"{table.title} {source_name(table.source)} {table.sheet}")
    return {w for w in words if not w[0].isdigit()}


def column_words(table: TableInfo) -> set[str]:
    return {t for c in table.columns for t in name_words(c)}


def _refers(table: TableInfo, name: str) -> bool:
    """The name is the table's own (its title, file name or a column), in any of its forms: a
    state by its name or postal code."""
    known = table_words(table) | column_words(table)
    for form in (name, *state_forms(name)):
        tokens = set(tokenize(form))
        if tokens and tokens <= known:
            return True
    return False


def column_for(table: TableInfo, words: list[str], kinds: tuple[str, ...] = ("text",)) -> Column | None:
    """The column of the given kinds that one of `words` (singular tokens) names."""
    for word in words:
        for column in table.columns:
            if column.type in kinds and _stem(word) in stems(name_words(column)):
                return column
    return None


def measure_column(table: TableInfo, question: str) -> Column | None:
    """The numeric column the question counts: one it names, else the first a layoffs question
    means by default; percentages only when the question asks for a share. A column is named by
    words other than the aggregate ones, or by its whole name even when that is made of them
    ("Washington's quarter total" names "Quarter total")."""
    words = set(tokenize(question))
    asked = words - QUESTION_TOKENS
    share = bool(asked & {"percent", "percentage", "share", "proportion", "pct"})
    candidates = []
    for column in table.of_type("number"):
        tokens = name_words(column)
        if tokens & _NOT_MEASURE or (bool(tokens & {"percent", "percentage", "pct"}) != share):
            continue
        default = next(
            (i for i, w in enumerate(MEASURE_WORDS) if any(_abbreviates(t, w) for t in tokens)), None
        )
        named = len(stems(tokens) & stems(asked)) or (len(tokens) if tokens <= words else 0)
        if named or default is not None:
            candidates.append((-named, default if default is not None else len(MEASURE_WORDS), column))
    return min(candidates, key=lambda c: c[:2])[2] if candidates else None


def _abbreviates(token: str, word: str) -> bool:
    """A column-name token that is the word, a longer form of it ("layoffs") or its abbreviation
    ("empl" for employee, "dislocat")."""
    return token.startswith(word) or (len(token) >= 3 and word.startswith(token))


def date_column(table: TableInfo, question: str) -> Column | None:
    """The date column the question names ("notice date"), else the first one in header order."""
    dates = table.of_type("date")
    asked = set(tokenize(question))
    named = [c for c in dates if (name_words(c) - {"date"}) & asked]
    return (named or dates or [None])[0]


# a row that sums the others, by its heading: "Total", "Totals", "Grand total", "All industries"
# ("All other" is a part, not the whole)
SUMMARY_ROW = re.compile(r"^((grand\s+)?totals?|overall|all(\s+(?!other\b)\w+)+)$|^totals?\b\W", re.I)


@dataclass
class Summary:
    """A table's row-heading column and its cells (lower case) that head rows summing the others."""

    column: str
    cells: list[str]

    def excluded(self) -> str:
        """The SQL condition that leaves those rows out."""
        sums = ", ".join(exp.Literal.string(c).sql(dialect="duckdb") for c in self.cells)
        return f"coalesce(lower(trim(\"{self.column}\")), '') NOT IN ({sums})"


def summary_rows(con: duckdb.DuckDBPyConnection, table: TableInfo) -> Summary | None:
    """The rows of a table that sum the others ("Total", "All industries"), by its row-heading
    column (its first text column); None when it has none."""
    heading = next(iter(table.of_type("text")), None)
    if heading is None:
        return None
    cell = f'lower(trim("{heading.name}"))'
    likely = "'^(grand|total|overall|all )'"  # read by the engine, so a long listing stays fast
    cells = con.execute(
        f'SELECT DISTINCT {cell} FROM "{table.name}" WHERE regexp_matches({cell}, {likely})'
    ).fetchall()
    sums = sorted(c for (c,) in cells if c and SUMMARY_ROW.search(c))
    return Summary(heading.name, sums) if sums else None
