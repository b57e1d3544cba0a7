//! What each `calme` subcommand does.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use anyhow::Context;

use crate::app::App;
use crate::cli::{parse_qualified, BenchCommand, Cli, Command, ConfigCommand, ExportArgs, ModelCommand, PromptCommand, RetentionCommand};
use crate::config::Config;
use crate::store::{audit_actor, Store};

pub fn main(cli: Cli) -> anyhow::Result<ExitCode> {
    let command = cli.command.unwrap_or(Command::Run(crate::cli::RunArgs { ops_addr: None }));
    // Commands that need no configuration or runtime.
    match command {
        Command::Triage(args) => {
            let stdin = std::io::stdin();
            let stdout = std::io::stdout();
            let reread = if args.screen_only { None } else { triage_reread() };
            match reread {
                Some(r) => calme_safety::triage_jsonl_with(stdin.lock(), stdout.lock(), |text, s| {
                    if let Err(err) = r.review_now(text, s) {
                        eprintln!("calme triage: the second reading failed ({err}); this line is the screen's alone");
                    }
                })?,
                None => calme_safety::triage_jsonl(stdin.lock(), stdout.lock())?,
            }
            return Ok(ExitCode::SUCCESS);
        }
        Command::Generate(args) => return calme_llm::cli::cli_generate(args).map(|_| ExitCode::SUCCESS),
        Command::Bench(BenchCommand::Model(args)) => return calme_llm::cli::cli_bench(args).map(|_| ExitCode::SUCCESS),
        Command::Model(ModelCommand::Pull(args)) => return calme_llm::cli::cli_pull(args).map(|_| ExitCode::SUCCESS),
        _ => {}
    }
    let config = match Config::load(cli.config.as_deref()) {
        Ok(mut c) => {
            if let Some(d) = cli.data_dir {
                c.data_dir = Some(d);
            }
            c
        }
        Err(e) => {
            eprintln!("calme: the configuration has problems:");
            for p in &e.problems {
                eprintln!("  - {p}");
            }
            return Ok(ExitCode::from(2));
        }
    };
    if let Command::Config(ConfigCommand::Check) = command {
        return Ok(config_check(&config));
    }
    let quiet = matches!(command, Command::Chat | Command::Bench(_))
        || (matches!(command, Command::Run(_)) && config.telegram_token().is_none() && config.discord_token().is_none());
    crate::telemetry::init(&config.log, quiet);
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    let result = runtime.block_on(async_main(command, config));
    // Don't wait for blocking reads (the console's stdin) once we are done.
    runtime.shutdown_timeout(std::time::Duration::from_millis(500));
    result
}

async fn async_main(command: Command, config: Config) -> anyhow::Result<ExitCode> {
    match command {
        Command::Run(args) => {
            let mut config = config;
            if args.ops_addr.is_some() {
                config.ops.addr = args.ops_addr;
            }
            let app = App::start(config).await?;
            crate::serve::run(&app).await?;
        }
        Command::Chat => {
            let app = App::start(config).await?;
            crate::platforms::console::run(&app).await?;
            shutdown(&app).await;
        }
        Command::Prompt(cmd) => prompt_command(&config, cmd).await?,
        Command::Forget(args) => {
            let (platform, user) = parse_qualified(&args.user)?;
            if !args.yes && !confirm(&format!("Delete everything stored about {platform}:{user}?"))? {
                println!("Nothing deleted.");
                return Ok(ExitCode::SUCCESS);
            }
            let store = Store::open(&config.database_url()).await?;
            let report = store.forget_user(platform, &user).await?;
            println!(
                "Deleted {} user row(s), {} session(s), {} message(s); scrubbed {} prompt audit entr(ies).",
                report.users, report.sessions, report.messages, report.audit_entries_scrubbed
            );
        }
        Command::Export(args) => export(&config, args).await?,
        Command::Retention(cmd) => retention_command(&config, cmd).await?,
        Command::Bench(BenchCommand::Core(args)) => crate::bench::core(args).await?,
        Command::Config(_) | Command::Triage(_) | Command::Generate(_) | Command::Bench(_) | Command::Model(_) => {
            unreachable!("handled before the runtime starts")
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn shutdown(app: &App) {
    crate::serve::shutdown(app).await;
}

async fn export(config: &Config, args: ExportArgs) -> anyhow::Result<()> {
    let (platform, user) = parse_qualified(&args.user)?;
    let store = Store::open(&config.database_url()).await?;
    let data = store.export_user(platform, &user).await?;
    store.close().await;
    if data["user"].is_null() {
        eprintln!("Nothing is stored about {platform}:{user} (beyond any prompt changes listed).");
    }
    let text = serde_json::to_string_pretty(&data)? + "\n";
    match args.output {
        Some(path) => {
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create(true).truncate(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(&path).with_context(|| format!("creating {}", path.display()))?;
            file.write_all(text.as_bytes()).with_context(|| format!("writing {}", path.display()))?;
            eprintln!("Wrote everything stored about {platform}:{user} to {}.", path.display());
        }
        None => print!("{text}"),
    }
    Ok(())
}

async fn retention_command(config: &Config, cmd: RetentionCommand) -> anyhow::Result<()> {
    let store = Store::open(&config.database_url()).await?;
    let default_days = config.retention.default_days;
    match cmd {
        RetentionCommand::Set { community, days, default: _ } => {
            let (platform, id) = parse_qualified(&community.community)?;
            store.set_community_retention(platform, &id, days.map(i64::from)).await?;
            match days {
                Some(0) => println!("{platform}:{id}: nothing is kept after a conversation ends."),
                Some(d) => println!("{platform}:{id}: messages are kept {d} day(s)."),
                None => println!("{platform}:{id}: follows the default ({default_days} day(s))."),
            }
        }
        RetentionCommand::Show(c) => {
            let (platform, id) = parse_qualified(&c.community)?;
            match store.community(platform, &id).await?.and_then(|c| c.retention_days) {
                Some(d) => println!("{d}"),
                None => println!("{default_days} (default)"),
            }
        }
        RetentionCommand::Purge => {
            let policy = crate::store::RetentionPolicy::from_config(config);
            let r = store.purge_expired(policy, crate::util::now_ms()).await?;
            println!("Deleted {} message(s), {} session(s), {} user(s) past their retention.", r.messages, r.sessions, r.users);
        }
    }
    store.close().await;
    Ok(())
}

fn config_check(config: &Config) -> ExitCode {
    println!("configuration OK");
    println!("  data dir:  {}", config.data_dir().display());
    println!("  database:  {}", crate::store::redact_url(&config.database_url()));
    let model_dir = config.model_dir();
    if config.model.enabled && !model_dir.join("calme-model.json").exists() {
        println!("  model:     not built at {} — run scripts/setup-model.sh (until then CALMe answers in Quick Mode)", model_dir.display());
    } else {
        println!("  model:     {}", model_dir.display());
    }
    println!("  telegram:  {}", if config.telegram_token().is_some() { "token set" } else { "off (no token)" });
    println!("  discord:   {}", if config.discord_token().is_some() { "token set" } else { "off (no token)" });
    ExitCode::SUCCESS
}

async fn prompt_command(config: &Config, cmd: PromptCommand) -> anyhow::Result<()> {
    let store = Store::open(&config.database_url()).await?;
    let operator = audit_actor(crate::message::Platform::Console, &std::env::var("USER").unwrap_or_else(|_| "operator".into()));
    match cmd {
        PromptCommand::Show(c) => {
            let (platform, id) = parse_qualified(&c.community)?;
            match store.community(platform, &id).await?.and_then(|c| c.prompt_override) {
                Some(p) => println!("{p}"),
                None => println!("(default)\n{}", calme_safety::PromptSet::builtin().default_prompt()),
            }
        }
        PromptCommand::Set { community, text, file } => {
            let (platform, id) = parse_qualified(&community.community)?;
            let text = match (text, file) {
                (Some(t), _) => t,
                (None, Some(f)) => std::fs::read_to_string(&f).with_context(|| format!("reading {}", f.display()))?,
                (None, None) => anyhow::bail!("give the prompt with --text or --file"),
            };
            if text.trim().is_empty() {
                anyhow::bail!("the prompt is empty; use `calme prompt reset` to go back to the default");
            }
            store.set_prompt(platform, &id, Some(text.trim()), &operator).await?;
            println!("Prompt set for {platform}:{id}.");
        }
        PromptCommand::Reset(c) => {
            let (platform, id) = parse_qualified(&c.community)?;
            store.set_prompt(platform, &id, None, &operator).await?;
            println!("{platform}:{id} uses the default prompt again.");
        }
        PromptCommand::History(c) => {
            let (platform, id) = parse_qualified(&c.community)?;
            for v in store.prompt_history(platform, &id).await? {
                println!("{}\t{}\t{}\t{}", v.created_at, v.changed_by, v.action, v.prompt.unwrap_or_default().replace('\n', " "));
            }
        }
    }
    Ok(())
}

fn confirm(question: &str) -> anyhow::Result<bool> {
    print!("{question} [y/N] ");
    std::io::stdout().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(matches!(line.trim(), "y" | "Y" | "yes"))
}

/// The second reading for `calme triage`: the risk probe from $CALME_MODEL_DIR / $ORT_DYLIB_PATH,
/// the multilingual probe from $CALME_READER_DIR and the semantic reading from
/// $CALME_SEMANTIC_DIR, or the default data directory; `None` (with a note on stderr) when none
/// is installed.
fn triage_reread() -> Option<crate::reread::Reread> {
    let (model_dir, ort, reader_dir) = (calme_llm::env_model_dir(), calme_llm::env_ort_path(), calme_llm::env_reader_dir());
    let semantic = calme_safety::semantic_dir(&calme_llm::default_data_dir());
    let (reread, problems) = crate::reread::Reread::load(Some((&model_dir, &ort)), Some((&reader_dir, &ort)), &semantic, 0);
    for p in problems {
        eprintln!("calme triage: {p}; the second reading goes on without it");
    }
    if reread.is_none() {
        eprintln!("calme triage: the screen alone, without a second reading");
    }
    reread
}
