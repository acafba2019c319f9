"""Find and normalise date expressions in vi, en, fr, ko, ja text.

Only the matched piece is interpreted; a missing year (or month) is taken
from the article's publication date. Ranges give `date` and `end_date`.

    >>> [d.date for d in find_dates("ngày 28-29/9", "vi", "2024-10")]
    ['2024-09-28']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import functools

from .languages import pack_words
from .lexicon import compiled

EN_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
EN_MONTHS.update({m[:3]: i for m, i in list(EN_MONTHS.items())})
EN_MONTHS["sept"] = 9
FR_MONTHS = {m: i for i, m in enumerate(
    ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
     "octobre", "novembre", "décembre"], 1)}
FR_MONTHS.update({"fevrier": 2, "aout": 8, "decembre": 12})


@dataclass
class DateMatch:
    start: int
    end: int
    text: str
    date: str | None          # YYYY, YYYY-MM or YYYY-MM-DD
    end_date: str | None = None
    precision: str | None = None   # year / month / day
    explicit_year: bool = False


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
VI_PATTERNS = [
    # từ ngày 05-ngày 12 tháng 6 (năm 2017) / từ ngày 13 đến 15-2 / từ ngày 2-6/12
    re.compile(r"(?:từ\s+)?ngày\s+(?P<d>\d{1,2})\s*(?:-|–|đến|tới)\s*(?:ngày\s+)?(?P<d2>\d{1,2})"
               r"\s*(?:[-/.]\s*|\s+tháng\s+)(?P<m>\d{1,2})(?:\s*(?:[-/.]|năm)\s*" + _Y + r")?", re.I),
    # từ ngày 28/9 đến ngày 2/10 (across months)
    re.compile(r"(?:từ\s+)?(?:ngày\s+)?(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*(?:-|–|đến|tới)\s*(?:ngày\s+)?(?P<d2>\d{1,2})\s*/\s*(?P<m2>\d{1,2})(?:\s*/\s*" + _Y + r")?"),
    # ngày 28 và 29/9
    re.compile(r"ngày\s+(?P<d>\d{1,2})\s+và\s+(?P<d2>\d{1,2})\s*[-/.]\s*(?P<m>\d{1,2})(?:\s*[-/.]\s*" + _Y + r")?", re.I),
    # hai ngày 28-29/9
    re.compile(r"(?P<d>\d{1,2})\s*[-–]\s*(?P<d2>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*" + _Y + r")?"),
    # ngày 13 tháng 6 năm 2024
    re.compile(r"(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s*(?:năm|,)?\s*" + _Y + r")?", re.I),
    # ngày 14-2 / ngày 8/12 / (6/7) / chiều 7/7 / ngày 13.1 / 14/2/2024
    re.compile(r"(?:(?<=ngày )|(?<=Ngày )|(?<=[Cc]hiều )|(?<=[Ss]áng )|(?<=[Tt]ối )|(?<=[Tt]rưa )|(?<=\())"
               r"(?P<d>\d{1,2})\s*[-/.]\s*(?P<m>\d{1,2})(?:\s*[-/.]\s*" + _Y + r")?(?!\d)"),
    re.compile(r"(?<![\d/.-])(?P<d>\d{1,2})/(?P<m>\d{1,2})/" + _Y),
    # tháng 3-2019 / tháng 3/2019 / tháng 6 năm 2017 / tháng 6
    re.compile(r"tháng\s+(?P<m>\d{1,2})(?:\s*(?:[-/]|năm)\s*" + _Y + r")?", re.I),
    re.compile(r"năm\s+" + _Y, re.I),
]

_EN_M = r"(?P<mn>" + "|".join(sorted((re.escape(m) for m in EN_MONTHS), key=len, reverse=True)) + r")\.?"
_EN_M2 = _EN_M.replace("?P<mn>", "?P<mn2>")
EN_PATTERNS = [
    re.compile(_EN_M + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\s*[-–]\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+" + _Y + r")?\b", re.I),
    re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s*[-–]\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+" + _EN_M + r"(?:,?\s+" + _Y + r")?\b", re.I),
    re.compile(_EN_M + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:,?\s+" + _Y + r")?", re.I),
    re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _EN_M + r"(?:,?\s+" + _Y + r")?\b", re.I),
    re.compile(r"\b(?:in|since|of|during|from|early|late|mid-?)\s+" + _EN_M + r"(?:,?\s+" + _Y + r")?\b", re.I),
    re.compile(r"\b" + _EN_M + r"\s+" + _Y + r"\b", re.I),
    re.compile(r"\b(?:in|since|of|during)\s+" + _Y + r"\b", re.I),
]

# "from 28 to 30 November 2023", "between 28 and 30 November", "November 28 to 30"
EN_PATTERNS.insert(0, re.compile(r"\b(?:from|between)\s+(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:to|and|until|till)\s+(?:the\s+)?(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _EN_M + r"(?:,?\s+" + _Y + r")?\b", re.I))
EN_PATTERNS.insert(1, re.compile(r"\b(?:from\s+|between\s+)?" + _EN_M + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:to|and|until|till|through)\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?!\s*(?:per|%|\d))(?:,?\s+" + _Y + r")?\b", re.I))
EN_PATTERNS.insert(2, re.compile(r"\b(?:from\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _EN_M.replace("?P<mn>", "?P<mn1>") + r"\s+(?:to|until|till)\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+" + _EN_M + r"(?:,?\s+" + _Y + r")?\b", re.I))

_FR_M = r"(?P<mn>" + "|".join(sorted(FR_MONTHS, key=len, reverse=True)) + r")"
FR_PATTERNS = [
    # "les 4 et 5 novembre", "du 28 novembre au 1er décembre"
    re.compile(r"\bles\s+(?P<d>\d{1,2})(?:er)?\s+et\s+(?P<d2>\d{1,2})\s+" + _FR_M + r"(?:\s+" + _Y + r")?", re.I),
    re.compile(r"\bdu\s+(?P<d>\d{1,2})(?:er)?\s+(?:" + _FR_M.replace("?P<mn>", "?P<mn1>") + r"\s+)?au\s+(?P<d2>\d{1,2})(?:er)?\s+" + _FR_M + r"(?:\s+" + _Y + r")?", re.I),
    re.compile(r"\b(?P<d>\d{1,2})(?:er)?\s+" + _FR_M + r"(?:\s+" + _Y + r")?", re.I),
    re.compile(r"\b(?:en|depuis|de)\s+" + _FR_M + r"(?:\s+" + _Y + r")?\b", re.I),
    re.compile(r"\b" + _FR_M + r"\s+" + _Y + r"\b", re.I),
    re.compile(r"\ben\s+" + _Y + r"\b", re.I),
]

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


KO_PATTERNS = _cjk_patterns("년", "월", "일", "부터|~|-", weekday=r"(?:\s*\(?[월화수목금토일]요일\)?)?")
JA_PATTERNS = _cjk_patterns("年", "月", "日", "から|～|~|-|－")

PATTERNS = {"vi": VI_PATTERNS, "en": EN_PATTERNS, "fr": FR_PATTERNS, "ko": KO_PATTERNS, "ja": JA_PATTERNS}
ISO_PATTERN = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d{2})-(?P<d>\d{2})\b")
# 12.03.2024, 10/08/2023, 1-2-2024: day first, as most of the world writes it
# (used for languages without their own patterns; English keeps its own)
NUMERIC_DMY = re.compile(r"(?<![\d.\/-])(?P<d>[0-3]?\d)([./-])(?P<m>[01]?\d)\2(?P<y>(?:19|20)\d\d)(?![\d])")


def _month(g: dict, key: str = "mn", months: dict | None = None) -> int | None:
    v = g.get(key)
    if not v:
        return None
    v = v.lower().rstrip(".")
    return (months or {}).get(v) or EN_MONTHS.get(v) or FR_MONTHS.get(v)


@functools.lru_cache(maxsize=None)
def _pack_dates(language: str) -> tuple[list[re.Pattern], dict[str, int]]:
    """Date patterns of a language pack, from its month names and joiners: day first, as
    "10 de febrero de 2025", "5. April 2022", "19 Agustus 2020", "10 февраля 2025 года"
    write it, then month and year; and day/month numbers ("Rabu (19/8)", "12.03.2024")."""
    units = pack_words(language, "date_units")
    if units:
        # 2024年6月6日, 6月6日至8日, 6日: the Korean and Japanese shape, the pack's characters
        return _cjk_patterns(units.get("year", "年"), units.get("month", "月"), units.get("day", "日"),
                             units.get("range", "-")), {}
    months = {k.lower(): v for k, v in pack_words(language, "months").items()}
    if not months:
        return [], {}
    lookup = {k.rstrip("."): v for k, v in months.items()}     # _month drops a final dot (ส.ค. -> ส.ค)
    era = pack_words(language, "era_offset")
    # years of another era (Buddhist 2568) too: find_dates takes the offset off
    lead = sorted({"19", "20", *(str(y + era)[:2] for y in (1900, 2000, 2099))}) if era else ["19", "20"]
    year = r"(?P<y>(?:" + "|".join(lead) + r")\d\d)"
    names = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
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
    ], lookup


def find_dates(text: str, language: str, published: str | None = None) -> list[DateMatch]:
    """Every date expression, left to right, without overlaps (earlier patterns win)."""
    patterns = list(PATTERNS.get(language, []))
    months = None
    if language not in PATTERNS:
        own, months = _pack_dates(language)
        patterns = own or [NUMERIC_DMY] + EN_PATTERNS + KO_PATTERNS[:3] + JA_PATTERNS[:3]
    patterns = [ISO_PATTERN] + patterns
    taken: list[tuple[int, int]] = []
    out: list[DateMatch] = []
    for pat in patterns:
        for m in pat.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            g = m.groupdict()
            y = int(g["y"]) if g.get("y") else None
            if y and y > 2200 and language not in PATTERNS:
                y -= pack_words(language, "era_offset") or 0
            mo = int(g["m"]) if g.get("m") else _month(g, months=months)
            d = int(g["d"]) if g.get("d") else None
            d2 = int(g["d2"]) if g.get("d2") else None
            m2 = int(g["m2"]) if g.get("m2") else (_month(g, "mn2", months) if g.get("mn2") else None)
            if g.get("mn1"):
                m2, mo = mo, _month(g, "mn1", months)
            if mo is None and d is None and y is None:
                continue
            if mo is None and d is None and pat not in (VI_PATTERNS[-1], EN_PATTERNS[-1], FR_PATTERNS[-1], KO_PATTERNS[-1], JA_PATTERNS[-1]):
                continue
            dm = _make(s, e, m.group(0), y, mo, d, published, d2=d2, m2=m2)
            if dm is None or dm.date is None:
                continue
            taken.append((s, e))
            out.append(dm)
    out += _relative_dates(text, language, published, taken)
    out.sort(key=lambda x: x.start)
    return out


WEEKDAYS = {
    "en": {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6},
    "fr": {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6},
    "vi": {"thứ hai": 0, "thứ ba": 1, "thứ tư": 2, "thứ năm": 3, "thứ sáu": 4, "thứ bảy": 5, "chủ nhật": 6},
    "ko": {"월요일": 0, "화요일": 1, "수요일": 2, "목요일": 3, "금요일": 4, "토요일": 5, "일요일": 6},
    "ja": {"月曜日": 0, "火曜日": 1, "水曜日": 2, "木曜日": 3, "金曜日": 4, "土曜日": 5, "日曜日": 6},
}
RELATIVE = {
    "en": {"today": 0, "yesterday": -1, "earlier today": 0},
    "fr": {"aujourd'hui": 0, "aujourd’hui": 0, "hier": -1},
    "vi": {"hôm nay": 0, "sáng nay": 0, "chiều nay": 0, "tối nay": 0, "hôm qua": -1, "sáng qua": -1, "chiều qua": -1},
    "ko": {"오늘": 0, "어제": -1},
    "ja": {"本日": 0, "今日": 0, "昨日": -1},
}


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
    weekdays = WEEKDAYS.get(language) or {w.lower(): v for w, v in pack_words(language, "weekdays").items()}
    relative = RELATIVE.get(language) or {w.lower(): v for w, v in pack_words(language, "relative_offsets").items()}
    words = {**{w: ("wd", v) for w, v in weekdays.items()}, **{w: ("rel", v) for w, v in relative.items()}}
    if not words:
        return []
    cjk = language in ("ko", "ja")
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    rx = compiled(("(" + alt + ")") if cjk else r"(?<![\w])(" + alt + r")(?![\w])", re.I)
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
