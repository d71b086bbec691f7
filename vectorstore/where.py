"""Answer filters (kind, date range, sources) as a Chroma `where` clause; the keyword index writes
the same conditions in SQL (`keyword._filters`) over the same stored fields, `date_num` made here."""

from __future__ import annotations

FILTER_KEYS = ("kind", "since", "until", "sources")


def date_number(iso: str | None) -> int:
    """2025-03-04 -> 20250304, for range filters; 0 for no date or a partial one."""
    digits = (iso or "").replace("-", "")[:8]
    return int(digits) if len(digits) == 8 and digits.isdigit() else 0


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
