//! Discord's documented example payloads: a copy of shared/discord/docs_examples.json
//! (discord/discord-api-docs, commit recorded inside).

use std::sync::OnceLock;

use serde_json::Value;

fn examples() -> &'static Value {
    static EXAMPLES: OnceLock<Value> = OnceLock::new();
    EXAMPLES.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let candidates = [root.join("tests/discord_fake/docs_examples.json"), root.join("../shared/discord/docs_examples.json")];
        let path = candidates
            .iter()
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("docs_examples.json not found in {candidates:?}"));
        let all: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        all["examples"].clone()
    })
}

/// A copy of one documented example object, e.g. `example("message")`.
pub fn example(name: &str) -> Value {
    let e = &examples()[name]["json"];
    assert!(!e.is_null(), "no documented example named {name}");
    e.clone()
}
