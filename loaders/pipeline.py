"""The one orchestrator: read → detect language → extract → resolve → write → review.

The CLI, the explorer's Add-article page and the benchmark all call it.

A load streams: paths are read lazily, a chunk at a time; the graph is asked
once per chunk which documents it already holds (same content and extractor
version: skipped without extraction); the rest are extracted, in this
process or on an executor (a local process pool, or a Dask cluster: see
loaders.executors), a bounded number ahead of the writer; results are
written in batches of many articles per transaction, sized by rows (see
loaders.write), and each written batch is reviewed for duplicates at once.
Memory therefore stays flat however many articles a load holds.

A malformed article is reported and skipped while the rest load; a failed
batch is rolled back and retried article by article, so one bad article is
reported and never costs the others.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import ArticleError
from .language import detect_language
from .model import Extraction
from .read import Article, iter_paths, read_article

#: Rows (documents, sentences, entities, mentions, meetings...) per write
#: transaction; about 60 articles of news.
BATCH_ROWS = 6000
#: Articles read (and checked against the graph) per round trip.
READ_CHUNK = 256
#: Articles per extraction task sent to a worker.
TASK_ARTICLES = 16


@dataclass
class Skipped:
    path: str
    reason: str


@dataclass
class LoadReport:
    read: int = 0
    loaded: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    nodes_created: int = 0
    relationships_created: int = 0
    nodes_deleted: int = 0
    relationships_deleted: int = 0
    review_proposed: int = 0
    transactions: int = 0
    seconds: float = 0.0
    write_seconds: float = 0.0
    review_seconds: float = 0.0
    by_language: dict = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.loaded / self.seconds if self.seconds else 0.0


def choose_language(article: Article) -> str:
    """The header's language when it gives one, else what detection says."""
    return article.declared_language or detect_language(article.body)


def extract_article(article: Article, aliases: dict[str, str] | None = None) -> Extraction:
    """Extract and resolve one article; `aliases` maps ids an analyst merged to the id they kept."""
    ex = _extract(article)
    apply_aliases(ex, aliases)
    return ex


def _extract(article: Article) -> Extraction:
    # Module-level so a process pool or a Dask worker can run it.
    from .extract import extract
    from .resolve import assign_ids

    ex = extract(article, choose_language(article))
    assign_ids(ex)
    return ex


def extract_chunk(articles: list[Article]) -> list[Extraction | str]:
    """What a worker runs, a task of articles at a time: each one's extraction, or the reason it
    failed (one bad article must not stop the load)."""
    from .extract import extract_many
    from .resolve import assign_ids

    out: list[Extraction | str] = []
    for ex in extract_many([(a, choose_language(a)) for a in articles]):
        if isinstance(ex, Exception):
            out.append(f"extraction failed: {type(ex).__name__}: {ex}")
            continue
        try:
            assign_ids(ex)
            out.append(ex)
        except Exception as exc:  # noqa: BLE001
            out.append(f"extraction failed: {type(exc).__name__}: {exc}")
    return out


def apply_aliases(ex: Extraction, aliases: dict[str, str] | None) -> None:
    if aliases:
        for e in ex.entities:
            e.id = aliases.get(e.id, e.id)


def extract_paths(paths: Iterable[str | Path], on_error: Callable[[Skipped], None] | None = None,
                  executor=None) -> Iterator[tuple[Article, Extraction]]:
    """Yield (article, extraction) for every readable article, in order; report the rest."""
    def articles():
        for path in iter_paths(paths):
            try:
                yield read_article(path)
            except ArticleError as exc:
                if on_error:
                    on_error(Skipped(str(path), exc.reason))

    for article, ex in _extracted(articles(), executor):
        if isinstance(ex, str):
            if on_error:
                on_error(Skipped(article.path or article.name, ex))
        else:
            yield article, ex


def extract_to_dir(paths: Iterable[str | Path], out_dir: Path, on_error: Callable[[Skipped], None] | None = None,
                   executor=None, progress: Callable[[], None] | None = None) -> int:
    """Extract articles to one JSON file each (shared/eval/FORMAT.md), with the meeting
    ids a graph holding exactly these articles would give: the files are written as
    extraction goes, then their meeting ids are set once every report is known
    (event resolution needs them all). Returns how many files were written."""
    import json

    from .events import meeting_ids, rows_of
    from .export import write_json

    rows, files = [], {}
    for article, ex in extract_paths(paths, on_error=on_error, executor=executor):
        doc_rows = rows_of(article, ex)
        rows += doc_rows
        files[write_json(ex, out_dir)] = [r["key"] for r in doc_rows]
        if progress:
            progress()
    ids = meeting_ids(rows)
    for path, keys in files.items():
        record = json.loads(path.read_text(encoding="utf-8"))
        for meeting, key in zip(record["meetings"], keys):
            meeting["id"] = ids[key]
        path.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(files)


def _extracted(items: Iterable, executor, window: int = 256, key=lambda x: x) -> Iterator:
    """(item, extraction or error) in input order, at most `window` articles in flight on the executor.

    Articles travel in tasks of TASK_ARTICLES: one pickle each way per task
    instead of per article, and a batch for the statistical models."""
    if executor is None:
        for chunk in _chunks(items, TASK_ARTICLES):
            yield from zip(chunk, extract_chunk([key(x) for x in chunk]))
        return
    pending: deque = deque()
    in_flight = 0
    for chunk in _chunks(items, TASK_ARTICLES):
        pending.append((chunk, executor.submit(extract_chunk, [key(x) for x in chunk])))
        in_flight += len(chunk)
        while in_flight >= window:
            done, fut = pending.popleft()
            in_flight -= len(done)
            yield from zip(done, _results(fut, done, executor, key))
    while pending:
        done, fut = pending.popleft()
        yield from zip(done, _results(fut, done, executor, key))


def _results(fut, items: list, executor, key) -> list:
    try:
        return fut.result()
    except Exception:  # noqa: BLE001 - the task was lost: retry its articles one by one
        pass
    out = []
    for item in items:
        try:
            out.append(executor.submit(extract_chunk, [key(item)]).result()[0])
        except Exception as exc:  # noqa: BLE001 - a lost worker fails that article, not the load
            out.append(f"extraction failed on a worker: {type(exc).__name__}: {exc}")
    return out


def _chunks(iterable: Iterable, n: int) -> Iterator[list]:
    it = iter(iterable)
    while chunk := list(islice(it, n)):
        yield chunk


def load_paths(driver, database: str, paths: Iterable[str | Path], force: bool = False,
               progress: Callable[[Path], None] | None = None, executor=None,
               batch_rows: int = BATCH_ROWS, review: bool = True) -> LoadReport:
    """Load files and folders; see the module docstring. `progress` is called once per article."""
    from .version import extractor_version
    from .write import document_states, ensure_schema

    from .review import accepted_aliases

    report = LoadReport()
    started = time.perf_counter()
    ensure_schema(driver, database)
    aliases = accepted_aliases(driver, database)
    version = extractor_version()
    seen: set[str] = set()

    def tick(path):
        if progress:
            progress(path)

    def to_extract() -> Iterator[tuple[Article, str | None]]:
        for chunk in _chunks(iter_paths(paths), READ_CHUNK):
            read: list[Article] = []
            for path in chunk:
                report.read += 1
                try:
                    read.append(read_article(path))
                except ArticleError as exc:
                    report.skipped.append(Skipped(str(path), exc.reason))
                    tick(path)
            states = document_states(driver, database, sorted({a.id for a in read}))
            for article in read:
                existing = states.get(article.id)
                if article.id in seen or (existing == version and not force):
                    # Same content (in the graph, or earlier in this load), same extractor: nothing to do.
                    report.unchanged += 1
                    tick(article.path)
                    continue
                seen.add(article.id)
                yield article, existing

    writer = _BatchWriter(driver, database, report, batch_rows, review, tick)
    try:
        for (article, existing), ex in _extracted(to_extract(), executor, key=lambda item: item[0]):
            if isinstance(ex, str):
                report.skipped.append(Skipped(article.path or article.name, ex))
                tick(article.path)
                continue
            apply_aliases(ex, aliases)
            writer.add(article, ex, existing)
    finally:
        writer.close()
    if review and writer.replaced:
        from .review import prune

        prune(driver, database)
    report.seconds = time.perf_counter() - started
    return report


class _BatchWriter:
    """Collects extracted articles and writes them a batch (a transaction) at a time.

    Writes (and the review of each written batch) run on one background
    thread, at most `depth` batches ahead, so the loading process keeps
    feeding the extraction workers while the server works on a batch; the
    results are applied to the report in batch order, on the caller's thread.
    """

    def __init__(self, driver, database, report: LoadReport, batch_rows: int, review: bool, tick,
                 depth: int = 2):
        from concurrent.futures import ThreadPoolExecutor

        self.driver, self.database, self.report = driver, database, report
        self.batch_rows, self.review, self.tick, self.depth = batch_rows, review, tick, depth
        self.items: list = []
        self.rows = 0
        self.replaced = False
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="liaison-writer")
        self.inflight: deque = deque()

    def add(self, article: Article, ex: Extraction, existing: str | None) -> None:
        from .write import Pending

        p = Pending(article, ex, existing)
        self.items.append(p)
        self.rows += p.size
        if self.rows >= self.batch_rows:
            self.flush()

    def flush(self, wait: bool = False) -> None:
        if self.items:
            items, self.items, self.rows = self.items, [], 0
            self.inflight.append(self.thread.submit(self._write, items))
        while self.inflight and (wait or len(self.inflight) > self.depth):
            self._apply(*self.inflight.popleft().result())

    def close(self) -> None:
        try:
            self.flush(wait=True)
        finally:
            self.thread.shutdown(wait=True)

    def _write(self, items):
        # On the writer thread: the batch's transaction, then its review.
        from .write import write_batch

        t = time.perf_counter()
        result = write_batch(self.driver, self.database, items)
        write_s = time.perf_counter() - t
        proposed, review_s = 0, 0.0
        if self.review and result.written:
            from .review import propose_for

            t = time.perf_counter()
            per_article = [[e.id for e in p.extraction.entities if e.type in ("Person", "Organization")]
                           for p in result.written]
            proposed = propose_for(self.driver, self.database, per_article, result.new_entities)
            review_s = time.perf_counter() - t
        return items, result, write_s, proposed, review_s

    def _apply(self, items, result, write_s, proposed, review_s) -> None:
        report = self.report
        report.write_seconds += write_s
        report.review_seconds += review_s
        report.review_proposed += proposed
        report.transactions += result.transactions
        for key, value in result.counters.items():
            setattr(report, key, getattr(report, key) + value)
        for p in result.written:
            report.loaded += 1
            report.by_language[p.extraction.language] = report.by_language.get(p.extraction.language, 0) + 1
            self.replaced = self.replaced or p.existing is not None
        for p, reason in result.failed:
            report.skipped.append(Skipped(p.article.path or p.article.name, reason))
        for p in items:
            self.tick(p.article.path)


def add_article(driver, database: str, article: Article, ex: Extraction) -> LoadReport:
    """Write one article an analyst extracted and corrected (the Add-article page).

    Goes through the same writer and review as a load, with the analyst's
    accepted merges applied, so an added article never brings back a node
    that was merged away.
    """
    from .review import accepted_aliases
    from .write import document_states, ensure_schema

    report = LoadReport(read=1)
    started = time.perf_counter()
    ensure_schema(driver, database)
    apply_aliases(ex, accepted_aliases(driver, database))
    writer = _BatchWriter(driver, database, report, BATCH_ROWS, True, lambda _p: None)
    writer.add(article, ex, document_states(driver, database, [article.id]).get(article.id))
    writer.close()
    report.seconds = time.perf_counter() - started
    return report


def decide(driver, database: str, candidate: str, decision: str) -> None:
    """Accept or reject a review candidate (accepting merges the pair in one transaction).

    Rejecting a pair that had been accepted splits it again by re-extracting
    the documents of the merged node from the text the graph keeps.
    """
    from .review import decide as record

    docs = record(driver, database, candidate, decision)
    if docs:
        rewrite_documents(driver, database, docs)


def rewrite_documents(driver, database: str, doc_ids: Iterable[str]) -> int:
    """Re-extract and rewrite documents from the text the graph keeps."""
    from .review import accepted_aliases
    from .write import Pending, write_batch

    aliases = accepted_aliases(driver, database)
    records, _, _ = driver.execute_query(
        "UNWIND $ids AS id MATCH (d:Document {id: id}) RETURN d ORDER BY d.name", ids=list(doc_ids),
        database_=database)
    items = []
    for record in records:
        d = record["d"]
        article = Article(name=d["name"], path=d.get("path") or "", body=d["text"], title=d.get("title"),
                          url=d.get("url"), published=d.get("published"),
                          declared_language=d.get("declared_language"),
                          header={"synthetic": "true"} if d.get("synthetic") else {})
        items.append(Pending(article, extract_article(article, aliases), d.get("extractor") or "replaced"))
    for chunk in _chunks(items, 50):
        write_batch(driver, database, chunk)
    return len(records)
