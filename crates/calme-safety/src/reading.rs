//! The semantic reading: a multilingual sentence encoder (USE-m3, [`crate::semantic`]) and a
//! logistic head trained on the screen's data (tools/safety-train/semantic_head.py), for a
//! second look at messages the screen leans on without escalating. The head reads the sentence
//! embedding next to what the screen saw (its classifier's probabilities, its rule weights,
//! whether it asked the check-in), and was trained only on messages the screen leans on.
//!
//! The screen's rules and hashed n-grams know the words they were written or trained on; people
//! the screen has never read tell the same crisis in other words. A sentence encoder trained on
//! many languages carries meaning across wordings (English, Arabic and Russian; it was not
//! trained on Hebrew). It costs milliseconds, not microseconds, so it is not part of
//! [`crate::screen`]: CALMe's second reading runs it (see `src/reread.rs` in the binary).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::semantic::{Encoder, LoadError};
use crate::Lang;

/// The packaged head (data/semantic_head.json).
const HEAD: &str = include_str!("../data/semantic_head.json");

#[derive(Deserialize)]
struct Head {
    /// Per language code ("en", "he", "ar", "ru").
    thresholds: std::collections::HashMap<String, f32>,
    bias: f32,
    weights: Vec<f32>,
}

/// The encoder with its head: [`SemanticReading::score`] is the probability that a message tells
/// of imminent risk or a medical emergency.
pub struct SemanticReading {
    encoder: Encoder,
    head: Head,
}

impl std::fmt::Debug for SemanticReading {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SemanticReading").field("thresholds", &self.head.thresholds).finish()
    }
}

impl SemanticReading {
    /// Loads the encoder exported by scripts/setup-model.sh from `dir` ([`semantic_dir`]).
    pub fn load(dir: &Path) -> Result<SemanticReading, LoadError> {
        let encoder = Encoder::load(dir)?;
        let head: Head = serde_json::from_str(HEAD).expect("data/semantic_head.json is checked by the tests");
        Ok(SemanticReading { encoder, head })
    }

    /// Probability of imminent risk or a medical emergency, from the message alone.
    pub fn score(&self, text: &str) -> f32 {
        self.score_with(text, &screen_features(text))
    }

    /// [`SemanticReading::score`] given what the screen saw in `text` alone
    /// ([`screen_features`]), for a caller that hands the same to other heads too.
    pub fn score_with(&self, text: &str, screen: &[f32]) -> f32 {
        let embedding = self.encoder.embed(text);
        let features = embedding.iter().chain(screen);
        let z = self.head.bias + features.zip(&self.head.weights).map(|(a, b)| a * b).sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// The score from which a message the screen leans on and read as `lang` escalates: the
    /// training pool's `none` messages in that language reach it 2 % of the time, out of fold.
    pub fn threshold(&self, lang: Lang) -> f32 {
        self.head.thresholds.get(lang.code()).copied().unwrap_or(1.0)
    }
}

/// What the screen saw in `text` alone, as semantic_head.py and reader_head.py read it from
/// screen_dump: the classifier's five probabilities (zeros without the classifier), the rule
/// weight per label capped at 5, over 5, and 1 when it asked the check-in. The heads that read
/// messages the screen leans on take it next to their own features.
pub fn screen_features(text: &str) -> Vec<f32> {
    let t = crate::screen::trace(text);
    let mut f: Vec<f32> = t.probs.unwrap_or([0.0; 5]).to_vec();
    f.extend(t.rule_scores.iter().map(|w| f32::from((*w).min(5)) / 5.0));
    f.push(if t.screening.concern.is_some() { 1.0 } else { 0.0 });
    f
}

/// Where scripts/setup-model.sh exports the encoder: `$CALME_SEMANTIC_DIR`, else
/// `models/use-m3` under `data_dir`.
pub fn semantic_dir(data_dir: &Path) -> PathBuf {
    match std::env::var_os("CALME_SEMANTIC_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => data_dir.join("models").join("use-m3"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_packaged_head_is_whole() {
        let head: Head = serde_json::from_str(HEAD).unwrap();
        assert_eq!(head.weights.len(), crate::semantic::DIM + screen_features("a message").len());
        assert!(head.weights.iter().all(|w| w.is_finite()) && head.bias.is_finite());
        for lang in Lang::ALL {
            let t = head.thresholds[lang.code()];
            assert!(t > 0.5 && t < 1.0, "{lang:?} {t}");
        }
    }
}
