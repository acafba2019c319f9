"""A synthetic multilingual corpus for speed and scale benchmarks, never for quality scores.

Each synthetic article is one of the real articles in `corpus/` with its
people, countries and years swapped:

1. Once per process, every seed article is extracted with the project's own
   pipeline; the person and country mentions (offsets into the body) and the
   years become the slots of a `Template`.
2. Each generated article picks a seed, draws people from a per-language,
   per-name-style pool with a Zipf distribution (a few hubs, a long tail;
   about N/5 people in all), draws other countries of the same language the
   same way, and shifts every year so publication dates spread over
   2001-2025. Rendering is string concatenation.
3. Files are written as they are made (`DIR/000/synth-000000.txt`, 1,000 per
   folder), each with a header that says `synthetic: true`; `DIR/SYNTHETIC.md`
   says what they are for. The same N and seed give byte-identical files.

Generated names are built from the name parts of the seeds' own people
(surnames, given names) plus small built-in lists in the same script, so the
extractor's rules (titles, surname lists, katakana with a middle dot) find
them as it finds the real ones.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import os
import random
import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from .errors import LiaisonError

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
PER_FOLDER = 1000
YEARS = (2001, 2025)
PEOPLE_PER_ARTICLE = 0.2       # pool size: about N/5 distinct people
MIN_POOL = 12
ZIPF_S = 1.05
MANIFEST = "SYNTHETIC.md"
CACHE_DIR = Path(os.environ.get("LIAISON_CACHE_DIR", Path(__file__).resolve().parents[1] / ".cache"))

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
_FR_ARTICLE = re.compile(r"^(la |le |les |l'|l’)", re.I)


class SynthError(LiaisonError):
    """The synthetic corpus cannot be made (bad arguments, no seed articles)."""


# --------------------------------------------------------------------------- name styles

_NAME_PARTICLES = {"bin", "binti", "bint", "van", "von", "der", "del", "della", "dos", "das", "ibn"}
_VI_MARKS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
_KO_ROM_SURNAMES = {"Kim", "Lee", "Park", "Choi", "Cho", "Jung", "Jeong", "Kang", "Yoon", "Yoo", "Jang",
                    "Lim", "Han", "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Hong", "Moon", "Yun"}

# Built-in parts, in each script; the seeds' own people add to them.
_VI_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
                "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Lương", "Tô", "Trương", "Đinh", "Mai", "Cao"]
_VI_MIDDLE = ["Văn", "Minh", "Đức", "Quốc", "Hữu", "Thanh", "Xuân", "Công", "Đình", "Ngọc", "Hồng",
              "Anh", "Tiến", "Bá", "Trọng", "Tam", "Đại", "Việt", "Hải", "Thế"]
_VI_GIVEN = ["Quang", "Hùng", "Dũng", "Tuấn", "Sơn", "Hải", "Long", "Thắng", "Bình", "Cường", "Phúc",
             "Thành", "Trung", "Nam", "Khánh", "Hiếu", "Toàn", "Vinh", "Lợi", "Tâm", "Hưng", "Tài"]
_KO_ROM_GIVEN = ["ji", "ho", "jae", "myung", "chang", "ryong", "min", "seong", "hyun", "woo", "jin",
                 "young", "su", "hee", "dong", "sung", "kyung", "tae", "jun", "seok", "won", "hoon"]
_LATIN_GIVEN = {
    "en": ["John", "Michael", "David", "Andrew", "Peter", "Mark", "Paul", "James", "Sarah", "Anna",
           "Robert", "Thomas", "Helen", "Daniel", "Maria", "Ahmad", "Rizal", "Carlos"],
    "fr": ["Jean", "Pierre", "Michel", "Laurent", "Nicolas", "Philippe", "Sophie", "Claire", "Olivier",
           "Julien", "Karim", "Youssef", "Nadia", "Mathieu", "Élise", "François"],
    "vi": ["Michael", "Peter", "Hun", "Sar", "Sok", "Boun", "Somsak", "Ahmad", "Kim", "Anna"],
}
_LATIN_SURNAMES = {
    "en": ["Smith", "Walker", "Hughes", "Morgan", "Santos", "Reyes", "Tan", "Lim", "Wong", "Ibrahim",
           "Rahman", "Fischer", "Novak", "Kowalski", "Brennan", "Okafor", "Dela Cruz", "Hassan"],
    "fr": ["Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Lefèvre", "Girard", "Bonnet", "Mercier",
           "Benali", "Haddad", "Rousseau", "Fontaine", "Chevalier", "Garnier", "Lambert"],
    "vi": ["Sokha", "Keo", "Phommavong", "Siphandone", "Kheng", "Chan", "Stock", "Bakar", "Yussof"],
}
_KO_SURNAMES = list("김이박최정강조윤장임한오서신권황안송류홍전고문손양배")
_KO_SYLLABLES = list("민준서연지호현우성진영수희동경태석원훈철재용상혁은주선미정규")
_KO_FOREIGN = ["또", "람", "찌어", "뻐우", "레", "귀", "브엉", "응우옌", "쩐", "로널드", "델라", "로사", "훈", "센",
               "마넷", "소피", "분", "캄", "사이", "통", "닷", "마리", "존", "피터", "안"]
_JA_SURNAMES = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田",
                "山口", "松本", "井上", "木村", "斎藤", "清水", "森田", "池田", "石川", "前田", "岡田", "長谷"]
_JA_GIVEN1 = list("健浩正和康英雅博俊秀隆直義史裕孝")
_JA_GIVEN2 = list("一二太郎介明彦夫雄樹治也人司")
_KANA = ["トー", "ラム", "フン", "マネ", "セン", "サー", "ケン", "ヴィ", "ライ", "カム", "ポン", "グエン", "チャン",
         "タン", "ミン", "ソク", "ブン", "ホア", "ロン", "マイ", "キム", "ドン", "ハイ", "ティ", "ナム", "ビン"]


def _style(name: str, lang: str, vi_surnames: set, ko_surnames: set) -> str | None:
    """How a person's name is written, so a replacement is written the same way."""
    if re.search(r"[ァ-ヺ]", name):
        return "kana"
    if re.fullmatch(r"[一-龥々]{2,5}", name):
        return "kanji"
    if re.search(r"[가-힣]", name):
        if " " in name:
            return "hangul-spaced"
        if re.fullmatch(r"[가-힣]{3}", name) and name[0] in ko_surnames:
            return "hangul"
        return None           # not a name the rules would find again ("국제")
    toks = name.split()
    if not toks or not all(t[:1].isupper() for t in toks if t.isalpha() and len(t) > 2 and t not in _NAME_PARTICLES):
        return None
    if toks[0] in _KO_ROM_SURNAMES and len(toks) >= 2 and ("-" in name or len(toks) == 3):
        return "ko-rom"
    if any(ch in _VI_MARKS for ch in name.lower()) and (lang == "vi" or toks[0] in vi_surnames):
        return "vi"
    if toks[0] in vi_surnames and len(toks) >= 2:
        return "vi" if lang == "vi" else "vi-ascii"
    return "latin"


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in text if not 0x300 <= ord(c) <= 0x36F))


@dataclass
class _Parts:
    """Name parts for one (language, style): surnames first, given parts second."""
    surnames: list = field(default_factory=list)
    given: list = field(default_factory=list)

    def add(self, surname: str | None, given: str | None) -> None:
        if surname and surname not in self.surnames:
            self.surnames.append(surname)
        if given and given not in self.given:
            self.given.append(given)


def _make_name(style: str, lang: str, parts: _Parts, rng: random.Random) -> tuple[str, list[str], str]:
    """(full name, tokens, separator) in the given style."""
    S, G = parts.surnames, parts.given
    if style in ("vi", "vi-ascii"):
        toks = [rng.choice(S)]
        if rng.random() < 0.85:
            toks.append(rng.choice(_VI_MIDDLE))
        toks.append(rng.choice(G))
        if style == "vi-ascii":
            toks = [_ascii(t) for t in toks]
        return " ".join(toks), toks, " "
    if style == "ko-rom":
        a, b = rng.sample(_KO_ROM_GIVEN, 2)
        toks = [rng.choice(S), f"{a.capitalize()}-{b}"]
        return " ".join(toks), toks, " "
    if style == "latin":
        toks = [rng.choice(G)]
        if rng.random() < 0.15:
            toks.append(rng.choice(G))
        toks.append(rng.choice(S))
        if toks[0] == toks[1]:
            toks.pop(0)
        return " ".join(toks), toks, " "
    if style == "hangul":
        toks = [rng.choice(S), "".join(rng.sample(_KO_SYLLABLES, 2))]
        return "".join(toks), toks, ""
    if style == "hangul-spaced":
        toks = rng.sample(G, rng.choice((2, 2, 3)))
        return " ".join(toks), toks, " "
    if style == "kanji":
        given = rng.choice(_JA_GIVEN1) + (rng.choice(_JA_GIVEN2) if rng.random() < 0.8 else "")
        sur = rng.choice(S)
        if len(sur) + len(given) > 4:
            given = given[:1]
        toks = [sur, given]
        return "".join(toks), toks, ""
    if style == "kana":
        toks = ["".join(rng.sample(G, rng.choice((1, 2)))) for _ in range(2)]
        return "・".join(toks), toks, "・"
    raise ValueError(style)


def _builtin_parts(lang: str, style: str) -> _Parts:
    p = _Parts()
    if style in ("vi", "vi-ascii"):
        p.surnames, p.given = list(_VI_SURNAMES), list(_VI_GIVEN)
    elif style == "ko-rom":
        p.surnames = sorted(_KO_ROM_SURNAMES)
    elif style == "latin":
        p.given, p.surnames = list(_LATIN_GIVEN.get(lang, _LATIN_GIVEN["en"])), \
            list(_LATIN_SURNAMES.get(lang, _LATIN_SURNAMES["en"]))
    elif style == "hangul":
        p.surnames = list(_KO_SURNAMES)
    elif style == "hangul-spaced":
        p.given = list(_KO_FOREIGN)
    elif style == "kanji":
        p.surnames = list(_JA_SURNAMES)
    elif style == "kana":
        p.given = list(_KANA)
    return p


def _harvest(parts: _Parts, style: str, name: str, vi_surnames: set) -> None:
    toks = name.split()
    if style == "vi" and len(toks) >= 2:
        parts.add(toks[0] if toks[0] in vi_surnames else None, toks[-1])
    elif style == "vi-ascii" and len(toks) >= 2:
        pass                      # built from the Vietnamese parts, folded
    elif style == "latin":
        toks = [t for t in toks if t.isalpha() and t[:1].isupper() and len(t) > 2 and t not in {"Jr", "Sr"}]
        if len(toks) >= 2:
            parts.add(toks[-1], toks[0])
    elif style == "hangul" and len(name) == 3:
        parts.add(name[0], None)
    elif style == "hangul-spaced":
        for t in toks:
            parts.add(None, t)
    elif style == "kanji" and len(name) in (3, 4) and len(name) - 2 >= 1:
        parts.add(name[:2] if len(name) == 4 else name[:1], None)
    elif style == "kana":
        for t in name.split("・"):
            parts.add(None, t)


# --------------------------------------------------------------------------- templates


@dataclass
class Template:
    name: str                      # seed file stem
    language: str
    base_year: int
    month: int | None
    day: int | None
    body: list                     # literal strings and slot tuples, in order
    title: list
    people: list[tuple[str, str, list[str]]]   # (style, original name, tokens) per person slot
    countries: list[str]           # original iso3 per country slot


def _person_slot(name: str, toks: list[str], compact: bool, mention: str, idx: int):
    if mention == name:
        return ("p", idx, "full")
    if compact:
        if name.startswith(mention):
            return ("p", idx, "first")
        if name.endswith(mention):
            return ("p", idx, "last")
        return ("p", idx, "full")
    mt = mention.split()
    if mt == toks[:len(mt)]:
        return ("p", idx, "first" if len(mt) == 1 else "full")
    if mt == toks[-len(mt):]:
        return ("p", idx, "last" if len(mt) == 1 else "full")
    return ("p", idx, "full")


# Korean particles that change with the noun before them: (after a final consonant, after a vowel)
_KO_PARTICLES = {"으로": ("으로", "로"), "로": ("으로", "로"), "을": ("을", "를"), "를": ("을", "를"),
                 "이": ("이", "가"), "가": ("이", "가"), "은": ("은", "는"), "는": ("은", "는"),
                 "과": ("과", "와"), "와": ("과", "와")}
_KO_PARTICLE = re.compile(r"(으로|로|을|를|이|가|은|는|과|와)(?![가-힣])")


def _compile(text: str, spans: list[tuple[int, int, tuple]], lang: str = "") -> list:
    """Literal pieces and slots, spans taken left to right, overlaps dropped.
    In Korean, a particle right after a name becomes a slot too ("라오스를", "한국을")."""
    out, pos = [], 0
    for s, e, slot in sorted(spans, key=lambda x: (x[0], -x[1])):
        if s < pos:
            continue
        if s > pos:
            out.append(text[pos:s])
        out.append(slot)
        pos = e
        if lang == "ko" and slot[0] in ("p", "c") and (m := _KO_PARTICLE.match(text, e)):
            out.append(("k", *_KO_PARTICLES[m.group(1)], m.group(1)))
            pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return out


def build_template(path: Path, article=None, ex=None, known: set[str] = frozenset()) -> Template:
    """The slots of one seed. `known` are people found in the other seeds: where one of
    them is written here but the extractor missed it, it is swapped too ("To Lam")."""
    from .extract.dates import find_dates
    from .extract.languages import pack
    from .extract.lexicon import lexicon
    from .pipeline import extract_article
    from .read import read_article

    article = article or read_article(path)
    ex = ex or extract_article(article)
    lang = ex.language
    lex = lexicon()
    body = article.body
    spans: list[tuple[int, int, tuple]] = []
    people, countries = [], []
    taken: list[tuple[int, int]] = []
    other = [(m.start, m.end) for e in ex.entities if e.type not in ("Person", "Country") for m in e.mentions]

    found = [(e.name, e.mentions) for e in ex.entities if e.type == "Person"]
    own = {name for name, _m in found}
    found += [(name, []) for name in sorted(known - own, key=lambda x: (-len(x), x)) if name in body]
    for name, mentions in found:
        style = _style(name, lang, lex.surnames.get("vi", set()), lex.surnames.get("ko", set()))
        if style is None:
            continue
        sep = "・" if style == "kana" else " "
        toks = name.split(sep)
        compact = style in ("hangul", "kanji")
        idx = len(people)
        added = False
        for m in mentions:
            if body[m.start:m.end] != m.text:
                continue
            spans.append((m.start, m.end, _person_slot(name, toks, compact, m.text, idx)))
            taken.append((m.start, m.end))
            added = True
        # the same name where the extractor did not mark it
        for mm in re.finditer(re.escape(name), body):
            if not any(a < mm.end() and mm.start() < b for a, b in taken + other):
                spans.append((mm.start(), mm.end(), ("p", idx, "full")))
                taken.append(mm.span())
                added = True
        if added:
            people.append((style, name, toks))

    country_forms, adj_forms = lex.country_forms(lang), lex.adjective_forms(lang)
    for e in ex.entities:
        if e.type != "Country" or not e.iso3 or e.iso3 not in lex.countries:
            continue
        idx = None
        for m in e.mentions:
            if body[m.start:m.end] != m.text or any(a < m.end and m.start < b for a, b in other + taken):
                continue
            if country_forms.get(m.text) == e.iso3:
                art = _FR_ARTICLE.match(m.text) if lang == "fr" else None
                kind = ("article", art.group(1)) if art else ("name", "")
            elif adj_forms.get(m.text) == e.iso3:
                kind = ("adj", m.text[:1].isupper())
            else:
                continue
            if idx is None:
                idx = len(countries)
                countries.append(e.iso3)
            spans.append((m.start, m.end, ("c", idx, *kind)))
            taken.append((m.start, m.end))

    # Years of another era (Buddhist 2568) shift too, or every copy of a Thai article
    # would keep its meeting's day, and the copies pile up into one encounter.
    era = pack(lang).get("era_offset") or 0
    years_rx = _YEAR if not era else re.compile(_YEAR.pattern + "|" + r"(?<!\d)(" + "|".join(
        str(y + era) for y in range(1950, 2050)) + r")(?!\d)")

    def year_of(m) -> tuple[int, int]:
        return (int(m.group(1)), 0) if m.group(1) else (int(m.group(2)) - era, era)

    years = [year_of(m)[0] for m in years_rx.finditer(body)]
    pub = article.published
    base = int(pub[:4]) if pub else (Counter(years).most_common(1)[0][0] if years else 2020)
    for m in years_rx.finditer(body):
        if not any(a < m.end() and m.start() < b for a, b in taken + other):
            y, e = year_of(m)
            spans.append((m.start(), m.end(), ("y", y - base, e)))
    # Days shift too (one offset an article, the publication day with them), or the
    # copies of a seed would all meet on its day of the year and pile up into one event.
    for dm in find_dates(body, lang, pub):
        for s, e in dm.day_spans:
            if not any(a < e and s < b for a, b in taken + other):
                spans.append((s, e, ("d", int(body[s:e]), e - s)))

    # the title, where there is one, gets the same substitutions
    title = article.title or body.split("\n", 1)[0][:90]
    tspans = []
    for idx, (_style_, name, _t) in enumerate(people):
        for mm in re.finditer(re.escape(name), title):
            tspans.append((mm.start(), mm.end(), ("p", idx, "full")))
    rx = lex.country_regex(lang)
    for mm in (rx.finditer(title) if rx else []):
        iso = country_forms.get(mm.group(0))
        if iso in countries:
            art = _FR_ARTICLE.match(mm.group(0)) if lang == "fr" else None
            tspans.append((mm.start(), mm.end(), ("c", countries.index(iso), *(("article", art.group(1)) if art else ("name", "")))))
    for mm in years_rx.finditer(title):
        y, e = year_of(mm)
        tspans.append((mm.start(), mm.end(), ("y", y - base, e)))
    for dm in find_dates(title, lang, pub):
        tspans += [(s, e, ("d", int(title[s:e]), e - s)) for s, e in dm.day_spans]

    month = int(pub[5:7]) if pub and len(pub) >= 7 else None
    day = int(pub[8:10]) if pub and len(pub) >= 10 else None
    return Template(name=path.stem, language=lang, base_year=base, month=month, day=day,
                    body=_compile(body, spans, lang), title=_compile(title, tspans, lang),
                    people=people, countries=countries)


def _templates_key(paths: list[Path]) -> str:
    """A hash of the seed articles and of the code and data extraction depends on."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    deps = sorted([*root.glob("*.py"), *root.glob("extract/*.py"), *root.glob("data/*")])
    for p in [*paths, *deps]:
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()[:20]


@dataclass
class _CountryForms:
    iso3: str
    name: str                      # the form written for this country
    article: str | None            # French form with its article ("le Cambodge")
    adj: str | None


@dataclass
class Seeds:
    """What generation needs from the seeds and the lexicon, cached on disk."""
    templates: tuple[Template, ...]
    countries: dict[str, list[_CountryForms]]    # per language, the forms the extractor knows
    vi_surnames: frozenset


def _country_entries(lang: str) -> list[_CountryForms]:
    from .extract.lexicon import _load_json, lexicon

    lex = lexicon()
    raw = {c["iso3"]: c for c in (_load_json("countries.json") or [])}
    forms = lex.country_forms(lang)
    entries = []
    for iso3 in sorted(lex.countries):
        c = raw.get(iso3) or {}
        native = [f for f in (c.get("names") or {}).get(lang, []) if forms.get(f) == iso3]
        if not native or c.get("source", "iso3166-1") != "iso3166-1":
            continue
        bare = [f for f in native if not _FR_ARTICLE.match(f)] or native
        name = bare[0]            # countries.json lists the common name first
        art = None
        if lang == "fr":
            arts = [f for f in native if _FR_ARTICLE.match(f) and f.split(None, 1)[-1] == name
                    or f in (f"l'{name}", f"l’{name}")]
            art = arts[0] if arts else None
        adjs = (c.get("adjectives") or {}).get(lang) or []
        entries.append(_CountryForms(iso3, name, art, adjs[0] if adjs else None))
    return entries


def _slot(x):
    return tuple(x) if isinstance(x, list) else x


def _load_cached(path: Path) -> Seeds | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        temps = tuple(Template(**{**t, "body": [_slot(x) for x in t["body"]],
                                  "title": [_slot(x) for x in t["title"]],
                                  "people": [tuple(p) for p in t["people"]]}) for t in raw["templates"])
        countries = {lang: [_CountryForms(**c) for c in cs] for lang, cs in raw["countries"].items()}
        return Seeds(temps, countries, frozenset(raw["vi_surnames"]))
    except (OSError, ValueError, TypeError, KeyError):
        return None


@functools.lru_cache(maxsize=4)
def seeds(corpus: str = str(CORPUS)) -> Seeds:
    """One template per seed article: extracted once, then kept in CACHE_DIR
    under a hash of the seeds, the extraction code and its data files."""
    from .extract.lexicon import lexicon
    from .read import iter_paths

    paths = list(iter_paths([corpus]))
    if not paths:
        raise SynthError(f"no seed articles in {corpus}")
    cache = CACHE_DIR / f"synth-seeds-{_templates_key(paths)}.json"
    if cache.exists() and (cached := _load_cached(cache)) is not None:
        return cached
    from .pipeline import extract_article
    from .read import read_article

    extracted = []
    for p in paths:
        article = read_article(p)
        extracted.append((p, article, extract_article(article)))
    known = {e.name for _p, _a, ex in extracted for e in ex.entities
             if e.type == "Person" and len(e.name) >= 4 and (" " in e.name or "・" in e.name)}
    temps = tuple(build_template(p, a, ex, known) for p, a, ex in extracted)
    result = Seeds(temps, {lang: _country_entries(lang) for lang in sorted({t.language for t in temps})},
                   frozenset(lexicon().surnames.get("vi", set())))
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"templates": [asdict(t) for t in temps],
                                   "countries": {k: [asdict(c) for c in v] for k, v in result.countries.items()},
                                   "vi_surnames": sorted(result.vi_surnames)}, ensure_ascii=False),
                       encoding="utf-8")
        tmp.replace(cache)
        for stale in CACHE_DIR.glob("synth-seeds-*.json"):
            if stale != cache:
                stale.unlink(missing_ok=True)
    except OSError:
        pass                      # a read-only checkout still generates, only slower
    return result


def templates(corpus: str = str(CORPUS)) -> tuple[Template, ...]:
    return seeds(corpus).templates


# --------------------------------------------------------------------------- pools


class _Zipf:
    """Draw indexes 0..n-1 with weight 1/(k+1)^s: index 0 is the biggest hub."""

    def __init__(self, n: int, s: float = ZIPF_S):
        total, self.cum = 0.0, []
        for k in range(n):
            total += 1.0 / (k + 1) ** s
            self.cum.append(total)
        self.total = total

    def draw(self, rng: random.Random) -> int:
        return bisect.bisect_right(self.cum, rng.random() * self.total)


class _NamePool:
    def __init__(self, names: list[tuple[str, list[str], str]]):
        self.names = names
        self.zipf = _Zipf(len(names))


def _name_pools(temps, n: int, seed: int, vi_surnames) -> dict[tuple[str, str], _NamePool]:
    slots = Counter((t.language, style) for t in temps for style, _n, _t in t.people)
    total = sum(slots.values()) or 1
    parts: dict[tuple[str, str], _Parts] = {}
    for t in temps:
        for style, name, _t in t.people:
            key = (t.language, style)
            if key not in parts:
                parts[key] = _builtin_parts(t.language, style)
            _harvest(parts[key], style, name, vi_surnames)
    # Vietnamese names written without marks use the Vietnamese parts
    vi = parts.get(("vi", "vi"))
    for (lang, style), p in parts.items():
        if style == "vi-ascii" and vi:
            for s in vi.surnames:
                p.add(s, None)
            for g in vi.given:
                p.add(None, g)
    # never a real person's name (nor its unaccented spelling)
    real = {n for t in temps for _s, n, _t in t.people}
    real |= {_ascii(n) for n in real}
    pools = {}
    for key in sorted(slots):
        lang, style = key
        size = max(MIN_POOL, round(n * PEOPLE_PER_ARTICLE * slots[key] / total))
        rng = random.Random(f"liaison-synth/{seed}/{lang}/{style}")
        seen, names = set(), []
        tries = 0
        while len(names) < size and tries < size * 20:
            tries += 1
            full, toks, sep = _make_name(style, lang, parts[key], rng)
            full = unicodedata.normalize("NFC", full)
            if full in seen or full in real:
                continue
            seen.add(full)
            names.append((full, toks, sep))
        pools[key] = _NamePool(names)
    return pools


def _country_pools(sd: Seeds, seed: int) -> dict[str, tuple[list[_CountryForms], _Zipf]]:
    seen = Counter(iso for t in sd.templates for iso in t.countries)
    pools = {}
    for lang, entries in sorted(sd.countries.items()):
        # hubs: the seeds' own countries, most mentioned first; then the rest in a seeded order
        rng = random.Random(f"liaison-synth/{seed}/countries/{lang}")
        head = sorted((e for e in entries if e.iso3 in seen), key=lambda e: (-seen[e.iso3], e.iso3))
        tail = [e for e in entries if e.iso3 not in seen]
        rng.shuffle(tail)
        order = head + tail
        pools[lang] = (order, _Zipf(len(order), 0.9))
    return pools


# --------------------------------------------------------------------------- generation


@dataclass
class SynthReport:
    articles: int = 0
    out_dir: str = ""
    seconds: float = 0.0                # generation and writing, templates excluded
    template_seconds: float = 0.0       # extracting the seed articles (once per process)
    by_language: dict = field(default_factory=dict)
    people: Counter = field(default_factory=Counter)       # person name -> articles naming them
    countries: Counter = field(default_factory=Counter)    # iso3 -> articles naming it
    years: tuple = (0, 0)
    redraws: int = 0

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def _day_bounds(t: Template) -> tuple[int, int]:
    """The day offsets that keep every day of the template (and its publication day) in 1..28."""
    days = [p[1] for p in (*t.body, *t.title) if p.__class__ is tuple and p[0] == "d"]
    days += [t.day] if t.day else []
    if not days:
        return 0, 0
    lo, hi = 1 - min(days), 28 - max(days)
    return (lo, hi) if lo <= hi else (0, 0)


def _render(pieces: list, people: list, countries: list, year: int, shift: int = 0) -> str:
    """Fill a template's slots: `year` is the publication year, years keep their offset to it;
    days move by `shift`."""
    out = []
    for p in pieces:
        if p.__class__ is str:
            out.append(p)
            continue
        kind = p[0]
        if kind == "p":
            full, toks, sep = people[p[1]]
            out.append(full if p[2] == "full" else toks[0] if p[2] == "first" else toks[-1])
        elif kind == "c":
            c = countries[p[1]]
            if p[2] == "article":
                out.append(c.article or (p[3] + c.name))
            elif p[2] == "adj":
                adj = c.adj or c.name
                out.append(adj[:1].upper() + adj[1:] if p[3] else adj)
            else:
                out.append(c.name)
        elif kind == "y":
            out.append(str(year + p[1] + p[2]))
        elif kind == "d":
            out.append(str(p[1] + shift).zfill(p[2]))
        else:                     # Korean particle: the form the new name's last syllable takes
            last = out[-1][-1:] if out and out[-1] else ""
            if "가" <= last <= "힣":
                final = (ord(last) - 0xAC00) % 28
                out.append(p[1] if final and not (p[1] == "으로" and final == 8) else p[2])
            else:
                out.append(p[3])
    return "".join(out)


def _escape_header(value: str) -> str:
    return " ".join(value.split())


def _clear(out: Path) -> None:
    """Make room in `out`: a new or empty folder, or an earlier synthetic corpus (its
    articles are removed, so the folder holds exactly this run). Anything else is refused."""
    if not out.exists() or not any(out.iterdir()):
        return
    if not (out / MANIFEST).exists():
        raise SynthError(f"{out} is not empty and holds no synthetic corpus ({MANIFEST}); "
                         "give a new or empty folder for --out")
    for p in out.glob("[0-9]*/synth-*.txt"):
        p.unlink()
    (out / MANIFEST).unlink()


def generate(n: int, seed: int, out_dir: str | Path, progress: Callable[[int], None] | None = None,
             corpus: str | Path = CORPUS) -> SynthReport:
    """Write `n` synthetic articles under `out_dir`; same `n` and `seed`, same bytes."""
    import time

    if n < 1:
        raise SynthError("--articles must be at least 1")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise SynthError(f"{out} is a file; give a folder for --out")
    _clear(out)
    t0 = time.perf_counter()
    sd = seeds(str(corpus))
    temps = sd.templates
    started = time.perf_counter()
    names = _name_pools(temps, n, seed, sd.vi_surnames)
    cpools = _country_pools(sd, seed)
    rng = random.Random(f"liaison-synth/{seed}/articles")
    width = max(6, len(str(n - 1)))
    report = SynthReport(out_dir=str(out), template_seconds=started - t0)
    seen_bodies: set[bytes] = set()
    lo_year, hi_year = 10_000, 0
    out.mkdir(parents=True, exist_ok=True)
    folder = None
    for i in range(n):
        t = temps[rng.randrange(len(temps))]
        lo_day, hi_day = _day_bounds(t)
        for _attempt in range(50):
            year = rng.randint(*YEARS)
            shift = rng.randint(lo_day, hi_day)
            people = []
            for style, _name, _toks in t.people:
                pool = names[(t.language, style)]
                for _ in range(20):
                    cand = pool.names[pool.zipf.draw(rng)]
                    if cand not in people:
                        break
                people.append(cand)
            corder, czipf = cpools[t.language]
            countries = []
            for _iso in t.countries:
                for _ in range(20):
                    cand = corder[czipf.draw(rng)]
                    if cand not in countries:
                        break
                countries.append(cand)
            body = _render(t.body, people, countries, year, shift)
            digest = hashlib.blake2b(body.encode("utf-8"), digest_size=12).digest()
            if digest not in seen_bodies:
                break
            report.redraws += 1
        else:
            raise SynthError(f"could not make a new body from {t.name} after 50 draws")
        seen_bodies.add(digest)
        title = _escape_header(_render(t.title, people, countries, year, shift))
        month = t.month or rng.randint(1, 12)
        day = t.day + shift if t.day else rng.randint(1, 28)
        stem = f"synth-{i:0{width}d}"
        header = (f"synthetic: true\n"
                  f"title: [synthetic] {title}\n"
                  f"language: {t.language}\n"
                  f"published: {year:04d}-{month:02d}-{day:02d}\n"
                  f"url: synthetic://liaison/seed-{seed}/{stem}\n"
                  f"template: {t.name}\n"
                  f"generator: liaison synth --articles {n} --seed {seed}\n\n")
        sub = out / f"{i // PER_FOLDER:03d}"
        if sub != folder:
            sub.mkdir(exist_ok=True)
            folder = sub
        (sub / f"{stem}.txt").write_bytes((header + body + "\n").encode("utf-8"))
        report.articles += 1
        report.by_language[t.language] = report.by_language.get(t.language, 0) + 1
        for p in people:
            report.people[p[0]] += 1
        for c in countries:
            report.countries[c.iso3] += 1
        lo_year, hi_year = min(lo_year, year), max(hi_year, year)
        if progress:
            progress(1)
    report.years = (lo_year, hi_year)
    (out / MANIFEST).write_text(_manifest(n, seed, report, len(temps)), encoding="utf-8")
    report.seconds = time.perf_counter() - started
    return report


def _manifest(n: int, seed: int, report: SynthReport, seeds: int) -> str:
    langs = ", ".join(f"{k} {v}" for k, v in sorted(report.by_language.items()))
    top = ", ".join(f"{name} ({c})" for name, c in report.people.most_common(5))
    return f"""# Synthetic corpus: for speed and scale only

**Every article in this folder is synthetic.** They were generated by
`liaison synth --articles {n} --seed {seed}` from the {seeds} real articles in `corpus/`,
with people, countries and years swapped. The text is real reporting with
invented names in it: it says nothing true about anyone.

Use it to measure speed, memory and scale (loading, queries, review). **Never
use it for quality scores** (precision, recall, F1) or as evidence about real
people, countries or meetings.

- articles: {report.articles}, in folders of {PER_FOLDER} (`000/synth-000000.txt`, ...)
- languages: {langs}
- distinct people named: {len(report.people)}; distinct countries: {len(report.countries)}
- publication years: {report.years[0]}-{report.years[1]}
- most named people: {top}
- every file starts with a header: `synthetic: true`, `title: [synthetic] ...`,
  `language`, `published`, `url: synthetic://...`, `template` (the seed article)
- same `--articles` and `--seed`: byte-identical files
"""
