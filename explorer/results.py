"""Showing a query result: table, graph, downloads. Shared by the catalogue and the console."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import streamlit as st

from explorer.graphview import GraphData, from_neo4j
from liaison.values import plain


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict) and "labels" in value:
        return str(value.get("name") or value.get("title") or value.get("id") or value["labels"])
    if isinstance(value, (str, int, float, bool)):
        return str(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def to_result(columns: list[str], records) -> dict:
    """Plain, cacheable form: columns, rows of plain values, and the graph of returned nodes."""
    rows = [{c: plain(r[c]) for c in columns} for r in records]
    graph = from_neo4j([list(r.values()) for r in records], max_nodes=400)
    return {"columns": columns, "rows": rows, "graph": graph,
            "node_ids": list(graph.nodes)}


def to_csv(columns, rows) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(columns)
    for row in rows:
        w.writerow([cell(row.get(c)) for c in columns])
    return buf.getvalue()


def show(result: dict, key: str, filename: str) -> None:
    from explorer.components.network import network

    columns, rows, graph = result["columns"], result["rows"], result["graph"]
    tabs = st.tabs(["Table", f"Graph ({len(graph.nodes)} nodes)"])
    with tabs[0]:
        df = pd.DataFrame([{c: cell(r.get(c)) for c in columns} for r in rows], columns=columns)
        st.dataframe(df, hide_index=True, width="stretch", key=f"{key}_table")
        c1, c2, c3 = st.columns(3)
        c1.download_button("Download CSV", to_csv(columns, rows), file_name=f"{filename}.csv", mime="text/csv",
                           key=f"{key}_csv")
        c2.download_button("Download JSON", json.dumps(rows, ensure_ascii=False, indent=2, default=str),
                           file_name=f"{filename}.json", mime="application/json", key=f"{key}_json")
        if result["node_ids"] and c3.button("Open in Explore", key=f"{key}_open"):
            st.session_state["explore_query_seeds"] = result["node_ids"][:300]
            st.session_state["explore_query_label"] = filename
            st.switch_page("pages/explore.py")
    with tabs[1]:
        if not graph.nodes:
            st.caption("The result holds no nodes or relationships to draw (return nodes, relationships or paths "
                       "to see a graph).")
        else:
            clicked, _ = network(graph, key=f"{key}_net", height=480)
            if graph.left_out:
                st.caption(f"{graph.left_out} nodes left out of the drawing; the table has every row.")
            if clicked and clicked in graph.nodes:
                st.caption(graph.nodes[clicked].tooltip)


def empty_graph() -> GraphData:
    return GraphData()
