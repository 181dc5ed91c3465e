//! Weekly digest mailer. Web login sessions live in Postgres; tool sessions in Composio.
use std::time::Duration;

use anyhow::Result;
use lettre::{message::Mailbox, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::PgPool;
use uuid::Uuid;

use composio_sdk::client::ComposioClient;

pub struct Account {
    pub id: Uuid,
    pub email: String,
    pub email_verified: bool,
}

/// Cookie sessions for the web app (not Composio).
pub struct SessionStore {
    pool: PgPool,
}

impl SessionStore {
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    pub async fn create_session(&self, login: &str, ttl: Duration) -> Result<String> {
        let token = Uuid::new_v4().to_string();
        sqlx::query("INSERT INTO web_sessions (token, login, expires_at) VALUES ($1, $2, now() + $3)")
            .bind(&token)
            .bind(login)
            .bind(ttl.as_secs() as i64)
            .execute(&self.pool)
            .await?;
        Ok(token)
    }
}

pub async fn login(store: &SessionStore, acct: &Account) -> Result<String> {
    // Web login is keyed by email address; this never touches Composio.
    store.create_session(&acct.email, Duration::from_secs(3600)).await
}

pub async fn weekly_digest(
    composio: &ComposioClient,
    mailer: &AsyncSmtpTransport<Tokio1Executor>,
    acct: &Account,
) -> Result<()> {
    if !acct.email_verified {
        return Ok(());
    }
    let user_id = acct.id.to_string();
    let session = composio
        .create_session(&user_id)
        .toolkits(vec!["googlecalendar"])
        .send()
        .await?;
    tracing::info!(session_id = %session.session_id(), account = %acct.id, "digest session");

    let to: Mailbox = acct.email.parse()?;
    let msg = Message::builder()
        .from("Digest <digest@example.com>".parse()?)
        .to(to)
        .subject("Your week ahead")
        .body(format!("{} calendar tools were checked for you.", session.tools().len()))?;
    mailer.send(msg).await?;
    Ok(())
}
