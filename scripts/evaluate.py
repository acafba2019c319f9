#!/usr/bin/env python3
"""Extract the corpus articles that have gold, score both dev sets, write metrics.

    .venv/bin/python scripts/evaluate.py [--corpus corpus] [--out out] [--metrics metrics/scores.json]

Seeds: gold in <eval>/dev-gold (stems = corpus/00*.txt); dev-extra: gold in
<eval>/dev-extra/gold (stems = corpus/dNN.txt); dev-world: gold and articles in
<eval>/dev-world. Meetings are resolved across all of them, as `liaison extract`
and a graph holding them do. <eval> is /work/shared/eval when present, else the
vendored copy in tests/eval.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders.export import write_json  # noqa: E402
from loaders.extract import extract  # noqa: E402
from loaders.language import detect_language  # noqa: E402
from loaders.read import read_article  # noqa: E402
from loaders.events import resolve_meetings  # noqa: E402
from loaders.resolve import assign_ids  # noqa: E402


def eval_dir() -> Path:
    shared = Path("/work/shared/eval")
    if (shared / "score.py").exists() and (shared / "dev-gold").is_dir():
        return shared
    return ROOT / "tests" / "eval"


def sets(base: Path) -> dict[str, dict]:
    """Each development set: its gold, its identities, and where its articles are
    (the seeds and dev-extra are in the corpus; dev-world's articles sit beside its gold)."""
    extra, world = base / "dev-extra", base / "dev-world"
    return {
        "seeds": {"gold": base / "dev-gold", "identities": base / "dev-identities.json", "docs": None},
        "extra": {"gold": extra / "gold", "identities": extra / "identities.json", "docs": None},
        "world": {"gold": world / "gold", "identities": world / "identities.json", "docs": world / "docs"},
    }


#: The sets whose same-encounter reports (gold `event` keys) are scored together.
EVENT_SETS = ("extra", "world")


def load_scorer(base: Path):
    spec = importlib.util.spec_from_file_location("liaison_score", base / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run(corpus: Path, out: Path, base: Path | None = None) -> dict:
    """Extract every article that has gold, resolve meetings across all of them
    (as one graph holding them would), score each set, and the events of
    EVENT_SETS together."""
    base = base or eval_dir()
    scorer = load_scorer(base)
    results = {}
    t0 = time.perf_counter()
    extracted: dict[str, list] = {}
    for name, cfg in sets(base).items():
        if not cfg["gold"].is_dir():
            continue
        folder = cfg["docs"] or corpus
        extracted[name] = []
        for stem in sorted(p.stem for p in cfg["gold"].glob("*.json")):
            path = folder / f"{stem}.txt"
            if not path.exists():
                continue
            art = read_article(path)
            if art.synthetic:
                raise SystemExit(f"{path} is synthetic (liaison synth): for speed and scale only, never for scores")
            ex = extract(art, art.declared_language or detect_language(art.body))
            assign_ids(ex)
            extracted[name].append((art, ex))
    resolve_meetings([pair for pairs in extracted.values() for pair in pairs])
    total_time = time.perf_counter() - t0
    golds, preds, identities_all = {}, {}, {}
    for name, pairs in extracted.items():
        cfg = sets(base)[name]
        pred_dir = out / f"pred-{name}"
        pred_dir.mkdir(parents=True, exist_ok=True)
        for old in pred_dir.glob("*.json"):
            old.unlink()
        for _art, ex in pairs:
            write_json(ex, pred_dir)
        identities = json.loads(cfg["identities"].read_text(encoding="utf-8")) if cfg["identities"].exists() else []
        gold, pred = scorer.load_dir(cfg["gold"]), scorer.load_dir(pred_dir)
        result = scorer.evaluate(gold, pred, identities)
        results[name] = {"result": result, "report": scorer.report(result),
                         "languages": by_language(scorer, gold, pred, identities)}
        golds[name], preds[name], identities_all[name] = gold, pred, identities
    together = [n for n in EVENT_SETS if n in golds]
    if together:
        gold = {k: v for n in together for k, v in golds[n].items()}
        pred = {k: v for n in together for k, v in preds[n].items()}
        results["events"] = scorer.evaluate(gold, pred, [g for n in together for g in identities_all[n]])["events"]
    results["timing"] = {"documents": sum(len(p) for p in extracted.values()), "seconds": round(total_time, 3)}
    return results


def by_language(scorer, gold: dict, pred: dict, identities: list) -> dict[str, dict]:
    """The set scored one language at a time (the gold's `language`): a language can be
    weak while the set's mean looks fine."""
    out = {}
    langs = sorted({g.get("language") or "?" for g in gold.values()})
    for lang in langs:
        docs = [k for k, g in gold.items() if (g.get("language") or "?") == lang]
        r = scorer.evaluate({k: gold[k] for k in docs}, {k: pred[k] for k in docs if k in pred}, identities)
        out[lang] = {"documents": len(docs), "entity_f1": round(r["entities"]["all"]["f1"], 4),
                     "meeting_f1": round(r["meetings"]["f1"], 4),
                     "meeting_date_f1": round(r["meetings_with_date"]["f1"], 4)}
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--out", type=Path, default=ROOT / "out")
    ap.add_argument("--metrics", type=Path, default=ROOT / "metrics" / "scores.json")
    args = ap.parse_args(argv)
    results = run(args.corpus, args.out)
    metrics = {}
    for name in ("seeds", "extra", "world"):
        if name not in results:
            continue
        r = results[name]["result"]
        print(f"== {name}")
        print(results[name]["report"])
        langs = results[name]["languages"]
        if len(langs) > 1:
            print("per language:  " + "  ".join(
                f"{lang} ({v['documents']}) {v['entity_f1']:.2f}/{v['meeting_f1']:.2f}/{v['meeting_date_f1']:.2f}"
                for lang, v in langs.items()) + "   (entity / meeting / dated F1)")
        metrics[name] = {
            "entities": {t: {k: round(v[k], 4) for k in ("precision", "recall", "f1")} for t, v in r["entities"].items()},
            "meetings": {k: round(r["meetings"][k], 4) for k in ("precision", "recall", "f1")},
            "meetings_with_date": {k: round(r["meetings_with_date"][k], 4) for k in ("precision", "recall", "f1")},
            "meeting_attributes": {k: round(v, 4) for k, v in r["meeting_attributes"].items()},
            "resolution": {k: round(r["resolution"][k], 4) for k in ("precision", "recall", "f1")},
            "languages": results[name]["languages"],
        }
        if r.get("events"):
            metrics[name]["events"] = {k: round(r["events"][k], 4) for k in ("precision", "recall", "f1")}
    if results.get("events"):
        e = results["events"]
        metrics["events"] = {k: round(e[k], 4) for k in ("precision", "recall", "f1")}
        print(f"== events, {' and '.join(EVENT_SETS)} together: precision {e['precision']:.3f} "
              f"recall {e['recall']:.3f} F1 {e['f1']:.3f}")
    metrics["timing"] = results["timing"]
    print(f"extraction time: {results['timing']['seconds']} s for {results['timing']['documents']} documents "
          "(includes loading the pipelines)")
    args.metrics.parent.mkdir(parents=True, exist_ok=True)
    args.metrics.write_text(json.dumps(metrics, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
