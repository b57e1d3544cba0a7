//! Session slots, ordering and the entry point adapters call.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use calme_safety::{PromptSet, Resources, Screening};
use dashmap::DashMap;
use tokio::sync::{mpsc, OnceCell};
use tokio_util::sync::CancellationToken;
use tracing::{debug, info_span, Instrument};

use super::limits::RateLimits;
use super::metrics::Metrics;
use super::state::SessionState;
use super::texts;
use crate::commands::{self, Command};
use crate::config::Config;
use crate::generator::Generator;
use crate::message::{Incoming, Reply, ReplyEvent, ReplyKind, SessionKey};
use crate::store::Store;
use crate::util::hash_id;

/// How long a crisis seen in one chat keeps a new conversation of the same user in crisis mode.
const CRISIS_CARRY_OVER_MS: i64 = 24 * 3600 * 1000;

/// Settings the core needs, taken from the configuration.
#[derive(Clone, Debug)]
pub struct CoreOptions {
    pub context_tokens: usize,
    pub max_message_chars: usize,
    pub max_reply_chars: usize,
    pub max_new_tokens: usize,
    pub seed: Option<u64>,
    pub first_token_deadline: Duration,
    pub reply_deadline: Duration,
    pub idle_evict: Duration,
    pub queue_depth: usize,
    /// Identifies this process when several share one database.
    pub instance: String,
    /// The model also answers acute moments (`model.answer_acute`).
    pub model_answers_acute: bool,
}

impl CoreOptions {
    pub fn from_config(cfg: &Config) -> CoreOptions {
        CoreOptions {
            context_tokens: cfg.context.max_tokens,
            max_message_chars: cfg.context.max_message_chars,
            max_reply_chars: 4000,
            max_new_tokens: cfg.model.max_new_tokens,
            seed: None,
            first_token_deadline: Duration::from_millis(cfg.model.first_token_deadline_ms),
            reply_deadline: Duration::from_millis(cfg.model.reply_deadline_ms),
            idle_evict: Duration::from_secs(cfg.session.idle_evict_secs),
            queue_depth: cfg.session.queue_depth,
            model_answers_acute: cfg.model.answer_acute,
            instance: default_instance(),
        }
    }
}

/// `CALME_INSTANCE`, else the host name. Stable across restarts, so that a
/// message this instance claimed before a crash is answered after it; give each
/// process its own `CALME_INSTANCE` when several share a host and a database.
fn default_instance() -> String {
    std::env::var("CALME_INSTANCE")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok().map(|h| h.trim().to_string()).filter(|h| !h.is_empty()))
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "calme".into())
}

/// The database ids of a session, loaded once per slot.
#[derive(Clone, Copy, Debug)]
pub(super) struct Ids {
    pub user_id: i64,
    pub session_id: i64,
    pub community_id: Option<i64>,
}

/// The in-memory side of one conversation.
pub(super) struct Slot {
    pub key: SessionKey,
    tx: mpsc::Sender<Job>,
    /// Jobs sent and not yet finished; a slot is evicted only at zero.
    pending: AtomicUsize,
    last_active: Mutex<Instant>,
    pub ids: Mutex<Option<Ids>>,
    pub ids_loaded: OnceCell<()>,
    pub state: Mutex<SessionState>,
    /// The state as last written to the database; unchanged state is not written again.
    saved: Mutex<String>,
    /// SQLite only (one process owns the database): the newest turns of the
    /// current session, kept in step with what is stored, so the context is
    /// not read back from the database for every message.
    pub history: Mutex<Option<(i64, std::collections::VecDeque<crate::generator::Turn>)>>,
    /// Cancels the generation in flight (a crisis, /reset or shutdown).
    pub generation: Mutex<Option<CancellationToken>>,
    pub forget_requested: Mutex<Option<Instant>>,
    /// The person's latest messages as the crisis screen reads them. It also
    /// knows the moment a message escalates, before the state is stored.
    conversation: Mutex<calme_safety::Conversation>,
}

impl Slot {
    pub fn ids(&self) -> Option<Ids> {
        *self.ids.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn state(&self) -> std::sync::MutexGuard<'_, SessionState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds a stored turn to the cached history of `session_id`, if cached.
    pub fn remember(&self, session_id: i64, role: crate::generator::TurnRole, text: &str, window: usize) {
        let mut cache = self.history.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((sid, turns)) = cache.as_mut() {
            if *sid == session_id {
                turns.push_back(crate::generator::Turn { role, text: text.to_string() });
                while turns.len() > window {
                    turns.pop_front();
                }
            } else {
                *cache = None;
            }
        }
    }

    /// Screens a message with the person's recent messages in this
    /// conversation, so an answer like "yes, tonight" is read as what it
    /// answers ([`calme_safety::Conversation`]).
    fn screen(&self, text: &str) -> Screening {
        let in_crisis = self.state().in_crisis();
        let mut conversation = self.conversation.lock().unwrap_or_else(|e| e.into_inner());
        if in_crisis {
            conversation.enter_crisis();
        }
        conversation.screen(text)
    }

    fn forget_recent(&self) {
        self.conversation.lock().unwrap_or_else(|e| e.into_inner()).forget();
    }

    pub fn cancel_generation(&self) {
        if let Some(token) = self.generation.lock().unwrap_or_else(|e| e.into_inner()).take() {
            token.cancel();
        }
    }
}

pub(super) struct Job {
    pub msg: Incoming,
    pub text: String,
    pub kind: JobKind,
    pub out: mpsc::Sender<ReplyEvent>,
    /// The message's span (opened in `handle`), so the actor's work is logged under it.
    pub span: tracing::Span,
}

pub(super) enum JobKind {
    Command(Result<Command, commands::CommandError>),
    Text { screening: Screening, limited: bool },
}

pub(super) struct Inner {
    pub store: Store,
    pub opts: CoreOptions,
    pub generator: Option<Arc<dyn Generator>>,
    pub limits: RateLimits,
    pub resources: Resources,
    pub prompts: PromptSet,
    pub metrics: Metrics,
    slots: DashMap<SessionKey, Arc<Slot>>,
    /// The second reading of messages the screen leans on ([`crate::reread`]), when the sentence
    /// encoder or the model loaded. It runs in the conversation's queue (`converse`), so
    /// messages keep their order.
    pub reread: std::sync::OnceLock<Arc<crate::reread::Reread>>,
    /// Set by [`SessionManager::close`] at shutdown.
    closing: std::sync::atomic::AtomicBool,
}

/// The shared core every adapter talks to. Cheap to clone.
#[derive(Clone)]
pub struct SessionManager {
    pub(super) inner: Arc<Inner>,
}

/// Events of one reply, ending with `ReplyEvent::Final` (or nothing at all
/// when the message needs no answer, e.g. a duplicate delivery).
pub struct ReplyStream {
    rx: mpsc::Receiver<ReplyEvent>,
}

impl ReplyStream {
    pub async fn next(&mut self) -> Option<ReplyEvent> {
        self.rx.recv().await
    }

    /// Waits for the final reply, ignoring progress events.
    pub async fn final_reply(mut self) -> Option<Reply> {
        while let Some(ev) = self.rx.recv().await {
            if let ReplyEvent::Final(r) = ev {
                return Some(r);
            }
        }
        None
    }

    fn closed() -> ReplyStream {
        let (_tx, rx) = mpsc::channel(1);
        ReplyStream { rx }
    }
}

impl SessionManager {
    pub fn new(
        store: Store,
        opts: CoreOptions,
        limits: RateLimits,
        generator: Option<Arc<dyn Generator>>,
        resources: Resources,
        prompts: PromptSet,
    ) -> SessionManager {
        let inner = Arc::new(Inner {
            store,
            opts,
            generator,
            limits,
            resources,
            prompts,
            metrics: Metrics::default(),
            slots: DashMap::new(),
            reread: std::sync::OnceLock::new(),
            closing: std::sync::atomic::AtomicBool::new(false),
        });
        let manager = SessionManager { inner };
        manager.spawn_janitor();
        manager
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    pub fn metrics(&self) -> &Metrics {
        &self.inner.metrics
    }

    pub fn resources(&self) -> &Resources {
        &self.inner.resources
    }

    pub fn prompts(&self) -> &PromptSet {
        &self.inner.prompts
    }

    /// Turns on the second reading of messages the screen leans on (once; later calls are ignored).
    pub fn set_reread(&self, reread: Arc<crate::reread::Reread>) {
        let _ = self.inner.reread.set(reread);
    }

    pub fn has_model(&self) -> bool {
        self.inner.generator.is_some()
    }

    /// The model replies come from, if any.
    pub fn generator(&self) -> Option<&Arc<dyn Generator>> {
        self.inner.generator.as_ref()
    }

    /// Sessions currently held in memory.
    pub fn live_sessions(&self) -> usize {
        self.inner.slots.len()
    }

    /// Handles one incoming message. Never fails: problems become calm replies.
    pub async fn handle(&self, msg: Incoming) -> ReplyStream {
        if !msg.addressed {
            return ReplyStream::closed();
        }
        let span = info_span!(
            "message",
            platform = %msg.platform,
            chat = %hash_id(&msg.chat),
            user = %hash_id(&msg.user),
        );
        self.dispatch(msg).instrument(span).await
    }

    async fn dispatch(&self, msg: Incoming) -> ReplyStream {
        self.inner.metrics.message_in(msg.platform);
        let text = sanitize(&msg.text);
        let (out, rx) = mpsc::channel(64);
        let stream = ReplyStream { rx };

        let kind = match commands::parse(&text, None) {
            Some(cmd) => JobKind::Command(cmd),
            None => {
                let screening = self.slot_entry(&msg).screen(&text);
                Metrics::inc(self.inner.metrics.label(screening.label));
                debug!(label = screening.label.as_str(), rules = ?screening.rules, lang = screening.lang.code(), "screened");
                if screening.label.escalates() {
                    // Crisis: answered at once, ahead of anything queued, never rate limited.
                    let slot = self.slot_for(&msg);
                    slot.cancel_generation();
                    // Recorded now, not when the crisis path gets to it: a message
                    // queued right behind this one is already answered in crisis mode.
                    slot.state().observe(screening.label, screening.minor);
                    let manager = self.clone();
                    tokio::spawn(
                        async move {
                            manager.escalate(&slot, &msg, &text, &screening, &out).await;
                            slot.pending.fetch_sub(1, Ordering::AcqRel);
                        }
                        .in_current_span(),
                    );
                    return stream;
                }
                let limited = self
                    .inner
                    .limits
                    .check(&format!("{}:{}", msg.platform, msg.user), msg.community.as_deref().map(|c| format!("{}:{c}", msg.platform)).as_deref())
                    .is_err();
                JobKind::Text { screening, limited }
            }
        };
        if let JobKind::Command(Ok(Command::Reset | Command::Forget { confirmed: true })) = &kind {
            if let Some(slot) = self.inner.slots.get(&msg.session_key()) {
                slot.cancel_generation();
                slot.forget_recent();
            }
        }
        if self.is_closing() {
            let _ = out.try_send(ReplyEvent::Final(Reply::new(ReplyKind::Notice, texts::SHUTTING_DOWN)));
            return stream;
        }
        self.enqueue(Job { msg, text, kind, out, span: tracing::Span::current() }).await;
        stream
    }

    /// The slot for this message's session, created if needed, with one more pending job.
    fn slot_for(&self, msg: &Incoming) -> Arc<Slot> {
        let slot = self.slot_entry(msg);
        slot.pending.fetch_add(1, Ordering::AcqRel);
        slot
    }

    /// The slot for this message's session, created if needed, marked active.
    fn slot_entry(&self, msg: &Incoming) -> Arc<Slot> {
        let key = msg.session_key();
        let entry = self.inner.slots.entry(key.clone()).or_insert_with(|| self.spawn_slot(key));
        *entry.last_active.lock().unwrap_or_else(|e| e.into_inner()) = Instant::now();
        entry.clone()
    }

    /// Queues a job in its session. A full queue makes the caller wait
    /// (back-pressure on the adapter) rather than drop the message.
    async fn enqueue(&self, job: Job) {
        let slot = self.slot_for(&job.msg);
        self.inner.metrics.queue_depth.fetch_add(1, Ordering::Relaxed);
        if let Err(mpsc::error::SendError(job)) = slot.tx.send(job).await {
            // Only possible if the actor died; say so calmly rather than go silent.
            self.inner.metrics.queue_depth.fetch_sub(1, Ordering::Relaxed);
            slot.pending.fetch_sub(1, Ordering::AcqRel);
            let _ = job.out.try_send(ReplyEvent::Final(Reply::new(ReplyKind::Notice, texts::INTERNAL_ERROR)));
        }
    }

    fn spawn_slot(&self, key: SessionKey) -> Arc<Slot> {
        let (tx, mut rx) = mpsc::channel::<Job>(self.inner.opts.queue_depth);
        let slot = Arc::new(Slot {
            key,
            tx,
            pending: AtomicUsize::new(0),
            last_active: Mutex::new(Instant::now()),
            ids: Mutex::new(None),
            ids_loaded: OnceCell::new(),
            state: Mutex::new(SessionState::default()),
            saved: Mutex::new(String::new()),
            history: Mutex::new(None),
            generation: Mutex::new(None),
            forget_requested: Mutex::new(None),
            conversation: Mutex::new(calme_safety::Conversation::default()),
        });
        // The actor holds only a weak reference: when the janitor drops the
        // slot from the map, the sender goes away and the actor ends.
        let weak = Arc::downgrade(&slot);
        let manager = self.clone();
        tokio::spawn(async move {
            while let Some(job) = rx.recv().await {
                manager.inner.metrics.queue_depth.fetch_sub(1, Ordering::Relaxed);
                let Some(slot) = weak.upgrade() else { break };
                let span = job.span.clone();
                manager.process(&slot, job).instrument(span).await;
                slot.pending.fetch_sub(1, Ordering::AcqRel);
            }
        });
        slot
    }

    /// Drops idle sessions from memory (never from the database).
    fn spawn_janitor(&self) {
        let weak = Arc::downgrade(&self.inner);
        let idle = self.inner.opts.idle_evict;
        let every = (idle / 4).clamp(Duration::from_millis(50), Duration::from_secs(60));
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                let Some(inner) = weak.upgrade() else { break };
                inner.slots.retain(|_, slot| {
                    let busy = slot.pending.load(Ordering::Acquire) > 0;
                    let recent = slot.last_active.lock().map(|t| t.elapsed() < idle).unwrap_or(true);
                    busy || recent
                });
                inner.limits.shrink();
            }
        });
    }

    /// Stops taking new work (shutdown). Crisis messages are still answered;
    /// anything else gets a short "restarting" notice. Work already queued
    /// finishes, in Quick Mode (no new generation starts).
    pub fn close(&self) {
        self.inner.closing.store(true, Ordering::SeqCst);
    }

    pub fn is_closing(&self) -> bool {
        self.inner.closing.load(Ordering::SeqCst)
    }

    /// Cancels every generation in flight (shutdown).
    pub fn cancel_all(&self) {
        for slot in self.inner.slots.iter() {
            slot.cancel_generation();
        }
    }

    /// Waits until no session has work pending, or `timeout` passes.
    pub async fn drain(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            let busy = self.inner.slots.iter().any(|s| s.pending.load(Ordering::Acquire) > 0);
            if !busy {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    async fn process(&self, slot: &Arc<Slot>, job: Job) {
        let out = job.out.clone();
        let result = match job.kind {
            JobKind::Command(cmd) => self.command(slot, &job.msg, cmd, &out).await,
            JobKind::Text { screening, limited } => {
                self.converse(slot, &job.msg, &job.text, &screening, limited, &out).await
            }
        };
        if let Err(err) = result {
            tracing::error!(error = %err, "handling a message failed");
            let _ = out.send(ReplyEvent::Final(Reply::new(ReplyKind::Notice, texts::INTERNAL_ERROR))).await;
        }
    }

    /// Loads (once) the database ids and saved state of a slot's session.
    pub(super) async fn ensure_loaded(&self, slot: &Slot, msg: &Incoming) -> anyhow::Result<Ids> {
        slot.ids_loaded
            .get_or_try_init(|| async {
                let store = &self.inner.store;
                let user_id = store.upsert_user(msg.platform, &msg.user).await?;
                let community_id = match &msg.community {
                    Some(c) => Some(store.upsert_community(msg.platform, c).await?),
                    None => None,
                };
                let session = store.open_session(user_id, msg.platform, &msg.chat, community_id).await?;
                let mut state = SessionState::from_json(&session.state);
                *slot.saved.lock().unwrap_or_else(|e| e.into_inner()) = state.to_json();
                state.user_turns = store.count_user_messages(session.id).await?;
                if !state.in_crisis() {
                    // A crisis a moment ago in another chat (a group, before the
                    // person moved to a private chat or thread) carries over.
                    let since = crate::util::now_ms() - CRISIS_CARRY_OVER_MS;
                    if let Some(label) = store.recent_escalation(user_id, since).await?.as_deref().and_then(calme_safety::Label::parse) {
                        state.observe(label, false);
                    }
                }
                // What this process saw before the load (a crisis escalated a
                // moment ago) stays on top of what was stored.
                let mut current = slot.state.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(label) = current.crisis {
                    state.observe(label, current.minor);
                }
                *current = state;
                *slot.ids.lock().unwrap_or_else(|e| e.into_inner()) =
                    Some(Ids { user_id, session_id: session.id, community_id });
                anyhow::Ok(())
            })
            .await?;
        slot.ids().ok_or_else(|| anyhow::anyhow!("session ids missing after load"))
    }

    /// Saves the slot's state to its session row.
    pub(super) async fn save_state(&self, slot: &Slot) -> anyhow::Result<()> {
        if let Some(ids) = slot.ids() {
            let json = slot.state().to_json();
            if *slot.saved.lock().unwrap_or_else(|e| e.into_inner()) == json {
                return Ok(());
            }
            self.inner.store.save_session_state(ids.session_id, &json).await?;
            *slot.saved.lock().unwrap_or_else(|e| e.into_inner()) = json;
        }
        Ok(())
    }

    /// Forgets the in-memory side of a session (after /forget).
    pub(super) fn drop_slot(&self, key: &SessionKey) {
        self.inner.slots.remove(key);
    }
}

/// Removes control characters (keeping newlines and tabs) and trims.
pub(super) fn sanitize(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .filter(|c| *c != '\u{FFFD}')
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn sanitize_strips_controls_keeps_lines() {
        assert_eq!(sanitize("\u{0}\u{7}hi\u{1b}[31m\nthere\t!\u{FFFD}"), "hi[31m\nthere\t!");
        assert_eq!(sanitize("\u{0}\u{1}\u{2}"), "");
    }
}
