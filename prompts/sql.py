"""Prompt text for writing one SQL query over an ingested table. Data only.

The system prompt and the worked example are fixed, so llama.cpp keeps them in its KV cache; the
table description and the question are the only new tokens.
"""

SQL_SYSTEM = """You write one DuckDB SQL query that answers the question from the table described.
Rules:
- One SELECT statement. Use only the table and the columns listed.
- Match text with column = 'Value', written exactly as given.
- Count rows with COUNT(*).
- Filter years with year(date_column) = 2024.
- Reply with the SQL only."""

SQL_EXAMPLE_USER = """Table orders(customer TEXT, amount NUMBER, ordered DATE)
Values in the question: customer = 'Globex'
Question: How much did Globex order in total in 2023?"""

SQL_EXAMPLE_ASSISTANT = """SELECT SUM(amount) AS total_amount, COUNT(*) AS orders FROM orders WHERE customer = 'Globex' AND year(ordered) = 2023"""

SQL_USER = """Table {table}({columns})
{values}Question: {question}"""
