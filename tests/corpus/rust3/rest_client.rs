// src/composio_rest.rs — thin REST client for the Composio endpoints the SDK doesn't cover yet.
use std::time::Duration;

use reqwest::{Client, StatusCode};
use serde::Deserialize;
use serde_json::{json, Value};
use thiserror::Error;
use tracing::{debug, info};

#[derive(Debug, Error)]
pub enum RestError {
    #[error("http error: {0}")]
    Http(#[from] reqwest::Error),
    #[error("composio returned {status}: {body}")]
    Api { status: StatusCode, body: String },
}

#[derive(Debug, Deserialize)]
pub struct ConnectedAccount {
    pub id: String,
    pub user_id: String,
    pub status: String,
    pub toolkit: ToolkitRef,
}

#[derive(Debug, Deserialize)]
pub struct ToolkitRef {
    pub slug: String,
}

#[derive(Debug, Deserialize)]
struct AccountPage {
    items: Vec<ConnectedAccount>,
    next_cursor: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct RouterSession {
    pub session_id: String,
    pub mcp: McpInfo,
}

#[derive(Debug, Deserialize)]
pub struct McpInfo {
    pub url: String,
}

pub struct ComposioRest {
    http: Client,
    api_key: String,
    base_url: String,
}

impl ComposioRest {
    pub fn new(api_key: impl Into<String>) -> Result<Self, RestError> {
        Self::with_base_url(api_key, "https://backend.composio.dev/api/v3")
    }

    pub fn with_base_url(api_key: impl Into<String>, base_url: &str) -> Result<Self, RestError> {
        let http = Client::builder().timeout(Duration::from_secs(30)).user_agent("acme-agent/1.4").build()?;
        Ok(Self { http, api_key: api_key.into(), base_url: base_url.trim_end_matches('/').to_string() })
    }

    async fn post(&self, path: &str, body: Value) -> Result<Value, RestError> {
        let resp = self
            .http
            .post(format!("{}{}", self.base_url, path))
            .header("x-api-key", &self.api_key)
            .json(&body)
            .send()
            .await?;
        let status = resp.status();
        if !status.is_success() {
            return Err(RestError::Api { status, body: resp.text().await.unwrap_or_default() });
        }
        Ok(resp.json().await?)
    }

    pub async fn execute_tool(&self, slug: &str, user_id: &str, arguments: Value) -> Result<Value, RestError> {
        debug!(slug, user_id, "execute via REST");
        self.post(&format!("/tools/execute/{slug}"), json!({ "user_id": user_id, "arguments": arguments })).await
    }

    pub async fn create_router_session(&self, user_id: &str, toolkits: &[&str]) -> Result<RouterSession, RestError> {
        let raw = self
            .post("/tool_router/session", json!({ "user_id": user_id, "toolkits": { "enable": toolkits } }))
            .await?;
        let session: RouterSession = serde_json::from_value(raw).map_err(|e| RestError::Api {
            status: StatusCode::OK,
            body: format!("unexpected session payload: {e}"),
        })?;
        info!(session_id = %session.session_id, "tool router session created via REST");
        Ok(session)
    }

    pub async fn link_account(&self, user_id: &str, auth_config_id: &str, callback_url: &str) -> Result<String, RestError> {
        let raw = self
            .post(
                "/connected_accounts/link",
                json!({ "user_id": user_id, "auth_config_id": auth_config_id, "callback_url": callback_url }),
            )
            .await?;
        Ok(raw["redirect_url"].as_str().unwrap_or_default().to_string())
    }

    pub async fn list_accounts(&self, user_id: &str) -> Result<Vec<ConnectedAccount>, RestError> {
        let mut out = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut req = self
                .http
                .get(format!("{}/connected_accounts", self.base_url))
                .header("x-api-key", &self.api_key)
                .query(&[("user_ids", user_id)]);
            if let Some(c) = &cursor {
                req = req.query(&[("cursor", c.as_str())]);
            }
            let page: AccountPage = req.send().await?.error_for_status()?.json().await?;
            out.extend(page.items);
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiremock::matchers::{header, method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    #[tokio::test]
    async fn lists_accounts_across_pages() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/connected_accounts"))
            .and(query_param("user_ids", "usr_test"))
            .and(header("x-api-key", "k"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "items": [
                    { "id": "ca_1", "user_id": "default", "status": "ACTIVE", "toolkit": { "slug": "github" } }
                ],
                "next_cursor": null
            })))
            .mount(&server)
            .await;

        let client = ComposioRest::with_base_url("k", &server.uri()).unwrap();
        let accounts = client.list_accounts("usr_test").await.unwrap();
        assert_eq!(accounts.len(), 1);
        assert_eq!(accounts[0].toolkit.slug, "github");
    }

    #[tokio::test]
    async fn surfaces_api_errors() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/tools/execute/GITHUB_GET_REPO"))
            .respond_with(ResponseTemplate::new(403).set_body_string("forbidden"))
            .mount(&server)
            .await;

        let client = ComposioRest::with_base_url("k", &server.uri()).unwrap();
        let err = client.execute_tool("GITHUB_GET_REPO", "usr_test", json!({})).await.unwrap_err();
        assert!(matches!(err, RestError::Api { status, .. } if status == StatusCode::FORBIDDEN));
    }
}
