//! The command menus, registered with setMyCommands per scope: private chats,
//! groups, and group administrators (who also see the prompt commands).
//! Descriptions come from the core's `commands::HELP` where it has one.

use teloxide::payloads::SetMyCommandsSetters;
use teloxide::requests::Requester;
use teloxide::types::{BotCommand, BotCommandScope};

use super::bot::TgBot;

/// Commands everyone sees in private chats.
const PRIVATE: &[&str] = &["start", "help", "reset", "resources", "privacy", "forget"];
/// Commands everyone sees in groups.
const GROUP: &[&str] = &["help", "resources", "privacy", "prompt", "reset", "forget"];
/// Added for group administrators.
const ADMIN: &[(&str, &str)] = &[
    ("setprompt", "administrators: set this group's prompt (/setprompt <text>)"),
    ("resetprompt", "administrators: back to the default prompt"),
    ("country", "administrators: this group's country for crisis lines (/country IL)"),
];

/// The menu for each scope.
pub fn menus() -> Vec<(BotCommandScope, Vec<BotCommand>)> {
    let group: Vec<BotCommand> = GROUP.iter().map(|c| command(c)).collect();
    let mut admin = group.clone();
    admin.extend(ADMIN.iter().map(|(c, d)| BotCommand::new(*c, *d)));
    vec![
        (BotCommandScope::AllPrivateChats, PRIVATE.iter().map(|c| command(c)).collect()),
        (BotCommandScope::AllGroupChats, group),
        (BotCommandScope::AllChatAdministrators, admin),
    ]
}

fn command(name: &str) -> BotCommand {
    let description = crate::commands::HELP
        .iter()
        .find(|(usage, _)| usage.trim_start_matches('/').split_whitespace().next() == Some(name))
        .map(|(_, d)| *d)
        .unwrap_or(name);
    BotCommand::new(name, description)
}

/// Registers every menu.
pub async fn register(bot: &TgBot) -> Result<(), teloxide::RequestError> {
    for (scope, commands) in menus() {
        bot.set_my_commands(commands).scope(scope).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menus_are_valid_telegram_commands() {
        for (_, cmds) in menus() {
            for c in cmds {
                assert!(c.command.len() <= 32 && c.command.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'));
                assert!(!c.description.is_empty() && c.description.len() <= 256);
                assert_ne!(c.description, c.command, "{} has no description", c.command);
            }
        }
    }

    #[test]
    fn only_administrators_see_prompt_changes() {
        let menus = menus();
        let has = |i: usize, name: &str| menus[i].1.iter().any(|c| c.command == name);
        assert!(!has(0, "setprompt") && !has(1, "setprompt") && has(2, "setprompt") && has(2, "resetprompt"));
    }
}
