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

/// Where reply events come from: the core's `ReplyStream` (a channel in unit tests).
pub trait Events: Send {
    fn next_event(&mut self) -> impl std::future::Future<Output = Option<ReplyEvent>> + Send;
}

impl Events for ReplyStream {
    fn next_event(&mut self) -> impl std::future::Future<Output = Option<ReplyEvent>> + Send {
        self.next()
    }
}

/// Follows one reply stream to its end.
pub async fn render(out: &dyn Outbound, settings: &GuildSettings, target: &Target, mut stream: impl Events) {
    let mut posted: Option<u64> = None;
    let mut shown = String::new();
    let mut pending: Option<String> = None;
    let mut last_write: Option<Instant> = None;
    let mut next_typing: Option<Instant> = None;
    loop {
        let flush_at = last_write.map(|t| t + EDIT_EVERY).unwrap_or_else(Instant::now);
        let far = Instant::now() + Duration::from_secs(3600);
        tokio::select! {
            ev = stream.next_event() => match ev {
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
                    if posted.is_some() {
                        // The final edit keeps the pace as well.
                        if let Some(t) = last_write {
                            sleep_until(t + EDIT_EVERY).await;
                        }
                    }
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
    use std::sync::Mutex;

    use async_trait::async_trait;
    use tokio::sync::mpsc;

    impl Events for mpsc::Receiver<ReplyEvent> {
        fn next_event(&mut self) -> impl std::future::Future<Output = Option<ReplyEvent>> + Send {
            self.recv()
        }
    }

    /// Records every call with the (virtual) time it was made.
    #[derive(Default)]
    struct Recorder {
        calls: Mutex<Vec<(Duration, &'static str, String)>>,
        start: Mutex<Option<Instant>>,
    }

    impl Recorder {
        fn note(&self, what: &'static str, text: &str) {
            let start = *self.start.lock().unwrap().get_or_insert_with(Instant::now);
            self.calls.lock().unwrap().push((start.elapsed(), what, text.to_string()));
        }
    }

    #[async_trait]
    impl Outbound for Recorder {
        async fn send(&self, _: u64, text: &str, _: Option<u64>) -> anyhow::Result<u64> {
            self.note("send", text);
            Ok(1)
        }
        async fn edit(&self, _: u64, _: u64, text: &str) -> anyhow::Result<()> {
            self.note("edit", text);
            Ok(())
        }
        async fn typing(&self, _: u64) -> anyhow::Result<()> {
            self.note("typing", "");
            Ok(())
        }
        async fn open_private_thread(&self, _: u64, _: u64, _: &str) -> anyhow::Result<u64> {
            anyhow::bail!("not in this test")
        }
        async fn open_dm(&self, _: u64) -> anyhow::Result<u64> {
            anyhow::bail!("not in this test")
        }
    }

    #[tokio::test]
    async fn streaming_edits_at_most_once_a_second_and_typing_is_renewed() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(&format!("sqlite://{}/t.db?mode=rwc", dir.path().display())).await.unwrap();
        let settings = GuildSettings::new(store);
        tokio::time::pause();
        let out = Recorder::default();
        out.note("start", "");
        let (tx, rx) = mpsc::channel(8);
        let feed = tokio::spawn(async move {
            tx.send(ReplyEvent::Typing).await.unwrap();
            let mut text = String::new();
            for i in 0..200 {
                tokio::time::sleep(Duration::from_millis(100)).await;
                text.push_str(&format!("Step {i}. "));
                tx.send(ReplyEvent::Partial(text.trim().to_string())).await.unwrap();
            }
            tx.send(ReplyEvent::Final(Reply::new(ReplyKind::Model, text.trim()))).await.unwrap();
        });
        let target = Target { channel: 1, reply_to: Some(2), user: 3, guild: None, private: true };
        render(&out, &settings, &target, rx).await;
        feed.await.unwrap();

        let calls = out.calls.lock().unwrap().clone();
        let typing: Vec<Duration> = calls.iter().filter(|c| c.1 == "typing").map(|c| c.0).collect();
        // 20 s of generation: typing at the start, then renewed every 8 s.
        assert!(typing.len() >= 3, "typing renewed: {typing:?}");
        assert!(typing.windows(2).all(|w| w[1] - w[0] >= TYPING_EVERY));
        let writes: Vec<&(Duration, &str, String)> = calls.iter().filter(|c| c.1 == "send" || c.1 == "edit").collect();
        assert_eq!(writes.iter().filter(|c| c.1 == "send").count(), 1, "one message, then edits");
        // Every write, the final one included, is at least a second after the one before.
        assert!(writes.windows(2).all(|w| w[1].0 - w[0].0 >= EDIT_EVERY), "{:?}", writes.iter().map(|c| c.0).collect::<Vec<_>>());
        assert!(writes.len() >= 15 && writes.len() <= 22, "about one write a second over 20 s: {}", writes.len());
        assert!(writes.last().unwrap().2.ends_with("Step 199."));
        assert!(writes.iter().all(|c| c.2.chars().count() <= DISCORD_LIMIT));
    }

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
