"""`liaison`: the thin command-line layer over the library.

Every library error (LiaisonError) becomes a one-line message and exit code 1;
nothing here holds logic the explorer or the tests would need.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import click

from loaders.model import MEETING_KINDS

from .errors import LiaisonError
from .settings import PROJECT_DIR, STATE_DIR, Settings


class LiaisonGroup(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except LiaisonError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=LiaisonGroup)
@click.version_option(package_name="liaison")
def main():
    """Liaison: turn articles about security cooperation into a Neo4j graph and explore it.

    Connection settings come from NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and
    NEO4J_DATABASE; without them, the local server managed by `liaison neo4j`.
    """


# --------------------------------------------------------------------------- neo4j


def local_server(settings: Settings | None = None):
    from .server import LocalServer

    settings = settings or Settings.from_env()
    port = urlparse(settings.uri).port or 7687
    name = os.environ.get("LIAISON_NEO4J_INSTANCE", "main")
    return LocalServer(state_dir=STATE_DIR, name=name, bolt_port=port)


@main.group()
def neo4j():
    """Manage the local Neo4j Community server (provisioned from Maven Central)."""


@neo4j.command()
@click.option("--timeout", default=180, show_default=True, help="Seconds to wait for the server to be ready.")
def start(timeout):
    """Provision (once) and start the local server; do nothing if it already runs."""
    settings = Settings.from_env()
    server = local_server(settings)
    t0 = time.perf_counter()
    server.provision(log=click.echo)
    status = server.start(settings.password, timeout=timeout, log=click.echo)
    click.echo(f"Neo4j {status.version} ready at {status.uri} (pid {status.pid}, "
               f"{time.perf_counter() - t0:.1f} s)")


@neo4j.command()
def stop():
    """Stop the local server."""
    was_running = local_server().stop()
    click.echo("Neo4j stopped." if was_running else "Neo4j was not running.")


@neo4j.command()
def status():
    """Print whether the local server runs, its URI and version."""
    st = local_server().status()
    state = "running" if st.running else "stopped"
    click.echo(f"{state}  uri={st.uri}  version={st.version or 'not provisioned'}  "
               f"pid={st.pid or '-'}  home={st.home}")
    if not st.running:
        sys.exit(3)


# --------------------------------------------------------------------------- load / extract


def _progress(items, label):
    # click draws the bar only on a terminal; piped, it prints the label once.
    return click.progressbar(items, label=label, show_pos=True, file=sys.stderr)


class _Rate:
    """Articles per second for the progress bar (over the whole run so far)."""

    def __init__(self):
        self.t0, self.n = time.perf_counter(), 0

    def __call__(self, _item):
        self.n += 1
        secs = time.perf_counter() - self.t0
        return f"{self.n / secs:,.1f} articles/s" if secs > 0 else ""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--force", is_flag=True, help="Re-extract and rewrite documents already in the graph.")
@click.option("--workers", type=int, default=None,
              help="Extraction processes on this machine (default: every core for loads of "
                   "300 articles or more, else 0 = in this process).")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Send extraction to a Dask cluster (e.g. tcp://10.0.0.5:8786); writes still go "
                   "through this process's driver to NEO4J_URI.")
@click.option("--batch-rows", type=int, default=None, show_default=True,
              help="Rows (sentences, entities, mentions, meetings...) per write transaction [default: 6000].")
@click.option("--no-review", is_flag=True, help="Skip the duplicate review of the loaded entities.")
@click.option("--bulk", is_flag=True,
              help="First load into an empty graph of the local server: build the store offline with "
                   "neo4j-admin import (the server is stopped and restarted), then finish it; the same "
                   "graph as a load, many times faster. Later loads add to it as usual.")
def load(paths, force, workers, scheduler, batch_rows, no_review, bulk):
    """Read, extract, resolve and write articles (files or folders) into Neo4j."""
    from loaders.executors import default_workers, executor_for
    from loaders.pipeline import BATCH_ROWS, load_paths
    from loaders.read import iter_paths

    from .db import get_driver

    settings = Settings.from_env()
    driver = get_driver(settings)
    files = list(iter_paths(paths))
    workers = default_workers(len(files)) if workers is None else workers
    server = local_server(settings) if bulk else None
    if bulk:
        from .first_load import check_target

        check_target(settings, server)     # before any extraction
    with executor_for(workers, scheduler) as executor, \
            click.progressbar(length=len(files), label="Extracting" if bulk else "Loading", show_pos=True,
                              show_eta=True, item_show_func=_Rate(), file=sys.stderr) as bar:
        if bulk:
            from .first_load import bulk_load

            report, plan = bulk_load(settings, server, files, STATE_DIR / "bulk",
                                     executor=executor, progress=lambda p: bar.update(1, p),
                                     review=not no_review, log=lambda m: click.echo(m, err=True))
        else:
            report = load_paths(driver, settings.database, files, force=force, executor=executor,
                                batch_rows=batch_rows or BATCH_ROWS, review=not no_review,
                                progress=lambda p: bar.update(1, p))
    if bulk and report.loaded:
        click.echo("bulk load: " + ", ".join(f"{k} {v:.1f} s" for k, v in plan.seconds.items()))
    click.echo(
        f"articles read {report.read}, loaded {report.loaded}, unchanged {report.unchanged}, "
        f"skipped {len(report.skipped)} in {report.seconds:.1f} s"
        + (f" ({report.rate:.1f} articles/s, {report.transactions} transactions)" if report.loaded else "")
    )
    click.echo(
        f"nodes created {report.nodes_created}, relationships created {report.relationships_created}"
        + (f", nodes deleted {report.nodes_deleted}, relationships deleted {report.relationships_deleted}"
           if report.nodes_deleted or report.relationships_deleted else "")
    )
    if report.review_proposed:
        click.echo(f"{report.review_proposed} possible duplicate(s) to review: `liaison review`")
    for s in report.skipped:
        click.echo(f"skipped {s.path}: {s.reason}", err=True)
    if report.skipped and not (report.loaded or report.unchanged):
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for one JSON file per article (shared/eval/FORMAT.md).")
def extract(paths, out_dir):
    """Extract articles to JSON files without touching the database.

    Meetings carry the ids a graph holding exactly these articles would give
    them: reports of one encounter in several articles share one id."""
    from loaders.pipeline import extract_to_dir
    from loaders.read import iter_paths

    skipped = []
    files = list(iter_paths(paths))
    with _progress(files, "Extracting") as bar:
        n = extract_to_dir(files, out_dir, on_error=skipped.append, progress=lambda: bar.update(1))
    click.echo(f"wrote {n} file(s) to {out_dir}; skipped {len(skipped)}")
    for s in skipped:
        click.echo(f"skipped {s.path}: {s.reason}", err=True)


def _sizes(_ctx, _param, value):
    try:
        sizes = sorted({int(v.replace("_", "").replace(",", "")) for v in value.split("/") if v.strip()})
    except ValueError:
        raise click.BadParameter("give article counts separated by '/', e.g. 10000/100000") from None
    if not sizes or sizes[0] <= 0:
        raise click.BadParameter("give positive article counts, e.g. 10000/100000")
    return sizes


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--sizes", default="10000/100000", show_default=True, callback=_sizes,
              help="Graph sizes (synthetic articles, '/'-separated) at which to take the figures.")
@click.option("--steps-only", is_flag=True, help="Only the per-step figures on PATHS (no Neo4j, no synthetic load).")
@click.option("--rounds", default=3, show_default=True, help="Repeat each step and report the mean.")
@click.option("--workers", type=int, default=None, help="Extraction processes (default: every core).")
@click.option("--slice", "slice_size", type=int, default=None,
              help="Articles per load call (figures per slice) [default: half the smallest size, at most 5,000].")
@click.option("--repeat", default=20, show_default=True, help="Runs of each query for p50/p95.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=Path("BENCHMARKS.md"),
              show_default=True, help="Markdown report.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("metrics/bench.json"), show_default=True, help="Figures as JSON.")
@click.option("--work-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where the synthetic corpus and CSV exports go [default: .bench/].")
@click.option("--bulk", is_flag=True,
              help="Measure `liaison load --bulk` from scratch at each of --sizes instead, and add its "
                   "figures to those of the last transactional run (in --json) and to the report.")
def bench(paths, sizes, steps_only, rounds, workers, slice_size, repeat, out, json_out, work_dir, bulk):
    """Measure speed and memory: steps on PATHS, then a synthetic load at each of --sizes.

    The load runs against a separate local Neo4j instance ("bench", port
    LIAISON_BENCH_BOLT_PORT or 7689), never the analyst's graph. Figures go
    to BENCHMARKS.md and metrics/bench.json; nothing is asserted.
    """
    from . import bench as benchmark

    steps = benchmark.run(paths or [PROJECT_DIR / "corpus"], rounds=rounds)
    for line in steps.lines():
        click.echo(line)
    if steps_only:
        return
    work_dir = work_dir or PROJECT_DIR / ".bench"
    work_dir.mkdir(parents=True, exist_ok=True)
    if bulk:
        try:
            fig = json.loads(json_out.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise click.ClickException(f"{json_out} holds no transactional run to add the bulk figures to: "
                                       "run `liaison bench` first.") from None
        fig["bulk"] = benchmark.bulk(sizes, work_dir, workers=workers, log=lambda m: click.echo(m, err=True))
        fig["bulk"]["command"] = "liaison bench --bulk --sizes " + "/".join(map(str, sizes))
        benchmark.save_json(fig, json_out)
        benchmark.write_markdown(fig, out, command=fig.get("command", ""))
        click.echo(f"wrote {out} and {json_out}")
        if out.resolve() == (PROJECT_DIR / "BENCHMARKS.md").resolve() and \
                benchmark.update_readme(PROJECT_DIR / "README.md", fig):
            click.echo("README.md benchmark summary updated")
        return
    fig = benchmark.scale(sizes, work_dir, workers=workers, slice_size=slice_size, repeat=repeat,
                          log=lambda m: click.echo(m, err=True),
                          checkpoint=lambda f: benchmark.save_json({**f, "repeat": repeat}, json_out))
    fig["repeat"] = repeat
    fig["steps"] = steps.lines()
    command = "liaison bench --sizes " + "/".join(map(str, sizes))
    fig["command"] = command
    try:     # a bulk run's figures stay until the next bulk run
        fig.setdefault("bulk", json.loads(json_out.read_text(encoding="utf-8"))["bulk"])
    except (OSError, ValueError, KeyError):
        pass
    benchmark.save_json(fig, json_out)
    benchmark.write_markdown(fig, out, steps=steps, command=command)
    click.echo(f"wrote {out} and {json_out}")
    readme = PROJECT_DIR / "README.md"
    if out.resolve() == (PROJECT_DIR / "BENCHMARKS.md").resolve() and benchmark.update_readme(readme, fig):
        click.echo("README.md benchmark summary updated")


@main.command()
@click.option("--articles", "n", required=True, type=click.IntRange(min=1), help="How many articles to write.")
@click.option("--seed", default=1, show_default=True, help="Same seed and count, byte-identical files.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="New or empty folder (or an earlier synthetic corpus, replaced) for the articles and SYNTHETIC.md.")
def synth(n, seed, out_dir):
    """Write a synthetic multilingual corpus, for speed and scale benchmarks only.

    The real articles in corpus/ with people, countries and years swapped;
    every file says `synthetic: true`. Never use it for quality scores.
    """
    from loaders.synth import generate

    with _progress(range(n), "Generating") as bar:
        report = generate(n, seed, out_dir, progress=bar.update)
    langs = ", ".join(f"{k} {v}" for k, v in sorted(report.by_language.items()))
    click.echo(f"wrote {report.articles} synthetic article(s) to {out_dir} in {report.seconds:.1f} s "
               f"({report.rate:,.0f} articles/s; seed templates {report.template_seconds:.1f} s)")
    click.echo(f"languages: {langs}; people {len(report.people)}, countries {len(report.countries)}, "
               f"years {report.years[0]}-{report.years[1]}")


@main.group(invoke_without_command=True)
@click.option("--all", "show_all", is_flag=True, help="List decided candidates too.")
@click.option("--meetings", is_flag=True,
              help="Pairs of meeting reports that may be one encounter; `review same|different ID` decides one.")
@click.pass_context
def review(ctx, show_all, meetings):
    """List possible duplicate entities; `review accept|reject ID` decides one.

    Resolution merges only what it is sure of; the rest waits here. Decisions
    are kept across reloads.
    """
    if ctx.invoked_subcommand:
        return
    from loaders.review import list_candidates

    from .db import get_driver

    settings = Settings.from_env()
    if meetings:
        _list_meeting_candidates(get_driver(settings), settings.database, show_all)
        return
    rows = list_candidates(get_driver(settings), settings.database, None if show_all else "pending")
    if not rows:
        click.echo("Nothing to review." if not show_all else "No review candidates.")
        return
    for c in rows:
        click.echo(f"{c.id}  {c.status:<8} {c.type:<12} {c.score:.2f}  {c.a_name!r} ~ {c.b_name!r}  ({c.reason})")


def _decide(candidate_id, decision):
    from loaders.pipeline import decide

    from .db import get_driver

    settings = Settings.from_env()
    decide(get_driver(settings), settings.database, candidate_id, decision)
    click.echo(f"{candidate_id}: {decision}ed")


@review.command("accept")
@click.argument("candidate_id")
def review_accept(candidate_id):
    """Record that the two entities are the same; they are merged into one node at once (one transaction)."""
    _decide(candidate_id, "accept")


@review.command("reject")
@click.argument("candidate_id")
def review_reject(candidate_id):
    """Record that the two entities are different; never proposed again."""
    _decide(candidate_id, "reject")


def _list_meeting_candidates(driver, database, show_all):
    from loaders.event_review import list_meeting_candidates

    found = [c for status in (("pending", "same", "different") if show_all else ("pending",))
             for c in list_meeting_candidates(driver, database, status)]
    if not found:
        click.echo("No meeting pairs to review." if not show_all else "No meeting review candidates.")
        return
    for c in found:
        click.echo(f"{c.id}  {c.status:<9} {c.score:.2f}" + ("  (one meeting now)" if c.together else ""))
        for r in c.reports:
            names = ", ".join(p["name"] for p in r["participants"])
            click.echo(f"    {r['doc_name']} [{r['language']}] {r['date'] or 'undated'} {r['kind']}"
                       f" {r['place'] or ''}: {names}")
            for s in r["evidence"][:1]:
                click.echo(f"      \u201c{s['text'][:160]}\u201d")


def _decide_meetings(candidate_id, decision):
    from loaders.event_review import decide_meetings

    from .db import get_driver

    settings = Settings.from_env()
    n = decide_meetings(get_driver(settings), settings.database, candidate_id, decision)
    click.echo(f"{candidate_id}: {decision}; {n} meeting(s) rebuilt")


@review.command("same")
@click.argument("candidate_id")
def review_same(candidate_id):
    """Record that two meeting reports are one encounter: their Meetings become one, on every later load too."""
    _decide_meetings(candidate_id, "same")


@review.command("different")
@click.argument("candidate_id")
def review_different(candidate_id):
    """Record that two meeting reports are different encounters: never merged, whatever the rules say."""
    _decide_meetings(candidate_id, "different")


@main.command()
@click.argument("meeting_id")
@click.option("--date", help="The date it took place: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--kind", type=click.Choice(MEETING_KINDS), help="What kind of meeting it was.")
@click.option("--place", help="Where (a city the graph or GeoNames knows is linked as a Place).")
@click.option("--add", "add", multiple=True, metavar="ID[=ROLE]",
              help="A person or organisation who took part (role host, guest or participant; default participant).")
@click.option("--remove", multiple=True, metavar="ID", help="Someone listed who did not take part.")
@click.option("--split", "split_doc", metavar="DOC", help="Take this article's report out of the meeting.")
@click.option("--merge", "merge_with", metavar="MEETING_ID", help="Make it one meeting with this one.")
def correct(meeting_id, date, kind, place, add, remove, split_doc, merge_with):
    """Correct a meeting in place: its facts, or which reports it is made of.

    Corrections are decisions kept in the graph and applied on every later
    load; the meeting shows which fields an analyst corrected.
    """
    from loaders.event_review import correct_meeting, merge_meetings, split_report

    from .db import get_driver

    settings = Settings.from_env()
    driver = get_driver(settings)
    facts = bool(date or kind or place or add or remove)
    if sum((facts, bool(split_doc), bool(merge_with))) != 1:
        raise click.UsageError("give facts to correct (--date/--kind/--place/--add/--remove), "
                               "or --split DOC, or --merge MEETING_ID")
    if split_doc:
        ids = split_report(driver, settings.database, meeting_id, split_doc)
    elif merge_with:
        ids = merge_meetings(driver, settings.database, meeting_id, merge_with)
    else:
        people: dict = {}
        for item in add:
            pid, _, role = item.partition("=")
            people[pid] = role or "participant"
        people.update(dict.fromkeys(remove))
        ids = correct_meeting(driver, settings.database, meeting_id, date=date, kind=kind, place=place,
                              participants=people or None)
    click.echo(f"{len(ids)} meeting(s) rebuilt: " + ", ".join(ids))


# --------------------------------------------------------------------------- explore


@main.command()
@click.option("--port", default=8501, show_default=True)
@click.option("--address", default="127.0.0.1", show_default=True)
def explore(port, address):
    """Serve the Streamlit explorer."""
    app = PROJECT_DIR / "explorer" / "app.py"
    cmd = [sys.executable, "-m", "streamlit", "run", str(app),
           "--server.port", str(port), "--server.address", address,
           "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    click.echo(f"Explorer at http://{address}:{port}")
    raise SystemExit(subprocess.call(cmd))


# --------------------------------------------------------------------------- console


@main.command()
@click.argument("statement", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter (repeatable); the value is read as JSON when it parses, else as text.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def console(statement, params, fmt):
    """Run ad hoc read-only Cypher under the explorer console's guards (STATEMENT, or standard input).

    A refused statement prints one line naming the rule and exits with status 3;
    a failed one exits with status 1. Limits: LIAISON_CONSOLE_TIMEOUT, LIAISON_CONSOLE_MAX_ROWS."""
    from .console import run_read_only
    from .db import get_driver
    from .errors import QueryRefused

    text = statement if statement is not None else click.get_text_stream("stdin").read()
    values = {}
    for item in params:
        if "=" not in item:
            raise click.BadParameter(f"{item!r}: use KEY=VALUE", param_hint="--param")
        k, v = item.split("=", 1)
        try:
            values[k.strip()] = json.loads(v)
        except ValueError:
            values[k.strip()] = v
    settings = Settings.from_env()
    try:
        result = run_read_only(get_driver(settings), settings.database, text, values)
    except QueryRefused as exc:
        click.echo(f"refused: {exc}", err=True)
        raise SystemExit(3) from None
    if result.truncated:
        click.echo(result.message, err=True)
    _print_rows(result.columns, result.records, fmt)


def _print_rows(keys, records, fmt) -> None:
    """Rows as a table, CSV or JSON (nodes and relationships as plain values)."""
    import csv
    import io

    from .values import plain

    rows = [{k: plain(r[k]) for k in keys} for r in records]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return

    def cell(v):
        return v if isinstance(v, (str, int, float)) or v is None else json.dumps(v, ensure_ascii=False, default=str)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(keys)
        for row in rows:
            w.writerow([cell(row[k]) for k in keys])
        click.echo(buf.getvalue(), nl=False)
        return
    table = [[str(cell(row[k]) if row[k] is not None else "") for k in keys] for row in rows]
    widths = [min(40, max([len(k)] + [len(t[i]) for t in table])) for i, k in enumerate(keys)]
    click.echo("  ".join(k.ljust(w) for k, w in zip(keys, widths)))
    for t in table:
        click.echo("  ".join((c if len(c) <= w else c[: w - 1] + "…").ljust(w) for c, w in zip(t, widths)))
    click.echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''})", err=True)


# --------------------------------------------------------------------------- saved queries


@main.command()
@click.argument("name", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter value (repeatable); defaults fill the rest.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--list", "list_", is_flag=True, help="List the saved queries and their parameters.")
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of .cypher files (default: cypher/ or LIAISON_CYPHER_DIR).")
def query(name, params, fmt, list_, directory):
    """Run a saved query from cypher/ (read only), e.g. `liaison query meetings_between_countries -p a=Vietnam`."""
    from . import saved_queries
    from .db import get_driver

    if list_ or not name:
        for slug, q in saved_queries.load_all(directory).items():
            ps = " ".join(f"{p.name}:{p.type}={p.default!r}" for p in q.params)
            click.echo(f"{slug:32} {q.title}" + (f"  [{ps}]" if ps else ""))
        if not list_ and not name:
            raise click.UsageError("give a query NAME (or --list)")
        return
    q = saved_queries.get(name, directory)
    raw = {}
    for item in params:
        if "=" not in item:
            raise click.BadParameter(f"{item!r}: use KEY=VALUE", param_hint="--param")
        k, v = item.split("=", 1)
        raw[k.strip()] = v
    values = q.values(raw)
    from .console import run_read_only

    settings = Settings.from_env()
    # Saved queries go through the console's guards too: read only, time limit, row cap.
    result = run_read_only(get_driver(settings), settings.database, q.text, values)
    if result.truncated:
        click.echo(result.message, err=True)
    _print_rows(result.columns, result.records, fmt)


if __name__ == "__main__":
    main()
