//! Chat backend that keeps one Composio session per user in memory "to save a round trip".
use std::collections::HashMap;
use std::sync::Arc;

use axum::{extract::State, http::StatusCode, Json};
use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::sync::Mutex;

use crate::auth::AuthUser;

#[derive(Clone)]
pub struct AppState {
    pub composio: Arc<ComposioClient>,
    pub sessions: Arc<Mutex<HashMap<String, Arc<Session>>>>,
}

#[derive(Deserialize)]
pub struct Msg {
    pub text: String,
}

pub async fn handle_message(
    State(state): State<AppState>,
    user: AuthUser,
    Json(msg): Json<Msg>,
) -> Result<Json<Value>, StatusCode> {
    let session = {
        let mut cache = state.sessions.lock().await;
        match cache.get(&user.id) {
            Some(s) => s.clone(),
            None => {
                let s = Arc::new(state.composio.create_session(user.id.clone()).toolkits(vec!["gmail", "slack"]).send().await.map_err(|_| StatusCode::BAD_GATEWAY)?); // [expect CS004]
                cache.insert(user.id.clone(), s.clone()); // [expect CS003]
                s
            }
        }
    };

    tracing::info!(user_id = %user.id, "handling message");
    let reply = crate::agent::reply(&msg.text, session.tools())
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(json!({ "reply": reply })))
}

pub async fn logout(State(state): State<AppState>, user: AuthUser) -> StatusCode {
    if let Some(s) = state.sessions.lock().await.remove(&user.id) {
        tracing::info!(session_id = %s.session_id(), "dropped cached session");
    }
    StatusCode::NO_CONTENT
}
