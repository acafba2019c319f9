"""Meetings in the real graph: one per encounter, whatever the order articles come in,
and the ids `liaison extract` gives are the graph's."""

import copy
import json

import pytest

from loaders.pipeline import extract_article, extract_to_dir, load_paths
from loaders.read import iter_paths, read_article
from loaders.write import Pending, write_batch

from .conftest import CORPUS, CORPUS_SIZE, wipe
from .test_batches import signature

pytestmark = pytest.mark.neo4j


def _meetings_by_doc(driver) -> dict[str, list[str]]:
    records, _, _ = driver.execute_query(
        "MATCH (m:Meeting)-[:SOURCE]->(d:Document) RETURN d.name AS doc, collect(m.id) AS ids")
    return {r["doc"]: sorted(r["ids"]) for r in records}


def test_one_encounter_told_in_three_languages_is_one_meeting(corpus_graph):
    records, _, _ = corpus_graph.execute_query("""
        MATCH (m:Meeting)-[:SOURCE]->(d:Document)
        WITH m, collect(d.name) AS docs, collect(DISTINCT d.language) AS langs
        WHERE size(docs) >= 2
        RETURN m.id AS id, m.kind AS kind, docs, langs, m.sources AS sources, m.languages AS languages,
               size(m.reports) AS reports, COUNT { (m)-[:REPORTED_IN]->() } AS sentences""")
    multi = {frozenset(r["docs"]): r for r in records}
    conference = multi[frozenset({"d05", "d09", "d15"})]
    assert conference["kind"] == "conference"
    assert sorted(conference["langs"]) == conference["languages"] == ["en", "fr", "vi"]
    assert conference["sources"] == conference["reports"] == 3
    assert conference["sentences"] >= 3
    # every multi-source meeting keeps one report per article, and a report per source
    for r in records:
        assert r["sources"] == r["reports"] == len(r["docs"])


def test_extract_gives_the_ids_the_graph_holds(corpus_graph, tmp_path):
    assert extract_to_dir([CORPUS], tmp_path) == CORPUS_SIZE
    extracted = {}
    for path in tmp_path.glob("*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        extracted[record["doc"]] = sorted({m["id"] for m in record["meetings"]})
    graph = _meetings_by_doc(corpus_graph)
    assert {k: v for k, v in extracted.items() if v} == graph
    assert any(len(ids) > 1 for ids in graph.values())
    shared = [i for ids in graph.values() for i in ids]
    assert len(shared) > len(set(shared))    # some meeting is reported by several articles


def test_articles_in_reverse_order_one_at_a_time_give_the_same_meetings(graph, neo4j_settings):
    db = neo4j_settings.database
    load_paths(graph, db, [CORPUS])
    forward = _meetings(graph)
    wipe(graph)
    for path in reversed(list(iter_paths([CORPUS]))):
        load_paths(graph, db, [path], review=False)
    # (entities' display names still follow the first article: issue 10)
    assert _meetings(graph) == forward


MEETING_RELS = ("SOURCE", "PARTICIPANT", "INVOLVES", "ABOUT", "CONCERNS", "REPORTED_IN", "HELD_IN", "IN_PAIR")


def _meetings(driver):
    """The Meetings and their relationships, by ids and properties."""
    nodes, rels = signature(driver)
    return ([n for n in nodes if "Meeting" in n[0] or "CountryPair" in n[0]],
            [r for r in rels if r[1] in MEETING_RELS])


def test_rewriting_one_source_keeps_the_encounter_whole(corpus_graph, neo4j_settings):
    before = signature(corpus_graph)
    article = read_article(CORPUS / "d09.txt")
    result = write_batch(corpus_graph, neo4j_settings.database,
                         [Pending(article, extract_article(article), existing="an older extractor")])
    assert not result.failed
    assert signature(corpus_graph) == before


def test_rewriting_a_source_leaves_the_meetings_it_does_not_change_untouched(corpus_graph, neo4j_settings):
    # A Meeting the new reports were compared with but did not join is not rebuilt:
    # an article costs the Meetings it changes (a marker on every Meeting shows which were).
    corpus_graph.execute_query("MATCH (m:Meeting) SET m.probe = true")
    try:
        article = read_article(CORPUS / "d19.txt")
        result = write_batch(corpus_graph, neo4j_settings.database,
                             [Pending(article, extract_article(article), existing="an older extractor")])
        assert not result.failed
        records, _, _ = corpus_graph.execute_query("""
            MATCH (m:Meeting)
            RETURN m.probe IS NOT NULL AS kept, EXISTS { (m)-[:SOURCE]->(:Document {name: 'd19'}) } AS of_d19""")
        assert {(r["kept"], r["of_d19"]) for r in records} == {(True, False), (False, True)}
    finally:
        corpus_graph.execute_query("MATCH (m:Meeting) REMOVE m.probe")


def test_a_meeting_has_the_sides_of_its_people(corpus_graph):
    # A Japanese article about a Vietnamese minister's Tokyo meetings names Japan in each
    # sentence; Vietnam is a side through the minister's agency.
    records, _, _ = corpus_graph.execute_query("""
        MATCH (m:Meeting)-[:SOURCE]->(:Document {name: 'd19'})
        RETURN m.id AS id, m.date AS date, [(m)-[r:INVOLVES]->(c) | [c.iso3, r.via]] AS sides,
               [(m)-[:IN_PAIR]->(p) | p.id] AS pairs""")
    assert len(records) >= 3
    for r in records:
        assert ["VNM", "participants"] in r["sides"] and ["JPN", "text"] in r["sides"]
        assert "country:JPN|country:VNM" in r["pairs"]
    # every side derived from people is the one country of one of the meeting's participants
    bad, _, _ = corpus_graph.execute_query("""
        MATCH (m:Meeting)-[r:INVOLVES {via: 'participants'}]->(c)
        WHERE NOT EXISTS { (m)-[:PARTICIPANT]->(e) WHERE e.sides = [c.id] }
        RETURN count(r) AS n""")
    assert bad[0]["n"] == 0


def test_a_person_given_two_countries_lends_their_meetings_neither(graph, neo4j_settings, tmp_path):
    # A meeting takes a side from a participant every article gives one country. One more
    # article that puts that person in another country makes it uncertain: the meetings
    # keep the countries their sentences name, whichever article came first.
    from loaders.model import Entity, Mention

    db = neo4j_settings.database
    load_paths(graph, db, [CORPUS], review=False)
    records, _, _ = graph.execute_query("""
        MATCH (m:Meeting)-[:INVOLVES {via: 'participants'}]->(c)
        MATCH (m)-[:PARTICIPANT]->(p:Person) WHERE p.sides = [c.id]
        RETURN p.name AS name, p.id AS person, c.id AS country ORDER BY p.id LIMIT 1""")
    assert records, "the corpus has meetings that take a side from a participant"
    name, person, country = records[0]["name"], records[0]["person"], records[0]["country"]
    extra = tmp_path / "extra.txt"
    extra.write_text((CORPUS / "d05.txt").read_text(encoding="utf-8") + "\n\nReported again.\n", encoding="utf-8")
    article = read_article(extra)
    ex = extract_article(article)
    m = ex.entities[0].mentions[0]
    # ... which names the person as an official of Brazil, and Brazil
    ex.entities = [e for e in ex.entities if e.name != name] + [
        Entity("Person", name, id=person, mentions=[Mention(name, m.start, m.end, m.sentence)], affiliation="Brazil"),
        Entity("Country", "Brazil", id="country:BRA", iso3="BRA", mentions=[Mention("Brazil", m.start, m.end,
                                                                                    m.sentence)])]

    def derived():
        records, _, _ = graph.execute_query("""
            MATCH (:Entity {id: $p})<-[:PARTICIPANT]-(m:Meeting)-[:INVOLVES {via: 'participants'}]->(c)
            WHERE NOT EXISTS { (m)-[:PARTICIPANT]->(o) WHERE o.id <> $p AND o.sides = [c.id] }
            RETURN count(*) AS n""", p=person)
        return records[0]["n"]

    assert derived() > 0
    assert not write_batch(graph, db, [Pending(article, ex)]).failed
    sides, _, _ = graph.execute_query("MATCH (p:Entity {id: $p}) RETURN p.sides AS s", p=person)
    assert sorted(sides[0]["s"]) == sorted([country, "country:BRA"])
    assert derived() == 0
    forward = _meetings(graph)
    wipe(graph)
    assert not write_batch(graph, db, [Pending(article, ex)]).failed
    load_paths(graph, db, [CORPUS], review=False)
    assert derived() == 0
    assert _meetings(graph) == forward


def test_a_meeting_of_many_countries_is_multilateral_and_pairs_none(graph, neo4j_settings):
    # An assembly of delegations is not a contact of each two of them: past
    # MAX_PAIRED_COUNTRIES its meeting links to no CountryPair, and is still found by country.
    from loaders.model import Entity, Mention
    from loaders.write import MAX_PAIRED_COUNTRIES

    isos = ["ARG", "AUS", "AUT", "BEL", "BRA", "CAN", "CHE", "CHL", "COL", "DNK", "EGY", "FIN", "GRC", "IRL"]
    assert len(isos) > MAX_PAIRED_COUNTRIES

    def assembly(_doc, ex):
        m = ex.entities[0].mentions[0]
        ex.entities += [Entity("Country", f"Land {iso}", id=f"country:{iso}", iso3=iso,
                               mentions=[Mention(f"Land {iso}", m.start, m.end, m.sentence)]) for iso in isos]
        small = copy.deepcopy(ex.meetings[0])
        small.kind, small.countries = "call", [f"Land {iso}" for iso in isos[:2]]
        ex.meetings[0].countries = [f"Land {iso}" for iso in isos]
        ex.meetings.append(small)

    _loaded(graph, neo4j_settings.database, ["d05"], edit=assembly)
    records, _, _ = graph.execute_query("""
        MATCH (m:Meeting) RETURN COUNT { (m)-[:INVOLVES]->() } AS countries, COUNT { (m)-[:IN_PAIR]->() } AS pairs,
                                 COUNT { (m)-[r:INVOLVES]->() WHERE r.multi = r.key } AS multi""")
    big = [r for r in records if r["countries"] > MAX_PAIRED_COUNTRIES]
    assert big and all(r["pairs"] == 0 for r in big)
    # ... and is what a conference report of some of its countries seeks instead (INVOLVES.multi)
    assert all(r["multi"] == (r["countries"] if r["countries"] > MAX_PAIRED_COUNTRIES else 0) for r in records)
    assert any(r["pairs"] == r["countries"] * (r["countries"] - 1) // 2 > 0 for r in records
               if r["countries"] <= MAX_PAIRED_COUNTRIES), records


def test_an_agency_lists_the_meetings_of_its_people(corpus_graph):
    from liaison import explorer_queries as Q

    records, _, _ = corpus_graph.execute_query("""
        MATCH (m:Meeting)-[t:THROUGH]->(o:Organization)
        MATCH (m)-[:PARTICIPANT]->(p:Person {id: t.person})
        RETURN elementId(o) AS org, o.name AS name, m.date AS date, p.name AS person""")
    assert records
    for r in records:
        rows, _, _ = corpus_graph.execute_query(Q.ENTITY_MEETINGS, eid=r["org"], limit=500)
        assert any(x["role"] == f"via {r['person']}" and x["date"] == r["date"] for x in rows), r
    # Interpol, never a participant by name, has the meeting of its Secretary General
    interpol = [r for r in records if r["name"] == "Interpol"]
    assert interpol and all(r["date"] for r in interpol)


def _loaded(graph, db, names, edit=None, existing=None):
    items = []
    for name in names:
        article = read_article(CORPUS / f"{name}.txt")
        ex = extract_article(article)
        if edit:
            edit(name, ex)
        items.append(Pending(article, ex, existing))
    result = write_batch(graph, db, items)
    assert not result.failed, result.failed


def _sources(graph) -> list[list[str]]:
    records, _, _ = graph.execute_query(
        "MATCH (m:Meeting)-[:SOURCE]->(d:Document) WITH m, collect(d.name) AS docs RETURN docs")
    return sorted(sorted(r["docs"]) for r in records)


def test_an_uncertain_pair_is_reviewed_and_the_decision_outlives_a_reload(graph, neo4j_settings):
    from loaders.event_review import decide_meetings, list_meeting_candidates

    db = neo4j_settings.database

    def vaguer(name, ex):
        # the French report of the conference gives only the month and no place:
        # one person in common and the same two countries is then too little to merge
        if name == "d15":
            for m in ex.meetings:
                if m.kind == "conference":
                    m.date, m.place = m.date[:7], None

    _loaded(graph, db, ["d05", "d15"], vaguer)
    assert ["d05", "d15"] not in _sources(graph)
    pending = list_meeting_candidates(graph, db)
    assert len(pending) == 1
    c = pending[0]
    assert {r["doc_name"] for r in c.reports} == {"d05", "d15"} and not c.together
    # the evidence side by side: each report's own sentences, in its language
    assert all(r["evidence"] and r["evidence"][0]["text"] for r in c.reports)
    assert {r["evidence"][0]["language"] for r in c.reports} == {"en", "fr"}

    assert decide_meetings(graph, db, c.id, "same") >= 1
    assert ["d05", "d15"] in _sources(graph)
    _loaded(graph, db, ["d15", "d05"], vaguer, existing="an older extractor")
    assert ["d05", "d15"] in _sources(graph)
    assert list_meeting_candidates(graph, db, status="same")[0].together

    decide_meetings(graph, db, c.id, "different")
    assert ["d05", "d15"] not in _sources(graph)
    # "different" holds even where the rules alone would merge the two reports
    _loaded(graph, db, ["d05", "d15"], None, existing="an older extractor")
    assert ["d05", "d15"] not in _sources(graph)
    assert not list_meeting_candidates(graph, db)


def _meeting_of(graph, doc, kind=None):
    records, _, _ = graph.execute_query("""
        MATCH (m:Meeting)-[:SOURCE]->(:Document {name: $doc})
        WHERE $kind IS NULL OR m.kind = $kind
        RETURN m {.id, .date, .kind, .place, .corrected, .title, .date_precision,
                  docs: [(m)-[:SOURCE]->(d) | d.name],
                  people: [(m)-[r:PARTICIPANT]->(e) | [e.id, r.role]],
                  held_in: [(m)-[:HELD_IN]->(p) | p.id]} AS m
        ORDER BY m.id""", doc=doc, kind=kind)
    return [{**r["m"], "docs": sorted(r["m"]["docs"]), "people": sorted(r["m"]["people"])} for r in records]


def test_an_analyst_corrects_splits_and_merges_meetings_and_it_outlives_reloads(graph, neo4j_settings):
    from loaders.errors import LiaisonError
    from loaders.event_review import correct_meeting, merge_meetings, split_report

    db = neo4j_settings.database
    names = ["d05", "d09", "d15"]
    _loaded(graph, db, [*names, "d10"])
    [conference] = [m for m in _meeting_of(graph, "d05", "conference") if len(m["docs"]) == 3]
    assert conference["corrected"] is None

    # a person of another article joins, one of the participants leaves, the date and place change
    records, _, _ = graph.execute_query("MATCH (p:Person) RETURN p.id AS id ORDER BY p.id")
    others = [r["id"] for r in records if [r["id"], "host"] not in conference["people"]
              and [r["id"], "guest"] not in conference["people"]
              and [r["id"], "participant"] not in conference["people"]]
    leaving = sorted(conference["people"])[0][0]
    ids = correct_meeting(graph, db, conference["id"], date="2023-03-05", kind="talks", place="Phnom Penh",
                          participants={others[0]: "guest", leaving: None})
    assert conference["id"] in ids
    [fixed] = [m for m in _meeting_of(graph, "d05", "talks") if m["id"] == conference["id"]]
    assert (fixed["date"], fixed["date_precision"], fixed["kind"]) == ("2023-03-05", "day", "talks")
    assert fixed["place"] == "Phnom Penh" and fixed["held_in"] in ([], ["place:phnom-penh-kh"])
    assert [others[0], "guest"] in fixed["people"] and not any(p == leaving for p, _ in fixed["people"])
    assert fixed["corrected"] == ["date", "kind", "participants", "place"]
    assert sorted(fixed["docs"]) == names

    # the correction holds when the articles are loaded again, in another order
    _loaded(graph, db, list(reversed(names)), existing="an older extractor")
    [again] = [m for m in _meeting_of(graph, "d05", "talks") if m["id"] == conference["id"]]
    assert again == fixed

    # split the Vietnamese report off: it is a meeting of its own, on every later load too
    split_report(graph, db, conference["id"], "d09")
    assert ["d05", "d15"] in _sources(graph) and ["d05", "d09", "d15"] not in _sources(graph)
    _loaded(graph, db, names, existing="an older extractor")
    assert ["d05", "d15"] in _sources(graph) and ["d05", "d09", "d15"] not in _sources(graph)
    kept = [m for m in _meeting_of(graph, "d05", "talks") if sorted(m["docs"]) == ["d05", "d15"]]
    assert kept and kept[0]["date"] == "2023-03-05"     # the correction stayed with the Meeting

    # merge it back
    [alone] = [m for m in _meeting_of(graph, "d09") if m["docs"] == ["d09"] and m["kind"] == "conference"]
    merge_meetings(graph, db, kept[0]["id"], alone["id"])
    assert ["d05", "d09", "d15"] in _sources(graph)
    _loaded(graph, db, names, existing="an older extractor")
    assert ["d05", "d09", "d15"] in _sources(graph)

    for bad in ({"date": "2023-13-01"}, {"date": "March"}, {"kind": "lunch"},
                {"participants": {"person:nobody-at-all": "host"}}, {}):
        with pytest.raises(LiaisonError):
            correct_meeting(graph, db, conference["id"], **bad)
    with pytest.raises(LiaisonError, match="no meeting"):
        correct_meeting(graph, db, "meeting:0000", date="2023")
    with pytest.raises(LiaisonError, match="no report from"):
        split_report(graph, db, conference["id"], "d01")
