"""Date normaliser: the shapes dates take in the news of each language pack."""

import pytest

from loaders.extract.dates import find_dates, normalise


@pytest.mark.parametrize("text, lang, published, expected", [
    ("hai ngày 28-29/9", "vi", "2024-10", ("2024-09-28", "2024-09-29")),
    ("từ ngày 13 đến 15-2", "vi", "2020-03", ("2020-02-13", "2020-02-15")),
    ("từ ngày 05-ngày 12 tháng 6", "vi", "2017", ("2017-06-05", "2017-06-12")),
    ("từ ngày 2-6/12", "vi", "2020-12", ("2020-12-02", "2020-12-06")),
    ("ngày 13.1, tại Bắc Kinh", "vi", "2017-01", ("2017-01-13", None)),
    ("Chiều nay (6/7), tại Hà Nội", "vi", "2017-07-06", ("2017-07-06", None)),
    ("vào tháng 3-2019", "vi", None, ("2019-03", None)),
    ("le 22 avril 2024", "fr", None, ("2024-04-22", None)),
    ("le 4 mars à Hanoï", "fr", "2023-03", ("2023-03-04", None)),
    ("March 3, 2026", "en", None, ("2026-03-03", None)),
    ("at a July 6 meeting", "en", "2017-07", ("2017-07-06", None)),
    ("on the afternoon of September 26th", "en", "2024-09-30", ("2024-09-26", None)),
    ("3 March 2024", "en", None, ("2024-03-03", None)),
    ("12월 2일", "ko", "2020-12", ("2020-12-02", None)),
    ("12월 2일 수요일부터 6일 일요일까지", "ko", "2020-12", ("2020-12-02", "2020-12-06")),
    ("오늘(20일) 오후", "ko", "2025-10-20", ("2025-10-20", None)),
    ("3月15日", "ja", "2024", ("2024-03-15", None)),
    ("2023年4月3日", "ja", None, ("2023-04-03", None)),
    ("5月7日(火)から10日(金)まで", "ja", "2024-05", ("2024-05-07", "2024-05-10")),
])
def test_normalise(text, lang, published, expected):
    assert normalise(text, lang, published) == expected


def test_missing_year_without_publication_date_gives_nothing():
    # "ngày 14-2" with no year anywhere: the year is not stated, so no date
    assert find_dates("ngày 14-2, Bộ trưởng", "vi", None) == []


def test_december_in_a_january_article_is_last_year():
    assert normalise("ngày 28/12", "vi", "2024-01")[0] == "2023-12-28"


def test_numbers_that_are_not_dates():
    assert find_dates("giai đoạn 2018-2022 về phòng, chống", "vi", "2021-09") == []
    assert find_dates("Hội nghị cấp cao ASEAN 40-41", "vi", "2023-03") == []
    assert find_dates("gần 200.000 người", "vi", "2017") == []


def test_offsets_point_at_the_expression():
    text = "Kim visited Hanoi on March 4, 2023 to sign the plan."
    d = find_dates(text, "en")[0]
    assert text[d.start:d.end] == "March 4, 2023"
    assert d.precision == "day"
