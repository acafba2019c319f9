"""Speed and memory figures, printed, never asserted (timed tests are flaky).

`liaison bench corpus/` measures each step of the flow separately:
read, detect language, extract + resolve (after a warm-up that loads the
spaCy models), and the write into Neo4j (a forced rewrite, which leaves the
graph as it was).
"""

from __future__ import annotations

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
    from loaders.language import detect_language
    from loaders.pipeline import choose_language
    from loaders.read import iter_paths, read_article
    from loaders.extract import extract
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
        extract_s = fig.timings["extract + resolve"]
        fig.write = {
            "load --force (read+extract+write)": f"{report.seconds:.2f} s for {report.loaded} articles "
                                                 f"({report.loaded / report.seconds:.1f} articles/s)",
            "write share (approx.)": f"{max(report.seconds - extract_s - fig.timings['read'], 0):.2f} s",
        }
    fig.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return fig
