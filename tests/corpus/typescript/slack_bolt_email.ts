import { App, LogLevel } from '@slack/bolt';
import { Composio } from '@composio/core';

const composio = new Composio({ apiKey: process.env.COMPOSIO_API_KEY });

const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  logLevel: LogLevel.INFO,
});

async function emailFor(client: App['client'], slackUserId: string): Promise<string> {
  const info = await client.users.info({ user: slackUserId });
  const email = info.user?.profile?.email;
  if (!email) throw new Error(`no email on slack profile ${slackUserId}`);
  return email;
}

app.event('app_mention', async ({ event, client, say, logger }) => {
  const userEmail = await emailFor(client, event.user!);

  // Composio user = the member's work email, so it lines up with the CRM
  const session = await composio.create(
    userEmail, // [expect CS005]
    { toolkits: ['hubspot', 'gmail'] },
  );
  logger.info(`mention in ${event.channel}: composio session ${session.sessionId}`);

  const tools = await session.tools();
  await say({ thread_ts: event.ts, text: `I have ${Object.keys(tools).length} tools ready.` });
});

app.command('/connect-hubspot', async ({ command, ack, respond, client }) => {
  await ack();
  const email = await emailFor(client, command.user_id);
  const request = await composio.connectedAccounts.initiate(email, process.env.HUBSPOT_AUTH_CONFIG_ID!, { // [expect CS005]
    callbackUrl: `${process.env.PUBLIC_URL}/slack/connected`,
  });
  await respond({ response_type: 'ephemeral', text: `Connect HubSpot: ${request.redirectUrl}` });
});

(async () => {
  await app.start(Number(process.env.PORT) || 3000);
  app.logger.info('bolt app running');
})();
