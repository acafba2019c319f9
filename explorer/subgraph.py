"""Assemble what the graph view draws: seeds, expanded neighbourhoods, filters, a cap.

Query results are plain data (cacheable); filtering is a pure function the
tests call directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from explorer import data
from explorer import queries as Q
from explorer.graphview import GraphData, from_rows


@dataclass(frozen=True)
class Filters:
    types: tuple[str, ...] = Q.NODE_TYPES
    date_from: str = ""
    date_to: str = ""
    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    min_sources: int = 1
    #: Relationship types an expansion follows; empty means all (Bloom's "expand by type").
    rel_types: tuple[str, ...] = ()


@dataclass
class View:
    graph: GraphData
    hidden_by_filters: int = 0
    neighbours_left_out: int = 0
    rows: list[dict] = field(default_factory=list)


def keep_node(node: dict, f: Filters) -> bool:
    """Does a node row pass the filters? Date, country, topic and sources apply to meetings."""
    from explorer.graphview import node_type

    t = node_type(node["labels"])
    if t not in f.types:
        return False
    if t != "Meeting":
        return True
    date = (node.get("props") or {}).get("date") or ""
    if f.date_from and (not date or date[: len(f.date_from)] < f.date_from):
        return False
    if f.date_to and (not date or date[: len(f.date_to)] > f.date_to):
        return False
    if f.countries and not set(f.countries) & set(node.get("countries") or []):
        return False
    if f.topics and not set(f.topics) & set(node.get("topics") or []):
        return False
    if (node.get("sources") or 0) < f.min_sources:
        return False
    return True


def assemble(nodes: list[dict], rels: list[dict], seeds, f: Filters, max_nodes: int) -> View:
    """Filter node rows (seeds always stay), drop what the filters isolate, cap what is drawn."""
    seeds = set(seeds)
    kept = [n for n in nodes if n["id"] in seeds or keep_node(n, f)]
    hidden = len(nodes) - len(kept)
    ids = {n["id"] for n in kept}
    rels = [r for r in rels if r["source"] in ids and r["target"] in ids]
    linked = {r["source"] for r in rels} | {r["target"] for r in rels}
    isolated = [n for n in kept if n["id"] not in seeds and n["id"] not in linked]
    hidden += len(isolated)
    kept = [n for n in kept if n["id"] in seeds or n["id"] in linked]
    # Seeds first so the cap never drops what the analyst started from.
    kept.sort(key=lambda n: n["id"] not in seeds)
    graph = from_rows(kept, rels, max_nodes=max_nodes)
    return View(graph=graph, hidden_by_filters=hidden, rows=kept)


def build(seeds: list[str], expanded: list[str], f: Filters, *, sources: bool = False,
          max_nodes: int = 300, per_expand: int = 2000, max_rels: int = 20000) -> View:
    """Query the seeds, the neighbours of the expanded nodes, and the relationships among them."""
    ids = list(dict.fromkeys(seeds))
    left_out = 0
    if expanded:
        neigh = data.read_rows(Q.NEIGHBOURS, ids=list(expanded), sources=sources, limit=per_expand,
                               rel_types=list(f.rel_types))
        ids += [r["id"] for r in neigh if r["id"] not in ids]
        if len(neigh) >= per_expand:
            total = data.read_rows(Q.NEIGHBOUR_COUNT, ids=list(expanded), sources=sources,
                                   rel_types=list(f.rel_types))[0]["n"]
            left_out = total - len(neigh)
    nodes = data.read_rows(Q.NODES, ids=ids, limit=len(ids))
    rels = data.read_rows(Q.RELS_AMONG, ids=ids, limit=max_rels)
    view = assemble(nodes, rels, seeds, f, max_nodes)
    view.neighbours_left_out = left_out
    return view
