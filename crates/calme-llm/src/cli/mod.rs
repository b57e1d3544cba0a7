//! What the `calme` binary's `generate`, `bench` and `model pull` subcommands run.
//! Each has a clap `Args` struct the binary can embed in its subcommand enum.

mod bench;
mod generate;
mod pull;

use std::path::PathBuf;

pub use bench::{cli_bench, cpu_seconds, BenchArgs, BenchReport, BenchRow};
pub use generate::{cli_generate, GenerateArgs};
pub use pull::{cli_pull, PullArgs};

/// Where to find the model and the runtime (shared by the subcommands).
#[derive(Debug, Clone, clap::Args)]
pub struct ModelLocation {
    /// Model directory [default: $CALME_MODEL_DIR or $CALME_DATA_DIR/models/smollm2-135m-instruct]
    #[arg(long, env = "CALME_MODEL_DIR")]
    pub model_dir: Option<PathBuf>,
    /// ONNX Runtime shared library [default: $ORT_DYLIB_PATH or $CALME_DATA_DIR/runtime/libonnxruntime.so]
    #[arg(long, env = "ORT_DYLIB_PATH")]
    pub ort_dylib: Option<PathBuf>,
}

impl ModelLocation {
    pub fn model_dir(&self) -> PathBuf {
        self.model_dir.clone().unwrap_or_else(crate::paths::env_model_dir)
    }
}
