#!/usr/bin/env python3
"""Writes the word lists the screen reads other spellings against, from the
readable data (never the held-out sets train.py forbids), most frequent first:
crates/calme-safety/data/ru_words.txt, the Russian word forms, for Russian
typed in Latin letters (src/screen/translit_ru.rs) or on the wrong keyboard
layout (src/screen/layout.rs), and data/he_words.txt, the Hebrew word forms
with final letters folded, for Hebrew typed on the wrong layout.

usage: python3 tools/safety-train/words.py
"""
import ast
import collections
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "crates/calme-safety/tests/data"
OUT = ROOT / "crates/calme-safety/data"


def forbidden():
    """train.py's FORBIDDEN tuple, read without importing train.py (numpy)."""
    tree = ast.parse((Path(__file__).parent / "train.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "FORBIDDEN" for t in node.targets):
            return set(ast.literal_eval(node.value))
    raise SystemExit("train.py has no FORBIDDEN")


# Validation sets (aggregates only, and x79, which measures this reading) stay out.
HELD = tuple(f"triage_train_x{n}.jsonl" for n in (44, 46, 50, 52, 79))


def texts(path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            yield "\n".join(r["turns"]) if "turns" in r else r["text"]


FINALS = str.maketrans("ךםןףץ", "כמנפצ")
LISTS = (
    # name, what a word is, how it is folded, what the header calls it
    ("ru_words.txt", r"[а-яё]+", lambda t: t.lower().replace("ё", "е"), "Russian word forms"),
    ("he_words.txt", r"[\u05d0-\u05ea]+", lambda t: t.translate(FINALS), "Hebrew word forms, final letters folded"),
)


def main():
    skip = forbidden()
    rows = [
        text
        for path in sorted(DATA.glob("triage_*.jsonl"))
        if path.name not in skip and path.name not in HELD
        for text in texts(path)
    ]
    for name, word, fold, what in LISTS:
        counts = collections.Counter()
        for text in rows:
            counts.update(re.findall(word, fold(text)))
        words = [w for w, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        header = f"# {what}, most frequent first, from the readable triage data (tools/safety-train/words.py; held-out sets excluded).\n"
        (OUT / name).write_text(header + "\n".join(words) + "\n", encoding="utf-8")
        print(f"{len(words)} words -> {(OUT / name).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
