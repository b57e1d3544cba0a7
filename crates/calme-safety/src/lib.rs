//! CALMe safety layer: keeps a conversation safe whatever the model does.
//!
//! - [`screen`]: deterministic, offline crisis screen (five labels, `minor`,
//!   language, and the names of the rules that fired): curated rules, plus a
//!   packaged linear classifier that can raise (never lower) their label;
//!   microseconds per message.
//! - [`Resources`], [`resolve_country`], [`escalation_reply`], [`resources_reply`]:
//!   the hotline directory (config/resources.toml) and the immediate reply.
//! - [`guard_output`]: the output guard run on model text before it is sent.
//! - [`next_step`], [`situation`], [`quick_reply`]: Ma'aseh step tracking and
//!   Quick Mode template replies.
//! - [`PromptSet`]: system prompt composition from prompts/*.md.
//! - [`triage_jsonl`]: the JSON-lines triage behind `calme triage`.
//! - [`SemanticReading`]: a multilingual sentence encoder ([`semantic`]) with a trained head,
//!   for the second reading of messages the screen leans on; milliseconds, not part of [`screen`].
//!
//! Evaluation: `cargo test -p calme-safety --test eval -- --nocapture` prints
//! the confusion matrix and per-language figures on the dev set (asserted
//! thresholds) and on a held-out set the rules were never tuned on.

mod checkin;
mod escalation;
mod guard;
mod prompts;
mod questions;
mod quick;
mod reading;
mod resources;
mod screen;
pub mod semantic;
mod steps;
mod texts;
mod triage;
mod types;

pub use checkin::{check_in, danger_answer};
pub use escalation::{about_someone_else, escalation_reply, escalation_reply_about, resources_reply, Escalation};
pub use guard::{guard_output, guard_reply, guard_reply_so_far, has_maaseh_move, Violation};
pub use prompts::PromptSet;
pub use questions::{direct_answer, direct_question, Question};
pub use quick::{quick_reply, quick_variants};
pub use reading::{screen_features, semantic_dir, SemanticReading};
pub use resources::{country_in_answer, normalize_country, resolve_country, Resource, Resources, ResourcesError};
pub use screen::{
    detect_lang, screen, screen_in_context, trace, warm_up, Conversation, Trace, CONTEXT_CHARS, CONTEXT_MESSAGES, CONTEXT_WINDOW,
};
pub use steps::{carry_situation, next_step, situation, Situation, Step};
pub use triage::{triage_jsonl, triage_jsonl_with};
pub use types::{sticky, Label, Lang, Screening};

/// A fixed text CALMe sends passes the output guard and reads as `lang`.
#[cfg(test)]
pub(crate) fn assert_fit_to_send(text: &str, lang: Lang) {
    assert_eq!(guard_output(text, 2000), Ok(()), "{text}");
    assert_eq!(detect_lang(text), lang, "{text}");
}
