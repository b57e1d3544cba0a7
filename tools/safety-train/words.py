#!/usr/bin/env python3
"""Writes the word lists the screen reads other spellings against, from the
readable data (never the held-out sets train.py forbids), most frequent first:
crates/calme-safety/data/ru_words.txt, the Russian word forms, for Russian
typed in Latin letters (src/screen/translit_ru.rs) or on the wrong keyboard
layout (src/screen/layout.rs), data/he_words.txt, the Hebrew word forms with
final letters folded, and data/ar_words.txt, the Arabic word forms, for Hebrew
and Arabic typed on the wrong layout, and data/en_words.txt, the English words
of English messages, which such a message may hold typed right ("overdose").

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
            yield r["lang"], "\n".join(r["turns"]) if "turns" in r else r["text"]


FINALS = str.maketrans("ךםןףץ", "כמנפצ")
LISTS = (
    # name, the rows' language (None: all), what a word is, how it is folded, the fewest
    # occurrences, what the header calls it
    ("ru_words.txt", None, r"[а-яё]+", lambda t: t.lower().replace("ё", "е"), 1, "Russian word forms"),
    ("he_words.txt", None, r"[\u05d0-\u05ea]+", lambda t: t.translate(FINALS), 1, "Hebrew word forms, final letters folded"),
    # letters only (no tatweel, no harakat); the screen folds hamza forms, ta marbuta and alif maqsura
    ("ar_words.txt", None, r"[\u0621-\u063a\u0641-\u064a]+", lambda t: t, 1, "Arabic word forms"),
    # English words of English messages, apostrophes dropped ("dont")
    ("en_words.txt", "en", r"[a-z]+", lambda t: t.lower().replace("'", "").replace("’", ""), 1, "English words"),
)


def main():
    skip = forbidden()
    rows = [
        (lang, text)
        for path in sorted(DATA.glob("triage_*.jsonl"))
        if path.name not in skip and path.name not in HELD
        for lang, text in texts(path)
    ]
    for name, only, word, fold, fewest, what in LISTS:
        counts = collections.Counter()
        for lang, text in rows:
            if only in (None, lang):
                counts.update(re.findall(word, fold(text)))
        words = [w for w, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if n >= fewest]
        header = f"# {what}, most frequent first, from the readable triage data (tools/safety-train/words.py; held-out sets excluded).\n"
        (OUT / name).write_text(header + "\n".join(words) + "\n", encoding="utf-8")
        print(f"{len(words)} words -> {(OUT / name).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
