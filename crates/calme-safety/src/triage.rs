//! JSON-lines triage for `calme triage`: one `{"id", "text"}` object per input
//! line, one `{"id", "label", "minor", "lang"}` object per output line, in
//! order. An optional `"context"`, the person's earlier messages oldest first,
//! screens the text as a session does ([`crate::screen_in_context`]): "yes,
//! tonight" after the message it answers. A malformed line yields
//! `{"id": <id if any>, "error": "..."}` and the run goes on.

use serde_json::{json, Value};
use std::io::{BufRead, Write};

fn triage_line(line: &str, second: &mut dyn FnMut(&str, &mut crate::Screening)) -> Value {
    let v: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return json!({"id": Value::Null, "error": format!("invalid JSON: {e}")}),
    };
    let id = v.get("id").cloned().unwrap_or(Value::Null);
    let context: Option<Vec<&str>> = match v.get("context") {
        None | Some(Value::Null) => Some(Vec::new()),
        Some(Value::Array(items)) => items.iter().map(Value::as_str).collect(),
        Some(_) => None,
    };
    let Some(context) = context else {
        return json!({"id": id, "error": "\"context\" must be a list of strings (earlier messages, oldest first)"});
    };
    match v.get("text").and_then(Value::as_str) {
        Some(text) => {
            let mut s = crate::screen_in_context(&context, text);
            second(text, &mut s);
            json!({"id": id, "label": s.label, "minor": s.minor, "lang": s.lang})
        }
        None => json!({"id": id, "error": "expected an object with a string field \"text\""}),
    }
}

/// Reads JSON lines from `input` and writes one result line per input line.
/// Only I/O errors stop the run; bad lines (including invalid UTF-8 and blank
/// lines) produce an error line.
pub fn triage_jsonl(input: impl BufRead, output: impl Write) -> std::io::Result<()> {
    triage_jsonl_with(input, output, |_, _| {})
}

/// [`triage_jsonl`] with a second reading: `second` sees each text and its screening and may
/// change the label (the `calme` binary passes the model's risk probe here).
pub fn triage_jsonl_with(
    mut input: impl BufRead,
    mut output: impl Write,
    mut second: impl FnMut(&str, &mut crate::Screening),
) -> std::io::Result<()> {
    let mut buf = Vec::with_capacity(1024);
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        let line = String::from_utf8_lossy(&buf);
        let line = line.trim_end_matches(['\n', '\r']);
        let out = if line.trim().is_empty() {
            json!({"id": Value::Null, "error": "empty line"})
        } else {
            triage_line(line, &mut second)
        };
        serde_json::to_writer(&mut output, &out)?;
        output.write_all(b"\n")?;
    }
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &[u8]) -> Vec<Value> {
        let mut out = Vec::new();
        assert!(triage_jsonl(input, &mut out).is_ok());
        String::from_utf8_lossy(&out)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or(Value::Null))
            .collect()
    }

    #[test]
    fn one_line_out_per_line_in_with_errors_kept_in_place() {
        let input = b"{\"id\":\"a\",\"text\":\"i want to die\"}\nnot json\n{\"id\":7}\n\n{\"id\":\"b\",\"text\":\"\xd7\xa6\xd7\x91\xd7\xa2 \xd7\x90\xd7\x93\xd7\x95\xd7\x9d, \xd7\x90\xd7\xa0\xd7\x99 \xd7\x91\xd7\x9e\xd7\xa7\xd7\x9c\xd7\x98 \xd7\x95\xd7\xa8\xd7\x95\xd7\xa2\xd7\x93\xd7\xaa\"}\n{\"id\":\"c\",\"text\":\"bad \xff utf8\"}";
        let out = run(input);
        assert_eq!(out.len(), 6);
        assert_eq!(
            out[0],
            json!({"id": "a", "label": "imminent_risk", "minor": false, "lang": "en"})
        );
        assert!(out[1].get("error").is_some() && out[1]["id"].is_null());
        assert_eq!(out[2]["id"], json!(7));
        assert!(out[2].get("error").is_some());
        assert!(out[3].get("error").is_some());
        assert_eq!(out[4]["label"], json!("acute_stress"));
        assert_eq!(out[4]["lang"], json!("he"));
        assert_eq!(out[5]["id"], json!("c"));
        assert_eq!(out[5]["label"], json!("none"));
    }

    #[test]
    fn context_reads_an_answer_with_what_it_answers() {
        let out = run(concat!(
            "{\"id\":1,\"text\":\"the engine is running\"}\n",
            "{\"id\":2,\"text\":\"the engine is running\",\"context\":[\"sitting in my car in the garage\",\"the door is shut\"]}\n",
            "{\"id\":3,\"text\":\"ok\",\"context\":[\"אנחנו בממד עם הילדים\"]}\n",
            "{\"id\":4,\"text\":\"ok\",\"context\":\"not a list\"}\n",
            "{\"id\":5,\"text\":\"ok\",\"context\":[1,2]}\n",
        ).as_bytes());
        assert_eq!(out.len(), 5);
        assert_eq!(out[0]["label"], json!("none"));
        assert_eq!(out[1]["label"], json!("imminent_risk"));
        assert_eq!(out[2]["lang"], json!("he"));
        assert!(out[3].get("error").is_some() && out[3]["id"] == json!(4));
        assert!(out[4].get("error").is_some());
    }

    #[test]
    fn crlf_and_empty_input() {
        assert!(run(b"").is_empty());
        let out = run(b"{\"id\":\"x\",\"text\":\"hi\"}\r\n");
        assert_eq!(
            out,
            vec![json!({"id": "x", "label": "none", "minor": false, "lang": "en"})]
        );
    }
}
