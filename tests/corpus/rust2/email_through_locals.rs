use axum::{extract::State, http::StatusCode, Json};
use composio_sdk::ComposioClient;
use serde::Deserialize;
use std::sync::Arc;

#[derive(Clone)]
pub struct Ctx {
    pub composio: Arc<ComposioClient>,
}

#[derive(Deserialize)]
pub struct Claims {
    pub email: String,
    pub tenant: String,
}

#[derive(Deserialize)]
pub struct ConnectReq {
    pub email: Option<String>,
    pub toolkit: String,
}

pub async fn whoami_tools(State(ctx): State<Ctx>, claims: Claims) -> Result<Json<Vec<String>>, StatusCode> {
    let principal = claims.email.to_lowercase();
    let session = ctx
        .composio
        .create_session(&principal) // [expect CS005]
        .send()
        .await
        .map_err(|_| StatusCode::BAD_GATEWAY)?;
    tracing::info!(session_id = %session.session_id(), tenant = %claims.tenant, "whoami");
    Ok(Json(session.tools().to_vec()))
}

pub async fn connect(State(ctx): State<Ctx>, Json(req): Json<ConnectReq>) -> Result<String, StatusCode> {
    if let Some(email) = req.email.as_deref() {
        let session = ctx
            .composio
            .create_session(email) // [expect CS005]
            .toolkits(vec![req.toolkit.as_str()])
            .send()
            .await
            .map_err(|_| StatusCode::BAD_GATEWAY)?;
        tracing::info!(session_id = %session.session_id(), "connect flow");
        let link = session
            .create_auth_link(req.toolkit.as_str(), None)
            .await
            .map_err(|_| StatusCode::BAD_GATEWAY)?;
        return Ok(link.redirect_url);
    }
    Err(StatusCode::BAD_REQUEST)
}
