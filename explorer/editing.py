"""Pure helpers of the add-article page: highlight mentions, apply corrections, drop items."""

from __future__ import annotations

import html

from explorer.graphview import STYLE


def highlight(text: str, ex) -> str:
    spans = sorted(((m.start, m.end, e.type, e.name) for e in ex.entities for m in e.mentions), key=lambda s: (s[0], -s[1]))
    out, pos = [], 0
    for start, end, type_, name in spans:
        if start < pos or end > len(text) or start >= end:
            continue
        colour = STYLE.get(type_, {}).get("color", "#888")
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark title="{html.escape(f"{type_}: {name}", quote=True)}" '
                   f'style="background:{colour}33;border-bottom:2px solid {colour}">{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def prune(ex, drop_entities: set[str], drop_meetings: set[int]):
    """The extraction without the dropped entities (and their roles in meetings) and dropped meetings."""
    import copy

    ex = copy.deepcopy(ex)
    ex.entities = [e for e in ex.entities if e.name not in drop_entities]
    meetings = []
    for i, m in enumerate(ex.meetings):
        if i in drop_meetings:
            continue
        m.participants = [p for p in m.participants if p.entity not in drop_entities]
        m.countries = [c for c in m.countries if c not in drop_entities]
        m.agreements = [a for a in m.agreements if a not in drop_entities]
        meetings.append(m)
    ex.meetings = meetings
    for e in ex.entities:
        if e.affiliation in drop_entities:
            e.affiliation = None
    return ex


def correct(ex, entity_rows: list[dict], meeting_rows: list[dict]):
    """Apply the analyst's corrections (entity type and title; meeting kind, date, place) and re-resolve ids."""
    from loaders.model import ENTITY_TYPES, MEETING_KINDS
    from loaders.resolve import assign_ids

    by_name = {e.name: e for e in ex.entities}
    for row in entity_rows:
        e = by_name.get(row["name"])
        if e is None:
            continue
        if row.get("type") in ENTITY_TYPES:
            e.type = row["type"]
        e.title = (row.get("title") or "").strip() or None
    for m, row in zip(ex.meetings, meeting_rows):
        if row.get("kind") in MEETING_KINDS:
            m.kind = row["kind"]
        m.date = (row.get("date") or "").strip() or None
        m.place = (row.get("place") or "").strip() or None
    # A changed type changes the canonical id (person:… vs org:…).
    assign_ids(ex)
    return ex
