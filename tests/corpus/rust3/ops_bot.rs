// src/bin/ops_bot.rs — Slack slash-command service for on-call engineers.
//
// `/ops <question>` answers from PagerDuty and Datadog with the team's shared tools;
// `/ops-me <question>` acts with the caller's own connections.
use std::env;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;
use hmac::{Hmac, Mac};
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::Sha256;
use tokio::sync::OnceCell;
use tracing::{info, warn};

use ops_bot::llm::answer_with_tools;

static OPS_SESSION: OnceCell<Session> = OnceCell::const_new();

#[derive(Clone)]
struct BotState {
    composio: Arc<ComposioClient>,
    signing_secret: Arc<String>,
    team_prefix: String,
}

#[derive(Debug, Deserialize)]
struct SlashCommand {
    team_id: String,
    user_id: String,
    user_name: String,
    command: String,
    text: String,
    response_url: String,
}

fn verify_signature(secret: &str, headers: &HeaderMap, body: &str) -> bool {
    let (Some(ts), Some(sig)) = (
        headers.get("x-slack-request-timestamp").and_then(|v| v.to_str().ok()),
        headers.get("x-slack-signature").and_then(|v| v.to_str().ok()),
    ) else {
        return false;
    };
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => return false,
    };
    mac.update(format!("v0:{ts}:{body}").as_bytes());
    let expected = format!("v0={}", hex::encode(mac.finalize().into_bytes()));
    expected == sig
}

/// Shared PagerDuty/Datadog tools, set up on first use.
async fn ops_session(client: &ComposioClient) -> &'static Session {
    OPS_SESSION
        .get_or_init(|| async {
            let bot_user = env::var("OPS_BOT_USER_ID").unwrap_or("default".into()); // [expect CS001]
            let session = client.create_session(&bot_user).toolkits(vec!["pagerduty", "datadog"]).send().await.expect("ops session"); // [expect CS002]
            info!(session_id = %session.session_id(), "ops session ready");
            session
        })
        .await
}

fn composio_user(state: &BotState, cmd: &SlashCommand) -> String {
    format!("{}:{}:{}", state.team_prefix, cmd.team_id, cmd.user_id)
}

fn ephemeral(text: impl Into<String>) -> Json<Value> {
    Json(json!({ "response_type": "ephemeral", "text": text.into() }))
}

async fn handle_ops(state: &BotState, cmd: &SlashCommand) -> Json<Value> {
    let session = ops_session(&state.composio).await;
    info!(caller = %cmd.user_name, "ops question");
    match answer_with_tools(session, &cmd.text).await {
        Ok(answer) => Json(json!({ "response_type": "in_channel", "text": answer })),
        Err(err) => {
            warn!(error = %err, "ops answer failed");
            ephemeral("Sorry, I couldn't reach PagerDuty or Datadog.")
        }
    }
}

async fn handle_ops_me(state: &BotState, cmd: &SlashCommand) -> Json<Value> {
    let user_id = composio_user(state, cmd);
    let session = match state.composio.create_session(&user_id).toolkits(vec!["github", "linear"]).send().await {
        Ok(session) => session,
        Err(err) => {
            warn!(error = %err, %user_id, "could not create session");
            return ephemeral("Could not start your session, try again.");
        }
    };
    info!(session_id = %session.session_id(), %user_id, "personal ops session");
    match answer_with_tools(&session, &cmd.text).await {
        Ok(answer) => ephemeral(answer),
        Err(err) => {
            warn!(error = %err, session_id = %session.session_id(), "personal answer failed");
            ephemeral("Something went wrong; the session id is in the logs.")
        }
    }
}

async fn slash(
    State(state): State<BotState>,
    headers: HeaderMap,
    body: String,
) -> Result<Json<Value>, StatusCode> {
    if !verify_signature(&state.signing_secret, &headers, &body) {
        return Err(StatusCode::UNAUTHORIZED);
    }
    let cmd: SlashCommand = serde_urlencoded::from_str(&body).map_err(|_| StatusCode::BAD_REQUEST)?;
    let reply = match cmd.command.as_str() {
        "/ops" => handle_ops(&state, &cmd).await,
        "/ops-me" => handle_ops_me(&state, &cmd).await,
        other => ephemeral(format!("Unknown command {other}")),
    };
    Ok(reply)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt().with_env_filter("info").init();
    let composio = ComposioClient::builder().api_key(env::var("COMPOSIO_API_KEY")?).build()?;
    let state = BotState {
        composio: Arc::new(composio),
        signing_secret: Arc::new(env::var("SLACK_SIGNING_SECRET")?),
        team_prefix: env::var("COMPOSIO_USER_PREFIX").unwrap_or_else(|_| "slack".into()),
    };
    let app = Router::new().route("/slack/commands", post(slash)).with_state(state);
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await?;
    info!("ops bot listening on :3000");
    axum::serve(listener, app).await?;
    Ok(())
}
