const { App } = require('@slack/bolt');
const { Composio } = require('@composio/core');
const Redis = require('ioredis');

const redis = new Redis(process.env.REDIS_URL);
const composio = new Composio();
const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  appToken: process.env.SLACK_APP_TOKEN,
  socketMode: true,
});

const TTL_SECONDS = 60 * 60 * 12;

function toolkitsForChannel(channelType) {
  switch (channelType) {
    case 'im':
      return ['gmail', 'googlecalendar'];
    case 'channel':
      return ['slack', 'linear'];
    default:
      return ['slack'];
  }
}

app.message(async ({ message, say, logger }) => {
  if (message.subtype) return;
  const threadTs = message.thread_ts || message.ts;
  const key = `slack:${message.channel}:${threadTs}:composio_session`;

  const storedId = await redis.get(key);
  let session;
  if (storedId) {
    session = await composio.use(storedId);
    logger.info(`resumed composio session ${session.sessionId} for thread ${threadTs}`);
  } else {
    session = await composio.create(message.user, { toolkits: toolkitsForChannel(message.channel_type) });
    await redis.set(key, session.sessionId, 'EX', TTL_SECONDS);
    logger.info(`new composio session ${session.sessionId} for thread ${threadTs}`);
  }

  const tools = await session.tools();
  await say({ thread_ts: threadTs, text: `(${Object.keys(tools).length} tools available)` });
});

(async () => {
  await app.start();
  console.log('bolt app running in socket mode');
})();
