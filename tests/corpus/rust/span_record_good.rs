//! Agent API with tracing spans. Session ids reach the logs through span attributes and a
//! copied local rather than a plain `info!` call.
use axum::{extract::State, Json};
use composio_sdk::client::ComposioClient;
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;
use tracing::{field, info, instrument, Instrument, Span};

use crate::auth::AuthUser;

#[derive(Clone)]
pub struct ApiState {
    pub composio: Arc<ComposioClient>,
}

#[derive(Deserialize)]
pub struct TaskBody {
    pub prompt: String,
}

#[instrument(skip_all, fields(user_id = %user.id, session_id = field::Empty))]
pub async fn run_task(
    State(state): State<ApiState>,
    user: AuthUser,
    Json(body): Json<TaskBody>,
) -> Json<Value> {
    let session = state
        .composio
        .create_session(&user.id)
        .toolkits(vec!["gmail"])
        .send()
        .await
        .expect("session");
    Span::current().record("session_id", field::display(session.session_id()));

    let out = crate::agent::run(&body.prompt, session.tools()).await;
    Json(json!({ "ok": out.is_ok() }))
}

pub async fn summarize(State(state): State<ApiState>, user: AuthUser) -> Json<Value> {
    let session = state
        .composio
        .create_session(&user.id)
        .toolkits(vec!["slack"])
        .send()
        .await
        .expect("session");
    let sid = session.session_id().to_owned();

    let summary = crate::agent::summarize_channels(session.tools()).await;
    info!(%sid, chars = summary.len(), "summary finished");
    Json(json!({ "summary": summary }))
}

pub async fn triage(State(state): State<ApiState>, user: AuthUser) -> Json<Value> {
    let session = state
        .composio
        .create_session(&user.id)
        .toolkits(vec!["linear"])
        .send()
        .await
        .expect("session");
    let span = tracing::info_span!("triage", session_id = %session.session_id());

    let count = async { crate::agent::triage(session.tools()).await }
        .instrument(span)
        .await;
    Json(json!({ "triaged": count }))
}
