#!/usr/bin/env python3
"""Plain fp32 numpy forward pass of the GGUF's dequantized weights (Hugging Face layout).

The straightforward reference the graph is checked against:
  reference.py --gguf G --model-dir D "text"   compares last-position logits with ONNX Runtime.
Python's ONNX Runtime lacks CALMe's custom operators: build D with `convert.py --kernels ort`
(the Rust tests check the default graph against llama.cpp's fixtures).
"""
import argparse
import json
import os
import sys

import numpy as np
import gguf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gguf_weights import Weights, hparams  # noqa: E402
from onnx_graph import rope_cache  # noqa: E402


def rms(x, g, eps):
    return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps) * g


def rotate(x, cos, sin):
    half = x.shape[-1] // 2
    x1, x2 = x[..., :half], x[..., half:]
    return np.concatenate([x1 * cos - x2 * sin, x2 * cos + x1 * sin], axis=-1)


def forward(w: Weights, hp, ids):
    cos_c, sin_c = rope_cache(hp)
    S = len(ids)
    cos, sin = cos_c[:S][:, None, :], sin_c[:S][:, None, :]
    h = w.f32("token_embd.weight")[ids]
    mask = np.triu(np.full((S, S), -np.inf, dtype=np.float32), 1)
    rep = hp.n_head // hp.n_head_kv
    for i in range(hp.n_layer):
        p = f"blk.{i}."
        x = rms(h, w.f32(p + "attn_norm.weight"), hp.rms_eps)
        q = (x @ w.f32(p + "attn_q.weight").T).reshape(S, hp.n_head, hp.head_dim)
        k = (x @ w.f32(p + "attn_k.weight").T).reshape(S, hp.n_head_kv, hp.head_dim)
        v = (x @ w.f32(p + "attn_v.weight").T).reshape(S, hp.n_head_kv, hp.head_dim)
        q, k = rotate(q, cos, sin), rotate(k, cos, sin)
        k, v = np.repeat(k, rep, axis=1), np.repeat(v, rep, axis=1)
        att = np.einsum("shd,thd->hst", q, k) / np.sqrt(hp.head_dim) + mask
        att = np.exp(att - att.max(-1, keepdims=True))
        att /= att.sum(-1, keepdims=True)
        o = np.einsum("hst,thd->shd", att, v).reshape(S, -1)
        h = h + o @ w.f32(p + "attn_output.weight").T
        x = rms(h, w.f32(p + "ffn_norm.weight"), hp.rms_eps)
        g = x @ w.f32(p + "ffn_gate.weight").T
        u = x @ w.f32(p + "ffn_up.weight").T
        h = h + (g / (1 + np.exp(-g)) * u) @ w.f32(p + "ffn_down.weight").T
    x = rms(h, w.f32("output_norm.weight"), hp.rms_eps)
    return x @ w.f32("token_embd.weight").T


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gguf", required=True)
    ap.add_argument("--model-dir", required=True)
    ap.add_argument("--ids", default="1,9690,198,19556,28,638,359,346,47,2,198,1,520,9531,198")
    args = ap.parse_args()
    import onnxruntime as ort

    reader = gguf.GGUFReader(args.gguf)
    hp = hparams(reader)
    w = Weights(reader, hp)
    ids = [int(t) for t in args.ids.split(",")]
    ref = forward(w, hp, np.array(ids))
    sess = ort.InferenceSession(os.path.join(args.model_dir, "model.onnx"))
    feed = {
        "input_ids": np.array([ids], dtype=np.int64),
        "attention_mask": np.ones((1, len(ids)), dtype=np.int64),
        "position_ids": np.arange(len(ids), dtype=np.int64)[None],
    }
    for i in range(hp.n_layer):
        for kind in ("key", "value"):
            feed[f"past_key_values.{i}.{kind}"] = np.zeros((1, hp.n_head_kv, 0, hp.head_dim), dtype=np.float32)
    out = sess.run(None, feed)
    logits = out[0][0]
    diff = np.abs(logits - ref)
    print(json.dumps({"max_abs_diff_all_positions": float(diff.max()), "max_abs_diff_last": float(diff[-1].max()),
                      "argmax_equal": int((logits.argmax(-1) == ref.argmax(-1)).sum()), "positions": len(ids)}))


if __name__ == "__main__":
    main()
