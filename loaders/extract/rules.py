"""The rules behind the pipeline components, on character offsets.

Every finder reads `State` (the document text, its language, the spans found
so far) and adds `Cand` spans. Components in `components.py` call them in
order: sentences, gazetteer, organisations, acronyms, people, dates,
agreements, meetings.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from .dates import DateMatch, find_dates
from .languages import LINGUA_FRANCA, Pack, pack, pack_words, supported
from .lexicon import Lexicon, _usable_foreign_form, compiled, fold, is_cjk, unruled

ABBREV = {"Jr", "Sr", "Gen", "Lt", "Maj", "Col", "Dr", "Mr", "Mrs", "Ms", "St", "M", "Pol", "Brig", "Mme", "No", "Prof"}
WORD_RE = re.compile(r"\w+(?:[-‐'’]\w+)*")
HANGUL_TOKEN = re.compile(r"[가-힣]+")
KO_PARTICLE_END = tuple("은는이가을를과와의에도로며고")
KO_STOP = {"이번", "이날", "이후", "이어", "이는", "이를", "정부", "한국", "양국", "오는", "오늘", "지난", "주요", "최근", "최초",
           "공식", "경찰", "전체", "현지", "각국", "대한민국", "우리", "관계자", "측은", "한편", "또한", "특히", "그동안", "향후",
           "회담", "접견", "참석", "표창", "방문", "일정", "등", "및", "총", "명", "함께", "간부", "최고위", "국장", "수석"}
JA_NAME_STOP = set("両同各前元副新旧本当全我")


@dataclass(eq=False)
class Cand:
    type: str
    start: int
    end: int
    text: str
    iso3: str | None = None
    canonical: str | None = None      # Country English name / Place name
    org_id: str | None = None          # gazetteer id
    title: str | None = None
    affiliation: str | None = None
    status: str | None = None
    source: str = ""
    adjective: bool = False
    alias_of: "Cand | None" = None     # Person/Org/Agreement alias within the article
    role: str = ""                     # "venue" for places used as meeting venue
    iso_guess: bool = False            # iso3 is the language's home country by default, not stated

    @property
    def root(self) -> "Cand":
        c = self
        seen = 0
        while c.alias_of is not None and seen < 20:
            c = c.alias_of
            seen += 1
        return c


@dataclass
class Sent:
    index: int
    start: int
    end: int


@dataclass(eq=False)
class MeetingCand:
    kind: str
    trigger: str
    sentence: int
    start: int
    participants: list = field(default_factory=list)      # root Cands
    roles: dict = field(default_factory=dict)
    date: DateMatch | None = None
    place: str | None = None
    countries: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    agreements: list = field(default_factory=list)
    sentences: list = field(default_factory=list)


@dataclass
class State:
    text: str
    lang: str
    published: str | None
    lex: Lexicon
    sents: list = field(default_factory=list)
    cands: list = field(default_factory=list)
    blocked: list = field(default_factory=list)          # credits
    titles: list = field(default_factory=list)           # (start, end, text)
    dates: list = field(default_factory=list)
    meetings: list = field(default_factory=list)
    sentence_topics: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)
    original: str | None = None      # the article's own text when `text` is a folded copy (script_variant)

    @property
    def pack(self) -> Pack:
        """The language pack of the article's language (an empty one without a pack)."""
        return pack(self.lang)

    @property
    def latin(self) -> bool:
        """Names are capitalised words (Latin, Cyrillic, Thai...: not Hangul, kana or Han)."""
        return self.pack.cased

    def overlaps(self, s: int, e: int, types=None) -> Cand | None:
        for c in self.cands:
            if c.start < e and s < c.end and (types is None or c.type in types):
                return c
        return None

    def is_blocked(self, s: int, e: int) -> bool:
        return any(bs < e and s < be for bs, be in self.blocked)

    def in_title(self, s: int, e: int) -> bool:
        return any(ts <= s and e <= te for ts, te, _ in self.titles)

    def _title_index(self) -> tuple:
        t = self.titles
        c = self.__dict__.get("_title_pos")
        if c is None or c[0] is not t or c[1] != len(t):
            spans = sorted((ts, te) for ts, te, _ in t)
            starts = [x[0] for x in spans]
            prefmax, m = [], -1
            for _, te in spans:
                m = max(m, te)
                prefmax.append(m)
            c = (t, len(t), starts, prefmax)
            self.__dict__["_title_pos"] = c
        return c[2], c[3]

    def inside_title(self, pos: int) -> bool:
        """Whether some title span has start <= pos < end."""
        starts, prefmax = self._title_index()
        i = bisect.bisect_right(starts, pos)
        return i > 0 and prefmax[i - 1] > pos

    def title_end_at(self, pos: int) -> int | None:
        """End of the longest title starting at pos (indexed: titles can be thousands)."""
        t = self.titles
        c = self.__dict__.get("_title_idx")
        if c is None or c[0] is not t or c[1] != len(t):
            idx: dict = {}
            for ts, te, _ in t:
                if te > idx.get(ts, -1):
                    idx[ts] = te
            c = (t, len(t), idx)
            self.__dict__["_title_idx"] = c
        return c[2].get(pos)

    def add(self, c: Cand) -> Cand | None:
        if self.is_blocked(c.start, c.end):
            return None
        self.cands.append(c)
        return c

    def starting_at(self, pos: int, types=None) -> Cand | None:
        best = None
        for c in self.cands:
            if c.start == pos and (types is None or c.type in types):
                if best is None or c.end > best.end:
                    best = c
        return best

    def ending_at(self, pos: int, types=None) -> Cand | None:
        best = None
        for c in self.cands:
            if c.end == pos and (types is None or c.type in types):
                if best is None or c.start < best.start:
                    best = c
        return best

    def sentence_of(self, pos: int) -> int:
        sents = self.sents
        if not sents:
            return 0
        i = bisect.bisect_right([x.start for x in sents] if len(sents) < 8 else self._sent_starts(), pos) - 1
        if 0 <= i < len(sents) and sents[i].start <= pos < sents[i].end:
            return sents[i].index
        # between sentences (spaces) or past the end: the old linear rule
        for x in sents:
            if x.start <= pos < x.end:
                return x.index
        return sents[-1].index

    def _sent_starts(self) -> list:
        c = self.__dict__.get("_sent_idx")
        if c is None or c[0] is not self.sents or c[1] != len(self.sents):
            c = (self.sents, len(self.sents), [x.start for x in self.sents])
            self.__dict__["_sent_idx"] = c
        return c[2]


# ---------------------------------------------------------------- sentences
_SENT_END = re.compile(r"(?<=[.!?])[\"”’»)]*(?=\s|[A-ZÀ-ỸĐ가-힣“\"(]|$)|(?<=。)[」』）)]*|\n+")


def split_sentences(st: State) -> None:
    text = st.text
    out, start = [], 0
    # "am 5. April", "le 1er. mai": a day number with a dot before a month name ends no sentence
    months = {k.lower().rstrip(".") for k in pack_words(st.lang, "months")}
    for m in _SENT_END.finditer(text):
        if months and re.search(r"(?<![\d.])\d{1,2}\.$", text[max(0, m.start() - 4):m.end()]):
            nxt = re.match(r"\s*(\w+)", text[m.end():m.end() + 30])
            if nxt and nxt.group(1).lower() in months:
                continue
        cut = m.end() if m.group(0).startswith("\n") else m.end()
        # not after abbreviations, initials or numbers like 200.000 / 13.1
        before = text[max(0, m.start() - 6):m.start()]
        if not m.group(0).startswith("\n"):
            w = re.search(r"(\w+)\.$", before)
            if w and (w.group(1) in ABBREV or len(w.group(1)) == 1 and w.group(1).isupper()):
                continue
            # an initial in an uncased script ("นายจอห์น พี. สก๊อต"): no sentence ends there
            ini = re.search(r"(?:^|\s)(\S{1,4})\.$", before)
            if ini and not any(ch.isupper() or ch.islower() or ch.isdigit() or not ch.isalnum() and
                               not unicodedata.category(ch).startswith("M") for ch in ini.group(1)):
                continue
            if m.start() < len(text) and m.start() >= 2 and text[m.start() - 2].isdigit() and m.end() < len(text) and text[m.end():m.end() + 1].isdigit():
                continue
        seg = text[start:cut]
        if seg.strip():
            lead = len(seg) - len(seg.lstrip())
            trail = len(seg.rstrip())
            out.append((start + lead, start + trail))
        start = cut
    if text[start:].strip():
        seg = text[start:]
        lead = len(seg) - len(seg.lstrip())
        out.append((start + lead, start + len(seg.rstrip())))
    st.sents = [Sent(i, s, e) for i, (s, e) in enumerate(out)]


# ---------------------------------------------------------------- gazetteer
def find_credits(st: State) -> None:
    from .lexicon import phrase_regex
    rx = phrase_regex(st.lex.credits)
    if rx:
        for m in rx.finditer(st.text):
            st.blocked.append(m.span())
    # photo credits in parentheses or after "Photo:" / "Ảnh:" / "(사진 ...)"
    for m in re.finditer(r"\((?:Ảnh|Photo|Nguồn|사진|写真)[^)]{0,60}\)|(?:Photo|Ảnh|Nguồn)\s*:\s*[^\n.]{0,40}", st.text):
        st.blocked.append(m.span())
    for m in re.finditer(r"\(사진\s*=?\s*[^)]*\)|[（(]사진[^)）]*[)）]|\(사진=[^)]*\)", st.text):
        st.blocked.append(m.span())
    for m in re.finditer(r"=\s*VOV\b|\(VOVWORLD\)", st.text):
        st.blocked.append(m.span())


def find_titles(st: State) -> None:
    lex = st.lex
    for rx in (lex.title_regex(st.lang), lex.rank_regex(st.lang)):
        if rx is None:
            continue
        for m in rx.finditer(st.text):
            if st.is_blocked(*m.span()):
                continue
            st.titles.append((m.start(), m.end(), m.group(0)))
    st.titles.sort()


def find_countries(st: State) -> None:
    lex = st.lex
    rx = lex.country_regex(st.lang)
    forms = lex.country_forms(st.lang)
    if rx:
        for m in rx.finditer(st.text):
            iso = forms.get(m.group(0))
            if iso and not st.is_blocked(*m.span()):
                st.add(Cand("Country", m.start(), m.end(), m.group(0), iso3=iso,
                            canonical=lex.country_name(iso), source="gazetteer"))
    arx = lex.adjective_regex(st.lang)
    if arx:
        aforms = lex.adjective_forms(st.lang)
        for m in arx.finditer(st.text):
            if st.overlaps(*m.span(), types={"Country"}):
                continue
            iso = aforms.get(m.group(0))
            if iso:
                st.add(Cand("Country", m.start(), m.end(), m.group(0), iso3=iso,
                            canonical=lex.country_name(iso), source="adjective", adjective=True))
    # short combining forms only inside compounds: Hàn-Việt, 한-필리핀, Việt-Lào
    short = lex.country_short.get(st.lang, {})
    if short:
        alt = "|".join(re.escape(s) for s in sorted(short, key=len, reverse=True))
        for m in re.finditer(r"(?<![\w])(" + alt + r")(?=\s?[-–]\s?\w)|(?<=[\w][-–])(" + alt + r")(?![\w])", st.text):
            s, e = m.span()
            if st.overlaps(s, e, types={"Country"}):
                continue
            iso = short.get(m.group(0))
            if iso:
                st.add(Cand("Country", s, e, m.group(0), iso3=iso, canonical=lex.country_name(iso), source="short"))


def find_places(st: State) -> None:
    lex = st.lex
    rx = lex.place_regex(st.lang)
    forms = lex.place_forms(st.lang)
    if not rx:
        return
    surnames = lex.surnames.get(st.lang, set())
    for m in rx.finditer(st.text):
        s, e = m.span()
        if st.overlaps(s, e, types={"Country"}):
            continue
        name, iso = forms.get(m.group(0), (m.group(0), None))
        # a surname right before makes it part of a personal name ("Lê Thanh Hóa"), not a province
        prev = re.search(r"(\w+)\s$", st.text[max(0, s - 12):s])
        if prev and prev.group(1) in surnames:
            continue
        st.add(Cand("Place", s, e, m.group(0), iso3=iso, canonical=name, source="gazetteer"))


DATELINE = re.compile(r"^\s*([A-ZÀ-ÝĐ][A-ZÀ-ÝĐ.'’ -]{2,30}?)\s*(?:,\s*[A-Za-z]+\.?\s*\d{1,2}\s*)?(?:\([^)]{0,30}\)\s*)?[:–—-]\s")


def find_dateline(st: State) -> None:
    """'KUALA LUMPUR: ...', 'JAKARTA (Antara) - ...': the dateline city in capitals is a place."""
    if not st.latin:
        return
    m = DATELINE.match(st.text)
    if not m:
        return
    raw = m.group(1).strip()
    forms = st.lex.place_forms(st.lang)
    for cand in (raw.title(), raw, raw.capitalize()):
        if cand in forms:
            name, iso = forms[cand]
            s, e = m.span(1)
            e = s + len(raw)
            if not st.overlaps(s, e):
                shown = cand if len(cand) == len(raw) else raw
                st.add(Cand("Place", s, e, shown, iso3=iso, canonical=name, source="dateline"))
            return


def _international_forms(st: State) -> dict[str, str]:
    """Names of international bodies from org_concepts.yaml (fallback gazetteer)."""
    import yaml

    from .lexicon import DATA
    key = ("intl", st.lang)
    cache = st.lex._regex_cache
    if key not in cache:
        data = yaml.safe_load((DATA / "org_concepts.yaml").read_text(encoding="utf-8")) or {}
        forms = {}
        for concept, per_lang in (data.get("concepts") or {}).items():
            if concept not in st.lex.international_concepts:
                continue
            langs = {st.lang, LINGUA_FRANCA}
            if unruled(st.lang):
                langs |= set(per_lang)
            for lang in langs:
                for f in per_lang.get(lang, []) or []:
                    if len(f) > 2 and (lang in (st.lang, LINGUA_FRANCA) or _usable_foreign_form(f)):
                        forms[f] = concept
                        if f.islower():
                            forms[f.title()] = concept
                            forms[f.upper()] = concept
                            forms[f[0].upper() + f[1:]] = concept
        cache[key] = forms
    return cache[key]


def _descriptive_police(st: State, name: str) -> bool:
    """"Vietnamese police", "한국 경찰", "công an Lào": a country's police described, not an agency's name."""
    pw = st.pack.pattern("police")
    if pw is None:
        return False
    forms = set(st.lex.country_forms(st.lang)) | set(st.lex.adjective_forms(st.lang))
    before = st.pack.get("modifier_order") == "before"
    m = re.fullmatch(r"(.+?)\s?(" + pw.pattern + r")", name) if before else \
        re.fullmatch(r"(" + pw.pattern + r")\s(.+)", name)
    if not m:
        return False
    country = m.group(1) if before else m.group(2)
    return country in forms


def find_known_orgs(st: State) -> None:
    from .lexicon import phrase_regex
    lex = st.lex
    forms = dict(lex.org_forms(st.lang))
    rx = lex.org_regex(st.lang)
    found = []
    if rx:
        for m in rx.finditer(st.text):
            found.append((m.start(), m.end(), m.group(0), forms[m.group(0)].id,
                          forms[m.group(0)].country))
    intl = _international_forms(st)
    irx = st.lex._regex_cache.get(("intlre", st.lang))
    if irx is None:
        irx = phrase_regex(intl)
        st.lex._regex_cache[("intlre", st.lang)] = irx
    if irx:
        for m in irx.finditer(st.text):
            if any(s < m.end() and m.start() < e for s, e, *_ in found):
                continue
            found.append((m.start(), m.end(), m.group(0), None, "international"))
    for s, e, text, oid, country in sorted(found):
        if st.is_blocked(s, e) or st.overlaps(s, e, types={"Organization"}):
            continue
        if _descriptive_police(st, text):
            continue
        # a known body inside a longer name is still that body (Interpol in "Interpol Secretariat")
        for c in [c for c in st.cands if c.type in ("Country", "Place") and c.start < e and s < c.end]:
            st.cands.remove(c)
        st.add(Cand("Organization", s, e, text, iso3=country, org_id=oid, source="gazetteer"))


# ---------------------------------------------------------------- organisations
def _words(text: str, start: int = 0, end: int | None = None):
    end = len(text) if end is None else end
    out = []
    for m in WORD_RE.finditer(text, start, end):
        s, e = m.span()
        w = m.group(0)
        if e < len(text) and text[e] == "." and w in ABBREV:
            e += 1
            w += "."
        out.append((s, e, w))
    return out


def _cap(w: str) -> bool:
    return bool(w) and w[0].isupper()


def _country_in(st: State, s: int, e: int) -> str | None:
    for c in st.cands:
        if c.type == "Country" and s <= c.start and c.end <= e:
            return c.iso3
    return None


def _cap_run(st: State, pos: int) -> int:
    """Number of capitalised words from pos, single-spaced."""
    n = 0
    for m in re.finditer(r"(\S+)( |$)", st.text[pos:pos + 80]):
        w = m.group(1).strip(",.;:")
        if not _cap(w) or st.starting_at(pos + m.start(1), types={"Country"}) is not None:
            break
        n += 1
        if m.group(1) != w:
            break
    return n


def find_orgs_syllabic(st: State) -> None:
    """Agency names of a syllabic language: a head, name words from the pack's vocabulary,
    then the country (Bộ Công an Lào, Cục Cảnh sát hình sự)."""
    lex = st.lex
    heads = lex.org_heads.get(st.lang, [])
    vocab = set(st.pack.words("org_name_vocab"))
    trim = set(st.pack.words("org_trim"))
    surnames = lex.surnames.get(st.lang, set())
    hrx = compiled(r"(?<![\w])(" + "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True)) + r")(?![\w])")
    text = st.text
    for m in hrx.finditer(text):
        s, e = m.span()
        if st.overlaps(s, e, types={"Organization", "Country", "Place"}) or st.is_blocked(s, e):
            continue
        if st.in_title(s, e) and not any(ts == s for ts, _, _ in st.titles if False):
            # "Bộ trưởng", "Ủy viên Bộ Chính trị": heads inside titles are not agencies
            if any(ts <= s < te and not (ts == s and text[s:te] == m.group(0)) for ts, te, _ in st.titles):
                continue
        pos = e
        words = _words(text, pos, min(len(text), pos + 200))
        end = None
        has_name = False
        last_good = None
        country = None
        for ws, we, w in words:
            gap = text[pos:ws]
            if gap.strip() not in ("",):
                break
            if "\n" in gap:
                break
            cc = st.starting_at(ws, types={"Country"})
            if cc is not None and not cc.adjective:
                end = cc.end
                country = cc.iso3
                has_name = True
                last_good = end
                # "Đại sứ quán Việt Nam tại Nhật Bản"
                rest = re.match(r"\s+(tại|ở)\s+", text[end:end + 400])
                if rest and m.group(0).lower().startswith(("đại sứ", "tổng lãnh sự", "lãnh sự")):
                    nxt = st.starting_at(end + rest.end(), types={"Country", "Place"})
                    if nxt is not None:
                        end = last_good = nxt.end
                break
            if st.starting_at(ws, types={"Person"}) is not None:
                break
            # a personal name starts here ("Bộ Công an Nguyễn Văn Thành")
            if w in surnames and re.match(r"\s+[A-ZÀ-ỸĐ]", text[we:we + 3]) and has_name:
                break
            # a complete agency name then two or more capitalised words that are no
            # country or place: the name of its head ("Cục Cảnh sát quốc gia Kim Min-jun")
            if _cap(w) and end is not None and _cap_run(st, ws) >= 2 and st.starting_at(ws, types={"Place"}) is None \
                    and not _cap(text[end - 1:end] if False else text[s:end].split()[-1]) \
                    and org_concept(lex, text[s:end], st.lang):
                break
            # a title word that is itself an agency head ("Cảnh sát") continues the name
            if st.title_end_at(ws) is not None and ws != s and not hrx.match(text, ws):
                break
            if _cap(w) or (w.isupper() and len(w) > 1):
                has_name = True
                end = last_good = we
                pos = we
                continue
            if w.lower() in vocab:
                end = we
                if w.lower() not in trim:
                    last_good = we
                pos = we
                continue
            break
        if not has_name or last_good is None:
            continue
        end = last_good
        name = text[s:end]
        if len(name.split()) < 2:
            continue
        if re.search(r"\d", name):
            continue
        before = text[max(0, s - 6):s]
        kind = "Organization"
        if m.group(0) in ("Văn phòng", "Trụ sở") and re.search(r"(tại|ở)\s+$", before):
            kind = "Place"
        # drop countries swallowed except the trailing one we keep as attribute
        for c in [c for c in st.cands if c.type in ("Country", "Place") and s <= c.start and c.end <= end]:
            if country is None and c.type == "Country" and not c.adjective:
                country = c.iso3
            if kind == "Organization" or c.type == "Place":
                pass
        iso = country or (st.pack.get("home_country") if kind == "Organization" else None)
        if kind == "Place":
            st.add(Cand("Place", s, end, name, iso3=country, canonical=name, source="venue", role="venue"))
        else:
            st.add(Cand("Organization", s, end, name, iso3=iso, source="pattern",
                        iso_guess=country is None and fold(name) not in lex.bare_defaults.get(st.lang, set())))


EN_STOP_START = {"The", "THE", "A", "An", "This", "That", "These", "Its", "Their", "His", "Her", "Our"}
# Words naming a person's office: a complement stops there ("Ministry of Defence Minister X").
EN_PERSON_NOUNS = {"Minister", "Director", "President", "Chief", "Commissioner", "Secretary", "Deputy", "Vice",
                   "Head", "Chairman", "Chairwoman", "Chair", "Ambassador", "Spokesman", "Spokesperson", "Governor"}
# Modifiers that make no name on their own ("Standing Committee", "Executive Council").
EN_GENERIC_MODIFIERS = {"Standing", "Permanent", "Executive", "Central", "Joint", "Steering", "Organising",
                        "Organizing", "Preparatory", "Working", "Advisory", "Coordinating", "Special", "Technical",
                        "Relevant", "Competent", "Main", "Sub", "Senior", "Provincial", "Local", "Regional"}


def _latin(st: State) -> bool:
    """A language whose rules are the spaced, capitalised-name ones (latin, latin-adjectival, syllabic)."""
    return st.pack.spaced


def _connectors(st: State, key: str, default: str) -> str:
    """A pack's connector words as a regex alternation (longest first), else `default`."""
    words = pack_words(st.lang, key)
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) if words else default


def find_orgs_en(st: State) -> None:
    """Agency names built on a head word ("Ministry of Public Security", "Swedish Police
    Authority", "Policía Nacional"): the `latin` rule set."""
    lex = st.lex
    lang = st.lang
    heads = set(lex.org_heads.get(lang, []))
    joiners = _connectors(st, "org_connectors", "of|on|for|against")
    titles = set()
    for t in lex.titles.get(lang, set()) | lex.ranks.get(lang, set()):
        titles.update(t.split())
    titles -= heads
    # title words of English too: a pack's agency name stops at "Commisaris General"
    foreign = {w for t in lex.titles.get(LINGUA_FRANCA, set()) | lex.ranks.get(LINGUA_FRANCA, set()) for w in t.split()}
    text = st.text
    words = _words(text)
    n = len(words)
    i = 0
    used_until = -1
    for i in range(n):
        s, e, w = words[i]
        if w not in heads or s < used_until:
            continue
        if st.overlaps(s, e, types={"Organization"}) or st.is_blocked(s, e):
            continue
        # left modifiers: capitalised, adjacent, not titles
        j = i
        while j > 0:
            ps, pe, pw = words[j - 1]
            gap = text[pe:words[j][0]]
            if gap not in (" ",) or not (_cap(pw) or pw.isupper()) or pw in EN_STOP_START or pw in titles:
                break
            if st.is_blocked(ps, pe):
                break
            j -= 1
        # right: further heads / caps, then one complement "of|on|for [the] Caps (and Caps)"
        k = i
        while k + 1 < n and text[words[k][1]:words[k + 1][0]] == " " and (words[k + 1][2] in heads):
            k += 1
        if st.pack.get("modifier_order", "after") == "after":
            # "Policía Nacional", "Kementerian Dalam Negeri Republik Kazakhstan": the complement
            # is the capitalised words right after the head, without a connector
            while k + 1 < n and text[words[k][1]:words[k + 1][0]] == " " and _cap(words[k + 1][2]) \
                    and words[k + 1][2] not in titles and words[k + 1][2] not in foreign \
                    and st.title_end_at(words[k + 1][0]) is None \
                    and not st.overlaps(words[k + 1][0], words[k + 1][1], types={"Person"}):
                k += 1
        end = words[k][1]
        comp = re.match(r"\s+(" + joiners + r")\s+(?:the\s+)?", text[end:end + 400])
        if comp:
            p = end + comp.end()
            ws2 = _words(text, p, min(len(text), p + 120))
            last = None
            prev_end = p
            for a, b, w2 in ws2:
                gap = text[prev_end:a]
                if a != p and gap not in (" ", " & ") and not re.fullmatch(r"\s+(and|&)\s+", gap):
                    break
                if not (_cap(w2) or w2.isupper()) or (w2 in titles and w2 not in heads and (
                        w2 in EN_PERSON_NOUNS or st.title_end_at(a) is not None)):
                    break
                last = b
                prev_end = b
            if last is not None:
                end = last
        s0 = words[j][0]
        name = text[s0:end]
        tokens = name.split()
        bare = len(tokens) == 1 or re.fullmatch(r"\w+\s+(of|for)\s+(the\s+)?\w+", name) and _country_in(st, s0, end)
        if len(tokens) == 1 and w not in ("Interpol", "Europol"):
            continue
        if bare and w in ("Police", "Forces", "Force", "Government", "Union"):
            continue
        # "Standing Committee", "Executive Council": a body of something not named
        if all(t in EN_GENERIC_MODIFIERS or t in heads for t in tokens) and not re.search(r"\s(of|on|for|against)\s", name) \
                and any(t in EN_GENERIC_MODIFIERS for t in tokens):
            continue
        # org followed by "(ACR) Network/Project" is an agreement, left to the agreement finder
        tail = re.match(r"\s*(\([A-Z]{2,}\))?\s*(Network|Mechanism|Project|Programme|Program|Initiative)\b", text[end:end + 400])
        if tail:
            continue
        iso = _country_in(st, s0, end)
        poss = re.search(r"(\w+)[’']s\s+$", text[max(0, s0 - 30):s0])
        if iso is None and poss:
            cc = st.ending_at(s0 - len(poss.group(0)) + len(poss.group(1)), types={"Country"})
            iso = cc.iso3 if cc else None
        for c in [c for c in st.cands if c.type in ("Country", "Place", "Organization") and s0 <= c.start and c.end <= end]:
            if c.type == "Organization":
                st.cands.remove(c)
        st.add(Cand("Organization", s0, end, name, iso3=iso, source="pattern"))
        used_until = end


def find_orgs_adjectival(st: State) -> None:
    """Agency names whose modifiers follow the head as adjectives and complements
    (police nationale, ministère de l'Intérieur, Direction générale de la Sécurité)."""
    lex = st.lex
    heads = lex.org_heads.get(st.lang, [])
    adjs = set(st.pack.words("org_adjectives"))
    adjs |= set(lex.adjective_forms(st.lang))
    adj_alt = "|".join(re.escape(a) for a in sorted(adjs, key=len, reverse=True))
    head_alt = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    rx = compiled(
        r"(?<![\w])(?:" + head_alt + r")(?:\s+(?:" + adj_alt + r"))*"
        r"(?:\s+(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*(?!\d)[\w\-]+(?:\s+(?:" + adj_alt + r"))*"
        r"(?:\s+(?:et\s+)?(?:de\s+la|de\s+l['’]|du|des)\s*[A-Z][\w\-]+)?)?", re.I)
    text = st.text
    for m in rx.finditer(text):
        s, e = m.span()
        name = m.group(0)
        if st.is_blocked(s, e) or st.overlaps(s, e, types={"Organization"}):
            continue
        # "directeur général de la police" is a title: the head must not follow a title word glued
        if not re.match(r"(?i)(" + head_alt + r")", name):
            continue
        if name.lower().split()[0] in ("direction",) and text[max(0, s - 9):s].lower().endswith("la "):
            pass
        iso = _country_in(st, s, e)
        if iso is None:
            for a in re.findall(r"[\w\-]+", name):
                if a in lex.adjective_forms(st.lang):
                    iso = lex.adjective_forms(st.lang)[a]
        if len(name.split()) < 2:
            continue
        # "police du Vietnam": a bare head with a country complement is a description
        if re.fullmatch(r"(?i)(police|gouvernement)\s+(du|de la|de l['’]|des|de)\s*\S+", name) and iso:
            continue
        # remove adjective countries inside: they stay as Country cands (adjective) which is fine
        st.add(Cand("Organization", s, e, name, iso3=iso, source="pattern"))


def find_orgs_hangul(st: State) -> None:
    """Agency words after an optional country (베트남 공안부, 경찰청)."""
    lex = st.lex
    police = st.pack.pattern("police")
    sufs = [x for x in st.pack.words("org_suffixes") if not (police and police.fullmatch(x))]
    alt = "|".join(re.escape(x) for x in sorted(sufs, key=len, reverse=True))
    cforms = lex.country_forms(st.lang)
    calt = "|".join(re.escape(x) for x in sorted((f for f in cforms if is_cjk(f[0])), key=len, reverse=True))
    rx = compiled(r"(?:(?P<c>" + calt + r")\s?)?(?<![가-힣])(?P<o>(?:[가-힣]{0,4}?)(?:" + alt + r"))")
    text = st.text
    for m in rx.finditer(text):
        o = m.group("o")
        s = m.start("c") if m.group("c") else m.start("o")
        e = m.end("o")
        if st.is_blocked(s, e):
            continue
        # the word must end here or continue with a title / particle
        pre = o[: -max(len(x) for x in sufs if o.endswith(x))] if any(o.endswith(x) for x in sufs) else ""
        if pre and (pre in KO_STOP or any(pre.endswith(p) for p in ("의", "및"))):
            continue
        # 경찰청장회의, 경찰협력회의: the agency word inside an event's name
        if re.match(r"장?(?:회의|회담|협의체|포럼|총회)", text[e:e + 400]):
            continue
        # 정부 / 양국 정부 without a country: no particular government
        if o in ("정부",) and not m.group("c"):
            continue
        if any(c.type == "Organization" and c.start <= s and e <= c.end for c in st.cands):
            continue
        if _descriptive_police(st, text[s:e]):
            continue
        iso = cforms.get(m.group("c")) if m.group("c") else None
        if iso is None:
            iso = lex.bare_org_country.get(st.lang, {}).get(o)
        st.add(Cand("Organization", s, e, text[s:e], iso3=iso, source="pattern"))


def find_orgs_kana(st: State) -> None:
    """Agency words in kanji after an optional country (ラオス公安省, 日本の警察庁)."""
    lex = st.lex
    sufs = st.pack.words("org_suffixes")
    alt = "|".join(re.escape(x) for x in sorted(sufs, key=len, reverse=True))
    cforms = lex.country_forms(st.lang)
    calt = "|".join(re.escape(x) for x in sorted((f for f in cforms if is_cjk(f[0])), key=len, reverse=True))
    rx = compiled(r"(?:(?P<c>" + calt + r")(?P<no>の)?)?(?P<o>[一-龥]{0,3}?(?:" + alt + r"))(?![一-龥])")
    text = st.text
    for m in rx.finditer(text):
        o = m.group("o")
        if o.endswith("党") and o != "党" and len(o) < 2:
            continue
        if o == "党":
            continue
        s = m.start("c") if m.group("c") else m.start("o")
        e = m.end("o")
        if st.is_blocked(s, e):
            continue
        # a kanji run continuing to the left belongs to the name (国家公安委員会) unless it is a title
        if not m.group("c") and s > 0 and re.match(r"[一-龥]", text[s - 1]):
            continue
        if o == "政府" and not m.group("c"):
            continue
        if re.match(r"(?:長官)?(?:会議|会談|協議会|フォーラム)", text[e:e + 400]) and not m.group("c"):
            continue
        if any(c.type == "Organization" and c.start <= s and e <= c.end for c in st.cands):
            continue
        iso = cforms.get(m.group("c")) if m.group("c") else lex.bare_org_country.get(st.lang, {}).get(o)
        if m.group("c") and m.group("no"):
            # 日本の警察庁: name is the agency, the country prefix is an alias form
            st.add(Cand("Organization", s, e, text[s:e], iso3=iso, source="pattern"))
        else:
            st.add(Cand("Organization", s, e, text[s:e], iso3=iso, source="pattern"))


ACR_RE = re.compile(r"(?<![\w])([A-Z][A-Za-z]*[A-Z](?:\+\d)?|[A-Z]{2,}(?:\+\d)?)(?![\w])")


def find_acronyms(st: State) -> None:
    lex = st.lex
    text = st.text
    for m in ACR_RE.finditer(text):
        s, e = m.span()
        a = m.group(0)
        uppers = sum(ch.isupper() for ch in a)
        if uppers < 2 or uppers < len(a.rstrip("+0123456789")) - 2 or len(a) > 12:
            continue
        if a in lex.acronym_stop or a in lex.credits or st.is_blocked(s, e):
            continue
        if st.overlaps(s, e):
            continue
        # part of a web address ("KALBARNEWS.CO.ID", "TRIBUNNEWS.COM"): the outlet, not an agency
        if re.match(r"\.[A-Za-z]{2,}", text[e:e + 5]) or re.search(r"[A-Za-z]\.$", text[max(0, s - 3):s]):
            continue
        # a place or country written in capitals ("(JAKARTA) -", "MOSCOW, 18 September"): a dateline
        if a.isalpha() and len(a) > 3 and (a.title() in lex.place_forms(st.lang) or lex.iso3_of_name(a.title())):
            continue
        # all-caps running text ("THE Philippine") is not an acronym
        if a.isalpha() and a.isupper() and a.lower() in {"the", "and", "of", "for", "in", "on"}:
            continue
        # defined in parentheses after a span: alias of that span
        if text[max(0, s - 1):s] == "(" and text[e:e + 1] == ")":
            prev = st.ending_at(s - 2, types={"Organization", "Agreement"}) or st.ending_at(s - 1, types={"Organization", "Agreement"})
            if prev is None:
                # look back over spaces
                back = text[max(0, s - 201):s - 1].rstrip()
                prev = st.ending_at(max(0, s - 201) + len(back), types={"Organization", "Agreement"})
            if prev is not None:
                c = st.add(Cand(prev.type, s, e, a, iso3=prev.iso3, org_id=prev.org_id, source="acronym"))
                if c:
                    c.alias_of = prev.root
                continue
            # an acronym in parentheses after a non-organisation (ODA, BLO...) is not an org
            back = text[max(0, s - 201):s - 1].rstrip()
            if st.ending_at(max(0, s - 201) + len(back), types={"Country", "Place", "Person"}) is None and re.search(r"[a-zà-ỹ]\s*$", back):
                continue
        # same acronym defined earlier -> alias
        prev = next((c for c in st.cands if c.text == a and c.type in ("Organization", "Agreement")), None)
        if prev is not None:
            c = st.add(Cand(prev.type, s, e, a, iso3=prev.iso3, org_id=prev.org_id, source="acronym"))
            if c:
                c.alias_of = prev.root
            continue
        # letters spelling a known multiword org (INP = Indonesian National Police)
        st.add(Cand("Organization", s, e, a, iso3=None, source="acronym"))
    # resolve acronyms used before/without definition against org initials
    orgs = [c for c in st.cands if c.type == "Organization" and c.source != "acronym"]
    for c in st.cands:
        if c.type == "Organization" and c.source == "acronym" and c.alias_of is None:
            for o in orgs:
                initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w\-]*", o.text) if w[0].isupper())
                if initials == c.text.upper() and len(initials) >= 2:
                    c.alias_of = o.root
                    c.iso3 = o.iso3
                    break
    # a later acronym occurrence aliases the first one
    firsts: dict[str, Cand] = {}
    for c in sorted(st.cands, key=lambda x: x.start):
        if c.type == "Organization" and c.source == "acronym":
            if c.text in firsts and c.alias_of is None and firsts[c.text] is not c:
                c.alias_of = firsts[c.text].root
            firsts.setdefault(c.text, c)


# ---------------------------------------------------------------- people
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
        cm = re.match(r"(" + _connectors(st, "title_connectors", r"of") + r")[ \t]+(?:the[ \t]+)?", text[p:p + 400])
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
                for a, b, w in run:
                    if text[k:a].strip() not in ("", "&") or not _cap(w):
                        break
                    if st.title_end_at(a) is not None:
                        break
                    k = b
                    n_caps += 1
                    nxt = re.match(r"[ \t]+(?:&[ \t]+)?(?:the[ \t]+)?", text[k:k + 400])
                    if nxt and nxt.group(0).strip():
                        k += nxt.end() - 1
                if n_caps and n_caps <= 4:
                    # leave the last caps for the name when nothing else follows
                    rest = _name_run(st, k)
                    follows_title = st.title_end_at(k + len(text[k:k + 400]) - len(text[k:k + 400].lstrip())) is not None
                    if rest or follows_title:
                        pos = k
                        continue
                    if re.match(r"[ \t]*(?:,|(?:" + _connectors(st, "title_connectors", "of") + r")[ \t])",
                                                            text[k:k + 40]):
                        # "ministro del Interior de Chile, Carlos Montes": the chain goes on
                        pos = k
                        continue
                    # "Regional Representative for Southeast Asia & the Pacific Masood Karimipour"
                    words_after = _words(text, q, min(len(text), q + 80))
                    caps = []
                    for a, b, w in words_after:
                        if _cap(w):
                            caps.append((a, b))
                        elif w in ("the",):
                            continue
                        else:
                            break
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


def find_orgs_han(st: State) -> None:
    """Agency names of a "han" pack: [country] [modifiers] agency word [[modifiers] agency word]...
    (中国公安部国际合作局, 美国国土安全部, 意大利国家警察), the words from the pack."""
    lex = st.lex
    sufs = pack_words(st.lang, "org_suffixes")
    if not sufs:
        return
    suf = "|".join(re.escape(x) for x in sorted(sufs, key=len, reverse=True))
    mods = pack_words(st.lang, "org_modifiers")
    mod = ("(?:" + "|".join(re.escape(x) for x in sorted(mods, key=len, reverse=True)) + ")*") if mods else ""
    cforms = lex.country_forms(st.lang)
    calt = "|".join(re.escape(x) for x in sorted((f for f in cforms if is_cjk(f[0])), key=len, reverse=True))
    rx = compiled(r"(?P<c>" + calt + r")?(?P<o>" + mod + r"(?:" + suf + r")(?:" + mod + r"(?:" + suf + r"))*)")
    home = lex.bare_org_country.get(st.lang, {})
    for m in rx.finditer(st.text):
        s = m.start("c") if m.group("c") else m.start("o")
        e = m.end("o")
        if st.is_blocked(s, e) or any(c.type == "Organization" and c.start <= s and e <= c.end for c in st.cands):
            continue
        iso = cforms.get(m.group("c")) if m.group("c") else home.get(m.group("o"))
        for c in [c for c in st.cands if c.type in ("Organization", "Country") and s <= c.start and c.end <= e]:
            if c.type == "Organization":
                st.cands.remove(c)
        st.add(Cand("Organization", s, e, st.text[s:e], iso3=iso, source="pattern"))


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


def find_orgs_prefixed(st: State) -> None:
    """Agencies of a "prefixed" pack: a head word starting a word, the rest of the word, and
    a connector with what follows (กระทรวงยุติธรรม แห่งสหรัฐอเมริกา)."""
    heads = st.lex.org_heads.get(st.lang, [])
    if not heads:
        return
    chars = pack_words(st.lang, "name_chars") or r"^\W\d_"
    head = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    joiners = pack_words(st.lang, "org_connectors")
    join = (r"(?: ?(?:" + "|".join(re.escape(j) for j in joiners) + r")[" + chars + r"]+)?") if joiners else ""
    rx = compiled(r"(?<![" + chars + r"])(?:" + head + r")[" + chars + r"]*" + join)
    for m in rx.finditer(st.text):
        s, e = m.span()
        if e - s < 4 or st.is_blocked(s, e) or any(c.type == "Organization" and c.start <= s and e <= c.end
                                                     for c in st.cands):
            continue
        for c in [c for c in st.cands if c.type == "Organization" and s <= c.start and c.end <= e]:
            st.cands.remove(c)
        st.add(Cand("Organization", s, e, st.text[s:e], iso3=_country_in(st, s, e), source="pattern"))


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


def link_org_aliases(st: State) -> None:
    """Same organisation named twice (Bộ Công an / Bộ Công an Việt Nam).

    Two names are one body when they share any key: the gazetteer id, the
    (country, concept) pair, or the (country, name without country words).
    A bare name whose country is only the language's default (vi "Bộ Quốc
    phòng", ko "공안부") is the body of that concept the article names with a
    country, when it names exactly one (or the default country's)."""
    orgs = sorted([c for c in st.cands if c.type == "Organization" and c.alias_of is None], key=lambda c: c.start)
    # "Tổ chức Cảnh sát hình sự quốc tế (Interpol)": the name in brackets is the same body
    for c in orgs:
        m = re.match(r"\s*\(\s*", st.text[c.end:c.end + 4])
        if not m:
            continue
        o = st.starting_at(c.end + m.end(), types={"Organization"})
        if o is None or o.alias_of is not None or not re.match(r"\s*\)", st.text[o.end:o.end + 3]):
            continue
        if o.org_id and not c.org_id:
            c.org_id = o.org_id
        if o.iso3 and not o.iso_guess and (c.iso3 is None or c.iso_guess):
            c.iso3, c.iso_guess = o.iso3, False
    roots: list[tuple[Cand, set]] = []
    for c in orgs:
        ks = set(org_keys(st, c))
        target = next((r for r, rk in roots if rk & ks), None)
        if target is not None:
            c.alias_of = target
            if c.iso3 and (not target.iso3 or target.iso_guess) and not c.iso_guess:
                target.iso3, target.iso_guess = c.iso3, False
        else:
            roots.append((c, ks))
    # a bare name: the one body of that concept the article names with its country
    for r, _ in roots:
        if r.alias_of is not None or not (r.iso3 is None or r.iso_guess):
            continue
        concept = org_concept(st.lex, r.text, st.lang)
        if not concept:
            continue
        named = [o for o, _ in roots if o is not r and o.alias_of is None and o.iso3 and not o.iso_guess
                 and o.iso3 != "international" and _concept_of(st, o) == concept]
        isos = {o.iso3 for o in named}
        pick = None
        if r.iso_guess and r.iso3 in isos:
            pick = next(o for o in named if o.iso3 == r.iso3)
        elif len(isos) == 1:
            pick = named[0]
        if pick is not None:
            r.alias_of = pick
            r.iso3, r.iso_guess = pick.iso3, False
    # a bare "ministère vietnamien" = the ministry of that country named in full
    for c in orgs:
        if c.alias_of is None and len(fold(c.text).split()) <= 2 and c.text.split()[0].lower() in ("ministère", "bộ", "ministry"):
            for o in orgs:
                if o is not c and o.alias_of is None and o.iso3 == c.iso3 and len(o.text) > len(c.text) and o.text.split()[0].lower() == c.text.split()[0].lower():
                    c.alias_of = o
                    break


def _concept_of(st: State, c: Cand) -> str | None:
    """The concept of a gazetteer body comes from its canonical name (Công an
    Việt Nam is the police force, not the ministry its words suggest)."""
    if c.org_id:
        o = st.lex.org_by_id.get(c.org_id)
        if o is not None:
            return org_concept(st.lex, re.sub(r"\s*\([^)]*\)", "", o.canonical), LINGUA_FRANCA)
    return org_concept(st.lex, c.text, st.lang)


def org_keys(st: State, c: Cand) -> list[tuple]:
    keys = []
    if c.org_id:
        keys.append(("id", c.org_id))
    concept = _concept_of(st, c)
    if concept:
        iso = c.iso3 or ("international" if concept in st.lex.international_concepts else None)
        keys.append((iso, concept))
    t = c.text
    for cc in st.cands:
        if cc.type == "Country" and c.start <= cc.start and cc.end <= c.end:
            t = t.replace(cc.text, " ")
    keys.append((c.iso3, fold(t)))
    return keys


def org_key(st: State, c: Cand) -> tuple:
    from .lexicon import fold as f
    concept = org_concept(st.lex, c.text, st.lang)
    if c.org_id:
        return ("id", c.org_id)
    if concept:
        iso = c.iso3 or ("international" if concept in st.lex.international_concepts else None)
        return (iso, concept)
    # strip country words to compare
    t = c.text
    for cc in st.cands:
        if cc.type == "Country" and c.start <= cc.start and cc.end <= c.end:
            t = t.replace(cc.text, " ")
    return (c.iso3, f(t))


def org_concept(lex: Lexicon, name: str, lang: str | None = None) -> str | None:
    """The cross-language concept of an agency name, countries and articles removed."""
    key = (name, lang)
    cache = lex._regex_cache.setdefault("concept", {})
    if key not in cache:
        cache[key] = _org_concept(lex, name, lang)
    return cache[key]


def _org_concept(lex: Lexicon, name: str, lang: str | None) -> str | None:
    t = name
    for l in dict.fromkeys([lang or LINGUA_FRANCA, LINGUA_FRANCA, *supported()]):
        rx = lex.country_regex(l)
        if rx is not None:
            t = rx.sub(" ", t)
        arx = lex.adjective_regex(l)
        if arx is not None:
            t = arx.sub(" ", t)
    t = re.sub(r"[’']s\b", " ", t)
    generic = lex._regex_cache.get("generic")
    if generic is None:
        generic = set()
        for g in lex.concept_generic.values():
            generic |= {fold(x) for x in g}
        generic |= {"nuoc", "cua", "vuong quoc"}
        lex._regex_cache["generic"] = generic
    # multi-word generic phrases ("vương quốc") go as phrases, so "quốc" in
    # "Bộ Quốc phòng" or "cảnh sát quốc gia" stays
    k = " " + fold(t) + " "
    for g in sorted((g for g in generic if " " in g), key=len, reverse=True):
        k = k.replace(" " + g + " ", " ")
    words = [w for w in k.split() if w not in generic]
    k = " ".join(words)
    if k in lex.concepts:
        return lex.concepts[k]
    compact = k.replace(" ", "")
    for c, v in lex.concepts.items():
        if c and is_cjk(c[0]) and compact == c.replace(" ", ""):
            return v
    return None


# ---------------------------------------------------------------- agreements
def find_agreements(st: State) -> None:
    lex = st.lex
    text = st.text
    heads = lex.agreement_heads.get(st.lang, [])
    if not heads:
        return
    alt = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    if st.pack.rules in ("hangul", "kana"):
        _agreements_cjk(st, alt)
        _shortened_agreements(st)
        return
    if st.pack.rules == "han":
        _agreements_han(st, alt)
        return
    pack_stops = st.pack.words("agreement_stops")
    end_rx = st.pack.pattern("agreement_end")
    if end_rx is None and pack_stops:
        end_rx = compiled(r"[;.:!?()]|,|\s(?:" + "|".join(re.escape(w) for w in pack_stops) + r")(?:\s|$)")
    end_rx = end_rx or pack(LINGUA_FRANCA).pattern("agreement_end")
    left_rx = st.pack.pattern("agreement_left")
    max_words = st.pack.get("agreement_max_words", 14)
    plural_heads = {w.lower() for w in st.pack.words("agreement_plural_heads")}
    lower_min = st.pack.get("agreement_lowercase_min_words", 1)
    not_after, vague_before = st.pack.pattern("agreement_not_after"), st.pack.pattern("agreement_vague_before")
    rx = compiled(r"(?<![\w])(?:" + alt + r")(?![\w])")
    for m in rx.finditer(text):
        s, e = m.span()
        if st.overlaps(s, e, types={"Agreement"}) or st.is_blocked(s, e):
            continue
        sent = next((x for x in st.sents if x.start <= s < x.end), None)
        send = sent.end if sent else len(text)
        # left extension: capitalised run or modifiers ("2023 cooperation plan", "recently-signed arrangement")
        left = s
        pre = text[max(0, s - 80):s]
        if left_rx is not None:
            lm = left_rx.search(pre)
            if lm:
                cand = lm.group(1)
                # do not swallow a sentence start "The" or verbs
                cand = re.sub(r"^(?:The|A|An|This|That|Its|Their)\s+", "", cand)
                cand = re.sub(r"^\([A-Z]{2,}\)\s+", "", cand)
                left = s - len(cand)
        # right extension: up to punctuation or clause words
        right = e
        tail = text[e:send]
        stop = end_rx.search(tail)
        right = e + (stop.start() if stop else len(tail))
        right = _extend_parties(st, right, send)
        if st.pack.get("agreement_enumerations"):
            right = _extend_enumeration(st, right, send)
        words_right = text[e:right].split()
        cap = max_words       # Vietnamese words are syllables: more of them
        if len(words_right) > cap:
            right = e + len(" ".join(text[e:right].split()[:cap])) + (len(text[e:right]) - len(text[e:right].lstrip()))
        # quoted name right after ("nền tảng "Ainarae"", dự án "...")
        q = re.match(r"\s*[\"“]([^\"”]{2,80})[\"”]", text[e:e + 400])
        if q:
            qs, qe = e + q.start(1), e + q.end(1)
            if not st.overlaps(qs, qe, types={"Agreement"}):
                st.add(Cand("Agreement", qs, qe, text[qs:qe], status=_status(st, s, sent, (s, e)), source="agreement"))
            continue
        acr = re.match(r"\s*\(([A-Z]{2,})\)", text[right:right + 400])
        name = re.sub(r"\s+(?:and|or|et|ou|và)$", "", text[left:right].strip(" ,"))
        # "within the framework of", "dans le cadre de": an idiom, not a document
        if re.search(r"(?i)(?:within|in|under)\s+the\s+$", text[max(0, s - 16):s]) and re.match(r"\s+of\b", text[e:e + 400]) \
                and m.group(0).lower() in ("framework", "context", "programme", "program"):
            continue
        if acr and right == e:
            pass
        generic = re.fullmatch(r"(?i)(?:(?:the|this|that|a|an|le|la|les|cet|ce|cette|new|such|same|said|above|recent|"
                               r"bilateral|joint|nouvel|nouveau|nouvelle|này|đó|mới)\s+|l['’])*(" + alt + r")"
                               r"(?:\s+(?:này|đó|trên|mới))?", name)
        pre_word = re.search(r"(\w+)\s*$", text[max(0, left - 12):left])
        if (len(name.split()) <= 1 and not _cap(name)) or generic:
            prevs = [c for c in st.cands if c.type == "Agreement" and c.start < s and c.alias_of is None]
            same = [c for c in prevs if fold(m.group(0)) in fold(c.text)]
            if same:
                # "the new agreement", "biên bản ghi nhớ này": the one named before
                a = st.add(Cand("Agreement", left, left + len(name), name, source="alias"))
                if a:
                    a.alias_of = _closest_agreement(same, m.group(0))
                continue
            if fold(m.group(0)) in MECHANISM_WORDS:
                pass        # a hotline, a desk, a task force: a mechanism of its own
            elif prevs or (pre_word and pre_word.group(1).lower() in ("the", "this", "that", "le", "la", "cet", "ce")):
                continue
        # plural heads name documents only with a subject ("programs on prison management"),
        # not in passing ("Interpol programmes", "coordination programmes and plans")
        if m.group(0).lower() in plural_heads and \
                not re.search(r"\s(?:on|for|of|against|to)\s", name):
            continue
        # a lone capitalised head ("Network", "Agreement") names nothing
        if len(name.split()) == 1 and name == m.group(0) and not name.isupper():
            continue
        if not _cap(name) and len(name.split()) < lower_min:
            continue
        if not _cap(name):
            before = text[max(0, left - 12):left]
            # "đã thỏa thuận", "sẽ ký kết": a verb; "các dự án hợp tác đa dạng": no document in particular
            if not_after is not None and not_after.search(before):
                continue
            if vague_before is not None and vague_before.search(before) and len(name.split()) <= 6 and \
                    not any(ch.isupper() or ch.isdigit() for ch in name):
                continue
        c = st.add(Cand("Agreement", left, left + len(name), name, status=_status(st, s, sent, (s, e)),
                        source="agreement"))
        if acr and c:
            a_s, a_e = right + acr.start(1), right + acr.end(1)
            a = st.add(Cand("Agreement", a_s, a_e, acr.group(1), status=c.status, source="acronym"))
            if a:
                a.alias_of = c
    # organisations swallowed by agreements (Aseanapol in "Aseanapol ... Protocol") stay organisations
    _agreement_acronyms(st)
    _shortened_agreements(st)


MECHANISM_WORDS = {"hotline", "task force", "desk", "duong day nong", "nhom cong tac", "ligne directe"}


def _closest_agreement(prevs: list, head: str) -> Cand:
    """The agreement a generic mention refers to: the last one of the same head, else the last one."""
    h = fold(head)
    same = [c for c in prevs if h in fold(c.text)]
    return max(same or prevs, key=lambda c: c.start)


def _extend_parties(st: State, right: int, send: int) -> int:
    """"between X and Y", "giữa X và Y", "entre X et Y": the parties are part of a document's name."""
    between, and_ = st.pack.pattern("agreement_between"), st.pack.pattern("agreement_and")
    if between is None or and_ is None:
        return right
    text = st.text
    m = between.match(text[right:send])
    if not m:
        return right
    a = st.starting_at(right + m.end(), types={"Organization", "Country"})
    if a is None:
        return right
    end = a.end
    acr = re.match(r"\s*\([A-Z]{2,}\)", text[end:send])
    if acr:
        end += acr.end()
    m2 = and_.match(text[end:send])
    if not m2:
        return right
    b = st.starting_at(end + m2.end(), types={"Organization", "Country"})
    if b is None:
        return right
    end = b.end
    acr = re.match(r"\s*\([A-Z]{2,}\)", text[end:send])
    if acr:
        end += acr.end()
    return end


def _extend_enumeration(st: State, right: int, send: int) -> int:
    """Vietnamese subjects enumerate with commas: "... trong bảo đảm an ninh, trật tự, an toàn xã hội
    khu vực biên giới". A comma continues the name when the name has a subject complement (về, trong,
    liên quan đến, đối với) and what follows is a short lowercase item; the list ends at ; . or a clause."""
    text = st.text
    start = right
    while right < send and text[right] == ",":
        item = re.match(r",\s+([a-zà-ỹđ][\w\-]*(?:\s+[a-zà-ỹđ][\w\-]*){0,9})(?=\s*(?:[,;.!?:]|$))", text[right:send])
        if not item:
            # the last item runs to a clause word or the end of the clause
            item = re.match(r",\s+([a-zà-ỹđ][\w\-]*(?:\s+[a-zà-ỹđ][\w\-]*){0,9})(?=\s+(?:để|nhằm|đã|sẽ|được|với|cho|"
                            r"tại|giữa hai|đến|thì|là)\s)", text[right:send])
        if not item:
            break
        words = item.group(1).split()
        if words[0] in ("đồng", "hai", "các", "đặc", "trong", "nhất", "đề", "tiếp", "tăng", "đẩy", "phối", "trao", "trước",
                        "góp", "cùng", "qua", "từ", "nhằm", "để", "và"):
            break
        head = text[max(0, right - 600):right]
        last_item = re.search(r"([^,;.]*)$", head).group(1).split()
        # a subject complement in the name, or a list of short items ("phối hợp, xác minh, điều tra")
        if not re.search(r"\s(?:về|trong|liên quan đến|đối với|bảo đảm|phòng|chống)\s", text[start - 200 if start > 200 else 0:right] + " ") \
                and not (len(last_item) <= 3 and len(words) <= 10):
            break
        if not re.search(r"\s(?:về|trong|liên quan đến|đối với|bảo đảm|phòng|chống)\s", " " + head[-200:] + " ") and len(last_item) > 3:
            break
        right += item.end()
    return right


AGREEMENT_FILLER = {"the", "a", "an", "of", "for", "on", "in", "and", "between", "their", "its", "two", "le", "la", "les",
                    "l", "de", "des", "du", "d", "en", "et", "entre", "cua", "ve", "nam", "giua", "va", "cac"}


def _shortened_agreements(st: State) -> None:
    """Two names of one agreement in an article: a later shorter one ("운전면허 상호인정" after
    "국제운전면허 상호인정 조약") or a later fuller one ("베트남 1차 과학수사 역량강화 사업" after
    "베트남 과학수사 역량강화 사업", "the cooperation plan for 2023 between ..." after "a
    cooperation plan for 2023"): the words of one are all in the other."""
    agrs = sorted([c for c in st.cands if c.type == "Agreement" and c.alias_of is None], key=lambda c: c.start)

    folded = {id(c): fold(c.text) for c in agrs}
    tok_sets = {id(c): {t for t in folded[id(c)].split() if t not in AGREEMENT_FILLER} for c in agrs}

    for i, c in enumerate(agrs):
        for p in agrs[:i]:
            if p.alias_of is not None or folded[id(p)] == folded[id(c)]:
                continue
            ct, pt = tok_sets[id(c)], tok_sets[id(p)]
            same = min(len(ct), len(pt)) >= 2 and (ct <= pt or pt <= ct)
            if not same and not st.latin:
                cc, pc = c.text.replace(" ", ""), p.text.replace(" ", "")
                short, long_ = sorted((cc, pc), key=len)
                same = len(short) >= 4 and short in long_
            if same:
                c.alias_of = p
                break


def _agreement_acronyms(st: State) -> None:
    """An acronym taken for an organisation that spells an agreement of the article
    ("... Protocol for Crisis Management (ACCPCM)", later "the ACCPCM") is that agreement."""
    agrs = [c for c in st.cands if c.type == "Agreement" and c.alias_of is None]
    if not agrs:
        return
    for c in [c for c in st.cands if c.type == "Organization" and c.source == "acronym" and c.alias_of is None]:
        for a in agrs:
            initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w\-]*", a.text) if w[0].isupper())
            if len(c.text) >= 3 and (initials == c.text.upper() or f"({c.text})" in a.text
                                     or initials.startswith(c.text.upper()) and len(initials) - len(c.text) <= 1):
                for o in [o for o in st.cands if o.type == "Organization" and (o is c or o.root is c)]:
                    o.type = "Agreement"
                    o.status = a.status
                    o.alias_of = a if o is c else o.alias_of
                break


def _agreements_han(st: State, alt: str) -> None:
    """Agreements of a "han" pack: a title in 《》 (a document's name), else the run of
    characters ending in an agreement word back to the first character that ends a name
    (中美禁毒合作工作组, 合作安排书)."""
    text = st.text
    for m in re.finditer(r"《([^》]{2,120})》", text):
        s, e = m.span(1)
        if not st.overlaps(s, e, types={"Agreement"}):
            sent = next((x for x in st.sents if x.start <= s < x.end), None)
            st.add(Cand("Agreement", s, e, m.group(1), status=_status(st, s, sent), source="agreement"))
    stops = set("".join(pack_words(st.lang, "name_stops"))) | set("，。、；：（）《》「」“”,.;:() ")
    verbs = tuple(pack_words(st.lang, "agreement_stops"))
    for m in compiled(r"(?:" + alt + r")").finditer(text):
        s, e = m.span()
        while s > 0 and m.start() - s < 12 and "一" <= text[s - 1] <= "龥" and text[s - 1] not in stops \
                and not (verbs and text[:s].endswith(verbs)):
            s -= 1
        if m.start() - s < 2 or st.overlaps(s, e, types={"Agreement", "Person"}) or st.is_blocked(s, e):
            continue       # a bare head word ("机制") names no document
        for c in [c for c in st.cands if c.type in ("Organization", "Country") and s <= c.start and c.end <= e]:
            st.cands.remove(c)
        sent = next((x for x in st.sents if x.start <= s < x.end), None)
        st.add(Cand("Agreement", s, e, text[s:e], status=_status(st, s, sent), source="agreement"))


def _agreements_cjk(st: State, alt: str) -> None:
    text = st.text
    # quoted names containing a head word
    for m in re.finditer(r"[‘'\"“]([^’'\"”]{2,40})[’'\"”]", text):
        inner = m.group(1)
        if re.search(alt, inner):
            s, e = m.span(1)
            if not st.overlaps(s, e, types={"Agreement", "Person"}):
                sent = next((x for x in st.sents if x.start <= s < x.end), None)
                st.add(Cand("Agreement", s, e, inner, status=_status(st, s, sent), source="agreement"))
    if st.pack.rules == "hangul":
        rx = compiled(r"((?:[가-힣A-Za-z0-9\-]{1,40}\s){0,3}[가-힣A-Za-z\-]{0,40}(?:" + alt + r"))(?:\([A-Z]+\))?")
        for m in rx.finditer(text):
            s, e = m.span(1)
            words = m.group(1).split()
            # drop leading words that end with particles
            # a word ending with a particle or a verb's adnominal ending ("설치하려 한", "요청한", "양국 경찰 간")
            cut = max((i for i, w in enumerate(words[:-1]) if (re.search(r"(?:과|와|은|는|을|를|에서|으로|로|의|에)$", w) and len(w) > 2)
                       or re.search(r"(?:한|된|할|던|하려|간)$", w)), default=-1)
            if cut >= 0:
                s += sum(len(w) + 1 for w in words[:cut + 1])
                words = words[cut + 1:]
            while len(words) > 1 and (words[0].endswith(KO_PARTICLE_END) or words[0] in KO_STOP or re.search(r"\d", words[0])):
                s += len(words[0]) + 1
                words = words[1:]
            name = " ".join(words).lstrip("▲ ")
            s = e - len(name)
            if len(name) < 3 or st.overlaps(s, e, types={"Agreement"}):
                continue
            _add_cjk_agreement(st, s, e, name, alt)
    else:
        rx = compiled(r"([一-龥ァ-ヺー]{0,40}(?:" + alt + r"))")
        for m in rx.finditer(text):
            s, e = m.span(1)
            name = m.group(1)
            if st.overlaps(s, e, types={"Agreement"}):
                continue
            # modifiers written before the noun: 新たな / 実質的な, 締結済みの, AとBとの間の
            while True:
                pm = JA_AGREEMENT_MODIFIER.search(text, max(0, s - 40), s)
                if not pm or pm.end() != s:
                    break
                s = pm.start()
            name = text[s:e]
            if len(name) < 3:
                continue
            _add_cjk_agreement(st, s, e, name, alt)


JA_AGREEMENT_MODIFIER = re.compile(r"(?:[一-龥]{1,4}的な|新たな|新しい|[一-龥ァ-ヺー]{1,6}済みの|"
                                   r"[一-龥ァ-ヺー・]{2,12}と[一-龥ァ-ヺー・]{2,12}の|"
                                   r"[一-龥ァ-ヺー・]{2,12}と[一-龥ァ-ヺー・]{2,12}(?:の[一-龥ァ-ヺー・]{2,8})?との間の)$")
# Bare agreement words that name no particular document ("합의서", "協力協定", "사업")
CJK_COOP_PREFIX = ("협력", "協力", "상호", "양자", "二国間")


def _add_cjk_agreement(st: State, s: int, e: int, name: str, alt: str) -> None:
    sent = next((x for x in st.sents if x.start <= s < x.end), None)
    hm = re.search(r"(?:" + alt + r")$", name)
    status = _status(st, s, sent, (e - len(hm.group(0)), e) if hm else (s, e))
    bare = name.replace(" ", "")
    for p in CJK_COOP_PREFIX:
        if bare.startswith(p) and re.fullmatch(alt, bare[len(p):]):
            bare = bare[len(p):]
    generic = st.lex.rules.get("agreement_generic", {}).get(st.lang) or []
    if bare in generic:
        prevs = [c for c in st.cands if c.type == "Agreement" and c.start < s and c.alias_of is None]
        if prevs:
            # 양해각서 / 覚書 after a named one: that one again
            a = st.add(Cand("Agreement", s, e, name, source="alias"))
            if a:
                a.alias_of = _closest_agreement(prevs, bare)
            return
        if status != "signed":
            # a document only wished for or talked about in general names nothing
            return
    st.add(Cand("Agreement", s, e, name, status=status, source="agreement"))


STATUS_WINDOW = 600


def _status(st: State, pos: int, sent: Sent | None, span: tuple | None = None) -> str:
    if sent is None:
        return "implemented"
    # the nearest status word decides: look within a window around the name (a run-on
    # "sentence" of a page without stops can be tens of thousands of characters)
    lo = max(sent.start, pos - STATUS_WINDOW, (span[0] if span else pos) - STATUS_WINDOW)
    hi = min(sent.end, max(pos, span[1] if span else pos) + STATUS_WINDOW)
    sent = Sent(sent.index, lo, hi)
    seg = st.text[sent.start:sent.end]
    rel = pos - sent.start
    best = None
    for status, words in st.pack.words("agreement_status").items():
        for w in words:
            if w not in seg:
                continue
            for m in re.finditer(re.escape(w), seg):
                if span and span[0] <= sent.start + m.start() and sent.start + m.end() <= span[1]:
                    continue
                if span and sent.start + m.end() <= span[0]:
                    dd = span[0] - sent.start - m.end()
                elif span and sent.start + m.start() >= span[1]:
                    dd = sent.start + m.start() - span[1]
                else:
                    dd = None
                if not is_cjk(w[0]) and (m.start() > 0 and seg[m.start() - 1].isalnum() or m.end() < len(seg) and seg[m.end()].isalnum()):
                    continue
                d = abs(m.start() - rel) if dd is None else dd
                st_ = status
                if status == "signed" and _future_sign(seg, m.start(), m.end()):
                    st_ = "proposed"
                if best is None or d < best[0]:
                    best = (d, st_)
    return best[1] if best else "implemented"


# A signing verb said of the future or as an aim ("will sign", "sẽ ký", "체결하기로",
# "조속히 체결", "締結を目指す") makes a proposed agreement, not a signed one.
FUTURE_BEFORE = re.compile(r"(?:\b(?:will|to|would|shall|plan to|aim to|expected to|seek to)\s+(?:be\s+)?|\bsẽ\s+(?:được\s+)?|"
                           r"\b(?:not|never)\s+(?:yet\s+)?(?:been\s+)?|\bn['’]?t\s+(?:yet\s+)?(?:been\s+)?|"
                           r"\b(?:chưa|không|chưa được|không được)\s+(?:được\s+)?|\bpas\s+(?:encore\s+)?(?:été\s+)?|未|"
                           r"\btiến tới\s+|\bhướng tới\s+|\bva\s+|\bvont\s+|\bdevrait\s+|조속히\s?|조만간\s?)$", re.I)
FUTURE_AFTER = re.compile(r"^(?:하기로|할\s|할 예정|하고자|키로|하는 방안|하지\s?(?:않|못)|되지\s?(?:않|못)|を目指|する予定|する方針|に向け|を検討|"
                          r"していない|されていない|しておらず|されておらず)")


def _future_sign(seg: str, s: int, e: int) -> bool:
    return bool(FUTURE_BEFORE.search(seg[max(0, s - 20):s]) or FUTURE_AFTER.match(seg[e:e + 8]))


# ---------------------------------------------------------------- dates / topics
def find_all_dates(st: State) -> None:
    st.dates = find_dates(st.text, st.lang, st.published)


def find_topics(st: State) -> None:
    per_lang = st.lex.topics.get(st.lang, {})
    for s in st.sents:
        seg = st.text[s.start:s.end]
        low = seg.lower()
        found = []
        for topic, words in per_lang.items():
            for w in words:
                if w.lower() in low:
                    found.append(topic)
                    break
        st.sentence_topics[s.index] = found
