//! Runs the output guard on model replies: JSON lines {"reply": "...",
//! "user": ["what the person wrote", ...]} on stdin; prints per line the
//! verdict of guard_output (the reply alone) and guard_reply (against the
//! person's messages), then the counts.
//!
//!     cargo run -p calme-safety --example guard_check < replies.jsonl

use std::io::BufRead;

fn verdict(r: Result<(), calme_safety::Violation>) -> &'static str {
    match r {
        Ok(()) => "pass",
        Err(v) => v.as_str(),
    }
}

fn main() {
    let (mut n, mut pass_alone, mut pass_reply) = (0, 0, 0);
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        let reply = v["reply"].as_str().unwrap_or_default();
        let user: Vec<&str> = v["user"].as_array().map(|a| a.iter().filter_map(|t| t.as_str()).collect()).unwrap_or_default();
        let alone = calme_safety::guard_output(reply, 4096);
        let full = calme_safety::guard_reply(reply, &user, 4096);
        n += 1;
        pass_alone += alone.is_ok() as u32;
        pass_reply += full.is_ok() as u32;
        println!("{:<18} {:<18} {}", verdict(alone), verdict(full), reply.replace('\n', " "));
    }
    println!("{n} replies: {pass_alone} pass guard_output, {pass_reply} pass guard_reply");
}
