use composio_sdk::ComposioClient;
use serde_json::json;

pub struct Customer {
    pub id: i64,
    pub email: String,
    pub email_verified: bool,
}

pub struct Mailer;

impl Mailer {
    pub async fn send(&self, to: &str, subject: &str) -> anyhow::Result<()> {
        tracing::debug!(to, subject, "queued mail");
        Ok(())
    }
}

pub async fn onboard(client: &ComposioClient, mailer: &Mailer, customer: &Customer) -> anyhow::Result<()> {
    if !customer.email_verified {
        mailer.send(&customer.email, "Please verify your address").await?;
        return Ok(());
    }

    let user_id = format!("cust_{}", customer.id);
    let session = client
        .create_session(&user_id)
        .toolkits(vec!["gmail", "github"])
        .auth_config("github", "default")
        .send()
        .await?;
    println!("onboarding session {} for {}", session.session_id(), customer.email);

    let contact_email = customer.email.clone();
    session
        .execute_tool(
            "GMAIL_SEND_EMAIL",
            json!({
                "recipient_email": contact_email,
                "subject": "Welcome aboard",
                "body": "Your workspace is ready.",
            }),
        )
        .await?;
    Ok(())
}
