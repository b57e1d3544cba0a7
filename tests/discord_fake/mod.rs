//! A fake Discord for tests: REST under `/api/v10` and a gateway websocket at
//! `/gateway`, both on 127.0.0.1 (port 0). Payloads are built from the example
//! objects of Discord's API documentation (shared/discord/docs_examples.json),
//! with only the ids and contents changed. Every REST call is recorded; tests
//! wait on the record with bounded polling instead of sleeping.
#![allow(dead_code)]

mod docs;
mod gateway;
mod rest;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::sync::mpsc;

pub use docs::example;

pub const BOT_ID: &str = "1100000000000000001";
pub const APP_ID: &str = "1100000000000000001";
pub const GUILD_ID: &str = "1200000000000000001";
pub const TOKEN: &str = "fake-discord-token-not-a-secret";

/// One REST request the adapter made.
#[derive(Clone, Debug)]
pub struct Call {
    pub method: String,
    pub path: String,
    pub body: Value,
    pub authorization: String,
    /// 200 for the calls the fake knows, 404 for anything else.
    pub status: u16,
    /// The id of what the call created or edited (a message, thread or DM channel).
    pub result_id: Option<String>,
    pub at: std::time::Instant,
}

impl Call {
    pub fn is(&self, method: &str, path: &str) -> bool {
        self.method == method && self.path == format!("/api/v10/{path}")
    }

    pub fn content(&self) -> &str {
        self.body["content"].as_str().unwrap_or_default()
    }

    /// A message create or edit in `channel` (by the bot).
    pub fn writes_to(&self, channel: &str) -> bool {
        let prefix = format!("/api/v10/channels/{channel}/messages");
        (self.method == "POST" && self.path == prefix) || (self.method == "PATCH" && self.path.starts_with(&format!("{prefix}/")))
    }

    pub fn replies_to(&self) -> Option<&str> {
        self.body["message_reference"]["message_id"].as_str()
    }
}

#[derive(Default)]
struct Gateway {
    /// Every dispatch sent, with its sequence number (replayed on RESUME).
    log: Vec<(u64, Value)>,
    seq: u64,
    /// The live connection's outgoing frames (None while disconnected).
    conn: Option<mpsc::UnboundedSender<gateway::Frame>>,
    /// On the next RESUME, also replay this many dispatches the client already acknowledged
    /// (Discord delivers at least once; this makes the duplicate certain).
    replay_extra: u64,
}

pub struct State {
    pub addr: SocketAddr,
    calls: Mutex<Vec<Call>>,
    gateway: Mutex<Gateway>,
    next_id: AtomicU64,
    pub identifies: Mutex<Vec<Value>>,
    pub resumes: Mutex<Vec<Value>>,
    pub heartbeats: AtomicUsize,
    /// Close IDENTIFYs with 4014 "disallowed intents", as Discord does when the
    /// Message Content intent is not enabled in the developer portal.
    pub reject_privileged_intents: std::sync::atomic::AtomicBool,
    /// Answer thread creation with 403 Missing Permissions (no Create Private Threads).
    pub forbid_threads: std::sync::atomic::AtomicBool,
}

impl State {
    fn new_id(&self) -> String {
        self.next_id.fetch_add(1, Ordering::SeqCst).to_string()
    }

    fn record(&self, call: Call) {
        self.calls.lock().unwrap().push(call);
    }
}

pub struct FakeDiscord {
    pub state: Arc<State>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl FakeDiscord {
    pub async fn start() -> FakeDiscord {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(State {
            addr,
            calls: Mutex::new(Vec::new()),
            gateway: Mutex::new(Gateway::default()),
            next_id: AtomicU64::new(1_300_000_000_000_000_000),
            identifies: Mutex::new(Vec::new()),
            resumes: Mutex::new(Vec::new()),
            heartbeats: AtomicUsize::new(0),
            reject_privileged_intents: std::sync::atomic::AtomicBool::new(false),
            forbid_threads: std::sync::atomic::AtomicBool::new(false),
        });
        let app = axum::Router::new()
            .route("/gateway", axum::routing::get(gateway::upgrade))
            .fallback(rest::handle)
            .with_state(state.clone());
        let server = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        FakeDiscord { state, server }
    }

    /// What `DISCORD_API_BASE_URL` is set to.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.state.addr)
    }

    pub fn calls(&self) -> Vec<Call> {
        self.state.calls.lock().unwrap().clone()
    }

    /// Waits (bounded) until `pick` finds what it wants in the recorded calls.
    pub async fn wait_for<T>(&self, what: &str, pick: impl FnMut(&[Call]) -> Option<T>) -> T {
        self.wait_for_within(what, Duration::from_secs(15), pick).await
    }

    pub async fn wait_for_within<T>(&self, what: &str, within: Duration, mut pick: impl FnMut(&[Call]) -> Option<T>) -> T {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            if let Some(found) = pick(&self.calls()) {
                return found;
            }
            if tokio::time::Instant::now() > deadline {
                panic!("timed out waiting for {what}; calls so far:\n{:#?}", self.calls());
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Waits until the bot has identified and registered its commands.
    pub async fn wait_ready(&self) -> Vec<Value> {
        self.wait_for("slash command registration", |calls| {
            calls.iter().find(|c| c.method == "PUT" && c.path.ends_with("/commands")).map(|c| c.body.as_array().cloned().unwrap_or_default())
        })
        .await
    }

    /// Sends a dispatch event (op 0) with the next sequence number.
    pub fn dispatch(&self, event: &str, data: Value) -> u64 {
        let mut gw = self.state.gateway.lock().unwrap();
        gw.seq += 1;
        let seq = gw.seq;
        let payload = json!({"op": 0, "t": event, "s": seq, "d": data});
        gw.log.push((seq, payload.clone()));
        if let Some(conn) = &gw.conn {
            let _ = conn.send(gateway::Frame::Text(payload.to_string()));
        }
        seq
    }

    /// Drops the gateway connection (close code 4000, resumable), and makes the
    /// next RESUME replay `replay_extra` already-delivered dispatches too.
    pub fn drop_connection(&self, replay_extra: u64) {
        let mut gw = self.state.gateway.lock().unwrap();
        gw.replay_extra = replay_extra;
        if let Some(conn) = gw.conn.take() {
            let _ = conn.send(gateway::Frame::Close(4000));
        }
    }

    /// The bot's messages in `channel`, oldest first, each with its latest content.
    pub fn channel_view(&self, channel: &str) -> Vec<(String, String)> {
        let mut view: Vec<(String, String)> = Vec::new();
        for c in self.calls().iter().filter(|c| c.writes_to(channel)) {
            let Some(id) = c.result_id.clone() else { continue };
            match view.iter_mut().find(|(i, _)| *i == id) {
                Some(entry) => entry.1 = c.content().to_string(),
                None => view.push((id, c.content().to_string())),
            }
        }
        view
    }

    /// Waits until the bot's messages in `channel` satisfy `done`; returns their contents.
    pub async fn wait_view(&self, channel: &str, what: &str, done: impl Fn(&[String]) -> bool) -> Vec<String> {
        self.wait_for(what, |_| {
            let texts: Vec<String> = self.channel_view(channel).into_iter().map(|(_, t)| t).collect();
            done(&texts).then_some(texts)
        })
        .await
    }

    pub fn connected(&self) -> bool {
        self.state.gateway.lock().unwrap().conn.is_some()
    }

    /// Waits until the bot is connected again (after a RESUME).
    pub async fn wait_resumed(&self) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        while self.state.resumes.lock().unwrap().is_empty() || !self.connected() {
            assert!(tokio::time::Instant::now() < deadline, "the bot did not resume");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    // ---- payload builders ----

    pub fn new_id(&self) -> String {
        self.state.new_id()
    }

    pub fn user(id: &str, name: &str) -> Value {
        let mut u = example("user");
        for k in ["email", "verified", "banner", "accent_color", "premium_type", "avatar_decoration_data", "collectibles", "primary_guild"] {
            u.as_object_mut().unwrap().remove(k);
        }
        u["id"] = json!(id);
        u["username"] = json!(name);
        u["flags"] = json!(0);
        u["public_flags"] = json!(0);
        u
    }

    pub fn bot_user() -> Value {
        let mut u = FakeDiscord::user(BOT_ID, "CALMe");
        u["bot"] = json!(true);
        u
    }

    /// A MESSAGE_CREATE payload: a DM when `guild` is None.
    pub fn message(&self, channel: &str, guild: Option<&str>, author: &str, content: &str) -> Value {
        let mut m = example("message");
        m["id"] = json!(self.new_id());
        m["channel_id"] = json!(channel);
        m["author"] = FakeDiscord::user(author, "member");
        m["content"] = json!(content);
        m["reactions"] = json!([]);
        if let Some(g) = guild {
            m["guild_id"] = json!(g);
            let mut member = example("guild_member");
            member.as_object_mut().unwrap().remove("user");
            m["member"] = member;
        }
        if content.contains(&format!("<@{BOT_ID}>")) {
            m["mentions"] = json!([FakeDiscord::bot_user()]);
        }
        m
    }

    /// An INTERACTION_CREATE payload for a slash command, from the documented example.
    pub fn slash(&self, channel: &str, user: &str, permissions: &str, name: &str, options: Value) -> Value {
        let mut i = example("slash_interaction");
        i["id"] = json!(self.new_id());
        i["application_id"] = json!(APP_ID);
        i["token"] = json!(format!("interaction-token-{}", self.new_id()));
        i["guild_id"] = json!(GUILD_ID);
        i["channel_id"] = json!(channel);
        i["member"]["user"] = FakeDiscord::user(user, "member");
        i["member"]["permissions"] = json!(permissions);
        i["data"] = json!({"id": self.new_id(), "name": name, "type": 1, "options": options});
        // Fields Discord sends today that the (older) documented example lacks.
        i["version"] = json!(1);
        i["entitlements"] = json!([]);
        i["attachment_size_limit"] = json!(26214400);
        i["authorizing_integration_owners"] = json!({"0": GUILD_ID});
        i["context"] = json!(0);
        i["member"]["flags"] = json!(0);
        i
    }
}

impl FakeDiscord {
    /// An INTERACTION_CREATE payload for a click on a button (`custom_id`) under `message`.
    pub fn button_click(&self, channel: &str, user: &str, custom_id: &str, message: Value) -> Value {
        let mut i = self.slash(channel, user, PERMS_MEMBER, "unused", json!([]));
        i["type"] = json!(3);
        i["data"] = json!({"custom_id": custom_id, "component_type": 2});
        i["message"] = message;
        i
    }
}

/// Permission bit strings, as Discord sends them in `member.permissions`.
pub const PERMS_MEMBER: &str = "68608"; // VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY
pub const PERMS_MANAGER: &str = "68640"; // the same plus MANAGE_GUILD (1 << 5)
