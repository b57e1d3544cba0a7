//! The ops endpoint (off unless `ops.addr` / `--ops-addr` is set):
//! `/healthz` (the process answers), `/readyz` (the database answers and the
//! model is loaded, unless it was switched off on purpose) and `/metrics`
//! (Prometheus text format, every name prefixed `calme_`).

use std::fmt::Write as _;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use tokio_util::sync::CancellationToken;

use crate::app::App;
use crate::session::metrics::{Histogram, PLATFORMS};

/// The routes, ready to serve (tests call them through [`serve`] on port 0).
pub fn router(app: App) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .with_state(app)
}

/// Binds `addr` and serves until `stop` is cancelled.
pub async fn start(app: App, addr: &str, stop: CancellationToken) -> anyhow::Result<tokio::task::JoinHandle<()>> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {addr} for the ops endpoint: {e}"))?;
    tracing::info!(addr = %listener.local_addr()?, "ops endpoint: /healthz /readyz /metrics");
    Ok(tokio::spawn(serve(app, listener, stop)))
}

/// Serves on an already bound listener until `stop` is cancelled.
pub async fn serve(app: App, listener: tokio::net::TcpListener, stop: CancellationToken) {
    let result = axum::serve(listener, router(app)).with_graceful_shutdown(stop.cancelled_owned()).await;
    if let Err(err) = result {
        tracing::warn!(error = %err, "ops endpoint stopped");
    }
}

async fn healthz() -> &'static str {
    "ok\n"
}

async fn readyz(State(app): State<App>) -> impl IntoResponse {
    let report = readiness(&app).await;
    let code = if report.ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (code, Json(report))
}

/// What `/readyz` reports.
#[derive(Debug, serde::Serialize)]
pub struct Readiness {
    pub ready: bool,
    pub database: String,
    pub model: String,
}

/// The database answers within 2 s, and the model is loaded — or deliberately
/// switched off (`model.enabled = false`: Quick Mode by choice is ready).
pub async fn readiness(app: &App) -> Readiness {
    let store = app.manager.store();
    let (db_ok, database) = match tokio::time::timeout(Duration::from_secs(2), store.ping()).await {
        Ok(Ok(())) => (true, format!("ok ({:?})", store.backend()).to_lowercase()),
        Ok(Err(e)) => (false, format!("error: {e}")),
        Err(_) => (false, "error: no answer within 2 s".into()),
    };
    let (model_ok, model) = match &app.model_status {
        Ok(name) => (true, format!("loaded: {name}")),
        Err(why) if !app.config.model.enabled => (true, format!("off (Quick Mode): {why}")),
        Err(why) => (false, format!("not loaded (answering in Quick Mode): {why}")),
    };
    Readiness { ready: db_ok && model_ok, database, model }
}

async fn metrics(State(app): State<App>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], render_metrics(&app))
}

/// The Prometheus text exposition of the core's counters.
pub fn render_metrics(app: &App) -> String {
    let m = app.manager.metrics();
    let get = |c: &std::sync::atomic::AtomicU64| c.load(Ordering::Relaxed);
    let mut out = String::with_capacity(4096);

    family(&mut out, "messages_in_total", "counter", "Messages addressed to CALMe, by platform.");
    for (p, c) in PLATFORMS.iter().zip(&m.messages_in_by_platform) {
        let _ = writeln!(out, "calme_messages_in_total{{platform=\"{p}\"}} {}", get(c));
    }
    family(&mut out, "replies_out_total", "counter", "Conversation replies sent (model, Quick Mode, escalation), by platform.");
    for (p, c) in PLATFORMS.iter().zip(&m.replies_out_by_platform) {
        let _ = writeln!(out, "calme_replies_out_total{{platform=\"{p}\"}} {}", get(c));
    }
    family(&mut out, "triage_total", "counter", "Messages by triage label.");
    for label in calme_safety::Label::ALL {
        let _ = writeln!(out, "calme_triage_total{{label=\"{}\"}} {}", label.as_str(), get(m.label(label)));
    }
    family(&mut out, "escalations_total", "counter", "Crisis escalations, by label.");
    for (label, c) in calme_safety::Label::ALL.iter().zip(&m.escalations_by_label) {
        if label.escalates() {
            let _ = writeln!(out, "calme_escalations_total{{label=\"{}\"}} {}", label.as_str(), get(c));
        }
    }
    family(&mut out, "second_reading_escalations_total", "counter", "Escalations raised by the second reading, by reading.");
    for ((reading, _), c) in crate::reread::READINGS.iter().zip(&m.second_reading_escalations) {
        let _ = writeln!(out, "calme_second_reading_escalations_total{{reading=\"{reading}\"}} {}", get(c));
    }
    for (name, help, c) in [
        ("rate_limited_total", "Messages answered with the slow-down notice.", &m.rate_limited),
        ("quick_mode_total", "Replies written in Quick Mode (no model, busy, too slow, rejected).", &m.quick_mode),
        ("model_replies_total", "Replies written by the local model.", &m.model_replies),
        ("guard_rejections_total", "Model replies stopped by the output guard.", &m.guard_rejections),
        ("model_overloaded_total", "Generations refused because the model queue was full.", &m.overloaded),
    ] {
        family(&mut out, name, "counter", help);
        let _ = writeln!(out, "calme_{name} {}", get(c));
    }
    family(&mut out, "queue_depth", "gauge", "Messages waiting in session queues.");
    let _ = writeln!(out, "calme_queue_depth {}", m.queue_depth.load(Ordering::Relaxed).max(0));
    family(&mut out, "live_sessions", "gauge", "Conversations held in memory.");
    let _ = writeln!(out, "calme_live_sessions {}", app.manager.live_sessions());
    family(&mut out, "model_loaded", "gauge", "1 when the local model is loaded.");
    let _ = writeln!(out, "calme_model_loaded {}", u8::from(app.model_status.is_ok()));
    histogram(&mut out, "time_to_first_token_seconds", "Time from the start of a generation to its first token.", &m.time_to_first_token);
    histogram(&mut out, "tokens_per_second", "Decoding speed of finished generations.", &m.tokens_per_second);
    out
}

fn family(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP calme_{name} {help}");
    let _ = writeln!(out, "# TYPE calme_{name} {kind}");
}

fn histogram(out: &mut String, name: &str, help: &str, h: &Histogram) {
    family(out, name, "histogram", help);
    let (buckets, count, sum) = h.snapshot();
    for (bound, c) in buckets {
        let _ = writeln!(out, "calme_{name}_bucket{{le=\"{bound}\"}} {c}");
    }
    let _ = writeln!(out, "calme_{name}_bucket{{le=\"+Inf\"}} {count}");
    let _ = writeln!(out, "calme_{name}_sum {sum}");
    let _ = writeln!(out, "calme_{name}_count {count}");
}
