"""Recall rules for agencies, places and agreements, written for these tests.

Sentences here are invented in each language's usual news shape, about people,
agencies and places none of the development articles name. Each case checks a
rule that should carry to unseen articles: a whole pack of head words, a
grammatical shape of a name, a demonstrative pointing back, a place word.
"""

from __future__ import annotations

import pytest

from .snippets import of_type, run


def _agreements(ex) -> dict:
    """Agreements that are not an alias of another one, by name, with their aliases."""
    return {e.name: set(e.aliases) for e in ex.entities if e.type == "Agreement"}


# ---------------------------------------------------------------- agreements
AGREEMENTS = [
    # a stop word before a year keeps a plan's period in its name
    ("ru", "На заседании Совета министров обсуждены планы работ на 2026 год, а также подписан протокол.",
     "планы работ на 2026 год"),
    ("ru", "Стороны утвердили план мероприятий на 2025-2026 годы.", "план мероприятий на 2025-2026 годы"),
    # a Chinese document's subject, 关于...的, is part of its name; 安排书 is an agreement word
    ("zh", "两国警方代表签署了关于打击跨国赌博的合作安排书。", "关于打击跨国赌博的合作安排书"),
    ("zh", "會談結束後，雙方代表兩國政府簽署了關於聯合巡邏的警務合作安排書。", "關於聯合巡邏的警務合作安排書"),
    # Korean implementation / action plans
    ("ko", "양측은 국제범죄 공동 대응을 위한 세부 실행계획을 마련하기로 했다.", "세부 실행계획"),
]


@pytest.mark.parametrize("lang, text, name", AGREEMENTS)
def test_agreement_names(lang, text, name):
    assert name in _agreements(run(text, lang, "2025-11-01"))


ANAPHORS = [
    # a demonstrative before the agreement word points back to the one named before
    ("es", "Chile y Perú firmaron un convenio de cooperación policial. «Este convenio nos permite actuar juntos», "
           "dijo el ministro.", "convenio de cooperación policial", "Este convenio"),
    ("de", "Österreich und Ungarn unterzeichneten ein Abkommen über Grenzkontrollen. Dieses Abkommen tritt im "
           "Mai in Kraft.", "Abkommen über Grenzkontrollen", "Dieses Abkommen"),
    ("ja", "警察庁はフィリピン国家警察と協力覚書を締結した。本覚書は情報交換を定める。", "協力覚書", "本覚書"),
]


@pytest.mark.parametrize("lang, text, name, alias", ANAPHORS)
def test_a_demonstrative_agreement_is_an_alias_of_the_one_named_before(lang, text, name, alias):
    agr = _agreements(run(text, lang, "2025-11-01"))
    assert alias in agr[name]
    assert not any(a.startswith(alias.split()[-1]) and a != name for a in agr)


def test_a_demonstrative_agreement_with_none_named_before_names_nothing():
    ex = run("«Este acuerdo nos coloca entre los mejores», dijo el ministro del Interior.", "es", "2025-11-01")
    assert not _agreements(ex)


def test_an_acronym_in_brackets_after_an_agreement_is_that_agreement():
    ex = run("法務省はベトナム司法省との間で協力覚書(Memorandum of Cooperation, MOC)に署名した。", "ja", "2025-11-01")
    assert "MOC" not in of_type(ex, "Organization")
    assert "MOC" in _agreements(ex)["協力覚書"]


def test_a_multilateral_body_is_no_agreement_of_its_own():
    ex = run("아시아태평양경찰청장회의는 1990년 구성된 다자 협의체로, 매년 회의를 연다.", "ko", "2025-11-01")
    assert not _agreements(ex)


# ---------------------------------------------------------------- agencies
ORGS = [
    # a head of several words whose second word is a title word ("General")
    ("es", "El jefe de la Dirección General de Aduanas de Chile, Mario Rojas, visitó Lima.",
     "Dirección General de Aduanas de Chile"),
    # a sentence-start article is no part of the name
    ("es", "El Ministerio de Defensa informó que la reunión fue un éxito.", "Ministerio de Defensa"),
    # the country joined by "de" is part of a Spanish agency name, known or not
    ("es", "Agradeció el apoyo de la Guardia Civil y de la Policía Nacional de Colombia en la operación.",
     "Policía Nacional de Colombia"),
    ("es", "Participaron agentes de la Gendarmería Nacional de Argentina.", "Gendarmería Nacional de Argentina"),
    # a head of several words that is no head alone (Satuan Tugas = task force)
    ("id", "Satuan Tugas Khusus Polri menangkap tiga tersangka di Surabaya.", "Satuan Tugas Khusus"),
    ("id", "Satuan Tugas Khusus Polri menangkap tiga tersangka di Surabaya.", "Polri"),
    # an abbreviated country after an agency is part of its name
    ("id", "Kepala BNN RI bertemu dengan Duta Besar Jepang di Jakarta.", "BNN RI"),
    # Cyrillic acronyms, alone or with the country's abbreviation
    ("ru", "Председатель КНБ РК провёл встречу с делегацией ОДКБ в Астане.", "КНБ РК"),
    ("ru", "Председатель КНБ РК провёл встречу с делегацией ОДКБ в Астане.", "ОДКБ"),
]


@pytest.mark.parametrize("lang, text, name", ORGS)
def test_agency_names(lang, text, name):
    assert name in of_type(run(text, lang, "2025-11-01"), "Organization")


NOT_ORGS = [
    ("es", "La XXIII Conferencia Regional se celebró en Quito.", "XXIII"),
    ("es", "El Ministerio de Defensa informó que la reunión fue un éxito.", "El Ministerio de Defensa"),
    ("id", "Presiden RI menerima Perdana Menteri Malaysia di Istana Merdeka.", "RI"),
    ("ru", "Министр внутренних дел РФ прибыл в Минск, сообщает ТАСС.", "РФ"),
    ("ru", "Министр внутренних дел РФ прибыл в Минск, сообщает ТАСС.", "ТАСС"),
]


@pytest.mark.parametrize("lang, text, name", NOT_ORGS)
def test_not_agency_names(lang, text, name):
    assert name not in of_type(run(text, lang, "2025-11-01"), "Organization")


@pytest.mark.parametrize("lang, text, country", [
    ("id", "Presiden RI menerima Perdana Menteri Malaysia di Istana Merdeka.", "Indonesia"),
    ("ru", "Глава МВД встретился с послом США в Бишкеке.", "United States"),
])
def test_a_packs_country_abbreviation_is_that_country(lang, text, country):
    assert country in of_type(run(text, lang, "2025-11-01"), "Country")


def test_a_known_agencys_name_with_another_country_is_not_that_body():
    ex = run("Agentes de la Policía Nacional de Honduras detuvieron a dos sospechosos.", "es", "2025-11-01")
    org = of_type(ex, "Organization")["Policía Nacional de Honduras"]
    assert org.country == "Honduras"


def test_one_agency_at_a_conference_numbered_in_roman_numerals_is_a_meeting():
    ex = run("La XXIV Conferencia Regional de Interpol para Europa se celebra desde el martes 7 de mayo de 2024 "
             "en Lisboa.", "es", "2024-05-08")
    [m] = ex.meetings
    assert m.kind == "conference"


# ---------------------------------------------------------------- places
PLACES = [
    # a GeoNames city, the whole capitalised name after a place word
    ("de", "Die Minister trafen sich am Montag in Graz zu Gesprächen über Schleuser.", "Graz"),
    ("es", "La reunión se celebró en Rosario con jefes policiales de la región.", "Rosario"),
    ("en", "The two ministers met in Antwerp on Tuesday.", "Antwerp"),
    # venue and street words make a place of the name after them
    ("es", "Los agentes vigilaron el estadio Metropolitano durante el partido.", "estadio Metropolitano"),
    ("id", "Pertemuan digelar di Gedung Sate dan berlanjut di Jalan Diponegoro 22.", "Gedung Sate"),
    ("id", "Pertemuan digelar di Gedung Sate dan berlanjut di Jalan Diponegoro 22.", "Jalan Diponegoro 22"),
    # a compass word after a city names its part
    ("id", "Kantor itu berada di Jakarta Timur.", "Jakarta Timur"),
]


@pytest.mark.parametrize("lang, text, name", PLACES)
def test_place_names(lang, text, name):
    assert name in of_type(run(text, lang, "2025-11-01"), "Place")


NOT_PLACES = [
    # a city's name that is only the start of a longer capitalised name
    ("es", "Los agentes vigilaron el estadio Santiago Bernabéu durante el partido.", "Santiago"),
    ("en", "The minister spoke in Nancy Wilson's presence.", "Nancy"),
    # a Korean city glued inside another word
    ("ko", "북태평양 해역의 안전을 위한 회의에서 기관장 간 비즈니스 미팅도 처음으로 열렸다.", "평양"),
    ("ko", "북태평양 해역의 안전을 위한 회의에서 기관장 간 비즈니스 미팅도 처음으로 열렸다.", "니스"),
]


@pytest.mark.parametrize("lang, text, name", NOT_PLACES)
def test_not_place_names(lang, text, name):
    assert name not in of_type(run(text, lang, "2025-11-01"), "Place")


THAI_ORGS = [
    # an agency written glued after a glue word or a title (Thai writes no space there)
    ("คณะผู้แทนได้เดินทางไปประชุมร่วมตำรวจกัมพูชา ณ กรุงพนมเปญ เมื่อวันที่ 5 มี.ค. 2567", "ตำรวจกัมพูชา"),
    ("พล.ต.ต.สมชาย ใจดี ผู้บังคับการตำรวจภูธรจังหวัดสงขลา เข้าร่วมประชุม เมื่อวันที่ 5 มี.ค. 2567",
     "ตำรวจภูธรจังหวัดสงขลา"),
    # a numbered unit keeps its number
    ("พล.ต.ต.สมชาย ใจดี รองผู้บัญชาการตำรวจภูธรภาค 4/รองหัวหน้าคณะ เข้าร่วมประชุม เมื่อวันที่ 5 มี.ค. 2567",
     "ตำรวจภูธรภาค 4"),
]


@pytest.mark.parametrize("text, name", THAI_ORGS)
def test_thai_agency_names(text, name):
    assert name in of_type(run(text, "th", "2024-03-06"), "Organization")


def test_thai_ranks_end_no_sentence():
    ex = run("วันนี้ (5 มี.ค.) พล.ต.ท.สมชาย ใจดี ผู้บัญชาการ ให้การต้อนรับ นายลี มินโฮ อธิบดีกรมตำรวจเกาหลี", "th",
             "2024-03-06")
    assert "สมชาย ใจดี" in of_type(ex, "Person")
    assert not any(s.text.endswith("พล.ต.") for s in ex.sentences)


def test_a_name_in_another_language_in_brackets_is_the_same_agency():
    ex = run("นายหลี่ เหว่ย ผู้อำนวยการ สำนักงานคณะกรรมการควบคุมยาเสพติดแห่งชาติจีน (National Narcotics Control "
             "Commission: NNCC) เข้าร่วมประชุม เมื่อวันที่ 5 มี.ค. 2567", "th", "2024-03-06")
    orgs = of_type(ex, "Organization")
    assert "National Narcotics Control Commission" not in orgs
    assert "National Narcotics Control Commission" in orgs["สำนักงานคณะกรรมการควบคุมยาเสพติดแห่งชาติจีน"].aliases


def test_a_bare_chinese_police_word_names_no_agency():
    ex = run("中方将派遣警员赴泰与泰警方共同开展联合巡逻，保护中国游客安全。", "zh", "2024-03-06")
    assert "警方" not in of_type(ex, "Organization")


def test_a_known_agency_with_its_own_country_after_it_keeps_its_id():
    from loaders.resolve import assign_ids

    a = run("La Policía Nacional detuvo a tres sospechosos en Sevilla durante la operación.", "es", "2025-11-01")
    b = run("Agradeció a la Policía Nacional de España su apoyo en la operación.", "es", "2025-11-01")
    ids = []
    for ex in (a, b):
        assign_ids(ex)
        ids.append({e.id for e in ex.entities if e.type == "Organization" and e.name.startswith("Policía Nacional")})
    assert ids[0] and ids[0] == ids[1]


@pytest.mark.parametrize("lang, text, name", [
    # a word that is only part of a title ("National" of "National Police Chief") is a modifier
    ("en", "Officers of the National Police and the National Coast Guard Office joined the drill in Manila.",
     "National Police"),
    ("en", "Officers of the National Police and the National Coast Guard Office joined the drill in Manila.",
     "National Coast Guard Office"),
    # a second head after a complement starts the body the first belongs to
    ("id", "Kepala Direktorat Reserse Narkoba Kepolisian Daerah Bali, Budi Santoso, hadir di Denpasar.",
     "Direktorat Reserse Narkoba"),
    ("id", "Kepala Direktorat Reserse Narkoba Kepolisian Daerah Bali, Budi Santoso, hadir di Denpasar.",
     "Kepolisian Daerah Bali"),
])
def test_agency_name_boundaries(lang, text, name):
    assert name in of_type(run(text, lang, "2025-11-01"), "Organization")


def test_a_sentence_about_the_meeting_told_before_stays_with_it():
    ex = run("Home Affairs Minister Anna Berg and her Polish counterpart, Jan Nowak, have held talks in Oslo. "
             "During the meeting, the ministers heard the Norwegian Police Directorate and the National Criminal "
             "Investigation Service on last Friday's operation.", "en", "2025-03-04")
    [m] = ex.meetings
    assert m.date == "2025-02-28"


@pytest.mark.parametrize("text, name, country", [
    ("The Dutch justice minister said, according to a statement by the justice ministry on Monday, that talks "
     "would go on.", "justice ministry", "Netherlands"),
    ("Austria's interior ministry said the two police forces would share data.", "interior ministry", "Austria"),
])
def test_en_lower_case_ministries(text, name, country):
    org = of_type(run(text, "en", "2025-11-01"), "Organization")[name]
    assert org.country == country


def test_en_a_lower_case_minister_is_no_ministry():
    ex = run("The interior minister of Latvia, Rihards Kozlovskis, met his Estonian counterpart in Riga.", "en",
             "2025-11-01")
    assert not of_type(ex, "Organization")


@pytest.mark.parametrize("lang, text, name", [
    # a city's police, the city written before it
    ("ko", "부산경찰청은 지난 3일 베트남 다낭시 경찰청과 치안 협력 회의를 열었다고 밝혔다.", "다낭시 경찰청"),
    # coast and border guards are agencies
    ("ja", "海上保安庁はカナダ沿岸警備隊と合同訓練を実施したと発表した。", "カナダ沿岸警備隊"),
])
def test_cjk_agency_names(lang, text, name):
    assert name in of_type(run(text, lang, "2025-11-01"), "Organization")


def test_a_bare_japanese_ministry_is_japans():
    ex = run("法務省は協力覚書をベトナム司法省との間で交換したと発表した。", "ja", "2025-11-01")
    assert of_type(ex, "Organization")["法務省"].country == "Japan"


def test_a_city_in_a_case_form_keeps_the_written_form_as_an_alias():
    ex = run("Переговоры прошли в Новосибирске, где министры обсудили борьбу с наркотрафиком.", "ru", "2025-11-01")
    place = of_type(ex, "Place")["Новосибирск"]
    assert "Новосибирске" in place.aliases


def test_an_acronym_after_a_generic_agreement_word_is_the_agreement_of_that_word():
    ex = run("法務省は各国と協力覚書(Memorandum of Cooperation, MOC)の交換を推進している。"
             "今回、法務省はタイ司法省との間で協力覚書に署名した。", "ja", "2025-11-01")
    assert "MOC" not in of_type(ex, "Organization")
    assert "MOC" in _agreements(ex)["協力覚書"]


def test_a_bare_han_agency_is_the_one_named_with_its_country():
    ex = run("公安部部长王小洪与澳大利亚联邦警察总监举行会谈。随后，联邦警察总监介绍了合作情况。", "zh", "2025-11-01")
    orgs = of_type(ex, "Organization")
    assert "澳大利亚联邦警察" in orgs and "联邦警察" not in orgs


@pytest.mark.parametrize("lang, text, name, title", [
    # after a comma that ends the title's complement, all the capitalised words are the name
    ("en", "The delegation met the Director General for Border Security, María José Ortega, in Quito.",
     "María José Ortega", "Director General for Border Security"),
    # a head of state's title is a title ("presidente de la República")
    ("es", "El presidente de la República Luis Alberto Arce recibió a los jefes policiales.",
     "Luis Alberto Arce", "presidente de la República"),
])
def test_three_word_names_after_a_title(lang, text, name, title):
    people = of_type(run(text, lang, "2025-11-01"), "Person")
    assert name in people and people[name].title == title


@pytest.mark.parametrize("text, name, absent", [
    ("การประชุมจัดขึ้นที่โรงแรมแห่งหนึ่ง เมืองเชียงราย เมื่อวันที่ 5 มี.ค. 2567 โดยมีตัวแทนจากลาวเข้าร่วม",
     "เมืองเชียงราย", None),
    # a place word inside an agency or a title (รัฐบาล, รัฐมนตรี) makes no place
    ("นายสมชาย ใจดี รัฐมนตรีว่าการกระทรวงยุติธรรม กล่าวถึงนโยบาย รัฐบาลไทย เมื่อวันที่ 5 มี.ค. 2567",
     None, "รัฐบาลไทย"),
])
def test_thai_places_written_on_their_place_word(text, name, absent):
    places = of_type(run(text, "th", "2024-03-06"), "Place")
    if name:
        assert name in places
    if absent:
        assert absent not in places and not any(p.startswith("รัฐมนตรี") for p in places)


def test_one_city_written_two_ways_is_one_place():
    ex = run("警察庁は東京で会議を開いた。会場は東京都内のホテルで、各国の代表が出席した。", "ja", "2025-11-01")
    places = [e for e in ex.entities if e.type == "Place"]
    assert len(places) == 1 and {places[0].name, *places[0].aliases} >= {"東京", "東京都"}


def test_vi_a_task_force_is_an_agreement_and_its_participants_are_no_part_of_its_name():
    ex = run("Malaysia đề xuất thành lập lực lượng đặc nhiệm khu vực có sự tham gia của 5 nước để chống buôn người.",
             "vi", "2025-11-01")
    assert "lực lượng đặc nhiệm khu vực" in _agreements(ex)


def test_russian_common_abbreviations_are_no_agencies():
    ex = run("Как сообщают СМИ, после ДТП глава МВД Киргизии провёл встречу с послом в Бишкеке.", "ru", "2025-11-01")
    orgs = of_type(ex, "Organization")
    assert "СМИ" not in orgs and "ДТП" not in orgs
