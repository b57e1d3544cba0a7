//! System prompt composition (stub).
use crate::{Lang, Step};
use std::path::Path;

pub struct PromptSet { default_prompt: String }
impl PromptSet {
    pub fn builtin() -> PromptSet { PromptSet { default_prompt: String::new() } }
    pub fn load_dir(_dir: &Path) -> Result<PromptSet, std::io::Error> { Ok(PromptSet::builtin()) }
    pub fn default_prompt(&self) -> &str { &self.default_prompt }
    pub fn compose(&self, community_override: Option<&str>, _step: Step, _crisis: bool, _lang: Lang) -> String {
        community_override.unwrap_or(&self.default_prompt).to_string()
    }
}
