"""Language packs: a language is a data folder (loaders/extract/lang/<code>/pack.yaml).

Sentences here are written for these tests, in each language's usual news shape,
about people and places none of the development articles name."""

import pytest

from loaders.errors import LiaisonError
from loaders.extract import extract
from loaders.extract import languages
from loaders.read import Article

CASES = {
    "pt": ("O ministro da Justiça e Segurança Pública do Brasil, Ricardo Lewandowski, reuniu-se a 12 de março de 2024 "
           "em Brasília com o ministro do Interior de Portugal, José Luís Carneiro, para discutir o combate ao tráfico "
           "de drogas.", {"Ricardo Lewandowski", "José Luís Carneiro"}, "2024-03-12", "drug trafficking"),
    "it": ("Il ministro dell'Interno Matteo Piantedosi ha incontrato il 5 aprile 2024 a Roma il ministro dell'Interno "
           "tunisino Kamel Feki. Al centro dei colloqui l'immigrazione irregolare e la tratta di esseri umani.",
           {"Matteo Piantedosi", "Kamel Feki"}, "2024-04-05", "human trafficking"),
    "ms": ("Menteri Dalam Negeri Saifuddin Nasution Ismail mengadakan pertemuan dengan Menteri Dalam Negeri Indonesia "
           "Tito Karnavian di Putrajaya pada 14 Mac 2024 bagi membincangkan pengedaran dadah rentas sempadan.",
           {"Saifuddin Nasution Ismail", "Tito Karnavian"}, "2024-03-14", "drug trafficking"),
    "nl": ("Minister van Justitie en Veiligheid Dilan Yeşilgöz ontmoette op 8 februari 2024 in Den Haag haar Belgische "
           "ambtgenoot Paul Van Tigchelt. Zij spraken over drugssmokkel via de havens.",
           {"Dilan Yeşilgöz", "Paul Van Tigchelt"}, "2024-02-08", "drug trafficking"),
    "tr": ("İçişleri Bakanı Ali Yerlikaya, 20 Mart 2024 tarihinde Ankara'da Azerbaycan İçişleri Bakanı Vilayet Eyvazov "
           "ile görüştü. Görüşmede uyuşturucu kaçakçılığı ile mücadele ele alındı.",
           {"Ali Yerlikaya", "Vilayet Eyvazov"}, "2024-03-20", "drug trafficking"),
    "vi": ("Thứ trưởng Bộ Công an Trần Minh Đức đã tiếp Tổng cục trưởng Cảnh sát Quốc gia Campuchia Chea Vuthy ngày "
           "12/3/2024 tại Hà Nội. Hai bên trao đổi về công tác phòng chống ma túy.",
           {"Trần Minh Đức", "Chea Vuthy"}, "2024-03-12", "drug trafficking"),
    "en": ("Australian Federal Police Commissioner Reece Kershaw met Fiji's Police Commissioner Juki Fong Chew in Suva "
           "on 4 March 2024 to discuss drug trafficking.",
           {"Reece Kershaw", "Juki Fong Chew"}, "2024-03-04", "drug trafficking"),
    "fr": ("Le ministre belge de l'Intérieur, Bernard Quintin, s'est entretenu le 5 mars 2024 à Bruxelles avec son "
           "homologue marocain Abdelouafi Laftit sur la lutte contre le trafic de drogue.",
           {"Bernard Quintin", "Abdelouafi Laftit"}, "2024-03-05", "drug trafficking"),
    "ko": ("윤희근 경찰청장은 2024년 3월 12일 서울에서 몽골 경찰청장 간볼드를 접견하고 마약 범죄 대응 협력 방안을 논의했다.",
           {"윤희근", "간볼드"}, "2024-03-12", "drug trafficking"),
    "ja": ("松本光弘警察庁長官は2024年3月12日、東京でタイ国家警察のサンティ長官と会談し、薬物対策での協力を確認した。",
           {"松本光弘", "サンティ"}, "2024-03-12", "drug trafficking"),
    "es": ("El ministro del Interior de Chile, Carlos Montes, se reunió el 3 de marzo de 2024 en Santiago con su "
           "homólogo argentino, Patricia Bullrich, para abordar el narcotráfico.",
           {"Carlos Montes", "Patricia Bullrich"}, "2024-03-03", "drug trafficking"),
    "de": ("Der österreichische Innenminister Gerhard Karner traf am 12. Juni 2023 in Wien den polnischen "
           "Innenminister Mariusz Kamiński. Sie sprachen über Migration und Schleuser.",
           {"Gerhard Karner", "Mariusz Kamiński"}, "2023-06-12", "immigration"),
    "id": ("Kepala Badan Narkotika Nasional Marthinus Hukom bertemu dengan Menteri Dalam Negeri Malaysia di Kuala "
           "Lumpur pada 14 Maret 2024 untuk membahas peredaran gelap narkotika.",
           {"Marthinus Hukom"}, "2024-03-14", "drug trafficking"),
    "ru": ("Министр внутренних дел Казахстана Ержан Саденов провёл встречу с министром внутренних дел Узбекистана "
           "Пулатом Бобоевым 5 апреля 2024 года в Астане. Стороны обсудили борьбу с торговлей людьми.",
           {"Ержан Саденов", "Пулат Бобоев"}, "2024-04-05", None),
    "zh": ("国务委员、公安部部长赵克志3月15日在北京会见了印度尼西亚国家警察总长西吉特。双方就打击毒品犯罪和电信网络诈骗交换了意见。",
           {"赵克志", "西吉特"}, "2024-03-15", "drug trafficking"),
    "th": ("พล.ต.อ.สมศักดิ์ ใจดี ผู้บัญชาการตำรวจแห่งชาติ ให้การต้อนรับ นายลี มินโฮ อธิบดีกรมตำรวจเกาหลี "
           "เมื่อวันที่ 12 มี.ค. 2567 เพื่อหารือความร่วมมือด้านยาเสพติด",
           {"สมศักดิ์ ใจดี", "ลี มินโฮ"}, "2024-03-12", "drug trafficking"),
}


def test_every_pack_is_listed_and_has_a_case_here():
    assert set(languages.packs()) == set(CASES) == set(languages.supported())
    assert len(languages.supported()) >= 10


@pytest.mark.parametrize("lang", sorted(CASES))
def test_a_pack_language_gets_people_a_dated_meeting_and_topics(lang):
    text, people, date, topic = CASES[lang]
    ex = extract(Article(name="t", path="", body=text, published="2024-06-01"), lang)
    assert not ex.warnings
    assert people <= {e.name for e in ex.entities if e.type == "Person"}
    [meeting] = ex.meetings
    assert meeting.date == date
    assert {p.entity for p in meeting.participants} & people
    if topic:
        assert topic in meeting.topics


def test_traditional_chinese_is_read_with_the_same_words_and_keeps_its_own_characters():
    text = "國務委員、公安部部長趙克志3月15日在北京會見了印度尼西亞國家警察總長西吉特。雙方就打擊毒品犯罪交換了意見。"
    ex = extract(Article(name="t", path="", body=text, published="2024-06-01"), "zh")
    assert {"趙克志", "西吉特"} <= {e.name for e in ex.entities if e.type == "Person"}
    assert "印度尼西亞國家警察" in {e.name for e in ex.entities if e.type == "Organization"}
    [meeting] = ex.meetings
    assert (meeting.date, meeting.kind) == ("2024-03-15", "visit")
    assert {p.entity for p in meeting.participants} >= {"趙克志", "西吉特"}
    assert all(text[m.start:m.end] == m.text for e in ex.entities for m in e.mentions)
    assert ex.sentences[0].text == text[:ex.sentences[0].end]


def test_russian_names_are_in_the_nominative_and_keep_the_written_form():
    text = ("Глава МВД Казахстана Ержан Саденов провёл переговоры с министром внутренних дел Узбекистана Пулатом "
            "Бобоевым. Саденов поблагодарил Бобоева за сотрудничество.")
    ex = extract(Article(name="t", path="", body=text, published="2024-06-01"), "ru")
    people = {e.name: e for e in ex.entities if e.type == "Person"}
    assert "Пулат Бобоев" in people and "Пулатом Бобоевым" in people["Пулат Бобоев"].aliases
    assert all(text[m.start:m.end] == m.text for e in ex.entities for m in e.mentions)


def test_russian_country_names_are_found_in_their_cases():
    text, *_ = CASES["ru"]
    ex = extract(Article(name="t", path="", body=text, published="2024-06-01"), "ru")
    assert {"Kazakhstan", "Uzbekistan"} <= {e.name for e in ex.entities if e.type == "Country"}


@pytest.mark.parametrize("content, message", [
    ("rules: latin\nmeeting_words: {}\n", "unknown key 'meeting_words'"),
    ("rules: cjk\n", "rules must be one of"),
    ("rules: latin\nmonths: {enero: 13}\n", "not a month number"),
    ("rules: latin\nmeeting_triggers: {reunión: lunch}\n", "not a meeting kind"),
    ("rules: latin\ntitles: ministro\n", "titles must be a list"),
    ("rules: [latin\n", "cannot be read"),
    ("rules: latin\npatterns: {pronoun: '(?:he'}\n", "patterns\\['pronoun'\\] is not a regular expression"),
    ("rules: latin\npatterns: {pronouns: 'he'}\n", "unknown pattern 'pronouns'"),
    ("rules: latin\nmodifier_order: left\n", "modifier_order must be before or after"),
    ("rules: latin\ndate_patterns: ['(?P<d>\\d+ @MONTH@']\n", "date_patterns: .* is not a regular expression"),
    ("rules: latin\ndate_units: {era: x}\n", "date_units: unknown key 'era'"),
    ("rules: latin\nhome_country: Spain\n", "home_country must be an ISO 3166 alpha-3 code"),
    ("rules: latin\nbare_name_mentions: yes please\n", "bare_name_mentions must be true or false"),
    ("rules: latin\nagreement_status: {agreed: [acordaron]}\n", "signed, proposed or implemented"),
    ("rules: latin\npipeline: 'http://example.org/model'\n", "pipeline"),
])
def test_a_bad_pack_fails_at_start_up_naming_the_file_and_the_key(tmp_path, content, message):
    path = tmp_path / "pt" / "pack.yaml"
    path.parent.mkdir()
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LiaisonError, match=message) as err:
        languages._read(path)
    assert str(path) in str(err.value)


CATALAN = """\
name: Catalan
rules: latin
titles: [conseller, consellera, ministre, ministra, director general]
org_heads: [Departament, Policia]
org_connectors: [de, del, d']
title_connectors: [de, del, de l', d']
meeting_triggers: {es va reunir: talks, reunió: talks, visita: visit}
months: {gener: 1, febrer: 2, març: 3, abril: 4, maig: 5, juny: 6}
date_joiners: [de]
"""


def test_a_new_language_is_one_folder_and_no_python(tmp_path, monkeypatch):
    from loaders.extract import dates, lexicon

    (tmp_path / "ca").mkdir()
    (tmp_path / "ca" / "pack.yaml").write_text(CATALAN, encoding="utf-8")
    for code in languages.packs():
        (tmp_path / code).mkdir()
        (tmp_path / code / "pack.yaml").write_bytes((languages.PACKS / code / "pack.yaml").read_bytes())
    text = ("El conseller d'Interior de Catalunya, Joan Ignasi Elena, es va reunir el 2 de març de 2023 a Barcelona "
            "amb la ministra de l'Interior d'Andorra, Ester Molné.")
    article = Article(name="t", path="", body=text, published="2023-03-05")
    before = extract(article, "ca")
    assert not before.meetings            # without the pack: the language-independent parts only

    def reset():
        languages.packs.cache_clear()
        languages._compiled.cache_clear()
        lexicon.lexicon.cache_clear()
        dates._pack_dates.cache_clear()
        dates._months.cache_clear()
        dates._fallback_dates.cache_clear()

    monkeypatch.setattr(languages, "PACKS", tmp_path)
    reset()
    try:
        assert "ca" in languages.supported()
        ex = extract(article, "ca")
        assert {"Joan Ignasi Elena", "Ester Molné"} <= {e.name for e in ex.entities if e.type == "Person"}
        [meeting] = ex.meetings
        assert meeting.date == "2023-03-02" and meeting.kind == "talks"
    finally:
        monkeypatch.undo()
        reset()


def test_a_day_number_before_a_month_name_ends_no_sentence():
    text = "Die Ministerin hat am 7. Mai den Innenminister Jan Novak in Prag getroffen. Sie sprachen über Migration."
    ex = extract(Article(name="t", path="", body=text, published="2024-05-09"), "de")
    assert len(ex.sentences) == 2
    [meeting] = ex.meetings
    assert meeting.date == "2024-05-07"


@pytest.mark.parametrize("text, people", [
    ("The Irish justice minister, Helen McEntee, met her Polish counterpart, Adam Bodnar, in Dublin on 3 May 2024.",
     {"Helen McEntee", "Adam Bodnar"}),
    ("Canada's public safety minister, Dominic LeBlanc, received the Mexican interior secretary, Rosa Icela "
     "Rodríguez, in Ottawa on 12 March 2024.", {"Dominic LeBlanc", "Rosa Icela Rodríguez"}),
])
def test_english_titles_in_lower_case_and_counterparts_name_people(text, people):
    ex = extract(Article(name="t", path="", body=text, published="2024-06-01"), "en")
    assert people <= {e.name for e in ex.entities if e.type == "Person"}
    assert any(people <= {p.entity for p in m.participants} for m in ex.meetings)


def test_an_outlet_address_and_a_capitalised_dateline_are_not_agencies():
    text = ("BERITASATU.COM (SURABAYA) - Kepala Kepolisian Daerah Jawa Timur Irjen Pol Imam Sugianto bertemu "
            "dengan Konsul Jenderal Australia di Surabaya pada Kamis (14/3) untuk membahas narkotika.")
    ex = extract(Article(name="t", path="", body=text, published="2024-03"), "id")
    orgs = {e.name for e in ex.entities if e.type == "Organization"}
    assert not orgs & {"BERITASATU", "COM", "SURABAYA"}
    assert "Imam Sugianto" in {e.name for e in ex.entities if e.type == "Person"}   # the rank stays out
    assert [m.date for m in ex.meetings] == ["2024-03-14"]                         # "(14/3)": day and month


def test_vietnamese_online_talks_and_a_title_glued_by_a_hyphen():
    text = ("Ngày 9/5, Thiếu tướng Somchai Rattana-Trợ lý Tổng cục trưởng Cảnh sát Quốc gia Thái Lan đã có cuộc hội "
            "đàm trực tuyến với Bộ trưởng Công an Lào Vilay Lakhamphong.")
    ex = extract(Article(name="t", path="", body=text, published="2024-05-10"), "vi")
    people = {e.name for e in ex.entities if e.type == "Person"}
    assert "Somchai Rattana" in people
    [meeting] = ex.meetings
    assert (meeting.kind, meeting.date) == ("call", "2024-05-09")


@pytest.mark.parametrize("lang, text, agreement", [
    ("zh", "双方签署了《中华人民共和国公安部和老挝公安部关于打击跨国犯罪的合作协议》。", "中华人民共和国公安部和老挝公安部关于打击跨国犯罪的合作协议"),
    ("zh", "两国同意继续发挥中老禁毒合作工作组的作用。", "中老禁毒合作工作组"),
    ("es", "Ambos ministros firmaron un memorando de entendimiento sobre seguridad fronteriza que entrará en vigor en junio.",
     "memorando de entendimiento sobre seguridad fronteriza"),
    ("de", "Die Minister unterzeichneten ein Abkommen über die Zusammenarbeit der Grenzpolizei, das im Mai gilt.",
     "Abkommen über die Zusammenarbeit der Grenzpolizei"),
])
def test_pack_agreements_end_where_the_clause_goes_on(lang, text, agreement):
    ex = extract(Article(name="t", path="", body=text, published="2024-06-01"), lang)
    assert agreement in {e.name for e in ex.entities if e.type == "Agreement"}


@pytest.mark.parametrize("lang, text, place, person", [
    ("ru", "Министр внутренних дел Армении Арпине Саргсян провела встречу с Владимиром Колокольцевым в Москве.",
     "Moscow", None),
    ("ru", "Глава МВД России Владимир Колокольцев встретился в Ереване с министром внутренних дел Армении Арпине Саргсян.",
     "Yerevan", "Владимир Колокольцев"),
    ("zh", "公安部部长王小洪在连云港会见了哈萨克斯坦内务部部长萨德诺夫。", "Lianyungang", "王小洪"),
])
def test_cities_in_another_script_are_found_but_not_in_first_names(lang, text, place, person):
    ex = extract(Article(name="t", path="", body=text, published="2024-06-01"), lang)
    places = {e.name for e in ex.entities if e.type == "Place"}
    from loaders.gazetteer import city
    assert any((city(p) or p) and (getattr(city(p), "name", p) == place) for p in places), places
    if person:
        assert person in {e.name for e in ex.entities if e.type == "Person"}
    assert "Vladimir" not in {getattr(city(p), "name", p) for p in places}


@pytest.mark.parametrize("lang, text, countries", [
    ("uk", "Делегація Україна та Польща обговорили безпеку кордону.", {"Ukraine", "Poland"}),
    # (a name with a clitic glued on, وفرنسا "and France", is not found: no Arabic pack yet)
    ("ar", "عقد اجتماع أمني في إسبانيا بحضور وفد من فرنسا.", {"Spain", "France"}),
    ("pl", "Policja z Niemcy i Czechy współpracuje od lat.", {"Germany", "Czechia"}),
])
def test_a_language_without_a_pack_still_finds_countries_in_its_own_script(lang, text, countries):
    assert lang not in languages.supported()
    ex = extract(Article(name="t", path="", body=text, published="2024-06-01"), lang)
    found = {e.name for e in ex.entities if e.type == "Country"}
    assert countries <= found, found


@pytest.mark.parametrize("lang, text, country, not_country", [
    ("vi", "Bộ trưởng Bộ Công an đã điện đàm với Bộ trưởng Tư pháp Mỹ John Carter. Ông Trần Minh Đức cũng tham dự.",
     "United States", "Germany"),
    ("vi", "Thứ trưởng làm việc với phía Nga về phòng chống ma túy; ông Đức cho biết kết quả tốt.", "Russia", "Germany"),
    ("en", "The minister met officials from the US in Geneva, Michael Jordan said.", "United States", "Jordan"),
])
def test_a_country_name_that_is_also_a_given_name_is_the_country_after_a_lower_case_word(lang, text, country,
                                                                                         not_country):
    ex = extract(Article(name="t", path="", body=text, published="2024-06-01"), lang)
    countries = {e.name for e in ex.entities if e.type == "Country"}
    assert country in countries and not_country not in countries, countries
