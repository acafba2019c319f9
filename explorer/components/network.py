"""A clickable network: vis-network drawn by a Streamlit v2 component.

`components.html` shows pyvis pages in a sandboxed iframe that cannot talk
back to Python, so the explorer draws the same nodes, edges and options
(built by explorer.graphview.to_vis) with vis-network's own JavaScript inside
a bidirectional `st.components.v2` component. vis-network is the copy shipped
in the pyvis package, inlined: the page needs no network access.

A click on a node sends its id back as the trigger value `clicked`; a double
click sends `expand`. Both are one-shot values, present only in the run the
event caused. The script's JS never touches the page outside its own root.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import pyvis
import streamlit as st

from explorer.graphview import GraphData, to_vis

_VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"

_HTML = '<div class="liaison-net" data-testid="liaison-network"></div><div class="liaison-net-status"></div>'

_CSS_EXTRA = """
.liaison-net { width: 100%; border: 1px solid #e6e6e6; border-radius: 6px; background: #fff; }
.liaison-net-status { font: 12px sans-serif; color: #666; min-height: 1em; padding-top: 2px; }
"""

# vis-network's UMD bundle assigns globalThis.vis when evaluated as a module.
_JS_MAIN = r"""
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const box = parentElement.querySelector(".liaison-net");
  const status = parentElement.querySelector(".liaison-net-status");
  if (!box || !data) return;
  box.style.height = (data.height || 600) + "px";
  // Same data as the last draw: keep the network (and the layout the user sees).
  if (box.__liaison && box.__liaison.key === data.key) {
    const net = box.__liaison.net;
    if (data.selected && net.body.data.nodes.get(data.selected)) net.selectNodes([data.selected]);
    return;
  }
  if (box.__liaison) { box.__liaison.net.destroy(); }
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const net = new vis.Network(box, { nodes, edges }, data.options);
  box.__liaison = { key: data.key, net };
  box.setAttribute("data-nodes", String(data.nodes.length));
  box.setAttribute("data-ready", "0");
  const ready = () => {
    box.setAttribute("data-ready", "1");
    if (data.freeze) net.setOptions({ physics: false });
    // Node positions in CSS pixels relative to the box, for tests and tooling.
    const pos = net.getPositions();
    const out = {};
    for (const id of Object.keys(pos)) {
      const p = net.canvasToDOM(pos[id]);
      out[id] = [Math.round(p.x), Math.round(p.y)];
    }
    box.setAttribute("data-positions", JSON.stringify(out));
  };
  net.once("stabilizationIterationsDone", ready);
  net.on("dragEnd", ready);
  net.on("zoom", ready);
  if (!data.options.physics || data.options.physics.enabled === false) ready();
  net.on("click", (params) => {
    if (params.nodes && params.nodes.length) {
      const id = params.nodes[0];
      const n = nodes.get(id);
      status.textContent = "Selected: " + (n ? n.label : id);
      setTriggerValue("clicked", id);
    }
  });
  net.on("doubleClick", (params) => {
    if (params.nodes && params.nodes.length) setTriggerValue("expand", params.nodes[0]);
  });
  if (data.selected && nodes.get(data.selected)) net.selectNodes([data.selected]);
}
"""


@lru_cache(maxsize=1)
def _component():
    vis_js = (_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    vis_css = (_VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    return st.components.v2.component(
        "liaison_network", html=_HTML, css=vis_css + _CSS_EXTRA, js=vis_js + "\n" + _JS_MAIN,
    )


def network(graph: GraphData, *, key: str, height: int = 600, selected: str | None = None):
    """Draw `graph`; return (clicked node id or None, node id to expand or None)."""
    payload = to_vis(graph)
    payload["height"] = height
    payload["selected"] = selected
    payload["key"] = hashlib.sha1(json.dumps([payload["nodes"], payload["edges"]], sort_keys=True,
                                             default=str).encode()).hexdigest()
    result = _component()(key=key, data=payload, height=height + 24,
                          on_clicked_change=lambda: None, on_expand_change=lambda: None)
    clicked = getattr(result, "clicked", None)
    expand = getattr(result, "expand", None)
    return clicked, expand
