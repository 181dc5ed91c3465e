//! actix-web agent endpoint. The long-lived thing in `web::Data` is the client, never a session.
use actix_web::{get, post, web, App, HttpResponse, HttpServer, Responder};
use composio_sdk::client::ComposioClient;
use composio_sdk::MetaToolSlug;
use serde::Deserialize;
use serde_json::json;

pub struct AppState {
    pub composio: ComposioClient,
    pub options: AgentOptions,
}

#[derive(Debug, Clone, Default)]
pub struct AgentOptions {
    pub max_steps: u32,
    pub dry_run: bool,
    pub toolkits: Vec<String>,
}

#[derive(Deserialize)]
pub struct SearchBody {
    pub query: String,
}

#[post("/users/{user_id}/search")]
async fn search(
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<SearchBody>,
) -> impl Responder {
    let user_id = path.into_inner();
    let session = match state
        .composio
        .create_session(user_id.clone())
        .toolkits(state.options.toolkits.clone())
        .send()
        .await
    {
        Ok(s) => s,
        Err(e) => {
            log::error!("session create failed for {user_id}: {e}");
            return HttpResponse::BadGateway().finish();
        }
    };
    log::info!(target: "agent", "session={} user={}", session.session_id(), user_id);

    let result = session
        .execute_meta_tool(
            MetaToolSlug::ComposioSearchTools,
            json!({ "queries": [{ "use_case": body.query }] }),
        )
        .await;

    match result {
        Ok(v) => HttpResponse::Ok().json(v),
        Err(e) => HttpResponse::InternalServerError().body(e.to_string()),
    }
}

#[get("/healthz")]
async fn healthz() -> impl Responder {
    HttpResponse::Ok().body("ok")
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    env_logger::init();
    let composio = ComposioClient::builder()
        .api_key(std::env::var("COMPOSIO_API_KEY").expect("COMPOSIO_API_KEY"))
        .build()
        .expect("composio client");
    let options = AgentOptions {
        max_steps: 6,
        toolkits: vec!["notion".into(), "linear".into()],
        ..Default::default()
    };
    let state = web::Data::new(AppState { composio, options });

    HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(web::JsonConfig::default().limit(64 * 1024))
            .service(search)
            .service(healthz)
    })
    .bind(("0.0.0.0", 8080))?
    .run()
    .await
}
