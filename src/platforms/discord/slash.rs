//! The slash commands: their definitions and what an invocation means.
//!
//! Discord sets `default_member_permissions` per top-level command, not per
//! subcommand, so the commands come in two groups: `/calme` for everyone and
//! `/calme-mod` (Manage Server by default, never in DMs) for the moderator ones.
//! Discord's default can be changed by a server's admins, so the handler checks
//! the member's permissions from the interaction again at run time.

use serenity::all::{
    ChannelType, CommandData, CommandDataOption, CommandDataOptionValue, CommandOptionType, CreateCommand,
    CreateCommandOption, Permissions,
};

pub const MEMBER_COMMAND: &str = "calme";
pub const MOD_COMMAND: &str = "calme-mod";
/// The button under the /calme forget question.
pub const FORGET_CONFIRM: &str = "calme:forget:confirm";

/// What an invocation asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// A core command, as the text the core parses (e.g. "/prompt set …").
    Core { text: String, moderator_only: bool },
    ChannelAdd(u64),
    ChannelRemove(u64),
    ChannelList,
    Unknown,
}

/// Whether the member's permissions in this channel make them a moderator.
pub fn is_moderator(permissions: Option<Permissions>) -> bool {
    permissions.is_some_and(|p| p.manage_guild() || p.administrator())
}

pub fn definitions() -> Vec<CreateCommand> {
    let sub = |name: &str, description: &str| CreateCommandOption::new(CommandOptionType::SubCommand, name, description);
    let group = |name: &str, description: &str| CreateCommandOption::new(CommandOptionType::SubCommandGroup, name, description);
    let channel = |description: &str| {
        CreateCommandOption::new(CommandOptionType::Channel, "channel", description)
            .channel_types(vec![ChannelType::Text])
            .required(false)
    };
    let members = CreateCommand::new(MEMBER_COMMAND)
        .description("CALMe: company and small steps through a hard moment")
        .add_option(sub("help", "What I can do"))
        .add_option(sub("reset", "Start a new conversation"))
        .add_option(sub("forget", "Delete everything CALMe stores about you (asks first)"))
        .add_option(
            sub("resources", "Crisis lines for your country").add_sub_option(
                CreateCommandOption::new(CommandOptionType::String, "country", "Two-letter country code, e.g. IL")
                    .min_length(2)
                    .max_length(2)
                    .required(false),
            ),
        )
        .add_option(sub("privacy", "What is stored and who can see it"))
        .add_option(sub("prompt", "Show this server's prompt"));
    let moderators = CreateCommand::new(MOD_COMMAND)
        .description("CALMe settings for moderators")
        .default_member_permissions(Permissions::MANAGE_GUILD)
        .dm_permission(false)
        .add_option(
            group("prompt", "This server's prompt")
                .add_sub_option(sub("show", "Show the prompt"))
                .add_sub_option(
                    sub("set", "Replace the prompt").add_sub_option(
                        CreateCommandOption::new(CommandOptionType::String, "text", "The new prompt")
                            .max_length(4000)
                            .required(true),
                    ),
                )
                .add_sub_option(sub("reset", "Back to CALMe's default prompt")),
        )
        .add_option(
            group("channel", "Channels where I answer every message, without a mention")
                .add_sub_option(sub("add", "Answer every message in a channel").add_sub_option(channel("Default: this channel")))
                .add_sub_option(sub("remove", "Stop answering every message in a channel").add_sub_option(channel("Default: this channel")))
                .add_sub_option(sub("list", "List the designated channels")),
        );
    vec![members, moderators]
}

/// Reads an invocation of either command. `here` is the channel it was used in.
pub fn action(data: &CommandData, here: u64) -> Action {
    if data.name != MEMBER_COMMAND && data.name != MOD_COMMAND {
        return Action::Unknown;
    }
    let Some((group, sub, args)) = path(&data.options) else { return Action::Unknown };
    let string = |name: &str| {
        args.iter().find(|o| o.name == name).and_then(|o| match &o.value {
            CommandDataOptionValue::String(s) => Some(s.trim().to_string()),
            _ => None,
        })
    };
    let channel = || {
        args.iter()
            .find_map(|o| match &o.value {
                CommandDataOptionValue::Channel(c) => Some(c.get()),
                _ => None,
            })
            .unwrap_or(here)
    };
    let core = |text: String, moderator_only: bool| Action::Core { text, moderator_only };
    match (group, sub) {
        (None, "help") => core("/help".into(), false),
        (None, "reset") => core("/reset".into(), false),
        (None, "forget") => core("/forget".into(), false),
        (None, "privacy") => core("/privacy".into(), false),
        (None, "resources") => core(format!("/resources {}", string("country").unwrap_or_default()).trim().to_string(), false),
        (None, "prompt") | (Some("prompt"), "show") => core("/prompt".into(), false),
        (Some("prompt"), "set") => core(format!("/prompt set {}", string("text").unwrap_or_default()), true),
        (Some("prompt"), "reset") => core("/prompt reset".into(), true),
        (Some("channel"), "add") => Action::ChannelAdd(channel()),
        (Some("channel"), "remove") => Action::ChannelRemove(channel()),
        (Some("channel"), "list") => Action::ChannelList,
        _ => Action::Unknown,
    }
}

/// (subcommand group, subcommand, its options).
fn path(options: &[CommandDataOption]) -> Option<(Option<&str>, &str, &[CommandDataOption])> {
    let first = options.first()?;
    match &first.value {
        CommandDataOptionValue::SubCommand(args) => Some((None, first.name.as_str(), args)),
        CommandDataOptionValue::SubCommandGroup(subs) => {
            let sub = subs.first()?;
            match &sub.value {
                CommandDataOptionValue::SubCommand(args) => Some((Some(first.name.as_str()), sub.name.as_str(), args)),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn data(v: serde_json::Value) -> CommandData {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn invocations_become_core_commands() {
        let set = data(json!({"id": "1", "name": "calme-mod", "type": 1, "options": [
            {"name": "prompt", "type": 2, "options": [{"name": "set", "type": 1, "options": [
                {"name": "text", "type": 3, "value": "Be kind to our students."}]}]}]}));
        assert_eq!(action(&set, 5), Action::Core { text: "/prompt set Be kind to our students.".into(), moderator_only: true });
        let res = data(json!({"id": "1", "name": "calme", "type": 1, "options": [
            {"name": "resources", "type": 1, "options": [{"name": "country", "type": 3, "value": "il"}]}]}));
        assert_eq!(action(&res, 5), Action::Core { text: "/resources il".into(), moderator_only: false });
        let add = data(json!({"id": "1", "name": "calme-mod", "type": 1, "options": [
            {"name": "channel", "type": 2, "options": [{"name": "add", "type": 1, "options": []}]}]}));
        assert_eq!(action(&add, 5), Action::ChannelAdd(5));
        let other = data(json!({"id": "1", "name": "cardsearch", "type": 1, "options": []}));
        assert_eq!(action(&other, 5), Action::Unknown);
    }

    #[test]
    fn manage_server_or_admin_makes_a_moderator() {
        assert!(is_moderator(Some(Permissions::MANAGE_GUILD | Permissions::SEND_MESSAGES)));
        assert!(is_moderator(Some(Permissions::ADMINISTRATOR)));
        assert!(!is_moderator(Some(Permissions::SEND_MESSAGES)));
        assert!(!is_moderator(None));
    }
}
