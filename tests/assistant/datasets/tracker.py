"""An invented layoffs tracker with the faults real exports have, and its true figures as pandas
sees them: a title line above the header, blank rows, counts written as "1,200", "450.0" or "N/A",
percentages as 0.15 or "15%", and dates written three ways."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pandas as pd

COMPANIES = ["Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Litware", "Adatum", "Proseware"]
INDUSTRIES = ["Retail", "Finance", "Health", "Media", "Transport"]
ROWS = 300


def _written_count(n: int | None, rng: random.Random) -> str:
    if n is None:
        return rng.choice(["", "N/A"])
    return rng.choice([f"{n:,}", f"{n}.0", str(n)])


def _written_date(day: dt.date, rng: random.Random) -> str:
    return rng.choice([f"{day.month}/{day.day}/{day.year}", day.isoformat(), day.strftime("%B %-d, %Y")])


def make_tracker(folder: Path, rows: int = ROWS, seed: int = 7) -> tuple[Path, pd.DataFrame]:
    rng = random.Random(seed)
    truth, lines = (
        [],
        ["Layoff events export (made up for tests)", "company,laid_off,percentage,date,industry"],
    )
    for i in range(rows):
        day = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(0, 3 * 365))
        count = None if rng.random() < 0.1 else rng.randrange(10, 5000)
        share = rng.choice(["", f"{rng.randrange(1, 60)}%", f"0.{rng.randrange(10, 60)}"])
        company, industry = rng.choice(COMPANIES), rng.choice(INDUSTRIES)
        truth.append({"company": company, "laid_off": count, "date": day, "industry": industry})
        lines.append(
            f'{company},"{_written_count(count, rng)}",{share},"{_written_date(day, rng)}",{industry}'
        )
        if i % 50 == 0:
            lines.append(",,,,")  # blank rows, as spreadsheets leave them
    path = folder / "layoff_events.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    frame = pd.DataFrame(truth)
    frame["date"] = pd.to_datetime(frame["date"])
    return path, frame
