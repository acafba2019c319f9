"""Find and normalise date expressions, with each language pack's date words and patterns.

Only the matched piece is interpreted; a missing year (or month) is taken
from the article's publication date. Ranges give `date` and `end_date`.

    >>> [d.date for d in find_dates("ngày 28-29/9", "vi", "2024-10")]
    ['2024-09-28']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import functools

from .languages import LINGUA_FRANCA, pack, pack_words, supported
from .lexicon import compiled

@dataclass
class DateMatch:
    start: int
    end: int
    text: str
    date: str | None          # YYYY, YYYY-MM or YYYY-MM-DD
    end_date: str | None = None
    precision: str | None = None   # year / month / day
    explicit_year: bool = False
    # where the day numbers are written (the synthetic-corpus generator shifts them)
    day_spans: tuple = ()


def _pub(published: str | None) -> tuple[int | None, int | None, int | None]:
    if not published:
        return None, None, None
    parts = [int(p) for p in published.split("-") if p.isdigit()]
    parts += [None] * (3 - len(parts))
    return parts[0], parts[1], parts[2]


def _valid(y, m, d) -> bool:
    return (m is None or 1 <= m <= 12) and (d is None or 1 <= d <= 31) and (y is None or 1900 <= y <= 2100)


def _fmt(y, m=None, d=None) -> str | None:
    if y is None:
        return None
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _infer_year(m: int | None, published: str | None) -> int | None:
    py, pm, _ = _pub(published)
    if py is None:
        return None
    if m is not None and pm is not None and m > pm + 1:
        return py - 1            # "December" in a January article
    return py


def _make(start, end, text, y, m, d, published, d2=None, m2=None, y2=None) -> DateMatch | None:
    explicit = y is not None
    if y is None:
        y = _infer_year(m, published)
    if m is None and d is not None:
        _, pm, pd = _pub(published)
        m = pm
        if m is None:
            return None
        # "지난 28일" in an article of the 2nd: the 28th of the previous month
        if pd is not None and d > pd + 1 and not explicit:
            m -= 1
            if m == 0:
                m, y = 12, y - 1
    if not _valid(y, m, d) or (d2 is not None and not _valid(y, m2 or m, d2)):
        return None
    precision = "day" if d is not None else ("month" if m is not None else "year")
    end_date = None
    if d2 is not None:
        ey = y2 if y2 is not None else y
        em = m2 if m2 is not None else m
        end_date = _fmt(ey, em, d2)
        if end_date is not None and _fmt(y, m, d) is not None and end_date < _fmt(y, m, d):
            end_date = None
    return DateMatch(start, end, text, _fmt(y, m, d), end_date, precision, explicit)


_Y = r"(?P<y>(?:19|20)\d\d)"
def _cjk_patterns(year: str, month: str, day: str, range_sep: str, weekday: str = "") -> list[re.Pattern]:
    """Korean and Japanese dates share one shape: [Y년] M월 D일 [~ [M월] D일], Y년 M월, D일, Y년."""
    y = r"(?:" + _Y + year + r"\s*)?"
    m, d = r"(?P<m>\d{1,2})" + month, r"(?P<d>\d{1,2})" + day
    return [
        re.compile(y + m + r"\s*" + d + weekday + r"\s*(?:" + range_sep + r")\s*(?:(?P<m2>\d{1,2})" + month
                   + r"\s*)?(?P<d2>\d{1,2})" + day),
        re.compile(y + m + r"\s*" + d),
        re.compile(_Y + year + r"\s*" + m),
        re.compile(r"(?<![\d" + month + r"])" + d),
        re.compile(_Y + year),
    ]


ISO_PATTERN = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d{2})-(?P<d>\d{2})\b")
# 12.03.2024, 10/08/2023, 1-2-2024: day first, as most of the world writes it
# (used for languages without date patterns of their own)
NUMERIC_DMY = re.compile(r"(?<![\d.\/-])(?P<d>[0-3]?\d)([./-])(?P<m>[01]?\d)\2(?P<y>(?:19|20)\d\d)(?![\d])")


def _month(g: dict, key: str = "mn", months: dict | None = None) -> int | None:
    v = g.get(key)
    if not v:
        return None
    v = v.lower().rstrip(".")
    return (months or {}).get(v) or _months(LINGUA_FRANCA).get(v)


@functools.lru_cache(maxsize=None)
def _months(language: str) -> dict[str, int]:
    return {k.lower().rstrip("."): v for k, v in pack_words(language, "months").items()}


def _placeholders(source: str, months: dict[str, int]) -> str:
    """A pack's date pattern with its month names and the year put in (@MONTH@, @MONTH1@, @MONTH2@, @YEAR@)."""
    names = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True)) or "(?!)"
    for mark, group in (("@MONTH1@", "mn1"), ("@MONTH2@", "mn2"), ("@MONTH@", "mn")):
        source = source.replace(mark, "(?P<" + group + ">" + names + ")")
    return source.replace("@YEAR@", _Y)


@functools.lru_cache(maxsize=None)
def _pack_dates(language: str) -> tuple[list[re.Pattern], dict[str, int]]:
    """Date patterns of a language pack: its own (`date_patterns`, with its month names put
    in), the Han-character shape (`date_units`: 2024年6月6日, 6月6日至8日, 6日), or patterns
    built from its month names and joiners: day first, as "10 de febrero de 2025", "5. April
    2022", "19 Agustus 2020", "10 февраля 2025 года" write it, then month and year; and
    day/month numbers ("Rabu (19/8)", "12.03.2024")."""
    months = _months(language)
    own = pack_words(language, "date_patterns")
    if own:
        return [re.compile(_placeholders(p, pack_words(language, "months"))) for p in own], months
    units = pack_words(language, "date_units")
    if units:
        return _cjk_patterns(units.get("year", "年"), units.get("month", "月"), units.get("day", "日"),
                             units.get("range", "-"), units.get("weekday", "")), {}
    if not months:
        return [], {}
    era = pack_words(language, "era_offset")
    # years of another era (Buddhist 2568) too: find_dates takes the offset off
    lead = sorted({"19", "20", *(str(y + era)[:2] for y in (1900, 2000, 2099))}) if era else ["19", "20"]
    year = r"(?P<y>(?:" + "|".join(lead) + r")\d\d)"
    names = "|".join(sorted((re.escape(m) for m in pack_words(language, "months")), key=len, reverse=True))
    m = r"(?P<mn>" + names + r")\.?"
    joiners = pack_words(language, "date_joiners")
    j = (r"(?:\s+(?:" + "|".join(re.escape(w) for w in joiners) + r"))?") if joiners else ""
    y = r"(?:,?" + j + r"\s+" + year + r")?"
    words = pack_words(language, "date_range_words")
    to = r"\s*(?:[-–]|/" + (r"|\s(?:" + "|".join(re.escape(w) for w in words) + r")\s" if words else "") + r")\s*"
    return [
        re.compile(r"(?<![\w.])(?P<d>\d{1,2})\.?" + to + r"(?P<d2>\d{1,2})\.?" + j + r"\s+" + m + y + r"(?!\w)", re.I),
        re.compile(r"(?<![\w.])(?P<d>\d{1,2})\.?" + j + r"\s+" + m + y + r"(?!\w)", re.I),
        re.compile(r"(?<![\w.])" + m + j + r"\s+" + year + r"(?!\w)", re.I),
        NUMERIC_DMY,
        re.compile(r"\((?:[^\W\d]+,?\s*)?(?P<d>[0-3]?\d)/(?P<m>[01]?\d)\)"),
    ], months


@functools.lru_cache(maxsize=None)
def _fallback_dates() -> list[re.Pattern]:
    """A language without a pack: numeric dates, the lingua franca's, and the Han-character shapes."""
    han = [p for code in supported() if pack_words(code, "date_units") for p in _pack_dates(code)[0][:3]]
    return [NUMERIC_DMY, *_pack_dates(LINGUA_FRANCA)[0], *han]


def find_dates(text: str, language: str, published: str | None = None) -> list[DateMatch]:
    """Every date expression, left to right, without overlaps (earlier patterns win)."""
    patterns, months = _pack_dates(language)
    patterns = [ISO_PATTERN] + (patterns or _fallback_dates())
    era = pack_words(language, "era_offset") or 0
    taken: list[tuple[int, int]] = []
    out: list[DateMatch] = []
    for pat in patterns:
        for m in pat.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            g = m.groupdict()
            y = int(g["y"]) if g.get("y") else None
            if y and y > 2200:
                y -= era
            mo = int(g["m"]) if g.get("m") else _month(g, months=months)
            d = int(g["d"]) if g.get("d") else None
            d2 = int(g["d2"]) if g.get("d2") else None
            m2 = int(g["m2"]) if g.get("m2") else (_month(g, "mn2", months) if g.get("mn2") else None)
            if g.get("mn1"):
                m2, mo = mo, _month(g, "mn1", months)
            if mo is None and d is None and y is None:
                continue
            if mo is None and d is None and not _year_only(pat):
                continue
            dm = _make(s, e, m.group(0), y, mo, d, published, d2=d2, m2=m2)
            if dm is None or dm.date is None:
                continue
            dm.day_spans = tuple(m.span(k) for k in ("d", "d2") if g.get(k))
            taken.append((s, e))
            out.append(dm)
    out += _relative_dates(text, language, published, taken)
    out.sort(key=lambda x: x.start)
    return out


def _year_only(pat: re.Pattern) -> bool:
    """A pattern of a year alone ("năm 2023", "in 2023", "2023年") may date by the year; others need a month."""
    return set(pat.groupindex) <= {"y"}


def _relative_dates(text: str, language: str, published: str | None, taken: list) -> list[DateMatch]:
    """Weekday names and today / yesterday, counted back from a day-precise publication date
    (news reports "on Monday" for the past week). Without the day of publication they give nothing."""
    import datetime as _dt
    py, pm, pd = _pub(published)
    if py is None or pm is None or pd is None:
        return []
    try:
        base = _dt.date(py, pm, pd)
    except ValueError:
        return []
    out = []
    weekdays = {w.lower(): v for w, v in pack_words(language, "weekdays").items()}
    relative = {w.lower(): v for w, v in pack_words(language, "relative_offsets").items()}
    words = {**{w: ("wd", v) for w, v in weekdays.items()}, **{w: ("rel", v) for w, v in relative.items()}}
    if not words:
        return []
    # scripts without spaces between words (Korean, Japanese...) have no word edges to match on
    spaced = pack(language).spaced
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    rx = compiled(r"(?<![\w])(" + alt + r")(?![\w])" if spaced else ("(" + alt + ")"), re.I)
    for m in rx.finditer(text):
        s, e = m.span()
        # an explicit date right next to it ("Monday, March 4", "thứ Hai (4/3)") is the date
        if any(ts - 25 < e and s < te + 25 for ts, te in taken):
            continue
        kind, v = words[m.group(1).lower()] if m.group(1).lower() in words else words.get(m.group(1), (None, None))
        if kind is None:
            continue
        if kind == "wd":
            d = base - _dt.timedelta(days=(base.weekday() - v) % 7)
        else:
            d = base + _dt.timedelta(days=v)
        out.append(DateMatch(s, e, m.group(0), d.isoformat(), None, "day", False))
    return out


def normalise(expression: str, language: str, published: str | None = None) -> tuple[str | None, str | None]:
    """(date, end_date) of the first date expression in `expression`."""
    found = find_dates(expression, language, published)
    if not found:
        return None, None
    return found[0].date, found[0].end_date
