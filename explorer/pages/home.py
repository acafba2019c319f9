"""Overview: what is in the graph, the documents, and a picture of it all."""

from __future__ import annotations

import streamlit as st

from explorer import data
from explorer.components.network import network
from explorer.graphview import STYLE, from_neo4j, legend_markdown

COUNTS = """
CALL {
  MATCH (n) UNWIND labels(n) AS label
  WITH label WHERE label <> 'Entity'
  RETURN label, count(*) AS count
}
RETURN label, count ORDER BY count DESC
"""
#: What analysts count; Sentence and ReviewCandidate are plumbing.
SHOWN = ("Meeting", "Person", "Organization", "Country", "Place", "Agreement", "Topic", "Document")
PENDING_REVIEW = "MATCH (r:ReviewCandidate {status: 'pending'}) RETURN count(r) AS n"
DOCUMENTS = """
MATCH (d:Document)
OPTIONAL MATCH (d)<-[:SOURCE]-(m:Meeting)
WITH d, count(DISTINCT m) AS meetings
OPTIONAL MATCH (d)<-[:PART_OF]-(:Sentence)<-[:MENTIONED_IN]-(e:Entity)
RETURN d.name AS name, d.title AS title, d.language AS language, d.published AS published,
       meetings, count(DISTINCT e) AS entities, d.url AS url
ORDER BY name
"""
OVERVIEW_GRAPH = """
MATCH (m:Meeting)-[r]->(x)
WHERE type(r) IN $types
RETURN m, r, x
LIMIT $limit
"""


def render() -> None:
    st.title("Liaison")
    st.caption("Who met whom on security cooperation: meetings, people, agencies and countries from the corpus.")
    counts = data.read_rows(COUNTS)
    if not counts:
        st.info("The graph is empty. Load articles with `liaison load corpus/` (or `make run`).")
        return
    by_label = {row["label"]: row["count"] for row in counts}
    shown = [label for label in SHOWN if label in by_label]
    cols = st.columns(len(shown) or 1)
    for col, label in zip(cols, shown):
        col.metric(label, by_label[label])
    pending = data.read_rows(PENDING_REVIEW)[0]["n"]
    if pending:
        st.caption(f"{pending} possible duplicate entities wait for a decision: see Review duplicates "
                   "(or `liaison review`).")

    st.subheader("Meetings and their participants")
    limit = st.slider("Relationships drawn", 50, 2000, 600, step=50, key="home_limit")
    records = data.read(OVERVIEW_GRAPH, types=["PARTICIPANT", "INVOLVES", "HELD_IN", "ABOUT"], limit=limit)
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
    st.dataframe(data.read_rows(DOCUMENTS), hide_index=True, width="stretch",
                 column_config={"url": st.column_config.LinkColumn("url")})


data.guarded(render)
