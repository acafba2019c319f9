"""The state the rule components share: candidates (character offsets into the text), sentences, titles,
and the small text helpers every finder uses."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from .dates import DateMatch, find_dates
from .languages import Pack, pack, pack_words
from .lexicon import Lexicon


ABBREV = {"Jr", "Sr", "Gen", "Lt", "Maj", "Col", "Dr", "Mr", "Mrs", "Ms", "St", "M", "Pol", "Brig", "Mme", "No", "Prof"}


WORD_RE = re.compile(r"\w+(?:[-‐'’]\w+)*")


KO_PARTICLE_END = tuple("은는이가을를과와의에도로며고")


KO_STOP = {"이번", "이날", "이후", "이어", "이는", "이를", "정부", "한국", "양국", "오는", "오늘", "지난", "주요", "최근", "최초",
           "공식", "경찰", "전체", "현지", "각국", "대한민국", "우리", "관계자", "측은", "한편", "또한", "특히", "그동안", "향후",
           "회담", "접견", "참석", "표창", "방문", "일정", "등", "및", "총", "명", "함께", "간부", "최고위", "국장", "수석"}


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
            # a dot glued to a letter of an uncased script that spaces its sentences (Thai: the
            # ranks พล.ต.ท.สำราญ) is an abbreviation's (Hangul, often written so, still ends one)
            nxt = text[m.end():m.end() + 1]
            if nxt.isalpha() and not nxt.isupper() and not nxt.islower() and not "가" <= nxt <= "힣":
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


EN_STOP_START = {"The", "THE", "A", "An", "This", "That", "These", "Its", "Their", "His", "Her", "Our"}


def _latin(st: State) -> bool:
    """A language whose rules are the spaced, capitalised-name ones (latin, latin-adjectival, syllabic)."""
    return st.pack.spaced


def _connectors(st: State, key: str, default: str) -> str:
    """A pack's connector words as a regex alternation (longest first), else `default`."""
    words = pack_words(st.lang, key)
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) if words else default


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
