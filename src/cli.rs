//! The `calme` command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "calme", version, about = "CALMe: psychological first aid chat (Ma'aseh model) for Telegram, Discord and the console")]
pub struct Cli {
    /// Configuration file (default: config/calme.toml when present).
    #[arg(long, global = true, env = "CALME_CONFIG")]
    pub config: Option<PathBuf>,
    /// Directory for the database, the model and caches (also CALME_DATA_DIR).
    #[arg(long, global = true)]
    pub data_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start every configured platform adapter, or the console chat when none is configured.
    Run(RunArgs),
    /// Chat with CALMe in this terminal.
    Chat,
    /// Configuration tools.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Show or change a community's prompt (operators).
    #[command(subcommand)]
    Prompt(PromptCommand),
    /// Delete everything stored about a user.
    Forget(ForgetArgs),
    /// Write everything stored about a user as JSON (stdout, or --output FILE).
    Export(ExportArgs),
    /// How long communities' conversations are kept.
    #[command(subcommand)]
    Retention(RetentionCommand),
    /// Classify JSON lines {"id","text"} from stdin; print {"id","label","minor","lang"} per line.
    /// An optional "context" (the person's earlier messages, oldest first) screens the text as a
    /// session does, with what it answers. When the local model is installed, messages the
    /// screen leans on without escalating get its second reading, as in a session.
    Triage(TriageArgs),
    /// Generate one reply with the local model (for scripts and checks).
    Generate(calme_llm::cli::GenerateArgs),
    /// Benchmarks that print figures.
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Model management.
    #[command(subcommand)]
    Model(ModelCommand),
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Serve /healthz, /readyz and /metrics on HOST:PORT.
    #[arg(long)]
    pub ops_addr: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Validate the configuration and explain every problem in one line.
    Check,
}

#[derive(Debug, Subcommand)]
pub enum PromptCommand {
    /// Print the community's prompt (or the default).
    Show(CommunityArg),
    /// Set the community's prompt from --text or --file.
    Set {
        #[command(flatten)]
        community: CommunityArg,
        #[arg(long, conflicts_with = "file")]
        text: Option<String>,
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Go back to the default prompt.
    Reset(CommunityArg),
    /// Show who changed the prompt, when, and to what.
    History(CommunityArg),
}

#[derive(Debug, Args)]
pub struct CommunityArg {
    /// PLATFORM:ID, e.g. discord:123456789 or telegram:-1001234.
    #[arg(long)]
    pub community: String,
}

#[derive(Debug, Args)]
pub struct ForgetArgs {
    /// PLATFORM:ID of the user, e.g. telegram:42.
    #[arg(long)]
    pub user: String,
    /// Don't ask for confirmation.
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct TriageArgs {
    /// The deterministic screen alone, without the model's second reading.
    #[arg(long)]
    pub screen_only: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// PLATFORM:ID of the user, e.g. telegram:42.
    #[arg(long)]
    pub user: String,
    /// Write to this file (created readable by its owner only) instead of stdout.
    #[arg(long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum RetentionCommand {
    /// Set a community's retention in days (0 = keep nothing after a conversation ends).
    Set {
        #[command(flatten)]
        community: CommunityArg,
        /// Days to keep messages.
        #[arg(long, conflicts_with = "default", required_unless_present = "default")]
        days: Option<u32>,
        /// Follow the configured default (retention.default_days) again.
        #[arg(long)]
        default: bool,
    },
    /// Show a community's retention.
    Show(CommunityArg),
    /// Delete everything past its retention now (the bot also does this every retention.interval_secs).
    Purge,
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Persisted message round trips per second through the session manager and the database.
    Core(CoreBenchArgs),
    /// Local model speed: time to first token, decode tokens/s, peak RSS (vs llama.cpp when installed).
    Model(calme_llm::cli::BenchArgs),
}

#[derive(Debug, Args)]
pub struct CoreBenchArgs {
    #[arg(long, default_value_t = 50)]
    pub sessions: usize,
    #[arg(long, default_value_t = 200)]
    pub messages: usize,
    /// Database URL (default: a fresh SQLite file in a temporary directory).
    #[arg(long)]
    pub database_url: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ModelCommand {
    /// Download the official SmolLM2-360M-Instruct ONNX export (needs internet access to the Hugging Face hub).
    Pull(calme_llm::cli::PullArgs),
}

/// Splits "platform:id".
pub fn parse_qualified(s: &str) -> anyhow::Result<(crate::message::Platform, String)> {
    let (p, id) = s
        .split_once(':')
        .ok_or_else(|| anyhow::anyhow!("expected PLATFORM:ID (e.g. telegram:42), got {s:?}"))?;
    let platform = crate::message::Platform::parse(p)
        .ok_or_else(|| anyhow::anyhow!("unknown platform {p:?}: use telegram, discord or console"))?;
    if id.trim().is_empty() {
        anyhow::bail!("the id after {p}: is empty");
    }
    Ok((platform, id.trim().to_string()))
}
