//! Retention and data rights: per-community retention purges, and the export
//! of everything stored about one user (`calme export`). Deleting a user is
//! `Store::forget_user` in the parent module.

use std::time::Duration;

use serde_json::{json, Value};
use sqlx::Row;
use tokio_util::sync::CancellationToken;

use super::{audit_actor, Result, Store};
use crate::message::Platform;
use crate::util::now_ms;

const DAY_MS: i64 = 86_400_000;

/// What the purge may delete.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetentionPolicy {
    /// Days where a community has not set its own; 0 = nothing after the session ends.
    pub default_days: i64,
    /// A session without activity for this long has ended even without /reset.
    /// Keep it above the in-memory eviction time, so no live session loses its rows.
    pub session_idle_ms: i64,
}

impl RetentionPolicy {
    pub fn from_config(config: &crate::config::Config) -> RetentionPolicy {
        RetentionPolicy {
            default_days: i64::from(config.retention.default_days),
            session_idle_ms: (config.session.idle_evict_secs as i64).saturating_mul(2_000).max(60_000),
        }
    }
}

/// How many rows one purge deleted.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct PurgeReport {
    pub messages: u64,
    pub sessions: u64,
    pub users: u64,
}

/// The retention of each session: its community's, else the default.
const EFFECTIVE_DAYS: &str = "COALESCE(c.retention_days, $1)";

impl Store {
    /// Sets a community's retention in days (0 = keep nothing after the
    /// session ends), or `None` to follow the configured default.
    pub async fn set_community_retention(&self, platform: Platform, community: &str, days: Option<i64>) -> Result<()> {
        let id = self.upsert_community(platform, community).await?;
        sqlx::query("UPDATE communities SET retention_days = $1, updated_at = $2 WHERE id = $3")
            .bind(days)
            .bind(now_ms())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Deletes what the retention rules no longer allow, as of `now` (ms):
    /// messages older than their community's retention; with retention 0,
    /// whole sessions once they ended (/reset) or went idle; sessions whose
    /// retention has passed since their last activity; users left with nothing.
    pub async fn purge_expired(&self, policy: RetentionPolicy, now: i64) -> Result<PurgeReport> {
        let idle_before = now - policy.session_idle_ms;
        let mut report = PurgeReport::default();

        // Messages past their retention. Replies go first, so no row is left
        // to a cascade (SQLite would not count those).
        for role in ["assistant", "user"] {
            report.messages += sqlx::query(&format!(
                "DELETE FROM messages WHERE id IN (
                   SELECT m.id FROM messages m JOIN sessions s ON s.id = m.session_id
                   LEFT JOIN communities c ON c.id = s.community_id
                   WHERE m.role = '{role}' AND {EFFECTIVE_DAYS} > 0 AND m.created_at < $2 - {EFFECTIVE_DAYS} * {DAY_MS})"
            ))
            .bind(policy.default_days)
            .bind(now)
            .execute(&self.pool)
            .await?
            .rows_affected();
        }

        // Sessions that are over: retention 0 right away, otherwise once the
        // retention has passed since their last activity.
        let over = format!(
            "SELECT s.id FROM sessions s LEFT JOIN communities c ON c.id = s.community_id
             WHERE (s.ended_at IS NOT NULL
                    OR (s.updated_at < $2
                        AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.session_id = s.id AND r.created_at >= $2)))
               AND ({EFFECTIVE_DAYS} = 0
                    OR COALESCE(s.ended_at, s.updated_at) < $3 - {EFFECTIVE_DAYS} * {DAY_MS})"
        );
        for role in ["assistant", "user"] {
            report.messages += sqlx::query(&format!("DELETE FROM messages WHERE role = '{role}' AND session_id IN ({over})"))
                .bind(policy.default_days)
                .bind(idle_before)
                .bind(now)
                .execute(&self.pool)
                .await?
                .rows_affected();
        }
        report.sessions = sqlx::query(&format!("DELETE FROM sessions WHERE id IN ({over})"))
            .bind(policy.default_days)
            .bind(idle_before)
            .bind(now)
            .execute(&self.pool)
            .await?
            .rows_affected();

        // Users with no session left (and not brand new: they may be opening one right now).
        report.users = sqlx::query(
            "DELETE FROM users WHERE created_at < $1 AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = users.id)",
        )
        .bind(idle_before)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(report)
    }

    /// Everything stored about a user, as JSON: the user row, their sessions
    /// (with the saved conversation state), every message in them, and the
    /// prompt changes they made as a moderator. `user` is `null` when nothing
    /// is stored.
    pub async fn export_user(&self, platform: Platform, user: &str) -> Result<Value> {
        let actor = audit_actor(platform, user);
        let prompt_changes: Vec<Value> = sqlx::query(
            "SELECT c.platform, c.platform_community_id, v.action, v.prompt, v.created_at
             FROM prompt_versions v JOIN communities c ON c.id = v.community_id
             WHERE v.changed_by = $1 ORDER BY v.id",
        )
        .bind(&actor)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|r| {
            json!({
                "community": format!("{}:{}", r.get::<String, _>(0), r.get::<String, _>(1)),
                "action": r.get::<String, _>(2),
                "prompt": r.get::<Option<String>, _>(3),
                "created_at": r.get::<i64, _>(4),
            })
        })
        .collect();
        let mut out = json!({
            "format": "calme-export/1",
            "exported_at": now_ms(),
            "user": Value::Null,
            "sessions": [],
            "messages": [],
            "prompt_changes": prompt_changes,
        });

        let Some(u) = sqlx::query("SELECT id, country, created_at FROM users WHERE platform = $1 AND platform_user_id = $2")
            .bind(platform.as_str())
            .bind(user)
            .fetch_optional(&self.pool)
            .await?
        else {
            return Ok(out);
        };
        let user_id: i64 = u.get(0);
        out["user"] = json!({
            "platform": platform.as_str(),
            "platform_user_id": user,
            "country": u.get::<Option<String>, _>(1),
            "created_at": u.get::<i64, _>(2),
        });

        let sessions: Vec<Value> = sqlx::query(
            "SELECT s.id, s.platform, s.chat_id, c.platform, c.platform_community_id, s.state, s.started_at, s.updated_at, s.ended_at
             FROM sessions s LEFT JOIN communities c ON c.id = s.community_id
             WHERE s.user_id = $1 ORDER BY s.id",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|r| {
            let community = match (r.get::<Option<String>, _>(3), r.get::<Option<String>, _>(4)) {
                (Some(p), Some(id)) => Value::String(format!("{p}:{id}")),
                _ => Value::Null,
            };
            let state: String = r.get(5);
            json!({
                "id": r.get::<i64, _>(0),
                "platform": r.get::<String, _>(1),
                "chat_id": r.get::<String, _>(2),
                "community": community,
                "state": serde_json::from_str::<Value>(&state).unwrap_or(Value::String(state)),
                "started_at": r.get::<i64, _>(6),
                "updated_at": r.get::<i64, _>(7),
                "ended_at": r.get::<Option<i64>, _>(8),
            })
        })
        .collect();
        out["sessions"] = Value::Array(sessions);

        let messages: Vec<Value> = sqlx::query(
            "SELECT id, session_id, role, text, safety_label, source, external_id, reply_to, answered, created_at
             FROM messages WHERE user_id = $1 ORDER BY id",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|r| {
            json!({
                "id": r.get::<i64, _>(0),
                "session_id": r.get::<i64, _>(1),
                "role": r.get::<String, _>(2),
                "text": r.get::<String, _>(3),
                "safety_label": r.get::<Option<String>, _>(4),
                "source": r.get::<Option<String>, _>(5),
                "external_id": r.get::<Option<String>, _>(6),
                "reply_to": r.get::<Option<i64>, _>(7),
                "answered": r.get::<i64, _>(8) != 0,
                "created_at": r.get::<i64, _>(9),
            })
        })
        .collect();
        out["messages"] = Value::Array(messages);
        Ok(out)
    }
}

/// Runs the purge now and then every `every`, until `stop` is cancelled.
pub fn spawn_retention_task(store: Store, policy: RetentionPolicy, every: Duration, stop: CancellationToken) -> tokio::task::JoinHandle<()> {
    let every = every.max(Duration::from_secs(1));
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = stop.cancelled() => break,
                _ = tick.tick() => {}
            }
            match store.purge_expired(policy, now_ms()).await {
                Ok(r) if r.messages + r.sessions + r.users > 0 => {
                    tracing::info!(messages = r.messages, sessions = r.sessions, users = r.users, "retention purge");
                }
                Ok(_) => tracing::debug!("retention purge: nothing expired"),
                Err(e) => tracing::warn!(error = %e, "retention purge failed; will retry"),
            }
        }
    })
}
