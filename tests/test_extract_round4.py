"""Round 4: agreement boundaries and aliases, agreement status, meeting kinds,
languages without rules, garbled partial names.

Snippets written for these tests in the way cooperation news is written in
each language, with other countries, agencies and people than the
development articles.
"""

from __future__ import annotations

from loaders.extract.dates import find_dates

from .snippets import of_type, run


def agreements(ex):
    return of_type(ex, "Agreement")


# ---------------------------------------------------------------- agreement boundaries
def test_en_letter_of_intent_between_two_bodies_keeps_the_parties():
    ex = run("The meeting also saw the signing of a letter of intent (LOI) on cooperation between the Royal Malaysia "
             "Police and the Australian Federal Police (AFP).", "en", "2024-05-10")
    names = list(agreements(ex))
    assert any(n.startswith("letter of intent") and "Australian Federal Police" in n for n in names), names


def test_en_capitalised_memorandum_on_subject():
    ex = run("Thailand and Laos signed a Memorandum of Understanding on Combating Transnational Crime in Vientiane "
             "on 3 May.", "en", "2024-05-10")
    a = agreements(ex)
    assert "Memorandum of Understanding on Combating Transnational Crime" in a, list(a)
    assert a["Memorandum of Understanding on Combating Transnational Crime"].status == "signed"


def test_en_acronym_inside_a_network_name():
    ex = run("UNODC supports the Regional Maritime Coordination Office (RMCO) Network in the Gulf of Thailand.",
             "en", "2024-05-10")
    names = list(agreements(ex))
    assert "Network" not in names
    assert any("Regional Maritime Coordination Office" in n and n.endswith("Network") for n in names), names


def test_en_later_generic_mention_is_the_same_agreement():
    ex = run("The Philippine National Police and the Royal Thai Police signed a memorandum of understanding on "
             "drug control. The new agreement will allow joint operations. Under the MoU both forces share data.",
             "en", "2024-05-10")
    assert len(agreements(ex)) == 1, list(agreements(ex))


def test_vi_cooperation_plan_with_period():
    ex = run("Hai bên đã ký Kế hoạch hợp tác giữa Bộ Công an Việt Nam và Bộ Nội vụ Lào giai đoạn 2024-2026.",
             "vi", "2024-05-10")
    names = list(agreements(ex))
    assert any(n.startswith("Kế hoạch hợp tác") and n.endswith("giai đoạn 2024-2026") for n in names), names


def test_vi_regulation_with_enumerated_subject():
    ex = run("Hai bên tiếp tục thực hiện Quy chế phối hợp trong bảo đảm an ninh, trật tự, an toàn xã hội khu vực "
             "biên giới; đồng thời tăng cường trao đổi đoàn.", "vi", "2024-05-10")
    names = list(agreements(ex))
    assert any(n.startswith("Quy chế phối hợp") and n.endswith("khu vực biên giới") for n in names), names
    assert agreements(ex)[names[0]].status == "implemented"


def test_vi_repeated_bare_memorandum_is_an_alias():
    ex = run("Bộ Công an Việt Nam và Cảnh sát Hoàng gia Campuchia đã ký Biên bản ghi nhớ về hợp tác phòng, chống "
             "tội phạm ma túy. Theo biên bản ghi nhớ, hai bên sẽ lập đường dây nóng.", "vi", "2024-05-10")
    a = agreements(ex)
    assert not any(n.lower() == "biên bản ghi nhớ" for n in a), list(a)


def test_ko_repeated_generic_and_shortened_mentions_are_aliases():
    ex = run("태국 경찰청과 한국 경찰청은 '마약범죄 공동대응 양해각서'를 체결했다. 양해각서에 따라 양국은 정보를 공유한다. "
             "양측은 마약범죄 공동대응 체계를 강화하기로 했다.", "ko", "2024-05-10")
    a = agreements(ex)
    assert "양해각서" not in a, list(a)


def test_ko_bare_generic_agreement_word_is_not_an_agreement():
    ex = run("양국은 앞으로 필요한 합의서를 마련하기로 했다.", "ko", "2024-05-10")
    assert "합의서" not in agreements(ex)


def test_ja_generic_cooperation_agreement_in_a_list_is_not_one():
    ex = run("首相は、経済、インフラ開発に関する協力協定を中心にするよう提案しました。", "ja", "2024-05-10")
    assert "協力協定" not in agreements(ex)


def test_ja_modified_agreement_keeps_its_modifiers():
    ex = run("大臣は、締結済みの覚書を効果的に実施すると強調しました。双方は、タイ国家警察と日本の警察庁との間の新たな協力メカニズムの研究で協力することで一致しました。",
             "ja", "2024-05-10")
    a = agreements(ex)
    assert "締結済みの覚書" in a, list(a)
    assert any(n.endswith("協力メカニズム") and "との間の" in n for n in a), list(a)


# ---------------------------------------------------------------- agreement status
def test_status_negation_and_future():
    ex = run("Malaysia and Singapore have not yet signed the Extradition Treaty. The two police forces will sign a "
             "Memorandum of Understanding on Cyber Security next year.", "en", "2024-05-10")
    a = agreements(ex)
    assert a["Extradition Treaty"].status == "proposed", {n: x.status for n, x in a.items()}
    assert a["Memorandum of Understanding on Cyber Security"].status == "proposed"


def test_vi_status_not_yet_signed():
    ex = run("Hai bên chưa ký Hiệp định tương trợ tư pháp về hình sự.", "vi", "2024-05-10")
    a = agreements(ex)
    assert a and all(x.status == "proposed" for x in a.values()), {n: x.status for n, x in a.items()}


# ---------------------------------------------------------------- meetings
def test_vi_talks_inside_a_visit_are_talks():
    ex = run("Đoàn đại biểu Bộ Công an Việt Nam do Thứ trưởng Nguyễn Văn Bình dẫn đầu có chuyến thăm, làm việc tại "
             "Thái Lan từ ngày 3 đến 5-6. Ngày 4-6, Thứ trưởng Nguyễn Văn Bình đã hội đàm với Tướng Somchai "
             "Prasert, Tư lệnh Cảnh sát Hoàng gia Thái Lan, tại Bangkok.", "vi", "2024-06-10")
    kinds = [m.kind for m in ex.meetings if any("Somchai" in p.entity for p in m.participants)]
    assert kinds == ["talks"], [(m.kind, [p.entity for p in m.participants]) for m in ex.meetings]


# ---------------------------------------------------------------- languages without rules
def countries(ex):
    return {e.name for e in ex.entities if e.type == "Country"}


def orgs(ex):
    return {e.name for e in ex.entities if e.type == "Organization"}


def test_de_countries_and_international_bodies():
    ex = run("Deutschland und Vietnam vereinbarten am 12.03.2024 in Berlin eine engere Zusammenarbeit mit Interpol "
             "und Europol gegen Menschenhandel.", "de")
    assert {"Germany", "Vietnam"} <= countries(ex)
    assert {"Interpol", "Europol"} <= orgs(ex)


def test_es_countries_and_unodc():
    ex = run("La Policía Nacional de España y la policía de Colombia firmaron un memorando en Madrid con apoyo de la "
             "UNODC.", "es")
    assert {"Spain", "Colombia"} <= countries(ex)
    assert "UNODC" in orgs(ex)


def test_id_countries_and_aseanapol():
    ex = run("Indonesia dan Filipina sepakat memperkuat kerja sama melalui ASEANAPOL di Jakarta.", "id")
    assert {"Indonesia", "Philippines"} <= countries(ex)
    assert "ASEANAPOL" in orgs(ex)


def test_zh_china_and_interpol():
    ex = run("2024年5月20日，越南公安部部长在北京会见中国公安部部长。中国和越南同意加强合作，国际刑警组织也参与其中。", "zh")
    assert {"China", "Vietnam"} <= countries(ex)
    assert any("国际刑警" in o for o in orgs(ex))


def test_th_countries_without_spaces():
    ex = run("สำนักงานตำรวจแห่งชาติของไทยและกัมพูชาลงนามบันทึกความเข้าใจ", "th")
    assert {"Thailand", "Cambodia"} <= countries(ex)


def test_short_foreign_forms_do_not_fire_in_latin_text():
    # vi "Nga" / "Mỹ", ko / ja forms must not match inside words of another Latin-script language
    ex = run("La delegación visitó Managua y habló con el alcalde de Lima sobre seguridad.", "es")
    assert "Russia" not in countries(ex) and "United States" not in countries(ex)


def test_numeric_dates_in_languages_without_rules():
    assert [d.date for d in find_dates("am 12.03.2024 in Berlin", "de")] == ["2024-03-12"]
    assert [d.date for d in find_dates("pada 10/08/2023 di Jakarta", "id")] == ["2023-08-10"]
    assert [d.date for d in find_dates("el 2024-05-14 en Madrid", "es")] == ["2024-05-14"]


def test_unknown_language_never_fails():
    ex = run("Malaysia dan Brunei menandatangani perjanjian pada 1.2.2024.", "und")
    assert not ex.warnings
    assert {"Malaysia", "Brunei"} <= countries(ex)


# ---------------------------------------------------------------- garbled partial names
def test_vi_garbled_variant_with_same_title_and_surname_is_an_alias():
    ex = run("Thứ trưởng Bộ Công an Nguyễn Văn Hùng đã làm việc với Cảnh sát quốc gia Indonesia. "
             "Thứ trưởng Nguyễn Văn Hừng cho rằng hai bên cần tăng cường trao đổi thông tin.", "vi", "2024-05-10")
    people = [e.name for e in ex.entities if e.type == "Person"]
    assert people == ["Nguyễn Văn Hùng"], people


def test_vi_different_people_with_same_surname_stay_apart():
    ex = run("Thứ trưởng Nguyễn Văn Hùng tiếp Đại sứ Indonesia. Cùng dự có Thiếu tướng Nguyễn Minh Tuấn, "
             "Cục trưởng Cục Đối ngoại.", "vi", "2024-05-10")
    people = {e.name for e in ex.entities if e.type == "Person"}
    assert {"Nguyễn Văn Hùng", "Nguyễn Minh Tuấn"} <= people


def test_vi_talks_with_host_named_in_the_lead_are_talks():
    ex = run("Nhận lời mời của Trung tướng Somchai Prasert, Tư lệnh Cảnh sát Hoàng gia Thái Lan, đoàn đại biểu Bộ Công "
             "an Việt Nam do Thứ trưởng Nguyễn Văn Bình dẫn đầu có chuyến thăm, làm việc tại Thái Lan từ ngày 3 đến 5-6. "
             "Trong khuôn khổ chuyến thăm, ngày 4-6, Thứ trưởng Nguyễn Văn Bình đã hội đàm với Trung tướng Somchai "
             "Prasert tại Bangkok.", "vi", "2024-06-10")
    kinds = [m.kind for m in ex.meetings if any("Somchai" in p.entity for p in m.participants)]
    assert kinds == ["talks"], [(m.kind, [p.entity for p in m.participants]) for m in ex.meetings]


# ---------------------------------------------------------------- meeting kinds (round 5)
def _kinds(ex):
    return [m.kind for m in ex.meetings]


def test_en_hosted_a_meeting_is_a_reception():
    ex = run("Deputy Minister of Home Affairs Lieutenant General Somsak Phommachan hosted a meeting with the Interpol "
             "Regional Director for Asia Carlos Mendes on the afternoon of 12 March in Vientiane.", "en", "2024-03-14")
    assert _kinds(ex) == ["visit"], _kinds(ex)


def test_head_of_state_meeting_an_agency_chief_is_a_visit_whoever_comes_first():
    ex = run("President Joko Widodo met with Interpol Secretary General Valdecy Urquiza in Jakarta on 3 May. "
             "President Joko Widodo asked Interpol to support security at the G20 Summit to be held in Bali in "
             "November.", "en", "2024-05-04")
    # the summit "to be held" later is another event, not the frame of this one
    assert _kinds(ex) == ["visit"], _kinds(ex)


def test_two_heads_of_state_holding_talks_stay_talks():
    ex = run("President Joko Widodo held talks with President Ferdinand Marcos in Jakarta on 3 May.", "en", "2024-05-04")
    assert _kinds(ex) == ["talks"], _kinds(ex)


def test_future_conference_does_not_make_talks_a_conference():
    ex = run("Minister Tito Karnavian met with Police Commissioner Reece Kershaw in Canberra on 3 May. Minister Tito "
             "Karnavian also invited Australia to the ministerial meeting to be held in Jakarta next year.",
             "en", "2024-05-04")
    assert _kinds(ex) == ["talks"], _kinds(ex)


def test_agencies_signing_during_a_state_visit_is_a_signing():
    ex = run("The Royal Thai Police strengthened cooperation with the Australian Federal Police following the signing "
             "of a memorandum of understanding with the Australian Federal Police. The signing took place during the "
             "official visit of Australian Prime Minister Anthony Albanese to Thailand on 12 May.", "en", "2024-05-14")
    assert _kinds(ex) == ["signing"], _kinds(ex)
