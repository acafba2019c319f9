"""Canonical ids: transliteration-insensitive people, cross-language agencies."""

from loaders.model import Entity, Extraction
from loaders.resolve import assign_ids, person_key, review_candidates


def ids(entities, language):
    ex = Extraction(doc_id="d", name="d", language=language, sentences=[], entities=entities, meetings=[])
    assign_ids(ex)
    return [e.id for e in ex.entities]


def test_person_key_is_transliteration_insensitive():
    assert person_key("Tô Lâm") == person_key("To Lam") == person_key("トー・ラム") == person_key("또 람")
    assert person_key("Cho Ji-ho") == person_key("Cho Ji Ho") == person_key("Ji-ho Cho")
    assert person_key("Kim Chang-ryong") == person_key("김창룡")
    assert person_key("Sar Kheng") == person_key("サー・ケン")
    assert person_key("Trần Đại Quang") == person_key("Tran Dai Quang")
    assert person_key("Lương Tam Quang") != person_key("Tô Lâm")


def test_people_ids_ignore_changing_titles():
    a = Entity("Person", "Tô Lâm", title="Bộ trưởng Bộ Công an")
    b = Entity("Person", "Tô Lâm", title="Tổng Bí thư")
    assert len(set(ids([a, b], "vi"))) == 1


def test_agency_aliases_across_languages_share_one_id():
    forms = [("Bộ Công an", "vi", "Vietnam"), ("Bộ Công an Việt Nam", "vi", "Vietnam"),
             ("Ministry of Public Security", "en", "Vietnam"),
             ("ministère vietnamien de la Sécurité publique", "fr", "Vietnam"),
             ("베트남 공안부", "ko", "Vietnam"), ("ベトナム公安省", "ja", "Vietnam")]
    got = {ids([Entity("Organization", n, country=c)], lang)[0] for n, lang, c in forms}
    assert len(got) == 1, got
    police = [("Cơ quan Cảnh sát quốc gia Hàn Quốc", "vi", "South Korea"),
              ("Korean National Police Agency", "en", "South Korea"),
              ("Agence nationale de police sud-coréenne", "fr", "South Korea"), ("경찰청", "ko", "South Korea")]
    got = {ids([Entity("Organization", n, country=c)], lang)[0] for n, lang, c in police}
    assert len(got) == 1, got


def test_same_kind_of_agency_in_two_countries_differs():
    a = ids([Entity("Organization", "Bộ Công an Lào", country="Laos")], "vi")[0]
    b = ids([Entity("Organization", "Bộ Công an", country="Vietnam")], "vi")[0]
    assert a != b


def test_country_ids():
    assert ids([Entity("Country", "South Korea", iso3="KOR")], "ko") == ["country:KOR"]


def test_review_proposes_garbled_variants_without_merging():
    people = [Entity("Person", n, title="Thứ trưởng Bộ Công an") for n in
              ("Nguyễn Văn Seong", "Nguyễn Văn Kwan", "Nguyễn Vĩnh Sing")] + [Entity("Person", "Awang Halbi")]
    ex = Extraction(doc_id="d", name="d", language="vi", sentences=[], entities=people, meetings=[])
    assign_ids(ex)
    assert len({e.id for e in people[:3]}) == 3          # not merged silently
    cands = review_candidates(people)
    pairs = {frozenset((c.a_name, c.b_name)) for c in cands}
    assert frozenset(("Nguyễn Văn Seong", "Nguyễn Văn Kwan")) in pairs
    assert not any("Awang Halbi" in p for p in pairs)
    assert all(c.reason and 0 < c.score <= 1 for c in cands)
