//! Cron jobs that talk to Composio's REST API directly (no SDK).
use reqwest::Client;
use serde::{Deserialize, Serialize};
use serde_json::json;

const COMPOSIO_BASE: &str = "https://backend.composio.dev";
const FALLBACK_USER: &str = "default"; // [expect CS001]

#[derive(Debug, Deserialize)]
pub struct CreatedSession {
    pub session_id: String,
}

#[derive(Debug, Serialize)]
pub struct Toolkits {
    pub enable: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct SessionRequest {
    pub user_id: String,
    pub toolkits: Toolkits,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manage_connections: Option<bool>,
}

pub async fn nightly_cleanup(http: &Client, api_key: &str) -> reqwest::Result<CreatedSession> {
    let body = json!({
        "user_id": "default", // [expect CS001]
        "toolkits": { "enable": ["gmail"] }
    });
    let created: CreatedSession = http
        .post(format!("{COMPOSIO_BASE}/api/v3/tool_router/session"))
        .header("x-api-key", api_key)
        .json(&body)
        .send()
        .await?
        .json()
        .await?;
    tracing::info!(session_id = %created.session_id, "cleanup session");
    Ok(created)
}

pub async fn report_for(http: &Client, api_key: &str, who: Option<String>) -> reqwest::Result<CreatedSession> {
    let req = SessionRequest {
        user_id: who.unwrap_or_else(|| FALLBACK_USER.to_string()),
        toolkits: Toolkits {
            enable: vec!["googlesheets".into()],
        },
        manage_connections: None,
    };
    let created: CreatedSession = http
        .post(format!("{COMPOSIO_BASE}/api/v3/tool_router/session"))
        .header("x-api-key", api_key)
        .json(&req)
        .send()
        .await?
        .json()
        .await?;
    tracing::info!(session_id = %created.session_id, "report session");
    Ok(created)
}
