//! CALMe's local language model engine.
//!
//! Loads a model directory (ONNX decoder with a KV cache, `tokenizer.json`, `calme-model.json`),
//! renders ChatML, and generates on dedicated worker threads fed by a bounded queue. Tokens come
//! back as a stream of valid UTF-8 text; dropping the stream or calling [`CancelHandle::cancel`]
//! stops the work within one decode step.

mod attention;
mod chat;
pub mod cli;
mod config;
mod engine;
mod error;
pub(crate) mod model;
mod ops;
pub mod quant;
mod paths;
mod probe;
mod reader;
pub(crate) mod sampling;
mod stream;
mod tokenizer;
mod worker;

pub use chat::{render_chatml, ChatRole, ChatTurn};
pub use config::{ChatFormat, KvLayout, ModelConfig, CONFIG_FILE};
pub use engine::{Engine, EngineOptions, GenerateRequest};
pub use error::LlmError;
pub use model::{KvCache, Model, StepOutput};
pub use probe::{ProbeCheck, ProbeWeights, RiskProbe, Scores, MAX_TOKENS as PROBE_MAX_TOKENS};
pub use paths::{default_data_dir, default_model_dir, default_ort_path, default_reader_dir, env_model_dir, env_ort_path, env_reader_dir, MODEL_NAME};
pub use reader::{HiddenReader, ReaderConfig, READER_CONFIG_FILE, READER_NAME};
pub use sampling::{Sampler, Sampling};
pub use stream::{CancelHandle, FinishReason, GenerationStats, StreamEvent, TokenStream, Utf8Decoder};
pub use tokenizer::Tokenizer;
