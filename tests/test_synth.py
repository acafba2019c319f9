"""`liaison synth`: a synthetic corpus for speed and scale, labelled as such in every file."""

import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from loaders.extract.languages import supported

from loaders.pipeline import extract_article
from loaders.read import iter_paths, read_article
from loaders.synth import MANIFEST, generate, templates

from .conftest import CORPUS, ROOT

N = 200


def _files(d: Path) -> dict[str, bytes]:
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth-a")
    report = generate(N, 1, out)
    return out, report


@pytest.fixture(scope="module")
def articles(corpus):
    out, _ = corpus
    return [read_article(p) for p in iter_paths([out])]


def test_same_seed_same_bytes_other_seed_other_bytes(corpus, tmp_path):
    out, _ = corpus
    again = tmp_path / "again"
    generate(N, 1, again)
    assert _files(out) == _files(again)
    other = tmp_path / "other"
    generate(N, 2, other)
    a, b = _files(out), _files(other)
    assert a.keys() == b.keys()
    assert sum(a[k] != b[k] for k in a) > N * 0.9


def test_files_are_spread_in_folders_and_every_one_says_synthetic(corpus, articles):
    out, report = corpus
    assert report.articles == N == len(articles)
    assert sorted(p.relative_to(out).as_posix() for p in iter_paths([out]))[:2] == \
        ["000/synth-000000.txt", "000/synth-000001.txt"]
    for a in articles:
        assert a.synthetic and a.header["synthetic"] == "true"
        assert a.title.startswith("[synthetic] ")
        assert a.url.startswith("synthetic://")
        assert a.declared_language in set(supported())
        assert 1990 <= int(a.published[:4]) <= 2030 and len(a.published) == 10
        assert not a.body.startswith(("synthetic", "title:"))
    years = {int(a.published[:4]) for a in articles}
    assert min(years) <= 2003 and max(years) >= 2023


def test_the_manifest_says_speed_and_scale_only_and_is_not_read_as_an_article(corpus):
    out, _ = corpus
    text = (out / MANIFEST).read_text(encoding="utf-8")
    assert "speed and scale" in text and "Never" in text and "quality scores" in text
    assert MANIFEST not in {p.name for p in iter_paths([out])}


def test_real_articles_are_not_synthetic():
    assert not any(read_article(p).synthetic for p in iter_paths([CORPUS]))


def test_every_body_is_new(corpus, articles):
    bodies = [a.body for a in articles]
    assert len(set(bodies)) == len(bodies)
    seeds = {read_article(p).body for p in iter_paths([CORPUS])}
    assert not seeds & set(bodies)


def test_languages_mix_as_in_the_seeds(corpus, articles):
    by_seed = {t.name: t.language for t in templates()}
    assert all(a.declared_language == by_seed[a.header["template"]] for a in articles)
    seed_mix = Counter(by_seed.values())
    mix = Counter(a.declared_language for a in articles)
    assert set(mix) == set(seed_mix)
    for lang, k in seed_mix.items():
        expected = N * k / sum(seed_mix.values())
        assert expected / 2 <= mix[lang] <= expected * 2, (lang, mix)


def test_the_extractor_still_finds_people_and_meetings(corpus, articles):
    _, report = corpus
    sample = articles[::8]
    with_people = with_meetings = generated_found = 0
    for a in sample:
        ex = extract_article(a)
        people = {e.name for e in ex.entities if e.type == "Person"}
        with_people += bool(people)
        with_meetings += bool(ex.meetings)
        generated_found += bool(people & set(report.people))
    assert with_people >= 0.8 * len(sample)
    assert with_meetings >= 0.8 * len(sample)
    assert generated_found >= 0.8 * len(sample)


def test_copies_of_one_seed_meet_on_other_days(articles):
    # A seed's copies keep its month but not its day: dates shifted by one offset an
    # article (the meeting's day, a visit's span, the publication day), so the copies
    # of one seed are not all one encounter on the same day of every year.
    # (published[8:]: the publication day moves with them)
    from loaders.extract.dates import find_dates

    by_seed: dict[str, set] = {}
    for a in articles:
        seed = a.header["template"]
        days = {d.date[8:] for d in find_dates(a.body, a.declared_language or "en", a.published)
                if d.date and len(d.date) == 10}
        if days:
            by_seed.setdefault(seed, set()).add((a.published[8:], min(days)))
    spread = [s for s, seen in by_seed.items() if len(seen) >= 3 and len({d for _, d in seen}) >= 2]
    assert len(spread) >= 0.5 * len([s for s, seen in by_seed.items() if len(seen) >= 3])


def test_a_few_hub_people_and_a_long_tail(corpus):
    _, report = corpus
    counts = sorted(report.people.values(), reverse=True)
    assert len(counts) >= 30
    assert counts[0] >= 5 * statistics.median(counts)
    assert len(report.countries) >= 20
    top_country = report.countries.most_common(1)[0][1]
    assert top_country >= 5 * statistics.median(report.countries.values())


def test_cli_writes_the_corpus_and_reports(tmp_path):
    liaison = str(Path(sys.executable).parent / "liaison")
    proc = subprocess.run([liaison, "synth", "--articles", "12", "--seed", "3", "--out", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "wrote 12 synthetic article(s)" in proc.stdout
    assert len(list(iter_paths([tmp_path]))) == 12 and (tmp_path / MANIFEST).exists()
    bad = subprocess.run([liaison, "synth", "--articles", "0", "--out", str(tmp_path / "x")],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr


@pytest.mark.neo4j
def test_loaded_synthetic_documents_say_so_in_the_graph(graph, neo4j_settings, corpus):
    from loaders.pipeline import load_paths

    out, _ = corpus
    paths = sorted(iter_paths([out]))[:3] + [CORPUS / "d05.txt"]
    report = load_paths(graph, neo4j_settings.database, paths)
    assert report.loaded == 4, report.skipped
    records, _, _ = graph.execute_query(
        "MATCH (d:Document) RETURN d.title AS title, d.synthetic AS synthetic ORDER BY d.name",
        database_=neo4j_settings.database)
    flags = {r["title"]: r["synthetic"] for r in records}
    assert sum(v is True for v in flags.values()) == 3
    assert all(t.startswith("[synthetic] ") for t, v in flags.items() if v)
    assert [v for t, v in flags.items() if not t.startswith("[synthetic]")] == [None]


def test_a_second_run_replaces_the_first_and_a_real_folder_is_refused(tmp_path):
    from loaders.synth import SynthError

    out = tmp_path / "s"
    generate(30, 5, out)
    generate(10, 5, out)
    assert len(list(iter_paths([out]))) == 10
    fresh = tmp_path / "fresh"
    generate(10, 5, fresh)
    assert _files(out) == _files(fresh)
    real = tmp_path / "real"
    real.mkdir()
    (real / "article.txt").write_text("not synthetic", encoding="utf-8")
    with pytest.raises(SynthError, match="not empty"):
        generate(10, 5, real)
    assert (real / "article.txt").exists()
