//! Shows the core's reply on Discord: typing while the model works, the reply
//! growing by edits at most about once per second, the final text split at
//! Discord's 2000 characters, and mentions in it defused.

use std::time::Duration;

use tokio::time::{sleep_until, Instant};

use super::channels::GuildSettings;
use super::crisis;
use super::outbound::Outbound;
use crate::message::{Reply, ReplyEvent, ReplyKind};
use crate::session::ReplyStream;
use crate::util::split_message;

/// Discord's limit on a message's content, in characters.
pub const DISCORD_LIMIT: usize = 2000;
/// At most one edit per this interval while streaming.
const EDIT_EVERY: Duration = Duration::from_secs(1);
/// Discord shows "typing…" for about 10 s; renewed before it fades.
const TYPING_EVERY: Duration = Duration::from_secs(8);

/// Where and for whom a reply is shown.
#[derive(Clone, Debug)]
pub struct Target {
    pub channel: u64,
    /// The message being answered (replies are threaded to it).
    pub reply_to: Option<u64>,
    pub user: u64,
    pub guild: Option<u64>,
    /// A DM or a private thread the bot opened: full crisis texts may go here.
    pub private: bool,
}

/// Makes mentions inert: a zero-width space after `@` in `@everyone`, `@here`
/// and `<@…>` user/role mentions. (`allowed_mentions` is empty as well.)
pub fn neutralise_mentions(text: &str) -> String {
    text.replace("@everyone", "@\u{200B}everyone")
        .replace("@here", "@\u{200B}here")
        .replace("<@", "<@\u{200B}")
}

/// The parts a text is posted in, each within Discord's limit.
pub fn parts(text: &str) -> Vec<String> {
    split_message(&neutralise_mentions(text), DISCORD_LIMIT)
}

/// Follows one reply stream to its end.
pub async fn render(out: &dyn Outbound, settings: &GuildSettings, target: &Target, mut stream: ReplyStream) {
    let mut posted: Option<u64> = None;
    let mut shown = String::new();
    let mut pending: Option<String> = None;
    let mut last_write: Option<Instant> = None;
    let mut next_typing: Option<Instant> = None;
    loop {
        let flush_at = last_write.map(|t| t + EDIT_EVERY).unwrap_or_else(Instant::now);
        let far = Instant::now() + Duration::from_secs(3600);
        tokio::select! {
            ev = stream.next() => match ev {
                None => return,
                Some(ReplyEvent::Typing) => {
                    if next_typing.is_none() {
                        typing(out, target).await;
                        next_typing = Some(Instant::now() + TYPING_EVERY);
                    }
                }
                Some(ReplyEvent::Partial(text)) => {
                    pending = Some(text);
                    next_typing.get_or_insert_with(Instant::now);
                }
                Some(ReplyEvent::Final(reply)) => {
                    finish(out, settings, target, posted, &shown, reply).await;
                    return;
                }
            },
            _ = sleep_until(flush_at), if pending.is_some() => {
                let text = pending.take().unwrap_or_default();
                let first = parts(&text).into_iter().next().unwrap_or_default();
                if !first.is_empty() && first != shown {
                    match posted {
                        None => posted = send(out, target.channel, &first, target.reply_to).await,
                        Some(id) => edit(out, target.channel, id, &first).await,
                    }
                    shown = first;
                }
                last_write = Some(Instant::now());
            }
            _ = sleep_until(next_typing.unwrap_or(far)), if next_typing.is_some() => {
                typing(out, target).await;
                next_typing = Some(Instant::now() + TYPING_EVERY);
            }
        }
    }
}

async fn finish(out: &dyn Outbound, settings: &GuildSettings, target: &Target, posted: Option<u64>, shown: &str, reply: Reply) {
    if let ReplyKind::Escalation { public_text } = &reply.kind {
        if !target.private {
            crisis::answer_in_public(out, settings, target, public_text, &reply.text).await;
            return;
        }
    }
    if reply.private && !target.private {
        // Only the sender should see this (e.g. /forget typed in a channel): send it by DM.
        match out.open_dm(target.user).await {
            Ok(dm) => {
                for part in parts(&reply.text) {
                    send(out, dm, &part, None).await;
                }
            }
            Err(err) => tracing::warn!(error = %err, "could not open a DM for a private reply"),
        }
        return;
    }
    let parts = parts(&reply.text);
    let mut rest = parts.iter();
    if let Some(first) = rest.next() {
        match posted {
            Some(id) if first != shown => edit(out, target.channel, id, first).await,
            Some(_) => {}
            None => {
                send(out, target.channel, first, target.reply_to).await;
            }
        }
    }
    for part in rest {
        send(out, target.channel, part, None).await;
    }
}

pub async fn send(out: &dyn Outbound, channel: u64, text: &str, reply_to: Option<u64>) -> Option<u64> {
    match out.send(channel, text, reply_to).await {
        Ok(id) => Some(id),
        Err(err) => {
            tracing::warn!(error = %err, "sending a Discord message failed");
            None
        }
    }
}

async fn edit(out: &dyn Outbound, channel: u64, message: u64, text: &str) {
    if let Err(err) = out.edit(channel, message, text).await {
        tracing::warn!(error = %err, "editing a Discord message failed");
    }
}

async fn typing(out: &dyn Outbound, target: &Target) {
    if let Err(err) = out.typing(target.channel).await {
        tracing::debug!(error = %err, "typing indicator failed");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_defused() {
        let t = neutralise_mentions("hi @everyone and @here, <@123> <@!5> <@&77>");
        assert!(!t.contains("@everyone") && !t.contains("@here"));
        assert!(!t.contains("<@1") && !t.contains("<@!") && !t.contains("<@&"));
        assert!(t.contains("everyone") && t.contains("123"));
    }

    #[test]
    fn long_replies_split_within_the_limit() {
        let text = "A calm sentence to breathe with. ".repeat(200);
        let p = parts(&text);
        assert!(p.len() > 1);
        assert!(p.iter().all(|x| x.chars().count() <= DISCORD_LIMIT));
    }
}
