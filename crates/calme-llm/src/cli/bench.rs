//! `calme bench`: time to first token, decode speed and peak RSS (not yet implemented).

use serde::Serialize;

use super::ModelLocation;

/// Benchmark the local model (and llama.cpp when llama-cpp-python is installed).
#[derive(Debug, Clone, clap::Args)]
pub struct BenchArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
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
}

#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    pub rows: Vec<BenchRow>,
}

pub fn cli_bench(_args: BenchArgs) -> anyhow::Result<()> {
    anyhow::bail!("calme bench is not implemented yet")
}
