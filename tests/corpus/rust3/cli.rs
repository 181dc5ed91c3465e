// src/bin/agentctl.rs — operator CLI: open, resume and inspect Composio sessions.
//
//   agentctl session new --user-id usr_42 --toolkit github --toolkit linear
//   agentctl session resume trs_abc123 --prompt "what changed today?"
//   agentctl connect --user-id usr_42 --toolkit gmail
use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;
use serde_json::json;

use agentctl::config::Profile;
use agentctl::llm::run_prompt;

#[derive(Parser)]
#[command(name = "agentctl", version, about = "Operate the assistant's Composio sessions")]
struct Cli {
    /// Credentials profile in ~/.config/agentctl/profiles.toml
    #[arg(long, global = true, default_value = "default")]
    profile: String,
    /// Print machine-readable JSON instead of text
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    #[command(subcommand)]
    Session(SessionCmd),
    /// Create a Connect Link for a user and toolkit
    Connect(ConnectArgs),
}

#[derive(Subcommand)]
enum SessionCmd {
    /// Create a new session for a user
    New(NewArgs),
    /// Reopen an existing session and optionally run a prompt in it
    Resume(ResumeArgs),
}

#[derive(Args)]
struct NewArgs {
    #[arg(long, env = "AGENTCTL_USER_ID")]
    user_id: String,
    #[arg(long = "toolkit", required = true)]
    toolkits: Vec<String>,
    #[arg(long)]
    prompt: Option<String>,
}

#[derive(Args)]
struct ResumeArgs {
    session_id: String,
    #[arg(long)]
    prompt: Option<String>,
}

#[derive(Args)]
struct ConnectArgs {
    #[arg(long)]
    user_id: String,
    #[arg(long)]
    toolkit: String,
}

fn print_session(session: &Session, as_json: bool) -> Result<()> {
    let mut out = io::stdout().lock();
    if as_json {
        let value = json!({ "session_id": session.session_id(), "mcp_url": session.mcp().url() });
        writeln!(out, "{value}")?;
    } else {
        writeln!(out, "mcp url: {}", session.mcp().url())?;
    }
    Ok(())
}

async fn maybe_prompt(session: &Session, prompt: Option<&str>) -> Result<()> {
    if let Some(prompt) = prompt {
        let answer = run_prompt(session, prompt).await.context("running prompt")?;
        println!("\n{answer}");
    }
    Ok(())
}

async fn new_session(client: &ComposioClient, args: &NewArgs, as_json: bool) -> Result<()> {
    if args.user_id.contains('@') {
        bail!("use the user's database id, not an e-mail address");
    }
    let session = client.create_session(&args.user_id).toolkits(args.toolkits.clone()).send().await?;
    eprintln!("session id: {}", session.session_id());
    print_session(&session, as_json)?;
    maybe_prompt(&session, args.prompt.as_deref()).await
}

async fn resume_session(client: &ComposioClient, args: &ResumeArgs, as_json: bool) -> Result<()> {
    let session = client.get_session(&args.session_id).await.context("session not found")?;
    eprintln!("resumed session id: {}", session.session_id());
    print_session(&session, as_json)?;
    maybe_prompt(&session, args.prompt.as_deref()).await
}

async fn connect(client: &ComposioClient, args: &ConnectArgs) -> Result<()> {
    let session = client.create_session(&args.user_id).toolkits(vec![args.toolkit.clone()]).send().await?;
    let id = session.session_id().to_string();
    log::info!("connect session {id} for toolkit {}", args.toolkit);
    let link = session.authorize(&args.toolkit).await?;
    println!("{}", link.redirect_url);
    Ok(())
}

async fn run(cli: Cli) -> Result<()> {
    let profile = Profile::load(&cli.profile).with_context(|| format!("loading profile {}", cli.profile))?;
    let client = ComposioClient::builder().api_key(profile.composio_api_key).build()?;
    match &cli.command {
        Command::Session(SessionCmd::New(args)) => new_session(&client, args, cli.json).await,
        Command::Session(SessionCmd::Resume(args)) => resume_session(&client, args, cli.json).await,
        Command::Connect(args) => connect(&client, args).await,
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    env_logger::init();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
