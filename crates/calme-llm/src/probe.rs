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

/// The trained probe, as tools/safety-train/probe.py writes it.
#[derive(Debug, Deserialize)]
pub struct ProbeWeights {
    /// Model the features come from (`calme-model.json` `name`).
    pub model: String,
    /// Layers of the `hidden.*` outputs, shallowest first.
    pub layers: Vec<usize>,
    pub prefix: String,
    pub max_tokens: usize,
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
        Ok(RiskProbe { source: Source::Decoder { model, tokenizer }, prefix, w })
    }

    /// The multilingual probe over the reader in `reader_dir` (tools/reader/gemma_reader.py),
    /// on `threads` threads (0: all cores).
    pub fn load_reader(reader_dir: &Path, ort_dylib: &Path, threads: usize) -> Result<RiskProbe, LlmError> {
        let reader = HiddenReader::load(reader_dir, ort_dylib, threads)?;
        let w = ProbeWeights::multilingual();
        let cfg = reader.config();
        if cfg.name != w.model {
            return Err(LlmError::Runtime(format!("the multilingual probe was trained on {}, not {}", w.model, cfg.name)));
        }
        if cfg.layers != w.layers {
            return Err(LlmError::Runtime(format!(
                "the reader returns layers {:?}, the multilingual probe needs {:?}; run scripts/setup-model.sh",
                cfg.layers, w.layers
            )));
        }
        if w.max_tokens + 1 > cfg.max_positions {
            return Err(LlmError::Runtime(format!("the reader holds {} positions, the probe reads {} tokens", cfg.max_positions, w.max_tokens)));
        }
        check_width(&w, cfg.hidden_size)?;
        let prefix = vec![cfg.bos_token_id];
        Ok(RiskProbe { source: Source::Reader(reader), prefix, w })
    }

    /// Whether it reads the multilingual reader's hidden states (not SmolLM2's).
    pub fn multilingual(&self) -> bool {
        matches!(self.source, Source::Reader(_))
    }

    /// The score from which a message in `lang` (a language code) escalates.
    pub fn threshold(&self, lang: &str) -> f32 {
        self.w.thresholds.get(lang).copied().unwrap_or(self.w.threshold)
    }

    pub fn weights(&self) -> &ProbeWeights {
        &self.w
    }

    /// The probability that `text` tells of imminent risk or a medical emergency.
    pub fn score(&mut self, text: &str) -> Result<f32, LlmError> {
        let mut body = match &self.source {
            Source::Decoder { tokenizer, .. } => tokenizer.encode(text),
            Source::Reader(reader) => reader.tokenizer().encode(text),
        };
        body.truncate(self.w.max_tokens);
        if body.is_empty() {
            return Ok(0.0);
        }
        let skip = self.prefix.len();
        let tokens: Vec<u32> = self.prefix.iter().chain(&body).copied().collect();
        let (states, width) = match &mut self.source {
            Source::Decoder { model, .. } => (model.hidden_states(&tokens)?, model.config().hidden_size),
            Source::Reader(reader) => (reader.hidden_states(&tokens)?, reader.config().hidden_size),
        };
        let n = tokens.len();
        let mut z = self.w.bias as f64;
        let mut w = self.w.weights.chunks_exact(width);
        for state in &states {
            if state.len() != n * width {
                return Err(LlmError::Runtime(format!("hidden state of {} values for {n} positions", state.len())));
            }
            let wl = w.next().unwrap_or_default();
            for (j, &wj) in wl.iter().enumerate() {
                let mean = (skip..n).map(|t| state[t * width + j] as f64).sum::<f64>() / (n - skip) as f64;
                z += wj as f64 * mean;
            }
        }
        if let (Some(last), Some(wl)) = (states.last(), w.next()) {
            z += wl.iter().zip(&last[(n - 1) * width..]).map(|(&a, &b)| a as f64 * b as f64).sum::<f64>();
        }
        Ok((1.0 / (1.0 + (-z).exp())) as f32)
    }
}

/// The weights must be one per feature: a mean per layer, and the deepest layer's last position.
fn check_width(w: &ProbeWeights, width: usize) -> Result<(), LlmError> {
    let features = w.layers.len() * width + width;
    if w.weights.len() != features {
        return Err(LlmError::Runtime(format!("risk probe has {} weights for {features} features", w.weights.len())));
    }
    Ok(())
}
