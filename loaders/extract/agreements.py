"""Agreements, memoranda, mechanisms and their status (signed, proposed, implemented)."""

from __future__ import annotations

import functools
import re

from .languages import LINGUA_FRANCA, pack, pack_words
from .lexicon import compiled, fold, is_cjk
from .state import Cand, KO_PARTICLE_END, KO_STOP, Sent, State, _cap


def find_agreements(st: State) -> None:
    lex = st.lex
    text = st.text
    heads = lex.agreement_heads.get(st.lang, [])
    if not heads:
        return
    alt = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    if st.pack.rules in ("hangul", "kana"):
        _agreements_cjk(st, alt)
        _agreement_acronyms(st)
        _shortened_agreements(st)
        return
    if st.pack.rules == "han":
        _agreements_han(st, alt)
        return
    pack_stops = st.pack.words("agreement_stops")
    end_rx = st.pack.pattern("agreement_end")
    if end_rx is None and pack_stops:
        # a stop word before a year does not end the name: a plan's period ("планы работ на 2024 год")
        end_rx = compiled(r"[;.:!?()]|,|\s(?:" + "|".join(re.escape(w) for w in pack_stops) + r")(?:\s(?!\d{4}(?!\d))|$)")
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
        if _anaphoric_agreement(st, pre_word, left, s, e, m.group(0)):
            continue
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
    # or written in the brackets right after a mention of one: 協力覚書(Memorandum of Cooperation, MOC)
    every = [a for a in st.cands if a.type == "Agreement"]
    heads = st.lex.agreement_heads.get(st.lang, [])
    head_end = compiled(r"(?:" + "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True)) + r")\s*$") \
        if heads else None
    for c in [c for c in st.cands if c.type == "Organization" and c.source == "acronym"]:
        a = next((a for a in every if 0 <= c.start - a.end <= 90 and re.fullmatch(
            r"\s*[(（](?:[^()（）]*[,，、]\s*)?", st.text[a.end:c.start])), None)
        if a is None and head_end is not None:
            # the agreement word itself, where no name was taken (a generic one): the agreement of that word
            br = re.search(r"[(（](?:[^()（）]{0,80}[,，、]\s*)?$", st.text[max(0, c.start - 90):c.start])
            hm = head_end.search(st.text, max(0, c.start - len(br.group(0)) - 30), c.start - len(br.group(0))) if br else None
            same = [x for x in every if x.alias_of is None and hm and fold(hm.group(0).strip()) in fold(x.text)]
            a = _closest_agreement(same, hm.group(0).strip()) if same else None
        root = c.root
        if a is None or root.type != "Organization" or len(c.text) < 3:
            continue
        for o in [o for o in st.cands if o.type == "Organization" and (o is root or o.root is root)]:
            o.type = "Agreement"
            o.status = a.root.status
            if o is root:
                o.alias_of = a.root


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
        # a document's subject is part of its name: 关于打击犯罪的合作安排书
        about = HAN_ABOUT.search(text, max(0, s - 40), s)
        if about and about.end() == s:
            s = about.start()
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
CJK_COOP_PREFIX = ("협력", "協力", "상호", "양자", "二国間", "다자", "多国間")


def _add_cjk_agreement(st: State, s: int, e: int, name: str, alt: str) -> None:
    sent = next((x for x in st.sents if x.start <= s < x.end), None)
    hm = re.search(r"(?:" + alt + r")$", name)
    status = _status(st, s, sent, (e - len(hm.group(0)), e) if hm else (s, e))
    bare = name.replace(" ", "")
    for p in CJK_DEMONSTRATIVES:
        if bare.startswith(p) and re.fullmatch(alt, bare[len(p):]):
            bare = bare[len(p):]
            break
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


def _anaphoric_agreement(st: State, pre_word, left: int, s: int, e: int, head: str) -> bool:
    """A pack's demonstrative before the agreement word ("Este tratado", "dieses Abkommen") points
    back to the agreement named before: the mention is its alias, and its clause no part of a name.
    With none named before, it names nothing the article gives (True: skip it as well)."""
    if pre_word is None or pre_word.group(1).lower() not in _pack_anaphors(st.lang):
        return False
    prevs = [c for c in st.cands if c.type == "Agreement" and c.start < s and c.alias_of is None]
    if not prevs:
        return True
    start = max(0, left - 12) + pre_word.start(1)
    a = st.add(Cand("Agreement", start, e, st.text[start:e], source="alias"))
    if a:
        a.alias_of = _closest_agreement(prevs, head)
    return True


@functools.lru_cache(maxsize=None)
def _pack_anaphors(lang: str) -> frozenset:
    return frozenset(w.lower() for w in pack_words(lang, "agreement_anaphors"))


HAN_ABOUT = re.compile(r"关于[^，。、；：（）《》「」“”,.;:() ]{1,30}的")


# Words written on an agreement word that point back to one already named (本覚書, 同協定, 当該覚書)
CJK_DEMONSTRATIVES = ("当該", "本", "同", "該", "동", "해당")
