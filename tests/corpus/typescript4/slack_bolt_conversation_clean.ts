import { App, LogLevel } from '@slack/bolt';
import { Composio, type ToolRouterSession } from '@composio/core';
import pino from 'pino';

const log = pino({ name: 'slack-agent' });
const composio = new Composio({ apiKey: process.env.COMPOSIO_API_KEY });

const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  logLevel: LogLevel.INFO,
});

// 'default' is the renderer preset for Block Kit replies, not a user.
const RENDER_PRESET = 'default';

/** One Composio session per Slack thread; the thread is the conversation. */
class ThreadConversation {
  private session?: ToolRouterSession;

  constructor(readonly threadTs: string, readonly teamId: string) {}

  async tools() {
    if (!this.session) {
      // Connections are made per workspace, so the workspace is the Composio user.
      this.session = await composio.create(`workspace_${this.teamId}`, {
        toolkits: ['linear', 'notion'],
      });
      log.info({ sessionId: this.session.sessionId, thread: this.threadTs }, 'thread session');
    }
    return this.session.tools();
  }
}

const conversations = new Map<string, ThreadConversation>();

function conversationFor(teamId: string, threadTs: string): ThreadConversation {
  let convo = conversations.get(threadTs);
  if (!convo) {
    convo = new ThreadConversation(threadTs, teamId);
    conversations.set(threadTs, convo);
  }
  return convo;
}

app.use(async ({ next, logger }) => {
  const started = Date.now();
  await next();
  logger.debug(`handled in ${Date.now() - started}ms`);
});

app.event('app_mention', async ({ event, body, say }) => {
  const threadTs = event.thread_ts ?? event.ts;
  const convo = conversationFor(body.team_id ?? 'unknown', threadTs);
  const tools = await convo.tools();
  await say({
    thread_ts: threadTs,
    text: `I can use ${Object.keys(tools).length} tools here (${RENDER_PRESET} layout).`,
  });
});

(async () => {
  await app.start(Number(process.env.PORT ?? 3000));
  log.info('slack agent running');
})();
