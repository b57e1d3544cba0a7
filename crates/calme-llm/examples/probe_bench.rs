//! Prints how long each probe (SmolLM2's, then the multilingual reader's with its head) takes per
//! message, on one thread (as in a running bot, beside generation) and on all cores (as `calme
//! triage`). The screen's own outputs, which the reader head also reads, are not timed here (the
//! screen takes well under a millisecond).
//! Run after scripts/setup-model.sh:
//! cargo run --release -p calme-llm --example probe_bench [rows.jsonl]
//! The default messages are the crisis screen's development set.

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (dir, ort, reader) = (calme_llm::env_model_dir(), calme_llm::env_ort_path(), calme_llm::env_reader_dir());
    let rows = std::env::args().nth(1).unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../calme-safety/tests/data/triage_dev.jsonl").into());
    let texts: Vec<String> = std::fs::read_to_string(&rows)?
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok()?.get("text")?.as_str().map(str::to_string))
        .take(300)
        .collect();
    for (name, threads) in [("smollm2", 1), ("smollm2", 0), ("multilingual", 1), ("multilingual", 0)] {
        let started = Instant::now();
        let mut probe = match name {
            "smollm2" => calme_llm::RiskProbe::load(&dir, &ort, threads)?,
            _ => calme_llm::RiskProbe::load_reader(&reader, &ort, threads)?,
        };
        let load = started.elapsed();
        // Both scores of a pass, as the second reading asks for them.
        let screen = vec![0.0; probe.head().map_or(0, |h| h.screen_features)];
        let mut ms: Vec<f64> = Vec::with_capacity(texts.len());
        for t in &texts {
            let s = Instant::now();
            probe.scores(t, &screen)?;
            ms.push(s.elapsed().as_secs_f64() * 1e3);
        }
        ms.sort_by(|a, b| a.total_cmp(b));
        let at = |q: f64| ms[((ms.len() - 1) as f64 * q) as usize];
        println!(
            "{name}, threads {}: load {:.2} s, process resident {} MB; {} messages: mean {:.1} ms, median {:.1}, p90 {:.1}, p99 {:.1}, max {:.1}",
            if threads == 0 { "all".to_string() } else { threads.to_string() },
            load.as_secs_f64(),
            resident_mb(),
            ms.len(),
            ms.iter().sum::<f64>() / ms.len() as f64,
            at(0.5),
            at(0.9),
            at(0.99),
            ms[ms.len() - 1]
        );
    }
    Ok(())
}

/// The process's resident memory after a load (Linux; 0 elsewhere); the previous probe is dropped.
fn resident_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status.lines().find_map(|l| l.strip_prefix("VmRSS:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
    kb.unwrap_or(0) / 1024
}
