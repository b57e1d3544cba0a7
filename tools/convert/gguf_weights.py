"""Reads SmolLM2's GGUF: hyper-parameters, raw quantized blocks and dequantized weights.

llama.cpp's converter permutes the rows of attn_q/attn_k for its rotary layout; everything here
hands them back in the Hugging Face row order.
"""
from dataclasses import dataclass

import numpy as np
import gguf

QK = 32  # block size of Q4_1 and Q8_0


@dataclass
class Hparams:
    n_layer: int
    n_embd: int
    n_ff: int
    n_head: int
    n_head_kv: int
    head_dim: int
    n_ctx: int
    n_vocab: int
    rope_theta: float
    rms_eps: float


def field(reader, key, default=None):
    f = reader.fields.get(key)
    if f is None:
        if default is None:
            raise KeyError(key)
        return default
    return f.contents()


def hparams(reader) -> Hparams:
    arch = field(reader, "general.architecture")
    if arch != "llama":
        raise SystemExit(f"unsupported architecture {arch!r} (expected llama)")
    n_embd = int(field(reader, "llama.embedding_length"))
    n_head = int(field(reader, "llama.attention.head_count"))
    return Hparams(
        n_layer=int(field(reader, "llama.block_count")),
        n_embd=n_embd,
        n_ff=int(field(reader, "llama.feed_forward_length")),
        n_head=n_head,
        n_head_kv=int(field(reader, "llama.attention.head_count_kv")),
        head_dim=int(field(reader, "llama.rope.dimension_count", n_embd // n_head)),
        n_ctx=int(field(reader, "llama.context_length")),
        n_vocab=len(reader.fields["tokenizer.ggml.tokens"].data),
        rope_theta=float(field(reader, "llama.rope.freq_base", 10000.0)),
        rms_eps=float(field(reader, "llama.attention.layer_norm_rms_epsilon")),
    )


def unpermute_rows(rows: np.ndarray, n_head: int) -> np.ndarray:
    """Inverse of llama.cpp's `permute` on the leading (output) axis; works on any trailing shape."""
    n = rows.shape[0]
    return rows.reshape(n_head, n // n_head // 2, 2, *rows.shape[1:]).swapaxes(1, 2).reshape(rows.shape)


class Weights:
    def __init__(self, reader, hp: Hparams):
        self.reader = reader
        self.hp = hp
        self.tensors = {t.name: t for t in reader.tensors}

    def _raw(self, name):
        t = self.tensors[name]
        return t, np.asarray(t.data)

    def _heads(self, name):
        if name.endswith("attn_q.weight"):
            return self.hp.n_head
        if name.endswith("attn_k.weight"):
            return self.hp.n_head_kv
        return None

    def f32(self, name) -> np.ndarray:
        """Dequantized weight, PyTorch layout [out, in] (Hugging Face row order)."""
        t, data = self._raw(name)
        w = gguf.quants.dequantize(data, t.tensor_type).astype(np.float32)
        heads = self._heads(name)
        return unpermute_rows(w, heads) if heads else w

    def q4_1(self, name):
        """Q4_1 blocks as (q uint8 [out, nblocks, 32] in 0..15, d f32 [out, nblocks], m f32 [out, nblocks])."""
        t, data = self._raw(name)
        if t.tensor_type != gguf.GGMLQuantizationType.Q4_1:
            raise SystemExit(f"{name}: expected Q4_1, found {t.tensor_type.name}")
        rows = data.shape[0]
        blocks = data.reshape(rows, -1, 20)
        d = blocks[..., 0:2].copy().view(np.float16)[..., 0].astype(np.float32)
        m = blocks[..., 2:4].copy().view(np.float16)[..., 0].astype(np.float32)
        qs = blocks[..., 4:20]
        q = np.concatenate([qs & 0x0F, qs >> 4], axis=-1).astype(np.uint8)
        heads = self._heads(name)
        if heads:
            q, d, m = (unpermute_rows(a, heads) for a in (q, d, m))
        return q, d, m

    def q8_0(self, name):
        """Q8_0 blocks as (q int8 [out, nblocks, 32], d f32 [out, nblocks])."""
        t, data = self._raw(name)
        if t.tensor_type != gguf.GGMLQuantizationType.Q8_0:
            raise SystemExit(f"{name}: expected Q8_0, found {t.tensor_type.name}")
        rows = data.shape[0]
        blocks = data.reshape(rows, -1, 34)
        d = blocks[..., 0:2].copy().view(np.float16)[..., 0].astype(np.float32)
        q = blocks[..., 2:34].copy().view(np.int8)
        return q, d

    def raw_rows(self, name, expect):
        """The GGUF's own blocks, one row of bytes per output row (Hugging Face row order)."""
        t, data = self._raw(name)
        if t.tensor_type != expect:
            raise SystemExit(f"{name}: expected {expect.name}, found {t.tensor_type.name}")
        rows = np.ascontiguousarray(data.reshape(data.shape[0], -1)).view(np.uint8)
        heads = self._heads(name)
        return np.ascontiguousarray(unpermute_rows(rows, heads)) if heads else rows

    def type_of(self, name):
        return self.tensors[name].tensor_type
