"""Speed and memory figures, printed and written, never asserted (timed tests are flaky).

Two benchmarks, both side by side in one run, because these machines are
shared and noisy and only ratios taken together mean much:

- `steps(paths)`: each step of the flow on real articles (read, detect
  language, extract + resolve), after a warm-up that loads the spaCy models.
- `scale(sizes)`: a synthetic corpus (loaders.synth: for speed and scale
  only, never for quality) loaded from scratch into a separate Neo4j
  instance ("bench"), slice by slice, with at each size: load rate,
  extraction-only rate with the same workers, the writer against a naive
  one-row-per-transaction loader on the same kind of articles, the review
  step, every explorer and saved query p50/p95, loader memory; at the end,
  `neo4j-admin database import` of the same graph as the offline ceiling,
  and a review accept on the entity with the most mentions.

`write_markdown` turns the figures into BENCHMARKS.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Figures:
    articles: int = 0
    words: int = 0
    chars: int = 0
    timings: dict = field(default_factory=dict)   # step -> seconds
    model_load_s: float = 0.0
    peak_rss_mb: float = 0.0
    write: dict = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = [f"articles {self.articles}, words {self.words:,}, characters {self.chars:,}"]
        out.append(f"{'step':<22}{'total s':>9}{'ms/article':>12}{'words/s':>11}")
        for step, secs in self.timings.items():
            per = 1000 * secs / max(self.articles, 1)
            wps = self.words / secs if secs else float("inf")
            out.append(f"{step:<22}{secs:>9.3f}{per:>12.1f}{wps:>11,.0f}")
        out.append(f"model load (first article, warm-up): {self.model_load_s:.2f} s")
        for k, v in self.write.items():
            out.append(f"{k}: {v}")
        out.append(f"peak RSS: {self.peak_rss_mb:.0f} MB")
        return out


def run(paths, rounds: int = 3, driver=None, database: str = "neo4j") -> Figures:
    """Per-step figures on real articles (`liaison bench --steps PATHS`)."""
    from loaders.extract import extract
    from loaders.language import detect_language
    from loaders.pipeline import choose_language
    from loaders.read import iter_paths, read_article
    from loaders.resolve import assign_ids

    files = list(iter_paths(paths))
    fig = Figures()
    t = time.perf_counter()
    articles = [read_article(p) for p in files for _ in range(rounds)]
    fig.timings["read"] = (time.perf_counter() - t) / rounds
    articles = articles[::rounds]
    fig.articles = len(articles)
    fig.words = sum(len(a.body.split()) for a in articles)
    fig.chars = sum(len(a.body) for a in articles)

    t = time.perf_counter()
    for _ in range(rounds):
        langs = [detect_language(a.body) for a in articles]
    fig.timings["detect language"] = (time.perf_counter() - t) / rounds

    # Warm-up: load every language's pipeline once, and time it separately.
    t = time.perf_counter()
    seen = set()
    for a, lang in zip(articles, langs):
        if lang not in seen:
            seen.add(lang)
            extract(a, choose_language(a))
    fig.model_load_s = time.perf_counter() - t

    t = time.perf_counter()
    for _ in range(rounds):
        for a in articles:
            ex = extract(a, choose_language(a))
            assign_ids(ex)
    fig.timings["extract + resolve"] = (time.perf_counter() - t) / rounds

    if driver is not None:
        from loaders.pipeline import load_paths

        report = load_paths(driver, database, files, force=True)
        fig.write = {
            "load --force (read+extract+write)": f"{report.seconds:.2f} s for {report.loaded} articles "
                                                 f"({report.loaded / report.seconds:.1f} articles/s)",
            "of which write": f"{report.write_seconds:.2f} s, review {report.review_seconds:.2f} s",
        }
    fig.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return fig


# --------------------------------------------------------------------------- scale


def _rss_mb(pid: int | str = "self") -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _children_rss_mb() -> float:
    """Resident memory of this process's children (the extraction workers), summed."""
    total = 0.0
    me = str(os.getpid())
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == me:
            total += _rss_mb(stat.parent.name)
    return total


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


#: Articles the extraction-only rate is measured on (after a warm-up): fewer
#: are dominated by the workers' first tasks and the machine's noise.
EXTRACT_SAMPLE = 2000


def _extract_rate(files, executor, warm: int = 64) -> float:
    """Articles/s of read + extract + resolve alone, with the executor the load uses.

    The first `warm` articles run untimed: each worker's first tasks load what
    the pipelines load lazily."""
    from loaders.pipeline import _extracted
    from loaders.read import read_article

    files = list(files)
    warm = min(warm, len(files) // 4)
    for _ in _extracted((read_article(p) for p in files[:warm]), executor):
        pass
    t = time.perf_counter()
    n = sum(1 for _ in _extracted((read_article(p) for p in files[warm:]), executor))
    return n / (time.perf_counter() - t)


# The naive loader's own statements for documents, sentences and mentions (a
# MERGE per row), fixed here so the baseline does not move when the writer does.
_NAIVE_DOC = "UNWIND $rows AS row MERGE (d:Document {id: row.id}) SET d += row.props"
_NAIVE_SENTENCE = """
UNWIND $rows AS row
MATCH (d:Document {id: row.doc})
MERGE (s:Sentence {id: row.id})
SET s.index = row.index, s.start = row.start, s.end = row.end, s.text = row.text
MERGE (s)-[:PART_OF]->(d)
"""
_NAIVE_AFFILIATION = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person})
MATCH (t:Entity {id: row.target})
MERGE (p)-[r:AFFILIATED_WITH {doc: row.doc}]->(t)
SET r.title = row.title, r.as_of = row.as_of
"""
_NAIVE_MENTION = """
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity})
MATCH (s:Sentence {id: row.sentence})
MERGE (e)-[r:MENTIONED_IN {start: row.start}]->(s)
SET r.end = row.end, r.text = row.text
"""


def _naive_write(driver, database, pending) -> None:
    """The baseline: a MERGE per row, one row per auto-commit transaction."""
    from loaders import write as W
    from loaders.events import merged

    def one(query, **params):
        driver.execute_query(query, params, database_=database)

    for p in pending:
        r = p.rows
        one(_NAIVE_DOC, rows=[{"id": r["doc"]["id"], "props": r["doc"]["props"]}])
        for row in r["sentences"]:
            one(_NAIVE_SENTENCE, rows=[{k: v for k, v in row.items() if k != "mentions"}])
        for label in W.ENTITY_LABELS:
            for row in r["entities"][label]:
                one(W.Q_ENTITIES[label], rows=[{**row, "display": row["props"]["name"]}],
                    max_text=W.MAX_INDEXED_TEXT)
        for key, query in (("mentions", _NAIVE_MENTION), ("affiliations", _NAIVE_AFFILIATION),
                           ("org_countries", W.Q_ORG_COUNTRIES)):
            for row in r[key]:
                one(query, rows=[row])
        # each report its own Meeting: no resolution of events across articles
        for row in r["reports"]:
            one(W.Q_MEETINGS, rows=[merged([row])])


def _writer_vs_naive(driver, database, holdout, sample: int) -> dict:
    """ms/article of the batched writer and of the naive loader, on disjoint fresh articles, side by side."""
    from loaders.pipeline import BATCH_ROWS, extract_article
    from loaders.read import read_article
    from loaders.write import Pending, write_batch

    items = [Pending(a, extract_article(a)) for a in (read_article(p) for p in holdout[: 2 * sample])]
    naive_items, batch_items = items[0::2], items[1::2]
    t = time.perf_counter()
    _naive_write(driver, database, naive_items)
    naive = (time.perf_counter() - t) / max(len(naive_items), 1)
    t = time.perf_counter()
    rows = 0
    chunk: list = []
    for p in batch_items:
        chunk.append(p)
        rows += p.size
        if rows >= BATCH_ROWS:
            write_batch(driver, database, chunk)
            chunk, rows = [], 0
    write_batch(driver, database, chunk)
    batched = (time.perf_counter() - t) / max(len(batch_items), 1)
    return {"articles": len(items), "naive_ms": 1000 * naive, "writer_ms": 1000 * batched,
            "ratio": naive / batched if batched else 0.0}


def _accept_hub(driver, database) -> dict:
    """Time a review accept merging a small person into the person with the most mentions."""
    from loaders.pipeline import decide
    from loaders.review import Q_PROPOSE, candidate_id

    records, _, _ = driver.execute_query("""
        MATCH (p:Person)
        WITH p, COUNT { (p)-[:MENTIONED_IN]->() } AS mentions
        ORDER BY mentions DESC LIMIT 1
        MATCH (q:Person) WHERE q <> p AND COUNT { (q)-[:MENTIONED_IN]->() } > 0
        WITH p, mentions, q LIMIT 1
        RETURN p.id AS hub, p.name AS hub_name, mentions, q.id AS other, q.name AS other_name,
               COUNT { (q)-[:MENTIONED_IN]->() } AS other_mentions""", database_=database)
    if not records:
        return {}
    r = records[0]
    cid = candidate_id(r["hub"], r["other"])
    driver.execute_query(Q_PROPOSE, rows=[{"id": cid, "a": r["hub"], "b": r["other"], "a_name": r["hub_name"],
                                           "b_name": r["other_name"], "type": "Person", "score": 1.0,
                                           "reason": "benchmark"}], database_=database)
    t = time.perf_counter()
    decide(driver, database, cid, "accept")
    return {"seconds": time.perf_counter() - t, "mentions": r["mentions"] + r["other_mentions"]}


def _query_figures(driver, database, repeat: int) -> dict:
    from .query_bench import query_timings

    return query_timings(driver, database, runs=repeat)


def scale(sizes: list[int], work_dir: Path, seed: int = 7, workers: int | None = None,
          slice_size: int | None = None, repeat: int = 20, log=print, sample: int = 100,
          checkpoint=None) -> dict:
    """Load a synthetic corpus of max(sizes) articles from scratch; figures at every size.

    `checkpoint(figures)` is called whenever a size is done, so a long run that
    fails late keeps what it measured.
    """
    checkpoint = checkpoint or (lambda _fig: None)
    from loaders.executors import executor_for
    from loaders.pipeline import load_paths

    from .bench_import import export_csv, import_ceiling
    from .bench_server import bench_server

    sizes = sorted(sizes)
    total = sizes[-1]
    files, holdout, fresh_at = _synthetic(sizes, work_dir, seed, sample, log)
    workers = (os.cpu_count() or 1) if workers is None else workers
    slice_size = slice_size or max(min(sizes[0], 10_000) // 2, 500)
    out: dict = {"sizes": sizes, "workers": workers, "slice": slice_size, "seed": seed,
                 "machine": {"cpus": os.cpu_count()}, "slices": [], "at": {}}
    with bench_server(work_dir, log=log, fresh=True) as (driver, database, server), \
            executor_for(workers) as executor:
        out["extract_only_rate"] = _extract_rate(files[: min(EXTRACT_SAMPLE, total)], executor)
        log(f"extraction only: {out['extract_only_rate']:.1f} articles/s with {workers} worker(s)")
        loaded = 0
        started = time.perf_counter()
        for i in range(0, total, slice_size):
            part = files[i:i + slice_size]
            report = load_paths(driver, database, part, executor=executor)
            loaded += report.loaded
            row = {"from": i, "to": i + len(part), "seconds": report.seconds, "rate": report.rate,
                   "write_s": report.write_seconds, "review_s": report.review_seconds,
                   "transactions": report.transactions, "skipped": len(report.skipped),
                   "rss_mb": _rss_mb(), "peak_mb": _peak_mb(), "workers_rss_mb": _children_rss_mb()}
            out["slices"].append(row)
            log(f"{row['to']:>8,} articles: {row['rate']:.1f} articles/s, write {row['write_s']:.1f} s, "
                f"review {row['review_s']:.1f} s, RSS {row['rss_mb']:.0f} MB")
            if row["to"] in sizes:
                at = {"articles": row["to"], "load_seconds": time.perf_counter() - started,
                      "peak_mb": _peak_mb(), "workers_rss_mb": row["workers_rss_mb"],
                      "extract_only_rate": _extract_rate(fresh_at[row["to"]], executor),
                      "load_rate": row["rate"],
                      "review_per_1000_s": 1000 * row["review_s"] / max(len(part), 1)}
                counts, _, _ = driver.execute_query(
                    "CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } "
                    "RETURN nodes, rels", database_=database)
                at["nodes"], at["relationships"] = counts[0]["nodes"], counts[0]["rels"]
                at["queries"] = _query_figures(driver, database, repeat)
                out["at"][str(row["to"])] = at
                checkpoint(out)
                log(f"at {row['to']:,}: queries measured; {at['nodes']:,} nodes, {at['relationships']:,} relationships")
        # The load alone: the measurements taken at each size (queries, extraction rate) are left out.
        out["total_load_seconds"] = sum(s["seconds"] for s in out["slices"])
        out["wall_seconds"] = time.perf_counter() - started
        out["total_write_seconds"] = sum(s["write_s"] for s in out["slices"])
        out["writer_vs_naive"] = _writer_vs_naive(driver, database, holdout, sample // 2)
        log(f"writer vs naive: {out['writer_vs_naive']['ratio']:.1f}x")
        out["accept_hub"] = _accept_hub(driver, database)
        checkpoint(out)
        csv_dir = work_dir / "import-csv"
        t = time.perf_counter()
        exported = export_csv(driver, database, csv_dir)
        out["export_seconds"] = time.perf_counter() - t
    try:
        out["import"] = import_ceiling(csv_dir, server.state_dir, log=log)
        out["import"]["exported"] = {k: exported[k] for k in ("nodes", "relationships", "bytes") if k in exported}
        log(f"neo4j-admin import of the same graph: {out['import']['seconds']:.1f} s")
    except Exception as exc:  # noqa: BLE001 - the ceiling is one figure among many; keep the others
        out["import"] = {"error": f"{type(exc).__name__}: {str(exc)[:500]}"}
        log(f"neo4j-admin import failed: {out['import']['error']}")
    checkpoint(out)
    return out



def _synthetic(sizes: list[int], work_dir: Path, seed: int, sample: int, log) -> tuple[list, list, dict]:
    """The synthetic corpus of a benchmark: the load's articles, a holdout for the writer against
    the naive loader, and per size a fresh sample for extraction alone (texts no worker has seen:
    its name and token caches warm, as in the load, but not on these very texts)."""
    from loaders import synth as synth_module
    from loaders.read import iter_paths

    total, holdout_n = sizes[-1], 2 * sample
    n = total + holdout_n + EXTRACT_SAMPLE * len(sizes)
    # the generator's own hash in the name: a changed generator never reuses an old corpus
    made_by = hashlib.sha256(Path(synth_module.__file__).read_bytes()).hexdigest()[:8]
    corpus = work_dir / f"synth-{n}-{seed}-{made_by}"
    if not (corpus / "SYNTHETIC.md").exists():
        log(f"generating {n:,} synthetic articles in {corpus} ...")
        synth_module.generate(n, seed, corpus)
    files = sorted(iter_paths([corpus]))
    files, holdout, fresh = files[:total], files[total:total + holdout_n], files[total + holdout_n:]
    return files, holdout, {size: fresh[i * EXTRACT_SAMPLE:(i + 1) * EXTRACT_SAMPLE] for i, size in enumerate(sizes)}


def bulk(sizes: list[int], work_dir: Path, seed: int = 7, workers: int | None = None, log=print,
         sample: int = 100) -> dict:
    """`liaison load --bulk` from scratch at each size, into a fresh bench instance, side by side
    with extraction alone on the same workers; at the largest size, the transactional writer and
    the naive loader on the bulk-built graph, and neo4j-admin import of the final graph (the ceiling)."""
    from loaders.executors import executor_for

    from .bench_import import export_csv, import_ceiling
    from .bench_server import bench_server
    from .db import get_driver
    from .first_load import bulk_load
    from .settings import STATE_DIR, Settings, local_password

    sizes = sorted(sizes)
    files, holdout, fresh_at = _synthetic(sizes, work_dir, seed, sample, log)
    workers = (os.cpu_count() or 1) if workers is None else workers
    out: dict = {"sizes": sizes, "workers": workers, "at": {}}
    password = local_password(STATE_DIR / "bench-password")
    for size in sizes:
        with bench_server(work_dir, log=log, fresh=True) as (driver, database, server), \
                executor_for(workers) as executor:
            extract_rate = _extract_rate(fresh_at[size], executor)
            settings = Settings(uri=server.uri, username="neo4j", password=password, database=database)
            log(f"bulk load of {size:,} articles (extraction only: {extract_rate:.1f} articles/s)...")
            report, plan = bulk_load(settings, server, files[:size], work_dir / "bulk", executor=executor, log=log)
            driver = get_driver(settings)     # the server restarted: bench_server's driver is closed
            counts, _, _ = driver.execute_query(
                "CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } "
                "RETURN nodes, rels", database_=database)
            at = {"articles": report.loaded, "seconds": report.seconds, "rate": report.loaded / report.seconds,
                  "extract_only_rate": extract_rate, "phases": plan.seconds, "write_seconds": report.write_seconds,
                  "skipped": len(report.skipped), "review_proposed": report.review_proposed,
                  "peak_mb": _peak_mb(), "workers_rss_mb": _children_rss_mb(),
                  "nodes": counts[0]["nodes"], "relationships": counts[0]["rels"]}
            log(f"{size:,} articles in {at['seconds']:.0f} s ({at['rate']:.1f} articles/s; "
                + ", ".join(f"{k} {v:.0f} s" for k, v in plan.seconds.items()) + ")")
            out["at"][str(size)] = at
            if size == sizes[-1]:
                # The ceiling first: the writers below add articles to the graph.
                csv_dir = work_dir / "import-csv-bulk"
                t = time.perf_counter()
                export_csv(driver, database, csv_dir)
                out["export_seconds"] = time.perf_counter() - t
                out["writer_vs_naive"] = _writer_vs_naive(driver, database, holdout, sample // 2)
                log(f"on the bulk-built graph, writer vs naive: {out['writer_vs_naive']['ratio']:.1f}x")
    try:
        out["import"] = import_ceiling(csv_dir, server.state_dir, log=log)
        log(f"neo4j-admin import of the same graph: {out['import']['seconds']:.1f} s")
    except Exception as exc:  # noqa: BLE001 - one figure among many; keep the others
        out["import"] = {"error": f"{type(exc).__name__}: {str(exc)[:500]}"}
    return out

def _rate(slices: list[dict]) -> float:
    """Articles/s over consecutive load slices."""
    return sum(s["to"] - s["from"] for s in slices) / sum(s["seconds"] for s in slices)


def _end_rates(slices: list[dict], n: int) -> tuple[int, float, float] | None:
    """(n, articles/s over the first n articles, over the last n), when the load had 2n or more."""
    if sum(s["to"] - s["from"] for s in slices) < 2 * n:
        return None
    size = max(slices[0]["to"] - slices[0]["from"], 1)
    k = max(n // size, 1)
    return k * size, _rate(slices[:k]), _rate(slices[-k:])


def _ms(q: dict) -> str:
    return f"{q['p50_ms']:.1f} / {q['p95_ms']:.1f}"


def write_markdown(fig: dict, path: Path, steps: Figures | None = None, command: str = "") -> str:
    sizes = [str(s) for s in fig["sizes"]]
    first, last = fig["slices"][0], fig["slices"][-1]
    lines = ["# Benchmarks", "",
             f"Produced by `{command or 'liaison bench'}` on {time.strftime('%Y-%m-%d')}, "
             f"on a machine with {fig['machine']['cpus']} cores shared with other work: read ratios, "
             "not absolute figures. Synthetic articles (`liaison synth`: real articles with names, countries and "
             "dates swapped) measure speed and scale only, never quality.", ""]
    step_lines = steps.lines() if steps is not None else fig.get("steps")
    if step_lines:
        lines += ["## Steps on the real corpus", "", "```", *step_lines, "```", ""]
    lines += ["## Load from scratch", "",
              f"Extraction on {fig['workers']} worker process(es); writes in batches of about 6,000 rows a "
              f"transaction; loaded in slices of {fig['slice']:,} articles. The load rate is that of the "
              "last slice before the size; extraction only is timed at that size on "
              f"{EXTRACT_SAMPLE:,} articles no worker has seen, with nothing written.", "",
              "| articles | graph nodes | graph relationships | load rate (articles/s) | extraction only "
              "(articles/s) | load / extraction | review per 1,000 articles | loader peak RSS |",
              "|---|---|---|---|---|---|---|---|"]
    for s in sizes:
        at = fig["at"][s]
        lines.append(f"| {int(s):,} | {at['nodes']:,} | {at['relationships']:,} | {at['load_rate']:.1f} | "
                     f"{at['extract_only_rate']:.1f} | {at['load_rate'] / at['extract_only_rate']:.0%} | "
                     f"{at['review_per_1000_s']:.2f} s | {at['peak_mb']:.0f} MB (+ workers "
                     f"{at['workers_rss_mb']:.0f} MB) |")
    half = len(fig["slices"]) // 2
    early, late = _rate(fig["slices"][:half]), _rate(fig["slices"][half:])
    ends = _end_rates(fig["slices"], 10_000)
    lines += ["", f"- Whole load: {fig['total_load_seconds'] / 60:.1f} min for {int(sizes[-1]):,} articles "
              f"({int(sizes[-1]) / fig['total_load_seconds']:.1f} articles/s; the measurements taken at each size "
              f"left out); writes (on their own thread, overlapping extraction) took "
              f"{fig['total_write_seconds'] / 60:.1f} min.",
              f"- First half of the load {early:.1f} articles/s, second half {late:.1f} articles/s "
              f"(second / first = {late / early:.0%}).",
              f"- First slice {first['rate']:.1f} articles/s, last slice {last['rate']:.1f} articles/s "
              f"(last / first = {last['rate'] / first['rate']:.0%}).",
              *([f"- First {ends[0]:,} articles {ends[1]:.1f} articles/s, last {ends[0]:,} {ends[2]:.1f} "
                 f"articles/s (last / first = {ends[2] / ends[1]:.0%})."] if ends else []),
              f"- Extraction only, before the load: {fig['extract_only_rate']:.1f} articles/s."]
    wn = fig["writer_vs_naive"]
    lines += ["", "## Writer against a naive loader", "",
              f"At {int(sizes[-1]):,} articles, on fresh synthetic articles (disjoint halves of the same sample, "
              f"{wn['articles']} in all): the naive loader writes a MERGE per row, one row per transaction.", "",
              "| loader | ms per article |", "|---|---|",
              f"| naive (one row per transaction) | {wn['naive_ms']:.1f} |",
              f"| batched writer | {wn['writer_ms']:.1f} |",
              f"| ratio | {wn['ratio']:.1f}× |"]
    imp = fig["import"]
    if "error" in imp:
        lines += ["", "## Offline ceiling: neo4j-admin database import", "", f"Failed: {imp['error']}"]
        imp = None
    if imp:
        lines += ["", "## Offline ceiling: neo4j-admin database import", "",
              f"The final graph ({imp.get('nodes', 0):,} nodes, {imp.get('relationships', 0):,} relationships) "
              f"exported to CSV ({fig['export_seconds']:.0f} s) and imported into an empty instance: "
              f"**{imp['seconds']:.1f} s**. Writing the same graph through the loader took "
              f"{fig['total_write_seconds']:.1f} s of write transactions "
              f"({fig['total_write_seconds'] / imp['seconds']:.1f}× the import) and "
              f"{fig['total_load_seconds']:.1f} s end to end with extraction "
              f"({fig['total_load_seconds'] / imp['seconds']:.1f}×)."]
    lines += _bulk_lines(fig.get("bulk"))
    acc = fig.get("accept_hub") or {}
    if acc:
        lines += ["", "## Review", "",
                  f"- Accepting a merge into the person with the most mentions ({acc['mentions']:,} mentions): "
                  f"{acc['seconds']:.2f} s, one transaction, no re-extraction."]
    lines += ["", "## Queries (p50 / p95 ms)", "",
              f"Each explorer query and saved query, {fig.get('repeat', 20)} runs after one warm-up, "
              "with sample parameters taken from the graph.", "",
              "| query | " + " | ".join(f"{int(s):,} articles" for s in sizes) + " |",
              "|---|" + "---|" * len(sizes)]
    names = sorted({q for s in sizes for q in fig["at"][s]["queries"]})
    for q in names:
        cells = [(_ms(fig["at"][s]["queries"][q]) if q in fig["at"][s]["queries"] else "–") for s in sizes]
        lines.append(f"| {q} | " + " | ".join(cells) + " |")
    worst = {s: max((v["p95_ms"] for v in fig["at"][s]["queries"].values()), default=0) for s in sizes}
    lines += ["", "Worst p95: " + ", ".join(f"{worst[s]:.1f} ms at {int(s):,}" for s in sizes) + "."]
    text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return text



def _bulk_lines(b: dict | None) -> list[str]:
    """BENCHMARKS.md's section on `liaison load --bulk` (see bulk())."""
    if not b:
        return []
    sizes = [str(x) for x in b["sizes"]]
    lines = ["", "## First load with `liaison load --bulk`", "",
             f"Produced by `{b.get('command', 'liaison bench --bulk')}`: each size loaded from scratch into a fresh "
             f"instance, extraction on {b['workers']} worker process(es) (extraction only timed just before, on "
             f"{EXTRACT_SAMPLE:,} articles no worker has seen). Extract is reading, extraction and the import files "
             "written as articles come; writes are the entities' file, `neo4j-admin database import`, and "
             "finishing the graph (constraints and indexes, the Meetings, the duplicate review).", "",
             "| articles | graph nodes | graph relationships | whole load | articles/s | extraction only (articles/s) "
             "| bulk / extraction | extract | import | finish | writes | loader peak RSS |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for x in sizes:
        at = b["at"][x]
        ph = at["phases"]
        lines.append(f"| {int(x):,} | {at['nodes']:,} | {at['relationships']:,} | {at['seconds'] / 60:.1f} min | "
                     f"{at['rate']:.1f} | {at['extract_only_rate']:.1f} | {at['rate'] / at['extract_only_rate']:.0%} | "
                     f"{ph.get('extract', 0):.0f} s | {ph.get('import', 0):.0f} s | {ph.get('finish', 0):.0f} s | "
                     f"{at['write_seconds']:.0f} s | {at['peak_mb']:.0f} MB |")
    last = b["at"][sizes[-1]]
    ph = last["phases"]
    lines += ["", f"- Finishing at {int(sizes[-1]):,}: " + ", ".join(
        f"{k} {ph[k]:.0f} s" for k in ("schema", "events", "meetings", "review") if k in ph) + "."]
    imp = b.get("import") or {}
    if imp and "error" not in imp:
        lines.append(f"- The same graph exported to CSV and imported into an empty instance, side by side: "
                     f"{imp['seconds']:.1f} s. The bulk load's writes took {last['write_seconds']:.0f} s, "
                     f"**{last['write_seconds'] / imp['seconds']:.1f}× the import**.")
    elif imp:
        lines.append(f"- neo4j-admin import of the same graph failed: {imp['error']}")
    wn = b.get("writer_vs_naive") or {}
    if wn:
        per = 1000 * last["write_seconds"] / last["articles"]
        lines.append(f"- Per article, on the bulk-built graph of {int(sizes[-1]):,}: the bulk load's writes "
                     f"{per:.1f} ms, the naive loader {wn['naive_ms']:.1f} ms (**{wn['naive_ms'] / per:.0f}×**), "
                     f"the transactional writer adding articles to it {wn['writer_ms']:.1f} ms "
                     f"({wn['ratio']:.1f}× the naive loader).")
    return lines


def save_json(fig: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(fig, indent=2, default=str) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- README summary

README_START, README_END = "<!-- bench -->", "<!-- /bench -->"


def summary(fig: dict) -> str:
    """The README's benchmark block, rendered from metrics/bench.json (tests/test_readme.py checks it)."""
    sizes = [str(s) for s in fig["sizes"]]
    last = sizes[-1]
    at = fig["at"][last]
    first, final = fig["slices"][0], fig["slices"][-1]
    wn = fig.get("writer_vs_naive") or {}
    imp = fig.get("import") or {}
    worst = {s: max((v["p95_ms"] for v in fig["at"][s]["queries"].values()), default=0) for s in sizes}
    ends = _end_rates(fig["slices"], 10_000)
    rows = [
        ("synthetic articles loaded from scratch", f"{int(last):,} in {fig['total_load_seconds'] / 60:.1f} min "
         f"({int(last) / fig['total_load_seconds']:.1f} articles/s) on {fig['workers']} extraction process(es)"),
        ("load rate, first slice → last slice", f"{first['rate']:.1f} → {final['rate']:.1f} articles/s "
         f"(slices of {fig['slice']:,})"),
        *([(f"load rate, first {ends[0]:,} → last {ends[0]:,} articles",
            f"{ends[1]:.1f} → {ends[2]:.1f} articles/s ({ends[2] / ends[1]:.0%})")] if ends else []),
        ("load rate / extraction-only rate, same workers", " · ".join(
            f"{fig['at'][s]['load_rate'] / fig['at'][s]['extract_only_rate']:.0%} at {int(s):,}" for s in sizes)),
        ("loader peak RSS", " · ".join(f"{fig['at'][s]['peak_mb']:.0f} MB at {int(s):,}" for s in sizes)),
        ("review step per 1,000 articles loaded", " · ".join(
            f"{fig['at'][s]['review_per_1000_s']:.1f} s at {int(s):,}" for s in sizes)),
    ]
    if wn:
        rows.append(("batched writer vs naive one-row-per-transaction loader",
                     f"{wn['ratio']:.1f}× faster ({wn['writer_ms']:.1f} vs {wn['naive_ms']:.0f} ms/article)"))
    if imp and "error" not in imp:
        rows.append(("loader's write transactions vs `neo4j-admin database import`",
                     f"{fig['total_write_seconds'] / imp['seconds']:.1f}× the import's {imp['seconds']:.0f} s"))
    acc = fig.get("accept_hub") or {}
    if acc:
        rows.append(("review accept into the most-mentioned person",
                     f"{acc['seconds']:.2f} s ({acc['mentions']:,} mentions)"))
    b = fig.get("bulk") or {}
    if b:
        x = str(b["sizes"][-1])
        at = b["at"][x]
        rows.append(("first load with `liaison load --bulk`",
                     f"{int(x):,} in {at['seconds'] / 60:.1f} min ({at['rate']:.1f} articles/s, "
                     f"{at['rate'] / at['extract_only_rate']:.0%} of extraction alone)"))
        imp = b.get("import") or {}
        if imp and "error" not in imp:
            rows.append(("bulk load's writes vs `neo4j-admin database import`",
                         f"{at['write_seconds'] / imp['seconds']:.1f}× the import's {imp['seconds']:.0f} s"))
    rows.append(("worst p95 of every explorer and saved query",
                 " · ".join(f"{worst[s]:.0f} ms at {int(s):,}" for s in sizes)))
    rows.append(("graph", f"{at['nodes']:,} nodes, {at['relationships']:,} relationships at {int(last):,}"))
    lines = [README_START, "", "| measure | figure |", "|---|---|", *[f"| {a} | {b} |" for a, b in rows], "",
             README_END]
    return "\n".join(lines)


def update_readme(readme: Path, fig: dict) -> bool:
    import re

    text = readme.read_text(encoding="utf-8")
    new = re.sub(re.escape(README_START) + r".*?" + re.escape(README_END), lambda _m: summary(fig), text,
                 flags=re.S)
    if new != text:
        readme.write_text(new, encoding="utf-8")
        return True
    return False
