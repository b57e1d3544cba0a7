//! serenity's events in, calls to the core out.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use serenity::all::{Command, Context, EventHandler, Interaction, Message, Ready, UserId};
use serenity::async_trait;

use super::addressing::{self, Addressed};
use super::channels::GuildSettings;
use super::order::{Reorder, Seen};
use super::outbound::Rest;
use super::render::{self, Target};
use super::{interactions, slash};
use crate::app::App;
use crate::message::{Incoming, SessionKey};
use crate::util::hash_id;

/// How long the first message of a burst waits for the rest (see `order`).
const ORDER_WINDOW: Duration = Duration::from_millis(50);
/// Message ids remembered against gateway replays.
const SEEN_CAPACITY: usize = 20_000;

pub struct Handler {
    shared: Arc<Shared>,
}

/// The adapter's state, shared by every event task.
pub struct Shared {
    pub app: App,
    pub settings: GuildSettings,
    me: OnceLock<UserId>,
    registered: AtomicBool,
    order: Reorder<SessionKey, Job>,
    seen: Seen,
}

struct Job {
    incoming: Incoming,
    target: Target,
}

impl Handler {
    pub fn new(app: App) -> Handler {
        let settings = GuildSettings::new(app.manager.store().clone());
        Handler {
            shared: Arc::new(Shared {
                app,
                settings,
                me: OnceLock::new(),
                registered: AtomicBool::new(false),
                order: Reorder::new(ORDER_WINDOW),
                seen: Seen::new(SEEN_CAPACITY),
            }),
        }
    }
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        let _ = self.shared.me.set(ready.user.id);
        tracing::info!(shard = ?ready.shard.map(|s| s.id.0), guilds = ready.guilds.len(), "connected to Discord");
        let first_shard = ready.shard.is_none_or(|s| s.id.0 == 0);
        if first_shard && !self.shared.registered.swap(true, Ordering::SeqCst) {
            match Command::set_global_commands(&ctx.http, slash::definitions()).await {
                Ok(cmds) => tracing::info!(count = cmds.len(), "slash commands registered"),
                Err(err) => {
                    tracing::warn!(error = %err, "registering slash commands failed; retrying at the next READY");
                    self.shared.registered.store(false, Ordering::SeqCst);
                }
            }
        }
    }

    async fn message(&self, ctx: Context, msg: Message) {
        self.shared.on_message(ctx, msg).await;
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        // A gateway replay must not answer an interaction twice (Discord would refuse the second answer).
        if !self.shared.seen.first_time(&format!("interaction:{}", interaction.id())) {
            return;
        }
        interactions::handle(&self.shared, &ctx, interaction).await;
    }
}

impl Shared {
    async fn on_message(self: &Arc<Self>, ctx: Context, msg: Message) {
        let Some(&me) = self.me.get() else { return };
        if !addressing::is_from_a_person(&msg, me) {
            return;
        }
        let why = match addressing::direct_reason(&msg, me) {
            Some(why) => why,
            None => self.channel_reason(&msg).await,
        };
        if !why.is_addressed() {
            // Not meant for the bot: never passed to the core, never stored.
            return;
        }
        let incoming = addressing::incoming(&msg, me, why);
        if !self.seen.first_time(incoming.external_id.as_deref().unwrap_or_default()) {
            tracing::debug!(chat = %hash_id(&incoming.chat), "message delivered again (gateway replay); already handled");
            return;
        }
        let target = Target {
            channel: msg.channel_id.get(),
            reply_to: msg.guild_id.map(|_| msg.id.get()),
            user: msg.author.id.get(),
            guild: msg.guild_id.map(|g| g.get()),
            private: why.is_private(),
        };
        let key = incoming.session_key();
        let burst = self.order.arrive(key, msg.id.get(), Job { incoming, target }).await;
        let out = Arc::new(Rest(ctx.http.clone()));
        for job in burst {
            // In order: the core queues each session's messages as they are handed over.
            let stream = self.app.manager.handle(job.incoming).await;
            let (shared, out) = (self.clone(), out.clone());
            tokio::spawn(async move { render::render(&*out, &shared.settings, &job.target, stream).await });
        }
    }

    /// A server message without a mention or reply: answered only in a
    /// designated channel or in a private thread the bot opened.
    async fn channel_reason(&self, msg: &Message) -> Addressed {
        let Some(guild) = msg.guild_id else { return Addressed::Direct };
        let settings = self.settings.get(&guild.to_string()).await;
        let channel = msg.channel_id.to_string();
        if settings.is_bot_thread(&channel) {
            Addressed::BotThread
        } else if settings.is_designated(&channel) {
            Addressed::Designated
        } else {
            Addressed::No
        }
    }
}
