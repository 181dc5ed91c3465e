// src/main.rs — HTTP API for the assistant (axum + composio-sdk).
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tokio::sync::RwLock;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tracing::{error, info, warn};

use crate::auth::AuthUser;
use crate::llm::run_agent;

const DEFAULT_TOOLKITS: [&str; 3] = ["gmail", "googlecalendar", "slack"];

#[derive(Clone)]
struct AppState {
    composio: Arc<ComposioClient>,
    db: sqlx::PgPool,
    // Recently used sessions, so quick follow-up messages skip session creation.
    sessions: Arc<RwLock<HashMap<String, Session>>>,
}

#[derive(Deserialize)]
struct ChatRequest {
    message: String,
    #[serde(default)]
    toolkits: Vec<String>,
}

#[derive(Serialize)]
struct ChatResponse {
    reply: String,
    session_id: String,
}

#[derive(Deserialize)]
struct ToolsQuery {
    toolkit: Option<String>,
}

struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1 }))).into_response()
    }
}

impl From<composio_sdk::error::Error> for ApiError {
    fn from(err: composio_sdk::error::Error) -> Self {
        error!(error = %err, "composio call failed");
        ApiError(StatusCode::BAD_GATEWAY, "upstream error".into())
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        error!(error = %err, "database error");
        ApiError(StatusCode::INTERNAL_SERVER_ERROR, "database error".into())
    }
}

fn toolkits_or_default(requested: &[String]) -> Vec<String> {
    if requested.is_empty() {
        DEFAULT_TOOLKITS.iter().map(|s| s.to_string()).collect()
    } else {
        requested.to_vec()
    }
}

async fn chat(
    State(state): State<AppState>,
    user: AuthUser,
    Json(req): Json<ChatRequest>,
) -> Result<Json<ChatResponse>, ApiError> {
    let cached = state.sessions.read().await.get(&user.id).cloned();
    let session = match cached {
        Some(session) => session,
        None => {
            let toolkits = toolkits_or_default(&req.toolkits);
            let session = state.composio.create_session(&user.id).toolkits(toolkits).send().await?;
            info!(session_id = %session.session_id(), user_id = %user.id, "session created");
            state.sessions.write().await.insert(user.id.clone(), session.clone()); // [expect CS003]
            session
        }
    };
    let reply = run_agent(&session, &req.message).await.map_err(|e| ApiError(StatusCode::BAD_GATEWAY, e.to_string()))?;
    Ok(Json(ChatResponse { reply, session_id: session.session_id().to_string() }))
}

async fn start_thread(
    State(state): State<AppState>,
    user: AuthUser,
    Json(req): Json<ChatRequest>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let session = state.composio.create_session(&user.id).toolkits(toolkits_or_default(&req.toolkits)).send().await?;
    let session_id = session.session_id().to_string();
    info!(%session_id, user_id = %user.id, "thread started");
    let thread_id: i64 = sqlx::query_scalar("INSERT INTO threads (owner_id, composio_session_id) VALUES ($1, $2) RETURNING id")
        .bind(&user.id)
        .bind(&session_id)
        .fetch_one(&state.db)
        .await?;
    Ok((StatusCode::CREATED, Json(json!({ "thread_id": thread_id, "session_id": session_id }))))
}

async fn continue_thread(
    State(state): State<AppState>,
    user: AuthUser,
    Path(thread_id): Path<i64>,
    Json(req): Json<ChatRequest>,
) -> Result<Json<ChatResponse>, ApiError> {
    let stored: Option<String> =
        sqlx::query_scalar("SELECT composio_session_id FROM threads WHERE id = $1 AND owner_id = $2")
            .bind(thread_id)
            .bind(&user.id)
            .fetch_optional(&state.db)
            .await?;
    let Some(stored) = stored else {
        return Err(ApiError(StatusCode::NOT_FOUND, "thread not found".into()));
    };
    let session = state.composio.get_session(&stored).await?;
    info!(session_id = %session.session_id(), thread_id, "thread resumed");
    let reply = run_agent(&session, &req.message).await.map_err(|e| ApiError(StatusCode::BAD_GATEWAY, e.to_string()))?;
    Ok(Json(ChatResponse { reply, session_id: session.session_id().to_string() }))
}

async fn connect(
    State(state): State<AppState>,
    user: AuthUser,
    Path(toolkit): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let session = state.composio.create_session(&user.email).toolkits(vec![toolkit.clone()]).send().await?; // [expect CS005]
    info!(session_id = %session.session_id(), %toolkit, "connect session");
    let link = session.authorize(&toolkit).await?;
    Ok(Json(json!({ "redirect_url": link.redirect_url })))
}

async fn tools(
    State(state): State<AppState>,
    user: AuthUser,
    Query(q): Query<ToolsQuery>,
) -> Result<Json<Vec<String>>, ApiError> {
    let toolkits = q.toolkit.map(|t| vec![t]).unwrap_or_else(|| toolkits_or_default(&[]));
    let session = state.composio.create_session(&user.id).toolkits(toolkits).send().await?;
    info!(session_id = %session.session_id(), "listing tools");
    Ok(Json(session.tools().iter().map(|t| t.slug.clone()).collect()))
}

async fn health() -> &'static str {
    "ok"
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt().with_env_filter("info,tower_http=debug").json().init();

    let api_key = std::env::var("COMPOSIO_API_KEY")?;
    let composio = ComposioClient::builder().api_key(api_key).build()?;
    let db = sqlx::postgres::PgPoolOptions::new()
        .max_connections(10)
        .connect(&std::env::var("DATABASE_URL")?)
        .await?;

    let state = AppState { composio: Arc::new(composio), db, sessions: Arc::new(RwLock::new(HashMap::new())) };

    let app = Router::new()
        .route("/healthz", get(health))
        .route("/api/chat", post(chat))
        .route("/api/threads", post(start_thread))
        .route("/api/threads/{thread_id}/messages", post(continue_thread))
        .route("/api/connect/{toolkit}", post(connect))
        .route("/api/tools", get(tools))
        .layer(TimeoutLayer::new(Duration::from_secs(60)))
        .layer(TraceLayer::new_for_http())
        .with_state(state);

    let addr: SocketAddr = std::env::var("BIND").unwrap_or_else(|_| "0.0.0.0:8080".into()).parse()?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    info!(%addr, "listening");
    if let Err(err) = axum::serve(listener, app).await {
        warn!(error = %err, "server stopped");
    }
    Ok(())
}
