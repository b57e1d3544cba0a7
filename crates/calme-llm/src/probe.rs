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

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::{LlmError, Model, ModelConfig, Tokenizer};

/// Text tokens read per message (the trainer's cut): long messages keep their opening.
pub const MAX_TOKENS: usize = 128;

/// The graph the probe runs (written by tools/convert beside model.onnx, sharing its weights).
pub const PROBE_FILE: &str = "probe.onnx";

const WEIGHTS_JSON: &str = include_str!("../probe/risk_probe.json");

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
    pub fn shipped() -> ProbeWeights {
        serde_json::from_str(WEIGHTS_JSON).expect("probe/risk_probe.json is valid (checked by tests)")
    }
}

pub struct RiskProbe {
    model: Model,
    tokenizer: Tokenizer,
    prefix: Vec<u32>,
    w: ProbeWeights,
}

impl std::fmt::Debug for RiskProbe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RiskProbe").field("layers", &self.w.layers).field("thresholds", &self.w.thresholds).finish()
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
        let features = w.layers.len() * cfg.hidden_size + cfg.hidden_size;
        if w.weights.len() != features {
            return Err(LlmError::Runtime(format!("risk probe has {} weights for {features} features", w.weights.len())));
        }
        let prefix = tokenizer.encode(&w.prefix);
        Ok(RiskProbe { model, tokenizer, prefix, w })
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
        let mut body = self.tokenizer.encode(text);
        body.truncate(self.w.max_tokens);
        if body.is_empty() {
            return Ok(0.0);
        }
        let skip = self.prefix.len();
        let tokens: Vec<u32> = self.prefix.iter().chain(&body).copied().collect();
        let states = self.model.hidden_states(&tokens)?;
        let width = self.model.config().hidden_size;
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
