//! Development binary for the engine; the `calme` binary wires the same functions.

use calme_llm::cli::{cli_bench, cli_generate, cli_pull, BenchArgs, GenerateArgs, PullArgs};
use clap::Parser;

#[derive(Parser)]
#[command(name = "calme-llm", about = "CALMe local model engine (dev binary)")]
enum Cmd {
    Generate(GenerateArgs),
    Bench(BenchArgs),
    Pull(PullArgs),
}

fn main() -> anyhow::Result<()> {
    match Cmd::parse() {
        Cmd::Generate(a) => cli_generate(a),
        Cmd::Bench(a) => cli_bench(a),
        Cmd::Pull(a) => cli_pull(a),
    }
}
