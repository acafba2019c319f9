"""Schema checks for the gazetteer / lexicon data files in loaders/data/.

Plain data checks: no Neo4j, no NLP model. The data files are read with json and
yaml only.
"""

from __future__ import annotations

import collections
import json
import pathlib
import re
import subprocess
import sys

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
DATA = ROOT / "loaders" / "data"

# The topic vocabulary of shared/eval/FORMAT.md.
TOPIC_VOCABULARY = [
    "cybercrime", "high-tech crime", "drug trafficking", "human trafficking", "terrorism",
    "transnational crime", "money laundering", "illegal gambling", "fraud", "extradition",
    "wanted fugitives", "forensic science", "training", "traffic safety", "cybersecurity",
    "maritime security", "immigration", "citizen protection", "intelligence sharing",
    "digital sexual crime", "intellectual property", "e-commerce crime",
]
MEETING_KINDS = {"talks", "visit", "conference", "call", "signing"}
CORE_LANGS = ["vi", "fr", "en", "ko", "ja"]
LATIN = {"vi", "fr", "en"}
ORG_KINDS = {"ministry", "police", "agency", "intergovernmental", "mechanism", "party"}
PLACE_KINDS = {"capital", "city", "province", "district", "region", "venue"}


def load_yaml(name):
    with open(DATA / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def countries():
    with open(DATA / "countries.json", encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="module")
def iso3(countries):
    return {c["iso3"] for c in countries}


@pytest.fixture(scope="module")
def orgs():
    return load_yaml("organizations.yaml")


def nonempty_str_list(v):
    return isinstance(v, list) and v and all(isinstance(x, str) and x.strip() == x and x for x in v)


# ------------------------------------------------------------------ countries
def test_countries_cover_iso(countries):
    assert isinstance(countries, list)
    assert len(countries) >= 240
    codes = [c["iso3"] for c in countries]
    assert len(codes) == len(set(codes))
    for c in countries:
        assert re.fullmatch(r"[A-Z]{3}", c["iso3"]), c
        assert c["name"], c
        assert nonempty_str_list(c["names"]["en"]), c["iso3"]
        assert c["name"] in c["names"]["en"], c["iso3"]
        for lang, forms in c["names"].items():
            assert nonempty_str_list(forms), (c["iso3"], lang)
            assert len({f.casefold() for f in forms}) == len(forms), (c["iso3"], lang)


def test_country_canonical_news_names(countries):
    by = {c["iso3"]: c for c in countries}
    expected = {"VNM": "Vietnam", "KOR": "South Korea", "PRK": "North Korea", "JPN": "Japan", "CHN": "China",
                "LAO": "Laos", "KHM": "Cambodia", "BRN": "Brunei", "RUS": "Russia", "USA": "United States",
                "GBR": "United Kingdom", "AUS": "Australia", "SGP": "Singapore", "PHL": "Philippines",
                "IRN": "Iran", "SYR": "Syria", "TWN": "Taiwan", "TUR": "Turkey", "CZE": "Czechia",
                "MAR": "Morocco", "FRA": "France", "CYP": "Cyprus", "IDN": "Indonesia", "THA": "Thailand"}
    for code, name in expected.items():
        assert by[code]["name"] == name
    # core languages present for the big ones
    for code in ["VNM", "KOR", "JPN", "CHN", "LAO", "KHM", "USA", "FRA", "PHL"]:
        for lang in CORE_LANGS:
            assert by[code]["names"].get(lang), (code, lang)
    assert "Hàn Quốc" in by["KOR"]["names"]["vi"]
    assert "한국" in by["KOR"]["names"]["ko"]
    assert "韓国" in by["KOR"]["names"]["ja"]
    assert "Việt" in by["VNM"]["short"]["vi"]
    assert "sud-coréenne" in by["KOR"]["adjectives"]["fr"]
    assert "Filipino" in by["PHL"]["adjectives"]["en"]


def test_country_names_do_not_collide(countries):
    """A surface form (not flagged ambiguous) belongs to one country per language."""
    owners = collections.defaultdict(set)
    for c in countries:
        amb = {f.casefold() for fs in c.get("ambiguous", {}).values() for f in fs}
        for lang, forms in c["names"].items():
            for f in forms:
                if f.casefold() not in amb:
                    owners[(lang, f.casefold())].add(c["iso3"])
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert not clashes, sorted(clashes.items())[:20]


def test_build_script_reproduces_countries(tmp_path, countries):
    pytest.importorskip("pycountry")
    out = tmp_path / "countries.json"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_gazetteers.py"), "--out", str(out)],
                   check=True, capture_output=True)
    rebuilt = json.loads(out.read_text(encoding="utf-8"))
    if len(rebuilt) != len(countries):  # a different pycountry release may add codes
        pytest.skip("pycountry version differs from the one used to build countries.json")
    assert {c["iso3"]: c["name"] for c in rebuilt} == {c["iso3"]: c["name"] for c in countries}


# ------------------------------------------------------------------ organisations
def test_organizations_schema(orgs, iso3):
    assert isinstance(orgs, list) and len(orgs) >= 150
    ids = [o["id"] for o in orgs]
    assert len(ids) == len(set(ids)), [i for i, n in collections.Counter(ids).items() if n > 1]
    idset = set(ids)
    for o in orgs:
        assert re.fullmatch(r"org:[a-z0-9][a-z0-9-]*", o["id"]), o["id"]
        assert isinstance(o.get("canonical"), str) and o["canonical"], o["id"]
        assert o["country"] == "international" or o["country"] in iso3, o["id"]
        assert o["kind"] in ORG_KINDS, o["id"]
        assert isinstance(o["names"], dict) and o["names"], o["id"]
        for lang, forms in o["names"].items():
            assert nonempty_str_list(forms), (o["id"], lang)
        for lang, forms in (o.get("generic_names") or {}).items():
            assert nonempty_str_list(forms), (o["id"], lang)
        for key in ("acronyms", "ambiguous_acronyms"):
            assert all(isinstance(a, str) and a for a in (o.get(key) or [])), (o["id"], key)
        if "parent" in o:
            assert o["parent"] in idset, o["id"]
        dfb = o.get("default_for_bare_name")
        if dfb is not None:
            assert dfb is True or (isinstance(dfb, list) and set(dfb) <= set(o.get("generic_names") or {})), o["id"]


def test_organizations_unambiguous(orgs):
    names = collections.defaultdict(set)
    generic = collections.defaultdict(set)
    defaults = collections.defaultdict(set)
    acronyms = collections.defaultdict(set)
    for o in orgs:
        for lang, forms in o["names"].items():
            for f in forms:
                names[(lang, f.casefold())].add(o["id"])
        gen = o.get("generic_names") or {}
        for lang, forms in gen.items():
            for f in forms:
                generic[(lang, f.casefold())].add(o["id"])
        dfb = o.get("default_for_bare_name")
        langs = set(gen) if dfb is True else set(dfb or [])
        for lang in langs:
            for f in gen.get(lang, []):
                defaults[(lang, f.casefold())].add(o["id"])
        for a in o.get("acronyms") or []:
            acronyms[a].add(o["id"])
    assert not {k: v for k, v in names.items() if len(v) > 1}, "a specific name is listed under two bodies"
    assert not [k for k in names if k in generic], "a form is both specific and generic"
    assert not {k: v for k, v in defaults.items() if len(v) > 1}, "two defaults for one bare name"
    assert not {k: v for k, v in acronyms.items() if len(v) > 1}, "shared acronyms go under ambiguous_acronyms"


def test_organizations_coverage(orgs):
    by_country = collections.Counter(o["country"] for o in orgs)
    for code in ["VNM", "KHM", "LAO", "THA", "MYS", "SGP", "IDN", "PHL", "MMR", "BRN", "CHN", "JPN", "KOR",
                 "IND", "AUS", "NZL", "USA", "GBR", "FRA", "DEU", "ITA", "ESP", "NLD", "BEL", "POL", "CYP",
                 "GRC", "RUS", "MAR", "DZA", "TUN", "TUR", "ARE", "SAU", "CAN", "BRA", "MEX"]:
        assert by_country[code] >= 1, code
    ids = {o["id"] for o in orgs}
    for needed in ["org:vn-mps", "org:int-interpol", "org:int-europol", "org:int-unodc", "org:int-asean",
                   "org:int-aseanapol", "org:int-ammtc", "org:int-somtc", "org:kr-knpa", "org:jp-npa",
                   "org:ph-pnp", "org:kh-moi", "org:la-mps", "org:cn-mps", "org:ma-dgsn", "org:fr-police-nationale"]:
        assert needed in ids, needed
    vn = next(o for o in orgs if o["id"] == "org:vn-mps")
    assert "Bộ Công an" in vn["generic_names"]["vi"] and "vi" in vn["default_for_bare_name"]


# ------------------------------------------------------------------ language packs
PACKS = ROOT / "loaders" / "extract" / "lang"


def load_pack(code):
    with open(PACKS / code / "pack.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.mark.parametrize("lang", CORE_LANGS)
def test_titles_and_ranks_per_language(lang):
    pack = load_pack(lang)
    titles, ranks = pack["titles"], pack.get("ranks", [])
    assert len(titles) >= 20 and len(titles) == len(set(titles)), lang
    assert all(isinstance(t, str) and t.strip() for t in titles + ranks), lang
    assert ranks, lang
    assert pack["head_titles"], lang


def test_vietnamese_titles_and_ranks_are_apart():
    vi = load_pack("vi")
    assert "Đại tướng" in vi["ranks"] and "Thứ trưởng" in vi["titles"] and "Thứ trưởng" not in vi["ranks"]


@pytest.mark.parametrize("lang", CORE_LANGS)
def test_topics_cover_vocabulary(lang):
    fmt = ROOT.parent / "shared" / "eval" / "FORMAT.md"
    vocab = list(TOPIC_VOCABULARY)
    if fmt.exists():
        m = re.search(r"`topics` from: (.*?)\(others allowed\)", fmt.read_text(encoding="utf-8"), re.S)
        if m:
            vocab = [t.strip(" .\n") for t in m.group(1).split(",") if t.strip(" .\n")]
    topics = load_pack(lang)["topics"]
    for topic in vocab:
        assert nonempty_str_list(topics.get(topic)), (topic, lang)
    if lang in LATIN:
        for topic, words in topics.items():
            assert all(t == t.lower() for t in words), (topic, lang)


@pytest.mark.parametrize("lang", sorted(p.name for p in PACKS.iterdir() if (p / "pack.yaml").exists()))
def test_meeting_words_name_kinds(lang):
    triggers = load_pack(lang)["meeting_triggers"]
    assert set(triggers.values()) <= MEETING_KINDS | {"attend"}, lang
    if lang in CORE_LANGS:
        assert MEETING_KINDS <= set(triggers.values()), lang


def test_no_language_vocabulary_left_in_the_shared_rules():
    rules = load_yaml("extract_rules.yaml")
    for key, value in rules.items():
        if isinstance(value, dict):
            assert not set(value) & set(CORE_LANGS), key


# ------------------------------------------------------------------ places
def test_places_schema(iso3, countries):
    places = load_yaml("places.yaml")
    assert isinstance(places, list) and len(places) >= 300
    capitals = set()
    for p in places:
        assert isinstance(p["name"], str) and p["name"], p
        assert p["country"] is None or p["country"] in iso3, p["name"]
        assert p["kind"] in PLACE_KINDS, p["name"]
        assert nonempty_str_list(p["names"].get("en")), p["name"]
        for lang, forms in p["names"].items():
            assert nonempty_str_list(forms), (p["name"], lang)
        if p["kind"] == "capital":
            capitals.add(p["country"])
    # every country with a news canonical name that is a sovereign state in the usual sense
    for code in ["VNM", "KOR", "PRK", "JPN", "CHN", "LAO", "KHM", "THA", "MYS", "SGP", "IDN", "PHL", "MMR",
                 "BRN", "TLS", "IND", "AUS", "NZL", "USA", "GBR", "FRA", "DEU", "RUS", "MAR", "DZA", "TUR"]:
        assert code in capitals, code
    vn = [p for p in places if p["country"] == "VNM" and p["kind"] in ("province", "city", "capital")]
    assert len(vn) >= 63
    hanoi = next(p for p in places if p["name"] == "Hanoi")
    assert "Hà Nội" in hanoi["names"]["vi"] and "Ha Noi" in hanoi["names"]["vi"]
