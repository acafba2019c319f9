"""The language registry: which languages get full extraction, and how.

Every language with full extraction is a *language pack*: one folder
`loaders/extract/lang/<code>/` holding `pack.yaml` (see `PACK_KEYS`), read at
start-up. A pack names the generic rule set it uses (`RULE_SETS`: `latin` for
titles before capitalised names and "Ministry of X"-shaped agency names, `han`
for Chinese, `hangul`, `kana`, ...), and brings the words and patterns those
rules need: titles, ranks, agency heads, meeting words, month names, topic
words, the order of modifiers. Adding a language written the way English is
(capitalised names, spaces between words) is one new folder and no Python.

Every other module asks this one (`pack(lang)`, `supported`, `rules_of`), so no
code outside it branches on a language code: rules read what the pack of the
article's language says. A pack that does not parse, or carries a key nobody
reads, fails at start-up with the file and the key: bad data never silently
drops a language.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import LiaisonError

PACKS = Path(__file__).resolve().parent / "lang"

#: The language of international bodies' names and of the English forms every gazetteer carries.
LINGUA_FRANCA = "en"

#: Rule sets a pack may use: "latin" (space-separated, capitalised names), "han" (no
#: spaces: agency words and titles fixed in front of the name, 公安部部长王小洪) and
#: "prefixed" (an uncased script whose names follow a rank or honorific written on
#: them, given and family name spaced: พล.ต.ท.สำราญ นวลมา, นายเว่ย เสี่ยวจุน).
RULE_SETS = ("latin", "latin-adjectival", "syllabic", "hangul", "kana", "han", "prefixed")
#: Rule sets of scripts with spaces between words and capitalised names.
SPACED_RULE_SETS = ("latin", "latin-adjectival", "syllabic")
#: Scripts whose names are not capitalised words: the Latin-script rules (datelines,
#: capitalised acronyms before names) do not apply.
UNCASED_SCRIPTS = ("hangul", "kana", "han")

#: Patterns a pack may give (`patterns:` mapping name -> regex), and what each matches.
PATTERN_KEYS = {
    "police": "the language's word for police, to tell 'Vietnamese police' (a description) from an agency name",
    "pronoun": "a subject pronoun standing for the article's main actor (he, she; ông, bà)",
    "receive": "a host's verb of reception (received, hosted, a reçu, 접견)",
    "receive_before_meeting": "a host's verb right before a neutral meeting word, ending there (received a delegation)",
    "visit_place_before": "words right before a country that make it the place of a visit (visit to, thăm), ending at $",
    "visit_place_after": "words right after a country that make it the place of a visit (을, で), starting at ^",
    "venue": "a venue name with its place word (…宮殿で, …호텔에서): group 1 is the venue",
    "not_meeting_after": "what, right after a meeting word, makes it another word (tiếp tục, met the requirements)",
    "agreement_between": "the word introducing a document's two parties (between, giữa, entre)",
    "agreement_and": "the word joining the two parties (and, và, et)",
    "agreement_left": "capitalised or modifier words before an agreement head that belong to its name, ending at $",
    "agreement_end": "where an agreement name ends after its head (clause words, punctuation)",
    "agreement_not_after": "words before a lower-case agreement word that make it a verb or no document, ending at $",
    "agreement_vague_before": "words before a short lower-case agreement phrase that make it no document in particular",
    "lowercase_agency": "a ministry named in lower case by its field (the justice ministry): group 1 the name",
    "home_name": "the shape of a name written the home language's way (Nguyễn Văn An, 김민수, 菅義偉)",
    "host_marker": "what after a participant's name in a reception makes them the host (the topic: 은/는)",
    "guest_marker": "what after a participant's name in a reception makes them the guest (the object: 을/를)",
    "talks_strong": "a word that names talks whatever verb comes with it (talks, hội đàm, entretiens, 회담): a "
                    "reception it is part of stays talks",
    "conference_frame": "words right before a conference word that make it the frame of the encounter (at the "
                        "annual ..., tại, lors de la), ending at $",
    "chair": "chairing together (co-chair, đồng chủ trì, 공동 주재): the encounter is a conference",
}


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
    "org_glued_after": "prefixed: words an agency name is written on without a space (คณะ: คณะตำรวจไทย)",
    "org_country_connectors": "words joining an agency name to its country, which is then part of the name "
                              "(de: Policía Nacional de España)",
    "country_abbreviations": "mapping abbreviation -> ISO3 of a country so written in this language's news "
                             "(RI, РФ): no agency of its own, and part of the agency name it follows (BNN RI)",
    "title_connectors": "words joining a title to its agency or country (Minister of, of the)",
    "place_preps": "words introducing a place (in, at)",
    "place_heads": "words before a capitalised name that make it a place, head and all (estadio, Istana, Jalan)",
    "place_suffixes": "words after a city that name a part of it (Selatan: Jakarta Selatan)",
    "meeting_triggers": "mapping word -> kind (talks, visit, conference, call, signing, attend)",
    "trip_triggers": "meeting triggers that name a trip to a country or agency rather than one encounter "
                     "(visited, chuyến thăm, 방문): what a meeting word later in the story may refine, and "
                     "what an itinerary of encounters follows",
    "relative_days": "words dating a meeting by the publication date (today, yesterday)",
    "relative_offsets": "mapping word -> days from the publication date (yesterday: -1)",
    "same_day": "words dating a meeting by the one told before it",
    "agreement_stops": "words that end an agreement's name (that, for, signed...: the clause goes on)",
    "agreement_heads": "words an agreement name is built on (memorandum, agreement)",
    "agreement_generic": "agreement words that name no particular agreement alone (협력, 合意)",
    "agreement_anaphors": "words before an agreement word that point back to one named before (este, dieses, этот)",
    "months": "mapping month name (any inflection) -> number",
    "date_range_words": "words between the two days of a span (10 al 12, 5 bis 7, 19 hingga 21)",
    "date_joiners": "words between day, month and year (de, del, года)",
    "weekdays": "mapping weekday name -> 0 (Monday) .. 6",
    "not_names": "capitalised words that never start a personal name (weekdays, months)",
    "topics": "mapping topic (FORMAT.md vocabulary) -> words",
    "org_suffixes": "han: the agency words an agency name ends in (公安部, 警察总署, 移民局)",
    "org_generic": "han: agency words that alone name no agency (警方: the police of either side)",
    "org_modifiers": "han: words that may stand before an agency word inside its name (国家, 联邦, 国际)",
    "name_stops": "han: characters that end a personal name written after a title (与, 在, 表示...)",
    "home_agencies": "mapping agency word -> ISO3 of the country a bare one means in this language's news",
    "date_units": "the characters after year, month and day, the range words and an optional weekday pattern "
                  "{year, month, day, range, weekday}: dates written 2024年6月6日, 2024년 6월 6일",
    "date_patterns": "the language's own date patterns, regexes tried in order, with groups y, m, d, d2, m2 and "
                     "the placeholders @MONTH@ (@MONTH1@, @MONTH2@: a month name, as group mn, mn1, mn2) and @YEAR@",
    "script_variant": "han: match on the text folded character by character to this script (zh-cn: "
                      "traditional characters read as simplified; names keep the article's own)",
    "name_chars": "prefixed: the characters of the script's names, as a regex class body (\\u0E00-\\u0E7F)",
    "era_offset": "years written in another era: the number to subtract (543: Buddhist era 2568 = 2025)",
    "name_normaliser": "how personal names are put in the nominative: pymorphy3-ru (names keep their "
                       "written form as an alias)",
    "inflections": "mapping word ending -> endings of its other cases ('' = any other ending), "
                   "applied to one-word country names (России, Китая)",
    "pipeline": "the spaCy pipeline the rules run after: blank:<code> (its tokenizer) or an installed model "
                "whose NER adds people (fr_core_news_md); default blank:xx",
    "home_country": "ISO3 of the country whose news the language is (bare agency names, unqualified officials)",
    "modifier_order": "before | after: where a country or adjective stands by its noun (Vietnamese police / công an "
                      "Việt Nam); after lets an agency name run on with capitalised words after its head",
    "title_position": "before | after: where titles stand by a name (Minister X / X 장관)",
    "object_position": "before | after: where whom one meets stands by the meeting word (met the minister / "
                       "장관 접견); default after",
    "lowercase_titles": "true: titles also run lower case mid-sentence (the justice minister, Karin Keller-Sutter)",
    "country_names_from": "other languages whose country names this language's news also uses (vi: fr)",
    "conjunctions": "the word for 'and' between capitalised words of one name (Justiça e Segurança Pública)",
    "title_qualifiers": "words that qualify a title and are no title alone (직무대행 = acting)",
    "title_lowercase_words": "how many lower-case words a title may run on before the name (default 3)",
    "org_adjectives": "adjectives that continue an agency name after its head (nationale, générale)",
    "name_separator": "the character between the parts of a transliterated name (・): names compare by parts",
    "bare_name_mentions": "true: a later surname or given name alone is the person named in full before",
    "single_word_names": "false: a one-word name after a title that names nobody else is dropped",
    "meeting_words_in_names": "true: a meeting word inside an agency or person span still counts (경찰청장회담)",
    "agreement_max_words": "how many words an agreement name may run after its head (default 14)",
    "agreement_plural_heads": "plural heads that name documents only with a subject (programmes on ...)",
    "agreement_enumerations": "true: a comma continues an agreement name over a list of short lower-case items",
    "agreement_lowercase_min_words": "how many words a lower-case agreement phrase needs to name a document (default 1)",
    "outcome_words": "words saying the sides agreed: a sentence with one is the meeting's outcome",
    "separately": "words saying the counterparts were met one after the other (separately, lần lượt)",
    "meeting_anaphors": "words before a meeting word that point back to one told before (the, this, ce, dieser)",
    "both_sides": "words for the two sides together: with two officials of different countries, a meeting "
                  "even without a meeting word (both sides, hai bên, 양측)",
    "ordinals": "regexes of a numbered edition or round (8th, lần thứ 8, 제8차, 第8回): one meeting per numbered item",
    "agreement_status": "mapping signed | proposed | implemented -> words saying where an agreement stands",
    "this_year": "words for the current year (this year, năm nay): dates an undated article",
    "patterns": "mapping name -> regex, see PATTERN_KEYS",
}


_MAPPINGS = ("meeting_triggers", "months", "weekdays", "relative_offsets", "topics", "inflections", "date_units",
             "home_agencies", "patterns", "agreement_status", "country_abbreviations")


@dataclass(frozen=True)
class Pack:
    code: str
    rules: str | None
    script: str = "latin"
    data: dict = field(default_factory=dict, compare=False, hash=False)

    def words(self, key: str):
        """One key of the pack's data ([] or {} when absent)."""
        return self.data.get(key) or ({} if key in _MAPPINGS else [])

    def get(self, key: str, default=None):
        value = self.data.get(key)
        return default if value is None else value

    def pattern(self, key: str) -> re.Pattern | None:
        """One of the pack's `patterns`, compiled once."""
        return _compiled(self.code, key)

    @property
    def spaced(self) -> bool:
        """Words spaced and names capitalised (the Latin-script rules apply)."""
        return self.rules in SPACED_RULE_SETS

    @property
    def cased(self) -> bool:
        return self.script not in UNCASED_SCRIPTS


_NO_PACK: dict = {}


def pack(lang: str | None) -> Pack:
    """The pack of a language; an empty one (no rule set) for a language without a pack."""
    found = packs().get(lang or "")
    if found is None:
        found = _NO_PACK.setdefault(lang or "xx", Pack(code=lang or "xx", rules=None))
    return found


@functools.lru_cache(maxsize=None)
def _compiled(code: str, key: str) -> re.Pattern | None:
    source = (pack(code).data.get("patterns") or {}).get(key)
    return re.compile(source) if source else None


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
    for key in _MAPPINGS:
        if key in data and not isinstance(data[key], dict):
            _fail(path, f"{key} must be a mapping")
    for key in ("titles", "ranks", "honorifics", "org_heads", "org_connectors", "title_connectors", "place_preps",
                "relative_days", "same_day", "agreement_heads", "agreement_stops", "head_titles", "surnames",
                "org_name_vocab", "org_trim", "agreement_generic", "org_adjectives", "agreement_plural_heads",
                "separately", "this_year", "outcome_words", "title_qualifiers", "country_names_from", "conjunctions",
                "org_country_connectors", "org_glued_after", "place_heads", "place_suffixes", "agreement_anaphors",
                "date_joiners", "date_range_words", "not_names", "meeting_anaphors", "both_sides", "ordinals",
                "org_suffixes", "org_generic",
                "org_modifiers", "name_stops"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
            _fail(path, f"{key} must be a list of phrases")
    for word, kind in (data.get("meeting_triggers") or {}).items():
        if kind not in ("talks", "visit", "conference", "call", "signing", "attend"):
            _fail(path, f"meeting_triggers[{word!r}] = {kind!r}: not a meeting kind")
    if "date_patterns" in data:
        if not isinstance(data["date_patterns"], list):
            _fail(path, "date_patterns must be a list of regular expressions")
        for source in data["date_patterns"]:
            try:
                re.compile(str(source).replace("@MONTH1@", "(?P<mn1>x)").replace("@MONTH2@", "(?P<mn2>x)")
                           .replace("@MONTH@", "(?P<mn>x)").replace("@YEAR@", "(?P<y>x)"))
            except re.error as exc:
                _fail(path, f"date_patterns: {source!r} is not a regular expression ({exc})")
    for key in (data.get("date_units") or {}):
        if key not in ("year", "month", "day", "range", "weekday"):
            _fail(path, f"date_units: unknown key {key!r} (year, month, day, range, weekday)")
    for key, source in (data.get("patterns") or {}).items():
        if key not in PATTERN_KEYS:
            _fail(path, f"patterns: unknown pattern {key!r} (known: {', '.join(PATTERN_KEYS)})")
        try:
            re.compile(source)
        except (re.error, TypeError) as exc:
            _fail(path, f"patterns[{key!r}] is not a regular expression ({exc})")
    for key in ("modifier_order", "title_position", "object_position"):
        if data.get(key) not in (None, "before", "after"):
            _fail(path, f"{key} must be before or after, not {data[key]!r}")
    for key in ("bare_name_mentions", "single_word_names", "meeting_words_in_names", "agreement_enumerations",
                "lowercase_titles"):
        if key in data and not isinstance(data[key], bool):
            _fail(path, f"{key} must be true or false")
    for key in ("title_lowercase_words", "agreement_max_words", "agreement_lowercase_min_words"):
        if key in data and not (isinstance(data[key], int) and data[key] >= 0):
            _fail(path, f"{key} must be a whole number")
    for status in data.get("agreement_status") or {}:
        if status not in ("signed", "proposed", "implemented"):
            _fail(path, f"agreement_status[{status!r}]: signed, proposed or implemented")
    pipeline = data.get("pipeline")
    if pipeline is not None and not (isinstance(pipeline, str) and re.fullmatch(r"blank:[a-z]{2,3}|[a-z]{2}_\w+", pipeline)):
        _fail(path, f"pipeline {pipeline!r}: blank:<code> or an installed spaCy model name")
    if "home_country" in data and not re.fullmatch(r"[A-Z]{3}", str(data["home_country"])):
        _fail(path, "home_country must be an ISO 3166 alpha-3 code")
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


def pack_script(lang: str | None) -> str | None:
    """A pack's script (latin, cyrillic, han, hangul, kana, thai), or None without a pack."""
    found = packs().get(lang or "")
    return found.script if found else None


def script_variant(lang: str | None) -> str | None:
    """The script a pack's text is folded to before matching (zh-cn), or None."""
    return pack(lang).data.get("script_variant")


def spaced_script(lang: str | None) -> bool:
    """Whether the language writes names in a cased, space-separated script (case-insensitive meeting words)."""
    return pack(lang).spaced


def pack_words(lang: str, key: str):
    """One key of a pack's data ([] or {} when absent or not a pack)."""
    return pack(lang).words(key)


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
                rules.setdefault(key, {})[code] = _with_capitals(d[key])
        if d.get("home_agencies"):
            rules.setdefault("bare_org_country", {})[code] = dict(d["home_agencies"])
        heads = rules.setdefault("org_heads", {})
        if d.get("org_heads"):
            heads[code] = _with_capitals(d["org_heads"])
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

