//! The product's generator: the local SmolLM2 engine (crate `calme-llm`)
//! behind the core's `Generator` trait.

use std::sync::Arc;

use calme_llm::{ChatRole, ChatTurn, Engine, EngineOptions, GenerateRequest, LlmError, Sampling, StreamEvent};
use tokio::sync::mpsc;

use crate::config::Config;
use crate::generator::{GenError, GenEvent, GenHandle, GenRequest, Generator, TokenCounter, TurnRole};

pub struct LocalModel {
    engine: Engine,
    sampling: SamplingParams,
    name: String,
}

#[derive(Clone, Copy)]
struct SamplingParams {
    temperature: f32,
    top_k: usize,
    top_p: f32,
    repetition_penalty: f32,
}

impl TokenCounter for calme_llm::Tokenizer {
    fn count(&self, text: &str) -> usize {
        calme_llm::Tokenizer::count(self, text)
    }
}

/// Loads the engine from the configured model directory and runtime.
pub fn load(cfg: &Config) -> Result<Arc<dyn Generator>, LlmError> {
    let engine = Engine::load(EngineOptions {
        model_dir: cfg.model_dir(),
        ort_dylib: Some(cfg.ort_dylib()),
        threads: cfg.model.threads,
        queue_capacity: cfg.model.queue_capacity,
        workers: 1,
        spin: cfg.model.spin_threads,
    })?;
    let name = engine.model_name().to_string();
    Ok(Arc::new(LocalModel {
        engine,
        name,
        sampling: SamplingParams {
            temperature: cfg.model.temperature,
            top_k: cfg.model.top_k,
            top_p: cfg.model.top_p,
            repetition_penalty: cfg.model.repetition_penalty,
        },
    }))
}

impl Generator for LocalModel {
    fn name(&self) -> &str {
        &self.name
    }

    fn counter(&self) -> &dyn TokenCounter {
        self.engine.tokenizer()
    }

    fn shutdown(&self, timeout: std::time::Duration) {
        if !self.engine.shutdown(timeout) {
            tracing::warn!("the model was still running at exit");
        }
    }

    fn start(&self, req: GenRequest) -> Result<GenHandle, GenError> {
        let mut turns = Vec::with_capacity(req.turns.len() + 1);
        turns.push(ChatTurn::new(ChatRole::System, req.system));
        turns.extend(req.turns.into_iter().map(|t| {
            let role = match t.role {
                TurnRole::User => ChatRole::User,
                TurnRole::Assistant => ChatRole::Assistant,
            };
            ChatTurn::new(role, t.text)
        }));
        let p = self.sampling;
        let sampling = if p.temperature <= 0.0 {
            Sampling::Greedy
        } else {
            Sampling::Random {
                temperature: p.temperature,
                top_k: p.top_k,
                top_p: p.top_p,
                repetition_penalty: p.repetition_penalty,
                seed: req.seed.unwrap_or_else(rand::random),
            }
        };
        let mut stream = self
            .engine
            .generate(GenerateRequest { turns, sampling, max_new_tokens: req.max_new_tokens })
            .map_err(|e| match e {
                LlmError::Overloaded => GenError::Overloaded,
                LlmError::ContextTooLong { .. } => GenError::ContextTooLong,
                other => GenError::Unavailable(other.to_string()),
            })?;
        let cancel = stream.cancel_handle();
        let (tx, rx) = mpsc::channel(256);
        tokio::spawn(async move {
            while let Some(ev) = stream.next().await {
                let ev = match ev {
                    StreamEvent::Text(t) => GenEvent::Text(t),
                    StreamEvent::Done(stats) => GenEvent::Done {
                        tokens: stats.generated_tokens,
                        ttft_ms: stats.time_to_first_token.as_millis() as u64,
                        tokens_per_sec: stats.decode_tokens_per_sec,
                    },
                };
                if tx.send(ev).await.is_err() {
                    break;
                }
            }
        });
        Ok(GenHandle::new(rx, move || cancel.cancel()))
    }
}
