//! Logging with tracing: env-filter, pretty or JSON output, always to stderr.
//! Message bodies and tokens are never logged at info level; user and chat ids
//! appear only hashed (see `session::manager`).

use tracing_subscriber::{fmt, EnvFilter};

use crate::config::LogConfig;

/// Installs the global subscriber. `quiet` (the console chat) logs only warnings
/// unless `RUST_LOG` asks for more, so logs don't mix with the conversation.
pub fn init(cfg: &LogConfig, quiet: bool) {
    let default = if quiet { "warn" } else { cfg.filter.as_str() };
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(default))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = if cfg.format == "json" {
        builder.json().flatten_event(true).with_current_span(true).try_init()
    } else {
        builder.with_target(false).try_init()
    };
}
