"""Rebuilds a Hugging Face `tokenizer.json` from the GGUF vocabulary and merges.

SmolLM2 (llama.cpp pre-tokenizer "smollm"): byte-level BPE, digits split one by one, then the GPT-2
split regex; control tokens are special added tokens matched inline.
"""
import json

CONTROL = 3
USER_DEFINED = 4


def build(reader) -> dict:
    pre = reader.fields["tokenizer.ggml.pre"].contents()
    model = reader.fields["tokenizer.ggml.model"].contents()
    if model != "gpt2" or pre not in ("smollm",):
        raise SystemExit(f"unsupported tokenizer {model}/{pre} (expected gpt2/smollm)")
    tok_field = reader.fields["tokenizer.ggml.tokens"]
    tokens = [bytes(tok_field.parts[i]).decode("utf-8") for i in tok_field.data]
    type_field = reader.fields["tokenizer.ggml.token_type"]
    types = [int(type_field.parts[i][0]) for i in type_field.data]
    merge_field = reader.fields["tokenizer.ggml.merges"]
    merges = [bytes(merge_field.parts[i]).decode("utf-8") for i in merge_field.data]
    added = [
        {
            "id": i,
            "content": tokens[i],
            "single_word": False,
            "lstrip": False,
            "rstrip": False,
            "normalized": False,
            "special": types[i] == CONTROL,
        }
        for i in range(len(tokens))
        if types[i] in (CONTROL, USER_DEFINED)
    ]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": None,
        "pre_tokenizer": {
            "type": "Sequence",
            "pretokenizers": [
                {"type": "Digits", "individual_digits": True},
                {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
            ],
        },
        "post_processor": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {
            "type": "BPE",
            "dropout": None,
            "unk_token": None,
            "continuing_subword_prefix": None,
            "end_of_word_suffix": None,
            "fuse_unk": False,
            "byte_fallback": False,
            "ignore_merges": False,
            "vocab": {t: i for i, t in enumerate(tokens)},
            "merges": [m.split(" ", 1) for m in merges],
        },
    }


def write(reader, path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(build(reader), f, ensure_ascii=False)
