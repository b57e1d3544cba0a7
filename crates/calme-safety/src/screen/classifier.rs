//! The crisis screen's second signal: a linear classifier (softmax over the
//! five labels) on hashed features of the normalised text.
//!
//! Features, in this order, each counted once per occurrence:
//! - `u|<word>` for every word, `b|<word> <next word>` for every pair;
//! - `c|<gram>` for the character 2- to 5-grams of every word padded with
//!   one space on each side (n-grams never cross a word boundary).
//!
//! A feature's bucket is its 64-bit FNV-1a hash (UTF-8 bytes), folded to 32
//! bits (`h ^ h >> 32`) and masked to the model's bucket count. The vector is
//! the bucket counts divided by their Euclidean norm. tools/safety-train/train.py
//! computes exactly the same features and writes the weights file
//! (data/classifier.bin) and a fixture of expected hashes and scores
//! (data/classifier_fixture.json) that the tests compare against.
//!
//! File layout, little-endian: magic `CALMECLF`, version u32 = 1, bucket bits
//! u32, class count u32 (5, in [`Label::ALL`] order), threshold count u32 and
//! that many f32 thresholds, per-class dequantisation scale f32 and bias f32,
//! then i8 weights bucket-major (`[bucket][class]`), then the FNV-1a 64 of
//! everything before it as u64.

use crate::Label;

const MAGIC: &[u8; 8] = b"CALMECLF";
const VERSION: u32 = 1;
pub(crate) const CLASSES: usize = 5;

/// Thresholds chosen by cross-validation (see train.py), in file order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Thresholds {
    /// p(imminent) + p(medical) at or above this escalates on its own.
    pub high_alone: f32,
    /// ... at or above this escalates when a weak imminent/medical rule cue fired.
    pub high_with_cue: f32,
    /// p(abuse) at or above this raises to abuse on its own.
    pub abuse_alone: f32,
    /// ... at or above this raises to abuse when a weak abuse rule cue fired.
    pub abuse_with_cue: f32,
}

pub(crate) struct Model {
    bits: u32,
    pub thresholds: Thresholds,
    scale: [f32; CLASSES],
    bias: [f32; CLASSES],
    weights: &'static [u8],
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum LoadError {
    Truncated,
    Magic,
    Version(u32),
    Shape,
    Checksum,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_extend(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

pub(crate) fn fnv1a64(bytes: &[u8]) -> u64 {
    fnv_extend(FNV_OFFSET, bytes)
}

fn fold32(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

/// Calls `f` with the 32-bit hash (before masking) of every feature of a
/// normalised text: per word, its unigram, its bigram with the previous word,
/// then for each start position in " word " the 2- to 5-grams from there.
/// FNV-1a is sequential, so each n-gram's hash extends the (n-1)-gram's and
/// nothing is allocated per feature.
pub(crate) fn for_each_feature(norm: &str, mut f: impl FnMut(u32)) {
    let (h_u, h_b, h_c) = (fnv1a64(b"u|"), fnv1a64(b"b|"), fnv1a64(b"c|"));
    let mut chars: Vec<char> = Vec::with_capacity(32);
    let mut prev: Option<&str> = None;
    for w in norm.split(' ').filter(|w| !w.is_empty()) {
        f(fold32(fnv_extend(h_u, w.as_bytes())));
        if let Some(p) = prev {
            f(fold32(fnv_extend(
                fnv_extend(fnv_extend(h_b, p.as_bytes()), b" "),
                w.as_bytes(),
            )));
        }
        prev = Some(w);
        chars.clear();
        chars.push(' ');
        chars.extend(w.chars());
        chars.push(' ');
        for i in 0..chars.len() {
            let mut h = h_c;
            for (n, c) in chars[i..].iter().take(5).enumerate() {
                let mut buf = [0u8; 4];
                h = fnv_extend(h, c.encode_utf8(&mut buf).as_bytes());
                if n >= 1 {
                    f(fold32(h));
                }
            }
        }
    }
}

fn u32_at(b: &[u8], at: usize) -> Result<u32, LoadError> {
    b.get(at..at + 4)
        .and_then(|s| s.try_into().ok())
        .map(u32::from_le_bytes)
        .ok_or(LoadError::Truncated)
}

fn f32_at(b: &[u8], at: usize) -> Result<f32, LoadError> {
    u32_at(b, at).map(f32::from_bits)
}

impl Model {
    pub fn parse(bytes: &'static [u8]) -> Result<Model, LoadError> {
        if bytes.len() < 28 {
            return Err(LoadError::Truncated);
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        let sum = u64::from_le_bytes(sum.try_into().map_err(|_| LoadError::Truncated)?);
        if &body[..8] != MAGIC {
            return Err(LoadError::Magic);
        }
        if fnv1a64(body) != sum {
            return Err(LoadError::Checksum);
        }
        let version = u32_at(body, 8)?;
        if version != VERSION {
            return Err(LoadError::Version(version));
        }
        let bits = u32_at(body, 12)?;
        let classes = u32_at(body, 16)? as usize;
        let nthr = u32_at(body, 20)? as usize;
        if classes != CLASSES || nthr != 4 || !(8..=24).contains(&bits) {
            return Err(LoadError::Shape);
        }
        let mut at = 24;
        let mut thr = [0f32; 4];
        for t in &mut thr {
            *t = f32_at(body, at)?;
            at += 4;
        }
        let mut scale = [0f32; CLASSES];
        let mut bias = [0f32; CLASSES];
        for s in &mut scale {
            *s = f32_at(body, at)?;
            at += 4;
        }
        for b in &mut bias {
            *b = f32_at(body, at)?;
            at += 4;
        }
        let weights = &body[at..];
        if weights.len() != CLASSES << bits {
            return Err(LoadError::Shape);
        }
        let thresholds = Thresholds {
            high_alone: thr[0],
            high_with_cue: thr[1],
            abuse_alone: thr[2],
            abuse_with_cue: thr[3],
        };
        Ok(Model {
            bits,
            thresholds,
            scale,
            bias,
            weights,
        })
    }

    /// Raw class scores (logits) for a normalised text, [`Label::ALL`] order.
    pub fn logits(&self, norm: &str) -> [f32; CLASSES] {
        let mask = (1u32 << self.bits) - 1;
        let mut buckets: Vec<u32> = Vec::with_capacity(norm.len() * 5);
        for_each_feature(norm, |h| buckets.push(h & mask));
        let mut out = self.bias;
        if buckets.is_empty() {
            return out;
        }
        buckets.sort_unstable();
        let mut acc = [0f32; CLASSES];
        let mut sq = 0f32;
        let mut i = 0;
        while i < buckets.len() {
            let b = buckets[i];
            let mut j = i + 1;
            while j < buckets.len() && buckets[j] == b {
                j += 1;
            }
            let count = (j - i) as f32;
            sq += count * count;
            let row = &self.weights[b as usize * CLASSES..(b as usize + 1) * CLASSES];
            for (a, w) in acc.iter_mut().zip(row) {
                *a += count * f32::from(*w as i8);
            }
            i = j;
        }
        let norm_len = sq.sqrt();
        for c in 0..CLASSES {
            out[c] += acc[c] * self.scale[c] / norm_len;
        }
        out
    }

    /// Class probabilities, [`Label::ALL`] order.
    pub fn probs(&self, norm: &str) -> [f32; CLASSES] {
        softmax(self.logits(norm))
    }
}

pub(crate) fn softmax(z: [f32; CLASSES]) -> [f32; CLASSES] {
    let m = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut e = z.map(|v| (v - m).exp());
    let s: f32 = e.iter().sum();
    for v in &mut e {
        *v /= s;
    }
    e
}

/// Index of a label in [`Label::ALL`] (the model's class order).
pub(crate) fn class(l: Label) -> usize {
    Label::ALL
        .iter()
        .position(|x| *x == l)
        .unwrap_or(CLASSES - 1)
}

/// The explanation entry for a raise: "clf:<label>:<p>" with p to two
/// decimals. Interned in a static table so `Screening::rules` keeps
/// `&'static str` entries.
pub(crate) fn explain(label: Label, p: f32) -> &'static str {
    static TABLE: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        Label::ALL
            .iter()
            .flat_map(|l| {
                (0..=100).map(move |i| format!("clf:{}:{}.{:02}", l.as_str(), i / 100, i % 100))
            })
            .collect()
    });
    let i = (p.clamp(0.0, 1.0) * 100.0).floor() as usize;
    TABLE[class(label) * 101 + i.min(100)].as_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_stay_inside_words() {
        let mut n = 0;
        for_each_feature(" ab ", |_| n += 1);
        // u|ab; c| " a","ab","b " (2), " ab","ab " (3), " ab " (4)
        assert_eq!(n, 1 + 3 + 2 + 1);
        let mut m = 0;
        for_each_feature(" ab cd ", |_| m += 1);
        assert_eq!(m, 2 * 7 + 1);
    }

    #[test]
    fn explanation_entries() {
        assert_eq!(
            explain(Label::ImminentRisk, 0.876),
            "clf:imminent_risk:0.87"
        );
        assert_eq!(
            explain(Label::AbuseOrViolence, 1.0),
            "clf:abuse_or_violence:1.00"
        );
        assert_eq!(
            explain(Label::MedicalEmergency, 0.05),
            "clf:medical_emergency:0.05"
        );
    }
}
