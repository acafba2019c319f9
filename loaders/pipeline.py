"""read → detect language → extract → resolve → write, one article at a time.

A malformed article is reported and skipped while the rest load; a failed
write is rolled back as a whole (see loaders.write) and reported the same way.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from liaison.errors import ArticleError, LiaisonError

from .language import detect_language
from .model import Extraction
from .read import Article, iter_paths, read_article


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
    seconds: float = 0.0
    by_language: dict = field(default_factory=dict)


def choose_language(article: Article) -> str:
    """The header's language when it gives one, else what detection says."""
    return article.declared_language or detect_language(article.body)


def extract_article(article: Article, aliases: dict[str, str] | None = None) -> Extraction:
    """Extract and resolve one article; `aliases` maps ids an analyst merged to the id they kept."""
    from .extract import extract
    from .resolve import assign_ids

    ex = extract(article, choose_language(article))
    assign_ids(ex)
    for e in ex.entities:
        e.id = (aliases or {}).get(e.id, e.id)
    return ex


def extract_paths(paths: Iterable[str | Path], on_error: Callable[[Skipped], None] | None = None):
    """Yield (article, extraction) for every readable article; report the rest."""
    for path in iter_paths(paths):
        try:
            article = read_article(path)
            yield article, extract_article(article)
        except ArticleError as exc:
            if on_error:
                on_error(Skipped(str(path), exc.reason))
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the load
            if on_error:
                on_error(Skipped(str(path), f"extraction failed: {type(exc).__name__}: {exc}"))


def load_paths(driver, database: str, paths: Iterable[str | Path], force: bool = False,
               progress: Callable[[Path], None] | None = None) -> LoadReport:
    from .write import EXTRACTOR_VERSION, WriteResult, document_state, ensure_schema, write_extraction

    from .review import accepted_aliases

    report = LoadReport()
    started = time.perf_counter()
    ensure_schema(driver, database)
    aliases = accepted_aliases(driver, database)
    for path in iter_paths(paths):
        report.read += 1
        try:
            article = read_article(path)
            existing = document_state(driver, database, article.id)
            if existing == EXTRACTOR_VERSION and not force:
                # Same content, same extractor: nothing to do, not even extraction.
                result, ex = WriteResult(status="unchanged"), None
            else:
                ex = extract_article(article, aliases)
                result = write_extraction(driver, database, article, ex, existing)
        except ArticleError as exc:
            report.skipped.append(Skipped(str(path), exc.reason))
        except LiaisonError as exc:
            report.skipped.append(Skipped(str(path), str(exc)))
        except Exception as exc:  # noqa: BLE001
            report.skipped.append(Skipped(str(path), f"{type(exc).__name__}: {exc}"))
        else:
            if result.status == "unchanged":
                report.unchanged += 1
            else:
                report.loaded += 1
                report.by_language[ex.language] = report.by_language.get(ex.language, 0) + 1
            report.nodes_created += result.nodes_created
            report.relationships_created += result.relationships_created
            report.nodes_deleted += result.nodes_deleted
            report.relationships_deleted += result.relationships_deleted
        if progress:
            progress(path)
    if report.loaded:
        from .review import propose

        report.review_proposed = propose(driver, database)
    report.seconds = time.perf_counter() - started
    return report


def rewrite_documents(driver, database: str, doc_ids: Iterable[str]) -> int:
    """Re-extract and rewrite documents from the text the graph keeps (after a review decision)."""
    from .review import accepted_aliases
    from .write import document_state, write_extraction

    aliases = accepted_aliases(driver, database)
    records, _, _ = driver.execute_query(
        "MATCH (d:Document) WHERE d.id IN $ids RETURN d ORDER BY d.name", ids=list(doc_ids), database_=database)
    for record in records:
        d = record["d"]
        article = Article(name=d["name"], path=d.get("path") or "", body=d["text"], title=d.get("title"),
                          url=d.get("url"), published=d.get("published"),
                          declared_language=d.get("declared_language"),
                          header={"synthetic": "true"} if d.get("synthetic") else {})
        ex = extract_article(article, aliases)
        write_extraction(driver, database, article, ex, document_state(driver, database, article.id))
    return len(records)
