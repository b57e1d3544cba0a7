//! Slash-command and button interactions: acknowledged within Discord's 3 s
//! (answered at once when the answer is ready in time, deferred otherwise),
//! every answer ephemeral, the member's permissions checked at run time.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use serenity::all::{
    ButtonStyle, CommandInteraction, ComponentInteraction, Context, CreateActionRow, CreateButton,
    CreateInteractionResponse, CreateInteractionResponseFollowup, CreateInteractionResponseMessage,
    EditInteractionResponse, Http, Interaction, Permissions,
};

use super::addressing::external_id;
use super::handler::Shared;
use super::outbound::no_pings;
use super::render::parts;
use super::slash::{self, Action, FORGET_CONFIRM};
use crate::message::{Incoming, Platform, Role};

/// Answers ready within this are sent directly; slower ones are deferred first.
const ANSWER_WITHIN: Duration = Duration::from_millis(2000);

pub const ONLY_MODERATORS: &str = "Only moderators (members with Manage Server) can choose where I answer.";
pub const ONLY_IN_SERVERS: &str = "This works in a server channel, not in a direct message.";

/// What to show the person who used the command.
struct Answer {
    text: String,
    forget_button: bool,
}

impl Answer {
    fn text(text: impl Into<String>) -> Answer {
        Answer { text: text.into(), forget_button: false }
    }
}

pub async fn handle(shared: &Arc<Shared>, ctx: &Context, interaction: Interaction) {
    match interaction {
        Interaction::Command(cmd) => command(shared, &ctx.http, cmd).await,
        Interaction::Component(click) if click.data.custom_id == FORGET_CONFIRM => forget_confirm(shared, &ctx.http, click).await,
        _ => {}
    }
}

/// The core's view of an interaction: the same session as messages in that channel.
fn incoming(text: String, guild: Option<String>, channel: u64, user: u64, id: u64, locale: &str, role: Role) -> Incoming {
    Incoming {
        platform: Platform::Discord,
        is_direct: guild.is_none(),
        community: guild,
        chat: channel.to_string(),
        user: user.to_string(),
        text,
        addressed: true,
        locale: Some(locale.to_string()).filter(|l| !l.is_empty()),
        role,
        external_id: Some(external_id(channel, id)),
    }
}

async fn command(shared: &Arc<Shared>, http: &Arc<Http>, cmd: CommandInteraction) {
    let here = cmd.channel_id.get();
    let permissions = cmd.member.as_ref().and_then(|m| m.permissions);
    let role = role_of(permissions);
    let guild = cmd.guild_id.map(|g| g.to_string());
    let action = slash::action(&cmd.data, here);
    let (user, id, locale) = (cmd.user.id.get(), cmd.id.get(), cmd.locale.clone());
    let shared2 = shared.clone();
    let work = async move {
        let shared = shared2;
        match action {
            Action::Core { text, .. } => {
                let forget_button = text == "/forget";
                let msg = incoming(text, guild, here, user, id, &locale, role);
                let reply = shared.app.manager.handle(msg).await.final_reply().await;
                Answer { text: reply.map(|r| r.text).unwrap_or_else(|| "Done.".into()), forget_button }
            }
            Action::ChannelAdd(_) | Action::ChannelRemove(_) | Action::ChannelList if guild.is_none() => Answer::text(ONLY_IN_SERVERS),
            Action::ChannelAdd(_) | Action::ChannelRemove(_) | Action::ChannelList if role != Role::Moderator => {
                Answer::text(ONLY_MODERATORS)
            }
            Action::ChannelAdd(c) | Action::ChannelRemove(c) => {
                let add = matches!(action, Action::ChannelAdd(_));
                let guild = guild.unwrap_or_default();
                let id = c.to_string();
                let saved = shared
                    .settings
                    .update(&guild, |s| {
                        s.designated_channels.retain(|x| *x != id);
                        if add {
                            s.designated_channels.push(id.clone());
                        }
                    })
                    .await;
                match saved {
                    Ok(_) if add => Answer::text(format!(
                        "From now on I answer every message in <#{c}>, without a mention. \
                         People there can use /calme forget to delete what I store about them."
                    )),
                    Ok(_) => Answer::text(format!("In <#{c}> I now answer only when mentioned or replied to.")),
                    Err(err) => {
                        tracing::warn!(error = %err, "saving designated channels failed");
                        Answer::text("I couldn't save that just now. Please try again in a moment.")
                    }
                }
            }
            Action::ChannelList => {
                let settings = shared.settings.get(&guild.unwrap_or_default()).await;
                if settings.designated_channels.is_empty() {
                    Answer::text("No designated channels: I answer in this server only when mentioned or replied to.")
                } else {
                    let list: Vec<String> = settings.designated_channels.iter().map(|c| format!("<#{c}>")).collect();
                    Answer::text(format!("I answer every message in: {}", list.join(", ")))
                }
            }
            Action::Unknown => Answer::text("I don't know that command. Try /calme help."),
        }
    };
    respond(http, &Responder::Command(Box::new(cmd)), work).await;
}

async fn forget_confirm(shared: &Arc<Shared>, http: &Arc<Http>, click: ComponentInteraction) {
    let guild = click.guild_id.map(|g| g.to_string());
    let msg = incoming(
        "/forget confirm".into(),
        guild,
        click.channel_id.get(),
        click.user.id.get(),
        click.id.get(),
        &click.locale,
        Role::Member,
    );
    let shared = shared.clone();
    let work = async move {
        let reply = shared.app.manager.handle(msg).await.final_reply().await;
        Answer::text(reply.map(|r| r.text).unwrap_or_else(|| "Done.".into()))
    };
    respond(http, &Responder::Component(Box::new(click)), work).await;
}

fn role_of(permissions: Option<Permissions>) -> Role {
    if slash::is_moderator(permissions) {
        Role::Moderator
    } else {
        Role::Member
    }
}

enum Responder {
    Command(Box<CommandInteraction>),
    Component(Box<ComponentInteraction>),
}

impl Responder {
    async fn create(&self, http: &Http, r: CreateInteractionResponse) -> serenity::Result<()> {
        match self {
            Responder::Command(i) => i.create_response(http, r).await,
            Responder::Component(i) => i.create_response(http, r).await,
        }
    }

    async fn edit(&self, http: &Http, r: EditInteractionResponse) -> serenity::Result<()> {
        match self {
            Responder::Command(i) => i.edit_response(http, r).await.map(|_| ()),
            Responder::Component(i) => i.edit_response(http, r).await.map(|_| ()),
        }
    }

    async fn followup(&self, http: &Http, r: CreateInteractionResponseFollowup) -> serenity::Result<()> {
        match self {
            Responder::Command(i) => i.create_followup(http, r).await.map(|_| ()),
            Responder::Component(i) => i.create_followup(http, r).await.map(|_| ()),
        }
    }

    /// A button click updates the message it sits on; a command gets a new one.
    fn updates(&self) -> bool {
        matches!(self, Responder::Component(_))
    }
}

async fn respond(http: &Arc<Http>, to: &Responder, work: impl Future<Output = Answer> + Send + 'static) {
    let mut task = tokio::spawn(work);
    let ready = tokio::time::timeout(ANSWER_WITHIN, &mut task).await;
    let (answer, deferred) = match ready {
        Ok(answer) => (answer, false),
        Err(_) => {
            let ack = if to.updates() {
                CreateInteractionResponse::Acknowledge
            } else {
                CreateInteractionResponse::Defer(CreateInteractionResponseMessage::new().ephemeral(true))
            };
            if let Err(err) = to.create(http, ack).await {
                tracing::warn!(error = %err, "deferring an interaction failed");
            }
            (task.await, true)
        }
    };
    let answer = answer.unwrap_or_else(|_| Answer::text("Something went wrong on my side, but I'm still here. Please try again."));
    let parts = parts(&answer.text);
    let mut rest = parts.iter();
    let first = rest.next().cloned().unwrap_or_else(|| "…".into());
    let buttons = if answer.forget_button {
        vec![CreateActionRow::Buttons(vec![CreateButton::new(FORGET_CONFIRM)
            .label("Delete everything")
            .style(ButtonStyle::Danger)])]
    } else {
        Vec::new()
    };
    let sent = if deferred {
        to.edit(http, EditInteractionResponse::new().content(first).components(buttons).allowed_mentions(no_pings(false))).await
    } else {
        let msg = CreateInteractionResponseMessage::new()
            .content(first)
            .components(buttons)
            .ephemeral(true)
            .allowed_mentions(no_pings(false));
        let r = if to.updates() { CreateInteractionResponse::UpdateMessage(msg) } else { CreateInteractionResponse::Message(msg) };
        to.create(http, r).await
    };
    if let Err(err) = sent {
        tracing::warn!(error = %err, "answering an interaction failed");
    }
    for part in rest {
        let f = CreateInteractionResponseFollowup::new().content(part).ephemeral(true).allowed_mentions(no_pings(false));
        if let Err(err) = to.followup(http, f).await {
            tracing::warn!(error = %err, "an interaction follow-up failed");
        }
    }
}
