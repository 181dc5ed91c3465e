//! Background worker: resumes a conversation's session from its stored id for each queued
//! job, or starts one for a brand-new conversation. A same-file helper logs the id.
use std::sync::Arc;

use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;
use serde::Deserialize;
use serde_json::Value;
use tokio::sync::mpsc::Receiver;

#[derive(Debug, Deserialize)]
pub struct Job {
    pub id: u64,
    pub user_id: String,
    pub conversation_id: String,
    pub session_id: Option<String>,
    pub tool: String,
    #[serde(default)]
    pub arguments: Value,
}

fn record_session(session: &Session, job: &Job) {
    tracing::info!(
        session_id = %session.session_id(),
        job_id = job.id,
        conversation_id = %job.conversation_id,
        "job bound to session"
    );
}

async fn session_for(client: &ComposioClient, job: &Job) -> anyhow::Result<Session> {
    match &job.session_id {
        Some(sid) => {
            let session = client.get_session(sid).await?;
            record_session(&session, job);
            Ok(session)
        }
        None => {
            let session = client
                .create_session(job.user_id.clone())
                .toolkits(vec!["jira"])
                .send()
                .await?;
            record_session(&session, job);
            crate::store::save_session_id(&job.conversation_id, session.session_id()).await?;
            Ok(session)
        }
    }
}

pub async fn run(client: Arc<ComposioClient>, mut jobs: Receiver<Job>) {
    while let Some(job) = jobs.recv().await {
        let client = Arc::clone(&client);
        tokio::spawn(async move {
            let outcome = match session_for(&client, &job).await {
                Ok(session) => session.execute_tool(&job.tool, job.arguments.clone()).await,
                Err(e) => {
                    tracing::error!(job_id = job.id, error = %e, "no session");
                    return;
                }
            };
            if let Err(e) = outcome {
                tracing::warn!(job_id = job.id, error = %e, "tool failed");
            }
        });
    }
}
