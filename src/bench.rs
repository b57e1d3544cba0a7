//! `calme bench core`: persisted message round trips through the session
//! manager and the database, with an instant generator so only the core is measured.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc;

use crate::app::App;
use crate::cli::CoreBenchArgs;
use crate::config::Config;
use crate::generator::{GenError, GenEvent, GenHandle, GenRequest, Generator, TokenCounter};
use crate::message::{Incoming, Platform};

/// Answers at once with a fixed sentence: the benchmark's stand-in for the model.
struct Instant_;

/// Writes a sentence every 20 ms until cancelled: a model that is always busy.
struct Busy;

impl Generator for Busy {
    fn name(&self) -> &str {
        "busy"
    }
    fn counter(&self) -> &dyn TokenCounter {
        &Instant_
    }
    fn start(&self, _req: GenRequest) -> Result<GenHandle, GenError> {
        let (tx, rx) = mpsc::channel(4);
        tokio::spawn(async move {
            while tx.send(GenEvent::Text("Let's take one slow breath together. ".into())).await.is_ok() {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        });
        Ok(GenHandle::new(rx, || {}))
    }
}

/// Time from a crisis message to its escalation reply while the model is busy
/// answering the same user's previous message.
async fn crisis_latency(rounds: usize) -> anyhow::Result<Vec<Duration>> {
    let dir = tempfile::tempdir()?;
    let mut config = Config::default();
    config.data_dir = Some(dir.path().to_path_buf());
    let app = App::with_generator(config, Some(Arc::new(Busy)), Ok("busy".into())).await?;
    let mut out = Vec::with_capacity(rounds);
    for i in 0..rounds {
        let user = format!("crisis-{i}");
        let mut busy = app.manager.handle(Incoming::direct(Platform::Console, user.clone(), "talk to me")).await;
        while let Some(ev) = busy.next().await {
            if matches!(ev, crate::message::ReplyEvent::Partial(_)) {
                break;
            }
        }
        let t = Instant::now();
        let reply = app
            .manager
            .handle(Incoming::direct(Platform::Console, user, "I want to kill myself tonight"))
            .await
            .final_reply()
            .await;
        out.push(t.elapsed());
        anyhow::ensure!(reply.is_some_and(|r| r.is_escalation()), "no escalation reply");
        busy.final_reply().await;
    }
    app.manager.drain(Duration::from_secs(5)).await;
    app.manager.store().close().await;
    Ok(out)
}

impl TokenCounter for Instant_ {
    fn count(&self, text: &str) -> usize {
        text.len() / 4 + 1
    }
}

impl Generator for Instant_ {
    fn name(&self) -> &str {
        "instant"
    }
    fn counter(&self) -> &dyn TokenCounter {
        self
    }
    fn start(&self, _req: GenRequest) -> Result<GenHandle, GenError> {
        let (tx, rx) = mpsc::channel(4);
        let _ = tx.try_send(GenEvent::Text("I'm here with you. What is one thing you can see around you right now?".into()));
        let _ = tx.try_send(GenEvent::Done { tokens: 16, ttft_ms: 0, tokens_per_sec: 0.0 });
        Ok(GenHandle::new(rx, || {}))
    }
}

pub async fn core(args: CoreBenchArgs) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let mut config = Config::default();
    config.data_dir = Some(dir.path().to_path_buf());
    config.database_url = args.database_url.clone();
    // The benchmark measures the core, not the limits.
    config.limits.user_per_minute = 1_000_000;
    config.limits.user_burst = 1_000_000;
    config.limits.global_per_second = 1_000_000;
    config.limits.global_burst = 1_000_000;
    let app = App::with_generator(config, Some(Arc::new(Instant_)), Ok("instant".into())).await?;
    let backend = format!("{:?}", app.manager.store().backend());
    let run_id = crate::util::now_ms();

    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for s in 0..args.sessions {
        let manager = app.manager.clone();
        let messages = args.messages;
        tasks.spawn(async move {
            let mut latencies = Vec::with_capacity(messages);
            for m in 0..messages {
                let msg = Incoming::direct(Platform::Console, format!("bench-{run_id}-{s}"), format!("message {m}: the sirens stopped, what now?"));
                let t = Instant::now();
                let reply = manager.handle(msg).await.final_reply().await;
                latencies.push(t.elapsed());
                anyhow::ensure!(reply.is_some(), "no reply");
            }
            anyhow::Ok(latencies)
        });
    }
    let mut all: Vec<Duration> = Vec::new();
    while let Some(r) = tasks.join_next().await {
        all.extend(r??);
    }
    let elapsed = started.elapsed();
    all.sort();
    let pct = |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)].as_secs_f64() * 1000.0;
    let total = all.len();
    let rate = total as f64 / elapsed.as_secs_f64();
    let mut crisis = crisis_latency(50).await?;
    crisis.sort();
    let cpct = |p: f64| crisis[((crisis.len() as f64 * p) as usize).min(crisis.len() - 1)].as_secs_f64() * 1000.0;
    if args.json {
        println!(
            "{}",
            serde_json::json!({"backend": backend, "sessions": args.sessions, "messages": total,
                "seconds": elapsed.as_secs_f64(), "round_trips_per_sec": rate,
                "p50_ms": pct(0.50), "p99_ms": pct(0.99), "max_ms": pct(1.0),
                "crisis_reply_while_model_busy_p50_ms": cpct(0.5), "crisis_reply_while_model_busy_max_ms": cpct(1.0)})
        );
    } else {
        println!("core benchmark ({backend}): {} sessions x {} messages", args.sessions, args.messages);
        println!("  round trips: {total} in {:.2} s = {rate:.0}/s", elapsed.as_secs_f64());
        println!("  latency per message: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms", pct(0.50), pct(0.99), pct(1.0));
        println!(
            "  crisis reply while the model is busy ({} rounds): p50 {:.2} ms, max {:.2} ms",
            crisis.len(),
            cpct(0.5),
            cpct(1.0)
        );
    }
    app.manager.store().close().await;
    Ok(())
}
