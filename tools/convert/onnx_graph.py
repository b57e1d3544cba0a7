"""Builds the decoder graph with ONNX Runtime CPU contrib ops, from the GGUF's quantized blocks.

Interface (Hugging Face Optimum, text generation with past):
  input_ids, attention_mask, position_ids [batch, seq] int64,
  past_key_values.{i}.key/value [batch, kv_heads, past, head_dim] float32
  -> logits [batch, seq, vocab], present.{i}.key/value [batch, kv_heads, past + seq, head_dim]
(`position_ids` is accepted for compatibility; positions follow from the attention mask.)
Extra input with a default: `num_logits_to_keep` (int64 scalar, 0 = all positions) limits the
LM head to the last positions, so a prefill does not compute logits it throws away.
GroupQueryAttention also accepts one preallocated past/present buffer of the context length
(bound to both names, `kv_layout: shared`), so decoding copies no cache.

Two ways to run the GGUF's quantized weights (compute in fp32 either way):
  * `calme` (the default, what the engine runs): CALMe's custom operators (domain ai.calme,
    crates/calme-llm/src/ops.rs) read llama.cpp's Q4_1 and Q8_0 blocks as they are: one
    `QMatMul` per projection, `QGather` for the embedding and `QMatMul` for the tied LM head,
    both over the same Q8_0 table. Needs the calme runtime to load.
  * `ort` (`--kernels ort`): ONNX Runtime contrib ops only, for any ONNX Runtime (reference.py):
    - Q4_1 (w = d*q + m = d*(q-8) + (m+8d)): MatMulNBits with 4-bit q, scale d and its default
      zero point 8, plus `blocksum(x) @ (m+8d)`, a [K/32]-wide correction.
    - Q8_0 tied embedding (w = d*q): the LM head is two 4-bit MatMulNBits over the high and low
      nibbles of q+128 (scales 16d and d) plus `blocksum(x) @ 8d`; the lookup gathers int8 rows
      and scales them.
Per layer: SkipSimplifiedLayerNormalization, fused QKV, GroupQueryAttention (rotary inside),
fused gate/up projection.
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import gguf

from gguf_weights import QK, Hparams, Weights

MS = "com.microsoft"
CALME = "ai.calme"
# "calme": CALMe's custom operators over the GGUF blocks; "ort": ONNX Runtime contrib ops only.
KERNELS = "calme"
# MatMulNBits compute for the Q4_1 projections: 0 = fp32 (exact, the default); 4 = int8
# activations (faster, like llama.cpp's own Q4_1 x Q8_1 dot products, but no longer exact).
ACCURACY_LEVEL = 0


class Builder:
    def __init__(self):
        self.nodes, self.inits, self.n = [], [], 0

    def name(self, prefix):
        self.n += 1
        return f"{prefix}_{self.n}"

    def init(self, name, array):
        self.inits.append(numpy_helper.from_array(array if np.ndim(array) == 0 else np.ascontiguousarray(array), name))
        return name

    def op(self, op_type, inputs, n_out=1, domain="", outputs=None, **attrs):
        outs = outputs or [self.name(op_type) for _ in range(n_out)]
        self.nodes.append(helper.make_node(op_type, inputs, outs, name=self.name("n_" + op_type), domain=domain, **attrs))
        return outs if n_out > 1 else outs[0]


def pack4(q):
    """[N, nblocks, 32] values 0..15 -> MatMulNBits B [N, nblocks, 16] (even index in the low nibble)."""
    return (q[..., 0::2] | (q[..., 1::2] << 4)).astype(np.uint8)


def block_indicator(k):
    ob = np.zeros((k, k // QK), dtype=np.float32)
    ob[np.arange(k), np.arange(k) // QK] = 1.0
    return ob


class Linear4:
    """A Q4_1 projection (possibly several fused along N), from GGUF tensor names.

    `calme`: one QMatMul over the GGUF's own blocks. `ort`: w = d*q + m = d*(q - 8) + (m + 8d),
    i.e. MatMulNBits with its default zero point 8 (the fast kernel; an explicit zero-point input
    is ~30% slower) plus `blocksum(x) @ (m + 8d)`.
    """

    def __init__(self, b: Builder, w: Weights, prefix, names):
        if KERNELS == "calme":
            raw = np.concatenate([w.raw_rows(n, gguf.GGMLQuantizationType.Q4_1) for n in names], axis=0)
            self.n, self.k = raw.shape[0], raw.shape[1] // 20 * QK
            self.raw = b.init(prefix + ".q4_1", raw)
            return
        parts = [w.q4_1(n) for n in names]
        q = np.concatenate([p[0] for p in parts], axis=0)
        d = np.concatenate([p[1] for p in parts], axis=0)
        m = np.concatenate([p[2] for p in parts], axis=0)
        self.n, nb, _ = q.shape
        self.k = nb * QK
        self.b = b.init(prefix + ".qweight", pack4(q))
        self.s = b.init(prefix + ".scales", d.reshape(-1))
        self.mins = b.init(prefix + ".mins", np.ascontiguousarray((m + np.float32(8) * d).T.astype(np.float32)))  # [nblocks, N]

    def __call__(self, b: Builder, x, swiglu=False):
        """x @ W.T; with `swiglu` (W = [gate; up]) returns silu(gate) * up."""
        if KERNELS == "calme":
            extra = {"activation": "swiglu"} if swiglu else {}
            return b.op("QMatMul", [x, self.raw], domain=CALME, format="q4_1", K=self.k, N=self.n, **extra)
        y = b.op("MatMulNBits", [x, self.b, self.s], domain=MS, K=self.k, N=self.n, bits=4, block_size=QK, accuracy_level=ACCURACY_LEVEL)
        corr = b.op("MatMul", [blocksum(b, x, self.k), self.mins])
        y = b.op("Add", [y, corr])
        if not swiglu:
            return y
        g, u = b.op("Split", [y, b.init(b.name("split"), np.array([self.n // 2, self.n // 2], dtype=np.int64))], n_out=2, axis=-1)
        return b.op("Mul", [b.op("Mul", [g, b.op("Sigmoid", [g])]), u])


def blocksum(b: Builder, x, k, cache={}):
    key = (id(b), k)
    if key not in cache:
        cache[key] = b.init(f"block_indicator_{k}", block_indicator(k))
    return b.op("MatMul", [x, cache[key]])


def rope_cache(hp: Hparams):
    """cos/sin [n_ctx, head_dim/2], computed the way ggml does (float32 running product)."""
    half = hp.head_dim // 2
    scale = np.float32(hp.rope_theta) ** np.float32(-2.0 / hp.head_dim)
    pos = np.arange(hp.n_ctx, dtype=np.float32)
    theta = np.empty((hp.n_ctx, half), dtype=np.float32)
    cur = pos.copy()
    for i in range(half):
        theta[:, i] = cur
        cur = (cur * np.float32(scale)).astype(np.float32)
    return np.cos(theta).astype(np.float32), np.sin(theta).astype(np.float32)


def drop_hidden_outputs(model: onnx.ModelProto) -> None:
    """Removes the `hidden.*` outputs (and the Identity nodes that name them) in place."""
    g = model.graph
    keep_out = [o for o in g.output if not o.name.startswith("hidden.")]
    keep_nodes = [n for n in g.node if not (n.op_type == "Identity" and n.output[0].startswith("hidden."))]
    del g.output[:]
    g.output.extend(keep_out)
    del g.node[:]
    g.node.extend(keep_nodes)


def hidden_layers(n_layer: int) -> list[int]:
    """Layers whose normalized output the graph also returns as `hidden.{n}`."""
    return sorted({n_layer // 3, 2 * n_layer // 3, n_layer})


def build(w: Weights, hp: Hparams) -> onnx.ModelProto:
    b = Builder()
    L, kvh, hd = hp.n_layer, hp.n_head_kv, hp.head_dim
    inputs = [
        helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"]),
        helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch_size", "total_sequence_length"]),
        helper.make_tensor_value_info("position_ids", TensorProto.INT64, ["batch_size", "sequence_length"]),
    ]
    outputs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch_size", "sequence_length", hp.n_vocab])]
    for i in range(L):
        for kind in ("key", "value"):
            inputs.append(helper.make_tensor_value_info(f"past_key_values.{i}.{kind}", TensorProto.FLOAT, ["batch_size", kvh, "past_sequence_length", hd]))
            outputs.append(helper.make_tensor_value_info(f"present.{i}.{kind}", TensorProto.FLOAT, ["batch_size", kvh, "total_sequence_length", hd]))
    # The normalized hidden states after a third, two thirds and all of the layers: the
    # features of the risk probe (crates/calme-llm/src/probe.rs), which reads meaning the
    # crisis screen's n-grams miss. convert.py writes them only into probe.onnx.
    probe_layers = hidden_layers(L)
    for n in probe_layers:
        outputs.append(helper.make_tensor_value_info(f"hidden.{n}", TensorProto.FLOAT, ["batch_size", "sequence_length", hp.n_embd]))

    # Sequence bookkeeping for the attention: positions so far (and, for GroupQueryAttention, per row).
    if KERNELS == "ort":
        mask32 = b.op("Cast", ["attention_mask"], to=TensorProto.INT32)
        one = b.init("one_i32", np.array([1], dtype=np.int32))
        seqlens_k = b.op("Sub", [b.op("ReduceSum", [mask32, b.init("axis1", np.array([1], dtype=np.int64))], keepdims=0), one])
    total = b.op("Cast", [b.op("Gather", [b.op("Shape", ["attention_mask"]), b.init("idx1", np.array(1, dtype=np.int64))], axis=0)], to=TensorProto.INT32)
    cos, sin = rope_cache(hp)
    cos, sin = b.init("cos_cache", cos), b.init("sin_cache", sin)

    # Embedding: the Q8_0 table's rows (shared with the tied LM head).
    if KERNELS == "calme":
        table = b.init("token_embd.q8_0", w.raw_rows("token_embd.weight", gguf.GGMLQuantizationType.Q8_0))
        h = b.op("QGather", [table, "input_ids"], domain=CALME, format="q8_0", K=hp.n_embd)
    else:
        eq, ed = w.q8_0("token_embd.weight")
        emb_q = b.init("embed.q", eq.reshape(hp.n_vocab, -1))
        emb_d = b.init("embed.d", ed[..., None])  # [V, nblocks, 1]
        rows = b.op("Cast", [b.op("Gather", [emb_q, "input_ids"], axis=0)], to=TensorProto.FLOAT)
        rows = b.op("Reshape", [rows, b.init("shape_blocks", np.array([0, 0, -1, QK], dtype=np.int64))])
        h = b.op("Mul", [rows, b.op("Gather", [emb_d, "input_ids"], axis=0)])
        h = b.op("Reshape", [h, b.init("shape_hidden", np.array([0, 0, hp.n_embd], dtype=np.int64))])

    def norm_w(name):
        return b.init(name, w.f32(name))

    xn = b.op("SimplifiedLayerNormalization", [h, norm_w("blk.0.attn_norm.weight")], axis=-1, epsilon=hp.rms_eps, stash_type=1)
    for i in range(L):
        p = f"blk.{i}."
        qkv = Linear4(b, w, p + "qkv", [p + "attn_q.weight", p + "attn_k.weight", p + "attn_v.weight"])
        o_proj = Linear4(b, w, p + "o", [p + "attn_output.weight"])
        gate_up = Linear4(b, w, p + "gate_up", [p + "ffn_gate.weight", p + "ffn_up.weight"])
        down = Linear4(b, w, p + "down", [p + "ffn_down.weight"])

        x_qkv = qkv(b, xn)
        if KERNELS == "calme":
            attn = b.op(
                "CausalAttention",
                [x_qkv, f"past_key_values.{i}.key", f"past_key_values.{i}.value", total, cos, sin],
                n_out=3,
                domain=CALME,
                outputs=[b.name("attn"), f"present.{i}.key", f"present.{i}.value"],
                num_heads=hp.n_head,
                kv_num_heads=kvh,
            )[0]
        else:
            attn = b.op(
                "GroupQueryAttention",
                [x_qkv, "", "", f"past_key_values.{i}.key", f"past_key_values.{i}.value", seqlens_k, total, cos, sin],
                n_out=3,
                domain=MS,
                outputs=[b.name("attn"), f"present.{i}.key", f"present.{i}.value"],
                num_heads=hp.n_head,
                kv_num_heads=kvh,
                do_rotary=1,
                rotary_interleaved=0,
            )[0]
        o = o_proj(b, attn)
        xn2, _, _, h = b.op("SkipSimplifiedLayerNormalization", [o, h, norm_w(p + "ffn_norm.weight")], n_out=4, domain=MS, epsilon=hp.rms_eps)
        act = gate_up(b, xn2, swiglu=True)
        dn = down(b, act)
        next_norm = f"blk.{i + 1}.attn_norm.weight" if i + 1 < L else "output_norm.weight"
        xn, _, _, h = b.op("SkipSimplifiedLayerNormalization", [dn, h, norm_w(next_norm)], n_out=4, domain=MS, epsilon=hp.rms_eps)
        if i + 1 in probe_layers:
            b.op("Identity", [xn], outputs=[f"hidden.{i + 1}"])

    # Optional (defaulted) input: how many trailing positions get logits; 0 = all (Optimum
    # behaviour), k > 0 = the last k (a prefill needs only its last position's).
    inputs.append(helper.make_tensor_value_info("num_logits_to_keep", TensorProto.INT64, []))
    b.init("num_logits_to_keep", np.array(0, dtype=np.int64))
    axis0 = b.init("axis0", np.array([0], dtype=np.int64))
    keep = b.op("Unsqueeze", ["num_logits_to_keep", axis0])
    int_max = b.init("int_max", np.array([np.iinfo(np.int64).max], dtype=np.int64))
    axis_seq = b.init("axis_seq", np.array([1], dtype=np.int64))
    xn = b.op("Slice", [xn, b.op("Neg", [keep]), int_max, axis_seq])

    # LM head, tied to the Q8_0 embedding.
    if KERNELS == "calme":
        b.op("QMatMul", [xn, table], domain=CALME, format="q8_0", K=hp.n_embd, N=hp.n_vocab, outputs=["logits"])
    else:
        # With q+128 = 16*hi + lo (nibbles):
        # W = d*q = 16d*(hi-8) + d*(lo-8) + 8d, i.e. two 4-bit MatMulNBits with the default zero point
        # plus `blocksum(x) @ 8d`.
        u8 = (eq.astype(np.int16) + 128).astype(np.uint8)
        hi, lo = u8 >> 4, u8 & 0x0F
        head_hi = b.op(
            "MatMulNBits",
            [xn, b.init("lm_head.hi", pack4(hi)), b.init("lm_head.hi_scales", (16.0 * ed).reshape(-1).astype(np.float32))],
            domain=MS, K=hp.n_embd, N=hp.n_vocab, bits=4, block_size=QK, accuracy_level=0,
        )
        head_lo = b.op(
            "MatMulNBits",
            [xn, b.init("lm_head.lo", pack4(lo)), b.init("lm_head.lo_scales", ed.reshape(-1).astype(np.float32))],
            domain=MS, K=hp.n_embd, N=hp.n_vocab, bits=4, block_size=QK, accuracy_level=0,
        )
        head_corr = b.op("MatMul", [blocksum(b, xn, hp.n_embd), b.init("lm_head.offset", np.ascontiguousarray((8.0 * ed).T.astype(np.float32)))])
        b.op("Add", [b.op("Add", [head_hi, head_lo]), head_corr], outputs=["logits"])

    graph = helper.make_graph(b.nodes, "smollm2", inputs, outputs, b.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid(MS, 1), helper.make_opsetid(CALME, 1)], producer_name="calme-convert")
    model.ir_version = 8
    return model
