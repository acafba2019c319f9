"""Hostile-but-plausible articles: extraction must finish and stay well-formed.

A crash or a hang loses an article entirely, so every input here runs the whole
pipeline (read -> extract -> resolve) and checks structural invariants only:
mention offsets point into the body, meeting participants are entities of the
same extraction, dates are ISO prefixes, kinds come from the vocabulary. Speed
is probed outside the test suite (no timed asserts here); the inputs are sized
so that a quadratic or backtracking rule would make this file visibly slow.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from loaders.pipeline import extract_article
from loaders.read import parse_article

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
KINDS = {"talks", "visit", "conference", "call", "signing"}
TYPES = {"Person", "Organization", "Country", "Place", "Agreement"}


def _body(stem: str) -> str:
    text = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    return text.split("\n\n", 1)[1] if text.startswith("url:") else text


def _hdr(lang: str, body: str, published: str = "2024-05-06") -> str:
    return f"url: http://example.org/a\nlanguage: {lang}\npublished: {published}\ntitle: t\n\n{body}"


SOURCES = {"vi": "000_ee7ef832ed78b025", "en": "d03", "fr": "d13", "ko": "d16", "ja": "d19"}


def _long(lang: str, size: int = 60_000) -> str:
    paras = [p for p in _body(SOURCES[lang]).split("\n") if p.strip()]
    out, n, total = [], 0, 0
    while total < size:
        p = paras[n % len(paras)].replace("2017", str(2000 + n % 25)).replace("2023", str(2001 + n % 24))
        p = f"{p} ({n})"
        out.append(p)
        total += len(p) + 1
        n += 1
    return "\n".join(out)


def _cases() -> dict[str, str]:
    cases: dict[str, str] = {}
    for lang in SOURCES:
        b = _body(SOURCES[lang])
        cases[f"long60k-{lang}"] = _hdr(lang, _long(lang))
        cases[f"nopunct-{lang}"] = _hdr(lang, "".join(ch for ch in b if ch.isalnum() or ch.isspace()) * 3)
        cases[f"oneline-{lang}"] = _hdr(lang, " ".join(b.split("\n")) * 6)
        cases[f"html-{lang}"] = _hdr(lang, "<p>" + b.replace("\n", "</p>\n<p>&nbsp;") +
                                     "</p><script>var a=[1,2];if(a<b){x='\"'}</script>&amp;")
        cases[f"invisible-{lang}"] = _hdr(lang, b.replace(" ", "\u00a0", 40).replace("a", "a\u200b")
                                          .replace("\n", "\r\n").replace(". ", ".\t"))
        cases[f"unbalanced-{lang}"] = _hdr(lang, b.replace(".", '. ("« [').replace(",", ', ]"»)') + " 😀🚓🇻🇳" * 30)
        cases[f"table-{lang}"] = _hdr(lang, "\n".join(f"- {p}\n| {p[:40]} | {p[40:80]} | 1/2/3/4/5 |"
                                                     for p in b.split("\n")))
    en = _body("d03")
    cases["allcaps-en"] = _hdr("en", en.upper() * 3)
    cases["allcaps-en-raw"] = en.upper() * 3
    cases["mixed-scripts"] = _hdr("vi", "Bộ trưởng Tô Lâm 경찰청장 윤희근 国家公安委員会 委員長 谷公一 đã hội đàm với "
                                        "장관 in Hà Nội 東京で会談した. " * 150)
    cases["numbers-en"] = _hdr("en", "On 1/2/3/4/5 and 2024-2025-2026, 12.03.2024 1-2-2024 the 3rd 4th, "
                                     "10/08/2023/2024 May 5-6-7-8 2024 June 1st to 2nd to 3rd the minister met. " * 200)
    cases["numbers-vi"] = _hdr("vi", "ngày 1/2/3/4/5 và 2024-2025-2026, ngày 28-29/9/2024-2025 tháng 3-2019-2020 "
                                     "ngày 13 tháng 6 năm 2024 năm 2025 hội đàm " * 200)
    cases["numbers-ko"] = _hdr("ko", "2024년 5월 6일부터 7일 8일 9일 10월 11일~12일 2025년 회담 " * 300)
    cases["numbers-ja"] = _hdr("ja", "2024年5月6日から7日 8日 9日 10月11日～12日 2025年 会談 " * 300)
    cases["titles-vi"] = _hdr("vi", "Bộ trưởng " * 3000 + "Tô Lâm đã tiếp.")
    cases["titles-vi-org"] = _hdr("vi", "Thứ trưởng Bộ Công an Bộ Công an " * 1000 + "Lương Tam Quang.")
    cases["titles-en"] = _hdr("en", "Minister Deputy Minister Director General " * 2000 + "John Smith met.")
    cases["titles-fr"] = _hdr("fr", "le ministre le ministre de l'Intérieur " * 1500 + "Gérald Darmanin.")
    cases["titles-ko"] = _hdr("ko", "경찰청장 장관 차관 " * 3000 + "윤희근 접견.")
    cases["titles-ja"] = _hdr("ja", "大臣副大臣長官" * 3000 + "谷公一会見。")
    cases["the-500"] = _hdr("en", "The " * 500 + "Minister met.")
    cases["caps-run-en"] = _hdr("en", " ".join(f"Word{i % 7} Alpha Beta Gamma" for i in range(2000)) + ".")
    cases["caps-run-vi"] = _hdr("vi", " ".join("Nguyễn Văn Anh Bộ Trưởng Công An" for _ in range(1500)) + ".")
    cases["caps-run-fr"] = _hdr("fr", " ".join("Le Ministre De La Police Nationale Française" for _ in range(1000)) + ".")
    first = ["John", "Maria", "Nguyen", "Tran", "Kim", "Park", "Pierre", "Ahmed", "Li", "Tanaka"]
    last = ["Smith", "Van An", "Thi Lan", "Ji-ho", "Dupont", "Hassan", "Wei", "Hiroshi", "Brown", "Quoc Hung"]
    titles = ["Minister", "General", "Mr", "Director"]
    names = [f"{titles[i % 4]} {first[i % 10]} {last[(i * 7) % 10]}{i}" for i in range(300)]
    cases["names300-en"] = _hdr("en", "The meeting was attended by " + ", ".join(names) +
                                ". They held talks in Hanoi on May 5, 2024.")
    vnames = [f"Thiếu tướng {['Nguyễn', 'Trần', 'Lê', 'Phạm'][i % 4]} Văn {['An', 'Bình', 'Cường', 'Dũng'][i % 3]} "
              f"{chr(65 + i % 26)}" for i in range(300)]
    cases["names300-vi"] = _hdr("vi", "Tham dự hội nghị có " + ", ".join(vnames) + ". Hai bên đã hội đàm tại Hà Nội ngày 5/5/2024.")
    cases["names300-ko"] = _hdr("ko", "회의에는 " + ", ".join(f"{'김이박최'[i % 4]}{['민수', '지호', '현우'][i % 3]} 경찰청장"
                                                       for i in range(300)) + "이 참석해 회담했다.")
    cases["names300-ja"] = _hdr("ja", "会議には" + "、".join(f"{['山田', '田中', '佐藤'][i % 3]}{['太郎', '花子', '一郎'][i % 3]}大臣"
                                                       for i in range(300)) + "が出席し、会談した。")
    cases["names300-fr"] = _hdr("fr", "Ont participé " + ", ".join(f"le ministre {first[i % 10]} {last[i % 10]}"
                                                                for i in range(300)) + ". Ils se sont entretenus à Paris le 5 mai 2024.")
    cases["ru"] = _hdr("ru", "Министр внутренних дел России Владимир Колокольцев провёл переговоры с министром "
                             "общественной безопасности Вьетнама То Ламом в Ханое 5 мая 2024 года. Стороны "
                             "подписали соглашение о сотрудничестве. " * 40)
    cases["es"] = _hdr("es", "El ministro del Interior de España, Fernando Grande-Marlaska, se reunió con el director "
                             "de la Policía Nacional de Marruecos, Abdellatif Hammouchi, en Madrid el 5 de mayo de "
                             "2024. Ambos firmaron un acuerdo contra el terrorismo. " * 40)
    cases["ar"] = _hdr("ar", "التقى وزير الداخلية المغربي عبد الوافي لفتيت مع نظيره الفرنسي جيرالد دارمانان في الرباط "
                             "يوم 5 مايو 2024 لبحث التعاون الأمني ومكافحة الإرهاب. " * 40)
    cases["hi"] = _hdr("hi", "गृह मंत्री अमित शाह ने 5 मई 2024 को नई दिल्ली में वियतनाम के सार्वजनिक सुरक्षा मंत्री "
                             "तो लाम से मुलाकात की। " * 40)
    cases["ru-no-header"] = "Министр встретился с коллегой в Москве 12.03.2024 и обсудил сотрудничество. " * 100
    cases["thai"] = _hdr("th", "รัฐมนตรีว่าการกระทรวงมหาดไทยพบกับผู้บัญชาการตำรวจแห่งชาติเวียดนามที่กรุงฮานอย "
                               "เมื่อวันที่ 5 พฤษภาคม 2567 " * 60)
    cases["declared-xx"] = _hdr("xx", _body("000_ee7ef832ed78b025")[:2000] + _body("d16")[:500] +
                                _body("d19")[:500] + en[:2000])
    cases["giant-word"] = _hdr("en", "A" * 30000 + " met " + "B" * 30000 + ".")
    cases["giant-caps-words"] = _hdr("en", " ".join(["ABCDEF"] * 8000) + ".")
    cases["hyphens"] = _hdr("en", "-".join(["Ho-Chi-Minh"] * 3000) + ".")
    cases["abbrev-dots"] = _hdr("en", "Mr. " * 4000 + "Smith. U.S.A.U.S.A." * 800)
    cases["whitespace"] = _hdr("en", "Minister" + " " * 20000 + "Smith met" + "\t" * 10000 + "in Hanoi.")
    cases["newlines"] = _hdr("en", "Minister\n" * 8000 + "Smith met.")
    cases["quote-runs"] = _hdr("en", "Minister Smith met his counterpart. " * 3 + '"' * 5000 + "«»" * 3000 + "(" * 3000 + "met.")
    cases["elisions-fr"] = _hdr("fr", "l'l'l'd'd'qu'" * 3000 + " Darmanin a rencontré à Rabat.")
    cases["agreements-vi"] = _hdr("vi", "Hai bên ký kết Biên bản ghi nhớ về hợp tác phòng, chống tội phạm " * 500 +
                                  "giữa Bộ Công an Việt Nam và Bộ Nội vụ Campuchia.")
    cases["agreements-en"] = _hdr("en", "the two sides signed a Memorandum of Understanding on Cooperation in "
                                        "Combating Transnational Crime and " * 500 + "Cybercrime.")
    cases["agreements-fr"] = _hdr("fr", "les deux parties ont signé un protocole d'accord de coopération en matière "
                                        "de lutte contre le terrorisme et " * 500 + "la criminalité.")
    cases["no-spaces-ko"] = _hdr("ko", "베트남공안부장관토럼은한국경찰청장윤희근을접견하고" * 1500 + "했다.")
    cases["no-stops-ja"] = _hdr("ja", "ベトナム公安省のトー・ラム大臣は日本の谷公一国家公安委員長と会談し" * 1500)
    cases["katakana-run"] = _hdr("ja", "・".join(["トー", "ラム"] * 5000) + "大臣と会談した。")
    cases["hangul-run"] = _hdr("ko", " ".join(["김민수"] * 5000) + " 장관과 회담했다.")
    cases["org-run-en"] = _hdr("en", "Ministry of " + " and ".join(["Public Security"] * 3000) + " of Vietnam.")
    cases["org-run-vi"] = _hdr("vi", "Bộ " + " và ".join(["Công an"] * 3000) + " Việt Nam.")
    cases["org-run-ko"] = _hdr("ko", "베트남 " + "공안부" * 3000 + " 장관.")
    cases["org-run-ja"] = _hdr("ja", "ラオス" + "公安省" * 3000 + "大臣。")
    # hundreds of distinct people, each pair meeting: per-person work must not be quadratic
    def nm(i):
        return "".join("ABCDEFGHIKLMNOPRSTUVWXYZ"[(i // 24 ** k) % 24] + "a" for k in range(3))
    cases["many-meetings-en"] = _hdr("en", " ".join(f"Minister John {nm(i)}son held talks with General Park {nm(i + 7)}ho "
                                                  f"in Hanoi on May {i % 28 + 1}, 2024." for i in range(300)))
    cases["many-meetings-vi"] = _hdr("vi", " ".join(f"Bộ trưởng Nguyễn Văn {nm(i)} đã hội đàm với Thứ trưởng Trần Thị "
                                                  f"{nm(i + 5)} tại Hà Nội ngày {i % 28 + 1}/5/2024." for i in range(300)))
    cases["many-meetings-fr"] = _hdr("fr", " ".join(f"Le ministre Jean {nm(i)}ier s'est entretenu avec le général Paul "
                                                  f"{nm(i + 3)}eau à Paris le {i % 28 + 1} mai 2024." for i in range(300)))
    cases["many-meetings-ko"] = _hdr("ko", " ".join(f"윤희근 경찰청장은 {i % 28 + 1}일 서울에서 필리핀 경찰청장과 회담했다."
                                                  for i in range(600)))
    cases["urls"] = _hdr("en", " ".join(["https://example.com/a/b?d=e&f=g#h"] * 3000) + " Minister Smith met.")
    return cases


CASES = _cases()


def check_extraction(body: str, ex) -> None:
    n_sent = len(ex.sentences)
    for s in ex.sentences:
        assert 0 <= s.start <= s.end <= len(body)
    names = set()
    for e in ex.entities:
        assert e.type in TYPES, e.type
        assert e.name and e.name.strip(), e
        names.add(e.name)
        for m in e.mentions:
            assert 0 <= m.start < m.end <= len(body), (e.name, m)
            assert body[m.start:m.end] == m.text, (e.name, m.text, body[m.start:m.end])
            if n_sent:
                assert 0 <= m.sentence < n_sent, (e.name, m)
                s = ex.sentences[m.sentence]
                assert s.start <= m.start and m.end <= s.end, (e.name, m, s.start, s.end)
    people_orgs = {e.name for e in ex.entities if e.type in ("Person", "Organization")}
    for mt in ex.meetings:
        assert mt.kind in KINDS, mt.kind
        for p in mt.participants:
            assert p.entity in people_orgs, (p.entity, sorted(people_orgs)[:20])
        for d in (mt.date, mt.end_date):
            assert d is None or DATE.match(d), d
        for i in mt.sentences:
            assert 0 <= i < n_sent, (i, n_sent)


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input_extracts_cleanly(name):
    art = parse_article(CASES[name], name=name)
    ex = extract_article(art)
    check_extraction(art.body, ex)
    # a component that failed is reported, never silent: none should fail on these
    assert not ex.warnings, ex.warnings


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_corpus_provenance(path):
    """Every mention of every corpus article points at its text and lies in its sentence."""
    from loaders.read import read_article

    art = read_article(path)
    check_extraction(art.body, extract_article(art))
