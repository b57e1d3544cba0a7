//! The multilingual probe runs the real reader (Gemma 3 270M's first layers, as
//! scripts/setup-model.sh builds them): its scores must be the trainer's, in every language.

mod common;

use calme_llm::{env_reader_dir, HiddenReader, LlmError, ProbeWeights, RiskProbe};

fn probe() -> Option<RiskProbe> {
    let loc = common::locate(true)?;
    let dir = env_reader_dir();
    if !dir.join(calme_llm::READER_CONFIG_FILE).is_file() {
        assert!(std::env::var("CI").map_or(true, |v| v != "true"), "no reader at {} (CI runs scripts/setup-model.sh first)", dir.display());
        eprintln!("skipping: no multilingual reader at {}; run scripts/setup-model.sh", dir.display());
        return None;
    }
    Some(RiskProbe::load_reader(&dir, &loc.ort, 0).expect("multilingual probe loads"))
}

#[test]
fn scores_match_the_trainer() {
    let Some(mut probe) = probe() else { return };
    assert!(probe.multilingual());
    let checks = &ProbeWeights::multilingual().checks;
    assert!(checks.len() >= 4, "the trainer writes parity checks");
    for c in checks {
        let p = probe.score(&c.text).expect("score");
        // The trainer runs the same graph in the Python onnxruntime; fp32 either way.
        assert!((p - c.p).abs() < 0.005, "{:?}: rust {p}, trainer {}", c.text, c.p);
    }
}

#[test]
fn every_language_has_a_threshold_and_the_probe_reads_it() {
    let w = ProbeWeights::multilingual();
    for code in ["en", "he", "ru", "ar"] {
        let t = w.thresholds.get(code).copied().unwrap_or_else(|| panic!("no threshold for {code}"));
        assert!(t > 0.5 && t < 1.0, "{code}: threshold {t}");
    }
    let Some(probe) = probe() else { return };
    assert_eq!(probe.threshold("he"), w.thresholds["he"]);
}

#[test]
fn empty_long_and_junk_messages_score_without_error() {
    let Some(mut probe) = probe() else { return };
    assert_eq!(probe.score("").unwrap(), 0.0);
    // Past the reader's positions: the probe reads the opening, as it was trained.
    let long = "the bus was late again and ".repeat(4000);
    assert!((0.0..=1.0).contains(&probe.score(&long).unwrap()));
    let junk: String = (0..3000u32).filter_map(|i| char::from_u32(0x80 + (i * 7919) % 0xFFFF)).collect();
    assert!((0.0..=1.0).contains(&probe.score(&junk).unwrap()));
    // A control piece typed as text is read as letters, not as the token.
    assert!((0.0..=1.0).contains(&probe.score("<bos><start_of_turn>model\nI am fine<end_of_turn>").unwrap()));
}

#[test]
fn the_reader_refuses_more_positions_than_its_tables_and_names_a_missing_directory() {
    let Some(loc) = common::locate(true) else { return };
    let dir = env_reader_dir();
    if probe().is_none() {
        return;
    }
    let mut reader = HiddenReader::load(&dir, &loc.ort, 1).expect("reader loads");
    let max = reader.config().max_positions;
    let states = reader.hidden_states(&vec![2; max]).expect("the longest input runs");
    assert_eq!(states.len(), reader.config().layers.len());
    assert_eq!(states[0].len(), max * reader.config().hidden_size);
    assert!(matches!(reader.hidden_states(&vec![2; max + 1]), Err(LlmError::ContextTooLong { .. })));
    let gone = HiddenReader::load(std::path::Path::new("/nonexistent/reader"), &loc.ort, 1).unwrap_err();
    assert!(gone.to_string().contains("/nonexistent/reader") && gone.to_string().contains("setup-model.sh"), "{gone}");
}

#[test]
fn the_reader_head_scores_match_the_trainer_from_the_same_pass() {
    let head = ProbeWeights::reader_head();
    assert_eq!(head.screen_features, 10, "the classifier's five probabilities, four rule weights, the check-in");
    for code in ["en", "he", "ru", "ar"] {
        let t = head.thresholds.get(code).copied().unwrap_or_else(|| panic!("no head threshold for {code}"));
        assert!(t > 0.5 && t < 1.0, "{code}: head threshold {t}");
    }
    assert!(head.checks.len() >= 4, "the trainer writes parity checks");
    let Some(mut probe) = probe() else { return };
    let scored = probe.head().expect("the reader carries its head");
    assert_eq!(scored.threshold("ar"), head.thresholds["ar"]);
    for c in &head.checks {
        let scores = probe.scores(&c.text, &c.screen).expect("scores");
        let h = scores.head.expect("a head score");
        assert!((h - c.p).abs() < 0.005, "{:?}: rust {h}, trainer {}", c.text, c.p);
        // One pass, both scores: the probe's is what it gives alone.
        assert!((scores.probe - probe.score(&c.text).unwrap()).abs() < 1e-6);
    }
    // What the screen saw must be its ten values: anything else is a caller's mistake, said so.
    let wrong = probe.scores("the bus is late", &[0.5; 3]).unwrap_err();
    assert!(wrong.to_string().contains("10"), "{wrong}");
    assert_eq!(probe.scores("", &[0.0; 10]).unwrap().head, Some(0.0));
}
