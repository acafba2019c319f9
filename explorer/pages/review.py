"""Review duplicate-entity candidates: accept or reject; the decision is kept on the candidate."""

from __future__ import annotations

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


def render() -> None:
    st.title("Review duplicates")
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
