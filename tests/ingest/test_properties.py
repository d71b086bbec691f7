"""Generated input for the loaders, the date reader and the URL parser: whatever comes in, the only
exception out is the project's own one-line LoadError (or ValueError for a typed date)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.dates import impossible_dates, mentions, month_years, parse_user_date
from ingest.errors import LoadError
from ingest.isolation import Job, parse_here
from ingest.limits import Limits
from ingest.loaders import LOADERS
from ingest.sources import RawSource
from ingest.web import parse

PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"\xef\xbb\xbf", b"company,total_laid_off\n"]
SMALL = Limits(rows=200, cells=5000, pages=5, unzipped_mb=1, text_chars=100_000)
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.sampled_from(PREFIXES), st.binary(max_size=3000), st.sampled_from(sorted(LOADERS)))
def test_any_bytes_load_or_fail_with_a_reason(prefix, body, extension):
    raw = RawSource(f"/fuzz/file{extension}", prefix + body, extension)
    try:
        chunks = parse_here(Job(raw, None, None, 300, 30, SMALL))
    except LoadError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert all(c.page_content and c.metadata["source"] == raw.source for c in chunks)


@FUZZ
@given(st.text(max_size=80))
def test_any_text_is_read_for_dates_without_raising(text):
    for mention in mentions(text):
        assert mention.month is None or 1 <= mention.month <= 12
    month_years(text)
    impossible_dates(text)
    try:
        parse_user_date(text)
    except ValueError as error:
        assert "date" in str(error)


@FUZZ
@given(st.sampled_from(["http://", "https://", "ftp://", "", "http:/"]), st.text(max_size=60))
def test_any_url_is_parsed_or_refused_with_a_reason(scheme, rest):
    try:
        parts = parse(scheme + rest)
    except LoadError as error:
        assert str(error)
    else:
        assert parts.scheme in ("http", "https") and parts.host
        assert "\\" not in parts.host and not any(c.isspace() for c in parts.host)
