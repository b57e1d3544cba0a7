//! The fake REST API: records every call and answers with documented shapes.
//! Anything it does not know gets a 404 (and stays in the record, so tests can
//! fail on unexpected calls).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State as AxumState;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::{example, Call, FakeDiscord, State, APP_ID, BOT_ID, GUILD_ID};

pub async fn handle(AxumState(state): AxumState<Arc<State>>, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let authorization = headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let path = uri.path().to_string();
    let mut call = Call { method: method.to_string(), path: path.clone(), body: body.clone(), authorization, status: 200, result_id: None, at: std::time::Instant::now() };
    let response = answer(&state, &method, &path, &body, &mut call);
    state.record(call);
    response
}

fn answer(state: &State, method: &Method, path: &str, body: &Value, call: &mut Call) -> Response {
    let Some(route) = path.strip_prefix("/api/v10/") else {
        call.status = 404;
        return StatusCode::NOT_FOUND.into_response();
    };
    let body = body.clone();
    let seg: Vec<&str> = route.split('/').collect();
    let gateway_url = format!("ws://{}/gateway", state.addr);
    match (method.as_str(), seg.as_slice()) {
        ("GET", ["gateway"]) => {
            let mut g = example("get_gateway");
            g["url"] = json!(gateway_url);
            Json(g).into_response()
        }
        ("GET", ["gateway", "bot"]) => {
            let mut g = example("get_gateway_bot");
            g["url"] = json!(gateway_url);
            g["shards"] = json!(1);
            Json(g).into_response()
        }
        ("GET", ["users", "@me"]) => Json(FakeDiscord::bot_user()).into_response(),
        ("PUT", ["applications", _, "commands"]) => {
            let cmds: Vec<Value> = body
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|mut c| {
                    c["id"] = json!(state.new_id());
                    c["application_id"] = json!(APP_ID);
                    c["version"] = json!(state.new_id());
                    if c["type"].is_null() {
                        c["type"] = json!(1);
                    }
                    c
                })
                .collect();
            Json(Value::Array(cmds)).into_response()
        }
        ("POST", ["channels", channel, "messages"]) => {
            let m = bot_message(state, channel, &body);
            call.result_id = m["id"].as_str().map(String::from);
            Json(m).into_response()
        }
        ("PATCH", ["channels", channel, "messages", id]) => {
            let mut m = bot_message(state, channel, &body);
            m["id"] = json!(id);
            call.result_id = Some(id.to_string());
            Json(m).into_response()
        }
        ("POST", ["channels", _, "typing"]) => StatusCode::NO_CONTENT.into_response(),
        ("POST", ["channels", _, "threads"]) if state.forbid_threads.load(std::sync::atomic::Ordering::SeqCst) => {
            call.status = 403;
            (StatusCode::FORBIDDEN, Json(json!({"message": "Missing Permissions", "code": 50013}))).into_response()
        }
        ("POST", ["channels", parent, "threads"]) => {
            let mut t = example("guild_text_channel");
            t["id"] = json!(state.new_id());
            call.result_id = t["id"].as_str().map(String::from);
            t["guild_id"] = json!(GUILD_ID);
            t["parent_id"] = json!(parent);
            t["owner_id"] = json!(BOT_ID);
            t["type"] = body["type"].clone();
            t["name"] = body["name"].clone();
            t["thread_metadata"] = json!({"archived": false, "auto_archive_duration": 1440, "archive_timestamp": "2026-01-01T00:00:00+00:00", "locked": false, "invitable": false});
            Json(t).into_response()
        }
        ("PUT", ["channels", _, "thread-members", _]) => StatusCode::NO_CONTENT.into_response(),
        ("POST", ["users", "@me", "channels"]) => {
            let mut dm = example("dm_channel");
            dm["id"] = json!(state.new_id());
            call.result_id = dm["id"].as_str().map(String::from);
            let recipient = body["recipient_id"].as_str().unwrap_or("0");
            dm["recipients"] = json!([FakeDiscord::user(recipient, "member")]);
            Json(dm).into_response()
        }
        ("POST", ["interactions", _, _, "callback"]) => StatusCode::NO_CONTENT.into_response(),
        ("PATCH", ["webhooks", _, _, "messages", "@original"]) | ("POST", ["webhooks", _, _]) => {
            Json(bot_message(state, "0", &body)).into_response()
        }
        _ => {
            call.status = 404;
            (StatusCode::NOT_FOUND, Json(json!({"message": "404: Not Found", "code": 0}))).into_response()
        }
    }
}

/// The message Discord returns for one the bot posted.
fn bot_message(state: &State, channel: &str, body: &Value) -> Value {
    let mut m = example("message");
    m["id"] = json!(state.new_id());
    m["channel_id"] = json!(channel);
    m["author"] = FakeDiscord::bot_user();
    m["content"] = body["content"].clone();
    m["reactions"] = json!([]);
    if m["content"].is_null() {
        m["content"] = json!("");
    }
    m
}
