#!/usr/bin/env python3
"""What the screen says of each message of the classifier's training pool when the classifier
has not trained on that message: out-of-fold screen_dump outputs, for semantic_head.py.

    python tools/safety-train/screen_oof.py                 # fit the folds, dump, write OUT
    python tools/safety-train/screen_oof.py --jobs 5        # the five fits side by side (1.5 GB each)

Why: the semantic reading's head reads what the screen saw (the classifier's probabilities, the
check-in) and trains only on the messages the screen leans on. On a message the classifier
trained on, the screen is sure of itself: it escalates nearly every crisis of its pool and leans
on few of its `none` messages, so a head trained on those outputs learns from a screen no new
message meets, and its thresholds (2 % of the leaned-on `none` rows) come from a few hundred
rows instead of the pool's. Out of fold, the pool looks to the head as new messages do.

How: train.py's five folds (same seed, same stratification), each fitted on the other four and
written as an int8 model; screen_dump is built once per fold with that model in place of
data/classifier.bin (restored afterwards, whatever happens) and reads the fold's held-out
messages. The rules are the same in every fold: only the classifier is held out.

Writes OUT (JSON lines: the message text and its screen_dump fields), which
`semantic_head.py --screen-oof OUT` reads for the pool's messages.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train as T  # noqa: E402

OUT = Path("/tmp/calme-screen-oof.jsonl")


def fit_fold(k, work):
    """Fits fold k on the other folds; writes clf_k.bin and te_k.json (the held-out texts)."""
    rows = T.load_pool()
    dump = T.rust_dump([r["text"] for r in rows])
    gold = np.array([T.LABELS.index(r["label"]) for r in rows])
    Xfit = T.vectorise([T.latin_part(d["norm"]) for d in dump], T.BITS)
    fold = T.folds_for(gold, [r["lang"] for r in rows], T.FOLDS, T.SEED)
    tr, te = np.where(fold != k)[0], np.where(fold == k)[0]
    m = T.Softmax().fit(T.subset(Xfit, tr), gold[tr], 1 << T.BITS)
    T.write_model(m.W, m.b, T.THRESHOLDS, T.BITS, work / f"clf_{k}.bin")
    held = [[rows[i]["_src"], rows[i].get("id"), rows[i]["text"]] for i in te]
    (work / f"te_{k}.json").write_text(json.dumps(held, ensure_ascii=False), encoding="utf-8")
    return k, len(tr), len(te)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", type=Path, default=Path("/tmp/calme-screen-oof"), help="fold models and held-out lists")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)

    todo = [k for k in range(T.FOLDS) if not (args.dir / f"clf_{k}.bin").exists()]
    with ProcessPoolExecutor(max_workers=max(args.jobs, 1)) as pool:
        for k, ntr, nte in pool.map(fit_fold, todo, [args.dir] * len(todo)):
            print(f"fold {k}: fitted on {ntr}, holds out {nte}", file=sys.stderr)

    model = T.OUT / "classifier.bin"
    kept = args.dir / "classifier.bin.kept"
    shutil.copyfile(model, kept)
    out = []
    try:
        for k in range(T.FOLDS):
            held = json.loads((args.dir / f"te_{k}.json").read_text(encoding="utf-8"))
            shutil.copyfile(args.dir / f"clf_{k}.bin", model)
            for (src, rid, text), d in zip(held, T.rust_dump([t for _, _, t in held])):
                out.append({"src": src, "id": rid, "text": text, "fold": k,
                            **{f: d[f] for f in ("label", "concern", "probs", "rule_scores")}})
            print(f"fold {k}: {len(held)} messages read", file=sys.stderr)
    finally:
        shutil.copyfile(kept, model)
        # Rebuild with the committed model, so no later run reads a fold's.
        T.rust_dump(["restored"])
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
    print(f"wrote {args.out} ({len(out)} messages)")


if __name__ == "__main__":
    main()
