//! The Telegram adapter against a fake Bot API server (tests/telegram_fake):
//! real teloxide client, real session manager on a temporary SQLite database,
//! the `Scripted` generator standing in for the model.

mod common;
mod telegram_fake;

use std::sync::Arc;
use std::time::Duration;

use calme::app::App;
use calme::config::{Config, Secret};
use calme::message::Platform;
use calme::platforms::telegram::{self, Mode, Options, Timings, WebhookOptions};
use calme::session::limits::RateLimits;
use calme::session::{CoreOptions, SessionManager};
use calme::store::Store;
use common::Scripted;
use serde_json::json;
use telegram_fake::{Chat, Fake, BOT_USERNAME, TOKEN};
use teloxide::adaptors::throttle::Limits;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

const CRISIS: &str = "I am going to kill myself tonight, I have the pills ready";

/// Fast timings and generous limits, so tests are quick; the logic is the same.
fn options(fake: &Fake, mode: Mode, stop: CancellationToken) -> Options {
    Options {
        token: Secret::new(TOKEN),
        api_url: Some(fake.url.clone()),
        mode,
        timings: Timings {
            poll_timeout: Duration::from_secs(1),
            busy_poll_interval: Duration::from_millis(100),
            edit_interval: Duration::from_millis(200),
            drain: Duration::from_secs(2),
            ..Timings::default()
        },
        limits: Limits {
            messages_per_sec_chat: 100,
            messages_per_min_chat: 1000,
            messages_per_min_channel_or_supergroup: 1000,
            messages_per_sec_overall: 1000,
        },
        shutdown: stop,
    }
}

/// The adapter running against `fake` for `app`.
struct Running {
    stop: CancellationToken,
    task: JoinHandle<anyhow::Result<()>>,
}

impl Running {
    fn start(app: &App, fake: &Fake, mode: Mode) -> Running {
        let stop = CancellationToken::new();
        let task = tokio::spawn(telegram::run(app.clone(), options(fake, mode, stop.clone())));
        Running { stop, task }
    }

    async fn stop(self) {
        self.stop.cancel();
        self.task.await.unwrap().unwrap();
    }
}

async fn app_with(config: Config, reply: Option<&str>) -> App {
    let generator = reply.map(|r| Scripted::new(r) as Arc<dyn calme::generator::Generator>);
    common::spawn_app(config, generator).await
}

/// The final texts the bot shows in `chat`, in order.
fn shown(fake: &Fake, chat: i64) -> Vec<String> {
    fake.state(|s| s.in_chat(chat).into_iter().map(|p| p.text).collect())
}

async fn stored_texts(store: &Store, user: i64) -> Vec<String> {
    match store.user(Platform::Telegram, &user.to_string()).await.unwrap() {
        Some(u) => store.user_messages(u.id).await.unwrap().into_iter().map(|m| m.text).collect(),
        None => Vec::new(),
    }
}

#[tokio::test]
async fn commands_are_registered_per_scope_at_start() {
    let fake = Fake::start().await;
    let (config, _dir) = common::test_config();
    let app = app_with(config, None).await;
    let bot = Running::start(&app, &fake, Mode::Polling);
    fake.wait_until("three command menus", |s| s.calls_to("setMyCommands").len() == 3).await;
    let scopes: Vec<String> = fake.state(|s| {
        s.calls_to("setMyCommands").iter().map(|c| c.body["scope"]["type"].as_str().unwrap().to_string()).collect()
    });
    assert_eq!(scopes, ["all_private_chats", "all_group_chats", "all_chat_administrators"]);
    let admin_menu = fake.state(|s| s.calls_to("setMyCommands")[2].body["commands"].to_string());
    assert!(admin_menu.contains("setprompt") && admin_menu.contains("resetprompt"));
    let group_menu = fake.state(|s| s.calls_to("setMyCommands")[1].body["commands"].to_string());
    assert!(!group_menu.contains("setprompt"));
    bot.stop().await;
}

#[tokio::test]
async fn private_chat_is_a_conversation_with_history() {
    let fake = Fake::start().await;
    let (config, _dir) = common::test_config();
    let generator = Scripted::new("I'm here with you. Let's take one slow breath together.");
    let app = common::spawn_app(config, Some(generator.clone())).await;
    let bot = Running::start(&app, &fake, Mode::Polling);
    let me = Chat::Private(42);

    let (u, _) = fake.text(me, 42, "/start");
    fake.wait_confirmed(u).await;
    assert!(shown(&fake, 42)[0].contains("CALMe"), "greeting: {:?}", shown(&fake, 42));

    for text in ["My exam is tomorrow and I can't focus", "My hands are shaking", "Okay, breathing helps a bit"] {
        let (u, _) = fake.text(me, 42, text);
        fake.wait_confirmed(u).await;
    }
    let replies = shown(&fake, 42);
    assert_eq!(replies.len(), 4, "{replies:?}");
    for r in &replies[1..] {
        assert_eq!(r, "I'm here with you. Let's take one slow breath together.");
    }
    // The model saw the earlier turns.
    let turns = generator.last_request().unwrap().turns;
    let said: Vec<&str> = turns.iter().map(|t| t.text.as_str()).collect();
    assert!(said.contains(&"My exam is tomorrow and I can't focus"), "{said:?}");
    assert!(said.contains(&"My hands are shaking"), "{said:?}");
    assert_eq!(*said.last().unwrap(), "Okay, breathing helps a bit");
    // Private replies do not quote; stored: three messages and three replies.
    assert!(fake.state(|s| s.in_chat(42).iter().all(|p| p.reply_to.is_none())));
    assert_eq!(stored_texts(app.manager.store(), 42).await.len(), 6);
    bot.stop().await;
}

#[tokio::test]
async fn group_answers_only_when_addressed_and_stores_nothing_else() {
    let fake = Fake::start().await;
    let (config, _dir) = common::test_config();
    let app = app_with(config, Some("I'm here. What is happening right now?")).await;
    let bot = Running::start(&app, &fake, Mode::Polling);
    let group = Chat::Group(-100_111);

    let (u, _) = fake.text(group, 51, "does anyone else feel awful today");
    fake.wait_confirmed(u).await;
    assert!(shown(&fake, group.id()).is_empty());
    assert!(stored_texts(app.manager.store(), 51).await.is_empty(), "an unaddressed message was stored");
    assert!(app.manager.store().community(Platform::Telegram, "-100111").await.unwrap().is_none());

    let (u, mid) = fake.text(group, 51, &format!("@{BOT_USERNAME} I feel awful today"));
    fake.wait_confirmed(u).await;
    let posted = fake.state(|s| s.in_chat(group.id()));
    assert_eq!(posted.len(), 1);
    assert_eq!(posted[0].text, "I'm here. What is happening right now?");
    assert_eq!(posted[0].reply_to, Some(mid), "group answers quote the message they answer");
    let stored = stored_texts(app.manager.store(), 51).await;
    assert_eq!(stored[0], "I feel awful today", "the mention is stripped");
    assert!(!stored.iter().any(|t| t.contains("anyone else")));

    // A reply to the bot's message is addressed too.
    let bot_msg = posted[0].id;
    let (_, m) = fake.message(group, 51, json!({ "text": "thanks" }), Some(bot_msg));
    let u = fake.push_update("message", m);
    fake.wait_confirmed(u).await;
    assert_eq!(shown(&fake, group.id()).len(), 2);
    bot.stop().await;
}

#[tokio::test]
async fn only_group_administrators_can_change_the_prompt() {
    let fake = Fake::start().await;
    let (config, _dir) = common::test_config();
    let app = app_with(config, None).await;
    let bot = Running::start(&app, &fake, Mode::Polling);
    let group = Chat::Group(-100_222);
    fake.change(|s| s.admins.insert((group.id(), 61)));
    let prompt = |app: &App| {
        let store = app.manager.store().clone();
        async move { store.community(Platform::Telegram, "-100222").await.unwrap().and_then(|c| c.prompt_override) }
    };

    let (u, _) = fake.text(group, 61, &format!("/setprompt@{BOT_USERNAME} You support students of our school."));
    fake.wait_confirmed(u).await;
    assert_eq!(prompt(&app).await.as_deref(), Some("You support students of our school."));

    let (u, _) = fake.text(group, 62, "/setprompt Be harsh with people.");
    fake.wait_confirmed(u).await;
    assert_eq!(prompt(&app).await.as_deref(), Some("You support students of our school."), "a member changed the prompt");
    let (u, _) = fake.text(group, 62, "/resetprompt");
    fake.wait_confirmed(u).await;
    assert!(prompt(&app).await.is_some(), "a member reset the prompt");
    let refusals = shown(&fake, group.id()).iter().filter(|t| t.contains("Only moderators")).count();
    assert_eq!(refusals, 2, "{:?}", shown(&fake, group.id()));

    // Checked with Telegram every time, never trusted from the message.
    let checked: Vec<i64> =
        fake.state(|s| s.calls_to("getChatMember").iter().map(|c| c.body["user_id"].as_i64().unwrap()).collect());
    assert_eq!(checked, [61, 62, 62]);
    bot.stop().await;
}

#[tokio::test]
async fn crisis_in_a_group_gets_a_short_public_reply_and_a_private_link() {
    let fake = Fake::start().await;
    let (config, _dir) = common::test_config();
    let app = app_with(config, Some("This is not what a crisis should get.")).await;
    let bot = Running::start(&app, &fake, Mode::Polling);
    let group = Chat::Group(-100_333);

    // Written in a forum topic: the answer belongs in the same topic.
    let text = format!("@{BOT_USERNAME} {CRISIS}");
    let (_, m) = fake.message(group, 71, json!({ "text": text, "message_thread_id": 9, "is_topic_message": true }), None);
    let u = fake.push_update("message", m);
    fake.wait_confirmed(u).await;
    let sends = fake.state(|s| s.calls_to("sendMessage"));
    assert!(sends.iter().all(|c| c.body["message_thread_id"] == json!(9)), "{sends:?}");
    let posted = fake.state(|s| s.in_chat(group.id()));
    assert_eq!(posted.len(), 1, "{posted:?}");
    let public = &posted[0];
    assert!(public.text.contains(&format!("https://t.me/{BOT_USERNAME}?start=")), "{}", public.text);
    for word in ["kill", "pills", "tonight", "myself"] {
        assert!(!public.text.to_lowercase().contains(word), "the user's words are repeated: {}", public.text);
    }
    assert_eq!(public.reply_to, None, "no quote of the person's message");

    // The same words in a private chat get the full answer, which the group never saw.
    let (u, _) = fake.text(Chat::Private(72), 72, CRISIS);
    fake.wait_confirmed(u).await;
    let private = shown(&fake, 72).join("\n");
    assert!(!private.is_empty());
    assert_ne!(private, public.text);
    assert!(!public.text.contains(&private));

    // The deep link opens a private chat with /start <payload>.
    let link = public.text.split_whitespace().find(|w| w.starts_with("https://t.me/")).unwrap();
    let payload = link.split("start=").nth(1).unwrap();
    let (u, _) = fake.text(Chat::Private(71), 71, &format!("/start {payload}"));
    fake.wait_confirmed(u).await;
    assert_eq!(shown(&fake, 71).len(), 1);
    bot.stop().await;
}

#[tokio::test]
async fn long_replies_are_split_within_telegram_limit() {
    let fake = Fake::start().await;
    let (config, _dir) = common::test_config();
    let long = "Tell me five things you can see around you, slowly, one at a time. ".repeat(150);
    // A deployment whose replies may exceed one Telegram message.
    let store = Store::open(&config.database_url()).await.unwrap();
    let mut core = CoreOptions::from_config(&config);
    core.max_reply_chars = 20_000;
    let manager = SessionManager::new(
        store,
        core,
        RateLimits::new(&config.limits),
        Some(Scripted::new(&long)),
        calme_safety::Resources::builtin(),
        calme_safety::PromptSet::builtin(),
    );
    let app = App { config, manager, model_status: Ok("test".into()) };
    let bot = Running::start(&app, &fake, Mode::Polling);

    let (u, _) = fake.text(Chat::Private(81), 81, "Everything feels too much right now");
    fake.wait_confirmed(u).await;
    let parts = shown(&fake, 81);
    assert!(parts.len() >= 3, "{} parts", parts.len());
    for p in &parts {
        assert!(p.encode_utf16().count() <= 4096, "a part of {} characters", p.chars().count());
    }
    let joined: String = parts.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(joined, long.split_whitespace().collect::<Vec<_>>().join(" "), "nothing lost or repeated");
    assert!(fake.state(|s| s.calls_to("sendMessage").iter().all(|c| c.body.get("parse_mode").is_none())));
    bot.stop().await;
}

#[tokio::test]
async fn too_many_requests_is_honoured_and_nothing_is_lost() {
    let fake = Fake::start().await;
    let (config, _dir) = common::test_config();
    let app = app_with(config, Some("Breathe out slowly, once. Then, tell me where you are.")).await;
    let bot = Running::start(&app, &fake, Mode::Polling);

    // The first send and the final edit each get a 429 with retry_after = 1.
    fake.change(|s| {
        s.throttle.entry("sendMessage".into()).or_default().push_back(1);
        s.throttle.entry("editMessageText".into()).or_default().push_back(1);
    });
    let started = tokio::time::Instant::now();
    let (u, _) = fake.text(Chat::Private(91), 91, "I can't calm down");
    fake.wait_confirmed(u).await;
    assert!(started.elapsed() >= Duration::from_secs(1), "retry_after was not honoured");
    assert_eq!(shown(&fake, 91), ["Breathe out slowly, once. Then, tell me where you are."]);
    let (sends, edits) = fake.state(|s| (s.calls_to("sendMessage").len(), s.calls_to("editMessageText").len()));
    assert!(sends >= 2, "the 429'd send was retried ({sends} sends)");
    assert!(edits >= 1, "the reply grew by an edit");

    // A second message after the pause arrives whole too.
    let (u, _) = fake.text(Chat::Private(91), 91, "Still here");
    fake.wait_confirmed(u).await;
    assert_eq!(shown(&fake, 91).len(), 2);
    bot.stop().await;
}

#[tokio::test]
async fn other_input_gets_one_line_or_nothing() {
    let fake = Fake::start().await;
    let (config, _dir) = common::test_config();
    let app = app_with(config, Some("I'm here.")).await;
    let bot = Running::start(&app, &fake, Mode::Polling);
    let me = Chat::Private(95);

    let (_, sticker) = fake.message(
        me,
        95,
        json!({ "sticker": { "file_id": "f", "file_unique_id": "u", "type": "regular", "width": 1, "height": 1,
                             "is_animated": false, "is_video": false } }),
        None,
    );
    let u = fake.push_update("message", sticker);
    fake.wait_confirmed(u).await;
    assert_eq!(shown(&fake, 95).len(), 1);
    assert!(shown(&fake, 95)[0].contains("text"));

    let (_, edited) = fake.message(me, 95, json!({ "text": "edited words", "edit_date": 1_700_000_100 }), None);
    let u1 = fake.push_update("edited_message", edited);
    let (_, from_bot) = fake.message(me, 95, json!({ "text": "beep" }), None);
    let mut from_bot = from_bot;
    from_bot["from"]["is_bot"] = json!(true);
    let u2 = fake.push_update("message", from_bot);
    let post = json!({ "message_id": 1, "date": 1_700_000_000, "text": "news",
                       "chat": { "id": -100_999, "type": "channel", "title": "News" } });
    let u3 = fake.push_update("channel_post", post);
    fake.wait_confirmed(u1.max(u2).max(u3)).await;
    assert_eq!(shown(&fake, 95).len(), 1, "edits, bots and channel posts are ignored");
    assert!(stored_texts(app.manager.store(), 95).await.is_empty());

    // Longer than the core accepts (Telegram allows 4096): the core's calm reply.
    let (u, _) = fake.text(me, 95, &"I just need to write all of this down. ".repeat(105));
    fake.wait_confirmed(u).await;
    let replies = shown(&fake, 95);
    assert_eq!(replies.len(), 2);
    assert!(replies[1].to_lowercase().contains("long"), "{}", replies[1]);
    bot.stop().await;
}

/// A crash after the core stored the message and before the answer was sent:
/// the offset never confirmed the update, Telegram delivers it again, and the
/// restarted bot answers it exactly once; a later redelivery is not answered again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restart_between_receive_and_answer_answers_exactly_once() {
    let fake = Fake::start().await;
    let (config, _dir) = common::test_config();
    let me = Chat::Private(101);

    // First life: a slow model, in its own runtime so it can die abruptly.
    let first = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    {
        let (config, fake) = (config.clone(), fake.clone());
        first.spawn(async move {
            let slow = Scripted::slow("This answer never makes it out.", Duration::from_secs(5));
            let app = common::spawn_app(config, Some(slow)).await;
            let _ = telegram::run(app, options(&fake, Mode::Polling, CancellationToken::new())).await;
        });
    }
    let (u, _) = fake.text(me, 101, "I keep thinking about the siren");
    // Typing means the core stored the message and the model is writing.
    fake.wait_until("typing", |s| s.calls_to("sendChatAction").iter().any(|c| c.body["chat_id"] == json!(101))).await;
    first.shutdown_background();
    let store = Store::open(&config.database_url()).await.unwrap();
    assert_eq!(stored_texts(&store, 101).await, ["I keep thinking about the siren"]);
    assert!(shown(&fake, 101).is_empty());
    assert!(fake.state(|s| s.confirmed <= u), "the unanswered update was confirmed");

    // Second life: the update comes again and is answered once.
    let app = app_with(config.clone(), Some("I'm here. Tell me where you are right now.")).await;
    let bot = Running::start(&app, &fake, Mode::Polling);
    fake.wait_confirmed(u).await;
    assert_eq!(shown(&fake, 101), ["I'm here. Tell me where you are right now."]);
    bot.stop().await;

    // Third life: Telegram delivers it yet again; the core knows it is answered.
    let update = json!({ "update_id": u, "message": {
        "message_id": 1, "date": 1_700_000_000, "chat": { "id": 101, "type": "private", "first_name": "Person" },
        "from": { "id": 101, "is_bot": false, "first_name": "Person" }, "text": "I keep thinking about the siren" } });
    fake.redeliver(update);
    let app = app_with(config, Some("A second answer would be wrong.")).await;
    let bot = Running::start(&app, &fake, Mode::Polling);
    fake.wait_confirmed(u).await;
    assert_eq!(shown(&fake, 101), ["I'm here. Tell me where you are right now."]);
    assert_eq!(stored_texts(app.manager.store(), 101).await.len(), 2);
    bot.stop().await;
}

#[tokio::test]
async fn a_growing_reply_is_edited_at_a_steady_pace_with_typing_renewed() {
    let fake = Fake::start().await;
    let (config, _dir) = common::test_config();
    let reply = (1..=8).map(|i| format!("Step {i}: tell me when it is done.")).collect::<Vec<_>>().join(" ");
    let app = common::spawn_app(config, Some(Scripted::slow(&reply, Duration::from_millis(40)))).await;
    let stop = CancellationToken::new();
    let mut opts = options(&fake, Mode::Polling, stop.clone());
    opts.timings.edit_interval = Duration::from_millis(250);
    opts.timings.typing_interval = Duration::from_millis(150);
    let task = tokio::spawn(telegram::run(app.clone(), opts));

    let (u, _) = fake.text(Chat::Private(121), 121, "Talk me through the next minute");
    fake.wait_confirmed(u).await;
    assert_eq!(shown(&fake, 121), vec![reply], "one message, grown to the whole reply");
    let calls = fake.state(|s| s.calls.clone());
    let edits: Vec<_> = calls
        .iter()
        .filter(|c| matches!(c.method.as_str(), "sendMessage" | "editMessageText") && c.body["chat_id"] == json!(121))
        .map(|c| c.at)
        .collect();
    assert!(edits.len() >= 3, "the reply grew in steps ({} calls)", edits.len());
    for pair in edits.windows(2) {
        let gap = pair[1] - pair[0];
        assert!(gap >= Duration::from_millis(240), "edits {gap:?} apart");
    }
    let typing = calls.iter().filter(|c| c.method == "sendChatAction").count();
    assert!(typing >= 3, "typing renewed while writing ({typing})");
    stop.cancel();
    task.await.unwrap().unwrap();
}

#[tokio::test]
async fn updates_arriving_during_shutdown_are_left_for_the_restart() {
    let fake = Fake::start().await;
    let (config, _dir) = common::test_config();
    let app = app_with(config.clone(), Some("I'm here, answered after the restart.")).await;
    let bot = Running::start(&app, &fake, Mode::Polling);
    app.manager.close();
    let (u, _) = fake.text(Chat::Private(131), 131, "Are you there?");
    fake.wait_until("a redelivery", |s| s.deliveries.get(&u).copied().unwrap_or(0) >= 2).await;
    assert!(shown(&fake, 131).is_empty());
    assert!(fake.state(|s| s.confirmed <= u), "a deferred update was confirmed");
    bot.task.abort();

    let app = app_with(config, Some("I'm here, answered after the restart.")).await;
    let bot = Running::start(&app, &fake, Mode::Polling);
    fake.wait_confirmed(u).await;
    assert_eq!(shown(&fake, 131), ["I'm here, answered after the restart."]);
    bot.stop().await;
}

#[tokio::test]
async fn webhook_checks_the_secret_on_every_request() {
    let fake = Fake::start().await;
    let (config, _dir) = common::test_config();
    let app = app_with(config, Some("I'm here (a webhook reply).")).await;
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let listen: std::net::SocketAddr = ([127, 0, 0, 1], port).into();
    let hook = WebhookOptions {
        url: "https://calme.example.org/telegram".into(),
        secret: Secret::new("s3cret-token_for-tests"),
        listen,
    };
    let bot = Running::start(&app, &fake, Mode::Webhook(hook));
    fake.wait_until("setWebhook", |s| !s.calls_to("setWebhook").is_empty()).await;
    let set = fake.state(|s| s.calls_to("setWebhook")[0].body.clone());
    assert_eq!(set["secret_token"], "s3cret-token_for-tests");
    assert_eq!(set["url"], "https://calme.example.org/telegram");

    let (_, m) = fake.message(Chat::Private(111), 111, json!({ "text": "hello" }), None);
    let update = json!({ "update_id": 5000, "message": m });
    let client = reqwest::Client::new();
    let url = format!("http://{listen}/telegram");
    let send = |secret: Option<&str>| {
        let mut req = client.post(&url).json(&update);
        if let Some(s) = secret {
            req = req.header("X-Telegram-Bot-Api-Secret-Token", s);
        }
        req.send()
    };
    // The adapter binds its listener before calling setWebhook, so it accepts connections now.
    assert_eq!(send(None).await.unwrap().status().as_u16(), 401);
    assert_eq!(send(Some("wrong")).await.unwrap().status().as_u16(), 401);
    assert!(shown(&fake, 111).is_empty());

    let r = send(Some("s3cret-token_for-tests")).await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    // 200 comes only after the answer was sent.
    assert_eq!(shown(&fake, 111), ["I'm here (a webhook reply)."]);
    bot.stop().await;
}

#[tokio::test]
async fn the_token_never_appears_in_errors() {
    let (config, _dir) = common::test_config();
    let app = app_with(config, None).await;
    let fake_url = "http://127.0.0.1:9".to_string();
    let mut opts = options(&Fake::start().await, Mode::Polling, CancellationToken::new());
    opts.api_url = Some(fake_url);
    let err = telegram::run(app, opts).await.unwrap_err();
    let text = format!("{err:#} {err:?}");
    let secret_part = TOKEN.split(':').nth(1).unwrap();
    assert!(!text.contains(secret_part), "{text}");
    assert!(!format!("{:?}", Secret::new(TOKEN)).contains(secret_part));
}

/// For following the README by hand: serves the fake Bot API on
/// `FAKE_TELEGRAM_PORT` (default 8081), queues a private message and a group
/// mention, and waits up to two minutes for a `calme run` started with
/// `TELOXIDE_TOKEN=<telegram_fake::TOKEN> TELOXIDE_API_URL=http://127.0.0.1:8081` to answer both.
#[tokio::test]
#[ignore = "manual: run with --ignored --nocapture, then start `calme run` against it"]
async fn fake_bot_api_for_manual_runs() {
    let port: u16 = std::env::var("FAKE_TELEGRAM_PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(8081);
    let fake = Fake::start_on(port).await;
    println!("fake Bot API at {} — token {TOKEN}", fake.url);
    let (_, _) = fake.text(Chat::Private(4242), 4242, "Hi, I can't sleep, the sirens keep going");
    let (_, _) = fake.text(Chat::Group(-100_4242), 4243, &format!("@{BOT_USERNAME} is anyone here?"));
    let (u, _) = fake.text(Chat::Group(-100_4242), 4244, "just chatting, not for the bot");
    fake.wait_until_for("answers to the private message and the mention", Duration::from_secs(120), |s| {
        s.confirmed > u && !s.in_chat(4242).is_empty() && !s.in_chat(-100_4242).is_empty()
    })
    .await;
    for p in fake.state(|s| s.posted.clone()) {
        println!("bot → chat {}: {:?}", p.chat, p.text);
    }
    let menus = fake.state(|s| s.calls_to("setMyCommands").len());
    println!("setMyCommands calls: {menus}");
    assert_eq!(fake.state(|s| s.in_chat(-100_4242).len()), 1, "only the mention is answered in the group");
}
