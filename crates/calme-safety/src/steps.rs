//! Ma'aseh step tracking and situation detection.
//!
//! Steps (Farchi): 1 commitment, 2 encouraging effective action, 3 questions
//! that require thinking, 4 structuring the sequence of the event. The step
//! advances one at a time with the conversation, and cues in the new message
//! can move it: being stuck or frozen calls for a task (2), confusion for
//! thinking questions (3), timeline questions or an all-clear for the
//! sequence (4). An emergency holds the conversation at commitment and action.

use crate::screen::normalize::normalize;
use crate::screen::compile_tagged;
use crate::{Label, Screening};
use regex::Regex;
use std::sync::LazyLock;

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Step {
    Commitment = 1,
    Activation = 2,
    Thinking = 3,
    Chronology = 4,
}

impl Step {
    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn from_number(n: u8) -> Option<Step> {
        match n {
            1 => Some(Step::Commitment),
            2 => Some(Step::Activation),
            3 => Some(Step::Thinking),
            4 => Some(Step::Chronology),
            _ => None,
        }
    }

    fn next(self) -> Step {
        Step::from_number(self.number() + 1).unwrap_or(Step::Chronology)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cue {
    Stuck,
    Confused,
    Timeline,
}

/// (cue, language, pattern) over normalised text.
const CUES: &[(Cue, &str, &str)] = &[
    (
        Cue::Stuck,
        "en",
        r"\b(stuck|frozen|froze|cant move|paralyzed|paralysed|dont know what to do|what do i do|what should i do|cant do anything|cant get up)\b",
    ),
    (
        Cue::Stuck,
        "he",
        r"\b(תקוע|תקועה|קפוא|קפואה|משותק|משותקת|לא (מצליח|מצליחה) לזוז|לא (יודע|יודעת) מה לעשות|מה (לעשות|אני עושה))\b",
    ),
    (
        Cue::Stuck,
        "ar",
        r"\b(عالق|عالقه|متجمد|متجمده|مش قادر اتحرك|مش قادره اتحرك|ما بعرف شو اعمل|شو لازم اعمل|ماذا افعل)\b",
    ),
    (
        Cue::Stuck,
        "ru",
        r"\b(застрял\w*|оцепенел\w*|застыл\w*|не могу (двигаться|пошевелиться)|не знаю что делать|что мне делать|что делать)\b",
    ),
    (
        Cue::Confused,
        "en",
        r"\b(confused|i dont understand|dont get it|what is happening|whats happening|whats going on|mixed up|cant think|my head is spinning|blank|lost)\b",
    ),
    (
        Cue::Confused,
        "he",
        r"\b(מבולבל|מבולבלת|לא מבינ|לא מבינה|מה קורה|מה הולכ|הראש שלי מסתובב|בלאגנ בראש)\b",
    ),
    (
        Cue::Confused,
        "ar",
        r"\b(مشوش|مشوشه|مش فاهم|مش فاهمه|شو عم يصير|ماذا يحدث|ضايع|ضايعه|راسي عم يلف)\b",
    ),
    (
        Cue::Confused,
        "ru",
        r"\b(растерян\w*|не понимаю|что происходит|в голове каша|всё смешалось|все смешалось|голова не соображает)\b",
    ),
    (
        Cue::Timeline,
        "en",
        r"\b(all clear|its over|it is over|sirens? (stopped|ended|is over)|we can (leave|go out|come out)|left the shelter|out of the shelter|what happened|when did|how long|what now|whats next|what happens next|afterwards|after this)\b",
    ),
    (
        Cue::Timeline,
        "he",
        r"\b(הותר לצאת|אפשר לצאת|יצאנו מה(ממד|מקלט|מרחב המוגנ)|נגמר|הסתיימ|מה קרה|מתי (זה|התחיל)|כמה זמנ|מה עכשיו|מה הלאה|מה יקרה)\b",
    ),
    (
        Cue::Timeline,
        "ar",
        r"\b(انتهت|انتهي|خلصت|زال الخطر|نقدر نطلع|طلعنا من|شو صار|ماذا حدث|متي|قديش|كم من الوقت|شو هلق|وبعدين|ماذا بعد)\b",
    ),
    (
        Cue::Timeline,
        "ru",
        r"\b(отбой|закончил\w*|можно выходить|вышли из (убежища|укрытия|мамада)|что случилось|что произошло|когда (это|началось)|сколько (времени|ещё|еще)|что теперь|что дальше|что будет дальше)\b",
    ),
];

static CUE_RES: LazyLock<Vec<(Cue, Regex)>> = LazyLock::new(|| compile_tagged(CUES));

fn cues(norm: &str) -> Vec<Cue> {
    CUE_RES
        .iter()
        .filter(|(_, re)| re.is_match(norm))
        .map(|(c, _)| *c)
        .collect()
}

/// Chooses the Ma'aseh step for the next reply. `user_turns` counts the user
/// messages of the session before this one (0 for the first message).
pub fn next_step(prev: Option<Step>, screening: &Screening, user_turns: u32, text: &str) -> Step {
    // Emergency: commit first, then concrete action; never leave for
    // questions or the timeline while the danger is live.
    if screening.label.escalates() {
        return match prev {
            Some(Step::Commitment) | Some(Step::Activation) => Step::Activation,
            _ => Step::Commitment,
        };
    }
    let Some(prev) = prev else {
        return Step::Commitment;
    };
    let found = cues(&normalize(text));
    if found.contains(&Cue::Stuck) {
        return Step::Activation;
    }
    // A fresh wave of acute stress after the conversation had moved on:
    // back to a concrete task.
    if screening.label == Label::AcuteStress
        && prev >= Step::Thinking
        && !found.contains(&Cue::Timeline)
    {
        return Step::Activation;
    }
    if found.contains(&Cue::Timeline) {
        return Step::Chronology;
    }
    if found.contains(&Cue::Confused) {
        return Step::Thinking;
    }
    // No cue: move on one step at a time as the conversation goes on.
    let by_turns = match user_turns {
        0 => Step::Commitment,
        1..=2 => Step::Activation,
        3..=4 => Step::Thinking,
        _ => Step::Chronology,
    };
    if by_turns > prev {
        prev.next()
    } else {
        prev
    }
}

/// The kind of situation, to pick Quick Mode templates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Situation {
    Sirens,
    Panic,
    ChildWriter,
    PhysicalHarm,
    General,
    /// Suicidal intent, self-harm or an overdose: reaching a person and
    /// putting the means out of reach, never a glass of water.
    Risk,
    /// Someone is hurting or threatening the person: safety first (a room
    /// that locks, the emergency number), then a place to go and a person
    /// to tell. Never "open the door".
    Violence,
}

/// Situation from the screening (the rules that fired) and the text.
pub fn situation(screening: &Screening, text: &str) -> Situation {
    let _ = text;
    let groups: Vec<&str> = screening
        .rules
        .iter()
        .map(|r| r.split_once(':').map_or(*r, |(_, g)| g))
        .collect();
    let has = |names: &[&str]| groups.iter().any(|g| names.contains(g));
    // Danger comes before the child's templates: a child at risk, hurt, hiding
    // from violence or alone in a siren needs those tasks first (reach a
    // person, call the emergency number, the protected space).
    if screening.label == Label::ImminentRisk {
        return Situation::Risk;
    }
    if screening.label == Label::AbuseOrViolence {
        return Situation::Violence;
    }
    if screening.label == Label::MedicalEmergency {
        return Situation::PhysicalHarm;
    }
    if has(&["alert", "shelter"]) {
        return Situation::Sirens;
    }
    if screening.minor {
        return Situation::ChildWriter;
    }
    if has(&[
        "panic",
        "panic_attack",
        "breath",
        "heart",
        "shaking",
        "shaking_hard",
        "body",
        "unreal",
        "frozen",
        "fear",
    ]) {
        return Situation::Panic;
    }
    Situation::General
}

/// The situation of a conversation after a message: what the message shows,
/// else what the conversation showed before (`prev`, still current). "The
/// little one won't stop crying" in a shelter is still about the siren, and
/// "ok" after "he isn't breathing" still calls for the ambulance, not for a
/// glass of water.
pub fn carry_situation(prev: Option<Situation>, now: Situation) -> Situation {
    match (prev, now) {
        (Some(p), Situation::General) => p,
        // A child's next message ("mum isn't answering") is still in the siren.
        (Some(p), Situation::ChildWriter) if p != Situation::General => p,
        _ => now,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screen;

    fn step(prev: Option<Step>, turns: u32, text: &str) -> Step {
        next_step(prev, &screen(text), turns, text)
    }

    #[test]
    fn starts_with_commitment_and_advances_one_step_at_a_time() {
        assert_eq!(
            step(None, 0, "sirens, im shaking in the mamad"),
            Step::Commitment
        );
        assert_eq!(
            step(Some(Step::Commitment), 1, "ok im here"),
            Step::Activation
        );
        assert_eq!(step(Some(Step::Activation), 2, "done"), Step::Activation);
        assert_eq!(step(Some(Step::Activation), 3, "done"), Step::Thinking);
        assert_eq!(
            step(Some(Step::Thinking), 5, "three people"),
            Step::Chronology
        );
        // never jumps two steps on turn count alone
        assert_eq!(step(Some(Step::Commitment), 9, "ok"), Step::Activation);
        assert_eq!(step(Some(Step::Chronology), 10, "ok"), Step::Chronology);
    }

    #[test]
    fn cues_move_the_step() {
        assert_eq!(
            step(
                Some(Step::Thinking),
                5,
                "i'm frozen, i don't know what to do"
            ),
            Step::Activation
        );
        assert_eq!(
            step(
                Some(Step::Activation),
                3,
                "i'm so confused, what is happening"
            ),
            Step::Thinking
        );
        assert_eq!(
            step(
                Some(Step::Activation),
                3,
                "all clear, we can leave the shelter"
            ),
            Step::Chronology
        );
        assert_eq!(
            step(Some(Step::Thinking), 4, "הותר לצאת מהממד"),
            Step::Chronology
        );
        assert_eq!(
            step(Some(Step::Thinking), 4, "انتهت الصفارة، ماذا بعد؟"),
            Step::Chronology
        );
        assert_eq!(
            step(Some(Step::Thinking), 4, "дали отбой, что дальше?"),
            Step::Chronology
        );
        assert_eq!(
            step(Some(Step::Chronology), 8, "אני תקועה, לא יודעת מה לעשות"),
            Step::Activation
        );
        assert_eq!(
            step(Some(Step::Commitment), 2, "я растерян, не понимаю"),
            Step::Thinking
        );
    }

    #[test]
    fn new_wave_of_stress_goes_back_to_a_task() {
        assert_eq!(
            step(
                Some(Step::Chronology),
                7,
                "another siren, i'm shaking again"
            ),
            Step::Activation
        );
    }

    #[test]
    fn emergencies_hold_commitment_then_action() {
        assert_eq!(step(None, 1, "i want to kill myself"), Step::Commitment);
        assert_eq!(
            step(Some(Step::Commitment), 2, "i have the pills here"),
            Step::Activation
        );
        assert_eq!(
            step(Some(Step::Activation), 3, "he's not breathing"),
            Step::Activation
        );
        assert_eq!(
            step(
                Some(Step::Chronology),
                9,
                "my dad collapsed and isnt breathing"
            ),
            Step::Commitment
        );
    }

    #[test]
    fn situations() {
        let sit = |t: &str| situation(&screen(t), t);
        assert_eq!(
            sit("tzeva adom, we're in the miklat and the kids are scared"),
            Situation::Sirens
        );
        assert_eq!(sit("panic attack, heart pounding"), Situation::Panic);
        assert_eq!(sit("im 9 and im scared of the dark"), Situation::ChildWriter);
        // A child in a siren or hiding from violence gets those tasks first.
        assert_eq!(
            sit("im 12 and there is a siren and im alone at home"),
            Situation::Sirens
        );
        assert_eq!(
            sit("im 15, my stepdad is beating my mom, i locked myself in the bathroom"),
            Situation::Violence
        );
        assert_eq!(
            sit("my neighbour is bleeding a lot from his leg"),
            Situation::PhysicalHarm
        );
        assert_eq!(sit("my husband hits me"), Situation::Violence);
        assert_eq!(sit("i had a long day"), Situation::General);
        assert_eq!(sit("i took a whole bottle of pills"), Situation::Risk);
        assert_eq!(sit("im 14 and i want to kill myself"), Situation::Risk);
        assert_eq!(sit("אזעקה, אני במקלט ורועדת"), Situation::Sirens);
    }

    #[test]
    fn a_conversation_keeps_its_situation_until_a_message_shows_another() {
        let first = "siren, we're in the stairwell with the kids";
        let then = "the little one won't stop crying";
        let s1 = carry_situation(None, situation(&screen(first), first));
        assert_eq!(s1, Situation::Sirens);
        assert_eq!(situation(&screen(then), then), Situation::General);
        assert_eq!(
            carry_situation(Some(s1), situation(&screen(then), then)),
            Situation::Sirens
        );
        // a new, specific situation replaces the old one
        let panic = "panic attack, my heart is pounding";
        assert_eq!(
            carry_situation(Some(s1), situation(&screen(panic), panic)),
            Situation::Panic
        );
        assert_eq!(carry_situation(None, Situation::General), Situation::General);
        assert_eq!(
            carry_situation(Some(Situation::Sirens), Situation::ChildWriter),
            Situation::Sirens
        );
        assert_eq!(carry_situation(None, Situation::ChildWriter), Situation::ChildWriter);
    }
}
