"""Timeline: meetings over time, by partner country or by topic."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from explorer import data
from explorer import queries as Q


def timeline_frame(rows: list[dict], by: str, grain: str) -> pd.DataFrame:
    """One row per (period, group) with the number of meetings; pure, tested directly."""
    width = 4 if grain == "year" else 7
    out = []
    for r in rows:
        period = (r["date"] or "")[:width]
        if len(period) < width:  # less precise than the grain: keep it, marked
            period = (r["date"] or "")[:4] + ("" if grain == "year" else "-??")
        groups = r["countries"] if by == "partner country" else r["topics"]
        for g in groups or ["(none)"]:
            out.append({"period": period, by: g, "meeting": r["meeting"]})
    if not out:
        return pd.DataFrame(columns=["period", by, "meetings"])
    df = pd.DataFrame(out).drop_duplicates()
    return df.groupby(["period", by]).meeting.nunique().reset_index(name="meetings").sort_values("period")


def render() -> None:
    st.title("Timeline")
    st.caption("Meetings over time. Choose a country to see its partners, or look at every meeting in the graph.")
    countries = data.read_rows(Q.COUNTRIES)
    names = {c["id"]: c["name"] for c in countries}
    c1, c2, c3 = st.columns(3)
    focus = c1.selectbox("Country", [""] + list(names), format_func=lambda k: names.get(k, "All meetings"),
                         key="timeline_focus")
    by = c2.radio("Colour by", ["partner country", "topic"], horizontal=True, key="timeline_by")
    grain = c3.radio("Per", ["year", "month"], horizontal=True, key="timeline_grain")
    rows = data.read_rows(Q.TIMELINE, focus=focus or "")
    if not rows:
        st.info("No dated meeting matches." if focus else "No dated meetings in the graph yet.")
        return
    df = timeline_frame(rows, by, grain)
    chart = (alt.Chart(df).mark_bar()
             .encode(x=alt.X("period:O", title=grain.capitalize()), y=alt.Y("sum(meetings):Q", title="Meetings"),
                     color=alt.Color(f"{by}:N", title=by.capitalize()),
                     tooltip=["period", by, "meetings"]))
    st.altair_chart(chart, width="stretch")
    st.caption(f"{len(rows)} dated meetings. A meeting with several partners or topics counts once in each. "
               "Dates less precise than the chosen period show as YYYY-??.")
    st.dataframe(df.pivot_table(index="period", columns=by, values="meetings", fill_value=0),
                 width="stretch", key="timeline_table")


data.guarded(render)
