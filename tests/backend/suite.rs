//! The test bodies, one `pub async fn` per promise, each on a fresh database.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use calme::app::App;
use calme::generator::{GenError, GenEvent, GenHandle, GenRequest, Generator, TokenCounter};
use calme::message::{Incoming, Platform, ReplyKind};
use calme::session::limits::RateLimits;
use calme::session::{CoreOptions, SessionManager};
use calme::store::{Inserted, MessageRole, NewUserMessage, RetentionPolicy, Store};
use calme::util::now_ms;
use tokio::sync::mpsc;

use super::TestDb;
use crate::common::{echo_reply, in_community, spawn_app, unlimited, Echo, WordCounter};

const DAY: i64 = 86_400_000;

fn user_msg<'a>(session_id: i64, user_id: i64, text: &'a str, ext: Option<&'a str>, claimed_by: Option<&'a str>) -> NewUserMessage<'a> {
    NewUserMessage { session_id, user_id, text, safety_label: Some("none"), external_id: ext, claimed_by }
}

/// Echo, after a pause: makes two instances' work overlap.
struct SlowEcho(Duration);

impl Generator for SlowEcho {
    fn name(&self) -> &str {
        "slow-echo"
    }
    fn counter(&self) -> &dyn TokenCounter {
        &WordCounter
    }
    fn start(&self, req: GenRequest) -> Result<GenHandle, GenError> {
        let last = req.turns.last().map(|t| t.text.clone()).unwrap_or_default();
        let (tx, rx) = mpsc::channel(4);
        let pause = self.0;
        tokio::spawn(async move {
            tokio::time::sleep(pause).await;
            let _ = tx.send(GenEvent::Text(echo_reply(&last))).await;
            let _ = tx.send(GenEvent::Done { tokens: 2, ttft_ms: pause.as_millis() as u64, tokens_per_sec: 10.0 }).await;
        });
        Ok(GenHandle::new(rx, || {}))
    }
}

/// An app with its own instance name (as a separate process would have).
async fn instance(db: &TestDb, name: &str, generator: Arc<dyn Generator>) -> App {
    let config = unlimited(db.config());
    let store = Store::open(&db.url).await.unwrap();
    let mut opts = CoreOptions::from_config(&config);
    opts.instance = name.to_string();
    let manager = SessionManager::new(
        store,
        opts,
        RateLimits::new(&config.limits),
        Some(generator),
        calme_safety::Resources::builtin(),
        calme_safety::PromptSet::builtin(),
    );
    App { config, manager, model_status: Ok("test".into()) }
}

// ---- store ----

pub async fn users_communities_and_prompt_audit(db: &TestDb) {
    let store = Store::open(&db.url).await.unwrap();
    let a = store.upsert_user(Platform::Telegram, "42").await.unwrap();
    assert_eq!(store.upsert_user(Platform::Telegram, "42").await.unwrap(), a, "upsert is idempotent");
    assert_ne!(store.upsert_user(Platform::Discord, "42").await.unwrap(), a, "ids are per platform");
    store.set_user_country(a, Some("IL")).await.unwrap();
    assert_eq!(store.user(Platform::Telegram, "42").await.unwrap().unwrap().country.as_deref(), Some("IL"));

    store.set_prompt(Platform::Discord, "g", Some("Be brief."), "discord:mod").await.unwrap();
    store.set_prompt(Platform::Discord, "g", None, "discord:mod").await.unwrap();
    store.set_community_locale(Platform::Discord, "g", Some("he-IL")).await.unwrap();
    let c = store.community(Platform::Discord, "g").await.unwrap().unwrap();
    assert_eq!(c.prompt_override, None);
    assert_eq!(c.locale.as_deref(), Some("he-IL"));
    assert_eq!(c.retention_days, None);
    let h = store.prompt_history(Platform::Discord, "g").await.unwrap();
    assert_eq!(h.iter().map(|v| v.action.as_str()).collect::<Vec<_>>(), ["set", "reset"]);
    assert_eq!(h[0].prompt.as_deref(), Some("Be brief."));
    store.ping().await.unwrap();
}

pub async fn one_open_session_per_chat_even_when_opened_concurrently(db: &TestDb) {
    let store = Store::open(&db.url).await.unwrap();
    let user = store.upsert_user(Platform::Telegram, "u").await.unwrap();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let store = store.clone();
        tasks.spawn(async move { store.open_session(user, Platform::Telegram, "chat", None).await.unwrap().id });
    }
    let mut ids = Vec::new();
    while let Some(id) = tasks.join_next().await {
        ids.push(id.unwrap());
    }
    ids.dedup();
    assert!(ids.windows(2).all(|w| w[0] == w[1]), "one open session, got {ids:?}");
    store.end_session(ids[0]).await.unwrap();
    let next = store.open_session(user, Platform::Telegram, "chat", None).await.unwrap();
    assert_ne!(next.id, ids[0], "an ended session is not reopened");
}

pub async fn a_delivery_is_stored_once_and_claimed_once(db: &TestDb) {
    let store = Store::open(&db.url).await.unwrap();
    let user = store.upsert_user(Platform::Telegram, "u").await.unwrap();
    let session = store.open_session(user, Platform::Telegram, "u", None).await.unwrap().id;
    // Ten concurrent deliveries of one message, five per instance.
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..10 {
        let store = store.clone();
        let me = if i % 2 == 0 { "a" } else { "b" };
        tasks.spawn(async move {
            let ins = store.insert_user_message(user_msg(session, user, "hello?", Some("u:1"), None)).await.unwrap();
            let claimed = store.claim_message(ins.id(), me, 60_000).await.unwrap();
            (ins, me, claimed)
        });
    }
    let mut results = Vec::new();
    while let Some(r) = tasks.join_next().await {
        results.push(r.unwrap());
    }
    assert_eq!(results.iter().filter(|(i, _, _)| matches!(i, Inserted::New(_))).count(), 1, "{results:?}");
    let id = results[0].0.id();
    assert!(results.iter().all(|(i, _, _)| i.id() == id));
    let winners: Vec<&str> = results.iter().filter(|(_, _, c)| *c).map(|(_, me, _)| *me).collect();
    assert!(!winners.is_empty() && winners.iter().all(|w| *w == winners[0]), "one instance owns it: {winners:?}");
    let owner = winners[0];
    let other = if owner == "a" { "b" } else { "a" };
    assert!(!store.claim_message(id, other, 60_000).await.unwrap(), "a live claim is not taken over");
    assert!(store.claim_message(id, other, -1).await.unwrap(), "a stale claim is taken over");

    store.insert_reply(session, user, Some(id), "I'm here.", "model").await.unwrap();
    let again = store.insert_user_message(user_msg(session, user, "hello?", Some("u:1"), None)).await.unwrap();
    assert_eq!(again, Inserted::AlreadyAnswered(id));
    assert!(!store.claim_message(id, owner, 60_000).await.unwrap(), "answered messages are never claimed");
    assert_eq!(store.user_messages(user).await.unwrap().len(), 2);
}

pub async fn claimed_at_insert_and_answered_in_order(db: &TestDb) {
    let store = Store::open(&db.url).await.unwrap();
    let user = store.upsert_user(Platform::Telegram, "u").await.unwrap();
    let session = store.open_session(user, Platform::Telegram, "u", None).await.unwrap().id;
    let first = store.insert_user_message(user_msg(session, user, "one", Some("u:1"), Some("a"))).await.unwrap();
    assert!(matches!(first, Inserted::New(_)));
    // Instance b's next message waits until a has answered the first.
    let waiter = {
        let store = store.clone();
        tokio::spawn(async move {
            let ins = store.insert_user_message(user_msg(session, user, "two", Some("u:2"), Some("b"))).await.unwrap();
            (ins, now_ms())
        })
    };
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert!(!waiter.is_finished(), "b must wait for a's answer");
    let answered_at = now_ms();
    store.insert_reply(session, user, Some(first.id()), "answer one", "model").await.unwrap();
    let (second, stored_at) = waiter.await.unwrap();
    assert!(matches!(second, Inserted::New(_)));
    assert!(stored_at >= answered_at);
    let texts: Vec<String> = store.history(session, 10).await.unwrap().into_iter().map(|m| m.text).collect();
    assert_eq!(texts, ["one", "answer one", "two"], "history stays in order");
    // A crisis never waits, whoever holds the session.
    let started = std::time::Instant::now();
    let crisis = NewUserMessage { safety_label: Some("imminent_risk"), ..user_msg(session, user, "help", Some("u:3"), Some("a")) };
    assert!(matches!(store.insert_user_message(crisis).await.unwrap(), Inserted::New(_)));
    assert!(started.elapsed() < Duration::from_secs(1));
}

pub async fn forget_removes_every_row_of_a_user(db: &TestDb) {
    let store = Store::open(&db.url).await.unwrap();
    let user = store.upsert_user(Platform::Discord, "u").await.unwrap();
    let other = store.upsert_user(Platform::Discord, "v").await.unwrap();
    for u in [user, other] {
        let s = store.open_session(u, Platform::Discord, "dm", None).await.unwrap().id;
        let m = store.insert_user_message(user_msg(s, u, "hello", None, None)).await.unwrap().id();
        store.insert_reply(s, u, Some(m), "hi", "model").await.unwrap();
    }
    store.set_prompt(Platform::Discord, "g", Some("p"), "discord:u").await.unwrap();
    assert!(store.rows_about_user(Platform::Discord, "u").await.unwrap() >= 4);
    let report = store.forget_user(Platform::Discord, "u").await.unwrap();
    assert_eq!((report.users, report.sessions, report.messages, report.audit_entries_scrubbed), (1, 1, 2, 1));
    assert_eq!(store.rows_about_user(Platform::Discord, "u").await.unwrap(), 0);
    assert_eq!(store.user_messages(other).await.unwrap().len(), 2, "other users keep their data");
    let export = store.export_user(Platform::Discord, "u").await.unwrap();
    assert!(export["user"].is_null() && export["messages"].as_array().unwrap().is_empty());
}

pub async fn export_holds_everything_stored_about_a_user(db: &TestDb) {
    let store = Store::open(&db.url).await.unwrap();
    let user = store.upsert_user(Platform::Telegram, "7").await.unwrap();
    store.set_user_country(user, Some("GB")).await.unwrap();
    let community = store.upsert_community(Platform::Telegram, "-100").await.unwrap();
    let s = store.open_session(user, Platform::Telegram, "-100", Some(community)).await.unwrap().id;
    store.save_session_state(s, r#"{"crisis":true}"#).await.unwrap();
    let m = store.insert_user_message(user_msg(s, user, "the sirens again", Some("-100:5"), Some("a"))).await.unwrap().id();
    store.insert_reply(s, user, Some(m), "I'm here with you.", "quick").await.unwrap();
    store.set_prompt(Platform::Telegram, "-100", Some("Be gentle."), "telegram:7").await.unwrap();
    // Someone else's data must not appear.
    let stranger = store.upsert_user(Platform::Telegram, "8").await.unwrap();
    let s2 = store.open_session(stranger, Platform::Telegram, "8", None).await.unwrap().id;
    store.insert_user_message(user_msg(s2, stranger, "not yours", None, None)).await.unwrap();

    let x = store.export_user(Platform::Telegram, "7").await.unwrap();
    assert_eq!(x["user"]["platform_user_id"], "7");
    assert_eq!(x["user"]["country"], "GB");
    assert_eq!(x["sessions"][0]["community"], "telegram:-100");
    assert_eq!(x["sessions"][0]["state"]["crisis"], true);
    let texts: Vec<&str> = x["messages"].as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["the sirens again", "I'm here with you."]);
    assert_eq!(x["messages"][0]["external_id"], "-100:5");
    assert_eq!(x["messages"][1]["reply_to"], m);
    assert_eq!(x["prompt_changes"][0]["prompt"], "Be gentle.");
    assert!(!x.to_string().contains("not yours"));
}

pub async fn retention_follows_each_community(db: &TestDb) {
    let store = Store::open(&db.url).await.unwrap();
    let policy = RetentionPolicy { default_days: 30, session_idle_ms: 3_600_000 };
    let now = now_ms();
    // Stored "now"; the purge runs as if time had passed.
    let user = store.upsert_user(Platform::Discord, "u").await.unwrap();
    let short = store.upsert_community(Platform::Discord, "short").await.unwrap();
    let long = store.upsert_community(Platform::Discord, "default").await.unwrap();
    store.set_community_retention(Platform::Discord, "short", Some(7)).await.unwrap();
    let s_short = store.open_session(user, Platform::Discord, "c-short", Some(short)).await.unwrap().id;
    let s_long = store.open_session(user, Platform::Discord, "c-long", Some(long)).await.unwrap().id;
    let s_dm = store.open_session(user, Platform::Discord, "dm", None).await.unwrap().id;
    for s in [s_short, s_long, s_dm] {
        let m = store.insert_user_message(user_msg(s, user, "hello", None, None)).await.unwrap().id();
        store.insert_reply(s, user, Some(m), "hi", "model").await.unwrap();
    }
    let count = |s: i64| {
        let store = store.clone();
        async move { store.history(s, 100).await.unwrap().len() }
    };
    // Nothing has expired yet.
    assert_eq!(store.purge_expired(policy, now + DAY).await.unwrap().messages, 0);
    // After 8 days the 7-day community is empty, the default (30) and DMs are not.
    let r = store.purge_expired(policy, now + 8 * DAY).await.unwrap();
    assert_eq!((count(s_short).await, count(s_long).await, count(s_dm).await), (0, 2, 2), "{r:?}");
    // After 31 days everything is gone: messages, sessions, and the user row.
    let r = store.purge_expired(policy, now + 31 * DAY).await.unwrap();
    assert_eq!((count(s_long).await, count(s_dm).await), (0, 0), "{r:?}");
    assert!(r.sessions >= 2, "{r:?}");
    assert_eq!(store.rows_about_user(Platform::Discord, "u").await.unwrap(), 0, "{r:?}");
    assert!(store.community(Platform::Discord, "short").await.unwrap().is_some(), "community settings stay");
}

pub async fn retention_zero_keeps_nothing_after_the_session_ends(db: &TestDb) {
    let store = Store::open(&db.url).await.unwrap();
    let policy = RetentionPolicy { default_days: 30, session_idle_ms: 3_600_000 };
    store.set_community_retention(Platform::Telegram, "-1", Some(0)).await.unwrap();
    let community = store.community(Platform::Telegram, "-1").await.unwrap().unwrap().id;
    let user = store.upsert_user(Platform::Telegram, "u").await.unwrap();
    let s = store.open_session(user, Platform::Telegram, "-1", Some(community)).await.unwrap().id;
    let m = store.insert_user_message(user_msg(s, user, "hello", None, None)).await.unwrap().id();
    store.insert_reply(s, user, Some(m), "hi", "model").await.unwrap();
    let now = now_ms();
    // A live conversation keeps its context.
    store.purge_expired(policy, now + 1_000).await.unwrap();
    assert_eq!(store.history(s, 10).await.unwrap().len(), 2);
    // Ended with /reset: gone at the next purge.
    store.end_session(s).await.unwrap();
    let r = store.purge_expired(policy, now + 2_000).await.unwrap();
    assert_eq!((r.messages, r.sessions), (2, 1), "{r:?}");
    // Or idle past the session timeout.
    let s2 = store.open_session(user, Platform::Telegram, "-1", Some(community)).await.unwrap().id;
    store.insert_user_message(user_msg(s2, user, "again", None, None)).await.unwrap();
    assert_eq!(store.purge_expired(policy, now + 60_000).await.unwrap().sessions, 0);
    let r = store.purge_expired(policy, now + 2 * 3_600_000).await.unwrap();
    assert_eq!((r.messages, r.sessions), (1, 1), "{r:?}");
}

// ---- session manager ----

pub async fn sessions_keep_their_order(db: &TestDb) {
    let app = spawn_app(unlimited(db.config()), Some(Arc::new(Echo))).await;
    let mut streams = Vec::new();
    for m in 0..10 {
        for s in 0..10 {
            let msg = Incoming::direct(Platform::Telegram, format!("user{s}"), format!("s{s} m{m}"));
            streams.push((s, m, app.manager.handle(msg).await));
        }
    }
    for (s, m, stream) in streams {
        assert_eq!(stream.final_reply().await.unwrap().text, echo_reply(&format!("s{s} m{m}")));
    }
    let store = app.manager.store();
    for s in 0..10 {
        let user = store.user(Platform::Telegram, &format!("user{s}")).await.unwrap().unwrap();
        let texts: Vec<String> = store.user_messages(user.id).await.unwrap().into_iter().map(|m| m.text).collect();
        let expected: Vec<String> = (0..10).flat_map(|m| [format!("s{s} m{m}"), echo_reply(&format!("s{s} m{m}"))]).collect();
        assert_eq!(texts, expected);
    }
}

pub async fn a_redelivered_message_is_answered_once(db: &TestDb) {
    let app = spawn_app(db.config(), Some(Arc::new(Echo))).await;
    let mut msg = Incoming::direct(Platform::Telegram, "u", "are you there?");
    msg.external_id = Some("u:1".into());
    assert!(app.manager.handle(msg.clone()).await.final_reply().await.is_some());
    assert!(app.manager.handle(msg).await.final_reply().await.is_none(), "answered twice");
}

pub async fn commands_reset_and_forget(db: &TestDb) {
    let app = spawn_app(unlimited(db.config()), Some(Arc::new(Echo))).await;
    let send = |text: &str| {
        let app = app.clone();
        let msg = Incoming::direct(Platform::Discord, "u", text);
        async move { app.manager.handle(msg).await.final_reply().await.unwrap() }
    };
    send("old conversation").await;
    assert_eq!(send("/reset").await.kind, ReplyKind::Command);
    assert_eq!(send("new conversation").await.text, echo_reply("new conversation"));
    let moderator = in_community(Platform::Discord, "g", "u", "/prompt set Be brief.", true);
    app.manager.handle(moderator).await.final_reply().await.unwrap();
    let store = app.manager.store();
    assert!(store.rows_about_user(Platform::Discord, "u").await.unwrap() >= 6);
    send("/forget").await;
    send("/forget confirm").await;
    assert_eq!(store.rows_about_user(Platform::Discord, "u").await.unwrap(), 0);
}

pub async fn a_crisis_is_escalated_and_stored(db: &TestDb) {
    let app = spawn_app(db.config(), Some(Arc::new(Echo))).await;
    let msg = Incoming::direct(Platform::Telegram, "u", "I'm going to kill myself tonight, I have the pills ready");
    let reply = app.manager.handle(msg).await.final_reply().await.unwrap();
    assert!(reply.is_escalation(), "{reply:?}");
    let store = app.manager.store();
    let user = store.user(Platform::Telegram, "u").await.unwrap().unwrap();
    // The reply goes out first; its row follows a moment later.
    let mut stored = store.user_messages(user.id).await.unwrap();
    for _ in 0..100 {
        if stored.len() == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        stored = store.user_messages(user.id).await.unwrap();
    }
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0].role, MessageRole::User);
    assert_eq!(stored[0].safety_label.as_deref(), Some("imminent_risk"));
}

/// Two instances on one database get every message twice (a redelivery to
/// the other process): each is answered exactly once, and every session's
/// answers come in order, each one answering the message before it.
pub async fn two_instances_answer_each_message_once_and_in_order(db: &TestDb) {
    let a = instance(db, "instance-a", Arc::new(SlowEcho(Duration::from_millis(15)))).await;
    let b = instance(db, "instance-b", Arc::new(SlowEcho(Duration::from_millis(15)))).await;
    const SESSIONS: usize = 6;
    const MESSAGES: usize = 8;
    let mut tasks = tokio::task::JoinSet::new();
    for app in [a.clone(), b.clone()] {
        for s in 0..SESSIONS {
            let app = app.clone();
            tasks.spawn(async move {
                let mut streams = Vec::new();
                for m in 0..MESSAGES {
                    let mut msg = Incoming::direct(Platform::Telegram, format!("u{s}"), format!("s{s} m{m}"));
                    msg.external_id = Some(format!("u{s}:{m}"));
                    streams.push((format!("u{s}:{m}"), app.manager.handle(msg).await));
                }
                let mut answered = Vec::new();
                for (ext, stream) in streams {
                    if let Some(reply) = stream.final_reply().await {
                        answered.push((ext, reply.text));
                    }
                }
                answered
            });
        }
    }
    let mut replies: HashMap<String, Vec<String>> = HashMap::new();
    while let Some(r) = tasks.join_next().await {
        for (ext, text) in r.unwrap() {
            replies.entry(ext).or_default().push(text);
        }
    }
    for s in 0..SESSIONS {
        for m in 0..MESSAGES {
            let got = replies.get(&format!("u{s}:{m}")).cloned().unwrap_or_default();
            assert_eq!(got, vec![echo_reply(&format!("s{s} m{m}"))], "message u{s}:{m} must be answered exactly once");
        }
    }
    let store = a.manager.store();
    for s in 0..SESSIONS {
        let user = store.user(Platform::Telegram, &format!("u{s}")).await.unwrap().unwrap();
        let texts: Vec<String> = store.user_messages(user.id).await.unwrap().into_iter().map(|m| m.text).collect();
        let expected: Vec<String> = (0..MESSAGES).flat_map(|m| [format!("s{s} m{m}"), echo_reply(&format!("s{s} m{m}"))]).collect();
        assert_eq!(texts, expected, "session {s}: stored once each, answered in order");
    }
    let (ma, mb) = (a.manager.metrics(), b.manager.metrics());
    let out = |m: &calme::session::Metrics| m.replies_out.load(std::sync::atomic::Ordering::Relaxed);
    assert_eq!(out(ma) + out(mb), (SESSIONS * MESSAGES) as u64);
    eprintln!("{}: instance a answered {}, instance b {}", db.backend, out(ma), out(mb));
}

pub async fn the_retention_task_purges_in_the_background(db: &TestDb) {
    let store = Store::open(&db.url).await.unwrap();
    let user = store.upsert_user(Platform::Telegram, "u").await.unwrap();
    let s = store.open_session(user, Platform::Telegram, "u", None).await.unwrap().id;
    store.insert_user_message(user_msg(s, user, "hello", None, None)).await.unwrap();
    store.end_session(s).await.unwrap();
    // Default retention 0: the ended conversation goes at the first run.
    let policy = RetentionPolicy { default_days: 0, session_idle_ms: 3_600_000 };
    let stop = tokio_util::sync::CancellationToken::new();
    let task = calme::store::spawn_retention_task(store.clone(), policy, Duration::from_millis(50), stop.clone());
    let mut left = usize::MAX;
    for _ in 0..100 {
        left = store.user_messages(user).await.unwrap().len();
        if left == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(left, 0, "the background purge did not run");
    stop.cancel();
    tokio::time::timeout(Duration::from_secs(2), task).await.expect("the task stops when told").unwrap();
}
