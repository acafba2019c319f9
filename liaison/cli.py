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


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--force", is_flag=True, help="Re-extract and rewrite documents already in the graph.")
def load(paths, force):
    """Read, extract, resolve and write articles (files or folders) into Neo4j."""
    from loaders.pipeline import load_paths
    from loaders.read import iter_paths

    from .db import get_driver

    settings = Settings.from_env()
    driver = get_driver(settings)
    files = list(iter_paths(paths))
    with _progress(files, "Loading") as bar:
        report = load_paths(driver, settings.database, files, force=force,
                            progress=lambda _p: bar.update(1))
    click.echo(
        f"articles read {report.read}, loaded {report.loaded}, unchanged {report.unchanged}, "
        f"skipped {len(report.skipped)} in {report.seconds:.1f} s"
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
    """Extract articles to JSON files without touching the database."""
    from loaders.export import write_json
    from loaders.pipeline import extract_paths
    from loaders.read import iter_paths

    skipped = []
    n = 0
    files = list(iter_paths(paths))
    with _progress(files, "Extracting") as bar:
        for _article, ex in extract_paths(files, on_error=skipped.append):
            write_json(ex, out_dir)
            n += 1
            bar.update(1)
    click.echo(f"wrote {n} file(s) to {out_dir}; skipped {len(skipped)}")
    for s in skipped:
        click.echo(f"skipped {s.path}: {s.reason}", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--rounds", default=3, show_default=True, help="Repeat each step and report the mean.")
@click.option("--no-write", is_flag=True, help="Measure without Neo4j (no forced rewrite).")
def bench(paths, rounds, no_write):
    """Print speed and memory figures for each step of the load."""
    from . import bench as benchmark

    driver, database = None, "neo4j"
    if not no_write:
        from .db import get_driver

        settings = Settings.from_env()
        driver, database = get_driver(settings), settings.database
    fig = benchmark.run(paths, rounds=rounds, driver=driver, database=database)
    for line in fig.lines():
        click.echo(line)


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
@click.pass_context
def review(ctx, show_all):
    """List possible duplicate entities; `review accept|reject ID` decides one.

    Resolution merges only what it is sure of; the rest waits here. Decisions
    are kept across reloads.
    """
    if ctx.invoked_subcommand:
        return
    from loaders.review import list_candidates

    from .db import get_driver

    settings = Settings.from_env()
    rows = list_candidates(get_driver(settings), settings.database, None if show_all else "pending")
    if not rows:
        click.echo("Nothing to review." if not show_all else "No review candidates.")
        return
    for c in rows:
        click.echo(f"{c.id}  {c.status:<8} {c.type:<12} {c.score:.2f}  {c.a_name!r} ~ {c.b_name!r}  ({c.reason})")


def _decide(candidate_id, decision):
    from loaders.review import decide

    from .db import get_driver

    settings = Settings.from_env()
    decide(get_driver(settings), settings.database, candidate_id, decision)
    click.echo(f"{candidate_id}: {decision}ed")


@review.command("accept")
@click.argument("candidate_id")
def review_accept(candidate_id):
    """Record that the two entities are the same; they become one node at once."""
    _decide(candidate_id, "accept")


@review.command("reject")
@click.argument("candidate_id")
def review_reject(candidate_id):
    """Record that the two entities are different; never proposed again."""
    _decide(candidate_id, "reject")


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
    import csv
    import io

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
    records, keys = result.records, result.columns
    if result.truncated:
        click.echo(result.message, err=True)
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


if __name__ == "__main__":
    main()
