//! The Rust USE-m3 encoder against the numpy reference it ports.
//!
//! `data/semantic_fixture.json` (written by `tools/encoder/use_fixture.py`)
//! holds, for ~40 sentences in English, Hebrew, Arabic, Russian, mixed and
//! odd inputs, the reference token ids and embedding. The exported model is
//! looked for in `$CALME_SEMANTIC_DIR`, else `$CALME_DATA_DIR/models/use-m3`,
//! else `~/.local/share/calme/models/use-m3`; `scripts/setup-model.sh`
//! puts it there. Without it these tests fail rather than skip, so a CI run
//! that forgot the setup step cannot pass silently.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use calme_safety::semantic::{Encoder, DIM, MAX_PIECES};
use serde::Deserialize;

/// The reference embedding and ours must agree at least this well.
const MIN_COSINE: f32 = 0.999;

#[derive(Deserialize)]
struct Fixture {
    sentences: Vec<Sentence>,
}

#[derive(Deserialize)]
struct Sentence {
    text: String,
    ids: Vec<u32>,
    embedding: Vec<f32>,
}

/// [`calme_safety::semantic_dir`] under `$CALME_DATA_DIR`, else `~/.local/share/calme`.
fn model_dir() -> PathBuf {
    let data = match std::env::var_os("CALME_DATA_DIR").filter(|d| !d.is_empty()) {
        Some(data) => PathBuf::from(data),
        None => Path::new(&std::env::var_os("HOME").unwrap_or_default()).join(".local/share/calme"),
    };
    calme_safety::semantic_dir(&data)
}

/// The encoder, loaded once for all tests.
fn encoder() -> &'static Encoder {
    static ENCODER: OnceLock<Encoder> = OnceLock::new();
    ENCODER.get_or_init(|| {
        let dir = model_dir();
        Encoder::load(&dir).unwrap_or_else(|e| {
            panic!(
                "USE-m3 model not usable at {}: {e}\n(or set CALME_SEMANTIC_DIR to an export of tools/encoder/use_export.py)",
                dir.display()
            )
        })
    })
}

fn fixture() -> Fixture {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/semantic_fixture.json");
    let text = std::fs::read_to_string(&path).expect("data/semantic_fixture.json is part of the crate");
    serde_json::from_str(&text).expect("semantic_fixture.json parses")
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    dot(a, b) / (dot(a, a).sqrt() * dot(b, b).sqrt())
}

fn assert_unit_vector(v: &[f32], what: &str) {
    assert_eq!(v.len(), DIM, "{what}: length");
    assert!(v.iter().all(|x| x.is_finite()), "{what}: non-finite value");
    let norm = dot(v, v).sqrt();
    assert!((norm - 1.0).abs() < 1e-4, "{what}: norm {norm}");
}

#[test]
fn token_ids_match_the_reference() {
    let enc = encoder();
    let mismatches: Vec<String> = fixture()
        .sentences
        .iter()
        .filter(|s| enc.token_ids(&s.text) != s.ids)
        .map(|s| format!("{:?}: ours {:?}, reference {:?}", s.text, enc.token_ids(&s.text), s.ids))
        .collect();
    assert!(mismatches.is_empty(), "token ids differ:\n{}", mismatches.join("\n"));
}

#[test]
fn embeddings_match_the_reference() {
    let enc = encoder();
    let mut worst = (1.0_f32, String::new());
    for s in fixture().sentences {
        let ours = enc.embed(&s.text);
        assert_unit_vector(&ours, &s.text);
        let cos = cosine(&ours, &s.embedding);
        if cos < worst.0 {
            worst = (cos, s.text);
        }
    }
    assert!(worst.0 >= MIN_COSINE, "cosine {} < {MIN_COSINE} on {:?}", worst.0, worst.1);
}

#[test]
fn embedding_is_deterministic() {
    let enc = encoder();
    for text in ["I can't go on, tonight I end it", "אני לא יכול יותר", "Мне очень плохо"] {
        let (a, b) = (enc.embed(text), enc.embed(text));
        assert!(a.iter().zip(&b).all(|(x, y)| x.to_bits() == y.to_bits()), "{text:?} differs between runs");
    }
}

#[test]
fn junk_input_gives_a_unit_vector() {
    let enc = encoder();
    let junk = [
        String::new(),
        " \t\n\r ".to_string(),
        "\0\0\0".to_string(),
        (0u8..32).map(char::from).collect(),
        "\u{7f}\u{200b}\u{feff}\u{202e}".to_string(),
        "😀".repeat(500),
        "a".repeat(100_000),
        "ab ".repeat(40_000),
        (0..30_000).map(|i| char::from_u32(0x600 + i % 0x900).unwrap_or('?')).collect(),
    ];
    for text in &junk {
        let what = format!("{:?}…", text.chars().take(12).collect::<String>());
        assert_unit_vector(&enc.embed(text), &what);
        let ids = enc.token_ids(text);
        assert!(ids.len() <= MAX_PIECES + 2, "{what}: {} ids", ids.len());
    }
}

#[test]
fn missing_dir_is_an_error_naming_the_file() {
    let dir = std::env::temp_dir().join("calme-semantic-test-no-such-dir");
    let err = Encoder::load(&dir).err().expect("loading a missing dir fails");
    assert!(err.to_string().contains("vocab.json"), "{err}");
}

#[test]
fn truncated_weights_is_an_error_naming_the_file() {
    let src = model_dir();
    encoder();
    let dir = std::env::temp_dir().join(format!("calme-semantic-test-truncated-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for name in ["vocab.json", "charsmap.bin", "weights.json"] {
        std::fs::copy(src.join(name), dir.join(name)).expect("copy model file");
    }
    let weights = std::fs::read(src.join("weights.bin")).expect("read weights.bin");
    std::fs::write(dir.join("weights.bin"), &weights[..weights.len() / 3]).expect("write truncated copy");
    let result = Encoder::load(&dir);
    std::fs::remove_dir_all(&dir).ok();
    let err = result.err().expect("loading truncated weights fails");
    assert!(err.to_string().contains("weights.bin"), "{err}");
}

/// The packaged head (data/semantic_head.json) on the Rust encoder scores its parity sentences
/// as tools/safety-train/semantic_head.py did with the Python reference, and the second reading
/// would raise a farewell the screen only leans on and no everyday message. (The head judges
/// only messages the screen leans on without escalating; on others its score means nothing.)
#[test]
fn the_semantic_reading_scores_as_it_was_trained() {
    use calme_safety::{Lang, SemanticReading};
    #[derive(Deserialize)]
    struct Check {
        text: String,
        score: f32,
    }
    let head: serde_json::Value = serde_json::from_str(include_str!("../data/semantic_head.json")).unwrap();
    let checks: Vec<Check> = serde_json::from_value(head["checks"].clone()).unwrap();
    let reading = SemanticReading::load(&model_dir()).unwrap_or_else(|e| panic!("{e}"));
    for c in &checks {
        let p = reading.score(&c.text);
        assert!((p - c.score).abs() < 1e-3, "{}: {p} vs {} from the reference", c.text, c.score);
    }
    let raised = |text: &str| reading.score(text) >= reading.threshold(Lang::En);
    let farewell = "you're the last person on my list. I wanted to say thanks before I go";
    let s = calme_safety::screen(farewell);
    assert!(!s.label.escalates() && s.concern.is_some(), "the screen must lean on it: {s:?}");
    assert!(raised(farewell));
    for everyday in [
        "can you remind me what time the pharmacy closes on friday?",
        "the siren stopped, we're in the shelter, kids are fine",
        "this traffic is killing me lol",
        "I finally gave my old guitar to my brother, he's been asking for years",
    ] {
        assert!(!raised(everyday), "{everyday}");
    }
}
