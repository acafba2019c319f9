"""Batched writes: many articles a transaction give the graph one-at-a-time writes give; a bad article costs only itself."""

import shutil
from pathlib import Path

import pytest

from loaders.pipeline import extract_article, load_paths
from loaders.read import iter_paths, read_article
from loaders.version import extractor_version
from loaders.write import Pending, write_batch

from .conftest import CORPUS, CORPUS_SIZE, ROOT, counts, wipe

pytestmark = pytest.mark.neo4j


def signature(driver) -> tuple[list, list]:
    """Every node and relationship by ids and properties (list properties as sets)."""
    nodes, _, _ = driver.execute_query("MATCH (n) RETURN labels(n) AS l, properties(n) AS p")
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN coalesce(a.id, a.name) AS a, type(r) AS t, properties(r) AS p, "
        "coalesce(b.id, b.name) AS b")

    def norm(props):
        return sorted((k, sorted(map(str, v)) if isinstance(v, list) and k in ("names", "keys", "titles", "blocks", "country_ids")
                       else str(v)) for k, v in props.items() if k not in ("block_text", "search_text"))

    return (sorted((sorted(n["l"]), norm(n["p"])) for n in nodes),
            sorted((r["a"], r["t"], norm(r["p"]), r["b"]) for r in rels))


def test_one_transaction_per_article_and_batches_give_the_same_graph(graph, neo4j_settings):
    db = neo4j_settings.database
    one = load_paths(graph, db, [CORPUS], batch_rows=1)
    assert one.loaded == CORPUS_SIZE and one.transactions == CORPUS_SIZE
    by_article = signature(graph)
    wipe(graph)
    many = load_paths(graph, db, [CORPUS])
    assert many.loaded == CORPUS_SIZE and many.transactions < 5
    assert signature(graph) == by_article
    assert many.review_proposed == one.review_proposed > 0


def test_a_bad_article_in_a_batch_is_reported_and_the_others_land(graph, neo4j_settings):
    files = list(iter_paths([CORPUS]))[:6]
    items = []
    for path in files:
        article = read_article(path)
        items.append(Pending(article, extract_article(article)))
    victim = items[3]
    # A map is not a storable property value: the server rejects the batch midway.
    victim.rows["doc"]["props"]["title"] = {"not": "storable"}
    result = write_batch(graph, neo4j_settings.database, items)
    assert [p.article.name for p, _ in result.failed] == [victim.article.name]
    assert "rolled back" in result.failed[0][1]
    assert len(result.written) == 5
    records, _, _ = graph.execute_query("MATCH (d:Document) RETURN collect(d.name) AS names")
    assert sorted(records[0]["names"]) == sorted(p.article.name for p in items if p is not victim)
    # nothing of the failed article is in the graph
    records, _, _ = graph.execute_query("MATCH (s:Sentence) WHERE s.id STARTS WITH $doc RETURN count(s) AS n",
                                        doc=victim.article.id)
    assert records[0]["n"] == 0


def test_an_article_twice_in_one_load_is_written_once(graph, neo4j_settings, tmp_path):
    for name in ("a.txt", "b.txt"):
        shutil.copy(CORPUS / "d05.txt", tmp_path / name)
    report = load_paths(graph, neo4j_settings.database, [tmp_path])
    assert (report.loaded, report.unchanged) == (1, 1)
    records, _, _ = graph.execute_query("MATCH (d:Document) RETURN count(d) AS n")
    assert records[0]["n"] == 1


def test_the_extractor_version_follows_the_extraction_code_and_data(tmp_path):
    package = ROOT / "loaders"

    def copy(name):
        shutil.copytree(package, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        return tmp_path / name

    assert extractor_version(copy("same")) == extractor_version(package)
    # a changed data file is a new version...
    edited = copy("edited")
    titles = edited / "extract" / "lang" / "vi" / "pack.yaml"
    titles.write_text(titles.read_text(encoding="utf-8") + "\n# an analyst's edit\n", encoding="utf-8")
    assert extractor_version(edited) != extractor_version(package)
    # ...and code outside extraction is not
    other = copy("other")
    (other / "executors.py").write_text("# changed\n", encoding="utf-8")
    assert extractor_version(other) == extractor_version(package)


def test_a_changed_extractor_reextracts_only_stale_documents(graph, neo4j_settings):
    db = neo4j_settings.database
    load_paths(graph, db, [CORPUS])
    before = counts(graph)
    graph.execute_query("MATCH (d:Document) WHERE d.name IN ['d01', 'd02'] SET d.extractor = 'older'")
    report = load_paths(graph, db, [CORPUS])
    assert (report.loaded, report.unchanged) == (2, CORPUS_SIZE - 2)
    assert counts(graph) == before


def test_an_entity_with_very_many_names_still_takes_new_articles(graph, neo4j_settings):
    """Joined names past the text index's limit are cut, not refused: the entity keeps loading."""
    article = read_article(CORPUS / "d05.txt")
    ex = extract_article(article)
    person = next(e for e in ex.entities if e.type == "Person")
    person.aliases = [f"{person.name} {i:05d}" for i in range(4000)]   # about 80 kB joined
    result = write_batch(graph, neo4j_settings.database, [Pending(article, ex)])
    assert not result.failed and len(result.written) == 1
    records, _, _ = graph.execute_query("MATCH (e:Entity {id: $id}) RETURN size(e.names) AS n, "
                                        "size(e.search_text) AS chars", id=person.id)
    assert records[0]["n"] == 4001 and records[0]["chars"] <= 8000
