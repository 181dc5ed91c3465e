//! `agentctl` — run one Composio tool from the command line.
use clap::Parser;
use composio_sdk::ComposioClient;

#[derive(Parser, Debug)]
#[command(name = "agentctl", about = "Run a Composio tool for one user")]
struct Args {
    /// Composio user id that owns the connected accounts.
    #[arg(long, env = "AGENTCTL_USER")]
    #[arg(default_value = "default")] // [expect CS001]
    user: String,

    /// Named settings profile in ~/.config/agentctl.
    #[arg(long, default_value = "default")]
    profile: String,

    /// Tool slug, e.g. GITHUB_LIST_REPOS.
    tool: String,

    /// JSON arguments for the tool.
    #[arg(long, default_value = "{}")]
    args: String,
}

fn settings_path(profile: &str) -> std::path::PathBuf {
    let base = dirs::config_dir().unwrap_or_else(|| ".".into());
    base.join("agentctl").join(format!("{profile}.json"))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let settings = std::fs::read_to_string(settings_path(&args.profile)).unwrap_or_default();
    let api_key = std::env::var("COMPOSIO_API_KEY")?;

    let client = ComposioClient::builder().api_key(api_key).build()?;
    let session = client.create_session(&args.user).send().await?;
    eprintln!("session {} (profile {})", session.session_id(), args.profile);

    let payload: serde_json::Value = serde_json::from_str(&args.args)?;
    let result = session.execute_tool(args.tool.as_str(), payload).await?;
    println!("{}", serde_json::to_string_pretty(&result.data)?);
    if settings.is_empty() {
        eprintln!("note: no settings file for profile {}", args.profile);
    }
    Ok(())
}
