#!/usr/bin/env python3
"""Trains the risk probe (crates/calme-llm/src/probe.rs): a logistic regression on SmolLM2's
hidden states that reads, a second time, the messages the crisis screen was unsure about.

    python tools/safety-train/probe.py --model-dir DIR     # embed (cached), CV, train, write
    python tools/safety-train/probe.py --reader-dir DIR    # the multilingual probe (Gemma 3 270M)

DIR is a model directory converted with `tools/convert/convert.py --kernels ort` (ONNX Runtime
contrib ops only, so the Python onnxruntime package runs it; the product graph computes the same
fp32 values with CALMe's own kernels). Needs numpy, onnx, onnxruntime and tokenizers.

Features (probe.rs computes the same): the message alone as a ChatML user turn, at most 128
text tokens; the mean over the text's positions of the normalized hidden states after layers
10, 20 and 30, and the last position after layer 30: 4 x 576 values.

With --reader-dir (a directory tools/reader/gemma_reader.py wrote; crates/calme-llm/src/reader.rs
runs the same graph), the features are the reader's instead: the message after <bos>, at most 128
text tokens, the mean over the text's positions of every hidden.* output (layers 6, 9 and 12 of
Gemma 3 270M), and the deepest one's last position: 4 x 640 values. It writes
crates/calme-llm/probe/multilingual_probe.json.

Target: imminent_risk or medical_emergency. The threshold is the score above which 2% of the
training pool's `none` messages fall, out of fold (5 folds); CALMe escalates on it only where
the screen already leans to a crisis (a check-in), which costs far fewer false escalations.
Validation and never-read sets (train.py's FORBIDDEN) are refused.
"""

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train import DATA, FORBIDDEN, ROOT  # noqa: E402

OUT = ROOT / "crates" / "calme-llm" / "probe" / "risk_probe.json"
READER_OUT = ROOT / "crates" / "calme-llm" / "probe" / "multilingual_probe.json"
PREFIX = "<|im_start|>user\n"
MAX_TOKENS = 128
FE_QUANTILE = 0.02
HIGH = {"imminent_risk", "medical_emergency"}
LANGS = ("en", "he", "ru", "ar")
POOL = [f"triage_train_x{i}.jsonl" for i in (45, 47, 48, 49, 51, *range(53, 67))]
POOL += [f"triage_train_{l}.jsonl" for l in ("en", "he", "ru", "ar")] + ["triage_dev.jsonl"]
# Sentences written for the parity test (not from any data file): Rust must reproduce these scores.
CHECKS = [
    "I packed a bag with all my pills and I'm driving to the lake tonight, nobody needs to know",
    "can you remind me what time the pharmacy closes on friday?",
    "אני כבר לא רואה טעם, כתבתי מכתבים לכולם",
    "Я всё решила, завтра меня уже не будет",
    "ودعت أمي اليوم وكأنها آخر مرة، لا أريد أن أكون عبئاً بعد الآن",
    "the siren stopped, we're in the shelter, kids are fine",
]


class Embedder:
    def __init__(self, model_dir, threads=2):
        import onnx
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model_dir = Path(model_dir)
        m = onnx.load(str(model_dir / "probe.onnx"), load_external_data=False)
        self.hidden = sorted((o.name for o in m.graph.output if o.name.startswith("hidden.")), key=lambda n: int(n.split(".")[1]))
        if not self.hidden:
            sys.exit(f"{model_dir}: the graph has no hidden.* outputs (convert it with this repository's tools/convert)")
        so = ort.SessionOptions()
        so.intra_op_num_threads = threads
        so.log_severity_level = 3
        self.s = ort.InferenceSession(str(model_dir / "probe.onnx"), so, providers=["CPUExecutionProvider"])
        cfg = json.loads((model_dir / "calme-model.json").read_text())
        self.layers, self.kvh, self.hd = cfg["num_layers"], cfg["num_kv_heads"], cfg["head_dim"]
        self.name = cfg["name"]
        self.tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.prefix = self.tok.encode(PREFIX, add_special_tokens=False).ids

    def features(self, text):
        body = self.tok.encode(text, add_special_tokens=False).ids[:MAX_TOKENS]
        ids = self.prefix + body
        n, a = len(ids), len(self.prefix)
        feed = {
            "input_ids": np.array([ids], np.int64),
            "attention_mask": np.ones((1, n), np.int64),
            "position_ids": np.arange(n, dtype=np.int64)[None],
            "num_logits_to_keep": np.array(1, np.int64),
        }
        for i in range(self.layers):
            for kind in ("key", "value"):
                feed[f"past_key_values.{i}.{kind}"] = np.zeros((1, self.kvh, 0, self.hd), np.float32)
        states = self.s.run(self.hidden, feed)
        return np.concatenate([h[0, a:].mean(0) for h in states] + [states[-1][0, -1]]).astype(np.float32)


class ReaderEmbedder:
    """The multilingual reader (reader.onnx: input_ids -> hidden.*), the message after <bos>."""

    def __init__(self, reader_dir, threads=2):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        reader_dir = Path(reader_dir)
        cfg = json.loads((reader_dir / "calme-reader.json").read_text())
        self.name, self.bos, self.layers = cfg["name"], cfg["bos_token_id"], cfg["layers"]
        self.hidden = [f"hidden.{l}" for l in self.layers]
        so = ort.SessionOptions()
        so.intra_op_num_threads = threads
        so.log_severity_level = 3
        self.s = ort.InferenceSession(str(reader_dir / cfg["model_file"]), so, providers=["CPUExecutionProvider"])
        self.tok = Tokenizer.from_file(str(reader_dir / cfg["tokenizer_file"]))

    def features(self, text):
        ids = [self.bos] + self.tok.encode(text, add_special_tokens=False).ids[:MAX_TOKENS]
        states = self.s.run(self.hidden, {"input_ids": np.array([ids], np.int64)})
        return np.concatenate([h[0, 1:].mean(0) for h in states] + [states[-1][0, -1]]).astype(np.float32)


def cached_features(emb, path, cache):
    """Features of every message of a data file, cached under `cache` until the file changes."""
    path = Path(path)
    dst = Path(cache) / (path.stem + ".npy")
    if dst.exists() and dst.stat().st_mtime >= path.stat().st_mtime:
        return np.load(dst)
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    x = np.stack([emb.features(r["text"]) for r in rows])
    dst.parent.mkdir(parents=True, exist_ok=True)
    np.save(dst, x)
    print(f"  embedded {path.name}: {len(rows)}", file=sys.stderr)
    return x


def fit(x, y, l2=1e-2, iters=600, lr=0.05):
    """Class-balanced L2 logistic regression, Adam, full batch (deterministic)."""
    w, b = np.zeros(x.shape[1]), 0.0
    m, v = np.zeros_like(w), np.zeros_like(w)
    cw = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean()))
    for t in range(1, iters + 1):
        g = (1 / (1 + np.exp(-(x @ w + b))) - y) * cw
        gw = x.T @ g / len(y) + l2 * w
        m = 0.9 * m + 0.1 * gw
        v = 0.999 * v + 0.001 * gw**2
        w -= lr * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
        b -= lr * g.mean()
    return w, b


def main():
    ap = argparse.ArgumentParser()
    which = ap.add_mutually_exclusive_group(required=True)
    which.add_argument("--model-dir", help="SmolLM2 converted with --kernels ort: the risk probe")
    which.add_argument("--reader-dir", help="the Gemma 3 reader (tools/reader/gemma_reader.py): the multilingual probe")
    ap.add_argument("--cache", help="feature cache (default ~/.cache/calme/probe-features or reader-features)")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    for name in POOL:
        assert name not in FORBIDDEN, f"{name} is validation or never-read data"
    if args.reader_dir:
        emb, prefix, out_path = ReaderEmbedder(args.reader_dir, args.threads), "<bos>", READER_OUT
    else:
        emb, prefix, out_path = Embedder(args.model_dir, args.threads), PREFIX, OUT
    args.cache = args.cache or str(Path.home() / ".cache" / "calme" / ("reader-features" if args.reader_dir else "probe-features"))
    xs, ys, nones, langs = [], [], [], []
    for name in POOL:
        rows = [json.loads(line) for line in open(DATA / name, encoding="utf-8") if line.strip()]
        xs.append(cached_features(emb, DATA / name, args.cache))
        ys += [r["label"] in HIGH for r in rows]
        nones += [r["label"] == "none" for r in rows]
        langs += [r["lang"] for r in rows]
    x, y, none, lang = np.concatenate(xs), np.array(ys, float), np.array(nones), np.array(langs)
    mu, sd = x.mean(0), x.std(0) + 1e-6
    xs_ = (x - mu) / sd
    idx = np.arange(len(y))
    np.random.default_rng(0).shuffle(idx)
    oof = np.zeros(len(y))
    for k in range(5):
        te = idx[k::5]
        w, b = fit(xs_[np.setdiff1d(idx, te)], y[np.setdiff1d(idx, te)])
        oof[te] = 1 / (1 + np.exp(-(xs_[te] @ w + b)))
    threshold = float(np.quantile(oof[none], 1 - FE_QUANTILE))
    print(f"pool {len(y)} rows, {int(y.sum())} imminent/medical, {int(none.sum())} none")
    print(f"out of fold: threshold {threshold:.4f} ({FE_QUANTILE:.0%} of none above); recall of imminent/medical alone {np.mean(oof[y == 1] >= threshold):.3f}")
    # The same share of each language's `none` rows above its own threshold: the model reads
    # English best, and one threshold for all let 3.4 % of Russian but 1.2 % of English through
    # (out of fold). On validation: 639 instead of 631 of 765 crisis messages, one false escalation fewer.
    thresholds = {}
    for code in LANGS:
        t = float(np.quantile(oof[none & (lang == code)], 1 - FE_QUANTILE))
        thresholds[code] = round(t, 5)
        recall = np.mean(oof[(y == 1) & (lang == code)] >= t)
        print(f"  {code}: threshold {t:.4f}, {int(np.sum(none & (lang == code)))} none; recall alone {recall:.3f}")
    w, b = fit(xs_, y)
    wf = w / sd
    bf = b - float(np.sum(w * mu / sd))
    checks = []
    for text in CHECKS:
        p = 1 / (1 + np.exp(-(emb.features(text).astype(np.float64) @ wf + bf)))
        checks.append({"text": text, "p": round(float(p), 5)})
        print(f"  check {p:.4f} {text}")
    layers = [int(n.split(".")[1]) for n in emb.hidden]
    out = {
        "model": emb.name,
        "layers": layers,
        "prefix": prefix,
        "max_tokens": MAX_TOKENS,
        "threshold": round(threshold, 5),
        "thresholds": thresholds,
        "bias": float(bf),
        "trained_on": POOL,
        "checks": checks,
        "weights": [float(f"{v:.6g}") for v in wf],
    }
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out_path}")


if __name__ == "__main__":
    main()
