//! Thin REST shim: we talk to Composio's tool router over plain HTTP.
use reqwest::Client;
use serde::Deserialize;
use serde_json::json;

const COMPOSIO_BASE: &str = "https://backend.composio.dev";

#[derive(Debug, Deserialize)]
struct SessionCreated {
    session_id: String,
    mcp: McpInfo,
}

#[derive(Debug, Deserialize)]
struct McpInfo {
    url: String,
}

pub struct RouterShim {
    http: Client,
    api_key: String,
}

impl RouterShim {
    pub fn from_env() -> anyhow::Result<Self> {
        Ok(Self {
            http: Client::new(),
            api_key: std::env::var("COMPOSIO_API_KEY")?,
        })
    }

    pub async fn open(&self, toolkits: &[&str]) -> anyhow::Result<String> {
        let user_id = std::env::var("COMPOSIO_USER_ID")
            .unwrap_or_else(|_| String::from("default")); // [expect CS001]
        let url = format!("{}/api/v3/tool_router/session", COMPOSIO_BASE);

        let body = json!({
            "user_id": user_id,
            "toolkits": { "enable": toolkits },
            "manage_connections": true,
        });

        let created: SessionCreated = self
            .http
            .post(&url)
            .header("x-api-key", &self.api_key)
            .json(&body)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;

        tracing::info!(session_id = %created.session_id, "tool router session opened");
        Ok(created.mcp.url)
    }
}
