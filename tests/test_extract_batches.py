"""Articles extracted many at a time (a worker's task) give what each gives alone, and one failure stays its own."""

import pickle

from spacy.language import Language

from loaders.extract import components, extract, extract_many, nlp_for
from loaders.pipeline import choose_language, extract_chunk
from loaders.read import iter_paths, read_article
from loaders.resolve import assign_ids

from .conftest import CORPUS, ROOT

DEV_EXTRA = ROOT.parent / "shared" / "eval" / "dev-extra" / "docs"


def _articles():
    paths = list(iter_paths([CORPUS])) + (sorted(iter_paths([DEV_EXTRA])) if DEV_EXTRA.is_dir() else [])
    return [read_article(p) for p in paths]


def _alone(article):
    ex = extract(article, choose_language(article))
    assign_ids(ex)
    return ex


def test_a_chunk_of_articles_extracts_as_each_one_alone():
    articles = _articles()
    langs = {choose_language(a) for a in articles}
    # the French articles are the ones whose statistical model runs batched
    assert {"fr", "en", "vi"} <= langs
    together = extract_chunk(articles)
    assert len(together) == len(articles)
    for article, ex in zip(articles, together):
        assert pickle.dumps(ex) == pickle.dumps(_alone(article)), article.name


def test_an_article_that_fails_in_a_chunk_fails_alone(monkeypatch):
    articles = [a for a in _articles() if choose_language(a) == "fr"][:3]
    assert len(articles) == 3
    bad = articles[1]

    real = components.People.run

    def broken(self, st, doc):
        if st.text == bad.body:
            raise RuntimeError("boom")
        return real(self, st, doc)

    # a component's own failure is a warning on that article only
    monkeypatch.setattr(components.People, "run", broken)
    out = extract_chunk(articles)
    assert [isinstance(x, str) for x in out] == [False, False, False]
    assert any("boom" in w for w in out[1].warnings)
    assert not any("boom" in w for w in out[0].warnings + out[2].warnings)


class _FailsOn:
    """A batched component (one with `pipe`, as spaCy's models have) that fails on one text."""

    bad = None

    def __call__(self, doc):
        if doc.text == self.bad:
            raise ValueError("model failure")
        return doc

    def pipe(self, docs, batch_size=32):
        docs = list(docs)
        if any(d.text == self.bad for d in docs):
            raise ValueError("model failure")
        return iter(docs)


@Language.factory("test_fails_on")
def _make_fails_on(nlp, name):
    return _FailsOn()


def test_a_statistical_component_failing_on_one_document_loses_only_that_one():
    articles = [a for a in _articles() if choose_language(a) == "fr"][:3]
    expected = [extract(a, "fr") for a in articles]
    nlp = nlp_for("fr")
    comp = nlp.add_pipe("test_fails_on", first=True)
    try:
        comp.bad = articles[1].body
        out = extract_many([(a, "fr") for a in articles])
        messages = extract_chunk(articles)
    finally:
        nlp.remove_pipe("test_fails_on")
    assert isinstance(out[1], ValueError)
    for i in (0, 2):
        assert pickle.dumps(out[i]) == pickle.dumps(expected[i])
    assert isinstance(messages[1], str) and "model failure" in messages[1]
    assert not isinstance(messages[0], str) and not isinstance(messages[2], str)
