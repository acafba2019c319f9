"""Extraction off the loading process: a local process pool and a Dask cluster give the graph an in-process load gives."""

import os
import subprocess
import sys

import pytest

from loaders.executors import executor_for
from loaders.pipeline import load_paths
from loaders.read import iter_paths

from .conftest import CORPUS, ROOT, wipe
from .test_batches import signature

pytestmark = pytest.mark.neo4j

#: A few articles in every corpus language.
SAMPLE = [p for p in iter_paths([CORPUS]) if p.stem in ("d01", "d05", "d10", "d13", "d18", "002_5cd41e3acd8bf38e")]


@pytest.fixture(scope="module")
def in_process(driver, neo4j_settings):
    wipe(driver)
    report = load_paths(driver, neo4j_settings.database, SAMPLE)
    assert report.loaded == len(SAMPLE) == 6
    return signature(driver)


def test_a_local_process_pool_loads_the_same_graph(graph, neo4j_settings, in_process):
    with executor_for(workers=2) as pool:
        assert pool is not None
        report = load_paths(graph, neo4j_settings.database, SAMPLE, executor=pool)
    assert report.loaded == 6 and not report.skipped
    assert signature(graph) == in_process


def test_a_dask_cluster_loads_the_same_graph_through_the_cli(graph, neo4j_settings, in_process):
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as cluster:
        out = subprocess.run(
            [sys.executable, "-m", "liaison.cli", "load", *map(str, SAMPLE), "--scheduler",
             cluster.scheduler_address],
            capture_output=True, text=True, cwd=ROOT, env=os.environ.copy(), timeout=600)
        assert out.returncode == 0, out.stderr
        # the extraction ran on the cluster's workers: they hold the spaCy pipelines now
        with Client(cluster) as client:
            built = client.run(_pipelines_built)
        assert sum(built.values()) >= 1, built
    assert "loaded 6" in out.stdout
    assert signature(graph) == in_process


def _pipelines_built() -> int:
    extract = sys.modules.get("loaders.extract")
    return extract._nlp.cache_info().currsize if extract else 0


def test_an_unreachable_scheduler_is_a_clear_error(graph, tmp_path):
    (tmp_path / "d01.txt").write_bytes((CORPUS / "d01.txt").read_bytes())
    out = subprocess.run(
        [sys.executable, "-m", "liaison.cli", "load", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9"],
        capture_output=True, text=True, cwd=ROOT, env=os.environ.copy(), timeout=120)
    assert out.returncode == 1
    assert "Dask scheduler" in out.stderr and "dask scheduler" in out.stderr
