//! Quick Mode: templated Ma'aseh replies per step, situation and language,
//! used when the model is absent, overloaded, late, rejected by the output
//! guard, or cannot write the user's language well. Variants rotate so the
//! same sentence never comes twice in a row within a session.

mod ar;
mod en;
mod he;
mod ru;

use crate::{Lang, Situation, Step};

type Table = [[&'static [&'static str]; 7]; 4];

fn table(lang: Lang) -> &'static Table {
    match lang {
        Lang::En => &en::T,
        Lang::He => &he::T,
        Lang::Ar => &ar::T,
        Lang::Ru => &ru::T,
    }
}

fn situation_index(s: Situation) -> usize {
    match s {
        Situation::Sirens => 0,
        Situation::Panic => 1,
        Situation::ChildWriter => 2,
        Situation::PhysicalHarm => 3,
        Situation::General => 4,
        Situation::Risk => 5,
        Situation::Violence => 6,
    }
}

/// All variants for a step, situation and language.
pub fn quick_variants(step: Step, situation: Situation, lang: Lang) -> &'static [&'static str] {
    table(lang)[(step.number() - 1) as usize][situation_index(situation)]
}

/// A Quick Mode reply. `last` is the index this session used last; the
/// returned index is different whenever there are two or more variants.
pub fn quick_reply(
    step: Step,
    situation: Situation,
    lang: Lang,
    last: Option<u32>,
) -> (String, u32) {
    let v = quick_variants(step, situation, lang);
    let n = v.len().max(1) as u32;
    let i = match last {
        Some(l) => (l + 1) % n,
        None => 0,
    };
    (v.get(i as usize).copied().unwrap_or("").to_string(), i)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STEPS: [Step; 4] = [
        Step::Commitment,
        Step::Activation,
        Step::Thinking,
        Step::Chronology,
    ];
    const SITUATIONS: [Situation; 7] = [
        Situation::Sirens,
        Situation::Panic,
        Situation::ChildWriter,
        Situation::PhysicalHarm,
        Situation::General,
        Situation::Risk,
        Situation::Violence,
    ];

    #[test]
    fn every_cell_has_variants_that_pass_the_guard() {
        for lang in Lang::ALL {
            for step in STEPS {
                for sit in SITUATIONS {
                    let v = quick_variants(step, sit, lang);
                    assert!(v.len() >= 2, "{lang:?} {step:?} {sit:?}");
                    for t in v {
                        crate::assert_fit_to_send(t, lang);
                    }
                }
            }
        }
    }

    #[test]
    fn never_repeats_in_a_row() {
        for lang in Lang::ALL {
            for step in STEPS {
                for sit in SITUATIONS {
                    let mut last = None;
                    let mut prev = String::new();
                    for _ in 0..7 {
                        let (t, i) = quick_reply(step, sit, lang, last);
                        assert_ne!(t, prev);
                        prev = t;
                        last = Some(i);
                    }
                }
            }
        }
    }

    #[test]
    fn no_task_opens_a_window_or_a_door_or_sends_the_person_away() {
        // General and panic tasks also reach people during an alert that the
        // screen did not recognise, and people at risk: windows and leaving
        // the room are never the task. Physical harm includes someone hiding
        // from the person who hurts them: never "open the door".
        let unsafe_words = [
            "window", "another room", "open the door", "חלון", "חדר אחר", "לפתוח את הדלת",
            "نافذ", "غرفة أخرى", "افتح الباب", "окн", "другую комнату", "откройте дверь",
        ];
        for lang in Lang::ALL {
            for step in STEPS {
                for sit in SITUATIONS {
                    for t in quick_variants(step, sit, lang) {
                        let lower = t.to_lowercase();
                        assert!(
                            !unsafe_words.iter().any(|w| lower.contains(w)),
                            "{lang:?} {step:?} {sit:?}: {t}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn stale_index_is_safe() {
        let (t, i) = quick_reply(Step::Thinking, Situation::Panic, Lang::En, Some(99));
        assert!(!t.is_empty() && i < 2);
    }
}
