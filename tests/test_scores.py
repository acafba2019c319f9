"""Extraction over the corpus, scored against the development gold: must not slip.

Uses /work/shared/eval when present, else the vendored copy in tests/eval
(score.py, dev-gold, dev-extra gold and identities, dev-world articles and
gold), so it runs on a fresh clone. Floors sit a little under what the extractor achieves (see
metrics/scores.json); lowering one needs a reason in the commit message.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

FLOORS = {
    # achieved: seeds 0.910 / 0.889 / 0.889 / 0.909 / kind 0.88, extra 0.952 / 0.985 / 0.925 / 0.943 / kind 0.91,
    # world 0.884 / 0.889 / 0.741 / 0.647 / kind 0.62 (before the language packs: 0.619 / 0.353 / 0.294 / 0.357)
    "seeds": {"entity": 0.88, "meeting": 0.86, "date": 0.86, "resolution": 0.88, "kind": 0.85},
    "extra": {"entity": 0.92, "meeting": 0.95, "date": 0.89, "resolution": 0.91, "kind": 0.87},
    "world": {"entity": 0.85, "meeting": 0.85, "date": 0.70, "resolution": 0.62, "kind": 0.55},
}
#: Event F1 (one meeting id per encounter) over dev-extra and dev-world together; achieved 1.000
#: (0.889 before itineraries were split into their encounters).
EVENTS_FLOOR = 0.90


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("liaison_evaluate", ROOT / "scripts" / "evaluate.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.run(ROOT / "corpus", tmp_path_factory.mktemp("pred"))


@pytest.mark.parametrize("name", ["seeds", "extra", "world"])
def test_scores_do_not_slip(results, name):
    r = results[name]["result"]
    assert not r["missing_predictions"], r["missing_predictions"]
    got = {"entity": r["entities"]["all"]["f1"], "meeting": r["meetings"]["f1"],
           "date": r["meetings_with_date"]["f1"], "resolution": r["resolution"]["f1"],
           "kind": r["meeting_attributes"].get("kind", 0.0)}
    low = {k: round(v, 3) for k, v in got.items() if v < FLOORS[name][k]}
    assert not low, f"{name}: below floor {FLOORS[name]}: {low}\n{results[name]['report']}"


def test_reports_of_one_encounter_share_a_meeting_id(results):
    events = results["events"]
    assert events["f1"] >= EVENTS_FLOOR, events
    # the ids join only reports of one encounter
    assert events["precision"] >= 0.95, events
