//! `calme-model.json`: everything the engine needs to know about a model directory.
//! Written by `tools/convert` (offline path) or `calme model pull` (online path).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::LlmError;

/// File name of the config inside a model directory.
pub const CONFIG_FILE: &str = "calme-model.json";

/// How the graph keeps its KV cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum KvLayout {
    /// Optimum layout: `present.*` is `past.*` plus the new positions (`[b, kv_heads, past + new, head_dim]`).
    #[default]
    Growing,
    /// `past.*` and `present.*` are one preallocated `[b, kv_heads, context_length, head_dim]` buffer
    /// (GroupQueryAttention with a shared buffer); the engine binds the same tensor to both.
    Shared,
}

/// ChatML pieces taken from the model's chat template.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChatFormat {
    /// Opens a turn, followed by the role name and a newline (`<|im_start|>`).
    pub turn_start: String,
    /// Closes a turn (`<|im_end|>\n`).
    pub turn_end: String,
    /// System prompt the template inserts when the conversation has none.
    #[serde(default)]
    pub default_system: Option<String>,
}

impl ChatFormat {
    /// ChatML pieces from a Jinja chat template (SmolLM2's and other ChatML templates).
    pub fn from_template(template: &str) -> Result<ChatFormat, LlmError> {
        if !template.contains("<|im_start|>") || !template.contains("<|im_end|>") {
            return Err(LlmError::Runtime("chat template is not ChatML".into()));
        }
        let default_system = template
            .split_once("<|im_start|>system\n")
            .and_then(|(_, rest)| rest.split_once("<|im_end|>"))
            .map(|(sys, _)| sys.to_string());
        Ok(ChatFormat { turn_start: "<|im_start|>".into(), turn_end: "<|im_end|>\n".into(), default_system })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ModelConfig {
    pub name: String,
    pub num_layers: usize,
    pub num_heads: usize,
    pub num_kv_heads: usize,
    pub head_dim: usize,
    pub hidden_size: usize,
    pub vocab_size: usize,
    pub context_length: usize,
    pub bos_token_id: u32,
    pub eos_token_id: u32,
    /// Tokens that end a reply (`<|im_end|>`, `<|endoftext|>`).
    pub stop_token_ids: Vec<u32>,
    /// The Jinja chat template as shipped with the model (kept for reference).
    pub chat_template: String,
    pub chat: ChatFormat,
    #[serde(default = "default_model_file")]
    pub model_file: String,
    #[serde(default = "default_tokenizer_file")]
    pub tokenizer_file: String,
    #[serde(default)]
    pub kv_layout: KvLayout,
    /// Whether the graph takes `position_ids` (informational: the engine asks the graph itself).
    #[serde(default = "yes")]
    pub has_position_ids: bool,
}

fn default_model_file() -> String {
    "model.onnx".into()
}
fn default_tokenizer_file() -> String {
    "tokenizer.json".into()
}
fn yes() -> bool {
    true
}

impl ModelConfig {
    /// Writes `calme-model.json` into a model directory.
    pub fn save(&self, model_dir: &Path) -> Result<(), LlmError> {
        let text = serde_json::to_string_pretty(self).map_err(|e| LlmError::Runtime(e.to_string()))?;
        std::fs::write(model_dir.join(CONFIG_FILE), text).map_err(|e| LlmError::Runtime(e.to_string()))
    }

    /// Reads `calme-model.json` from a model directory.
    pub fn load(model_dir: &Path) -> Result<ModelConfig, LlmError> {
        let path = model_dir.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| LlmError::ModelMissing {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        serde_json::from_str(&text).map_err(|e| LlmError::ModelMissing { path, reason: format!("bad config: {e}") })
    }
}
