//! `agentctl run` — a CLI that runs one agent task for the user named on the command line.
use std::env;
use std::path::PathBuf;

use clap::Parser;
use composio_sdk::client::ComposioClient;
use serde_json::json;

#[derive(Parser, Debug)]
#[command(name = "agentctl", about = "Run a one-off agent task")]
struct Args {
    /// Composio user id to act for (required; no fallback)
    #[arg(long, env = "AGENTCTL_USER_ID")]
    user_id: String,

    /// Local settings profile to load from ~/.config/agentctl/<profile>.toml
    #[arg(long, default_value = "default")]
    profile: String,

    #[arg(long, value_delimiter = ',', default_value = "github")]
    toolkits: Vec<String>,

    /// Task prompt
    prompt: String,
}

fn config_dir() -> PathBuf {
    let home = env::var("HOME").unwrap_or_else(|_| ".".to_string());
    PathBuf::from(home).join(".config/agentctl")
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let theme = env::var("AGENTCTL_THEME").unwrap_or_else(|_| "default".to_string());
    let settings_path = config_dir().join(format!("{}.toml", args.profile));
    let settings = std::fs::read_to_string(&settings_path).unwrap_or_default();

    let client = ComposioClient::builder()
        .api_key(env::var("COMPOSIO_API_KEY")?)
        .build()?;

    let session = client
        .create_session(args.user_id.as_str())
        .toolkits(args.toolkits.clone())
        .send()
        .await?;
    println!("session: {}", session.session_id());
    eprintln!("theme={theme} settings={} bytes", settings.len());

    let result = session
        .execute_tool("GITHUB_LIST_ISSUES", json!({ "state": "open", "q": args.prompt }))
        .await?;
    println!("{}", serde_json::to_string_pretty(&result)?);
    Ok(())
}
