//! The risk probe runs the real model: its scores must be the trainer's, and it must tell a
//! message of risk from an everyday one it has never seen.

mod common;

use calme_llm::{ProbeWeights, RiskProbe};

fn probe() -> Option<RiskProbe> {
    let loc = common::locate(true)?;
    Some(RiskProbe::load(&loc.model_dir, &loc.ort, 0).expect("risk probe loads"))
}

#[test]
fn scores_match_the_trainer() {
    let Some(mut probe) = probe() else { return };
    let checks = &ProbeWeights::shipped().checks;
    assert!(checks.len() >= 4, "the trainer writes parity checks");
    for c in checks {
        let p = probe.score(&c.text).expect("score");
        // The trainer's graph uses ONNX Runtime's contrib kernels, the product CALMe's own:
        // both compute in fp32 from the same quantized weights.
        assert!((p - c.p).abs() < 0.02, "{:?}: rust {p}, trainer {}", c.text, c.p);
    }
}

#[test]
fn ranks_a_goodbye_above_its_everyday_twin() {
    let Some(mut probe) = probe() else { return };
    let t = probe.threshold("en");
    // Written for this test, not in the training data. The probe alone is not a screen:
    // it also scored "I wrote thank-you letters to each of my kids' teachers" 0.98, which is
    // why CALMe asks it only about messages the screen already leans on (src/reread.rs).
    let risk = probe.score("I gave my guitar and my cat to my brother today, I won't be needing them where I'm going").unwrap();
    let twin = probe.score("I gave my old guitar to my nephew today, he's starting lessons next week").unwrap();
    assert!(risk >= t && twin < t, "risk {risk}, twin {twin}, threshold {t}");
    for text in ["can you help me write a birthday card for my grandmother?", "we're in the shelter now, the kids are playing cards"] {
        let p = probe.score(text).unwrap();
        assert!(p < t, "{text:?}: {p} >= {t}");
    }
}

#[test]
fn empty_long_and_junk_messages_score_without_error() {
    let Some(mut probe) = probe() else { return };
    assert_eq!(probe.score("").unwrap(), 0.0);
    let long = "the bus was late again and ".repeat(4000);
    let p = probe.score(&long).unwrap();
    assert!((0.0..=1.0).contains(&p));
    let junk: String = (0..3000u32).filter_map(|i| char::from_u32(0x80 + (i * 7919) % 0xFFFF)).collect();
    assert!((0.0..=1.0).contains(&probe.score(&junk).unwrap()));
}

#[test]
fn every_language_has_its_own_threshold() {
    let w = ProbeWeights::shipped();
    for code in ["en", "he", "ru", "ar"] {
        let t = w.thresholds.get(code).copied().unwrap_or_else(|| panic!("no threshold for {code}"));
        assert!(t > 0.5 && t < 1.0, "{code}: threshold {t}");
    }
    let Some(probe) = probe() else { return };
    assert_eq!(probe.threshold("ru"), w.thresholds["ru"]);
    assert_eq!(probe.threshold("fr"), w.threshold, "a language without its own takes the shared threshold");
}
