//! Thin REST integration: calls Composio's tool-router endpoint directly with reqwest.
use reqwest::Client;
use serde::{Deserialize, Serialize};
use serde_json::json;
use tracing::info;

const COMPOSIO_API: &str = "https://backend.composio.dev/api/v3";

#[derive(Debug, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub email: String,
    #[serde(default)]
    pub org: Option<String>,
}

#[derive(Debug, Serialize, Default)]
pub struct SessionRequest {
    pub user_id: String,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub toolkits: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manage_connections: Option<bool>,
}

#[derive(Debug, Deserialize)]
pub struct CreatedSession {
    pub session_id: String,
    pub mcp: McpInfo,
}

#[derive(Debug, Deserialize)]
pub struct McpInfo {
    pub url: String,
}

pub async fn open_for(http: &Client, api_key: &str, claims: &Claims) -> reqwest::Result<CreatedSession> {
    let created: CreatedSession = http
        .post(format!("{COMPOSIO_API}/tool_router/session"))
        .header("x-api-key", api_key)
        .json(&json!({ "user_id": claims.sub, "toolkits": { "enable": ["gmail"] } }))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    info!(session_id = %created.session_id, email = %claims.email, "opened via REST");
    Ok(created)
}

pub async fn open_typed(http: &Client, api_key: &str, claims: &Claims) -> reqwest::Result<CreatedSession> {
    let body = SessionRequest {
        user_id: claims.sub.clone(),
        toolkits: vec!["slack".into()],
        ..Default::default()
    };
    let created: CreatedSession = http
        .post(format!("{COMPOSIO_API}/tool_router/session"))
        .header("x-api-key", api_key)
        .json(&body)
        .send()
        .await?
        .json()
        .await?;
    info!(session_id = %created.session_id, mcp = %created.mcp.url, "opened typed");
    Ok(created)
}
