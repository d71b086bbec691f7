"""The table path: aggregate questions (totals, counts, rankings, trends) answered by a database
over the ingested tables, with the SQL checked before it runs."""
