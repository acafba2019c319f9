"""Details panels: entity, meeting, country pair, any other node. Plain Streamlit, data read with $params."""

from __future__ import annotations

import html
from urllib.parse import quote

import altair as alt
import pandas as pd
import streamlit as st

from explorer import data
from explorer import queries as Q
from explorer.graphview import node_type
from explorer.text import md, mdj

#: Rows a details table shows at most (each query has LIMIT $limit).
ROWS = 500


def render_details(eid: str) -> None:
    rows = data.read_rows(Q.NODE_PROPS, eid=eid)
    if not rows:
        st.warning("This node is no longer in the graph (reloaded?). Start again from a search.")
        return
    t = node_type(rows[0]["labels"])
    if t in Q.ENTITY_TYPES:
        render_entity(eid)
    elif t == "Meeting":
        render_meeting(eid)
    else:
        props = rows[0]["props"] or {}
        st.markdown(f"**{t}**")
        st.json({k: v for k, v in props.items() if v is not None and k != "text"}, expanded=True)
        if props.get("text"):
            st.text(props["text"][:2000])


def render_entity(eid: str) -> None:
    r = data.read_rows(Q.ENTITY_DETAILS, eid=eid, types=list(Q.ENTITY_TYPES))[0]
    st.markdown(f"### {md(r['name'])}")
    st.caption(f"{r['type']} · id `{r['id']}` · {r['mentions']} mention(s)")
    if len(r["names"]) > 1:
        st.markdown("**Names:** " + mdj(r["names"], " · "))
    extra = {"ISO3": r["iso3"], "Status": r["status"], "Country": r["country"],
             "In country": mdj(r["in_country"])}
    extra = {k: v for k, v in extra.items() if v}
    if extra:
        st.markdown(" · ".join(f"**{k}:** {v if k == 'In country' else md(v)}" for k, v in extra.items()))
    if r["affiliations"]:
        st.markdown("**Titles and affiliations**")
        st.dataframe(pd.DataFrame(r["affiliations"]).sort_values("as_of", na_position="first"),
                     hide_index=True, width="stretch", key=f"det_aff_{eid}")
    elif r["titles"]:
        st.markdown("**Titles:** " + mdj(r["titles"], "; "))
    if r["members"]:
        st.markdown("**People affiliated**")
        st.dataframe(pd.DataFrame(r["members"]), hide_index=True, width="stretch", key=f"det_mem_{eid}")
    meetings = data.read_rows(Q.ENTITY_MEETINGS, eid=eid, limit=ROWS)
    st.markdown(f"**Timeline of meetings** ({len(meetings)})")
    if meetings:
        st.dataframe(pd.DataFrame(meetings).drop(columns=["eid"]), hide_index=True,
                     width="stretch", key=f"det_meet_{eid}")
    if r["type"] == "Country":
        partners = data.read_rows(Q.COUNTRY_PARTNERS, eid=eid, limit=ROWS)
        if partners:
            st.markdown("**Partner countries**")
            st.dataframe(pd.DataFrame(partners).drop(columns=["partner_id"]), hide_index=True,
                         width="stretch", key=f"det_partners_{eid}")
    st.markdown(f'<a href="documents?entity={quote(r["id"] or "")}" target="_self">Documents mentioning it</a>',
                unsafe_allow_html=True)


def render_meeting(eid: str) -> None:
    r = data.read_rows(Q.MEETING_DETAILS, eid=eid, types=list(Q.ENTITY_TYPES))[0]
    st.markdown(f"### {md(r['kind'] or 'meeting')} — {md(r['date'] or 'undated')}")
    when = md(r["date"] or "date unknown")
    if r["end_date"]:
        when += f" to {md(r['end_date'])}"
    st.markdown(f"**When:** {when}" + (f" ({r['precision']})" if r["precision"] else "")
                + f" · **Where:** {mdj(r['places']) or md(r['place'] or 'unknown')}")
    if r["date_note"]:
        st.markdown(f"**Dates reported:** {md(r['date_note'])}")
    if r["sources"] > 1:
        st.markdown(f"**Reported by** {r['sources']} articles in " + mdj(r["languages"]))
    if r["countries"]:
        st.markdown("**Countries:** " + mdj(r["countries"]))
    by_role: dict[str, list[str]] = {}
    for p in r["participants"]:
        by_role.setdefault(p["role"], []).append(f"{md(p['name'])} ({p['type']})")
    for role in ("host", "guest", "participant"):
        if role in by_role:
            st.markdown(f"**{role.capitalize()}s:** " + "; ".join(sorted(by_role.pop(role))))
    for role, names in by_role.items():
        st.markdown(f"**{md(role)}:** " + "; ".join(names))
    if r["through"]:
        st.markdown("**Agencies, through their people:** " + "; ".join(
            f"{md(t['agency'])} (via {md(t['person'] or '?')})" for t in r["through"]))
    if r["topics"]:
        st.markdown("**Topics:** " + mdj(r["topics"]))
    if r["agreements"]:
        st.markdown("**Agreements:** " + mdj(r["agreements"]))
    if r["outcomes"]:
        st.markdown("**Outcomes:**\n" + "\n".join(f"- {md(o)}" for o in r["outcomes"]))
    sources = data.read_rows(Q.MEETING_SOURCES, eid=eid, limit=ROWS)
    st.markdown(f"**Source sentences** ({len({s['doc_id'] for s in sources})} document(s))")
    for s in sources:
        url = s["url"]
        head = html.escape(f"{s['document']} · {s['language'] or '?'} · {s['published'] or ''}")
        link = (f' · <a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener">article</a>'
                if url and url.startswith(("http://", "https://")) else "")
        doc = f' · <a href="documents?doc={quote(s["doc_id"])}" target="_self">in Documents</a>'
        st.markdown(f"<div class='liaison-src'><small>{head}{link}{doc}</small><br>"
                    f"<blockquote lang='{html.escape(s['language'] or '', quote=True)}'>{html.escape(s['text'] or '')}"
                    "</blockquote></div>", unsafe_allow_html=True)


def render_pair(a: str, b: str) -> None:
    rows = data.read_rows(Q.PAIR_CONTACTS, a=a, b=b, limit=ROWS)
    if not rows:
        st.info("No meeting involves both countries.")
        return
    df = pd.DataFrame(rows)
    more = "+" if len(rows) >= ROWS else ""
    st.markdown(f"**{len(rows)}{more} meeting(s)** involve both countries, as sides named in the text "
                "or through their people.")
    df["year"] = df["date"].fillna("").str[:4].replace("", "undated")
    chart = alt.Chart(df).mark_bar().encode(x=alt.X("year:O", title="Year"), y=alt.Y("count():Q", title="Meetings"),
                                            color=alt.Color("kind:N", title="Kind"))
    st.altair_chart(chart, width="stretch")
    st.dataframe(df.drop(columns=["eid", "year"]), hide_index=True, width="stretch", key="pair_table")
