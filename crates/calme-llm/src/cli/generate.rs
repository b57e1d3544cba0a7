//! `calme generate`: one prompt in, the reply out (with `--json`, token ids and stats too).

use anyhow::Context;

use super::ModelLocation;
use crate::{ChatRole, ChatTurn, Engine, EngineOptions, GenerateRequest, Sampling, StreamEvent};

/// Generate one reply from the local model.
#[derive(Debug, Clone, clap::Args)]
pub struct GenerateArgs {
    /// The user message.
    #[arg(long)]
    pub prompt: String,
    /// System prompt [default: the model's own]
    #[arg(long)]
    pub system: Option<String>,
    /// Earlier turns of the conversation, before the prompt: a file of lines
    /// "user: …" and "assistant: …" (to reproduce a session's reply).
    #[arg(long)]
    pub history: Option<std::path::PathBuf>,
    /// Most tokens to generate.
    #[arg(long, default_value_t = 256)]
    pub max_tokens: usize,
    /// Greedy decoding (deterministic) instead of sampling.
    #[arg(long)]
    pub greedy: bool,
    /// Sampling seed.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Print JSON (reply, token ids, stats) instead of plain text.
    #[arg(long)]
    pub json: bool,
    /// Intra-op threads (0 = all cores).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    #[command(flatten)]
    pub location: ModelLocation,
}

pub fn cli_generate(args: GenerateArgs) -> anyhow::Result<()> {
    let engine = Engine::load(EngineOptions {
        model_dir: args.location.model_dir(),
        ort_dylib: args.location.ort_dylib.clone(),
        threads: args.threads,
        queue_capacity: 1,
        workers: 1,
        spin: false,
    })?;
    let mut turns = Vec::new();
    if let Some(system) = &args.system {
        turns.push(ChatTurn::new(ChatRole::System, system.clone()));
    }
    if let Some(path) = &args.history {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let turn = if let Some(t) = line.strip_prefix("user:") {
                ChatTurn::new(ChatRole::User, t.trim().to_string())
            } else if let Some(t) = line.strip_prefix("assistant:") {
                ChatTurn::new(ChatRole::Assistant, t.trim().to_string())
            } else {
                anyhow::bail!("{}:{}: a history line starts with 'user:' or 'assistant:'", path.display(), n + 1);
            };
            turns.push(turn);
        }
    }
    turns.push(ChatTurn::new(ChatRole::User, args.prompt.clone()));
    let sampling = if args.greedy {
        Sampling::Greedy
    } else {
        match Sampling::default() {
            Sampling::Random { temperature, top_k, top_p, repetition_penalty, .. } => {
                Sampling::Random { temperature, top_k, top_p, repetition_penalty, seed: args.seed }
            }
            Sampling::Greedy => Sampling::Greedy,
        }
    };
    let prompt_text = engine.render_prompt(&turns);
    let prompt_ids = engine.tokenizer().encode(&prompt_text);
    let mut stream = engine.generate(GenerateRequest { turns, sampling, max_new_tokens: args.max_tokens })?;
    let mut reply = String::new();
    let stats = loop {
        match stream.blocking_next().context("model worker stopped without finishing")? {
            StreamEvent::Text(t) => {
                if !args.json {
                    use std::io::Write;
                    print!("{t}");
                    let _ = std::io::stdout().flush();
                }
                reply.push_str(&t);
            }
            StreamEvent::Done(stats) => break stats,
        }
    };
    if args.json {
        let out = serde_json::json!({
            "model": engine.model_name(),
            "reply": reply,
            "prompt_token_ids": prompt_ids,
            "token_ids": stats.token_ids,
            "finish": format!("{:?}", stats.finish),
            "prompt_tokens": stats.prompt_tokens,
            "generated_tokens": stats.generated_tokens,
            "time_to_first_token_ms": stats.time_to_first_token.as_secs_f64() * 1e3,
            "decode_tokens_per_sec": stats.decode_tokens_per_sec,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        println!();
    }
    Ok(())
}
