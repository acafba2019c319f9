"""Load the extractor's data files once per process.

Gazetteers built by scripts/build_gazetteers.py (countries.json,
organizations.yaml, titles.yaml, topics.yaml, meeting_kinds.yaml,
places.yaml) are read when present; the extractor's own rule lexicon
(extract_rules.yaml, extract_places.yaml, org_concepts.yaml) fills in and
extends them. Nothing fails when an optional file is missing.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..normalize import fold  # noqa: F401 - re-exported for the rules
from .languages import LINGUA_FRANCA, inflected, merged_rules, pack, pack_script, pack_words, script_variant, \
    spaced_script, supported
from .morph import is_personal_name

DATA = Path(__file__).resolve().parent.parent / "data"


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(name: str):
    path = DATA / name
    if not path.exists():
        return None
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except yaml.YAMLError:
        return None


def _load_json(name: str):
    path = DATA / name
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return None


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7A3
            or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F or 0xF900 <= o <= 0xFAFF
            or o == 0x30FC)


def no_space_script(ch: str) -> bool:
    """Scripts written without spaces between words (CJK, Thai, Lao, Khmer, Myanmar):
    names are matched without word boundaries."""
    o = ord(ch)
    return is_cjk(ch) or 0x0E00 <= o <= 0x0EFF or 0x1780 <= o <= 0x17FF or 0x1000 <= o <= 0x109F


def unruled(lang: str | None) -> bool:
    """A language without our rules: the gazetteers use every language's forms."""
    return lang not in supported()


def _usable_foreign_form(f: str) -> bool:
    """A form of another language is usable in an unruled text only when it is
    unlikely to be an ordinary word: 2+ characters in a script without spaces,
    4+ letters otherwise."""
    if not f:
        return False
    if no_space_script(f[0]):
        return len(f) >= 2
    return len(f) >= 4


def _trie_pattern(phrases) -> str:
    """A regex alternation shaped as a character trie: longer continuations are
    tried first, so at each position the longest phrase wins (as with a
    longest-first alternation) but matching costs one branch per character
    instead of one attempt per phrase."""
    root: dict = {}
    for p in phrases:
        node = root
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        kids = [(ch, sub) for ch, sub in node.items() if ch != ""]
        if not kids:
            return ""
        alts = []
        for ch, sub in sorted(kids, key=lambda kv: kv[0]):
            alts.append(re.escape(ch) + build(sub))
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            # optional continuation: greedy, so longer phrases are tried first
            return "(?:" + body + ")?" if len(alts) == 1 else body + "?"
        return body

    return build(root)


# Patterns a rule builds from lexicon data are the same for every article; re's own
# cache (512 patterns) overflows and recompiles them.
compiled = functools.lru_cache(maxsize=4096)(re.compile)


@functools.lru_cache(maxsize=256)
def _phrase_regex_cached(items: frozenset, cjk: bool, flags: int) -> re.Pattern | None:
    if not items:
        return None
    boundary = [p for p in items if not (cjk or no_space_script(p[0]))]
    free = [p for p in items if cjk or no_space_script(p[0])]
    parts = []
    if boundary:
        parts.append(r"(?<![\w])(?:" + _trie_pattern(boundary) + r")(?![\w])")
    if free:
        parts.append("(?:" + _trie_pattern(free) + ")")
    return re.compile("|".join(parts), flags)


def phrase_regex(phrases, cjk: bool = False, flags: int = 0) -> re.Pattern | None:
    """Longest phrase at each position, with word boundaries for non-CJK phrases.

    Compiled as a character trie (fast on gazetteers of thousands of forms)
    and cached per phrase set."""
    items = frozenset(p for p in phrases if p)
    return _phrase_regex_cached(items, cjk, flags)


@dataclass
class Country:
    iso3: str
    name: str
    names: dict = field(default_factory=dict)
    adjectives: dict = field(default_factory=dict)
    short: dict = field(default_factory=dict)
    ambiguous: dict = field(default_factory=dict)


@dataclass
class OrgEntry:
    id: str
    canonical: str
    country: str | None           # ISO3 or "international"
    kind: str = ""
    names: dict = field(default_factory=dict)
    acronyms: list = field(default_factory=list)
    default_for_bare_name: bool = False


class Lexicon:
    def __init__(self) -> None:
        rules = merged_rules(_load_yaml("extract_rules.yaml") or {})
        self.rules = rules
        self._countries()
        self._orgs()
        self._titles(rules)
        self._places()
        self._topics(rules)
        self._meetings(rules)
        self._concepts()
        self.credits = set(rules.get("credits") or [])
        self.acronym_stop = set(rules.get("acronym_stoplist") or [])
        self.surnames = {lang: set(v) for lang, v in (rules.get("surnames") or {}).items()}
        self.name_particles = set(rules.get("name_particles") or [])
        self.org_heads = rules.get("org_heads") or {}
        self.bare_org_country = rules.get("bare_org_country") or {}
        self.relative_days = rules.get("relative_days") or {}
        self.same_day = rules.get("same_day") or {}
        self.agreement_heads = rules.get("agreement_heads") or {}
        self.place_preps = rules.get("place_preps") or {}
        self._regex_cache: dict = {}

    # -- countries ---------------------------------------------------------
    def _countries(self) -> None:
        data = _load_json("countries.json") or []
        if isinstance(data, dict):
            data = list(data.values())
        self.countries: dict[str, Country] = {}
        for c in data:
            iso3 = c.get("iso3")
            if not iso3:
                continue
            self.countries[iso3] = Country(
                iso3=iso3, name=c.get("name") or iso3, names=c.get("names") or {},
                adjectives=c.get("adjectives") or {}, short=c.get("short") or {},
                ambiguous=c.get("ambiguous") or {})
        if not self.countries:
            self._countries_from_pycountry()
        # surface form -> iso3, per language; adjectives separately
        self.country_names: dict[str, dict[str, str]] = {}
        self.country_adjs: dict[str, dict[str, str]] = {}
        self.country_short: dict[str, dict[str, str]] = {}
        self.country_ambiguous: set[str] = set()
        for c in self.countries.values():
            self.country_ambiguous |= {a for forms in c.ambiguous.values() for a in forms}
            for lang, forms in c.names.items():
                # a form is left out in the languages where it is flagged ambiguous
                # (ja 中国 = the Chūgoku region too; zh 中国 is only China)
                amb = set(c.ambiguous.get(lang) or [])
                d = self.country_names.setdefault(lang, {})
                for f in forms:
                    if f and f not in amb and len(f) >= 2:
                        d.setdefault(f, c.iso3)
            for lang, forms in c.adjectives.items():
                d = self.country_adjs.setdefault(lang, {})
                for f in forms:
                    if f:
                        d.setdefault(f, c.iso3)
            for lang, forms in c.short.items():
                d = self.country_short.setdefault(lang, {})
                for f in forms:
                    if f:
                        d.setdefault(f, c.iso3)
        # Korean adjectival use is the name itself; add English adjectives of
        # multi-word forms "South Korean" etc. are in the data already.

    def _countries_from_pycountry(self) -> None:
        import gettext

        import pycountry
        for co in pycountry.countries:
            names = {LINGUA_FRANCA: [getattr(co, "common_name", None) or co.name]}
            for lang in supported():
                try:
                    t = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
                    names[lang] = [t.gettext(co.name)]
                except OSError:
                    pass
            self.countries[co.alpha_3] = Country(iso3=co.alpha_3, name=names[LINGUA_FRANCA][0], names=names)

    def country_name(self, iso3: str | None) -> str | None:
        if not iso3:
            return None
        if iso3 == "international":
            return "international"
        c = self.countries.get(iso3)
        return c.name if c else None

    def iso2(self, iso3: str | None) -> str | None:
        import pycountry

        c = pycountry.countries.get(alpha_3=iso3) if iso3 and iso3 != "international" else None
        return c.alpha_2 if c else None

    def iso3_of_iso2(self, iso2: str | None) -> str | None:
        import pycountry

        c = pycountry.countries.get(alpha_2=iso2) if iso2 else None
        return c.alpha_3 if c else None

    def iso3_of_name(self, name: str) -> str | None:
        """ISO3 of an English short name (or any known form)."""
        for c in self.countries.values():
            if c.name == name:
                return c.iso3
        for d in self.country_names.values():
            if name in d:
                return d[name]
        return None

    def country_regex(self, lang: str) -> re.Pattern | None:
        key = ("country", lang)
        if key not in self._regex_cache:
            # the language's own forms win over English ones and those of the languages
            # its news also uses (Vietnamese texts keep French forms)
            langs = list(dict.fromkeys([*pack(lang).words("country_names_from"), LINGUA_FRANCA, lang]))
            forms = {}
            if unruled(lang):
                # no rules for this language: every language's names, the risky ones left out
                for l, d in self.country_names.items():
                    if l in langs:
                        continue
                    for f, iso in d.items():
                        if _usable_foreign_form(f) and f not in self.country_ambiguous:
                            forms.setdefault(f, iso)
            for l in langs:
                forms.update({f: iso for f, iso in self.country_names.get(l, {}).items()})
            for f, iso in inflected(lang, self.country_names.get(lang, {})).items():
                forms.setdefault(f, iso)
            # a pack's own abbreviations (RI, РФ, США) are what that language's news means by them
            forms.update({f: str(iso) for f, iso in pack_words(lang, "country_abbreviations").items()})
            self._country_forms = getattr(self, "_country_forms", {})
            self._country_forms[lang] = forms
            self._regex_cache[key] = phrase_regex(forms)
        return self._regex_cache[key]

    def ambiguous_forms(self, lang: str) -> dict[str, str]:
        """Country names of a language that are also common words or given names (Mỹ, Đức): form -> ISO3."""
        key = ("ambiguous", lang)
        if key not in self._regex_cache:
            self._regex_cache[key] = {f: c.iso3 for c in self.countries.values() for f in c.ambiguous.get(lang) or []}
        return self._regex_cache[key]

    def country_forms(self, lang: str) -> dict[str, str]:
        self.country_regex(lang)
        return self._country_forms[lang]

    def adjective_regex(self, lang: str) -> re.Pattern | None:
        key = ("adj", lang)
        if key not in self._regex_cache:
            forms = dict(self.country_adjs.get(lang, {}))
            self._adj_forms = getattr(self, "_adj_forms", {})
            self._adj_forms[lang] = forms
            self._regex_cache[key] = phrase_regex(forms)
        return self._regex_cache[key]

    def adjective_forms(self, lang: str) -> dict[str, str]:
        self.adjective_regex(lang)
        return self._adj_forms[lang]

    # -- organisations -----------------------------------------------------
    def _orgs(self) -> None:
        data = _load_yaml("organizations.yaml") or []
        if isinstance(data, dict):
            data = data.get("organizations") or list(data.values())
        self.orgs: list[OrgEntry] = []
        for o in data or []:
            if not isinstance(o, dict) or not o.get("id"):
                continue
            # cooperation frameworks between a body and a country (ASEAN-Korea) are not agencies
            if o.get("kind") == "mechanism" and o.get("parent"):
                continue
            self.orgs.append(OrgEntry(
                id=o["id"], canonical=o.get("canonical") or o["id"], country=o.get("country"),
                kind=o.get("kind") or "", names=o.get("names") or {}, acronyms=o.get("acronyms") or [],
                default_for_bare_name=bool(o.get("default_for_bare_name"))))
        self.org_by_id = {o.id: o for o in self.orgs}
        # generic forms that, bare, mean one body by default (vi "Bộ Công an", ko "경찰청")
        self.bare_defaults: dict[str, set] = {}
        for o in data or []:
            if not isinstance(o, dict):
                continue
            dflt = o.get("default_for_bare_name")
            for lang, forms in (o.get("generic_names") or {}).items():
                if dflt is True or (isinstance(dflt, list) and lang in dflt):
                    self.bare_defaults.setdefault(lang, set()).update(fold(f) for f in forms or [] if f)

    def org_forms(self, lang: str) -> dict[str, OrgEntry]:
        key = ("orgforms", lang)
        if key not in self._regex_cache:
            forms: dict[str, OrgEntry] = {}
            for o in self.orgs:
                langs = [lang, LINGUA_FRANCA]
                if unruled(lang):
                    langs += [l for l in o.names if l not in langs]
                for l in langs:
                    for f in o.names.get(l, []) or []:
                        if f and len(f) >= 2 and (l in (lang, LINGUA_FRANCA) or _usable_foreign_form(f)):
                            # a bare form that another org also uses stays with the default
                            if f in forms and not o.default_for_bare_name:
                                continue
                            forms[f] = o
                            # typographic and straight apostrophes are the same name
                            for a, b in (("'", "’"), ("’", "'")):
                                if a in f and f.replace(a, b) not in forms:
                                    forms[f.replace(a, b)] = o
                for a in o.acronyms or []:
                    if a and (a not in forms or o.default_for_bare_name):
                        forms[a] = o
            self._regex_cache[key] = forms
        return self._regex_cache[key]

    def org_regex(self, lang: str) -> re.Pattern | None:
        key = ("orgre", lang)
        if key not in self._regex_cache:
            self._regex_cache[key] = phrase_regex(self.org_forms(lang))
        return self._regex_cache[key]

    # -- titles --------------------------------------------------------------
    def _titles(self, rules: dict) -> None:
        self.titles: dict[str, set[str]] = {}
        self.head_titles: set[str] = set(rules.get("head_titles") or [])
        for lang, items in (rules.get("titles") or {}).items():
            self.titles.setdefault(lang, set()).update(items or [])
        # titles that run lower case mid-sentence ("the Swiss justice minister, Karin
        # Keller-Sutter"): a lower-case title still needs a capitalised name after it
        for lang in supported():
            if pack(lang).get("lowercase_titles"):
                self.titles[lang] = self.titles.get(lang, set()) | {t.lower() for t in self.titles.get(lang, set())
                                                                    if len(t) > 3 and not t.isupper()}
        self.ranks = {lang: set(v or []) for lang, v in (rules.get("ranks") or {}).items()}
        self.honorifics = {lang: set(v or []) for lang, v in (rules.get("honorifics") or {}).items()}

    def title_regex(self, lang: str) -> re.Pattern | None:
        key = ("title", lang)
        if key not in self._regex_cache:
            items = set(self.titles.get(lang, set()))
            self._regex_cache[key] = phrase_regex(items)
        return self._regex_cache[key]

    def rank_regex(self, lang: str) -> re.Pattern | None:
        key = ("rank", lang)
        if key not in self._regex_cache:
            self._regex_cache[key] = phrase_regex(self.ranks.get(lang, set()) | self.honorifics.get(lang, set()))
        return self._regex_cache[key]

    # -- places --------------------------------------------------------------
    def _places(self) -> None:
        self.places: dict[str, dict[str, tuple[str, str | None]]] = {}   # lang -> form -> (name, iso3)

        def add(entry: dict) -> None:
            # world regions and city districts are not meeting places in the evaluation sense
            if entry.get("kind") in ("region", "district"):
                return
            name = entry.get("name") or entry.get("canonical")
            iso = entry.get("country")
            if iso and len(iso) != 3 and iso != "international":
                iso = self.iso3_of_name(iso)
            names = entry.get("names") or {}
            if not names.get(LINGUA_FRANCA) and name:
                names = {**names, LINGUA_FRANCA: [name]}
            for lang, forms in names.items():
                d = self.places.setdefault(lang, {})
                for f in forms or []:
                    if f:
                        d.setdefault(f, (name, iso))

        data = _load_yaml("places.yaml")
        if isinstance(data, dict):
            data = data.get("places") or [dict(v, name=v.get("name", k)) if isinstance(v, dict) else {} for k, v in data.items()]
        for e in data or []:
            if isinstance(e, dict):
                add(e)
        for e in _load_yaml("extract_places.yaml") or []:
            if isinstance(e, dict):
                add(e)

    def place_forms(self, lang: str) -> dict[str, tuple[str, str | None]]:
        key = ("placeforms", lang)
        if key not in self._regex_cache:
            forms = {}
            langs = [lang, LINGUA_FRANCA]
            if unruled(lang):
                langs += [l for l in self.places if l not in langs]
            for l in langs:
                for f, v in self.places.get(l, {}).items():
                    if l in (lang, LINGUA_FRANCA) or _usable_foreign_form(f):
                        forms.setdefault(f, v)
            forms.update({f: v for f, v in self._script_cities(lang).items() if f not in forms})
            self._regex_cache[key] = forms
        return self._regex_cache[key]

    def _script_cities(self, lang: str) -> dict[str, tuple[str, str | None]]:
        """A pack written in another script than Latin finds GeoNames cities by their names
        in that script (Москва and its cases, 连云港, กวางโจว)."""
        script = {"cyrillic": "CYRILLIC", "han": "CJK", "thai": "THAI"}.get(pack_script(lang))
        if script is None:
            return {}
        from ..gazetteer import names_in_script
        from ..normalize import fold_script

        variant = script_variant(lang)
        normaliser = pack_words(lang, "name_normaliser") or None
        forms: dict[str, tuple[str, str | None]] = {}
        for name, c in names_in_script(script).items():
            if name in self.country_forms(lang) or (script != "CJK" and len(name) < 4):
                continue
            if normaliser and is_personal_name(name, normaliser):
                continue        # Владимир, Ван: a first name before it is a city
            v = (c.name, self.iso3_of_iso2(c.country))
            forms.setdefault(fold_script(name, variant) if variant else name, v)
        # a case form names the city by its nominative, in the article's script (Москве -> Москва)
        for f, v in inflected(lang, {name: (name, v[1]) for name, v in forms.items()}).items():
            forms.setdefault(f, v)
        return forms

    def place_regex(self, lang: str) -> re.Pattern | None:
        key = ("placere", lang)
        if key not in self._regex_cache:
            self._regex_cache[key] = phrase_regex(self.place_forms(lang))
        return self._regex_cache[key]

    # -- topics / meetings ---------------------------------------------------
    def _topics(self, rules: dict) -> None:
        self.topics: dict[str, dict[str, list[str]]] = {}
        for topic, per_lang in (rules.get("topics") or {}).items():
            for lang, words in (per_lang or {}).items():
                self.topics.setdefault(lang, {}).setdefault(topic, []).extend(words or [])

    def _meetings(self, rules: dict) -> None:
        self.triggers: dict[str, dict[str, str]] = {}
        for lang, d in (rules.get("meeting_triggers") or {}).items():
            self.triggers.setdefault(lang, {}).update(d or {})

    def trigger_regex(self, lang: str) -> re.Pattern | None:
        key = ("trig", lang)
        if key not in self._regex_cache:
            # Latin-script meeting words match in any case ("Talks", "Conference", "Hội nghị")
            flags = re.I if spaced_script(lang) else 0
            self._regex_cache[key] = phrase_regex(self.triggers.get(lang, {}), flags=flags)
        return self._regex_cache[key]

    def trigger_kind(self, lang: str, word: str) -> str | None:
        d = self.triggers.get(lang, {})
        if word in d:
            return d[word]
        key = ("trigfold", lang)
        if key not in self._regex_cache:
            low: dict[str, str] = {}
            for w, k in d.items():
                low.setdefault(w.lower(), k)
            self._regex_cache[key] = low
        return self._regex_cache[key].get(word.lower())

    def _concepts(self) -> None:
        data = _load_yaml("org_concepts.yaml") or {}
        self.concept_generic = {lang: set(v or []) for lang, v in (data.get("generic") or {}).items()}
        self.concepts: dict[str, str] = {}       # folded phrase -> concept
        for concept, per_lang in (data.get("concepts") or {}).items():
            for lang, forms in (per_lang or {}).items():
                for f in forms or []:
                    self.concepts[fold(f)] = concept
        self.international_concepts = {"interpol", "europol", "aseanapol", "asean", "unodc"}


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()
