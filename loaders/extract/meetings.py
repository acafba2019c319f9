"""Meetings: one per distinct encounter, built from trigger sentences.

A sentence with a meeting word (hội đàm, talks, entretien, 회담, 会見 ...) and
people makes meetings between the person who recurs across the article's
meeting sentences (the visitor or the host) and each counterpart; several
counterparts of one agency in one sentence make one meeting. Later sentences
naming the same pair add to it. A sentence with only agencies (a signing
between two police forces) makes a meeting when no person-based one exists.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from ..gazetteer import is_region
from ..normalize import fold
from .languages import pack, pack_words
from .lexicon import phrase_regex
from .state import Cand, MeetingCand, State

# "attend" (attended, tham dự, 참석, 出席) joins people to an event without saying what
# it is; a meeting known only by it is a conference.
KIND_PRIORITY = {"conference": 4, "signing": 1, "talks": 3, "visit": 2, "call": 5, "attend": 0}


def _later_upgrade(m, kind: str, word: str, sentence: int, lang: str, framing: bool = False) -> None:
    """A later sentence about an encounter may only tell that it was remote (a call):
    conferences, talks or signings mentioned further on are other events or
    details ("the 4th talks since ...", "the conference to be held on the 21st")."""
    if sentence == m.sentence:
        if KIND_PRIORITY.get(kind, 0) > KIND_PRIORITY.get(m.kind, 0):
            m.kind, m.trigger = kind, word
    elif kind == "talks" and m.kind == "visit" and fold(m.trigger or "") in _trip_words(lang):
        # the lead frames a trip ("đang có chuyến thăm", "on a visit to"); the encounter
        # between the same people reported next is talks ("đã hội đàm với", "held talks")
        m.kind, m.trigger = kind, word
    elif kind == "call" and m.kind != "call":
        m.kind, m.trigger = kind, word
    elif kind == "conference" and framing and m.kind not in ("call", "conference"):
        # "... signed a new one at a conference in Hanoi", "co-chaired the event"
        m.kind, m.trigger = kind, word
# An event said to come later ("the APEC Summit to be held in November", "hội nghị sắp
# tới", "la prochaine réunion", "개최될 회의", "開催予定の会議") is another event, not the
# frame of the reported encounter.
FUTURE_AFTER = re.compile(r"\W{0,3}(?:\w+\W+){0,4}?(?:to be held|will be held|to take place|will take place|scheduled|"
                          r"sắp diễn ra|sẽ diễn ra|sẽ được tổ chức|sắp tới|qui se tiendra|se tiendra|prévue?s?\b|à venir)", re.I)
FUTURE_BEFORE = re.compile(r"(?:(?<!\w)(?:upcoming|next|forthcoming|coming|prochaine?|futur[e]?|sắp tới|sắp diễn ra)(?!\w)|"
                           r"개최될|열릴|예정된|開催予定の|予定の|次回)\W{0,3}(?:\w+\W+){0,3}$", re.I)


def _other_event(text: str, s: int, e: int, sent) -> bool:
    after = text[e:min(sent.end, e + 60)]
    before = text[max(sent.start, s - 40):s]
    return bool(FUTURE_AFTER.match(after) or FUTURE_BEFORE.search(before))


def _has(st: State, pattern: str, text: str) -> bool:
    """Whether one of the pack's patterns occurs in this text."""
    rx = st.pack.pattern(pattern)
    return rx is not None and rx.search(text) is not None


def _trip(st: State, word: str) -> bool:
    """A meeting word that names a trip rather than one encounter (the pack's trip_triggers)."""
    return fold(word) in _trip_words(st.lang)


@functools.lru_cache(maxsize=None)
def _trip_words(lang: str) -> frozenset:
    return frozenset(fold(w) for w in pack_words(lang, "trip_triggers"))


def _roots_in(st: State, s: int, e: int, types: set) -> list[Cand]:
    out = []
    for c in sorted(st.cands, key=lambda c: c.start):
        if c.type in types and s <= c.start and c.end <= e:
            r = c.root
            if r not in out:
                out.append(r)
    return out


def _triggers(st: State, s: int, e: int):
    rx = st.lex.trigger_regex(st.lang)
    if rx is None:
        return []
    not_after = st.pack.pattern("not_meeting_after")
    out = []
    for m in rx.finditer(st.text, s, e):
        # a trigger inside a name (Hội nghị Tư lệnh ... as an org) does not count
        if st.overlaps(m.start(), m.end(), types={"Organization", "Person", "Agreement"}) and \
                not st.pack.get("meeting_words_in_names"):
            continue
        # a meeting word inside a title ("ký" in "Tổng Thư ký") is not one
        if any(ts <= m.start() and m.end() <= te for ts, te, _ in st.titles):
            continue
        if not_after is not None and not_after.match(st.text, m.end()):
            continue
        kind = st.lex.trigger_kind(st.lang, m.group(0))
        if kind:
            out.append((m.start(), m.group(0), kind))
    return out


def _country_of(c: Cand) -> str | None:
    return c.iso3 if c.iso3 and c.iso3 != "international" else None


def build_meetings(st: State) -> None:
    sents = st.sents
    trig_by_sent = {s.index: _triggers(st, s.start, s.end) for s in sents}
    people_by_sent = {s.index: _roots_in(st, s.start, s.end, {"Person"}) for s in sents}
    orgs_by_sent = {s.index: _roots_in(st, s.start, s.end, {"Organization"}) for s in sents}
    count = Counter()
    for s in sents:
        if trig_by_sent[s.index]:
            for p in people_by_sent[s.index]:
                count[p] += 1
    first_pos = {}
    for c in sorted(st.cands, key=lambda c: c.start):
        if c.type == "Person":
            first_pos.setdefault(c.root, c.start)

    meetings: list[MeetingCand] = []
    weak: list[MeetingCand] = []
    pronoun = st.pack.pattern("pronoun")
    context_date = None
    context_place = None

    def dates_in(s):
        return [d for d in st.dates if s.start <= d.start < s.end and d.precision in ("day", "month")]

    visit_before, visit_after = st.pack.pattern("visit_place_before"), st.pack.pattern("visit_place_after")

    def place_in(s):
        for c in sorted(st.cands, key=lambda c: c.start):
            if s.start <= c.start < s.end and c.type == "Place" and c.canonical and c.iso3 != "international":
                return c
        vm = st.pack.pattern("venue")
        if vm:
            m = vm.search(st.text, s.start, s.end)
            if m:
                return Cand("Place", m.start(1), m.end(1), m.group(1), canonical=m.group(1), role="venue")
        for c in sorted(st.cands, key=lambda c: c.start):
            if s.start <= c.start < s.end and c.type == "Country" and not c.adjective:
                before = st.text[max(0, c.start - 30):c.start]
                after = st.text[c.end:c.end + 4]
                if (visit_before is not None and visit_before.search(before)) or \
                        (visit_after is not None and visit_after.match(after)):
                    return c
        return None

    def nearest_kind(pos, trigs, hub_pos=None):
        # SVO languages put the meeting verb between the subject and the
        # counterpart ("X đã tiếp Y", "X a eu des entretiens avec Y"): prefer it
        if hub_pos is not None and st.pack.spaced:
            lo, hi = sorted((hub_pos, pos))
            between = [t for t in trigs if lo <= t[0] <= hi]
            if between:
                trigs = between
        best = None
        for tpos, word, kind in trigs:
            d = abs(tpos - pos) + (0 if tpos <= pos else 5)
            if best is None or d < best[0]:
                best = (d, kind, word)
        return (best[1], best[2]) if best else ("talks", "")

    def upgrade(m, kind, word, s, trigs):
        _later_upgrade(m, kind, word, s.index, st.lang)
        seg = st.text[s.start:s.end]
        for tpos, w, k in trigs:
            if k == "conference" and _other_event(st.text, tpos, tpos + len(w), s):
                continue
            if k == "conference" and (_has(st, "conference_frame", st.text[max(s.start, tpos - 40):tpos])
                                     or _has(st, "chair", w)):
                _later_upgrade(m, "conference", w, s.index, st.lang, framing=True)
                return
        if _has(st, "chair", seg):
            _later_upgrade(m, "conference", "chair", s.index, st.lang, framing=True)

    def find_meeting(parts: set):
        for m in meetings:
            ps = {p for p in m.participants if p.type == "Person"}
            if ps == parts:
                return m
        return None

    for s in sents:
        trigs = trig_by_sent[s.index]
        people = people_by_sent[s.index]
        orgs = orgs_by_sent[s.index]
        ds = dates_in(s)
        pl = place_in(s)
        if trigs and ds:
            rng = [d for d in ds if d.end_date]
            context_date = rng[0] if rng else ds[0]
        if trigs and pl is not None:
            context_place = pl
        if not trigs:
            continue
        if len(people) >= 2:
            hub = max(people, key=lambda p: (count[p], -first_pos.get(p, 0)))
            others = [p for p in people if p is not hub]
            groups: list[list[Cand]] = []
            by_aff: dict = {}
            for p in others:
                aff = (p.affiliation or "") if p.affiliation and p.source != "" else ""
                aff_org = next((c.root for c in st.cands if c.type == "Organization" and c.text == p.affiliation), None)
                key = aff_org if aff_org is not None else None
                if key is not None and key in by_aff:
                    by_aff[key].append(p)
                else:
                    g = [p]
                    groups.append(g)
                    if key is not None:
                        by_aff[key] = g
            if any(k == "conference" for _, _, k in trigs) and len(groups) > 1 and \
                    not any(w in st.text[s.start:s.end] for w in st.pack.words("separately")):
                kinds = {k for _, _, k in trigs}
                if kinds == {"conference"}:
                    groups = [others]
            for g in groups:
                parts = {hub, *g}
                m = find_meeting(parts)
                # the counterpart's mention in this sentence (not its first one in the article)
                pos = min((c.start for c in st.cands if c.root in g and s.start <= c.start < s.end),
                          default=min(c.start for c in st.cands if c.root in g))
                hub_c = [c.start for c in st.cands if c.root is hub and s.start <= c.start < s.end]
                kind, word = nearest_kind(pos, trigs, hub_c[0] if hub_c else None)
                if m is None:
                    m = MeetingCand(kind=kind, trigger=word, sentence=s.index, start=s.start,
                                    participants=[hub, *g])
                    meetings.append(m)
                elif len(groups) == 1:
                    upgrade(m, kind, word, s, trigs)
                if s.index not in m.sentences:
                    m.sentences.append(s.index)
        elif len(people) == 1:
            p = people[0]
            hubs = [q for mm in meetings + weak for q in mm.participants[:1] if q.type == "Person"]
            prev_hub = hubs[-1] if hubs else None
            own = p.affiliation
            own_roots = _own_agencies(st, p)
            foreign = [o for o in orgs if o.text != own and o not in own_roots
                       and (o.iso3 != p.iso3 or o.iso3 in (None, "international"))]
            mine = [m for m in meetings if p in m.participants]
            kind, word = nearest_kind(st.text.find(p.text, s.start), trigs)
            if mine:
                m = mine[-1]
                if s.index not in m.sentences:
                    m.sentences.append(s.index)
                upgrade(m, kind, word, s, trigs)
            elif prev_hub is not None and prev_hub is not p and pronoun is not None and \
                    pronoun.search(st.text[s.start:st.text.find(p.text, s.start)]):
                # "On the sidelines, he held talks with X": he = the article's main actor
                m = MeetingCand(kind=kind, trigger=word, sentence=s.index, start=s.start,
                                participants=[prev_hub, p, *[o for o in orgs if o.iso3 != prev_hub.iso3][:2]])
                meetings.append(m)
                m.sentences.append(s.index)
            elif foreign:
                # the person's own agency, named in the sentence, is a side too
                mine_org = [o for o in orgs if o not in foreign][:1]
                m = MeetingCand(kind=kind, trigger=word, sentence=s.index, start=s.start,
                                participants=[p, *foreign[:3], *mine_org])
                meetings.append(m)
                m.sentences.append(s.index)
            else:
                weak.append(MeetingCand(kind=kind, trigger=word, sentence=s.index, start=s.start,
                                        participants=[p], sentences=[s.index]))
        elif len(orgs) >= 2 or (len(orgs) == 1 and any(k in ("conference", "attend") for _, _, k in trigs)
                                and (_numbered(st.lang).search(st.text, s.start, s.end)
                                     or len({c.iso3 for c in st.cands if c.type == "Country"
                                             and s.start <= c.start < s.end}) >= 3)):
            # (one agency at a numbered conference, or with three or more countries taking part: multilateral)
            kind, word = nearest_kind(orgs[0].start, trigs)
            shared = [m for m in meetings if set(orgs) & set(m.participants)]
            if not shared and meetings and any(_anaphoric(st, tpos) for tpos, _, _ in trigs):
                # "During the meeting, the ministers attended ...": the meeting told before
                shared = [meetings[-1]]
            if shared:
                m = shared[0]
                if s.index not in m.sentences:
                    m.sentences.append(s.index)
                upgrade(m, kind, word, s, trigs)
            else:
                weak.append(MeetingCand(kind=kind, trigger=word, sentence=s.index, start=s.start,
                                        participants=list(orgs[:4]), sentences=[s.index]))
        elif meetings:
            m = meetings[-1]
            if s.index not in m.sentences:
                m.sentences.append(s.index)
            kind, word = nearest_kind(s.start, trigs)
            upgrade(m, kind, word, s, trigs)
        elif not weak and any(k == "conference" for _, _, k in trigs) and len(
                {c.iso3 for c in st.cands if c.type == "Country" and s.start <= c.start < s.end}) >= 3:
            # "China, Cambodia, Laos, Myanmar, Thailand and Vietnam held a ministerial meeting in
            # Kunming": a multilateral conference told by its countries; who took part comes later
            kind, word = nearest_kind(s.start, trigs)
            weak.append(MeetingCand(kind=kind, trigger=word, sentence=s.index, start=s.start,
                                    participants=[], sentences=[s.index]))

    if not meetings and any(w.participants for w in weak):
        # one encounter reported over several sentences (a signing, a conference)
        m = weak[0]
        for w in weak[1:]:
            for p in w.participants:
                if p not in m.participants:
                    m.participants.append(p)
            m.sentences += [i for i in w.sentences if i not in m.sentences]
            if KIND_PRIORITY.get(w.kind, 0) > KIND_PRIORITY.get(m.kind, 0):
                m.kind, m.trigger = w.kind, w.trigger
        if m.kind in ("visit", "talks") and m.participants and m.participants[0].type != "Person":
            # agencies do not pay visits: an event first reported between agencies with
            # a signature ("following the signing of an MOU with X"; later "the signing
            # occurred during the state visit of ...") is the signing
            sig = next((t for t in trig_by_sent.get(m.sentence, []) if t[2] == "signing"), None)
            if sig is not None:
                m.kind, m.trigger = "signing", sig[1]
        meetings.append(m)
    elif weak:
        # agencies-only sentences that continue a person meeting (their agencies)
        for w in weak:
            for m in meetings:
                if set(w.participants) & set(m.participants) or any(
                        p.type == "Organization" and any(q.affiliation == p.text for q in m.participants) for p in w.participants):
                    m.sentences += [i for i in w.sentences if i not in m.sentences]
                    if KIND_PRIORITY.get(w.kind, 0) > KIND_PRIORITY.get(m.kind, 0) and w.kind == "conference":
                        m.kind = w.kind
                    break

    _enumerated(st, meetings, trig_by_sent, people_by_sent)
    _itinerary(st, meetings, trig_by_sent, people_by_sent)
    if not any(any(p.type == "Person" for p in m.participants[1:]) for m in meetings):
        _bilateral_fallback(st, meetings, count, first_pos)
    for m in meetings:
        if m.kind == "attend":
            m.kind = "conference"
    meetings.sort(key=lambda m: (m.sentence, m.start))
    _attributes(st, meetings, context_date, context_place)
    st.meetings = meetings


@functools.lru_cache(maxsize=None)
def _anaphor_regex(lang: str) -> re.Pattern | None:
    """A pack's meeting_anaphors (the, ce, dieser) ending where a meeting word starts."""
    words = pack_words(lang, "meeting_anaphors")
    if not words:
        return None
    return re.compile(r"(?i)(?<![\w])(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
                      + r")\s+$")


def _anaphoric(st: State, pos: int) -> bool:
    """A definite article or demonstrative before a meeting word: the meeting told before."""
    rx = _anaphor_regex(st.lang)
    return rx is not None and rx.search(st.text, max(0, pos - 16), pos) is not None


#: Numbered items whatever the language: "AMMTC+3", a Roman numeral before a
#: capitalised name ("XXIII Conferencia Regional"); each pack adds its `ordinals`.
_NUMBERED = (r"\+\s*\d\b", r"\b(?=[IVXL]{2,}\s)(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})\s+(?=[A-ZÀ-ÝА-ЯЁ])")


@functools.lru_cache(maxsize=None)
def _numbered(lang: str) -> re.Pattern:
    return re.compile("|".join([*pack_words(lang, "ordinals"), *_NUMBERED]))


@functools.lru_cache(maxsize=None)
def _both_sides(lang: str) -> re.Pattern | None:
    return phrase_regex(pack_words(lang, "both_sides"), cjk=not pack(lang).spaced)


def _enumerated(st: State, meetings: list, trig_by_sent: dict, people_by_sent: dict) -> None:
    """'attended the 8th AMMTC+China, the 2nd AMMTC+ROK and ...': one meeting per numbered item."""
    for s in st.sents:
        trigs = [t for t in trig_by_sent[s.index] if t[2] == "conference"]
        people = people_by_sent[s.index]
        if not trigs or len(people) != 1:
            continue
        start = trigs[0][0]
        seg = st.text[start:s.end]
        pieces, pos = [], start
        for part in re.split(r",\s+|\s+(?:và|and|et|및|と)\s+|、", seg):
            i = st.text.find(part, pos)
            pieces.append((i, i + len(part)))
            pos = i + len(part)
        items = []
        for a, b in pieces:
            if not _numbered(st.lang).search(st.text[a:b]):
                continue
            orgs = [c.root for c in st.cands if c.type == "Organization" and a <= c.start < b]
            if orgs:
                items.append((a, b, orgs[0]))
        if len(items) < 2:
            continue
        hub = people[0]
        # replace the sentence's single meeting by one per item
        for m in [m for m in meetings if m.sentence == s.index]:
            meetings.remove(m)
        for a, b, org in items:
            m = MeetingCand(kind="conference", trigger=trigs[0][1], sentence=s.index, start=a,
                            participants=[hub, org], sentences=[s.index])
            m.item_span = (a, b)
            meetings.append(m)


ENCOUNTERS = ("talks", "visit")


def _own_agencies(st: State, person: Cand) -> set:
    """The person's agency, however the article names it (the affiliation may be a short
    form of an agency named in full elsewhere): the roots of its mentions."""
    aff = person.affiliation
    return {c.root for c in st.cands if c.type == "Organization" and c.text == aff} if aff else set()


def _itinerary(st: State, meetings: list, trig_by_sent: dict, people_by_sent: dict) -> None:
    """'visited Vietnam: the first deputy prime minister's reception, talks with the
    transport ministry, the ceremony ...': one traveller, a trip word, then several
    encounters, each with its own counterpart (an agency, or a title alone). One meeting
    per encounter, not one meeting with every counterpart of the trip. The counterpart
    stands before its meeting word or after it, as the pack's object_position says. An
    encounter with an agency that another of the traveller's meetings names is that
    meeting, told again in the list."""
    before = st.pack.get("object_position") == "before"
    for s in st.sents:
        people = people_by_sent[s.index]
        if len(people) != 1:
            continue
        trigs = sorted(trig_by_sent[s.index])
        trip = next((i for i, t in enumerate(trigs) if _trip(st, t[1])), None)
        if trip is None:
            continue
        listed = trigs[trip + 1:]
        if sum(k in ENCOUNTERS for _, _, k in listed) < 2:
            continue
        traveller = people[0]
        own = _own_agencies(st, traveller)
        in_sentence = [c for c in sorted(st.cands, key=lambda c: c.start)
                       if c.type == "Organization" and s.start <= c.start < s.end]
        mine = [c.root for c in in_sentence if c.root in own][:1]
        items = []
        for i, (pos, word, kind) in enumerate(listed):
            if before:
                prev = listed[i - 1] if i else trigs[trip]
                lo, hi = prev[0] + len(prev[1]), pos
            else:
                lo, hi = pos + len(word), listed[i + 1][0] if i + 1 < len(listed) else s.end
            if kind not in ENCOUNTERS:
                continue
            orgs = list(dict.fromkeys(c.root for c in in_sentence if lo <= c.start and c.end <= hi
                                      and c.root not in own))
            titled = any(lo <= ts and te <= hi for ts, te, _ in st.titles)
            if orgs or titled:
                items.append((lo, kind, word, orgs))
        if len(items) < 2:
            continue
        others = [m for m in meetings if traveller in m.participants and m.sentence != s.index]

        def told(orgs) -> bool:
            return any(set(orgs) & set(m.participants) or any(
                c.type == "Organization" and c.root in orgs and st.sentence_of(c.start) in m.sentences
                for c in st.cands) for m in others)

        for m in [m for m in meetings if m.sentence == s.index and traveller in m.participants]:
            meetings.remove(m)
        for start, kind, word, orgs in items:
            if orgs and told(orgs):
                continue
            meetings.append(MeetingCand(kind=kind, trigger=word, sentence=s.index, start=start,
                                        participants=[traveller, *orgs[:3], *mine], sentences=[s.index]))


def _bilateral_fallback(st: State, meetings: list, count: Counter, first_pos: dict) -> None:
    """'Both sides agreed ...' with two people of different sides and no meeting word."""
    rx = _both_sides(st.lang)
    if rx is None or not rx.search(st.text):
        return
    people = [c for c in st.cands if c.type == "Person" and c.alias_of is None]
    freq = Counter(c.root for c in st.cands if c.type == "Person")
    people.sort(key=lambda p: (-freq[p], first_pos.get(p, 0)))
    if len(people) < 2:
        return
    a = people[0]
    b = next((p for p in people[1:] if p.iso3 != a.iso3 or p.iso3 is None), None)
    if b is None:
        return
    for m in list(meetings):
        if a in m.participants or b in m.participants:
            meetings.remove(m)
    first = min(st.sentence_of(first_pos.get(a, 0)), st.sentence_of(first_pos.get(b, 0)))
    meetings.append(MeetingCand(kind="talks", trigger="", sentence=first, start=st.sents[first].start,
                                participants=[a, b], sentences=[first]))


def _segments(meetings: list, n: int) -> list[set]:
    """The sentences whose topics and outcomes belong to each meeting.

    A meeting owns the sentences that report it and the unclaimed sentences
    that follow them up to the next reported meeting ("Hai bên nhất trí ...");
    a sentence reporting several meetings is theirs together. The lead before
    any meeting is the article's: it goes to the main (first) meeting only."""
    if len(meetings) == 1:
        return [set(range(n))]
    claims: dict[int, list] = {}
    for k, m in enumerate(meetings):
        for j in m.sentences:
            claims.setdefault(j, []).append(k)
    segs = [set(m.sentences) for m in meetings]
    current: list = []
    lead = []
    for j in range(n):
        if j in claims:
            current = claims[j]
        elif current:
            for k in current:
                segs[k].add(j)
        else:
            lead.append(j)
    if meetings and lead:
        main = min(range(len(meetings)), key=lambda k: (meetings[k].sentence, meetings[k].start))
        segs[main].update(lead)
    return segs


def _attributes(st: State, meetings: list[MeetingCand], context_date, context_place) -> None:
    n = len(st.sents)
    segments = _segments(meetings, n)
    rel_words = st.lex.relative_days.get(st.lang, [])
    same_day = st.lex.same_day.get(st.lang, [])
    host_marker, guest_marker = st.pack.pattern("host_marker"), st.pack.pattern("guest_marker")
    signed_words = list(st.pack.words("agreement_status").get("signed", [])) + list(st.pack.words("outcome_words"))
    told: list = []      # (sentence, date) of the meetings dated by their own sentences
    for i, m in enumerate(meetings):
        m.sentences.sort()
        own = [st.sents[j] for j in m.sentences]
        # date: own sentences, then "the same day" as the meeting told before,
        # then neighbours, then the visit's span, then relative days
        date = None
        trig_pos = st.text.find(m.trigger, own[0].start) if m.trigger else own[0].start
        for s in own:
            ds = [d for d in st.dates if s.start <= d.start < s.end and d.precision in ("day", "month")]
            if ds:
                date = min(ds, key=lambda d: (0 if d.end_date else 1, abs(d.start - trig_pos)))
                break
        if date is not None:
            told.append((m.sentence, date))
        elif same_day and told:
            seg = " ".join(st.text[s.start:s.end] for s in own).lower()
            if any(w.lower() in seg for w in same_day):
                before = [d for j, d in told if j <= m.sentence]
                if before:
                    date = before[-1]
        if date is None:
            for j in (m.sentence + 1, m.sentence - 1):
                if 0 <= j < n:
                    s = st.sents[j]
                    ds = [d for d in st.dates if s.start <= d.start < s.end and d.precision == "day"]
                    if ds:
                        date = ds[0]
                        break
        if date is None and context_date is not None and context_date.start <= own[0].end:
            date = context_date
        if date is not None:
            m.date = date
        elif st.published and len(st.published) == 7:
            # only the month of publication is known: the reported encounter is of that month
            from .dates import DateMatch
            m.date = DateMatch(0, 0, "", st.published, None, "month")
        elif rel_words:
            seg = " ".join(st.text[s.start:s.end] for s in own).lower()
            if any(re.search(r"(?<!\w)" + re.escape(w.lower()) + r"(?!\w)", seg) for w in rel_words) and st.published:
                from .dates import DateMatch
                m.date = DateMatch(0, 0, "", st.published[:7] if len(st.published) >= 7 else st.published,
                                   None, "month")
        people = [p for p in m.participants if p.type == "Person"]
        heads = [p for p in people if p.title and any(h in p.title for h in st.lex.head_titles)]
        if m.kind == "talks" and heads and (len(heads) < len(people)):
            # a head of state or government meeting a minister or an agency chief
            # receives them: a courtesy call, whoever the article puts first
            m.kind = "visit"
        if m.kind == "talks" and m.trigger and own:
            # "X hosted a meeting with Y", "X a reçu en audience ... pour un entretien"
            rm = st.pack.pattern("receive_before_meeting")
            tpos = st.text.find(m.trigger, own[0].start, own[0].end)
            if rm and tpos >= 0 and rm.search(st.text[max(own[0].start, tpos - 30):tpos]) and \
                    not _has(st, "talks_strong", st.text[own[0].start:own[0].end]):
                m.kind = "visit"
        # place
        pl = None
        preps = st.lex.place_preps.get(st.lang, [])
        for k, s in enumerate(own):
            for c in sorted(st.cands, key=lambda c: c.start):
                if s.start <= c.start < s.end and c.type == "Place" and c.canonical and not is_region(c.text):
                    before = st.text[max(0, c.start - 15):c.start]
                    if k == 0 or any(re.search(r"(?<!\w)" + re.escape(p) + r"\s+$", before) for p in preps) \
                            or st.pack.get("title_position") == "after":
                        pl = c
                        break
            if pl:
                break
        if pl is None:
            vm = st.pack.pattern("venue")
            for s in own:
                if vm:
                    mm = vm.search(st.text, s.start, s.end)
                    if mm:
                        pl = Cand("Place", mm.start(1), mm.end(1), mm.group(1), canonical=mm.group(1), role="venue")
                        st.add(Cand("Place", mm.start(1), mm.end(1), mm.group(1), canonical=mm.group(1), role="venue", source="venue"))
                        break
        if pl is None and context_place is not None and not is_region(context_place.text):
            pl = context_place
        if pl is not None:
            if pl.type == "Country":
                m.place = pl.canonical
            else:
                iso = pl.iso3
                if iso is None and pl.role == "venue":
                    # the venue's country: the country named in the sentence or the hosts'
                    iso = next((c.iso3 for c in st.cands if c.type in ("Country",) and not c.adjective
                                and abs(c.start - pl.start) < 200), None)
                cname = st.lex.country_name(iso) if iso else None
                m.place = f"{pl.text}, {cname}" if cname and cname != pl.text else pl.text
        # countries of the sides
        cs = []
        for p in m.participants:
            iso = _country_of(p)
            if iso and iso not in cs:
                cs.append(iso)
        span = getattr(m, "item_span", None)
        if span:
            for c in st.cands:
                if c.type == "Country" and span[0] <= c.start < span[1] and c.iso3 not in cs:
                    cs.append(c.iso3)
        elif len(cs) < 2:
            for s in own[:1]:
                for c in sorted(st.cands, key=lambda c: c.start):
                    if s.start <= c.start < s.end and c.type in ("Country", "Place", "Organization") and _country_of(c):
                        if c.iso3 not in cs:
                            cs.append(c.iso3)
        if m.place and pl is not None and pl.iso3 and pl.iso3 not in cs and pl.iso3 != "international":
            cs.append(pl.iso3)
        m.countries = [st.lex.country_name(i) for i in cs if st.lex.country_name(i)]
        # roles: participants from the place's country host
        host_iso = pl.iso3 if pl is not None else None
        for p in m.participants:
            iso = _country_of(p)
            m.roles[id(p)] = "host" if host_iso and iso == host_iso else ("guest" if host_iso and iso else "participant")
        # "X received Y" / "X đã tiếp Y" / "X a reçu Y" / "X는 Y를 접견": X hosts, Y is the guest
        rm = st.pack.pattern("receive")
        if rm and m.kind == "visit" and own:
            s0 = own[0]
            hit = rm.search(st.text, s0.start, s0.end)
            if hit:
                pos_of = {}
                for p in m.participants:
                    ms = [c.start for c in st.cands if c.root is p and s0.start <= c.start < s0.end]
                    if ms:
                        pos_of[id(p)] = ms[0]
                before = [p for p in m.participants if pos_of.get(id(p), hit.start()) < hit.start()]
                after = [p for p in m.participants if pos_of.get(id(p), -1) > hit.start()]
                if before and after and host_marker is None:
                    for p in before:
                        m.roles[id(p)] = "host"
                    for p in after:
                        m.roles[id(p)] = "guest"
                elif host_marker is not None and before:
                    # case markers say who hosts: the topic (은/는) hosts, the object (을/를) is the guest
                    for p in before:
                        e = max(c.end for c in st.cands if c.root is p and s0.start <= c.start < s0.end)
                        tail = st.text[e:e + 12]
                        if host_marker.match(tail):
                            m.roles[id(p)] = "host"
                        elif guest_marker is not None and guest_marker.match(tail):
                            m.roles[id(p)] = "guest"
        # segment for topics and outcomes
        seg = segments[i]
        topics = []
        for j in sorted(seg):
            for t in st.sentence_topics.get(j, []):
                if t not in topics:
                    topics.append(t)
        m.topics = topics
        agree_words = signed_words
        outs = []
        for j in sorted(seg):
            s = st.sents[j]
            seg_text = st.text[s.start:s.end]
            if any(w in seg_text for w in agree_words):
                outs.append(seg_text.strip()[:300])
        m.outcomes = outs[:5]
        m.agreements = [c.text for c in st.cands if c.type == "Agreement" and c.alias_of is None
                        and any(st.sents[j].start <= c.start < st.sents[j].end for j in seg)]
