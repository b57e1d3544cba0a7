//! The crisis screen: deterministic, offline classification of one message
//! into one of five labels, plus a `minor` flag and the detected language.
//!
//! Pipeline: normalise ([`normalize`]; a message in Arabizi is also read in
//! Arabic script through a lexicon, [`arabizi`], and both readings are
//! screened as one text), run the curated multilingual rules
//! ([`rules`], lexicons per language), add weights per label, and pick the most
//! severe label that reached the threshold. Then a packaged linear classifier
//! ([`classifier`], data/classifier.bin, trained by tools/safety-train) may
//! raise a message the rules did not escalate; it never lowers a rule's
//! label. Every rule that fired, and any raise ("clf:<label>:<p>"), is
//! reported in [`Screening::rules`] so a decision can be explained in logs.

mod arabizi;
mod classifier;
mod context;
mod fuzzy;
mod layout;
mod lex_ar;
mod lex_en;
mod lex_he;
mod lex_ru;
mod minor;
pub(crate) mod normalize;
mod rules;
mod translit_ru;

pub use context::{screen_in_context, Conversation, CONTEXT_CHARS, CONTEXT_MESSAGES, CONTEXT_WINDOW};
use crate::types::{Label, Lang, Screening};
use regex::Regex;
use rules::{compile_pattern, pattern_source, Ctx, Rule};
use std::sync::LazyLock;

/// Score a label needs to be chosen (a strong rule, or two weak cues).
const THRESHOLD: u8 = 2;
/// Words (tokens with two or more letters) a message needs before the
/// classifier may raise it without any rule cue: "m3", "s3 m3" or a ticket
/// number carry no words of risk, whatever their character n-grams score.
const MIN_WORDS_ALONE: usize = 3;
/// Words a message needs before a rule cue lets the classifier raise it: a
/// lone code such as "t47" can read as Arabizi ("ta7", fell) and trip a cue.
const MIN_WORDS_CUE: usize = 1;
/// Rules per [`regex::RegexSet`]: one set scans the message once for all its
/// rules, but the automaton of a large set grows with every new message shape
/// (a message unlike any before cost ~1 ms with one set per script). With
/// ~340 Latin-script rules, sets of 32 scan a message 11 times instead of 15:
/// warm 53 µs a message against 76 µs with 24, and lower first-sight p99.
const SET_CHUNK: usize = 32;

/// A [`regex::RegexSet`] of rules, with the indices of its rules in `Engine::rules`.
type RuleSet = (Vec<usize>, regex::RegexSet);

struct Engine {
    rules: Vec<Rule>,
    /// The rules per script (only the scripts present in a message run), in
    /// sets of [`SET_CHUNK`]: one scan of a set finds which of its rules match
    /// somewhere, and only those run on their own. Each set with the indices
    /// of its rules in `rules`.
    by_script: [(Script, Vec<RuleSet>); 4],
    /// Informational/fictional and "continuing" contexts, per script.
    info: [(Script, Regex); 4],
    continuing: [(Script, Regex); 4],
    /// Finality ("won't be here tomorrow", "after tonight"): a future that
    /// ends, so it does not count as "continuing".
    finality: [(Script, Regex); 4],
    /// A past attempt told as over.
    past: [(Script, Regex); 4],
    /// A present attempt or intent beside it, which the past frame does not cover, and the
    /// "again" of recovery taken out before reading it.
    relapse: [(Script, Regex); 4],
    well_again: [(Script, Regex); 4],
    /// An everyday errand at a high place ("on the roof waiting for the technician").
    errand: [(Script, Regex); 4],
    /// An intent to jump or let go, which no errand there explains.
    leap: [(Script, Regex); 4],
    /// An ordinary thing the writer wants to end ("I want this exam to be over").
    ordinary_end: [(Script, Regex); 4],
    /// Jokey hyperbole: a laugh marker (or a laughing/facepalm emoji in the
    /// raw text) together with a trivial cause, in any of the languages.
    laugh: Regex,
    trivial: Regex,
    earnest: Regex,
    /// "asking for real, not for a story": cancels the informational frame.
    disclaim: Regex,
}

static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let defs = lex_en::RULES
        .iter()
        .chain(lex_he::RULES)
        .chain(lex_ar::RULES)
        .chain(lex_ru::RULES);
    // one alternation per context, each language with its own prefixes
    let join = |parts: &[(&str, &str)]| {
        let src: Vec<String> = parts
            .iter()
            .map(|(lang, p)| format!("(?:{})", pattern_source(p, rules::prefixes_for(lang))))
            .collect();
        compile_pattern(&src.join("|"), "")
    };
    // the same context in all four languages, as one alternation
    let join_all = |en: &str, he: &str, ar: &str, ru: &str| join(&[("en:", en), ("he:", he), ("ar:", ar), ("ru:", ru)]);
    let rules: Vec<Rule> = defs.map(Rule::compile).collect();
    let sets_for = |script: Script| {
        let idx: Vec<usize> = (0..rules.len()).filter(|i| Script::of_rule(rules[*i].name) == script).collect();
        let sets = idx
            .chunks(SET_CHUNK)
            .map(|chunk| {
                let set = regex::RegexSetBuilder::new(chunk.iter().map(|i| rules[*i].re.as_str()))
                    .size_limit(256 << 20)
                    .dfa_size_limit(64 << 20)
                    .build()
                    .unwrap_or_else(|e| panic!("screen rule set: {e}"));
                (chunk.to_vec(), set)
            })
            .collect();
        (script, sets)
    };
    let by_script = [
        sets_for(Script::Latin),
        sets_for(Script::Hebrew),
        sets_for(Script::Arabic),
        sets_for(Script::Cyrillic),
    ];
    let per_script = |en: &str, he: &str, ar: &str, ru: &str| {
        [
            (
                Script::Latin,
                compile_pattern(en, rules::prefixes_for("en:")),
            ),
            (
                Script::Hebrew,
                compile_pattern(he, rules::prefixes_for("he:")),
            ),
            (
                Script::Arabic,
                compile_pattern(ar, rules::prefixes_for("ar:")),
            ),
            (
                Script::Cyrillic,
                compile_pattern(ru, rules::prefixes_for("ru:")),
            ),
        ]
    };
    Engine {
        rules,
        by_script,
        info: per_script(lex_en::INFO, lex_he::INFO, lex_ar::INFO, lex_ru::INFO),
        continuing: per_script(
            lex_en::CONTINUING,
            lex_he::CONTINUING,
            lex_ar::CONTINUING,
            lex_ru::CONTINUING,
        ),
        past: per_script(lex_en::PAST, lex_he::PAST, lex_ar::PAST, lex_ru::PAST),
        relapse: per_script(lex_en::RELAPSE, lex_he::RELAPSE, lex_ar::RELAPSE, lex_ru::RELAPSE),
        well_again: per_script(lex_en::WELL_AGAIN, lex_he::WELL_AGAIN, lex_ar::WELL_AGAIN, lex_ru::WELL_AGAIN),
        errand: per_script(lex_en::ERRAND, lex_he::ERRAND, lex_ar::ERRAND, lex_ru::ERRAND),
        leap: per_script(lex_en::LEAP, lex_he::LEAP, lex_ar::LEAP, lex_ru::LEAP),
        ordinary_end: per_script(lex_en::ORDINARY_END, lex_he::ORDINARY_END, lex_ar::ORDINARY_END, lex_ru::ORDINARY_END),
        finality: per_script(
            lex_en::FINALITY,
            lex_he::FINALITY,
            lex_ar::FINALITY,
            lex_ru::FINALITY,
        ),
        laugh: join_all(lex_en::LAUGH, lex_he::LAUGH, lex_ar::LAUGH, lex_ru::LAUGH),
        trivial: join_all(lex_en::TRIVIAL, lex_he::TRIVIAL, lex_ar::TRIVIAL, lex_ru::TRIVIAL),
        earnest: join_all(lex_en::EARNEST, lex_he::EARNEST, lex_ar::EARNEST, lex_ru::EARNEST),
        disclaim: join_all(lex_en::DISCLAIM, lex_he::DISCLAIM, lex_ar::DISCLAIM, lex_ru::DISCLAIM),
    }
});

/// Compiles a pattern the way screen rules are compiled, for a language tag
/// ("en", "he", "ar", "ru"); used by the output guard.
pub(crate) fn rules_compile(lang: &str, p: &str) -> Regex {
    compile_pattern(p, rules::prefixes_for(&format!("{lang}:")))
}

/// [`rules_compile`] over a table of (tag, language, pattern): the output
/// guard's violations, the step cues, the questions about CALMe.
pub(crate) fn compile_tagged<T: Clone>(table: &[(T, &str, &str)]) -> Vec<(T, Regex)> {
    table.iter().map(|(t, lang, p)| (t.clone(), rules_compile(lang, p))).collect()
}

/// [`rules_compile`] over a table of (language, pattern), and whether any of
/// them matches a text ([`any_match`]): the check-in's answers, a risk told
/// about someone else.
pub(crate) fn compile_each(table: &[(&str, &str)]) -> Vec<Regex> {
    table.iter().map(|(lang, p)| rules_compile(lang, p)).collect()
}

/// Whether any of `set` matches `norm` (a text normalised as the screen reads it).
pub(crate) fn any_match(set: &[Regex], norm: &str) -> bool {
    set.iter().any(|re| re.is_match(norm))
}

/// Forces compilation of the rule set and screens a sample of messages in
/// every script (call at startup, ~1 s in release): the rules' automata are
/// built lazily, state by state, and a process that has screened nothing pays
/// for that on its first messages.
pub fn warm_up() {
    LazyLock::force(&ENGINE);
    fuzzy::warm_up();
    minor::warm_up();
    arabizi::warm_up();
    translit_ru::warm_up();
    layout::warm_up();
    LazyLock::force(&MODEL);
    LazyLock::force(&WARMED);
}

/// Screens the sample once per process, however often [`warm_up`] is called.
static WARMED: LazyLock<()> = LazyLock::new(|| {
    for line in WARM_UP.iter().flat_map(|set| set.lines()) {
        let text = serde_json::from_str::<serde_json::Value>(line).ok().and_then(|v| v["text"].as_str().map(str::to_string));
        if let Some(text) = text {
            let _ = screen(&text);
        }
    }
});

/// Messages screened once by [`warm_up`]: the development set, and training
/// files in every script and register (indirect wording in all four
/// languages, Hebrew and Russian, Arabic and English, Arabizi, Maghrebi).
const WARM_UP: [&str; 6] = [
    include_str!("../../tests/data/triage_dev.jsonl"),
    include_str!("../../tests/data/triage_train_x17.jsonl"),
    include_str!("../../tests/data/triage_train_x22.jsonl"),
    include_str!("../../tests/data/triage_train_x23.jsonl"),
    include_str!("../../tests/data/triage_train_x19.jsonl"),
    include_str!("../../tests/data/triage_train_x20.jsonl"),
];

/// The packaged classifier (data/classifier.bin). `None` only if the
/// committed file is broken, which the tests rule out; the screen then runs
/// on its rules alone.
static MODEL: LazyLock<Option<classifier::Model>> =
    LazyLock::new(|| classifier::Model::parse(include_bytes!("../../data/classifier.bin")).ok());

/// Classifies one message. Deterministic, offline, microseconds.
///
/// The rules decide first; the classifier may then raise a message the
/// rules did not escalate (never lower one; never in an informational or
/// fictional frame): to imminent risk or medical
/// emergency when its high-risk probability p(imminent) + p(medical) is high,
/// or moderately high and a weak imminent/medical rule cue fired; likewise to
/// abuse. Without a rule cue (or a cue-only rule) the packaged thresholds
/// ask 0.95: on everyday chatter the classifier can be over-confident ("I just
/// need to write all of this down." scored 0.947). A raise adds
/// "clf:<label>:<p>" to [`Screening::rules`], where p is
/// p(imminent) + p(medical) for a high-risk raise (the label is the likelier
/// of the two) and p(abuse) for an abuse raise, rounded down to 0.01.
pub fn screen(text: &str) -> Screening {
    trace(text).screening
}

/// What [`screen`] saw and decided, for the training script and examples.
#[doc(hidden)]
#[derive(Clone, Debug)]
pub struct Trace {
    /// The normalised text the rules and the classifier read.
    pub norm: String,
    /// The label from the rules alone.
    pub rule_label: Label,
    /// Rule weight per label (imminent, medical, abuse, acute stress), at
    /// least one where a cue-only rule fired: what gates the classifier.
    pub rule_scores: [u8; 4],
    /// Class probabilities in [`Label::ALL`] order (None without a model).
    pub probs: Option<[f32; 5]>,
    /// The combined result (what [`screen`] returns).
    pub screening: Screening,
}

#[doc(hidden)]
pub fn trace(text: &str) -> Trace {
    let (mut screening, norm, rule_scores) = rule_screen(text);
    let rule_label = screening.label;
    let probs = MODEL.as_ref().map(|m| {
        let p = m.probs(&norm);
        raise(&mut screening, &rule_scores, &p, &m.thresholds, words(&norm));
        screening.lean = p[index(Label::ImminentRisk)];
        p
    });
    screening.concern = concern(&screening, &rule_scores, probs.as_ref(), words(&norm));
    Trace {
        norm,
        rule_label,
        rule_scores,
        probs,
        screening,
    }
}

/// Frames the rules judge on their own, where the classifier never raises a
/// message: informational or fictional, a past attempt told as over, an
/// errand at a high place, an ordinary thing the writer wants to end.
const RULES_JUDGE: [&str; 4] = ["ctx:info", "ctx:past", "ctx:errand", "ctx:ordinary_end"];

fn in_frame(s: &Screening, frames: &[&str]) -> bool {
    frames.iter().any(|c| s.rules.contains(c))
}

/// Classifier probability of a crisis label (imminent + medical + abuse) at
/// which a message the screen did not escalate is still a concern. The
/// classifier is over-confident on everyday requests it has not seen ("give
/// me eight small steps, one at a time" scores 0.93 abuse), so alone it must
/// be high; below the raise thresholds (0.95) it still asks.
const CONCERN_P: f32 = 0.9;
/// The same with a weak rule cue for a crisis label. On the validation file
/// x44 the two ask 20 of the 32 crisis messages the screen missed, and 8 of
/// its 88 hard negatives; everyday chatter 0 of 260.
const CONCERN_P_WITH_CUE: f32 = 0.2;

/// The label a message below escalation leans to, if it shows a risk signal:
/// a weak imminent/medical/abuse rule cue with a classifier probability of a
/// crisis of at least [`CONCERN_P_WITH_CUE`], or that probability at least
/// [`CONCERN_P`] on a message of [`MIN_WORDS_ALONE`] words.
/// None in a frame the rules judge alone ([`RULES_JUDGE`]), in jokey
/// hyperbole, or without a word.
fn concern(s: &Screening, scores: &[u8; 4], p: Option<&[f32; 5]>, words: usize) -> Option<Label> {
    if s.label.escalates() || words == 0 || in_frame(s, &RULES_JUDGE) || in_frame(s, &["ctx:hyperbole"]) {
        return None;
    }
    let p = p.copied().unwrap_or([0.0; 5]);
    let crisis = p[0] + p[1] + p[2];
    // A cue the classifier does not share at all ("I can't calm down": a weak
    // imminent cue, panic at 1.0) is not a concern.
    let cued = scores[..3].iter().any(|w| *w >= 1) && crisis >= CONCERN_P_WITH_CUE;
    if !cued && (words < MIN_WORDS_ALONE || crisis < CONCERN_P) {
        return None;
    }
    // The likelier crisis: rule weight first, then the classifier.
    let labels = [Label::ImminentRisk, Label::MedicalEmergency, Label::AbuseOrViolence];
    let best = (0..3).max_by(|a, b| (scores[*a], p[*a]).partial_cmp(&(scores[*b], p[*b])).unwrap_or(std::cmp::Ordering::Equal))?;
    Some(labels[best])
}

/// Words in a normalised text: tokens with at least two letters
/// (tools/safety-train/train.py counts them the same way).
fn words(norm: &str) -> usize {
    norm.split(' ')
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count()
}

/// Lets the classifier raise a label the rules left below escalation, except
/// in a frame the rules judge alone ([`RULES_JUDGE`]): informational or
/// fictional, a past attempt told as over, an errand at a high place, an
/// ordinary thing the writer wants to end.
/// Without a rule cue it needs a message of at least [`MIN_WORDS_ALONE`] words,
/// with one at least [`MIN_WORDS_CUE`].
fn raise(
    s: &mut Screening,
    scores: &[u8; 4],
    p: &[f32; 5],
    t: &classifier::Thresholds,
    words: usize,
) {
    if s.label.escalates() || in_frame(s, &RULES_JUDGE) {
        return;
    }
    let (imminent, medical, abuse) = (p[0], p[1], p[2]);
    let high = imminent + medical;
    let cued = words >= MIN_WORDS_CUE;
    let high_cue = cued && (scores[0] >= 1 || scores[1] >= 1);
    let alone = words >= MIN_WORDS_ALONE;
    let raised = if (alone && high >= t.high_alone) || (high_cue && high >= t.high_with_cue) {
        let l = if imminent >= medical {
            Label::ImminentRisk
        } else {
            Label::MedicalEmergency
        };
        Some((l, high))
    } else if (alone && abuse >= t.abuse_alone) || (cued && scores[2] >= 1 && abuse >= t.abuse_with_cue) {
        Some((Label::AbuseOrViolence, abuse))
    } else {
        None
    };
    if let Some((l, prob)) = raised {
        s.label = l;
        s.rules.push(classifier::explain(l, prob));
    }
}

/// The rules alone: the screening, the normalised text and the rule weight
/// per label.
fn rule_screen(text: &str) -> (Screening, String, [u8; 4]) {
    let engine = &*ENGINE;
    let (lang, typed_on) = detect(text);
    let norm = read(text, lang, typed_on);
    let present = Script::present(&norm);
    let in_ctx = |ctx: &[(Script, Regex); 4]| {
        ctx.iter()
            .any(|(s, re)| present[*s as usize] && re.is_match(&norm))
    };
    let info = in_ctx(&engine.info) && !engine.disclaim.is_match(&norm);
    let finality = in_ctx(&engine.finality);
    // A past attempt is over only when nothing beside it tells of one now ("when I was 16 I
    // tried. now I'm going to finish it"): the frame switches the attempt rules off and keeps
    // the classifier from raising, so a relapse told after it would go unasked.
    let relapse = || {
        engine.relapse.iter().zip(&engine.well_again).any(|((s, re), (_, well))| {
            present[*s as usize] && re.is_match(&well.replace_all(&norm, " "))
        })
    };
    let past = in_ctx(&engine.past) && !relapse();
    // Likewise an errand at a high place explains being there, not wanting to jump.
    let errand = in_ctx(&engine.errand) && !in_ctx(&engine.leap);
    let continuing = !finality && in_ctx(&engine.continuing);
    let laughing = text.chars().any(is_laugh_emoji) || engine.laugh.is_match(&norm);
    let hyperbole = laughing && engine.trivial.is_match(&norm) && !engine.earnest.is_match(&norm);
    let mut active = Ctx::ANY;
    for (on, c) in [
        (info, Ctx::INFO),
        (continuing, Ctx::CONTINUING),
        (hyperbole, Ctx::HYPERBOLE),
        (past, Ctx::PAST),
        (errand, Ctx::ERRAND),
    ] {
        if on {
            active = active.with(c);
        }
    }

    // Only the rules of the scripts present in the message run.
    let mut candidates: Vec<usize> = Vec::new();
    for (script, sets) in &engine.by_script {
        if present[*script as usize] {
            for (idx, set) in sets {
                candidates.extend(set.matches(&norm).iter().map(|i| idx[i]));
            }
        }
    }
    let mut fired: Vec<(&Rule, u8)> = Vec::new();
    for rule in candidates.iter().map(|i| &engine.rules[*i]) {
        if rule.ctx.allows(active) && rule.fires(&norm) {
            fired.push((rule, rule.weight));
        }
    }
    let mut scores = [0u8; 4];
    let mut seen: Vec<(Label, &str)> = Vec::new();
    for (rule, w) in &fired {
        let best = fired
            .iter()
            .filter(|(r, _)| r.label == rule.label && r.group == rule.group)
            .map(|(_, w)| *w)
            .max()
            .unwrap_or(*w);
        if !seen.contains(&(rule.label, rule.group)) {
            seen.push((rule.label, rule.group));
            scores[index(rule.label)] += best;
        }
    }
    let minor = minor::detect(&norm, present);
    let mut label = [
        Label::ImminentRisk,
        Label::MedicalEmergency,
        Label::AbuseOrViolence,
        Label::AcuteStress,
    ]
    .into_iter()
    .find(|l| scores[index(*l)] >= THRESHOLD)
    .unwrap_or(Label::None);
    let mut rules: Vec<&'static str> = fired.iter().map(|(r, _)| r.name).collect();
    rules.dedup();
    // A child with any abuse cue is disclosing abuse; a child with an alert
    // or shelter cue is in acute stress.
    // A phone taken away is a parent's rule, not abuse, unless another cue says so.
    let abuse_cue = fired.iter().any(|(r, _)| {
        r.label == Label::AbuseOrViolence && !matches!(r.group, "confined_hint" | "phone_taken")
    });
    if minor && label == Label::None && abuse_cue {
        label = Label::AbuseOrViolence;
        rules.push("minor_with_abuse_cue");
    } else if minor && label == Label::None && scores[index(Label::AcuteStress)] >= 1 {
        label = Label::AcuteStress;
        rules.push("minor_with_alert");
    }
    if info {
        rules.push("ctx:info");
    }
    if hyperbole {
        rules.push("ctx:hyperbole");
    }
    if finality {
        rules.push("ctx:finality");
    }
    if past {
        rules.push("ctx:past");
    }
    if errand {
        rules.push("ctx:errand");
    }
    // only a wish with no crisis cue beside it ("i want this year to be over,
    // the pills are ready" stays the classifier's to raise)
    if scores[..3].iter().all(|w| *w == 0) && in_ctx(&engine.ordinary_end) {
        rules.push("ctx:ordinary_end");
    }
    // What gates the classifier: the rule weights, and at least one for a
    // label whose cue-only rule (weight 0) fired.
    let mut gate = scores;
    for (rule, w) in &fired {
        if *w == 0 {
            let i = index(rule.label);
            gate[i] = gate[i].max(1);
        }
    }
    (
        Screening {
            label,
            minor,
            lang,
            rules,
            concern: None,
            lean: 0.0,
        },
        norm,
        gate,
    )
}

/// The text the rules and the classifier read: the normalised message, and
/// for Arabizi also its Arabic-script reading after a "|" ("bdi amoot" is
/// also "بدي اموت"), so the Arabic rules and features apply; Russian in
/// Latin letters likewise gets its Cyrillic reading ("ne hochu zhit" is also
/// "не хочу жить", [`translit_ru`]). Russian, Hebrew or Arabic typed on the English
/// keyboard layout is read on the layout meant instead, since its Latin
/// letters mean nothing ("z ,jkmit yt vjue" is read "я больше не могу",
/// [`layout`]), and so is English typed on the Hebrew or Russian layout ("ן
/// 'שמא אם גןק" is read "i want to die"). `lang` is
/// [`detect_lang`] of `text` and `typed_on` the layout [`detect`] found it
/// typed on, if not its own: Arabic for a message with no letter outside
/// the Latin blocks (accented ones too, French in Maghrebi Arabizi: "ça")
/// is Arabizi.
fn read(text: &str, lang: Lang, typed_on: Option<Lang>) -> String {
    let latin_only = || !text.chars().any(|c| c.is_alphabetic() && c > '\u{024F}');
    match typed_on {
        Some(Lang::En) => return layout::reading(text, lang),
        Some(script) => return layout::english_reading(text, script),
        None => {}
    }
    let mut norm = normalize::normalize(text);
    let reading = match lang {
        Lang::Ar if latin_only() => arabizi::to_arabic(text),
        Lang::Ru if latin_only() => translit_ru::to_cyrillic(text, ENGLISH),
        _ => None,
    };
    if let Some(reading) = reading {
        norm.push_str("| ");
        norm.push_str(normalize::normalize(&reading).trim_start());
    }
    norm
}

/// Emoji that mark a message as laughing or eye-rolling (normalisation drops
/// emoji, so they are read from the raw text).
fn is_laugh_emoji(c: char) -> bool {
    matches!(
        c,
        '😂' | '🤣' | '💀' | '🤦' | '🙄' | '😅' | '😆' | '😹' | '🤪' | '😜' | '😭'
    )
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    Latin,
    Hebrew,
    Arabic,
    Cyrillic,
}

impl Script {
    fn of_rule(name: &str) -> Script {
        match name.split_once(':').map(|(l, _)| l) {
            Some("he") => Script::Hebrew,
            Some("ar") => Script::Arabic,
            Some("ru") => Script::Cyrillic,
            _ => Script::Latin,
        }
    }

    /// Which scripts the normalised text holds, indexed by `Script as usize`
    /// (Latin, Hebrew, Arabic, Cyrillic): only their rules run.
    fn present(norm: &str) -> [bool; 4] {
        let mut present = [false; 4];
        for c in norm.chars() {
            let s = match c {
                'a'..='z' => Script::Latin,
                '\u{05D0}'..='\u{05EA}' => Script::Hebrew,
                '\u{0620}'..='\u{06FF}' => Script::Arabic,
                '\u{0400}'..='\u{04FF}' => Script::Cyrillic,
                _ => continue,
            };
            present[s as usize] = true;
        }
        present
    }
}

fn index(l: Label) -> usize {
    match l {
        Label::ImminentRisk => 0,
        Label::MedicalEmergency => 1,
        Label::AbuseOrViolence => 2,
        Label::AcuteStress | Label::None => 3,
    }
}

/// Language of a message by script: Hebrew, Arabic or Cyrillic letters, else
/// English (Latin script, including transliterated Hebrew).
pub fn detect_lang(text: &str) -> Lang {
    detect(text).0
}

/// [`detect_lang`], and the keyboard layout the message was typed on when it
/// is not the language's own ([`layout`]): English for Russian, Hebrew or
/// Arabic typed on the English layout, Hebrew or Russian for English typed on
/// that layout.
fn detect(text: &str) -> (Lang, Option<Lang>) {
    let (mut he, mut ar, mut ru, mut lat) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        match c {
            '\u{05D0}'..='\u{05EA}' | '\u{FB1D}'..='\u{FB4F}' => he += 1,
            '\u{0620}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' | '\u{FB50}'..='\u{FEFC}' => ar += 1,
            '\u{0400}'..='\u{04FF}' => ru += 1,
            c if c.is_ascii_alphabetic() => lat += 1,
            _ => {}
        }
    }
    // Non-Latin scripts win ties: a Hebrew message with one English word is Hebrew.
    let best = [(he, Lang::He), (ar, Lang::Ar), (ru, Lang::Ru)]
        .into_iter()
        .max_by_key(|(n, _)| *n);
    match best {
        Some((n, lang)) if n > 0 && n * 2 >= lat => {
            if layout::english_on(text, lang, ENGLISH) {
                (Lang::En, Some(lang))
            } else {
                (lang, None)
            }
        }
        _ => match layout::detect(text, ENGLISH) {
            Some(lang) => (lang, Some(Lang::En)),
            None => (transliterated(text).unwrap_or(Lang::En), None),
        },
    }
}

/// Words that mark Arabic, Hebrew or Russian typed in Latin letters; none is
/// an English word, and Hebrew alert words (mamad, azaka) are left out: English
/// with those is English.
const ARABIZI: &[&str] = &[
    "ana", "enta", "enti", "inta", "inti", "mesh", "mish", "msh", "bdi", "bade", "baddi", "badde", "biddi", "wallah",
    "wallahi", "yalla", "khalas", "shu", "sho", "eish", "lesh", "leish", "kteer", "ktir", "fi", "bas", "hayda", "hal",
    "mnih", "habibi", "inshallah", "shi", "ala", "el", "bghit", "daba", "rasi", "ghadi", "hada", "kaman", "lazem",
    "ma3", "3am", "3ala", "7ali", "mafi", "3ayez", "3ayza", "bidi", "walla", "ya3ni", "yani", "akhoya", "o5ti", "w",
    "3al", "3la", "bel", "fel", "fiye", "fiyye", "ma3ak", "hala", "hala2", "mumkin", "ehki", "bmoot", "mout", "amoot",
    "nmout", "5alas", "3aref", "3andha", "awi", "bgad", "akher", "merra", "kolchi", "lyoum", "ba3d", "wala", "ray7",
];
/// English function words: a message full of them is English, whatever
/// Arabizi spellings it happens to share ("ana", "ma", "la").
const ENGLISH: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "so", "is", "are", "was", "were", "be", "been", "am", "i", "im", "you", "he",
    "she", "it", "we", "they", "me", "my", "your", "his", "her", "our", "their", "this", "that", "these", "those",
    "to", "of", "in", "on", "at", "for", "with", "from", "by", "about", "as", "if", "then", "than", "not", "no", "do",
    "dont", "did", "does", "have", "has", "had", "will", "would", "can", "cant", "could", "should", "just", "what",
    "when", "where", "why", "how", "who", "all", "any", "some", "there", "here", "up", "out", "get", "got", "like",
    "know", "want", "need", "its", "thats", "really", "very", "too", "now", "today", "tonight",
];
const HEBREW_LATIN: &[&str] = &[
    "ani", "ata", "lo", "ze", "zeh", "sheli", "shelcha", "rotze", "rotza", "rotsa", "achi", "ahi", "ken", "eich",
    "eize", "beseder", "yesh", "ein", "lamut", "lehitabed", "ima", "aba", "sababa", "chaval", "hakol", "aval", "gamur",
    "kvar", "po", "sham", "ma", "li", "lecha", "otach", "oti", "yachol", "yechola", "rak", "af", "echad", "achat",
];
const RUSSIAN_LATIN: &[&str] = &[
    "ya", "ne", "mne", "menya", "hochu", "khochu", "ochen", "vse", "vsyo", "segodnya", "nochyu", "pomogite", "prosto",
    "tebya", "kak", "chto", "shto", "eto", "zhit", "umeret", "bolshe", "mogu", "net", "muzh", "opyat", "uzhe", "sebya",
    "pochemu", "zachem", "nikto", "nichego", "tolko", "budet", "byt",
];

/// Arabic, Hebrew or Russian typed in Latin letters: at least two marker words
/// of one language (an Arabizi word with a digit letter, "3am", "7ali", counts
/// twice), and more of them than of any other.
fn transliterated(text: &str) -> Option<Lang> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase().replace('\'', ""))
        .collect();
    let count = |list: &[&str]| words.iter().filter(|w| list.contains(&w.as_str())).count();
    // Arabizi letters 2 (ء), 7 (ح), 9 (ق/ص) inside a word or before its letters
    // ("7ali", "wa2ef", "2enta7er"); 3 (ع) and 5 (خ) only first ("3aref",
    // "5alas"), since English leetspeak writes them inside words ("mys3lf");
    // never ordinals, times or ages ("7th", "9am", "2yo").
    let digit_letters = words
        .iter()
        .filter(|w| {
            let cs: Vec<char> = w.chars().collect();
            let ordinal = ["st", "nd", "rd", "th", "am", "pm", "yo", "s", "k", "x"]
                .iter()
                .any(|suffix| w.trim_start_matches(|c: char| c.is_ascii_digit()) == *suffix);
            !ordinal
                && (0..cs.len()).any(|i| {
                    (matches!(cs[i], '2' | '7' | '9') || (i == 0 && matches!(cs[i], '3' | '5')))
                        && cs.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic())
                        && cs.get(i + 2).is_some_and(|c| c.is_ascii_alphabetic())
                })
        })
        .count();
    // Arabizi with few marker words ("kanfker nrmi rassi mn sta7"): most of
    // its words are in the Arabizi lexicon, and few are English function words.
    // The same for Russian ("podskazhite s kakogo etazha navernyaka"): most
    // words are Russian word forms of three letters or more. One count serves
    // both; a message whose English function words are half its words cannot
    // have a majority of anything else, so its words are not looked up (most
    // English messages stop here).
    let english = count(ENGLISH);
    let majority = |knows: fn(&str) -> bool| {
        if (words.len() - english) * 2 <= words.len() {
            return 0;
        }
        let n = words.iter().filter(|w| !ENGLISH.contains(&w.as_str()) && knows(w)).count();
        if n >= 3 && n * 2 > words.len() && n > 2 * english { n } else { 0 }
    };
    let scores = [
        ((count(ARABIZI) + 2 * digit_letters).max(majority(arabizi::knows)), Lang::Ar),
        (count(HEBREW_LATIN), Lang::He),
        (count(RUSSIAN_LATIN).max(majority(translit_ru::knows)), Lang::Ru),
    ];
    let (best, lang) = scores.iter().copied().max_by_key(|(n, _)| *n)?;
    let second = scores.iter().map(|(n, _)| *n).filter(|n| *n != best).max().unwrap_or(0);
    let ties = scores.iter().filter(|(n, _)| *n == best).count();
    (best >= 2 && ties == 1 && best > second).then_some(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterated_arabic_hebrew_and_russian_are_detected() {
        assert_eq!(detect_lang("wallah ta3ebt, 5alas bedi 2enta7er"), Lang::Ar);
        assert_eq!(detect_lang("jozi darabni w hadadni bel sekkine"), Lang::Ar);
        assert_eq!(detect_lang("ani lo rotze lihyot po yoter"), Lang::He);
        assert_eq!(detect_lang("ya ne hochu bolshe zhit"), Lang::Ru);
        // Darija with no marker word, read through the Arabizi lexicon
        assert_eq!(detect_lang("kanfker nrmi rassi mn sta7"), Lang::Ar);
        // English with leetspeak, ordinals, times, ages and Hebrew alert words stays English
        for text in ["i want to k!ll mys3lf", "its 3am and im in 7th grade", "my 2yo swallowed a battery",
                     "tzeva adom again, we're in the mamad", "gave my ps5 to my lil bro",
                     "ma and la are at the beach", "me and my mama went to the mall"] {
            assert_eq!(detect_lang(text), Lang::En, "{text}");
        }
    }

    #[test]
    fn arabizi_is_also_read_in_arabic_script() {
        // "I want to die": the Arabic rules read the Arabic reading
        let t = trace("ana ta3bana w bdi amoot");
        assert!(t.norm.contains("| ") && t.norm.contains("اموت"), "{}", t.norm);
        assert!(t.rule_label.escalates() && t.screening.rules.iter().any(|r| r.starts_with("ar:")), "{t:?}");
        // English is never given an Arabic reading
        assert!(!trace("i am so tired of my mama's jokes").norm.contains("| "));
    }

    #[test]
    fn russian_in_latin_letters_is_read_in_cyrillic() {
        // different spellings of the same Russian; the Russian rules judge the reading
        for risk in [
            "ya stoyu na kryshe devyatietazhki, segodnya vsyo zakonchu",
            "ja stoju na krishe, segodnja vse zakon4u",
            "naglotalas' tabletok polchasa nazad, glaza zakryvayutsya",
            "moy brat zakrylsya v vannoy s lezviem i ne otkryvaet",
        ] {
            let t = trace(risk);
            assert_eq!(t.screening.lang, Lang::Ru, "{risk}");
            assert!(t.norm.contains("| "), "{}", t.norm);
            assert!(t.screening.label.escalates(), "{risk}: {t:?}");
        }
        for ordinary in ["vsem poka, uezzhayu v lager na dve nedeli, uvidimsya", "proshchay shkola, vypusknoy byl super"] {
            let t = trace(ordinary);
            assert_eq!(t.screening.lang, Lang::Ru, "{ordinary}");
            assert!(!t.screening.label.escalates(), "{ordinary}: {t:?}");
        }
        // English is never given a Cyrillic reading
        assert!(!trace("most people say the bridge is closed tonight").norm.contains("| "));
    }

    #[test]
    fn a_message_typed_on_the_wrong_layout_is_read_on_the_layout_meant() {
        // "я больше не могу? хочу умереть" and "אני רוצה למות" typed with the English layout on
        for (text, lang) in [("z ,jkmit yt vjue? [jxe evthtnm", Lang::Ru), ("tbh rumv knu,", Lang::He)] {
            let s = screen(text);
            assert_eq!((s.label, s.lang), (Label::ImminentRisk, lang), "{text}: {:?}", s.rules);
        }
        // "i want to die" typed with the Hebrew and the Russian layout on
        for text in ["ן 'שמא אם גןק", "ш цфте ещ вшу"] {
            let s = screen(text);
            assert_eq!((s.label, s.lang), (Label::ImminentRisk, Lang::En), "{text}: {:?}", s.rules);
        }
        // "сегодня хороший день" and "היום יום טוב": the language is read, and nothing more
        for (text, lang) in [("ctujlyz [jhjibq ltym", Lang::Ru), ("vhuo huo yuc", Lang::He)] {
            let s = screen(text);
            assert_eq!((s.label, s.lang), (Label::None, lang), "{text}: {:?}", s.rules);
        }
    }

    #[test]
    fn arabizi_abuse_is_a_cue_for_the_classifier() {
        // "my stepmother hits me every day": the classifier's abuse score alone is short of its
        // threshold; with the cue it raises
        let t = trace("mart abouya tedrobni kol nhar");
        assert!(t.screening.rules.contains(&"az:abuse_cue"), "{t:?}");
        assert_eq!(t.screening.label, Label::AbuseOrViolence, "{t:?}");
        // "someone in the game wants pictures of me and says don't tell mum"
        let t = trace("wa7ed fel game 3ayez suwar menni w by2ol ma t2ouli l mama");
        assert_eq!(t.screening.label, Label::AbuseOrViolence, "{t:?}");
        // locked in, sextortion, followed: the cue; an exam "killing" someone: no cue
        for t in ["jozi bye7bisni bel ghorfe kel lele", "wa7ed 3al snap yibtazni b sowari", "fi wa7ed ytab3ni mn el madrase"] {
            assert!(trace(t).screening.rules.contains(&"az:abuse_cue"), "{t}");
        }
        assert!(!trace("l'examen dyal ghedda ghadi y9tlni, ma 9rit walou").screening.rules.contains(&"az:abuse_cue"));
        // the cue never reads English
        assert!(!trace("today in the bedroom i found the old radio").screening.rules.contains(&"az:abuse_cue"));
    }

    #[test]
    fn an_arabizi_school_project_is_a_question_about_a_topic() {
        // "we have a school project on suicide among young people, anyone have sources?"
        let t = trace("3anna project bel madrase 3an el inti7ar 3and el shabab, 3andkon masader?");
        assert!(t.screening.rules.contains(&"ctx:info") && !t.screening.label.escalates(), "{t:?}");
        // "I have an exposé on suicide, do you have statistics for Morocco?"
        let t = trace("3ndi expose 3la l'intihar, 3ndkom chi statistiques 3la lmaghrib?");
        assert!(!t.screening.label.escalates(), "{t:?}");
        // the same words in a message that is not a question about a topic still escalate
        let t = trace("khalas ma 3ad fiyi, bdi ente7er el lela, sam7ouni");
        assert!(t.screening.label.escalates(), "{t:?}");
        // a loanword never makes English read as Arabizi
        assert!(!trace("we have a project about the history of the city").norm.contains("| "));
    }

    #[test]
    fn every_pattern_compiles() {
        warm_up();
        assert!(ENGINE.rules.len() > 100);
    }

    /// `\b` is a literal space, so `\b.*\b`, `\b(\s...` or `\b( ...` needs two spaces
    /// where the text has one: such a pattern compiles and never matches.
    #[test]
    fn patterns_avoid_the_spacing_traps() {
        let all = lex_en::RULES.iter().chain(lex_he::RULES).chain(lex_ar::RULES).chain(lex_ru::RULES);
        let contexts = [
            lex_en::INFO, lex_he::INFO, lex_ar::INFO, lex_ru::INFO,
            lex_en::PAST, lex_he::PAST, lex_ar::PAST, lex_ru::PAST,
            lex_en::RELAPSE, lex_he::RELAPSE, lex_ar::RELAPSE, lex_ru::RELAPSE,
            lex_en::WELL_AGAIN, lex_he::WELL_AGAIN, lex_ar::WELL_AGAIN, lex_ru::WELL_AGAIN,
            lex_en::LEAP, lex_he::LEAP, lex_ar::LEAP, lex_ru::LEAP,
            lex_en::CONTINUING, lex_he::CONTINUING, lex_ar::CONTINUING, lex_ru::CONTINUING,
            lex_en::DISCLAIM, lex_he::DISCLAIM, lex_ar::DISCLAIM, lex_ru::DISCLAIM,
        ];
        let two_spaces = regex::Regex::new(r"\\b\.\{0,[0-9]+\}\\b").unwrap();
        for p in all.flat_map(|d| [d.pattern, d.before, d.after]).chain(contexts) {
            for trap in ["\\b.*\\b", "\\b(\\s", "\\b( "] {
                assert!(!p.contains(trap), "pattern uses {trap}: {p}");
            }
            // "\b.{0,40}\b" needs a word between its two ends: "\b(.{0,40}\b)?" does not
            assert!(!two_spaces.is_match(p), "pattern needs a word between: {p}");
        }
        // a rule's match ends with its trailing space, so the text after it
        // starts with a word: an exception "^ word" can never match
        for d in lex_en::RULES.iter().chain(lex_he::RULES).chain(lex_ar::RULES).chain(lex_ru::RULES) {
            assert!(!d.after.starts_with("^ ") && !d.after.starts_with("^\\b"), "{}: after {:?} never matches", d.name, d.after);
        }
    }

    /// Escapes are read, not folded like literal text: `\S` stays "not a space"
    /// (folding once lowercased it into `\s`), and upper-case literals fold.
    #[test]
    fn pattern_escapes_are_not_folded() {
        let re = rules_compile("en", r"\bKILL\S+\b");
        assert!(re.is_match(" killing "), "{}", re.as_str());
        assert!(!re.is_match(" kill "), "{}", re.as_str());
        assert_eq!(rules::pattern_source(r"a\w\d\s\.", ""), "a[^ ][0-9] \\.");
    }

    /// None of `texts` escalates (the failure names the label and the rules).
    fn assert_calm(texts: &[&str]) {
        for text in texts {
            let s = screen(text);
            assert!(!s.label.escalates(), "{text}: {:?} {:?}", s.label, s.rules);
        }
    }

    /// No frame the rules judge alone ([`RULES_JUDGE`]) holds these, and the screen at least
    /// asks the check-in.
    fn assert_not_framed_away(texts: &[&str]) {
        for text in texts {
            let s = screen(text);
            assert!(!in_frame(&s, &RULES_JUDGE), "{text}: {:?}", s.rules);
            assert!(s.label.escalates() || s.concern.is_some(), "{text}: {:?}", s.rules);
        }
    }

    fn assert_escalates(texts: &[&str]) {
        for text in texts {
            let s = screen(text);
            assert!(s.label.escalates(), "{text}: {:?} {:?}", s.label, s.rules);
        }
    }

    fn assert_imminent(texts: &[&str]) {
        for text in texts {
            let s = screen(text);
            assert_eq!(s.label, Label::ImminentRisk, "{text}: {:?}", s.rules);
        }
    }

    #[test]
    fn a_past_attempt_told_as_over_does_not_escalate_but_a_present_one_does() {
        assert_calm(&[
            "my friend tried to end his life back in 2017. he's doing great now, just got married",
            "I tried to end my life at 19. I'm 27 now, years into therapy, and glad I'm still here.",
            "חבר שלי ניסה להתאבד לפני חמש שנים, היום הוא מדריך נוער",
            "صاحبي حاول ينتحر قبل ست سنين. هلق الحمدلله منيح كتير",
            "друг пытался покончить с собой лет шесть назад. сейчас у него всё отлично",
        ]);
        for text in [
            "I tried to end my life last night and I still want to die",
            "my friend tried to kill himself an hour ago, he's not answering",
            "חבר שלי ניסה להתאבד עכשיו",
        ] {
            assert_eq!(screen(text).label, Label::ImminentRisk, "{text}");
        }
    }

    #[test]
    fn a_past_attempt_does_not_cover_one_told_beside_it() {
        // The past frame's "now I am" / "сейчас мне" / "היום אני" read these as over: no
        // escalation and no check-in.
        for text in [
            "when i was 16 i tried to kill myself. now i am going to finish it tonight",
            "years ago i overdosed. now i have the pills again and i'm taking them all",
            "в 16 я пыталась покончить с собой, сейчас мне опять хочется, таблетки уже здесь",
            "לפני שנתיים ניסיתי להתאבד. היום אני שוב עם הכדורים ביד",
            "قبل سنتين حاولت انتحر، هلق بخير بس ناوي اعيدها الليلة",
        ] {
            assert_eq!(screen(text).label, Label::ImminentRisk, "{text}");
        }
        // "Again" that tells of recovery keeps the frame.
        assert_calm(&[
            "I tried to end my life at 19. I'm 27 now, doing great and happy again",
            "חבר שלי ניסה להתאבד לפני חמש שנים, היום הוא שוב שמח ומדריך נוער",
            "друг пытался покончить с собой лет шесть назад. сейчас у него всё отлично, снова счастлив",
        ]);
    }

    #[test]
    fn a_disclaimer_cancels_the_story_frame() {
        let s = screen("how many sleeping pills would be enough to not wake up. asking for real, not for a story");
        assert_eq!(s.label, Label::ImminentRisk, "{:?}", s.rules);
        assert!(!screen("how many pills did the character take in the story").label.escalates());
        // So does the writer doing what the story tells: the frame kept these calm and unasked
        assert_not_framed_away(&[
            "in the movie the guy takes all his pills. i did the same an hour ago",
            "writing a story where the girl says goodbye to everyone. i already sent mine",
            "בסרט הוא בולע את כל הכדורים. גם אני בלעתי לפני שעה",
            "в фильме он выпил все таблетки. я тоже выпила час назад",
            "بالفيلم بلع كل الحبوب، وانا كمان بلعت من ساعة",
        ]);
    }

    #[test]
    fn how_much_of_a_medicine_would_be_lethal_is_a_risk_question() {
        for text in [
            "how many paracetamol would be lethal",
            "how much insulin would stop my heart",
            "how many of my sleeping pills would be fatal",
            "كم حبة بنادول تقتل",
        ] {
            assert_eq!(screen(text).label, Label::ImminentRisk, "{text}");
        }
        assert_calm(&[
            "how many hits would be lethal in elden ring",
            "how much tylenol would be lethal for my dog",
            "how much caffeine would be lethal? chem homework",
        ]);
    }

    #[test]
    fn plain_reports_of_an_act_a_last_message_or_a_child_who_swallowed_something_escalate() {
        for (text, label) in [
            ("took the whole box about ten minutes ago, feeling dizzy", Label::ImminentRisk),
            ("this is the last time you'll hear from me, thanks for everything", Label::ImminentRisk),
            ("my 3 year old swallowed some dishwasher tablets", Label::MedicalEmergency),
            ("stopped my insulin last week and i'm not going to start it again", Label::ImminentRisk),
            ("הבת שלי בלעה כדורים של סבתא", Label::MedicalEmergency),
            ("اليوم اخر يوم الي بالدنيا", Label::ImminentRisk),
            ("الله يسامحني على اللي رح اعمله الليلة", Label::ImminentRisk),
            ("это последнее, что вы от меня услышите", Label::ImminentRisk),
        ] {
            assert_eq!(screen(text).label, label, "{text}: {:?}", screen(text).rules);
        }
        assert_calm(&[
            "this is the last time you'll hear from me about the raffle, promise",
            "اليوم اخر يوم الي بالشركة، رح اشتقلكم",
            "это последнее, что вы от меня услышите про ремонт",
        ]);
    }

    #[test]
    fn an_errand_on_a_roof_or_a_bridge_and_a_recovered_attempt_do_not_escalate() {
        assert_calm(&[
            "standing on the bridge by the station waiting for the taxi, it's late again",
            "up on the roof fixing the antenna, pass me the screwdriver",
            "אני על הגג מחכה לטכנאי של הדוד שמש",
            "واقفة على الجسر عم صور الغروب",
            "стою на крыше, жду мастера по антенне",
            "пять лет назад я пыталась покончить с собой, сейчас хожу к психологу и мне правда лучше",
        ]);
        // a week away, with how to reach the writer, is a trip
        assert_calm(&[
            "won't be around next week, flying to Lisbon for a conference. ping me if anything breaks",
            "меня не будет на этой неделе, уезжаю в командировку, пишите Оле",
        ]);
        assert!(screen("won't be around next week. thanks for everything, all of you").label.escalates());
        // sore legs after the gym, the last message before moving to another group
        assert_calm(&["leg day killed me, can't feel my legs lol", "ההודעה האחרונה שלי פה, עוברת לקבוצה החדשה של השכבה"]);
        assert!(screen("fell off the ladder and i can't feel my legs").label.escalates());
        // waiting for the family to leave is not an errand
        let s = screen("bought the pills, they're in front of me. just waiting for my mum to go out");
        assert!(s.label.escalates(), "{:?}", s.rules);
        // nor does an errand explain wanting to jump: the frame kept these calm and unasked;
        // without it the rules and the classifier judge them (at least the check-in, and the
        // second reading reads them)
        assert_not_framed_away(&[
            "on the roof waiting for the technician, i want to jump",
            "אני על הגג מחכה לטכנאי, רוצה לקפוץ",
            "стою на крыше, жду мастера, хочу прыгнуть",
            "واقفة على الجسر عم صور الغروب وبدي انط",
        ]);
    }

    #[test]
    fn wanting_oneself_over_beside_an_exam_or_doing_a_game_for_real_is_not_framed_away() {
        // The ordinary-end and story frames kept these calm and unasked. (An Arabic "I want to
        // finish too" is left out: اخلص is as often finishing one's work.)
        assert_not_framed_away(&[
            "i want this exam to be over. i want me to be over too",
            "хочу чтобы эта неделя закончилась. и чтобы я закончилась тоже",
            "אני רוצה שהשבוע הזה ייגמר, ושאני איגמר איתו",
            "in the game my character jumps off the bridge. gonna do that irl tonight",
            "במשחק הדמות קופצת מהגשר. אני הולך לעשות את זה הלילה",
            "в игре персонаж прыгает с моста. сделаю так же сегодня",
            "باللعبة الشخصية بتنط عن الجسر، رح اعمل هيك الليله",
        ]);
        assert_calm(&["i want this exam to be over, and my sister wants hers over too", "in the game my character jumps off the bridge lol, i'd never do that irl"]);
    }

    #[test]
    fn wanting_an_exam_a_week_or_the_war_to_be_over_is_not_a_crisis() {
        // the classifier raised each of these to imminent risk, or the rules
        // read a will, a jump or a window
        assert_calm(&[
            "i want this exam to be over already",
            "i want this siren to stop",
            "אני רק רוצה שהמבחן הזה ייגמר כבר",
            "хочу чтобы война закончилась",
            "بدي هالامتحان يخلص بقى",
            "i wrote my will because we just had a baby",
            "כתבתי צוואה כי נולד לנו תינוק",
            "كتبت وصية لانه جانا بيبي",
            "написал завещание, потому что у нас родился ребёнок",
            "jump off the bridge in gta lol",
            "если начальник ещё раз скажет переделать, я выйду в окно",
            // a fright at a price, dying of hunger
            "saw the price of eggs and nearly had a heart attack",
            "ראיתי את המחיר של הקוטג' ונהיה לי התקף לב",
            "увидела цену на сыр и чуть инфаркт не схватила",
            "بدي موت من الجوع، ايمتى الغدا؟",
            // Hebrew: clothes, a deadline or a team "choking" or "burning" the
            // writer, dying for a bite, a book about suicide, laundry on the roof
            "הג'ינס הזה חונק אותי, לא הייתי צריכה לקנות מידה קטנה",
            "הדדליין של יום חמישי חונק אותי",
            "חמותי חונקת אותי עם ההודעות שלה",
            "הפועל שוב שורפת לי את הלב",
            "הייתי מוכנה למות בשביל עוד ביס מהכנאפה",
            "קראתי ספר על בחורה שאיבדה את אחיה להתאבדות",
            "אני על הגג תולה כביסה, תתקשרי עוד רבע שעה",
        ]);
        assert!(screen("בעלי חונק אותי").label.escalates());
        assert!(screen("my dad is having a heart attack, he's grey and sweating").label.escalates());
        for calm in ["i wish this week would just end", "when will this semester end"] {
            assert!(screen(calm).concern.is_none(), "{calm}");
        }
        // a life, or a crisis cue beside the wish, is not an ordinary thing
        for risk in [
            "i want my life to be over",
            "i want this year to be over, the pills are ready",
            "хочу чтобы этот экзамен закончился, а потом выйду в окно",
            "بدي حياتي تخلص",
            "אני רוצה שהחיים שלי ייגמרו",
            "הלוואי שהחיים שלי ייגמרו כבר",
        ] {
            assert!(screen(risk).label.escalates(), "{risk}: {:?}", screen(risk).rules);
            // A rule names it: the wish does not hang on the classifier's weights.
            assert!(screen(risk).rules.iter().any(|r| !r.starts_with("clf:")), "{risk}: {:?}", screen(risk).rules);
        }
    }

    /// The nineteenth session's concepts, each in words of ours (not the training files'), with
    /// the rule that must name it, and the everyday look-alikes beside them.
    #[test]
    fn last_gifts_goodbyes_in_my_own_way_and_enough_time_for_the_ambulance() {
        for (text, rule) in [
            ("they'll all be relieved when i'm gone, honestly", "en:relieved_gone"),
            ("this watch is my last gift to you, wear it", "en:last_gift"),
            ("happy birthday to me. and the last one", "en:birthday_last"),
            ("bought paracetamol at three different pharmacies so nobody would notice", "en:pharmacies"),
            ("said my goodbyes in my own way today", "en:goodbye_my_way"),
            ("the ambulance takes forty minutes to get out here. that's plenty", "en:ambulance_enough"),
            ("my toddler bit into a dishwasher tablet and is drooling", "en:pod_ingest"),
            ("קח את השעון, זו המתנה האחרונה ממני", "he:last_gift"),
            ("קניתי כדורים בשלושה בתי מרקחת שונים כדי שלא ישימו לב", "he:pharmacies"),
            ("נפרדתי מכולם היום בדרך שלי", "he:goodbye_my_way"),
            ("יום הולדת 30 שמח לי, וגם האחרון", "he:birthday_last"),
            ("האמבולנס מגיע אלינו תוך שעה. מספיק זמן", "he:ambulance_enough"),
            ("הבן שלי בלע קפסולת כביסה והוא משתעל", "he:pod_ingest"),
            ("возьми часы, это последний подарок от меня", "ru:last_gift"),
            ("попрощалась со всеми по-своему, никто не понял", "ru:goodbye_my_way"),
            ("скорая до нас едет полтора часа. этого вполне хватит", "ru:ambulance_enough"),
            ("ребенок прокусил капсулу для стирки, кашляет", "ru:pod_ingest"),
            ("если я завтра не выйду на связь, пароль от почты в заметках", "ru:passwords"),
            ("اختي جارحه ايدها بالشفره وقافله عليها", "ar:self_harm_third"),
            ("ابوي قافل على حاله الباب ومعه المسدس", "ar:locked_means"),
            ("اخوي واخد علبه الدوا كلها من شوي", "ar:od_box"),
            ("ودعتهم اليوم بطريقتي", "ar:goodbye_my_way"),
            ("لما اموت الحياه بتصير اسهل عليهم", "ar:easy_without"),
            ("ابني بلع كبسوله غسيل", "ar:pod_ingest"),
            ("خلي هالساعه معك، اخر هديه مني", "ar:last_gift"),
        ] {
            let s = screen(text);
            assert!(s.label.escalates() && s.rules.contains(&rule), "{text}: {:?} {:?}", s.label, s.rules);
        }
        assert_calm(&[
            "happy birthday to me! the last one in my twenties lol",
            "bought vitamins at two pharmacies because the first one ran out",
            "the ambulance takes an hour to reach our village, it's a scandal",
            "said goodbye to the kids at the airport, back in a week",
            "this is my last gift shopping trip before christmas",
            "זו המתנה האחרונה שקניתי לחנוכה",
            "עומד על הקו הצהוב ומחכה לרכבת לתל אביב",
            "последний раз пишу: кто взял мою зарядку?",
            "сколько едет скорая до дачи? час? это же ужас",
            "ودعت اهلي بالمطار وراجع بعد شهر",
            "ديوني سددتها كلها قبل السفر الحمدلله",
        ]);
        // A locked door without a weapon is not ar:locked_means. (The classifier retrained in the
        // nineteenth session raises this one on its own, 0.94 with a cue: locking oneself in.)
        assert!(!screen("سكرت الباب ومعي المفتاح").rules.contains(&"ar:locked_means"));
        // "I'd rather die than sit through his slides" is an ordinary thing the writer wants to
        // end: the classifier does not raise it (it scored 0.95 after the retrain).
        let s = screen("I'd rather die than sit through another one of his lectures");
        assert!(!s.label.escalates() && s.rules.contains(&"ctx:ordinary_end"), "{s:?}");
        assert!(screen("i'd rather die than go back to him, he'll kill me").label.escalates());
    }

    #[test]
    fn a_childs_abuse_told_by_an_adult_grooming_and_an_older_person_pushed_are_abuse() {
        for text in [
            "School counsellor here. A 7th grader told me her stepfather gets into her bed at night",
            "someone on discord keeps asking my son for pictures and promises him skins",
            "my grandson takes my whole pension and yesterday he pushed me down the stairs",
            "אני יועצת. תלמידה סיפרה שבן הזוג של אמא נכנס למיטה שלה בלילה",
            "مرشدة بمدرسة: طالبة حكتلي إنو زوج امها بيفوت على تختها بالليل",
            "я школьный психолог. девочка рассказала, что отчим приходит к ней ночью",
            "мне 78, внук забирает пенсию, а вчера толкнул меня так что я упала",
        ] {
            assert_eq!(screen(text).label, Label::AbuseOrViolence, "{text}: {:?}", screen(text).rules);
        }
        assert_calm(&["مديري رح يدبحني إذا تأخرت كمان مرة", "my son asked me for pictures of the dog"]);
    }

    #[test]
    fn didnt_tell_anyone_in_levantine_arabic_is_not_the_news() {
        // "خبّر" (told) is spelt like "خبر" (a news item)
        let t = trace("عمي اشترى حبوب كتير امبارح وما خبر حدا");
        assert!(!t.screening.rules.contains(&"ctx:info"), "{:?}", t.screening.rules);
        assert_eq!(t.screening.concern, Some(Label::ImminentRisk), "{t:?}");
        assert!(trace("قريت خبر عن شاب انتحر بالجامعة").screening.rules.contains(&"ctx:info"));
    }

    #[test]
    fn lang() {
        assert_eq!(detect_lang("שלום"), Lang::He);
        assert_eq!(detect_lang("مرحبا"), Lang::Ar);
        assert_eq!(detect_lang("привет"), Lang::Ru);
        assert_eq!(detect_lang("hi there"), Lang::En);
        assert_eq!(detect_lang("🙂"), Lang::En);
        assert_eq!(detect_lang("ani ba mamad"), Lang::En);
        assert_eq!(detect_lang("אני בממד with the kids"), Lang::He);
    }

    #[test]
    fn normalisation_gaps() {
        // Levantine demonstrative prefix: "this series is about suicide" is informational
        let (s, _, _) = rule_screen("هالمسلسل عن الانتحار");
        assert_eq!(s.label, Label::None, "{:?}", s.rules);
        assert!(s.rules.contains(&"ctx:info"), "{:?}", s.rules);
        // Arabizi 7 (ح) survives normalisation: "I want to kill myself"
        let (s, _, _) = rule_screen("bdi ente7er");
        assert_eq!(s.label, Label::ImminentRisk, "{:?}", s.rules);
        // ... and English leetspeak still decodes
        assert_eq!(
            rule_screen("gonna k1ll mys3lf").0.label,
            Label::ImminentRisk
        );
    }

    /// The committed weights load, and Rust reproduces the training script's
    /// normalised text, feature hashes, scores and combined labels
    /// (data/classifier_fixture.json, written by tools/safety-train/train.py).
    #[test]
    fn classifier_matches_the_training_script() {
        let model = MODEL.as_ref().expect("data/classifier.bin does not load");
        let fx: serde_json::Value =
            serde_json::from_str(include_str!("../../data/classifier_fixture.json"))
                .expect("fixture JSON");
        let thr: Vec<f64> = fx["thresholds"]
            .as_array()
            .expect("thresholds")
            .iter()
            .filter_map(|v| v.as_f64())
            .collect();
        let t = model.thresholds;
        let got = [
            t.high_alone,
            t.high_with_cue,
            t.abuse_alone,
            t.abuse_with_cue,
        ];
        assert_eq!(thr.len(), 4);
        assert!(
            got.iter()
                .zip(&thr)
                .all(|(a, b)| (f64::from(*a) - b).abs() < 1e-6),
            "{got:?} vs {thr:?}"
        );
        let cases = fx["cases"].as_array().expect("cases");
        assert!(cases.len() >= 8);
        for c in cases {
            let text = c["text"].as_str().expect("text");
            let (lang, typed_on) = detect(text);
            let norm = read(text, lang, typed_on);
            assert_eq!(
                norm,
                c["norm"].as_str().expect("norm"),
                "normalisation changed since training: retrain"
            );
            let mut hashes = Vec::new();
            classifier::for_each_feature(&norm, |h| hashes.push(u64::from(h)));
            let want: Vec<u64> = c["hashes"]
                .as_array()
                .expect("hashes")
                .iter()
                .filter_map(|v| v.as_u64())
                .collect();
            assert_eq!(hashes, want, "feature hashes differ for {text:?}");
            let logits = model.logits(&norm);
            for (got, want) in logits.iter().zip(c["logits"].as_array().expect("logits")) {
                let want = want.as_f64().expect("logit");
                assert!(
                    (f64::from(*got) - want).abs() < 1e-3,
                    "{text:?}: logit {got} vs {want}"
                );
            }
            assert_eq!(
                screen(text).label.as_str(),
                c["label"].as_str().expect("label"),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_corrupted_weights_file_is_refused() {
        let good = include_bytes!("../../data/classifier.bin");
        assert!(good.len() <= 2 << 20, "weights file over 2 MB");
        assert!(classifier::Model::parse(good).is_ok());
        let mut bad = good.to_vec();
        bad[100] ^= 1;
        let bad: &'static [u8] = Box::leak(bad.into_boxed_slice());
        assert_eq!(
            classifier::Model::parse(bad).err(),
            Some(classifier::LoadError::Checksum)
        );
        let mut wrong = good[..good.len() - 8].to_vec();
        wrong[8] = 2; // version 2
        let sum = classifier::fnv1a64(&wrong);
        wrong.extend_from_slice(&sum.to_le_bytes());
        let wrong: &'static [u8] = Box::leak(wrong.into_boxed_slice());
        assert_eq!(
            classifier::Model::parse(wrong).err(),
            Some(classifier::LoadError::Version(2))
        );
        assert_eq!(
            classifier::Model::parse(&good[..20]).err(),
            Some(classifier::LoadError::Truncated)
        );
    }

    #[test]
    fn the_classifier_raises_but_never_lowers() {
        let t = classifier::Thresholds {
            high_alone: 0.9,
            high_with_cue: 0.5,
            abuse_alone: 0.9,
            abuse_with_cue: 0.5,
        };
        let base = |label| Screening {
            label,
            minor: false,
            lang: Lang::En,
            rules: vec![],
            concern: None,
            lean: 0.0,
        };
        let p_high = [0.6, 0.1, 0.1, 0.1, 0.1];
        // a rule escalation stays as it is
        let mut s = base(Label::AbuseOrViolence);
        raise(&mut s, &[0, 0, 2, 0], &[0.95, 0.0, 0.0, 0.0, 0.05], &t, 5);
        assert_eq!(s.label, Label::AbuseOrViolence);
        // moderately high: only with a weak imminent/medical cue
        let mut s = base(Label::None);
        raise(&mut s, &[0, 0, 0, 0], &p_high, &t, 5);
        assert_eq!(s.label, Label::None);
        raise(&mut s, &[1, 0, 0, 0], &p_high, &t, 5);
        assert_eq!(s.label, Label::ImminentRisk);
        assert_eq!(s.rules, ["clf:imminent_risk:0.70"]);
        // high alone, medical the likelier
        let mut s = base(Label::AcuteStress);
        raise(&mut s, &[0, 0, 0, 0], &[0.2, 0.75, 0.0, 0.0, 0.05], &t, 5);
        assert_eq!(s.label, Label::MedicalEmergency);
        // never alone on a message of fewer than three words ("m3")
        let mut s = base(Label::None);
        raise(&mut s, &[0, 0, 0, 0], &[0.2, 0.75, 0.0, 0.0, 0.05], &t, 2);
        assert_eq!(s.label, Label::None);
        // with a cue, not on a message without a word either ("t47")
        raise(&mut s, &[0, 1, 0, 0], &[0.2, 0.75, 0.0, 0.0, 0.05], &t, 0);
        assert_eq!(s.label, Label::None);
        raise(&mut s, &[0, 0, 1, 0], &[0.0, 0.0, 0.95, 0.0, 0.05], &t, 0);
        assert_eq!(s.label, Label::None);
        raise(&mut s, &[0, 1, 0, 0], &[0.2, 0.75, 0.0, 0.0, 0.05], &t, 2);
        assert_eq!(s.label, Label::MedicalEmergency);
        // never in an informational frame
        let mut s = Screening {
            rules: vec!["ctx:info"],
            ..base(Label::None)
        };
        raise(&mut s, &[1, 0, 0, 0], &[0.99, 0.0, 0.0, 0.0, 0.01], &t, 5);
        assert_eq!(s.label, Label::None);
    }

    /// Third-pass mechanisms, on sentences written for this test (not from
    /// the data files).
    #[test]
    fn frames_and_idioms() {
        let label = |t: &str| rule_screen(t).0.label;
        // jokey hyperbole in any language needs a laugh marker (or emoji) and a trivial cause
        assert_eq!(label("ugh this printer, i want to die 😂"), Label::None);
        assert_eq!(label("המבחן הזה, אני מתאבד חחח"), Label::None);
        assert_eq!(label("экзамен завтра, хочу умереть ахаха"), Label::None);
        assert_eq!(label("i want to die"), Label::ImminentRisk);
        assert_eq!(
            label("המבחן הזה, אני מתאבד חחח. ברצינות"),
            Label::ImminentRisk
        );
        // a helper asking about warning signs is informational
        assert_eq!(
            label("how can i tell if my son is suicidal? what are the warning signs"),
            Label::None
        );
        assert_eq!(label("מה הסימנים שחבר חושב על התאבדות?"), Label::None);
        // an overdose told as over, and the same act now
        assert_eq!(
            label("לפני ארבע שנים בלעתי כדורים ושכבתי שבוע בבית חולים. היום סיימתי תואר ראשון"),
            Label::None
        );
        assert!(label("בלעתי כדורים ואני לא מרגישה טוב").escalates());
        // acts told as plain facts, in every language
        assert!(label("I drank the bottle of paraquat from the shed").escalates());
        assert!(label("אני יושבת על המסילה, הרכבת הבאה בעוד עשר דקות").escalates());
        assert!(label("Записка для участкового на столе, под сахарницей").escalates());
        assert!(label("ضغط ثقيل على صدري ينتشر إلى ذراعي اليسرى").escalates());
        // a game is where grooming happens, not a topic that makes the message a question
        assert_eq!(
            trace("чувак из игры требует ещё фото, иначе разошлёт старые всему классу").screening.label,
            Label::AbuseOrViolence
        );
        assert_eq!(label("הרגו אותי שלוש פעמים ברצף, אני מתאבד מהמשחק הזה"), Label::None);
        // passwords handed over "just in case" are not a question; "I want to know, just in
        // case" still is
        assert!(!rule_screen("שלחתי לאח שלי את כל הסיסמאות, ליתר ביטחון").0.rules.contains(&"ctx:info"));
        assert!(rule_screen("как понять что у человека инсульт? хочу знать на всякий случай").0.rules.contains(&"ctx:info"));
        assert!(!rule_screen("מה זה משנה. אף אחד לא יבוא להלוויה שלי").0.rules.contains(&"ctx:info"));
        // a song for the writer's own funeral is not a question about a song
        assert!(!rule_screen("last request: play my song at my funeral").0.rules.contains(&"ctx:info"));
        // abuse told as plain facts is a cue for the classifier's abuse score
        for t in [
            "хозяин забрал у всех паспорта, на ночь запирает вагончик",
            "a patient's husband grabbed my wrist and said he'll be waiting in the car park",
        ] {
            assert!(rule_screen(t).0.rules.iter().any(|r| r.ends_with(":abuse_cue")), "{t}");
        }
        assert!(!rule_screen("we are waiting in the car park for the concert").0.rules.iter().any(|r| r.ends_with(":abuse_cue")));
        for t in ["there's a boy in my class with cigarette burns on his arms", "בן הזוג של אמא שלי מצלם אותי במקלחת", "муж запер меня и забрал телефон"] {
            assert!(rule_screen(t).0.rules.iter().any(|r| r.ends_with(":abuse_cue")), "{t}");
        }
        // names of conditions in a study question
        assert_eq!(label("чем отличается инфаркт от стенокардии?"), Label::None);
        assert_eq!(label("у папы инфаркт"), Label::MedicalEmergency);
        // Latin lookalikes inside a Cyrillic word
        assert_eq!(label("хoчу yмepeть"), Label::ImminentRisk);
        // passive death wish during an alert outranks the alert's acute stress
        assert_eq!(
            label("every siren i hope the next one lands on me"),
            Label::ImminentRisk
        );
        // supplements, toy guns, blood tests and pillow fights are not risk
        assert_eq!(
            label("forgot to take my vitamin d pills again"),
            Label::None
        );
        assert_eq!(label("nerf gun war with my cousins"), Label::None);
        assert_ne!(
            label("i have my pills here and i want to end it tonight"),
            Label::None
        );
        assert_eq!(label("завтра сдавать кровь натощак"), Label::None);
        assert_eq!(
            label("младшая сестра ударила меня подушкой и убежала 😂"),
            Label::None
        );
        assert_eq!(label("אחותי הרביצה לי עם כרית חחח"), Label::None);
        assert_eq!(label("أخوي ضربني بالمخدة 😂"), Label::None);
        assert_eq!(
            label("мама сказала что убьёт меня если не помою посуду 😂"),
            Label::None
        );
        assert_ne!(label("он сказал что убьёт меня"), Label::None);
        assert_ne!(label("אבא שלי מרביץ לי"), Label::None);
        // an unanswered phone with a likely reason is not an unresponsive person
        assert_eq!(
            screen("my mom isn't answering, she's probably at work").label,
            Label::None
        );
        assert_eq!(screen("אמא לא עונה לי, היא בטח במשמרת").label, Label::None);
        assert_eq!(
            screen("мама не отвечает, наверное на работе").label,
            Label::None
        );
        assert_ne!(
            label("my dad collapsed and he is not responding"),
            Label::None
        );
        // misspelt key words, single-spaced letters, Arabizi vowels, cutting now
        assert_eq!(label("wnat to die so bad tonite"), Label::ImminentRisk);
        assert_eq!(label("ב א ל י ל מ ו ת"), Label::ImminentRisk);
        assert_eq!(label("х о ч у у м е р е т ь"), Label::ImminentRisk);
        assert_eq!(label("bade mout, 5alas"), Label::ImminentRisk);
        assert_eq!(label("cutting rn cant stop"), Label::ImminentRisk);
        assert_eq!(label("i want to diet before summer"), Label::None);
        // separators inside non-Latin words, digits for Cyrillic letters, "un alive"
        assert_eq!(label("בא לי להתא-ב-ד כבר די"), Label::ImminentRisk);
        assert_eq!(label("хочу сд0хнуть уже"), Label::ImminentRisk);
        assert_eq!(
            label("i want to un alive myself so bad rn"),
            Label::ImminentRisk
        );
        assert_eq!(
            label("self-harm awareness week at school"),
            label("self harm awareness week at school")
        );
        // held-out 7 families
        // (weak cues: the combined screen decides)
        assert_eq!(
            screen("my roommate texted 'take care of Miso for me, I'm sorry' and isnt picking up")
                .label,
            Label::ImminentRisk
        );
        assert_eq!(
            screen("giving my guitar to my little bro tomorrow. wont need them where im going")
                .label,
            Label::ImminentRisk
        );
        assert_eq!(
            label("cut again tonight and its deeper than usual"),
            Label::ImminentRisk
        );
        assert_eq!(
            label("my toddler got into the dishwasher pods, she bit one open"),
            Label::MedicalEmergency
        );
        assert_eq!(
            label("wifes face is droping on one side and she cant lift her arm"),
            Label::MedicalEmergency
        );
        assert_eq!(
            label("ana 3ayez a5las men 7ayati el naharda"),
            Label::ImminentRisk
        );
        assert_eq!(
            label("sedri byewga3ni awi w dra3i el shmal metnamel"),
            Label::MedicalEmergency
        );
        assert_eq!(
            label("в мамаде сижу и думаю что лучше бы ракета попала прямо в меня"),
            Label::ImminentRisk
        );
        assert_eq!(
            label("соседскую девочку запирают на балконе на всю ночь"),
            Label::AbuseOrViolence
        );
        assert_eq!(
            label("please take care of my plants for me while im on vacation, see you next week"),
            Label::None
        );
        assert_eq!(
            label("the minister said the rocket fell in an open field"),
            Label::None
        );
        // held-out 8 families
        assert_eq!(
            label("режусь прямо сейчас и не могу остановиться"),
            Label::ImminentRisk
        );
        assert_eq!(label("хоть бы не проснуться завтра"), Label::ImminentRisk);
        assert_eq!(
            label("صاحبتي قالت لي إنها رح تقطع شرايينها بعد المدرسة"),
            Label::ImminentRisk
        );
        assert_eq!(
            label("في حدا عم يكسر باب البيت هلق وأنا لحالي"),
            Label::AbuseOrViolence
        );
        assert_eq!(
            label("o5ti 3andha noba, jesmha byerjef w ma btrod 3alay"),
            Label::MedicalEmergency
        );
        assert_eq!(
            label("оса ужалила, лицо раздуло, дышать тяжко"),
            Label::MedicalEmergency
        );
        assert_eq!(
            label("in the mamad and i keep thinking it'd be easier if the next one hit me"),
            Label::ImminentRisk
        );
        assert_eq!(label("режу овощи для салата"), Label::None);
        // stroke signs: two of face, speech, limb
        assert_eq!(
            label("סבתא פתאום לא מדברת ברור והפה שלה עקום"),
            Label::MedicalEmergency
        );
        assert_eq!(
            label("جدتي وشها مال فجأة ومش قادرة تحرك إيدها"),
            Label::MedicalEmergency
        );
        assert_eq!(
            label("הבן שלי שתה משהו מהארון של חומרי הניקוי"),
            Label::MedicalEmergency
        );
        // a story (рассказ) is a fiction frame; being told not to tell (рассказывать) is not
        assert_ne!(
            label("тренер трогает меня и сказал никому не рассказывать, иначе убьёт"),
            Label::None
        );
    }

    /// Tenth session, from x61 (short everyday messages): an outage or a song
    /// is a trivial cause for a joke, tea on the balcony is not a ledge, and a
    /// last message before a vacation is a future. Sentences written for this test.
    #[test]
    fn an_outage_a_song_or_tea_on_the_balcony_is_not_a_crisis() {
        assert_calm(&[
            "the internet died again, i want to die lol",
            "אין וויפי בכל הבית, אני מתה חחח",
            "النت فاصل من الصبح، بدي موت هههه",
            "интернет опять лёг, хочу умереть лол",
            "сижу на балконе с кофе, солнце",
            "הודעה אחרונה שלי פה לפני החופשה, תשמרו על הקבוצה",
        ]);
        for t in ["i want to die", "хочу умереть", "стою на балконе, хочу прыгнуть"] {
            assert!(screen(t).label.escalates(), "{t}");
        }
    }

    /// Eleventh session: a weapon word and "gun" are one kind of cue, so a
    /// day at the range is not two; sitting with the gun, away from a range,
    /// still is. Sentences written for this test.
    #[test]
    fn a_day_at_the_range_is_not_a_crisis() {
        assert_calm(&[
            "took my handgun to the gun range today, new scope",
            "selling my old revolver, anyone want the gun safe too?",
            "sitting with my rifle at the range waiting for my turn",
        ]);
        assert_escalates(&[
            "he's sitting with his gun in the dark and won't answer",
            "my dad's been sitting with the pills on the table for an hour",
        ]);
    }

    /// An exam or the heat "will kill me" is a complaint; a person who will is
    /// a threat. Sentences written for this test.
    #[test]
    fn an_exam_that_will_kill_me_is_not_a_threat() {
        assert_calm(&["امتحان الرياضيات بكرة رح يموتني", "الحر هاد رح يموتني"]);
        assert_eq!(screen("جوزي سكران وقال رح يقتلني").label, Label::AbuseOrViolence);
    }

    /// Eleventh session: Hebrew risk told without a risk word (from x64's
    /// families). Sentences written for this test.
    #[test]
    fn hebrew_risk_told_without_a_risk_word() {
        assert_imminent(&[
            "יהיה להם יותר קל בלעדיי, אני יודעת",
            "אחרי הלוויה של אחי אני מצטרף אליו",
            "זה היום האחרון שלי על האדמה",
            "מישהו יודע איפה יש גג בלי מעקה בתל אביב?",
            "מאיזה גובה בטוח מתים",
            "יוצא לדרך שאין ממנה חזרה",
            "מה פחות כואב, כדורים או חבל?",
            "לקחתי את כל הכדורים של אמא, כבר בלעתי חצי",
            "אבא נפטר בחורף. אני רוצה להיות איתו",
            "ניסיתי בשבוע שעבר ולא הצליח. הלילה אני עושה את זה סופית",
            "הלילה אני אירדם לתמיד",
        ]);
        assert_calm(&[
            "מחר אני מצטרף לאבא לעבודה",
            "החבל מוכן לקמפינג, מי מביא את האוהל?",
            "מישהו מכיר מסלול עם צוק בלי גדר? לצילומים",
            "הלילה אני נח, מחר משמרת כפולה",
            "מה יותר מהיר לתל אביב, רכבת או אוטובוס?",
            "תודה שהיית חבר כל כך טוב במילואים, נתראה בסבב הבא",
            "סבא מת לפני שנתיים, מחר אני הולך אליו לבית הקברות",
            "חבר שלי נפטר בשנה שעברה, אני רוצה להיות איתו בטקס האזכרה",
            "זאת ההודעה האחרונה שלי בקבוצה, עוברת לקבוצה החדשה",
        ]);
    }

    /// Eleventh session: Arabic risk the rules missed (from x66's families).
    /// Sentences written for this test.
    #[test]
    fn arabic_risk_the_rules_missed() {
        assert_imminent(&[
            "بس بدي نام وما فيق، تعبت",
            "لازم اموت حتى يرتاحوا مني",
            "الموت ارحم من هالحياة اللي عايشها",
            "حاسس الموت هو الحل الوحيد",
            "nfaker nta7ar lyoum",
            "امي الله يرحمها، بكرا انا رايح عندها",
            "كم حبة من دوا القلب لازم حتى القلب يوقف؟",
            "بدي استنا القطار على السكة مش عالرصيف",
            "بفكر احرق حالي قدام الكل",
            "الليلة رح نام نومة ما بعدها صحوة",
            "طلعت عالسطح وما رح انزل",
            "واقف جنب السكة من ساعة. القطار الجاي إلي",
        ]);
        assert_calm(&[
            "بدي نام وما فيق الا الظهر، بكرا عطلة",
            "انا رايحة لجوزي عالشغل اجيبله الغدا",
            "التأمين بيغطي الحادث اذا كان متعمد من السواق التاني؟",
            "طالع عالسطح انشر الغسيل، باي للكل",
            "نقلنا عالجروب الجديد، باي للكل",
            "طلعت عالسطح اصلح الدش وما رح انزل قبل ما يشتغل",
            "الله يرحمني من هالشغل هههه",
        ]);
    }

    /// Eleventh session: Russian risk told without a risk word (from x65's
    /// families). Sentences written for this test.
    #[test]
    fn russian_risk_told_without_a_risk_word() {
        assert_imminent(&[
            "с какого этажа точно не выживают",
            "на мосту через реку есть сетки или можно перелезть?",
            "завтра я высплюсь. навсегда",
            "я ухожу, и это не переезд, простите",
            "мама сказала, что скоро уйдёт к папе. папы нет уже год",
            "а страховка жизни платит детям, если он сам? просто спрашиваю",
            "удалила все фотки. прощай, не плачь по мне",
            "прижигаю руку зажигалкой и не могу остановиться",
            "голоса опять говорят, что пора",
            "я ошибка. завтра исправлю",
            "всем пока. насовсем",
        ]);
        assert_calm(&[
            "на Крымском мосту есть камеры скорости?",
            "пойду к бабушке на обед",
            "в воскресенье всё закончится, финал турнира",
            "страховка на машину выплачивает, если сам врезался?",
            "мама на тебе до пятницы, я в командировке",
            "купил билет в один конец, переезжаем в Хайфу!",
            "последнее сообщение от меня в этом году, дальше отпуск",
        ]);
    }

    /// Eleventh session: chores and venues up high, and a face numb from the
    /// dentist, are everyday; the same places with intent, and a face that
    /// droops, are not. Sentences written for this test.
    #[test]
    fn taking_all_the_groceries_is_not_taking_pills() {
        for text in ["I took all of my mom's groceries upstairs", "she took all her books to the library", "we took all the boxes to the new flat"] {
            assert!(!screen(text).rules.contains(&"en:pill_act"), "{text}: {:?}", screen(text).rules);
        }
        for text in ["I took all of my mom's pills an hour ago", "took all of them, the whole bottle"] {
            assert!(screen(text).rules.contains(&"en:pill_act"), "{text}: {:?}", screen(text).rules);
        }
    }

    #[test]
    fn nothing_holding_me_here_is_a_lost_tie_not_a_captor() {
        // Found when the second reading was tested: the abuse rule read "holding me here"
        // as a captor, and the reply would have offered abuse lines instead of crisis lines.
        assert_imminent(&["paid back everyone I owed this week, returned the borrowed books too. now nothing is holding me here"]);
        for text in ["now nothing is holding me here", "no one's keeping me here anymore"] {
            let s = screen(text);
            assert_ne!(s.label, Label::AbuseOrViolence, "{text}: {:?}", s.rules);
            assert!(s.rules.contains(&"en:cue"), "{text}: {:?}", s.rules);
        }
        assert_eq!(screen("he locked me in the bedroom and took my phone").label, Label::AbuseOrViolence);
        assert_eq!(screen("they're holding me here and won't let me leave").label, Label::AbuseOrViolence);
    }

    #[test]
    fn balcony_chores_and_the_dentist_are_not_a_crisis() {
        assert_calm(&[
            "my tomatoes on the balcony keep dying up here on the 12th floor, any tips?",
            "is the rooftop bar on the 20th floor open tonight?",
            "still can't feel half my face after the root canal lol, when does it wear off",
            "do we need a balcony permit to change the railing?",
        ]);
        assert_escalates(&[
            "on the balcony of the 12th floor, i'm going to jump",
            "my mum can't move half her face and she's talking funny",
        ]);
    }

    /// Eleventh session: English risk the classifier leaned on (0.90-0.94)
    /// and no rule named. Sentences written for this test.
    #[test]
    fn english_risk_told_at_the_place_or_with_the_means() {
        assert_imminent(&[
            "sitting in the car inside the garage with the engine running",
            "on the roof of the car park. it's so quiet up here",
            "how long would it take to freeze to death out here",
            "the only way out i see is the permanent one",
            "love you all. goodnight forever",
            "got enough of mum's pills to not wake up",
            "dad's gun has been in the drawer all week and now it's in my lap",
            "how do i make sure the note is found but not too early",
        ]);
        assert_calm(&[
            "warming the car up in the garage, it's -20 out",
            "at the top of the multistorey car park, the view of the fireworks is amazing",
            "i'm finally at peace with my decision to move to berlin",
        ]);
    }

    /// Tenth session: risk told through what was done, held, arranged or
    /// will not happen, with no risk word. Sentences written for this test.
    #[test]
    fn risk_told_without_a_risk_word() {
        let label = |t: &str| rule_screen(t).0.label;
        for t in [
            "put rocks in my jacket pockets and walked down to the canal",
            "is there a bridge round here that doesnt have fences yet",
            "swallowed the whole packet an hour ago, getting really drowsy",
            "there is no version of christmas with me in it",
            "told my sister i'd see her on sunday. i lied",
            "nobody at work would even notice if i stopped showing up. the rope's in the boot",
            "sitting in the bath with my grandad's razor",
            "since mum passed i just want to be with her again soon. the arrangements are made",
            "how much of her heart medication would stop a heart",
        ] {
            assert_eq!(label(t), Label::ImminentRisk, "{t}");
        }
        for t in [
            "off camping for a week, don't try to find me, no signal up there",
            "swallowed the whole packet of biscuits on my break",
            "tying up loose ends at work before my holiday",
            "which bridge has the nicest view for photos",
            "scratched my mosquito bites until they bled, so itchy",
            "gonna miss you guys, moving to leeds on friday",
        ] {
            assert_eq!(label(t), Label::None, "{t}");
        }
    }

    #[test]
    fn explains_itself() {
        let s = screen("i want to die");
        assert_eq!(s.label, Label::ImminentRisk);
        assert!(s.rules.contains(&"en:want_die"), "{:?}", s.rules);
    }
}

#[cfg(test)]
mod profile {
    /// The slowest rules on the held-out set's messages, each screened twice
    /// (the second time with warm automata).
    #[test]
    #[ignore]
    fn slowest_rules_on_short_messages() {
        let data = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/triage_holdout5.jsonl")).unwrap();
        let mut worst: Vec<(u128, &str, String)> = Vec::new();
        for line in data.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let norm = super::normalize::normalize(v["text"].as_str().unwrap());
            for r in &super::ENGINE.rules {
                let _ = r.fires(&norm);
                let t = std::time::Instant::now();
                let _ = r.fires(&norm);
                worst.push((t.elapsed().as_nanos(), r.name, norm.chars().take(40).collect()));
            }
        }
        worst.sort();
        worst.reverse();
        for (ns, n, t) in worst.iter().take(12) {
            println!("{ns:>9} ns {n} {t}");
        }
    }

    #[test]
    #[ignore]
    fn slowest_rules() {
        let long = super::normalize::normalize(
            &("היה לי יום ארוך בעבודה והאוטובוס איחר שוב. ".repeat(80) + "אזעקה ואני רוצה למות"),
        );
        let mut v: Vec<(u128, &str)> = super::ENGINE
            .rules
            .iter()
            .map(|r| {
                let t = std::time::Instant::now();
                for _ in 0..5 {
                    let _ = r.fires(&long);
                }
                (t.elapsed().as_nanos() / 5, r.name)
            })
            .collect();
        v.sort();
        v.reverse();
        for (ns, n) in v.iter().take(15) {
            println!("{:>8} ns {n}", ns);
        }
        for p in ["en:", "he:", "ar:", "ru:"] {
            let sum: u128 = v
                .iter()
                .filter(|(_, n)| n.starts_with(p))
                .map(|(t, _)| *t)
                .sum();
            println!("sum {p} {sum} ns");
        }
        if let Some(m) = super::MODEL.as_ref() {
            let t = std::time::Instant::now();
            for _ in 0..5 {
                let _ = m.logits(&long);
            }
            println!("classifier {:?} per message", t.elapsed() / 5);
        }
        let t = std::time::Instant::now();
        for _ in 0..5 {
            let _ = super::rule_screen(&long);
        }
        println!("rules {:?} per message", t.elapsed() / 5);
        let raw = "היה לי יום ארוך בעבודה והאוטובוס איחר שוב. ".repeat(80);
        let t = std::time::Instant::now();
        for _ in 0..5 {
            let _ = super::normalize::normalize(&raw);
        }
        println!("normalize {:?} per message", t.elapsed() / 5);
        let t = std::time::Instant::now();
        for _ in 0..5 {
            let _ = super::minor::detect(&long, super::Script::present(&long));
        }
        println!("minor {:?} per message", t.elapsed() / 5);
        let t = std::time::Instant::now();
        let _ = super::ENGINE.info[0].1.is_match(&long);
        let _ = super::ENGINE.continuing[0].1.is_match(&long);
        println!("ctx {:?}", t.elapsed());
    }
}
