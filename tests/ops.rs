//! Operations: the ops endpoint (/healthz, /readyz, /metrics), graceful
//! shutdown, and the `calme export` / `calme retention` commands.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use calme::app::App;
use calme::message::{Incoming, Platform, ReplyKind};
use common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_util::sync::CancellationToken;

/// A plain HTTP/1.1 GET on 127.0.0.1: (status, body).
async fn get(addr: std::net::SocketAddr, path: &str) -> (u16, String) {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).await.unwrap();
    let status = raw.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = raw.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

async fn serve(app: &App) -> (std::net::SocketAddr, CancellationToken) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let stop = CancellationToken::new();
    tokio::spawn(calme::ops::serve(app.clone(), listener, stop.clone()));
    (addr, stop)
}

/// The value of one sample line, e.g. `calme_messages_in_total{platform="telegram"}`.
fn sample(text: &str, name: &str) -> f64 {
    text.lines()
        .find_map(|l| l.strip_prefix(name).and_then(|rest| rest.strip_prefix(' ')))
        .unwrap_or_else(|| panic!("{name} missing from /metrics:\n{text}"))
        .trim()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn health_readiness_and_metrics() {
    let (config, _dir) = test_config();
    let app = spawn_app(unlimited(config), Some(Arc::new(Echo))).await;
    let (addr, stop) = serve(&app).await;

    assert_eq!(get(addr, "/healthz").await, (200, "ok\n".into()));
    let (code, body) = get(addr, "/readyz").await;
    assert_eq!(code, 200, "{body}");
    assert!(body.contains("\"ready\":true"), "{body}");

    app.manager.handle(Incoming::direct(Platform::Telegram, "u", "hello")).await.final_reply().await.unwrap();
    app.manager.handle(Incoming::direct(Platform::Discord, "v", "hi")).await.final_reply().await.unwrap();
    let crisis = Incoming::direct(Platform::Telegram, "w", "I'm going to kill myself tonight, I have the pills ready");
    assert!(app.manager.handle(crisis).await.final_reply().await.unwrap().is_escalation());

    let (code, text) = get(addr, "/metrics").await;
    assert_eq!(code, 200);
    assert_eq!(sample(&text, "calme_messages_in_total{platform=\"telegram\"}"), 2.0);
    assert_eq!(sample(&text, "calme_messages_in_total{platform=\"discord\"}"), 1.0);
    assert_eq!(sample(&text, "calme_replies_out_total{platform=\"discord\"}"), 1.0);
    assert_eq!(sample(&text, "calme_escalations_total{label=\"imminent_risk\"}"), 1.0);
    assert_eq!(sample(&text, "calme_triage_total{label=\"imminent_risk\"}"), 1.0);
    assert_eq!(sample(&text, "calme_model_replies_total"), 2.0);
    assert_eq!(sample(&text, "calme_time_to_first_token_seconds_count"), 2.0);
    assert_eq!(sample(&text, "calme_time_to_first_token_seconds_bucket{le=\"+Inf\"}"), 2.0);
    assert_eq!(sample(&text, "calme_tokens_per_second_count"), 2.0);
    assert_eq!(sample(&text, "calme_queue_depth"), 0.0);
    // No second reading in this app: the screen escalated the crisis itself.
    assert_eq!(sample(&text, "calme_second_reading_escalations_total{reading=\"semantic\"}"), 0.0);
    assert_eq!(sample(&text, "calme_second_reading_escalations_total{reading=\"multilingual\"}"), 0.0);
    assert_eq!(sample(&text, "calme_second_reading_escalations_total{reading=\"reader_head\"}"), 0.0);
    assert_eq!(sample(&text, "calme_second_reading_escalations_total{reading=\"probe\"}"), 0.0);
    // Every sample is a calme_ metric with a HELP and TYPE line.
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        assert!(line.starts_with("calme_"), "{line}");
        let family = line.split(['{', ' ']).next().unwrap();
        let base = histogram_family(family);
        assert!(text.contains(&format!("# TYPE {base} ")) || text.contains(&format!("# TYPE {family} ")), "{family} has no TYPE");
    }
    dashboard_matches(&text);
    stop.cancel();
}

/// The family a sample belongs to: a histogram's `_bucket`, `_sum` and `_count` series are its own.
fn histogram_family(sample: &str) -> &str {
    sample.trim_end_matches("_bucket").trim_end_matches("_sum").trim_end_matches("_count")
}

/// The Grafana dashboard (deploy/grafana/dashboards/calme.json) queries only metric families
/// the bot exports, and has a panel for each: a renamed metric would otherwise leave an empty
/// panel, and a new one would go unseen.
fn dashboard_matches(metrics: &str) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/grafana/dashboards/calme.json");
    let dashboard: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let exported: std::collections::BTreeSet<&str> =
        metrics.lines().filter_map(|l| l.strip_prefix("# TYPE ")).filter_map(|l| l.split(' ').next()).collect();
    let mut queried = std::collections::BTreeSet::new();
    for panel in dashboard["panels"].as_array().unwrap() {
        for t in panel["targets"].as_array().unwrap() {
            let expr = t["expr"].as_str().unwrap();
            for word in expr.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).filter(|w| w.starts_with("calme_")) {
                let family = histogram_family(word);
                assert!(exported.contains(family), "panel {:?} queries {word}, which /metrics does not export", panel["title"]);
                queried.insert(family.to_string());
            }
        }
    }
    for family in exported {
        assert!(queried.contains(family), "{family} is exported but no dashboard panel shows it");
    }
}

#[tokio::test]
async fn readiness_fails_without_the_model_or_the_database() {
    let (mut config, _dir) = test_config();
    config.model.enabled = true;
    let app = App::with_generator(config, None, Err("no model files".into())).await.unwrap();
    let (addr, _stop) = serve(&app).await;
    let (code, body) = get(addr, "/readyz").await;
    assert_eq!(code, 503, "an enabled model that failed to load is not ready: {body}");
    assert!(body.contains("no model files"), "{body}");
    // Liveness does not depend on either.
    assert_eq!(get(addr, "/healthz").await.0, 200);

    app.manager.store().close().await;
    let (code, body) = get(addr, "/readyz").await;
    assert_eq!(code, 503, "{body}");
    assert!(body.contains("\"database\":\"error"), "{body}");
}

#[tokio::test]
async fn shutdown_finishes_replies_in_flight_and_turns_new_messages_away_calmly() {
    let (config, _dir) = test_config();
    let generator = Scripted::slow(&"Let us breathe slowly together now. ".repeat(60), Duration::from_millis(30));
    let app = spawn_app(unlimited(config), Some(generator.clone())).await;
    let in_flight = app.manager.handle(Incoming::direct(Platform::Telegram, "u", "talk to me")).await;
    tokio::time::sleep(Duration::from_millis(100)).await;

    let started = Instant::now();
    let shutdown = {
        let app = app.clone();
        tokio::spawn(async move { calme::serve::shutdown(&app).await })
    };
    tokio::time::sleep(Duration::from_millis(50)).await;
    // New messages get a calm notice; a crisis is still answered properly.
    let late = app.manager.handle(Incoming::direct(Platform::Telegram, "v", "hello?")).await.final_reply().await.unwrap();
    assert_eq!(late.kind, ReplyKind::Notice);
    assert!(late.text.contains("restarting"), "{}", late.text);
    let crisis = Incoming::direct(Platform::Telegram, "w", "I want to end my life tonight");
    assert!(app.manager.handle(crisis).await.final_reply().await.unwrap().is_escalation());

    // The generation in flight (about 10 s of words) is cancelled and still answered.
    let reply = in_flight.final_reply().await.expect("the message in flight is answered");
    assert!(reply.text.contains("restarting for a moment"), "a short note says why: {}", reply.text);
    shutdown.await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(10), "shutdown took {:?}", started.elapsed());
    assert!(generator.cancelled.load(std::sync::atomic::Ordering::SeqCst) >= 1);
}

fn calme_bin(dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_calme"));
    cmd.arg("--data-dir").arg(dir).env("CALME_MODEL__ENABLED", "false").env_remove("TELOXIDE_TOKEN").env_remove("DISCORD_TOKEN");
    cmd.env_remove("CALME_DATABASE_URL").env("RUST_LOG", "info").current_dir(dir);
    cmd
}

#[tokio::test]
async fn calme_run_serves_ops_and_exits_quickly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let addr: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let mut child = calme_bin(dir.path())
        .args(["run", "--ops-addr", &addr.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Startup compiles the crisis screen's rules before serving (about 2.5 s in a debug
    // build on an idle 2-core machine); the wait is generous so a busy CI machine does not
    // fail the test. How fast startup is gets measured by the benchmarks, not here.
    let mut ready = false;
    for _ in 0..1200 {
        if tokio::net::TcpStream::connect(addr).await.is_ok() {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(ready, "the ops endpoint did not come up");
    assert_eq!(get(addr, "/healthz").await.0, 200);
    assert_eq!(get(addr, "/readyz").await.0, 200);

    let started = Instant::now();
    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let exit = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "still running 10 s after SIGTERM");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(exit.success(), "{exit:?}");
    let log: Vec<String> = BufReader::new(child.stderr.take().unwrap()).lines().map_while(Result::ok).collect();
    assert!(log.iter().any(|l| l.contains("shutting down")), "{log:?}");
    eprintln!("exited {:?} after SIGTERM", started.elapsed());
}

#[tokio::test]
async fn calme_export_and_retention_commands() {
    let (config, dir) = test_config();
    {
        let app = spawn_app(config.clone(), Some(Arc::new(Echo))).await;
        app.manager.handle(Incoming::direct(Platform::Telegram, "42", "the sirens again")).await.final_reply().await.unwrap();
        app.manager.handle(Incoming::direct(Platform::Telegram, "43", "someone else")).await.final_reply().await.unwrap();
        app.manager.store().close().await;
    }
    let out_file = dir.path().join("export.json");
    let out = calme_bin(dir.path()).args(["export", "--user", "telegram:42", "--output"]).arg(&out_file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out_file).unwrap()).unwrap();
    assert_eq!(json["user"]["platform_user_id"], "42");
    let texts: Vec<&str> = json["messages"].as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["the sirens again".to_string(), echo_reply("the sirens again")]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&out_file).unwrap().permissions().mode() & 0o077, 0, "export must be private");
    }
    let out = calme_bin(dir.path()).args(["export", "--user", "telegram:nobody"]).output().unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["user"].is_null());

    let out = calme_bin(dir.path()).args(["retention", "set", "--community", "discord:g", "--days", "0"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = calme_bin(dir.path()).args(["retention", "show", "--community", "discord:g"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "0");
    let out = calme_bin(dir.path()).args(["retention", "purge"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Deleted 0 message(s)"), "nothing is old yet");
}
