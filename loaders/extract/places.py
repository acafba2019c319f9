"""Countries, places and datelines from the gazetteers."""

from __future__ import annotations

import re

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
