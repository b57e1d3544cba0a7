//! Prints how long the crisis screen takes per message on the dev set.
//! Run: cargo run --release -p calme-safety --example screen_bench
//! A BENCH_FILE of conversations (rows with "turns") times each message with
//! the earlier messages of its conversation (`screen_in_context`: the costlier
//! path, which a session takes until a message escalates).

use std::time::Instant;

fn main() {
    // BENCH_FILE: another JSON-lines set (say a held-out one, so the messages
    // are not the ones warm_up screens); the dev set by default.
    let data = match std::env::var("BENCH_FILE") {
        Ok(path) => std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")),
        Err(_) => include_str!("../tests/data/triage_dev.jsonl").to_string(),
    };
    // (earlier messages of the conversation, the message)
    let mut cases: Vec<(Vec<String>, String)> = Vec::new();
    for v in data.lines().filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok()) {
        if let Some(turns) = v.get("turns").and_then(|t| t.as_array()) {
            let turns: Vec<String> = turns.iter().filter_map(|t| t.as_str()).map(str::to_string).collect();
            for i in 0..turns.len() {
                cases.push((turns[..i].to_vec(), turns[i].clone()));
            }
        } else if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
            cases.push((Vec::new(), t.to_string()));
        }
    }
    let texts: Vec<&str> = cases.iter().map(|(_, t)| t.as_str()).collect();
    let start = Instant::now();
    calme_safety::warm_up();
    println!(
        "rule compilation (once, at startup): {:.1} ms",
        start.elapsed().as_secs_f64() * 1e3
    );

    let rounds: usize = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    // (µs, index of the text): one record per screen; the text itself is
    // looked up only for the report, so the timed loop copies nothing.
    let mut per_msg: Vec<(f64, usize)> = Vec::with_capacity(texts.len() * rounds);
    let mut escalations = 0usize;
    let total = Instant::now();
    for _ in 0..rounds {
        for (i, (earlier, t)) in cases.iter().enumerate() {
            let earlier: Vec<&str> = earlier.iter().map(String::as_str).collect();
            let s = Instant::now();
            let r = calme_safety::screen_in_context(&earlier, t);
            per_msg.push((s.elapsed().as_secs_f64() * 1e6, i));
            escalations += usize::from(r.label.escalates());
        }
    }
    let n = per_msg.len();
    let mean = total.elapsed().as_secs_f64() * 1e6 / n as f64;
    per_msg.sort_by(|a, b| a.0.total_cmp(&b.0));
    let pct = |p: f64| per_msg[((n as f64 * p) as usize).min(n - 1)].0;
    println!(
        "{} messages x {rounds} rounds = {n} screens ({escalations} escalations)",
        texts.len()
    );
    println!(
        "mean {mean:.1} µs/message, median {:.1} µs, p99 {:.1} µs, max {:.1} µs",
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
    let show = std::env::var("BENCH_SHOW").is_ok();
    let top: Vec<String> = per_msg
        .iter()
        .rev()
        .take(5)
        .map(|(us, i)| {
            let t = &texts[*i];
            let text = if show { format!(": {t}") } else { String::new() };
            format!("{us:.0} µs ({} chars{text})", t.chars().count())
        })
        .collect();
    println!("slowest screens: {}", top.join(", "));
    if std::env::var("BENCH_SKIP_LONG").is_ok() {
        return;
    }
    // Long messages near the Telegram limit, screened 50 times each.
    for (name, long) in [
        (
            "English",
            "I had a long day at work and the bus was late again. ".repeat(70)
                + "sirens again and i want to die",
        ),
        (
            "Hebrew",
            "היה לי יום ארוך בעבודה והאוטובוס איחר שוב. ".repeat(80) + "אזעקה ואני רוצה למות",
        ),
    ] {
        let mut t: Vec<f64> = (0..50)
            .map(|_| {
                let s = Instant::now();
                let _ = calme_safety::screen(&long);
                s.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        t.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{name} message of {} characters: median {:.0} µs, max {:.0} µs ({})",
            long.chars().count(),
            t[25],
            t[49],
            calme_safety::screen(&long).label.as_str()
        );
    }
}
