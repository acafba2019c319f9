"""Write an Extraction in the evaluation format of shared/eval/FORMAT.md."""

from __future__ import annotations

import json
from pathlib import Path

from .model import Extraction


def to_record(ex: Extraction) -> dict:
    entities = []
    for e in ex.entities:
        rec = {"id": e.id, "type": e.type, "name": e.name, "aliases": [a for a in e.aliases if a != e.name]}
        if e.type == "Person":
            rec["title"] = e.title
            rec["affiliation"] = e.affiliation
        elif e.type in ("Organization", "Place"):
            rec["country"] = e.country
        elif e.type == "Agreement":
            rec["status"] = e.status
        entities.append(rec)
    meetings = [
        {
            "id": m.id,
            "date": m.date,
            "end_date": m.end_date,
            "place": m.place,
            "participants": [p.entity for p in m.participants],
            "roles": {p.entity: p.role for p in m.participants},
            "countries": m.countries,
            "kind": m.kind,
            "topics": m.topics,
            "outcomes": m.outcomes,
        }
        for m in ex.meetings
    ]
    return {"doc": ex.name, "language": ex.language, "entities": entities, "meetings": meetings}


def write_json(ex: Extraction, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{ex.name}.json"
    path.write_text(json.dumps(to_record(ex), ensure_ascii=False, indent=1), encoding="utf-8")
    return path
