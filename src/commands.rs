//! The commands users and moderators type, defined once for every platform.
//! Adapters map them to Telegram /commands, Discord slash commands or the
//! console; the core parses and enforces them (see `session::commands`).

/// A parsed command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Greets, says what CALMe is and is not. Telegram deep links carry a payload.
    Start { payload: Option<String> },
    /// Lists the commands.
    Help,
    /// Starts a new conversation; the old one stays stored until you use /forget.
    Reset,
    /// Deletes everything stored about you. Asks for confirmation first.
    Forget { confirmed: bool },
    /// Shows crisis lines for your country; `/resources IL` remembers your country.
    Resources { country: Option<String> },
    /// What CALMe stores, who can see it, and what CALMe is not.
    Privacy,
    /// Shows this community's prompt.
    PromptShow,
    /// Moderators: replaces this community's prompt.
    PromptSet { text: String },
    /// Moderators: goes back to the default prompt.
    PromptReset,
    /// Moderators: the community's country, for crisis lines (`/country IL`).
    CommunityCountry { country: String },
}

/// The help text for each command, in the order /help lists them.
pub const HELP: &[(&str, &str)] = &[
    ("/start", "what CALMe is and is not"),
    ("/help", "this list"),
    ("/reset", "start a new conversation"),
    ("/resources [country]", "crisis lines for your country (e.g. /resources IL)"),
    ("/privacy", "what is stored and who can see it"),
    ("/forget", "delete everything CALMe stores about you"),
    ("/prompt", "show this community's prompt"),
    ("/prompt set <text>", "moderators: set this community's prompt"),
    ("/prompt reset", "moderators: back to the default prompt"),
    ("/country <CC>", "moderators: this community's country for crisis lines"),
];

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    #[error("I don't know the command /{0}. Send /help to see what I can do.")]
    Unknown(String),
    #[error("Please add the new prompt text after the command, e.g. /prompt set You help members of our school community.")]
    MissingPrompt,
    #[error("{0}")]
    Usage(&'static str),
}

impl Command {
    /// Commands only moderators may use.
    pub fn needs_moderator(&self) -> bool {
        matches!(self, Command::PromptSet { .. } | Command::PromptReset | Command::CommunityCountry { .. })
    }
}

/// Parses `text` as a command. `None` when the text is not a command at all;
/// `Some(Err)` when it looks like one but is wrong. `bot_name` strips a
/// Telegram-style `/cmd@bot_name` suffix; a command for another bot is `None`.
pub fn parse(text: &str, bot_name: Option<&str>) -> Option<Result<Command, CommandError>> {
    let text = text.trim_start();
    let rest = text.strip_prefix('/')?;
    let (head, args) = match rest.find(char::is_whitespace) {
        Some(i) => (&rest[..i], rest[i..].trim()),
        None => (rest, ""),
    };
    let (name, addressee) = match head.split_once('@') {
        Some((n, a)) => (n, Some(a)),
        None => (head, None),
    };
    if let (Some(a), Some(me)) = (addressee, bot_name) {
        if !a.eq_ignore_ascii_case(me) {
            return None;
        }
    }
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let name = name.to_ascii_lowercase();
    let arg = (!args.is_empty()).then(|| args.to_string());
    Some(match name.as_str() {
        "start" => Ok(Command::Start { payload: arg }),
        "help" => Ok(Command::Help),
        "reset" | "new" => Ok(Command::Reset),
        "forget" => match args.to_ascii_lowercase().as_str() {
            "" => Ok(Command::Forget { confirmed: false }),
            "confirm" | "yes" => Ok(Command::Forget { confirmed: true }),
            _ => Err(CommandError::Usage("Send /forget to start, then /forget confirm to delete everything.")),
        },
        "resources" | "hotline" | "help_now" => Ok(Command::Resources { country: parse_country(args) }),
        "privacy" | "about" => Ok(Command::Privacy),
        "prompt" => parse_prompt(args),
        "setprompt" => match arg {
            Some(text) => Ok(Command::PromptSet { text }),
            None => Err(CommandError::MissingPrompt),
        },
        "resetprompt" => Ok(Command::PromptReset),
        "country" => match parse_country(args) {
            Some(country) => Ok(Command::CommunityCountry { country }),
            None => Err(CommandError::Usage("Use /country with a two-letter country code, e.g. /country IL.")),
        },
        other => Err(CommandError::Unknown(other.to_string())),
    })
}

fn parse_prompt(args: &str) -> Result<Command, CommandError> {
    let (sub, rest) = match args.find(char::is_whitespace) {
        Some(i) => (&args[..i], args[i..].trim()),
        None => (args, ""),
    };
    match sub.to_ascii_lowercase().as_str() {
        "" | "show" => Ok(Command::PromptShow),
        "set" if rest.is_empty() => Err(CommandError::MissingPrompt),
        "set" => Ok(Command::PromptSet { text: rest.to_string() }),
        "reset" => Ok(Command::PromptReset),
        _ => Err(CommandError::Usage("Use /prompt, /prompt set <text> or /prompt reset.")),
    }
}

/// Two letters (ISO 3166-1 alpha-2), upper-cased; anything else is ignored.
fn parse_country(args: &str) -> Option<String> {
    let a = args.trim();
    (a.len() == 2 && a.chars().all(|c| c.is_ascii_alphabetic())).then(|| a.to_ascii_uppercase())
}

/// The /help text.
pub fn help_text() -> String {
    let mut out = String::from("Here is what I can do:\n");
    for (cmd, what) in HELP {
        out.push_str(&format!("{cmd} — {what}\n"));
    }
    out.push_str("Or just write to me: I'm here with you.");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<Result<Command, CommandError>> {
        parse(s, Some("calme_bot"))
    }

    #[test]
    fn plain_text_is_not_a_command() {
        assert_eq!(p("hello"), None);
        assert_eq!(p("1/2 of us are here"), None);
        assert_eq!(p("/ "), None);
        assert_eq!(p("/path/to/file"), None);
    }

    #[test]
    fn every_command_parses() {
        assert_eq!(p("/start"), Some(Ok(Command::Start { payload: None })));
        assert_eq!(p("/start crisis-42"), Some(Ok(Command::Start { payload: Some("crisis-42".into()) })));
        assert_eq!(p("/help"), Some(Ok(Command::Help)));
        assert_eq!(p("/reset"), Some(Ok(Command::Reset)));
        assert_eq!(p("/forget"), Some(Ok(Command::Forget { confirmed: false })));
        assert_eq!(p("/forget confirm"), Some(Ok(Command::Forget { confirmed: true })));
        assert_eq!(p("/forget YES"), Some(Ok(Command::Forget { confirmed: true })));
        assert!(matches!(p("/forget maybe"), Some(Err(CommandError::Usage(_)))));
        assert_eq!(p("/resources"), Some(Ok(Command::Resources { country: None })));
        assert_eq!(p("/resources il"), Some(Ok(Command::Resources { country: Some("IL".into()) })));
        assert_eq!(p("/resources Israel"), Some(Ok(Command::Resources { country: None })));
        assert_eq!(p("/privacy"), Some(Ok(Command::Privacy)));
        assert_eq!(p("/about"), Some(Ok(Command::Privacy)));
        assert_eq!(p("/prompt"), Some(Ok(Command::PromptShow)));
        assert_eq!(p("/prompt show"), Some(Ok(Command::PromptShow)));
        assert_eq!(p("/prompt set Be brief.\nUse Hebrew."), Some(Ok(Command::PromptSet { text: "Be brief.\nUse Hebrew.".into() })));
        assert_eq!(p("/prompt set"), Some(Err(CommandError::MissingPrompt)));
        assert_eq!(p("/prompt reset"), Some(Ok(Command::PromptReset)));
        assert!(matches!(p("/prompt delete"), Some(Err(CommandError::Usage(_)))));
        assert_eq!(p("/setprompt Be kind"), Some(Ok(Command::PromptSet { text: "Be kind".into() })));
        assert_eq!(p("/setprompt"), Some(Err(CommandError::MissingPrompt)));
        assert_eq!(p("/resetprompt"), Some(Ok(Command::PromptReset)));
        assert_eq!(p("/country il"), Some(Ok(Command::CommunityCountry { country: "IL".into() })));
        assert!(matches!(p("/country"), Some(Err(CommandError::Usage(_)))));
    }

    #[test]
    fn bot_suffix_and_case() {
        assert_eq!(p("/HELP@CalMe_Bot"), Some(Ok(Command::Help)));
        assert_eq!(p("/help@other_bot"), None);
        assert_eq!(parse("/help@anyone", None), Some(Ok(Command::Help)));
    }

    #[test]
    fn unknown_command_is_explained() {
        let err = p("/kill").unwrap().unwrap_err();
        assert!(err.to_string().contains("/help"));
    }

    #[test]
    fn only_prompt_changes_need_a_moderator() {
        assert!(Command::PromptSet { text: "x".into() }.needs_moderator());
        assert!(Command::PromptReset.needs_moderator());
        assert!(Command::CommunityCountry { country: "IL".into() }.needs_moderator());
        assert!(!Command::PromptShow.needs_moderator());
        assert!(!Command::Forget { confirmed: true }.needs_moderator());
    }

    #[test]
    fn help_lists_every_command() {
        let h = help_text();
        for (cmd, _) in HELP {
            assert!(h.contains(cmd));
        }
    }
}
