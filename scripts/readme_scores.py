"""Render metrics/scores.json into README.md between the `<!-- scores -->` markers.

`make scores` runs the evaluation and then this script, so the README always
shows the numbers the last evaluation measured; tests/test_readme.py fails
when the two disagree.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- scores -->", "<!-- /scores -->"
SETS = (("seeds", "seeds (5 articles, `dev-gold`)"), ("extra", "dev-extra (20 articles)"),
        ("world", "dev-world (24 articles, 10 languages)"))
TYPES = ("Person", "Organization", "Country", "Place", "Agreement", "all")


def render(scores: dict) -> str:
    lines = [START, "", "| measure | " + " | ".join(label for _, label in SETS) + " |",
             "|---|" + "---|" * len(SETS)]

    def row(name, get):
        vals = []
        for key, _ in SETS:
            try:
                vals.append(f"{get(scores[key]):.2f}")
            except (KeyError, TypeError):
                vals.append("–")
        lines.append(f"| {name} | " + " | ".join(vals) + " |")

    for t in TYPES:
        row(f"entity F1: {t}", lambda s, t=t: s["entities"][t]["f1"])
    row("meeting F1", lambda s: s["meetings"]["f1"])
    row("meetings with the right date, F1", lambda s: s["meetings_with_date"]["f1"])
    for attr in ("participants", "countries", "topics", "date", "kind", "place"):
        row(f"matched meetings: {attr}", lambda s, a=attr: s["meeting_attributes"][a])
    row("resolution F1", lambda s: s["resolution"]["f1"])
    row("event F1 (one meeting id per encounter)", lambda s: s["events"]["f1"])
    for key, label in SETS:
        langs = (scores.get(key) or {}).get("languages") or {}
        if len(langs) > 1:
            lines += ["", f"Per language, {label}: entity / meeting / dated-meeting F1", "",
                      "| " + " | ".join(f"{lang} ({v['documents']})" for lang, v in langs.items()) + " |",
                      "|" + "---|" * len(langs),
                      "| " + " | ".join(f"{v['entity_f1']:.2f} / {v['meeting_f1']:.2f} / {v['meeting_date_f1']:.2f}"
                                        for v in langs.values()) + " |"]
    if scores.get("events"):
        e = scores["events"]
        lines += ["", f"Event F1 over dev-extra and dev-world together: **{e['f1']:.2f}** "
                      f"(precision {e['precision']:.2f}, recall {e['recall']:.2f})."]
    lines += ["", END]
    return "\n".join(lines)


def update(readme: Path, scores: dict) -> bool:
    text = readme.read_text(encoding="utf-8")
    new = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _m: render(scores), text, flags=re.S)
    if new != text:
        readme.write_text(new, encoding="utf-8")
        return True
    return False


if __name__ == "__main__":
    scores = json.loads((ROOT / "metrics" / "scores.json").read_text(encoding="utf-8"))
    changed = update(ROOT / "README.md", scores)
    print("README.md scores updated" if changed else "README.md scores already current", file=sys.stderr)
