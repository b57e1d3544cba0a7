//! The fake gateway: HELLO, IDENTIFY → READY, heartbeats, RESUME → replay + RESUMED.

use std::sync::Arc;

use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::State as AxumState;
use axum::response::Response;
use serde_json::{json, Value};
use tokio::sync::mpsc;

use super::{example, FakeDiscord, State, APP_ID, GUILD_ID};

pub enum Frame {
    Text(String),
    Close(u16),
}

pub async fn upgrade(ws: WebSocketUpgrade, AxumState(state): AxumState<Arc<State>>) -> Response {
    ws.on_upgrade(move |socket| connection(socket, state))
}

async fn connection(mut socket: WebSocket, state: Arc<State>) {
    let (tx, mut rx) = mpsc::unbounded_channel::<Frame>();
    let mut hello = example("hello");
    hello["d"]["heartbeat_interval"] = json!(41250);
    if socket.send(Message::Text(hello.to_string().into())).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            frame = rx.recv() => match frame {
                Some(Frame::Text(t)) => {
                    if socket.send(Message::Text(t.into())).await.is_err() {
                        break;
                    }
                }
                Some(Frame::Close(code)) => {
                    let _ = socket.send(Message::Close(Some(CloseFrame { code, reason: "fake: connection dropped".into() }))).await;
                    break;
                }
                None => break,
            },
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Text(t))) => {
                    let Ok(v) = serde_json::from_str::<Value>(&t) else { continue };
                    on_client_payload(&state, &tx, v);
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => {}
            },
        }
    }
    let mut gw = state.gateway.lock().unwrap();
    if gw.conn.as_ref().is_some_and(|c| c.same_channel(&tx)) {
        gw.conn = None;
    }
}

fn on_client_payload(state: &Arc<State>, tx: &mpsc::UnboundedSender<Frame>, v: Value) {
    match v["op"].as_u64() {
        // Heartbeat → Heartbeat ACK.
        Some(1) => {
            state.heartbeats.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let _ = tx.send(Frame::Text(example("heartbeat_ack").to_string()));
        }
        // Identify → READY.
        Some(2) => {
            state.identifies.lock().unwrap().push(v["d"].clone());
            let message_content = 1 << 15;
            let intents = v["d"]["intents"].as_u64().unwrap_or(0);
            if intents & message_content != 0 && state.reject_privileged_intents.load(std::sync::atomic::Ordering::SeqCst) {
                let _ = tx.send(Frame::Close(4014));
                return;
            }
            let shard = v["d"]["shard"].clone();
            let mut gw = state.gateway.lock().unwrap();
            gw.conn = Some(tx.clone());
            gw.seq += 1;
            let ready = json!({"op": 0, "t": "READY", "s": gw.seq, "d": {
                "v": 10,
                "user": FakeDiscord::bot_user(),
                "guilds": [{"id": GUILD_ID, "unavailable": true}],
                "session_id": "fake-session-1",
                "resume_gateway_url": format!("ws://{}/gateway", state.addr),
                "shard": if shard.is_null() { json!([0, 1]) } else { shard },
                "application": {"id": APP_ID, "flags": 0},
            }});
            let seq = gw.seq;
            gw.log.push((seq, ready.clone()));
            let _ = tx.send(Frame::Text(ready.to_string()));
        }
        // Resume → the missed dispatches (plus any forced duplicates), then RESUMED.
        Some(6) => {
            state.resumes.lock().unwrap().push(v["d"].clone());
            let from = v["d"]["seq"].as_u64().unwrap_or(0);
            let mut gw = state.gateway.lock().unwrap();
            let from = from.saturating_sub(gw.replay_extra);
            gw.replay_extra = 0;
            for (seq, payload) in gw.log.iter() {
                if *seq > from && payload["t"] != "READY" && payload["t"] != "RESUMED" {
                    let _ = tx.send(Frame::Text(payload.to_string()));
                }
            }
            gw.seq += 1;
            let resumed = json!({"op": 0, "t": "RESUMED", "s": gw.seq, "d": {}});
            let seq = gw.seq;
            gw.log.push((seq, resumed.clone()));
            let _ = tx.send(Frame::Text(resumed.to_string()));
            gw.conn = Some(tx.clone());
        }
        _ => {}
    }
}
