"""The language registry: which languages get full extraction, and how.

Five languages have rules of their own (`BUILTIN`: Vietnamese, English, French,
Korean, Japanese). Any other language is a *language pack*: one folder
`loaders/extract/lang/<code>/` holding `pack.yaml` (see `PACK_KEYS`), read at
start-up. A pack names the generic rule set it uses (`rules: latin`: titles
before names, "Ministry of X"-shaped agency names, capitalised names), and
brings the words those rules need: titles, ranks, agency heads, meeting words,
month names, topic words. Adding a language written the way English is
(capitalised names, spaces between words) is one new folder and no Python.

Every other module asks this one (`supported`, `rules_of`, `is_latin_rules`),
so no code outside it branches on a pack's language code. A pack that does not
parse, or carries a key nobody reads, fails at start-up with the file and the
key: bad data never silently drops a language.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import LiaisonError

PACKS = Path(__file__).resolve().parent / "lang"

#: Languages whose rules are still partly written in code (being moved onto their packs).
BUILTIN = {"vi": "vi", "en": "en", "fr": "fr", "ko": "ko", "ja": "ja"}

#: Rule sets a pack may use: "latin" (space-separated, capitalised names), "han" (no
#: spaces: agency words and titles fixed in front of the name, 公安部部长王小洪) and
#: "prefixed" (an uncased script whose names follow a rank or honorific written on
#: them, given and family name spaced: พล.ต.ท.สำราญ นวลมา, นายเว่ย เสี่ยวจุน).
RULE_SETS = ("latin", "latin-adjectival", "syllabic", "hangul", "kana", "han", "prefixed")

#: What a pack.yaml may hold. Lists are phrases; mappings as noted.
PACK_KEYS = {
    "name": "the language's English name",
    "rules": "the generic rule set: latin",
    "script": "latin or cyrillic (how names are capitalised and words spaced)",
    "titles": "titles written before a name (minister, police chief...)",
    "head_titles": "titles of heads of state or government (a reception by one is a courtesy visit)",
    "surnames": "family names that start a personal name (Nguyễn, 김): names are recognised by them",
    "ranks": "ranks and forms of address before a name",
    "honorifics": "words that alone mark a following name (Mr, Sr., Frau)",
    "org_heads": "words an agency name is built on (Ministry, Police, Agency)",
    "org_connectors": "words joining a head to its complement (of, for: Ministry of the Interior)",
    "org_name_vocab": "syllabic: the words an agency name after its head is made of (Công an, An ninh)",
    "org_trim": "syllabic: words that end an agency name when they follow it (của, tại)",
    "title_connectors": "words joining a title to its agency or country (Minister of, of the)",
    "place_preps": "words introducing a place (in, at)",
    "meeting_triggers": "mapping word -> kind (talks, visit, conference, call, signing, attend)",
    "relative_days": "words dating a meeting by the publication date (today, yesterday)",
    "relative_offsets": "mapping word -> days from the publication date (yesterday: -1)",
    "same_day": "words dating a meeting by the one told before it",
    "agreement_stops": "words that end an agreement's name (that, for, signed...: the clause goes on)",
    "agreement_heads": "words an agreement name is built on (memorandum, agreement)",
    "agreement_generic": "agreement words that name no particular agreement alone (협력, 合意)",
    "months": "mapping month name (any inflection) -> number",
    "date_range_words": "words between the two days of a span (10 al 12, 5 bis 7, 19 hingga 21)",
    "date_joiners": "words between day, month and year (de, del, года)",
    "weekdays": "mapping weekday name -> 0 (Monday) .. 6",
    "not_names": "capitalised words that never start a personal name (weekdays, months)",
    "topics": "mapping topic (FORMAT.md vocabulary) -> words",
    "org_suffixes": "han: the agency words an agency name ends in (公安部, 警察总署, 移民局)",
    "org_modifiers": "han: words that may stand before an agency word inside its name (国家, 联邦, 国际)",
    "name_stops": "han: characters that end a personal name written after a title (与, 在, 表示...)",
    "home_agencies": "mapping agency word -> ISO3 of the country a bare one means in this language's news",
    "date_units": "han: the characters after year, month and day, and range words {year, month, day, range}",
    "script_variant": "han: match on the text folded character by character to this script (zh-cn: "
                      "traditional characters read as simplified; names keep the article's own)",
    "name_chars": "prefixed: the characters of the script's names, as a regex class body (\\u0E00-\\u0E7F)",
    "era_offset": "years written in another era: the number to subtract (543: Buddhist era 2568 = 2025)",
    "name_normaliser": "how personal names are put in the nominative: pymorphy3-ru (names keep their "
                       "written form as an alias)",
    "inflections": "mapping word ending -> endings of its other cases ('' = any other ending), "
                   "applied to one-word country names (России, Китая)",
}


@dataclass(frozen=True)
class Pack:
    code: str
    rules: str
    script: str = "latin"
    data: dict = field(default_factory=dict, compare=False, hash=False)


def _fail(path: Path, message: str):
    raise LiaisonError(f"language pack {path}: {message}")


def _read(path: Path) -> Pack:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        _fail(path, f"cannot be read ({exc})")
    if not isinstance(data, dict):
        _fail(path, "must be a mapping of the keys in loaders.extract.languages.PACK_KEYS")
    unknown = sorted(set(data) - set(PACK_KEYS))
    if unknown:
        _fail(path, f"unknown key {unknown[0]!r} (known: {', '.join(PACK_KEYS)})")
    code = path.parent.name
    if not re.fullmatch(r"[a-z]{2,3}", code):
        _fail(path, f"folder name {code!r} must be a new ISO 639 code")
    rules = data.get("rules")
    if rules not in RULE_SETS:
        _fail(path, f"rules must be one of {', '.join(RULE_SETS)}, not {rules!r}")
    for key in ("meeting_triggers", "months", "weekdays", "relative_offsets", "topics", "inflections", "date_units",
                "home_agencies"):
        if key in data and not isinstance(data[key], dict):
            _fail(path, f"{key} must be a mapping")
    for key in ("titles", "ranks", "honorifics", "org_heads", "org_connectors", "title_connectors", "place_preps",
                "relative_days", "same_day", "agreement_heads", "agreement_stops", "head_titles", "surnames",
                "org_name_vocab", "org_trim", "agreement_generic", "date_joiners", "date_range_words", "not_names",
                "org_suffixes",
                "org_modifiers", "name_stops"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
            _fail(path, f"{key} must be a list of phrases")
    for word, kind in (data.get("meeting_triggers") or {}).items():
        if kind not in ("talks", "visit", "conference", "call", "signing", "attend"):
            _fail(path, f"meeting_triggers[{word!r}] = {kind!r}: not a meeting kind")
    if "era_offset" in data and not isinstance(data["era_offset"], int):
        _fail(path, "era_offset must be a whole number of years")
    if "name_chars" in data:
        try:
            re.compile("[" + str(data["name_chars"]) + "]")
        except re.error as exc:
            _fail(path, f"name_chars is not a character class ({exc})")
    for word, n in (data.get("months") or {}).items():
        if not isinstance(n, int) or not 1 <= n <= 12:
            _fail(path, f"months[{word!r}] = {n!r}: not a month number")
    if "name_normaliser" in data:
        from .morph import known

        if not known(data["name_normaliser"]):
            _fail(path, f"name_normaliser {data['name_normaliser']!r}: pymorphy3-ru")
    if data.get("script_variant") not in (None, "zh-cn", "zh-tw", "zh-hans", "zh-hant"):
        _fail(path, f"script_variant {data['script_variant']!r}: one of zh-cn, zh-tw, zh-hans, zh-hant")
    return Pack(code=code, rules=rules, script=data.get("script", "latin"), data=data)


@functools.lru_cache(maxsize=1)
def packs() -> dict[str, Pack]:
    """Every language pack under loaders/extract/lang, by code."""
    return {p.code: p for p in (_read(path) for path in sorted(PACKS.glob("*/pack.yaml")))}


def supported() -> tuple[str, ...]:
    """Codes of the languages with full extraction (a pack)."""
    return tuple(packs())


def rules_of(lang: str | None) -> str | None:
    """The rule set a language's pack uses, or None."""
    pack = packs().get(lang or "")
    return pack.rules if pack else None


def is_latin_rules(lang: str | None) -> bool:
    """Whether a language is run by the generic rules for space-separated, capitalised names."""
    return lang not in BUILTIN and rules_of(lang) == "latin"


def is_prefixed_rules(lang: str | None) -> bool:
    """Whether a language is run by the generic rules for names after a glued rank or honorific."""
    return lang not in BUILTIN and rules_of(lang) == "prefixed"


def is_han_rules(lang: str | None) -> bool:
    """Whether a language is run by the generic rules for Han text without spaces."""
    return lang not in BUILTIN and rules_of(lang) == "han"


def pack_script(lang: str | None) -> str | None:
    """A pack's script (latin, cyrillic, han, thai), or None for built-in languages."""
    pack = packs().get(lang or "")
    return pack.script if pack else None


def script_variant(lang: str | None) -> str | None:
    """The script a pack's text is folded to before matching (zh-cn), or None."""
    pack = packs().get(lang or "")
    return pack.data.get("script_variant") if pack else None


def spaced_script(lang: str | None) -> bool:
    """Whether the language writes names in a cased, space-separated script (case-insensitive meeting words)."""
    return lang in ("vi", "en", "fr") or is_latin_rules(lang)


def pack_words(lang: str, key: str):
    """One key of a pack's data ([] or {} when absent or not a pack)."""
    pack = packs().get(lang)
    default = {} if key in ("meeting_triggers", "months", "weekdays", "relative_offsets", "topics",
                            "inflections", "date_units", "home_agencies") else []
    return (pack.data.get(key) if pack else None) or default


def inflected(lang: str, forms: dict[str, str]) -> dict[str, str]:
    """One-word names in the other cases a pack's `inflections` give (Россия: России, Россию, Россией)."""
    rules = pack_words(lang, "inflections")
    if not rules:
        return {}
    endings = sorted((e for e in rules if e), key=len, reverse=True)
    out: dict[str, str] = {}
    for name, value in forms.items():
        if " " in name or "-" in name or len(name) < 4:
            continue
        ending = next((e for e in endings if name.endswith(e)), "")
        stem = name[:len(name) - len(ending)]
        for alt in rules.get(ending) or []:
            out.setdefault(stem + alt, value)
    return out


def _with_capitals(words: list[str]) -> list[str]:
    """Titles are lower case mid-sentence and capitalised at its start: both forms."""
    out = list(words)
    out += [w[0].upper() + w[1:] for w in words if w[:1].islower()]
    return list(dict.fromkeys(out))


def merged_rules(rules: dict) -> dict:
    """extract_rules.yaml (the language-independent words) with every pack's words added
    under its code, in the shapes the lexicon reads."""
    for code, pack in packs().items():
        d = pack.data
        for key in ("titles", "ranks", "honorifics"):
            if d.get(key):
                rules.setdefault(key, {})[code] = d[key] if code in BUILTIN else _with_capitals(d[key])
        if d.get("home_agencies"):
            rules.setdefault("bare_org_country", {})[code] = dict(d["home_agencies"])
        heads = rules.setdefault("org_heads", {})
        if d.get("org_heads"):
            heads[code] = d["org_heads"] if code in BUILTIN else _with_capitals(d["org_heads"])
        for key, suffix in (("org_connectors", "connectors"), ("org_name_vocab", "name_vocab"), ("org_trim", "trim"),
                            ("org_suffixes", "suffixes")):
            if d.get(key):
                heads[f"{code}_{suffix}"] = list(d[key])
        for key in ("place_preps", "relative_days", "same_day", "agreement_heads", "agreement_generic", "surnames"):
            if d.get(key):
                rules.setdefault(key, {})[code] = list(d[key])
        rules.setdefault("head_titles", []).extend(d.get("head_titles") or [])
        if d.get("meeting_triggers"):
            rules.setdefault("meeting_triggers", {})[code] = dict(d["meeting_triggers"])
        for topic, words in (d.get("topics") or {}).items():
            rules.setdefault("topics", {}).setdefault(topic, {})[code] = list(words or [])
    return rules
