#!/usr/bin/env python3
"""Train a small statistical NER on silver labels: what the rules and gazetteers find.

    .venv/bin/python scripts/train_ner.py [--synth 400] [--epochs 12] [--title-drop] [--partial] [--langs en,vi] [--out DIR]

The experiment of "recall on unseen names": a NER that has seen the rules'
people and agencies in context might find the people with no title and the
agencies in no list. Its training text is

- the real articles in corpus/ that are not dev-world's (every corpus/w*.txt is
  a dev-world article, the test set: never read here), and
- synthetic articles made from those articles only (loaders.synth.generate
  pointed at a copy of corpus/ without the w* files: other people and
  countries in the same sentences),

in the spaced languages the rules cover there (en, vi; fr has its own NER).
Labels are the rule candidates of type Person (PER) and Organization (ORG),
sentence by sentence, tokenised by blank("xx") as the pipelines of those
languages are. Option --title-drop adds a copy of each sentence with the
title word right before a person removed, so that a name is seen without the
title the rules found it by. Option --partial leaves capitalised words outside
any rule span unannotated (missing), not O.

Nothing is downloaded; training is CPU-only and takes a few minutes.
The result of the experiment (not kept: no gain on dev-world, 1.7x slower)
is in docs/silver-ner.md.
"""

from __future__ import annotations

import argparse
import inspect
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from spacy.training import Example  # noqa: E402
from spacy.util import minibatch  # noqa: E402

import loaders.extract as extract_mod  # noqa: E402
from loaders.extract import _run  # noqa: E402
from loaders.language import detect_language  # noqa: E402
from loaders.read import read_article  # noqa: E402

LANGS = ("en", "vi")
LABELS = {"Person": "PER", "Organization": "ORG"}


def seed_paths(corpus: Path) -> list[Path]:
    """The corpus articles that are no dev-world article (w*.txt are)."""
    return sorted(p for p in corpus.glob("*.txt") if not p.name.startswith("w"))


def synth_paths(corpus: Path, n: int, seed: int, work: Path) -> list[Path]:
    from loaders.synth import generate

    seeds_dir = work / "seeds"
    seeds_dir.mkdir(parents=True, exist_ok=True)
    for p in seed_paths(corpus):
        shutil.copy(p, seeds_dir / p.name)
    out = work / "synth"
    generate(n, seed, out, corpus=seeds_dir)
    return sorted(out.rglob("synth-*.txt"))


def silver(paths: list[Path], langs, title_drop: bool) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """(sentence text, [(start, end, label)]) for every sentence of every article."""
    # the rules alone label: a pack's own silver NER (pack `ner`, if the pipeline has one) is left out
    if "ner" in inspect.signature(extract_mod._nlp).parameters:
        extract_mod.nlp_for = lambda lang: extract_mod._nlp(extract_mod._pipeline_name(lang), None)
    out = []
    for p in paths:
        art = read_article(p)
        lang = art.declared_language or detect_language(art.body)
        if lang not in langs:
            continue
        st = _run(art, lang)
        text = st.text
        spans = sorted((c.start, c.end, LABELS[c.type]) for c in st.cands if c.type in LABELS)
        titles = sorted(st.titles)
        for s in st.sents:
            sub = [(a - s.start, b - s.start, lab) for a, b, lab in spans if s.start <= a and b <= s.end]
            sent = text[s.start:s.end]
            if not sent.strip():
                continue
            out.append((sent, sub))
            if title_drop:
                # the person's title removed: "Minister John Smith said" -> "John Smith said"
                cut = [(ts - s.start, te - s.start) for ts, te, _ in titles
                       if s.start <= ts and te <= s.end
                       and any(lab == "PER" and 0 <= a - (te - s.start) <= 2 for a, b, lab in sub)]
                if cut:
                    t2, sub2, shift, pos = "", [], 0, 0
                    for ts, te in cut:
                        # drop the title and the space after it
                        te2 = te + 1 if sent[te:te + 1] == " " else te
                        t2 += sent[pos:ts]
                        pos = te2
                    t2 += sent[pos:]
                    for a, b, lab in sub:
                        removed = sum((te + (1 if sent[te:te + 1] == " " else 0)) - ts for ts, te in cut if te <= a)
                        if any(ts < b and a < te for ts, te in cut):
                            continue
                        sub2.append((a - removed, b - removed, lab))
                    if t2 and t2[0].islower():
                        t2 = t2[0].upper() + t2[1:]
                    out.append((t2, sub2))
    return out


def examples(nlp, data, partial: bool) -> list[Example]:
    exs = []
    for text, spans in data:
        doc = nlp.make_doc(text)
        ents = []
        for a, b, lab in spans:
            sp = doc.char_span(a, b, label=lab, alignment_mode="contract")
            if sp is not None and not any(sp.start < e.end and e.start < sp.end for e in ents):
                ents.append(sp)
        tags = spacy.training.offsets_to_biluo_tags(doc, [(e.start_char, e.end_char, e.label_) for e in ents])
        if partial:
            tags = [("-" if t == "O" and tok.text[:1].isupper() else t) for t, tok in zip(tags, doc)]
        pred = nlp.make_doc(text)
        exs.append(Example.from_dict(pred, {"entities": tags}))
    return exs


def build_nlp(width: int, depth: int):
    nlp = spacy.blank("xx")
    config = {"model": {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner",
                        "extra_state_tokens": False, "hidden_width": 64, "maxout_pieces": 2, "use_upper": True,
                        "tok2vec": {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None,
                                    "width": width, "depth": depth, "embed_size": 2000, "window_size": 1,
                                    "maxout_pieces": 3, "subword_features": True}}}
    ner = nlp.add_pipe("ner", config=config)
    for lab in LABELS.values():
        ner.add_label(lab)
    return nlp


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(ROOT / "corpus"))
    ap.add_argument("--synth", type=int, default=400, help="synthetic articles made from the non-dev-world seeds")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--width", type=int, default=64)
    ap.add_argument("--depth", type=int, default=2)
    ap.add_argument("--langs", default=",".join(LANGS))
    ap.add_argument("--title-drop", action="store_true")
    ap.add_argument("--partial", action="store_true")
    ap.add_argument("--out", default="/tmp/liaison-silver-latin", help="model folder (kept out of the repo)")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    corpus = Path(a.corpus)
    langs = tuple(a.langs.split(","))
    with tempfile.TemporaryDirectory(prefix="liaison-silver-") as work:
        paths = seed_paths(corpus)
        if a.synth:
            paths += synth_paths(corpus, a.synth, a.seed, Path(work))
        assert not any(p.parent == corpus and p.name.startswith("w") for p in paths)
        data = silver(paths, langs, a.title_drop)
    n_ents = sum(len(s) for _, s in data)
    print(f"silver: {len(paths)} articles, {len(data)} sentences, {n_ents} spans "
          f"({time.perf_counter() - t0:.0f} s)", flush=True)
    random.seed(a.seed)
    nlp = build_nlp(a.width, a.depth)
    exs = examples(nlp, data, a.partial)
    optimizer = nlp.initialize(lambda: exs)
    t1 = time.perf_counter()
    for epoch in range(a.epochs):
        random.shuffle(exs)
        losses: dict = {}
        for batch in minibatch(exs, size=16):
            nlp.update(batch, sgd=optimizer, losses=losses, drop=a.dropout)
        print(f"epoch {epoch + 1}: loss {losses.get('ner', 0):.1f} ({time.perf_counter() - t1:.0f} s)", flush=True)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    print(f"model: {out} ({size / 1e6:.1f} MB); training {time.perf_counter() - t1:.0f} s, "
          f"total {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
