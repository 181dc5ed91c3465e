use std::env;
use std::sync::Arc;

use axum::{
    extract::State,
    http::{HeaderMap, StatusCode},
    routing::{get, post},
    Extension, Json, Router,
};
use serde_json::{json, Value};

use composio_sdk::client::ComposioClient;

/// Used when the embedding page forgets to send `x-user-id`.
const FALLBACK_USER: &str = "default";  // [expect CS001]

#[derive(Clone)]
pub struct AppState {
    pub composio: Arc<ComposioClient>,
    pub aws_profile: String,
}

#[derive(Clone)]
pub struct Profile {
    pub id: String,
    pub email: String,
}

impl AppState {
    pub fn from_env(composio: ComposioClient) -> Self {
        // "default" here is the AWS credentials profile name.
        let aws_profile = env::var("AWS_PROFILE").unwrap_or_else(|_| "default".into());
        Self { composio: Arc::new(composio), aws_profile }
    }
}

async fn widget_tools(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Value>, StatusCode> {
    let uid = headers
        .get("x-user-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or(FALLBACK_USER);
    let session = state
        .composio
        .create_session(uid)
        .toolkits(vec!["hackernews", "weathermap"])
        .send()
        .await
        .map_err(|_| StatusCode::BAD_GATEWAY)?;
    tracing::info!(session_id = %session.session_id(), "widget session");
    Ok(Json(json!({ "tools": session.tools().len() })))
}

async fn connect_gmail(
    State(state): State<AppState>,
    Extension(profile): Extension<Profile>,
) -> Result<Json<Value>, StatusCode> {
    let session = state.composio.create_session(&profile.email).toolkits(vec!["gmail"]).send().await  // [expect CS005]
        .map_err(|_| StatusCode::BAD_GATEWAY)?;
    tracing::info!(session_id = %session.session_id(), profile = %profile.id, "gmail connect");
    Ok(Json(json!({ "session_id": session.session_id() })))
}

async fn health(State(state): State<AppState>) -> Json<Value> {
    Json(json!({ "ok": true, "aws_profile": state.aws_profile }))
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/widget/tools", get(widget_tools))
        .route("/connect/gmail", post(connect_gmail))
        .route("/health", get(health))
        .with_state(state)
}
