"""Records → an interactive pyvis page. Pure functions, no Streamlit.

The page works offline: vis-network is inlined (`cdn_resources="in_line"`)
and the bootstrap links pyvis adds for its select/filter menus (which we do
not use) are removed, so the page makes no outside request.

Labels are data from articles. pyvis serialises node data with \\u003c / \\u003e
escapes, so a label cannot close the script block; vis-network 9 draws
labels on a canvas and sets tooltips with innerText, so neither is parsed as
HTML. Tests check both with a hostile label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pyvis.network import Network

#: Colour and shape per node type: the legend shows the same table.
STYLE = {
    "Person": {"color": "#4e79a7", "shape": "dot"},
    "Organization": {"color": "#f28e2b", "shape": "square"},
    "Country": {"color": "#59a14f", "shape": "diamond"},
    "Place": {"color": "#76b7b2", "shape": "triangle"},
    "Agreement": {"color": "#b07aa1", "shape": "star"},
    "Topic": {"color": "#edc948", "shape": "hexagon"},
    "Meeting": {"color": "#e15759", "shape": "box"},
    "Document": {"color": "#9c755f", "shape": "ellipse"},
    "Sentence": {"color": "#bab0ac", "shape": "ellipse"},
}
DEFAULT_STYLE = {"color": "#888888", "shape": "dot"}
#: Beyond this many nodes physics is switched off after a bounded layout.
PHYSICS_LIMIT = 300
MAX_LABEL = 40

_BOOTSTRAP = re.compile(r'<(link|script)[^>]*cdn\.jsdelivr\.net[^>]*>(\s*</script>)?', re.I)


@dataclass
class GraphNode:
    id: str
    type: str
    caption: str
    tooltip: str = ""
    #: Properties kept for filtering and the details panel (never rendered as HTML).
    props: dict = field(default_factory=dict)


@dataclass
class GraphEdge:
    source: str
    target: str
    type: str
    label: str = ""


@dataclass
class GraphData:
    nodes: dict[str, GraphNode] = field(default_factory=dict)
    edges: list[GraphEdge] = field(default_factory=list)
    left_out: int = 0

    def add_node(self, node: GraphNode) -> None:
        self.nodes.setdefault(node.id, node)

    def add_edge(self, edge: GraphEdge) -> None:
        if edge.source in self.nodes and edge.target in self.nodes:
            self.edges.append(edge)


def shorten(text: str, limit: int = MAX_LABEL) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def from_neo4j(values, max_nodes: int = 500) -> GraphData:
    """Collect the nodes, relationships and paths found in query results."""
    import neo4j.graph as g

    data = GraphData()
    rels: list = []

    def visit(v):
        if isinstance(v, g.Node):
            if v.element_id in data.nodes:
                return
            if len(data.nodes) >= max_nodes:
                data.left_out += 1
                return
            data.add_node(node_of(v))
        elif isinstance(v, g.Relationship):
            visit(v.start_node)
            visit(v.end_node)
            rels.append(v)
        elif isinstance(v, g.Path):
            for n in v.nodes:
                visit(n)
            rels.extend(v.relationships)
        elif isinstance(v, (list, tuple)):
            for x in v:
                visit(x)
        elif isinstance(v, dict):
            for x in v.values():
                visit(x)

    for value in values:
        visit(value)
    seen = set()
    for r in rels:
        if r.element_id in seen:
            continue
        seen.add(r.element_id)
        label = r.get("role") or r.type.lower().replace("_", " ")
        data.add_edge(GraphEdge(r.start_node.element_id, r.end_node.element_id, r.type, label))
    return data


def node_of(n) -> GraphNode:
    return node_from(n.element_id, n.labels, dict(n))


def node_type(labels) -> str:
    labels = set(labels)
    return next((t for t in STYLE if t in labels), sorted(labels)[0] if labels else "Node")


def node_from(element_id: str, labels, props: dict) -> GraphNode:
    """A node from its element id, labels and properties (plain data, cacheable)."""
    type_ = node_type(labels)
    caption = props.get("name") or props.get("title") or props.get("text") or props.get("id") or type_
    lines = [f"{type_}: {caption}"]
    for key in ("date", "kind", "place", "status", "country", "language", "published", "url"):
        if props.get(key):
            lines.append(f"{key}: {props[key]}")
    if props.get("names") and len(props["names"]) > 1:
        lines.append("names: " + ", ".join(props["names"][:8]))
    kept = {k: v for k, v in props.items() if k not in ("text", "search_text", "keys")}
    if type_ == "Sentence" and props.get("text"):
        kept["text"] = props["text"]
    return GraphNode(id=element_id, type=type_, caption=shorten(caption), tooltip="\n".join(lines),
                     props=kept)


def from_rows(nodes, rels, max_nodes: int = 500) -> GraphData:
    """GraphData from plain rows: nodes {id, labels, props}, rels {source, target, type, role}."""
    data = GraphData()
    for n in nodes:
        if n["id"] in data.nodes:
            continue
        if len(data.nodes) >= max_nodes:
            data.left_out += 1
            continue
        data.add_node(node_from(n["id"], n["labels"], n.get("props") or {}))
    seen = set()
    for r in rels:
        key = (r["source"], r["target"], r["type"])
        if key in seen:
            continue
        seen.add(key)
        label = r.get("role") or r["type"].lower().replace("_", " ")
        data.add_edge(GraphEdge(r["source"], r["target"], r["type"], label))
    return data


def to_vis(data: GraphData) -> dict:
    """The vis-network nodes, edges and options that to_html draws, as plain JSON data.

    The clickable component (explorer/components/network.py) draws these with
    vis-network's own JS; labels and tooltips are plain strings that
    vis-network renders on the canvas and with innerText.
    """
    big = len(data.nodes) > PHYSICS_LIMIT
    nodes = []
    for node in data.nodes.values():
        style = STYLE.get(node.type, DEFAULT_STYLE)
        nodes.append({"id": node.id, "label": node.caption, "title": node.tooltip or node.caption,
                      "color": style["color"], "shape": style["shape"],
                      "size": 18 if node.type == "Meeting" else 14})
    edges = [{"from": e.source, "to": e.target, "label": shorten(e.label, 24), "title": e.type,
              "arrows": "to", "font": {"size": 9, "align": "middle"}, "color": "#aaaaaa"}
             for e in data.edges]
    import json

    options = json.loads(_options(big))
    return {"nodes": nodes, "edges": edges, "options": options, "freeze": big}


def to_html(data: GraphData, height: str = "620px") -> str:
    net = Network(height=height, width="100%", directed=True, cdn_resources="in_line",
                  bgcolor="#ffffff", font_color="#222222")
    # Same nodes, edges and styles as the clickable component draws.
    vis = to_vis(data)
    big = vis["freeze"]
    for n in vis["nodes"]:
        net.add_node(n["id"], **{k: v for k, v in n.items() if k != "id"})
    for e in vis["edges"]:
        net.add_edge(e["from"], e["to"], **{k: v for k, v in e.items() if k not in ("from", "to")})
    net.set_options(_options(big))
    html = _BOOTSTRAP.sub("", net.generate_html(notebook=False))
    if big:
        # Lay out once with a bounded number of iterations, then freeze: vis
        # physics is roughly quadratic and would keep a large graph busy.
        html = html.replace(_NEW_NETWORK, _NEW_NETWORK + _FREEZE, 1)
    return html


_NEW_NETWORK = "network = new vis.Network(container, data, options);"
_FREEZE = '\nnetwork.once("stabilizationIterationsDone", function () { network.setOptions({physics: false}); });\n'


def _options(big: bool) -> str:
    iterations = 150 if big else 300
    return """
    {
      "interaction": {"hover": true, "navigationButtons": false, "tooltipDelay": 120},
      "edges": {"smooth": {"type": "continuous"}},
      "physics": {
        "enabled": true,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110},
        "stabilization": {"enabled": true, "iterations": %d, "fit": true}
      }
    }
    """ % iterations


def legend_markdown(types) -> str:
    shapes = {"dot": "●", "square": "■", "diamond": "◆", "triangle": "▲", "star": "★",
              "hexagon": "⬢", "box": "▬", "ellipse": "⬭"}
    parts = []
    for t in types:
        style = STYLE.get(t, DEFAULT_STYLE)
        parts.append(f"<span style='color:{style['color']}'>{shapes.get(style['shape'], '●')}</span> {t}")
    return " &nbsp; ".join(parts)
