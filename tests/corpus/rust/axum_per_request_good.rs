//! Inbox assistant: one fresh Composio session per chat request.
use std::sync::Arc;

use axum::{
    extract::State,
    http::StatusCode,
    routing::post,
    Json, Router,
};
use composio_sdk::client::ComposioClient;
use serde::{Deserialize, Serialize};
use tracing::{debug, info, warn};

use crate::auth::AuthUser;

#[derive(Clone)]
pub struct AppState {
    pub composio: Arc<ComposioClient>,
    pub model: Arc<crate::llm::Model>,
}

#[derive(Debug, Deserialize)]
pub struct ChatRequest {
    pub message: String,
    #[serde(default)]
    pub toolkits: Vec<String>,
}

#[derive(Debug, Serialize, Default)]
pub struct ChatResponse {
    pub reply: String,
    pub tool_calls: usize,
}

pub fn router(state: AppState) -> Router {
    Router::new().route("/v1/chat", post(chat)).with_state(state)
}

async fn chat(
    State(state): State<AppState>,
    user: AuthUser,
    Json(req): Json<ChatRequest>,
) -> Result<Json<ChatResponse>, StatusCode> {
    debug!(email = %user.email, "chat request from authenticated user");

    let toolkits = if req.toolkits.is_empty() {
        vec!["gmail".to_string(), "googlecalendar".to_string()]
    } else {
        req.toolkits.clone()
    };

    let session = state
        .composio
        .create_session(user.id.to_string())
        .toolkits(toolkits)
        .manage_connections(true)
        .send()
        .await
        .map_err(|err| {
            warn!(error = %err, user_id = %user.id, "could not open composio session");
            StatusCode::BAD_GATEWAY
        })?;

    info!(session_id = %session.session_id(), user_id = %user.id, "session started");

    let tools = session.tools();
    let outcome = state
        .model
        .run(&req.message, tools)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;

    if outcome.reply.is_empty() {
        return Ok(Json(ChatResponse::default()));
    }

    Ok(Json(ChatResponse {
        reply: outcome.reply,
        tool_calls: outcome.tool_calls,
    }))
}
