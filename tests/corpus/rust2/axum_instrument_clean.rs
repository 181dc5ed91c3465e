use std::sync::{Arc, OnceLock};

use axum::{extract::State, http::StatusCode, Json};
use composio_sdk::ComposioClient;
use serde::Deserialize;
use sqlx::PgPool;
use tower_sessions::Session;
use tracing::{field, instrument, Span};

static DB: OnceLock<PgPool> = OnceLock::new();

#[derive(Clone)]
pub struct AppState {
    pub composio: Arc<ComposioClient>,
}

#[derive(Deserialize)]
pub struct RunReq {
    pub tool: String,
    pub args: serde_json::Value,
}

async fn current_user(session: &Session) -> Option<String> {
    session.get::<String>("user_id").await.ok().flatten()
}

#[instrument(skip_all, fields(user_id = field::Empty, session_id = field::Empty))]
pub async fn run_tool(
    State(state): State<AppState>,
    session: Session,
    Json(req): Json<RunReq>,
) -> Result<Json<serde_json::Value>, StatusCode> {
    let user_id = current_user(&session).await.ok_or(StatusCode::UNAUTHORIZED)?;
    Span::current().record("user_id", user_id.as_str());
    session
        .insert("last_tool", req.tool.clone())
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;

    let tr = state
        .composio
        .create_session(user_id.as_str())
        .send()
        .await
        .map_err(|_| StatusCode::BAD_GATEWAY)?;
    Span::current().record("session_id", tr.session_id());

    let pool = DB.get().ok_or(StatusCode::SERVICE_UNAVAILABLE)?;
    sqlx::query("insert into tool_runs (user_id, tool) values ($1, $2)")
        .bind(&user_id)
        .bind(&req.tool)
        .execute(pool)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;

    let out = tr
        .execute_tool(req.tool.as_str(), req.args)
        .await
        .map_err(|_| StatusCode::BAD_GATEWAY)?;
    Ok(Json(out.data))
}
