use std::collections::HashMap;

use composio_sdk::ComposioClient;

async fn nested(client: &ComposioClient) -> anyhow::Result<()> {
    let s = client.create_session("default").send().await?;
    println!("{}", s.session_id());
    Ok(())
}

async fn adjacent(client: &ComposioClient, cache: &mut HashMap<String, Session>, user_id: String) -> anyhow::Result<()> {
    cache.insert(user_id.clone(), client.create_session(&user_id).send().await?);
    Ok(())
}

async fn multi_line(client: &ComposioClient, user: &User) -> anyhow::Result<()> {
    let s = client
        .create_session(&user.email)
        .send()
        .await?;
    println!("{}", s.session_id());
    Ok(())
}
