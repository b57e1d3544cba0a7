//! `calme bench`: time to first token, decode speed and peak RSS for a ~400-token system+user
//! prompt and 128 greedy tokens at 2 threads; the same for llama.cpp (Q4_1 GGUF, through
//! llama-cpp-python) when it is installed, and the ratios. calme runs twice: with ONNX Runtime's
//! pool threads spinning between operators (as llama.cpp's do; calme's default) and sleeping
//! (`model.spin_threads = false`, for hosts shared with busy processes).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::Context;
use serde::Serialize;

use super::ModelLocation;
use crate::model::{Model, PREFILL_CHUNK};
use crate::paths::{default_data_dir, env_ort_path};
use crate::sampling::argmax;
use crate::{render_chatml, ChatRole, ChatTurn, ModelConfig, Tokenizer};

const LLAMA_CPP_SCRIPT: &str = include_str!("bench_llama_cpp.py");

/// Benchmark the local model (and llama.cpp when llama-cpp-python is installed).
#[derive(Debug, Clone, clap::Args)]
pub struct BenchArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Intra-op threads.
    #[arg(long, default_value_t = 2)]
    pub threads: usize,
    /// Tokens to generate.
    #[arg(long, default_value_t = 128)]
    pub new_tokens: usize,
    /// Python with llama-cpp-python for the comparison [default: $CALME_LLAMA_PYTHON, else python3]
    #[arg(long, env = "CALME_LLAMA_PYTHON")]
    pub llama_python: Option<PathBuf>,
    /// The Q4_1 GGUF llama.cpp runs [default: $CALME_DATA_DIR/downloads/SmolLM2-135M-Instruct.Q4_1.gguf]
    #[arg(long)]
    pub gguf: Option<PathBuf>,
    /// Skip the llama.cpp comparison.
    #[arg(long)]
    pub no_llama_cpp: bool,
    #[command(flatten)]
    pub location: ModelLocation,
}

#[derive(Debug, Clone, Serialize)]
pub struct BenchRow {
    pub engine: String,
    pub prompt_tokens: usize,
    pub generated_tokens: usize,
    pub time_to_first_token_ms: f64,
    pub decode_tokens_per_sec: f64,
    pub peak_rss_mb: f64,
    /// Process CPU time per decoded token (all threads; robust to a busy machine at 1 thread).
    pub decode_cpu_ms_per_token: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Ratios {
    /// The calme row these ratios are for.
    pub engine: String,
    /// calme decode tok/s ÷ llama.cpp's (target ≥ 1.0).
    pub decode: f64,
    /// calme time to first token ÷ llama.cpp's (target ≤ 1.0).
    pub time_to_first_token: f64,
    /// calme peak RSS ÷ llama.cpp's (target ≤ 1.2).
    pub peak_rss: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    pub rows: Vec<BenchRow>,
    pub ratios: Vec<Ratios>,
    pub llama_cpp_note: Option<String>,
}

/// The benchmark prompt: a CALMe-style system prompt and a user message, about 400 tokens.
pub fn bench_turns() -> Vec<ChatTurn> {
    let system = "You are CALMe, a calm and caring companion that offers psychological first aid to people \
        during and after emergencies such as rocket alerts, attacks, earthquakes and floods. You follow the \
        Ma'aseh model: first make sure the person is physically safe, then help them regain a sense of \
        control through simple actions, then connect them to the people and services around them, and \
        finally help them understand what happened in their own words. Speak in short, warm, concrete \
        sentences. Never diagnose. Never promise things you cannot know, such as that the danger is over. \
        If the person mentions wanting to hurt themselves or someone else, gently encourage them to contact \
        emergency services or a crisis line right away, and stay with them. Offer one small step at a time: \
        a slow breath, naming five things they can see, drinking a glass of water, sitting with their back \
        against a wall, or sending a message to someone they trust. Ask one question at a time and wait for \
        the answer. Respect their pace; silence is fine. Use the language the person writes in. Avoid \
        medical or legal advice beyond pointing to professionals. Remember that people in acute stress \
        often cannot read long texts, so keep each reply under eighty words unless they ask for more.";
    let user = "Hi. There was a siren about ten minutes ago and we went to the shelter in our building. \
        Now it is quiet again but my hands are still shaking and my heart is racing. My kids are asleep \
        in the shelter with my husband, and I am sitting in the corridor because I did not want them to \
        see me crying. I keep checking the news on my phone and every notification makes it worse. My \
        sister lives in the south and she is not answering her phone. I know I should try to sleep \
        because I have work tomorrow, but I cannot stop thinking about what could happen next time. I \
        feel stupid for being this scared when nothing actually hit us. What can I do right now to calm \
        down a little?";
    vec![ChatTurn::new(ChatRole::System, system), ChatTurn::new(ChatRole::User, user)]
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok()))
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

/// User + system CPU seconds of this process so far.
pub fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return 0.0 };
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// Prefill plus `new_tokens - 1` greedy decode steps (stop tokens ignored);
/// returns (ttft s, decode tok/s, decode CPU ms per token).
fn run_once(model: &mut Model, prompt: &[u32], new_tokens: usize) -> anyhow::Result<(f64, f64, f64)> {
    let t0 = Instant::now();
    let mut cache = model.new_cache(prompt.len() + new_tokens)?;
    let mut token = argmax(&model.prefill(&mut cache, prompt, PREFILL_CHUNK)?.logits);
    let ttft = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let c1 = cpu_seconds();
    for _ in 1..new_tokens {
        token = argmax(&model.forward(&mut cache, &[token])?.logits);
    }
    let steps = new_tokens.saturating_sub(1).max(1) as f64;
    Ok((ttft, steps / t1.elapsed().as_secs_f64(), (cpu_seconds() - c1) * 1e3 / steps))
}

pub fn cli_bench(args: BenchArgs) -> anyhow::Result<()> {
    let model_dir = args.location.model_dir();
    let cfg = ModelConfig::load(&model_dir)?;
    let tokenizer = Tokenizer::load(&model_dir.join(&cfg.tokenizer_file))?;
    let prompt = tokenizer.encode(&render_chatml(&cfg.chat, &bench_turns()));
    let dylib = args.location.ort_dylib.clone().unwrap_or_else(env_ort_path);
    // Both thread modes: spinning (as llama.cpp's threads do; the default) and sleeping
    // between operators (see `Model::load_with`).
    let mut rows = Vec::new();
    for (spin, mode) in [(true, "threads spinning, the default"), (false, "threads sleeping")] {
        let mut model = Model::load_with(&model_dir, &cfg, &dylib, args.threads, spin)?;
        run_once(&mut model, &prompt[..32.min(prompt.len())], 4)?; // warm-up
        let (ttft, tps, cpu) = run_once(&mut model, &prompt, args.new_tokens)?;
        rows.push(BenchRow {
            engine: format!("calme ({}; ONNX Runtime, {mode})", cfg.name),
            prompt_tokens: prompt.len(),
            generated_tokens: args.new_tokens,
            time_to_first_token_ms: ttft * 1e3,
            decode_tokens_per_sec: tps,
            peak_rss_mb: peak_rss_mb(),
            decode_cpu_ms_per_token: cpu,
        });
    }
    let mut report = BenchReport { rows, ratios: Vec::new(), llama_cpp_note: None };
    if !args.no_llama_cpp {
        match bench_llama_cpp(&args, &prompt) {
            Ok(row) => {
                report.ratios = report
                    .rows
                    .iter()
                    .map(|c| Ratios {
                        engine: c.engine.clone(),
                        decode: c.decode_tokens_per_sec / row.decode_tokens_per_sec,
                        time_to_first_token: c.time_to_first_token_ms / row.time_to_first_token_ms,
                        peak_rss: c.peak_rss_mb / row.peak_rss_mb,
                    })
                    .collect();
                report.rows.push(row);
            }
            Err(e) => report.llama_cpp_note = Some(format!("llama.cpp comparison skipped: {e:#}")),
        }
    }
    print_report(&report, args.json)
}

fn bench_llama_cpp(args: &BenchArgs, prompt: &[u32]) -> anyhow::Result<BenchRow> {
    let python = args.llama_python.clone().unwrap_or_else(|| PathBuf::from("python3"));
    let gguf = args
        .gguf
        .clone()
        .unwrap_or_else(|| default_data_dir().join("downloads").join("SmolLM2-135M-Instruct.Q4_1.gguf"));
    anyhow::ensure!(gguf.is_file(), "no GGUF at {} (run scripts/setup-model.sh)", gguf.display());
    let request = serde_json::json!({
        "gguf": gguf, "prompt_ids": prompt, "new_tokens": args.new_tokens, "threads": args.threads,
    });
    let mut child = Command::new(&python)
        .arg("-c")
        .arg(LLAMA_CPP_SCRIPT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run {}", python.display()))?;
    child.stdin.take().context("no stdin")?.write_all(request.to_string().as_bytes())?;
    let out = child.wait_with_output()?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let last = err.lines().last().unwrap_or("failed").to_string();
        anyhow::bail!("{} (is llama-cpp-python installed? set CALME_LLAMA_PYTHON)", last);
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).context("bad output from the llama.cpp script")?;
    let num = |k: &str| v[k].as_f64().unwrap_or(0.0);
    Ok(BenchRow {
        engine: format!("llama.cpp {} (Q4_1 GGUF)", v["version"].as_str().unwrap_or("?")),
        prompt_tokens: prompt.len(),
        generated_tokens: args.new_tokens,
        time_to_first_token_ms: num("time_to_first_token_ms"),
        decode_tokens_per_sec: num("decode_tokens_per_sec"),
        peak_rss_mb: num("peak_rss_mb"),
        decode_cpu_ms_per_token: num("decode_cpu_ms_per_token"),
    })
}

fn print_report(report: &BenchReport, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(report)?);
        return Ok(());
    }
    println!("| engine | prompt tokens | new tokens | time to first token (ms) | decode (tok/s) | peak RSS (MB) | decode CPU (ms/token) |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for r in &report.rows {
        println!(
            "| {} | {} | {} | {:.0} | {:.1} | {:.0} | {:.1} |",
            r.engine, r.prompt_tokens, r.generated_tokens, r.time_to_first_token_ms, r.decode_tokens_per_sec, r.peak_rss_mb,
            r.decode_cpu_ms_per_token
        );
    }
    for x in &report.ratios {
        println!(
            "| {} ÷ llama.cpp | | | {:.2}× (target ≤ 1.0) | {:.2}× (target ≥ 1.0) | {:.2}× (target ≤ 1.2) | |",
            x.engine, x.time_to_first_token, x.decode, x.peak_rss
        );
    }
    if let Some(note) = &report.llama_cpp_note {
        println!("{note}");
    }
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        println!("load average during the run: {}", load.split_whitespace().take(3).collect::<Vec<_>>().join(" "));
    }
    Ok(())
}
