#!/usr/bin/env python3
"""GGUF (Gemma 3, 270M) -> the multilingual reading's model directory.

The second reading's risk probe reads hidden states. SmolLM2 reads English well and Hebrew,
Arabic and Russian poorly; Gemma 3 270M was trained on 140 languages. This writes only what the
probe needs from it: the first layers of the decoder, run once over a message, no cache, no
generation.

    gemma_reader.py --gguf gemma-3-270m-q4_k_m.gguf --out DIR [--layers 6,9,12]

DIR gets:
  reader.onnx (+ reader.onnx.data)  input_ids [1, n] int64 (n <= MAX_POSITIONS; the message after
                                    <bos>) -> hidden.{l} [1, n, 640] float32: the residual stream
                                    after layer l, divided by its RMS (no learnt scale)
  tokenizer.json                    sentencepiece BPE rebuilt from the GGUF's pieces and scores
  calme-reader.json                 name, bos id, layers, width, longest input

Standard ONNX operators only (opset 18), fp32: the GGUF's Q5_0/Q4_K/Q6_K/Q8_0 projections are
dequantized with the gguf package's reference code; the 262k-row embedding table stays Q8_0
(int8 rows and a scale per 32 values) and is dequantized per looked-up row. Gemma 3 specifics:
embedding scaled by sqrt(width); RMS norms before and after attention and the feed-forward
(the GGUF stores their weights with Gemma's +1 already added); per-head RMS norm on queries and
keys; rotary base 10,000 on local layers and the GGUF's base (1,000,000) on every sixth, global,
layer; GELU (tanh) gated feed-forward; one key/value head shared by four query heads. The local
layers' 512-token sliding window never applies: inputs stop at MAX_POSITIONS.
"""
import argparse
import json
import os
import sys

import gguf
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gemma_tokenizer  # noqa: E402

MAX_POSITIONS = 256
GLOBAL_EVERY = 6
LOCAL_ROPE_BASE = 10000.0


def field(reader, key):
    return reader.fields[key].contents()


class Graph:
    def __init__(self):
        self.nodes, self.inits, self.n = [], [], 0

    def init(self, name, array):
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def const(self, values, dtype=np.int64):
        self.n += 1
        return self.init(f"c{self.n}", np.array(values, dtype=dtype))

    def op(self, op_type, inputs, outputs=None, **attrs):
        self.n += 1
        out = outputs or [f"{op_type}_{self.n}"]
        self.nodes.append(helper.make_node(op_type, inputs, out, name=f"n{self.n}_{op_type}", **attrs))
        return out[0]


def rms(g, x, weight=None, eps=1e-6):
    """x / sqrt(mean(x^2) + eps) over the last axis, times `weight` (an initializer name)."""
    ms = g.op("ReduceMean", [g.op("Mul", [x, x]), g.const([-1])], keepdims=1)
    y = g.op("Div", [x, g.op("Sqrt", [g.op("Add", [ms, g.const(eps, np.float32)])])])
    return g.op("Mul", [y, weight]) if weight else y


def rope(g, x, cos, sin, half):
    """Rotary embedding, halves layout (llama.cpp's NEOX mode): x [n, heads, 2*half]."""
    a = g.op("Slice", [x, g.const([0]), g.const([half]), g.const([-1])])
    b = g.op("Slice", [x, g.const([half]), g.const([2 * half]), g.const([-1])])
    return g.op("Concat", [g.op("Sub", [g.op("Mul", [a, cos]), g.op("Mul", [b, sin])]),
                           g.op("Add", [g.op("Mul", [b, cos]), g.op("Mul", [a, sin])])], axis=-1)


def build(reader, layers):
    t = {x.name: x for x in reader.tensors}
    arch = field(reader, "general.architecture")
    if arch != "gemma3":
        raise SystemExit(f"unsupported architecture {arch!r} (expected gemma3)")
    width = int(field(reader, "gemma3.embedding_length"))
    heads = int(field(reader, "gemma3.attention.head_count"))
    kv_heads = int(field(reader, "gemma3.attention.head_count_kv"))
    head_dim = int(field(reader, "gemma3.attention.key_length"))
    eps = float(field(reader, "gemma3.attention.layer_norm_rms_epsilon"))
    global_base = float(field(reader, "gemma3.rope.freq_base"))
    if kv_heads != 1:
        raise SystemExit(f"expected one key/value head, found {kv_heads}")
    depth = max(layers)

    def weight(name):
        x = t[name]
        w = gguf.quants.dequantize(x.data, x.tensor_type).astype(np.float32)
        return w.reshape([int(d) for d in reversed(x.shape)]) if w.ndim == 1 and len(x.shape) > 1 else w

    g = Graph()
    ids = g.op("Reshape", ["input_ids", g.const([-1])])
    n = g.op("Shape", [ids])
    # Embedding: Q8_0 rows (per 32 values an fp16 scale, then 32 int8), scaled by sqrt(width).
    emb = t["token_embd.weight"]
    if emb.tensor_type != gguf.GGMLQuantizationType.Q8_0:
        raise SystemExit(f"expected a Q8_0 embedding table, found {emb.tensor_type.name}")
    blocks = np.asarray(emb.data).reshape(-1, width // 32, 34)
    q = blocks[..., 2:].view(np.int8).reshape(-1, width)
    scale = blocks[..., :2].copy().view(np.float16)[..., 0].astype(np.float32) * np.float32(np.sqrt(width))
    rows = g.op("Cast", [g.op("Gather", [g.init("embed.q8", q), ids], axis=0)], to=TensorProto.FLOAT)
    rows = g.op("Reshape", [rows, g.const([-1, width // 32, 32])])
    rows = g.op("Mul", [rows, g.op("Unsqueeze", [g.op("Gather", [g.init("embed.scale", scale), ids], axis=0), g.const([-1])])])
    h = g.op("Reshape", [rows, g.const([-1, width])])

    # Rotary tables [MAX_POSITIONS, 1, head_dim/2] for both bases, cut to n positions.
    half = head_dim // 2
    tables = {}
    for base in (LOCAL_ROPE_BASE, global_base):
        inv = base ** (-np.arange(half, dtype=np.float64) * 2 / head_dim)
        ang = np.arange(MAX_POSITIONS, dtype=np.float64)[:, None] * inv[None]
        cut = lambda a: g.op("Slice", [g.init(f"rope{int(base)}.{a[0]}", a[1][:, None, :].astype(np.float32)), g.const([0]), n, g.const([0])])
        tables[base] = (cut(("cos", np.cos(ang))), cut(("sin", np.sin(ang))))
    # Causal mask [n, n]: 0 on and below the diagonal, -inf above.
    full = np.triu(np.full((MAX_POSITIONS, MAX_POSITIONS), -np.inf, np.float32), 1)
    mask = g.op("Slice", [g.init("causal", full), g.const([0, 0]), g.op("Concat", [n, n], axis=0), g.const([0, 1])])

    outputs = []
    for i in range(depth):
        p = f"blk.{i}."
        w = lambda name: g.init(p + name, weight(p + name + ".weight"))
        wt = lambda name: g.init(p + name + ".T", weight(p + name + ".weight").T)
        cos, sin = tables[global_base if (i + 1) % GLOBAL_EVERY == 0 else LOCAL_ROPE_BASE]
        x = rms(g, h, w("attn_norm"), eps)
        qh = g.op("Reshape", [g.op("MatMul", [x, wt("attn_q")]), g.const([-1, heads, head_dim])])
        kh = g.op("Reshape", [g.op("MatMul", [x, wt("attn_k")]), g.const([-1, 1, head_dim])])
        v = g.op("MatMul", [x, wt("attn_v")])  # [n, head_dim]
        qh = rope(g, rms(g, qh, w("attn_q_norm"), eps), cos, sin, half)
        kh = rope(g, rms(g, kh, w("attn_k_norm"), eps), cos, sin, half)
        qt = g.op("Transpose", [qh], perm=[1, 0, 2])  # [heads, n, d]
        kt = g.op("Transpose", [kh], perm=[1, 2, 0])  # [1, d, n]
        scores = g.op("Add", [g.op("Mul", [g.op("MatMul", [qt, kt]), g.const(1.0 / np.sqrt(head_dim), np.float32)]), mask])
        att = g.op("MatMul", [g.op("Softmax", [scores], axis=-1), v])  # [heads, n, d]
        att = g.op("Reshape", [g.op("Transpose", [att], perm=[1, 0, 2]), g.const([-1, heads * head_dim])])
        h = g.op("Add", [h, rms(g, g.op("MatMul", [att, wt("attn_output")]), w("post_attention_norm"), eps)])
        x = rms(g, h, w("ffn_norm"), eps)
        gate = g.op("MatMul", [x, wt("ffn_gate")])
        inner = g.op("Mul", [g.op("Add", [gate, g.op("Mul", [g.op("Mul", [gate, gate]), g.op("Mul", [gate, g.const(0.044715, np.float32)])])]),
                             g.const(np.sqrt(2 / np.pi), np.float32)])
        gelu = g.op("Mul", [g.op("Mul", [gate, g.const(0.5, np.float32)]), g.op("Add", [g.op("Tanh", [inner]), g.const(1.0, np.float32)])])
        ff = g.op("MatMul", [g.op("Mul", [gelu, g.op("MatMul", [x, wt("ffn_up")])]), wt("ffn_down")])
        h = g.op("Add", [h, rms(g, ff, w("post_ffw_norm"), eps)])
        if i + 1 in layers:
            name = f"hidden.{i + 1}"
            g.op("Unsqueeze", [rms(g, h, None, eps), g.const([0])], outputs=[name])
            outputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, [1, "sequence_length", width]))
    graph = helper.make_graph(g.nodes, "gemma3-reader",
                              [helper.make_tensor_value_info("input_ids", TensorProto.INT64, [1, "sequence_length"])],
                              outputs, initializer=g.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)], producer_name="calme-gemma-reader")
    return model, width


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gguf", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--name", default="gemma-3-270m")
    ap.add_argument("--layers", default="6,9,12")
    args = ap.parse_args()
    layers = sorted(int(x) for x in args.layers.split(","))
    reader = gguf.GGUFReader(args.gguf)
    os.makedirs(args.out, exist_ok=True)
    model, width = build(reader, layers)
    data = "reader.onnx.data"
    if os.path.exists(os.path.join(args.out, data)):
        os.remove(os.path.join(args.out, data))
    onnx.save_model(model, os.path.join(args.out, "reader.onnx"), save_as_external_data=True,
                    all_tensors_to_one_file=True, location=data, size_threshold=1024)
    gemma_tokenizer.write(reader, os.path.join(args.out, "tokenizer.json"))
    config = {
        "name": args.name,
        "model_file": "reader.onnx",
        "tokenizer_file": "tokenizer.json",
        "bos_token_id": int(field(reader, "tokenizer.ggml.bos_token_id")),
        "layers": layers,
        "hidden_size": width,
        "max_positions": MAX_POSITIONS,
    }
    with open(os.path.join(args.out, "calme-reader.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2)
    print(f"wrote {args.out}: layers {layers} of Gemma 3, width {width}")


if __name__ == "__main__":
    main()
