"""Extraction: one spaCy pipeline per language, built from our own components.

    from loaders.extract import extract
    ex = extract(article, "vi")        # -> loaders.model.Extraction (ids empty)

Pipelines: what the language's pack names (`pipeline:` blank:en for English's
tokenizer, fr_core_news_md for French, whose NER adds people), `blank("xx")`
otherwise (loaders.extract.languages lists the languages with full extraction,
one pack each); every one then runs the liaison_* components (see components.py). A language
without rules still gets the language-independent parts (gazetteer matches,
acronyms, dates) and never an error.
"""

from __future__ import annotations

import functools
import re

import spacy

from ..model import Entity, Extraction, Meeting, Mention, Participant, Sentence
from ..read import Article
from . import components  # noqa: F401 - registers the factories
from .components import PIPELINE
from .languages import pack, pack_words, script_variant
from .lexicon import compiled
from .morph import nominative
from ..normalize import fold_script, script_of
from .state import State

__all__ = ["extract", "extract_many", "nlp_for", "PIPELINE"]

def _pipeline_name(language: str) -> str:
    """The spaCy pipeline a language's pack asks for (blank:xx without one)."""
    return pack(language).get("pipeline", "blank:xx")


def nlp_for(language: str):
    """The cached pipeline for a language code."""
    return _nlp(_pipeline_name(language))


@functools.lru_cache(maxsize=None)
def _nlp(pipeline: str):
    """blank:<code> (that language's tokenizer) or an installed model (its NER only),
    then the liaison_* components."""
    if pipeline.startswith("blank:"):
        nlp = spacy.blank(pipeline[len("blank:"):])
    else:
        try:
            nlp = spacy.load(pipeline, exclude=["lemmatizer", "parser", "morphologizer", "attribute_ruler"])
        except OSError:
            nlp = spacy.blank(pipeline.split("_")[0])
    for name in PIPELINE:
        nlp.add_pipe(name).initialize(nlp=nlp)
    return nlp


def _prepared(article: Article, language: str):
    """The pipeline for this article's language and the Doc it will run on."""
    lang = language or "xx"
    nlp = nlp_for(lang)
    # spaCy sees a copy of the body with very long unbroken tokens cut by spaces (same
    # length, so every offset holds); the rules see the body itself
    # a pack may ask for its text folded to one script (traditional Chinese read as
    # simplified): the rules see the folded copy, names and sentences keep the article's own
    variant = script_variant(lang)
    text = fold_script(article.body, variant) if variant else article.body
    doc = nlp.make_doc(_tokenizable(text))
    doc._.liaison = {"lang": lang, "published": article.published or _this_year(article.body, lang),
                     "text": text, "original": article.body if variant else None}
    return nlp, doc


def _run(article: Article, language: str) -> State:
    nlp, doc = _prepared(article, language)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc._.liaison


def extract(article: Article, language: str) -> Extraction:
    return _extraction(article, _run(article, language))


def extract_many(items: list[tuple[Article, str]], batch_size: int = 32) -> list[Extraction | Exception]:
    """Extract many (article, language) pairs; one failure is that article's result, not the batch's.

    Statistical components (the French tok2vec and NER) run through `pipe()`
    on every document of a pipeline at once, which batches their matrix work
    (about 17% less time per French article than one call each); our
    components then run document by document, in pipeline order, as in
    `extract`, so the results are the same.
    """
    out: list = [None] * len(items)
    groups: dict[int, tuple] = {}
    for i, (article, language) in enumerate(items):
        try:
            nlp, doc = _prepared(article, language)
        except Exception as exc:  # noqa: BLE001
            out[i] = exc
            continue
        groups.setdefault(id(nlp), (nlp, []))[1].append((i, doc))
    for nlp, docs in groups.values():
        for name, proc in nlp.pipeline:
            if name in PIPELINE or not hasattr(proc, "pipe"):
                docs = [(i, _call(proc, doc, out, i)) for i, doc in docs]
            else:
                try:
                    docs = list(zip([i for i, _ in docs], proc.pipe([d for _, d in docs], batch_size=batch_size)))
                except Exception:  # noqa: BLE001 - find the document that failed, keep the rest
                    docs = [(i, _call(proc, doc, out, i)) for i, doc in docs]
            docs = [(i, d) for i, d in docs if d is not None]
        for i, doc in docs:
            try:
                out[i] = _extraction(items[i][0], doc._.liaison)
            except Exception as exc:  # noqa: BLE001
                out[i] = exc
    return out


def _call(proc, doc, out: list, i: int):
    try:
        return proc(doc)
    except Exception as exc:  # noqa: BLE001
        out[i] = exc
        return None


def _restore_original(st: State) -> None:
    """Names, titles, places and sentences in the article's own script, after rules ran on a folded copy."""
    folded, original = st.text, st.original

    def back(s):
        if not s:
            return s
        i = folded.find(s)
        if i < 0 and ", " in s:       # "维也纳, Austria": the place as written, its country's English name
            head, _, tail = s.partition(", ")
            return back(head) + ", " + tail
        return original[i:i + len(s)] if i >= 0 else s

    for c in st.cands:
        if folded[c.start:c.end] == c.text:
            c.text = original[c.start:c.end]
        c.title, c.affiliation = back(c.title), back(c.affiliation)
    for m in st.meetings:
        m.place = back(m.place)
        m.outcomes = [back(o) for o in m.outcomes]
        m.agreements = [back(a) for a in m.agreements]
    st.text = original
    st.original = None


def _extraction(article: Article, st: State) -> Extraction:
    if st.original is not None:
        _restore_original(st)
    normaliser = pack_words(st.lang, "name_normaliser") or None
    inflecting = bool(pack_words(st.lang, "inflections"))
    sentences = [Sentence(s.index, s.start, s.end, st.text[s.start:s.end]) for s in st.sents]
    if not sentences and st.text.strip():
        sentences = [Sentence(0, 0, len(st.text), st.text)]

    entities: list[Entity] = []
    by_root: dict[int, Entity] = {}
    place_by_canonical: dict[tuple, Entity] = {}
    for c in sorted(st.cands, key=lambda c: c.start):
        r = c.root
        mention = Mention(c.text, c.start, c.end, st.sentence_of(c.start))
        if c.type == "Country":
            key = ("Country", r.iso3)
            ent = next((e for e in entities if e.type == "Country" and e.iso3 == r.iso3), None)
            if ent is None:
                ent = Entity("Country", st.lex.country_name(r.iso3) or r.text, iso3=r.iso3, source=c.source)
                entities.append(ent)
            if not c.adjective and c.text not in ent.aliases:
                ent.aliases.append(c.text)
            ent.mentions.append(mention)
            continue
        if c.type == "Place":
            # a city in a case form (Москве) is named by its nominative (the gazetteer's canonical)
            name = r.canonical if inflecting and r.canonical and script_of(r.canonical) == script_of(r.text) else r.text
            ent = next((e for e in entities if e.type == "Place" and e.name == name), None)
            if ent is None and r.source == "gazetteer" and r.canonical:
                # the same city written two ways (東京 and 東京都, Hà Nội and Hanoi): one place
                ent = place_by_canonical.get((r.canonical, r.iso3))
            if ent is None:
                ent = Entity("Place", name, country=st.lex.country_name(r.iso3), source=c.source)
                entities.append(ent)
            if r.source == "gazetteer" and r.canonical:
                place_by_canonical.setdefault((r.canonical, r.iso3), ent)
            if c.text != ent.name and c.text not in ent.aliases:
                ent.aliases.append(c.text)      # the form written (Ляньюньгане, МОСКВА)
            ent.mentions.append(mention)
            continue
        ent = by_root.get(id(r))
        if ent is None:
            ent = Entity(r.type, nominative(r.text, normaliser) if r.type == "Person" else r.text, source=r.source)
            if r.type == "Person":
                ent.title = r.title
                ent.affiliation = r.affiliation
            elif r.type == "Organization":
                ent.country = st.lex.country_name(r.iso3)
                ent.confidence = 1.0 if r.source == "gazetteer" else 0.8
            elif r.type == "Agreement":
                ent.status = r.status
            # merge with an entity of the same type and name
            same = next((e for e in entities if e.type == r.type and e.name == ent.name), None)
            if same is not None:
                ent = same
            else:
                entities.append(ent)
            by_root[id(r)] = ent
        if c.text != ent.name and c.text not in ent.aliases:
            ent.aliases.append(c.text)
        if c.type == "Person" and c.title and not ent.title:
            ent.title = c.title
        if c.type == "Person" and c.affiliation and not ent.affiliation:
            ent.affiliation = c.affiliation
        if c.type == "Organization" and not ent.country and c.iso3:
            ent.country = st.lex.country_name(c.iso3)
        ent.mentions.append(mention)

    # An affiliation written short ("the National Police Agency" for the agency named in
    # full before) is that agency: name it as its entity is named, so its id is the agency's.
    org_names = {c.text: by_root[id(c.root)].name for c in st.cands
                 if c.type == "Organization" and id(c.root) in by_root}
    for ent in entities:
        if ent.type == "Person" and ent.affiliation in org_names:
            ent.affiliation = org_names[ent.affiliation]

    # a Person's affiliation is shown by name; fall back to its country
    meetings: list[Meeting] = []
    for m in st.meetings:
        parts = []
        for p in m.participants:
            ent = by_root.get(id(p))
            name = ent.name if ent else p.text
            if name not in [x.entity for x in parts]:
                parts.append(Participant(name, m.roles.get(id(p), "participant")))
        d = m.date
        meetings.append(Meeting(
            kind=m.kind, participants=parts,
            date=d.date if d else None, end_date=d.end_date if d else None,
            date_precision=d.precision if d else None, place=m.place,
            countries=m.countries, topics=m.topics, outcomes=m.outcomes, agreements=m.agreements,
            sentences=m.sentences, trigger=m.trigger))
    return Extraction(doc_id=_doc_id(article), name=article.name, language=st.lang,
                      sentences=sentences, entities=entities, meetings=meetings,
                      warnings=list(st.warnings))


_LONG_TOKEN = re.compile(r"\S{%d,}" % 120)


def _tokenizable(text: str) -> str:
    """The text with a space every 60 characters inside unbroken runs of 120 or more.

    spaCy's tokenizer strips prefixes and suffixes one at a time, re-scanning the
    rest of the token each time: a run of thousands of quotes, dashes or dots
    ("======", "......" separators of scraped pages) takes quadratic time."""
    if not _LONG_TOKEN.search(text):
        return text

    def cut(m):
        w = list(m.group(0))
        for i in range(60, len(w), 60):
            w[i] = " "
        return "".join(w)

    return _LONG_TOKEN.sub(cut, text)


def _this_year(text: str, lang: str) -> str | None:
    """Without a publication date, a year the text calls "this year" anchors day/month dates."""
    words = pack_words(lang, "this_year")
    if not words:
        return None
    rx = compiled("|".join(re.escape(w) for w in words), re.I)     # once a language, not an article
    for sent in re.split(r"(?<=[.!?。])\s+|\n+", text):
        if rx.search(sent):
            years = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", sent)
            if years:
                return max(years)
    return None


def _doc_id(article: Article) -> str:
    try:
        return article.id
    except Exception:  # noqa: BLE001
        return article.name
