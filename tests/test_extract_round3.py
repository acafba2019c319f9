"""Round 3: organisation precision, per-meeting topics and countries, agreement status.

Snippets written for these tests in the way cooperation news is written in
each language, with other countries, agencies and people than the
development articles.
"""

from __future__ import annotations


from .snippets import run


def orgs(ex):
    return {e.name: e for e in ex.entities if e.type == "Organization"}


def people(ex):
    return {e.name: e for e in ex.entities if e.type == "Person"}


# ---------------------------------------------------------------- organisations
def test_vi_org_does_not_swallow_head_name():
    ex = run("Tổng Giám đốc Cơ quan Cảnh sát quốc gia Park Sung-ho đã có chuyến thăm Lào từ ngày 3-5/6.", "vi", "2024-06")
    assert "Cơ quan Cảnh sát quốc gia" in orgs(ex)
    assert not any("Park" in n for n in orgs(ex))
    assert "Park Sung-ho" in people(ex)


def test_vi_org_name_in_brackets_is_one_body():
    ex = run("Thượng tướng Nguyễn Văn Long tiếp Phó Tổng Thư ký Tổ chức Cảnh sát hình sự quốc tế (Interpol) "
             "Valdecy Urquiza. Interpol đánh giá cao hợp tác với Việt Nam.", "vi", "2024-05")
    o = orgs(ex)
    assert "Tổ chức Cảnh sát hình sự quốc tế" in o and "Interpol" not in o
    assert o["Tổ chức Cảnh sát hình sự quốc tế"].country == "international"


def test_vi_bare_and_qualified_name_are_one_body():
    ex = run("Đoàn đại biểu Bộ Công an Việt Nam do Thứ trưởng Lê Văn Tuyến dẫn đầu đã làm việc với Bộ Công an Lào. "
             "Thứ trưởng cảm ơn Bộ Công an đã hỗ trợ.", "vi", "2024-05")
    o = orgs(ex)
    assert "Bộ Công an" not in o          # the bare name is Vietnam's ministry, named in full
    assert {"Bộ Công an Việt Nam", "Bộ Công an Lào"} <= set(o)


def test_ko_bare_ministry_is_the_named_one():
    ex = run("라오스 공안부 대표단이 서울을 방문했다. 공안부는 마약 수사 협력을 요청했다.", "ko", "2024-05-10")
    o = orgs(ex)
    assert "공안부" not in o and "라오스 공안부" in o
    assert o["라오스 공안부"].country == "Laos"


def test_en_generic_committee_and_described_police_are_not_orgs():
    ex = run("The minister said he hopes the Secretariat and Standing Committee will keep supporting Malaysian police. "
             "He praised the cooperation between Thailand’s Ministry of Public Security and Interpol.", "en", "2024-05-10")
    o = orgs(ex)
    assert "Standing Committee" not in o and "Malaysian police" not in o
    assert any(n.endswith("Ministry of Public Security") for n in o)


def test_ko_event_name_and_bare_government_are_not_orgs():
    ex = run("태국 측은 오는 12일 서울에서 열리는 국제경찰청장회의에 참석하기로 했다. 양국 정부는 협력을 확대하기로 했다.",
             "ko", "2024-05-10")
    o = orgs(ex)
    assert not any(n.endswith("경찰청") for n in o)
    assert "정부" not in o


def test_ko_noun_after_title_is_not_a_name():
    ex = run("라오스 공안부가 경찰청장 방문을 공식 요청하고, 경찰청이 이를 수락했다.", "ko", "2024-05-10")
    assert "방문을" not in people(ex)


def test_acronym_of_agreement_is_not_an_org():
    ex = run("Police chiefs signed the Regional Protocol on Maritime Crime Response (RPMCR) in Manila on Friday. "
             "The RPMCR sets up a joint desk.", "en", "2024-05-10")
    assert "RPMCR" not in orgs(ex)


# ---------------------------------------------------------------- meetings
def test_topics_belong_to_their_own_meeting():
    ex = run("JAKARTA - Minister Budi Gunawan received Australian Federal Police Commissioner Reece Kershaw on Monday. "
             "The two discussed drug trafficking and money laundering. "
             "Later, Budi Gunawan held talks with Thai Police General Kittirat Phanphet. "
             "They agreed to step up the fight against human trafficking.", "en", "2024-05-10")
    assert len(ex.meetings) == 2
    first = next(m for m in ex.meetings if any(p.entity == "Reece Kershaw" for p in m.participants))
    second = next(m for m in ex.meetings if any(p.entity == "Kittirat Phanphet" for p in m.participants))
    assert "drug trafficking" in first.topics and "human trafficking" not in first.topics
    assert "human trafficking" in second.topics and "drug trafficking" not in second.topics


def test_home_official_gives_home_country():
    ex = run("Ngày 12/5, tại Hà Nội, Thứ trưởng Nguyễn Văn Long đã tiếp Đại sứ Australia tại Việt Nam Andrew Goledzinowski. "
             "Hai bên trao đổi về phòng, chống ma túy.", "vi", "2024-05")
    [m] = ex.meetings
    assert "Vietnam" in m.countries


def test_ja_kanji_official_is_home_country():
    ex = run("東京で、ラオスのヴィライ・ラカムポン公安大臣は山田太郎国家公安委員長と会談した。", "ja", "2024-05-10")
    [m] = ex.meetings
    assert {"Laos", "Japan"} <= set(m.countries)


# ---------------------------------------------------------------- agreements
def test_ko_agreement_to_be_signed_is_proposed():
    ex = run("또한, 태국 법무부는 형사사법공조 조약을 조속히 체결하기로 했다.", "ko", "2024-05-10")
    agr = [e for e in ex.entities if e.type == "Agreement"]
    assert agr and all(a.status == "proposed" for a in agr)


def test_en_will_sign_is_proposed():
    ex = run("The two police forces will sign a memorandum of understanding on cybercrime next month.", "en", "2024-05-10")
    agr = [e for e in ex.entities if e.type == "Agreement"]
    assert agr and agr[0].status == "proposed"
