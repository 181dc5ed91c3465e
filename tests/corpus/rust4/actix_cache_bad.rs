use std::collections::HashMap;

use actix_web::{post, web, HttpRequest, HttpResponse, Responder};
use log::info;
use serde::Deserialize;
use tokio::sync::Mutex;

use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;

#[derive(Debug, Clone, Copy)]
pub enum JobStatus {
    Running,
    Done,
}

pub struct AppState {
    pub composio_client: ComposioClient,
    /// Tool sessions, reused for every request a user makes.
    pub sessions: Mutex<HashMap<String, Session>>,
    /// Last job status per user, shown on the dashboard.
    pub jobs: Mutex<HashMap<String, JobStatus>>,
}

#[derive(Deserialize)]
pub struct AssistBody {
    pub ticket: String,
}

fn caller(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get("x-user-id")
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned)
}

#[post("/assist")]
async fn assist(
    data: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<AssistBody>,
) -> impl Responder {
    let Some(uid) = caller(&req) else {
        return HttpResponse::Unauthorized().finish();
    };

    let session = {
        let mut cache = data.sessions.lock().await;
        match cache.get(&uid) {
            Some(s) => s.clone(),
            None => {
                let s = match data.composio_client.create_session(&uid).toolkits(vec!["jira"]).send().await {
                    Ok(s) => s,
                    Err(e) => return HttpResponse::BadGateway().body(e.to_string()),
                };
                info!("created jira session {} for {}", s.session_id(), uid);
                cache.insert(uid.clone(), s.clone());  // [expect CS003]
                s
            }
        }
    };

    data.jobs.lock().await.insert(uid.clone(), JobStatus::Running);
    let tools = session.tools().len();
    data.jobs.lock().await.insert(uid, JobStatus::Done);

    HttpResponse::Ok().json(serde_json::json!({
        "ticket": body.ticket,
        "tools": tools,
    }))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(assist);
}
