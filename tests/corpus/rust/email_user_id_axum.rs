//! Connect-your-apps flow and weekly digest. Users are identified by their login email.
use axum::{extract::Json, http::StatusCode};
use serde::Deserialize;
use serde_json::{json, Value};
use tracing::info;

use crate::auth::AuthUser;
use crate::infra::composio::shared_composio;
use crate::profiles::Profile;

#[derive(Deserialize)]
pub struct ConnectReq {
    pub toolkit: String,
}

pub async fn connect(user: AuthUser, Json(req): Json<ConnectReq>) -> Result<Json<Value>, StatusCode> {
    let composio = shared_composio();
    let session = composio.create_session(&user.email).toolkits(vec![req.toolkit.as_str()]).manage_connections(true).send().await // [expect CS005]
        .map_err(|_| StatusCode::BAD_GATEWAY)?;
    info!(session_id = %session.session_id(), toolkit = %req.toolkit, "connect session");

    let link = session
        .authorize(&req.toolkit)
        .await
        .map_err(|_| StatusCode::BAD_GATEWAY)?;
    Ok(Json(json!({ "redirect_url": link.redirect_url })))
}

pub async fn weekly_digest(user: AuthUser, profile: Profile) -> Result<(), StatusCode> {
    let composio = shared_composio();
    let owner = profile.email_address.clone();
    let session = composio.create_session(owner).toolkits(vec!["gmail", "github"]).send().await // [expect CS005]
        .map_err(|_| StatusCode::BAD_GATEWAY)?;
    info!(session_id = %session.session_id(), "digest session");

    let prs = session
        .execute_tool("GITHUB_LIST_PULL_REQUESTS", json!({ "state": "open", "per_page": 20 }))
        .await
        .map_err(|_| StatusCode::BAD_GATEWAY)?;
    session
        .execute_tool(
            "GMAIL_SEND_EMAIL",
            json!({
                "recipient_email": user.email,
                "subject": "Your weekly PR digest",
                "body": crate::digest::render(&prs),
            }),
        )
        .await
        .map_err(|_| StatusCode::BAD_GATEWAY)?;
    Ok(())
}
