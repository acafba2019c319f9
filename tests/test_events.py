"""Event resolution: which reports, across articles, are one encounter (loaders.events).

Each case is written in the terms of police and interior cooperation reported by
several outlets (none is a development article): what makes two reports one
encounter, and the near misses that are not.
"""

import random

import pytest

from loaders.events import MAX_PAIRED_COUNTRIES, blocks, group_rows, meeting_ids, merged, score, report, seek_ranges

# Resolved ids, as entity resolution gives them.
MINISTER_A, MINISTER_B, CHIEF_C, DEPUTY_D = "person:a", "person:b", "person:c", "person:d"
INTERIOR_A, POLICE_B = "org:interior-a", "org:police-b"
ESP, MAR, FRA, DEU, ITA = "country:ESP", "country:MAR", "country:FRA", "country:DEU", "country:ITA"


def row(doc, i=0, date="2025-02-10", kind="talks", people=(), orgs=(), countries=(), place=None, place_id=None,
        end_date=None, language="en", agencies=(), role=None, published=None, members=()):
    parts = [{"id": p, "role": role or "participant", "name": p, "type": "Person"} for p in people]
    parts += [{"id": o, "role": "participant", "name": o, "type": "Organization"} for o in orgs]
    precision = {1: "year", 2: "month", 3: "day"}[len(date.split("-"))] if date else None
    return {"key": f"doc:{doc}#{i}", "doc": f"doc:{doc}", "doc_name": doc, "language": language, "published": published,
            "date": date, "end_date": end_date, "precision": precision, "kind": kind,
            "place": place, "place_id": place_id, "participants": parts, "agencies": list(agencies),
            "countries": list(countries), "topics": [], "outcomes": [], "agreements": [],
            "members": [list(m) for m in members], "sentences": [f"doc:{doc}:s0"]}


def together(*rows) -> bool:
    ids = meeting_ids(list(rows))
    return len(set(ids.values())) == 1


SAME = {
    "two outlets, two languages, same day and people": (
        row("es1", people=[MINISTER_A, MINISTER_B], language="es", place="Madrid, Spain"),
        row("fr1", people=[MINISTER_A, MINISTER_B], language="fr", place="Madrid")),
    "a month-precise report of a dated meeting": (
        row("w1", people=[MINISTER_A, MINISTER_B]),
        row("w2", date="2025-02", people=[MINISTER_A, MINISTER_B])),
    "a meeting during a visit's span": (
        row("v1", date="2020-12-02", end_date="2020-12-06", people=[CHIEF_C, MINISTER_B]),
        row("v2", date="2020-12-03", people=[CHIEF_C, MINISTER_B])),
    "a person and the agency of the other side": (
        row("p1", people=[MINISTER_A], orgs=[POLICE_B]),
        row("p2", people=[MINISTER_A, CHIEF_C], agencies=[POLICE_B])),
    "a report naming only the visitor and their agency, the other naming the host too": (
        row("o3", kind="visit", people=[CHIEF_C], orgs=[POLICE_B], members=[(CHIEF_C, POLICE_B)]),
        row("o4", kind="visit", people=[CHIEF_C, DEPUTY_D], agencies=[POLICE_B], members=[(CHIEF_C, POLICE_B)])),
    "a report naming only the visitor, the other naming both": (
        row("o1", kind="visit", people=[CHIEF_C]),
        row("o2", kind="visit", people=[CHIEF_C, DEPUTY_D])),
    "a conference reported by two delegations naming their own people": (
        row("c1", kind="conference", people=[MINISTER_A], countries=[ESP, MAR, FRA, DEU]),
        row("c2", kind="conference", people=[CHIEF_C], countries=[ESP, MAR, FRA, DEU, ITA])),
    "one city in two scripts": (
        row("j1", kind="conference", people=[CHIEF_C], orgs=[POLICE_B], place="Tokyo, Japan", place_id="place:tokyo-jp"),
        row("j2", kind="conference", people=[CHIEF_C], orgs=[POLICE_B], place="東京", place_id="place:tokyo-jp")),
    "a place the gazetteer does not know, in two scripts": (
        row("l1", people=[MINISTER_A, MINISTER_B], place="Kantor Polisi X", place_id="place:kantor-polisi-x"),
        row("l2", people=[MINISTER_A, MINISTER_B], place="警察署", place_id="place:警察署")),
    "a place and its country": (
        row("q1", people=[MINISTER_A, MINISTER_B], place="Hanoi, Vietnam", place_id="place:hanoi-vn"),
        row("q2", people=[MINISTER_A, MINISTER_B], place="Vietnam")),
    "a visit reported as talks": (
        row("k1", kind="visit", people=[MINISTER_A, MINISTER_B]),
        row("k2", kind="talks", people=[MINISTER_A, MINISTER_B])),
    "a forum in one city on the same days, each report naming its own delegation": (
        row("s1", kind="conference", date="2024-09-23", orgs=[POLICE_B], countries=[ESP, FRA],
            place="Tokyo, Japan", place_id="place:tokyo-jp"),
        row("s2", kind="conference", date="2024-09-23", end_date="2024-09-26", people=[CHIEF_C], countries=[FRA],
            place="東京", place_id="place:tokyo-jp")),
    "the same two people, dated two days apart (a relative date read off)": (
        row("r1", date="2025-02-10", people=[MINISTER_A, MINISTER_B]),
        row("r2", date="2025-02-08", people=[MINISTER_A, MINISTER_B])),
    "the same two people, one report undated in an article of the next day": (
        row("g1", date="2022-04-05", kind="signing", people=[MINISTER_A, MINISTER_B]),
        row("g2", date=None, kind="talks", people=[MINISTER_A, MINISTER_B], published="2022-04-06")),
}

APART = {
    "same sides, a week later": (
        row("n1", date="2025-06-10", people=[MINISTER_A, MINISTER_B]),
        row("n2", date="2025-06-17", people=[MINISTER_A, MINISTER_B])),
    "one person in common, two days apart": (
        row("m1", date="2025-06-10", people=[MINISTER_A, MINISTER_B]),
        row("m2", date="2025-06-12", people=[MINISTER_A], orgs=[POLICE_B])),
    "two conferences in one city the same day, no country in common": (
        row("s3", kind="conference", orgs=[POLICE_B], countries=[ESP], place="Tokyo, Japan", place_id="place:tokyo-jp"),
        row("s4", kind="conference", people=[CHIEF_C], countries=[ITA], place="東京", place_id="place:tokyo-jp")),
    "a conference in one city, the other dated only to the month": (
        row("s5", kind="conference", orgs=[POLICE_B], countries=[ESP], place="Tokyo, Japan", place_id="place:tokyo-jp"),
        row("s6", kind="conference", date="2025-02", people=[CHIEF_C], countries=[ESP], place="東京",
            place_id="place:tokyo-jp")),
    "undated, in an article of two weeks later": (
        row("e1", date="2022-04-05", people=[MINISTER_A, MINISTER_B]),
        row("e2", date=None, people=[MINISTER_A, MINISTER_B], published="2022-04-19")),
    "undated, in an article of the day before": (
        row("e3", date="2022-04-05", people=[MINISTER_A, MINISTER_B]),
        row("e4", date=None, people=[MINISTER_A, MINISTER_B], published="2022-04-04")),
    "same sides, a year later": (
        row("y1", date="2024-02-10", people=[MINISTER_A, MINISTER_B]),
        row("y2", date="2025-02-10", people=[MINISTER_A, MINISTER_B])),
    "a visitor meeting two different hosts the same day": (
        row("h1", people=[CHIEF_C, MINISTER_B]),
        row("h2", people=[CHIEF_C, DEPUTY_D])),
    "a visitor and their own agency meeting two different hosts the same day": (
        row("h3", people=[CHIEF_C, MINISTER_B], agencies=[POLICE_B], members=[(CHIEF_C, POLICE_B)]),
        row("h4", people=[CHIEF_C, DEPUTY_D], agencies=[POLICE_B], members=[(CHIEF_C, POLICE_B)])),
    "a call and an in-person meeting of the same people": (
        row("t1", kind="call", people=[MINISTER_A, MINISTER_B]),
        row("t2", kind="talks", people=[MINISTER_A, MINISTER_B])),
    "bilateral talks of the same countries but other people": (
        row("b1", countries=[ESP, MAR], people=[MINISTER_A]),
        row("b2", countries=[ESP, MAR], people=[DEPUTY_D])),
    "dated only to the year": (
        row("d1", date="2025", people=[MINISTER_A, MINISTER_B]),
        row("d2", date="2025", people=[MINISTER_A, MINISTER_B])),
    "undated": (
        row("u1", date=None, people=[MINISTER_A, MINISTER_B]),
        row("u2", date=None, people=[MINISTER_A, MINISTER_B])),
    "two cities": (
        row("x1", people=[MINISTER_A, MINISTER_B], place="Rabat, Morocco", place_id="place:rabat-ma"),
        row("x2", people=[MINISTER_A, MINISTER_B], place="Madrid, Spain", place_id="place:madrid-es")),
    "two cities in two scripts": (
        row("z1", people=[MINISTER_A, MINISTER_B], place="Tokyo", place_id="place:tokyo-jp"),
        row("z2", people=[MINISTER_A, MINISTER_B], place="서울", place_id="place:seoul-kr")),
    "two conferences of few common countries": (
        row("f1", kind="conference", people=[MINISTER_A], countries=[ESP, MAR, FRA]),
        row("f2", kind="conference", people=[CHIEF_C], countries=[ESP, DEU, ITA])),
}


def _keys(meeting: dict) -> set[tuple[str, str]]:
    """The (seek, key) pairs the writer gives a Meeting's relationships (loaders.write.hub_key:
    "<id>|<date>", undated "<id>|!<day reported>"; seek_key: "<id>|<seek date>"): PARTICIPANT,
    IN_PAIR (each two countries of a meeting of MAX_PAIRED_COUNTRIES or fewer), MULTI
    (INVOLVES of a bigger one), HELD_IN."""
    p = meeting["props"]
    when = p["date"] or "!" + (p["reported"] or "")
    found_by = p["seek"] or "!" + (p["reported"] or "")      # PARTICIPANT and HELD_IN: loaders.write.seek_key
    countries = sorted({c["id"] for c in meeting["countries"]})
    keys = {("PARTICIPANT", f"{x['id']}|{found_by}") for x in meeting["participants"]}
    if len(countries) > MAX_PAIRED_COUNTRIES:
        keys |= {("MULTI", f"{c}|{when}") for c in countries}
    else:
        keys |= {("IN_PAIR", f"{a}|{b}|{found_by}") for i, a in enumerate(countries) for b in countries[i + 1:]}
    if meeting.get("place"):
        keys.add(("HELD_IN", f"{meeting['place']}|{found_by}"))
    return keys


@pytest.mark.parametrize("case", sorted(SAME))
def test_a_report_seeks_the_meeting_another_report_of_its_encounter_made(case):
    # Whichever article is loaded second must find the first one's Meeting in the graph
    # by a key range, or the two stay apart (and the graph depends on the order).
    a, b = SAME[case]
    for new, old in ((a, b), (b, a)):
        keys = _keys(merged([old]))
        assert any(r["lo"] <= k <= r["hi"] for r in seek_ranges(new) for rel, k in keys if rel == r["rel"]), \
            (case, seek_ranges(new), keys)


def test_every_pair_of_conferences_the_score_accepts_is_compared_and_sought():
    # Conferences are blocked and sought by country pairs, multilateral countries and
    # cities, not by each country (a hub's thousands of meetings): whatever countries two
    # reports name, a pair `score` accepts must share a block and find each other's Meeting.
    rng = random.Random(11)
    pool = [f"country:C{i:02d}" for i in range(24)]
    cities = ["place:tokyo-jp", "place:seoul-kr"]
    accepted = multilateral = 0
    for i in range(1500):
        a_countries = rng.sample(pool, rng.randint(1, 20))
        keep = rng.sample(a_countries, rng.randint(1, len(a_countries)))
        if rng.random() < 0.5:
            # what is left out is the first countries in id order (those a multilateral report is sought by)
            keep = sorted(a_countries)[len(a_countries) - len(keep):]
        b_countries = keep + rng.sample(pool, rng.randint(0, 3))
        place = rng.choice(cities)
        a = row(f"ma{i}", kind="conference", people=[MINISTER_A], countries=a_countries, place=place,
                place_id=place, date=rng.choice(["2025-02-10", "2025-02"]))
        b = row(f"mb{i}", kind="conference", people=[CHIEF_C], countries=b_countries,
                place=rng.choice(cities), place_id=rng.choice(cities), date=rng.choice(["2025-02-10", "2025-02"]))
        if score(report(a), report(b)) <= 0:
            continue
        accepted += 1
        multilateral += max(len(a_countries), len(set(b_countries))) > MAX_PAIRED_COUNTRIES
        assert set(blocks(report(a))) & set(blocks(report(b))), (a_countries, b_countries)
        for new, old in ((a, b), (b, a)):
            keys = _keys(merged([old]))
            assert any(r["lo"] <= k <= r["hi"] for r in seek_ranges(new) for rel, k in keys if rel == r["rel"]), \
                (new["countries"], old["countries"])
    assert accepted > 300 and multilateral > 50, (accepted, multilateral)


def test_a_conference_seeks_pairs_of_its_countries_not_each_country():
    ranges = seek_ranges(row("k1", kind="conference", people=[MINISTER_A], countries=[ESP, MAR, FRA]))
    assert {r["rel"] for r in ranges} == {"PARTICIPANT", "IN_PAIR", "MULTI"}
    pairs = {tuple(r["lo"].rsplit("|", 1)[0].split("|")) for r in ranges if r["rel"] == "IN_PAIR"}
    assert pairs == {tuple(sorted(p)) for p in ((ESP, MAR), (ESP, FRA), (FRA, MAR))}


def test_an_undated_meeting_is_sought_only_in_the_days_its_article_allows():
    undated = merged([row("w9", date=None, people=[MINISTER_A, MINISTER_B], published="2022-04-06")])
    assert undated["props"]["reported"] == "2022-04-06"
    for date, found in (("2022-04-03", True), ("2022-04-06", True), ("2022-04-02", False), ("2022-04-07", False)):
        ranges = [r for r in seek_ranges(row("d9", date=date, people=[MINISTER_A, MINISTER_B]))
                  if "|!" in r["lo"]]
        assert ranges and all(r["lo"] <= r["hi"] for r in ranges)
        hit = any(r["lo"] <= k <= r["hi"] for r in ranges for _rel, k in _keys(undated))
        assert hit == found, date


@pytest.mark.parametrize("case", sorted(SAME))
def test_reports_of_one_encounter_share_a_meeting(case):
    a, b = SAME[case]
    assert score(report(a), report(b)) > 0
    assert together(a, b)


@pytest.mark.parametrize("case", sorted(APART))
def test_near_misses_stay_apart(case):
    a, b = APART[case]
    assert not together(a, b)


def test_an_article_never_reports_one_encounter_twice():
    # One article tells the visitor's two meetings of the day; another tells one of them.
    first = row("m1", 0, people=[CHIEF_C, MINISTER_B])
    second = row("m1", 1, people=[CHIEF_C, DEPUTY_D])
    other = row("m2", 0, people=[CHIEF_C, DEPUTY_D])
    ids = meeting_ids([first, second, other])
    assert ids[first["key"]] != ids[second["key"]]
    assert ids[other["key"]] == ids[second["key"]]


def test_the_best_match_wins_when_an_article_could_join_either():
    # m1 reports two meetings of the visitor the same day; m2 reports the visitor and one host:
    # it joins the meeting with that host, not the other.
    a0 = row("m1", 0, kind="visit", people=[CHIEF_C, DEPUTY_D])
    a1 = row("m1", 1, kind="talks", people=[CHIEF_C, MINISTER_B])
    b = row("m2", 0, kind="talks", people=[CHIEF_C, MINISTER_B], orgs=[POLICE_B])
    ids = meeting_ids([a0, a1, b])
    assert ids[b["key"]] == ids[a1["key"]] != ids[a0["key"]]


def test_ids_do_not_depend_on_the_order_reports_come_in():
    rows = [r for pair in (*SAME.values(), *APART.values()) for r in pair]
    rows.append(row("m1", 1, people=[CHIEF_C, DEPUTY_D]))
    expected = meeting_ids(rows)
    rng = random.Random(7)
    for _ in range(20):
        shuffled = rows[:]
        rng.shuffle(shuffled)
        assert meeting_ids(shuffled) == expected
        assert [merged(g) for g in group_rows(shuffled)] == [merged(g) for g in group_rows(rows)]


def test_a_merged_meeting_keeps_the_most_precise_date_and_every_source():
    month = row("g1", date="2020-12", people=[CHIEF_C, MINISTER_B], language="vi")
    day2 = row("g2", date="2020-12-02", people=[CHIEF_C, MINISTER_B], language="ko", role="guest",
               place="Hanoi, Vietnam")
    day3 = row("g3", date="2020-12-09", end_date=None, people=[CHIEF_C, MINISTER_B], language="en",
               place="Hà Nội")
    groups = group_rows([month, day2, day3])
    # g2 and g3 are a week apart: they stay apart, and the month-precise g1 joins one of them
    assert len(groups) == 2
    m = merged(sorted(groups, key=len)[-1])
    assert m["props"]["date_precision"] == "day"
    assert m["props"]["sources"] == 2 and len(m["docs"]) == 2
    assert "2020-12 (g1)" in m["props"]["date_note"]
    both = merged([month, day2])
    assert both["props"]["date"] == "2020-12-02"
    assert both["props"]["languages"] == ["ko", "vi"]
    # the strongest role any report gives
    assert {p["id"]: p["role"] for p in both["participants"]}[CHIEF_C] == "guest"
    assert len(both["props"]["reports"]) == 2


def test_pairs_the_rules_are_unsure_of_are_left_for_review_and_decisions_win():
    # one person in common, the same two countries, the month only: maybe one encounter
    a = row("r1", kind="conference", people=[MINISTER_A, CHIEF_C], countries=[ESP, MAR])
    b = row("r2", date="2025-02", kind="conference", people=[MINISTER_A], orgs=[POLICE_B], countries=[ESP, MAR])
    uncertain = []
    groups = group_rows([a, b], uncertain=uncertain)
    assert len(groups) == 2 and [(x, y) for x, y, _ in uncertain] == [(a["key"], b["key"])]
    pair = frozenset((a["key"], b["key"]))
    assert len(group_rows([a, b], {pair: "same"})) == 1
    # an analyst's "different" holds against the rules
    same_day = SAME["two outlets, two languages, same day and people"]
    apart = frozenset(r["key"] for r in same_day)
    assert len(group_rows(list(same_day), {apart: "different"})) == 2
    # decided pairs are not proposed again
    left = []
    group_rows([a, b], {pair: "different"}, left)
    assert left == []


def test_hosts_come_from_one_side():
    # two reports of a visit to Madrid, each calling its own side the host
    es = row("s1", kind="visit", people=[MINISTER_A, MINISTER_B], role="host", place="Madrid, Spain")
    ma = row("s2", kind="visit", people=[MINISTER_A, MINISTER_B], role="host", place="Madrid")
    for r in (es, ma):
        for p in r["participants"]:
            p["side"] = ESP if p["id"] == MINISTER_A else MAR
        r["place_country"] = ESP
    m = merged([es, ma])
    assert {p["id"]: p["role"] for p in m["participants"]} == {MINISTER_A: "host", MINISTER_B: "guest"}
    # nothing says where: both stay as reported
    for r in (es, ma):
        r["place_country"] = None
    assert {p["role"] for p in merged([es, ma])["participants"]} == {"host"}


def test_grouping_what_new_reports_may_change_gives_the_groups_of_grouping_everything():
    # The writer regroups only the reports connected to a batch's new ones (and the whole of
    # any Meeting one of them is in); the groups it gets must be those a grouping of all the
    # reports fetched would give, and the other groups must be left as they were.
    rng = random.Random(3)
    people = [MINISTER_A, MINISTER_B, CHIEF_C, DEPUTY_D, "person:e", "person:f"]
    kinds = ["talks", "visit", "conference", "call", "signing"]
    checked = 0
    for trial in range(40):
        rows = []
        for i in range(60):
            day = rng.choice(["2025-02-10", "2025-02-11", "2025-02-14", "2025-02", "2025-03-01"])
            rows.append(row(f"t{trial}d{i % 45}", i // 45, date=day, kind=rng.choice(kinds),
                            people=rng.sample(people, rng.randint(1, 3)),
                            orgs=rng.sample([INTERIOR_A, POLICE_B], rng.randint(0, 1)),
                            countries=rng.sample([ESP, MAR, FRA, DEU, ITA], rng.randint(0, 3))))
        seeds = {r["key"] for r in rng.sample(rows, rng.randint(1, 6))}
        # the graph before the batch: the other reports, grouped; then the batch arrives
        held = [frozenset(r["key"] for r in g) for g in group_rows([r for r in rows if r["key"] not in seeds])]
        part = group_rows(rows, seeds=seeds, bound=held)
        regrouped = {r["key"] for g in part for r in g}
        after = {frozenset(r["key"] for r in g) for g in part} | {g for g in held if not g & regrouped}
        assert after == {frozenset(r["key"] for r in g) for g in group_rows(rows)}
        checked += len(regrouped) < len(rows)
    assert checked > 10, "the partial grouping should leave groups out in most trials"


def test_a_report_finds_every_meeting_it_could_join_or_take_a_report_from():
    # Day reports seek the days around them, not their people's month: whatever the mix of
    # days, spans, months and undated reports, a Meeting holding a report the new one could
    # be grouped with (a score of UNCERTAIN or more) must be among what the seek finds.
    from loaders.events import UNCERTAIN

    rng = random.Random(17)
    days = [f"2025-02-{d:02d}" for d in range(22, 29)] + [f"2025-03-{d:02d}" for d in range(1, 8)]
    checked = 0
    for trial in range(1500):
        def one(doc):
            date = rng.choice([*days, *days, "2025-02", "2025-03", None])
            end = None
            if date and len(date) == 10 and rng.random() < 0.3:
                end = days[min(days.index(date) + rng.randint(1, 9), len(days) - 1)]
            return row(doc, date=date, end_date=end, kind=rng.choice(["talks", "visit"]),
                       people=rng.sample([MINISTER_A, MINISTER_B, CHIEF_C], rng.randint(2, 3)),
                       published=rng.choice(days))
        held = [one(f"h{trial}x{i}") for i in range(rng.randint(1, 3))]
        for g in group_rows(held):
            keys = _keys(merged(g))
            new = one(f"n{trial}")
            if not any(score(report(new), report(b)) >= UNCERTAIN for b in g):
                continue
            checked += 1
            assert any(r["lo"] <= k <= r["hi"] for r in seek_ranges(new) for rel, k in keys if rel == r["rel"]), \
                ([(b["date"], b["end_date"]) for b in g], new["date"], new["end_date"], keys)
    assert checked > 400, checked
