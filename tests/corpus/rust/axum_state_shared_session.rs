//! Issue triage service. The triage session is opened once at startup and parked in the
//! router state; every request reuses it.
use std::{env, sync::Arc};

use axum::{
    extract::State,
    routing::{get, post},
    Json, Router,
};
use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::auth::AuthUser;

const TRIAGE_USER: &str = "triage-service";

#[derive(Clone)]
struct AppState {
    composio: Arc<ComposioClient>,
    triage: Arc<Session>,
}

#[derive(Deserialize)]
struct IssueBody {
    title: String,
    description: String,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt::init();
    let composio = Arc::new(ComposioClient::builder().api_key(env::var("COMPOSIO_API_KEY")?).build()?);
    let triage = composio.create_session(TRIAGE_USER).toolkits(vec!["linear", "github"]).send().await?; // [expect CS002] [expect CS004]
    tracing::info!("triage session ready");

    let state = AppState {
        composio: composio.clone(),
        triage: Arc::new(triage),
    };
    let app = Router::new()
        .route("/triage", post(triage_issue))
        .route("/me/tools", get(my_tools))
        .with_state(state);

    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await?;
    axum::serve(listener, app).await?;
    Ok(())
}

async fn triage_issue(State(state): State<AppState>, user: AuthUser, Json(issue): Json<IssueBody>) -> Json<Value> {
    tracing::info!(user_id = %user.id, "triage requested");
    let created = state
        .triage
        .execute_tool(
            "LINEAR_CREATE_LINEAR_ISSUE",
            json!({ "title": issue.title, "description": issue.description }),
        )
        .await;
    Json(json!({ "ok": created.is_ok() }))
}

async fn my_tools(State(state): State<AppState>, user: AuthUser) -> Json<Value> {
    let session = state
        .composio
        .create_session(user.id.clone())
        .send()
        .await
        .expect("per-user session");
    tracing::info!(session_id = %session.session_id(), user_id = %user.id, "per-user session");
    Json(json!({ "tools": session.tools().len() }))
}
