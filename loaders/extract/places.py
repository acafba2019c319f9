"""Countries, places and datelines from the gazetteers."""

from __future__ import annotations

import re

from .languages import pack_words
from .lexicon import compiled
from .state import Cand, State


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
    _ambiguous_countries(st)
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


def _ambiguous_countries(st: State) -> None:
    """A country name that is also a given name (Vietnamese Anh, Đức, Mỹ, Nga) is the country
    after a lower-case word of the same sentence: a title, a portfolio or a preposition goes
    before a country ("Bộ trưởng An ninh Nội địa Mỹ", "phía Nga"), a name's own capitalised
    words go before a given name ("Nguyễn Minh Đức")."""
    if not st.pack.spaced:
        return
    forms = st.lex.ambiguous_forms(st.lang)
    if not forms:
        return
    rx = compiled(r"(?<=\w[ \t])(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                  + r")(?![\w-])")
    # "ông Đức", "Đại tá Nga": an honorific or a rank goes before a given name
    before_names = {w.lower() for w in (*st.pack.words("honorifics"), *st.pack.words("ranks"))}
    for m in rx.finditer(st.text):
        s, e = m.span(1)
        prev = re.search(r"(\S+)[ \t]$", st.text[max(0, s - 40):s])
        if prev is None or not prev.group(1)[0].islower() or st.overlaps(s, e) or st.is_blocked(s, e):
            continue
        if prev.group(1).lower() in before_names or any(st.text[max(0, s - 1 - len(w)):s - 1].lower() == w
                                                         for w in before_names if " " in w):
            continue
        iso = forms[m.group(1)]
        st.add(Cand("Country", s, e, m.group(1), iso3=iso, canonical=st.lex.country_name(iso), source="gazetteer"))


def find_places(st: State) -> None:
    lex = st.lex
    rx = lex.place_regex(st.lang)
    forms = lex.place_forms(st.lang)
    if not rx:
        return
    surnames = lex.surnames.get(st.lang, set())
    hangul = st.pack.script == "hangul"
    for m in rx.finditer(st.text):
        s, e = m.span()
        if st.overlaps(s, e, types={"Country"}):
            continue
        name, iso = forms.get(m.group(0), (m.group(0), None))
        # a surname right before makes it part of a personal name ("Lê Thanh Hóa"), not a province
        prev = re.search(r"(\w+)\s$", st.text[max(0, s - 12):s])
        if prev and prev.group(1) in surnames:
            continue
        # Hangul writes a word without spaces inside it: a city name glued to syllables before it
        # is inside another word (평양 in 북태평양, 니스 in 비즈니스)
        if hangul and s > 0 and "가" <= st.text[s - 1] <= "힣":
            continue
        st.add(Cand("Place", s, e, m.group(0), iso3=iso, canonical=name, source="gazetteer"))
    _prep_cities(st)
    _headed_places(st)
    _place_suffixes(st)


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


#: a city found only after a place word ("in Basel") must be this large
PREP_CITY_MIN_POPULATION = 100_000


def _prep_cities(st: State) -> None:
    """"in Basel", "en Rosario", "di Medan": a capitalised name after a place preposition that is,
    as a whole, the GeoNames name of a city of PREP_CITY_MIN_POPULATION or more (Latin script)."""
    if not (st.pack.rules in ("latin", "latin-adjectival") and st.pack.script == "latin"):
        return
    preps = st.lex.place_preps.get(st.lang, [])
    if not preps:
        return
    from ..gazetteer import city
    from ..normalize import fold as nfold

    text = st.text
    rx = compiled(r"(?<![\w])(?:" + "|".join(re.escape(p) for p in sorted(preps, key=len, reverse=True))
                  + r")\s+([A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+){0,2})(?![\w'’-])")
    for m in rx.finditer(text):
        s, e = m.span(1)
        if st.overlaps(s, e) or st.is_blocked(s, e):
            continue
        c = city(m.group(1))
        if c is None or c.population < PREP_CITY_MIN_POPULATION or nfold(c.name) != nfold(m.group(1)):
            continue
        st.add(Cand("Place", s, e, m.group(1), iso3=st.lex.iso3_of_iso2(c.country), canonical=c.name,
                    source="gazetteer"))


def _headed_places(st: State) -> None:
    """"estadio Santiago Bernabéu", "Istana Bogor", "Jalan Pattimura 37": a pack's venue or street
    word (`place_heads`) before capitalised words makes a place of them, head and all."""
    heads = pack_words(st.lang, "place_heads")
    if not heads:
        return
    text = st.text
    rx = compiled(r"(?<![\w])(" + "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
                  + r")\s+([A-ZÀ-Ý][\w'’-]*(?:\s+[A-ZÀ-Ý][\w'’-]*){0,3})(?:\s+(\d{1,4}))?(?![\w'’-])")
    for m in rx.finditer(text):
        s, e = m.start(), m.end()
        if st.is_blocked(s, e) or st.overlaps(s, e, types={"Organization", "Person", "Country", "Agreement"}):
            continue
        for c in [c for c in st.cands if c.type == "Place" and s <= c.start and c.end <= e]:
            st.cands.remove(c)      # Santiago in "estadio Santiago Bernabéu"
        st.add(Cand("Place", s, e, text[s:e], canonical=text[s:e], source="pattern"))


def _place_suffixes(st: State) -> None:
    """"Jakarta Selatan", "Jakarta Utara": a pack's compass word (`place_suffixes`) after a city
    names another place, the city's part."""
    suffixes = pack_words(st.lang, "place_suffixes")
    if not suffixes:
        return
    rx = compiled(r"\s+(?:" + "|".join(re.escape(w) for w in sorted(suffixes, key=len, reverse=True)) + r")(?![\w])")
    for c in [c for c in st.cands if c.type == "Place"]:
        m = rx.match(st.text, c.end)
        if m and not st.overlaps(c.end, m.end()):
            c.end = m.end()
            c.text = st.text[c.start:c.end]
            c.canonical = c.text
