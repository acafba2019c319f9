"""Search and explore: find an entity by any name, draw its neighbourhood, click to see details and expand.

URL state: ?entity=<id> | ?meeting=<id> | ?pair=<country id>,<country id> start the view, so
links from other pages (documents, catalogue) land here.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer import data
from explorer import queries as Q
from explorer.components.network import network
from explorer.graphview import STYLE, legend_markdown, to_html
from explorer.subgraph import Filters, build
from explorer.text import md as _md

#: Streamlit badge colour per entity type (the graph's colours are in graphview.STYLE).
BADGE = {"Person": "blue", "Organization": "orange", "Country": "green", "Place": "violet", "Agreement": "red"}
LUCENE_SPECIAL = set('+-&|!(){}[]^"~*?:\\/')
#: Meetings of a country pair drawn at most (the newest); the pair panel lists them all up to its own cap.
PAIR_MEETINGS = 500


def lucene_query(text: str) -> str:
    """Every word must match; the last one may be a prefix. Lucene syntax is escaped."""
    words = []
    for w in text.split():
        w = "".join("\\" + ch if ch in LUCENE_SPECIAL else ch for ch in w)
        if w:
            words.append(w)
    if not words:
        return ""
    words[-1] = words[-1] + "*" if len(words[-1]) > 1 else words[-1]
    return " AND ".join(words)


def search(text: str, limit: int = 25) -> list[dict]:
    text = text.strip()
    if not text:
        return []
    rows = []
    q = lucene_query(text)
    if q:
        rows = data.read_rows(Q.SEARCH_FULLTEXT, q=q, types=list(Q.ENTITY_TYPES), limit=limit)
    if not rows:
        rows = data.read_rows(Q.SEARCH_CONTAINS, text=text, types=list(Q.ENTITY_TYPES), limit=limit)
    return rows


def _state():
    ss = st.session_state
    ss.setdefault("explore_seeds", [])
    ss.setdefault("explore_expanded", [])
    ss.setdefault("explore_selected", None)
    ss.setdefault("explore_start", None)
    ss.setdefault("explore_pair", None)
    return ss


def start_from(kind: str, label: str, seeds: list[str], expanded: list[str] | None = None, pair=None):
    ss = _state()
    ss.explore_start = f"{kind}: {label}"
    ss.explore_seeds = list(seeds)
    ss.explore_expanded = list(seeds if expanded is None else expanded)
    ss.explore_selected = seeds[0] if len(seeds) == 1 else None
    ss.explore_pair = pair


def _url_token():
    qp = st.query_params
    return (qp.get("entity"), qp.get("meeting"), qp.get("pair"), qp.get("expand"))


def set_expanded(eids: list[str]) -> None:
    """Change the expanded nodes and keep them in the URL (?expand=id,id), so the address shares the view."""
    ss = _state()
    ss.explore_expanded = list(eids)
    extra = [e for e in eids if e not in ss.explore_seeds]
    ids = [r["id"] for r in data.read_rows(Q.IDS_OF_ELEMENTS, eids=extra, limit=len(extra))] if extra else []
    if ids:
        st.query_params["expand"] = ",".join(sorted(ids))
    elif "expand" in st.query_params:
        del st.query_params["expand"]
    ss.explore_url_token = _url_token()


def _from_url():
    """Apply ?entity= / ?meeting= / ?pair= (and ?expand=) once per distinct value."""
    ss = _state()
    token = _url_token()
    if token == ss.get("explore_url_token") or not any(token[:3]):
        return
    ss.explore_url_token = token
    if token[0] or token[1]:
        ident = token[0] or token[1]
        rows = data.read_rows(Q.ELEMENT_OF_ID, id=ident)
        if not rows:
            st.warning(f"Nothing in the graph has id {ident!r}: it may have been re-extracted. Search for it instead.")
            return
        start_from("entity" if token[0] else "meeting", rows[0]["name"], [rows[0]["eid"]])
    elif token[2] and "," in token[2]:
        a, b = token[2].split(",", 1)
        _start_pair(a, b)
    if token[3] and ss.explore_seeds:
        wanted = token[3].split(",")
        found = data.read_rows(Q.ELEMENTS_OF_IDS, ids=wanted, limit=len(wanted))
        ss.explore_expanded = list(dict.fromkeys([*ss.explore_expanded, *(r["eid"] for r in found)]))


def _start_pair(a: str, b: str):
    rows = data.read_rows(Q.PAIR, a=a, b=b, limit=PAIR_MEETINGS)
    if not rows:
        st.warning("One of the two countries is not in the graph; pick them from the lists.")
        return
    r = rows[0]
    seeds = [r["a"], r["b"], *r["meetings"]]
    names = {c["id"]: c["name"] for c in data.read_rows(Q.COUNTRIES, limit=Q.PICKER_LIMIT)}
    start_from("country pair", f"{names.get(a, a)} – {names.get(b, b)}", seeds, expanded=r["meetings"], pair=(a, b))


def sidebar_filters() -> tuple[Filters, bool, int]:
    with st.sidebar:
        st.subheader("Graph filters")
        types = st.multiselect("Node types", Q.NODE_TYPES,
                               default=[t for t in Q.NODE_TYPES if t not in ("Document", "Sentence")],
                               key="explore_types")
        c1, c2 = st.columns(2)
        date_from = c1.text_input("Meetings from", key="explore_from", placeholder="YYYY[-MM[-DD]]")
        date_to = c2.text_input("to", key="explore_to", placeholder="YYYY[-MM[-DD]]")
        countries = st.multiselect("Meetings involving", [r["name"] for r in data.read_rows(Q.COUNTRIES, limit=Q.PICKER_LIMIT)],
                                   key="explore_countries")
        topics = st.multiselect("Meetings about", [r["name"] for r in data.read_rows(Q.TOPICS, limit=Q.PICKER_LIMIT)],
                                key="explore_topics")
        min_sources = st.number_input("Min. independent sources per meeting", 1, 20, 1, key="explore_min_sources")
        rel_types = st.multiselect("Expand along (all when empty)", Q.REL_TYPES, key="explore_rel_types",
                                   help="Expanding a node follows only these relationship types.")
        sources = st.checkbox("Show documents and sentences", value=False, key="explore_sources")
        cap = st.slider("Max nodes drawn", 20, 1500, 250, step=10, key="explore_cap")
    return (Filters(types=tuple(types), date_from=date_from.strip(), date_to=date_to.strip(),
                    countries=tuple(countries), topics=tuple(topics), min_sources=int(min_sources),
                    rel_types=tuple(rel_types)),
            sources, cap)


def render() -> None:
    st.title("Explore")
    ss = _state()
    _from_url()
    filters, sources, cap = sidebar_filters()

    tab_search, tab_meeting, tab_pair = st.tabs(["Search an entity", "Start from a meeting", "Country pair"])
    with tab_search:
        text = st.text_input("Any name, in any language, with or without diacritics", key="explore_q",
                             placeholder="e.g. to lam, Cho Ji-ho, Bộ Công an")
        results = search(text)
        if text.strip() and not results:
            st.info("No entity matches. Try fewer words or another spelling.")
        for i, r in enumerate(results):
            c1, c2 = st.columns([5, 1])
            other = [n for n in (r.get("names") or []) if n != r["name"]]
            c1.markdown(f":{BADGE.get(r['type'], 'gray')}-badge[{r['type']}] **{_md(r['name'])}**"
                        + (f" — also: {_md(', '.join(other[:6]))}" if other else ""))
            if c2.button("Explore", key=f"explore_pick_{i}"):
                start_from("entity", r["name"], [r["eid"]])
                st.query_params.clear()
                st.query_params["entity"] = r["id"]
                ss.explore_url_token = _url_token()
    with tab_meeting:
        meetings = data.read_rows(Q.MEETINGS_LIST, limit=2000)
        if not meetings:
            st.info("No meetings in the graph yet.")
        else:
            labels = {m["eid"]: f"{m['date'] or 'undated'} — {m['title']}" for m in meetings}
            meetings_by_eid = {m["eid"]: m["id"] for m in meetings}
            pick = st.selectbox("Meeting", list(labels), format_func=labels.get, key="explore_meeting", index=None)
            if st.button("Draw this meeting", key="explore_meeting_go", disabled=pick is None):
                start_from("meeting", labels[pick], [pick])
                st.query_params.clear()
                st.query_params["meeting"] = meetings_by_eid[pick]
                ss.explore_url_token = _url_token()
    with tab_pair:
        countries = data.read_rows(Q.COUNTRIES, limit=Q.PICKER_LIMIT)
        names = {c["id"]: c["name"] for c in countries}
        c1, c2 = st.columns(2)
        a = c1.selectbox("Country", list(names), format_func=names.get, key="explore_pair_a", index=None)
        b = c2.selectbox("and country", list(names), format_func=names.get, key="explore_pair_b", index=None)
        if st.button("Draw their contacts", key="explore_pair_go", disabled=not (a and b and a != b)):
            _start_pair(a, b)
            st.query_params.clear()
            st.query_params["pair"] = f"{a},{b}"
            ss.explore_url_token = _url_token()

    if ss.get("explore_query_seeds"):
        start_from("query result", ss.pop("explore_query_label", "query"), ss.pop("explore_query_seeds"), expanded=[])

    if not ss.explore_seeds:
        st.info("Search an entity, pick a meeting or a country pair, or open a saved query's result here.")
        return

    st.subheader(f"Graph — {ss.explore_start}")
    view = build(ss.explore_seeds, ss.explore_expanded, filters, sources=sources, max_nodes=cap)
    graph = view.graph
    st.markdown(legend_markdown([t for t in STYLE if t in {n.type for n in graph.nodes.values()}])
                + " &nbsp; · edge labels: role or relationship", unsafe_allow_html=True)
    tab_graph, tab_table = st.tabs(["Graph", "Table"])
    with tab_graph:
        left, right = st.columns([3, 2])
        with left:
            clicked, expand = network(graph, key="explore_net", height=560, selected=ss.explore_selected)
            if clicked:
                ss.explore_selected = clicked
            if expand and expand not in ss.explore_expanded:
                set_expanded(ss.explore_expanded + [expand])
                ss.explore_selected = expand
                st.rerun()
            notes = [f"{len(graph.nodes)} nodes, {len(graph.edges)} relationships drawn"]
            if graph.left_out:
                notes.append(f"**{graph.left_out} nodes left out** by the cap of {cap}: narrow the filters "
                             "(types, dates, countries, topics) or raise “Max nodes drawn”")
            if view.neighbours_left_out:
                notes.append(f"{view.neighbours_left_out} more neighbours not fetched: filter before expanding")
            if view.hidden_by_filters:
                notes.append(f"{view.hidden_by_filters} hidden by the filters")
            st.caption("; ".join(notes) + ". Click a node for details; double-click to expand it.")
            c1, c2 = st.columns(2)
            # pyvis writes the same graph as one self-contained page (vis-network inlined):
            # it opens offline in any browser and can be mailed or archived.
            c2.download_button("Download as HTML", to_html(graph), file_name="liaison-graph.html",
                               mime="text/html", key="explore_download_html")
            if c1.button("Collapse to the start", key="explore_reset"):
                set_expanded(list(ss.explore_seeds) if len(ss.explore_seeds) == 1 else [])
                st.rerun()
        with right:
            details(ss.explore_selected, graph)
    with tab_table:
        rows = [{"type": n.type, "name": n.caption, **{k: v for k, v in n.props.items()
                                                      if k in ("id", "date", "kind", "place", "status", "iso3")}}
                for n in graph.nodes.values()]
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="explore_table")
    if ss.explore_pair:
        pair_panel(*ss.explore_pair)


def details(eid: str | None, graph) -> None:
    from explorer import details as D

    if not eid:
        st.caption("Click a node in the graph to see its details here.")
        return
    ss = st.session_state
    node = graph.nodes.get(eid)
    if eid in ss.explore_expanded:
        st.caption("Expanded.")
    elif st.button(f"Expand {node.caption if node else 'this node'}", key="explore_expand_btn", type="primary"):
        set_expanded(ss.explore_expanded + [eid])
        st.rerun()
    D.render_details(eid)


def pair_panel(a: str, b: str) -> None:
    from explorer import details as D

    st.subheader("All contacts between the two countries")
    D.render_pair(a, b)


data.guarded(render)
