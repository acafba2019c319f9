import json
import re

from explorer.graphview import GraphData, GraphEdge, GraphNode, PHYSICS_LIMIT, to_html

HOSTILE = '</script><img src=x onerror="alert(1)">'


def _graph(n=3, label="Tô Lâm"):
    g = GraphData()
    for i in range(n):
        g.add_node(GraphNode(id=f"n{i}", type="Person" if i else "Meeting", caption=f"{label} {i}", tooltip=label))
    for i in range(1, n):
        g.add_edge(GraphEdge("n0", f"n{i}", "PARTICIPANT", "host"))
    return g


def _nodes_json(html):
    m = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", html, re.S)
    return json.loads(m.group(1))


def test_page_is_self_contained_and_makes_no_outside_request():
    html = to_html(_graph())
    assert "new vis.Network" in html
    assert not re.search(r'(src|href)="https?://', html), "page must work offline"


def test_hostile_labels_cannot_break_out_of_the_script():
    html = to_html(_graph(label=HOSTILE))
    assert HOSTILE not in html
    assert "<img src=x" not in html
    nodes = _nodes_json(html)
    assert nodes[0]["label"].startswith("</script>")   # the data survives, escaped in transit
    assert nodes[0]["title"] == HOSTILE                 # shown with innerText by vis-network 9


def test_edges_need_both_ends():
    g = _graph()
    g.add_edge(GraphEdge("n1", "missing", "X"))
    assert len(g.edges) == 2


def test_large_graphs_are_laid_out_once_then_frozen():
    small = to_html(_graph(5))
    big = to_html(_graph(PHYSICS_LIMIT + 5))
    assert "network.setOptions({physics: false})" not in small
    assert 'network.setOptions({physics: false})' in big
    options = json.loads(re.search(r"var options = (\{.*?\});\n", big).group(1))
    assert options["physics"]["stabilization"]["iterations"] <= 200
