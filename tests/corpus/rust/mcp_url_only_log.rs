//! MCP config endpoint for IDE plugins, plus chat start/resume.
use std::sync::Arc;

use axum::{
    extract::{Path, State},
    Json,
};
use composio_sdk::client::ComposioClient;
use serde_json::{json, Value};
use tracing::instrument;

use crate::auth::AuthUser;

#[derive(Clone)]
pub struct AppState {
    pub composio: Arc<ComposioClient>,
}

pub async fn mcp_config(State(state): State<AppState>, user: AuthUser) -> Json<Value> {
    let session = state.composio.create_session(user.id.clone()).toolkits(vec!["github"]).send().await.unwrap(); // [expect CS004]
    tracing::info!(mcp_url = %session.mcp_url(), user_id = %user.id, "issued MCP config");
    Json(json!({ "mcpServers": { "composio": { "url": session.mcp_url() } } }))
}

pub async fn start_chat(State(state): State<AppState>, user: AuthUser) -> Json<Value> {
    let session = state.composio.create_session(user.id.clone()).toolkits(vec!["gmail"]).send().await.unwrap(); // [expect CS004]
    Json(json!({
        "session_id": session.session_id(),
        "mcp_url": session.mcp_url(),
    }))
}

#[instrument(skip_all, fields(user_id = %user.id))]
pub async fn resume_chat(
    State(state): State<AppState>,
    user: AuthUser,
    Path(sid): Path<String>,
) -> Json<Value> {
    let session = state.composio.get_session(&sid).await.unwrap(); // [expect CS004]
    tracing::info!(tools = session.tools().len(), "resumed chat");
    Json(json!({ "ok": true }))
}

pub async fn resume_chat_logged(
    State(state): State<AppState>,
    user: AuthUser,
    Path(sid): Path<String>,
) -> Json<Value> {
    let session = state.composio.get_session(&sid).await.unwrap();
    tracing::info!(session_id = %session.session_id(), user_id = %user.id, "resumed chat");
    Json(json!({ "ok": true, "tools": session.tools().len() }))
}
