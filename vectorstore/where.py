"""Answer filters (kind, date range, sources) as a Chroma `where` clause and as a row predicate.

Both retrievers (dense and keyword) must filter identically, so both read this one definition.
"""

from __future__ import annotations

FILTER_KEYS = ("kind", "since", "until", "sources")


def date_number(iso: str | None) -> int:
    return int(iso.replace("-", "")[:8]) if iso else 0


def where_clause(filters: dict) -> dict | None:
    conditions: list[dict] = []
    if filters.get("kind"):
        conditions.append({"kind": filters["kind"]})
    if filters.get("since"):
        conditions.append({"date_num": {"$gte": date_number(filters["since"])}})
    if filters.get("until"):
        conditions.append({"date_num": {"$lte": date_number(filters["until"])}})
    if filters.get("sources"):
        conditions.append({"source": {"$in": list(filters["sources"])}})
    if not conditions:
        return None
    return conditions[0] if len(conditions) == 1 else {"$and": conditions}


def matches(metadata: dict, filters: dict) -> bool:
    if filters.get("kind") and metadata.get("kind") != filters["kind"]:
        return False
    date = int(metadata.get("date_num", 0))
    if filters.get("since") and date < date_number(filters["since"]):
        return False
    if filters.get("until") and date > date_number(filters["until"]):
        return False
    return not filters.get("sources") or metadata.get("source") in filters["sources"]
