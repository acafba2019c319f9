"""Overview: what is in the graph, the documents, and a picture of it all."""

from __future__ import annotations

import streamlit as st

from explorer import data
from explorer import queries as Q
from explorer.components.network import network
from explorer.graphview import STYLE, from_neo4j, legend_markdown

#: What analysts count; Sentence and ReviewCandidate are plumbing.
SHOWN = ("Meeting", "Person", "Organization", "Country", "Place", "Agreement", "Topic", "Document")
#: Documents listed per page of the overview table.
PAGE_SIZE = 100


def render() -> None:
    st.title("Liaison")
    st.caption("Who met whom on security cooperation: meetings, people, agencies and countries from the corpus.")
    by_label = {label: n for label, n in data.read_rows(Q.COUNTS)[0].items() if n}
    if not by_label:
        st.info("The graph is empty. Load articles with `liaison load corpus/` (or `make run`).")
        return
    shown = [label for label in SHOWN if label in by_label]
    cols = st.columns(len(shown) or 1)
    for col, label in zip(cols, shown):
        col.metric(label, by_label[label])
    pending = data.read_rows(Q.PENDING_REVIEW)[0]["n"]
    if pending:
        st.caption(f"{pending} possible duplicate entities wait for a decision: see Review duplicates "
                   "(or `liaison review`).")

    st.subheader("Meetings and their participants")
    limit = st.slider("Relationships drawn", 50, 2000, 600, step=50, key="home_limit")
    records = data.read(Q.OVERVIEW_GRAPH, types=["PARTICIPANT", "INVOLVES", "HELD_IN", "ABOUT"], limit=limit)
    graph = from_neo4j([list(r.values()) for r in records], max_nodes=800)
    st.markdown(legend_markdown([t for t in STYLE if t not in ("Document", "Sentence")]),
                unsafe_allow_html=True)
    clicked, _ = network(graph, key="home_net", height=600)
    st.caption(f"{len(graph.nodes)} nodes, {len(graph.edges)} relationships drawn"
               + (f"; {graph.left_out} left out: narrow the view or lower the limit." if graph.left_out else ".")
               + " Click a node to explore it.")
    node = graph.nodes.get(clicked) if clicked else None
    if node is not None and node.props.get("id"):
        kind = "meeting" if node.type == "Meeting" else "entity"
        st.switch_page("pages/explore.py", query_params={kind: node.props["id"]})

    st.subheader("Documents")
    total = by_label.get("Document", 0)
    pages = max(1, -(-total // PAGE_SIZE))
    page = 1
    if pages > 1:
        page = int(st.number_input(f"Page (of {pages}, {PAGE_SIZE} documents each, by file name)", min_value=1,
                                   max_value=pages, value=1, step=1, key="home_docs_page"))
    st.dataframe(data.read_rows(Q.DOCUMENTS_OVERVIEW, skip=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE),
                 hide_index=True, width="stretch", column_config={"url": st.column_config.LinkColumn("url")})


data.guarded(render)
