//! The console adapter: a terminal chat with streamed output and the same
//! commands as the platforms. It is how a newcomer meets CALMe.

use std::io::Write;
use std::sync::Arc;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::sync::Mutex;

use crate::app::App;
use crate::message::{Incoming, Platform, ReplyEvent, ReplyKind, Role};

/// Runs the chat on stdin/stdout until end of input or /quit.
pub async fn run(app: &App) -> anyhow::Result<()> {
    let user = std::env::var("USER").unwrap_or_else(|_| "local".into());
    let out = Arc::new(Mutex::new(std::io::stdout()));
    {
        let mut o = out.lock().await;
        writeln!(o, "CALMe — psychological first aid chat (console). Type /help for commands, /quit to leave.")?;
        writeln!(o, "CALMe is an AI, not a therapist and not an emergency service. In danger? Call your local emergency number.")?;
        if let Err(why) = &app.model_status {
            writeln!(o, "(The local model is not in use: {why}. I'll answer with CALMe's built-in replies.)")?;
        }
        writeln!(o)?;
    }
    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    let mut printers = tokio::task::JoinSet::new();
    let mut n = 0u64;
    loop {
        let line = match lines.next_line().await {
            Ok(Some(l)) => l,
            Ok(None) => break,
            // Invalid UTF-8 on stdin: treat it as unreadable input, keep going.
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => String::from("\u{FFFD}"),
            Err(e) => return Err(e.into()),
        };
        if matches!(line.trim(), "/quit" | "/exit") {
            break;
        }
        n += 1;
        let mut msg = Incoming::direct(Platform::Console, user.clone(), line);
        msg.chat = "console".into();
        msg.role = Role::Moderator;
        msg.locale = std::env::var("LANG").ok().map(|l| l.split('.').next().unwrap_or("").replace('_', "-"));
        msg.external_id = None;
        let stream = app.manager.handle(msg).await;
        let out = out.clone();
        // Each reply prints as it arrives, so a crisis answer is never stuck
        // behind a slow model reply to an earlier line.
        printers.spawn(print_reply(stream, out, n));
    }
    while printers.join_next().await.is_some() {}
    Ok(())
}

async fn print_reply(mut stream: crate::session::ReplyStream, out: Arc<Mutex<std::io::Stdout>>, _n: u64) {
    let mut shown = String::new();
    let mut started = false;
    while let Some(ev) = stream.next().await {
        let mut o = out.lock().await;
        match ev {
            ReplyEvent::Typing => {}
            ReplyEvent::Partial(text) => {
                if !started {
                    let _ = write!(o, "calme> ");
                    started = true;
                }
                if let Some(rest) = text.strip_prefix(shown.as_str()) {
                    let _ = write!(o, "{rest}");
                    shown = text;
                }
            }
            ReplyEvent::Final(reply) => {
                let marker = match reply.kind {
                    ReplyKind::Escalation { .. } => "calme [urgent]> ",
                    _ => "calme> ",
                };
                match reply.text.strip_prefix(shown.as_str()) {
                    Some(rest) if started => {
                        let _ = writeln!(o, "{rest}");
                    }
                    _ => {
                        if started {
                            let _ = writeln!(o);
                        }
                        let _ = writeln!(o, "{marker}{}", reply.text);
                    }
                }
                let _ = writeln!(o);
            }
        }
        let _ = o.flush();
    }
}
