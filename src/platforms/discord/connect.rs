//! Connecting: token, REST base URL, intents and shards → a running serenity client.

use std::fmt;
use std::str::FromStr;

use anyhow::Context as _;
use serenity::all::{CreateAllowedMentions, GatewayError, GatewayIntents, HttpBuilder};

use super::handler::Handler;
use crate::app::App;

/// The gateway events the adapter needs. MESSAGE_CONTENT is privileged: it must be
/// switched on in the developer portal (Bot → Privileged Gateway Intents).
pub fn intents() -> GatewayIntents {
    GatewayIntents::GUILD_MESSAGES | GatewayIntents::DIRECT_MESSAGES | GatewayIntents::MESSAGE_CONTENT
}

/// Which shards this process runs: `FIRST-LAST/TOTAL` (e.g. `0-3/8`), or all of
/// them (autosharding, the count Discord recommends in `/gateway/bot`) when unset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShardSpec {
    pub first: u32,
    pub last: u32,
    pub total: u32,
}

impl FromStr for ShardSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<ShardSpec, String> {
        let bad = || format!("discord.shards must look like FIRST-LAST/TOTAL (e.g. 0-3/8), not {s:?}");
        let (range, total) = s.trim().split_once('/').ok_or_else(bad)?;
        let (first, last) = range.split_once('-').unwrap_or((range, range));
        let n = |x: &str| x.trim().parse::<u32>().map_err(|_| bad());
        let spec = ShardSpec { first: n(first)?, last: n(last)?, total: n(total)? };
        if spec.first > spec.last || spec.last >= spec.total {
            return Err(bad());
        }
        Ok(spec)
    }
}

impl fmt::Display for ShardSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}/{}", self.first, self.last, self.total)
    }
}

/// `scheme://host[:port]` without a trailing slash, or an error saying what is wrong.
pub fn normalise_base_url(url: &str) -> anyhow::Result<String> {
    let url = url.trim().trim_end_matches('/');
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .ok_or_else(|| anyhow::anyhow!("discord.api_base_url must start with http:// or https://"))?;
    anyhow::ensure!(
        !rest.is_empty() && !rest.contains('/'),
        "discord.api_base_url takes only a scheme, host and port (e.g. http://127.0.0.1:8080), no path"
    );
    Ok(url.to_string())
}

/// Runs the adapter until the gateway gives up for good.
pub async fn run(app: App) -> anyhow::Result<()> {
    let token = app.config.discord_token().context("no Discord token configured (DISCORD_TOKEN)")?.clone();
    let shards = match &app.config.discord.shards {
        Some(s) => Some(s.parse::<ShardSpec>().map_err(anyhow::Error::msg)?),
        None => None,
    };
    let mut http = HttpBuilder::new(token.expose()).default_allowed_mentions(CreateAllowedMentions::new());
    if let Some(base) = &app.config.discord.api_base_url {
        // serenity 0.12 sends requests to the proxy only with its own rate limiter off
        // (the limiter builds requests without the proxy): the proxy limits instead.
        let base = normalise_base_url(base)?;
        tracing::info!(base = %crate::store::redact_url(&base), "Discord REST goes to a configured base URL; its rate limiting is that server's job");
        http = http.proxy(base).ratelimiter_disabled(true);
    }
    let handler = Handler::new(app.clone());
    let mut client = serenity::client::ClientBuilder::new_with_http(http.build(), intents())
        .event_handler(handler)
        .await
        .context("building the Discord client")?;
    let ended = match shards {
        None => client.start_autosharded().await,
        Some(s) => {
            tracing::info!(shards = %s, "starting a range of Discord shards");
            client.start_shard_range(s.first..s.last + 1, s.total).await
        }
    };
    match ended {
        Ok(()) => Ok(()),
        Err(serenity::Error::Gateway(GatewayError::DisallowedGatewayIntents)) => Err(anyhow::anyhow!(
            "Discord refused the Message Content intent: switch on \"Message Content Intent\" under \
             Bot → Privileged Gateway Intents in the developer portal"
        )),
        Err(serenity::Error::Gateway(GatewayError::InvalidAuthentication)) => {
            Err(anyhow::anyhow!("Discord refused the token (DISCORD_TOKEN): reset it under Bot → Reset Token"))
        }
        Err(err) => Err(anyhow::Error::new(err).context("the Discord gateway connection ended")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_specs_parse_and_reject_nonsense() {
        assert_eq!("0-3/8".parse(), Ok(ShardSpec { first: 0, last: 3, total: 8 }));
        assert_eq!("2/4".parse(), Ok(ShardSpec { first: 2, last: 2, total: 4 }));
        assert!("3-1/8".parse::<ShardSpec>().is_err());
        assert!("0-8/8".parse::<ShardSpec>().is_err());
        assert!("all".parse::<ShardSpec>().is_err());
    }

    #[test]
    fn base_urls_are_scheme_host_port() {
        assert_eq!(normalise_base_url("http://127.0.0.1:9000/").unwrap(), "http://127.0.0.1:9000");
        assert!(normalise_base_url("127.0.0.1:9000").is_err());
        assert!(normalise_base_url("https://proxy.example/api").is_err());
    }
}
