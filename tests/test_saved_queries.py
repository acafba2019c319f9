"""Saved queries: every file loads, declares exactly the $parameters it uses, and runs on the corpus."""

from pathlib import Path

import pytest

from liaison import saved_queries as sq
from liaison.errors import QueryError

from .conftest import ROOT

CYPHER = ROOT / "cypher"
QUERIES = sq.load_all(CYPHER)
REQUIRED = {"meetings_between_countries", "person_timeline", "co_attendance", "topics_by_partner_country",
            "agreements_by_status", "shortest_path", "most_connected_actors", "first_last_contact",
            "meetings_by_place", "single_source_facts", "review_candidates"}


def test_catalogue_has_the_required_queries():
    assert len(QUERIES) >= 12
    assert REQUIRED <= set(QUERIES)
    for q in QUERIES.values():
        assert q.title and q.description, f"{q.slug} needs a title and a description"


@pytest.mark.parametrize("slug", sorted(QUERIES))
def test_declared_params_match_the_body(slug):
    q = QUERIES[slug]
    declared = [p.name for p in q.params]
    assert len(declared) == len(set(declared)), f"{slug} declares a parameter twice"
    used = sq.referenced_params(q.text)
    assert set(declared) - used == set(), f"{slug} declares parameters its body does not use"
    assert used - set(declared) == set(), f"{slug} uses $parameters it does not declare"
    q.defaults()  # every default coerces to its type


@pytest.mark.neo4j
@pytest.mark.parametrize("slug", sorted(QUERIES))
def test_every_query_runs_on_the_corpus_with_its_defaults(corpus_graph, slug):
    import neo4j

    q = QUERIES[slug]
    records, summary, keys = corpus_graph.execute_query(q.text, q.defaults(), database_="neo4j",
                                                        routing_=neo4j.RoutingControl.READ)
    assert keys, f"{slug} returns no columns"
    assert summary.query_type == "r", f"{slug} must be read only"


@pytest.mark.neo4j
def test_the_flagship_queries_find_something_in_the_corpus(corpus_graph):
    import neo4j

    for slug in ("most_connected_actors", "co_attendance", "meetings_by_place", "single_source_facts"):
        q = QUERIES[slug]
        records, _, _ = corpus_graph.execute_query(q.text, q.defaults(), database_="neo4j",
                                                   routing_=neo4j.RoutingControl.READ)
        assert records, f"{slug} found nothing in the corpus"


def test_parameters_in_strings_and_comments_are_not_parameters():
    text = "MATCH (n {name: '$nope'}) // $neither\nWHERE n.x = $yes /* $no */ RETURN `$col`, $`odd name`"
    assert sq.referenced_params(text) == {"yes", "odd name"}


@pytest.mark.parametrize("type_, raw, value", [
    ("string", "Tô Lâm", "Tô Lâm"), ("int", " 12 ", 12), ("float", "0.5", 0.5), ("bool", "yes", True),
    ("bool", "false", False), ("date", "2024-09", "2024-09"), ("list", "a, b,,c", ["a", "b", "c"]),
])
def test_coerce(type_, raw, value):
    assert sq.coerce(sq.Param("x", type_), raw) == value


@pytest.mark.parametrize("type_, raw", [("int", "ten"), ("float", "x"), ("bool", "maybe"), ("date", "28/09/2024")])
def test_coerce_refuses_bad_values_naming_the_parameter(type_, raw):
    with pytest.raises(QueryError, match="Parameter x expects"):
        sq.coerce(sq.Param("x", type_), raw)


def test_unknown_parameters_are_refused():
    q = QUERIES["person_timeline"]
    with pytest.raises(QueryError, match="unknown parameter"):
        q.values({"persn": "x"})


def test_header_parsing_and_bad_headers(tmp_path: Path):
    (tmp_path / "ok.cypher").write_text("// title: T\n// description: one\n// description: two\n"
                                        "// param: n int 5\n// param: s string two words\n\nRETURN $n, $s;\n")
    q = sq.load_all(tmp_path)["ok"]
    assert (q.title, q.description, q.text) == ("T", "one two", "RETURN $n, $s")
    assert q.defaults() == {"n": 5, "s": "two words"}
    (tmp_path / "bad.cypher").write_text("// param: n integer 5\nRETURN $n\n")
    with pytest.raises(QueryError, match="use one of"):
        sq.load_all(tmp_path)


@pytest.mark.parametrize("slug", ["../evil", "a/b", "", "UPPER", ".hidden", "x" * 65, "con sole"])
def test_save_guards_file_names(tmp_path, slug):
    with pytest.raises(QueryError):
        sq.save(slug, "t", "d", "RETURN 1", [], directory=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_save_writes_a_loadable_file_and_never_overwrites(tmp_path):
    path = sq.save("my_query", "My query", "multi\nline", "MATCH (n) WHERE n.x = $x RETURN n;",
                   [sq.Param("x", "int", "3")], directory=tmp_path)
    assert path == tmp_path / "my_query.cypher"
    q = sq.load_all(tmp_path)["my_query"]
    assert q.defaults() == {"x": 3} and q.description == "multi line"
    with pytest.raises(QueryError, match="already exists"):
        sq.save("my_query", "again", "", "RETURN 1", [], directory=tmp_path)
    with pytest.raises(QueryError, match="do not match"):
        sq.save("other", "t", "", "RETURN $y", [], directory=tmp_path)


@pytest.mark.neo4j
def test_cli_runs_a_saved_query(corpus_graph, neo4j_settings):
    import json

    from click.testing import CliRunner

    from liaison.cli import main

    runner = CliRunner()
    listed = runner.invoke(main, ["query", "--list"])
    assert listed.exit_code == 0 and "meetings_between_countries" in listed.output
    out = runner.invoke(main, ["query", "most_connected_actors", "--param", "limit=3", "--format", "json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    assert 1 <= len(rows) <= 3 and "actor" in rows[0]
    csv_out = runner.invoke(main, ["query", "most_connected_actors", "-p", "limit=2", "--format", "csv"])
    assert csv_out.output.splitlines()[0].startswith("actor,type,meetings")
    bad = runner.invoke(main, ["query", "most_connected_actors", "-p", "limit=many"])
    assert bad.exit_code == 1 and "expects int" in bad.output
    missing = runner.invoke(main, ["query", "no_such_query"])
    assert missing.exit_code == 1 and "--list" in missing.output
