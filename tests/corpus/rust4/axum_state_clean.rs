use std::sync::Arc;

use axum::{
    extract::State,
    http::StatusCode,
    routing::post,
    Extension, Json, Router,
};
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use tower_sessions::Session;

use composio_sdk::client::ComposioClient;

#[derive(Clone)]
pub struct AppState {
    pub composio: Arc<ComposioClient>,
    pub db: PgPool,
}

/// Verified JWT claims, inserted by the auth layer.
#[derive(Clone)]
pub struct Claims {
    pub sub: String,
    pub email: String,
}

#[derive(Deserialize)]
pub struct RunRequest {
    pub prompt: String,
    #[serde(default)]
    pub toolkits: Vec<String>,
}

#[derive(Serialize)]
pub struct RunResponse {
    pub session_id: String,
    pub tool_count: usize,
}

fn internal<E: std::fmt::Display>(err: E) -> StatusCode {
    tracing::error!(%err, "request failed");
    StatusCode::INTERNAL_SERVER_ERROR
}

pub async fn run_agent(
    State(state): State<AppState>,
    Extension(claims): Extension<Claims>,
    web_session: Session,
    Json(req): Json<RunRequest>,
) -> Result<Json<RunResponse>, StatusCode> {
    let toolkits = if req.toolkits.is_empty() {
        vec!["github".to_string()]
    } else {
        req.toolkits
    };

    let tr = state
        .composio
        .create_session(&claims.sub)
        .toolkits(toolkits)
        .send()
        .await
        .map_err(internal)?;
    tracing::info!(session_id = %tr.session_id(), user = %claims.sub, "composio session created");

    // The cookie-backed HTTP session only remembers the id for the UI.
    web_session
        .insert("last_agent_session", tr.session_id().to_string())
        .await
        .map_err(internal)?;

    sqlx::query("INSERT INTO agent_runs (user_id, session_id, prompt) VALUES ($1, $2, $3)")
        .bind(&claims.sub)
        .bind(tr.session_id())
        .bind(&req.prompt)
        .execute(&state.db)
        .await
        .map_err(internal)?;

    Ok(Json(RunResponse {
        session_id: tr.session_id().to_string(),
        tool_count: tr.tools().len(),
    }))
}

pub fn router(state: AppState) -> Router {
    Router::new().route("/agent/run", post(run_agent)).with_state(state)
}
