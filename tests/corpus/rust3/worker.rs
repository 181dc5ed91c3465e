// src/bin/worker.rs — pulls agent jobs from Redis and runs them with Composio sessions.
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};
use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;
use redis::AsyncCommands;
use serde::{Deserialize, Serialize};
use tokio::signal;
use tokio::time::sleep;
use tracing::{debug, error, info, instrument, warn};

use agent_worker::llm::run_prompt;

const QUEUE_KEY: &str = "agent:jobs";
const DEAD_LETTER_KEY: &str = "agent:jobs:dead";
const MAX_ATTEMPTS: u32 = 3;

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct WorkerConfig {
    pub redis_url: String,
    /// Identity for maintenance jobs that are not tied to a customer.
    pub user_id: String,
    pub toolkits: Vec<String>,
    pub poll_timeout_secs: u64,
}

impl Default for WorkerConfig {
    fn default() -> Self {
        Self {
            redis_url: "redis://127.0.0.1:6379".into(),
            user_id: "default".into(), // [expect CS001]
            toolkits: vec!["gmail".into(), "slack".into()],
            poll_timeout_secs: 5,
        }
    }
}

impl WorkerConfig {
    fn load(path: &Path) -> Result<Self> {
        if !path.exists() {
            return Ok(Self::default());
        }
        let raw = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        toml::from_str(&raw).context("parsing worker config")
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Job {
    Prompt { id: String, user_id: String, prompt: String, session_id: Option<String>, attempt: u32 },
    Maintenance { id: String, task: String },
}

impl Job {
    fn id(&self) -> &str {
        match self {
            Job::Prompt { id, .. } | Job::Maintenance { id, .. } => id,
        }
    }
}

#[instrument(skip(client, prompt))]
async fn run_prompt_job(
    client: &ComposioClient,
    cfg: &WorkerConfig,
    user_id: &str,
    prompt: &str,
    session_id: Option<&str>,
) -> Result<String> {
    let session: Session = match session_id {
        Some(existing) => {
            let session = client.get_session(existing).await?;
            info!(session_id = %session.session_id(), "resumed session for job");
            session
        }
        None => {
            let session = client.create_session(user_id).toolkits(cfg.toolkits.clone()).send().await?;
            info!(session_id = %session.session_id(), "created session for job");
            session
        }
    };
    run_prompt(&session, prompt).await
}

async fn run_maintenance(client: &ComposioClient, cfg: &WorkerConfig, task: &str) -> Result<()> {
    let session = client.create_session(&cfg.user_id).toolkits(vec!["googledrive"]).send().await?;
    info!(session_id = %session.session_id(), task, "maintenance session");
    let prompt = match task {
        "archive_old_files" => "Move files older than 180 days in the Shared folder to Archive.",
        "dedupe_contacts" => "Find duplicate contacts and list them; do not delete anything.",
        other => anyhow::bail!("unknown maintenance task {other}"),
    };
    run_prompt(&session, prompt).await.map(|_| ())
}

async fn handle(client: &ComposioClient, cfg: &WorkerConfig, redis: &mut redis::aio::MultiplexedConnection, job: Job) {
    let job_id = job.id().to_string();
    let outcome = match &job {
        Job::Prompt { user_id, prompt, session_id, attempt, .. } => {
            if *attempt > 0 {
                retry_prompt(client, &job).await.map(|_| ())
            } else {
                run_prompt_job(client, cfg, user_id, prompt, session_id.as_deref()).await.map(|_| ())
            }
        }
        Job::Maintenance { task, .. } => run_maintenance(client, cfg, task).await,
    };
    if let Err(err) = outcome {
        error!(%job_id, error = %err, "job failed");
        if let Job::Prompt { id, user_id, prompt, session_id, attempt } = job {
            let next = Job::Prompt { id, user_id, prompt, session_id, attempt: attempt + 1 };
            let key = if attempt + 1 >= MAX_ATTEMPTS { DEAD_LETTER_KEY } else { QUEUE_KEY };
            let payload = serde_json::to_string(&next).expect("serializable job");
            if let Err(err) = redis.lpush::<_, _, ()>(key, payload).await {
                error!(%job_id, error = %err, "could not requeue job");
            }
        }
    } else {
        debug!(%job_id, "job done");
    }
}

#[tokio::main]
async fn main() -> Result<()> {
    tracing_subscriber::fmt().with_env_filter("info").json().init();
    let cfg = WorkerConfig::load(Path::new("worker.toml"))?;
    let client = ComposioClient::builder().api_key(std::env::var("COMPOSIO_API_KEY")?).build()?;
    let redis_client = redis::Client::open(cfg.redis_url.as_str())?;
    let mut redis = redis_client.get_multiplexed_async_connection().await?;
    info!(queue = QUEUE_KEY, "worker started");

    loop {
        tokio::select! {
            _ = signal::ctrl_c() => {
                info!("shutting down");
                break;
            }
            popped = redis.brpop::<_, Option<(String, String)>>(QUEUE_KEY, cfg.poll_timeout_secs as f64) => {
                match popped {
                    Ok(Some((_, payload))) => match serde_json::from_str::<Job>(&payload) {
                        Ok(job) => handle(&client, &cfg, &mut redis, job).await,
                        Err(err) => warn!(error = %err, "dropping malformed job"),
                    },
                    Ok(None) => continue,
                    Err(err) => {
                        error!(error = %err, "redis error, backing off");
                        sleep(Duration::from_secs(2)).await;
                    }
                }
            }
        }
    }
    Ok(())
}

/// Retries reuse the job's original session so the whole attempt history is in one trace.
async fn retry_prompt(client: &ComposioClient, job: &Job) -> Result<String> {
    let Job::Prompt { id, prompt, session_id: Some(session_id), attempt, .. } = job else {
        anyhow::bail!("job {} cannot be retried", job.id());
    };
    warn!(job_id = %id, attempt, "retrying prompt job");
    let session = client.get_session(session_id).await?; // [expect CS004]
    run_prompt(&session, prompt).await
}
