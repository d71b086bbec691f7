"""Guess what kind of document this is, so users can filter answers by it."""

from __future__ import annotations

KINDS = ("article", "jobs_report", "policy", "dataset")

_JOBS_REPORT_MARKERS = (
    "employment situation",
    "nonfarm payroll",
    "jobs report",
    "bureau of labor statistics",
    "unemployment rate",
)
_POLICY_MARKERS = (
    "warn act",
    "worker adjustment and retraining",
    "unemployment insurance",
    "workforce innovation",
    "retraining",
    "trade adjustment assistance",
    "dislocated worker",
)


def guess_kind(extension: str, title: str, text: str) -> str:
    """Datasets by format, then jobs reports and policy by their vocabulary, else article."""
    if extension in (".csv", ".xlsx"):
        return "dataset"
    head = f"{title}\n{text[:3000]}".lower()
    jobs = sum(head.count(m) for m in _JOBS_REPORT_MARKERS)
    policy = sum(head.count(m) for m in _POLICY_MARKERS)
    if jobs >= 2 and jobs >= policy:
        return "jobs_report"
    if policy >= 2:
        return "policy"
    return "article"
