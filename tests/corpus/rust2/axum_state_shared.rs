//! Support bot: one Composio session opened at boot and handed to every request.
use std::sync::Arc;

use axum::{extract::State, routing::post, Json, Router};
use composio_sdk::{client::ComposioClient, session::Session};
use serde::{Deserialize, Serialize};

#[derive(Clone)]
struct AppState {
    session: Arc<Session>,
}

#[derive(Deserialize)]
struct Ask {
    user_id: String,
    question: String,
}

#[derive(Serialize)]
struct Answer {
    text: String,
}

async fn ask(State(state): State<AppState>, Json(ask): Json<Ask>) -> Json<Answer> {
    let res = state
        .session
        .execute_tool(
            "COMPOSIO_SEARCH_TOOLS",
            serde_json::json!({ "query": ask.question, "requester": ask.user_id }),
        )
        .await;
    let text = match res {
        Ok(r) => r.data.to_string(),
        Err(e) => format!("error: {e}"),
    };
    Json(Answer { text })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt::init();
    let client = ComposioClient::builder()
        .api_key(std::env::var("COMPOSIO_API_KEY")?)
        .build()?;

    let session = client // [expect CS002]
        .create_session("support-bot")
        .toolkits(vec!["zendesk", "slack"])
        .send()
        .await?;
    tracing::info!(session_id = %session.session_id(), "support session ready");

    let state = AppState {
        session: Arc::new(session),
    };
    let app = Router::new().route("/ask", post(ask)).with_state(state);
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await?;
    axum::serve(listener, app).await?;
    Ok(())
}
