"""Personal names in the nominative, for languages that inflect them (a pack's
`name_normaliser`): "с министром Пулатом Бобоевым" names Пулат Бобоев. pymorphy3
(with its Russian dictionary, from PyPI) reads each word; the mention keeps the
words as written."""

from __future__ import annotations

import functools

#: normaliser name (pack key `name_normaliser`) -> pymorphy3 language
_MORPH = {"pymorphy3-ru": "ru"}      # the dictionaries the project installs
_NAME_TAGS = {"Name", "Surn", "Patr"}


@functools.lru_cache(maxsize=4)
def _analyzer(lang: str):
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


def known(normaliser: str | None) -> bool:
    return normaliser in _MORPH


@functools.lru_cache(maxsize=65536)
def _word(word: str, normaliser: str) -> str:
    parses = [p for p in _analyzer(_MORPH[normaliser]).parse(word) if _NAME_TAGS & set(p.tag.grammemes)]
    # a reading in the nominative, or none as one person's name (Саденов is no plural of Саден): as written
    if any(p.tag.case == "nomn" for p in parses):
        return word
    parses = [p for p in parses if p.tag.number != "plur"]
    if not parses:
        return word
    p = parses[0]
    form = p.inflect({"nomn", "sing"}) or p.inflect({"nomn"})
    out = form.word if form else p.normal_form
    return out[:1].upper() + out[1:] if word[:1].isupper() else out


def nominative(name: str, normaliser: str | None) -> str:
    """The name with each of its words in the nominative, when the normaliser knows them as names."""
    if not known(normaliser):
        return name
    return " ".join("-".join(_word(part, normaliser) for part in w.split("-")) for w in name.split(" "))


def is_personal_name(word: str, normaliser: str) -> bool:
    """Whether some reading of a one-word name is a first name, surname or patronymic."""
    if not known(normaliser) or " " in word:
        return False
    return any(_NAME_TAGS & set(p.tag.grammemes) for p in _analyzer(_MORPH[normaliser]).parse(word))
