"""Extraction on short snippets written for these tests, in each language."""

from __future__ import annotations

import pytest

from loaders.extract import PIPELINE, extract, nlp_for
from loaders.read import parse_article


def run(body: str, lang: str, published: str | None = None):
    head = f"language: {lang}\npublished: {published or 'unknown'}\n\n"
    return extract(parse_article(head + body, name="t"), lang)


def ents(ex, type_):
    return {e.name: e for e in ex.entities if e.type == type_}


def test_pipelines_are_ours_and_cached():
    nlp = nlp_for("vi")
    assert [n for n in nlp.pipe_names if n.startswith("liaison_")] == PIPELINE
    assert nlp_for("vi") is nlp


def test_english_reception():
    ex = run("Deputy Minister of Public Security Lieutenant General Nguyen Van Hai received Anna Berg, "
             "Director General of the Swedish Police Authority, in Hanoi on 3 March 2024. "
             "The two sides agreed to step up cooperation against drug trafficking and cybercrime.", "en")
    people = ents(ex, "Person")
    assert {"Nguyen Van Hai", "Anna Berg"} <= set(people)
    assert people["Nguyen Van Hai"].title.startswith("Deputy Minister")
    assert "Swedish Police Authority" in ents(ex, "Organization")
    assert ents(ex, "Organization")["Swedish Police Authority"].country == "Sweden"
    assert "Hanoi" in ents(ex, "Place")
    assert "Sweden" in ents(ex, "Country")   # from the adjective "Swedish"
    [m] = ex.meetings
    assert m.kind == "visit"
    assert m.date == "2024-03-03"
    assert m.place == "Hanoi, Vietnam"
    assert {p.entity for p in m.participants} >= {"Nguyen Van Hai", "Anna Berg"}
    assert {"drug trafficking", "cybercrime"} <= set(m.topics)
    assert m.sentences == [0] or 0 in m.sentences


def test_english_acronym_alias_and_surname_alias():
    ex = run("The Australian Federal Police (AFP) signed an arrangement with the Royal Malaysia Police. "
             "AFP Commissioner Mark Hollis said the arrangement would help. Hollis also met officers.", "en",
             "2024-05-02")
    orgs = ents(ex, "Organization")
    assert "AFP" in orgs["Australian Federal Police"].aliases
    people = ents(ex, "Person")
    assert "Mark Hollis" in people and "Hollis" in people["Mark Hollis"].aliases
    # every mention keeps offsets into the body and its sentence
    for e in ex.entities:
        for mn in e.mentions:
            assert ex.sentences[mn.sentence].start <= mn.start < ex.sentences[mn.sentence].end


def test_news_agency_credits_are_not_entities():
    ex = run("Hanoi (VNA) - Minister Bui Van Nam met Interpol officials. (Photo: VNA)", "en")
    names = {e.name for e in ex.entities}
    assert "VNA" not in names
    assert "Interpol" in names


def test_vietnamese_title_org_country_name():
    ex = run("Ngày 14-3, tại Hà Nội, Thượng tướng Trần Quốc Tỏ, Thứ trưởng Bộ Công an đã hội đàm với "
             "Bộ trưởng Bộ Nội vụ Campuchia Sok Phal về phòng, chống ma túy và buôn người.", "vi", "2024-03-20")
    people = ents(ex, "Person")
    assert {"Trần Quốc Tỏ", "Sok Phal"} <= set(people)
    orgs = ents(ex, "Organization")
    assert orgs["Bộ Nội vụ Campuchia"].country == "Cambodia"
    assert orgs["Bộ Công an"].country == "Vietnam"
    [m] = ex.meetings
    assert m.kind == "talks" and m.date == "2024-03-14"
    assert m.place.startswith("Hà Nội")
    assert {"drug trafficking", "human trafficking"} <= set(m.topics)


def test_french_ministry_with_adjective_and_ner_person():
    ex = run("Le ministre de l'Intérieur Laurent Nuñez a reçu le 5 mai à Paris son homologue marocain, "
             "Abdelouafi Laftit. Le ministère marocain de l'Intérieur a signé un accord sur la migration.",
             "fr", "2025-05")
    people = ents(ex, "Person")
    assert "Laurent Nuñez" in people and "Abdelouafi Laftit" in people
    assert ents(ex, "Organization")["ministère marocain de l'Intérieur"].country == "Morocco"
    assert "Morocco" in ents(ex, "Country")   # from the adjective "marocain"
    assert ex.meetings and ex.meetings[0].date == "2025-05-05"


def test_korean_name_before_title_and_org():
    ex = run("조지호 경찰청장은 12월 2일 서울에서 로널드 델라 로사 필리핀 경찰청장과 회담을 가졌다. "
             "양측은 재외국민 보호를 위해 협력하기로 합의했다.", "ko", "2024-12-05")
    people = ents(ex, "Person")
    assert {"조지호", "로널드 델라 로사"} <= set(people)
    orgs = ents(ex, "Organization")
    assert orgs["필리핀 경찰청"].country == "Philippines"
    assert "서울" in ents(ex, "Place")
    [m] = ex.meetings
    assert m.kind == "talks" and m.date == "2024-12-02"
    assert set(m.countries) >= {"Philippines"}
    assert "citizen protection" in m.topics


def test_japanese_katakana_and_kanji_names_with_titles():
    ex = run("3日、東京で、トー・ラム公安大臣は警察庁の露木康浩長官と会見しました。ラム大臣は協力強化を提案しました。",
             "ja", "2023-04")
    people = ents(ex, "Person")
    assert {"トー・ラム", "露木康浩"} <= set(people)
    assert "ラム" in people["トー・ラム"].aliases
    assert ents(ex, "Organization")["警察庁"].country == "Japan"
    [m] = ex.meetings
    assert m.kind == "visit" and m.date == "2023-04-03"
    assert m.place == "東京, Japan"


@pytest.mark.parametrize("lang", ["de", "und", "th"])
def test_other_languages_get_language_independent_parts(lang):
    ex = run("Die Polizei von Vietnam und INTERPOL trafen sich am 2024-03-05 in Hanoi.", lang)
    assert ex.language == lang
    assert "INTERPOL" in {e.name for e in ex.entities}
    assert not ex.warnings
