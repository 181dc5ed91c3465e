//! Public agent gateway. Callers identify themselves with an `x-user-id` header or a query
//! parameter; missing ids fall back to a catch-all user.
use std::sync::Arc;

use axum::{
    extract::{Query, State},
    http::HeaderMap,
    routing::{get, post},
    Json, Router,
};
use composio_sdk::client::ComposioClient;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Clone)]
pub struct AppState {
    pub composio: Arc<ComposioClient>,
}

#[derive(Deserialize)]
pub struct ChatBody {
    pub message: String,
}

#[derive(Deserialize)]
pub struct ToolsQuery {
    pub user_id: Option<String>,
    pub toolkit: Option<String>,
}

pub fn routes(state: AppState) -> Router {
    Router::new()
        .route("/chat", post(chat))
        .route("/tools", get(list_tools))
        .with_state(state)
}

async fn chat(State(state): State<AppState>, headers: HeaderMap, Json(body): Json<ChatBody>) -> Json<Value> {
    let user_id = headers
        .get("x-user-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("default"); // [expect CS001]
    let session = state
        .composio
        .create_session(user_id)
        .toolkits(vec!["gmail", "slack"])
        .send()
        .await
        .expect("composio session");
    tracing::info!(session_id = %session.session_id(), "chat session");

    let reply = crate::agent::reply(&body.message, session.tools()).await;
    Json(json!({ "reply": reply }))
}

async fn list_tools(State(state): State<AppState>, Query(q): Query<ToolsQuery>) -> Json<Value> {
    let user_id = q.user_id.unwrap_or_else(|| "DEFAULT".to_string()); // [expect CS001]
    let toolkit = q.toolkit.unwrap_or_else(|| "github".to_string());
    let session = state
        .composio
        .create_session(user_id)
        .toolkits(vec![toolkit])
        .send()
        .await
        .expect("composio session");
    tracing::debug!(session_id = %session.session_id(), "listing tools");

    let names: Vec<String> = session.tools().iter().map(|t| t.name.clone()).collect();
    Json(json!({ "tools": names }))
}
