//! CALMe safety layer.
//!
//! Everything that keeps a conversation safe whatever the language model does:
//! the deterministic crisis screen (before the model), the hotline directory and
//! escalation replies, the output guard (after the model), Ma'aseh step tracking,
//! Quick Mode template replies and the system-prompt composition.

mod types;
mod screen;
mod resources;
mod escalation;
mod texts;
mod steps;
mod quick;
mod prompts;
mod guard;
mod triage;

pub use types::{sticky, Label, Lang, Screening};
pub use screen::{detect_lang, screen, warm_up};
pub use resources::{normalize_country, resolve_country, Resource, Resources, ResourcesError};
pub use escalation::{escalation_reply, resources_reply, Escalation};
pub use steps::{next_step, situation, Situation, Step};
pub use quick::{quick_reply, quick_variants};
pub use prompts::PromptSet;
pub use guard::{guard_output, Violation};
pub use triage::triage_jsonl;
