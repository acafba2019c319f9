"""Agencies: gazetteer names, the rule sets' agency shapes, acronyms, and the keys that tell two names
of one agency apart from two agencies."""

from __future__ import annotations

import functools
import re

from .languages import LINGUA_FRANCA, pack_words, supported
from .lexicon import Lexicon, _usable_foreign_form, compiled, fold, is_cjk, unruled
from .state import Cand, EN_STOP_START, KO_STOP, State, _cap, _cap_run, _connectors, _country_in, _words


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


# Words naming a person's office: a complement stops there ("Ministry of Defence Minister X").
EN_PERSON_NOUNS = {"Minister", "Director", "President", "Chief", "Commissioner", "Secretary", "Deputy", "Vice",
                   "Head", "Chairman", "Chairwoman", "Chair", "Ambassador", "Spokesman", "Spokesperson", "Governor"}


# Modifiers that make no name on their own ("Standing Committee", "Executive Council").
EN_GENERIC_MODIFIERS = {"Standing", "Permanent", "Executive", "Central", "Joint", "Steering", "Organising",
                        "Organizing", "Preparatory", "Working", "Advisory", "Coordinating", "Special", "Technical",
                        "Relevant", "Competent", "Main", "Sub", "Senior", "Provincial", "Local", "Regional"}


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
    # words that are a title or rank of their own ("Minister", "General"), not only a part of one
    # ("National" of "National Police Chief"): these stop an agency name's left modifiers
    lone_titles = {t for t in lex.titles.get(lang, set()) | lex.ranks.get(lang, set()) if " " not in t} | EN_PERSON_NOUNS
    # title words of English too: a pack's agency name stops at "Commisaris General"
    foreign = {w for t in lex.titles.get(LINGUA_FRANCA, set()) | lex.ranks.get(LINGUA_FRANCA, set()) for w in t.split()}
    text = st.text
    words = _words(text)
    n = len(words)
    i = 0
    used_until = -1
    phrases = _multiword_heads(lang, frozenset(heads))
    not_names = set(pack_words(st.lang, "not_names"))
    for i in range(n):
        s, e, w = words[i]
        if s < used_until:
            continue
        # a head of several words ("Dirección General", "Satuan Tugas", "Министерство внутренних дел")
        span = _head_phrase_end(text, words, i, phrases.get(w, ()))
        if w not in heads and span is None:
            continue
        if st.overlaps(s, e, types={"Organization"}) or st.is_blocked(s, e):
            continue
        # left modifiers: capitalised, adjacent, not titles
        j = i
        while j > 0:
            ps, pe, pw = words[j - 1]
            gap = text[pe:words[j][0]]
            if gap not in (" ",) or not (_cap(pw) or pw.isupper()) or pw in EN_STOP_START or pw in lone_titles:
                break
            if pw in titles and st.title_end_at(ps) is not None:
                break
            if st.is_blocked(ps, pe) or pw in not_names:
                break
            # an agency just found ends there ("Departemen ... Narkotika | Kementerian ...")
            if any(c.type == "Organization" and c.source == "pattern" and c.start <= ps < c.end
                                 for c in st.cands):
                break
            j -= 1
        # right: further heads / caps, then one complement "of|on|for [the] Caps (and Caps)"
        k = i if span is None else span
        while k + 1 < n and text[words[k][1]:words[k + 1][0]] == " " and (words[k + 1][2] in heads):
            k += 1
        if st.pack.get("modifier_order", "after") == "after":
            # "Policía Nacional", "Kementerian Dalam Negeri Republik Kazakhstan": the complement
            # is the capitalised words right after the head, without a connector
            head_end = k
            while k + 1 < n and text[words[k][1]:words[k + 1][0]] == " " and _cap(words[k + 1][2]) \
                    and words[k + 1][2] not in titles and words[k + 1][2] not in foreign \
                    and st.title_end_at(words[k + 1][0]) is None \
                    and not st.overlaps(words[k + 1][0], words[k + 1][1], types={"Person"}):
                # another head after a complement starts the body it belongs to ("Departemen
                # Penanggulangan Narkotika | Kementerian Dalam Negeri"), not more of this name
                if k > head_end and (words[k + 1][2] in heads or _head_phrase_end(text, words, k + 1, phrases.get(words[k + 1][2], ())) is not None):
                    break
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
    _org_country_tails(st)
    _lowercase_agencies(st)


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
        # a city's agency, the city written before it (울란바토르시 경찰청, 부산 경찰청)
        if not m.group("c"):
            city_m = re.search(r"(?:시|도)?\s?$", text[max(0, s - 3):s])
            place = st.ending_at(s - len(city_m.group(0)), types={"Place"}) if city_m else None
            if place is not None and re.fullmatch(r"(?:시|도)?\s?", text[place.end:s]):
                s = place.start
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
    matches = list(ACR_RE.finditer(text))
    if st.pack.script == "cyrillic":
        matches = sorted(matches + list(CYR_ACR_RE.finditer(text)), key=lambda m: m.start())
    country_abbr = pack_words(st.lang, "country_abbreviations")
    for m in matches:
        s, e = m.span()
        a = m.group(0)
        uppers = sum(ch.isupper() for ch in a)
        if uppers < 2 or uppers < len(a.rstrip("+0123456789")) - 2 or len(a) > 12:
            continue
        if a in lex.acronym_stop or a in lex.credits or st.is_blocked(s, e):
            continue
        if ROMAN_RE.fullmatch(a) or a in country_abbr:
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
    # "BNN RI", "КНБ РК": a country's abbreviation after an agency is part of its name
    if country_abbr:
        tail = compiled(r" (?:" + "|".join(re.escape(a) for a in sorted(country_abbr, key=len, reverse=True)) + r")(?![\w])")
        for c in st.cands:
            m = tail.match(text, c.end) if c.type == "Organization" else None
            if m and not st.overlaps(c.end, m.end(), types={"Organization", "Person"}):
                c.end = m.end()
                c.text = text[c.start:c.end]
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
    generic = set(pack_words(st.lang, "org_generic"))
    for m in rx.finditer(st.text):
        s = m.start("c") if m.group("c") else m.start("o")
        e = m.end("o")
        if not m.group("c") and m.group("o") in generic:
            continue        # 警方 alone: "the police" of whichever side, no agency named
        if st.is_blocked(s, e) or any(c.type == "Organization" and c.start <= s and e <= c.end for c in st.cands):
            continue
        iso = cforms.get(m.group("c")) if m.group("c") else home.get(m.group("o"))
        for c in [c for c in st.cands if c.type in ("Organization", "Country") and s <= c.start and c.end <= e]:
            if c.type == "Organization":
                st.cands.remove(c)
        st.add(Cand("Organization", s, e, st.text[s:e], iso3=iso, source="pattern"))
    # 国土安全部 after 美国国土安全部: the one body of that name the article gives with its country
    found = [c for c in st.cands if c.type == "Organization" and c.alias_of is None]
    for c in found:
        if c.iso3 is not None or c.source != "pattern":
            continue
        full = {o.iso3: o for o in found if o is not c and o.iso3 and o.text.endswith(c.text) and len(o.text) > len(c.text)}
        if len(full) == 1:
            c.alias_of = next(iter(full.values()))


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
    # written glued after a title or a pack's glue word (คณะตำรวจไทย, ผู้บังคับการตำรวจภูธรจังหวัด...)
    glue = tuple(pack_words(st.lang, "org_glued_after")) + tuple(st.lex.titles.get(st.lang, ()))
    grx = compiled(r"(?:" + head + r")[" + chars + r"]*" + join) if glue else None
    found = list(rx.finditer(st.text))
    if grx is not None:
        found += [m for m in grx.finditer(st.text) if m.start() > 0 and st.text[:m.start()].endswith(glue)]
    unit = compiled(r" \d{1,3}(?=[ /,.)]|$)")
    for m in sorted(found, key=lambda m: (m.start(), -m.end())):
        s, e = m.span()
        # a numbered unit: ตำรวจภูธรภาค 9 (a complement before the number, not "ตำรวจ 25 นาย")
        u = unit.match(st.text, e)
        if u and re.match(head, st.text[s:e]) and len(st.text[s:e]) > len(re.match(head, st.text[s:e]).group(0)):
            e = u.end()
        if e - s < 4 or st.is_blocked(s, e) or any(c.type == "Organization" and c.start <= s and e <= c.end
                                                     for c in st.cands):
            continue
        for c in [c for c in st.cands if c.type == "Organization" and s <= c.start and c.end <= e]:
            st.cands.remove(c)
        st.add(Cand("Organization", s, e, st.text[s:e], iso3=_country_in(st, s, e), source="pattern"))
    _glued_places(st, chars)


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
        if o is None or o.alias_of is not None:
            continue
        if not re.match(r"\s*\)", st.text[o.end:o.end + 3]):
            # "สำนักงาน... (National Narcotics Control Commission: NNCC)": the name in another
            # language, then its acronym, is the same body
            if c.org_id and o.org_id and c.org_id != o.org_id or \
                    not re.match(r"\s*[:：,，]\s*[^\s()]{2,12}\s*\)", st.text[o.end:o.end + 20]):
                continue
            # after a chain ("สำนักงานปราบปรามยาเสพติด กระทรวงยุติธรรม แห่งสหรัฐอเมริกา"), the first named
            while True:
                b = st.ending_at(c.start - 1, types={"Organization"}) if st.text[c.start - 1:c.start] == " " else None
                if b is None or b.alias_of is not None:
                    break
                c = b
            c.org_id = c.org_id or o.org_id
            if o.iso3 and not o.iso_guess and (c.iso3 is None or c.iso_guess):
                c.iso3, c.iso_guess = o.iso3, False
            o.alias_of = c
            continue
        if o.org_id and not c.org_id:
            c.org_id = o.org_id
        if o.iso3 and not o.iso_guess and (c.iso3 is None or c.iso_guess):
            c.iso3, c.iso_guess = o.iso3, False
    roots: list[tuple[Cand, set]] = []
    for c in orgs:
        if c.alias_of is not None:
            continue
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


@functools.lru_cache(maxsize=64)
def _multiword_heads(lang: str, heads: frozenset) -> dict:
    """Heads of several words by their first word, longest first (cached per language)."""
    out: dict = {}
    for h in sorted((h for h in heads if " " in h), key=lambda h: -len(h.split())):
        ws = tuple(h.split())
        out.setdefault(ws[0], []).append(ws)
    return {k: tuple(v) for k, v in out.items()}


def _head_phrase_end(text: str, words: list, i: int, phrases: tuple) -> int | None:
    """Index of the last word of the longest head phrase starting at word i (one space apart), else None."""
    for ws in phrases:
        k = i + len(ws) - 1
        if k < len(words) and all(words[i + x][2] == ws[x] for x in range(len(ws))) \
                and all(text[words[x][1]:words[x + 1][0]] == " " for x in range(i, k)):
            return k
    return None


# "the justice ministry", "Germany's interior ministry": a ministry named in lower case by its field
def _lowercase_agencies(st: State) -> None:
    """"the justice ministry", "Germany's interior ministry": a ministry named in lower case by its
    field (the pack's `lowercase_agency` pattern, group 1 the name, its first words the field)."""
    rx = st.pack.pattern("lowercase_agency")
    if rx is None:
        return
    for m in rx.finditer(st.text):
        s, e = m.span(1)
        if st.overlaps(s, e) or st.is_blocked(s, e) or st.inside_title(s):
            continue
        # its country: an adjective or possessive right before ("Swiss", "Germany's")
        before = st.ending_at(s - 1, types={"Country"}) if st.text[s - 1:s] == " " else None
        if before is None:
            poss = re.search(r"[’']s\s$", st.text[max(0, s - 3):s])
            before = st.ending_at(s - len(poss.group(0)), types={"Country"}) if poss else None
        iso = before.iso3 if before else None
        if iso is None:
            # else the country of the article's minister of that field ("the Swiss justice minister")
            field = m.group(1).rsplit(" ", 1)[0].lower()
            isos = {c.iso3 for ts, te, t in st.titles if t.lower().startswith(field + " ")
                    for c in [st.ending_at(ts - 1, types={"Country"})] if c is not None and c.iso3}
            iso = isos.pop() if len(isos) == 1 else None
        st.add(Cand("Organization", s, e, m.group(1), iso3=iso, source="pattern"))


def _org_country_tails(st: State) -> None:
    """"Policía Nacional de España", "Dirección General de Seguridad Nacional de Marruecos": a pack's
    agency name goes on over its country joined by `org_country_connectors`."""
    joiners = pack_words(st.lang, "org_country_connectors")
    if not joiners:
        return
    rx = compiled(r"\s+(?:" + "|".join(re.escape(w) for w in sorted(joiners, key=len, reverse=True)) + r")\s+")
    for c in [c for c in st.cands if c.type == "Organization" and c.alias_of is None]:
        m = rx.match(st.text, c.end)
        country = st.starting_at(m.end(), types={"Country"}) if m else None
        if country is None or st.overlaps(c.end, country.end, types={"Organization", "Person"}) not in (None, c):
            continue
        if c.iso3 and country.iso3 and c.iso3 != country.iso3:
            c.org_id = None         # a known body's name worn by another country's agency
            c.iso3 = None
        c.end = country.end
        c.text = st.text[c.start:c.end]
        c.iso3 = c.iso3 or country.iso3


# Acronyms of a pack written in Cyrillic (МВД, ШОС, КНБ)
CYR_ACR_RE = re.compile(r"(?<![\w])([А-ЯЁ]{2,}(?:\+\d)?)(?![\w])")


# Roman numerals (the XXIII Conference, Phase II) are no acronyms
ROMAN_RE = re.compile(r"(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


def _glued_places(st: State, chars: str) -> None:
    """A prefixed pack's place word written on the name at a word's start (รัฐปะหัง, เมืองกวางโจว):
    a place, word and all, unless it is part of an agency or a title (รัฐบาล, รัฐมนตรี)."""
    heads = pack_words(st.lang, "place_heads")
    if not heads:
        return
    rx = compiled(r"(?<![" + chars + r"])(?:" + "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
                  + r")[" + chars + r"]{2,25}(?![" + chars + r"])")
    for m in rx.finditer(st.text):
        s, e = m.span()
        if st.is_blocked(s, e) or st.overlaps(s, e, types={"Organization", "Person", "Country", "Agreement"}) \
                or st.inside_title(s) or st.title_end_at(s) is not None:
            continue
        for c in [c for c in st.cands if c.type == "Place" and s <= c.start and c.end <= e]:
            st.cands.remove(c)
        st.add(Cand("Place", s, e, m.group(0), canonical=m.group(0), source="pattern"))
