"""Charts and result tables for the UI: a table answer's rows as a Dataframe and, when it helps, a
bar chart (rankings) or a line chart (figures over time); the Datasets tab's overviews."""

from __future__ import annotations

import gradio as gr
import pandas as pd

from assistant.datasets.overview import TableOverview
from assistant.types import Answer

HIDDEN = (gr.update(visible=False), gr.update(visible=False), gr.update(visible=False))


def answer_views(answer: Answer | None) -> tuple:
    """(result table, bar chart, line chart) updates for an answer; all hidden unless it is a
    table answer."""
    if answer is None or not answer.sql:
        return HIDDEN
    frame = pd.DataFrame(answer.rows, columns=answer.columns)
    table = gr.update(value=frame, visible=True)
    chart = answer.chart
    if not chart:
        return table, gr.update(visible=False), gr.update(visible=False)
    frame = frame.dropna(subset=[chart["y"]])
    title = answer.citations[0].title if answer.citations else ""
    if chart["kind"] == "line":
        frame[chart["x"]] = pd.to_datetime(frame[chart["x"]])
        line = gr.LinePlot(value=frame, x=chart["x"], y=chart["y"], title=title, visible=True)
        return table, gr.update(visible=False), line
    return table, _bars(frame, chart["x"], chart["y"], title=title), gr.update(visible=False)


def _bars(frame: pd.DataFrame, x: str, y: str, **options) -> gr.BarPlot:
    """Bars from zero, largest first; the categories as text, even when they are years."""
    frame = frame.astype({x: str})
    return gr.BarPlot(value=frame, x=x, y=y, sort="-y", y_lim=[0, None], visible=True, **options)


def dataset_rows(overviews: list[TableOverview]) -> list[list]:
    return [
        [
            o.table.title or o.table.name,
            o.table.source,
            o.table.sheet,
            o.table.rows,
            len(o.table.columns),
            o.first,
            o.last,
        ]
        for o in overviews
    ]


def dataset_charts(overviews: list[TableOverview], name: str | None) -> tuple:
    """(over time, top entities, top industries) for the chosen table (the first if none is)."""
    chosen = next((o for o in overviews if o.table.name == name), overviews[0] if overviews else None)
    if chosen is None:
        return HIDDEN
    over_time = (
        gr.LinePlot(value=chosen.over_time, x="month", y="total", y_title=chosen.measure, visible=True)
        if chosen.over_time is not None and not chosen.over_time.empty
        else gr.update(visible=False)
    )
    bars = [_bars(frame, column, "total", y_title=chosen.measure) for column, frame in chosen.top.items()]
    bars += [gr.update(visible=False)] * (2 - len(bars))
    return over_time, bars[0], bars[1]
