#!/usr/bin/env python3
"""Build loaders/data/countries.json from ISO 3166-1 (pycountry) + hand-written extras.

Sources
-------
* pycountry: every ISO 3166-1 country (alpha-2, alpha-3, numeric, English
  name / official name / common name) and the gettext translations of those
  names that pycountry ships (iso3166-1 domain, from the Debian iso-codes
  project).
* loaders/data/country_extras.yaml: news-style canonical English short names,
  extra aliases per language, demonyms/adjectives, combining short forms,
  ambiguous forms, archaic translations to drop (see its header).

Output: a JSON list, one object per country, sorted by iso3:

    {"iso3": "VNM", "iso2": "VN", "numeric": "704", "name": "Vietnam",
     "official_name": "Socialist Republic of Viet Nam",
     "names": {"en": [...], "vi": [...], "fr": [...], "ko": [...], "ja": [...], ...},
     "adjectives": {"en": [...], "fr": [...]},
     "short": {"vi": ["Việt"], "ko": ["베", "월"], "ja": ["越"], ...},
     "ambiguous": {"vi": [...]} ,
     "fr_article": "le",
     "source": "iso3166-1"}

`names[lang]` lists the preferred forms first (extras), then forms derived from
pycountry. Forms that pycountry gives to two different countries in the same
language (e.g. "Korea" from "Korea, Republic of" and "Korea, Democratic
People's Republic of") are dropped unless the extras assign them explicitly.

Usage: python scripts/build_gazetteers.py [--out loaders/data/countries.json]
Requires: pycountry, pyyaml (standard library otherwise).
"""
from __future__ import annotations

import argparse
import gettext
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import pycountry
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "loaders" / "data"

# output language -> pycountry locale directories merged into it
LANGS = {
    "vi": ["vi"],
    "fr": ["fr"],
    "ko": ["ko"],
    "ja": ["ja"],
    "zh": ["zh_CN", "zh_TW", "zh_HK"],
    "de": ["de"],
    "es": ["es"],
    "id": ["id"],
    "th": ["th"],
    "ru": ["ru"],
    "pt": ["pt", "pt_BR"],
    "it": ["it"],
    "ms": ["ms"],
    "nl": ["nl"],
    "tr": ["tr"],
    # languages without a pack: their country names serve the language-independent gazetteer
    "ar": ["ar"],
    "uk": ["uk"],
    "fa": ["fa"],
    "hi": ["hi"],
    "pl": ["pl"],
    "ro": ["ro"],
    "mn": ["mn"],
    "kk": ["kk"],
    "uz": ["uz"],
    "bn": ["bn"],
    "ur": ["ur"],
    "tl": ["tl"],
    "bg": ["bg"],
    "sr": ["sr"],
    "cs": ["cs"],
    "hu": ["hu"],
    "el": ["el"],
    "he": ["he"],
}
LATIN_LANGS = {"en", "vi", "fr", "de", "es", "id", "pt", "it", "ms", "nl", "tr", "pl", "ro", "uz", "tl", "cs", "hu"}
# Languages without a pack whose short country names collide with common words (see main()).
SHORT_WORDS_COLLIDE = ("ar", "fa", "ur", "he")
# English names containing a comma that is NOT an inversion ("Korea, Republic of")
NON_INVERTED = {"BES", "SHN"}
OUTPUT_ORDER = ["en", "vi", "fr", "ko", "ja", "zh", "de", "es", "id", "th", "ru", "pt", "it", "ms", "nl", "tr",
                "ar", "uk", "fa", "hi", "pl", "ro", "mn", "kk", "uz", "bn", "ur", "tl", "bg", "sr", "cs", "hu", "el", "he"]


def load_translators() -> dict[str, list[gettext.NullTranslations]]:
    out: dict[str, list] = {}
    for lang, locales in LANGS.items():
        ts = []
        for loc in locales:
            try:
                ts.append(gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[loc]))
            except (FileNotFoundError, OSError):
                continue
        if ts:
            out[lang] = ts
    return out


def norm_space(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def fold(s: str) -> str:
    """casefold, strip diacritics, hyphens and spaces: 'Viêt Nam' == 'Vietnam'."""
    s = unicodedata.normalize("NFKD", s.casefold())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[\s\-'’.]", "", s)


def key(s: str) -> str:
    return unicodedata.normalize("NFC", s).casefold()


def split_parens(s: str, lang: str, keep_inner: bool | None = None) -> list[str]:
    """'Holy See (Vatican City State)' -> ['Holy See', 'Vatican City State'];
    '大韓民国 (韓国)' -> ['大韓民国', '韓国']; 'Sint Maarten (Dutch part)' -> ['Sint Maarten']."""
    m = re.match(r"^(.*?)\s*[(（]([^)）]*)[)）]\s*(.*)$", s)
    if not m:
        return [s]
    head = norm_space(m.group(1) + " " + m.group(3)).replace(" ,", ",")
    inner = m.group(2).strip()
    out = [head]
    if keep_inner is not None:
        if lang not in LATIN_LANGS and inner.isascii():
            keep_inner = False
        if keep_inner and inner:
            out.append(inner)
        return out
    keep_inner = True
    if lang in LATIN_LANGS:
        # descriptive parentheticals start lowercase ('Dutch part' has 'part'), skip those
        if any(w[:1].islower() for w in inner.split()) and not inner[:1].isupper():
            keep_inner = False
        if re.search(r"\b(part|partie|vùng|parte|Teil|wilayah|bagian)\b", inner, re.I):
            keep_inner = False
    else:
        if re.search(r"[領령]", inner) or inner.isascii():
            keep_inner = False
    if keep_inner and inner:
        out.append(inner)
    return out


STATE_WORDS = re.compile(
    r"^(the\b|The\b|Republic|Republik|Republiek|República|Repubblica|République|Cộng|Nước|Liên|Quốc gia|"
    r"Federa|Fédération|Federation|State|États?|Etats?|état|Estado|Stato|Negara|Provinsi|Province|province|"
    r"Kingdom|Royaume|Reino|Regno|Königreich|Islamic|Plurinational|Bolivarian|United|Democratic|Demokratische|"
    r"Islands?|Island|Îles?|Ile|Isla|Ilhas?|Isole|Inseln?|Kepulauan|Pulau|Quần|Đảo|Commonwealth|Principauté|"
    r"Sultanat|Grand)", re.U)


def looks_inverted(piece: str) -> bool:
    """'Korea, Republic of' / 'Lao, République démocratique populaire' / 'Malouines, Îles'."""
    if piece.count(", ") != 1:
        return False
    return bool(STATE_WORDS.match(piece.split(", ")[1]))


def uninvert(s: str, inverted: bool) -> tuple[list[str], str | None]:
    """'Korea, Republic of' -> (['Republic of Korea'], 'Korea').

    Returns the full forms and the bare first part (a candidate short name that
    is only kept if no other country claims it)."""
    if not inverted or s.count(", ") != 1:
        return [s], None
    a, b = [p.strip() for p in s.split(", ")]
    full = norm_space(f"{b} {a}")
    full = re.sub(r"^(The|the)\s+", "", full)
    # French elided article: "République islamique d' Iran" -> "d'Iran"
    full = re.sub(r"\b([dDlL]')\s+", r"\1", full)
    return [full], a


def vi_tone_variants(s: str) -> list[str]:
    """Old vs new Vietnamese tone-mark placement: 'Hoà' <-> 'Hòa', 'Thuỵ' <-> 'Thụy'."""
    pairs = {
        "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
        "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
        "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
    }
    s = unicodedata.normalize("NFC", s)
    out = {s}
    new = s
    old = s
    for o, n in pairs.items():
        # only at the end of a syllable (next char is not a letter)
        new = re.sub(o + r"(?![^\W\d_])", n, new)
        old = re.sub(n + r"(?![^\W\d_])", o, old)
        new = re.sub(o.capitalize() + r"(?![^\W\d_])", n.capitalize(), new)
        old = re.sub(n.capitalize() + r"(?![^\W\d_])", o.capitalize(), old)
    out.update([new, old])
    return sorted(out, key=lambda x: (x != s, x))


FR_IRREGULAR = {
    "grec": ["grec", "grecque", "grecs", "grecques"],
    "turc": ["turc", "turque", "turcs", "turques"],
    "ouzbek": ["ouzbek", "ouzbèke", "ouzbeks", "ouzbèkes"],
    "kirghiz": ["kirghiz", "kirghize", "kirghizes"],
    "burkinabè": ["burkinabè", "burkinabès"],
    "burkinabé": ["burkinabé", "burkinabés"],
    "lao": ["lao"],
    "thaï": ["thaï", "thaïe", "thaïs", "thaïes"],
    "qatari": ["qatari", "qatarie", "qataris", "qataries"],
    "émirati": ["émirati", "émiratie", "émiratis", "émiraties"],
}


def fr_inflect(masc: str) -> list[str]:
    """Masculine singular French nationality adjective -> all gender/number forms
    (compounds such as 'sud-coréen' inflect on the last element)."""
    m = masc
    if m in FR_IRREGULAR:
        return FR_IRREGULAR[m]
    if m.endswith(("e", "è")):
        return [m, m + "s"]
    if m.endswith(("en", "on")):
        return [m, m + "ne", m + "s", m + "nes"]
    if m.endswith("er"):
        return [m, m[:-2] + "ère", m + "s", m[:-2] + "ères"]
    if m.endswith(("s", "x", "z")):
        return [m, m + "e", m + "es"]
    return [m, m + "e", m + "s", m + "es"]


def en_plurals(adjs: list[str]) -> list[str]:
    out = []
    for a in adjs:
        if " " in a or "." in a or a.isupper():
            # multiword: pluralise last word if it is a demonym noun ending in -an / -er
            last = a.split()[-1]
            if last.endswith(("an", "er")) and not last.endswith("ese"):
                out.append(a + "s")
            continue
        if a in ("Lao", "Kiwi"):
            continue
        if a.endswith(("ese", "ish", "ch", "ss", "s", "x", "y", "i-Kiribati")):
            continue
        if a.endswith(("an", "ian", "i", "ino", "ina", "ot", "er", "ek", "eek", "ab", "eg", "in", "ol", "ar", "ene", "e")):
            if a.endswith("e") and not a.endswith(("ene", "ine", "que")):
                continue
            out.append(a + "s")
    return out


FR_OFFICIAL_PREFIX = re.compile(r"^(République|Fédération|Confédération|Principauté|Royaume|Commonwealth|État|Etat|Sultanat|Émirat|Grand-Duché)\b")
FR_ARTICLE_FOR_PREFIX = {"République": "la", "Fédération": "la", "Confédération": "la", "Principauté": "la",
                         "Royaume": "le", "Commonwealth": "le", "État": "l'", "Etat": "l'", "Sultanat": "le",
                         "Émirat": "l'", "Grand-Duché": "le"}


def fr_articled(name: str, article: str | None) -> str | None:
    if not name or name.isupper() or re.match(r"^(le|la|les|l')\b", name, re.I):
        return None
    m = FR_OFFICIAL_PREFIX.match(name)
    if m:
        art = FR_ARTICLE_FOR_PREFIX[m.group(1)]
    else:
        if article is None or article == "":
            return None
        art = article
    return f"{art}{name}" if art.endswith("'") else f"{art} {name}"


def add(lst: list[str], seen: set[str], s: str | None) -> None:
    if not s:
        return
    s = norm_space(unicodedata.normalize("NFC", s))
    if not s:
        return
    k = key(s)
    if k in seen:
        return
    seen.add(k)
    lst.append(s)


def canonical_default(c) -> str:
    n = getattr(c, "common_name", None) or c.name
    n = split_parens(n, "en")[0]
    if ", " in n and c.alpha_3 not in NON_INVERTED:
        n = n.split(", ")[0]
    return n


def build(extras: dict) -> tuple[list[dict], dict]:
    trans = load_translators()
    canonical = extras.get("canonical", {}) or {}
    x_names = extras.get("names", {}) or {}
    x_drop = extras.get("drop", {}) or {}
    x_adj = extras.get("adjectives", {}) or {}
    x_art = extras.get("fr_article", {}) or {}
    x_short = extras.get("short", {}) or {}
    x_amb = extras.get("ambiguous", {}) or {}

    # 1) forms derived from pycountry, per country and language
    derived: dict[str, dict[str, list[str]]] = {}
    bare_candidates: dict[str, dict[str, list[str]]] = {}
    meta: dict[str, dict] = {}
    for c in pycountry.countries:
        iso3 = c.alpha_3
        inverted = ", " in c.name and iso3 not in NON_INVERTED
        meta[iso3] = {
            "iso3": iso3,
            "iso2": c.alpha_2,
            "numeric": c.numeric,
            "name": canonical.get(iso3) or canonical_default(c),
            "official_name": getattr(c, "official_name", None),
        }
        src = {"name": c.name, "official_name": getattr(c, "official_name", None),
               "common_name": getattr(c, "common_name", None)}
        per_lang: dict[str, list[str]] = defaultdict(list)
        bare: dict[str, list[str]] = defaultdict(list)
        # English
        for field, val in src.items():
            if not val:
                continue
            for piece in split_parens(val, "en"):
                full, first = uninvert(piece, iso3 not in NON_INVERTED and (looks_inverted(piece) or (inverted and field == "name")))
                per_lang["en"].extend(full)
                if first:
                    bare["en"].append(first)
        # translations
        for lang, ts in trans.items():
            for field, val in src.items():
                if not val:
                    continue
                for t in ts:
                    tr = t.gettext(val)
                    if tr == val:
                        # untranslated (or identical). Only useful for Latin-script
                        # languages and only for the short name.
                        if lang not in LATIN_LANGS or field == "official_name":
                            continue
                    inv = ", " in val and iso3 not in NON_INVERTED
                    # if the English name has a parenthetical, keep the translated
                    # one exactly when the English one is kept ('Dutch part' is not)
                    en_keep = None
                    if "(" in val:
                        en_keep = len(split_parens(val, "en")) > 1
                    for piece in split_parens(tr, lang, en_keep):
                        full, first = uninvert(piece, iso3 not in NON_INVERTED and (inv or looks_inverted(piece)))
                        per_lang[lang].extend(full)
                        if first:
                            bare[lang].append(first)
        derived[iso3] = per_lang
        bare_candidates[iso3] = bare

    # 2) collisions: a bare inverted head or full form claimed by two countries
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for iso3 in derived:
        for lang, forms in derived[iso3].items():
            for f in forms:
                owners[(lang, key(f))].add(iso3)
        for lang, forms in bare_candidates[iso3].items():
            for f in forms:
                owners[(lang, key(f))].add(iso3)
    collisions = {k: sorted(v) for k, v in owners.items() if len(v) > 1}

    # 3) merge
    additional = extras.get("additional", []) or []
    result = []
    all_iso3 = list(meta.keys()) + [a["iso3"] for a in additional]
    for a in additional:
        meta[a["iso3"]] = {"iso3": a["iso3"], "iso2": a.get("iso2"), "numeric": a.get("numeric"),
                           "name": a["name"], "official_name": a.get("official_name")}
        derived[a["iso3"]] = {}
        bare_candidates[a["iso3"]] = {}
    for iso3 in sorted(all_iso3):
        m = meta[iso3]
        names: dict[str, list[str]] = {}
        langs = set(derived[iso3]) | set(bare_candidates[iso3]) | {"en"}
        langs |= {lang for lang, tbl in x_names.items() if iso3 in tbl}
        extra_add = next((a for a in additional if a["iso3"] == iso3), None)
        if extra_add:
            langs |= set(extra_add.get("names", {}))
        for lang in langs:
            lst: list[str] = []
            seen: set[str] = set()
            dropped = {key(d) for d in (x_drop.get(lang, {}) or {}).get(iso3, []) or []}
            explicit = list((x_names.get(lang, {}) or {}).get(iso3, []) or [])
            if extra_add:
                explicit += extra_add.get("names", {}).get(lang, [])
            if lang == "en":
                explicit = [m["name"]] + explicit
            for f in explicit:
                add(lst, seen, f)
            for f in derived[iso3].get(lang, []) + bare_candidates[iso3].get(lang, []):
                k = key(f)
                if k in dropped or k in seen:
                    continue
                if (lang, k) in collisions:
                    continue
                add(lst, seen, f)
            if lang == "vi":
                # Vietnamese news writes most foreign countries with their English
                # short name; add it, plus both tone-mark placements.
                add(lst, seen, m["name"])
                for f in list(lst):
                    for v in vi_tone_variants(f):
                        add(lst, seen, v)
            if lang == "fr" and lst:
                art = x_art.get(iso3)
                head = fold(lst[0])
                for f in list(lst):
                    if FR_OFFICIAL_PREFIX.match(f):
                        add(lst, seen, fr_articled(f, None))
                    elif fold(f) == head:
                        add(lst, seen, fr_articled(f, art))
            if lst:
                names[lang] = lst
        ordered = {lang: names[lang] for lang in OUTPUT_ORDER if lang in names}
        ordered.update({lang: v for lang, v in names.items() if lang not in ordered})

        adjectives: dict[str, list[str]] = {}
        en_adj = list((x_adj.get("en", {}) or {}).get(iso3, []) or [])
        if en_adj:
            lst, seen = [], set()
            en_name_keys = {key(n) for n in names.get("en", [])}
            for a in en_adj:
                add(lst, seen, a)
            for a in en_plurals(en_adj):
                if key(a) not in en_name_keys and key(a[:-1]) not in en_name_keys:
                    add(lst, seen, a)
            adjectives["en"] = lst
        fr_adj = list((x_adj.get("fr", {}) or {}).get(iso3, []) or [])
        if fr_adj:
            lst, seen = [], set()
            for a in fr_adj:
                for f in fr_inflect(a):
                    add(lst, seen, f)
            adjectives["fr"] = lst
        for lang, tbl in x_adj.items():
            if lang in ("en", "fr"):
                continue
            if iso3 in (tbl or {}):
                adjectives[lang] = list(tbl[iso3])

        short = {lang: list(tbl[iso3]) for lang, tbl in x_short.items() if iso3 in (tbl or {})}
        ambiguous = {lang: list(tbl[iso3]) for lang, tbl in x_amb.items() if iso3 in (tbl or {})}

        entry = {
            "iso3": iso3,
            "iso2": m["iso2"],
            "numeric": m["numeric"],
            "name": m["name"],
            "official_name": m["official_name"],
            "names": ordered,
            "adjectives": adjectives,
            "short": short,
            "ambiguous": ambiguous,
            "fr_article": x_art.get(iso3),
            "source": "extras" if extra_add else "iso3166-1",
        }
        result.append(entry)

    report = {
        "collisions": {f"{lang}:{k}": v for (lang, k), v in sorted(collisions.items())},
        "languages": sorted(trans),
    }
    return result, report


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--extras", default=str(DATA / "country_extras.yaml"))
    ap.add_argument("--out", default=str(DATA / "countries.json"))
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args(argv)
    with open(args.extras, encoding="utf-8") as fh:
        extras = yaml.safe_load(fh)
    countries, report = build(extras)
    for c in countries:
        for lang in SHORT_WORDS_COLLIDE:
            # in these scripts a name of four letters or fewer is often an everyday word too
            # (Arabic مالي "financial" is Mali, Hebrew בנין "building" Benin): kept out
            kept = [f for f in c.get("names", {}).get(lang, []) if len(f) > 4]
            if kept:
                c["names"][lang] = kept
            else:
                c.get("names", {}).pop(lang, None)
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(countries, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    n_forms = sum(len(v) for c in countries for v in c["names"].values())
    print(f"wrote {args.out}: {len(countries)} countries, {n_forms} name forms, "
          f"languages {report['languages']}, {len(report['collisions'])} colliding forms dropped",
          file=sys.stderr)
    if args.verbose:
        for k, v in report["collisions"].items():
            print(f"  collision {k}: {v}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
