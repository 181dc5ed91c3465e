//! Global client (recommended: one long-lived client), per-request sessions.
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, RwLock};

use axum::{extract::Json, http::StatusCode};
use composio_sdk::client::ComposioClient;
use serde::Deserialize;

static COMPOSIO: LazyLock<ComposioClient> = LazyLock::new(|| {
    ComposioClient::builder()
        .api_key(std::env::var("COMPOSIO_API_KEY").expect("COMPOSIO_API_KEY"))
        .build()
        .expect("composio client")
});

/// Extra clients for customer projects that bring their own Composio API key.
static PROJECT_CLIENTS: LazyLock<RwLock<HashMap<String, Arc<ComposioClient>>>> =
    LazyLock::new(|| RwLock::new(HashMap::new()));

#[derive(Debug, Deserialize, Default)]
pub struct RunRequest {
    #[serde(default)]
    pub user_id: String,
    #[serde(default)]
    pub project_id: Option<String>,
    #[serde(default)]
    pub toolkits: Vec<String>,
}

fn client_for_project(project_id: &str, api_key: &str) -> Arc<ComposioClient> {
    if let Some(c) = PROJECT_CLIENTS.read().unwrap().get(project_id) {
        return c.clone();
    }
    let client = Arc::new(
        ComposioClient::builder()
            .api_key(api_key)
            .build()
            .expect("project client"),
    );
    PROJECT_CLIENTS
        .write()
        .unwrap()
        .insert(project_id.to_string(), client.clone());
    client
}

pub async fn run(Json(req): Json<RunRequest>) -> Result<String, StatusCode> {
    if req.user_id.is_empty() {
        return Err(StatusCode::BAD_REQUEST);
    }
    let project_client;
    let client: &ComposioClient = match &req.project_id {
        Some(p) => {
            project_client = client_for_project(p, &crate::secrets::project_key(p));
            &project_client
        }
        None => &COMPOSIO,
    };
    let session = client
        .create_session(req.user_id.clone())
        .toolkits(req.toolkits.clone())
        .send()
        .await
        .map_err(|_| StatusCode::BAD_GATEWAY)?;
    log::debug!("run: session {} for user {}", session.session_id(), req.user_id);

    Ok(format!("{} tools", session.tools().len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_request_defaults() {
        let r = RunRequest::default();
        assert!(r.user_id.is_empty());
        assert!(r.toolkits.is_empty());
    }
}
