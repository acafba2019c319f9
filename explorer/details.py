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
from liaison.errors import LiaisonError

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
    st.caption(f"meeting id `{r['id']}`")
    when = md(r["date"] or "date unknown")
    if r["end_date"]:
        when += f" to {md(r['end_date'])}"
    st.markdown(f"**When:** {when}" + (f" ({r['precision']})" if r["precision"] else "")
                + f" · **Where:** {mdj(r['places']) or md(r['place'] or 'unknown')}")
    if r["date_note"]:
        st.markdown(f"**Dates reported:** {md(r['date_note'])}")
    if r["corrected"]:
        st.markdown(f"**Corrected by an analyst:** {mdj(r['corrected'])} (kept on every reload)")
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


    if r["has_reports"]:
        _corrections(r)


def _corrections(r: dict) -> None:
    """Correct the meeting in place; the library keeps each correction as a decision."""
    from loaders import event_review as ER
    from loaders.model import MEETING_KINDS

    mid = r["id"]
    with st.expander("Correct this meeting"):
        with st.form(f"correct_{mid}"):
            c1, c2, c3 = st.columns(3)
            date = c1.text_input("Date (YYYY, YYYY-MM or YYYY-MM-DD)", value=r["date"] or "")
            kinds = list(MEETING_KINDS)
            kind = c2.selectbox("Kind", kinds, index=kinds.index(r["kind"]) if r["kind"] in kinds else 0)
            place = c3.text_input("Place", value=(r["places"] or [r["place"] or ""])[0])
            people = {p["id"]: f"{p['name']} ({p['role']})" for p in r["participants"]}
            gone = st.multiselect("Did not take part", list(people), format_func=people.get)
            c4, c5 = st.columns([3, 1])
            added = c4.text_input("Add a participant (person or organisation id, e.g. from the search)")
            role = c5.selectbox("as", ["participant", "host", "guest"])
            save = st.form_submit_button("Save correction")
        c6, c7 = st.columns(2)
        doc = c6.selectbox("Report to split off", sorted(r["docs"]), index=None, key=f"split_doc_{mid}",
                           disabled=len(r["docs"]) < 2)
        split = c6.button("Split off", key=f"split_{mid}", disabled=doc is None)
        other = c7.text_input("Meeting id to merge with", key=f"merge_id_{mid}")
        merge = c7.button("Merge", key=f"merge_{mid}", disabled=not other.strip())
    try:
        if save:
            fixes = {"date": date.strip() if date.strip() != (r["date"] or "") else None,
                     "kind": kind if kind != r["kind"] else None,
                     "place": place.strip() if place.strip() not in ("", r["place"], *r["places"]) else None}
            parts = dict.fromkeys(gone)
            if added.strip():
                parts[added.strip()] = role
            ids = ER.correct_meeting(data.driver(), data.database(), mid, participants=parts or None, **fixes)
        elif split:
            ids = ER.split_report(data.driver(), data.database(), mid, doc)
        elif merge:
            ids = ER.merge_meetings(data.driver(), data.database(), mid, other.strip())
        else:
            return
    except LiaisonError as exc:
        st.error(str(exc))
        return
    data.read_rows.clear()
    # the Meeting was rebuilt (a new node): show it again from its id (the explore
    # page applies ?meeting= again once its remembered URL state is forgotten)
    st.session_state.pop("explore_url_token", None)
    st.query_params.clear()
    st.query_params["meeting"] = mid if mid in ids else ids[0]
    st.rerun()


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
