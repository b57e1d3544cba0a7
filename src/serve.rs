//! `calme run` from start to exit: the platform adapters (or the console), the
//! ops endpoint, the retention task, and a graceful shutdown on SIGTERM or
//! ctrl-c that stops taking messages, lets replies in flight reach people,
//! flushes the database and is done within 10 seconds.

use std::time::Duration;

use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::app::App;
use crate::store::{spawn_retention_task, RetentionPolicy};

/// The whole shutdown must fit in this (Docker's default grace period is 10 s).
pub const SHUTDOWN_BUDGET: Duration = Duration::from_millis(9_000);
/// How long generations in flight may take to finish before they are cancelled.
const FINISH_GRACE: Duration = Duration::from_secs(4);

/// Runs the bot until its adapters end or a shutdown signal arrives.
pub async fn run(app: &App) -> anyhow::Result<()> {
    let stop = CancellationToken::new();
    let ops = match &app.config.ops.addr {
        Some(addr) => Some(crate::ops::start(app.clone(), addr, stop.clone()).await?),
        None => None,
    };
    let retention = spawn_retention_task(
        app.manager.store().clone(),
        RetentionPolicy::from_config(&app.config),
        Duration::from_secs(app.config.retention.interval_secs),
        stop.clone(),
    );

    let adapters = async {
        if !crate::platforms::run_configured(app).await? {
            if stdin_is_dev_null() {
                // A container without a terminal: the console would end at once.
                warn!("no platform token configured (TELOXIDE_TOKEN, DISCORD_TOKEN) and no terminal: only the ops endpoint runs");
                std::future::pending::<()>().await;
            }
            crate::platforms::console::run(app).await?;
        }
        anyhow::Ok(())
    };
    tokio::pin!(adapters);
    let ended = tokio::select! {
        r = &mut adapters => Some(r),
        signal = shutdown_signal() => {
            info!(signal, "shutting down: no new messages; finishing replies in flight");
            None
        }
    };
    let deadline = Instant::now() + SHUTDOWN_BUDGET;
    if ended.is_none() {
        // The adapters keep running while work in flight finishes, so the
        // replies (and the "restarting" notices) still reach people.
        tokio::select! {
            _ = finish_work(app, deadline) => {}
            r = &mut adapters => if let Err(e) = r { warn!(error = %e, "an adapter failed during shutdown") },
            signal = shutdown_signal() => warn!(signal, "second signal: exiting now"),
        }
    } else {
        finish_work(app, deadline).await;
    }
    stop.cancel();
    if let Some(ops) = ops {
        let _ = tokio::time::timeout_at(deadline, ops).await;
    }
    let _ = tokio::time::timeout_at(deadline, retention).await;
    stop_model(app, deadline).await;
    close_store(app, deadline).await;
    info!("stopped");
    ended.unwrap_or(Ok(()))
}

/// The shutdown sequence without the adapters (e.g. after the console chat ends).
pub async fn shutdown(app: &App) {
    let deadline = Instant::now() + SHUTDOWN_BUDGET;
    finish_work(app, deadline).await;
    stop_model(app, deadline).await;
    close_store(app, deadline).await;
}

/// Waits for the model's workers to leave ONNX Runtime: a process that exits mid-step makes
/// the runtime's teardown fail the running kernel (an error in the log, nothing else).
async fn stop_model(app: &App, deadline: Instant) {
    let Some(generator) = app.manager.generator().cloned() else { return };
    let budget = deadline.saturating_duration_since(Instant::now()).max(Duration::from_millis(500));
    let _ = tokio::task::spawn_blocking(move || generator.shutdown(budget)).await;
}

/// Stops taking messages, lets generations finish for a few seconds, then
/// cancels the rest (they end with a Quick Mode reply) and waits for them.
async fn finish_work(app: &App, deadline: Instant) {
    let manager = &app.manager;
    manager.close();
    let grace = FINISH_GRACE.min(deadline.saturating_duration_since(Instant::now()));
    if manager.drain(grace).await {
        return;
    }
    info!("cancelling generations still running");
    manager.cancel_all();
    let rest = deadline.saturating_duration_since(Instant::now()).saturating_sub(Duration::from_millis(500));
    if !manager.drain(rest).await {
        warn!("some messages were still being handled at shutdown; platforms will redeliver the unanswered ones");
    }
}

/// Waits for the database's pending writes and closes its connections.
async fn close_store(app: &App, deadline: Instant) {
    let until = deadline.max(Instant::now() + Duration::from_millis(500));
    if tokio::time::timeout_at(until, app.manager.store().close()).await.is_err() {
        warn!("the database did not close in time");
    }
}

/// Whether standard input is /dev/null (how Docker starts a service without `-i`).
fn stdin_is_dev_null() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{FileTypeExt, MetadataExt};
        match (std::fs::metadata("/proc/self/fd/0"), std::fs::metadata("/dev/null")) {
            (Ok(stdin), Ok(null)) => stdin.file_type().is_char_device() && stdin.rdev() == null.rdev(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// SIGTERM (Docker, systemd) or ctrl-c.
pub async fn shutdown_signal() -> &'static str {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => tokio::select! {
                _ = tokio::signal::ctrl_c() => "ctrl-c",
                _ = term.recv() => "SIGTERM",
            },
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                "ctrl-c"
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
        "ctrl-c"
    }
}
