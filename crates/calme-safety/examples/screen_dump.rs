//! For each JSON line {"id", "text", ...} on stdin, prints what the screen
//! saw: the normalised text, the rules' label and weights per label, the
//! classifier's probabilities and the combined label. tools/safety-train
//! reads this (the classifier's features are computed on `norm`). Run:
//! cargo run --release -p calme-safety --example screen_dump < rows.jsonl

use std::io::{BufRead, Write};

fn main() -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else {
            continue;
        };
        let t = calme_safety::trace(text);
        let row = serde_json::json!({
            "id": v.get("id"),
            "norm": t.norm,
            "rule_label": t.rule_label,
            "rule_scores": t.rule_scores,
            "rules": t.screening.rules,
            "probs": t.probs,
            "label": t.screening.label,
            "minor": t.screening.minor,
            "lang": t.screening.lang,
        });
        writeln!(out, "{row}")?;
    }
    out.flush()
}
