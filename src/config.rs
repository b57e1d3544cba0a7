//! Layered configuration: built-in defaults, then `config/calme.toml` (or the
//! file given with `--config`), then environment variables prefixed `CALME_`
//! (nested keys with `__`, e.g. `CALME_LIMITS__USER_PER_MINUTE=20`).
//! Platform tokens also come from `TELOXIDE_TOKEN` and `DISCORD_TOKEN`.

use std::fmt;
use std::path::{Path, PathBuf};

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};

/// A secret (a bot token). Never printed: `Debug` and `Display` show `[redacted]`.
#[derive(Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Secret {
        Secret(s.into())
    }
    /// The secret itself, for the one call that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Holds the database, the model and caches. Default: `$CALME_DATA_DIR`,
    /// else `~/.local/share/calme`.
    pub data_dir: Option<PathBuf>,
    /// `sqlite://…` or `postgres://…`. Default: SQLite file `calme.db` in the data dir.
    pub database_url: Option<String>,
    /// Overrides the built-in prompts/ directory.
    pub prompts_dir: Option<PathBuf>,
    /// Overrides the built-in hotline directory (config/resources.toml).
    pub resources_file: Option<PathBuf>,
    pub model: ModelConfig,
    pub context: ContextConfig,
    pub limits: LimitsConfig,
    pub session: SessionConfig,
    pub log: LogConfig,
    pub telegram: TelegramConfig,
    pub discord: DiscordConfig,
    pub ops: OpsConfig,
    pub retention: RetentionConfig,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            data_dir: None,
            database_url: None,
            prompts_dir: None,
            resources_file: None,
            model: ModelConfig::default(),
            context: ContextConfig::default(),
            limits: LimitsConfig::default(),
            session: SessionConfig::default(),
            log: LogConfig::default(),
            telegram: TelegramConfig::default(),
            discord: DiscordConfig::default(),
            ops: OpsConfig::default(),
            retention: RetentionConfig::default(),
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ModelConfig {
    /// Use the local model; when false (or when it cannot load) CALMe answers in Quick Mode.
    pub enabled: bool,
    /// Model directory. Default: `<data_dir>/models/smollm2-135m-instruct`.
    pub dir: Option<PathBuf>,
    /// ONNX Runtime shared library. Default: `ORT_DYLIB_PATH`, then `<data_dir>/runtime/libonnxruntime.so`.
    pub ort_dylib: Option<PathBuf>,
    /// Inference threads; 0 = all cores.
    pub threads: usize,
    /// Requests waiting for the model beyond this are answered in Quick Mode.
    pub queue_capacity: usize,
    pub max_new_tokens: usize,
    pub temperature: f32,
    pub top_k: usize,
    pub top_p: f32,
    pub repetition_penalty: f32,
    /// No first token within this many ms: answer in Quick Mode instead.
    pub first_token_deadline_ms: u64,
    /// The whole reply must be done within this many ms.
    pub reply_deadline_ms: u64,
    /// ONNX Runtime's threads spin between operators (the default): ~40 % faster decoding when
    /// the cores are otherwise idle; on a host where other processes compete for them it halves
    /// the speed, so set it false there.
    pub spin_threads: bool,
    /// Let the model also answer acute moments: a siren, panic, an injury, a
    /// session in crisis. Off by default, so Quick Mode answers them at once:
    /// SmolLM2-135M's replies to such messages were unfit (of 24 to ordinary
    /// messages of people under stress, 1 passed the output guard with the
    /// product's prompt, 7 with example turns, and those few were poor).
    /// Turn it on with a model that writes them well.
    pub answer_acute: bool,
}

impl Default for ModelConfig {
    fn default() -> ModelConfig {
        ModelConfig {
            enabled: true,
            dir: None,
            ort_dylib: None,
            threads: 0,
            queue_capacity: 4,
            max_new_tokens: 96,
            temperature: 0.4,
            top_k: 40,
            top_p: 0.9,
            repetition_penalty: 1.15,
            first_token_deadline_ms: 8_000,
            reply_deadline_ms: 45_000,
            spin_threads: true,
            answer_acute: false,
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ContextConfig {
    /// Tokens of system prompt + history the model sees (measured with the model's tokenizer).
    pub max_tokens: usize,
    /// Longer messages get a calm "please keep it shorter" reply (they are still screened and stored).
    pub max_message_chars: usize,
}

impl Default for ContextConfig {
    fn default() -> ContextConfig {
        ContextConfig { max_tokens: 1536, max_message_chars: 4000 }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct LimitsConfig {
    pub user_per_minute: u32,
    pub user_burst: u32,
    pub community_per_minute: u32,
    pub community_burst: u32,
    pub global_per_second: u32,
    pub global_burst: u32,
}

impl Default for LimitsConfig {
    fn default() -> LimitsConfig {
        LimitsConfig {
            user_per_minute: 12,
            user_burst: 6,
            community_per_minute: 120,
            community_burst: 30,
            global_per_second: 30,
            global_burst: 60,
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SessionConfig {
    /// Sessions idle this long leave memory (never the database).
    pub idle_evict_secs: u64,
    /// Messages one session may have waiting; beyond that the adapter waits (nothing is dropped).
    pub queue_depth: usize,
}

impl Default for SessionConfig {
    fn default() -> SessionConfig {
        SessionConfig { idle_evict_secs: 900, queue_depth: 16 }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogConfig {
    /// `pretty` or `json`.
    pub format: String,
    /// An env-filter directive; `RUST_LOG` wins when set.
    pub filter: String,
}

impl Default for LogConfig {
    fn default() -> LogConfig {
        LogConfig { format: "pretty".into(), filter: "info".into() }
    }
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct TelegramConfig {
    /// Also read from `TELOXIDE_TOKEN`.
    pub token: Option<Secret>,
    /// Bot API base URL (also `TELOXIDE_API_URL`), for self-hosted Bot API servers and tests.
    pub api_url: Option<String>,
    /// `polling` (default) or `webhook`.
    pub mode: Option<String>,
    pub webhook_url: Option<String>,
    pub webhook_secret: Option<Secret>,
    pub webhook_port: Option<u16>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct DiscordConfig {
    /// Also read from `DISCORD_TOKEN`.
    pub token: Option<Secret>,
    /// REST base URL (also `DISCORD_API_BASE_URL`): scheme, host and port.
    pub api_base_url: Option<String>,
    /// Shards this process runs, `FIRST-LAST/TOTAL` (e.g. `0-3/8`); unset = all
    /// of them, as many as Discord recommends (autosharding).
    pub shards: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct OpsConfig {
    /// `HOST:PORT` for /healthz, /readyz and /metrics; off when unset.
    pub addr: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct RetentionConfig {
    /// Days messages are kept where a community has not chosen its own
    /// retention (and in direct messages); 0 = keep nothing after the session ends.
    pub default_days: u32,
    /// How often the background task purges expired data, in seconds.
    pub interval_secs: u64,
}

impl Default for RetentionConfig {
    fn default() -> RetentionConfig {
        RetentionConfig { default_days: 30, interval_secs: 3600 }
    }
}

/// A configuration that could not be loaded, one line per problem.
#[derive(Debug, thiserror::Error)]
#[error("{}", .problems.join("\n"))]
pub struct ConfigError {
    pub problems: Vec<String>,
}

impl Config {
    /// Loads defaults → file → environment. A missing default file is fine;
    /// a missing file named explicitly is an error.
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        let (path, required) = match file {
            Some(p) => (p.to_path_buf(), true),
            None => (PathBuf::from("config/calme.toml"), false),
        };
        if required && !path.exists() {
            return Err(ConfigError { problems: vec![format!("config file {} does not exist", path.display())] });
        }
        let figment = Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::file(&path))
            .merge(Env::prefixed("CALME_").split("__").filter(is_setting))
            .merge(Env::raw().only(&["TELOXIDE_TOKEN"]).map(|_| "telegram.token".into()))
            .merge(Env::raw().only(&["TELOXIDE_API_URL"]).map(|_| "telegram.api_url".into()))
            .merge(Env::raw().only(&["DISCORD_TOKEN"]).map(|_| "discord.token".into()))
            .merge(Env::raw().only(&["DISCORD_API_BASE_URL"]).map(|_| "discord.api_base_url".into()));
        let config: Config = figment.extract().map_err(|e| ConfigError {
            problems: e.into_iter().map(|e| describe(&e, &path)).collect(),
        })?;
        config.validate()?;
        Ok(config)
    }

    /// Checks what serde cannot: ranges and combinations.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let mut problems = Vec::new();
        let l = &self.limits;
        for (name, v) in [
            ("limits.user_per_minute", l.user_per_minute),
            ("limits.user_burst", l.user_burst),
            ("limits.community_per_minute", l.community_per_minute),
            ("limits.community_burst", l.community_burst),
            ("limits.global_per_second", l.global_per_second),
            ("limits.global_burst", l.global_burst),
        ] {
            if v == 0 {
                problems.push(format!("{name} must be at least 1"));
            }
        }
        if self.context.max_tokens < 256 {
            problems.push("context.max_tokens must be at least 256 (the system prompt alone needs that)".into());
        }
        if self.context.max_message_chars < 100 {
            problems.push("context.max_message_chars must be at least 100".into());
        }
        if self.model.queue_capacity == 0 {
            problems.push("model.queue_capacity must be at least 1".into());
        }
        if !(0.0..=2.0).contains(&self.model.temperature) {
            problems.push("model.temperature must be between 0.0 and 2.0".into());
        }
        if !(0.0..=1.0).contains(&self.model.top_p) || self.model.top_p == 0.0 {
            problems.push("model.top_p must be in (0.0, 1.0]".into());
        }
        if self.session.queue_depth == 0 {
            problems.push("session.queue_depth must be at least 1".into());
        }
        if !matches!(self.log.format.as_str(), "pretty" | "json") {
            problems.push(format!("log.format must be \"pretty\" or \"json\", not {:?}", self.log.format));
        }
        if let Some(url) = &self.database_url {
            if !(url.starts_with("sqlite:") || url.starts_with("postgres:") || url.starts_with("postgresql:")) {
                problems.push("database_url must start with sqlite: or postgres:".into());
            }
        }
        if let Some(mode) = &self.telegram.mode {
            if !matches!(mode.as_str(), "polling" | "webhook") {
                problems.push(format!("telegram.mode must be \"polling\" or \"webhook\", not {mode:?}"));
            } else if mode == "webhook" && self.telegram.webhook_url.is_none() {
                problems.push("telegram.webhook_url is required when telegram.mode = \"webhook\"".into());
            }
        }
        if let Some(addr) = &self.ops.addr {
            if addr.parse::<std::net::SocketAddr>().is_err() {
                problems.push(format!("ops.addr must be HOST:PORT like 127.0.0.1:9090, not {addr:?}"));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(ConfigError { problems })
        }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.data_dir.clone().unwrap_or_else(default_data_dir)
    }

    pub fn database_url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| {
            format!("sqlite://{}?mode=rwc", self.data_dir().join("calme.db").display())
        })
    }

    pub fn model_dir(&self) -> PathBuf {
        self.model.dir.clone().unwrap_or_else(|| calme_llm::default_model_dir(&self.data_dir()))
    }

    pub fn ort_dylib(&self) -> PathBuf {
        self.model
            .ort_dylib
            .clone()
            .or_else(|| std::env::var_os("ORT_DYLIB_PATH").map(PathBuf::from))
            .unwrap_or_else(|| calme_llm::default_ort_path(&self.data_dir()))
    }

    pub fn telegram_token(&self) -> Option<&Secret> {
        self.telegram.token.as_ref().filter(|t| !t.is_empty())
    }

    pub fn discord_token(&self) -> Option<&Secret> {
        self.discord.token.as_ref().filter(|t| !t.is_empty())
    }
}

/// Whether a `CALME_…` variable names a setting. Others with the prefix
/// (`CALME_CONFIG`, `CALME_INSTANCE`, `CALME_MODEL_DIR`, test variables) are
/// not configuration keys; a misspelt key under a known section still errors.
fn is_setting(key: &figment::value::UncasedStr) -> bool {
    static TOP: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let top = TOP.get_or_init(|| match serde_json::to_value(Config::default()) {
        Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
        _ => Vec::new(),
    });
    let first = key.as_str().split('.').next().unwrap_or("");
    top.iter().any(|k| k.eq_ignore_ascii_case(first))
}

/// `$CALME_DATA_DIR`, else `~/.local/share/calme`: the same place
/// scripts/setup-model.sh builds the model in (one definition, in calme-llm).
pub fn default_data_dir() -> PathBuf {
    calme_llm::default_data_dir()
}

fn describe(e: &figment::Error, file: &Path) -> String {
    use figment::error::Kind;
    let key = if e.path.is_empty() { "configuration".to_string() } else { e.path.join(".") };
    let source = match &e.metadata {
        Some(m) if m.name.contains("TOML") => format!(" (in {})", file.display()),
        Some(m) if m.name.to_lowercase().contains("env") => " (from the environment)".to_string(),
        _ => String::new(),
    };
    let what = match &e.kind {
        Kind::UnknownField(field, _) => {
            let full = match e.path.last() {
                None => field.clone(),
                Some(last) if last == field => key.clone(),
                Some(_) => format!("{key}.{field}"),
            };
            return format!("unknown setting `{full}`{source}: check the spelling against config/calme.example.toml");
        }
        Kind::InvalidType(actual, expected) => format!("expected {expected}, found {actual}"),
        Kind::InvalidValue(actual, expected) => format!("expected {expected}, found {actual}"),
        Kind::MissingField(f) => format!("missing `{f}`"),
        Kind::Message(m) => m.clone(),
        other => other.to_string(),
    };
    format!("`{key}`{source}: {what}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_never_prints() {
        let s = Secret::new("123456:ABC-very-secret");
        assert_eq!(format!("{s:?}"), "[redacted]");
        assert_eq!(format!("{s}"), "[redacted]");
        let cfg = TelegramConfig { token: Some(s), ..Default::default() };
        assert!(!format!("{cfg:?}").contains("very-secret"));
    }

    #[test]
    fn defaults_validate() {
        Config::default().validate().unwrap();
    }

    #[test]
    fn broken_file_is_explained_one_line_per_problem() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("calme.toml");
        std::fs::write(&path, "[limits]\nuser_per_minute = \"many\"\nflood = 3\n[model]\ntemperature = 9.0\n").unwrap();
        let err = Config::load(Some(&path)).unwrap_err();
        assert!(!err.problems.is_empty());
        for p in &err.problems {
            assert!(!p.contains('\n'), "one line per problem: {p}");
        }
        let text = err.to_string();
        assert!(text.contains("limits"), "{text}");
    }

    #[test]
    fn out_of_range_values_are_reported() {
        let mut cfg = Config::default();
        cfg.limits.user_per_minute = 0;
        cfg.log.format = "xml".into();
        let err = cfg.validate().unwrap_err();
        assert_eq!(err.problems.len(), 2, "{:?}", err.problems);
    }

    #[test]
    fn the_example_file_is_valid_and_matches_the_defaults() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/calme.example.toml");
        let from_file: Config = Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::file(&path))
            .extract()
            .expect("config/calme.example.toml must parse");
        from_file.validate().unwrap();
        assert_eq!(format!("{:?}", from_file.limits), format!("{:?}", Config::default().limits));
        assert_eq!(format!("{:?}", from_file.model), format!("{:?}", Config::default().model));
    }

    #[test]
    fn other_calme_variables_are_not_settings() {
        let key = |s: &str| is_setting(figment::value::UncasedStr::new(s));
        assert!(key("data_dir"));
        assert!(key("limits.user_per_minute"));
        assert!(key("LIMITS.typo"));
        assert!(!key("test_postgres_url"));
        assert!(!key("instance"));
        assert!(!key("model_dir"));
        assert!(!key("config"));
    }

    #[test]
    fn missing_explicit_file_is_an_error() {
        let err = Config::load(Some(Path::new("/nonexistent/calme.toml"))).unwrap_err();
        assert!(err.to_string().contains("does not exist"));
    }
}
