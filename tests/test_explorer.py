"""The explorer's pages under Streamlit's AppTest, against the real server."""

import os
import re

import pytest
from streamlit.testing.v1 import AppTest

from .conftest import CORPUS_SIZE, ROOT, counts

APP = str(ROOT / "explorer" / "app.py")
pytestmark = pytest.mark.neo4j
PAGES = ["pages/home.py", "pages/explore.py", "pages/timeline.py", "pages/documents.py", "pages/catalogue.py",
         "pages/console.py", "pages/add_article.py", "pages/review.py"]


def _run(timeout=60):
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.run()
    return at


def _page(page, timeout=60, query=None):
    import streamlit as st

    st.cache_data.clear()  # tests change the graph under the app's 30 s read cache
    at = AppTest.from_file(APP, default_timeout=timeout)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.switch_page(page)
    at.run()
    return at


def _markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def _one(driver, query, **params):
    records, _, _ = driver.execute_query(query, params, database_="neo4j")
    return records[0] if records else None


def test_home_shows_counts_and_documents(corpus_graph):
    at = _run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics.get("Document") == str(CORPUS_SIZE)
    assert "Meeting" in metrics and "Person" in metrics
    assert len(at.dataframe) >= 1


def test_bad_password_is_a_message_not_a_traceback(corpus_graph, monkeypatch):
    import streamlit as st

    # The driver is keyed by its settings, so a wrong password gets a driver of
    # its own (which fails) and the session's driver stays open for other tests.
    monkeypatch.setenv("NEO4J_PASSWORD", "wrong-password-123")
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        at = _run()
        assert not at.exception
        assert any("refused the credentials" in e.value for e in at.error)
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()


# The console and the add-article page touch the graph only when asked to.
@pytest.mark.parametrize("page", [p for p in PAGES if p not in ("pages/console.py", "pages/add_article.py")])
def test_server_down_is_a_message_on_every_page_that_reads(page, monkeypatch):
    import streamlit as st

    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        at = _page(page)
        assert not at.exception, at.exception
        assert any("Cannot reach" in e.value and "liaison neo4j start" in e.value for e in at.error), \
            [e.value for e in at.error]
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_error(corpus_graph, page):
    at = _page(page)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.title, f"{page} has no title"


def test_search_without_diacritics_then_explore_and_details(corpus_graph):
    from loaders.write import fold

    # A person whose name carries diacritics, typed without them.
    row = _one(corpus_graph, """
        MATCH (p:Person)<-[:PARTICIPANT]-(:Meeting)
        WHERE p.name <> p.keys[0] AND p.name =~ '(?i).*[à-ỹ].*'
        RETURN p.name AS name, p.id AS id ORDER BY size(p.name) LIMIT 1""")
    assert row, "the corpus should hold a person with diacritics who took part in a meeting"
    at = _page("pages/explore.py")
    at.text_input(key="explore_q").input(fold(row["name"])).run()
    assert not at.exception
    assert row["name"] in _markdown(at), f"searching {fold(row['name'])!r} should find {row['name']!r}"
    picks = [b for b in at.button if b.key and b.key.startswith("explore_pick_")]
    names = [m.value for m in at.markdown if "badge[" in m.value]
    index = next(i for i, m in enumerate(names) if row["name"] in m)
    picks[index].click().run()
    assert not at.exception
    assert at.query_params["entity"] == [row["id"]] or at.query_params["entity"] == row["id"]
    md = _markdown(at)
    assert "Timeline of meetings" in md
    assert at.get("bidi_component") or any("nodes" in c.value for c in at.caption)


def test_entity_in_the_url_opens_its_graph_and_a_meeting_shows_its_sources(corpus_graph):
    row = _one(corpus_graph, """
        MATCH (m:Meeting)-[:REPORTED_IN]->(s:Sentence)
        MATCH (m)-[:PARTICIPANT]->(p:Person)
        RETURN p.id AS person, elementId(m) AS meeting, s.text AS sentence LIMIT 1""")
    at = _page("pages/explore.py", query={"entity": row["person"]})
    assert not at.exception
    caption = " ".join(c.value for c in at.caption)
    assert "nodes" in caption and "relationships drawn" in caption
    # What a click in the component does: the meeting becomes the selected node.
    at.session_state["explore_selected"] = row["meeting"]
    at.run()
    assert not at.exception
    md = _markdown(at)
    assert "Source sentences" in md
    assert row["sentence"][:40].replace("<", "&lt;") in md or row["sentence"][:20] in md
    assert any(b.key == "explore_expand_btn" for b in at.button)
    at.button(key="explore_expand_btn").click().run()
    assert row["meeting"] in at.session_state["explore_expanded"]
    # The expansion is in the address, so copying it shares this view.
    meeting_id = _one(corpus_graph, "MATCH (m) WHERE elementId(m) = $e RETURN m.id AS id", e=row["meeting"])["id"]
    assert meeting_id in str(at.query_params["expand"])


def _drawn(at) -> int:
    caption = " ".join(c.value for c in at.caption)
    return int(re.search(r"(\d+) nodes, \d+ relationships drawn", caption).group(1))


def test_expansions_in_the_url_reproduce_the_view(corpus_graph):
    row = _one(corpus_graph, """
        MATCH (p:Person)<-[:PARTICIPANT]-(m:Meeting)-[:PARTICIPANT]->(q:Person)
        WHERE p <> q AND COUNT { (q)<-[:PARTICIPANT]-(:Meeting) } > 1
        RETURN p.id AS person, q.id AS other LIMIT 1""")
    plain = _page("pages/explore.py", query={"entity": row["person"]})
    shared = _page("pages/explore.py", query={"entity": row["person"], "expand": row["other"]})
    assert not plain.exception and not shared.exception
    assert _drawn(shared) > _drawn(plain)


def test_country_pair_shows_contacts_over_time(corpus_graph):
    row = _one(corpus_graph, """
        MATCH (a:Country)<-[:INVOLVES]-(m:Meeting)-[:INVOLVES]->(b:Country) WHERE a.id < b.id
        RETURN a.id AS a, b.id AS b LIMIT 1""")
    at = _page("pages/explore.py", query={"pair": f"{row['a']},{row['b']}"})
    assert not at.exception
    assert any(s.value.startswith("All contacts") for s in at.subheader)
    assert len(at.dataframe) >= 1


def test_filters_narrow_the_graph():
    from explorer.subgraph import Filters, assemble

    nodes = [
        {"id": "p", "labels": ["Person", "Entity"], "props": {"name": "P"}},
        {"id": "m1", "labels": ["Meeting"], "props": {"date": "2023-05-01"}, "countries": ["Vietnam"],
         "topics": ["cybercrime"], "sources": 2},
        {"id": "m2", "labels": ["Meeting"], "props": {"date": "2025-01"}, "countries": ["Laos"],
         "topics": ["drugs"], "sources": 1},
        {"id": "o", "labels": ["Organization", "Entity"], "props": {"name": "O"}},
    ]
    rels = [{"source": "m1", "target": "p", "type": "PARTICIPANT", "role": "host"},
            {"source": "m2", "target": "p", "type": "PARTICIPANT", "role": "guest"},
            {"source": "m2", "target": "o", "type": "PARTICIPANT", "role": "guest"}]
    everything = assemble(nodes, rels, ["p"], Filters(), 100)
    assert set(everything.graph.nodes) == {"p", "m1", "m2", "o"}
    two_sources = assemble(nodes, rels, ["p"], Filters(min_sources=2), 100)
    assert set(two_sources.graph.nodes) == {"p", "m1"}      # o is isolated once m2 goes
    assert set(assemble(nodes, rels, ["p"], Filters(date_from="2024"), 100).graph.nodes) == {"p", "m2", "o"}
    assert set(assemble(nodes, rels, ["p"], Filters(countries=("Vietnam",)), 100).graph.nodes) == {"p", "m1"}
    assert set(assemble(nodes, rels, ["p"], Filters(topics=("drugs",)), 100).graph.nodes) == {"p", "m2", "o"}
    no_orgs = assemble(nodes, rels, ["p"], Filters(types=("Person", "Meeting")), 100)
    assert "o" not in no_orgs.graph.nodes
    capped = assemble(nodes, rels, ["p"], Filters(), 2)
    assert "p" in capped.graph.nodes and capped.graph.left_out == 2


def test_timeline_draws_a_chart(corpus_graph):
    at = _page("pages/timeline.py")
    assert not at.exception
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")


def test_documents_highlight_mentions_with_links_to_explore(corpus_graph):
    row = _one(corpus_graph, """
        MATCH (d:Document)<-[:PART_OF]-(:Sentence)<-[:MENTIONED_IN]-(e:Entity)
        RETURN d.id AS doc, e.id AS entity LIMIT 1""")
    at = _page("pages/documents.py", query={"doc": row["doc"]})
    assert not at.exception
    md = _markdown(at)
    assert "<mark" in md and "explore?entity=" in md


def test_highlight_escapes_article_text():
    from explorer.pages.documents import highlight

    text = "<script>alert(1)</script> met Tô Lâm & co"
    out = highlight(text, [{"start": text.index("Tô"), "end": text.index("Tô") + 6, "entity": "person:to-lam",
                            "name": "Tô Lâm", "type": "Person"}])
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp; co" in out
    assert 'href="explore?entity=person%3Ato-lam"' in out and ">Tô Lâm</mark>" in out


def test_catalogue_runs_a_query_from_the_url(corpus_graph):
    at = _page("pages/catalogue.py", query={"q": "most_connected_actors", "limit": "3"})
    assert not at.exception and not at.error
    assert at.selectbox(key="cat_pick").value == "most_connected_actors"
    df = at.dataframe[0].value
    assert 1 <= len(df) <= 3 and "actor" in df.columns
    assert any(b.label == "Download CSV" for b in at.get("download_button"))


def test_catalogue_reports_a_bad_parameter(corpus_graph):
    at = _page("pages/catalogue.py", query={"q": "most_connected_actors", "limit": "lots"})
    assert not at.exception
    assert any("expects int" in e.value for e in at.error)


def test_console_refuses_a_write_and_the_graph_is_unchanged(corpus_graph):
    before = counts(corpus_graph)
    at = _page("pages/console.py")
    at.text_area(key="console_text").input("MATCH (n) DETACH DELETE n").run()
    at.button(key="console_run").click().run()
    assert not at.exception
    assert any("read-only" in e.value for e in at.error)
    assert counts(corpus_graph) == before
    at.text_area(key="console_text").input("MATCH (d:Document) RETURN d.name AS name ORDER BY name").run()
    at.button(key="console_run").click().run()
    assert not at.exception and not at.error
    assert len(at.dataframe[0].value) == CORPUS_SIZE
    assert len(at.session_state["console_history"]) == 2


def test_review_page_without_candidates_says_so(graph):
    at = _page("pages/review.py")
    assert not at.exception
    assert any("No review candidates" in i.value for i in at.info)


def test_review_accept_keeps_the_decision(graph):
    from loaders.review import Q_PROPOSE

    graph.execute_query("""
        CREATE (a:Entity:Person {id: 'person:a', name: 'Cho Ji-ho', names: ['Cho Ji-ho']}),
               (b:Entity:Person {id: 'person:b', name: 'Jo Ji-ho', names: ['Jo Ji-ho']})""", database_="neo4j")
    # proposed as review proposes it
    graph.execute_query(Q_PROPOSE, rows=[{"id": "review:1", "a": "person:a", "b": "person:b", "a_name": "Cho Ji-ho",
                                          "b_name": "Jo Ji-ho", "type": "Person", "score": 0.9,
                                          "reason": "similar romanisation"}], database_="neo4j")
    at = _page("pages/review.py")
    assert not at.exception
    at.button(key="review_accept_review:1").click().run()
    assert not at.exception
    rec = _one(graph, "MATCH (r:ReviewCandidate {id: 'review:1'}) RETURN r.status AS s, r.decided_at IS NOT NULL AS d")
    assert rec["s"] == "accepted" and rec["d"]


def test_add_article_extracts_lets_drop_items_and_writes(graph):
    text = (CORPUS_ARTICLE := (ROOT / "corpus" / "d01.txt").read_text(encoding="utf-8"))
    at = _page("pages/add_article.py", timeout=120)
    at.text_area(key="add_text").input(text).run()
    at.text_input(key="add_name").input("pasted-d01").run()
    at.button(key="add_extract").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "<mark" in _markdown(at)
    at.button(key="add_write").click().run()
    assert not at.exception
    assert at.success and "created" in at.success[0].value
    rec = _one(graph, "MATCH (d:Document {name: 'pasted-d01'}) RETURN count(d) AS n")
    assert rec["n"] == 1


def test_corrections_change_types_titles_and_meetings_and_ids_follow():
    from explorer.editing import correct, prune
    from loaders.pipeline import extract_article
    from loaders.read import read_article

    ex = extract_article(read_article(ROOT / "corpus" / "d02.txt"))
    person = next(e for e in ex.entities if e.type == "Person")
    rows_e = [{"name": e.name, "type": e.type, "title": e.title} for e in ex.entities]
    rows_e[ex.entities.index(person)].update(type="Organization", title="")
    rows_m = [{"kind": "call", "date": "2015-08-19", "place": "Canberra, Australia"} for _ in ex.meetings]
    fixed = correct(ex, rows_e, rows_m)
    assert person.type == "Organization" and person.id.startswith("org:") and person.title is None
    assert all(m.kind == "call" and m.date == "2015-08-19" for m in fixed.meetings)
    pruned = prune(fixed, {person.name}, set())
    assert person.name not in {e.name for e in pruned.entities}
    assert all(person.name not in [p.entity for p in m.participants] for m in pruned.meetings)


def test_expansion_can_follow_chosen_relationship_types(corpus_graph):
    row = _one(corpus_graph, """
        MATCH (p:Person)<-[:PARTICIPANT]-(m:Meeting)-[:INVOLVES]->(:Country)
        WHERE COUNT { (m)--() } > 4
        RETURN m.id AS meeting LIMIT 1""")
    every = _page("pages/explore.py", query={"meeting": row["meeting"]})
    only = AppTest.from_file(APP, default_timeout=60)
    only.query_params["meeting"] = row["meeting"]
    only.session_state["explore_rel_types"] = ["INVOLVES"]
    only.switch_page("pages/explore.py")
    only.run()
    assert not every.exception and not only.exception
    assert _drawn(only) < _drawn(every)


def test_the_drawn_graph_downloads_as_a_self_contained_page(corpus_graph):
    row = _one(corpus_graph, "MATCH (m:Meeting)-[:PARTICIPANT]->(p:Person) RETURN p.id AS id LIMIT 1")
    at = _page("pages/explore.py", query={"entity": row["id"]})
    assert not at.exception
    buttons = [b for b in at.get("download_button") if b.proto.label == "Download as HTML"]
    assert buttons


def test_an_analyst_corrects_a_meeting_from_its_details(graph, neo4j_settings):
    from loaders.pipeline import load_paths

    from .conftest import CORPUS

    load_paths(graph, neo4j_settings.database, [CORPUS / f"{n}.txt" for n in ("d05", "d09", "d15")], review=False)
    row = _one(graph, """
        MATCH (m:Meeting) WHERE m.sources = 3 RETURN m.id AS id, m.date AS date""")
    at = _page("pages/explore.py", query={"meeting": row["id"]})
    assert not at.exception
    assert "Corrected by an analyst" not in _markdown(at)
    [date] = [t for t in at.text_input if t.label.startswith("Date (")]
    date.input("2023-03-06")
    [save] = [b for b in at.button if b.label == "Save correction"]
    save.click().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    fixed = _one(graph, "MATCH (m:Meeting {id: $id}) RETURN m.date AS date, m.corrected AS corrected", id=row["id"])
    assert (fixed["date"], fixed["corrected"]) == ("2023-03-06", ["date"])
    # the page shows the rebuilt meeting, marked as corrected
    shown = _markdown(at).replace("\\", "")
    assert "Corrected by an analyst:** date" in shown and "When:** 2023-03-06 (day)" in shown
    # a bad date is refused with what to write instead, and changes nothing
    [date] = [t for t in at.text_input if t.label.startswith("Date (")]
    date.input("6 March")
    [save] = [b for b in at.button if b.label == "Save correction"]
    save.click().run()
    assert any("YYYY-MM-DD" in e.value for e in at.error)
    assert _one(graph, "MATCH (m:Meeting {id: $id}) RETURN m.date AS d", id=row["id"])["d"] == "2023-03-06"
