//! Finds the built model and ONNX Runtime for integration tests, and the llama.cpp fixtures.
//!
//! Locally a missing model skips the test with a note; in CI (`CI=true`) it fails, because CI runs
//! scripts/setup-model.sh first.

#![allow(dead_code)]

use std::path::PathBuf;

use calme_llm::{default_data_dir, default_model_dir, default_ort_path};

#[derive(Clone)]
pub struct Located {
    pub model_dir: PathBuf,
    pub ort: PathBuf,
}

pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/llm")
}

fn env_path(var: &str) -> Option<PathBuf> {
    std::env::var_os(var).filter(|v| !v.is_empty()).map(PathBuf::from)
}

fn missing(what: &str) -> Option<Located> {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{what} (CI must run scripts/setup-model.sh before the tests)");
    }
    eprintln!("skipping: {what}; run scripts/setup-model.sh");
    None
}

/// The model dir ($CALME_MODEL_DIR or the default) and ORT ($ORT_DYLIB_PATH or the default).
pub fn locate(need_runtime: bool) -> Option<Located> {
    let model_dir = env_path("CALME_MODEL_DIR").unwrap_or_else(|| default_model_dir(&default_data_dir()));
    let ort = env_path("ORT_DYLIB_PATH").unwrap_or_else(|| default_ort_path(&default_data_dir()));
    if !model_dir.join("calme-model.json").is_file() {
        return missing(&format!("no model at {}", model_dir.display()));
    }
    if need_runtime && !ort.is_file() {
        return missing(&format!("no ONNX Runtime at {}", ort.display()));
    }
    Some(Located { model_dir, ort })
}

pub fn read_json(name: &str) -> serde_json::Value {
    let path = fixtures_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn chat_fixtures() -> Vec<(String, serde_json::Value)> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("chat-") && n.ends_with(".json"))
        .collect();
    names.sort();
    names.into_iter().map(|n| (n.clone(), read_json(&n))).collect()
}

pub fn ids(v: &serde_json::Value) -> Vec<u32> {
    v.as_array().expect("id array").iter().map(|x| x.as_u64().expect("id") as u32).collect()
}

/// Decodes base64 little-endian f32 logits.
pub fn logits_b64(s: &str) -> Vec<f32> {
    let bytes = base64_decode(s);
    bytes.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect()
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a' + 26) as u32,
            b'0'..=b'9' => (c - b'0' + 52) as u32,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("bad base64"),
        }
    };
    let clean: Vec<u8> = s.bytes().filter(|&c| c != b'=' && !c.is_ascii_whitespace()).collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let mut acc = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            acc |= val(c) << (18 - 6 * i);
        }
        let n = chunk.len() * 6 / 8;
        for i in 0..n {
            out.push((acc >> (16 - 8 * i)) as u8);
        }
    }
    out
}
