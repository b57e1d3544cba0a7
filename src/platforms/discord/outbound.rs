//! The REST calls the adapter makes for messages, behind a small trait so the
//! rendering logic does not depend on serenity. Every message goes out with
//! `allowed_mentions` empty: nothing the model writes can ping anyone.

use std::sync::Arc;

use async_trait::async_trait;
use serenity::all::{
    AutoArchiveDuration, ChannelId, ChannelType, CreateAllowedMentions, CreateMessage, CreateThread, EditMessage, Http,
    MessageId, UserId,
};

#[async_trait]
pub trait Outbound: Send + Sync {
    /// Posts `text`, as a reply to `reply_to` when given; returns the new message's id.
    async fn send(&self, channel: u64, text: &str, reply_to: Option<u64>) -> anyhow::Result<u64>;
    async fn edit(&self, channel: u64, message: u64, text: &str) -> anyhow::Result<()>;
    async fn typing(&self, channel: u64) -> anyhow::Result<()>;
    /// Opens a private thread under `channel` with `user` in it; returns the thread id.
    async fn open_private_thread(&self, channel: u64, user: u64, name: &str) -> anyhow::Result<u64>;
    /// Opens (or finds) the DM channel with `user`; returns its id.
    async fn open_dm(&self, user: u64) -> anyhow::Result<u64>;
}

/// No @everyone/@here, no role or user pings; a reply may notify its author.
pub fn no_pings(notify_replied_user: bool) -> CreateAllowedMentions {
    CreateAllowedMentions::new().replied_user(notify_replied_user)
}

/// The real thing: serenity's HTTP client.
pub struct Rest(pub Arc<Http>);

#[async_trait]
impl Outbound for Rest {
    async fn send(&self, channel: u64, text: &str, reply_to: Option<u64>) -> anyhow::Result<u64> {
        let channel = ChannelId::new(channel);
        let mut msg = CreateMessage::new().content(text).allowed_mentions(no_pings(reply_to.is_some()));
        if let Some(id) = reply_to {
            msg = msg.reference_message((channel, MessageId::new(id)));
        }
        Ok(channel.send_message(&*self.0, msg).await?.id.get())
    }

    async fn edit(&self, channel: u64, message: u64, text: &str) -> anyhow::Result<()> {
        let edit = EditMessage::new().content(text).allowed_mentions(no_pings(false));
        ChannelId::new(channel).edit_message(&*self.0, MessageId::new(message), edit).await?;
        Ok(())
    }

    async fn typing(&self, channel: u64) -> anyhow::Result<()> {
        ChannelId::new(channel).broadcast_typing(&*self.0).await?;
        Ok(())
    }

    async fn open_private_thread(&self, channel: u64, user: u64, name: &str) -> anyhow::Result<u64> {
        let builder = CreateThread::new(name)
            .kind(ChannelType::PrivateThread)
            .invitable(false)
            .auto_archive_duration(AutoArchiveDuration::OneDay);
        let thread = ChannelId::new(channel).create_thread(&*self.0, builder).await?;
        thread.id.add_thread_member(&*self.0, UserId::new(user)).await?;
        Ok(thread.id.get())
    }

    async fn open_dm(&self, user: u64) -> anyhow::Result<u64> {
        Ok(UserId::new(user).create_dm_channel(&*self.0).await?.id.get())
    }
}
