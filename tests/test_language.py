from pathlib import Path

import pytest

from loaders.language import detect_language
from loaders.read import iter_paths, read_article

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_detection_agrees_with_every_declared_language_in_the_corpus():
    checked = 0
    for p in iter_paths([CORPUS]):
        a = read_article(p)
        if a.declared_language:
            assert detect_language(a.body) == a.declared_language, p.name
            checked += 1
    assert checked == 44      # dev-extra's 20 and dev-world's 24 carry a language header


def test_seeds_without_header_are_vietnamese_or_french():
    langs = {read_article(p).name: detect_language(read_article(p).body) for p in CORPUS.glob("00*.txt")}
    assert sorted(langs.values()) == ["fr", "vi", "vi", "vi", "vi"]


@pytest.mark.parametrize("text, lang", [
    ("The Minister of Public Security received the Interpol Secretary General in Hanoi.", "en"),
    ("Der Innenminister empfing den Generalsekretär von Interpol in Berlin.", "de"),
    ("경찰청장은 필리핀 경찰청장과 회담을 가졌다.", "ko"),
    ("公安大臣は警察庁長官と会談した。", "ja"),
])
def test_snippets(text, lang):
    assert detect_language(text) == lang
