//! Prints, for each JSON line {"id", "text"} on stdin, the label and the rules
//! that fired (what the debug log shows). Run:
//! cargo run --release -p calme-safety --example explain < messages.jsonl

use std::io::BufRead;

fn main() {
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else {
            continue;
        };
        let s = calme_safety::screen(text);
        let out = serde_json::json!({"id": v.get("id"), "label": s.label, "minor": s.minor, "lang": s.lang, "rules": s.rules});
        println!("{out}");
    }
}
