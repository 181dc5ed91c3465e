//! Personal inbox digest worker: polls Gmail every 15 minutes and posts a digest to Slack.
use std::env;
use std::time::Duration;

use composio_sdk::client::ComposioClient;
use serde_json::json;
use tracing::{info, warn};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt::init();

    let user_id = env::var("DIGEST_USER_ID").unwrap_or("default".into()); // [expect CS001]
    let profile = env::var("DIGEST_PROFILE").unwrap_or_else(|_| "default".to_string());
    let channel = env::var("DIGEST_CHANNEL").unwrap_or_else(|_| "#inbox".to_string());

    let client = ComposioClient::builder()
        .api_key(env::var("COMPOSIO_API_KEY")?)
        .build()?;

    let session = client.create_session(&user_id).toolkits(vec!["gmail", "slack"]).send().await?; // [expect CS004]
    info!(mcp_url = %session.mcp_url(), profile = %profile, "digest worker ready");

    let mut ticker = tokio::time::interval(Duration::from_secs(15 * 60));
    loop {
        ticker.tick().await;
        let mail = match session
            .execute_tool("GMAIL_FETCH_EMAILS", json!({ "query": "is:unread newer_than:1h", "max_results": 20 }))
            .await
        {
            Ok(v) => v,
            Err(e) => {
                warn!(error = %e, "fetch failed");
                continue;
            }
        };
        let digest = crate::digest::render(&mail, &profile);
        if digest.is_empty() {
            continue;
        }
        session
            .execute_tool("SLACK_SEND_MESSAGE", json!({ "channel": channel, "text": digest }))
            .await?;
    }
}
