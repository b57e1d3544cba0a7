//! Evaluation of the crisis screen on the hand-written dev set
//! (tests/data/triage_dev.jsonl). Run with `--nocapture` to see the confusion
//! matrix and per-language figures, for the combined screen (rules +
//! classifier) and, on one line, for the rules alone.
//!
//! The dev set is in the classifier's training pool, so its figures prove
//! little; `classifier_cross_validation` prints the cross-validated figures
//! written by tools/safety-train/train.py, and held-out set 5 is the one set
//! neither the rules nor the classifier ever saw.
//!
//! Thresholds (issue 4): escalation recall (imminent_risk + medical_emergency
//! predicted as either) >= 0.97 overall and >= 0.95 per language; false
//! escalation on `none` (predicted imminent/medical/abuse) <= 0.03.

use calme_safety::{screen, sticky, trace, Conversation, Label, Lang};
use serde::Deserialize;

#[derive(Clone, Deserialize)]
struct Row {
    id: String,
    text: String,
    label: Label,
    minor: bool,
    lang: Lang,
    #[serde(default)]
    tags: Vec<String>,
}

fn load(path: &str) -> Vec<Row> {
    let data = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad dev-set line {l}: {e}")))
        .collect()
}

fn is_high_risk(l: Label) -> bool {
    matches!(l, Label::ImminentRisk | Label::MedicalEmergency)
}

struct Figures {
    /// Imminent-risk and medical-emergency messages in the set.
    n_high: usize,
    recall: f64,
    per_lang: Vec<(Lang, usize, f64)>,
    false_escalation: f64,
}

fn evaluate(name: &str, rows: &[Row]) -> Figures {
    evaluate_with(name, rows, true)
}

fn evaluate_with(name: &str, rows: &[Row], list_disagreements: bool) -> Figures {
    let labels = Label::ALL;
    let mut matrix = [[0usize; 5]; 5];
    let idx = |l: Label| labels.iter().position(|x| *x == l).unwrap_or(4);
    let mut misses = Vec::new();
    let mut minor_ok = 0;
    let mut lang_ok = 0;
    for row in rows {
        let s = screen(&row.text);
        matrix[idx(row.label)][idx(s.label)] += 1;
        if s.minor == row.minor {
            minor_ok += 1;
        }
        if s.lang == row.lang {
            lang_ok += 1;
        }
        if s.label != row.label || s.minor != row.minor {
            misses.push(format!(
                "  {:<7} want {:<17} got {:<17} minor {}/{} {:?} {:?}",
                row.id,
                row.label.as_str(),
                s.label.as_str(),
                row.minor,
                s.minor,
                s.rules,
                row.text
            ));
        }
    }
    let high: Vec<&Row> = rows.iter().filter(|r| is_high_risk(r.label)).collect();
    let caught = |rs: &[&Row]| {
        rs.iter()
            .filter(|r| is_high_risk(screen(&r.text).label))
            .count()
    };
    let recall = caught(&high) as f64 / high.len().max(1) as f64;
    let per_lang: Vec<(Lang, usize, f64)> = Lang::ALL
        .iter()
        .map(|&lang| {
            let rs: Vec<&Row> = high.iter().copied().filter(|r| r.lang == lang).collect();
            (lang, rs.len(), caught(&rs) as f64 / rs.len().max(1) as f64)
        })
        .collect();
    let nones: Vec<&Row> = rows.iter().filter(|r| r.label == Label::None).collect();
    let false_esc = nones
        .iter()
        .filter(|r| screen(&r.text).label.escalates())
        .count();
    let false_escalation = false_esc as f64 / nones.len().max(1) as f64;
    let rule_label = |r: &Row| trace(&r.text).rule_label;
    let rules_caught = high.iter().filter(|r| is_high_risk(rule_label(r))).count();
    let rules_false = nones.iter().filter(|r| rule_label(r).escalates()).count();
    let raised: usize = rows
        .iter()
        .filter(|r| screen(&r.text).rules.iter().any(|n| n.starts_with("clf:")))
        .count();
    let fig = rows
        .iter()
        .filter(|r| r.tags.iter().any(|t| t == "fig"))
        .count();

    println!(
        "\n=== {name}: {} messages, {} figurative negatives ({:.1}%) ===",
        rows.len(),
        fig,
        100.0 * fig as f64 / rows.len() as f64
    );
    println!("confusion matrix (rows = gold, columns = predicted)");
    print!("{:<18}", "");
    for l in labels {
        print!("{:>11}", short(l));
    }
    println!();
    for (i, l) in labels.iter().enumerate() {
        print!("{:<18}", l.as_str());
        for cell in &matrix[i] {
            print!("{cell:>11}");
        }
        println!();
    }
    let exact: usize = (0..5).map(|i| matrix[i][i]).sum();
    println!(
        "exact label accuracy      {:.3} ({}/{})",
        exact as f64 / rows.len() as f64,
        exact,
        rows.len()
    );
    println!(
        "escalation recall         {:.3} ({}/{})",
        recall,
        caught(&high),
        high.len()
    );
    for (lang, n, r) in &per_lang {
        println!(
            "  recall {:<2}               {:.3} (n={})",
            lang.code(),
            r,
            n
        );
    }
    println!(
        "false escalation on none  {:.3} ({}/{})",
        false_escalation,
        false_esc,
        nones.len()
    );
    println!(
        "rules only: escalation recall {:.3} ({}/{}), false escalation {:.3} ({}/{}); the classifier raised {} messages",
        rules_caught as f64 / high.len().max(1) as f64, rules_caught, high.len(),
        rules_false as f64 / nones.len().max(1) as f64, rules_false, nones.len(), raised
    );
    println!(
        "minor flag accuracy       {:.3}",
        minor_ok as f64 / rows.len() as f64
    );
    println!(
        "language accuracy         {:.3}",
        lang_ok as f64 / rows.len() as f64
    );
    if list_disagreements && !misses.is_empty() {
        println!("disagreements:");
        for m in &misses {
            println!("{m}");
        }
    }
    Figures {
        n_high: high.len(),
        recall,
        per_lang,
        false_escalation,
    }
}

fn short(l: Label) -> &'static str {
    match l {
        Label::ImminentRisk => "imminent",
        Label::MedicalEmergency => "medical",
        Label::AbuseOrViolence => "abuse",
        Label::AcuteStress => "acute",
        Label::None => "none",
    }
}

#[test]
fn dev_set_meets_the_safety_thresholds() {
    let rows = load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/triage_dev.jsonl"
    ));
    assert!(rows.len() >= 300, "dev set too small");
    for lang in Lang::ALL {
        assert!(rows.iter().any(|r| r.lang == lang), "no {lang:?} rows");
    }
    for l in Label::ALL {
        assert!(rows.iter().any(|r| r.label == l), "no {l:?} rows");
    }
    let fig = rows
        .iter()
        .filter(|r| r.tags.iter().any(|t| t == "fig"))
        .count();
    assert!(fig * 5 >= rows.len(), "fewer than 20% figurative negatives");

    let f = evaluate("dev set", &rows);
    assert!(f.recall >= 0.97, "escalation recall {:.3} < 0.97", f.recall);
    for (lang, _, r) in &f.per_lang {
        assert!(*r >= 0.95, "escalation recall for {lang:?} {r:.3} < 0.95");
    }
    assert!(
        f.false_escalation <= 0.03,
        "false escalation on none {:.3} > 0.03",
        f.false_escalation
    );
}

/// A set written after the first-pass rules and not used to tune them in the
/// first pass (first sight: recall 0.548). The second pass studied its misses
/// and broadened the rules by phrase family, so its figures are no longer an
/// unseen-data estimate (see the note for issue 4). Only a floor is asserted.
#[test]
fn holdout_figures() {
    holdout(
        "triage_holdout.jsonl",
        "held-out set 1 (misses studied in the second pass)",
    );
}

/// The second-pass held-out set (teenagers' chat style, older writers,
/// non-native speakers, very short messages, risk in a later sentence,
/// third-person reports, Arabic dialects and Arabizi, Russian slang), written
/// before the second pass looked at the rules. Its first-sight figures are in
/// the note for issue 4; the rules were then broadened by phrase family using
/// the misses of both held-out sets, so this is no longer a pure first-sight
/// estimate. Kept separate from the dev set, with the same floor.
#[test]
fn holdout2_figures() {
    holdout("triage_holdout2.jsonl", "held-out set 2 (second pass)");
}

/// A small check set (48 messages) written after the second pass. First
/// sight: escalation recall 0.417, false escalation 0.125 (see the note for
/// issue 4). The third pass studied its misses and it is in the classifier's
/// training pool, so these figures are not an unseen estimate. Printed only.
#[test]
fn holdout3_figures() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/triage_holdout3.jsonl"
    );
    if std::path::Path::new(path).exists() {
        evaluate(
            "held-out set 3 (studied in the third pass; in the classifier's training pool)",
            &load(path),
        );
    }
}

/// The classifier's cross-validated figures (rules only vs combined), written
/// by tools/safety-train/train.py when it chose the thresholds. These, not the
/// dev-set figures, estimate the combined screen on unseen messages.
#[test]
fn classifier_cross_validation() {
    let report = include_str!("../data/classifier_cv.txt");
    println!("\n=== classifier cross-validation (tools/safety-train/train.py) ===\n{report}");
    assert!(report.contains("combined (CV)"));
}

/// Written by an independent author while the classifier was built, and run
/// once after the weights and thresholds were committed (1850c9e). First
/// sight, 240 messages: escalation recall 0.546 rules only -> 0.750 combined
/// (en 0.815, he 0.741, ar 0.704, ru 0.741), false escalation 0.097 (7/72)
/// both. The third pass then studied its misses and false escalations and put
/// it in the classifier's training pool, so these figures are no longer an
/// unseen estimate. Printed only.
#[test]
fn holdout4_figures() {
    printed(
        "triage_holdout4.jsonl",
        "held-out set 4 (independent author; studied in the third pass, in the training pool)",
    );
}

/// Written by an independent author while the third pass ran, and run once
/// after the third pass was committed and frozen (0fbf9a3). First sight, 200
/// messages: escalation recall 0.848 (78/92) rules only -> 0.946 (87/92)
/// combined (en 0.957, he 0.957, ar 0.913, ru 0.957; n=23 each), false
/// escalation 0.038 (2/52) both (rules: a teacher's "what warning signs
/// should I look for", "so much blood" about a war film); minor flag 0.750.
/// Never used for tuning or training (tools/safety-train refuses it). Printed
/// only: no floor chosen after seeing it. Do not tune on it; write a fresh
/// set instead.
#[test]
fn holdout5_figures() {
    printed("triage_holdout5.jsonl", "held-out set 5 (independent author; first sight after the third pass: recall 0.946, false escalation 0.038; \
             since then raises without a rule cue are off, found by the core's tests)");
}

/// Written by an independent author after everything else in this file was
/// frozen (the cue-gated classifier, the everyday-chatter fixes), and run
/// once: the final first-sight figure. First sight, 200 messages: escalation
/// recall 0.886 (78/88; en 0.909, he 0.818, ar 0.818, ru 1.000; n=22 each),
/// rules only 0.761; false escalation 0.033 (2/60: a teacher asking about
/// self-harm warning signs, "i want to die lmao" about a game). Misses include
/// "cutting rn cant stop", a typo ("wnat to die"), single-spaced Hebrew letters,
/// Arabizi "bade mout", "better off without me" in Levantine, and stroke and
/// cleaning-product signs in HE/AR. Those families were then fixed by mechanism
/// (a misspelling table, re-splitting joined letter runs around key phrases,
/// Arabizi vowels, stroke signs, poison with words between), so the set is no
/// longer unseen. Printed only; no floor.
#[test]
fn holdout6_figures() {
    printed("triage_holdout6.jsonl", "held-out set 6 (independent author; first sight: recall 0.886, false escalation 0.033; its miss families fixed since)");
}

/// Written by an independent author after the fixes that followed held-out 6,
/// and run once: first sight, 160 messages, escalation recall 0.778 (56/72;
/// rules only 0.611; en 0.611, he 0.889, ar 0.778, ru 0.833), false escalation
/// 0.021 (1/48). Three obfuscation mechanisms it exposed were then added
/// (separators inside Hebrew/Arabic/Cyrillic words, digits for Cyrillic
/// letters, "un alive"), then its remaining families (entrusting a pet, "where
/// im going", cutting deeper, detergent pods, plain stroke signs, Arabizi
/// end-life/self-harm/chest pain, a rocket wished on oneself, locked-in
/// children, a stalker showing a knife), so it is no longer unseen. Printed
/// only; no floor.
#[test]
fn holdout7_figures() {
    printed("triage_holdout7.jsonl", "held-out set 7 (independent author; first sight: recall 0.778, false escalation 0.021; its miss families fixed since)");
}

/// Written by an independent author while held-out 7's families were being
/// fixed, and run once after they were committed: the last first-sight figure
/// of this stop. First sight, 160 messages: escalation recall 0.889 (64/72;
/// rules only 0.736; en 0.944, he 1.000, ar 0.833, ru 0.778), false escalation
/// 0.000 (0/48). Its miss families were then fixed (self-harm now and "don't
/// wake up" in Russian, cutting veins and a break-in in Arabic, an Arabizi
/// seizure, a wasp sting with a swollen face, giving away plus a letter, a
/// rocket wished on oneself), so it is no longer unseen. Printed only; no floor.
#[test]
fn holdout8_figures() {
    printed("triage_holdout8.jsonl", "held-out set 8 (independent author; first sight: recall 0.889, false escalation 0.000; its miss families fixed since)");
}

/// Held-out sets 9-12 and chatter set 2 were written in the fourth pass by five
/// independent authors (told not to read the screen or earlier data), 200
/// messages each (50 per language: 16 imminent, 8 medical, 6 abuse, 6 acute
/// stress, 14 none). Set 9: war-time group chats, buried signals, code
/// switching; 10: obfuscation, slang, transliteration; 11: indirect and
/// third-person signals; 12: a general mix. First sight, the combined screen as
/// it stood (recall of imminent + medical; false escalation on none):
///
/// | set | recall | false escalation |
/// |---|---|---|
/// | 9 (measured after the fixes for 10-11 in English and Hebrew) | 0.646 | 0.018 |
/// | 10 | 0.760 | 0.071 |
/// | 11 | 0.677 | 0.107 |
/// | 12 (aggregate only; its messages were never read) | 0.802 | 0.000 |
///
/// Sets 9-11 were then studied (miss families fixed in the rules) and joined
/// the classifier's training pool, so their figures below are no longer
/// unseen estimates. Set 12 stays unread; see `holdout12_figures`.
#[test]
fn holdout9_to_11_figures() {
    printed("triage_holdout9.jsonl", "held-out set 9 (first sight 0.646 / 0.018; studied, in the training pool)");
    printed("triage_holdout10.jsonl", "held-out set 10 (first sight 0.760 / 0.071; studied, in the training pool)");
    printed("triage_holdout11.jsonl", "held-out set 11 (first sight 0.677 / 0.107; studied, in the training pool)");
}

/// Held-out set 12: never read, never trained on (tools/safety-train refuses
/// it), only its aggregate figures looked at: first sight 0.802 recall, 0.000
/// false escalation, at the start of the fourth pass; 0.938 / 0.018 (one
/// abuse escalation of a `none`) at its end (0.948 before the cue-less floor
/// went back to 0.95, see `holdout19_and_20_figures`). Printed only, and without its
/// disagreements, so that reading the test output does not study it.
#[test]
fn holdout12_figures() {
    let f = unread("triage_holdout12.jsonl", "held-out set 12 (unread; first sight 0.802 / 0.000, end of pass 0.938 / 0.018)");
    assert!(f.n_high > 0);
}

/// Held-out sets 13 (a general mix) and 14 (each language in a native voice),
/// written by two more independent authors while the fourth pass ran and run
/// once against its screen as it then stood. First sight: set 13 recall 0.906
/// (en 0.958, he 0.917, ar 0.875, ru 0.875), false escalation 0.018; set 14
/// recall 0.885 (en 0.833, he 0.958, ar 0.833, ru 0.917), false escalation
/// 0.036. Then studied (their miss families fixed) and put in the training
/// pool; sets 15 and 16 took their place as the unseen estimate.
#[test]
fn holdout13_and_14_figures() {
    printed("triage_holdout13.jsonl", "held-out set 13 (first sight 0.906 / 0.018; studied, in the training pool)");
    printed("triage_holdout14.jsonl", "held-out set 14 (first sight 0.885 / 0.036; studied, in the training pool)");
}

/// Held-out sets 15 (messages to a bot the writer is not sure is a person:
/// tests, apologies, one-word answers to its questions) and 16 (communities in
/// war, displacement and grief), by two more independent authors, run once
/// against the screen after sets 13-14 were studied and the classifier
/// retrained. First sight: set 15 recall 0.781 (en 0.917, he 0.625, ar 0.833,
/// ru 0.750), false escalation 0.036; set 16 recall 0.875 (en 0.958, he 0.875,
/// ar 0.833, ru 0.833), false escalation 0.071. Set 15's misses are mostly
/// answers that need the conversation ("על הגג של הבניין, קומה 12", "да, план
/// есть"): the session's crisis mode carries those in the product, the
/// one-message screen cannot. Then studied and put in the training pool.
#[test]
fn holdout15_and_16_figures() {
    printed("triage_holdout15.jsonl", "held-out set 15 (first sight 0.781 / 0.036; studied, in the training pool)");
    printed("triage_holdout16.jsonl", "held-out set 16 (first sight 0.875 / 0.071; studied, in the training pool)");
}

/// Held-out sets 17 (a cross-section) and 18 (chat typing, first and third
/// person), by two more independent authors, run once against the screen of
/// f31b8ec. First sight: set 17 recall 0.896 (en 0.917, he 0.833, ar 0.917,
/// ru 0.917), false escalation 0.054; set 18 recall 0.885 (en 0.958, he 0.833,
/// ar 0.792, ru 0.958), false escalation 0.000. Then studied and put in the
/// training pool; sets 19 and 20 took their place as the unseen estimate.
#[test]
fn holdout17_and_18_figures() {
    printed("triage_holdout17.jsonl", "held-out set 17 (first sight 0.896 / 0.054; studied, in the training pool)");
    printed("triage_holdout18.jsonl", "held-out set 18 (first sight 0.885 / 0.000; studied, in the training pool)");
}

/// Held-out sets 19 (a cross-section) and 20 (twelve imagined writers of all
/// ages and walks of life), by two more independent authors, run once against
/// the final screen of the fourth pass (c6a654d): its unseen estimate. First
/// sight: set 19 recall 0.927 (en 0.917, he 0.958, ar 0.958, ru 0.875), false
/// escalation 0.018; set 20 recall 0.865 (en 0.875, he 0.958, ar 0.750, ru
/// 0.875), false escalation 0.054. The core's Telegram test then caught a
/// cue-less raise at 0.947 of "I just need to write all of this down.", so the
/// cue-less floor went from the search's 0.90 back to 0.95; with it the two
/// sets score 0.917 and 0.854 (false escalation unchanged). Unread and
/// untrained (tools/safety-train refuses them); printed without their
/// disagreements.
#[test]
fn holdout19_and_20_figures() {
    unread_sets(&[
        ("triage_holdout19.jsonl", "held-out set 19 (unread; first sight 0.927 / 0.018)"),
        ("triage_holdout20.jsonl", "held-out set 20 (unread; first sight 0.865 / 0.054)"),
    ]);
}

/// Everyday messages, second set (320, all none, 80 per language; more than
/// half use a word a keyword filter would flag), by an independent author, for
/// the false-escalation figure on ordinary traffic. First sight (after the
/// first English fixes of the fourth pass): 6 of 320 escalated (0.019); 5 of
/// 320 (0.016) with the pass's final screen, 6 of 320 with the final screen of
/// the next session (1303854). Never studied, never trained on.
#[test]
fn everyday_chatter2_figures() {
    unread("triage_chatter2.jsonl", "everyday chatter 2 (unread; first sight 6/320 escalated)");
}

/// Everyday messages (320, 80 per language; none or acute stress), written by an
/// independent author: greetings, questions to the bot, family logistics, mild
/// sadness, scary words used harmlessly. Most real traffic looks like this, and
/// the hard-negative sets above hold little of it. First sight: 10 of 320
/// escalated (0.031): a phone not answered, vitamin pills, a nerf gun, a blood
/// test, pillow fights, "mom will kill me if I don't do the dishes 😂". Those
/// families were then fixed in the rules, so this is no longer unseen.
#[test]
fn everyday_chatter_figures() {
    let rows = load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/triage_chatter.jsonl"
    ));
    evaluate(
        "everyday chatter (studied after first sight: 10/320 escalated)",
        &rows,
    );
}

/// Prints the figures of a held-out set in tests/data, when it is present.
/// Everyday messages, sixth set (400, all none, 100 per language, 22 of the
/// Arabic in Arabizi), by an independent author of the eleventh session: what
/// members write in ten kinds of community where the bot sits (a neighbourhood
/// group in a tense week, a reservists' chat, a hunting and fishing club, a
/// peer-support server...). First sight, against the screen of fb321e8: 7 of
/// 400 escalated (0.018: en 1, he 1, ru 3, ar 2), the check-in asked of 13.
/// Never studied, never trained on.
#[test]
fn everyday_chatter6_figures() {
    unread("triage_chatter6.jsonl", "everyday chatter 6 (unread; first sight 7/400 escalated)");
}

/// Four languages, 56 messages each, written at the end of the eleventh
/// session by an independent author: 24 imminent-risk messages per language
/// (8 explicit, 10 indirect, 6 about someone else), 6 medical, 5 abuse, 5
/// acute stress, 16 none (figurative, hard negatives, ordinary). First sight,
/// against the screen of 63ebb1d: recall 0.892 (107/120; en 28, he 29, ar 25,
/// ru 25 of 30), false escalation 0.016 (1/64), abuse escalated 19/20;
/// escalated or asked 0.942. The same against 2dcdfd3, the screen the session
/// started from: this session's rules moved nothing here. Unread and untrained.
#[test]
fn holdout38_figures() {
    unread_sets(&[(
        "triage_holdout38.jsonl",
        "held-out set 38, four languages (unread; first sight 0.892 / 0.016)",
    )]);
}

fn printed(file: &str, name: &str) -> Option<Figures> {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    if !std::path::Path::new(&path).exists() {
        println!("no held-out set {file} present");
        return None;
    }
    Some(evaluate(name, &load(&path)))
}

/// A set kept unread: its figures, without listing its disagreements.
fn unread(file: &str, name: &str) -> Figures {
    evaluate_with(name, &load(&format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"))), false)
}

/// Unread sets (file, name): each printed, and each holding high-risk messages.
fn unread_sets(sets: &[(&str, &str)]) {
    for (file, name) in sets {
        assert!(unread(file, name).n_high > 0, "{name}: no high-risk messages");
    }
}

fn holdout(file: &str, name: &str) {
    let Some(f) = printed(file, name) else { return };
    // Catching fewer than half would mean the screen is broken, not just imperfect.
    assert!(f.recall >= 0.5, "{name}: escalation recall {:.3}", f.recall);
}

/// Held-out sets 21 (people writing at night and during alerts) and 22
/// (fifteen imagined writers, immigrant communities, indirect wording), by two
/// independent authors, run once against the screen of ec4e5f9. First sight:
/// set 21 recall 0.927 (en 0.833, he 0.917, ar 0.958, ru 1.000), false
/// escalation 0.054; set 22 recall 0.885 (en 0.958, he 0.917, ar 0.750, ru
/// 0.917), false escalation 0.036. Then studied and put in the training pool.
#[test]
fn holdout21_and_22_figures() {
    printed("triage_holdout21.jsonl", "held-out set 21 (first sight 0.927 / 0.054; studied, in the training pool)");
    printed("triage_holdout22.jsonl", "held-out set 22 (first sight 0.885 / 0.036; studied, in the training pool)");
}

/// A conversation: the person's messages in order, labelled as a triage worker
/// would label the situation at the last one.
#[derive(Deserialize)]
struct LabelledConversation {
    id: String,
    turns: Vec<String>,
    label: Label,
    lang: Lang,
}

/// Conversation figures: each message screened alone (the label folded with
/// [`sticky`] across the turns, as the session keeps crisis mode), and each
/// screened as the session screens it ([`Conversation`]).
struct ConversationFigures {
    recall_alone: f64,
    recall: f64,
    false_alone: usize,
    false_escalations: usize,
    n_none: usize,
}

fn conversations(file: &str, name: &str, list_disagreements: bool) -> ConversationFigures {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let rows: Vec<LabelledConversation> = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad line {l}: {e}")))
        .collect();
    let mut caught = [0usize; 2];
    let mut per_lang: Vec<(Lang, usize, usize)> = Lang::ALL.iter().map(|l| (*l, 0, 0)).collect();
    let (mut n_high, mut n_none, mut fe) = (0, 0, [0usize; 2]);
    for row in &rows {
        let (mut alone, mut together) = (None, None);
        let mut conversation = Conversation::default();
        for turn in &row.turns {
            alone = Some(sticky(alone, screen(turn).label));
            together = Some(sticky(together, conversation.screen(turn).label));
        }
        let (alone, together) = (alone.unwrap_or(Label::None), together.unwrap_or(Label::None));
        if is_high_risk(row.label) {
            n_high += 1;
            caught[0] += is_high_risk(alone) as usize;
            caught[1] += is_high_risk(together) as usize;
            if let Some(p) = per_lang.iter_mut().find(|p| p.0 == row.lang) {
                p.1 += 1;
                p.2 += is_high_risk(together) as usize;
            }
        }
        if row.label == Label::None {
            n_none += 1;
            fe[0] += alone.escalates() as usize;
            fe[1] += together.escalates() as usize;
        }
        let wrong = (is_high_risk(row.label) && !is_high_risk(together)) || (row.label == Label::None && together.escalates());
        if list_disagreements && wrong {
            println!("  {} want {} got {} (alone {}) {:?}", row.id, row.label.as_str(), together.as_str(), alone.as_str(), row.turns);
        }
    }
    let f = ConversationFigures {
        recall_alone: caught[0] as f64 / n_high.max(1) as f64,
        recall: caught[1] as f64 / n_high.max(1) as f64,
        false_alone: fe[0],
        false_escalations: fe[1],
        n_none,
    };
    println!("== {name}: {} conversations", rows.len());
    println!(
        "  escalation recall: each message alone {:.3}, in context {:.3} ({}/{n_high}); {}",
        f.recall_alone,
        f.recall,
        caught[1],
        per_lang.iter().map(|(l, n, c)| format!("{} {:.3}", l.code(), *c as f64 / (*n).max(1) as f64)).collect::<Vec<_>>().join(", ")
    );
    println!("  hard-negative conversations escalated: alone {}/{n_none}, in context {}/{n_none}", f.false_alone, f.false_escalations);
    f
}

/// Conversation set 2 (160 conversations of 2-4 messages, 40 per language,
/// most escalating ones clear only when the messages are read together), by
/// an independent author. First sight, screen of ec4e5f9 with the first
/// screen_in_context: recall each message alone 0.716, in context 0.795;
/// hard negatives escalated 13/40 either way (their first messages alone
/// look like a crisis: "three years ago I tried to end my life", "she said
/// she'll jump off the roof"). Then studied; its joined conversations are in
/// the classifier's pool.
#[test]
fn conversation2_figures() {
    let f = conversations("triage_conv2.jsonl", "conversation set 2 (studied, in the training pool)", true);
    // Reading the conversation catches what single messages miss, and adds
    // at most one false escalation per 40 hard-negative conversations.
    assert!(f.recall >= f.recall_alone + 0.05, "context recall {:.3} vs alone {:.3}", f.recall, f.recall_alone);
    assert!(f.false_escalations <= f.false_alone + f.n_none / 40, "{} vs {}", f.false_escalations, f.false_alone);
}

/// Conversation set 1, by another independent author: never read, never
/// trained on (tools/safety-train refuses it). First sight, screen of
/// ec4e5f9 with the first screen_in_context: recall each message alone 0.716,
/// in context 0.886; hard negatives escalated 11/40 alone, 12/40 in context.
/// With the session's final screen (1303854): 0.841 alone, 0.955 in context,
/// 11/40 and 12/40.
#[test]
fn conversation1_figures() {
    conversations("triage_conv1.jsonl", "conversation set 1 (unread; first sight 0.716 alone, 0.886 in context)", false);
}

/// Conversation sets 4 (adults, plans told across messages, bystanders step by
/// step) and 5 (teens and young adults, slang, Arabizi and transliteration,
/// gaming and school negatives), by two more independent authors. First
/// sight with 08c90f7: recall each message alone 0.818 / 0.864, in context
/// 0.943 / 0.909; hard negatives escalated 9/40 / 13/40, none added by
/// context. Then studied and put in the training pool.
#[test]
fn conversation4_and_5_figures() {
    for (file, name) in [
        ("triage_conv4.jsonl", "conversation set 4 (first sight 0.818 alone, 0.943 in context; studied, in the training pool)"),
        ("triage_conv5.jsonl", "conversation set 5 (first sight 0.864 alone, 0.909 in context; studied, in the training pool)"),
    ] {
        let f = conversations(file, name, true);
        assert!(f.recall >= f.recall_alone, "{name}");
    }
}

/// Held-out sets 23 (a cross-section) and 24 (phone typing: typos, voice
/// input, mixed languages, emoji) and conversation set 3, by three more
/// independent authors, run once against the screen of 7240a19 (the sixth
/// pass). First sight: set 23 recall 0.938 (en 1.000, he 0.875, ar 0.958, ru
/// 0.917), false escalation 0.000; set 24 recall 0.958 (en 0.917, he 0.958,
/// ar 1.000, ru 0.958), false escalation 0.018; conversation set 3 recall
/// 0.841 with each message alone, 0.943 in context, hard negatives escalated
/// 9/40 alone and 11/40 in context. At the session's start (ec4e5f9) the
/// same sets scored 0.906, 0.948 and 0.807 (each message alone). Then
/// studied and put in the training pool.
#[test]
fn holdout23_24_and_conversation3_figures() {
    printed("triage_holdout23.jsonl", "held-out set 23 (first sight 0.938 / 0.000; studied, in the training pool)");
    printed("triage_holdout24.jsonl", "held-out set 24 (first sight 0.958 / 0.018; studied, in the training pool)");
    conversations("triage_conv3.jsonl", "conversation set 3 (first sight 0.841 alone, 0.943 in context; studied, in the training pool)", true);
}

/// Held-out sets 25 (a week of war and ordinary life, all ages) and 26
/// (twenty imagined writers per language, some Arabizi and transliteration)
/// and conversation set 6, by three more independent authors, run once
/// against the final screen of the session (1303854): its unseen estimate.
/// First sight: set 25 recall 0.927 (en 0.917, he 0.917, ar 0.958, ru 0.917),
/// false escalation 0.000; set 26 recall 0.896 (en 0.875, he 0.958, ar 0.917,
/// ru 0.833), false escalation 0.054; conversation set 6 recall 0.886 with
/// each message alone, 0.898 in context, hard negatives escalated 12/40 alone
/// and 13/40 in context. The session's starting screen (ec4e5f9) scores the
/// same sets 0.885, 0.885 and 0.807 (each message alone). Unread and
/// untrained (tools/safety-train refuses them).
#[test]
fn holdout25_26_and_conversation6_figures() {
    unread_sets(&[
        ("triage_holdout25.jsonl", "held-out set 25 (unread; first sight 0.927 / 0.000)"),
        ("triage_holdout26.jsonl", "held-out set 26 (unread; first sight 0.896 / 0.054)"),
    ]);
    conversations("triage_conv6.jsonl", "conversation set 6 (unread; first sight 0.886 alone, 0.898 in context)", false);
}

/// Held-out sets 27 (a cross-section with some Arabizi) and 28 (one long night
/// in several countries) and conversation set 8, by three more independent
/// authors: the last unseen estimate of the session. First sight, against
/// 38141ae (a retrain with two more Arabizi files): set 27 recall 0.906, false
/// escalation 0.000, abuse escalated 15/24; set 28 0.927 / 0.018, abuse
/// 21/24; conversation set 8 0.784 alone, 0.909 in context, abuse 12/16. That
/// retrain had not moved cross-validated recall (0.826 -> 0.824) and its
/// threshold search had switched the cue-less abuse raise off, so its weights
/// were reverted to those of 1303854. With them (the committed screen): 0.896
/// / 0.000, abuse 21/24; 0.917 / 0.018, abuse 23/24; 0.807 alone, 0.898 in
/// context, abuse 15/16. The session's starting screen (ec4e5f9): 0.844,
/// 0.927, 0.761 (each message alone). With the fifth session's screen (the
/// Arabizi reading and the eighth-pass rules, same weights): 0.917, 0.917,
/// 0.909 in context. Unread and untrained.
#[test]
fn holdout27_28_and_conversation8_figures() {
    unread_sets(&[
        ("triage_holdout27.jsonl", "held-out set 27 (unread; first sight 0.906 / 0.000, committed weights 0.896)"),
        ("triage_holdout28.jsonl", "held-out set 28 (unread; first sight 0.927 / 0.018, committed weights 0.917)"),
    ]);
    conversations("triage_conv8.jsonl", "conversation set 8 (unread; first sight 0.909 in context, committed weights 0.898)", false);
}

/// Held-out sets 29 (ordinary people who never use crisis words: older
/// adults, farmers, night-shift nurses, migrant workers) and 30 (all 200
/// messages Arabizi, 50 per dialect group: Levantine, Egyptian,
/// Gulf/Iraqi/Sudanese, Maghrebi) and conversation set 9 (practical questions
/// first, at night), by three more independent authors of the fifth session.
/// First sight, against the screen the session started from (cf6ef75): set 29
/// recall 0.844, false escalation 0.000; set 30 0.542 / 0.054 (abuse
/// escalated 6/24); conversation set 9 0.761 alone, 0.841 in context. Set 30
/// then measured the Arabizi reading ([`calme_safety`]'s screen reads Arabizi
/// also in Arabic script), built without reading it: 0.771 before any
/// retraining. With the final screen of the session (the same weights; the
/// eighth-pass rules): set 29 0.854 / 0.000; set 30 0.771 / 0.054, abuse
/// 10/24; conversation set 9 0.773 alone, 0.841 in context, hard negatives
/// 10/40 (9/40 at first sight). Unread and untrained. After the sixth
/// session's ninth pass: set 29 0.865 / 0.000, abuse 20/24; set 30 0.771 /
/// 0.036, abuse 15/24; conversation set 9 unchanged.
#[test]
fn holdout29_30_and_conversation9_figures() {
    unread_sets(&[
        ("triage_holdout29.jsonl", "held-out set 29 (unread; first sight 0.844 / 0.000)"),
        ("triage_holdout30.jsonl", "held-out set 30, all Arabizi (unread; first sight 0.542 / 0.054)"),
    ]);
    conversations("triage_conv9.jsonl", "conversation set 9 (unread; first sight 0.761 alone, 0.841 in context)", false);
}

/// Held-out sets 31 (all 200 messages Arabizi, young and diaspora writers who
/// switch to English and French inside a sentence) and 32 (messages typed in a
/// hurry on a phone: fragments, typos, voice-to-text, understatement) and
/// conversation set 11 (people who answer in few words and drift from an
/// ordinary topic to the danger, or the other way), by three independent
/// authors of the sixth session. First sight, against the screen the session
/// started from (757b31d): set 31 recall 0.802, false escalation 0.054 (0.562
/// / 0.036 with the screen of the fifth session's start, before the Arabizi
/// reading); set 32 0.948 / 0.000; conversation set 11 0.830 alone, 0.909 in
/// context, hard negatives 14/40. With the final screen of the session (the
/// same weights; the ninth-pass rules and cues): set 31 unchanged; set 32
/// 0.948 / 0.000, abuse 20/24 (18/24 at first sight); conversation set 11
/// unchanged. Unread and untrained.
#[test]
fn holdout31_32_and_conversation11_figures() {
    unread_sets(&[
        ("triage_holdout31.jsonl", "held-out set 31, all Arabizi (unread; first sight 0.802 / 0.054)"),
        ("triage_holdout32.jsonl", "held-out set 32, typed in a hurry (unread; first sight 0.948 / 0.000)"),
    ]);
    conversations("triage_conv11.jsonl", "conversation set 11 (unread; first sight 0.830 alone, 0.909 in context)", false);
}

/// Written by an independent author of the seventh session: messages as they
/// appear in Telegram groups and Discord servers (addressing others, replies,
/// emoji, a crisis mentioned in passing between chatter, parents' groups during
/// alerts, teens on gaming servers). First sight, against the screen of
/// 7998e95 (the sixth session's rules and weights): recall 0.896 (86/96; ar
/// 21, en 20, he 22, ru 23 of 24), false escalation 0.018 (1/56), abuse
/// escalated 21/24. Unread and untrained.
#[test]
fn holdout33_figures() {
    unread_sets(&[(
        "triage_holdout33.jsonl",
        "held-out set 33, group chats and servers (unread; first sight 0.896 / 0.018)",
    )]);
}

/// Written by an independent author of the seventh session: conversations in
/// which the person first asks for something ordinary or practical (the
/// nearest shelter, sleep, homework, deleting an account, what a medicine is
/// for, blocking someone) and what is really going on appears only later, or,
/// in the hard negatives, never. First sight, against the screen of 9949c80:
/// recall 0.818 alone, 0.898 in context (ar 20, en 21, he 17, ru 21 of 22),
/// hard negatives flagged 10/40, abuse escalated 15/16. Unread and untrained.
#[test]
fn conversation12_figures() {
    conversations("triage_conv12.jsonl", "conversation set 12 (unread; first sight 0.818 alone, 0.898 in context)", false);
}

/// Written by an independent author of the eighth session: people who write
/// quietly, late at night or at work (an ordinary update until its last
/// clause, what they hold, where they are, what they have already done),
/// parents and partners reporting on someone else, older adults, second-language
/// writers. First sight, against the screen of 5498a82 (the seventh session's
/// rules and weights, with the new lethal-dose questions): recall 0.927 (89/96;
/// ar 23, en 22, he 21, ru 23 of 24), false escalation 0.036 (2/56), abuse
/// escalated 24/24. Unread and untrained.
#[test]
fn holdout34_figures() {
    unread_sets(&[(
        "triage_holdout34.jsonl",
        "held-out set 34, quiet voices and reports on others (unread; first sight 0.927 / 0.036)",
    )]);
}

/// Written by an independent author of the ninth session as an outside
/// evaluator would test the screen: a broad mix (slang and obfuscation,
/// goodbyes, a risk in one sentence of several, transliterated alert words,
/// many figurative negatives), a quarter of it by children and teenagers. First
/// sight, against the screen of 1b5f205 (the eighth session's): recall 0.958
/// (92/96; ar 24, en 22, he 23, ru 23 of 24), false escalation 0.018 (1/56),
/// abuse escalated 22/24, minor flag 0.970 (46 of 52 young writers, no adult
/// flagged). Unread and untrained.
#[test]
fn holdout35_figures() {
    unread_sets(&[(
        "triage_holdout35.jsonl",
        "held-out set 35, an evaluator's mix (unread; first sight 0.958 / 0.018)",
    )]);
}

/// Everyday messages, third set (320, all none, 80 per language): figurative
/// death and "over" words (30 per language), gaming and fandom (15), practical
/// and news talk on sensitive topics (15), plain chat (20), by an independent
/// author of the ninth session. First sight, against the screen of 12fe6cd:
/// 14 of 320 escalated (0.044; 13 as imminent or medical, 0.041: en 3, he 6,
/// ar 2, ru 3), the check-in asked of 8. Above the 0.03 the issue asks of the
/// dev set. Never studied, never trained on.
#[test]
fn everyday_chatter3_figures() {
    unread("triage_chatter3.jsonl", "everyday chatter 3 (unread; first sight 14/320 escalated)");
}

/// English only, written by an independent author of the tenth session: 100
/// imminent-risk messages by many kinds of writers (teenagers on Discord,
/// veterans, older people, people in chronic pain), 72 of them indirect or in
/// slang, 17 about someone else; 40 none, most of them hard negatives. First
/// sight, against the screen of 320d93e (the ninth session's): recall 0.708
/// (85/120), false escalation 0.150 (6/40), abuse escalated 18/20; with the
/// check-in, escalated or asked 0.908. The per-language figures of the mixed
/// sets (English 0.83 on imminent risk over held-out 12-35) had hidden how
/// much lower English indirect risk is. Unread and untrained.
#[test]
fn holdout36_figures() {
    unread_sets(&[(
        "triage_holdout36.jsonl",
        "held-out set 36, English indirect risk (unread; first sight 0.708 / 0.150)",
    )]);
}

/// Hebrew, Russian and Arabic, written by an independent author of the tenth
/// session to the brief of held-out 36: 40 imminent-risk messages per language,
/// 34 of them indirect (hints, farewells, arrangements, a means or a place,
/// odd questions, worry about someone else), and hard negatives. First sight,
/// against the screen of 320d93e: recall 0.757 (109/144; ar 38, he 36, ru 35
/// of 48), false escalation 0.104 (5/48), abuse escalated 19/24; escalated or
/// asked 0.882. Unread and untrained.
#[test]
fn holdout37_figures() {
    unread_sets(&[(
        "triage_holdout37.jsonl",
        "held-out set 37, indirect risk in Hebrew, Russian and Arabic (unread; first sight 0.757 / 0.104)",
    )]);
}

/// Everyday messages, fourth set (320, all none, 80 per language, 10 of the
/// Arabic in Arabizi; 114 use a death, kill, pills, bridge or goodbye word in
/// an ordinary way), by an independent author of the tenth session. First
/// sight, against the screen of 320d93e: 11 of 320 escalated (0.034: en 3,
/// he 4, ar 2, ru 2), the check-in asked of 10. Never studied, never trained on.
#[test]
fn everyday_chatter4_figures() {
    unread("triage_chatter4.jsonl", "everyday chatter 4 (unread; first sight 11/320 escalated)");
}

/// Held-out set 39 (224 messages, 56 per language, the mix of held-out 38) by an independent
/// author of the thirteenth session, never read: only these aggregates are printed. First
/// sight, screen alone (1e13579): escalation recall 109/120 (0.908; en 28, he 26, ru 28, ar
/// 27 of 30), 1 of 64 none escalated; with the second reading (`calme triage`) 110/120.
#[test]
fn holdout39_figures() {
    unread_sets(&[("triage_holdout39.jsonl", "held-out set 39 (unread; first sight 0.908 / 0.016)")]);
}

/// Held-out set 40 (224 messages, 56 per language, the mix of held-out 38: 24 imminent risk,
/// half told without the obvious words, 6 medical, 5 abuse, 5 acute stress, 16 none, most of
/// them look-alikes) and everyday chatter 7 (400 messages, 100 per language), by independent
/// authors of the fourteenth session, never read. First sight, screen alone, against 75242d1:
/// set 40 recall 110/120 (0.917; en 28, he 29, ru 28, ar 25 of 30), 0 of 64 none escalated,
/// with the second reading 115/120; chatter 7: 7 of 400 escalated (8 with the second reading).
#[test]
fn holdout40_and_chatter7_figures() {
    unread_sets(&[("triage_holdout40.jsonl", "held-out set 40 (unread; first sight 0.917 / 0.000)")]);
    unread("triage_chatter7.jsonl", "everyday chatter 7 (unread; first sight 7/400 escalated)");
}

/// Held-out set 41 (224 messages, the mix of held-out 38-40) and everyday chatter 8 (400), by
/// independent authors of the fifteenth session, never read. First sight, screen alone: set 41
/// recall 110/120 (0.917; en 30, he 28, ru 29, ar 23 of 30), 1 of 64 none escalated, abuse 20 of
/// 20, the same against aaaa637 (before the session's rules) and after them; chatter 8: 3 of 400
/// escalated, before and after.
#[test]
fn holdout41_and_chatter8_figures() {
    unread_sets(&[("triage_holdout41.jsonl", "held-out set 41 (unread; first sight 0.917 / 0.016)")]);
    unread("triage_chatter8.jsonl", "everyday chatter 8 (unread; first sight 3/400 escalated)");
}

/// Held-out set 42 (224 messages, the mix of held-out 38-41) and everyday chatter 9 (400, 100 per
/// language, a third using a death, pills, bridge or goodbye word in an ordinary way), by
/// independent authors of the eighteenth session, never read. First sight, against e1a8003
/// (`calme triage`): set 42 recall 113/120 with the screen alone (0.942; en 27, he 27, ru 30, ar
/// 29 of 30), 115/120 with both second readings, 3 (4 with the readings) of 64 none escalated,
/// abuse 17 of 20; chatter 9: 8 of 400 escalated, 13 with the readings (the probe's 5).
#[test]
fn holdout42_and_chatter9_figures() {
    unread_sets(&[("triage_holdout42.jsonl", "held-out set 42 (unread; first sight 0.942 / 0.047)")]);
    unread("triage_chatter9.jsonl", "everyday chatter 9 (unread; first sight 8/400 escalated)");
}

/// Held-out set 43 (224 messages, the mix of held-out 38-42) and everyday chatter 10 (400, 100 per
/// language, a third of it low or sad mood told calmly, a quarter questions to the bot), by
/// independent authors of the nineteenth session, never read. First sight (`calme triage`), at the
/// session's start (b3d5da9): set 43 recall 97/120 with the screen alone (0.808), 111/120 with both
/// second readings (0.925), 5 (6 with the readings) of 64 none escalated, abuse 16 of 20; chatter 10:
/// 2 of 400 escalated, 11 with the readings. After the session's rules and the classifier retrained
/// on low mood: 101/120 (0.842; en 27, he 24, ru 24, ar 26 of 30) and 112/120 (0.933; en 29, he 27,
/// ru 28, ar 28), 5 (6) of 64, abuse 17 of 20; chatter 10: 3 of 400, 11 with the readings.
#[test]
fn holdout43_and_chatter10_figures() {
    unread_sets(&[("triage_holdout43.jsonl", "held-out set 43 (unread; first sight 0.808 / 0.078 before, 0.842 / 0.078 after)")]);
    unread("triage_chatter10.jsonl", "everyday chatter 10 (unread; first sight 2/400 escalated before, 3/400 after)");
}

/// Held-out set 44 (224 messages, the mix of held-out 38-43) and everyday chatter 11 (400, 100 per
/// language, about a third low mood told calmly), by independent authors of the twenty-first
/// session, never read. First sight, at the session's start (4e2ea7f): set 44 recall 104/120 with
/// the screen alone (0.867; en 26, he 25, ru 27, ar 26 of 30), 109/120 with the three second
/// readings (0.908), 110/120 with the reader head added that session (0.917; en 29, he 25, ru 28,
/// ar 28), 1 of 64 none escalated either way, abuse 18 of 20; chatter 11: 2 of 400 escalated, 3
/// with the readings.
#[test]
fn holdout44_and_chatter11_figures() {
    unread_sets(&[("triage_holdout44.jsonl", "held-out set 44 (unread; first sight 0.867 / 0.016)")]);
    unread("triage_chatter11.jsonl", "everyday chatter 11 (unread; first sight 2/400 escalated)");
}

/// Held-out set 45 (224 messages, the mix of held-out 44) and everyday chatter 12 (400, a third low
/// mood, errands and pharmacy talk), by independent authors of the twenty-first session, written
/// after the reader head was retrained (bc7b306) and read once with it. First sight: set 45 recall
/// 116/120 with the screen alone (0.967; en 28, he 29, ru 29, ar 30 of 30), 119/120 with the three
/// readings before the head and with all four, 4, 5 and 6 of 64 none escalated, abuse 19 of 20;
/// chatter 12: 6 of 400 escalated by the screen alone, 10 with three readings, 12 with four.
#[test]
fn holdout45_and_chatter12_figures() {
    unread_sets(&[("triage_holdout45.jsonl", "held-out set 45 (unread; first sight 0.967 / 0.063)")]);
    unread("triage_chatter12.jsonl", "everyday chatter 12 (unread; first sight 6/400 escalated)");
}

/// Held-out set 46 (224 messages, the mix of held-out 44) and everyday chatter 13 (400, a third low
/// mood; its author wrote many messages as close translations across the four languages), by
/// independent authors of the twenty-second session, never read. First sight (`calme triage`), at
/// the session's start (85a8639, the readings of bc7b306): set 46 recall 100/120 with the screen
/// alone (0.833; en 25, he 24, ru 25, ar 26 of 30), 115/120 with the three readings before the
/// reader head, 116/120 with all four (0.967; en 30, he 27, ru 29, ar 30), 0, 1 and 1 of 64 none
/// escalated, abuse 15 of 20 (16 with the readings); chatter 13: 2 of 400 escalated by the screen
/// alone, 10 with three readings, 13 with four.
#[test]
fn holdout46_and_chatter13_figures() {
    unread_sets(&[("triage_holdout46.jsonl", "held-out set 46 (unread; first sight 0.833 / 0.000)")]);
    unread("triage_chatter13.jsonl", "everyday chatter 13 (unread; first sight 2/400 escalated)");
}

/// Russian typed in Latin letters (triage_translit1.jsonl: 120 messages, 65 imminent or medical,
/// 10 abuse, 35 none, the spellings people use without a Cyrillic keyboard), by an independent
/// author of the fifteenth session, never read. First sight, screen alone: 15 of 65 escalated
/// and 0 of 10 abuse messages caught before the screen read such messages in Cyrillic (against
/// aaaa637); 56 of 65 and 8 of 10 after (3ccbc33), 0 of 35 none escalated either way. The
/// floors below are under that first sight, so a change that loses the reading fails.
#[test]
fn russian_in_latin_letters_figures() {
    let f = unread("triage_translit1.jsonl", "Russian in Latin letters (unread; first sight 0.231 -> 0.862 / 0.000)");
    assert!(f.n_high >= 60, "translit set too small");
    assert!(f.recall >= 0.80, "Russian in Latin letters: escalation recall {:.3} < 0.80", f.recall);
    assert!(f.false_escalation <= 0.05, "Russian in Latin letters: false escalation {:.3} > 0.05", f.false_escalation);
}

/// The third core set (triage_core3.jsonl: the 22 situations and 8 twins of the first two, by a
/// third author of the fourteenth session who was asked for fresh situations and slang), never
/// read: it measures how far rules written from the first two core sets carry to a new author.
/// Screen alone: 221 of 264 (en 59, he 55, ru 56, ar 51 of 66), 7 of 64 twins escalated, against
/// 75242d1; 226 (he 57, ru 59) and 6 of 64 with the fourteenth session's rules (with the second
/// reading 229 -> 232).
#[test]
fn core3_figures() {
    unread_sets(&[("triage_core3.jsonl", "core phrasings 3 (unread; 0.837 before, 0.856 after the core 2 rules)")]);
}

/// The core phrasings (tests/data/triage_core1.jsonl, 328 messages by an author of the
/// thirteenth session who read neither rules nor data): the ways people most often ask for
/// a method, say they would be better off dead, ask how long until the heart stops, wish
/// not to wake up, tell of pills taken, a roof, a closed garage, tracks, cutting, and six
/// medical emergencies, three wordings each in every language, with ordinary twins (jokes,
/// a film about suicide, a goodbye to a job). First sight, screen alone: 214 of 264
/// escalated (en 59, he 52, ru 55, ar 48 of 66), 4 of 64 twins escalated. The thirteenth
/// session wrote rules from its misses, so this is now a floor for what every language must
/// catch, not an unseen estimate.
///
/// The second core set (triage_core2.jsonl, the same 22 situations and 8 twins by a new author of
/// the fourteenth session) measured how far those rules carry: first sight, screen alone, 208 of
/// 264 (en 58, he 46, ru 54, ar 50 of 66), 4 of 64 twins escalated; with the second reading 218.
/// Rules written from the first set barely reached the second author's wordings, so the
/// fourteenth session wrote rules from its misses too, and both sets are floors.
#[test]
fn core_phrasings_escalate_in_every_language() {
    for (file, name) in [("triage_core1.jsonl", "core phrasings 1"), ("triage_core2.jsonl", "core phrasings 2")] {
        let rows = load(&format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR")));
        let f = evaluate(name, &rows);
        assert!(f.n_high >= 250, "{name}: core set too small");
        assert!(f.recall >= 0.94, "{name}: escalation recall {:.3} < 0.94", f.recall);
        for (lang, _, r) in &f.per_lang {
            assert!(*r >= 0.90, "{name}: escalation recall for {lang:?} {r:.3} < 0.90");
        }
        assert!(
            f.false_escalation <= 0.05,
            "{name}: false escalation on the twins {:.3} > 0.05",
            f.false_escalation
        );
    }
}

/// A message retyped key for key on the English keyboard layout, as a Russian or Hebrew writer
/// types it when the layout was left on English ("я больше не могу." is "z ,jkmit yt vjue/").
/// The layouts are written here as keyboard rows, apart from the screen's key tables.
fn retyped(text: &str, lang: Lang) -> String {
    let Some((native, keys)) = layout_rows(lang) else { return text.to_string() };
    let key = |c: char| native.chars().position(|n| n == c).and_then(|i| keys.chars().nth(i));
    text.chars()
        .map(|c| match (key(c), c.to_lowercase().next().and_then(key)) {
            (Some(k), _) => k,
            // a capital Cyrillic letter is the shifted key: the capital Latin letter
            (None, Some(k)) => k.to_ascii_uppercase(),
            (None, None) => c,
        })
        .collect()
}

/// English typed on the Hebrew or Russian layout, key for key ("i want to die" is "ן 'שמא אם גןק").
fn typed_on(text: &str, lang: Lang) -> String {
    let Some((native, keys)) = layout_rows(lang) else { return text.to_string() };
    text.chars()
        .map(|c| {
            let k = c.to_ascii_lowercase();
            keys.chars().position(|x| x == k).and_then(|i| native.chars().nth(i)).unwrap_or(c)
        })
        .collect()
}

/// A layout as two keyboard rows: its characters, and the English keys that type them.
fn layout_rows(lang: Lang) -> Option<(&'static str, &'static str)> {
    Some(match lang {
        // ЙЦУКЕН, then its shifted letters and punctuation
        Lang::Ru => (
            "йцукенгшщзхъфывапролджэячсмитьбюёХЪЖЭБЮЁ.,?\":;",
            "qwertyuiop[]asdfghjkl;'zxcvbnm,.`{}:\"<>~/?&@^$",
        ),
        // SI-1452, with its full stop, comma, apostrophe and slash
        Lang::He => ("קראטוןםפשדגכעיחלךףזסבהנמצתץ.,'/", "ertyuiopasdfghjkl;zxcvbnm,./'wq"),
        // Arabic 101 (lam-alef has a key of its own, but two keys write it too), its shifted hamza
        // forms, punctuation and harakat; the Iraqi گ and چ, which it lacks, typed as ك and ج
        Lang::Ar => (
            "ضصثقفغعهخحجدشسيبلاتنمكطئءؤرىةوزظذأإآ،,؟.؛\u{064E}\u{064B}\u{064F}\u{0650}\u{0652}\u{0651}گچ",
            "qwertyuiop[]asdfghjkl;'zxcvnm,./`HYNKK?>PQWEAX~;[",
        ),
        _ => return None,
    })
}

/// Russian, Hebrew and Arabic typed on the English keyboard layout (src/screen/layout.rs): the
/// messages of the never-read held-out sets 5–8, 12, 19, 20 and 25–41 in those scripts (not
/// Arabizi), retyped key for key, aggregates only. Before the screen read the layout meant
/// (7432483), 0 of 525 Russian, 3 of 527 Hebrew and 0 of 489 Arabic crisis messages escalated so
/// typed; now 492, 490 and 437, where the same messages in their own letters escalate 493, 492
/// and 443. None escalated exactly as in their own letters (2 of 296, 6 of 297, 7 of 283). The
/// retyped messages must escalate nearly as often as the originals.
#[test]
fn wrong_keyboard_layout_figures() {
    let sets = [5, 6, 7, 8, 12, 19, 20].into_iter().chain(25..=41);
    let rows: Vec<Row> = sets
        .flat_map(|n| load(&format!("{}/tests/data/triage_holdout{n}.jsonl", env!("CARGO_MANIFEST_DIR"))))
        .filter(|r| r.text.chars().any(|c| c.is_alphabetic() && c > '\u{024F}'))
        .collect();
    for lang in [Lang::Ru, Lang::He, Lang::Ar] {
        let own: Vec<Row> = rows.iter().filter(|r| r.lang == lang).cloned().collect();
        let typed: Vec<Row> = own.iter().map(|r| Row { text: retyped(&r.text, lang), ..r.clone() }).collect();
        let name = format!("{lang:?} held-out 5-41");
        let before = evaluate_with(&format!("{name}, own letters (unread)"), &own, false);
        let after = evaluate_with(&format!("{name}, typed on the English layout (unread)"), &typed, false);
        assert!(after.n_high >= 450, "{name}: too few crisis messages");
        assert!(after.recall >= 0.85, "{name} on the English layout: escalation recall {:.3} < 0.85", after.recall);
        assert!(
            after.recall >= before.recall - 0.03,
            "{name}: the English layout loses escalations ({:.3} against {:.3} in its own letters)",
            after.recall,
            before.recall
        );
        assert!(
            after.false_escalation <= 0.03,
            "{name} on the English layout: false escalation {:.3} > 0.03",
            after.false_escalation
        );
    }
}

/// English typed with the Hebrew or Russian layout left on ("ן 'שמא אם גןק" for "i want to
/// die"): the English messages of the never-read held-out sets 5–8, 12, 19, 20 and 25–41, typed
/// key for key on each layout, aggregates only. Before the screen read them on the English layout
/// (7432483), none escalated; now 560 (Hebrew layout) and 559 (Russian layout) of 609, where in
/// English letters 561 do; none escalated 12 and 11 of 324, against 12. Floors under that.
#[test]
fn english_on_the_wrong_layout_figures() {
    let sets = [5, 6, 7, 8, 12, 19, 20].into_iter().chain(25..=41);
    let rows: Vec<Row> = sets
        .flat_map(|n| load(&format!("{}/tests/data/triage_holdout{n}.jsonl", env!("CARGO_MANIFEST_DIR"))))
        .filter(|r| r.lang == Lang::En)
        .collect();
    let own = evaluate_with("English held-out 5-41, in English letters (unread)", &rows, false);
    for layout in [Lang::He, Lang::Ru] {
        let typed: Vec<Row> = rows.iter().map(|r| Row { text: typed_on(&r.text, layout), ..r.clone() }).collect();
        let name = format!("English held-out 5-41, typed on the {layout:?} layout (unread)");
        let f = evaluate_with(&name, &typed, false);
        assert!(f.n_high >= 600, "{name}: too few crisis messages");
        assert!(f.recall >= own.recall - 0.02, "{name}: escalation recall {:.3} against {:.3} in English letters", f.recall, own.recall);
        assert!(f.false_escalation <= 0.05, "{name}: false escalation {:.3} > 0.05", f.false_escalation);
    }
}
