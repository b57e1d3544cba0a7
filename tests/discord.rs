//! The Discord adapter end to end: the real adapter (serenity) against a fake
//! Discord (REST + gateway websocket on 127.0.0.1), with the real core and a
//! scripted generator standing in for the model.

mod common;
mod discord_fake;

use std::sync::Arc;

use calme::app::App;
use calme::config::Secret;
use calme::generator::Generator;
use calme::message::Platform;
use calme::store::MessageRole;
use common::Scripted;
use discord_fake::{Call, FakeDiscord, BOT_ID, GUILD_ID, PERMS_MANAGER, PERMS_MEMBER, TOKEN};
use serde_json::{json, Value};

struct Bot {
    fake: FakeDiscord,
    app: App,
    adapter: tokio::task::JoinHandle<anyhow::Result<()>>,
    _dir: tempfile::TempDir,
}

impl Drop for Bot {
    fn drop(&mut self) {
        self.adapter.abort();
    }
}

/// A fake Discord, an app on a fresh database, and the adapter connected to both.
async fn start(generator: Arc<Scripted>) -> Bot {
    let fake = FakeDiscord::start().await;
    let (mut config, dir) = common::test_config();
    config.discord.token = Some(Secret::new(TOKEN));
    config.discord.api_base_url = Some(fake.base_url());
    let app = common::spawn_app(config, Some(generator as Arc<dyn Generator>)).await;
    let adapter = tokio::spawn(calme::platforms::discord::run(app.clone()));
    fake.wait_ready().await;
    Bot { fake, app, adapter, _dir: dir }
}

/// Every message the bot wrote or edited, anywhere.
fn bot_writes(calls: &[Call]) -> Vec<Call> {
    calls
        .iter()
        .filter(|c| {
            (c.method == "POST" || c.method == "PATCH")
                && (c.path.contains("/messages") || c.path.contains("/webhooks/") || c.path.ends_with("/callback"))
        })
        .cloned()
        .collect()
}

/// The stored texts of one Discord user, by role.
async fn stored(app: &App, user: &str, role: MessageRole) -> Vec<String> {
    let store = app.manager.store();
    let Some(u) = store.user(Platform::Discord, user).await.unwrap() else { return Vec::new() };
    store.user_messages(u.id).await.unwrap().into_iter().filter(|m| m.role == role).map(|m| m.text).collect()
}

fn assert_no_unknown_calls(fake: &FakeDiscord) {
    let unknown: Vec<Call> = fake.calls().into_iter().filter(|c| c.status == 404).collect();
    assert!(unknown.is_empty(), "the adapter made calls the fake does not know: {unknown:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dm_conversation() {
    let gen = Scripted::new("I'm here with you. Let's take one slow breath together.");
    let bot = start(gen.clone()).await;
    let fake = &bot.fake;

    // It identified with the intents the issue asks for, and the token went only to Discord.
    let identify = fake.state.identifies.lock().unwrap()[0].clone();
    assert_eq!(identify["intents"].as_u64().unwrap(), (1 << 9) | (1 << 12) | (1 << 15));
    assert!(fake.calls().iter().all(|c| c.authorization == format!("Bot {TOKEN}")));

    let first = fake.message("5001", None, "7001", "I can't stop shaking after the sirens");
    fake.dispatch("MESSAGE_CREATE", first);
    let texts = fake.wait_view("5001", "the first DM answer", |t| t.iter().any(|t| t.contains("slow breath"))).await;
    assert_eq!(texts.len(), 1);

    gen.set_reply("You noticed your hands. What can you see around you right now?");
    fake.dispatch("MESSAGE_CREATE", fake.message("5001", None, "7001", "ok I'm sitting down"));
    let texts = fake.wait_view("5001", "the second DM answer", |t| t.len() == 2 && t[1].contains("see around you")).await;
    assert!(texts[0].contains("slow breath"));

    // Both turns are stored, and the second request carried the first turn as history.
    assert_eq!(stored(&bot.app, "7001", MessageRole::User).await.len(), 2);
    let req = gen.last_request().unwrap();
    assert!(format!("{req:?}").contains("sirens"), "history should include the first message");
    // DMs are answered without a reply reference, typing was shown, nothing unexpected was called.
    let calls = fake.calls();
    assert!(calls.iter().any(|c| c.is("POST", "channels/5001/typing")));
    assert_no_unknown_calls(fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guild_messages_are_answered_only_when_addressed() {
    let bot = start(Scripted::new("I'm listening. What is happening right now?")).await;
    let fake = &bot.fake;

    // Without a mention: not answered, not stored.
    let chatter = fake.message("6001", Some(GUILD_ID), "7002", "anyone up for lunch at the cafeteria?");
    let chatter_id = chatter["id"].as_str().unwrap().to_string();
    fake.dispatch("MESSAGE_CREATE", chatter);
    // With a mention: answered as a reply to that message, with nobody pinged.
    let mention = fake.message("6001", Some(GUILD_ID), "7002", &format!("<@{BOT_ID}> can we talk? I'm scared"));
    let mention_id = mention["id"].as_str().unwrap().to_string();
    fake.dispatch("MESSAGE_CREATE", mention);
    let reply = fake
        .wait_for("the answer to the mention", |calls| {
            calls.iter().find(|c| c.writes_to("6001") && c.replies_to() == Some(mention_id.as_str())).cloned()
        })
        .await;
    assert_eq!(reply.body["allowed_mentions"]["parse"], json!([]));
    fake.wait_view("6001", "the full answer", |t| t.iter().any(|t| t.contains("What is happening"))).await;

    let calls = fake.calls();
    assert!(calls.iter().all(|c| c.replies_to() != Some(chatter_id.as_str())), "the unaddressed message was answered");
    let texts = stored(&bot.app, "7002", MessageRole::User).await;
    assert_eq!(texts, vec!["can we talk? I'm scared".to_string()], "only the addressed message is stored, without the mention");
    assert_no_unknown_calls(fake);
}

/// Posts a slash command interaction and returns the callback the bot answered with.
async fn slash(fake: &FakeDiscord, channel: &str, user: &str, perms: &str, name: &str, options: Value) -> Value {
    let interaction = fake.slash(channel, user, perms, name, options);
    let path = format!("interactions/{}/{}/callback", interaction["id"].as_str().unwrap(), interaction["token"].as_str().unwrap());
    fake.dispatch("INTERACTION_CREATE", interaction);
    fake.wait_for("the interaction callback", |calls| calls.iter().find(|c| c.is("POST", &path)).map(|c| c.body.clone())).await
}

fn prompt_set(text: &str) -> Value {
    json!([{"name": "prompt", "type": 2, "options": [{"name": "set", "type": 1, "options": [
        {"name": "text", "type": 3, "value": text}]}]}])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prompt_set_needs_manage_server_checked_at_run_time() {
    let bot = start(Scripted::new("ok")).await;
    let fake = &bot.fake;
    let commands = fake.wait_ready().await;
    let moderation = commands.iter().find(|c| c["name"] == "calme-mod").expect("the moderator command is registered");
    assert_eq!(moderation["default_member_permissions"], json!("32"), "Manage Server by default");
    assert_eq!(moderation["dm_permission"], json!(false));
    let members = commands.iter().find(|c| c["name"] == "calme").expect("the member command is registered");
    assert!(members["default_member_permissions"].is_null());

    let prompt = "You support students of our school during exam season.";
    // A member without Manage Server (say a server admin opened the command to everyone): refused.
    let denied = slash(fake, "6101", "7101", PERMS_MEMBER, "calme-mod", prompt_set(prompt)).await;
    assert_eq!(denied["type"], json!(4), "answered directly, within Discord's 3 s");
    assert_eq!(denied["data"]["flags"], json!(64), "ephemeral");
    assert!(denied["data"]["content"].as_str().unwrap().contains("Only moderators"), "{denied}");
    let community = bot.app.manager.store().community(Platform::Discord, GUILD_ID).await.unwrap();
    assert!(community.and_then(|c| c.prompt_override).is_none());

    // A member with Manage Server: saved.
    let saved = slash(fake, "6101", "7102", PERMS_MANAGER, "calme-mod", prompt_set(prompt)).await;
    assert_eq!(saved["data"]["flags"], json!(64));
    assert!(saved["data"]["content"].as_str().unwrap().starts_with("Saved"), "{saved}");
    let community = bot.app.manager.store().community(Platform::Discord, GUILD_ID).await.unwrap().unwrap();
    assert_eq!(community.prompt_override.as_deref(), Some(prompt));

    // Everyone can read it back.
    let shown = slash(fake, "6101", "7101", PERMS_MEMBER, "calme", json!([{"name": "prompt", "type": 1, "options": []}])).await;
    assert!(shown["data"]["content"].as_str().unwrap().contains("exam season"));
    assert_no_unknown_calls(fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn designated_channels_are_answered_without_a_mention() {
    let bot = start(Scripted::new("I'm here. Tell me more.")).await;
    let fake = &bot.fake;
    let add = json!([{"name": "channel", "type": 2, "options": [{"name": "add", "type": 1, "options": []}]}]);
    let denied = slash(fake, "6201", "7201", PERMS_MEMBER, "calme-mod", add.clone()).await;
    assert!(denied["data"]["content"].as_str().unwrap().contains("Only moderators"));
    let added = slash(fake, "6201", "7202", PERMS_MANAGER, "calme-mod", add).await;
    assert!(added["data"]["content"].as_str().unwrap().contains("<#6201>"), "{added}");
    let settings = bot.app.manager.store().community(Platform::Discord, GUILD_ID).await.unwrap().unwrap().settings;
    assert!(settings.contains("6201"), "kept in the community settings: {settings}");

    fake.dispatch("MESSAGE_CREATE", fake.message("6201", Some(GUILD_ID), "7203", "rough day, can't focus"));
    fake.wait_view("6201", "an answer in the designated channel", |t| t.iter().any(|t| t.contains("Tell me more"))).await;
    assert_no_unknown_calls(fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crisis_in_a_public_channel_gets_a_short_public_reply_and_a_private_thread() {
    let bot = start(Scripted::new("unused")).await;
    let fake = &bot.fake;
    let words = "I am going to kill myself tonight, I have the pills ready";
    let msg = fake.message("6301", Some(GUILD_ID), "7301", &format!("<@{BOT_ID}> {words}"));
    let msg_id = msg["id"].as_str().unwrap().to_string();
    fake.dispatch("MESSAGE_CREATE", msg);

    let public = fake
        .wait_for("the public crisis reply", |calls| {
            calls.iter().find(|c| c.writes_to("6301") && c.replies_to() == Some(msg_id.as_str())).cloned()
        })
        .await;
    let thread_call = fake.calls().into_iter().find(|c| c.is("POST", "channels/6301/threads")).expect("a private thread was opened");
    assert_eq!(thread_call.body["type"], json!(12), "a private thread");
    assert!(!thread_call.body["name"].as_str().unwrap().contains("pills"));
    let thread = thread_call.result_id.unwrap();
    assert!(fake.calls().iter().any(|c| c.is("PUT", &format!("channels/{thread}/thread-members/7301"))), "the person was added");

    // Public: short, offers the private thread, never repeats the person's words.
    let text = public.content();
    assert!(text.chars().count() <= 2000);
    assert!(text.contains(&format!("<#{thread}>")), "offers the private thread: {text}");
    for w in ["kill", "pills", "tonight"] {
        assert!(!text.to_lowercase().contains(w), "public reply echoes {w:?}: {text}");
    }
    // Private: the full answer, longer than the public one.
    let private = fake.wait_view(&thread, "the private answer", |t| !t.is_empty()).await.join("\n");
    assert!(private.len() > 20 && private != text);
    // Only the crisis path spoke; the model was never asked.
    assert_eq!(bot_writes(&fake.calls()).iter().filter(|c| c.writes_to("6301")).count(), 1);

    // The person can go on in the thread without mentioning the bot.
    fake.dispatch("MESSAGE_CREATE", fake.message(&thread, Some(GUILD_ID), "7301", "thank you. I'm still here"));
    fake.wait_view(&thread, "an answer in the private thread", |t| t.len() >= 2).await;
    assert_no_unknown_calls(fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_reply_is_split_within_2000_characters() {
    let sentence = "Tell me one thing you can hear, one thing you can see, and one thing you can touch. ";
    let long = sentence.repeat(38); // about 3400 characters
    let bot = start(Scripted::new(long.trim())).await;
    let fake = &bot.fake;
    fake.dispatch("MESSAGE_CREATE", fake.message("5401", None, "7401", "please talk me through it"));
    let texts = fake.wait_view("5401", "a reply in several parts", |t| t.len() >= 2 && t.concat().matches("touch.").count() >= 30).await;
    for c in bot_writes(&fake.calls()) {
        assert!(c.content().chars().count() <= 2000, "a write of {} characters", c.content().chars().count());
    }
    assert!(texts.iter().all(|t| t.ends_with('.')), "split on sentence boundaries");
    assert_no_unknown_calls(fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mentions_in_model_output_are_neutralised() {
    let bot = start(Scripted::new("I'm here with you. Hey @everyone and @here, ask <@&4242> or <@9999> for help.")).await;
    let fake = &bot.fake;
    let msg = fake.message("6501", Some(GUILD_ID), "7501", &format!("<@{BOT_ID}> who can help me?"));
    fake.dispatch("MESSAGE_CREATE", msg);
    fake.wait_view("6501", "the answer", |t| t.iter().any(|t| t.contains("help"))).await;
    let writes = bot_writes(&fake.calls());
    assert!(!writes.is_empty());
    for c in writes {
        let text = c.content();
        assert!(!text.contains("@everyone") && !text.contains("@here"), "{text}");
        assert!(!text.contains("<@&") && !text.contains("<@9"), "{text}");
        assert_eq!(c.body["allowed_mentions"]["parse"], json!([]), "{:?}", c.body);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gateway_drop_and_resume_loses_nothing_and_doubles_nothing() {
    let gen = Scripted::new("I'm still here with you.");
    let bot = start(gen.clone()).await;
    let fake = &bot.fake;
    let a = fake.message("5701", None, "7701", "the power went out");
    fake.dispatch("MESSAGE_CREATE", a);
    fake.wait_view("5701", "the first answer", |t| t.len() == 1 && t[0].contains("still here")).await;

    // The connection drops; a message arrives meanwhile; on RESUME the fake
    // replays it and (at least once delivery) the one already answered.
    fake.drop_connection(1);
    fake.dispatch("MESSAGE_CREATE", fake.message("5701", None, "7701", "now my phone is at 5%"));
    fake.wait_resumed().await;
    let resume = fake.state.resumes.lock().unwrap()[0].clone();
    assert_eq!(resume["session_id"], json!("fake-session-1"));
    assert_eq!(fake.state.identifies.lock().unwrap().len(), 1, "resumed, not re-identified");

    fake.wait_view("5701", "the answer to the message sent during the drop", |t| t.len() == 2).await;
    // A third message after the resume proves the replay was already behind us.
    fake.dispatch("MESSAGE_CREATE", fake.message("5701", None, "7701", "ok"));
    fake.wait_view("5701", "the third answer", |t| t.len() >= 3).await;
    assert!(bot.app.manager.drain(std::time::Duration::from_secs(10)).await);
    let texts: Vec<String> = fake.channel_view("5701").into_iter().map(|(_, t)| t).collect();
    assert_eq!(texts.len(), 3, "one answer per message: {texts:?}");
    assert_eq!(stored(&bot.app, "7701", MessageRole::User).await.len(), 3);
    assert_eq!(gen.started.load(std::sync::atomic::Ordering::SeqCst), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_reply_streams_by_edits_at_most_once_a_second() {
    // The core shows text sentence by sentence: many short sentences, one word every 120 ms.
    let reply = "Breathe in. Hold it. Let it go. Again, slowly. You are doing well. \
                 Your feet are on the floor. We take one step at a time. I am right here with you.";
    let bot = start(Scripted::slow(reply, std::time::Duration::from_millis(120))).await;
    let fake = &bot.fake;
    fake.dispatch("MESSAGE_CREATE", fake.message("5801", None, "7801", "I'm panicking"));
    let texts = fake.wait_view("5801", "the whole streamed reply", |t| t.len() == 1 && t[0].ends_with("with you.")).await;
    assert_eq!(texts[0], reply.split_whitespace().collect::<Vec<_>>().join(" "));

    let writes: Vec<Call> = fake.calls().into_iter().filter(|c| c.writes_to("5801")).collect();
    assert_eq!(writes[0].method, "POST", "the first part is posted, then edited");
    assert!(writes.len() >= 3, "the reply grew by edits: {} writes", writes.len());
    // Every edit waits at least about a second after the previous write.
    for pair in writes.windows(2) {
        let gap = pair[1].at - pair[0].at;
        assert!(gap >= std::time::Duration::from_millis(900), "edits {gap:?} apart");
    }
    assert!(fake.calls().iter().any(|c| c.is("POST", "channels/5801/typing")), "typing shown while generating");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_messages_reaches_the_core_in_order() {
    let bot = start(Scripted::new("I'm here.")).await;
    let fake = &bot.fake;
    let words = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"];
    for w in words {
        fake.dispatch("MESSAGE_CREATE", fake.message("5901", None, "7901", w));
    }
    fake.wait_view("5901", "eight answers", |t| t.len() == 8).await;
    assert_eq!(stored(&bot.app, "7901", MessageRole::User).await, words.map(String::from).to_vec());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_command_stuck_behind_a_slow_reply_is_deferred_then_answered() {
    let bot = start(Scripted::slow("one two three four five six seven eight nine ten", std::time::Duration::from_millis(350))).await;
    let fake = &bot.fake;
    fake.dispatch("MESSAGE_CREATE", fake.message("6601", Some(GUILD_ID), "7601", &format!("<@{BOT_ID}> hi")));
    fake.wait_for("typing", |calls| calls.iter().find(|c| c.is("POST", "channels/6601/typing")).cloned()).await;
    // The same person's /calme help waits behind the reply being generated (one session, in order).
    let ack = slash(fake, "6601", "7601", PERMS_MEMBER, "calme", json!([{"name": "help", "type": 1, "options": []}])).await;
    assert_eq!(ack["type"], json!(5), "deferred within Discord's 3 s");
    assert_eq!(ack["data"]["flags"], json!(64), "ephemeral");
    let edit = fake
        .wait_for("the deferred answer", |calls| {
            calls.iter().find(|c| c.method == "PATCH" && c.path.ends_with("/messages/@original")).cloned()
        })
        .await;
    assert!(edit.content().contains("/reset"), "the help text: {}", edit.content());
}

/// For following the README's "Run on Discord" by hand against the fake:
/// `FAKE_DISCORD_URL_FILE=/tmp/url cargo test --test discord -- --ignored --nocapture`,
/// then start `calme run` with `DISCORD_API_BASE_URL=$(cat /tmp/url)` and any
/// `DISCORD_TOKEN` (given to this test as `FAKE_DISCORD_TOKEN` to check it is sent).
/// Waits up to two minutes for the bot, talks to it once, prints what it did.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "manual: waits for a separately started `calme run`"]
async fn serve_a_fake_discord_for_a_manual_run() {
    use std::time::Duration;
    let fake = FakeDiscord::start().await;
    let url_file = std::env::var("FAKE_DISCORD_URL_FILE").unwrap_or_else(|_| "/tmp/fake-discord-url".into());
    std::fs::write(&url_file, fake.base_url()).unwrap();
    eprintln!("fake Discord listening: DISCORD_API_BASE_URL={}", fake.base_url());
    let commands = fake
        .wait_for_within("the bot to connect and register commands", Duration::from_secs(120), |calls| {
            calls.iter().find(|c| c.method == "PUT" && c.path.ends_with("/commands")).map(|c| c.body.clone())
        })
        .await;
    let names: Vec<&str> = commands.as_array().unwrap().iter().filter_map(|c| c["name"].as_str()).collect();
    eprintln!("registered commands: {names:?}");
    eprintln!("IDENTIFY intents: {}", fake.state.identifies.lock().unwrap()[0]["intents"]);
    if let Ok(token) = std::env::var("FAKE_DISCORD_TOKEN") {
        assert!(fake.calls().iter().all(|c| c.authorization == format!("Bot {token}")), "the configured token is sent");
        eprintln!("every REST call carried the configured token");
    }
    fake.dispatch("MESSAGE_CREATE", fake.message("9001", None, "9101", "hello, I feel dizzy and scared"));
    let dm = fake.wait_view("9001", "a DM answer", |t| !t.is_empty()).await;
    eprintln!("DM answer: {:?}", dm[0]);
    fake.dispatch("MESSAGE_CREATE", fake.message("9002", Some(GUILD_ID), "9102", "no mention here"));
    fake.dispatch("MESSAGE_CREATE", fake.message("9002", Some(GUILD_ID), "9102", &format!("<@{BOT_ID}> are you there?")));
    let guild = fake.wait_view("9002", "an answer to the mention", |t| !t.is_empty()).await;
    eprintln!("answers in the server channel (one expected): {}", guild.len());
    let help = slash(&fake, "9002", "9102", PERMS_MEMBER, "calme", json!([{"name": "help", "type": 1, "options": []}])).await;
    eprintln!("/calme help → callback type {} flags {}", help["type"], help["data"]["flags"]);
    for c in fake.calls() {
        eprintln!("{} {} {}", c.method, c.path, c.content().chars().take(60).collect::<String>());
    }
    assert_no_unknown_calls(&fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_message_content_intent_enabled_the_adapter_stops_with_a_clear_error() {
    let fake = FakeDiscord::start().await;
    fake.state.reject_privileged_intents.store(true, std::sync::atomic::Ordering::SeqCst);
    let (mut config, _dir) = common::test_config();
    config.discord.token = Some(Secret::new(TOKEN));
    config.discord.api_base_url = Some(fake.base_url());
    let app = common::spawn_app(config, None).await;
    let ended = tokio::time::timeout(std::time::Duration::from_secs(20), calme::platforms::discord::run(app)).await;
    let err = ended.expect("the adapter gives up instead of retrying forever").expect_err("an error");
    let text = format!("{err:#}");
    assert!(text.contains("Message Content Intent"), "says what to switch on: {text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forget_asks_with_a_button_and_deletes_on_confirmation() {
    let bot = start(Scripted::new("I'm here.")).await;
    let fake = &bot.fake;
    fake.dispatch("MESSAGE_CREATE", fake.message("6701", Some(GUILD_ID), "7701", &format!("<@{BOT_ID}> hello")));
    fake.wait_view("6701", "an answer", |t| !t.is_empty()).await;
    assert_eq!(stored(&bot.app, "7701", MessageRole::User).await.len(), 1);

    let ask = slash(fake, "6701", "7701", PERMS_MEMBER, "calme", json!([{"name": "forget", "type": 1, "options": []}])).await;
    assert_eq!(ask["data"]["flags"], json!(64), "ephemeral");
    let button = &ask["data"]["components"][0]["components"][0];
    assert_eq!(button["custom_id"], json!("calme:forget:confirm"), "{ask}");
    assert_eq!(stored(&bot.app, "7701", MessageRole::User).await.len(), 1, "nothing deleted before confirming");

    let mut shown = fake.message("6701", Some(GUILD_ID), BOT_ID, ask["data"]["content"].as_str().unwrap());
    shown["author"] = FakeDiscord::bot_user();
    shown["flags"] = json!(64);
    let click = fake.button_click("6701", "7701", "calme:forget:confirm", shown);
    let path = format!("interactions/{}/{}/callback", click["id"].as_str().unwrap(), click["token"].as_str().unwrap());
    fake.dispatch("INTERACTION_CREATE", click);
    let done = fake.wait_for("the confirmation", |calls| calls.iter().find(|c| c.is("POST", &path)).map(|c| c.body.clone())).await;
    assert_eq!(done["type"], json!(7), "the question is replaced by the answer");
    assert_eq!(done["data"]["components"], json!([]), "the button is gone");
    assert!(bot.app.manager.store().user(Platform::Discord, "7701").await.unwrap().is_none(), "everything deleted");
    assert_no_unknown_calls(fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crisis_where_no_private_thread_can_be_opened_continues_by_dm() {
    let bot = start(Scripted::new("unused")).await;
    let fake = &bot.fake;
    fake.state.forbid_threads.store(true, std::sync::atomic::Ordering::SeqCst);
    let msg = fake.message("6801", Some(GUILD_ID), "7801", &format!("<@{BOT_ID}> I am going to kill myself tonight, I have the pills ready"));
    let msg_id = msg["id"].as_str().unwrap().to_string();
    fake.dispatch("MESSAGE_CREATE", msg);
    let public = fake
        .wait_for("the public crisis reply", |calls| {
            calls.iter().find(|c| c.writes_to("6801") && c.replies_to() == Some(msg_id.as_str())).cloned()
        })
        .await;
    let dm = fake.calls().into_iter().find(|c| c.is("POST", "users/@me/channels")).expect("a DM was opened");
    assert_eq!(dm.body["recipient_id"], json!("7801"));
    let dm_channel = dm.result_id.unwrap();
    let private = fake.wait_view(&dm_channel, "the full answer by DM", |t| !t.is_empty()).await;
    assert!(!private[0].is_empty());
    assert!(public.content().contains("direct message"), "{}", public.content());
    assert!(!public.content().contains("pills"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_delivered_again_after_a_restart_is_not_answered_twice() {
    let gen = Scripted::new("I'm here with you.");
    let mut bot = start(gen.clone()).await;
    let msg = bot.fake.message("5951", None, "7951", "are you there?");
    bot.fake.dispatch("MESSAGE_CREATE", msg.clone());
    bot.fake.wait_view("5951", "the answer", |t| t.len() == 1).await;

    // A new adapter process on the same database (its in-memory memory of ids is empty)
    // gets the same message again: the core's stored external id stops a second answer.
    bot.adapter.abort();
    let identified = bot.fake.state.identifies.lock().unwrap().len();
    bot.adapter = tokio::spawn(calme::platforms::discord::run(bot.app.clone()));
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(15);
    while bot.fake.state.identifies.lock().unwrap().len() == identified || !bot.fake.connected() {
        assert!(tokio::time::Instant::now() < deadline, "the new adapter did not connect");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    bot.fake.dispatch("MESSAGE_CREATE", msg);
    bot.fake.dispatch("MESSAGE_CREATE", bot.fake.message("5951", None, "7951", "hello again"));
    bot.fake.wait_view("5951", "the answer to the new message", |t| t.len() >= 2).await;
    // Both went through one session queue, the redelivery first: once it is idle, both are done.
    assert!(bot.app.manager.drain(std::time::Duration::from_secs(10)).await);
    let texts: Vec<String> = bot.fake.channel_view("5951").into_iter().map(|(_, t)| t).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert_eq!(stored(&bot.app, "7951", MessageRole::User).await.len(), 2);
    assert_eq!(gen.started.load(std::sync::atomic::Ordering::SeqCst), 2);
}
