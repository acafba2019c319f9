"""Neo4j values in plain, JSON-friendly form: shared by `liaison query` and the explorer's downloads."""

from __future__ import annotations

#: Properties that are plumbing (search keys) or too large for a table cell.
HIDDEN = {"keys", "search_text"}


def plain(value):
    """Nodes, relationships, paths and temporals as dicts, lists and strings."""
    import neo4j.graph as g

    if isinstance(value, g.Node):
        hidden = HIDDEN | {"text"} if "Document" in value.labels else HIDDEN
        return {"labels": sorted(value.labels), **{k: plain(v) for k, v in dict(value).items() if k not in hidden}}
    if isinstance(value, g.Relationship):
        return {"type": value.type,
                "start": value.start_node.get("id") if value.start_node else None,
                "end": value.end_node.get("id") if value.end_node else None,
                **{k: plain(v) for k, v in dict(value).items()}}
    if isinstance(value, g.Path):
        return [plain(n) for n in value.nodes]
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
