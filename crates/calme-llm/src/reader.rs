//! A multilingual model's first layers, run once over a message for their hidden states.
//!
//! SmolLM2 (the chat model) reads English well and Hebrew, Arabic and Russian poorly. The
//! multilingual reading runs the first layers of Gemma 3 270M, which was trained on many
//! languages, over a message — no cache, no generation, no logits — for a risk probe
//! ([`crate::RiskProbe::load_reader`]). tools/reader/gemma_reader.py writes the directory from the
//! GGUF that scripts/setup-model.sh fetches: `reader.onnx` (`input_ids [1, n]` →
//! `hidden.{layer} [1, n, width]`, each divided by its RMS), `tokenizer.json` and
//! `calme-reader.json`.

use std::path::Path;

use ort::session::Session;
use ort::value::Tensor;
use serde::Deserialize;

use crate::model::{cores, ensure_runtime, session_builder};
use crate::{LlmError, Tokenizer};

/// The reader directory's description of itself.
pub const READER_CONFIG_FILE: &str = "calme-reader.json";

/// Directory name of the reader the setup script builds, under `$DATA/models`.
pub const READER_NAME: &str = "gemma-3-270m-reader";

#[derive(Debug, Clone, Deserialize)]
pub struct ReaderConfig {
    pub name: String,
    pub model_file: String,
    pub tokenizer_file: String,
    pub bos_token_id: u32,
    /// Layers of the `hidden.*` outputs, shallowest first.
    pub layers: Vec<usize>,
    pub hidden_size: usize,
    /// Most positions (the `<bos>` included) the graph's rotary and mask tables cover.
    pub max_positions: usize,
}

pub struct HiddenReader {
    session: Session,
    tokenizer: Tokenizer,
    cfg: ReaderConfig,
    outputs: Vec<String>,
}

impl std::fmt::Debug for HiddenReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HiddenReader").field("name", &self.cfg.name).field("layers", &self.cfg.layers).finish()
    }
}

impl HiddenReader {
    /// Loads the reader in `dir` on `threads` threads (0: all cores), never spinning.
    pub fn load(dir: &Path, ort_dylib: &Path, threads: usize) -> Result<HiddenReader, LlmError> {
        let path = dir.join(READER_CONFIG_FILE);
        let missing = |reason: String| LlmError::ModelMissing { path: path.clone(), reason };
        let text = std::fs::read_to_string(&path).map_err(|e| missing(e.to_string()))?;
        let cfg: ReaderConfig = serde_json::from_str(&text).map_err(|e| missing(format!("bad config: {e}")))?;
        let graph = dir.join(&cfg.model_file);
        if !graph.is_file() {
            return Err(LlmError::ModelMissing { path: graph, reason: "no such file".into() });
        }
        let tokenizer = Tokenizer::load(&dir.join(&cfg.tokenizer_file))?;
        let env = ensure_runtime(ort_dylib)?;
        let session = session_builder(&env, cores(threads), false)?
            .commit_from_file(&graph)
            .map_err(|e| LlmError::Runtime(format!("loading {}: {e}", graph.display())))?;
        let outputs: Vec<String> = cfg.layers.iter().map(|l| format!("hidden.{l}")).collect();
        for name in &outputs {
            if !session.outputs().iter().any(|o| o.name() == name) {
                return Err(LlmError::Runtime(format!("{} has no {name} output; run scripts/setup-model.sh", graph.display())));
            }
        }
        Ok(HiddenReader { session, tokenizer, cfg, outputs })
    }

    pub fn config(&self) -> &ReaderConfig {
        &self.cfg
    }

    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// Runs `tokens` (the `<bos>` included, at most `max_positions`) and returns each
    /// `hidden.*` output as `[positions × hidden_size]`, shallowest first.
    pub fn hidden_states(&mut self, tokens: &[u32]) -> Result<Vec<Vec<f32>>, LlmError> {
        let n = tokens.len();
        if n > self.cfg.max_positions {
            return Err(LlmError::ContextTooLong { prompt_tokens: n, context_length: self.cfg.max_positions });
        }
        let ids = Tensor::from_array(([1i64, n as i64], tokens.iter().map(|&t| t as i64).collect::<Vec<_>>()))?;
        let outputs = self.session.run(ort::inputs!["input_ids" => ids])?;
        self.outputs
            .iter()
            .map(|name| {
                let value = outputs.get(name.as_str()).ok_or_else(|| LlmError::Runtime(format!("no {name} output")))?;
                Ok(value.try_extract_tensor::<f32>()?.1.to_vec())
            })
            .collect()
    }
}
