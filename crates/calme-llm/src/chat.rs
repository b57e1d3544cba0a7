//! Chat turns and their ChatML rendering.

use crate::config::ChatFormat;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatRole {
    System,
    User,
    Assistant,
}

impl ChatRole {
    pub fn as_str(self) -> &'static str {
        match self {
            ChatRole::System => "system",
            ChatRole::User => "user",
            ChatRole::Assistant => "assistant",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatTurn {
    pub role: ChatRole,
    pub text: String,
}

impl ChatTurn {
    pub fn new(role: ChatRole, text: impl Into<String>) -> ChatTurn {
        ChatTurn { role, text: text.into() }
    }
}

/// Renders turns as the model's template does, ending with the assistant generation prompt.
/// Like SmolLM2's template, a conversation without a system turn gets the default one.
pub fn render_chatml(format: &ChatFormat, turns: &[ChatTurn]) -> String {
    let mut out = String::new();
    let starts_with_system = turns.first().is_some_and(|t| t.role == ChatRole::System);
    if !starts_with_system {
        if let Some(sys) = &format.default_system {
            push_turn(&mut out, format, "system", sys);
        }
    }
    for turn in turns {
        push_turn(&mut out, format, turn.role.as_str(), &turn.text);
    }
    out.push_str(&format.turn_start);
    out.push_str("assistant\n");
    out
}

fn push_turn(out: &mut String, format: &ChatFormat, role: &str, text: &str) {
    out.push_str(&format.turn_start);
    out.push_str(role);
    out.push('\n');
    out.push_str(text);
    out.push_str(&format.turn_end);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt() -> ChatFormat {
        ChatFormat { turn_start: "<|im_start|>".into(), turn_end: "<|im_end|>\n".into(), default_system: Some("Be kind".into()) }
    }

    #[test]
    fn renders_system_user_and_generation_prompt() {
        let turns = vec![ChatTurn::new(ChatRole::System, "S"), ChatTurn::new(ChatRole::User, "hi")];
        assert_eq!(
            render_chatml(&fmt(), &turns),
            "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n"
        );
    }

    #[test]
    fn inserts_default_system_prompt() {
        let turns = vec![ChatTurn::new(ChatRole::User, "hi")];
        assert!(render_chatml(&fmt(), &turns).starts_with("<|im_start|>system\nBe kind<|im_end|>\n"));
    }
}
