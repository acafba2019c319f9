"""Query latency: p50/p95 of every explorer query and every saved query, printed, never asserted.

`query_timings(driver, database)` runs each explorer query constant
(liaison/explorer_queries.py) with parameters taken from the graph itself (a country
with meetings, a person, a meeting, a document...) and each saved query
(cypher/*.cypher) with its defaults, `runs` times after one warm-up run, and
returns milliseconds per query. The same sample parameters serve
tests/test_query_plans.py, which plans every query with EXPLAIN.
"""

from __future__ import annotations

import statistics
import time

import neo4j

#: Explorer constants that are fragments of other queries, not queries.
FRAGMENTS = {"_BY_IDS", "_TIMELINE_BODY"}

# What the pages pass, by parameter name (overridden per query in sample_params).
_DEFAULTS = {"limit": 50, "skip": 0, "sources": False, "rel_types": [], "focus": "", "by": "country",
             "width": 4, "meetings": 5000,  # meetings: as explorer/pages/timeline.py MAX_MEETINGS
             "q": "vietnam*", "text": "Viet"}

_SAMPLE = """
OPTIONAL MATCH (c:Country)<-[:INVOLVES]-(m:Meeting)-[:INVOLVES]->(c2:Country) WHERE c.id < c2.id
WITH c, c2, m LIMIT 1
OPTIONAL MATCH (p:Person)<-[:PARTICIPANT]-(:Meeting) WITH c, c2, m, p LIMIT 1
OPTIONAL MATCH (d:Document)<-[:PART_OF]-(:Sentence)<-[:MENTIONED_IN]-(:Entity) WITH c, c2, m, p, d LIMIT 1
RETURN c.id AS country, c2.id AS country2, elementId(c) AS country_eid, elementId(m) AS meeting_eid,
       m.id AS meeting, p.id AS person, elementId(p) AS person_eid, d.id AS document
"""


def explorer_queries() -> dict[str, str]:
    """Every query constant of explorer/queries.py, by name."""
    from . import explorer_queries as Q

    return {name: value for name, value in vars(Q).items()
            if isinstance(value, str) and name.isupper() and name not in FRAGMENTS and "RETURN" in value}


def sample_params(driver: neo4j.Driver, database: str) -> dict[str, dict]:
    """Plausible parameters for each explorer query, taken from the graph (placeholders when it is empty)."""
    from . import explorer_queries as Q
    from liaison.saved_queries import referenced_params

    records, _, _ = driver.execute_query(_SAMPLE, database_=database, routing_=neo4j.RoutingControl.READ)
    s = {k: v for k, v in (records[0].data() if records else {}).items()}
    s = {k: v if v is not None else f"none:{k}" for k, v in s.items()} or {
        k: f"none:{k}" for k in ("country", "country2", "country_eid", "meeting_eid", "meeting", "person",
                                 "person_eid", "document")}
    entity_types = list(Q.ENTITY_TYPES)
    seeds = [s["person_eid"], s["meeting_eid"]]
    per_query = {
        "ELEMENT_OF_ID": {"id": s["person"]},
        "ELEMENTS_OF_IDS": {"ids": [s["person"], s["meeting"]]},
        "IDS_OF_ELEMENTS": {"eids": seeds},
        "NEIGHBOURS": {"ids": seeds}, "NEIGHBOUR_COUNT": {"ids": seeds},
        "NODES": {"ids": seeds}, "RELS_AMONG": {"ids": seeds},
        "PAIR": {"a": s["country"], "b": s["country2"]},
        "PAIR_CONTACTS": {"a": s["country"], "b": s["country2"]},
        "ENTITY_DETAILS": {"eid": s["person_eid"]}, "ENTITY_MEETINGS": {"eid": s["person_eid"]},
        "MEETING_DETAILS": {"eid": s["meeting_eid"]}, "MEETING_SOURCES": {"eid": s["meeting_eid"]},
        "COUNTRY_PARTNERS": {"eid": s["country_eid"]}, "NODE_PROPS": {"eid": s["meeting_eid"]},
        "TIMELINE_OF_COUNTRY": {"focus": s["country"]},
        "OVERVIEW_GRAPH": {"types": ["PARTICIPANT", "INVOLVES", "HELD_IN", "ABOUT"]},
        "DOCUMENT": {"id": s["document"]}, "DOCUMENT_MENTIONS": {"id": s["document"]},
        "DOCUMENT_MEETINGS": {"id": s["document"]}, "DOCUMENTS_OF_ENTITY": {"id": s["person"]},
    }
    out = {}
    for name, text in explorer_queries().items():
        wanted = referenced_params(text)
        params = {k: v for k, v in _DEFAULTS.items() if k in wanted}
        if "types" in wanted:
            params["types"] = entity_types
        params.update(per_query.get(name, {}))
        out[name] = {k: v for k, v in params.items() if k in wanted}
    return out


def all_queries(driver: neo4j.Driver, database: str) -> dict[str, tuple[str, dict]]:
    """name -> (text, params): explorer constants as `explorer.NAME`, saved queries as `saved.slug`."""
    from liaison import saved_queries

    texts = explorer_queries()
    params = sample_params(driver, database)
    out = {f"explorer.{name}": (texts[name], params[name]) for name in texts}
    for slug, q in saved_queries.load_all().items():
        out[f"saved.{slug}"] = (q.text, q.defaults())
    return out


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def query_timings(driver: neo4j.Driver, database: str, runs: int = 20, timeout: float = 30.0) -> dict:
    """{query name: {"p50_ms", "p95_ms", "rows", "runs"}} for every explorer and saved query.

    Each query runs once to warm the plan cache, then `runs` times in a read
    transaction; the time includes fetching every row (what a page waits for).
    """
    out = {}
    for name, (text, params) in all_queries(driver, database).items():
        times, rows = [], 0
        for i in range(runs + 1):
            started = time.perf_counter()
            records, _, _ = driver.execute_query(neo4j.Query(text, timeout=timeout), params, database_=database,
                                                 routing_=neo4j.RoutingControl.READ)
            if i:
                times.append(1000 * (time.perf_counter() - started))
            rows = len(records)
        out[name] = {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(_percentile(times, 0.95), 2),
                     "rows": rows, "runs": runs}
    return out


def lines(timings: dict) -> list[str]:
    out = [f"{'query':<44}{'p50 ms':>9}{'p95 ms':>9}{'rows':>7}"]
    for name, t in sorted(timings.items(), key=lambda kv: -kv[1]["p95_ms"]):
        out.append(f"{name:<44}{t['p50_ms']:>9.1f}{t['p95_ms']:>9.1f}{t['rows']:>7}")
    return out
