//! A crisis message in a public channel: a short public answer (the core's
//! `public_text`: commitment and resources, never the person's words) and the
//! full answer somewhere private — a private thread the bot opens with the
//! person, or a DM when a thread cannot be opened.

use std::time::Duration;

use super::channels::GuildSettings;
use super::outbound::Outbound;
use super::render::{parts, send, Target};

/// The private thread's name: nothing about the person or what they wrote.
pub const THREAD_NAME: &str = "CALMe — private conversation";
/// A private step that takes longer than this is given up for the next one.
const STEP_TIMEOUT: Duration = Duration::from_secs(5);

pub const OFFER_THREAD: &str = "I've opened a private thread for us to keep talking: {thread}. \
Only you, me and this server's moderators can see it.";
pub const OFFER_DM: &str = "I've sent you a direct message so we can keep talking privately.";
pub const OFFER_FALLBACK: &str = "You can send me a direct message to keep talking privately.";

pub async fn answer_in_public(out: &dyn Outbound, settings: &GuildSettings, target: &Target, public_text: &str, full_text: &str) {
    let offer = match continue_privately(out, settings, target, full_text).await {
        Private::Thread(id) => OFFER_THREAD.replace("{thread}", &format!("<#{id}>")),
        Private::Dm => OFFER_DM.to_string(),
        Private::Nowhere => OFFER_FALLBACK.to_string(),
    };
    let public = format!("{}\n\n{offer}", public_text.trim());
    let mut reply_to = target.reply_to;
    for part in parts(&public) {
        send(out, target.channel, &part, reply_to.take()).await;
    }
}

enum Private {
    Thread(u64),
    Dm,
    Nowhere,
}

async fn continue_privately(out: &dyn Outbound, settings: &GuildSettings, target: &Target, full_text: &str) -> Private {
    if let Some(guild) = target.guild {
        match tokio::time::timeout(STEP_TIMEOUT, out.open_private_thread(target.channel, target.user, THREAD_NAME)).await {
            Ok(Ok(thread)) => {
                let id = thread.to_string();
                if let Err(err) = settings.update(&guild.to_string(), |s| s.private_threads.push(id)).await {
                    tracing::warn!(error = %err, "could not remember the private thread");
                }
                if post_all(out, thread, full_text).await {
                    return Private::Thread(thread);
                }
            }
            Ok(Err(err)) => tracing::info!(error = %err, "no private thread; trying a DM"),
            Err(_) => tracing::info!("opening a private thread timed out; trying a DM"),
        }
    }
    match tokio::time::timeout(STEP_TIMEOUT, out.open_dm(target.user)).await {
        Ok(Ok(dm)) if post_all(out, dm, full_text).await => Private::Dm,
        Ok(Ok(_)) => Private::Nowhere,
        Ok(Err(err)) => {
            tracing::info!(error = %err, "no DM either");
            Private::Nowhere
        }
        Err(_) => Private::Nowhere,
    }
}

async fn post_all(out: &dyn Outbound, channel: u64, text: &str) -> bool {
    let mut ok = true;
    for part in parts(text) {
        ok &= send(out, channel, &part, None).await.is_some();
    }
    ok
}
