//! A fake Telegram Bot API server on 127.0.0.1 (port 0) for the adapter's
//! integration tests: it queues updates for getUpdates (honouring `offset`
//! like Telegram: an offset confirms every update below it), records every
//! call, keeps the bot's messages (with edits), answers getChatMember from a
//! list of administrators, and can answer chosen calls with 429 `retry_after`.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Path, State};
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};
use tokio::sync::watch;

pub const TOKEN: &str = "123456789:AAFakeTokenForTestsOnly_0123456789ab";
pub const BOT_ID: i64 = 7_000_001;
pub const BOT_USERNAME: &str = "calme_test_bot";

/// A message the bot posted, as the chat shows it now.
#[derive(Clone, Debug)]
pub struct Posted {
    pub chat: i64,
    pub id: i64,
    pub text: String,
    pub edits: usize,
    pub reply_to: Option<i64>,
}

#[derive(Clone, Debug)]
pub struct Call {
    pub method: String,
    pub body: Value,
    pub at: std::time::Instant,
}

#[derive(Default)]
pub struct FakeState {
    /// Updates not yet confirmed by an offset.
    pub queue: Vec<Value>,
    next_update: i64,
    /// The highest offset the bot has sent.
    pub confirmed: i64,
    pub calls: Vec<Call>,
    next_message: HashMap<i64, i64>,
    pub posted: Vec<Posted>,
    /// (group, user) pairs that are administrators.
    pub admins: HashSet<(i64, i64)>,
    /// Users who opened a private chat with the bot.
    pub started: HashSet<i64>,
    /// Method → retry_after seconds for its next calls.
    pub throttle: HashMap<String, VecDeque<u64>>,
    /// How often each update was handed out by getUpdates.
    pub deliveries: HashMap<i64, usize>,
}

impl FakeState {
    pub fn in_chat(&self, chat: i64) -> Vec<Posted> {
        self.posted.iter().filter(|p| p.chat == chat).cloned().collect()
    }

    pub fn calls_to(&self, method: &str) -> Vec<Call> {
        self.calls.iter().filter(|c| c.method == method).cloned().collect()
    }

    fn message_id(&mut self, chat: i64) -> i64 {
        let n = self.next_message.entry(chat).or_insert(0);
        *n += 1;
        *n
    }
}

struct Shared {
    state: Mutex<FakeState>,
    version: watch::Sender<u64>,
}

impl Shared {
    fn change<R>(&self, f: impl FnOnce(&mut FakeState) -> R) -> R {
        let r = f(&mut self.state.lock().unwrap());
        self.version.send_modify(|v| *v += 1);
        r
    }
}

#[derive(Clone)]
pub struct Fake {
    pub url: String,
    shared: Arc<Shared>,
}

/// Who writes, and where.
#[derive(Clone, Copy, Debug)]
pub enum Chat {
    Private(i64),
    Group(i64),
}

impl Chat {
    pub fn id(self) -> i64 {
        match self {
            Chat::Private(u) => u,
            Chat::Group(g) => g,
        }
    }

    fn json(self) -> Value {
        chat_json(self.id())
    }
}

fn chat_json(id: i64) -> Value {
    if id > 0 {
        json!({ "id": id, "type": "private", "first_name": "Person" })
    } else {
        json!({ "id": id, "type": "supergroup", "title": "Support group" })
    }
}

fn bot_user() -> Value {
    json!({ "id": BOT_ID, "is_bot": true, "first_name": "CALMe", "username": BOT_USERNAME })
}

impl Fake {
    pub async fn start() -> Fake {
        Fake::start_on(0).await
    }

    /// On a fixed port (0: any), for manual runs against `calme run`.
    pub async fn start_on(port: u16) -> Fake {
        let shared = Arc::new(Shared { state: Mutex::new(FakeState::default()), version: watch::channel(0).0 });
        shared.state.lock().unwrap().next_update = 1000;
        let app = Router::new().route("/{bot}/{method}", post(api)).with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Fake { url, shared }
    }

    pub fn state<R>(&self, f: impl FnOnce(&FakeState) -> R) -> R {
        f(&self.shared.state.lock().unwrap())
    }

    pub fn change<R>(&self, f: impl FnOnce(&mut FakeState) -> R) -> R {
        self.shared.change(f)
    }

    /// Queues an update with the given payload key ("message", "edited_message", …); returns its id.
    pub fn push_update(&self, key: &str, payload: Value) -> i64 {
        self.change(|s| {
            let id = s.next_update;
            s.next_update += 1;
            let mut u = json!({ "update_id": id });
            u[key] = payload;
            s.queue.push(u);
            id
        })
    }

    /// Queues an update again (as Telegram does when its offset was never confirmed).
    pub fn redeliver(&self, update: Value) {
        self.change(|s| s.queue.push(update));
    }

    /// A new message id in `chat` and the message JSON from `user`.
    pub fn message(&self, chat: Chat, user: i64, content: Value, reply_to_bot: Option<i64>) -> (i64, Value) {
        self.change(|s| {
            if let Chat::Private(u) = chat {
                s.started.insert(u);
            }
            let id = s.message_id(chat.id());
            let mut m = json!({
                "message_id": id, "date": 1_700_000_000, "chat": chat.json(),
                "from": { "id": user, "is_bot": false, "first_name": "Person", "language_code": "en" }
            });
            for (k, v) in content.as_object().unwrap() {
                m[k] = v.clone();
            }
            if let Some(r) = reply_to_bot {
                m["reply_to_message"] = json!({
                    "message_id": r, "date": 1_700_000_000, "chat": chat.json(), "from": bot_user(), "text": "…"
                });
            }
            (id, m)
        })
    }

    /// A text message from `user` in `chat`; returns (update id, message id).
    pub fn text(&self, chat: Chat, user: i64, text: &str) -> (i64, i64) {
        let (mid, m) = self.message(chat, user, json!({ "text": text }), None);
        (self.push_update("message", m), mid)
    }

    /// Waits (without sleeping) until `cond` holds; panics after 10 s with the state.
    pub async fn wait_until(&self, what: &str, cond: impl Fn(&FakeState) -> bool) {
        self.wait_until_for(what, Duration::from_secs(10), cond).await
    }

    pub async fn wait_until_for(&self, what: &str, limit: Duration, cond: impl Fn(&FakeState) -> bool) {
        let mut rx = self.shared.version.subscribe();
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            rx.borrow_and_update();
            if self.state(&cond) {
                return;
            }
            if tokio::time::timeout_at(deadline, rx.changed()).await.is_err() {
                let dump = self.state(|s| format!("posted: {:#?}\nconfirmed: {}", s.posted, s.confirmed));
                panic!("timed out waiting for {what}\n{dump}");
            }
        }
    }

    /// Waits until the bot confirmed `update` (its handling finished).
    pub async fn wait_confirmed(&self, update: i64) {
        self.wait_until(&format!("update {update} confirmed"), |s| s.confirmed > update).await;
    }
}

fn ok(result: Value) -> Response {
    Json(json!({ "ok": true, "result": result })).into_response()
}

fn fail(code: u16, description: &str, retry_after: Option<u64>) -> Response {
    let mut body = json!({ "ok": false, "error_code": code, "description": description });
    if let Some(s) = retry_after {
        body["parameters"] = json!({ "retry_after": s });
    }
    (StatusCode::from_u16(code).unwrap(), Json(body)).into_response()
}

fn int(v: &Value) -> i64 {
    v.as_i64().or_else(|| v.as_str().and_then(|s| s.parse().ok())).unwrap_or(0)
}

async fn api(
    State(shared): State<Arc<Shared>>,
    Path((bot, method)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if bot != format!("bot{TOKEN}") {
        return fail(401, "Unauthorized", None);
    }
    // Telegram matches method names case-insensitively; teloxide sends "SendMessage".
    let mut method = method;
    if let Some(first) = method.get(..1) {
        method = first.to_lowercase() + &method[1..];
    }
    let body = parse_body(&headers, &body);
    if method == "getUpdates" {
        return get_updates(shared, body).await;
    }
    shared.change(|s| {
        s.calls.push(Call { method: method.clone(), body: body.clone(), at: std::time::Instant::now() });
        if let Some(after) = s.throttle.get_mut(&method).and_then(|q| q.pop_front()) {
            return fail(429, &format!("Too Many Requests: retry after {after}"), Some(after));
        }
        match method.as_str() {
            "getMe" => {
                let mut me = bot_user();
                me["can_join_groups"] = json!(true);
                me["can_read_all_group_messages"] = json!(false);
                me["supports_inline_queries"] = json!(false);
                me["has_main_web_app"] = json!(false);
                ok(me)
            }
            "deleteWebhook" | "setWebhook" | "setMyCommands" | "sendChatAction" => ok(json!(true)),
            "getChatMember" => {
                let (chat, user) = (int(&body["chat_id"]), int(&body["user_id"]));
                let user_json = json!({ "id": user, "is_bot": false, "first_name": "Person" });
                if s.admins.contains(&(chat, user)) {
                    ok(json!({ "status": "creator", "user": user_json, "is_anonymous": false }))
                } else {
                    ok(json!({ "status": "member", "user": user_json }))
                }
            }
            "sendMessage" => {
                let chat = int(&body["chat_id"]);
                if chat > 0 && !s.started.contains(&chat) {
                    return fail(403, "Forbidden: bot can't initiate conversation with a user", None);
                }
                let text = body["text"].as_str().unwrap_or_default().to_string();
                if text.is_empty() || text.encode_utf16().count() > 4096 {
                    return fail(400, "Bad Request: message text is empty or too long", None);
                }
                if body.get("parse_mode").is_some() {
                    return fail(400, "Bad Request: the fake accepts plain text only", None);
                }
                let id = s.message_id(chat);
                let reply_to = body["reply_parameters"]["message_id"].as_i64();
                s.posted.push(Posted { chat, id, text: text.clone(), edits: 0, reply_to });
                ok(json!({ "message_id": id, "date": 1_700_000_001, "chat": chat_json(chat), "from": bot_user(), "text": text }))
            }
            "editMessageText" => {
                let (chat, id) = (int(&body["chat_id"]), int(&body["message_id"]));
                let text = body["text"].as_str().unwrap_or_default().to_string();
                let Some(p) = s.posted.iter_mut().find(|p| p.chat == chat && p.id == id) else {
                    return fail(400, "Bad Request: message to edit not found", None);
                };
                if p.text == text {
                    return fail(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message", None);
                }
                p.text = text.clone();
                p.edits += 1;
                ok(json!({ "message_id": id, "date": 1_700_000_001, "chat": chat_json(chat), "from": bot_user(), "text": text }))
            }
            _ => fail(404, "Not Found", None),
        }
    })
}

async fn get_updates(shared: Arc<Shared>, body: Value) -> Response {
    let offset = body["offset"].as_i64();
    let timeout = body["timeout"].as_u64().unwrap_or(0).min(5);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(timeout);
    let mut rx = shared.version.subscribe();
    loop {
        rx.borrow_and_update();
        let updates: Vec<Value> = shared.change(|s| {
            if let Some(o) = offset {
                s.queue.retain(|u| u["update_id"].as_i64().unwrap_or(0) >= o);
                s.confirmed = s.confirmed.max(o);
            }
            let out: Vec<Value> = s.queue.iter().take(100).cloned().collect();
            for u in &out {
                *s.deliveries.entry(u["update_id"].as_i64().unwrap_or(0)).or_default() += 1;
            }
            out
        });
        // `change` bumped the version: look at it as seen.
        rx.borrow_and_update();
        if !updates.is_empty() {
            return ok(Value::Array(updates));
        }
        if tokio::time::timeout_at(deadline, rx.changed()).await.is_err() {
            return ok(json!([]));
        }
    }
}

/// JSON bodies, or the text fields of a multipart form (teloxide sends setWebhook as multipart).
fn parse_body(headers: &HeaderMap, body: &[u8]) -> Value {
    let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let Some(boundary) = content_type.split("boundary=").nth(1) else {
        return serde_json::from_slice(body).unwrap_or(Value::Null);
    };
    let text = String::from_utf8_lossy(body);
    let mut fields = serde_json::Map::new();
    for part in text.split(&format!("--{}", boundary.trim_matches('"'))) {
        let Some((head, value)) = part.split_once("\r\n\r\n") else { continue };
        let Some(name) = head.split("name=\"").nth(1).and_then(|n| n.split('"').next()) else { continue };
        let value = value.trim_end_matches("\r\n");
        let parsed = serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.to_string()));
        fields.insert(name.to_string(), parsed);
    }
    Value::Object(fields)
}
