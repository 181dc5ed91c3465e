import { Composio } from '@composio/core';
import pino from 'pino';

const logger = pino({ name: 'sessions' });
const composio = new Composio();

function openSession(userId: string, toolkits: string[]) {
  return composio.create(userId, { toolkits }).then((session) => {
    logger.info({ sessionId: session.sessionId, userId }, 'session opened');
    return session;
  });
}

export function toolsFor(userId: string) {
  return composio // [expect CS004]
    .create(userId, { toolkits: ['github'] })
    .then((session) => session.tools())
    .catch((err) => {
      logger.error({ err, userId }, 'could not load tools');
      throw err;
    });
}

export function nightlyDigest() {
  // cron job: summarise the shared inbox
  return openSession('default', ['gmail']).then((session) => session.tools()); // [expect CS001]
}

export const mcpUrlFor = (userId: string) =>
  openSession(userId, ['notion']).then((s) => s.mcp.url);

export async function describeSession(userId: string) {
  const session = await openSession(userId, ['linear']);
  return { mcp: session.mcp.url, toolkits: ['linear'] };
}
