#!/usr/bin/env python3
"""Trains the reader head (crates/calme-llm/src/probe.rs, `RiskProbe::head_score`): a logistic
regression on the multilingual reader's features (Gemma 3 270M, tools/reader/gemma_reader.py)
and what the screen saw, trained only on the messages the screen leans on.

    python tools/safety-train/reader_head.py --reader-dir DIR            # embed (cached), CV, train, write
    python tools/safety-train/reader_head.py --reader-dir DIR --report   # validation figures only

Why: the multilingual probe (probe.py --reader-dir) reads the same features but learnt from every
message of its pool, most of which the screen already tells apart. The semantic reading showed
that a head which learns only from the messages the screen leans on, next to the screen's own
outputs, finds the crises among them far better (semantic_head.py). This is that head on the
reader's features: Gemma reads Hebrew, Arabic and Russian, which the sentence encoder reads worse.

Features: the multilingual probe's (the message after <bos>, at most 128 tokens; the mean after
layers 6, 9 and 12 and the last position after 12: 4 x 640) and the semantic head's screen
features (the classifier's five probabilities, the rule weight per label capped at 5 over 5, the
check-in): 2,570 values. Pool, target, folds and thresholds as semantic_head.py: every readable
file but validation and never-read data (train.py FORBIDDEN) and conversations; the messages the
screen leans on without escalating (src/reread.rs `wanted`); imminent_risk or medical_emergency.
L2 16 on standardised features (chosen on validation: 1, 4, 16 and 64 raised 27, 27, 27 and 26
crisis messages for 6, 5, 4 and 3 false escalations over the three readings there).

Threshold: ONE for every language, the out-of-fold score above which 2 % of the pool's `none`
messages fall. Unlike the probes' pools, this one has few `none` messages per language (53
Hebrew, 69 Russian, 89 English, 210 Arabic; 27, 34, 56 and 181 before x93 and x94): a 2 %
quantile of so few scores is about their maximum and moves with one file (adding x91 and x92 to
the pool moved English's from 0.978 to 0.996). Per language, the Russian threshold (then 0.972)
raised the everyday "вернула всем долги. теперь можно копить на отпуск" of tests/reread.rs. On
validation, over the three other readings, one threshold raises 20 crisis messages for 3 false
escalations, per-language ones 23 for 4 (13 for 2 and 16 for 4 before x93 and x94).

Retrained with x95 and x96 in the pool (twenty-second session: 640 everyday messages in the words
of pills, heights, paperwork and farewells, 160 veiled risk; the screen leans on 131 of them), and
not kept: the pool's leaned-on `none` go from 421 to 510 and the threshold from 0.9805 to 0.9927.
On validation, over the three other readings, it raised 16 crisis messages for 1 false escalation
instead of 20 for 3; at equal thresholds its scores there were no better than the committed head's
(at 0.98: 70 for 5 against 67 for 4; at 0.99: 56 for 3 against 63 for 3), so the new data moved
the threshold, not the separation. Over every unseen set it cost 17 crisis messages of 3,777 for
13 fewer false escalations of 6,940. The committed head (trained_on) is the one without them.

Needs numpy, onnxruntime and tokenizers (the reader's features, as probe.py), and cargo (the
screen's outputs, as semantic_head.py). Writes crates/calme-llm/probe/reader_head.json.
"""

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from probe import MAX_TOKENS, ReaderEmbedder  # noqa: E402
from semantic_head import CHECKS, FE_QUANTILE, HIGH, LANGS, VALIDATION, fit, pool_names, screen_features  # noqa: E402
from train import DATA, FORBIDDEN, ROOT  # noqa: E402

OUT = ROOT / "crates" / "calme-llm" / "probe" / "reader_head.json"
L2 = 16.0


def leaned_on(emb, name, cache):
    """Rows of a data file the screen leans on, their features ([reader, screen]) and gold rows.
    The reader's features are cached per file, for the rows the screen leaned on when they were
    computed: a changed file or a changed screen embeds again."""
    rows = [json.loads(line) for line in open(DATA / name, encoding="utf-8") if line.strip()]
    S, wanted = screen_features([r["text"] for r in rows])
    idx = np.flatnonzero(wanted)
    dst = Path(cache) / (Path(name).stem + ".npz")
    x = None
    if dst.exists() and dst.stat().st_mtime >= (DATA / name).stat().st_mtime:
        c = np.load(dst)
        if np.array_equal(c["idx"], idx):
            x = c["x"]
    if x is None:
        x = np.stack([emb.features(rows[i]["text"]) for i in idx]) if len(idx) else np.zeros((0, 2560), np.float32)
        dst.parent.mkdir(parents=True, exist_ok=True)
        np.savez(dst, idx=idx, x=x)
        print(f"  embedded {name}: {len(idx)} of {len(rows)}", file=sys.stderr)
    return [rows[i] for i in idx], np.hstack([x, S[idx]]).astype(np.float64)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reader-dir", required=True, help="the Gemma 3 reader (tools/reader/gemma_reader.py)")
    ap.add_argument("--cache", default=str(Path.home() / ".cache" / "calme" / "reader-head"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--report", action="store_true", help="validation figures only; write nothing")
    args = ap.parse_args()
    emb = ReaderEmbedder(args.reader_dir, args.threads)
    pool = pool_names()
    xs, gold, langs = [], [], []
    for name in pool:
        assert name not in FORBIDDEN and name not in VALIDATION
        rows, x = leaned_on(emb, name, args.cache)
        xs.append(x)
        gold += [r["label"] for r in rows]
        langs += [r["lang"] for r in rows]
    x, gold, langs = np.vstack(xs), np.array(gold), np.array(langs)
    y, none = np.isin(gold, list(HIGH)).astype(float), gold == "none"
    print(f"pool: {len(y)} messages the screen leans on, {int(y.sum())} high risk, {int(none.sum())} none")
    mu, sd = x.mean(0), x.std(0) + 1e-6
    xs_ = (x - mu) / sd
    fold = np.random.default_rng(0).integers(0, 5, len(y))
    oof = np.zeros(len(y))
    for k in range(5):
        w, b = fit(xs_[fold != k], y[fold != k], l2=L2, iters=30)
        oof[fold == k] = 1 / (1 + np.exp(-(xs_[fold == k] @ w + b)))
    threshold = round(float(np.quantile(oof[none], 1 - FE_QUANTILE)), 5)
    print(f"out of fold: threshold {threshold:.4f} lets {FE_QUANTILE:.0%} of {int(none.sum())} none through")
    for code in LANGS:
        hi, no = (y == 1) & (langs == code), none & (langs == code)
        print(f"  {code}: high risk at or above it {np.mean(oof[hi] >= threshold):.3f}, none {np.mean(oof[no] >= threshold):.3f} "
              f"of {int(no.sum())} (its own 2 % quantile: {np.quantile(oof[no], 1 - FE_QUANTILE):.4f})")
    thresholds = {code: threshold for code in LANGS}
    w, b = fit(xs_, y, l2=L2, iters=30)
    # Standardisation folded into the weights: Rust applies them to the raw features.
    wf = w.astype(np.float64) / sd
    bf = float(b) - float(np.sum(w * mu / sd))

    def score(x):
        return 1 / (1 + np.exp(-(x @ wf + bf)))

    for name in VALIDATION:
        rows, x = leaned_on(emb, name, args.cache)
        s, g = score(x), np.array([r["label"] for r in rows])
        t = np.array([thresholds[r["lang"]] for r in rows])
        print(f"  {name}: the screen leans on {int(np.isin(g, list(HIGH)).sum())} high risk and {int((g == 'none').sum())} "
              f"none; raised {int(((s >= t) & np.isin(g, list(HIGH))).sum())} and {int(((s >= t) & (g == 'none')).sum())}")
    if args.report:
        return
    S, _ = screen_features(CHECKS)
    # With what the screen saw in each: calme-llm's parity test reads the head without the screen,
    # and the calme crate checks that the screen still sees the same.
    checks = [{"text": t, "p": round(float(score(np.concatenate([emb.features(t), s]).astype(np.float64))), 5),
               "screen": [round(float(v), 6) for v in s]} for t, s in zip(CHECKS, S)]
    for c in checks:
        print(f"  check {c['p']:.4f} {c['text']}")
    out = {
        "model": emb.name,
        "layers": [int(n.split(".")[1]) for n in emb.hidden],
        "prefix": "<bos>",
        "max_tokens": MAX_TOKENS,
        "screen_features": int(S.shape[1]),
        "target": "imminent_risk or medical_emergency, among the messages the screen leans on",
        "threshold": threshold,
        "thresholds": thresholds,
        "bias": bf,
        "trained_on": pool,
        "checks": checks,
        "weights": [float(f"{v:.6g}") for v in wf],
    }
    OUT.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
