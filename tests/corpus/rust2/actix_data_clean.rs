use actix_session::Session as HttpSession;
use actix_web::{post, web, HttpResponse, Responder};
use composio_sdk::ComposioClient;
use lazy_static::lazy_static;
use std::time::Duration;

lazy_static! {
    static ref SESSION_TTL: Duration = Duration::from_secs(15 * 60);
    static ref TOOLKITS: Vec<&'static str> = vec!["jira", "confluence"];
}

pub struct AppData {
    pub composio: ComposioClient,
    pub environment: String,
}

#[derive(serde::Deserialize)]
pub struct Body {
    pub query: String,
}

#[post("/users/{user_id}/search")]
pub async fn search(
    data: web::Data<AppData>,
    path: web::Path<String>,
    http_session: HttpSession,
    body: web::Json<Body>,
) -> actix_web::Result<impl Responder> {
    let user_id = path.into_inner();
    let _ = http_session.insert("user_id", &user_id);
    let _ = http_session.insert("ttl_secs", SESSION_TTL.as_secs());

    let session = match data.composio.create_session(&user_id).toolkits(TOOLKITS.clone()).send().await {
        Ok(s) => s,
        Err(e) => {
            log::error!("composio session failed for {user_id}: {e}");
            return Ok(HttpResponse::BadGateway().finish());
        }
    };
    log::info!("env={} session={} user={}", data.environment, session.session_id(), user_id);

    let out = session
        .execute_tool("JIRA_SEARCH_ISSUES", serde_json::json!({ "jql": body.query }))
        .await
        .map_err(actix_web::error::ErrorBadGateway)?;
    Ok(HttpResponse::Ok().json(out.data))
}
