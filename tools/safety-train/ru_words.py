#!/usr/bin/env python3
"""Writes crates/calme-safety/data/ru_words.txt: the Russian word forms of the
readable data (never the held-out sets train.py forbids), most frequent first,
for reading Russian typed in Latin letters (src/screen/translit_ru.rs).

usage: python3 tools/safety-train/ru_words.py
"""
import ast
import collections
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "crates/calme-safety/tests/data"
OUT = ROOT / "crates/calme-safety/data/ru_words.txt"


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


def main():
    skip = forbidden()
    counts = collections.Counter()
    for path in sorted(DATA.glob("triage_*.jsonl")):
        if path.name in skip or path.name in HELD:
            continue
        for text in texts(path):
            counts.update(re.findall(r"[а-яё]+", text.lower().replace("ё", "е")))
    words = [w for w, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    header = (
        "# Russian word forms, most frequent first, from the readable triage data "
        "(tools/safety-train/ru_words.py; held-out sets excluded).\n"
    )
    OUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
