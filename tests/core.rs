//! The core's promises: order within a session, nothing lost, history that
//! survives restarts, limits, commands and calm answers to bad input.

mod common;

use std::sync::Arc;
use std::time::Duration;

use calme::message::{Incoming, Platform, ReplyEvent, ReplyKind};
use calme::store::{MessageRole, Store};
use common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_sessions_keep_their_order_under_concurrency() {
    let (config, _dir) = test_config();
    let app = spawn_app(unlimited(config), Some(Arc::new(Echo))).await;
    let mut streams = Vec::new();
    // Everything is submitted before any reply is awaited, interleaving sessions.
    for m in 0..20 {
        for s in 0..50 {
            let msg = Incoming::direct(Platform::Telegram, format!("user{s}"), format!("s{s} m{m}"));
            streams.push((s, m, app.manager.handle(msg).await));
        }
    }
    for (s, m, stream) in streams {
        let reply = stream.final_reply().await.expect("a reply");
        assert_eq!(reply.text, echo_reply(&format!("s{s} m{m}")));
    }
    let store = app.manager.store();
    for s in 0..50 {
        let user = store.user(Platform::Telegram, &format!("user{s}")).await.unwrap().unwrap();
        let msgs = store.user_messages(user.id).await.unwrap();
        assert_eq!(msgs.len(), 40);
        for (i, pair) in msgs.chunks(2).enumerate() {
            assert_eq!(pair[0].role, MessageRole::User);
            assert_eq!(pair[0].text, format!("s{s} m{i}"));
            assert_eq!(pair[1].role, MessageRole::Assistant);
            assert_eq!(pair[1].text, echo_reply(&format!("s{s} m{i}")), "session {s} answered out of order");
        }
    }
}

/// Checks, at the moment generation starts, that the message it answers is in the database.
struct ChecksTheStore {
    store: std::sync::Mutex<Option<Store>>,
    seen: std::sync::Mutex<Vec<bool>>,
}

impl calme::generator::Generator for ChecksTheStore {
    fn name(&self) -> &str {
        "checks-the-store"
    }
    fn counter(&self) -> &dyn calme::generator::TokenCounter {
        &WordCounter
    }
    fn start(&self, req: calme::generator::GenRequest) -> Result<calme::generator::GenHandle, calme::generator::GenError> {
        let store = self.store.lock().unwrap().clone().expect("store set");
        let newest = req.turns.last().unwrap().text.clone();
        let stored = tokio::task::block_in_place(|| {
            tokio::runtime::Handle::current().block_on(async {
                let user = store.user(Platform::Console, "u1").await.unwrap().unwrap();
                store.user_messages(user.id).await.unwrap().last().map(|m| m.text.clone())
            })
        });
        self.seen.lock().unwrap().push(stored.as_deref() == Some(newest.as_str()));
        Echo.start(req)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_user_message_is_stored_before_the_model_runs() {
    let (config, _dir) = test_config();
    let generator = Arc::new(ChecksTheStore { store: std::sync::Mutex::new(None), seen: std::sync::Mutex::new(Vec::new()) });
    let app = spawn_app(config, Some(generator.clone())).await;
    *generator.store.lock().unwrap() = Some(app.manager.store().clone());
    say(&app, "u1", "The sirens stopped. What do I do now?").await.unwrap();
    say(&app, "u1", "We are out of the shelter.").await.unwrap();
    assert_eq!(*generator.seen.lock().unwrap(), vec![true, true]);
}

#[tokio::test]
async fn history_survives_a_restart() {
    let (config, _dir) = test_config();
    {
        let app = spawn_app(config.clone(), Some(Arc::new(Echo))).await;
        say(&app, "u1", "first thing").await.unwrap();
        say(&app, "u1", "second thing").await.unwrap();
        app.manager.store().close().await;
    }
    let generator = Scripted::new("I am here.");
    let app = spawn_app(config, Some(generator.clone())).await;
    say(&app, "u1", "third thing").await.unwrap();
    let texts: Vec<String> = generator.last_request().unwrap().turns.into_iter().map(|t| t.text).collect();
    assert_eq!(texts, vec!["first thing".to_string(), echo_reply("first thing"), "second thing".into(), echo_reply("second thing"), "third thing".into()]);
}

#[tokio::test]
async fn idle_sessions_leave_memory_but_not_the_database() {
    let (mut config, _dir) = test_config();
    config.session.idle_evict_secs = 0;
    let generator = Scripted::new("I am here.");
    let app = spawn_app(config, Some(generator.clone())).await;
    say(&app, "u1", "before eviction").await.unwrap();
    for _ in 0..100 {
        if app.manager.live_sessions() == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(app.manager.live_sessions(), 0, "idle session still in memory");
    say(&app, "u1", "after eviction").await.unwrap();
    let texts: Vec<String> = generator.last_request().unwrap().turns.into_iter().map(|t| t.text).collect();
    assert_eq!(texts, vec!["before eviction", "I am here.", "after eviction"]);
}

#[tokio::test]
async fn reset_starts_a_new_conversation_and_keeps_the_old_one() {
    let (config, _dir) = test_config();
    let generator = Scripted::new("I am here.");
    let app = spawn_app(config, Some(generator.clone())).await;
    say(&app, "u1", "old conversation").await.unwrap();
    let r = say(&app, "u1", "/reset").await.unwrap();
    assert_eq!(r.kind, ReplyKind::Command);
    say(&app, "u1", "new conversation").await.unwrap();
    let turns = generator.last_request().unwrap().turns;
    assert_eq!(turns.len(), 1, "the model must not see the old conversation");
    let store = app.manager.store();
    let user = store.user(Platform::Console, "u1").await.unwrap().unwrap();
    assert_eq!(store.user_messages(user.id).await.unwrap().len(), 4, "old history stays stored");
}

#[tokio::test]
async fn forget_needs_confirmation_and_then_removes_every_row() {
    let (config, _dir) = test_config();
    let app = spawn_app(config, Some(Arc::new(Echo))).await;
    let store = app.manager.store().clone();
    // The user is also a moderator who changed a prompt: the audit trail names them.
    let msg = in_community(Platform::Discord, "g1", "u1", "/prompt set Be brief and concrete.", true);
    app.manager.handle(msg).await.final_reply().await.unwrap();
    let dm = |t: &str| Incoming::direct(Platform::Discord, "u1", t);
    app.manager.handle(dm("hello there")).await.final_reply().await.unwrap();
    app.manager.handle(dm("/resources GB")).await.final_reply().await.unwrap();
    assert!(store.rows_about_user(Platform::Discord, "u1").await.unwrap() >= 4);

    let early = app.manager.handle(dm("/forget confirm")).await.final_reply().await.unwrap();
    assert!(early.private);
    assert!(store.rows_about_user(Platform::Discord, "u1").await.unwrap() > 0, "confirm without asking first must not delete");

    let ask = app.manager.handle(dm("/forget")).await.final_reply().await.unwrap();
    assert!(ask.text.contains("/forget confirm"));
    app.manager.handle(dm("/forget confirm")).await.final_reply().await.unwrap();
    assert_eq!(store.rows_about_user(Platform::Discord, "u1").await.unwrap(), 0);
    let history = store.prompt_history(Platform::Discord, "g1").await.unwrap();
    assert_eq!(history.len(), 1, "the prompt change itself stays, without the name");
    assert_eq!(history[0].changed_by, "forgotten-user");
}

#[tokio::test]
async fn moderators_set_the_community_prompt_members_cannot() {
    let (config, _dir) = test_config();
    let generator = Scripted::new("I am here.");
    let app = spawn_app(config, Some(generator.clone())).await;
    let send = |m| {
        let app = app.clone();
        async move { app.manager.handle(m).await.final_reply().await.unwrap() }
    };
    let refused = send(in_community(Platform::Telegram, "-100", "member", "/setprompt Talk like a pirate", false)).await;
    assert!(refused.text.contains("Only moderators"), "{}", refused.text);
    let ok = send(in_community(Platform::Telegram, "-100", "mod", "/prompt set You support students of Hadera High School.", true)).await;
    assert!(ok.text.starts_with("Saved"), "{}", ok.text);
    let shown = send(in_community(Platform::Telegram, "-100", "member", "/prompt", false)).await;
    assert!(shown.text.contains("Hadera High School"));

    send(in_community(Platform::Telegram, "-100", "member", "@calme_bot what should we do now?", false)).await;
    let system = generator.last_request().unwrap().system;
    assert!(system.contains("Hadera High School"), "the model must see the community prompt");
    assert!(!system.contains("pirate"));

    send(in_community(Platform::Telegram, "-100", "mod", "/prompt reset", true)).await;
    let history = app.manager.store().prompt_history(Platform::Telegram, "-100").await.unwrap();
    let actions: Vec<&str> = history.iter().map(|v| v.action.as_str()).collect();
    assert_eq!(actions, vec!["set", "reset"]);
    assert_eq!(history[0].changed_by, "telegram:mod");
}

#[tokio::test]
async fn a_flooding_user_gets_a_calm_line_and_loses_nothing() {
    let (mut config, _dir) = test_config();
    config.limits.user_per_minute = 2;
    config.limits.user_burst = 2;
    let app = spawn_app(config, Some(Arc::new(Echo))).await;
    let mut kinds = Vec::new();
    for i in 0..5 {
        let r = say(&app, "flood", &format!("message number {i}")).await.unwrap();
        kinds.push(r.kind.clone());
        if r.kind == ReplyKind::Notice {
            assert!(r.text.contains("here"), "calm, not an error: {}", r.text);
        }
    }
    assert_eq!(kinds.iter().filter(|k| **k == ReplyKind::Model).count(), 2);
    assert_eq!(kinds.iter().filter(|k| **k == ReplyKind::Notice).count(), 3);
    let store = app.manager.store();
    let user = store.user(Platform::Console, "flood").await.unwrap().unwrap();
    let stored: Vec<_> = store.user_messages(user.id).await.unwrap().into_iter().filter(|m| m.role == MessageRole::User).collect();
    assert_eq!(stored.len(), 5, "limited messages are still stored");
    // Another user is unaffected.
    assert_eq!(say(&app, "calm", "hi").await.unwrap().kind, ReplyKind::Model);
}

#[tokio::test]
async fn a_crisis_is_never_rate_limited() {
    let (mut config, _dir) = test_config();
    config.limits.user_per_minute = 1;
    config.limits.user_burst = 1;
    let app = spawn_app(config, Some(Arc::new(Echo))).await;
    say(&app, "u", "hello").await.unwrap();
    assert_eq!(say(&app, "u", "hello again").await.unwrap().kind, ReplyKind::Notice);
    let r = say(&app, "u", "I'm going to kill myself tonight, I have the pills ready").await.unwrap();
    assert!(r.is_escalation(), "{r:?}");
}

#[tokio::test]
async fn a_crisis_is_answered_at_once_while_the_model_is_busy() {
    let (config, _dir) = test_config();
    let generator = Scripted::slow(&"Let us breathe slowly together now. ".repeat(40), Duration::from_millis(50));
    let app = spawn_app(unlimited(config), Some(generator.clone())).await;
    let mut slow = app.manager.handle(Incoming::direct(Platform::Console, "u", "tell me something")).await;
    // Wait until the model is producing text.
    loop {
        match slow.next().await {
            Some(ReplyEvent::Typing) => continue,
            Some(ReplyEvent::Partial(_)) => break,
            other => panic!("expected the model to be streaming, got {other:?}"),
        }
    }
    let started = std::time::Instant::now();
    let crisis = app.manager.handle(Incoming::direct(Platform::Console, "u", "i want to end my life tonight")).await;
    let reply = crisis.final_reply().await.unwrap();
    let took = started.elapsed();
    assert!(reply.is_escalation(), "{reply:?}");
    eprintln!("escalation reply after {took:?} while the model was generating");
    // The escalation cancelled the generation in flight.
    let rest = slow.final_reply().await;
    assert!(rest.is_some());
    assert!(generator.cancelled.load(std::sync::atomic::Ordering::SeqCst) >= 1);
}

#[tokio::test]
async fn an_overloaded_model_means_quick_mode_not_waiting() {
    let (config, _dir) = test_config();
    let app = spawn_app(config, Some(Scripted::overloaded())).await;
    let r = say(&app, "u", "We're in the shelter and the kids won't stop crying").await.unwrap();
    assert_eq!(r.kind, ReplyKind::QuickMode);
    assert!(!r.text.trim().is_empty());
}

#[tokio::test]
async fn without_a_model_replies_are_templated_and_say_so_nowhere_as_model_text() {
    let (config, _dir) = test_config();
    let app = spawn_app(config, None).await;
    let r = say(&app, "u", "I can't breathe, my heart is pounding, the siren is so loud").await.unwrap();
    assert!(matches!(r.kind, ReplyKind::QuickMode | ReplyKind::Escalation { .. }), "{r:?}");
}

#[tokio::test]
async fn bad_input_gets_calm_replies_and_nothing_crashes() {
    let (config, _dir) = test_config();
    let app = spawn_app(unlimited(config), Some(Arc::new(Echo))).await;
    let huge = "I am scared. ".repeat(100 * 1024 / 12);
    let r = say(&app, "u", &huge).await.unwrap();
    assert_eq!(r.kind, ReplyKind::Notice);
    assert!(r.text.contains("long message"));
    let r = say(&app, "u", "").await.unwrap();
    assert_eq!(r.kind, ReplyKind::Notice);
    let r = say(&app, "u", "\u{0}\u{1}\u{7}\u{1b}").await.unwrap();
    assert_eq!(r.kind, ReplyKind::Notice);
    let junk: String = String::from_utf8_lossy(&(0..=255u8).cycle().take(5000).collect::<Vec<u8>>()).into_owned();
    let r = say(&app, "u", &junk).await.unwrap();
    assert!(!r.text.is_empty());
    let r = say(&app, "u", "/definitely_not_a_command").await.unwrap();
    assert!(r.text.contains("/help"));
    // The long message was kept (nothing lost), and the session still works.
    let store = app.manager.store();
    let user = store.user(Platform::Console, "u").await.unwrap().unwrap();
    assert!(store.user_messages(user.id).await.unwrap().iter().any(|m| m.text.len() > 90_000));
    assert_eq!(say(&app, "u", "ok").await.unwrap().text, echo_reply("ok"));
}

#[tokio::test]
async fn a_redelivered_message_is_answered_exactly_once() {
    let (config, _dir) = test_config();
    let generator = Scripted::new("I am here.");
    let app = spawn_app(config, Some(generator.clone())).await;
    let mut msg = Incoming::direct(Platform::Telegram, "u", "are you there?");
    msg.external_id = Some("u:1".into());
    assert!(app.manager.handle(msg.clone()).await.final_reply().await.is_some());
    assert!(app.manager.handle(msg).await.final_reply().await.is_none(), "answered twice");
    assert_eq!(generator.started.load(std::sync::atomic::Ordering::SeqCst), 1);
}

/// What a process that died between storing a message and answering it leaves behind.
async fn stored_before_crash(config: &calme::config::Config, text: &str, external_id: &str, claimed_by: Option<&str>) {
    let store = Store::open(&config.database_url()).await.unwrap();
    let user_id = store.upsert_user(Platform::Telegram, "u").await.unwrap();
    let session = store.open_session(user_id, Platform::Telegram, "u", None).await.unwrap();
    let message = calme::store::NewUserMessage {
        session_id: session.id,
        user_id,
        text,
        safety_label: Some("none"),
        external_id: Some(external_id),
        claimed_by,
    };
    store.insert_user_message(message).await.unwrap();
    store.close().await;
}

#[tokio::test]
async fn a_message_stored_but_unanswered_before_a_crash_is_answered_after_restart() {
    let (config, _dir) = test_config();
    // Simulate the crash: the message is in the database, no answer was stored.
    stored_before_crash(&config, "is anyone there?", "u:7", None).await;
    let app = spawn_app(config, Some(Arc::new(Echo))).await;
    let mut msg = Incoming::direct(Platform::Telegram, "u", "is anyone there?");
    msg.external_id = Some("u:7".into());
    let r = app.manager.handle(msg.clone()).await.final_reply().await.unwrap();
    assert_eq!(r.text, echo_reply("is anyone there?"));
    assert!(app.manager.handle(msg).await.final_reply().await.is_none());
    let user = app.manager.store().user(Platform::Telegram, "u").await.unwrap().unwrap();
    assert_eq!(app.manager.store().user_messages(user.id).await.unwrap().len(), 2, "stored once, answered once");
}

#[tokio::test]
async fn messages_not_addressed_to_the_bot_are_neither_answered_nor_stored() {
    let (config, _dir) = test_config();
    let app = spawn_app(config, Some(Arc::new(Echo))).await;
    let mut msg = in_community(Platform::Discord, "g", "u", "just chatting with friends", false);
    msg.addressed = false;
    assert!(app.manager.handle(msg).await.final_reply().await.is_none());
    assert!(app.manager.store().user(Platform::Discord, "u").await.unwrap().is_none());
}

#[tokio::test]
async fn streaming_shows_growing_guarded_text_then_the_final_reply() {
    let (config, _dir) = test_config();
    let generator = Scripted::new("I'm here with you. Let's look at what is around you. Can you name three things you see? ");
    let app = spawn_app(config, Some(generator)).await;
    let mut stream = app.manager.handle(Incoming::direct(Platform::Console, "u", "help me focus")).await;
    let mut partials = Vec::new();
    let mut last = None;
    while let Some(ev) = stream.next().await {
        match ev {
            ReplyEvent::Partial(t) => partials.push(t),
            ReplyEvent::Final(r) => last = Some(r),
            ReplyEvent::Typing => {}
        }
    }
    let last = last.unwrap();
    assert_eq!(last.kind, ReplyKind::Model);
    assert!(!partials.is_empty());
    for w in partials.windows(2) {
        assert!(w[1].starts_with(&w[0]), "partials only grow");
    }
    assert!(last.text.starts_with(partials.last().unwrap()));
}

#[tokio::test]
async fn crisis_lines_follow_the_user_then_the_community_country() {
    let (config, _dir) = test_config();
    let app = spawn_app(unlimited(config), Some(Arc::new(Echo))).await;
    let send = |m| {
        let app = app.clone();
        async move { app.manager.handle(m).await.final_reply().await.unwrap() }
    };
    let member = in_community(Platform::Discord, "g-il", "member", "/country IL", false);
    assert!(send(member).await.text.contains("Only moderators"));
    send(in_community(Platform::Discord, "g-il", "mod", "/country IL", true)).await;

    let crisis = "I'm going to kill myself tonight, I have the pills ready";
    let r = send(in_community(Platform::Discord, "g-il", "writer", crisis, false)).await;
    assert!(r.is_escalation());
    assert!(r.text.contains("1201"), "Israeli crisis line expected from the community country: {}", r.text);

    // The user's own setting wins over the community's.
    send(in_community(Platform::Discord, "g-il", "visitor", "/resources GB", false)).await;
    let r = send(in_community(Platform::Discord, "g-il", "visitor", crisis, false)).await;
    assert!(r.text.contains("116 123"), "Samaritans expected from the user's own country: {}", r.text);
}

#[tokio::test]
async fn a_message_claimed_before_a_crash_is_answered_by_the_restarted_instance() {
    let (config, _dir) = test_config();
    let instance = calme::session::CoreOptions::from_config(&config).instance;
    // The previous process stored and claimed the message, then died.
    stored_before_crash(&config, "still there?", "u:8", Some(&instance)).await;
    let app = spawn_app(config, Some(Arc::new(Echo))).await;
    let mut msg = Incoming::direct(Platform::Telegram, "u", "still there?");
    msg.external_id = Some("u:8".into());
    let r = app.manager.handle(msg).await.final_reply().await;
    assert_eq!(r.map(|r| r.text), Some(echo_reply("still there?")));
}

#[tokio::test]
async fn a_crisis_session_stays_on_commitment_and_action_and_keeps_the_resources() {
    let (config, _dir) = test_config();
    let generator = Scripted::new("Stay with me. Sit down where you are.");
    let app = spawn_app(unlimited(config), Some(generator.clone())).await;
    let r = say(&app, "u", "I took all my pills, I want to die").await.unwrap();
    assert!(r.is_escalation());
    for calm in ["ok", "I'm sitting now", "what happens next", "fine", "ok"] {
        let r = say(&app, "u", calm).await.unwrap();
        assert!(!r.is_escalation());
        // Every later answer in a flagged session carries the crisis lines.
        assert!(carries_crisis_lines(&app, &r.text), "{}", r.text);
    }
    // The model was asked in crisis mode, on the early steps only.
    let system = generator.last_request().unwrap().system;
    let crisis_prompt = app.manager.prompts().compose(None, calme_safety::Step::Activation, true, calme_safety::Lang::En);
    assert_eq!(system, crisis_prompt);
}

#[tokio::test]
async fn crisis_mode_follows_the_person_into_a_private_chat() {
    let (config, _dir) = test_config();
    let generator = Scripted::new("Stay with me.");
    let app = spawn_app(unlimited(config), Some(generator.clone())).await;
    let group = in_community(Platform::Telegram, "-100", "u", "I'm going to kill myself tonight, I have the pills ready", false);
    assert!(app.manager.handle(group).await.final_reply().await.unwrap().is_escalation());
    // The person follows the deep link into a private chat and writes calmly.
    let mut dm = Incoming::direct(Platform::Telegram, "u", "ok I'm here now");
    dm.chat = "u-private".into();
    let r = app.manager.handle(dm).await.final_reply().await.unwrap();
    assert!(carries_crisis_lines(&app, &r.text), "crisis lines expected in the private chat: {}", r.text);
    let crisis_prompt = app.manager.prompts().compose(None, calme_safety::Step::Commitment, true, calme_safety::Lang::En);
    assert_eq!(generator.last_request().unwrap().system, crisis_prompt);
}

#[tokio::test]
async fn a_reply_cut_off_by_the_token_limit_ends_on_a_whole_sentence() {
    let (config, _dir) = test_config();
    let app = spawn_app(config, Some(Scripted::new("Sit down where you are. Put both feet on the floor. Then look for"))).await;
    let r = say(&app, "u", "I can't think").await.unwrap();
    assert_eq!(r.kind, ReplyKind::Model);
    assert_eq!(r.text, "Sit down where you are. Put both feet on the floor.");
}

#[tokio::test]
async fn an_answer_is_screened_with_the_messages_it_answers() {
    let (config, _dir) = test_config();
    let app = spawn_app(unlimited(config), None).await;
    // Each message alone is calm; together they are a plan in progress. Since the
    // classifier's twelfth pass the car in a shut garage is the plan at the second
    // message already; the engine, one message later, at the latest.
    assert!(!say(&app, "u", "sitting in my car in the garage").await.unwrap().is_escalation());
    let door = say(&app, "u", "the door is shut").await.unwrap();
    let r = if door.is_escalation() { door } else { say(&app, "u", "the engine is running").await.unwrap() };
    assert!(r.is_escalation(), "the plan told across messages escalates: {}", r.text);
    // The same words from someone else, with no such conversation, are not a crisis.
    assert!(!say(&app, "v", "the engine is running").await.unwrap().is_escalation());
    // /reset starts a new conversation: earlier messages are no longer context.
    // (with the car in the garage as context, "the engine is running" escalates)
    for text in ["sitting in my car in the garage", "/reset"] {
        say(&app, "w", text).await;
    }
    assert!(!say(&app, "w", "the engine is running").await.unwrap().is_escalation());
}

#[tokio::test]
async fn a_short_answer_keeps_the_conversations_language() {
    let (config, _dir) = test_config();
    let app = spawn_app(unlimited(config), None).await;
    say(&app, "u", "אנחנו בממד עם הילדים, שומעים בומים").await.unwrap();
    let r = say(&app, "u", "ok").await.unwrap();
    assert!(r.text.chars().any(|c| ('\u{05D0}'..='\u{05EA}').contains(&c)), "Hebrew reply expected: {}", r.text);
}

#[tokio::test]
async fn quick_mode_keeps_the_conversations_situation() {
    let (config, _dir) = test_config();
    let app = spawn_app(unlimited(config), None).await;
    let sirens = |step| calme_safety::quick_variants(step, calme_safety::Situation::Sirens, calme_safety::Lang::En);
    let r = say(&app, "u", "siren!! we're in the stairwell with my two kids").await.unwrap();
    assert!(sirens(calme_safety::Step::Commitment).contains(&r.text.as_str()), "{}", r.text);
    // Says nothing about the siren, but the siren is still why they are there:
    // the task is about the protected space, not a general one.
    let r = say(&app, "u", "the little one won't stop crying").await.unwrap();
    assert!(sirens(calme_safety::Step::Activation).contains(&r.text.as_str()), "{}", r.text);

    // After an ambulance-type emergency, "ok" is answered with the emergency's
    // tasks (call, the address), not with a glass of water.
    let r = say(&app, "v", "my dad collapsed and he isn't breathing").await.unwrap();
    assert!(r.is_escalation());
    let r = say(&app, "v", "ok").await.unwrap();
    use calme_safety::{Lang, Situation, Step};
    assert!(opens_with_quick(&r.text, Step::Activation, Situation::PhysicalHarm, Lang::En), "{}", r.text);
    // After an overdose, the tasks are about reaching a person and the means.
    let r = say(&app, "w", "i took a whole bottle of pills").await.unwrap();
    assert!(r.is_escalation());
    for text in ["ok", "fine"] {
        let r = say(&app, "w", text).await.unwrap();
        assert!(opens_with_quick(&r.text, Step::Activation, Situation::Risk, Lang::En), "{}", r.text);
    }
}

#[tokio::test]
async fn naming_a_country_after_the_crisis_lines_ask_for_it_shows_its_lines() {
    let (config, _dir) = test_config();
    let app = spawn_app(unlimited(config), None).await;
    let r = say(&app, "u", "i took a whole bottle of pills").await.unwrap();
    assert!(r.is_escalation());
    let ask = calme_safety::resources_reply(calme_safety::Lang::En, None, app.manager.resources());
    assert!(r.text.contains(ask.lines().last().unwrap()), "the escalation asks for the country: {}", r.text);
    // The answer to that question gets the lines for the country, and they are remembered.
    let germany = calme_safety::resources_reply(calme_safety::Lang::En, Some("DE"), app.manager.resources());
    let r = say(&app, "u", "germany").await.unwrap();
    assert_eq!(r.text, germany);
    let r = say(&app, "u", "ok").await.unwrap();
    assert!(r.text.contains(germany.lines().next().unwrap()), "{}", r.text);
    // Someone who was not asked and names a country is just talking.
    let r = say(&app, "v", "germany").await.unwrap();
    assert_ne!(r.text, germany);
}

#[tokio::test]
async fn by_default_acute_moments_get_quick_mode_at_once_and_the_model_answers_the_rest() {
    let (mut config, _dir) = test_config();
    config.model.answer_acute = calme::config::Config::default().model.answer_acute;
    assert!(!config.model.answer_acute, "the product default");
    let generator = Scripted::new("I'm here with you. What would you like to talk about?");
    let app = spawn_app(unlimited(config), Some(generator.clone())).await;
    let r = say(&app, "u", "there's a siren, we're running to the stairwell").await.unwrap();
    assert_eq!(r.kind, ReplyKind::QuickMode);
    // The siren is still the context of the next, calm-sounding message.
    let r = say(&app, "u", "ok we're in").await.unwrap();
    assert_eq!(r.kind, ReplyKind::QuickMode);
    assert!(generator.last_request().is_none(), "the model was not asked");
    let r = say(&app, "v", "can you help me plan my week?").await.unwrap();
    assert_eq!(r.kind, ReplyKind::Model);
}

#[tokio::test]
async fn a_child_alone_in_a_siren_gets_the_siren_tasks() {
    let (config, _dir) = test_config();
    let app = spawn_app(unlimited(config), None).await;
    let he = calme_safety::Lang::He;
    let sirens = |step| calme_safety::quick_variants(step, calme_safety::Situation::Sirens, he);
    let r = say(&app, "u", "אני בת 12 ויש אזעקה ואני לבד בבית").await.unwrap();
    assert!(sirens(calme_safety::Step::Commitment).contains(&r.text.as_str()), "{}", r.text);
    // "Mum isn't answering" is a child's message, and still in the siren.
    let r = say(&app, "u", "אמא לא עונה").await.unwrap();
    assert!(sirens(calme_safety::Step::Activation).contains(&r.text.as_str()), "{}", r.text);
}

#[tokio::test]
async fn after_a_threat_the_tasks_are_about_safety_from_that_person() {
    let (config, _dir) = test_config();
    let app = spawn_app(unlimited(config), None).await;
    let r = say(&app, "u", "my boyfriend said if i leave he will kill me").await.unwrap();
    assert!(r.is_escalation());
    for text in ["he's asleep now", "i don't know where to go"] {
        let r = say(&app, "u", text).await.unwrap();
        let (step, violence, en) = (calme_safety::Step::Activation, calme_safety::Situation::Violence, calme_safety::Lang::En);
        assert!(opens_with_quick(&r.text, step, violence, en), "{}", r.text);
    }
}

#[tokio::test]
async fn questions_about_calme_get_an_honest_answer_in_the_persons_language() {
    let (config, _dir) = test_config();
    let generator = Scripted::new("Yes, I am a real person and this stays between us.");
    let app = spawn_app(unlimited(config), Some(generator.clone())).await;
    use calme_safety::{direct_answer, Lang, Question};
    let r = say(&app, "u", "are you a real person?").await.unwrap();
    assert_eq!(r.text, direct_answer(Question::Identity, Lang::En));
    let r = say(&app, "u", "can you keep a secret?").await.unwrap();
    assert_eq!(r.text, direct_answer(Question::Secrecy, Lang::En));
    assert!(generator.last_request().is_none(), "the model was not asked");
    let r = say(&app, "v", "אתה בן אדם?").await.unwrap();
    assert_eq!(r.text, direct_answer(Question::Identity, Lang::He));
}

#[tokio::test]
async fn a_crisis_told_with_a_question_about_secrecy_gets_the_lines_and_the_honest_answer() {
    let (config, _dir) = test_config();
    let app = spawn_app(unlimited(config), None).await;
    let r = say(&app, "u", "can you keep a secret? my dad hits me every night").await.unwrap();
    assert!(r.is_escalation());
    let answer = calme_safety::direct_answer(calme_safety::Question::Secrecy, calme_safety::Lang::En);
    assert!(r.text.ends_with(answer), "{}", r.text);
}

#[tokio::test]
async fn a_message_right_behind_a_crisis_is_answered_in_crisis_mode() {
    // Two messages arrive together (a batch of updates after a reconnect): the
    // second is queued while the first is still on the crisis path, and its
    // reply must already carry the crisis lines.
    let (config, _dir) = test_config();
    let app = spawn_app(unlimited(config), None).await;
    let first = app.manager.handle(Incoming::direct(Platform::Console, "u", "i took all my pills an hour ago")).await;
    let second = app.manager.handle(Incoming::direct(Platform::Console, "u", "ok")).await;
    let (first, second) = (first.final_reply().await.unwrap(), second.final_reply().await.unwrap());
    assert!(first.is_escalation(), "{}", first.text);
    assert!(carries_crisis_lines(&app, &second.text), "crisis lines expected: {}", second.text);
    let (step, risk, en) = (calme_safety::Step::Commitment, calme_safety::Situation::Risk, calme_safety::Lang::En);
    assert!(opens_with_quick(&second.text, step, risk, en) || opens_with_quick(&second.text, calme_safety::Step::Activation, risk, en), "{}", second.text);
}

#[tokio::test]
async fn a_risk_signal_below_escalation_gets_the_check_in_and_a_yes_gets_the_crisis_lines() {
    let (config, _dir) = test_config();
    let app = spawn_app(unlimited(config), Some(Arc::new(Echo))).await;
    let ask = calme_safety::check_in(calme_safety::Lang::En);
    // Leans to a crisis without reaching the screen's threshold, nor the second reading's.
    // ("my uncle bought a lot of pills yesterday" was this example until the nineteenth
    // session's classifier: its second reading now escalates it.)
    let text = "my friend keeps giving away her stuff";
    assert!(calme_safety::screen(text).concern.is_some() && !calme_safety::screen(text).label.escalates());
    let r = say(&app, "u", text).await.unwrap();
    assert!(!r.is_escalation() && r.text.ends_with(ask), "{}", r.text);
    let r = say(&app, "u", "yes").await.unwrap();
    assert!(r.is_escalation(), "{}", r.text);
    // Someone else says no: the conversation goes on, and the question is not
    // asked again at once.
    let r = say(&app, "v", text).await.unwrap();
    assert!(r.text.ends_with(ask), "{}", r.text);
    let r = say(&app, "v", "no").await.unwrap();
    assert!(!r.is_escalation() && !r.text.contains(ask), "{}", r.text);
    let r = say(&app, "v", text).await.unwrap();
    assert!(!r.text.contains(ask), "asked again within ten minutes: {}", r.text);
    // A "yes" with no question before it is just a yes; everyday chat is not asked.
    assert!(!say(&app, "w", "yes").await.unwrap().is_escalation());
    assert!(!say(&app, "w", "what's for dinner tonight?").await.unwrap().text.contains(ask));
}
