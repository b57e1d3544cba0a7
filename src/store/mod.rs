//! Persistence: users, sessions, messages, communities and the prompt audit
//! trail, in SQLite (default) or PostgreSQL, chosen by the database URL.
//! All SQL lives in this module.

mod retention;
mod rows;

pub use retention::{spawn_retention_task, PurgeReport, RetentionPolicy};
pub use rows::*;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor, Row};

use crate::message::Platform;
use crate::util::now_ms;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
/// The longest a message waits for an earlier one of its session that another
/// instance is answering (then that instance is presumed dead).
const ORDER_WAIT_MS: i64 = 120_000;

static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the database {url}: {source}")]
    Open { url: String, source: sqlx::Error },
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("cannot create the data directory {path}: {source}")]
    DataDir { path: String, source: std::io::Error },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A handle to the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

impl Store {
    /// Opens (creating if needed) the database and runs the migrations.
    pub async fn open(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres") { Backend::Postgres } else { Backend::Sqlite };
        if backend == Backend::Sqlite {
            ensure_sqlite_dir(url)?;
        }
        let open_err = |source| StoreError::Open { url: redact_url(url), source };
        let options = AnyConnectOptions::from_str(url).map_err(open_err)?;
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 10 })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;")
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(open_err)?;
        if backend == Backend::Sqlite {
            sqlx::query("PRAGMA journal_mode = WAL").execute(&pool).await?;
            SQLITE_MIGRATIONS.run(&pool).await?;
        } else {
            POSTGRES_MIGRATIONS.run(&pool).await?;
        }
        Ok(Store { pool, backend })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    // ---- users ----

    pub async fn upsert_user(&self, platform: Platform, user: &str) -> Result<i64> {
        let id = sqlx::query_scalar(
            "INSERT INTO users (platform, platform_user_id, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (platform, platform_user_id) DO UPDATE SET platform = excluded.platform
             RETURNING id",
        )
        .bind(platform.as_str())
        .bind(user)
        .bind(now_ms())
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    pub async fn user(&self, platform: Platform, user: &str) -> Result<Option<UserRow>> {
        let row = sqlx::query("SELECT id, country FROM users WHERE platform = $1 AND platform_user_id = $2")
            .bind(platform.as_str())
            .bind(user)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| UserRow { id: r.get(0), country: r.get(1) }))
    }

    pub async fn set_user_country(&self, user_id: i64, country: Option<&str>) -> Result<()> {
        sqlx::query("UPDATE users SET country = $1 WHERE id = $2")
            .bind(country)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    // ---- communities and prompts ----

    pub async fn upsert_community(&self, platform: Platform, community: &str) -> Result<i64> {
        let now = now_ms();
        let id = sqlx::query_scalar(
            "INSERT INTO communities (platform, platform_community_id, created_at, updated_at) VALUES ($1, $2, $3, $3)
             ON CONFLICT (platform, platform_community_id) DO UPDATE SET platform = excluded.platform
             RETURNING id",
        )
        .bind(platform.as_str())
        .bind(community)
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    pub async fn community(&self, platform: Platform, community: &str) -> Result<Option<CommunityRow>> {
        let row = sqlx::query(
            "SELECT id, prompt_override, locale, settings, retention_days FROM communities
             WHERE platform = $1 AND platform_community_id = $2",
        )
        .bind(platform.as_str())
        .bind(community)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| CommunityRow {
            id: r.get(0),
            prompt_override: r.get(1),
            locale: r.get(2),
            settings: r.get(3),
            retention_days: r.get(4),
        }))
    }

    pub async fn set_community_locale(&self, platform: Platform, community: &str, locale: Option<&str>) -> Result<()> {
        let id = self.upsert_community(platform, community).await?;
        sqlx::query("UPDATE communities SET locale = $1, updated_at = $2 WHERE id = $3")
            .bind(locale)
            .bind(now_ms())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn set_community_settings(&self, platform: Platform, community: &str, settings_json: &str) -> Result<()> {
        let id = self.upsert_community(platform, community).await?;
        sqlx::query("UPDATE communities SET settings = $1, updated_at = $2 WHERE id = $3")
            .bind(settings_json)
            .bind(now_ms())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Sets (`Some`) or resets (`None`) a community's prompt override and
    /// records who did it, in one transaction.
    pub async fn set_prompt(&self, platform: Platform, community: &str, prompt: Option<&str>, changed_by: &str) -> Result<()> {
        let id = self.upsert_community(platform, community).await?;
        let now = now_ms();
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE communities SET prompt_override = $1, updated_at = $2 WHERE id = $3")
            .bind(prompt)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO prompt_versions (community_id, action, prompt, changed_by, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(if prompt.is_some() { "set" } else { "reset" })
        .bind(prompt)
        .bind(changed_by)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The audit trail of a community's prompt, oldest first.
    pub async fn prompt_history(&self, platform: Platform, community: &str) -> Result<Vec<PromptVersion>> {
        let rows = sqlx::query(
            "SELECT v.action, v.prompt, v.changed_by, v.created_at FROM prompt_versions v
             JOIN communities c ON c.id = v.community_id
             WHERE c.platform = $1 AND c.platform_community_id = $2 ORDER BY v.id",
        )
        .bind(platform.as_str())
        .bind(community)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| PromptVersion { action: r.get(0), prompt: r.get(1), changed_by: r.get(2), created_at: r.get(3) })
            .collect())
    }

    // ---- sessions ----

    /// The open session of this user in this chat, or a new one. Safe when
    /// several instances ask at once: a unique index allows one open session
    /// per user and chat, and the loser of the race reads the winner's row.
    pub async fn open_session(&self, user_id: i64, platform: Platform, chat: &str, community_id: Option<i64>) -> Result<SessionRow> {
        for _ in 0..3 {
            let existing = sqlx::query(
                "SELECT id, state FROM sessions WHERE user_id = $1 AND chat_id = $2 AND ended_at IS NULL ORDER BY id DESC LIMIT 1",
            )
            .bind(user_id)
            .bind(chat)
            .fetch_optional(&self.pool)
            .await?;
            if let Some(r) = existing {
                return Ok(SessionRow { id: r.get(0), state: r.get(1) });
            }
            let now = now_ms();
            let created: Option<i64> = sqlx::query_scalar(
                "INSERT INTO sessions (user_id, platform, chat_id, community_id, started_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $5)
                 ON CONFLICT (user_id, chat_id) WHERE ended_at IS NULL DO NOTHING
                 RETURNING id",
            )
            .bind(user_id)
            .bind(platform.as_str())
            .bind(chat)
            .bind(community_id)
            .bind(now)
            .fetch_optional(&self.pool)
            .await?;
            if let Some(id) = created {
                return Ok(SessionRow { id, state: "{}".into() });
            }
            // Another instance opened it between our SELECT and INSERT: read theirs.
        }
        Err(StoreError::Db(sqlx::Error::RowNotFound))
    }

    /// Ends a session (the history stays until the user asks to forget it).
    pub async fn end_session(&self, session_id: i64) -> Result<()> {
        sqlx::query("UPDATE sessions SET ended_at = $1 WHERE id = $2 AND ended_at IS NULL")
            .bind(now_ms())
            .bind(session_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn save_session_state(&self, session_id: i64, state_json: &str) -> Result<()> {
        sqlx::query("UPDATE sessions SET state = $1, updated_at = $2 WHERE id = $3")
            .bind(state_json)
            .bind(now_ms())
            .bind(session_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    // ---- messages ----

    /// Stores what the user wrote, before anything is answered. A message the
    /// platform delivers again (same external id) is not stored twice.
    /// With `claimed_by`, a new message is claimed as it is stored, and this
    /// returns once it is its turn: when no earlier message of the session is
    /// still being answered by another instance (see [`Store::claim_message`]).
    pub async fn insert_user_message(&self, m: NewUserMessage<'_>) -> Result<Inserted> {
        if let Some(ext) = m.external_id {
            if let Some(found) = self.find_external(m.user_id, ext).await? {
                return Ok(found);
            }
        }
        let crisis = m.safety_label.and_then(calme_safety::Label::parse).is_some_and(|l| l.escalates());
        if let Some(instance) = m.claimed_by.filter(|_| !crisis) {
            // Store it only once the session's earlier messages are answered, so the history stays in order.
            self.wait_turn(m.session_id, None, instance, ORDER_WAIT_MS).await?;
            if let Some(found) = self.find_external_opt(m.user_id, m.external_id).await? {
                return Ok(found);
            }
        }
        let result = sqlx::query_scalar(
            "INSERT INTO messages (session_id, user_id, role, text, safety_label, external_id, claimed_by, claimed_at, created_at)
             VALUES ($1, $2, 'user', $3, $4, $5, $6, $7, $7) RETURNING id",
        )
        .bind(m.session_id)
        .bind(m.user_id)
        .bind(m.text)
        .bind(m.safety_label)
        .bind(m.external_id)
        .bind(m.claimed_by)
        .bind(now_ms())
        .fetch_one(&self.pool)
        .await;
        match (result, m.external_id) {
            (Ok(id), _) => {
                if let Some(instance) = m.claimed_by.filter(|_| !crisis) {
                    // Closes the race with an instance that stored an earlier message just now.
                    self.wait_turn(m.session_id, Some(id), instance, ORDER_WAIT_MS).await?;
                }
                Ok(Inserted::New(id))
            }
            // Another instance stored the same delivery a moment ago.
            (Err(sqlx::Error::Database(e)), Some(ext)) if e.is_unique_violation() => {
                Ok(self.find_external(m.user_id, ext).await?.unwrap_or(Inserted::New(0)))
            }
            (Err(e), _) => Err(e.into()),
        }
    }

    async fn find_external_opt(&self, user_id: i64, external_id: Option<&str>) -> Result<Option<Inserted>> {
        match external_id {
            Some(ext) => self.find_external(user_id, ext).await,
            None => Ok(None),
        }
    }

    async fn find_external(&self, user_id: i64, external_id: &str) -> Result<Option<Inserted>> {
        let row = sqlx::query("SELECT id, answered FROM messages WHERE user_id = $1 AND external_id = $2")
            .bind(user_id)
            .bind(external_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| {
            let answered: i64 = r.get(1);
            if answered != 0 {
                Inserted::AlreadyAnswered(r.get(0))
            } else {
                Inserted::Unanswered(r.get(0))
            }
        }))
    }

    /// Claims an unanswered user message for this instance, so that two
    /// instances on one database never answer it twice. A claim older than
    /// `stale_ms` (its instance died) can be taken over.
    ///
    /// Keeps each session's order across instances: while an earlier message
    /// of the same session is being answered by another live instance (or was
    /// stored a moment ago and is about to be claimed), this waits — at most
    /// `stale_ms`. Crisis messages never wait.
    pub async fn claim_message(&self, message_id: i64, instance: &str, stale_ms: i64) -> Result<bool> {
        let row = sqlx::query("SELECT session_id, safety_label FROM messages WHERE id = $1")
            .bind(message_id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(false) };
        let label: Option<String> = row.get(1);
        if !label.as_deref().and_then(calme_safety::Label::parse).is_some_and(|l| l.escalates()) {
            self.wait_turn(row.get(0), Some(message_id), instance, stale_ms).await?;
        }
        let now = now_ms();
        let done = sqlx::query(
            "UPDATE messages SET claimed_by = $1, claimed_at = $2
             WHERE id = $3 AND answered = 0 AND (claimed_by IS NULL OR claimed_by = $1 OR claimed_at < $4)",
        )
        .bind(instance)
        .bind(now)
        .bind(message_id)
        .bind(now - stale_ms)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Waits (at most `max_ms`) while a message of the session (before
    /// `before`, when given) is in another instance's hands, so sessions keep
    /// their order across instances.
    async fn wait_turn(&self, session_id: i64, before: Option<i64>, instance: &str, max_ms: i64) -> Result<()> {
        // A SQLite file serves one CALMe process; several instances share PostgreSQL.
        if self.backend == Backend::Sqlite {
            return Ok(());
        }
        let give_up = std::time::Instant::now() + Duration::from_millis(max_ms.max(0) as u64);
        let mut pause = Duration::from_millis(5);
        while self.in_flight_elsewhere(session_id, before, instance, max_ms).await? && std::time::Instant::now() < give_up {
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_millis(100));
        }
        Ok(())
    }

    /// Whether a user message of the session (before `before`) is unanswered
    /// and in another instance's hands: claimed by it and not stale, or stored
    /// in the last few seconds and not claimed yet.
    async fn in_flight_elsewhere(&self, session_id: i64, before: Option<i64>, instance: &str, stale_ms: i64) -> Result<bool> {
        /// How long a stored, unclaimed message is expected to be claimed by the instance that stored it.
        const UNCLAIMED_GRACE_MS: i64 = 5_000;
        let now = now_ms();
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM messages
             WHERE session_id = $1 AND id < $2 AND answered = 0 AND role = 'user'
               AND ((claimed_by IS NULL AND created_at > $3)
                    OR (claimed_by IS NOT NULL AND claimed_by <> $4 AND claimed_at >= $5))",
        )
        .bind(session_id)
        .bind(before.unwrap_or(i64::MAX))
        .bind(now - UNCLAIMED_GRACE_MS)
        .bind(instance)
        .bind(now - stale_ms)
        .fetch_one(&self.pool)
        .await?;
        Ok(n > 0)
    }

    /// Stores the answer and marks the user message answered, atomically.
    pub async fn insert_reply(&self, session_id: i64, user_id: i64, reply_to: Option<i64>, text: &str, source: &str) -> Result<i64> {
        // A trigger (migration 0003) marks `reply_to` answered in the same statement.
        let id = sqlx::query_scalar(
            "INSERT INTO messages (session_id, user_id, role, text, source, reply_to, answered, created_at)
             VALUES ($1, $2, 'assistant', $3, $4, $5, 1, $6) RETURNING id",
        )
        .bind(session_id)
        .bind(user_id)
        .bind(text)
        .bind(source)
        .bind(reply_to)
        .bind(now_ms())
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    /// Marks a user message answered without a stored reply (e.g. a notice).
    pub async fn mark_answered(&self, message_id: i64) -> Result<()> {
        sqlx::query("UPDATE messages SET answered = 1 WHERE id = $1").bind(message_id).execute(&self.pool).await?;
        Ok(())
    }

    /// The newest `limit` messages of a session, oldest first.
    pub async fn history(&self, session_id: i64, limit: i64) -> Result<Vec<StoredMessage>> {
        let rows = sqlx::query(
            "SELECT id, role, text, safety_label, created_at FROM messages WHERE session_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(session_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<StoredMessage> = rows.into_iter().map(stored_message).collect();
        out.reverse();
        Ok(out)
    }

    /// The most recent crisis label (escalating labels only) of any message the
    /// user wrote since `since_ms`, in any chat: a conversation that moves to a
    /// private chat or thread keeps its crisis mode.
    pub async fn recent_escalation(&self, user_id: i64, since_ms: i64) -> Result<Option<String>> {
        let label = sqlx::query_scalar(
            "SELECT safety_label FROM messages
             WHERE user_id = $1 AND role = 'user' AND created_at >= $2
               AND safety_label IN ('imminent_risk', 'medical_emergency', 'abuse_or_violence')
             ORDER BY id DESC LIMIT 1",
        )
        .bind(user_id)
        .bind(since_ms)
        .fetch_optional(&self.pool)
        .await?;
        Ok(label)
    }

    /// How many messages the user wrote in a session.
    pub async fn count_user_messages(&self, session_id: i64) -> Result<u32> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages WHERE session_id = $1 AND role = 'user'")
            .bind(session_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(n.clamp(0, u32::MAX as i64) as u32)
    }

    /// Every message stored for a user across all sessions, oldest first.
    pub async fn user_messages(&self, user_id: i64) -> Result<Vec<StoredMessage>> {
        let rows = sqlx::query(
            "SELECT id, role, text, safety_label, created_at FROM messages WHERE user_id = $1 ORDER BY id",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(stored_message).collect())
    }

    /// Deletes everything stored about a user: the user row and, by cascade,
    /// sessions and messages; their name is scrubbed from prompt audit entries.
    pub async fn forget_user(&self, platform: Platform, user: &str) -> Result<ForgetReport> {
        let mut tx = self.pool.begin().await?;
        let user_id: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE platform = $1 AND platform_user_id = $2")
            .bind(platform.as_str())
            .bind(user)
            .fetch_optional(&mut *tx)
            .await?;
        let mut report = ForgetReport::default();
        if let Some(id) = user_id {
            // Counted first: SQLite does not count rows deleted by cascade (replies to replies).
            let messages: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages WHERE user_id = $1").bind(id).fetch_one(&mut *tx).await?;
            sqlx::query("DELETE FROM messages WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
            report.messages = messages as u64;
            report.sessions = sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id).execute(&mut *tx).await?.rows_affected();
            report.users = sqlx::query("DELETE FROM users WHERE id = $1").bind(id).execute(&mut *tx).await?.rows_affected();
        }
        report.audit_entries_scrubbed = sqlx::query(
            "UPDATE prompt_versions SET changed_by = 'forgotten-user' WHERE changed_by = $1",
        )
        .bind(audit_actor(platform, user))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(report)
    }

    /// Counts rows that still mention a user (for tests and `calme forget`'s report).
    pub async fn rows_about_user(&self, platform: Platform, user: &str) -> Result<i64> {
        let n: i64 = sqlx::query_scalar(
            "SELECT
               (SELECT COUNT(*) FROM users WHERE platform = $1 AND platform_user_id = $2)
             + (SELECT COUNT(*) FROM messages m JOIN users u ON u.id = m.user_id WHERE u.platform = $1 AND u.platform_user_id = $2)
             + (SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.platform = $1 AND u.platform_user_id = $2)
             + (SELECT COUNT(*) FROM prompt_versions WHERE changed_by = $3)",
        )
        .bind(platform.as_str())
        .bind(user)
        .bind(audit_actor(platform, user))
        .fetch_one(&self.pool)
        .await?;
        Ok(n)
    }
}

/// How a moderator is named in the prompt audit trail.
pub fn audit_actor(platform: Platform, user: &str) -> String {
    format!("{platform}:{user}")
}

fn stored_message(r: sqlx::any::AnyRow) -> StoredMessage {
    let role: String = r.get(1);
    StoredMessage {
        id: r.get(0),
        role: if role == "assistant" { MessageRole::Assistant } else { MessageRole::User },
        text: r.get(2),
        safety_label: r.get(3),
        created_at: r.get(4),
    }
}

fn ensure_sqlite_dir(url: &str) -> Result<()> {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let path = path.split('?').next().unwrap_or("");
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    if let Some(parent) = Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|source| StoreError::DataDir { path: parent.display().to_string(), source })?;
    }
    Ok(())
}

/// A database URL without its password, for error messages.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            let user = creds.split(':').next().unwrap_or("");
            format!("{}://{}:***@{}", &url[..s], user, &url[at + 1..])
        }
        _ => url.to_string(),
    }
}
