//! For each JSON line {"id", "text", ...} on stdin, prints what the screen
//! saw: the normalised text, the rules' label and weights per label, the
//! classifier's probabilities and the combined label. tools/safety-train
//! reads this (the classifier's features are computed on `norm`). Run:
//! cargo run --release -p calme-safety --example screen_dump < rows.jsonl
//!
//! A row with "turns" (a conversation: the person's messages in order) is
//! screened as the session does it ([`calme_safety::Conversation`]), the
//! label folded with [`calme_safety::sticky`]. "label_alone" is the same fold over each
//! message screened on its own.

use std::io::{BufRead, Write};

fn main() -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        if let Some(turns) = v.get("turns").and_then(|t| t.as_array()) {
            let turns: Vec<&str> = turns.iter().filter_map(|t| t.as_str()).collect();
            writeln!(out, "{}", conversation(v.get("id"), &turns))?;
            continue;
        }
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
            "concern": t.screening.concern,
        });
        writeln!(out, "{row}")?;
    }
    out.flush()
}

fn conversation(id: Option<&serde_json::Value>, turns: &[&str]) -> serde_json::Value {
    let (mut label, mut alone) = (None, None);
    let mut conversation = calme_safety::Conversation::default();
    let mut rules = Vec::new();
    // whether the check-in would be asked before the conversation escalates
    let mut asked = false;
    for turn in turns {
        alone = Some(calme_safety::sticky(alone, calme_safety::screen(turn).label));
        let s = conversation.screen(turn);
        asked |= s.concern.is_some() && !label.is_some_and(|l: calme_safety::Label| l.escalates());
        label = Some(calme_safety::sticky(label, s.label));
        rules.push(s.rules);
    }
    serde_json::json!({"id": id, "label": label, "label_alone": alone, "rules": rules, "asked": asked})
}
