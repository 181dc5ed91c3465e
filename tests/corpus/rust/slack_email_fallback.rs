//! Slack events handler. Slack gives us the member's profile email when the app has the
//! `users:read.email` scope; otherwise we fall back to a shared id.
use composio_sdk::client::ComposioClient;
use serde::Deserialize;
use serde_json::json;

#[derive(Debug, Deserialize)]
pub struct MessageEvent {
    pub user: String,
    pub channel: String,
    pub text: String,
    #[serde(default)]
    pub user_email: Option<String>,
    pub thread_ts: Option<String>,
}

pub async fn handle_event(composio: &ComposioClient, event: MessageEvent) -> anyhow::Result<()> {
    let user_id = event.user_email.clone().unwrap_or_else(|| "default".to_string()); // [expect CS001]
    let session = composio.create_session(user_id.clone()).toolkits(vec!["slack", "gmail"]).send().await?; // [expect CS005]
    tracing::info!(session_id = %session.session_id(), channel = %event.channel, "slack event");

    let reply = crate::agent::answer(&event.text, session.tools()).await?;
    session
        .execute_tool(
            "SLACK_SEND_MESSAGE",
            json!({
                "channel": event.channel,
                "thread_ts": event.thread_ts,
                "text": reply,
            }),
        )
        .await?;
    Ok(())
}

pub async fn notify_owner(composio: &ComposioClient, owner_id: &str, email: &str) -> anyhow::Result<()> {
    let session = composio.create_session(owner_id).toolkits(vec!["gmail"]).send().await?;
    tracing::info!(session_id = %session.session_id(), "owner notification");
    session
        .execute_tool(
            "GMAIL_SEND_EMAIL",
            json!({ "recipient_email": email, "subject": "Bot error", "body": "See logs." }),
        )
        .await?;
    Ok(())
}
