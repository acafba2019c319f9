"""Extraction on unseen-style cooperation news, written for these tests.

Snippets imitate how police / interior-ministry cooperation is reported in
each language (other countries, other people than the development articles):
receptions, talks, phone calls, signings, multilateral conferences. They check
behaviour that must carry to new articles: meeting kind, participants and
their host / guest roles, dates (ranges, weekdays, day-only), places, titles
kept out of names, agreement boundaries.
"""

from __future__ import annotations

import pytest

from loaders.extract.dates import find_dates

from .snippets import of_type, run


names = of_type


def roles(m):
    return {p.entity: p.role for p in m.participants}


# ---------------------------------------------------------------- English
def test_en_courtesy_call_dateline_weekday():
    ex = run("KUALA LUMPUR: Thailand's national police chief Police General Kittharath Punpetch paid a courtesy call "
             "on Inspector-General of Police Tan Sri Razarudin Husain at Bukit Aman on Monday. "
             "During the visit, both sides discussed cross-border crime, drug trafficking and human trafficking.",
             "en", "2025-02-14")
    assert "KUALA" not in names(ex, "Organization") and "LUMPUR" not in names(ex, "Organization")
    assert "Kuala Lumpur" in names(ex, "Place")
    [m] = ex.meetings
    assert m.kind == "visit"
    assert m.date == "2025-02-10"            # the Monday before publication
    assert m.place.startswith("Kuala Lumpur")
    assert {"Kittharath Punpetch", "Razarudin Husain"} <= {p.entity for p in m.participants}
    assert "Malaysia" in m.countries


def test_en_rank_not_in_name():
    ex = run("Korean National Police Agency Commissioner General Yoon Hee-keun and Philippine National Police chief "
             "General Benjamin Acorda Jr. signed a memorandum of understanding at Camp Crame on Wednesday.",
             "en", "2023-10-12")
    people = names(ex, "Person")
    assert "Yoon Hee-keun" in people and "General Yoon Hee-keun" not in people
    [m] = ex.meetings
    assert m.kind == "signing"
    assert m.date == "2023-10-11"


def test_en_phone_call_and_country_of_title():
    ex = run("Minister of Public Security General Luong Tam Quang held a phone call with Chinese Minister of Public "
             "Security Wang Xiaohong on June 4. The two ministers discussed cooperation against telecom fraud.",
             "en", "2024-06-05")
    [m] = ex.meetings
    assert m.kind == "call" and m.date == "2024-06-04"
    assert names(ex, "Person")["Wang Xiaohong"].affiliation == "China"


def test_en_general_assembly_range_and_pronoun():
    ex = run("Deputy Minister of Public Security Senior Lieutenant General Le Quoc Hung led a delegation to the 91st "
             "Interpol General Assembly in Vienna, Austria from 28 to 30 November 2023. "
             "On the sidelines, he held bilateral talks with Interpol Secretary General Jurgen Stock.", "en", "2023-12")
    assert "Assembly" not in names(ex, "Person")
    kinds = {m.kind for m in ex.meetings}
    assert {"conference", "talks"} <= kinds
    conf = next(m for m in ex.meetings if m.kind == "conference")
    assert (conf.date, conf.end_date) == ("2023-11-28", "2023-11-30")
    talks = next(m for m in ex.meetings if m.kind == "talks")
    assert {"Le Quoc Hung", "Jurgen Stock"} <= {p.entity for p in talks.participants}


def test_en_numbered_conference_without_meeting_verb():
    ex = run("The 44th ASEAN Chiefs of Police Conference opened in Vientiane, Laos, on September 9, 2024. "
             "Lao Minister of Public Security Vilay Lakhamfong delivered the opening speech.", "en", "2024-09-10")
    [m] = ex.meetings
    assert m.kind == "conference" and m.date == "2024-09-09"
    assert m.place == "Vientiane, Laos"
    assert "Vilay Lakhamfong" in {p.entity for p in m.participants}


def test_en_agreement_boundaries():
    ex = run("The Royal Thai Police signed a memorandum of understanding with the Cambodian National Police. "
             "The agreement would speed up the return of fugitives.", "en", "2024-01-10")
    agr = names(ex, "Agreement")
    assert not any("would" in a for a in agr)
    ex = run("Talks were held within the framework of the annual dialogue.", "en", "2024-01-10")
    assert not any(a.startswith("framework") for a in names(ex, "Agreement"))


def test_en_later_conference_mention_does_not_change_kind():
    ex = run("Police chief Jane Doe met Commissioner John Roe in Canberra on 3 May 2024. "
             "They also prepared the regional conference to be held later this year.", "en", "2024-05-04")
    [m] = ex.meetings
    assert m.kind == "talks"


# ---------------------------------------------------------------- French
def test_fr_reception_host_guest_weekday():
    ex = run("Le ministre de l'Intérieur Gérald Darmanin a reçu mardi à Paris son homologue allemande Nancy Faeser. "
             "Les deux ministres ont évoqué la lutte contre le terrorisme.", "fr", "2024-03-20")
    [m] = ex.meetings
    assert m.kind == "visit" and m.date == "2024-03-19"
    assert roles(m) == {"Gérald Darmanin": "host", "Nancy Faeser": "guest"}
    assert "Mardi" not in names(ex, "Person")


def test_fr_phone_call():
    ex = run("Le ministre marocain de l'Intérieur Abdelouafi Laftit s'est entretenu par téléphone le 9 janvier avec "
             "son homologue espagnol Fernando Grande-Marlaska.", "fr", "2024-01-10")
    [m] = ex.meetings
    assert m.kind == "call" and m.date == "2024-01-09"
    assert set(m.countries) == {"Morocco", "Spain"}


def test_fr_weekday_is_not_a_person():
    ex = run("Lundi, le directeur général Jean Dupont a rencontré le commissaire Paul Martin à Rabat.", "fr", "2024-04-23")
    assert "Lundi" not in names(ex, "Person")


# ---------------------------------------------------------------- Vietnamese
def test_vi_reception_titles_after_name_and_roles():
    ex = run("Chiều 14/8, tại Hà Nội, Thượng tướng Lương Tam Quang, Bộ trưởng Bộ Công an đã tiếp Đại tướng Vilay "
             "Lakhamphong, Bộ trưởng Bộ An ninh Lào đang thăm và làm việc tại Việt Nam. "
             "Hai bên nhất trí tăng cường hợp tác phòng, chống tội phạm ma túy.", "vi", "2024-08-15")
    people = names(ex, "Person")
    assert "đã tiếp" not in (people["Vilay Lakhamphong"].title or "")
    assert people["Vilay Lakhamphong"].affiliation == "Bộ An ninh Lào"
    [m] = ex.meetings
    assert m.kind == "visit" and m.date == "2024-08-14"
    assert roles(m) == {"Lương Tam Quang": "host", "Vilay Lakhamphong": "guest"}
    assert set(m.countries) == {"Vietnam", "Laos"}


def test_vi_title_word_is_not_a_signing_and_continue_is_not_a_reception():
    ex = run("Ngày 3/5, Chủ tịch nước tiếp Tổng Thư ký ASEAN, ông Kao Kim Hourn. "
             "Hai bên nhất trí tiếp tục hợp tác.", "vi", "2024-05-04")
    assert ex.meetings and ex.meetings[0].kind == "visit"


def test_vi_call_and_online_fraud():
    ex = run("Sáng 5/3, Bộ trưởng Bộ Công an Tô Lâm đã điện đàm với Bộ trưởng Bộ Công an Trung Quốc Vương Tiểu Hồng. "
             "Hai bên thống nhất đẩy mạnh phòng, chống lừa đảo trực tuyến.", "vi", "2024-03-06")
    [m] = ex.meetings
    assert m.kind == "call" and m.date == "2024-03-05"
    ex = run("Ngày 5/3, Thứ trưởng Nguyễn Văn A hội đàm với Đại sứ Nhật Bản Ito Naoki về phòng, chống lừa đảo trực tuyến.",
             "vi", "2024-03-06")
    assert ex.meetings and ex.meetings[0].kind == "talks"


def test_vi_conference_attendance():
    ex = run("Từ ngày 21 đến 23/10, Hội nghị Bộ trưởng ASEAN về phòng chống tội phạm xuyên quốc gia lần thứ 18 (AMMTC 18) "
             "đã diễn ra tại Viêng Chăn, Lào. Thứ trưởng Bộ Công an Phạm Thế Tùng dẫn đầu đoàn Việt Nam tham dự.",
             "vi", "2024-10-24")
    [m] = ex.meetings
    assert m.kind == "conference"
    assert (m.date, m.end_date) == ("2024-10-21", "2024-10-23")
    assert "Phạm Thế Tùng" in {p.entity for p in m.participants}


# ---------------------------------------------------------------- Korean
def test_ko_foreign_name_after_title_and_roles():
    ex = run("조지호 경찰청장은 지난 20일 서울 서대문구 경찰청에서 베트남 공안부 차관 르엉 땀 꽝 일행을 접견하고 "
             "마약 범죄 대응 협력 방안을 논의했다.", "ko", "2024-05-22")
    people = names(ex, "Person")
    assert "르엉 땀 꽝" in people
    assert people["르엉 땀 꽝"].affiliation == "베트남 공안부"
    [m] = ex.meetings
    assert m.kind == "visit" and m.date == "2024-05-20"
    assert roles(m)["조지호"] == "host" and roles(m)["르엉 땀 꽝"] == "guest"


def test_ko_phone_scam_is_not_a_call_and_agreement_boundary():
    ex = run("경찰청은 2일 인도네시아 국가경찰청과 치안협력 양해각서를 체결했다고 밝혔다. 전화금융사기 대응도 포함됐다.",
             "ko", "2024-07-03")
    assert ex.meetings and ex.meetings[0].kind == "signing"
    assert "치안협력 양해각서" in names(ex, "Agreement")


# ---------------------------------------------------------------- Japanese
def test_ja_compound_minister_title():
    ex = run("松本剛明総務大臣は9日、ベトナムのトー・ラム公安大臣と電話会談を行った。", "ja", "2024-04-10")
    people = names(ex, "Person")
    assert "松本剛明" in people and people["松本剛明"].title == "総務大臣"
    [m] = ex.meetings
    assert m.kind == "call" and m.date == "2024-04-09"
    assert {"松本剛明", "トー・ラム"} <= {p.entity for p in m.participants}


def test_ja_talks_affiliations():
    ex = run("露木康浩警察庁長官は15日、東京都千代田区の警察庁で、インドネシア国家警察のリスティヨ・シギット・プラボウォ長官と会談した。",
             "ja", "2024-02-16")
    [m] = ex.meetings
    assert m.kind == "talks" and m.date == "2024-02-15"
    assert set(m.countries) == {"Japan", "Indonesia"}


# ---------------------------------------------------------------- dates
def test_date_forms_in_all_languages():
    def one(t, lang, pub):
        d = find_dates(t, lang, pub)[0]
        return d.date, d.end_date
    assert one("from 28 to 30 November 2023", "en", "2023-12") == ("2023-11-28", "2023-11-30")
    assert one("November 28 to 30", "en", "2023-12-01") == ("2023-11-28", "2023-11-30")
    assert one("on Monday", "en", "2025-02-14") == ("2025-02-10", None)
    assert one("les 4 et 5 novembre", "fr", "2024-11-08") == ("2024-11-04", "2024-11-05")
    assert one("từ 28/9 đến 2/10", "vi", "2024-10-05") == ("2024-09-28", "2024-10-02")
    assert one("지난 28일", "ko", "2024-03-02") == ("2024-02-28", None)   # previous month
    assert one("15日", "ja", "2024-02-16") == ("2024-02-15", None)
    # weekday without the day of publication gives no day
    assert find_dates("on Monday", "en", "2025-02") == []


def test_a_conference_told_by_its_countries_takes_its_participants_from_later_sentences():
    text = ("On 3 May 2024, Brazil, Argentina, Chile, Uruguay and Paraguay held a ministerial conference on border "
            "security in Asunción. Interpol and the United Nations Office on Drugs and Crime also took part in the "
            "conference.")
    ex = run(text, "en", "2024-05-04")
    [meeting] = ex.meetings
    assert (meeting.kind, meeting.date) == ("conference", "2024-05-03")
    assert {"Brazil", "Argentina", "Chile", "Uruguay", "Paraguay"} <= set(meeting.countries)
    assert {"Interpol", "United Nations Office on Drugs and Crime"} <= {p.entity for p in meeting.participants}
    assert meeting.place.startswith("Asunción")


def test_countries_and_a_conference_word_alone_make_no_meeting():
    text = "Brazil, Argentina, Chile and Uruguay will hold a conference on border security next year."
    ex = run(text, "en", "2024-05-04")
    assert not ex.meetings


# A trip, then its encounters one after another, each with its own counterpart: the
# counterpart stands before the meeting word in Korean and Japanese, after it in English.
ITINERARIES = {
    "ko": ("윤희근 경찰청장은 인도네시아 경찰청장의 초청에 따라 3월 5일부터 8일까지 인도네시아를 방문해, "
           "인도네시아 정치법률안보조정부 장관 접견 인도네시아 경찰청 회담 한인 간담회 참석 등 일정을 소화했다.",
           [None, "인도네시아 경찰청"]),
    "ja": ("露木康浩警察庁長官は5月10日から12日までフィリピンを訪問し、フィリピン国家警察と会談、"
           "フィリピン沿岸警備隊と会談、在留邦人との懇談会に出席した。",
           ["フィリピン国家警察", "フィリピン沿岸警備隊"]),
    "en": ("Commissioner Ana Ruiz visited Morocco from 3 to 5 May 2024, met the Moroccan Ministry of Interior, "
           "held talks with the Royal Gendarmerie and attended a ceremony.",
           ["Moroccan Ministry of Interior", "Royal Gendarmerie"]),
}


@pytest.mark.parametrize("lang", sorted(ITINERARIES))
def test_an_itinerary_after_a_trip_is_one_meeting_per_encounter(lang):
    text, counterparts = ITINERARIES[lang]
    ex = run(text, lang, "2024-05-13")
    orgs = {e.name for e in ex.entities if e.type == "Organization"}
    traveller = next(e.name for e in ex.entities if e.type == "Person")
    assert len(ex.meetings) == len(counterparts)
    for meeting, counterpart in zip(ex.meetings, counterparts):
        names = {p.entity for p in meeting.participants}
        assert traveller in names
        others = {n for n in names if n in orgs} - {next(e for e in ex.entities if e.name == traveller).affiliation}
        # each encounter its own counterpart (or, received by a title alone, none named)
        assert others == ({counterpart} if counterpart else set())


def test_a_trip_with_one_encounter_stays_one_meeting():
    ex = run("Commissioner Ana Ruiz visited Morocco on 3 May 2024 and held talks with the Moroccan Ministry of "
             "Interior.", "en", "2024-05-13")
    [meeting] = ex.meetings
    assert {p.entity for p in meeting.participants} == {"Ana Ruiz", "Moroccan Ministry of Interior"}


def test_an_affiliation_written_short_names_the_agency_named_in_full():
    ex = run("Cơ quan Cảnh sát quốc gia Nhật Bản ngày 8/5 cho biết Tổng Giám đốc Cơ quan Cảnh sát quốc gia "
             "Tsuyuki Yasuhiro đã hội đàm với Bộ trưởng Bộ Nội vụ Philippines Benhur Abalos tại Manila.",
             "vi", "2024-05-09")
    people = of_type(ex, "Person")
    assert people["Tsuyuki Yasuhiro"].affiliation == "Cơ quan Cảnh sát quốc gia Nhật Bản"
    assert "Cơ quan Cảnh sát quốc gia Nhật Bản" in of_type(ex, "Organization")
