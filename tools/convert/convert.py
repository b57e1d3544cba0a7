#!/usr/bin/env python3
"""GGUF (SmolLM2 / llama architecture) -> CALMe model directory.

Writes model.onnx (+ model.onnx.data), tokenizer.json and calme-model.json into --out.
Usage: convert.py --gguf SmolLM2-135M-Instruct.Q4_1.gguf --out DIR
"""
import argparse
import json
import os
import re
import sys

import gguf
import onnx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gguf_weights  # noqa: E402
import onnx_graph  # noqa: E402
import tokenizer_json  # noqa: E402


def chat_format(template: str) -> dict:
    """ChatML pieces from SmolLM2's template; refuses templates it does not recognise."""
    if "<|im_start|>" not in template or "<|im_end|>" not in template:
        raise SystemExit("chat template is not ChatML")
    m = re.search(r"<\|im_start\|>system\n(.*?)<\|im_end\|>", template, re.S)
    return {"turn_start": "<|im_start|>", "turn_end": "<|im_end|>\n", "default_system": m.group(1) if m else None}


def config(reader, hp, name) -> dict:
    tokens = reader.fields["tokenizer.ggml.tokens"]
    vocab = [bytes(tokens.parts[i]).decode() for i in tokens.data]
    template = reader.fields["tokenizer.chat_template"].contents()
    bos = int(reader.fields["tokenizer.ggml.bos_token_id"].contents())
    eos = int(reader.fields["tokenizer.ggml.eos_token_id"].contents())
    stops = sorted({eos} | {vocab.index(t) for t in ("<|im_end|>", "<|endoftext|>") if t in vocab})
    return {
        "name": name,
        "num_layers": hp.n_layer,
        "num_heads": hp.n_head,
        "num_kv_heads": hp.n_head_kv,
        "head_dim": hp.head_dim,
        "hidden_size": hp.n_embd,
        "vocab_size": hp.n_vocab,
        "context_length": hp.n_ctx,
        "bos_token_id": bos,
        "eos_token_id": eos,
        "stop_token_ids": stops,
        "chat_template": template,
        "chat": chat_format(template),
        "model_file": "model.onnx",
        "tokenizer_file": "tokenizer.json",
        "kv_layout": "shared",
        "has_position_ids": True,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gguf", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--name", default="SmolLM2-135M-Instruct")
    ap.add_argument("--int8-activations", action="store_true",
                    help="MatMulNBits accuracy level 4 for the Q4_1 projections (faster, not exact; not the default)")
    ap.add_argument("--kernels", choices=["calme", "ort"], default="calme",
                    help="calme: CALMe's custom operators over the GGUF blocks (what the engine runs); "
                         "ort: ONNX Runtime contrib ops only (loads in any ONNX Runtime, slower; for reference.py)")
    args = ap.parse_args()

    onnx_graph.KERNELS = args.kernels

    if args.int8_activations:
        onnx_graph.ACCURACY_LEVEL = 4
    reader = gguf.GGUFReader(args.gguf)
    hp = gguf_weights.hparams(reader)
    weights = gguf_weights.Weights(reader, hp)
    os.makedirs(args.out, exist_ok=True)

    tokenizer_json.write(reader, os.path.join(args.out, "tokenizer.json"))
    model = onnx_graph.build(weights, hp)
    onnx_path = os.path.join(args.out, "model.onnx")
    data_name = "model.onnx.data"
    if os.path.exists(os.path.join(args.out, data_name)):
        os.remove(os.path.join(args.out, data_name))
    if os.path.exists(os.path.join(args.out, "lm_head.q8_0")):
        os.remove(os.path.join(args.out, "lm_head.q8_0"))  # written by earlier converters
    # probe.onnx: the graph with the normalized hidden states as outputs too (the risk probe's
    # features). model.onnx: the same graph without them, over the same weights file;
    # generation decoded ~10 % slower with the extra outputs in its graph.
    onnx.save_model(model, os.path.join(args.out, "probe.onnx"), save_as_external_data=True, all_tensors_to_one_file=True, location=data_name, size_threshold=1024)
    onnx_graph.drop_hidden_outputs(model)
    onnx.save_model(model, onnx_path)
    with open(os.path.join(args.out, "calme-model.json"), "w", encoding="utf-8") as f:
        json.dump(config(reader, hp, args.name), f, indent=2, ensure_ascii=False)
    print(f"wrote {args.out}: {hp.n_layer} layers, {hp.n_head}/{hp.n_head_kv} heads, vocab {hp.n_vocab}")


if __name__ == "__main__":
    main()
