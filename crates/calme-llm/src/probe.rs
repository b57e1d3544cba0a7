//! The risk probe: a second reading of messages the crisis screen was unsure about.
//!
//! The screen (calme-safety) is rules plus hashed n-grams: fast and explainable, but it
//! only knows the words it was taught. A person telling of risk in words no rule names
//! often leaves it leaning towards a crisis without reaching a label; CALMe then asks
//! whether anyone is in danger. The probe reads those messages with the local model:
//! the model's hidden states, pooled over the message, go through a logistic regression
//! trained on the project's labelled messages (tools/safety-train/probe.py). A score at
//! or above the threshold means "escalate now" instead of "ask".
//!
//! Features, the same as the trainer's: the message alone as a ChatML user turn
//! (`<|im_start|>user\n` + at most [`MAX_TOKENS`] tokens of text), the mean over the text's
//! positions of every `hidden.*` output, then the deepest output's last position.
//!
//! Two probes ship, the same features over two models: SmolLM2's ([`RiskProbe::load`], the
//! chat model's own graph) and the multilingual reader's ([`RiskProbe::load_reader`], the first
//! layers of Gemma 3 270M; the message follows `<bos>` instead of a ChatML turn).
//!
//! The reader also carries a head ([`RiskProbe::scores`], tools/safety-train/reader_head.py):
//! the same features next to what the screen saw (`calme_safety::screen_features`), trained only
//! on the messages the screen leans on. One pass of the reader gives both scores.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::reader::HiddenReader;
use crate::{LlmError, Model, ModelConfig, Tokenizer};

/// Text tokens read per message (the trainer's cut): long messages keep their opening.
pub const MAX_TOKENS: usize = 128;

/// The graph the probe runs (written by tools/convert beside model.onnx, sharing its weights).
pub const PROBE_FILE: &str = "probe.onnx";

const WEIGHTS_JSON: &str = include_str!("../probe/risk_probe.json");
const MULTILINGUAL_JSON: &str = include_str!("../probe/multilingual_probe.json");
const READER_HEAD_JSON: &str = include_str!("../probe/reader_head.json");

/// The trained probe, as tools/safety-train/probe.py writes it.
#[derive(Debug, Deserialize)]
pub struct ProbeWeights {
    /// Model the features come from (`calme-model.json` `name`).
    pub model: String,
    /// Layers of the `hidden.*` outputs, shallowest first.
    pub layers: Vec<usize>,
    pub prefix: String,
    pub max_tokens: usize,
    /// Values the caller adds after the pooled hidden states (a head: what the screen saw).
    #[serde(default)]
    pub screen_features: usize,
    /// One weight per feature, standardisation folded in.
    pub weights: Vec<f32>,
    pub bias: f32,
    /// The score from which a message escalates, for a language without its own.
    pub threshold: f32,
    /// Per language code ("en", "he", "ru", "ar"): each lets the same share of that
    /// language's everyday and hard-negative messages through (the model reads English best).
    #[serde(default)]
    pub thresholds: BTreeMap<String, f32>,
    /// Messages and the trainer's scores for them: the Rust features must reproduce them.
    #[serde(default)]
    pub checks: Vec<ProbeCheck>,
}

#[derive(Debug, Deserialize)]
pub struct ProbeCheck {
    pub text: String,
    pub p: f32,
    /// For a head: what the screen saw in `text` when the trainer scored it.
    #[serde(default)]
    pub screen: Vec<f32>,
}

impl ProbeWeights {
    /// The probe over SmolLM2's hidden states.
    pub fn shipped() -> ProbeWeights {
        serde_json::from_str(WEIGHTS_JSON).expect("probe/risk_probe.json is valid (checked by tests)")
    }

    /// The probe over the multilingual reader's hidden states.
    pub fn multilingual() -> ProbeWeights {
        serde_json::from_str(MULTILINGUAL_JSON).expect("probe/multilingual_probe.json is valid (checked by tests)")
    }

    /// The head over the multilingual reader's hidden states and the screen's outputs.
    pub fn reader_head() -> ProbeWeights {
        serde_json::from_str(READER_HEAD_JSON).expect("probe/reader_head.json is valid (checked by tests)")
    }

    /// The score from which a message in `lang` (a language code) escalates.
    pub fn threshold(&self, lang: &str) -> f32 {
        self.thresholds.get(lang).copied().unwrap_or(self.threshold)
    }

    /// The probability for pooled hidden-state `features` followed by `screen`.
    fn probability(&self, features: &[f64], screen: &[f32]) -> f32 {
        let pooled: f64 = self.weights.iter().zip(features).map(|(&w, &x)| w as f64 * x).sum();
        let seen: f64 = self.weights[features.len()..].iter().zip(screen).map(|(&w, &x)| w as f64 * x as f64).sum();
        let z = self.bias as f64 + pooled + seen;
        (1.0 / (1.0 + (-z).exp())) as f32
    }
}

/// One reading of a message: the probe's score and, for the reader, its head's.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scores {
    pub probe: f32,
    pub head: Option<f32>,
}

/// Where the hidden states come from.
enum Source {
    /// The chat model's graph with its `hidden.*` outputs.
    Decoder { model: Model, tokenizer: Tokenizer },
    /// The multilingual reader.
    Reader(HiddenReader),
}

pub struct RiskProbe {
    source: Source,
    prefix: Vec<u32>,
    w: ProbeWeights,
    /// The reader's head (none over SmolLM2).
    head: Option<ProbeWeights>,
}

impl std::fmt::Debug for RiskProbe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RiskProbe").field("model", &self.w.model).field("layers", &self.w.layers).field("thresholds", &self.w.thresholds).finish()
    }
}

impl RiskProbe {
    /// Loads its own session of the model in `model_dir`, on `threads` threads (0: all
    /// cores), never spinning: in a running bot it works beside generation (one thread there).
    pub fn load(model_dir: &Path, ort_dylib: &Path, threads: usize) -> Result<RiskProbe, LlmError> {
        let cfg = ModelConfig::load(model_dir)?;
        let w = ProbeWeights::shipped();
        if cfg.name != w.model {
            return Err(LlmError::Runtime(format!("the risk probe was trained on {}, not {}", w.model, cfg.name)));
        }
        let tokenizer = Tokenizer::load(&model_dir.join(&cfg.tokenizer_file))?;
        // The same graph and weights as model.onnx, plus the hidden-state outputs.
        let probe_cfg = ModelConfig { model_file: PROBE_FILE.into(), ..cfg.clone() };
        let model = Model::load_with(model_dir, &probe_cfg, ort_dylib, threads, false)?;
        let want: Vec<String> = w.layers.iter().map(|l| format!("hidden.{l}")).collect();
        if model.hidden_names() != want.as_slice() {
            return Err(LlmError::Runtime(format!(
                "the model graph returns {:?}, the risk probe needs {want:?}; run scripts/setup-model.sh",
                model.hidden_names()
            )));
        }
        check_width(&w, cfg.hidden_size)?;
        let prefix = tokenizer.encode(&w.prefix);
        Ok(RiskProbe { source: Source::Decoder { model, tokenizer }, prefix, w, head: None })
    }

    /// The multilingual probe over the reader in `reader_dir` (tools/reader/gemma_reader.py),
    /// on `threads` threads (0: all cores).
    pub fn load_reader(reader_dir: &Path, ort_dylib: &Path, threads: usize) -> Result<RiskProbe, LlmError> {
        let reader = HiddenReader::load(reader_dir, ort_dylib, threads)?;
        let (w, head) = (ProbeWeights::multilingual(), ProbeWeights::reader_head());
        let cfg = reader.config();
        for (what, w) in [("multilingual probe", &w), ("reader head", &head)] {
            if cfg.name != w.model {
                return Err(LlmError::Runtime(format!("the {what} was trained on {}, not {}", w.model, cfg.name)));
            }
            if cfg.layers != w.layers {
                return Err(LlmError::Runtime(format!(
                    "the reader returns layers {:?}, the {what} needs {:?}; run scripts/setup-model.sh",
                    cfg.layers, w.layers
                )));
            }
            if w.max_tokens + 1 > cfg.max_positions {
                return Err(LlmError::Runtime(format!("the reader holds {} positions, the {what} reads {} tokens", cfg.max_positions, w.max_tokens)));
            }
            check_width(w, cfg.hidden_size)?;
        }
        // One pass of the reader serves both: they must read the same tokens.
        if (&head.prefix, head.max_tokens) != (&w.prefix, w.max_tokens) {
            return Err(LlmError::Runtime("the reader head and the multilingual probe read different tokens".into()));
        }
        let prefix = vec![cfg.bos_token_id];
        Ok(RiskProbe { source: Source::Reader(reader), prefix, w, head: Some(head) })
    }

    /// Whether it reads the multilingual reader's hidden states (not SmolLM2's).
    pub fn multilingual(&self) -> bool {
        matches!(self.source, Source::Reader(_))
    }

    /// The score from which a message in `lang` (a language code) escalates.
    pub fn threshold(&self, lang: &str) -> f32 {
        self.w.threshold(lang)
    }

    pub fn weights(&self) -> &ProbeWeights {
        &self.w
    }

    /// The reader's head (none over SmolLM2).
    pub fn head(&self) -> Option<&ProbeWeights> {
        self.head.as_ref()
    }

    /// The probability that `text` tells of imminent risk or a medical emergency.
    pub fn score(&mut self, text: &str) -> Result<f32, LlmError> {
        Ok(self.features(text)?.map_or(0.0, |f| self.w.probability(&f, &[])))
    }

    /// The probe's score and its head's from one reading of `text`; `screen` is what the screen
    /// saw in `text` alone (`calme_safety::screen_features`), which only the head reads.
    pub fn scores(&mut self, text: &str, screen: &[f32]) -> Result<Scores, LlmError> {
        if let Some(head) = &self.head {
            if screen.len() != head.screen_features {
                return Err(LlmError::Runtime(format!("the reader head reads {} screen values, not {}", head.screen_features, screen.len())));
            }
        }
        let Some(f) = self.features(text)? else {
            return Ok(Scores { probe: 0.0, head: self.head.as_ref().map(|_| 0.0) });
        };
        Ok(Scores { probe: self.w.probability(&f, &[]), head: self.head.as_ref().map(|h| h.probability(&f, screen)) })
    }

    /// The pooled hidden states of `text` (none for a text without tokens): the mean over the
    /// text's positions of every hidden state, then the deepest one's last position.
    fn features(&mut self, text: &str) -> Result<Option<Vec<f64>>, LlmError> {
        let mut body = match &self.source {
            Source::Decoder { tokenizer, .. } => tokenizer.encode(text),
            Source::Reader(reader) => reader.tokenizer().encode(text),
        };
        body.truncate(self.w.max_tokens);
        if body.is_empty() {
            return Ok(None);
        }
        let skip = self.prefix.len();
        let tokens: Vec<u32> = self.prefix.iter().chain(&body).copied().collect();
        let (states, width) = match &mut self.source {
            Source::Decoder { model, .. } => (model.hidden_states(&tokens)?, model.config().hidden_size),
            Source::Reader(reader) => (reader.hidden_states(&tokens)?, reader.config().hidden_size),
        };
        let n = tokens.len();
        let mut features = vec![0.0f64; (states.len() + 1) * width];
        for (state, mean) in states.iter().zip(features.chunks_exact_mut(width)) {
            if state.len() != n * width {
                return Err(LlmError::Runtime(format!("hidden state of {} values for {n} positions", state.len())));
            }
            for row in state[skip * width..].chunks_exact(width) {
                for (m, &v) in mean.iter_mut().zip(row) {
                    *m += v as f64;
                }
            }
            mean.iter_mut().for_each(|m| *m /= (n - skip) as f64);
        }
        if let Some(last) = states.last() {
            for (f, &v) in features[states.len() * width..].iter_mut().zip(&last[(n - 1) * width..]) {
                *f = v as f64;
            }
        }
        Ok(Some(features))
    }
}

/// The weights must be one per feature: a mean per layer, the deepest layer's last position,
/// and what the screen saw (a head).
fn check_width(w: &ProbeWeights, width: usize) -> Result<(), LlmError> {
    let features = w.layers.len() * width + width + w.screen_features;
    if w.weights.len() != features {
        return Err(LlmError::Runtime(format!("risk probe has {} weights for {features} features", w.weights.len())));
    }
    Ok(())
}
