//! Designated channels (where the bot answers every message) and the private
//! threads it opened, kept per server in the community `settings` JSON under
//! `"discord"`. Each server's events arrive on one shard, so the process running
//! that shard is the only writer and its in-memory copy stays current.

use std::sync::Arc;

use dashmap::DashMap;
use serde::{Deserialize, Serialize};

use crate::message::Platform;
use crate::store::Store;

/// Threads remembered per server; the oldest are forgotten first.
const MAX_THREADS: usize = 500;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DiscordSettings {
    pub designated_channels: Vec<String>,
    pub private_threads: Vec<String>,
}

impl DiscordSettings {
    pub fn is_designated(&self, channel: &str) -> bool {
        self.designated_channels.iter().any(|c| c == channel)
    }

    pub fn is_bot_thread(&self, channel: &str) -> bool {
        self.private_threads.iter().any(|c| c == channel)
    }
}

pub struct GuildSettings {
    store: Store,
    cache: DashMap<String, Arc<DiscordSettings>>,
}

impl GuildSettings {
    pub fn new(store: Store) -> GuildSettings {
        GuildSettings { store, cache: DashMap::new() }
    }

    /// The server's settings (defaults when it has none or they cannot be read).
    pub async fn get(&self, guild: &str) -> Arc<DiscordSettings> {
        if let Some(s) = self.cache.get(guild) {
            return s.clone();
        }
        let settings = match self.load(guild).await {
            Ok((_, s)) => Arc::new(s),
            Err(err) => {
                tracing::warn!(error = %err, "reading a server's Discord settings failed");
                return Arc::new(DiscordSettings::default());
            }
        };
        self.cache.insert(guild.to_string(), settings.clone());
        settings
    }

    /// Changes the settings and saves them, keeping the other keys of the JSON.
    pub async fn update(&self, guild: &str, change: impl FnOnce(&mut DiscordSettings)) -> anyhow::Result<Arc<DiscordSettings>> {
        let (mut json, mut settings) = self.load(guild).await?;
        change(&mut settings);
        let excess = settings.private_threads.len().saturating_sub(MAX_THREADS);
        settings.private_threads.drain(..excess);
        json.insert("discord".into(), serde_json::to_value(&settings)?);
        self.store
            .set_community_settings(Platform::Discord, guild, &serde_json::Value::Object(json).to_string())
            .await?;
        let settings = Arc::new(settings);
        self.cache.insert(guild.to_string(), settings.clone());
        Ok(settings)
    }

    async fn load(&self, guild: &str) -> anyhow::Result<(serde_json::Map<String, serde_json::Value>, DiscordSettings)> {
        let raw = self.store.community(Platform::Discord, guild).await?.map(|c| c.settings).unwrap_or_default();
        let json = match serde_json::from_str::<serde_json::Value>(&raw) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        };
        let settings = json
            .get("discord")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default();
        Ok((json, settings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn updates_keep_the_other_settings_and_are_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&format!("sqlite://{}/t.db?mode=rwc", dir.path().display())).await.unwrap();
        store.set_community_settings(Platform::Discord, "g1", r#"{"retention_note":"kept"}"#).await.unwrap();
        let settings = GuildSettings::new(store.clone());
        assert!(!settings.get("g1").await.is_designated("c1"));
        settings.update("g1", |s| s.designated_channels.push("c1".into())).await.unwrap();
        assert!(settings.get("g1").await.is_designated("c1"));

        let raw = store.community(Platform::Discord, "g1").await.unwrap().unwrap().settings;
        let json: serde_json::Value = serde_json::from_str(&raw).unwrap();
        assert_eq!(json["retention_note"], "kept");
        assert_eq!(json["discord"]["designated_channels"], serde_json::json!(["c1"]));
        // A fresh process reads the same from the database.
        assert!(GuildSettings::new(store).get("g1").await.is_designated("c1"));
    }

    #[tokio::test]
    async fn remembered_threads_are_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&format!("sqlite://{}/t.db?mode=rwc", dir.path().display())).await.unwrap();
        let settings = GuildSettings::new(store);
        for i in 0..MAX_THREADS + 5 {
            settings.update("g", |s| s.private_threads.push(i.to_string())).await.unwrap();
        }
        let s = settings.get("g").await;
        assert_eq!(s.private_threads.len(), MAX_THREADS);
        assert!(!s.is_bot_thread("0") && s.is_bot_thread(&(MAX_THREADS + 4).to_string()));
    }
}
