//! The engine's typed errors; their Display is one line a user can act on.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum LlmError {
    #[error("model not found at {} ({reason}); run scripts/setup-model.sh to build it", path.display())]
    ModelMissing { path: PathBuf, reason: String },
    #[error("ONNX Runtime library not loadable at {} ({reason}); run scripts/setup-model.sh or set ORT_DYLIB_PATH to a libonnxruntime.so >= 1.31", path.display())]
    RuntimeMissing { path: PathBuf, reason: String },
    #[error("the model is busy (generation queue full)")]
    Overloaded,
    #[error("prompt is {prompt_tokens} tokens; the model's context holds {context_length}")]
    ContextTooLong { prompt_tokens: usize, context_length: usize },
    #[error("model runtime error: {0}")]
    Runtime(String),
}

impl From<ort::Error> for LlmError {
    fn from(e: ort::Error) -> Self {
        LlmError::Runtime(e.to_string())
    }
}
