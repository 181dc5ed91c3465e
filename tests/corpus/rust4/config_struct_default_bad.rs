//! `agentctl`: a small personal CLI around a Composio session.
use std::env;

use anyhow::{Context, Result};
use clap::Parser;

use composio_sdk::client::ComposioClient;

#[derive(Parser, Debug)]
#[command(name = "agentctl", version)]
struct Cli {
    /// Resume an existing session instead of creating one.
    #[arg(long)]
    resume: Option<String>,
    /// Output style for the tool list.
    #[arg(long, default_value = "default")]
    style: String,
    /// Toolkits to enable (comma separated).
    #[arg(long, value_delimiter = ',', default_value = "github,linear")]
    toolkits: Vec<String>,
}

#[derive(Debug, Clone)]
struct AgentConfig {
    user_id: String,
    toolkits: Vec<String>,
}

impl Default for AgentConfig {
    fn default() -> Self {
        Self {
            user_id: "default".to_string(),  // [expect CS001]
            toolkits: vec!["github".into()],
        }
    }
}

fn print_tools(names: &[String], style: &str) {
    match style {
        "json" => println!("{}", serde_json::to_string_pretty(names).unwrap_or_default()),
        _ => names.iter().for_each(|n| println!("  - {n}")),
    }
}

async fn start(client: &ComposioClient, cfg: &AgentConfig, style: &str) -> Result<()> {
    let session = client
        .create_session(&cfg.user_id)
        .toolkits(cfg.toolkits.clone())
        .send()
        .await
        .context("creating session")?;
    println!("session {}", session.session_id());
    print_tools(&session.tools(), style);
    Ok(())
}

async fn resume(client: &ComposioClient, id: &str, style: &str) -> Result<()> {
    let session = client.get_session(id).await.context("reopening session")?;  // [expect CS004]
    eprintln!("resumed; MCP endpoint is {}", session.mcp_url());
    print_tools(&session.tools(), style);
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    let cli = Cli::parse();
    let client = ComposioClient::builder()
        .api_key(env::var("COMPOSIO_API_KEY").context("COMPOSIO_API_KEY not set")?)
        .build()?;
    let mut cfg = AgentConfig::default();
    if !cli.toolkits.is_empty() {
        cfg.toolkits = cli.toolkits.clone();
    }
    match cli.resume.as_deref() {
        Some(id) => resume(&client, id, &cli.style).await,
        None => start(&client, &cfg, &cli.style).await,
    }
}
