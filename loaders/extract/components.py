"""The project's spaCy components.

Each component is a class with keyword-only config, registered with
`@Language.factory`. They share one `State` (character offsets into the
text) kept on `doc._.liaison`; finished entities are also written to
`doc.spans["liaison"]` where token boundaries allow. Failures inside one
component are recorded as warnings on the document instead of stopping the
batch.
"""

from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.tokens import Doc

from . import agreements, orgs, people, places, state
from .languages import packs
from .lexicon import lexicon
from .meetings import build_meetings

if not Doc.has_extension("liaison"):
    Doc.set_extension("liaison", default=None)


def state_of(doc: Doc) -> state.State:
    st = doc._.liaison
    if not isinstance(st, state.State):
        meta = st if isinstance(st, dict) else {}
        st = state.State(text=meta.get("text") or doc.text, lang=meta.get("lang") or doc.lang_ or "xx",
                         published=meta.get("published"), lex=lexicon(), original=meta.get("original"))
        doc._.liaison = st
    return st


class _Component:
    name = "liaison"

    def __init__(self, nlp: Language, name: str, **cfg) -> None:
        self.name = name
        self.cfg = cfg

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        """Load the data every rule reads (the language packs, then the gazetteers), so a
        bad pack or data file fails when the pipeline is built, not on the first article."""
        packs()
        lexicon()

    def __call__(self, doc: Doc) -> Doc:
        st = state_of(doc)
        try:
            self.run(st, doc)
        except Exception as exc:  # noqa: BLE001 - one bad rule must not lose the article
            st.warnings.append(f"{self.name}: {type(exc).__name__}: {exc}")
        return doc

    def run(self, st: state.State, doc: Doc) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class Sentences(_Component):
    def run(self, st, doc):
        state.split_sentences(st)


class Gazetteer(_Component):
    """Credits to ignore, titles, countries (names, adjectives), places, known organisations."""

    def run(self, st, doc):
        state.find_credits(st)
        state.find_titles(st)
        orgs.find_known_orgs(st)
        places.find_countries(st)
        places.find_places(st)
        places.find_dateline(st)


class Organizations(_Component):
    """Agency-naming patterns per language (Bộ X + country, Ministry of X, 베트남 공안부, ラオス公安省)."""

    def run(self, st, doc):
        finder = ORG_FINDERS.get(st.pack.rules)
        if finder:
            finder(st)


#: The agency and people finders of each rule set (languages.RULE_SETS).
ORG_FINDERS = {"latin": orgs.find_orgs_en, "latin-adjectival": orgs.find_orgs_adjectival,
               "syllabic": orgs.find_orgs_syllabic, "hangul": orgs.find_orgs_hangul, "kana": orgs.find_orgs_kana,
               "han": orgs.find_orgs_han,
               "prefixed": orgs.find_orgs_prefixed}
PEOPLE_FINDERS = {"latin": people.find_people_latin, "latin-adjectival": people.find_people_latin,
                  "syllabic": people.find_people_latin, "hangul": people.find_people_hangul, "kana": people.find_people_kana,
                  "han": people.find_people_han, "prefixed": people.find_people_prefixed}


class Acronyms(_Component):
    def run(self, st, doc):
        if st.pack.rules != "han":
            orgs.find_acronyms(st)


class People(_Component):
    """Title + name shapes, surnames, katakana/Hangul name orders, French NER post-filter."""

    def run(self, st, doc):
        # a title word inside an agency name ("Đại sứ" in "Đại sứ quán") is not a title
        index = _org_index(st)
        st.titles = [t for t in st.titles if not _strictly_inside(t, index)]
        finder = PEOPLE_FINDERS.get(st.pack.rules)
        if finder:
            finder(st)
        if st.pack.spaced and doc.ents:
            # a pipeline with a statistical NER (pack `pipeline`) adds its people
            people.find_people_ner(st, doc.ents)
        people.link_person_aliases(st)
        people.person_apposition(st)
        people.home_people(st)
        orgs.link_org_aliases(st)


def _org_index(st) -> tuple:
    spans = sorted((o.start, o.end) for o in st.cands if o.type in ("Organization", "Place", "Agreement"))
    starts = [x[0] for x in spans]
    prefmax, m = [], -1
    same_start: dict = {}
    for s0, e0 in spans:
        m = max(m, e0)
        prefmax.append(m)
        same_start[s0] = max(same_start.get(s0, -1), e0)
    return starts, prefmax, same_start


def _strictly_inside(t, index) -> bool:
    """A title span lying inside a longer Organization/Place/Agreement span (sorted index, not a scan)."""
    starts, prefmax, same_start = index
    ts, te = t[0], t[1]
    # an org starting before the title and reaching its end, or starting with it and going past it
    i = bisect.bisect_left(starts, ts)
    if i > 0 and prefmax[i - 1] >= te:
        return True
    return same_start.get(ts, -1) > te


class Dates(_Component):
    def run(self, st, doc):
        state.find_all_dates(st)


class Agreements(_Component):
    def run(self, st, doc):
        agreements.find_agreements(st)


class Topics(_Component):
    def run(self, st, doc):
        state.find_topics(st)


class Meetings(_Component):
    def run(self, st, doc):
        build_meetings(st)
        spans = []
        for c in st.cands:
            sp = doc.char_span(c.start, c.end, label=c.type, alignment_mode="expand")
            if sp is not None:
                spans.append(sp)
        doc.spans["liaison"] = spans


@Language.factory("liaison_sentences", assigns=["doc._.liaison"], default_config={})
def make_sentences(nlp: Language, name: str):
    return Sentences(nlp, name)


@Language.factory("liaison_gazetteer", assigns=["doc._.liaison"], default_config={})
def make_gazetteer(nlp: Language, name: str):
    return Gazetteer(nlp, name)


@Language.factory("liaison_orgs", assigns=["doc._.liaison"], default_config={})
def make_orgs(nlp: Language, name: str):
    return Organizations(nlp, name)


@Language.factory("liaison_acronyms", assigns=["doc._.liaison"], default_config={})
def make_acronyms(nlp: Language, name: str):
    return Acronyms(nlp, name)


@Language.factory("liaison_people", assigns=["doc._.liaison"], default_config={})
def make_people(nlp: Language, name: str):
    return People(nlp, name)


@Language.factory("liaison_dates", assigns=["doc._.liaison"], default_config={})
def make_dates(nlp: Language, name: str):
    return Dates(nlp, name)


@Language.factory("liaison_agreements", assigns=["doc._.liaison"], default_config={})
def make_agreements(nlp: Language, name: str):
    return Agreements(nlp, name)


@Language.factory("liaison_topics", assigns=["doc._.liaison"], default_config={})
def make_topics(nlp: Language, name: str):
    return Topics(nlp, name)


@Language.factory("liaison_meetings", assigns=["doc._.liaison", "doc.spans"], default_config={})
def make_meetings(nlp: Language, name: str):
    return Meetings(nlp, name)


PIPELINE = ["liaison_sentences", "liaison_gazetteer", "liaison_orgs", "liaison_acronyms", "liaison_people",
            "liaison_dates", "liaison_agreements", "liaison_topics", "liaison_meetings"]
