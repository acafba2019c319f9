"""What the writer keeps so hub queries stay bounded: ordered keys on hub relationships, country pairs.

A country, topic or agreement named in most articles has tens of thousands
of meetings; the queries that read "its newest meetings" or "the meetings of
both countries" seek keys written at load (loaders/write.py) instead of
reading the hub. These tests hold the keys and pairs to what a direct read of
the graph says, on the real corpus, and check that a graph written before
them is brought up to date once.
"""

from itertools import combinations

import neo4j
import pytest

from liaison.saved_queries import load_all
from loaders.pipeline import load_paths
from loaders.write import GRAPH_SCHEMA, MAX_PAIRED_COUNTRIES, ensure_schema

from .conftest import CORPUS
from .test_batches import signature

pytestmark = pytest.mark.neo4j

QUERIES = load_all()


def read(driver, query, **params):
    records, _, _ = driver.execute_query(query, params, database_="neo4j", routing_=neo4j.RoutingControl.READ)
    return [dict(r) for r in records]


def test_every_hub_relationship_has_its_ordered_key(corpus_graph):
    rows = read(corpus_graph, """
        MATCH (m:Meeting)-[r:INVOLVES|ABOUT|CONCERNS|IN_PAIR|PARTICIPANT|THROUGH|HELD_IN]->(x)
        RETURN type(r) AS type, r.key AS key, m.date AS date, m.reported AS reported,
               x.id + '|' + coalesce(CASE WHEN type(r) IN ['PARTICIPANT', 'HELD_IN'] THEN m.seek ELSE m.date END,
                                     '!' + coalesce(m.reported, '')) AS expected""")
    assert {r["type"] for r in rows} == {"INVOLVES", "ABOUT", "CONCERNS", "IN_PAIR", "PARTICIPANT", "THROUGH", "HELD_IN"}
    wrong = [r for r in rows if r["key"] != r["expected"]]
    assert not wrong, wrong[:5]
    # undated meetings sort below every dated one and carry the day they were reported
    undated = [r for r in rows if r["date"] is None]
    assert undated and all(r["key"].split("|")[-1] < "0" for r in undated)
    assert any(r["reported"] for r in undated)
    assert all(r["key"].split("|")[-1] > "0" for r in rows if r["date"])
    # a pair's link is also found by the meeting's seek date (loaders.events.seek_date)
    pairs = read(corpus_graph, """
        MATCH (m:Meeting)-[r:IN_PAIR]->(p)
        RETURN r.seek AS seek, p.id + '|' + coalesce(m.seek, '!' + coalesce(m.reported, '')) AS expected""")
    assert pairs and all(r["seek"] == r["expected"] for r in pairs)


def test_a_pair_holds_exactly_the_meetings_of_both_countries(corpus_graph):
    involved = read(corpus_graph, "MATCH (m:Meeting)-[:INVOLVES]->(c:Country) RETURN m.id AS m, c.id AS c")
    by_meeting: dict[str, set] = {}
    for r in involved:
        by_meeting.setdefault(r["m"], set()).add(r["c"])
    expected: dict[str, set] = {}
    for m, countries in by_meeting.items():
        if len(countries) > MAX_PAIRED_COUNTRIES:
            continue
        for a, b in combinations(sorted(countries), 2):
            expected.setdefault(f"{a}|{b}", set()).add(m)
    assert len(expected) >= 5, "the corpus has meetings between several pairs of countries"
    pairs = read(corpus_graph, """
        MATCH (p:CountryPair)
        RETURN p.id AS id, [(p)-[:PAIR_OF]->(c) | c.id] AS countries, [(m)-[:IN_PAIR]->(p) | m.id] AS meetings""")
    assert {p["id"]: set(p["meetings"]) for p in pairs} == expected
    for p in pairs:
        assert sorted(p["countries"]) == p["id"].split("|")


def test_first_and_last_contact_agree_with_a_direct_read(corpus_graph):
    q = QUERIES["first_last_contact"]
    got = read(corpus_graph, q.text, **q.values({"country": "Vietnam"}))
    direct = read(corpus_graph, """
        MATCH (c:Country {iso3: 'VNM'})<-[:INVOLVES]-(m:Meeting)-[:INVOLVES]->(partner:Country)
        WHERE partner <> c
        WITH partner, [x IN collect(DISTINCT m) WHERE x.date IS NOT NULL | x.date] AS dates,
             count(DISTINCT m) AS meetings
        WHERE size(dates) > 0
        RETURN partner.name AS partner, reduce(a = dates[0], d IN dates | CASE WHEN d < a THEN d ELSE a END) AS first,
               reduce(a = dates[0], d IN dates | CASE WHEN d > a THEN d ELSE a END) AS last, meetings""")
    assert len(direct) >= 3
    assert {(r["partner"], r["first_contact"], r["last_contact"], r["meetings"]) for r in got} == \
        {(r["partner"], r["first"], r["last"], r["meetings"]) for r in direct}


def test_meetings_between_countries_are_those_of_both_oldest_first(corpus_graph):
    q = QUERIES["meetings_between_countries"]
    got = read(corpus_graph, q.text, **q.values({"a": "VNM", "b": "KOR"}))
    direct = read(corpus_graph, """
        MATCH (:Country {iso3: 'VNM'})<-[:INVOLVES]-(m:Meeting)-[:INVOLVES]->(:Country {iso3: 'KOR'})
        RETURN m.date AS date ORDER BY m.date""")
    assert direct, "the corpus has Vietnam–South Korea meetings"
    assert [r["date"] for r in got] == [r["date"] for r in direct]


def test_a_graph_written_before_the_keys_is_brought_up_to_date_once(graph, neo4j_settings):
    db = neo4j_settings.database
    load_paths(graph, db, [CORPUS])
    current = signature(graph)
    # What an earlier version wrote: no keys, no pairs, no rank keys, no schema version.
    graph.execute_query("MATCH (p:CountryPair) DETACH DELETE p", database_=db)
    graph.execute_query("MATCH ()-[r:INVOLVES|ABOUT|CONCERNS|HELD_IN]->() REMOVE r.key", database_=db)
    graph.execute_query("MATCH (r:ReviewCandidate) REMOVE r.rank", database_=db)
    graph.execute_query("MATCH (s:GraphSchema) DELETE s", database_=db)
    assert signature(graph) != current
    ensure_schema(graph, db)
    assert signature(graph) == current
    assert read(graph, "MATCH (s:GraphSchema) RETURN s.version AS v") == [{"v": GRAPH_SCHEMA}]


def test_a_countrys_partners_in_the_details_panel_agree_with_a_direct_read(corpus_graph):
    from liaison import explorer_queries as Q

    eid = read(corpus_graph, "MATCH (c:Country {iso3: 'VNM'}) RETURN elementId(c) AS eid")[0]["eid"]
    got = read(corpus_graph, Q.COUNTRY_PARTNERS, eid=eid, limit=100)
    direct = read(corpus_graph, """
        MATCH (c:Country {iso3: 'VNM'})<-[:INVOLVES]-(m:Meeting)-[:INVOLVES]->(p:Country) WHERE p <> c
        RETURN p.id AS partner_id, count(DISTINCT m) AS meetings, min(m.date) AS first, max(m.date) AS last""")
    assert len(direct) >= 3
    assert {(r["partner_id"], r["meetings"], r["first"], r["last"]) for r in got} == \
        {(r["partner_id"], r["meetings"], r["first"], r["last"]) for r in direct}
