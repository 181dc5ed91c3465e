//! Notion writing assistant on actix-web. The agent state (client + session) is built once
//! in `main` and handed to every worker through `web::Data`.
use actix_web::{post, web, App, HttpResponse, HttpServer, Responder};
use composio_sdk::client::ComposioClient;
use composio_sdk::error::ComposioError;
use composio_sdk::session::Session;
use composio_sdk::MetaToolSlug;
use serde_json::json;

pub struct AgentState {
    client: ComposioClient,
    session: Session,
}

impl AgentState {
    pub async fn new(client: ComposioClient) -> Result<Self, ComposioError> {
        let owner = String::from("default"); // [expect CS001]
        let session = client.create_session(owner).toolkits(vec!["notion"]).send().await?; // [expect CS002]
        log::info!("agent session {}", session.session_id());
        Ok(Self { client, session })
    }

    pub async fn run(&self, user_id: &str, prompt: &str) -> Result<serde_json::Value, ComposioError> {
        log::info!("run for {user_id}: {} chars", prompt.len());
        self.session
            .execute_meta_tool(
                MetaToolSlug::ComposioSearchTools,
                json!({ "queries": [{ "use_case": prompt }] }),
            )
            .await
    }

    pub fn client(&self) -> &ComposioClient {
        &self.client
    }
}

#[post("/agent/{user_id}")]
async fn agent(data: web::Data<AgentState>, path: web::Path<String>, body: String) -> impl Responder {
    let user_id = path.into_inner();
    match data.run(&user_id, &body).await {
        Ok(v) => HttpResponse::Ok().json(v),
        Err(e) => {
            log::error!("agent failed for {user_id}: {e}");
            HttpResponse::BadGateway().finish()
        }
    }
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    env_logger::init();
    let client = ComposioClient::builder()
        .api_key(std::env::var("COMPOSIO_API_KEY").expect("key"))
        .build()
        .expect("client");
    let state = web::Data::new(AgentState::new(client).await.expect("agent state"));

    HttpServer::new(move || App::new().app_data(state.clone()).service(agent))
        .workers(4)
        .bind(("0.0.0.0", 8080))?
        .run()
        .await
}
