from pathlib import Path

import pytest

from liaison.errors import ArticleError
from loaders.read import content_id, iter_paths, parse_article, read_article

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_corpus_has_the_49_articles_and_all_read():
    paths = list(iter_paths([CORPUS]))
    assert len(paths) == 49      # 25 first articles and dev-world's 24, in 10 languages
    articles = [read_article(p) for p in paths]
    assert len({a.id for a in articles}) == 49
    assert len({a.declared_language for a in articles if a.name.startswith("w")}) == 10
    assert all(a.body.strip() for a in articles)


def test_header_form():
    text = "url: https://example.org/a\nlanguage: en\npublished: 2024-03\ntitle: Police chiefs meet\n\nBody one.\nBody two, a longer line of text."
    a = parse_article(text, name="x1")
    assert a.url == "https://example.org/a"
    assert a.declared_language == "en"
    assert a.published == "2024-03"
    assert a.title == "Police chiefs meet"
    assert a.body.startswith("Body one.")


def test_header_unknown_values_become_none():
    a = parse_article("language: ja\npublished: unknown\ntitle: unknown\n\n" + "本文です。" * 10, name="x")
    assert a.published is None and a.title is None and a.declared_language == "ja"


def test_raw_form_with_date_marker_and_credit():
    a = parse_article(" date 2024-10 Photo : AGENCY\n\nThe minister met his counterpart in the capital today.", "r1")
    assert a.published == "2024-10"
    assert "Photo" not in a.body
    assert a.body.startswith("The minister")


def test_raw_form_date_marker_followed_by_prose_keeps_the_prose():
    line = " date 2021-09 The deputy minister also asked all parties to keep implementing the plan of action on terrorism."
    a = parse_article(line + "\nMore text follows here.", "r2")
    assert a.published == "2021-09"
    assert a.body.startswith("The deputy minister")


def test_raw_form_title_with_dashes():
    a = parse_article("A title line\n-----------\nThe body starts here and goes on for a while.", "r3")
    assert a.title == "A title line"
    assert a.body.startswith("The body")


def test_content_hash_id_ignores_file_name(tmp_path):
    body = "The minister met his counterpart in the capital today to discuss drugs."
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    (tmp_path / "b.txt").write_text(body, encoding="utf-8")
    a, b = read_article(tmp_path / "a.txt"), read_article(tmp_path / "b.txt")
    assert a.id == b.id == content_id(a.body)
    assert a.name == "a" and b.name == "b"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        ("Le ministre a rencontré son homologue à Paris.".encode("latin-1"), "not UTF-8"),
        (b"url: x\npublished: last tuesday\n\nThe body of the article is here.", "published"),
        (b"12 34 56 !!", "almost no letters"),
    ],
)
def test_malformed_articles_raise_a_clear_error(tmp_path, data, reason):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(ArticleError) as info:
        read_article(p)
    assert reason in str(info.value)
    assert str(p) in str(info.value)


def test_a_one_line_article_without_full_stop_is_a_body_not_a_title():
    a = parse_article("ตำรวจแห่งชาติไทยและตำรวจมาเลเซียลงนามบันทึกความเข้าใจว่าด้วยความร่วมมือ\n", "th1")
    assert a.title is None and a.body.startswith("ตำรวจ")
