//! Quick Mode replies (stub).
use crate::{Lang, Situation, Step};

pub fn quick_reply(_step: Step, _situation: Situation, _lang: Lang, last: Option<u32>) -> (String, u32) {
    let i = last.map(|l| (l + 1) % 2).unwrap_or(0);
    (["I'm here with you.", "I'm staying right here with you."][i as usize].to_string(), i)
}
