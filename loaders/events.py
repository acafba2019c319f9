"""Event resolution: which meeting reports, across articles, are one encounter.

Runs after entity resolution (the participants carry their canonical ids).
A *report* is one meeting as one article tells it; a Meeting is the set of
reports of one encounter. Two reports are one encounter when
- they come from different articles (an article that tells two meetings
  means two), and their dates are compatible: equal at the coarser precision
  (2023-03 fits 2023-03-04), or overlapping spans (a meeting "during the 2-6
  December visit" fits one dated 3 December);
- their kinds are compatible (a call is never an in-person meeting);
- and what they say about who took part agrees: people or agencies in
  common on both sides, or, for a conference, the same set of countries.
Dates in news are often a day or two off (a relative "last Saturday", a
time zone, the day of the report) or missing ("have held a bilateral
meeting"): when the same two people or more met, dates up to NEAR_DAYS apart,
or no date in an article published within NEAR_DAYS of the other's, still
make one encounter.

Pairs are scored and taken best first; a pair joins two groups only when no
article would then report the encounter twice. The outcome depends only on
the set of reports, not on the order they arrive in, and a Meeting's id is
that of its first report in a fixed order, so re-loading, or loading in
another order, gives the same ids.
"""

from __future__ import annotations

import calendar
import functools
import hashlib
import itertools
import json
from dataclasses import dataclass, field
from datetime import date as Date, timedelta

from .normalize import fold, script_of, slug

#: Kinds that can describe one encounter (a visit includes its talks; a
#: signing happens at talks or a conference). A call only matches a call.
_KIN = {
    "talks": {"talks", "visit", "signing"},
    "visit": {"talks", "visit", "signing"},
    "signing": {"talks", "visit", "signing", "conference"},
    "conference": {"conference", "signing"},
    "call": {"call"},
}

#: Score from which two compatible reports are one encounter.
THRESHOLD = 2.0
#: How many days apart two reports of the same people may be dated (or an undated one's
#: article published after the other's date) and still be one encounter.
NEAR_DAYS = 3
#: The share of their countries two conferences (or calls) naming different people must
#: have in common to be one.
COMMON_SHARE = 0.6
#: A meeting of more countries than this is multilateral: it is not a contact of each
#: two of them (an assembly of 60 delegations would be 1,770 country pairs), so the
#: writer links it to no CountryPair and finds it by each country instead.
MAX_PAIRED_COUNTRIES = 12
#: A Meeting whose reports all lie within this many days after its first day (NEAR_DAYS
#: before it) is found by its day; a longer one (a course, a long visit) or one holding
#: a report dated only to the month, by its month (see seek_date).
MAX_SPAN_DAYS = 4
#: How long before a day a month-keyed Meeting it may belong to can have started.
MONTH_BACK_DAYS = 31


@dataclass(frozen=True)
class Report:
    """One meeting as one article reports it, in resolved ids."""

    key: str                     # "<document id>#<meeting index>": unique and stable
    doc: str
    start: Date | None           # first and last day the date allows
    end: Date | None
    precision: str | None        # day / month / year
    kind: str
    people: frozenset[str] = frozenset()
    agencies: frozenset[str] = frozenset()   # participating organisations and the people's own
    actors: frozenset[str] = frozenset()     # the participants (people, organisations): blocking keys
    countries: frozenset[str] = frozenset()
    place: str = ""              # folded, spaces removed: Hà Nội = Hanoi
    place_known: bool = False    # the place is a Place the article resolved (not a country or region)
    place_city: bool = False     # ... and a city of the gazetteer: `place` is its id, in any language
    window: tuple | None = None  # undated: the days before its article's publication it may have been
    members: frozenset = frozenset()         # (person, agency): whom each person spoke for
    yearly: bool = False         # dated to a whole year only (never merged on its date)


@functools.lru_cache(maxsize=65536)
def span(value: str | None) -> tuple[Date | None, Date | None]:
    """The first and last day a date of any precision (YYYY, YYYY-MM, YYYY-MM-DD) covers."""
    if not value:
        return None, None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return Date(parts[0], 1, 1), Date(parts[0], 12, 31)
        if len(parts) == 2:
            return Date(parts[0], parts[1], 1), Date(parts[0], parts[1], calendar.monthrange(*parts)[1])
        d = Date(*parts[:3])
        return d, d
    except (ValueError, TypeError):
        return None, None


def entity_sides(ex, ids: dict[str, str]) -> dict[str, set[str]]:
    """The country ids of each person and organisation of an article: a person's
    through the agency or country the article gives them, an agency's its own.
    Only countries the article names, so one article always gives the same sides
    (the graph unites them over articles: Entity.sides)."""
    from .extract.lexicon import lexicon

    lex = lexicon()
    by_name = {e.name: e for e in ex.entities}
    named = {ids[e.name] for e in ex.entities if e.type == "Country" and e.name in ids}

    def side(e, depth: int = 0) -> str | None:
        if e is None:
            return None
        if e.type == "Country":
            return ids.get(e.name)
        if e.type == "Person" and e.affiliation and depth == 0:
            return side(by_name.get(e.affiliation), 1)
        if e.type == "Organization" and e.country:
            iso3 = lex.iso3_of_name(e.country)
            return f"country:{iso3}" if iso3 and f"country:{iso3}" in named else None
        return None

    return {e.name: {c} for e in ex.entities if e.type in ("Person", "Organization") and (c := side(e))}


def report_rows(doc: str, doc_name: str, language: str, ex, ids: dict[str, str],
                published: str | None = None) -> list[dict]:
    """The reports of one extraction, as the rows the graph stores on their Meeting
    (JSON-ready: everything needed to rebuild the Meeting from its reports).

    `ids` maps the article's entity names to their resolved ids. A report's
    countries are those its sentence names (`countries`) and those of its
    participants (`sides`): a person's through the agency or country the
    article gives them, an agency's its own; only countries the article names,
    so the same article always gives the same sides."""
    from .extract.lexicon import lexicon

    lex = lexicon()
    by_name = {e.name: e for e in ex.entities}
    types = {e.name: e.type for e in ex.entities}
    sides_of = entity_sides(ex, ids)

    rows = []
    for i, m in enumerate(ex.meetings):
        participants = [{"id": ids[p.entity], "role": p.role, "name": p.entity, "type": types[p.entity],
                         "side": min(sides_of.get(p.entity, ()), default=None)}
                        for p in m.participants if p.entity in ids]
        affiliation = {p.entity: by_name[p.entity].affiliation for p in m.participants
                       if types.get(p.entity) == "Person" and by_name[p.entity].affiliation}
        members = sorted({(ids[p], ids[a]) for p, a in affiliation.items()
                          if p in ids and a in ids and types.get(a) == "Organization"})
        agencies = sorted({a for _p, a in members})
        countries = sorted({ids[c] for c in m.countries if types.get(c) == "Country" and c in ids})
        sides = sorted({c for p in m.participants for c in sides_of.get(p.entity, ()) if c not in countries})
        place_name = (m.place or "").split(",")[0].strip()
        place_country = None
        if types.get(place_name) == "Country":
            place_country = ids.get(place_name)
        elif m.place and "," in m.place:
            iso3 = lex.iso3_of_name(m.place.rsplit(",", 1)[1].strip())
            place_country = f"country:{iso3}" if iso3 else None
        rows.append({
            "key": f"{doc}#{i}", "doc": doc, "doc_name": doc_name, "language": language, "published": published,
            "date": m.date, "end_date": m.end_date, "precision": _precision(m.date), "kind": m.kind,
            "place": m.place,
            "place_id": ids.get(place_name) if types.get(place_name) == "Place" else None,
            "place_country": place_country,
            "participants": participants, "agencies": agencies,
            # [person id, agency id]: whom each person spoke for, as the reporting article says
            "members": [list(pa) for pa in members],
            "countries": countries, "sides": sides,
            "topics": list(m.topics), "outcomes": list(m.outcomes),
            "agreements": [ids[a] for a in m.agreements if a in ids],
            "sentences": [f"{doc}:s{s}" for s in m.sentences],
        })
    return rows


def _precision(value: str | None) -> str | None:
    """day / month / year, from the date itself (an analyst's correction changes both at once)."""
    return {1: "year", 2: "month", 3: "day"}.get(len(value.split("-"))) if value else None


def report(row: dict) -> Report:
    """The features event resolution compares, from a report row."""
    people = {p["id"] for p in row["participants"] if p["type"] == "Person"}
    orgs = {p["id"] for p in row["participants"] if p["type"] == "Organization"}
    countries = (set(row["countries"]) | set(row.get("sides", ()))
                 | {p["id"] for p in row["participants"] if p["type"] == "Country"})
    start, _ = span(row["date"])
    _, end = span(row["end_date"] or row["date"])
    from .gazetteer import city_of_id

    city = city_of_id(row["place_id"] or "") is not None
    place = row["place_id"] if city else _place_key(row["place"] or "")
    window = None
    published, _ = span(row.get("published"))
    if start is None and published is not None and _precision(row.get("published")) == "day":
        window = (published - timedelta(days=NEAR_DAYS), published)
    return Report(key=row["key"], doc=row["doc"], start=start, end=end, precision=row["precision"],
                  kind=row["kind"], people=frozenset(people), agencies=frozenset(orgs | set(row["agencies"])),
                  actors=frozenset(people | orgs), countries=frozenset(countries), place=place,
                  place_known=bool(row["place_id"]), place_city=city, window=window,
                  members=frozenset(tuple(pa) for pa in row.get("members", ())),
                  yearly=start is not None and (row["precision"] == "year" or (
                      end is not None and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31))))


@functools.lru_cache(maxsize=65536)
def _place_key(place: str) -> str:
    return fold(place.split(",")[0]).replace(" ", "")


def dates_compatible(a: Report, b: Report) -> bool:
    """Both dated to the month or better, and their spans overlap (so a month holds
    its days, a visit its meetings). A year alone says too little to call two
    reports one encounter."""
    if a.start is None or b.start is None or _is_year(a) or _is_year(b):
        return False
    return a.start <= b.end and b.start <= a.end


def near_dates(a: Report, b: Report) -> bool:
    """Not compatible, but close: two days at most NEAR_DAYS apart, or an undated report
    whose article came out within NEAR_DAYS after the other's date."""
    if dates_compatible(a, b):
        return False
    if a.precision == b.precision == "day" and a.start and b.start:
        return abs((a.start - b.start).days) <= NEAR_DAYS
    for undated, dated in ((a, b), (b, a)):
        if undated.start is None and undated.window and dated.start is not None and dated.precision == "day":
            lo, hi = undated.window
            return lo <= dated.start <= hi
    return False


def score(a: Report, b: Report) -> float:
    """How strongly two reports say they are one encounter; 0 when they cannot be."""
    if a.doc == b.doc or b.kind not in _KIN.get(a.kind, {a.kind}):
        return 0.0
    if not dates_compatible(a, b):
        # dates a little apart, or one missing: the same two people or more must have met
        if not near_dates(a, b) or len(a.people & b.people) < 2:
            return 0.0
    people = len(a.people & b.people)
    agencies = len(a.agencies & b.agencies)
    shared = people + agencies
    s = 0.0
    if shared:
        # The people in common must not all be on one side: a visitor meets many hosts.
        sides = people >= 2 or agencies >= 2 or (people and _other_side(a, b)) \
            or _covers(a, b) or _covers(b, a)
        if sides:
            s += 1.5 * people + 1.0 * agencies
        elif people == 1 and not (a.people - b.people and b.people - a.people) \
                and len(a.countries & b.countries) >= 2:
            # One person in common, the other side named differently (a minister in one
            # report, only their ministry or nobody in the other) and the same two
            # countries: weak evidence, which the rest must confirm.
            s += 1.0
        else:
            return 0.0
    elif a.kind == b.kind == "conference" or a.kind == b.kind == "call":
        # A multilateral conference is reported by each delegation's own press:
        # the people named differ, the countries do not.
        common = a.countries & b.countries
        union = a.countries | b.countries
        if len(common) >= 2 and len(common) / len(union) >= COMMON_SHARE:
            s += 0.5 * len(common)
        elif common and a.kind == b.kind == "conference" and a.place_city and a.place == b.place \
                and a.precision == b.precision == "day":
            # a forum in one city on the same days, each delegation naming its own side
            # (한국 해양경찰청 at the Tokyo summit, 海上保安庁 hosting it): one conference
            s += 1.0
        else:
            return 0.0
    else:
        return 0.0
    if a.kind == b.kind:
        s += 0.5
    if a.place and b.place:
        if a.place == b.place:
            s += 0.5
        elif (a.place_city and b.place_city) or (
                a.place_known and b.place_known and not (a.place_city or b.place_city)
                and script_of(a.place) == script_of(b.place)):
            # Two cities (the gazetteer knows them in every language), or two other
            # named places of one script, that differ: two encounters. Across
            # scripts, names the gazetteer does not know cannot tell.
            return 0.0
    if a.start == b.start and a.end == b.end and a.precision == "day":
        s += 0.5
    return s


def _other_side(a: Report, b: Report) -> bool:
    """An agency in common that is not the own agency of a person in common (a person's
    agency is their side, not the other)."""
    common = a.people & b.people
    own = {ag for p, ag in a.members | b.members if p in common}
    return bool((a.agencies & b.agencies) - own)


def _is_year(r: Report) -> bool:
    return r.yearly


def _covers(a: Report, b: Report) -> bool:
    """Every participant a names is one b names too (a report that only names the visitor)."""
    mine = a.people | a.agencies
    return bool(mine) and mine <= (b.people | b.agencies)


def meeting_id(key: str) -> str:
    return "meeting:" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass
class _Groups:
    """Union-find over reports, where a group stays consistent as a whole: one report
    per article, dates that all overlap (a month-precise report between two
    different days joins one of them, not both), kinds all compatible."""

    parent: dict = field(default_factory=dict)
    docs: dict = field(default_factory=dict)
    spans: dict = field(default_factory=dict)
    kinds: dict = field(default_factory=dict)
    members: dict = field(default_factory=dict)
    apart: set = field(default_factory=set)      # frozensets of two keys an analyst kept apart

    def find(self, k):
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def add(self, r: Report):
        self.parent[r.key] = r.key
        self.docs[r.key] = {r.doc}
        self.spans[r.key] = (r.start, r.end) if r.start is not None else (r.window or (None, None))
        self.kinds[r.key] = {r.kind}
        self.members[r.key] = {r.key}

    def _kept_apart(self, ra: str, rb: str) -> bool:
        if not self.apart:
            return False
        return any(frozenset((x, y)) in self.apart for x in self.members[ra] for y in self.members[rb])

    def union(self, a: str, b: str, forced: bool = False, slack: int = 0) -> bool:
        """Join two groups when they stay consistent; `forced` (an analyst's decision)
        joins them whatever the rules say, unless an analyst kept two of them apart.
        `slack`: days the two groups' dates may lie apart (a pair of near dates)."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb or self._kept_apart(ra, rb):
            return False
        (s1, e1), (s2, e2) = self.spans[ra], self.spans[rb]
        if not forced:
            if self.docs[ra] & self.docs[rb]:
                return False
            if s1 is None or s2 is None or max(s1, s2) > min(e1, e2) + timedelta(days=slack):
                return False
            if any(k2 not in _KIN.get(k1, {k1}) for k1 in self.kinds[ra] for k2 in self.kinds[rb]):
                return False
        ra, rb = sorted((ra, rb))
        self.members[ra] |= self.members.pop(rb)
        self.parent[rb] = ra
        self.docs[ra] |= self.docs.pop(rb)
        self.spans[ra] = ((max(s1, s2), min(e1, e2)) if s1 is not None and s2 is not None
                          and max(s1, s2) <= min(e1, e2) else (s1 or s2, e1 or e2))
        self.spans.pop(rb)
        self.kinds[ra] |= self.kinds.pop(rb)
        return True


def candidate_pairs(reports: list[Report]):
    """Pairs worth scoring: sharing a block (see blocks)."""
    by_block: dict[str, list[Report]] = {}
    for r in reports:
        for b in blocks(r):
            by_block.setdefault(b, []).append(r)
    seen = set()
    for members in by_block.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                pair = (a.key, b.key) if a.key < b.key else (b.key, a.key)
                if pair not in seen:
                    seen.add(pair)
                    yield a, b


def _reach(r: Report) -> tuple[Date, Date]:
    """The days a report's encounter may lie in: its span (NEAR_DAYS wider for a day), its
    month's, or the days before its article's publication."""
    start, end = (r.start, r.end) if r.start is not None else r.window
    if r.precision == "day":
        start, end = start - timedelta(days=NEAR_DAYS), end + timedelta(days=NEAR_DAYS)
    return start, end


@functools.lru_cache(maxsize=65536)
def _months_of(start: Date, end: Date) -> tuple[str, ...]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month) and len(out) < 3:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return tuple(out)


def _pairs(r: Report) -> list[tuple[str, str]]:
    """The country pairs a conference or call is found by. Named people aside, two are one
    only with two countries or more in common (COMMON_SHARE of them all), so sharing a pair
    is what to look for: Vietnam's thousand conferences a year are not all compared with
    each other, only those with a second country in common. A multilateral report of n
    countries gives the pairs of its first n - floor(COMMON_SHARE * n) + 2 only: any report
    sharing the required share with it holds two of those."""
    if r.kind not in ("conference", "call"):
        return []
    cs = sorted(r.countries)
    if len(cs) > MAX_PAIRED_COUNTRIES:
        cs = cs[: len(cs) - int(COMMON_SHARE * len(cs)) + 2]
    return list(itertools.combinations(cs, 2))


def _by_place(r: Report) -> bool:
    """A conference in a known city on known days is also found by the city (a forum whose
    delegations each name only their own side, see score)."""
    return r.kind == "conference" and r.place_city and r.precision == "day"


def _dated(r: Report) -> bool:
    return not ((r.start is None and r.window is None) or (r.start is not None and _is_year(r)))


@functools.lru_cache(maxsize=65536)
def _weeks_of(start: Date, end: Date) -> tuple[str, ...]:
    """The weeks (numbered from the epoch) of these days: finer than months, so a hub's
    busy month is not compared pair by pair."""
    first, last = start.toordinal() // 7, end.toordinal() // 7
    return tuple(f"w{w}" for w in range(first, min(last, first + 15) + 1))


def blocks(r: Report) -> list[str]:
    """Blocking keys, one per participant, country pair (conferences and calls,
    see _pairs), multilateral country and conference city, with each week the date
    allows (see _reach): only reports sharing a key are compared. Every pair `score` can
    accept shares one: their days overlap, or lie NEAR_DAYS apart, inside those weeks."""
    if not _dated(r):
        return []
    weeks = _weeks_of(*_reach(r))
    keys = sorted(r.actors)
    keys += [f"{a}+{b}" for a, b in _pairs(r)]
    if r.kind in ("conference", "call") and len(r.countries) > MAX_PAIRED_COUNTRIES:
        keys += [f"multi:{c}" for c in sorted(r.countries)]
    if _by_place(r):
        keys.append(f"at:{r.place}")
    return [f"{k}|{w}" for k in keys for w in weeks]


#: The seeks by a Meeting's seek_date (PARTICIPANT and HELD_IN keys, IN_PAIR's `seek`; the
#: other keys are its date, which orders timelines).
DAY_SEEKS = ("PARTICIPANT", "HELD_IN", "IN_PAIR")


def seek_date(date: str | None, rows: list[dict]) -> str | None:
    """The date a Meeting is found by (its PARTICIPANT and HELD_IN keys, IN_PAIR.seek): its day when
    every report's days lie within NEAR_DAYS before and MAX_SPAN_DAYS after it, else its
    month. A report that could join one of the Meeting's reports then finds it by the
    days around its own (seek_ranges), and one that could take a month-dated report away
    from it, by the month."""
    if not date or len(date) < 10:
        return date
    day, _ = span(date)
    for r in rows:
        if not r.get("date"):
            continue
        start, _ = span(r["date"])
        _, end = span(r.get("end_date") or r["date"])
        if r.get("precision") != "day" or start is None or end is None \
                or start < day - timedelta(days=NEAR_DAYS) or end > day + timedelta(days=MAX_SPAN_DAYS):
            return date[:7]
    return date


def seek_ranges(row: dict) -> list[dict]:
    """What the writer looks up to find the Meetings a new report may belong to: ranges of
    relationship keys ("<hub id>|<date>", range-indexed) per participant (PARTICIPANT),
    country pair (IN_PAIR; see _pairs) and conference city (HELD_IN), over the days around
    the report's and the month keys (seek_date), and per country of a multilateral Meeting
    (MULTI: those have no pairs), a month at a time: every Meeting holding a report that
    `blocks` would compare with this one and `score` could accept."""
    r = report(row)
    if not _dated(r):
        return []
    months = _months_of(*_reach(r))
    hubs = [("PARTICIPANT", a) for a in sorted(r.actors)]
    hubs += [("IN_PAIR", f"{a}|{b}") for a, b in _pairs(r)]
    if r.kind in ("conference", "call"):
        # a small report may be one of a multilateral Meeting's
        hubs += [("MULTI", c) for c in sorted(r.countries)]
    if _by_place(r):
        hubs.append(("HELD_IN", r.place))
    # PARTICIPANT and HELD_IN: the Meetings of the days around the report's own (or its
    # month's, or the days before its article), and the month-keyed ones of its months and
    # the month before (seek_date), not each participant's whole month: a hub's month holds
    # hundreds. A report it may join lies within [day - NEAR_DAYS, day + MAX_SPAN_DAYS] of a
    # day-keyed Meeting's day, and overlaps this one's days or lies within NEAR_DAYS of them.
    first, last = (r.start, r.end) if r.start is not None else r.window
    lo = (first - timedelta(days=NEAR_DAYS + MAX_SPAN_DAYS)).isoformat()
    hi = (last + timedelta(days=2 * NEAR_DAYS)).isoformat()
    dayly = [(rel, h) for rel, h in hubs if rel in DAY_SEEKS]
    hubs = [(rel, h) for rel, h in hubs if rel not in DAY_SEEKS]
    ranges = [{"rel": rel, "lo": f"{h}|{lo}", "hi": f"{h}|{hi}"} for rel, h in dayly]
    month_keys = _months_of(first - timedelta(days=MONTH_BACK_DAYS + NEAR_DAYS),
                            last + timedelta(days=NEAR_DAYS))
    ranges += [{"rel": rel, "lo": f"{h}|{m}", "hi": f"{h}|{m}"} for rel, h in dayly for m in month_keys]
    ranges += [{"rel": rel, "lo": f"{h}|{m}", "hi": f"{h}|{m}~"} for rel, h in hubs for m in months]
    if r.precision == "day":
        # An undated Meeting of the same people may be this encounter if its article came
        # out within NEAR_DAYS after: such Meetings are keyed "<id>|!<publication date>"
        # (loaders.write.hub_key), so the seek reads those days and no other undated ones.
        lo, hi = r.start.isoformat(), (r.start + timedelta(days=NEAR_DAYS)).isoformat()
        ranges += [{"rel": "PARTICIPANT", "lo": f"{p}|!{lo}", "hi": f"{p}|!{hi}"} for p in sorted(r.people)]
    return ranges


#: Scores from UNCERTAIN up to THRESHOLD: maybe one encounter; an analyst decides (review list).
UNCERTAIN = 1.0


def group(reports: list[Report], decisions: dict | None = None) -> dict[str, str]:
    """Report key -> the key of its encounter's first report (in key order)."""
    return grouping(reports, decisions)[0]


def grouping(reports: list[Report], decisions: dict | None = None):
    """(report key -> its group's first key, uncertain pairs [(a, b, score)] left apart).

    `decisions` maps frozenset({key, key}) to "same" or "different": an analyst's
    word, applied before the rules (and kept on the graph, so it outlives reloads)."""
    decisions = decisions or {}
    g = _Groups()
    keys = set()
    for r in reports:
        g.add(r)
        keys.add(r.key)
    g.apart = {pair for pair, d in decisions.items() if d == "different"}
    for pair, d in sorted(decisions.items(), key=lambda x: sorted(x[0])):
        if d == "same" and pair <= keys:
            g.union(*sorted(pair), forced=True)
    scored, maybe = [], []
    for a, b in candidate_pairs(reports):
        s = score(a, b)
        pair = (-s, min(a.key, b.key), max(a.key, b.key))
        if s >= THRESHOLD:
            scored.append((*pair, NEAR_DAYS if near_dates(a, b) else 0))
        elif s >= UNCERTAIN:
            maybe.append(pair)
    for _s, a, b, slack in sorted(scored):
        g.union(a, b, slack=slack)
    roots = {r.key: g.find(r.key) for r in reports}
    uncertain = [(a, b, -s) for s, a, b in sorted(maybe)
                 if roots[a] != roots[b] and frozenset((a, b)) not in decisions]
    return roots, uncertain


def connected(reports: list[Report], seeds: set[str], decisions: dict | None = None,
              bound=()) -> set[str]:
    """The keys of the reports joined to `seeds` by a chain of pairs the grouping looks at
    (a score of UNCERTAIN or more, or an analyst's "same"), or sharing one of the `bound`
    sets of keys (the Meetings the graph holds: one rebuilt is rebuilt whole). Grouping is
    decided within such a set alone, so reports outside it keep the groups they had: a new
    article regroups what it may change, not every report of its people's busy months."""
    by_key = {r.key: r for r in reports}
    by_block: dict[str, list[Report]] = {}
    keys_of: dict[str, list[str]] = {}
    for r in reports:
        keys_of[r.key] = blocks(r)
        for b in keys_of[r.key]:
            by_block.setdefault(b, []).append(r)
    same: dict[str, set[str]] = {}
    for pair, d in (decisions or {}).items():
        if d == "same" and len(pair) == 2:
            a, b = sorted(pair)
            same.setdefault(a, set()).add(b)
            same.setdefault(b, set()).add(a)
    for keys in bound:
        for k in keys:
            same.setdefault(k, set()).update(keys)
    seen = {k for k in seeds if k in by_key}
    todo = sorted(seen)
    while todo:
        a = by_key[todo.pop()]
        near = {o.key for b in keys_of[a.key] for o in by_block[b]
                if o.key not in seen and score(a, o) >= UNCERTAIN}
        near |= {k for k in same.get(a.key, ()) if k in by_key and k not in seen and k != a.key}
        seen |= near
        todo += sorted(near)
    return seen


def group_rows(rows: list[dict], decisions: dict | None = None, uncertain: list | None = None,
               seeds: set[str] | None = None, bound=()) -> list[list[dict]]:
    """Report rows grouped by encounter; each group in key order, groups in their first key's order.
    Pairs left apart that may be one encounter are appended to `uncertain` when given.
    With `seeds`, only the rows `connected` to them (see there for `bound`) are grouped and returned."""
    reports = [report(r) for r in rows]
    if seeds is not None:
        keep = connected(reports, seeds, decisions, bound)
        reports = [r for r in reports if r.key in keep]
        rows = [r for r in rows if r["key"] in keep]
    roots, maybe = grouping(reports, decisions)
    if uncertain is not None:
        uncertain += maybe
    groups: dict[str, list[dict]] = {}
    for r in sorted(rows, key=lambda r: r["key"]):
        groups.setdefault(roots[r["key"]], []).append(r)
    return [groups[k] for k in sorted(groups)]


_PRECISION = {"day": 3, "month": 2, "year": 1}
_ROLE = {"host": 0, "guest": 1, "participant": 2}


def _date_rank(r: dict) -> int:
    return _PRECISION.get(r["precision"] or "", len((r["date"] or "").split("-")) if r["date"] else 0)


def merged(rows: list[dict], corrections: list[dict] | None = None) -> dict:
    """One Meeting from the reports of one encounter (rows in key order), by fixed rules,
    so the same reports give the same Meeting whatever order they came in:
    - date: the most precise; among equally precise ones the most reported, then the earliest;
      when reports disagree, `date_note` lists each date with its article;
    - place: the most reported one the article resolved, else the first stated;
    - kind: the most reported, ties to the first report;
    - participants, countries, topics, outcomes, agreements, sentences: united;
      a participant's role is the strongest any report gives (host, guest, participant);
    - then an analyst's corrections (see `corrected`), which win over every report.
    """
    first = rows[0]
    best = max(_date_rank(r) for r in rows)
    dated = [r for r in rows if r["date"] and _date_rank(r) == best]
    if dated:
        counts: dict[str, int] = {}
        for r in dated:
            counts[r["date"]] = counts.get(r["date"], 0) + 1
        date = sorted(counts, key=lambda d: (-counts[d], d))[0]
        chosen = next(r for r in dated if r["date"] == date)
    else:
        chosen = first
    dates = sorted({(r["date"], r["doc_name"]) for r in rows if r["date"]})
    note = " / ".join(f"{d} ({n})" for d, n in dates) if len({d for d, _ in dates}) > 1 else None
    places = [r for r in rows if r["place_id"]]
    if places:
        pc: dict[str, int] = {}
        for r in places:
            pc[r["place_id"]] = pc.get(r["place_id"], 0) + 1
        place_row = next(r for r in places if pc[r["place_id"]] == max(pc.values()))
    else:
        place_row = next((r for r in rows if r["place"]), first)
    kc: dict[str, int] = {}
    for r in rows:
        kc[r["kind"]] = kc.get(r["kind"], 0) + 1
    kind = next(r["kind"] for r in rows if kc[r["kind"]] == max(kc.values()))
    participants: dict[str, dict] = {}
    for r in rows:
        for p in r["participants"]:
            held = participants.get(p["id"])
            if held is None or _ROLE.get(p["role"], 3) < _ROLE.get(held["role"], 3):
                participants[p["id"]] = p

    _one_host_side(participants, rows)
    fixed = corrected(corrections or [])
    if "date" in fixed:
        date_value = fixed["date"]
        chosen, dated = {"date": date_value, "end_date": None, "precision": _precision(date_value)}, True
    if "kind" in fixed:
        kind = fixed["kind"]
    if "place" in fixed:
        place_row = {"place": fixed["place"], "place_id": fixed.get("place_id")}
    for pid, p in fixed.get("participants", {}).items():
        if p.get("role") is None:
            participants.pop(pid, None)
        else:
            participants[pid] = {**participants.get(pid, {}), "id": pid, "role": p["role"],
                                 "name": p.get("name") or participants.get(pid, {}).get("name") or pid}

    def united(key):
        return list(dict.fromkeys(x for r in rows for x in r[key]))

    topics = united("topics")
    stated = set(united("countries"))
    countries = [{"id": c, "via": "text" if c in stated else "participants"}
                 for c in dict.fromkeys(x for r in rows for x in (*r["countries"], *r.get("sides", ())))]
    names = [p["name"] for p in participants.values()][:3]
    date_value = chosen["date"]
    return {
        "id": meeting_id(first["key"]),
        "props": {
            "kind": kind, "date": date_value, "end_date": chosen["end_date"] if dated else None,
            "seek": seek_date(date_value, rows),
            "date_precision": chosen["precision"] if dated else None, "date_note": note,
            "place": place_row["place"], "outcomes": united("outcomes"), "topics": topics,
            "title": f"{kind}: {' / '.join(names)}" + (f" ({date_value})" if date_value else ""),
            "sources": len({r["doc"] for r in rows}),
            "languages": sorted({r["language"] for r in rows if r["language"]}),
            "reports": [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows],
            "corrected": sorted(f for f in fixed if f != "place_id") or None,
            # the day it was first reported, which keys an undated Meeting (seek_ranges)
            "reported": min((r["published"] for r in rows if _precision(r.get("published")) == "day"),
                            default=None),
        },
        "docs": sorted({r["doc"] for r in rows}),
        "participants": [{"id": p["id"], "role": p["role"]} for p in participants.values()],
        # agencies that took part through their people (not named as participants themselves)
        "members": [{"person": pid, "agency": aid} for pid, aid in dict.fromkeys(
            (pid, aid) for r in rows for pid, aid in r.get("members", ()))
            if aid not in participants and pid in participants],
        # how each side is known: named by the sentence, or by a participant's agency
        "countries": countries,
        "place": place_row["place_id"],
        "topics": [{"id": "topic:" + slug(t), "name": t} for t in topics],
        "agreements": united("agreements"),
        "sentences": united("sentences"),
    }


#: What an analyst may correct on a Meeting (loaders.event_review.correct_meeting).
CORRECTABLE = ("date", "kind", "place", "participants")


def corrected(corrections: list[dict]) -> dict:
    """The analyst's corrections of one Meeting's reports, as one: each is kept on
    the report that was the Meeting's first when it was made ({"key", "date", "kind",
    "place", "place_id", "participants": {id: {"role", "name"}}}, role None = not a
    participant). When Meetings an analyst corrected were merged, the correction of
    the earlier report wins field by field; participants are united the same way."""
    out: dict = {}
    for c in sorted(corrections, key=lambda c: c["key"], reverse=True):
        for f in ("date", "kind", "place"):
            if c.get(f):
                out[f] = c[f]
                if f == "place":
                    out["place_id"] = c.get("place_id")
        if c.get("participants"):
            out.setdefault("participants", {}).update(c["participants"])
    return out


def meeting_ids(rows: list[dict]) -> dict[str, str]:
    """Report key -> the id of its Meeting: the id a graph holding exactly these reports gives it."""
    return {r["key"]: meeting_id(members[0]["key"]) for members in group_rows(rows) for r in members}


def rows_of(article, ex) -> list[dict]:
    """The report rows of one resolved extraction (entity ids set by loaders.resolve.assign_ids)."""
    return report_rows(article.id, article.name, ex.language, ex, {e.name: e.id for e in ex.entities if e.id},
                       article.published)


def _one_host_side(participants: dict[str, dict], rows: list[dict]) -> None:
    """Hosts come from one side: the country the meeting was held in when the reports
    say it, else the side most reports call host. The other side's "hosts" (reports
    disagree, or an article calls both sides hosts) are its guests."""
    hosts = [p for p in participants.values() if p["role"] == "host" and p.get("side")]
    sides = {p["side"] for p in hosts}
    if len(sides) < 2:
        return
    places = [r["place_country"] for r in rows if r.get("place_country") in sides]
    if places:
        keep = min(set(places), key=lambda c: (-places.count(c), c))
    else:
        votes = {side: sum(1 for r in rows for p in r["participants"] if p["role"] == "host" and p.get("side") == side)
                 for side in sides}
        best = max(votes.values())
        top = [s for s, v in votes.items() if v == best]
        if len(top) > 1:
            return      # nothing says which side received the other
        keep = top[0]
    for p in hosts:
        if p["side"] != keep:
            participants[p["id"]] = {**p, "role": "guest"}


def resolve_meetings(extracted) -> dict[str, str]:
    """Give every meeting of these (article, extraction) pairs the id of its Meeting, in place.
    Returns report key -> meeting id."""
    rows, meetings = [], {}
    for article, ex in extracted:
        for m, row in zip(ex.meetings, rows_of(article, ex)):
            rows.append(row)
            meetings[row["key"]] = m
    ids = meeting_ids(rows)
    for key, m in meetings.items():
        m.id = ids[key]
    return ids
