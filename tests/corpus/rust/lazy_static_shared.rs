//! Calendar assistant used by the whole team through a chat widget.
use std::sync::Arc;

use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;
use lazy_static::lazy_static;
use serde_json::json;
use tokio::sync::RwLock;

lazy_static! {
    static ref AGENT_SESSION: RwLock<Option<Arc<Session>>> = RwLock::new(None);
}

pub async fn session_for(client: &ComposioClient, user_id: &str) -> anyhow::Result<Arc<Session>> {
    if let Some(existing) = AGENT_SESSION.read().await.as_ref() {
        return Ok(existing.clone());
    }
    let session = Arc::new(client.create_session(user_id).toolkits(vec!["googlecalendar"]).send().await?); // [expect CS002]
    log::info!("created agent session {} (first caller {})", session.session_id(), user_id);
    *AGENT_SESSION.write().await = Some(session.clone());
    Ok(session)
}

pub async fn next_meetings(client: &ComposioClient, user_id: &str) -> anyhow::Result<serde_json::Value> {
    let session = session_for(client, user_id).await?;
    let events = session
        .execute_tool(
            "GOOGLECALENDAR_EVENTS_LIST",
            json!({ "calendarId": "primary", "maxResults": 5, "singleEvents": true }),
        )
        .await?;
    Ok(events)
}

pub async fn reset() {
    AGENT_SESSION.write().await.take();
}
