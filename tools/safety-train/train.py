#!/usr/bin/env python3
"""Trains the crisis screen's classifier (calme-safety's second signal).

Reproducible and offline: numpy only, fixed seeds, fixed fold assignment.

    python tools/safety-train/train.py            # CV report, train, write files
    python tools/safety-train/train.py --cv-only  # CV report only (written to classifier_cv.txt)
    python tools/safety-train/train.py --jobs 2   # the CV folds two at a time
    python tools/safety-train/train.py --refresh-fixture  # weights kept, fixture rewritten

Steps:
1. Reads the training pool (tests/data/triage_dev.jsonl, the held-out sets
   1-4 and triage_train_*.jsonl when present). triage_holdout5.jsonl is the
   held-out set written after the third pass and is never read here.
2. Runs the Rust screen on every row (examples/screen_dump) to get the exact
   normalised text the classifier will see in Rust, the rules' label and the
   rules' weight per label.
3. Computes hashed features exactly like src/screen/classifier.rs.
4. k-fold cross-validation (classifier retrained per fold): out-of-fold
   probabilities, then the thresholds of the combination are chosen to
   maximise escalation recall with false escalation on `none` <= the budget.
   Also reports figures with thresholds chosen without the scored fold
   (nested), which is the less optimistic estimate.
5. Trains on the whole pool, quantises the weights to int8 and writes
   crates/calme-safety/data/classifier.bin, classifier_fixture.json (feature
   hashes and scores that the Rust tests must reproduce) and classifier_cv.txt
   (the CV report, printed by tests/eval.rs).
"""

import argparse
import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
CRATE = ROOT / "crates" / "calme-safety"
DATA = CRATE / "tests" / "data"
OUT = CRATE / "data"
POOL = [
    "triage_dev.jsonl",
    "triage_holdout.jsonl",
    "triage_holdout2.jsonl",
    "triage_holdout3.jsonl",
    # held-out set 4: first-sight figures recorded (202b305), then studied in the third pass
    "triage_holdout4.jsonl",
    "triage_train_en.jsonl",
    "triage_train_he.jsonl",
    "triage_train_ar.jsonl",
    "triage_train_ru.jsonl",
    # fourth pass (this session): held-out 9-11 after their first-sight figures, and five
    # training files by independent authors (indirect goodbyes, third-person reports,
    # dialect and slang, direct statements; the fifth author, long messages, delivered nothing)
    "triage_chatter.jsonl",
    "triage_holdout9.jsonl",
    "triage_holdout10.jsonl",
    "triage_holdout11.jsonl",
    "triage_train_x1.jsonl",
    "triage_train_x2.jsonl",
    "triage_train_x3.jsonl",
    "triage_train_x4.jsonl",
    # second round of the fourth pass: Arabic dialects, Hebrew, Russian and English,
    # children and teens, the stress/medical/none boundaries
    "triage_train_x6.jsonl",
    "triage_train_x7.jsonl",
    "triage_train_x8.jsonl",
    "triage_train_x9.jsonl",
    "triage_train_x10.jsonl",
    # held-out 13-18 after their first-sight figures (0.906, 0.885, 0.781, 0.875, 0.896, 0.885)
    "triage_holdout13.jsonl",
    "triage_holdout14.jsonl",
    "triage_holdout15.jsonl",
    "triage_holdout16.jsonl",
    "triage_holdout17.jsonl",
    "triage_holdout18.jsonl",
    # third round of training files: night-time fragments, Maghrebi/Sudanese/Gulf Arabic,
    # Hebrew of many backgrounds, Russian and English voices not heard before
    "triage_train_x11.jsonl",
    "triage_train_x12.jsonl",
    "triage_train_x13.jsonl",
    "triage_train_x14.jsonl",
    # fifth pass (fourth session): held-out 21-22 after their first-sight figures (0.927, 0.885);
    # Maghrebi and Arabizi, Sudanese/Iraqi/Gulf/Levantine/Egyptian, indirect goodbyes, teen voices;
    # conversation set 2, each conversation as its messages joined (what screen_in_context reads)
    "triage_holdout21.jsonl",
    "triage_holdout22.jsonl",
    "triage_train_x15.jsonl",
    "triage_train_x16.jsonl",
    "triage_train_x17.jsonl",
    "triage_train_x18.jsonl",
    "triage_conv2.jsonl",
    # sixth pass: Arabizi (first sight 0.137), Maghrebi in Arabic script (0.595), Sudanese/Iraqi/
    # Yemeni/Gulf, indirect goodbyes in Hebrew/Russian (0.750) and Arabic/English (0.732),
    # bystanders' reports (0.738), conversation sets 4-5 (0.943 / 0.909 read in context)
    "triage_train_x19.jsonl",
    "triage_train_x20.jsonl",
    "triage_train_x21.jsonl",
    "triage_train_x22.jsonl",
    "triage_train_x23.jsonl",
    "triage_train_x24.jsonl",
    "triage_conv4.jsonl",
    "triage_conv5.jsonl",
    # seventh pass: held-out 23-24 and conversation set 3 after first sight (0.938, 0.958; 0.943 in
    # context); Arabizi by teens (0.458) and adults, Maghrebi in Arabic script, night-time fragments
    # (0.768), conversation set 7 (0.920 in context)
    "triage_holdout23.jsonl",
    "triage_holdout24.jsonl",
    "triage_conv3.jsonl",
    "triage_train_x25.jsonl",
    "triage_train_x26.jsonl",
    "triage_train_x27.jsonl",
    "triage_train_x28.jsonl",
    "triage_conv7.jsonl",
]
# Eighth pass (fifth session): Arabizi is also read in Arabic script (src/screen/arabizi.rs).
# Retrained on this pool with the reading: CV recall 0.841 (was 0.826), false escalation 0.054
# (0.052), thresholds 0.975 / 0.88 / 0.95 / 0.5. But on four files outside the pool (x29-x30
# Arabizi, x31 plain voices telling a crisis through facts, conversation set 10), the weights of the
# seventh pass with the new reading caught more: 131, 128, 114 and 79 escalations against 112, 95,
# 119 and 77 (false escalations 10, 8, 6, 10 against 10, 7, 7, 11). Trained on readings of a few
# Arabizi writers, the classifier learnt those writers; trained on Arabic script only, its Arabic
# features carry over to any reading. So the committed weights are still the seventh pass's and
# only the fixture was refreshed (--refresh-fixture). Another Arabizi file, which arrived after this
# decision (x32, by another independent author), confirms it: 0.560 with the screen the session
# started from, 0.857 with the reading and these weights, 0.595 with the retrain. Tried and dropped
# as well: the four files in the pool (CV on the files above back to 0.826: their hard negatives
# moved the weak-cue threshold 0.88 -> 0.93), and keeping 0.003 of the budget for the abuse raise
# (the search then switched the weak-cue raise off: 0.768).
# Ninth pass (sixth session): x34 and x37 (Arabizi) and x35-x36 (plain voices) are committed
# outside the pool, as validation. Probes on this pool, not kept: (1) a dense block, the mean of
# SmolLM2's own token embeddings (PCA 64) next to the hashed features: CV 0.846 against 0.841
# without it, but 0.837 against 0.836 when trained as the committed weights were (without the
# Arabizi reading), and no gain on the plain-voice files x31/x33/x35 (118/49/119 against
# 118/49/118); (2) x29-x35 and conversation set 10 in the pool: the weak-cue raise is switched off
# (2.0), CV 0.788, and on x37 116 escalations against 123 for the committed weights.
# Tenth pass (seventh session), measured and not kept: this pool + x29-x37 + conversation set 10,
# trained on the Latin reading only (as the committed weights were). With the committed thresholds
# fixed (0.95 / 0.93 / 0.95 / 0.5) it caught more on every file outside its pool: x36 143/168
# (committed weights 134), x37 130 (124), the new Arabizi file x39 151 (140, false escalations 10
# both, abuse 27/32 against 19/32), and on the never-read sets (aggregates, seen after x39) +21
# high-risk escalations over held-out 12, 20, 25, 26, 28-31 and 33, false escalations +2 on set 30.
# CV 0.850 at false escalation 0.060 (this pool: 0.826 / 0.052). Not kept: it breaks two noise
# tests ("nobody listens to me" scores 0.97 alone; "t47" reads as Arabizi "ta7", fell, a weak
# medical cue, and scores 0.97) and escalates "i left my keys on the table" (0.98). With the
# thresholds its own search chooses (0.975 / 0.95 / 0.95 / 0.5) x39 gains only 2 (142), the
# never-read sets lose 12, and "t47" still escalates. Next: a cue raise only for messages of two words or more, then retrain and
# validate on files written after it.
# Eleventh pass (eighth session): a cue raise now needs one word (MIN_WORDS_CUE; "t47" has none). Retrained with
# the committed thresholds fixed, on this pool + x29-x40 + conversation set 10 (c1), + x42 hard negatives (c2),
# + x41 plain voices and x43 Hebrew/Arabic (c3); validated on x44, a new author's file outside every pool
# (committed weights 136/168, false escalations 4/88): c1 139 / 3, c2 140 / 3, c3 138 / 3. Not kept: +2 to +4 of
# 168 is within one author's noise, and c1 escalates "sitting in my car in the garage" alone (a context test),
# c3 "my dad is angry at me" in Hebrew (abuse 0.96, a noise test). The classifier's gains have levelled off;
# what the eighth session added instead is the check-in (src/checkin.rs) for messages it leans on without
# reaching a threshold.
# Twelfth pass (tenth session): the sets of this session showed that risk told without a risk word is
# missed in every language (first sight: x49 0.586, x51 0.537, x53 0.685, x54 0.667, x56 0.632, x57 0.616,
# x58 0.616, x59 0.653; never-read held-out 36 0.708 and 37 0.757). Phrase rules written from one of
# those files caught 1-4 more of 190 in each of the others, so the classifier learns them instead: the
# out-of-pool files of earlier passes and this session's training files join the pool. Validation,
# never in the pool: x44, x46, x50 (English), x52 (Hebrew, Russian, Arabic), everyday chatter 5.
POOL += [f"triage_train_x{i}.jsonl" for i in (*range(29, 44), 45, 47, 48, 49, 51, 53, 54, 55, 56, 57, 58, 59, 60, 61)]
POOL += ["triage_conv10.jsonl"]
# Thirteenth pass (eleventh session), measured and not kept: this pool + x63, x64, x66 (r1), and + x62-x66
# (r2: 1,980 rows, English and Hebrew/Russian/Arabic short everyday negatives, Hebrew/Russian/Arabic
# indirect risk), --no-cv, thresholds fixed. On the validation files (aggregates) r2 lost 3 of 180 on x67
# (Hebrew/Russian/Arabic indirect, a new author), 2 of 150 on x52, 0 on x44/x46/x50, and asked the
# check-in of 33 instead of 39 of the 400 short everyday messages of x68 (false escalations 8 both).
# The indirect-risk files by new authors did not carry to another new author's file, so the weights
# stay the twelfth pass's; x62-x66 are committed for a pass that can change the model, not only its
# data. Validation, never in the pool: x67, x68; everyday chatter 6 is never read.
# Nineteenth session: the files written since the twelfth pass join the pool (x62-x66, x69-x87:
# indirect risk and everyday look-alikes by new authors), with two files of low mood told quietly
# (x89, x90: everyday sadness, and risk in the same flat words). The classifier had learnt sadness as
# risk: on x89-x90 it raised 30 of 464 everyday sad messages on its own (0.95-0.99), and questions
# about privacy ("is this thing saved?") at 0.99. x88 (everyday, a third of it low mood) stays out of
# the pool as the readable check of that.
POOL += [f"triage_train_x{i}.jsonl" for i in (*range(62, 67), *range(69, 88), 89, 90)]
# Twenty-second session, measured and not kept: this pool + x91-x96 (2,240 rows: everyday messages in
# the words of endings, pills, heights and farewells, and veiled risk, by six new authors), --no-cv,
# thresholds fixed. The screen alone on the validation files: 604 instead of 609 of 765 crisis
# messages, 29 instead of 30 of 1,424 everyday ones escalated (x88 2 instead of 4, chatter 5 4
# instead of 3). The classifier's gains have levelled off, as the eleventh pass found.
# The combination's thresholds stay those of the seventh pass: the thresholds each retrain's own search
# chose lost escalations on the never-read sets (tenth pass). --search-thresholds reports the search.
THRESHOLDS = (0.95, 0.93, 0.95, 0.5)
# Measurement sets that must never train (held-out first-sight sets, everyday chatter).
FORBIDDEN = (
    "triage_holdout5.jsonl", "triage_holdout6.jsonl", "triage_holdout7.jsonl", "triage_holdout8.jsonl",
    "triage_holdout12.jsonl", "triage_holdout19.jsonl", "triage_holdout20.jsonl", "triage_chatter2.jsonl",
    "triage_conv1.jsonl", "triage_conv6.jsonl", "triage_holdout25.jsonl", "triage_holdout26.jsonl",
    "triage_holdout27.jsonl", "triage_holdout28.jsonl", "triage_conv8.jsonl",
    "triage_holdout29.jsonl", "triage_holdout30.jsonl", "triage_conv9.jsonl",
    "triage_holdout31.jsonl", "triage_holdout32.jsonl", "triage_conv11.jsonl",
    "triage_holdout33.jsonl", "triage_conv12.jsonl", "triage_holdout34.jsonl", "triage_holdout35.jsonl", "triage_chatter3.jsonl",
    "triage_holdout36.jsonl", "triage_holdout37.jsonl", "triage_chatter4.jsonl",
    # validation (aggregates only), kept out of the pool like x44, x46, x50 and x52
    "triage_chatter5.jsonl", "triage_train_x67.jsonl", "triage_train_x68.jsonl",
    # never read (eleventh session)
    "triage_chatter6.jsonl", "triage_holdout38.jsonl",
    # never read (thirteenth session)
    "triage_holdout39.jsonl",
    # never read (fourteenth session)
    "triage_holdout40.jsonl", "triage_chatter7.jsonl", "triage_core3.jsonl",
    # never read (fifteenth session): measures the Russian-in-Latin-letters reading at first sight
    "triage_holdout41.jsonl", "triage_chatter8.jsonl", "triage_translit1.jsonl",
    # never read (eighteenth session): first sight of the semantic reading's second head
    "triage_holdout42.jsonl", "triage_chatter9.jsonl",
    # never read (nineteenth session): first sight of the low-mood retrain
    "triage_holdout43.jsonl", "triage_chatter10.jsonl",
    # never read (twenty-first session): first sight of the reader head
    "triage_holdout44.jsonl", "triage_chatter11.jsonl",
    # never read (twenty-first session): first sight of the retrained reader head
    "triage_holdout45.jsonl", "triage_chatter12.jsonl",
    # never read (twenty-second session): first sight of the shipped readings, then of this session's
    "triage_holdout46.jsonl", "triage_chatter13.jsonl",
)
LABELS = ["imminent_risk", "medical_emergency", "abuse_or_violence", "acute_stress", "none"]
LANGS = ["en", "he", "ar", "ru"]
BITS = 18
FOLDS = 5
SEED = 20261127
# 3e-6 until the sixth pass. CV recall at the same false-escalation budget, fifth-pass pool
# (10.2k rows): 0.846 (3e-6), 0.852 (1e-6), 0.862 (3e-7); sixth-pass pool (12.4k): 0.833 (3e-7),
# 0.826 (1e-7).
# Twelfth pass: 4e-7. On this pool without x55 (23.5k rows), 3e-7 scored "sitting in my car in the
# garage" 0.95 alone (a context test); 4e-7 0.94, with the same recall on the validation files x50, x52,
# x46 and one fewer on x44 (136 against 137); 5e-7 lost 1-3 on each, 1e-6 9-11, 3e-6 16-19.
L2 = 4e-7
EPOCHS = 400
BALANCED = True
# The classifier's raises may add at most this share of false escalations on
# `none` in CV (on top of the rules' own, which it cannot lower).
FE_BUDGET = 0.013
# Fixture strings: a few per language, not from the data.
FIXTURE_TEXTS = [
    "i want to disappear and never wake up",
    "my dad hit me again and said not to tell anyone",
    "sirens again, we are in the shelter with the kids",
    "the meeting was so boring i could die lol",
    "אני כבר על הגשר, תגידו לאמא שלי שאני מצטער",
    "אזעקה, אנחנו בממד",
    "بدي موت حالي، ما في شي بيستاهل",
    "هالمسلسل عن الانتحار كتير حلو",
    "bdi ente7er w khalas",
    "таблетки на столе, запиваю водкой",
    "у него болит грудь и он не может дышать",
    "",
]


# ---------------------------------------------------------------- features
def fnv1a64(b: bytes) -> int:
    h = 0xCBF29CE484222325
    for x in b:
        h ^= x
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


_cache: dict = {}


def feature_hash(f: str) -> int:
    h = _cache.get(f)
    if h is None:
        x = fnv1a64(f.encode("utf-8"))
        h = (x ^ (x >> 32)) & 0xFFFFFFFF
        _cache[f] = h
    return h


def features(norm: str) -> list:
    """Feature hashes in the order src/screen/classifier.rs produces them."""
    out = []
    prev = None
    for w in (w for w in norm.split(" ") if w):
        out.append(feature_hash("u|" + w))
        if prev is not None:
            out.append(feature_hash("b|" + prev + " " + w))
        prev = w
        p = " " + w + " "
        for i in range(len(p)):
            for n in range(2, 6):
                if i + n <= len(p):
                    out.append(feature_hash("c|" + p[i:i + n]))
    return out


def latin_part(norm):
    """The normalised text without the Arabic-script reading Rust appends to
    Arabizi after "| " (src/screen/mod.rs, read). The classifier learns from
    the Latin text: trained on the readings of a few Arabizi writers it learnt
    those writers (eighth pass), and the twelfth pass lost 10 and 5 of 96 on
    the all-Arabizi held-out sets 30 and 31 when it did."""
    return norm.split("| ", 1)[0]


def vectorise(norms, bits):
    """CSR rows: unique buckets, counts / Euclidean norm."""
    mask = (1 << bits) - 1
    indptr, indices, values = [0], [], []
    for norm in norms:
        b = np.array(features(norm), dtype=np.int64) & mask
        if len(b):
            u, c = np.unique(b, return_counts=True)
            v = c / np.sqrt((c.astype(np.float64) ** 2).sum())
            indices.extend(u.tolist())
            values.extend(v.tolist())
        indptr.append(len(indices))
    return np.array(indptr), np.array(indices, dtype=np.int64), np.array(values)


# ---------------------------------------------------------------- model
class Softmax:
    """Multinomial logistic regression, L2, full-batch Adam on sparse rows."""

    def __init__(self, l2=L2, epochs=EPOCHS, lr=0.1, balanced=BALANCED):
        self.l2, self.epochs, self.lr, self.balanced = l2, epochs, lr, balanced

    def fit(self, X, y, ncols):
        indptr, indices, values = X
        n = len(indptr) - 1
        k = len(LABELS)
        rows = np.repeat(np.arange(n), np.diff(indptr))
        Y = np.zeros((n, k))
        Y[np.arange(n), y] = 1.0
        W = np.zeros((ncols, k))
        b = np.zeros(k)
        mW, vW, mb, vb = np.zeros_like(W), np.zeros_like(W), np.zeros(k), np.zeros(k)
        used = np.unique(indices)
        # sample weights: each class weighs the same in total when balanced
        sw = np.ones(n)
        if self.balanced:
            counts = np.bincount(y, minlength=k).astype(float)
            sw = (n / (k * np.maximum(counts, 1)))[y]
        sw = sw / sw.sum()
        for t in range(1, self.epochs + 1):
            P = self._probs(W, b, X, rows, n)
            G = (P - Y) * sw[:, None]
            gW = np.zeros_like(W)
            for c in range(k):
                gW[:, c] = np.bincount(indices, weights=G[rows, c] * values, minlength=ncols)
            gW[used] += self.l2 * W[used]
            gb = G.sum(0)
            for (m, v, g, p) in ((mW, vW, gW, W), (mb, vb, gb, b)):
                m *= 0.9
                m += 0.1 * g
                v *= 0.999
                v += 0.001 * g * g
                p -= self.lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
        self.W, self.b = W, b
        return self

    @staticmethod
    def _probs(W, b, X, rows, n):
        indptr, indices, values = X
        Z = np.zeros((n, W.shape[1]))
        contrib = W[indices] * values[:, None]
        for c in range(W.shape[1]):
            Z[:, c] = np.bincount(rows, weights=contrib[:, c], minlength=n)
        Z += b
        Z -= Z.max(1, keepdims=True)
        E = np.exp(Z)
        return E / E.sum(1, keepdims=True)

    def probs(self, X):
        indptr = X[0]
        n = len(indptr) - 1
        rows = np.repeat(np.arange(n), np.diff(indptr))
        return self._probs(self.W, self.b, X, rows, n)


def subset(X, idx):
    indptr, indices, values = X
    parts_i, parts_v, ptr = [], [], [0]
    for r in idx:
        s, e = indptr[r], indptr[r + 1]
        parts_i.append(indices[s:e])
        parts_v.append(values[s:e])
        ptr.append(ptr[-1] + e - s)
    return np.array(ptr), np.concatenate(parts_i), np.concatenate(parts_v)


# ---------------------------------------------------------------- combination
MIN_WORDS_ALONE = 3
MIN_WORDS_CUE = 1
# Raises without a rule cue: only at 0.95 or above. In the third pass "tell me something"
# scored 0.99 abuse and they were off. In the fourth, with 8.3k messages and ordinary chatter
# in the pool, the search chose 0.90, and the core's Telegram test then saw "I just need to
# write all of this down." escalated at 0.947 (the goodbye letters of the training files).
# At 0.90 they added no false escalation on the unread chatter set 2 (5/320 with or without)
# and 4-6 points of unseen recall; the floor of 0.95 keeps most of that with a margin.
ALONE_GRID = [0.95, 0.975, 2.0]


def words(norm):
    """Mirror of screen::words: tokens with at least two letters."""
    return sum(1 for w in norm.split(" ") if sum(c.isalpha() for c in w) >= 2)


# Frames the rules judge alone, where the classifier never raises (RULES_JUDGE in src/screen/mod.rs).
RULES_JUDGE = ("ctx:info", "ctx:past", "ctx:errand", "ctx:ordinary_end")


def rules_judge(d):
    """True when a screen_dump row is in one of the RULES_JUDGE frames."""
    return any(c in d["rules"] for c in RULES_JUDGE)


def combine(rule_label, scores, info, p, thr, nwords):
    """Mirror of screen::raise in src/screen/mod.rs. Returns a label index."""
    high_alone, high_cue_t, abuse_alone, abuse_cue_t = thr
    if rule_label in (0, 1, 2) or info:
        return rule_label
    alone = nwords >= MIN_WORDS_ALONE
    cued = nwords >= MIN_WORDS_CUE
    high = p[0] + p[1]
    if (alone and high >= high_alone) or (cued and (scores[0] >= 1 or scores[1] >= 1) and high >= high_cue_t):
        return 0 if p[0] >= p[1] else 1
    if (alone and p[2] >= abuse_alone) or (cued and scores[2] >= 1 and p[2] >= abuse_cue_t):
        return 2
    return rule_label


def figures(gold, pred, langs, idx):
    hi = [i for i in idx if gold[i] in (0, 1)]
    caught = [i for i in hi if pred[i] in (0, 1)]
    nones = [i for i in idx if gold[i] == 4]
    fe = [i for i in nones if pred[i] in (0, 1, 2)]
    per = {}
    for lg in LANGS:
        h = [i for i in hi if langs[i] == lg]
        per[lg] = (sum(1 for i in h if pred[i] in (0, 1)), len(h))
    return len(caught), len(hi), len(fe), len(nones), per


def fmt(f):
    c, h, fe, nn, per = f
    langs = ", ".join(f"{lg} {a / max(b, 1):.3f} ({a}/{b})" for lg, (a, b) in per.items())
    return (f"escalation recall {c / max(h, 1):.3f} ({c}/{h}); {langs}; "
            f"false escalation {fe / max(nn, 1):.3f} ({fe}/{nn})")


# A raise needs the classifier to find the label at least as likely as not,
# even with a weak rule cue: the pool's `none` rows are too few to show how
# often one weak cue fires on an ordinary message (a knife in a recipe).
HIGH_GRID = [round(x, 2) for x in np.arange(0.50, 1.001, 0.025)]
CUE_GRID = [round(x, 2) for x in np.arange(0.50, 1.001, 0.025)]
OFF = 2.0


def choose(gold, rule, scores, info, nw, P, idx, budget):
    """Thresholds maximising escalation recall on rows idx while the
    classifier's raises add at most `budget` false escalations (as a share of
    the `none` rows; the rules' own false escalations are a floor it cannot
    lower). Ties go to the fewest added false escalations, then the highest
    thresholds. The abuse raise is then chosen the same way, given the first,
    from what is left of the budget."""
    gold_i = gold[idx]
    nones = gold_i == 4
    n_none = max(nones.sum(), 1)
    hi = np.isin(gold_i, (0, 1))
    # no raise over a rule escalation, nor in an informational/fictional frame
    esc_rule = np.isin(rule[idx], (0, 1, 2)) | info[idx]
    high = P[idx, 0] + P[idx, 1]
    cued = nw[idx] >= MIN_WORDS_CUE
    cue = cued & ((scores[idx, 0] >= 1) | (scores[idx, 1] >= 1))
    alone = nw[idx] >= MIN_WORDS_ALONE
    best = None
    for ha in ALONE_GRID:
        for hc in [c for c in CUE_GRID if c <= ha] + [OFF]:
            raise_ = ~esc_rule & ((alone & (high >= ha)) | (cue & (high >= hc)))
            fe = (raise_ & nones).sum() / n_none
            if fe > budget:
                continue
            caught = ((np.isin(rule[idx], (0, 1)) | raise_) & hi).sum()
            key = (caught, -fe, ha, hc)
            if best is None or key > best[0]:
                best = (key, ha, hc)
    ha, hc = best[1], best[2]
    raised_high = ~esc_rule & ((alone & (high >= ha)) | (cue & (high >= hc)))
    used = (raised_high & nones).sum() / n_none
    ab = P[idx, 2]
    acue = cued & (scores[idx, 2] >= 1)
    ab_gold = gold_i == 2
    best_a = None
    for aa in ALONE_GRID:
        for ac in [c for c in CUE_GRID if c <= aa] + [OFF]:
            r = ~esc_rule & ~raised_high & ((alone & (ab >= aa)) | (acue & (ab >= ac)))
            fe = (r & nones).sum() / n_none
            if used + fe > budget:
                continue
            caught = (r & ab_gold).sum()
            key = (caught, -fe, aa, ac)
            if best_a is None or key > best_a[0]:
                best_a = (key, aa, ac)
    return (ha, hc, best_a[1], best_a[2])


# ---------------------------------------------------------------- io
def load_pool():
    rows = []
    for name in POOL:
        assert name not in FORBIDDEN
        path = DATA / name
        if not path.exists():
            print(f"(not present: {name})", file=sys.stderr)
            continue
        for ln, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            r = json.loads(line)
            if "turns" in r:
                # a conversation: the messages joined as src/screen/context.rs joins them
                r["text"] = "\n".join(r["turns"])
            assert r["label"] in LABELS and r["lang"] in LANGS, f"{name}:{ln}"
            r["_src"] = name
            rows.append(r)
    return rows


def rust_dump(texts):
    env = dict(os.environ)
    env.setdefault("CARGO_TARGET_DIR", "/work/targets/safety")
    inp = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts))
    res = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "-p", "calme-safety", "--example", "screen_dump"],
        input=inp.encode("utf-8"), capture_output=True, cwd=ROOT, env=env, check=True)
    out = [json.loads(l) for l in res.stdout.decode("utf-8").splitlines()]
    assert len(out) == len(texts)
    return out


def folds_for(gold, langs, k, seed):
    """Stratified by (label, language), seeded."""
    rng = np.random.RandomState(seed)
    fold = np.zeros(len(gold), dtype=int)
    for g in range(len(LABELS)):
        for lg in LANGS:
            idx = np.array([i for i in range(len(gold)) if gold[i] == g and langs[i] == lg], dtype=int)
            rng.shuffle(idx)
            for j, i in enumerate(idx):
                fold[i] = j % k
    return fold


def write_model(W, b, thr, bits, path):
    k = len(LABELS)
    scale = np.maximum(np.abs(W).max(0), 1e-12) / 127.0
    q = np.clip(np.rint(W / scale), -127, 127).astype(np.int8)
    body = bytearray(b"CALMECLF")
    body += struct.pack("<IIII", 1, bits, k, 4)
    body += struct.pack("<4f", *thr)
    body += struct.pack(f"<{k}f", *scale.astype(np.float32))
    body += struct.pack(f"<{k}f", *b.astype(np.float32))
    body += q.tobytes(order="C")  # [bucket][class]
    body += struct.pack("<Q", fnv1a64(bytes(body)))
    path.write_bytes(bytes(body))
    return q.astype(np.float64) * scale.astype(np.float32).astype(np.float64), scale


def quantised_logits(Wq, b, norm, bits):
    """Float64 mirror of Model::logits (dequantised weights)."""
    mask = (1 << bits) - 1
    bk = np.array(features(norm), dtype=np.int64) & mask
    z = b.astype(np.float32).astype(np.float64).copy()
    if len(bk) == 0:
        return z
    u, c = np.unique(bk, return_counts=True)
    return z + (c[:, None] * Wq[u]).sum(0) / np.sqrt((c.astype(np.float64) ** 2).sum())


# The cross-validation's inputs, set before the folds are fitted (forked workers inherit them).
_CV = {}


def cv_fold(k):
    """Fits fold k's classifier on the other folds; returns fold k's rows and their probabilities."""
    c = _CV
    tr = np.where(c["fold"] != k)[0]
    te = np.where(c["fold"] == k)[0]
    m = Softmax().fit(subset(c["Xfit"], tr), c["gold"][tr], c["ncols"])
    print(f"  fold {k}: trained on {len(tr)}", file=sys.stderr)
    return te, m.probs(subset(c["X"], te))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cv-only", action="store_true",
                    help="cross-validate and write classifier_cv.txt; keep the committed weights")
    ap.add_argument("--jobs", type=int, default=1, help="CV folds fitted at once (one core each)")
    ap.add_argument("--no-cv", action="store_true", help="skip cross-validation (experiments)")
    ap.add_argument("--search-thresholds", action="store_true",
                    help="use the thresholds the search chooses instead of THRESHOLDS")
    ap.add_argument("--refresh-fixture", action="store_true",
                    help="keep the committed weights; rewrite only data/classifier_fixture.json")
    args = ap.parse_args()
    if args.refresh_fixture:
        return refresh_fixture()

    rows = load_pool()
    dump = rust_dump([r["text"] for r in rows] + FIXTURE_TEXTS)
    dump, fixture_dump = dump[:len(rows)], dump[len(rows):]
    gold = np.array([LABELS.index(r["label"]) for r in rows])
    langs = [r["lang"] for r in rows]
    srcs = [r["_src"] for r in rows]
    rule = np.array([LABELS.index(d["rule_label"]) for d in dump])
    scores = np.array([d["rule_scores"] for d in dump])
    info = np.array([rules_judge(d) for d in dump])
    nw = np.array([words(d["norm"]) for d in dump])
    X = vectorise([d["norm"] for d in dump], BITS)
    # Trained on the Latin text of Arabizi rows only, scored on what Rust reads (with the reading).
    Xfit = vectorise([latin_part(d["norm"]) for d in dump], BITS)
    ncols = 1 << BITS
    n = len(rows)
    report = []

    def say(s=""):
        print(s)
        report.append(s)

    say(f"training pool: {n} rows from " + ", ".join(
        f"{s} ({srcs.count(s)})" for s in dict.fromkeys(srcs)))
    say(f"features: {BITS}-bit hashed word uni/bigrams and char 2-5-grams; softmax LR, L2 {L2}, "
        f"{EPOCHS} Adam epochs; {FOLDS}-fold CV stratified by label x language, seed {SEED}")

    fold = folds_for(gold, langs, FOLDS, SEED)
    P = np.zeros((n, len(LABELS)))
    _CV.update(Xfit=Xfit, X=X, gold=gold, ncols=ncols, fold=fold)
    ks = [] if args.no_cv else list(range(FOLDS))
    if args.jobs > 1 and ks:
        import multiprocessing
        # Forked workers share the matrices; each returns its fold's probabilities.
        with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
            for te, p in pool.imap_unordered(cv_fold, ks):
                P[te] = p
    else:
        for te, p in map(cv_fold, ks):
            P[te] = p

    allidx = np.arange(n)
    # without CV there are no out-of-fold predictions to search on
    searched = THRESHOLDS if args.no_cv else choose(gold, rule, scores, info, nw, P, allidx, FE_BUDGET)
    thr = searched if args.search_thresholds else THRESHOLDS
    comb = np.array([combine(rule[i], scores[i], info[i], P[i], thr, nw[i]) for i in range(n)])
    # nested: thresholds for fold k chosen on the other folds' out-of-fold rows
    nested = np.zeros(n, dtype=int)
    for k in range(FOLDS):
        t_k = choose(gold, rule, scores, info, nw, P, np.where(fold != k)[0], FE_BUDGET) if args.search_thresholds else thr
        for i in np.where(fold == k)[0]:
            nested[i] = combine(rule[i], scores[i], info[i], P[i], t_k, nw[i])

    acc_clf = (P.argmax(1) == gold).mean()
    say(f"classifier alone (argmax, out-of-fold): exact label {acc_clf:.3f}")
    if not args.search_thresholds:
        say(f"thresholds fixed (THRESHOLDS); on the out-of-fold predictions the search (false escalation <= "
            f"{FE_BUDGET}) would choose {tuple(float(x) for x in searched)}")
    say(f"thresholds used: "
        f"high-risk alone {thr[0]}, with a weak imminent/medical cue {thr[1]}, "
        f"abuse alone {thr[2]}, with a weak abuse cue {thr[3]} (2.0 = off)")
    say("")
    say("cross-validated figures (rules are fixed; they were tuned on every file of the pool: dev + held-out")
    say("1-2 in the first two passes, held-out 3-4 and triage_train_* in the third; so the rules' figures here")
    say("are not unseen-data estimates, and the combined figures only show what the classifier adds):")
    groups = [("whole pool", allidx)] + [
        (s, np.array([i for i in range(n) if srcs[i] == s])) for s in dict.fromkeys(srcs)]
    for name, idx in groups:
        say(f"{name} ({len(idx)} rows)")
        say(f"  rules only      {fmt(figures(gold, rule, langs, idx))}")
        say(f"  combined (CV)   {fmt(figures(gold, comb, langs, idx))}")
        say(f"  combined nested {fmt(figures(gold, nested, langs, idx))}")
    unseen = np.array([i for i in range(n) if srcs[i] not in (
        "triage_dev.jsonl", "triage_holdout.jsonl", "triage_holdout2.jsonl", "triage_holdout4.jsonl")])
    if len(unseen):
        say(f"rows the second-pass rules were not tuned on, studied in the third pass ({len(unseen)} rows)")
        say(f"  rules only      {fmt(figures(gold, rule, langs, unseen))}")
        say(f"  combined (CV)   {fmt(figures(gold, comb, langs, unseen))}")
        say(f"  combined nested {fmt(figures(gold, nested, langs, unseen))}")
    # confusion matrix of the combined CV prediction on the whole pool
    say("")
    say("confusion matrix, combined (CV), whole pool (rows = gold)")
    say(" " * 18 + "".join(f"{l[:9]:>11}" for l in LABELS))
    for g in range(len(LABELS)):
        say(f"{LABELS[g]:<18}" + "".join(f"{((gold == g) & (comb == p)).sum():>11}" for p in range(len(LABELS))))

    if args.cv_only:
        (OUT / "classifier_cv.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
        print(f"wrote {OUT / 'classifier_cv.txt'}")
        return

    m = Softmax().fit(Xfit, gold, ncols)
    OUT.mkdir(exist_ok=True)
    Wq, _ = write_model(m.W, m.b, thr, BITS, OUT / "classifier.bin")
    write_fixture(Wq, m.b, thr, fixture_dump)
    (OUT / "classifier_cv.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
    print(f"wrote {OUT / 'classifier.bin'} ({(OUT / 'classifier.bin').stat().st_size} bytes)")


def write_fixture(Wq, b, thr, fixture_dump):
    """data/classifier_fixture.json: what Rust must reproduce for FIXTURE_TEXTS."""
    fixture = []
    for t, d in zip(FIXTURE_TEXTS, fixture_dump):
        z = quantised_logits(Wq, b, d["norm"], BITS)
        e = np.exp(z - z.max())
        p = e / e.sum()
        r = LABELS.index(d["rule_label"])
        fixture.append({
            "text": t, "norm": d["norm"], "hashes": features(d["norm"]),
            "logits": [round(float(v), 6) for v in z],
            "label": LABELS[combine(r, d["rule_scores"], rules_judge(d), p, thr, words(d["norm"]))],
        })
    (OUT / "classifier_fixture.json").write_text(
        json.dumps({"bits": BITS, "thresholds": list(thr), "cases": fixture}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8")


def read_model(path):
    """The committed weights, dequantised as Rust reads them: (Wq, b, thresholds)."""
    raw = path.read_bytes()
    assert raw[:8] == b"CALMECLF" and struct.unpack("<Q", raw[-8:])[0] == fnv1a64(raw[:-8]), path
    _, bits, k, nthr = struct.unpack("<IIII", raw[8:24])
    assert bits == BITS and k == len(LABELS) and nthr == 4, (bits, k, nthr)
    at = 24
    thr = struct.unpack("<4f", raw[at:at + 16]); at += 16
    scale = np.array(struct.unpack(f"<{k}f", raw[at:at + 4 * k]), dtype=np.float32); at += 4 * k
    b = np.array(struct.unpack(f"<{k}f", raw[at:at + 4 * k]), dtype=np.float32); at += 4 * k
    q = np.frombuffer(raw[at:at + (1 << bits) * k], dtype=np.int8).reshape(1 << bits, k)
    thr = tuple(round(float(v), 6) for v in thr)
    return q.astype(np.float64) * scale.astype(np.float64), b, thr


def refresh_fixture():
    """Keeps the committed weights and rewrites only the fixture: for a change
    of normalisation that the weights are kept through (measured, not assumed:
    say why in the commit)."""
    Wq, b, thr = read_model(OUT / "classifier.bin")
    write_fixture(Wq, b, thr, rust_dump(FIXTURE_TEXTS))
    print(f"wrote {OUT / 'classifier_fixture.json'} for the committed weights")


if __name__ == "__main__":
    main()
