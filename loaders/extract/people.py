"""People: names after titles and ranks, in each rule set's shape, their affiliations and aliases."""

from __future__ import annotations

import re

from .languages import pack, pack_words
from .lexicon import compiled, fold
from .state import Cand, EN_STOP_START, KO_PARTICLE_END, KO_STOP, State, _cap, _connectors, _latin, _words


HANGUL_TOKEN = re.compile(r"[가-힣]+")


JA_NAME_STOP = set("両同各前元副新旧本当全我")


def _name_run(st: State, pos: int, max_words: int = 6):
    """Capitalised name words from pos (after spaces). Returns (start, end) or None."""
    text = st.text
    particles = st.lex.name_particles
    words = _words(text, pos, min(len(text), pos + 120))
    start = end = None
    count = 0
    prev_end = pos
    for s, e, w in words:
        gap = text[prev_end:s]
        if gap.strip() or "\n" in gap or (start is not None and gap != " "):
            break
        if st.overlaps(s, e, types={"Country", "Organization", "Place"}) or st.is_blocked(s, e):
            break
        if st.title_end_at(s) is not None:
            break
        if _cap(w) and not w.isupper() or (w.isupper() and len(w) <= 3 and start is not None and w in ("II", "III", "IV", "VI", "VII")):
            if start is None:
                start = s
            end = e
            count += 1
            prev_end = e
            if count >= max_words:
                break
            continue
        if w in particles and start is not None:
            prev_end = e
            continue
        break
    if start is None:
        return None
    # trailing particle dropped by construction; trim
    return start, end


CHAIN_STOP = {"đã", "đang", "sẽ", "vừa", "cùng", "có", "tiếp", "là", "cho", "said", "says", "has", "had", "have",
              "will", "would", "was", "is", "who", "and", "a", "qui", "et", "avec", "est", "va", "đến", "sang", "thăm"}


def _title_chain(st: State, pos: int):
    """Skip titles, ranks, organisations, countries, connectors after an anchor.

    Returns (name_pos, affiliation_cand, pieces)."""
    text = st.text
    aff = None
    steps = 0
    lowercase_budget = st.pack.get("title_lowercase_words", 3)
    while steps < 12:
        steps += 1
        m = re.match(r"[ \t]*(,[ \t]*)?", text[pos:pos + 400])
        p = pos + m.end()
        t = st.title_end_at(p)
        if t is not None:
            pos = t
            continue
        c = st.starting_at(p, types={"Organization", "Country", "Place"})
        if c is not None:
            if c.type in ("Organization",) or aff is None:
                aff = c
            pos = c.end
            continue
        # "of the Interior", "dell'Interno": a connector, then the title's complement
        cm = re.match(r"(" + _connectors(st, "title_connectors", r"of") + r")(?:[ \t]+|(?<=['’]))(?:the[ \t]+)?",
                      text[p:p + 400])
        if cm and _latin(st):
            q = p + cm.end()
            c = st.starting_at(q, types={"Organization", "Country", "Place"})
            if c is not None:
                aff = c if (c.type == "Organization" or aff is None) else aff
                pos = c.end
                continue
            if st.pack.rules == "latin":
                # "of Public Security", "for Southeast Asia & the Pacific": a capitalised complement
                run = _words(text, q, min(len(text), q + 80))
                k = q
                n_caps = 0
                joins = ("", "&", *st.pack.words("conjunctions"))
                join_rx = "|".join(re.escape(j) for j in joins[1:])
                for a, b, w in run:
                    if a < k and w in joins:
                        continue        # the conjunction stepped over
                    if text[k:a].strip() not in joins or not _cap(w):
                        break
                    if st.title_end_at(a) is not None:
                        break
                    k = b
                    n_caps += 1
                    nxt = re.match(r"[ \t]+(?:(?:" + join_rx + r")[ \t]+)?(?:the[ \t]+)?", text[k:k + 400])
                    if nxt and nxt.group(0).strip():
                        k += nxt.end() - 1
                if n_caps and n_caps <= 4:
                    # leave the last caps for the name when nothing else follows
                    rest = _name_run(st, k)
                    follows_title = st.title_end_at(k + len(text[k:k + 400]) - len(text[k:k + 400].lstrip())) is not None
                    if rest or follows_title:
                        pos = k
                        continue
                    if re.match(r"[ \t]*(?:,|(?:" + _connectors(st, "title_connectors", "of") + r")(?:[ \t]|(?<=['’])))",
                                text[k:k + 40]):
                        # "ministro del Interior de Chile, Carlos Montes": the chain goes on
                        pos = k
                        continue
                    adj = re.match(r"[ \t]+[^\W\d_A-ZÀ-ÝĐА-ЯЁ][\w\-]*[ \t]+", text[k:k + 60])
                    after = _name_run(st, k + adj.end()) if adj else None
                    if after and len(text[after[0]:after[1]].split()) >= 2:
                        # "ministro dell'Interno tunisino Kamel Feki": an adjective, then the name
                        pos = k + adj.end()
                        break
                    # "Regional Representative for Southeast Asia & the Pacific Masood Karimipour"
                    words_after = _words(text, q, min(len(text), q + 80))
                    caps = []
                    comma = None
                    for a, b, w in words_after:
                        if _cap(w):
                            if caps and comma is None and "," in text[caps[-1][1]:a]:
                                comma = len(caps)       # "for Public Safety, Juan Carlos Castro"
                            caps.append((a, b))
                        elif w in ("the",):
                            continue
                        else:
                            break
                    if comma is not None and len(caps) - comma >= 2:
                        return caps[comma][0], aff
                    if len(caps) >= 3:
                        return caps[-2][0], aff
                break
            break
        if st.pack.rules == "syllabic" and steps == 1:
            # "Bộ trưởng An ninh Nội địa Mỹ Alejandro Mayorkas": the portfolio (capitalised words)
            # between the title and the country, then the name
            port = re.match(r"(?:[A-ZÀ-ỸĐ][\wà-ỹđ]*[ \t]+(?:[a-zà-ỹđ]+[ \t]+)?){1,4}", text[p:p + 80])
            c = st.starting_at(p + port.end(), types={"Country"}) if port else None
            if c is not None and (run := _name_run(st, c.end + 1)) and len(text[run[0]:run[1]].split()) >= 2:
                aff = aff or c
                pos = c.end
                continue
        lw = re.match(r"([a-zà-ỹđ][\w\-]*)[ \t]+", text[p:p + 400])
        if lw and not lw.group(1)[0].islower():
            lw = None       # à-ỹ spans capitals of other scripts (Cyrillic): a name, not a word of the title
        trx = st.lex.trigger_regex(st.lang)
        if lw and (lw.group(1) in CHAIN_STOP or (trx is not None and trx.match(text, p))):
            # a verb ("đã tiếp", "received", "a reçu") ends the title: what follows is the counterpart
            break
        adj = re.match(r"([^\W\d_A-ZÀ-ÝĐА-ЯЁ][\w\-]*)[ \t]*,?[ \t]+", text[p:p + 400]) if st.pack.rules == "latin" else None
        if adj and lowercase_budget > 0:
            # "su homólogo marroquí, Abdelouafi Laftit": an adjective (of a country the
            # gazetteer has no adjective for) between the title and a full name
            run = _name_run(st, p + adj.end())
            if run and len(text[run[0]:run[1]].split()) >= 2:
                pos = p + adj.end()
                break
        if lw and lowercase_budget > 0 and lw.group(1) not in ("và", "and", "et", "với", "said", "has", "is", "was"):
            q = p + lw.end()
            look = q
            ok = False
            for _ in range(lowercase_budget):
                if st.title_end_at(look) is not None or st.starting_at(look, types={"Organization", "Country"}):
                    ok = True
                    break
                lw2 = re.match(r"([a-zà-ỹđ][\w\-]*)[ \t]+", text[look:look + 400])
                if not lw2:
                    break
                look += lw2.end()
            if ok:
                lowercase_budget -= 1
                pos = look
                continue
        break
    m = re.match(r"[ \t]*(,[ \t]*)?", text[pos:pos + 400])
    return pos + m.end(), aff


# Words that are never (the start of) a personal name in Latin-script news:
# ranks left over after a title ("Commissioner General X"), day and month names.
NAME_LEAD_RANKS = {"General", "Gen.", "Colonel", "Col.", "Admiral", "Lieutenant", "Major", "Brigadier", "Police",
                   "Senior", "Commissioner", "Inspector", "Superintendent", "Marshal", "Captain", "Sergeant",
                   "Général", "Colonel", "Commissaire", "Tướng", "Đại", "Thượng", "Trung", "Thiếu"}


NOT_NAME_WORDS = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche",
    "January", "February", "March", "April", "June", "July", "August", "September", "October", "November",
    "December", "Janvier", "Février", "Mars", "Avril", "Juin", "Juillet", "Août", "Septembre", "Octobre",
    "Novembre", "Décembre", "Chủ", "Thứ", "Sáng", "Chiều", "Tối", "Ngày", "Tháng", "Năm",
}


NAME_TAIL_HEADS = {"Assembly", "Conference", "Committee", "Council", "Ministry", "Agency", "Police", "Office",
                   "Department", "Bureau", "Commission", "Secretariat", "Force", "Forces", "Summit", "Forum",
                   "Meeting", "Session", "Command", "Headquarters", "Embassy", "Government", "University",
                   "Academy", "Institute", "Centre", "Center", "Service", "Directorate", "Authority"}


def _add_person(st: State, s: int, e: int, title: str | None, aff: Cand | None, source: str) -> Cand | None:
    text = st.text
    name = text[s:e].strip(" ,.")
    e = s + len(name)
    if _latin(st) and name:
        words = name.split()
        not_names = NOT_NAME_WORDS | set(pack_words(st.lang, "not_names"))
        lead = NAME_LEAD_RANKS | {r for r in st.lex.ranks.get(st.lang, set()) if " " not in r}
        # "Commissioner General Marthinus Hukom", "Jenderal Pol Tito Karnavian": the rank stays in the title
        while len(words) > 1 and (words[0] in lead or words[0].rstrip(".") in lead):
            s += len(words[0]) + 1
            words = words[1:]
        name = " ".join(words)
        e = s + len(name)
        if words and (words[-1] in NAME_TAIL_HEADS or words[0] in not_names or (len(words) == 1 and (words[0] in NAME_LEAD_RANKS or words[0].isupper()))):
            return None
    # "Jirapop Phuridej-Trợ lý Tổng cục trưởng": a title glued to the name by a hyphen
    cut = name.rfind("-")
    if cut > 0 and _latin(st) and st.title_end_at(s + cut + 1) is not None:
        name = name[:cut]
        e = s + cut
    if not name or st.overlaps(s, e, types={"Person", "Country", "Organization", "Place"}):
        return None
    c = Cand("Person", s, e, name, title=title, source=source)
    if aff is not None:
        c.affiliation = aff.text if aff.type == "Organization" else (aff.canonical or aff.text)
        c.iso3 = aff.iso3
    return st.add(c)


def find_people_latin(st: State) -> None:
    text = st.text
    lex = st.lex
    anchors = sorted(st.titles)
    consumed_to = -1
    for ts, te, ttext in anchors:
        if ts < consumed_to:
            continue
        pos, aff = _title_chain(st, te)
        title = text[ts:pos].strip(" ,")
        run = _name_run(st, pos)
        if not run:
            continue
        s, e = run
        words = text[s:e].split()
        if len(words) == 1 and words[0] in {"The", "He", "She", "It", "In", "On", "At", "And", "But"}:
            continue
        c = _add_person(st, s, e, title or None, aff, "title")
        if c:
            consumed_to = e
    # Name, Title apposition: "Catherine De Bolle, Executive Director of ..."
    for ts, te, ttext in anchors:
        m = re.search(r"((?:[A-ZÀ-ÝĐ][\w\-’']+\s){1,3}[A-ZÀ-ÝĐ][\w\-’']+),\s*(?:a\s+|an\s+|the\s+|le\s+|la\s+)?$", text[max(0, ts - 60):ts])
        if m:
            s = max(0, ts - 60) + m.start(1)
            e = max(0, ts - 60) + m.end(1)
            if st.overlaps(s, e) or st.is_blocked(s, e):
                continue
            not_names = NOT_NAME_WORDS | set(pack_words(st.lang, "not_names"))
            while len(text[s:e].split()) > 2 and text[s:e].split()[0] in not_names:
                s += len(text[s:e].split()[0]) + 1     # "am 5. April Nancy Faeser, Ministerin": April is not a name
            first = text[s:e].split()[0]
            if first in EN_STOP_START or first in {"In", "On", "At", "Le", "La", "Les"}:
                continue
            _add_person(st, s, e, ttext, None, "apposition")
    # names that start with a family name: the language's own (Nguyễn Văn An), or another
    # spaced language's written without marks, in three words (Nguyen Van Hai in English)
    own, foreign = _surnames(st)
    for s0, e0, w in _words(text):
        if w not in own and w not in foreign:
            continue
        if st.overlaps(s0, e0):
            continue
        run = _name_run(st, s0, max_words=4)
        if not run:
            continue
        s, e = run
        n = len(text[s:e].split())
        if n < (2 if w in own else 3):
            continue
        _add_person(st, s, e, None, None, "surname")


def _surnames(st: State) -> tuple[set, set]:
    key = ("surnames", st.lang)
    cache = st.lex._regex_cache
    if key not in cache:
        own = st.lex.surnames.get(st.lang, set())
        foreign = {s for lang, names in st.lex.surnames.items() if lang != st.lang and pack(lang).spaced
                   for s in names if len(s) >= 4 and fold(s) == s.lower()} - own
        cache[key] = (own, foreign)
    return cache[key]


def person_apposition(st: State) -> None:
    """Affiliation and title from the words around a person's name.

    "Lương Tam Quang, Bộ trưởng Bộ Công an" / "Anna Berg, Director General of
    the Swedish Police Authority": a title right after the name gives the
    affiliation; "Chinese Minister X", "Thailand's police chief X", "son
    homologue allemande X": a country right before the title gives the side."""
    text = st.text
    titles_after = st.pack.get("title_position") == "after"
    for c in [c for c in st.cands if c.type == "Person" and c.alias_of is None]:
        if c.affiliation is None and _latin(st):
            m = re.match(r"[ \t]*,[ \t]*(?:(?:the|a|an|le|la|l['’])[ \t]+)?", text[c.end:c.end + 400])
            if m:
                p = c.end + m.end()
                t = next(((ts, te) for ts, te, _ in st.titles if ts == p), None)
                if t:
                    pos, aff = _title_chain(st, t[1])
                    if aff is not None:
                        c.affiliation = aff.text if aff.type == "Organization" else (aff.canonical or aff.text)
                        c.iso3 = aff.iso3
                        tt = text[p:pos].strip(" ,")
                        if not c.title or tt.startswith(c.title):
                            c.title = tt
                        elif c.title in st.lex.ranks.get(st.lang, set()) or len(c.title.split()) <= 2:
                            c.title = c.title + ", " + tt
        if c.iso3 is None and c.title and titles_after and not any(
                x.type in ("Country", "Organization") and 0 <= c.start - x.end <= 2 for x in st.cands):
            # "경찰청장", "警察庁長官": the home agency's head
            for b, biso in st.lex.bare_org_country.get(st.lang, {}).items():
                if c.title.startswith(b) and len(c.title) > len(b):
                    c.iso3 = biso
                    c.affiliation = c.affiliation or b
                    break
        if c.iso3 is None:
            # the country (or adjective) in front of the title: "Chinese Minister ...", "ministre marocain de ..."
            seg_start = max(0, c.start - 80)
            tts = [t for t in st.titles if seg_start <= t[0] and t[1] <= c.start]
            lo = min((t[0] for t in tts), default=c.start)
            near = [x for x in st.cands if x.type == "Country" and max(seg_start, lo - 25) <= x.start and x.end <= c.start]
            if titles_after:
                near = [x for x in st.cands if x.type in ("Country", "Organization") and c.end <= x.start <= c.end + 3] or \
                       [x for x in st.cands if x.type in ("Country", "Organization") and x.end <= c.start and c.start - x.end <= 2]
            if near:
                # the closest one, unless a person stands between
                x = max(near, key=lambda x: x.start) if near[0].end <= c.start else near[0]
                between = st.text[min(x.end, c.start):max(x.end, c.start)]
                if not any(o.type == "Person" and min(x.end, c.start) <= o.start < max(x.end, c.start) for o in st.cands) \
                        and "." not in between and x.iso3 and x.iso3 != "international":
                    c.iso3 = x.iso3
                    if c.affiliation is None:
                        c.affiliation = x.text if x.type == "Organization" else (x.canonical or x.text)


def home_people(st: State) -> None:
    """A person the text gives no country, named the home language's way with an
    unqualified title (vi "Thứ trưởng Lương Tam Quang", ja "菅義偉前首相", ko
    "김민수 청장"), is of the country the language is written in: foreign
    officials are introduced with their country, and their names are
    transliterated (katakana, spaced or quoted Hangul, hyphens)."""
    home = st.pack.get("home_country")
    shape = st.pack.pattern("home_name")
    if not home or shape is None:
        return
    surnames = st.lex.surnames.get(st.lang)
    for c in [c for c in st.cands if c.type == "Person" and c.alias_of is None and c.iso3 is None]:
        name = c.text
        # a quoted name is a transliteration ('쩐 꾸옥 또'), not a home name
        ok = bool(shape.fullmatch(name)) and st.text[c.start - 1:c.start] not in ("‘", "'", "\"", "“")
        if ok and surnames:
            ok = name.split()[0] in surnames or (" " not in name and name[:1] in surnames)
        if ok:
            c.iso3 = home


def find_people_ner(st: State, ents) -> None:
    """People from a statistical NER (a pack's `pipeline` model), filtered: no overlap with
    gazetteer spans, no titles."""
    lex = st.lex
    title_words = {w.lower() for t in lex.titles.get(st.lang, set()) | lex.ranks.get(st.lang, set()) for w in t.split()}
    for ent in ents:
        if ent.label_ != "PER":
            continue
        s, e = ent.start_char, ent.end_char
        name = st.text[s:e]
        # strip leading title / rank words ("Le ministre X", "Samdech Krolahom X")
        words = name.split()
        while words and (words[0].lower() in title_words or words[0] in ("Le", "La", "M.", "Mme")):
            s += len(words[0]) + 1
            words = words[1:]
        if not words:
            continue
        name = " ".join(words)
        e = s + len(name)
        if not any(_cap(w) for w in words) or st.is_blocked(s, e):
            continue
        if st.overlaps(s, e, types={"Country", "Organization", "Place", "Person"}):
            continue
        if len(words) == 1 and (len(name) < 3 or name.isupper()):
            continue
        # the title right before it
        t = next((tt for tt in st.titles if tt[1] <= s and s - tt[1] <= 40), None)
        _add_person(st, s, e, t[2] if t else None, None, "ner")


def find_people_hangul(st: State) -> None:
    text = st.text
    lex = st.lex
    surnames = lex.surnames.get(st.lang, set())
    # "직무대행" (acting): a qualifier of a title, not a title of its own
    qualifiers = set(st.pack.words("title_qualifiers"))
    for ts, te, ttext in st.titles:
        if ttext in qualifiers:
            continue
        pos = ts
        # skip back over spaces, org/country spans and title modifiers
        title_start = ts
        aff = None
        while True:
            p = pos
            while p > 0 and text[p - 1] == " ":
                p -= 1
            c = st.ending_at(p, types={"Organization", "Country"})
            if c is not None and c.start < p:
                aff = aff or c
                pos = c.start
                title_start = c.start if aff is c else title_start
                continue
            if text[max(0, p - 2):p] == "수석":
                pos = p - 2
                continue
            break
        # quoted foreign name: ‘또 람’ 공안부장관
        p = pos
        while p > 0 and text[p - 1] == " ":
            p -= 1
        q = re.search(r"[‘'\"“]([가-힣][가-힣 ]{0,15}[가-힣]|[가-힣])[’'\"”]$", text[max(0, p - 20):p])
        if q:
            s = max(0, p - 20) + q.start(1)
            e = max(0, p - 20) + q.end(1)
            _add_person(st, s, e, text[ts:te], aff, "title")
            continue
        toks = []
        k = p
        while len(toks) < 3:
            lo = max(0, k - 200)
            m = re.search(r"([가-힣]+)$", text[lo:k])
            if not m:
                break
            tok = m.group(1)
            s = lo + m.start(1)
            before = text[s - 1] if s > 0 else " "
            if st.overlaps(s, k, types={"Organization", "Country", "Place", "Person"}) or tok in KO_STOP:
                break
            if st.inside_title(s):
                break
            if len(tok) > 4:
                break
            toks.insert(0, (s, k, tok))
            if s == 0 or before not in (" ",):
                break
            k = s - 1
            # stop when the token before ends with a particle or punctuation
            m2 = re.search(r"(\S+)$", text[max(0, k - 200):k])
            if not m2:
                break
            prev = m2.group(1)
            if not re.fullmatch(r"[가-힣]+", prev) or prev.endswith(KO_PARTICLE_END) or prev in KO_STOP:
                break
            if st.ending_at(k, types={"Organization", "Country", "Place", "Person"}):
                break
            if any(a <= m2.start(1) < b for a, b, _ in st.titles):
                break
        if not toks:
            continue
        if len(toks) == 1:
            tok = toks[0][2]
            if not (2 <= len(tok) <= 4 and tok[0] in surnames) or tok.endswith(KO_PARTICLE_END[:6]) and len(tok) > 3:
                continue
        else:
            if any(len(t[2]) > 4 for t in toks):
                continue
        s, e = toks[0][0], toks[-1][1]
        _add_person(st, s, e, text[title_start:te] if aff else text[ts:te], aff, "title")
    # [country / agency] title then a spaced foreign name: "베트남 공안부 차관 르엉 땀 꽝 일행을"
    for ts, te, ttext in st.titles:
        if ttext in qualifiers:
            continue
        p = ts
        while p > 0 and text[p - 1] == " ":
            p -= 1
        if st.ending_at(p, types={"Organization", "Country"}) is None and not (ts > 0 and st.ending_at(ts, types={"Organization"})):
            continue
        toks = []
        pos = te
        while len(toks) < 4:
            m = re.match(r" ([가-힣]{1,4})(?=[\s,.)’'\"”]|$)", text[pos:pos + 400]) or re.match(r" ([가-힣]{1,4})", text[pos:pos + 400])
            if not m:
                break
            tok = m.group(1)
            if tok.startswith(("일행", "등", "측", "대표단", "차관", "장관", "청장", "등과")) or tok in KO_STOP:
                break
            a = pos + m.start(1)
            if st.overlaps(a, a + len(tok)) or any(x <= a < y for x, y, _ in st.titles):
                break
            stripped = re.sub(r"(?:은|는|을|를|과|와|의|에게|에)$", "", tok) if len(tok) > 1 else tok
            toks.append((a, a + len(stripped)))
            pos = a + len(tok)
            if stripped != tok or not re.match(r" [가-힣]", text[pos:pos + 2]):
                break
        if len(toks) >= 2 or (len(toks) == 1 and toks[0][1] - toks[0][0] == 3 and text[toks[0][0]] in surnames):
            aff = st.ending_at(p, types={"Organization", "Country"}) or st.ending_at(ts, types={"Organization"})
            _add_person(st, toks[0][0], toks[-1][1], text[ts:te], aff, "title")
    # title then name: "(청장 이철성)"
    for m in re.finditer(r"(청장|장관|차장|대사|총장)\s+([가-힣]{3})(?=[)\s,])", text):
        s, e = m.span(2)
        # "청장 방문을": a noun with its case particle, not a name
        if m.group(2)[0] in surnames and not st.overlaps(s, e) and not m.group(2).endswith(tuple("을를의에로과와도")):
            _add_person(st, s, e, m.group(1), None, "title")


def find_people_prefixed(st: State) -> None:
    """People of a "prefixed" pack: a rank or honorific written on the name, then given and
    family name (a middle initial too): พล.ต.ท.สำราญ นวลมา, นายจอห์น พี. สก๊อต."""
    prefixes = st.lex.ranks.get(st.lang, set()) | st.lex.honorifics.get(st.lang, set())
    chars = pack_words(st.lang, "name_chars") or r"^\W\d_"
    if not prefixes:
        return
    pre = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    word = "[" + chars + "]+"
    rx = compiled(r"(?:" + pre + r")[ ]?(?P<n>" + word + r"(?: " + word + r"\.)?(?: " + word + r"))")
    starts = tuple(st.lex.org_heads.get(st.lang, [])) + tuple(st.lex.titles.get(st.lang, set()))
    trx = st.lex.trigger_regex(st.lang)
    for m in rx.finditer(st.text):
        s, e = m.span("n")
        # a title or an agency right after the given name is not a family name
        if starts and m.group("n").split(" ")[-1].startswith(starts):
            continue
        if trx is not None and trx.search(m.group("n")):
            continue        # "เข้าร่วมประชุม": a verb phrase after a honorific-like word, not a name
        if st.overlaps(s, e) or st.is_blocked(s, e):
            continue
        _add_person(st, s, e, st.text[m.start():s].strip() or None, None, "title")


def find_people_han(st: State) -> None:
    """People of a "han" pack: a title (after its agency) right before the name, 公安部部长王小洪,
    警察总监霍华德.布罗德; the name runs to the first character the pack says ends one
    (与, 在, 表示...), two to four characters, or two dotted parts for a foreign name.
    Later mentions of the same name in the article are its mentions."""
    titles = sorted(st.lex.titles.get(st.lang, set()), key=len, reverse=True)
    if not titles:
        return
    stops = set("".join(pack_words(st.lang, "name_stops")))
    trx = compiled(r"(?:" + "|".join(re.escape(t) for t in titles) + r")")
    text = st.text
    found: list[Cand] = []
    for m in trx.finditer(text):
        p = m.end()
        dotted = re.match(r"[一-龥]{1,6}[·.・•][一-龥]{1,8}", text[p:p + 20])
        if dotted:
            e = p + dotted.end()
        else:
            e = p
            while e < len(text) and e - p < 4 and "一" <= text[e] <= "龥" and text[e] not in stops:
                e += 1
            if e - p < 2:
                continue
        if st.overlaps(p, e) or st.is_blocked(p, e) or st.title_end_at(p) is not None:
            continue
        if trx.match(text, p):
            continue
        c = _add_person(st, p, e, m.group(0), None, "title")
        if c:
            found.append(c)
    for c in found:
        for m in re.finditer(re.escape(c.text), text):
            if not st.overlaps(m.start(), m.end()):
                a = st.add(Cand("Person", m.start(), m.end(), c.text, source="alias"))
                if a:
                    a.alias_of = c


def find_people_kana(st: State) -> None:
    text = st.text
    lex = st.lex
    titles = sorted(lex.titles.get(st.lang, set()), key=len, reverse=True)
    countries, places = lex.country_forms(st.lang), lex.place_forms(st.lang)
    talt = "|".join(re.escape(t) for t in titles)
    # katakana names with a middle dot, optionally followed by a title
    for m in re.finditer(r"[ァ-ヺー]+(?:・[ァ-ヺー]+)+", text):
        s, e = m.span()
        parts = m.group(0).split("・")
        if any(p in countries or p in places for p in parts):
            continue
        if st.overlaps(s, e):
            continue
        t = re.match(r"(?:" + talt + r")", text[e:e + 400]) if talt else None
        _add_person(st, s, e, t.group(0) if t else None, None, "katakana")
    # single katakana word + title (ラム大臣)
    for m in re.finditer(r"(?<![ァ-ヺー・])([ァ-ヺー]{2,})(?=(" + talt + r"))", text):
        s, e = m.span(1)
        if m.group(1) in countries or st.overlaps(s, e):
            continue
        _add_person(st, s, e, m.group(2), None, "katakana")
    # kanji run = name + title (小林史明副幹事長, 菅前首相)
    tset = set(titles)
    for m in re.finditer(r"[一-龥々]+", text):
        run = m.group(0)
        # the kanji after a katakana name is its title (トー・ラム公安大臣)
        if run in tset or (m.start() > 0 and re.match(r"[ァ-ヺー・]", text[m.start() - 1])):
            continue
        for t in titles:
            if run.endswith(t) and len(run) > len(t):
                name = run[: -len(t)]
                if not (1 <= len(name) <= 4) or name[0] in JA_NAME_STOP:
                    break
                s = m.start()
                e = s + len(name)
                if st.overlaps(s, e) or any(name.endswith(x) for x in ("省", "庁", "党", "府", "国", "部", "会")):
                    break
                _add_person(st, s, e, t, None, "kanji")
                break


def link_person_aliases(st: State) -> None:
    """Partial names resolve to the full name of the same article."""
    people = [c for c in st.cands if c.type == "Person"]

    folded = {id(c): fold(c.text) for c in people}
    # transliterated names (トー・ラム) compare by their parts as written
    sep = st.pack.get("name_separator")
    tok_cache = {id(c): ([t for t in re.split("[" + re.escape(sep) + r"\s]", c.text) if t] if sep else folded[id(c)].split())
                 for c in people}

    def toks(c: Cand) -> list[str]:
        return tok_cache[id(c)]

    full = sorted(people, key=lambda c: -len(c.text))
    for c in people:
        if c.alias_of is not None:
            continue
        ct = toks(c)
        for f in full:
            if f is c or f.alias_of is not None:
                continue
            ft = toks(f)
            if folded[id(f)] == folded[id(c)]:
                if f.start < c.start:
                    c.alias_of = f
                    break
                continue
            if len(ft) <= len(ct) and not (sep and len(f.text) > len(c.text)):
                continue
            if set(ct) <= set(ft) and ct:
                c.alias_of = f
                break
            if sep and len(ct) == 1 and len(ft) == 1 and ft[0].startswith(ct[0]) and len(ct[0]) < len(ft[0]):
                c.alias_of = f
                break
    # later bare surname / given-name mentions in Latin text ("Nartatez said", "Lam said")
    if st.pack.get("bare_name_mentions", st.pack.spaced):
        roots = [c for c in people if c.alias_of is None and len(c.text.split()) >= 2]
        done: set = set()   # a word shared by two names goes to the first (later hits overlap it)
        for r in roots:
            for tok in sorted(set(r.text.replace(".", "").split())):
                if len(tok) < 3 or not _cap(tok) or tok in st.lex.name_particles or tok in done:
                    continue
                done.add(tok)
                if tok not in st.text:
                    continue
                for m in re.finditer(r"(?<![\w\-])" + re.escape(tok) + r"(?![\w\-])", st.text):
                    s, e = m.span()
                    if st.overlaps(s, e) or st.is_blocked(s, e):
                        continue
                    c = st.add(Cand("Person", s, e, tok, source="alias"))
                    if c:
                        c.alias_of = r
    # a lone word after a title that names nobody else in the article is not a name
    if not st.pack.get("single_word_names", True):
        for c in list(people):
            if c.alias_of is None and len(c.text.split()) == 1 and not any(o.alias_of is c for o in people):
                st.cands.remove(c)
                people.remove(c)
    # every further occurrence of a full name is a mention
    for r in [c for c in people if c.alias_of is None]:
        for m in re.finditer(re.escape(r.text), st.text):
            s, e = m.span()
            if st.overlaps(s, e) or st.is_blocked(s, e):
                continue
            c = st.add(Cand("Person", s, e, r.text, source="repeat"))
            if c:
                c.alias_of = r
