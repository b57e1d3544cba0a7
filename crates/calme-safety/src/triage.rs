//! JSONL triage used by `calme triage` (stub).
use std::io::{BufRead, Write};

pub fn triage_jsonl(input: impl BufRead, mut output: impl Write) -> std::io::Result<()> {
    for line in input.lines() {
        let line = line?;
        if line.trim().is_empty() { continue; }
        let v: serde_json::Value = serde_json::from_str(&line).unwrap_or(serde_json::Value::Null);
        let id = v.get("id").cloned().unwrap_or(serde_json::Value::Null);
        match v.get("text").and_then(|t| t.as_str()) {
            Some(t) => {
                let s = crate::screen(t);
                writeln!(output, "{}", serde_json::json!({"id": id, "label": s.label, "minor": s.minor, "lang": s.lang}))?;
            }
            None => writeln!(output, "{}", serde_json::json!({"id": id, "error": "expected {\"id\", \"text\"}"}))?,
        }
    }
    Ok(())
}
