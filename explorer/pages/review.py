"""Review duplicates: entity pairs (accept or reject) and meeting reports that may be one
encounter (same or different); every decision is kept and outlives reloads."""

from __future__ import annotations

import html

import streamlit as st

from explorer import data
from explorer import queries as Q
from explorer.text import md, mdj

#: Candidates listed at most (pending first, highest score first).
MAX_CANDIDATES = 500


def decide(candidate_id: str, status: str) -> None:
    # The pipeline keeps the decision; accepting merges the pair in one transaction.
    from loaders.pipeline import decide as record

    record(data.driver(), data.database(), candidate_id, status)
    data.read_rows.clear()


def decide_meetings(candidate_id: str, status: str) -> None:
    from loaders.event_review import decide_meetings as record

    record(data.driver(), data.database(), candidate_id, status)
    data.read_rows.clear()
    meeting_candidates.clear()


@st.cache_data(ttl=30, show_spinner=False)
def meeting_candidates(status: str):
    from loaders.event_review import list_meeting_candidates

    return list_meeting_candidates(data.driver(), data.database(), status, limit=MAX_CANDIDATES)


def _report(r: dict) -> None:
    st.markdown(f"**{md(r['doc_name'])}** · {md(r['language'] or '?')} · {md(r['kind'])} · "
                f"{md(r['date'] or 'undated')}" + (f" · {md(r['place'])}" if r["place"] else ""))
    st.markdown("**Participants:** " + (mdj([p["name"] for p in r["participants"]]) or "none named"))
    for s in r["evidence"]:
        st.markdown(f"<blockquote lang='{html.escape(s['language'] or '', quote=True)}'>"
                    f"{html.escape(s['text'] or '')}</blockquote>", unsafe_allow_html=True)


def render_meetings() -> None:
    st.caption("Two articles' reports the resolver is unsure are one encounter (one person in common and little "
               "else, say). **Same** makes their meetings one; **Different** keeps them apart even where the rules "
               "would merge them. Decisions apply on every later load.")
    show = st.radio("Show", ["pending", "same", "different"], horizontal=True, key="review_meetings_show")
    rows = meeting_candidates(show)
    if not rows:
        st.info(f"No {show} meeting pairs.")
        return
    st.caption(f"{len(rows)} pair(s).")
    for c in rows:
        with st.container(border=True):
            st.markdown(f"score {c.score} · status **{md(c.status)}**"
                        + (" · now one meeting" if c.together else " · now two meetings"))
            cols = st.columns(2)
            for col, r in zip(cols, c.reports):
                with col:
                    _report(r)
            c1, c2, _ = st.columns([1, 1, 4])
            if c1.button("Same encounter", key=f"meet_same_{c.id}", disabled=c.status == "same"):
                decide_meetings(c.id, "same")
                st.rerun()
            if c2.button("Different", key=f"meet_diff_{c.id}", disabled=c.status == "different"):
                decide_meetings(c.id, "different")
                st.rerun()


def render() -> None:
    st.title("Review duplicates")
    entities, meetings = st.tabs(["Entities", "Meetings"])
    with meetings:
        render_meetings()
    with entities:
        render_entities()


def render_entities() -> None:
    st.caption("Entity pairs the resolver thinks may be the same. Accepting merges the two into one node "
               "(their mentions, meetings and names move to the node kept); rejecting keeps them apart. Every decision is kept "
               "on the candidate and survives reloading the corpus.")
    rows = data.read_rows(Q.REVIEW, types=list(Q.ENTITY_TYPES), limit=MAX_CANDIDATES)
    if not rows:
        st.info("No review candidates in the graph: the resolver has not proposed any duplicate entities.")
        return
    show = st.radio("Show", ["pending", "accepted", "rejected", "all"], horizontal=True, key="review_show")
    shown = [r for r in rows if show == "all" or r["status"] == show]
    st.caption(f"{len(shown)} of {len(rows)} candidates.")
    for r in shown:
        with st.container(border=True):
            st.markdown(f"**{md(r['a_name'])}** ↔ **{md(r['b_name'])}** · score {r['score']} · "
                        f"status **{md(r['status'])}**" + (f" ({md(r['decided_at'])})" if r["decided_at"] else ""))
            if r["reason"]:
                st.caption(r["reason"])
            for e in r["entities"]:
                st.markdown(f"- {md(e.get('type'))} `{md(e.get('id'))}`: {mdj(e.get('names') or [e.get('name')])}")
            c1, c2, _ = st.columns([1, 1, 4])
            if c1.button("Accept", key=f"review_accept_{r['id']}", disabled=r["status"] == "accepted"):
                decide(r["id"], "accepted")
                st.rerun()
            if c2.button("Reject", key=f"review_reject_{r['id']}", disabled=r["status"] == "rejected"):
                decide(r["id"], "rejected")
                st.rerun()


data.guarded(render)
