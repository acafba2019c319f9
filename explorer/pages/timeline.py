"""Timeline: meetings over time, by partner country or by topic."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from explorer import data
from explorer import queries as Q


#: Meetings the timeline reads at most (the newest), and (period, group) rows it returns at most.
MAX_MEETINGS = 5000
MAX_ROWS = 5000


def timeline_frame(rows: list[dict], by: str) -> pd.DataFrame:
    """The server's (period, group, meetings) rows as a frame, sorted by period; pure, tested directly."""
    if not rows:
        return pd.DataFrame(columns=["period", by, "meetings"])
    df = pd.DataFrame([{"period": r["period"], by: r["group"], "meetings": r["meetings"]} for r in rows])
    return df.sort_values("period", kind="stable").reset_index(drop=True)


def render() -> None:
    st.title("Timeline")
    st.caption("Meetings over time. Choose a country to see its partners, or look at every meeting in the graph.")
    countries = data.read_rows(Q.COUNTRIES, limit=Q.PICKER_LIMIT)
    names = {c["id"]: c["name"] for c in countries}
    c1, c2, c3 = st.columns(3)
    focus = c1.selectbox("Country", [""] + list(names), format_func=lambda k: names.get(k, "All meetings"),
                         key="timeline_focus")
    by = c2.radio("Colour by", ["partner country", "topic"], horizontal=True, key="timeline_by")
    grain = c3.radio("Per", ["year", "month"], horizontal=True, key="timeline_grain")
    query = Q.TIMELINE_OF_COUNTRY if focus else Q.TIMELINE
    rows = data.read_rows(query, focus=focus or "", by="topic" if by == "topic" else "country",
                          width=4 if grain == "year" else 7, meetings=MAX_MEETINGS, limit=MAX_ROWS)
    if not rows:
        st.info("No dated meeting matches." if focus else "No dated meetings in the graph yet.")
        return
    df = timeline_frame(rows, by)
    chart = (alt.Chart(df).mark_bar()
             .encode(x=alt.X("period:O", title=grain.capitalize()), y=alt.Y("sum(meetings):Q", title="Meetings"),
                     color=alt.Color(f"{by}:N", title=by.capitalize()),
                     tooltip=["period", by, "meetings"]))
    st.altair_chart(chart, width="stretch")
    total = rows[0]["total"]
    if total < MAX_MEETINGS:
        note = f"{total} dated meetings. "
    elif focus:
        note = f"The newest {total} dated meetings of {names.get(focus, focus)} (the timeline's cap). "
    else:
        note = f"The newest {total} dated meetings (the timeline's cap): choose a country to see more of its history. "
    if len(rows) >= MAX_ROWS:
        note += f"Only the first {MAX_ROWS} period/group rows are shown. "
    st.caption(note + "A meeting with several partners or topics counts once in each. "
               "Dates less precise than the chosen period show as YYYY-??.")
    st.dataframe(df.pivot_table(index="period", columns=by, values="meetings", fill_value=0),
                 width="stretch", key="timeline_table")


data.guarded(render)
