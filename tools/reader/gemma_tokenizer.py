"""Rebuilds a Hugging Face `tokenizer.json` for Gemma 3's sentencepiece BPE from the GGUF.

The GGUF keeps sentencepiece's pieces and scores, not merges. Sentencepiece's BPE joins, at each
step, the adjacent pair whose joined piece scores highest; the same as a BPE merge list in which
every split of a piece into two pieces is a merge ranked by the joined piece's score (checked on
every readable message of the project's data: identical ids). Spaces become U+2581, characters
outside the vocabulary fall back to byte pieces, user-defined pieces (runs of spaces and
newlines) match whole. Control pieces (<bos>, <start_of_turn>, ...) are not matched inside text:
a person typing "<bos>" gets the letters, not the token.
"""
import json

NORMAL, CONTROL, USER_DEFINED = 1, 3, 4


def build(reader) -> dict:
    f = reader.fields
    if f["tokenizer.ggml.model"].contents() != "llama":
        raise SystemExit("expected a sentencepiece (llama) vocabulary")
    pieces = [bytes(f["tokenizer.ggml.tokens"].parts[i]).decode("utf-8") for i in f["tokenizer.ggml.tokens"].data]
    scores = [float(f["tokenizer.ggml.scores"].parts[i][0]) for i in f["tokenizer.ggml.scores"].data]
    types = [int(f["tokenizer.ggml.token_type"].parts[i][0]) for i in f["tokenizer.ggml.token_type"].data]
    vocab = {p: i for i, p in enumerate(pieces)}
    normal = lambda p: p in vocab and types[vocab[p]] == NORMAL
    merges = sorted(
        (-scores[i], i, p[:k], p[k:])
        for i, p in enumerate(pieces)
        if types[i] == NORMAL
        for k in range(1, len(p))
        if normal(p[:k]) and normal(p[k:])
    )
    added = [
        {"id": i, "content": p, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": False}
        for i, p in enumerate(pieces)
        if types[i] == USER_DEFINED
    ]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"},
        "pre_tokenizer": None,
        "post_processor": None,
        "decoder": {
            "type": "Sequence",
            "decoders": [
                {"type": "Replace", "pattern": {"String": "\u2581"}, "content": " "},
                {"type": "ByteFallback"},
                {"type": "Fuse"},
            ],
        },
        "model": {
            "type": "BPE",
            "dropout": None,
            "unk_token": pieces[int(f["tokenizer.ggml.unknown_token_id"].contents())],
            "continuing_subword_prefix": None,
            "end_of_word_suffix": None,
            "fuse_unk": True,
            "byte_fallback": True,
            "ignore_merges": False,
            "vocab": vocab,
            "merges": [[a, b] for _, _, a, b in merges],
        },
    }


def write(reader, path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(build(reader), f, ensure_ascii=False)
