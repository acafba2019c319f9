"""Canonical ids for extracted entities, and merge proposals for review.

Ids are a pure function of what the article says, so the same entity gets
the same id in every article and every run:

- Country: `country:<ISO3>`.
- Organization: the gazetteer id when the name is in organizations.yaml;
  else `org:<iso3>-<concept>` when the name is a known kind of agency
  (org_concepts.yaml: Bộ Công an = Ministry of Public Security = ministère de
  la Sécurité publique = 공안부 = 公安省, with the country); else
  `org:<iso3|intl|unk>-<slug>`.
- Person: `person:<key>` where the key is transliteration-insensitive:
  Hangul and katakana are romanised, Latin diacritics folded, the name split
  into syllables and each reduced to a consonant skeleton, then sorted, so
  Tô Lâm = To Lam = トー・ラム = 또 람 and Cho Ji-ho = Cho Ji Ho = Ji-ho Cho.
- Place / Agreement: `place:<slug>` / `agreement:<slug>`.

`review_candidates` proposes uncertain merges (garbled transliterations,
shared surname + title) instead of merging silently; `review_blocks` gives
the keys two entities must share to be compared at all, so review of a load
compares each new entity with a few others instead of every pair.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz.fuzz import ratio as _ratio

from .model import Entity, Extraction
from .normalize import fold as _fold
from .normalize import script_of, slug


# ------------------------------------------------------------------ romanisation
_L = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
_V = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu",
      "eu", "ui", "i"]
_T = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
      "ng", "t", "t", "k", "t", "p", "t"]
# common romanisations of Korean surnames
_KO_SURNAME = {"김": "kim", "이": "lee", "박": "park", "최": "choi", "정": "jung", "조": "cho", "윤": "yoon",
               "장": "jang", "임": "lim", "한": "han", "오": "oh", "신": "shin", "권": "kwon", "황": "hwang",
               "송": "song", "류": "ryu", "유": "yoo", "노": "roh", "우": "woo", "문": "moon", "양": "yang"}


def romanize_hangul(text: str, surname_first: bool = True) -> str:
    out = []
    for word in text.split():
        syl = []
        for i, ch in enumerate(word):
            o = ord(ch) - 0xAC00
            if 0 <= o < 11172:
                if i == 0 and surname_first and len(word) in (2, 3, 4) and ch in _KO_SURNAME:
                    syl.append(_KO_SURNAME[ch])
                    continue
                syl.append(_L[o // 588] + _V[(o % 588) // 28] + _T[o % 28])
            else:
                syl.append(ch)
        out.append(" ".join(syl) if len(word) in (2, 3, 4) and len(text.split()) == 1 else "".join(syl))
    return " ".join(out)


_KANA = {}
for row, cons in zip(
        ["アイウエオ", "カキクケコ", "サシスセソ", "タチツテト", "ナニヌネノ", "ハヒフヘホ", "マミムメモ", "ヤ ユ ヨ",
         "ラリルレロ", "ワ   ヲ", "ガギグゲゴ", "ザジズゼゾ", "ダヂヅデド", "バビブベボ", "パピプペポ"],
        ["", "k", "s", "t", "n", "h", "m", "y", "r", "w", "g", "z", "d", "b", "p"]):
    for ch, v in zip(row, "aiueo"):
        if ch != " ":
            _KANA[ch] = cons + v
_KANA.update({"シ": "shi", "チ": "chi", "ツ": "tsu", "フ": "fu", "ジ": "ji", "ン": "n", "ヴ": "vu",
              "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o", "ャ": "ya", "ュ": "yu", "ョ": "yo", "ッ": "",
              "ー": ""})


def romanize_kana(text: str) -> str:
    out = []
    for ch in text:
        if "ぁ" <= ch <= "ゖ":
            ch = chr(ord(ch) + 0x60)
        if ch in ("ァ", "ィ", "ゥ", "ェ", "ォ", "ャ", "ュ", "ョ") and out:
            prev = out.pop()
            base = prev[:-1] if prev and prev[-1] in "aiueo" else prev
            out.append(base + _KANA[ch])
            continue
        if ch == "・":
            out.append(" ")
            continue
        out.append(_KANA.get(ch, ch))
    return "".join(out)


def _skeleton(token: str) -> str:
    """Consonant skeleton of one name syllable/word, tolerant of transliteration."""
    t = _fold(token)
    t = re.sub(r"[^a-z]", "", t)
    if not t:
        return ""
    t = t.replace("ph", "f").replace("th", "t").replace("kh", "k").replace("ch", "c").replace("sh", "s")
    t = t.replace("ng", "n").replace("nh", "n").replace("gh", "g").replace("tr", "c").replace("qu", "k")
    t = re.sub(r"(?<=[aeiou])r$", "", t)          # Sar ~ サー
    t = re.sub(r"(?<=[mn])u$", "", t)             # ラム ramu ~ Lam
    classes = {"b": "p", "p": "p", "f": "p", "v": "p", "w": "",
               "d": "t", "t": "t", "g": "k", "k": "k", "c": "s", "q": "k", "x": "s", "j": "s", "z": "s",
               "s": "s", "l": "l", "r": "l", "m": "m", "n": "n", "h": "", "y": ""}
    out = []
    vowel_done = False
    for ch in t:
        if ch in "aeiou":
            # the first vowel keeps Seong / Sing and Văn / Vĩnh apart
            if not vowel_done:
                out.append(ch)
                vowel_done = True
            continue
        cl = classes.get(ch, ch)
        if cl and (not out or out[-1] != cl):
            out.append(cl)
    return "".join(out) or t[0]


def person_key(name: str) -> str:
    text = name.strip()
    if re.search(r"[가-힣]", text):
        text = romanize_hangul(text)
    if re.search(r"[ァ-ヺぁ-ゖ]", text):
        text = romanize_kana(text)
    if re.search(r"[一-龥]", text):
        return slug(text)
    text = re.sub(r"\b(Jr|Sr)\.?", " ", text)
    parts = [p for p in re.split(r"[\s\-‐·・]+", _fold(text)) if p]
    if not parts:
        return slug(name)
    skel = sorted(_skeleton(p) for p in parts if _skeleton(p))
    return "-".join(skel) or slug(name)


# ------------------------------------------------------------------ ids
def org_id(e: Entity, language: str) -> str:
    from .extract.languages import LINGUA_FRANCA
    from .extract.lexicon import lexicon
    from .extract.orgs import org_concept

    lex = lexicon()
    names = [e.name, *e.aliases]
    for n in names:
        for lang in (language, LINGUA_FRANCA):
            # exact form first, then case/diacritic-folded (INTERPOL = Interpol)
            o = lex.org_forms(lang).get(n) or _folded_org_forms(lang).get(_fold(n))
            if o is not None:
                return o.id
    # "Policía Nacional de España": a known body's name with its own country joined after it
    from .extract.languages import pack_words

    for n in names:
        for joiner in pack_words(language, "org_country_connectors"):
            head, sep, tail = n.rpartition(f" {joiner} ")
            o = lex.org_forms(language).get(head) if sep else None
            if o is not None and o.country and lex.country_forms(language).get(tail) == o.country:
                return o.id
    iso = lex.iso3_of_name(e.country) if e.country and e.country != "international" else None
    for n in names:
        concept = org_concept(lex, n, language)
        if concept:
            if concept in lex.international_concepts:
                return f"org:intl-{concept}"
            # a gazetteer org of the same country and concept keeps its id
            for o in lex.orgs:
                if o.country == iso and any(org_concept(lex, f, l) == concept for l, fs in o.names.items() for f in fs[:3]):
                    return o.id
            return f"org:{(iso or 'unk').lower()}-{concept}"
    scope = "intl" if e.country == "international" else (iso or "unk").lower()
    return f"org:{scope}-{slug(e.name)}"


@functools.lru_cache(maxsize=None)
def _folded_org_forms(lang: str) -> dict:
    from .extract.lexicon import lexicon

    folded: dict = {}
    for form, org in lexicon().org_forms(lang).items():
        folded.setdefault(_fold(form), org)
    return folded


def _resolve_place(e: Entity, lex) -> None:
    """A city the gazetteer knows gets its id (place:hanoi-vn in every language) and its
    country; any other place keeps an id from its name."""
    from .gazetteer import city

    iso3 = lex.iso3_of_name(e.country) if e.country else None
    iso2 = lex.iso2(iso3) if iso3 else None
    found = city(e.name, iso2) or (city(e.name) if not e.country else None)
    if found is None:
        e.id = f"place:{slug(e.name)}"
        return
    e.id = found.id
    if not e.country:
        e.country = lex.country_name(lex.iso3_of_iso2(found.country))


def _is_latin(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and all(unicodedata.name(ch, "").startswith("LATIN") for ch in letters)


def display_name(type_: str, entity_id: str, names) -> str:
    """The name an entity is shown by, from all its names, whatever order they came in.

    - An agency the gazetteer knows: its English name (loaders/data/organizations.yaml);
      a city: GeoNames' name; a country: its English short name.
    - Otherwise a Latin-script form when there is one, else a form in the script most
      of its names are written in. Among those, the fullest (most words: Jurgen Stock,
      not Stock; then the spelling most of them share once folded: Tô Lâm, To Lam and
      TO LAM are one), written with the most diacritics (Tô Lâm rather than To Lam),
      then the shortest, then in alphabetical order.
    """
    from .extract.lexicon import lexicon
    from .gazetteer import city_of_id

    lex = lexicon()
    if type_ == "Organization":
        org = lex.org_by_id.get(entity_id)
        if org is not None and org.canonical:
            return org.canonical
    elif type_ == "Place":
        c = city_of_id(entity_id)
        if c is not None:
            return c.name
    elif type_ == "Country" and entity_id.startswith("country:"):
        english = lex.country_name(entity_id.split(":", 1)[1])
        if english:
            return english
    pool = sorted({n for n in names if n and n.strip()})
    if not pool:
        return entity_id
    latin = [n for n in pool if _is_latin(n)]
    if latin:
        pool = latin
    else:
        scripts: dict[str, int] = {}
        for n in pool:
            scripts[script_of(n)] = scripts.get(script_of(n), 0) + 1
        top = min(scripts, key=lambda k: (-scripts[k], k))
        pool = [n for n in pool if script_of(n) == top]
    groups: dict[str, list[str]] = {}
    for n in pool:
        groups.setdefault(_fold(n), []).append(n)
    best = min(groups.values(), key=lambda g: (-len(_fold(g[0]).split()), -len(g), -len(_fold(g[0])), _fold(g[0])))
    return min(best, key=lambda n: (-sum(1 for ch in n if ord(ch) > 127 and ch.isalpha()), len(n), n))


def assign_ids(ex: Extraction) -> None:
    from .extract.lexicon import lexicon

    lex = lexicon()
    for e in ex.entities:
        if e.type == "Country":
            e.id = f"country:{e.iso3 or lex.iso3_of_name(e.name) or slug(e.name)}"
        elif e.type == "Organization":
            e.id = org_id(e, ex.language)
        elif e.type == "Person":
            e.id = f"person:{person_key(e.name)}"
        elif e.type == "Place":
            _resolve_place(e, lex)
        else:
            e.id = f"agreement:{slug(e.name)[:80]}"
    for i, m in enumerate(ex.meetings):
        m.id = f"meeting:{ex.name}:{i}"


# ------------------------------------------------------------------ review
@dataclass
class ReviewCandidate:
    a_id: str
    b_id: str
    a_name: str
    b_name: str
    type: str
    score: float
    reason: str


#: Name parts shared by too many people to count as evidence (Vietnamese
#: middle names; surnames come from the lexicon).
_COMMON_PARTS = {"van", "thi", "huu", "duc", "minh", "quoc", "jr", "sr", "bin", "binti"}


def review_candidates(entities: list[Entity], documents: dict[str, set[str]] | None = None,
                      threshold: float = 0.6) -> list[ReviewCandidate]:
    """Pairs of same-type people/organisations that may be one entity, most likely first.

    Evidence is kept narrow so that the list stays worth an analyst's time:
    people need a matching distinctive name part (not just a common surname)
    or, in one article, a shared surname and the same title; organisations
    of two different countries are never proposed. `documents` maps entity
    ids to the documents that mention them; without it the entities are
    taken to come from one article.
    """
    out = []
    for type_ in ("Person", "Organization"):
        for a, b in combinations([e for e in entities if e.type == type_], 2):
            if a.id and a.id == b.id:
                continue
            same_doc = documents is None or bool(documents.get(a.id, set()) & documents.get(b.id, set()))
            found = evidence(a, b, same_doc)
            if found and found[0] >= threshold:
                out.append(ReviewCandidate(a.id, b.id, a.name, b.name, type_, round(found[0], 3), found[1]))
    out.sort(key=lambda r: (-r.score, r.a_id, r.b_id))
    return out


def _similarity(a: str, b: str) -> float:
    return _ratio(a, b) / 100.0


@functools.lru_cache(maxsize=200_000)
def _name_parts(name: str) -> tuple[str, ...]:
    text = name
    if re.search(r"[가-힣]", text):
        text = romanize_hangul(text)
    if re.search(r"[ァ-ヺぁ-ゖ]", text):
        text = romanize_kana(text)
    return tuple(p for p in re.split(r"[\s\-‐·・.,]+", _fold(text)) if p)


@functools.lru_cache(maxsize=1)
def _common_parts() -> frozenset:
    from .extract.languages import pack
    from .extract.lexicon import lexicon

    # family names shared by many people (Nguyễn, Trần) tell nobody apart
    return frozenset({_fold(s) for lang, names in lexicon().surnames.items() if pack(lang).spaced for s in names}
                     | _COMMON_PARTS)


def _distinctive(parts) -> list[str]:
    common = _common_parts()
    return [p for p in parts if p not in common]


@functools.lru_cache(maxsize=200_000)
def _person_features(name: str):
    parts = _name_parts(name)
    da = _distinctive(parts)
    return parts, da, frozenset({_skeleton(p) for p in da} - {""})


#: Tokens this short say nothing about an organisation ("of", "la", "des").
_ORG_TOKEN_MIN = 3
MAX_BLOCKS = 24


def review_blocks(type_: str, names) -> list[str]:
    """Blocking keys: two entities are compared for review only if they share one.

    They follow the evidence the rules below need across articles (pairs in
    one article are compared anyway): for people, the consonant skeletons of
    distinctive name parts, and only for names with two or more of them (one
    shared part is never enough across articles); for organisations, a folded
    word of three letters or more (names that contain each other share one,
    and names spelled alike almost always do) or the whole folded name. Keys
    are plain word characters, safe in a Lucene query.
    """
    keys: list[str] = []
    for name in names:
        if type_ == "Person":
            _, _, skeletons = _person_features(name)
            if len(skeletons) >= 2:
                keys += [f"ps_{k}" for k in sorted(skeletons)]
        else:
            folded = _fold(name)
            keys += [f"ot_{t}" for t in folded.split() if len(t) >= _ORG_TOKEN_MIN]
            if folded:
                keys.append("of_" + folded.replace(" ", "_"))
    return [k for k in dict.fromkeys(keys) if len(k) > 3][:MAX_BLOCKS]


def evidence(a: Entity, b: Entity, same_doc: bool) -> tuple[float, str] | None:
    """Why a and b (same type) may be one entity, as (score, reason), or None."""
    if a.type != b.type:
        return None
    return _person_evidence(a, b, same_doc) if a.type == "Person" else _org_evidence(a, b)


def _person_evidence(a: Entity, b: Entity, same_doc: bool) -> tuple[float, str] | None:
    pa, da, sa = _person_features(a.name)
    pb, db, sb = _person_features(b.name)
    if not pa or not pb:
        return None
    same_title = bool(a.title and b.title and _fold(a.title) == _fold(b.title))
    spelling = _similarity(" ".join(da), " ".join(db)) if da and db else 0.0
    shared_sound = sa & sb
    # A single shared part ("Seong") is common across Korean or Vietnamese
    # names; two, or one in the same article, say more.
    enough = min(len(sa), len(sb)) >= 2 or same_doc
    if enough and shared_sound and len(shared_sound) >= min(len(sa), len(sb)) and spelling >= 0.5:
        # every distinctive part of the shorter name sounds alike: a transliteration variant
        score = 0.6 + 0.3 * spelling + (0.1 if same_doc else 0.0)
        return min(score, 1.0), f"distinctive name parts sound alike ({', '.join(sorted(da))} ~ {', '.join(sorted(db))})"
    if same_doc and pa[0] == pb[0] and (same_title or spelling >= 0.4 or (len(pa) > 2 and pa[:2] == pb[:2])):
        # one article, one surname, one role: a garbled or partial spelling of the same person
        score = 0.6 + (0.2 if same_title else 0.0) + 0.2 * spelling
        why = "same article, same surname" + (", same title" if same_title else "") + f", spelling {spelling:.2f}"
        return min(score, 1.0), why
    return None


def _org_evidence(a: Entity, b: Entity) -> tuple[float, str] | None:
    if a.country and b.country and a.country != b.country:
        return None
    forms_a = {_fold(f) for f in a.surface_forms()} - {""}
    forms_b = {_fold(f) for f in b.surface_forms()} - {""}
    if forms_a & forms_b:
        return 1.0, "same name: " + sorted(forms_a & forms_b)[0]
    best = None
    for fa in sorted(forms_a):
        for fb in sorted(forms_b):
            short, long_ = sorted((fa, fb), key=len)
            if len(short.split()) >= 2 and f" {short} " in f" {long_} ":
                cand = (0.7, f"one name contains the other ({short!r})")
            else:
                r = _similarity(fa, fb)
                cand = (r, f"spelling similarity {r:.2f}") if r >= 0.85 else None
            if cand and (best is None or cand[0] > best[0]):
                best = cand
    return best


def skeleton_overlap(a: str, b: str) -> bool:
    ka, kb = set(person_key(a).split("-")), set(person_key(b).split("-"))
    return len(ka & kb) >= max(1, min(len(ka), len(kb)) - 1)
