//! Shared test helpers: a fresh app on a temporary SQLite database with a
//! scripted generator standing in for the model. Test doubles live only here.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use calme::app::App;
use calme::config::Config;
use calme::generator::{GenError, GenEvent, GenHandle, GenRequest, Generator, TokenCounter};
use calme::message::{Incoming, Platform, Reply};
use tokio::sync::mpsc;

/// One token per whitespace-separated word.
pub struct WordCounter;

impl TokenCounter for WordCounter {
    fn count(&self, text: &str) -> usize {
        text.split_whitespace().count()
    }
}

/// A generator that replies with a fixed script, word by word, optionally slowly.
pub struct Scripted {
    pub reply: Mutex<String>,
    pub delay_per_word: Duration,
    pub requests: Mutex<Vec<GenRequest>>,
    pub started: AtomicUsize,
    pub cancelled: Arc<AtomicUsize>,
    pub overloaded: bool,
}

impl Scripted {
    fn build(reply: &str, delay_per_word: Duration, overloaded: bool) -> Arc<Scripted> {
        Arc::new(Scripted {
            reply: Mutex::new(reply.to_string()),
            delay_per_word,
            requests: Mutex::new(Vec::new()),
            started: AtomicUsize::new(0),
            cancelled: Arc::new(AtomicUsize::new(0)),
            overloaded,
        })
    }

    pub fn new(reply: &str) -> Arc<Scripted> {
        Scripted::build(reply, Duration::ZERO, false)
    }

    pub fn slow(reply: &str, delay_per_word: Duration) -> Arc<Scripted> {
        Scripted::build(reply, delay_per_word, false)
    }

    pub fn overloaded() -> Arc<Scripted> {
        Scripted::build("", Duration::ZERO, true)
    }

    pub fn set_reply(&self, reply: &str) {
        *self.reply.lock().unwrap() = reply.to_string();
    }

    pub fn last_request(&self) -> Option<GenRequest> {
        self.requests.lock().unwrap().last().cloned()
    }
}

impl Generator for Scripted {
    fn name(&self) -> &str {
        "scripted"
    }

    fn counter(&self) -> &dyn TokenCounter {
        &WordCounter
    }

    fn start(&self, req: GenRequest) -> Result<GenHandle, GenError> {
        if self.overloaded {
            return Err(GenError::Overloaded);
        }
        self.started.fetch_add(1, Ordering::SeqCst);
        self.requests.lock().unwrap().push(req);
        let words: Vec<String> = self.reply.lock().unwrap().split_inclusive(' ').map(String::from).collect();
        let delay = self.delay_per_word;
        let (tx, rx) = mpsc::channel(8);
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stop2 = stop.clone();
        tokio::spawn(async move {
            for w in words {
                if stop2.load(Ordering::SeqCst) {
                    return;
                }
                if !delay.is_zero() {
                    tokio::time::sleep(delay).await;
                }
                if tx.send(GenEvent::Text(w)).await.is_err() {
                    return;
                }
            }
            let _ = tx.send(GenEvent::Done { tokens: 1, ttft_ms: 0, tokens_per_sec: 1.0 }).await;
        });
        let cancelled = self.cancelled.clone();
        Ok(GenHandle::new(rx, move || {
            if !stop.swap(true, Ordering::SeqCst) {
                cancelled.fetch_add(1, Ordering::SeqCst);
            }
        }))
    }
}

/// A test config on a fresh data directory; the returned guard deletes it.
pub fn test_config() -> (Config, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::default();
    config.data_dir = Some(dir.path().to_path_buf());
    config.model.enabled = false;
    // The scripted models of these tests write good replies, so they may answer
    // acute moments too; the product default (off) has its own test.
    config.model.answer_acute = true;
    (config, dir)
}

/// Starts an app with the given generator (or none: Quick Mode).
pub async fn spawn_app(config: Config, generator: Option<Arc<dyn Generator>>) -> App {
    App::with_generator(config, generator, Ok("test".into())).await.unwrap()
}

/// Whether `text` carries the English crisis lines (the first line of the
/// /resources reply when the country is unknown), as every reply in a crisis
/// session does.
pub fn carries_crisis_lines(app: &App, text: &str) -> bool {
    carries_crisis_lines_in(app, calme_safety::Lang::En, text)
}

/// [`carries_crisis_lines`] for a reply in `lang`.
pub fn carries_crisis_lines_in(app: &App, lang: calme_safety::Lang, text: &str) -> bool {
    let lines = calme_safety::resources_reply(lang, None, app.manager.resources());
    lines.lines().next().is_some_and(|first| text.contains(first))
}

/// Sends one direct message and waits for the final reply.
pub async fn say(app: &App, user: &str, text: &str) -> Option<Reply> {
    app.manager.handle(Incoming::direct(Platform::Console, user, text)).await.final_reply().await
}

/// What [`Echo`] answers to `text`: shows which message a reply answers, in a
/// reply the output guard lets through (it says it is here).
pub fn echo_reply(text: &str) -> String {
    format!("I'm here with you (echo: {text}).")
}

/// Replies [`echo_reply`] of the newest user turn at once.
pub struct Echo;

impl Generator for Echo {
    fn name(&self) -> &str {
        "echo"
    }

    fn counter(&self) -> &dyn TokenCounter {
        &WordCounter
    }

    fn start(&self, req: GenRequest) -> Result<GenHandle, GenError> {
        let last = req.turns.last().map(|t| t.text.clone()).unwrap_or_default();
        let (tx, rx) = mpsc::channel(4);
        let _ = tx.try_send(GenEvent::Text(echo_reply(&last)));
        let _ = tx.try_send(GenEvent::Done { tokens: 1, ttft_ms: 0, tokens_per_sec: 1.0 });
        Ok(GenHandle::new(rx, || {}))
    }
}

/// Whether `text` opens with one of Quick Mode's replies for that step and
/// situation (in a crisis session the crisis lines follow it).
pub fn opens_with_quick(text: &str, step: calme_safety::Step, situation: calme_safety::Situation, lang: calme_safety::Lang) -> bool {
    calme_safety::quick_variants(step, situation, lang).iter().any(|t| text.starts_with(t))
}

/// A config with rate limits out of the way (for tests about something else).
pub fn unlimited(mut config: Config) -> Config {
    config.limits.user_per_minute = 1_000_000;
    config.limits.user_burst = 1_000_000;
    config.limits.community_per_minute = 1_000_000;
    config.limits.community_burst = 1_000_000;
    config.limits.global_per_second = 1_000_000;
    config.limits.global_burst = 1_000_000;
    config
}

/// A message in a community (group/server) addressed to the bot.
pub fn in_community(platform: Platform, community: &str, user: &str, text: &str, moderator: bool) -> Incoming {
    Incoming {
        platform,
        community: Some(community.into()),
        chat: format!("{community}-general"),
        user: user.into(),
        text: text.into(),
        is_direct: false,
        addressed: true,
        locale: None,
        role: if moderator { calme::message::Role::Moderator } else { calme::message::Role::Member },
        external_id: None,
    }
}
