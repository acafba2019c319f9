import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CORPUS, CORPUS_SIZE, ROOT

LIAISON = [str(Path(sys.executable).parent / "liaison")]


def run(*args, env=None, check=True):
    proc = subprocess.run(LIAISON + list(args), capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"{args} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def test_help_lists_the_commands():
    out = run("--help").stdout
    for cmd in ("neo4j", "load", "extract", "explore"):
        assert cmd in out


def test_extract_writes_one_json_per_article_in_the_evaluation_format(tmp_path):
    proc = run("extract", str(CORPUS), "--out", str(tmp_path))
    files = sorted(tmp_path.glob("*.json"))
    assert len(files) == CORPUS_SIZE, proc.stdout + proc.stderr
    for f in files:
        rec = json.loads(f.read_text(encoding="utf-8"))
        assert rec["doc"] == f.stem
        assert rec["language"] in {"vi", "fr", "en", "ko", "ja", "es", "de", "id", "ru", "zh", "th"}
        for e in rec["entities"]:
            assert e["type"] in {"Person", "Organization", "Country", "Place", "Agreement"}
            assert e["id"] and e["name"]
        for m in rec["meetings"]:
            assert m["kind"] in {"talks", "visit", "conference", "call", "signing"}
            names = {e["name"] for e in rec["entities"]}
            assert set(m["participants"]) <= names


@pytest.mark.neo4j
def test_load_command_reports_and_is_idempotent(graph, tmp_path):
    for name in ("d05.txt", "d15.txt", "000_ee7ef832ed78b025.txt"):
        (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00garbage")
    first = run("load", str(tmp_path))
    assert "articles read 4, loaded 3, unchanged 0, skipped 1" in first.stdout
    assert "bad.txt" in first.stderr and "binary" in first.stderr
    second = run("load", str(tmp_path))
    assert "loaded 0, unchanged 3" in second.stdout
    assert "nodes created 0, relationships created 0" in second.stdout


@pytest.mark.neo4j
def test_wrong_password_gives_a_message_not_a_traceback(neo4j_settings):
    env = dict(os.environ, NEO4J_PASSWORD="definitely-wrong-password")
    proc = run("load", str(CORPUS / "d01.txt"), env=env, check=False)
    assert proc.returncode == 1
    assert "refused the credentials" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_server_down_gives_a_message():
    env = dict(os.environ, NEO4J_URI="bolt://127.0.0.1:1", NEO4J_PASSWORD="whatever-password")
    proc = run("load", str(CORPUS / "d01.txt"), env=env, check=False)
    assert proc.returncode == 1
    assert "Cannot reach Neo4j" in proc.stderr and "liaison neo4j start" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.neo4j
def test_neo4j_status_names_uri_and_version(neo4j_settings):
    env = dict(os.environ, LIAISON_NEO4J_INSTANCE="test")
    out = run("neo4j", "status", env=env).stdout
    assert "running" in out and neo4j_settings.uri in out and "5.26" in out


@pytest.mark.neo4j
def test_correct_command_changes_a_meeting_and_refuses_nonsense(graph, tmp_path):
    for name in ("d05.txt", "d15.txt"):
        (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    run("load", "--no-review", str(tmp_path))
    records, _, _ = graph.execute_query("MATCH (m:Meeting) WHERE m.sources = 2 RETURN m.id AS id")
    [mid] = [r["id"] for r in records]
    out = run("correct", mid, "--date", "2023-03-05", "--kind", "talks").stdout
    assert mid in out and "rebuilt" in out
    records, _, _ = graph.execute_query("MATCH (m:Meeting {id: $id}) RETURN m.date AS d, m.kind AS k", id=mid)
    assert (records[0]["d"], records[0]["k"]) == ("2023-03-05", "talks")
    bad = run("correct", mid, "--date", "5 March", check=False)
    assert bad.returncode == 1 and "YYYY-MM-DD" in bad.stderr and "Traceback" not in bad.stderr
    both = run("correct", mid, "--date", "2023", "--split", "d05", check=False)
    assert both.returncode == 2 and "--split" in both.stderr
    split = run("correct", mid, "--split", "d15")
    assert "2 meeting(s) rebuilt" in split.stdout


def test_console_command_runs_reads_and_refuses_in_one_line(corpus_graph):
    got = run("console", "MATCH (d:Document) WHERE d.name STARTS WITH $p RETURN d.name AS n ORDER BY n",
              "-p", "p=d0", "--format", "json")
    names = [r["n"] for r in json.loads(got.stdout)]
    assert len(names) == 9 and all(n.startswith("d0") for n in names) and names == sorted(names)
    proc = subprocess.run(LIAISON + ["console", "--format", "csv"], input="CALL db.labels() YIELD label RETURN label",
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0 and proc.stdout.splitlines()[0] == "label" and "Person" in proc.stdout
    refused = run("console", "LOAD/**/CSV FROM 'http://127.0.0.1:9/x' AS r RETURN r", check=False)
    assert refused.returncode == 3 and refused.stdout == ""
    assert len(refused.stderr.strip().splitlines()) == 1 and "LOAD CSV" in refused.stderr
    failed = run("console", "MATCH (n RETURN n", check=False)
    assert failed.returncode == 1 and "syntax" in failed.stderr.lower()
